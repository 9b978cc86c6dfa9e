//! Who is calling: the `AuthUser` extractor. A handler that takes an `AuthUser` is reachable only
//! with a valid access token whose session is still open and whose account may act; `AdminUser`
//! adds the admin role. The account is read from the database on every request, so a block or a
//! revoked session takes effect on the very next call, not when the token expires.

use std::{future::Future, pin::Pin};

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header, web};
use sea_orm::EntityTrait;
use uuid::Uuid;

use super::{
    entity::{
        account::{self, AccountStatus, Role},
        session,
    },
    tokens::Claims,
};
use crate::accounts::AccountsCtx;
use crate::error::ApiError;

/// A signed-in, active account, or an API client acting for its organisation through the
/// account of the person who registered it.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub account: account::Model,
    pub session_id: Uuid,
    /// How the session began: `password`, `eds` or `client`.
    pub method: String,
    /// The API client calling, when it is one.
    pub client: Option<ClientGrant>,
}

/// An API client's access: which client, with which scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientGrant {
    pub client_id: Uuid,
    pub scopes: Vec<String>,
}

impl AuthUser {
    pub fn id(&self) -> Uuid {
        self.account.id
    }

    pub fn is_admin(&self) -> bool {
        self.account.role == Role::Admin
    }
}

/// Whether an account has accepted every agreement version in force. Declared here and
/// implemented by the consents area, which stands above accounts; start-up wires it in.
#[async_trait::async_trait]
pub trait ConsentGate: Send + Sync {
    /// The versions in force that `account` has not accepted (empty: nothing to do).
    async fn missing(
        &self,
        account: Uuid,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<Uuid>, ApiError>;

    /// At registration: every version in force must be accepted with the SIGN key of the same
    /// person; records the acceptances in the registration's transaction.
    async fn accept_at_registration(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        account: &account::Model,
        acceptances: &[super::dto::RegistrationConsent],
    ) -> Result<(), ApiError>;
}

/// What happened to an account that its holder is told of (in the app and by email, as they
/// chose; security notices always by email).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountNotice {
    PasswordChanged,
    AccountLocked {
        until: chrono::DateTime<chrono::Utc>,
    },
    /// An administrator changed the account's role, for `reason`.
    RoleChanged {
        from: account::Role,
        to: account::Role,
        reason: String,
    },
}

/// Tells an account holder of [`AccountNotice`]s. Declared here and implemented by the
/// notifications area, which stands above accounts; start-up wires it in.
#[async_trait::async_trait]
pub trait AccountNotices: Send + Sync {
    /// Records the notice in `txn`, so it is sent exactly when the change it reports commits.
    async fn tell(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        account: &account::Model,
        notice: AccountNotice,
    ) -> Result<(), ApiError>;
}

/// What a gated account may still do: read the agreements and its consents, accept,
/// export its data, read its own account, close it, and sign out.
fn allowed_while_gated(method: &actix_web::http::Method, pattern: &str) -> bool {
    use actix_web::http::Method;
    matches!(
        (method, pattern),
        (
            &Method::GET,
            "/api/v1/agreements"
                | "/api/v1/agreements/{id}"
                | "/api/v1/consents"
                | "/api/v1/consents/{id}/receipt"
        ) | (&Method::POST, "/api/v1/consents" | "/api/v1/auth/logout")
            | (
                &Method::GET,
                "/api/v1/accounts/me"
                    | "/api/v1/accounts/me/export"
                    | "/api/v1/accounts/me/evidence"
            )
            | (&Method::DELETE, "/api/v1/accounts/me")
    )
}

/// An administrator: 403 for anyone else.
#[derive(Debug, Clone)]
pub struct AdminUser(pub AuthUser);

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// Reads a session and its account in one statement. Its SQL is built once per database kind:
/// it is the same text on every request, and building it (quoting some thirty column names) was
/// a tenth of what an authenticated read cost the server. The row is read by position
/// ([`read_session_and_account`]); the session's columns are named `s_…` for the debug check.
async fn session_and_account(
    db: &sea_orm::DatabaseConnection,
    sid: Uuid,
) -> Result<Option<(session::Model, account::Model)>, sea_orm::DbErr> {
    use sea_orm::{
        ConnectionTrait, IdenStatic, Iterable, JoinType, QuerySelect, QueryTrait, RelationTrait,
    };
    static STATEMENT: crate::db::BuiltOnce = crate::db::BuiltOnce::new();
    let statement = STATEMENT.statement(db.get_database_backend(), vec![sid.into()], |backend| {
        let mut query = session::Entity::find_by_id(sid)
            .select_only()
            .join(JoinType::InnerJoin, session::Relation::Account.def());
        for column in account::Column::iter() {
            query = query.column(column);
        }
        for column in session::Column::iter() {
            query = query.column_as(column, format!("{SESSION}{}", column.as_str()));
        }
        query.build(backend)
    });
    let Some(row) = db.query_one(statement).await? else {
        return Ok(None);
    };
    let read = read_session_and_account(&row)?;
    #[cfg(debug_assertions)]
    {
        use sea_orm::FromQueryResult;
        let by_name = (
            session::Model::from_query_result(&row, SESSION)?,
            account::Model::from_query_result(&row, "")?,
        );
        assert_eq!(
            read, by_name,
            "the session and account read by position differ from their columns read by name"
        );
    }
    Ok(Some(read))
}

