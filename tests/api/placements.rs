//! Placements: who may begin one, who may take which step, who sees what, and that every step
//! leaves a timeline event, an audit row and emails — or, rolled back, nothing at all.

use diesel::prelude::*;
use serde_json::{json, Value};

use crate::helpers::*;

const PLACEMENTS: &str = "/api/v1/placements";

fn transitions(id: &str) -> String {
    format!("{PLACEMENTS}/{id}/transitions")
}

/// A candidate profile created through the API by `token`; returns its id.
async fn profile(app: &TestApp, token: &str, body: Value) -> String {
    let res = app.post("/api/v1/candidates", Some(token), body).await;
    assert_eq!(res.status(), 201, "profile");
    json_body(res).await["id"].as_str().unwrap().to_owned()
}

/// A profile an agency keeps for a person who consented in person.
async fn represented(app: &TestApp, agency: &Account, passport: &str) -> String {
    let mut body = candidate_body(passport);
    body["consent"] = json!({"method": "in_person"});
    body["email"] = json!(format!("{}@person.kg", passport.to_lowercase()));
    profile(app, &agency.token, body).await
}

async fn create(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.post(PLACEMENTS, Some(token), body).await
}

async fn created(app: &TestApp, token: &str, body: Value) -> Value {
    let res = create(app, token, body).await;
    assert_eq!(res.status(), 201, "placement created");
    json_body(res).await
}

