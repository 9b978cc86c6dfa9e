//! Permit requests on SQLite and PostgreSQL: every path of the workflow
//! from draft to decision, each step in the history and told to the applicant, illegal steps
//! refused, registration numbers unique under concurrency, optimistic locking, idempotent
//! retries, working-day deadlines, and the signed permit that anyone can verify from its QR code.

use chrono::{Datelike, Duration};
use saulet_api::{
    clock::{Clock, ManualClock},
    eds::KeyPurpose,
};
use saulet_tests::{
    TestApp,
    permits::{Cast, PDF, PNG, Person, apz_form, sketch_form, statuses},
    pki::pki,
    problem, qr, spawn_app, spawn_app_with_clock,
    time::{self, department_noon as noon},
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn id(view: &Value) -> String {
    view["id"].as_str().expect("an id").to_owned()
}

async fn status_changes(app: &TestApp, who: &Person) -> Vec<String> {
    app.notices(who)
        .await
        .iter()
        .filter(|n| n["event"]["kind"] == "permit_status_changed")
        .map(|n| n["event"]["status"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn an_approved_request_is_issued_as_a_signed_permit_that_verifies_from_its_qr_code() {
    // The clock stands at the start instant: under `make test-dates` that is 19:30 UTC on
    // 31 December, when the department's day is already 1 January.
    let clock = time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        reviewer,
        colleague,
        ..
    } = app.cast().await;
    let submitted = app.submitted_sketch(&applicant).await;
    let id = id(&submitted);
    assert_eq!(submitted["status"], "submitted");
    let number = submitted["number"].as_str().expect("a registration number");
    assert!(
        // The department's year (Astana time), not the UTC one: at 19:30 UTC on 31 December
        // the department is already in the new year.
        number.starts_with(&format!("AST-{}-", time::department_year(clock.now()))),
        "{number}"
    );
    assert!(submitted["due_on"].is_string() && submitted["intake_due"].is_string());

    app.acted(&reviewer, &id, "accept", json!({})).await;
    let issued = app.decide(&reviewer, &id, "permit").await;
    let status = issued.status();
    let issued: Value = issued.json().await.expect("JSON");
    assert_eq!(status, 200, "{issued}");
    assert_eq!(issued["status"], "issued");

    // Every transition is in the history, with its actor, and was told to the applicant.
    let history = app.history(&applicant, &id).await;
    assert_eq!(
        statuses(&history),
        ["submitted", "in_review", "approved", "issued"]
    );
    assert!(history.iter().all(|h| h["actor_name"].is_string()));
    // An approval that is issued at once is one notice (and one email): the issue.
    let mut told = status_changes(&app, &applicant).await;
    told.reverse();
    assert_eq!(told, ["submitted", "in_review", "issued"]);
    let mails = app.emails_to(&applicant.email, 5).await;
    assert!(
        mails
            .iter()
            .any(|m| m.subject.as_deref().is_some_and(|s| s.contains(number))),
        "an email names the request"
    );

    // The applicant (and a colleague of the company) downloads the signed permit.
    let view: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &colleague.token)
        .await
        .json()
        .await
        .expect("JSON");
    let decision = &view["decisions"][0];
    assert_eq!(decision["kind"], "permit");
    assert_eq!(decision["signed"], true);
    let pdf = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{id}/decisions/{}",
                decision["id"].as_str().expect("id")
            ),
            &applicant.token,
        )
        .await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(
        pdf.headers()["content-disposition"]
            .to_str()
            .expect("text")
            .contains(".pdf")
    );
    let pdf = pdf.bytes().await.expect("bytes");
    let sha = hex::encode(Sha256::digest(&pdf));
    assert_eq!(decision["pdf_sha256"], sha.as_str());

    // The stored CMS signature verifies over the PDF's hash with the reviewer's certificate.
    let signature = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{id}/decisions/{}/signature",
                decision["id"].as_str().expect("id")
            ),
            &applicant.token,
        )
        .await
        .bytes()
        .await
        .expect("bytes");
    let verifier =
        saulet_api::eds::EdsVerifier::new(pki().trust(), clock.clone()).expect("a verifier");
    let signer = verifier
        .verify_detached(&signature, sha.as_bytes(), KeyPurpose::Signing)
        .await
        .expect("the signature verifies");
    assert_eq!(signer.iin.as_str(), pki().user("reviewer").iin.as_str());
    // The file is DER, and the `openssl` command verifies it as docs/permits.md says, with the
    // root and issuing CA certificates and nothing from Saulet.
    assert_eq!(
        signature.first(),
        Some(&0x30),
        "a DER SEQUENCE, not base64 text"
    );
    openssl_cms_verifies(&signature, sha.as_bytes());

    // The permit is in Kazakh and Russian and names the object from the form.
    let text = pdftotext(&pdf);
    for expected in [
        "РҰҚСАТ",
        "РАЗРЕШЕНИЕ",
        "Мекенжайы / Адрес",
        "Астана, Мәңгілік Ел даңғылы 55",
        "Тұрғын үй кешені",
    ] {
        assert!(
            text.contains(expected),
            "{expected} is missing from:\n{text}"
        );
    }

    // The QR code in the PDF leads to the public verify page, which says genuine and in force.
    let url = tokio::task::spawn_blocking(move || qr::decode_qr_from_pdf(&pdf))
        .await
        .expect("joined")
        .expect("a QR code");
    assert_eq!(Some(url.as_str()), decision["verify_url"].as_str());
    let (path, query) = url
        .split_once("/verify/")
        .map(|(_, rest)| rest.split_once("?code=").expect("a code"))
        .expect("a verify link");
    let genuine: Value = app
        .get(&format!("/api/v1/permits/{path}/verify?code={query}"))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(genuine["genuine"], true);
    assert_eq!(genuine["in_force"], true);
    assert_eq!(genuine["number"], number);
    assert!(!genuine["holder"].as_str().expect("masked").contains("ТЕСТ"));
    assert_eq!(
        genuine["object"],
        json!([
            {"field": "object_name", "value": "Тұрғын үй кешені"},
            {"field": "address", "value": "Астана, Мәңгілік Ел даңғылы 55"}
        ])
    );
    // ...with the decision's place in the transparency log, proven to the current tree head.
    let head: Value = app
        .get("/api/v1/transparency/tree-head")
        .await
        .json()
        .await
        .expect("JSON");
    let proof = &genuine["transparency"];
    assert_eq!(proof["tree_size"], head["tree_size"]);
    assert_eq!(proof["root_hash"], head["root_hash"]);
    assert!(proof["audit_path"].is_array() && proof["leaf_index"].is_number());
    // The check is remembered, but never past a change of the stored file: a PDF altered in
    // the store is not genuine at the next verification, and is again once put back.
    let verify_url = format!("/api/v1/permits/{path}/verify?code={query}");
    let verify = || async {
        let body: Value = app.get(&verify_url).await.json().await.expect("JSON");
        (body["genuine"].clone(), body["in_force"].clone())
    };
    assert_eq!(verify().await, (json!(true), json!(true)), "again");
    let sha = genuine["pdf_sha256"].as_str().expect("the PDF's hash");
    let stored = app
        .data_dir
        .path()
        .join("documents")
        .join(&sha[..2])
        .join(sha);
    let original = std::fs::read(&stored).expect("the stored PDF");
    let mut altered = original.clone();
    let last = altered.len() - 10;
    altered[last] ^= 0x20;
    std::fs::write(&stored, &altered).expect("alter the stored PDF");
    assert_eq!(verify().await, (json!(false), json!(false)), "altered");
    std::fs::write(&stored, &original).expect("put the PDF back");
    assert_eq!(verify().await, (json!(true), json!(true)), "put back");
    let wrong = app
        .get(&format!(
            "/api/v1/permits/{path}/verify?code={}",
            "0".repeat(32)
        ))
        .await;
    assert_eq!(wrong.status(), 404);
    assert_eq!(problem(wrong).await["type"], "not-found");
}

