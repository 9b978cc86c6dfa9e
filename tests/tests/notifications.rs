//! Notifications on SQLite and PostgreSQL: the inbox, preferences (mandatory categories always
//! delivered), the live stream, announcements by audience and at their publish time, one-click
//! unsubscribe, and the administrators' view of email deliveries.

use std::time::Duration;

use chrono::Utc;
use futures_util::StreamExt;
use reqwest::Method;
use saulet_api::clock::Clock;
use saulet_tests::{PASSWORD, TestApp, problem, spawn_app, spawn_app_with_clock};
use serde_json::{Value, json};

fn announcement(audience: &str, publish_at: Option<chrono::DateTime<Utc>>) -> Value {
    let now = Utc::now();
    json!({
        "kind": "info",
        "audience": audience,
        "title": {"kk": "Жаңа қызмет", "ru": "Новая услуга", "en": "A new service"},
        "body": {"kk": "Мекенжай анықтамасы онлайн.", "ru": "Адресная справка онлайн.", "en": "Address certificates online."},
        "publish_at": publish_at.unwrap_or(now),
        "expires_at": publish_at.unwrap_or(now) + chrono::Duration::days(7),
    })
}

async fn inbox(app: &TestApp, token: &str) -> Value {
    app.get_as("/api/v1/notifications", token)
        .await
        .json()
        .await
        .expect("JSON")
}

#[tokio::test]
async fn security_notices_reach_the_inbox_and_email_and_cannot_be_switched_off() {
    let app = spawn_app().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    let switched_off = app
        .send_json_as(
            Method::PUT,
            "/api/v1/notification-preferences",
            &token,
            Some(&json!({"preferences": [{"category": "security", "in_app": false, "email": false}]})),
        )
        .await;
    assert_eq!(switched_off.status(), 422);
    assert_eq!(
        problem(switched_off).await["errors"][0]["code"],
        "mandatory"
    );

    let changed = app
        .post_as(
            "/api/v1/accounts/me/password",
            &token,
            &json!({"current_password": PASSWORD, "new_password": "Жаңа-құпия-сөз-2027"}),
        )
        .await;
    assert_eq!(changed.status(), 204);
    let page = inbox(&app, &token).await;
    assert_eq!(page["unread_count"], 1);
    assert_eq!(page["items"][0]["category"], "security");
    assert_eq!(page["items"][0]["event"]["kind"], "password_changed");
    assert_eq!(
        app.emails_to("aliya@example.kz", 2).await.len(),
        2,
        "verification and the notice"
    );
}

#[tokio::test]
async fn preferences_are_honoured_per_category_and_channel() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let quiet = app.signed_in("individual", "aliya@example.kz").await;
    let keen = app.signed_in("second-individual", "bolat@example.kz").await;
    let saved = app
        .send_json_as(
            Method::PUT,
            "/api/v1/notification-preferences",
            &quiet,
            Some(&json!({"preferences": [{"category": "announcements", "in_app": true, "email": false}]})),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let saved: Value = saved.json().await.expect("JSON");
    let announcements = saved
        .as_array()
        .expect("a list")
        .iter()
        .find(|p| p["category"] == "announcements")
        .expect("listed");
    assert_eq!(announcements["email"], false);
    assert_eq!(announcements["in_app"], true);

    let created = app
        .post_as(
            "/api/v1/admin/announcements",
            &admin,
            &announcement("everyone", None),
        )
        .await;
    assert_eq!(created.status(), 201);
    assert_eq!(
        inbox(&app, &quiet).await["unread_count"],
        1,
        "in-app still on"
    );
    assert_eq!(inbox(&app, &keen).await["unread_count"], 1);
    let keen_mail = app.emails_to("bolat@example.kz", 2).await;
    assert!(
        keen_mail
            .iter()
            .any(|m| m.subject.as_deref() == Some("Жаңа қызмет")),
        "announcements are emailed in kk"
    );
    let quiet_mail = app.emails_to("aliya@example.kz", 2).await;
    assert_eq!(
        quiet_mail.len(),
        1,
        "only the verification email: announcements by email are off"
    );
}