/// The row of [`session_and_account`] read by position: the account's columns, then the
/// session's, each in its entity's column order, as the statement selects them. Finding each of
/// the 35 columns by its name (and the session's prefixed names, a new string each) was a tenth
/// of what `GET /accounts/me` cost the server. Debug builds, which the tests run, also read the
/// row by name and fail on any difference, so a column added to either entity cannot slip.
fn read_session_and_account(
    row: &sea_orm::QueryResult,
) -> Result<(session::Model, account::Model), sea_orm::DbErr> {
    // Fields are evaluated in the order written.
    let mut index = 0..;
    let mut at = || index.next().unwrap_or_default();
    let account = account::Model {
        id: row.try_get_by_index(at())?,
        kind: row.try_get_by_index(at())?,
        iin: row.try_get_by_index(at())?,
        bin: row.try_get_by_index(at())?,
        identity_key: row.try_get_by_index(at())?,
        full_name: row.try_get_by_index(at())?,
        organisation: row.try_get_by_index(at())?,
        email: row.try_get_by_index(at())?,
        email_normalized: row.try_get_by_index(at())?,
        email_verified_at: row.try_get_by_index(at())?,
        phone: row.try_get_by_index(at())?,
        language: row.try_get_by_index(at())?,
        password_hash: row.try_get_by_index(at())?,
        role: row.try_get_by_index(at())?,
        status: row.try_get_by_index(at())?,
        status_reason: row.try_get_by_index(at())?,
        verification: row.try_get_by_index(at())?,
        verified_at: row.try_get_by_index(at())?,
        failed_logins: row.try_get_by_index(at())?,
        lockouts: row.try_get_by_index(at())?,
        locked_until: row.try_get_by_index(at())?,
        created_at: row.try_get_by_index(at())?,
        updated_at: row.try_get_by_index(at())?,
    };
    let session = session::Model {
        id: row.try_get_by_index(at())?,
        account_id: row.try_get_by_index(at())?,
        method: row.try_get_by_index(at())?,
        user_agent: row.try_get_by_index(at())?,
        created_at: row.try_get_by_index(at())?,
        last_seen_at: row.try_get_by_index(at())?,
        expires_at: row.try_get_by_index(at())?,
        revoked_at: row.try_get_by_index(at())?,
        revoked_reason: row.try_get_by_index(at())?,
        client_id: row.try_get_by_index(at())?,
        scopes: row.try_get_by_index(at())?,
        wrote_at: row.try_get_by_index(at())?,
    };
    Ok((session, account))
}

/// The prefix of the session's columns in [`session_and_account`].
const SESSION: &str = "s_";

/// With read replicas: a session that writes, or wrote within `window`, reads from the primary
/// for the rest of the request, so it never misses its own write on a replica that has not
/// caught up. The write is noted on the session row (shared by every node), at most once per half
/// window, so a burst of writes costs one extra statement.
async fn read_your_writes(
    state: &AccountsCtx,
    session: &session::Model,
    method: &actix_web::http::Method,
    window: std::time::Duration,
) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let now = crate::db::stamp(state.core.clock.now());
    let window = chrono::Duration::from_std(window).unwrap_or(chrono::Duration::zero());
    let age = session.wrote_at.map(|at| now - at);
    let writes = !matches!(
        *method,
        actix_web::http::Method::GET
            | actix_web::http::Method::HEAD
            | actix_web::http::Method::OPTIONS
    );
    if writes || age.is_some_and(|age| age < window) {
        crate::request_context::read_from_primary();
    }
    if writes && age.is_none_or(|age| age >= window / 2) {
        session::Entity::update_many()
            .col_expr(session::Column::WroteAt, Expr::value(now))
            .filter(session::Column::Id.eq(session.id))
            .exec(&state.core.db)
            .await?;
    }
    Ok(())
}