async fn step(app: &TestApp, token: &str, id: &str, to: &str, reason: Option<&str>) -> Value {
    let res = app
        .post(
            &transitions(id),
            Some(token),
            json!({"to": to, "reason": reason}),
        )
        .await;
    assert_eq!(res.status(), 200, "{to}");
    json_body(res).await
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

fn events_of(app: &TestApp, id: &str) -> i64 {
    count(
        app,
        &format!("SELECT count(*) AS n FROM placement_events WHERE placement_id = '{id}'"),
    )
}

fn email_jobs(app: &TestApp) -> i64 {
    count(
        app,
        "SELECT count(*) AS n FROM jobs WHERE kind = 'send_email'",
    )
}

/// Emails sent to `to` once the queue has run.
fn sent_to(app: &TestApp, to: &str) -> Vec<orgnabor::email::OutgoingEmail> {
    app.outbox().into_iter().filter(|e| e.to == to).collect()
}

struct World {
    app: TestApp,
    employer: Account,
    migrant: Account,
    vacancy: String,
    profile: String,
}

async fn world() -> World {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let migrant = app.account("migrant").await;
    let vacancy = app.published_vacancy(&employer.token, vacancy_body()).await;
    let profile = profile(&app, &migrant.token, candidate_body("AC1000001")).await;
    World {
        app,
        employer,
        migrant,
        vacancy,
        profile,
    }
}

#[tokio::test]
async fn a_migrant_applies_and_the_employer_is_told_with_a_timeline_and_an_audit_row() {
    let w = world().await;
    let app = &w.app;
    let p = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    assert_eq!(p["state"], "applied");
    assert_eq!(p["origin"], "applied");
    assert_eq!(p["candidate_id"], w.profile.as_str());
    assert_eq!(p["vacancy_id"], w.vacancy.as_str());
    assert_eq!(p["proposed_by_agency"], Value::Null);
    assert_eq!(p["allowed_next"], json!(["withdrawn"]));
    assert_eq!(p["match_explanation"]["occupation"]["code"], "7212");
    let timeline = p["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0]["state"], "applied");
    assert_eq!(timeline[0]["from"], Value::Null);
    assert_eq!(timeline[0]["actor_role"], "migrant");
    let id = p["id"].as_str().unwrap();
    assert_eq!(events_of(app, id), 1);

    // The audit row holds ids and states, never the person's name.
    let audit: Vec<(String, Option<Value>)> = orgnabor::db::schema::audit_log::table
        .filter(orgnabor::db::schema::audit_log::object_id.eq(uuid::Uuid::parse_str(id).unwrap()))
        .select((
            orgnabor::db::schema::audit_log::action,
            orgnabor::db::schema::audit_log::after,
        ))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "placement.created");
    let after = audit[0].1.clone().unwrap();
    assert_eq!(after["state"], "applied");
    let text = after.to_string();
    assert!(
        !text.contains("Азамат") && !text.contains("Жумабеков"),
        "{text}"
    );

    // The employer is told, through the queue, in its language; the applicant is not.
    assert!(
        app.outbox().is_empty(),
        "nothing is sent before the queue runs"
    );
    app.run_pending_jobs().await;
    let to_employer = sent_to(app, &w.employer.email);
    assert_eq!(to_employer.len(), 1);
    assert!(
        to_employer[0]
            .subject
            .contains("Сварщик на металлоконструкции"),
        "{}",
        to_employer[0].subject
    );
    assert!(to_employer[0].body.contains(&format!("/placements/{id}")));
    assert!(sent_to(app, &w.migrant.email).is_empty());
}

#[tokio::test]
async fn one_open_placement_per_candidate_and_vacancy() {
    let w = world().await;
    let app = &w.app;
    let first = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    let res = create(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    assert_problem(res, 409, "already_open").await;
    // The employer cannot invite the same person to it either.
    let res = create(
        app,
        &w.employer.token,
        json!({"vacancy_id": w.vacancy, "candidate_id": w.profile}),
    )
    .await;
    assert_problem(res, 409, "already_open").await;
    // A closed placement does not count: after withdrawing, the person may apply again.
    step(
        app,
        &w.migrant.token,
        first["id"].as_str().unwrap(),
        "withdrawn",
        None,
    )
    .await;
    let again = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    assert_ne!(again["id"], first["id"]);
    // The database holds the rule itself.
    let err = diesel::sql_query(format!(
        "INSERT INTO placements (id, vacancy_id, candidate_id, origin, state, created_by)
         VALUES (gen_random_uuid(), '{}', '{}', 'applied', 'shortlisted', '{}')",
        w.vacancy, w.profile, w.migrant.id
    ))
    .execute(&mut app.conn())
    .unwrap_err()
    .to_string();
    assert!(err.contains("placements_one_open"), "{err}");
}

#[tokio::test]
async fn an_agency_proposes_only_a_candidate_it_represents_under_an_active_licence() {
    let w = world().await;
    let app = &w.app;
    let agency = app.account("agency").await;
    let person = represented(app, &agency, "AC2000002").await;
    let missing = create(app, &agency.token, json!({"vacancy_id": w.vacancy})).await;
    let problem = assert_problem(missing, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("candidate_id".to_string(), "required".to_string())]
    );
    // Another agency, without the person's consent, may not.
    let other = app.account("agency").await;
    let res = create(
        app,
        &other.token,
        json!({"vacancy_id": w.vacancy, "candidate_id": person}),
    )
    .await;
    assert_problem(res, 403, "consent_required").await;

    let p = created(
        app,
        &agency.token,
        json!({"vacancy_id": w.vacancy, "candidate_id": person}),
    )
    .await;
    assert_eq!(p["state"], "proposed");
    assert_eq!(p["origin"], "proposed");
    assert_eq!(
        p["proposed_by_agency"],
        agency.agency_id.unwrap().to_string()
    );
    assert_eq!(p["timeline"][0]["actor_role"], "agency");
    assert_eq!(p["allowed_next"], json!([]));
    assert!(p["match_explanation"]["matched_skills"].is_array());
    // The employer and the person hear of it; the agency does not write to itself.
    app.run_pending_jobs().await;
    assert_eq!(sent_to(app, &w.employer.email).len(), 1);
    assert_eq!(sent_to(app, "ac2000002@person.kg").len(), 1);
    assert!(sent_to(app, &agency.email).is_empty());

    // Under a suspended licence the agency can do nothing with placements.
    diesel::update(orgnabor::db::schema::agencies::table)
        .filter(orgnabor::db::schema::agencies::id.eq(agency.agency_id.unwrap()))
        .set(orgnabor::db::schema::agencies::licence_status.eq("suspended"))
        .execute(&mut app.conn())
        .unwrap();
    let second = app
        .published_vacancy(&w.employer.token, vacancy_body())
        .await;
    let res = create(
        app,
        &agency.token,
        json!({"vacancy_id": second, "candidate_id": person}),
    )
    .await;
    assert_problem(res, 403, "licence_not_active").await;
    let res = app.get(PLACEMENTS, Some(&agency.token)).await;
    assert_problem(res, 403, "licence_not_active").await;
    let res = app
        .get(
            &format!("{PLACEMENTS}/{}", p["id"].as_str().unwrap()),
            Some(&agency.token),
        )
        .await;
    assert_problem(res, 403, "licence_not_active").await;
}

#[tokio::test]
async fn an_employer_invites_only_searchable_people_to_its_own_published_vacancies() {
    let w = world().await;
    let app = &w.app;
    let p = created(
        app,
        &w.employer.token,
        json!({"vacancy_id": w.vacancy, "candidate_id": w.profile}),
    )
    .await;
    assert_eq!(p["state"], "invited");
    assert_eq!(p["timeline"][0]["actor_role"], "employer");
    assert_eq!(p["allowed_next"], json!(["shortlisted", "rejected"]));
    // The invitation tells the person why the vacancy fits them.
    assert!(p["match_explanation"]["notes"][0]
        .as_str()
        .unwrap()
        .contains("salary"));
    app.run_pending_jobs().await;
    assert_eq!(sent_to(app, &w.migrant.email).len(), 1);
    assert!(sent_to(app, &w.employer.email).is_empty());

    // A person who is not searchable does not exist for an employer.
    let hidden_owner = app.account("migrant").await;
    let mut body = candidate_body("AC3000003");
    body["searchable"] = json!(false);
    let hidden = profile(app, &hidden_owner.token, body).await;
    let res = create(
        app,
        &w.employer.token,
        json!({"vacancy_id": w.vacancy, "candidate_id": hidden}),
    )
    .await;
    assert_problem(res, 404, "not_found").await;
    // Another employer's vacancy: 404; its own draft: 409.
    let other = app.account("employer").await;
    let res = create(
        app,
        &other.token,
        json!({"vacancy_id": w.vacancy, "candidate_id": w.profile}),
    )
    .await;
    assert_problem(res, 404, "not_found").await;
    let draft = json_body(
        app.post("/api/v1/vacancies", Some(&w.employer.token), vacancy_body())
            .await,
    )
    .await;
    let res = create(
        app,
        &w.employer.token,
        json!({"vacancy_id": draft["id"], "candidate_id": w.profile}),
    )
    .await;
    assert_problem(res, 409, "conflict").await;
}

#[tokio::test]
async fn only_published_unexpired_vacancies_open_to_the_person_take_applications() {
    let w = world().await;
    let app = &w.app;
    let draft = json_body(
        app.post("/api/v1/vacancies", Some(&w.employer.token), vacancy_body())
            .await,
    )
    .await;
    let res = create(app, &w.migrant.token, json!({"vacancy_id": draft["id"]})).await;
    assert_problem(res, 404, "not_found").await;
    let res = create(
        app,
        &w.migrant.token,
        json!({"vacancy_id": uuid::Uuid::now_v7()}),
    )
    .await;
    assert_problem(res, 404, "not_found").await;

    let mut closed = vacancy_body();
    closed["open_to_foreign"] = json!(false);
    let closed = app.published_vacancy(&w.employer.token, closed).await;
    let res = create(app, &w.migrant.token, json!({"vacancy_id": closed})).await;
    let problem = assert_problem(res, 409, "conflict").await;
    assert!(problem["detail"].as_str().unwrap().contains("foreign"));

    // Past its listing date a published vacancy takes no one.
    diesel::update(orgnabor::db::schema::vacancies::table)
        .filter(orgnabor::db::schema::vacancies::id.eq(uuid::Uuid::parse_str(&w.vacancy).unwrap()))
        .set(orgnabor::db::schema::vacancies::expires_on.eq(today() - chrono::Duration::days(1)))
        .execute(&mut app.conn())
        .unwrap();
    let res = create(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    assert_problem(res, 404, "not_found").await;

    // A migrant without a profile has nothing to apply with.
    let newcomer = app.account("migrant").await;
    let open = app
        .published_vacancy(&w.employer.token, vacancy_body())
        .await;
    let res = create(app, &newcomer.token, json!({"vacancy_id": open})).await;
    assert_problem(res, 409, "conflict").await;
    // …and cannot apply with someone else's.
    let res = create(
        app,
        &newcomer.token,
        json!({"vacancy_id": open, "candidate_id": w.profile}),
    )
    .await;
    assert_problem(res, 409, "conflict").await;
    profile(app, &newcomer.token, candidate_body("AC4000004")).await;
    let res = create(
        app,
        &newcomer.token,
        json!({"vacancy_id": open, "candidate_id": w.profile}),
    )
    .await;
    assert_problem(res, 404, "not_found").await;
}

#[tokio::test]
async fn the_employer_shortlists_offers_and_rejects_and_the_person_sees_every_step() {
    let w = world().await;
    let app = &w.app;
    let p = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    let id = p["id"].as_str().unwrap();
    // The person reads in Russian: the step is named in their language.
    diesel::update(orgnabor::db::schema::users::table)
        .filter(orgnabor::db::schema::users::id.eq(w.migrant.id))
        .set(orgnabor::db::schema::users::locale.eq("ru"))
        .execute(&mut app.conn())
        .unwrap();
    let s = step(app, &w.employer.token, id, "shortlisted", None).await;
    assert_eq!(s["state"], "shortlisted");
    assert_eq!(s["allowed_next"], json!(["offered", "rejected"]));
    let o = step(app, &w.employer.token, id, "offered", Some("  Welcome  ")).await;
    assert_eq!(o["state"], "offered");
    assert_eq!(o["reason"], "Welcome");
    assert_eq!(o["version"], 3);
    // Rejection needs a written reason.
    let res = app
        .post(
            &transitions(id),
            Some(&w.employer.token),
            json!({"to": "rejected"}),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("reason".to_string(), "required".to_string())]
    );
    let res = app
        .post(
            &transitions(id),
            Some(&w.employer.token),
            json!({"to": "rejected", "reason": "   "}),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;
    let res = app
        .post(
            &transitions(id),
            Some(&w.employer.token),
            json!({"to": "rejected", "reason": "x".repeat(2001)}),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("reason".to_string(), "too_long".to_string())]
    );
    assert_eq!(events_of(app, id), 3, "refused steps leave no event");
    let r = step(
        app,
        &w.employer.token,
        id,
        "rejected",
        Some("The positions were filled"),
    )
    .await;
    assert_eq!(r["state"], "rejected");
    assert_eq!(r["allowed_next"], json!([]));

    // The person sees the whole case.
    let mine = json_body(
        app.get(&format!("{PLACEMENTS}/{id}"), Some(&w.migrant.token))
            .await,
    )
    .await;
    let timeline: Vec<(Value, Value, Value, Value)> = mine["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert!(e["at"].is_string());
            (
                e["from"].clone(),
                e["state"].clone(),
                e["actor_role"].clone(),
                e["reason"].clone(),
            )
        })
        .collect();
    assert_eq!(
        timeline,
        vec![
            (Value::Null, json!("applied"), json!("migrant"), Value::Null),
            (
                json!("applied"),
                json!("shortlisted"),
                json!("employer"),
                Value::Null
            ),
            (
                json!("shortlisted"),
                json!("offered"),
                json!("employer"),
                json!("Welcome")
            ),
            (
                json!("offered"),
                json!("rejected"),
                json!("employer"),
                json!("The positions were filled")
            ),
        ]
    );
    assert_eq!(mine["allowed_next"], json!([]));
    // Each step was written to the person, the reason included.
    app.run_pending_jobs().await;
    let to_person = sent_to(app, &w.migrant.email);
    assert_eq!(to_person.len(), 3);
    assert!(to_person
        .iter()
        .any(|e| e.body.contains("The positions were filled")));
    assert!(
        to_person.iter().any(|e| e
            .body
            .contains("«отклик кандидата» в статус «в списке отобранных»")),
        "{:?}",
        to_person[0].body
    );
    assert!(to_person.iter().all(|e| e.subject.starts_with("Заявка на")));
    let audits = count(
        app,
        &format!(
            "SELECT count(*) AS n FROM audit_log WHERE object_id = '{id}' \
             AND action = 'placement.transitioned'"
        ),
    );
    assert_eq!(audits, 3);
    let leaked = count(
        app,
        &format!(
            "SELECT count(*) AS n FROM audit_log WHERE object_id = '{id}' \
             AND after::text LIKE '%positions were filled%'"
        ),
    );
    assert_eq!(leaked, 0, "the reason is fingerprinted in the audit trail");
}

