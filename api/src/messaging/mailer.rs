//! Sends the outbox's emails (R-2.6, R-3.1.3) so that neither a crash nor an SMTP outage loses
//! one and none goes out twice in normal operation (R-3.2.2).
//!
//! A pass of the worker ([`deliver_due`]):
//! 1. claims up to `batch_size` due rows in one statement, marking them `sending` under a lease
//!    (`locked_until`) and counting the attempt. On PostgreSQL the rows are picked with
//!    `FOR UPDATE SKIP LOCKED`, so workers on several nodes never take the same row; SQLite runs
//!    one writer at a time, which makes the same statement just as exclusive;
//! 2. checks that the relay answers. If it does not, this is an outage of our own relay, not a
//!    fault of any email: the rows go back uncounted and the worker waits before trying again,
//!    so a long outage delays mail but never uses up its attempts;
//! 3. sends each row outside any transaction and settles it: `sent`, `failed_temporary` (tried
//!    again after an exponential backoff with jitter) or `failed_permanent` (a 5xx reply, an
//!    impossible address, or out of attempts). Each settling write names the attempt it settles,
//!    so a worker that lost its lease cannot overwrite another's result.
//!
//! A row whose lease has passed belonged to a worker that died mid-send; the next pass takes it
//! again, with the `Message-ID` it already had. `docs/mail.md` has the details and the settings.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::Mailbox,
};
use sea_orm::DbErr;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Which way mail leaves Saulet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportKind {
    /// `.eml` files in a folder: development, demos, and sites with no relay yet.
    #[default]
    File,
    /// An SMTP relay (`mail.smtp_url`).
    Smtp,
}

/// The `[mail]` section of the configuration; every key is described in `docs/mail.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct MailSettings {
    pub transport: TransportKind,
    /// Where the file transport writes; unset means `<data_dir>/mail`.
    pub file_dir: Option<PathBuf>,
    /// `smtp://host:port` (plain), `smtp://user:pass@host:587?tls=required` (STARTTLS),
    /// `smtp://…?tls=opportunistic` (STARTTLS when offered) or `smtps://user:pass@host:465`
    /// (TLS from the start). A secret: it may hold the relay's password.
    pub smtp_url: Option<SecretString>,
    /// The longest one send may take, including connecting; also bounds a relay check.
    pub smtp_timeout_secs: u64,
    /// The `From:` of every email, e.g. `Saulet <no-reply@example.kz>`; its domain also ends
    /// every `Message-ID`.
    pub from: String,
    /// Attempts an email gets before it is given up as `failed_permanent`.
    pub max_attempts: u32,
    /// The first retry waits this long; each later one twice as long as the one before…
    pub backoff_base_secs: u64,
    /// …but never longer than this.
    pub backoff_max_secs: u64,
    /// How long a claimed email stays reserved for the worker that claimed it. A worker that
    /// dies mid-send holds its emails this long before another takes them. Kept at least twice
    /// `smtp_timeout_secs`, so a live worker never outlasts its lease.
    pub lease_secs: u64,
    /// How often an idle worker looks for due emails.
    pub poll_interval_ms: u64,
    /// Emails claimed per pass.
    pub batch_size: u32,
    /// The address users reach Saulet at, for links in emails.
    pub public_url: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            transport: TransportKind::File,
            file_dir: None,
            smtp_url: None,
            smtp_timeout_secs: 30,
            from: "Saulet <no-reply@saulet.localhost>".into(),
            max_attempts: 8,
            backoff_base_secs: 5,
            backoff_max_secs: 3600,
            lease_secs: 300,
            poll_interval_ms: 500,
            batch_size: 20,
            public_url: "http://127.0.0.1:8080".into(),
        }
    }
}

impl MailSettings {
    /// The folder the file transport writes to.
    pub fn file_dir(&self, data_dir: &Path) -> PathBuf {
        self.file_dir
            .clone()
            .unwrap_or_else(|| data_dir.join("mail"))
    }

    /// An absolute link to `path` (e.g. `/verify-email?token=…`) on the public site.
    pub fn link(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.public_url.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }

    pub(super) fn send_timeout(&self) -> Duration {
        Duration::from_secs(self.smtp_timeout_secs.max(1))
    }

