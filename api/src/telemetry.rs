//! Logging with `tracing`: human-readable by default, JSON lines when `log.format = "json"`.
//! Request logs carry the request id (see `http::request_context`) and never personal data.
//!
//! ERROR is for what an operator must act on. A client's malformed request (a header with a NUL
//! byte, a broken request line) is answered `400` by the HTTP layer, which also reports it as an
//! ERROR "stream error"; [`ClientFaults`] turns that report into a DEBUG line.

use std::fmt::Write as _;

use tracing::{Event, Level, Subscriber, field::Field};
use tracing_subscriber::{
    EnvFilter, Layer, fmt, layer::Context, layer::SubscriberExt, util::SubscriberInitExt,
};

use crate::config::{LogConfig, LogFormat};

/// Installs the global subscriber once; later calls (tests start many apps) are no-ops.
pub fn init(config: &LogConfig) {
    let filter = EnvFilter::try_new(&config.level).unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry()
        .with(filter)
        .with(ClientFaults);
    let _ = match config.format {
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .with_target(false)
                    .json()
                    .flatten_event(true)
                    .with_current_span(true),
            )
            .try_init(),
        LogFormat::Pretty => registry.with(fmt::layer().with_target(false)).try_init(),
    };
}

/// The HTTP layer's ERROR reports about a client's broken connection or request.
pub struct ClientFaults;

/// Whether an event is the HTTP layer's report of a client's fault.
fn is_client_fault(event: &Event<'_>) -> Option<String> {
    let meta = event.metadata();
    if *meta.level() != Level::ERROR || !meta.target().starts_with("actix_http::h1::dispatcher") {
        return None;
    }
    let mut message = String::new();
    event.record(&mut |field: &Field, value: &dyn std::fmt::Debug| {
        if field.name() == "message" {
            let _ = write!(message, "{value:?}");
        }
    });
    message.starts_with("stream error").then_some(message)
}

impl<S: Subscriber> Layer<S> for ClientFaults {
    fn event_enabled(&self, event: &Event<'_>, _ctx: Context<'_, S>) -> bool {
        match is_client_fault(event) {
            Some(message) => {
                tracing::debug!(%message, "a client's malformed request was refused");
                false
            }
            None => true,
        }
    }
}
