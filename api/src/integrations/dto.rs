//! The integrations area's request and response bodies.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::entity::api_client;

/// `POST /clients`: a new API client of my organisation.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CreateClient {
    /// A name the organisation knows it by ("ERP", "design office system").
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    /// What its tokens may do: `permits:read`, `permits:write`, `approvals:write`.
    #[validate(length(min = 1, max = 10))]
    #[schema(min_items = 1, max_items = 10)]
    pub scopes: Vec<String>,
    /// For `private_key_jwt`: the public key (PEM; RSA of 2048 bits or more, EC P-256 or
    /// Ed25519). Without it the client authenticates with a secret, shown once in the answer.
    #[validate(length(min = 1, max = 10000))]
    #[schema(min_length = 1, max_length = 10000)]
    pub public_key_pem: Option<String>,
}

/// `PUT /clients/{id}/key`: registers (or replaces) the client's public key.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ClientKey {
    #[validate(length(min = 1, max = 10000))]
    #[schema(min_length = 1, max_length = 10000)]
    pub public_key_pem: String,
}

/// An API client (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientView {
    /// The `client_id` to send to `POST /oauth/token`.
    pub id: Uuid,
    pub organisation_bin: String,
    pub name: String,
    pub scopes: Vec<String>,
    /// Who registered it; its tokens act through their account.
    pub owner_id: Uuid,
    /// `client_secret_basic`, `private_key_jwt`, or both.
    pub auth_methods: Vec<String>,
    /// For `private_key_jwt`: `RS256`, `ES256` or `EdDSA`.
    pub key_algorithm: Option<String>,
    pub created_at: DateTime<Utc>,
    pub secret_rotated_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<api_client::Model> for ClientView {
    fn from(c: api_client::Model) -> Self {
        let mut auth_methods = Vec::new();
        if c.secret_sha256.is_some() {
            auth_methods.push("client_secret_basic".to_owned());
        }
        if c.public_key_pem.is_some() {
            auth_methods.push("private_key_jwt".to_owned());
        }
        Self {
            scopes: c.scope_list(),
            id: c.id,
            organisation_bin: c.organisation_bin,
            name: c.name,
            owner_id: c.owner_id,
            auth_methods,
            key_algorithm: c.key_algorithm,
            created_at: c.created_at,
            secret_rotated_at: c.secret_rotated_at,
            last_used_at: c.last_used_at,
            revoked_at: c.revoked_at,
        }
    }
}

/// A client just created, or its secret just rotated: the secret is shown this once and kept
/// only as its hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientWithSecret {
    pub client: ClientView,
    /// Send it with the client id as HTTP Basic credentials to `POST /oauth/token`. None for a
    /// client created with a public key only.
    pub client_secret: Option<String>,
}

/// `POST /oauth/token` (form-encoded, RFC 6749 §4.4.2; the client authenticates with HTTP Basic,
/// or with `client_assertion` per RFC 7523 §2.2).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenForm {
    /// `client_credentials`.
    pub grant_type: String,
    /// Space-separated scopes to ask for (a subset of the client's); all of them when absent.
    pub scope: Option<String>,
    /// The client id, when not sent as HTTP Basic credentials.
    pub client_id: Option<String>,
    /// `urn:ietf:params:oauth:client-assertion-type:jwt-bearer` with `client_assertion`.
    pub client_assertion_type: Option<String>,
    /// A JWT signed with the client's registered key: `iss` and `sub` the client id, `aud` the
    /// token endpoint's address, `exp` at most 5 minutes ahead, a `jti` never used before.
    pub client_assertion: Option<String>,
}

/// The token answer (RFC 6749 §5.1).
#[derive(Debug, Serialize, ToSchema)]
pub struct ClientToken {
    pub access_token: String,
    /// `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: i64,
    /// The scopes granted, space-separated.
    pub scope: String,
}

/// `POST /clients/{id}/webhooks`: a receiver and the events it wants.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CreateSubscription {
    /// Where to POST the events: `https://…` (the receiver answers 2xx within the timeout).
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub url: String,
    /// Event types: `permit_request.status_changed`, `approval_task.created`,
    /// `approval_task.answered`.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_items = 1, max_items = 20)]
    pub events: Vec<String>,
}

/// A webhook subscription (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub url: String,
    pub events: Vec<String>,
    /// Deliveries are made only while enabled; one failing for a day disables it.
    pub enabled: bool,
    pub disabled_at: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<super::entity::webhook_subscription::Model> for SubscriptionView {
    fn from(s: super::entity::webhook_subscription::Model) -> Self {
        Self {
            events: s.event_list(),
            id: s.id,
            client_id: s.client_id,
            url: s.url,
            enabled: s.enabled,
            disabled_at: s.disabled_at,
            disabled_reason: s.disabled_reason,
            created_at: s.created_at,
        }
    }
}

/// A subscription just created, or its secret just rotated: the signing secret (`whsec_…`, as
/// Standard Webhooks libraries take it), shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionWithSecret {
    pub subscription: SubscriptionView,
    pub secret: String,
}

/// One delivery of the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryView {
    pub id: Uuid,
    /// The `webhook-id` header it is sent with (the same on every attempt).
    pub message_id: String,
    pub event_type: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The receiver's HTTP status at the last attempt.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The JSON body, exactly as signed and sent.
    pub payload: String,
}

impl From<super::entity::webhook_delivery::Model> for DeliveryView {
    fn from(d: super::entity::webhook_delivery::Model) -> Self {
        Self {
            message_id: d.message_id(),
            id: d.id,
            event_type: d.event_type,
            next_attempt_at: (d.status == "pending").then_some(d.next_attempt_at),
            status: d.status,
            attempts: d.attempts,
            last_attempt_at: d.last_attempt_at,
            last_status: d.last_status,
            last_error: d.last_error,
            delivered_at: d.delivered_at,
            created_at: d.created_at,
            payload: d.payload,
        }
    }
}