#[tokio::test]
async fn a_step_the_caller_may_not_take_is_409_naming_the_steps_it_may() {
    let w = world().await;
    let app = &w.app;
    let p = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    let id = p["id"].as_str().unwrap();
    let ministry = app.account("ministry").await;
    let cases: &[(&str, &str, Value)] = &[
        // The candidate may only withdraw.
        (&w.migrant.token, "shortlisted", json!(["withdrawn"])),
        (&w.migrant.token, "rejected", json!(["withdrawn"])),
        // The employer may not skip the shortlist, withdraw for the person, or sign.
        (
            &w.employer.token,
            "offered",
            json!(["shortlisted", "rejected"]),
        ),
        (
            &w.employer.token,
            "withdrawn",
            json!(["shortlisted", "rejected"]),
        ),
        (
            &w.employer.token,
            "contract_signed",
            json!(["shortlisted", "rejected"]),
        ),
        (
            &w.employer.token,
            "applied",
            json!(["shortlisted", "rejected"]),
        ),
        // The ministry steps in only at review.
        (&ministry.token, "approved", json!([])),
        (&ministry.token, "rejected", json!([])),
    ];
    for (token, to, allowed) in cases {
        let res = app
            .post(
                &transitions(id),
                Some(token),
                json!({"to": to, "reason": "why"}),
            )
            .await;
        let problem = assert_problem(res, 409, "invalid_transition").await;
        assert_eq!(&problem["allowed"], allowed, "{to}: {problem}");
    }
    // An unknown state is a 422 naming the states there are.
    let res = app
        .post(
            &transitions(id),
            Some(&w.employer.token),
            json!({"to": "hired"}),
        )
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("to".to_string(), "unknown_value".to_string())]
    );
    assert_eq!(events_of(app, id), 1);
    // After withdrawal, nobody may do anything.
    step(app, &w.migrant.token, id, "withdrawn", None).await;
    let res = app
        .post(
            &transitions(id),
            Some(&w.employer.token),
            json!({"to": "shortlisted"}),
        )
        .await;
    let problem = assert_problem(res, 409, "invalid_transition").await;
    assert_eq!(problem["allowed"], json!([]));
    app.run_pending_jobs().await;
    // The withdrawal was written to the employer.
    assert!(sent_to(app, &w.employer.email)
        .iter()
        .any(|e| e.body.contains("withdrawn")));
}

