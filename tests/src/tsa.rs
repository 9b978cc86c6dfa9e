//! A real RFC 3161 time-stamping authority for the tests: the product's demo TSA
//! (`saulet_api::eds::dev_pki::tsa_server`, OpenSSL's `openssl ts -reply` behind a small HTTP
//! endpoint) with the test PKI's TSA certificate, on a free local port.

use saulet_api::eds::dev_pki::tsa_server::DevTsa;

use crate::pki::pki;

pub struct TestTsa(DevTsa);

impl TestTsa {
    /// Starts a TSA signing with the test PKI's TSA certificate.
    pub async fn start() -> Self {
        let config = pki().files.tsa_config.clone();
        Self(DevTsa::start(config, ([127, 0, 0, 1], 0).into()).expect("a free port for the TSA"))
    }

    pub fn url(&self) -> &str {
        self.0.url()
    }

    /// Makes the TSA answer 503 (`true`) or work again (`false`).
    pub fn set_down(&self, down: bool) {
        self.0.set_down(down);
    }

    /// How many tokens it has issued.
    pub fn answered(&self) -> usize {
        self.0.answered()
    }
}
