//! Access tokens: short-lived JWTs signed with Ed25519 (EdDSA). The key is read from
//! `auth.jwt_private_key_file`, or generated on first start and kept in `<data_dir>/keys/`, so
//! every node that shares the file (or the configured key) accepts every other node's tokens.
//! The public key is published at `/.well-known/jwks.json` for integrators.

use std::path::{Path, PathBuf};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use openssl::pkey::PKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::entity::account::Role;

pub const ISSUER: &str = "saulet";
pub const AUDIENCE: &str = "saulet-api";

/// What an access token says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    /// The account id.
    pub sub: Uuid,
    /// The session the token belongs to.
    pub sid: Uuid,
    pub role: Role,
    pub iat: i64,
    pub exp: i64,
}

/// How many verified tokens [`TokenKeys::verify`] remembers (about 200 bytes each).
const VERIFIED_CAPACITY: usize = 4096;

/// The Ed25519 key pair tokens are signed with.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    kid: String,
    public_raw: Vec<u8>,
    /// The claims of tokens whose signature already verified, by the SHA-256 of the token.
    /// Checking an Ed25519 signature is most of the CPU an authenticated read costs, and a client
    /// sends the same token for its whole life; the same bytes verify the same way every time, so
    /// the check is done once per token. Only genuine tokens get in, expiry is still checked on
    /// every use, and the session behind the token is still read on every request.
    verified: quick_cache::sync::Cache<[u8; 32], Claims>,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// One key of the JWK set.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Jwk {
    /// `OKP`.
    pub kty: String,
    /// `Ed25519`.
    pub crv: String,
    /// The public key, base64url.
    pub x: String,
    pub kid: String,
    #[serde(rename = "use")]
    pub key_use: String,
    pub alg: String,
}

/// `/.well-known/jwks.json`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct JwkSet {
    pub keys: Vec<Jwk>,
}

impl TokenKeys {
    /// Loads the key from `configured`, or from (or into) `<data_dir>/keys/jwt-ed25519.pem`.
    pub fn load_or_generate(configured: Option<&Path>, data_dir: &Path) -> anyhow::Result<Self> {
        let path: PathBuf = match configured {
            Some(path) => path.to_path_buf(),
            None => data_dir.join("keys").join("jwt-ed25519.pem"),
        };
        if !path.exists() {
            if configured.is_some() {
                anyhow::bail!(
                    "auth.jwt_private_key_file {} does not exist",
                    path.display()
                );
            }
            generate_into(&path)?;
            tracing::info!(path = %path.display(), "generated a new token signing key");
        }
        let pem = std::fs::read(&path).map_err(|e| {
            anyhow::anyhow!("cannot read the token signing key {}: {e}", path.display())
        })?;
        Self::from_pem(&pem)
    }

    pub fn from_pem(private_pem: &[u8]) -> anyhow::Result<Self> {
        let key = PKey::private_key_from_pem(private_pem)?;
        anyhow::ensure!(
            key.id() == openssl::pkey::Id::ED25519,
            "the token signing key must be Ed25519"
        );
        let public_raw = key.raw_public_key()?;
        let public_pem = key.public_key_to_pem()?;
        let kid = URL_SAFE_NO_PAD.encode(&Sha256::digest(&public_raw)[..16]);
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.leeway = 0;
        // Expiry is checked against the injected clock in `verify`, not the system time.
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        Ok(Self {
            encoding: EncodingKey::from_ed_pem(private_pem)?,
            decoding: DecodingKey::from_ed_pem(&public_pem)?,
            validation,
            kid,
            public_raw,
            verified: quick_cache::sync::Cache::new(VERIFIED_CAPACITY),
        })
    }

    pub fn issue(
        &self,
        account: Uuid,
        session: Uuid,
        role: Role,
        now: DateTime<Utc>,
        ttl: chrono::Duration,
    ) -> anyhow::Result<String> {
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: account,
            sid: session,
            role,
            iat: now.timestamp(),
            exp: (now + ttl).timestamp(),
        };
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        Ok(jsonwebtoken::encode(&header, &claims, &self.encoding)?)
    }

    /// Verifies signature, algorithm (EdDSA only: `none` and HMAC are refused), issuer,
    /// audience and expiry against `now`.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Option<Claims> {
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let claims = match self.verified.get(&key) {
            Some(claims) => claims,
            None => {
                let claims =
                    jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
                        .ok()?
                        .claims;
                self.verified.insert(key, claims.clone());
                claims
            }
        };
        (claims.exp > now.timestamp()).then_some(claims)
    }

    pub fn jwks(&self) -> JwkSet {
        JwkSet {
            keys: vec![Jwk {
                kty: "OKP".into(),
                crv: "Ed25519".into(),
                x: URL_SAFE_NO_PAD.encode(&self.public_raw),
                kid: self.kid.clone(),
                key_use: "sig".into(),
                alg: "EdDSA".into(),
            }],
        }
    }
}

