//! The centre's pages over HTTP: what is on them, what their forms change, who is refused.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use reqwest::{Client, Response};
use serde_json::json;
use uuid::Uuid;

use orgnabor::db::schema::{
    candidate_profiles, claim_codes, cohort_placements, cohorts, consents, orientation_sessions,
    readiness_items, session_bookings,
};

use crate::contracts::{under_review, world_with};
use crate::helpers::*;
use crate::web_account::{csrf_of, sign_in};
use crate::web_core::{assert_layout, browser};
use crate::web_core::{get_page as get, location, signed_in};

async fn post(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
    client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("sent")
}

/// The CSRF token of the page at `path`.
async fn token(app: &TestApp, client: &Client, path: &str) -> String {
    let (status, html) = get(app, client, path).await;
    assert_eq!(status, 200, "GET {path}: {html}");
    csrf_of(&html)
}

fn passport() -> String {
    format!("ID{:07}", Uuid::new_v4().as_u128() % 10_000_000)
}

/// A person the centre registered through the API, with consent given in person.
async fn walk_in(app: &TestApp, staff: &Account, first_name: &str) -> String {
    let mut body = candidate_body(&passport());
    body["first_name"] = json!(first_name);
    body["consent"] = json!({"method": "in_person"});
    let res = app
        .post("/api/v1/candidates", Some(&staff.token), body)
        .await;
    assert_eq!(res.status(), 201);
    json_body(res).await["id"].as_str().unwrap().to_owned()
}

/// A session of `staff`'s centre through the API.
async fn api_session(app: &TestApp, staff: &Account, capacity: i64) -> String {
    let centre = staff.centre_id.unwrap();
    let res = app
        .post(
            &format!("/api/v1/centres/{centre}/sessions"),
            Some(&staff.token),
            json!({
                "starts_at": (Utc::now() + Duration::days(2)).to_rfc3339(),
                "duration_minutes": 90,
                "place": "Бишкек, ул. Киевская 96, зал 2",
                "language": "ky",
                "capacity": capacity,
                "topics": ["labour_rights", "hotlines"],
            }),
        )
        .await;
    assert_eq!(res.status(), 201);
    json_body(res).await["id"].as_str().unwrap().to_owned()
}

fn uuid(s: &str) -> Uuid {
    Uuid::parse_str(s).unwrap()
}

