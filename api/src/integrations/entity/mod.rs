//! The integrations area's tables.

pub mod api_client;
pub mod client_assertion;
pub mod webhook_delivery;
pub mod webhook_subscription;
