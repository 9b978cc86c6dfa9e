//! What the consents endpoints take and give.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::entity::{
    agreement::{self, AgreementKind},
    consent_record,
};
use crate::{error::ApiError, i18n::Localized};

/// What the personal-data law requires a consent to name (Law No. 94-V, Art. 8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate, ToSchema)]
pub struct PersonalDataDetails {
    /// The operator: who collects and processes the data.
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub operator: String,
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub operator_contact: String,
    /// What is collected.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub data_collected: Vec<String>,
    /// What for.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub purposes: Vec<String>,
    /// For how long.
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub term: String,
    /// Given to third parties, and to whom.
    pub third_party_transfer: Vec<String>,
    /// Sent abroad.
    pub cross_border_transfer: bool,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PublishRequest {
    pub kind: AgreementKind,
    #[validate(nested)]
    pub title: Localized,
    #[validate(nested)]
    pub body: Localized,
    /// Required for `personal_data`.
    #[validate(nested)]
    pub details: Option<PersonalDataDetails>,
    /// Default and earliest: now plus the notice period (3 days), R-2.2. The first version of a
    /// kind may take effect at once: there is nothing to annul and nobody to warn.
    pub effective_at: Option<DateTime<Utc>>,
}

/// One version of an agreement document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementView {
    pub id: Uuid,
    pub kind: AgreementKind,
    pub version: i32,
    pub title: Localized,
    pub body: Localized,
    /// SHA-256 (hex) of each language's exact text: what an acceptance signs.
    pub body_sha256: Localized,
    pub details: Option<PersonalDataDetails>,
    pub published_at: DateTime<Utc>,
    pub effective_at: DateTime<Utc>,
    /// `in_force`, `upcoming` or `annulled`, at the time of the request.
    pub status: String,
}

impl AgreementView {
    pub fn new(row: agreement::Model, status: &str) -> Result<Self, ApiError> {
        fn json<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, ApiError> {
            serde_json::from_value(v).map_err(|e| ApiError::Internal(e.into()))
        }
        Ok(Self {
            id: row.id,
            kind: row.kind,
            version: row.version,
            title: json(row.title)?,
            body: json(row.body)?,
            body_sha256: json(row.body_sha256)?,
            details: row.details.map(json).transpose()?,
            published_at: row.published_at,
            effective_at: row.effective_at,
            status: status.to_owned(),
        })
    }
}

/// Accepting a version: the signature (with the SIGN key) covers the SHA-256 hex of the text in
/// the language shown.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct AcceptRequest {
    pub agreement_id: Uuid,
    pub language: crate::i18n::Lang,
    /// Detached CMS signature (base64) over the UTF-8 bytes of `body_sha256[language]`.
    #[validate(length(min = 1, max = 65536))]
    #[schema(min_length = 1, max_length = 65536)]
    pub signature: String,
    #[serde(default)]
    pub channel: Option<String>,
}

/// What withdrawing a personal-data consent signs: a statement naming the consent, and the
/// SHA-256 (hex) of its canonical JSON (keys sorted, no white space).
#[derive(Debug, Serialize, ToSchema)]
pub struct WithdrawalStatement {
    /// The account, the consent record and agreement version withdrawn, and the sentence in the
    /// language the consent was given in.
    #[schema(value_type = Object)]
    pub statement: serde_json::Value,
    /// SHA-256 of `statement` as canonical JSON, hex: the text to sign.
    pub digest: String,
}

/// `POST /consents/{id}/withdraw`: the signed withdrawal statement.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct SignedWithdrawal {
    /// The digest that was signed (from `GET /consents/{id}/withdrawal`).
    #[validate(length(equal = 64))]
    #[schema(min_length = 64, max_length = 64)]
    pub digest: String,
    /// Detached CMS (base64 or PEM) over the digest's 64 characters, made with the SIGN key.
    #[validate(length(min = 1, max = 65536))]
    #[schema(min_length = 1, max_length = 65536)]
    pub signature: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    pub id: Uuid,
    pub agreement_id: Uuid,
    pub action: String,
    pub document_sha256: String,
    pub language: String,
    pub channel: String,
    pub signer_serial: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// This record's link in the chain.
    pub record_hash: String,
}

impl From<consent_record::Model> for ConsentView {
    fn from(r: consent_record::Model) -> Self {
        Self {
            id: r.id,
            agreement_id: r.agreement_id,
            action: r.action,
            document_sha256: r.document_sha256,
            language: r.language,
            channel: r.channel,
            signer_serial: r.signer_serial,
            recorded_at: r.recorded_at,
            record_hash: r.record_hash,
        }
    }
}

/// How many acceptances and withdrawals one agreement version has.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionTally {
    pub agreement_id: Uuid,
    pub kind: AgreementKind,
    pub version: i32,
    pub accepted: i64,
    pub withdrawn: i64,
}

/// `GET /admin/consents`: a page of consent records, newest first, and the tallies of every
/// agreement version (whatever the page's filter).
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminConsentPage {
    pub items: Vec<ConsentView>,
    /// Pass as `cursor` for the next page; absent on the last one.
    pub next_cursor: Option<String>,
    /// Every version, oldest first.
    pub counts: Vec<VersionTally>,
}

/// The result of walking the whole chain of consent records.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainReport {
    pub records: u64,
    pub intact: bool,
    /// The first record whose stored hashes do not match what it says.
    pub first_broken: Option<BrokenLink>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BrokenLink {
    pub seq: i64,
    pub id: Uuid,
    pub reason: String,
}

/// `GET /accounts/me/export`: everything Saulet holds about the account (the personal-data law's
/// right of access, Law No. 94-V Art. 24), as one typed document.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountExport {
    pub exported_at: DateTime<Utc>,
    pub account: crate::accounts::dto::AccountView,
    /// The profile's change history, newest first (the latest 200).
    pub profile_changes: Vec<crate::accounts::dto::ChangeView>,
    /// The sessions still open.
    pub sessions: Vec<crate::accounts::dto::SessionView>,
    /// The EDS certificates bound to the account, newest first.
    pub certificates: Vec<crate::accounts::dto::CertificateView>,
    /// Every acceptance and withdrawal, newest first.
    pub consents: Vec<ConsentView>,
    pub notifications: Vec<ExportedNotification>,
    /// The permit requests the account made, newest first.
    pub permit_requests: Vec<ExportedPermitRequest>,
}

/// One inbox notice.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportedNotification {
    pub id: Uuid,
    pub category: crate::messaging::outbox::EmailCategory,
    /// What happened, as the notice recorded it.
    pub event: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// One permit request of the account, with its files (names and hashes, not contents) and its
/// signed versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportedPermitRequest {
    pub id: Uuid,
    /// The registration number, once submitted.
    pub number: Option<String>,
    pub type_code: String,
    pub title: String,
    /// The workflow status (`draft`, `submitted`, …, `approved`, `refused`, `withdrawn`).
    pub status: String,
    pub holder_name: String,
    pub holder_id: String,
    /// The form as last saved.
    pub form_data: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub documents: Vec<ExportedDocument>,
    pub versions: Vec<ExportedVersion>,
}

/// An uploaded file: what it was and its SHA-256, by which it can be matched to a copy.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportedDocument {
    pub slot: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
}

/// A signed submission: its number, the digest signed and the signing certificate's serial.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportedVersion {
    pub no: i32,
    pub digest: String,
    pub signer_serial: String,
    pub signed_at: DateTime<Utc>,
}
