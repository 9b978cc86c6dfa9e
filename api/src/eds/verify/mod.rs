//! [`EdsVerifier`]: the one place an EDS signature is accepted or refused (R-3.3.1, R-3.3.5,
//!
//!
//! A signature is accepted only when all of these hold, checked in this order:
//!
//! 1. the input is a CMS SignedData (DER, PEM or base64) with exactly one signer, whose
//!    certificate it carries;
//! 2. the signature covers exactly the expected bytes: the server's one-time challenge, or the
//!    document's canonical bytes (OpenSSL `PKCS7_verify`, which re-encodes nothing and so
//!    accepts the unsorted signed attributes browsers produce, and BER input);
//! 3. the certificate chains to a configured trust anchor, every certificate in the chain being
//!    valid at the injected clock's *now* (OpenSSL `X509_verify_cert`, verification time set);
//! 4. it is not revoked: on the configured CRLs (which must be current), and by the OCSP
//!    responder when one is configured;
//! 5. the key may serve the purpose (AUTH key to log in, SIGN key to sign documents);
//! 6. the subject carries a valid IIN (and, if any, a valid BIN).
//!
//! A certificate alone proves nothing: anyone can send one (that is how a fake NCALayer logs
//! in to systems that check only "the certificate is valid"). What this module verifies is a
//! signature over bytes the caller chose, so callers must pass a fresh server challenge for
//! login and registration. See `docs/eds.md`.

use std::{
    fmt,
    path::{Path, PathBuf},
    sync::{
        Arc, RwLock,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use chrono::{DateTime, Utc};
use openssl::{
    pkcs7::{Pkcs7, Pkcs7Flags},
    stack::Stack,
    x509::{
        X509, X509Ref, X509StoreContext, X509VerifyResult,
        store::{X509Store, X509StoreBuilder},
        verify::{X509VerifyFlags, X509VerifyParam},
    },
};
use openssl_sys as ffi;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use super::{
    certificate::{KeyPurpose, SignerCertificate},
    crl::{self, CrlLocation, CrlSet, LoadedCrl},
    encoding,
    error::{EdsError, RevocationSource, TrustSetupError},
    ocsp::{self, HttpOcspResponder, OcspVerdict, RevocationResponder},
};
use crate::clock::SharedClock;

/// How long one OCSP exchange may take before the answer counts as missing.
const OCSP_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one CRL download may take (the national CA's lists are tens of megabytes).
const CRL_TIMEOUT: Duration = Duration::from_secs(120);
/// The largest CRL accepted.
const MAX_CRL_BYTES: u64 = 512 * 1024 * 1024;

/// Which certification authorities to trust and how to learn about revocations: `[eds]` in the
/// configuration. See `docs/eds.md` for production values.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct TrustSettings {
    /// PEM or DER certificate files, or folders of `.pem`/`.crt`/`.cer` files, of the CAs to
    /// trust: the national CA's root and issuing certificates in production. Every listed
    /// certificate is a trust anchor in its own right.
    pub anchors: Vec<PathBuf>,
    /// CRLs to check against: file paths, or `http(s)://` URLs fetched at startup and every
    /// `crl_refresh`. When any is listed, every certificate's issuer must have a current CRL.
    pub crls: Vec<String>,
    /// How often URL CRLs are fetched again, e.g. `"30m"`, `"6h"`, or seconds as a number.
    #[serde(
        deserialize_with = "deserialize_duration",
        serialize_with = "serialize_duration"
    )]
    pub crl_refresh: Duration,
    /// The OCSP responder to ask, overriding the certificate's own (AIA) address. OCSP is used
    /// when this is set or when `ocsp_required` is true.
    pub ocsp_url: Option<String>,
    /// Refuse a signature (`eds-revocation-unknown`) when no good OCSP answer can be had; when
    /// false, an unreachable responder is logged and the CRL check (if any) stands alone.
    pub ocsp_required: bool,
    /// The RFC 3161 time-stamping authority asked for a token over every accepted act's signature
    /// (the national one: `http://tsp.pki.gov.kz:80`). None: acts are kept without trusted time.
    pub tsa_url: Option<String>,
    /// Certificates that the TSA's certificate must chain to; the `anchors` when empty.
    pub tsa_anchors: Vec<PathBuf>,
}

