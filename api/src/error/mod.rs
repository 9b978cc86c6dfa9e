//! The one error type of the API, rendered as RFC 9457 `application/problem+json`.
//!
//! Each variant is a documented problem `type` slug (see `docs/errors.md`). Client mistakes get
//! a 4xx with a clear `detail`; only [`ApiError::Internal`] is a 500, and it logs its whole cause
//! chain while telling the client nothing internal. The code writes details and field messages in
//! English; the body carries them in the request's language (`messages`).

use std::fmt;

use actix_web::{
    HttpResponse, ResponseError,
    http::{
        Method, StatusCode,
        header::{self, HeaderValue},
    },
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{i18n::Lang, request_context};

mod messages;
mod titles;
pub use messages::localize;
pub use titles::title;

/// The problem type of a signed challenge that is unknown, used or expired.
pub const SLUG_CHALLENGE_EXPIRED: &str = "eds-challenge-expired";
/// The problem type of a certificate that names another person or company.
pub const SLUG_IDENTITY_MISMATCH: &str = "eds-identity-mismatch";

/// A refused signature as the kernel renders it: the `eds` module's refusal reasons
/// (`eds-expired`, `eds-revoked`, …) with their status and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureRefusal {
    pub slug: &'static str,
    pub status: StatusCode,
    pub detail: String,
}

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One field-level validation failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({"field": "email", "code": "invalid_email", "message": "must be a valid email address"}))]
pub struct FieldError {
    /// The field's path in the request body, e.g. `contacts[0].phone`.
    pub field: String,
    /// A stable machine-readable code (`required`, `invalid_type`, `length`, …).
    pub code: String,
    /// A human-readable explanation.
    pub message: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem details body.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "validation",
    "title": "Validation failed",
    "status": 422,
    "detail": "The request has 1 invalid field.",
    "instance": "/api/v1/accounts",
    "request_id": "01936a52-3c4e-7d2a-9a53-1f0c2b9d4e11",
    "errors": [{"field": "email", "code": "invalid_email", "message": "must be a valid email address"}]
}))]
pub struct Problem {
    /// The problem type: a slug documented in `docs/errors.md` (`validation`, `not-found`, …).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the type, in the request's language.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request.
    pub detail: String,
    /// The path of the request that failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The request id (also in the `X-Request-Id` header), to quote to support.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Field-level errors, for `validation`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// At `POST /oauth/token`: the OAuth 2.0 error code (RFC 6749 §5.2: `invalid_client`,
    /// `invalid_scope`, `unsupported_grant_type`, `invalid_request`) for OAuth client libraries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
    /// For `consent-required`: the agreement versions to accept (`GET /agreements/{id}`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<uuid::Uuid>,
}

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422 `validation`: the body parsed but some fields are invalid.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// 400 `malformed-body`: the body is not well-formed JSON.
    #[error("malformed body: {0}")]
    MalformedBody(String),
    /// 400 `invalid-query`: query parameters that do not parse.
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// 401 `unauthenticated`.
    #[error("unauthenticated")]
    Unauthenticated,
    /// 403 `forbidden`: authenticated, but this role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// 404 `not-found`: no such object, or one the caller may not see.
    #[error("not found")]
    NotFound,
    /// 405 `method-not-allowed`, with the methods the path does allow.
    #[error("method not allowed")]
    MethodNotAllowed(Vec<Method>),
    /// 409 `conflict`.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 409 `identity-taken`: an account for this IIN (and BIN) exists already.
    #[error("identity taken")]
    IdentityTaken,
    /// 409 `email-taken`: another account uses this email.
    #[error("email taken")]
    EmailTaken,
    /// 401 `invalid-credentials`: the login or the password is wrong (never says which).
    #[error("invalid credentials")]
    InvalidCredentials,
    /// 403 `account-blocked`: an administrator blocked the account.
    #[error("account blocked")]
    AccountBlocked,
    /// 423 `account-locked`: too many failed sign-ins; retry after the lock ends.
    #[error("account locked until {until}")]
    AccountLocked {
        until: chrono::DateTime<chrono::Utc>,
        retry_after_secs: i64,
    },
    /// 429 `rate-limited`: too many requests from this address; retry after `Retry-After`.
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// 422 `token-invalid`: an emailed link that is unknown, used or expired.
    #[error("token invalid")]
    TokenInvalid,
    /// A refused EDS signature; the slug is the reason (`eds-expired`, `eds-revoked`, …). The
    /// `eds` module turns its errors into this (it stands above the kernel).
    #[error("EDS refused: {}", .0.detail)]
    Signature(SignatureRefusal),
    /// 422 `eds-challenge-expired`: the signed challenge is unknown, used or expired.
    #[error("challenge expired")]
    ChallengeExpired,
    /// 403 `eds-identity-mismatch`: the certificate names another person or company.
    #[error("identity mismatch")]
    IdentityMismatch,
    /// 409 `legal-hold`: the personal-data consent cannot be withdrawn while the account has an
    /// obligation in progress (a permit request under review), as the law allows.
    #[error("legal hold")]
    LegalHold,
    /// 403 `consent-required`: a new version of an agreement is in force and this account has not
    /// accepted it; `documents` names the versions to accept.
    #[error("consent required")]
    ConsentRequired(Vec<uuid::Uuid>),
    /// 413 `payload-too-large`.
    #[error("payload too large (limit {limit} bytes)")]
    PayloadTooLarge { limit: usize },
    /// 415 `unsupported-media-type`.
    #[error("unsupported media type, expected {expected}")]
    UnsupportedMediaType { expected: &'static str },
    /// 503 `service-unavailable`: a dependency (the database) is down; retry later.
    #[error("service unavailable: {0}")]
    ServiceUnavailable(String),
    /// 409 `illegal-transition`: the workflow does not allow this step from the current status.
    #[error("illegal transition")]
    IllegalTransition(String),
    /// 428 `precondition-required`: an update without `If-Match`.
    #[error("precondition required")]
    PreconditionRequired,
    /// 412 `precondition-failed`: `If-Match` names an older version.
    #[error("precondition failed")]
    PreconditionFailed,
    /// 422 `idempotency-key-reused`: the same `Idempotency-Key` with a different request.
    #[error("idempotency key reused")]
    IdempotencyKeyReused,
    /// 415 `unsupported-file-type`: the file's content is not of a type the checklist allows.
    #[error("unsupported file type")]
    UnsupportedFileType(String),
    /// 422 `empty-file`: an upload with no content.
    #[error("empty file")]
    EmptyFile,
    /// 401 `invalid-client`: an API client that is unknown, or whose secret or signed assertion
    /// is wrong.
    #[error("invalid client")]
    InvalidClient,
    /// 401 `assertion-expired`: a `private_key_jwt` assertion past its `exp` (or valid too long).
    #[error("assertion expired")]
    AssertionExpired,
    /// 401 `assertion-replayed`: a `private_key_jwt` assertion whose `jti` was used already.
    #[error("assertion replayed")]
    AssertionReplayed,
    /// 401 `client-revoked`: the API client was revoked; its tokens stop at once.
    #[error("client revoked")]
    ClientRevoked,
    /// 403 `insufficient-scope`: the client's token lacks the scope this operation needs, or the
    /// operation is not open to API clients.
    #[error("insufficient scope: {0}")]
    InsufficientScope(String),
    /// 400 `invalid-scope`: a token asked for a scope the client was not given.
    #[error("invalid scope: {0}")]
    InvalidScope(String),
    /// 400 `unsupported-grant-type`: `POST /oauth/token` takes `client_credentials` only.
    #[error("unsupported grant type")]
    UnsupportedGrantType,
    /// 500 `internal`: a bug or an unexpected failure. The cause is logged, never sent.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// The problem type slug.
    pub fn slug(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "validation",
            ApiError::MalformedBody(_) => "malformed-body",
            ApiError::InvalidQuery(_) => "invalid-query",
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::Forbidden => "forbidden",
            ApiError::NotFound => "not-found",
            ApiError::MethodNotAllowed(_) => "method-not-allowed",
            ApiError::Conflict(_) => "conflict",
            ApiError::IdentityTaken => "identity-taken",
            ApiError::EmailTaken => "email-taken",
            ApiError::InvalidCredentials => "invalid-credentials",
            ApiError::AccountBlocked => "account-blocked",
            ApiError::AccountLocked { .. } => "account-locked",
            ApiError::RateLimited { .. } => "rate-limited",
            ApiError::TokenInvalid => "token-invalid",
            ApiError::Signature(refusal) => refusal.slug,
            ApiError::ChallengeExpired => SLUG_CHALLENGE_EXPIRED,
            ApiError::IdentityMismatch => SLUG_IDENTITY_MISMATCH,
            ApiError::ConsentRequired(_) => "consent-required",
            ApiError::LegalHold => "legal-hold",
            ApiError::PayloadTooLarge { .. } => "payload-too-large",
            ApiError::UnsupportedMediaType { .. } => "unsupported-media-type",
            ApiError::ServiceUnavailable(_) => "service-unavailable",
            ApiError::IllegalTransition(_) => "illegal-transition",
            ApiError::PreconditionRequired => "precondition-required",
            ApiError::PreconditionFailed => "precondition-failed",
            ApiError::IdempotencyKeyReused => "idempotency-key-reused",
            ApiError::UnsupportedFileType(_) => "unsupported-file-type",
            ApiError::EmptyFile => "empty-file",
            ApiError::InvalidClient => "invalid-client",
            ApiError::AssertionExpired => "assertion-expired",
            ApiError::AssertionReplayed => "assertion-replayed",
            ApiError::ClientRevoked => "client-revoked",
            ApiError::InsufficientScope(_) => "insufficient-scope",
            ApiError::InvalidScope(_) => "invalid-scope",
            ApiError::UnsupportedGrantType => "unsupported-grant-type",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The OAuth 2.0 error code of a token endpoint failure (RFC 6749 §5.2).
    fn oauth_error(&self) -> Option<&'static str> {
        match self {
            ApiError::InvalidClient
            | ApiError::AssertionExpired
            | ApiError::AssertionReplayed
            | ApiError::ClientRevoked => Some("invalid_client"),
            ApiError::InvalidScope(_) => Some("invalid_scope"),
            ApiError::UnsupportedGrantType => Some("unsupported_grant_type"),
            ApiError::InsufficientScope(_) => Some("insufficient_scope"),
            _ => None,
        }
    }

    fn detail(&self) -> String {
        match self {
            ApiError::Validation(errors) if errors.len() == 1 => {
                "The request has 1 invalid field.".into()
            }
            ApiError::Validation(errors) => {
                format!("The request has {} invalid fields.", errors.len())
            }
            ApiError::MalformedBody(why) => format!("The request body is not valid JSON: {why}."),
            ApiError::InvalidQuery(why) => format!("The query parameters are invalid: {why}."),
            ApiError::Unauthenticated => {
                "Sign in and send the access token as `Authorization: Bearer <token>`.".into()
            }
            ApiError::Forbidden => "Your role does not allow this action.".into(),
            ApiError::NotFound => "There is nothing at this address.".into(),
            ApiError::MethodNotAllowed(allowed) => format!(
                "This address does not accept this method. Allowed: {}.",
                join_methods(allowed)
            ),
            ApiError::Conflict(why) => why.clone(),
            ApiError::IdentityTaken => {
                "An account for this certificate's identity exists already; sign in instead.".into()
            }
            ApiError::EmailTaken => "Another account uses this email address.".into(),
            ApiError::InvalidCredentials => "The login or the password is wrong.".into(),
            ApiError::AccountBlocked => {
                "The administrator has blocked this account. The email we sent says why.".into()
            }
            ApiError::AccountLocked { until, .. } => format!(
                "Too many failed sign-ins. Try again after {} UTC, sign in with your EDS, or reset your password.",
                until.format("%Y-%m-%d %H:%M")
            ),
            ApiError::RateLimited { retry_after_secs } => {
                format!("Too many requests. Try again in {retry_after_secs} seconds.")
            }
            ApiError::TokenInvalid => {
                "This link is unknown, already used or expired. Ask for a new one.".into()
            }
            ApiError::Signature(refusal) => refusal.detail.clone(),
            ApiError::ChallengeExpired => {
                "The signed challenge is unknown, already used or expired. Ask for a new one and sign again.".into()
            }
            ApiError::IdentityMismatch => {
                "The certificate belongs to another person or company than this account.".into()
            }
            ApiError::LegalHold => "The consent cannot be withdrawn while a permit request of yours is in progress; withdraw it once the request is decided or withdrawn.".into(),
            ApiError::ConsentRequired(_) => "A new version of the user agreement is in force. Read and accept it (POST /api/v1/consents) to go on; until then you can read the agreements and your consents, export your data, close your account or sign out.".into(),
            ApiError::PayloadTooLarge { limit } => {
                format!("The request body is larger than the limit of {limit} bytes.")
            }
            ApiError::UnsupportedMediaType { expected } => {
                format!("Send the body as `{expected}` with a matching Content-Type header.")
            }
            ApiError::ServiceUnavailable(why) => format!("{why}. Please retry shortly."),
            ApiError::IllegalTransition(why) => format!("{why}."),
            ApiError::PreconditionRequired => "Send the request's current ETag in an `If-Match` header, so a change made meanwhile by someone else is not overwritten.".into(),
            ApiError::PreconditionFailed => "The request was changed since you read it (its ETag differs from `If-Match`). Read it again and re-apply your change.".into(),
            ApiError::IdempotencyKeyReused => "This Idempotency-Key was used before with a different request; use a new key for a new request.".into(),
            ApiError::UnsupportedFileType(why) => why.clone(),
            ApiError::EmptyFile => "The file is empty.".into(),
            ApiError::InvalidClient => "The API client is unknown, or its secret or signed assertion is wrong.".into(),
            ApiError::AssertionExpired => "The client assertion has expired (or its lifetime is longer than 5 minutes); sign a new one.".into(),
            ApiError::AssertionReplayed => "This client assertion was used already (its `jti`); sign a new one for every token.".into(),
            ApiError::ClientRevoked => "This API client was revoked by its organisation or an administrator.".into(),
            ApiError::InsufficientScope(why) => why.clone(),
            ApiError::InvalidScope(scope) => format!("The client was not given the scope `{scope}`."),
            ApiError::UnsupportedGrantType => "Only `grant_type=client_credentials` is supported.".into(),
            ApiError::Internal(_) => {
                "Something went wrong on our side. Quote the request id to support.".into()
            }
        }
    }

    /// Renders the problem body for the request in progress, in its language: the title, the
    /// detail and the field messages (their codes stay as they are: clients key on them).
    pub fn to_problem(&self) -> Problem {
        let context = request_context::current();
        let lang = context.as_ref().map_or(Lang::API_DEFAULT, |c| c.lang);
        Problem {
            problem_type: self.slug().to_owned(),
            title: title(self.slug(), lang).to_owned(),
            status: self.status_code().as_u16(),
            detail: localize(&self.detail(), lang),
            instance: context.as_ref().map(|c| c.path.clone()),
            request_id: context.map(|c| c.id),
            errors: match self {
                ApiError::Validation(errors) => errors
                    .iter()
                    .map(|e| FieldError {
                        message: localize(&e.message, lang),
                        ..e.clone()
                    })
                    .collect(),
                _ => Vec::new(),
            },
            error: self.oauth_error(),
            documents: match self {
                ApiError::ConsentRequired(documents) => documents.clone(),
                _ => Vec::new(),
            },
        }
    }

    /// The error a bare status code stands for, when something below the handlers
    /// (a middleware, the file server) answered with an error of its own.
    pub fn for_status(status: StatusCode) -> ApiError {
        match status.as_u16() {
            401 => ApiError::Unauthenticated,
            403 => ApiError::Forbidden,
            404 => ApiError::NotFound,
            405 => ApiError::MethodNotAllowed(Vec::new()),
            409 => ApiError::Conflict("The request conflicts with the current state.".into()),
            413 => ApiError::PayloadTooLarge { limit: 0 },
            415 => ApiError::UnsupportedMediaType {
                expected: "application/json",
            },
            429 => ApiError::RateLimited {
                retry_after_secs: 1,
            },
            503 => ApiError::ServiceUnavailable("The service is temporarily unavailable".into()),
            s if (400..500).contains(&s) => {
                ApiError::MalformedBody("the request was refused".into())
            }
            _ => ApiError::Internal(anyhow::anyhow!("unexpected status {status}")),
        }
    }
}

