//! The back office, on SQLite and PostgreSQL: administrators grant and take away roles (with a
//! reason, audited, told to the person, effective on their next call); reviewers share out work
//! (a reassignment needs a reason, lands in the history and is told to the reviewers); the team
//! sees each person's load; the audit log filters and exports as CSV.

use chrono::{Datelike, Duration};
use saulet_api::clock::ManualClock;
use saulet_tests::{
    TestApp,
    permits::{Cast, Person},
    problem, spawn_app_with_clock,
    time::{self, department_noon as noon},
};
use serde_json::{Value, json};

fn id(view: &Value) -> String {
    view["id"].as_str().expect("an id").to_owned()
}

async fn json_of(response: reqwest::Response) -> Value {
    response.json().await.expect("JSON")
}

async fn set_role(app: &TestApp, admin: &Person, who: &Person, body: Value) -> reqwest::Response {
    app.send_json_as(
        reqwest::Method::PUT,
        &format!("/api/v1/admin/accounts/{}/role", who.id),
        &admin.token,
        Some(&body),
    )
    .await
}

async fn notices(app: &TestApp, who: &Person, kind: &str) -> Vec<Value> {
    let inbox = json_of(
        app.get_as("/api/v1/notifications?limit=100", &who.token)
            .await,
    )
    .await;
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|n| n["event"]["kind"] == kind)
        .cloned()
        .collect()
}

/// The first email to `address` whose text contains `needle`, waiting up to 10 s for it.
async fn mail_containing(app: &TestApp, address: &str, needle: &str) -> String {
    for _ in 0..200 {
        let found = app
            .emails_to(address, 0)
            .await
            .into_iter()
            .filter_map(|m| m.text)
            .find(|t| t.contains(needle));
        if let Some(text) = found {
            return text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no email to {address} containing {needle}");
}

async fn staff_status(app: &TestApp, who: &Person) -> u16 {
    app.get_as("/api/v1/organisations/department/staff", &who.token)
        .await
        .status()
        .as_u16()
}

#[tokio::test]
async fn an_administrator_grants_and_takes_away_a_role_with_a_reason_audited_told_and_at_once() {
    let clock = ManualClock::new(noon(time::next_monday()));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        reviewer, admin, ..
    } = app.cast().await;
    let lead = app.person("lead", "timur@saulet.kz", None).await;
    let reason = "Тимур қараушылар тобына 1 желтоқсаннан қосылды";

    // Before: an applicant, not staff.
    assert_eq!(staff_status(&app, &lead).await, 403);

    // Refused, and nothing changes: no reason, a reviewer without an organisation's
    // certificate, the same role, the administrator's own role, and anyone but an administrator.
    let no_reason = set_role(&app, &admin, &lead, json!({"role": "reviewer"})).await;
    assert_eq!(no_reason.status(), 422);
    let individual = set_role(
        &app,
        &admin,
        &applicant_individual(&app).await,
        json!({"role": "reviewer", "reason": reason}),
    )
    .await;
    assert_eq!(individual.status(), 422);
    let body = problem(individual).await;
    assert_eq!(body["errors"][0]["field"], "role", "{body}");
    let same = set_role(
        &app,
        &admin,
        &lead,
        json!({"role": "applicant", "reason": reason}),
    )
    .await;
    assert_eq!(same.status(), 409);
    let own = set_role(
        &app,
        &admin,
        &admin,
        json!({"role": "reviewer", "reason": reason}),
    )
    .await;
    assert_eq!(own.status(), 409);
    let by_reviewer = set_role(
        &app,
        &reviewer,
        &lead,
        json!({"role": "reviewer", "reason": reason}),
    )
    .await;
    assert_eq!(by_reviewer.status(), 403);
    assert_eq!(staff_status(&app, &lead).await, 403);

    // Granted: the same token now works as staff (the account is read on every call).
    let granted = set_role(
        &app,
        &admin,
        &lead,
        json!({"role": "reviewer", "reason": reason}),
    )
    .await;
    assert_eq!(granted.status(), 200);
    assert_eq!(json_of(granted).await["role"], "reviewer");
    assert_eq!(staff_status(&app, &lead).await, 200);

    // Told in-app and by email, with the reason.
    let told = notices(&app, &lead, "role_changed").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["event"]["role"], "reviewer");
    assert_eq!(told[0]["event"]["reason"], reason);
    let mail = mail_containing(&app, "timur@saulet.kz", reason).await;
    assert!(
        mail.contains("Өтінімдерді қараушы")
            || mail.contains("Рассматривающий")
            || mail.contains("Reviewer"),
        "{mail}"
    );

    // Audited: who, whom, from what to what, and why; and in the account's own history.
    let audit = json_of(
        app.get_as(
            &format!(
                "/api/v1/admin/audit-events?action=account.role&account={}",
                lead.id
            ),
            &admin.token,
        )
        .await,
    )
    .await;
    let items = audit["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{audit}");
    assert_eq!(items[0]["actor_id"], admin.id.to_string());
    assert_eq!(items[0]["reason"], reason);
    assert_eq!(items[0]["details"]["from"], "applicant");
    assert_eq!(items[0]["details"]["to"], "reviewer");
    assert!(
        items[0]["target_name"]
            .as_str()
            .is_some_and(|n| n.contains("ТИМУР")),
        "{audit}"
    );
    let changes = json_of(app.get_as("/api/v1/accounts/me/changes", &lead.token).await).await;
    assert!(
        changes.to_string().contains("\"field\":\"role\""),
        "{changes}"
    );

    // Taken away: staff routes refuse the same token at once.
    let revoked = set_role(
        &app,
        &admin,
        &lead,
        json!({"role": "applicant", "reason": "Басқа бөлімге ауысты"}),
    )
    .await;
    assert_eq!(revoked.status(), 200);
    assert_eq!(staff_status(&app, &lead).await, 403);
    assert_eq!(notices(&app, &lead, "role_changed").await.len(), 2);
}

