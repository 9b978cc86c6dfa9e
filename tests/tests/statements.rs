//! How many SQL statements each hot endpoint sends, read from `GET /metrics`
//! (`saulet_db_statements_per_request`), on SQLite and PostgreSQL. A list costs one query for its
//! page whatever the page holds (no N+1); authentication costs one (the session with its account)
//! and the consent gate one more.

use saulet_tests::{
    TestApp,
    permits::{PDF, Person, sketch_form},
    spawn_app,
};
use serde_json::{Value, json};

/// The statements recorded so far for `method route` (the histogram's sum).
async fn statements(app: &TestApp, method: &str, route: &str) -> f64 {
    let text = app
        .get_as("/metrics", saulet_tests::METRICS_TOKEN)
        .await
        .text()
        .await
        .expect("the metrics");
    let needle =
        format!(r#"saulet_db_statements_per_request_sum{{method="{method}",route="{route}"}} "#);
    text.lines()
        .find_map(|line| line.strip_prefix(&needle))
        .map_or(0.0, |value| value.trim().parse().expect("a number"))
}

/// The statements one request sent.
async fn cost(
    app: &TestApp,
    who: &Person,
    method: reqwest::Method,
    path: &str,
    route: &str,
    body: Option<Value>,
) -> u32 {
    let before = statements(app, method.as_str(), route).await;
    let response = app
        .send_json_as(method.clone(), path, &who.token, body.as_ref())
        .await;
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    let after = statements(app, method.as_str(), route).await;
    (after - before) as u32
}

#[tokio::test]
async fn hot_endpoints_send_a_fixed_number_of_statements_whatever_the_data() {
    use reqwest::Method as M;
    let app = spawn_app().await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;

    let me = cost(
        &app,
        &applicant,
        M::GET,
        "/api/v1/accounts/me",
        "/api/v1/accounts/me",
        None,
    )
    .await;
    // `/accounts/me` stays reachable while the consent gate is closed, so it skips the gate.
    assert_eq!(me, 1, "the session with its account");

    let list = "/api/v1/permit-requests";
    let create = json!({"type_code": "sketch-approval", "form_data": sketch_form()});
    let created = cost(&app, &applicant, M::POST, list, list, Some(create.clone())).await;
    assert!(created <= 6, "create: {created}");
    let one = cost(
        &app,
        &applicant,
        M::GET,
        "/api/v1/permit-requests?limit=20",
        list,
        None,
    )
    .await;
    for _ in 0..24 {
        app.draft(&applicant, "sketch-approval", sketch_form())
            .await;
    }
    let many = cost(
        &app,
        &applicant,
        M::GET,
        "/api/v1/permit-requests?limit=20",
        list,
        None,
    )
    .await;
    assert_eq!(one, many, "a page of 20 costs what a page of 1 does");
    assert_eq!(many, 3, "authentication, and one query for the page");
    let filtered = cost(
        &app,
        &applicant,
        M::GET,
        "/api/v1/permit-requests?limit=20&status=draft&q=sketch&overdue=false",
        list,
        None,
    )
    .await;
    assert_eq!(filtered, 3, "filters are part of the one query");

    // One request's view costs the same with one document or five, and its history with one
    // step or many.
    let submitted = app.submitted_sketch(&applicant).await;
    let id = submitted["id"].as_str().expect("an id").to_owned();
    let view_route = "/api/v1/permit-requests/{id}";
    let path = format!("/api/v1/permit-requests/{id}");
    let view_one = cost(&app, &applicant, M::GET, &path, view_route, None).await;
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let draft_id = draft["id"].as_str().expect("an id").to_owned();
    for n in 0..5 {
        let name = format!("{n}.pdf");
        assert_eq!(
            app.upload(&applicant, &draft_id, "sketch", &name, PDF)
                .await
                .status(),
            201
        );
    }
    let view_five = cost(
        &app,
        &applicant,
        M::GET,
        &format!("/api/v1/permit-requests/{draft_id}"),
        view_route,
        None,
    )
    .await;
    assert_eq!(view_one, view_five, "documents are one query");
    assert!(view_one <= 9, "view: {view_one}");

    let history_route = "/api/v1/permit-requests/{id}/history";
    let history = cost(
        &app,
        &applicant,
        M::GET,
        &format!("{path}/history"),
        history_route,
        None,
    )
    .await;
    assert!(history <= 5, "history: {history}");
}
