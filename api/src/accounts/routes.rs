//! The accounts endpoints: thin handlers (extract, call the rules, map the result), each with its
//! OpenAPI description. See `docs/accounts.md` for the flows.

use actix_web::{
    HttpRequest, HttpResponse,
    cookie::{Cookie, SameSite, time::Duration as CookieDuration},
    delete, get,
    http::header,
    patch, post, put, web,
};
use uuid::Uuid;

use super::{
    admin::{self, AccountQuery, AdminAccountView, Decision, VerificationReport},
    audit_log::{self, AuditEventView, AuditQuery},
    auth::{AdminUser, AuthUser},
    dto::*,
    roles::{self, RoleChange},
    service, sign_in,
    tokens::JwkSet,
};
use crate::{accounts::AccountsCtx, error::ApiError, http::Json};

/// The SPA's refresh token lives in this httpOnly, SameSite=Strict cookie, sent only to
/// `/api/v1/auth`.
pub const REFRESH_COOKIE: &str = "saulet_refresh";
const COOKIE_PATH: &str = "/api/v1/auth";

fn user_agent(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The token response; for the SPA the refresh token goes into the cookie instead of the body.
fn signed_in(state: &AccountsCtx, issued: sign_in::Issued) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    if issued.client == ClientKind::Web {
        response.cookie(refresh_cookie(
            state,
            issued.refresh_token,
            state.settings.session_ttl_days,
        ));
    }
    response.json(issued.response)
}

fn refresh_cookie(state: &AccountsCtx, value: String, days: i64) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path(COOKIE_PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.secure_cookies)
        .max_age(CookieDuration::days(days))
        .finish()
}

/// Ask for a one-time challenge to sign with the EDS AUTH key, for one flow: `sign-in`,
/// `register` or `bind-certificate`. Valid for 5 minutes, once, and on that flow only: a
/// challenge asked for signing in cannot register an account.
#[utoipa::path(
    tag = "auth",
    request_body = ChallengeRequest,
    responses(
        (status = 201, body = ChallengeResponse),
        (status = 422, description = "`validation`: no or an unknown `purpose`", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/auth/eds/challenge")]
pub async fn challenge(
    state: web::Data<AccountsCtx>,
    body: Json<ChallengeRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created()
        .json(sign_in::create_challenge(&state, body.into_inner().purpose).await?))
}

/// Register with the EDS: the signed challenge proves a valid certificate, whose IIN (and BIN)
/// become the account's identity. An email with a verification link is sent.
#[utoipa::path(
    tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 201, body = AccountView),
        (status = 409, description = "`identity-taken` or `email-taken`", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, `eds-*` (expired, revoked, untrusted, wrong key usage, invalid signature), `eds-challenge-expired`", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/accounts")]
pub async fn register(
    state: web::Data<AccountsCtx>,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let account = service::register(&state, body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, "/api/v1/accounts/me"))
        .json(account))
}

/// Sign in with email (or IIN) and password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "`invalid-credentials`", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "`account-blocked`", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 423, description = "`account-locked` after repeated failures; `Retry-After`", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AccountsCtx>,
    req: HttpRequest,
    body: Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let issued = sign_in::login_with_password(
        &state,
        &body.login,
        body.password,
        body.client,
        user_agent(&req),
    )
    .await?;
    Ok(signed_in(&state, issued))
}

/// Sign in with the EDS: a challenge signed with the AUTH key. A renewed certificate of the same
/// IIN/BIN is bound to the account.
#[utoipa::path(
    tag = "auth",
    request_body = EdsLoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "`invalid-credentials`: no account for this certificate", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`eds-*`, `eds-challenge-expired`", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
)]
#[post("/auth/login/eds")]
pub async fn login_eds(
    state: web::Data<AccountsCtx>,
    req: HttpRequest,
    body: Json<EdsLoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let issued = sign_in::login_with_eds(
        &state,
        &body.challenge,
        &body.signature,
        body.client,
        user_agent(&req),
    )
    .await?;
    Ok(signed_in(&state, issued))
}

