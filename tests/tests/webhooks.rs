//! Webhooks on SQLite and PostgreSQL (docs/integrators.md): a real receiver (an HTTP server in the
//! test) gets every event exactly as signed, checked with an implementation of the Standard
//! Webhooks scheme written here from the specification (not the crate the server signs with);
//! a receiver down for a while gets the event on a later attempt; one down for a day has its
//! subscription disabled and the client's owner emailed.

use std::sync::{
    Arc, Mutex,
    atomic::AtomicBool,
    atomic::{AtomicU16, Ordering},
};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::Duration;
use hmac::{Hmac, Mac};
use saulet_api::eds::KeyPurpose;
use saulet_tests::{TestApp, pki::pki, problem, spawn_app_with_clock, time};
use serde_json::{Value, json};
use sha2::Sha256;

/// One request the receiver got.
#[derive(Clone, Debug)]
struct Received {
    path: String,
    id: String,
    timestamp: String,
    signature: String,
    body: String,
    answered: u16,
}

/// A webhook receiver on a free port: records every request and answers `status`.
struct Receiver {
    address: String,
    got: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicU16>,
    /// Set: the next request is recorded, then left unanswered for a minute.
    hold: Arc<AtomicBool>,
}

impl Receiver {
    fn start() -> Self {
        let got = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(AtomicU16::new(200));
        let hold = Arc::new(AtomicBool::new(false));
        let (g, s, h) = (got.clone(), status.clone(), hold.clone());
        let server = HttpServer::new(move || {
            let (g, s, h) = (g.clone(), s.clone(), h.clone());
            App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
                let (g, s, h) = (g.clone(), s.clone(), h.clone());
                async move {
                    let header = |name: &str| {
                        req.headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    let answered = s.load(Ordering::SeqCst);
                    g.lock().expect("the log").push(Received {
                        path: req.path().to_owned(),
                        id: header("webhook-id"),
                        timestamp: header("webhook-timestamp"),
                        signature: header("webhook-signature"),
                        body: String::from_utf8_lossy(&body).into_owned(),
                        answered,
                    });
                    if h.swap(false, Ordering::SeqCst) {
                        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                    }
                    HttpResponse::build(
                        actix_web::http::StatusCode::from_u16(answered).expect("a status"),
                    )
                    .finish()
                }
            }))
        })
        .workers(2)
        .disable_signals()
        .bind(("127.0.0.1", 0))
        .expect("a free port");
        let address = format!("http://{}", server.addrs()[0]);
        tokio::spawn(server.run());
        Self {
            address,
            got,
            status,
            hold,
        }
    }

    fn answer(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    fn got(&self) -> Vec<Received> {
        self.got.lock().expect("the log").clone()
    }

    /// Waits up to 10 s for at least `n` requests matching `what`.
    async fn wait_for(&self, n: usize, what: impl Fn(&Received) -> bool) -> Vec<Received> {
        for _ in 0..200 {
            let found: Vec<Received> = self.got().into_iter().filter(|r| what(r)).collect();
            if found.len() >= n {
                return found;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("fewer than {n} deliveries arrived: {:?}", self.got());
    }
}

/// The Standard Webhooks check, from the specification: HMAC-SHA256 with the base64-decoded
/// secret (after `whsec_`) over `{id}.{timestamp}.{body}`, base64, compared with each
/// space-separated `v1,<signature>`.
fn signed_by(secret: &str, received: &Received) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("whsec_"))
        .expect("base64");
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("a key");
    mac.update(format!("{}.{}.{}", received.id, received.timestamp, received.body).as_bytes());
    let expected = STANDARD.encode(mac.finalize().into_bytes());
    received
        .signature
        .split(' ')
        .filter_map(|s| s.split_once(','))
        .any(|(version, signature)| version == "v1" && signature == expected)
}

async fn eds_token(app: &TestApp, user: &str) -> String {
    let challenge = app.challenge("sign-in").await;
    let signature = pki().sign(user, KeyPurpose::Authentication, challenge.as_bytes());
    let body: Value = app
        .post_json(
            "/api/v1/auth/login/eds",
            &json!({"challenge": challenge, "signature": signature}),
        )
        .await
        .json()
        .await
        .expect("JSON");
    body["access_token"].as_str().expect("a token").to_owned()
}

