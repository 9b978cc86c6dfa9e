//! Deemed approval (Law No. 202-V «On Permits and Notifications», Art. 25), on SQLite and
//! PostgreSQL: an organisation that leaves its approval task unanswered past its period in
//! working days is deemed to have approved, at the period's end and not a second before; the
//! department's seal signs an act saying so, which verifies like any other; the applicant, the
//! assignee and the organisation's staff are told; the request can then be decided.

use chrono::{Duration, NaiveTime, TimeZone};
use saulet_api::{clock::ManualClock, permits::calendar::Calendar};
use saulet_tests::{
    TestApp,
    permits::{PDF, apz_form},
    pki::pki,
    spawn_app_with_clock,
    time::{self, department_noon as noon},
};
use serde_json::{Value, json};

async fn view(app: &TestApp, token: &str, id: &str) -> Value {
    app.get_as(&format!("/api/v1/permit-requests/{id}"), token)
        .await
        .json()
        .await
        .expect("JSON")
}

fn task<'a>(request: &'a Value, organisation: &str) -> &'a Value {
    request["tasks"]
        .as_array()
        .unwrap_or_else(|| panic!("tasks: {request}"))
        .iter()
        .find(|t| t["organisation"]["code"] == organisation)
        .unwrap_or_else(|| panic!("a task of {organisation}: {request}"))
}

#[tokio::test]
async fn an_organisation_silent_past_its_period_is_deemed_to_approve_by_a_sealed_act() {
    // A Monday near the start instant, at noon in the department: the period is counted from it.
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |c| {
        c.permits.reminder_interval_secs = 1;
    })
    .await;
    let mut cast = app.cast().await;
    let draft = app.draft(&cast.applicant, "apz-tu", apz_form()).await;
    let id = draft["id"].as_str().expect("an id").to_owned();
    for slot in ["land_title", "topographic_survey"] {
        let uploaded = app
            .upload(&cast.applicant, &id, slot, "документ.pdf", PDF)
            .await;
        assert_eq!(uploaded.status(), 201);
    }
    assert_eq!(app.submit(&cast.applicant, &id).await.status(), 200);
    app.acted(&cast.reviewer, &id, "accept", json!({})).await;

    // The period: ten working days (the type's `approval_days`) after the acceptance day, by the
    // shipped calendar (its data files, and the holidays fixed by law in the years they do not
    // cover); it ends at the department's midnight after its last day.
    let types: Value = app
        .get_as("/api/v1/permit-types/apz-tu", &cast.applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(types["approval_days"], 10);
    let last_day = Calendar::shipped().add_working_days(monday, 10);
    let ends = time::department_offset()
        .from_local_datetime(&(last_day + Duration::days(1)).and_time(NaiveTime::MIN))
        .single()
        .expect("an instant")
        .to_utc();
    let accepted = view(&app, &cast.applicant.token, &id).await;
    for organisation in ["water", "power"] {
        let t = task(&accepted, organisation);
        assert_eq!(t["status"], "pending");
        assert_eq!(t["deemed"], false);
        let due: chrono::DateTime<chrono::Utc> =
            serde_json::from_value(t["due_at"].clone()).expect("a due instant");
        assert_eq!(due, ends, "{organisation}'s period ends at {ends}");
    }

    // The water utility answers in time; the power utility says nothing.
    let water_task = task(&accepted, "water")["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let conditions = TestApp::technical_conditions("ТУ: водопровод d=150 мм");
    let answered = app
        .answer_task(
            &cast.water,
            &id,
            &water_task,
            "approve",
            None,
            Some(("ту.pdf", &conditions)),
        )
        .await;
    assert_eq!(answered.status(), 200);

    // A second before the end: still pending, and no decision can be made.
    clock.set(ends - Duration::seconds(1));
    // Two weeks on, the access tokens have expired: the people refresh them.
    for who in [&mut cast.applicant, &mut cast.reviewer, &mut cast.power] {
        app.refresh(who).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let before = view(&app, &cast.applicant.token, &id).await;
    assert_eq!(task(&before, "power")["status"], "pending");
    assert_eq!(
        app.decide(&cast.reviewer, &id, "permit").await.status(),
        409
    );

    // At the end: deemed approved, decided at the period's end.
    clock.set(ends);
    let mut deemed = Value::Null;
    for _ in 0..100 {
        let now = view(&app, &cast.applicant.token, &id).await;
        if task(&now, "power")["status"] == "approved" {
            deemed = now;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let power = task(&deemed, "power");
    assert_eq!(power["deemed"], true, "{deemed}");
    let decided: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(power["decided_at"].clone()).expect("an instant");
    assert_eq!(decided, ends);
    assert_eq!(task(&deemed, "water")["deemed"], false);

    // The history says so, without a person acting.
    let history = app.history(&cast.applicant, &id).await;
    let entry = history
        .iter()
        .find(|h| h["action"] == "task_deemed_approved")
        .unwrap_or_else(|| panic!("a history entry: {history:?}"));
    assert!(entry["actor"].is_null(), "{entry}");
    assert_eq!(entry["data"]["sealed"], true);

    // The act: signed by the department's seal, verifying like any other.
    let acts: Value = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/acts"),
            &cast.applicant.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    let act = acts
        .as_array()
        .expect("acts")
        .iter()
        .find(|a| a["kind"] == "deemed-approval")
        .unwrap_or_else(|| panic!("a deemed-approval act: {acts}"));
    assert_eq!(act["verification"], "valid-at-signing-time", "{act}");
    assert_eq!(act["certificate_serial"], pki().user("seal").sign.serial,);

    // Everyone involved is told: in the app and by email.
    for who in [&cast.applicant, &cast.reviewer, &cast.power] {
        let told = app
            .notices(who)
            .await
            .iter()
            .filter(|n| n["event"]["kind"] == "approval_deemed")
            .count();
        assert_eq!(told, 1, "{} is told once", who.email);
    }
    let mut emailed = false;
    for _ in 0..150 {
        emailed = app.smtp.messages().iter().any(|m| {
            m.to.contains(&cast.applicant.email)
                && m.text
                    .as_deref()
                    .is_some_and(|t| t.contains("Article 25") || t.contains("статье 25"))
        });
        if emailed {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(emailed, "the applicant is emailed");

    // Every approval is in: the request can be decided.
    assert_eq!(
        app.decide(&cast.reviewer, &id, "permit").await.status(),
        200
    );
}
