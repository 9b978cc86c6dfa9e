//! Hostile input, on SQLite and PostgreSQL: forged and expired tokens, cross-site use of the
//! refresh cookie, oversized and deeply nested JSON, injected headers and paths, SQL
//! metacharacters in every filter, slow clients, programs, polyglots and archives uploaded as
//! documents, and account enumeration. Each is refused with its documented problem and changes
//! nothing. `docs/security.md` maps these to OWASP ASVS 4.0.3 level 2.

use std::time::Duration;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use saulet_api::accounts::{entity::account::Role, tokens::TokenKeys};
use saulet_tests::{
    PASSWORD, TestApp,
    permits::{EXE, PDF, sketch_form},
    problem, spawn_app,
};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn requests_in_db(app: &TestApp) -> u64 {
    saulet_api::permits::entity::request::Entity::find()
        .count(&app.db)
        .await
        .expect("counted")
}

/// `POST /permit-requests` with `token`: the status, and whether anything was written.
async fn try_create(app: &TestApp, token: &str) -> u16 {
    app.post_as(
        "/api/v1/permit-requests",
        token,
        &json!({"type_code": "sketch-approval"}),
    )
    .await
    .status()
    .as_u16()
}

fn part(token: &str, n: usize) -> Value {
    let segment = token.split('.').nth(n).expect("a JWT segment");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(segment).expect("base64url")).expect("JSON")
}

fn encode(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).expect("JSON"))
}

#[tokio::test]
async fn forged_tampered_and_expired_tokens_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let other = app
        .person("second-individual", "gulnar@mail.kz", None)
        .await;
    let token = applicant.token.clone();
    let claims = part(&token, 1);
    let signature = token.split('.').nth(2).expect("a signature");

    // alg: none, with and without a signature.
    let none = format!(
        "{}.{}.",
        encode(&json!({"alg": "none", "typ": "JWT"})),
        encode(&claims)
    );
    // HS256 "signed" with the public key from the JWKS (the algorithm-confusion attack).
    let jwks: Value = app
        .get("/.well-known/jwks.json")
        .await
        .json()
        .await
        .expect("JSON");
    let public = URL_SAFE_NO_PAD
        .decode(jwks["keys"][0]["x"].as_str().expect("x"))
        .expect("raw key");
    let hs256 = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(&public),
    )
    .expect("encodes");
    // Another Ed25519 key.
    let elsewhere = tempfile::tempdir().expect("a folder");
    let foreign = TokenKeys::load_or_generate(None, elsewhere.path()).expect("a key");
    let sub = claims["sub"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("sub");
    let sid = claims["sid"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("sid");
    let wrong_key = foreign
        .issue(
            sub,
            sid,
            Role::Applicant,
            chrono::Utc::now(),
            chrono::Duration::minutes(10),
        )
        .expect("issued");
    // The server's own key, but expired.
    let own = TokenKeys::load_or_generate(None, app.data_dir.path()).expect("the server's key");
    let expired = own
        .issue(
            sub,
            sid,
            Role::Applicant,
            chrono::Utc::now() - chrono::Duration::hours(1),
            chrono::Duration::minutes(10),
        )
        .expect("issued");
    // A valid signature over other claims: someone else's id, or the admin role.
    let mut as_other = claims.clone();
    as_other["sub"] = json!(other.id);
    let tampered_sub = format!(
        "{}.{}.{signature}",
        token.split('.').next().unwrap_or_default(),
        encode(&as_other)
    );
    let mut as_admin = claims.clone();
    as_admin["role"] = json!("admin");
    let tampered_role = format!(
        "{}.{}.{signature}",
        token.split('.').next().unwrap_or_default(),
        encode(&as_admin)
    );
    // The server's key, but another account's session: the token's account must own the session.
    let other_sid = part(&other.token, 1)["sid"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("sid");
    let mixed = own
        .issue(
            sub,
            other_sid,
            Role::Applicant,
            chrono::Utc::now(),
            chrono::Duration::minutes(10),
        )
        .expect("issued");

    for (name, forged) in [
        ("alg none", none),
        ("HS256 with the public key", hs256),
        ("another key", wrong_key),
        ("expired", expired),
        ("tampered subject", tampered_sub),
        ("tampered role", tampered_role),
        ("another account's session", mixed),
        ("garbage", "a.b.c".to_owned()),
    ] {
        let me = app.get_as("/api/v1/accounts/me", &forged).await;
        assert_eq!(me.status(), 401, "{name}");
        assert_eq!(problem(me).await["type"], "unauthenticated", "{name}");
        assert_eq!(try_create(&app, &forged).await, 401, "{name}");
        let admin = app.get_as("/api/v1/admin/accounts", &forged).await;
        assert_eq!(admin.status(), 401, "{name}");
    }
    assert_eq!(requests_in_db(&app).await, 0, "nothing was written");
    // The genuine token still works.
    assert_eq!(try_create(&app, &token).await, 201);
}

#[tokio::test]
async fn the_refresh_cookie_is_refused_from_another_site() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": PASSWORD, "client": "web"}),
        )
        .await;
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .split(';')
        .next()
        .expect("a pair")
        .to_owned();
    let refresh = |headers: Vec<(&'static str, &'static str)>, body: Option<&'static str>| {
        let mut request = app
            .client
            .post(app.url("/api/v1/auth/refresh"))
            .header("cookie", cookie.clone());
        for (name, value) in headers {
            request = request.header(name, value);
        }
        match body {
            Some(text) => request.header("content-type", "text/plain").body(text),
            None => request.json(&json!({"client": "web"})),
        }
        .send()
    };
    let evil_origin = refresh(vec![("origin", "https://evil.example")], None)
        .await
        .expect("answers");
    assert_eq!(evil_origin.status(), 403);
    assert_eq!(problem(evil_origin).await["type"], "forbidden");
    let cross_site = refresh(vec![("sec-fetch-site", "cross-site")], None)
        .await
        .expect("answers");
    assert_eq!(cross_site.status(), 403);
    // A form post cannot send JSON: the simple-request route is closed too.
    let form = refresh(vec![], Some("client=web")).await.expect("answers");
    assert_eq!(form.status(), 415);
    // None of that touched the session: the same cookie still works from our own pages.
    let origin = app.address.clone();
    let own = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", cookie.clone())
        .header("origin", origin)
        .header("sec-fetch-site", "same-origin")
        .json(&json!({"client": "web"}))
        .send()
        .await
        .expect("answers");
    assert_eq!(own.status(), 200);
}

