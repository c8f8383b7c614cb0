use chrono::Duration;
use serde_json::{json, Value};

use diesel::prelude::*;
use orgnabor::db::schema::vacancies;
use orgnabor::search::SearchIndex;

use crate::helpers::*;

fn vacancy(
    title: &str,
    occupation: &str,
    region: &str,
    city: &str,
    description: &str,
    skills: &[&str],
) -> Value {
    let mut body = vacancy_body();
    body["title"] = json!(title);
    body["occupation"] = json!(occupation);
    body["region"] = json!(region);
    body["city"] = json!(city);
    body["description"] = json!(description);
    body["required_skills"] = json!(skills);
    body["optional_skills"] = json!([]);
    body
}

fn ids(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["vacancy"]["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn search(app: &TestApp, query: &str) -> Value {
    let res = app
        .get(&format!("/api/v1/vacancies/search?{query}"), None)
        .await;
    assert_eq!(res.status(), 200, "{query}");
    json_body(res).await
}

struct World {
    welder: String,
    loader: String,
    cook: String,
}

async fn world(app: &TestApp) -> World {
    let e = app.account("employer").await;
    let welder = app
        .published_vacancy(
            &e.token,
            vacancy(
                "Сварщик на металлоконструкции",
                "7212",
                "RU-SVE",
                "Екатеринбург",
                "Сварка металлоконструкций каркаса здания по чертежам, работа на высоте.",
                &["ручная дуговая сварка", "чтение чертежей"],
            ),
        )
        .await;
    let mut loader_body = vacancy(
        "Грузчик на склад",
        "9333",
        "RU-MOW",
        "Москва",
        "Погрузка и разгрузка фур на складе продуктов, сменный график.",
        &["погрузка", "разгрузка"],
    );
    loader_body["salary_min"] = json!(60000);
    loader_body["salary_max"] = json!(75000);
    loader_body["housing"] = json!(false);
    loader_body["russian_level_min"] = json!("A1");
    let loader = app.published_vacancy(&e.token, loader_body).await;
    let cook = app
        .published_vacancy(
            &e.token,
            vacancy(
                "Повар в столовую",
                "5120",
                "RU-MOW",
                "Москва",
                "Приготовление первых и вторых блюд в столовой для рабочих.",
                &["приготовление блюд", "санитарные нормы"],
            ),
        )
        .await;
    app.apply_search_changes().await;
    World {
        welder,
        loader,
        cook,
    }
}

#[tokio::test]
async fn vacancies_are_found_in_any_language_and_script() {
    let app = spawn_app().await;
    let w = world(&app).await;
    for q in [
        "svarshik",
        "svarshchik",
        "сварщик",
        "сварщики",
        "сваршик",
        "welder",
        "welders",
        "ширетүүчү",
        "payvandchi",
        "кафшергар",
        "электрогазосварщик",
    ] {
        let res = search(&app, &format!("q={}", urlencode(q))).await;
        assert_eq!(ids(&res).first(), Some(&w.welder), "{q}: {res}");
    }
    for q in ["gruzchik", "грузчики", "loader", "жүк ташуучу"] {
        assert_eq!(
            ids(&search(&app, &format!("q={}", urlencode(q))).await).first(),
            Some(&w.loader),
            "{q}"
        );
    }
    for q in ["povar", "повор", "cook", "ашпозчу", "oshpaz"] {
        assert_eq!(
            ids(&search(&app, &format!("q={}", urlencode(q))).await).first(),
            Some(&w.cook),
            "{q}"
        );
    }
    let res = search(&app, "q=svarshik").await;
    let hit = &res["items"][0];
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert_eq!(hit["explanation"]["matched_terms"], json!(["svarshik"]));
    assert_eq!(hit["explanation"]["occupation"]["code"], "7212");
    assert_eq!(
        hit["explanation"]["occupation"]["match"],
        "recognised_in_query"
    );
    assert_eq!(hit["explanation"]["region"]["code"], "RU-SVE");
    assert_eq!(res["recognised_occupations"][0]["code"], "7212");

    // Place names in either script rank the right city first.
    let res = search(&app, &format!("q={}", urlencode("povar Moskva"))).await;
    assert_eq!(ids(&res)[0], w.cook);
    assert_eq!(res["items"][0]["explanation"]["region"]["matched"], true);
    let res = search(&app, &format!("q={}", urlencode("Ekaterinburg"))).await;
    assert_eq!(ids(&res), vec![w.welder.clone()]);
}

#[tokio::test]
async fn filters_facets_and_bad_parameters() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let all = search(&app, "").await;
    assert_eq!(all["total"], 3);
    let regions: Vec<(String, u64)> = all["facets"]["region"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["value"].as_str().unwrap().to_owned(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(regions, vec![("RU-MOW".into(), 2), ("RU-SVE".into(), 1)]);
    assert!(all["facets"]["occupation_group"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["value"] == "construction"));
    assert!(all["facets"]["salary_band"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["value"] == "60k-80k" && f["count"] == 1));

    assert_eq!(
        ids(&search(&app, "region=RU-MOW&occupation=9333").await),
        vec![w.loader.clone()]
    );
    let mut both = ids(&search(&app, "region=RU-MOW").await);
    both.sort();
    let mut expected = vec![w.loader.clone(), w.cook.clone()];
    expected.sort();
    assert_eq!(both, expected);
    assert_eq!(search(&app, "salary_min=100000").await["total"], 2);
    assert!(!ids(&search(&app, "housing=true").await).contains(&w.loader));
    assert_eq!(
        ids(&search(&app, "russian_level_max=A1").await),
        vec![w.loader.clone()]
    );
    assert_eq!(search(&app, "q=zzzzqqq").await["total"], 0);

    assert_problem(
        app.get("/api/v1/vacancies/search?region=Moscow", None)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies/search?russian_level_max=Z9", None)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies/search?limit=0", None).await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies/search?salary_min=-5", None)
            .await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get("/api/v1/vacancies/search?sort=asc", None).await,
        400,
        "invalid_query",
    )
    .await;
    let long = "a".repeat(201);
    assert_problem(
        app.get(&format!("/api/v1/vacancies/search?q={long}"), None)
            .await,
        422,
        "validation_failed",
    )
    .await;

    let page1 = search(&app, "limit=2").await;
    assert_eq!(page1["items"].as_array().unwrap().len(), 2);
    let page2 = search(
        &app,
        &format!("limit=2&cursor={}", page1["next_cursor"].as_str().unwrap()),
    )
    .await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 1);
    assert_eq!(page2["next_cursor"], Value::Null);
}

