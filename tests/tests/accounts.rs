//! Registering with the EDS, signing in, tokens, lockout, password recovery and the
//! administrators' actions, on SQLite and PostgreSQL (R-2.6, R-3.1.2, R-3.2.3, R-3.3.1,
//! R-3.3.3, R-3.3.5). Certificates come from the dev PKI; mail goes to a real SMTP server.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::Duration;
use reqwest::Method;
use saulet_api::eds::KeyPurpose;
use saulet_tests::{PASSWORD, link_parameter, pki::pki, problem, spawn_app, spawn_app_with_clock};
use sea_orm::EntityTrait;
use serde_json::json;

#[tokio::test]
async fn an_individual_registers_with_the_eds_and_gets_a_verification_email() {
    let app = spawn_app().await;
    let account = app.registered("individual", "aliya@example.kz").await;
    let person = pki().user("individual");
    assert_eq!(account["kind"], "individual");
    assert_eq!(account["iin"], person.iin.as_str());
    assert_eq!(account["bin"], serde_json::Value::Null);
    assert_eq!(account["role"], "applicant");
    assert_eq!(account["email_verified"], false);
    assert!(
        account["full_name"]
            .as_str()
            .unwrap_or_default()
            .contains(person.surname)
    );

    let emails = app.emails_to("aliya@example.kz", 1).await;
    assert_eq!(emails.len(), 1, "one verification email");
    let token = link_parameter(&emails[0], "token").expect("a verification link");
    let verified = app
        .post_json("/api/v1/auth/email/verify", &json!({"token": token}))
        .await;
    assert_eq!(verified.status(), 200);
    let verified: serde_json::Value = verified.json().await.expect("JSON");
    assert_eq!(verified["email_verified"], true);

    let again = app
        .post_json("/api/v1/auth/email/verify", &json!({"token": token}))
        .await;
    assert_eq!(
        problem(again).await["type"],
        "token-invalid",
        "a link works once"
    );
}

#[tokio::test]
async fn a_company_employee_registers_as_its_representative() {
    let app = spawn_app().await;
    let account = app.registered("employee", "dana@company.kz").await;
    let person = pki().user("employee");
    assert_eq!(account["kind"], "legal_entity");
    assert_eq!(account["bin"], person.bin.as_ref().expect("a BIN").as_str());
    assert_eq!(
        account["organisation"],
        person.organisation.expect("an organisation")
    );
}

#[tokio::test]
async fn registration_with_a_bad_certificate_is_refused_with_its_own_problem_type() {
    let app = spawn_app().await;
    for (user, expected) in [
        ("expired", "eds-expired"),
        ("revoked", "eds-revoked"),
        ("untrusted", "eds-untrusted"),
    ] {
        let response = app.register(user, &format!("{user}@example.kz")).await;
        assert_eq!(response.status(), 422, "{user}");
        assert_eq!(problem(response).await["type"], expected, "{user}");
    }
    // A SIGN key (non-repudiation) cannot be used to log in or register.
    let challenge = app.challenge("register").await;
    let signature = pki().sign("individual", KeyPurpose::Signing, challenge.as_bytes());
    let response = app
        .post_json(
            "/api/v1/accounts",
            &json!({"challenge": challenge, "signature": signature, "email": "k@example.kz", "password": PASSWORD, "language": "ru"}),
        )
        .await;
    assert_eq!(problem(response).await["type"], "eds-wrong-key-usage");
    assert_no_account(&app).await;
}

#[tokio::test]
async fn a_tampered_signature_or_a_signature_over_other_bytes_is_refused() {
    let app = spawn_app().await;
    let challenge = app.challenge("register").await;
    let other = pki().sign(
        "individual",
        KeyPurpose::Authentication,
        b"saulet:auth:something-else",
    );
    let response = app
        .post_json(
            "/api/v1/accounts",
            &json!({"challenge": challenge, "signature": other, "email": "a@example.kz", "password": PASSWORD, "language": "en"}),
        )
        .await;
    assert_eq!(problem(response).await["type"], "eds-invalid-signature");

    let mut signature = pki().sign(
        "individual",
        KeyPurpose::Authentication,
        challenge.as_bytes(),
    );
    // Flip one character near the end (inside the RSA signature value).
    let at = signature.len() - 10;
    let flipped = if &signature[at..=at] == "A" { "B" } else { "A" };
    signature.replace_range(at..=at, flipped);
    let response = app
        .post_json(
            "/api/v1/accounts",
            &json!({"challenge": challenge, "signature": signature, "email": "a@example.kz", "password": PASSWORD, "language": "en"}),
        )
        .await;
    let body = problem(response).await;
    assert!(
        ["eds-invalid-signature", "eds-malformed"]
            .contains(&body["type"].as_str().unwrap_or_default()),
        "{body}"
    );
    assert_no_account(&app).await;
}

#[tokio::test]
async fn a_challenge_cannot_be_replayed_or_used_after_it_expires() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let (challenge, signature) = app.signed_challenge("individual", "register").await;
    let body = json!({"challenge": challenge, "signature": signature, "email": "a@example.kz", "password": PASSWORD, "language": "kk"});
    assert_eq!(app.post_json("/api/v1/accounts", &body).await.status(), 201);
    let replay = app
        .post_json(
            "/api/v1/auth/login/eds",
            &json!({"challenge": challenge, "signature": signature}),
        )
        .await;
    assert_eq!(problem(replay).await["type"], "eds-challenge-expired");

    let (challenge, signature) = app.signed_challenge("employee", "register").await;
    clock.advance(Duration::minutes(6));
    let late = app
        .post_json(
            "/api/v1/accounts",
            &json!({"challenge": challenge, "signature": signature, "email": "b@example.kz", "password": PASSWORD, "language": "kk"}),
        )
        .await;
    assert_eq!(problem(late).await["type"], "eds-challenge-expired");
}

