use sea_orm::entity::prelude::*;

/// An applicant's request for more time to answer corrections, and the reviewer's answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_time_extensions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub requested_by: Uuid,
    /// Working days asked for.
    pub days: i32,
    pub reason: String,
    /// `pending`, `granted` or `refused`.
    pub status: String,
    pub decided_by: Option<Uuid>,
    pub decision_comment: Option<String>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
