//! The permits endpoints: the catalogue, permit requests and their documents, the review steps,
//! decisions, the public verify page's data, and the working-day calendar.

use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::header::{self, HeaderValue},
    patch, post, put, web,
};
use futures_util::StreamExt;
use uuid::Uuid;

use super::{dto::*, entity::request, service};
use crate::{
    accounts::auth::{AdminUser, AuthUser},
    error::{ApiError, Problem},
    http::Json,
    permits::PermitsCtx,
};

/// Asked by the JSON extractor before it refuses a body sent to a request's operation: a caller
/// who may not see the request gets its 404, never a 422.
pub struct RequestGate;

impl crate::http::json::CallerGate for RequestGate {
    fn check(
        &self,
        req: actix_web::HttpRequest,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>>>> {
        Box::pin(async move {
            use actix_web::FromRequest;
            let on_a_request = req
                .match_pattern()
                .is_some_and(|p| p.starts_with("/api/v1/permit-requests/{id}"));
            let id = req
                .match_info()
                .get("id")
                .and_then(|id| Uuid::parse_str(id).ok());
            let state = req.app_data::<web::Data<PermitsCtx>>().cloned();
            let (true, Some(id), Some(state)) = (on_a_request, id, state) else {
                return Ok(());
            };
            let user = AuthUser::from_request(&req, &mut actix_web::dev::Payload::None).await?;
            service::may_see(&state, &user, id).await
        })
    }
}

/// A file's bytes, in the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct Binary(pub Vec<u8>);

/// The multipart body of an upload: one part named `file`.
#[derive(utoipa::ToSchema)]
pub struct UploadForm {
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

fn header_text<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

async fn respond(
    state: &PermitsCtx,
    viewer: &service::Viewer,
    r: request::Model,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, ApiError> {
    let etag = service::etag(&r);
    service::seen(state, viewer, &r).await?;
    let view = service::view(state, viewer, r).await?;
    Ok(HttpResponse::build(status)
        .insert_header((header::ETAG, etag))
        .json(view))
}

fn stored_response(status: u16, body: serde_json::Value) -> HttpResponse {
    let status =
        actix_web::http::StatusCode::from_u16(status).unwrap_or(actix_web::http::StatusCode::OK);
    let mut response = HttpResponse::build(status);
    if let Some(etag) = body.get("etag").and_then(|e| e.as_str())
        && let Ok(value) = HeaderValue::from_str(etag)
    {
        response.insert_header((header::ETAG, value));
    }
    if let Some(id) = body.get("id").and_then(|e| e.as_str()) {
        response.insert_header((header::LOCATION, request_location(id)));
    }
    response.json(body)
}

/// Where a request is read (the `Location` of a new one).
fn request_location(id: impl std::fmt::Display) -> String {
    format!("/api/v1/permit-requests/{id}")
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::Internal(e.into()))
}

/// The catalogue: every service open for applications, with its form, checklist and periods (public).
#[utoipa::path(tag = "permits", responses((status = 200, body = Vec<PermitTypeView>)))]
#[get("/permit-types")]
pub async fn types(state: web::Data<PermitsCtx>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::list_types(&state).await?))
}

/// One service of the catalogue (public).
#[utoipa::path(tag = "permits", params(("code" = String, Path)), responses((status = 200, body = PermitTypeView)))]
#[get("/permit-types/{code}")]
pub async fn permit_type(
    state: web::Data<PermitsCtx>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::get_type(&state, &code).await?))
}

/// The organisations: the department and the service subjects that approve (public).
#[utoipa::path(tag = "permits", responses((status = 200, body = Vec<OrganisationView>)))]
#[get("/organisations")]
pub async fn organisations(state: web::Data<PermitsCtx>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::list_organisations(&state).await?))
}

/// Create or replace a permit type: periods, form schema, checklist, approvals, refusal grounds.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("code" = String, Path)), request_body = PermitTypeUpdate, responses((status = 200, body = PermitTypeView)))]
#[put("/admin/permit-types/{code}")]
pub async fn put_type(
    state: web::Data<PermitsCtx>,
    admin: AdminUser,
    code: web::Path<String>,
    body: Json<PermitTypeUpdate>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(service::upsert_type(&state, admin.0.id(), &code, body.into_inner()).await?))
}

