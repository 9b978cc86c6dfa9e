//! Notifications: for now the email side, an outbox written in the caller's
//! transaction and a worker that delivers it. The in-app inbox will live beside it.

pub mod mailer;
pub mod outbox;
pub mod templates;
