//! Complaints: who may file one, the ministry's triage (outcome required, decisions final), the
//! complainant told each status, and the party complained about seeing nothing before the
//! ministry forwards it — and never who complained, in the API or in its email.

use diesel::prelude::*;
use serde_json::{json, Value};

use crate::helpers::*;

const COMPLAINTS: &str = "/api/v1/complaints";

fn one(id: &str) -> String {
    format!("{COMPLAINTS}/{id}")
}

fn transitions(id: &str) -> String {
    format!("{COMPLAINTS}/{id}/transitions")
}

fn forward(id: &str) -> String {
    format!("{COMPLAINTS}/{id}/forward")
}

const TEXT: &str = "Три месяца не платят зарплату, бригадир Рустам грозит уволить.";
const SUMMARY: &str = "A worker reports wages unpaid for three months.";

async fn profile(app: &TestApp, token: &str, body: Value) -> String {
    let res = app.post("/api/v1/candidates", Some(token), body).await;
    assert_eq!(res.status(), 201, "profile");
    json_body(res).await["id"].as_str().unwrap().to_owned()
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

/// The complaint emails sent to `to` once the queue has run (they all carry the link).
fn sent_to(app: &TestApp, to: &str) -> Vec<orgnabor::email::OutgoingEmail> {
    app.outbox()
        .into_iter()
        .filter(|e| e.to == to && e.body.contains("/complaints/"))
        .collect()
}

struct World {
    app: TestApp,
    employer: Account,
    migrant: Account,
    ministry: Account,
    profile: String,
    placement: String,
}

async fn world() -> World {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let migrant = app.account("migrant").await;
    let ministry = app.account("ministry").await;
    let vacancy = app.published_vacancy(&employer.token, vacancy_body()).await;
    let mut body = candidate_body("AC2000001");
    body["email"] = json!("azamat.person@mail.kg");
    let profile = profile(&app, &migrant.token, body).await;
    let res = app
        .post(
            "/api/v1/placements",
            Some(&migrant.token),
            json!({"vacancy_id": vacancy}),
        )
        .await;
    assert_eq!(res.status(), 201, "placement");
    let placement = json_body(res).await["id"].as_str().unwrap().to_owned();
    World {
        app,
        employer,
        migrant,
        ministry,
        profile,
        placement,
    }
}

impl World {
    fn against_employer(&self) -> Value {
        json!({
            "against_employer_id": self.employer.employer_id,
            "placement_id": self.placement,
            "category": "unpaid_wages",
            "text": TEXT,
        })
    }

    async fn file(&self, body: Value) -> Value {
        let res = self
            .app
            .post(COMPLAINTS, Some(&self.migrant.token), body)
            .await;
        assert_eq!(res.status(), 201, "complaint filed");
        json_body(res).await
    }

    async fn step(&self, id: &str, body: Value) -> Value {
        let res = self
            .app
            .post(&transitions(id), Some(&self.ministry.token), body)
            .await;
        assert_eq!(res.status(), 200, "transition");
        json_body(res).await
    }
}

#[tokio::test]
async fn a_migrant_files_and_is_told_each_status_in_their_language() {
    let w = world().await;
    let app = &w.app;
    diesel::sql_query(format!(
        "UPDATE users SET locale = 'ru' WHERE id = '{}'",
        w.migrant.id
    ))
    .execute(&mut app.conn())
    .unwrap();
    let c = w.file(w.against_employer()).await;
    assert_eq!(c["state"], "received");
    assert_eq!(c["viewer"], "complainant");
    assert_eq!(c["category"], "unpaid_wages");
    assert_eq!(c["candidate_id"], w.profile.as_str());
    assert_eq!(c["placement_id"], w.placement.as_str());
    assert_eq!(c["text"], TEXT);
    assert_eq!(c["forwarded"], false);
    assert_eq!(c["allowed_next"], json!([]));
    assert_eq!(c["timeline"].as_array().unwrap().len(), 1);
    assert_eq!(c["timeline"][0]["kind"], "filed");
    assert_eq!(c["timeline"][0]["actor_role"], "migrant");
    let id = c["id"].as_str().unwrap().to_owned();

    // The audit row holds ids and the state; the words only as a fingerprint.
    let audit: Vec<(String, Option<Value>)> = orgnabor::db::schema::audit_log::table
        .filter(orgnabor::db::schema::audit_log::object_id.eq(uuid::Uuid::parse_str(&id).unwrap()))
        .select((
            orgnabor::db::schema::audit_log::action,
            orgnabor::db::schema::audit_log::after,
        ))
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "complaint.filed");
    let after = audit[0].1.clone().unwrap();
    assert_eq!(after["state"], "received");
    assert!(!after.to_string().contains("Рустам"), "{after}");

    app.run_pending_jobs().await;
    let mail = sent_to(app, &w.migrant.email);
    assert_eq!(mail.len(), 1, "told it was received");
    assert!(mail[0].subject.contains("получена"), "{}", mail[0].subject);
    assert!(mail[0].body.contains("невыплата заработной платы"));

    let c = w.step(&id, json!({"to": "in_review"})).await;
    assert_eq!(c["state"], "in_review");
    assert_eq!(c["viewer"], "ministry");
    assert_eq!(c["allowed_next"], json!(["upheld", "dismissed"]));
    let c = w
        .step(
            &id,
            json!({"to": "upheld", "outcome": "Долг по зарплате подтверждён."}),
        )
        .await;
    assert_eq!(c["state"], "upheld");
    assert_eq!(c["allowed_next"], json!([]));

    app.run_pending_jobs().await;
    let mail = sent_to(app, &w.migrant.email);
    assert_eq!(mail.len(), 3, "told every status");
    assert!(mail[1].subject.contains("на рассмотрении"));
    assert!(mail[2].subject.contains("признана обоснованной"));
    assert!(mail[2].body.contains("Долг по зарплате подтверждён."));

    // The complainant sees the status and outcome throughout, with every step.
    let c = json_body(app.get(&one(&id), Some(&w.migrant.token)).await).await;
    assert_eq!(c["state"], "upheld");
    assert_eq!(c["outcome"], "Долг по зарплате подтверждён.");
    let timeline = c["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 3);
    assert_eq!(timeline[2]["from"], "in_review");
    assert_eq!(timeline[2]["actor_role"], "ministry");
    let list = json_body(app.get(COMPLAINTS, Some(&w.migrant.token)).await).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        count(
            app,
            &format!("SELECT count(*) AS n FROM complaint_events WHERE complaint_id = '{id}'")
        ),
        3
    );
    assert_eq!(
        count(
            app,
            &format!("SELECT count(*) AS n FROM audit_log WHERE object_id = '{id}'")
        ),
        3
    );
    // The timeline is append-only for the application's role.
    let edited = diesel::sql_query(format!(
        "UPDATE complaint_events SET note = 'x' WHERE complaint_id = '{id}'"
    ))
    .execute(&mut app.runtime_conn());
    assert!(edited.is_err());

    // The ministry lists all, by state.
    let upheld = json_body(
        app.get(
            &format!("{COMPLAINTS}?state=upheld"),
            Some(&w.ministry.token),
        )
        .await,
    )
    .await;
    assert_eq!(upheld["items"].as_array().unwrap().len(), 1);
    let received = json_body(
        app.get(
            &format!("{COMPLAINTS}?state=received"),
            Some(&w.ministry.token),
        )
        .await,
    )
    .await;
    assert_eq!(received["items"].as_array().unwrap().len(), 0);
    let bad = app
        .get(&format!("{COMPLAINTS}?state=open"), Some(&w.ministry.token))
        .await;
    assert_problem(bad, 422, "validation_failed").await;
}