/// Exchange a refresh token (body, or the SPA's cookie) for a new access token and a new
/// refresh token. Presenting a refresh token twice revokes its session.
#[utoipa::path(tag = "auth", request_body = RefreshRequest, responses((status = 200, body = TokenResponse), (status = 401, description = "`unauthenticated`", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AccountsCtx>,
    req: HttpRequest,
    body: Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let token = match body.refresh_token {
        Some(token) => token,
        None => {
            let cookie = req
                .cookie(REFRESH_COOKIE)
                .map(|c| c.value().to_owned())
                .ok_or(ApiError::Unauthenticated)?;
            if !same_site_request(&state, &req) {
                return Err(ApiError::Forbidden);
            }
            cookie
        }
    };
    let issued = sign_in::refresh(&state, &token, body.client).await?;
    Ok(signed_in(&state, issued))
}

/// Whether a request that relies on the refresh cookie comes from our own pages (CSRF defence in
/// depth beside SameSite=Strict and the JSON-only body): a browser's `Sec-Fetch-Site` must not say
/// `cross-site`, and an `Origin`, when sent, must be this server or a configured CORS origin.
fn same_site_request(state: &AccountsCtx, req: &HttpRequest) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if header("sec-fetch-site") == Some("cross-site") {
        return false;
    }
    let Some(origin) = header("origin") else {
        return true;
    };
    let host = req.connection_info().host().to_owned();
    let own = origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(&host));
    own || state
        .allowed_origins
        .iter()
        .any(|allowed| allowed.eq_ignore_ascii_case(origin))
}

/// Sign out: ends this session and clears the SPA's cookie.
#[utoipa::path(tag = "auth", security(("bearer" = [])), responses((status = 204)))]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    sign_in::revoke_session(
        &state.core.db,
        user.session_id,
        "signed-out",
        state.core.clock.now(),
    )
    .await?;
    // The session's live streams notice at once and end.
    state
        .messaging
        .hub
        .announce(&state.core.db, user.id())
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(refresh_cookie(&state, String::new(), 0))
        .finish())
}

/// Confirm an email address with the token from the emailed link.
#[utoipa::path(tag = "auth", request_body = VerifyEmailRequest, responses((status = 200, body = AccountView), (status = 422, description = "`token-invalid`", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/auth/email/verify")]
pub async fn verify_email(
    state: web::Data<AccountsCtx>,
    body: Json<VerifyEmailRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::verify_email(&state, &body.into_inner().token).await?))
}

/// Ask for a password-reset link. The answer is the same whether or not the address is known.
#[utoipa::path(tag = "auth", request_body = ForgotPasswordRequest, responses((status = 202, description = "If the address belongs to an account, a link is on its way")))]
#[post("/auth/password/forgot")]
pub async fn forgot_password(
    state: web::Data<AccountsCtx>,
    body: Json<ForgotPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    service::forgot_password(&state, &body.into_inner().email).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Set a new password with the token from the emailed link (valid 30 minutes, once). Every
/// session ends, and the owner is told by email.
#[utoipa::path(tag = "auth", request_body = ResetPasswordRequest, responses((status = 204), (status = 422, description = "`token-invalid` or `validation`", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/auth/password/reset")]
pub async fn reset_password(
    state: web::Data<AccountsCtx>,
    body: Json<ResetPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    service::reset_password(&state, &body.token, body.new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// My account.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 200, body = AccountView)))]
#[get("/accounts/me")]
pub async fn me(user: AuthUser) -> HttpResponse {
    HttpResponse::Ok().json(AccountView::from(user.account))
}

/// Change my email (verified again), phone or language. Every change is kept in my history.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = UpdateProfileRequest, responses((status = 200, body = AccountView), (status = 409, description = "`email-taken`", body = crate::error::Problem, content_type = "application/problem+json")))]
#[patch("/accounts/me")]
pub async fn update_me(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
    body: Json<UpdateProfileRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(service::update_profile(&state, user.id(), body.into_inner()).await?))
}

/// Close my account (the password again, to be sure it is me).
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = CloseAccountRequest, responses((status = 204)))]
#[delete("/accounts/me")]
pub async fn close_me(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
    body: Json<CloseAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    service::close(&state, user.id(), body.into_inner().password).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LimitQuery {
    /// 1–200, default 50.
    #[serde(default, deserialize_with = "crate::db::limit_within::<_, 200>")]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
}

/// The history of changes to my profile.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(LimitQuery), responses((status = 200, body = Vec<ChangeView>)))]
#[get("/accounts/me/changes")]
pub async fn my_changes(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
    query: web::Query<LimitQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(service::changes(&state.core.db, user.id(), query.limit.unwrap_or(50)).await?))
}