/// Start a draft. With an `Idempotency-Key`, a retry returns the first draft instead of a second.
#[utoipa::path(tag = "permits", security(("bearer" = [])), request_body = CreateRequest,
    params(("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255, description = "Makes a retry safe: the same key and body return the first answer.")),
    responses((status = 201, body = RequestView, headers(("ETag" = String), ("Location" = String))),
        (status = 422, description = "`validation` or `idempotency-key-reused`", body = Problem, content_type = "application/problem+json")))]
#[post("/permit-requests")]
pub async fn create(
    state: web::Data<PermitsCtx>,
    req: HttpRequest,
    user: AuthUser,
    body: Json<CreateRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let viewer = service::viewer(&state, &user).await?;
    let Some(key) = header_text(&req, "Idempotency-Key") else {
        // Nothing to keep for a retry: the view is written straight out, with the headers a
        // stored answer gets.
        let view = service::create(&state, &viewer, body).await?;
        return Ok(HttpResponse::Created()
            .insert_header((header::ETAG, view.etag.as_str()))
            .insert_header((header::LOCATION, request_location(view.id)))
            .json(view));
    };
    let hash = service::hash_json(&serde_json::json!({
        "type_code": body.type_code, "title": body.title, "form_data": body.form_data,
    }));
    let (status, json) =
        service::idempotent(&state, user.id(), "create", Some(key), &hash, || async {
            Ok((
                201,
                to_json(&service::create(&state, &viewer, body).await?)?,
            ))
        })
        .await?;
    Ok(stored_response(status, json))
}

/// The requests I may see: mine and my company's; for staff, those routed to their organisation
/// or awaiting its approval. Newest first.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(RequestQuery), responses((status = 200, body = RequestPage)))]
#[get("/permit-requests")]
pub async fn list(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    query: web::Query<RequestQuery>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Ok().json(service::list(&state, &viewer, query.into_inner()).await?))
}

/// One request, with its documents, approvals, decisions and what I may do next.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = RequestView, headers(("ETag" = String)))))]
#[get("/permit-requests/{id}")]
pub async fn get_one(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let r = service::get(&state, &viewer, *id).await?;
    respond(&state, &viewer, r, actix_web::http::StatusCode::OK).await
}

/// Save the draft's title or form. Send the `ETag` in `If-Match`: 428 without it, 412 when
/// someone changed the request since.
#[utoipa::path(tag = "permits", security(("bearer" = [])), request_body = UpdateRequest,
    params(("id" = Uuid, Path), ("If-Match" = String, Header, description = "The ETag read last.")),
    responses((status = 200, body = RequestView, headers(("ETag" = String))),
        (status = 412, description = "`precondition-failed`", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`precondition-required`", body = Problem, content_type = "application/problem+json")))]
#[patch("/permit-requests/{id}")]
pub async fn update(
    state: web::Data<PermitsCtx>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<UpdateRequest>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let if_match = header_text(&req, "If-Match");
    let r = service::update(&state, &viewer, *id, if_match, body.into_inner()).await?;
    respond(&state, &viewer, r, actix_web::http::StatusCode::OK).await
}

/// Attach a file to a checklist slot (multipart, one part named `file`). Its type is read from its
/// bytes; a program, a type the slot does not allow, an empty or an oversized file is refused and
/// nothing is kept.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path), UploadQuery),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = DocumentView),
        (status = 413, description = "`payload-too-large`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported-file-type`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`empty-file` or `validation`", body = Problem, content_type = "application/problem+json")))]
#[post("/permit-requests/{id}/documents")]
pub async fn upload(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
    query: web::Query<UploadQuery>,
    mut form: actix_multipart::Multipart,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| {
            ApiError::MalformedBody(format!("the multipart body is malformed: {e}"))
        })?;
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .unwrap_or("document")
            .to_owned();
        let row =
            service::upload(&state, &viewer, *id, &query.slot, &file_name, &mut field).await?;
        return Ok(HttpResponse::Created().json(DocumentView::from(row)));
    }
    Err(ApiError::Validation(vec![crate::error::FieldError::new(
        "file",
        "required",
        "send the file as a multipart part named `file`",
    )]))
}

