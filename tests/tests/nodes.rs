//! Two `saulet` processes behind nginx on one PostgreSQL database (docs/scaling.md): a token
//! issued by one node works on the other, a request is filed, reviewed and decided across both,
//! and when one node is killed in the middle of a load only the requests it had in flight fail.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use saulet_tests::{
    PASSWORD, TestApp,
    nginx::ReverseProxy,
    permits::{PDF, sketch_form},
    pki::pki,
    process::SauletProcess,
    spawn_app_with,
};
use serde_json::{Value, json};

/// The two nodes share the test application's database and data folder (its keys and document
/// store, as a mounted volume would), its EDS trust and its mail server.
fn node_env(app: &TestApp) -> Vec<(&'static str, String)> {
    let trust = pki().trust();
    let list = |items: Vec<String>| serde_json::to_string(&items).expect("JSON");
    vec![
        ("SAULET_DATABASE__URL", app.database.url()),
        ("SAULET_DATA_DIR", app.data_dir.path().display().to_string()),
        (
            "SAULET_SERVER__STATIC_DIR",
            app.data_dir.path().join("no-spa").display().to_string(),
        ),
        (
            "SAULET_EDS__ANCHORS",
            list(
                trust
                    .anchors
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect(),
            ),
        ),
        ("SAULET_EDS__CRLS", list(trust.crls.clone())),
        ("SAULET_MAIL__TRANSPORT", "smtp".into()),
        ("SAULET_MAIL__SMTP_URL", app.smtp.url()),
        ("SAULET_SERVER__AUTH_RATE_LIMIT_PER_MINUTE", "1000".into()),
    ]
}

/// Points the test's helpers at `base` (a node, or the proxy).
fn via(app: &mut TestApp, base: &str) {
    base.clone_into(&mut app.address);
}