impl Default for TrustSettings {
    fn default() -> Self {
        Self {
            anchors: Vec::new(),
            crls: Vec::new(),
            crl_refresh: Duration::from_secs(60 * 60),
            ocsp_url: None,
            ocsp_required: false,
            tsa_url: None,
            tsa_anchors: Vec::new(),
        }
    }
}

impl TrustSettings {
    fn uses_ocsp(&self) -> bool {
        self.ocsp_url.is_some() || self.ocsp_required
    }
}

/// What one CRL refresh did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrlRefreshReport {
    /// Locations whose CRL was (re)loaded.
    pub updated: Vec<String>,
    /// Locations that served a CRL older than the one held, which is kept.
    pub kept_newer: Vec<String>,
    /// Locations that failed, with why; the CRL held from there (if any) stays in force.
    pub failed: Vec<(String, String)>,
}

impl CrlRefreshReport {
    pub fn is_ok(&self) -> bool {
        self.failed.is_empty()
    }
}

/// Verifies EDS signatures. Cheap to share (`Arc`), `Send + Sync`; CRLs refresh in place.
pub struct EdsVerifier {
    settings: TrustSettings,
    clock: SharedClock,
    anchors: Vec<X509>,
    crl_locations: Vec<CrlLocation>,
    crls: RwLock<Arc<CrlSet>>,
    /// Counts the CRL sets swapped in (see [`EdsVerifier::revocation_epoch`]).
    crl_epoch: AtomicU64,
    http: reqwest::Client,
    responder: Arc<dyn RevocationResponder>,
}

impl fmt::Debug for EdsVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EdsVerifier")
            .field("settings", &self.settings)
            .field("anchors", &self.anchors.len())
            .finish_non_exhaustive()
    }
}

/// What the offline checks established; the OCSP check needs the chain.
struct Checked {
    signer: SignerCertificate,
    leaf: X509,
    issuer: Option<X509>,
    untrusted: Vec<X509>,
    /// The chain as verified, leaf first.
    chain: Vec<X509>,
    /// The CRL that showed the signer's certificate not revoked, when CRLs are configured.
    crl: Option<Arc<openssl::x509::X509Crl>>,
}

/// An accepted signature and what it was accepted on: the CMS in DER, the certificate chain and
/// the revocation data (CRL or OCSP response) in force at that moment. Kept with the act, these
/// let anyone check the signature again after the certificate expires (ETSI EN 319 122, level LT).
#[derive(Debug, Clone)]
pub struct Verified {
    pub signer: SignerCertificate,
    /// The CMS SignedData, DER (as sent: BER input is kept byte for byte).
    pub cms_der: Vec<u8>,
    /// The certificate chain, leaf first, DER.
    pub chain: Vec<Vec<u8>>,
    /// CRLs (DER) that showed the certificate unrevoked.
    pub crls: Vec<Vec<u8>>,
    /// OCSP responses (DER) that said "good".
    pub ocsp: Vec<Vec<u8>>,
}

impl EdsVerifier {
    /// Loads the anchors and the file CRLs. URL CRLs arrive with the first
    /// [`EdsVerifier::refresh_crls`] (or [`spawn_crl_refresh`]); until then a certificate whose
    /// issuer has no CRL is refused as `eds-revocation-unknown`, never let through.
    pub fn new(settings: TrustSettings, clock: SharedClock) -> Result<Self, TrustSetupError> {
        let responder = HttpOcspResponder::new(OCSP_TIMEOUT)
            .map_err(|e| TrustSetupError::Http(e.to_string()))?;
        Self::with_responder(settings, clock, Arc::new(responder))
    }

