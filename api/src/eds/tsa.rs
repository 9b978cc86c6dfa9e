//! Trusted time: RFC 3161 time-stamps from a time-stamping authority (TSA).
//!
//! A CMS signature says who signed, not when: once the signer's certificate expires or is
//! revoked, a plain signature cannot be told apart from one made afterwards with a leaked key.
//! A time-stamp token is the TSA's own signature over the hash of the signature value and the
//! time it saw it (the CAdES-T level of ETSI EN 319 122-1): with it, the signature is checked as
//! of that time, for as long as the TSA's certificate can be checked.
//!
//! [`HttpTsa`] asks a TSA over HTTP (RFC 3161 §3.4: `application/timestamp-query` in,
//! `application/timestamp-reply` out), with a fresh nonce and the TSA's certificate requested,
//! and accepts the reply only after [`verify_token`] has checked it. The ASN.1 is the RustCrypto
//! `x509-tsp` types; the signature and the TSA's chain are checked by OpenSSL.

use chrono::{DateTime, Utc};
use der::{
    Decode, Encode,
    asn1::{Int, ObjectIdentifier, OctetString},
};
use openssl::{
    nid::Nid,
    pkcs7::{Pkcs7, Pkcs7Flags},
    stack::Stack,
    x509::{X509, X509PurposeId, store::X509StoreBuilder, verify::X509VerifyParam},
};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

/// id-sha256 (NIST, RFC 5754).
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// The largest reply read: a token with its TSA chain is a few kilobytes.
const MAX_REPLY_BYTES: usize = 256 * 1024;

/// A checked time-stamp token over some bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeStamp {
    /// The token as the TSA signed it: a CMS SignedData over a TSTInfo, DER. This is what is
    /// stored and handed out (`.tsr` in an evidence package).
    pub token: Vec<u8>,
    /// When the TSA saw the hash.
    pub gen_time: DateTime<Utc>,
    /// The token's serial number at the TSA, hex.
    pub serial: String,
    /// The TSA certificate's common name.
    pub tsa_name: String,
}

/// Why no trusted time could be had.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TsaError {
    /// The TSA did not answer, or not over HTTP 200.
    #[error("the time-stamping authority is unreachable: {0}")]
    Unreachable(String),
    /// The TSA answered with a refusal (RFC 3161 PKIStatus rejection or waiting).
    #[error("the time-stamping authority refused: {0}")]
    Refused(String),
    /// The reply or token is not one to rely on: malformed, over other bytes, with another
    /// nonce, or not signed by a trusted TSA certificate valid at the time it states.
    #[error("the time-stamp token is not valid: {0}")]
    Invalid(String),
}

/// Something that can time-stamp bytes: [`HttpTsa`] in production and tests.
#[async_trait::async_trait]
pub trait TimeStamper: Send + Sync {
    /// A checked token over the SHA-256 of `data` (for a CMS signature: its signature value).
    async fn stamp(&self, data: &[u8]) -> Result<TimeStamp, TsaError>;
}

/// A TSA reached over HTTP, trusted through `anchors` (the TSA's root and issuing CA).
pub struct HttpTsa {
    url: String,
    anchors: Vec<X509>,
    client: reqwest::Client,
}

impl HttpTsa {
    pub fn new(url: impl Into<String>, anchors: Vec<X509>) -> Self {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Self {
            url: url.into(),
            anchors,
            client,
        }
    }
}

#[async_trait::async_trait]
impl TimeStamper for HttpTsa {
    async fn stamp(&self, data: &[u8]) -> Result<TimeStamp, TsaError> {
        let nonce = fresh_nonce()?;
        let query = request(data, nonce.clone())?;
        let mut reply = self
            .client
            .post(&self.url)
            .header("Content-Type", "application/timestamp-query")
            .header("Accept", "application/timestamp-reply")
            .body(query)
            .send()
            .await
            .map_err(|e| TsaError::Unreachable(e.to_string()))?;
        if !reply.status().is_success() {
            return Err(TsaError::Unreachable(format!("HTTP {}", reply.status())));
        }
        let mut body = Vec::new();
        while let Some(chunk) = reply
            .chunk()
            .await
            .map_err(|e| TsaError::Unreachable(e.to_string()))?
        {
            if body.len() + chunk.len() > MAX_REPLY_BYTES {
                return Err(TsaError::Invalid("the reply is too large".into()));
            }
            body.extend_from_slice(&chunk);
        }
        let token = token_of_reply(&body)?;
        verify_token(&token, data, &self.anchors, Some(&nonce))
    }
}

/// A `TimeStampReq` (DER) for the SHA-256 of `data`, asking for the TSA's certificate.
pub fn request(data: &[u8], nonce: Int) -> Result<Vec<u8>, TsaError> {
    TimeStampReq {
        version: TspVersion::V1,
        message_imprint: imprint(data)?,
        req_policy: None,
        nonce: Some(nonce),
        cert_req: true,
        extensions: None,
    }
    .to_der()
    .map_err(|e| TsaError::Invalid(format!("cannot encode the request: {e}")))
}

/// The token out of a `TimeStampResp`, or why there is none.
pub fn token_of_reply(reply: &[u8]) -> Result<Vec<u8>, TsaError> {
    let reply = TimeStampResp::from_der(reply)
        .map_err(|e| TsaError::Invalid(format!("the reply is not a TimeStampResp: {e}")))?;
    // PKIStatus: granted (0) or grantedWithMods (1) carry a token; anything else is a refusal.
    let granted = matches!(
        reply.status.status,
        cmpv2::status::PkiStatus::Accepted | cmpv2::status::PkiStatus::GrantedWithMods
    );
    match reply.time_stamp_token {
        Some(token) if granted => token
            .to_der()
            .map_err(|e| TsaError::Invalid(format!("cannot encode the token: {e}"))),
        _ => Err(TsaError::Refused(format!(
            "status {:?}{}",
            reply.status.status,
            reply
                .status
                .fail_info
                .map(|f| format!(", failure {f:?}"))
                .unwrap_or_default()
        ))),
    }
}

