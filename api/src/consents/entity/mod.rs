//! The consents area's tables.

pub mod agreement;
pub mod consent_record;
