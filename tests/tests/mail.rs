//! The mail outbox and its worker against a real SMTP server: every
//! email written in a committed transaction reaches the mailbox exactly once, through refusals,
//! outages and crashes; none is written by a transaction that rolls back. Time is a manual
//! clock moved between passes, so no test sleeps through a backoff.

use std::{collections::BTreeSet, path::Path, sync::Arc, time::Duration};

use saulet_api::{
    clock::{Clock, ManualClock},
    db,
    i18n::Lang,
    messaging::{
        mailer::{
            DeliveryError, MailSettings, MailTransport, PassReport, TransportKind, deliver_due,
            spawn_worker,
        },
        outbox::{self, EmailState, NewEmail},
        templates::{Template, UnlockHint},
    },
};
use saulet_tests::{
    TestDatabase, base_config, postgres_admin_url,
    smtp::{ReceivedMessage, SmtpServer},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait,
    TransactionTrait,
};
use tempfile::TempDir;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const WAIT: Duration = Duration::from_secs(10);

/// A fresh database, a real SMTP server, a manual clock and a transport pointed at the server.
struct Fixture {
    dir: TempDir,
    database: TestDatabase,
    db: DatabaseConnection,
    clock: Arc<ManualClock>,
    smtp: SmtpServer,
    settings: MailSettings,
    transport: MailTransport,
}

impl Fixture {
    async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    async fn start_with(configure: impl FnOnce(&mut MailSettings)) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let database = TestDatabase::create(dir.path()).await;
        let db = connect(dir.path(), &database).await;
        let smtp = SmtpServer::start().await;
        let mut settings = MailSettings {
            transport: TransportKind::Smtp,
            smtp_url: Some(smtp.url().into()),
            smtp_timeout_secs: 10,
            ..MailSettings::default()
        };
        configure(&mut settings);
        let transport =
            MailTransport::from_settings(&settings, dir.path()).expect("a usable transport");
        let start = saulet_tests::time::start();
        Self {
            dir,
            database,
            db,
            clock: ManualClock::new(start),
            smtp,
            settings,
            transport,
        }
    }

    async fn enqueue(&self, email: NewEmail) -> Uuid {
        outbox::enqueue(&self.db, email, self.clock.now())
            .await
            .expect("the email is queued")
    }

    async fn pass(&self) -> Result<PassReport, DeliveryError> {
        deliver_due(&self.db, &self.transport, &*self.clock, &self.settings).await
    }

    async fn row(&self, id: Uuid) -> outbox::Model {
        outbox::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .expect("the outbox answers")
            .expect("the email is in the outbox")
    }

    /// Moves the clock to the moment the email is due again.
    async fn wait_out_backoff(&self, id: Uuid) {
        self.clock.set(self.row(id).await.next_attempt_at);
    }
}

/// The application's own pool settings (WAIT mode, busy timeout on SQLite), migrated.
async fn connect(dir: &Path, database: &TestDatabase) -> DatabaseConnection {
    let mut config = base_config(dir, database.url());
    config.database.max_connections = 8;
    let db = db::connect(&config.database, &config.data_dir)
        .await
        .expect("the test database");
    db::migrate(&db).await.expect("the migrations apply");
    db
}

fn reset_email(to: &str, lang: Lang) -> NewEmail {
    NewEmail {
        unsubscribe_url: None,
        account_id: Some(Uuid::now_v7()),
        to_address: to.into(),
        language: lang,
        template: Template::PasswordReset {
            link: "https://saulet.example/password/reset?token=k7Yq2".into(),
            valid_minutes: 30,
        },
    }
}

fn verify_email(n: usize) -> NewEmail {
    NewEmail {
        unsubscribe_url: None,
        account_id: None,
        to_address: format!("applicant{n}@example.kz"),
        language: Lang::Ru,
        template: Template::VerifyEmail {
            link: format!("https://saulet.example/verify?token=t{n}"),
        },
    }
}

fn bare(message_id: &str) -> &str {
    message_id.trim_start_matches('<').trim_end_matches('>')
}