#[tokio::test]
async fn a_challenge_is_spent_only_on_the_flow_it_was_asked_for() {
    let app = spawn_app().await;
    // No purpose, or an unknown one: refused before anything is stored.
    let bare = app
        .post_json("/api/v1/auth/eds/challenge", &json!({}))
        .await;
    assert_eq!(problem(bare).await["type"], "validation");
    let unknown = app
        .post_json(
            "/api/v1/auth/eds/challenge",
            &json!({"purpose": "anything"}),
        )
        .await;
    assert_eq!(problem(unknown).await["type"], "validation");

    // A person tries to sign in before registering: the sign-in fails, and its signed challenge
    // cannot then be carried over to register an account.
    let (challenge, signature) = app.signed_challenge("individual", "sign-in").await;
    assert!(challenge.starts_with("saulet:auth:sign-in:"), "{challenge}");
    let sign_in = app
        .post_json(
            "/api/v1/auth/login/eds",
            &json!({"challenge": challenge, "signature": signature}),
        )
        .await;
    assert_eq!(sign_in.status(), 401);
    let register = app
        .post_json(
            "/api/v1/accounts",
            &json!({"challenge": challenge, "signature": signature, "email": "a@example.kz", "password": PASSWORD, "language": "ru"}),
        )
        .await;
    assert_eq!(register.status(), 422);
    let body = problem(register).await;
    assert_eq!(body["errors"][0]["field"], "challenge", "{body}");
    assert_eq!(body["errors"][0]["code"], "wrong_purpose", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .expect("a message")
            .contains("`register`"),
        "the message names the flow to ask for, in the user's language: {body}"
    );
    assert_no_account(&app).await;

    // Nor can a registration challenge bind a certificate, or a certificate challenge sign in.
    let token = app.signed_in("individual", "a@example.kz").await;
    let (challenge, signature) = app.signed_challenge("individual-renewed", "register").await;
    let bind = app
        .send_json_as(
            Method::PUT,
            "/api/v1/accounts/me/certificate",
            &token,
            Some(&json!({"challenge": challenge, "signature": signature})),
        )
        .await;
    assert_eq!(problem(bind).await["errors"][0]["code"], "wrong_purpose");
    let (challenge, signature) = app.signed_challenge("individual", "bind-certificate").await;
    let sign_in = app
        .post_json(
            "/api/v1/auth/login/eds",
            &json!({"challenge": challenge, "signature": signature}),
        )
        .await;
    assert_eq!(problem(sign_in).await["errors"][0]["code"], "wrong_purpose");
    // The refused attempt did not burn it: it still binds (the same certificate, here).
    let bound = app
        .send_json_as(
            Method::PUT,
            "/api/v1/accounts/me/certificate",
            &token,
            Some(&json!({"challenge": challenge, "signature": signature})),
        )
        .await;
    assert_eq!(
        bound.status(),
        200,
        "{}",
        bound.text().await.expect("a body")
    );
}

#[tokio::test]
async fn a_second_account_for_the_same_identity_or_email_is_refused() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let same_person = app.register("individual", "other@example.kz").await;
    assert_eq!(same_person.status(), 409);
    assert_eq!(problem(same_person).await["type"], "identity-taken");
    // The renewed certificate names the same IIN: still the same identity.
    let renewed = app.register("individual-renewed", "third@example.kz").await;
    assert_eq!(problem(renewed).await["type"], "identity-taken");
    let same_email = app.register("second-individual", "ALIYA@example.kz").await;
    assert_eq!(same_email.status(), 409);
    assert_eq!(problem(same_email).await["type"], "email-taken");
}

#[tokio::test]
async fn a_weak_password_is_refused_before_anything_is_stored() {
    let app = spawn_app().await;
    let (challenge, signature) = app.signed_challenge("individual", "register").await;
    let response = app
        .post_json(
            "/api/v1/accounts",
            &json!({"challenge": challenge, "signature": signature, "email": "a@example.kz", "password": "1234567890", "language": "kk"}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let body = problem(response).await;
    assert_eq!(body["errors"][0]["field"], "password");
    assert_eq!(body["errors"][0]["code"], "too_common");
    assert_no_account(&app).await;
}

#[tokio::test]
async fn signing_in_with_a_password_by_email_or_iin() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let by_email = app.login("Aliya@Example.kz", PASSWORD).await;
    assert_eq!(by_email["token_type"], "Bearer");
    assert!(
        by_email["refresh_token"].is_string(),
        "API clients get the refresh token"
    );
    let by_iin = app
        .login(pki().user("individual").iin.as_str(), PASSWORD)
        .await;
    let me = app
        .get_as(
            "/api/v1/accounts/me",
            by_iin["access_token"].as_str().expect("a token"),
        )
        .await;
    assert_eq!(me.status(), 200);

    let wrong = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": "not the password"}),
        )
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(problem(wrong).await["type"], "invalid-credentials");
    let unknown = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "nobody@example.kz", "password": "not the password"}),
        )
        .await;
    assert_eq!(
        problem(unknown).await["type"],
        "invalid-credentials",
        "the same answer: no enumeration"
    );
}

