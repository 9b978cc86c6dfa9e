//! Webhooks (the Standard Webhooks specification, https://www.standardwebhooks.com): an API
//! client subscribes a receiver URL to event types; each event is written as one delivery per
//! matching subscription **in the transaction of the change it tells of** (an outbox: a crash
//! loses nothing), then a worker POSTs it signed (`webhook-id`, `webhook-timestamp`,
//! `webhook-signature`: HMAC-SHA256 by the `standardwebhooks` crate), retries with backoff, and
//! after a day of failures disables the subscription and emails the client's owner.
//!
//! - [`manage`]: subscriptions, their secrets, the delivery log, redelivery, the test ping.
//! - [`delivery`]: the worker.

pub mod delivery;
pub mod manage;
pub mod routes;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use uuid::Uuid;

use super::entity::{api_client, webhook_delivery, webhook_subscription};
use crate::{db::stamp, error::ApiError};

/// `[webhooks]` in the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct WebhookSettings {
    /// How often the worker looks for deliveries due, in milliseconds.
    pub poll_interval_ms: u64,
    /// How long a receiver has to answer, in seconds.
    pub timeout_secs: u64,
    /// A delivery failing for this long is given up and its subscription disabled.
    pub give_up_after_hours: i64,
    /// Receivers at `http://` addresses (development and tests only; production wants `https://`).
    pub allow_insecure_http: bool,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            poll_interval_ms: 1000,
            timeout_secs: 10,
            give_up_after_hours: 24,
            allow_insecure_http: false,
        }
    }
}

/// The event types a subscription may ask for, with what each tells.
pub const EVENT_TYPES: &[(&str, &str)] = &[
    (
        "permit_request.status_changed",
        "A request of the organisation moved to another status (submitted, in review, corrections asked, refused, approved, …)",
    ),
    (
        "approval_task.created",
        "The organisation was asked for an approval (its technical conditions) on a request",
    ),
    (
        "approval_task.answered",
        "An approving organisation answered a task on a request of the organisation, or the organisation's own task was answered",
    ),
];

/// The event every subscription receives when its owner asks for a test.
pub const PING: &str = "webhook.ping";

/// An event to deliver: its type, the organisations (BINs) whose clients may hear of it, and its
/// data.
pub struct Published<'a> {
    pub event_type: &'static str,
    pub organisations: &'a [&'a str],
    pub data: serde_json::Value,
}

/// The body of a delivery (Standard Webhooks' recommended shape).
fn payload(event_type: &str, data: &serde_json::Value, now: DateTime<Utc>) -> String {
    serde_json::json!({
        "type": event_type,
        "timestamp": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "data": data,
    })
    .to_string()
}

/// Writes one delivery for each enabled subscription of a live client of `event.organisations`
/// that asked for `event.event_type`, in `conn` (the transaction of the change).
pub async fn publish<C: ConnectionTrait>(
    conn: &C,
    event: Published<'_>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if event.organisations.is_empty() {
        return Ok(());
    }
    let clients: Vec<Uuid> = api_client::Entity::find()
        .filter(api_client::Column::OrganisationBin.is_in(event.organisations.iter().copied()))
        .filter(api_client::Column::RevokedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    if clients.is_empty() {
        return Ok(());
    }
    let subscriptions: Vec<Uuid> = webhook_subscription::Entity::find()
        .filter(webhook_subscription::Column::ClientId.is_in(clients))
        .filter(webhook_subscription::Column::Enabled.eq(true))
        .all(conn)
        .await?
        .into_iter()
        .filter(|s| s.event_list().iter().any(|e| e == event.event_type))
        .map(|s| s.id)
        .collect();
    if subscriptions.is_empty() {
        return Ok(());
    }
    let body = payload(event.event_type, &event.data, now);
    let rows = subscriptions
        .into_iter()
        .map(|subscription| new_delivery(subscription, event.event_type, body.clone(), now));
    webhook_delivery::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// A delivery due at once.
fn new_delivery(
    subscription: Uuid,
    event_type: &str,
    payload: String,
    now: DateTime<Utc>,
) -> webhook_delivery::ActiveModel {
    use sea_orm::Set;
    webhook_delivery::ActiveModel {
        id: Set(Uuid::now_v7()),
        subscription_id: Set(subscription),
        event_type: Set(event_type.to_owned()),
        payload: Set(payload),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(stamp(now)),
        last_attempt_at: Set(None),
        last_status: Set(None),
        last_error: Set(None),
        delivered_at: Set(None),
        created_at: Set(stamp(now)),
    }
}
