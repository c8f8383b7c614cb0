//! The agency's pages over HTTP: what is on them, what their forms change, who is refused.

use diesel::prelude::*;
use reqwest::header::LOCATION;
use reqwest::{Client, Response};
use serde_json::json;
use uuid::Uuid;

use orgnabor::db::schema::{candidate_profiles, consents, placements};
use orgnabor::i18n::Locale;
use orgnabor::render::l10n;

use crate::helpers::*;
use crate::web_account::{csrf_of, sign_in};
use crate::web_core::get_page as get;
use crate::web_core::{assert_layout, browser};

async fn post(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &(impl serde::Serialize + ?Sized),
) -> Response {
    client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("sent")
}

/// A browser signed in as a new account of `role`.
async fn signed_in(app: &TestApp, role: &str) -> (Account, Client) {
    let account = app.account(role).await;
    let (client, _) = browser();
    sign_in(app, &client, &account.email, PASSWORD).await;
    (account, client)
}

fn profiles(app: &TestApp) -> i64 {
    candidate_profiles::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn placement_count(app: &TestApp) -> i64 {
    placements::table
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// A profile the agency keeps for a person who consented in person (through the API).
async fn represented(app: &TestApp, agency: &Account, passport: &str) -> String {
    let mut body = candidate_body(passport);
    body["consent"] = json!({"method": "in_person"});
    let res = app
        .post("/api/v1/candidates", Some(&agency.token), body)
        .await;
    assert_eq!(res.status(), 201, "profile");
    json_body(res).await["id"].as_str().unwrap().to_owned()
}

fn person_form(csrf: &str, passport: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.to_owned()),
        ("first_name", "Бакыт".into()),
        ("last_name", "Асанов".into()),
        ("date_of_birth", "1992-05-03".into()),
        ("gender", "male".into()),
        ("citizenship", "KG".into()),
        ("passport_number", passport.into()),
        (
            "passport_expiry",
            (today() + chrono::Duration::days(1500)).to_string(),
        ),
        ("phone", "+996555000111".into()),
        ("email", String::new()),
        ("russian_level", "B1".into()),
        ("skills", "Каменщик".into()),
        ("experience_years", "5".into()),
        ("salary_min", "70000".into()),
        ("searchable", "yes".into()),
        ("consent_method", "written".into()),
    ]
}

#[tokio::test]
async fn an_agency_registers_a_candidate_sees_them_masked_and_ends_its_consent() {
    let app = spawn_app().await;
    let (staff, client) = signed_in(&app, "agency").await;

    let (status, html) = get(&app, &client, "/agency/candidates/new").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Register a candidate"));
    assert!(!html.contains("class=\"banner\""));
    let csrf = csrf_of(&html);

    // Bad input: 422 with the error summary, what was typed kept, nothing stored.
    let mut bad = person_form(&csrf, "ID7654321");
    bad.retain(|(k, _)| !matches!(*k, "first_name" | "consent_method" | "date_of_birth"));
    let res = post(&app, &client, "/agency/candidates/new", &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("href=\"#first_name\""));
    assert!(html.contains("href=\"#consent_method\""));
    assert!(html.contains("value=\"ID7654321\""));
    assert_eq!(profiles(&app), 0);

    // No CSRF token: 403, nothing stored.
    let no_csrf: Vec<_> = person_form("", "ID7654321")
        .into_iter()
        .filter(|(k, _)| *k != "csrf")
        .collect();
    let res = post(&app, &client, "/agency/candidates/new", &no_csrf).await;
    assert_eq!(res.status(), 403);
    assert_eq!(profiles(&app), 0);

    // Registered with the person's written consent.
    let res = post(
        &app,
        &client,
        "/agency/candidates/new",
        &person_form(&csrf, "ID7654321"),
    )
    .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()[LOCATION].to_str().unwrap().to_owned();
    let id: Uuid = location
        .strip_prefix("/agency/candidates/")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(profiles(&app), 1);
    let (consent_id, agency_id, method): (Uuid, Option<Uuid>, String) = consents::table
        .filter(consents::profile_id.eq(id))
        .select((consents::id, consents::agency_id, consents::method))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(agency_id, staff.agency_id);
    assert_eq!(method, "written");

    let (status, html) = get(&app, &client, "/agency/candidates").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Бакыт Асанов"));
    assert!(html.contains("Consent active"));
    assert!(html.contains("signed on paper"));
    assert!(html.contains("****4321") && !html.contains("ID7654321"));

    let (status, html) = get(&app, &client, &location).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("<h1>Бакыт Асанов</h1>"));
    assert!(html.contains("****4321") && !html.contains("7654321\""));
    let revoke = format!("/agency/candidates/{id}/consents/{consent_id}/revoke");
    assert!(html.contains(&format!("action=\"{revoke}\"")));
    assert!(html.contains(&format!("href=\"/agency/candidates/{id}/propose\"")));

    // Ending the consent: without the token nothing changes; with it the person is no longer
    // the agency's to see.
    let res = post(&app, &client, &revoke, &[] as &[(&str, &str)]).await;
    assert_eq!(res.status(), 403);
    let revoked = || -> Option<chrono::DateTime<chrono::Utc>> {
        consents::table
            .find(consent_id)
            .select(consents::revoked_at)
            .first(&mut app.conn())
            .unwrap()
    };
    assert!(revoked().is_none());
    let res = post(&app, &client, &revoke, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/agency/candidates");
    assert!(revoked().is_some());
    assert_eq!(get(&app, &client, &location).await.0, 404);
    let (_, html) = get(&app, &client, "/agency/candidates").await;
    assert!(!html.contains("Бакыт"));
}

