//! The notifications area's rules: the one entry point other areas call ([`notify`]), the inbox,
//! preferences, unsubscribe links, announcements and their delivery at publish time.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    dto::{
        AnnouncementRequest, AnnouncementView, EmailDeliveryView, NotificationView, Preference,
        state_name,
    },
    entity::{
        announcement::{self, AnnouncementKind, Audience},
        notification, preference,
    },
    event::{Category, EmailLinks, Event, category_name, is_mandatory, parse_category},
};
use crate::{
    accounts::entity::account::{self, AccountStatus, Role},
    db::{page, stamp},
    error::{ApiError, FieldError},
    i18n::{Lang, Localized},
    messaging::{Messaging, hub::Hub, links::LinkSigner, mailer::MailSettings, outbox},
};

pub const IN_APP: &str = "in_app";
pub const EMAIL: &str = "email";
const UNSUBSCRIBE: &str = "unsubscribe";

/// What [`notify`] needs besides the connection.
pub struct Notifier<'a> {
    pub links: &'a LinkSigner,
    pub mail: &'a MailSettings,
    pub hub: &'a Hub,
    pub now: DateTime<Utc>,
}

impl<'a> Notifier<'a> {
    pub fn new(messaging: &'a Messaging, now: DateTime<Utc>) -> Self {
        Self {
            links: &messaging.links,
            mail: &messaging.mail,
            hub: &messaging.hub,
            now,
        }
    }
}

/// Who a notice is for.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub id: Uuid,
    pub email: String,
    pub language: Lang,
}

impl From<&account::Model> for Recipient {
    fn from(a: &account::Model) -> Self {
        Self {
            id: a.id,
            email: a.email.clone(),
            language: crate::accounts::dto::parse_lang(&a.language),
        }
    }
}

/// The one entry point: writes the in-app notice and the email, each as the recipient's
/// preferences allow (security and legal always), in the caller's transaction, so a change and
/// its notices are saved together or not at all.
pub async fn notify<C: ConnectionTrait>(
    conn: &C,
    notifier: &Notifier<'_>,
    recipient: &Recipient,
    event: Event,
) -> Result<(), ApiError> {
    let category = event.category();
    let (in_app, email) = wanted(conn, recipient.id, category).await?;
    if in_app {
        notification::ActiveModel {
            id: Set(Uuid::now_v7()),
            account_id: Set(recipient.id),
            category: Set(category),
            event: Set(serde_json::to_value(&event).map_err(|e| ApiError::Internal(e.into()))?),
            created_at: Set(stamp(notifier.now)),
            read_at: Set(None),
            subject_id: Set(event.subject()),
        }
        .insert(conn)
        .await?;
        notifier.hub.announce(conn, recipient.id).await?;
    }
    if email {
        let unsubscribe =
            (!is_mandatory(category)).then(|| unsubscribe_link(notifier, recipient.id, category));
        let links = EmailLinks {
            forgot_password: notifier.mail.link("/password/forgot"),
            unsubscribe: unsubscribe.clone(),
            public_url: notifier.mail.public_url.clone(),
        };
        outbox::enqueue(
            conn,
            outbox::NewEmail {
                account_id: Some(recipient.id),
                to_address: recipient.email.clone(),
                language: recipient.language,
                template: event.email(&links),
                unsubscribe_url: unsubscribe,
            },
            notifier.now,
        )
        .await?;
    }
    Ok(())
}

/// How many recipients [`notify_many`] writes with one statement.
const FAN_OUT_BATCH: usize = 500;

/// Up to this many recipients, [`notify_many`] wakes each one's streams; beyond it, one wake-up
/// for every stream (each wake-up reaches every stream on every node, which drops the others').
const WAKE_EACH_UP_TO: usize = 64;

