//! Quota: caps the ministry sets, applications reviewed on written grounds with the local-hiring
//! test, grants never beyond the cap, and exactly as many approvals as there are units — under
//! 100 concurrent approvals, round after round.

use chrono::{Datelike, Duration, Utc};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

use orgnabor::db::models::{candidate, organisation, vacancy};
use orgnabor::domain::placement::{Origin, PlacementState};
use orgnabor::i18n::Locale;
use orgnabor::seed::generate::Generator;
use orgnabor::seed::placements::{play, Case, Cast};

use crate::helpers::*;

const CAPS: &str = "/api/v1/quota/caps";
const APPLICATIONS: &str = "/api/v1/quota/applications";

fn step_url(id: &str) -> String {
    format!("{APPLICATIONS}/{id}/transitions")
}

/// A published vacancy of `employer` for 200 workers, published `days_ago`, straight in the
/// database (the API publishes only now).
fn vacancy_of(app: &TestApp, employer: Uuid, days_ago: i64, seed: u64) -> vacancy::Vacancy {
    let mut g = Generator::new(seed).unwrap();
    let mut v = g.vacancy(employer);
    let today = Utc::now().date_naive();
    v.positions = 200;
    v.status = "published".into();
    v.published_at = Some(Utc::now() - Duration::days(days_ago));
    v.open_to_foreign = true;
    v.salary_min = v.salary_min.max(60_000);
    v.salary_max = v.salary_max.max(v.salary_min + 10_000);
    v.start_date = today + Duration::days(30);
    v.expires_on = today + Duration::days(60);
    vacancy::insert(&mut app.conn(), &v).unwrap()
}

fn group_of(v: &vacancy::Vacancy) -> String {
    v.occupation_code.trim()[..2].to_owned()
}

async fn set_cap(app: &TestApp, ministry: &str, v: &vacancy::Vacancy, cap: i64) -> Value {
    let res = app
        .request(
            Method::PUT,
            CAPS,
            Some(ministry),
            Some(json!({
                "year": v.start_date.year(), "region_code": v.region_code,
                "occupation_group": group_of(v), "cap": cap,
                "reason": "Потребность региона по данным службы занятости",
            })),
        )
        .await;
    assert_eq!(res.status(), 200, "cap");
    json_body(res).await
}

fn application_body(v: &vacancy::Vacancy, workers: i64) -> Value {
    json!({
        "year": v.start_date.year(), "region_code": v.region_code,
        "occupation_code": v.occupation_code.trim(), "workers_requested": workers,
        "justification": "Местных кандидатов не нашлось за месяц публикации вакансии",
        "vacancy_id": v.id,
    })
}

async fn step(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    app.post(&step_url(id), Some(token), body).await
}

async fn ok_step(app: &TestApp, token: &str, id: &str, body: Value) -> Value {
    let res = step(app, token, id, body.clone()).await;
    assert_eq!(res.status(), 200, "{body}");
    json_body(res).await
}

