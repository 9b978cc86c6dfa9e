//! The user agreement and consent records on SQLite and PostgreSQL: the
//! 3-day notice at its edges, acceptances signed with the SIGN key, append-only records that the
//! database itself protects, and a hash chain that reveals a record altered behind our back.

use chrono::Duration;
use saulet_api::{clock::Clock, eds::KeyPurpose};
use saulet_tests::{TestApp, pki::pki, problem, spawn_app_with_clock};
use sea_orm::{ConnectionTrait, DatabaseBackend};
use serde_json::{Value, json};

fn terms(version: &str) -> Value {
    json!({
        "kind": "terms",
        "title": {"kk": format!("Пайдаланушы келісімі {version}"), "ru": format!("Пользовательское соглашение {version}"), "en": format!("User agreement {version}")},
        "body": {"kk": format!("Келісім мәтіні {version}"), "ru": format!("Текст соглашения {version}"), "en": format!("Agreement text {version}")},
    })
}

async fn agreements(app: &TestApp) -> Vec<Value> {
    let body: Value = app
        .get("/api/v1/agreements")
        .await
        .json()
        .await
        .expect("JSON");
    body.as_array().expect("a list").clone()
}

fn with_status<'a>(list: &'a [Value], status: &str) -> Vec<&'a Value> {
    list.iter().filter(|a| a["status"] == status).collect()
}

#[tokio::test]
async fn a_new_version_takes_effect_exactly_three_days_after_it_is_published() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let first = app
        .post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await;
    assert_eq!(
        first.status(),
        201,
        "the first version takes effect at once"
    );
    let first: Value = first.json().await.expect("JSON");
    assert_eq!(first["status"], "in_force");
    admin_accepts(&app, &admin).await;

    let second = app
        .post_as("/api/v1/admin/agreements", &admin, &terms("v2"))
        .await;
    assert_eq!(second.status(), 201);
    let second: Value = second.json().await.expect("JSON");
    assert_eq!(second["status"], "upcoming");
    assert_eq!(second["version"], 2);
    let effective: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(second["effective_at"].clone()).expect("a time");
    assert_eq!(
        effective,
        saulet_api::db::stamp(clock.now() + Duration::days(3))
    );

    let another = app
        .post_as("/api/v1/admin/agreements", &admin, &terms("v3"))
        .await;
    assert_eq!(another.status(), 409, "one version waits at a time");

    clock.set(effective - Duration::seconds(1));
    let list = agreements(&app).await;
    assert_eq!(
        with_status(&list, "in_force")[0]["version"],
        1,
        "one second before: the old one"
    );
    assert_eq!(with_status(&list, "upcoming")[0]["version"], 2);

    clock.set(effective);
    let list = agreements(&app).await;
    let in_force = with_status(&list, "in_force");
    assert_eq!(in_force.len(), 1, "exactly one in force");
    assert_eq!(in_force[0]["version"], 2, "at the instant: the new one");
    let old: Value = app
        .get(&format!(
            "/api/v1/agreements/{}",
            first["id"].as_str().expect("an id")
        ))
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(old["status"], "annulled");
}

#[tokio::test]
async fn publishing_sooner_than_the_notice_period_is_refused() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    app.post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await;
    admin_accepts(&app, &admin).await;
    let mut early = terms("v2");
    early["effective_at"] = json!(clock.now() + Duration::days(2));
    let refused = app
        .post_as("/api/v1/admin/agreements", &admin, &early)
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(problem(refused).await["errors"][0]["code"], "too_soon");
    let mut personal = terms("pd");
    personal["kind"] = json!("personal_data");
    let no_details = app
        .post_as("/api/v1/admin/agreements", &admin, &personal)
        .await;
    assert_eq!(problem(no_details).await["errors"][0]["field"], "details");
}

