//! CORS is off by default (same-origin SPA) and answers only the configured origins.

use saulet_tests::{spawn_app, spawn_app_with};

const SPA_ORIGIN: &str = "https://saulet.example.kz";

#[tokio::test]
async fn without_configured_origins_no_cors_headers_are_sent() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/api/v1/health/live"))
        .header("origin", "https://elsewhere.example")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 200);
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}

#[tokio::test]
async fn a_configured_origin_may_call_the_api() {
    let app = spawn_app_with(|c| c.server.cors_allowed_origins = vec![SPA_ORIGIN.into()]).await;
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/health/live"))
        .header("origin", SPA_ORIGIN)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type, idempotency-key",
        )
        .send()
        .await
        .expect("an answer");
    assert_eq!(preflight.status(), 200);
    assert_eq!(
        preflight.headers()["access-control-allow-origin"],
        SPA_ORIGIN
    );
    assert_eq!(
        preflight.headers()["access-control-allow-credentials"],
        "true"
    );

    let simple = app
        .client
        .get(app.url("/api/v1/health/live"))
        .header("origin", SPA_ORIGIN)
        .send()
        .await
        .expect("an answer");
    assert_eq!(simple.headers()["access-control-allow-origin"], SPA_ORIGIN);
    let exposed = simple.headers()["access-control-expose-headers"]
        .to_str()
        .expect("ascii")
        .to_lowercase();
    assert!(exposed.contains("x-request-id"), "{exposed}");
}

#[tokio::test]
async fn another_origin_is_refused_with_a_problem() {
    let app = spawn_app_with(|c| c.server.cors_allowed_origins = vec![SPA_ORIGIN.into()]).await;
    let response = app
        .client
        .get(app.url("/api/v1/health/live"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .expect("an answer");
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    if !response.status().is_success() {
        assert!(response.status().is_client_error(), "{}", response.status());
        saulet_tests::problem(response).await;
    }
}
