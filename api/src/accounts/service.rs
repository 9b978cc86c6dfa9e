//! The account's own rules: registration from a signed challenge (R-3.3.1: the identity comes
//! only from a valid certificate), the profile and its history, email verification and
//! password recovery by one-time emailed links, password changes, binding a
//! renewed certificate of the same identity, and closing the account.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    dto::{AccountView, ChangeView, RegisterRequest, SessionView, UpdateProfileRequest},
    entity::{
        account::{self, AccountKind, AccountStatus, Role, Verification},
        certificate,
        challenge::Purpose,
        change, email_token, session,
    },
    password,
    sign_in::{self, hash_token, identity_key, random_token},
};
use crate::{
    accounts::{AccountsCtx, auth::AccountNotice},
    db::{is_unique_violation, stamp},
    error::{ApiError, FieldError},
    evidence::{ActKind, ActOwner, NewAct},
    messaging::{outbox, templates::Template},
};

const VERIFY_EMAIL: &str = "verify_email";
const RESET_PASSWORD: &str = "reset_password";

pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// `POST /accounts`: registers the holder of the certificate that signed the challenge.
pub async fn register(
    state: &AccountsCtx,
    request: RegisterRequest,
) -> Result<AccountView, ApiError> {
    let email = request.email.trim().to_owned();
    // The signature is checked before the password is hashed: a stranger without a valid
    // certificate costs us no argon2 time.
    let verified =
        sign_in::verify_challenge_signature(state, &request.challenge, &request.signature).await?;
    let signer = &verified.signer;
    password::check_policy(&request.password, &email, signer.iin.as_str())
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let password_hash = password::hash(request.password)
        .await
        .map_err(ApiError::Internal)?;

    let now = stamp(state.core.clock.now());
    let txn = state.core.db.begin().await?;
    sign_in::spend_challenge(state, &txn, &request.challenge, Purpose::Register).await?;
    let key = identity_key(signer);
    let taken = account::Entity::find()
        .filter(account::Column::IdentityKey.eq(&key))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(ApiError::IdentityTaken);
    }
    let email_taken = account::Entity::find()
        .filter(account::Column::EmailNormalized.eq(normalize_email(&email)))
        .one(&txn)
        .await?;
    if email_taken.is_some() {
        return Err(ApiError::EmailTaken);
    }
    let kind = if signer.bin.is_some() {
        AccountKind::LegalEntity
    } else {
        AccountKind::Individual
    };
    let account = account::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(kind),
        iin: Set(signer.iin.as_str().to_owned()),
        bin: Set(signer.bin.as_ref().map(|b| b.as_str().to_owned())),
        identity_key: Set(Some(key)),
        full_name: Set(signer.full_name()),
        organisation: Set(signer.organisation.clone()),
        email: Set(email.clone()),
        email_normalized: Set(Some(normalize_email(&email))),
        email_verified_at: Set(None),
        phone: Set(request.phone.clone()),
        language: Set(request.language.code().to_owned()),
        password_hash: Set(Some(password_hash)),
        role: Set(Role::Applicant),
        status: Set(AccountStatus::Active),
        status_reason: Set(None),
        verification: Set(Verification::Unverified),
        verified_at: Set(None),
        failed_logins: Set(0),
        lockouts: Set(0),
        locked_until: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| {
        // Two registrations racing for one identity or address: the loser is told, not a 500.
        if is_unique_violation(&e) {
            ApiError::IdentityTaken
        } else {
            e.into()
        }
    })?;
    sign_in::bind_certificate(&txn, &account, signer, now).await?;
    state
        .consent_gate
        .accept_at_registration(&txn, &account, &request.consents)
        .await?;
    // After the consent records: the consent chain's lock is always taken before the log's.
    state
        .evidence
        .record(
            &txn,
            NewAct {
                kind: ActKind::Registration,
                account_id: Some(account.id),
                request_id: None,
                reference: None,
                signed: request.challenge.as_bytes(),
                content: None,
                verified: &verified,
            },
        )
        .await?;
    send_verification(state, &txn, &account, &email).await?;
    txn.commit().await?;
    state
        .evidence
        .stamp_owned(ActOwner::Account(account.id))
        .await;
    tracing::info!(account = %account.id, kind = ?account.kind, "account registered");
    Ok(account.into())
}

/// Writes a one-time verification link for `email` to the outbox.
async fn send_verification<C: ConnectionTrait>(
    state: &AccountsCtx,
    conn: &C,
    account: &account::Model,
    email: &str,
) -> Result<(), ApiError> {
    let token = create_email_token(
        state,
        conn,
        account.id,
        VERIFY_EMAIL,
        email,
        Duration::hours(state.settings.email_verification_ttl_hours),
    )
    .await?;
    outbox::enqueue(
        conn,
        outbox::NewEmail {
            unsubscribe_url: None,
            account_id: Some(account.id),
            to_address: email.to_owned(),
            language: super::dto::parse_lang(&account.language),
            template: Template::VerifyEmail {
                link: state
                    .messaging
                    .link(&format!("/verify-email?token={token}")),
            },
        },
        state.core.clock.now(),
    )
    .await?;
    Ok(())
}

