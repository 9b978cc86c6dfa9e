use sea_orm::entity::prelude::*;

/// A decision document (a permit, or a reasoned refusal): prepared as a PDF, then signed by the
/// deciding official's EDS over the PDF's SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    /// `permit` or `refusal`.
    pub kind: String,
    pub number: String,
    pub language: String,
    pub pdf_sha256: String,
    pub pdf_size: i64,
    /// The unguessable code of the public verify link printed in the QR code.
    pub verify_code: String,
    pub official_id: Uuid,
    pub official_name: String,
    pub comment: Option<String>,
    pub grounds: Option<Json>,
    /// The official's CMS signature over `pdf_sha256`; `None` while the draft awaits signing.
    pub signature: Option<String>,
    pub signer_serial: Option<String>,
    pub signed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