/// [`notify`] for many recipients at once (an announcement, a department's reviewers): per batch
/// of 500, one query for their preferences, one insert of the notices and one of the emails; then
/// one wake-up, for each recipient's streams or, past [`WAKE_EACH_UP_TO`], for every stream. An
/// announcement to 10,000 accounts is some 60 statements, not 40,000.
pub async fn notify_many<C: ConnectionTrait>(
    conn: &C,
    notifier: &Notifier<'_>,
    recipients: &[Recipient],
    event: &Event,
) -> Result<(), ApiError> {
    let category = event.category();
    let stored = serde_json::to_value(event).map_err(|e| ApiError::Internal(e.into()))?;
    let now = stamp(notifier.now);
    for batch in recipients.chunks(FAN_OUT_BATCH) {
        let refused: HashSet<(Uuid, String)> = if is_mandatory(category) {
            HashSet::new()
        } else {
            preference::Entity::find()
                .filter(preference::Column::AccountId.is_in(batch.iter().map(|r| r.id)))
                .filter(preference::Column::Category.eq(category))
                .filter(preference::Column::Enabled.eq(false))
                .all(conn)
                .await?
                .into_iter()
                .map(|p| (p.account_id, p.channel))
                .collect()
        };
        let wants = |r: &Recipient, channel: &str| !refused.contains(&(r.id, channel.to_owned()));
        let notices: Vec<notification::ActiveModel> = batch
            .iter()
            .filter(|r| wants(r, IN_APP))
            .map(|r| notification::ActiveModel {
                id: Set(Uuid::now_v7()),
                account_id: Set(r.id),
                category: Set(category),
                event: Set(stored.clone()),
                created_at: Set(now),
                read_at: Set(None),
                subject_id: Set(event.subject()),
            })
            .collect();
        if !notices.is_empty() {
            notification::Entity::insert_many(notices)
                .exec_without_returning(conn)
                .await?;
        }
        let emails: Vec<outbox::NewEmail> = batch
            .iter()
            .filter(|r| wants(r, EMAIL))
            .map(|r| {
                let unsubscribe =
                    (!is_mandatory(category)).then(|| unsubscribe_link(notifier, r.id, category));
                let links = EmailLinks {
                    forgot_password: notifier.mail.link("/password/forgot"),
                    unsubscribe: unsubscribe.clone(),
                    public_url: notifier.mail.public_url.clone(),
                };
                outbox::NewEmail {
                    account_id: Some(r.id),
                    to_address: r.email.clone(),
                    language: r.language,
                    template: event.email(&links),
                    unsubscribe_url: unsubscribe,
                }
            })
            .collect();
        outbox::enqueue_many(conn, emails, notifier.now).await?;
    }
    if recipients.len() <= WAKE_EACH_UP_TO {
        let ids: Vec<Uuid> = recipients.iter().map(|r| r.id).collect();
        notifier.hub.announce_each(conn, &ids).await?;
    } else {
        notifier.hub.announce_to_all(conn).await?;
    }
    Ok(())
}

/// (in-app, email) for one account and category.
async fn wanted<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
    category: Category,
) -> Result<(bool, bool), ApiError> {
    if is_mandatory(category) {
        return Ok((true, true));
    }
    let rows = preference::Entity::find()
        .filter(preference::Column::AccountId.eq(account))
        .filter(preference::Column::Category.eq(category))
        .all(conn)
        .await?;
    let enabled = |channel: &str| {
        rows.iter()
            .find(|r| r.channel == channel)
            .is_none_or(|r| r.enabled)
    };
    Ok((enabled(IN_APP), enabled(EMAIL)))
}

fn unsubscribe_link(notifier: &Notifier<'_>, account: Uuid, category: Category) -> String {
    let token = notifier.links.sign(
        UNSUBSCRIBE,
        &format!("{account}:{}", category_name(category)),
    );
    notifier
        .mail
        .link(&format!("/api/v1/notifications/unsubscribe?token={token}"))
}

/// `POST /notifications/unsubscribe?token=` (RFC 8058 one-click): turns that one category's
/// email off for that one account; no sign-in. Mandatory categories never get a link, and a
/// forged one is refused.
pub async fn unsubscribe(
    db: &sea_orm::DatabaseConnection,
    links: &LinkSigner,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let payload = links
        .verify(UNSUBSCRIBE, token)
        .ok_or(ApiError::TokenInvalid)?;
    let (account, category) = payload.split_once(':').ok_or(ApiError::TokenInvalid)?;
    let account: Uuid = account.parse().map_err(|_| ApiError::TokenInvalid)?;
    let category = parse_category(category)
        .filter(|c| !is_mandatory(*c))
        .ok_or(ApiError::TokenInvalid)?;
    set_preference(db, account, category, EMAIL, false, now).await
}

