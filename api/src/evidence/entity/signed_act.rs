use sea_orm::entity::prelude::*;

/// One legally significant act: what was signed, the signature, trusted time, validation data.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "signed_acts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The act's leaf index in the transparency log: 0, 1, 2, … without gaps.
    pub seq: i64,
    /// What kind of act (`registration`, `agreement-acceptance`, `submission`, `decision`, …).
    pub kind: String,
    /// The account that acted, when one did.
    pub account_id: Option<Uuid>,
    /// The permit request the act belongs to, when it does.
    pub request_id: Option<Uuid>,
    /// What the act is about inside its area (a consent record's id, a version number, …).
    pub reference: Option<String>,
    /// The exact bytes the signature covers.
    pub signed_bytes: Vec<u8>,
    /// The structured document whose SHA-256 (of its canonical JSON) the signature covers, when it
    /// is kept nowhere else (another organisation's answer to an approval task).
    pub content: Option<Json>,
    pub signed_sha256: String,
    /// The CMS SignedData, DER.
    pub cms: Vec<u8>,
    pub cms_sha256: String,
    pub signer_serial: String,
    pub signer_iin: String,
    pub signer_bin: Option<String>,
    /// `{ "chain": [base64 DER…], "crls": [...], "ocsp": [...] }`: what the signature was
    /// accepted on.
    pub validation: Json,
    /// An RFC 3161 time-stamp token over the SHA-256 of `cms`.
    pub tst: Option<Vec<u8>>,
    pub tst_time: Option<DateTimeUtc>,
    pub recorded_at: DateTimeUtc,
    /// The SHA-256 of the act's log entry (`evidence::log::entry`): the log's leaf input.
    pub entry_sha256: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