fn join_methods(methods: &[Method]) -> String {
    methods
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::MalformedBody(_) | ApiError::InvalidQuery(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_)
            | ApiError::IdentityTaken
            | ApiError::EmailTaken
            | ApiError::LegalHold
            | ApiError::IllegalTransition(_) => StatusCode::CONFLICT,
            ApiError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::IdempotencyKeyReused | ApiError::EmptyFile => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::UnsupportedFileType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::InvalidCredentials
            | ApiError::InvalidClient
            | ApiError::AssertionExpired
            | ApiError::AssertionReplayed
            | ApiError::ClientRevoked => StatusCode::UNAUTHORIZED,
            ApiError::InsufficientScope(_) => StatusCode::FORBIDDEN,
            ApiError::InvalidScope(_) | ApiError::UnsupportedGrantType => StatusCode::BAD_REQUEST,
            ApiError::AccountBlocked
            | ApiError::IdentityMismatch
            | ApiError::ConsentRequired(_) => StatusCode::FORBIDDEN,
            ApiError::AccountLocked { .. } => StatusCode::LOCKED,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::TokenInvalid | ApiError::ChallengeExpired => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Signature(refusal) => refusal.status,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::ServiceUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error.cause_chain = ?ErrorChain(cause), "request failed");
        }
        if let ApiError::Signature(refusal) = self
            && refusal.status.is_server_error()
        {
            tracing::error!(error.cause = %refusal.detail, "EDS verification failed");
        }
        let problem = self.to_problem();
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        let lang = request_context::current().map_or(Lang::API_DEFAULT, |c| c.lang);
        response.insert_header((header::CONTENT_LANGUAGE, lang.code()));
        match self {
            ApiError::MethodNotAllowed(allowed) if !allowed.is_empty() => {
                response.insert_header((header::ALLOW, join_methods(allowed)));
            }
            ApiError::ServiceUnavailable(_) => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("5")));
            }
            ApiError::RateLimited { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::AccountLocked {
                retry_after_secs, ..
            } => {
                response
                    .insert_header((header::RETRY_AFTER, (*retry_after_secs).max(1).to_string()));
            }
            _ => {}
        }
        match serde_json::to_vec(&problem) {
            Ok(body) => response.body(body),
            Err(_) => response.finish(),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        // PostgreSQL refuses the NUL character in text (SQLSTATE 22021); it came from the client.
        if sqlstate(&err).as_deref() == Some("22021") {
            return ApiError::Validation(vec![FieldError::new(
                "",
                "invalid_character",
                "text must not contain the NUL character",
            )]);
        }
        if database_unreachable(&err) {
            return ApiError::ServiceUnavailable("The database is unreachable".into());
        }
        ApiError::Internal(err.into())
    }
}

