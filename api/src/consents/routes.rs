//! The consents endpoints: the public agreement documents, my consents, accepting a version, and
//! the administrators' publishing and chain verification.

use actix_web::{HttpRequest, HttpResponse, get, http::header, post, web};
use uuid::Uuid;

use super::{
    dto::*,
    service::{self, Provenance},
    withdrawal,
};
use crate::{
    accounts::auth::{AdminUser, AuthUser},
    consents::ConsentsCtx,
    error::ApiError,
    http::Json,
};

/// The agreement documents: of each kind the version in force and any upcoming one, with the
/// dates (public).
#[utoipa::path(tag = "consents", responses((status = 200, body = Vec<AgreementView>)))]
#[get("/agreements")]
pub async fn agreements(state: web::Data<ConsentsCtx>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::current(&state.core.db, state.core.clock.now()).await?))
}

/// One version of an agreement, in force, upcoming or annulled (public).
#[utoipa::path(tag = "consents", params(("id" = Uuid, Path)), responses((status = 200, body = AgreementView)))]
#[get("/agreements/{id}")]
pub async fn agreement(
    state: web::Data<ConsentsCtx>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(service::get(&state.core.db, id.into_inner(), state.core.clock.now()).await?))
}

/// My consent records, newest first.
#[utoipa::path(tag = "consents", security(("bearer" = [])), responses((status = 200, body = Vec<ConsentView>)))]
#[get("/consents")]
pub async fn my_consents(
    state: web::Data<ConsentsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::mine(&state.core.db, user.id()).await?))
}

/// Accept a version: a signature with my SIGN key over the SHA-256 of the text in the language I
/// read. Recorded append-only with the time, channel, address and user agent. A version
/// already accepted (and not withdrawn since) is not recorded again: the answer is 200 with the
/// standing acceptance.
#[utoipa::path(tag = "consents", security(("bearer" = [])), request_body = AcceptRequest, responses((status = 201, description = "Recorded", body = ConsentView), (status = 200, description = "Already accepted: nothing new recorded", body = ConsentView), (status = 403, description = "`eds-identity-mismatch`", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/consents")]
pub async fn accept(
    state: web::Data<ConsentsCtx>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<AcceptRequest>,
) -> Result<HttpResponse, ApiError> {
    let provenance = Provenance {
        ip_address: client_ip(&req),
        user_agent: req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    Ok(
        match service::accept(&state, &user, body.into_inner(), provenance).await? {
            service::Acceptance::Recorded(view) => HttpResponse::Created().json(view),
            service::Acceptance::AlreadyAccepted(view) => HttpResponse::Ok().json(view),
        },
    )
}

/// Publish a new version: it takes effect no sooner than the notice period after now, and
/// every active account is told at once.
#[utoipa::path(tag = "admin", security(("bearer" = [])), request_body = PublishRequest, responses((status = 201, body = AgreementView), (status = 409, description = "`conflict`: a version is already waiting to take effect", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/admin/agreements")]
pub async fn publish(
    state: web::Data<ConsentsCtx>,
    admin: AdminUser,
    body: Json<PublishRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created()
        .json(service::publish(&state, admin.0.id(), body.into_inner()).await?))
}

/// Walk the chain of consent records and report the first broken link.
#[utoipa::path(tag = "admin", security(("bearer" = [])), responses((status = 200, body = ChainReport)))]
#[get("/admin/consents/verify")]
pub async fn verify(
    state: web::Data<ConsentsCtx>,
    _admin: AdminUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::verify_chain(&state.core.db).await?))
}

/// What withdrawing one of my personal-data consents signs: the statement and its digest.
#[utoipa::path(tag = "consents", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = WithdrawalStatement), (status = 404, description = "Not a record of mine", body = crate::error::Problem, content_type = "application/problem+json"), (status = 409, description = "`conflict`: not a personal-data consent, or withdrawn already", body = crate::error::Problem, content_type = "application/problem+json")))]
#[get("/consents/{id}/withdrawal")]
pub async fn withdrawal_statement(
    state: web::Data<ConsentsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(withdrawal::withdrawal(&state, &user, id.into_inner()).await?))
}

/// Withdraw my personal-data consent, signing the statement's digest (from
/// `GET /consents/{id}/withdrawal`) with my SIGN key. Refused with 409 `legal-hold` while a
/// permit request of mine is in progress; otherwise I am told by email that I cannot use the
/// services until I consent again.
#[utoipa::path(tag = "consents", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = SignedWithdrawal, responses((status = 201, body = ConsentView), (status = 409, description = "`legal-hold`, or `conflict` (not a personal-data consent, withdrawn already, or the digest is not the statement's)", body = crate::error::Problem, content_type = "application/problem+json"), (status = 422, description = "The signature is not the account holder's, or not over the digest", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/consents/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<ConsentsCtx>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<SignedWithdrawal>,
) -> Result<HttpResponse, ApiError> {
    let provenance = Provenance {
        ip_address: client_ip(&req),
        user_agent: req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    let withdrawn = withdrawal::withdraw(
        &state,
        &user,
        id.into_inner(),
        body.into_inner(),
        provenance,
    )
    .await?;
    Ok(HttpResponse::Created().json(withdrawn))
}

/// A receipt for one of my consent records, in the Kantara Consent Receipt shape (the basis of
/// ISO/IEC TS 27560), with the evidence: the signature, the certificate serial, the chain link.
#[utoipa::path(tag = "consents", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = serde_json::Value)))]
#[get("/consents/{id}/receipt")]
pub async fn receipt(
    state: web::Data<ConsentsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::receipt(&state, &user, id.into_inner()).await?))
}

/// Everything Saulet holds about me, as JSON: the profile and its history, sessions, certificates,
/// consents, notifications, and my permit requests with their files' names and hashes and their
/// signed versions.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 200, body = AccountExport)))]
#[get("/accounts/me/export")]
pub async fn export(
    state: web::Data<ConsentsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"saulet-export.json\"",
        ))
        .json(service::export(&state, &user).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdminConsentQuery {
    pub agreement_id: Option<Uuid>,
    /// `accepted` or `withdrawn`.
    #[param(pattern = "^(accepted|withdrawn)$")]
    pub action: Option<String>,
    #[serde(default, deserialize_with = "crate::db::limit_within::<_, 200>")]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<i64>,
}

/// Consent records, newest first, with acceptance and withdrawal counts per version.
#[utoipa::path(tag = "admin", operation_id = "admin_consents", security(("bearer" = [])), params(AdminConsentQuery), responses((status = 200, body = AdminConsentPage)))]
#[get("/admin/consents")]
pub async fn admin_list(
    state: web::Data<ConsentsCtx>,
    _admin: AdminUser,
    query: web::Query<AdminConsentQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    Ok(HttpResponse::Ok().json(
        service::admin_list(
            &state,
            query.agreement_id,
            query.action,
            query.limit.unwrap_or(50),
            query.cursor,
        )
        .await?,
    ))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(agreements)
        .service(agreement)
        .service(my_consents)
        .service(accept)
        .service(publish)
        .service(verify)
        .service(withdrawal_statement)
        .service(withdraw)
        .service(receipt)
        .service(export)
        .service(admin_list);
}

/// The client's address as the trusted proxies told it (the TCP peer outside a request scope).
fn client_ip(req: &HttpRequest) -> Option<String> {
    crate::request_context::ClientAddress::current()
        .map(|client| client.ip)
        .or_else(|| req.peer_addr().map(|a| a.ip()))
        .map(|ip| ip.to_string())
}
