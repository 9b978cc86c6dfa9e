//! Sends the outbox's emails (R-2.6, R-3.1.3) so that neither a crash nor an SMTP outage loses
//! one and none goes out twice in normal operation (R-3.2.2).
//!
//! A pass of the worker ([`deliver_due`]):
//! 1. claims up to `batch_size` due rows in one statement, marking them `sending` under a lease
//!    (`locked_until`) and counting the attempt. On PostgreSQL the rows are picked with
//!    `FOR UPDATE SKIP LOCKED`, so workers on several nodes never take the same row; SQLite runs
//!    one writer at a time, which makes the same statement just as exclusive;
//! 2. checks that the relay answers. If it does not, this is an outage of our own relay, not a
//!    fault of any email: the rows go back uncounted and the worker waits before trying again,
//!    so a long outage delays mail but never uses up its attempts;
//! 3. sends each row outside any transaction and settles it: `sent`, `failed_temporary` (tried
//!    again after an exponential backoff with jitter) or `failed_permanent` (a 5xx reply, an
//!    impossible address, or out of attempts). Each settling write names the attempt it settles,
//!    so a worker that lost its lease cannot overwrite another's result.
//!
//! A row whose lease has passed belonged to a worker that died mid-send; the next pass takes it
//! again, with the `Message-ID` it already had. `docs/mail.md` has the details and the settings.

use std::{
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use chrono::{DateTime, Utc};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox, MultiPart, SinglePart,
        header::{HeaderName, HeaderValue},
    },
};
use rand::Rng;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Statement,
    sea_query::{Expr, LockBehavior, LockType},
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;
use uuid::Uuid;

use crate::{
    clock::{Clock, SharedClock},
    db::stamp,
    notifications::outbox::{ActiveModel, Column, EmailState, Entity, Model},
};

/// Which way mail leaves Saulet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportKind {
    /// `.eml` files in a folder: development, demos, and sites with no relay yet.
    #[default]
    File,
    /// An SMTP relay (`mail.smtp_url`).
    Smtp,
}

/// The `[mail]` section of the configuration; every key is described in `docs/mail.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct MailSettings {
    pub transport: TransportKind,
    /// Where the file transport writes; unset means `<data_dir>/mail`.
    pub file_dir: Option<PathBuf>,
    /// `smtp://host:port` (plain), `smtp://user:pass@host:587?tls=required` (STARTTLS),
    /// `smtp://…?tls=opportunistic` (STARTTLS when offered) or `smtps://user:pass@host:465`
    /// (TLS from the start). A secret: it may hold the relay's password.
    pub smtp_url: Option<SecretString>,
    /// The longest one send may take, including connecting; also bounds a relay check.
    pub smtp_timeout_secs: u64,
    /// The `From:` of every email, e.g. `Saulet <no-reply@example.kz>`; its domain also ends
    /// every `Message-ID`.
    pub from: String,
    /// Attempts an email gets before it is given up as `failed_permanent`.
    pub max_attempts: u32,
    /// The first retry waits this long; each later one twice as long as the one before…
    pub backoff_base_secs: u64,
    /// …but never longer than this.
    pub backoff_max_secs: u64,
    /// How long a claimed email stays reserved for the worker that claimed it. A worker that
    /// dies mid-send holds its emails this long before another takes them. Kept at least twice
    /// `smtp_timeout_secs`, so a live worker never outlasts its lease.
    pub lease_secs: u64,
    /// How often an idle worker looks for due emails.
    pub poll_interval_ms: u64,
    /// Emails claimed per pass.
    pub batch_size: u32,
    /// The address users reach Saulet at, for links in emails.
    pub public_url: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            transport: TransportKind::File,
            file_dir: None,
            smtp_url: None,
            smtp_timeout_secs: 30,
            from: "Saulet <no-reply@saulet.localhost>".into(),
            max_attempts: 8,
            backoff_base_secs: 5,
            backoff_max_secs: 3600,
            lease_secs: 300,
            poll_interval_ms: 500,
            batch_size: 20,
            public_url: "http://127.0.0.1:8080".into(),
        }
    }
}

impl MailSettings {
    /// The folder the file transport writes to.
    pub fn file_dir(&self, data_dir: &Path) -> PathBuf {
        self.file_dir
            .clone()
            .unwrap_or_else(|| data_dir.join("mail"))
    }

