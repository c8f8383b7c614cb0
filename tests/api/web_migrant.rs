//! The migrant's pages over HTTP: what is on them, what their forms change, who is refused.

use diesel::prelude::*;
use reqwest::{Client, Response};
use serde_json::json;
use uuid::Uuid;

use orgnabor::db::schema::{candidate_profiles, contract_signatures, placements};

use crate::contracts::{offered, terms, world_with};
use crate::helpers::*;
use crate::web_account::{csrf_of, sign_in};
use crate::web_core::location;
use crate::web_core::{assert_layout, browser, html_lang};

async fn get(client: &Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.expect("sent");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

async fn post(client: &Client, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Response {
    client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("sent")
}

/// A browser signed in as `account`, and its CSRF token.
async fn signed_in(app: &TestApp, account: &Account) -> (Client, String) {
    let (client, _) = browser();
    sign_in(app, &client, &account.email, PASSWORD).await;
    let (status, html) = get(&client, app, "/account").await;
    assert_eq!(status, 200);
    let csrf = csrf_of(&html);
    (client, csrf)
}

fn profile_of(app: &TestApp, user: Uuid) -> Option<(String, Option<i32>)> {
    candidate_profiles::table
        .filter(candidate_profiles::user_id.eq(user))
        .select((
            candidate_profiles::first_name,
            candidate_profiles::salary_min,
        ))
        .first(&mut app.conn())
        .optional()
        .unwrap()
}

fn placement_state(app: &TestApp, id: &str) -> String {
    placements::table
        .find(Uuid::parse_str(id).unwrap())
        .select(placements::state)
        .first(&mut app.conn())
        .unwrap()
}

fn placements_of_vacancy(app: &TestApp, vacancy: &str) -> i64 {
    placements::table
        .filter(placements::vacancy_id.eq(Uuid::parse_str(vacancy).unwrap()))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// The profile form as a migrant fills it in.
fn profile_fields<'a>(
    csrf: &'a str,
    passport: &'a str,
    salary: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("first_name", "Айгуль"),
        ("last_name", "Токтогулова"),
        ("date_of_birth", "1995-04-12"),
        ("gender", "female"),
        ("citizenship", "KG"),
        ("passport_number", passport),
        ("passport_expiry", "2031-01-01"),
        ("phone", "+996 555 123 456"),
        ("lang_ru", "B1"),
        ("lang_ky", "C2"),
        ("lang_uz", ""),
        ("occupation_1", "7212"),
        ("occupation_2", ""),
        ("preferred_regions", "RU-SVE"),
        ("preferred_regions", "RU-MOW"),
        ("salary_min", salary),
        ("searchable", "yes"),
    ]
}

#[tokio::test]
async fn a_migrant_creates_and_changes_their_profile_and_nobody_else_can() {
    let app = spawn_app().await;
    let migrant = app.account("migrant").await;

    // Signed out: to sign in, and back here after.
    let (anon, _) = browser();
    let res = anon.get(app.url("/migrant/profile")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/sign-in?next=/migrant/profile");

    let (client, csrf) = signed_in(&app, &migrant).await;
    let (_, home) = get(&client, &app, "/account").await;
    assert!(home.contains("href=\"/migrant/profile\""), "menu: {home}");
    assert!(home.contains("href=\"/migrant/applications\""));

    // No profile yet: an invitation to make one.
    let (status, html) = get(&client, &app, "/migrant/profile?lang=en").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("You do not have a profile yet"), "{html}");
    assert!(html.contains("href=\"/migrant/profile/edit\""));

    let (status, html) = get(&client, &app, "/migrant/profile/edit").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(
        html.contains("name=\"preferred_regions\""),
        "regions: {html}"
    );
    assert!(html.contains("value=\"RU-SVE\""));
    assert!(html.contains("name=\"lang_ru\""));

    // Without the CSRF token: 403, nothing saved.
    let mut fields = profile_fields("", "AC3000001", "70000");
    fields.remove(0);
    let res = post(&client, &app, "/migrant/profile/edit", &fields).await;
    assert_eq!(res.status(), 403);
    assert!(profile_of(&app, migrant.id).is_none());

    // Bad input: the API's rules on the form, 422, what was typed kept, nothing saved.
    let mut fields = profile_fields(&csrf, "AB#1", "sixty");
    fields[3] = ("date_of_birth", "2015-01-01");
    let res = post(&client, &app, "/migrant/profile/edit", &fields).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(html.contains("href=\"#salary_min\""), "{html}");
    assert!(html.contains("Enter the amount in digits"));
    assert!(html.contains("value=\"sixty\""), "typed value kept");
    assert!(profile_of(&app, migrant.id).is_none());
    let fields = profile_fields(&csrf, "AB#1", "70000");
    let mut fields = fields;
    fields[3] = ("date_of_birth", "2015-01-01");
    let res = post(&client, &app, "/migrant/profile/edit", &fields).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#date_of_birth\""), "{html}");
    assert!(html.contains("href=\"#passport_number\""));
    assert!(html.contains("Enter the passport number in Latin letters"));
    assert!(profile_of(&app, migrant.id).is_none());

    // Good input: the profile exists.
    let res = post(
        &client,
        &app,
        "/migrant/profile/edit",
        &profile_fields(&csrf, "AC3000001", "70 000"),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/migrant/profile?saved=1");
    assert_eq!(
        profile_of(&app, migrant.id),
        Some(("Айгуль".to_owned(), Some(70_000)))
    );
    let (status, html) = get(&client, &app, "/migrant/profile?saved=1").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(
        html.contains("Айгуль") && html.contains("AC3000001"),
        "{html}"
    );
    assert!(html.contains("Russian — B1"), "{html}");

    // Changing it: the form comes filled in; the change is saved.
    let (_, html) = get(&client, &app, "/migrant/profile/edit").await;
    assert!(html.contains("value=\"Токтогулова\""));
    assert!(html.contains("value=\"RU-MOW\" checked"), "{html}");
    let res = post(
        &client,
        &app,
        "/migrant/profile/edit",
        &profile_fields(&csrf, "AC3000001", "85000"),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(profile_of(&app, migrant.id).unwrap().1, Some(85_000));

    // In Kyrgyz.
    let (_, html) = get(&client, &app, "/migrant/profile?lang=ky").await;
    assert_eq!(html_lang(&html), "ky");
    assert!(html.contains("Сиздин анкетаңыз"), "{html}");

    // Another role: 403.
    let employer = app.account("employer").await;
    let (other, csrf) = signed_in(&app, &employer).await;
    let (status, _) = get(&other, &app, "/migrant/profile").await;
    assert_eq!(status, 403);
    let res = post(
        &other,
        &app,
        "/migrant/profile/edit",
        &profile_fields(&csrf, "AC3000002", "1"),
    )
    .await;
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn a_migrant_applies_from_the_vacancy_page_and_follows_and_withdraws_the_application() {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let migrant = app.account("migrant").await;
    let vacancy = app.published_vacancy(&employer.token, vacancy_body()).await;
    let page = format!("/vacancies/{vacancy}");

    // Signed out: a link to sign in and come back.
    let (anon, _) = browser();
    let (_, html) = get(&anon, &app, &format!("{page}?lang=en")).await;
    assert!(html.contains("Sign in to apply"));
    assert!(html.contains("/sign-in?next="), "{html}");
    assert!(!html.contains("class=\"apply-form\""));

    let (client, csrf) = signed_in(&app, &migrant).await;
    let (_, html) = get(&client, &app, &page).await;
    assert!(html.contains("class=\"apply-form\""), "{html}");
    assert!(html.contains(&format!("name=\"vacancy_id\" value=\"{vacancy}\"")));

    // No profile yet: told to make one.
    let apply = [("csrf", csrf.as_str()), ("vacancy_id", vacancy.as_str())];
    let res = post(&client, &app, "/migrant/applications", &apply).await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("Create your profile first"), "{html}");
    assert!(html.contains("href=\"/migrant/profile/edit\""));
    assert_eq!(placements_of_vacancy(&app, &vacancy), 0);

    let res = app
        .post(
            "/api/v1/candidates",
            Some(&migrant.token),
            candidate_body("AC3000011"),
        )
        .await;
    assert_eq!(res.status(), 201);

    // Without the CSRF token: 403, no application.
    let res = post(&client, &app, "/migrant/applications", &apply[1..]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(placements_of_vacancy(&app, &vacancy), 0);

    let res = post(&client, &app, "/migrant/applications", &apply).await;
    assert_eq!(res.status(), 303);
    let target = location(&res);
    let id = target
        .strip_prefix("/migrant/applications/")
        .expect("to the application")
        .to_owned();
    assert_eq!(placement_state(&app, &id), "applied");

    // Again: already applied, with the way to the open application.
    let res = post(&client, &app, "/migrant/applications", &apply).await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert!(html.contains("You have already applied"), "{html}");
    assert!(html.contains(&format!("href=\"{target}\"")));
    assert_eq!(placements_of_vacancy(&app, &vacancy), 1);

    // A vacancy that is not open.
    let gone = Uuid::new_v4().to_string();
    let res = post(
        &client,
        &app,
        "/migrant/applications",
        &[("csrf", &csrf), ("vacancy_id", &gone)],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("not open for applications"));

    // The list and the application's page, with its timeline and the withdraw button.
    let (status, html) = get(&client, &app, "/migrant/applications").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Сварщик на металлоконструкции"), "{html}");
    assert!(html.contains(&format!("href=\"{target}\"")));
    let label = orgnabor::services::placements::state_label(
        orgnabor::i18n::Locale::En,
        orgnabor::domain::placement::PlacementState::Applied,
    );
    assert!(html.contains(&format!(">{label}<")), "state label: {html}");
    let (status, html) = get(&client, &app, &target).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("class=\"timeline\""));
    assert!(html.contains("Withdraw my application"), "{html}");
    assert!(html.contains("name=\"to\" value=\"withdrawn\""));

    // Another migrant cannot see it or act on it; bad ids are 404s.
    let other = app.account("migrant").await;
    let (stranger, stranger_csrf) = signed_in(&app, &other).await;
    let (status, _) = get(&stranger, &app, &target).await;
    assert_eq!(status, 404);
    let res = post(
        &stranger,
        &app,
        &format!("{target}/steps"),
        &[("csrf", &stranger_csrf), ("to", "withdrawn")],
    )
    .await;
    assert_eq!(res.status(), 404);
    assert_eq!(placement_state(&app, &id), "applied");
    let (status, _) = get(&client, &app, "/migrant/applications/not-a-uuid").await;
    assert_eq!(status, 404);
    // The employer is refused the migrant's pages.
    let (boss, _) = signed_in(&app, &employer).await;
    let (status, _) = get(&boss, &app, &target).await;
    assert_eq!(status, 403);

    // Withdrawing: without the token nothing changes; with it, the state and the timeline do.
    let steps = format!("{target}/steps");
    let res = post(&client, &app, &steps, &[("to", "withdrawn")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(placement_state(&app, &id), "applied");
    let res = post(
        &client,
        &app,
        &steps,
        &[
            ("csrf", &csrf),
            ("to", "withdrawn"),
            ("reason", "Нашёл работу ближе"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(placement_state(&app, &id), "withdrawn");
    let (_, html) = get(&client, &app, &format!("{target}?lang=ky")).await;
    assert_eq!(html_lang(&html), "ky");
    assert!(html.contains("Сиздин өтүнмөңүз"), "{html}");
    assert!(html.contains("Нашёл работу ближе"));
    assert!(!html.contains("name=\"to\""), "no step left");
    // A step no longer possible: the page again, with a message.
    let res = post(
        &client,
        &app,
        &steps,
        &[("csrf", &csrf), ("to", "withdrawn")],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("class=\"error-summary\""));
}

#[tokio::test]
async fn a_migrant_reads_the_contract_in_kyrgyz_and_confirms_it() {
    let w = world_with(3).await;
    let app = &w.app;
    let id = offered(app, &w.employer.token, &w.migrant.token, &w.vacancy).await;
    let page = format!("/migrant/applications/{id}/contract");
    let (client, csrf) = signed_in(app, &w.migrant).await;

    // No contract written yet.
    let (status, html) = get(&client, app, &format!("{page}?lang=en")).await;
    assert_eq!(status, 200);
    assert!(html.contains("has not written the contract yet"), "{html}");

    let res = app
        .post(
            &format!("/api/v1/placements/{id}/contract"),
            Some(&w.employer.token),
            terms(),
        )
        .await;
    assert_eq!(res.status(), 201);
    // Written but not signed by the employer: nothing to confirm yet.
    let (_, html) = get(&client, app, &page).await;
    assert!(html.contains("has not signed this contract yet"), "{html}");
    assert!(!html.contains("id=\"confirm-contract\""));
    let res = app
        .post(
            &format!("/api/v1/placements/{id}/contract/signatures"),
            Some(&w.employer.token),
            json!({"version": 1}),
        )
        .await;
    assert_eq!(res.status(), 200);

    // The application page sends the migrant to the contract.
    let (_, html) = get(&client, app, &format!("/migrant/applications/{id}")).await;
    assert!(html.contains(&format!("href=\"{page}\"")), "{html}");

    // In Kyrgyz: the page and the contract text.
    let (status, html) = get(&client, app, &format!("{page}?lang=ky")).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert_eq!(html_lang(&html), "ky");
    assert!(html.contains("Сиздин келишимиңиз"), "{html}");
    assert!(html.contains("Мен келишимди окудум жана макулмун"));
    assert!(html.contains("id=\"confirm-contract\""));
    assert!(html.contains("id=\"agree\""));
    assert!(html.contains("95"), "salary in the contract: {html}");
    assert!(html.contains(&format!("href=\"/migrant/applications/{id}/contract.pdf\"")));

    // The PDF: the API's document in the same language, byte for byte.
    let res = client
        .get(app.url(&format!("{page}.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let web_pdf = res.bytes().await.unwrap();
    let api = app
        .get(
            &format!("/api/v1/placements/{id}/contract/versions/1/document?format=pdf&lang=ky"),
            Some(&w.migrant.token),
        )
        .await;
    assert_eq!(api.status(), 200);
    assert_eq!(web_pdf, api.bytes().await.unwrap());

    let signed = |app: &TestApp| -> i64 {
        contract_signatures::table
            .filter(contract_signatures::signer.eq("candidate"))
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };
    // The box not ticked: a form error, in Kyrgyz; nothing signed.
    let res = post(&client, app, &page, &[("csrf", &csrf), ("version", "1")]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("href=\"#agree\""));
    assert!(
        html.contains("Келишимди окуп, макул экениңизди белгилеңиз"),
        "{html}"
    );
    assert_eq!(signed(app), 0);
    // Without the CSRF token: 403, nothing signed.
    let res = post(&client, app, &page, &[("version", "1"), ("agree", "yes")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(signed(app), 0);
    // Another migrant: 404.
    let other = app.account("migrant").await;
    let (stranger, stranger_csrf) = signed_in(app, &other).await;
    let (status, _) = get(&stranger, app, &page).await;
    assert_eq!(status, 404);
    let res = post(
        &stranger,
        app,
        &page,
        &[("csrf", &stranger_csrf), ("version", "1"), ("agree", "yes")],
    )
    .await;
    assert_eq!(res.status(), 404);
    let res = stranger
        .get(app.url(&format!("{page}.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(signed(app), 0);

    // Confirmed: signed in Kyrgyz, the placement goes to review, the page says when.
    let res = post(
        &client,
        app,
        &page,
        &[("csrf", &csrf), ("version", "1"), ("agree", "yes")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), page);
    assert_eq!(signed(app), 1);
    assert_eq!(placement_state(app, &id), "under_review");
    let locale: Option<String> = contract_signatures::table
        .filter(contract_signatures::signer.eq("candidate"))
        .select(contract_signatures::locale)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(locale.as_deref(), Some("ky"));
    let (_, html) = get(&client, app, &page).await;
    assert!(html.contains("id=\"contract-confirmed\""), "{html}");
    assert!(html.contains("ырастадыңыз"));
    assert!(!html.contains("id=\"confirm-contract\""));
}
