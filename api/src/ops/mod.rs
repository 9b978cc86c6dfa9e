//! Operations: liveness and readiness for orchestrators and load balancers, the
//! Prometheus metrics, and giving freed memory back to the kernel.

pub mod dto;
pub mod memory;
pub mod metrics;
pub mod routes;