async fn create_email_token<C: ConnectionTrait>(
    state: &AccountsCtx,
    conn: &C,
    account_id: Uuid,
    purpose: &str,
    email: &str,
    valid_for: Duration,
) -> Result<String, ApiError> {
    let now = stamp(state.core.clock.now());
    let token = random_token();
    email_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        purpose: Set(purpose.to_owned()),
        token_hash: Set(hash_token(&token)),
        email: Set(email.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + valid_for),
        used_at: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(token)
}

/// Spends a one-time emailed token of `purpose`; `TokenInvalid` if unknown, used or expired.
async fn spend_email_token<C: ConnectionTrait>(
    conn: &C,
    token: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<email_token::Model, ApiError> {
    let now = stamp(now);
    let row = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(hash_token(token)))
        .filter(email_token::Column::Purpose.eq(purpose))
        .one(conn)
        .await?
        .ok_or(ApiError::TokenInvalid)?;
    let spent = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::Id.eq(row.id))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(ApiError::TokenInvalid);
    }
    Ok(row)
}

/// `POST /auth/email/verify`.
pub async fn verify_email(state: &AccountsCtx, token: &str) -> Result<AccountView, ApiError> {
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    let spent = spend_email_token(&txn, token, VERIFY_EMAIL, now).await?;
    let account = find(&txn, spent.account_id).await?;
    // A link for an address the account no longer uses verifies nothing.
    if normalize_email(&account.email) != normalize_email(&spent.email) {
        return Err(ApiError::TokenInvalid);
    }
    let mut row: account::ActiveModel = account.into();
    row.email_verified_at = Set(Some(stamp(now)));
    row.updated_at = Set(stamp(now));
    let account = row.update(&txn).await?;
    txn.commit().await?;
    Ok(account.into())
}

/// `POST /auth/password/forgot`: the answer is the same whether or not the address is known;
/// only a known, usable account gets an email.
pub async fn forgot_password(state: &AccountsCtx, email: &str) -> Result<(), ApiError> {
    let txn = state.core.db.begin().await?;
    let account = account::Entity::find()
        .filter(account::Column::EmailNormalized.eq(normalize_email(email)))
        .filter(account::Column::Status.is_in([AccountStatus::Active, AccountStatus::Blocked]))
        .one(&txn)
        .await?;
    if let Some(account) = account {
        let minutes = state.settings.password_reset_ttl_minutes;
        let token = create_email_token(
            state,
            &txn,
            account.id,
            RESET_PASSWORD,
            &account.email,
            Duration::minutes(minutes),
        )
        .await?;
        outbox::enqueue(
            &txn,
            outbox::NewEmail {
                unsubscribe_url: None,
                account_id: Some(account.id),
                to_address: account.email.clone(),
                language: super::dto::parse_lang(&account.language),
                template: Template::PasswordReset {
                    link: state
                        .messaging
                        .link(&format!("/password/reset?token={token}")),
                    valid_minutes: u32::try_from(minutes).unwrap_or(30),
                },
            },
            state.core.clock.now(),
        )
        .await?;
    } else {
        // Match the work of the known case, so timing tells nothing either.
        let _ = password::verify("timing".into(), None).await;
    }
    txn.commit().await?;
    Ok(())
}

/// `POST /auth/password/reset`: sets a new password, lifts a lockout, ends every session and
/// tells the owner.
pub async fn reset_password(
    state: &AccountsCtx,
    token: &str,
    new_password: String,
) -> Result<(), ApiError> {
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    let spent = spend_email_token(&txn, token, RESET_PASSWORD, now).await?;
    let account = find(&txn, spent.account_id).await?;
    password::check_policy(&new_password, &account.email, &account.iin).map_err(|e| {
        ApiError::Validation(vec![FieldError {
            field: "new_password".into(),
            ..e
        }])
    })?;
    let hash = password::hash(new_password)
        .await
        .map_err(ApiError::Internal)?;
    set_password(state, &txn, account, hash, None, "password-reset").await?;
    txn.commit().await?;
    Ok(())
}