async fn set_preference<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
    category: Category,
    channel: &str,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let existing = preference::Entity::find_by_id((account, category, channel.to_owned()))
        .one(conn)
        .await?;
    match existing {
        Some(row) => {
            let mut row: preference::ActiveModel = row.into();
            row.enabled = Set(enabled);
            row.updated_at = Set(stamp(now));
            row.update(conn).await?;
        }
        None => {
            preference::ActiveModel {
                account_id: Set(account),
                category: Set(category),
                channel: Set(channel.to_owned()),
                enabled: Set(enabled),
                updated_at: Set(stamp(now)),
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(())
}

const ALL_CATEGORIES: [Category; 5] = [
    Category::Security,
    Category::Legal,
    Category::PermitStatus,
    Category::Announcements,
    Category::Reminders,
];

/// `GET /notification-preferences`: every category, with its channels and whether it may change.
pub async fn preferences<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
) -> Result<Vec<Preference>, ApiError> {
    let mut out = Vec::new();
    for category in ALL_CATEGORIES {
        let (in_app, email) = wanted(conn, account, category).await?;
        out.push(Preference {
            category,
            in_app,
            email,
            mandatory: is_mandatory(category),
        });
    }
    Ok(out)
}

/// `PUT /notification-preferences`: mandatory categories cannot be switched off (422).
pub async fn set_preferences(
    db: &sea_orm::DatabaseConnection,
    account: Uuid,
    wanted: Vec<Preference>,
    now: DateTime<Utc>,
) -> Result<Vec<Preference>, ApiError> {
    let errors: Vec<FieldError> = wanted
        .iter()
        .enumerate()
        .filter(|(_, p)| is_mandatory(p.category) && !(p.in_app && p.email))
        .map(|(i, p)| {
            FieldError::new(
                format!("[{i}]"),
                "mandatory",
                format!(
                    "{} notices cannot be switched off",
                    category_name(p.category)
                ),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let txn = db.begin().await?;
    for p in wanted.iter().filter(|p| !is_mandatory(p.category)) {
        set_preference(&txn, account, p.category, IN_APP, p.in_app, now).await?;
        set_preference(&txn, account, p.category, EMAIL, p.email, now).await?;
    }
    let result = preferences(&txn, account).await?;
    txn.commit().await?;
    Ok(result)
}

/// `GET /notifications`: newest first, after `cursor`, optionally only unread.
pub async fn inbox<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
    unread_only: bool,
    limit: u64,
    cursor: Option<Uuid>,
    lang: Lang,
) -> Result<(Vec<NotificationView>, Option<String>), ApiError> {
    let limit = limit.clamp(1, 100);
    let mut select = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account))
        .order_by_desc(notification::Column::Id);
    if unread_only {
        select = select.filter(notification::Column::ReadAt.is_null());
    }
    if let Some(cursor) = cursor {
        select = select.filter(notification::Column::Id.lt(cursor));
    }
    let rows = select.limit(limit + 1).all(conn).await?;
    let (rows, next) = page(rows, limit, |n| n.id);
    Ok((
        rows.into_iter()
            .filter_map(|n| NotificationView::render(n, lang))
            .collect(),
        next,
    ))
}

pub async fn unread_count<C: ConnectionTrait>(conn: &C, account: Uuid) -> Result<u64, ApiError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account))
        .filter(notification::Column::ReadAt.is_null())
        .count(conn)
        .await?)
}

/// Notices newer than `after`, oldest first (what a stream sends next).
pub async fn newer_than<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
    after: Option<Uuid>,
    lang: Lang,
) -> Result<Vec<NotificationView>, ApiError> {
    let mut select = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account))
        .order_by_asc(notification::Column::Id)
        .limit(100);
    if let Some(after) = after {
        select = select.filter(notification::Column::Id.gt(after));
    }
    Ok(select
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|n| NotificationView::render(n, lang))
        .collect())
}

