//! Operations: liveness and readiness for orchestrators and load balancers, and the
//! Prometheus metrics.

pub mod dto;
pub mod metrics;
pub mod routes;
