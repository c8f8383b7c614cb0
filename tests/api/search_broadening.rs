//! A general job word ("builder", "tailor", "строитель") is recognised as an occupation that has
//! no open vacancy of its own; the search widens to the ISCO-08 minor group, then the sub-major
//! group, and every widened hit says so. Also: no `ready` filter until readiness exists.

use serde_json::{json, Value};

use crate::helpers::*;

fn vacancy(title: &str, occupation: &str, description: &str) -> Value {
    let mut body = vacancy_body();
    body["title"] = json!(title);
    body["occupation"] = json!(occupation);
    body["description"] = json!(description);
    body["required_skills"] = json!([]);
    body["optional_skills"] = json!([]);
    body
}

async fn search(app: &TestApp, path: &str, token: Option<&str>) -> Value {
    let res = app.get(path, token).await;
    assert_eq!(res.status(), 200, "{path}");
    json_body(res).await
}

fn occupations(body: &Value) -> Vec<(String, String)> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let o = &i["explanation"]["occupation"];
            (
                o["code"].as_str().unwrap().to_owned(),
                o["match"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn general_job_words_broaden_to_the_minor_then_sub_major_group() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let mason = app
        .published_vacancy(
            &e.token,
            vacancy("Каменщик", "7112", "Кладка кирпича на жилом доме."),
        )
        .await;
    let painter = app
        .published_vacancy(
            &e.token,
            vacancy("Маляр", "7131", "Покраска стен и потолков в квартирах."),
        )
        .await;
    app.published_vacancy(
        &e.token,
        vacancy("Швея", "7533", "Пошив спецодежды на промышленных машинах."),
    )
    .await;
    app.published_vacancy(&e.token, vacancy("Повар", "5120", "Горячий цех ресторана."))
        .await;
    app.apply_search_changes().await;

    // "builder" is 7111 (house builder), which nobody advertises: first the bricklayer of the
    // same minor group 711, then the painter of the sub-major group 71; never the cook.
    for q in ["builder", "строитель", "quruvchi", "курулушчу", "бинокор"] {
        let body = search(
            &app,
            &format!("/api/v1/vacancies/search?q={}", urlencode(q)),
            None,
        )
        .await;
        assert_eq!(
            occupations(&body),
            vec![
                ("7112".into(), "broadened_minor_group".into()),
                ("7131".into(), "broadened_sub_major_group".into()),
            ],
            "{q}: {body}"
        );
        assert_eq!(body["items"][0]["vacancy"]["id"], mason.as_str());
        assert_eq!(body["items"][1]["vacancy"]["id"], painter.as_str());
        let from = &body["items"][0]["explanation"]["occupation"]["broadened_from"];
        assert_eq!(from["code"], "7111", "{q}: {body}");
        assert!(!from["name_en"].as_str().unwrap().is_empty());
        assert_eq!(body["recognised_occupations"][0]["code"], "7111");
        assert_eq!(body["total"], 2);
    }

    // "tailor" is 7531; the seamstress (7533) shares its minor group.
    let body = search(&app, "/api/v1/vacancies/search?q=tailor", None).await;
    assert_eq!(
        occupations(&body),
        vec![("7533".into(), "broadened_minor_group".into())],
        "{body}"
    );
    assert_eq!(
        body["items"][0]["explanation"]["occupation"]["broadened_from"]["code"],
        "7531"
    );

    // An occupation with vacancies of its own comes first and is not marked; widening only
    // fills the rest of the page.
    let body = search(&app, "/api/v1/vacancies/search?q=каменщик", None).await;
    assert_eq!(
        occupations(&body)[0],
        ("7112".into(), "recognised_in_query".into())
    );
    assert!(occupations(&body)[1..]
        .iter()
        .all(|(_, m)| m.starts_with("broadened_")));
    // A full page is not widened.
    let body = search(&app, "/api/v1/vacancies/search?q=каменщик&limit=1", None).await;
    assert_eq!(
        occupations(&body),
        vec![("7112".into(), "recognised_in_query".into())]
    );
    assert!(
        body["next_cursor"].is_string(),
        "the widened hits follow on the next page"
    );
    // Asking for an occupation by code is never widened.
    let body = search(
        &app,
        "/api/v1/vacancies/search?q=builder&occupation=7111",
        None,
    )
    .await;
    assert_eq!(body["items"], json!([]));
}

#[tokio::test]
async fn candidate_search_broadens_too() {
    let app = spawn_app().await;
    let migrant = app.account("migrant").await;
    let mut body = candidate_body("BR0000001");
    body["occupations"] = json!(["7533"]);
    body["skills"] = json!("пошив спецодежды");
    let res = app
        .post("/api/v1/candidates", Some(&migrant.token), body)
        .await;
    assert_eq!(res.status(), 201);
    app.apply_search_changes().await;
    let employer = app.account("employer").await;
    let body = search(
        &app,
        "/api/v1/candidates/search?q=tailor",
        Some(&employer.token),
    )
    .await;
    assert_eq!(
        occupations(&body),
        vec![("7533".into(), "broadened_minor_group".into())],
        "{body}"
    );
}

#[tokio::test]
async fn ready_is_not_a_filter_until_readiness_exists() {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    for ready in ["true", "false"] {
        assert_problem(
            app.get(
                &format!("/api/v1/candidates/search?ready={ready}"),
                Some(&employer.token),
            )
            .await,
            400,
            "invalid_query",
        )
        .await;
    }
    // ...and the API description does not offer it.
    let doc = json_body(app.get("/api-docs/openapi.json", None).await).await;
    let params = doc["paths"]["/api/v1/candidates/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert!(params.contains(&"q".to_owned()), "{params:?}");
    assert!(!params.contains(&"ready".to_owned()), "{params:?}");
}