#[tokio::test]
async fn an_enqueued_email_reaches_the_mailbox_once_in_the_account_language() {
    let t = Fixture::start().await;
    let id = t.enqueue(reset_email("aigerim@example.kz", Lang::Kk)).await;
    assert_eq!(t.row(id).await.state, EmailState::Queued);

    let report = t.pass().await.expect("a pass");
    assert_eq!((report.claimed, report.sent), (1, 1));

    let messages = t.smtp.wait_for(1, WAIT).await;
    assert_eq!(messages.len(), 1);
    let mail = &messages[0];
    assert_eq!(mail.envelope_from, "no-reply@saulet.localhost");
    assert_eq!(mail.envelope_to, ["aigerim@example.kz"]);
    assert_eq!(mail.to, ["aigerim@example.kz"]);
    assert_eq!(
        mail.subject.as_deref(),
        Some("Құпиясөзді қалпына келтіру"),
        "the subject is in the account's language"
    );
    assert_eq!(mail.content_language.as_deref(), Some("kk"));
    assert_eq!(mail.auto_submitted.as_deref(), Some("auto-generated"));
    assert!(mail.declares_utf8());
    let text = mail.text.as_deref().expect("a plain-text part");
    assert!(text.contains("Сәлеметсіз бе!"), "{text}");
    assert!(text.contains("30 минут ішінде"), "{text}");
    assert!(text.contains("https://saulet.example/password/reset?token=k7Yq2"));
    let html = mail.html.as_deref().expect("an HTML part");
    assert!(html.contains("<html lang=\"kk\">"));
    assert!(html.contains("href=\"https://saulet.example/password/reset?token=k7Yq2\""));

    let row = t.row(id).await;
    assert_eq!(row.state, EmailState::Sent);
    assert_eq!(row.attempts, 1);
    assert_eq!(row.sent_at, Some(t.clock.now()));
    assert_eq!(row.locked_until, None);
    let message_id = row.message_id.expect("a Message-ID was fixed");
    assert_eq!(message_id, format!("<{id}@saulet.localhost>"));
    assert_eq!(mail.message_id.as_deref(), Some(bare(&message_id)));

    // Later passes find nothing to do, even much later.
    t.clock.advance(chrono::Duration::days(2));
    assert_eq!(t.pass().await.expect("a pass"), PassReport::default());
    assert_eq!(t.smtp.messages().len(), 1, "sent exactly once");
}

#[tokio::test]
async fn a_relay_that_says_try_later_gets_the_email_again_after_a_backoff_and_it_arrives_once() {
    let t = Fixture::start().await;
    t.smtp.fail_next(2, 451);
    let id = t.enqueue(reset_email("bolat@example.kz", Lang::Ru)).await;

    let report = t.pass().await.expect("a pass");
    assert_eq!((report.attempted, report.retrying), (1, 1));
    let first = t.row(id).await;
    assert_eq!(first.state, EmailState::FailedTemporary);
    assert_eq!(first.attempts, 1);
    assert!(
        first.last_error.as_deref().unwrap_or("").contains("451"),
        "{first:?} {:?}",
        first.last_error
    );
    let wait = first.next_attempt_at - t.clock.now();
    assert!(
        (5_000..=5_500).contains(&wait.num_milliseconds()),
        "the first retry waits the base 5 s plus at most a tenth: {wait}"
    );

    // Not due yet: the same moment finds nothing to send.
    assert_eq!(t.pass().await.expect("a pass").claimed, 0);

    t.wait_out_backoff(id).await;
    assert_eq!(t.pass().await.expect("a pass").retrying, 1);
    let second = t.row(id).await;
    assert_eq!(second.attempts, 2);
    let wait = second.next_attempt_at - t.clock.now();
    assert!(
        (10_000..=11_000).contains(&wait.num_milliseconds()),
        "the second retry waits twice as long: {wait}"
    );

    t.wait_out_backoff(id).await;
    assert_eq!(t.pass().await.expect("a pass").sent, 1);
    let sent = t.row(id).await;
    assert_eq!(sent.state, EmailState::Sent);
    assert_eq!(sent.attempts, 3);
    assert_eq!(
        sent.message_id, first.message_id,
        "every attempt carries the same Message-ID"
    );

    assert_eq!(t.smtp.refused(), 2);
    let messages = t.smtp.messages();
    assert_eq!(messages.len(), 1, "delivered exactly once");
    assert_eq!(
        messages[0].subject.as_deref(),
        Some("Восстановление пароля")
    );
}