#[tokio::test]
async fn publishing_tells_every_active_account_at_once() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let user = app.signed_in("individual", "aliya@example.kz").await;
    app.post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await;
    let accepted = signed_acceptance(&app, &user, "individual", KeyPurpose::Signing).await;
    assert_eq!(accepted.status(), 201);
    let inbox: Value = app
        .get_as("/api/v1/notifications", &user)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(inbox["items"][0]["category"], "legal");
    assert_eq!(inbox["items"][0]["event"]["kind"], "agreement_published");
    let mail = app.emails_to("aliya@example.kz", 2).await;
    assert!(
        mail.iter().any(|m| m
            .text
            .as_deref()
            .unwrap_or_default()
            .contains("/agreements/")),
        "with a link to the text"
    );
}

/// The administrator accepts the version in force too: the gate binds staff like everyone.
async fn admin_accepts(app: &TestApp, admin: &str) {
    let accepted = signed_acceptance(app, admin, "admin", KeyPurpose::Signing).await;
    assert_eq!(accepted.status(), 201);
}

async fn signed_acceptance(
    app: &TestApp,
    token: &str,
    user: &str,
    purpose: KeyPurpose,
) -> reqwest::Response {
    let list = agreements(app).await;
    let agreement = with_status(&list, "in_force")[0].clone();
    let hash = agreement["body_sha256"]["ru"].as_str().expect("a hash");
    let signature = pki().sign(user, purpose, hash.as_bytes());
    app.post_as(
        "/api/v1/consents",
        token,
        &json!({"agreement_id": agreement["id"], "language": "ru", "signature": signature, "channel": "web"}),
    )
    .await
}

#[tokio::test]
async fn an_acceptance_is_signed_with_the_holders_sign_key_and_recorded_with_its_evidence() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    app.post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await;

    let with_auth = signed_acceptance(&app, &token, "individual", KeyPurpose::Authentication).await;
    assert_eq!(
        problem(with_auth).await["type"],
        "eds-wrong-key-usage",
        "a written consent needs the SIGN key"
    );
    let someone_else =
        signed_acceptance(&app, &token, "second-individual", KeyPurpose::Signing).await;
    assert_eq!(problem(someone_else).await["type"], "eds-identity-mismatch");

    let list = agreements(&app).await;
    let agreement = with_status(&list, "in_force")[0].clone();
    let hash = agreement["body_sha256"]["ru"].as_str().expect("a hash");
    let body = json!({"agreement_id": agreement["id"], "language": "ru", "channel": "web",
        "signature": pki().sign("individual", KeyPurpose::Signing, hash.as_bytes())});
    let accepted = app.post_as("/api/v1/consents", &token, &body).await;
    assert_eq!(accepted.status(), 201);
    let record: Value = accepted.json().await.expect("JSON");
    assert_eq!(record["action"], "accepted");

    // The same signed acceptance sent again byte for byte, and a fresh signature of the same
    // version, are not a second act: 200 with the standing record, nothing added.
    let replayed = app.post_as("/api/v1/consents", &token, &body).await;
    assert_eq!(replayed.status(), 200);
    let replayed: Value = replayed.json().await.expect("JSON");
    assert_eq!(replayed["id"], record["id"]);
    let resigned = signed_acceptance(&app, &token, "individual", KeyPurpose::Signing).await;
    assert_eq!(resigned.status(), 200);
    assert_eq!(
        resigned.json::<Value>().await.expect("JSON")["id"],
        record["id"]
    );
    admin_accepts(&app, &admin).await;
    let tally: Value = app
        .get_as("/api/v1/admin/consents", &admin)
        .await
        .json()
        .await
        .expect("JSON");
    assert!(
        tally["counts"]
            .as_array()
            .expect("counts")
            .iter()
            .any(|c| c["accepted"] == 2 && c["withdrawn"] == 0),
        "two accounts, two acceptances: {tally}"
    );
    assert_eq!(record["language"], "ru");
    assert_eq!(record["channel"], "web");
    assert_eq!(
        record["signer_serial"],
        pki().user("individual").sign.serial.as_str()
    );
    let mine: Value = app
        .get_as("/api/v1/consents", &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(mine.as_array().expect("a list").len(), 1);
}

