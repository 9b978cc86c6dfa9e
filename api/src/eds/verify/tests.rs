//! The verifier's own tests: every refusal, on the demo PKI and a manual clock.

use super::*;

#[test]
fn refresh_intervals_read_as_people_write_them() {
    assert_eq!(parse_duration("90"), Some(Duration::from_secs(90)));
    assert_eq!(parse_duration("90s"), Some(Duration::from_secs(90)));
    assert_eq!(parse_duration("30m"), Some(Duration::from_secs(1800)));
    assert_eq!(parse_duration(" 6h "), Some(Duration::from_secs(21_600)));
    assert_eq!(parse_duration("1d"), Some(Duration::from_secs(86_400)));
    assert_eq!(parse_duration("1w"), None);
    assert_eq!(parse_duration("h"), None);
    assert_eq!(parse_duration(""), None);
}

#[test]
fn trust_settings_deserialise_from_an_eds_table() {
    let settings: TrustSettings = serde_json::from_value(serde_json::json!({
        "anchors": ["/etc/saulet/nca"],
        "crls": ["http://crl.pki.gov.kz/nca_rsa.crl"],
        "crl_refresh": "30m",
        "ocsp_url": "http://ocsp.pki.gov.kz",
        "ocsp_required": true
    }))
    .expect("valid settings");
    assert_eq!(settings.crl_refresh, Duration::from_secs(1800));
    assert!(settings.ocsp_required);
    let defaults: TrustSettings =
        serde_json::from_value(serde_json::json!({})).expect("all optional");
    assert_eq!(defaults, TrustSettings::default());
    let numeric: TrustSettings =
        serde_json::from_value(serde_json::json!({"crl_refresh": 120})).expect("seconds");
    assert_eq!(numeric.crl_refresh, Duration::from_secs(120));
    assert!(
        serde_json::from_value::<TrustSettings>(serde_json::json!({"crl_refresh": "soon"}))
            .is_err()
    );
}

#[test]
fn the_verifier_can_be_shared_between_threads_and_its_future_sent() {
    fn shareable<T: Send + Sync>() {}
    shareable::<EdsVerifier>();
    fn sendable<T: Send>(_: &T) {}
    let verifier: Option<&EdsVerifier> = None;
    if let Some(verifier) = verifier {
        let future = verifier.verify_detached(b"", b"", KeyPurpose::Signing);
        sendable(&future);
    }
}

/// A detached CMS built the way pkijs builds it in the browser: signed attributes in
/// insertion order (contentType, messageDigest, signingTime), which is not the DER order of
/// a SET OF, and `sha256WithRSAEncryption` as the signature algorithm. Verifiers that
/// re-encode the attributes in DER order compute a different hash and refuse every such
/// signature; OpenSSL does not re-sort (RFC 5652 §5.4 asks verifiers to hash the DER
/// encoding of the attributes as received).
fn browser_like_cms(
    key: &crate::eds::dev_pki::DevKey,
    cert_der: &[u8],
    content: &[u8],
    at: DateTime<Utc>,
) -> (Vec<u8>, Vec<u8>) {
    use crate::eds::asn1::{
        algorithm, context, octet_string, oid, sequence, set, small_integer, tlv, unsigned_integer,
        utc_time,
    };
    use openssl::{hash::MessageDigest, pkcs12::Pkcs12, sign::Signer};

    const SHA256: &[u64] = &[2, 16, 840, 1, 101, 3, 4, 2, 1];
    const SHA256_WITH_RSA: &[u64] = &[1, 2, 840, 113549, 1, 1, 11];
    const DATA: &[u64] = &[1, 2, 840, 113549, 1, 7, 1];
    const SIGNED_DATA: &[u64] = &[1, 2, 840, 113549, 1, 7, 2];
    let pkcs9 = |n: u64| vec![1, 2, 840, 113549, 1, 9, n];
    let attribute = |arcs: Vec<u64>, value: Vec<u8>| sequence(&[&oid(&arcs), &set(&[&value])]);

    let parsed = Pkcs12::from_der(&key.p12)
        .and_then(|p12| p12.parse2(crate::eds::dev_pki::DEV_PKI_PASSWORD))
        .expect("the demo key opens");
    let private = parsed.pkey.expect("a private key");
    let content_type = attribute(pkcs9(3), oid(DATA));
    let message_digest = attribute(pkcs9(4), octet_string(&Sha256::digest(content)));
    let signing_time = attribute(pkcs9(5), utc_time(at));
    let in_insertion_order = [content_type, message_digest, signing_time].concat();

    // What is signed: the attributes under the universal SET tag, in the order sent.
    let mut signer = Signer::new(MessageDigest::sha256(), &private).expect("a signer");
    signer
        .update(&tlv(0x31, &in_insertion_order))
        .expect("hashing");
    let signature = signer.sign_to_vec().expect("a signature");

    let cert = &key.cert;
    let issuer_and_serial = sequence(&[
        &cert.issuer_name().to_der().expect("issuer"),
        &unsigned_integer(&cert.serial_number().to_bn().expect("serial").to_vec()),
    ]);
    let signer_info = sequence(&[
        &small_integer(1),
        &issuer_and_serial,
        &algorithm(SHA256, false),
        &context(0, true, &in_insertion_order),
        &algorithm(SHA256_WITH_RSA, true),
        &octet_string(&signature),
    ]);
    let signed_data = sequence(&[
        &small_integer(1),
        &set(&[&algorithm(SHA256, false)]),
        &sequence(&[&oid(DATA)]),
        &context(0, true, cert_der),
        &set(&[&signer_info]),
    ]);
    let cms = sequence(&[&oid(SIGNED_DATA), &context(0, true, &signed_data)]);
    (cms, in_insertion_order)
}

