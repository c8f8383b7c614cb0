//! Pre-departure centres: orientation sessions, bookings (the session-full race), attendance,
//! and walk-in profiles claimed with a one-time code.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use futures_util::future::join_all;
use serde_json::{json, Value};
use uuid::Uuid;

use orgnabor::db::schema::{audit_log, claim_codes, orientation_sessions, session_bookings};

use crate::helpers::*;

fn session_body(capacity: i64) -> Value {
    json!({
        "starts_at": (Utc::now() + Duration::days(2)).to_rfc3339(),
        "duration_minutes": 120,
        "place": "Бишкек, ул. Киевская 96, зал 2",
        "language": "ky",
        "capacity": capacity,
        "topics": ["labour_rights", "registration_and_patents", "hotlines"],
        "note": "Паспорт с собой"
    })
}

async fn new_session(app: &TestApp, staff: &Account, capacity: i64) -> Value {
    let centre = staff.centre_id.unwrap();
    let res = app
        .post(
            &format!("/api/v1/centres/{centre}/sessions"),
            Some(&staff.token),
            session_body(capacity),
        )
        .await;
    assert_eq!(res.status(), 201);
    json_body(res).await
}

fn passport() -> String {
    format!("ID{:07}", Uuid::new_v4().as_u128() % 10_000_000)
}

/// A walk-in registered by the centre, with the person's consent recorded in person.
async fn walk_in(app: &TestApp, staff: &Account) -> String {
    let mut body = candidate_body(&passport());
    body["consent"] = json!({"method": "in_person"});
    let res = app
        .post("/api/v1/candidates", Some(&staff.token), body)
        .await;
    assert_eq!(res.status(), 201);
    json_body(res).await["id"].as_str().unwrap().to_owned()
}

/// A migrant account with a profile of their own.
async fn migrant_with_profile(app: &TestApp) -> (Account, String) {
    let m = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&m.token),
            candidate_body(&passport()),
        )
        .await;
    assert_eq!(res.status(), 201);
    let id = json_body(res).await["id"].as_str().unwrap().to_owned();
    (m, id)
}

