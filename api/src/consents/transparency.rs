//! The transparency log's public endpoints (docs/evidence.md): the signed tree head, the log key,
//! inclusion and consistency proofs; the administrators' audit of the whole log; and my own acts
//! as an evidence package. Anyone may read the log: it holds hashes, never personal data.

use actix_web::{HttpResponse, get, http::header, web};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::{
    accounts::auth::{AdminUser, AuthUser},
    consents::ConsentsCtx,
    error::ApiError,
    evidence::log::{ConsistencyProof, InclusionProof, LogAudit, TreeHead},
};

/// The log's current signed tree head: its size, RFC 9162 root hash and the log key's Ed25519
/// signature over `message`. Keep it: a later consistency proof shows nothing was rewritten.
#[utoipa::path(tag = "transparency", responses((status = 200, body = TreeHead)))]
#[get("/transparency/tree-head")]
pub async fn tree_head(state: web::Data<ConsentsCtx>) -> Result<HttpResponse, ApiError> {
    let head = state
        .evidence
        .log()
        .head(&state.core.db, state.core.now())
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(head))
}

/// The log's public key (PEM): `openssl pkeyutl -verify -pubin -inkey log-key.pem -rawin` checks
/// a tree head's signature with it.
#[utoipa::path(tag = "transparency", responses((status = 200, description = "The Ed25519 public key, PEM", content_type = "application/x-pem-file", body = String)))]
#[get("/transparency/log-key")]
pub async fn log_key(state: web::Data<ConsentsCtx>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/x-pem-file")
        .body(state.evidence.log().key().public_pem().to_owned())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InclusionQuery {
    /// The act's index in the log.
    #[param(minimum = 0)]
    pub seq: i64,
    /// The size of the tree to prove against; the current size when absent.
    #[param(minimum = 1)]
    pub tree_size: Option<i64>,
}

/// That act `seq` is in the tree of `tree_size` acts (RFC 9162 §2.1.3).
#[utoipa::path(tag = "transparency", params(InclusionQuery), responses((status = 200, body = InclusionProof), (status = 422, description = "`validation`: no such act or size", body = crate::error::Problem, content_type = "application/problem+json")))]
#[get("/transparency/proofs/inclusion")]
pub async fn inclusion(
    state: web::Data<ConsentsCtx>,
    query: web::Query<InclusionQuery>,
) -> Result<HttpResponse, ApiError> {
    let proof = state
        .evidence
        .log()
        .inclusion(&state.core.db, query.seq, query.tree_size)
        .await?;
    Ok(HttpResponse::Ok().json(proof))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsistencyQuery {
    /// The older tree's size (a tree head you kept).
    #[param(minimum = 1)]
    pub first: i64,
    /// The newer tree's size; the current size when absent.
    #[param(minimum = 1)]
    pub second: Option<i64>,
}

/// That the tree of `first` acts is a prefix of the tree of `second` acts (RFC 9162 §2.1.4):
/// nothing recorded before `first` was changed or removed.
#[utoipa::path(tag = "transparency", params(ConsistencyQuery), responses((status = 200, body = ConsistencyProof), (status = 422, description = "`validation`: sizes outside the log", body = crate::error::Problem, content_type = "application/problem+json")))]
#[get("/transparency/proofs/consistency")]
pub async fn consistency(
    state: web::Data<ConsentsCtx>,
    query: web::Query<ConsistencyQuery>,
) -> Result<HttpResponse, ApiError> {
    let proof = state
        .evidence
        .log()
        .consistency(&state.core.db, query.first, query.second)
        .await?;
    Ok(HttpResponse::Ok().json(proof))
}

/// Audit the whole log: every act's hashes, the sequence, every signed tree head against the
/// acts now stored, every time-stamp token. A row deleted or altered in the database shows here.
#[utoipa::path(tag = "admin", security(("bearer" = [])), responses((status = 200, body = LogAudit)))]
#[get("/admin/transparency/verify")]
pub async fn audit(
    state: web::Data<ConsentsCtx>,
    _admin: AdminUser,
) -> Result<HttpResponse, ApiError> {
    let report = state
        .evidence
        .log()
        .audit(&state.core.db, state.evidence.tsa_anchors())
        .await?;
    Ok(HttpResponse::Ok().json(report))
}

/// An evidence package's bytes (ZIP), in the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct EvidencePackage(pub Vec<u8>);

/// My own acts (registration, agreements accepted, consents given and withdrawn) as an evidence
/// package: a ZIP that `verify.sh` inside it checks with `openssl` and `python3` alone.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 200, description = "The evidence package (ZIP)", content_type = "application/zip", body = EvidencePackage)))]
#[get("/accounts/me/evidence")]
pub async fn my_evidence(
    state: web::Data<ConsentsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let zip = super::evidence::evidence_package(&state, &user).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"saulet-evidence.zip\"",
        ))
        .body(zip))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(tree_head)
        .service(log_key)
        .service(inclusion)
        .service(consistency)
        .service(audit)
        .service(my_evidence);
}
