//! The permits area: the catalogue of services, permit
//! requests from draft to decision, their documents, signed submission versions, the review
//! workflow with approvals from other organisations, statutory deadlines on a working-day
//! calendar, and the signed, publicly verifiable decision documents. `docs/permits.md` tells the
//! whole story.
//!
//! - [`workflow`]: the one state machine.
//! - [`calendar`]: working days, holidays and transferred days.
//! - [`catalogue`]: organisations and permit types, from `api/catalogue/catalogue.json`.
//! - [`storage`]: content-addressed document files, type read from the bytes.
//! - [`verified`]: the public verification's checks, remembered while they hold.
//! - [`document`]: the decision PDF with its QR code.
//! - [`service`]: the rules; [`routes`]: the thin handlers.

pub mod calendar;
pub mod catalogue;
pub mod document;
pub mod dto;
pub mod entity;
pub mod office_routes;
pub mod routes;
pub mod service;
pub mod statutory;
pub mod storage;
pub mod verified;
pub mod workflow;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use serde::Deserialize;

/// `[permits]` settings (docs/configuration.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct PermitSettings {
    /// Where uploaded documents and decision PDFs are kept. Unset: `<data_dir>/documents`.
    pub storage_dir: Option<PathBuf>,
    /// An S3-compatible bucket to keep them in instead, shared by every node.
    pub s3: Option<storage::S3Settings>,
    /// The registration numbers' prefix: `<prefix>-<year>-<sequence>`.
    pub number_prefix: String,
    /// The offset from UTC of the department's local time, which decides the calendar day.
    pub utc_offset_hours: i32,
    /// How often the deadline reminder worker looks for requests due soon.
    pub reminder_interval_secs: u64,
    /// How long a node keeps the permit types and organisations it read; an administrator's
    /// change reaches the other nodes within this time (the node that made it, at once).
    pub catalogue_cache_secs: u64,
    /// The department's seal: a .p12 key file (an organisation's SIGN key, of the department's
    /// BIN) the server signs the acts it makes by law with, such as a deemed approval. Unset: such
    /// acts are kept in the history only, without a signature.
    pub seal_p12_file: Option<PathBuf>,
    /// The seal file's password.
    pub seal_password: Option<secrecy::SecretString>,
    /// The working days an applicant is given to answer a request for corrections (the day
    /// shown in the notice); a reviewer may grant more on the applicant's asking.
    pub corrections_answer_days: u32,
    /// The most working days one extension may add.
    pub max_extension_days: u32,
}

impl Default for PermitSettings {
    fn default() -> Self {
        Self {
            storage_dir: None,
            s3: None,
            number_prefix: "AST".into(),
            utc_offset_hours: 5,
            reminder_interval_secs: 300,
            catalogue_cache_secs: 5,
            seal_p12_file: None,
            seal_password: None,
            corrections_answer_days: 10,
            max_extension_days: 30,
        }
    }
}

use std::sync::Arc;

use crate::{
    eds::EdsVerifier, error::ApiError, kernel::Core, messaging::Messaging,
    notifications::service::Notifier,
};

/// What the permits area's handlers and rules need.
#[derive(Clone)]
pub struct PermitsCtx {
    pub core: Core,
    pub settings: PermitSettings,
    /// The data folder (documents live under it unless `permits.storage_dir` says otherwise).
    pub data_dir: PathBuf,
    pub eds: Option<Arc<EdsVerifier>>,
    /// Signed acts and the transparency log.
    pub evidence: Arc<crate::evidence::Evidence>,
    /// Permit types and organisations recently read.
    pub catalogue: Arc<catalogue::Cache>,
    pub messaging: Messaging,
    /// The department's seal (`permits.seal_p12_file`), when one is configured.
    pub seal: Option<Arc<service::Seal>>,
    /// Documents and decision PDFs.
    pub files: storage::FileStore,
    /// Decisions whose public check held, remembered while it holds.
    pub verified: Arc<verified::VerifiedDecisions>,
}

impl PermitsCtx {
    /// The document store the settings name: the S3 bucket, else the folder.
    pub fn open_files(
        settings: &PermitSettings,
        data_dir: &std::path::Path,
    ) -> anyhow::Result<storage::FileStore> {
        match &settings.s3 {
            Some(s3) => storage::FileStore::s3(s3),
            None => Ok(storage::FileStore::new(
                settings
                    .storage_dir
                    .clone()
                    .unwrap_or_else(|| data_dir.join("documents")),
            )),
        }
    }

    pub fn eds(&self) -> Result<&EdsVerifier, ApiError> {
        crate::eds::configured(self.eds.as_deref())
    }

    /// The verifier, shared, for work on the blocking pool (503 when none is configured).
    pub fn eds_shared(&self) -> Result<Arc<EdsVerifier>, ApiError> {
        self.eds.clone().ok_or_else(crate::eds::not_configured)
    }

    /// What `notifications::service::notify` needs, at the injected clock's now.
    pub fn notifier(&self) -> Notifier<'_> {
        Notifier::new(&self.messaging, self.core.now())
    }
}
