use chrono::Duration;
use diesel::prelude::*;
use serde_json::{json, Value};

use orgnabor::db::schema::vacancies;

use crate::helpers::*;

async fn create(app: &TestApp, token: &str, body: Value) -> String {
    let res = app.post("/api/v1/vacancies", Some(token), body).await;
    assert_eq!(res.status(), 201);
    json_body(res).await["id"].as_str().unwrap().to_owned()
}

async fn set_status(app: &TestApp, token: &str, id: &str, status: &str) -> reqwest::Response {
    app.post(
        &format!("/api/v1/vacancies/{id}/status"),
        Some(token),
        json!({"status": status}),
    )
    .await
}

#[tokio::test]
async fn a_vacancy_goes_from_draft_to_public_and_back() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let id = create(&app, &e.token, vacancy_body()).await;
    let path = format!("/api/v1/vacancies/{id}");

    assert_problem(app.get(&path, None).await, 404, "not_found").await;
    let other = app.account("employer").await;
    assert_problem(app.get(&path, Some(&other.token)).await, 404, "not_found").await;
    assert_eq!(
        json_body(app.get(&path, Some(&e.token)).await).await["status"],
        "draft"
    );
    let list = json_body(app.get("/api/v1/vacancies", None).await).await;
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        0,
        "drafts are not listed"
    );

    let res = set_status(&app, &e.token, &id, "published").await;
    assert_eq!(res.status(), 200);
    let published = json_body(res).await;
    assert_eq!(published["status"], "published");
    assert!(published["published_at"].is_string());
    let public = json_body(app.get(&path, None).await).await;
    assert_eq!(public["title"], "Сварщик на металлоконструкции");
    assert_eq!(
        json_body(app.get("/api/v1/vacancies", None).await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    assert_eq!(
        set_status(&app, &e.token, &id, "paused").await.status(),
        200
    );
    assert_problem(app.get(&path, None).await, 404, "not_found").await;
    assert_eq!(
        json_body(app.get("/api/v1/vacancies", None).await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_problem(
        set_status(&app, &other.token, &id, "published").await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(
        set_status(&app, &e.token, &id, "published").await.status(),
        200
    );
    assert_eq!(
        set_status(&app, &e.token, &id, "closed").await.status(),
        200
    );
    assert_problem(
        set_status(&app, &e.token, &id, "published").await,
        409,
        "invalid_transition",
    )
    .await;
    assert_problem(
        set_status(&app, &e.token, &id, "expired").await,
        422,
        "validation_failed",
    )
    .await;
    let res = app
        .patch(&path, Some(&e.token), json!({"positions": 7}))
        .await;
    assert_problem(res, 409, "invalid_transition").await;

    let ministry = app.account("ministry").await;
    let audit = json_body(
        app.get(
            &format!("/api/v1/audit?object_type=vacancy&object_id={id}"),
            Some(&ministry.token),
        )
        .await,
    )
    .await;
    let actions: Vec<_> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec!["vacancy.status_changed"; 4]
            .into_iter()
            .chain(["vacancy.created"])
            .collect::<Vec<_>>()
    );
    assert_eq!(audit["items"][0]["before"]["status"], "published");
    assert_eq!(audit["items"][0]["after"]["status"], "closed");
    assert_eq!(audit["items"][0]["actor_id"], e.id.to_string());
}

#[tokio::test]
async fn vacancy_validation_and_database_constraints() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let mut body = vacancy_body();
    body["salary_min"] = json!(150000);
    body["positions"] = json!(0);
    body["region"] = json!("KG-GB");
    body["occupation"] = json!("12");
    body["russian_level_min"] = json!("D1");
    body["hours_per_week"] = json!(90);
    body["start_date"] = json!("2020-01-01");
    body["expires_on"] = json!((today() + Duration::days(400)).to_string());
    body["required_skills"] = json!(["сварка", "Сварка"]);
    let res = app.post("/api/v1/vacancies", Some(&e.token), body).await;
    let codes = field_codes(&assert_problem(res, 422, "validation_failed").await);
    for expected in [
        ("occupation", "invalid_occupation"),
        ("required_skills[1]", "duplicate"),
        ("region", "invalid_region"),
        ("positions", "out_of_range"),
        ("salary_max", "salary_range"),
        ("hours_per_week", "out_of_range"),
        ("russian_level_min", "invalid_cefr"),
        ("start_date", "date_in_past"),
        ("expires_on", "out_of_range"),
    ] {
        assert!(
            codes.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {codes:?}"
        );
    }
    let id = create(&app, &e.token, vacancy_body()).await;
    let res = app
        .patch(
            &format!("/api/v1/vacancies/{id}"),
            Some(&e.token),
            json!({"salary_max": 50000}),
        )
        .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("salary_max".into(), "salary_range".into())]
    );
    let res = app
        .patch(
            &format!("/api/v1/vacancies/{id}"),
            Some(&e.token),
            json!({"salary_max": 150000, "russian_level_min": null}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let v = json_body(res).await;
    assert_eq!(v["salary_max"], 150000);
    assert_eq!(v["russian_level_min"], Value::Null);

    // The database refuses what the API refuses, should any code path forget.
    let broken = diesel::update(vacancies::table)
        .set((
            vacancies::salary_min.eq(200000),
            vacancies::salary_max.eq(100000),
        ))
        .execute(&mut app.conn());
    assert!(broken.is_err(), "CHECK salary_min <= salary_max");
    let broken = diesel::update(vacancies::table)
        .set(vacancies::positions.eq(0))
        .execute(&mut app.conn());
    assert!(broken.is_err(), "CHECK positions >= 1");
    let broken = diesel::update(vacancies::table)
        .set(vacancies::status.eq("lost"))
        .execute(&mut app.conn());
    assert!(broken.is_err(), "CHECK status");
    let broken = diesel::sql_query("UPDATE employers SET inn = '12345'").execute(&mut app.conn());
    assert!(broken.is_err(), "CHECK inn format");
    let broken = diesel::sql_query("INSERT INTO users (id, email, password_hash, role, full_name) SELECT gen_random_uuid(), upper(email), 'x', 'migrant', 'x' FROM users LIMIT 1").execute(&mut app.conn());
    assert!(broken.is_err(), "emails are unique whatever their case");
}

#[tokio::test]
async fn listing_filters_paginates_and_hides_expired_vacancies() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let mut ids = Vec::new();
    for (region, occupation) in [
        ("RU-SVE", "7212"),
        ("RU-MOW", "9333"),
        ("RU-MOW", "7212"),
        ("RU-TA", "6121"),
        ("RU-SVE", "7123"),
    ] {
        let mut body = vacancy_body();
        body["region"] = json!(region);
        body["occupation"] = json!(occupation);
        let id = create(&app, &e.token, body).await;
        assert_eq!(
            set_status(&app, &e.token, &id, "published").await.status(),
            200
        );
        ids.push(id);
    }
    let items = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let mow = json_body(app.get("/api/v1/vacancies?region=RU-MOW", None).await).await;
    assert_eq!(
        items(&mow),
        vec![ids[2].clone(), ids[1].clone()],
        "newest first"
    );
    let welders = json_body(
        app.get("/api/v1/vacancies?occupation=7212&region=RU-MOW", None)
            .await,
    )
    .await;
    assert_eq!(items(&welders), vec![ids[2].clone()]);
    assert_problem(
        app.get("/api/v1/vacancies?region=Moscow", None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies?status=draft", None).await,
        403,
        "forbidden",
    )
    .await;

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/vacancies?limit=2&cursor={c}"),
            None => "/api/v1/vacancies?limit=2".into(),
        };
        let page = json_body(app.get(&path, None).await).await;
        seen.extend(items(&page));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let mut expected = ids.clone();
    expected.reverse();
    assert_eq!(seen, expected, "every vacancy exactly once across pages");
    let capped = json_body(app.get("/api/v1/vacancies?limit=1000", None).await).await;
    assert_eq!(capped["items"].as_array().unwrap().len(), 5);

    // Expiry: a vacancy past its date stops being listed at once, and the sweep records it.
    let first = uuid::Uuid::parse_str(&ids[0]).unwrap();
    diesel::update(vacancies::table.find(first))
        .set(vacancies::expires_on.eq(today() - Duration::days(1)))
        .execute(&mut app.conn())
        .unwrap();
    assert_eq!(
        json_body(app.get("/api/v1/vacancies", None).await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_problem(
        app.get(&format!("/api/v1/vacancies/{}", ids[0]), None)
            .await,
        404,
        "not_found",
    )
    .await;
    let own = json_body(
        app.get(&format!("/api/v1/vacancies/{}", ids[0]), Some(&e.token))
            .await,
    )
    .await;
    assert_eq!(own["status"], "expired");
    app.run_pending_jobs().await;
    let status: String = vacancies::table
        .find(first)
        .select(vacancies::status)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(status, "expired");
    let mine = json_body(
        app.get(
            &format!(
                "/api/v1/vacancies?employer_id={}&status=expired",
                e.employer_id.unwrap()
            ),
            Some(&e.token),
        )
        .await,
    )
    .await;
    assert_eq!(items(&mine), vec![ids[0].clone()]);
    assert_problem(
        set_status(&app, &e.token, &ids[0], "published").await,
        422,
        "validation_failed",
    )
    .await;
    let res = app
        .patch(
            &format!("/api/v1/vacancies/{}", ids[0]),
            Some(&e.token),
            json!({"expires_on": (today() + Duration::days(30)).to_string()}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        set_status(&app, &e.token, &ids[0], "published")
            .await
            .status(),
        200,
        "renewed"
    );
    let changes: i64 = orgnabor::db::schema::search_changes::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert!(
        changes >= 13,
        "every change is in the search change log ({changes})"
    );
}

#[tokio::test]
async fn only_employers_create_vacancies() {
    let app = spawn_app().await;
    for role in ["migrant", "agency", "centre", "ministry", "admin"] {
        let a = app.account(role).await;
        assert_problem(
            app.post("/api/v1/vacancies", Some(&a.token), vacancy_body())
                .await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_problem(
        app.post("/api/v1/vacancies", None, vacancy_body()).await,
        401,
        "unauthenticated",
    )
    .await;
    let count: i64 = vacancies::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_vacancy_shows_its_employers_public_record() {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let ministry = app.account("ministry").await;
    let id = app.published_vacancy(&employer.token, vacancy_body()).await;
    let page = || async {
        let res = app.get(&format!("/api/v1/vacancies/{id}"), None).await;
        assert_eq!(res.status(), 200);
        json_body(res).await
    };
    let v = page().await;
    let employer_id = employer.employer_id.unwrap().to_string();
    assert_eq!(v["employer"]["employer_id"], employer_id);
    assert_eq!(v["employer_id"], employer_id);
    assert!(v["employer"]["name"]
        .as_str()
        .is_some_and(|n| !n.is_empty()));
    assert_eq!(
        v["employer"]["record"],
        json!({
            "placements": 0, "reached_employment": 0, "completed": 0, "terminated": 0,
            "followups_answered_on_time": 0, "bad_followups": 0, "complaints_upheld": 0,
            "ratings": null
        })
    );
    assert_eq!(v["employer"]["restricted"], false);

    // A migrant applies: the record counts it.
    let migrant = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&migrant.token),
            candidate_body("AC3000001"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .post(
            "/api/v1/placements",
            Some(&migrant.token),
            json!({"vacancy_id": id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(page().await["employer"]["record"]["placements"], 1);

    // Restricted by the ministry: the vacancy page says so.
    let res = app
        .post(
            &format!("/api/v1/employers/{employer_id}/restrictions"),
            Some(&ministry.token),
            json!({"detail": "Проверка трудовой инспекции"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(page().await["employer"]["restricted"], true);
}
