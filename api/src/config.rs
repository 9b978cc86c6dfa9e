//! Layered configuration: built-in defaults, then an optional `saulet.toml`, then `SAULET_*`
//! environment variables (nested keys joined by `__`, e.g. `SAULET_SERVER__PORT=9000`).
//!
//! Every key is listed in `docs/configuration.md`. Secrets (`database.url`) are wrapped in
//! [`SecretString`], so `Debug` output and logs never show them.

use std::path::{Path, PathBuf};

use figment::{
    Figment,
    providers::{Env, Format, Toml},
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// The whole configuration of one `saulet` process.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Where the embedded database, generated keys, documents and mail files live.
    pub data_dir: PathBuf,
    pub server: ServerConfig,
    pub database: crate::db::DatabaseSettings,
    pub log: LogConfig,
    /// Sign-in, tokens and lockout (`[auth]`, see `docs/accounts.md`).
    pub auth: crate::accounts::AuthSettings,
    /// EDS trust: anchors, CRLs, OCSP (`[eds]`, see `docs/eds.md`).
    pub eds: crate::eds::TrustSettings,
    /// Outgoing mail (`[mail]`, see `docs/mail.md`).
    pub mail: crate::messaging::mailer::MailSettings,
    /// Agreement versions (`[consents]`, see `docs/consents.md`).
    pub consents: crate::consents::ConsentSettings,
    /// Permit requests: documents, numbering, the local day (`[permits]`, see `docs/permits.md`).
    pub permits: crate::permits::PermitSettings,
    /// Signed acts and the transparency log (`[evidence]`, see `docs/evidence.md`).
    pub evidence: crate::evidence::EvidenceSettings,
    /// Webhook deliveries (`[webhooks]`, see `docs/integrators.md`).
    pub webhooks: crate::integrations::webhooks::WebhookSettings,
    /// The department's contact on the help page (`[help]`, see `docs/configuration.md`).
    pub help: crate::notifications::dto::HelpContact,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ServerConfig {
    pub host: String,
    /// `0` asks the OS for a free port (the tests do this).
    pub port: u16,
    /// Worker threads; defaults to the number of CPU cores.
    pub workers: Option<usize>,
    /// The built SPA (`frontend/dist`). Served at `/` when it contains an `index.html`.
    pub static_dir: PathBuf,
    /// Origins allowed to call the API from a browser when the SPA is served elsewhere.
    /// Empty means same-origin only, and no CORS headers are sent.
    pub cors_allowed_origins: Vec<String>,
    /// Largest JSON request body accepted, in bytes.
    pub json_body_limit_bytes: usize,
    /// How long a graceful shutdown waits for requests in flight.
    pub shutdown_timeout_secs: u64,
    /// Send `Strict-Transport-Security` (only behind TLS).
    pub hsts: bool,
    /// The bearer token Prometheus sends to `GET /metrics`. Unset (the default), `/metrics`
    /// answers 404: a default install shows nothing of its workings to anyone.
    pub metrics_token: Option<SecretString>,
    /// The reverse proxies in front of this node (addresses or CIDR blocks, e.g. `10.0.0.0/8`).
    /// Only when the TCP peer is one of them is the client's address taken from `Forwarded` or
    /// `X-Forwarded-For`; empty (the default) trusts no one.
    pub trusted_proxies: Vec<String>,
    /// Requests one address may send to sign-in, registration and recovery within
    /// `auth_rate_limit_window_secs` (earlier spelled `auth_rate_limit_per_minute`, still read
    /// when the new key is not set: [`Config::load`]).
    pub auth_rate_limit: u32,
    /// The window of `auth_rate_limit`, in seconds (a minute by default): a spent request comes
    /// back after `window / limit` seconds.
    pub auth_rate_limit_window_secs: u32,
    /// Requests per minute one API client may send, whatever address it calls from; over it,
    /// 429 `rate-limited` with `Retry-After`.
    pub client_rate_limit_per_minute: u32,
    /// How often freed heap memory is given back to the kernel (glibc's `malloc_trim`; the
    /// first time a few seconds after start-up). `0` turns it off.
    pub memory_trim_interval_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct LogConfig {
    pub format: LogFormat,
    /// A `tracing` filter directive, e.g. `info` or `info,saulet_api=debug`.
    pub level: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("data"),
            server: ServerConfig::default(),
            database: Default::default(),
            log: LogConfig::default(),
            auth: Default::default(),
            eds: Default::default(),
            mail: Default::default(),
            consents: Default::default(),
            permits: Default::default(),
            evidence: Default::default(),
            webhooks: Default::default(),
            help: Default::default(),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 8080,
            workers: None,
            static_dir: PathBuf::from("frontend/dist"),
            cors_allowed_origins: Vec::new(),
            json_body_limit_bytes: 1024 * 1024,
            shutdown_timeout_secs: 30,
            hsts: false,
            metrics_token: None,
            trusted_proxies: Vec::new(),
            auth_rate_limit: 30,
            auth_rate_limit_window_secs: 60,
            client_rate_limit_per_minute: 600,
            memory_trim_interval_secs: 60,
        }
    }
}