/// An individual (no BIN) registered as an applicant.
async fn applicant_individual(app: &TestApp) -> Person {
    app.person("individual", "asan@mail.kz", None).await
}

#[tokio::test]
async fn reviewers_share_out_work_with_reasons_in_the_history_and_the_team_sees_each_load() {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        reviewer,
        water,
        mut admin,
        ..
    } = app.cast().await;
    let lead = app
        .person(
            "lead",
            "timur@saulet.kz",
            Some(saulet_api::accounts::entity::account::Role::Reviewer),
        )
        .await;
    let first = id(&app.submitted_sketch(&applicant).await);
    let second = id(&app.submitted_sketch(&applicant).await);

    // A reviewer learns which organisation they work for; an applicant has none.
    let mine = json_of(app.get_as("/api/v1/organisations/mine", &lead.token).await).await;
    assert_eq!(mine["code"], "department");
    let water_mine = json_of(app.get_as("/api/v1/organisations/mine", &water.token).await).await;
    assert_eq!(water_mine["code"], "water");
    let none = app
        .get_as("/api/v1/organisations/mine", &applicant.token)
        .await;
    assert_eq!(none.status(), 404);

    // Both are unassigned; the team's view says so.
    let staff = json_of(
        app.get_as("/api/v1/organisations/department/staff", &lead.token)
            .await,
    )
    .await;
    assert_eq!(staff["unassigned"], 2, "{staff}");
    assert_eq!(staff["today"], monday.to_string());
    let names: Vec<&str> = staff["staff"]
        .as_array()
        .expect("staff")
        .iter()
        .filter_map(|m| m["email"].as_str())
        .collect();
    assert!(
        names.contains(&"timur@saulet.kz") && names.contains(&"dinara@saulet.kz"),
        "{staff}"
    );
    let unassigned = json_of(
        app.get_as("/api/v1/permit-requests?assignee=none", &lead.token)
            .await,
    )
    .await;
    assert_eq!(unassigned["items"].as_array().map(Vec::len), Some(2));

    // The lead gives the first to Dinara: she is told, by notice and email.
    let to_dinara = app
        .act(&lead, &first, "assign", json!({"assignee_id": reviewer.id}))
        .await;
    assert_eq!(to_dinara.status(), 200);
    let told = notices(&app, &reviewer, "request_assigned").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["event"]["to_you"], true);
    assert_eq!(told[0]["link"], format!("/requests/{first}"));

    // Taking it from her needs a reason; without one nothing changes.
    let no_reason = app
        .act(&lead, &first, "assign", json!({"assignee_id": lead.id}))
        .await;
    assert_eq!(no_reason.status(), 422);
    assert_eq!(problem(no_reason).await["errors"][0]["field"], "reason");
    let again = app
        .act(
            &lead,
            &first,
            "assign",
            json!({"assignee_id": reviewer.id, "reason": "Қайта"}),
        )
        .await;
    assert_eq!(again.status(), 409);
    // Staff of another organisation cannot be given it.
    let to_water = app
        .act(
            &lead,
            &first,
            "assign",
            json!({"assignee_id": water.id, "reason": "Су"}),
        )
        .await;
    assert_eq!(to_water.status(), 422);

    let reason = "Динара демалыста, 14 желтоқсанға дейін";
    let taken = app
        .act(&lead, &first, "assign", json!({"reason": reason}))
        .await;
    assert_eq!(taken.status(), 200);
    let taken = json_of(taken).await;
    assert_eq!(taken["assignee_id"], lead.id.to_string());

    // The history keeps who passed it to whom and why; Dinara is told it left her.
    let history = app.history(&lead, &first).await;
    let handover = history
        .iter()
        .rev()
        .find(|h| h["action"] == "assign")
        .expect("the assignment in the history");
    assert_eq!(handover["comment"], reason);
    assert_eq!(
        handover["data"]["previous_assignee_id"],
        reviewer.id.to_string()
    );
    let told = notices(&app, &reviewer, "request_assigned").await;
    assert_eq!(told.len(), 2, "{told:?}");
    let left = told
        .iter()
        .find(|n| n["event"]["to_you"] == false)
        .expect("the notice that it left her");
    assert_eq!(left["event"]["reason"], reason);
    assert!(
        left["title"].as_str().is_some_and(|t| t.contains("ТИМУР")),
        "{left}"
    );
    mail_containing(&app, "dinara@saulet.kz", reason).await;
    // The lead acted, so the lead is not told of their own step.
    assert!(notices(&app, &lead, "request_assigned").await.is_empty());

    // The second goes to Dinara; a week later, before its intake period ends, it is due this
    // week; after the period it is overdue. The team's view counts both, per person.
    assert_eq!(
        app.act(&reviewer, &second, "assign", json!({}))
            .await
            .status(),
        200
    );
    let due_by = |day: chrono::NaiveDate| {
        format!("/api/v1/permit-requests?assignee=me&overdue=false&due_by={day}")
    };
    let sunday = monday + Duration::days(6);
    let this_week = json_of(app.get_as(&due_by(sunday), &reviewer.token).await).await;
    assert_eq!(
        this_week["items"].as_array().map(Vec::len),
        Some(1),
        "{this_week}"
    );
    let yesterday = json_of(
        app.get_as(&due_by(monday - Duration::days(1)), &reviewer.token)
            .await,
    )
    .await;
    assert_eq!(yesterday["items"].as_array().map(Vec::len), Some(0));
    let load = |staff: &Value, email: &str| {
        staff["staff"]
            .as_array()
            .expect("staff")
            .iter()
            .find(|m| m["email"] == email)
            .cloned()
            .unwrap_or_else(|| panic!("{email} in {staff}"))
    };
    let staff = json_of(
        app.get_as("/api/v1/organisations/department/staff", &admin.token)
            .await,
    )
    .await;
    assert_eq!(staff["unassigned"], 0);
    let dinara = load(&staff, "dinara@saulet.kz");
    assert_eq!(
        (&dinara["open"], &dinara["overdue"]),
        (&json!(1), &json!(0))
    );
    assert_eq!(dinara["due_this_week"], 1, "{staff}");
    assert_eq!(load(&staff, "timur@saulet.kz")["open"], 1);

    // Only the organisation's own staff and administrators see it.
    for outsider in [&applicant, &water] {
        assert_eq!(staff_status(&app, outsider).await, 403);
    }
    let unknown = app
        .get_as("/api/v1/organisations/nowhere/staff", &admin.token)
        .await;
    assert_eq!(unknown.status(), 404);

    clock.set(noon(monday + Duration::days(14)));
    app.refresh(&mut admin).await;
    let later = json_of(
        app.get_as("/api/v1/organisations/department/staff", &admin.token)
            .await,
    )
    .await;
    let dinara = load(&later, "dinara@saulet.kz");
    assert_eq!(dinara["overdue"], 1, "{later}");
    assert_eq!(dinara["due_this_week"], 0, "{later}");
    assert!(
        later["today"]
            .as_str()
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
            .is_some_and(|d| d.weekday() == chrono::Weekday::Mon)
    );
}

