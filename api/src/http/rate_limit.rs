//! Per-address rate limits on the endpoints that guess-and-check attacks aim at: sign-in,
//! registration, challenges, email links and password recovery. Over the limit, a 429
//! `rate-limited` problem with `Retry-After`; every limited response carries the IETF
//! `RateLimit-Policy` and `RateLimit` headers.
//!
//! API clients (`/oauth/token` tokens) have a quota of their own, per client, whatever address
//! they call from ([`ClientRateLimit`]): checked once the token names the client, with the same
//! headers under the policy name `client`.
//!
//! Counters live in this process (`governor`'s GCRA). With several nodes each node limits on its
//! own, so the effective limit is the per-node limit times the nodes; `docs/scaling.md` says how
//! to move the counters to a shared store.

use std::{net::IpAddr, num::NonZeroU32, sync::Arc};

use actix_web::{
    Error, ResponseError,
    body::{EitherBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::{
        Method,
        header::{HeaderName, HeaderValue},
    },
    middleware::Next,
};
use governor::{
    Quota, RateLimiter, clock::DefaultClock, middleware::StateInformationMiddleware,
    state::keyed::DefaultKeyedStateStore,
};

use actix_web::{HttpMessage, HttpRequest};
use uuid::Uuid;

use crate::error::ApiError;

type Limiter =
    RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock, StateInformationMiddleware>;

/// The limiter of the auth endpoints, shared by every worker; registered as app data.
#[derive(Clone)]
pub struct AuthRateLimit {
    limiter: Arc<Limiter>,
    per_minute: u32,
}

impl AuthRateLimit {
    pub fn per_minute(per_minute: u32) -> Self {
        let per_minute = per_minute.max(1);
        let quota = Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN));
        Self {
            limiter: Arc::new(
                RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>(),
            ),
            per_minute,
        }
    }

    fn policy(&self) -> String {
        format!("\"auth\";q={};w=60", self.per_minute)
    }
}

type ClientLimiter =
    RateLimiter<Uuid, DefaultKeyedStateStore<Uuid>, DefaultClock, StateInformationMiddleware>;

/// The per-client quota (`server.client_rate_limit_per_minute`); registered as app data.
#[derive(Clone)]
pub struct ClientRateLimit {
    limiter: Arc<ClientLimiter>,
    per_minute: u32,
}

/// What a client has left this minute, kept on the request for the response's headers.
#[derive(Debug, Clone, Copy)]
struct ClientQuota {
    per_minute: u32,
    remaining: u32,
    reset_secs: u64,
}

impl ClientRateLimit {
    pub fn per_minute(per_minute: u32) -> Self {
        let per_minute = per_minute.max(1);
        let quota = Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN));
        Self {
            limiter: Arc::new(
                RateLimiter::keyed(quota).with_middleware::<StateInformationMiddleware>(),
            ),
            per_minute,
        }
    }

    /// Counts one request of `client`: 429 `rate-limited` past its quota. What is left goes on
    /// `req`, for the `RateLimit` headers of the response.
    pub fn check(&self, req: &HttpRequest, client: Uuid) -> Result<(), ApiError> {
        let (remaining, reset_secs, outcome) = match self.limiter.check_key(&client) {
            Ok(snapshot) => (snapshot.remaining_burst_capacity(), 60, Ok(())),
            Err(not_until) => {
                let wait = not_until
                    .wait_time_from(governor::clock::Clock::now(&DefaultClock::default()))
                    .as_secs()
                    .max(1);
                tracing::warn!(%client, "an API client's rate limit reached");
                (
                    0,
                    wait,
                    Err(ApiError::RateLimited {
                        retry_after_secs: wait,
                    }),
                )
            }
        };
        req.extensions_mut().insert(ClientQuota {
            per_minute: self.per_minute,
            remaining,
            reset_secs,
        });
        outcome
    }
}

/// The `RateLimit-Policy` and `RateLimit` headers of a client's request, if it was counted.
fn client_headers<B>(response: &mut ServiceResponse<B>) {
    let quota = response
        .request()
        .extensions()
        .get::<ClientQuota>()
        .copied();
    let Some(quota) = quota else {
        return;
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&format!("\"client\";q={};w=60", quota.per_minute)) {
        headers.insert(HeaderName::from_static("ratelimit-policy"), value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!(
        "\"client\";r={};t={}",
        quota.remaining, quota.reset_secs
    )) {
        headers.insert(HeaderName::from_static("ratelimit"), value);
    }
}

/// The requests that count: POSTs to `/api/v1/auth/…`, registration, and API clients' token
/// requests.
fn limited(req: &ServiceRequest) -> bool {
    req.method() == Method::POST
        && (req.path().starts_with("/api/v1/auth/")
            || req.path() == "/api/v1/accounts"
            || req.path() == "/oauth/token")
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let limit = match req.app_data::<AuthRateLimit>() {
        Some(limit) if limited(&req) => limit.clone(),
        _ => {
            let mut response = next.call(req).await?;
            client_headers(&mut response);
            return Ok(response.map_into_left_body());
        }
    };
    let address = req
        .peer_addr()
        .map_or(IpAddr::from([0, 0, 0, 0]), |peer| peer.ip());
    let policy = HeaderValue::from_str(&limit.policy()).ok();
    match limit.limiter.check_key(&address) {
        Ok(snapshot) => {
            let mut response = next.call(req).await?.map_into_left_body();
            let headers = response.headers_mut();
            if let Some(policy) = policy {
                headers.insert(HeaderName::from_static("ratelimit-policy"), policy);
            }
            if let Ok(value) = HeaderValue::from_str(&format!(
                "\"auth\";r={};t=60",
                snapshot.remaining_burst_capacity()
            )) {
                headers.insert(HeaderName::from_static("ratelimit"), value);
            }
            Ok(response)
        }
        Err(not_until) => {
            let wait = not_until
                .wait_time_from(governor::clock::Clock::now(&DefaultClock::default()))
                .as_secs()
                .max(1);
            tracing::warn!("auth rate limit reached");
            let mut response = ApiError::RateLimited {
                retry_after_secs: wait,
            }
            .error_response();
            let headers = response.headers_mut();
            if let Some(policy) = policy {
                headers.insert(HeaderName::from_static("ratelimit-policy"), policy);
            }
            if let Ok(value) = HeaderValue::from_str(&format!("\"auth\";r=0;t={wait}")) {
                headers.insert(HeaderName::from_static("ratelimit"), value);
            }
            let (request, _) = req.into_parts();
            Ok(ServiceResponse::new(request, response).map_into_right_body())
        }
    }
}