#[tokio::test]
async fn consent_records_cannot_be_changed_and_an_altered_one_is_found_by_the_chain() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let aliya = app.signed_in("individual", "aliya@example.kz").await;
    let bolat = app.signed_in("second-individual", "bolat@example.kz").await;
    app.post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await;
    assert_eq!(
        signed_acceptance(&app, &aliya, "individual", KeyPurpose::Signing)
            .await
            .status(),
        201
    );
    assert_eq!(
        signed_acceptance(&app, &bolat, "second-individual", KeyPurpose::Signing)
            .await
            .status(),
        201
    );

    admin_accepts(&app, &admin).await;

    let report: Value = app
        .get_as("/api/v1/admin/consents/verify", &admin)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(report["records"], 3);
    assert_eq!(report["intact"], true);

    for sql in [
        "UPDATE consent_records SET language = 'en'",
        "DELETE FROM consent_records",
    ] {
        let refused = app.db.execute_unprepared(sql).await;
        assert!(refused.is_err(), "the database refuses: {sql}");
    }

    // Someone with the database's owner rights switches the protection off and alters a record.
    let backend = app.db.get_database_backend();
    let disable = match backend {
        DatabaseBackend::Postgres => {
            vec!["ALTER TABLE consent_records DISABLE TRIGGER consent_records_append_only"]
        }
        _ => vec!["DROP TRIGGER consent_records_no_update"],
    };
    for sql in disable {
        app.db.execute_unprepared(sql).await.expect("the owner can");
    }
    app.db
        .execute_unprepared("UPDATE consent_records SET language = 'en' WHERE seq = 1")
        .await
        .expect("altered");
    let report: Value = app
        .get_as("/api/v1/admin/consents/verify", &admin)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(report["intact"], false);
    assert_eq!(report["first_broken"]["seq"], 1, "{report}");
}

#[tokio::test]
async fn an_account_that_has_not_accepted_the_version_in_force_may_only_read_accept_or_leave() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    assert_eq!(
        app.get_as("/api/v1/notifications", &token).await.status(),
        200,
        "no agreement yet: no gate"
    );

    let published: Value = app
        .post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await
        .json()
        .await
        .expect("JSON");
    let gated = app.get_as("/api/v1/notifications", &token).await;
    assert_eq!(gated.status(), 403);
    let body = problem(gated).await;
    assert_eq!(body["type"], "consent-required");
    assert_eq!(body["documents"], json!([published["id"]]));
    let patch = app
        .send_json_as(
            reqwest::Method::PATCH,
            "/api/v1/accounts/me",
            &token,
            Some(&json!({"language": "ru"})),
        )
        .await;
    assert_eq!(problem(patch).await["type"], "consent-required");

    // The allow-list still works while gated.
    assert_eq!(app.get("/api/v1/agreements").await.status(), 200);
    assert_eq!(app.get_as("/api/v1/consents", &token).await.status(), 200);
    assert_eq!(
        app.get_as("/api/v1/accounts/me", &token).await.status(),
        200
    );

    assert_eq!(
        signed_acceptance(&app, &token, "individual", KeyPurpose::Signing)
            .await
            .status(),
        201
    );
    assert_eq!(
        app.get_as("/api/v1/notifications", &token).await.status(),
        200,
        "accepted: the gate opens"
    );

    let signed_out = app.post_as("/api/v1/auth/logout", &token, &json!({})).await;
    assert_eq!(signed_out.status(), 204);
}

