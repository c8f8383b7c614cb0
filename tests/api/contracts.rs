//! The written contract and the ministry's review: the employer writes versions at `offered`,
//! the fee to the worker is 0 and the salary at least the minimum wage, both sides sign, the
//! placement goes to review by itself, and approval takes one of the vacancy's positions —
//! exactly one approval gets the last one.

use diesel::prelude::*;
use serde_json::{json, Value};

use crate::helpers::*;

const PLACEMENTS: &str = "/api/v1/placements";

fn contract_url(id: &str) -> String {
    format!("{PLACEMENTS}/{id}/contract")
}

fn signatures_url(id: &str) -> String {
    format!("{PLACEMENTS}/{id}/contract/signatures")
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

pub fn terms() -> Value {
    json!({
        "salary_rub_month": 95000,
        "hours_per_week": 40,
        "start_date": (today() + chrono::Duration::days(30)).to_string(),
        "duration_months": 12,
        "housing": "Общежитие, комната на 3 человек, 10 минут от объекта",
        "meals": "Обед на объекте",
        "transport": "Автобус до объекта",
        "paid_leave_days": 28,
        "employer_pays_travel": true,
        "employer_pays_medical": true,
        "employer_pays_permit": true,
        "worker_fee_rub": 0
    })
}

async fn step(app: &TestApp, token: &str, id: &str, to: &str, reason: Option<&str>) -> Value {
    let res = app
        .post(
            &format!("{PLACEMENTS}/{id}/transitions"),
            Some(token),
            json!({"to": to, "reason": reason}),
        )
        .await;
    assert_eq!(res.status(), 200, "{to}");
    json_body(res).await
}

async fn draft(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    app.post(&contract_url(id), Some(token), body).await
}

async fn sign(app: &TestApp, token: &str, id: &str, version: i64) -> reqwest::Response {
    app.post(
        &signatures_url(id),
        Some(token),
        json!({"version": version}),
    )
    .await
}

/// An employer with a published vacancy and a migrant with a profile.
pub struct World {
    pub app: TestApp,
    pub employer: Account,
    pub migrant: Account,
    pub ministry: Account,
    pub vacancy: String,
}

pub async fn world_with(positions: i64) -> World {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let migrant = app.account("migrant").await;
    let ministry = app.account("ministry").await;
    let mut body = vacancy_body();
    body["positions"] = json!(positions);
    let vacancy = app.published_vacancy(&employer.token, body).await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&migrant.token),
            candidate_body("AC2000001"),
        )
        .await;
    assert_eq!(res.status(), 201);
    World {
        app,
        employer,
        migrant,
        ministry,
        vacancy,
    }
}

/// The migrant's application for `vacancy`, taken to `offered` by the employer.
pub async fn offered(app: &TestApp, employer: &str, migrant: &str, vacancy: &str) -> String {
    let res = app
        .post(PLACEMENTS, Some(migrant), json!({"vacancy_id": vacancy}))
        .await;
    assert_eq!(res.status(), 201);
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    step(app, employer, &id, "shortlisted", None).await;
    step(app, employer, &id, "offered", None).await;
    id
}

/// An offered placement with a contract both sides signed: under review.
pub async fn under_review(app: &TestApp, employer: &str, migrant: &str, vacancy: &str) -> String {
    let id = offered(app, employer, migrant, vacancy).await;
    assert_eq!(draft(app, employer, &id, terms()).await.status(), 201);
    assert_eq!(sign(app, employer, &id, 1).await.status(), 200);
    let res = sign(app, migrant, &id, 1).await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_body(res).await["placement_state"], "under_review");
    id
}

fn positions_filled(app: &TestApp, vacancy: &str) -> (i64, String) {
    use orgnabor::db::schema::vacancies::dsl as v;
    let (filled, status): (i32, String) = v::vacancies
        .filter(v::id.eq(uuid::Uuid::parse_str(vacancy).unwrap()))
        .select((v::positions_filled, v::status))
        .first(&mut app.conn())
        .unwrap();
    (filled.into(), status)
}

