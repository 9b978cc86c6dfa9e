//! What the accounts endpoints take and give.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::entity::{
    account::{self, AccountKind, AccountStatus, Role, Verification},
    challenge::Purpose,
    change, session,
};
use crate::i18n::Lang;

/// What a challenge is asked for: it can be spent on that flow only.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"purpose": "sign-in"}))]
pub struct ChallengeRequest {
    /// `sign-in` (`POST /auth/login/eds`), `register` (`POST /accounts`) or `bind-certificate`
    /// (`PUT /accounts/me/certificate`).
    pub purpose: Purpose,
}

/// A one-time challenge to sign with the EDS key.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"challenge": "saulet:auth:sign-in:3q2-7wEAAAAKtv9Qm…", "purpose": "sign-in", "expires_at": "2026-11-24T10:05:00Z"}))]
pub struct ChallengeResponse {
    /// Sign exactly these bytes (UTF-8) with your AUTH key, as a detached CMS signature.
    pub challenge: String,
    /// The one flow this challenge can be spent on.
    pub purpose: Purpose,
    pub expires_at: DateTime<Utc>,
}

/// Registration: a signed challenge proves the certificate; the rest is the profile.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"challenge": "saulet:auth:register:…", "signature": "MIAGCSqGSIb3DQEHAqCAMIACAQEx…", "email": "aliya@example.kz", "password": "Көктем-қаласы-2026", "language": "kk"}))]
pub struct RegisterRequest {
    /// The challenge from `POST /auth/eds/challenge`.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub challenge: String,
    /// The detached CMS signature of the challenge with the AUTH key (base64, PEM or DER).
    #[validate(length(min = 1, max = 65536))]
    #[schema(min_length = 1, max_length = 65536)]
    pub signature: String,
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub password: String,
    pub language: Lang,
    #[validate(length(min = 5, max = 32))]
    #[schema(min_length = 5, max_length = 32)]
    pub phone: Option<String>,
    /// When agreement versions are in force (`GET /agreements`): an acceptance of each, signed
    /// with the SIGN key. Without them registration is 403 `consent-required`.
    #[serde(default)]
    #[validate(nested)]
    pub consents: Vec<RegistrationConsent>,
}

/// One acceptance sent with a registration.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct RegistrationConsent {
    pub agreement_id: Uuid,
    pub language: Lang,
    /// Detached CMS (base64) with the SIGN key over `body_sha256[language]` of the version.
    #[validate(length(min = 1, max = 65536))]
    #[schema(min_length = 1, max_length = 65536)]
    pub signature: String,
}

/// Who the account is, as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountView {
    pub id: Uuid,
    pub kind: AccountKind,
    /// The holder's IIN, from the certificate.
    pub iin: String,
    /// The company's BIN, for a legal entity's representative.
    pub bin: Option<String>,
    pub full_name: String,
    pub organisation: Option<String>,
    pub email: String,
    pub email_verified: bool,
    pub phone: Option<String>,
    pub language: Lang,
    pub role: Role,
    pub status: AccountStatus,
    pub verification: Verification,
    pub created_at: DateTime<Utc>,
}

impl From<account::Model> for AccountView {
    fn from(a: account::Model) -> Self {
        Self {
            id: a.id,
            kind: a.kind,
            iin: a.iin,
            bin: a.bin,
            full_name: a.full_name,
            organisation: a.organisation,
            email: a.email,
            email_verified: a.email_verified_at.is_some(),
            phone: a.phone,
            language: parse_lang(&a.language),
            role: a.role,
            status: a.status,
            verification: a.verification,
            created_at: a.created_at,
        }
    }
}

pub fn parse_lang(code: &str) -> Lang {
    match code {
        "ru" => Lang::Ru,
        "en" => Lang::En,
        _ => Lang::Kk,
    }
}

