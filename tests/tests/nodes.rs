//! Two `saulet` processes behind nginx on one PostgreSQL database (docs/scaling.md): a token
//! issued by one node works on the other, a request is filed, reviewed and decided across both,
//! and when one node is killed in the middle of a load only the requests it had in flight fail.

use std::time::{Duration, Instant};

use saulet_tests::{
    PASSWORD, TestApp,
    load::{self, Load, Seen},
    nginx::ReverseProxy,
    permits::{PDF, sketch_form},
    process::{SauletProcess, node_env, post_json},
    spawn_app_with,
};
use serde_json::{Value, json};

/// The two nodes share the test application's database and data folder (its keys and document
/// store, as a mounted volume would), its EDS trust and its mail server.
fn shared_env(app: &TestApp) -> Vec<(&'static str, String)> {
    let mut env = node_env(app.database.url(), app.data_dir.path());
    env.push(("SAULET_MAIL__TRANSPORT", "smtp".into()));
    env.push(("SAULET_MAIL__SMTP_URL", app.smtp.url()));
    env
}

/// Points the test's helpers at `base` (a node, or the proxy).
fn via(app: &mut TestApp, base: &str) {
    base.clone_into(&mut app.address);
}

#[tokio::test]
async fn two_nodes_behind_nginx_share_sessions_and_requests_and_survive_the_loss_of_one() {
    let mut app = spawn_app_with(|c| c.server.auth_rate_limit = 1000).await;
    if !app.database.is_postgres() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let env = shared_env(&app);
    let mut a = SauletProcess::start(&env).await;
    let b = SauletProcess::start(&env).await;
    let (node_a, node_b) = (
        format!("http://127.0.0.1:{}", a.port),
        format!("http://127.0.0.1:{}", b.port),
    );
    let proxy = ReverseProxy::start(&[a.port, b.port]).await;

    // A challenge issued by A is answered on B; a token issued by A is honoured by B.
    via(&mut app, &node_a);
    let (challenge, signature) = app.signed_challenge("employee", "register").await;
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
    let load = Load::lists_and_drafts(&app.client, &proxy.base(), &token, 8);
    let served_by = |port: u16| {
        let port = format!(":{port}");
        load.count(|s| s.status < 300 && s.upstream.ends_with(&port))
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
    let seen = load.stop().await;

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
    load::assert_all_stored(&app.client, &node_b, &token, &seen).await;
    eprintln!(
        "{} requests through nginx; {} failed when A was killed ({} after)",
        seen.len(),
        failed.len(),
        after.len()
    );
}

/// A client whose connections come from `address` (any of 127.0.0.0/8 on Linux's loopback), as
/// a person at that address would reach the proxy.
fn client_from(address: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(address))
        .build()
        .expect("a client")
}

/// One failed sign-in; the status and the node that answered.
async fn failed_sign_in(
    client: &reqwest::Client,
    base: &str,
    forged: Option<&str>,
) -> (u16, String) {
    let mut request = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"login": "nobody@example.kz", "password": "not-the-password"}));
    if let Some(forged) = forged {
        request = request.header("X-Forwarded-For", forged);
    }
    let response = request.send().await.expect("answers");
    let upstream = response
        .headers()
        .get("x-upstream")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (response.status().as_u16(), upstream)
}