/// Everything that would tell the accused who complained.
fn identity(w: &World) -> Vec<String> {
    vec![
        "Азамат".into(),
        "Жумабеков".into(),
        w.migrant.email.clone(),
        "azamat.person@mail.kg".into(),
        w.profile.clone(),
        w.migrant.id.to_string(),
        w.placement.clone(),
        "Рустам".into(),
        "AC2000001".into(),
    ]
}

fn assert_absent(text: &str, needles: &[String]) {
    for n in needles {
        assert!(!text.contains(n.as_str()), "{n} appears in {text}");
    }
}

#[tokio::test]
async fn the_accused_sees_nothing_before_forwarding_and_never_who_complained() {
    let w = world().await;
    let app = &w.app;
    let c = w.file(w.against_employer()).await;
    let id = c["id"].as_str().unwrap().to_owned();

    // Before forwarding the employer cannot know it exists.
    let res = app.get(&one(&id), Some(&w.employer.token)).await;
    assert_problem(res, 404, "not_found").await;
    let list = json_body(app.get(COMPLAINTS, Some(&w.employer.token)).await).await;
    assert_eq!(list["items"], json!([]));

    // Forwarding waits for the review, needs a summary, and happens once.
    let res = app
        .post(
            &forward(&id),
            Some(&w.ministry.token),
            json!({"summary": SUMMARY}),
        )
        .await;
    let p = assert_problem(res, 409, "invalid_transition").await;
    assert_eq!(p["allowed"], json!(["in_review"]));
    w.step(&id, json!({"to": "in_review"})).await;
    let res = app.get(&one(&id), Some(&w.employer.token)).await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .post(
            &forward(&id),
            Some(&w.ministry.token),
            json!({"summary": "  "}),
        )
        .await;
    let p = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(field_codes(&p), vec![("summary".into(), "required".into())]);
    let res = app
        .post(
            &forward(&id),
            Some(&w.ministry.token),
            json!({"summary": SUMMARY}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let f = json_body(res).await;
    assert_eq!(f["forwarded"], true);
    assert_eq!(f["timeline"].as_array().unwrap().len(), 3);
    let res = app
        .post(
            &forward(&id),
            Some(&w.ministry.token),
            json!({"summary": SUMMARY}),
        )
        .await;
    assert_problem(res, 409, "conflict").await;

    // After forwarding: the complaint, without anyone who could be retaliated against.
    let res = app.get(&one(&id), Some(&w.employer.token)).await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    assert_absent(&text, &identity(&w));
    let seen: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(seen["viewer"], "accused");
    assert_eq!(seen["category"], "unpaid_wages");
    assert_eq!(seen["state"], "in_review");
    assert_eq!(seen["forwarded_summary"], SUMMARY);
    for field in [
        "candidate_id",
        "complainant_name",
        "filed_by",
        "placement_id",
        "text",
    ] {
        assert_eq!(seen[field], Value::Null, "{field}");
    }
    for e in seen["timeline"].as_array().unwrap() {
        assert_eq!(e["actor_role"], Value::Null, "who took the step is hidden");
    }
    let text = app
        .get(COMPLAINTS, Some(&w.employer.token))
        .await
        .text()
        .await
        .unwrap();
    assert_absent(&text, &identity(&w));
    let list: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    // The employer's staff are told, without the complainant.
    app.run_pending_jobs().await;
    let mail = sent_to(app, &w.employer.email);
    assert_eq!(mail.len(), 1, "{:?}", app.outbox());
    assert!(
        mail[0].subject.contains("unpaid wages"),
        "{}",
        mail[0].subject
    );
    assert!(mail[0].body.contains(SUMMARY));
    assert_absent(&mail[0].subject, &identity(&w));
    assert_absent(&mail[0].body, &identity(&w));

    // Another employer still knows nothing.
    let other = app.account("employer").await;
    assert_problem(
        app.get(&one(&id), Some(&other.token)).await,
        404,
        "not_found",
    )
    .await;

    // The ministry may disclose the complainant with its outcome; only then the accused sees them.
    w.step(
        &id,
        json!({"to": "upheld", "outcome": "Wages are owed.", "disclose_complainant": true}),
    )
    .await;
    let seen = json_body(app.get(&one(&id), Some(&w.employer.token)).await).await;
    assert_eq!(seen["candidate_id"], w.profile.as_str());
    assert_eq!(seen["placement_id"], w.placement.as_str());
    assert_eq!(seen["complainant_name"], "Азамат Жумабеков");
    assert_eq!(seen["outcome"], "Wages are owed.");
    assert_eq!(seen["timeline"][0]["actor_role"], Value::Null);

    // The employer's record counts it, by category (for the restriction rules).
    use orgnabor::db::models::complaint::upheld_against;
    use orgnabor::domain::complaint::{Accused, Category};
    let employer = Accused::Employer(w.employer.employer_id.unwrap().into());
    let mut conn = app.conn();
    assert_eq!(upheld_against(&mut conn, employer, None).unwrap(), 1);
    assert_eq!(
        upheld_against(&mut conn, employer, Some(Category::UnpaidWages)).unwrap(),
        1
    );
    assert_eq!(
        upheld_against(&mut conn, employer, Some(Category::FeeCharged)).unwrap(),
        0
    );
}

#[tokio::test]
async fn decisions_need_an_outcome_and_are_final() {
    let w = world().await;
    let app = &w.app;
    let c = w.file(w.against_employer()).await;
    let id = c["id"].as_str().unwrap().to_owned();
    let post = |body: Value| {
        let (app, id, token) = (&w.app, id.clone(), w.ministry.token.clone());
        async move { app.post(&transitions(&id), Some(&token), body).await }
    };

    let p = assert_problem(
        post(json!({"to": "upheld", "outcome": "x"})).await,
        409,
        "invalid_transition",
    )
    .await;
    assert_eq!(p["allowed"], json!(["in_review"]));
    let p = assert_problem(
        post(json!({"to": "in_review", "outcome": "early"})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&p),
        vec![("outcome".into(), "only_with_decision".into())]
    );
    let p = assert_problem(
        post(json!({"to": "in_review", "disclose_complainant": true})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&p),
        vec![("disclose_complainant".into(), "only_with_outcome".into())]
    );
    let p = assert_problem(
        post(json!({"to": "closed"})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field_codes(&p)[0].1, "unknown_value");
    w.step(&id, json!({"to": "in_review"})).await;

    for outcome in [json!(null), json!("   ")] {
        let p = assert_problem(
            post(json!({"to": "dismissed", "outcome": outcome})).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(field_codes(&p), vec![("outcome".into(), "required".into())]);
    }
    let long = "a".repeat(5001);
    let p = assert_problem(
        post(json!({"to": "dismissed", "outcome": long})).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field_codes(&p), vec![("outcome".into(), "too_long".into())]);
    w.step(
        &id,
        json!({"to": "dismissed", "outcome": "No evidence of unpaid wages."}),
    )
    .await;

    for to in ["upheld", "in_review", "received", "dismissed"] {
        let p = assert_problem(
            post(json!({"to": to, "outcome": "again"})).await,
            409,
            "invalid_transition",
        )
        .await;
        assert_eq!(p["allowed"], json!([]), "{to}");
    }
    let c = json_body(app.get(&one(&id), Some(&w.migrant.token)).await).await;
    assert_eq!(c["state"], "dismissed");
    assert_eq!(c["outcome"], "No evidence of unpaid wages.");
    assert_eq!(
        count(
            app,
            &format!("SELECT count(*) AS n FROM complaint_events WHERE complaint_id = '{id}'")
        ),
        3
    );
    // A decided complaint may still be forwarded, once.
    let res = app
        .post(
            &forward(&id),
            Some(&w.ministry.token),
            json!({"summary": SUMMARY}),
        )
        .await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn each_role_is_refused_what_it_may_not_do() {
    let w = world().await;
    let app = &w.app;
    let c = w.file(w.against_employer()).await;
    let id = c["id"].as_str().unwrap().to_owned();
    let body = w.against_employer();

    // Only migrants and their representatives file; only the ministry triages and forwards.
    for role in ["employer", "ministry", "admin"] {
        let a = app.account(role).await;
        let res = app.post(COMPLAINTS, Some(&a.token), body.clone()).await;
        assert_problem(res, 403, "forbidden").await;
    }
    let admin = app.account("admin").await;
    assert_problem(
        app.get(COMPLAINTS, Some(&admin.token)).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get(&one(&id), Some(&admin.token)).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(app.get(&one(&id), None).await, 401, "unauthenticated").await;
    for token in [&w.migrant.token, &w.employer.token] {
        let res = app
            .post(&transitions(&id), Some(token), json!({"to": "in_review"}))
            .await;
        assert_problem(res, 403, "forbidden").await;
        let res = app
            .post(&forward(&id), Some(token), json!({"summary": SUMMARY}))
            .await;
        assert_problem(res, 403, "forbidden").await;
    }

    // Another migrant: nothing of it, and no complaint in someone else's name.
    let stranger = app.account("migrant").await;
    assert_problem(
        app.get(&one(&id), Some(&stranger.token)).await,
        404,
        "not_found",
    )
    .await;
    let res = app
        .post(COMPLAINTS, Some(&stranger.token), body.clone())
        .await;
    assert_problem(res, 409, "conflict").await; // no profile yet
    profile(app, &stranger.token, candidate_body("AC2000002")).await;
    let mut other = body.clone();
    other["candidate_id"] = json!(w.profile);
    let res = app.post(COMPLAINTS, Some(&stranger.token), other).await;
    assert_problem(res, 404, "not_found").await;
    // Someone else's placement is unknown to them.
    let res = app
        .post(COMPLAINTS, Some(&stranger.token), body.clone())
        .await;
    let p = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&p),
        vec![("placement_id".into(), "unknown".into())]
    );
    let list = json_body(app.get(COMPLAINTS, Some(&stranger.token)).await).await;
    assert_eq!(list["items"], json!([]));

    // The body: a known category, words, exactly one party, a placement with that party.
    let token = w.migrant.token.clone();
    let token = &token;
    let file = |body: Value| async move { app.post(COMPLAINTS, Some(token), body).await };
    let mut b = body.clone();
    b["category"] = json!("rudeness");
    let p = assert_problem(file(b).await, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&p),
        vec![("category".into(), "unknown_value".into())]
    );
    let mut b = body.clone();
    b["text"] = json!("\u{200b} ");
    let p = assert_problem(file(b).await, 422, "validation_failed").await;
    assert_eq!(field_codes(&p), vec![("text".into(), "required".into())]);
    let agency = app.account("agency").await;
    let mut b = body.clone();
    b["against_agency_id"] = json!(agency.agency_id);
    let p = assert_problem(file(b).await, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&p),
        vec![("against".into(), "exactly_one".into())]
    );
    let mut b = body.clone();
    b.as_object_mut().unwrap().remove("against_employer_id");
    let p = assert_problem(file(b.clone()).await, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&p),
        vec![("against".into(), "exactly_one".into())]
    );
    b["against_agency_id"] = json!(agency.agency_id);
    let p = assert_problem(file(b).await, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&p),
        vec![("placement_id".into(), "not_with_accused".into())]
    );
    let mut b = body.clone();
    b["against_employer_id"] = json!(uuid::Uuid::now_v7());
    b.as_object_mut().unwrap().remove("placement_id");
    let p = assert_problem(file(b).await, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&p),
        vec![("against_employer_id".into(), "unknown".into())]
    );
    let mut b = body.clone();
    b["surprise"] = json!(1);
    assert_eq!(file(b).await.status(), 400);
    // Naming the party without a placement is fine.
    let mut b = body.clone();
    b.as_object_mut().unwrap().remove("placement_id");
    assert_eq!(file(b).await.status(), 201);
    assert_eq!(
        count(app, "SELECT count(*) AS n FROM complaints"),
        2,
        "nothing refused was stored"
    );
}

