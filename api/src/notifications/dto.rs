//! What the notifications endpoints take and give.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::{
    entity::{
        announcement::{self, AnnouncementKind, Audience},
        notification,
    },
    event::{Category, Event},
};
use crate::{
    error::ApiError,
    i18n::{Lang, Localized},
    messaging::outbox,
};

/// One notice, in the reader's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    pub category: Category,
    pub title: String,
    pub body: String,
    pub read: bool,
    pub created_at: DateTime<Utc>,
    /// The page the notice leads to (a path of the site: `/requests/{id}`, `/agreements/{id}`).
    pub link: Option<String>,
    /// What happened, as data (for integrators).
    pub event: Event,
}

impl NotificationView {
    /// `None` for a stored event this version cannot read (skipped rather than failing a list).
    pub fn render(row: notification::Model, lang: Lang) -> Option<Self> {
        let event: Event = serde_json::from_value(row.event).ok()?;
        let text = event.render(lang);
        Some(Self {
            id: row.id,
            category: row.category,
            title: text.title,
            body: text.body,
            read: row.read_at.is_some(),
            created_at: row.created_at,
            link: event.link(),
            event,
        })
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InboxPage {
    pub items: Vec<NotificationView>,
    pub next_cursor: Option<String>,
    pub unread_count: u64,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only unread notices.
    #[serde(default)]
    pub unread: bool,
    /// 1–100, default 20.
    #[serde(default, deserialize_with = "crate::db::limit_within::<_, 100>")]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    pub cursor: Option<Uuid>,
}

/// One category's channels. `security` and `legal` are mandatory: always on.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Preference {
    pub category: Category,
    pub in_app: bool,
    pub email: bool,
    /// Read-only: whether it can be switched off.
    #[serde(default)]
    pub mandatory: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PreferencesRequest {
    #[validate(length(min = 1, max = 10))]
    #[schema(min_items = 1, max_items = 10)]
    pub preferences: Vec<Preference>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "kind": "maintenance", "audience": "everyone",
    "title": {"kk": "Техникалық жұмыстар", "ru": "Технические работы", "en": "Maintenance"},
    "body": {"kk": "Жүйе сенбі 02:00–04:00 жұмыс істемейді.", "ru": "Система не работает в субботу 02:00–04:00.", "en": "Down on Saturday 02:00–04:00."},
    "publish_at": "2026-11-25T09:00:00Z", "expires_at": "2026-11-28T23:00:00Z",
    "window_start": "2026-11-28T21:00:00Z", "window_end": "2026-11-28T23:00:00Z"
}))]
pub struct AnnouncementRequest {
    pub kind: AnnouncementKind,
    pub audience: Audience,
    #[validate(nested)]
    pub title: Localized,
    #[validate(nested)]
    pub body: Localized,
    /// Default: now.
    pub publish_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
    /// For `maintenance`: the window the service is down.
    pub window_start: Option<DateTime<Utc>>,
    pub window_end: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnnouncementView {
    pub id: Uuid,
    pub kind: AnnouncementKind,
    pub audience: Audience,
    pub title: Localized,
    pub body: Localized,
    pub publish_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub window_start: Option<DateTime<Utc>>,
    pub window_end: Option<DateTime<Utc>>,
}

impl TryFrom<announcement::Model> for AnnouncementView {
    type Error = ApiError;

    fn try_from(row: announcement::Model) -> Result<Self, ApiError> {
        let text = |v: serde_json::Value| {
            serde_json::from_value::<Localized>(v).map_err(|e| ApiError::Internal(e.into()))
        };
        Ok(Self {
            id: row.id,
            kind: row.kind,
            audience: row.audience,
            title: text(row.title)?,
            body: text(row.body)?,
            publish_at: row.publish_at,
            expires_at: row.expires_at,
            window_start: row.window_start,
            window_end: row.window_end,
        })
    }
}

/// A short-lived ticket that opens the stream: `GET /notifications/stream?ticket=…`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StreamTicket {
    pub ticket: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TicketQuery {
    pub ticket: String,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnsubscribeQuery {
    /// From the email's link.
    pub token: String,
}

/// An email and where its delivery stands (GOV.UK Notify's states).
#[derive(Debug, Serialize, ToSchema)]
pub struct EmailDeliveryView {
    pub id: Uuid,
    pub account_id: Option<Uuid>,
    pub to_address: String,
    pub template: String,
    pub category: Category,
    /// `queued`, `sending`, `sent`, `failed_temporary` or `failed_permanent`.
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

pub fn state_name(state: outbox::EmailState) -> &'static str {
    match state {
        outbox::EmailState::Queued => "queued",
        outbox::EmailState::Sending => "sending",
        outbox::EmailState::Sent => "sent",
        outbox::EmailState::FailedTemporary => "failed_temporary",
        outbox::EmailState::FailedPermanent => "failed_permanent",
    }
}

impl From<outbox::Model> for EmailDeliveryView {
    fn from(row: outbox::Model) -> Self {
        Self {
            id: row.id,
            account_id: row.account_id,
            to_address: row.to_address,
            template: row.template,
            category: row.category,
            state: state_name(row.state).to_owned(),
            attempts: row.attempts,
            last_error: row.last_error,
            next_attempt_at: row.next_attempt_at,
            created_at: row.created_at,
            sent_at: row.sent_at,
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// `queued`, `sending`, `sent`, `failed_temporary` or `failed_permanent`.
    #[param(pattern = "^(queued|sending|sent|failed_temporary|failed_permanent)$")]
    pub state: Option<String>,
    #[serde(default, deserialize_with = "crate::db::limit_within::<_, 200>")]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<Uuid>,
}

/// The people behind the service, for those who need a human (`[help]` in the configuration):
/// shown on the help page. Any part left out is not shown.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct HelpContact {
    /// A telephone number as people dial it (`+7 7172 00 00 00`).
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The office's address, in each language.
    pub address: Option<Localized>,
    /// When the office and the telephone answer, in each language.
    pub opening_hours: Option<Localized>,
}
