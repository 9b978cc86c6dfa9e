//! The back office's and the public's views of the department's work: an organisation's staff
//! and their load (for its reviewers and administrators).

use actix_web::{HttpResponse, get, web};

use super::service::{self, staff::StaffView};
use crate::{accounts::auth::AuthUser, error::ApiError, permits::PermitsCtx};

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

/// Registers the routes under `/api/v1`.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(staff);
}
