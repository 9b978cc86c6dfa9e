//! Signing in: one-time EDS challenges, password and EDS sign-in, sessions with rotating refresh
//! tokens (reuse of a rotated token revokes the whole session), and the lockout after repeated
//! failures. Challenges and tokens are random, single use, and stored only as SHA-256.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionTrait, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    dto::{AccountView, ChallengeResponse, ClientKind, TokenResponse},
    entity::{
        account::{self, AccountStatus},
        certificate,
        challenge::{self, Purpose},
        refresh_token, session,
    },
    password,
};
use crate::{
    accounts::{AccountsCtx, auth::AccountNotice},
    db::stamp,
    eds::{KeyPurpose, SignerCertificate, Verified},
    error::{ApiError, FieldError},
};

/// 32 random bytes, base64url: unguessable, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored instead of a token or challenge.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// `POST /auth/eds/challenge`: a fresh challenge to sign, for one flow. The flow is written into
/// the signed text too, so the signer's software shows what the signature is for.
pub async fn create_challenge(
    state: &AccountsCtx,
    purpose: Purpose,
) -> Result<ChallengeResponse, ApiError> {
    let now = stamp(state.core.clock.now());
    let expires_at = now + Duration::seconds(state.settings.challenge_ttl_secs);
    let challenge = format!("saulet:auth:{}:{}", purpose.as_str(), random_token());
    challenge::ActiveModel {
        id: Set(Uuid::now_v7()),
        nonce_hash: Set(hash_token(&challenge)),
        purpose: Set(purpose),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(&state.core.db)
    .await?;
    Ok(ChallengeResponse {
        challenge,
        purpose,
        expires_at,
    })
}

/// Verifies a signature over a challenge with the AUTH key and returns who signed. The challenge
/// is not spent here: a failed attempt must not burn the challenge of the person about to send
/// the right signature. Spend it with [`spend_challenge`] in the transaction that uses it.
pub async fn verify_challenge_signature(
    state: &AccountsCtx,
    challenge: &str,
    signature: &str,
) -> Result<Verified, ApiError> {
    Ok(state
        .eds()?
        .verify_with_evidence(
            signature.as_bytes(),
            challenge.as_bytes(),
            KeyPurpose::Authentication,
        )
        .await?)
}

/// Spends a challenge on `purpose`, so it can never be replayed nor carried over to another flow:
/// `eds-challenge-expired` when it is unknown, used or expired; a validation error at
/// `challenge` when it was issued for another flow (it stays unspent, for the flow it was for).
/// Atomic, so two requests racing with one challenge cannot both win.
pub async fn spend_challenge<C: ConnectionTrait>(
    state: &AccountsCtx,
    conn: &C,
    challenge: &str,
    purpose: Purpose,
) -> Result<(), ApiError> {
    let now = stamp(state.core.clock.now());
    let hash = hash_token(challenge);
    let spent = challenge::Entity::update_many()
        .col_expr(challenge::Column::UsedAt, Expr::value(now))
        .filter(challenge::Column::NonceHash.eq(&hash))
        .filter(challenge::Column::Purpose.eq(purpose))
        .filter(challenge::Column::UsedAt.is_null())
        .filter(challenge::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    if spent.rows_affected == 1 {
        return Ok(());
    }
    let other_flow = challenge::Entity::find()
        .filter(challenge::Column::NonceHash.eq(&hash))
        .filter(challenge::Column::Purpose.ne(purpose))
        .filter(challenge::Column::UsedAt.is_null())
        .filter(challenge::Column::ExpiresAt.gt(now))
        .count(conn)
        .await?
        > 0;
    if other_flow {
        return Err(ApiError::Validation(vec![FieldError::new(
            "challenge",
            "wrong_purpose",
            format!(
                "was issued for another action; ask for a challenge with the purpose `{}`",
                purpose.as_str()
            ),
        )]));
    }
    Err(ApiError::ChallengeExpired)
}

/// The key under which an identity may hold one account: the IIN, or IIN/BIN for a company's
/// representative.
pub fn identity_key(signer: &SignerCertificate) -> String {
    match &signer.bin {
        Some(bin) => format!("{}/{}", signer.iin.as_str(), bin.as_str()),
        None => signer.iin.as_str().to_owned(),
    }
}

/// Why sign-in happened, kept on the session.
#[derive(Debug, Clone, Copy)]
pub enum Method {
    Password,
    Eds,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Password => "password",
            Method::Eds => "eds",
        }
    }
}

/// A new session's tokens, and the refresh token for the cookie when the client is the SPA.
pub struct Issued {
    pub response: TokenResponse,
    pub refresh_token: String,
    pub client: ClientKind,
}