#[tokio::test]
async fn an_email_waits_out_a_relay_outage_and_arrives_once_when_the_relay_is_back() {
    let t = Fixture::start().await;
    // One email first, so the transport holds a pooled connection when the relay goes down.
    t.enqueue(verify_email(0)).await;
    assert_eq!(t.pass().await.expect("a pass").sent, 1);

    t.smtp.stop().await;
    let id = t.enqueue(verify_email(1)).await;
    for _ in 0..3 {
        match t.pass().await {
            Err(DeliveryError::RelayUnavailable(_)) => {}
            other => panic!("expected the relay to be unavailable, got {other:?}"),
        }
        t.clock.advance(chrono::Duration::minutes(10));
    }
    let waiting = t.row(id).await;
    assert_eq!(waiting.state, EmailState::FailedTemporary);
    assert_eq!(
        waiting.attempts, 0,
        "an outage of our relay uses up no attempt"
    );
    assert!(
        waiting
            .last_error
            .as_deref()
            .unwrap_or("")
            .contains("relay")
    );
    assert_eq!(t.smtp.messages().len(), 1);

    t.smtp.restart().await;
    assert_eq!(t.pass().await.expect("a pass").sent, 1);
    let row = t.row(id).await;
    assert_eq!((row.state, row.attempts), (EmailState::Sent, 1));
    let messages = t.smtp.messages();
    assert_eq!(messages.len(), 2, "each email exactly once");
    assert_eq!(messages[1].to, ["applicant1@example.kz"]);
}

#[tokio::test]
async fn an_email_the_relay_refuses_for_good_is_not_tried_again() {
    let t = Fixture::start().await;
    t.smtp.fail_always(550);
    let id = t.enqueue(reset_email("nobody@example.kz", Lang::En)).await;

    assert_eq!(t.pass().await.expect("a pass").given_up, 1);
    let row = t.row(id).await;
    assert_eq!(row.state, EmailState::FailedPermanent);
    assert_eq!(row.attempts, 1);
    let error = row.last_error.expect("the refusal is recorded");
    assert!(error.contains("550"), "{error}");

    t.smtp.accept_all();
    t.clock.advance(chrono::Duration::days(1));
    assert_eq!(t.pass().await.expect("a pass").claimed, 0);
    assert_eq!(t.smtp.refused(), 1);
    assert!(t.smtp.messages().is_empty());
}

#[tokio::test]
async fn an_email_is_given_up_after_the_last_allowed_attempt() {
    let t = Fixture::start_with(|settings| settings.max_attempts = 3).await;
    t.smtp.fail_always(421);
    let id = t.enqueue(reset_email("dana@example.kz", Lang::En)).await;

    for attempt in 1..=3 {
        let report = t.pass().await.expect("a pass");
        assert_eq!(report.attempted, 1, "attempt {attempt}");
        t.wait_out_backoff(id).await;
    }
    let row = t.row(id).await;
    assert_eq!(row.state, EmailState::FailedPermanent);
    assert_eq!(row.attempts, 3);
    let error = row.last_error.expect("why it was given up");
    assert!(error.contains("given up after 3 attempts"), "{error}");

    t.smtp.accept_all();
    t.clock.advance(chrono::Duration::days(7));
    assert_eq!(t.pass().await.expect("a pass").claimed, 0);
    assert_eq!(t.smtp.refused(), 3);
    assert!(t.smtp.messages().is_empty());
}