#[tokio::test]
async fn two_nodes_behind_nginx_share_sessions_and_requests_and_survive_the_loss_of_one() {
    let mut app = spawn_app_with(|c| c.server.auth_rate_limit_per_minute = 1000).await;
    if !app.database.is_postgres() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let env = node_env(&app);
    let mut a = SauletProcess::start(&env).await;
    let b = SauletProcess::start(&env).await;
    let (node_a, node_b) = (
        format!("http://127.0.0.1:{}", a.port),
        format!("http://127.0.0.1:{}", b.port),
    );
    let proxy = ReverseProxy::start(&[a.port, b.port]).await;

    // A challenge issued by A is answered on B; a token issued by A is honoured by B.
    via(&mut app, &node_a);
    let (challenge, signature) = app.signed_challenge("employee").await;
    via(&mut app, &node_b);
    let registered = app
        .post_json(
            "/api/v1/accounts",
            &json!({"challenge": challenge, "signature": signature, "email": "aigul@build.kz", "password": PASSWORD, "language": "kk"}),
        )
        .await;
    assert_eq!(registered.status(), 201);
    via(&mut app, &node_a);
    let login = app.login("aigul@build.kz", PASSWORD).await;
    let token = login["access_token"].as_str().expect("a token").to_owned();
    via(&mut app, &node_b);
    let me = app.get_as("/api/v1/accounts/me", &token).await;
    assert_eq!(me.status(), 200, "B honours A's token");
    let me: Value = me.json().await.expect("JSON");
    assert_eq!(me["email"], "aigul@build.kz");
    // Signing out on B ends the session everywhere, A included.
    via(&mut app, &node_a);
    let second = app.login("aigul@build.kz", PASSWORD).await["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();
    via(&mut app, &node_b);
    let out = app
        .send_json_as(reqwest::Method::POST, "/api/v1/auth/logout", &second, None)
        .await;
    assert!(out.status().is_success(), "{}", out.status());
    via(&mut app, &node_a);
    assert_eq!(
        app.get_as("/api/v1/accounts/me", &second).await.status(),
        401,
        "a session ended on B is ended on A"
    );

    // A request is drafted on A, gets its document on B, is signed and submitted on A,
    // accepted on B and decided on A; the signed permit is read and verified on B.
    via(&mut app, &node_a);
    let reviewer = app
        .person(
            "reviewer",
            "dinara@saulet.kz",
            Some(saulet_api::accounts::entity::account::Role::Reviewer),
        )
        .await;
    let applicant = saulet_tests::permits::Person {
        token: token.clone(),
        id: me["id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .expect("an id"),
        email: "aigul@build.kz".into(),
        pki: "employee",
    };
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = draft["id"].as_str().expect("an id").to_owned();
    via(&mut app, &node_b);
    assert_eq!(
        app.upload(&applicant, &id, "sketch", "эскиз.pdf", PDF)
            .await
            .status(),
        201
    );
    via(&mut app, &node_a);
    assert_eq!(app.submit(&applicant, &id).await.status(), 200);
    via(&mut app, &node_b);
    app.acted(&reviewer, &id, "accept", json!({})).await;
    via(&mut app, &node_a);
    let decided = app.decide(&reviewer, &id, "permit").await;
    assert_eq!(decided.status(), 200);
    via(&mut app, &node_b);
    let view: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(view["status"], "issued");
    let decision = &view["decisions"][0];
    let pdf = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{id}/decisions/{}",
                decision["id"].as_str().expect("an id")
            ),
            &applicant.token,
        )
        .await;
    assert_eq!(pdf.status(), 200, "B serves the PDF A rendered");
    let verify_url = decision["verify_url"].as_str().expect("signed");
    let (number, code) = verify_url
        .rsplit_once("/verify/")
        .and_then(|(_, rest)| rest.split_once("?code="))
        .expect("a verify address");
    let verified = app
        .client
        .get(format!(
            "{node_b}/api/v1/permits/{number}/verify?code={code}"
        ))
        .send()
        .await
        .expect("answers");
    assert_eq!(verified.status(), 200);
    let history = app.history(&applicant, &id).await;
    assert_eq!(
        saulet_tests::permits::statuses(&history),
        ["submitted", "in_review", "approved", "issued"]
    );

    // Eight clients create and list through nginx; node A is killed under them.
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let load: Vec<_> = (0..8)
        .map(|n| {
            let (client, base, token, seen, stop) = (
                app.client.clone(),
                proxy.base(),
                token.clone(),
                seen.clone(),
                stop.clone(),
            );
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let request = if n % 2 == 0 {
                        client.get(format!("{base}/api/v1/permit-requests?limit=5"))
                    } else {
                        client.post(format!("{base}/api/v1/permit-requests")).json(
                            &json!({"type_code": "sketch-approval", "form_data": sketch_form()}),
                        )
                    };
                    let one = Seen::of(request.bearer_auth(&token)).await;
                    seen.lock().expect("the list").push(one);
                }
            })
        })
        .collect();
    let served_by = |port: u16| {
        let port = format!(":{port}");
        seen.lock()
            .expect("the list")
            .iter()
            .filter(|s| s.status < 300 && s.upstream.ends_with(&port))
            .count()
    };
    let started = Instant::now();
    while served_by(a.port) < 50 || served_by(b.port) < 50 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nginx spreads the load over both nodes"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    a.kill();
    let killed = Instant::now();
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::Relaxed);
    for task in load {
        task.await.expect("the load ends");
    }

    let seen = seen.lock().expect("the list").clone();
    let failed: Vec<&Seen> = seen.iter().filter(|s| s.status >= 300).collect();
    assert!(
        failed.len() <= 8,
        "at most the requests in flight on A fail: {failed:?}"
    );
    for s in &failed {
        assert!(
            s.sent < killed,
            "only requests sent before A died fail: {s:?}"
        );
    }
    let after: Vec<&Seen> = seen.iter().filter(|s| s.sent >= killed).collect();
    assert!(after.len() >= 20, "the load went on after the kill");
    assert!(
        after
            .iter()
            .all(|s| s.status < 300 && s.upstream.ends_with(&format!(":{}", b.port))),
        "B serves everything once A is gone"
    );
    // Every acknowledged draft is stored, whichever node wrote it.
    via(&mut app, &node_b);
    for id in seen.iter().filter_map(|s| s.created.as_deref()) {
        assert_eq!(
            app.get_as(&format!("/api/v1/permit-requests/{id}"), &token)
                .await
                .status(),
            200,
            "{id} was acknowledged"
        );
    }
    eprintln!(
        "{} requests through nginx; {} failed when A was killed ({} after)",
        seen.len(),
        failed.len(),
        after.len()
    );
}

/// What one request of the load saw.
#[derive(Debug, Clone)]
struct Seen {
    sent: Instant,
    /// 0 when nginx did not answer at all.
    status: u16,
    /// The node nginx used last (`X-Upstream`).
    upstream: String,
    created: Option<String>,
}

impl Seen {
    async fn of(request: reqwest::RequestBuilder) -> Self {
        let sent = Instant::now();
        let Ok(response) = request.send().await else {
            return Self {
                sent,
                status: 0,
                upstream: String::new(),
                created: None,
            };
        };
        let status = response.status().as_u16();
        let upstream = response
            .headers()
            .get("x-upstream")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(", ").next())
            .unwrap_or_default()
            .to_owned();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        Self {
            sent,
            status,
            upstream,
            created: (status == 201).then(|| body["id"].as_str().unwrap_or("").to_owned()),
        }
    }
}
