//! The back office's and the public's views of the department's work: an organisation's staff
//! and their load (for its reviewers and administrators); the public register and the
//! performance figures (for anyone, with `ETag` and a minute's caching).

use actix_web::{
    HttpRequest, HttpResponse, get,
    http::header::{self, HeaderValue},
    web,
};
use sha2::{Digest, Sha256};

use super::service::{
    self, CalendarStatus,
    public::{PerformanceQuery, PerformanceView, RegisterPage, RegisterQuery},
    staff::StaffView,
};
use crate::{
    accounts::auth::{AdminUser, AuthUser},
    error::ApiError,
    i18n::Lang,
    permits::PermitsCtx,
};

/// `body` with a strong `ETag` of its bytes; `304 Not Modified` when the caller has them.
fn cached(req: &HttpRequest, content_type: &str, body: Vec<u8>) -> HttpResponse {
    let tag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    let mut response = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
        .insert_header((header::VARY, "Accept-Language"));
    if fresh {
        return response.finish();
    }
    response
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        ))
        .body(body)
}

fn json_bytes<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.into()))
}

/// The public register: permits issued and refusals, newest first, filterable by type, outcome,
/// district and days. No individual's personal data: an individual holder is unnamed, with
/// neither address nor object; companies are named. Cursor-paged, with `ETag`.
#[utoipa::path(tag = "public", operation_id = "public_register", params(RegisterQuery), responses((status = 200, body = RegisterPage, headers(("ETag" = String))), (status = 304, description = "Not modified (`If-None-Match`)")))]
#[get("/register")]
pub async fn register(
    state: web::Data<PermitsCtx>,
    req: HttpRequest,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::public::register(&state, &query).await?;
    Ok(cached(&req, "application/json", json_bytes(&page)?))
}

/// The same page as CSV (UTF-8, a header row; the type's name in the `Accept-Language`); the
/// next page's cursor is in the `Link` header (`rel="next"`).
#[utoipa::path(tag = "public", operation_id = "public_register_csv", params(RegisterQuery), responses((status = 200, description = "CSV", content_type = "text/csv", body = String, headers(("ETag" = String), ("Link" = String))), (status = 304, description = "Not modified (`If-None-Match`)")))]
#[get("/register.csv")]
pub async fn register_csv(
    state: web::Data<PermitsCtx>,
    req: HttpRequest,
    query: web::Query<RegisterQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = service::public::register(&state, &query).await?;
    let lang = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::negotiate)
        .unwrap_or(Lang::Kk);
    let body = service::public::register_csv(&page, lang)?;
    let mut response = cached(&req, "text/csv; charset=utf-8", body);
    if let Some(next) = &page.next_cursor {
        let mut params = form_urlencoded::Serializer::new(String::new());
        for (key, value) in form_urlencoded::parse(req.query_string().as_bytes()) {
            if key != "cursor" {
                params.append_pair(&key, &value);
            }
        }
        params.append_pair("cursor", next);
        let link = format!("</api/v1/register.csv?{}>; rel=\"next\"", params.finish());
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    Ok(response)
}

/// The department's performance, per month, per permit type and per organisation: requests
/// received and decided, median and 90th-percentile working days to a decision, the share
/// decided on time, the corrections rate, and approvals deemed given. Public, with `ETag`.
#[utoipa::path(tag = "public", operation_id = "public_performance", params(PerformanceQuery), responses((status = 200, body = PerformanceView, headers(("ETag" = String))), (status = 304, description = "Not modified (`If-None-Match`)")))]
#[get("/performance")]
pub async fn performance(
    state: web::Data<PermitsCtx>,
    req: HttpRequest,
    query: web::Query<PerformanceQuery>,
) -> Result<HttpResponse, ApiError> {
    let view = service::public::performance(&state, &query).await?;
    Ok(cached(&req, "application/json", json_bytes(&view)?))
}

/// The organisation I work for: staff only (a reviewer whose certificate carries an
/// organisation's BIN); 404 for anyone else.
#[utoipa::path(tag = "permits", security(("bearer" = [])), responses((status = 200, body = super::dto::OrganisationView), (status = 404, description = "`not-found`: not staff of an organisation", body = crate::error::Problem, content_type = "application/problem+json")))]
#[get("/organisations/mine")]
pub async fn my_organisation(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Ok().json(service::staff::my_organisation(&viewer)?))
}

/// The organisation's reviewers, each with their open, overdue and due-this-week requests, and
/// the open requests no one holds: for the organisation's own reviewers and administrators.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("code" = String, Path)), responses((status = 200, body = StaffView), (status = 403, description = "`forbidden`: not staff of this organisation", body = crate::error::Problem, content_type = "application/problem+json")))]
#[get("/organisations/{code}/staff")]
pub async fn staff(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Ok().json(service::staff::staff(&state, &viewer, &code).await?))
}

/// The working-day calendar's years (this one and the next two): defined, verified, where from;
/// and, from 1 October, the next year still missing its verified calendar.
#[utoipa::path(tag = "admin", security(("bearer" = [])), responses((status = 200, body = CalendarStatus)))]
#[get("/admin/calendar")]
pub async fn calendar_status(
    state: web::Data<PermitsCtx>,
    _admin: AdminUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::calendar_status(&state).await?))
}

/// A permit type's versions, newest first: who changed it, when and why (administrators).
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("code" = String, Path)), responses((status = 200, body = Vec<service::staff::TypeVersionView>)))]
#[get("/admin/permit-types/{code}/versions")]
pub async fn type_versions(
    state: web::Data<PermitsCtx>,
    _admin: AdminUser,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::staff::type_versions(&state, &code).await?))
}

/// Registers the routes under `/api/v1`.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(my_organisation)
        .service(staff)
        .service(calendar_status)
        .service(type_versions)
        .service(register)
        .service(register_csv)
        .service(performance);
}