#[tokio::test]
async fn the_inbox_pages_marks_read_and_keeps_other_accounts_out() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    let other = app.signed_in("second-individual", "bolat@example.kz").await;
    for _ in 0..3 {
        app.post_as(
            "/api/v1/admin/announcements",
            &admin,
            &announcement("applicants", None),
        )
        .await;
    }
    let first: Value = app
        .get_as("/api/v1/notifications?limit=2", &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(first["items"].as_array().expect("a list").len(), 2);
    assert_eq!(first["unread_count"], 3);
    let cursor = first["next_cursor"].as_str().expect("another page");
    let rest: Value = app
        .get_as(
            &format!("/api/v1/notifications?limit=2&cursor={cursor}"),
            &token,
        )
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(rest["items"].as_array().expect("a list").len(), 1);

    let id = first["items"][0]["id"].as_str().expect("an id");
    assert_eq!(
        app.post_as(
            &format!("/api/v1/notifications/{id}/read"),
            &other,
            &json!({})
        )
        .await
        .status(),
        404,
        "not theirs"
    );
    assert_eq!(
        app.post_as(
            &format!("/api/v1/notifications/{id}/read"),
            &token,
            &json!({})
        )
        .await
        .status(),
        204
    );
    let unread: Value = app
        .get_as("/api/v1/notifications?unread=true", &token)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(unread["unread_count"], 2);
    assert_eq!(unread["items"].as_array().expect("a list").len(), 2);
    assert_eq!(
        app.post_as("/api/v1/notifications/read-all", &token, &json!({}))
            .await
            .status(),
        204
    );
    assert_eq!(inbox(&app, &token).await["unread_count"], 0);
    assert_eq!(
        inbox(&app, &other).await["unread_count"],
        3,
        "another account's notices are its own"
    );

    let russian: Value = app
        .client
        .get(app.url("/api/v1/notifications"))
        .bearer_auth(&token)
        .header("accept-language", "ru")
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("JSON");
    assert_eq!(russian["items"][0]["title"], "Новая услуга");
}

#[tokio::test]
async fn announcements_reach_their_audience_only() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let applicant = app.signed_in("individual", "aliya@example.kz").await;
    app.post_as(
        "/api/v1/admin/announcements",
        &admin,
        &announcement("staff", None),
    )
    .await;
    assert_eq!(
        inbox(&app, &applicant).await["unread_count"],
        0,
        "staff only"
    );
    assert_eq!(
        inbox(&app, &admin).await["unread_count"],
        1,
        "administrators are staff"
    );
    let public: Value = app
        .get("/api/v1/announcements")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(
        public.as_array().expect("a list").len(),
        1,
        "the banner list is public"
    );
}

#[tokio::test]
async fn an_announcement_to_a_thousand_accounts_reaches_each_once_in_a_few_statements() {
    use saulet_api::{accounts::entity::account, notifications::entity::notification};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let first = app.signed_in("individual", "aliya@example.kz").await;
    // 1,100 more active applicants, copies of the first with their own ids and addresses:
    // more than two batches of the fan-out.
    let model = account::Entity::find()
        .filter(account::Column::Email.eq("aliya@example.kz"))
        .one(&app.db)
        .await
        .expect("read")
        .expect("registered");
    let copies: Vec<account::ActiveModel> = (0..1100)
        .map(|n| {
            let mut copy: account::ActiveModel = model.clone().into();
            copy.id = sea_orm::Set(uuid::Uuid::now_v7());
            copy.email = sea_orm::Set(format!("person{n}@example.kz"));
            copy.email_normalized = sea_orm::Set(Some(format!("person{n}@example.kz")));
            copy.identity_key = sea_orm::Set(None);
            copy.reset_all()
        })
        .collect();
    for chunk in copies.chunks(100) {
        account::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&app.db)
            .await
            .expect("inserted");
    }
    let created = app
        .post_as(
            "/api/v1/admin/announcements",
            &admin,
            &announcement("applicants", None),
        )
        .await;
    assert_eq!(created.status(), 201);
    // Delivered by the time the request answered (it is due at once).
    let notices = notification::Entity::find()
        .count(&app.db)
        .await
        .expect("counted");
    let applicants = account::Entity::find()
        .filter(account::Column::Role.eq(account::Role::Applicant))
        .count(&app.db)
        .await
        .expect("counted");
    assert_eq!(applicants, 1101);
    assert_eq!(notices, applicants, "one notice each, none twice");
    assert_eq!(inbox(&app, &first).await["unread_count"], 1);
    let queued = saulet_api::messaging::outbox::Entity::find()
        .filter(saulet_api::messaging::outbox::Column::Template.eq("announcement"))
        .count(&app.db)
        .await
        .expect("counted");
    assert_eq!(queued, applicants, "one email each");
}