    /// As [`EdsVerifier::new`], with another OCSP transport.
    pub fn with_responder(
        settings: TrustSettings,
        clock: SharedClock,
        responder: Arc<dyn RevocationResponder>,
    ) -> Result<Self, TrustSetupError> {
        let anchors = load_anchors(&settings.anchors)?;
        let crl_locations: Vec<CrlLocation> = settings
            .crls
            .iter()
            .map(|c| CrlLocation::parse(c))
            .collect();
        let mut loaded = Vec::new();
        for location in &crl_locations {
            if let CrlLocation::File(path) = location {
                let bytes = std::fs::read(path).map_err(|e| TrustSetupError::Crl {
                    location: location.label(),
                    reason: e.to_string(),
                })?;
                loaded.extend(
                    crl::parse_and_check(&location.label(), &bytes, &anchors).map_err(
                        |reason| TrustSetupError::Crl {
                            location: location.label(),
                            reason,
                        },
                    )?,
                );
            }
        }
        let crls = if crl_locations.is_empty() {
            CrlSet::unconfigured()
        } else {
            CrlSet::build(&anchors, loaded).map_err(|reason| TrustSetupError::Crl {
                location: "(all)".into(),
                reason,
            })?
        };
        let http = reqwest::Client::builder()
            .timeout(CRL_TIMEOUT)
            .connect_timeout(OCSP_TIMEOUT)
            .build()
            .map_err(|e| TrustSetupError::Http(e.to_string()))?;
        Ok(Self {
            settings,
            clock,
            anchors,
            crl_locations,
            crls: RwLock::new(Arc::new(crls)),
            crl_epoch: AtomicU64::new(0),
            http,
            responder,
        })
    }

    /// The trust anchors, as loaded.
    pub fn anchors(&self) -> &[X509] {
        &self.anchors
    }

    pub fn settings(&self) -> &TrustSettings {
        &self.settings
    }

    /// Verifies a CMS signature over exactly `content` (detached, or attached with that very
    /// content) for `purpose`, and returns who signed. `cms` may be DER, PEM or base64 text.
    pub async fn verify_detached(
        &self,
        cms: &[u8],
        content: &[u8],
        purpose: KeyPurpose,
    ) -> Result<SignerCertificate, EdsError> {
        self.verify_with_evidence(cms, content, purpose)
            .await
            .map(|verified| verified.signer)
    }

    /// As [`EdsVerifier::verify_detached`], and returns what the signature was accepted on, to be
    /// kept as evidence of the act.
    pub async fn verify_with_evidence(
        &self,
        cms: &[u8],
        content: &[u8],
        purpose: KeyPurpose,
    ) -> Result<Verified, EdsError> {
        let now = self.clock.now();
        let checked = self.verify_offline(cms, content, purpose, now)?;
        let ocsp = if self.settings.uses_ocsp() {
            self.check_ocsp(&checked, now).await?
        } else {
            None
        };
        let der = |cert: &X509| cert.to_der().map_err(EdsError::internal);
        Ok(Verified {
            cms_der: encoding::to_der(cms).unwrap_or_default(),
            chain: checked.chain.iter().map(der).collect::<Result<_, _>>()?,
            crls: match &checked.crl {
                Some(crl) => vec![crl.to_der().map_err(EdsError::internal)?],
                None => Vec::new(),
            },
            ocsp: ocsp.into_iter().collect(),
            signer: checked.signer,
        })
    }

    /// Verifies a stored signature as of the moment it was made (`at`): a document signed while
    /// the certificate was valid stays verifiable after the certificate expires. Offline (no OCSP).
    pub fn verify_detached_at(
        &self,
        cms: &[u8],
        content: &[u8],
        purpose: KeyPurpose,
        at: DateTime<Utc>,
    ) -> Result<SignerCertificate, EdsError> {
        self.verify_offline(cms, content, purpose, at)
            .map(|checked| checked.signer)
    }