#[tokio::test]
async fn a_representative_files_only_with_consent_and_sees_it_while_consent_stands() {
    let w = world().await;
    let app = &w.app;
    let agency = app.account("agency").await;
    let centre = app.account("centre").await;
    let body = json!({
        "candidate_id": w.profile,
        "against_employer_id": w.employer.employer_id,
        "category": "passport_retained",
        "text": "Паспорт забрали при заселении.",
    });
    // No consent to the agency: refused.
    let res = app
        .post(COMPLAINTS, Some(&agency.token), body.clone())
        .await;
    assert_problem(res, 403, "consent_required").await;
    let res = app
        .post(
            COMPLAINTS,
            Some(&agency.token),
            json!({"against_employer_id": w.employer.employer_id, "category": "other", "text": "x"}),
        )
        .await;
    let p = assert_problem(res, 422, "validation_failed").await;
    assert_eq!(
        field_codes(&p),
        vec![("candidate_id".into(), "required".into())]
    );

    // A person the agency registered with consent.
    let mut person = candidate_body("AC2000003");
    person["consent"] = json!({"method": "in_person"});
    person["email"] = json!("bakyt@person.kg");
    let res = app
        .post("/api/v1/candidates", Some(&agency.token), person)
        .await;
    assert_eq!(res.status(), 201);
    let kept = json_body(res).await;
    let person_id = kept["id"].as_str().unwrap().to_owned();
    let consent_id = kept["represented_by"][0]["id"].as_str().unwrap().to_owned();
    let mut b = body.clone();
    b["candidate_id"] = json!(person_id);
    let res = app.post(COMPLAINTS, Some(&agency.token), b.clone()).await;
    assert_eq!(res.status(), 201);
    let c = json_body(res).await;
    assert_eq!(c["viewer"], "filer");
    assert_eq!(c["filed_by"]["agency_id"], json!(agency.agency_id));
    assert_eq!(c["timeline"][0]["actor_role"], "agency");
    let id = c["id"].as_str().unwrap().to_owned();
    // An agency does not complain against itself.
    let mut own = b.clone();
    own.as_object_mut().unwrap().remove("against_employer_id");
    own["against_agency_id"] = json!(agency.agency_id);
    let p = assert_problem(
        app.post(COMPLAINTS, Some(&agency.token), own).await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&p),
        vec![("against_agency_id".into(), "own_agency".into())]
    );

    // The person is told at their contact, in their language.
    app.run_pending_jobs().await;
    let mail = sent_to(app, "bakyt@person.kg");
    assert_eq!(mail.len(), 1);
    assert!(mail[0].subject.contains("получена"), "{}", mail[0].subject);

    // The centre, which did not file it, knows nothing; the agency sees it in its list.
    assert_problem(
        app.get(&one(&id), Some(&centre.token)).await,
        404,
        "not_found",
    )
    .await;
    let list = json_body(app.get(COMPLAINTS, Some(&agency.token)).await).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        json_body(app.get(&one(&id), Some(&agency.token)).await).await["text"],
        "Паспорт забрали при заселении."
    );

    // Once the consent ends, the agency loses sight of it.
    let res = app
        .delete(
            &format!("/api/v1/candidates/{person_id}/consents/{consent_id}"),
            Some(&agency.token),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_problem(
        app.get(&one(&id), Some(&agency.token)).await,
        404,
        "not_found",
    )
    .await;
    let list = json_body(app.get(COMPLAINTS, Some(&agency.token)).await).await;
    assert_eq!(list["items"], json!([]));
    let res = app.post(COMPLAINTS, Some(&agency.token), b).await;
    assert_problem(res, 403, "consent_required").await;
}