#[tokio::test]
async fn an_email_left_mid_send_by_a_killed_process_is_sent_once_after_restart_and_a_live_lease_is_respected()
 {
    let t = Fixture::start().await;
    let now = t.clock.now();
    let abandoned = t.enqueue(verify_email(1)).await;
    let in_hand = t.enqueue(verify_email(2)).await;
    // What a process killed mid-send leaves behind: rows `sending`, one attempt counted, a
    // Message-ID fixed. One lease has run out; the other's owner may still be at work.
    for (id, lease_left) in [
        (abandoned, chrono::Duration::seconds(-1)),
        (in_hand, chrono::Duration::minutes(5)),
    ] {
        outbox::ActiveModel {
            id: Set(id),
            state: Set(EmailState::Sending),
            attempts: Set(1),
            locked_until: Set(Some(now + lease_left)),
            message_id: Set(Some(format!("<{id}@saulet.localhost>"))),
            ..Default::default()
        }
        .update(&t.db)
        .await
        .expect("the row is updated");
    }

    let report = t.pass().await.expect("a pass");
    assert_eq!((report.claimed, report.sent), (1, 1));
    let messages = t.smtp.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(
        messages[0].message_id.as_deref(),
        Some(abandoned.to_string() + "@saulet.localhost").as_deref(),
        "the resend carries the Message-ID fixed before the crash"
    );
    let row = t.row(abandoned).await;
    assert_eq!((row.state, row.attempts), (EmailState::Sent, 2));
    let untouched = t.row(in_hand).await;
    assert_eq!(
        (untouched.state, untouched.attempts),
        (EmailState::Sending, 1),
        "a live lease belongs to its worker"
    );

    t.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(t.pass().await.expect("a pass").sent, 1);
    assert_eq!(t.smtp.messages().len(), 2, "each email exactly once");
    assert_eq!(t.pass().await.expect("a pass").claimed, 0);
}