#[tokio::test]
async fn a_caller_who_may_not_see_the_placement_gets_404() {
    let w = world().await;
    let app = &w.app;
    let p = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    let id = p["id"].as_str().unwrap();
    let path = format!("{PLACEMENTS}/{id}");
    for role in ["migrant", "employer", "agency"] {
        let stranger = app.account(role).await;
        let res = app.get(&path, Some(&stranger.token)).await;
        assert_problem(res, 404, "not_found").await;
        let res = app
            .post(
                &transitions(id),
                Some(&stranger.token),
                json!({"to": "withdrawn"}),
            )
            .await;
        assert_problem(res, 404, "not_found").await;
    }
    let centre = app.account("centre").await;
    assert_problem(app.get(&path, Some(&centre.token)).await, 403, "forbidden").await;
    assert_problem(app.get(&path, None).await, 401, "unauthenticated").await;
    // Overseers read it; the admin takes no step.
    for role in ["ministry", "admin"] {
        let overseer = app.account(role).await;
        let res = app.get(&path, Some(&overseer.token)).await;
        assert_eq!(res.status(), 200, "{role}");
        assert_eq!(json_body(res).await["allowed_next"], json!([]));
    }
    // An agency representing the person sees it even though it did not propose it.
    let agency = app.account("agency").await;
    let res = app
        .post(
            &format!("/api/v1/candidates/{}/consents", w.profile),
            Some(&w.migrant.token),
            json!({"agency_id": agency.agency_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(app.get(&path, Some(&agency.token)).await.status(), 200);
}

#[tokio::test]
async fn each_role_lists_the_placements_it_may_see_with_filters() {
    let w = world().await;
    let app = &w.app;
    let mine = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    // A second employer, whose vacancy an agency proposes someone to.
    let employer2 = app.account("employer").await;
    let vacancy2 = app
        .published_vacancy(&employer2.token, vacancy_body())
        .await;
    let agency = app.account("agency").await;
    let person = represented(app, &agency, "AC5000005").await;
    let proposed = created(
        app,
        &agency.token,
        json!({"vacancy_id": vacancy2, "candidate_id": person}),
    )
    .await;
    let ministry = app.account("ministry").await;
    let ids = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let list = |token: String, query: &'static str| {
        let app = &w.app;
        async move { json_body(app.get(&format!("{PLACEMENTS}{query}"), Some(&token)).await).await }
    };
    let (m, p) = (
        mine["id"].as_str().unwrap().to_owned(),
        proposed["id"].as_str().unwrap().to_owned(),
    );
    assert_eq!(
        ids(&list(w.migrant.token.clone(), "").await),
        vec![m.clone()]
    );
    assert_eq!(
        ids(&list(w.employer.token.clone(), "").await),
        vec![m.clone()]
    );
    assert_eq!(
        ids(&list(employer2.token.clone(), "").await),
        vec![p.clone()]
    );
    assert_eq!(ids(&list(agency.token.clone(), "").await), vec![p.clone()]);
    assert_eq!(
        ids(&list(ministry.token.clone(), "").await),
        vec![p.clone(), m.clone()]
    );
    let stranger = app.account("migrant").await;
    assert!(ids(&list(stranger.token.clone(), "").await).is_empty());

    // Filters narrow within what the caller sees.
    let by_state = format!("{PLACEMENTS}?state=proposed");
    let page = json_body(app.get(&by_state, Some(&ministry.token)).await).await;
    assert_eq!(ids(&page), vec![p.clone()]);
    let by_vacancy = format!("{PLACEMENTS}?vacancy={}", w.vacancy);
    let page = json_body(app.get(&by_vacancy, Some(&ministry.token)).await).await;
    assert_eq!(ids(&page), vec![m.clone()]);
    let page = json_body(app.get(&by_vacancy, Some(&employer2.token)).await).await;
    assert!(
        ids(&page).is_empty(),
        "another employer's vacancy shows nothing"
    );
    let by_candidate = format!("{PLACEMENTS}?candidate={person}");
    let page = json_body(app.get(&by_candidate, Some(&ministry.token)).await).await;
    assert_eq!(ids(&page), vec![p.clone()]);
    let page = json_body(
        app.get(&format!("{PLACEMENTS}?limit=1"), Some(&ministry.token))
            .await,
    )
    .await;
    assert_eq!(ids(&page), vec![p.clone()]);
    let next = page["next_cursor"].as_str().unwrap();
    let page = json_body(
        app.get(
            &format!("{PLACEMENTS}?limit=1&cursor={next}"),
            Some(&ministry.token),
        )
        .await,
    )
    .await;
    assert_eq!(ids(&page), vec![m.clone()]);
    let res = app
        .get(&format!("{PLACEMENTS}?state=hired"), Some(&ministry.token))
        .await;
    let problem = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&problem),
        vec![("state".to_string(), "unknown_value".to_string())]
    );
    let centre = app.account("centre").await;
    assert_problem(
        app.get(PLACEMENTS, Some(&centre.token)).await,
        403,
        "forbidden",
    )
    .await;
}