fn licence_number(app: &TestApp, agency: uuid::Uuid) -> String {
    orgnabor::db::schema::agencies::table
        .find(agency)
        .select(orgnabor::db::schema::agencies::licence_number)
        .first(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn the_agency_check_counts_upheld_complaints_against_it() {
    let w = world().await;
    let app = &w.app;
    let agency = app.account("agency").await;
    let number = licence_number(app, agency.agency_id.unwrap());
    let number = &number;
    let check = || async move {
        let res = app
            .get(
                &format!(
                    "/api/v1/agencies/check?licence_number={}",
                    urlencode(number)
                ),
                None,
            )
            .await;
        assert_eq!(res.status(), 200);
        json_body(res).await["record"]["complaints_upheld"].clone()
    };
    assert_eq!(check().await, json!(0));
    let against = json!({
        "against_agency_id": agency.agency_id,
        "category": "fee_charged",
        "text": "Агентство взяло 30 000 сомов за направление.",
    });
    let first = w.file(against.clone()).await;
    let second = w.file(against).await;
    let (a, b) = (
        first["id"].as_str().unwrap().to_owned(),
        second["id"].as_str().unwrap().to_owned(),
    );
    // The accused agency: nothing before forwarding.
    assert_problem(
        app.get(&one(&a), Some(&agency.token)).await,
        404,
        "not_found",
    )
    .await;
    for id in [&a, &b] {
        w.step(id, json!({"to": "in_review"})).await;
    }
    assert_eq!(check().await, json!(0), "in review counts for nothing");
    w.step(
        &a,
        json!({"to": "upheld", "outcome": "The fee was charged."}),
    )
    .await;
    w.step(&b, json!({"to": "dismissed", "outcome": "Not shown."}))
        .await;
    assert_eq!(check().await, json!(1), "only the upheld one");

    // Forwarded to the agency: it sees it, without the complainant.
    let res = app
        .post(
            &forward(&a),
            Some(&w.ministry.token),
            json!({"summary": SUMMARY}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let text = app
        .get(&one(&a), Some(&agency.token))
        .await
        .text()
        .await
        .unwrap();
    assert_absent(&text, &identity(&w));
    let seen: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(seen["viewer"], "accused");
    assert_eq!(seen["outcome"], "The fee was charged.");
    let list = json_body(app.get(COMPLAINTS, Some(&agency.token)).await).await;
    assert_eq!(
        list["items"].as_array().unwrap().len(),
        1,
        "only the forwarded one"
    );
    app.run_pending_jobs().await;
    let mail = sent_to(app, &agency.email);
    assert_eq!(mail.len(), 1);
    assert_absent(&mail[0].body, &identity(&w));
}

#[tokio::test]
async fn an_upheld_unpaid_wages_complaint_restricts_the_employers_approvals() {
    let w = world().await;
    let app = &w.app;
    let employer = w.employer.employer_id.unwrap();
    let restrictions = format!("/api/v1/employers/{employer}/restrictions");
    let c = w.file(w.against_employer()).await;
    let id = c["id"].as_str().unwrap().to_owned();
    w.step(&id, json!({"to": "in_review"})).await;
    // Under review nothing is restricted yet.
    let list = json_body(app.get(&restrictions, Some(&w.ministry.token)).await).await;
    assert_eq!(list, json!([]));
    w.step(
        &id,
        json!({"to": "upheld", "outcome": "Задолженность по зарплате подтверждена"}),
    )
    .await;
    let list = json_body(app.get(&restrictions, Some(&w.ministry.token)).await).await;
    assert_eq!(list[0]["cause"], "unpaid_wages_upheld");
    assert_eq!(list[0]["active"], true);
    // The employer sees its restriction (not who complained).
    let record = json_body(
        app.get(&format!("/api/v1/employers/{employer}/record"), None)
            .await,
    )
    .await;
    assert_eq!(record["complaints_upheld"], 1);
    let own = json_body(app.get(&restrictions, Some(&w.employer.token)).await).await;
    assert_eq!(own[0]["cause"], "unpaid_wages_upheld");
    assert!(!own.to_string().contains("Жумабеков"));
    // A dismissed complaint restricts nothing.
    let other = w.file(w.against_employer()).await;
    let other = other["id"].as_str().unwrap().to_owned();
    w.step(&other, json!({"to": "in_review"})).await;
    w.step(
        &other,
        json!({"to": "dismissed", "outcome": "Не подтвердилось"}),
    )
    .await;
    let list = json_body(app.get(&restrictions, Some(&w.ministry.token)).await).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_licence_view_weighs_upheld_complaints_toward_suspension() {
    let w = world().await;
    let app = &w.app;
    let agency = app.account("agency").await;
    let other_agency = app.account("agency").await;
    let id = agency.agency_id.unwrap();
    let view = format!("/api/v1/agencies/{id}/licence");
    let standing = || async {
        let res = app.get(&view, Some(&w.ministry.token)).await;
        assert_eq!(res.status(), 200);
        json_body(res).await
    };
    let before = standing().await;
    assert_eq!(
        before["suspension"],
        json!({"points": 0, "threshold": 6, "reached": false, "upheld": []})
    );
    assert_eq!(before["licence_number"], licence_number(app, id));
    assert_eq!(before["status"], "active");

    let mut ids = Vec::new();
    for category in [
        "fee_charged",
        "conditions_differ",
        "passport_retained",
        "other",
    ] {
        let c = w
            .file(json!({
                "against_agency_id": id,
                "category": category,
                "text": "Агентство нарушило договор.",
            }))
            .await;
        let cid = c["id"].as_str().unwrap().to_owned();
        w.step(&cid, json!({"to": "in_review"})).await;
        ids.push(cid);
    }
    for cid in &ids[..3] {
        w.step(cid, json!({"to": "upheld", "outcome": "Подтверждено."}))
            .await;
    }
    let after = standing().await;
    // fee 3 + passport 3 + conditions 1; the one still in review weighs nothing.
    assert_eq!(after["suspension"]["points"], 7);
    assert_eq!(after["suspension"]["reached"], true);
    assert_eq!(
        after["suspension"]["upheld"][0],
        json!({"category": "fee_charged", "complaints": 1, "points": 3})
    );
    assert_eq!(after["suspension"]["upheld"].as_array().unwrap().len(), 3);
    assert_eq!(
        after["complaints"],
        json!({"received": 0, "in_review": 1, "upheld": 3, "dismissed": 0})
    );
    assert_eq!(after["full_record"]["complaints_upheld"], 3);
    assert_eq!(after["record"]["complaints_upheld"], 3);
    // Reaching the points does not suspend by itself.
    assert_eq!(after["status"], "active");

    // The threshold is the ministry's policy: raised, the same points no longer reach it.
    let res = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/policies/agency_suspension_points_at",
            Some(&w.ministry.token),
            Some(json!({"value": 10, "reason": "Review at ten points this year"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let raised = standing().await;
    assert_eq!(raised["suspension"]["threshold"], 10);
    assert_eq!(raised["suspension"]["reached"], false);

    // The agency sees its own standing; another agency, an employer and anonymous do not.
    assert_eq!(app.get(&view, Some(&agency.token)).await.status(), 200);
    assert_problem(
        app.get(&view, Some(&other_agency.token)).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.get(&view, Some(&w.employer.token)).await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(app.get(&view, None).await.status(), 401);

    // The public record of the agency: upheld complaints only, nothing undecided.
    let public = json_body(
        app.get(&format!("/api/v1/agencies/{id}/record"), None)
            .await,
    )
    .await;
    assert_eq!(public["complaints_upheld"], 3);
    assert_eq!(public["agency_id"], id.to_string());
    assert!(public.get("complaints").is_none() && public.get("suspension").is_none());
    assert_problem(
        app.get(
            &format!("/api/v1/agencies/{}/record", uuid::Uuid::now_v7()),
            None,
        )
        .await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn the_full_employer_record_is_for_the_ministry_and_the_employer_itself() {
    let w = world().await;
    let app = &w.app;
    let employer = w.employer.employer_id.unwrap();
    let full = format!("/api/v1/employers/{employer}/record/full");
    let c = w.file(w.against_employer()).await;
    let id = c["id"].as_str().unwrap().to_owned();

    let seen = json_body(app.get(&full, Some(&w.ministry.token)).await).await;
    assert_eq!(
        seen["complaints"],
        json!({"received": 1, "in_review": 0, "upheld": 0, "dismissed": 0})
    );
    assert_eq!(seen["restrictions"], json!([]));
    assert_eq!(seen["restricted"], false);
    assert_eq!(seen["placements"], 1);
    // A complaint not yet decided is never public.
    let public = json_body(
        app.get(&format!("/api/v1/employers/{employer}/record"), None)
            .await,
    )
    .await;
    assert_eq!(public["complaints_upheld"], 0);
    assert!(public.get("complaints").is_none());

    w.step(&id, json!({"to": "in_review"})).await;
    w.step(&id, json!({"to": "upheld", "outcome": "Долг подтверждён"}))
        .await;
    let own = json_body(app.get(&full, Some(&w.employer.token)).await).await;
    assert_eq!(own["restricted"], true);
    assert_eq!(own["restrictions"][0]["cause"], "unpaid_wages_upheld");
    assert_eq!(own["complaints"]["upheld"], 1);
    assert!(
        !own.to_string().contains("Жумабеков"),
        "never who complained"
    );

    let other = app.account("employer").await;
    assert_problem(app.get(&full, Some(&other.token)).await, 404, "not_found").await;
    assert_problem(
        app.get(&full, Some(&w.migrant.token)).await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(app.get(&full, None).await.status(), 401);
}
