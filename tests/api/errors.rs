use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn malformed_and_mistyped_bodies_are_problems() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_problem(res, 400, "malformed_body").await;

    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": 5, "password": "x"}),
        )
        .await;
    assert_problem(res, 400, "malformed_body").await;

    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "a@b.kg", "password": "x", "admin": true}),
        )
        .await;
    let body = assert_problem(res, 400, "malformed_body").await;
    assert!(
        body["detail"].as_str().unwrap().contains("unknown field"),
        "{body}"
    );

    let res = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .body("email=a")
        .send()
        .await
        .unwrap();
    assert_problem(res, 415, "unsupported_media_type").await;
}

#[tokio::test]
async fn oversize_bodies_are_refused_with_413() {
    let app = spawn_app().await;
    let huge = "x".repeat(100_000);
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": huge, "password": "x"}),
        )
        .await;
    assert_problem(res, 413, "payload_too_large").await;
}

#[tokio::test]
async fn bad_path_and_query_parameters_are_problems() {
    let app = spawn_app().await;
    assert_problem(
        app.get("/api/v1/vacancies/not-a-uuid", None).await,
        400,
        "invalid_path",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies?limit=abc", None).await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies?limit=0", None).await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies?cursor=%%%", None).await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies?colour=red", None).await,
        400,
        "invalid_query",
    )
    .await;
}

#[tokio::test]
async fn unknown_routes_and_methods_are_problems() {
    let app = spawn_app().await;
    assert_problem(
        app.get("/api/v1/nothing-here", None).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.request(Method::PUT, "/api/v1/vacancies", None, None)
            .await,
        405,
        "method_not_allowed",
    )
    .await;
}

#[tokio::test]
async fn messages_follow_accept_language() {
    let app = spawn_app().await;
    let body = json!({"email": "bad", "password": "short", "full_name": "", "role": "migrant"});
    let res = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("accept-language", "ru-RU,ru;q=0.9")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-language"], "ru");
    let ru = assert_problem(res, 422, "validation_failed").await;
    let res = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    let en = assert_problem(res, 422, "validation_failed").await;
    assert_ne!(ru["title"], en["title"]);
    assert!(
        ru["title"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('а'..='я').contains(&c)),
        "{}",
        ru["title"]
    );
    assert_eq!(
        field_codes(&ru),
        field_codes(&en),
        "codes are stable across languages"
    );
    assert!(
        ru["errors"]["password"][0].as_str().unwrap().contains("10"),
        "{}",
        ru["errors"]
    );
    for lang in ["ky", "uz", "tg"] {
        let res = app
            .client
            .post(app.url("/api/v1/auth/register"))
            .header("accept-language", lang)
            .json(&body)
            .send()
            .await
            .unwrap();
        let p = assert_problem(res, 422, "validation_failed").await;
        assert!(
            !p["title"].as_str().unwrap().starts_with("error."),
            "{lang} has a real title"
        );
    }
}
