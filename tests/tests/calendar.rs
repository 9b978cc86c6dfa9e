//! The working-day calendar has no silent gaps, on SQLite and PostgreSQL: a year without its data
//! counts on the holidays fixed by law and its due dates are provisional; an administrator's edit
//! changes new due dates only (audited); from 1 October administrators are told, once, that next
//! year has no verified calendar.

use chrono::{Datelike, Duration, NaiveDate};
use saulet_api::clock::ManualClock;
use saulet_tests::{
    TestApp,
    permits::{Cast, Person},
    spawn_app_with_clock,
    time::{self, department_noon as noon, department_year},
};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

fn day(value: &Value) -> NaiveDate {
    value
        .as_str()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("a date: {value}"))
}

/// Removes what the database knows of `years`, as if the calendar had never been entered.
async fn forget_years(app: &TestApp, years: &[i32]) {
    for year in years {
        for sql in [
            format!("DELETE FROM calendar_years WHERE year = {year}"),
            format!(
                "DELETE FROM calendar_days WHERE day >= '{year}-01-01' AND day <= '{year}-12-31'"
            ),
        ] {
            app.db
                .execute(Statement::from_string(app.db.get_database_backend(), sql))
                .await
                .expect("the rows are removed");
        }
    }
}

async fn put_year(app: &TestApp, admin: &Person, year: i32, days: Value) {
    let response = app
        .send_json_as(
            reqwest::Method::PUT,
            &format!("/api/v1/admin/calendar/{year}"),
            &admin.token,
            Some(&json!({ "days": days })),
        )
        .await;
    assert_eq!(response.status(), 200, "calendar {year}");
}

async fn submitted(app: &TestApp, who: &Person) -> Value {
    let id = app.submitted_sketch(who).await["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    app.get_as(&format!("/api/v1/permit-requests/{id}"), &who.token)
        .await
        .json()
        .await
        .expect("JSON")
}

#[tokio::test]
async fn a_year_without_data_counts_the_holidays_of_the_law_and_an_edit_moves_only_new_due_dates() {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let year = monday.year();
    let years: Vec<i32> = (year..=year + 1).collect();
    forget_years(&app, &years).await;
    let Cast {
        applicant,
        reviewer,
        admin,
        ..
    } = app.cast().await;

    // The year shows the holidays it counts on: the law's fixed dates, moved days off included.
    let shown: Value = app
        .get(&format!("/api/v1/calendar/{year}"))
        .await
        .json()
        .await
        .expect("JSON");
    let dates: Vec<String> = shown
        .as_array()
        .expect("days")
        .iter()
        .filter_map(|d| d["date"].as_str().map(str::to_owned))
        .collect();
    for fixed in ["01-01", "03-08", "03-22", "05-09", "07-06", "12-16"] {
        assert!(dates.contains(&format!("{year}-{fixed}")), "{shown}");
    }
    let status: Value = app
        .get_as("/api/v1/admin/calendar", &admin.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(status["years"][0]["year"], year);
    assert_eq!(status["years"][0]["defined"], false);

    // A request filed now: its due date is provisional, for its reviewer and its applicant.
    let first = submitted(&app, &applicant).await;
    assert_eq!(first["due_provisional"], true, "{first}");
    let staff: Value = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{}",
                first["id"].as_str().expect("id")
            ),
            &reviewer.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(staff["due_provisional"], true);

    // The administrator enters the years (weekends only): the due date is no longer provisional.
    for y in &years {
        put_year(&app, &admin, *y, json!([])).await;
    }
    let id = first["id"].as_str().expect("an id").to_owned();
    let weekends: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(weekends["due_provisional"], false);
    let second = submitted(&app, &applicant).await;
    let before = day(&second["intake_due"]);
    assert_eq!(before, monday + Duration::days(2), "two working days");

    // A holiday on Tuesday: new requests are due a day later; those filed before keep their day.
    let tuesday = monday + Duration::days(1);
    put_year(
        &app,
        &admin,
        tuesday.year(),
        json!([{"date": tuesday.to_string(), "kind": "holiday", "name": {"kk": "Мереке", "ru": "Праздник", "en": "A holiday"}}]),
    )
    .await;
    let third = submitted(&app, &applicant).await;
    assert_eq!(day(&third["intake_due"]), monday + Duration::days(3));
    let kept: Value = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{}",
                second["id"].as_str().expect("id")
            ),
            &applicant.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(day(&kept["intake_due"]), before);

    // Each edit is in the audit log.
    let audit: Value = app
        .get_as(
            "/api/v1/admin/audit-events?action=calendar.replace",
            &admin.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    let edits = audit["items"].as_array().expect("items");
    assert_eq!(edits.len(), years.len() + 1, "{audit}");
    assert_eq!(edits[0]["actor_id"], admin.id.to_string());
    assert_eq!(edits[0]["details"]["year"], tuesday.year());
}

async fn status(app: &TestApp, admin: &Person) -> Value {
    app.get_as("/api/v1/admin/calendar", &admin.token)
        .await
        .json()
        .await
        .expect("JSON")
}

#[tokio::test]
async fn from_october_administrators_are_told_once_that_next_year_has_no_verified_calendar() {
    let monday = time::next_monday();
    let clock = ManualClock::new(noon(monday));
    let app = spawn_app_with_clock(clock.clone(), |config| {
        config.permits.reminder_interval_secs = 1;
    })
    .await;
    let mut admin = app
        .person(
            "admin",
            "admin@saulet.kz",
            Some(saulet_api::accounts::entity::account::Role::Admin),
        )
        .await;
    // The first 1 October after the test's start, and the year after it.
    let october = {
        let this = NaiveDate::from_ymd_opt(department_year(noon(monday)), 10, 1).expect("a day");
        if this > monday {
            this
        } else {
            NaiveDate::from_ymd_opt(this.year() + 1, 10, 1).expect("a day")
        }
    };
    let next = october.year() + 1;
    forget_years(&app, &[next]).await;

    // On 30 September nothing is said.
    clock.set(noon(october - Duration::days(1)));
    app.refresh(&mut admin).await;
    assert_eq!(status(&app, &admin).await["next_year_missing"], Value::Null);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(
        app.notices(&admin)
            .await
            .iter()
            .all(|n| n["event"]["kind"] != "calendar_missing")
    );

    // From 1 October: the status says so, and the administrator is told once, in-app and by email.
    clock.set(noon(october));
    app.refresh(&mut admin).await;
    assert_eq!(status(&app, &admin).await["next_year_missing"], next);
    let mut told = Vec::new();
    for _ in 0..100 {
        told = app
            .notices(&admin)
            .await
            .into_iter()
            .filter(|n| n["event"]["kind"] == "calendar_missing")
            .collect();
        if !told.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["event"]["year"], next);
    assert_eq!(told[0]["link"], "/admin/calendar");
    let mut named = false;
    for _ in 0..100 {
        named = app.emails_to("admin@saulet.kz", 0).await.iter().any(|m| {
            m.subject
                .as_deref()
                .is_some_and(|s| s.contains(&next.to_string()))
        });
        if named {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(named, "an email names the year");
    // The worker keeps running; it does not say it again.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let again = app
        .notices(&admin)
        .await
        .into_iter()
        .filter(|n| n["event"]["kind"] == "calendar_missing")
        .count();
    assert_eq!(again, 1);

    // Once the year is entered, the warning is gone.
    put_year(&app, &admin, next, json!([])).await;
    assert_eq!(status(&app, &admin).await["next_year_missing"], Value::Null);
}