/// `POST /notifications/{id}/read`: only one's own (another's is 404).
pub async fn mark_read(
    db: &sea_orm::DatabaseConnection,
    account: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let found = notification::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|n| n.account_id == account)
        .ok_or(ApiError::NotFound)?;
    if found.read_at.is_none() {
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(stamp(now)))
            .filter(notification::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Opening a request (or an agreement) marks the reader's notices about it read: having seen
/// the page, they have seen the news.
pub async fn mark_read_about<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
    subject: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    Ok(notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(stamp(now)))
        .filter(notification::Column::AccountId.eq(account))
        .filter(notification::Column::SubjectId.eq(subject))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?
        .rows_affected)
}

pub async fn mark_all_read(
    db: &sea_orm::DatabaseConnection,
    account: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    Ok(notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(stamp(now)))
        .filter(notification::Column::AccountId.eq(account))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}

/// `POST /admin/announcements`.
pub async fn create_announcement(
    db: &sea_orm::DatabaseConnection,
    admin: Uuid,
    request: AnnouncementRequest,
    now: DateTime<Utc>,
) -> Result<AnnouncementView, ApiError> {
    let publish_at = request.publish_at.unwrap_or(now);
    let mut errors = Vec::new();
    if request.expires_at <= publish_at {
        errors.push(FieldError::new(
            "expires_at",
            "before_publish",
            "must be after the publish time",
        ));
    }
    match (request.kind, request.window_start, request.window_end) {
        // The banner must stay up until the window is over.
        (AnnouncementKind::Maintenance, Some(start), Some(end))
            if end > start && request.expires_at < end =>
        {
            errors.push(FieldError::new(
                "expires_at",
                "before_window_end",
                "must not be before the window ends",
            ));
        }
        (AnnouncementKind::Maintenance, Some(start), Some(end)) if end > start => {}
        (AnnouncementKind::Maintenance, _, _) => errors.push(FieldError::new(
            "window_end",
            "window",
            "a maintenance announcement needs a window whose end is after its start",
        )),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let json =
        |text: &Localized| serde_json::to_value(text).map_err(|e| ApiError::Internal(e.into()));
    let row = announcement::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(request.kind),
        audience: Set(request.audience),
        title: Set(json(&request.title)?),
        body: Set(json(&request.body)?),
        publish_at: Set(stamp(publish_at)),
        expires_at: Set(stamp(request.expires_at)),
        window_start: Set(request.window_start.map(stamp)),
        window_end: Set(request.window_end.map(stamp)),
        delivered_at: Set(None),
        created_by: Set(Some(admin)),
        created_at: Set(stamp(now)),
    }
    .insert(db)
    .await?;
    crate::accounts::admin::audit(
        db,
        now,
        Some(admin),
        "announcement.create",
        None,
        None,
        serde_json::json!({"announcement": row.id}),
    )
    .await?;
    AnnouncementView::try_from(row)
}

/// `GET /announcements` (public): published and not yet expired, newest first.
pub async fn active_announcements<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
) -> Result<Vec<AnnouncementView>, ApiError> {
    let now = stamp(now);
    announcement::Entity::find()
        .filter(announcement::Column::PublishAt.lte(now))
        .filter(announcement::Column::ExpiresAt.gt(now))
        .order_by_desc(announcement::Column::PublishAt)
        .all(conn)
        .await?
        .into_iter()
        .map(AnnouncementView::try_from)
        .collect()
}

