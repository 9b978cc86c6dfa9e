//! CORS for a SPA served from another origin (`server.cors_allowed_origins`). With no origins
//! configured the middleware is off: the SPA is same-origin and no CORS headers are sent.

use actix_cors::Cors;
use actix_web::http::{Method, header};

pub fn cors(allowed_origins: &[String]) -> Cors {
    let cors = Cors::default()
        .allowed_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_MATCH,
            header::HeaderName::from_static("idempotency-key"),
            header::HeaderName::from_static("x-request-id"),
        ])
        .expose_headers([
            header::ETAG,
            header::LOCATION,
            header::RETRY_AFTER,
            header::HeaderName::from_static("x-request-id"),
            header::HeaderName::from_static("ratelimit"),
            header::HeaderName::from_static("ratelimit-policy"),
        ])
        .supports_credentials()
        .max_age(3600);
    allowed_origins
        .iter()
        .fold(cors, |cors, origin| cors.allowed_origin(origin))
}
