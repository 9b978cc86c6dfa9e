//! `POST /oauth/token`: the client-credentials grant (RFC 6749 §4.4). The client proves itself
//! with its secret as HTTP Basic credentials (`client_secret_basic`, §2.3.1), or with a JWT signed
//! by the key it registered (`private_key_jwt`, RFC 7523 §2.2 and OpenID Connect Core §9), whose
//! `jti` is accepted once. Each refusal has its own problem type.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    IntegrationsCtx,
    dto::{ClientToken, TokenForm},
    entity::{api_client, client_assertion},
};
use crate::{
    accounts::{
        entity::account,
        sign_in::{hash_token, open_client_session},
    },
    db::{is_unique_violation, stamp},
    error::ApiError,
};

/// `client_assertion_type` of a signed JWT (RFC 7523 §2.2).
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// The longest an assertion may live, from now to its `exp`.
const ASSERTION_LIFETIME: Duration = Duration::minutes(5);
/// Clock skew allowed between the client and the server.
const LEEWAY_SECS: i64 = 30;

/// HTTP Basic credentials: the client id and the secret, each form-urlencoded (RFC 6749 §2.3.1).
pub struct BasicCredentials {
    pub client_id: String,
    pub secret: String,
}

impl BasicCredentials {
    /// From an `Authorization: Basic …` header value; `None` for any other scheme.
    pub fn parse(header: &str) -> Option<Result<Self, ApiError>> {
        use base64::{Engine, engine::general_purpose::STANDARD};
        let (scheme, value) = header.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decode = || -> Option<Self> {
            let bytes = STANDARD.decode(value.trim()).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            let (id, secret) = text.split_once(':')?;
            let unescape = |s: &str| {
                form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
            };
            Some(Self {
                client_id: unescape(id)?,
                secret: unescape(secret)?,
            })
        };
        Some(decode().ok_or(ApiError::InvalidClient))
    }
}

#[derive(Debug, Deserialize)]
struct AssertionClaims {
    sub: String,
    exp: i64,
    jti: String,
}

async fn find_client(
    state: &IntegrationsCtx,
    client_id: &str,
) -> Result<api_client::Model, ApiError> {
    let id: Uuid = client_id.parse().map_err(|_| ApiError::InvalidClient)?;
    api_client::Entity::find_by_id(id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::InvalidClient)
}

/// `client_secret_basic`: the secret's SHA-256 compared in constant time.
async fn by_secret(
    state: &IntegrationsCtx,
    basic: BasicCredentials,
) -> Result<api_client::Model, ApiError> {
    let client = find_client(state, &basic.client_id).await?;
    let Some(expected) = &client.secret_sha256 else {
        return Err(ApiError::InvalidClient);
    };
    let given = hash_token(&basic.secret);
    if given.len() != expected.len() || !openssl::memcmp::eq(given.as_bytes(), expected.as_bytes())
    {
        return Err(ApiError::InvalidClient);
    }
    Ok(client)
}

/// The claim `iss` of a JWT, read without checking it: only to find the client whose key checks
/// the JWT next.
fn unverified_issuer(jwt: &str) -> Option<String> {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims["iss"].as_str().map(str::to_owned)
}

fn decoding_key(client: &api_client::Model) -> Result<(DecodingKey, Algorithm), ApiError> {
    let (Some(pem), Some(algorithm)) = (&client.public_key_pem, &client.key_algorithm) else {
        return Err(ApiError::InvalidClient);
    };
    let pem = pem.as_bytes();
    let key = match algorithm.as_str() {
        "RS256" => DecodingKey::from_rsa_pem(pem).map(|k| (k, Algorithm::RS256)),
        "ES256" => DecodingKey::from_ec_pem(pem).map(|k| (k, Algorithm::ES256)),
        "EdDSA" => DecodingKey::from_ed_pem(pem).map(|k| (k, Algorithm::EdDSA)),
        _ => return Err(ApiError::InvalidClient),
    };
    key.map_err(|e| ApiError::Internal(anyhow::anyhow!("client {} key: {e}", client.id)))
}

