//! The employer's pages over HTTP: what is on them, what their forms change, who is refused.

use chrono::Datelike;
use diesel::prelude::*;
use reqwest::{Client, Method, Response};
use serde_json::json;
use uuid::Uuid;

use orgnabor::db::schema::{
    contract_signatures, contracts, hire_notices, placements, quota_applications, vacancies,
};

use crate::helpers::*;
use crate::web_account::csrf_of;
use crate::web_core::{assert_layout, browser};
use crate::web_core::{get_page as page, location, signed_in};

/// The page's CSRF token (any employer page carries the sign-out form's).
async fn token(app: &TestApp, client: &Client) -> String {
    let (status, html) = page(app, client, "/account").await;
    assert_eq!(status, 200);
    csrf_of(&html)
}

async fn post(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
    client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("sent")
}

fn vacancy_fields(title: &str) -> Vec<(&'static str, String)> {
    let start = (today() + chrono::Duration::days(30)).to_string();
    let until = (today() + chrono::Duration::days(60)).to_string();
    vec![
        ("title", title.to_owned()),
        ("occupation", "7212".into()),
        (
            "description",
            "Сварка металлоконструкций на строительной площадке, работа по чертежам.".into(),
        ),
        (
            "required_skills",
            "ручная дуговая сварка\nчтение чертежей".into(),
        ),
        ("optional_skills", "полуавтомат".into()),
        ("region", "RU-SVE".into()),
        ("city", "Екатеринбург".into()),
        ("positions", "5".into()),
        ("salary_min", "90000".into()),
        ("salary_max", "120000".into()),
        ("housing", "yes".into()),
        ("hours_per_week", "40".into()),
        ("contract_months", "12".into()),
        ("russian_level_min", "A2".into()),
        ("start_date", start),
        ("expires_on", until),
    ]
}