#[tokio::test]
async fn a_scheduled_announcement_appears_only_at_its_publish_time() {
    let clock = saulet_tests::time::manual_clock();
    let app = spawn_app_with_clock(clock.clone(), |_| {}).await;
    let admin = app.admin_token().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    let publish_at = clock.now() + chrono::Duration::hours(2);
    let mut body = announcement("everyone", Some(publish_at));
    body["kind"] = json!("maintenance");
    body["window_start"] = json!(publish_at + chrono::Duration::days(1));
    body["window_end"] = json!(publish_at + chrono::Duration::days(1) + chrono::Duration::hours(2));
    assert_eq!(
        app.post_as("/api/v1/admin/announcements", &admin, &body)
            .await
            .status(),
        201
    );

    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(inbox(&app, &token).await["unread_count"], 0, "not yet");
    let banner: Value = app
        .get("/api/v1/announcements")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(banner.as_array().expect("a list").len(), 0);

    clock.advance(chrono::Duration::hours(2));
    // Two hours on, the access token has expired too: sign in again.
    let token = app.login("aliya@example.kz", PASSWORD).await["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while inbox(&app, &token).await["unread_count"] != 1 {
        assert!(
            std::time::Instant::now() < deadline,
            "the announcement never arrived"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let banner: Value = app
        .get("/api/v1/announcements")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(banner[0]["kind"], "maintenance");

    let admin = app.login("admin@saulet.kz", PASSWORD).await["access_token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let no_window = app
        .post_as("/api/v1/admin/announcements", &admin, &json!({"kind": "maintenance", "audience": "everyone", "title": {"kk": "a", "ru": "b", "en": "c"}, "body": {"kk": "a", "ru": "b", "en": "c"}, "expires_at": clock.now() + chrono::Duration::days(1)}))
        .await;
    assert_eq!(
        no_window.status(),
        422,
        "a maintenance notice needs its window"
    );
}

#[tokio::test]
async fn the_unsubscribe_link_works_without_signing_in_and_only_for_its_category() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    app.post_as(
        "/api/v1/admin/announcements",
        &admin,
        &announcement("everyone", None),
    )
    .await;
    let mail = app.emails_to("aliya@example.kz", 2).await;
    let message = mail
        .iter()
        .find(|m| m.subject.as_deref() == Some("Жаңа қызмет"))
        .expect("the announcement email");
    let raw = String::from_utf8_lossy(&message.raw).to_string();
    assert!(
        raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{raw}"
    );
    let link = saulet_tests::link_parameter(message, "token").expect("an unsubscribe link");

    let forged = app
        .post_raw(
            &format!("/api/v1/notifications/unsubscribe?token={link}x"),
            None,
            "",
        )
        .await;
    assert_eq!(problem(forged).await["type"], "token-invalid");
    let done = app
        .post_raw(
            &format!("/api/v1/notifications/unsubscribe?token={link}"),
            Some("application/x-www-form-urlencoded"),
            "List-Unsubscribe=One-Click",
        )
        .await;
    assert_eq!(done.status(), 204);

    let preferences: Value = app
        .get_as("/api/v1/notification-preferences", &token)
        .await
        .json()
        .await
        .expect("JSON");
    for p in preferences.as_array().expect("a list") {
        let expected = p["category"] != "announcements";
        assert_eq!(p["email"], expected, "{p}");
        assert_eq!(p["in_app"], true, "{p}");
    }
    // Security mail is never behind such a link.
    let verification = mail
        .iter()
        .find(|m| m.subject.as_deref() != Some("Жаңа қызмет"))
        .expect("the verification email");
    assert!(!String::from_utf8_lossy(&verification.raw).contains("List-Unsubscribe"));
}

#[tokio::test]
async fn the_live_stream_receives_a_notice_caused_by_another_request() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    let ticket: Value = app
        .post_as("/api/v1/notifications/stream-ticket", &token, &json!({}))
        .await
        .json()
        .await
        .expect("JSON");
    let ticket = ticket["ticket"].as_str().expect("a ticket");
    assert_eq!(
        app.get("/api/v1/notifications/stream?ticket=forged")
            .await
            .status(),
        401
    );

    let response = app
        .get(&format!("/api/v1/notifications/stream?ticket={ticket}"))
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/event-stream")
    );
    let mut body = response.bytes_stream();
    let mut seen = String::new();
    // The first chunk says how many are unread.
    let first = tokio::time::timeout(Duration::from_secs(5), body.next())
        .await
        .expect("a first chunk")
        .expect("data")
        .expect("bytes");
    seen.push_str(&String::from_utf8_lossy(&first));
    assert!(seen.contains("event: unread"), "{seen}");

    let started = std::time::Instant::now();
    app.post_as(
        "/api/v1/admin/announcements",
        &admin,
        &announcement("everyone", None),
    )
    .await;
    while !seen.contains("event: notification") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), body.next())
            .await
            .expect("a notice in time")
            .expect("data")
            .expect("bytes");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "delivered promptly: {:?}",
        started.elapsed()
    );
    assert!(
        seen.contains("Жаңа қызмет") || seen.contains("A new service"),
        "{seen}"
    );
}