/// `private_key_jwt`: the assertion's signature by the registered key, its issuer and subject
/// (the client), its audience (the token endpoint, or the issuer `saulet`), its `exp` (not past,
/// at most 5 minutes ahead) and its `jti` (never seen before for this client).
async fn by_assertion(
    state: &IntegrationsCtx,
    form_client_id: Option<&str>,
    assertion: &str,
) -> Result<api_client::Model, ApiError> {
    let issuer = unverified_issuer(assertion).ok_or(ApiError::InvalidClient)?;
    if form_client_id.is_some_and(|id| id != issuer) {
        return Err(ApiError::InvalidClient);
    }
    let client = find_client(state, &issuer).await?;
    let (key, algorithm) = decoding_key(&client)?;
    let mut validation = Validation::new(algorithm);
    validation.set_audience(&[
        state.token_url(),
        crate::accounts::tokens::ISSUER.to_owned(),
    ]);
    validation.set_issuer(std::slice::from_ref(&issuer));
    validation.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
    // Time is the injected clock's, checked below.
    validation.validate_exp = false;
    let claims = jsonwebtoken::decode::<AssertionClaims>(assertion, &key, &validation)
        .map_err(|_| ApiError::InvalidClient)?
        .claims;
    if claims.sub != issuer || claims.jti.is_empty() || claims.jti.len() > 200 {
        return Err(ApiError::InvalidClient);
    }
    let now = state.core.now();
    let expires = DateTime::<Utc>::from_timestamp(claims.exp, 0).ok_or(ApiError::InvalidClient)?;
    let leeway = Duration::seconds(LEEWAY_SECS);
    if expires + leeway < now || expires - now > ASSERTION_LIFETIME + leeway {
        return Err(ApiError::AssertionExpired);
    }
    remember_jti(state, client.id, &claims.jti, expires + leeway, now).await?;
    Ok(client)
}

/// Keeps the assertion's `jti` until it expires; one seen before is a replay. The client's
/// expired ones are dropped on the way.
async fn remember_jti(
    state: &IntegrationsCtx,
    client: Uuid,
    jti: &str,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    client_assertion::Entity::delete_many()
        .filter(client_assertion::Column::ClientId.eq(client))
        .filter(client_assertion::Column::ExpiresAt.lt(stamp(now)))
        .exec(&state.core.db)
        .await?;
    let inserted = client_assertion::ActiveModel {
        client_id: Set(client),
        jti: Set(jti.to_owned()),
        expires_at: Set(stamp(until)),
    }
    .insert(&state.core.db)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => Err(ApiError::AssertionReplayed),
        Err(e) => Err(e.into()),
    }
}

/// The scopes asked for (all of the client's when none are named); each must be the client's.
fn granted(client: &api_client::Model, asked: Option<&str>) -> Result<Vec<String>, ApiError> {
    let own = client.scope_list();
    let Some(asked) = asked.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(own);
    };
    let mut scopes = Vec::new();
    for scope in asked.split_ascii_whitespace() {
        if !own.iter().any(|s| s == scope) {
            return Err(ApiError::InvalidScope(scope.chars().take(64).collect()));
        }
        if !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_owned());
        }
    }
    Ok(scopes)
}

/// `POST /oauth/token`.
pub async fn grant(
    state: &IntegrationsCtx,
    basic: Option<BasicCredentials>,
    form: TokenForm,
) -> Result<ClientToken, ApiError> {
    if form.grant_type != "client_credentials" {
        return Err(ApiError::UnsupportedGrantType);
    }
    let client = match (
        basic,
        form.client_assertion_type.as_deref(),
        &form.client_assertion,
    ) {
        (Some(basic), None, None) => by_secret(state, basic).await?,
        (None, Some(JWT_BEARER), Some(assertion)) => {
            by_assertion(state, form.client_id.as_deref(), assertion).await?
        }
        _ => return Err(ApiError::InvalidClient),
    };
    if client.revoked_at.is_some() {
        return Err(ApiError::ClientRevoked);
    }
    let scopes = granted(&client, form.scope.as_deref())?;
    let owner = account::Entity::find_by_id(client.owner_id)
        .one(&state.core.db)
        .await?
        .filter(|o| o.bin.as_deref() == Some(client.organisation_bin.as_str()))
        .ok_or(ApiError::ClientRevoked)?;
    let txn = state.core.db.begin().await?;
    let (access_token, expires_in) =
        open_client_session(&state.accounts, &txn, &owner, client.id, &scopes).await?;
    let scope = scopes.join(" ");
    let mut row: api_client::ActiveModel = client.into();
    row.last_used_at = Set(Some(stamp(state.core.now())));
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(ClientToken {
        access_token,
        token_type: "Bearer".into(),
        expires_in,
        scope,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_form_urlencoded_before_base64() {
        use base64::{Engine, engine::general_purpose::STANDARD};
        let header = format!("Basic {}", STANDARD.encode("abc:s%3Ak%2Bx"));
        let creds = BasicCredentials::parse(&header)
            .expect("basic")
            .expect("parses");
        assert_eq!(creds.client_id, "abc");
        assert_eq!(creds.secret, "s:k+x");
        assert!(BasicCredentials::parse("Bearer x").is_none());
        assert!(matches!(
            BasicCredentials::parse("Basic !!!"),
            Some(Err(ApiError::InvalidClient))
        ));
    }
}