#[tokio::test]
async fn a_version_that_takes_effect_later_gates_only_from_its_effective_instant() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    app.post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await;
    assert_eq!(
        signed_acceptance(&app, &token, "individual", KeyPurpose::Signing)
            .await
            .status(),
        201
    );
    admin_accepts(&app, &admin).await;
    let v2: Value = app
        .post_as("/api/v1/admin/agreements", &admin, &terms("v2"))
        .await
        .json()
        .await
        .expect("JSON");
    let effective: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(v2["effective_at"].clone()).expect("a time");

    clock.set(effective - Duration::seconds(1));
    let token = app.login("aliya@example.kz", saulet_tests::PASSWORD).await["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();
    assert_eq!(
        app.get_as("/api/v1/notifications", &token).await.status(),
        200,
        "one second before: still fine"
    );
    clock.set(effective);
    let gated = app.get_as("/api/v1/notifications", &token).await;
    let body = problem(gated).await;
    assert_eq!(body["type"], "consent-required", "at the instant: gated");
    assert_eq!(body["documents"], json!([v2["id"]]));
    assert_eq!(
        signed_acceptance(&app, &token, "individual", KeyPurpose::Signing)
            .await
            .status(),
        201
    );
    assert_eq!(
        app.get_as("/api/v1/notifications", &token).await.status(),
        200
    );
}

async fn personal_data_published(app: &TestApp, admin: &str) -> Value {
    let body = json!({
        "kind": "personal_data",
        "title": {"kk": "Дербес деректерге келісім", "ru": "Согласие на обработку персональных данных", "en": "Personal-data consent"},
        "body": {"kk": "Келісім мәтіні", "ru": "Текст согласия", "en": "Consent text"},
        "details": {
            "operator": "Сәулет және қала құрылысы басқармасы",
            "operator_contact": "info@saulet.example.kz",
            "data_collected": ["IIN", "full name", "email", "phone"],
            "purposes": ["permits and approvals"],
            "term": "5 years after the last request",
            "third_party_transfer": ["utilities reviewing requests"],
            "cross_border_transfer": false
        }
    });
    let published = app.post_as("/api/v1/admin/agreements", admin, &body).await;
    assert_eq!(published.status(), 201);
    published.json().await.expect("JSON")
}

fn acceptance_of(agreement: &Value, user: &str) -> Value {
    let hash = agreement["body_sha256"]["kk"].as_str().expect("a hash");
    json!({"agreement_id": agreement["id"], "language": "kk", "signature": pki().sign(user, KeyPurpose::Signing, hash.as_bytes())})
}