    /// Verifies a kept signature as of `at`, the time trusted time says it existed, against the
    /// revocation data kept with it (`crls`, DER; an act accepted on OCSP alone keeps its answer,
    /// whose "good" at that time is the record, so no CRL is required then). This is how an act
    /// is checked after its certificate expired or its CRL was superseded (ETSI EN 319 102-1,
    /// validation of a signature with time and long-term data).
    pub fn verify_archived(
        &self,
        cms: &[u8],
        content: &[u8],
        purpose: KeyPurpose,
        at: DateTime<Utc>,
        crls: &[Vec<u8>],
    ) -> Result<SignerCertificate, EdsError> {
        let loaded = crls
            .iter()
            .map(|der| crl::parse_and_check("(kept with the act)", der, &self.anchors))
            .collect::<Result<Vec<_>, _>>()
            .map_err(EdsError::RevocationUnknown)?
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
        let kept = if loaded.is_empty() {
            CrlSet::unconfigured()
        } else {
            CrlSet::build(&self.anchors, loaded).map_err(EdsError::RevocationUnknown)?
        };
        self.verify_offline_with(cms, content, purpose, at, &kept)
            .map(|checked| checked.signer)
    }

    /// Steps 1–6 of the module documentation except OCSP.
    fn verify_offline(
        &self,
        cms: &[u8],
        content: &[u8],
        purpose: KeyPurpose,
        now: DateTime<Utc>,
    ) -> Result<Checked, EdsError> {
        let crls = self.current_crls();
        self.verify_offline_with(cms, content, purpose, now, &crls)
    }

    fn verify_offline_with(
        &self,
        cms: &[u8],
        content: &[u8],
        purpose: KeyPurpose,
        now: DateTime<Utc>,
        crls: &CrlSet,
    ) -> Result<Checked, EdsError> {
        let der = encoding::to_der(cms)
            .ok_or_else(|| EdsError::Malformed("expected CMS as DER, PEM or base64 text".into()))?;
        let p7 = Pkcs7::from_der(&der)
            .map_err(|_| EdsError::Malformed("it is not a CMS/PKCS#7 structure".into()))?;
        let signed = p7
            .signed()
            .ok_or_else(|| EdsError::Malformed("it is not a CMS SignedData".into()))?;
        let untrusted: Vec<X509> = signed
            .certificates()
            .map(|certs| certs.iter().map(X509Ref::to_owned).collect())
            .unwrap_or_default();

        let no_certs = Stack::new().map_err(EdsError::internal)?;
        let signers = p7.signers(&no_certs, Pkcs7Flags::empty()).map_err(|_| {
            EdsError::Malformed(
                "it has no signer, or does not carry its signer's certificate".into(),
            )
        })?;
        if signers.len() != 1 {
            return Err(EdsError::Malformed(format!(
                "exactly one signer is expected, it has {}",
                signers.len()
            )));
        }
        let leaf = signers
            .get(0)
            .map(X509Ref::to_owned)
            .ok_or_else(|| EdsError::Malformed("it has no signer".into()))?;

        if leaf.public_key().is_err() {
            // OpenSSL cannot read the key: in practice a GOST key, whose Kazakh algorithm OIDs
            // it does not know. Say so rather than call the signature invalid.
            return Err(EdsError::Malformed(
                "the signer's key type is not supported; sign with an RSA key (GOST keys are \
                 not supported)"
                    .into(),
            ));
        }
        verify_signature(&p7, content)?;
        let signer = SignerCertificate::from_x509(&leaf);

        let chain = self.verify_chain(&leaf, &untrusted, now)?;
        let crl = crls.check(&leaf, &untrusted, now)?;

        let signer = signer?;
        if !signer.permits(purpose) {
            return Err(EdsError::WrongKeyUsage(purpose));
        }
        Ok(Checked {
            signer,
            leaf,
            issuer: chain.get(1).cloned(),
            untrusted: untrusted.into_iter().chain(chain.iter().cloned()).collect(),
            chain,
            crl,
        })
    }