/// Where the refresh token goes: `web` (the SPA) gets it only as an httpOnly SameSite=Strict
/// cookie, out of reach of page scripts; `api` (integrators) gets it in the body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClientKind {
    Web,
    #[default]
    Api,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"login": "aliya@example.kz", "password": "Көктем-қаласы-2026"}))]
pub struct LoginRequest {
    /// The account's email or IIN.
    #[validate(length(min = 1, max = 254))]
    #[schema(min_length = 1, max_length = 254)]
    pub login: String,
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub password: String,
    #[serde(default)]
    pub client: ClientKind,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct EdsLoginRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub challenge: String,
    /// The detached CMS signature of the challenge with the AUTH key.
    #[validate(length(min = 1, max = 65536))]
    #[schema(min_length = 1, max_length = 65536)]
    pub signature: String,
    #[serde(default)]
    pub client: ClientKind,
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
pub struct RefreshRequest {
    /// The refresh token (integrators); the SPA sends its cookie instead.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub client: ClientKind,
}

/// A signed-in session's tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// The access token: `Authorization: Bearer <access_token>`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The refresh token, for `client: api` only; single use, rotated by `POST /auth/refresh`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub account: AccountView,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub id: Uuid,
    /// `password` or `eds`.
    pub method: String,
    pub user_agent: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The session of the token making this request.
    pub current: bool,
}

impl SessionView {
    pub fn new(s: session::Model, current: Uuid) -> Self {
        Self {
            current: s.id == current,
            id: s.id,
            method: s.method,
            user_agent: s.user_agent,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeView {
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// Who made the change: the owner, or an administrator.
    pub changed_by: Option<Uuid>,
    pub changed_at: DateTime<Utc>,
}

impl From<change::Model> for ChangeView {
    fn from(c: change::Model) -> Self {
        Self {
            field: c.field,
            old_value: c.old_value,
            new_value: c.new_value,
            changed_by: c.changed_by,
            changed_at: c.changed_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct UpdateProfileRequest {
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    /// A phone number, or `""` to remove it.
    #[validate(custom(function = "phone_or_empty"))]
    pub phone: Option<String>,
    pub language: Option<Lang>,
}

/// 5 to 32 characters, or empty (to remove the number).
fn phone_or_empty(phone: &str) -> Result<(), validator::ValidationError> {
    let length = phone.trim().chars().count();
    if length == 0 || (5..=32).contains(&length) {
        Ok(())
    } else {
        let mut error = validator::ValidationError::new("length");
        error.message =
            Some("must be between 5 and 32 characters long, or empty to remove it".into());
        Err(error)
    }
}

/// An EDS certificate bound to my account.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateView {
    /// The serial number, uppercase hex.
    pub serial: String,
    pub issuer: String,
    pub not_before: DateTime<Utc>,
    /// When it expires: renew the EDS before, then bind the new certificate.
    pub not_after: DateTime<Utc>,
    pub bound_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<super::entity::certificate::Model> for CertificateView {
    fn from(c: super::entity::certificate::Model) -> Self {
        Self {
            serial: c.serial,
            issuer: c.issuer,
            not_before: c.not_before,
            not_after: c.not_after,
            bound_at: c.bound_at,
            last_used_at: c.last_used_at,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ChangePasswordRequest {
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub current_password: String,
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub new_password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct VerifyEmailRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub token: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ForgotPasswordRequest {
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ResetPasswordRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub token: String,
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub new_password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CloseAccountRequest {
    /// Re-authentication: the current password.
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct BindCertificateRequest {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub challenge: String,
    #[validate(length(min = 1, max = 65536))]
    #[schema(min_length = 1, max_length = 65536)]
    pub signature: String,
}

/// An administrator's action on an account always states why.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"reason": "Impersonation reported by the holder of the certificate"}))]
pub struct ReasonRequest {
    #[validate(length(min = 3, max = 2000))]
    #[schema(min_length = 3, max_length = 2000)]
    pub reason: String,
}
