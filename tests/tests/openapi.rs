//! The committed OpenAPI document is the code's, and Swagger UI shows it.

use saulet_api::openapi;
use saulet_tests::spawn_app;

fn committed() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    std::fs::read_to_string(path).expect("openapi/openapi.json is committed")
}

#[test]
fn the_committed_spec_equals_the_generated_one() {
    let generated = openapi::to_pretty_json(&openapi::document());
    assert!(
        generated == committed(),
        "openapi/openapi.json is out of date with the code: run `make openapi` and commit the result"
    );
}

#[tokio::test]
async fn the_served_spec_equals_the_committed_one() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let served: serde_json::Value = response.json().await.expect("JSON");
    let committed: serde_json::Value = serde_json::from_str(&committed()).expect("JSON");
    assert_eq!(served, committed);
}

#[tokio::test]
async fn swagger_ui_loads_the_spec() {
    let app = spawn_app().await;
    let redirect = app.get("/docs").await;
    assert_eq!(redirect.status(), 301);
    assert_eq!(redirect.headers()["location"], "/docs/");

    let page = app.get("/docs/").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("HTML").contains("swagger-ui"));

    let initializer = app.get("/docs/swagger-initializer.js").await;
    assert_eq!(initializer.status(), 200);
    assert!(
        initializer
            .text()
            .await
            .expect("JS")
            .contains("/api/v1/openapi.json")
    );
}

#[test]
fn the_links_name_real_operations_and_their_path_parameters_and_walk_a_request_through() {
    let spec: serde_json::Value = serde_json::from_str(&committed()).expect("JSON");
    // operationId → its path parameters.
    let mut operations = std::collections::HashMap::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (_, operation) in item.as_object().expect("an item") {
            let Some(id) = operation["operationId"].as_str() else {
                continue;
            };
            let parameters: Vec<String> = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                .map(str::to_owned)
                .collect();
            operations.insert(id.to_owned(), parameters);
        }
    }
    let mut walked = std::collections::HashSet::new();
    let mut count = 0;
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (_, operation) in item.as_object().expect("an item") {
            let from = operation["operationId"].as_str().unwrap_or_default();
            for (_, response) in operation["responses"].as_object().into_iter().flatten() {
                for (name, link) in response["links"].as_object().into_iter().flatten() {
                    count += 1;
                    let target = link["operationId"].as_str().expect("an operationId");
                    let wanted = operations
                        .get(target)
                        .unwrap_or_else(|| panic!("{path} {name}: no operation {target}"));
                    let given: Vec<&String> = link["parameters"]
                        .as_object()
                        .expect("parameters")
                        .keys()
                        .collect();
                    for parameter in wanted {
                        assert!(
                            given.contains(&parameter),
                            "{path} {name}: {target} needs `{parameter}`"
                        );
                    }
                    walked.insert((from.to_owned(), target.to_owned()));
                }
            }
        }
    }
    assert!(count >= 20, "{count} links");
    for (from, to) in [
        ("create", "upload"),
        ("upload", "digest"),
        ("digest", "submit"),
        ("submit", "history"),
        ("organisation_tasks", "task_answer"),
        ("task_answer", "approve_task"),
        ("create_client", "create_webhook"),
        ("create_webhook", "ping_webhook"),
        ("ping_webhook", "webhook_deliveries"),
    ] {
        assert!(
            walked.contains(&(from.to_owned(), to.to_owned())),
            "a link from {from} to {to}"
        );
    }
}
