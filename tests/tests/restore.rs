//! The backup and restore drill of docs/operations.md, performed: data is loaded through the API
//! (people who accepted the agreement, a permit issued with its document and signed PDF, a draft
//! with a document), the database is dumped with `pg_dump` and the bucket copied, both are
//! restored into a fresh database and a fresh bucket, and a new node started on them serves every
//! account, request, document, decision and evidence package as before, with the transparency log
//! and the consent chain verifying intact. PostgreSQL with Garage; the SQLite node's backup is a
//! copy of its folder, which needs no drill.

use std::process::Command;

use saulet_api::accounts::entity::account::Role;
use saulet_tests::{
    PASSWORD, TestApp,
    database::TestDatabase,
    garage::Garage,
    permits::{PDF, Person, sketch_form},
    pki::pki,
    process::{SauletProcess, node_env, post_json},
    spawn_app_with,
};
use serde_json::{Value, json};

/// Registers `pki_user`, accepting every agreement in force with their SIGN key as the
/// registration asks, gives them `role` and signs them in.
async fn person(app: &TestApp, pki_user: &'static str, email: &str, role: Option<Role>) -> Person {
    let list: Value = app
        .get("/api/v1/agreements")
        .await
        .json()
        .await
        .expect("JSON");
    let consents: Vec<Value> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter(|a| a["status"] == "in_force")
        .map(|a| {
            let hash = a["body_sha256"]["ru"].as_str().expect("a hash");
            json!({
                "agreement_id": a["id"],
                "language": "ru",
                "signature": pki().sign(pki_user, saulet_api::eds::KeyPurpose::Signing, hash.as_bytes()),
            })
        })
        .collect();
    assert!(!consents.is_empty(), "the shipped agreements are in force");
    let (challenge, signature) = app.signed_challenge(pki_user, "register").await;
    let registered = app
        .post_json(
            "/api/v1/accounts",
            &json!({"challenge": challenge, "signature": signature, "email": email, "password": PASSWORD, "language": "ru", "consents": consents}),
        )
        .await;
    assert_eq!(registered.status(), 201);
    let account: Value = registered.json().await.expect("JSON");
    if let Some(role) = role {
        saulet_api::accounts::admin::grant_role(&app.db, email, role)
            .await
            .expect("the role is granted");
    }
    Person {
        token: app.login(email, PASSWORD).await["access_token"]
            .as_str()
            .expect("a token")
            .to_owned(),
        id: account["id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .expect("an id"),
        email: email.to_owned(),
        pki: pki_user,
    }
}

/// What a node shows of the loaded data, for comparing before and after.
#[derive(Debug, PartialEq)]
struct Seen {
    accounts: Vec<Value>,
    requests: Vec<(String, String)>,
    document: Vec<u8>,
    draft_document: Vec<u8>,
    decision: Vec<u8>,
    evidence_is_zip: bool,
    log: (bool, i64),
    chain: (bool, i64),
}

async fn bytes(client: &reqwest::Client, url: String, token: &str) -> Vec<u8> {
    let response = client
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    response.bytes().await.expect("bytes").to_vec()
}

async fn json_at(client: &reqwest::Client, url: String, token: &str) -> Value {
    serde_json::from_slice(&bytes(client, url, token).await).expect("JSON")
}

/// Signs everyone in on `base` and reads what they see.
async fn seen(
    client: &reqwest::Client,
    base: &str,
    emails: &[&str],
    issued: &str,
    draft: &str,
) -> Seen {
    let mut tokens = Vec::new();
    let mut accounts = Vec::new();
    for email in emails {
        let login = post_json(
            client,
            format!("{base}/api/v1/auth/login"),
            None,
            &json!({"login": email, "password": PASSWORD}),
        )
        .await;
        let token = login["access_token"]
            .as_str()
            .unwrap_or_else(|| panic!("{email} signs in: {login}"))
            .to_owned();
        let me = json_at(client, format!("{base}/api/v1/accounts/me"), &token).await;
        accounts.push(
            json!({"id": me["id"], "email": me["email"], "role": me["role"], "iin": me["iin"]}),
        );
        tokens.push(token);
    }
    let (applicant, admin) = (&tokens[0], &tokens[2]);
    let list = json_at(client, format!("{base}/api/v1/permit-requests"), applicant).await;
    let mut requests: Vec<(String, String)> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id").to_owned(),
                r["status"].as_str().expect("status").to_owned(),
            )
        })
        .collect();
    requests.sort();
    let view = json_at(
        client,
        format!("{base}/api/v1/permit-requests/{issued}"),
        applicant,
    )
    .await;
    let document = bytes(
        client,
        format!(
            "{base}/api/v1/permit-requests/{issued}/documents/{}",
            view["documents"][0]["id"].as_str().expect("a document")
        ),
        applicant,
    )
    .await;
    let decision = bytes(
        client,
        format!(
            "{base}/api/v1/permit-requests/{issued}/decisions/{}",
            view["decisions"][0]["id"].as_str().expect("a decision")
        ),
        applicant,
    )
    .await;
    let draft_view = json_at(
        client,
        format!("{base}/api/v1/permit-requests/{draft}"),
        applicant,
    )
    .await;
    let draft_document = bytes(
        client,
        format!(
            "{base}/api/v1/permit-requests/{draft}/documents/{}",
            draft_view["documents"][0]["id"]
                .as_str()
                .expect("a document")
        ),
        applicant,
    )
    .await;
    let evidence = bytes(
        client,
        format!("{base}/api/v1/permit-requests/{issued}/evidence"),
        applicant,
    )
    .await;
    let log = json_at(
        client,
        format!("{base}/api/v1/admin/transparency/verify"),
        admin,
    )
    .await;
    let chain = json_at(
        client,
        format!("{base}/api/v1/admin/consents/verify"),
        admin,
    )
    .await;
    Seen {
        accounts,
        requests,
        document,
        draft_document,
        decision,
        evidence_is_zip: evidence.starts_with(b"PK"),
        log: (
            log["intact"].as_bool().expect("intact"),
            log["acts"].as_i64().expect("acts"),
        ),
        chain: (
            chain["intact"].as_bool().expect("intact"),
            chain["records"].as_i64().expect("records"),
        ),
    }
}

