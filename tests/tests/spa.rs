//! One port: the API serves the built SPA at `/`, with client-side routing fallback.

use std::fs;

use saulet_tests::{problem, spawn_app_with};

const INDEX: &str =
    "<!doctype html><html lang=\"kk\"><title>Saulet</title><div id=\"root\"></div></html>";

async fn spawn_with_spa() -> saulet_tests::TestApp {
    let spa = tempfile::tempdir().expect("a folder").keep();
    fs::create_dir_all(spa.join("assets")).expect("assets folder");
    fs::write(spa.join("index.html"), INDEX).expect("index.html");
    fs::write(spa.join("assets/index-abc123.js"), "console.log('saulet')").expect("a script");
    spawn_app_with(move |config| config.server.static_dir = spa).await
}

#[tokio::test]
async fn the_root_serves_the_spa_with_a_strict_csp() {
    let app = spawn_with_spa().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe"),
        "{csp}"
    );
    assert_eq!(response.headers()["cache-control"], "no-cache");
    assert_eq!(response.text().await.expect("HTML"), INDEX);
}

#[tokio::test]
async fn client_side_routes_fall_back_to_the_spa() {
    let app = spawn_with_spa().await;
    for path in ["/help", "/permits/KZ-2026-000042/verify", "/status?x=1"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.text().await.expect("HTML"), INDEX, "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let app = spawn_with_spa().await;
    let response = app.get("/assets/index-abc123.js").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .contains("javascript")
    );
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn api_paths_never_fall_back_to_the_spa() {
    let app = spawn_with_spa().await;
    for path in ["/api/v1/unknown", "/api/other"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        problem(response).await;
    }
}

#[tokio::test]
async fn files_outside_the_build_cannot_be_reached() {
    let app = spawn_with_spa().await;
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/assets/../../etc/passwd",
    ] {
        let response = app.get(path).await;
        let status = response.status().as_u16();
        let body = response.text().await.expect("a body");
        assert!(!body.contains("root:"), "{path} leaked a file");
        assert!(
            status == 200 && body == INDEX || (400..500).contains(&status),
            "{path}: {status}"
        );
    }
}
