use sea_orm::entity::prelude::*;

/// Someone the applicant invited, by email, to prepare a request with them (a designer, a
/// proxy): they see it and edit its form and documents; only the applicant signs.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_co_applicants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    /// Lower case: the invitee is whoever holds an account with this verified address.
    pub email: String,
    pub invited_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
