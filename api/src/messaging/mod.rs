//! Messaging: what every area uses to reach people, below the areas. An outbox of emails written in
//! the caller's transaction (`outbox`), their bilingual templates (`templates`), the worker that
//! delivers them with retries and backoff (`mailer`, `delivery`), signed links for unsubscribing
//! and stream tickets (`links`), and the hub that wakes the live notification streams, across
//! nodes on PostgreSQL (`hub`). Split out of the notifications area so that accounts, which
//! stands below it, can send its emails without naming it.

pub mod delivery;
pub mod hub;
pub mod links;
pub mod mailer;
pub mod outbox;
pub mod templates;

use std::sync::Arc;

/// What an area needs to reach people: the mail settings (for absolute links), the link signer
/// and the live-stream hub. Built once by the composition root and shared by every area.
#[derive(Clone)]
pub struct Messaging {
    pub mail: Arc<mailer::MailSettings>,
    pub links: Arc<links::LinkSigner>,
    pub hub: Arc<hub::Hub>,
}

impl Messaging {
    /// An absolute link for emails.
    pub fn link(&self, path: &str) -> String {
        self.mail.link(path)
    }
}

#[cfg(test)]
impl Messaging {
    /// Default mail settings, a fixed link key and a hub, for tests of the areas' rules.
    pub fn for_tests(backend: sea_orm::DatabaseBackend) -> Self {
        Self {
            mail: Arc::new(mailer::MailSettings::default()),
            links: Arc::new(links::LinkSigner::new(b"tests").expect("a link key")),
            hub: hub::Hub::new(backend),
        }
    }
}
