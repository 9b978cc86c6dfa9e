//! What the unit tests of the EDS module share: one demo PKI per test process (RSA key
//! generation is the slow part), and a verifier over it.

use std::sync::OnceLock;

use chrono::Utc;

use super::{
    dev_pki::{DevPki, DevPkiOptions},
    verify::{EdsVerifier, TrustSettings},
};
use crate::clock::{ManualClock, SharedClock};

/// Demo PKI options with the keys of the integration tests' pool (`<target>/test-keys`): making
/// RSA keys is nearly all the cost of a PKI.
pub(crate) fn pooled_options() -> DevPkiOptions {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    DevPkiOptions {
        key_pool: Some(target.join("test-keys")),
        ..Default::default()
    }
}

pub(crate) fn dev_pki() -> &'static DevPki {
    static PKI: OnceLock<DevPki> = OnceLock::new();
    PKI.get_or_init(|| {
        let options = pooled_options();
        DevPki::build(Utc::now(), &options).expect("the demo PKI builds")
    })
}

/// The demo PKI written to a fresh folder, and a verifier trusting it (CRL file included) with
/// a clock stopped at the PKI's generation time.
pub(crate) struct Fixture {
    /// Holds the files until the test ends.
    _dir: tempfile::TempDir,
    pub(crate) verifier: EdsVerifier,
}

pub(crate) fn fixture() -> Fixture {
    let pki = dev_pki();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files = pki.write(dir.path()).expect("the demo PKI is written");
    let clock: SharedClock = ManualClock::new(pki.generated_at);
    let settings: TrustSettings = pki.trust_settings(&files);
    let verifier = EdsVerifier::new(settings, clock).expect("the verifier starts");
    Fixture {
        _dir: dir,
        verifier,
    }
}
