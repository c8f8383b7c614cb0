//! The readiness checklist and the departure gate: centre staff of a centre that represents the
//! person keep the items, orientation comes from attendance, and `approved → departed` is 409
//! `not_ready` naming each item missing or not valid on the departure date.

use chrono::{Duration, Months, NaiveDate};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

use orgnabor::email::OutgoingEmail;

use crate::contracts::{under_review, world_with, World};
use crate::helpers::*;

const ITEMS: [&str; 7] = [
    "passport",
    "medical",
    "insurance",
    "orientation",
    "russian_test",
    "reentry_ban_check",
    "contract_explained",
];

fn readiness_url(candidate: &str) -> String {
    format!("/api/v1/candidates/{candidate}/readiness")
}

fn departure_url(placement: &str) -> String {
    format!("/api/v1/placements/{placement}/departure")
}

/// The last day of the contract `contracts::terms()` writes: 12 months from today + 30 days.
fn contract_end() -> NaiveDate {
    (today() + Duration::days(30))
        .checked_add_months(Months::new(12))
        .unwrap()
        .pred_opt()
        .unwrap()
}

fn passport_needed() -> NaiveDate {
    contract_end().checked_add_months(Months::new(6)).unwrap()
}

async fn put_item(
    app: &TestApp,
    token: &str,
    candidate: &str,
    item: &str,
    body: Value,
) -> reqwest::Response {
    app.request(
        Method::PUT,
        &format!("{}/{item}", readiness_url(candidate)),
        Some(token),
        Some(body),
    )
    .await
}

async fn put_ok(app: &TestApp, token: &str, candidate: &str, item: &str, body: Value) -> Value {
    let res = put_item(app, token, candidate, item, body).await;
    assert_eq!(res.status(), 200, "{item}");
    json_body(res).await
}

/// The body that makes each recorded item ready for a departure today.
fn ready_body(item: &str) -> Value {
    match item {
        "passport" => json!({"status": "ok", "evidence_ref": "ID 1234567",
            "valid_until": passport_needed().to_string()}),
        "medical" => json!({"status": "ok", "evidence_ref": "Справка 77"}),
        "insurance" => json!({"status": "ok", "evidence_ref": "Полис ДМС 55",
            "valid_until": contract_end().to_string()}),
        "russian_test" => json!({"status": "ok", "level": "B1"}),
        "reentry_ban_check" => json!({"status": "ok", "evidence_ref": "ФМС запрос 9"}),
        "contract_explained" => json!({"status": "ok", "language": "ky"}),
        other => panic!("{other} is not recorded"),
    }
}

/// Records an attended orientation session for the candidate, as the centres' tables hold it.
fn attend_orientation(app: &TestApp, centre: &Account, candidate: &str) {
    let mut conn = app.conn();
    let session = Uuid::now_v7();
    diesel::sql_query(
        "INSERT INTO orientation_sessions
             (id, centre_id, starts_at, duration_minutes, place, language, capacity, topics,
              created_by)
         VALUES ($1, $2, now() - interval '3 days', 120, 'Бишкек, ул. Токтогула 1', 'ky', 20,
                 ARRAY['labour_rights', 'registration_and_patents'], $3)",
    )
    .bind::<diesel::sql_types::Uuid, _>(session)
    .bind::<diesel::sql_types::Uuid, _>(centre.centre_id.unwrap())
    .bind::<diesel::sql_types::Uuid, _>(centre.id)
    .execute(&mut conn)
    .unwrap();
    diesel::sql_query(
        "INSERT INTO session_bookings (id, session_id, candidate_id, booked_by, attended_at)
         VALUES ($1, $2, $3, $4, now() - interval '3 days')",
    )
    .bind::<diesel::sql_types::Uuid, _>(Uuid::now_v7())
    .bind::<diesel::sql_types::Uuid, _>(session)
    .bind::<diesel::sql_types::Uuid, _>(Uuid::parse_str(candidate).unwrap())
    .bind::<diesel::sql_types::Uuid, _>(centre.id)
    .execute(&mut conn)
    .unwrap();
}

fn count(app: &TestApp, sql: &str) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(sql)
        .get_result::<N>(&mut app.conn())
        .unwrap()
        .n
}

