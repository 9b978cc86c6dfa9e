//! Who may see and do what with permit requests, on SQLite and PostgreSQL, and the checks on
//! uploaded files: every permit endpoint as the owner, a colleague of the same company,
//! another applicant, staff of the routed organisation, staff of another organisation and an
//! administrator; 404 wherever the request must stay invisible.

use saulet_tests::{
    TestApp,
    permits::{Cast, EXE, PDF, PNG, Person, apz_form, sketch_form},
    problem, spawn_app,
};
use serde_json::{Value, json};
use sha2::Digest;

fn id(view: &Value) -> String {
    view["id"].as_str().expect("an id").to_owned()
}

/// The status of `method path` for each of `people`.
async fn statuses(
    app: &TestApp,
    people: &[&Person],
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Vec<u16> {
    let mut out = Vec::new();
    for person in people {
        let response = app
            .send_json_as(method.clone(), path, &person.token, body.as_ref())
            .await;
        out.push(response.status().as_u16());
    }
    out
}

fn six(cast: &Cast) -> [&Person; 6] {
    [
        &cast.applicant,
        &cast.colleague,
        &cast.stranger,
        &cast.reviewer,
        &cast.water,
        &cast.admin,
    ]
}

#[tokio::test]
async fn every_permit_endpoint_answers_each_kind_of_person_as_it_should() {
    use reqwest::Method as M;
    let app = spawn_app().await;
    let cast = app.cast().await;
    let people = six(&cast);
    // Order: owner, colleague, stranger, routed staff, other organisation's staff, admin.
    let not_staff = [
        &cast.applicant,
        &cast.colleague,
        &cast.stranger,
        &cast.water,
        &cast.admin,
    ];
    let not_applicant = [&cast.stranger, &cast.reviewer, &cast.water, &cast.admin];

    // A draft is the applicant side's alone.
    let draft = app
        .draft(&cast.applicant, "sketch-approval", sketch_form())
        .await;
    let draft_id = id(&draft);
    let path = format!("/api/v1/permit-requests/{draft_id}");
    assert_eq!(
        statuses(&app, &people, M::GET, &path, None).await,
        [200, 200, 404, 404, 404, 404]
    );
    assert_eq!(
        statuses(&app, &people, M::GET, &format!("{path}/digest"), None).await,
        [200, 200, 404, 404, 404, 404]
    );
    let upload = |who: &Person| {
        let who = who.clone();
        let path = draft_id.clone();
        let app = &app;
        async move {
            app.upload(&who, &path, "sketch", "s.pdf", PDF)
                .await
                .status()
                .as_u16()
        }
    };
    let mut uploads = Vec::new();
    for person in people {
        uploads.push(upload(person).await);
    }
    assert_eq!(uploads, [201, 201, 404, 404, 404, 404]);

    // Only applicants apply.
    let create = json!({"type_code": "sketch-approval"});
    let created = statuses(
        &app,
        &people,
        M::POST,
        "/api/v1/permit-requests",
        Some(create),
    )
    .await;
    assert_eq!(created, [201, 201, 201, 403, 403, 403]);

    // Submitted: staff of the routed organisation and administrators see it too.
    let submitted = app.submitted_sketch(&cast.applicant).await;
    let sid = id(&submitted);
    let path = format!("/api/v1/permit-requests/{sid}");
    for sub in ["", "/history", "/versions"] {
        assert_eq!(
            statuses(&app, &people, M::GET, &format!("{path}{sub}"), None).await,
            [200, 200, 404, 200, 404, 200],
            "GET {sub}"
        );
    }
    let doc = submitted["documents"][0]["id"]
        .as_str()
        .expect("a document")
        .to_owned();
    assert_eq!(
        statuses(
            &app,
            &people,
            M::GET,
            &format!("{path}/documents/{doc}"),
            None
        )
        .await,
        [200, 200, 404, 200, 404, 200]
    );
    assert_eq!(
        statuses(
            &app,
            &people,
            M::DELETE,
            &format!("{path}/documents/{doc}"),
            None
        )
        .await,
        [409, 409, 404, 403, 404, 403],
        "a submitted document stays"
    );
    // The applicant side cannot review; staff of another organisation cannot see it.
    for (action, body) in [
        ("assign", json!({})),
        ("return", json!({"reason": "x"})),
        (
            "preliminary-refusal/statement",
            json!({"grounds": ["false_data"], "text": "x"}),
        ),
        (
            "preliminary-refusal",
            json!({"grounds": ["false_data"], "text": "x", "digest": "0".repeat(64), "signature": "x"}),
        ),
        ("decision-draft", json!({"kind": "permit"})),
        (
            "approve",
            json!({"decision_id": uuid::Uuid::nil(), "signature": "x"}),
        ),
        (
            "refuse",
            json!({"decision_id": uuid::Uuid::nil(), "signature": "x"}),
        ),
    ] {
        let answers = statuses(
            &app,
            &not_staff,
            M::POST,
            &format!("{path}/{action}"),
            Some(body),
        )
        .await;
        assert_eq!(answers, [403, 403, 404, 404, 403], "{action}");
    }
    // Staff may not act for the applicant.
    for (action, body) in [
        ("withdraw", json!({})),
        ("objection/statement", json!({"reason": "x"})),
        (
            "objection",
            json!({"reason": "x", "digest": "0".repeat(64), "signature": "x"}),
        ),
    ] {
        let answers = statuses(
            &app,
            &not_applicant,
            M::POST,
            &format!("{path}/{action}"),
            Some(body),
        )
        .await;
        assert_eq!(answers, [404, 403, 404, 403], "{action}");
    }
    let patch = statuses(
        &app,
        &not_applicant,
        M::PATCH,
        &path,
        Some(json!({"title": "x"})),
    )
    .await;
    assert_eq!(patch, [404, 403, 404, 403]);
    let accepted = statuses(
        &app,
        &people,
        M::POST,
        &format!("{path}/accept"),
        Some(json!({})),
    )
    .await;
    assert_eq!(accepted, [403, 403, 404, 200, 404, 403]);

    // Lists show each person only what they may see.
    let listed = |who: &Person| {
        let app = &app;
        let token = who.token.clone();
        async move {
            let body: Value = app
                .get_as("/api/v1/permit-requests?limit=100", &token)
                .await
                .json()
                .await
                .expect("JSON");
            body["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|r| r["id"].as_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert!(listed(&cast.colleague).await.contains(&draft_id));
    assert!(
        listed(&cast.stranger)
            .await
            .iter()
            .all(|i| *i != sid && *i != draft_id)
    );
    assert!(listed(&cast.water).await.is_empty());
    let staff = listed(&cast.reviewer).await;
    assert!(staff.contains(&sid) && !staff.contains(&draft_id));
    let admin = listed(&cast.admin).await;
    assert!(admin.contains(&sid) && !admin.contains(&draft_id));

    // An approving organisation sees the request once its task exists, and acts on its task only.
    let apz = app.draft(&cast.applicant, "apz-tu", apz_form()).await;
    let apz_id = id(&apz);
    for slot in ["land_title", "topographic_survey"] {
        assert_eq!(
            app.upload(&cast.applicant, &apz_id, slot, "d.pdf", PDF)
                .await
                .status(),
            201
        );
    }
    assert_eq!(app.submit(&cast.applicant, &apz_id).await.status(), 200);
    let in_review = app
        .acted(&cast.reviewer, &apz_id, "accept", json!({}))
        .await;
    let water_task = in_review["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["organisation"]["code"] == "water")
        .and_then(|t| t["id"].as_str())
        .expect("the water task")
        .to_owned();
    let task_path = format!("/api/v1/permit-requests/{apz_id}/tasks/{water_task}/answer");
    let answers = statuses(
        &app,
        &people,
        M::POST,
        &task_path,
        Some(json!({"verdict": "decline", "comment": "Not enough pressure"})),
    )
    .await;
    assert_eq!(answers, [403, 403, 404, 403, 200, 403]);
    assert_eq!(
        statuses(
            &app,
            &people,
            M::GET,
            &format!("/api/v1/permit-requests/{apz_id}"),
            None
        )
        .await,
        [200, 200, 404, 200, 200, 200]
    );

    // Catalogue and calendar administration is for administrators.
    let definition: Value = app
        .get("/api/v1/permit-types/address-certificate")
        .await
        .json()
        .await
        .expect("JSON");
    let mut update = definition.clone();
    update["organisation"] = json!("department");
    update["approvals"] = json!([]);
    let put_type = statuses(
        &app,
        &people,
        M::PUT,
        "/api/v1/admin/permit-types/address-certificate",
        Some(update),
    )
    .await;
    assert_eq!(put_type, [403, 403, 403, 403, 403, 200]);
    let put_calendar = statuses(
        &app,
        &people,
        M::PUT,
        "/api/v1/admin/calendar/2027",
        Some(json!({"days": []})),
    )
    .await;
    assert_eq!(put_calendar, [403, 403, 403, 403, 403, 200]);

    // Nobody unauthenticated.
    for path in [
        format!("/api/v1/permit-requests/{sid}"),
        "/api/v1/permit-requests".to_owned(),
    ] {
        assert_eq!(app.get(&path).await.status(), 401);
    }
}

#[tokio::test]
async fn renamed_programs_wrong_types_empty_and_oversized_files_are_refused_and_leave_nothing() {
    let app = spawn_app().await;
    let admin = app
        .person(
            "admin",
            "admin@saulet.kz",
            Some(saulet_api::accounts::entity::account::Role::Admin),
        )
        .await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    // The administrator lowers the sketch's size limit to 1 KiB.
    let mut definition: Value = app
        .get("/api/v1/permit-types/sketch-approval")
        .await
        .json()
        .await
        .expect("JSON");
    definition["organisation"] = json!("department");
    definition["approvals"] = json!([]);
    definition["documents"][0]["max_bytes"] = json!(1024);
    let put = app
        .send_json_as(
            reqwest::Method::PUT,
            "/api/v1/admin/permit-types/sketch-approval",
            &admin.token,
            Some(&definition),
        )
        .await;
    assert_eq!(
        put.status(),
        200,
        "{}",
        put.text().await.unwrap_or_default()
    );

    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = id(&draft);
    let big = {
        let mut pdf = PDF.to_vec();
        pdf.resize(4096, b' ');
        pdf
    };
    for (name, bytes, status, slug) in [
        ("план.pdf", EXE.to_vec(), 415, "unsupported-file-type"),
        ("plan.pdf", PNG.to_vec(), 415, "unsupported-file-type"),
        ("пустой.pdf", Vec::new(), 422, "empty-file"),
        ("big.pdf", big, 413, "payload-too-large"),
        (
            "script.pdf",
            b"#!/bin/sh\necho pwned\n".to_vec(),
            415,
            "unsupported-file-type",
        ),
    ] {
        let response = app.upload(&applicant, &id, "sketch", name, &bytes).await;
        assert_eq!(response.status(), status, "{name}");
        let body = problem(response).await;
        assert_eq!(body["type"], slug, "{name}: {body}");
        assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()));
    }
    let unknown_slot = app
        .upload(&applicant, &id, "no-such-slot", "a.pdf", PDF)
        .await;
    assert_eq!(unknown_slot.status(), 422);

    // Nothing was recorded and nothing is left on disk.
    let view: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(view["documents"], json!([]));
    let left = saulet_tests::files_under(&app.data_dir.path().join("documents"));
    assert!(left.is_empty(), "left behind: {left:?}");

    // A good file is stored once, served with its type and name, and removable in the draft.
    let good = app
        .upload(&applicant, &id, "sketch", "../../эскиз.pdf", PDF)
        .await;
    assert_eq!(good.status(), 201);
    let good: Value = good.json().await.expect("JSON");
    assert_eq!(good["content_type"], "application/pdf");
    assert_eq!(good["file_name"], "эскиз.pdf");
    let download = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{id}/documents/{}",
                good["id"].as_str().expect("id")
            ),
            &applicant.token,
        )
        .await;
    assert_eq!(download.headers()["content-type"], "application/pdf");
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(
        disposition.starts_with("attachment") && disposition.contains("UTF-8''"),
        "{disposition}"
    );
    assert_eq!(download.bytes().await.expect("bytes").as_ref(), PDF);
    let removed = app
        .send_json_as(
            reqwest::Method::DELETE,
            &format!(
                "/api/v1/permit-requests/{id}/documents/{}",
                good["id"].as_str().expect("id")
            ),
            &applicant.token,
            None,
        )
        .await;
    assert_eq!(removed.status(), 204);
    let left: Vec<_> = saulet_tests::files_under(&app.data_dir.path().join("documents"));
    assert!(left.is_empty(), "an unreferenced draft file goes: {left:?}");
}

#[tokio::test]
async fn the_catalogue_is_public_and_an_invalid_definition_is_refused() {
    let app = spawn_app().await;
    let types: Value = app
        .get("/api/v1/permit-types")
        .await
        .json()
        .await
        .expect("JSON");
    let codes: Vec<&str> = types
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|t| t["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "apz-tu",
            "sketch-approval",
            "redevelopment",
            "address-certificate",
            "outdoor-advertising"
        ]
    );
    let apz = &types[0];
    assert_eq!(apz["review_days"], 6);
    assert_eq!(apz["approvals"].as_array().map(Vec::len), Some(2));
    assert!(apz["form_schema"]["properties"]["cadastral_number"].is_object());
    let fields: Vec<&String> = apz["form_schema"]["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .collect();
    assert_eq!(
        fields[0], "object_name",
        "the author's order is kept: {fields:?}"
    );
    assert_eq!(app.get("/api/v1/permit-types/nope").await.status(), 404);
    let orgs: Value = app
        .get("/api/v1/organisations")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(orgs.as_array().map(Vec::len), Some(3));
    let calendar: Value = app
        .get("/api/v1/calendar/2026")
        .await
        .json()
        .await
        .expect("JSON");
    assert!(
        calendar
            .as_array()
            .expect("days")
            .iter()
            .any(|d| d["date"] == "2026-03-23" && d["kind"] == "holiday")
    );

    let admin = app
        .person(
            "admin",
            "admin@saulet.kz",
            Some(saulet_api::accounts::entity::account::Role::Admin),
        )
        .await;
    let mut bad = apz.clone();
    bad["organisation"] = json!("department");
    bad["approvals"] = json!(["water", "nowhere"]);
    bad["review_days"] = json!(0);
    bad["documents"][0]["content_types"] = json!(["application/x-msdownload"]);
    let refused = app
        .send_json_as(
            reqwest::Method::PUT,
            "/api/v1/admin/permit-types/apz-tu",
            &admin.token,
            Some(&bad),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let unchanged: Value = app
        .get("/api/v1/permit-types/apz-tu")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(unchanged["review_days"], 6, "nothing changed");
}

#[tokio::test]
async fn the_personal_data_export_lists_my_requests_with_their_files_and_versions_and_no_one_elses()
{
    let app = spawn_app().await;
    let cast = app.cast().await;
    let submitted = app.submitted_sketch(&cast.applicant).await;
    let draft = app.draft(&cast.applicant, "apz-tu", apz_form()).await;
    app.submitted_sketch(&cast.colleague).await;
    app.submitted_sketch(&cast.stranger).await;

    let export = app
        .get_as("/api/v1/accounts/me/export", &cast.applicant.token)
        .await;
    assert_eq!(export.status(), 200);
    let export: Value = export.json().await.expect("JSON");
    let requests = export["permit_requests"].as_array().expect("a list");
    let ids: Vec<&str> = requests.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        [id(&draft), id(&submitted)],
        "mine only, newest first: not the colleague's, not the stranger's"
    );
    let sent = &requests[1];
    assert_eq!(sent["number"], submitted["number"]);
    assert_eq!(sent["status"], "submitted");
    assert_eq!(sent["form_data"], sketch_form());
    let documents = sent["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0]["file_name"], "эскиз.pdf");
    assert_eq!(
        documents[0]["sha256"],
        hex::encode(sha2::Sha256::digest(PDF))
    );
    let versions = sent["versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0]["no"], 1);
    assert_eq!(
        versions[0]["signer_serial"],
        saulet_tests::pki::pki()
            .user("employee")
            .sign
            .serial
            .as_str()
    );
    assert_eq!(
        requests[0]["versions"],
        json!([]),
        "a draft has no signed version"
    );
    assert!(!export["sessions"].as_array().expect("sessions").is_empty());
    assert_eq!(
        export["certificates"]
            .as_array()
            .expect("certificates")
            .len(),
        1,
        "the AUTH certificate bound at registration"
    );
}

#[tokio::test]
async fn a_page_size_outside_its_range_is_refused_not_silently_changed() {
    let app = spawn_app().await;
    let cast = app.cast().await;
    for (path, max) in [
        ("/api/v1/permit-requests", 100),
        ("/api/v1/notifications", 100),
        ("/api/v1/accounts/me/changes", 200),
    ] {
        for wrong in [0, max + 1] {
            let refused = app
                .get_as(&format!("{path}?limit={wrong}"), &cast.applicant.token)
                .await;
            assert_eq!(refused.status(), 400, "{path}?limit={wrong}");
            let body = problem(refused).await;
            assert_eq!(body["type"], "invalid-query");
            assert!(
                body["detail"]
                    .as_str()
                    .is_some_and(|d| d.contains(&format!("from 1 to {max}"))),
                "{body}"
            );
        }
        let fine = app
            .get_as(&format!("{path}?limit={max}"), &cast.applicant.token)
            .await;
        assert_eq!(fine.status(), 200, "{path}?limit={max}");
    }
}

#[tokio::test]
async fn who_may_call_is_decided_before_the_body_is_read() {
    let app = spawn_app().await;
    let cast = app.cast().await;
    let draft = app
        .draft(&cast.applicant, "sketch-approval", sketch_form())
        .await;
    let request = id(&draft);
    let bad = json!({"comment": 5, "unknown": true});

    // An applicant with a bad body on an administrator's operation: 403, not 422.
    let admin_only = app
        .send_json_as(
            reqwest::Method::PUT,
            "/api/v1/admin/permit-types/sketch-approval",
            &cast.applicant.token,
            Some(&json!({"code": 5})),
        )
        .await;
    assert_eq!(problem(admin_only).await["type"], "forbidden");
    // The administrator with the same body learns what is wrong with it.
    let by_admin = app
        .send_json_as(
            reqwest::Method::PUT,
            "/api/v1/admin/permit-types/sketch-approval",
            &cast.admin.token,
            Some(&json!({"code": 5})),
        )
        .await;
    assert_eq!(by_admin.status(), 422);

    // A stranger with a bad body on another person's request: 404, as with a good one.
    let path = format!("/api/v1/permit-requests/{request}/withdraw");
    let stranger = app.post_as(&path, &cast.stranger.token, &bad).await;
    assert_eq!(stranger.status(), 404);
    let not_json = app
        .client
        .post(app.url(&path))
        .bearer_auth(&cast.stranger.token)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("an answer");
    assert_eq!(not_json.status(), 404);
    // The owner is told about the body.
    let owner = app.post_as(&path, &cast.applicant.token, &bad).await;
    assert_eq!(owner.status(), 422);
    // A token that is no longer good: 401 before anything else.
    let signed_out = app.post_as(&path, "not-a-token", &bad).await;
    assert_eq!(signed_out.status(), 401);
}

#[tokio::test]
async fn in_an_s3_bucket_a_document_is_kept_under_its_hash_and_refused_uploads_leave_nothing() {
    let garage = saulet_tests::garage::Garage::start().await;
    let settings = garage.settings();
    let app = saulet_tests::spawn_app_with(move |c| c.permits.s3 = Some(settings)).await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let request = id(&draft);

    let uploaded = app
        .upload(&applicant, &request, "sketch", "эскиз.pdf", PDF)
        .await;
    assert_eq!(uploaded.status(), 201);
    let uploaded: Value = uploaded.json().await.expect("JSON");
    let sha256 = hex::encode(sha2::Sha256::digest(PDF));
    assert_eq!(
        garage.objects().await,
        [format!("{}/{sha256}", &sha256[..2])],
        "one object, named by its hash"
    );
    let read = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{request}/documents/{}",
                id(&uploaded)
            ),
            &applicant.token,
        )
        .await;
    assert_eq!(read.status(), 200);
    assert_eq!(read.bytes().await.expect("bytes").as_ref(), PDF);

    for (name, bytes, status) in [
        ("план.pdf", EXE.to_vec(), 415),
        ("plan.pdf", PNG.to_vec(), 415),
        ("пустой.pdf", Vec::new(), 422),
        ("script.pdf", b"#!/bin/sh\necho pwned\n".to_vec(), 415),
    ] {
        let response = app
            .upload(&applicant, &request, "sketch", name, &bytes)
            .await;
        assert_eq!(response.status(), status, "{name}");
    }
    assert_eq!(
        garage.objects().await,
        [format!("{}/{sha256}", &sha256[..2])],
        "refused uploads left no object, temporary or not"
    );
    let local = saulet_tests::files_under(&app.data_dir.path().join("documents"));
    assert!(local.is_empty(), "nothing in the local folder: {local:?}");

    // The store goes down: reading the document and uploading another are refused with a 503
    // the client may retry, in the reader's language, each saying which (not a 500, and not
    // after minutes of retries).
    drop(garage);
    let document = format!(
        "/api/v1/permit-requests/{request}/documents/{}",
        id(&uploaded)
    );
    let read = app
        .client
        .get(app.url(&document))
        .bearer_auth(&applicant.token)
        .header("accept-language", "ru")
        .send()
        .await
        .expect("an answer");
    assert_eq!(read.status(), 503);
    let body = problem(read).await;
    assert_eq!(body["type"], "service-unavailable", "{body}");
    assert!(
        body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("Хранилище документов сейчас недоступно")),
        "{body}"
    );
    let upload = app
        .upload(&applicant, &request, "sketch", "эскиз-2.pdf", PDF)
        .await;
    assert_eq!(upload.status(), 503);
    let body = problem(upload).await;
    assert_eq!(body["type"], "service-unavailable", "{body}");
    assert!(
        body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("cannot take files now")),
        "{body}"
    );
}

