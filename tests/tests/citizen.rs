//! What a citizen and a reviewer are told, on SQLite and PostgreSQL: notices that lead to their
//! request and are read by opening it, a request for corrections that lists each item and the
//! day by which to answer, reviewers told of new and corrected work, a queue that marks what
//! changed since the reviewer last looked, the working days left, and one notice (one email)
//! for an approval issued at once.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use saulet_api::{
    clock::{ManualClock, display_date},
    i18n::Lang,
};
use saulet_tests::{
    TestApp,
    permits::{Cast, Person, sketch_form},
    spawn_app_with_clock,
    time::{self, department_noon as noon},
};
use serde_json::{Value, json};

fn id(view: &Value) -> String {
    view["id"].as_str().expect("an id").to_owned()
}

fn day(value: &Value) -> NaiveDate {
    value
        .as_str()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("a date: {value}"))
}

/// Working days after `from` up to and including `to`, on a calendar of weekends only.
fn weekdays_between(from: NaiveDate, to: NaiveDate) -> u64 {
    let mut count = 0;
    let mut d = from;
    while d < to {
        d += Duration::days(1);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            count += 1;
        }
    }
    count
}

async fn inbox(app: &TestApp, who: &Person) -> Value {
    app.get_as("/api/v1/notifications?limit=100", &who.token)
        .await
        .json()
        .await
        .expect("JSON")
}

fn of_kind<'a>(inbox: &'a Value, kind: &str) -> Vec<&'a Value> {
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|n| n["event"]["kind"] == kind)
        .collect()
}

/// The row that records which revision of request `id` `who` last received.
async fn view_row(
    app: &TestApp,
    who: &Person,
    id: &str,
) -> saulet_api::permits::entity::request_view::Model {
    use saulet_api::permits::entity::request_view;
    use sea_orm::EntityTrait;
    let request_id = uuid::Uuid::parse_str(id).expect("a request id");
    request_view::Entity::find_by_id((who.id, request_id))
        .one(&app.db)
        .await
        .expect("the database answers")
        .expect("a view row")
}

async fn queue_item(app: &TestApp, who: &Person, id: &str) -> Value {
    let page: Value = app
        .get_as("/api/v1/permit-requests", &who.token)
        .await
        .json()
        .await
        .expect("JSON");
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} in the queue: {page}"))
}

