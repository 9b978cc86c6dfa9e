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
//! - [`tsa`]: RFC 3161 time-stamps (trusted time), asked of a TSA and checked offline.
//! - [`sign`]: detached CMS signing with a .p12 file (tests, demo data, staff signing permits).
//! - [`dev_pki`]: a demo CA chain shaped like the national one (`saulet dev-pki`).

mod asn1;
pub mod certificate;
mod crl;
pub mod dev_pki;
pub(crate) mod encoding;
mod error;
pub mod identity;
mod ocsp;
pub mod sign;
#[cfg(test)]
pub(crate) mod test_support;
pub mod tsa;
pub mod verify;

pub use certificate::{KeyPurpose, SignerCertificate, SignerRole};
pub use error::{EdsError, RevocationSource, TrustSetupError};
pub use identity::{Bin, IdentityError, Iin};
pub use ocsp::{HttpOcspResponder, RevocationResponder};
pub use verify::{
    CrlRefreshReport, EdsVerifier, TrustSettings, Verified, load_certificates, spawn_crl_refresh,
};

/// The problem slugs for a challenge that is unknown, used or expired, and for a signature whose
/// IIN/BIN is not the account's: raised by the accounts area, rendered by the kernel.
pub use crate::error::{SLUG_CHALLENGE_EXPIRED, SLUG_IDENTITY_MISMATCH};

/// The verifier, or 503 when no trust anchors are configured (`eds.anchors`).
pub fn configured(verifier: Option<&EdsVerifier>) -> Result<&EdsVerifier, crate::error::ApiError> {
    verifier.ok_or_else(not_configured)
}

/// 503: no trust anchors are configured (`eds.anchors`).
pub fn not_configured() -> crate::error::ApiError {
    crate::error::ApiError::ServiceUnavailable(
        "EDS sign-in is not configured on this server (eds.anchors)".into(),
    )
}
