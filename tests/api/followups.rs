//! After departure: the employer confirms arrival and the start of work, files the hire notice
//! it owes the migration authorities, and the worker is followed up for a year — reminders,
//! answers that open cases at the ministry, and silence that does too, by a clock the test
//! controls. Employers never see the answers.

use chrono::Duration;
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::contracts::{under_review, world_with, World};
use crate::helpers::*;

const PLACEMENTS: &str = "/api/v1/placements";

async fn go(app: &TestApp, token: &str, id: &str, body: Value) -> reqwest::Response {
    app.post(&format!("{PLACEMENTS}/{id}/transitions"), Some(token), body)
        .await
}

/// An approved placement, departed. The departure gate (readiness) has its own tests; here the
/// row is moved on directly.
async fn departed(w: &World) -> String {
    let app = &w.app;
    let id = under_review(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let res = go(
        app,
        &w.ministry.token,
        &id,
        json!({"to": "approved", "reason": "Проверено"}),
    )
    .await;
    assert_eq!(res.status(), 200);
    diesel::sql_query(format!(
        "UPDATE placements SET state = 'departed' WHERE id = '{id}'"
    ))
    .execute(&mut app.conn())
    .unwrap();
    id
}

async fn employed(w: &World, start: chrono::NaiveDate) -> String {
    let app = &w.app;
    let id = departed(w).await;
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "arrived", "date": start.to_string()}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "employed", "date": start.to_string()}),
    )
    .await;
    assert_eq!(res.status(), 200);
    id
}

fn followups_of(app: &TestApp, id: &str) -> Vec<(String, chrono::NaiveDate)> {
    use orgnabor::db::schema::followups::dsl as f;
    f::followups
        .filter(f::placement_id.eq(uuid::Uuid::parse_str(id).unwrap()))
        .order(f::due_on.asc())
        .select((f::kind, f::due_on))
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn the_employer_confirms_arrival_and_work_and_a_year_of_follow_ups_is_scheduled() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = departed(&w).await;
    // Only the employer confirms, and never a day in the future.
    let res = go(app, &w.migrant.token, &id, json!({"to": "arrived"})).await;
    assert_problem(res, 409, "invalid_transition").await;
    let tomorrow = (today() + Duration::days(1)).to_string();
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "arrived", "date": tomorrow}),
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("date".into(), "date_too_late".into())]
    );
    let arrived = today() - Duration::days(3);
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "arrived", "date": arrived.to_string()}),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_body(res).await["arrived_on"], arrived.to_string());
    // Work cannot start before arrival.
    let before = (arrived - Duration::days(1)).to_string();
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "employed", "date": before}),
    )
    .await;
    assert_problem(res, 422, "validation_failed").await;
    let start = today() - Duration::days(2);
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "employed", "date": start.to_string()}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert_eq!(body["state"], "employed");
    assert_eq!(body["employment_start"], start.to_string());
    assert_eq!(
        followups_of(app, &id),
        vec![
            ("day_30".into(), start + Duration::days(30)),
            ("day_90".into(), start + Duration::days(90)),
            ("day_180".into(), start + Duration::days(180)),
            ("day_365".into(), start + Duration::days(365)),
        ]
    );
    // The contract has not run its term: completing it now is refused.
    let res = go(app, &w.employer.token, &id, json!({"to": "completed"})).await;
    let problem = assert_problem(res, 409, "conflict").await;
    assert!(problem["detail"].as_str().unwrap().contains("runs until"));
}

