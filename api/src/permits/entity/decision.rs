use sea_orm::entity::prelude::*;

/// Which decision a document records; stored as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum DecisionKind {
    /// The permit was granted.
    #[sea_orm(string_value = "permit")]
    Permit,
    /// The permit was refused, with reasons.
    #[sea_orm(string_value = "refusal")]
    Refusal,
}

impl DecisionKind {
    /// The name the API shows (and the database keeps).
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Permit => "permit",
            DecisionKind::Refusal => "refusal",
        }
    }

    /// The kind named `name`, if any.
    pub fn parse(name: &str) -> Option<DecisionKind> {
        [DecisionKind::Permit, DecisionKind::Refusal]
            .into_iter()
            .find(|k| k.as_str() == name)
    }
}

/// A decision document (a permit, or a reasoned refusal): prepared as a PDF, then signed by the
/// deciding official's EDS over the PDF's SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub kind: DecisionKind,
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