/// My open sessions.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 200, body = Vec<SessionView>)))]
#[get("/accounts/me/sessions")]
pub async fn my_sessions(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::sessions(&state, user.id(), user.session_id).await?))
}

/// End one of my sessions.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 204)))]
#[delete("/accounts/me/sessions/{id}")]
pub async fn end_my_session(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::end_session(&state, user.id(), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Change my password (the current one is required); my other sessions end.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = ChangePasswordRequest, responses((status = 204)))]
#[post("/accounts/me/password")]
pub async fn change_password(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
    body: Json<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    service::change_password(
        &state,
        user.id(),
        user.session_id,
        body.current_password,
        body.new_password,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send a new verification link to my (unverified) email address.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 202), (status = 409, description = "`conflict`: verified already", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/accounts/me/email/verification")]
pub async fn resend_verification(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    service::resend_verification(&state, user.id()).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// The EDS certificates bound to my account, with their expiry.
#[utoipa::path(tag = "accounts", security(("bearer" = [])), responses((status = 200, body = Vec<CertificateView>)))]
#[get("/accounts/me/certificates")]
pub async fn my_certificates(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::certificates(&state, user.id()).await?))
}

/// Bind a renewed certificate (a challenge signed with its AUTH key). It must carry my IIN
/// (and BIN).
#[utoipa::path(tag = "accounts", security(("bearer" = [])), request_body = BindCertificateRequest, responses((status = 200, body = AccountView), (status = 403, description = "`eds-identity-mismatch`", body = crate::error::Problem, content_type = "application/problem+json")))]
#[put("/accounts/me/certificate")]
pub async fn bind_certificate(
    state: web::Data<AccountsCtx>,
    user: AuthUser,
    body: Json<BindCertificateRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    Ok(HttpResponse::Ok().json(
        service::bind_renewed_certificate(&state, user.id(), &body.challenge, &body.signature)
            .await?,
    ))
}

/// Accounts, newest first; search by name, email, IIN or BIN.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(AccountQuery), responses((status = 200, body = Page<AdminAccountView>)))]
#[get("/admin/accounts")]
pub async fn admin_list(
    state: web::Data<AccountsCtx>,
    _admin: AdminUser,
    query: web::Query<AccountQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(admin::list(&state, query.into_inner()).await?))
}

#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = AdminAccountView)))]
#[get("/admin/accounts/{id}")]
pub async fn admin_get(
    state: web::Data<AccountsCtx>,
    _admin: AdminUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(admin::get(&state, id.into_inner()).await?))
}

/// Verify the account's data: IIN/BIN check digits, a valid bound certificate, and the state
/// registry when configured.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = VerificationReport)))]
#[post("/admin/accounts/{id}/verify")]
pub async fn admin_verify(
    state: web::Data<AccountsCtx>,
    admin: AdminUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(admin::verify(&state, admin.0.id(), id.into_inner()).await?))
}

async fn decide(
    state: web::Data<AccountsCtx>,
    admin: AdminUser,
    id: Uuid,
    decision: Decision,
    reason: String,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(admin::decide(&state, admin.0.id(), id, decision, reason).await?))
}

/// Block the account: its sessions end and every call answers 403 `account-blocked`.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReasonRequest, responses((status = 200, body = AdminAccountView)))]
#[post("/admin/accounts/{id}/block")]
pub async fn admin_block(
    state: web::Data<AccountsCtx>,
    admin: AdminUser,
    id: web::Path<Uuid>,
    body: Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    decide(
        state,
        admin,
        id.into_inner(),
        Decision::Block,
        body.into_inner().reason,
    )
    .await
}

#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReasonRequest, responses((status = 200, body = AdminAccountView)))]
#[post("/admin/accounts/{id}/unblock")]
pub async fn admin_unblock(
    state: web::Data<AccountsCtx>,
    admin: AdminUser,
    id: web::Path<Uuid>,
    body: Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    decide(
        state,
        admin,
        id.into_inner(),
        Decision::Unblock,
        body.into_inner().reason,
    )
    .await
}

