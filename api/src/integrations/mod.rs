//! Integrations: organisations' API clients and their OAuth 2.0 client-credentials tokens
//! (RFC 6749 §4.4, with `client_secret_basic` or `private_key_jwt`, RFC 7523). A client acts for
//! its organisation through the account of the person who registered it, limited to its scopes
//! (`accounts::scopes`). See docs/integrators.md.
//!
//! `routes` (thin handlers) → `service` (clients) and `token` (the token endpoint) → `entity`;
//! [`webhooks`] holds the subscriptions, the outbox of deliveries and the delivery worker.

pub mod dto;
pub mod entity;
pub mod routes;
pub mod service;
pub mod token;
pub mod webhooks;

use crate::{accounts::AccountsCtx, kernel::Core, messaging::Messaging};

/// What the integrations area's handlers and rules need.
#[derive(Clone)]
pub struct IntegrationsCtx {
    pub core: Core,
    /// Sessions and tokens are the accounts area's.
    pub accounts: AccountsCtx,
    pub messaging: Messaging,
    pub webhooks: webhooks::WebhookSettings,
    /// For webhook deliveries: the timeout set, no redirects followed.
    pub http: reqwest::Client,
}

impl IntegrationsCtx {
    /// The token endpoint's public address: the audience a client assertion names.
    pub fn token_url(&self) -> String {
        self.messaging.link("/oauth/token")
    }
}
