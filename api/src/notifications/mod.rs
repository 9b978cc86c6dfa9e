//! Notifications: the one entry point other areas call (`service::notify`),
//! the in-app inbox and its live stream, preferences per category and channel, announcements,
//! and email: an outbox written in the caller's transaction and a worker that delivers it.

pub mod dto;
pub mod entity;
pub mod event;
pub mod links;
pub mod mailer;
pub mod outbox;
pub mod routes;
pub mod service;
pub mod sse;
pub mod templates;
