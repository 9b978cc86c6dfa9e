//! Operations: liveness and readiness for orchestrators and load balancers, the
//! Prometheus metrics, and giving freed memory back to the kernel.

pub mod dto;
pub mod memory;
pub mod metrics;
pub mod routes;

use std::sync::Arc;

use crate::kernel::Core;

/// What the health and metrics handlers need.
#[derive(Clone)]
pub struct OpsCtx {
    pub core: Core,
    pub metrics: Arc<metrics::Metrics>,
    /// SHA-256 of `server.metrics_token`; `None`: `/metrics` is off.
    pub metrics_token_sha256: Option<[u8; 32]>,
}