#[tokio::test]
async fn the_employer_writes_and_signs_the_candidate_confirms_and_review_opens_by_itself() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = offered(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;

    let res = draft(app, &w.employer.token, &id, terms()).await;
    assert_eq!(res.status(), 201);
    let body = json_body(res).await;
    let v1 = &body["versions"][0];
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["status"], "draft");
    assert_eq!(v1["worker_fee_rub"], 0);
    assert_eq!(v1["salary_rub_month"], 95000);
    assert_eq!(v1["minimum_wage_rub_month"], 27093);
    assert!(v1["minimum_wage_source"]
        .as_str()
        .unwrap()
        .contains("82-FZ"));
    assert_eq!(v1["candidate_name"], "Жумабеков Азамат");
    assert_eq!(v1["vacancy_title"], "Сварщик на металлоконструкции");
    assert!(v1["employer_signed_at"].is_null());

    // Nothing to confirm before the employer signs.
    app.run_pending_jobs().await;
    let before = app.outbox().len();
    let res = sign(app, &w.migrant.token, &id, 1).await;
    let problem = assert_problem(res, 409, "conflict").await;
    assert!(problem["detail"].as_str().unwrap().contains("employer"));

    let res = sign(app, &w.employer.token, &id, 1).await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert_eq!(body["versions"][0]["status"], "signed_by_employer");
    assert_eq!(body["placement_state"], "offered");
    // Twice is once.
    assert_problem(sign(app, &w.employer.token, &id, 1).await, 409, "conflict").await;
    // The candidate is told, in their language, that there is a contract to read.
    app.run_pending_jobs().await;
    let mail: Vec<_> = app
        .outbox()
        .into_iter()
        .skip(before)
        .filter(|e| e.to == w.migrant.email)
        .collect();
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert!(mail[0].subject.contains("contract"), "{}", mail[0].subject);
    assert!(mail[0].body.contains(&format!("/placements/{id}")));

    let res = app
        .post(
            &signatures_url(&id),
            Some(&w.migrant.token),
            json!({"version": 1, "locale": "ky"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert_eq!(body["placement_state"], "under_review");
    let v1 = &body["versions"][0];
    assert_eq!(v1["status"], "signed");
    assert_eq!(v1["candidate_signed_locale"], "ky");
    let (employer_at, candidate_at) = (
        v1["employer_signed_at"].as_str().unwrap(),
        v1["candidate_signed_at"].as_str().unwrap(),
    );
    assert!(employer_at <= candidate_at);

    // The timeline shows the two steps the platform took.
    let detail = json_body(
        app.get(&format!("{PLACEMENTS}/{id}"), Some(&w.migrant.token))
            .await,
    )
    .await;
    let timeline: Vec<(String, String)> = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["state"].as_str().unwrap().to_owned(),
                e["actor_role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        &timeline[3..],
        &[
            ("contract_signed".to_owned(), "system".to_owned()),
            ("under_review".to_owned(), "system".to_owned())
        ]
    );
    // The candidate may still withdraw; only the ministry decides.
    assert_eq!(detail["allowed_next"], json!(["withdrawn"]));
    let for_ministry = json_body(
        app.get(&format!("{PLACEMENTS}/{id}"), Some(&w.ministry.token))
            .await,
    )
    .await;
    assert_eq!(
        for_ministry["allowed_next"],
        json!(["approved", "rejected"])
    );
    // The terms stand once both signed.
    assert_problem(
        draft(app, &w.employer.token, &id, terms()).await,
        409,
        "conflict",
    )
    .await;
    // Every signature and version is in the audit log.
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM audit_log WHERE action IN ('contract.drafted', 'contract.signed')"
        ),
        3
    );
}

