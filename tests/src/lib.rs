//! Test harness: starts the real application on a random port with its own fresh database.
//!
//! SQLite by default (a file in a temporary folder). With `TEST_DATABASE_URL` set to a
//! PostgreSQL server's admin database (e.g. `postgres://postgres@127.0.0.1:5432/postgres`),
//! each test gets a new database copied from a migrated template, dropped when the test ends.
//! Tests run in parallel; nothing is shared between them but the template.

pub mod database;
pub mod echo;
pub mod garage;
pub mod load;
pub mod nginx;
pub mod permits;
pub mod pg_cluster;
pub mod pki;
pub mod process;
pub mod proxy;
pub mod qr;
pub mod smtp;
pub mod time;
pub mod tsa;

use std::path::Path;

use std::sync::Arc;

use saulet_api::{
    Application,
    clock::{SharedClock, SystemClock},
    config::Config,
    messaging::mailer::TransportKind,
    startup::Overrides,
};
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
    /// The SMTP server the application sends its mail to.
    pub smtp: smtp::SmtpServer,
    /// The time-stamping authority the application asks for trusted time (`eds.tsa_url`).
    pub tsa: tsa::TestTsa,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A new folder holding only this deployment's secrets (`keys/`, copied as an operator
    /// installs them on each machine), for another node or a restored one: nothing else is shared.
    pub fn folder_with_keys(&self) -> TempDir {
        let folder = tempfile::tempdir().expect("a folder");
        let keys = folder.path().join("keys");
        std::fs::create_dir_all(&keys).expect("keys folder");
        for entry in std::fs::read_dir(self.data_dir.path().join("keys")).expect("the app's keys") {
            let entry = entry.expect("an entry");
            std::fs::copy(entry.path(), keys.join(entry.file_name())).expect("a key copied");
        }
        folder
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
    spawn_app_with_clock(Arc::new(SystemClock), configure).await
}

/// Starts the application on an injected clock (tests move time instead of sleeping).
pub async fn spawn_app_with_clock(
    clock: SharedClock,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    spawn_app_with_legal_hold(clock, None, configure).await
}

/// Starts the application with a stand-in for the areas that hold obligations (permit requests
/// in progress), to test the consent withdrawal's legal hold before the permits area exists.
pub async fn spawn_app_with_legal_hold(
    clock: SharedClock,
    legal_hold: Option<Arc<dyn saulet_api::consents::service::LegalHold>>,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    let database = TestDatabase::create(data_dir.path()).await;
    spawn_app_in(database, data_dir, clock, legal_hold, configure).await
}

/// Starts the application on `database` (made by the test, for example on a PostgreSQL
/// cluster of its own) with its data in `data_dir`.
pub async fn spawn_app_in(
    database: TestDatabase,
    data_dir: TempDir,
    clock: SharedClock,
    legal_hold: Option<Arc<dyn saulet_api::consents::service::LegalHold>>,
    configure: impl FnOnce(&mut Config),
) -> TestApp {
    let smtp = smtp::SmtpServer::start().await;
    let mut config = base_config(data_dir.path(), database.url());
    config.mail.transport = TransportKind::Smtp;
    config.mail.smtp_url = Some(SecretString::from(smtp.url()));
    config.mail.poll_interval_ms = 50;
    config.mail.backoff_base_secs = 1;
    config.eds = pki::pki().trust();
    let tsa = tsa::TestTsa::start().await;
    config.eds.tsa_url = Some(tsa.url().to_owned());
    let seal = pki::pki().user("seal");
    config.permits.seal_p12_file = Some(pki::pki().files.p12_of(&seal.sign));
    config.permits.seal_password = Some(SecretString::from(
        saulet_api::eds::dev_pki::DEV_PKI_PASSWORD.to_owned(),
    ));
    configure(&mut config);
    start(config, data_dir, database, smtp, tsa, clock, legal_hold).await
}

/// The bearer token of `GET /metrics` in every test's configuration.
pub const METRICS_TOKEN: &str = "test-metrics-token";

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
    config.server.metrics_token = Some(SecretString::from(METRICS_TOKEN.to_owned()));
    // Every request of a test comes from 127.0.0.1: a story that registers and signs in seven
    // people, and refreshes their tokens as its clock moves, would meet the production limit of
    // 30 sign-ins a minute. The rate limit's own test sets its limit.
    config.server.auth_rate_limit = 1000;
    // Most stories are not about agreements: they start with none in force, as a database that
    // an administrator emptied of them would. The first-start test (consents.rs) ships them.
    config.consents.ship_agreements = false;
    config.log.level = std::env::var("TEST_LOG").unwrap_or_else(|_| "off".into());
    config
}