/// `POST /auth/login`: email or IIN, and password.
pub async fn login_with_password(
    state: &AccountsCtx,
    login: &str,
    password_given: String,
    client: ClientKind,
    user_agent: Option<String>,
) -> Result<Issued, ApiError> {
    let now = state.core.clock.now();
    let login = login.trim();
    let candidates = if login.len() == 12 && login.bytes().all(|b| b.is_ascii_digit()) {
        account::Entity::find()
            .filter(account::Column::Iin.eq(login))
            .filter(account::Column::IdentityKey.is_not_null())
            .all(&state.core.db)
            .await?
    } else {
        account::Entity::find()
            .filter(account::Column::EmailNormalized.eq(login.to_lowercase()))
            .all(&state.core.db)
            .await?
    };
    // Locked accounts are not even checked, so a lock really stops guessing.
    if let Some(locked) = candidates
        .iter()
        .find(|a| a.locked_until.is_some_and(|t| t > now))
    {
        let until = locked.locked_until.unwrap_or(now);
        return Err(ApiError::AccountLocked {
            until,
            retry_after_secs: (until - now).num_seconds(),
        });
    }
    // Always run one hash check, so an unknown login takes as long as a wrong password.
    let mut matched = None;
    if candidates.is_empty() {
        password::verify(password_given.clone(), None).await?;
    }
    for candidate in &candidates {
        if password::verify(password_given.clone(), candidate.password_hash.clone()).await? {
            matched = Some(candidate.clone());
            break;
        }
    }
    let Some(account) = matched else {
        for candidate in &candidates {
            record_failure(state, candidate, now).await?;
        }
        return Err(ApiError::InvalidCredentials);
    };
    ensure_may_sign_in(&account)?;
    // A hash from before a change of the parameters is replaced now, while the password is known.
    let rehashed = match &account.password_hash {
        Some(stored) if password::needs_rehash(stored) => Some(
            password::hash(password_given)
                .await
                .map_err(ApiError::Internal)?,
        ),
        _ => None,
    };
    // One transaction, so one commit (one WAL flush) for the whole sign-in.
    let txn = state.core.db.begin().await?;
    if account.failed_logins != 0 || rehashed.is_some() {
        let mut update = account::Entity::update_many()
            .col_expr(account::Column::FailedLogins, Expr::value(0))
            .filter(account::Column::Id.eq(account.id));
        if let Some(hash) = rehashed {
            update = update.col_expr(account::Column::PasswordHash, Expr::value(hash));
        }
        update.exec(&txn).await?;
    }
    let issued = start_session(state, &txn, account, Method::Password, client, user_agent).await?;
    txn.commit().await?;
    Ok(issued)
}

