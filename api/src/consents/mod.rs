//! The user agreement and consent records: versioned documents with
//! a notice period, acceptances signed with the EDS and kept append-only in a hash chain.

pub mod dto;
pub mod entity;
pub mod evidence;
pub mod routes;
pub mod service;
pub mod shipped;
pub mod transparency;
pub mod withdrawal;

use serde::Deserialize;

/// `[consents]` in the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ConsentSettings {
    /// How long after publication a new version takes effect (R-2.2: 3 days). A version may be
    /// scheduled later, never sooner.
    pub notice_period_secs: i64,
    /// Put the agreement and the personal-data consent shipped with Saulet (`api/agreements/`)
    /// in force at start-up when the database has no version of them (default: yes).
    pub ship_agreements: bool,
}

impl Default for ConsentSettings {
    fn default() -> Self {
        Self {
            notice_period_secs: 3 * 24 * 3600,
            ship_agreements: true,
        }
    }
}

use std::sync::Arc;

use crate::{
    eds::EdsVerifier, error::ApiError, kernel::Core, messaging::Messaging,
    notifications::service::Notifier,
};

/// What the consents area's handlers and rules need.
#[derive(Clone)]
pub struct ConsentsCtx {
    pub core: Core,
    pub settings: ConsentSettings,
    pub eds: Option<Arc<EdsVerifier>>,
    /// Signed acts and the transparency log.
    pub evidence: Arc<crate::evidence::Evidence>,
    /// Whether an account has obligations in progress (the permits area answers).
    pub legal_hold: Arc<dyn service::LegalHold>,
    /// An account's permit requests, for its export (the permits area answers).
    pub applicant_records: Arc<dyn service::ApplicantRecords>,
    pub messaging: Messaging,
}

impl ConsentsCtx {
    pub fn eds(&self) -> Result<&EdsVerifier, ApiError> {
        crate::eds::configured(self.eds.as_deref())
    }

    /// What `notifications::service::notify` needs, at the injected clock's now.
    pub fn notifier(&self) -> Notifier<'_> {
        Notifier::new(&self.messaging, self.core.now())
    }
}

#[cfg(test)]
mod tests;
