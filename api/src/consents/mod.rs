//! The user agreement and consent records: versioned documents with
//! a notice period, acceptances signed with the EDS and kept append-only in a hash chain.

pub mod dto;
pub mod entity;
pub mod routes;
pub mod service;

use serde::Deserialize;

/// `[consents]` in the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ConsentSettings {
    /// How long after publication a new version takes effect (R-2.2: 3 days). A version may be
    /// scheduled later, never sooner.
    pub notice_period_secs: i64,
}

impl Default for ConsentSettings {
    fn default() -> Self {
        Self {
            notice_period_secs: 3 * 24 * 3600,
        }
    }
}