#[tokio::test]
async fn the_hire_notice_is_due_in_three_working_days_and_shows_overdue_to_the_ministry() {
    let w = world_with(3).await;
    let app = &w.app;
    // Far enough back that the notice is overdue whatever holidays lie between (New Year).
    let start = today() - Duration::days(20);
    let id = employed(&w, start).await;
    let notices = json_body(
        app.get("/api/v1/hire-notices?overdue=true", Some(&w.ministry.token))
            .await,
    )
    .await;
    let notice = &notices.as_array().unwrap()[0];
    assert_eq!(notice["placement_id"], id);
    assert_eq!(notice["overdue"], true);
    assert_eq!(
        notice["due_on"],
        orgnabor::domain::followup::hire_notice_due(start).to_string()
    );
    // Another employer neither sees nor files it; the migrant cannot list notices at all.
    let other = app.account("employer").await;
    let mine = json_body(app.get("/api/v1/hire-notices", Some(&other.token)).await).await;
    assert_eq!(mine, json!([]));
    let body = json!({"filed_on": today().to_string(), "reference": "МВД-66-2026-001234"});
    let res = app
        .post(
            &format!("{PLACEMENTS}/{id}/hire-notice"),
            Some(&other.token),
            body.clone(),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .get("/api/v1/hire-notices", Some(&w.migrant.token))
        .await;
    assert_problem(res, 403, "forbidden").await;
    let res = app
        .post(
            &format!("{PLACEMENTS}/{id}/hire-notice"),
            Some(&w.employer.token),
            body.clone(),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_body(res).await["overdue"], false);
    let res = app
        .post(
            &format!("{PLACEMENTS}/{id}/hire-notice"),
            Some(&w.employer.token),
            body,
        )
        .await;
    assert_problem(res, 409, "conflict").await;
    let late = json_body(
        app.get("/api/v1/hire-notices?overdue=true", Some(&w.ministry.token))
            .await,
    )
    .await;
    assert_eq!(late, json!([]));
}

#[tokio::test]
async fn the_worker_answers_bad_answers_open_a_case_and_the_employer_sees_nothing() {
    let w = world_with(3).await;
    let app = &w.app;
    // Work began 25 days ago: the 30-day follow-up is open for answers.
    let id = employed(&w, today() - Duration::days(25)).await;
    let mine = json_body(app.get("/api/v1/followups", Some(&w.migrant.token)).await).await;
    let list = mine.as_array().unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0]["kind"], "day_30");
    assert_eq!(list[0]["status"], "upcoming");
    let first = list[0]["id"].as_str().unwrap().to_owned();
    let later = list[1]["id"].as_str().unwrap().to_owned();
    let answers = json!({
        "paid_on_time": true,
        "paid_in_full": false,
        "hours_as_contracted": true,
        "housing_as_contracted": true,
        "passport_in_own_hands": false,
        "report": "Бригадир забрал паспорта «на хранение»"
    });
    // Not the employer, not a stranger, not before it opens.
    let url = |f: &str| format!("/api/v1/followups/{f}/answers");
    assert_problem(
        app.post(&url(&first), Some(&w.employer.token), answers.clone())
            .await,
        403,
        "forbidden",
    )
    .await;
    let stranger = app.account("migrant").await;
    assert_problem(
        app.post(&url(&first), Some(&stranger.token), answers.clone())
            .await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.post(&url(&later), Some(&w.migrant.token), answers.clone())
            .await,
        409,
        "conflict",
    )
    .await;
    assert_problem(
        app.get("/api/v1/followups", Some(&w.employer.token)).await,
        403,
        "forbidden",
    )
    .await;

    let res = app
        .post(&url(&first), Some(&w.migrant.token), answers.clone())
        .await;
    assert_eq!(res.status(), 200);
    let body = json_body(res).await;
    assert_eq!(body["status"], "answered");
    assert_eq!(
        body["concerns"],
        json!(["underpaid", "passport_retained", "reported"])
    );
    assert_eq!(body["case_open"], true);
    assert_problem(
        app.post(&url(&first), Some(&w.migrant.token), answers)
            .await,
        409,
        "conflict",
    )
    .await;
    // The ministry's queue holds the case; it closes it with what it did.
    let queue = json_body(
        app.get("/api/v1/followups?open_cases=true", Some(&w.ministry.token))
            .await,
    )
    .await;
    assert_eq!(queue.as_array().unwrap().len(), 1);
    assert_eq!(queue[0]["placement_id"], id);
    let res = app
        .post(
            &format!("/api/v1/followups/{first}/case"),
            Some(&w.employer.token),
            json!({"resolution": "x"}),
        )
        .await;
    assert_problem(res, 403, "forbidden").await;
    let res = app
        .post(
            &format!("/api/v1/followups/{first}/case"),
            Some(&w.ministry.token),
            json!({"resolution": "Инспекция труда: паспорта возвращены, недоплата выплачена"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_body(res).await["case_open"], false);
    let queue = json_body(
        app.get("/api/v1/followups?open_cases=true", Some(&w.ministry.token))
            .await,
    )
    .await;
    assert_eq!(queue, json!([]));
}

#[tokio::test]
async fn reminders_go_out_once_before_and_on_the_day_and_silence_is_flagged() {
    let w = world_with(3).await;
    let app = &w.app;
    let start = today();
    let id = employed(&w, start).await;
    let due = start + Duration::days(30);
    let base = app.settings.application.base_url.clone();
    let sweep = |day: chrono::NaiveDate| {
        orgnabor::services::aftercare::sweep_now(&mut app.conn(), &base, day).unwrap()
    };
    app.run_pending_jobs().await;
    let sent = |app: &TestApp| {
        app.outbox()
            .into_iter()
            .filter(|e| e.to == w.migrant.email && e.body.contains("/followups/"))
            .count()
    };
    let before = sent(app);
    assert_eq!(sweep(due - Duration::days(4)), 0, "too early to remind");
    assert_eq!(sweep(due - Duration::days(3)), 1, "three days before");
    assert_eq!(sweep(due - Duration::days(2)), 0, "once");
    assert_eq!(sweep(due), 1, "on the day");
    assert_eq!(sweep(due + Duration::days(1)), 0);
    app.run_pending_jobs().await;
    assert_eq!(sent(app) - before, 2);
    // Fourteen days of silence past due are still a grace period; the fifteenth flags it.
    assert_eq!(sweep(due + Duration::days(14)), 0);
    assert_eq!(sweep(due + Duration::days(15)), 1);
    let queue = json_body(
        app.get("/api/v1/followups?open_cases=true", Some(&w.ministry.token))
            .await,
    )
    .await;
    let case = &queue.as_array().unwrap()[0];
    assert_eq!(case["placement_id"], id);
    assert_eq!(case["concerns"], json!(["overdue"]));
    assert_eq!(sweep(due + Duration::days(16)), 0, "flagged once");
}

#[tokio::test]
async fn either_side_ends_an_employment_early_in_its_own_way_and_a_follow_up_is_due_at_once() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = employed(&w, today() - Duration::days(5)).await;
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "terminated", "termination": "by_employer"}),
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("reason".into(), "required".into())]
    );
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "terminated", "reason": "Прогулы", "termination": "by_worker"}),
    )
    .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("termination".into(), "unknown_value".into())]
    );
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "terminated", "reason": "x"}),
    )
    .await;
    assert_problem(res, 422, "validation_failed").await;
    let res = go(
        app,
        &w.employer.token,
        &id,
        json!({"to": "terminated", "reason": "x", "termination": "fired"}),
    )
    .await;
    assert_problem(res, 422, "validation_failed").await;
    let res = go(
        app,
        &w.migrant.token,
        &id,
        json!({"to": "terminated", "reason": "Зарплату не платят второй месяц", "termination": "by_worker"}),
    )
    .await;
    let body = json_body(res).await;
    assert_eq!(body["state"], "terminated", "{body}");
    assert_eq!(body["termination"], "by_worker");
    assert_eq!(body["ended_on"], today().to_string());
    let kinds: Vec<String> = followups_of(app, &id).into_iter().map(|(k, _)| k).collect();
    assert!(kinds.contains(&"after_termination".to_owned()), "{kinds:?}");
    let due = format!("/api/v1/followups?due_by={}", today());
    let mine = json_body(app.get(&due, Some(&w.migrant.token)).await).await;
    assert_eq!(mine[0]["kind"], "after_termination");

    // The year's follow-ups still ahead are withdrawn: not answerable, never overdue.
    let all = json_body(app.get("/api/v1/followups", Some(&w.migrant.token)).await).await;
    let all = all.as_array().unwrap();
    let status = |kind: &str| {
        all.iter()
            .find(|f| f["kind"] == kind)
            .map(|f| f["status"].as_str().unwrap().to_owned())
    };
    for kind in ["day_30", "day_90", "day_180", "day_365"] {
        assert_eq!(status(kind).as_deref(), Some("withdrawn"), "{kind}");
    }
    let day_30 = all.iter().find(|f| f["kind"] == "day_30").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .post(
            &format!("/api/v1/followups/{day_30}/answers"),
            Some(&w.migrant.token),
            json!({"paid_on_time": true, "paid_in_full": true, "hours_as_contracted": true,
                   "housing_as_contracted": true, "passport_in_own_hands": true}),
        )
        .await;
    let problem = assert_problem(res, 409, "conflict").await;
    assert!(problem["detail"].as_str().unwrap().contains("withdrawn"));
    let base = app.settings.application.base_url.clone();
    let swept = orgnabor::services::aftercare::sweep_now(
        &mut app.conn(),
        &base,
        today() + Duration::days(400),
    )
    .unwrap();
    assert_eq!(swept, 1, "only the follow-up about the end goes overdue");
}