    /// A store of the anchors whose verification time is `now` (built per call: cheap, anchors
    /// are reference-counted).
    fn anchor_store(&self, now: DateTime<Utc>) -> Result<X509Store, EdsError> {
        let mut builder = X509StoreBuilder::new().map_err(EdsError::internal)?;
        for anchor in &self.anchors {
            builder
                .add_cert(anchor.clone())
                .map_err(EdsError::internal)?;
        }
        let mut param = X509VerifyParam::new().map_err(EdsError::internal)?;
        param.set_time(now.timestamp() as _);
        // Every configured certificate is an anchor, even an issuing CA listed without its root.
        param
            .set_flags(X509VerifyFlags::PARTIAL_CHAIN)
            .map_err(EdsError::internal)?;
        builder.set_param(&param).map_err(EdsError::internal)?;
        Ok(builder.build())
    }

    /// Builds and checks the chain at `now`; returns it, leaf first.
    fn verify_chain(
        &self,
        leaf: &X509Ref,
        untrusted: &[X509],
        now: DateTime<Utc>,
    ) -> Result<Vec<X509>, EdsError> {
        let store = self.anchor_store(now)?;
        let mut intermediates = Stack::new().map_err(EdsError::internal)?;
        for cert in untrusted {
            intermediates
                .push(cert.clone())
                .map_err(EdsError::internal)?;
        }
        let mut context = X509StoreContext::new().map_err(EdsError::internal)?;
        let (ok, error, depth, chain) = context
            .init(&store, leaf, &intermediates, |ctx| {
                let ok = ctx.verify_cert()?;
                let chain: Vec<X509> = ctx
                    .chain()
                    .map(|chain| chain.iter().map(X509Ref::to_owned).collect())
                    .unwrap_or_default();
                Ok((ok, ctx.error(), ctx.error_depth(), chain))
            })
            .map_err(EdsError::internal)?;
        if ok {
            Ok(chain)
        } else {
            Err(classify_chain_error(error, depth))
        }
    }

