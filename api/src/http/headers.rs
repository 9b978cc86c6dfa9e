//! Security and caching headers on every response.
//!
//! The SPA gets a strict Content-Security-Policy (everything from our own origin, nothing inline,
//! no framing); Swagger UI at `/docs` additionally needs inline styles; API responses get the
//! strictest policy. Hashed SPA assets are cached for a year; `index.html` is always revalidated.

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{self, HeaderName, HeaderValue},
    middleware::Next,
};

// `wss://127.0.0.1:13579` is NCALayer, the national signing app on the user's own computer.
const CSP_SPA: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self' wss://127.0.0.1:13579; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
const CSP_DOCS: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
const CSP_API: &str = "default-src 'none'; frame-ancestors 'none'";

/// Which part of the site a path belongs to.
#[derive(Debug, PartialEq, Eq)]
enum Area {
    Api,
    Docs,
    SpaAsset,
    Spa,
}

fn area(path: &str) -> Area {
    if path.starts_with("/api/") || path == "/api" || path.starts_with("/.well-known/") {
        Area::Api
    } else if path == "/docs" || path.starts_with("/docs/") {
        Area::Docs
    } else if path.starts_with("/assets/") {
        Area::SpaAsset
    } else {
        Area::Spa
    }
}

/// Whether to send `Strict-Transport-Security`; registered as app data.
#[derive(Debug, Clone, Copy)]
pub struct Hsts(pub bool);

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let area = area(req.path());
    let hsts = req.app_data::<Hsts>().is_some_and(|h| h.0);
    let mut response = next.call(req).await?;
    apply(response.headers_mut(), &area, hsts);
    Ok(response)
}

fn apply(headers: &mut actix_web::http::header::HeaderMap, area: &Area, hsts: bool) {
    let csp = match area {
        Area::Api => CSP_API,
        Area::Docs => CSP_DOCS,
        Area::Spa | Area::SpaAsset => CSP_SPA,
    };
    let mut set = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CONTENT_SECURITY_POLICY, csp);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if hsts {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
    match area {
        Area::SpaAsset => set(header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        Area::Spa | Area::Docs => set(header::CACHE_CONTROL, "no-cache"),
        Area::Api => set(header::CACHE_CONTROL, "no-store"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fall_into_their_areas() {
        assert_eq!(area("/api/v1/health/live"), Area::Api);
        assert_eq!(area("/.well-known/jwks.json"), Area::Api);
        assert_eq!(area("/docs/"), Area::Docs);
        assert_eq!(area("/docs"), Area::Docs);
        assert_eq!(area("/assets/index-abc.js"), Area::SpaAsset);
        assert_eq!(area("/permits/42/verify"), Area::Spa);
        assert_eq!(area("/apiary"), Area::Spa);
    }

    #[test]
    fn a_header_the_handler_set_is_kept() {
        let mut headers = actix_web::http::header::HeaderMap::new();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private"));
        apply(&mut headers, &Area::Api, false);
        assert_eq!(
            headers.get(header::CACHE_CONTROL).map(|v| v.as_bytes()),
            Some(&b"private"[..])
        );
        assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    }
}
