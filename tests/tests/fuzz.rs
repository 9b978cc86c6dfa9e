//! API fuzzing with schemathesis (from PyPI) against the live server, on SQLite and PostgreSQL:
//! every operation of the committed spec, with valid tokens of an applicant and of an
//! administrator; no response may be a 5xx, and every response must conform to the spec.
//!
//! `make fuzz-api` runs it long (`FUZZ_EXAMPLES`, default 2,000 requests and more); `make test`
//! runs a short round. The operations that would end the fuzzing session itself (sign-out,
//! closing, blocking or deleting the account, ending sessions, changing the password) are left
//! out; their own tests cover them. Schemathesis is looked for in `FUZZ_SCHEMATHESIS`, then on the `PATH`;
//! `make test` installs it into `target/fuzz-venv` (`make fuzz-deps`). When it is missing the test
//! fails and says how to install it: a fuzzing test that fuzzed nothing must not pass.

use std::process::Command;

use saulet_api::eds::KeyPurpose;
use saulet_tests::{TestApp, pki::pki, spawn_app_with};
use serde_json::{Value, json};

/// `user`'s access token for a session begun with the EDS (the AUTH key over a challenge).
async fn eds_token(app: &TestApp, user: &str) -> String {
    let challenge = app.challenge("sign-in").await;
    let signature = pki().sign(user, KeyPurpose::Authentication, challenge.as_bytes());
    let signed_in: Value = app
        .post_json(
            "/api/v1/auth/login/eds",
            &json!({"challenge": challenge, "signature": signature}),
        )
        .await
        .json()
        .await
        .expect("JSON");
    signed_in["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("an EDS session of {user}: {signed_in}"))
        .to_owned()
}

/// A token of an API client of the company with every scope, as its system would get one: the
/// head, signed in with the organisation's EDS, registers the client; the client asks
/// `/oauth/token` with its secret.
async fn client_token(app: &TestApp) -> String {
    let head = eds_token(app, "head").await;
    let head = head.as_str();
    let scopes = [
        "permits:read",
        "permits:write",
        "approvals:read",
        "approvals:write",
        "webhooks:manage",
    ];
    let created: Value = app
        .post_as(
            "/api/v1/clients",
            head,
            &json!({"name": "Fuzzing", "scopes": scopes}),
        )
        .await
        .json()
        .await
        .expect("JSON");
    let granted: Value = app
        .client
        .post(app.url("/oauth/token"))
        .basic_auth(
            created["client"]["id"].as_str().expect("a client"),
            created["client_secret"].as_str(),
        )
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("JSON");
    granted["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("a client token: {granted}"))
        .to_owned()
}

fn schemathesis() -> Option<String> {
    let candidate = std::env::var("FUZZ_SCHEMATHESIS").unwrap_or_else(|_| "schemathesis".into());
    Command::new(&candidate)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| candidate)
}

#[tokio::test]
async fn generated_requests_never_get_a_server_error_or_an_answer_outside_the_spec() {
    let Some(schemathesis) = schemathesis() else {
        panic!(
            "schemathesis was not found (FUZZ_SCHEMATHESIS or the PATH): run `make fuzz-deps` \
             (a virtual environment in target/fuzz-venv) and set \
             FUZZ_SCHEMATHESIS=$PWD/target/fuzz-venv/bin/schemathesis, or `pip install \
             'schemathesis>=4.3,<5'`; `make test` does both"
        );
    };
    // Many requests a minute from one client: its quota is not what is tested here.
    let app = spawn_app_with(|c| c.server.client_rate_limit_per_minute = 1_000_000).await;
    let cast = app.cast().await;
    let client = client_token(&app).await;
    // Blocking, refusing and deleting accounts need an administrator's session begun with the EDS.
    let admin_eds = eds_token(&app, "admin").await;
    app.submitted_sketch(&cast.applicant).await;
    let examples = std::env::var("FUZZ_EXAMPLES").unwrap_or_else(|_| "5".into());
    let spec = app.url("/api/v1/openapi.json");
    // What would end a fuzzing session itself: signing out, closing or blocking the account,
    // ending its sessions, changing its password. Left out of the three sessions, then fuzzed
    // last, each by whoever may call it.
    const SESSION_ENDING: [&str; 4] = ["logout", "close_me", "end_my_session", "change_password"];
    const ADMIN_ENDING: [&str; 3] = ["admin_block", "admin_refuse", "admin_delete"];
    let except = |ops: &[&str]| -> Vec<String> {
        ops.iter()
            .flat_map(|op| ["--exclude-operation-id".to_owned(), (*op).to_owned()])
            .collect()
    };
    let only = |ops: &[&str]| -> Vec<String> {
        ops.iter()
            .flat_map(|op| ["--include-operation-id".to_owned(), (*op).to_owned()])
            .collect()
    };
    let ending: Vec<&str> = SESSION_ENDING
        .iter()
        .chain(&ADMIN_ENDING)
        .copied()
        .collect();
    let last = |ops: &[&str]| -> Vec<String> {
        let mut args = only(ops);
        args.extend([
            "--phases".to_owned(),
            "examples,coverage,fuzzing".to_owned(),
        ]);
        args
    };
    for (who, token, filter) in [
        ("applicant", &cast.applicant.token, except(&ending)),
        ("admin", &cast.admin.token, except(&ending)),
        ("API client", &client, except(&ending)),
        ("admin, last", &admin_eds, last(&ADMIN_ENDING)),
        (
            "applicant, last",
            &cast.applicant.token,
            last(&SESSION_ENDING),
        ),
    ] {
        let report = tempfile::NamedTempFile::new().expect("a file");
        let output = tokio::task::spawn_blocking({
            let (schemathesis, spec, token, examples) = (
                schemathesis.clone(),
                spec.clone(),
                token.clone(),
                examples.clone(),
            );
            let report = report.path().to_path_buf();
            move || {
                Command::new(schemathesis)
                    .args([
                        "--config-file",
                        concat!(env!("CARGO_MANIFEST_DIR"), "/schemathesis.toml"),
                        "run",
                        &spec,
                        "--checks",
                        "all",
                        "--max-examples",
                        &examples,
                        "--header",
                        &format!("Authorization: Bearer {token}"),
                        "--suppress-health-check",
                        "all",
                        "--seed",
                        "20261124",
                    ])
                    .args(&filter)
                    .args(["--report", "junit", "--report-junit-path"])
                    .arg(&report)
                    .env("NO_COLOR", "1")
                    .output()
                    .expect("schemathesis runs")
            }
        })
        .await
        .expect("joined");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "schemathesis as the {who} found failures:\n{text}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        println!(
            "{who}: {}",
            text.lines().rev().take(40).collect::<Vec<_>>().join(" | ")
        );
    }
}