/// `POST /accounts/me/password`: needs the current password; ends the other sessions.
pub async fn change_password(
    state: &AccountsCtx,
    account_id: Uuid,
    session_id: Uuid,
    current: String,
    new_password: String,
) -> Result<(), ApiError> {
    let account = find(&state.core.db, account_id).await?;
    if !password::verify(current, account.password_hash.clone()).await? {
        return Err(ApiError::Validation(vec![FieldError::new(
            "current_password",
            "wrong_password",
            "is not your current password",
        )]));
    }
    password::check_policy(&new_password, &account.email, &account.iin).map_err(|e| {
        ApiError::Validation(vec![FieldError {
            field: "new_password".into(),
            ..e
        }])
    })?;
    let hash = password::hash(new_password)
        .await
        .map_err(ApiError::Internal)?;
    let txn = state.core.db.begin().await?;
    set_password(
        state,
        &txn,
        account,
        hash,
        Some(session_id),
        "password-changed",
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn set_password(
    state: &AccountsCtx,
    conn: &sea_orm::DatabaseTransaction,
    account: account::Model,
    hash: String,
    keep_session: Option<Uuid>,
    reason: &str,
) -> Result<(), ApiError> {
    let now = state.core.clock.now();
    sign_in::revoke_all_sessions(conn, account.id, keep_session, reason, now).await?;
    state
        .notices
        .tell(conn, &account, AccountNotice::PasswordChanged)
        .await?;
    let id = account.id;
    let mut row: account::ActiveModel = account.into();
    row.password_hash = Set(Some(hash));
    row.failed_logins = Set(0);
    row.locked_until = Set(None);
    row.updated_at = Set(stamp(now));
    row.update(conn).await?;
    record_change(conn, id, "password", None, None, Some(id), now).await
}

/// The account, or 404.
pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<account::Model, ApiError> {
    account::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

/// `PATCH /accounts/me`: every changed field lands in the history. A new email must be
/// verified again.
pub async fn update_profile(
    state: &AccountsCtx,
    account_id: Uuid,
    request: UpdateProfileRequest,
) -> Result<AccountView, ApiError> {
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    let account = find(&txn, account_id).await?;
    let mut row: account::ActiveModel = account.clone().into();
    let mut changes: Vec<(&str, Option<String>, Option<String>)> = Vec::new();
    if let Some(email) = request.email.as_deref().map(str::trim)
        && normalize_email(email) != normalize_email(&account.email)
    {
        let taken = account::Entity::find()
            .filter(account::Column::EmailNormalized.eq(normalize_email(email)))
            .one(&txn)
            .await?;
        if taken.is_some() {
            return Err(ApiError::EmailTaken);
        }
        row.email = Set(email.to_owned());
        row.email_normalized = Set(Some(normalize_email(email)));
        row.email_verified_at = Set(None);
        changes.push(("email", Some(account.email.clone()), Some(email.to_owned())));
    }
    if let Some(phone) = request.phone.as_deref().map(str::trim) {
        // An empty string removes the number.
        let phone = (!phone.is_empty()).then(|| phone.to_owned());
        if phone != account.phone {
            row.phone = Set(phone.clone());
            changes.push(("phone", account.phone.clone(), phone));
        }
    }
    if let Some(language) = request.language
        && language.code() != account.language
    {
        row.language = Set(language.code().to_owned());
        changes.push((
            "language",
            Some(account.language.clone()),
            Some(language.code().to_owned()),
        ));
    }
    if changes.is_empty() {
        return Ok(account.into());
    }
    row.updated_at = Set(stamp(now));
    let updated = row.update(&txn).await.map_err(|e| {
        if is_unique_violation(&e) {
            ApiError::EmailTaken
        } else {
            e.into()
        }
    })?;
    for (field, old, new) in changes {
        record_change(&txn, account_id, field, old, new, Some(account_id), now).await?;
        if field == "email" {
            send_verification(state, &txn, &updated, &updated.email).await?;
        }
    }
    txn.commit().await?;
    Ok(updated.into())
}

pub async fn record_change<C: ConnectionTrait>(
    conn: &C,
    account_id: Uuid,
    field: &str,
    old_value: Option<String>,
    new_value: Option<String>,
    changed_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    change::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        field: Set(field.to_owned()),
        old_value: Set(old_value),
        new_value: Set(new_value),
        changed_by: Set(changed_by),
        changed_at: Set(stamp(now)),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// `GET /accounts/me/changes`: newest first.
pub async fn changes<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
    limit: u64,
) -> Result<Vec<ChangeView>, ApiError> {
    Ok(change::Entity::find()
        .filter(change::Column::AccountId.eq(account_id))
        .order_by_desc(change::Column::ChangedAt)
        .order_by_desc(change::Column::Id)
        .limit(limit.clamp(1, 200))
        .all(db)
        .await?
        .into_iter()
        .map(ChangeView::from)
        .collect())
}

/// `GET /accounts/me/sessions`: the sessions still open.
pub async fn sessions(
    state: &AccountsCtx,
    account_id: Uuid,
    current: Uuid,
) -> Result<Vec<SessionView>, ApiError> {
    open_sessions(&state.core.db, account_id, current, state.core.clock.now()).await
}

/// The account's sessions open at `now`, most recently used first; `current` is marked.
pub async fn open_sessions<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
    current: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<SessionView>, ApiError> {
    Ok(session::Entity::find()
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(stamp(now)))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SessionView::new(s, current))
        .collect())
}

/// `DELETE /accounts/me/sessions/{id}`: only one's own session; another's is 404.
pub async fn end_session(
    state: &AccountsCtx,
    account_id: Uuid,
    session_id: Uuid,
) -> Result<(), ApiError> {
    let found = session::Entity::find_by_id(session_id)
        .one(&state.core.db)
        .await?
        .filter(|s| s.account_id == account_id)
        .ok_or(ApiError::NotFound)?;
    sign_in::revoke_session(
        &state.core.db,
        found.id,
        "signed-out",
        state.core.clock.now(),
    )
    .await
}

/// `PUT /accounts/me/certificate`: binds a renewed certificate. It must name the same IIN (and
/// BIN) as the account.
pub async fn bind_renewed_certificate(
    state: &AccountsCtx,
    account_id: Uuid,
    challenge: &str,
    signature: &str,
) -> Result<AccountView, ApiError> {
    let now = state.core.clock.now();
    let signer = sign_in::verify_challenge_signature(state, challenge, signature)
        .await?
        .signer;
    let txn = state.core.db.begin().await?;
    sign_in::spend_challenge(state, &txn, challenge, Purpose::BindCertificate).await?;
    let account = find(&txn, account_id).await?;
    if account.identity_key.as_deref() != Some(identity_key(&signer).as_str()) {
        return Err(ApiError::IdentityMismatch);
    }
    sign_in::bind_certificate(&txn, &account, &signer, now).await?;
    record_change(
        &txn,
        account_id,
        "certificate",
        None,
        Some(signer.serial_number.clone()),
        Some(account_id),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(account.into())
}

/// `DELETE /accounts/me`: the owner closes the account after re-entering the password. Sessions
/// end; the identity and address are freed; the records the law requires stay.
pub async fn close(
    state: &AccountsCtx,
    account_id: Uuid,
    password_given: String,
) -> Result<(), ApiError> {
    let account = find(&state.core.db, account_id).await?;
    if !password::verify(password_given, account.password_hash.clone()).await? {
        return Err(ApiError::Validation(vec![FieldError::new(
            "password",
            "wrong_password",
            "is not your current password",
        )]));
    }
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    sign_in::revoke_all_sessions(&txn, account_id, None, "account-closed", now).await?;
    // Its certificates are freed too, so the person can register again with them.
    certificate::Entity::delete_many()
        .filter(certificate::Column::AccountId.eq(account_id))
        .exec(&txn)
        .await?;
    let mut row: account::ActiveModel = account.into();
    row.status = Set(AccountStatus::Closed);
    row.identity_key = Set(None);
    row.email_normalized = Set(None);
    row.updated_at = Set(stamp(now));
    let closed = row.update(&txn).await?;
    if closed.role == Role::Reviewer {
        state
            .departures
            .release(
                &txn,
                &closed,
                &closed,
                super::roles::Departure::AccountClosed,
            )
            .await?;
    }
    record_change(
        &txn,
        account_id,
        "status",
        Some("active".into()),
        Some("closed".into()),
        Some(account_id),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// `POST /accounts/me/email/verification`: a new verification link to the current address.
pub async fn resend_verification(state: &AccountsCtx, account_id: Uuid) -> Result<(), ApiError> {
    let txn = state.core.db.begin().await?;
    let account = find(&txn, account_id).await?;
    if account.email_verified_at.is_some() {
        return Err(ApiError::Conflict(
            "This email address is verified already.".into(),
        ));
    }
    send_verification(state, &txn, &account, &account.email).await?;
    txn.commit().await?;
    Ok(())
}

/// `GET /accounts/me/certificates`: the certificates bound to the account, newest first.
pub async fn certificates(
    state: &AccountsCtx,
    account_id: Uuid,
) -> Result<Vec<super::dto::CertificateView>, ApiError> {
    certificates_of(&state.core.db, account_id).await
}

/// The certificates bound to the account, newest first.
pub async fn certificates_of<C: ConnectionTrait>(
    db: &C,
    account_id: Uuid,
) -> Result<Vec<super::dto::CertificateView>, ApiError> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::AccountId.eq(account_id))
        .order_by_desc(certificate::Column::BoundAt)
        .all(db)
        .await?
        .into_iter()
        .map(super::dto::CertificateView::from)
        .collect())
}