#[tokio::test]
async fn the_sign_in_limit_counts_each_client_behind_nginx_once_across_both_nodes() {
    let app = spawn_app_with(|_| {}).await;
    if !app.database.is_postgres() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    // nginx reaches the nodes from 127.0.0.1, the one proxy they trust; clients come from other
    // loopback addresses.
    let mut env = shared_env(&app);
    // Thirty an hour: a spent request comes back after two minutes, far longer than thirty
    // password checks take on a loaded machine (at thirty a minute one came back every two
    // seconds, and a slow run saw the 31st answered).
    env.push(("SAULET_SERVER__AUTH_RATE_LIMIT", "30".into()));
    env.push(("SAULET_SERVER__AUTH_RATE_LIMIT_WINDOW_SECS", "3600".into()));
    env.push(("SAULET_SERVER__TRUSTED_PROXIES", "[\"127.0.0.1\"]".into()));
    let a = SauletProcess::start(&env).await;
    let b = SauletProcess::start(&env).await;
    let proxy = ReverseProxy::start(&[a.port, b.port]).await;
    let citizen = client_from([127, 0, 0, 2]);

    // Thirty failed sign-ins from one address, spread by nginx over both nodes, are answered.
    let mut served_by = std::collections::BTreeSet::new();
    for attempt in 1..=30 {
        let (status, upstream) = failed_sign_in(&citizen, &proxy.base(), None).await;
        assert_eq!(status, 401, "attempt {attempt} is answered");
        served_by.insert(upstream);
    }
    assert_eq!(served_by.len(), 2, "nginx used both nodes: {served_by:?}");
    // The 31st is refused, and so is every next one, whichever node takes it.
    let mut refused_by = std::collections::BTreeSet::new();
    for _ in 0..4 {
        let (status, upstream) = failed_sign_in(&citizen, &proxy.base(), None).await;
        assert_eq!(status, 429, "refused on {upstream}");
        refused_by.insert(upstream);
    }
    assert_eq!(refused_by.len(), 2, "both nodes refuse: {refused_by:?}");

    // Another citizen behind the same proxy is unaffected.
    let neighbour = client_from([127, 0, 0, 3]);
    let (status, _) = failed_sign_in(&neighbour, &proxy.base(), None).await;
    assert_eq!(status, 401);

    // A forged X-Forwarded-For is ignored: sent straight to a node by an untrusted peer, it does
    // not make the exhausted address's bucket someone else's problem, nor the stranger's.
    let stranger = client_from([127, 0, 0, 4]);
    let direct = format!("http://127.0.0.1:{}", a.port);
    let (status, _) = failed_sign_in(&stranger, &direct, Some("127.0.0.3")).await;
    assert_eq!(
        status, 401,
        "the stranger counts as itself, not as 127.0.0.3"
    );
    // And through nginx a client-written hop sits left of the address nginx saw: the exhausted
    // citizen cannot pass as its neighbour.
    let (status, _) = failed_sign_in(&citizen, &proxy.base(), Some("127.0.0.3")).await;
    assert_eq!(status, 429, "the forged hop is ignored");
    let (status, _) = failed_sign_in(&citizen, &direct, Some("127.0.0.9")).await;
    assert_eq!(status, 429, "the citizen is refused on a node directly too");
}