async fn client_of(app: &TestApp, token: &str) -> String {
    let created = app
        .post_as(
            "/api/v1/clients",
            token,
            &json!({"name": "ERP", "scopes": ["permits:read", "webhooks:manage"]}),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.expect("JSON");
    created["client"]["id"].as_str().expect("an id").to_owned()
}

/// Subscribes `url` to `events` for `client`: (subscription id, secret).
async fn subscribe(
    app: &TestApp,
    token: &str,
    client: &str,
    url: &str,
    events: &[&str],
) -> (String, String) {
    let created = app
        .post_as(
            &format!("/api/v1/clients/{client}/webhooks"),
            token,
            &json!({"url": url, "events": events}),
        )
        .await;
    let status = created.status();
    let created: Value = created.json().await.expect("JSON");
    assert_eq!(status, 201, "{created}");
    (
        created["subscription"]["id"]
            .as_str()
            .expect("an id")
            .to_owned(),
        created["secret"].as_str().expect("a secret").to_owned(),
    )
}

async fn deliveries(app: &TestApp, token: &str, subscription: &str) -> Vec<Value> {
    let log: Value = app
        .get_as(
            &format!("/api/v1/webhooks/{subscription}/deliveries"),
            token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    log.as_array().expect("a list").clone()
}

fn fast_webhooks(config: &mut saulet_api::config::Config) {
    config.webhooks.allow_insecure_http = true;
    config.webhooks.poll_interval_ms = 50;
}

#[tokio::test]
async fn a_receiver_gets_each_event_of_its_organisation_exactly_as_signed() {
    let app = spawn_app_with_clock(time::manual_clock(), fast_webhooks).await;
    let cast = app.cast().await;
    let receiver = Receiver::start();
    let company = eds_token(&app, "employee").await;
    let client = client_of(&app, &company).await;
    let events = ["permit_request.status_changed", "approval_task.answered"];
    let unknown = app
        .post_as(
            &format!("/api/v1/clients/{client}/webhooks"),
            &company,
            &json!({"url": format!("{}/hooks", receiver.address), "events": ["everything"]}),
        )
        .await;
    assert_eq!(problem(unknown).await["errors"][0]["field"], "events[0]");
    let (subscription, secret) = subscribe(
        &app,
        &company,
        &client,
        &format!("{}/company", receiver.address),
        &events,
    )
    .await;
    // Another organisation's subscription hears nothing of the company's request.
    let utility = eds_token(&app, "water-engineer").await;
    let utility_client = client_of(&app, &utility).await;
    subscribe(
        &app,
        &utility,
        &utility_client,
        &format!("{}/utility", receiver.address),
        &events,
    )
    .await;

    let request = app.submitted_sketch(&cast.applicant).await;
    let id = request["id"].as_str().expect("an id");
    app.acted(&cast.reviewer, id, "accept", json!({})).await;
    let got = receiver.wait_for(2, |r| r.path == "/company").await;
    for received in &got {
        assert!(signed_by(&secret, received), "{received:?}");
        assert!(received.id.starts_with("msg_"));
    }
    let bodies: Vec<Value> = got
        .iter()
        .map(|r| serde_json::from_str(&r.body).expect("JSON"))
        .collect();
    let moves: Vec<(&str, &str)> = bodies
        .iter()
        .map(|b| {
            assert_eq!(b["type"], "permit_request.status_changed");
            assert_eq!(b["data"]["request_id"], id);
            (
                b["data"]["from"].as_str().unwrap_or_default(),
                b["data"]["to"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(moves, [("draft", "submitted"), ("submitted", "in_review")]);
    assert_ne!(got[0].id, got[1].id);
    // A tampered body or another secret does not verify.
    let mut tampered = got[0].clone();
    tampered.body = tampered
        .body
        .replace("in_review", "approved")
        .replace("submitted", "refused");
    assert!(!signed_by(&secret, &tampered));

    // The test ping, and the delivery log.
    let ping = app
        .post_as(
            &format!("/api/v1/webhooks/{subscription}/ping"),
            &company,
            &json!({}),
        )
        .await;
    assert_eq!(ping.status(), 202);
    let pinged = receiver
        .wait_for(1, |r| {
            r.path == "/company" && r.body.contains("webhook.ping")
        })
        .await;
    assert!(signed_by(&secret, &pinged[0]));
    let log = deliveries(&app, &company, &subscription).await;
    assert_eq!(log.len(), 3);
    for delivery in &log {
        assert_eq!(delivery["status"], "delivered", "{delivery}");
        assert_eq!(delivery["last_status"], 200);
    }
    assert!(receiver.got().iter().all(|r| r.path != "/utility"));
    // Another organisation cannot read this subscription's log.
    let theirs = app
        .get_as(
            &format!("/api/v1/webhooks/{subscription}/deliveries"),
            &utility,
        )
        .await;
    assert_eq!(theirs.status(), 404);
}

#[tokio::test]
async fn a_receiver_down_for_a_while_gets_it_later_and_one_down_for_a_day_is_disabled() {
    let clock = time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), fast_webhooks).await;
    app.cast().await;
    let receiver = Receiver::start();
    let company = eds_token(&app, "employee").await;
    let client = client_of(&app, &company).await;
    let (subscription, secret) = subscribe(
        &app,
        &company,
        &client,
        &format!("{}/hooks", receiver.address),
        &["permit_request.status_changed"],
    )
    .await;

    // Down: the first attempt fails and the next is due 5 s later.
    receiver.answer(503);
    let ping = |token: String| {
        let app = &app;
        let path = format!("/api/v1/webhooks/{subscription}/ping");
        async move { app.post_as(&path, &token, &json!({})).await }
    };
    assert_eq!(ping(company.clone()).await.status(), 202);
    receiver.wait_for(1, |r| r.answered == 503).await;
    let log = deliveries(&app, &company, &subscription).await;
    assert_eq!(log[0]["status"], "pending");
    assert_eq!(log[0]["attempts"], 1);
    assert_eq!(log[0]["last_status"], 503);
    // Back up: the retry, due on the server's clock, is delivered with the same id.
    receiver.answer(200);
    clock.advance(Duration::seconds(6));
    let delivered = receiver.wait_for(1, |r| r.answered == 200).await;
    assert!(signed_by(&secret, &delivered[0]));
    assert_eq!(delivered[0].id, receiver.got()[0].id, "the same message");
    let log = deliveries(&app, &company, &subscription).await;
    assert_eq!(log[0]["status"], "delivered");
    assert_eq!(log[0]["attempts"], 2);

    // Down for good: after a day of failures the subscription is disabled and the owner told.
    receiver.answer(500);
    assert_eq!(ping(company.clone()).await.status(), 202);
    receiver.wait_for(1, |r| r.answered == 500).await;
    clock.advance(Duration::hours(25));
    // The address was verified by its first mail; the second tells of the webhook.
    let mail = app.emails_to("aigul@build.kz", 2).await;
    assert!(
        mail.iter()
            .any(|m| m.subject.as_deref() == Some("Webhook өшірілді")),
        "{:?}",
        mail.iter().map(|m| m.subject.clone()).collect::<Vec<_>>()
    );
    let company = eds_token(&app, "employee").await;
    let listed: Value = app
        .get_as(&format!("/api/v1/clients/{client}/webhooks"), &company)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(listed[0]["enabled"], false);
    assert!(listed[0]["disabled_reason"].is_string());
    let log = deliveries(&app, &company, &subscription).await;
    assert_eq!(log[0]["status"], "failed");
    let refused = ping(company.clone()).await;
    assert_eq!(problem(refused).await["type"], "conflict");
    // Fixed and enabled again: the failed delivery can be sent again, with its id.
    receiver.answer(200);
    let enabled = app
        .post_as(
            &format!("/api/v1/webhooks/{subscription}/enable"),
            &company,
            &json!({}),
        )
        .await;
    assert_eq!(enabled.status(), 200);
    let failed = log[0]["id"].as_str().expect("an id");
    let again = app
        .post_as(
            &format!("/api/v1/webhooks/{subscription}/deliveries/{failed}/redeliver"),
            &company,
            &json!({}),
        )
        .await;
    assert_eq!(again.status(), 200);
    let redelivered = receiver
        .wait_for(1, |r| r.answered == 200 && r.id == log[0]["message_id"])
        .await;
    assert!(signed_by(&secret, &redelivered[0]));
}

#[tokio::test]
async fn a_process_killed_mid_delivery_loses_no_event_and_the_next_one_delivers_it() {
    use saulet_api::integrations::{
        entity::{api_client, webhook_delivery, webhook_subscription},
        webhooks::{Published, publish},
    };
    use saulet_migrations::{Migrator, MigratorTrait};
    use saulet_tests::{TestDatabase, process::SauletProcess};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

    let data = tempfile::tempdir().expect("a folder");
    let database = TestDatabase::create(data.path()).await;
    let db = sea_orm::Database::connect(database.url())
        .await
        .expect("connects");
    Migrator::up(&db, None).await.expect("migrates");
    let receiver = Receiver::start();
    let now = chrono::Utc::now();
    let client = uuid::Uuid::now_v7();
    api_client::ActiveModel {
        id: Set(client),
        organisation_bin: Set("150640001234".into()),
        name: Set("ERP".into()),
        scopes: Set(json!(["webhooks:manage"])),
        owner_id: Set(uuid::Uuid::now_v7()),
        secret_sha256: Set(None),
        public_key_pem: Set(None),
        key_algorithm: Set(None),
        created_at: Set(now),
        secret_rotated_at: Set(None),
        last_used_at: Set(None),
        revoked_at: Set(None),
        revoked_by: Set(None),
    }
    .insert(&db)
    .await
    .expect("a client");
    let secret = format!("whsec_{}", STANDARD.encode([7u8; 32]));
    webhook_subscription::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        client_id: Set(client),
        url: Set(format!("{}/hook", receiver.address)),
        events: Set(json!(["permit_request.status_changed"])),
        secret: Set(secret.clone()),
        previous_secret: Set(None),
        previous_secret_until: Set(None),
        enabled: Set(true),
        disabled_at: Set(None),
        disabled_reason: Set(None),
        created_at: Set(now),
    }
    .insert(&db)
    .await
    .expect("a subscription");
    // Five events, written as the areas write them (an outbox row each).
    for n in 0..5 {
        let event = Published {
            event_type: "permit_request.status_changed",
            organisations: &["150640001234"],
            data: json!({"n": n}),
        };
        publish(&db, event, now).await.expect("published");
    }

    // The first delivery reaches the receiver, which holds it; the process dies meanwhile.
    receiver.hold.store(true, Ordering::SeqCst);
    let mut env = saulet_tests::process::node_env(database.url(), data.path());
    env.extend([
        ("SAULET_WEBHOOKS__ALLOW_INSECURE_HTTP", "true".to_owned()),
        ("SAULET_WEBHOOKS__POLL_INTERVAL_MS", "100".to_owned()),
        ("SAULET_WEBHOOKS__TIMEOUT_SECS", "3".to_owned()),
    ]);
    let mut first = SauletProcess::start(&env).await;
    let in_flight = receiver.wait_for(1, |_| true).await[0].clone();
    first.kill();
    let sent_before = receiver.got().len();
    assert_eq!(sent_before, 1, "the kill came in the middle of the work");

    // The next process delivers every event, the interrupted one again under the same id.
    let _second = SauletProcess::start(&env).await;
    // (once the dead process's claim on it lapses: the timeout and a few seconds).
    let mut ids = std::collections::HashSet::new();
    let mut again = 0;
    for _ in 0..300 {
        let got = receiver.got();
        ids = got.iter().map(|r| r.id.clone()).collect();
        again = got.iter().filter(|r| r.id == in_flight.id).count();
        if ids.len() == 5 && again == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(ids.len(), 5, "every event arrived: {:?}", receiver.got());
    assert_eq!(again, 2, "the interrupted delivery is sent again");
    assert_eq!(receiver.got().len(), 6, "and nothing else twice");
    assert!(receiver.got().iter().all(|r| signed_by(&secret, r)));
    let mut rows = Vec::new();
    for _ in 0..50 {
        rows = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::Status.eq("delivered"))
            .all(&db)
            .await
            .expect("deliveries");
        if rows.len() == 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(rows.len(), 5, "every delivery ends as delivered");
}