#[tokio::test]
async fn registration_needs_the_signed_acceptance_of_every_version_in_force() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let terms_v1: Value = app
        .post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await
        .json()
        .await
        .expect("JSON");
    admin_accepts(&app, &admin).await;
    let consent_v1 = personal_data_published(&app, &admin).await;

    let refused = app.register("individual", "aliya@example.kz").await;
    assert_eq!(refused.status(), 403);
    let body = problem(refused).await;
    assert_eq!(body["type"], "consent-required");
    assert_eq!(body["documents"].as_array().expect("a list").len(), 2);

    let (challenge, signature) = app.signed_challenge("individual", "register").await;
    let someone_elses = app
        .post_json("/api/v1/accounts", &json!({
            "challenge": challenge, "signature": signature, "email": "aliya@example.kz",
            "password": saulet_tests::PASSWORD, "language": "kk",
            "consents": [acceptance_of(&terms_v1, "second-individual"), acceptance_of(&consent_v1, "second-individual")],
        }))
        .await;
    assert_eq!(
        problem(someone_elses).await["type"],
        "eds-identity-mismatch"
    );

    let (challenge, signature) = app.signed_challenge("individual", "register").await;
    let registered = app
        .post_json("/api/v1/accounts", &json!({
            "challenge": challenge, "signature": signature, "email": "aliya@example.kz",
            "password": saulet_tests::PASSWORD, "language": "kk",
            "consents": [acceptance_of(&terms_v1, "individual"), acceptance_of(&consent_v1, "individual")],
        }))
        .await;
    assert_eq!(registered.status(), 201);
    let token = app.login("aliya@example.kz", saulet_tests::PASSWORD).await["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let mine: Value = app
        .get_as("/api/v1/consents", &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(mine.as_array().expect("a list").len(), 2);
    assert_eq!(
        app.get_as("/api/v1/notifications", &token).await.status(),
        200,
        "not gated"
    );
}

struct PermitInProgress;

#[async_trait::async_trait]
impl saulet_api::consents::service::LegalHold for PermitInProgress {
    async fn has_open_obligations(
        &self,
        _account: uuid::Uuid,
    ) -> Result<bool, saulet_api::error::ApiError> {
        Ok(true)
    }
}

/// The signed withdrawal of `record`: the statement read from `GET …/withdrawal`, its digest
/// signed with `user`'s SIGN key.
async fn signed_withdrawal(app: &TestApp, token: &str, record: &str, user: &str) -> Value {
    let statement = app
        .get_as(&format!("/api/v1/consents/{record}/withdrawal"), token)
        .await;
    assert_eq!(statement.status(), 200);
    let statement: Value = statement.json().await.expect("JSON");
    let digest = statement["digest"].as_str().expect("a digest");
    json!({
        "digest": digest,
        "signature": pki().sign(user, KeyPurpose::Signing, digest.as_bytes()),
    })
}

async fn consented_user(app: &TestApp, admin: &str) -> (String, String) {
    let token = app.signed_in("individual", "aliya@example.kz").await;
    let consent = personal_data_published(app, admin).await;
    let hash = consent["body_sha256"]["kk"].as_str().expect("a hash");
    let record: Value = app
        .post_as("/api/v1/consents", &token, &json!({"agreement_id": consent["id"], "language": "kk", "signature": pki().sign("individual", KeyPurpose::Signing, hash.as_bytes())}))
        .await
        .json()
        .await
        .expect("JSON");
    (token, record["id"].as_str().expect("an id").to_owned())
}

#[tokio::test]
async fn a_withdrawal_is_refused_under_legal_hold() {
    let clock = saulet_tests::time::manual_clock();
    let app = saulet_tests::spawn_app_with_legal_hold(
        clock,
        Some(std::sync::Arc::new(PermitInProgress)),
        |_| {},
    )
    .await;
    let admin = app.admin_token().await;
    let (token, record) = consented_user(&app, &admin).await;
    let signed = signed_withdrawal(&app, &token, &record, "individual").await;
    let refused = app
        .post_as(
            &format!("/api/v1/consents/{record}/withdraw"),
            &token,
            &signed,
        )
        .await;
    assert_eq!(refused.status(), 409);
    assert_eq!(problem(refused).await["type"], "legal-hold");
    assert_eq!(
        app.get_as("/api/v1/notifications", &token).await.status(),
        200,
        "nothing changed"
    );
}

#[tokio::test]
async fn a_withdrawal_gates_the_account_tells_the_owner_and_leaves_a_receipt() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock, |_| {}).await;
    let admin = app.admin_token().await;
    let (token, record) = consented_user(&app, &admin).await;

    let receipt: Value = app
        .get_as(&format!("/api/v1/consents/{record}/receipt"), &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(receipt["version"], "KI-CR-v1.1.0");
    assert_eq!(receipt["jurisdiction"], "KZ");
    assert_eq!(
        receipt["piiPrincipalId"],
        pki().user("individual").iin.as_str()
    );
    assert_eq!(
        receipt["piiControllers"][0]["piiController"],
        "Сәулет және қала құрылысы басқармасы"
    );
    assert_eq!(
        receipt["services"][0]["purposes"][0]["purpose"],
        "permits and approvals"
    );
    assert_eq!(
        receipt["evidence"]["signerCertificateSerial"],
        pki().user("individual").sign.serial.as_str()
    );

    // The statement names the consent withdrawn, in the language it was given in.
    let statement: Value = app
        .get_as(&format!("/api/v1/consents/{record}/withdrawal"), &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(statement["statement"]["consent_record"], record.as_str());
    assert_eq!(
        statement["statement"]["account"]["iin"],
        pki().user("individual").iin.as_str()
    );
    assert!(
        statement["statement"]["statement"]
            .as_str()
            .is_some_and(|s| s.contains("кері қайтарып аламын")),
        "{statement}"
    );
    let path = format!("/api/v1/consents/{record}/withdraw");
    let signed = signed_withdrawal(&app, &token, &record, "individual").await;
    // Refused, and nothing recorded: unsigned, signed with the AUTH key, or over another digest.
    let unsigned = app.post_as(&path, &token, &json!({})).await;
    assert_eq!(
        problem(unsigned).await["type"],
        "validation",
        "a body without a signature"
    );
    let digest = signed["digest"].as_str().expect("a digest");
    let with_auth_key = app
        .post_as(&path, &token, &json!({"digest": digest, "signature": pki().sign("individual", KeyPurpose::Authentication, digest.as_bytes())}))
        .await;
    assert_eq!(
        problem(with_auth_key).await["type"],
        "eds-wrong-key-usage",
        "the AUTH key does not sign"
    );
    let other_digest = "0".repeat(64);
    let over_another = app
        .post_as(&path, &token, &json!({"digest": other_digest, "signature": pki().sign("individual", KeyPurpose::Signing, other_digest.as_bytes())}))
        .await;
    assert_eq!(
        problem(over_another).await["type"],
        "conflict",
        "not the statement's digest"
    );
    let someone_else = app
        .post_as(&path, &token, &json!({"digest": digest, "signature": pki().sign("second-individual", KeyPurpose::Signing, digest.as_bytes())}))
        .await;
    assert_eq!(
        problem(someone_else).await["type"],
        "eds-identity-mismatch",
        "another person's signature"
    );
    assert_eq!(
        app.get_as("/api/v1/notifications", &token).await.status(),
        200,
        "still not withdrawn"
    );

    let withdrawn = app.post_as(&path, &token, &signed).await;
    assert_eq!(withdrawn.status(), 201);
    let withdrawn: Value = withdrawn.json().await.expect("JSON");
    assert_eq!(
        withdrawn["signer_serial"],
        pki().user("individual").sign.serial.as_str(),
        "the withdrawal is signed"
    );
    let gated = app.get_as("/api/v1/notifications", &token).await;
    assert_eq!(
        problem(gated).await["type"],
        "consent-required",
        "no services until consent again"
    );
    let mail = app.emails_to("aliya@example.kz", 3).await;
    assert!(
        mail.iter()
            .any(|m| m.subject.as_deref() == Some("Дербес деректерге келісім кері қайтарылды"))
    );

    let export = app.get_as("/api/v1/accounts/me/export", &token).await;
    assert_eq!(export.status(), 200, "export stays allowed");
    let export: Value = export.json().await.expect("JSON");
    assert_eq!(export["consents"].as_array().expect("a list").len(), 2);
    assert_eq!(export["account"]["email"], "aliya@example.kz");

    let again = app.post_as(&path, &token, &signed).await;
    assert_eq!(
        problem(again).await["type"],
        "consent-required",
        "withdrawing is not on the allow-list"
    );

    // The administrator is bound by the consent too before using the administration.
    let versions = agreements(&app).await;
    let consent = versions
        .iter()
        .find(|a| a["kind"] == "personal_data")
        .expect("published");
    let hash = consent["body_sha256"]["kk"].as_str().expect("a hash");
    let admin_accepts = app
        .post_as("/api/v1/consents", &admin, &json!({"agreement_id": consent["id"], "language": "kk", "signature": pki().sign("admin", KeyPurpose::Signing, hash.as_bytes())}))
        .await;
    assert_eq!(admin_accepts.status(), 201);
    let admin_view: Value = app
        .get_as("/api/v1/admin/consents?action=withdrawn", &admin)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(admin_view["items"].as_array().expect("a list").len(), 1);
    let counts = admin_view["counts"].as_array().expect("counts");
    assert!(
        counts
            .iter()
            .any(|c| c["kind"] == "personal_data" && c["accepted"] == 2 && c["withdrawn"] == 1),
        "{counts:?}"
    );
}

#[tokio::test]
async fn an_open_permit_request_holds_the_withdrawal_until_it_is_withdrawn() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock, |_| {}).await;
    let admin = app.admin_token().await;
    let (token, record) = consented_user(&app, &admin).await;
    let me: Value = app
        .get_as("/api/v1/accounts/me", &token)
        .await
        .json()
        .await
        .expect("JSON");
    let applicant = saulet_tests::permits::Person {
        token: token.clone(),
        id: me["id"]
            .as_str()
            .and_then(|i| i.parse().ok())
            .expect("an id"),
        email: "aliya@example.kz".into(),
        pki: "individual",
    };
    let request = app.submitted_sketch(&applicant).await;
    let path = format!("/api/v1/consents/{record}/withdraw");
    let signed = signed_withdrawal(&app, &token, &record, "individual").await;
    let withdraw_consent = || app.post_as(&path, &token, &signed);
    let held = withdraw_consent().await;
    assert_eq!(held.status(), 409);
    assert_eq!(problem(held).await["type"], "legal-hold");

    let id = request["id"].as_str().expect("an id");
    app.acted(&applicant, id, "withdraw", json!({})).await;
    assert_eq!(
        withdraw_consent().await.status(),
        201,
        "nothing in progress any more"
    );
}

