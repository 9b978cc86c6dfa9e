//! Signed, self-contained tokens for links that must work without signing in or without an
//! `Authorization` header: the one-click unsubscribe link of optional emails (RFC 8058) and the
//! short-lived ticket that opens the notification stream (browsers' EventSource cannot send
//! headers, and a ticket in the URL is safe to appear in proxies' logs where a token is not).
//!
//! HMAC-SHA256 with a secret from `auth.link_secret_file`, or generated on first start into
//! `<data_dir>/keys/link-secret`. Every node of a cluster needs the same secret.

use std::path::Path;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

pub struct LinkSigner {
    base: Hmac<Sha256>,
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner(..)")
    }
}

impl LinkSigner {
    /// HMAC takes keys of any length, so this fails only on an empty key.
    pub fn new(key: &[u8]) -> anyhow::Result<Self> {
        anyhow::ensure!(!key.is_empty(), "the link secret is empty");
        Ok(Self {
            base: Hmac::<Sha256>::new_from_slice(key)?,
        })
    }

    pub fn load_or_generate(configured: Option<&Path>, data_dir: &Path) -> anyhow::Result<Self> {
        let path = configured.map_or_else(
            || data_dir.join("keys").join("link-secret"),
            Path::to_path_buf,
        );
        if !path.exists() {
            anyhow::ensure!(
                configured.is_none(),
                "auth.link_secret_file {} does not exist",
                path.display()
            );
            let mut secret = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut secret);
            crate::secrets::create_secret_file(&path, hex::encode(secret).as_bytes())?;
        }
        let text = std::fs::read_to_string(&path)?;
        let key = hex::decode(text.trim())
            .map_err(|_| anyhow::anyhow!("{} is not hex", path.display()))?;
        anyhow::ensure!(key.len() >= 32, "the link secret must be at least 32 bytes");
        Self::new(&key)
    }

    fn mac(&self, purpose: &str, payload: &str) -> Hmac<Sha256> {
        let mut mac = self.base.clone();
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(payload.as_bytes());
        mac
    }

    /// `base64url(payload).base64url(mac)`; `purpose` keeps tokens of one kind from passing as
    /// another.
    pub fn sign(&self, purpose: &str, payload: &str) -> String {
        let tag = self.mac(purpose, payload).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(payload),
            URL_SAFE_NO_PAD.encode(tag)
        )
    }

    /// The payload, when the token was signed by us for `purpose` (constant-time comparison).
    pub fn verify(&self, purpose: &str, token: &str) -> Option<String> {
        let (payload, tag) = token.split_once('.')?;
        let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        self.mac(purpose, &payload).verify_slice(&tag).ok()?;
        Some(payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_only_for_its_purpose_and_unaltered() {
        let signer = LinkSigner::new(&[7; 32]).expect("a key");
        let token = signer.sign("unsubscribe", "account:announcements");
        assert_eq!(
            signer.verify("unsubscribe", &token).as_deref(),
            Some("account:announcements")
        );
        assert_eq!(signer.verify("stream", &token), None, "another purpose");
        let forged = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode("account:legal"),
            token.split('.').nth(1).unwrap_or_default()
        );
        assert_eq!(
            signer.verify("unsubscribe", &forged),
            None,
            "another payload"
        );
        let other = LinkSigner::new(&[8; 32]).expect("a key");
        assert_eq!(other.verify("unsubscribe", &token), None, "another key");
        assert_eq!(signer.verify("unsubscribe", "garbage"), None);
    }
}
