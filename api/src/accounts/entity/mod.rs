//! The accounts area's tables. Other areas reach them only through `accounts::service`.

pub mod account;
pub mod audit_event;
pub mod certificate;
pub mod challenge;
pub mod change;
pub mod email_token;
pub mod refresh_token;
pub mod session;