/// A hash stored before the argon2 parameters changed still signs the person in, and is
/// replaced by one with today's parameters at that sign-in (never at a failed one).
#[tokio::test]
async fn a_password_hashed_with_older_parameters_signs_in_and_is_rehashed() {
    use argon2::{Algorithm, Argon2, Params, PasswordHasher, Version, password_hash::SaltString};
    use saulet_api::accounts::entity::account;
    use sea_orm::{ActiveModelTrait, ColumnTrait, QueryFilter, Set};

    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let stored = || async {
        account::Entity::find()
            .filter(account::Column::EmailNormalized.eq("aliya@example.kz"))
            .one(&app.db)
            .await
            .expect("a query")
            .expect("the account")
    };
    let old_params = Params::new(19 * 1024, 2, 1, None).expect("params");
    let old_hash = Argon2::new(Algorithm::Argon2id, Version::V0x13, old_params)
        .hash_password(
            PASSWORD.as_bytes(),
            &SaltString::from_b64("b2xkLXNhbHQtMTIzNA").expect("salt"),
        )
        .expect("hashes")
        .to_string();
    let mut row: account::ActiveModel = stored().await.into();
    row.password_hash = Set(Some(old_hash.clone()));
    row.update(&app.db).await.expect("stored");

    let wrong = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": "not the password"}),
        )
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(
        stored().await.password_hash.as_deref(),
        Some(old_hash.as_str()),
        "a failed sign-in changes no hash"
    );

    app.login("aliya@example.kz", PASSWORD).await;
    let rehashed = stored().await.password_hash.expect("a hash");
    assert_ne!(rehashed, old_hash);
    assert!(
        rehashed.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"),
        "today's parameters: {rehashed}"
    );
    assert!(!saulet_api::accounts::password::needs_rehash(&rehashed));
    assert_eq!(
        stored().await.failed_logins,
        0,
        "the failure count is reset too"
    );
    app.login("aliya@example.kz", PASSWORD).await;
}

#[tokio::test]
async fn the_spa_gets_its_refresh_token_only_as_an_http_only_cookie() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let response = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": PASSWORD, "client": "web"}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(cookie.starts_with("saulet_refresh="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert!(
        body.get("refresh_token").is_none(),
        "not in the body: {body}"
    );

    let value = cookie.split(';').next().expect("a pair").to_owned();
    let refreshed = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", value)
        .json(&json!({"client": "web"}))
        .send()
        .await
        .expect("an answer");
    assert_eq!(refreshed.status(), 200);
}

#[tokio::test]
async fn eds_sign_in_binds_a_renewed_certificate_and_never_another_identity() {
    let app = spawn_app().await;
    let account = app.registered("individual", "aliya@example.kz").await;
    let (challenge, signature) = app.signed_challenge("individual-renewed", "sign-in").await;
    let response = app
        .post_json(
            "/api/v1/auth/login/eds",
            &json!({"challenge": challenge, "signature": signature}),
        )
        .await;
    assert_eq!(response.status(), 200);
    let tokens: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(
        tokens["account"]["id"], account["id"],
        "the renewed certificate reaches the same account"
    );
    let renewed_serial = &pki().user("individual-renewed").auth.serial;
    let bound = certificate_serials(&app).await;
    assert!(
        bound.contains(renewed_serial),
        "the renewed certificate is bound: {bound:?}"
    );

    // Another person's certificate has no account here.
    let (challenge, signature) = app.signed_challenge("second-individual", "sign-in").await;
    let other = app
        .post_json(
            "/api/v1/auth/login/eds",
            &json!({"challenge": challenge, "signature": signature}),
        )
        .await;
    assert_eq!(problem(other).await["type"], "invalid-credentials");

    // Nor can it be bound to this account.
    let token = tokens["access_token"].as_str().expect("a token");
    let (challenge, signature) = app
        .signed_challenge("second-individual", "bind-certificate")
        .await;
    let bind = app
        .send_json_as(
            Method::PUT,
            "/api/v1/accounts/me/certificate",
            token,
            Some(&json!({"challenge": challenge, "signature": signature})),
        )
        .await;
    assert_eq!(bind.status(), 403);
    assert_eq!(problem(bind).await["type"], "eds-identity-mismatch");
}

async fn refreshed(app: &saulet_tests::TestApp, token: &str) -> reqwest::Response {
    app.post_json("/api/v1/auth/refresh", &json!({"refresh_token": token}))
        .await
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    app.registered("individual", "aliya@example.kz").await;
    let first = app.login("aliya@example.kz", PASSWORD).await;
    let old_refresh = first["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_owned();

    let rotated = refreshed(&app, &old_refresh).await;
    assert_eq!(rotated.status(), 200);
    let rotated: serde_json::Value = rotated.json().await.expect("JSON");
    let new_refresh = rotated["refresh_token"]
        .as_str()
        .expect("a new refresh token")
        .to_owned();
    assert_ne!(new_refresh, old_refresh);
    let access = rotated["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned();
    assert_eq!(
        app.get_as("/api/v1/accounts/me", &access).await.status(),
        200
    );

    // The old token again, past the grace period for concurrent refreshes (10 s): theft or
    // replay. The whole session ends.
    clock.advance(Duration::seconds(11));
    let reuse = refreshed(&app, &old_refresh).await;
    assert_eq!(reuse.status(), 401);
    let after = refreshed(&app, &new_refresh).await;
    assert_eq!(
        after.status(),
        401,
        "the newest token of the family is dead too"
    );
    assert_eq!(
        app.get_as("/api/v1/accounts/me", &access).await.status(),
        401,
        "and so is the access token"
    );
}

#[tokio::test]
async fn two_refreshes_at_once_keep_the_session() {
    // Two tabs restoring the session at once, or a reload while the previous page's refresh was
    // in flight (its answer, with the new cookie, never reached the page): the same token twice
    // within seconds is the owner's, not a thief's.
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let first = app.login("aliya@example.kz", PASSWORD).await;
    let token = first["refresh_token"].as_str().expect("a refresh token");
    let (one, two) = tokio::join!(refreshed(&app, token), refreshed(&app, token));
    let (one, two): (serde_json::Value, serde_json::Value) = (
        one.json().await.expect("JSON"),
        two.json().await.expect("JSON"),
    );
    for answer in [&one, &two] {
        let access = answer["access_token"].as_str().expect("tokens for both");
        assert_eq!(
            app.get_as("/api/v1/accounts/me", access).await.status(),
            200
        );
    }
    let again = refreshed(&app, token).await;
    assert_eq!(again.status(), 200, "a third time, still within seconds");
    // Each answer's new token carries the session on.
    for answer in [&one, &two] {
        let next = answer["refresh_token"]
            .as_str()
            .expect("a new refresh token");
        assert_eq!(refreshed(&app, next).await.status(), 200);
    }
    let sessions = saulet_api::accounts::entity::session::Entity::find()
        .all(&app.db)
        .await
        .expect("read");
    assert_eq!(sessions.len(), 1, "one session, not one per refresh");
    assert!(sessions[0].revoked_at.is_none());
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let tokens = app.login("aliya@example.kz", PASSWORD).await;
    let access = tokens["access_token"].as_str().expect("a token");
    let out = app.post_as("/api/v1/auth/logout", access, &json!({})).await;
    assert_eq!(out.status(), 204);
    assert_eq!(
        app.get_as("/api/v1/accounts/me", access).await.status(),
        401
    );
    let refresh = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(refresh.status(), 401);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_and_tell_the_owner() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |c| c.auth.lockout_threshold = 3).await;
    app.registered("individual", "aliya@example.kz").await;
    for _ in 0..3 {
        let wrong = app
            .post_json(
                "/api/v1/auth/login",
                &json!({"login": "aliya@example.kz", "password": "wrong-password"}),
            )
            .await;
        assert_eq!(wrong.status(), 401);
    }
    let locked = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": PASSWORD}),
        )
        .await;
    assert_eq!(locked.status(), 423, "even the right password waits");
    let retry_after: i64 = locked.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    assert_eq!(problem(locked).await["type"], "account-locked");

    let emails = app.emails_to("aliya@example.kz", 2).await;
    assert!(
        emails.iter().any(|m| m
            .text
            .as_deref()
            .unwrap_or_default()
            .contains("/password/forgot")),
        "the lock email offers a way out"
    );

    clock.advance(Duration::minutes(16));
    app.login("aliya@example.kz", PASSWORD).await;
}