#[tokio::test]
async fn a_correction_round_trip_is_a_new_signed_version_with_its_differences() {
    let app = spawn_app().await;
    let Cast {
        applicant,
        reviewer,
        ..
    } = app.cast().await;
    let id = id(&app.submitted_sketch(&applicant).await);
    app.acted(&reviewer, &id, "accept", json!({})).await;
    let returned = app
        .acted(
            &reviewer,
            &id,
            "request-corrections",
            json!({"items": [
                {"field": "apz_number", "message": "The APZ number does not exist"},
                {"slot": "sketch", "message": "Attach the signed sketch"}
            ], "comment": "Two things to fix"}),
        )
        .await;
    assert_eq!(returned["status"], "corrections_requested");
    assert_eq!(returned["paused"], true);
    assert_eq!(returned["corrections"].as_array().map(Vec::len), Some(2));

    // The applicant sees the items, fixes the field and replaces the document, and resubmits.
    let mine: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert!(
        mine["actions"]
            .as_array()
            .expect("actions")
            .contains(&json!("submit"))
    );
    let mut form = sketch_form();
    form["apz_number"] = json!("APZ-2026-0018");
    let patched = app
        .save_form(&applicant, &id, mine["etag"].as_str().expect("etag"), &form)
        .await;
    assert_eq!(patched.status(), 200);
    let old_doc = mine["documents"][0]["id"]
        .as_str()
        .expect("a document")
        .to_owned();
    let removed = app
        .send_json_as(
            reqwest::Method::DELETE,
            &format!("/api/v1/permit-requests/{id}/documents/{old_doc}"),
            &applicant.token,
            None,
        )
        .await;
    assert_eq!(removed.status(), 204);
    let mut signed_pdf = PDF.to_vec();
    signed_pdf.extend_from_slice(b"% signed\n");
    assert_eq!(
        app.upload(&applicant, &id, "sketch", "эскиз-2.pdf", &signed_pdf)
            .await
            .status(),
        201
    );
    let resubmitted = app.submit(&applicant, &id).await;
    assert_eq!(resubmitted.status(), 200);
    let resubmitted: Value = resubmitted.json().await.expect("JSON");
    assert_eq!(resubmitted["status"], "in_review");
    assert_eq!(resubmitted["version_no"], 2);
    assert_eq!(resubmitted["paused"], false);
    assert!(
        resubmitted["corrections"]
            .as_array()
            .expect("list")
            .is_empty()
    );

    let versions: Value = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/versions"),
            &reviewer.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    let versions = versions.as_array().expect("a list");
    assert_eq!(versions.len(), 2);
    assert!(versions[0]["changes"].as_array().expect("list").is_empty());
    let changes: Vec<(&str, &str)> = versions[1]["changes"]
        .as_array()
        .expect("list")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap_or(""),
                c["name"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(changes, [("field", "apz_number"), ("document", "sketch")]);
    assert_eq!(versions[1]["changes"][0]["before"], "APZ-2026-0017");
    assert_ne!(versions[0]["digest"], versions[1]["digest"]);

    assert_eq!(app.decide(&reviewer, &id, "permit").await.status(), 200);
    let history = app.history(&reviewer, &id).await;
    assert_eq!(
        statuses(&history),
        [
            "submitted",
            "in_review",
            "corrections_requested",
            "in_review",
            "approved",
            "issued"
        ]
    );
    let corrections = history
        .iter()
        .find(|h| h["action"] == "request_corrections")
        .expect("the correction step");
    assert_eq!(corrections["data"]["items"][1]["slot"], "sketch");
}

#[tokio::test]
async fn parallel_approvals_block_the_decision_until_every_organisation_approves() {
    let app = spawn_app().await;
    let Cast {
        applicant,
        reviewer,
        water,
        power,
        ..
    } = app.cast().await;
    let draft = app.draft(&applicant, "apz-tu", apz_form()).await;
    let id = id(&draft);
    for slot in ["land_title", "topographic_survey"] {
        assert_eq!(
            app.upload(&applicant, &id, slot, "doc.pdf", PDF)
                .await
                .status(),
            201
        );
    }
    assert_eq!(app.submit(&applicant, &id).await.status(), 200);
    // The utilities see nothing before the department accepts the request.
    let hidden = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &water.token)
        .await;
    assert_eq!(hidden.status(), 404);
    let accepted = app.acted(&reviewer, &id, "accept", json!({})).await;
    let tasks = accepted["tasks"].as_array().expect("tasks").clone();
    assert_eq!(tasks.len(), 2);
    let task_of = |code: &str| {
        tasks
            .iter()
            .find(|t| t["organisation"]["code"] == code)
            .and_then(|t| t["id"].as_str())
            .expect("a task")
            .to_owned()
    };
    let (water_task, power_task) = (task_of("water"), task_of("power"));

    // Each utility decides its own task only.
    let conditions = TestApp::technical_conditions("ТУ: d=150 mm");
    let foreign = app
        .answer_task(
            &water,
            &id,
            &power_task,
            "approve",
            None,
            Some(("ТУ.pdf", &conditions)),
        )
        .await;
    assert_eq!(foreign.status(), 403);
    // An approval is the signed technical conditions, not a comment.
    let without_document = app
        .answer_task(
            &water,
            &id,
            &water_task,
            "approve",
            Some("ТУ: d=150 mm"),
            None,
        )
        .await;
    assert_eq!(
        problem(without_document).await["errors"][0]["field"],
        "document"
    );
    let not_a_pdf = app
        .answer_task(
            &water,
            &id,
            &water_task,
            "approve",
            None,
            Some(("ТУ.png", PNG)),
        )
        .await;
    assert_eq!(not_a_pdf.status(), 415);
    let approved = app
        .answer_task(
            &water,
            &id,
            &water_task,
            "approve",
            Some("ТУ: d=150 mm"),
            Some(("ТУ-су.pdf", &conditions)),
        )
        .await;
    assert_eq!(approved.status(), 200);
    let approved: Value = approved.json().await.expect("JSON");
    let water_view = approved["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["id"] == water_task.as_str())
        .expect("the water task")
        .clone();
    assert_eq!(water_view["status"], "approved");
    assert_eq!(water_view["document"]["file_name"], "ТУ-су.pdf");
    assert_eq!(water_view["document"]["content_type"], "application/pdf");
    // A signature over an answer that is not the one sent is refused.
    let answer: Value = app
        .act(
            &power,
            &id,
            &format!("tasks/{power_task}/answer"),
            json!({"verdict": "decline", "comment": "No capacity"}),
        )
        .await
        .json()
        .await
        .expect("JSON");
    let digest = answer["digest"].as_str().expect("a digest");
    let signature = pki().sign("power-engineer", KeyPurpose::Signing, digest.as_bytes());
    let changed = app
        .act(
            &power,
            &id,
            &format!("tasks/{power_task}/decline"),
            json!({"comment": "Something else", "digest": digest, "signature": signature}),
        )
        .await;
    assert_eq!(problem(changed).await["type"], "conflict");
    let no_reason = app
        .answer_task(&power, &id, &power_task, "decline", None, None)
        .await;
    assert_eq!(no_reason.status(), 422);
    let declined = app
        .answer_task(
            &power,
            &id,
            &power_task,
            "decline",
            Some("No free capacity at substation 7"),
            None,
        )
        .await;
    assert_eq!(declined.status(), 200);
    let blocked = app.decide(&reviewer, &id, "permit").await;
    assert_eq!(blocked.status(), 409);
    assert_eq!(problem(blocked).await["type"], "illegal-transition");

    // Corrections and a new version put the declined task back to the utility.
    app.acted(
        &reviewer,
        &id,
        "request-corrections",
        json!({"items": [{"field": "power_kw", "message": "Reduce to 400 kW"}]}),
    )
    .await;
    let mine: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    let mut form = apz_form();
    form["power_kw"] = json!(400);
    let patched = app
        .save_form(&applicant, &id, mine["etag"].as_str().expect("etag"), &form)
        .await;
    assert_eq!(patched.status(), 200);
    let again: Value = app
        .submit(&applicant, &id)
        .await
        .json()
        .await
        .expect("JSON");
    let power_status = again["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["organisation"]["code"] == "power")
        .map(|t| t["status"].clone());
    assert_eq!(power_status, Some(json!("pending")));
    let still_pending = app.decide(&reviewer, &id, "permit").await;
    assert_eq!(still_pending.status(), 409);
    let approved = app
        .answer_task(
            &power,
            &id,
            &power_task,
            "approve",
            None,
            Some(("ТУ-электр.pdf", &TestApp::technical_conditions("600 kW"))),
        )
        .await;
    assert_eq!(approved.status(), 200);
    let issued = app.decide(&reviewer, &id, "permit").await;
    assert_eq!(issued.status(), 200);
    let actions: Vec<String> = app
        .history(&reviewer, &id)
        .await
        .iter()
        .map(|h| h["action"].as_str().unwrap_or_default().to_owned())
        .collect();
    for expected in ["task_approved", "task_declined", "issue"] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} in {actions:?}"
        );
    }
}

