use sea_orm::entity::prelude::*;

/// A client's webhook: where to deliver which events, signed with which secret.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_subscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub client_id: Uuid,
    pub url: String,
    /// The event types (a JSON array of strings).
    pub events: Json,
    /// `whsec_` and the base64 of the HMAC key (Standard Webhooks).
    pub secret: String,
    /// The secret before the last rotation, still signing beside the new one until
    /// `previous_secret_until`.
    pub previous_secret: Option<String>,
    pub previous_secret_until: Option<DateTimeUtc>,
    pub enabled: bool,
    pub disabled_at: Option<DateTimeUtc>,
    pub disabled_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn event_list(&self) -> Vec<String> {
        serde_json::from_value(self.events.clone()).unwrap_or_default()
    }
}
