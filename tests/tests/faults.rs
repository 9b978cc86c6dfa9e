//! Faults, on SQLite and PostgreSQL: the real `saulet` binary killed with SIGKILL in the middle of
//! a write load keeps every write it acknowledged and nothing half-written; a document store that
//! cannot be written refuses uploads cleanly and records nothing.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use saulet_api::eds::KeyPurpose;
use saulet_tests::{
    PASSWORD, TestDatabase,
    permits::{PDF, sketch_form},
    pki::pki,
    problem,
    process::SauletProcess,
    spawn_app_with,
};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

fn env(database: &TestDatabase, data_dir: &std::path::Path) -> Vec<(&'static str, String)> {
    let trust = pki().trust();
    let list = |items: Vec<String>| serde_json::to_string(&items).expect("JSON");
    vec![
        ("SAULET_DATABASE__URL", database.url()),
        ("SAULET_DATA_DIR", data_dir.display().to_string()),
        (
            "SAULET_SERVER__STATIC_DIR",
            data_dir.join("no-spa").display().to_string(),
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
        ("SAULET_SERVER__AUTH_RATE_LIMIT_PER_MINUTE", "1000".into()),
    ]
}

async fn token(client: &reqwest::Client, base: &str) -> String {
    let challenge: Value = client
        .post(format!("{base}/api/v1/auth/eds/challenge"))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    let challenge = challenge["challenge"].as_str().expect("a challenge");
    let signature = pki().sign(
        "individual",
        KeyPurpose::Authentication,
        challenge.as_bytes(),
    );
    let registered = client
        .post(format!("{base}/api/v1/accounts"))
        .json(&json!({"challenge": challenge, "signature": signature, "email": "asan@mail.kz", "password": PASSWORD, "language": "ru"}))
        .send()
        .await
        .expect("answers");
    assert_eq!(registered.status(), 201);
    let login: Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"login": "asan@mail.kz", "password": PASSWORD}))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    login["access_token"].as_str().expect("a token").to_owned()
}

#[tokio::test]
async fn a_node_killed_under_write_load_keeps_every_write_it_acknowledged() {
    let data = tempfile::tempdir().expect("a folder");
    let database = TestDatabase::create(data.path()).await;
    let env = env(&database, data.path());
    let mut node = SauletProcess::start(&env).await;
    let base = format!("http://127.0.0.1:{}", node.port);
    let client = reqwest::Client::new();
    let token = token(&client, &base).await;

    // Eight writers create drafts as fast as they can; the node is killed under them.
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let (client, base, token, acknowledged) =
                (client.clone(), base.clone(), token.clone(), acknowledged.clone());
            tokio::spawn(async move {
                for n in 0.. {
                    let sent = client
                        .post(format!("{base}/api/v1/permit-requests"))
                        .bearer_auth(&token)
                        .json(&json!({"type_code": "sketch-approval", "title": format!("w{w}-{n}"), "form_data": sketch_form()}))
                        .send()
                        .await;
                    let Ok(response) = sent else { break };
                    if response.status() != 201 {
                        break;
                    }
                    let Ok(body) = response.json::<Value>().await else { break };
                    acknowledged
                        .lock()
                        .expect("the list")
                        .push(body["id"].as_str().expect("an id").to_owned());
                }
            })
        })
        .collect();
    let started = std::time::Instant::now();
    while acknowledged.lock().expect("the list").len() < 40 {
        assert!(started.elapsed() < Duration::from_secs(60), "the load runs");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    node.kill();
    for writer in writers {
        let _ = writer.await;
    }
    let acknowledged = acknowledged.lock().expect("the list").clone();
    assert!(acknowledged.len() >= 40);

    // After a restart, every acknowledged request is there, whole.
    let restarted = SauletProcess::start(&env).await;
    let base = format!("http://127.0.0.1:{}", restarted.port);
    for id in &acknowledged {
        let response = client
            .get(format!("{base}/api/v1/permit-requests/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), 200, "{id} was acknowledged");
        let view: Value = response.json().await.expect("JSON");
        assert_eq!(view["status"], "draft");
        assert_eq!(view["form_data"], sketch_form(), "nothing half-written");
    }
    let db = sea_orm::Database::connect(database.url())
        .await
        .expect("the database");
    let stored = saulet_api::permits::entity::request::Entity::find()
        .count(&db)
        .await
        .expect("counted") as usize;
    assert!(
        stored >= acknowledged.len() && stored <= acknowledged.len() + 8,
        "at most the requests in flight at the kill are stored unacknowledged: {stored} vs {}",
        acknowledged.len()
    );
}

#[tokio::test]
async fn an_unwritable_document_store_refuses_uploads_and_records_nothing() {
    let blocker = tempfile::NamedTempFile::new().expect("a file");
    let impossible = blocker.path().join("documents");
    let app = spawn_app_with(move |c| c.permits.storage_dir = Some(impossible)).await;
    let applicant = app.person("individual", "asan@mail.kz", None).await;
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let id = draft["id"].as_str().expect("an id");
    let response = app.upload(&applicant, id, "sketch", "s.pdf", PDF).await;
    assert_eq!(response.status(), 503);
    assert_eq!(problem(response).await["type"], "service-unavailable");
    let documents = saulet_api::permits::entity::document::Entity::find()
        .count(&app.db)
        .await
        .expect("counted");
    assert_eq!(documents, 0, "nothing recorded");
    assert_eq!(
        app.get("/api/v1/health/ready").await.status(),
        200,
        "the rest still works"
    );
}