/// Whether a database error means "the database is not there right now" rather than a defect:
/// no connection could be had, the connection broke (the server stopped or restarted under a
/// query), or the server refuses work for the moment (starting up, shutting down, too many
/// connections). The client may retry: 503, not 500.
fn database_unreachable(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr, sqlx::Error};
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        DbErr::Conn(_) => return true,
        _ => return false,
    };
    match sqlx {
        Error::Io(_)
        | Error::Tls(_)
        | Error::PoolTimedOut
        | Error::PoolClosed
        | Error::WorkerCrashed => true,
        Error::Database(e) => e.code().is_some_and(|code| {
            // Class 08: connection exception; 57P01–57P03: the administrator stopped the server,
            // it crashed, or it cannot take connections yet; 53300: too many connections.
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "53300")
        }),
        _ => false,
    }
}

/// The SQLSTATE of a database error, when the database gave one.
fn sqlstate(err: &sea_orm::DbErr) -> Option<String> {
    use sea_orm::{DbErr, RuntimeErr};
    match err {
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => e
            .as_database_error()
            .and_then(|d| d.code())
            .map(|c| c.into_owned()),
        _ => None,
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        ApiError::Validation(field_errors(&errors))
    }
}

/// Flattens `validator` errors into field errors with dotted paths.
pub fn field_errors(errors: &validator::ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out
}