/// `POST /auth/login/eds`: a signed challenge. A renewed certificate of the same identity is
/// bound to the account on the way in; another identity never reaches this account.
pub async fn login_with_eds(
    state: &AccountsCtx,
    challenge: &str,
    signature: &str,
    client: ClientKind,
    user_agent: Option<String>,
) -> Result<Issued, ApiError> {
    let signer = verify_challenge_signature(state, challenge, signature)
        .await?
        .signer;
    let txn = state.core.db.begin().await?;
    spend_challenge(state, &txn, challenge, Purpose::SignIn).await?;
    let account = account::Entity::find()
        .filter(account::Column::IdentityKey.eq(identity_key(&signer)))
        .one(&txn)
        .await?
        .ok_or(ApiError::InvalidCredentials)?;
    ensure_may_sign_in(&account)?;
    bind_certificate(&txn, &account, &signer, state.core.clock.now()).await?;
    // An EDS sign-in proves the person: it also clears a password lockout.
    account::Entity::update_many()
        .col_expr(account::Column::FailedLogins, Expr::value(0))
        .col_expr(
            account::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(account::Column::Id.eq(account.id))
        .exec(&txn)
        .await?;
    let issued = start_session(state, &txn, account, Method::Eds, client, user_agent).await?;
    txn.commit().await?;
    Ok(issued)
}

/// Binds `signer`'s certificate to `account` unless it is bound already; records when it was
/// last used. The caller has checked the identity matches.
pub async fn bind_certificate<C: ConnectionTrait>(
    conn: &C,
    account: &account::Model,
    signer: &SignerCertificate,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let now = stamp(now);
    let existing = certificate::Entity::find()
        .filter(certificate::Column::Thumbprint.eq(&signer.thumbprint_sha256))
        .one(conn)
        .await?;
    match existing {
        Some(bound) if bound.account_id == account.id => {
            let mut bound: certificate::ActiveModel = bound.into();
            bound.last_used_at = Set(Some(now));
            bound.update(conn).await?;
        }
        Some(_) => return Err(ApiError::IdentityMismatch),
        None => {
            certificate::ActiveModel {
                id: Set(Uuid::now_v7()),
                account_id: Set(account.id),
                serial: Set(signer.serial_number.clone()),
                thumbprint: Set(signer.thumbprint_sha256.clone()),
                issuer: Set(signer.issuer_dn.clone()),
                not_before: Set(stamp(signer.not_before)),
                not_after: Set(stamp(signer.not_after)),
                bound_at: Set(now),
                last_used_at: Set(Some(now)),
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(())
}

/// Blocked accounts are told so (403); refused, closed and deleted ones cannot sign in at all.
pub fn ensure_may_sign_in(account: &account::Model) -> Result<(), ApiError> {
    match account.status {
        AccountStatus::Active => Ok(()),
        AccountStatus::Blocked => Err(ApiError::AccountBlocked),
        AccountStatus::Refused | AccountStatus::Closed | AccountStatus::Deleted => {
            Err(ApiError::InvalidCredentials)
        }
    }
}

/// Counts a failed password; at the threshold, locks the account for a time that doubles with
/// each lock (at most a day) and tells the owner by email. The count is incremented in the
/// database, not read and written back, so parallel guesses cannot slip under the threshold.
async fn record_failure(
    state: &AccountsCtx,
    account: &account::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let settings = &state.settings;
    let txn = state.core.db.begin().await?;
    account::Entity::update_many()
        .col_expr(
            account::Column::FailedLogins,
            Expr::col(account::Column::FailedLogins).add(1),
        )
        .filter(account::Column::Id.eq(account.id))
        .exec(&txn)
        .await?;
    let current = account::Entity::find_by_id(account.id)
        .one(&txn)
        .await?
        .ok_or(ApiError::InvalidCredentials)?;
    if current.failed_logins >= settings.lockout_threshold {
        let lockouts = current.lockouts + 1;
        let factor = 1_i64 << (lockouts - 1).clamp(0, 10);
        let seconds = (settings.lockout_base_secs * factor).min(24 * 3600);
        let until = stamp(now + Duration::seconds(seconds));
        let mut row: account::ActiveModel = current.clone().into();
        row.failed_logins = Set(0);
        row.lockouts = Set(lockouts);
        row.locked_until = Set(Some(until));
        row.update(&txn).await?;
        state
            .notices
            .tell(&txn, &current, AccountNotice::AccountLocked { until })
            .await?;
        tracing::warn!(account = %account.id, lockouts, "account locked after failed sign-ins");
    }
    txn.commit().await?;
    Ok(())
}

/// Opens a session: a refresh-token family and a first access token.
async fn start_session<C: ConnectionTrait>(
    state: &AccountsCtx,
    conn: &C,
    account: account::Model,
    method: Method,
    client: ClientKind,
    user_agent: Option<String>,
) -> Result<Issued, ApiError> {
    let now = stamp(state.core.clock.now());
    let session_id = Uuid::now_v7();
    session::ActiveModel {
        id: Set(session_id),
        account_id: Set(account.id),
        method: Set(method.as_str().to_owned()),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(300).collect())),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::days(state.settings.session_ttl_days)),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        client_id: Set(None),
        scopes: Set(None),
        wrote_at: Set(None),
    }
    .insert(conn)
    .await?;
    issue_tokens(state, conn, account, session_id, client).await
}

async fn issue_tokens<C: ConnectionTrait>(
    state: &AccountsCtx,
    conn: &C,
    account: account::Model,
    session_id: Uuid,
    client: ClientKind,
) -> Result<Issued, ApiError> {
    let now = stamp(state.core.clock.now());
    let refresh = random_token();
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        session_id: Set(session_id),
        token_hash: Set(hash_token(&refresh)),
        created_at: Set(now),
        used_at: Set(None),
    }
    .insert(conn)
    .await?;
    let ttl = Duration::seconds(state.settings.access_token_ttl_secs);
    let access_token = state
        .tokens
        .issue(account.id, session_id, account.role, now, ttl)
        .map_err(ApiError::Internal)?;
    Ok(Issued {
        response: TokenResponse {
            access_token,
            token_type: "Bearer",
            expires_in: ttl.num_seconds(),
            refresh_token: (client == ClientKind::Api).then(|| refresh.clone()),
            account: AccountView::from(account),
        },
        refresh_token: refresh,
        client,
    })
}

