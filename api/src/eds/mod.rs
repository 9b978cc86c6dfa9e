//! Kazakhstan's electronic digital signature (EDS, ЭЦҚ): verifying a CMS signature made with a
//! national CA certificate, and reading who signed.
//!
//! Registration and login prove possession of a currently valid certificate by signing a fresh
//! server challenge; the IIN/BIN read from the certificate is what binds it to an
//! account and is checked for its check digit; permit requests and issued
//! permits carry signatures checked the same way. `docs/eds.md` tells the whole
//! story: what is verified, why, and how production trust is configured.
//!
//! - [`identity`]: the IIN and BIN, parsed and checked at the edge.
//! - [`certificate`]: what a signer's X.509 certificate says (IIN, BIN, names, roles, purposes).
//! - [`verify`]: [`EdsVerifier`], the one place a signature is accepted or refused.
//! - [`sign`]: detached CMS signing with a .p12 file (tests, demo data, staff signing permits).
//! - [`dev_pki`]: a demo CA chain shaped like the national one (`saulet dev-pki`).

mod asn1;
pub mod certificate;
mod crl;
pub mod dev_pki;
mod encoding;
mod error;
pub mod identity;
mod ocsp;
pub mod sign;
#[cfg(test)]
mod test_support;
pub mod verify;

pub use certificate::{KeyPurpose, SignerCertificate, SignerRole};
pub use error::{EdsError, RevocationSource, TrustSetupError};
pub use identity::{Bin, IdentityError, Iin};
pub use ocsp::{HttpOcspResponder, RevocationResponder};
pub use verify::{CrlRefreshReport, EdsVerifier, TrustSettings, spawn_crl_refresh};

/// The problem slug for a login/registration challenge that is unknown, used or expired.
/// Raised by the accounts area, which owns challenges; defined here so every EDS slug lives in
/// one place.
pub const SLUG_CHALLENGE_EXPIRED: &str = "eds-challenge-expired";

/// The problem slug for a valid signature whose IIN/BIN is not the account's.
/// Raised by the accounts area; defined here beside the other EDS slugs.
pub const SLUG_IDENTITY_MISMATCH: &str = "eds-identity-mismatch";