#[tokio::test]
async fn a_fee_charged_to_the_worker_is_refused_by_the_api_and_by_the_database() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = offered(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    for fee in [1, 15000, -5] {
        let mut body = terms();
        body["worker_fee_rub"] = json!(fee);
        let problem = assert_problem(
            draft(app, &w.employer.token, &id, body).await,
            422,
            "worker_fee_forbidden",
        )
        .await;
        assert_eq!(
            field_codes(&problem),
            vec![("worker_fee_rub".into(), "worker_fee_forbidden".into())]
        );
    }
    // Alongside other mistakes the fee is still what the answer is about.
    let mut body = terms();
    body["worker_fee_rub"] = json!(3000);
    body["hours_per_week"] = json!(50);
    let problem = assert_problem(
        draft(app, &w.employer.token, &id, body).await,
        422,
        "worker_fee_forbidden",
    )
    .await;
    assert_eq!(field_codes(&problem).len(), 2);
    assert_eq!(count(app, "SELECT count(*) AS n FROM contracts"), 0);

    // The database refuses a fee whoever writes the row.
    let res = draft(app, &w.employer.token, &id, terms()).await;
    assert_eq!(res.status(), 201);
    let err = diesel::sql_query(
        "INSERT INTO contracts SELECT (SELECT gen_random_uuid()), placement_id, version + 1,
                employer_name, employer_inn, agency_name, agency_licence_number, candidate_name,
                candidate_citizenship, vacancy_title, occupation_code, region_code, city,
                salary_rub_month, minimum_wage_rub_month, minimum_wage_source, hours_per_week,
                hours_reason, start_date, duration_months, housing, meals, transport,
                paid_leave_days, employer_pays_travel, employer_pays_medical,
                employer_pays_permit, 500, drafted_by, now()
           FROM contracts",
    )
    .execute(&mut app.runtime_conn())
    .unwrap_err()
    .to_string();
    assert!(err.contains("contracts_worker_fee_zero"), "{err}");
}

#[tokio::test]
async fn salary_hours_leave_and_dates_follow_the_law_and_the_vacancy() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = offered(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        // Past 60 hours the week is refused even with a reason (without one, both are said).
        (
            "salary_rub_month",
            json!(20000),
            "salary_rub_month",
            "below_minimum_wage",
        ),
        (
            "salary_rub_month",
            json!(85000),
            "salary_rub_month",
            "outside_vacancy_range",
        ),
        (
            "salary_rub_month",
            json!(130000),
            "salary_rub_month",
            "outside_vacancy_range",
        ),
        (
            "hours_per_week",
            json!(48),
            "hours_reason",
            "hours_reason_required",
        ),
        (
            "paid_leave_days",
            json!(14),
            "paid_leave_days",
            "out_of_range",
        ),
        (
            "duration_months",
            json!(0),
            "duration_months",
            "out_of_range",
        ),
        (
            "start_date",
            json!((today() - chrono::Duration::days(1)).to_string()),
            "start_date",
            "date_in_past",
        ),
        (
            "housing",
            json!("a\u{202e}b"),
            "housing",
            "forbidden_character",
        ),
    ];
    for (field, value, error_field, code) in cases {
        let mut body = terms();
        body[field] = value.clone();
        let problem = assert_problem(
            draft(app, &w.employer.token, &id, body).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(
            field_codes(&problem),
            vec![(error_field.to_owned(), code.to_owned())],
            "{field} = {value}"
        );
    }
    // The minimum wage error names the figure and the law, in the reader's language.
    let mut body = terms();
    body["salary_rub_month"] = json!(20000);
    let res = draft(app, &w.employer.token, &id, body).await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    let message = problem["errors"]["salary_rub_month"][0].as_str().unwrap();
    assert!(
        message.contains("27093") && message.contains("82-FZ"),
        "{message}"
    );
    let mut body = terms();
    body["hours_per_week"] = json!(61);
    body["hours_reason"] = json!("Вахта");
    let problem = assert_problem(
        draft(app, &w.employer.token, &id, body).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&problem),
        vec![("hours_per_week".into(), "out_of_range".into())]
    );
    // A longer week with its reason is accepted; unknown fields and wrong types are 400.
    let mut body = terms();
    body["hours_per_week"] = json!(48);
    body["hours_reason"] =
        json!("Вахта: 6 дней по 8 часов, сверхурочные оплачиваются в полуторном размере");
    assert_eq!(draft(app, &w.employer.token, &id, body).await.status(), 201);
    let mut body = terms();
    body["bonus"] = json!(1);
    assert_problem(
        draft(app, &w.employer.token, &id, body).await,
        400,
        "malformed_body",
    )
    .await;
    let mut body = terms();
    body["salary_rub_month"] = json!("a lot");
    assert_problem(
        draft(app, &w.employer.token, &id, body).await,
        400,
        "malformed_body",
    )
    .await;
}