fn audit_count(app: &TestApp, action: &str, object: &str) -> i64 {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .filter(audit_log::object_id.eq(Uuid::parse_str(object).unwrap()))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn move_session_to_the_past(app: &TestApp, session: &str) {
    diesel::update(orientation_sessions::table.find(Uuid::parse_str(session).unwrap()))
        .set(orientation_sessions::starts_at.eq(Utc::now() - Duration::hours(1)))
        .execute(&mut app.conn())
        .unwrap();
}

#[tokio::test]
async fn centre_staff_schedule_sessions_that_anyone_can_list() {
    let app = spawn_app().await;
    let staff = app.account("centre").await;
    let other = app.account("centre").await;
    let migrant = app.account("migrant").await;
    let centre = staff.centre_id.unwrap();
    let path = format!("/api/v1/centres/{centre}/sessions");

    let s = new_session(&app, &staff, 30).await;
    assert_eq!(s["centre_id"], centre.to_string());
    assert_eq!(s["capacity"], 30);
    assert_eq!(s["seats_left"], 30);
    assert_eq!(s["language"], "ky");
    assert_eq!(s["topics"].as_array().unwrap().len(), 3);
    let id = s["id"].as_str().unwrap();
    assert_eq!(audit_count(&app, "session.created", id), 1);

    // Staff of another centre, and other roles, cannot schedule here.
    let res = app.post(&path, Some(&other.token), session_body(10)).await;
    assert_problem(res, 403, "forbidden").await;
    let res = app
        .post(&path, Some(&migrant.token), session_body(10))
        .await;
    assert_problem(res, 403, "forbidden").await;
    let res = app.post(&path, None, session_body(10)).await;
    assert_problem(res, 401, "unauthenticated").await;

    // Every problem at once.
    let mut bad = session_body(501);
    bad["starts_at"] = json!((Utc::now() - Duration::hours(1)).to_rfc3339());
    bad["language"] = json!("de");
    bad["topics"] = json!(["labour_rights", "cooking"]);
    bad["duration_minutes"] = json!(5);
    let res = app.post(&path, Some(&staff.token), bad).await;
    let mut codes = field_codes(&assert_problem(res, 422, "validation_failed").await);
    codes.sort();
    assert_eq!(
        codes,
        vec![
            ("capacity".into(), "out_of_range".into()),
            ("duration_minutes".into(), "out_of_range".into()),
            ("language".into(), "unknown_value".into()),
            ("starts_at".into(), "date_in_past".into()),
            ("topics[1]".into(), "unknown_value".into()),
        ]
    );
    let mut zero = session_body(0);
    zero["topics"] = json!([]);
    let res = app.post(&path, Some(&staff.token), zero).await;
    let mut codes = field_codes(&assert_problem(res, 422, "validation_failed").await);
    codes.sort();
    assert_eq!(
        codes,
        vec![
            ("capacity".into(), "out_of_range".into()),
            ("topics".into(), "required".into()),
        ]
    );

    // The listing is public and holds no personal data; past sessions drop out by default.
    let later = new_session(&app, &staff, 5).await;
    let past = new_session(&app, &staff, 5).await;
    move_session_to_the_past(&app, past["id"].as_str().unwrap());
    let list = json_body(app.get(&path, None).await).await;
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![id, later["id"].as_str().unwrap()]);
    assert!(list[0].get("created_by").is_none());
    let from = urlencode(&(Utc::now() - Duration::days(1)).to_rfc3339());
    let all = json_body(app.get(&format!("{path}?from={from}"), None).await).await;
    assert_eq!(all.as_array().unwrap().len(), 3);
    let res = app.get(&format!("{path}?from=yesterday"), None).await;
    assert_problem(res, 400, "invalid_query").await;
    let res = app
        .get(
            &format!("/api/v1/centres/{}/sessions", Uuid::now_v7()),
            None,
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    // Another centre's listing does not show these.
    let res = app
        .get(
            &format!("/api/v1/centres/{}/sessions", other.centre_id.unwrap()),
            None,
        )
        .await;
    assert_eq!(json_body(res).await, json!([]));
}

#[tokio::test]
async fn a_full_session_refuses_concurrent_bookings_beyond_its_capacity() {
    let app = spawn_app().await;
    let staff = app.account("centre").await;
    let mut people = Vec::new();
    for _ in 0..30 {
        people.push(walk_in(&app, &staff).await);
    }
    for round in 0..10 {
        let s = new_session(&app, &staff, 5).await;
        let sid = s["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v1/sessions/{sid}/bookings");
        let answers = join_all(
            people
                .iter()
                .map(|p| app.post(&path, Some(&staff.token), json!({"candidate_id": p}))),
        )
        .await;
        let (mut created, mut full) = (0, 0);
        for res in answers {
            match res.status().as_u16() {
                201 => created += 1,
                409 => {
                    assert_problem(res, 409, "session_full").await;
                    full += 1;
                }
                other => panic!(
                    "round {round}: unexpected {other}: {}",
                    res.text().await.unwrap()
                ),
            }
        }
        assert_eq!((created, full), (5, 25), "round {round}");
        let sid = Uuid::parse_str(&sid).unwrap();
        let rows: i64 = session_bookings::table
            .filter(session_bookings::session_id.eq(sid))
            .count()
            .get_result(&mut app.conn())
            .unwrap();
        let booked: i32 = orientation_sessions::table
            .find(sid)
            .select(orientation_sessions::booked)
            .first(&mut app.conn())
            .unwrap();
        assert_eq!((rows, booked), (5, 5), "round {round}");
    }
}

#[tokio::test]
async fn bookings_by_the_person_or_their_centre_and_cancellation_frees_the_seat() {
    let app = spawn_app().await;
    let staff = app.account("centre").await;
    let other_staff = app.account("centre").await;
    let ministry = app.account("ministry").await;
    let (migrant, own) = migrant_with_profile(&app).await;
    let (stranger, _) = migrant_with_profile(&app).await;
    let s = new_session(&app, &staff, 2).await;
    let sid = s["id"].as_str().unwrap();
    let path = format!("/api/v1/sessions/{sid}/bookings");

    // A migrant books their own profile, without naming it.
    let res = app.post(&path, Some(&migrant.token), json!({})).await;
    assert_eq!(res.status(), 201);
    let b = json_body(res).await;
    assert_eq!(b["candidate_id"], own);
    let bid = b["id"].as_str().unwrap().to_owned();
    assert_eq!(audit_count(&app, "session_booking.created", &bid), 1);
    // Twice is a conflict, with or without the id.
    let res = app
        .post(&path, Some(&migrant.token), json!({"candidate_id": own}))
        .await;
    assert_problem(res, 409, "conflict").await;
    // Someone else's profile is not theirs to book.
    let res = app
        .post(&path, Some(&stranger.token), json!({"candidate_id": own}))
        .await;
    assert_problem(res, 404, "not_found").await;
    // A migrant without a profile has nothing to book.
    let bare = app.account("migrant").await;
    let res = app.post(&path, Some(&bare.token), json!({})).await;
    assert_problem(res, 422, "validation_failed").await;

    // Staff book people their centre represents, only on their own centre's sessions.
    let walk = walk_in(&app, &staff).await;
    let theirs = walk_in(&app, &other_staff).await;
    let res = app
        .post(&path, Some(&staff.token), json!({"candidate_id": theirs}))
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .post(&path, Some(&staff.token), json!({"candidate_id": own}))
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .post(
            &path,
            Some(&other_staff.token),
            json!({"candidate_id": theirs}),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app.post(&path, Some(&staff.token), json!({})).await;
    assert_problem(res, 422, "validation_failed").await;
    let res = app
        .post(&path, Some(&ministry.token), json!({"candidate_id": walk}))
        .await;
    assert_problem(res, 403, "forbidden").await;
    let res = app
        .post(&path, Some(&staff.token), json!({"candidate_id": walk}))
        .await;
    assert_eq!(res.status(), 201);
    let walk_booking = json_body(res).await["id"].as_str().unwrap().to_owned();

    // Full now.
    let (third, _) = migrant_with_profile(&app).await;
    let res = app.post(&path, Some(&third.token), json!({})).await;
    assert_problem(res, 409, "session_full").await;
    let list = app
        .get(
            &format!("/api/v1/centres/{}/sessions", staff.centre_id.unwrap()),
            None,
        )
        .await;
    assert_eq!(json_body(list).await[0]["seats_left"], 0);

    // The bookings list is for the session's centre only.
    let list = json_body(app.get(&path, Some(&staff.token)).await).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    let res = app.get(&path, Some(&other_staff.token)).await;
    assert_problem(res, 404, "not_found").await;
    let res = app.get(&path, Some(&migrant.token)).await;
    assert_problem(res, 403, "forbidden").await;

    // Cancelling: not by strangers or another centre; by the person, once; the seat is free.
    let cancel = format!("{path}/{bid}");
    let res = app.delete(&cancel, Some(&stranger.token)).await;
    assert_problem(res, 404, "not_found").await;
    let res = app.delete(&cancel, Some(&other_staff.token)).await;
    assert_problem(res, 404, "not_found").await;
    let res = app
        .delete(
            &format!("/api/v1/sessions/{}/bookings/{bid}", Uuid::now_v7()),
            Some(&migrant.token),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let res = app.delete(&cancel, Some(&migrant.token)).await;
    assert_eq!(res.status(), 200);
    assert!(json_body(res).await["cancelled_at"].is_string());
    assert_eq!(audit_count(&app, "session_booking.cancelled", &bid), 1);
    let res = app.delete(&cancel, Some(&migrant.token)).await;
    assert_problem(res, 409, "conflict").await;
    let res = app.post(&path, Some(&third.token), json!({})).await;
    assert_eq!(res.status(), 201, "the freed seat is taken");
    // Staff cancel the walk-in's booking, and the migrant can book again once there is room.
    let res = app
        .delete(&format!("{path}/{walk_booking}"), Some(&staff.token))
        .await;
    assert_eq!(res.status(), 200);
    let res = app.post(&path, Some(&migrant.token), json!({})).await;
    assert_eq!(res.status(), 201, "a cancelled booking can be taken again");
    assert_eq!(json_body(res).await["id"], bid.as_str());

    // Once the session has started, bookings no longer change.
    move_session_to_the_past(&app, sid);
    let res = app.delete(&cancel, Some(&migrant.token)).await;
    assert_problem(res, 409, "session_started").await;
    let res = app
        .post(&path, Some(&staff.token), json!({"candidate_id": walk}))
        .await;
    assert_problem(res, 409, "session_started").await;
}

#[tokio::test]
async fn attendance_is_recorded_by_the_centre_once_the_session_has_started() {
    let app = spawn_app().await;
    let staff = app.account("centre").await;
    let other_staff = app.account("centre").await;
    let s = new_session(&app, &staff, 10).await;
    let sid = s["id"].as_str().unwrap();
    let (a, b, unbooked, cancelled) = (
        walk_in(&app, &staff).await,
        walk_in(&app, &staff).await,
        walk_in(&app, &staff).await,
        walk_in(&app, &staff).await,
    );
    let bookings = format!("/api/v1/sessions/{sid}/bookings");
    for p in [&a, &b, &cancelled] {
        let res = app
            .post(&bookings, Some(&staff.token), json!({"candidate_id": p}))
            .await;
        assert_eq!(res.status(), 201);
    }
    let list = json_body(app.get(&bookings, Some(&staff.token)).await).await;
    let c_booking = list
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["candidate_id"] == cancelled.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .delete(&format!("{bookings}/{c_booking}"), Some(&staff.token))
        .await;
    assert_eq!(res.status(), 200);

    let path = format!("/api/v1/sessions/{sid}/attendance");
    let res = app
        .post(&path, Some(&staff.token), json!({"candidate_ids": [a]}))
        .await;
    assert_problem(res, 409, "session_not_started").await;

    move_session_to_the_past(&app, sid);
    let res = app
        .post(
            &path,
            Some(&other_staff.token),
            json!({"candidate_ids": [a]}),
        )
        .await;
    assert_problem(res, 404, "not_found").await;
    let (migrant, _) = migrant_with_profile(&app).await;
    let res = app
        .post(&path, Some(&migrant.token), json!({"candidate_ids": [a]}))
        .await;
    assert_problem(res, 403, "forbidden").await;
    let res = app
        .post(&path, Some(&staff.token), json!({"candidate_ids": []}))
        .await;
    assert_problem(res, 422, "validation_failed").await;
    // Only people booked (and not cancelled) on this session; nothing is recorded otherwise.
    let res = app
        .post(
            &path,
            Some(&staff.token),
            json!({"candidate_ids": [a, unbooked, cancelled]}),
        )
        .await;
    assert_eq!(
        field_codes(&assert_problem(res, 422, "validation_failed").await),
        vec![
            ("candidate_ids[1]".into(), "unknown_value".into()),
            ("candidate_ids[2]".into(), "unknown_value".into()),
        ]
    );
    let attended: i64 = session_bookings::table
        .filter(session_bookings::attended_at.is_not_null())
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(attended, 0);

    let res = app
        .post(&path, Some(&staff.token), json!({"candidate_ids": [a]}))
        .await;
    assert_eq!(res.status(), 200);
    let rows = json_body(res).await;
    assert_eq!(rows[0]["candidate_id"], a.as_str());
    let first = rows[0]["attended_at"].as_str().unwrap().to_owned();
    let booking_a = rows[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(audit_count(&app, "session_booking.attended", &booking_a), 1);
    // Recording again keeps the first time and adds b.
    let res = app
        .post(&path, Some(&staff.token), json!({"candidate_ids": [b, a]}))
        .await;
    let rows = json_body(res).await;
    assert_eq!(rows[1]["attended_at"], first.as_str());
    assert!(rows[0]["attended_at"].is_string());
    assert_eq!(audit_count(&app, "session_booking.attended", &booking_a), 1);
    let attended: Vec<Uuid> = session_bookings::table
        .filter(session_bookings::attended_at.is_not_null())
        .filter(session_bookings::cancelled_at.is_null())
        .select(session_bookings::candidate_id)
        .order(session_bookings::candidate_id)
        .load(&mut app.conn())
        .unwrap();
    let mut expected = vec![Uuid::parse_str(&a).unwrap(), Uuid::parse_str(&b).unwrap()];
    expected.sort();
    assert_eq!(attended, expected);
}

#[tokio::test]
async fn a_walk_in_claims_their_profile_with_the_code_the_centre_hands_them() {
    let app = spawn_app().await;
    let staff = app.account("centre").await;
    let other_staff = app.account("centre").await;
    let id = walk_in(&app, &staff).await;
    let path = format!("/api/v1/candidates/{id}/claim-code");

    // Only the centre that represents the person issues codes.
    let res = app.post(&path, Some(&other_staff.token), json!({})).await;
    assert_problem(res, 404, "not_found").await;
    let (owner, own_profile) = migrant_with_profile(&app).await;
    let res = app.post(&path, Some(&owner.token), json!({})).await;
    assert_problem(res, 403, "forbidden").await;

    let res = app.post(&path, Some(&staff.token), json!({})).await;
    assert_eq!(res.status(), 201);
    let first = json_body(res).await;
    let old_code = first["code"].as_str().unwrap().to_owned();
    assert_eq!(old_code.len(), 11);
    assert_eq!(&old_code[5..6], "-");
    let expires: chrono::DateTime<Utc> = first["expires_at"].as_str().unwrap().parse().unwrap();
    let days = (expires - Utc::now()).num_hours();
    assert!(
        (14 * 24 - 1..=14 * 24).contains(&days),
        "valid 14 days: {days}h"
    );
    // A new code voids the old one; only hashes are stored.
    let res = app.post(&path, Some(&staff.token), json!({})).await;
    let code = json_body(res).await["code"].as_str().unwrap().to_owned();
    assert_ne!(code, old_code);
    let stored: Vec<Vec<u8>> = claim_codes::table
        .select(claim_codes::code_hash)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(stored.len(), 2);
    for h in &stored {
        assert!(!h.windows(10).any(|w| w == code.replace('-', "").as_bytes()));
    }

    // A migrant who already has a profile cannot claim another.
    let res = app
        .post(
            "/api/v1/me/claim",
            Some(&owner.token),
            json!({"code": code}),
        )
        .await;
    assert_problem(res, 409, "conflict").await;
    let _ = own_profile;

    let claimer = app.account("migrant").await;
    for wrong in [old_code.as_str(), "not a code", "00000-00000"] {
        let res = app
            .post(
                "/api/v1/me/claim",
                Some(&claimer.token),
                json!({"code": wrong}),
            )
            .await;
        assert_problem(res, 422, "invalid_claim_code").await;
    }
    let res = app
        .post(
            "/api/v1/me/claim",
            Some(&staff.token),
            json!({"code": code}),
        )
        .await;
    assert_problem(res, 403, "forbidden").await;

    // Typed loosely: lower case, a space instead of the dash.
    let typed = code.to_lowercase().replace('-', " ");
    let res = app
        .post(
            "/api/v1/me/claim",
            Some(&claimer.token),
            json!({"code": typed}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let p = json_body(res).await;
    assert_eq!(p["id"], id.as_str());
    assert_eq!(p["user_id"], claimer.id.to_string());
    assert!(
        !p["passport_number"].as_str().unwrap().starts_with("****"),
        "the owner sees it in full"
    );
    assert_eq!(audit_count(&app, "candidate.claimed", &id), 1);
    let me = json_body(app.get("/api/v1/me", Some(&claimer.token)).await).await;
    assert_eq!(me["candidate_profile_id"], id.as_str());

    // The code is spent; no new code for a profile with an account.
    let late = app.account("migrant").await;
    let res = app
        .post("/api/v1/me/claim", Some(&late.token), json!({"code": code}))
        .await;
    assert_problem(res, 422, "invalid_claim_code").await;
    let res = app.post(&path, Some(&staff.token), json!({})).await;
    assert_problem(res, 409, "conflict").await;

    // From now on the person controls it: they edit it and end the centre's consent.
    let res = app
        .patch(
            &format!("/api/v1/candidates/{id}"),
            Some(&claimer.token),
            json!({"skills": "Сварщик, 9 лет"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let consent = p["represented_by"][0]["id"].as_str().unwrap();
    let res = app
        .delete(
            &format!("/api/v1/candidates/{id}/consents/{consent}"),
            Some(&claimer.token),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .get(&format!("/api/v1/candidates/{id}"), Some(&staff.token))
        .await;
    assert_problem(res, 404, "not_found").await;
}

#[tokio::test]
async fn an_expired_claim_code_is_refused_and_attempts_are_rate_limited() {
    let app = spawn_app().await;
    let staff = app.account("centre").await;
    let id = walk_in(&app, &staff).await;
    let res = app
        .post(
            &format!("/api/v1/candidates/{id}/claim-code"),
            Some(&staff.token),
            json!({}),
        )
        .await;
    let code = json_body(res).await["code"].as_str().unwrap().to_owned();
    diesel::update(claim_codes::table)
        .set((
            claim_codes::issued_at.eq(Utc::now() - Duration::days(15)),
            claim_codes::expires_at.eq(Utc::now() - Duration::seconds(1)),
        ))
        .execute(&mut app.conn())
        .unwrap();
    let claimer = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/me/claim",
            Some(&claimer.token),
            json!({"code": code}),
        )
        .await;
    let body = assert_problem(res, 422, "invalid_claim_code").await;
    assert_eq!(body["detail"], "expired");
    let profile: Option<Uuid> = orgnabor::db::schema::candidate_profiles::table
        .find(Uuid::parse_str(&id).unwrap())
        .select(orgnabor::db::schema::candidate_profiles::user_id)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(profile, None);

    // Guessing: the account's attempts run out like sign-in attempts do.
    let limit = app.settings.rate_limit.per_account;
    let mut statuses = Vec::new();
    for _ in 0..limit {
        let res = app
            .post(
                "/api/v1/me/claim",
                Some(&claimer.token),
                json!({"code": "00000-00000"}),
            )
            .await;
        statuses.push(res.status().as_u16());
    }
    assert!(
        statuses.contains(&429),
        "limited within {limit} more attempts: {statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 422).count() as u32,
        limit - 1
    );
}

#[tokio::test]
async fn a_known_passport_number_goes_to_the_ministry_queue_not_to_a_refusal() {
    let app = spawn_app().await;
    let staff = app.account("centre").await;
    let other_staff = app.account("centre").await;
    let ministry = app.account("ministry").await;
    let number = passport();
    let mut body = candidate_body(&number);
    body["consent"] = json!({"method": "in_person"});
    let res = app
        .post("/api/v1/candidates", Some(&staff.token), body.clone())
        .await;
    assert_eq!(res.status(), 201);
    let existing = json_body(res).await["id"].as_str().unwrap().to_owned();

    body["first_name"] = json!("Бакыт");
    let res = app
        .post("/api/v1/candidates", Some(&other_staff.token), body)
        .await;
    assert_eq!(res.status(), 201, "answered as a fresh registration");
    let answered = json_body(res).await;
    assert_eq!(answered["first_name"], "Бакыт");
    assert_eq!(
        answered["represented_by"][0]["centre_id"],
        other_staff.centre_id.unwrap().to_string()
    );
    let rid = answered["id"].as_str().unwrap().to_owned();
    assert_ne!(rid, existing);
    assert_eq!(audit_count(&app, "passport_review.queued", &rid), 1);
    assert_eq!(audit_count(&app, "candidate.created", &rid), 0);

    for who in [&staff, &other_staff] {
        let res = app.get("/api/v1/passport-reviews", Some(&who.token)).await;
        assert_problem(res, 403, "forbidden").await;
    }
    let res = app.get("/api/v1/passport-reviews", None).await;
    assert_problem(res, 401, "unauthenticated").await;
    let queue = json_body(
        app.get("/api/v1/passport-reviews", Some(&ministry.token))
            .await,
    )
    .await;
    let queue = queue.as_array().unwrap();
    assert_eq!(queue.len(), 1);
    let r = &queue[0];
    assert_eq!(r["id"], rid.as_str());
    assert_eq!(r["existing_profile_id"], existing.as_str());
    assert_eq!(r["submitted_by"], other_staff.id.to_string());
    assert_eq!(r["submitted_role"], "centre");
    assert_eq!(r["centre_id"], other_staff.centre_id.unwrap().to_string());
    assert_eq!(r["first_name"], "Бакыт");
    assert_eq!(r["consent_method"], "in_person");
    assert_eq!(r["status"], "open");
    assert_eq!(
        r["passport_number"],
        format!("****{}", &number[number.len() - 4..])
    );
    // The submission is sealed at rest: no name in the clear.
    let sealed: Vec<u8> = orgnabor::db::schema::passport_reviews::table
        .select(orgnabor::db::schema::passport_reviews::submission)
        .first(&mut app.conn())
        .unwrap();
    assert!(!sealed
        .windows(5)
        .any(|w| w == "Бакыт".as_bytes().get(..5).unwrap()));
}

#[tokio::test]
async fn the_ministry_resolves_a_passport_review_and_tells_the_submitter_unless_misuse() {
    let app = spawn_app().await;
    let staff = app.account("centre").await;
    let other_staff = app.account("centre").await;
    let ministry = app.account("ministry").await;
    let mut queued = Vec::new();
    for _ in 0..2 {
        let number = passport();
        let mut body = candidate_body(&number);
        body["consent"] = json!({"method": "in_person"});
        let res = app
            .post("/api/v1/candidates", Some(&staff.token), body.clone())
            .await;
        assert_eq!(res.status(), 201);
        let res = app
            .post("/api/v1/candidates", Some(&other_staff.token), body)
            .await;
        assert_eq!(res.status(), 201);
        queued.push(json_body(res).await["id"].as_str().unwrap().to_owned());
    }
    let url = |id: &str| format!("/api/v1/passport-reviews/{id}/resolution");
    let note = "Тот же человек: паспорт проверен в центре лично.";

    // Refusals: other roles, bad input, an unknown review.
    for who in [&staff, &other_staff] {
        let res = app
            .post(
                &url(&queued[0]),
                Some(&who.token),
                json!({"outcome": "same_person", "note": note}),
            )
            .await;
        assert_problem(res, 403, "forbidden").await;
    }
    let res = app
        .post(
            &url(&queued[0]),
            Some(&ministry.token),
            json!({"outcome": "merge", "note": "  "}),
        )
        .await;
    let p = assert_problem(res, 422, "validation_failed").await;
    let fields: Vec<String> = field_codes(&p).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["note", "outcome"]);
    let res = app
        .post(
            &url(&uuid::Uuid::now_v7().to_string()),
            Some(&ministry.token),
            json!({"outcome": "same_person", "note": note}),
        )
        .await;
    assert_problem(res, 404, "not_found").await;

    app.run_pending_jobs().await;
    let before = app.outbox().len();
    let res = app
        .post(
            &url(&queued[0]),
            Some(&ministry.token),
            json!({"outcome": "same_person", "note": note}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let r = json_body(res).await;
    assert_eq!(
        (&r["status"], &r["outcome"], &r["note"]),
        (&json!("resolved"), &json!("same_person"), &json!(note))
    );
    assert_eq!(audit_count(&app, "passport_review.resolved", &queued[0]), 1);
    // Once only.
    let res = app
        .post(
            &url(&queued[0]),
            Some(&ministry.token),
            json!({"outcome": "entry_error", "note": note}),
        )
        .await;
    assert_problem(res, 409, "invalid_transition").await;

    // Suspected misuse: resolved, and the submitter hears nothing.
    let res = app
        .post(
            &url(&queued[1]),
            Some(&ministry.token),
            json!({"outcome": "suspected_misuse", "note": "Паспорт принадлежит другому человеку."}),
        )
        .await;
    assert_eq!(res.status(), 200);
    app.run_pending_jobs().await;
    let sent: Vec<_> = app.outbox().into_iter().skip(before).collect();
    assert_eq!(sent.len(), 1, "only the same-person decision is told");
    assert_eq!(sent[0].to, other_staff.email);
    assert!(sent[0].body.contains(note), "{}", sent[0].body);
    assert!(sent[0].body.contains(&queued[0]));
    assert!(!sent[0].body.contains('{'), "{}", sent[0].body);

    // The queue lists only open reviews.
    let queue = json_body(
        app.get("/api/v1/passport-reviews", Some(&ministry.token))
            .await,
    )
    .await;
    assert_eq!(queue, json!([]));
}