#[tokio::test]
async fn the_audit_log_filters_by_actor_action_and_day_and_exports_as_csv() {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        stranger,
        mut admin,
        ..
    } = app.cast().await;
    let block = |admin: &Person, who: &Person, reason: &str| {
        let path = format!("/api/v1/admin/accounts/{}/block", who.id);
        let body = json!({"reason": reason});
        let token = admin.token.clone();
        let app = &app;
        async move { app.post_as(&path, &token, &body).await.status() }
    };
    // A reason a spreadsheet would run as a formula.
    assert_eq!(
        block(&admin, &applicant, "=HYPERLINK(\"http://evil\")").await,
        200
    );
    clock.set(noon(monday + Duration::days(1)));
    app.refresh(&mut admin).await;
    assert_eq!(block(&admin, &stranger, "Жалған құжаттар").await, 200);

    let list = |query: String| {
        let token = admin.token.clone();
        let app = &app;
        async move {
            json_of(
                app.get_as(&format!("/api/v1/admin/audit-events?{query}"), &token)
                    .await,
            )
            .await["items"]
                .as_array()
                .cloned()
                .expect("items")
        }
    };
    let blocks = list("action=account.block".into()).await;
    assert_eq!(blocks.len(), 2);
    let family = list(format!("action=account.&actor={}", admin.id)).await;
    assert!(family.len() >= 2);
    assert!(family.iter().all(|e| {
        e["action"]
            .as_str()
            .is_some_and(|a| a.starts_with("account."))
    }));
    let first_day = list(format!("action=account.block&from={monday}&to={monday}")).await;
    assert_eq!(first_day.len(), 1);
    assert_eq!(first_day[0]["target_account_id"], applicant.id.to_string());
    let bad = app
        .get_as("/api/v1/admin/audit-events?action=x%25", &admin.token)
        .await;
    assert_eq!(bad.status(), 400);
    let reversed = app
        .get_as(
            &format!(
                "/api/v1/admin/audit-events?from={}&to={monday}",
                monday + Duration::days(1)
            ),
            &admin.token,
        )
        .await;
    assert_eq!(reversed.status(), 400);

    // The export: CSV with a header, every matching row, formulas written as text.
    let export = app
        .get_as(
            "/api/v1/admin/audit-events/export?action=account.block",
            &admin.token,
        )
        .await;
    assert_eq!(export.status(), 200);
    assert!(
        export
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))
    );
    let text = export.text().await.expect("CSV");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header[..5],
        ["id", "created_at", "actor_id", "actor_name", "action"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 2, "{text}");
    let reason_at = header.iter().position(|h| h == "reason").expect("reason");
    let reasons: Vec<&str> = rows.iter().filter_map(|r| r.get(reason_at)).collect();
    assert!(reasons.contains(&"'=HYPERLINK(\"http://evil\")"), "{text}");
    assert!(reasons.contains(&"Жалған құжаттар"), "{text}");
    // Newest first.
    assert_eq!(rows[0].get(reason_at), Some("Жалған құжаттар"));

    // Administrators only; a bad filter is refused before any byte.
    let by_user = app
        .get_as("/api/v1/admin/audit-events/export", &applicant.token)
        .await;
    assert!(matches!(by_user.status().as_u16(), 401 | 403));
    let bad = app
        .get_as(
            "/api/v1/admin/audit-events/export?action=DROP",
            &admin.token,
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert_eq!(problem(bad).await["type"], "invalid-query");
}

