//! The integrations endpoints: the OAuth 2.0 token endpoint, and the management of an
//! organisation's API clients (by its people, and by the administrators).

use actix_web::{HttpRequest, HttpResponse, delete, get, http::header, post, put, web};
use uuid::Uuid;

use super::{
    IntegrationsCtx,
    dto::*,
    service,
    token::{self, BasicCredentials},
};
use crate::{
    accounts::auth::{AdminUser, AuthUser},
    error::ApiError,
    http::Json,
};

/// The form fields of a token request; a field given twice is refused (RFC 6749 §3.2).
fn token_form(req: &HttpRequest, body: &[u8]) -> Result<TokenForm, ApiError> {
    let form_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return Err(ApiError::UnsupportedMediaType {
            expected: "application/x-www-form-urlencoded",
        });
    }
    let mut fields = std::collections::HashMap::new();
    for (name, value) in form_urlencoded::parse(body) {
        if fields
            .insert(name.into_owned(), value.into_owned())
            .is_some()
        {
            return Err(ApiError::MalformedBody("a form field is repeated".into()));
        }
    }
    let mut take = |name: &str| fields.remove(name);
    Ok(TokenForm {
        grant_type: take("grant_type").unwrap_or_default(),
        scope: take("scope"),
        client_id: take("client_id"),
        client_assertion_type: take("client_assertion_type"),
        client_assertion: take("client_assertion"),
    })
}

/// An access token for an API client (OAuth 2.0 client credentials, RFC 6749 §4.4). Send the
/// form `grant_type=client_credentials` (and optionally `scope`), authenticating with the client
/// id and secret as HTTP Basic credentials, or with `client_assertion_type` and a
/// `client_assertion` JWT signed by the client's registered key (RFC 7523). Refusals:
/// `invalid-client`, `assertion-expired`, `assertion-replayed`, `client-revoked`,
/// `invalid-scope`, `unsupported-grant-type`, each with the OAuth `error` code as well.
#[utoipa::path(tag = "integrations",
    request_body(content = TokenForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 200, body = ClientToken),
        (status = 400, description = "`invalid-scope`, `unsupported-grant-type`", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 401, description = "`invalid-client`, `assertion-expired`, `assertion-replayed`, `client-revoked`", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/oauth/token")]
pub async fn oauth_token(
    state: web::Data<IntegrationsCtx>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form = token_form(&req, &body)?;
    let basic = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(BasicCredentials::parse)
        .transpose()?;
    let token = token::grant(&state, basic, form).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(token))
}

/// Register an API client of my organisation (a legal entity's account signed in with the EDS).
/// Without `public_key_pem` the answer carries its secret, shown this once.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), request_body = CreateClient,
    responses((status = 201, body = ClientWithSecret),
        (status = 403, description = "Not a legal entity's account", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Signed in with a password, not the EDS", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/clients")]
pub async fn create_client(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    body: Json<CreateClient>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(service::create(&state, &user, body.into_inner()).await?))
}

/// My organisation's API clients, newest first.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), responses((status = 200, body = Vec<ClientView>)))]
#[get("/clients")]
pub async fn list_clients(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::list_mine(&state, &user).await?))
}

/// One API client of my organisation.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = ClientView)))]
#[get("/clients/{id}")]
pub async fn get_client(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::get(&state, &user, id.into_inner()).await?))
}

/// A new secret for the client (shown this once); the old secret and every token stop.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = ClientWithSecret)))]
#[post("/clients/{id}/secret")]
pub async fn rotate_secret(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(service::rotate_secret(&state, &user, id.into_inner()).await?))
}

/// Register or replace the client's public key for `private_key_jwt`.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ClientKey, responses((status = 200, body = ClientView)))]
#[put("/clients/{id}/key")]
pub async fn set_key(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<ClientKey>,
) -> Result<HttpResponse, ApiError> {
    let view = service::set_key(&state, &user, id.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Revoke the client (its organisation, or an administrator): its tokens stop at once.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = ClientView)))]
#[delete("/clients/{id}")]
pub async fn revoke_client(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::revoke(&state, &user, id.into_inner()).await?))
}

/// Administrators: every organisation's API clients, newest first.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), responses((status = 200, body = Vec<ClientView>)))]
#[get("/admin/clients")]
pub async fn admin_clients(
    state: web::Data<IntegrationsCtx>,
    _admin: AdminUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::list_all(&state).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create_client)
        .service(list_clients)
        .service(get_client)
        .service(rotate_secret)
        .service(set_key)
        .service(revoke_client)
        .service(admin_clients);
    super::webhooks::routes::configure(cfg);
}