#[tokio::test]
async fn oversized_and_deeply_nested_json_is_refused_cleanly() {
    let app = spawn_app().await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let huge = format!(
        r#"{{"type_code":"sketch-approval","title":"{}"}}"#,
        "я".repeat(1_100_000)
    );
    let oversized = app
        .client
        .post(app.url("/api/v1/permit-requests"))
        .bearer_auth(&applicant.token)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("answers");
    assert_eq!(oversized.status(), 413);
    assert_eq!(problem(oversized).await["type"], "payload-too-large");
    for depth in [200, 100_000] {
        let nested = format!(
            r#"{{"type_code":"sketch-approval","form_data":{{"a":{}1{}}}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let response = app
            .client
            .post(app.url("/api/v1/permit-requests"))
            .bearer_auth(&applicant.token)
            .header("content-type", "application/json")
            .body(nested)
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), 400, "depth {depth}");
        assert_eq!(problem(response).await["type"], "malformed-body");
    }
    assert_eq!(requests_in_db(&app).await, 0);
    assert_eq!(
        app.get("/api/v1/health/live").await.status(),
        200,
        "still serving"
    );
}

#[tokio::test]
async fn injected_headers_and_paths_are_neutralised() {
    let app = spawn_app().await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let response = app
        .client
        .get(app.url("/api/v1/health/live"))
        .header("x-request-id", "abc<script>alert(1)</script>")
        .send()
        .await
        .expect("answers");
    let echoed = response.headers()["x-request-id"].to_str().expect("ascii");
    assert!(
        !echoed.contains('<'),
        "an unsafe id is replaced, not echoed: {echoed}"
    );

    // A raw request with a header that tries to smuggle a second header line.
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", app.port))
        .await
        .expect("connects");
    stream
        .write_all(b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\rSet-Cookie: pwned=1\r\nConnection: close\r\n\r\n")
        .await
        .expect("sent");
    let mut answer = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_string(&mut answer)).await;
    assert!(
        !answer.to_ascii_lowercase().contains("set-cookie: pwned"),
        "{answer}"
    );

    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = draft["id"].as_str().expect("an id");
    for path in [
        "/api/v1/permit-types/..%2F..%2Fcatalogue".to_owned(),
        "/api/v1/permit-requests/..%2F..%2Fetc%2Fpasswd".to_owned(),
        format!("/api/v1/permit-requests/{id}/documents/..%2F..%2F..%2Fsaulet.db"),
        "/api/v1/permits/..%2F..%2F/verify?code=00000000000000000000000000000000".to_owned(),
        "/api/v1/calendar/2026%27%20OR%201=1".to_owned(),
    ] {
        let response = app.get_as(&path, &applicant.token).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(problem(response).await["type"], "not-found", "{path}");
    }
}