#[tokio::test]
async fn changes_become_searchable_once_the_log_is_applied() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let id = app
        .published_vacancy(
            &e.token,
            vacancy(
                "Тракторист на поле",
                "8341",
                "RU-TA",
                "Казань",
                "Вспашка и посев на тракторе МТЗ, сезонная работа.",
                &["управление трактором"],
            ),
        )
        .await;
    assert_eq!(
        search(&app, "q=traktorist").await["total"],
        0,
        "not before the log is applied"
    );
    assert_eq!(
        app.apply_search_changes().await,
        1,
        "one vacancy changed (created, then published)"
    );
    assert_eq!(ids(&search(&app, "q=traktorist").await), vec![id.clone()]);

    app.patch(
        &format!("/api/v1/vacancies/{id}"),
        Some(&e.token),
        json!({"title": "Механизатор на комбайн"}),
    )
    .await;
    app.apply_search_changes().await;
    assert_eq!(
        ids(&search(&app, &format!("q={}", urlencode("механизатор"))).await),
        vec![id.clone()]
    );

    app.post(
        &format!("/api/v1/vacancies/{id}/status"),
        Some(&e.token),
        json!({"status": "paused"}),
    )
    .await;
    app.apply_search_changes().await;
    assert_eq!(
        search(&app, "q=traktorist").await["total"],
        0,
        "paused vacancies leave the index"
    );

    app.post(
        &format!("/api/v1/vacancies/{id}/status"),
        Some(&e.token),
        json!({"status": "published"}),
    )
    .await;
    app.apply_search_changes().await;
    assert_eq!(search(&app, "q=traktorist").await["total"], 1);
    // Expiry needs no change: the date filter hides it once its last day has passed.
    use orgnabor::search::query::{search_vacancies, VacancySearch};
    use orgnabor::search::schema::day_number;
    let at = |day: chrono::NaiveDate| VacancySearch {
        q: Some("traktorist".into()),
        today: day_number(day),
        limit: 10,
        ..Default::default()
    };
    let expires = today() + Duration::days(60);
    assert_eq!(
        search_vacancies(&app.search, &at(expires))
            .unwrap()
            .hits
            .len(),
        1,
        "listed on its last day"
    );
    assert_eq!(
        search_vacancies(&app.search, &at(expires + Duration::days(1)))
            .unwrap()
            .hits
            .len(),
        0,
        "gone the day after"
    );
}

