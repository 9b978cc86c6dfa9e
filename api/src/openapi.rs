//! The OpenAPI document, assembled from the areas' handlers by utoipa-actix-web.
//!
//! The same document is served at `/api/v1/openapi.json`, shown by Swagger UI at `/docs`, printed
//! by `saulet openapi`, and committed as `openapi/openapi.json` (a test fails when they differ).

use utoipa::{
    OpenApi,
    openapi::{self, ContentBuilder, RefOr, ResponseBuilder, path::Operation, schema::Ref},
};
use utoipa_actix_web::AppExt;

use crate::error::{FieldError, PROBLEM_JSON, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Saulet API",
        description = "Electronic permits and approvals of a city's architecture and urban-planning \
department: registration with an electronic digital signature (EDS), the user agreement, permit \
requests, their review and the signed, verifiable results.\n\n\
Errors are `application/problem+json` (RFC 9457); each `type` is a slug documented in `docs/errors.md`. \
Send `Accept-Language: kk | ru | en` for messages in that language.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    tags(
        (name = "auth", description = "Signing in with a password or the EDS, tokens, email links."),
        (name = "accounts", description = "Registration with the EDS, the profile, sessions."),
        (name = "admin", description = "Administrators' actions on accounts, and the audit log (R-3.1)."),
        (name = "consents", description = "The user agreement and the personal-data consent: versions, acceptances, evidence (R-2.1, R-2.2, R-2.7)."),
        (name = "integrations", description = "API clients of organisations and their OAuth 2.0 client-credentials tokens (docs/integrators.md)."),
        (name = "notifications", description = "The inbox, its live stream, preferences, announcements (R-3.1.3, R-4.2)."),
        (name = "permits", description = "The catalogue, permit requests from draft to decision, documents, signed submissions, review, approvals, deadlines and the verifiable decisions (R-1.2, R-2.5)."),
        (name = "transparency", description = "The transparency log of every signed act: signed tree heads, the log key, inclusion and consistency proofs (RFC 9162), public and free of personal data."),
        (name = "public", description = "Open data: the register of permits issued and refused, and the department's performance figures; free of individuals' personal data."),
        (name = "ops", description = "Health of the service, for load balancers and operators."),
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerAuth),
)]
struct ApiDoc;