/// The first email to `address` whose text contains `needle`, waiting up to 10 s for it.
async fn mail_containing(
    app: &TestApp,
    address: &str,
    needle: &str,
) -> saulet_tests::smtp::ReceivedMessage {
    for _ in 0..200 {
        let found = app
            .emails_to(address, 0)
            .await
            .into_iter()
            .find(|m| m.text.as_deref().is_some_and(|t| t.contains(needle)));
        if let Some(mail) = found {
            return mail;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no email to {address} containing {needle}");
}

async fn open(app: &TestApp, who: &Person, id: &str) -> Value {
    let response = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &who.token)
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("JSON")
}

#[tokio::test]
async fn notices_lead_to_their_request_corrections_come_with_items_and_a_date_and_reviewers_hear_of_work()
 {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        reviewer,
        admin,
        ..
    } = app.cast().await;
    app.weekends_only(&admin, monday).await;

    let submitted = app.submitted_sketch(&applicant).await;
    let id = id(&submitted);
    let number = submitted["number"].as_str().expect("a number").to_owned();
    // The working days left run to the completeness check's last day.
    let intake_due = day(&submitted["intake_due"]);
    assert_eq!(
        submitted["working_days_left"],
        json!(weekdays_between(monday, intake_due))
    );

    // The reviewer is told, in the inbox and by email; the notice leads to the request.
    let reviewer_inbox = inbox(&app, &reviewer).await;
    let arrived = of_kind(&reviewer_inbox, "work_arrived");
    assert_eq!(arrived.len(), 1, "{reviewer_inbox}");
    assert_eq!(arrived[0]["event"]["resubmitted"], false);
    assert_eq!(arrived[0]["link"], format!("/requests/{id}"));
    assert_eq!(arrived[0]["read"], false);
    let mail = mail_containing(&app, &reviewer.email, &format!("/requests/{id}")).await;
    assert!(
        mail.subject
            .as_deref()
            .unwrap_or_default()
            .contains(&number)
    );
    // The queue marks it until the reviewer opens it; opening it reads the notice.
    assert_eq!(queue_item(&app, &reviewer, &id).await["changed"], true);
    open(&app, &reviewer, &id).await;
    assert_eq!(queue_item(&app, &reviewer, &id).await["changed"], false);
    // Opening it again a minute later writes nothing: the view of this revision stays as it was.
    let first_view = view_row(&app, &reviewer, &id).await;
    clock.advance(Duration::minutes(1));
    open(&app, &reviewer, &id).await;
    assert_eq!(view_row(&app, &reviewer, &id).await, first_view);
    assert_eq!(queue_item(&app, &reviewer, &id).await["changed"], false);
    let reviewer_inbox = inbox(&app, &reviewer).await;
    assert_eq!(of_kind(&reviewer_inbox, "work_arrived")[0]["read"], true);
    assert_eq!(reviewer_inbox["unread_count"], 0);

    // Corrections: the notice and the email list each item and the day by which to answer.
    app.acted(&reviewer, &id, "accept", json!({})).await;
    let asked = app
        .acted(
            &reviewer,
            &id,
            "request-corrections",
            json!({"items": [
                {"field": "apz_number", "message": "The APZ number does not exist"},
                {"message": "Sign the cover letter"}
            ], "comment": "Two things to fix"}),
        )
        .await;
    let answer_by = monday + Duration::days(14);
    assert_eq!(day(&asked["corrections_due"]), answer_by, "10 working days");
    assert_eq!(
        asked["working_days_left"],
        Value::Null,
        "the clock stands still"
    );
    let me: Value = app
        .get_as("/api/v1/accounts/me", &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    let lang = match me["language"].as_str() {
        Some("ru") => Lang::Ru,
        Some("en") => Lang::En,
        _ => Lang::Kk,
    };
    let applicant_inbox = inbox(&app, &applicant).await;
    let told = of_kind(&applicant_inbox, "permit_status_changed");
    let corrections = told
        .iter()
        .find(|n| n["event"]["status"] == "corrections_requested")
        .expect("the corrections notice");
    assert_eq!(corrections["link"], format!("/requests/{id}"));
    let body = corrections["body"].as_str().expect("a body");
    assert!(
        body.contains("The APZ number does not exist (apz_number)"),
        "{body}"
    );
    assert!(body.contains("Sign the cover letter"), "{body}");
    // In the account's language.
    assert!(body.contains(&display_date(answer_by, lang)), "{body}");
    let mail = mail_containing(&app, &applicant.email, "Sign the cover letter").await;
    let text = mail.text.as_deref().unwrap_or_default();
    assert!(text.contains("The APZ number does not exist"), "{text}");
    assert!(text.contains(&display_date(answer_by, lang)), "{text}");
    assert!(
        mail.subject
            .as_deref()
            .unwrap_or_default()
            .contains(&number)
    );

    // Opening the request reads every notice about it.
    assert!(inbox(&app, &applicant).await["unread_count"].as_u64() > Some(0));
    let mine = open(&app, &applicant, &id).await;
    assert_eq!(inbox(&app, &applicant).await["unread_count"], 0);

    // A corrected version reaches the reviewer, and the queue marks the request again.
    let mut form = sketch_form();
    form["apz_number"] = json!("APZ-2026-0018");
    let patched = app
        .save_form(&applicant, &id, mine["etag"].as_str().expect("etag"), &form)
        .await;
    assert_eq!(patched.status(), 200);
    let resubmitted = app.submit(&applicant, &id).await;
    assert_eq!(resubmitted.status(), 200);
    let reviewer_inbox = inbox(&app, &reviewer).await;
    let arrived = of_kind(&reviewer_inbox, "work_arrived");
    assert_eq!(arrived.len(), 2);
    assert_eq!(arrived[0]["event"]["resubmitted"], true, "newest first");
    assert_eq!(arrived[0]["read"], false);
    assert_eq!(queue_item(&app, &reviewer, &id).await["changed"], true);
    // The applicant's own list marks nothing the applicant has seen.
    assert_eq!(queue_item(&app, &applicant, &id).await["changed"], false);
}

#[tokio::test]
async fn an_approval_issued_at_once_is_one_notice_and_one_email() {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        reviewer,
        ..
    } = app.cast().await;
    let id = id(&app.submitted_sketch(&applicant).await);
    app.acted(&reviewer, &id, "accept", json!({})).await;
    let decided = app.decide(&reviewer, &id, "permit").await;
    assert_eq!(decided.status(), 200);
    let applicant_inbox = inbox(&app, &applicant).await;
    let statuses: Vec<&str> = of_kind(&applicant_inbox, "permit_status_changed")
        .iter()
        .filter_map(|n| n["event"]["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        ["issued", "in_review", "submitted"],
        "newest first"
    );
    // The history still keeps both steps.
    let history = saulet_tests::permits::statuses(&app.history(&applicant, &id).await);
    assert_eq!(history, ["submitted", "in_review", "approved", "issued"]);
    // The emails written for the applicant about the request: one per notice.
    use saulet_api::messaging::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let written = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq(applicant.email.as_str()))
        .filter(outbox::Column::Template.eq("permit_status_changed"))
        .count(&app.db)
        .await
        .expect("the outbox");
    assert_eq!(written, 3, "submitted, in review, issued");
}

