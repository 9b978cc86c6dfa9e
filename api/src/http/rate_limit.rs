//! Per-address rate limits on the endpoints that guess-and-check attacks aim at: sign-in,
//! registration, challenges, email links and password recovery. Over the limit, a 429
//! `rate-limited` problem with `Retry-After`; every limited response carries the IETF
//! `RateLimit-Policy` and `RateLimit` headers.
//!
//! API clients (`/oauth/token` tokens) have a quota of their own, per client, whatever address
//! they call from ([`ClientRateLimit`]): checked once the token names the client, with the same
//! headers under the policy name `client`.
//!
//! The address is the client's as the trusted proxies tell it ([`super::client_address`]), IPv6
//! by its /64 (one household or host gets one prefix, and could otherwise walk through 2^64
//! addresses). On PostgreSQL the auth counters are shared by every node ([`SharedBuckets`]: the
//! same GCRA, one row per address, computed by the database in one statement on its own clock), so
//! the 31st sign-in of a minute is refused whichever node it reaches. On SQLite (one node) and
//! while the database cannot be asked, each node counts in its own memory (`governor`): a
//! database hiccup weakens the limit to "per node" for its duration instead of letting every
//! request through (guessing at full speed) or refusing every sign-in (the city locked out).

use std::{
    net::IpAddr,
    num::NonZeroU32,
    sync::{
        Arc,
        atomic::{AtomicU32, AtomicU64, Ordering},
    },
};

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
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use uuid::Uuid;

use super::client_address::ClientAddress;
use crate::error::ApiError;

type Limiter =
    RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock, StateInformationMiddleware>;

/// The limiter of the auth endpoints, shared by every worker; registered as app data.
#[derive(Clone)]
pub struct AuthRateLimit {
    limiter: Arc<Limiter>,
    shared: Option<SharedBuckets>,
    window: Window,
}

/// So many requests in so many seconds: a full bucket holds `limit`, and a spent request comes
/// back after `secs / limit` seconds (GCRA's emission interval).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub limit: u32,
    pub secs: u32,
}

impl Window {
    /// At least one request in at least one second.
    pub fn new(limit: u32, secs: u32) -> Self {
        Self {
            limit: limit.max(1),
            secs: secs.max(1),
        }
    }

    fn interval_secs(self) -> f64 {
        f64::from(self.secs) / f64::from(self.limit)
    }

    fn quota(self) -> Quota {
        let limit = NonZeroU32::new(self.limit).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(std::time::Duration::from_secs_f64(self.interval_secs()))
            .unwrap_or_else(|| Quota::per_second(limit))
            .allow_burst(limit)
    }
}

/// What one check decided: how many requests are left, or how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed { remaining: u32 },
    Refused { retry_after_secs: u64 },
}

impl AuthRateLimit {
    /// Counters in this process only.
    pub fn local(window: Window) -> Self {
        Self {
            limiter: Arc::new(
                RateLimiter::keyed(window.quota()).with_middleware::<StateInformationMiddleware>(),
            ),
            shared: None,
            window,
        }
    }

    /// Counters shared by every node through `db` when it is PostgreSQL; in this process
    /// otherwise, and while the database cannot be asked.
    pub fn shared(window: Window, db: DatabaseConnection) -> Self {
        let mut limit = Self::local(window);
        if db.get_database_backend() == DbBackend::Postgres {
            limit.shared = Some(SharedBuckets::new(db, window));
        }
        limit
    }

    /// The same limit (the same counters in this process, the same shared buckets), asking the
    /// database through `db`: an HTTP worker's own pool, so a sign-in's statements all answer on
    /// the thread that serves it ([`crate::db::worker_pools`]).
    pub fn through(&self, db: &DatabaseConnection) -> Self {
        let mut limit = self.clone();
        if let Some(shared) = &mut limit.shared {
            shared.db = db.clone();
        }
        limit
    }

    fn policy(&self) -> String {
        format!("\"auth\";q={};w={}", self.window.limit, self.window.secs)
    }

    /// Counts one request from `client`.
    pub async fn check(&self, client: IpAddr) -> Decision {
        let key = bucket_key(client);
        if let Some(shared) = &self.shared {
            match shared.check(&key).await {
                Ok(decision) => return decision,
                Err(error) => shared.degraded(&error),
            }
        }
        match self.limiter.check_key(&key) {
            Ok(snapshot) => Decision::Allowed {
                remaining: snapshot.remaining_burst_capacity(),
            },
            Err(not_until) => Decision::Refused {
                retry_after_secs: not_until
                    .wait_time_from(governor::clock::Clock::now(&DefaultClock::default()))
                    .as_secs()
                    .max(1),
            },
        }
    }
}

/// The address a limit counts: an IPv4 address, or an IPv6 address's /64 prefix.
fn bucket_key(client: IpAddr) -> IpAddr {
    match client {
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & (u128::MAX << 64);
            IpAddr::V6(prefix.into())
        }
        v4 => v4,
    }
}

