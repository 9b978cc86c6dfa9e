//! EDS verification end to end, on the demo PKI: what a person signing with their .p12 file sees
//! accepted, and every way a signature is refused. Revocation is
//! checked against a real CRL file, a CRL served over HTTP and refreshed, and a real OCSP
//! responder (`openssl ocsp`, started per test).

use std::{
    net::TcpListener as StdTcpListener,
    path::Path,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex, OnceLock},
    time::{Duration as StdDuration, Instant},
};

use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::{Duration, Utc};
use saulet_api::{
    clock::{ManualClock, SharedClock},
    eds::{
        EdsError, EdsVerifier, KeyPurpose, SignerRole, TrustSettings, TrustSetupError,
        dev_pki::{DEV_PKI_PASSWORD, DevKey, DevPki, DevPkiFiles, DevPkiOptions, build_crl},
        sign::{SignError, sign_attached, sign_detached},
    },
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One demo PKI per test process: RSA key generation is the slow part.
fn pki() -> &'static DevPki {
    static PKI: OnceLock<DevPki> = OnceLock::new();
    PKI.get_or_init(|| {
        DevPki::build(Utc::now(), &DevPkiOptions::default()).expect("the demo PKI builds")
    })
}

fn key(user: &str, purpose: KeyPurpose) -> &'static DevKey {
    pki()
        .user(user)
        .unwrap_or_else(|| panic!("no demo user {user}"))
        .key(purpose)
}

/// The demo PKI's files in a folder of this test's own, and a clock stopped when it was made.
struct World {
    _dir: tempfile::TempDir,
    files: DevPkiFiles,
    clock: Arc<ManualClock>,
}

impl World {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let files = pki().write(dir.path()).expect("the demo PKI is written");
        Self {
            _dir: dir,
            files,
            clock: ManualClock::new(pki().generated_at),
        }
    }

    /// The production-like setup: anchors and the CRL file.
    fn settings(&self) -> TrustSettings {
        pki().trust_settings(&self.files)
    }

    fn verifier_with(&self, settings: TrustSettings) -> EdsVerifier {
        let clock: SharedClock = self.clock.clone();
        EdsVerifier::new(settings, clock).expect("the verifier starts")
    }

    fn verifier(&self) -> EdsVerifier {
        self.verifier_with(self.settings())
    }
}

fn sign(key: &DevKey, content: &[u8]) -> Vec<u8> {
    sign_detached(&key.p12, DEV_PKI_PASSWORD, content).expect("the demo key signs")
}

async fn refusal(
    verifier: &EdsVerifier,
    cms: &[u8],
    content: &[u8],
    purpose: KeyPurpose,
) -> EdsError {
    verifier
        .verify_detached(cms, content, purpose)
        .await
        .expect_err("the signature must be refused")
}

const CHALLENGE: &[u8] = b"saulet-login:0193a0c4-7d2e-7c41-9b1d-4f5e8a2b6c3d";

#[tokio::test]
async fn logging_in_with_an_auth_key_identifies_the_person() {
    let world = World::new();
    let person = pki().user("individual").expect("the individual");
    let cms = sign(&person.auth, CHALLENGE);

    let signer = world
        .verifier()
        .verify_detached(&cms, CHALLENGE, KeyPurpose::Authentication)
        .await
        .expect("a fresh AUTH signature over the challenge is accepted");

    assert_eq!(signer.iin, person.iin);
    assert_eq!(signer.bin, None);
    assert_eq!(signer.common_name, "АСАНОВ АСАН");
    assert_eq!(signer.surname.as_deref(), Some("АСАНОВ"));
    assert_eq!(
        signer.given_name.as_deref(),
        Some("АСАНҰЛЫ"),
        "G is the patronymic"
    );
    assert_eq!(signer.first_name().as_deref(), Some("АСАН"));
    assert_eq!(signer.full_name(), "АСАНОВ АСАН АСАНҰЛЫ");
    assert_eq!(signer.email.as_deref(), Some("asan.asanov@example.com"));
    assert_eq!(signer.organisation, None);
    assert_eq!(signer.serial_number, person.auth.serial);
    assert_eq!(signer.roles, vec![SignerRole::Individual]);
    assert_eq!(signer.purposes, vec![KeyPurpose::Authentication]);
    assert_eq!(signer.policy_oids, vec!["1.2.398.3.3.2.4".to_owned()]);
    assert!(
        signer
            .issuer_dn
            .contains("CN=TEST ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)"),
        "{}",
        signer.issuer_dn
    );
    assert_eq!(signer.der, person.auth.cert.to_der().expect("DER"));
    assert_eq!(signer.not_after, person.auth.not_after);
}

