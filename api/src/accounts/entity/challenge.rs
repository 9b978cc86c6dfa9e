use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The one flow a challenge may be spent on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "kebab-case")]
#[schema(as = ChallengePurpose)]
pub enum Purpose {
    /// `POST /auth/login/eds`.
    #[sea_orm(string_value = "sign-in")]
    SignIn,
    /// `POST /accounts`.
    #[sea_orm(string_value = "register")]
    Register,
    /// `PUT /accounts/me/certificate`.
    #[sea_orm(string_value = "bind-certificate")]
    BindCertificate,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign-in",
            Purpose::Register => "register",
            Purpose::BindCertificate => "bind-certificate",
        }
    }
}

/// A one-time EDS challenge; only its SHA-256 is kept, with the flow it was issued for.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "eds_challenges")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub nonce_hash: String,
    pub purpose: Purpose,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