#[tokio::test]
async fn a_rolled_back_transition_changes_nothing_and_sends_nothing() {
    let w = world().await;
    let app = &w.app;
    let p = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    let id = p["id"].as_str().unwrap();
    app.run_pending_jobs().await;
    let sent_before = app.outbox().len();
    let jobs_before = email_jobs(app);
    // A check that fails only at COMMIT, after the step, its event, its audit row and its
    // email job were all written inside the transaction.
    for sql in [
        "CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'refused at commit'; END; $$",
        "CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER UPDATE ON placements
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()",
    ] {
        diesel::sql_query(sql).execute(&mut app.conn()).unwrap();
    }
    let res = app
        .post(
            &transitions(id),
            Some(&w.employer.token),
            json!({"to": "shortlisted"}),
        )
        .await;
    assert_eq!(res.status(), 500);
    let now = json_body(
        app.get(&format!("{PLACEMENTS}/{id}"), Some(&w.migrant.token))
            .await,
    )
    .await;
    assert_eq!(now["state"], "applied");
    assert_eq!(now["version"], 1);
    assert_eq!(events_of(app, id), 1);
    assert_eq!(email_jobs(app), jobs_before);
    let audits = count(
        app,
        &format!("SELECT count(*) AS n FROM audit_log WHERE object_id = '{id}'"),
    );
    assert_eq!(audits, 1, "only the creation");
    app.run_pending_jobs().await;
    assert_eq!(app.outbox().len(), sent_before, "nothing was sent");

    // Without the trap the same step goes through and is sent.
    diesel::sql_query("DROP TRIGGER refuse_at_commit ON placements")
        .execute(&mut app.conn())
        .unwrap();
    step(app, &w.employer.token, id, "shortlisted", None).await;
    assert_eq!(email_jobs(app), jobs_before + 1);
    app.run_pending_jobs().await;
    assert_eq!(app.outbox().len(), sent_before + 1);
}

