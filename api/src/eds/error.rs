//! Why a signature was refused: one variant per reason, each with a stable problem slug
//! (`docs/eds.md` lists them) and a message a user can act on.

use std::{fmt, path::PathBuf};

use chrono::{DateTime, Utc};

use super::certificate::KeyPurpose;

/// Where a revocation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationSource {
    Crl,
    Ocsp,
}

impl fmt::Display for RevocationSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RevocationSource::Crl => "certificate revocation list",
            RevocationSource::Ocsp => "OCSP responder",
        })
    }
}

/// Everything [`super::EdsVerifier`] can refuse a signature for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EdsError {
    /// `eds-malformed`: not a CMS SignedData (in DER, PEM or base64), or not exactly one signer.
    #[error("The signature is not a readable CMS signature: {0}.")]
    Malformed(String),
    /// `eds-invalid-signature`: the signature does not cover exactly the expected bytes
    /// (tampered content or signature, or a signature over something else).
    #[error("The signature does not match the signed data: {0}.")]
    InvalidSignature(String),
    /// `eds-untrusted`: the certificate does not chain to a configured trust anchor.
    #[error("The certificate was not issued by a trusted certification authority: {0}.")]
    Untrusted(String),
    /// `eds-expired`: the certificate (or a CA above it) is expired or not yet valid.
    #[error("The certificate is not valid at this time: {0}.")]
    Expired(String),
    /// `eds-revoked`: a CRL or the OCSP responder says the certificate is revoked.
    #[error("The certificate has been revoked (according to the {via}{}).", revoked_at.map(|t| format!(", since {}", t.format("%Y-%m-%d %H:%M UTC"))).unwrap_or_default())]
    Revoked {
        via: RevocationSource,
        revoked_at: Option<DateTime<Utc>>,
    },
    /// `eds-revocation-unknown`: revocation must be checked but cannot be: no current CRL for
    /// the issuer (missing, stale or badly signed), or a required OCSP answer is missing.
    #[error("The certificate's revocation status cannot be established: {0}.")]
    RevocationUnknown(String),
    /// `eds-wrong-key-usage`: an AUTH certificate used to sign a document, or a SIGN certificate
    /// used to log in.
    #[error("This certificate is not meant for {0}; use your {hint} key.", hint = .0.key_file_hint())]
    WrongKeyUsage(KeyPurpose),
    /// `eds-no-identity`: the subject has no valid IIN (or carries an invalid BIN).
    #[error("The certificate does not identify its holder: {0}.")]
    NoIdentity(String),
    /// `internal`: OpenSSL failed for a reason that is not the signature's fault.
    #[error("The signature could not be checked: {0}.")]
    Internal(String),
}

impl EdsError {
    /// Every slug a variant can have, for the problem-type documentation and its tests.
    pub const SLUGS: [&'static str; 8] = [
        "eds-malformed",
        "eds-invalid-signature",
        "eds-untrusted",
        "eds-expired",
        "eds-revoked",
        "eds-revocation-unknown",
        "eds-wrong-key-usage",
        "eds-no-identity",
    ];

    /// The problem type slug.
    pub fn slug(&self) -> &'static str {
        match self {
            EdsError::Malformed(_) => "eds-malformed",
            EdsError::InvalidSignature(_) => "eds-invalid-signature",
            EdsError::Untrusted(_) => "eds-untrusted",
            EdsError::Expired(_) => "eds-expired",
            EdsError::Revoked { .. } => "eds-revoked",
            EdsError::RevocationUnknown(_) => "eds-revocation-unknown",
            EdsError::WrongKeyUsage(_) => "eds-wrong-key-usage",
            EdsError::NoIdentity(_) => "eds-no-identity",
            EdsError::Internal(_) => "internal",
        }
    }

    pub(crate) fn internal(err: impl fmt::Display) -> Self {
        EdsError::Internal(err.to_string())
    }
}

