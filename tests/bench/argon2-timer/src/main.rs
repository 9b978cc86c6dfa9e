//! `saulet-argon2-timer [N]`: hashes and verifies a password N times (default 30) on one thread
//! with argon2id m=7168 KiB, t=5, p=1 (the product's parameters, `accounts::password`) and
//! prints one JSON line with the parameters and the median, minimum and maximum milliseconds of
//! each.
//!
//! `saulet-argon2-timer --hash PASSWORD COUNT`: prints COUNT PHC strings of PASSWORD, each with
//! its own random salt, exactly as `accounts::password::hash` stores them (for seeding accounts).

use std::time::Instant;

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};

/// The product's parameters (api/src/accounts/password.rs: `MEMORY_KIB`, `PASSES`).
const MEMORY_KIB: u32 = 7 * 1024;
const PASSES: u32 = 5;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, 1, None).expect("valid parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn summary(mut ms: Vec<f64>) -> String {
    ms.sort_by(f64::total_cmp);
    let median = if ms.len() % 2 == 1 {
        ms[ms.len() / 2]
    } else {
        (ms[ms.len() / 2 - 1] + ms[ms.len() / 2]) / 2.0
    };
    format!(
        "{{\"median\":{median:.3},\"min\":{:.3},\"max\":{:.3}}}",
        ms[0],
        ms[ms.len() - 1]
    )
}

fn print_hashes(password: &str, count: usize) {
    use std::io::Read;
    let mut random = std::fs::File::open("/dev/urandom").expect("/dev/urandom");
    for _ in 0..count {
        let mut bytes = [0u8; 16];
        random.read_exact(&mut bytes).expect("random bytes");
        let salt = SaltString::encode_b64(&bytes).expect("a salt");
        let phc = argon2()
            .hash_password(password.as_bytes(), &salt)
            .expect("hashes");
        println!("{phc}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--hash") {
        let password = args.get(2).expect("--hash PASSWORD COUNT");
        let count = args.get(3).and_then(|c| c.parse().ok()).unwrap_or(1);
        print_hashes(password, count);
        return;
    }
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30)
        .max(1);
    let password = b"bench-password-2026";
    let salt = SaltString::from_b64("c2F1bGV0LWJlbmNoLXNhbHQ").expect("a salt");
    // One warm-up of each, so page faults of the first allocation are not counted.
    let phc = argon2()
        .hash_password(password, &salt)
        .expect("hashes")
        .to_string();
    let parsed = PasswordHash::new(&phc).expect("parses");
    assert!(argon2().verify_password(password, &parsed).is_ok());
    let mut hash_ms = Vec::with_capacity(n);
    let mut verify_ms = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let hashed = argon2().hash_password(password, &salt).expect("hashes");
        hash_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(hashed);
        let start = Instant::now();
        let ok = argon2().verify_password(password, &parsed).is_ok();
        verify_ms.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(ok);
    }
    println!(
        "{{\"params\":\"m={MEMORY_KIB},t={PASSES},p=1\",\"n\":{n},\"hash_ms\":{},\"verify_ms\":{}}}",
        summary(hash_ms),
        summary(verify_ms)
    );
}
