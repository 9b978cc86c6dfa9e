use sea_orm::entity::prelude::*;

/// An EDS certificate bound to an account (a renewed one is added beside the old, R-3.3.1).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_certificates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub serial: String,
    pub thumbprint: String,
    pub issuer: String,
    pub not_before: DateTimeUtc,
    pub not_after: DateTimeUtc,
    pub bound_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
