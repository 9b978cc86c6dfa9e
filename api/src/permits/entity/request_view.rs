use sea_orm::entity::prelude::*;

/// When an account last received a request's state (opened it, or acted on it): the queue marks
/// requests changed since.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_request_views")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub request_id: Uuid,
    /// The request's revision they received: a later one is a change they have not seen.
    pub revision: i32,
    /// When they first received that revision.
    pub viewed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