/// `POST /auth/refresh`: rotates the refresh token. A token presented a second time (stolen, or
/// replayed) revokes its whole session, so the thief and the owner are both signed out; except
/// within `auth.refresh_reuse_grace_secs` of its first use, when the second presentation is taken
/// for what it almost always is — the same browser refreshing twice at once (two tabs, a reload
/// while the previous page's refresh was in flight, whose answer and new cookie were lost) — and
/// gets tokens of the same session as well.
pub async fn refresh(
    state: &AccountsCtx,
    token: &str,
    client: ClientKind,
) -> Result<Issued, ApiError> {
    let now = stamp(state.core.clock.now());
    let txn = state.core.db.begin().await?;
    let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .one(&txn)
        .await?
    else {
        return Err(ApiError::Unauthenticated);
    };
    let rotated = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if rotated.rows_affected != 1 && !used_moments_ago(&txn, state, row.id, now).await? {
        drop(txn);
        revoke_session(&state.core.db, row.session_id, "refresh-token-reuse", now).await?;
        tracing::warn!(session = %row.session_id, "a rotated refresh token was presented again; session revoked");
        return Err(ApiError::Unauthenticated);
    }
    let session = session::Entity::find_by_id(row.session_id)
        .one(&txn)
        .await?
        .filter(|s| s.revoked_at.is_none() && s.expires_at > now)
        .ok_or(ApiError::Unauthenticated)?;
    let account = account::Entity::find_by_id(session.account_id)
        .one(&txn)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    ensure_may_sign_in(&account)?;
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .filter(session::Column::Id.eq(session.id))
        .exec(&txn)
        .await?;
    let issued = issue_tokens(state, &txn, account, session.id, client).await?;
    txn.commit().await?;
    Ok(issued)
}

/// Whether the refresh token `id` was first used no longer than the grace period before `now`
/// (read again: a concurrent refresh may have committed its use after this one read the row).
async fn used_moments_ago(
    txn: &sea_orm::DatabaseTransaction,
    state: &AccountsCtx,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let grace = Duration::seconds(state.settings.refresh_reuse_grace_secs.max(0));
    let used_at = refresh_token::Entity::find_by_id(id)
        .one(txn)
        .await?
        .and_then(|r| r.used_at);
    let concurrent = used_at.is_some_and(|at| now - at <= grace);
    if concurrent {
        tracing::info!(token = %id, "a refresh token presented again within the grace period: a concurrent refresh");
    }
    Ok(concurrent)
}

/// Ends one session.
pub async fn revoke_session<C: ConnectionTrait>(
    conn: &C,
    session_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(stamp(now)))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Ends every session of an account, except `keep` (the one changing its password).
pub async fn revoke_all_sessions<C: ConnectionTrait>(
    conn: &C,
    account_id: Uuid,
    keep: Option<Uuid>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut update = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(stamp(now)))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::AccountId.eq(account_id))
        // An API client's tokens are its organisation's, revoked with the client, not with the
        // sessions of the person who registered it.
        .filter(session::Column::ClientId.is_null())
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(session::Column::Id.ne(keep));
    }
    update.exec(conn).await?;
    Ok(())
}

/// An API client's access token: a session of its own (method `client`) on the account of the
/// person who registered it, marked with the client and the scopes granted, lasting as long as the
/// token; no refresh token (a client asks for a new token). Returns the token and its lifetime in
/// seconds.
pub async fn open_client_session<C: ConnectionTrait>(
    state: &AccountsCtx,
    conn: &C,
    owner: &account::Model,
    client_id: Uuid,
    scopes: &[String],
) -> Result<(String, i64), ApiError> {
    ensure_may_sign_in(owner)?;
    let now = stamp(state.core.clock.now());
    let ttl = Duration::seconds(state.settings.access_token_ttl_secs);
    let session_id = Uuid::now_v7();
    session::ActiveModel {
        id: Set(session_id),
        account_id: Set(owner.id),
        method: Set("client".to_owned()),
        user_agent: Set(None),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ttl),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        client_id: Set(Some(client_id)),
        scopes: Set(Some(serde_json::json!(scopes))),
        wrote_at: Set(None),
    }
    .insert(conn)
    .await?;
    let token = state
        .tokens
        .issue(owner.id, session_id, owner.role, now, ttl)
        .map_err(ApiError::Internal)?;
    Ok((token, ttl.num_seconds()))
}

/// Ends every token of an API client (revoked, or its secret rotated).
pub async fn revoke_client_sessions<C: ConnectionTrait>(
    conn: &C,
    client_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(stamp(now)))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::ClientId.eq(client_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_are_stable() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_eq!(hash_token(&a).len(), 64);
    }
}
