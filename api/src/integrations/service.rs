//! API clients: a person of an organisation (a legal entity's account, signed in with the EDS)
//! registers, rotates and revokes its clients; everyone of the organisation sees them; the
//! administrators see and revoke all. Every change is written to the audit log.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use uuid::Uuid;

use super::{
    IntegrationsCtx,
    dto::{ClientKey, ClientView, ClientWithSecret, CreateClient},
    entity::api_client,
};
use crate::{
    accounts::{
        AuthUser,
        admin::audit,
        scopes,
        sign_in::{hash_token, random_token, revoke_client_sessions},
    },
    db::stamp,
    error::{ApiError, FieldError},
};

/// The organisation whose clients `user` may see: a legal entity's account, not a client.
fn organisation_of(user: &AuthUser) -> Result<&str, ApiError> {
    match (&user.client, user.account.bin.as_deref()) {
        (None, Some(bin)) => Ok(bin),
        _ => Err(ApiError::Forbidden),
    }
}

/// Registering a client, or issuing it new credentials, needs the organisation's EDS: a session
/// begun by signing in with the EDS (`POST /auth/login/eds`), not a password.
fn may_issue_credentials(user: &AuthUser) -> Result<&str, ApiError> {
    let bin = organisation_of(user)?;
    if user.method != "eds" {
        return Err(ApiError::Conflict(
            "Sign in with your organisation's EDS (not a password) to issue API credentials."
                .into(),
        ));
    }
    Ok(bin)
}

