//! Health endpoints, request ids and the database behind them.

use std::time::{Duration, Instant};

use saulet_tests::{
    database::{server_addr, with_host},
    problem,
    proxy::TcpProxy,
    spawn_app, spawn_app_with,
};
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test]
async fn liveness_answers_ok() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/health/live").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body, serde_json::json!({"status": "ok"}));
}

#[tokio::test]
async fn readiness_reports_a_reachable_database() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/health/ready").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(
        body,
        serde_json::json!({"status": "ok", "checks": {"database": "ok"}})
    );
}

#[tokio::test]
async fn the_database_is_migrated_at_start() {
    let app = spawn_app().await;
    let backend = app.db.get_database_backend();
    let row = app
        .db
        .query_one(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM seaql_migrations",
        ))
        .await
        .expect("the migrations table exists");
    let applied: i64 = row.expect("a row").try_get("", "n").expect("a count");
    assert_eq!(applied, saulet_migrations_count());
}

fn saulet_migrations_count() -> i64 {
    use saulet_migrations::MigratorTrait;
    i64::try_from(saulet_migrations::Migrator::migrations().len()).expect("a small number")
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_a_plain_client_one_is_echoed() {
    let app = spawn_app().await;
    let generated = app.get("/api/v1/health/live").await;
    let id = generated.headers()["x-request-id"].to_str().expect("ascii");
    assert!(
        uuid::Uuid::parse_str(id).is_ok(),
        "a generated id is a UUID: {id}"
    );

    let echoed = app
        .client
        .get(app.url("/api/v1/health/live"))
        .header("x-request-id", "integrator-42")
        .send()
        .await
        .expect("an answer");
    assert_eq!(echoed.headers()["x-request-id"], "integrator-42");

    let unsafe_id = app
        .client
        .get(app.url("/api/v1/nowhere"))
        .header("x-request-id", "<script>alert(1)</script>")
        .send()
        .await
        .expect("an answer");
    let replaced = unsafe_id.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_ne!(replaced, "<script>alert(1)</script>");
    let body = problem(unsafe_id).await;
    assert_eq!(
        body["request_id"],
        replaced.as_str(),
        "the problem quotes the same id"
    );
}

#[tokio::test]
async fn api_responses_carry_the_security_headers() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/health/live").await;
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(
        headers["content-security-policy"]
            .to_str()
            .expect("ascii")
            .contains("frame-ancestors 'none'")
    );
    assert!(
        headers.get("strict-transport-security").is_none(),
        "HSTS is opt-in"
    );
}

/// PostgreSQL only: a SQLite file cannot become unreachable. A proxy between the application
/// and the real server is cut and restored; readiness must follow without a restart.
#[tokio::test]
async fn readiness_fails_while_the_database_is_unreachable_and_recovers_by_itself() {
    let Some(admin_url) = saulet_tests::postgres_admin_url() else {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    };
    let proxy = TcpProxy::start(server_addr(&admin_url)).await;
    let proxy_addr = proxy.addr();
    let app = spawn_app_with(move |config| {
        let url = secrecy::ExposeSecret::expose_secret(
            config.database.url.as_ref().expect("a test database URL"),
        )
        .to_owned();
        config.database.url = Some(with_host(&url, proxy_addr).into());
        config.database.acquire_timeout_secs = 1;
        config.database.connect_timeout_secs = 1;
    })
    .await;
    assert_eq!(app.get("/api/v1/health/ready").await.status(), 200);

    proxy.cut();
    let down = wait_for_status(&app, 503).await;
    assert_eq!(down.headers()["retry-after"], "5");
    let body = problem(down).await;
    assert_eq!(body["type"], "service-unavailable");
    assert!(
        !body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("127.0.0.1"),
        "{body}"
    );

    proxy.restore().await;
    let up = wait_for_status(&app, 200).await;
    assert_eq!(up.status(), 200);
}

async fn wait_for_status(app: &saulet_tests::TestApp, status: u16) -> reqwest::Response {
    let started = Instant::now();
    loop {
        let response = app.get("/api/v1/health/ready").await;
        if response.status() == status {
            return response;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "readiness never answered {status}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