fn collect(errors: &validator::ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    let mut fields: Vec<_> = errors.errors().iter().collect();
    fields.sort_by(|a, b| a.0.cmp(b.0));
    for (field, kind) in fields {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            validator::ValidationErrorsKind::Field(list) => {
                for e in list {
                    let message = e
                        .message
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_else(|| describe(&e.code, &e.params));
                    out.push(FieldError::new(path.clone(), e.code.to_string(), message));
                }
            }
            validator::ValidationErrorsKind::Struct(inner) => collect(inner, &path, out),
            validator::ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect(inner, &format!("{path}[{index}]"), out);
                }
            }
        }
    }
}

/// A readable message for validator's built-in codes when a rule names none.
fn describe(
    code: &str,
    params: &std::collections::HashMap<std::borrow::Cow<'static, str>, serde_json::Value>,
) -> String {
    let param = |name: &str| params.get(name).map(ToString::to_string);
    match code {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max} characters long"),
            (Some(min), None) => format!("must be at least {min} characters long"),
            (None, Some(max)) => format!("must be at most {max} characters long"),
            _ => "has the wrong length".into(),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) => format!("must be at most {max}"),
            _ => "is out of range".into(),
        },
        "email" => "must be a valid email address".into(),
        "url" => "must be a valid URL".into(),
        "required" => "is required".into(),
        other => format!("is invalid ({other})"),
    }
}

