//! `GET /health/live` and `GET /health/ready`.

use actix_web::{HttpResponse, get, web};

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
/// SQL statements per request, the database pool, the email outbox. Expose it to the monitoring
/// network only (docs/operations.md).
#[utoipa::path(
    tag = "ops",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain", body = String)),
)]
#[get("/metrics")]
pub async fn metrics(state: web::Data<OpsCtx>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render(&state.core.db).await)
}
