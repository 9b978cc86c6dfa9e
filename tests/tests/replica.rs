//! Read replicas (docs/scaling.md) against a real streaming replica the test makes
//! (`pg_basebackup -R` of a private PostgreSQL cluster): lists are read from the replica; a
//! session that just wrote reads its own write from the primary for the configured window; when
//! the replica stops, reads fall back to the primary; the staff dashboard's counts come from the
//! replica. PostgreSQL only.

use std::time::{Duration, Instant};

use saulet_tests::{
    database::{TestDatabase, with_database},
    permits::{Cast, sketch_form},
    pg_cluster::PrivateCluster,
    postgres_admin_url,
    process::{SauletProcess, node_env, post_json, register_individual, sign_in_individual},
    spawn_app_in,
};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};
use secrecy::SecretString;
use serde_json::{Value, json};

async fn register_and_sign_in_twice(client: &reqwest::Client, base: &str) -> (String, String) {
    register_individual(client, base).await;
    (
        sign_in_individual(client, base).await,
        sign_in_individual(client, base).await,
    )
}

/// The ids of the requests `token` lists.
async fn listed(client: &reqwest::Client, base: &str, token: &str) -> Result<Vec<String>, u16> {
    let response = client
        .get(format!("{base}/api/v1/permit-requests"))
        .bearer_auth(token)
        .send()
        .await
        .expect("answers");
    if response.status() != 200 {
        return Err(response.status().as_u16());
    }
    let body: Value = response.json().await.expect("JSON");
    Ok(body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_owned())
        .collect())
}

#[tokio::test]
async fn lists_read_a_streaming_replica_with_read_your_writes_and_fall_back_when_it_stops() {
    if postgres_admin_url().is_none() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let primary = PrivateCluster::start();
    let replica = primary.replica();
    let data = tempfile::tempdir().expect("a folder");
    let replica_url = replica.url();
    let mut env = node_env(primary.url(), data.path());
    env.push((
        "SAULET_DATABASE__REPLICA_URLS",
        format!("[\"{replica_url}\"]"),
    ));
    env.push(("SAULET_DATABASE__READ_YOUR_WRITES_SECS", "3".into()));
    let node = SauletProcess::start(&env).await;
    let base = format!("http://127.0.0.1:{}", node.port);
    let client = reqwest::Client::new();
    let (writer, reader) = register_and_sign_in_twice(&client, &base).await;

    // Wait until the replica has replayed the registration, then hold its replay: from here on
    // it shows the database as it stands now.
    let standby = Database::connect(replica_url.as_str())
        .await
        .expect("the replica answers");
    let deadline = Instant::now() + Duration::from_secs(20);
    while listed(&client, &base, &reader).await.is_err() {
        assert!(Instant::now() < deadline, "the replica caught up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    standby
        .execute_unprepared("SELECT pg_wal_replay_pause()")
        .await
        .expect("replay paused");

    // The writer files a draft and sees it at once: its reads go to the primary.
    let draft = post_json(
        &client,
        format!("{base}/api/v1/permit-requests"),
        Some(&writer),
        &json!({"type_code": "sketch-approval", "title": "Эскиз", "form_data": sketch_form()}),
    )
    .await;
    let id = draft["id"].as_str().expect("a draft").to_owned();
    assert_eq!(listed(&client, &base, &writer).await, Ok(vec![id.clone()]));
    // Another session of the same person, which wrote nothing, reads the held replica: the
    // list comes from there, without the draft.
    assert_eq!(listed(&client, &base, &reader).await, Ok(Vec::new()));
    // Once the window has passed, the writer reads the replica again too.
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(listed(&client, &base, &writer).await, Ok(Vec::new()));

    // Replay resumes: both see the draft.
    standby
        .execute_unprepared("SELECT pg_wal_replay_resume()")
        .await
        .expect("replay resumed");
    let deadline = Instant::now() + Duration::from_secs(20);
    while listed(&client, &base, &reader).await != Ok(vec![id.clone()]) {
        assert!(Instant::now() < deadline, "the replica caught up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = standby.close().await;

    // The replica stops: reads fall back to the primary within moments, and answer in full.
    let stopping = std::sync::Arc::new(replica);
    let down = stopping.clone();
    tokio::task::spawn_blocking(move || down.down())
        .await
        .expect("stopped");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match listed(&client, &base, &reader).await {
            Ok(ids) => {
                assert_eq!(ids, vec![id.clone()]);
                break;
            }
            Err(status) => {
                assert_eq!(status, 503, "a read while the replica is found down");
                assert!(Instant::now() < deadline, "reads fell back to the primary");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    // And stay there.
    for _ in 0..5 {
        assert_eq!(listed(&client, &base, &reader).await, Ok(vec![id.clone()]));
    }
}

/// The staff dashboard (`GET /organisations/{code}/staff`) counts from the replica: while its
/// replay is held, a request submitted since is not counted; once replay resumes, it is.
#[tokio::test]
async fn the_staff_dashboard_counts_from_the_replica() {
    if postgres_admin_url().is_none() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let primary = PrivateCluster::start();
    let replica = primary.replica();
    let database = TestDatabase::migrated_on(&primary.url()).await;
    let replica_url = with_database(&replica.url(), database.name().expect("PostgreSQL"));
    let data = tempfile::tempdir().expect("a folder");
    let app = spawn_app_in(
        database,
        data,
        saulet_tests::time::manual_clock(),
        None,
        |config| {
            config.database.replica_urls = vec![SecretString::from(replica_url.clone())];
            config.database.read_your_writes_secs = 1;
        },
    )
    .await;
    let Cast {
        applicant, admin, ..
    } = app.cast().await;
    let unassigned = || async {
        let response = app
            .get_as("/api/v1/organisations/department/staff", &admin.token)
            .await;
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.expect("JSON");
        body["unassigned"].as_u64().expect("a count")
    };
    let standby = Database::connect(replica_url.as_str())
        .await
        .expect("the replica answers");
    let replayed = |n: i64| {
        let standby = &standby;
        async move {
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                let row = standby
                    .query_one(Statement::from_string(
                        DbBackend::Postgres,
                        "SELECT count(*) AS n FROM permit_requests WHERE status = 'submitted'",
                    ))
                    .await
                    .expect("a count")
                    .expect("a row");
                if row.try_get::<i64>("", "n").expect("n") == n {
                    return;
                }
                assert!(Instant::now() < deadline, "the replica caught up");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };

    app.submitted_sketch(&applicant).await;
    replayed(1).await;
    assert_eq!(unassigned().await, 1);
    standby
        .execute_unprepared("SELECT pg_wal_replay_pause()")
        .await
        .expect("replay paused");
    app.submitted_sketch(&applicant).await;
    // Two on the primary; the held replica still has one, and the dashboard says one.
    assert_eq!(unassigned().await, 1);
    standby
        .execute_unprepared("SELECT pg_wal_replay_resume()")
        .await
        .expect("replay resumed");
    replayed(2).await;
    assert_eq!(unassigned().await, 2);
    let _ = standby.close().await;
}