/// Writes the notices of every announcement whose publish time has come: in-app and email, to
/// its audience's active accounts, as each one's preferences allow. Each announcement is claimed
/// first, so two nodes never deliver one twice. Returns how many were delivered.
pub async fn deliver_due_announcements(
    db: &sea_orm::DatabaseConnection,
    notifier: &Notifier<'_>,
) -> Result<usize, ApiError> {
    let now = stamp(notifier.now);
    let due = announcement::Entity::find()
        .filter(announcement::Column::DeliveredAt.is_null())
        .filter(announcement::Column::PublishAt.lte(now))
        .all(db)
        .await?;
    let mut delivered = 0;
    for item in due {
        let txn = db.begin().await?;
        let claimed = announcement::Entity::update_many()
            .col_expr(announcement::Column::DeliveredAt, Expr::value(now))
            .filter(announcement::Column::Id.eq(item.id))
            .filter(announcement::Column::DeliveredAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        if item.expires_at > now {
            let view = AnnouncementView::try_from(item.clone())?;
            let mut recipients =
                account::Entity::find().filter(account::Column::Status.eq(AccountStatus::Active));
            recipients = match item.audience {
                Audience::Everyone => recipients,
                Audience::Applicants => {
                    recipients.filter(account::Column::Role.eq(Role::Applicant))
                }
                Audience::Staff => {
                    recipients.filter(account::Column::Role.is_in([Role::Reviewer, Role::Admin]))
                }
            };
            let people: Vec<Recipient> = recipients
                .all(&txn)
                .await?
                .iter()
                .map(Recipient::from)
                .collect();
            let event = Event::Announcement {
                announcement_id: item.id,
                title: view.title.clone(),
                body: view.body.clone(),
            };
            notify_many(&txn, notifier, &people, &event).await?;
            tracing::info!(announcement = %item.id, recipients = people.len(), "announcement delivered");
        }
        txn.commit().await?;
        delivered += 1;
    }
    Ok(delivered)
}

/// Delivers due announcements every `every` until `shutdown`.
pub fn spawn_announcement_worker(
    ctx: super::NotificationsCtx,
    every: std::time::Duration,
    shutdown: tokio_util::sync::CancellationToken,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_due_announcements(&ctx.core.db, &ctx.notifier()).await {
                tracing::warn!(%error, "announcements could not be delivered; will retry");
            }
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(every) => {}
            }
        }
    })
}

/// `GET /admin/email-deliveries`: newest first, optionally in one state.
pub async fn email_deliveries(
    db: &sea_orm::DatabaseConnection,
    state: Option<&str>,
    limit: u64,
    cursor: Option<Uuid>,
) -> Result<crate::accounts::dto::Page<EmailDeliveryView>, ApiError> {
    let limit = limit.clamp(1, 200);
    let mut select = outbox::Entity::find().order_by_desc(outbox::Column::Id);
    if let Some(wanted) = state {
        let state = [
            outbox::EmailState::Queued,
            outbox::EmailState::Sending,
            outbox::EmailState::Sent,
            outbox::EmailState::FailedTemporary,
            outbox::EmailState::FailedPermanent,
        ]
        .into_iter()
        .find(|s| state_name(*s) == wanted)
        .ok_or_else(|| ApiError::InvalidQuery(format!("unknown state `{wanted}`")))?;
        select = select.filter(outbox::Column::State.eq(state));
    }
    if let Some(cursor) = cursor {
        select = select.filter(outbox::Column::Id.lt(cursor));
    }
    let rows = select.limit(limit + 1).all(db).await?;
    let (rows, next_cursor) = page(rows, limit, |r| r.id);
    Ok(crate::accounts::dto::Page {
        items: rows.into_iter().map(EmailDeliveryView::from).collect(),
        next_cursor,
    })
}