#[tokio::test]
async fn a_change_is_a_new_version_and_only_the_latest_can_be_signed() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = offered(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    assert_eq!(
        draft(app, &w.employer.token, &id, terms()).await.status(),
        201
    );
    assert_eq!(sign(app, &w.employer.token, &id, 1).await.status(), 200);
    let mut better = terms();
    better["salary_rub_month"] = json!(100000);
    let res = draft(app, &w.employer.token, &id, better).await;
    assert_eq!(res.status(), 201);
    let body = json_body(res).await;
    let versions = body["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["version"], 2);
    assert_eq!(versions[0]["status"], "draft");
    // The old version stays readable, marked as replaced, with its own terms and signature.
    assert_eq!(versions[1]["status"], "superseded");
    assert_eq!(versions[1]["salary_rub_month"], 95000);
    assert!(versions[1]["employer_signed_at"].is_string());
    // The candidate cannot confirm the replaced version, nor the new one before the employer.
    let problem = assert_problem(sign(app, &w.migrant.token, &id, 1).await, 409, "conflict").await;
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("newer version"));
    assert_problem(sign(app, &w.migrant.token, &id, 2).await, 409, "conflict").await;
    assert_problem(sign(app, &w.migrant.token, &id, 9).await, 404, "not_found").await;
    assert_eq!(sign(app, &w.employer.token, &id, 2).await.status(), 200);
    let res = sign(app, &w.migrant.token, &id, 2).await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert_eq!(body["versions"][0]["status"], "signed");
    // Without a language named, the account's own (English for the test accounts).
    assert_eq!(body["versions"][0]["candidate_signed_locale"], "en");

    // Neither the application nor the owner can rewrite a version or a signature.
    for sql in [
        "UPDATE contracts SET salary_rub_month = 1",
        "DELETE FROM contracts",
        "UPDATE contract_signatures SET signed_at = now()",
        "DELETE FROM contract_signatures",
    ] {
        let err = diesel::sql_query(sql)
            .execute(&mut app.runtime_conn())
            .unwrap_err()
            .to_string();
        assert!(err.contains("permission denied"), "{sql}: {err}");
        let err = diesel::sql_query(sql)
            .execute(&mut app.conn())
            .unwrap_err()
            .to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[tokio::test]
async fn only_the_parties_write_sign_and_read_the_contract() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = offered(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let other_employer = app.account("employer").await;
    let other_migrant = app.account("migrant").await;
    let agency = app.account("agency").await;
    let centre = app.account("centre").await;
    let admin = app.account("admin").await;

    // Writing: the employer of the vacancy only.
    assert_problem(
        draft(app, &w.migrant.token, &id, terms()).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        draft(app, &w.ministry.token, &id, terms()).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        draft(app, &agency.token, &id, terms()).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        draft(app, &other_employer.token, &id, terms()).await,
        404,
        "not_found",
    )
    .await;
    let res = app.post(&contract_url(&id), None, terms()).await;
    assert_problem(res, 401, "unauthenticated").await;
    assert_eq!(
        draft(app, &w.employer.token, &id, terms()).await.status(),
        201
    );

    // Signing: the employer and the candidate only.
    assert_problem(sign(app, &w.ministry.token, &id, 1).await, 403, "forbidden").await;
    assert_problem(sign(app, &agency.token, &id, 1).await, 403, "forbidden").await;
    assert_problem(
        sign(app, &other_migrant.token, &id, 1).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        sign(app, &other_employer.token, &id, 1).await,
        404,
        "not_found",
    )
    .await;

    // Reading: the parties, the ministry and admins.
    for token in [
        &w.employer.token,
        &w.migrant.token,
        &w.ministry.token,
        &admin.token,
    ] {
        let res = app.get(&contract_url(&id), Some(token)).await;
        assert_eq!(res.status(), 200);
    }
    for token in [&other_employer.token, &other_migrant.token, &agency.token] {
        assert_problem(
            app.get(&contract_url(&id), Some(token)).await,
            404,
            "not_found",
        )
        .await;
    }
    assert_problem(
        app.get(&contract_url(&id), Some(&centre.token)).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get(
            &contract_url(&uuid::Uuid::now_v7().to_string()),
            Some(&w.employer.token),
        )
        .await,
        404,
        "not_found",
    )
    .await;

    // Before the offer there is no contract to write.
    let second = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&second.token),
            candidate_body("AC2000002"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .post(
            PLACEMENTS,
            Some(&second.token),
            json!({"vacancy_id": w.vacancy}),
        )
        .await;
    let applied = json_body(res).await["id"].as_str().unwrap().to_owned();
    let problem = assert_problem(
        draft(app, &w.employer.token, &applied, terms()).await,
        409,
        "conflict",
    )
    .await;
    assert!(problem["detail"].as_str().unwrap().contains("applied"));
}

#[tokio::test]
async fn the_ministry_approves_with_a_reason_and_the_approval_takes_a_position() {
    let w = world_with(2).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let url = format!("{PLACEMENTS}/{id}/transitions");

    // Only the ministry decides, and never without a reason.
    for token in [&w.employer.token, &w.migrant.token] {
        let res = app
            .post(&url, Some(token), json!({"to": "approved", "reason": "ok"}))
            .await;
        assert_problem(res, 409, "invalid_transition").await;
    }
    let res = app
        .post(&url, Some(&w.ministry.token), json!({"to": "approved"}))
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("reason".into(), "required".into())]
    );
    assert_eq!(positions_filled(app, &w.vacancy), (0, "published".into()));

    app.run_pending_jobs().await;
    let before = app.outbox().len();
    let body = step(
        app,
        &w.ministry.token,
        &id,
        "approved",
        Some("Договор соответствует закону"),
    )
    .await;
    assert_eq!(body["state"], "approved");
    assert_eq!(positions_filled(app, &w.vacancy), (1, "published".into()));
    let vacancy = json_body(
        app.get(&format!("/api/v1/vacancies/{}", w.vacancy), None)
            .await,
    )
    .await;
    assert_eq!(vacancy["positions_left"], 1);
    // The decision is told to the worker and the employer.
    app.run_pending_jobs().await;
    let told: Vec<String> = app
        .outbox()
        .into_iter()
        .skip(before)
        .map(|e| e.to)
        .collect();
    assert!(
        told.contains(&w.migrant.email) && told.contains(&w.employer.email),
        "{told:?}"
    );
    // The position and the decision are in the audit log.
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'vacancy.position_taken'"
        ),
        1
    );

    // The worker withdraws before departure: the position comes back.
    step(
        app,
        &w.migrant.token,
        &id,
        "withdrawn",
        Some("Нашёл работу дома"),
    )
    .await;
    assert_eq!(positions_filled(app, &w.vacancy), (0, "published".into()));
    assert_eq!(
        count(
            app,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'vacancy.position_returned'"
        ),
        1
    );
}