#[tokio::test]
async fn a_browser_signature_with_unsorted_attributes_verifies() {
    let fixture = crate::eds::test_support::fixture();
    let pki = crate::eds::test_support::dev_pki();
    let user = pki.user("individual").expect("the individual");
    let challenge = b"saulet-login:3f1c0e6a-browser";
    let cert_der = user.auth.cert.to_der().expect("DER");
    let (cms, attributes) = browser_like_cms(&user.auth, &cert_der, challenge, pki.generated_at);

    // The three attributes really are out of DER order (DER sorts a SET OF by encoding).
    let mut parts = Vec::new();
    let mut rest = attributes.as_slice();
    while !rest.is_empty() {
        let len = usize::from(rest[1]) + 2;
        parts.push(rest[..len].to_vec());
        rest = &rest[len..];
    }
    let mut sorted = parts.clone();
    sorted.sort();
    assert_ne!(parts, sorted, "the test must exercise unsorted attributes");

    let signer = fixture
        .verifier
        .verify_detached(&cms, challenge, KeyPurpose::Authentication)
        .await
        .expect("a browser signature verifies");
    assert_eq!(signer.iin, user.iin);
    let refused = fixture
        .verifier
        .verify_detached(&cms, b"another challenge", KeyPurpose::Authentication)
        .await
        .expect_err("over other bytes it does not");
    assert_eq!(refused.slug(), "eds-invalid-signature");
}

#[tokio::test]
async fn a_key_openssl_cannot_read_is_reported_as_unsupported_not_as_a_bad_signature() {
    let fixture = crate::eds::test_support::fixture();
    let pki = crate::eds::test_support::dev_pki();
    let user = pki.user("individual").expect("the individual");
    // The same certificate with its key algorithm swapped for an arc of the national GOST
    // algorithms (1.2.398.3.10.1.1.2.3), as a GOST certificate would carry.
    let rsa_encryption = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
    let gost_arc = [0x2A, 0x83, 0x0E, 0x03, 0x0A, 0x01, 0x01, 0x02, 0x03];
    let mut cert_der = user.auth.cert.to_der().expect("DER");
    let at = cert_der
        .windows(rsa_encryption.len())
        .position(|w| w == rsa_encryption)
        .expect("an RSA key");
    cert_der[at..at + gost_arc.len()].copy_from_slice(&gost_arc);
    let (cms, _) = browser_like_cms(&user.auth, &cert_der, b"challenge", pki.generated_at);
    let err = fixture
        .verifier
        .verify_detached(&cms, b"challenge", KeyPurpose::Authentication)
        .await
        .expect_err("refused");
    assert_eq!(err.slug(), "eds-malformed", "{err}");
    assert!(err.to_string().contains("GOST"), "{err}");
}

#[test]
fn the_ocsp_address_comes_from_the_certificate_when_not_configured() {
    let pki = crate::eds::test_support::dev_pki();
    let user = pki.user("individual").expect("the individual");
    assert_eq!(
        aia_ocsp_url(&user.auth.cert).as_deref(),
        Some(pki.options.ocsp_url.as_str())
    );
    assert_eq!(aia_ocsp_url(&pki.root.cert), None);
}

#[test]
fn chain_errors_map_to_the_slugs_users_see() {
    let slug = |code: i32| classify_chain_error_code(code, "test", 0).slug();
    assert_eq!(slug(ffi::X509_V_ERR_CERT_HAS_EXPIRED), "eds-expired");
    assert_eq!(slug(ffi::X509_V_ERR_CERT_NOT_YET_VALID), "eds-expired");
    assert_eq!(slug(ffi::X509_V_ERR_CERT_REVOKED), "eds-revoked");
    assert_eq!(
        slug(ffi::X509_V_ERR_CRL_HAS_EXPIRED),
        "eds-revocation-unknown"
    );
    assert_eq!(
        slug(ffi::X509_V_ERR_UNABLE_TO_GET_CRL),
        "eds-revocation-unknown"
    );
    assert_eq!(
        slug(ffi::X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT),
        "eds-untrusted"
    );
    assert_eq!(
        slug(ffi::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY),
        "eds-untrusted"
    );
}

#[test]
fn a_verifier_without_anchors_refuses_to_start() {
    let clock: SharedClock = Arc::new(crate::clock::SystemClock);
    let err = EdsVerifier::new(TrustSettings::default(), clock).expect_err("no anchors");
    assert!(matches!(err, TrustSetupError::NoAnchors), "{err}");
}
