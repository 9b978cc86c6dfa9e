use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    /// The user agreement: a public offer.
    #[sea_orm(string_value = "terms")]
    Terms,
    /// Consent to collect, process, store and use personal data.
    #[sea_orm(string_value = "personal_data")]
    PersonalData,
}

/// One published version of an agreement document.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: AgreementKind,
    pub version: i32,
    /// [`crate::i18n::Localized`] as JSON.
    pub title: Json,
    pub body: Json,
    /// SHA-256 (hex) of each language's exact text, as JSON `{kk, ru, en}`.
    pub body_sha256: Json,
    /// For `personal_data`: what the law requires a consent to name.
    pub details: Option<Json>,
    pub published_at: DateTimeUtc,
    pub effective_at: DateTimeUtc,
    pub published_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