#[tokio::test]
async fn one_employer_cannot_fill_the_first_page() {
    let app = spawn_app().await;
    let big = app.account("employer").await;
    let small = app.account("employer").await;
    let mut big_ids = Vec::new();
    for i in 0..6 {
        big_ids.push(
            app.published_vacancy(
                &big.token,
                vacancy(
                    &format!("Сварщик НАКС, объект {i}"),
                    "7212",
                    "RU-SVE",
                    "Екатеринбург",
                    "Сварщик: сварка трубопроводов и металлоконструкций, сварщик с опытом.",
                    &["сварка", "сварщик"],
                ),
            )
            .await,
        );
    }
    let other = app
        .published_vacancy(
            &small.token,
            vacancy(
                "Электросварщик",
                "7212",
                "RU-SVE",
                "Екатеринбург",
                "Сварка ограждений и ворот на производстве.",
                &["сварка"],
            ),
        )
        .await;
    app.apply_search_changes().await;
    let page = search(&app, "q=svarshik&limit=4").await;
    let first = ids(&page);
    assert_eq!(first.len(), 4);
    assert!(
        first.contains(&other),
        "the other employer gets onto page one: {first:?}"
    );
    assert!(first.iter().filter(|i| big_ids.contains(i)).count() <= 3);
}