/// GCRA buckets in PostgreSQL's `rate_limit_buckets`: per key, the theoretical arrival time
/// (`tat`, seconds since the epoch on the database's clock). A request is allowed when, after
/// adding one emission interval (window / limit), the TAT stands at most a window ahead of now;
/// the insert-or-update decides and counts in one statement, so nodes racing on one key are
/// serialised by the row lock and cannot both spend the last request.
#[derive(Clone)]
pub struct SharedBuckets {
    db: DatabaseConnection,
    window: Window,
    checks: Arc<AtomicU32>,
    last_warning: Arc<AtomicU64>,
}

const SPEND: &str = "INSERT INTO rate_limit_buckets AS b (key, tat) \
     VALUES ($1, extract(epoch FROM clock_timestamp()) + $2) \
     ON CONFLICT (key) DO UPDATE \
     SET tat = GREATEST(b.tat, extract(epoch FROM clock_timestamp())) + $2 \
     WHERE GREATEST(b.tat, extract(epoch FROM clock_timestamp())) + $2 \
           - extract(epoch FROM clock_timestamp()) <= $3 \
     RETURNING (tat - extract(epoch FROM clock_timestamp()))::float8 AS ahead";

const AHEAD: &str = "SELECT (tat - extract(epoch FROM clock_timestamp()))::float8 AS ahead \
     FROM rate_limit_buckets WHERE key = $1";

/// Buckets whose TAT has passed hold nothing: one in this many checks clears them.
const PRUNE_EVERY: u32 = 4096;

impl SharedBuckets {
    fn new(db: DatabaseConnection, window: Window) -> Self {
        Self {
            db,
            window,
            checks: Arc::default(),
            last_warning: Arc::default(),
        }
    }

    async fn check(&self, key: &IpAddr) -> Result<Decision, sea_orm::DbErr> {
        let key = format!("auth:{key}");
        let spent = self
            .db
            .query_one(Statement::from_sql_and_values(
                DbBackend::Postgres,
                SPEND,
                [
                    key.clone().into(),
                    self.window.interval_secs().into(),
                    f64::from(self.window.secs).into(),
                ],
            ))
            .await?;
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            let db = self.db.clone();
            tokio::spawn(async move {
                let _ = db
                    .execute_unprepared(
                        "DELETE FROM rate_limit_buckets \
                         WHERE tat < extract(epoch FROM clock_timestamp())",
                    )
                    .await;
            });
        }
        if let Some(row) = spent {
            let ahead: f64 = row.try_get("", "ahead")?;
            let window = f64::from(self.window.secs);
            let left = ((window - ahead) / self.window.interval_secs() + 1e-9).floor();
            return Ok(Decision::Allowed {
                remaining: (left.max(0.0) as u32).min(self.window.limit),
            });
        }
        let ahead: f64 = match self
            .db
            .query_one(Statement::from_sql_and_values(
                DbBackend::Postgres,
                AHEAD,
                [key.into()],
            ))
            .await?
        {
            Some(row) => row.try_get("", "ahead")?,
            None => f64::from(self.window.secs),
        };
        // The next request fits once the TAT plus one interval is a window ahead again.
        let wait = (ahead + self.window.interval_secs() - f64::from(self.window.secs))
            .ceil()
            .max(1.0);
        Ok(Decision::Refused {
            retry_after_secs: wait as u64,
        })
    }

    /// Says once a minute that the shared counters are out of reach and this node counts alone.
    fn degraded(&self, error: &sea_orm::DbErr) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let last = self.last_warning.load(Ordering::Relaxed);
        if now >= last + 60
            && self
                .last_warning
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            tracing::warn!(
                %error,
                "the shared rate-limit counters cannot be reached; this node limits sign-ins on its own until they can"
            );
        }
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
    let address = ClientAddress::current().map_or_else(
        || {
            req.peer_addr()
                .map_or(IpAddr::from([0, 0, 0, 0]), |peer| peer.ip())
        },
        |client| client.ip,
    );
    let policy = HeaderValue::from_str(&limit.policy()).ok();
    match limit.check(address).await {
        Decision::Allowed { remaining } => {
            let mut response = next.call(req).await?.map_into_left_body();
            let headers = response.headers_mut();
            if let Some(policy) = policy {
                headers.insert(HeaderName::from_static("ratelimit-policy"), policy);
            }
            let reset = limit.window.secs;
            if let Ok(value) = HeaderValue::from_str(&format!("\"auth\";r={remaining};t={reset}")) {
                headers.insert(HeaderName::from_static("ratelimit"), value);
            }
            Ok(response)
        }
        Decision::Refused {
            retry_after_secs: wait,
        } => {
            tracing::warn!(client = %address, "auth rate limit reached");
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