#[tokio::test]
async fn the_audit_log_keeps_the_client_address_a_trusted_proxy_forwarded_and_no_forged_one() {
    let clock = ManualClock::new(noon(time::next_monday()));
    // The tests call from 127.0.0.1: first as a trusted proxy, then as anyone.
    let app = spawn_app_with_clock(clock.clone(), |c| {
        c.server.trusted_proxies = vec!["127.0.0.0/8".into()];
    })
    .await;
    let Cast { admin, .. } = app.cast().await;
    let lead = app.person("lead", "timur@saulet.kz", None).await;
    let role_change = |role: &str| {
        app.client
            .put(format!(
                "{}/api/v1/admin/accounts/{}/role",
                app.address, lead.id
            ))
            .bearer_auth(&admin.token)
            .header("X-Forwarded-For", "198.51.100.1, 203.0.113.9")
            .json(&json!({"role": role, "reason": "Тимур қараушылар тобына қосылды"}))
    };
    assert_eq!(
        role_change("reviewer")
            .send()
            .await
            .expect("answers")
            .status(),
        200
    );
    let events = json_of(
        app.get_as(
            &format!(
                "/api/v1/admin/audit-events?action=account.role&account={}",
                lead.id
            ),
            &admin.token,
        )
        .await,
    )
    .await;
    let event = &events["items"][0];
    assert_eq!(event["client_address"], "203.0.113.9", "{event}");
    assert_eq!(event["client_forwarded"], true);
    let csv = app
        .get_as(
            "/api/v1/admin/audit-events/export?action=account.role",
            &admin.token,
        )
        .await
        .text()
        .await
        .expect("text");
    assert!(
        csv.lines()
            .next()
            .is_some_and(|h| h.ends_with(",client_address,client_forwarded")),
        "{csv}"
    );
    assert!(csv.contains(",203.0.113.9,true"), "{csv}");

    // Without trusted proxies the same header is the client's own word and is ignored.
    let plain = saulet_tests::spawn_app_with_clock(clock, |_| {}).await;
    let Cast { admin, .. } = plain.cast().await;
    let lead = plain.person("lead", "timur@saulet.kz", None).await;
    let changed = plain
        .client
        .put(format!(
            "{}/api/v1/admin/accounts/{}/role",
            plain.address, lead.id
        ))
        .bearer_auth(&admin.token)
        .header("X-Forwarded-For", "203.0.113.9")
        .json(&json!({"role": "reviewer", "reason": "Тимур қараушылар тобына қосылды"}))
        .send()
        .await
        .expect("answers");
    assert_eq!(changed.status(), 200);
    let events = json_of(
        plain
            .get_as(
                "/api/v1/admin/audit-events?action=account.role",
                &admin.token,
            )
            .await,
    )
    .await;
    assert_eq!(events["items"][0]["client_address"], "127.0.0.1");
    assert_eq!(events["items"][0]["client_forwarded"], false);
}

