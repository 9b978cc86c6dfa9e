use sea_orm::entity::prelude::*;

/// One event for one subscription: written with the event, sent and retried until delivered or
/// given up.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    /// Also the `webhook-id` header (`msg_` and the id without dashes): the same on every retry,
    /// so the receiver can drop a duplicate.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub subscription_id: Uuid,
    pub event_type: String,
    /// The exact JSON body sent (and signed).
    pub payload: String,
    /// `pending`, `delivered` or `failed` (given up).
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_attempt_at: Option<DateTimeUtc>,
    /// The receiver's HTTP status at the last attempt, if it answered.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The `webhook-id` header.
    pub fn message_id(&self) -> String {
        format!("msg_{}", self.id.simple())
    }
}
