use sea_orm::entity::prelude::*;

use crate::messaging::outbox::EmailCategory;

/// One in-app notice to an account.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub category: EmailCategory,
    /// The [`crate::notifications::event::Event`], as JSON.
    pub event: Json,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    /// What the notice is about (the request or agreement), so opening it marks the notice read.
    pub subject_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
