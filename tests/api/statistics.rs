//! Public statistics: quota caps against requests, grants and use; placements (people) by the
//! chosen dimensions with every cell under 5 people withheld — and never recoverable by
//! subtracting one published table from another. JSON and CSV carry the same figures.

use chrono::{Datelike, Duration, Utc};
use diesel::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

use orgnabor::db::models::{candidate, placement, vacancy};
use orgnabor::seed::generate::Generator;

use crate::helpers::*;

const PLACEMENTS: &str = "/api/v1/statistics/placements";
const QUOTA: &str = "/api/v1/statistics/quota";

/// A published vacancy of `employer`, published `days_ago`, straight in the database.
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

/// `n` placements on `v` in `state` for people of `citizenship` and `gender`, straight in the
/// database. Returns the people's last names and placement ids (which must never be published).
#[allow(clippy::too_many_arguments)]
fn people(
    app: &TestApp,
    by: Uuid,
    v: &vacancy::Vacancy,
    citizenship: &str,
    gender: &str,
    state: &str,
    n: usize,
    seed: u64,
) -> Vec<(String, Uuid)> {
    let mut conn = app.conn();
    let cipher = orgnabor::crypto::DataCipher::new(&app.settings.crypto.data_key).unwrap();
    let mut g = Generator::new(seed).unwrap();
    (0..n)
        .map(|i| {
            let mut profile = g.candidate(seed * 1000 + i as u64, by, &cipher).unwrap();
            profile.user_id = None;
            profile.citizenship = citizenship.into();
            profile.gender = gender.into();
            let profile = candidate::insert(&mut conn, &profile).unwrap();
            let now = Utc::now();
            let p = placement::insert(
                &mut conn,
                &placement::Placement {
                    id: Uuid::now_v7(),
                    vacancy_id: v.id,
                    candidate_id: profile.id,
                    origin: "applied".into(),
                    proposed_by_agency: None,
                    state: state.into(),
                    reason: None,
                    match_explanation: json!({}),
                    created_by: by,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                    arrived_on: None,
                    employment_start: None,
                    ended_on: None,
                    termination: None,
                },
            )
            .unwrap();
            (profile.last_name.clone(), p.id)
        })
        .collect()
}

fn cell<'a>(rows: &'a Value, pick: &[(&str, &str)]) -> &'a Value {
    rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| pick.iter().all(|(k, v)| r[*k] == *v))
        .unwrap_or_else(|| panic!("no row {pick:?} in {rows}"))
}

/// Asserts that no total in `coarse` can be combined with the shown cells of `fine` to give a
/// withheld cell: in every line, either no cell is withheld or at least two are (counting the
/// total itself).
fn no_line_gives_one_away(coarse: &Value, fine: &Value, keep: &[&str]) {
    for total in coarse["rows"].as_array().unwrap() {
        let line: Vec<&Value> = fine["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                ["year", "region"]
                    .iter()
                    .chain(keep)
                    .all(|k| r[*k] == total[*k])
            })
            .collect();
        let hidden = line.iter().filter(|r| r["suppressed"] == true).count()
            + usize::from(total["suppressed"] == true);
        assert_ne!(hidden, 1, "{total} over {line:?}");
        // And the figures add up where everything is shown.
        if hidden == 0 {
            let sum: i64 = line.iter().map(|r| r["count"].as_i64().unwrap()).sum();
            assert_eq!(total["count"].as_i64().unwrap(), sum, "{total}");
        }
    }
}