    /// The OCSP answer when it said "good"; `None` when none was had and that is allowed.
    async fn check_ocsp(
        &self,
        checked: &Checked,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<u8>>, EdsError> {
        let (verdict, answer) = self.ask_ocsp(checked, now).await;
        match verdict {
            OcspVerdict::Good => Ok(answer),
            OcspVerdict::Revoked(revoked_at) => Err(EdsError::Revoked {
                via: RevocationSource::Ocsp,
                revoked_at,
            }),
            OcspVerdict::Unknown(why) if self.settings.ocsp_required => {
                Err(EdsError::RevocationUnknown(why))
            }
            OcspVerdict::Unknown(why) => {
                tracing::warn!(
                    certificate = %checked.signer.serial_number,
                    "OCSP gave no answer, accepting on the CRL check alone: {why}"
                );
                Ok(None)
            }
        }
    }

    async fn ask_ocsp(
        &self,
        checked: &Checked,
        now: DateTime<Utc>,
    ) -> (OcspVerdict, Option<Vec<u8>>) {
        let unknown = |why: String| (OcspVerdict::Unknown(why), None);
        let Some(issuer) = &checked.issuer else {
            return unknown("the certificate's issuer is not known".into());
        };
        let url = match &self.settings.ocsp_url {
            Some(url) => url.clone(),
            None => match aia_ocsp_url(&checked.leaf) {
                Some(url) => url,
                None => {
                    return unknown(
                        "the certificate names no OCSP responder and none is configured".into(),
                    );
                }
            },
        };
        let request = match ocsp::request_for(&checked.leaf, issuer) {
            Ok(request) => request,
            Err(why) => return unknown(why),
        };
        let answer = match self.responder.post(&url, request).await {
            Ok(answer) => answer,
            Err(why) => return unknown(why),
        };
        let store = match self.anchor_store(now) {
            Ok(store) => store,
            Err(e) => return unknown(e.to_string()),
        };
        let verdict = ocsp::judge(
            &answer,
            &checked.leaf,
            issuer,
            &store,
            &checked.untrusted,
            now,
        );
        (verdict, Some(answer))
    }

    fn current_crls(&self) -> Arc<CrlSet> {
        self.crls
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Changes whenever a new set of CRLs is swapped in: a result remembered with an earlier
    /// epoch may no longer hold.
    pub fn revocation_epoch(&self) -> u64 {
        self.crl_epoch.load(Ordering::Acquire)
    }

    /// Fetches every configured CRL again (files are re-read too) and swaps the new set in.
    /// A location that fails keeps its previous CRL; one that serves an older CRL than held
    /// (a replay) is ignored.
    pub async fn refresh_crls(&self) -> CrlRefreshReport {
        let mut report = CrlRefreshReport::default();
        if self.crl_locations.is_empty() {
            return report;
        }
        let held = self.current_crls();
        let mut next: Vec<LoadedCrl> = Vec::new();
        for location in &self.crl_locations {
            let label = location.label();
            let held_here: Vec<LoadedCrl> = held
                .crls()
                .iter()
                .filter(|c| c.location == label)
                .cloned()
                .collect();
            let fetched = match self.fetch_crl(location).await {
                Ok(bytes) => crl::parse_and_check(&label, &bytes, &self.anchors),
                Err(why) => Err(why),
            };
            match fetched {
                Ok(fresh) => {
                    let newest_held = held_here.iter().map(|c| c.this_update).max();
                    let newest_fresh = fresh.iter().map(|c| c.this_update).max();
                    if newest_held > newest_fresh {
                        report.kept_newer.push(label);
                        next.extend(held_here);
                    } else {
                        report.updated.push(label);
                        next.extend(fresh);
                    }
                }
                Err(why) => {
                    report.failed.push((label, why));
                    next.extend(held_here);
                }
            }
        }
        match CrlSet::build(&self.anchors, next) {
            Ok(set) => {
                *self
                    .crls
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(set);
                self.crl_epoch.fetch_add(1, Ordering::Release);
            }
            Err(why) => {
                // Keep the set in force; report every location as not refreshed.
                report
                    .failed
                    .extend(report.updated.drain(..).map(|label| (label, why.clone())));
            }
        }
        report
    }

    async fn fetch_crl(&self, location: &CrlLocation) -> Result<Vec<u8>, String> {
        match location {
            CrlLocation::File(path) => tokio::fs::read(path)
                .await
                .map_err(|e| format!("cannot read it: {e}")),
            CrlLocation::Url(url) => {
                let response = self
                    .http
                    .get(url)
                    .send()
                    .await
                    .map_err(|e| format!("cannot download it: {e}"))?;
                if !response.status().is_success() {
                    return Err(format!("the server answered HTTP {}", response.status()));
                }
                if response
                    .content_length()
                    .is_some_and(|len| len > MAX_CRL_BYTES)
                {
                    return Err("it is larger than the limit".into());
                }
                let body = response
                    .bytes()
                    .await
                    .map_err(|e| format!("the download was cut short: {e}"))?;
                Ok(body.to_vec())
            }
        }
    }
}

/// Refreshes the verifier's CRLs now and then every `crl_refresh`, logging what happened.
/// Returns at once (a finished task) when no CRL is configured. Abort the handle to stop it.
pub fn spawn_crl_refresh(
    verifier: Arc<EdsVerifier>,
    shutdown: tokio_util::sync::CancellationToken,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if verifier.crl_locations.is_empty() {
            return;
        }
        let interval = verifier.settings.crl_refresh.max(Duration::from_secs(1));
        loop {
            let report = verifier.refresh_crls().await;
            for (location, why) in &report.failed {
                tracing::warn!(crl = %location, "CRL refresh failed, keeping the one held: {why}");
            }
            for location in &report.kept_newer {
                tracing::warn!(crl = %location, "served an older CRL than the one held; ignored");
            }
            if !report.updated.is_empty() {
                tracing::info!(crls = ?report.updated, "CRLs refreshed");
            }
            // Ends with the server: a graceful shutdown waits for this task.
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(interval) => {}
            }
        }
    })
}

