//! What an API client's token may do: OAuth 2.0 scopes per group of operations. A person's own
//! token is not scoped; a client's reaches only the operations its scopes name, and nothing that
//! is a person's own (their account, consents, notifications) or an administrator's.

use actix_web::http::Method;

/// Every scope a client may be given, with what it opens (also the `oauth2` security scheme's
/// scopes in the spec).
pub const SCOPES: &[(&str, &str)] = &[
    (
        "permits:read",
        "Read the organisation's permit requests, their documents, history, acts and evidence, and the catalogue",
    ),
    (
        "permits:write",
        "Create, edit, submit and withdraw the organisation's permit requests, upload documents, object",
    ),
    (
        "approvals:read",
        "List the organisation's approval tasks (reading the requests themselves needs `permits:read`)",
    ),
    (
        "approvals:write",
        "Answer the organisation's approval tasks: upload the document, approve or decline (signed)",
    ),
    (
        "webhooks:manage",
        "Subscribe the client's own webhooks, rotate their secrets, read their delivery log, redeliver, ping",
    ),
];

/// Whether `scope` is one of [`SCOPES`].
pub fn is_known(scope: &str) -> bool {
    SCOPES.iter().any(|(s, _)| *s == scope)
}

/// The scope an operation needs from a client, or `None` when clients may not call it at all.
/// `pattern` is the route's pattern as actix matched it (`/api/v1/permit-requests/{id}`).
pub fn required(method: &Method, pattern: &str) -> Option<&'static str> {
    let path = pattern.strip_prefix("/api/v1")?;
    let read = method == Method::GET || method == Method::HEAD;
    if path.starts_with("/permit-requests/{id}/tasks/") {
        return (!read).then_some("approvals:write");
    }
    if path.starts_with("/webhooks/") || path.starts_with("/clients/{id}/webhooks") {
        return Some("webhooks:manage");
    }
    if path == "/approval-tasks" {
        return read.then_some("approvals:read");
    }
    if path == "/permit-requests" || path.starts_with("/permit-requests/") {
        return Some(if read {
            "permits:read"
        } else {
            "permits:write"
        });
    }
    let catalogue = path.starts_with("/permit-types")
        || path == "/organisations"
        || path.starts_with("/calendar/");
    (read && catalogue).then_some("permits:read")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_reaches_permits_by_scope_and_nothing_personal_or_administrative() {
        for (method, pattern, scope) in [
            (Method::GET, "/api/v1/permit-requests", Some("permits:read")),
            (
                Method::GET,
                "/api/v1/permit-requests/{id}/evidence",
                Some("permits:read"),
            ),
            (
                Method::POST,
                "/api/v1/permit-requests",
                Some("permits:write"),
            ),
            (
                Method::PATCH,
                "/api/v1/permit-requests/{id}",
                Some("permits:write"),
            ),
            (
                Method::POST,
                "/api/v1/permit-requests/{id}/tasks/{task}/approve",
                Some("approvals:write"),
            ),
            (
                Method::GET,
                "/api/v1/permit-types/{code}",
                Some("permits:read"),
            ),
            (Method::GET, "/api/v1/accounts/me", None),
            (Method::POST, "/api/v1/consents", None),
            (Method::GET, "/api/v1/notifications", None),
            (Method::GET, "/api/v1/admin/accounts", None),
            (Method::PUT, "/api/v1/admin/calendar/{year}", None),
            (Method::POST, "/api/v1/clients", None),
            (
                Method::POST,
                "/api/v1/clients/{id}/webhooks",
                Some("webhooks:manage"),
            ),
            (
                Method::GET,
                "/api/v1/webhooks/{id}/deliveries",
                Some("webhooks:manage"),
            ),
        ] {
            assert_eq!(required(&method, pattern), scope, "{method} {pattern}");
        }
        assert!(SCOPES.iter().all(|(s, _)| is_known(s)));
        assert!(!is_known("admin"));
    }
}