#[tokio::test]
async fn an_administrator_lifts_a_lockout() {
    let app = spawn_app_with(|c| c.auth.lockout_threshold = 2).await;
    let account = app.registered("individual", "aliya@example.kz").await;
    let admin_token = app.admin_token().await;
    for _ in 0..2 {
        app.post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": "wrong-password"}),
        )
        .await;
    }
    let id = account["id"].as_str().expect("an id");
    let unlock = app
        .post_as(
            &format!("/api/v1/admin/accounts/{id}/unlock"),
            &admin_token,
            &json!({"reason": "Owner called the help desk"}),
        )
        .await;
    assert_eq!(unlock.status(), 200);
    app.login("aliya@example.kz", PASSWORD).await;
}

use saulet_tests::spawn_app_with;

#[tokio::test]
async fn a_forgotten_password_is_reset_through_the_emailed_link() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let old_session = app.login("aliya@example.kz", PASSWORD).await;

    for email in ["aliya@example.kz", "nobody@example.kz"] {
        let response = app
            .post_json("/api/v1/auth/password/forgot", &json!({"email": email}))
            .await;
        assert_eq!(response.status(), 202, "the same answer for {email}");
    }
    let emails = app.emails_to("aliya@example.kz", 2).await;
    let reset = emails
        .iter()
        .find(|m| {
            m.text
                .as_deref()
                .unwrap_or_default()
                .contains("/password/reset")
        })
        .expect("a reset email");
    let token = link_parameter(reset, "token").expect("a token in the link");
    assert!(
        app.emails_to("nobody@example.kz", 1).await.is_empty(),
        "no mail to an unknown address"
    );

    let new_password = "Жаңа-құпия-сөз-2027";
    let done = app
        .post_json(
            "/api/v1/auth/password/reset",
            &json!({"token": token, "new_password": new_password}),
        )
        .await;
    assert_eq!(done.status(), 204);
    let again = app
        .post_json(
            "/api/v1/auth/password/reset",
            &json!({"token": token, "new_password": "Тағы-бір-құпия-2028"}),
        )
        .await;
    assert_eq!(problem(again).await["type"], "token-invalid");

    assert_eq!(
        app.get_as(
            "/api/v1/accounts/me",
            old_session["access_token"].as_str().expect("a token")
        )
        .await
        .status(),
        401,
        "every session ended"
    );
    let old = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": PASSWORD}),
        )
        .await;
    assert_eq!(old.status(), 401);
    app.login("aliya@example.kz", new_password).await;
    let notices = app.emails_to("aliya@example.kz", 3).await;
    assert_eq!(
        notices.len(),
        3,
        "verification, reset link, and the password-changed notice"
    );
}

#[tokio::test]
async fn a_blocked_account_is_answered_403_on_its_next_call_and_told_why() {
    let app = spawn_app().await;
    let account = app.registered("individual", "aliya@example.kz").await;
    let user = app.login("aliya@example.kz", PASSWORD).await;
    let user_token = user["access_token"].as_str().expect("a token");
    let admin_token = app.admin_token().await;
    let id = account["id"].as_str().expect("an id");

    let no_reason = app
        .post_as(
            &format!("/api/v1/admin/accounts/{id}/block"),
            &admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(no_reason.status(), 422, "a reason is mandatory");
    let block = app
        .post_as(
            &format!("/api/v1/admin/accounts/{id}/block"),
            &admin_token,
            &json!({"reason": "Документтер жалған"}),
        )
        .await;
    assert_eq!(block.status(), 200);

    let next = app.get_as("/api/v1/accounts/me", user_token).await;
    assert_eq!(next.status(), 403);
    assert_eq!(problem(next).await["type"], "account-blocked");
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": PASSWORD}),
        )
        .await;
    assert_eq!(problem(login).await["type"], "account-blocked");
    let emails = app.emails_to("aliya@example.kz", 2).await;
    assert!(emails.iter().any(|m| {
        m.text
            .as_deref()
            .unwrap_or_default()
            .contains("Документтер жалған")
    }));

    let audit = app
        .get_as(
            &format!("/api/v1/admin/audit-events?account={id}"),
            &admin_token,
        )
        .await;
    let audit: serde_json::Value = audit.json().await.expect("JSON");
    assert_eq!(audit["items"][0]["action"], "account.block");
    assert_eq!(audit["items"][0]["reason"], "Документтер жалған");
}