async fn authenticate(
    state: web::Data<AccountsCtx>,
    token: Option<String>,
    method: actix_web::http::Method,
    pattern: Option<String>,
) -> Result<AuthUser, ApiError> {
    let token = token.ok_or(ApiError::Unauthenticated)?;
    let Claims { sub, sid, .. } = state
        .tokens
        .verify(&token, state.core.clock.now())
        .ok_or(ApiError::Unauthenticated)?;
    // One statement: the session and its account.
    let Some((session, account)) = session_and_account(&state.core.db, sid).await? else {
        return Err(ApiError::Unauthenticated);
    };
    if account.id != sub {
        return Err(ApiError::Unauthenticated);
    }
    if session.account_id != account.id {
        return Err(ApiError::Unauthenticated);
    }
    if let Some(window) = state.core.read_your_writes() {
        read_your_writes(&state, &session, &method, window).await?;
    }
    // The account's status first: a blocked account's sessions are revoked too, and its owner
    // must learn it is blocked, not merely signed out.
    let client = session.client_id.map(|client_id| ClientGrant {
        client_id,
        scopes: session
            .scopes
            .as_ref()
            .and_then(|s| serde_json::from_value(s.clone()).ok())
            .unwrap_or_default(),
    });
    let user = match account.status {
        AccountStatus::Active if session.revoked_at.is_none() => AuthUser {
            account,
            session_id: sid,
            method: session.method,
            client,
        },
        // A revoked client's tokens stop at once, and say why.
        AccountStatus::Active if client.is_some() => return Err(ApiError::ClientRevoked),
        AccountStatus::Blocked => return Err(ApiError::AccountBlocked),
        _ => return Err(ApiError::Unauthenticated),
    };
    if let Some(grant) = &user.client {
        let pattern = pattern.as_deref().unwrap_or_default();
        match super::scopes::required(&method, pattern) {
            None => {
                return Err(ApiError::InsufficientScope(
                    "This operation is not open to API clients: a person signs in for it.".into(),
                ));
            }
            Some(scope) if !grant.scopes.iter().any(|s| s == scope) => {
                return Err(ApiError::InsufficientScope(format!(
                    "This operation needs the scope `{scope}`, which the token was not given."
                )));
            }
            Some(_) => {}
        }
    }
    let pattern = pattern.as_deref().unwrap_or_default();
    // An administrator keeps the agreements' page while gated: publishing a first version takes
    // effect at once, and must not lock them out before the second document is published.
    let publishing = user.is_admin() && pattern.starts_with("/api/v1/admin/agreements");
    if !publishing && !allowed_while_gated(&method, pattern) {
        let missing = state
            .consent_gate
            .missing(user.id(), state.core.clock.now())
            .await?;
        if !missing.is_empty() {
            return Err(ApiError::ConsentRequired(missing));
        }
    }
    Ok(user)
}

use crate::http::{json::CallerGate, rate_limit::ClientRateLimit};

/// The accounts area's answer to "may this caller call this operation at all", asked by the
/// JSON extractor before it refuses a body: authenticated (with the operation's scope, for an
/// API client), and an administrator for `/api/v1/admin/…`.
pub struct AccountsGate;

impl CallerGate for AccountsGate {
    fn check(&self, req: HttpRequest) -> Pin<Box<dyn Future<Output = Result<(), ApiError>>>> {
        Box::pin(async move {
            let user = AuthUser::from_request(&req, &mut Payload::None).await?;
            let admin_only = req
                .match_pattern()
                .is_some_and(|p| p.starts_with("/api/v1/admin/"));
            if admin_only && !user.is_admin() {
                return Err(ApiError::Forbidden);
            }
            Ok(())
        })
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AccountsCtx>>().cloned();
        let token = bearer(req);
        let (method, pattern) = (req.method().clone(), req.match_pattern());
        let limit = req.app_data::<ClientRateLimit>().cloned();
        let req = req.clone();
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?;
            let user = authenticate(state, token, method, pattern).await?;
            // An API client's requests count against its own quota.
            if let (Some(grant), Some(limit)) = (&user.client, limit) {
                limit.check(&req, grant.client_id)?;
            }
            Ok(user)
        })
    }
}

impl FromRequest for AdminUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = AuthUser::from_request(req, payload);
        Box::pin(async move {
            let user = user.await?;
            if user.is_admin() {
                Ok(AdminUser(user))
            } else {
                Err(ApiError::Forbidden)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::Method;

    #[test]
    fn a_gated_account_may_still_read_accept_export_close_and_sign_out() {
        for (method, path) in [
            (Method::GET, "/api/v1/agreements"),
            (Method::POST, "/api/v1/consents"),
            (Method::GET, "/api/v1/accounts/me/export"),
            (Method::GET, "/api/v1/accounts/me/evidence"),
            (Method::DELETE, "/api/v1/accounts/me"),
            (Method::POST, "/api/v1/auth/logout"),
        ] {
            assert!(allowed_while_gated(&method, path), "{method} {path}");
        }
        for (method, path) in [
            (Method::PATCH, "/api/v1/accounts/me"),
            (Method::GET, "/api/v1/notifications"),
            (Method::POST, "/api/v1/accounts/me/password"),
        ] {
            assert!(!allowed_while_gated(&method, path), "{method} {path}");
        }
    }
}
