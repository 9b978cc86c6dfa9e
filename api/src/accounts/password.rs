//! Passwords: stored only as argon2id hashes with OWASP's parameters, hashed and
//! verified on the blocking pool (a hash takes tens of milliseconds of CPU and must not stall an
//! async worker), and checked against a policy before they are accepted.

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::{SaltString, rand_core::OsRng},
};

use crate::error::FieldError;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

/// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password on the blocking pool.
pub async fn hash(password: String) -> anyhow::Result<String> {
    let _permit = hash_permits().acquire().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await?
}

/// At most one argon2 computation per CPU core at a time: each takes 19 MiB and a core's worth of
/// work, so more in parallel only thrash the caches and the allocator (docs/benchmarks.md).
fn hash_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    })
}

/// Verifies a password against a stored hash on the blocking pool. When there is no hash (an
/// unknown login) a dummy hash is checked, so the answer takes as long either way.
pub async fn verify(
    password: String,
    stored: Option<String>,
) -> Result<bool, crate::error::ApiError> {
    let _permit = hash_permits()
        .acquire()
        .await
        .map_err(|e| crate::error::ApiError::Internal(e.into()))?;
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let parsed =
            PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("bad stored hash: {e}"))?;
        Ok(argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && stored != DUMMY_HASH)
    })
    .await
    .map_err(|e| crate::error::ApiError::Internal(e.into()))?
    .map_err(crate::error::ApiError::Internal)
}

/// A valid argon2id hash of a random password nobody knows, with the same parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2F1bGV0LWR1bW15LXNhbHQ$Jx9q0cG3m8b3o2yq6YqkXb4r1i1n6tq0Y7m2b0m3b9E";

/// The password policy: long enough, not too long for the hash, not the account's own email
/// or IIN, and not one of the passwords every attacker tries first.
pub fn check_policy(password: &str, email: &str, iin: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    let refuse = |code: &str, message: String| Err(FieldError::new("password", code, message));
    if length < MIN_LENGTH {
        return refuse(
            "too_short",
            format!("must be at least {MIN_LENGTH} characters long"),
        );
    }
    if length > MAX_LENGTH {
        return refuse(
            "too_long",
            format!("must be at most {MAX_LENGTH} characters long"),
        );
    }
    let lowered = password.to_lowercase();
    let local_part = email.split('@').next().unwrap_or_default().to_lowercase();
    if (local_part.chars().count() >= 4 && lowered.contains(&local_part))
        || lowered.contains(&email.to_lowercase())
    {
        return refuse(
            "contains_email",
            "must not contain your email address".into(),
        );
    }
    if !iin.is_empty() && password.contains(iin) {
        return refuse("contains_iin", "must not contain your IIN".into());
    }
    let first = password.chars().next();
    if password.chars().all(|c| Some(c) == first) {
        return refuse("too_simple", "must not repeat one character".into());
    }
    if COMMON_PASSWORDS
        .lines()
        .any(|common| common.trim() == lowered)
    {
        return refuse("too_common", "is one of the most common passwords".into());
    }
    Ok(())
}

/// Passwords of ten or more characters that lead the published breach lists.
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let hashed = hash("сәулет-құпия-2026".into()).await.expect("hashes");
        assert!(hashed.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify("сәулет-құпия-2026".into(), Some(hashed.clone()))
                .await
                .expect("verifies")
        );
        assert!(
            !verify("wrong password".into(), Some(hashed))
                .await
                .expect("verifies")
        );
    }

    #[tokio::test]
    async fn an_unknown_login_is_checked_against_the_dummy_and_fails() {
        assert!(
            !verify("anything at all".into(), None)
                .await
                .expect("verifies")
        );
    }

    #[test]
    fn the_policy_refuses_weak_passwords_with_a_reason() {
        let code = |p: &str| {
            check_policy(p, "aliya.n@example.kz", "061211600012")
                .err()
                .map(|e| e.code)
        };
        assert_eq!(code("short"), Some("too_short".into()));
        assert_eq!(code(&"x".repeat(129)), Some("too_long".into()));
        assert_eq!(code("my-aliya.n-password"), Some("contains_email".into()));
        assert_eq!(code("pass061211600012"), Some("contains_iin".into()));
        assert_eq!(code("aaaaaaaaaaaa"), Some("too_simple".into()));
        assert_eq!(code("1234567890"), Some("too_common".into()));
        assert_eq!(code("Qwerty1234"), Some("too_common".into()));
        assert_eq!(code("Көктем-қаласы-2026"), None);
    }
}