#[tokio::test]
async fn a_refused_registration_ends_the_sessions_tells_the_owner_why_and_is_audited() {
    let app = spawn_app().await;
    let account = app.registered("individual", "aliya@example.kz").await;
    let user = app.login("aliya@example.kz", PASSWORD).await;
    let user_token = user["access_token"].as_str().expect("a token");
    let admin_token = app.admin_token().await;
    let id = account["id"].as_str().expect("an id");
    let refuse = format!("/api/v1/admin/accounts/{id}/refuse");

    // A reason is mandatory, and nothing changes without one.
    let no_reason = app.post_as(&refuse, &admin_token, &json!({})).await;
    assert_eq!(no_reason.status(), 422);
    assert_eq!(
        app.get_as("/api/v1/accounts/me", user_token).await.status(),
        200
    );
    // Only administrators refuse.
    let by_user = app
        .post_as(&refuse, user_token, &json!({"reason": "Мен емес"}))
        .await;
    assert_eq!(by_user.status(), 403);

    let refused = app
        .post_as(
            &refuse,
            &admin_token,
            &json!({"reason": "ЖСН мемлекеттік тізілімде табылмады"}),
        )
        .await;
    assert_eq!(refused.status(), 200);
    let refused: serde_json::Value = refused.json().await.expect("JSON");
    assert_eq!(refused["status"], "refused");

    // The sessions end at once; the password no longer signs in (without saying why to whoever
    // types it); the account stays, refused, for the administrators.
    let next = app.get_as("/api/v1/accounts/me", user_token).await;
    assert_eq!(problem(next).await["type"], "unauthenticated");
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": PASSWORD}),
        )
        .await;
    assert_eq!(problem(login).await["type"], "invalid-credentials");
    let kept: serde_json::Value = app
        .get_as(&format!("/api/v1/admin/accounts/{id}"), &admin_token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(kept["status"], "refused");

    // The owner learns why, by email.
    let emails = app.emails_to("aliya@example.kz", 2).await;
    assert!(
        emails.iter().any(|m| m
            .text
            .as_deref()
            .unwrap_or_default()
            .contains("ЖСН мемлекеттік тізілімде табылмады")),
        "the refusal's email gives the reason"
    );
    // The audit log keeps who refused whom, and why.
    let audit: serde_json::Value = app
        .get_as(
            &format!("/api/v1/admin/audit-events?account={id}"),
            &admin_token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(audit["items"][0]["action"], "account.refuse");
    assert_eq!(
        audit["items"][0]["reason"],
        "ЖСН мемлекеттік тізілімде табылмады"
    );

    // An administrator cannot refuse their own account.
    let me: serde_json::Value = app
        .get_as("/api/v1/accounts/me", &admin_token)
        .await
        .json()
        .await
        .expect("JSON");
    let own = app
        .post_as(
            &format!(
                "/api/v1/admin/accounts/{}/refuse",
                me["id"].as_str().expect("an id")
            ),
            &admin_token,
            &json!({"reason": "Өзім"}),
        )
        .await;
    assert_eq!(problem(own).await["type"], "conflict");
}

#[tokio::test]
async fn only_administrators_reach_the_administration() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let user = app.login("aliya@example.kz", PASSWORD).await;
    let response = app
        .get_as(
            "/api/v1/admin/accounts",
            user["access_token"].as_str().expect("a token"),
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(problem(response).await["type"], "forbidden");
    let anonymous = app.get("/api/v1/admin/accounts").await;
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn an_access_token_verifies_with_the_published_key() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let tokens = app.login("aliya@example.kz", PASSWORD).await;
    let token = tokens["access_token"].as_str().expect("a token");

    let jwks: serde_json::Value = app
        .get("/.well-known/jwks.json")
        .await
        .json()
        .await
        .expect("JSON");
    let key = &jwks["keys"][0];
    assert_eq!(key["kty"], "OKP");
    assert_eq!(key["alg"], "EdDSA");
    let header = jsonwebtoken::decode_header(token).expect("a JWT header");
    assert_eq!(header.kid.as_deref(), key["kid"].as_str());
    let decoding = jsonwebtoken::DecodingKey::from_ed_components(key["x"].as_str().expect("x"))
        .expect("a key");
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    validation.set_audience(&["saulet-api"]);
    validation.set_issuer(&["saulet"]);
    let claims = jsonwebtoken::decode::<serde_json::Value>(token, &decoding, &validation)
        .expect("the token verifies");
    assert_eq!(claims.claims["sub"], tokens["account"]["id"]);

    // And a token signed by anyone else is refused.
    let forged_claims = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims.claims).expect("JSON"));
    let parts: Vec<&str> = token.split('.').collect();
    let forged = format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
        forged_claims,
        parts[2]
    );
    assert_eq!(
        app.get_as("/api/v1/accounts/me", &forged).await.status(),
        401
    );
}