fn run(command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?} runs (postgresql-client: README, Needs): {e}"));
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn a_backup_restores_into_a_fresh_database_and_bucket_and_everything_verifies() {
    if saulet_tests::postgres_admin_url().is_none() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let garage = Garage::start().await;
    let settings = garage.settings();
    let app = spawn_app_with(move |c| {
        c.permits.s3 = Some(settings);
        c.consents.ship_agreements = true;
        c.server.auth_rate_limit = 1000;
    })
    .await;

    // Load: three people who accepted the agreement; a permit issued; a draft with a document.
    let applicant = person(&app, "employee", "aigul@build.kz", None).await;
    let reviewer = person(&app, "reviewer", "dinara@saulet.kz", Some(Role::Reviewer)).await;
    person(&app, "admin", "admin@saulet.kz", Some(Role::Admin)).await;
    let issued = app.submitted_sketch(&applicant).await;
    let issued = issued["id"].as_str().expect("an id").to_owned();
    app.acted(&reviewer, &issued, "accept", json!({})).await;
    assert_eq!(app.decide(&reviewer, &issued, "permit").await.status(), 200);
    let draft = app
        .draft(&applicant, "sketch-approval", sketch_form())
        .await;
    let draft = draft["id"].as_str().expect("an id").to_owned();
    let other_pdf = [PDF, b"% a second sketch\n"].concat();
    assert_eq!(
        app.upload(&applicant, &draft, "sketch", "екінші.pdf", &other_pdf)
            .await
            .status(),
        201
    );
    let emails = ["aigul@build.kz", "dinara@saulet.kz", "admin@saulet.kz"];
    let before = seen(&app.client, &app.address, &emails, &issued, &draft).await;
    assert!(before.log.0 && before.log.1 >= 4, "{:?}", before.log);
    assert!(before.chain.0 && before.chain.1 >= 3, "{:?}", before.chain);

    // Back up: the database with pg_dump, the bucket object by object.
    let work = tempfile::tempdir().expect("a folder");
    let dump = work.path().join("saulet.dump");
    run(Command::new("pg_dump")
        .args(["--format=custom", "--file"])
        .arg(&dump)
        .arg(app.database.url()));
    garage.create_bucket("restored");
    let copied = garage.copy_bucket(&garage.bucket, "restored").await;
    assert_eq!(copied, 3, "two documents and the decision PDF");

    // Restore into a fresh database, and start a node on it and the fresh bucket, with the
    // deployment's keys (kept with the secrets, not in the backup).
    let fresh = TestDatabase::empty().await.expect("PostgreSQL");
    run(Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname"])
        .arg(fresh.url())
        .arg(&dump));
    let folder = app.folder_with_keys();
    let mut env = node_env(fresh.url(), folder.path());
    env.extend(garage.node_env());
    env.push(("SAULET_PERMITS__S3__BUCKET", "restored".into()));
    let node = SauletProcess::start(&env).await;

    let after = seen(
        &app.client,
        &format!("http://127.0.0.1:{}", node.port),
        &emails,
        &issued,
        &draft,
    )
    .await;
    assert_eq!(
        after, before,
        "the restored node serves everything as it was"
    );
}
