//! The notifications area's tables (the mail outbox is `super::outbox`).

pub mod announcement;
pub mod notification;
pub mod preference;