#[tokio::test]
async fn a_notice_written_through_one_node_reaches_a_stream_open_on_another() {
    use futures_util::StreamExt;

    let app = spawn_app_with(|c| c.server.auth_rate_limit = 1000).await;
    if !app.database.is_postgres() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    // Node A is the test's own server; node B a `saulet` process on the same database.
    let b = SauletProcess::start(&shared_env(&app)).await;
    let node_b = format!("http://127.0.0.1:{}", b.port);
    let admin = app.admin_token().await;
    let person = app.registered("individual", "aliya@example.kz").await;
    let token = app.login("aliya@example.kz", PASSWORD).await["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();

    // The stream is opened on B, with a ticket B issued.
    let ticket = post_json(
        &app.client,
        format!("{node_b}/api/v1/notifications/stream-ticket"),
        Some(&token),
        &json!({}),
    )
    .await;
    let ticket = ticket["ticket"].as_str().expect("a ticket");
    let stream = app
        .client
        .get(format!(
            "{node_b}/api/v1/notifications/stream?ticket={ticket}"
        ))
        .send()
        .await
        .expect("answers");
    assert_eq!(stream.status(), 200);
    let mut body = stream.bytes_stream();
    let mut seen = String::new();
    let next = async |body: &mut (
                               dyn futures_util::Stream<Item = reqwest::Result<bytes::Bytes>>
                                   + Unpin
                           ),
                      seen: &mut String| {
        let chunk = tokio::time::timeout(Duration::from_secs(10), body.next())
            .await
            .expect("a chunk in time")
            .expect("data")
            .expect("bytes");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    };
    next(&mut body, &mut seen).await;
    assert!(seen.contains("event: unread"), "{seen}");

    // The administrator changes the person's role through A: the notice is written by A, in
    // A's transaction, and B's stream hears of it through PostgreSQL's NOTIFY.
    let changed = app
        .send_json_as(
            reqwest::Method::PUT,
            &format!(
                "/api/v1/admin/accounts/{}/role",
                person["id"].as_str().expect("an id")
            ),
            &admin,
            Some(&json!({"role": "admin", "reason": "Әкімшілер тобына қосылды"})),
        )
        .await;
    assert_eq!(
        changed.status(),
        200,
        "{}",
        changed.text().await.expect("text")
    );
    while !seen.contains("event: notification") {
        next(&mut body, &mut seen).await;
    }
    assert!(
        seen.contains("role_changed") || seen.contains("role"),
        "{seen}"
    );
}

#[tokio::test]
async fn two_nodes_with_no_shared_folder_keep_documents_and_permits_in_garage() {
    if saulet_tests::postgres_admin_url().is_none() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let garage = saulet_tests::garage::Garage::start().await;
    let mut app = spawn_app_with(|c| c.server.auth_rate_limit = 1000).await;
    let (folder_a, folder_b) = (app.folder_with_keys(), app.folder_with_keys());
    let env_of = |folder: &tempfile::TempDir| {
        let mut env = node_env(app.database.url(), folder.path());
        env.push(("SAULET_MAIL__TRANSPORT", "smtp".into()));
        env.push(("SAULET_MAIL__SMTP_URL", app.smtp.url()));
        env.extend(garage.node_env());
        env
    };
    let a = SauletProcess::start(&env_of(&folder_a)).await;
    let b = SauletProcess::start(&env_of(&folder_b)).await;
    let (node_a, node_b) = (
        format!("http://127.0.0.1:{}", a.port),
        format!("http://127.0.0.1:{}", b.port),
    );

    via(&mut app, &node_a);
    let applicant = app.person("employee", "aigul@build.kz", None).await;
    let reviewer = app
        .person(
            "reviewer",
            "dinara@saulet.kz",
            Some(saulet_api::accounts::entity::account::Role::Reviewer),
        )
        .await;
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = draft["id"].as_str().expect("an id").to_owned();
    // Uploaded through A…
    let uploaded = app
        .upload(&applicant, &id, "sketch", "эскиз.pdf", PDF)
        .await;
    assert_eq!(uploaded.status(), 201);
    let uploaded: Value = uploaded.json().await.expect("JSON");
    // …read back through B, byte for byte.
    via(&mut app, &node_b);
    let read = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{id}/documents/{}",
                uploaded["id"].as_str().expect("an id")
            ),
            &applicant.token,
        )
        .await;
    assert_eq!(read.status(), 200);
    assert_eq!(
        read.headers()["content-length"].to_str().expect("ascii"),
        PDF.len().to_string()
    );
    assert_eq!(read.bytes().await.expect("bytes").as_ref(), PDF);
    // Submitted on B, accepted on A, decided on B: the PDF B rendered is served by A.
    assert_eq!(app.submit(&applicant, &id).await.status(), 200);
    via(&mut app, &node_a);
    app.acted(&reviewer, &id, "accept", json!({})).await;
    via(&mut app, &node_b);
    assert_eq!(app.decide(&reviewer, &id, "permit").await.status(), 200);
    via(&mut app, &node_a);
    let view: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &applicant.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(view["status"], "issued");
    let pdf = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{id}/decisions/{}",
                view["decisions"][0]["id"].as_str().expect("an id")
            ),
            &applicant.token,
        )
        .await;
    assert_eq!(pdf.status(), 200, "A serves the PDF B rendered");
    assert!(pdf.bytes().await.expect("bytes").starts_with(b"%PDF"));

    // Neither node wrote a document into its own folder.
    for folder in [&folder_a, &folder_b] {
        let documents = folder.path().join("documents");
        let files = saulet_tests::files_under(&documents);
        assert!(files.is_empty(), "{files:?}");
    }
}