#[tokio::test]
async fn placements_are_counted_and_every_cell_under_5_is_withheld() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let employer = app.account("employer").await;
    let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 11);
    let year = v.start_date.year();
    let region = v.region_code.clone();
    // 12 KG (7 men, 5 women), 6 TJ men, 3 UZ (2 men, 1 woman): 21 people.
    let mut names = Vec::new();
    names.extend(people(&app, ministry.id, &v, "KG", "male", "applied", 7, 1));
    names.extend(people(
        &app,
        ministry.id,
        &v,
        "KG",
        "female",
        "approved",
        5,
        2,
    ));
    names.extend(people(&app, ministry.id, &v, "TJ", "male", "applied", 6, 3));
    names.extend(people(&app, ministry.id, &v, "UZ", "male", "applied", 2, 4));
    names.extend(people(
        &app,
        ministry.id,
        &v,
        "UZ",
        "female",
        "approved",
        1,
        5,
    ));

    let get = |q: String| {
        let app = &app;
        async move {
            let res = app.get(&format!("{PLACEMENTS}?{q}"), None).await;
            assert_eq!(res.status(), 200, "{q}");
            json_body(res).await
        }
    };
    let total = get(String::new()).await;
    assert_eq!(total["min_cell"], 5);
    assert_eq!(total["by"], json!([]));
    assert_eq!(
        total["rows"],
        json!([{"year": year, "region": region, "count": 21, "suppressed": false}])
    );

    // UZ (3) is withheld, and TJ (6, the next smallest) with it: 21 − 12 gives only TJ + UZ.
    let by_c = get("by=citizenship".into()).await;
    assert_eq!(by_c["rows"].as_array().unwrap().len(), 3);
    assert_eq!(
        cell(&by_c, &[("citizenship", "KG")]),
        &json!({"year": year, "region": region, "citizenship": "KG", "count": 12,
            "suppressed": false})
    );
    for c in ["TJ", "UZ"] {
        let r = cell(&by_c, &[("citizenship", c)]);
        assert_eq!(
            (&r["count"], &r["suppressed"]),
            (&Value::Null, &json!(true)),
            "{c}"
        );
    }

    let by_g = get("by=gender".into()).await;
    let by_cg = get("by=gender,citizenship".into()).await;
    assert_eq!(by_cg["by"], json!(["gender", "citizenship"]));
    assert_eq!(by_cg["rows"].as_array().unwrap().len(), 5);
    for r in by_cg["rows"].as_array().unwrap() {
        if r["suppressed"] == false {
            assert!(r["count"].as_i64().unwrap() >= 5, "{r}");
        } else {
            assert_eq!(r["count"], Value::Null);
        }
    }
    let uz_woman = cell(&by_cg, &[("citizenship", "UZ"), ("gender", "female")]);
    assert_eq!(uz_woman["suppressed"], true);
    // Subtracting any published table from a finer one gives nothing withheld away.
    no_line_gives_one_away(&total, &by_c, &[]);
    no_line_gives_one_away(&total, &by_g, &[]);
    no_line_gives_one_away(&by_c, &by_cg, &["citizenship"]);
    no_line_gives_one_away(&by_g, &by_cg, &["gender"]);

    // Stage is the placement's state; all four dimensions at once.
    let by_s = get("by=stage".into()).await;
    assert_eq!(cell(&by_s, &[("stage", "applied")])["count"], 15);
    assert_eq!(cell(&by_s, &[("stage", "approved")])["count"], 6);
    let all = get("by=citizenship,gender,occupation_group,stage".into()).await;
    let group = &v.occupation_code.trim()[..2];
    for r in all["rows"].as_array().unwrap() {
        assert_eq!(r["occupation_group"], group);
    }
    // KG men are all in one stage and group: the finest cell is the same figure as in the
    // table by citizenship and gender, and withheld there exactly when it is withheld here.
    let kg_men = [("citizenship", "KG"), ("gender", "male")];
    assert_eq!(cell(&all, &kg_men)["count"], cell(&by_cg, &kg_men)["count"]);
    assert_eq!(
        cell(&all, &kg_men)["suppressed"],
        cell(&by_cg, &kg_men)["suppressed"]
    );
    // 7 KG men shown on their own, but the women's line (KG 5, UZ 1) takes KG women with it,
    // and then the KG line (7 + 5 = 12 shown) takes KG men: 12 − 7 would give the women.
    assert_eq!(cell(&by_cg, &kg_men)["suppressed"], true);
    assert_eq!(cell(&by_g, &[("gender", "male")])["count"], 15);

    // Filters: another year or region has nothing.
    let empty = get(format!("year={}", year + 1)).await;
    assert_eq!(empty["rows"], json!([]));
    let elsewhere = if region == "RU-SPE" {
        "RU-MOW"
    } else {
        "RU-SPE"
    };
    assert_eq!(get(format!("region={elsewhere}")).await["rows"], json!([]));
    assert_eq!(get(format!("year={year}&region={region}")).await, total);

    // No personal data: no name, no placement or person id, no key beyond the dimensions.
    for t in [&by_c, &by_cg, &all, &by_s] {
        let text = t.to_string();
        for (name, id) in &names {
            assert!(!text.contains(name.as_str()) && !text.contains(&id.to_string()));
        }
        for r in t["rows"].as_array().unwrap() {
            for k in r.as_object().unwrap().keys() {
                assert!(
                    [
                        "year",
                        "region",
                        "citizenship",
                        "gender",
                        "occupation_group",
                        "stage",
                        "count",
                        "suppressed"
                    ]
                    .contains(&k.as_str()),
                    "{k}"
                );
            }
        }
    }
}