/// Checks the signature alone (no chain): over `content` for a detached CMS, or over its own
/// content, which must then equal `content`.
fn verify_signature(p7: &Pkcs7, content: &[u8]) -> Result<(), EdsError> {
    let no_certs = Stack::new().map_err(EdsError::internal)?;
    let no_trust = X509StoreBuilder::new().map_err(EdsError::internal)?.build();
    let flags = Pkcs7Flags::NOVERIFY | Pkcs7Flags::BINARY;
    let mut embedded = Vec::new();
    if p7
        .verify(&no_certs, &no_trust, None, Some(&mut embedded), flags)
        .is_ok()
    {
        // An attached signature that verifies over its own content: it must be our content.
        return if embedded == content {
            Ok(())
        } else {
            Err(EdsError::InvalidSignature(
                "it signs other data than expected".into(),
            ))
        };
    }
    // Detached (or a broken attached one, which NO_DUAL_CONTENT refuses to re-check over our
    // bytes): verify over exactly `content`.
    p7.verify(
        &no_certs,
        &no_trust,
        Some(content),
        None,
        flags | Pkcs7Flags::NO_DUAL_CONTENT,
    )
    .map_err(|_| {
        EdsError::InvalidSignature(
            "it was not made over these data, or the data or signature were altered".into(),
        )
    })
}

/// Maps OpenSSL's chain-verification result to the refusal a user sees.
pub(crate) fn classify_chain_error(error: X509VerifyResult, depth: u32) -> EdsError {
    classify_chain_error_code(error.as_raw(), error.error_string(), depth)
}

fn classify_chain_error_code(code: i32, message: &str, depth: u32) -> EdsError {
    let whose = if depth == 0 {
        "the signer's certificate".to_owned()
    } else {
        format!("the CA certificate {depth} level(s) above the signer's")
    };
    match code {
        ffi::X509_V_ERR_CERT_HAS_EXPIRED | ffi::X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD => {
            EdsError::Expired(format!("{whose} has expired"))
        }
        ffi::X509_V_ERR_CERT_NOT_YET_VALID | ffi::X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD => {
            EdsError::Expired(format!("{whose} is not valid yet"))
        }
        ffi::X509_V_ERR_CERT_REVOKED => EdsError::Revoked {
            via: RevocationSource::Crl,
            revoked_at: None,
        },
        ffi::X509_V_ERR_UNABLE_TO_GET_CRL
        | ffi::X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE
        | ffi::X509_V_ERR_CRL_SIGNATURE_FAILURE
        | ffi::X509_V_ERR_CRL_NOT_YET_VALID
        | ffi::X509_V_ERR_CRL_HAS_EXPIRED
        | ffi::X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD
        | ffi::X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD
        | ffi::X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER
        | ffi::X509_V_ERR_KEYUSAGE_NO_CRL_SIGN
        | ffi::X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION
        | ffi::X509_V_ERR_DIFFERENT_CRL_SCOPE
        | ffi::X509_V_ERR_CRL_PATH_VALIDATION_ERROR => {
            EdsError::RevocationUnknown(format!("no usable CRL for {whose}: {message}"))
        }
        _ => EdsError::Untrusted(format!("{whose}: {message}")),
    }
}

