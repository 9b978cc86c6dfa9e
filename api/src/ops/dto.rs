use serde::Serialize;
use utoipa::ToSchema;

/// The process is up and serving HTTP.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "ok"}))]
pub struct Liveness {
    /// Always `ok` when the process answers.
    pub status: &'static str,
}

/// The process can do useful work: its dependencies answer.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "ok", "checks": {"database": "ok"}}))]
pub struct Readiness {
    /// `ok` when every check passed.
    pub status: &'static str,
    pub checks: ReadinessChecks,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadinessChecks {
    /// `ok` when the database answered a ping.
    pub database: &'static str,
}
