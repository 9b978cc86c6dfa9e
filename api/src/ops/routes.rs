//! `GET /health/live` and `GET /health/ready`.

use actix_web::{HttpRequest, HttpResponse, get, http::header, web};
use sha2::{Digest, Sha256};

use super::dto::{Liveness, Readiness, ReadinessChecks};
use crate::{db, error::ApiError, ops::OpsCtx};

/// Liveness: the process answers HTTP.
#[utoipa::path(
    tag = "ops",
    responses((status = 200, description = "The process is alive", body = Liveness)),
)]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Liveness { status: "ok" })
}

/// Readiness: the database answers. Load balancers send traffic only while this is 200;
/// it turns 503 while the database is unreachable and back to 200 by itself when it returns.
#[utoipa::path(
    tag = "ops",
    responses(
        (status = 200, description = "Ready to serve", body = Readiness),
        (status = 503, description = "The database is unreachable", body = crate::error::Problem,
            content_type = "application/problem+json"),
    ),
)]
#[get("/health/ready")]
pub async fn ready(state: web::Data<OpsCtx>) -> Result<HttpResponse, ApiError> {
    db::ping(&state.core.db)
        .await
        .map_err(|_| ApiError::ServiceUnavailable("The database is unreachable".into()))?;
    Ok(HttpResponse::Ok().json(Readiness {
        status: "ok",
        checks: ReadinessChecks { database: "ok" },
    }))
}

/// Prometheus metrics in the text exposition format: requests and latency by route and status,
/// SQL statements per request, the database pool, the email outbox. Only with the bearer token
/// of `server.metrics_token`; without that setting the endpoint does not exist (404), so a
/// default install shows nothing (docs/operations.md).
#[utoipa::path(
    tag = "ops",
    responses(
        (status = 200, description = "Prometheus text format", content_type = "text/plain", body = String),
        (status = 401, description = "`unauthenticated`: no or another bearer token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not-found`: `server.metrics_token` is not set", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[get("/metrics")]
pub async fn metrics(state: web::Data<OpsCtx>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let Some(expected) = state.metrics_token_sha256 else {
        return Err(ApiError::NotFound);
    };
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    // Digests compared, so the time taken says nothing about the token's characters.
    let given: [u8; 32] = Sha256::digest(given.as_bytes()).into();
    if given != expected {
        return Err(ApiError::Unauthenticated);
    }
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render(&state.core.db).await))
}