#[tokio::test]
async fn the_employers_public_record_counts_what_its_placements_became() {
    let w = world_with(5).await;
    let app = &w.app;
    let employer = w.employer.employer_id.unwrap();

    let empty = record_of(app, employer).await;
    assert_eq!(empty["placements"], 0);
    assert_eq!(empty["inn"].as_str().unwrap().len(), 10);
    // One worker is employed since 40 days and reported a retained passport; the hire notice
    // was never filed.
    let id = employed(&w, today() - Duration::days(29)).await;
    let list = json_body(app.get("/api/v1/followups", Some(&w.migrant.token)).await).await;
    let first = list[0]["id"].as_str().unwrap().to_owned();
    let res = app
        .post(
            &format!("/api/v1/followups/{first}/answers"),
            Some(&w.migrant.token),
            json!({"paid_on_time": true, "paid_in_full": true, "hours_as_contracted": true,
                   "housing_as_contracted": true, "passport_in_own_hands": false}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let r = record_of(app, employer).await;
    assert_eq!(r["placements"], 1);
    assert_eq!(r["approved"], 1);
    assert_eq!(r["reached_employment"], 1);
    assert_eq!(r["bad_followups"], 1);
    assert_eq!(r["followups_answered_on_time"], 1);
    assert_eq!(r["hire_notices_late"], 1, "{r}");
    let res = go(
        app,
        &w.migrant.token,
        &id,
        json!({"to": "terminated", "reason": "Паспорт не отдают", "termination": "by_worker"}),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(record_of(app, employer).await["terminated"], 1);
    // Nothing personal in a public record, and an unknown employer is 404.
    assert!(!record_of(app, employer)
        .await
        .to_string()
        .contains("Жумабеков"));
    let res = app
        .get(
            &format!("/api/v1/employers/{}/record", uuid::Uuid::now_v7()),
            None,
        )
        .await;
    assert_problem(res, 404, "not_found").await;
}

async fn record_of(app: &TestApp, employer: uuid::Uuid) -> Value {
    json_body(
        app.get(&format!("/api/v1/employers/{employer}/record"), None)
            .await,
    )
    .await
}

async fn answer_badly(app: &TestApp, token: &str) {
    let list = json_body(app.get("/api/v1/followups", Some(token)).await).await;
    let open = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] != "answered" && f["kind"] == "day_30")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .post(
            &format!("/api/v1/followups/{open}/answers"),
            Some(token),
            json!({"paid_on_time": false, "paid_in_full": false, "hours_as_contracted": true,
                   "housing_as_contracted": true, "passport_in_own_hands": true}),
        )
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn repeated_bad_follow_ups_restrict_new_approvals_until_the_ministry_lifts_it() {
    let w = world_with(5).await;
    let app = &w.app;
    let employer = w.employer.employer_id.unwrap();
    // The policy is data: the ministry reads and changes it, with a reason.
    let policies = json_body(app.get("/api/v1/policies", Some(&w.ministry.token)).await).await;
    let keys: Vec<_> = policies
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["key"].as_str().unwrap(), p["value"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        keys,
        [
            ("agency_suspension_points_at", 6),
            ("bad_followups_restrict_at", 2)
        ]
    );
    let res = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/policies/bad_followups_restrict_at",
            Some(&w.employer.token),
            Some(json!({"value": 9, "reason": "x"})),
        )
        .await;
    assert_problem(res, 403, "forbidden").await;
    let res = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/policies/bad_followups_restrict_at",
            Some(&w.ministry.token),
            Some(json!({"value": 0, "reason": "x"})),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;
    let res = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/policies/no_such_policy",
            Some(&w.ministry.token),
            Some(json!({"value": 3, "reason": "x"})),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/policies/bad_followups_restrict_at",
            Some(&w.ministry.token),
            Some(json!({"value": 1, "reason": "Пилот: одно нарушение — ограничение"})),
        )
        .await;
    assert_eq!(res.status(), 200);

    // One worker reports late and partial pay: the employer is restricted at once.
    employed(&w, today() - Duration::days(25)).await;
    answer_badly(app, &w.migrant.token).await;
    let list = json_body(
        app.get(
            &format!("/api/v1/employers/{employer}/restrictions"),
            Some(&w.employer.token),
        )
        .await,
    )
    .await;
    assert_eq!(list[0]["cause"], "repeated_bad_followups");
    assert_eq!(list[0]["active"], true);
    let other = app.account("employer").await;
    let res = app
        .get(
            &format!("/api/v1/employers/{employer}/restrictions"),
            Some(&other.token),
        )
        .await;
    assert_problem(res, 404, "not_found").await;

    // A second candidate's contract is under review: approval is refused, naming the cause.
    let second = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&second.token),
            candidate_body("AF3000002"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = under_review(app, &w.employer.token, &second.token, &w.vacancy).await;
    let res = go(
        app,
        &w.ministry.token,
        &id,
        json!({"to": "approved", "reason": "ok"}),
    )
    .await;
    let problem = assert_problem(res, 409, "employer_restricted").await;
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("repeated_bad_followups"));
    // Lifting needs the ministry and a reason; then the approval goes through.
    let rid = list[0]["id"].as_str().unwrap();
    let lift = format!("/api/v1/employers/{employer}/restrictions/{rid}/lift");
    assert_problem(
        app.post(
            &lift,
            Some(&w.employer.token),
            json!({"reason": "оплатили"}),
        )
        .await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.post(&lift, Some(&w.ministry.token), json!({"reason": " "}))
            .await,
        422,
        "validation_failed",
    )
    .await;
    let res = app
        .post(
            &lift,
            Some(&w.ministry.token),
            json!({"reason": "Задолженность погашена, проверено инспекцией"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_problem(
        app.post(&lift, Some(&w.ministry.token), json!({"reason": "again"}))
            .await,
        409,
        "conflict",
    )
    .await;
    let res = go(
        app,
        &w.ministry.token,
        &id,
        json!({"to": "approved", "reason": "ok"}),
    )
    .await;
    assert_eq!(res.status(), 200);
    // The ministry may also restrict by its own decision.
    let res = app
        .post(
            &format!("/api/v1/employers/{employer}/restrictions"),
            Some(&w.ministry.token),
            json!({"detail": "Проверка прокуратуры"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(json_body(res).await["cause"], "ministry_decision");
}