#[tokio::test]
async fn the_profile_records_every_change_and_a_new_email_is_verified_again() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let tokens = app.login("aliya@example.kz", PASSWORD).await;
    let token = tokens["access_token"].as_str().expect("a token");
    let updated = app
        .send_json_as(Method::PATCH, "/api/v1/accounts/me", token, Some(&json!({"email": "aliya.new@example.kz", "language": "ru", "phone": "+77011234567"})))
        .await;
    assert_eq!(updated.status(), 200);
    let updated: serde_json::Value = updated.json().await.expect("JSON");
    assert_eq!(updated["email"], "aliya.new@example.kz");
    assert_eq!(updated["email_verified"], false);
    assert_eq!(updated["language"], "ru");
    assert_eq!(
        app.emails_to("aliya.new@example.kz", 1).await.len(),
        1,
        "a link to the new address"
    );

    let changes: serde_json::Value = app
        .get_as("/api/v1/accounts/me/changes", token)
        .await
        .json()
        .await
        .expect("JSON");
    let fields: Vec<&str> = changes
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["field"].as_str())
        .collect();
    for field in ["email", "language", "phone"] {
        assert!(fields.contains(&field), "{field} not in {fields:?}");
    }
}

async fn assert_no_account(app: &saulet_tests::TestApp) {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let count = saulet_api::accounts::entity::account::Entity::find()
        .count(&app.db)
        .await
        .expect("a count");
    assert_eq!(count, 0, "nothing was stored");
}

async fn certificate_serials(app: &saulet_tests::TestApp) -> Vec<String> {
    use sea_orm::EntityTrait;
    saulet_api::accounts::entity::certificate::Entity::find()
        .all(&app.db)
        .await
        .expect("certificates")
        .into_iter()
        .map(|c| c.serial)
        .collect()
}

#[tokio::test]
async fn an_address_that_hammers_sign_in_is_slowed_down_with_429() {
    let app = spawn_app_with(|c| c.server.auth_rate_limit = 3).await;
    let body = json!({"login": "x@example.kz", "password": "whatever-password"});
    let attempt = || app.post_json("/api/v1/auth/login", &body);
    for _ in 0..3 {
        let response = attempt().await;
        assert_eq!(response.status(), 401);
        assert!(response.headers().contains_key("ratelimit"));
        assert_eq!(response.headers()["ratelimit-policy"], "\"auth\";q=3;w=60");
    }
    let limited = attempt().await;
    assert_eq!(limited.status(), 429);
    let retry_after = retry_after(&limited);
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(problem(limited).await["type"], "rate-limited");
    // Reading is not limited.
    assert_eq!(app.get("/api/v1/health/live").await.status(), 200);
}

#[tokio::test]
async fn the_rate_limit_window_is_configurable_and_told_in_the_headers() {
    // Two an hour: the third sign-in waits for the first request to come back, half an hour on.
    let app = spawn_app_with(|c| {
        c.server.auth_rate_limit = 2;
        c.server.auth_rate_limit_window_secs = 3600;
    })
    .await;
    let body = json!({"login": "x@example.kz", "password": "whatever-password"});
    for left in [1, 0] {
        let response = app.post_json("/api/v1/auth/login", &body).await;
        assert_eq!(response.status(), 401);
        assert_eq!(
            response.headers()["ratelimit-policy"],
            "\"auth\";q=2;w=3600"
        );
        assert_eq!(
            response.headers()["ratelimit"],
            format!("\"auth\";r={left};t=3600").as_str()
        );
    }
    let limited = app.post_json("/api/v1/auth/login", &body).await;
    assert_eq!(limited.status(), 429);
    let retry_after = retry_after(&limited);
    assert!((1700..=1800).contains(&retry_after), "{retry_after}");
}

/// A state registry the test runs: knows the persons and companies it is given.
async fn start_registry(persons: Vec<(String, String)>, companies: Vec<String>) -> String {
    use actix_web::{App, HttpResponse, HttpServer, web};
    let persons = web::Data::new(persons);
    let companies = web::Data::new(companies);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("an address").port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(persons.clone())
            .app_data(companies.clone())
            .route(
                "/persons/{iin}",
                web::get().to(
                    |iin: web::Path<String>, persons: web::Data<Vec<(String, String)>>| async move {
                        match persons.iter().find(|(known, _)| *known == *iin) {
                            Some((iin, name)) => {
                                HttpResponse::Ok().json(json!({"iin": iin, "full_name": name}))
                            }
                            None => HttpResponse::NotFound().finish(),
                        }
                    },
                ),
            )
            .route(
                "/companies/{bin}",
                web::get().to(
                    |bin: web::Path<String>, companies: web::Data<Vec<String>>| async move {
                        if companies.contains(&bin) {
                            HttpResponse::Ok().json(json!({"bin": *bin, "name": "ЖШС"}))
                        } else {
                            HttpResponse::NotFound().finish()
                        }
                    },
                ),
            )
    })
    .workers(1)
    .listen(listener)
    .expect("listens")
    .run();
    tokio::spawn(server);
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn an_administrator_verifies_accounts_against_the_state_registry() {
    let individual = pki().user("individual");
    let employee = pki().user("employee");
    // The registry knows the individual, and the employee's person but not the company.
    let registry = start_registry(
        vec![
            // The registry spells the whole name, patronymic included, as the certificate does.
            (
                individual.iin.as_str().to_owned(),
                format!("{} {}", individual.common_name(), individual.patronymic),
            ),
            (
                employee.iin.as_str().to_owned(),
                format!("{} {}", employee.common_name(), employee.patronymic),
            ),
        ],
        vec![],
    )
    .await;
    let app = spawn_app_with(move |c| c.auth.state_registry_url = Some(registry)).await;
    let known = app.registered("individual", "aliya@example.kz").await;
    let company = app.registered("employee", "dana@company.kz").await;
    let admin_token = app.admin_token().await;

    let report = app
        .post_as(
            &format!(
                "/api/v1/admin/accounts/{}/verify",
                known["id"].as_str().expect("an id")
            ),
            &admin_token,
            &json!({}),
        )
        .await;
    assert_eq!(report.status(), 200);
    let report: serde_json::Value = report.json().await.expect("JSON");
    assert_eq!(report["verification"], "verified", "{report}");

    let report = app
        .post_as(
            &format!(
                "/api/v1/admin/accounts/{}/verify",
                company["id"].as_str().expect("an id")
            ),
            &admin_token,
            &json!({}),
        )
        .await;
    let report: serde_json::Value = report.json().await.expect("JSON");
    assert_eq!(
        report["verification"], "failed",
        "the registry does not know the company: {report}"
    );
    let registry_check = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["check"] == "state_registry")
        .expect("the registry was asked");
    assert_eq!(registry_check["passed"], false);
}