fn check_scopes(scopes: &[String]) -> Result<Vec<String>, ApiError> {
    let errors: Vec<FieldError> = scopes
        .iter()
        .enumerate()
        .filter(|(_, s)| !scopes::is_known(s))
        .map(|(i, _)| {
            FieldError::new(
                format!("scopes[{i}]"),
                "unknown",
                "not a scope: permits:read, permits:write or approvals:write",
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut unique = scopes.to_vec();
    unique.sort();
    unique.dedup();
    Ok(unique)
}

/// A public key for `private_key_jwt` and its JWS algorithm: RSA of 2048 bits or more (`RS256`),
/// EC on P-256 (`ES256`) or Ed25519 (`EdDSA`).
pub fn key_algorithm(pem: &str) -> Result<&'static str, ApiError> {
    use openssl::{nid::Nid, pkey::Id};
    let invalid = |why: &str| {
        ApiError::Validation(vec![FieldError::new("public_key_pem", "invalid_key", why)])
    };
    let key = openssl::pkey::PKey::public_key_from_pem(pem.as_bytes())
        .map_err(|_| invalid("not a PEM public key (-----BEGIN PUBLIC KEY-----)"))?;
    match key.id() {
        Id::RSA if key.bits() >= 2048 => Ok("RS256"),
        Id::RSA => Err(invalid("an RSA key needs 2048 bits or more")),
        Id::EC => {
            let ec = key.ec_key().map_err(|_| invalid("an unreadable EC key"))?;
            if ec.group().curve_name() == Some(Nid::X9_62_PRIME256V1) {
                Ok("ES256")
            } else {
                Err(invalid("an EC key must be on P-256"))
            }
        }
        Id::ED25519 => Ok("EdDSA"),
        _ => Err(invalid("use an RSA, EC P-256 or Ed25519 key")),
    }
}

fn new_secret() -> String {
    format!("sk_{}", random_token())
}

/// `POST /clients`.
pub async fn create(
    state: &IntegrationsCtx,
    user: &AuthUser,
    body: CreateClient,
) -> Result<ClientWithSecret, ApiError> {
    use validator::Validate;
    body.validate()?;
    let bin = may_issue_credentials(user)?.to_owned();
    let scopes = check_scopes(&body.scopes)?;
    let key = match &body.public_key_pem {
        Some(pem) => Some((pem.trim().to_owned(), key_algorithm(pem)?)),
        None => None,
    };
    // Without a key the client authenticates with a secret.
    let secret = key.is_none().then(new_secret);
    let now = stamp(state.core.now());
    let txn = state.core.db.begin().await?;
    let client = api_client::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_bin: Set(bin),
        name: Set(body.name.trim().to_owned()),
        scopes: Set(serde_json::json!(scopes)),
        owner_id: Set(user.id()),
        secret_sha256: Set(secret.as_deref().map(hash_token)),
        public_key_pem: Set(key.as_ref().map(|(pem, _)| pem.clone())),
        key_algorithm: Set(key.map(|(_, alg)| alg.to_owned())),
        created_at: Set(now),
        secret_rotated_at: Set(None),
        last_used_at: Set(None),
        revoked_at: Set(None),
        revoked_by: Set(None),
    }
    .insert(&txn)
    .await?;
    let details = serde_json::json!({"client": client.id, "name": client.name, "scopes": scopes});
    audit(
        &txn,
        now,
        Some(user.id()),
        "api_client.created",
        None,
        None,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(ClientWithSecret {
        client: client.into(),
        client_secret: secret,
    })
}

/// The client `id` if `user`'s organisation owns it (404 otherwise), or any client for an
/// administrator.
async fn visible(
    state: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<api_client::Model, ApiError> {
    let client = api_client::Entity::find_by_id(id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    if user.client.is_none() && user.is_admin() {
        return Ok(client);
    }
    match organisation_of(user) {
        Ok(bin) if bin == client.organisation_bin => Ok(client),
        _ => Err(ApiError::NotFound),
    }
}

/// `GET /clients`: my organisation's clients, newest first.
pub async fn list_mine(
    state: &IntegrationsCtx,
    user: &AuthUser,
) -> Result<Vec<ClientView>, ApiError> {
    let bin = organisation_of(user)?;
    Ok(api_client::Entity::find()
        .filter(api_client::Column::OrganisationBin.eq(bin))
        .order_by_desc(api_client::Column::Id)
        .all(&state.core.db)
        .await?
        .into_iter()
        .map(ClientView::from)
        .collect())
}

/// `GET /admin/clients`: every organisation's clients, newest first.
pub async fn list_all(state: &IntegrationsCtx) -> Result<Vec<ClientView>, ApiError> {
    Ok(api_client::Entity::find()
        .order_by_desc(api_client::Column::Id)
        .all(&state.core.db)
        .await?
        .into_iter()
        .map(ClientView::from)
        .collect())
}

/// `GET /clients/{id}`.
pub async fn get(
    state: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<ClientView, ApiError> {
    Ok(visible(state, user, id).await?.into())
}

fn active(client: &api_client::Model) -> Result<(), ApiError> {
    if client.revoked_at.is_some() {
        return Err(ApiError::Conflict("This client is revoked.".into()));
    }
    Ok(())
}

/// `POST /clients/{id}/secret`: a new secret; the old one and every token issued with it stop.
pub async fn rotate_secret(
    state: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<ClientWithSecret, ApiError> {
    may_issue_credentials(user)?;
    let client = visible(state, user, id).await?;
    active(&client)?;
    let secret = new_secret();
    let now = state.core.now();
    let txn = state.core.db.begin().await?;
    let mut row = client.into_active_model();
    row.secret_sha256 = Set(Some(hash_token(&secret)));
    row.secret_rotated_at = Set(Some(stamp(now)));
    let client = row.update(&txn).await?;
    revoke_client_sessions(&txn, client.id, "secret rotated", now).await?;
    let details = serde_json::json!({"client": client.id});
    audit(
        &txn,
        now,
        Some(user.id()),
        "api_client.secret_rotated",
        None,
        None,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(ClientWithSecret {
        client: client.into(),
        client_secret: Some(secret),
    })
}

/// `PUT /clients/{id}/key`: registers or replaces the client's public key.
pub async fn set_key(
    state: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
    body: ClientKey,
) -> Result<ClientView, ApiError> {
    use validator::Validate;
    body.validate()?;
    may_issue_credentials(user)?;
    let client = visible(state, user, id).await?;
    active(&client)?;
    let algorithm = key_algorithm(&body.public_key_pem)?;
    let txn = state.core.db.begin().await?;
    let mut row = client.into_active_model();
    row.public_key_pem = Set(Some(body.public_key_pem.trim().to_owned()));
    row.key_algorithm = Set(Some(algorithm.to_owned()));
    let client = row.update(&txn).await?;
    let details = serde_json::json!({"client": client.id, "algorithm": algorithm});
    audit(
        &txn,
        state.core.now(),
        Some(user.id()),
        "api_client.key_set",
        None,
        None,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(client.into())
}

/// `DELETE /clients/{id}` (its organisation or an administrator): revoked at once, with every
/// token it holds; the row stays, for the audit.
pub async fn revoke(
    state: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<ClientView, ApiError> {
    let client = visible(state, user, id).await?;
    active(&client)?;
    let now: DateTime<Utc> = state.core.now();
    let txn = state.core.db.begin().await?;
    let mut row = client.into_active_model();
    row.revoked_at = Set(Some(stamp(now)));
    row.revoked_by = Set(Some(user.id()));
    let client = row.update(&txn).await?;
    revoke_client_sessions(&txn, client.id, "client revoked", now).await?;
    let details = serde_json::json!({"client": client.id, "organisation": client.organisation_bin});
    audit(
        &txn,
        now,
        Some(user.id()),
        "api_client.revoked",
        None,
        None,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(client.into())
}
