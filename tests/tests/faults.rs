//! Faults, on SQLite and PostgreSQL: the real `saulet` binary killed with SIGKILL in the middle of
//! a write load keeps every write it acknowledged and nothing half-written; a document store that
//! cannot be written refuses uploads cleanly and records nothing. On PostgreSQL: the database
//! stopped and started under load (a private server, so the shared one is left alone) turns
//! readiness and the API to 503 problem+json, and the same process serves again within seconds
//! of the database's return.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use saulet_tests::{
    TestDatabase,
    load::{self, Load, Seen},
    permits::{PDF, sketch_form},
    pg_cluster::PrivateCluster,
    postgres_admin_url, problem,
    process::{SauletProcess, node_env, register_individual, sign_in_individual},
    spawn_app_with,
};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

async fn token(client: &reqwest::Client, base: &str) -> String {
    register_individual(client, base).await;
    sign_in_individual(client, base).await
}

#[tokio::test]
async fn a_node_killed_under_write_load_keeps_every_write_it_acknowledged() {
    let data = tempfile::tempdir().expect("a folder");
    let database = TestDatabase::create(data.path()).await;
    let env = node_env(database.url(), data.path());
    let mut node = SauletProcess::start(&env).await;
    let base = format!("http://127.0.0.1:{}", node.port);
    let client = reqwest::Client::new();
    let token = token(&client, &base).await;

    // Eight writers create drafts as fast as they can; the node is killed under them.
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let (client, base, token, acknowledged) =
                (client.clone(), base.clone(), token.clone(), acknowledged.clone());
            tokio::spawn(async move {
                for n in 0.. {
                    let sent = client
                        .post(format!("{base}/api/v1/permit-requests"))
                        .bearer_auth(&token)
                        .json(&json!({"type_code": "sketch-approval", "title": format!("w{w}-{n}"), "form_data": sketch_form()}))
                        .send()
                        .await;
                    let Ok(response) = sent else { break };
                    if response.status() != 201 {
                        break;
                    }
                    let Ok(body) = response.json::<Value>().await else { break };
                    acknowledged
                        .lock()
                        .expect("the list")
                        .push(body["id"].as_str().expect("an id").to_owned());
                }
            })
        })
        .collect();
    let started = std::time::Instant::now();
    while acknowledged.lock().expect("the list").len() < 40 {
        assert!(started.elapsed() < Duration::from_secs(60), "the load runs");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    node.kill();
    for writer in writers {
        let _ = writer.await;
    }
    let acknowledged = acknowledged.lock().expect("the list").clone();
    assert!(acknowledged.len() >= 40);

    // After a restart, every acknowledged request is there, whole.
    let restarted = SauletProcess::start(&env).await;
    let base = format!("http://127.0.0.1:{}", restarted.port);
    for id in &acknowledged {
        let response = client
            .get(format!("{base}/api/v1/permit-requests/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), 200, "{id} was acknowledged");
        let view: Value = response.json().await.expect("JSON");
        assert_eq!(view["status"], "draft");
        assert_eq!(view["form_data"], sketch_form(), "nothing half-written");
    }
    let db = sea_orm::Database::connect(database.url())
        .await
        .expect("the database");
    let stored = saulet_api::permits::entity::request::Entity::find()
        .count(&db)
        .await
        .expect("counted") as usize;
    assert!(
        stored >= acknowledged.len() && stored <= acknowledged.len() + 8,
        "at most the requests in flight at the kill are stored unacknowledged: {stored} vs {}",
        acknowledged.len()
    );
}

#[tokio::test]
async fn an_unwritable_document_store_refuses_uploads_and_records_nothing() {
    let blocker = tempfile::NamedTempFile::new().expect("a file");
    let impossible = blocker.path().join("documents");
    let app = spawn_app_with(move |c| c.permits.storage_dir = Some(impossible)).await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = draft["id"].as_str().expect("an id");
    let response = app.upload(&applicant, id, "sketch", "s.pdf", PDF).await;
    assert_eq!(response.status(), 503);
    assert_eq!(problem(response).await["type"], "service-unavailable");
    let documents = saulet_api::permits::entity::document::Entity::find()
        .count(&app.db)
        .await
        .expect("counted");
    assert_eq!(documents, 0, "nothing recorded");
    assert_eq!(
        app.get("/api/v1/health/ready").await.status(),
        200,
        "the rest still works"
    );
}

async fn wait_for_status(client: &reqwest::Client, url: &str, want: u16, within: Duration) {
    let started = Instant::now();
    loop {
        let status = client.get(url).send().await.map(|r| r.status().as_u16());
        if status.as_ref().ok() == Some(&want) {
            return;
        }
        assert!(
            started.elapsed() < within,
            "{url} did not answer {want} within {within:?} (last: {status:?})"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn postgresql_stopped_and_started_under_load_answers_503_and_recovers_without_a_restart() {
    if postgres_admin_url().is_none() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let cluster = Arc::new(PrivateCluster::start());
    let data = tempfile::tempdir().expect("a folder");
    let node = SauletProcess::start(&node_env(cluster.url(), data.path())).await;
    let base = format!("http://127.0.0.1:{}", node.port);
    let client = reqwest::Client::new();
    let token = token(&client, &base).await;

    // Four clients read and write as fast as they can, before, during and after the outage.
    let load = Load::lists_and_drafts(&client, &base, &token, 4);
    while load.count(|s| s.status < 300) < 40 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // The database stops. Readiness says so, and the API answers 503 problem+json.
    let down = cluster.clone();
    tokio::task::spawn_blocking(move || down.down())
        .await
        .expect("stopped");
    let ready = format!("{base}/api/v1/health/ready");
    wait_for_status(&client, &ready, 503, Duration::from_secs(10)).await;
    let response = client
        .get(format!("{base}/api/v1/accounts/me"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("the node answers while the database is away");
    assert_eq!(response.status(), 503);
    assert_eq!(problem(response).await["type"], "service-unavailable");
    tokio::time::sleep(Duration::from_secs(2)).await;

    // It returns; the same process serves again within 5 seconds.
    let up = cluster.clone();
    tokio::task::spawn_blocking(move || up.up())
        .await
        .expect("started");
    let returned = Instant::now();
    wait_for_status(&client, &ready, 200, Duration::from_secs(5)).await;
    let me = format!("{base}/api/v1/accounts/me");
    loop {
        let status = client
            .get(&me)
            .bearer_auth(&token)
            .send()
            .await
            .expect("answers")
            .status();
        if status == 200 {
            break;
        }
        assert!(
            returned.elapsed() < Duration::from_secs(5),
            "the API serves again within 5 s of the database's return (still {status})"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let recovered = returned.elapsed();
    tokio::time::sleep(Duration::from_secs(6).saturating_sub(recovered)).await;
    let steady = Instant::now();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let seen = load.stop().await;
    let failed: Vec<&Seen> = seen.iter().filter(|s| s.status >= 300).collect();
    assert!(!failed.is_empty(), "the load met the outage");
    for s in &failed {
        assert!(
            s.status == 503 && s.problem_type.as_deref() == Some("service-unavailable"),
            "meanwhile only 503 problem+json, never a 500 or a dropped connection: {s:?}"
        );
    }
    let after: Vec<&Seen> = seen.iter().filter(|s| s.sent >= steady).collect();
    assert!(!after.is_empty());
    assert!(
        after.iter().all(|s| s.status < 300),
        "every request after the recovery succeeds: {:?}",
        after.iter().filter(|s| s.status >= 300).collect::<Vec<_>>()
    );
    load::assert_all_stored(&client, &base, &token, &seen).await;
    eprintln!(
        "{} requests, {} answered 503 during the outage; serving again {recovered:?} after the database returned",
        seen.len(),
        failed.len()
    );
}

/// The product's PostgreSQL pool over a fresh test database, with a scratch table of one row.
async fn pool_with_probe_row(
    data_dir: &std::path::Path,
    database: &TestDatabase,
    connections: u32,
) -> sea_orm::DatabaseConnection {
    use sea_orm::ConnectionTrait;
    let mut config = saulet_tests::base_config(data_dir, database.url());
    config.database.max_connections = connections;
    config.database.min_connections = connections;
    let db = saulet_api::db::connect(&config.database, &config.data_dir)
        .await
        .expect("connects");
    db.execute_unprepared(
        "CREATE TABLE fault_probe (id int PRIMARY KEY, n int NOT NULL);
         INSERT INTO fault_probe VALUES (1, 0);",
    )
    .await
    .expect("a scratch table");
    db
}

/// A transaction dropped without a commit (a request that failed half-way) gives its row locks
/// back as soon as its connection returns to the pool, which sends the queued ROLLBACK then
/// (vendor/README.md: the pool's check on release). Another connection can write the row.
#[tokio::test]
async fn a_dropped_transaction_releases_its_locks_when_its_connection_returns_to_the_pool() {
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    if postgres_admin_url().is_none() {
        return;
    }
    let data = tempfile::tempdir().expect("a folder");
    let database = TestDatabase::create(data.path()).await;
    let db = pool_with_probe_row(data.path(), &database, 2).await;
    {
        let txn = db.begin().await.expect("begins");
        txn.execute_unprepared("UPDATE fault_probe SET n = n + 1 WHERE id = 1")
            .await
            .expect("locks the row");
        // Dropped here: neither committed nor rolled back by the code.
    }
    let other = sea_orm::Database::connect(database.url())
        .await
        .expect("a second pool");
    let txn = other.begin().await.expect("begins");
    txn.execute_unprepared("SET LOCAL lock_timeout = '10s'")
        .await
        .expect("a lock timeout");
    txn.execute_unprepared("UPDATE fault_probe SET n = n + 10 WHERE id = 1")
        .await
        .expect("the row is no longer locked");
    txn.commit().await.expect("commits");
    let row = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            "SELECT n FROM fault_probe WHERE id = 1",
        ))
        .await
        .expect("a query")
        .expect("the row");
    assert_eq!(
        row.try_get::<i32>("", "n").expect("n"),
        10,
        "the dropped transaction's update was rolled back"
    );
}

/// A pooled connection whose server process dies (a restart, `pg_terminate_backend`) fails at
/// most the one statement that finds out; the pool drops it and the next statement runs on a
/// new connection.
#[tokio::test]
async fn a_pooled_connection_killed_on_the_server_fails_at_most_one_statement() {
    use sea_orm::{ConnectionTrait, Statement};
    if postgres_admin_url().is_none() {
        return;
    }
    let data = tempfile::tempdir().expect("a folder");
    let database = TestDatabase::create(data.path()).await;
    let db = pool_with_probe_row(data.path(), &database, 1).await;
    let backend = db.get_database_backend();
    let pid: i32 = db
        .query_one(Statement::from_string(
            backend,
            "SELECT pg_backend_pid() AS pid",
        ))
        .await
        .expect("a query")
        .expect("a row")
        .try_get("", "pid")
        .expect("pid");
    let admin = sea_orm::Database::connect(database.url())
        .await
        .expect("a second pool");
    admin
        .execute(Statement::from_sql_and_values(
            backend,
            "SELECT pg_terminate_backend($1)",
            [pid.into()],
        ))
        .await
        .expect("terminates");
    let deadline = Instant::now() + Duration::from_secs(10);
    while admin
        .query_one(Statement::from_sql_and_values(
            backend,
            "SELECT 1 FROM pg_stat_activity WHERE pid = $1",
            [pid.into()],
        ))
        .await
        .expect("a query")
        .is_some()
    {
        assert!(Instant::now() < deadline, "the backend ended");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut outcomes = Vec::new();
    for _ in 0..4 {
        outcomes.push(
            db.execute_unprepared("UPDATE fault_probe SET n = n + 1 WHERE id = 1")
                .await
                .is_ok(),
        );
    }
    assert!(
        outcomes[1..].iter().all(|ok| *ok),
        "only the first statement may fail: {outcomes:?}"
    );
}