/// Download a document with its content type and file name.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path), ("doc" = Uuid, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = Binary)))]
#[get("/permit-requests/{id}/documents/{doc}")]
pub async fn download(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let (id, doc) = path.into_inner();
    let (row, bytes) = service::download(&state, &viewer, id, doc).await?;
    // Streamed from the store as it is read, with its length known from the row.
    Ok(file_headers(&row.content_type, &row.file_name)
        .no_chunking(u64::try_from(row.size_bytes).unwrap_or_default())
        .streaming(bytes))
}

fn file_response(content_type: &str, file_name: &str, bytes: Vec<u8>) -> HttpResponse {
    file_headers(content_type, file_name).body(bytes)
}

fn file_headers(content_type: &str, file_name: &str) -> actix_web::HttpResponseBuilder {
    let disposition = header::ContentDisposition {
        disposition: header::DispositionType::Attachment,
        parameters: vec![header::DispositionParam::FilenameExt(
            header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: file_name.as_bytes().to_vec(),
            },
        )],
    };
    let mut response = HttpResponse::Ok();
    response
        .content_type(content_type.to_owned())
        .insert_header(disposition)
        .insert_header((header::CACHE_CONTROL, "private, no-store"));
    response
}

/// Remove a document while the request is a draft or answers corrections.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path), ("doc" = Uuid, Path)), responses((status = 204)))]
#[delete("/permit-requests/{id}/documents/{doc}")]
pub async fn remove_document(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let (id, doc) = path.into_inner();
    service::remove_document(&state, &viewer, id, doc).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Invite someone, by email, to prepare the request with me (a designer, a proxy): whoever holds
/// an account with that verified address sees the request and edits its form and documents;
/// only I (or my company) sign and submit. They are told in-app, or by email.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = InviteRequest,
    responses((status = 201, body = CoApplicantView),
        (status = 409, description = "`conflict` (invited already, or ten invited) or `illegal-transition` (not being prepared)", body = Problem, content_type = "application/problem+json")))]
#[post("/permit-requests/{id}/co-applicants")]
pub async fn invite_co_applicant(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<InviteRequest>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let invited = service::invite_co_applicant(&state, &viewer, *id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(invited))
}

/// Take back an invitation: they no longer see or edit the request.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path), ("member" = Uuid, Path)), responses((status = 204)))]
#[delete("/permit-requests/{id}/co-applicants/{member}")]
pub async fn remove_co_applicant(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let (id, member) = path.into_inner();
    service::remove_co_applicant(&state, &viewer, id, member).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What to sign to submit: the canonical content and its SHA-256.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = DigestView)))]
#[get("/permit-requests/{id}/digest")]
pub async fn digest(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Ok().json(service::digest(&state, &viewer, *id).await?))
}

/// Submit (or resubmit after corrections) with a signature by my SIGN key over the digest. The
/// first submission assigns the registration number and the due dates.
#[utoipa::path(tag = "permits", security(("bearer" = [])), request_body = SubmitRequest,
    params(("id" = Uuid, Path), ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 255, description = "Makes a retry safe.")),
    responses((status = 200, body = RequestView),
        (status = 409, description = "`illegal-transition`, or `conflict` (changed since the digest)", body = Problem, content_type = "application/problem+json")))]
#[post("/permit-requests/{id}/submit")]
pub async fn submit(
    state: web::Data<PermitsCtx>,
    req: HttpRequest,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<SubmitRequest>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let body = body.into_inner();
    let hash = service::hash_json(
        &serde_json::json!({"id": *id, "digest": body.digest, "signature": body.signature}),
    );
    let key = header_text(&req, "Idempotency-Key");
    let scope = format!("submit:{}", *id);
    let (status, json) = service::idempotent(&state, user.id(), &scope, key, &hash, || async {
        let r = service::submit(&state, &viewer, *id, body).await?;
        service::seen(&state, &viewer, &r).await?;
        Ok((200, to_json(&service::view(&state, &viewer, r).await?)?))
    })
    .await?;
    Ok(stored_response(status, json))
}

