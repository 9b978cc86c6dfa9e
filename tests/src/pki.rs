//! The dev PKI the tests sign with: generated once per test process (RSA keys are slow to make)
//! into a temporary folder kept until the process ends, issued at the test process's start instant
//! ([`crate::time::start`]) so its certificates and CRL are valid around every instant a test uses.
//! Its RSA keys come from a pool kept in the target folder ([`key_pool`]).

use std::sync::OnceLock;

use base64::{Engine, engine::general_purpose::STANDARD};
use saulet_api::eds::{
    KeyPurpose, TrustSettings,
    dev_pki::{self, DEV_PKI_PASSWORD, DevPki, DevPkiFiles, DevUser},
    sign,
};

pub struct TestPki {
    pub pki: DevPki,
    pub files: DevPkiFiles,
    _dir: tempfile::TempDir,
}

static PKI: OnceLock<TestPki> = OnceLock::new();

pub fn pki() -> &'static TestPki {
    PKI.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a folder for the dev PKI");
        let options = dev_pki::DevPkiOptions {
            key_pool: Some(key_pool()),
            ..Default::default()
        };
        let (pki, files) = dev_pki::generate_with(dir.path(), crate::time::start(), &options)
            .expect("the dev PKI generates");
        TestPki {
            pki,
            files,
            _dir: dir,
        }
    })
}

/// The RSA keys every test process's PKI is made with: `<target>/test-keys`, filled by the first
/// process that needs them. Making the keys is nearly all the cost of a PKI; the certificates,
/// the CRL and every date are still made by each process at its own start instant.
pub fn key_pool() -> std::path::PathBuf {
    crate::process::target_dir().join("test-keys")
}

impl TestPki {
    pub fn trust(&self) -> TrustSettings {
        self.pki.trust_settings(&self.files)
    }

    /// A demo person: `individual`, `employee`, `head`, `reviewer`, `admin`, `water-engineer`,
    /// `power-engineer`,
    /// `individual-renewed`, `second-individual`, `expired`, `revoked`, `untrusted`.
    pub fn user(&self, name: &str) -> &DevUser {
        self.pki
            .user(name)
            .unwrap_or_else(|| panic!("no dev PKI user `{name}`"))
    }

    /// A detached CMS signature of `content` with `user`'s key for `purpose`, base64 (what the
    /// browser sends).
    pub fn sign(&self, user: &str, purpose: KeyPurpose, content: &[u8]) -> String {
        let key = self.user(user).key(purpose);
        let cms = sign::sign_detached(&key.p12, DEV_PKI_PASSWORD, content).expect("signs");
        STANDARD.encode(cms)
    }
}