fn parse_csv(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let headers = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

#[tokio::test]
async fn csv_carries_the_same_cells_as_json() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let employer = app.account("employer").await;
    let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 12);
    people(&app, ministry.id, &v, "KG", "male", "applied", 7, 6);
    people(&app, ministry.id, &v, "TJ", "female", "applied", 8, 7);
    people(&app, ministry.id, &v, "UZ", "male", "applied", 3, 8);

    let json = json_body(app.get(&format!("{PLACEMENTS}?by=citizenship"), None).await).await;
    let res = app
        .get(&format!("{PLACEMENTS}?by=citizenship&format=csv"), None)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "text/csv; charset=utf-8"
    );
    let body = res.text().await.unwrap();
    let (headers, rows) = parse_csv(&body);
    assert_eq!(
        headers,
        ["year", "region", "citizenship", "count", "suppressed"]
    );
    let from_json: Vec<Vec<String>> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            vec![
                r["year"].to_string(),
                r["region"].as_str().unwrap().to_owned(),
                r["citizenship"].as_str().unwrap().to_owned(),
                r["count"]
                    .as_i64()
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                r["suppressed"].to_string(),
            ]
        })
        .collect();
    assert_eq!(rows, from_json);
    // UZ is withheld: an empty count.
    let uz = rows.iter().find(|r| r[2] == "UZ").unwrap();
    assert_eq!((uz[3].as_str(), uz[4].as_str()), ("", "true"));

    // Accept: text/csv gives the same; format=json wins over it.
    let res = app
        .client
        .get(app.url(&format!("{PLACEMENTS}?by=citizenship")))
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert_eq!(res.text().await.unwrap(), body);
    let res = app
        .client
        .get(app.url(&format!("{PLACEMENTS}?by=citizenship&format=json")))
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(json_body(res).await, json);

    // The quota table too.
    let res = app.get(&format!("{QUOTA}?format=csv"), None).await;
    assert_eq!(res.status(), 200);
    let (headers, rows) = parse_csv(&res.text().await.unwrap());
    assert_eq!(headers[0], "year");
    assert!(headers.contains(&"used_suppressed".to_owned()));
    assert!(rows.is_empty());
}