/// `POST /admin/email-deliveries/{id}/resend`: queues a copy; the original's history stays.
pub async fn resend_email(
    db: &sea_orm::DatabaseConnection,
    admin: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<EmailDeliveryView, ApiError> {
    let original = outbox::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = stamp(now);
    let copy = outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        state: Set(outbox::EmailState::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        message_id: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..outbox::ActiveModel::from(original.clone())
    }
    .insert(db)
    .await?;
    crate::accounts::admin::audit(
        db,
        now,
        Some(admin),
        "email.resend",
        original.account_id,
        None,
        serde_json::json!({"email": original.id, "copy": copy.id}),
    )
    .await?;
    Ok(EmailDeliveryView::from(copy))
}

const STREAM: &str = "stream";

/// A ticket that opens the live stream until `expires_at`, bound to the account's session.
pub fn stream_ticket(
    links: &LinkSigner,
    account: Uuid,
    session: Uuid,
    expires_at: DateTime<Utc>,
) -> String {
    links.sign(
        STREAM,
        &format!("{account}:{session}:{}", expires_at.timestamp()),
    )
}

/// The account a stream ticket opens the stream for: the ticket must be ours, unexpired, and its
/// session still open on an active account.
pub async fn stream_account(
    db: &sea_orm::DatabaseConnection,
    links: &LinkSigner,
    ticket: &str,
    now: DateTime<Utc>,
) -> Result<(account::Model, Uuid), ApiError> {
    use crate::accounts::entity::session;
    let payload = links
        .verify(STREAM, ticket)
        .ok_or(ApiError::Unauthenticated)?;
    let mut parts = payload.split(':');
    let (Some(account_id), Some(session_id), Some(expires)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return Err(ApiError::Unauthenticated);
    };
    let account_id: Uuid = account_id.parse().map_err(|_| ApiError::Unauthenticated)?;
    let session_id: Uuid = session_id.parse().map_err(|_| ApiError::Unauthenticated)?;
    let expires: i64 = expires.parse().map_err(|_| ApiError::Unauthenticated)?;
    if expires <= now.timestamp() {
        return Err(ApiError::Unauthenticated);
    }
    let account = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let session = session::Entity::find_by_id(session_id)
        .one(db)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if account.status != AccountStatus::Active
        || session.revoked_at.is_some()
        || session.account_id != account.id
    {
        return Err(ApiError::Unauthenticated);
    }
    Ok((account, session_id))
}

/// Whether a stream's session is still open on an active account.
pub async fn session_open(
    db: &sea_orm::DatabaseConnection,
    account: Uuid,
    session: Uuid,
) -> Result<bool, ApiError> {
    use crate::accounts::entity::session;
    let account = account::Entity::find_by_id(account).one(db).await?;
    let session = session::Entity::find_by_id(session).one(db).await?;
    Ok(matches!((account, session), (Some(a), Some(s))
        if a.status == AccountStatus::Active && s.revoked_at.is_none() && s.account_id == a.id))
}

/// The newest notice of an account, where a new stream starts.
pub async fn newest_id<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
) -> Result<Option<Uuid>, ApiError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account))
        .order_by_desc(notification::Column::Id)
        .one(conn)
        .await?
        .map(|n| n.id))
}

/// The notices the accounts area gives its account holders ([`crate::accounts::auth::AccountNotices`]),
/// through [`notify`] like every other notice.
pub struct Notices(pub super::NotificationsCtx);

#[async_trait::async_trait]
impl crate::accounts::auth::AccountNotices for Notices {
    async fn tell(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        account: &account::Model,
        notice: crate::accounts::auth::AccountNotice,
    ) -> Result<(), ApiError> {
        use crate::accounts::auth::AccountNotice;
        let event = match notice {
            AccountNotice::PasswordChanged => Event::PasswordChanged,
            AccountNotice::AccountLocked { until } => Event::AccountLocked { until },
            AccountNotice::RoleChanged { to, reason, .. } => Event::RoleChanged {
                role: crate::accounts::roles::role_name(to).to_owned(),
                role_name: role_title(to),
                reason,
            },
        };
        notify(txn, &self.0.notifier(), &Recipient::from(account), event).await
    }
}

/// A role's name as people read it.
fn role_title(role: crate::accounts::entity::account::Role) -> crate::i18n::Localized {
    use crate::accounts::entity::account::Role;
    let (kk, ru, en) = match role {
        Role::Applicant => ("Өтініш беруші", "Заявитель", "Applicant"),
        Role::Reviewer => ("Өтінімдерді қараушы", "Рассматривающий заявки", "Reviewer"),
        Role::Admin => ("Әкімші", "Администратор", "Administrator"),
    };
    crate::i18n::Localized {
        kk: kk.into(),
        ru: ru.into(),
        en: en.into(),
    }
}