/// An application of `employer` granted `units`, through the API.
async fn granted(
    app: &TestApp,
    employer: &Account,
    ministry: &Account,
    v: &vacancy::Vacancy,
    units: i64,
) -> String {
    let res = app
        .post(
            APPLICATIONS,
            Some(&employer.token),
            application_body(v, units),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    ok_step(app, &employer.token, &id, json!({"to": "submitted"})).await;
    ok_step(app, &ministry.token, &id, json!({"to": "under_review"})).await;
    let a = ok_step(
        app,
        &ministry.token,
        &id,
        json!({"to": "approved", "reason": "Проверка рынка труда пройдена"}),
    )
    .await;
    assert_eq!(a["workers_granted"], units);
    id
}

#[tokio::test]
async fn the_ministry_sets_caps_that_anyone_reads_and_only_it_changes() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let employer = app.account("employer").await;
    let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 1);
    let cap = set_cap(&app, &ministry.token, &v, 50).await;
    assert_eq!(
        (&cap["cap"], &cap["allocated"], &cap["used"], &cap["left"]),
        (&json!(50), &json!(0), &json!(0), &json!(50))
    );
    assert_eq!(cap["used_suppressed"], false);
    let url = format!(
        "{CAPS}?year={}&region={}&occupation={}",
        v.start_date.year(),
        v.region_code,
        v.occupation_code.trim()
    );
    let listed = json_body(app.get(&url, None).await).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], cap["id"]);
    // Another region lists nothing; a region that does not exist is refused.
    let elsewhere = if v.region_code == "RU-SPE" {
        "RU-MOW"
    } else {
        "RU-SPE"
    };
    let other = json_body(app.get(&format!("{CAPS}?region={elsewhere}"), None).await).await;
    assert_eq!(other, json!([]));
    assert_problem(
        app.get(&format!("{CAPS}?region=RU-ZZZ"), None).await,
        422,
        "validation_failed",
    )
    .await;

    // Only the ministry sets caps; bad input is refused naming the field.
    let body = json!({"year": v.start_date.year(), "region_code": v.region_code,
        "occupation_group": "7", "cap": 5, "reason": "x"});
    let res = app
        .request(Method::PUT, CAPS, Some(&employer.token), Some(body.clone()))
        .await;
    assert_problem(res, 403, "forbidden").await;
    let res = app.request(Method::PUT, CAPS, None, Some(body)).await;
    assert_eq!(res.status(), 401);
    let res = app
        .request(
            Method::PUT,
            CAPS,
            Some(&ministry.token),
            Some(
                json!({"year": 1990, "region_code": "RU-XXX", "occupation_group": "712",
                "cap": -1, "reason": " "}),
            ),
        )
        .await;
    let p = assert_problem(res, 422, "validation_failed").await;
    let mut fields: Vec<String> = field_codes(&p).into_iter().map(|(f, _)| f).collect();
    fields.sort();
    assert_eq!(
        fields,
        ["cap", "occupation_group", "reason", "region_code", "year"]
    );

    // Once units are granted the cap cannot go below them.
    granted(&app, &employer, &ministry, &v, 30).await;
    let after = json_body(app.get(&url, None).await).await;
    assert_eq!(
        (&after[0]["allocated"], &after[0]["left"]),
        (&json!(30), &json!(20))
    );
    let res = app
        .request(
            Method::PUT,
            CAPS,
            Some(&ministry.token),
            Some(
                json!({"year": v.start_date.year(), "region_code": v.region_code,
                "occupation_group": group_of(&v), "cap": 29, "reason": "Сокращение"}),
            ),
        )
        .await;
    assert_problem(res, 409, "cap_exceeded").await;
    set_cap(&app, &ministry.token, &v, 30).await;
}

