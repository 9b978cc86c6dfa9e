//! The error contract: every client mistake is an RFC 9457 problem (never plain text, never a
//! 500), and a good request still works. `/api/v1/__test/echo` is the tests' own route using the
//! same JSON extractor as every handler.

use saulet_tests::{problem, spawn_app};

const ECHO: &str = "/api/v1/__test/echo";

#[tokio::test]
async fn a_valid_body_is_accepted() {
    let app = spawn_app().await;
    let response = app
        .post_raw(
            ECHO,
            Some("application/json"),
            r#"{"name":"Әлия","count":3}"#,
        )
        .await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body, serde_json::json!({"name": "Әлия", "count": 3}));
}

#[tokio::test]
async fn malformed_json_is_a_400_problem() {
    let app = spawn_app().await;
    let response = app
        .post_raw(ECHO, Some("application/json"), r#"{"name": "x", "#)
        .await;
    assert_eq!(response.status(), 400);
    let body = problem(response).await;
    assert_eq!(body["type"], "malformed-body");
    assert_eq!(body["instance"], ECHO);
}

#[tokio::test]
async fn an_empty_body_is_a_400_problem() {
    let app = spawn_app().await;
    let response = app.post_raw(ECHO, Some("application/json"), "").await;
    assert_eq!(response.status(), 400);
    let body = problem(response).await;
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("empty"),
        "{body}"
    );
}

#[tokio::test]
async fn a_wrong_field_type_is_a_422_problem_naming_the_field() {
    let app = spawn_app().await;
    let response = app
        .post_raw(
            ECHO,
            Some("application/json"),
            r#"{"name":"x","count":"three"}"#,
        )
        .await;
    assert_eq!(response.status(), 422);
    let body = problem(response).await;
    assert_eq!(body["type"], "validation");
    assert_eq!(body["errors"][0]["field"], "count");
    assert_eq!(body["errors"][0]["code"], "invalid_type");
}

