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

#[tokio::test]
async fn metrics_answer_only_the_configured_bearer_token_and_nothing_by_default() {
    let app = spawn_app().await;
    let scrape = |token: Option<&str>| {
        let mut request = app.client.get(format!("{}/metrics", app.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    let open = scrape(Some(saulet_tests::METRICS_TOKEN))
        .await
        .expect("answers");
    assert_eq!(open.status(), 200);
    assert!(
        open.text()
            .await
            .expect("text")
            .contains("saulet_db_pool_connections")
    );
    for token in [None, Some("guess"), Some("")] {
        let refused = scrape(token).await.expect("answers");
        assert_eq!(refused.status(), 401, "{token:?}");
        assert_eq!(problem(refused).await["type"], "unauthenticated");
    }

    // A default install (no `server.metrics_token`) has no metrics endpoint at all.
    let default = spawn_app_with(|c| c.server.metrics_token = None).await;
    let response = default
        .client
        .get(format!("{}/metrics", default.address))
        .bearer_auth(saulet_tests::METRICS_TOKEN)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn a_clients_malformed_request_gets_its_400_without_an_error_line() {
    use std::io::{Read, Write};

    let app = spawn_app().await;
    let log_path = app.data_dir.path().join("node.log");
    let log = std::fs::File::create(&log_path).expect("a log file");
    let mut env = saulet_tests::process::node_env(app.database.url(), app.data_dir.path());
    env.push(("SAULET_LOG__LEVEL", "info".into()));
    let node = saulet_tests::process::SauletProcess::start_logging_to(&env, &log).await;

    let mut stream = std::net::TcpStream::connect(("127.0.0.1", node.port)).expect("connects");
    stream
        .write_all(b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Bad: a\x00b\r\n\r\n")
        .expect("sent");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a timeout");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    // A request that follows is served, and its log line lands after the refusal's.
    let live = app
        .client
        .get(format!("http://127.0.0.1:{}/api/v1/health/live", node.port))
        .send()
        .await
        .expect("answers");
    assert_eq!(live.status(), 200);
    let deadline = Instant::now() + Duration::from_secs(10);
    let text = loop {
        let text = std::fs::read_to_string(&log_path).expect("the log");
        if text.contains("/api/v1/health/live") || Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        text.contains("/api/v1/health/live"),
        "the node logs: {text}"
    );
    assert!(
        !text.contains("ERROR"),
        "a client's malformed request is not an operator's problem: {text}"
    );
}