    /// An absolute link to `path` (e.g. `/verify-email?token=…`) on the public site.
    pub fn link(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.public_url.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }

    fn send_timeout(&self) -> Duration {
        Duration::from_secs(self.smtp_timeout_secs.max(1))
    }

    fn lease(&self) -> chrono::Duration {
        let secs = self
            .lease_secs
            .max(self.smtp_timeout_secs.max(1).saturating_mul(2))
            .min(MAX_DELAY_SECS);
        chrono::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

/// No wait, lease or backoff is longer than 30 days, whatever the configuration says; it also keeps
/// the arithmetic on timestamps far from overflow.
const MAX_DELAY_SECS: u64 = 30 * 24 * 3600;

/// While the relay is down the worker checks it at growing intervals, capped here so mail
/// flows again within a minute of the relay's return.
const RELAY_RECHECK_MAX: Duration = Duration::from_secs(60);

/// A configuration that cannot send mail; reported at start-up rather than at the first email.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("mail.from is not a valid mailbox (e.g. `Saulet <no-reply@example.kz>`): {0}")]
    InvalidFrom(String),
    #[error("mail.transport is \"smtp\" but mail.smtp_url is not set")]
    MissingSmtpUrl,
    #[error("mail.smtp_url is not usable: {0}")]
    InvalidSmtpUrl(String),
}

/// Why a pass stopped short.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// The relay (or the mail folder) cannot be reached; the claimed emails went back to the
    /// outbox without using an attempt.
    #[error("the mail relay is unavailable: {0}")]
    RelayUnavailable(String),
    #[error("the outbox cannot be read or written: {0}")]
    Database(#[from] DbErr),
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PassReport {
    /// Rows taken from the outbox.
    pub claimed: usize,
    /// Rows handed to the transport, whatever came of it.
    pub attempted: usize,
    pub sent: usize,
    /// Failed this time; will be tried again.
    pub retrying: usize,
    /// Failed for good: a permanent refusal or the last allowed attempt.
    pub given_up: usize,
}

/// The way out for mail: an SMTP relay or a folder of `.eml` files, with the sender's address.
pub struct MailTransport {
    inner: Inner,
    from: Mailbox,
    /// Words that must never reach a log or the database: the relay's credentials.
    secrets: Vec<SecretString>,
    timeout: Duration,
}

enum Inner {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
    },
}

impl std::fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.inner {
            Inner::Smtp(_) => "smtp",
            Inner::File { .. } => "file",
        };
        f.debug_struct("MailTransport")
            .field("kind", &kind)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl MailTransport {
    /// Builds the transport the settings describe. Must run inside the tokio runtime: the SMTP
    /// connection pool starts a task of its own.
    pub fn from_settings(
        settings: &MailSettings,
        data_dir: &Path,
    ) -> Result<Self, MailConfigError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| MailConfigError::InvalidFrom(format!("{e}")))?;
        let timeout = settings.send_timeout();
        let (inner, secrets) = match settings.transport {
            TransportKind::File => {
                let dir = settings.file_dir(data_dir);
                (
                    Inner::File {
                        transport: AsyncFileTransport::new(&dir),
                        dir,
                    },
                    Vec::new(),
                )
            }
            TransportKind::Smtp => {
                let url = settings
                    .smtp_url
                    .as_ref()
                    .ok_or(MailConfigError::MissingSmtpUrl)?;
                let secrets = credentials_in(url.expose_secret());
                let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .map_err(|e| MailConfigError::InvalidSmtpUrl(scrub(&e.to_string(), &secrets)))?
                    .timeout(Some(timeout))
                    .build();
                (Inner::Smtp(smtp), secrets)
            }
        };
        Ok(Self {
            inner,
            from,
            secrets,
            timeout,
        })
    }

    /// Whether mail can leave now: the relay answers (connecting and authenticating if need be),
    /// or the mail folder exists. A failure here is the relay's, never an email's.
    async fn check(&self) -> Result<(), String> {
        match &self.inner {
            Inner::Smtp(smtp) => {
                match tokio::time::timeout(self.timeout, smtp.test_connection()).await {
                    Ok(Ok(true)) => Ok(()),
                    Ok(Ok(false)) => Err("the relay did not answer NOOP".into()),
                    Ok(Err(e)) => Err(scrub(&e.to_string(), &self.secrets)),
                    Err(_) => Err(format!(
                        "the relay did not answer within {} s",
                        self.timeout.as_secs()
                    )),
                }
            }
            Inner::File { dir, .. } => tokio::fs::create_dir_all(dir)
                .await
                .map_err(|e| format!("cannot create the mail folder: {e}")),
        }
    }

    async fn send(&self, message: Message) -> Result<(), Failure> {
        let sent = match &self.inner {
            Inner::Smtp(smtp) => tokio::time::timeout(self.timeout, smtp.send(message))
                .await
                .map(|result| result.map(drop).map_err(|e| self.classify_smtp(&e))),
            Inner::File { transport, .. } => {
                tokio::time::timeout(self.timeout, transport.send(message))
                    .await
                    .map(|result| {
                        result.map(drop).map_err(|e| Failure {
                            kind: FailureKind::Other,
                            code: None,
                            detail: scrub(&e.to_string(), &self.secrets),
                        })
                    })
            }
        };
        sent.unwrap_or_else(|_| {
            Err(Failure {
                kind: FailureKind::Other,
                code: None,
                detail: format!("no answer within {} s", self.timeout.as_secs()),
            })
        })
    }

    fn classify_smtp(&self, error: &lettre::transport::smtp::Error) -> Failure {
        let kind = if error.is_permanent() {
            FailureKind::Permanent
        } else if error.is_transient() {
            FailureKind::Transient
        } else {
            FailureKind::Other
        };
        Failure {
            kind,
            code: error.status().map(|code| code.to_string()),
            detail: scrub(&error.to_string(), &self.secrets),
        }
    }

    /// The right-hand side of every `Message-ID`: the sender's own domain, as RFC 5322 advises.
    fn message_id_domain(&self) -> &str {
        self.from.email.domain()
    }
}