/// An approved placement of the world's migrant, who lets `centre` and `agency` represent them.
struct Approved {
    w: World,
    centre: Account,
    agency: Account,
    placement: String,
    candidate: String,
}

async fn approved() -> Approved {
    let w = world_with(2).await;
    let app = &w.app;
    let centre = app.account("centre").await;
    let agency = app.account("agency").await;
    let placement = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let res = app
        .post(
            &format!("/api/v1/placements/{placement}/transitions"),
            Some(&w.ministry.token),
            json!({"to": "approved", "reason": "Договор соответствует закону"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let candidate = json_body(res).await["candidate_id"]
        .as_str()
        .unwrap()
        .to_owned();
    for body in [
        json!({"centre_id": centre.centre_id}),
        json!({"agency_id": agency.agency_id}),
    ] {
        let res = app
            .post(
                &format!("/api/v1/candidates/{candidate}/consents"),
                Some(&w.migrant.token),
                body,
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    Approved {
        w,
        centre,
        agency,
        placement,
        candidate,
    }
}

async fn depart(app: &TestApp, token: &str, placement: &str, date: NaiveDate) -> reqwest::Response {
    app.post(
        &departure_url(placement),
        Some(token),
        json!({"date": date.to_string()}),
    )
    .await
}

/// The `missing` member of a `not_ready` problem as (item, reason).
fn missing(problem: &Value) -> Vec<(String, String)> {
    problem["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["item"].as_str().unwrap().to_owned(),
                m["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn state(app: &TestApp, placement: &str) -> String {
    use orgnabor::db::schema::placements::dsl as p;
    p::placements
        .filter(p::id.eq(Uuid::parse_str(placement).unwrap()))
        .select(p::state)
        .first(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn departure_is_refused_naming_each_missing_item_until_every_one_is_ready() {
    let a = approved().await;
    let app = &a.w.app;
    let token = &a.centre.token;

    // Nothing recorded: all seven items are missing, and nothing changes.
    let problem = assert_problem(
        depart(app, token, &a.placement, today()).await,
        409,
        "not_ready",
    )
    .await;
    let want: Vec<(String, String)> = ITEMS
        .iter()
        .map(|i| (i.to_string(), "missing".to_string()))
        .collect();
    assert_eq!(missing(&problem), want);
    assert_eq!(state(app, &a.placement), "approved");

    // Each item recorded takes exactly that item off the list; orientation comes last, from
    // attendance.
    let mut left: Vec<&str> = ITEMS.to_vec();
    for item in ITEMS.iter().filter(|i| **i != "orientation") {
        let body = put_ok(app, token, &a.candidate, item, ready_body(item)).await;
        assert_eq!(body["on_departure"]["state"], "ready", "{item}: {body}");
        left.retain(|i| i != item);
        let problem = assert_problem(
            depart(app, token, &a.placement, today()).await,
            409,
            "not_ready",
        )
        .await;
        let names: Vec<String> = missing(&problem).into_iter().map(|(i, _)| i).collect();
        assert_eq!(names, left, "after {item}");
    }
    assert_eq!(left, vec!["orientation"]);
    attend_orientation(app, &a.centre, &a.candidate);

    let view = json_body(app.get(&readiness_url(&a.candidate), Some(token)).await).await;
    assert_eq!(view["ready"], true, "{view}");
    assert_eq!(view["placement_id"], a.placement.as_str());
    assert_eq!(view["contract_end"], contract_end().to_string());
    assert_eq!(view["items"][3]["item"], "orientation");
    assert_eq!(view["items"][3]["status"], "ok");

    let res = depart(app, token, &a.placement, today()).await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert_eq!(body["state"], "departed");
    assert_eq!(state(app, &a.placement), "departed");
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT count(*) AS n FROM departures WHERE placement_id = '{}' \
                 AND departure_date = '{}'",
                a.placement,
                today()
            )
        ),
        1
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT count(*) AS n FROM placement_events WHERE placement_id = '{}' \
                 AND to_state = 'departed' AND actor_role = 'centre'",
                a.placement
            )
        ),
        1
    );
    // Once departed, there is no second departure.
    assert_problem(
        depart(app, token, &a.placement, today()).await,
        409,
        "invalid_transition",
    )
    .await;
}

#[tokio::test]
async fn each_expired_or_untimely_item_is_named_with_its_dates() {
    let a = approved().await;
    let app = &a.w.app;
    let token = &a.centre.token;
    let c = &a.candidate;
    attend_orientation(app, &a.centre, c);
    let needed = passport_needed();
    // The first day a medical check still holds today (three months), and the day before it.
    let first_valid = (0..100)
        .map(|n| today() - Duration::days(100 - n))
        .find(|d| d.checked_add_months(Months::new(3)).unwrap() >= today())
        .unwrap();
    let medical_day = first_valid.pred_opt().unwrap();
    let bodies = [
        (
            "passport",
            json!({"status": "ok", "valid_until": needed.pred_opt().unwrap().to_string()}),
        ),
        (
            "medical",
            json!({"status": "ok", "checked_on": medical_day.to_string()}),
        ),
        (
            "insurance",
            json!({"status": "ok",
                "valid_until": contract_end().pred_opt().unwrap().to_string()}),
        ),
        ("russian_test", json!({"status": "failed"})),
        (
            "reentry_ban_check",
            json!({"status": "ok",
                "checked_on": (today() - Duration::days(31)).to_string()}),
        ),
        (
            "contract_explained",
            json!({"status": "ok", "language": "uz"}),
        ),
    ];
    for (item, body) in &bodies {
        put_ok(app, token, c, item, body.clone()).await;
    }
    let problem = assert_problem(
        depart(app, token, &a.placement, today()).await,
        409,
        "not_ready",
    )
    .await;
    assert_eq!(
        missing(&problem),
        vec![
            ("passport".into(), "expired".into()),
            ("medical".into(), "expired".into()),
            ("insurance".into(), "expired".into()),
            ("russian_test".into(), "failed".into()),
            ("reentry_ban_check".into(), "too_early".into()),
            ("contract_explained".into(), "wrong_language".into()),
        ]
    );
    let m = &problem["missing"];
    assert_eq!(m[0]["until"], needed.pred_opt().unwrap().to_string());
    assert_eq!(m[0]["needed"], needed.to_string());
    assert_eq!(
        m[1]["until"],
        medical_day
            .checked_add_months(Months::new(3))
            .unwrap()
            .to_string()
    );
    assert_eq!(m[1]["needed"], today().to_string());
    assert_eq!(m[2]["needed"], contract_end().to_string());
    assert_eq!(m[4]["needed"], (today() - Duration::days(30)).to_string());
    assert!(problem["detail"].as_str().unwrap().contains("passport"));

    // One day more each way is enough: exactly six months, three months, thirty days.
    let edges = [
        (
            "passport",
            json!({"status": "ok", "valid_until": needed.to_string()}),
        ),
        (
            "medical",
            json!({"status": "ok", "checked_on": first_valid.to_string()}),
        ),
        (
            "insurance",
            json!({"status": "ok", "valid_until": contract_end().to_string()}),
        ),
        ("russian_test", json!({"status": "ok", "level": "A2"})),
        (
            "reentry_ban_check",
            json!({"status": "ok",
                "checked_on": (today() - Duration::days(30)).to_string()}),
        ),
        (
            "contract_explained",
            json!({"status": "ok", "language": "ru"}),
        ),
    ];
    for (item, body) in &edges {
        put_ok(app, token, c, item, body.clone()).await;
    }
    // Seen for a later departure, the medical check and the ban check no longer hold.
    let later = first_valid
        .checked_add_months(Months::new(3))
        .unwrap()
        .succ_opt()
        .unwrap();
    let view = json_body(
        app.get(
            &format!("{}?departure={later}", readiness_url(c)),
            Some(&a.w.ministry.token),
        )
        .await,
    )
    .await;
    assert_eq!(view["ready"], false);
    let states: Vec<&str> = view["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["on_departure"]["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        vec![
            "ready",
            "expired",
            "ready",
            "ready",
            "ready",
            "too_early",
            "ready"
        ]
    );
    let res = depart(app, &a.agency.token, &a.placement, today()).await;
    assert_eq!(
        res.status(),
        200,
        "the representing agency departs the person"
    );
    assert_eq!(state(app, &a.placement), "departed");
}

#[tokio::test]
async fn only_staff_of_a_representing_centre_keep_the_checklist_and_every_change_is_audited() {
    let a = approved().await;
    let app = &a.w.app;
    let c = &a.candidate;
    let other_centre = app.account("centre").await;
    let stranger = app.account("migrant").await;

    // Orientation is filled in from attendance, never typed.
    let res = put_item(
        app,
        &a.centre.token,
        c,
        "orientation",
        json!({"status": "ok"}),
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(field_codes(&problem)[0].0, "item");
    let res = put_item(app, &a.centre.token, c, "visa", json!({"status": "ok"})).await;
    assert_problem(res, 404, "not_found").await;
    // Inputs are checked.
    let res = put_item(app, &a.centre.token, c, "passport", json!({"status": "ok"})).await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("valid_until".into(), "required".into())]
    );
    let res = put_item(
        app,
        &a.centre.token,
        c,
        "passport",
        json!({"status": "great"}),
    )
    .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("status".into(), "unknown_value".into())]
    );
    let tomorrow = (today() + Duration::days(1)).to_string();
    let res = put_item(
        app,
        &a.centre.token,
        c,
        "russian_test",
        json!({"status": "ok", "level": "Z9", "checked_on": tomorrow}),
    )
    .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![
            ("checked_on".into(), "date_too_late".into()),
            ("level".into(), "invalid_cefr".into())
        ]
    );

    // The person, the representing agency and the ministry cannot record; another centre does
    // not even see the person.
    for token in [&a.w.migrant.token, &a.agency.token, &a.w.ministry.token] {
        let res = put_item(app, token, c, "medical", json!({"status": "ok"})).await;
        assert_problem(res, 403, "forbidden").await;
    }
    let res = put_item(
        app,
        &other_centre.token,
        c,
        "medical",
        json!({"status": "ok"}),
    )
    .await;
    assert_problem(res, 404, "not_found").await;
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM readiness_items"),
        0,
        "no refused request wrote anything"
    );

    // Recorded twice: one current row, two audit entries.
    let first = put_ok(
        app,
        &a.centre.token,
        c,
        "medical",
        json!({"status": "failed"}),
    )
    .await;
    assert_eq!(first["on_departure"]["state"], "failed");
    assert_eq!(first["checked_by"], a.centre.id.to_string());
    put_ok(app, &a.centre.token, c, "medical", ready_body("medical")).await;
    assert_eq!(
        count(
            app,
            &format!("SELECT count(*) AS n FROM readiness_items WHERE candidate_id = '{c}'")
        ),
        1
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE action = 'readiness.recorded' \
                 AND object_id = '{c}'"
            )
        ),
        2
    );

    // Readers: the person, the representing centre and agency, the ministry.
    for token in [
        &a.w.migrant.token,
        &a.centre.token,
        &a.agency.token,
        &a.w.ministry.token,
    ] {
        let res = app.get(&readiness_url(c), Some(token)).await;
        assert_eq!(res.status(), 200);
        let view = json_body(res).await;
        assert_eq!(view["items"][1]["item"], "medical");
        assert_eq!(view["items"][1]["status"], "ok");
        assert_eq!(view["items"].as_array().unwrap().len(), 7);
    }
    for token in [&other_centre.token, &stranger.token] {
        assert_problem(
            app.get(&readiness_url(c), Some(token)).await,
            404,
            "not_found",
        )
        .await;
    }
    assert_problem(
        app.get(&readiness_url(c), Some(&a.w.employer.token)).await,
        403,
        "forbidden",
    )
    .await;
    let res = app
        .get(
            &format!("{}?departure=soon", readiness_url(c)),
            Some(&a.centre.token),
        )
        .await;
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn only_the_representing_centre_or_agency_records_a_departure_on_a_plausible_date() {
    let a = approved().await;
    let app = &a.w.app;
    let other_centre = app.account("centre").await;
    let other_agency = app.account("agency").await;

    for token in [&a.w.migrant.token, &a.w.employer.token, &a.w.ministry.token] {
        assert_problem(
            depart(app, token, &a.placement, today()).await,
            403,
            "forbidden",
        )
        .await;
    }
    for token in [&other_centre.token, &other_agency.token] {
        assert_problem(
            depart(app, token, &a.placement, today()).await,
            404,
            "not_found",
        )
        .await;
    }
    let res = depart(
        app,
        &a.centre.token,
        &a.placement,
        today() + Duration::days(1),
    )
    .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("date".into(), "date_too_late".into())]
    );
    let res = depart(
        app,
        &a.centre.token,
        &a.placement,
        today() - Duration::days(15),
    )
    .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("date".into(), "date_too_early".into())]
    );
    assert_eq!(state(app, &a.placement), "approved");

    // A placement not yet approved cannot depart, ready or not.
    let w2 = &a.w;
    let migrant2 = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&migrant2.token),
            candidate_body("AC2000002"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let candidate2 = json_body(res).await["id"].as_str().unwrap().to_owned();
    let res = app
        .post(
            &format!("/api/v1/candidates/{candidate2}/consents"),
            Some(&migrant2.token),
            json!({"centre_id": a.centre.centre_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let pending = under_review(app, &w2.employer.token, &migrant2.token, &w2.vacancy).await;
    let problem = assert_problem(
        depart(app, &a.centre.token, &pending, today()).await,
        409,
        "invalid_transition",
    )
    .await;
    assert_eq!(problem["allowed"], json!([]));
}

#[tokio::test]
async fn approval_emails_the_person_and_their_centre_what_is_still_missing() {
    let w = world_with(1).await;
    let app = &w.app;
    let centre = app.account("centre").await;
    let placement = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let p = json_body(
        app.get(
            &format!("/api/v1/placements/{placement}"),
            Some(&w.migrant.token),
        )
        .await,
    )
    .await;
    let candidate = p["candidate_id"].as_str().unwrap().to_owned();
    let res = app
        .post(
            &format!("/api/v1/candidates/{candidate}/consents"),
            Some(&w.migrant.token),
            json!({"centre_id": centre.centre_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    put_ok(
        app,
        &centre.token,
        &candidate,
        "passport",
        ready_body("passport"),
    )
    .await;
    app.run_pending_jobs().await;
    let before = app.outbox().len();

    let res = app
        .post(
            &format!("/api/v1/placements/{placement}/transitions"),
            Some(&w.ministry.token),
            json!({"to": "approved", "reason": "Договор соответствует закону"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    app.run_pending_jobs().await;
    let sent: Vec<_> = app
        .outbox()
        .into_iter()
        .skip(before)
        .filter(|e| e.subject.starts_with("Approved: before departure"))
        .collect();
    let mut to: Vec<&str> = sent.iter().map(|e| e.to.as_str()).collect();
    to.sort_unstable();
    let mut want = vec![w.migrant.email.as_str(), centre.email.as_str()];
    want.sort_unstable();
    assert_eq!(to, want);
    let start = today() + Duration::days(30);
    for e in &sent {
        assert!(e.body.contains(&start.to_string()), "{}", e.body);
        assert!(
            e.body.contains("- Medical check (valid 3 months): missing"),
            "{}",
            e.body
        );
        assert!(e.body.contains("- Orientation session attended: missing"));
        assert!(
            !e.body.contains("- Passport"),
            "the passport is in order: {}",
            e.body
        );
        assert!(!e.body.contains('{'), "no placeholder left: {}", e.body);
    }
}

/// Every recorded item ready and orientation attended, for a departure today.
async fn make_ready(app: &TestApp, centre: &Account, candidate: &str) {
    for item in ITEMS.iter().filter(|i| **i != "orientation") {
        put_ok(app, &centre.token, candidate, item, ready_body(item)).await;
    }
    attend_orientation(app, centre, candidate);
}

/// A second migrant's approved placement on the same vacancy, represented by the same centre.
async fn second_approved(a: &Approved, passport: &str) -> (String, String) {
    let app = &a.w.app;
    let migrant = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&migrant.token),
            candidate_body(passport),
        )
        .await;
    assert_eq!(res.status(), 201);
    let candidate = json_body(res).await["id"].as_str().unwrap().to_owned();
    let res = app
        .post(
            &format!("/api/v1/candidates/{candidate}/consents"),
            Some(&migrant.token),
            json!({"centre_id": a.centre.centre_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let placement = under_review(app, &a.w.employer.token, &migrant.token, &a.w.vacancy).await;
    let res = app
        .post(
            &format!("/api/v1/placements/{placement}/transitions"),
            Some(&a.w.ministry.token),
            json!({"to": "approved", "reason": "Проверено"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    (placement, candidate)
}

async fn new_cohort(app: &TestApp, token: &str, placements: &[&str]) -> reqwest::Response {
    app.post(
        "/api/v1/cohorts",
        Some(token),
        json!({"departure_date": today().to_string(), "transport": "Рейс Бишкек — Екатеринбург",
               "escort": "Айгуль, сотрудник центра", "placement_ids": placements}),
    )
    .await
}

#[tokio::test]
async fn a_cohort_departs_each_ready_placement_and_says_why_the_others_stayed() {
    let a = approved().await;
    let app = &a.w.app;
    let (second, _candidate2) = second_approved(&a, "AC2000003").await;
    make_ready(app, &a.centre, &a.candidate).await;
    let other_centre = app.account("centre").await;

    // Only approved placements of people the centre represents.
    let res = new_cohort(app, &a.centre.token, &[]).await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("placement_ids".into(), "required".into())]
    );
    let res = new_cohort(app, &other_centre.token, &[&a.placement]).await;
    assert_problem(res, 404, "not_found").await;
    let res = new_cohort(app, &a.w.migrant.token, &[&a.placement]).await;
    assert_problem(res, 403, "forbidden").await;

    let res = new_cohort(app, &a.centre.token, &[&a.placement, &second]).await;
    assert_eq!(res.status(), 201);
    let cohort = json_body(res).await;
    let id = cohort["id"].as_str().unwrap().to_owned();
    assert_eq!(cohort["placements"].as_array().unwrap().len(), 2);
    assert_eq!(cohort["confirmed_at"], Value::Null);
    let url = format!("/api/v1/cohorts/{id}");
    assert_eq!(app.get(&url, Some(&a.w.ministry.token)).await.status(), 200);
    assert_problem(
        app.get(&url, Some(&other_centre.token)).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.post(
            &format!("{url}/confirmation"),
            Some(&other_centre.token),
            json!({}),
        )
        .await,
        404,
        "not_found",
    )
    .await;

    let res = app
        .post(
            &format!("{url}/confirmation"),
            Some(&a.centre.token),
            json!({}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert!(body["confirmed_at"].is_string());
    let outcome = |p: &str| {
        body["placements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["placement_id"] == p)
            .unwrap()
            .clone()
    };
    assert_eq!(outcome(&a.placement)["outcome"], "departed");
    let refused = outcome(&second);
    assert_eq!(refused["outcome"], "not_ready");
    let items: Vec<&str> = refused["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["item"].as_str().unwrap())
        .collect();
    assert_eq!(items, ITEMS.to_vec());
    assert_eq!(state(app, &a.placement), "departed");
    assert_eq!(state(app, &second), "approved");
    assert_eq!(
        count(
            app,
            &format!("SELECT count(*) AS n FROM departures WHERE cohort_id = '{id}'")
        ),
        1
    );
    // Confirmed once.
    assert_problem(
        app.post(
            &format!("{url}/confirmation"),
            Some(&a.centre.token),
            json!({}),
        )
        .await,
        409,
        "conflict",
    )
    .await;
    // A placement that is not approved (any more) cannot join a cohort.
    assert_problem(
        new_cohort(app, &a.centre.token, &[&a.placement]).await,
        409,
        "invalid_transition",
    )
    .await;
}

#[tokio::test]
async fn a_cohort_that_fails_midway_leaves_nothing_behind() {
    let a = approved().await;
    let app = &a.w.app;
    let (second, candidate2) = second_approved(&a, "AC2000004").await;
    make_ready(app, &a.centre, &a.candidate).await;
    make_ready(app, &a.centre, &candidate2).await;
    let res = new_cohort(app, &a.centre.token, &[&a.placement, &second]).await;
    assert_eq!(res.status(), 201);
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();

    // Whichever placement comes second, its departure row fails to be written.
    let last = std::cmp::max(a.placement.clone(), second.clone());
    use diesel::connection::SimpleConnection;
    app.conn()
        .batch_execute(&format!(
            "CREATE FUNCTION test_fail_departure() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
             IF NEW.placement_id = '{last}' THEN RAISE EXCEPTION 'disk full'; END IF;
             RETURN NEW;
         END $$;
         CREATE TRIGGER test_fail_departure BEFORE INSERT ON departures
             FOR EACH ROW EXECUTE FUNCTION test_fail_departure();"
        ))
        .unwrap();
    app.run_pending_jobs().await;
    let emails_before = count(
        app,
        "SELECT count(*) AS n FROM jobs WHERE kind = 'send_email'",
    );
    let url = format!("/api/v1/cohorts/{id}/confirmation");
    let res = app.post(&url, Some(&a.centre.token), json!({})).await;
    assert_problem(res, 500, "internal").await;
    assert_eq!(state(app, &a.placement), "approved");
    assert_eq!(state(app, &second), "approved");
    assert_eq!(count(app, "SELECT count(*) AS n FROM departures"), 0);
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM placement_events WHERE to_state = 'departed'"
        ),
        0
    );
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT count(*) AS n FROM cohorts WHERE id = '{id}' AND confirmed_at IS NULL"
            )
        ),
        1
    );
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM jobs WHERE kind = 'send_email'"
        ),
        emails_before,
        "no email about a departure that did not happen"
    );

    diesel::sql_query("DROP TRIGGER test_fail_departure ON departures")
        .execute(&mut app.conn())
        .unwrap();
    let res = app.post(&url, Some(&a.centre.token), json!({})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(state(app, &a.placement), "departed");
    assert_eq!(state(app, &second), "departed");
}

#[tokio::test]
async fn an_item_that_lapses_while_the_person_waits_is_emailed_once() {
    let a = approved().await;
    let app = &a.w.app;
    make_ready(app, &a.centre, &a.candidate).await;
    let base = app.settings.application.base_url.clone();
    let sweep = |day: NaiveDate| {
        orgnabor::services::readiness::sweep_lapses_now(&mut app.conn(), &base, day).unwrap()
    };
    let lapsed = |app: &TestApp| -> Vec<OutgoingEmail> {
        app.outbox()
            .into_iter()
            .filter(|e| e.subject.starts_with("Before departure for"))
            .collect()
    };
    app.run_pending_jobs().await;
    assert!(lapsed(app).is_empty());
    assert_eq!(sweep(today()), 0, "everything holds for the contract start");
    assert_eq!(sweep(today() + Duration::days(30)), 0, "nor on that day");

    // The departure slips: 60 days on, the re-entry-ban check (done today) is too old.
    assert_eq!(sweep(today() + Duration::days(60)), 1);
    app.run_pending_jobs().await;
    let sent = lapsed(app);
    let mut to: Vec<&str> = sent.iter().map(|e| e.to.as_str()).collect();
    to.sort_unstable();
    let mut want = vec![a.w.migrant.email.as_str(), a.centre.email.as_str()];
    want.sort_unstable();
    assert_eq!(to, want, "the person and their centre");
    for e in &sent {
        assert!(e.body.contains("- Re-entry ban check"), "{}", e.body);
        assert!(!e.body.contains("- Medical"), "{}", e.body);
        assert!(!e.body.contains('{'), "no placeholder left: {}", e.body);
        assert!(e.body.contains(&(today() + Duration::days(60)).to_string()));
    }
    assert_eq!(sweep(today() + Duration::days(61)), 0, "each lapse once");

    // 100 days on, the medical check (valid 3 months) has run out too: only it is new.
    assert_eq!(sweep(today() + Duration::days(100)), 1);
    app.run_pending_jobs().await;
    let sent = lapsed(app);
    assert_eq!(sent.len(), 4);
    for e in &sent[2..] {
        assert!(e.body.contains("- Medical check"), "{}", e.body);
        assert!(!e.body.contains("- Re-entry"), "{}", e.body);
    }

    // Once the person has left, nothing more is sent.
    let res = depart(app, &a.centre.token, &a.placement, today()).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(sweep(today() + Duration::days(200)), 0);
}
