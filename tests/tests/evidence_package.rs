//! Evidence that others can verify without Saulet (docs/evidence.md): every signed act stored with
//! a time-stamp token; a request's evidence package that `verify.sh` checks with `openssl` and
//! `python3` alone, and that fails naming the file when any byte is changed; the transparency
//! log's proofs checked by the shipped Python verifier; the audit that finds a row changed or
//! removed in the database; an act that stays valid after its signer's certificate expired.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use chrono::Duration;
use saulet_api::{clock::Clock, eds::KeyPurpose, evidence::entity::signed_act};
use saulet_tests::{
    TestApp, files_under,
    permits::{PDF, Person, apz_form},
    pki::pki,
    problem, spawn_app, spawn_app_with_clock, time,
};
use sea_orm::{ConnectionTrait, DatabaseBackend, EntityTrait, Statement};
use serde_json::{Value, json};

fn id(view: &Value) -> String {
    view["id"].as_str().expect("an id").to_owned()
}

async fn bytes(app: &TestApp, path: &str, token: &str) -> Vec<u8> {
    let response = app.get_as(path, token).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.bytes().await.expect("a body").to_vec()
}

/// Unpacks a ZIP into a new folder with Python's standard library (as a reader would).
fn unpack(zip: &[u8], into: &Path) {
    let file = into.with_extension("zip");
    std::fs::write(&file, zip).expect("written");
    let status = Command::new("python3")
        .args(["-m", "zipfile", "-e"])
        .arg(&file)
        .arg(into)
        .status()
        .expect("python3 runs");
    assert!(status.success(), "the package unpacks");
}