/// Four PostgreSQL connections per core of this node (at least 4). A node cannot keep more
/// statements in flight busy than that; more connections only add server processes competing for
/// the same cores and lengthen the slowest answers (docs/benchmarks.md: 16 connections on 2 cores
/// served fewer requests, with a p99 half as long again, than 8).
impl Default for LogConfig {
    fn default() -> Self {
        Self {
            format: LogFormat::Pretty,
            level: "info".into(),
        }
    }
}

/// The database kinds Saulet runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseKind {
    Sqlite,
    Postgres,
}

impl Config {
    /// Loads defaults ← `file` (if it exists) ← `SAULET_*` environment variables.
    pub fn load(file: Option<&Path>) -> Result<Self, Box<figment::Error>> {
        let file = file.unwrap_or(Path::new("saulet.toml"));
        let figment = Self::figment(file);
        let mut config: Self = figment.extract().map_err(Box::new)?;
        // Keys renamed since an earlier release, still honoured where the new one is not given
        // (figment does not see serde's aliases).
        if figment.find_value("server.auth_rate_limit").is_err()
            && figment
                .find_value("server.auth_rate_limit_per_minute")
                .is_ok()
        {
            config.server.auth_rate_limit = figment
                .extract_inner("server.auth_rate_limit_per_minute")
                .map_err(Box::new)?;
        }
        Ok(config)
    }

    fn figment(file: &Path) -> Figment {
        Figment::new()
            .merge(Toml::file(file))
            .merge(Env::prefixed("SAULET_").split("__"))
    }

    /// The database URL in force: the configured one, or the embedded SQLite file.
    pub fn database_url(&self) -> SecretString {
        self.database.url_in(&self.data_dir)
    }

    pub fn database_kind(&self) -> DatabaseKind {
        if self.database_url().expose_secret().starts_with("sqlite:") {
            DatabaseKind::Sqlite
        } else {
            DatabaseKind::Postgres
        }
    }
}

#[cfg(test)]
// figment's test jail returns its own (large) error type; that is its API, not ours.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn defaults_run_on_embedded_sqlite_under_data() {
        let config = Config::default();
        assert_eq!(config.database_kind(), DatabaseKind::Sqlite);
        assert_eq!(
            config.database_url().expose_secret(),
            "sqlite://data/saulet.db?mode=rwc"
        );
        assert_eq!(config.server.port, 8080);
    }

    #[test]
    fn file_overrides_defaults_and_environment_overrides_file() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "saulet.toml",
                r#"
                data_dir = "/srv/saulet"
                [server]
                port = 9000
                host = "0.0.0.0"
                [log]
                format = "json"
                "#,
            )?;
            jail.set_env("SAULET_SERVER__PORT", "9100");
            jail.set_env(
                "SAULET_DATABASE__URL",
                "postgres://saulet:hunter2@db/saulet",
            );
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.server.port, 9100, "environment wins over the file");
            assert_eq!(config.server.host, "0.0.0.0", "the file wins over defaults");
            assert_eq!(config.log.format, LogFormat::Json);
            assert_eq!(config.data_dir, PathBuf::from("/srv/saulet"));
            assert_eq!(config.database_kind(), DatabaseKind::Postgres);
            Ok(())
        });
    }

    #[test]
    fn the_database_password_never_shows_in_debug_output() {
        figment::Jail::expect_with(|jail| {
            jail.set_env(
                "SAULET_DATABASE__URL",
                "postgres://saulet:hunter2@db/saulet",
            );
            let config = Config::load(None).map_err(|e| e.to_string())?;
            let printed = format!("{config:?}");
            assert!(!printed.contains("hunter2"), "{printed}");
            Ok(())
        });
    }

    #[test]
    fn the_earlier_name_of_the_sign_in_limit_is_still_read() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("saulet.toml", "[server]\nauth_rate_limit_per_minute = 12\n")?;
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.server.auth_rate_limit, 12);
            assert_eq!(config.server.auth_rate_limit_window_secs, 60);
            jail.set_env("SAULET_SERVER__AUTH_RATE_LIMIT_WINDOW_SECS", "3600");
            jail.set_env("SAULET_SERVER__AUTH_RATE_LIMIT", "7");
            let config = Config::load(None).map_err(|e| e.to_string())?;
            assert_eq!(config.server.auth_rate_limit_window_secs, 3600);
            assert_eq!(config.server.auth_rate_limit, 7, "the new key wins");
            Ok(())
        });
    }

    #[test]
    fn a_wrongly_typed_value_is_reported_with_its_key() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("SAULET_SERVER__PORT", "eighty");
            let err = Config::load(None).expect_err("a port must be a number");
            assert!(err.to_string().to_lowercase().contains("port"), "{err}");
            Ok(())
        });
    }
}