#[tokio::test]
async fn more_time_asked_while_corrections_are_requested_moves_the_day_to_answer_when_granted() {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        reviewer,
        stranger,
        admin,
        ..
    } = app.cast().await;
    app.weekends_only(&admin, monday).await;
    let id = id(&app.submitted_sketch(&applicant).await);

    // Not before corrections are asked for.
    let early = app
        .act(
            &applicant,
            &id,
            "extension",
            json!({"days": 5, "reason": "Survey"}),
        )
        .await;
    assert_eq!(early.status(), 409);
    app.acted(&reviewer, &id, "accept", json!({})).await;
    let asked = app
        .acted(
            &reviewer,
            &id,
            "request-corrections",
            json!({"items": [{"message": "Attach the topographic survey"}]}),
        )
        .await;
    let first_due = day(&asked["corrections_due"]);
    assert_eq!(first_due, monday + Duration::days(14));
    let nothing_to_decide = !asked["actions"]
        .as_array()
        .expect("actions")
        .contains(&json!("decide_extension"));
    assert!(nothing_to_decide);

    // Bad asks are refused and leave nothing behind; a stranger's is not even seen.
    for (body, status) in [
        (json!({"days": 0, "reason": "Survey"}), 422),
        (json!({"days": 31, "reason": "Survey"}), 422),
        (json!({"days": 5, "reason": ""}), 422),
    ] {
        let response = app.act(&applicant, &id, "extension", body.clone()).await;
        assert_eq!(response.status(), status, "{body}");
    }
    let stranger_asks = app
        .act(
            &stranger,
            &id,
            "extension",
            json!({"days": 5, "reason": "Mine"}),
        )
        .await;
    assert_eq!(stranger_asks.status(), 404);

    // The applicant asks for five more working days; the reviewer is told.
    let mine = app
        .acted(
            &applicant,
            &id,
            "extension",
            json!({"days": 5, "reason": "The surveyor comes next week"}),
        )
        .await;
    assert_eq!(mine["extensions"][0]["status"], "pending");
    assert!(
        !mine["actions"]
            .as_array()
            .expect("actions")
            .contains(&json!("ask_extension"))
    );
    let twice = app
        .act(
            &applicant,
            &id,
            "extension",
            json!({"days": 3, "reason": "Again"}),
        )
        .await;
    assert_eq!(twice.status(), 409);
    let reviewer_inbox = inbox(&app, &reviewer).await;
    let asked_notice = of_kind(&reviewer_inbox, "extension_asked");
    assert_eq!(asked_notice.len(), 1);
    assert_eq!(asked_notice[0]["body"], "The surveyor comes next week");
    assert_eq!(asked_notice[0]["link"], format!("/requests/{id}"));

    // Only the routed staff decide; a refusal needs a reason.
    let by_applicant = app
        .act(
            &applicant,
            &id,
            "extension/decision",
            json!({"grant": true}),
        )
        .await;
    assert_eq!(by_applicant.status(), 403);
    let no_reason = app
        .act(
            &reviewer,
            &id,
            "extension/decision",
            json!({"grant": false}),
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let view = open(&app, &reviewer, &id).await;
    assert!(
        view["actions"]
            .as_array()
            .expect("actions")
            .contains(&json!("decide_extension"))
    );
    let granted = app
        .acted(&reviewer, &id, "extension/decision", json!({"grant": true}))
        .await;
    // Five working days after the old day (a Monday): the next Monday.
    let new_due = first_due + Duration::days(7);
    assert_eq!(day(&granted["corrections_due"]), new_due);
    assert_eq!(granted["extensions"][0]["status"], "granted");
    // Answered once: a second answer (another reviewer's a moment later) is refused and moves
    // nothing.
    let again = app
        .act(&reviewer, &id, "extension/decision", json!({"grant": true}))
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(
        day(&open(&app, &reviewer, &id).await["corrections_due"]),
        new_due
    );
    let history = app.history(&applicant, &id).await;
    let actions: Vec<&str> = history
        .iter()
        .filter_map(|h| h["action"].as_str())
        .collect();
    assert!(
        actions.ends_with(&["extension_requested", "extension_granted"]),
        "{actions:?}"
    );
    // The applicant is told the new day, in their language.
    let applicant_inbox = inbox(&app, &applicant).await;
    let decided = of_kind(&applicant_inbox, "extension_decided");
    assert_eq!(decided.len(), 1);
    assert_eq!(decided[0]["event"]["granted"], true);
    assert_eq!(day(&decided[0]["event"]["answer_by"]), new_due);

    // A second ask may be refused, with its reason; the day stays.
    app.acted(
        &applicant,
        &id,
        "extension",
        json!({"days": 10, "reason": "More"}),
    )
    .await;
    let refused = app
        .acted(
            &reviewer,
            &id,
            "extension/decision",
            json!({"grant": false, "comment": "The survey takes three days"}),
        )
        .await;
    assert_eq!(day(&refused["corrections_due"]), new_due);
    assert_eq!(refused["extensions"][1]["status"], "refused");
    assert_eq!(
        refused["extensions"][1]["decision_comment"],
        "The survey takes three days"
    );
    // Nothing left to decide.
    let nothing = app
        .act(&reviewer, &id, "extension/decision", json!({"grant": true}))
        .await;
    assert_eq!(nothing.status(), 409);
}