/// Access tokens: `Authorization: Bearer <JWT>` (EdDSA; keys at `/.well-known/jwks.json`).
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        // API clients: the same bearer tokens, got by the client-credentials grant; Swagger UI's
        // Authorize asks `/oauth/token` for one.
        let scopes = utoipa::openapi::security::Scopes::from_iter(
            crate::accounts::scopes::SCOPES
                .iter()
                .map(|(name, what)| (name.to_string(), what.to_string())),
        );
        components.add_security_scheme(
            "oauth2",
            SecurityScheme::OAuth2(utoipa::openapi::security::OAuth2::with_description(
                [utoipa::openapi::security::Flow::ClientCredentials(
                    utoipa::openapi::security::ClientCredentials::new("/oauth/token", scopes),
                )],
                "An organisation's API client (OAuth 2.0 client credentials): register one at                  `POST /api/v1/clients`, then ask `/oauth/token`; see docs/integrators.md.",
            )),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "An access token from `POST /api/v1/auth/login` or `/auth/login/eds`.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The name of the shared error responses in `components.responses`.
const CLIENT_ERROR: &str = "ClientError";
const SERVER_ERROR: &str = "ServerError";

/// Builds the whole document: the handlers registered by [`crate::startup::api_routes`] under
/// `/api/v1`, plus the shared problem responses on every operation.
pub fn document() -> openapi::OpenApi {
    let (_, mut doc) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(utoipa_actix_web::scope("/api/v1").configure(crate::startup::api_routes))
        .configure(crate::startup::root_routes)
        .split_for_parts();
    add_problem_responses(&mut doc);
    add_client_scopes(&mut doc);
    mark_deprecated(&mut doc);
    add_links(&mut doc);
    doc
}

/// How one answer leads to the next operation: `(method, path, status, link name, operationId,
/// parameters as runtime expressions)`. Generated clients and stateful tests walk the API by them:
/// a request from its creation to its submission and history, an approval task to its answer, a
/// client to its webhooks and their deliveries.
type LinkRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const LINKS: &[LinkRow] = &[
    (
        "post",
        "/api/v1/permit-requests",
        "201",
        "GetRequest",
        "get_one",
        &[("id", "$response.body#/id")],
    ),
    (
        "post",
        "/api/v1/permit-requests",
        "201",
        "UpdateRequest",
        "update",
        &[("id", "$response.body#/id")],
    ),
    (
        "post",
        "/api/v1/permit-requests",
        "201",
        "UploadDocument",
        "upload",
        &[("id", "$response.body#/id")],
    ),
    (
        "post",
        "/api/v1/permit-requests",
        "201",
        "Digest",
        "digest",
        &[("id", "$response.body#/id")],
    ),
    (
        "post",
        "/api/v1/permit-requests",
        "201",
        "History",
        "history",
        &[("id", "$response.body#/id")],
    ),
    (
        "get",
        "/api/v1/permit-requests/{id}",
        "200",
        "Digest",
        "digest",
        &[("id", "$request.path.id")],
    ),
    (
        "get",
        "/api/v1/permit-requests/{id}",
        "200",
        "History",
        "history",
        &[("id", "$request.path.id")],
    ),
    (
        "get",
        "/api/v1/permit-requests/{id}",
        "200",
        "Versions",
        "versions",
        &[("id", "$request.path.id")],
    ),
    (
        "get",
        "/api/v1/permit-requests/{id}",
        "200",
        "Acts",
        "acts",
        &[("id", "$request.path.id")],
    ),
    (
        "post",
        "/api/v1/permit-requests/{id}/documents",
        "201",
        "DownloadDocument",
        "download",
        &[("id", "$request.path.id"), ("doc", "$response.body#/id")],
    ),
    (
        "post",
        "/api/v1/permit-requests/{id}/documents",
        "201",
        "RemoveDocument",
        "remove_document",
        &[("id", "$request.path.id"), ("doc", "$response.body#/id")],
    ),
    (
        "post",
        "/api/v1/permit-requests/{id}/documents",
        "201",
        "Digest",
        "digest",
        &[("id", "$request.path.id")],
    ),
    (
        "get",
        "/api/v1/permit-requests/{id}/digest",
        "200",
        "Submit",
        "submit",
        &[("id", "$request.path.id")],
    ),
    (
        "post",
        "/api/v1/permit-requests/{id}/submit",
        "200",
        "GetRequest",
        "get_one",
        &[("id", "$request.path.id")],
    ),
    (
        "post",
        "/api/v1/permit-requests/{id}/submit",
        "200",
        "History",
        "history",
        &[("id", "$request.path.id")],
    ),
    (
        "get",
        "/api/v1/approval-tasks",
        "200",
        "TaskAnswer",
        "task_answer",
        &[
            ("id", "$response.body#/0/request_id"),
            ("task", "$response.body#/0/task/id"),
        ],
    ),
    (
        "post",
        "/api/v1/permit-requests/{id}/tasks/{task}/answer",
        "200",
        "ApproveTask",
        "approve_task",
        &[("id", "$request.path.id"), ("task", "$request.path.task")],
    ),
    (
        "post",
        "/api/v1/permit-requests/{id}/tasks/{task}/answer",
        "200",
        "DeclineTask",
        "decline_task",
        &[("id", "$request.path.id"), ("task", "$request.path.task")],
    ),
    (
        "post",
        "/api/v1/clients",
        "201",
        "GetClient",
        "get_client",
        &[("id", "$response.body#/client/id")],
    ),
    (
        "post",
        "/api/v1/clients",
        "201",
        "CreateWebhook",
        "create_webhook",
        &[("id", "$response.body#/client/id")],
    ),
    (
        "post",
        "/api/v1/clients/{id}/webhooks",
        "201",
        "Ping",
        "ping_webhook",
        &[("id", "$response.body#/subscription/id")],
    ),
    (
        "post",
        "/api/v1/clients/{id}/webhooks",
        "201",
        "Deliveries",
        "webhook_deliveries",
        &[("id", "$response.body#/subscription/id")],
    ),
    (
        "post",
        "/api/v1/webhooks/{id}/ping",
        "202",
        "Deliveries",
        "webhook_deliveries",
        &[("id", "$request.path.id")],
    ),
    (
        "post",
        "/api/v1/webhooks/{id}/ping",
        "202",
        "Redeliver",
        "redeliver",
        &[
            ("id", "$request.path.id"),
            ("delivery", "$response.body#/id"),
        ],
    ),
];

/// Puts [`LINKS`] on their responses.
fn add_links(doc: &mut openapi::OpenApi) {
    use utoipa::openapi::link::LinkBuilder;
    for (method, path, status, name, operation_id, parameters) in LINKS {
        let Some(item) = doc.paths.paths.get_mut(*path) else {
            continue;
        };
        let operation = match *method {
            "get" => item.get.as_mut(),
            "post" => item.post.as_mut(),
            _ => None,
        };
        let Some(RefOr::T(response)) =
            operation.and_then(|o| o.responses.responses.get_mut(*status))
        else {
            continue;
        };
        let mut link = LinkBuilder::new().operation_id(*operation_id);
        for (parameter, expression) in *parameters {
            link = link.parameter(*parameter, *expression);
        }
        response
            .links
            .insert((*name).to_owned(), RefOr::T(link.build()));
    }
}

/// The operations of [`crate::http::deprecation::DEPRECATED`] are `deprecated: true`.
fn mark_deprecated(doc: &mut openapi::OpenApi) {
    use utoipa::openapi::Deprecated;
    for d in crate::http::deprecation::DEPRECATED {
        let Some(item) = doc.paths.paths.get_mut(d.path) else {
            continue;
        };
        let operation = match d.method {
            "GET" => item.get.as_mut(),
            "PUT" => item.put.as_mut(),
            "POST" => item.post.as_mut(),
            "DELETE" => item.delete.as_mut(),
            "PATCH" => item.patch.as_mut(),
            _ => None,
        };
        if let Some(operation) = operation {
            operation.deprecated = Some(Deprecated::True);
        }
    }
}

/// Every operation an API client may call also accepts the `oauth2` scheme, with the scope
/// `accounts::scopes::required` asks of it: the spec says what the server enforces.
fn add_client_scopes(doc: &mut openapi::OpenApi) {
    use actix_web::http::Method;
    use utoipa::openapi::security::SecurityRequirement;
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations: [(Method, &mut Option<Operation>); 5] = [
            (Method::GET, &mut item.get),
            (Method::PUT, &mut item.put),
            (Method::POST, &mut item.post),
            (Method::DELETE, &mut item.delete),
            (Method::PATCH, &mut item.patch),
        ];
        for (method, operation) in operations {
            let Some(operation) = operation.as_mut() else {
                continue;
            };
            let Some(security) = operation.security.as_mut() else {
                continue;
            };
            if let Some(scope) = crate::accounts::scopes::required(&method, path) {
                security.push(SecurityRequirement::new("oauth2", [scope]));
            }
        }
    }
}

