use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Individual (IIN) or a legal entity's representative (IIN + BIN), from the certificate.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    #[sea_orm(string_value = "individual")]
    Individual,
    #[sea_orm(string_value = "legal_entity")]
    LegalEntity,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[sea_orm(string_value = "applicant")]
    Applicant,
    #[sea_orm(string_value = "reviewer")]
    Reviewer,
    #[sea_orm(string_value = "admin")]
    Admin,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    #[sea_orm(string_value = "active")]
    Active,
    /// Blocked by an administrator: every call answers 403 `account-blocked`.
    #[sea_orm(string_value = "blocked")]
    Blocked,
    /// Registration refused by an administrator.
    #[sea_orm(string_value = "refused")]
    Refused,
    /// Closed by its owner.
    #[sea_orm(string_value = "closed")]
    Closed,
    /// Deleted by an administrator; personal data erased.
    #[sea_orm(string_value = "deleted")]
    Deleted,
}

/// The administrator's verification of the account's data.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    #[sea_orm(string_value = "unverified")]
    Unverified,
    #[sea_orm(string_value = "verified")]
    Verified,
    #[sea_orm(string_value = "failed")]
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: AccountKind,
    pub iin: String,
    pub bin: Option<String>,
    pub identity_key: Option<String>,
    pub full_name: String,
    pub organisation: Option<String>,
    pub email: String,
    pub email_normalized: Option<String>,
    pub email_verified_at: Option<DateTimeUtc>,
    pub phone: Option<String>,
    pub language: String,
    pub password_hash: Option<String>,
    pub role: Role,
    pub status: AccountStatus,
    pub status_reason: Option<String>,
    pub verification: Verification,
    pub verified_at: Option<DateTimeUtc>,
    pub failed_logins: i32,
    pub lockouts: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
