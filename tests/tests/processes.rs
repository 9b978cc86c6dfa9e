//! Real `saulet` processes: mail is not lost when a process is killed in the middle of sending,
//! and two processes on one PostgreSQL database share the outbox without sending an email twice
//! no lost work on restart; docs/notifications.md, "Several API nodes").

use std::{collections::HashMap, time::Duration};

use saulet_api::{
    i18n::Lang,
    messaging::{
        outbox::{self, NewEmail},
        templates::Template,
    },
};
use saulet_migrations::{Migrator, MigratorTrait};
use saulet_tests::{TestDatabase, process::SauletProcess, smtp::SmtpServer};

async fn outbox_with(database: &TestDatabase, count: usize) -> sea_orm::DatabaseConnection {
    let db = sea_orm::Database::connect(database.url())
        .await
        .expect("connects");
    Migrator::up(&db, None).await.expect("migrates");
    for i in 0..count {
        outbox::enqueue(
            &db,
            NewEmail {
                account_id: None,
                to_address: format!("person{i}@example.kz"),
                language: Lang::Kk,
                template: Template::PasswordChanged,
                unsubscribe_url: None,
            },
            chrono::Utc::now(),
        )
        .await
        .expect("queued");
    }
    db
}

fn node_env(
    database: &TestDatabase,
    data_dir: &std::path::Path,
    smtp: &SmtpServer,
) -> Vec<(&'static str, String)> {
    vec![
        ("SAULET_DATABASE__URL", database.url()),
        ("SAULET_DATA_DIR", data_dir.display().to_string()),
        ("SAULET_MAIL__TRANSPORT", "smtp".into()),
        ("SAULET_MAIL__SMTP_URL", smtp.url()),
        ("SAULET_MAIL__POLL_INTERVAL_MS", "50".into()),
        ("SAULET_MAIL__BATCH_SIZE", "10".into()),
        ("SAULET_MAIL__SMTP_TIMEOUT_SECS", "1".into()),
        ("SAULET_MAIL__LEASE_SECS", "2".into()),
        ("SAULET_CONSENTS__SHIP_AGREEMENTS", "false".into()),
        (
            "SAULET_SERVER__STATIC_DIR",
            data_dir.join("no-spa").display().to_string(),
        ),
    ]
}

/// Received messages per Message-ID.
fn by_message_id(smtp: &SmtpServer) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for message in smtp.messages() {
        *counts
            .entry(message.message_id.unwrap_or_default())
            .or_insert(0) += 1;
    }
    counts
}

async fn wait_for_distinct(smtp: &SmtpServer, n: usize, within: Duration) {
    let deadline = std::time::Instant::now() + within;
    while by_message_id(smtp).len() < n {
        assert!(
            std::time::Instant::now() < deadline,
            "only {} of {n} emails arrived",
            by_message_id(smtp).len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_process_killed_while_sending_loses_no_email_and_the_next_one_finishes_the_work() {
    let data = tempfile::tempdir().expect("a folder");
    let database = TestDatabase::create(data.path()).await;
    let db = outbox_with(&database, 60).await;
    let smtp = SmtpServer::start().await;
    let env = node_env(&database, data.path(), &smtp);

    let mut first = SauletProcess::start(&env).await;
    wait_for_distinct(&smtp, 5, Duration::from_secs(30)).await;
    first.kill();
    let sent_before_the_kill = by_message_id(&smtp).len();
    assert!(
        sent_before_the_kill < 60,
        "the kill came in the middle of the work"
    );

    let _second = SauletProcess::start(&env).await;
    wait_for_distinct(&smtp, 60, Duration::from_secs(60)).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let counts = by_message_id(&smtp);
    assert_eq!(counts.len(), 60, "every email arrived");
    // SMTP cannot be exactly-once across a crash: the one email the relay had just taken when the
    // process died may go again, under the same Message-ID (receivers drop such duplicates).
    let repeated: usize = counts.values().map(|n| n - 1).sum();
    assert!(
        repeated <= 1,
        "at most the email in flight at the kill is repeated: {repeated}"
    );

    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let unsent = outbox::Entity::find()
        .filter(outbox::Column::State.ne(outbox::EmailState::Sent))
        .count(&db)
        .await
        .expect("a count");
    assert_eq!(unsent, 0, "every row ends as sent");
}

#[tokio::test]
async fn two_processes_on_one_postgresql_share_200_emails_with_none_twice_and_none_missing() {
    if saulet_tests::postgres_admin_url().is_none() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let data = tempfile::tempdir().expect("a folder");
    let database = TestDatabase::create(data.path()).await;
    let _db = outbox_with(&database, 200).await;
    let smtp = SmtpServer::start().await;
    let env = node_env(&database, data.path(), &smtp);
    let _a = SauletProcess::start(&env).await;
    let _b = SauletProcess::start(&env).await;
    wait_for_distinct(&smtp, 200, Duration::from_secs(120)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let counts = by_message_id(&smtp);
    assert_eq!(counts.len(), 200, "none missing");
    assert!(counts.values().all(|n| *n == 1), "none sent twice");
    assert_eq!(smtp.messages().len(), 200);
}

/// A service manager stops the server with SIGTERM: it finishes and exits on its own, with
/// every background worker (mail, announcements, reminders, the CRL refresh and, on PostgreSQL,
/// the LISTEN for notifications) ended, instead of hanging until it is killed.
#[tokio::test]
async fn sigterm_stops_the_server_with_its_workers_within_seconds() {
    let data = tempfile::tempdir().expect("a folder");
    let database = TestDatabase::create(data.path()).await;
    let _db = outbox_with(&database, 0).await;
    let smtp = SmtpServer::start().await;
    let mut env = node_env(&database, data.path(), &smtp);
    env.extend(
        saulet_tests::process::node_env(database.url(), data.path())
            .into_iter()
            .filter(|(key, _)| key.starts_with("SAULET_EDS__")),
    );
    env.push(("SAULET_SERVER__SHUTDOWN_TIMEOUT_SECS", "2".into()));
    let mut server = SauletProcess::start(&env).await;
    let live = reqwest::get(format!(
        "http://127.0.0.1:{}/api/v1/health/live",
        server.port
    ))
    .await
    .expect("answers");
    assert!(live.status().is_success());

    let status = server
        .terminate(Duration::from_secs(15))
        .expect("the server exits within 15 s of SIGTERM");
    assert!(status.success(), "a clean exit: {status}");
}