/// A refused signature becomes the kernel's problem: 422 for the signature's own fault, 503 when
/// revocation cannot be established (it may be later), 500 when OpenSSL itself failed.
impl From<EdsError> for crate::error::ApiError {
    fn from(error: EdsError) -> Self {
        use actix_web::http::StatusCode;
        let status = match error {
            EdsError::RevocationUnknown(_) => StatusCode::SERVICE_UNAVAILABLE,
            EdsError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        crate::error::ApiError::Signature(crate::error::SignatureRefusal {
            slug: error.slug(),
            status,
            detail: error.to_string(),
        })
    }
}

/// Why the trust configuration (`[eds]`) cannot be loaded. Raised at startup, so a misconfigured
/// server refuses to start instead of refusing every user.
#[derive(Debug, thiserror::Error)]
pub enum TrustSetupError {
    #[error("no EDS trust anchors are configured (eds.anchors is empty)")]
    NoAnchors,
    #[error("cannot load EDS trust anchors from {path}: {reason}")]
    Anchor { path: PathBuf, reason: String },
    #[error("cannot load the CRL {location}: {reason}")]
    Crl { location: String, reason: String },
    #[error("cannot set up the EDS HTTP client: {0}")]
    Http(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_its_own_slug() {
        let all = [
            EdsError::Malformed(String::new()),
            EdsError::InvalidSignature(String::new()),
            EdsError::Untrusted(String::new()),
            EdsError::Expired(String::new()),
            EdsError::Revoked {
                via: RevocationSource::Crl,
                revoked_at: None,
            },
            EdsError::RevocationUnknown(String::new()),
            EdsError::WrongKeyUsage(KeyPurpose::Authentication),
            EdsError::NoIdentity(String::new()),
        ];
        let slugs: Vec<_> = all.iter().map(EdsError::slug).collect();
        assert_eq!(slugs, EdsError::SLUGS);
    }

    #[test]
    fn every_refusal_has_its_title_and_detail_in_each_language() {
        use crate::{
            error::{ApiError, localize, title},
            i18n::Lang,
        };
        let since = DateTime::from_timestamp(1_767_225_600, 0);
        let all = [
            EdsError::Malformed("it is not a CMS SignedData".into()),
            EdsError::InvalidSignature("it signs other data than expected".into()),
            EdsError::Untrusted(
                "the signer's certificate: unable to get local issuer certificate".into(),
            ),
            EdsError::Expired("the signer's certificate has expired".into()),
            EdsError::Revoked {
                via: RevocationSource::Crl,
                revoked_at: None,
            },
            EdsError::Revoked {
                via: RevocationSource::Crl,
                revoked_at: since,
            },
            EdsError::Revoked {
                via: RevocationSource::Ocsp,
                revoked_at: None,
            },
            EdsError::Revoked {
                via: RevocationSource::Ocsp,
                revoked_at: since,
            },
            EdsError::RevocationUnknown("the OCSP response is out of date".into()),
            EdsError::WrongKeyUsage(KeyPurpose::Authentication),
            EdsError::WrongKeyUsage(KeyPurpose::Signing),
            EdsError::NoIdentity(
                "the IIN in the subject is invalid (the check digit does not match)".into(),
            ),
            EdsError::Internal("cannot collect certificates".into()),
        ];
        let mut problems = Vec::new();
        for refusal in all {
            let slug = refusal.slug();
            let detail = refusal.to_string();
            let ApiError::Signature(rendered) = ApiError::from(refusal) else {
                unreachable!("a refusal is a signature problem");
            };
            assert_eq!(rendered.detail, detail);
            for lang in [Lang::Kk, Lang::Ru] {
                if slug != "internal" && title(slug, lang) == title(slug, Lang::En) {
                    problems.push(format!("{slug}: no {} title", lang.code()));
                }
                let local = localize(&detail, lang);
                // Every reason above has its own template: no English may be left in the text.
                if local == detail || local.contains("the ") {
                    problems.push(format!("{slug}: {detail:?} in {}: {local:?}", lang.code()));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn messages_tell_the_user_what_to_do() {
        let login = EdsError::WrongKeyUsage(KeyPurpose::Authentication).to_string();
        assert!(login.contains("AUTH_RSA256"), "{login}");
        let sign = EdsError::WrongKeyUsage(KeyPurpose::Signing).to_string();
        assert!(sign.contains("RSA256_"), "{sign}");
        let revoked = EdsError::Revoked {
            via: RevocationSource::Ocsp,
            revoked_at: DateTime::from_timestamp(1_767_225_600, 0),
        }
        .to_string();
        assert_eq!(
            revoked,
            "The certificate has been revoked (according to the OCSP responder, since 2026-01-01 00:00 UTC)."
        );
    }
}