#[tokio::test]
async fn quota_statistics_set_caps_against_requests_grants_and_use() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let employer = app.account("employer").await;
    let v = vacancy_of(&app, employer.employer_id.unwrap(), 20, 13);
    let year = v.start_date.year();
    let group = v.occupation_code.trim()[..2].to_owned();
    let res = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/quota/caps",
            Some(&ministry.token),
            Some(json!({"year": year, "region_code": v.region_code,
                "occupation_group": group, "cap": 50, "reason": "Потребность региона"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let apply = |workers: i64| {
        let (app, employer, v) = (&app, &employer, &v);
        async move {
            let res = app
                .post(
                    "/api/v1/quota/applications",
                    Some(&employer.token),
                    json!({"year": year, "region_code": v.region_code,
                        "occupation_code": v.occupation_code.trim(), "workers_requested": workers,
                        "justification": "Местных кандидатов не нашлось", "vacancy_id": v.id}),
                )
                .await;
            assert_eq!(res.status(), 201);
            json_body(res).await["id"].as_str().unwrap().to_owned()
        }
    };
    let step = |id: String, token: String, body: Value| {
        let app = &app;
        async move {
            let res = app
                .post(
                    &format!("/api/v1/quota/applications/{id}/transitions"),
                    Some(&token),
                    body,
                )
                .await;
            assert_eq!(res.status(), 200);
        }
    };
    // A draft of 7 (not counted), one submitted for 10, one approved for 30.
    apply(7).await;
    let submitted = apply(10).await;
    step(
        submitted,
        employer.token.clone(),
        json!({"to": "submitted"}),
    )
    .await;
    let approved = apply(30).await;
    step(
        approved.clone(),
        employer.token.clone(),
        json!({"to": "submitted"}),
    )
    .await;
    step(
        approved.clone(),
        ministry.token.clone(),
        json!({"to": "under_review"}),
    )
    .await;
    step(
        approved.clone(),
        ministry.token.clone(),
        json!({"to": "approved", "reason": "Проверка рынка труда пройдена"}),
    )
    .await;

    let url = format!("{QUOTA}?year={year}&region={}", v.region_code);
    let stats = json_body(app.get(&url, None).await).await;
    assert_eq!(
        stats["rows"],
        json!([{"year": year, "region": v.region_code, "occupation_group": group, "cap": 50,
            "allocated": 30, "requested": 40, "applications_submitted": 1,
            "applications_under_review": 0, "applications_approved": 1,
            "applications_partially_approved": 0, "applications_rejected": 0,
            "applications_withdrawn": 0, "used": 0, "used_suppressed": false}])
    );

    // Units used are people placed: 3 is withheld, 6 is shown.
    let set_used = |n: i32| {
        use orgnabor::db::schema::quota_applications as qa;
        diesel::update(qa::table.find(Uuid::parse_str(&approved).unwrap()))
            .set(qa::used.eq(n))
            .execute(&mut app.conn())
            .unwrap();
    };
    set_used(3);
    let stats = json_body(app.get(&url, None).await).await;
    assert_eq!(
        (
            &stats["rows"][0]["used"],
            &stats["rows"][0]["used_suppressed"]
        ),
        (&Value::Null, &json!(true))
    );
    set_used(6);
    let stats = json_body(app.get(&url, None).await).await;
    assert_eq!(stats["rows"][0]["used"], 6);
    assert_eq!(
        json_body(app.get(&format!("{QUOTA}?year={}", year + 1), None).await).await["rows"],
        json!([])
    );
}

#[tokio::test]
async fn bad_parameters_are_refused() {
    let app = spawn_app().await;
    for (url, status, code) in [
        (format!("{PLACEMENTS}?by=name"), 422, "validation_failed"),
        (
            format!("{PLACEMENTS}?by=citizenship,passport"),
            422,
            "validation_failed",
        ),
        (format!("{PLACEMENTS}?format=xml"), 422, "validation_failed"),
        (
            format!("{PLACEMENTS}?region=RU-ZZZ"),
            422,
            "validation_failed",
        ),
        (format!("{PLACEMENTS}?year=abc"), 400, "invalid_query"),
        (format!("{PLACEMENTS}?candidate=1"), 400, "invalid_query"),
        (format!("{QUOTA}?format=pdf"), 422, "validation_failed"),
        (format!("{QUOTA}?region=RU-ZZZ"), 422, "validation_failed"),
        (format!("{QUOTA}?by=gender"), 400, "invalid_query"),
    ] {
        let res = app.get(&url, None).await;
        let p = assert_problem(res, status, code).await;
        if status == 422 {
            assert!(!field_codes(&p).is_empty(), "{url}: {p}");
        }
    }
}
