//! Organisations' API clients on SQLite and PostgreSQL (docs/integrators.md): registered by a
//! person of the organisation signed in with the EDS; tokens by the client-credentials grant with
//! a secret or a signed assertion (`private_key_jwt`), each refusal with its own problem type; a
//! client sees what its organisation sees and nothing else, within its scopes; revoking stops its
//! tokens at once; every change is audited.

use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::Duration;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use saulet_api::{clock::Clock, eds::KeyPurpose};
use saulet_tests::{TestApp, pki::pki, problem, spawn_app_with_clock, time};
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

/// `POST /oauth/token` with a form body and, optionally, HTTP Basic credentials.
async fn token_request(
    app: &TestApp,
    basic: Option<(&str, &str)>,
    form: &str,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url("/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form.to_owned());
    if let Some((id, secret)) = basic {
        request = request.header(
            "Authorization",
            format!("Basic {}", STANDARD.encode(format!("{id}:{secret}"))),
        );
    }
    request.send().await.expect("the server answers")
}

async fn refused(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    response.json().await.expect("JSON")
}

async fn created_client(app: &TestApp, token: &str, body: Value) -> Value {
    let created = app.post_as("/api/v1/clients", token, &body).await;
    let status = created.status();
    let created: Value = created.json().await.expect("JSON");
    assert_eq!(status, 201, "{created}");
    created
}

fn access_token(body: &Value) -> String {
    body["access_token"].as_str().expect("a token").to_owned()
}

#[tokio::test]
async fn a_client_with_a_secret_acts_for_its_organisation_within_its_scopes_until_revoked() {
    let app = spawn_app_with_clock(time::manual_clock(), |_| {}).await;
    let cast = app.cast().await;
    let request = app.submitted_sketch(&cast.applicant).await;
    let request_id = request["id"].as_str().expect("an id");

    // Registering a client needs the organisation's EDS, and an organisation.
    let by_password = app
        .post_as(
            "/api/v1/clients",
            &cast.applicant.token,
            &json!({"name": "ERP", "scopes": ["permits:read"]}),
        )
        .await;
    assert_eq!(problem(by_password).await["type"], "conflict");
    let individual = eds_token(&app, "second-individual").await;
    let not_an_organisation = app
        .post_as(
            "/api/v1/clients",
            &individual,
            &json!({"name": "Mine", "scopes": ["permits:read"]}),
        )
        .await;
    assert_eq!(not_an_organisation.status(), 403);
    let representative = eds_token(&app, "employee").await;
    let unknown_scope = app
        .post_as(
            "/api/v1/clients",
            &representative,
            &json!({"name": "ERP", "scopes": ["admin"]}),
        )
        .await;
    assert_eq!(
        problem(unknown_scope).await["errors"][0]["field"],
        "scopes[0]"
    );
    let created = created_client(
        &app,
        &representative,
        json!({"name": "ERP", "scopes": ["permits:read"]}),
    )
    .await;
    let client_id = created["client"]["id"].as_str().expect("an id").to_owned();
    let secret = created["client_secret"]
        .as_str()
        .expect("a secret")
        .to_owned();
    assert_eq!(
        created["client"]["auth_methods"],
        json!(["client_secret_basic"])
    );
    assert!(created["client"].get("secret_sha256").is_none());
    // The organisation's other person sees it, without its secret.
    let listed: Value = app
        .get_as("/api/v1/clients", &cast.colleague.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(listed[0]["id"], client_id.as_str());
    assert!(!listed.to_string().contains(&secret));

    // Tokens: the grant, the secret, the scopes.
    let basic = Some((client_id.as_str(), secret.as_str()));
    let granted = token_request(&app, basic, "grant_type=client_credentials").await;
    assert_eq!(granted.status(), 200);
    assert_eq!(granted.headers()["cache-control"], "no-store");
    let granted: Value = granted.json().await.expect("JSON");
    assert_eq!(granted["token_type"], "Bearer");
    assert_eq!(granted["scope"], "permits:read");
    let token = access_token(&granted);
    let wrong = token_request(
        &app,
        Some((&client_id, "sk_wrong")),
        "grant_type=client_credentials",
    )
    .await;
    let wrong = refused(wrong, 401).await;
    assert_eq!(wrong["type"], "invalid-client");
    assert_eq!(wrong["error"], "invalid_client");
    let password_grant =
        token_request(&app, basic, "grant_type=password&username=x&password=y").await;
    assert_eq!(
        refused(password_grant, 400).await["type"],
        "unsupported-grant-type"
    );
    let more = token_request(
        &app,
        basic,
        "grant_type=client_credentials&scope=permits%3Awrite",
    )
    .await;
    assert_eq!(refused(more, 400).await["type"], "invalid-scope");

    // What the organisation's people see, nothing personal, nothing beyond the scope.
    let path = format!("/api/v1/permit-requests/{request_id}");
    let read = app.get_as(&path, &token).await;
    assert_eq!(read.status(), 200);
    let listed: Value = app
        .get_as("/api/v1/permit-requests", &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(listed["items"][0]["id"], request_id);
    let write = app
        .post_as(
            "/api/v1/permit-requests",
            &token,
            &json!({"type_code": "sketch-approval", "title": "x"}),
        )
        .await;
    let write = refused(write, 403).await;
    assert_eq!(write["type"], "insufficient-scope");
    assert!(
        write["detail"]
            .as_str()
            .is_some_and(|d| d.contains("permits:write"))
    );
    let personal = app.get_as("/api/v1/accounts/me", &token).await;
    assert_eq!(refused(personal, 403).await["type"], "insufficient-scope");
    let clients = app.get_as("/api/v1/clients", &token).await;
    assert_eq!(refused(clients, 403).await["type"], "insufficient-scope");

    // Another organisation's client sees none of it.
    let utility = eds_token(&app, "water-engineer").await;
    let theirs = created_client(
        &app,
        &utility,
        json!({"name": "Water ERP", "scopes": ["permits:read"]}),
    )
    .await;
    let their_token: Value = token_request(
        &app,
        Some((
            theirs["client"]["id"].as_str().expect("an id"),
            theirs["client_secret"].as_str().expect("a secret"),
        )),
        "grant_type=client_credentials",
    )
    .await
    .json()
    .await
    .expect("JSON");
    let other = app.get_as(&path, &access_token(&their_token)).await;
    assert_eq!(other.status(), 404);
    let not_theirs = app
        .get_as(&format!("/api/v1/clients/{client_id}"), &utility)
        .await;
    assert_eq!(not_theirs.status(), 404);

    // Revoked by the organisation's other person: the token stops at once, no new one.
    let revoked = app
        .send_json_as(
            reqwest::Method::DELETE,
            &format!("/api/v1/clients/{client_id}"),
            &cast.colleague.token,
            None,
        )
        .await;
    assert_eq!(revoked.status(), 200);
    let stopped = app.get_as(&path, &token).await;
    assert_eq!(refused(stopped, 401).await["type"], "client-revoked");
    let again = token_request(&app, basic, "grant_type=client_credentials").await;
    assert_eq!(refused(again, 401).await["type"], "client-revoked");

    // The administrators see every organisation's clients and the audit of each change.
    let all: Value = app
        .get_as("/api/v1/admin/clients", &cast.admin.token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(all.as_array().map(Vec::len), Some(2));
    let audit = app
        .get_as("/api/v1/admin/audit-events", &cast.admin.token)
        .await
        .text()
        .await
        .expect("text");
    for action in ["api_client.created", "api_client.revoked"] {
        assert!(audit.contains(action), "{action} in {audit}");
    }
    let by_person = app
        .get_as("/api/v1/admin/clients", &cast.applicant.token)
        .await;
    assert_eq!(by_person.status(), 403);
}

/// An EC P-256 key pair: (private key PEM, public key PEM).
fn p256_key() -> (Vec<u8>, String) {
    use openssl::{
        ec::{EcGroup, EcKey},
        nid::Nid,
        pkey::PKey,
    };
    let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).expect("P-256");
    let key = PKey::from_ec_key(EcKey::generate(&group).expect("a key")).expect("a key");
    (
        key.private_key_to_pem_pkcs8().expect("PEM"),
        String::from_utf8(key.public_key_to_pem().expect("PEM")).expect("UTF-8"),
    )
}

fn assertion(private_pem: &[u8], client: &str, aud: &str, exp: i64, jti: &str) -> String {
    let claims = json!({"iss": client, "sub": client, "aud": aud, "exp": exp, "jti": jti});
    jsonwebtoken::encode(
        &Header::new(Algorithm::ES256),
        &claims,
        &EncodingKey::from_ec_pem(private_pem).expect("a key"),
    )
    .expect("signed")
}

fn assertion_form(jwt: &str) -> String {
    format!(
        "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={jwt}"
    )
}

#[tokio::test]
async fn a_client_with_a_key_proves_itself_with_a_fresh_assertion_once() {
    let clock = time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let cast = app.cast().await;
    let (private, public) = p256_key();
    let representative = eds_token(&app, "head").await;
    let created = created_client(
        &app,
        &representative,
        json!({"name": "Design office", "scopes": ["permits:read", "permits:write"], "public_key_pem": public}),
    )
    .await;
    assert!(
        created["client_secret"].is_null(),
        "no shared secret exists"
    );
    assert_eq!(created["client"]["key_algorithm"], "ES256");
    let client = created["client"]["id"].as_str().expect("an id").to_owned();
    let now = clock.now().timestamp();

    let fresh = assertion(&private, &client, "saulet", now + 60, "first");
    let granted = token_request(&app, None, &assertion_form(&fresh)).await;
    assert_eq!(granted.status(), 200);
    let granted: Value = granted.json().await.expect("JSON");
    assert_eq!(granted["scope"], "permits:read permits:write");
    // It writes for the organisation: a draft of the company, seen by its people.
    let draft = app
        .post_as(
            "/api/v1/permit-requests",
            &access_token(&granted),
            &json!({"type_code": "sketch-approval", "title": "From the design office", "form_data": saulet_tests::permits::sketch_form()}),
        )
        .await;
    assert_eq!(draft.status(), 201);
    let draft: Value = draft.json().await.expect("JSON");
    let seen = app
        .get_as(
            &format!(
                "/api/v1/permit-requests/{}",
                draft["id"].as_str().expect("an id")
            ),
            &cast.applicant.token,
        )
        .await;
    assert_eq!(seen.status(), 200, "a colleague sees the client's draft");

    let replayed = token_request(&app, None, &assertion_form(&fresh)).await;
    assert_eq!(refused(replayed, 401).await["type"], "assertion-replayed");
    let late = assertion(&private, &client, "saulet", now - 120, "late");
    let late = token_request(&app, None, &assertion_form(&late)).await;
    assert_eq!(refused(late, 401).await["type"], "assertion-expired");
    let long = assertion(&private, &client, "saulet", now + 3600, "long");
    let long = token_request(&app, None, &assertion_form(&long)).await;
    assert_eq!(refused(long, 401).await["type"], "assertion-expired");
    let elsewhere = assertion(
        &private,
        &client,
        "https://elsewhere.example/oauth/token",
        now + 60,
        "aud",
    );
    let elsewhere = token_request(&app, None, &assertion_form(&elsewhere)).await;
    assert_eq!(refused(elsewhere, 401).await["type"], "invalid-client");
    let (stranger_key, _) = p256_key();
    let forged = assertion(&stranger_key, &client, "saulet", now + 60, "forged");
    let forged = token_request(&app, None, &assertion_form(&forged)).await;
    assert_eq!(refused(forged, 401).await["type"], "invalid-client");
    // A secret was never issued: Basic credentials are refused.
    let basic = token_request(
        &app,
        Some((&client, "anything")),
        "grant_type=client_credentials",
    )
    .await;
    assert_eq!(refused(basic, 401).await["type"], "invalid-client");

    // The clock moves on: the used `jti` is forgotten once expired, a new assertion works.
    clock.advance(Duration::minutes(10));
    let later = assertion(
        &private,
        &client,
        "saulet",
        clock.now().timestamp() + 60,
        "first",
    );
    let later = token_request(&app, None, &assertion_form(&later)).await;
    assert_eq!(later.status(), 200);
}

/// The `sh` blocks of docs/integrators.md's key-pair section, with the server's address put in.
fn documented_recipe(address: &str) -> Vec<String> {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/integrators.md"
    ))
    .expect("docs/integrators.md");
    let section = doc
        .split("## 3.")
        .nth(1)
        .and_then(|s| s.split("## 4.").next())
        .expect("the key-pair section");
    section
        .split("```sh\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .map(|block| block.replace("http://127.0.0.1:8080", address))
        .collect()
}

#[tokio::test]
async fn the_documented_openssl_recipe_gets_a_token_with_a_key_pair() {
    let clock = time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    app.cast().await;
    let dir = tempfile::tempdir().expect("a folder");
    let recipe = documented_recipe(&app.url(""));
    assert_eq!(
        recipe.len(),
        2,
        "the key, then the assertion and the token request"
    );
    let now = clock.now().timestamp().to_string();
    // On the blocking pool: the script calls this server, whose database connections this
    // test's runtime drives, so blocking the runtime's thread would hang the request.
    let run = |script: &str, client: &str| {
        let mut command = std::process::Command::new("bash");
        command
            .args(["-euo", "pipefail", "-c", script])
            .current_dir(dir.path())
            .env("CLIENT_ID", client)
            .env("NOW", &now)
            .stdin(std::process::Stdio::null());
        tokio::task::spawn_blocking(move || command.output().expect("bash runs"))
    };
    let keys = run(&recipe[0], "").await.expect("the script ran");
    assert!(
        keys.status.success(),
        "{}",
        String::from_utf8_lossy(&keys.stderr)
    );
    let public = std::fs::read_to_string(dir.path().join("client.pub")).expect("client.pub");
    let representative = eds_token(&app, "head").await;
    let created = created_client(
        &app,
        &representative,
        json!({"name": "Scripted", "scopes": ["permits:read"], "public_key_pem": public}),
    )
    .await;
    let client = created["client"]["id"].as_str().expect("an id");
    // The recipe's `NOW` (the current Unix time) is the server's clock's.
    let output = run(&recipe[1], client).await.expect("the script ran");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: Value = serde_json::from_str(&text).expect("JSON");
    assert!(answer["access_token"].is_string(), "{answer}");
    assert_eq!(answer["scope"], "permits:read");
}

#[tokio::test]
async fn a_utility_answers_its_approval_task_through_its_client_with_a_signed_document() {
    use saulet_tests::permits::{PDF, Person, apz_form};
    let app = spawn_app_with_clock(time::manual_clock(), |_| {}).await;
    let cast = app.cast().await;
    let draft = app.draft(&cast.applicant, "apz-tu", apz_form()).await;
    let id = draft["id"].as_str().expect("an id").to_owned();
    for slot in ["land_title", "topographic_survey"] {
        let uploaded = app
            .upload(&cast.applicant, &id, slot, "документ.pdf", PDF)
            .await;
        assert_eq!(uploaded.status(), 201);
    }
    assert_eq!(app.submit(&cast.applicant, &id).await.status(), 200);
    app.acted(&cast.reviewer, &id, "accept", json!({})).await;

    let utility = eds_token(&app, "water-engineer").await;
    let created = created_client(
        &app,
        &utility,
        json!({"name": "Water workflow", "scopes": ["approvals:read", "approvals:write", "permits:read"]}),
    )
    .await;
    let granted: Value = token_request(
        &app,
        Some((
            created["client"]["id"].as_str().expect("an id"),
            created["client_secret"].as_str().expect("a secret"),
        )),
        "grant_type=client_credentials",
    )
    .await
    .json()
    .await
    .expect("JSON");
    let token = access_token(&granted);

    // The organisation's open tasks, with the request each is about.
    let open: Value = app
        .get_as("/api/v1/approval-tasks", &token)
        .await
        .json()
        .await
        .expect("JSON");
    let open = open.as_array().expect("a list");
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["request_id"], id.as_str());
    assert_eq!(open[0]["task"]["organisation"]["code"], "water");
    assert_eq!(open[0]["task"]["status"], "pending");
    let task = open[0]["task"]["id"].as_str().expect("a task").to_owned();
    let bogus = app
        .get_as("/api/v1/approval-tasks?status=maybe", &token)
        .await;
    assert_eq!(refused(bogus, 400).await["type"], "invalid-query");
    let not_staff = app
        .get_as("/api/v1/approval-tasks", &cast.applicant.token)
        .await;
    assert_eq!(not_staff.status(), 403);
    // The request and its documents are readable with `permits:read`.
    let request: Value = app
        .get_as(&format!("/api/v1/permit-requests/{id}"), &token)
        .await
        .json()
        .await
        .expect("JSON");
    let document = request["documents"][0]["id"].as_str().expect("a document");
    let download = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/documents/{document}"),
            &token,
        )
        .await;
    assert_eq!(download.status(), 200);

    // The client transports the answer; the engineer's SIGN key signs it.
    let through_client = Person {
        token: token.clone(),
        id: cast.water.id,
        email: cast.water.email.clone(),
        pki: "water-engineer",
    };
    let conditions = TestApp::technical_conditions("ТУ: водопровод d=150 мм");
    let answered = app
        .answer_task(
            &through_client,
            &id,
            &task,
            "approve",
            None,
            Some(("технические-условия.pdf", &conditions)),
        )
        .await;
    assert_eq!(answered.status(), 200);

    // The applicant sees it in the request, and it is a signed act of the request's evidence.
    let seen: Value = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}"),
            &cast.applicant.token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    let water = seen["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["organisation"]["code"] == "water")
        .expect("the water task");
    assert_eq!(water["status"], "approved");
    assert_eq!(water["document"]["file_name"], "технические-условия.pdf");
    let acts = app
        .get_as(
            &format!("/api/v1/permit-requests/{id}/acts"),
            &cast.applicant.token,
        )
        .await
        .text()
        .await
        .expect("text");
    assert!(acts.contains("\"approval\""), "{acts}");
    let pending: Value = app
        .get_as("/api/v1/approval-tasks", &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(pending.as_array().map(Vec::len), Some(0));
    let approved: Value = app
        .get_as("/api/v1/approval-tasks?status=approved", &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(approved.as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn each_client_has_its_own_quota_told_in_ratelimit_headers() {
    let app = spawn_app_with_clock(time::manual_clock(), |c| {
        c.server.client_rate_limit_per_minute = 3;
    })
    .await;
    let cast = app.cast().await;
    let representative = eds_token(&app, "head").await;
    let mut tokens = Vec::new();
    for name in ["First", "Second"] {
        let created = created_client(
            &app,
            &representative,
            json!({"name": name, "scopes": ["permits:read"]}),
        )
        .await;
        let granted: Value = token_request(
            &app,
            Some((
                created["client"]["id"].as_str().expect("an id"),
                created["client_secret"].as_str().expect("a secret"),
            )),
            "grant_type=client_credentials",
        )
        .await
        .json()
        .await
        .expect("JSON");
        tokens.push(access_token(&granted));
    }
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    for left in [2, 1, 0] {
        let listed = app.get_as("/api/v1/permit-requests", &tokens[0]).await;
        assert_eq!(listed.status(), 200);
        assert_eq!(
            header(&listed, "ratelimit-policy").as_deref(),
            Some("\"client\";q=3;w=60")
        );
        assert_eq!(
            header(&listed, "ratelimit"),
            Some(format!("\"client\";r={left};t=60"))
        );
    }
    let refused = app.get_as("/api/v1/permit-requests", &tokens[0]).await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = header(&refused, "retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(
        header(&refused, "ratelimit"),
        Some(format!("\"client\";r=0;t={wait}"))
    );
    assert_eq!(problem(refused).await["type"], "rate-limited");
    // Another client of the same organisation, from the same address, has its own quota; people
    // are not counted as clients.
    let other = app.get_as("/api/v1/permit-requests", &tokens[1]).await;
    assert_eq!(other.status(), 200);
    assert_eq!(
        header(&other, "ratelimit"),
        Some("\"client\";r=2;t=60".to_owned())
    );
    for _ in 0..5 {
        let person = app
            .get_as("/api/v1/permit-requests", &cast.applicant.token)
            .await;
        assert_eq!(person.status(), 200);
        assert!(header(&person, "ratelimit").is_none());
    }
}
