//! Notifications: the one entry point other areas call (`service::notify`),
//! the in-app inbox and its live stream, preferences per category and channel, and announcements.
//! Email itself (the outbox, templates, the delivery worker, signed links and the stream hub) is
//! infrastructure, in `crate::messaging`.

pub mod dto;
pub mod entity;
pub mod event;
pub mod routes;
pub mod service;

use std::sync::Arc;

use crate::{kernel::Core, messaging::Messaging};

/// What the notifications area's handlers and workers need.
#[derive(Clone)]
pub struct NotificationsCtx {
    pub core: Core,
    pub messaging: Messaging,
    /// The department's human contact, shown on the help page (`[help]`).
    pub help: Arc<dto::HelpContact>,
}

impl NotificationsCtx {
    /// What [`service::notify`] needs, at the injected clock's now.
    pub fn notifier(&self) -> service::Notifier<'_> {
        service::Notifier::new(&self.messaging, self.core.now())
    }
}
