//! Trusted time for signed acts (CAdES-T, RFC 3161): a real TSA (`openssl ts -reply` with the
//! test PKI's TSA certificate) stamps a signature; the token is checked by Saulet and, offline,
//! by the `openssl ts -verify` command; a token over other bytes, an altered token, an untrusted
//! TSA and a TSA that is down are each refused with the reason.

use base64::{Engine, engine::general_purpose::STANDARD};
use saulet_api::eds::{
    KeyPurpose,
    tsa::{HttpTsa, TimeStamper, TsaError, verify_token},
};
use saulet_tests::{pki::pki, tsa::TestTsa};

fn anchors() -> Vec<openssl::x509::X509> {
    vec![pki().pki.root.cert.clone(), pki().pki.issuing.cert.clone()]
}

/// A SIGN-key CMS signature of the individual, DER: what an act's time-stamp covers.
fn signature() -> Vec<u8> {
    let cms = pki().sign("individual", KeyPurpose::Signing, b"the act's exact bytes");
    STANDARD.decode(cms).expect("base64")
}

#[tokio::test]
async fn a_real_tsa_stamps_a_signature_and_the_token_verifies_with_saulet_and_with_openssl() {
    let tsa = TestTsa::start().await;
    let client = HttpTsa::new(tsa.url(), anchors());
    let signed = signature();

    let stamp = client.stamp(&signed).await.expect("a time-stamp");
    assert_eq!(tsa.answered(), 1);
    assert!(stamp.tsa_name.contains("TSA"), "{}", stamp.tsa_name);
    assert!(!stamp.serial.is_empty());
    // The TSA's clock is this machine's: the token's time is the time it was asked.
    let drift = (stamp.gen_time - chrono::Utc::now()).num_seconds().abs();
    assert!(drift < 300, "genTime {} is {drift} s off", stamp.gen_time);

    // Saulet checks a stored token again, offline, as it will years later.
    let again = verify_token(&stamp.token, &signed, &anchors(), None).expect("verifies");
    assert_eq!(again, stamp);

    // And so does anyone with the `openssl` command and the CA certificates.
    let dir = tempfile::tempdir().expect("a folder");
    let (data, token, chain) = (
        dir.path().join("signature.p7s"),
        dir.path().join("signature.tsr"),
        dir.path().join("chain.pem"),
    );
    std::fs::write(&data, &signed).expect("written");
    std::fs::write(&token, &stamp.token).expect("written");
    let mut pem = pki().pki.root.cert.to_pem().expect("PEM");
    pem.extend(pki().pki.issuing.cert.to_pem().expect("PEM"));
    std::fs::write(&chain, pem).expect("written");
    let openssl = |data: &std::path::Path| {
        std::process::Command::new("openssl")
            .args(["ts", "-verify", "-token_in", "-in"])
            .arg(&token)
            .arg("-data")
            .arg(data)
            .arg("-CAfile")
            .arg(&chain)
            .output()
            .expect("openssl runs")
    };
    let out = openssl(&data);
    assert!(
        out.status.success(),
        "openssl ts -verify: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let other = dir.path().join("other.p7s");
    std::fs::write(&other, b"other bytes").expect("written");
    assert!(
        !openssl(&other).status.success(),
        "openssl refuses other bytes"
    );
}

#[tokio::test]
async fn a_token_over_other_bytes_an_altered_token_and_an_untrusted_tsa_are_refused() {
    let tsa = TestTsa::start().await;
    let signed = signature();
    let stamp = HttpTsa::new(tsa.url(), anchors())
        .stamp(&signed)
        .await
        .expect("a time-stamp");

    let other = verify_token(&stamp.token, b"another signature", &anchors(), None);
    assert!(
        matches!(&other, Err(TsaError::Invalid(why)) if why.contains("other bytes")),
        "{other:?}"
    );

    // Any one byte of the token changed: the TSA's signature or the structure breaks.
    for at in [
        stamp.token.len() / 3,
        stamp.token.len() / 2,
        stamp.token.len() - 20,
    ] {
        let mut altered = stamp.token.clone();
        altered[at] ^= 0x01;
        assert!(
            verify_token(&altered, &signed, &anchors(), None).is_err(),
            "a token altered at byte {at} was accepted"
        );
    }

    // A TSA chaining to a CA that is not trusted is refused, by the client too.
    let look_alike = vec![pki().pki.untrusted_root.cert.clone()];
    let untrusted = verify_token(&stamp.token, &signed, &look_alike, None);
    assert!(
        matches!(&untrusted, Err(TsaError::Invalid(why)) if why.contains("not trusted")),
        "{untrusted:?}"
    );
    let refused = HttpTsa::new(tsa.url(), look_alike).stamp(&signed).await;
    assert!(matches!(refused, Err(TsaError::Invalid(_))), "{refused:?}");

    // A person's SIGN certificate is not a TSA: a CMS signature is not a time-stamp token.
    let not_a_token = verify_token(&signed, &signed, &anchors(), None);
    assert!(
        matches!(not_a_token, Err(TsaError::Invalid(_))),
        "{not_a_token:?}"
    );
}

#[tokio::test]
async fn a_tsa_that_is_down_or_not_a_tsa_is_reported_as_such() {
    let tsa = TestTsa::start().await;
    let client = HttpTsa::new(tsa.url(), anchors());
    tsa.set_down(true);
    let down = client.stamp(b"bytes").await;
    assert!(
        matches!(&down, Err(TsaError::Unreachable(why)) if why.contains("503")),
        "{down:?}"
    );
    tsa.set_down(false);
    assert!(client.stamp(b"bytes").await.is_ok(), "works again");

    // Nothing listens there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("an address").port();
    drop(listener);
    let nowhere = HttpTsa::new(format!("http://127.0.0.1:{port}/"), anchors())
        .stamp(b"bytes")
        .await;
    assert!(
        matches!(nowhere, Err(TsaError::Unreachable(_))),
        "{nowhere:?}"
    );
}
