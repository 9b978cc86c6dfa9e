//! The catalogue as data the department edits, on SQLite and PostgreSQL: each edit is a numbered
//! version with its reason in the audit log; new requests follow the new version, and a request
//! already filed keeps the version it was filed under (here: its checklist when it is corrected).

use saulet_tests::{
    permits::{Cast, PDF, sketch_form},
    spawn_app,
};
use serde_json::{Value, json};

fn id(view: &Value) -> String {
    view["id"].as_str().expect("an id").to_owned()
}

#[tokio::test]
async fn an_edited_type_is_a_new_version_and_a_filed_request_keeps_the_one_it_was_filed_under() {
    let app = spawn_app().await;
    let Cast {
        applicant,
        reviewer,
        admin,
        ..
    } = app.cast().await;
    let filed = app.submitted_sketch(&applicant).await;
    let filed_id = id(&filed);
    assert_eq!(filed["type_version"], 1);
    // A draft begun under version 1 and not yet submitted.
    let early = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    assert_eq!(early["type_version"], 1);

    // The administrator adds a mandatory topographic survey to the checklist, with a reason.
    let mut definition: Value = app
        .get("/api/v1/permit-types/sketch-approval")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(definition["version"], 1);
    definition["organisation"] = json!("department");
    definition["approvals"] = json!([]);
    definition["documents"]
        .as_array_mut()
        .expect("documents")
        .push(json!({
            "code": "survey",
            "mandatory": true,
            "content_types": ["application/pdf"],
            "max_bytes": 10_485_760,
            "name": {"kk": "Топографиялық түсірілім", "ru": "Топографическая съёмка", "en": "Topographic survey"}
        }));
    let reason = "Топографиялық түсірілім міндетті болды";
    definition["reason"] = json!(reason);
    let put = app
        .send_json_as(
            reqwest::Method::PUT,
            "/api/v1/admin/permit-types/sketch-approval",
            &admin.token,
            Some(&definition),
        )
        .await;
    assert_eq!(put.status(), 200);
    let edited: Value = put.json().await.expect("JSON");
    assert_eq!(edited["version"], 2);
    let public: Value = app
        .get("/api/v1/permit-types/sketch-approval")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(public["version"], 2);

    // The unsent draft follows version 2 now, as its checks do, and says so.
    let early: Value = app
        .get_as(
            &format!("/api/v1/permit-requests/{}", id(&early)),
            &applicant.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(early["type_version"], 2, "{early}");

    // A new request follows version 2: without the survey it cannot be submitted.
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let new_id = id(&draft);
    assert_eq!(
        app.upload(&applicant, &new_id, "sketch", "эскиз.pdf", PDF)
            .await
            .status(),
        201
    );
    let incomplete = app.submit(&applicant, &new_id).await;
    assert_eq!(incomplete.status(), 422, "the survey is mandatory now");
    assert_eq!(
        app.upload(&applicant, &new_id, "survey", "түсірілім.pdf", PDF)
            .await
            .status(),
        201
    );
    let submitted = app.submit(&applicant, &new_id).await;
    assert_eq!(submitted.status(), 200);
    let submitted: Value = submitted.json().await.expect("JSON");
    assert_eq!(submitted["type_version"], 2);

    // The request filed before keeps version 1: sent back for corrections, it is resubmitted
    // without a survey, and its checklist has none.
    app.acted(
        &reviewer,
        &filed_id,
        "request-corrections",
        json!({"items": [{"message": "Қасбет түсін нақтылаңыз"}]}),
    )
    .await;
    let survey = app
        .upload(&applicant, &filed_id, "survey", "түсірілім.pdf", PDF)
        .await;
    assert_eq!(survey.status(), 422, "version 1 has no survey slot");
    let resubmitted = app.submit(&applicant, &filed_id).await;
    assert_eq!(resubmitted.status(), 200);
    let resubmitted: Value = resubmitted.json().await.expect("JSON");
    assert_eq!(resubmitted["type_version"], 1);
    assert_eq!(resubmitted["status"], "submitted");

    // The type's versions, newest first, with the requests filed under each.
    let versions: Value = app
        .get_as(
            "/api/v1/admin/permit-types/sketch-approval/versions",
            &admin.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(versions[0]["version"], 2, "{versions}");
    assert_eq!(versions[0]["reason"], reason);
    assert_eq!(versions[0]["requests"], 1);
    assert_eq!(versions[1]["version"], 1);
    assert_eq!(versions[1]["requests"], 1);
    let by_applicant = app
        .get_as(
            "/api/v1/admin/permit-types/sketch-approval/versions",
            &applicant.token,
        )
        .await;
    assert_eq!(by_applicant.status(), 403);

    // The edit is in the audit log, with its reason and version.
    let audit: Value = app
        .get_as(
            "/api/v1/admin/audit-events?action=permit_type.update",
            &admin.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    let items = audit["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{audit}");
    assert_eq!(items[0]["reason"], reason);
    assert_eq!(items[0]["details"]["version"], 2);
    assert_eq!(items[0]["actor_id"], admin.id.to_string());
}
