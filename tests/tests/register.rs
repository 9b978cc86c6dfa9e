//! The public register and the performance figures, on SQLite and PostgreSQL: decisions appear
//! as they are made, filterable by type, outcome, district and days, cursor-paged, as JSON and
//! CSV with `ETag`; a company is named, an individual is not (a test searches every answer for
//! the individual's IIN, name and address, and for the company employee's name); the figures
//! count what was received and decided, the working days it took and the share on time.

use chrono::{Datelike, Duration};
use saulet_api::clock::ManualClock;
use saulet_tests::{
    TestApp,
    permits::{Cast, Person, sketch_form},
    pki::pki,
    spawn_app_with_clock,
    time::{self, department_noon as noon},
};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

fn id(view: &Value) -> String {
    view["id"].as_str().expect("an id").to_owned()
}

async fn submitted(app: &TestApp, who: &Person, form: Value) -> String {
    let draft = app.draft(who, "sketch-approval", form).await;
    let id = id(&draft);
    let uploaded = app
        .upload(who, &id, "sketch", "эскиз.pdf", saulet_tests::permits::PDF)
        .await;
    assert_eq!(uploaded.status(), 201);
    let response = app.submit(who, &id).await;
    assert_eq!(response.status(), 200);
    id
}

async fn public(app: &TestApp, path: &str) -> (Value, String) {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let text = response.text().await.expect("a body");
    (serde_json::from_str(&text).expect("JSON"), text)
}