async fn start(
    config: Config,
    data_dir: TempDir,
    database: TestDatabase,
    smtp: smtp::SmtpServer,
    tsa: tsa::TestTsa,
    clock: SharedClock,
    legal_hold: Option<Arc<dyn saulet_api::consents::service::LegalHold>>,
) -> TestApp {
    saulet_api::telemetry::init(&config.log);
    let overrides = Overrides {
        clock,
        registry: None,
        extra_routes: echo::routes,
        legal_hold,
    };
    let app = Application::build_with(config, overrides)
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
        smtp,
        tsa,
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

/// A password that passes the policy, for test accounts.
pub const PASSWORD: &str = "Сәулет-құпия-сөз-2026";

impl TestApp {
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("the server answers")
    }

    pub async fn send_json_as(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<&serde_json::Value>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.expect("the server answers")
    }

    pub async fn get_as(&self, path: &str, token: &str) -> reqwest::Response {
        self.send_json_as(reqwest::Method::GET, path, token, None)
            .await
    }

    pub async fn post_as(
        &self,
        path: &str,
        token: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.send_json_as(reqwest::Method::POST, path, token, Some(body))
            .await
    }

    /// A fresh one-time EDS challenge for `purpose` (`sign-in`, `register`, `bind-certificate`).
    pub async fn challenge(&self, purpose: &str) -> String {
        let response = self
            .post_json(
                "/api/v1/auth/eds/challenge",
                &serde_json::json!({ "purpose": purpose }),
            )
            .await;
        assert_eq!(response.status(), 201, "a challenge is issued");
        let body: serde_json::Value = response.json().await.expect("JSON");
        body["challenge"].as_str().expect("a challenge").to_owned()
    }

    /// A challenge for `purpose` signed with `user`'s AUTH key.
    pub async fn signed_challenge(&self, user: &str, purpose: &str) -> (String, String) {
        let challenge = self.challenge(purpose).await;
        let signature = pki::pki().sign(
            user,
            saulet_api::eds::KeyPurpose::Authentication,
            challenge.as_bytes(),
        );
        (challenge, signature)
    }

    /// Registers the dev PKI person `user` with `email` and [`PASSWORD`].
    pub async fn register(&self, user: &str, email: &str) -> reqwest::Response {
        let (challenge, signature) = self.signed_challenge(user, "register").await;
        self.post_json(
            "/api/v1/accounts",
            &serde_json::json!({
                "challenge": challenge,
                "signature": signature,
                "email": email,
                "password": PASSWORD,
                "language": "kk",
            }),
        )
        .await
    }

    /// Registers `user` and returns the account body; panics unless it is created.
    pub async fn registered(&self, user: &str, email: &str) -> serde_json::Value {
        let response = self.register(user, email).await;
        let status = response.status();
        let body: serde_json::Value = response.json().await.expect("JSON");
        assert_eq!(status, 201, "{body}");
        body
    }

    /// Signs in with a password for an API client; returns the token response.
    pub async fn login(&self, login: &str, password: &str) -> serde_json::Value {
        let response = self
            .post_json(
                "/api/v1/auth/login",
                &serde_json::json!({"login": login, "password": password}),
            )
            .await;
        let status = response.status();
        let body: serde_json::Value = response.json().await.expect("JSON");
        assert_eq!(status, 200, "{body}");
        body
    }

    /// Registers `user` with `email` and signs in; the access token.
    pub async fn signed_in(&self, user: &str, email: &str) -> String {
        self.registered(user, email).await;
        self.login(email, PASSWORD).await["access_token"]
            .as_str()
            .expect("a token")
            .to_owned()
    }

    /// Registers the dev PKI's `admin` as admin@saulet.kz, grants the role, signs in; the token.
    pub async fn admin_token(&self) -> String {
        use saulet_api::accounts::{admin, entity::account::Role};
        self.registered("admin", "admin@saulet.kz").await;
        admin::grant_role(&self.db, "admin@saulet.kz", Role::Admin)
            .await
            .expect("the role is granted");
        self.login("admin@saulet.kz", PASSWORD).await["access_token"]
            .as_str()
            .expect("a token")
            .to_owned()
    }

    /// The emails sent to `address` so far, waiting up to 10 s for at least `n`.
    pub async fn emails_to(&self, address: &str, n: usize) -> Vec<smtp::ReceivedMessage> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let found: Vec<_> = self
                .smtp
                .messages()
                .into_iter()
                .filter(|m| {
                    m.envelope_to
                        .iter()
                        .any(|to| to.eq_ignore_ascii_case(address))
                })
                .collect();
            if found.len() >= n || std::time::Instant::now() > deadline {
                return found;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

/// The value of `name=` in the first link of an email's text.
pub fn link_parameter(message: &smtp::ReceivedMessage, name: &str) -> Option<String> {
    let text = message.text.as_deref()?;
    let start = text.find(&format!("{name}="))? + name.len() + 1;
    let value: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Every file under `dir`, at any depth, in order of path (nothing when it does not exist).
pub fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}
