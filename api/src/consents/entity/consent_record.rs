use sea_orm::entity::prelude::*;

/// One acceptance or withdrawal, append-only and hash-chained.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consent_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The record's place in the chain: 1, 2, 3, …
    pub seq: i64,
    pub account_id: Uuid,
    pub agreement_id: Uuid,
    /// The SHA-256 of the text shown, which the signature covers.
    pub document_sha256: String,
    /// `accepted` or `withdrawn`.
    pub action: String,
    /// `web` or `api`.
    pub channel: String,
    pub language: String,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    /// The CMS signature (base64) over `document_sha256`.
    pub signature: Option<String>,
    pub signer_serial: Option<String>,
    pub recorded_at: DateTimeUtc,
    pub prev_hash: String,
    pub record_hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