/// The first HTTP OCSP address in the certificate's authority information access.
fn aia_ocsp_url(cert: &X509Ref) -> Option<String> {
    let responders = cert.ocsp_responders().ok()?;
    responders
        .iter()
        .map(|url| url.to_string())
        .find(|url| url.starts_with("http://") || url.starts_with("https://"))
}

/// Reads every anchor certificate, de-duplicated.
/// Loads certificates (files or folders of them) to trust, as `eds.anchors` are loaded.
pub fn load_certificates(paths: &[PathBuf]) -> Result<Vec<X509>, TrustSetupError> {
    load_anchors(paths)
}

fn load_anchors(paths: &[PathBuf]) -> Result<Vec<X509>, TrustSetupError> {
    if paths.is_empty() {
        return Err(TrustSetupError::NoAnchors);
    }
    let mut anchors: Vec<X509> = Vec::new();
    let mut seen = Vec::new();
    for path in paths {
        let certs = if path.is_dir() {
            let certs = anchors_in_folder(path)?;
            if certs.is_empty() {
                return Err(TrustSetupError::Anchor {
                    path: path.clone(),
                    reason: "the folder holds no .pem, .crt or .cer certificate".into(),
                });
            }
            certs
        } else {
            let certs = certificates_in_file(path)?;
            if certs.is_empty() {
                return Err(TrustSetupError::Anchor {
                    path: path.clone(),
                    reason: "the file holds no certificate".into(),
                });
            }
            certs
        };
        for cert in certs {
            let der = cert.to_der().map_err(|e| TrustSetupError::Anchor {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            let digest = Sha256::digest(&der);
            if !seen.contains(&digest) {
                seen.push(digest);
                anchors.push(cert);
            }
        }
    }
    Ok(anchors)
}

fn anchors_in_folder(folder: &Path) -> Result<Vec<X509>, TrustSetupError> {
    let unreadable = |e: std::io::Error| TrustSetupError::Anchor {
        path: folder.to_owned(),
        reason: e.to_string(),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(unreadable)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_file()
                && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    matches!(e.to_ascii_lowercase().as_str(), "pem" | "crt" | "cer")
                })
        })
        .collect();
    files.sort();
    let mut certs = Vec::new();
    for file in files {
        // A folder may also hold CRLs or keys: a file with no certificate is skipped.
        certs.extend(certificates_in_file(&file)?);
    }
    Ok(certs)
}

fn certificates_in_file(path: &Path) -> Result<Vec<X509>, TrustSetupError> {
    let bytes = std::fs::read(path).map_err(|e| TrustSetupError::Anchor {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    let bad = |reason: String| TrustSetupError::Anchor {
        path: path.to_owned(),
        reason,
    };
    if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        encoding::pem_blocks(&bytes)
            .into_iter()
            .filter(|(label, _)| label == "CERTIFICATE")
            .map(|(_, der)| {
                X509::from_der(&der).map_err(|e| bad(format!("a certificate does not parse: {e}")))
            })
            .collect()
    } else if bytes.first() == Some(&0x30) {
        Ok(vec![X509::from_der(&bytes).map_err(|e| {
            bad(format!("the certificate does not parse: {e}"))
        })?])
    } else {
        Ok(Vec::new())
    }
}

fn deserialize_duration<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Seconds(u64),
        Text(String),
    }
    match Raw::deserialize(deserializer)? {
        Raw::Seconds(secs) => Ok(Duration::from_secs(secs)),
        Raw::Text(text) => parse_duration(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a duration: use e.g. \"90s\", \"30m\", \"6h\", \"1d\""
            ))
        }),
    }
}

fn serialize_duration<S: Serializer>(
    duration: &Duration,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format!("{}s", duration.as_secs()))
}

/// `"90"`, `"90s"`, `"30m"`, `"6h"` or `"1d"`.
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let seconds = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 60 * 60,
        "d" => 24 * 60 * 60,
        _ => return None,
    };
    number.checked_mul(seconds).map(Duration::from_secs)
}

#[cfg(test)]
mod tests;