#[tokio::test]
async fn an_application_is_reviewed_on_written_grounds_and_never_beyond_the_cap() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let employer = app.account("employer").await;
    let other = app.account("employer").await;
    let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 2);
    // No cap yet: nothing to apply against.
    let res = app
        .post(APPLICATIONS, Some(&employer.token), application_body(&v, 5))
        .await;
    assert_problem(res, 422, "no_quota_cap").await;
    set_cap(&app, &ministry.token, &v, 8).await;
    // Someone else's vacancy is no evidence.
    let res = app
        .post(APPLICATIONS, Some(&other.token), application_body(&v, 5))
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .post(APPLICATIONS, Some(&employer.token), application_body(&v, 5))
        .await;
    assert_eq!(res.status(), 201);
    let a = json_body(res).await;
    assert_eq!(a["state"], "draft");
    let id = a["id"].as_str().unwrap().to_owned();

    // Nobody else sees or moves it; the ministry decides nothing before it is submitted.
    assert_problem(
        app.get(&format!("{APPLICATIONS}/{id}"), Some(&other.token))
            .await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        step(&app, &other.token, &id, json!({"to": "submitted"})).await,
        404,
        "not_found",
    )
    .await;
    let p = assert_problem(
        step(
            &app,
            &ministry.token,
            &id,
            json!({"to": "approved", "reason": "ok"}),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    assert_eq!(
        p["allowed"],
        json!([]),
        "the ministry has no step on a draft"
    );

    ok_step(&app, &employer.token, &id, json!({"to": "submitted"})).await;
    let p = assert_problem(
        step(&app, &employer.token, &id, json!({"to": "under_review"})).await,
        409,
        "invalid_transition",
    )
    .await;
    assert_eq!(p["allowed"], json!(["withdrawn"]));
    ok_step(&app, &ministry.token, &id, json!({"to": "under_review"})).await;
    let p = assert_problem(
        step(&app, &ministry.token, &id, json!({"to": "rejected"})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field_codes(&p), vec![("reason".into(), "required".into())]);
    assert_problem(
        step(
            &app,
            &ministry.token,
            &id,
            json!({"to": "partially_approved", "workers_granted": 5, "reason": "Часть"}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let a = ok_step(
        &app,
        &ministry.token,
        &id,
        json!({"to": "partially_approved", "workers_granted": 3,
               "reason": "Три места: остальное покрывает местный найм"}),
    )
    .await;
    assert_eq!(
        (&a["state"], &a["workers_granted"], &a["used"]),
        (&json!("partially_approved"), &json!(3), &json!(0))
    );
    assert!(a["decision_reason"]
        .as_str()
        .unwrap()
        .starts_with("Три места"));
    // Final.
    assert_problem(
        step(&app, &employer.token, &id, json!({"to": "withdrawn"})).await,
        409,
        "invalid_transition",
    )
    .await;

    // Eight in the cap, three granted: six more cannot be granted, five can.
    let big = app
        .post(APPLICATIONS, Some(&employer.token), application_body(&v, 6))
        .await;
    let big = json_body(big).await["id"].as_str().unwrap().to_owned();
    ok_step(&app, &employer.token, &big, json!({"to": "submitted"})).await;
    ok_step(&app, &ministry.token, &big, json!({"to": "under_review"})).await;
    let p = assert_problem(
        step(
            &app,
            &ministry.token,
            &big,
            json!({"to": "approved", "reason": "Да"}),
        )
        .await,
        409,
        "cap_exceeded",
    )
    .await;
    assert!(
        p["detail"].as_str().unwrap().contains("5 of the cap of 8"),
        "{p}"
    );
    ok_step(
        &app,
        &ministry.token,
        &big,
        json!({"to": "partially_approved", "workers_granted": 5, "reason": "Остаток лимита"}),
    )
    .await;
    let caps = json_body(app.get(CAPS, None).await).await;
    assert_eq!(
        (&caps[0]["allocated"], &caps[0]["left"]),
        (&json!(8), &json!(0))
    );

    // The employer lists its own; the ministry every one, by state.
    let mine = json_body(app.get(APPLICATIONS, Some(&employer.token)).await).await;
    assert_eq!(mine.as_array().unwrap().len(), 2);
    let theirs = json_body(app.get(APPLICATIONS, Some(&other.token)).await).await;
    assert_eq!(theirs, json!([]));
    let partial = json_body(
        app.get(
            &format!("{APPLICATIONS}?state=partially_approved"),
            Some(&ministry.token),
        )
        .await,
    )
    .await;
    assert_eq!(partial.as_array().unwrap().len(), 2);
    assert_problem(
        app.get(
            &format!("{APPLICATIONS}?state=granted"),
            Some(&ministry.token),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    let migrant = app.account("migrant").await;
    assert_problem(
        app.get(APPLICATIONS, Some(&migrant.token)).await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn the_job_is_offered_locally_first_and_closed_occupations_are_refused() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let employer = app.account("employer").await;
    let recent = vacancy_of(&app, employer.employer_id.unwrap(), 5, 3);
    set_cap(&app, &ministry.token, &recent, 10).await;
    let res = app
        .post(
            APPLICATIONS,
            Some(&employer.token),
            application_body(&recent, 2),
        )
        .await;
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    let p = assert_problem(
        step(&app, &employer.token, &id, json!({"to": "submitted"})).await,
        422,
        "labour_market_test_failed",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("at least 14"), "{p}");
    let state = json_body(
        app.get(&format!("{APPLICATIONS}/{id}"), Some(&employer.token))
            .await,
    )
    .await;
    assert_eq!(state["state"], "draft", "nothing changed");

    // Published long enough, but the ministry has closed the occupation there that year.
    diesel::update(orgnabor::db::schema::vacancies::table.find(recent.id))
        .set(
            orgnabor::db::schema::vacancies::published_at.eq(Some(Utc::now() - Duration::days(30))),
        )
        .execute(&mut app.conn())
        .unwrap();
    let res = app
        .post(
            "/api/v1/quota/closed-occupations",
            Some(&ministry.token),
            json!({"year": recent.start_date.year(), "region": recent.region_code,
                   "occupation": group_of(&recent),
                   "reason": "Достаточно местных работников",
                   "legal_source": "Постановление губернатора (тест)"}),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let p = assert_problem(
        step(&app, &employer.token, &id, json!({"to": "submitted"})).await,
        422,
        "occupation_closed",
    )
    .await;
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("Постановление губернатора (тест)"),
        "the rule is named: {p}"
    );
    // The employer may still withdraw it.
    let a = ok_step(&app, &employer.token, &id, json!({"to": "withdrawn"})).await;
    assert_eq!(a["state"], "withdrawn");
}

/// `n` placements under review on `v` for candidates of `citizenship`, taken through the rules
/// (contract written and signed) straight in the database.
fn under_review(
    app: &TestApp,
    employer: &Account,
    ministry: &Account,
    v: &vacancy::Vacancy,
    citizenship: &str,
    users: &[Option<Uuid>],
    seed: u64,
) -> Vec<Uuid> {
    let mut conn = app.conn();
    let e = orgnabor::db::schema::employers::table
        .find(employer.employer_id.unwrap())
        .select(organisation::Employer::as_select())
        .first(&mut conn)
        .unwrap();
    let cast = Cast {
        employer_user: employer.id,
        employer_name: e.name,
        employer_inn: e.inn,
        agency: Uuid::nil(),
        agency_user: Uuid::nil(),
        agency_name: String::new(),
        agency_licence: String::new(),
        ministry_user: ministry.id,
    };
    let cipher = orgnabor::crypto::DataCipher::new(&app.settings.crypto.data_key).unwrap();
    let mut g = Generator::new(seed).unwrap();
    users
        .iter()
        .enumerate()
        .map(|(i, user)| {
            // A person of their own (the placement's applicant), without a login.
            let user = user.or_else(|| {
                let email = format!("quota-{seed}-{i}-{}@test.kg", Uuid::new_v4().simple());
                let u = orgnabor::db::models::user::insert(
                    &mut conn,
                    &orgnabor::db::models::user::NewUser {
                        id: Uuid::now_v7(),
                        email: &email,
                        password_hash: "not-a-login",
                        role: "migrant",
                        full_name: "Тест Мигрант",
                        locale: "ru",
                    },
                )
                .unwrap();
                Some(u.id)
            });
            let user = &user;
            let mut profile = g
                .candidate(seed * 1000 + i as u64, user.unwrap_or(employer.id), &cipher)
                .unwrap();
            profile.user_id = *user;
            profile.citizenship = citizenship.into();
            let profile = candidate::insert(&mut conn, &profile).unwrap();
            play(
                &mut conn,
                &Case {
                    candidate: &profile,
                    locale: Locale::Ru,
                    vacancy: v,
                    cast: &cast,
                    origin: Origin::Applied,
                    until: PlacementState::UnderReview,
                    reason: None,
                },
            )
            .unwrap()
            .id
        })
        .collect()
}

async fn approve(app: &TestApp, ministry: &str, placement: Uuid) -> reqwest::Response {
    app.post(
        &format!("/api/v1/placements/{placement}/transitions"),
        Some(ministry),
        json!({"to": "approved", "reason": "Договор соответствует закону"}),
    )
    .await
}

fn used_of(app: &TestApp, application: &str) -> i32 {
    orgnabor::db::schema::quota_applications::table
        .find(Uuid::parse_str(application).unwrap())
        .select(orgnabor::db::schema::quota_applications::used)
        .first(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn a_placement_that_needs_quota_takes_a_unit_and_gives_it_back() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let employer = app.account("employer").await;
    let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 4);
    set_cap(&app, &ministry.token, &v, 5).await;
    let mut people = Vec::new();
    for _ in 0..3 {
        people.push(app.account("migrant").await);
    }
    let users: Vec<Option<Uuid>> = people.iter().map(|p| Some(p.id)).collect();
    let ids = under_review(&app, &employer, &ministry, &v, "UZ", &users, 4);
    let kg = under_review(&app, &employer, &ministry, &v, "KG", &[None], 5);

    // No application yet: a citizen who needs quota cannot be approved; an EAEU citizen can.
    let p = assert_problem(
        approve(&app, &ministry.token, ids[0]).await,
        409,
        "quota_exhausted",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("UZ"), "{p}");
    assert_eq!(approve(&app, &ministry.token, kg[0]).await.status(), 200);

    let a = granted(&app, &employer, &ministry, &v, 1).await;
    assert_eq!(approve(&app, &ministry.token, ids[0]).await.status(), 200);
    assert_eq!(used_of(&app, &a), 1);
    assert_problem(
        approve(&app, &ministry.token, ids[1]).await,
        409,
        "quota_exhausted",
    )
    .await;
    // Withdrawn before departure: the unit comes back and the next approval takes it.
    let res = app
        .post(
            &format!("/api/v1/placements/{}/transitions", ids[0]),
            Some(&people[0].token),
            json!({"to": "withdrawn", "reason": "Кандидат отказался от поездки"}),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(used_of(&app, &a), 0);
    assert_eq!(approve(&app, &ministry.token, ids[1]).await.status(), 200);
    assert_eq!(used_of(&app, &a), 1);
    // One person is a count the public page does not print.
    let caps = json_body(app.get(CAPS, None).await).await;
    assert_eq!(
        (&caps[0]["used"], &caps[0]["used_suppressed"]),
        (&json!(null), &json!(true))
    );
}

#[tokio::test]
async fn a_hundred_concurrent_approvals_against_ten_units_approve_exactly_ten_every_round() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let employer = app.account("employer").await;
    for round in 0..20u64 {
        let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 100 + round);
        set_cap(&app, &ministry.token, &v, 1000).await;
        let units = granted(&app, &employer, &ministry, &v, 10).await;
        let ids = under_review(
            &app,
            &employer,
            &ministry,
            &v,
            "TJ",
            &[None; 100],
            100 + round,
        );
        let results = futures_util::future::join_all(ids.iter().map(|id| {
            let (app, token) = (&app, ministry.token.clone());
            async move {
                let res = approve(app, &token, *id).await;
                let status = res.status().as_u16();
                let body: Value = res.json().await.unwrap();
                (status, body["code"].as_str().map(str::to_owned))
            }
        }))
        .await;
        let approved = results.iter().filter(|(s, _)| *s == 200).count();
        let exhausted = results
            .iter()
            .filter(|(s, c)| *s == 409 && c.as_deref() == Some("quota_exhausted"))
            .count();
        assert_eq!(
            (approved, exhausted),
            (10, 90),
            "round {round}: {results:?}"
        );
        assert_eq!(used_of(&app, &units), 10, "round {round}");
        let in_db: i64 = orgnabor::db::schema::placements::table
            .filter(orgnabor::db::schema::placements::vacancy_id.eq(v.id))
            .filter(orgnabor::db::schema::placements::state.eq("approved"))
            .count()
            .get_result(&mut app.conn())
            .unwrap();
        assert_eq!(in_db, 10, "round {round}");
    }
}

#[tokio::test]
async fn two_reviewers_granting_the_last_units_never_exceed_the_cap() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let other_reviewer = app.account("ministry").await;
    let employer = app.account("employer").await;
    for round in 0..20u64 {
        let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 300 + round);
        // Rounds may share a cap's key: each adds five units on top of what is granted.
        let key = (
            orgnabor::db::schema::quota_caps::region_code.eq(v.region_code.clone()),
            orgnabor::db::schema::quota_caps::year.eq(v.start_date.year()),
            orgnabor::db::schema::quota_caps::occupation_group.eq(group_of(&v)),
        );
        let before: i32 = orgnabor::db::schema::quota_caps::table
            .filter(key.0.clone())
            .filter(key.1)
            .filter(key.2.clone())
            .select(orgnabor::db::schema::quota_caps::allocated)
            .first(&mut app.conn())
            .optional()
            .unwrap()
            .unwrap_or(0);
        set_cap(&app, &ministry.token, &v, i64::from(before) + 5).await;
        let mut ids = Vec::new();
        for _ in 0..2 {
            let res = app
                .post(APPLICATIONS, Some(&employer.token), application_body(&v, 3))
                .await;
            let id = json_body(res).await["id"].as_str().unwrap().to_owned();
            ok_step(&app, &employer.token, &id, json!({"to": "submitted"})).await;
            ok_step(&app, &ministry.token, &id, json!({"to": "under_review"})).await;
            ids.push(id);
        }
        let body = json!({"to": "approved", "reason": "Проверено"});
        let (a, b) = tokio::join!(
            step(&app, &ministry.token, &ids[0], body.clone()),
            step(&app, &other_reviewer.token, &ids[1], body.clone()),
        );
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "round {round}");
        let cap: (i32, i32) = orgnabor::db::schema::quota_caps::table
            .filter(key.0)
            .filter(key.1)
            .filter(key.2)
            .select((
                orgnabor::db::schema::quota_caps::allocated,
                orgnabor::db::schema::quota_caps::cap,
            ))
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(cap, (before + 3, before + 5), "round {round}");
    }
}

/// A published vacancy of `first` and the same job at `second`, both queued for the index.
fn twins(
    app: &TestApp,
    first: &Account,
    second: &Account,
    seed: u64,
) -> (vacancy::Vacancy, vacancy::Vacancy) {
    let v = vacancy_of(app, first.employer_id.unwrap(), 20, seed);
    let mut twin = v.clone();
    twin.id = Uuid::now_v7();
    twin.employer_id = second.employer_id.unwrap();
    let twin = vacancy::insert(&mut app.conn(), &twin).unwrap();
    for id in [v.id, twin.id] {
        orgnabor::db::models::search_change::record(
            &mut app.conn(),
            orgnabor::db::models::search_change::VACANCY,
            id,
            "upsert",
        )
        .unwrap();
    }
    (v, twin)
}

#[tokio::test]
async fn a_citizen_who_needs_quota_finds_only_vacancies_with_quota_left() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let with_quota = app.account("employer").await;
    let without = app.account("employer").await;
    let (v, twin) = twins(&app, &with_quota, &without, 7);
    app.apply_search_changes().await;
    let search = |citizenship: &'static str| {
        let app = &app;
        let v = &v;
        async move {
            let url = format!(
                "/api/v1/vacancies/search?occupation={}&region={}{}",
                v.occupation_code.trim(),
                v.region_code,
                if citizenship.is_empty() {
                    String::new()
                } else {
                    format!("&citizenship={citizenship}")
                }
            );
            let body = json_body(app.get(&url, None).await).await;
            let mut ids: Vec<String> = body["items"]
                .as_array()
                .unwrap_or_else(|| panic!("{body}"))
                .iter()
                .map(|i| i["vacancy"]["id"].as_str().unwrap().to_owned())
                .collect();
            ids.sort();
            (ids, body)
        }
    };
    let mut both = vec![v.id.to_string(), twin.id.to_string()];
    both.sort();
    assert_eq!(search("").await.0, both, "nobody in particular sees all");
    let (kg, body) = search("KG").await;
    assert_eq!(kg, both, "an EAEU citizen sees all");
    assert!(body["items"][0]["explanation"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n
            .as_str()
            .unwrap()
            .contains("not needed for citizens of KG")));
    assert_eq!(
        search("UZ").await.0,
        Vec::<String>::new(),
        "no quota anywhere yet"
    );

    set_cap(&app, &ministry.token, &v, 10).await;
    let units = granted(&app, &with_quota, &ministry, &v, 1).await;
    let (uz, body) = search("UZ").await;
    assert_eq!(
        uz,
        vec![v.id.to_string()],
        "only the employer with quota left"
    );
    assert!(body["items"][0]["explanation"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().contains("quota left")));

    // The unit used up: nothing left for the next citizen who needs quota, at once.
    let person = app.account("migrant").await;
    let ids = under_review(
        &app,
        &with_quota,
        &ministry,
        &v,
        "UZ",
        &[Some(person.id)],
        7,
    );
    assert_eq!(approve(&app, &ministry.token, ids[0]).await.status(), 200);
    assert_eq!(used_of(&app, &units), 1);
    app.apply_search_changes().await;
    assert_eq!(search("UZ").await.0, Vec::<String>::new());
    assert_eq!(search("KG").await.0.len(), 2);
    assert_problem(
        app.get("/api/v1/vacancies/search?citizenship=XX", None)
            .await,
        422,
        "validation_failed",
    )
    .await;
}

/// A profile of `user` who wants exactly the job `v` is: its occupation, its region, no salary
/// floor, fluent Russian, free to travel now.
fn profile_for(
    app: &TestApp,
    user: Uuid,
    v: &vacancy::Vacancy,
    citizenship: &str,
    seed: u64,
) -> Uuid {
    let cipher = orgnabor::crypto::DataCipher::new(&app.settings.crypto.data_key).unwrap();
    let mut g = Generator::new(seed).unwrap();
    let mut p = g.candidate(seed, user, &cipher).unwrap();
    p.user_id = Some(user);
    p.citizenship = citizenship.into();
    p.occupations = vec![v.occupation_code.trim().to_owned()];
    p.preferred_regions = vec![v.region_code.clone()];
    p.salary_min = None;
    p.russian_level = Some("C2".into());
    p.available_from = None;
    let p = candidate::insert(&mut app.conn(), &p).unwrap();
    orgnabor::db::models::search_change::record(
        &mut app.conn(),
        orgnabor::db::models::search_change::CANDIDATE,
        p.id,
        "upsert",
    )
    .unwrap();
    p.id
}

#[tokio::test]
async fn a_citizen_who_needs_quota_is_matched_only_to_employers_with_quota_left() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let with_quota = app.account("employer").await;
    let without = app.account("employer").await;
    let (v, twin) = twins(&app, &with_quota, &without, 11);
    let uzbek = app.account("migrant").await;
    let kyrgyz = app.account("migrant").await;
    let uz = profile_for(&app, uzbek.id, &v, "UZ", 31);
    let kg = profile_for(&app, kyrgyz.id, &v, "KG", 32);
    app.apply_search_changes().await;
    let matches = |pid: Uuid, token: String| {
        let app = &app;
        async move {
            let res = app
                .get(&format!("/api/v1/candidates/{pid}/matches"), Some(&token))
                .await;
            assert_eq!(res.status(), 200);
            let body = json_body(res).await;
            let mut ids: Vec<Uuid> = body["items"]
                .as_array()
                .unwrap_or_else(|| panic!("{body}"))
                .iter()
                .map(|i| i["vacancy"]["id"].as_str().unwrap().parse().unwrap())
                .collect();
            ids.sort();
            (ids, body)
        }
    };
    let mut both = vec![v.id, twin.id];
    both.sort();
    let (got, body) = matches(kg, kyrgyz.token.clone()).await;
    assert_eq!(got, both, "an EAEU citizen is matched to both: {body}");
    assert!(body["items"][0]["explanation"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n
            .as_str()
            .unwrap()
            .contains("not needed for citizens of KG")));
    assert_eq!(
        matches(uz, uzbek.token.clone()).await.0,
        Vec::<Uuid>::new(),
        "no quota yet"
    );

    set_cap(&app, &ministry.token, &v, 10).await;
    let units = granted(&app, &with_quota, &ministry, &v, 1).await;
    let (got, body) = matches(uz, uzbek.token.clone()).await;
    assert_eq!(got, vec![v.id], "only the employer with quota left: {body}");
    assert!(body["items"][0]["explanation"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().contains("quota left")));

    // Someone else takes the last unit: the match goes at once, for the Uzbek citizen only.
    let ids = under_review(&app, &with_quota, &ministry, &v, "UZ", &[None], 12);
    assert_eq!(approve(&app, &ministry.token, ids[0]).await.status(), 200);
    assert_eq!(used_of(&app, &units), 1);
    app.apply_search_changes().await;
    assert_eq!(matches(uz, uzbek.token.clone()).await.0, Vec::<Uuid>::new());
    assert_eq!(matches(kg, kyrgyz.token.clone()).await.0, both);
}

#[tokio::test]
async fn the_search_page_shows_a_signed_in_citizen_who_needs_quota_only_jobs_with_quota_left() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let with_quota = app.account("employer").await;
    let without = app.account("employer").await;
    let (v, twin) = twins(&app, &with_quota, &without, 13);
    let uzbek = app.account("migrant").await;
    profile_for(&app, uzbek.id, &v, "UZ", 33);
    set_cap(&app, &ministry.token, &v, 10).await;
    granted(&app, &with_quota, &ministry, &v, 1).await;
    app.apply_search_changes().await;
    let path = format!("/search?region={}&lang=en", v.region_code);
    let results = |client: reqwest::Client| {
        let url = app.url(&path);
        async move {
            let html = client.get(url).send().await.unwrap().text().await.unwrap();
            (
                html.contains(&format!("/vacancies/{}\"", v.id)),
                html.contains(&format!("/vacancies/{}\"", twin.id)),
            )
        }
    };
    let (anonymous, _) = crate::web_core::browser();
    assert_eq!(results(anonymous).await, (true, true), "anyone sees both");
    let (client, _) = crate::web_core::browser();
    crate::web_account::sign_in(&app, &client, &uzbek.email, PASSWORD).await;
    assert_eq!(
        results(client).await,
        (true, false),
        "an Uzbek citizen sees only the employer with quota left"
    );
}
