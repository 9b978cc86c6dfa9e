//! Asking the CA's OCSP responder whether a certificate is revoked (RFC 6960), so that a key
//! revoked this morning cannot log in this afternoon (R-3.3.1: revoked certificates are refused).
//!
//! The request and the response are OpenSSL's (`OCSP_REQUEST`, `OCSP_basic_verify`); only the
//! transport is behind [`RevocationResponder`], so a deployment can swap HTTP for a proxy or a
//! cache. Whatever the transport, the response's signature, the responder's authority, the
//! certificate id and the times are checked here, so a swapped transport cannot weaken the check.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use futures_util::future::BoxFuture;
use openssl::{
    hash::MessageDigest,
    ocsp::{OcspCertId, OcspCertStatus, OcspFlag, OcspRequest, OcspResponse, OcspResponseStatus},
    stack::Stack,
    x509::{X509, X509Ref, store::X509StoreRef},
};

use super::asn1;

/// How far a responder's clock may be ahead of ours.
const CLOCK_SKEW: TimeDelta = TimeDelta::minutes(5);
/// How old an answer without `nextUpdate` may be.
const MAX_AGE_WITHOUT_NEXT_UPDATE: TimeDelta = TimeDelta::minutes(15);
/// Responses are small (one status, a signature, maybe a certificate); anything bigger is wrong.
const MAX_RESPONSE_BYTES: usize = 256 * 1024;

/// Carries a DER OCSP request to a responder and brings back the DER response.
pub trait RevocationResponder: Send + Sync + 'static {
    /// POSTs `request` (`application/ocsp-request`) to `url`; returns the response body, or a
    /// reason it could not be had.
    fn post<'a>(&'a self, url: &'a str, request: Vec<u8>)
    -> BoxFuture<'a, Result<Vec<u8>, String>>;
}

/// The real transport: HTTP POST with reqwest.
#[derive(Debug, Clone)]
pub struct HttpOcspResponder {
    client: reqwest::Client,
}

impl HttpOcspResponder {
    pub fn new(timeout: Duration) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()?;
        Ok(Self { client })
    }
}

impl RevocationResponder for HttpOcspResponder {
    fn post<'a>(
        &'a self,
        url: &'a str,
        request: Vec<u8>,
    ) -> BoxFuture<'a, Result<Vec<u8>, String>> {
        Box::pin(async move {
            let response = self
                .client
                .post(url)
                .header(reqwest::header::CONTENT_TYPE, "application/ocsp-request")
                .header(reqwest::header::ACCEPT, "application/ocsp-response")
                .body(request)
                .send()
                .await
                .map_err(|e| format!("the OCSP responder {url} is unreachable: {e}"))?;
            if !response.status().is_success() {
                return Err(format!(
                    "the OCSP responder {url} answered HTTP {}",
                    response.status()
                ));
            }
            if response
                .content_length()
                .is_some_and(|len| len > MAX_RESPONSE_BYTES as u64)
            {
                return Err(format!("the OCSP response from {url} is too large"));
            }
            let body = response
                .bytes()
                .await
                .map_err(|e| format!("the OCSP response from {url} was cut short: {e}"))?;
            if body.len() > MAX_RESPONSE_BYTES {
                return Err(format!("the OCSP response from {url} is too large"));
            }
            Ok(body.to_vec())
        })
    }
}

/// What the responder said about one certificate, once its answer has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OcspVerdict {
    Good,
    Revoked(Option<DateTime<Utc>>),
    /// No usable answer: unknown certificate, a failed or unverifiable response, stale times.
    Unknown(String),
}

/// The DER request for `leaf` issued by `issuer` (SHA-1 certificate id, as responders expect).
pub(crate) fn request_for(leaf: &X509Ref, issuer: &X509Ref) -> Result<Vec<u8>, String> {
    let id = OcspCertId::from_cert(MessageDigest::sha1(), leaf, issuer)
        .map_err(|e| format!("cannot build the OCSP certificate id: {e}"))?;
    let mut request = OcspRequest::new().map_err(|e| e.to_string())?;
    request.add_id(id).map_err(|e| e.to_string())?;
    request.to_der().map_err(|e| e.to_string())
}

/// Checks a response: successful status, a signature by the CA or its delegated OCSP signer
/// that chains to the trust store (`store`, whose verification time is ours), an entry for
/// exactly this certificate, and current times.
pub(crate) fn judge(
    response_der: &[u8],
    leaf: &X509Ref,
    issuer: &X509Ref,
    store: &X509StoreRef,
    extra_certs: &[X509],
    now: DateTime<Utc>,
) -> OcspVerdict {
    let unknown = |why: String| OcspVerdict::Unknown(why);
    let response = match OcspResponse::from_der(response_der) {
        Ok(response) => response,
        Err(_) => return unknown("the OCSP answer is not an OCSP response".into()),
    };
    if response.status() != OcspResponseStatus::SUCCESSFUL {
        return unknown(format!(
            "the OCSP responder refused to answer (status {})",
            response.status().as_raw()
        ));
    }
    let basic = match response.basic() {
        Ok(basic) => basic,
        Err(_) => return unknown("the OCSP response has no basic response".into()),
    };
    let mut certs = match Stack::new() {
        Ok(certs) => certs,
        Err(e) => return unknown(e.to_string()),
    };
    for cert in extra_certs {
        if certs.push(cert.clone()).is_err() {
            return unknown("cannot collect certificates".into());
        }
    }
    if basic.verify(&certs, store, OcspFlag::empty()).is_err() {
        return unknown(
            "the OCSP response is not signed by the certificate's CA or its OCSP signer".into(),
        );
    }
    let id = match OcspCertId::from_cert(MessageDigest::sha1(), leaf, issuer) {
        Ok(id) => id,
        Err(e) => return unknown(e.to_string()),
    };
    let Some(status) = basic.find_status(&id) else {
        return unknown("the OCSP response does not mention this certificate".into());
    };
    let Some(this_update) = asn1::generalized_to_chrono(status.this_update) else {
        return unknown("the OCSP response has an unreadable thisUpdate".into());
    };
    if this_update > now + CLOCK_SKEW {
        return unknown("the OCSP response is dated in the future".into());
    }
    match status.next_update() {
        Some(next) => match asn1::generalized_to_chrono(next) {
            Some(next) if next + CLOCK_SKEW >= now => {}
            Some(_) => return unknown("the OCSP response is out of date".into()),
            None => return unknown("the OCSP response has an unreadable nextUpdate".into()),
        },
        None if this_update + MAX_AGE_WITHOUT_NEXT_UPDATE + CLOCK_SKEW < now => {
            return unknown("the OCSP response is too old".into());
        }
        None => {}
    }
    if status.status == OcspCertStatus::GOOD {
        OcspVerdict::Good
    } else if status.status == OcspCertStatus::REVOKED {
        OcspVerdict::Revoked(status.revocation_time.and_then(asn1::generalized_to_chrono))
    } else {
        unknown("the OCSP responder does not know this certificate".into())
    }
}
