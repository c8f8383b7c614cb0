//! Licensed agencies: the ministry's decisions with history, audit and emails, the daily expiry,
//! the public registry and licence check, and every refusal.

use chrono::Duration;
use diesel::prelude::*;
use orgnabor::db::schema::{agencies, audit_log, jobs, licence_events};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

fn path(agency: Uuid, action: &str) -> String {
    format!("/api/v1/agencies/{agency}/licence/{action}")
}

fn history_path(agency: Uuid) -> String {
    format!("/api/v1/agencies/{agency}/licence/history")
}

fn events(app: &TestApp, agency: Uuid) -> i64 {
    licence_events::table
        .filter(licence_events::agency_id.eq(agency))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn audit_actions(app: &TestApp, agency: Uuid) -> Vec<String> {
    audit_log::table
        .filter(audit_log::object_id.eq(agency))
        .filter(audit_log::action.like("agency.licence_%"))
        .order(audit_log::id.asc())
        .select(audit_log::action)
        .load(&mut app.conn())
        .unwrap()
}

fn queued_jobs(app: &TestApp) -> i64 {
    jobs::table.count().get_result(&mut app.conn()).unwrap()
}

/// A migrant with an account whose candidate profile gave consent to `agency`.
async fn represented_migrant(app: &TestApp, agency: Uuid, passport: &str) -> Account {
    let m = app.account("migrant").await;
    let p = json_body(
        app.post(
            "/api/v1/candidates",
            Some(&m.token),
            candidate_body(passport),
        )
        .await,
    )
    .await;
    let id = p["id"].as_str().unwrap();
    let res = app
        .post(
            &format!("/api/v1/candidates/{id}/consents"),
            Some(&m.token),
            json!({ "agency_id": agency }),
        )
        .await;
    assert_eq!(res.status(), 201);
    m
}

async fn decide(app: &TestApp, token: &str, agency: Uuid, action: &str, body: Value) -> Value {
    let res = app.post(&path(agency, action), Some(token), body).await;
    assert_eq!(res.status(), 200, "{action}");
    json_body(res).await
}

#[tokio::test]
async fn ministry_suspends_reinstates_and_revokes_with_history_audit_and_emails() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let staff = app.account("agency").await;
    let agency = staff.agency_id.unwrap();
    let migrant = represented_migrant(&app, agency, "AA1234567").await;
    // A candidate without an account (registered by the agency, written consent): no email.
    let mut offline = candidate_body("AA7654321");
    offline["consent"] = json!({"method": "written"});
    offline.as_object_mut().unwrap().remove("phone");
    let res = app
        .post("/api/v1/candidates", Some(&staff.token), offline)
        .await;
    assert_eq!(res.status(), 201);
    app.run_pending_jobs().await;
    let sent_before = app.outbox().len();

    let a = decide(
        &app,
        &ministry.token,
        agency,
        "suspend",
        json!({"reason": "  Жалобы работников на плату за трудоустройство  "}),
    )
    .await;
    assert_eq!(a["licence_status"], "suspended");
    assert_eq!(a["licence_active"], false);
    // The suspended agency's own staff can no longer act, but still read their history.
    assert_problem(
        app.get("/api/v1/candidates", Some(&staff.token)).await,
        403,
        "licence_not_active",
    )
    .await;
    let history = json_body(app.get(&history_path(agency), Some(&staff.token)).await).await;
    let h = history.as_array().unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0]["action"], "suspend");
    assert_eq!(h[0]["from_status"], "active");
    assert_eq!(h[0]["to_status"], "suspended");
    assert_eq!(
        h[0]["reason"],
        "Жалобы работников на плату за трудоустройство"
    );
    assert_eq!(h[0]["actor_id"], ministry.id.to_string());
    assert_eq!(h[0]["actor_role"], "ministry");
    assert_eq!(h[0]["regions"], json!(["RU-MOW", "RU-SVE"]));

    app.run_pending_jobs().await;
    let sent = app.outbox()[sent_before..].to_vec();
    assert_eq!(
        sent.len(),
        2,
        "staff and the one candidate with an account: {sent:?}"
    );
    let to_staff = sent.iter().find(|e| e.to == staff.email).unwrap();
    assert!(
        to_staff.subject.contains("suspended"),
        "{}",
        to_staff.subject
    );
    assert!(to_staff
        .body
        .contains("Жалобы работников на плату за трудоустройство"));
    let to_migrant = sent.iter().find(|e| e.to == migrant.email).unwrap();
    assert!(to_migrant.subject.contains("cannot act for you"));
    assert!(
        to_migrant.body.contains("\"suspended\""),
        "{}",
        to_migrant.body
    );

    // Suspending again is refused with the allowed actions, and writes nothing.
    let jobs_before = queued_jobs(&app);
    let p = assert_problem(
        app.post(
            &path(agency, "suspend"),
            Some(&ministry.token),
            json!({"reason": "ещё раз"}),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("allowed: reinstate, revoke"),
        "{p}"
    );
    assert_eq!(p["allowed"], json!(["reinstate", "revoke"]), "{p}");
    assert_eq!(events(&app, agency), 1);
    assert_eq!(queued_jobs(&app), jobs_before);

    let a = decide(
        &app,
        &ministry.token,
        agency,
        "reinstate",
        json!({"reason": "Нарушения устранены"}),
    )
    .await;
    assert_eq!(a["licence_status"], "active");
    assert_eq!(a["licence_active"], true);
    app.run_pending_jobs().await;
    let last = app.outbox();
    let to_migrant = last.iter().rev().find(|e| e.to == migrant.email).unwrap();
    assert!(
        to_migrant.subject.contains("licence is active"),
        "{}",
        to_migrant.subject
    );

    let a = decide(
        &app,
        &ministry.token,
        agency,
        "revoke",
        json!({"reason": "Повторные нарушения"}),
    )
    .await;
    assert_eq!(a["licence_status"], "revoked");
    // Revoked is final.
    for (action, body) in [
        ("suspend", json!({"reason": "r"})),
        ("reinstate", json!({"reason": "r"})),
        ("revoke", json!({"reason": "r"})),
        (
            "renew",
            json!({"reason": "r", "valid_to": (today() + Duration::days(900)).to_string()}),
        ),
        (
            "issue",
            json!({"reason": "r", "licence_number": "NEW-1", "licence_issuer": "Минтруд КР",
                   "licence_valid_from": today().to_string(),
                   "licence_valid_to": (today() + Duration::days(900)).to_string(),
                   "licence_regions": ["RU-MOW"]}),
        ),
    ] {
        let p = assert_problem(
            app.post(&path(agency, action), Some(&ministry.token), body)
                .await,
            409,
            "invalid_transition",
        )
        .await;
        assert!(
            p["detail"].as_str().unwrap().contains("allowed: none"),
            "{p}"
        );
        assert_eq!(p["allowed"], json!([]), "{action}: {p}");
    }
    assert_eq!(events(&app, agency), 3);
    assert_eq!(
        audit_actions(&app, agency),
        vec![
            "agency.licence_suspended",
            "agency.licence_reinstated",
            "agency.licence_revoked"
        ]
    );
    let before_after: (Option<Value>, Option<Value>) = audit_log::table
        .filter(audit_log::action.eq("agency.licence_revoked"))
        .select((audit_log::before, audit_log::after))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(before_after.0.unwrap()["status"], "active");
    assert_eq!(before_after.1.unwrap()["status"], "revoked");
}

