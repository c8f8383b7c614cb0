use diesel::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

use orgnabor::db::schema::{audit_log, candidate_profiles};

use crate::helpers::*;

#[tokio::test]
async fn migrant_keeps_one_profile_and_sees_their_passport_number() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&m.token),
            candidate_body("ac 123-4567"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let p = json_body(res).await;
    assert_eq!(p["passport_number"], "AC1234567");
    assert_eq!(p["russian_level"], "B1");
    assert_eq!(p["user_id"], m.id.to_string());
    let id = p["id"].as_str().unwrap().to_owned();

    let res = app
        .post(
            "/api/v1/candidates",
            Some(&m.token),
            candidate_body("AC7654321"),
        )
        .await;
    assert_problem(res, 409, "conflict").await;
    let me = json_body(app.get("/api/v1/me", Some(&m.token)).await).await;
    assert_eq!(me["candidate_profile_id"], id.as_str());

    // Stored sealed: neither the number nor its digits appear in the row or the audit trail.
    let (cipher, hmac, last4): (Vec<u8>, Vec<u8>, String) = candidate_profiles::table
        .select((
            candidate_profiles::passport_ciphertext,
            candidate_profiles::passport_hmac,
            candidate_profiles::passport_last4,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert!(!cipher.windows(9).any(|w| w == b"AC1234567"));
    assert_eq!(hmac.len(), 32);
    assert_eq!(last4, "4567");
    let audit_text: Vec<Option<Value>> = audit_log::table
        .select(audit_log::after)
        .load(&mut app.conn())
        .unwrap();
    let audit_text = serde_json::to_string(&audit_text).unwrap();
    assert!(
        !audit_text.contains("AC1234567") && audit_text.contains("****4567"),
        "{audit_text}"
    );

    let res = app.patch(&format!("/api/v1/candidates/{id}"), Some(&m.token), json!({
        "skills": "Сварщик РДС и полуавтомат, 9 лет", "preferred_regions": ["any"], "salary_min": null
    })).await;
    assert_eq!(res.status(), 200);
    let p = json_body(res).await;
    assert_eq!(p["preferred_regions"], json!(["any"]));
    assert_eq!(p["salary_min"], Value::Null);
    assert_eq!(p["version"], 2);
    assert_eq!(p["experience_years"], 8, "untouched fields stay");
}

#[tokio::test]
async fn profile_validation_reports_every_bad_field() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let mut body = candidate_body("AC1234567");
    body["citizenship"] = json!("XX");
    body["gender"] = json!("robot");
    body["date_of_birth"] = json!("2015-01-01");
    body["passport_expiry"] = json!("2020-01-01");
    body["languages"] = json!([{"code": "ru", "level": "B7"}, {"code": "zz", "level": "A1"}]);
    body["occupations"] = json!(["9999"]);
    body["preferred_regions"] = json!(["RU-SVE", "KG-GB"]);
    body["education_level"] = json!(12);
    body["phone"] = json!("555");
    let res = app.post("/api/v1/candidates", Some(&m.token), body).await;
    let codes = field_codes(&assert_problem(res, 422, "validation_failed").await);
    for expected in [
        ("date_of_birth", "out_of_range"),
        ("gender", "unknown_value"),
        ("citizenship", "invalid_country"),
        ("passport_expiry", "passport_expired"),
        ("phone", "invalid_phone"),
        ("languages[0].level", "invalid_cefr"),
        ("languages[1].code", "invalid_language"),
        ("occupations[0]", "invalid_occupation"),
        ("education_level", "out_of_range"),
        ("preferred_regions[1]", "invalid_region"),
    ] {
        assert!(
            codes.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {codes:?}"
        );
    }
    let count: i64 = candidate_profiles::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(count, 0);
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&m.token),
            json!({"first_name": "A"}),
        )
        .await;
    assert_problem(res, 400, "malformed_body").await;
}

#[tokio::test]
async fn a_passport_number_belongs_to_one_profile() {
    let app = spawn_app().await;
    let a = app.account("migrant").await;
    let b = app.account("migrant").await;
    assert_eq!(
        app.post(
            "/api/v1/candidates",
            Some(&a.token),
            candidate_body("AC1234567")
        )
        .await
        .status(),
        201
    );
    // The second registration is not refused (a refusal would tell that the number is known):
    // it is answered like a fresh one and waits for the ministry; no second profile exists.
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&b.token),
            candidate_body("ac1234567"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let answered = json_body(res).await;
    assert_eq!(answered["passport_number"], "AC1234567");
    let profiles: i64 = candidate_profiles::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(profiles, 1);
    let queued: Vec<Uuid> = orgnabor::db::schema::passport_reviews::table
        .select(orgnabor::db::schema::passport_reviews::id)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(
        queued,
        vec![Uuid::parse_str(answered["id"].as_str().unwrap()).unwrap()]
    );
}

