//! The admin's pages over HTTP: what is on them, what their forms change, who is refused.

use diesel::prelude::*;
use reqwest::header::LOCATION;
use reqwest::{Client, Response};
use uuid::Uuid;

use orgnabor::db::schema::{agencies, centres, memberships, users};
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

async fn signed_in(app: &TestApp, role: &str) -> (Account, Client) {
    let account = app.account(role).await;
    let (client, _) = browser();
    sign_in(app, &client, &account.email, PASSWORD).await;
    (account, client)
}

fn count_agencies(app: &TestApp) -> i64 {
    agencies::table.count().get_result(&mut app.conn()).unwrap()
}

fn count_centres(app: &TestApp) -> i64 {
    centres::table.count().get_result(&mut app.conn()).unwrap()
}

fn count_users(app: &TestApp) -> i64 {
    users::table.count().get_result(&mut app.conn()).unwrap()
}

fn agency_form(csrf: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.to_owned()),
        ("name", name.to_owned()),
        ("inn", "1234567890".into()),
        ("country", "kg".into()),
        ("contact_email", "info@alatoo.kg".into()),
        ("contact_phone", String::new()),
        ("licence_number", "L-WEB-0001".into()),
        ("licence_issuer", "Минтруд КР".into()),
        ("licence_valid_from", today().to_string()),
        (
            "licence_valid_to",
            (today() + chrono::Duration::days(365)).to_string(),
        ),
        ("licence_regions", "RU-MOW, RU-SVE".into()),
    ]
}

#[tokio::test]
async fn an_admin_registers_an_agency_and_a_centre() {
    let app = spawn_app().await;
    let (_, client) = signed_in(&app, "admin").await;

    let (status, html) = get(&app, &client, "/admin/organisations").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("<h1>Organisations</h1>"));
    assert!(html.contains("href=\"/admin/agencies/new\""));
    assert!(html.contains("href=\"/admin/centres/new\""));

    let (status, html) = get(&app, &client, "/admin/agencies/new").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    let csrf = csrf_of(&html);
    let before = count_agencies(&app);

    // Bad input: 422, the summary, what was typed kept, nothing stored.
    let mut bad = agency_form(&csrf, "");
    bad.retain(|(k, _)| *k != "licence_valid_to");
    bad.push(("licence_valid_to", "not a date".into()));
    bad.retain(|(k, _)| *k != "licence_regions");
    bad.push(("licence_regions", "RU-XXX".into()));
    let res = post(&app, &client, "/admin/agencies/new", &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("class=\"error-summary\""));
    assert!(html.contains("href=\"#licence_valid_to\""));
    assert!(html.contains("value=\"L-WEB-0001\""));
    let mut bad = agency_form(&csrf, "");
    bad.retain(|(k, _)| *k != "licence_regions");
    bad.push(("licence_regions", "RU-XXX".into()));
    let res = post(&app, &client, "/admin/agencies/new", &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#name\""));
    assert!(html.contains("href=\"#licence_regions\""));
    assert_eq!(count_agencies(&app), before);

    // Without the token: 403, nothing stored.
    let no_csrf: Vec<_> = agency_form("", "Ала-Тоо Кадры")
        .into_iter()
        .filter(|(k, _)| *k != "csrf")
        .collect();
    let res = post(&app, &client, "/admin/agencies/new", &no_csrf).await;
    assert_eq!(res.status(), 403);
    assert_eq!(count_agencies(&app), before);

    let res = post(
        &app,
        &client,
        "/admin/agencies/new",
        &agency_form(&csrf, "Ала-Тоо Кадры"),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/admin/organisations");
    let (country, regions, status): (String, Vec<String>, String) = agencies::table
        .filter(agencies::licence_number.eq("L-WEB-0001"))
        .select((
            agencies::country,
            agencies::licence_regions,
            agencies::licence_status,
        ))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(country, "KG");
    assert_eq!(regions, ["RU-MOW", "RU-SVE"]);
    assert_eq!(status, "active");
    let (_, html) = get(&app, &client, "/admin/organisations").await;
    assert!(html.contains("Ала-Тоо Кадры"));
    assert!(html.contains("Licence active"));

    // A centre.
    let csrf = csrf_of(&get(&app, &client, "/admin/centres/new").await.1);
    let before = count_centres(&app);
    let centre = |name: &str, region: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("name", name.to_owned()),
            ("region", region.to_owned()),
            ("city", "Ош".to_owned()),
            ("address", String::new()),
            ("contact_email", String::new()),
            ("contact_phone", String::new()),
        ]
    };
    let res = post(&app, &client, "/admin/centres/new", &centre("", "XX")).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#name\"") && html.contains("href=\"#region\""));
    assert_eq!(count_centres(&app), before);
    let res = post(
        &app,
        &client,
        "/admin/centres/new",
        &centre("Центр подготовки Ош", "KG-GB"),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(count_centres(&app), before + 1);
    let (_, html) = get(&app, &client, "/admin/organisations").await;
    assert!(html.contains("Центр подготовки Ош"));
}