#[tokio::test]
async fn each_reader_pages_through_the_requests_it_may_see_newest_first() {
    let app = spawn_app().await;
    let Cast {
        applicant,
        colleague,
        stranger,
        reviewer,
        admin,
        ..
    } = app.cast().await;
    let older = id(&app.submitted_sketch(&applicant).await);
    let newer = id(&app.submitted_sketch(&colleague).await);
    let theirs = id(&app.submitted_sketch(&stranger).await);
    for (reader, expected) in [
        // The company's two (one each), not the stranger's.
        (&applicant, vec![&newer, &older]),
        (&colleague, vec![&newer, &older]),
        (&stranger, vec![&theirs]),
        (&reviewer, vec![&theirs, &newer, &older]),
        (&admin, vec![&theirs, &newer, &older]),
    ] {
        let mut seen = Vec::new();
        let mut path = "/api/v1/permit-requests?limit=1".to_owned();
        loop {
            let page: Value = app
                .get_as(&path, &reader.token)
                .await
                .json()
                .await
                .expect("JSON");
            seen.extend(page["items"].as_array().expect("items").iter().map(id));
            match page["next_cursor"].as_str() {
                Some(cursor) => {
                    path = format!("/api/v1/permit-requests?limit=1&cursor={cursor}");
                }
                None => break,
            }
        }
        assert_eq!(
            seen.iter().collect::<Vec<_>>(),
            expected,
            "{}",
            reader.email
        );
    }
}