#[tokio::test]
async fn an_email_enqueued_in_a_transaction_that_rolls_back_is_never_sent() {
    let t = Fixture::start().await;
    let txn = t.db.begin().await.expect("a transaction");
    outbox::enqueue(&txn, verify_email(1), t.clock.now())
        .await
        .expect("queued inside the transaction");
    txn.rollback().await.expect("a rollback");

    assert_eq!(
        outbox::Entity::find().count(&t.db).await.expect("a count"),
        0
    );
    assert_eq!(t.pass().await.expect("a pass").claimed, 0);

    // The same, committed, is sent.
    let txn = t.db.begin().await.expect("a transaction");
    let id = outbox::enqueue(&txn, verify_email(2), t.clock.now())
        .await
        .expect("queued inside the transaction");
    txn.commit().await.expect("a commit");
    assert_eq!(t.pass().await.expect("a pass").sent, 1);
    assert_eq!(t.row(id).await.state, EmailState::Sent);
    let messages = t.smtp.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].to, ["applicant2@example.kz"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_on_postgres_share_200_emails_with_none_sent_twice_and_none_missing() {
    if postgres_admin_url().is_none() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let t = Fixture::start().await;
    let txn = t.db.begin().await.expect("a transaction");
    for n in 0..200 {
        outbox::enqueue(&txn, verify_email(n), t.clock.now())
            .await
            .expect("queued");
    }
    txn.commit().await.expect("a commit");

    // Two workers as two nodes would run them: their own pools, their own SMTP connections.
    let mut workers = Vec::new();
    for _ in 0..2 {
        let db = connect(t.dir.path(), &t.database).await;
        let transport =
            MailTransport::from_settings(&t.settings, t.dir.path()).expect("a transport");
        let (clock, settings) = (t.clock.clone(), t.settings.clone());
        workers.push(tokio::spawn(async move {
            let mut sent = 0;
            loop {
                let report = deliver_due(&db, &transport, &*clock, &settings)
                    .await
                    .expect("a pass");
                sent += report.sent;
                if report.claimed == 0 {
                    return sent;
                }
            }
        }));
    }
    let mut shares = Vec::new();
    for worker in workers {
        shares.push(worker.await.expect("the worker finishes"));
    }
    eprintln!("emails sent by each worker: {shares:?}");
    assert_eq!(shares.iter().sum::<usize>(), 200);

    let rows = outbox::Entity::find().all(&t.db).await.expect("the outbox");
    assert_eq!(rows.len(), 200);
    assert!(
        rows.iter()
            .all(|row| row.state == EmailState::Sent && row.attempts == 1),
        "every email was claimed exactly once"
    );
    let expected: BTreeSet<String> = rows
        .iter()
        .filter_map(|row| row.message_id.as_deref().map(|id| bare(id).to_owned()))
        .collect();
    let messages = t.smtp.wait_for(200, WAIT).await;
    let received: Vec<String> = messages
        .iter()
        .filter_map(|m| m.message_id.clone())
        .collect();
    let distinct: BTreeSet<String> = received.iter().cloned().collect();
    assert_eq!(received.len(), 200, "no duplicate arrived");
    assert_eq!(distinct, expected, "none is missing");
}

#[tokio::test]
async fn the_file_transport_writes_one_eml_per_email_in_the_configured_folder() {
    let folder_name = "outgoing-mail";
    let t = Fixture::start().await;
    let folder = t.dir.path().join(folder_name);
    let settings = MailSettings {
        transport: TransportKind::File,
        file_dir: Some(folder.clone()),
        ..t.settings.clone()
    };
    let transport = MailTransport::from_settings(&settings, t.dir.path()).expect("a transport");
    let mut ids = Vec::new();
    for (n, template) in [
        Template::PasswordChanged,
        Template::AccountBlocked {
            reason: "<b>forged</b> documents".into(),
        },
        Template::AccountLocked {
            until: t.clock.now() + chrono::Duration::minutes(15),
            unlock_hint: UnlockHint::Wait,
        },
    ]
    .into_iter()
    .enumerate()
    {
        let email = NewEmail {
            unsubscribe_url: None,
            account_id: None,
            to_address: format!("holder{n}@example.kz"),
            language: Lang::En,
            template,
        };
        ids.push(t.enqueue(email).await);
    }

    let report = deliver_due(&t.db, &transport, &*t.clock, &settings)
        .await
        .expect("a pass");
    assert_eq!(report.sent, 3);

    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(&folder).expect("the mail folder exists") {
        let path = entry.expect("a folder entry").path();
        assert_eq!(
            path.extension().and_then(|e| e.to_str()),
            Some("eml"),
            "{path:?}"
        );
        let raw = std::fs::read(&path).expect("a readable file");
        let mail = ReceivedMessage::parse(String::new(), Vec::new(), raw);
        found.insert(mail.message_id.expect("a Message-ID"));
    }
    let mut expected = BTreeSet::new();
    for id in ids {
        let row = t.row(id).await;
        assert_eq!(row.state, EmailState::Sent);
        expected.insert(bare(&row.message_id.expect("a Message-ID")).to_owned());
    }
    assert_eq!(found, expected, "one file per email");
    assert!(t.smtp.messages().is_empty(), "nothing went over SMTP");
}

#[tokio::test]
async fn the_worker_delivers_in_the_background_and_stops_on_shutdown() {
    let t = Fixture::start().await;
    let settings = MailSettings {
        poll_interval_ms: 20,
        ..t.settings.clone()
    };
    let shutdown = CancellationToken::new();
    let worker = spawn_worker(
        t.db.clone(),
        settings,
        t.dir.path(),
        t.clock.clone(),
        shutdown.clone(),
    )
    .expect("the worker starts");

    let id = t.enqueue(reset_email("erlan@example.kz", Lang::En)).await;
    let messages = t.smtp.wait_for(1, WAIT).await;
    assert_eq!(messages[0].subject.as_deref(), Some("Reset your password"));

    shutdown.cancel();
    tokio::time::timeout(WAIT, worker)
        .await
        .expect("the worker stops promptly")
        .expect("the worker ends cleanly");
    assert_eq!(t.row(id).await.state, EmailState::Sent);
}

#[tokio::test]
async fn a_relay_that_refuses_our_credentials_keeps_mail_queued_and_never_shows_the_password() {
    let password = "Zx9-very-secret";
    let t = Fixture::start().await;
    let settings = MailSettings {
        smtp_url: Some(format!("smtp://saulet:{password}@{}", t.smtp.addr()).into()),
        ..t.settings.clone()
    };
    let transport = MailTransport::from_settings(&settings, t.dir.path()).expect("a transport");
    let id = t.enqueue(reset_email("gulnar@example.kz", Lang::Ru)).await;

    match deliver_due(&t.db, &transport, &*t.clock, &settings).await {
        Err(DeliveryError::RelayUnavailable(reason)) => {
            assert!(!reason.contains(password), "{reason}")
        }
        other => panic!("expected the relay to be unusable, got {other:?}"),
    }
    let row = t.row(id).await;
    assert_eq!(
        (row.state, row.attempts),
        (EmailState::FailedTemporary, 0),
        "a misconfigured relay uses up no attempt"
    );
    let error = row.last_error.expect("the reason is recorded");
    assert!(!error.contains(password), "{error}");
    assert!(t.smtp.messages().is_empty());

    // Once the configuration is right, the email goes.
    assert_eq!(t.pass().await.expect("a pass").sent, 1);
}