fn with_csrf<'a>(fields: &'a [(&'static str, String)], csrf: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    out.push(("csrf", csrf));
    out
}

fn vacancy_count(app: &TestApp, employer: Uuid) -> i64 {
    vacancies::table
        .filter(vacancies::employer_id.eq(employer))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

fn vacancy_status(app: &TestApp, id: Uuid) -> String {
    vacancies::table
        .find(id)
        .select(vacancies::status)
        .first(&mut app.conn())
        .unwrap()
}

fn placement_state(app: &TestApp, id: Uuid) -> String {
    placements::table
        .find(id)
        .select(placements::state)
        .first(&mut app.conn())
        .unwrap()
}

/// A migrant with a searchable profile who applies to `vacancy` through the API; the placement.
async fn application(app: &TestApp, vacancy: &str, passport: &str) -> Uuid {
    let migrant = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&migrant.token),
            candidate_body(passport),
        )
        .await;
    assert_eq!(res.status(), 201, "profile");
    let res = app
        .post(
            "/api/v1/placements",
            Some(&migrant.token),
            json!({"vacancy_id": vacancy}),
        )
        .await;
    assert_eq!(res.status(), 201, "applied");
    json_body(res).await["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn an_employer_drafts_a_vacancy_on_the_form_and_bad_input_changes_nothing() {
    let app = spawn_app().await;
    let (account, client) = signed_in(&app, "employer").await;
    let employer = account.employer_id.unwrap();

    let (status, html) = page(&app, &client, "/account").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/employer/vacancies\""), "menu link");

    let (status, html) = page(&app, &client, "/employer/vacancies/new").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    for field in [
        "title",
        "occupation",
        "region",
        "salary_min",
        "start_date",
        "expires_on",
    ] {
        assert!(
            html.contains(&format!("<label for=\"{field}\">")),
            "{field}"
        );
    }
    assert!(
        html.contains("value=\"RU-SVE\""),
        "regions from the reference"
    );
    let csrf = csrf_of(&html);

    // Bad input: 422, every problem in the summary, what was typed kept, nothing stored.
    let mut bad = vacancy_fields("Сварщик-монтажник");
    for (k, v) in &mut bad {
        match *k {
            "salary_min" => *v = "150000".into(),
            "positions" => *v = "пять".into(),
            "start_date" => *v = "завтра".into(),
            _ => {}
        }
    }
    let res = post(
        &app,
        &client,
        "/employer/vacancies/new",
        &with_csrf(&bad, &csrf),
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_layout(&html);
    assert!(html.contains("error-summary"));
    assert!(html.contains("href=\"#positions\""));
    assert!(html.contains("href=\"#salary_max\""), "salary range");
    assert!(html.contains("href=\"#start_date\""));
    assert!(
        html.contains("value=\"Сварщик-монтажник\""),
        "typed title kept"
    );
    assert!(html.contains("value=\"пять\""), "typed number kept");
    assert_eq!(vacancy_count(&app, employer), 0);

    // No CSRF token: 403, nothing stored.
    let good = vacancy_fields("Сварщик-монтажник");
    let fields: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = post(&app, &client, "/employer/vacancies/new", &fields).await;
    assert_eq!(res.status(), 403);
    assert_eq!(vacancy_count(&app, employer), 0);

    // The success path: a draft, then its page.
    let res = post(
        &app,
        &client,
        "/employer/vacancies/new",
        &with_csrf(&good, &csrf),
    )
    .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.starts_with("/employer/vacancies/"), "{to}");
    assert_eq!(vacancy_count(&app, employer), 1);
    let stored: (String, Vec<String>, bool) = vacancies::table
        .filter(vacancies::employer_id.eq(employer))
        .select((
            vacancies::title,
            vacancies::required_skills,
            vacancies::housing,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(stored.0, "Сварщик-монтажник");
    assert_eq!(stored.1, vec!["ручная дуговая сварка", "чтение чертежей"]);
    assert!(stored.2);

    let (status, html) = page(&app, &client, &to).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Сварщик-монтажник"));
    assert!(html.contains(">Draft<"), "status tag");
    assert!(html.contains("<button type=\"submit\" class=\"button\">Publish</button>"));

    let (status, html) = page(&app, &client, "/employer/vacancies").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Сварщик-монтажник") && html.contains("0 filled"));

    // In Uzbek.
    let (status, html) = page(&app, &client, "/employer/vacancies?lang=uz").await;
    assert_eq!(status, 200);
    assert!(html.contains("Sizning vakansiyalaringiz"), "Uzbek title");
    assert!(html.contains("Qoralama"), "Uzbek status");
}

#[tokio::test]
async fn status_steps_and_edits_change_the_vacancy_and_refusals_are_explained() {
    let app = spawn_app().await;
    let (account, client) = signed_in(&app, "employer").await;
    let res = app
        .post("/api/v1/vacancies", Some(&account.token), vacancy_body())
        .await;
    let id: Uuid = json_body(res).await["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let csrf = token(&app, &client).await;
    let status_url = format!("/employer/vacancies/{id}/status");

    let res = post(&app, &client, &status_url, &[("status", "published")]).await;
    assert_eq!(res.status(), 403, "no CSRF token");
    assert_eq!(vacancy_status(&app, id), "draft");

    let res = post(
        &app,
        &client,
        &status_url,
        &[("csrf", &csrf), ("status", "published")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(vacancy_status(&app, id), "published");
    let (_, html) = page(&app, &client, &location(&res)).await;
    assert!(html.contains(">Published<") && html.contains("Pause"));

    // Publishing again is refused with a message, not a 500.
    let res = post(
        &app,
        &client,
        &status_url,
        &[("csrf", &csrf), ("status", "published")],
    )
    .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.unwrap();
    assert_layout(&html);
    assert!(html.contains("not possible from the current state"));

    // The edit form comes filled in; a change is saved, a bad one is not.
    let edit = format!("/employer/vacancies/{id}/edit");
    let (status, html) = page(&app, &client, &edit).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("value=\"Сварщик на металлоконструкции\""));
    let mut fields = vacancy_fields("Сварщик НАКС");
    let res = post(&app, &client, &edit, &with_csrf(&fields, &csrf)).await;
    assert_eq!(res.status(), 303);
    let title: String = vacancies::table
        .find(id)
        .select(vacancies::title)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(title, "Сварщик НАКС");
    fields[0].1 = "ab".into();
    let res = post(&app, &client, &edit, &with_csrf(&fields, &csrf)).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("error-summary"));
    let title: String = vacancies::table
        .find(id)
        .select(vacancies::title)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(title, "Сварщик НАКС");
}

#[tokio::test]
async fn other_organisations_roles_and_strangers_are_refused() {
    let app = spawn_app().await;
    let other = app.account("employer").await;
    let theirs = app.published_vacancy(&other.token, vacancy_body()).await;
    let placement = application(&app, &theirs, "AC1112223").await;
    let (_, client) = signed_in(&app, "employer").await;
    let csrf = token(&app, &client).await;

    // Another employer's vacancy (even a published one) and placement are not found.
    for path in [
        format!("/employer/vacancies/{theirs}"),
        format!("/employer/vacancies/{theirs}/edit"),
        format!("/employer/vacancies/{theirs}/matches"),
        format!("/employer/placements/{placement}"),
        format!("/employer/placements/{placement}/contract"),
        "/employer/vacancies/not-a-uuid".to_owned(),
    ] {
        let (status, html) = page(&app, &client, &path).await;
        assert_eq!(status, 404, "{path}");
        assert_layout(&html);
    }
    let res = post(
        &app,
        &client,
        &format!("/employer/vacancies/{theirs}/status"),
        &[("csrf", &csrf), ("status", "closed")],
    )
    .await;
    assert_eq!(res.status(), 404);
    let theirs_id: Uuid = theirs.parse().unwrap();
    assert_eq!(vacancy_status(&app, theirs_id), "published");
    let res = post(
        &app,
        &client,
        &format!("/employer/placements/{placement}/transitions"),
        &[("csrf", &csrf), ("to", "shortlisted")],
    )
    .await;
    assert_eq!(res.status(), 404);
    assert_eq!(placement_state(&app, placement), "applied");

    // Another role: 403 on every page.
    let (_, migrant) = signed_in(&app, "migrant").await;
    for path in [
        "/employer/vacancies",
        "/employer/vacancies/new",
        "/employer/placements",
        "/employer/quota",
        "/employer/followups",
    ] {
        let (status, html) = page(&app, &migrant, path).await;
        assert_eq!(status, 403, "{path}");
        assert_layout(&html);
    }

    // Signed out: to the sign-in page, back here after.
    let (stranger, _) = browser();
    let res = stranger
        .get(app.url("/employer/vacancies"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/sign-in?next=/employer/vacancies");
}

#[tokio::test]
async fn the_pipeline_takes_the_employers_steps_and_drafts_the_contract() {
    let app = spawn_app().await;
    let (account, client) = signed_in(&app, "employer").await;
    let vacancy = app.published_vacancy(&account.token, vacancy_body()).await;
    let id = application(&app, &vacancy, "AC2223334").await;
    let csrf = token(&app, &client).await;

    let (status, html) = page(&app, &client, "/employer/placements").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains(&format!("/employer/placements/{id}")));
    assert!(html.contains("Сварщик на металлоконструкции"));
    let (status, html) = page(
        &app,
        &client,
        &format!("/employer/placements?vacancy={vacancy}&state=offered"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        !html.contains(&format!("/employer/placements/{id}")),
        "filtered out"
    );

    let url = format!("/employer/placements/{id}");
    let (status, html) = page(&app, &client, &url).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains(">Shortlist</button>") && html.contains(">Reject</button>"));
    assert!(html.contains("7212"), "the candidate's occupation");
    let steps = format!("{url}/transitions");

    // A rejection needs a reason: 422 on the page, nothing changed.
    let res = post(
        &app,
        &client,
        &steps,
        &[("csrf", &csrf), ("to", "rejected")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("error-summary") && html.contains("href=\"#rejected-reason\""));
    assert_eq!(placement_state(&app, id), "applied");
    let res = post(&app, &client, &steps, &[("to", "shortlisted")]).await;
    assert_eq!(res.status(), 403, "no CSRF token");
    assert_eq!(placement_state(&app, id), "applied");

    // A step the rules do not allow is explained.
    let res = post(&app, &client, &steps, &[("csrf", &csrf), ("to", "offered")]).await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("not possible from the current state"));
    assert_eq!(placement_state(&app, id), "applied");

    for to in ["shortlisted", "offered"] {
        let res = post(&app, &client, &steps, &[("csrf", &csrf), ("to", to)]).await;
        assert_eq!(res.status(), 303, "{to}");
        assert_eq!(placement_state(&app, id), to);
    }
    let (_, html) = page(&app, &client, &url).await;
    assert!(html.contains("/contract\""), "link to the contract");

    // The contract: the form, a refused salary, a version, the employer's signature, the PDF.
    let contract = format!("{url}/contract");
    let (status, html) = page(&app, &client, &contract).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("id=\"contract-form\""));
    assert!(html.contains("value=\"90000\""), "salary from the vacancy");
    let start = (today() + chrono::Duration::days(30)).to_string();
    let terms = |salary: &'static str| {
        vec![
            ("salary_rub_month", salary.to_owned()),
            ("hours_per_week", "40".into()),
            ("hours_reason", String::new()),
            ("start_date", start.clone()),
            ("duration_months", "12".into()),
            ("paid_leave_days", "28".into()),
            ("housing", "Общежитие".into()),
            ("meals", String::new()),
            ("transport", String::new()),
            ("employer_pays", "travel".into()),
            ("employer_pays", "medical".into()),
        ]
    };
    let versions = |app: &TestApp| -> i64 {
        contracts::table
            .filter(contracts::placement_id.eq(id))
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };
    let bad = terms("1000");
    let mut fields: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fields.push(("csrf", &csrf));
    let res = post(&app, &client, &contract, &fields).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#salary_rub_month\""));
    assert!(html.contains("value=\"1000\""), "typed salary kept");
    assert_eq!(versions(&app), 0);

    let good = terms("95000");
    let mut fields: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = post(&app, &client, &contract, &fields).await;
    assert_eq!(res.status(), 403, "no CSRF token");
    assert_eq!(versions(&app), 0);
    fields.push(("csrf", &csrf));
    let res = post(&app, &client, &contract, &fields).await;
    assert_eq!(res.status(), 303);
    assert_eq!(versions(&app), 1);
    let (salary, permit): (i32, bool) = contracts::table
        .filter(contracts::placement_id.eq(id))
        .select((contracts::salary_rub_month, contracts::employer_pays_permit))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!((salary, permit), (95_000, false));

    let (_, html) = page(&app, &client, &contract).await;
    assert!(html.contains(">Draft<") && html.contains("/contract/versions/1/pdf"));
    let res = post(
        &app,
        &client,
        &format!("{contract}/signature"),
        &[("csrf", &csrf), ("version", "1")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let signatures: i64 = contract_signatures::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(signatures, 1);
    let (_, html) = page(&app, &client, &contract).await;
    assert!(html.contains("Signed by you"));
    let res = client
        .get(app.url(&format!("{contract}/versions/1/pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));

    // In Kyrgyz.
    let (_, html) = page(&app, &client, &format!("{url}?lang=ky")).await;
    assert!(html.contains("Жумушка орноштуруу"), "Kyrgyz title");
}

#[tokio::test]
async fn matches_explain_each_candidate_and_an_invitation_begins_a_placement() {
    let app = spawn_app().await;
    let (account, client) = signed_in(&app, "employer").await;
    let vacancy = app.published_vacancy(&account.token, vacancy_body()).await;
    let migrant = app.account("migrant").await;
    let res = app
        .post(
            "/api/v1/candidates",
            Some(&migrant.token),
            candidate_body("AC3334445"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let candidate = json_body(res).await["id"].as_str().unwrap().to_owned();
    app.apply_search_changes().await;

    let url = format!("/employer/vacancies/{vacancy}/matches");
    let (status, html) = page(&app, &client, &url).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains(&format!("value=\"{candidate}\"")), "{html}");
    assert!(html.contains(">Invite</button>"));
    assert!(html.contains("the same occupation"), "explanation");
    let csrf = csrf_of(&html);

    let invite = format!("/employer/vacancies/{vacancy}/invite");
    let res = post(
        &app,
        &client,
        &invite,
        &[("csrf", &csrf), ("candidate_id", &candidate)],
    )
    .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.starts_with("/employer/placements/"));
    let origin: String = placements::table
        .filter(placements::candidate_id.eq(candidate.parse::<Uuid>().unwrap()))
        .select(placements::origin)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(origin, "invited");
    let (status, _) = page(&app, &client, &to).await;
    assert_eq!(status, 200);

    // Twice is refused on the page, and nothing more is created.
    let res = post(
        &app,
        &client,
        &invite,
        &[("csrf", &csrf), ("candidate_id", &candidate)],
    )
    .await;
    assert_eq!(res.status(), 409);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("already has an open placement"));
    let count: i64 = placements::table
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn quota_applications_are_listed_and_made_on_the_form() {
    let app = spawn_app().await;
    let (account, client) = signed_in(&app, "employer").await;
    let employer = account.employer_id.unwrap();
    let vacancy = app.published_vacancy(&account.token, vacancy_body()).await;
    let year = (today() + chrono::Duration::days(30)).year().to_string();
    let count = |app: &TestApp| -> i64 {
        quota_applications::table
            .filter(quota_applications::employer_id.eq(employer))
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };

    let (status, html) = page(&app, &client, "/employer/quota").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    let (status, html) = page(&app, &client, "/employer/quota/new").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(
        html.contains(&format!("value=\"{vacancy}\"")),
        "own vacancies to link"
    );
    let csrf = csrf_of(&html);
    let form = |workers: &'static str| {
        vec![
            ("year", year.clone()),
            ("region_code", "RU-SVE".to_owned()),
            ("occupation_code", "7212".to_owned()),
            ("workers_requested", workers.to_owned()),
            ("justification", "Местных кандидатов не нашлось".to_owned()),
            ("vacancy_id", vacancy.clone()),
        ]
    };

    let bad = form("много");
    let res = post(
        &app,
        &client,
        "/employer/quota/new",
        &with_csrf(&bad, &csrf),
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("href=\"#workers_requested\""));
    assert_eq!(count(&app), 0);

    // No cap set by the ministry yet: refused with a message.
    let good = form("10");
    let res = post(
        &app,
        &client,
        "/employer/quota/new",
        &with_csrf(&good, &csrf),
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("set no quota"));
    assert_eq!(count(&app), 0);

    let ministry = app.account("ministry").await;
    let res = app
        .request(
            Method::PUT,
            "/api/v1/quota/caps",
            Some(&ministry.token),
            Some(
                json!({"year": year.parse::<i32>().unwrap(), "region_code": "RU-SVE",
                "occupation_group": "72", "cap": 100, "reason": "Потребность региона"}),
            ),
        )
        .await;
    assert_eq!(res.status(), 200);
    let fields: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = post(&app, &client, "/employer/quota/new", &fields).await;
    assert_eq!(res.status(), 403, "no CSRF token");
    assert_eq!(count(&app), 0);
    let res = post(
        &app,
        &client,
        "/employer/quota/new",
        &with_csrf(&good, &csrf),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(count(&app), 1);
    let (_, html) = page(&app, &client, "/employer/quota").await;
    assert!(html.contains(">Draft<") && html.contains("Send to the ministry"));

    // Sending it: the vacancy is too recent for the local hiring test.
    let id: Uuid = quota_applications::table
        .filter(quota_applications::employer_id.eq(employer))
        .select(quota_applications::id)
        .first(&mut app.conn())
        .unwrap();
    let res = post(
        &app,
        &client,
        &format!("/employer/quota/{id}/submit"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("local hiring test"));
    let state: String = quota_applications::table
        .find(id)
        .select(quota_applications::state)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(state, "draft");

    let (status, html) = page(&app, &client, "/employer/followups").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Nothing is due"));
}

#[tokio::test]
async fn after_departure_the_employer_records_arrival_work_and_the_hire_notice() {
    let app = spawn_app().await;
    let (account, client) = signed_in(&app, "employer").await;
    let vacancy = app.published_vacancy(&account.token, vacancy_body()).await;
    let id = application(&app, &vacancy, "AC4445556").await;
    // The steps between (the ministry's approval, the departure) are other roles' pages.
    diesel::update(placements::table.find(id))
        .set(placements::state.eq("departed"))
        .execute(&mut app.conn())
        .unwrap();
    let csrf = token(&app, &client).await;
    let url = format!("/employer/placements/{id}");
    let steps = format!("{url}/transitions");

    let (status, html) = page(&app, &client, &url).await;
    assert_eq!(status, 200);
    assert!(html.contains(">Confirm arrival</button>"));
    assert!(html.contains("id=\"arrived-date\""));

    // A day in the future is refused on the field.
    let later = (today() + chrono::Duration::days(3)).to_string();
    let res = post(
        &app,
        &client,
        &steps,
        &[("csrf", &csrf), ("to", "arrived"), ("date", &later)],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#arrived-date\""), "{html}");
    assert!(
        html.contains(&format!("value=\"{later}\"")),
        "typed date kept"
    );
    assert_eq!(placement_state(&app, id), "departed");

    let day = today().to_string();
    for to in ["arrived", "employed"] {
        let res = post(
            &app,
            &client,
            &steps,
            &[("csrf", &csrf), ("to", to), ("date", &day)],
        )
        .await;
        assert_eq!(res.status(), 303, "{to}");
        assert_eq!(placement_state(&app, id), to);
    }
    let (_, html) = page(&app, &client, &url).await;
    assert!(html.contains(">Record the notice</button>"));
    let (_, html) = page(&app, &client, "/employer/followups").await;
    assert!(html.contains(&url) && html.contains("To do"));

    let notice = format!("{url}/hire-notice");
    let filed = |app: &TestApp| -> Option<chrono::NaiveDate> {
        hire_notices::table
            .find(id)
            .select(hire_notices::filed_on)
            .first(&mut app.conn())
            .unwrap()
    };
    let res = post(
        &app,
        &client,
        &notice,
        &[("csrf", &csrf), ("filed_on", &day), ("reference", " ")],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("href=\"#reference\""));
    assert_eq!(filed(&app), None);
    let res = post(
        &app,
        &client,
        &notice,
        &[("filed_on", &day), ("reference", "МВД-123")],
    )
    .await;
    assert_eq!(res.status(), 403, "no CSRF token");
    assert_eq!(filed(&app), None);
    let res = post(
        &app,
        &client,
        &notice,
        &[
            ("csrf", &csrf),
            ("filed_on", &day),
            ("reference", "МВД-123"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(filed(&app), Some(today()));
    let (_, html) = page(&app, &client, &url).await;
    assert!(html.contains("МВД-123"));
    assert!(html.contains(">End the employment early</button>"));

    // Ending early needs a reason and how it ended.
    let res = post(
        &app,
        &client,
        &steps,
        &[("csrf", &csrf), ("to", "terminated")],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert_eq!(placement_state(&app, id), "employed");
    let res = post(
        &app,
        &client,
        &steps,
        &[
            ("csrf", &csrf),
            ("to", "terminated"),
            ("reason", "Работник переехал"),
            ("termination", "by_agreement"),
            ("date", &day),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(placement_state(&app, id), "terminated");
}