/// The ids of the requests a list answer holds.
fn ids_of(list: &Value) -> Vec<String> {
    let mut ids: Vec<String> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(id)
        .collect();
    ids.sort();
    ids
}

/// The requests no one holds, as `reader` sees them.
async fn unassigned_ids(app: &TestApp, reader: &Person) -> Vec<String> {
    let list = json_of(
        app.get_as("/api/v1/permit-requests?assignee=none", &reader.token)
            .await,
    )
    .await;
    ids_of(&list)
}

/// An administrator's decision on an account (`block`, `unblock`, …), with its reason.
async fn decide(app: &TestApp, admin: &Person, who: &Person, action: &str, reason: &str) -> u16 {
    app.send_json_as(
        reqwest::Method::POST,
        &format!("/api/v1/admin/accounts/{}/{action}", who.id),
        &admin.token,
        Some(&json!({ "reason": reason })),
    )
    .await
    .status()
    .as_u16()
}

/// The last step of a request's history, as `reader` reads it.
async fn last_step(app: &TestApp, reader: &Person, request: &str) -> Value {
    let history = app.history(reader, request).await;
    history.last().cloned().expect("a history")
}

#[tokio::test]
async fn a_reviewer_who_stops_reviewing_hands_their_open_work_back_to_the_team() {
    let clock = ManualClock::new(noon(time::next_monday()));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        reviewer,
        admin,
        ..
    } = app.cast().await;
    let lead = app
        .person(
            "lead",
            "timur@saulet.kz",
            Some(saulet_api::accounts::entity::account::Role::Reviewer),
        )
        .await;
    let first = id(&app.submitted_sketch(&applicant).await);
    let second = id(&app.submitted_sketch(&applicant).await);
    let withdrawn = id(&app.submitted_sketch(&applicant).await);
    for request in [&first, &second, &withdrawn] {
        let taken = app.act(&reviewer, request, "assign", json!({})).await;
        assert_eq!(taken.status(), 200);
    }
    let gone = app.act(&applicant, &withdrawn, "withdraw", json!({})).await;
    assert_eq!(gone.status(), 200);
    assert!(unassigned_ids(&app, &lead).await.is_empty());

    // Dinara moves to another department: an administrator takes her role away.
    let reason = "Басқа бөлімге ауысты";
    let revoked = set_role(
        &app,
        &admin,
        &reviewer,
        json!({"role": "applicant", "reason": reason}),
    )
    .await;
    assert_eq!(revoked.status(), 200);

    // Her two open requests are back in the team's queue; the withdrawn one still says who held it.
    let mut open = vec![first.clone(), second.clone()];
    open.sort();
    assert_eq!(unassigned_ids(&app, &lead).await, open);
    let kept = json_of(
        app.get_as(&format!("/api/v1/permit-requests/{withdrawn}"), &lead.token)
            .await,
    )
    .await;
    assert_eq!(kept["assignee_id"], reviewer.id.to_string(), "{kept}");
    let staff = json_of(
        app.get_as("/api/v1/organisations/department/staff", &lead.token)
            .await,
    )
    .await;
    assert_eq!(staff["unassigned"], 2, "{staff}");

    // Each request's history records the step, by whom and why, but not the administrator's
    // reason: the applicant reads that history.
    for request in [&first, &second] {
        let history = app.history(&applicant, request).await;
        let step = history
            .iter()
            .find(|h| h["action"] == "unassign")
            .unwrap_or_else(|| panic!("the release in {history:?}"));
        assert_eq!(
            step["data"]["previous_assignee_id"],
            reviewer.id.to_string()
        );
        assert_eq!(step["data"]["why"], "role_changed");
        assert_eq!(step["actor_id"], admin.id.to_string(), "{step}");
        assert!(step["comment"].is_null(), "{step}");
        assert_eq!(step["from_status"], step["to_status"], "{step}");
        assert!(!json!(history).to_string().contains(reason));
    }

    // Timur, who stays, is told of each, in-app and by email; the applicant hears nothing of it.
    let told = notices(&app, &lead, "work_released").await;
    let mut links: Vec<String> = told
        .iter()
        .filter_map(|n| n["link"].as_str().map(str::to_owned))
        .collect();
    links.sort();
    let expected: Vec<String> = open.iter().map(|r| format!("/requests/{r}")).collect();
    assert_eq!(links, expected, "{told:?}");
    mail_containing(&app, "timur@saulet.kz", "no longer reviews requests").await;
    assert!(notices(&app, &applicant, "work_released").await.is_empty());
    assert!(notices(&app, &reviewer, "work_released").await.is_empty());

    // Timur takes the first; when his account is blocked it goes back to the queue too, and
    // with no reviewer left, no one is told.
    let taken = app.act(&lead, &first, "assign", json!({})).await;
    assert_eq!(taken.status(), 200);
    assert_eq!(unassigned_ids(&app, &lead).await, vec![second.clone()]);
    let blocked = decide(&app, &admin, &lead, "block", "Еңбек шарты аяқталды").await;
    assert_eq!(blocked, 200);
    assert_eq!(unassigned_ids(&app, &admin).await, open);
    let last = last_step(&app, &applicant, &first).await;
    assert_eq!(last["action"], "unassign");
    assert_eq!(last["data"]["why"], "account_blocked");
    assert_eq!(last["data"]["previous_assignee_id"], lead.id.to_string());

    // Unblocked, Timur takes the second and then closes his own account: it goes back as well,
    // the step his own.
    let unblocked = decide(&app, &admin, &lead, "unblock", "Шарт ұзартылды").await;
    assert_eq!(unblocked, 200);
    let mut lead = lead;
    app.refresh(&mut lead).await;
    let taken = app.act(&lead, &second, "assign", json!({})).await;
    assert_eq!(taken.status(), 200);
    let closed = app
        .send_json_as(
            reqwest::Method::DELETE,
            "/api/v1/accounts/me",
            &lead.token,
            Some(&json!({"password": saulet_tests::PASSWORD})),
        )
        .await;
    assert_eq!(closed.status(), 204);
    assert_eq!(unassigned_ids(&app, &admin).await, open);
    let last = last_step(&app, &applicant, &second).await;
    assert_eq!(last["action"], "unassign");
    assert_eq!(last["data"]["why"], "account_closed");
    assert_eq!(last["actor_id"], lead.id.to_string());
}