/// The document as committed: pretty-printed JSON with a final newline.
pub fn to_pretty_json(doc: &openapi::OpenApi) -> String {
    let mut value = serde_json::to_value(doc).unwrap_or_default();
    fix_link_keys(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// utoipa 5.5 writes a link's `operationId` as `operation_id`; OpenAPI 3.1 (§4.8.20) names it
/// `operationId`, and tools ignore the other.
fn fix_link_keys(spec: &mut serde_json::Value) {
    let paths = spec.get_mut("paths").and_then(|p| p.as_object_mut());
    for item in paths.into_iter().flat_map(|p| p.values_mut()) {
        let operations = item
            .as_object_mut()
            .into_iter()
            .flat_map(|i| i.values_mut());
        for operation in operations {
            let responses = operation
                .get_mut("responses")
                .and_then(|r| r.as_object_mut());
            for response in responses.into_iter().flat_map(|r| r.values_mut()) {
                let links = response.get_mut("links").and_then(|l| l.as_object_mut());
                for link in links.into_iter().flat_map(|l| l.values_mut()) {
                    if let Some(link) = link.as_object_mut()
                        && let Some(id) = link.remove("operation_id")
                    {
                        link.insert("operationId".to_owned(), id);
                    }
                }
            }
        }
    }
}

/// Every operation can fail with a client error (400, 404, 405, 413, 415, 422, 429, …) or a
/// server error; both carry a problem body. Operations document their specific ones too.
fn add_problem_responses(doc: &mut openapi::OpenApi) {
    let problem = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                PROBLEM_JSON,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build()
    };
    let components = doc.components.get_or_insert_with(Default::default);
    components.responses.insert(
        CLIENT_ERROR.into(),
        RefOr::T(problem(
            "A client error; `type` says which (see docs/errors.md).",
        )),
    );
    components.responses.insert(
        SERVER_ERROR.into(),
        RefOr::T(problem("A server error; quote `request_id` to support.")),
    );
    for item in doc.paths.paths.values_mut() {
        let operations: [&mut Option<Operation>; 8] = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            let responses = &mut operation.responses.responses;
            responses.entry("4XX".into()).or_insert_with(|| {
                RefOr::Ref(Ref::new(format!("#/components/responses/{CLIENT_ERROR}")))
            });
            responses.entry("5XX".into()).or_insert_with(|| {
                RefOr::Ref(Ref::new(format!("#/components/responses/{SERVER_ERROR}")))
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_documents_problem_responses() {
        let doc = document();
        assert!(!doc.paths.paths.is_empty());
        for (path, item) in &doc.paths.paths {
            let operations = [&item.get, &item.post, &item.put, &item.patch, &item.delete];
            for operation in operations.into_iter().flatten() {
                assert!(operation.responses.responses.contains_key("4XX"), "{path}");
                assert!(operation.responses.responses.contains_key("5XX"), "{path}");
            }
        }
    }

    #[test]
    fn paths_carry_the_api_prefix() {
        let doc = document();
        assert!(doc.paths.paths.contains_key("/api/v1/health/ready"));
    }

    #[test]
    fn printing_is_stable() {
        assert_eq!(to_pretty_json(&document()), to_pretty_json(&document()));
    }
}
