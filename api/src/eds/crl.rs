//! The certificate revocation lists in force, and the OpenSSL store that checks a chain against
//! them (R-3.3.1: revoked certificates are refused).
//!
//! Revocation checking is OpenSSL's (`X509_V_FLAG_CRL_CHECK`: it picks the issuer's CRL, checks
//! its signature against the chain and looks the serial up). Two things are done around it:
//!
//! - **Loading.** The `openssl` crate adds CRLs to a store only from a file, so each new set of
//!   CRLs is written to a private temporary file, loaded once into a store kept for every
//!   verification until the next refresh, and the file is deleted. The national CA's CRLs are
//!   large, so parsing them per verification is not an option.
//! - **Time.** That shared store cannot take each call's verification time, so it runs with
//!   `X509_V_FLAG_NO_CHECK_TIME`; certificate validity has already been checked at the injected
//!   clock's time by the per-call chain check, and CRL freshness (`nextUpdate` not passed) is
//!   checked here against the same clock. A stale CRL is refused, never silently trusted.

use std::{io::Write, path::PathBuf, sync::Arc};

use chrono::{DateTime, TimeDelta, Utc};
use openssl::{
    ssl::SslFiletype,
    stack::Stack,
    x509::{
        CrlStatus, X509, X509Crl, X509Ref, X509StoreContext,
        store::{X509Lookup, X509Store, X509StoreBuilder},
        verify::X509VerifyFlags,
    },
};

use super::{
    asn1, encoding,
    error::{EdsError, RevocationSource},
    verify::classify_chain_error,
};

/// How far a CA's clock may be ahead of ours when it dates a CRL.
const CLOCK_SKEW: TimeDelta = TimeDelta::minutes(5);

/// Where a CRL comes from, as configured (`eds.crls`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CrlLocation {
    File(PathBuf),
    Url(String),
}

impl CrlLocation {
    pub(crate) fn parse(configured: &str) -> Self {
        let lower = configured.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            CrlLocation::Url(configured.to_owned())
        } else {
            CrlLocation::File(PathBuf::from(configured))
        }
    }

    pub(crate) fn label(&self) -> String {
        match self {
            CrlLocation::File(path) => path.display().to_string(),
            CrlLocation::Url(url) => url.clone(),
        }
    }
}

/// One CRL, accepted from one location.
#[derive(Clone)]
pub(crate) struct LoadedCrl {
    pub(crate) location: String,
    pub(crate) crl: Arc<X509Crl>,
    pub(crate) this_update: DateTime<Utc>,
    pub(crate) next_update: DateTime<Utc>,
}

/// Parses CRL bytes (DER, or PEM with one or more `X509 CRL` blocks) and checks each CRL that a
/// trust anchor issued against that anchor's key. CRLs of intermediate CAs are checked by
/// OpenSSL against the chain at verification time.
pub(crate) fn parse_and_check(
    location: &str,
    bytes: &[u8],
    anchors: &[X509],
) -> Result<Vec<LoadedCrl>, String> {
    let ders: Vec<Vec<u8>> = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        encoding::pem_blocks(bytes)
            .into_iter()
            .filter(|(label, _)| label == "X509 CRL")
            .map(|(_, der)| der)
            .collect()
    } else {
        vec![bytes.to_vec()]
    };
    if ders.is_empty() {
        return Err("it contains no CRL".into());
    }
    ders.iter()
        .map(|der| {
            let crl = X509Crl::from_der(der).map_err(|_| "it is not a CRL".to_owned())?;
            for anchor in anchors {
                let same_issuer = anchor
                    .subject_name()
                    .try_cmp(crl.issuer_name())
                    .is_ok_and(|o| o.is_eq());
                if !same_issuer {
                    continue;
                }
                let key = anchor.public_key().map_err(|e| e.to_string())?;
                if !crl.verify(&key).unwrap_or(false) {
                    return Err(
                        "its signature does not verify against the trust anchor that issued it"
                            .into(),
                    );
                }
            }
            let this_update = asn1::to_chrono(crl.last_update())
                .ok_or_else(|| "its thisUpdate is unreadable".to_owned())?;
            let next_update = crl
                .next_update()
                .and_then(asn1::to_chrono)
                .ok_or_else(|| "it has no readable nextUpdate".to_owned())?;
            Ok(LoadedCrl {
                location: location.to_owned(),
                crl: Arc::new(crl),
                this_update,
                next_update,
            })
        })
        .collect()
}

