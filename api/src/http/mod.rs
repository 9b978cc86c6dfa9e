//! The HTTP floor every area stands on: request context and logging, security headers, CORS,
//! the JSON extractor with problem+json errors, the API's 404/405 answers, and the SPA.

pub mod client_address;
pub mod cors;
pub mod deprecation;
pub mod fallback;
pub mod headers;
pub mod json;
pub mod rate_limit;
pub mod request_context;
pub mod spa;

pub use json::Json;
