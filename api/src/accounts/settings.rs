//! `[auth]` in the configuration.

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct AuthSettings {
    /// Ed25519 private key (PKCS#8 PEM) for access tokens. Unset: generated on first start
    /// into `<data_dir>/keys/jwt-ed25519.pem`. Every node of a cluster needs the same key.
    pub jwt_private_key_file: Option<PathBuf>,
    /// Access token lifetime.
    pub access_token_ttl_secs: i64,
    /// A session (refresh-token family) lasts at most this long.
    pub session_ttl_days: i64,
    /// A used refresh token presented again within this many seconds of its first use is a
    /// concurrent refresh of the same browser (two tabs, a reload), not a theft: it gets new
    /// tokens instead of ending the session. 0 treats every second use as a theft.
    pub refresh_reuse_grace_secs: i64,
    /// A one-time EDS challenge must be signed and sent back within this time.
    pub challenge_ttl_secs: i64,
    /// Email verification links stay valid this long.
    pub email_verification_ttl_hours: i64,
    /// Password reset links stay valid this long.
    pub password_reset_ttl_minutes: i64,
    /// Failed password sign-ins in a row before the account is locked.
    pub lockout_threshold: i32,
    /// The first lock lasts this long; each further lock doubles it (at most a day).
    pub lockout_base_secs: i64,
    /// Send the refresh cookie with `Secure` (on behind HTTPS; off for plain-HTTP local runs).
    pub secure_cookies: bool,
    /// Secret for signed links (unsubscribe, stream tickets), hex. Unset: generated on first
    /// start into `<data_dir>/keys/link-secret`. Every node of a cluster needs the same one.
    pub link_secret_file: Option<PathBuf>,
    /// A state registry to confirm identities when administrators verify accounts.
    pub state_registry_url: Option<String>,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            jwt_private_key_file: None,
            access_token_ttl_secs: 600,
            session_ttl_days: 30,
            refresh_reuse_grace_secs: 10,
            challenge_ttl_secs: 300,
            email_verification_ttl_hours: 48,
            password_reset_ttl_minutes: 30,
            lockout_threshold: 5,
            lockout_base_secs: 15 * 60,
            secure_cookies: false,
            link_secret_file: None,
            state_registry_url: None,
        }
    }
}
