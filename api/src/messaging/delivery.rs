//! The delivery worker: sends the outbox's emails so that neither a crash nor an
//! SMTP outage loses one and none goes out twice in normal operation. The transport
//! and its settings are in [`super::mailer`]; the module comment there tells the whole pass.

use std::{
    path::Path,
    time::{Duration, SystemTime},
};

use chrono::{DateTime, Utc};
use lettre::{
    Message,
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
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;
use uuid::Uuid;

use crate::{
    clock::{Clock, SharedClock},
    db::stamp,
    messaging::outbox::{ActiveModel, Column, EmailState, Entity, Model},
};

use super::mailer::*;

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
}
