use sea_orm::entity::prelude::*;

/// An administrative action.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub target_account_id: Option<Uuid>,
    pub reason: Option<String>,
    pub details: Option<Json>,
    pub created_at: DateTimeUtc,
    /// The client's address when the action came through the API, as the trusted proxies told
    /// it (`client_forwarded`) or as the TCP peer.
    pub client_address: Option<String>,
    pub client_forwarded: Option<bool>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
