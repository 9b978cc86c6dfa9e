//! The integrator's example client (`examples/typescript`, docs/integrators.md "A working
//! example") run end to end on SQLite and PostgreSQL: installed from its lock file, typed from
//! the committed spec and compiled, then run as an organisation's system would, with a client
//! the company's head registered and the head's SIGN key. The request it submits is then read
//! through the API: the organisation's, submitted, numbered, with the submission in its history.
//!
//! Needs Node.js (20 or newer, with npm) and the `openssl` command; without Node.js the test
//! fails, saying so.

use std::{
    path::PathBuf,
    process::{Command, Output, Stdio},
};

use saulet_api::eds::{KeyPurpose, dev_pki::DEV_PKI_PASSWORD};
use saulet_tests::{TestApp, pki::pki, spawn_app_with_clock, time};
use serde_json::{Value, json};

/// Signs `user` in with the EDS (the AUTH key over a fresh challenge); the access token.
async fn eds_token(app: &TestApp, user: &str) -> String {
    let challenge = app.challenge("sign-in").await;
    let signature = pki().sign(user, KeyPurpose::Authentication, challenge.as_bytes());
    let response = app
        .post_json(
            "/api/v1/auth/login/eds",
            &json!({"challenge": challenge, "signature": signature}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("JSON");
    body["access_token"].as_str().expect("a token").to_owned()
}

async fn created_client(app: &TestApp, token: &str, body: Value) -> Value {
    let created = app.post_as("/api/v1/clients", token, &body).await;
    let status = created.status();
    let created: Value = created.json().await.expect("JSON");
    assert_eq!(status, 201, "{created}");
    created
}

async fn json_as(app: &TestApp, path: &str, token: &str) -> Value {
    let response = app.get_as(path, token).await;
    let status = response.status();
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(status, 200, "{path}: {body}");
    body
}

fn example_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/typescript"
    ))
}

/// Runs `program` in the example's folder with `vars` set. On the blocking pool, with no stdin:
/// the client calls this server, whose database connections this test's runtime drives, so
/// blocking the runtime's thread (or a child waiting on a terminal) would hang the requests.
async fn run(program: &str, args: &[&str], vars: &[(&str, String)]) -> Output {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(example_dir())
        .env_remove("WEBHOOK_URL")
        .envs(vars.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null());
    let shown = format!("{program} {}", args.join(" "));
    tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("the child process is waited for")
        .unwrap_or_else(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                panic!(
                    "`{program}` is not installed: install Node.js 20 or newer (with npm, \
                     https://nodejs.org) to run the example client's test"
                );
            }
            panic!("`{shown}` could not start: {e}")
        })
}

fn text(output: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_ran(step: &str, output: &Output) {
    assert!(output.status.success(), "`{step}` failed: {}", text(output));
}

/// An exclusive lock on the example's folder (a lock file beside it), held until dropped; taken on
/// the blocking pool, since another test process may hold it for a while.
async fn example_folder_lock() -> std::fs::File {
    let path = example_dir().join(".test.lock");
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .unwrap_or_else(|e| panic!("{} opens: {e}", path.display()));
        file.lock()
            .unwrap_or_else(|e| panic!("{} is locked: {e}", path.display()));
        file
    })
    .await
    .expect("the lock is taken")
}

/// Node.js 20 or newer, and npm: the test fails (never passes silently) without them.
async fn require_node() {
    let node = run("node", &["--version"], &[]).await;
    assert_ran("node --version", &node);
    let version = String::from_utf8_lossy(&node.stdout).trim().to_owned();
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or_else(|| panic!("`node --version` said {version:?}"));
    assert!(
        major >= 20,
        "Node.js {version} is too old: install Node.js 20 or newer to run the example client's test"
    );
    assert_ran("npm --version", &run("npm", &["--version"], &[]).await);
}

#[tokio::test]
async fn the_typescript_example_client_submits_a_signed_request_for_its_organisation() {
    require_node().await;
    let app = spawn_app_with_clock(time::manual_clock(), |_| {}).await;
    app.cast().await;
    // The company's head, signed in with the organisation's EDS, registers the client.
    let head = eds_token(&app, "head").await;
    let created = created_client(
        &app,
        &head,
        json!({"name": "Example client", "scopes": ["permits:read", "permits:write"]}),
    )
    .await;
    let client_id = created["client"]["id"].as_str().expect("an id").to_owned();
    let secret = created["client_secret"]
        .as_str()
        .expect("a secret")
        .to_owned();

    // The SQLite and the PostgreSQL lanes of `make test` run this test at the same time in the
    // same folder, and `npm ci` starts by deleting node_modules: one lane at a time.
    let _folder = example_folder_lock().await;
    assert_ran(
        "npm ci",
        &run(
            "npm",
            &["ci", "--no-audit", "--no-fund", "--prefer-offline"],
            &[],
        )
        .await,
    );
    assert_ran("npm run build", &run("npm", &["run", "build"], &[]).await);
    let p12 = pki().files.p12_of(&pki().user("head").sign);
    let vars = [
        ("SAULET_URL", app.url("")),
        ("CLIENT_ID", client_id),
        ("CLIENT_SECRET", secret),
        ("SIGNER_P12", p12.display().to_string()),
        ("SIGNER_PASSWORD", DEV_PKI_PASSWORD.to_owned()),
    ];
    // A refusal is printed as its problem document; a wrong key password stops the run before
    // anything is created. Either way the run fails.
    for (name, value, said) in [
        ("CLIENT_SECRET", "sk_wrong", "token: 401 invalid-client"),
        ("SIGNER_PASSWORD", "wrong", "error: openssl pkcs12: "),
    ] {
        let mut wrong = vars.clone();
        for var in wrong.iter_mut().filter(|(k, _)| *k == name) {
            var.1 = value.to_owned();
        }
        let refused = run("node", &["dist/submit.js"], &wrong).await;
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
        assert!(stderr.contains(said), "{}", text(&refused));
    }

    let output = run("node", &["dist/submit.js"], &vars).await;
    let shown = text(&output);
    assert!(
        output.status.success(),
        "the example client failed: {shown}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}"); // shown with `--nocapture`
    for step in [
        "signer:",
        "token:",
        "permit-types:",
        "create:",
        "upload:",
        "digest:",
        "sign:",
        "submit:",
        "history:",
        "result:",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(step)),
            "no `{step}` line: {shown}"
        );
    }

    // What the client did, as the organisation's people see it.
    let listed = json_as(&app, "/api/v1/permit-requests", &head).await;
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{listed}");
    let id = items[0]["id"].as_str().expect("an id");
    let request = json_as(&app, &format!("/api/v1/permit-requests/{id}"), &head).await;
    assert_eq!(request["type_code"], "sketch-approval");
    assert_eq!(request["status"], "submitted", "{request}");
    let number = request["number"].as_str().expect("a registration number");
    assert!(
        stdout.contains(&format!("result: {number} submitted")),
        "{shown}"
    );
    let documents = request["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 1, "{request}");
    assert_eq!(documents[0]["slot"], "sketch");
    assert_eq!(documents[0]["content_type"], "application/pdf");
    let history = json_as(
        &app,
        &format!("/api/v1/permit-requests/{id}/history"),
        &head,
    )
    .await;
    let submission = history
        .as_array()
        .expect("history")
        .iter()
        .find(|h| h["action"] == "submit")
        .unwrap_or_else(|| panic!("no submission in the history: {history}"));
    assert_eq!(submission["from_status"], "draft");
    assert_eq!(submission["to_status"], "submitted");
}