#[tokio::test]
async fn a_user_sees_their_sessions_and_ends_one() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let laptop = app.login("aliya@example.kz", PASSWORD).await;
    let phone = app.login("aliya@example.kz", PASSWORD).await;
    let laptop_token = laptop["access_token"].as_str().expect("a token");
    let phone_token = phone["access_token"].as_str().expect("a token");

    let sessions: serde_json::Value = app
        .get_as("/api/v1/accounts/me/sessions", laptop_token)
        .await
        .json()
        .await
        .expect("JSON");
    let sessions = sessions.as_array().expect("a list");
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    let other = sessions
        .iter()
        .find(|s| s["current"] == false)
        .expect("the phone's session");

    let path = format!(
        "/api/v1/accounts/me/sessions/{}",
        other["id"].as_str().expect("an id")
    );
    let ended = app
        .send_json_as(Method::DELETE, &path, laptop_token, None)
        .await;
    assert_eq!(ended.status(), 204);
    assert_eq!(
        app.get_as("/api/v1/accounts/me", phone_token)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.get_as("/api/v1/accounts/me", laptop_token)
            .await
            .status(),
        200
    );

    // Someone else's session is not there at all.
    app.registered("second-individual", "bolat@example.kz")
        .await;
    let stranger = app.login("bolat@example.kz", PASSWORD).await;
    let laptop_session = laptop_session_id(&app, laptop_token).await;
    let foreign = app
        .send_json_as(
            Method::DELETE,
            &format!("/api/v1/accounts/me/sessions/{laptop_session}"),
            stranger["access_token"].as_str().expect("a token"),
            None,
        )
        .await;
    assert_eq!(foreign.status(), 404);
    assert_eq!(
        app.get_as("/api/v1/accounts/me", laptop_token)
            .await
            .status(),
        200
    );
}