/// Refuse the registration.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReasonRequest, responses((status = 200, body = AdminAccountView)))]
#[post("/admin/accounts/{id}/refuse")]
pub async fn admin_refuse(
    state: web::Data<AccountsCtx>,
    admin: AdminUser,
    id: web::Path<Uuid>,
    body: Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    decide(
        state,
        admin,
        id.into_inner(),
        Decision::Refuse,
        body.into_inner().reason,
    )
    .await
}

/// Lift a lockout after repeated failed sign-ins.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReasonRequest, responses((status = 200, body = AdminAccountView)))]
#[post("/admin/accounts/{id}/unlock")]
pub async fn admin_unlock(
    state: web::Data<AccountsCtx>,
    admin: AdminUser,
    id: web::Path<Uuid>,
    body: Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    decide(
        state,
        admin,
        id.into_inner(),
        Decision::Unlock,
        body.into_inner().reason,
    )
    .await
}

/// Delete the account: personal data is erased; what the law requires to keep stays,
/// pseudonymised.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = ReasonRequest, responses((status = 200, body = AdminAccountView)))]
#[delete("/admin/accounts/{id}")]
pub async fn admin_delete(
    state: web::Data<AccountsCtx>,
    admin: AdminUser,
    id: web::Path<Uuid>,
    body: Json<ReasonRequest>,
) -> Result<HttpResponse, ApiError> {
    decide(
        state,
        admin,
        id.into_inner(),
        Decision::Delete,
        body.into_inner().reason,
    )
    .await
}

/// Give the account another role (applicant, reviewer, administrator), with a reason: audited,
/// told to the person, effective on their next call.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = RoleChange, responses((status = 200, body = AdminAccountView), (status = 409, description = "`conflict`: the same role, the administrator's own role, or an inactive account", body = crate::error::Problem, content_type = "application/problem+json")))]
#[put("/admin/accounts/{id}/role")]
pub async fn admin_role(
    state: web::Data<AccountsCtx>,
    admin: AdminUser,
    id: web::Path<Uuid>,
    body: Json<RoleChange>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(roles::change(&state, admin.0.id(), id.into_inner(), body.into_inner()).await?))
}

/// The audit log of administrative actions, newest first.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(AuditQuery), responses((status = 200, body = Page<AuditEventView>)))]
#[get("/admin/audit-events")]
pub async fn admin_audit(
    state: web::Data<AccountsCtx>,
    _admin: AdminUser,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(audit_log::list(&state, query.into_inner()).await?))
}

/// The audit log as CSV (UTF-8, a header row, newest first): every event matching the filters;
/// `limit` and `cursor` are ignored.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(AuditQuery), responses((status = 200, description = "CSV", content_type = "text/csv", body = String)))]
#[get("/admin/audit-events/export")]
pub async fn admin_audit_export(
    state: web::Data<AccountsCtx>,
    _admin: AdminUser,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let rows = audit_log::export(&state, query.into_inner())?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"saulet-audit.csv\"",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .streaming(rows))
}

/// The public keys that sign access tokens (RFC 7517), for integrators verifying tokens.
#[utoipa::path(tag = "auth", responses((status = 200, body = JwkSet)))]
#[get("/.well-known/jwks.json")]
pub async fn jwks(state: web::Data<AccountsCtx>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(state.tokens.jwks())
}

/// Registers the area's documented routes under `/api/v1`.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(challenge)
        .service(register)
        .service(login)
        .service(login_eds)
        .service(refresh)
        .service(logout)
        .service(verify_email)
        .service(forgot_password)
        .service(reset_password)
        .service(me)
        .service(update_me)
        .service(close_me)
        .service(my_changes)
        .service(my_sessions)
        .service(end_my_session)
        .service(change_password)
        .service(bind_certificate)
        .service(resend_verification)
        .service(my_certificates)
        .service(admin_list)
        .service(admin_get)
        .service(admin_verify)
        .service(admin_block)
        .service(admin_unblock)
        .service(admin_refuse)
        .service(admin_unlock)
        .service(admin_delete)
        .service(admin_role)
        .service(admin_audit)
        .service(admin_audit_export);
}