#[tokio::test]
async fn a_company_employee_brings_the_company_bin_and_name() {
    let world = World::new();
    let verifier = world.verifier();
    let employee = pki().user("employee").expect("the employee");

    let signer = verifier
        .verify_detached(
            &sign(&employee.auth, CHALLENGE),
            CHALLENGE,
            KeyPurpose::Authentication,
        )
        .await
        .expect("accepted");
    assert_eq!(signer.iin, employee.iin);
    assert_eq!(signer.bin, employee.bin);
    assert_eq!(
        signer.organisation.as_deref(),
        Some("«ТЕСТ ҚҰРЫЛЫС» ЖАУАПКЕРШІЛІГІ ШЕКТЕУЛІ СЕРІКТЕСТІГІ")
    );
    assert!(signer.is_legal_entity());
    assert!(signer.roles.contains(&SignerRole::Organization));
    assert!(signer.roles.contains(&SignerRole::Employee));

    let head = pki().user("head").expect("the head");
    let signer = verifier
        .verify_detached(
            &sign(&head.sign, b"permit request"),
            b"permit request",
            KeyPurpose::Signing,
        )
        .await
        .expect("accepted");
    assert_eq!(signer.bin, employee.bin, "same company");
    assert!(signer.roles.contains(&SignerRole::Ceo));
    assert_eq!(signer.purposes, vec![KeyPurpose::Signing]);
}

#[tokio::test]
async fn a_renewed_certificate_of_the_same_person_is_accepted_and_tells_the_same_iin() {
    let world = World::new();
    let verifier = world.verifier();
    let old = verifier
        .verify_detached(
            &sign(key("individual", KeyPurpose::Authentication), CHALLENGE),
            CHALLENGE,
            KeyPurpose::Authentication,
        )
        .await
        .expect("accepted");
    let renewed = verifier
        .verify_detached(
            &sign(
                key("individual-renewed", KeyPurpose::Authentication),
                CHALLENGE,
            ),
            CHALLENGE,
            KeyPurpose::Authentication,
        )
        .await
        .expect("accepted");
    assert_eq!(old.iin, renewed.iin);
    assert_ne!(old.serial_number, renewed.serial_number);
    assert_ne!(old.thumbprint_sha256, renewed.thumbprint_sha256);

    let other = verifier
        .verify_detached(
            &sign(
                key("second-individual", KeyPurpose::Authentication),
                CHALLENGE,
            ),
            CHALLENGE,
            KeyPurpose::Authentication,
        )
        .await
        .expect("accepted");
    assert_ne!(other.iin, old.iin);
}