/// How a send failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FailureKind {
    /// A 5xx reply: the relay will never take this email.
    Permanent,
    /// A 4xx reply: it may take it later.
    Transient,
    /// No reply to judge by (the connection dropped, a timeout, a file error): tried again.
    Other,
}

struct Failure {
    kind: FailureKind,
    /// The SMTP reply code, the only part of a reply that is safe to log: the text may quote
    /// the recipient's address.
    code: Option<String>,
    /// The whole reply or error, for `last_error`.
    detail: String,
}

/// The relay's password as it appears in the URL, raw and percent-decoded, to be scrubbed from
/// any error text.
fn credentials_in(url: &str) -> Vec<SecretString> {
    let Some(password) = reqwest::Url::parse(url)
        .ok()
        .and_then(|url| url.password().map(str::to_owned))
        .filter(|password| !password.is_empty())
    else {
        return Vec::new();
    };
    let decoded = percent_decode(&password);
    let mut secrets = vec![SecretString::from(password.clone())];
    if decoded != password {
        secrets.push(SecretString::from(decoded));
    }
    secrets
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` with every secret replaced, and cut to a length a column and a log line can carry.
fn scrub(text: &str, secrets: &[SecretString]) -> String {
    let mut text = text.to_owned();
    for secret in secrets {
        text = text.replace(secret.expose_secret(), "***");
    }
    if text.len() > 2000 {
        let mut end = 2000;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}

/// Starts the worker: it delivers due emails every `poll_interval_ms` (at once while a full batch
/// keeps coming) until `shutdown` is cancelled; then it finishes the email in hand, hands the rest
/// of its batch back to the outbox and returns. Await the handle during graceful shutdown (at most
/// `smtp_timeout_secs`). Must be called inside the tokio runtime.
pub fn spawn_worker(
    db: DatabaseConnection,
    settings: MailSettings,
    data_dir: &Path,
    clock: SharedClock,
    shutdown: CancellationToken,
) -> Result<JoinHandle<()>, MailConfigError> {
    let transport = MailTransport::from_settings(&settings, data_dir)?;
    Ok(tokio::spawn(run_worker(
        db, transport, settings, clock, shutdown,
    )))
}

async fn run_worker(
    db: DatabaseConnection,
    transport: MailTransport,
    settings: MailSettings,
    clock: SharedClock,
    shutdown: CancellationToken,
) {
    let poll = Duration::from_millis(settings.poll_interval_ms.max(10));
    let batch = usize::try_from(settings.batch_size.max(1)).unwrap_or(usize::MAX);
    let relay_recheck_base = Duration::from_secs(settings.backoff_base_secs.max(1));
    let mut relay_down_for: Option<Duration> = None;
    tracing::info!(transport = ?settings.transport, "mail worker started");
    while !shutdown.is_cancelled() {
        let wait = match run_pass(&db, &transport, clock.as_ref(), &settings, &shutdown).await {
            Ok(report) => {
                if relay_down_for.take().is_some() {
                    tracing::info!("the mail relay answers again");
                }
                if report.claimed >= batch {
                    Duration::ZERO
                } else {
                    poll
                }
            }
            Err(DeliveryError::RelayUnavailable(reason)) => {
                let wait = relay_down_for
                    .map_or(relay_recheck_base, |last| last.saturating_mul(2))
                    .min(RELAY_RECHECK_MAX.max(relay_recheck_base));
                relay_down_for = Some(wait);
                tracing::warn!(
                    error = %reason,
                    retry_in_secs = wait.as_secs(),
                    "the mail relay is unavailable; emails stay in the outbox"
                );
                wait
            }
            Err(DeliveryError::Database(error)) => {
                tracing::error!(error = %error, "the mail worker cannot reach the outbox");
                poll.max(Duration::from_secs(1))
            }
        };
        if !wait.is_zero() {
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(wait) => {}
            }
        }
    }
    tracing::info!("mail worker stopped");
}

/// One pass of the worker: claims the due emails and sends them. Tests call it directly, moving
/// a manual clock between passes instead of sleeping through backoffs.
pub async fn deliver_due(
    db: &DatabaseConnection,
    transport: &MailTransport,
    clock: &dyn Clock,
    settings: &MailSettings,
) -> Result<PassReport, DeliveryError> {
    run_pass(db, transport, clock, settings, &CancellationToken::new()).await
}

async fn run_pass(
    db: &DatabaseConnection,
    transport: &MailTransport,
    clock: &dyn Clock,
    settings: &MailSettings,
    shutdown: &CancellationToken,
) -> Result<PassReport, DeliveryError> {
    let now = stamp(clock.now());
    // A read first: an idle outbox, the usual case, then costs no write (SQLite has one writer
    // for the whole application).
    let anything_due = Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(due(now))
        .limit(1)
        .into_tuple::<Uuid>()
        .one(db)
        .await?
        .is_some();
    if !anything_due {
        return Ok(PassReport::default());
    }
    give_up_abandoned(db, settings, now).await?;
    let claimed = claim_due(db, settings, now).await?;
    let mut report = PassReport {
        claimed: claimed.len(),
        ..PassReport::default()
    };
    if claimed.is_empty() {
        return Ok(report);
    }
    if let Err(reason) = transport.check().await {
        for row in &claimed {
            release(db, row, Release::RelayDown(&reason)).await?;
        }
        return Err(DeliveryError::RelayUnavailable(reason));
    }
    let mut rows = claimed.iter();
    while let Some(row) = rows.next() {
        if shutdown.is_cancelled() {
            // Handed back untouched, so another node (or this one after restart) sends them now
            // rather than after the lease.
            for row in std::iter::once(row).chain(rows) {
                release(db, row, Release::Unattempted).await?;
            }
            break;
        }
        match deliver_one(db, transport, clock, settings, row).await? {
            Outcome::Sent => report.sent += 1,
            Outcome::Retrying => report.retrying += 1,
            Outcome::GaveUp => report.given_up += 1,
            Outcome::NotAttempted => continue,
            Outcome::RelayDown(reason) => {
                for row in rows {
                    release(db, row, Release::RelayDown(&reason)).await?;
                }
                return Err(DeliveryError::RelayUnavailable(reason));
            }
        }
        report.attempted += 1;
    }
    Ok(report)
}

/// Rows still `sending` long after their lease, with no attempt left: their worker died during
/// the last allowed attempt, perhaps after the relay took the email. They are given up rather
/// than risk a duplicate, and because an email that crashes the worker each time must not be
/// taken again forever.
async fn give_up_abandoned(
    db: &DatabaseConnection,
    settings: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let result = Entity::update_many()
        .set(ActiveModel {
            state: Set(EmailState::FailedPermanent),
            locked_until: Set(None),
            last_error: Set(Some(
                "given up: the worker stopped during the last allowed attempt, so the email \
                 may or may not have been delivered"
                    .into(),
            )),
            ..Default::default()
        })
        .filter(Column::State.eq(EmailState::Sending))
        .filter(Column::LockedUntil.lte(now))
        .filter(Column::Attempts.gte(max_attempts(settings)))
        .exec(db)
        .await?;
    if result.rows_affected > 0 {
        tracing::warn!(
            count = result.rows_affected,
            state = "failed_permanent",
            "emails abandoned mid-send during their last attempt were given up"
        );
    }
    Ok(())
}

/// Rows a worker may take at `now`: queued or failed temporarily and not before
/// `next_attempt_at`, or left `sending` by a worker whose lease has passed.
fn due(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(Column::State.is_in([EmailState::Queued, EmailState::FailedTemporary]))
                .add(Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::all()
                .add(Column::State.eq(EmailState::Sending))
                .add(Column::LockedUntil.lte(now)),
        )
}

/// Marks up to `batch_size` due rows `sending` under a fresh lease and counts the attempt.
async fn claim_due(
    db: &DatabaseConnection,
    settings: &MailSettings,
    now: DateTime<Utc>,
) -> Result<Vec<Model>, DbErr> {
    let statement = claim_statement(db.get_database_backend(), settings, now);
    let mut rows = Model::find_by_statement(statement).all(db).await?;
    // RETURNING promises no order; oldest first, as picked.
    rows.sort_by_key(|row| (row.next_attempt_at, row.id));
    Ok(rows)
}

/// The claim as one statement, so it is atomic on both databases:
/// `UPDATE … WHERE id IN (SELECT id … LIMIT n FOR UPDATE SKIP LOCKED) RETURNING *`.
fn claim_statement(
    backend: DatabaseBackend,
    settings: &MailSettings,
    now: DateTime<Utc>,
) -> Statement {
    let pick = Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(due(now))
        .order_by_asc(Column::NextAttemptAt)
        .order_by_asc(Column::Id)
        .limit(u64::from(settings.batch_size.max(1)))
        // PostgreSQL: rows another worker is claiming are skipped, not waited for, and a row
        // claimed meanwhile is seen with its new state and left alone. SQLite has no row locks
        // (sea-query leaves the clause out) and needs none: it runs one writer at a time.
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .into_query();
    let mut claim = Entity::update_many()
        .set(ActiveModel {
            state: Set(EmailState::Sending),
            locked_until: Set(Some(now + settings.lease())),
            ..Default::default()
        })
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .filter(Column::Id.in_subquery(pick))
        .into_query();
    claim.returning_all();
    backend.build(&claim)
}

enum Outcome {
    Sent,
    Retrying,
    GaveUp,
    /// Handed back or lost before any attempt.
    NotAttempted,
    /// The relay went away during the send; the row was handed back uncounted.
    RelayDown(String),
}

async fn deliver_one(
    db: &DatabaseConnection,
    transport: &MailTransport,
    clock: &dyn Clock,
    settings: &MailSettings,
    claimed: &Model,
) -> Result<Outcome, DbErr> {
    // A send that could end after the lease could race a worker that took the row over.
    let lease_end = claimed.locked_until.unwrap_or_default();
    let latest_end =
        clock.now() + chrono::Duration::from_std(transport.timeout).unwrap_or_default();
    if latest_end >= lease_end {
        release(db, claimed, Release::Unattempted).await?;
        return Ok(Outcome::NotAttempted);
    }
    let Some(row) = with_message_id(db, transport, claimed).await? else {
        return Ok(Outcome::NotAttempted);
    };
    let span = tracing::info_span!(
        "email",
        email_id = %row.id,
        template = %row.template,
        attempt = row.attempts
    );
    attempt(db, transport, clock, settings, &row)
        .instrument(span)
        .await
}

/// Sends one claimed row and records what came of it.
async fn attempt(
    db: &DatabaseConnection,
    transport: &MailTransport,
    clock: &dyn Clock,
    settings: &MailSettings,
    row: &Model,
) -> Result<Outcome, DbErr> {
    let message = match build_message(row, transport) {
        Ok(message) => message,
        Err(detail) => {
            settle(db, row, Settle::GiveUp(detail), clock).await?;
            tracing::warn!(state = "failed_permanent", "the email cannot be built");
            return Ok(Outcome::GaveUp);
        }
    };
    let failure = match transport.send(message).await {
        Ok(()) => {
            settle(db, row, Settle::Sent, clock).await?;
            tracing::info!(state = "sent", "email sent");
            return Ok(Outcome::Sent);
        }
        Err(failure) => failure,
    };
    if failure.kind == FailureKind::Other {
        // No reply to judge by: if the relay itself has gone, that is an outage, not this
        // email's fault.
        if let Err(reason) = transport.check().await {
            release(db, row, Release::RelayDown(&reason)).await?;
            return Ok(Outcome::RelayDown(reason));
        }
    }
    let code = failure.code.as_deref().unwrap_or("-");
    let out_of_attempts = row.attempts >= max_attempts(settings);
    if failure.kind == FailureKind::Permanent || out_of_attempts {
        let detail = if failure.kind == FailureKind::Permanent {
            failure.detail
        } else {
            format!(
                "given up after {} attempts: {}",
                row.attempts, failure.detail
            )
        };
        settle(db, row, Settle::GiveUp(detail), clock).await?;
        tracing::warn!(
            state = "failed_permanent",
            smtp_code = code,
            "email given up"
        );
        return Ok(Outcome::GaveUp);
    }
    let next = stamp(clock.now()) + retry_delay(settings, row.attempts);
    settle(db, row, Settle::Retry(next, failure.detail), clock).await?;
    tracing::info!(
        state = "failed_temporary",
        smtp_code = code,
        next_attempt_at = %next,
        "email will be tried again"
    );
    Ok(Outcome::Retrying)
}

/// The row with its `Message-ID`, fixing one first if this is its first attempt. Written before
/// the send, so a resend after a crash carries the same one. `None` when the lease was lost.
async fn with_message_id(
    db: &DatabaseConnection,
    transport: &MailTransport,
    row: &Model,
) -> Result<Option<Model>, DbErr> {
    if row.message_id.is_some() {
        return Ok(Some(row.clone()));
    }
    let message_id = format!("<{}@{}>", row.id, transport.message_id_domain());
    let result = Entity::update_many()
        .set(ActiveModel {
            message_id: Set(Some(message_id.clone())),
            ..Default::default()
        })
        .filter(holds_lease(row))
        .filter(Column::MessageId.is_null())
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        tracing::warn!(email_id = %row.id, "lost the lease before sending; left to its new owner");
        return Ok(None);
    }
    Ok(Some(Model {
        message_id: Some(message_id),
        ..row.clone()
    }))
}

fn build_message(row: &Model, transport: &MailTransport) -> Result<Message, String> {
    let to: Mailbox = row
        .to_address
        .parse()
        .map_err(|e| format!("the recipient address is not valid: {e}"))?;
    let builder = Message::builder()
        .from(transport.from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(row.message_id.clone())
        // When the event happened, the same on every attempt.
        .date(SystemTime::from(row.created_at))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            row.language.clone(),
        ))
        // RFC 3834: out-of-office replies and other robots must not answer.
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".into(),
        ));
    // RFC 8058: mail clients show an unsubscribe button that POSTs to the link, no sign-in.
    let builder = match &row.unsubscribe_url {
        Some(url) => builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            )),
        None => builder,
    };
    let message = match &row.body_html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            row.body_text.clone(),
            html.clone(),
        )),
        None => builder.singlepart(SinglePart::plain(row.body_text.clone())),
    };
    message.map_err(|e| format!("the message cannot be built: {e}"))
}

/// Matches the row only while it is still the attempt this worker claimed: the attempt count
/// is the fencing token, since every claim raises it.
fn holds_lease(row: &Model) -> Condition {
    Condition::all()
        .add(Column::Id.eq(row.id))
        .add(Column::State.eq(EmailState::Sending))
        .add(Column::Attempts.eq(row.attempts))
}

enum Settle {
    Sent,
    Retry(DateTime<Utc>, String),
    GiveUp(String),
}

/// Records an attempt's result. A few tries, because after a successful send a lost write
/// would mean sending the email again once the lease runs out.
async fn settle(
    db: &DatabaseConnection,
    row: &Model,
    settle: Settle,
    clock: &dyn Clock,
) -> Result<(), DbErr> {
    let now = stamp(clock.now());
    let changes = match settle {
        Settle::Sent => ActiveModel {
            state: Set(EmailState::Sent),
            sent_at: Set(Some(now)),
            locked_until: Set(None),
            ..Default::default()
        },
        Settle::Retry(next, error) => ActiveModel {
            state: Set(EmailState::FailedTemporary),
            next_attempt_at: Set(next),
            locked_until: Set(None),
            last_error: Set(Some(error)),
            ..Default::default()
        },
        Settle::GiveUp(error) => ActiveModel {
            state: Set(EmailState::FailedPermanent),
            locked_until: Set(None),
            last_error: Set(Some(error)),
            ..Default::default()
        },
    };
    let mut pause = Duration::from_millis(200);
    let mut tries_left = 3;
    loop {
        let result = Entity::update_many()
            .set(changes.clone())
            .filter(holds_lease(row))
            .exec(db)
            .await;
        match result {
            Ok(result) if result.rows_affected == 0 => {
                tracing::warn!(
                    email_id = %row.id,
                    "the lease ran out before the result was recorded; another worker owns the email"
                );
                return Ok(());
            }
            Ok(_) => return Ok(()),
            Err(error) if tries_left > 1 => {
                tries_left -= 1;
                tracing::warn!(email_id = %row.id, error = %error, "cannot record the result yet");
                tokio::time::sleep(pause).await;
                pause *= 4;
            }
            Err(error) => return Err(error),
        }
    }
}

enum Release<'a> {
    /// Not attempted (shutdown, or too little lease left).
    Unattempted,
    /// The relay could not be reached; recorded as the latest error.
    RelayDown(&'a str),
}

/// Hands a claimed row back without counting the attempt; it is due again at once.
async fn release(db: &DatabaseConnection, row: &Model, why: Release<'_>) -> Result<(), DbErr> {
    let never_tried = row.attempts <= 1 && row.last_error.is_none();
    let changes = match why {
        Release::Unattempted => ActiveModel {
            state: Set(if never_tried {
                EmailState::Queued
            } else {
                EmailState::FailedTemporary
            }),
            locked_until: Set(None),
            ..Default::default()
        },
        Release::RelayDown(reason) => ActiveModel {
            state: Set(EmailState::FailedTemporary),
            locked_until: Set(None),
            last_error: Set(Some(format!("the relay was unavailable: {reason}"))),
            ..Default::default()
        },
    };
    Entity::update_many()
        .set(changes)
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .filter(holds_lease(row))
        .exec(db)
        .await?;
    Ok(())
}

fn max_attempts(settings: &MailSettings) -> i32 {
    i32::try_from(settings.max_attempts.max(1)).unwrap_or(i32::MAX)
}

/// The wait before the next attempt, after `attempts` failed ones: `base · 2^(attempts-1)`, at
/// most `max`, plus up to a tenth more at random, so emails that failed together (an outage)
/// do not all come back in the same second.
fn retry_delay(settings: &MailSettings, attempts: i32) -> chrono::Duration {
    let secs = backoff_secs(settings, attempts);
    let jitter_ms = rand::thread_rng().gen_range(0..=secs.saturating_mul(100));
    chrono::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX))
        + chrono::Duration::milliseconds(i64::try_from(jitter_ms).unwrap_or(0))
}

fn backoff_secs(settings: &MailSettings, attempts: i32) -> u64 {
    let base = settings.backoff_base_secs.max(1);
    let max = settings.backoff_max_secs.max(base).min(MAX_DELAY_SECS);
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(63);
    base.saturating_mul(1_u64 << doublings).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_maximum() {
        let settings = MailSettings::default();
        let waits: Vec<u64> = (1..=12).map(|n| backoff_secs(&settings, n)).collect();
        assert_eq!(
            waits,
            [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]
        );
        assert_eq!(backoff_secs(&settings, 1000), 3600, "no overflow");
        assert_eq!(backoff_secs(&settings, 0), 5);
    }

    #[test]
    fn jitter_adds_at_most_a_tenth() {
        let settings = MailSettings::default();
        for _ in 0..200 {
            let delay = retry_delay(&settings, 3).num_milliseconds();
            assert!((20_000..=22_000).contains(&delay), "{delay}");
        }
    }

    #[test]
    fn the_lease_outlasts_a_send() {
        let settings = MailSettings {
            lease_secs: 10,
            smtp_timeout_secs: 30,
            ..MailSettings::default()
        };
        assert_eq!(settings.lease(), chrono::Duration::seconds(60));
    }

    #[test]
    fn credentials_never_survive_into_error_texts() {
        let secrets = credentials_in("smtps://mailer:p%40ss-w0rd@relay.example:465");
        let text = "535 authentication failed for mailer with p@ss-w0rd and p%40ss-w0rd";
        assert_eq!(
            scrub(text, &secrets),
            "535 authentication failed for mailer with *** and ***"
        );
    }

    #[test]
    fn the_claim_skips_rows_other_workers_hold_on_postgresql_in_one_statement() {
        let settings = MailSettings::default();
        let now = Utc::now();
        let postgres = claim_statement(DatabaseBackend::Postgres, &settings, now).sql;
        assert!(
            postgres.starts_with("UPDATE \"email_outbox\" SET"),
            "{postgres}"
        );
        assert!(postgres.contains("LIMIT $"), "{postgres}");
        assert!(postgres.contains("FOR UPDATE SKIP LOCKED)"), "{postgres}");
        assert!(postgres.ends_with("RETURNING *"), "{postgres}");
        let sqlite = claim_statement(DatabaseBackend::Sqlite, &settings, now).sql;
        assert!(!sqlite.contains("FOR UPDATE"), "{sqlite}");
        assert!(sqlite.ends_with("RETURNING *"), "{sqlite}");
    }

    #[test]
    fn the_file_transport_writes_under_the_data_folder_unless_told_otherwise() {
        let data_dir = Path::new("/srv/saulet");
        assert_eq!(
            MailSettings::default().file_dir(data_dir),
            data_dir.join("mail")
        );
        let settings = MailSettings {
            file_dir: Some("/var/mail/saulet".into()),
            ..MailSettings::default()
        };
        assert_eq!(settings.file_dir(data_dir), Path::new("/var/mail/saulet"));
    }

    #[test]
    fn links_join_the_public_url_and_a_path() {
        let settings = MailSettings {
            public_url: "https://saulet.example/".into(),
            ..MailSettings::default()
        };
        assert_eq!(
            settings.link("/verify-email?token=x"),
            "https://saulet.example/verify-email?token=x"
        );
    }

    #[test]
    fn settings_read_from_toml_keep_the_defaults_they_do_not_name() {
        let settings: MailSettings = figment::Figment::new()
            .merge(
                <figment::providers::Toml as figment::providers::Format>::string(
                    r#"
                transport = "smtp"
                smtp_url = "smtp://user:secret@relay:587?tls=required"
                max_attempts = 12
                "#,
                ),
            )
            .extract()
            .expect("valid settings");
        assert_eq!(settings.transport, TransportKind::Smtp);
        assert_eq!(settings.max_attempts, 12);
        assert_eq!(settings.backoff_base_secs, 5);
        assert_eq!(settings.from, "Saulet <no-reply@saulet.localhost>");
        assert!(!format!("{settings:?}").contains("secret"));
    }

    #[tokio::test]
    async fn a_bad_configuration_is_refused_before_any_email() {
        let data_dir = Path::new("data");
        let missing_url = MailSettings {
            transport: TransportKind::Smtp,
            ..MailSettings::default()
        };
        assert!(matches!(
            MailTransport::from_settings(&missing_url, data_dir),
            Err(MailConfigError::MissingSmtpUrl)
        ));
        let bad_from = MailSettings {
            from: "not an address".into(),
            ..MailSettings::default()
        };
        assert!(matches!(
            MailTransport::from_settings(&bad_from, data_dir),
            Err(MailConfigError::InvalidFrom(_))
        ));
        let bad_scheme = MailSettings {
            transport: TransportKind::Smtp,
            smtp_url: Some("imap://user:hunter22@relay".into()),
            ..MailSettings::default()
        };
        match MailTransport::from_settings(&bad_scheme, data_dir) {
            Err(MailConfigError::InvalidSmtpUrl(reason)) => {
                assert!(!reason.contains("hunter22"), "{reason}")
            }
            other => panic!("expected an invalid URL, got {other:?}"),
        }
    }
}