#[tokio::test]
async fn agency_pages_are_for_the_agency_and_its_own_candidates_only() {
    let app = spawn_app().await;
    let (staff, _) = signed_in(&app, "agency").await;
    let theirs = represented(&app, &staff, "AB1234567").await;
    let (_, other) = signed_in(&app, "agency").await;

    // Another agency: the candidate does not exist for it.
    let (status, _) = get(&app, &other, &format!("/agency/candidates/{theirs}")).await;
    assert_eq!(status, 404);
    let (status, _) = get(
        &app,
        &other,
        &format!("/agency/candidates/{theirs}/propose"),
    )
    .await;
    assert_eq!(status, 404);
    let (_, html) = get(&app, &other, "/agency/candidates").await;
    assert!(!html.contains(&theirs));
    assert_eq!(
        get(&app, &other, "/agency/candidates/not-a-uuid").await.0,
        404
    );
    assert_eq!(get(&app, &other, "/agency/placements/12345").await.0, 404);

    // Other roles: 403 on every page.
    for role in ["migrant", "employer", "admin"] {
        let (_, client) = signed_in(&app, role).await;
        for path in [
            "/agency/candidates".to_owned(),
            "/agency/candidates/new".to_owned(),
            format!("/agency/candidates/{theirs}"),
            "/agency/placements".to_owned(),
        ] {
            assert_eq!(get(&app, &client, &path).await.0, 403, "{role} {path}");
        }
    }

    // Signed out: to sign in, and back.
    let (anonymous, _) = browser();
    let res = anonymous
        .get(app.url("/agency/candidates"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/sign-in?next=/agency/candidates");

    // The account home offers the agency's pages.
    let (_, client) = signed_in(&app, "agency").await;
    let (_, html) = get(&app, &client, "/account").await;
    assert!(html.contains("href=\"/agency/candidates\""));
    assert!(html.contains("href=\"/agency/placements\""));
}

#[tokio::test]
async fn an_agency_proposes_a_candidate_and_follows_the_placement() {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let vacancy = app.published_vacancy(&employer.token, vacancy_body()).await;
    let (staff, client) = signed_in(&app, "agency").await;
    let person = represented(&app, &staff, "AC1234567").await;
    let propose = format!("/agency/candidates/{person}/propose");

    let (status, html) = get(&app, &client, &propose).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Азамат Жумабеков"), "caption");
    assert!(html.contains(&format!("<option value=\"{vacancy}\"")));
    assert!(html.contains("Сварщик на металлоконструкции"));
    let csrf = csrf_of(&html);

    // No vacancy chosen: 422, nothing begun.
    let res = post(
        &app,
        &client,
        &propose,
        &[("csrf", csrf.as_str()), ("vacancy_id", "")],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("class=\"error-summary\""));
    let res = post(&app, &client, &propose, &[("vacancy_id", &vacancy)]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(placement_count(&app), 0);

    let res = post(
        &app,
        &client,
        &propose,
        &[("csrf", &csrf), ("vacancy_id", &vacancy)],
    )
    .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()[LOCATION].to_str().unwrap().to_owned();
    let (origin, by, state): (String, Option<Uuid>, String) = placements::table
        .select((
            placements::origin,
            placements::proposed_by_agency,
            placements::state,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(origin, "proposed");
    assert_eq!(by, staff.agency_id);
    assert_eq!(state, "proposed");

    // Twice is refused in plain words, nothing more begun.
    let res = post(
        &app,
        &client,
        &propose,
        &[("csrf", &csrf), ("vacancy_id", &vacancy)],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("already been put forward for this vacancy"));
    assert_eq!(placement_count(&app), 1);

    let (status, html) = get(&app, &client, "/agency/placements").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains(&format!("href=\"{location}\"")));
    assert!(html.contains("Сварщик на металлоконструкции"));
    assert!(html.contains("Азамат Жумабеков"));
    assert!(html.contains("proposal by an agency"));
    let (status, html) = get(&app, &client, &location).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("What has happened"));
    assert!(html.contains("(by the agency)"));
    assert!(html.contains("Nothing for now"));
    let (_, html) = get(
        &app,
        &client,
        &format!("/agency/placements?candidate={person}"),
    )
    .await;
    assert!(html.contains(&format!("href=\"{location}\"")));

    // Departure is the agency's step only once the ministry approved: refused in plain words
    // before that, a date in the future is a field error, and without the token nothing is sent.
    let depart = format!("{location}/departure");
    let res = post(&app, &client, &depart, &[("date", today().to_string())]).await;
    assert_eq!(res.status(), 403);
    let tomorrow = (today() + chrono::Duration::days(1)).to_string();
    let res = post(
        &app,
        &client,
        &depart,
        &[("csrf", csrf.clone()), ("date", tomorrow)],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("href=\"#date\""));
    let res = post(
        &app,
        &client,
        &depart,
        &[("csrf", csrf.clone()), ("date", today().to_string())],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("This cannot be done now"));
    let state: String = placements::table
        .select(placements::state)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(state, "proposed");

    // Another agency does not see it.
    let (_, other) = signed_in(&app, "agency").await;
    assert_eq!(get(&app, &other, &location).await.0, 404);
    let res = post(
        &app,
        &other,
        &depart,
        &[
            (
                "csrf",
                csrf_of(&get(&app, &other, "/agency/placements").await.1),
            ),
            ("date", today().to_string()),
        ],
    )
    .await;
    assert_eq!(res.status(), 404);
    let (_, html) = get(&app, &other, "/agency/placements").await;
    assert!(!html.contains(&location));
}

#[tokio::test]
async fn under_a_suspended_licence_every_page_says_so_and_nothing_can_be_done() {
    let app = spawn_app().await;
    let ministry = app.account("ministry").await;
    let (staff, client) = signed_in(&app, "agency").await;
    let agency = staff.agency_id.unwrap();
    let person = represented(&app, &staff, "AD1234567").await;
    let employer = app.account("employer").await;
    let vacancy = app.published_vacancy(&employer.token, vacancy_body()).await;
    let csrf = csrf_of(&get(&app, &client, "/agency/candidates/new").await.1);
    let res = app
        .post(
            &format!("/api/v1/agencies/{agency}/licence/suspend"),
            Some(&ministry.token),
            json!({"reason": "Жалобы работников на плату за трудоустройство"}),
        )
        .await;
    assert_eq!(res.status(), 200);

    for path in [
        "/agency/candidates".to_owned(),
        "/agency/candidates/new".to_owned(),
        format!("/agency/candidates/{person}"),
        format!("/agency/candidates/{person}/propose"),
        "/agency/placements".to_owned(),
    ] {
        let (status, html) = get(&app, &client, &path).await;
        assert_eq!(status, 200, "{path}");
        assert_layout(&html);
        assert!(
            html.contains("<div class=\"banner\" role=\"alert\">"),
            "{path}"
        );
        assert!(html.contains("Licence suspended"), "{path}");
        assert!(
            html.contains("Жалобы работников на плату за трудоустройство"),
            "{path}: the reason"
        );
        assert!(html.contains(&format!("Since {}.", today())), "{path}");
        assert!(!html.contains("Азамат"), "{path}: no personal data");
    }
    let (_, html) = get(&app, &client, "/agency/candidates/new").await;
    assert!(html.contains("<button type=\"submit\" class=\"button\" disabled>"));
    assert!(html.contains("You cannot do this while your agency’s licence is not active."));
    let (_, html) = get(
        &app,
        &client,
        &format!("/agency/candidates/{person}/propose"),
    )
    .await;
    assert!(html.contains("disabled>"));

    // Sent anyway: the service refuses, nothing is stored.
    let before = profiles(&app);
    let res = post(
        &app,
        &client,
        "/agency/candidates/new",
        &person_form(&csrf, "AD7654321"),
    )
    .await;
    assert_eq!(res.status(), 403);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"banner\""));
    assert!(
        html.contains("value=\"AD7654321\""),
        "what was typed is kept"
    );
    assert_eq!(profiles(&app), before);
    let res = post(
        &app,
        &client,
        &format!("/agency/candidates/{person}/propose"),
        &[("csrf", &csrf), ("vacancy_id", &vacancy)],
    )
    .await;
    assert_eq!(res.status(), 403);
    assert_eq!(placement_count(&app), 0);

    // In Tajik.
    let (status, html) = get(&app, &client, "/agency/candidates?lang=tg").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"tg\""));
    assert!(html.contains(&l10n::text(Locale::Tg, "web-agency-banner-ministry", None)));
    assert!(html.contains(&l10n::text(Locale::Tg, "web-agency-candidates-title", None)));
}

#[tokio::test]
async fn an_expired_licence_says_until_when_it_was_valid() {
    let app = spawn_app().await;
    let (staff, client) = signed_in(&app, "agency").await;
    let ended = today() - chrono::Duration::days(3);
    diesel::update(orgnabor::db::schema::agencies::table.find(staff.agency_id.unwrap()))
        .set(orgnabor::db::schema::agencies::licence_valid_to.eq(ended))
        .execute(&mut app.conn())
        .unwrap();
    let (status, html) = get(&app, &client, "/agency/placements").await;
    assert_eq!(status, 200);
    assert!(html.contains("<div class=\"banner\" role=\"alert\">"));
    assert!(html.contains("Licence expired"));
    assert!(html.contains(&format!("The licence was valid until {ended}.")));
    let (_, html) = get(&app, &client, "/agency/candidates?lang=ky").await;
    assert!(html.contains(&l10n::text(Locale::Ky, "web-agency-banner-effect", None)));
}