macro_rules! step_route {
    ($name:ident, $op:literal, $path:literal, $body:ty, $doc:literal, $call:expr) => {
        #[doc = $doc]
        #[utoipa::path(tag = "permits", operation_id = $op, security(("bearer" = [])), request_body = $body, params(("id" = Uuid, Path)),
            responses((status = 200, body = RequestView),
                (status = 409, description = "`illegal-transition`", body = Problem, content_type = "application/problem+json")))]
        #[post($path)]
        pub async fn $name(
            state: web::Data<PermitsCtx>,
            user: AuthUser,
            id: web::Path<Uuid>,
            body: Json<$body>,
        ) -> Result<HttpResponse, ApiError> {
            let viewer = service::viewer(&state, &user).await?;
            let r = $call(&state, &viewer, *id, body.into_inner()).await?;
            respond(&state, &viewer, r, actix_web::http::StatusCode::OK).await
        }
    };
}

step_route!(
    withdraw,
    "permit_request_withdraw",
    "/permit-requests/{id}/withdraw",
    CommentBody,
    "Withdraw my request before a decision.",
    service::withdraw
);
step_route!(
    object_to_refusal,
    "permit_request_objection",
    "/permit-requests/{id}/objection",
    ObjectionRequest,
    "Object to a preliminary refusal, once, within the objection period, signing the statement's digest (from `…/objection/statement`) with the SIGN key.",
    service::object
);
step_route!(
    assign,
    "permit_request_assign",
    "/permit-requests/{id}/assign",
    AssignRequest,
    "Staff: assign the request to a reviewer of the organisation (default: me).",
    service::assign
);
step_route!(
    accept,
    "permit_request_accept",
    "/permit-requests/{id}/accept",
    CommentBody,
    "Staff: the completeness check passed; into review. The approval tasks are created.",
    service::accept
);
step_route!(
    return_request,
    "permit_request_return",
    "/permit-requests/{id}/return",
    ReasonBody,
    "Staff: incomplete at the completeness check; closed without review, with the reason.",
    service::return_request
);
step_route!(
    request_corrections,
    "permit_request_corrections",
    "/permit-requests/{id}/request-corrections",
    CorrectionsRequest,
    "Staff: ask for itemised corrections (per form field or document). The clock stops until the applicant resubmits.",
    service::request_corrections
);
step_route!(
    ask_extension,
    "permit_request_extension",
    "/permit-requests/{id}/extension",
    ExtensionRequest,
    "Ask for more working days to answer the corrections, with the reason (while corrections are requested; one ask at a time). The reviewers are told.",
    service::ask_extension
);
step_route!(
    decide_extension,
    "permit_request_extension_decision",
    "/permit-requests/{id}/extension/decision",
    ExtensionDecision,
    "Staff: grant the applicant's ask for more time (the day by which to answer moves on by the working days asked) or refuse it with a reason. The applicant is told.",
    service::decide_extension
);
step_route!(
    preliminary_refusal,
    "permit_request_preliminary_refusal",
    "/permit-requests/{id}/preliminary-refusal",
    PreliminaryRefusalRequest,
    "Staff: announce a refusal with its grounds, signing the statement's digest (from `…/preliminary-refusal/statement`) with the SIGN key; the applicant may object within the type's period.",
    service::preliminary_refusal
);
step_route!(
    approve_request,
    "permit_request_approve",
    "/permit-requests/{id}/approve",
    SignDecisionRequest,
    "Staff: sign the prepared permit (CMS over its PDF's SHA-256); the request is approved and the permit issued.",
    sign_permit
);
step_route!(
    refuse_request,
    "permit_request_refuse",
    "/permit-requests/{id}/refuse",
    SignDecisionRequest,
    "Staff: sign the prepared reasoned refusal; the request is refused.",
    sign_refusal
);

async fn sign_permit(
    state: &PermitsCtx,
    viewer: &service::Viewer,
    id: Uuid,
    body: SignDecisionRequest,
) -> Result<request::Model, ApiError> {
    service::sign_decision(state, viewer, id, true, body).await
}