#[tokio::test]
async fn ministry_issues_a_new_licence_and_renews_one() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let staff = app.account("agency").await;
    let agency = staff.agency_id.unwrap();
    let other = app.agency_org(&mut app.conn(), "active");
    let other_number: String = agencies::table
        .find(other)
        .select(agencies::licence_number)
        .first(&mut app.conn())
        .unwrap();
    let valid_to = (today() + Duration::days(1000)).to_string();
    let issue = |number: &str| {
        json!({"reason": "Новая лицензия на расширенный перечень регионов",
               "licence_number": number, "licence_issuer": " Минтруд КР ",
               "licence_valid_from": today().to_string(), "licence_valid_to": valid_to,
               "licence_regions": ["RU-SVE", "RU-MOW", "RU-SVE"]})
    };
    let a = decide(
        &app,
        &ministry.token,
        agency,
        "issue",
        issue(" KG-2026-77 "),
    )
    .await;
    assert_eq!(a["licence_number"], "KG-2026-77");
    assert_eq!(a["licence_issuer"], "Минтруд КР");
    assert_eq!(a["licence_valid_to"], valid_to);
    assert_eq!(a["licence_regions"], json!(["RU-MOW", "RU-SVE"]));
    assert_eq!(a["licence_status"], "active");
    let checked = json_body(
        app.get("/api/v1/agencies/check?licence_number=KG-2026-77", None)
            .await,
    )
    .await;
    assert_eq!(checked["agency_id"], agency.to_string());

    // Another agency's number is taken.
    assert_problem(
        app.post(
            &path(agency, "issue"),
            Some(&ministry.token),
            issue(&other_number),
        )
        .await,
        409,
        "conflict",
    )
    .await;
    // Bad terms.
    let bad = json!({"reason": "", "licence_number": "", "licence_issuer": "Минтруд",
        "licence_valid_from": today().to_string(),
        "licence_valid_to": (today() - Duration::days(1)).to_string(),
        "licence_regions": ["RU-XXX"]});
    let codes = field_codes(
        &assert_problem(
            app.post(&path(agency, "issue"), Some(&ministry.token), bad)
                .await,
            422,
            "validation_failed",
        )
        .await,
    );
    assert_eq!(
        codes,
        vec![
            ("reason".into(), "required".into()),
            ("licence_number".into(), "required".into()),
            ("licence_valid_to".into(), "date_order".into()),
            ("licence_regions[0]".into(), "invalid_region".into()),
        ]
    );

    // A renewal must extend the validity.
    let p = assert_problem(
        app.post(
            &path(agency, "renew"),
            Some(&ministry.token),
            json!({"reason": "Продление", "valid_to": valid_to}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&p),
        vec![("valid_to".into(), "not_later".into())]
    );
    let later = (today() + Duration::days(2000)).to_string();
    let a = decide(
        &app,
        &ministry.token,
        agency,
        "renew",
        json!({"reason": "Продление", "valid_to": later}),
    )
    .await;
    assert_eq!(a["licence_valid_to"], later);
    assert_eq!(a["licence_number"], "KG-2026-77");

    // A suspension is lifted by reinstating, not bypassed by a new licence.
    decide(
        &app,
        &ministry.token,
        agency,
        "suspend",
        json!({"reason": "Проверка"}),
    )
    .await;
    let p = assert_problem(
        app.post(
            &path(agency, "issue"),
            Some(&ministry.token),
            issue("KG-2026-78"),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("reinstate, revoke"));
    let history = json_body(app.get(&history_path(agency), Some(&ministry.token)).await).await;
    let actions: Vec<_> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(actions, ["issue", "renew", "suspend"]);
    assert_eq!(history[0]["licence_number"], "KG-2026-77");
    assert_eq!(history[1]["valid_to"], later);
    assert_eq!(
        audit_actions(&app, agency),
        [
            "agency.licence_issued",
            "agency.licence_renewed",
            "agency.licence_suspended"
        ]
    );
}

#[tokio::test]
async fn licence_decisions_are_refused_to_everyone_but_the_ministry_and_for_bad_input() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let admin = app.account("admin").await;
    let staff = app.account("agency").await;
    let other_staff = app.account("agency").await;
    let migrant = app.account("migrant").await;
    let agency = staff.agency_id.unwrap();
    let reason = json!({"reason": "Проверка"});

    for who in [&admin, &staff, &migrant] {
        assert_problem(
            app.post(&path(agency, "suspend"), Some(&who.token), reason.clone())
                .await,
            403,
            "forbidden",
        )
        .await;
    }
    assert_problem(
        app.post(&path(agency, "suspend"), None, reason.clone())
            .await,
        401,
        "unauthenticated",
    )
    .await;
    assert_problem(
        app.post(
            &path(Uuid::now_v7(), "suspend"),
            Some(&ministry.token),
            reason.clone(),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let p = assert_problem(
        app.post(
            &path(agency, "suspend"),
            Some(&ministry.token),
            json!({"reason": " \n "}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field_codes(&p), vec![("reason".into(), "required".into())]);
    let p = assert_problem(
        app.post(
            &path(agency, "revoke"),
            Some(&ministry.token),
            json!({"reason": "я".repeat(2001)}),
        )
        .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(field_codes(&p), vec![("reason".into(), "too_long".into())]);
    assert_problem(
        app.post(&path(agency, "suspend"), Some(&ministry.token), json!({}))
            .await,
        400,
        "malformed_body",
    )
    .await;
    assert_eq!(events(&app, agency), 0, "nothing refused was written");

    // History: the ministry, admins and the agency's own staff.
    for who in [&ministry, &admin, &staff] {
        assert_eq!(
            app.get(&history_path(agency), Some(&who.token))
                .await
                .status(),
            200
        );
    }
    assert_problem(
        app.get(&history_path(agency), Some(&other_staff.token))
            .await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.get(&history_path(agency), Some(&migrant.token)).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get(&history_path(Uuid::now_v7()), Some(&ministry.token))
            .await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn the_daily_sweep_expires_licences_past_their_validity() {
    let app = spawn_app().await;
    let staff = app.account("agency").await;
    let lapsed = staff.agency_id.unwrap();
    let suspended = app.agency_org(&mut app.conn(), "suspended");
    let current = app.agency_org(&mut app.conn(), "active");
    let yesterday = today() - Duration::days(1);
    for id in [lapsed, suspended] {
        diesel::update(agencies::table.find(id))
            .set(agencies::licence_valid_to.eq(yesterday))
            .execute(&mut app.conn())
            .unwrap();
    }
    let number: String = agencies::table
        .find(lapsed)
        .select(agencies::licence_number)
        .first(&mut app.conn())
        .unwrap();
    // Before the sweep, the public check already reads it as expired.
    let c = json_body(
        app.get(
            &format!(
                "/api/v1/agencies/check?licence_number={}",
                urlencode(&number)
            ),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(c["status"], "expired");
    assert_eq!(c["valid_now"], false);

    // Each recipient reads the email in their own language.
    diesel::update(orgnabor::db::schema::users::table.find(staff.id))
        .set(orgnabor::db::schema::users::locale.eq("ky"))
        .execute(&mut app.conn())
        .unwrap();
    app.run_pending_jobs().await; // the sweep
    app.run_pending_jobs().await; // the emails it enqueued
    let status = |id: Uuid| -> String {
        agencies::table
            .find(id)
            .select(agencies::licence_status)
            .first(&mut app.conn())
            .unwrap()
    };
    assert_eq!(status(lapsed), "expired");
    assert_eq!(status(suspended), "expired");
    assert_eq!(status(current), "active");
    let h = json_body(app.get(&history_path(lapsed), Some(&staff.token)).await).await;
    assert_eq!(h.as_array().unwrap().len(), 1);
    assert_eq!(h[0]["action"], "expire");
    assert_eq!(h[0]["from_status"], "active");
    assert_eq!(h[0]["to_status"], "expired");
    assert_eq!(h[0]["actor_id"], Value::Null);
    assert_eq!(h[0]["actor_role"], "system");
    assert_eq!(h[0]["reason"], "The licence's validity ended.");
    assert_eq!(audit_actions(&app, lapsed), ["agency.licence_expired"]);
    assert_eq!(audit_actions(&app, suspended), ["agency.licence_expired"]);
    let mail = app.outbox();
    let to_staff = mail.iter().find(|e| e.to == staff.email).unwrap();
    assert!(
        to_staff.subject.contains("мөөнөтү бүттү"),
        "in Kyrgyz: {}",
        to_staff.subject
    );
    assert!(to_staff.body.contains("Оргнабор командасы"));

    // Nothing more to do on the next run.
    app.run_pending_jobs().await;
    assert_eq!(events(&app, lapsed), 1);
    assert_eq!(events(&app, suspended), 1);
    assert_eq!(events(&app, current), 0);
}

fn registered(name: &str, inn: &str, regions: Value) -> Value {
    json!({
        "name": name, "inn": inn, "country": "KG",
        "licence_number": format!("ЧАЗ-{inn}"), "licence_issuer": "Минтруд КР",
        "licence_valid_from": (today() - Duration::days(10)).to_string(),
        "licence_valid_to": (today() + Duration::days(700)).to_string(),
        "licence_regions": regions
    })
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn anyone_lists_agencies_by_status_region_and_name_and_checks_a_licence() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let create = |body: Value| {
        let app = &app;
        let token = ministry.token.clone();
        async move {
            let res = app.post("/api/v1/agencies", Some(&token), body).await;
            assert_eq!(res.status(), 201);
            json_body(res).await["id"].as_str().unwrap().to_owned()
        }
    };
    let ishenim = create(registered("ОсОО «Ишеним»", "1234567890", json!(["RU-MOW"]))).await;
    let bereke = create(registered(
        "Береке 100% Трейд",
        "1234567891",
        json!(["RU-SVE", "RU-TA"]),
    ))
    .await;
    decide(
        &app,
        &ministry.token,
        bereke.parse().unwrap(),
        "suspend",
        json!({"reason": "Проверка"}),
    )
    .await;

    let all = json_body(app.get("/api/v1/agencies", None).await).await;
    assert_eq!(ids(&all), [ishenim.clone(), bereke.clone()]);
    let first = &all["items"][0];
    for field in [
        "name",
        "inn",
        "licence_number",
        "licence_status",
        "licence_active",
    ] {
        assert!(first.get(field).is_some(), "{field} kept");
    }
    let migrant = app.account("migrant").await;
    let signed_in = json_body(app.get("/api/v1/agencies", Some(&migrant.token)).await).await;
    assert_eq!(ids(&signed_in), ids(&all));

    let get = |q: &str| {
        let app = &app;
        let url = format!("/api/v1/agencies?{q}");
        async move { json_body(app.get(&url, None).await).await }
    };
    assert_eq!(ids(&get("status=active").await), vec![ishenim.clone()]);
    assert_eq!(ids(&get("status=suspended").await), vec![bereke.clone()]);
    assert!(ids(&get("status=revoked").await).is_empty());
    assert_eq!(ids(&get("region=RU-TA").await), vec![bereke.clone()]);
    assert_eq!(
        ids(&get("region=RU-MOW&status=active").await),
        vec![ishenim.clone()]
    );
    assert_eq!(
        ids(&get(&format!("q={}", urlencode("ишеним"))).await),
        vec![ishenim.clone()]
    );
    // LIKE wildcards are taken literally.
    assert_eq!(
        ids(&get(&format!("q={}", urlencode("100%"))).await),
        vec![bereke.clone()]
    );
    assert_eq!(
        ids(&get(&format!("q={}", urlencode("%"))).await),
        vec![bereke.clone()]
    );
    assert!(ids(&get(&format!("q={}", urlencode("_"))).await).is_empty());
    assert_eq!(ids(&get("q=1234567891").await), vec![bereke.clone()]);
    assert_eq!(ids(&get("limit=1").await), vec![ishenim.clone()]);

    let p = assert_problem(
        app.get("/api/v1/agencies?status=cancelled&region=RU-XXX", None)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&p),
        vec![
            ("status".into(), "unknown_value".into()),
            ("region".into(), "invalid_region".into())
        ]
    );
    assert_problem(
        app.get("/api/v1/agencies?colour=red", None).await,
        400,
        "invalid_query",
    )
    .await;

    // The licence check.
    let c = json_body(
        app.get(
            &format!(
                "/api/v1/agencies/check?licence_number={}",
                urlencode("ЧАЗ-1234567890")
            ),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(c["agency_id"], ishenim);
    assert_eq!(c["agency_name"], "ОсОО «Ишеним»");
    assert_eq!(c["status"], "active");
    assert_eq!(c["valid_now"], true);
    assert_eq!(c["regions"], json!(["RU-MOW"]));
    assert_eq!(
        c["record"],
        json!({"placements": 0, "reached_employment": 0, "completed": 0, "terminated": 0,
            "followups_answered_on_time": 0, "bad_followups": 0, "complaints_upheld": 0, "ratings": null})
    );
    let c = json_body(
        app.get(
            &format!(
                "/api/v1/agencies/check?licence_number={}",
                urlencode("ЧАЗ-1234567891")
            ),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(c["status"], "suspended");
    assert_eq!(c["valid_now"], false);
    assert_problem(
        app.get("/api/v1/agencies/check?licence_number=NO-SUCH", None)
            .await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.get("/api/v1/agencies/check", None).await,
        400,
        "invalid_query",
    )
    .await;
    let p = assert_problem(
        app.get("/api/v1/agencies/check?licence_number=%20", None)
            .await,
        422,
        "validation_failed",
    )
    .await;
    assert_eq!(
        field_codes(&p),
        vec![("licence_number".into(), "required".into())]
    );
}

#[tokio::test]
async fn the_runtime_role_cannot_change_or_delete_licence_history() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let staff = app.account("agency").await;
    let agency = staff.agency_id.unwrap();
    decide(
        &app,
        &ministry.token,
        agency,
        "suspend",
        json!({"reason": "Проверка"}),
    )
    .await;
    for sql in [
        "UPDATE licence_events SET reason = 'nothing'",
        "DELETE FROM licence_events",
        "TRUNCATE licence_events",
    ] {
        let err = diesel::sql_query(sql)
            .execute(&mut app.runtime_conn())
            .unwrap_err()
            .to_string();
        assert!(err.contains("permission denied"), "{sql}: {err}");
    }
    // Not even the owner changes a row: the trigger refuses.
    let err = diesel::sql_query("UPDATE licence_events SET reason = 'nothing'")
        .execute(&mut app.conn())
        .unwrap_err()
        .to_string();
    assert!(err.contains("append-only"), "{err}");
    assert_eq!(events(&app, agency), 1);
}

#[tokio::test]
async fn a_refused_licence_action_lists_the_allowed_actions_in_the_problem() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let agency = app.account("agency").await.agency_id.unwrap();
    // Reinstating an active licence: the ministry may issue, renew, suspend or revoke instead.
    let p = assert_problem(
        app.post(
            &path(agency, "reinstate"),
            Some(&ministry.token),
            json!({"reason": "Нет приостановки"}),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    assert_eq!(
        p["allowed"],
        json!(["issue", "renew", "suspend", "revoke"]),
        "{p}"
    );
    assert!(p["detail"]
        .as_str()
        .unwrap()
        .contains("allowed: issue, renew, suspend, revoke"));
    // An expired licence (the sweep has not run yet): renew, issue anew or revoke.
    diesel::update(agencies::table.find(agency))
        .set((
            agencies::licence_valid_from.eq(today() - Duration::days(400)),
            agencies::licence_valid_to.eq(today() - Duration::days(1)),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let p = assert_problem(
        app.post(
            &path(agency, "suspend"),
            Some(&ministry.token),
            json!({"reason": "Проверка"}),
        )
        .await,
        409,
        "invalid_transition",
    )
    .await;
    assert_eq!(p["allowed"], json!(["issue", "renew", "revoke"]), "{p}");
    assert_eq!(events(&app, agency), 0, "nothing refused was written");
}

#[tokio::test]
async fn a_registered_agency_starts_its_licence_history_with_the_issue() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let admin = app.account("admin").await;
    let valid_to = today() + Duration::days(700);
    let res = app
        .post(
            "/api/v1/agencies",
            Some(&admin.token),
            registered("ОсОО «Ишеним»", "1234567890", json!(["RU-SVE", "RU-MOW"])),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id: Uuid = json_body(res).await["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let history = json_body(app.get(&history_path(id), Some(&ministry.token)).await).await;
    let h = history.as_array().unwrap();
    assert_eq!(h.len(), 1, "{history}");
    assert_eq!(h[0]["action"], "issue");
    assert_eq!(h[0]["from_status"], Value::Null, "no licence before");
    assert_eq!(h[0]["to_status"], "active");
    assert_eq!(h[0]["reason"], "Registered with the licence it holds.");
    assert_eq!(h[0]["actor_id"], admin.id.to_string());
    assert_eq!(h[0]["actor_role"], "admin");
    assert_eq!(h[0]["licence_number"], "ЧАЗ-1234567890");
    assert_eq!(
        h[0]["valid_from"],
        (today() - Duration::days(10)).to_string()
    );
    assert_eq!(h[0]["valid_to"], valid_to.to_string());
    assert_eq!(h[0]["regions"], json!(["RU-SVE", "RU-MOW"]));

    // The ministry's later decisions follow it.
    decide(
        &app,
        &ministry.token,
        id,
        "suspend",
        json!({"reason": "Проверка"}),
    )
    .await;
    let history = json_body(app.get(&history_path(id), Some(&ministry.token)).await).await;
    let actions: Vec<_> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].clone(), e["from_status"].clone()))
        .collect();
    assert_eq!(
        actions,
        vec![
            (json!("issue"), Value::Null),
            (json!("suspend"), json!("active"))
        ]
    );

    // A registration that fails writes no history.
    let res = app
        .post(
            "/api/v1/agencies",
            Some(&admin.token),
            registered("Дубль", "1234567890", json!(["RU-MOW"])),
        )
        .await;
    assert_problem(res, 409, "conflict").await;
    let total: i64 = licence_events::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(total, 2);
}
