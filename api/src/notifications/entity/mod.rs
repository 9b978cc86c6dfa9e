//! The notifications area's tables (the mail outbox is `crate::messaging::outbox`).

pub mod announcement;
pub mod notification;
pub mod preference;