/// Writes a new Ed25519 key, readable only by its owner, unless another node made one first.
fn generate_into(path: &Path) -> anyhow::Result<()> {
    let key = PKey::generate_ed25519()?;
    crate::secrets::create_secret_file(path, &key.private_key_to_pem_pkcs8()?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        let pem = PKey::generate_ed25519()
            .and_then(|k| k.private_key_to_pem_pkcs8())
            .expect("a key");
        TokenKeys::from_pem(&pem).expect("loads")
    }

    #[test]
    fn a_token_verifies_until_it_expires() {
        let keys = keys();
        let now = Utc::now();
        let (account, session) = (Uuid::now_v7(), Uuid::now_v7());
        let token = keys
            .issue(
                account,
                session,
                Role::Applicant,
                now,
                chrono::Duration::minutes(10),
            )
            .expect("issues");
        let claims = keys.verify(&token, now).expect("valid");
        assert_eq!(
            (claims.sub, claims.sid, claims.role),
            (account, session, Role::Applicant)
        );
        assert!(
            keys.verify(&token, now + chrono::Duration::minutes(10))
                .is_none(),
            "expired"
        );
    }

    #[test]
    fn a_remembered_token_still_expires_and_its_tampered_copies_are_refused() {
        let keys = keys();
        let now = Utc::now();
        let token = keys
            .issue(
                Uuid::now_v7(),
                Uuid::now_v7(),
                Role::Applicant,
                now,
                chrono::Duration::minutes(10),
            )
            .expect("issues");
        let first = keys.verify(&token, now).expect("valid");
        assert_eq!(keys.verify(&token, now), Some(first), "remembered");
        assert!(
            keys.verify(&token, now + chrono::Duration::minutes(10))
                .is_none(),
            "a remembered token expires all the same"
        );
        let mut tampered = token.clone().into_bytes();
        let last = tampered.len() - 2;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).expect("text");
        assert!(keys.verify(&tampered, now).is_none(), "a changed signature");
        assert!(
            keys.verify(&format!("{token}x"), now).is_none(),
            "a longer copy"
        );
    }

    #[test]
    fn another_key_or_a_tampered_token_is_refused() {
        let (ours, theirs) = (keys(), keys());
        let now = Utc::now();
        let token = theirs
            .issue(
                Uuid::now_v7(),
                Uuid::now_v7(),
                Role::Admin,
                now,
                chrono::Duration::minutes(5),
            )
            .expect("issues");
        assert!(ours.verify(&token, now).is_none());
        let mine = ours
            .issue(
                Uuid::now_v7(),
                Uuid::now_v7(),
                Role::Applicant,
                now,
                chrono::Duration::minutes(5),
            )
            .expect("issues");
        let mut parts: Vec<String> = mine.split('.').map(str::to_owned).collect();
        parts[1] = URL_SAFE_NO_PAD.encode(
            serde_json::to_vec(&serde_json::json!({"iss":"saulet","aud":"saulet-api","sub":Uuid::now_v7(),"sid":Uuid::now_v7(),"role":"admin","iat":0,"exp":i64::MAX})).expect("json"),
        );
        assert!(
            ours.verify(&parts.join("."), now).is_none(),
            "tampered claims"
        );
    }

    #[test]
    fn alg_none_is_refused() {
        let keys = keys();
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let claims = URL_SAFE_NO_PAD.encode(
            serde_json::to_vec(&serde_json::json!({"iss":"saulet","aud":"saulet-api","sub":Uuid::now_v7(),"sid":Uuid::now_v7(),"role":"admin","iat":0,"exp":i64::MAX})).expect("json"),
        );
        assert!(
            keys.verify(&format!("{header}.{claims}."), Utc::now())
                .is_none()
        );
    }

    #[test]
    fn the_key_is_generated_once_and_kept() {
        let dir = tempfile::tempdir().expect("a folder");
        let first = TokenKeys::load_or_generate(None, dir.path()).expect("generates");
        let second = TokenKeys::load_or_generate(None, dir.path()).expect("loads");
        assert_eq!(first.kid, second.kid);
        let jwks = second.jwks();
        assert_eq!(jwks.keys[0].crv, "Ed25519");
    }
}
