//! Saulet: the electronic permits and approvals of a city's architecture and urban-planning
//! department. The library is the whole application; `main.rs` only parses the command line.
//!
//! Areas stand on a shared floor (`config`, `db`, `error`, `http`, `i18n`); see `docs/architecture.md`.

pub mod accounts;
pub mod clock;
pub mod config;
pub mod consents;
pub mod db;
pub mod eds;
pub mod error;
pub mod evidence;
pub mod http;
pub mod i18n;
pub mod integrations;
pub mod kernel;
pub mod messaging;
pub mod notifications;
pub mod openapi;
pub mod ops;
pub mod permits;
pub mod request_context;
pub mod secrets;
pub mod startup;
pub mod telemetry;

pub use startup::Application;