#[tokio::test]
async fn an_admin_creates_accounts_changes_roles_and_disables_them() {
    let app = spawn_app().await;
    let (me, client) = signed_in(&app, "admin").await;
    let agency = app.agency_org(&mut app.conn(), "active");

    let (status, html) = get(&app, &client, "/admin/users").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains(&me.email));
    assert!(html.contains("Your own account"));

    let (status, html) = get(&app, &client, "/admin/users/new").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains(&format!("<option value=\"{agency}\"")));
    let csrf = csrf_of(&html);
    let form = |email: &str, role: &str, agency_id: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("full_name", "Нурлан Токтогулов".to_owned()),
            ("email", email.to_owned()),
            ("password", "Долгий пароль 2026".to_owned()),
            ("role", role.to_owned()),
            ("agency_id", agency_id.to_owned()),
            ("centre_id", String::new()),
        ]
    };

    // An agency role without an agency: 422 on that field, nobody created.
    let before = count_users(&app);
    let res = post(
        &app,
        &client,
        "/admin/users/new",
        &form("staff@alatoo.kg", "agency", ""),
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("href=\"#agency_id\""));
    assert!(html.contains("value=\"staff@alatoo.kg\""));
    assert_eq!(count_users(&app), before);
    let no_csrf: Vec<_> = form("staff@alatoo.kg", "ministry", "")
        .into_iter()
        .filter(|(k, _)| *k != "csrf")
        .collect();
    assert_eq!(
        post(&app, &client, "/admin/users/new", &no_csrf)
            .await
            .status(),
        403
    );
    assert_eq!(count_users(&app), before);

    let res = post(
        &app,
        &client,
        "/admin/users/new",
        &form("staff@alatoo.kg", "agency", &agency.to_string()),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/admin/users");
    let staff: Uuid = users::table
        .filter(users::email.eq("staff@alatoo.kg"))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap();
    let member_of: Option<Uuid> = memberships::table
        .find(staff)
        .select(memberships::agency_id)
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(member_of, Some(agency));
    let res = post(
        &app,
        &client,
        "/admin/users/new",
        &form("officer@mintrud.kg", "ministry", &agency.to_string()),
    )
    .await;
    assert_eq!(res.status(), 303, "the agency is ignored for another role");
    let officer: Uuid = users::table
        .filter(users::email.eq("officer@mintrud.kg"))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap();
    let (_, html) = get(&app, &client, "/admin/users").await;
    assert!(html.contains("staff@alatoo.kg") && html.contains("officer@mintrud.kg"));
    assert!(html.contains(&format!("action=\"/admin/users/{officer}/status\"")));

    // Role changes.
    let role_of = |id: Uuid| -> String {
        users::table
            .find(id)
            .select(users::role)
            .first(&mut app.conn())
            .unwrap()
    };
    let path = format!("/admin/users/{officer}/role");
    let (status, html) = get(&app, &client, &path).await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("officer@mintrud.kg"));
    let res = post(&app, &client, &path, &[("role", "admin")]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(role_of(officer), "ministry");
    let res = post(
        &app,
        &client,
        &path,
        &[("csrf", csrf.as_str()), ("role", "agency")],
    )
    .await;
    assert_eq!(res.status(), 422, "an agency role needs a membership");
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("class=\"error-summary\""));
    assert_eq!(role_of(officer), "ministry");
    let res = post(
        &app,
        &client,
        &path,
        &[("csrf", csrf.as_str()), ("role", "admin")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(role_of(officer), "admin");
    assert_eq!(get(&app, &client, "/admin/users/nope/role").await.0, 404);
    assert_eq!(
        get(
            &app,
            &client,
            &format!("/admin/users/{}/role", Uuid::new_v4())
        )
        .await
        .0,
        404
    );

    // Disabling and enabling.
    let disabled = || -> bool {
        users::table
            .find(officer)
            .select(users::disabled_at)
            .first::<Option<chrono::DateTime<chrono::Utc>>>(&mut app.conn())
            .unwrap()
            .is_some()
    };
    let status_path = format!("/admin/users/{officer}/status");
    let res = post(&app, &client, &status_path, &[("disabled", "true")]).await;
    assert_eq!(res.status(), 403);
    assert!(!disabled());
    let res = post(
        &app,
        &client,
        &status_path,
        &[("csrf", csrf.as_str()), ("disabled", "true")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(disabled());
    let (_, html) = get(&app, &client, "/admin/users").await;
    assert!(html.contains("Enable the account"));
    let res = post(
        &app,
        &client,
        &status_path,
        &[("csrf", csrf.as_str()), ("disabled", "false")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(!disabled());
}

#[tokio::test]
async fn admin_pages_are_for_admins_only_and_speak_kyrgyz() {
    let app = spawn_app().await;
    let (_, admin) = signed_in(&app, "admin").await;
    let target = app.account("ministry").await;
    let csrf = csrf_of(&get(&app, &admin, "/admin/users").await.1);
    for role in ["agency", "ministry", "migrant", "employer"] {
        let (_, client) = signed_in(&app, role).await;
        for path in [
            "/admin/organisations",
            "/admin/agencies/new",
            "/admin/centres/new",
            "/admin/users",
            "/admin/users/new",
        ] {
            assert_eq!(get(&app, &client, path).await.0, 403, "{role} {path}");
        }
        let own = csrf_of(&get(&app, &client, "/account").await.1);
        let res = post(
            &app,
            &client,
            &format!("/admin/users/{}/status", target.id),
            &[("csrf", own.as_str()), ("disabled", "true")],
        )
        .await;
        assert_eq!(res.status(), 403, "{role}");
    }
    let disabled: Option<chrono::DateTime<chrono::Utc>> = users::table
        .find(target.id)
        .select(users::disabled_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(disabled.is_none());
    assert!(!csrf.is_empty());

    let (anonymous, _) = browser();
    let res = anonymous.get(app.url("/admin/users")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/sign-in?next=/admin/users");

    let (_, html) = get(&app, &admin, "/account").await;
    assert!(html.contains("href=\"/admin/organisations\""));
    assert!(html.contains("href=\"/admin/users\""));

    let (status, html) = get(&app, &admin, "/admin/users?lang=ky").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"ky\""));
    let title = l10n::text(Locale::Ky, "web-admin-users-title", None);
    assert!(html.contains(&format!("<h1>{title}</h1>")));
    assert!(html.contains(&l10n::text(Locale::Ky, "web-admin-own-account", None)));
}