async fn sign_refusal(
    state: &PermitsCtx,
    viewer: &service::Viewer,
    id: Uuid,
    body: SignDecisionRequest,
) -> Result<request::Model, ApiError> {
    service::sign_decision(state, viewer, id, false, body).await
}

macro_rules! statement_route {
    ($name:ident, $path:literal, $body:ty, $doc:literal, $call:expr) => {
        #[doc = $doc]
        #[utoipa::path(tag = "permits", security(("bearer" = [])), request_body = $body, params(("id" = Uuid, Path)),
            responses((status = 200, body = StatementDigest),
                (status = 409, description = "`illegal-transition`, or `conflict`", body = Problem, content_type = "application/problem+json")))]
        #[post($path)]
        pub async fn $name(
            state: web::Data<PermitsCtx>,
            user: AuthUser,
            id: web::Path<Uuid>,
            body: Json<$body>,
        ) -> Result<HttpResponse, ApiError> {
            let viewer = service::viewer(&state, &user).await?;
            Ok(HttpResponse::Ok().json($call(&state, &viewer, *id, body.into_inner()).await?))
        }
    };
}

statement_route!(
    refusal_statement,
    "/permit-requests/{id}/preliminary-refusal/statement",
    RefusalDraft,
    "Staff: what announcing this preliminary refusal signs (the request, the grounds with their texts, the reasoned text, the official), and its digest.",
    service::refusal_to_sign
);
statement_route!(
    objection_statement,
    "/permit-requests/{id}/objection/statement",
    ReasonBody,
    "What objecting to the preliminary refusal signs (the request, the refusal, the reason, the applicant), and its digest.",
    service::objection_to_sign
);

/// Staff: prepare the decision PDF (`permit` or `refusal`) to sign; answers its SHA-256.
#[utoipa::path(tag = "permits", security(("bearer" = [])), request_body = DecisionDraftRequest, params(("id" = Uuid, Path)),
    responses((status = 201, body = DecisionView),
        (status = 409, description = "`illegal-transition`: approvals pending or declined, or the objection period runs", body = Problem, content_type = "application/problem+json")))]
#[post("/permit-requests/{id}/decision-draft")]
pub async fn decision_draft(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<DecisionDraftRequest>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Created()
        .json(service::decision_draft(&state, &viewer, *id, body.into_inner()).await?))
}

/// Staff of an approving organisation: upload the document of the answer (the technical
/// conditions, PDF) as a multipart part named `file`. It replaces the one uploaded before, until
/// the answer is signed.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path), ("task" = Uuid, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = TaskDocumentView),
        (status = 413, description = "`payload-too-large`", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`unsupported-file-type`: a PDF is expected", body = Problem, content_type = "application/problem+json")))]
#[post("/permit-requests/{id}/tasks/{task}/document")]
pub async fn upload_task_document(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    mut form: actix_multipart::Multipart,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let (id, task) = path.into_inner();
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| {
            ApiError::MalformedBody(format!("the multipart body is malformed: {e}"))
        })?;
        if field.name() != Some("file") {
            continue;
        }
        let file_name = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .unwrap_or("technical-conditions.pdf")
            .to_owned();
        let row = service::upload_task_document(&state, &viewer, id, task, &file_name, &mut field)
            .await?;
        let view = TaskDocumentView::of(&row)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the document was not kept")))?;
        return Ok(HttpResponse::Created().json(view));
    }
    Err(ApiError::Validation(vec![crate::error::FieldError::new(
        "file",
        "required",
        "send the file as a multipart part named `file`",
    )]))
}

/// Staff of an approving organisation (or its API client with `approvals:read`): the
/// organisation's approval tasks, oldest first; `pending` ones unless `status` says otherwise.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(TaskQuery), responses((status = 200, body = Vec<OrganisationTaskView>),
    (status = 403, description = "Not staff of an approving organisation", body = Problem, content_type = "application/problem+json")))]
#[get("/approval-tasks")]
pub async fn organisation_tasks(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    query: web::Query<TaskQuery>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Ok()
        .json(service::organisation_tasks(&state, &viewer, query.into_inner()).await?))
}

