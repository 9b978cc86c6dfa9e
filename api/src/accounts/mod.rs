//! Accounts: registration with an electronic digital signature, sign-in (password or EDS),
//! sessions, the profile and its history, and the administrators' actions on accounts.
//! Serves.
//!
//! `routes` (thin handlers) → `service` / `sign_in` (rules) → `entity` (tables).

pub mod admin;
pub mod auth;
pub mod dto;
pub mod entity;
pub mod password;
pub mod routes;
pub mod service;
pub mod settings;
pub mod sign_in;
pub mod tokens;

pub use auth::AuthUser;
pub use settings::AuthSettings;