#[tokio::test]
async fn administrators_see_deliveries_by_state_and_resend_one() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    app.registered("individual", "aliya@example.kz").await;
    app.emails_to("aliya@example.kz", 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent: Value = app
        .get_as("/api/v1/admin/email-deliveries?state=sent", &admin)
        .await
        .json()
        .await
        .expect("JSON");
    let first = sent["items"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|e| e["to_address"] == "aliya@example.kz")
        .expect("the verification email")
        .clone();
    assert_eq!(first["state"], "sent");
    assert_eq!(first["attempts"], 1);
    let bad = app
        .get_as("/api/v1/admin/email-deliveries?state=lost", &admin)
        .await;
    assert_eq!(problem(bad).await["type"], "invalid-query");

    let resent = app
        .post_as(
            &format!(
                "/api/v1/admin/email-deliveries/{}/resend",
                first["id"].as_str().expect("an id")
            ),
            &admin,
            &json!({}),
        )
        .await;
    assert_eq!(resent.status(), 201);
    assert_eq!(
        app.emails_to("aliya@example.kz", 2).await.len(),
        2,
        "the copy went out"
    );
    let user = app.login("aliya@example.kz", PASSWORD).await;
    let forbidden = app
        .get_as(
            "/api/v1/admin/email-deliveries",
            user["access_token"].as_str().expect("a token"),
        )
        .await;
    assert_eq!(forbidden.status(), 403);
}

async fn read_until(
    body: &mut (impl futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin),
    seen: &mut String,
    wanted: &str,
) -> bool {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !seen.contains(wanted) {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match tokio::time::timeout(left, body.next()).await {
            Ok(Some(Ok(chunk))) => seen.push_str(&String::from_utf8_lossy(&chunk)),
            _ => return false,
        }
    }
    true
}

#[tokio::test]
async fn a_stream_starts_from_now_follows_reads_elsewhere_and_ends_with_its_session() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let token = app.signed_in("individual", "aliya@example.kz").await;
    app.post_as(
        "/api/v1/admin/announcements",
        &admin,
        &announcement("everyone", None),
    )
    .await;

    let mut body = open_stream(&app, &token).await;
    let mut seen = String::new();
    assert!(
        read_until(&mut body, &mut seen, "\"unread_count\":1").await,
        "{seen}"
    );
    assert!(
        !seen.contains("event: notification"),
        "the past is not replayed: {seen}"
    );

    // Read in another tab: this stream's count follows.
    seen.clear();
    assert_eq!(
        app.post_as("/api/v1/notifications/read-all", &token, &json!({}))
            .await
            .status(),
        204
    );
    assert!(
        read_until(&mut body, &mut seen, "\"unread_count\":0").await,
        "{seen}"
    );

    // Signing out ends the stream.
    assert_eq!(
        app.post_as("/api/v1/auth/logout", &token, &json!({}))
            .await
            .status(),
        204
    );
    let ended = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(chunk) = body.next().await {
            if chunk.is_err() {
                break;
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream closed after sign-out");
}

#[tokio::test]
async fn an_announcement_needs_its_text_in_every_language() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let mut empty = announcement("everyone", None);
    empty["title"]["ru"] = json!("");
    empty["body"]["en"] = json!("   ");
    let refused = app
        .post_as("/api/v1/admin/announcements", &admin, &empty)
        .await;
    assert_eq!(refused.status(), 422);
    let body = problem(refused).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert!(fields.contains(&"title.ru"), "{body}");
    assert!(fields.contains(&"body.en"), "blank counts as empty: {body}");
}

#[tokio::test]
async fn a_reviewer_s_open_stream_hears_at_once_of_work_that_arrives() {
    let app = spawn_app().await;
    let cast = app.cast().await;
    let mut body = open_stream(&app, &cast.reviewer.token).await;
    let mut seen = String::new();
    assert!(
        read_until(&mut body, &mut seen, "event: unread").await,
        "{seen}"
    );

    // Sooner than a stream re-reads on its own on PostgreSQL (every 15 s): the submission's
    // transaction woke the reviewer's stream.
    seen.clear();
    let submitted = app.submitted_sketch(&cast.applicant).await;
    assert!(
        read_until(&mut body, &mut seen, "event: notification").await,
        "{seen}"
    );
    assert!(seen.contains("work_arrived"), "{seen}");
    assert!(
        seen.contains(submitted["id"].as_str().expect("an id")),
        "{seen}"
    );
}

/// Opens `token`'s live stream with a ticket asked for it.
async fn open_stream(
    app: &TestApp,
    token: &str,
) -> impl futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin {
    let ticket: Value = app
        .post_as("/api/v1/notifications/stream-ticket", token, &json!({}))
        .await
        .json()
        .await
        .expect("JSON");
    let response = app
        .get(&format!(
            "/api/v1/notifications/stream?ticket={}",
            ticket["ticket"].as_str().expect("a ticket")
        ))
        .await;
    assert_eq!(response.status(), 200);
    response.bytes_stream()
}
