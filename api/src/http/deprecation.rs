//! Deprecation and sunset (docs/api-versioning.md): an operation to be removed stays for at least
//! six months after it is announced, and every answer it gives says so: `Deprecation` (RFC 9745:
//! `@<Unix time>` of the announcement), `Sunset` (RFC 8594: the HTTP date it goes) and a `Link`
//! with `rel="deprecation"` to the notice. The spec marks it `deprecated: true`.
//!
//! [`DEPRECATED`] is the one list: the middleware, the spec and the docs read it.

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{HeaderName, HeaderValue},
    middleware::Next,
};
use chrono::{DateTime, Utc};

/// An operation to be removed.
#[derive(Debug, Clone, Copy)]
pub struct Deprecated {
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// The route as the spec names it, e.g. `/api/v1/permit-requests/{id}`.
    pub path: &'static str,
    /// When the deprecation was announced (RFC 3339).
    pub since: &'static str,
    /// When it stops answering (RFC 3339), at least six months after `since`.
    pub sunset: &'static str,
    /// The notice: what replaces it.
    pub link: &'static str,
}

/// Nothing of `/api/v1` is deprecated today.
pub const DEPRECATED: &[Deprecated] = &[];

/// The list the middleware reads; app data, so tests can bring their own.
#[derive(Debug, Clone, Copy)]
pub struct Deprecations(pub &'static [Deprecated]);

impl Default for Deprecations {
    fn default() -> Self {
        Self(DEPRECATED)
    }
}

impl Deprecated {
    /// The three headers of its answers; `None` when a date does not parse.
    pub fn headers(&self) -> Option<[(HeaderName, HeaderValue); 3]> {
        let since = DateTime::parse_from_rfc3339(self.since)
            .ok()?
            .with_timezone(&Utc);
        let sunset = DateTime::parse_from_rfc3339(self.sunset)
            .ok()?
            .with_timezone(&Utc);
        Some([
            (
                HeaderName::from_static("deprecation"),
                HeaderValue::from_str(&format!("@{}", since.timestamp())).ok()?,
            ),
            (
                HeaderName::from_static("sunset"),
                HeaderValue::from_str(&sunset.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
                    .ok()?,
            ),
            (
                HeaderName::from_static("link"),
                HeaderValue::from_str(&format!("<{}>; rel=\"deprecation\"", self.link)).ok()?,
            ),
        ])
    }
}

/// Adds the headers to the answers of a deprecated operation.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let list = req.app_data::<Deprecations>().copied().unwrap_or_default();
    let mut response = next.call(req).await?;
    if list.0.is_empty() {
        return Ok(response);
    }
    // Asked of the answered request: routing has found the resource, so its pattern is read off
    // the route (before routing, actix would try the path against every route's pattern).
    let request = response.request();
    let found = request.match_pattern().and_then(|pattern| {
        list.0
            .iter()
            .find(|d| d.path == pattern && d.method == request.method().as_str())
            .copied()
    });
    if let Some(headers) = found.and_then(|d| d.headers()) {
        for (name, value) in headers {
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use actix_web::{App, HttpResponse, middleware::from_fn, test as http, web};

    use super::*;

    static OLD: &[Deprecated] = &[Deprecated {
        method: "GET",
        path: "/api/v1/old/{id}",
        since: "2027-01-01T00:00:00Z",
        sunset: "2027-08-01T00:00:00Z",
        link: "https://saulet.example.kz/docs/api-versioning#old",
    }];

    #[test]
    fn every_listed_operation_has_valid_dates_at_least_six_months_apart() {
        for d in DEPRECATED.iter().chain(OLD) {
            assert!(d.headers().is_some(), "{d:?}");
            let since = DateTime::parse_from_rfc3339(d.since).expect("a date");
            let sunset = DateTime::parse_from_rfc3339(d.sunset).expect("a date");
            assert!(sunset - since >= chrono::Duration::days(182), "{d:?}");
        }
    }

    #[actix_web::test]
    async fn a_deprecated_operation_says_so_and_others_do_not() {
        let app = http::init_service(
            App::new()
                .app_data(Deprecations(OLD))
                .wrap(from_fn(middleware))
                .route("/api/v1/old/{id}", web::get().to(HttpResponse::Ok))
                .route("/api/v1/old/{id}", web::post().to(HttpResponse::Ok))
                .route("/api/v1/new/{id}", web::get().to(HttpResponse::Ok)),
        )
        .await;
        let old = http::call_service(
            &app,
            http::TestRequest::get().uri("/api/v1/old/7").to_request(),
        )
        .await;
        let header = |name: &str| {
            old.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        assert_eq!(header("deprecation").as_deref(), Some("@1798761600"));
        assert_eq!(
            header("sunset").as_deref(),
            Some("Sun, 01 Aug 2027 00:00:00 GMT")
        );
        assert_eq!(
            header("link").as_deref(),
            Some("<https://saulet.example.kz/docs/api-versioning#old>; rel=\"deprecation\"")
        );
        for request in [
            http::TestRequest::post().uri("/api/v1/old/7").to_request(),
            http::TestRequest::get().uri("/api/v1/new/7").to_request(),
        ] {
            let answer = http::call_service(&app, request).await;
            assert!(answer.headers().get("deprecation").is_none());
        }
    }
}