#[tokio::test]
async fn the_application_can_only_add_to_the_timeline() {
    let w = world().await;
    let app = &w.app;
    created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    let mut conn = app.runtime_conn();
    for sql in [
        "UPDATE placement_events SET reason = 'rewritten'",
        "DELETE FROM placement_events",
        "TRUNCATE placement_events",
    ] {
        let err = diesel::sql_query(sql)
            .execute(&mut conn)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("permission denied for table placement_events"),
            "{sql}: {err}"
        );
    }
    // Even the owner role is stopped by the trigger.
    let err = diesel::sql_query("UPDATE placement_events SET reason = 'rewritten'")
        .execute(&mut app.conn())
        .unwrap_err()
        .to_string();
    assert!(err.contains("append-only"), "{err}");
    assert_eq!(count(app, "SELECT count(*) AS n FROM placement_events"), 1);
}

#[tokio::test]
async fn two_applications_racing_for_the_same_vacancy_open_exactly_one_placement() {
    let w = world().await;
    let app = &w.app;
    let rounds = 10;
    for round in 0..rounds {
        let vacancy = app
            .published_vacancy(&w.employer.token, vacancy_body())
            .await;
        let body = json!({"vacancy_id": vacancy});
        let invite = json!({"vacancy_id": vacancy, "candidate_id": w.profile});
        // The person applies while the employer invites them: one wins, the other is told.
        let (a, b) = tokio::join!(
            create(app, &w.migrant.token, body),
            create(app, &w.employer.token, invite)
        );
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 409], "round {round}");
        let loser = if a.status() == 409 { a } else { b };
        assert_problem(loser, 409, "already_open").await;
        let open = count(
            app,
            &format!("SELECT count(*) AS n FROM placements WHERE vacancy_id = '{vacancy}'"),
        );
        assert_eq!(open, 1, "round {round}");
    }
    // Each step's audit row carries the state before and after.
    let p = created(app, &w.migrant.token, json!({"vacancy_id": w.vacancy})).await;
    let id = p["id"].as_str().unwrap();
    step(app, &w.employer.token, id, "shortlisted", None).await;
    let (before, after): (Option<Value>, Option<Value>) = orgnabor::db::schema::audit_log::table
        .filter(orgnabor::db::schema::audit_log::object_id.eq(uuid::Uuid::parse_str(id).unwrap()))
        .filter(orgnabor::db::schema::audit_log::action.eq("placement.transitioned"))
        .select((
            orgnabor::db::schema::audit_log::before,
            orgnabor::db::schema::audit_log::after,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(before.unwrap()["state"], "applied");
    assert_eq!(after.unwrap()["state"], "shortlisted");
}

#[tokio::test]
async fn an_agency_proposes_only_for_regions_its_licence_covers() {
    let w = world().await;
    let app = &w.app;
    let agency = app.account("agency").await;
    let person = represented(app, &agency, "AC2000009").await;
    let mut elsewhere = vacancy_body();
    elsewhere["region"] = json!("RU-TA");
    elsewhere["city"] = json!("Казань");
    let vacancy = app.published_vacancy(&w.employer.token, elsewhere).await;
    let res = create(
        app,
        &agency.token,
        json!({"vacancy_id": vacancy, "candidate_id": person}),
    )
    .await;
    assert_problem(res, 403, "region_not_licensed").await;
    // Inside its licence the agency proposes the same person.
    let p = created(
        app,
        &agency.token,
        json!({"vacancy_id": w.vacancy, "candidate_id": person}),
    )
    .await;
    assert_eq!(p["state"], "proposed");
}

#[tokio::test]
async fn the_public_licence_check_counts_the_agencys_real_placements() {
    let w = world().await;
    let app = &w.app;
    let agency = app.account("agency").await;
    let number: String = orgnabor::db::schema::agencies::table
        .find(agency.agency_id.unwrap())
        .select(orgnabor::db::schema::agencies::licence_number)
        .first(&mut app.conn())
        .unwrap();
    let record = |body: Value| body["record"].clone();
    let check = format!(
        "/api/v1/agencies/check?licence_number={}",
        urlencode(&number)
    );
    let before: Value = app.get(&check, None).await.json().await.unwrap();
    assert_eq!(
        record(before),
        json!({"placements": 0, "reached_employment": 0, "completed": 0, "terminated": 0,
            "followups_answered_on_time": 0, "bad_followups": 0, "complaints_upheld": 0, "ratings": null})
    );
    let person = represented(app, &agency, "AC2000011").await;
    created(
        app,
        &agency.token,
        json!({"vacancy_id": w.vacancy, "candidate_id": person}),
    )
    .await;
    let after: Value = app.get(&check, None).await.json().await.unwrap();
    assert_eq!(
        record(after),
        json!({"placements": 1, "reached_employment": 0, "completed": 0, "terminated": 0,
            "followups_answered_on_time": 0, "bad_followups": 0, "complaints_upheld": 0, "ratings": null})
    );
}