fn sessions_of(app: &TestApp, centre: Uuid) -> i64 {
    orientation_sessions::table
        .filter(orientation_sessions::centre_id.eq(centre))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn bookings_of(app: &TestApp, session: &str) -> Vec<(Uuid, Option<chrono::DateTime<Utc>>)> {
    session_bookings::table
        .filter(session_bookings::session_id.eq(uuid(session)))
        .filter(session_bookings::cancelled_at.is_null())
        .select((
            session_bookings::candidate_id,
            session_bookings::attended_at,
        ))
        .load(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn the_clerk_schedules_a_session_and_sees_it_listed() {
    let app = spawn_app().await;
    let (staff, client) = signed_in(&app, "centre").await;
    let centre = staff.centre_id.unwrap();

    let (status, html) = get(&app, &client, "/centre/sessions").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("No sessions are scheduled"), "{html}");

    let (status, html) = get(&app, &client, "/centre/sessions/new").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    for field in [
        "starts_at",
        "duration_minutes",
        "place",
        "language",
        "capacity",
    ] {
        assert!(
            html.contains(&format!("<label for=\"{field}\">")),
            "{field}"
        );
    }
    assert!(html.contains("<button type=\"submit\" class=\"button\">Schedule the session</button>"));
    let csrf = csrf_of(&html);

    // Every problem at once, what was typed kept, nothing stored.
    let past = (Utc::now() - Duration::days(1))
        .format("%Y-%m-%dT10:00")
        .to_string();
    let res = post(
        &app,
        &client,
        "/centre/sessions/new",
        &[
            ("csrf", &csrf),
            ("starts_at", &past),
            ("duration_minutes", "90"),
            ("place", ""),
            ("language", "ky"),
            ("capacity", "0"),
            ("note", "Паспорт с собой"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("error-summary"), "{html}");
    assert!(html.contains("<title>Error:"), "title says error");
    for message in [
        "Enter a time in the future",
        "Enter where the session is held",
        "Enter a number from 1 to 500",
        "Choose at least one topic",
    ] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(html.contains("Паспорт с собой"), "the note is kept");
    assert!(
        html.contains(&format!("value=\"{past}\"")),
        "the time is kept"
    );
    assert_eq!(sessions_of(&app, centre), 0);

    // Not a time at all.
    let res = post(
        &app,
        &client,
        "/centre/sessions/new",
        &[
            ("csrf", &csrf),
            ("starts_at", "tomorrow"),
            ("capacity", "x"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter a real date"), "{html}");
    assert_eq!(sessions_of(&app, centre), 0);

    // Without the CSRF token nothing changes.
    let later = (Utc::now() + Duration::days(3)).date_naive();
    let starts = format!("{later}T10:00");
    let good = [
        ("starts_at", starts.as_str()),
        ("duration_minutes", "120"),
        ("place", "Бишкек, ул. Киевская 96, зал 2"),
        ("language", "ky"),
        ("capacity", "2"),
        ("topics", "labour_rights"),
        ("topics", "hotlines"),
        ("note", ""),
    ];
    let res = post(&app, &client, "/centre/sessions/new", &good).await;
    assert_eq!(res.status(), 403);
    assert_eq!(sessions_of(&app, centre), 0);

    let mut fields = vec![("csrf", csrf.as_str())];
    fields.extend(good);
    let res = post(&app, &client, "/centre/sessions/new", &fields).await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.starts_with("/centre/sessions/"), "{to}");
    let (starts_at, capacity, topics): (chrono::DateTime<Utc>, i32, Vec<String>) =
        orientation_sessions::table
            .filter(orientation_sessions::centre_id.eq(centre))
            .select((
                orientation_sessions::starts_at,
                orientation_sessions::capacity,
                orientation_sessions::topics,
            ))
            .first(&mut app.conn())
            .unwrap();
    // 10:00 in Bishkek is 04:00 UTC.
    assert_eq!(starts_at.to_rfc3339(), format!("{later}T04:00:00+00:00"));
    assert_eq!(capacity, 2);
    assert_eq!(topics, vec!["labour_rights", "hotlines"]);

    let (status, html) = get(&app, &client, &to).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains(&format!("{later} 10:00")), "{html}");
    assert!(html.contains("Labour rights, Hotlines and where to get help"));

    let (_, html) = get(&app, &client, "/centre/sessions").await;
    assert!(html.contains(&format!("href=\"{to}\"")), "{html}");
    assert!(html.contains("0 / 2"));

    // The account home links to the pages.
    let (_, html) = get(&app, &client, "/account").await;
    for href in [
        "/centre/sessions",
        "/centre/sessions/new",
        "/centre/candidates",
        "/centre/walk-in",
        "/centre/cohorts/new",
    ] {
        assert!(html.contains(&format!("href=\"{href}\"")), "{href}");
    }
}

#[tokio::test]
async fn a_session_books_until_full_then_records_who_came() {
    let app = spawn_app().await;
    let (staff, client) = signed_in(&app, "centre").await;
    let session = api_session(&app, &staff, 1).await;
    let aibek = walk_in(&app, &staff, "Айбек").await;
    let nurlan = walk_in(&app, &staff, "Нурлан").await;
    let path = format!("/centre/sessions/{session}");

    let (status, html) = get(&app, &client, &path).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Nobody is booked yet."));
    assert!(html.contains(&format!(
        "<option value=\"{aibek}\">Айбек Жумабеков</option>"
    )));
    assert!(html.contains("<button type=\"submit\" class=\"button\">Book a seat</button>"));
    assert!(html.contains("Attendance can be recorded once the session has started."));
    let csrf = csrf_of(&html);
    let bookings = format!("{path}/bookings");

    // No person chosen.
    let res = post(
        &app,
        &client,
        &bookings,
        &[("csrf", &csrf), ("candidate_id", "")],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("error-summary"));
    assert!(bookings_of(&app, &session).is_empty());

    // Without the token nothing changes.
    let res = post(&app, &client, &bookings, &[("candidate_id", &aibek)]).await;
    assert_eq!(res.status(), 403);
    assert!(bookings_of(&app, &session).is_empty());

    let res = post(
        &app,
        &client,
        &bookings,
        &[("csrf", &csrf), ("candidate_id", &aibek)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), path);
    assert_eq!(bookings_of(&app, &session), vec![(uuid(&aibek), None)]);

    // The one seat is taken: the service refuses, the page says so.
    let (_, html) = get(&app, &client, &path).await;
    assert!(html.contains("id=\"session-full\""), "{html}");
    assert!(html.contains("1 / 1"));
    let res = post(
        &app,
        &client,
        &bookings,
        &[("csrf", &csrf), ("candidate_id", &nurlan)],
    )
    .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("This session is full: nobody was booked."),
        "{html}"
    );
    assert!(
        html.contains(&format!("<option value=\"{nurlan}\" selected>")),
        "choice kept"
    );
    assert_eq!(bookings_of(&app, &session).len(), 1);

    // Attendance before the start is refused, and is not offered.
    let attendance = format!("{path}/attendance");
    let res = post(
        &app,
        &client,
        &attendance,
        &[("csrf", &csrf), ("candidate_ids", &aibek)],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("has not started yet"));

    diesel::update(orientation_sessions::table.find(uuid(&session)))
        .set(orientation_sessions::starts_at.eq(Utc::now() - Duration::hours(1)))
        .execute(&mut app.conn())
        .unwrap();
    let (_, html) = get(&app, &client, &path).await;
    assert!(html.contains("<button type=\"submit\" class=\"button\">Record attendance</button>"));
    assert!(html.contains(&format!("name=\"candidate_ids\" value=\"{aibek}\"")));

    let res = post(&app, &client, &attendance, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Tick at least one person who came"), "{html}");
    let res = post(&app, &client, &attendance, &[("candidate_ids", &aibek)]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(bookings_of(&app, &session)[0].1, None);

    let res = post(
        &app,
        &client,
        &attendance,
        &[("csrf", &csrf), ("candidate_ids", &aibek)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(bookings_of(&app, &session)[0].1.is_some());
    let (_, html) = get(&app, &client, &path).await;
    assert!(html.contains("tag--green\">Attended"), "{html}");

    // In Kyrgyz.
    let (status, html) = get(&app, &client, &format!("{path}?lang=ky")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"ky\""));
    assert!(html.contains("Багыттоо семинары"), "{html}");
    assert!(html.contains("Катышууну белгилөө"));
}

#[tokio::test]
async fn only_the_centres_own_clerks_open_its_pages() {
    let app = spawn_app().await;
    let (staff, _) = signed_in(&app, "centre").await;
    let (_, other) = signed_in(&app, "centre").await;
    let session = api_session(&app, &staff, 5).await;
    let person = walk_in(&app, &staff, "Айбек").await;
    let path = format!("/centre/sessions/{session}");

    // Another centre's clerk: as if it did not exist, and nothing changes.
    for p in [
        path.clone(),
        format!("/centre/candidates/{person}/readiness"),
        format!("/centre/candidates/{person}/readiness/medical"),
        format!("/centre/candidates/{person}/claim-code"),
    ] {
        let (status, html) = get(&app, &other, &p).await;
        assert_eq!(status, 404, "{p}");
        assert_layout(&html);
    }
    let csrf = token(&app, &other, "/centre/sessions").await;
    let res = post(
        &app,
        &other,
        &format!("{path}/bookings"),
        &[("csrf", &csrf), ("candidate_id", &person)],
    )
    .await;
    assert_eq!(res.status(), 404);
    let res = post(
        &app,
        &other,
        &format!("/centre/candidates/{person}/readiness/medical"),
        &[("csrf", &csrf), ("status", "ok")],
    )
    .await;
    assert_eq!(res.status(), 404);
    let res = post(
        &app,
        &other,
        &format!("/centre/candidates/{person}/claim-code"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), 404);
    assert!(bookings_of(&app, &session).is_empty());
    let (_, html) = get(&app, &other, "/centre/candidates").await;
    assert!(
        !html.contains(&person),
        "not among the other centre's people"
    );
    let items: i64 = readiness_items::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(items, 0);

    // Not a UUID, or an item that is not typed: the 404 page.
    let (_, own) = {
        let (client, _) = browser();
        sign_in(&app, &client, &staff.email, PASSWORD).await;
        ((), client)
    };
    for p in [
        "/centre/sessions/not-a-uuid".to_owned(),
        format!("/centre/candidates/{person}/readiness/orientation"),
        format!("/centre/candidates/{person}/readiness/visa"),
        "/centre/cohorts/123".to_owned(),
        format!("/centre/cohorts/{}", Uuid::now_v7()),
    ] {
        let (status, _) = get(&app, &own, &p).await;
        assert_eq!(status, 404, "{p}");
    }

    // Other roles: 403 pages.
    for role in ["migrant", "employer", "agency"] {
        let (_, client) = signed_in(&app, role).await;
        for p in [
            "/centre/sessions",
            "/centre/sessions/new",
            "/centre/candidates",
            "/centre/walk-in",
            "/centre/cohorts/new",
            path.as_str(),
        ] {
            let (status, html) = get(&app, &client, p).await;
            assert_eq!(status, 403, "{role} {p}");
            assert_layout(&html);
        }
        let csrf = token(&app, &client, "/account").await;
        let res = post(
            &app,
            &client,
            &format!("{path}/bookings"),
            &[("csrf", &csrf), ("candidate_id", &person)],
        )
        .await;
        assert_eq!(res.status(), 403, "{role}");
    }
    assert!(bookings_of(&app, &session).is_empty());

    // Signed out: to sign in, and back here after.
    let (anonymous, _) = browser();
    for p in ["/centre/sessions", path.as_str(), "/centre/walk-in"] {
        let res = anonymous.get(app.url(p)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{p}");
        assert!(location(&res).starts_with("/sign-in?next="), "{p}");
    }
}

#[tokio::test]
async fn the_checklist_is_kept_item_by_item() {
    let app = spawn_app().await;
    let (staff, client) = signed_in(&app, "centre").await;
    let person = walk_in(&app, &staff, "Айгуль").await;
    let path = format!("/centre/candidates/{person}/readiness");

    let (status, html) = get(&app, &client, &path).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Айгуль Жумабеков"));
    assert!(html.contains("Not ready to leave on"), "{html}");
    assert!(html.contains("Medical check (valid 3 months)"));
    assert!(html.contains(&format!("href=\"{path}/medical\"")));
    assert!(!html.contains(&format!("href=\"{path}/orientation\"")));
    assert!(html.contains("From attendance"));

    let item = format!("{path}/medical");
    let (status, html) = get(&app, &client, &item).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("<button type=\"submit\" class=\"button\">Save</button>"));
    let csrf = csrf_of(&html);
    let stored = |item: &str| -> Option<String> {
        readiness_items::table
            .filter(readiness_items::candidate_id.eq(uuid(&person)))
            .filter(readiness_items::item.eq(item))
            .select(readiness_items::status)
            .first(&mut app.conn())
            .optional()
            .unwrap()
    };

    // A date in the future, and a date that is not one.
    let tomorrow = (today() + Duration::days(1)).to_string();
    let res = post(
        &app,
        &client,
        &item,
        &[
            ("csrf", &csrf),
            ("status", "ok"),
            ("checked_on", &tomorrow),
            ("evidence_ref", "MED-77"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("error-summary"));
    assert!(html.contains("Enter a date no later than"), "{html}");
    assert!(html.contains("value=\"MED-77\""), "typed evidence kept");
    let res = post(
        &app,
        &client,
        &item,
        &[
            ("csrf", &csrf),
            ("status", "ok"),
            ("checked_on", "2026-02-31"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Enter a real date"));
    assert_eq!(stored("medical"), None);

    // Without the token nothing changes.
    let res = post(&app, &client, &item, &[("status", "ok")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(stored("medical"), None);

    let res = post(
        &app,
        &client,
        &item,
        &[
            ("csrf", &csrf),
            ("status", "ok"),
            ("evidence_ref", "MED-77"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), path);
    assert_eq!(stored("medical").as_deref(), Some("ok"));
    let (_, html) = get(&app, &client, &path).await;
    assert!(html.contains("Checked and in order"), "{html}");
    assert!(html.contains("MED-77"));

    // An `ok` passport needs the day it is valid until (the service's rule).
    let res = post(
        &app,
        &client,
        &format!("{path}/passport"),
        &[("csrf", &csrf), ("status", "ok")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Enter the last day the document is valid"),
        "{html}"
    );
    assert_eq!(stored("passport"), None);

    // The Russian test records a level.
    let russian = format!("{path}/russian_test");
    let (_, html) = get(&app, &client, &russian).await;
    assert!(html.contains("<label for=\"level\">"));
    let res = post(
        &app,
        &client,
        &russian,
        &[("csrf", &csrf), ("status", "ok")],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("Choose the level the test showed"));
    let res = post(
        &app,
        &client,
        &russian,
        &[("csrf", &csrf), ("status", "ok"), ("level", "B1")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(stored("russian_test").as_deref(), Some("ok"));

    // In Uzbek.
    let (_, html) = get(&app, &client, &format!("{path}?lang=uz")).await;
    assert!(html.contains("Joʻnashga tayyorlik"), "{html}");
}

#[tokio::test]
async fn a_walk_in_is_registered_and_gets_a_claim_code_that_works() {
    let app = spawn_app().await;
    let (staff, client) = signed_in(&app, "centre").await;
    let profiles = |app: &TestApp| -> i64 {
        candidate_profiles::table
            .filter(candidate_profiles::created_by.eq(staff.id))
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };

    let (status, html) = get(&app, &client, "/centre/walk-in").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    for field in [
        "first_name",
        "last_name",
        "date_of_birth",
        "passport_number",
        "phone",
    ] {
        assert!(
            html.contains(&format!("<label for=\"{field}\">")),
            "{field}"
        );
    }
    assert!(html.contains("<button type=\"submit\" class=\"button\">Register the person</button>"));
    let csrf = csrf_of(&html);
    let expiry = (today() + Duration::days(2000)).to_string();
    let number = passport();
    let person: Vec<(&str, &str)> = vec![
        ("first_name", "Бакыт"),
        ("last_name", "Осмонов"),
        ("date_of_birth", "1992-05-14"),
        ("gender", "male"),
        ("citizenship", "KG"),
        ("passport_number", &number),
        ("passport_expiry", &expiry),
        ("phone", "+996555123456"),
        ("email", ""),
        ("native_language", "ky"),
        ("russian_level", "A2"),
    ];

    // No consent and a bad passport number: 422, what was typed kept, nothing stored.
    let mut bad = vec![("csrf", csrf.as_str())];
    bad.extend(person.iter().map(|(k, v)| {
        if *k == "passport_number" {
            (*k, "№ 12")
        } else {
            (*k, *v)
        }
    }));
    let res = post(&app, &client, "/centre/walk-in", &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("error-summary"));
    assert!(
        html.contains("Choose how the person gave their consent"),
        "{html}"
    );
    assert!(html.contains("Enter the passport number: 5 to 20 Latin letters and digits"));
    assert!(html.contains("value=\"Бакыт\""), "typed name kept");
    assert_eq!(profiles(&app), 0);

    let mut good = vec![("csrf", csrf.as_str()), ("consent", "in_person")];
    good.extend(person.iter().copied());
    let res = post(&app, &client, "/centre/walk-in", &good[1..]).await;
    assert_eq!(res.status(), 403, "no token");
    assert_eq!(profiles(&app), 0);

    let res = post(&app, &client, "/centre/walk-in", &good).await;
    assert_eq!(res.status(), 303);
    let claim = location(&res);
    assert!(claim.ends_with("/claim-code"), "{claim}");
    assert_eq!(profiles(&app), 1);
    let id: Uuid = candidate_profiles::table
        .filter(candidate_profiles::created_by.eq(staff.id))
        .select(candidate_profiles::id)
        .first(&mut app.conn())
        .unwrap();
    let by_centre: Vec<Option<Uuid>> = consents::table
        .filter(consents::profile_id.eq(id))
        .select(consents::centre_id)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(by_centre, vec![staff.centre_id]);
    let (_, html) = get(&app, &client, "/centre/candidates").await;
    assert!(html.contains("Бакыт Осмонов"), "{html}");
    assert!(html.contains(&format!("href=\"/centre/candidates/{id}/readiness\"")));

    let (status, html) = get(&app, &client, &claim).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("<button type=\"submit\" class=\"button\">Issue a claim code</button>"));
    let csrf = csrf_of(&html);
    let res = post(&app, &client, &claim, &[]).await;
    assert_eq!(res.status(), 403);
    let codes = |app: &TestApp| -> i64 {
        claim_codes::table
            .filter(claim_codes::candidate_id.eq(id))
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };
    assert_eq!(codes(&app), 0);

    let res = post(&app, &client, &claim, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    assert_layout(&html);
    let marker = "<p class=\"claim-code\" id=\"claim-code\" lang=\"en\">";
    let start = html.find(marker).expect("the code") + marker.len();
    let code = &html[start..start + 11];
    assert_eq!(code.len(), 11);
    assert_eq!(&code[5..6], "-");
    assert!(html.contains("Create an account on this site"));
    assert_eq!(codes(&app), 1);

    // The person takes the profile over with it.
    let migrant = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/me/claim",
            Some(&migrant.token),
            json!({"code": code.to_lowercase()}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let (status, html) = get(&app, &client, &claim).await;
    assert_eq!(status, 409);
    assert!(html.contains("This person has their own account"));
    let res = post(&app, &client, &claim, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 409);

    // In Tajik.
    let (_, html) = get(&app, &client, "/centre/walk-in?lang=tg").await;
    assert!(html.contains("Ба қайд гирифтани шахси омада"), "{html}");
}

/// An approved placement of a migrant who lets a new centre represent them; the centre's
/// signed-in clerk.
async fn approved_with_centre() -> (crate::contracts::World, Account, Client, String, String) {
    let w = world_with(2).await;
    let app = &w.app;
    let (staff, client) = signed_in(app, "centre").await;
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
    let res = app
        .post(
            &format!("/api/v1/candidates/{candidate}/consents"),
            Some(&w.migrant.token),
            json!({"centre_id": staff.centre_id}),
        )
        .await;
    assert_eq!(res.status(), 201);
    (w, staff, client, placement, candidate)
}

#[tokio::test]
async fn a_cohort_is_formed_and_confirmed_and_says_who_stayed() {
    let (w, staff, client, placement, candidate) = approved_with_centre().await;
    let app = &w.app;
    let cohorts_of = |app: &TestApp| -> i64 {
        cohorts::table
            .filter(cohorts::centre_id.eq(staff.centre_id.unwrap()))
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };

    let (status, html) = get(app, &client, "/centre/cohorts/new").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains(&format!("value=\"{placement}\"")), "{html}");
    assert!(html.contains("Азамат Жумабеков — not ready today"));
    assert!(html.contains("<button type=\"submit\" class=\"button\">Form the group</button>"));
    let csrf = csrf_of(&html);
    let date = today().to_string();

    // Nobody chosen, no transport: 422, nothing stored.
    let res = post(
        app,
        &client,
        "/centre/cohorts/new",
        &[
            ("csrf", &csrf),
            ("departure_date", &date),
            ("transport", ""),
            ("escort", "Асель Токтогулова"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter how the group travels"), "{html}");
    assert!(html.contains("Tick at least one person for the group"));
    assert!(html.contains("value=\"Асель Токтогулова\""));
    assert_eq!(cohorts_of(app), 0);

    let good = [
        ("departure_date", date.as_str()),
        ("transport", "Рейс Бишкек — Екатеринбург, 07:40"),
        ("escort", ""),
        ("placement_ids", placement.as_str()),
    ];
    let res = post(app, &client, "/centre/cohorts/new", &good).await;
    assert_eq!(res.status(), 403);
    assert_eq!(cohorts_of(app), 0);
    let mut fields = vec![("csrf", csrf.as_str())];
    fields.extend(good);
    let res = post(app, &client, "/centre/cohorts/new", &fields).await;
    assert_eq!(res.status(), 303);
    let cohort = location(&res);
    assert_eq!(cohorts_of(app), 1);

    let (status, html) = get(app, &client, &cohort).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Рейс Бишкек — Екатеринбург, 07:40"));
    assert!(html.contains("Азамат Жумабеков"));
    assert!(html.contains("Not confirmed"));
    assert!(html.contains("<button type=\"submit\" class=\"button\">Confirm the group</button>"));

    // One person's departure: refused, the missing items named.
    let res = post(
        app,
        &client,
        &format!("/centre/placements/{placement}/departure"),
        &[
            ("csrf", &csrf),
            ("date", &date),
            ("cohort", cohort.trim_start_matches("/centre/cohorts/")),
        ],
    )
    .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Not recorded: the person is not ready on that day."),
        "{html}"
    );
    assert!(html.contains("Medical check (valid 3 months): missing"));

    // Another centre's clerk does not see the cohort.
    let (_, other) = signed_in(app, "centre").await;
    let (status, _) = get(app, &other, &cohort).await;
    assert_eq!(status, 404);
    let other_csrf = token(app, &other, "/centre/sessions").await;
    let res = post(
        app,
        &other,
        &format!("{cohort}/confirmation"),
        &[("csrf", &other_csrf)],
    )
    .await;
    assert_eq!(res.status(), 404);

    // Confirmation without the token changes nothing; with it, the person stays, not ready.
    let res = post(app, &client, &format!("{cohort}/confirmation"), &[]).await;
    assert_eq!(res.status(), 403);
    let confirmed = |app: &TestApp| -> Option<chrono::DateTime<Utc>> {
        cohorts::table
            .filter(cohorts::centre_id.eq(staff.centre_id.unwrap()))
            .select(cohorts::confirmed_at)
            .first(&mut app.conn())
            .unwrap()
    };
    assert_eq!(confirmed(app), None);
    let res = post(
        app,
        &client,
        &format!("{cohort}/confirmation"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(confirmed(app).is_some());
    let outcome: Option<String> = cohort_placements::table
        .select(cohort_placements::outcome)
        .filter(cohort_placements::placement_id.eq(uuid(&placement)))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(outcome.as_deref(), Some("not_ready"));
    let (_, html) = get(app, &client, &cohort).await;
    assert!(html.contains("Stayed: not ready"), "{html}");
    assert!(!html.contains("Confirm the group</button>"));
    let res = post(
        app,
        &client,
        &format!("{cohort}/confirmation"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("This group is already confirmed."));

    // The checklist measures the passport against the contract, and says by how much it falls short.
    let readiness = format!("/centre/candidates/{candidate}/readiness");
    let soon = (today() + Duration::days(30)).to_string();
    let res = post(
        app,
        &client,
        &format!("{readiness}/passport"),
        &[("csrf", &csrf), ("status", "ok"), ("valid_until", &soon)],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, html) = get(app, &client, &readiness).await;
    assert!(html.contains("Contract: "), "{html}");
    assert!(
        html.contains(&format!(
            "not valid long enough: valid until {soon}, needed until"
        )),
        "{html}"
    );

    // In Kyrgyz.
    let (_, html) = get(app, &client, &format!("{cohort}?lang=ky")).await;
    assert!(html.contains("Жөнөө тобу"), "{html}");
}
