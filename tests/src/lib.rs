//! Test harness: starts the real application on a random port with its own fresh database.
//!
//! SQLite by default (a file in a temporary folder). With `TEST_DATABASE_URL` set to a
//! PostgreSQL server's admin database (e.g. `postgres://postgres@127.0.0.1:5432/postgres`),
//! each test gets a new database copied from a migrated template, dropped when the test ends.
//! Tests run in parallel; nothing is shared between them but the template.

pub mod database;
pub mod echo;
pub mod proxy;

use std::path::Path;

use saulet_api::{Application, config::Config};
use sea_orm::DatabaseConnection;
use secrecy::SecretString;
use tempfile::TempDir;

pub use database::{TestDatabase, postgres_admin_url};

/// A running application and what the test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub port: u16,
    /// A client that never follows redirects, so tests see exactly what the server said.
    pub client: reqwest::Client,
    /// The application's own database connection, to check the rows left behind.
    pub db: DatabaseConnection,
    pub data_dir: TempDir,
    pub database: TestDatabase,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the server answers")
    }

    /// `POST` a raw body with the given content type.
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        request.send().await.expect("the server answers")
    }
}

/// Starts the application with the defaults tests use.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the application after `configure` has adjusted its configuration.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    let database = TestDatabase::create(data_dir.path()).await;
    let mut config = base_config(data_dir.path(), database.url());
    configure(&mut config);
    start(config, data_dir, database).await
}

/// The configuration every test starts from: port 0, its own data folder and database,
/// no SPA unless a test provides one, and few workers (many apps run at once).
pub fn base_config(data_dir: &Path, database_url: String) -> Config {
    let mut config = Config {
        data_dir: data_dir.to_path_buf(),
        ..Config::default()
    };
    config.server.port = 0;
    config.server.workers = Some(1);
    config.server.static_dir = data_dir.join("no-spa");
    config.server.shutdown_timeout_secs = 1;
    config.database.url = Some(SecretString::from(database_url));
    config.database.max_connections = 4;
    config.log.level = std::env::var("TEST_LOG").unwrap_or_else(|_| "off".into());
    config
}

async fn start(config: Config, data_dir: TempDir, database: TestDatabase) -> TestApp {
    saulet_api::telemetry::init(&config.log);
    let app = Application::build_with(config, echo::routes)
        .await
        .expect("the application starts");
    let port = app.port();
    let db = app.db().clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        client,
        db,
        data_dir,
        database,
    }
}

/// Reads a problem+json response, checking its media type and that its `status` matches.
pub async fn problem(response: reqwest::Response) -> serde_json::Value {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        content_type, "application/problem+json",
        "a {status} must be problem+json"
    );
    let body: serde_json::Value = response.json().await.expect("a JSON problem body");
    assert_eq!(body["status"], status, "{body}");
    for field in ["type", "title", "detail"] {
        assert!(body[field].is_string(), "problem lacks `{field}`: {body}");
    }
    body
}