#[tokio::test]
async fn centre_acts_for_a_person_only_while_consent_stands() {
    let app = spawn_app().await;
    let centre = app.account("centre").await;
    let other_centre = app.account("centre").await;

    let res = app
        .post(
            "/api/v1/candidates",
            Some(&centre.token),
            candidate_body("ID7654321"),
        )
        .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("consent".into(), "required".into())]
    );

    let mut body = candidate_body("ID7654321");
    body["consent"] = json!({"method": "in_person"});
    let res = app
        .post("/api/v1/candidates", Some(&centre.token), body)
        .await;
    assert_eq!(res.status(), 201);
    let p = json_body(res).await;
    assert_eq!(p["passport_number"], "****4321", "masked for the centre");
    assert_eq!(p["user_id"], Value::Null);
    assert_eq!(
        p["represented_by"][0]["centre_id"],
        centre.centre_id.unwrap().to_string()
    );
    let id = p["id"].as_str().unwrap().to_owned();
    let consent_id = p["represented_by"][0]["id"].as_str().unwrap().to_owned();

    assert_eq!(
        app.get(&format!("/api/v1/candidates/{id}"), Some(&centre.token))
            .await
            .status(),
        200
    );
    assert_problem(
        app.get(
            &format!("/api/v1/candidates/{id}"),
            Some(&other_centre.token),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    let list = json_body(app.get("/api/v1/candidates", Some(&centre.token)).await).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let list = json_body(
        app.get("/api/v1/candidates", Some(&other_centre.token))
            .await,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);

    let res = app
        .patch(
            &format!("/api/v1/candidates/{id}"),
            Some(&centre.token),
            json!({"experience_years": 9}),
        )
        .await;
    assert_eq!(res.status(), 200);

    let res = app
        .delete(
            &format!("/api/v1/candidates/{id}/consents/{consent_id}"),
            Some(&other_centre.token),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .delete(
            &format!("/api/v1/candidates/{id}/consents/{consent_id}"),
            Some(&centre.token),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(json_body(res).await["revoked_at"].is_string());

    let res = app
        .patch(
            &format!("/api/v1/candidates/{id}"),
            Some(&centre.token),
            json!({"experience_years": 10}),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    assert_problem(
        app.get(&format!("/api/v1/candidates/{id}"), Some(&centre.token))
            .await,
        404,
        "not_found",
    )
    .await;
    let years: i32 = candidate_profiles::table
        .select(candidate_profiles::experience_years)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(years, 9);
}

#[tokio::test]
async fn migrant_grants_and_revokes_consent_to_an_agency() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let agency = app.account("agency").await;
    let p = json_body(
        app.post(
            "/api/v1/candidates",
            Some(&m.token),
            candidate_body("AA1234567"),
        )
        .await,
    )
    .await;
    let id = p["id"].as_str().unwrap();

    assert_problem(
        app.get(&format!("/api/v1/candidates/{id}"), Some(&agency.token))
            .await,
        404,
        "not_found",
    )
    .await;
    let res = app
        .post(
            &format!("/api/v1/candidates/{id}/consents"),
            Some(&m.token),
            json!({"agency_id": agency.agency_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let consent = json_body(res).await;
    let res = app
        .post(
            &format!("/api/v1/candidates/{id}/consents"),
            Some(&m.token),
            json!({"agency_id": agency.agency_id}),
        )
        .await;
    assert_problem(res, 409, "conflict").await;
    let res = app
        .post(
            &format!("/api/v1/candidates/{id}/consents"),
            Some(&m.token),
            json!({}),
        )
        .await;
    assert_problem(res, 422, "validation_failed").await;

    let seen = json_body(
        app.get(&format!("/api/v1/candidates/{id}"), Some(&agency.token))
            .await,
    )
    .await;
    assert_eq!(seen["passport_number"], "****4567");

    let stranger = app.account("migrant").await;
    let res = app
        .post(
            &format!("/api/v1/candidates/{id}/consents"),
            Some(&stranger.token),
            json!({"agency_id": agency.agency_id}),
        )
        .await;
    assert_problem(res, 404, "not_found").await;

    let res = app
        .delete(
            &format!(
                "/api/v1/candidates/{id}/consents/{}",
                consent["id"].as_str().unwrap()
            ),
            Some(&m.token),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_problem(
        app.get(&format!("/api/v1/candidates/{id}"), Some(&agency.token))
            .await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn an_agency_without_an_active_licence_cannot_see_or_add_candidates() {
    let app = spawn_app().await;
    let agency = app.account("agency").await;
    let m = app.account("migrant").await;
    let p = json_body(
        app.post(
            "/api/v1/candidates",
            Some(&m.token),
            candidate_body("AA7654321"),
        )
        .await,
    )
    .await;
    let id = p["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/candidates/{id}/consents"),
        Some(&m.token),
        json!({"agency_id": agency.agency_id}),
    )
    .await;
    assert_eq!(
        app.get(&format!("/api/v1/candidates/{id}"), Some(&agency.token))
            .await
            .status(),
        200
    );

    diesel::update(orgnabor::db::schema::agencies::table.find(agency.agency_id.unwrap()))
        .set(orgnabor::db::schema::agencies::licence_status.eq("suspended"))
        .execute(&mut app.conn())
        .unwrap();
    assert_problem(
        app.get(&format!("/api/v1/candidates/{id}"), Some(&agency.token))
            .await,
        403,
        "licence_not_active",
    )
    .await;
    assert_problem(
        app.get("/api/v1/candidates", Some(&agency.token)).await,
        403,
        "licence_not_active",
    )
    .await;
    let mut body = candidate_body("AA0000001");
    body["consent"] = json!({"method": "written"});
    assert_problem(
        app.post("/api/v1/candidates", Some(&agency.token), body)
            .await,
        403,
        "licence_not_active",
    )
    .await;
    let res = app
        .post(
            &format!("/api/v1/candidates/{id}/consents"),
            Some(&m.token),
            json!({"agency_id": app.account("agency").await.agency_id}),
        )
        .await;
    assert_eq!(res.status(), 201, "another, licensed agency is fine");
    let suspended = json!({"agency_id": agency.agency_id});
    let other = app.account("migrant").await;
    let p2 = json_body(
        app.post(
            "/api/v1/candidates",
            Some(&other.token),
            candidate_body("AA0000002"),
        )
        .await,
    )
    .await;
    let res = app
        .post(
            &format!("/api/v1/candidates/{}/consents", p2["id"].as_str().unwrap()),
            Some(&other.token),
            suspended,
        )
        .await;
    assert_problem(res, 403, "licence_not_active").await;
}

#[tokio::test]
async fn who_sees_which_profile() {
    let app = spawn_app().await;
    let owner = app.account("migrant").await;
    let p = json_body(
        app.post(
            "/api/v1/candidates",
            Some(&owner.token),
            candidate_body("AC1111111"),
        )
        .await,
    )
    .await;
    let id = p["id"].as_str().unwrap();
    let path = format!("/api/v1/candidates/{id}");

    let other_migrant = app.account("migrant").await;
    assert_problem(
        app.get(&path, Some(&other_migrant.token)).await,
        404,
        "not_found",
    )
    .await;
    assert_problem(
        app.patch(&path, Some(&other_migrant.token), json!({"skills": "x"}))
            .await,
        404,
        "not_found",
    )
    .await;
    let list = json_body(
        app.get("/api/v1/candidates", Some(&other_migrant.token))
            .await,
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);

    let employer = app.account("employer").await;
    assert_problem(
        app.get(&path, Some(&employer.token)).await,
        403,
        "forbidden",
    )
    .await;
    assert_problem(
        app.get("/api/v1/candidates", Some(&employer.token)).await,
        403,
        "forbidden",
    )
    .await;

    for role in ["ministry", "admin"] {
        let staff = app.account(role).await;
        let seen = json_body(app.get(&path, Some(&staff.token)).await).await;
        assert_eq!(seen["passport_number"], "****1111", "{role} sees it masked");
        assert_problem(
            app.patch(&path, Some(&staff.token), json!({"skills": "x"}))
                .await,
            403,
            "forbidden",
        )
        .await;
    }
}

#[tokio::test]
async fn trying_passport_numbers_is_limited() {
    let app = spawn_app().await;
    let owner = app.account("migrant").await;
    app.post(
        "/api/v1/candidates",
        Some(&owner.token),
        candidate_body("AC9999999"),
    )
    .await;
    let prober = app.account("migrant").await;
    let p = json_body(
        app.post(
            "/api/v1/candidates",
            Some(&prober.token),
            candidate_body("AC1000000"),
        )
        .await,
    )
    .await;
    let path = format!("/api/v1/candidates/{}", p["id"].as_str().unwrap());
    for n in 1..=4 {
        let res = app
            .patch(
                &path,
                Some(&prober.token),
                json!({"passport_number": format!("AC100000{n}")}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    let res = app
        .patch(
            &path,
            Some(&prober.token),
            json!({"passport_number": "AC9999999"}),
        )
        .await;
    assert_problem(res, 429, "rate_limited").await;
    // Other edits are not limited, and a centre registering many people is not either.
    assert_eq!(
        app.patch(&path, Some(&prober.token), json!({"skills": "Сварщик"}))
            .await
            .status(),
        200
    );
    let centre = app.account("centre").await;
    for n in 0..7 {
        let mut body = candidate_body(&format!("ID10000{n:02}"));
        body["consent"] = json!({"method": "in_person"});
        assert_eq!(
            app.post("/api/v1/candidates", Some(&centre.token), body)
                .await
                .status(),
            201
        );
    }
}

/// Counts the SQL statements each test database receives, through diesel's instrumentation
/// hook (connections established after it is installed report the database they belong to).
mod query_count {
    use std::collections::HashMap;
    use std::sync::{Mutex, Once};

    use diesel::connection::{set_default_instrumentation, Instrumentation, InstrumentationEvent};

    static COUNTS: Mutex<Option<HashMap<String, usize>>> = Mutex::new(None);
    static INSTALL: Once = Once::new();

    struct Counter {
        database: Option<String>,
    }

    fn database_of(url: &str) -> Option<String> {
        let path = url.split('?').next()?;
        path.rsplit('/').next().map(str::to_owned)
    }

    impl Instrumentation for Counter {
        fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
            match event {
                InstrumentationEvent::StartEstablishConnection { url, .. } => {
                    self.database = database_of(url);
                }
                InstrumentationEvent::StartQuery { .. } => {
                    if let Some(db) = &self.database {
                        let mut counts = COUNTS.lock().unwrap();
                        *counts
                            .get_or_insert_with(HashMap::new)
                            .entry(db.clone())
                            .or_default() += 1;
                    }
                }
                _ => {}
            }
        }
    }

    pub fn install() {
        INSTALL.call_once(|| {
            set_default_instrumentation(|| Some(Box::new(Counter { database: None })))
                .expect("install instrumentation");
        });
    }

    pub fn of(database: &str) -> usize {
        COUNTS
            .lock()
            .unwrap()
            .as_ref()
            .and_then(|c| c.get(database).copied())
            .unwrap_or(0)
    }
}

#[tokio::test]
async fn listing_profiles_costs_the_same_queries_for_a_page_of_two_or_of_twelve() {
    query_count::install();
    let app = spawn_app().await;
    let centre = app.account("centre").await;
    let register = |n: usize| {
        let mut body = candidate_body(&format!("QC{n:07}"));
        body["consent"] = json!({"method": "in_person"});
        body
    };
    for n in 0..2 {
        let res = app
            .post("/api/v1/candidates", Some(&centre.token), register(n))
            .await;
        assert_eq!(res.status(), 201);
    }
    let queries_for_page = || async {
        let before = query_count::of(&app.db.name);
        let res = app
            .get("/api/v1/candidates?limit=100", Some(&centre.token))
            .await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let listed = body["items"].as_array().unwrap().len();
        (listed, query_count::of(&app.db.name) - before)
    };
    let (listed, small_page) = queries_for_page().await;
    assert_eq!(listed, 2);
    assert!(small_page > 0, "instrumentation counts this app's queries");
    for n in 2..12 {
        let res = app
            .post("/api/v1/candidates", Some(&centre.token), register(n))
            .await;
        assert_eq!(res.status(), 201);
    }
    let (listed, big_page) = queries_for_page().await;
    assert_eq!(listed, 12);
    assert_eq!(
        small_page, big_page,
        "a page of 12 profiles must not cost more queries than a page of 2"
    );
}

#[tokio::test]
async fn a_centre_probing_registered_passports_learns_nothing() {
    let app = spawn_app().await;
    let centre = app.account("centre").await;
    let with_consent = |passport: &str| {
        let mut body = candidate_body(passport);
        body["consent"] = json!({"method": "in_person"});
        body
    };
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&centre.token),
            with_consent("AC7000001"),
        )
        .await;
    assert_eq!(res.status(), 201);
    // Another centre tries the registered number (and spellings of it) again and again, and a
    // free number in between: every answer has the same status and the same shape, so the
    // answers tell nothing; the registered number's attempts wait for the ministry.
    let prober = app.account("centre").await;
    let shape = |v: &Value| {
        let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        (keys, v["represented_by"].as_array().map(Vec::len))
    };
    let fresh = app
        .post(
            "/api/v1/candidates",
            Some(&prober.token),
            with_consent("AC7999999"),
        )
        .await;
    assert_eq!(fresh.status(), 201);
    let fresh = json_body(fresh).await;
    for spelling in [
        "AC7000001",
        "ac 700-0001",
        "AC 7000001",
        "ac7000001",
        "AC-7000001",
        "AC7000001",
    ] {
        let res = app
            .post(
                "/api/v1/candidates",
                Some(&prober.token),
                with_consent(spelling),
            )
            .await;
        assert_eq!(res.status(), 201, "{spelling}");
        let body = json_body(res).await;
        assert_eq!(shape(&body), shape(&fresh), "{spelling}");
        assert_eq!(body["passport_number"], "****0001");
    }
    let holders: i64 = candidate_profiles::table
        .filter(candidate_profiles::passport_last4.eq("0001"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(holders, 1, "the number still belongs to one profile");
    let queued: i64 = orgnabor::db::schema::passport_reviews::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(queued, 6);
    // The centre that registers people without collisions is not limited either.
    for n in 0..6 {
        let res = app
            .post(
                "/api/v1/candidates",
                Some(&centre.token),
                with_consent(&format!("AC71000{n:02}")),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
}

#[tokio::test]
async fn the_audit_trail_holds_no_personal_values_only_fingerprints_of_them() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&m.token),
            candidate_body("AC5550001"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .patch(
            &format!("/api/v1/candidates/{id}"),
            Some(&m.token),
            json!({"phone": "+996700111222", "salary_min": 90000}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let rows: Vec<(String, Option<Value>, Option<Value>)> = audit_log::table
        .filter(audit_log::object_type.eq("candidate"))
        .order(audit_log::id.asc())
        .select((audit_log::action, audit_log::before, audit_log::after))
        .load(&mut app.conn())
        .unwrap();
    let text = serde_json::to_string(&rows).unwrap();
    for personal in [
        "Азамат",
        "Жумабеков",
        "1990-04-17",
        "996555123456",
        "996700111222",
        "AC5550001",
        "Сварщик, 8 лет",
    ] {
        assert!(
            !text.contains(personal),
            "{personal} in the audit log: {text}"
        );
    }
    let (action, before, after) = rows.last().unwrap();
    assert_eq!(action, "candidate.updated");
    let (before, after) = (before.as_ref().unwrap(), after.as_ref().unwrap());
    // Which personal field changed shows in its fingerprint; the others stay equal.
    assert_ne!(before["personal"]["phone"], after["personal"]["phone"]);
    assert_eq!(
        before["personal"]["first_name"],
        after["personal"]["first_name"]
    );
    assert_eq!(after["personal"]["phone"].as_str().unwrap().len(), 16);
    // Non-identifying facts are kept as values.
    assert_eq!(before["salary_min"], 80000);
    assert_eq!(after["salary_min"], 90000);
}

#[tokio::test]
async fn names_and_titles_are_stored_in_one_unicode_form() {
    let app = spawn_app().await;
    let m = app.account("migrant").await;
    // "Айдай" typed with a decomposed "й" (и + combining breve), as some keyboards send it.
    let mut body = candidate_body("AC6660001");
    body["first_name"] = json!("  Аи\u{306}дай ");
    let res = app.post("/api/v1/candidates", Some(&m.token), body).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["first_name"], "Айдай");
    let stored: String = candidate_profiles::table
        .select(candidate_profiles::first_name)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(stored, "Айдай");

    let e = app.account("employer").await;
    let mut vacancy = vacancy_body();
    vacancy["title"] = json!("Мои\u{306}щик посуды");
    let res = app.post("/api/v1/vacancies", Some(&e.token), vacancy).await;
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["title"], "Мойщик посуды");
}