/// Staff of an approving organisation: the answer to sign (approval with the uploaded document,
/// or refusal with its reason) and its digest. Sign the digest's 64 characters with the SIGN key
/// and send it to `…/approve` or `…/decline`.
#[utoipa::path(tag = "permits", security(("bearer" = [])), request_body = AnswerRequest, params(("id" = Uuid, Path), ("task" = Uuid, Path)), responses((status = 200, body = AnswerDigest)))]
#[post("/permit-requests/{id}/tasks/{task}/answer")]
pub async fn task_answer(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<AnswerRequest>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let (id, task) = path.into_inner();
    Ok(HttpResponse::Ok()
        .json(service::task_answer(&state, &viewer, id, task, body.into_inner()).await?))
}

/// Staff of an approving organisation: approve the task with the signed answer (its document,
/// the technical conditions, must have been uploaded). The answer is kept as a signed act.
#[utoipa::path(tag = "permits", security(("bearer" = [])), request_body = SignedAnswer, params(("id" = Uuid, Path), ("task" = Uuid, Path)), responses((status = 200, body = RequestView),
    (status = 409, description = "`conflict`: the answer changed since its digest was read", body = Problem, content_type = "application/problem+json")))]
#[post("/permit-requests/{id}/tasks/{task}/approve")]
pub async fn approve_task(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<SignedAnswer>,
) -> Result<HttpResponse, ApiError> {
    task_decision(
        state,
        user,
        path.into_inner(),
        Verdict::Approve,
        body.into_inner(),
    )
    .await
}

/// Staff of an approving organisation: decline the task with the signed answer, saying why.
#[utoipa::path(tag = "permits", security(("bearer" = [])), request_body = SignedAnswer, params(("id" = Uuid, Path), ("task" = Uuid, Path)), responses((status = 200, body = RequestView),
    (status = 409, description = "`conflict`: the answer changed since its digest was read", body = Problem, content_type = "application/problem+json")))]
#[post("/permit-requests/{id}/tasks/{task}/decline")]
pub async fn decline_task(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
    body: Json<SignedAnswer>,
) -> Result<HttpResponse, ApiError> {
    task_decision(
        state,
        user,
        path.into_inner(),
        Verdict::Decline,
        body.into_inner(),
    )
    .await
}

async fn task_decision(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    (id, task): (Uuid, Uuid),
    verdict: Verdict,
    body: SignedAnswer,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let r = service::decide_task(&state, &viewer, id, task, verdict, body).await?;
    respond(&state, &viewer, r, actix_web::http::StatusCode::OK).await
}

/// A decision's PDF: the signed permit or refusal (drafts for the routed staff only).
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path), ("decision" = Uuid, Path)),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Binary)))]
#[get("/permit-requests/{id}/decisions/{decision}")]
pub async fn decision_pdf(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let (id, decision) = path.into_inner();
    let (row, bytes) = service::decision_pdf(&state, &viewer, id, decision).await?;
    Ok(file_response(
        "application/pdf",
        &format!("{}-{}.pdf", row.number, row.kind.as_str()),
        bytes,
    ))
}

/// A signed decision's CMS signature (detached, DER), over the PDF's SHA-256 hex.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path), ("decision" = Uuid, Path)),
    responses((status = 200, description = "The signature", content_type = "application/pkcs7-signature", body = Binary)))]
#[get("/permit-requests/{id}/decisions/{decision}/signature")]
pub async fn decision_signature(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let (id, decision) = path.into_inner();
    let (row, _) = service::decision_pdf(&state, &viewer, id, decision).await?;
    // Stored as the reviewer's browser sent it (base64 text); served as DER, as documented, so
    // `openssl cms -verify -inform DER` reads the file as it is.
    let signature = row.signature.ok_or(ApiError::NotFound)?;
    let der = crate::eds::encoding::to_der(signature.as_bytes()).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "the stored signature of decision {decision} is not CMS"
        ))
    })?;
    Ok(file_response(
        "application/pkcs7-signature",
        &format!("{}-{}.p7s", row.number, row.kind.as_str()),
        der,
    ))
}