/// Runs `sh verify.sh` in `dir`: (success, everything it printed).
fn verify(dir: &Path) -> (bool, String) {
    let output = Command::new("sh")
        .arg("verify.sh")
        .current_dir(dir)
        .output()
        .expect("sh runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

fn copy_dir(from: &Path, to: &Path) {
    for file in files_under(from) {
        let target = to.join(file.strip_prefix(from).expect("inside"));
        std::fs::create_dir_all(target.parent().expect("a parent")).expect("a folder");
        std::fs::copy(&file, &target).expect("copied");
    }
}

/// A request for architectural planning terms with technical conditions, taken through
/// submission, a correction round, the signed approvals of the water and power utilities (each
/// with its technical conditions) and a signed decision.
async fn decided_request(app: &TestApp) -> (String, Person, Person, Person) {
    let cast = app.cast().await;
    let (applicant, reviewer) = (&cast.applicant, &cast.reviewer);
    let draft = app.draft(applicant, "apz-tu", apz_form()).await;
    let id = id(&draft);
    for slot in ["land_title", "topographic_survey"] {
        let uploaded = app.upload(applicant, &id, slot, "документ.pdf", PDF).await;
        assert_eq!(uploaded.status(), 201);
    }
    assert_eq!(app.submit(applicant, &id).await.status(), 200);
    let accepted = app.acted(reviewer, &id, "accept", json!({})).await;
    let task_of = |code: &str| {
        accepted["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .find(|t| t["organisation"]["code"] == code)
            .and_then(|t| t["id"].as_str())
            .expect("a task")
            .to_owned()
    };
    let (water_task, power_task) = (task_of("water"), task_of("power"));
    app.acted(
        reviewer,
        &id,
        "request-corrections",
        json!({"items": [{"slot": "topographic_survey", "message": "The survey is older than a year"}]}),
    )
    .await;
    // The first survey is replaced; the file stays, as evidence of the first version.
    let mine: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    let old_doc = mine["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .find(|d| d["slot"] == "topographic_survey")
        .and_then(|d| d["id"].as_str())
        .expect("the survey");
    let removed = app
        .send_json_as(
            reqwest::Method::DELETE,
            &format!("/api/v1/permit-requests/{id}/documents/{old_doc}"),
            &applicant.token,
            None,
        )
        .await;
    assert_eq!(removed.status(), 204);
    let mut survey = PDF.to_vec();
    survey.extend_from_slice(b"% survey of 2026\n");
    let uploaded = app
        .upload(
            applicant,
            &id,
            "topographic_survey",
            "съёмка-2026.pdf",
            &survey,
        )
        .await;
    assert_eq!(uploaded.status(), 201);
    assert_eq!(app.submit(applicant, &id).await.status(), 200);
    for (who, task, text) in [
        (&cast.water, &water_task, "ТУ: водопровод d=150 мм"),
        (&cast.power, &power_task, "ТУ: 600 кВт, ПС-7"),
    ] {
        let answered = app
            .answer_task(
                who,
                &id,
                task,
                "approve",
                None,
                Some((
                    "технические-условия.pdf",
                    &TestApp::technical_conditions(text),
                )),
            )
            .await;
        assert_eq!(answered.status(), 200);
    }
    let decided = app.decide(reviewer, &id, "permit").await;
    assert_eq!(
        decided.status(),
        200,
        "{}",
        decided.text().await.unwrap_or_default()
    );
    (id, cast.applicant, cast.reviewer, cast.stranger)
}

#[tokio::test]
async fn a_requests_evidence_package_verifies_with_openssl_and_python_alone_and_names_any_changed_byte()
 {
    let app = spawn_app().await;
    let (id, applicant, reviewer, stranger) = decided_request(&app).await;

    // Every act of the story has its time-stamp token, from the real TSA.
    let acts = signed_act::Entity::find()
        .all(&app.db)
        .await
        .expect("the acts");
    assert!(acts.iter().all(|a| a.tst.is_some() && a.tst_time.is_some()));
    let kinds: Vec<&str> = acts
        .iter()
        .filter(|a| a.request_id.map(|r| r.to_string()) == Some(id.clone()))
        .map(|a| a.kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "submission",
            "submission",
            "approval",
            "approval",
            "decision"
        ]
    );
    assert_eq!(app.tsa.answered(), acts.len());

    let zip = bytes(
        &app,
        &format!("/api/v1/permit-requests/{id}/evidence"),
        &applicant.token,
    )
    .await;
    // The reviewer gets the same evidence; a stranger to the request gets nothing.
    bytes(
        &app,
        &format!("/api/v1/permit-requests/{id}/evidence"),
        &reviewer.token,
    )
    .await;
    let hidden = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/evidence"),
            &stranger.token,
        )
        .await;
    assert_eq!(problem(hidden).await["type"], "not-found");

    let work = tempfile::tempdir().expect("a folder");
    let clean = work.path().join("package");
    unpack(&zip, &clean);
    let (ok, report) = verify(&clean);
    assert!(ok, "{report}");
    assert!(report.contains("VERIFIED"), "{report}");
    assert_eq!(
        report.matches("is a valid EDS signature").count(),
        5,
        "{report}"
    );
    assert_eq!(
        report.matches("timestamp.tsr proves").count(),
        5,
        "{report}"
    );
    // What was signed is in the package: the forms with their documents, the utilities' answers
    // with their technical conditions, the decision's PDF.
    let names: Vec<String> = files_under(&clean)
        .iter()
        .map(|f| {
            f.strip_prefix(&clean)
                .expect("inside")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names
            .iter()
            .filter(|n| n.ends_with("content/form.json"))
            .count(),
        2
    );
    assert!(
        names.iter().any(|n| n.ends_with("съёмка-2026.pdf")),
        "{names:?}"
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| n.ends_with("content/answer.json"))
            .count(),
        2
    );
    assert_eq!(
        names
            .iter()
            .filter(|n| n.ends_with("технические-условия.pdf"))
            .count(),
        2
    );
    assert!(
        names.iter().any(|n| n.ends_with("content/decision.pdf")),
        "{names:?}"
    );

    // One byte changed in any signed file, proof, certificate or list: verify.sh fails and
    // names that file.
    let scripts = ["manifest.json", "VERIFY.md", "verify.sh", "verify.py"];
    let mut checked = 0;
    for (n, file) in files_under(&clean).iter().enumerate() {
        let name = file
            .strip_prefix(&clean)
            .expect("inside")
            .display()
            .to_string();
        if scripts.contains(&name.as_str()) {
            continue;
        }
        let copy = work.path().join(format!("changed-{n}"));
        copy_dir(&clean, &copy);
        let target = copy.join(&name);
        let mut content = std::fs::read(&target).expect("read");
        let at = content.len() / 2;
        content[at] ^= 0x01;
        std::fs::write(&target, content).expect("written");
        let (ok, report) = verify(&copy);
        assert!(!ok, "a changed {name} went unnoticed:\n{report}");
        assert!(
            report
                .lines()
                .any(|l| l.starts_with("FAILED") && l.contains(&name)),
            "the failure does not name {name}:\n{report}"
        );
        checked += 1;
    }
    assert!(checked > 30, "only {checked} files were changed");

    // A manifest that is not the one shipped fails too.
    let copy = work.path().join("changed-manifest");
    copy_dir(&clean, &copy);
    let manifest = copy.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replacen("\"seq\": ", "\"seq\": 1", 1)).expect("written");
    assert!(!verify(&copy).0);
}

#[tokio::test]
async fn a_refused_requests_evidence_holds_the_signed_refusal_and_objection_as_statements() {
    let app = spawn_app().await;
    let cast = app.cast().await;
    let (applicant, reviewer) = (&cast.applicant, &cast.reviewer);
    let id = id(&app.submitted_sketch(applicant).await);
    app.acted(reviewer, &id, "accept", json!({})).await;
    let text = "The facade exceeds the APZ's height limit by 6 m.";
    app.signed_acted(
        reviewer,
        &id,
        "preliminary-refusal",
        json!({"grounds": ["apz_mismatch"], "text": text}),
    )
    .await;
    let reason = "The height is measured from the wrong level.";
    app.signed_acted(applicant, &id, "objection", json!({"reason": reason}))
        .await;
    assert_eq!(app.decide(reviewer, &id, "refusal").await.status(), 200);

    let zip = bytes(
        &app,
        &format!("/api/v1/permit-requests/{id}/evidence"),
        &applicant.token,
    )
    .await;
    let dir = tempfile::tempdir().expect("a folder");
    let package = dir.path().join("package");
    unpack(&zip, &package);
    let (ok, report) = verify(&package);
    assert!(ok, "{report}");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(package.join("manifest.json")).expect("read"))
            .expect("JSON");
    let acts = manifest["acts"].as_array().expect("acts");
    let kinds: Vec<&str> = acts
        .iter()
        .map(|a| a["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        ["submission", "preliminary-refusal", "objection", "decision"]
    );
    for (act, file, says) in [
        (&acts[1], "preliminary-refusal.json", text),
        (&acts[2], "objection.json", reason),
    ] {
        assert!(
            report.contains(&format!("signs the SHA-256 of content/{file}")),
            "{report}"
        );
        let kept = std::fs::read_to_string(package.join(format!(
            "{}/content/{file}",
            act["dir"].as_str().expect("a folder")
        )))
        .expect("the statement");
        assert!(kept.contains(says), "{kept}");
    }
    // The objection names the refusal it answers.
    let objection: Value = serde_json::from_str(
        &std::fs::read_to_string(package.join(format!(
            "{}/content/objection.json",
            acts[2]["dir"].as_str().expect("a folder")
        )))
        .expect("the statement"),
    )
    .expect("JSON");
    assert_eq!(objection["preliminary_refusal"]["text"], text);
    assert_eq!(
        objection["applicant"]["iin"],
        pki().user(applicant.pki).iin.as_str()
    );
}

fn terms() -> Value {
    json!({
        "kind": "terms",
        "title": {"kk": "Пайдаланушы келісімі", "ru": "Пользовательское соглашение", "en": "User agreement"},
        "body": {"kk": "Келісім мәтіні", "ru": "Текст соглашения", "en": "Agreement text"},
    })
}

#[tokio::test]
async fn my_own_evidence_holds_my_registration_and_acceptances_with_the_texts_i_signed() {
    let clock = time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    app.signed_in("second-individual", "gulnar@mail.kz").await;
    let admin = app.admin_token().await;
    let published = app
        .post_as("/api/v1/admin/agreements", &admin, &terms())
        .await;
    assert_eq!(published.status(), 201);
    let agreement: Value = published.json().await.expect("JSON");
    clock.advance(Duration::days(3) + Duration::seconds(1));
    // The access tokens of three days ago have expired: sign in again.
    let admin = app.login("admin@saulet.kz", saulet_tests::PASSWORD).await["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let other = app.login("gulnar@mail.kz", saulet_tests::PASSWORD).await["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let hash = agreement["body_sha256"]["ru"].as_str().expect("a hash");
    let signature = pki().sign("admin", KeyPurpose::Signing, hash.as_bytes());
    let accepted = app
        .post_as(
            "/api/v1/consents",
            &admin,
            &json!({"agreement_id": agreement["id"], "language": "ru", "signature": signature}),
        )
        .await;
    assert_eq!(accepted.status(), 201);

    let zip = bytes(&app, "/api/v1/accounts/me/evidence", &admin).await;
    let dir = tempfile::tempdir().expect("a folder");
    let package = dir.path().join("package");
    unpack(&zip, &package);
    let (ok, report) = verify(&package);
    assert!(ok, "{report}");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(package.join("manifest.json")).expect("read"))
            .expect("JSON");
    let kinds: Vec<&str> = manifest["acts"]
        .as_array()
        .expect("acts")
        .iter()
        .map(|a| a["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(kinds, ["registration", "agreement-acceptance"]);
    assert!(
        report.contains("signs the SHA-256 of content/user-agreement-v1.ru.txt"),
        "{report}"
    );
    assert_eq!(
        std::fs::read_to_string(package.join(format!(
            "{}/content/user-agreement-v1.ru.txt",
            manifest["acts"][1]["dir"].as_str().expect("a folder")
        )))
        .expect("the text"),
        "Текст соглашения"
    );

    // Another person's package holds only their own act.
    let zip = bytes(&app, "/api/v1/accounts/me/evidence", &other).await;
    let theirs = dir.path().join("theirs");
    unpack(&zip, &theirs);
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(theirs.join("manifest.json")).expect("read"))
            .expect("JSON");
    assert_eq!(manifest["acts"].as_array().map(Vec::len), Some(1));
    assert!(verify(&theirs).0);
    let unauthenticated = app.get("/api/v1/accounts/me/evidence").await;
    assert_eq!(unauthenticated.status(), 401);
}

#[tokio::test]
async fn a_withdrawn_consent_is_in_my_evidence_as_the_statement_i_signed() {
    let app = spawn_app_with_clock(time::manual_clock(), |_| {}).await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    let admin = app.admin_token().await;
    let consent = json!({
        "kind": "personal_data",
        "title": {"kk": "Дербес деректерге келісім", "ru": "Согласие на обработку персональных данных", "en": "Personal-data consent"},
        "body": {"kk": "Келісім мәтіні", "ru": "Текст согласия", "en": "Consent text"},
        "details": {
            "operator": "Сәулет және қала құрылысы басқармасы",
            "operator_contact": "info@saulet.example.kz",
            "data_collected": ["IIN", "full name", "email"],
            "purposes": ["permits and approvals"],
            "term": "5 years after the last request",
            "third_party_transfer": [],
            "cross_border_transfer": false
        }
    });
    let published = app
        .post_as("/api/v1/admin/agreements", &admin, &consent)
        .await;
    assert_eq!(published.status(), 201);
    let consent: Value = published.json().await.expect("JSON");
    let hash = consent["body_sha256"]["kk"].as_str().expect("a hash");
    let accepted = app
        .post_as("/api/v1/consents", &token, &json!({"agreement_id": consent["id"], "language": "kk", "signature": pki().sign("individual", KeyPurpose::Signing, hash.as_bytes())}))
        .await;
    assert_eq!(accepted.status(), 201);
    let record = id(&accepted.json().await.expect("JSON"));
    let statement: Value = app
        .get_as(&format!("/api/v1/consents/{record}/withdrawal"), &token)
        .await
        .json()
        .await
        .expect("JSON");
    let digest = statement["digest"].as_str().expect("a digest");
    let signature = pki().sign("individual", KeyPurpose::Signing, digest.as_bytes());
    let withdrawn = app
        .post_as(
            &format!("/api/v1/consents/{record}/withdraw"),
            &token,
            &json!({"digest": digest, "signature": signature}),
        )
        .await;
    assert_eq!(withdrawn.status(), 201);

    // Allowed while the account is gated by the withdrawal.
    let zip = bytes(&app, "/api/v1/accounts/me/evidence", &token).await;
    let dir = tempfile::tempdir().expect("a folder");
    let package = dir.path().join("package");
    unpack(&zip, &package);
    let (ok, report) = verify(&package);
    assert!(ok, "{report}");
    assert!(
        report.contains("signs the SHA-256 of content/withdrawal.json"),
        "{report}"
    );
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(package.join("manifest.json")).expect("read"))
            .expect("JSON");
    let acts = manifest["acts"].as_array().expect("acts");
    let kinds: Vec<&str> = acts
        .iter()
        .map(|a| a["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        ["registration", "agreement-acceptance", "consent-withdrawal"]
    );
    let kept: Value = serde_json::from_slice(
        &std::fs::read(package.join(format!(
            "{}/content/withdrawal.json",
            acts[2]["dir"].as_str().expect("a folder")
        )))
        .expect("the statement"),
    )
    .expect("JSON");
    assert_eq!(
        kept, statement["statement"],
        "the statement that was signed"
    );
    // Every act has its time-stamp token.
    let rows = signed_act::Entity::find()
        .all(&app.db)
        .await
        .expect("the acts");
    assert!(rows.iter().all(|a| a.tst.is_some() && a.tst_time.is_some()));
}

fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec(value).expect("JSON")).expect("written");
    path
}