/// Formats an error with every cause below it, one per line.
struct ErrorChain<'a>(&'a anyhow::Error);

impl fmt::Debug for ErrorChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.0)?;
        for cause in self.0.chain().skip(1) {
            writeln!(f, "  caused by: {cause}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;

    #[test]
    fn every_variant_has_a_title_in_each_language() {
        let variants = [
            ApiError::Validation(vec![]),
            ApiError::MalformedBody(String::new()),
            ApiError::InvalidQuery(String::new()),
            ApiError::Unauthenticated,
            ApiError::Forbidden,
            ApiError::NotFound,
            ApiError::MethodNotAllowed(vec![]),
            ApiError::Conflict(String::new()),
            ApiError::PayloadTooLarge { limit: 1 },
            ApiError::UnsupportedMediaType { expected: "x" },
            ApiError::ServiceUnavailable(String::new()),
            ApiError::IllegalTransition(String::new()),
            ApiError::PreconditionRequired,
            ApiError::PreconditionFailed,
            ApiError::IdempotencyKeyReused,
            ApiError::UnsupportedFileType(String::new()),
            ApiError::EmptyFile,
        ];
        for v in variants {
            let internal = title("internal", Lang::En);
            assert_ne!(
                title(v.slug(), Lang::En),
                internal,
                "{} has no title",
                v.slug()
            );
            assert_ne!(title(v.slug(), Lang::Kk), title(v.slug(), Lang::En));
            assert_ne!(title(v.slug(), Lang::Ru), title(v.slug(), Lang::En));
        }
    }

    #[test]
    fn a_database_that_is_not_there_is_503_and_a_failing_statement_is_500() {
        use sea_orm::{DbErr, RuntimeErr, sqlx};
        let broken = |e: sqlx::Error| DbErr::Query(RuntimeErr::SqlxError(e));
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        for unreachable in [
            DbErr::ConnectionAcquire(sea_orm::error::ConnAcquireErr::Timeout),
            broken(sqlx::Error::Io(reset)),
            broken(sqlx::Error::PoolTimedOut),
            DbErr::Exec(RuntimeErr::SqlxError(sqlx::Error::PoolClosed)),
        ] {
            assert_eq!(
                ApiError::from(unreachable).status_code(),
                StatusCode::SERVICE_UNAVAILABLE
            );
        }
        for defect in [
            broken(sqlx::Error::RowNotFound),
            broken(sqlx::Error::ColumnNotFound("x".into())),
            DbErr::Custom("a bug".into()),
        ] {
            assert_eq!(
                ApiError::from(defect).status_code(),
                StatusCode::INTERNAL_SERVER_ERROR
            );
        }
    }

    #[test]
    fn an_internal_error_tells_the_client_nothing_internal() {
        let err = ApiError::Internal(anyhow::anyhow!("relation \"accounts\" does not exist"));
        let response = err.error_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.into_body().try_into_bytes().expect("a plain body");
        let text = String::from_utf8_lossy(&body);
        assert!(!text.contains("relation"), "{text}");
        assert!(text.contains("\"type\":\"internal\""), "{text}");
    }

    #[test]
    fn method_not_allowed_lists_the_allowed_methods() {
        let response = ApiError::MethodNotAllowed(vec![Method::GET, Method::HEAD]).error_response();
        assert_eq!(
            response.headers().get(header::ALLOW).map(|v| v.as_bytes()),
            Some(&b"GET, HEAD"[..])
        );
        assert_eq!(
            response
                .headers()
                .get(header::CONTENT_TYPE)
                .map(|v| v.as_bytes()),
            Some(PROBLEM_JSON.as_bytes())
        );
    }
}