    pub(super) fn lease(&self) -> chrono::Duration {
        let secs = self
            .lease_secs
            .max(self.smtp_timeout_secs.max(1).saturating_mul(2))
            .min(MAX_DELAY_SECS);
        chrono::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

/// No wait, lease or backoff is longer than 30 days, whatever the configuration says; it also keeps
/// the arithmetic on timestamps far from overflow.
pub(super) const MAX_DELAY_SECS: u64 = 30 * 24 * 3600;

/// While the relay is down the worker checks it at growing intervals, capped here so mail
/// flows again within a minute of the relay's return.
pub(super) const RELAY_RECHECK_MAX: Duration = Duration::from_secs(60);

/// A configuration that cannot send mail; reported at start-up rather than at the first email.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("mail.from is not a valid mailbox (e.g. `Saulet <no-reply@example.kz>`): {0}")]
    InvalidFrom(String),
    #[error("mail.transport is \"smtp\" but mail.smtp_url is not set")]
    MissingSmtpUrl,
    #[error("mail.smtp_url is not usable: {0}")]
    InvalidSmtpUrl(String),
}

/// Why a pass stopped short.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// The relay (or the mail folder) cannot be reached; the claimed emails went back to the
    /// outbox without using an attempt.
    #[error("the mail relay is unavailable: {0}")]
    RelayUnavailable(String),
    #[error("the outbox cannot be read or written: {0}")]
    Database(#[from] DbErr),
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PassReport {
    /// Rows taken from the outbox.
    pub claimed: usize,
    /// Rows handed to the transport, whatever came of it.
    pub attempted: usize,
    pub sent: usize,
    /// Failed this time; will be tried again.
    pub retrying: usize,
    /// Failed for good: a permanent refusal or the last allowed attempt.
    pub given_up: usize,
}

/// The way out for mail: an SMTP relay or a folder of `.eml` files, with the sender's address.
pub struct MailTransport {
    inner: Inner,
    pub(super) from: Mailbox,
    /// Words that must never reach a log or the database: the relay's credentials.
    pub(super) secrets: Vec<SecretString>,
    pub(super) timeout: Duration,
}

pub(super) enum Inner {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
    },
}

impl std::fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.inner {
            Inner::Smtp(_) => "smtp",
            Inner::File { .. } => "file",
        };
        f.debug_struct("MailTransport")
            .field("kind", &kind)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl MailTransport {
    /// Builds the transport the settings describe. Must run inside the tokio runtime: the SMTP
    /// connection pool starts a task of its own.
    pub fn from_settings(
        settings: &MailSettings,
        data_dir: &Path,
    ) -> Result<Self, MailConfigError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| MailConfigError::InvalidFrom(format!("{e}")))?;
        let timeout = settings.send_timeout();
        let (inner, secrets) = match settings.transport {
            TransportKind::File => {
                let dir = settings.file_dir(data_dir);
                (
                    Inner::File {
                        transport: AsyncFileTransport::new(&dir),
                        dir,
                    },
                    Vec::new(),
                )
            }
            TransportKind::Smtp => {
                let url = settings
                    .smtp_url
                    .as_ref()
                    .ok_or(MailConfigError::MissingSmtpUrl)?;
                let secrets = credentials_in(url.expose_secret());
                let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .map_err(|e| MailConfigError::InvalidSmtpUrl(scrub(&e.to_string(), &secrets)))?
                    .timeout(Some(timeout))
                    .build();
                (Inner::Smtp(smtp), secrets)
            }
        };
        Ok(Self {
            inner,
            from,
            secrets,
            timeout,
        })
    }

    /// Whether mail can leave now: the relay answers (connecting and authenticating if need be),
    /// or the mail folder exists. A failure here is the relay's, never an email's.
    pub(super) async fn check(&self) -> Result<(), String> {
        match &self.inner {
            Inner::Smtp(smtp) => {
                match tokio::time::timeout(self.timeout, smtp.test_connection()).await {
                    Ok(Ok(true)) => Ok(()),
                    Ok(Ok(false)) => Err("the relay did not answer NOOP".into()),
                    Ok(Err(e)) => Err(scrub(&e.to_string(), &self.secrets)),
                    Err(_) => Err(format!(
                        "the relay did not answer within {} s",
                        self.timeout.as_secs()
                    )),
                }
            }
            Inner::File { dir, .. } => tokio::fs::create_dir_all(dir)
                .await
                .map_err(|e| format!("cannot create the mail folder: {e}")),
        }
    }

    pub(super) async fn send(&self, message: Message) -> Result<(), Failure> {
        let sent = match &self.inner {
            Inner::Smtp(smtp) => tokio::time::timeout(self.timeout, smtp.send(message))
                .await
                .map(|result| result.map(drop).map_err(|e| self.classify_smtp(&e))),
            Inner::File { transport, .. } => {
                tokio::time::timeout(self.timeout, transport.send(message))
                    .await
                    .map(|result| {
                        result.map(drop).map_err(|e| Failure {
                            kind: FailureKind::Other,
                            code: None,
                            detail: scrub(&e.to_string(), &self.secrets),
                        })
                    })
            }
        };
        sent.unwrap_or_else(|_| {
            Err(Failure {
                kind: FailureKind::Other,
                code: None,
                detail: format!("no answer within {} s", self.timeout.as_secs()),
            })
        })
    }

    pub(super) fn classify_smtp(&self, error: &lettre::transport::smtp::Error) -> Failure {
        let kind = if error.is_permanent() {
            FailureKind::Permanent
        } else if error.is_transient() {
            FailureKind::Transient
        } else {
            FailureKind::Other
        };
        Failure {
            kind,
            code: error.status().map(|code| code.to_string()),
            detail: scrub(&error.to_string(), &self.secrets),
        }
    }

    /// The right-hand side of every `Message-ID`: the sender's own domain, as RFC 5322 advises.
    pub(super) fn message_id_domain(&self) -> &str {
        self.from.email.domain()
    }
}

