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