#[tokio::test]
async fn the_ministry_rejects_with_a_reason_and_no_position_is_taken() {
    let w = world_with(1).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let body = step(
        app,
        &w.ministry.token,
        &id,
        "rejected",
        Some("Жильё не соответствует нормам"),
    )
    .await;
    assert_eq!(body["state"], "rejected");
    assert_eq!(body["reason"], "Жильё не соответствует нормам");
    assert_eq!(positions_filled(app, &w.vacancy), (0, "published".into()));
    // Rejected is final.
    let res = app
        .post(
            &format!("{PLACEMENTS}/{id}/transitions"),
            Some(&w.ministry.token),
            json!({"to": "approved", "reason": "changed my mind"}),
        )
        .await;
    let problem = assert_problem(res, 409, "invalid_transition").await;
    assert_eq!(problem["allowed"], json!([]));
}

#[tokio::test]
async fn approval_rechecks_the_vacancy_and_the_agency_licence() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    // The employer paused the vacancy meanwhile: approval is refused, nothing is taken.
    let res = app
        .post(
            &format!("/api/v1/vacancies/{}/status", w.vacancy),
            Some(&w.employer.token),
            json!({"status": "paused"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .post(
            &format!("{PLACEMENTS}/{id}/transitions"),
            Some(&w.ministry.token),
            json!({"to": "approved", "reason": "ok"}),
        )
        .await;
    let problem = assert_problem(res, 409, "conflict").await;
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("no longer published"));
    let detail = json_body(
        app.get(&format!("{PLACEMENTS}/{id}"), Some(&w.ministry.token))
            .await,
    )
    .await;
    assert_eq!(detail["state"], "under_review");
    assert_eq!(positions_filled(app, &w.vacancy).0, 0);

    // An agency-proposed placement whose agency lost its licence is not approved.
    let res = app
        .post(
            &format!("/api/v1/vacancies/{}/status", w.vacancy),
            Some(&w.employer.token),
            json!({"status": "published"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let agency = app.account("agency").await;
    let person = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&person.token),
            candidate_body("AC2000003"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let profile = json_body(res).await["id"].as_str().unwrap().to_owned();
    let res = app
        .post(
            &format!("/api/v1/candidates/{profile}/consents"),
            Some(&person.token),
            json!({"agency_id": agency.agency_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .post(
            PLACEMENTS,
            Some(&agency.token),
            json!({"vacancy_id": w.vacancy, "candidate_id": profile}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let proposed = json_body(res).await["id"].as_str().unwrap().to_owned();
    step(app, &w.employer.token, &proposed, "shortlisted", None).await;
    step(app, &w.employer.token, &proposed, "offered", None).await;
    assert_eq!(
        draft(app, &w.employer.token, &proposed, terms())
            .await
            .status(),
        201
    );
    let body = json_body(draft(app, &w.employer.token, &proposed, terms()).await).await;
    // The proposing agency is named on the contract.
    assert!(body["versions"][0]["agency_licence_number"].is_string());
    assert_eq!(
        sign(app, &w.employer.token, &proposed, 2).await.status(),
        200
    );
    assert_eq!(sign(app, &person.token, &proposed, 2).await.status(), 200);
    let res = app
        .post(
            &format!(
                "/api/v1/agencies/{}/licence/suspend",
                agency.agency_id.unwrap()
            ),
            Some(&w.ministry.token),
            json!({"reason": "Жалобы работников на удержание паспортов"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .post(
            &format!("{PLACEMENTS}/{proposed}/transitions"),
            Some(&w.ministry.token),
            json!({"to": "approved", "reason": "ok"}),
        )
        .await;
    assert_problem(res, 403, "licence_not_active").await;
    assert_eq!(positions_filled(app, &w.vacancy).0, 0);
}

#[tokio::test]
async fn two_approvals_racing_for_the_last_position_exactly_one_wins() {
    let w = world_with(1).await;
    let app = &w.app;
    let rounds = 12;
    for round in 0..rounds {
        let mut body = vacancy_body();
        body["positions"] = json!(1);
        let vacancy = app.published_vacancy(&w.employer.token, body).await;
        let first = under_review(app, &w.employer.token, &w.migrant.token, &vacancy).await;
        let other = app.account("migrant").await;
        let res = app
            .post(
                "/api/v1/candidates",
                Some(&other.token),
                candidate_body(&format!("AR{round:07}")),
            )
            .await;
        assert_eq!(res.status(), 201);
        let second = under_review(app, &w.employer.token, &other.token, &vacancy).await;
        app.run_pending_jobs().await;
        let jobs_before = count(
            app,
            "SELECT count(*) AS n FROM jobs WHERE kind = 'send_email'",
        );

        let approve = |id: String| {
            let url = format!("{PLACEMENTS}/{id}/transitions");
            let token = w.ministry.token.clone();
            async move {
                app.post(
                    &url,
                    Some(&token),
                    json!({"to": "approved", "reason": "Проверено"}),
                )
                .await
            }
        };
        let (a, b) = tokio::join!(approve(first.clone()), approve(second.clone()));
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "round {round}");
        let loser = if a.status() == 409 { a } else { b };
        assert_problem(loser, 409, "no_positions_left").await;
        assert_eq!(
            positions_filled(app, &vacancy),
            (1, "filled".into()),
            "round {round}"
        );
        let approved = count(
            app,
            &format!(
                "SELECT count(*) AS n FROM placements WHERE vacancy_id = '{vacancy}' AND state = 'approved'"
            ),
        );
        assert_eq!(approved, 1, "round {round}");
        // The loser's refusal sent nothing: only the winner's decision is queued, and the
        // readiness items the winner still lacks (to the candidate; no centre represents them).
        let jobs = count(
            app,
            "SELECT count(*) AS n FROM jobs WHERE kind = 'send_email'",
        );
        assert_eq!(
            jobs - jobs_before,
            3,
            "candidate and employer of the winner, and the winner's readiness list, round {round}"
        );
    }
}

#[tokio::test]
async fn a_filled_vacancy_leaves_search_and_comes_back_when_the_position_is_given_back() {
    let w = world_with(1).await;
    let app = &w.app;
    async fn search(app: &TestApp) -> usize {
        let url = "/api/v1/vacancies/search?q=%D1%81%D0%B2%D0%B0%D1%80%D1%89%D0%B8%D0%BA";
        let body = json_body(app.get(url, None).await).await;
        body["items"].as_array().unwrap().len()
    }
    app.apply_search_changes().await;
    assert_eq!(search(app).await, 1);
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    step(app, &w.ministry.token, &id, "approved", Some("Проверено")).await;
    assert_eq!(positions_filled(app, &w.vacancy), (1, "filled".into()));
    app.apply_search_changes().await;
    assert_eq!(search(app).await, 0, "a filled vacancy is not offered");
    step(app, &w.migrant.token, &id, "withdrawn", None).await;
    assert_eq!(positions_filled(app, &w.vacancy), (0, "published".into()));
    app.apply_search_changes().await;
    assert_eq!(search(app).await, 1);
}

#[tokio::test]
async fn an_edit_may_not_leave_fewer_positions_than_are_taken() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    step(app, &w.ministry.token, &id, "approved", Some("Проверено")).await;
    let second = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&second.token),
            candidate_body("AC2000009"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let other = under_review(app, &w.employer.token, &second.token, &w.vacancy).await;
    step(
        app,
        &w.ministry.token,
        &other,
        "approved",
        Some("Проверено"),
    )
    .await;
    assert_eq!(positions_filled(app, &w.vacancy), (2, "published".into()));
    let edit = |positions: i64| {
        let url = format!("/api/v1/vacancies/{}", w.vacancy);
        let token = w.employer.token.clone();
        async move {
            app.patch(&url, Some(&token), json!({"positions": positions}))
                .await
        }
    };
    let problem = assert_problem(edit(1).await, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("positions".into(), "below_filled".into())]
    );
    assert!(problem["errors"]["positions"][0]
        .as_str()
        .unwrap()
        .contains('2'));
    assert_eq!(edit(4).await.status(), 200);
    assert_eq!(positions_filled(app, &w.vacancy), (2, "published".into()));
}

#[tokio::test]
async fn the_contract_is_a_document_in_the_candidates_language_with_a_code_anyone_can_check() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = offered(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    assert_eq!(
        draft(app, &w.employer.token, &id, terms()).await.status(),
        201
    );
    let doc = |version: i64, query: &str| {
        format!("{PLACEMENTS}/{id}/contract/versions/{version}/document{query}")
    };
    // A draft: a printable page, in the candidate's language, marked as not yet valid, no code.
    let res = app.get(&doc(1, "?lang=ru"), Some(&w.employer.token)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
    let page = res.text().await.unwrap();
    assert!(page.contains("<html lang=\"ru\""), "{}", &page[..200]);
    assert!(page.contains("Жумабеков Азамат"));
    assert!(page.contains("95"), "the salary");
    assert!(!page.contains("<svg"), "no QR code before both signed");

    // Both sign; the candidate confirms in Kyrgyz, which becomes the document's language.
    assert_eq!(sign(app, &w.employer.token, &id, 1).await.status(), 200);
    let res = app
        .post(
            &signatures_url(&id),
            Some(&w.migrant.token),
            json!({"version": 1, "locale": "ky"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let contract = json_body(app.get(&contract_url(&id), Some(&w.migrant.token)).await).await;
    let contract_id = contract["versions"][0]["id"].as_str().unwrap().to_owned();
    let code: String = {
        use orgnabor::db::schema::verification_codes::dsl as vc;
        vc::verification_codes
            .filter(vc::object_id.eq(uuid::Uuid::parse_str(&contract_id).unwrap()))
            .select(vc::code)
            .first(&mut app.conn())
            .unwrap()
    };
    assert!(code.starts_with("C-"), "{code}");
    let page = app
        .get(&doc(1, ""), Some(&w.migrant.token))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<html lang=\"ky\""));
    assert!(
        page.contains(&code) && page.contains("<svg"),
        "code and QR on the signed contract"
    );
    let res = app
        .get(&doc(1, "?format=pdf"), Some(&w.ministry.token))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(
        pdf.starts_with(b"%PDF-") && pdf.len() < 300_000,
        "{} bytes",
        pdf.len()
    );

    // Bad formats and languages are 400; strangers see nothing.
    assert_problem(
        app.get(&doc(1, "?format=docx"), Some(&w.migrant.token))
            .await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get(&doc(1, "?lang=de"), Some(&w.migrant.token)).await,
        400,
        "invalid_query",
    )
    .await;
    assert_problem(
        app.get(&doc(7, ""), Some(&w.migrant.token)).await,
        404,
        "not_found",
    )
    .await;
    let stranger = app.account("employer").await;
    assert_problem(
        app.get(&doc(1, ""), Some(&stranger.token)).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(app.get(&doc(1, ""), None).await, 401, "unauthenticated").await;

    // Anyone can check the code: genuine, awaiting the ministry; valid once approved.
    let check = |code: String| async move {
        json_body(app.get(&format!("/api/v1/verify/{code}"), None).await).await
    };
    let v = check(code.clone()).await;
    assert_eq!(v["kind"], "contract");
    assert_eq!(v["valid"], false);
    assert_eq!(v["reason_if_not_valid"], "contract_under_review");
    assert_eq!(
        v["subject"]["employer_name"],
        contract["versions"][0]["employer_name"]
    );
    assert!(
        !v.to_string().contains("Жумабеков"),
        "no personal data: {v}"
    );
    step(app, &w.ministry.token, &id, "approved", Some("Проверено")).await;
    let v = check(code.to_lowercase().replace('-', "")).await;
    assert_eq!(v["valid"], true);
    assert_eq!(v["status"], "approved");
    step(app, &w.migrant.token, &id, "withdrawn", None).await;
    let v = check(code).await;
    assert_eq!(
        (v["valid"].clone(), v["reason_if_not_valid"].clone()),
        (json!(false), json!("contract_withdrawn"))
    );
}

#[tokio::test]
async fn the_minimum_wages_are_public_reference_data_with_their_sources() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/reference/minimum-wages", None).await;
    assert_eq!(res.status(), 200);
    let rows = json_body(res).await;
    let rows = rows.as_array().unwrap();
    let federal_2026 = rows
        .iter()
        .find(|r| r["region_code"] == "RU" && r["year"] == 2026)
        .unwrap();
    assert_eq!(federal_2026["rub_per_month"], 27093);
    assert!(rows
        .iter()
        .all(|r| !r["source"].as_str().unwrap().is_empty()));
    let moscow = rows.iter().find(|r| r["region_code"] == "RU-MOW").unwrap();
    assert!(moscow["rub_per_month"].as_i64().unwrap() > 27093);
}