/// The CRLs in force and the store that checks chains against them.
pub(crate) struct CrlSet {
    crls: Vec<LoadedCrl>,
    /// `None` when no CRL source is configured: revocation is then OCSP's alone (or unchecked).
    store: Option<X509Store>,
}

impl CrlSet {
    pub(crate) fn unconfigured() -> Self {
        Self {
            crls: Vec::new(),
            store: None,
        }
    }

    pub(crate) fn build(anchors: &[X509], crls: Vec<LoadedCrl>) -> Result<Self, String> {
        let mut builder = X509StoreBuilder::new().map_err(|e| e.to_string())?;
        for anchor in anchors {
            builder
                .add_cert(anchor.clone())
                .map_err(|e| e.to_string())?;
        }
        if !crls.is_empty() {
            let mut file = tempfile::NamedTempFile::new()
                .map_err(|e| format!("cannot create a temporary CRL file: {e}"))?;
            for loaded in &crls {
                let pem = loaded.crl.to_pem().map_err(|e| e.to_string())?;
                file.write_all(&pem)
                    .map_err(|e| format!("cannot write a temporary CRL file: {e}"))?;
            }
            file.flush()
                .map_err(|e| format!("cannot write a temporary CRL file: {e}"))?;
            builder
                .add_lookup(X509Lookup::file())
                .map_err(|e| e.to_string())?
                .load_crl_file(file.path(), SslFiletype::PEM)
                .map_err(|e| format!("OpenSSL cannot load the CRLs: {e}"))?;
        }
        builder
            .set_flags(
                X509VerifyFlags::CRL_CHECK
                    | X509VerifyFlags::PARTIAL_CHAIN
                    | X509VerifyFlags::NO_CHECK_TIME,
            )
            .map_err(|e| e.to_string())?;
        Ok(Self {
            crls,
            store: Some(builder.build()),
        })
    }

    pub(crate) fn crls(&self) -> &[LoadedCrl] {
        &self.crls
    }

    /// Refuses a revoked `leaf`, or one whose issuer has no current CRL; returns the CRL that
    /// showed it unrevoked (`None` when no CRL is configured).
    pub(crate) fn check(
        &self,
        leaf: &X509Ref,
        untrusted: &[X509],
        now: DateTime<Utc>,
    ) -> Result<Option<Arc<X509Crl>>, EdsError> {
        let Some(store) = &self.store else {
            return Ok(None);
        };
        let mut chain = Stack::new().map_err(EdsError::internal)?;
        for cert in untrusted {
            chain.push(cert.clone()).map_err(EdsError::internal)?;
        }
        let mut context = X509StoreContext::new().map_err(EdsError::internal)?;
        let (ok, error, depth) = context
            .init(store, leaf, &chain, |ctx| {
                let ok = ctx.verify_cert()?;
                Ok((ok, ctx.error(), ctx.error_depth()))
            })
            .map_err(EdsError::internal)?;
        if !ok {
            return Err(match classify_chain_error(error, depth) {
                EdsError::Revoked { .. } => EdsError::Revoked {
                    via: RevocationSource::Crl,
                    revoked_at: self.revocation_date(leaf),
                },
                other => other,
            });
        }

        // OpenSSL found the issuer's CRL and the serial is not on it; is that CRL current?
        let newest = self
            .crls
            .iter()
            .filter(|loaded| {
                loaded
                    .crl
                    .issuer_name()
                    .try_cmp(leaf.issuer_name())
                    .is_ok_and(|o| o.is_eq())
            })
            .max_by_key(|loaded| loaded.this_update);
        match newest {
            None => Err(EdsError::RevocationUnknown(
                "no CRL of the certificate's issuer is loaded".into(),
            )),
            Some(crl) if crl.next_update < now => Err(EdsError::RevocationUnknown(format!(
                "the issuer's CRL is out of date (its next update was due {})",
                crl.next_update.format("%Y-%m-%d %H:%M UTC")
            ))),
            Some(crl) if crl.this_update > now + CLOCK_SKEW => Err(EdsError::RevocationUnknown(
                "the issuer's CRL is dated in the future".into(),
            )),
            Some(crl) => Ok(Some(crl.crl.clone())),
        }
    }

    fn revocation_date(&self, leaf: &X509Ref) -> Option<DateTime<Utc>> {
        let leaf = leaf.to_owned();
        self.crls
            .iter()
            .find_map(|loaded| match loaded.crl.get_by_cert(&leaf) {
                CrlStatus::Revoked(entry) => asn1::to_chrono(entry.revocation_date()),
                _ => None,
            })
    }
}
