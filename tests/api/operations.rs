use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn health_ready_and_metrics() {
    let app = spawn_app().await;
    let res = app.get("/health", None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_body(res).await["status"], "ok");

    let res = app.get("/ready", None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_body(res).await["status"], "ready");

    app.get("/api/v1/reference/regions?country=RU", None).await;
    let res = app.get("/metrics", None).await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert!(
        text.contains(
            r#"http_requests_total{method="GET",route="/api/v1/reference/regions",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(text.contains(
        "http_request_duration_seconds_bucket{method=\"GET\",route=\"/health\",le=\"+Inf\"} 1"
    ));
}

#[tokio::test]
async fn ready_reports_unavailable_without_database() {
    let app = spawn_app_with(|s| {
        s.database.url = "postgres://nobody:wrong@127.0.0.1:1/none"
            .to_string()
            .into();
    })
    .await;
    let body = assert_problem(app.get("/ready", None).await, 503, "service_unavailable").await;
    let text = body.to_string();
    assert!(
        !text.contains("127.0.0.1:1") && !text.contains("nobody"),
        "no connection detail leaks: {text}"
    );
}

#[tokio::test]
async fn openapi_document_and_swagger_ui_are_served() {
    let app = spawn_app().await;
    let res = app.get("/api-docs/openapi.json", None).await;
    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/auth/login",
        "/api/v1/vacancies",
        "/api/v1/candidates/{id}",
        "/api/v1/audit",
        "/health",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());

    let res = app.get("/api-docs/", None).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("swagger"), "Swagger UI page");
    let res = app.get("/api-docs/swagger-ui.css", None).await;
    assert_eq!(res.status(), 200, "vendored assets served locally");
}

#[tokio::test]
async fn reference_data_is_loaded() {
    let app = spawn_app().await;
    let regions: Value = app
        .get("/api/v1/reference/regions?country=RU", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(regions.as_array().unwrap().len(), 83);
    let sve = regions
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "RU-SVE")
        .unwrap();
    assert_eq!(sve["name_ru"], "Свердловская область");
    let kg: Value = app
        .get("/api/v1/reference/regions?country=KG", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(kg.as_array().unwrap().len(), 9);
    let occupations: Value = app
        .get("/api/v1/reference/occupations", None)
        .await
        .json()
        .await
        .unwrap();
    let occupations = occupations.as_array().unwrap();
    assert!(occupations.len() >= 120);
    let welder = occupations.iter().find(|o| o["code"] == "7212").unwrap();
    assert_eq!(welder["name_ru"], "Сварщик");
    let countries: Value = app
        .get("/api/v1/reference/countries", None)
        .await
        .json()
        .await
        .unwrap();
    let kg = countries
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "KG")
        .unwrap();
    assert_eq!(kg["eaeu_member"], true);
    let tj = countries
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "TJ")
        .unwrap();
    assert_eq!(tj["eaeu_member"], false);
}
