//! Operations: liveness and readiness for orchestrators and load balancers.

pub mod dto;
pub mod routes;