/// How a send failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FailureKind {
    /// A 5xx reply: the relay will never take this email.
    Permanent,
    /// A 4xx reply: it may take it later.
    Transient,
    /// No reply to judge by (the connection dropped, a timeout, a file error): tried again.
    Other,
}

pub(super) struct Failure {
    pub(super) kind: FailureKind,
    /// The SMTP reply code, the only part of a reply that is safe to log: the text may quote
    /// the recipient's address.
    pub(super) code: Option<String>,
    /// The whole reply or error, for `last_error`.
    pub(super) detail: String,
}

/// The relay's password as it appears in the URL, raw and percent-decoded, to be scrubbed from
/// any error text.
pub(super) fn credentials_in(url: &str) -> Vec<SecretString> {
    let Some(password) = reqwest::Url::parse(url)
        .ok()
        .and_then(|url| url.password().map(str::to_owned))
        .filter(|password| !password.is_empty())
    else {
        return Vec::new();
    };
    let decoded = percent_decode(&password);
    let mut secrets = vec![SecretString::from(password.clone())];
    if decoded != password {
        secrets.push(SecretString::from(decoded));
    }
    secrets
}

pub(super) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` with every secret replaced, and cut to a length a column and a log line can carry.
pub(super) fn scrub(text: &str, secrets: &[SecretString]) -> String {
    let mut text = text.to_owned();
    for secret in secrets {
        text = text.replace(secret.expose_secret(), "***");
    }
    if text.len() > 2000 {
        let mut end = 2000;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}

pub use super::delivery::{deliver_due, spawn_worker};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lease_outlasts_a_send() {
        let settings = MailSettings {
            lease_secs: 10,
            smtp_timeout_secs: 30,
            ..MailSettings::default()
        };
        assert_eq!(settings.lease(), chrono::Duration::seconds(60));
    }

    #[test]
    fn credentials_never_survive_into_error_texts() {
        let secrets = credentials_in("smtps://mailer:p%40ss-w0rd@relay.example:465");
        let text = "535 authentication failed for mailer with p@ss-w0rd and p%40ss-w0rd";
        assert_eq!(
            scrub(text, &secrets),
            "535 authentication failed for mailer with *** and ***"
        );
    }

    #[test]
    fn the_file_transport_writes_under_the_data_folder_unless_told_otherwise() {
        let data_dir = Path::new("/srv/saulet");
        assert_eq!(
            MailSettings::default().file_dir(data_dir),
            data_dir.join("mail")
        );
        let settings = MailSettings {
            file_dir: Some("/var/mail/saulet".into()),
            ..MailSettings::default()
        };
        assert_eq!(settings.file_dir(data_dir), Path::new("/var/mail/saulet"));
    }

    #[test]
    fn links_join_the_public_url_and_a_path() {
        let settings = MailSettings {
            public_url: "https://saulet.example/".into(),
            ..MailSettings::default()
        };
        assert_eq!(
            settings.link("/verify-email?token=x"),
            "https://saulet.example/verify-email?token=x"
        );
    }

    #[test]
    fn settings_read_from_toml_keep_the_defaults_they_do_not_name() {
        let settings: MailSettings = figment::Figment::new()
            .merge(
                <figment::providers::Toml as figment::providers::Format>::string(
                    r#"
                transport = "smtp"
                smtp_url = "smtp://user:secret@relay:587?tls=required"
                max_attempts = 12
                "#,
                ),
            )
            .extract()
            .expect("valid settings");
        assert_eq!(settings.transport, TransportKind::Smtp);
        assert_eq!(settings.max_attempts, 12);
        assert_eq!(settings.backoff_base_secs, 5);
        assert_eq!(settings.from, "Saulet <no-reply@saulet.localhost>");
        assert!(!format!("{settings:?}").contains("secret"));
    }

    #[tokio::test]
    async fn a_bad_configuration_is_refused_before_any_email() {
        let data_dir = Path::new("data");
        let missing_url = MailSettings {
            transport: TransportKind::Smtp,
            ..MailSettings::default()
        };
        assert!(matches!(
            MailTransport::from_settings(&missing_url, data_dir),
            Err(MailConfigError::MissingSmtpUrl)
        ));
        let bad_from = MailSettings {
            from: "not an address".into(),
            ..MailSettings::default()
        };
        assert!(matches!(
            MailTransport::from_settings(&bad_from, data_dir),
            Err(MailConfigError::InvalidFrom(_))
        ));
        let bad_scheme = MailSettings {
            transport: TransportKind::Smtp,
            smtp_url: Some("imap://user:hunter22@relay".into()),
            ..MailSettings::default()
        };
        match MailTransport::from_settings(&bad_scheme, data_dir) {
            Err(MailConfigError::InvalidSmtpUrl(reason)) => {
                assert!(!reason.contains("hunter22"), "{reason}")
            }
            other => panic!("expected an invalid URL, got {other:?}"),
        }
    }
}