#[tokio::test]
async fn sql_metacharacters_in_every_filter_are_only_data() {
    let app = spawn_app().await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let admin = app
        .person("admin", "admin@saulet.kz", Some(Role::Admin))
        .await;
    app.draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let hostile = [
        "' OR '1'='1",
        "'; DROP TABLE permit_requests; --",
        "\\' UNION SELECT password_hash FROM accounts --",
        "%",
        "_",
        "\"",
        "1; SELECT pg_sleep(5)",
        "\u{0}",
    ];
    for value in hostile {
        let encoded: String = url_escape(value);
        for (who, path) in [
            (&applicant, format!("/api/v1/permit-requests?q={encoded}")),
            (
                &applicant,
                format!("/api/v1/permit-requests?status={encoded}"),
            ),
            (
                &applicant,
                format!("/api/v1/permit-requests?type={encoded}"),
            ),
            (
                &applicant,
                format!("/api/v1/permit-requests?assignee={encoded}"),
            ),
            (
                &applicant,
                format!("/api/v1/permit-requests?cursor={encoded}"),
            ),
            (
                &applicant,
                format!("/api/v1/permit-requests?submitted_from={encoded}"),
            ),
            (&admin, format!("/api/v1/admin/accounts?q={encoded}")),
            (&admin, format!("/api/v1/admin/consents?action={encoded}")),
        ] {
            let response = app.get_as(&path, &who.token).await;
            let status = response.status().as_u16();
            assert!(
                status == 200 || status == 400 || status == 422,
                "{path}: {status} {}",
                response.text().await.unwrap_or_default()
            );
            if status == 200 {
                let body: Value = response.json().await.expect("JSON");
                let items = body["items"].as_array().map(Vec::len).unwrap_or_default();
                assert!(items <= 1, "{path}: a filter never widens the result");
            }
        }
    }
    // A NUL in a text field is refused as such, on both databases.
    let nul = app
        .post_as(
            "/api/v1/permit-requests",
            &applicant.token,
            &json!({"type_code": "sketch-approval\u{0}", "title": "a\u{0}b"}),
        )
        .await;
    assert!(
        matches!(nul.status().as_u16(), 400 | 422),
        "{}",
        nul.status()
    );
    // `%` and `_` are literal in the text search, not wildcards.
    let percent: Value = app
        .get_as("/api/v1/permit-requests?q=%25", &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(percent["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        requests_in_db(&app).await,
        1,
        "the table and its row are still there"
    );
}

fn url_escape(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn a_slow_client_is_cut_off_while_everyone_else_is_served() {
    let app = spawn_app().await;
    let mut slow = tokio::net::TcpStream::connect(("127.0.0.1", app.port))
        .await
        .expect("connects");
    // Headers that never end.
    slow.write_all(b"GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .expect("sent");
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/health/live").await.status(), 200);
    }
    let mut answer = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(30), slow.read_to_end(&mut answer)).await;
    assert!(
        closed.is_ok(),
        "the server closes a connection whose request never completes"
    );
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 408"),
        "{text}"
    );
}

#[tokio::test]
async fn programs_polyglots_and_archives_are_refused_as_documents() {
    let app = spawn_app().await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = draft["id"].as_str().expect("an id");
    let polyglot = {
        let mut bytes = PDF.to_vec();
        bytes.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x08\x00payload.exe");
        bytes.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
        bytes.extend_from_slice(&[0; 10]);
        bytes
    };
    // A "zip bomb": whatever it would expand to, an archive is not a document.
    let archive = {
        let mut bytes = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        bytes.resize(512, 0);
        bytes
    };
    let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00".to_vec();
    for (name, bytes) in [
        ("setup.pdf", EXE.to_vec()),
        ("tool.pdf", elf),
        ("sketch.pdf", polyglot),
        ("sketch.zip", archive),
    ] {
        let response = app.upload(&applicant, id, "sketch", name, &bytes).await;
        assert_eq!(response.status(), 415, "{name}");
        assert_eq!(
            problem(response).await["type"],
            "unsupported-file-type",
            "{name}"
        );
    }
    let stored = std::fs::read_dir(app.data_dir.path().join("documents").join("tmp"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(stored, 0, "no temporary file is left");
    let view: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(view["documents"], json!([]));
}

#[tokio::test]
async fn sign_in_and_recovery_answer_alike_whether_or_not_the_account_exists() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let wrong = |login: &str| json!({"login": login, "password": "Wrong-password-2026"});
    let known = app
        .post_json("/api/v1/auth/login", &wrong("aliya@example.kz"))
        .await;
    let unknown = app
        .post_json("/api/v1/auth/login", &wrong("nobody@example.kz"))
        .await;
    assert_eq!(known.status(), unknown.status());
    let (known, unknown) = (problem(known).await, problem(unknown).await);
    assert_eq!(known["type"], unknown["type"]);
    assert_eq!(known["detail"], unknown["detail"]);

    let path = "/api/v1/auth/password/forgot";
    let known = app
        .post_json(path, &json!({"email": "aliya@example.kz"}))
        .await;
    let unknown = app
        .post_json(path, &json!({"email": "nobody@example.kz"}))
        .await;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(
        known.text().await.unwrap_or_default(),
        unknown.text().await.unwrap_or_default()
    );
}