#[tokio::test]
async fn the_register_names_companies_never_individuals_and_the_figures_count_the_work() {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let Cast {
        applicant,
        stranger,
        mut reviewer,
        admin,
        ..
    } = app.cast().await;
    app.weekends_only(&admin, monday).await;

    // A company's request in Yesil district, issued on Thursday (3 working days).
    let mut company_form = sketch_form();
    company_form["district"] = json!("yesil");
    let company = submitted(&app, &applicant, company_form).await;
    // An individual's, with their home address, refused.
    let home = "Астана, Сарайшық көшесі 7, 12-пәтер";
    let individual = submitted(
        &app,
        &stranger,
        json!({"object_name": "Жеке тұрғын үй", "address": home, "apz_number": "APZ-2026-0099", "district": "nura"}),
    )
    .await;
    // A draft never submitted counts for nothing.
    app.draft(&applicant, "sketch-approval", sketch_form())
        .await;

    clock.set(noon(monday + Duration::days(3)));
    app.refresh(&mut reviewer).await;
    app.acted(&reviewer, &company, "accept", json!({})).await;
    assert_eq!(
        app.decide(&reviewer, &company, "permit").await.status(),
        200
    );
    app.acted(&reviewer, &individual, "accept", json!({})).await;
    app.signed_acted(
        &reviewer,
        &individual,
        "preliminary-refusal",
        json!({"grounds": ["apz_mismatch"], "text": "The facade exceeds the APZ's height."}),
    )
    .await;
    let mut stranger = stranger;
    app.refresh(&mut stranger).await;
    app.signed_acted(
        &stranger,
        &individual,
        "objection",
        json!({"reason": "No."}),
    )
    .await;
    clock.advance(Duration::hours(1));
    app.refresh(&mut reviewer).await;
    assert_eq!(
        app.decide(&reviewer, &individual, "refusal").await.status(),
        200
    );

    // The register: newest first; the company named, with its object, address and check code.
    let (page, text) = public(&app, "/api/v1/register").await;
    let items = page["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{page}");
    let (refusal, permit) = (&items[0], &items[1]);
    assert_eq!(refusal["outcome"], "refused");
    assert_eq!(permit["outcome"], "issued");
    assert_eq!(permit["holder"]["kind"], "company");
    assert!(
        permit["holder"]["name"]
            .as_str()
            .is_some_and(|n| n.contains("ҚҰРЫЛЫС")),
        "{permit}"
    );
    assert_eq!(permit["district"], "yesil");
    assert_eq!(permit["address"], sketch_form()["address"]);
    assert_eq!(permit["working_days"], 3);
    assert_eq!(permit["on_time"], true);
    assert_eq!(
        permit["decided_on"],
        (monday + Duration::days(3)).to_string()
    );
    assert_eq!(permit["type_name"]["en"], "Sketch design approval");
    // Each entry leads to its public check; a company's works with its code as it is.
    let url = permit["verify_url"].as_str().expect("a link");
    let (number, code) = url
        .trim_start_matches("/verify/")
        .split_once("?code=")
        .expect("number and code");
    let check = app
        .get(&format!("/api/v1/permits/{number}/verify?code={code}"))
        .await;
    assert_eq!(check.status(), 200);
    // The individual: unnamed, no address, no object; only the district. The check page asks
    // for the code on their paper.
    assert_eq!(
        refusal["holder"],
        json!({"kind": "individual", "name": null, "bin": null})
    );
    assert_eq!(refusal["address"], Value::Null);
    assert_eq!(refusal["object_name"], Value::Null);
    assert_eq!(refusal["district"], "nura");
    assert!(!refusal["verify_url"].as_str().unwrap_or("?").contains('?'));

    // No answer carries the individual's IIN, name or address, or the employee's own name.
    let (csv_text, etag) = {
        let response = app.get("/api/v1/register.csv").await;
        assert_eq!(response.status(), 200);
        let etag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .expect("an ETag");
        (response.text().await.expect("CSV"), etag)
    };
    let (figures, figures_text) = public(&app, "/api/v1/performance").await;
    let person = pki().user("second-individual");
    let employee = pki().user("employee");
    for answer in [&text, &csv_text, &figures_text] {
        for secret in [
            person.iin.as_str(),
            "ЖҰМАБАЕВА",
            "ГҮЛНАР",
            home,
            "Жеке тұрғын үй",
            employee.iin.as_str(),
            "БЕКОВА",
        ] {
            assert!(!answer.contains(secret), "{secret} in {answer}");
        }
    }

    // CSV: a header and the two rows; ETag answers 304 when nothing changed.
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(reader.headers().expect("a header").get(0), Some("number"));
    assert_eq!(reader.records().count(), 2);
    let again = app
        .client
        .get(app.url("/api/v1/register.csv"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .expect("an answer");
    assert_eq!(again.status(), 304);

    // Filters and the cursor.
    let count = |page: &Value| page["items"].as_array().map(Vec::len).unwrap_or_default();
    for (query, expected) in [
        ("outcome=issued", 1),
        ("district=nura", 1),
        ("type=sketch-approval", 2),
        ("type=redevelopment", 0),
        (&*format!("from={}", monday + Duration::days(3)), 2),
        (&*format!("to={}", monday + Duration::days(2)), 0),
    ] {
        let (page, _) = public(&app, &format!("/api/v1/register?{query}")).await;
        assert_eq!(count(&page), expected, "{query}");
    }
    let (first, _) = public(&app, "/api/v1/register?limit=1").await;
    assert_eq!(count(&first), 1);
    let cursor = first["next_cursor"].as_str().expect("a next page");
    let (second, _) = public(&app, &format!("/api/v1/register?limit=1&cursor={cursor}")).await;
    assert_eq!(second["items"][0]["outcome"], "issued");
    assert_eq!(second["next_cursor"], Value::Null);
    let paged = app.get("/api/v1/register.csv?limit=1").await;
    let link = paged
        .headers()
        .get("link")
        .and_then(|v| v.to_str().ok())
        .expect("a Link to the next page");
    assert!(
        link.contains("cursor=") && link.contains("rel=\"next\""),
        "{link}"
    );
    for bad in [
        "district=atlantis",
        "outcome=maybe",
        "from=2027-02-02&to=2027-02-01",
    ] {
        let response = app.get(&format!("/api/v1/register?{bad}")).await;
        assert_eq!(response.status(), 400, "{bad}");
    }

    // The figures: two received and decided this month, one each way, 3 working days each.
    let month = format!(
        "{:04}-{:02}",
        (monday + Duration::days(3)).year(),
        (monday + Duration::days(3)).month()
    );
    let sketch = figures["by_type"]
        .as_array()
        .expect("types")
        .iter()
        .find(|t| t["type"] == "sketch-approval")
        .expect("the sketch's figures");
    assert_eq!(sketch["decided"], 2, "{figures}");
    assert_eq!(sketch["issued"], 1);
    assert_eq!(sketch["refused"], 1);
    assert_eq!(sketch["median_working_days"], 3);
    assert_eq!(sketch["p90_working_days"], 3);
    assert_eq!(sketch["on_time_share"], 1.0);
    assert_eq!(sketch["corrections_rate"], 0.0);
    assert!(
        sketch["months"]
            .as_array()
            .expect("months")
            .iter()
            .any(|m| m["month"] == month && m["decided"] == 2)
    );
    let received: i64 = figures["months"]
        .as_array()
        .expect("months")
        .iter()
        .filter_map(|m| m["received"].as_i64())
        .sum();
    assert_eq!(received, 2, "a draft is not received: {figures}");
    let department = figures["by_organisation"]
        .as_array()
        .expect("organisations")
        .iter()
        .find(|o| o["code"] == "department")
        .expect("the department");
    assert_eq!(department["decided"], 2);
    let bad = app.get("/api/v1/performance?from=2027-13").await;
    assert_eq!(bad.status(), 400);

    // `saulet register rebuild` writes the same register and figures from the requests alone.
    for table in ["register_entries", "performance_months", "performance_days"] {
        app.db
            .execute(Statement::from_string(
                app.db.get_database_backend(),
                format!("DELETE FROM {table}"),
            ))
            .await
            .expect("emptied");
    }
    let (empty, _) = public(&app, "/api/v1/register").await;
    assert_eq!(count(&empty), 0);
    let done = saulet_api::permits::service::register_rebuild::rebuild(&app.db, 5)
        .await
        .expect("rebuilt");
    assert_eq!(done.entries_added, 2);
    let (rebuilt, _) = public(&app, "/api/v1/register").await;
    assert_eq!(rebuilt["items"], page["items"]);
    let (refigured, _) = public(&app, "/api/v1/performance").await;
    assert_eq!(refigured, figures);
}