#[tokio::test]
async fn a_refusal_is_preliminary_and_becomes_final_after_the_applicants_objection() {
    let app = spawn_app().await;
    let Cast {
        applicant,
        reviewer,
        ..
    } = app.cast().await;
    let id = id(&app.submitted_sketch(&applicant).await);
    app.acted(&reviewer, &id, "accept", json!({})).await;
    let unknown_ground = app
        .signed_act(
            &reviewer,
            &id,
            "preliminary-refusal",
            json!({"grounds": ["no_such_ground"], "text": "x"}),
        )
        .await;
    assert_eq!(unknown_ground.status(), 422);
    // Unsigned, or signed over another text: refused, and nothing moves.
    let refusal = json!({"grounds": ["apz_mismatch"], "text": "The facade exceeds the APZ's height limit by 6 m."});
    let unsigned = app
        .act(&reviewer, &id, "preliminary-refusal", refusal.clone())
        .await;
    assert_eq!(problem(unsigned).await["type"], "validation");
    let statement: Value = app
        .act(
            &reviewer,
            &id,
            "preliminary-refusal/statement",
            refusal.clone(),
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(statement["statement"]["grounds"][0]["code"], "apz_mismatch");
    let digest = statement["digest"].as_str().expect("a digest");
    let mut changed = refusal.clone();
    changed["text"] = json!("Another text than the one signed.");
    changed["digest"] = json!(digest);
    changed["signature"] = json!(pki().sign(reviewer.pki, KeyPurpose::Signing, digest.as_bytes()));
    let changed = app
        .act(&reviewer, &id, "preliminary-refusal", changed)
        .await;
    assert_eq!(problem(changed).await["type"], "conflict");
    let pending = app
        .signed_acted(&reviewer, &id, "preliminary-refusal", refusal)
        .await;
    assert_eq!(pending["status"], "preliminary_refusal");
    assert!(pending["objection_due"].is_string());
    assert_eq!(
        pending["pending_refusal"]["grounds"],
        json!(["apz_mismatch"])
    );

    // No final refusal while the applicant may still object.
    let early = app.decide(&reviewer, &id, "refusal").await;
    assert_eq!(early.status(), 409);
    assert_eq!(problem(early).await["type"], "illegal-transition");

    let objected = app
        .signed_acted(
            &applicant,
            &id,
            "objection",
            json!({"reason": "The height is measured from the wrong level."}),
        )
        .await;
    assert_eq!(
        objected["objection"],
        "The height is measured from the wrong level."
    );
    let twice = app
        .signed_act(&applicant, &id, "objection", json!({"reason": "again"}))
        .await;
    assert_eq!(twice.status(), 409);

    let refused = app.decide(&reviewer, &id, "refusal").await;
    assert_eq!(refused.status(), 200);
    let refused: Value = refused.json().await.expect("JSON");
    assert_eq!(refused["status"], "refused");
    let decision = &refused["decisions"][0];
    assert_eq!(decision["kind"], "refusal");
    let url = decision["verify_url"].as_str().expect("a verify link");
    let (number, code) = url
        .split_once("/verify/")
        .and_then(|(_, rest)| rest.split_once("?code="))
        .expect("number and code");
    let verified: Value = app
        .get(&format!("/api/v1/permits/{number}/verify?code={code}"))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(verified["genuine"], true);
    assert_eq!(verified["in_force"], false, "a refusal is no permit");
    assert_eq!(verified["kind"], "refusal");

    let history = app.history(&applicant, &id).await;
    assert_eq!(
        statuses(&history),
        ["submitted", "in_review", "preliminary_refusal", "refused"]
    );
    assert!(history.iter().any(|h| h["action"] == "object"));
    let mut told = status_changes(&app, &applicant).await;
    told.reverse();
    assert_eq!(
        told,
        ["submitted", "in_review", "preliminary_refusal", "refused"]
    );
}

#[tokio::test]
async fn a_withdrawn_request_stays_withdrawn_and_every_illegal_step_is_a_409() {
    let app = spawn_app().await;
    let Cast {
        applicant,
        reviewer,
        ..
    } = app.cast().await;
    let id = id(&app.submitted_sketch(&applicant).await);
    // Steps the machine does not allow from `submitted`.
    for (who, action, body) in [
        (&applicant, "submit", None),
        (
            &reviewer,
            "preliminary-refusal/statement",
            Some(json!({"grounds": ["false_data"], "text": "x"})),
        ),
        (
            &reviewer,
            "preliminary-refusal",
            Some(
                json!({"grounds": ["false_data"], "text": "x", "digest": "0".repeat(64), "signature": "x"}),
            ),
        ),
        (
            &applicant,
            "objection/statement",
            Some(json!({"reason": "x"})),
        ),
        (
            &applicant,
            "objection",
            Some(json!({"reason": "x", "digest": "0".repeat(64), "signature": "x"})),
        ),
    ] {
        let response = match body {
            None => app.submit(who, &id).await,
            Some(body) => app.act(who, &id, action, body).await,
        };
        assert_eq!(response.status(), 409, "{action}");
        assert_eq!(
            problem(response).await["type"],
            "illegal-transition",
            "{action}"
        );
    }
    let refuse_in_review = {
        app.acted(&reviewer, &id, "accept", json!({})).await;
        app.act(&reviewer, &id, "accept", json!({})).await
    };
    assert_eq!(refuse_in_review.status(), 409, "accepted twice");

    let withdrawn = app
        .acted(
            &applicant,
            &id,
            "withdraw",
            json!({"comment": "We chose another plot"}),
        )
        .await;
    assert_eq!(withdrawn["status"], "withdrawn");
    for (who, action, body) in [
        (&applicant, "withdraw", json!({})),
        (
            &reviewer,
            "request-corrections",
            json!({"items": [{"message": "x"}]}),
        ),
        (&reviewer, "decision-draft", json!({"kind": "permit"})),
        (&reviewer, "accept", json!({})),
    ] {
        let response = app.act(who, &id, action, body).await;
        assert_eq!(response.status(), 409, "{action} after withdrawal");
    }
    let uploaded = app.upload(&applicant, &id, "sketch", "late.pdf", PDF).await;
    assert_eq!(uploaded.status(), 409);
    assert_eq!(
        statuses(&app.history(&applicant, &id).await),
        ["submitted", "in_review", "withdrawn"]
    );
    let mut told = status_changes(&app, &applicant).await;
    told.reverse();
    assert_eq!(told, ["submitted", "in_review", "withdrawn"]);
}

#[tokio::test]
async fn fifty_concurrent_submissions_get_fifty_distinct_registration_numbers() {
    let clock = time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let mut ids = Vec::new();
    for _ in 0..50 {
        let draft = app
            .draft(&applicant, "sketch-approval", sketch_form())
            .await;
        let id = id(&draft);
        assert_eq!(
            app.upload(&applicant, &id, "sketch", "s.pdf", PDF)
                .await
                .status(),
            201
        );
        ids.push(id);
    }
    let app = std::sync::Arc::new(app);
    let tasks: Vec<_> = ids
        .iter()
        .cloned()
        .map(|id| {
            let (app, who) = (app.clone(), applicant.clone());
            tokio::spawn(async move {
                let response = app.submit(&who, &id).await;
                assert_eq!(response.status(), 200);
                let body: Value = response.json().await.expect("JSON");
                body["number"].as_str().expect("a number").to_owned()
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.expect("joined"));
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 50, "{numbers:?}");
    let year = time::department_year(clock.now());
    assert_eq!(numbers[0], format!("AST-{year}-000001"));
    assert_eq!(numbers[49], format!("AST-{year}-000050"));
}

#[tokio::test]
async fn a_stale_if_match_is_refused_and_a_repeated_idempotency_key_returns_the_first_answer() {
    let app = spawn_app().await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    // Create with a key, twice: one draft.
    let create = |key: &'static str, title: &'static str| {
        app.client
            .post(app.url("/api/v1/permit-requests"))
            .bearer_auth(&applicant.token)
            .header("Idempotency-Key", key)
            .json(&json!({"type_code": "sketch-approval", "title": title}))
            .send()
    };
    let first = create("create-1", "Үй").await.expect("answers");
    assert_eq!(first.status(), 201);
    let etag = first.headers()["etag"].to_str().expect("etag").to_owned();
    let first_location = first.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let first: Value = first.json().await.expect("JSON");
    assert_eq!(first["etag"], etag.as_str());
    assert_eq!(
        first_location,
        format!("/api/v1/permit-requests/{}", id(&first))
    );
    let again = create("create-1", "Үй").await.expect("answers");
    assert_eq!(again.status(), 201);
    let again: Value = again.json().await.expect("JSON");
    assert_eq!(again["id"], first["id"]);
    let other_body = create("create-1", "Басқа").await.expect("answers");
    assert_eq!(other_body.status(), 422);
    assert_eq!(problem(other_body).await["type"], "idempotency-key-reused");
    let list: Value = app
        .get_as("/api/v1/permit-requests", &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));

    // If-Match: required, and refused when stale.
    let id = id(&first);
    let patch = |if_match: Option<String>, title: &'static str| {
        let mut request = app
            .client
            .patch(app.url(&format!("/api/v1/permit-requests/{id}")))
            .bearer_auth(&applicant.token)
            .json(&json!({"title": title}));
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        request.send()
    };
    let missing = patch(None, "A").await.expect("answers");
    assert_eq!(missing.status(), 428);
    assert_eq!(problem(missing).await["type"], "precondition-required");
    let saved = patch(Some(etag.clone()), "A").await.expect("answers");
    assert_eq!(saved.status(), 200);
    assert_ne!(saved.headers()["etag"].to_str().expect("etag"), etag);
    let stale = patch(Some(etag), "B").await.expect("answers");
    assert_eq!(stale.status(), 412);
    assert_eq!(problem(stale).await["type"], "precondition-failed");
    let current: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(current["title"], "A", "the stale write changed nothing");

    // Without a key the answer is written directly, and looks as a kept one does: the same
    // fields in the same order, its ETag and its Location.
    let unkeyed = app
        .client
        .post(app.url("/api/v1/permit-requests"))
        .bearer_auth(&applicant.token)
        .json(&json!({"type_code": "sketch-approval", "title": "Үй"}))
        .send()
        .await
        .expect("answers");
    assert_eq!(unkeyed.status(), 201);
    let headers = unkeyed.headers().clone();
    let unkeyed: Value = unkeyed.json().await.expect("JSON");
    assert_ne!(unkeyed["id"], first["id"]);
    assert_eq!(headers["etag"].to_str().expect("etag"), unkeyed["etag"]);
    assert_eq!(
        headers["location"].to_str().expect("location"),
        format!(
            "/api/v1/permit-requests/{}",
            unkeyed["id"].as_str().expect("id")
        )
    );
    let fields = |v: &Value| {
        v.as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(fields(&unkeyed), fields(&first));
    assert_eq!(unkeyed["title"], first["title"]);

    // The draft becomes complete and is submitted once.
    assert_eq!(
        app.upload(&applicant, &id, "sketch", "s.pdf", PDF)
            .await
            .status(),
        201
    );
    let patched = patch_form(
        &app,
        &applicant,
        &id,
        current["etag"].as_str().expect("etag"),
    )
    .await;
    assert_eq!(patched, 200);
    let one = app.submit_with_key(&applicant, &id, Some("submit-1")).await;
    assert_eq!(one.status(), 200);
    let versions: Value = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/versions"),
            &applicant.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(versions.as_array().map(Vec::len), Some(1));
}

async fn patch_form(app: &TestApp, who: &Person, id: &str, etag: &str) -> u16 {
    app.client
        .patch(app.url(&format!("/api/v1/permit-requests/{id}")))
        .bearer_auth(&who.token)
        .header("If-Match", etag)
        .json(&json!({"form_data": sketch_form()}))
        .send()
        .await
        .expect("answers")
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_same_submission_sent_twice_with_one_key_is_answered_once() {
    let app = spawn_app().await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = id(&draft);
    assert_eq!(
        app.upload(&applicant, &id, "sketch", "s.pdf", PDF)
            .await
            .status(),
        201
    );
    let digest: Value = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/digest"),
            &applicant.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    let digest = digest["digest"].as_str().expect("digest").to_owned();
    let body = json!({"digest": digest, "signature": pki().sign("individual", KeyPurpose::Signing, digest.as_bytes())});
    let send = || {
        app.client
            .post(app.url(&format!("/api/v1/permit-requests/{id}/submit")))
            .bearer_auth(&applicant.token)
            .header("Idempotency-Key", "retry-me")
            .json(&body)
            .send()
    };
    let first: Value = send().await.expect("answers").json().await.expect("JSON");
    let retry = send().await.expect("answers");
    assert_eq!(retry.status(), 200, "a retry is not a second submission");
    let retry: Value = retry.json().await.expect("JSON");
    assert_eq!(retry["number"], first["number"]);
    assert_eq!(retry["version_no"], 1);
}

#[tokio::test]
async fn due_dates_count_working_days_across_holidays_and_a_transferred_day_and_stand_still_during_corrections()
 {
    // A Monday within a week of the start instant: the clock stays inside the test PKI's CRL
    // period, whatever day the suite runs.
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |c| {
        c.permits.reminder_interval_secs = 1;
    })
    .await;
    let Cast {
        mut applicant,
        mut reviewer,
        mut admin,
        ..
    } = app.cast().await;
    // The administrator's calendar: Tuesday and Wednesday are holidays, and the Saturday is a
    // working day (a transfer by decree). Every year the test's three weeks touch is replaced, so
    // no shipped holiday (New Year, Nauryz, …) falls inside them, whatever the start instant.
    let name = |en: &str| json!({"kk": format!("{en} (kk)"), "ru": format!("{en} (ru)"), "en": en});
    let days = [
        (monday + Duration::days(1), "holiday", "Holiday one"),
        (monday + Duration::days(2), "holiday", "Holiday two"),
        (
            monday + Duration::days(5),
            "working_day",
            "Transferred working day",
        ),
    ];
    let mut years = vec![monday.year(), (monday + Duration::days(21)).year()];
    years.dedup();
    for year in years {
        let in_year: Vec<Value> = days
            .iter()
            .filter(|(date, ..)| date.year() == year)
            .map(|(date, kind, en)| json!({"date": date, "kind": kind, "name": name(en)}))
            .collect();
        let calendar = app
            .send_json_as(
                reqwest::Method::PUT,
                &format!("/api/v1/admin/calendar/{year}"),
                &admin.token,
                Some(&json!({ "days": in_year })),
            )
            .await;
        assert_eq!(calendar.status(), 200, "the calendar of {year}");
    }
    let weekday_transfer = app
        .send_json_as(
            reqwest::Method::PUT,
            &format!("/api/v1/admin/calendar/{}", monday.year()),
            &admin.token,
            Some(&json!({"days": [{"date": monday, "kind": "working_day", "name": name("Bad")}]})),
        )
        .await;
    assert_eq!(
        weekday_transfer.status(),
        422,
        "a Monday cannot be made a working day"
    );

    // apz-tu: completeness check in 2 working days, review in 6.
    let draft = app.draft(&applicant, "apz-tu", apz_form()).await;
    let id = id(&draft);
    for slot in ["land_title", "topographic_survey"] {
        assert_eq!(
            app.upload(&applicant, &id, slot, "doc.pdf", PDF)
                .await
                .status(),
            201
        );
    }
    let submitted: Value = app
        .submit(&applicant, &id)
        .await
        .json()
        .await
        .expect("JSON");
    // Thu, Fri → intake due Friday; Thu 1, Fri 2, Sat 3 (transferred), Mon 4, Tue 5, Wed 6.
    assert_eq!(submitted["intake_due"], json!(monday + Duration::days(4)));
    assert_eq!(submitted["due_on"], json!(monday + Duration::days(9)));

    // Corrections asked on the Thursday and answered the next Tuesday: the working days between
    // stand still and move the due date on.
    clock.set(noon(monday + Duration::days(3)));
    for person in [&mut applicant, &mut reviewer, &mut admin] {
        app.refresh(person).await;
    }
    app.acted(&reviewer, &id, "accept", json!({})).await;
    let paused = app
        .acted(
            &reviewer,
            &id,
            "request-corrections",
            json!({"items": [{"field": "floors", "message": "Check the floors"}]}),
        )
        .await;
    assert_eq!(paused["paused"], true);
    clock.set(noon(monday + Duration::days(8)));
    for person in [&mut applicant, &mut reviewer] {
        app.refresh(person).await;
    }
    let mine: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    let patched = app
        .client
        .patch(app.url(&format!("/api/v1/permit-requests/{id}")))
        .bearer_auth(&applicant.token)
        .header("If-Match", mine["etag"].as_str().expect("etag"))
        .json(&json!({"form_data": {"floors": 10}}))
        .send()
        .await
        .expect("answers");
    assert_eq!(patched.status(), 200);
    let incomplete = app.submit(&applicant, &id).await;
    assert_eq!(incomplete.status(), 422, "the form must be complete again");
    let fields: Vec<String> = problem(incomplete).await["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        fields.iter().any(|f| f == "form_data.address"),
        "{fields:?}"
    );
    let mine: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    let mut form = apz_form();
    form["floors"] = json!(10);
    let patched = app
        .save_form(&applicant, &id, mine["etag"].as_str().expect("etag"), &form)
        .await;
    assert_eq!(patched.status(), 200);
    let resumed: Value = app
        .submit(&applicant, &id)
        .await
        .json()
        .await
        .expect("JSON");
    // Paused Thursday → resumed next Tuesday: Fri, Sat, Mon, Tue = 4 working days.
    assert_eq!(resumed["due_on"], json!(monday + Duration::days(9 + 6)));
    assert_eq!(resumed["paused"], false);

    // The day before the due date the assignee is reminded, once.
    clock.set(noon(monday + Duration::days(14)));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let reminded = loop {
        app.refresh(&mut reviewer).await;
        let found = app
            .notices(&reviewer)
            .await
            .iter()
            .filter(|n| n["event"]["kind"] == "permit_deadline")
            .count();
        if found > 0 || std::time::Instant::now() > deadline {
            break found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(reminded, 1);
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    app.refresh(&mut reviewer).await;
    let reminders = app
        .notices(&reviewer)
        .await
        .iter()
        .filter(|n| n["event"]["kind"] == "permit_deadline")
        .count();
    assert_eq!(reminders, 1, "one reminder per due date");

    // Past the due date the request is overdue in the queue.
    clock.set(noon(monday + Duration::days(16)));
    app.refresh(&mut reviewer).await;
    let overdue: Value = app
        .get_as("/api/v1/permit-requests?overdue=true", &reviewer.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(overdue["items"][0]["id"], id.as_str());
    assert_eq!(overdue["items"][0]["overdue"], true);
}

/// `openssl cms -verify -inform DER` over `content`, trusting the test PKI's root and issuing CA.
fn openssl_cms_verifies(der: &[u8], content: &[u8]) {
    let dir = tempfile::tempdir().expect("a folder");
    let (p7s, data, chain) = (
        dir.path().join("decision.p7s"),
        dir.path().join("content.txt"),
        dir.path().join("chain.pem"),
    );
    std::fs::write(&p7s, der).expect("written");
    std::fs::write(&data, content).expect("written");
    let mut pem = std::fs::read(&pki().files.root_pem).expect("root");
    pem.extend(std::fs::read(&pki().files.issuing_pem).expect("issuing"));
    std::fs::write(&chain, pem).expect("written");
    let at = time::start().timestamp().to_string();
    let out = std::process::Command::new("openssl")
        .args([
            "cms", "-verify", "-inform", "DER", "-binary", "-purpose", "any",
        ])
        .args(["-attime", &at, "-CAfile"])
        .arg(&chain)
        .arg("-in")
        .arg(&p7s)
        .arg("-content")
        .arg(&data)
        .args(["-out", "/dev/null"])
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl cms -verify refused the decision signature: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text of a PDF, as `pdftotext` (Debian's poppler-utils) reads it.
fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("decision.pdf");
    std::fs::write(&path, pdf).expect("written");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}
