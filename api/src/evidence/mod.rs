//! Evidence that others can verify without trusting Saulet (docs/evidence.md): every legally
//! significant act kept as the exact signed bytes, the CMS in DER, an RFC 3161 time-stamp token and
//! the validation data used ([`acts`]), each a leaf of one append-only Merkle transparency log
//! with signed tree heads and proofs ([`log`]).

pub mod acts;
pub mod canonical;
pub mod entity;
pub mod log;
pub mod package;

use std::path::PathBuf;

use serde::Deserialize;

pub use acts::{ActKind, ActOwner, Evidence, NewAct, spawn_stamp_pending};
pub use canonical::{canonical_json, hash_json};

/// `[evidence]` in the configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct EvidenceSettings {
    /// The transparency log's Ed25519 key (PEM, PKCS#8); generated under
    /// `<data_dir>/keys/log-ed25519.pem` when not set. Every node of one deployment uses the
    /// same key.
    pub log_key_file: Option<PathBuf>,
    /// How often acts left without a time-stamp token are sent to the TSA again, in seconds.
    pub stamp_retry_secs: u64,
}

impl Default for EvidenceSettings {
    fn default() -> Self {
        Self {
            log_key_file: None,
            stamp_retry_secs: 60,
        }
    }
}
