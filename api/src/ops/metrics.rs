//! `GET /metrics` in the Prometheus text format: requests by route, method and status, their
//! latency, the SQL statements each request sent (an N+1 shows as a high count), the database
//! pool, the email outbox's depth and its failures.
//!
//! The request metrics are recorded by the request-context middleware; the statement count comes
//! from sea-orm's per-statement callback, attributed to the request whose task sent it.

use std::sync::Arc;

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGaugeVec, Opts, Registry,
    TextEncoder,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::messaging::outbox::{self, EmailState};

/// One process's metrics.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    statements: HistogramVec,
    statements_total: IntCounter,
    pool: IntGaugeVec,
    outbox: IntGaugeVec,
    /// The pools the pool gauges add up: the shared one and each HTTP worker's.
    pools: std::sync::Mutex<Vec<DatabaseConnection>>,
}

impl Metrics {
    pub fn new() -> Result<Arc<Self>, prometheus::Error> {
        let registry = Registry::new_custom(Some("saulet".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered"),
            &["route", "method", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to answer").buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["route", "method"],
        )?;
        let statements = HistogramVec::new(
            HistogramOpts::new(
                "db_statements_per_request",
                "SQL statements sent while answering one request",
            )
            .buckets(vec![
                0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 15.0, 20.0, 50.0,
            ]),
            &["route", "method"],
        )?;
        let statements_total =
            IntCounter::new("db_statements_total", "SQL statements sent by requests")?;
        let pool = IntGaugeVec::new(
            Opts::new("db_pool_connections", "Database pool connections"),
            &["state"],
        )?;
        let outbox = IntGaugeVec::new(
            Opts::new("email_outbox", "Emails in the outbox by state"),
            &["state"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(statements.clone()))?;
        registry.register(Box::new(statements_total.clone()))?;
        registry.register(Box::new(pool.clone()))?;
        registry.register(Box::new(outbox.clone()))?;
        Ok(Arc::new(Self {
            registry,
            requests,
            latency,
            statements,
            statements_total,
            pool,
            outbox,
            pools: std::sync::Mutex::default(),
        }))
    }

    /// Records one answered request. `route` is the matched pattern (never the raw path, which
    /// would hold ids and explode the label set).
    pub fn record(&self, route: &str, method: &str, status: u16, seconds: f64, statements: u32) {
        let route = if route.is_empty() { "unmatched" } else { route };
        self.requests
            .with_label_values(&[route, method, &status.to_string()])
            .inc();
        self.latency
            .with_label_values(&[route, method])
            .observe(seconds);
        self.statements
            .with_label_values(&[route, method])
            .observe(f64::from(statements));
        self.statements_total.inc_by(u64::from(statements));
    }

    /// Counts `pool` (the shared one, or an HTTP worker's own) in the pool gauges.
    pub fn watch_pool(&self, pool: DatabaseConnection) {
        self.pools
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(pool);
    }

    /// The text exposition, with the gauges read now; the outbox counted through `db`.
    pub async fn render(&self, db: &DatabaseConnection) -> String {
        let pools = self
            .pools
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let (mut size, mut idle) = (0, 0);
        for pool in &pools {
            match pool.get_database_backend() {
                sea_orm::DatabaseBackend::Postgres => {
                    let pool = pool.get_postgres_connection_pool();
                    (size, idle) = (size + pool.size(), idle + pool.num_idle());
                }
                sea_orm::DatabaseBackend::Sqlite => {
                    let pool = pool.get_sqlite_connection_pool();
                    (size, idle) = (size + pool.size(), idle + pool.num_idle());
                }
                _ => {}
            }
        }
        self.set_pool(size, idle);
        for (name, states) in [
            (
                "queued",
                vec![EmailState::Queued, EmailState::FailedTemporary],
            ),
            ("sending", vec![EmailState::Sending]),
            ("failed", vec![EmailState::FailedPermanent]),
        ] {
            let count = outbox::Entity::find()
                .filter(outbox::Column::State.is_in(states))
                .count(db)
                .await;
            match count {
                Ok(n) => self
                    .outbox
                    .with_label_values(&[name])
                    .set(i64::try_from(n).unwrap_or(i64::MAX)),
                Err(error) => tracing::warn!(%error, "the outbox could not be counted"),
            }
        }
        let mut out = Vec::new();
        if let Err(error) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::warn!(%error, "metrics could not be encoded");
        }
        String::from_utf8(out).unwrap_or_default()
    }

    fn set_pool(&self, size: u32, idle: usize) {
        self.pool.with_label_values(&["open"]).set(i64::from(size));
        self.pool
            .with_label_values(&["idle"])
            .set(i64::try_from(idle).unwrap_or(i64::MAX));
    }
}

impl crate::http::request_context::RequestObserver for Metrics {
    fn record(&self, route: &str, method: &str, status: u16, seconds: f64, statements: u32) {
        Metrics::record(self, route, method, status, seconds, statements);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_requests_by_route_and_counts_statements() {
        let metrics = Metrics::new().expect("metrics");
        metrics.record("/api/v1/accounts/me", "GET", 200, 0.002, 2);
        metrics.record("", "GET", 404, 0.001, 0);
        let families = metrics.registry.gather();
        let text = {
            let mut out = Vec::new();
            TextEncoder::new()
                .encode(&families, &mut out)
                .expect("encodes");
            String::from_utf8(out).expect("utf-8")
        };
        assert!(text.contains(
            r#"saulet_http_requests_total{method="GET",route="/api/v1/accounts/me",status="200"} 1"#
        ));
        assert!(text.contains(
            r#"saulet_db_statements_per_request_sum{method="GET",route="/api/v1/accounts/me"} 2"#
        ));
        assert!(text.contains(r#"route="unmatched""#));
    }
}
