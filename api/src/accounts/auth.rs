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
use crate::{error::ApiError, startup::AppState};

/// A signed-in, active account.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub account: account::Model,
    pub session_id: Uuid,
}

impl AuthUser {
    pub fn id(&self) -> Uuid {
        self.account.id
    }

    pub fn is_admin(&self) -> bool {
        self.account.role == Role::Admin
    }
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

async fn authenticate(
    state: web::Data<AppState>,
    token: Option<String>,
) -> Result<AuthUser, ApiError> {
    let token = token.ok_or(ApiError::Unauthenticated)?;
    let Claims { sub, sid, .. } = state
        .tokens
        .verify(&token, state.clock.now())
        .ok_or(ApiError::Unauthenticated)?;
    let (account, session) = tokio::try_join!(
        account::Entity::find_by_id(sub).one(&state.db),
        session::Entity::find_by_id(sid).one(&state.db),
    )?;
    let (Some(account), Some(session)) = (account, session) else {
        return Err(ApiError::Unauthenticated);
    };
    if session.account_id != account.id {
        return Err(ApiError::Unauthenticated);
    }
    // The account's status first: a blocked account's sessions are revoked too, and its owner
    // must learn it is blocked, not merely signed out.
    match account.status {
        AccountStatus::Active if session.revoked_at.is_none() => Ok(AuthUser {
            account,
            session_id: sid,
        }),
        AccountStatus::Blocked => Err(ApiError::AccountBlocked),
        _ => Err(ApiError::Unauthenticated),
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?;
            authenticate(state, token).await
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