#[tokio::test]
async fn tampered_data_or_a_tampered_signature_is_refused() {
    let world = World::new();
    let verifier = world.verifier();
    let auth = key("individual", KeyPurpose::Authentication);
    let cms = sign(auth, CHALLENGE);

    let mut content = CHALLENGE.to_vec();
    content[10] ^= 0x01;
    let err = refusal(&verifier, &cms, &content, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-invalid-signature", "{err}");

    // The signature value is the last field of the DER structure.
    let mut forged = cms.clone();
    let last = forged.len() - 1;
    forged[last] ^= 0x01;
    let err = refusal(&verifier, &forged, CHALLENGE, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-invalid-signature", "{err}");
}

#[tokio::test]
async fn a_signature_over_other_bytes_is_refused() {
    let world = World::new();
    let verifier = world.verifier();
    let auth = key("individual", KeyPurpose::Authentication);
    // A signature replayed from an earlier login does not answer today's challenge.
    let earlier = sign(auth, b"saulet-login:an-earlier-challenge");
    let err = refusal(&verifier, &earlier, CHALLENGE, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-invalid-signature", "{err}");
    assert!(
        err.to_string().contains("not made over these data"),
        "{err}"
    );
}

#[tokio::test]
async fn an_attached_signature_is_accepted_only_for_the_expected_content() {
    let world = World::new();
    let verifier = world.verifier();
    let sign_key = key("individual", KeyPurpose::Signing);
    let cms = sign_attached(&sign_key.p12, DEV_PKI_PASSWORD, b"the request").expect("signs");
    verifier
        .verify_detached(&cms, b"the request", KeyPurpose::Signing)
        .await
        .expect("its own content is the expected content");
    let err = refusal(&verifier, &cms, b"another request", KeyPurpose::Signing).await;
    assert_eq!(err.slug(), "eds-invalid-signature", "{err}");
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let world = World::new();
    let auth = key("expired", KeyPurpose::Authentication);
    let err = refusal(
        &world.verifier(),
        &sign(auth, CHALLENGE),
        CHALLENGE,
        KeyPurpose::Authentication,
    )
    .await;
    assert_eq!(err.slug(), "eds-expired", "{err}");
    assert!(
        err.to_string().contains("signer's certificate has expired"),
        "{err}"
    );
}

#[tokio::test]
async fn a_valid_certificate_is_refused_once_the_clock_passes_its_end_or_before_its_start() {
    let world = World::new();
    let verifier = world.verifier();
    let auth = key("individual", KeyPurpose::Authentication);
    let cms = sign(auth, CHALLENGE);
    verifier
        .verify_detached(&cms, CHALLENGE, KeyPurpose::Authentication)
        .await
        .expect("valid today");

    world.clock.set(auth.not_after + Duration::days(1));
    let err = refusal(&verifier, &cms, CHALLENGE, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-expired", "{err}");

    world.clock.set(auth.not_before - Duration::hours(1));
    let err = refusal(&verifier, &cms, CHALLENGE, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-expired", "{err}");
    assert!(err.to_string().contains("not valid yet"), "{err}");
}

#[tokio::test]
async fn a_revoked_certificate_is_refused_by_the_crl() {
    let world = World::new();
    let verifier = world.verifier();
    for purpose in [KeyPurpose::Authentication, KeyPurpose::Signing] {
        let revoked = key("revoked", purpose);
        let err = refusal(&verifier, &sign(revoked, CHALLENGE), CHALLENGE, purpose).await;
        assert_eq!(err.slug(), "eds-revoked", "{err}");
        assert!(err.to_string().contains("revocation list"), "{err}");
    }
}

#[tokio::test]
async fn a_certificate_from_a_look_alike_ca_is_untrusted() {
    let world = World::new();
    let fake = key("untrusted", KeyPurpose::Authentication);
    // The look-alike CA has the real issuing CA's name; only the key differs.
    assert_eq!(
        fake.cert
            .issuer_name()
            .try_cmp(pki().issuing.cert.subject_name())
            .expect("comparable"),
        std::cmp::Ordering::Equal
    );
    let err = refusal(
        &world.verifier(),
        &sign(fake, CHALLENGE),
        CHALLENGE,
        KeyPurpose::Authentication,
    )
    .await;
    assert_eq!(err.slug(), "eds-untrusted", "{err}");
}

#[tokio::test]
async fn a_sign_key_cannot_log_in_and_an_auth_key_cannot_sign_documents() {
    let world = World::new();
    let verifier = world.verifier();
    let err = refusal(
        &verifier,
        &sign(key("individual", KeyPurpose::Signing), CHALLENGE),
        CHALLENGE,
        KeyPurpose::Authentication,
    )
    .await;
    assert_eq!(err.slug(), "eds-wrong-key-usage", "{err}");
    assert!(err.to_string().contains("AUTH_RSA256"), "{err}");

    let err = refusal(
        &verifier,
        &sign(key("employee", KeyPurpose::Authentication), b"document"),
        b"document",
        KeyPurpose::Signing,
    )
    .await;
    assert_eq!(err.slug(), "eds-wrong-key-usage", "{err}");
}

#[tokio::test]
async fn anything_that_is_not_a_cms_signature_is_malformed() {
    let world = World::new();
    let verifier = world.verifier();
    let certificate = key("individual", KeyPurpose::Authentication)
        .cert
        .to_der()
        .expect("DER");
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"   \n".to_vec(),
        b"hello, world".to_vec(),
        vec![0x30, 0x03, 0x02, 0x01, 0x05],
        (0u8..=255).cycle().take(1000).collect(),
        STANDARD.encode(b"not a signature").into_bytes(),
        b"-----BEGIN CMS-----\nnot base64\n-----END CMS-----\n".to_vec(),
        certificate,
    ];
    for input in inputs {
        let err = refusal(&verifier, &input, CHALLENGE, KeyPurpose::Authentication).await;
        assert_eq!(err.slug(), "eds-malformed", "{input:?}: {err}");
    }
}

#[tokio::test]
async fn der_pem_and_base64_forms_of_the_same_signature_are_all_accepted() {
    let world = World::new();
    let verifier = world.verifier();
    let der = sign(key("individual", KeyPurpose::Authentication), CHALLENGE);
    let base64 = STANDARD.encode(&der);
    let wrapped: String = base64
        .as_bytes()
        .chunks(64)
        .map(|line| format!("{}\r\n", String::from_utf8_lossy(line)))
        .collect();
    let pem = format!("-----BEGIN CMS-----\n{wrapped}-----END CMS-----\n");
    for form in [
        der,
        base64.into_bytes(),
        wrapped.into_bytes(),
        pem.into_bytes(),
    ] {
        verifier
            .verify_detached(&form, CHALLENGE, KeyPurpose::Authentication)
            .await
            .expect("every form is accepted");
    }
}

#[tokio::test]
async fn a_der_signature_ending_in_a_whitespace_byte_is_read_whole() {
    // About one RSA signature in fifty ends in a byte that is ASCII whitespace; such binary
    // input must not be trimmed like text.
    let world = World::new();
    let verifier = world.verifier();
    let auth = key("individual", KeyPurpose::Authentication);
    let (content, cms) = (0..5000)
        .map(|n| {
            let content = format!("saulet-login:{n}").into_bytes();
            let cms = sign(auth, &content);
            (content, cms)
        })
        .find(|(_, cms)| cms.last().is_some_and(u8::is_ascii_whitespace))
        .expect("some signature ends in a whitespace byte");
    verifier
        .verify_detached(&cms, &content, KeyPurpose::Authentication)
        .await
        .expect("accepted");
}

#[tokio::test]
async fn a_stale_crl_is_refused_rather_than_trusted() {
    let world = World::new();
    let verifier = world.verifier();
    let cms = sign(key("individual", KeyPurpose::Authentication), CHALLENGE);
    // The certificate is valid for a year; the CRL's nextUpdate is much sooner.
    world.clock.set(pki().crl_next_update + Duration::hours(1));
    let err = refusal(&verifier, &cms, CHALLENGE, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-revocation-unknown", "{err}");
    assert!(err.to_string().contains("out of date"), "{err}");
}

#[tokio::test]
async fn a_crl_not_signed_by_its_issuer_is_refused() {
    let world = World::new();
    let pki = pki();
    // Named as the issuing CA's CRL, empty (so the revoked person would pass), signed with
    // another key.
    let forged = build_crl(
        &pki.issuing.cert,
        &pki.untrusted_root.key,
        &[],
        pki.generated_at - Duration::hours(1),
        pki.generated_at + Duration::days(7),
        2,
    )
    .expect("a forged CRL");
    let forged_path = world.files.dir.join("forged.pem");
    std::fs::write(&forged_path, forged.to_pem().expect("PEM")).expect("written");

    // With the issuing CA among the anchors, the forgery is caught when loading.
    let settings = TrustSettings {
        crls: vec![forged_path.display().to_string()],
        ..world.settings()
    };
    let clock: SharedClock = world.clock.clone();
    let err = EdsVerifier::new(settings, clock).expect_err("a forged CRL does not load");
    assert!(matches!(err, TrustSetupError::Crl { .. }), "{err}");
    assert!(err.to_string().contains("signature"), "{err}");

    // Anchored on the root alone, the issuing CA comes from the signature, and OpenSSL checks
    // the CRL against it while verifying.
    let settings = TrustSettings {
        anchors: vec![world.files.root_pem.clone()],
        crls: vec![forged_path.display().to_string()],
        ..TrustSettings::default()
    };
    let verifier = world.verifier_with(settings);
    let err = refusal(
        &verifier,
        &sign(key("revoked", KeyPurpose::Authentication), CHALLENGE),
        CHALLENGE,
        KeyPurpose::Authentication,
    )
    .await;
    assert_eq!(err.slug(), "eds-revocation-unknown", "{err}");
}

#[tokio::test]
async fn anchors_can_be_a_folder_and_the_issuing_ca_alone_is_enough() {
    let world = World::new();
    let folder = TrustSettings {
        anchors: vec![world.files.dir.join("ca")],
        ..world.settings()
    };
    world
        .verifier_with(folder)
        .verify_detached(
            &sign(key("individual", KeyPurpose::Authentication), CHALLENGE),
            CHALLENGE,
            KeyPurpose::Authentication,
        )
        .await
        .expect("the folder's certificates are the anchors; its CRL file is skipped");

    let issuing_only = TrustSettings {
        anchors: vec![world.files.issuing_pem.clone()],
        crls: Vec::new(),
        ..TrustSettings::default()
    };
    world
        .verifier_with(issuing_only)
        .verify_detached(
            &sign(key("individual", KeyPurpose::Authentication), CHALLENGE),
            CHALLENGE,
            KeyPurpose::Authentication,
        )
        .await
        .expect("any configured certificate is an anchor");

    let missing = TrustSettings {
        anchors: vec![world.files.dir.join("no-such-file.pem")],
        ..TrustSettings::default()
    };
    let clock: SharedClock = world.clock.clone();
    assert!(matches!(
        EdsVerifier::new(missing, clock),
        Err(TrustSetupError::Anchor { .. })
    ));
}

#[test]
fn a_wrong_password_or_a_broken_key_file_cannot_sign() {
    let auth = key("individual", KeyPurpose::Authentication);
    assert_eq!(
        sign_detached(&auth.p12, "wrong", CHALLENGE),
        Err(SignError::WrongPassword)
    );
    assert_eq!(
        sign_detached(b"not a p12", DEV_PKI_PASSWORD, CHALLENGE),
        Err(SignError::NotPkcs12)
    );
    let cms = sign(auth, CHALLENGE);
    // SHA-256 (2.16.840.1.101.3.4.2.1) is the digest.
    let sha256_oid = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    assert!(cms.windows(sha256_oid.len()).any(|w| w == sha256_oid));
}

#[test]
fn the_demo_pki_writes_every_file_and_a_readme_listing_them() {
    let world = World::new();
    for file in world.files.all() {
        assert!(file.is_file(), "{} is missing", file.display());
    }
    assert_eq!(
        world.files.p12.len(),
        28,
        "AUTH and SIGN for fourteen people"
    );
    let readme = std::fs::read_to_string(&world.files.readme).expect("a README");
    assert!(readme.contains(DEV_PKI_PASSWORD));
    for user in &pki().users {
        assert!(readme.contains(user.iin.as_str()), "{}", user.name);
        assert!(readme.contains(&user.auth.file_name));
        assert!(readme.contains(&user.sign.file_name));
    }
    let index = std::fs::read_to_string(&world.files.ocsp_index).expect("an index");
    let revoked = key("revoked", KeyPurpose::Authentication);
    assert!(
        index
            .lines()
            .any(|l| l.starts_with("R\t") && l.contains(&revoked.serial))
    );
}

#[test]
fn generating_the_demo_pki_is_quick() {
    // Not a timed assertion (see docs/testing.md): this shows it builds from scratch, as
    // `saulet dev-pki` does, and prints how long it took.
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("a folder");
    let (pki, files) =
        saulet_api::eds::dev_pki::generate(dir.path(), Utc::now()).expect("generated");
    println!("demo PKI generated in {:?}", started.elapsed());
    assert_eq!(pki.users.len(), 14);
    assert!(files.readme.is_file());
}

// ---------------------------------------------------------------------------------------------
// OCSP against a real responder.

/// `openssl ocsp` answering for the demo issuing CA on a free local port; killed on drop.
struct OcspResponder {
    child: Child,
    url: String,
}

impl OcspResponder {
    fn start(files: &DevPkiFiles, index: &Path) -> Self {
        let port = free_port();
        let mut child = Command::new("openssl")
            .arg("ocsp")
            .arg("-index")
            .arg(index)
            .args(["-port", &port.to_string()])
            .arg("-rsigner")
            .arg(&files.ocsp_cert)
            .arg("-rkey")
            .arg(&files.ocsp_key)
            .arg("-CA")
            .arg(&files.issuing_pem)
            .args(["-nmin", "5", "-nrequest", "20"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the `openssl` command runs (it is part of the project's toolchain)");
        // Wait for its "waiting for OCSP client connections" line. (Probing the port with a
        // connection would not do: the responder serves one connection at a time and would
        // wait on the probe.)
        let stderr = child.stderr.take().expect("a piped stderr");
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
            let mut said = String::new();
            for line in lines.by_ref().map_while(Result::ok) {
                said.push_str(&line);
                said.push('\n');
                if line.contains("waiting for OCSP client connections") {
                    let _ = ready_tx.send(Ok(()));
                    // Keep draining, so the responder never blocks on a full pipe.
                    for _ in lines.by_ref() {}
                    return;
                }
            }
            let _ = ready_tx.send(Err(said));
        });
        let responder = Self {
            child,
            url: format!("http://127.0.0.1:{port}/"),
        };
        match ready_rx.recv_timeout(StdDuration::from_secs(10)) {
            Ok(Ok(())) => responder,
            Ok(Err(said)) => panic!("openssl ocsp stopped before serving: {said}"),
            Err(_) => panic!("openssl ocsp did not start within 10 s"),
        }
    }
}

impl Drop for OcspResponder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    StdTcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

/// Only OCSP, so a verdict can come from nowhere else.
fn ocsp_only(world: &World, url: &str, required: bool) -> EdsVerifier {
    world.verifier_with(TrustSettings {
        anchors: vec![
            world.files.root_pem.clone(),
            world.files.issuing_pem.clone(),
        ],
        ocsp_url: Some(url.to_owned()),
        ocsp_required: required,
        ..TrustSettings::default()
    })
}

#[tokio::test]
async fn the_ocsp_responder_vouches_for_a_good_certificate_and_refuses_a_revoked_one() {
    let world = World::new();
    let responder = OcspResponder::start(&world.files, &world.files.ocsp_index);
    // The responder dates its answers by the real clock.
    world.clock.set(Utc::now());
    let verifier = ocsp_only(&world, &responder.url, true);

    verifier
        .verify_detached(
            &sign(key("individual", KeyPurpose::Authentication), CHALLENGE),
            CHALLENGE,
            KeyPurpose::Authentication,
        )
        .await
        .expect("good according to OCSP");

    let err = refusal(
        &verifier,
        &sign(key("revoked", KeyPurpose::Authentication), CHALLENGE),
        CHALLENGE,
        KeyPurpose::Authentication,
    )
    .await;
    assert_eq!(err.slug(), "eds-revoked", "{err}");
    assert!(err.to_string().contains("OCSP"), "{err}");
}

#[tokio::test]
async fn a_revocation_only_ocsp_knows_about_is_honoured_even_when_ocsp_is_optional() {
    let world = World::new();
    let newly_revoked = key("second-individual", KeyPurpose::Authentication);
    let index = world.files.dir.join("ocsp/index-newer.txt");
    std::fs::write(&index, pki().ocsp_index(&[newly_revoked])).expect("an index");
    std::fs::write(
        world.files.dir.join("ocsp/index-newer.txt.attr"),
        "unique_subject = no\n",
    )
    .expect("attributes");
    let responder = OcspResponder::start(&world.files, &index);
    world.clock.set(Utc::now());
    // CRL (which does not list it yet) and OCSP (which does), OCSP not required.
    let verifier = world.verifier_with(TrustSettings {
        ocsp_url: Some(responder.url.clone()),
        ..world.settings()
    });
    let err = refusal(
        &verifier,
        &sign(newly_revoked, CHALLENGE),
        CHALLENGE,
        KeyPurpose::Authentication,
    )
    .await;
    assert_eq!(err.slug(), "eds-revoked", "{err}");
}

#[tokio::test]
async fn an_unreachable_ocsp_responder_refuses_when_required_and_is_logged_when_not() {
    let world = World::new();
    let down = format!("http://127.0.0.1:{}/", free_port());
    let cms = sign(key("individual", KeyPurpose::Authentication), CHALLENGE);

    let err = refusal(
        &ocsp_only(&world, &down, true),
        &cms,
        CHALLENGE,
        KeyPurpose::Authentication,
    )
    .await;
    assert_eq!(err.slug(), "eds-revocation-unknown", "{err}");

    ocsp_only(&world, &down, false)
        .verify_detached(&cms, CHALLENGE, KeyPurpose::Authentication)
        .await
        .expect("OCSP is optional here");
}

#[tokio::test]
async fn an_ocsp_answer_past_its_next_update_is_not_believed() {
    let world = World::new();
    let responder = OcspResponder::start(&world.files, &world.files.ocsp_index);
    // The responder's answers are current for 5 minutes (-nmin 5); our clock is 2 hours on.
    world.clock.set(Utc::now() + Duration::hours(2));
    let err = refusal(
        &ocsp_only(&world, &responder.url, true),
        &sign(key("individual", KeyPurpose::Authentication), CHALLENGE),
        CHALLENGE,
        KeyPurpose::Authentication,
    )
    .await;
    assert_eq!(err.slug(), "eds-revocation-unknown", "{err}");
    assert!(err.to_string().contains("out of date"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// CRLs fetched over HTTP and refreshed.

/// A tiny HTTP server that answers every request with the current CRL bytes.
struct CrlServer {
    url: String,
    body: Arc<Mutex<Vec<u8>>>,
    task: tokio::task::JoinHandle<()>,
}

impl CrlServer {
    async fn start(body: Vec<u8>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let port = listener.local_addr().expect("an address").port();
        let body = Arc::new(Mutex::new(body));
        let served = body.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let served = served.clone();
                tokio::spawn(async move {
                    let mut request = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    }
                    let body = served.lock().expect("the body").clone();
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.write_all(&body).await;
                    let _ = stream.shutdown().await;
                });
            }
        });
        Self {
            url: format!("http://127.0.0.1:{port}/nca_rsa.crl"),
            body,
            task,
        }
    }

    fn serve(&self, body: Vec<u8>) {
        *self.body.lock().expect("the body") = body;
    }
}

impl Drop for CrlServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[tokio::test]
async fn a_crl_fetched_by_url_is_refreshed_and_catches_a_new_revocation() {
    let world = World::new();
    let pki = pki();
    let target = key("second-individual", KeyPurpose::Authentication);
    let now = pki.generated_at;
    let first = pki
        .issue_crl(&[], now - Duration::hours(2), now + Duration::days(1), 10)
        .expect("a CRL");
    let server = CrlServer::start(first.to_der().expect("DER")).await;
    let verifier = world.verifier_with(TrustSettings {
        crls: vec![server.url.clone()],
        ..world.settings()
    });
    let cms = sign(target, CHALLENGE);

    // Before the first fetch there is no CRL for the issuer: refused, not waved through.
    let err = refusal(&verifier, &cms, CHALLENGE, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-revocation-unknown", "{err}");

    let report = verifier.refresh_crls().await;
    assert_eq!(report.updated, vec![server.url.clone()], "{report:?}");
    verifier
        .verify_detached(&cms, CHALLENGE, KeyPurpose::Authentication)
        .await
        .expect("not revoked yet");

    // The CA revokes the key and publishes a new CRL; the next refresh picks it up.
    let second = pki
        .issue_crl(
            &[target],
            now - Duration::hours(1),
            now + Duration::days(1),
            11,
        )
        .expect("a CRL");
    server.serve(second.to_pem().expect("PEM"));
    let report = verifier.refresh_crls().await;
    assert!(report.is_ok(), "{report:?}");
    let err = refusal(&verifier, &cms, CHALLENGE, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-revoked", "{err}");

    // Replaying the older CRL does not un-revoke it; garbage does not replace it either.
    server.serve(first.to_der().expect("DER"));
    let report = verifier.refresh_crls().await;
    assert_eq!(report.kept_newer, vec![server.url.clone()], "{report:?}");
    server.serve(b"<html>maintenance</html>".to_vec());
    let report = verifier.refresh_crls().await;
    assert_eq!(report.failed.len(), 1, "{report:?}");
    let err = refusal(&verifier, &cms, CHALLENGE, KeyPurpose::Authentication).await;
    assert_eq!(err.slug(), "eds-revoked", "{err}");
}

#[tokio::test]
async fn the_refresh_task_loads_url_crls_in_the_background() {
    let world = World::new();
    let server = CrlServer::start(pki().crl.to_der().expect("DER")).await;
    let verifier = Arc::new(world.verifier_with(TrustSettings {
        crls: vec![server.url.clone()],
        crl_refresh: StdDuration::from_secs(3600),
        ..world.settings()
    }));
    let shutdown = tokio_util::sync::CancellationToken::new();
    let task = saulet_api::eds::spawn_crl_refresh(verifier.clone(), shutdown.clone());
    let cms = sign(key("revoked", KeyPurpose::Authentication), CHALLENGE);
    let deadline = Instant::now() + StdDuration::from_secs(10);
    loop {
        let err = refusal(&verifier, &cms, CHALLENGE, KeyPurpose::Authentication).await;
        if err.slug() == "eds-revoked" {
            break;
        }
        assert_eq!(err.slug(), "eds-revocation-unknown", "{err}");
        assert!(Instant::now() < deadline, "the CRL was never fetched");
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    // It ends with the server, so a graceful shutdown does not wait for it forever.
    shutdown.cancel();
    tokio::time::timeout(StdDuration::from_secs(10), task)
        .await
        .expect("the refresh task ends when the server shuts down")
        .expect("joined");
}