async fn laptop_session_id(app: &saulet_tests::TestApp, token: &str) -> String {
    let sessions: serde_json::Value = app
        .get_as("/api/v1/accounts/me/sessions", token)
        .await
        .json()
        .await
        .expect("JSON");
    sessions
        .as_array()
        .expect("a list")
        .iter()
        .find(|s| s["current"] == true)
        .expect("current")["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_the_other_sessions() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let here = app.login("aliya@example.kz", PASSWORD).await;
    let elsewhere = app.login("aliya@example.kz", PASSWORD).await;
    let here_token = here["access_token"].as_str().expect("a token");

    let wrong = app
        .post_as(
            "/api/v1/accounts/me/password",
            here_token,
            &json!({"current_password": "not-it-at-all", "new_password": "Жаңа-құпия-сөз-2027"}),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    assert_eq!(
        problem(wrong).await["errors"][0]["field"],
        "current_password"
    );

    let changed = app
        .post_as(
            "/api/v1/accounts/me/password",
            here_token,
            &json!({"current_password": PASSWORD, "new_password": "Жаңа-құпия-сөз-2027"}),
        )
        .await;
    assert_eq!(changed.status(), 204);
    assert_eq!(
        app.get_as("/api/v1/accounts/me", here_token).await.status(),
        200,
        "this session stays"
    );
    assert_eq!(
        app.get_as(
            "/api/v1/accounts/me",
            elsewhere["access_token"].as_str().expect("a token")
        )
        .await
        .status(),
        401,
        "the others end"
    );
    app.login("aliya@example.kz", "Жаңа-құпия-сөз-2027").await;
    let notices = app.emails_to("aliya@example.kz", 2).await;
    assert_eq!(
        notices.len(),
        2,
        "verification and the password-changed notice"
    );
}

#[tokio::test]
async fn closing_an_account_needs_the_password_and_frees_the_identity() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let tokens = app.login("aliya@example.kz", PASSWORD).await;
    let token = tokens["access_token"].as_str().expect("a token");
    let wrong = app
        .send_json_as(
            Method::DELETE,
            "/api/v1/accounts/me",
            token,
            Some(&json!({"password": "not-my-password"})),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let closed = app
        .send_json_as(
            Method::DELETE,
            "/api/v1/accounts/me",
            token,
            Some(&json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(closed.status(), 204);
    assert_eq!(app.get_as("/api/v1/accounts/me", token).await.status(), 401);
    let login = app
        .post_json(
            "/api/v1/auth/login",
            &json!({"login": "aliya@example.kz", "password": PASSWORD}),
        )
        .await;
    assert_eq!(login.status(), 401);
    // The person may register again.
    app.registered("individual", "aliya@example.kz").await;
}

#[tokio::test]
async fn an_administrator_deletes_an_account_and_its_personal_data_is_erased() {
    let app = spawn_app().await;
    let account = app.registered("individual", "aliya@example.kz").await;
    let admin_token = app.admin_token().await;
    let id = account["id"].as_str().expect("an id");
    let deleted = app
        .send_json_as(
            Method::DELETE,
            &format!("/api/v1/admin/accounts/{id}"),
            &admin_token,
            Some(&json!({"reason": "The holder asked for deletion"})),
        )
        .await;
    assert_eq!(deleted.status(), 200);
    let deleted: serde_json::Value = deleted.json().await.expect("JSON");
    assert_eq!(deleted["status"], "deleted");
    assert_eq!(deleted["full_name"], "");
    assert_ne!(
        deleted["iin"],
        pki().user("individual").iin.as_str(),
        "the IIN is pseudonymised"
    );
    assert!(
        !deleted["email"]
            .as_str()
            .unwrap_or_default()
            .contains("aliya")
    );
    assert!(
        certificate_serials(&app)
            .await
            .iter()
            .all(|s| *s != pki().user("individual").auth.serial)
    );
    let farewell = app.emails_to("aliya@example.kz", 2).await;
    assert_eq!(
        farewell.len(),
        2,
        "the owner was told before the address was erased"
    );

    let list: serde_json::Value = app
        .get_as("/api/v1/admin/accounts?q=aliya", &admin_token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        list["items"].as_array().expect("a list").len(),
        0,
        "nothing left to find by the old address"
    );
}

#[tokio::test]
async fn administrators_search_accounts_page_by_page() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    app.registered("second-individual", "bolat@example.kz")
        .await;
    app.registered("employee", "dana@company.kz").await;
    let admin_token = app.admin_token().await;
    let page: serde_json::Value = app
        .get_as("/api/v1/admin/accounts?limit=2", &admin_token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(page["items"].as_array().expect("a list").len(), 2);
    let cursor = page["next_cursor"].as_str().expect("a next page");
    let rest: serde_json::Value = app
        .get_as(
            &format!("/api/v1/admin/accounts?limit=2&cursor={cursor}"),
            &admin_token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        rest["items"].as_array().expect("a list").len(),
        2,
        "four accounts with the admin"
    );
    assert!(rest["next_cursor"].is_null());

    let iin = pki().user("employee").iin.as_str();
    let found: serde_json::Value = app
        .get_as(&format!("/api/v1/admin/accounts?q={iin}"), &admin_token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(found["items"][0]["email"], "dana@company.kz");
    // LIKE wildcards in the search are literal.
    let wildcard: serde_json::Value = app
        .get_as("/api/v1/admin/accounts?q=%25", &admin_token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(wildcard["items"].as_array().expect("a list").len(), 0);
    let bad = app
        .get_as("/api/v1/admin/accounts?status=sleeping", &admin_token)
        .await;
    assert_eq!(problem(bad).await["type"], "invalid-query");
}

#[tokio::test]
async fn overlapping_writes_never_fail_with_a_server_error() {
    let app = spawn_app().await;
    app.registered("individual", "aliya@example.kz").await;
    let token =
        link_parameter(&app.emails_to("aliya@example.kz", 1).await[0], "token").expect("a link");
    let first = app.login("aliya@example.kz", PASSWORD).await;
    // A refresh, an email confirmation and sign-ins at the same moment (what a browser does when
    // the confirmation link opens in a signed-in tab).
    let refresh_body = json!({"refresh_token": first["refresh_token"]});
    let verify_body = json!({"token": token});
    let refresh = app.post_json("/api/v1/auth/refresh", &refresh_body);
    let verify = app.post_json("/api/v1/auth/email/verify", &verify_body);
    let body = json!({"login": "aliya@example.kz", "password": PASSWORD});
    let logins =
        futures_util::future::join_all((0..6).map(|_| app.post_json("/api/v1/auth/login", &body)));
    let (refresh, verify, logins) = tokio::join!(refresh, verify, logins);
    assert_eq!(refresh.status(), 200);
    assert_eq!(verify.status(), 200);
    for login in logins {
        assert_eq!(login.status(), 200);
    }
}

#[tokio::test]
async fn a_user_asks_for_a_new_verification_link_sees_their_certificates_and_removes_their_phone() {
    let app = spawn_app().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    let resent = app
        .post_as("/api/v1/accounts/me/email/verification", &token, &json!({}))
        .await;
    assert_eq!(resent.status(), 202);
    let emails = app.emails_to("aliya@example.kz", 2).await;
    assert_eq!(emails.len(), 2, "a second link");
    let newest = link_parameter(&emails[1], "token").expect("a link");
    assert_eq!(
        app.post_json("/api/v1/auth/email/verify", &json!({"token": newest}))
            .await
            .status(),
        200
    );
    let again = app
        .post_as("/api/v1/accounts/me/email/verification", &token, &json!({}))
        .await;
    assert_eq!(problem(again).await["type"], "conflict", "verified already");

    let certificates: serde_json::Value = app
        .get_as("/api/v1/accounts/me/certificates", &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        certificates[0]["serial"],
        pki().user("individual").auth.serial.as_str()
    );
    assert!(certificates[0]["not_after"].is_string());

    let set = app
        .send_json_as(
            Method::PATCH,
            "/api/v1/accounts/me",
            &token,
            Some(&json!({"phone": "+77011234567"})),
        )
        .await;
    assert_eq!(set.status(), 200);
    let cleared = app
        .send_json_as(
            Method::PATCH,
            "/api/v1/accounts/me",
            &token,
            Some(&json!({"phone": ""})),
        )
        .await;
    let cleared: serde_json::Value = cleared.json().await.expect("JSON");
    assert_eq!(cleared["phone"], serde_json::Value::Null);
    let short = app
        .send_json_as(
            Method::PATCH,
            "/api/v1/accounts/me",
            &token,
            Some(&json!({"phone": "12"})),
        )
        .await;
    assert_eq!(problem(short).await["errors"][0]["field"], "phone");
}

/// The `Retry-After` of a refused request, in seconds.
fn retry_after(response: &reqwest::Response) -> u64 {
    response.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds")
}
