use sea_orm::entity::prelude::*;

use crate::permits::workflow::Status;

/// One step of a request's life: who did what, when, from which status to which.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_history")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub comment: Option<String>,
    pub data: Option<Json>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