/// Checks a stored token over `data`: the TSA's signature over the TSTInfo, the TSA certificate
/// (chaining to `anchors`, valid at the token's own time, for timeStamping only), that the
/// imprint is the SHA-256 of `data`, and the nonce when one is expected. Works offline, for as
/// long as the TSA's chain can be checked: this is how an act is checked years later.
pub fn verify_token(
    token: &[u8],
    data: &[u8],
    anchors: &[X509],
    nonce: Option<&Int>,
) -> Result<TimeStamp, TsaError> {
    let invalid = |what: &str| {
        let what = what.to_owned();
        move |e: openssl::error::ErrorStack| TsaError::Invalid(format!("{what}: {e}"))
    };
    let p7 = Pkcs7::from_der(token).map_err(invalid("not a CMS SignedData"))?;
    let no_certs = Stack::new().map_err(invalid("internal"))?;
    // First the TSA's signature over the content (any certificate), to read the time it states...
    let empty_store = X509StoreBuilder::new()
        .map_err(invalid("internal"))?
        .build();
    let mut content = Vec::new();
    p7.verify(
        &no_certs,
        &empty_store,
        None,
        Some(&mut content),
        Pkcs7Flags::NOVERIFY | Pkcs7Flags::BINARY,
    )
    .map_err(invalid("the TSA's signature does not verify"))?;
    let info = TstInfo::from_der(&content)
        .map_err(|e| TsaError::Invalid(format!("the content is not a TSTInfo: {e}")))?;
    let gen_time = DateTime::<Utc>::from(info.gen_time.to_system_time());

    // ...then the TSA certificate's chain, at that time, for time-stamping.
    let mut store = X509StoreBuilder::new().map_err(invalid("internal"))?;
    for anchor in anchors {
        store
            .add_cert(anchor.clone())
            .map_err(invalid("a TSA anchor"))?;
    }
    let mut param = X509VerifyParam::new().map_err(invalid("internal"))?;
    param.set_time(gen_time.timestamp());
    param
        .set_purpose(X509PurposeId::TIMESTAMP_SIGN)
        .map_err(invalid("internal"))?;
    store.set_param(&param).map_err(invalid("internal"))?;
    let store = store.build();
    p7.verify(&no_certs, &store, None, None, Pkcs7Flags::BINARY)
        .map_err(invalid(
            "the TSA certificate is not trusted for time-stamping",
        ))?;

    if info.message_imprint != imprint(data)? {
        return Err(TsaError::Invalid(
            "the token is over other bytes than these".into(),
        ));
    }
    if let Some(expected) = nonce
        && info.nonce.as_ref() != Some(expected)
    {
        return Err(TsaError::Invalid(
            "the reply's nonce is not the request's".into(),
        ));
    }
    let signer = p7
        .signers(&no_certs, Pkcs7Flags::empty())
        .map_err(invalid("no signer"))?;
    let tsa_name = signer
        .iter()
        .next()
        .and_then(|cert| {
            cert.subject_name()
                .entries_by_nid(Nid::COMMONNAME)
                .next()
                .and_then(|e| e.data().to_string().ok())
        })
        .unwrap_or_default();
    Ok(TimeStamp {
        token: token.to_vec(),
        gen_time,
        serial: hex::encode_upper(info.serial_number.as_bytes()),
        tsa_name,
    })
}

fn imprint(data: &[u8]) -> Result<MessageImprint, TsaError> {
    Ok(MessageImprint {
        hash_algorithm: AlgorithmIdentifier {
            oid: SHA256,
            parameters: None,
        },
        hashed_message: OctetString::new(Sha256::digest(data).to_vec())
            .map_err(|e| TsaError::Invalid(e.to_string()))?,
    })
}

/// 64 random bits, positive and minimally encoded (first byte 0x01..=0x7F).
fn fresh_nonce() -> Result<Int, TsaError> {
    let mut bytes: [u8; 8] = rand::random();
    bytes[0] = (bytes[0] & 0x7F).max(1);
    Int::new(&bytes).map_err(|e| TsaError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_asks_for_the_sha256_of_the_bytes_with_a_nonce_and_the_tsa_certificate() {
        let nonce = fresh_nonce().expect("a nonce");
        let der = request(b"signature value", nonce.clone()).expect("encodes");
        let parsed = TimeStampReq::from_der(&der).expect("a TimeStampReq");
        assert_eq!(parsed.message_imprint.hash_algorithm.oid, SHA256);
        assert_eq!(
            parsed.message_imprint.hashed_message.as_bytes(),
            Sha256::digest(b"signature value").as_slice()
        );
        assert_eq!(parsed.nonce, Some(nonce));
        assert!(parsed.cert_req);
        assert_ne!(
            fresh_nonce().expect("a nonce"),
            fresh_nonce().expect("a nonce")
        );
    }

    #[test]
    fn a_reply_that_is_not_a_timestampresp_is_invalid() {
        for garbage in [
            &b""[..],
            b"<html>gateway timeout</html>",
            &[0x30, 0x03, 0x02, 0x01, 0x00],
        ] {
            assert!(matches!(token_of_reply(garbage), Err(TsaError::Invalid(_))));
        }
    }
}
