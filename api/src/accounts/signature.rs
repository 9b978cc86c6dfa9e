//! The one check that a document was signed by an account's holder: a signature made
//! with a SIGN (non-repudiation) key over exactly these bytes, by a currently valid certificate of
//! the national CA chain, naming the account's person (IIN) and, for a company's account, its
//! organisation (BIN); a person's own account is signed only with a personal certificate (no BIN).
//! Consents, submissions and decisions all call [`verify_signed_by`], so none can check less.

use crate::{
    accounts::entity::account,
    eds::{EdsVerifier, KeyPurpose, SignerCertificate, Verified},
    error::ApiError,
};

/// Verifies `cms` (base64, PEM or DER) over `content` and that its signer is `account`'s holder;
/// returns what it was accepted on, to be kept as evidence of the act.
/// 422 `eds-*` for a refused signature, 403 `eds-identity-mismatch` for another person or company.
pub async fn verify_signed_by(
    eds: &EdsVerifier,
    account: &account::Model,
    cms: &[u8],
    content: &[u8],
) -> Result<Verified, ApiError> {
    let verified = eds
        .verify_with_evidence(cms, content, KeyPurpose::Signing)
        .await?;
    if names_holder(&verified.signer, account) {
        Ok(verified)
    } else {
        Err(ApiError::IdentityMismatch)
    }
}

/// Whether the certificate names the account's person and, exactly, its organisation.
fn names_holder(signer: &SignerCertificate, account: &account::Model) -> bool {
    signer.iin.as_str() == account.iin
        && signer.bin.as_ref().map(|b| b.as_str()) == account.bin.as_deref()
}