#[tokio::test]
async fn a_missing_field_and_broken_rules_are_listed() {
    let app = spawn_app().await;
    let missing = app
        .post_raw(ECHO, Some("application/json"), r#"{"count":1}"#)
        .await;
    assert_eq!(missing.status(), 422);
    let body = problem(missing).await;
    assert_eq!(
        body["errors"],
        serde_json::json!([{"field": "name", "code": "required", "message": "is required"}])
    );

    let broken = app
        .post_raw(
            ECHO,
            Some("application/json"),
            r#"{"name":"","count":1000}"#,
        )
        .await;
    assert_eq!(broken.status(), 422);
    let body = problem(broken).await;
    let fields: Vec<_> = body["errors"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or_default().to_owned(),
                e["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("count".to_owned(), "range".to_owned()),
            ("name".to_owned(), "length".to_owned())
        ]
    );
}

#[tokio::test]
async fn an_unknown_route_is_a_404_problem() {
    let app = spawn_app().await;
    for path in ["/api/v1/no-such-thing", "/api/v2/health/live", "/api"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body = problem(response).await;
        assert_eq!(body["type"], "not-found", "{path}");
    }
}

#[tokio::test]
async fn an_unknown_route_without_a_spa_is_a_404_problem_too() {
    let app = spawn_app().await;
    let response = app.get("/some/page").await;
    assert_eq!(response.status(), 404);
    problem(response).await;
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem_with_allow() {
    let app = spawn_app().await;
    let response = app
        .post_raw("/api/v1/health/live", Some("application/json"), "{}")
        .await;
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET");
    let body = problem(response).await;
    assert_eq!(body["type"], "method-not-allowed");

    let delete = app
        .client
        .delete(app.url("/api/v1/health/ready"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(delete.status(), 405);
}

#[tokio::test]
async fn an_oversized_body_is_a_413_problem() {
    let app = spawn_app().await;
    let name = "x".repeat(2 * 1024 * 1024);
    let response = app
        .post_raw(
            ECHO,
            Some("application/json"),
            format!(r#"{{"name":"{name}","count":1}}"#),
        )
        .await;
    assert_eq!(response.status(), 413);
    let body = problem(response).await;
    assert_eq!(body["type"], "payload-too-large");
}

#[tokio::test]
async fn an_oversized_body_without_a_length_is_a_413_problem() {
    let app = spawn_app().await;
    // 40 chunks of 64 KiB, streamed: the limit is enforced while reading, not only by
    // Content-Length.
    let chunks = (0..40).map(|_| Ok::<_, std::io::Error>(vec![b' '; 64 * 1024]));
    let response = app
        .client
        .post(app.url(ECHO))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), 413);
    problem(response).await;
}

#[tokio::test]
async fn a_wrong_content_type_is_a_415_problem() {
    let app = spawn_app().await;
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let response = app
            .post_raw(ECHO, content_type, r#"{"name":"x","count":1}"#)
            .await;
        assert_eq!(response.status(), 415, "{content_type:?}");
        let body = problem(response).await;
        assert_eq!(body["type"], "unsupported-media-type");
    }
    let json_suffix = app
        .post_raw(
            ECHO,
            Some("application/merge-patch+json"),
            r#"{"name":"x","count":1}"#,
        )
        .await;
    assert_eq!(json_suffix.status(), 200, "+json media types are JSON");
}

#[tokio::test]
async fn a_query_parameter_of_the_wrong_type_is_a_400_problem() {
    let app = spawn_app().await;
    let response = app
        .post_raw(
            &format!("{ECHO}?repeat=many"),
            Some("application/json"),
            r#"{"name":"x","count":1}"#,
        )
        .await;
    assert_eq!(response.status(), 400);
    let body = problem(response).await;
    assert_eq!(body["type"], "invalid-query");
}

#[tokio::test]
async fn a_path_parameter_that_cannot_exist_is_a_404_problem() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/__test/items/not-a-uuid").await;
    assert_eq!(response.status(), 404);
    problem(response).await;
    let found = app
        .get(&format!("/api/v1/__test/items/{}", uuid::Uuid::now_v7()))
        .await;
    assert_eq!(found.status(), 200);
}

#[tokio::test]
async fn problem_titles_follow_accept_language() {
    let app = spawn_app().await;
    for (language, title) in [
        ("ru-RU,ru;q=0.9", "Не найдено"),
        ("kk", "Табылмады"),
        ("de", "Not found"),
    ] {
        let response = app
            .client
            .get(app.url("/api/v1/nothing-here"))
            .header("accept-language", language)
            .send()
            .await
            .expect("an answer");
        let content_language = response.headers()["content-language"]
            .to_str()
            .expect("ascii")
            .to_owned();
        let body = problem(response).await;
        assert_eq!(body["title"], title, "{language}");
        assert!(language.starts_with(&content_language) || content_language == "en");
    }
}

/// The detail and the field messages speak the request's language as the title does; the
/// machine-readable parts (type, field, code) stay the same in every language.
#[tokio::test]
async fn problem_details_and_field_messages_follow_accept_language() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let me: serde_json::Value = app
        .get_as("/api/v1/accounts/me", &admin)
        .await
        .json()
        .await
        .expect("JSON");
    let own_block = format!(
        "/api/v1/admin/accounts/{}/block",
        me["id"].as_str().expect("an id")
    );
    let english = (
        "The request has 2 invalid fields.",
        [
            "must be at most 100",
            "must be between 1 and 50 characters long",
        ],
        "Administrators cannot block, refuse or delete their own account.",
    );
    for (language, (detail, messages, conflict)) in [
        (
            Some("ru-RU,ru;q=0.9"),
            (
                "Неверно заполненных полей в запросе: 2.",
                [
                    "значение должно быть не больше 100",
                    "длина должна быть от 1 до 50 символов",
                ],
                "Администратор не может заблокировать собственную учётную запись, отказать ей в \
                 регистрации или удалить её.",
            ),
        ),
        (
            Some("kk"),
            (
                "Сұраудағы қате толтырылған өрістер саны: 2.",
                [
                    "мәні ең көбі 100 болуы керек",
                    "ұзындығы 1–50 таңба аралығында болуы керек",
                ],
                "Әкімші өз тіркелгісін бұғаттай, оны тіркеуден бас тарта немесе жоя алмайды.",
            ),
        ),
        (Some("en"), english),
        (None, english),
    ] {
        let with_language = |request: reqwest::RequestBuilder| match language {
            Some(language) => request.header("accept-language", language),
            None => request,
        };
        let invalid = with_language(app.client.post(app.url(ECHO)))
            .header("content-type", "application/json")
            .body(r#"{"name":"","count":1000}"#)
            .send()
            .await
            .expect("an answer");
        assert_eq!(invalid.status(), 422);
        let body = problem(invalid).await;
        assert_eq!(body["detail"], detail, "{language:?}");
        let errors = body["errors"].as_array().expect("field errors");
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e["field"].clone(), e["code"].clone(), e["message"].clone()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("count".into(), "range".into(), messages[0].into()),
                ("name".into(), "length".into(), messages[1].into()),
            ],
            "{language:?}"
        );

        let refused = with_language(app.client.post(app.url(&own_block)))
            .bearer_auth(&admin)
            .json(&serde_json::json!({"reason": "Checking the refusal's language"}))
            .send()
            .await
            .expect("an answer");
        assert_eq!(refused.status(), 409);
        let body = problem(refused).await;
        assert_eq!(body["type"], "conflict");
        assert_eq!(body["detail"], conflict, "{language:?}");
    }
}