#[tokio::test]
async fn a_first_start_puts_the_shipped_agreement_and_consent_in_force_and_registration_needs_them()
{
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |c| c.consents.ship_agreements = true).await;
    let shipped = agreements(&app).await;
    let in_force = with_status(&shipped, "in_force");
    assert_eq!(in_force.len(), 2, "{shipped:?}");
    let terms = in_force
        .iter()
        .find(|a| a["kind"] == "terms")
        .expect("the user agreement");
    let consent = in_force
        .iter()
        .find(|a| a["kind"] == "personal_data")
        .expect("the personal-data consent");
    assert_eq!(terms["version"], 1);
    assert_eq!(terms["effective_at"], terms["published_at"]);
    // The portal's own text, in Kazakh, with its translations.
    let kk = terms["body"]["kk"].as_str().expect("Kazakh");
    assert!(kk.contains("«Электрондық сәулет»"), "{kk:.200}");
    assert!(
        terms["body"]["ru"]
            .as_str()
            .expect("Russian")
            .contains("ЭЦП")
    );
    assert!(!terms["body"]["en"].as_str().expect("English").is_empty());
    assert!(
        consent["details"]["purposes"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    );

    // Nobody registers without accepting both.
    let refused = app.register("individual", "aliya@example.kz").await;
    assert_eq!(refused.status(), 403);
    let body = problem(refused).await;
    assert_eq!(body["type"], "consent-required");
    assert_eq!(body["documents"].as_array().map(Vec::len), Some(2));
    let (challenge, signature) = app.signed_challenge("individual", "register").await;
    let registered = app
        .post_json("/api/v1/accounts", &json!({
            "challenge": challenge, "signature": signature, "email": "aliya@example.kz",
            "password": saulet_tests::PASSWORD, "language": "kk",
            "consents": [acceptance_of(terms, "individual"), acceptance_of(consent, "individual")],
        }))
        .await;
    assert_eq!(registered.status(), 201);

    // A restart does not ship them again.
    drop(app);
    let again = spawn_app_with_clock(clock, |c| c.consents.ship_agreements = true).await;
    assert_eq!(with_status(&agreements(&again).await, "in_force").len(), 2);
}

#[tokio::test]
async fn an_administrator_publishing_a_first_version_is_not_locked_out_before_the_second() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let published = app
        .post_as("/api/v1/admin/agreements", &admin, &terms("v1"))
        .await;
    assert_eq!(published.status(), 201);
    // In force at once, and not yet accepted by the administrator: the rest of the site is gated…
    let gated = app.get_as("/api/v1/notifications", &admin).await;
    assert_eq!(problem(gated).await["type"], "consent-required");
    // …but the agreements' page is not, so the second document follows.
    let second = personal_data_published(&app, &admin).await;
    assert_eq!(second["status"], "in_force");
}
