//! Passwords: stored only as argon2id hashes with OWASP's parameters, hashed and
//! verified on threads of their own, one per core (a hash takes about ten milliseconds of CPU and
//! must not stall an async worker), and checked against a policy before they are accepted.

use std::sync::OnceLock;

use argon2::{
    Algorithm, Argon2, Block, Params, PasswordHash, PasswordVerifier, Version,
    password_hash::{Output, ParamsString, Salt, SaltString, rand_core::OsRng},
};

use crate::error::{ApiError, FieldError};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

/// argon2id with m = 7 MiB, t = 5, p = 1: one of the five configurations the OWASP Password
/// Storage Cheat Sheet lists as giving the same protection (m = 19 MiB, t = 2 is another; they
/// trade memory against passes over it). This one holds the least memory per computation, which
/// matters with one computation per core in flight, and runs fastest here (docs/benchmarks.md).
/// Hashes stored with other parameters still verify, and are re-hashed with these at the next
/// successful sign-in ([`needs_rehash`]).
pub const MEMORY_KIB: u32 = 7 * 1024;
pub const PASSES: u32 = 5;

fn params() -> Params {
    Params::new(MEMORY_KIB, PASSES, 1, None).unwrap_or_default()
}

/// The threads that compute argon2: one per CPU core, each with its own 7 MiB working memory,
/// kept for its next computation instead of being allocated, faulted in and freed each time.
/// Computations wait their turn in one queue (first come, first served), so no more run at once
/// than there are cores (more in parallel only thrash the caches), the memory argon2 holds is
/// bounded by the number of cores, and a thread that finishes one computation starts the next
/// at once, without a round through the async workers (docs/benchmarks.md).
fn hashers() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
            .thread_name(|i| format!("argon2-{i}"))
            // A panic ends only that computation: its caller gets an internal error.
            .panic_handler(|_| tracing::error!("an argon2 computation panicked"))
            .build()
            .unwrap_or_else(|_| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .build()
                    .expect("one thread can always be started")
            })
    })
}

thread_local! {
    /// This hashing thread's working memory.
    static WORKSPACE: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How many working memories the hashing threads have allocated (at most one each).
static WORKSPACES_ALLOCATED: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// Runs `work` with a working memory of `blocks` blocks on a hashing thread.
async fn with_workspace<T: Send + 'static>(
    blocks: usize,
    work: impl FnOnce(&mut [Block]) -> T + Send + 'static,
) -> Result<T, ApiError> {
    let (done, result) = tokio::sync::oneshot::channel();
    hashers().spawn(move || {
        let output = WORKSPACE.with_borrow_mut(|memory| {
            if memory.len() != blocks {
                if memory.is_empty() {
                    WORKSPACES_ALLOCATED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                *memory = vec![Block::default(); blocks];
            }
            work(memory)
        });
        // The caller may have gone (a client that hung up); nothing to do then.
        let _ = done.send(output);
    });
    result
        .await
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("the argon2 computation did not finish")))
}

/// argon2id over `password` and `salt` with `params` into the PHC string form, computed exactly as
/// the argon2 crate's `PasswordHasher` does, in `memory`.
fn phc<'a>(
    params: &Params,
    password: &[u8],
    salt: Salt<'a>,
    memory: &mut [Block],
) -> argon2::password_hash::Result<PasswordHash<'a>> {
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
    let output_len = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let output = Output::init_with(output_len, |out| {
        Ok(argon2.hash_password_into_with_memory(password, salt_bytes, out, &mut *memory)?)
    })?;
    Ok(PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params)?,
        salt: Some(salt),
        hash: Some(output),
    })
}

/// Hashes a password (argon2id, a random salt) on a hashing thread.
pub async fn hash(password: String) -> anyhow::Result<String> {
    let params = params();
    with_workspace(params.block_count(), move |memory| {
        let salt = SaltString::generate(&mut OsRng);
        phc(&params, password.as_bytes(), salt.as_salt(), memory)
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
    })
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?
}