async fn profile(
    app: &TestApp,
    token: &str,
    passport: &str,
    edit: impl FnOnce(&mut Value),
) -> String {
    let mut body = candidate_body(passport);
    edit(&mut body);
    let res = app.post("/api/v1/candidates", Some(token), body).await;
    assert_eq!(res.status(), 201);
    json_body(res).await["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn candidate_search_shows_each_role_what_it_may_see() {
    let app = spawn_app().await;
    let agency = app.account("agency").await;
    let a = app.account("migrant").await;
    let b = app.account("migrant").await;
    let hidden = app.account("migrant").await;
    let pa = profile(&app, &a.token, "AC0000001", |_| {}).await;
    let pb = profile(&app, &b.token, "AC0000002", |p| {
        p["skills"] = json!("Сварщик полуавтомата, трубы")
    })
    .await;
    profile(&app, &hidden.token, "AC0000003", |p| {
        p["searchable"] = json!(false)
    })
    .await;
    app.post(
        &format!("/api/v1/candidates/{pa}/consents"),
        Some(&a.token),
        json!({"agency_id": agency.agency_id}),
    )
    .await;
    app.apply_search_changes().await;

    let employer = app.account("employer").await;
    let res = json_body(
        app.get(
            "/api/v1/candidates/search?q=svarshik",
            Some(&employer.token),
        )
        .await,
    )
    .await;
    let items = res["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        2,
        "the unsearchable profile is not indexed: {res}"
    );
    for item in items {
        assert_eq!(item["candidate"]["identity"], Value::Null);
        assert_eq!(item["candidate"]["contact"], Value::Null);
        assert!(
            !item.to_string().contains("AC000000"),
            "no passport in results"
        );
    }
    let res = json_body(
        app.get("/api/v1/candidates/search?q=welder", Some(&agency.token))
            .await,
    )
    .await;
    for item in res["items"].as_array().unwrap() {
        let mine = item["candidate"]["id"] == pa.as_str();
        assert_eq!(item["candidate"]["represented_by_you"], mine);
        assert_eq!(item["candidate"]["identity"].is_object(), mine);
        assert_eq!(item["candidate"]["contact"].is_object(), mine);
    }
    let res = json_body(
        app.get(
            "/api/v1/candidates/search?occupation=7212&region=RU-SVE&russian_level_min=B1",
            Some(&employer.token),
        )
        .await,
    )
    .await;
    assert_eq!(res["items"].as_array().unwrap().len(), 2);
    let res = json_body(
        app.get(
            "/api/v1/candidates/search?russian_level_min=B2",
            Some(&employer.token),
        )
        .await,
    )
    .await;
    assert_eq!(res["items"].as_array().unwrap().len(), 0);
    let res = json_body(
        app.get(
            "/api/v1/candidates/search?region=RU-MOW",
            Some(&employer.token),
        )
        .await,
    )
    .await;
    assert_eq!(
        res["items"].as_array().unwrap().len(),
        0,
        "both prefer RU-SVE only"
    );
    // Readiness is not recorded yet, so there is no `ready` filter to answer an always-empty
    // list with (see `search_broadening::ready_is_not_a_filter_until_readiness_exists`).
    assert_problem(
        app.get(
            "/api/v1/candidates/search?ready=true",
            Some(&employer.token),
        )
        .await,
        400,
        "invalid_query",
    )
    .await;
    let _ = pb;

    assert_problem(
        app.get("/api/v1/candidates/search", Some(&a.token)).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get("/api/v1/candidates/search?region=XX", Some(&employer.token))
            .await,
        422,
        "validation_failed",
    )
    .await;
    diesel::update(orgnabor::db::schema::agencies::table.find(agency.agency_id.unwrap()))
        .set(orgnabor::db::schema::agencies::licence_status.eq("revoked"))
        .execute(&mut app.conn())
        .unwrap();
    assert_problem(
        app.get("/api/v1/candidates/search", Some(&agency.token))
            .await,
        403,
        "licence_not_active",
    )
    .await;

    // Withdrawing consent or searchability takes the profile out after the next sync.
    app.patch(
        &format!("/api/v1/candidates/{pb}"),
        Some(&b.token),
        json!({"searchable": false}),
    )
    .await;
    app.apply_search_changes().await;
    let res = json_body(
        app.get(
            "/api/v1/candidates/search?q=svarshik",
            Some(&employer.token),
        )
        .await,
    )
    .await;
    assert_eq!(res["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn vacancy_matches_apply_the_hard_filters_and_rank_by_occupation() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let mut body = vacancy(
        "Сварщик полуавтомата",
        "7212",
        "RU-SVE",
        "Екатеринбург",
        "Сварка металлоконструкций полуавтоматом.",
        &["полуавтомат", "металлоконструкции"],
    );
    body["start_date"] = json!((today() + Duration::days(30)).to_string());
    let vid = app.published_vacancy(&e.token, body).await;

    let mut make = Vec::new();
    type Edit = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "exact",
            Box::new(|p: &mut Value| {
                p["skills"] = json!("Полуавтомат, металлоконструкции, 8 лет");
            }),
        ),
        (
            "wrong-region",
            Box::new(|p: &mut Value| {
                p["preferred_regions"] = json!(["RU-MOW"]);
            }),
        ),
        (
            "low-russian",
            Box::new(|p: &mut Value| {
                p["languages"] = json!([{"code": "ru", "level": "A1"}]);
                p["preferred_regions"] = json!(["any"]);
            }),
        ),
        (
            "sheet-metal",
            Box::new(|p: &mut Value| {
                p["occupations"] = json!(["7213"]);
                p["skills"] = json!("Жестянщик, листовой металл");
                p["preferred_regions"] = json!(["any"]);
            }),
        ),
        (
            "too-late",
            Box::new(|p: &mut Value| {
                p["available_from"] = json!((today() + Duration::days(90)).to_string());
            }),
        ),
        (
            "hidden",
            Box::new(|p: &mut Value| {
                p["searchable"] = json!(false);
            }),
        ),
        (
            "cook",
            Box::new(|p: &mut Value| {
                p["occupations"] = json!(["5120"]);
                p["skills"] = json!("Повар");
            }),
        ),
    ];
    for (i, (name, edit)) in cases.into_iter().enumerate() {
        let m = app.account("migrant").await;
        let id = profile(&app, &m.token, &format!("AD000000{i}"), |p| edit(p)).await;
        make.push((name, id));
    }
    app.apply_search_changes().await;
    let id_of = |n: &str| make.iter().find(|(name, _)| *name == n).unwrap().1.clone();

    let res = app
        .get(
            &format!("/api/v1/vacancies/{vid}/matches?limit=20"),
            Some(&e.token),
        )
        .await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    let got: Vec<String> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["candidate"]["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(got, vec![id_of("exact"), id_of("sheet-metal")], "{body}");
    let first = &body["items"][0]["explanation"];
    assert_eq!(first["occupation"]["match"], "exact");
    assert_eq!(
        first["matched_skills"],
        json!(["полуавтомат", "металлоконструкции"])
    );
    assert_eq!(first["russian_level"], "B1 ≥ A2");
    assert_eq!(
        body["items"][1]["explanation"]["occupation"]["match"],
        "same_minor_group"
    );
    assert_eq!(
        body["items"][0]["candidate"]["identity"],
        Value::Null,
        "employers see no identity"
    );

    let ministry = app.account("ministry").await;
    assert_eq!(
        app.get(
            &format!("/api/v1/vacancies/{vid}/matches"),
            Some(&ministry.token)
        )
        .await
        .status(),
        200
    );
    let other = app.account("employer").await;
    assert_problem(
        app.get(
            &format!("/api/v1/vacancies/{vid}/matches"),
            Some(&other.token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let migrant = app.account("migrant").await;
    assert_problem(
        app.get(
            &format!("/api/v1/vacancies/{vid}/matches"),
            Some(&migrant.token),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get(
            &format!("/api/v1/vacancies/{vid}/matches?limit=0"),
            Some(&e.token),
        )
        .await,
        400,
        "invalid_query",
    )
    .await;
}

#[tokio::test]
async fn candidate_matches_honour_regions_salary_and_dates() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let e2 = app.account("employer").await;
    let mut good = vacancy(
        "Сварщик",
        "7212",
        "RU-SVE",
        "Екатеринбург",
        "Сварка металлоконструкций на заводе.",
        &["сварка"],
    );
    good["salary_max"] = json!(130000);
    let good = app.published_vacancy(&e.token, good).await;
    let mut cheap = vacancy(
        "Сварщик-стажёр",
        "7212",
        "RU-SVE",
        "Екатеринбург",
        "Сварка простых узлов на заводе.",
        &["сварка"],
    );
    cheap["salary_min"] = json!(50000);
    cheap["salary_max"] = json!(70000);
    app.published_vacancy(&e.token, cheap).await;
    app.published_vacancy(
        &e2.token,
        vacancy(
            "Сварщик",
            "7212",
            "RU-MOW",
            "Москва",
            "Сварка на стройке в Москве.",
            &["сварка"],
        ),
    )
    .await;
    let mut fluent = vacancy(
        "Сварщик-бригадир",
        "7212",
        "RU-SVE",
        "Екатеринбург",
        "Руководство бригадой сварщиков.",
        &["сварка"],
    );
    fluent["russian_level_min"] = json!("C1");
    app.published_vacancy(&e2.token, fluent).await;
    app.published_vacancy(
        &e2.token,
        vacancy(
            "Повар",
            "5120",
            "RU-SVE",
            "Екатеринбург",
            "Приготовление блюд в столовой.",
            &["готовка"],
        ),
    )
    .await;

    let m = app.account("migrant").await;
    let pid = profile(&app, &m.token, "AE1234567", |p| {
        p["salary_min"] = json!(100000)
    })
    .await;
    app.apply_search_changes().await;
    let res = app
        .get(&format!("/api/v1/candidates/{pid}/matches"), Some(&m.token))
        .await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    let got: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["vacancy"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, vec![good.as_str()], "{body}");
    assert_eq!(body["items"][0]["explanation"]["region"]["matched"], true);
    assert_eq!(
        body["items"][0]["explanation"]["occupation"]["match"],
        "exact"
    );

    let stranger = app.account("migrant").await;
    assert_problem(
        app.get(
            &format!("/api/v1/candidates/{pid}/matches"),
            Some(&stranger.token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let agency = app.account("agency").await;
    assert_problem(
        app.get(
            &format!("/api/v1/candidates/{pid}/matches"),
            Some(&agency.token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    app.post(
        &format!("/api/v1/candidates/{pid}/consents"),
        Some(&m.token),
        json!({"agency_id": agency.agency_id}),
    )
    .await;
    assert_eq!(
        app.get(
            &format!("/api/v1/candidates/{pid}/matches"),
            Some(&agency.token)
        )
        .await
        .status(),
        200
    );
    assert_problem(
        app.get(&format!("/api/v1/candidates/{pid}/matches"), Some(&e.token))
            .await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn job_titles_normalise_to_isco_codes() {
    let app = spawn_app().await;
    for (title, code) in [
        ("электрогазосварщик", "7212"),
        ("Truck driver", "8332"),
        ("payvandchi", "7212"),
        ("швея-мотористка", "7533"),
        ("grузчик", "9333"),
        ("doyarka", "6121"),
    ] {
        let res = app
            .get(
                &format!("/api/v1/occupations/normalize?title={}", urlencode(title)),
                None,
            )
            .await;
        assert_eq!(res.status(), 200);
        let body = json_body(res).await;
        assert_eq!(body["items"][0]["code"], code, "{title}: {body}");
        let c = body["items"][0]["confidence"].as_f64().unwrap();
        assert!(c > 0.0 && c <= 1.0);
    }
    assert_problem(
        app.get("/api/v1/occupations/normalize?title=", None).await,
        422,
        "validation_failed",
    )
    .await;
    assert_problem(
        app.get("/api/v1/occupations/normalize", None).await,
        400,
        "invalid_query",
    )
    .await;
}

#[tokio::test]
async fn replicas_converge_restarts_resume_and_broken_indexes_rebuild() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let e = app.account("employer").await;
    // A second process: its own directory over the same database.
    let dir = std::env::temp_dir().join(format!("orgnabor-replica-{}", uuid::Uuid::new_v4()));
    let replica = SearchIndex::open_or_rebuild(&dir, 20, Some(&mut app.conn())).unwrap();
    let after_rebuild = replica.applied_change();
    assert!(after_rebuild > 0);
    let extra = app
        .published_vacancy(
            &e.token,
            vacancy(
                "Пекарь",
                "7512",
                "RU-MOW",
                "Москва",
                "Выпечка хлеба и булочек в пекарне.",
                &["выпечка"],
            ),
        )
        .await;
    app.apply_search_changes().await;
    replica.apply_pending(&mut app.conn()).unwrap();
    // With nothing in flight a watermark is the cluster's transaction horizon, which other
    // databases move too: the replica, applying later, stands at least where the primary does.
    let replica_mark = replica.applied_change();
    assert!(
        replica_mark >= app.search.applied_change(),
        "the replica applied everything the primary did"
    );
    let d1 = app.search.check(&mut app.conn()).unwrap();
    let d2 = replica.check(&mut app.conn()).unwrap();
    assert!(d1.is_clean() && d2.is_clean(), "{d1:?} {d2:?}");
    assert_eq!(d1.indexed, 4);
    assert_eq!(d2.indexed, 4);
    drop(replica);

    // Restart: the payload says where it stopped; nothing is re-read from the beginning.
    let reopened = SearchIndex::open(&dir, 20).unwrap();
    assert_eq!(reopened.applied_change(), replica_mark);
    assert_eq!(reopened.apply_pending(&mut app.conn()).unwrap(), 0);
    drop(reopened);

    // A change made behind the log's back shows as drift.
    let uuid = uuid::Uuid::parse_str(&extra).unwrap();
    diesel::update(vacancies::table.find(uuid))
        .set(vacancies::version.eq(99))
        .execute(&mut app.conn())
        .unwrap();
    let drift = app.search.check(&mut app.conn()).unwrap();
    assert_eq!(drift.stale, vec![uuid]);

    // A corrupt directory is rebuilt from Postgres on open.
    std::fs::write(dir.join("meta.json"), b"{ not json").unwrap();
    let rebuilt = SearchIndex::open_or_rebuild(&dir, 20, Some(&mut app.conn())).unwrap();
    let drift = rebuilt.check(&mut app.conn()).unwrap();
    assert!(drift.is_clean(), "{drift:?}");
    assert_eq!(drift.indexed, 4);
    let _ = (w.welder, w.loader, w.cook);
    drop(rebuilt);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_cursor_past_the_last_page_is_refused_not_served() {
    use base64::Engine;
    let app = spawn_app().await;
    let deep = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("100000000000");
    assert_problem(
        app.get(&format!("/api/v1/vacancies/search?cursor={deep}"), None)
            .await,
        400,
        "invalid_query",
    )
    .await;
    let employer = app.account("employer").await;
    let res = app
        .get(
            &format!("/api/v1/candidates/search?cursor={deep}"),
            Some(&employer.token),
        )
        .await;
    assert_problem(res, 400, "invalid_query").await;
    let negative = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("-5");
    assert_problem(
        app.get(&format!("/api/v1/vacancies/search?cursor={negative}"), None)
            .await,
        400,
        "invalid_query",
    )
    .await;
    let fine = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("1000");
    assert_eq!(
        app.get(&format!("/api/v1/vacancies/search?cursor={fine}"), None)
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn results_are_rechecked_against_postgres_while_the_index_catches_up() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let e_token = {
        // The world's employer is the only one; find its token by logging in again.
        let email: String = orgnabor::db::schema::users::table
            .filter(orgnabor::db::schema::users::role.eq("employer"))
            .select(orgnabor::db::schema::users::email)
            .first(&mut app.conn())
            .unwrap();
        app.login_ok(&email).await.0
    };
    app.post(
        &format!("/api/v1/vacancies/{}/status", w.cook),
        Some(&e_token),
        json!({"status": "paused"}),
    )
    .await;
    // Not applied yet: the index still has it, the answer does not.
    let res = search(&app, "q=povar").await;
    assert!(!ids(&res).contains(&w.cook), "{res}");

    let m = app.account("migrant").await;
    let pid = profile(&app, &m.token, "AF1234567", |_| {}).await;
    app.apply_search_changes().await;
    let employer = app.account("employer").await;
    let found = |v: &Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["candidate"]["id"] == pid.as_str())
    };
    assert!(found(
        &json_body(
            app.get(
                "/api/v1/candidates/search?q=svarshik",
                Some(&employer.token)
            )
            .await
        )
        .await
    ));
    app.patch(
        &format!("/api/v1/candidates/{pid}"),
        Some(&m.token),
        json!({"searchable": false}),
    )
    .await;
    assert!(
        !found(
            &json_body(
                app.get(
                    "/api/v1/candidates/search?q=svarshik",
                    Some(&employer.token)
                )
                .await
            )
            .await
        ),
        "withdrawn at once"
    );
}

#[tokio::test]
async fn a_long_transaction_is_waited_for_never_skipped() {
    use diesel::Connection;
    let app = spawn_app().await;
    let w = world(&app).await;
    let cook = uuid::Uuid::parse_str(&w.cook).unwrap();
    // A slow writer takes the lower transaction id and keeps it open…
    let mut slow = diesel::PgConnection::establish(&app.db.url).unwrap();
    diesel::sql_query("BEGIN").execute(&mut slow).unwrap();
    diesel::update(vacancies::table.find(cook))
        .set(vacancies::title.eq("Шеф-повар банкетов"))
        .execute(&mut slow)
        .unwrap();
    diesel::sql_query(format!(
        "INSERT INTO search_changes (entity, entity_id, op) VALUES ('vacancy', '{cook}', 'upsert')"
    ))
    .execute(&mut slow)
    .unwrap();
    // …while a quick one commits after it.
    let e = app.account("employer").await;
    let quick = app
        .published_vacancy(
            &e.token,
            vacancy(
                "Пекарь",
                "7512",
                "RU-MOW",
                "Москва",
                "Выпечка хлеба в цехе, ночные смены.",
                &["выпечка"],
            ),
        )
        .await;
    app.apply_search_changes().await;
    assert!(
        !ids(&search(&app, "q=pekar").await).contains(&quick),
        "held back behind the open transaction"
    );
    diesel::sql_query("COMMIT").execute(&mut slow).unwrap();
    app.apply_search_changes().await;
    assert_eq!(ids(&search(&app, "q=pekar").await), vec![quick]);
    assert_eq!(
        ids(&search(&app, &format!("q={}", urlencode("банкетов"))).await),
        vec![w.cook.clone()],
        "the slow change is not lost"
    );
    assert!(app.search.check(&mut app.conn()).unwrap().is_clean());
}

#[tokio::test]
async fn vacancies_starting_before_the_person_can_travel_are_not_matches() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let mut early = vacancy(
        "Сварщик",
        "7212",
        "RU-SVE",
        "Екатеринбург",
        "Сварка металлоконструкций на заводе.",
        &["сварка"],
    );
    early["start_date"] = json!((today() + Duration::days(10)).to_string());
    app.published_vacancy(&e.token, early).await;
    let e2 = app.account("employer").await;
    let mut late = vacancy(
        "Сварщик",
        "7212",
        "RU-SVE",
        "Екатеринбург",
        "Сварка металлоконструкций в цехе.",
        &["сварка"],
    );
    late["start_date"] = json!((today() + Duration::days(60)).to_string());
    let late = app.published_vacancy(&e2.token, late).await;
    let m = app.account("migrant").await;
    let pid = profile(&app, &m.token, "AG1234567", |p| {
        p["available_from"] = json!((today() + Duration::days(45)).to_string())
    })
    .await;
    app.apply_search_changes().await;
    let body = json_body(
        app.get(&format!("/api/v1/candidates/{pid}/matches"), Some(&m.token))
            .await,
    )
    .await;
    let got: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["vacancy"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(got, vec![late.as_str()]);
}

#[tokio::test]
async fn typo_tolerance_does_not_drown_exact_job_titles() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let welder = app
        .published_vacancy(
            &e.token,
            vacancy(
                "Сварщик",
                "7212",
                "RU-SVE",
                "Екатеринбург",
                "Сварка металлоконструкций на заводе.",
                &["сварка"],
            ),
        )
        .await;
    let e2 = app.account("employer").await;
    app.published_vacancy(
        &e2.token,
        vacancy(
            "Водитель погрузчика (карщик)",
            "8344",
            "RU-SVE",
            "Екатеринбург",
            "Погрузка паллет на складе, ричтрак.",
            &["погрузчик"],
        ),
    )
    .await;
    app.apply_search_changes().await;
    // "svarshik" is a known title: no fuzzy reach to "karshik" (карщик), two edits away.
    assert_eq!(ids(&search(&app, "q=svarshik").await), vec![welder.clone()]);
    // A real misspelling still finds the welder.
    assert_eq!(
        ids(&search(&app, "q=svarshek").await).first(),
        Some(&welder)
    );
    assert_eq!(
        ids(&search(&app, &format!("q={}", urlencode("сваршек"))).await).first(),
        Some(&welder)
    );
}