fn python(verifier: &Path, args: &[&Path], mode: &str) -> (bool, String) {
    let output = Command::new("python3")
        .arg(verifier)
        .arg(mode)
        .args(args)
        .output()
        .expect("python3 runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

async fn audit(app: &TestApp, token: String) -> Value {
    let response = app
        .get_as("/api/v1/admin/transparency/verify", &token)
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("JSON")
}

async fn head(app: &TestApp) -> Value {
    let response = app.get("/api/v1/transparency/tree-head").await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("JSON")
}

#[tokio::test]
async fn the_log_proves_inclusion_and_consistency_to_the_shipped_verifier_and_its_audit_finds_tampering()
 {
    let app = spawn_app().await;
    // Each registration is an act: the signed challenge.
    let first = app.signed_in("individual", "aliya@mail.kz").await;
    app.signed_in("second-individual", "gulnar@mail.kz").await;
    app.signed_in("employee", "aigul@build.kz").await;
    let old = head(&app).await;
    assert_eq!(old["tree_size"], 3);

    // The verifier is the one shipped in every evidence package.
    let dir = tempfile::tempdir().expect("a folder");
    let package = dir.path().join("package");
    unpack(
        &bytes(&app, "/api/v1/accounts/me/evidence", &first).await,
        &package,
    );
    let verifier = package.join("verify.py");

    // The head's signature verifies with the published key and openssl alone.
    let key = app.get("/api/v1/transparency/log-key").await;
    assert_eq!(key.status(), 200);
    let key_file = dir.path().join("log-key.pem");
    std::fs::write(&key_file, key.bytes().await.expect("PEM")).expect("written");
    let message = dir.path().join("head.txt");
    std::fs::write(&message, old["message"].as_str().expect("text")).expect("written");
    let signature = dir.path().join("head.sig");
    use base64::Engine;
    std::fs::write(
        &signature,
        base64::engine::general_purpose::STANDARD
            .decode(old["signature"].as_str().expect("base64"))
            .expect("base64"),
    )
    .expect("written");
    let checked = Command::new("openssl")
        .args(["pkeyutl", "-verify", "-pubin", "-rawin", "-inkey"])
        .arg(&key_file)
        .arg("-in")
        .arg(&message)
        .arg("-sigfile")
        .arg(&signature)
        .output()
        .expect("openssl runs");
    assert!(checked.status.success(), "{checked:?}");

    // Three more people: the tree grows from 3 to 6 leaves.
    app.signed_in("head", "erlan@build.kz").await;
    app.signed_in("reviewer", "dinara@saulet.kz").await;
    app.signed_in("water-engineer", "baurzhan@water.kz").await;
    let new = head(&app).await;
    assert_eq!(new["tree_size"], 6);
    let old_file = write_json(dir.path(), "old.json", &old);
    let new_file = write_json(dir.path(), "new.json", &new);

    let proof: Value = app
        .get("/api/v1/transparency/proofs/consistency?first=3&second=6")
        .await
        .json()
        .await
        .expect("JSON");
    let proof_file = write_json(dir.path(), "consistency.json", &proof);
    let (ok, out) = python(
        &verifier,
        &[&proof_file, &old_file, &new_file],
        "consistency",
    );
    assert!(ok, "{out}");
    // A proof with one hash changed, or checked against a head it was not made for, fails.
    let mut forged = proof.clone();
    forged["path"][0] = json!("00".repeat(32));
    let forged_file = write_json(dir.path(), "forged.json", &forged);
    assert!(
        !python(
            &verifier,
            &[&forged_file, &old_file, &new_file],
            "consistency"
        )
        .0
    );
    let mut other_old = old.clone();
    other_old["root_hash"] = new["root_hash"].clone();
    let other_file = write_json(dir.path(), "other-old.json", &other_old);
    assert!(
        !python(
            &verifier,
            &[&proof_file, &other_file, &new_file],
            "consistency"
        )
        .0
    );

    // Every earlier size is a prefix of the tree of 6, and every act is in every tree that
    // holds it (the roots of earlier sizes read from the inclusion proofs).
    for size in 1..=6_i64 {
        let mut root = None;
        for seq in 0..size {
            let proof: Value = app
                .get(&format!(
                    "/api/v1/transparency/proofs/inclusion?seq={seq}&tree_size={size}"
                ))
                .await
                .json()
                .await
                .expect("JSON");
            let at = json!({"tree_size": size, "root_hash": proof["root_hash"]});
            root = Some(proof["root_hash"].clone());
            let head_file = write_json(dir.path(), "at.json", &at);
            let file = write_json(dir.path(), "inclusion.json", &proof);
            let (ok, out) = python(&verifier, &[&file, &head_file], "inclusion");
            assert!(ok, "act {seq} of {size}: {out}");
        }
        let older = json!({"tree_size": size, "root_hash": root});
        let older_file = write_json(dir.path(), "older.json", &older);
        let proof: Value = app
            .get(&format!(
                "/api/v1/transparency/proofs/consistency?first={size}&second=6"
            ))
            .await
            .json()
            .await
            .expect("JSON");
        let file = write_json(dir.path(), "consistency.json", &proof);
        let (ok, out) = python(&verifier, &[&file, &older_file, &new_file], "consistency");
        assert!(ok, "{size} → 6: {out}");
    }
    // Out of range: a clear 422, not a 500.
    for query in ["seq=6", "seq=-1", "seq=0&tree_size=7", "seq=0&tree_size=0"] {
        let response = app
            .get(&format!("/api/v1/transparency/proofs/inclusion?{query}"))
            .await;
        assert_eq!(problem(response).await["type"], "validation", "{query}");
    }
    for query in ["first=0", "first=5&second=4", "first=1&second=99"] {
        let response = app
            .get(&format!("/api/v1/transparency/proofs/consistency?{query}"))
            .await;
        assert_eq!(problem(response).await["type"], "validation", "{query}");
    }

    // The administrators' audit: intact, every act time-stamped (the admin is act 6).
    let admin = app.admin_token().await;
    let report = audit(&app, admin.clone()).await;
    assert_eq!(report["intact"], true, "{report}");
    assert_eq!(report["acts"], 7);
    assert_eq!(report["time_stamped"], 7);
    let forbidden = app
        .get_as("/api/v1/admin/transparency/verify", &first)
        .await;
    assert_eq!(forbidden.status(), 403);

    // Someone with database access changes what act 4 signed, behind the triggers' back.
    let backend = app.db.get_database_backend();
    let sql = |text: &str| Statement::from_string(backend, text.to_owned());
    let (off, on) = match backend {
        DatabaseBackend::Postgres => (
            "ALTER TABLE signed_acts DISABLE TRIGGER signed_acts_append_only",
            "ALTER TABLE signed_acts ENABLE TRIGGER signed_acts_append_only",
        ),
        _ => ("DROP TRIGGER signed_acts_no_update", "SELECT 1"),
    };
    app.db.execute(sql(off)).await.expect("trigger off");
    let changed = match backend {
        DatabaseBackend::Postgres => {
            "UPDATE signed_acts SET signed_bytes = '\\x00'::bytea WHERE seq = 4"
        }
        _ => "UPDATE signed_acts SET signed_bytes = X'00' WHERE seq = 4",
    };
    app.db.execute(sql(changed)).await.expect("changed");
    let report = audit(&app, admin.clone()).await;
    assert_eq!(report["intact"], false);
    let problems = report["problems"].as_array().expect("problems");
    assert!(
        problems.iter().any(|p| p["seq"] == 4
            && p["problem"]
                .as_str()
                .is_some_and(|t| t.contains("signed bytes"))),
        "{report}"
    );
    assert!(
        problems.iter().any(|p| p["tree_size"] == 6),
        "the head of 6 acts no longer matches: {report}"
    );
    assert!(
        !problems.iter().any(|p| p["tree_size"] == 3),
        "the head of 3 acts still matches: {report}"
    );

    // ...and removes act 5: the gap is reported.
    let delete_off = match backend {
        DatabaseBackend::Postgres => "SELECT 1",
        _ => "DROP TRIGGER signed_acts_no_delete",
    };
    app.db.execute(sql(delete_off)).await.expect("trigger off");
    app.db
        .execute(sql("DELETE FROM signed_acts WHERE seq = 5"))
        .await
        .expect("deleted");
    app.db.execute(sql(on)).await.expect("trigger on");
    let report = audit(&app, admin).await;
    let problems = report["problems"].as_array().expect("problems");
    assert!(
        problems
            .iter()
            .any(|p| p["seq"] == 6 && p["problem"].as_str().is_some_and(|t| t.contains("missing"))),
        "{report}"
    );
}

#[tokio::test]
async fn an_act_stays_valid_at_its_time_of_signing_after_the_signers_certificate_expired() {
    let clock = time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let mut applicant = app.person("employee", "aigul@build.kz", None).await;
    let id = id(&app.submitted_sketch(&applicant).await);

    // Two years on, the applicant's one-year certificate has long expired and its CRL is stale.
    clock.advance(Duration::days(730));
    assert!(clock.now() > time::start() + Duration::days(366));
    app.refresh(&mut applicant).await;
    let response = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/acts"),
            &applicant.token,
        )
        .await;
    assert_eq!(response.status(), 200);
    let acts: Vec<Value> = response.json().await.expect("JSON");
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0]["kind"], "submission");
    assert_eq!(acts[0]["verification"], "valid-at-signing-time", "{acts:?}");
    assert!(acts[0]["time_stamped_at"].is_string());
}