/// Whether `password` matches the PHC string `stored`. A hash made with today's parameters is
/// checked in `memory`; one with other parameters (from before a change of them) by the argon2
/// crate's own verifier. The comparison is constant-time (`Output`'s equality).
fn matches(password: &[u8], stored: &str, memory: &mut [Block]) -> anyhow::Result<bool> {
    let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("bad stored hash: {e}"))?;
    let current = params();
    let same_kind = parsed.algorithm == Algorithm::Argon2id.ident()
        && parsed.version == Some(Version::V0x13.into());
    let stored_params =
        Params::try_from(&parsed).map_err(|e| anyhow::anyhow!("bad stored hash: {e}"))?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Ok(false);
    };
    if !same_kind || stored_params.block_count() != current.block_count() {
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, current);
        return Ok(argon2.verify_password(password, &parsed).is_ok());
    }
    let computed = phc(&stored_params, password, salt, memory)
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))?;
    Ok(computed.hash.is_some_and(|output| output == expected))
}

/// Verifies a password against a stored hash on a hashing thread. When there is no hash (an
/// unknown login) a dummy hash is checked, so the answer takes as long either way.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, ApiError> {
    with_workspace(params().block_count(), move |memory| {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        Ok(matches(password.as_bytes(), &stored, memory)? && known)
    })
    .await?
    .map_err(ApiError::Internal)
}

/// Whether a stored hash was made with other parameters (or another algorithm) than today's, so
/// that the next successful sign-in, which has the password, should store a new one. A string
/// that is not a PHC hash at all needs one too.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    let current = params();
    parsed.algorithm != Algorithm::Argon2id.ident()
        || parsed.version != Some(Version::V0x13.into())
        || Params::try_from(&parsed).map_or(true, |stored| {
            (stored.m_cost(), stored.t_cost(), stored.p_cost())
                != (current.m_cost(), current.t_cost(), current.p_cost())
        })
}

/// A valid argon2id hash of a random password nobody knows, with the same parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=7168,t=5,p=1$c2F1bGV0LWR1bW15LXNhbHQ$L85q6x10zwoYLuyC2UxOjQoU6nX7tXs9dglfV2ovc78";

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
    use argon2::PasswordHasher;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let hashed = hash("сәулет-құпия-2026".into()).await.expect("hashes");
        assert!(hashed.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"));
        assert!(!needs_rehash(&hashed));
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
    async fn hashes_of_the_argon2_crate_itself_and_of_older_parameters_verify() {
        let password = "Көктем-қаласы-2026";
        let standard = |params: Params| {
            Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
                .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
                .expect("hashes")
                .to_string()
        };
        for stored in [
            standard(params()),
            standard(Params::new(4096, 3, 1, None).expect("params")),
        ] {
            assert!(
                verify(password.into(), Some(stored.clone()))
                    .await
                    .expect("verifies")
            );
            assert!(
                !verify("Көктем-қаласы-2027".into(), Some(stored))
                    .await
                    .expect("verifies")
            );
        }
        // And ours verifies with the crate's verifier: the same PHC string, bit for bit.
        let ours = hash(password.into()).await.expect("hashes");
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        );
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        assert!(
            WORKSPACES_ALLOCATED.load(std::sync::atomic::Ordering::Relaxed) <= cores,
            "at most one working memory per core"
        );
    }

    #[test]
    fn hashes_of_other_parameters_or_kinds_need_a_rehash() {
        let with = |params: Params| {
            Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
                .hash_password(b"any", &SaltString::generate(&mut OsRng))
                .expect("hashes")
                .to_string()
        };
        assert!(!needs_rehash(&with(params())));
        assert!(needs_rehash(&with(
            Params::new(19 * 1024, 2, 1, None).expect("params")
        )));
        assert!(needs_rehash(&with(
            Params::new(MEMORY_KIB, 4, 1, None).expect("params")
        )));
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, params())
            .hash_password(b"any", &SaltString::generate(&mut OsRng))
            .expect("hashes")
            .to_string();
        assert!(needs_rehash(&argon2i));
        assert!(needs_rehash("not a hash"));
        // The dummy an unknown login is checked against costs what a real check costs.
        assert!(!needs_rehash(DUMMY_HASH));
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
