//! The permits area's tables.

pub mod calendar_day;
pub mod decision;
pub mod document;
pub mod history;
pub mod idempotency;
pub mod organisation;
pub mod permit_type;
pub mod request;
pub mod task;
pub mod version;
