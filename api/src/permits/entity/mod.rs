//! The permits area's tables.

pub mod calendar_day;
pub mod calendar_year;
pub mod co_applicant;
pub mod decision;
pub mod document;
pub mod history;
pub mod idempotency;
pub mod organisation;
pub mod performance;
pub mod permit_type;
pub mod permit_type_version;
pub mod register_entry;
pub mod request;
pub mod request_view;
pub mod task;
pub mod time_extension;
pub mod version;