/// The request's signed acts (submissions, decisions), each checked again as of its time of
/// signing: with the time-stamp and the revocation list kept with it, an act stays valid after
/// its signer's certificate expires.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = Vec<service::ActView>)))]
#[get("/permit-requests/{id}/acts")]
pub async fn acts(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Ok().json(service::acts(&state, &viewer, *id).await?))
}

/// The request's evidence package (ZIP): every signed act with what it signed (the form and its
/// documents, the decision's PDF), the signatures, time-stamp tokens, certificates, revocation
/// lists, transparency log proofs, and `verify.sh`, which checks it all with `openssl` and
/// `python3` alone (docs/evidence.md).
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, description = "The evidence package", content_type = "application/zip", body = Binary)))]
#[get("/permit-requests/{id}/evidence")]
pub async fn evidence(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    let zip = service::evidence_package(&state, &viewer, *id).await?;
    Ok(file_response(
        "application/zip",
        &format!("evidence-{id}.zip"),
        zip,
    ))
}

/// The steps of the request, oldest first: who, when, from which status to which, and why.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = Vec<HistoryEntry>)))]
#[get("/permit-requests/{id}/history")]
pub async fn history(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Ok().json(service::history(&state, &viewer, *id).await?))
}

/// The signed submission versions, each with what changed since the previous one.
#[utoipa::path(tag = "permits", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = Vec<VersionView>)))]
#[get("/permit-requests/{id}/versions")]
pub async fn versions(
    state: web::Data<PermitsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let viewer = service::viewer(&state, &user).await?;
    Ok(HttpResponse::Ok().json(service::versions(&state, &viewer, *id).await?))
}

/// Is this permit genuine and in force? The number and the code from the QR code (public; the
/// holder's name is masked). 404 `not-found` for any other number or code.
#[utoipa::path(tag = "permits", operation_id = "permit_verify", params(("number" = String, Path), VerifyQuery), responses((status = 200, body = VerifyView)))]
#[get("/permits/{number}/verify")]
pub async fn verify(
    state: web::Data<PermitsCtx>,
    number: web::Path<String>,
    query: web::Query<VerifyQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(service::verify(&state, &number, &query.code).await?))
}

/// The working-day calendar's exceptions in a year: holidays, and weekend days worked (public).
#[utoipa::path(tag = "permits", params(("year" = i32, Path)), responses((status = 200, body = Vec<CalendarDayView>)))]
#[get("/calendar/{year}")]
pub async fn calendar(
    state: web::Data<PermitsCtx>,
    year: web::Path<i32>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::calendar_year(&state.core.db, *year).await?))
}

/// Replace a year's holidays and transferred working days (new submissions count on them).
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("year" = i32, Path)), request_body = CalendarYear, responses((status = 200, body = Vec<CalendarDayView>)))]
#[put("/admin/calendar/{year}")]
pub async fn put_calendar(
    state: web::Data<PermitsCtx>,
    admin: AdminUser,
    year: web::Path<i32>,
    body: Json<CalendarYear>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(
        service::replace_calendar_year(&state, Some(admin.0.id()), *year, body.into_inner())
            .await?,
    ))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(types)
        .service(permit_type)
        .service(organisations)
        .service(put_type)
        .service(create)
        .service(list)
        .service(get_one)
        .service(update)
        .service(upload)
        .service(download)
        .service(remove_document)
        .service(digest)
        .service(submit)
        .service(withdraw)
        .service(objection_statement)
        .service(object_to_refusal)
        .service(assign)
        .service(accept)
        .service(return_request)
        .service(request_corrections)
        .service(ask_extension)
        .service(invite_co_applicant)
        .service(remove_co_applicant)
        .service(decide_extension)
        .service(refusal_statement)
        .service(preliminary_refusal)
        .service(decision_draft)
        .service(approve_request)
        .service(refuse_request)
        .service(organisation_tasks)
        .service(upload_task_document)
        .service(task_answer)
        .service(approve_task)
        .service(decline_task)
        .service(decision_pdf)
        .service(decision_signature)
        .service(acts)
        .service(evidence)
        .service(history)
        .service(versions)
        .service(verify)
        .service(calendar)
        .service(put_calendar);
}
