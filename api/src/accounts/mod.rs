//! Accounts: registration with an electronic digital signature, sign-in (password or EDS),
//! sessions, the profile and its history, and the administrators' actions on accounts.
//! Serves.
//!
//! `routes` (thin handlers) → `service` / `sign_in` (rules) → `entity` (tables).

pub mod admin;
pub mod audit_log;
pub mod auth;
pub mod dto;
pub mod entity;
pub mod password;
pub mod roles;
pub mod routes;
pub mod scopes;
pub mod service;
pub mod settings;
pub mod sign_in;
pub mod signature;
#[cfg(test)]
pub mod test_support;
pub mod tokens;

pub use auth::AuthUser;
pub use settings::AuthSettings;

use std::sync::Arc;

use crate::{eds::EdsVerifier, error::ApiError, kernel::Core, messaging::Messaging};

/// What the accounts area's handlers and rules need (registered as its own `web::Data`; the
/// `AuthUser` extractor reads it too, so every area's signed-in routes find it).
#[derive(Clone)]
pub struct AccountsCtx {
    pub core: Core,
    pub settings: AuthSettings,
    pub tokens: Arc<tokens::TokenKeys>,
    /// `None` when no trust anchors are configured: EDS endpoints then answer 503.
    pub eds: Option<Arc<EdsVerifier>>,
    /// Signed acts and the transparency log.
    pub evidence: Arc<crate::evidence::Evidence>,
    pub registry: Option<Arc<dyn admin::StateRegistry>>,
    /// Whether an account has accepted the agreements in force (the consents area answers).
    pub consent_gate: Arc<dyn auth::ConsentGate>,
    /// Tells account holders what happened to their account (the notifications area answers).
    pub notices: Arc<dyn auth::AccountNotices>,
    /// Returns a departing reviewer's open work to their organisation (the permits area answers).
    pub departures: Arc<dyn roles::ReviewerDeparture>,
    pub messaging: Messaging,
    /// Origins besides our own that may send the refresh cookie (`server.cors_allowed_origins`).
    pub allowed_origins: Arc<[String]>,
}

impl AccountsCtx {
    pub fn eds(&self) -> Result<&EdsVerifier, ApiError> {
        crate::eds::configured(self.eds.as_deref())
    }
}
