//! Making a detached CMS signature with a password-protected .p12 key file, the form the national
//! CA issues keys in. The department's staff sign issued permits with it; tests and the
//! demo data sign with the dev PKI's files.
//!
//! The output is what NCALayer produces with `encapsulate: false`: CMS SignedData in DER, SHA-256
//! with RSA, signed attributes (contentType, signingTime, messageDigest), the signer's
//! certificate and any CA certificates the .p12 holds.

use openssl::{
    pkcs7::{Pkcs7, Pkcs7Flags},
    pkcs12::Pkcs12,
    stack::Stack,
};

/// Why a .p12 file could not sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the key file is not a PKCS#12 (.p12) file")]
    NotPkcs12,
    #[error("the key file's password is wrong, or the file is damaged")]
    WrongPassword,
    #[error("the key file holds no {0}")]
    Incomplete(&'static str),
    #[error("signing failed: {0}")]
    Signing(String),
}

/// Signs `content` with the key in `p12_der`; returns the detached CMS in DER.
pub fn sign_detached(p12_der: &[u8], password: &str, content: &[u8]) -> Result<Vec<u8>, SignError> {
    sign(p12_der, password, content, Pkcs7Flags::DETACHED)
}

/// Signs `content` with the key in `p12_der` and embeds it; returns the attached CMS in DER.
pub fn sign_attached(p12_der: &[u8], password: &str, content: &[u8]) -> Result<Vec<u8>, SignError> {
    sign(p12_der, password, content, Pkcs7Flags::empty())
}

fn sign(
    p12_der: &[u8],
    password: &str,
    content: &[u8],
    mode: Pkcs7Flags,
) -> Result<Vec<u8>, SignError> {
    let p12 = Pkcs12::from_der(p12_der).map_err(|_| SignError::NotPkcs12)?;
    let parsed = p12.parse2(password).map_err(|_| SignError::WrongPassword)?;
    let key = parsed.pkey.ok_or(SignError::Incomplete("private key"))?;
    let cert = parsed.cert.ok_or(SignError::Incomplete("certificate"))?;
    let chain = match parsed.ca {
        Some(chain) => chain,
        None => Stack::new().map_err(|e| SignError::Signing(e.to_string()))?,
    };
    // BINARY: sign the bytes as they are (no MIME line-ending canonicalisation).
    // NOSMIMECAP: the S/MIME capabilities attribute means nothing here.
    let flags = mode | Pkcs7Flags::BINARY | Pkcs7Flags::NOSMIMECAP;
    let p7 = Pkcs7::sign(&cert, &key, &chain, content, flags)
        .map_err(|e| SignError::Signing(e.to_string()))?;
    p7.to_der().map_err(|e| SignError::Signing(e.to_string()))
}
