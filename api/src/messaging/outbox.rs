//! The mail outbox. A caller writes its email with [`enqueue`] on the
//! same connection or transaction as the change that causes it: the email exists if and only if
//! the change was committed, and once committed it survives crashes and SMTP outages until the
//! worker in [`super::mailer`] has handed it to the relay. `docs/mail.md` tells the whole story.

use std::fmt;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, entity::prelude::*};

use crate::{
    db::stamp,
    i18n::Lang,
    messaging::templates::{Template, render},
};

/// One email and where it stands.
#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    /// UUID v7, so rows sort by creation.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The account the email concerns, when there is one.
    pub account_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub to_address: String,
    /// `kk`, `ru` or `en`: the language it was rendered in.
    pub language: String,
    /// The [`Template::name`] it was rendered from.
    pub template: String,
    #[sea_orm(column_type = "Text")]
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub body_html: Option<String>,
    pub category: EmailCategory,
    pub state: EmailState,
    /// Attempts that reached, or may have reached, the relay. Counted when a worker claims the
    /// row, so an attempt cut short by a crash still counts.
    pub attempts: i32,
    /// Not to be tried before this moment.
    pub next_attempt_at: DateTimeUtc,
    /// While `state` is `sending`: the claiming worker's lease. Once it has passed, the worker is
    /// presumed dead and any worker may take the row again.
    pub locked_until: Option<DateTimeUtc>,
    /// The latest failure, as the relay or the transport reported it; kept after a later
    /// success, for diagnosis. Never holds the SMTP password.
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    /// The `Message-ID` header, `<id@domain>`, fixed before the first attempt so every resend
    /// carries the same one and a duplicate after a crash is recognisable.
    #[sea_orm(column_type = "Text", nullable)]
    pub message_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// For optional categories: the one-click unsubscribe link, sent as `List-Unsubscribe`.
    #[sea_orm(column_type = "Text", nullable)]
    pub unsubscribe_url: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Leaves out the address and the bodies: a row printed by mistake must not leak personal data
/// into a log.
impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmailOutbox")
            .field("id", &self.id)
            .field("account_id", &self.account_id)
            .field("language", &self.language)
            .field("template", &self.template)
            .field("category", &self.category)
            .field("state", &self.state)
            .field("attempts", &self.attempts)
            .field("next_attempt_at", &self.next_attempt_at)
            .field("locked_until", &self.locked_until)
            .field("message_id", &self.message_id)
            .field("created_at", &self.created_at)
            .field("sent_at", &self.sent_at)
            .finish_non_exhaustive()
    }
}

/// Where an email stands; the names follow GOV.UK Notify's delivery states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum EmailState {
    /// Waiting for its first attempt.
    #[sea_orm(string_value = "queued")]
    Queued,
    /// Claimed by a worker under a lease (`locked_until`).
    #[sea_orm(string_value = "sending")]
    Sending,
    /// The relay accepted it. Final.
    #[sea_orm(string_value = "sent")]
    Sent,
    /// An attempt failed in a way that may pass; tried again at `next_attempt_at`.
    #[sea_orm(string_value = "failed_temporary")]
    FailedTemporary,
    /// Refused for good (a 5xx reply, an impossible address) or out of attempts. Final.
    #[sea_orm(string_value = "failed_permanent")]
    FailedPermanent,
}

/// What kind of notice it is: `security` and `legal` are mandatory, the rest may be switched off
/// per channel (`notification-preferences`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum EmailCategory {
    /// Verification, password and sign-in notices; never optional.
    #[sea_orm(string_value = "security")]
    Security,
    /// Decisions about the account (block, refusal, deletion); never optional.
    #[sea_orm(string_value = "legal")]
    Legal,
    #[sea_orm(string_value = "permit_status")]
    PermitStatus,
    #[sea_orm(string_value = "announcements")]
    Announcements,
    #[sea_orm(string_value = "reminders")]
    Reminders,
}

impl Model {
    /// The language the email was rendered in.
    pub fn lang(&self) -> Option<Lang> {
        match self.language.as_str() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// An email to send: to whom, in which language, and which template with which values.
#[derive(Debug, Clone)]
pub struct NewEmail {
    pub account_id: Option<Uuid>,
    pub to_address: String,
    pub language: Lang,
    pub template: Template,
    /// The one-click unsubscribe link (RFC 8058) for an optional category; `None` for mail
    /// that cannot be switched off.
    pub unsubscribe_url: Option<String>,
}

/// Renders `email` and writes it to the outbox, due at once. Pass the transaction that makes the
/// change the email tells of: if it rolls back, the email was never written.
///
/// The address is not checked here; the account's own rules did that. An address the relay
/// cannot take ends as `failed_permanent`, visible to operators, rather than failing the
/// caller's change.
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    email: NewEmail,
    now: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let template = email.template.name();
    let (id, row) = queued(email, now);
    Entity::insert(row).exec_without_returning(conn).await?;
    tracing::info!(email_id = %id, template, "email queued");
    Ok(id)
}

/// Queues many emails with one statement (an announcement's fan-out); the caller keeps the batch
/// small enough for the database's limit on bound values (18 per email).
pub async fn enqueue_many<C: ConnectionTrait>(
    conn: &C,
    emails: Vec<NewEmail>,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let count = emails.len();
    if count == 0 {
        return Ok(0);
    }
    let rows = emails.into_iter().map(|email| queued(email, now).1);
    Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    tracing::info!(count, "emails queued");
    Ok(count)
}

/// The outbox row of a new email, rendered now.
fn queued(email: NewEmail, now: DateTime<Utc>) -> (Uuid, ActiveModel) {
    let rendered = render(&email.template, email.language);
    let now = stamp(now);
    let id = Uuid::now_v7();
    let row = ActiveModel {
        id: Set(id),
        account_id: Set(email.account_id),
        to_address: Set(email.to_address),
        language: Set(email.language.code().to_owned()),
        template: Set(email.template.name().to_owned()),
        subject: Set(rendered.subject),
        body_text: Set(rendered.text),
        body_html: Set(Some(rendered.html)),
        category: Set(email.template.category()),
        state: Set(EmailState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        message_id: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        unsubscribe_url: Set(email.unsubscribe_url),
    };
    (id, row)
}