/// Follows the verification link of `who`'s first email.
async fn verify_email(app: &TestApp, who: &Person) {
    let emails = app.emails_to(&who.email, 1).await;
    let token = saulet_tests::link_parameter(&emails[0], "token").expect("a verification link");
    let verified = app
        .post_json("/api/v1/auth/email/verify", &json!({"token": token}))
        .await;
    assert_eq!(verified.status(), 200);
}

#[tokio::test]
async fn a_co_applicant_edits_the_draft_that_only_the_applicant_signs() {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        stranger: designer,
        reviewer,
        ..
    } = app.cast().await;
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = id(&draft);
    assert!(
        draft["actions"]
            .as_array()
            .expect("actions")
            .contains(&json!("invite"))
    );

    // Bad invitations are refused and leave nothing behind.
    let invite = |who: &Person, email: &str| {
        let path = format!("/api/v1/permit-requests/{id}/co-applicants");
        let token = who.token.clone();
        let body = json!({"email": email});
        let app = &app;
        async move { app.post_as(&path, &token, &body).await }
    };
    assert_eq!(invite(&applicant, "not an address").await.status(), 422);
    assert_eq!(
        invite(&applicant, &applicant.email.to_uppercase())
            .await
            .status(),
        422
    );
    assert_eq!(invite(&designer, "someone@example.kz").await.status(), 404);
    assert_eq!(invite(&reviewer, "someone@example.kz").await.status(), 404);

    // The applicant invites the designer, who is told.
    let invited = invite(&applicant, &designer.email.to_uppercase()).await;
    assert_eq!(invited.status(), 201);
    let invited: Value = invited.json().await.expect("JSON");
    assert_eq!(invited["email"], designer.email.to_lowercase());
    assert_eq!(invite(&applicant, &designer.email).await.status(), 409);
    let designer_inbox = inbox(&app, &designer).await;
    let told = of_kind(&designer_inbox, "co_applicant_invited");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["link"], format!("/requests/{id}"));
    // Someone with no account yet is invited by email.
    let outsider = invite(&applicant, "architect@studio.kz").await;
    assert_eq!(outsider.status(), 201);
    let mail = mail_containing(&app, "architect@studio.kz", &format!("/requests/{id}")).await;
    assert!(
        mail.text
            .as_deref()
            .unwrap_or_default()
            .contains("sketch-approval test")
    );

    // Until the designer's address is verified, the draft stays out of sight.
    let unverified = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &designer.token)
        .await;
    assert_eq!(unverified.status(), 404);
    verify_email(&app, &designer).await;

    // Now the designer sees it in their list, edits the form and adds a document…
    assert_eq!(queue_item(&app, &designer, &id).await["status"], "draft");
    let seen = open(&app, &designer, &id).await;
    let actions = seen["actions"].as_array().expect("actions");
    assert!(actions.contains(&json!("edit")), "{actions:?}");
    assert!(!actions.contains(&json!("submit")) && !actions.contains(&json!("invite")));
    assert_eq!(seen["co_applicants"].as_array().map(Vec::len), Some(2));
    let mut form = sketch_form();
    form["apz_number"] = json!("APZ-2026-0099");
    let edited = app
        .save_form(&designer, &id, seen["etag"].as_str().expect("etag"), &form)
        .await;
    assert_eq!(edited.status(), 200);
    let uploaded = app
        .upload(
            &designer,
            &id,
            "sketch",
            "эскиз.pdf",
            saulet_tests::permits::PDF,
        )
        .await;
    assert_eq!(uploaded.status(), 201);

    // …but cannot submit, withdraw or invite; the applicant signs and submits what they made.
    let digest: Value = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/digest"),
            &applicant.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    let digest = digest["digest"].as_str().expect("a digest");
    let signature = saulet_tests::pki::pki().sign(
        designer.pki,
        saulet_api::eds::KeyPurpose::Signing,
        digest.as_bytes(),
    );
    let by_designer = app
        .post_as(
            &format!("/api/v1/permit-requests/{id}/submit"),
            &designer.token,
            &json!({"digest": digest, "signature": signature}),
        )
        .await;
    assert_eq!(by_designer.status(), 403);
    assert_eq!(invite(&designer, "third@example.kz").await.status(), 403);
    let submitted = app.submit(&applicant, &id).await;
    assert_eq!(submitted.status(), 200);
    let submitted: Value = submitted.json().await.expect("JSON");
    assert_eq!(submitted["form_data"]["apz_number"], "APZ-2026-0099");
    assert_eq!(submitted["status"], "submitted");
    // Submitted, it is no longer theirs to edit.
    let late = app
        .upload(
            &designer,
            &id,
            "sketch",
            "late.pdf",
            saulet_tests::permits::PDF,
        )
        .await;
    assert_eq!(late.status(), 409);

    // The history keeps who was invited.
    let history = app.history(&applicant, &id).await;
    let actions: Vec<&str> = history
        .iter()
        .filter_map(|h| h["action"].as_str())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "co_applicant_invited")
            .count(),
        2,
        "{actions:?}"
    );

    // Taken back, the invitation ends the designer's access.
    let member = invited["id"].as_str().expect("an id");
    let removed = app
        .client
        .delete(app.url(&format!(
            "/api/v1/permit-requests/{id}/co-applicants/{member}"
        )))
        .bearer_auth(&applicant.token)
        .send()
        .await
        .expect("answers");
    assert_eq!(removed.status(), 204);
    let gone = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &designer.token)
        .await;
    assert_eq!(gone.status(), 404);
}
