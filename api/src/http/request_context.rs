//! Per-request context: a request id (`X-Request-Id`, taken from the client when well-formed,
//! else a new UUID v7, and echoed), the negotiated language, a tracing span, one log line per
//! request, and a guard that turns any non-problem error response into problem+json.
//!
//! Logs carry the method, the path without its query string, the status and the latency: never
//! query strings, headers or bodies, which may hold tokens or personal data.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU32, Ordering},
    },
    time::Instant,
};

use actix_web::{
    Error, HttpMessage, ResponseError,
    body::{EitherBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::header::{self, HeaderName, HeaderValue},
    middleware::Next,
};
use tracing::Instrument;

use super::client_address::TrustedProxies;
pub use crate::request_context::{RequestContext, count_statement, current};
use crate::{
    error::{ApiError, PROBLEM_JSON},
    i18n::Lang,
    request_context,
};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Who is told of every answered request (the metrics, registered by the composition root as
/// `web::Data<dyn RequestObserver>`): its route pattern, method, status, seconds and statements.
pub trait RequestObserver: Send + Sync + 'static {
    fn record(&self, route: &str, method: &str, status: u16, seconds: f64, statements: u32);
}

/// A client-supplied id is kept only when it is short and plain, so it is safe to log and echo.
fn acceptable_request_id(value: &HeaderValue) -> Option<String> {
    let text = value.to_str().ok()?;
    let plain = !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    plain.then(|| text.to_owned())
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(acceptable_request_id)
        .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    let lang = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::negotiate)
        .unwrap_or(Lang::API_DEFAULT);
    let statements = Arc::new(AtomicU32::new(0));
    let client = match req.app_data::<TrustedProxies>() {
        Some(proxies) => proxies.resolve_request(&req),
        None => TrustedProxies::default().resolve_request(&req),
    };
    let context = RequestContext {
        id: id.clone(),
        path: req.path().to_owned(),
        lang,
        statements: statements.clone(),
        client,
        reads_primary: Arc::default(),
    };
    let observer = req
        .app_data::<actix_web::web::Data<dyn RequestObserver>>()
        .cloned();
    let method = req.method().to_string();
    req.extensions_mut().insert(context.clone());

    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %req.method(),
        path = %req.path(),
        client = %client.ip,
        forwarded = client.forwarded,
    );
    let started = Instant::now();
    let outcome = request_context::scope(context, async move {
        let result = next.call(req).await;
        result.map(problem_guard)
    })
    .instrument(span.clone())
    .await;

    let _entered = span.enter();
    match outcome {
        Ok(mut response) => {
            let status = response.status().as_u16();
            let route = response.request().match_pattern().unwrap_or_default();
            let seconds = started.elapsed().as_secs_f64();
            let latency_ms = seconds * 1000.0;
            let statements = statements.load(Ordering::Relaxed);
            if let Some(observer) = &observer {
                observer.record(&route, &method, status, seconds, statements);
            }
            if status >= 500 {
                tracing::warn!(status, route, latency_ms, statements, "request completed");
            } else {
                tracing::info!(status, route, latency_ms, statements, "request completed");
            }
            if let Ok(value) = HeaderValue::from_str(&id) {
                response.headers_mut().insert(REQUEST_ID, value);
            }
            Ok(response)
        }
        Err(err) => {
            tracing::warn!(error = %err, "request failed before a response");
            Err(err)
        }
    }
}

/// Any error response that is not already problem+json (from a middleware, the file server or
/// actix itself) is replaced by the problem for its status, so clients see one error format.
fn problem_guard<B: MessageBody>(response: ServiceResponse<B>) -> ServiceResponse<EitherBody<B>> {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !status.is_client_error() && !status.is_server_error() || is_problem {
        return response.map_into_left_body();
    }
    let (request, original) = response.into_parts();
    let mut replacement = ApiError::for_status(status).error_response();
    *replacement.status_mut() = status;
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(value) = original.headers().get(&name) {
            replacement.headers_mut().insert(name, value.clone());
        }
    }
    ServiceResponse::new(request, replacement).map_into_right_body()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_request_ids_are_kept_and_others_replaced() {
        let ok = HeaderValue::from_static("abc-123_x.y");
        assert_eq!(acceptable_request_id(&ok).as_deref(), Some("abc-123_x.y"));
        for bad in ["", "has space", "semi;colon", "ünï"] {
            if let Ok(value) = HeaderValue::from_str(bad) {
                assert_eq!(acceptable_request_id(&value), None, "{bad:?}");
            }
        }
        let long = HeaderValue::from_str(&"a".repeat(65)).expect("ascii");
        assert_eq!(acceptable_request_id(&long), None);
    }
}
