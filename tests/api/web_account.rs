//! Browser accounts over HTTP: sign-in (cookie flags, wrong password in the page's language),
//! CSRF on every form, sign-out and password changes ending sessions at once, registration with
//! the emailed verification link, and the forgot / reset password round trip.

use diesel::prelude::*;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, Client, Response};
use serde_json::json;

use orgnabor::db::schema::{users, web_sessions};
use orgnabor::i18n::Locale;
use orgnabor::render::l10n;

use crate::helpers::*;
use crate::web_core::{assert_layout, browser, html_lang};

/// The CSRF token of the (first) form on a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a csrf input") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

fn set_cookies(res: &Response) -> Vec<String> {
    res.headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

fn cookie_named<'a>(cookies: &'a [String], name: &str) -> Option<&'a String> {
    cookies.iter().find(|c| c.starts_with(&format!("{name}=")))
}

fn value_of(cookie: &str) -> String {
    cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned()
}

/// GETs a form page and returns its CSRF token.
async fn form_token(app: &TestApp, client: &Client, path: &str) -> String {
    let res = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "GET {path}");
    csrf_of(&res.text().await.unwrap())
}

async fn post_form(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
) -> Response {
    client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("sent")
}

/// Signs `client` in through the page; returns the session cookie's value.
pub async fn sign_in(app: &TestApp, client: &Client, email: &str, password: &str) -> String {
    let csrf = form_token(app, client, "/sign-in").await;
    let res = post_form(
        app,
        client,
        "/sign-in",
        &[("csrf", &csrf), ("email", email), ("password", password)],
    )
    .await;
    assert_eq!(res.status(), 303, "sign in {email}");
    assert_eq!(res.headers()[LOCATION], "/account");
    let cookies = set_cookies(&res);
    value_of(cookie_named(&cookies, "orgnabor_session").expect("session cookie"))
}

fn token_in(body: &str, prefix: &str) -> String {
    let start = body.find(prefix).expect("token in email");
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

/// The path and query of the link in an email (the email names the configured base URL).
fn link_in(app: &TestApp, body: &str, path: &str) -> String {
    let base = &app.settings.application.base_url;
    let start = body.find(&format!("{base}{path}")).expect("link in email") + base.len();
    body[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

fn open_sessions(app: &TestApp, user: uuid::Uuid) -> i64 {
    web_sessions::table
        .filter(web_sessions::user_id.eq(user))
        .filter(web_sessions::revoked_at.is_null())
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

#[tokio::test]
async fn sign_in_sets_an_httponly_lax_session_cookie_and_lands_on_the_account_page() {
    let app = spawn_app().await;
    let account = app.account("migrant").await;
    let (client, _) = browser();
    let res = client.get(app.url("/sign-in")).send().await.unwrap();
    let cookies = set_cookies(&res);
    let csrf_cookie = cookie_named(&cookies, "orgnabor_csrf").expect("anonymous csrf cookie");
    assert!(csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Lax"));
    let html = res.text().await.unwrap();
    assert_layout(&html);
    for field in ["email", "password"] {
        assert!(
            html.contains(&format!("<label for=\"{field}\">")),
            "{field} label"
        );
        assert!(html.contains(&format!("id=\"{field}\" name=\"{field}\"")));
    }
    assert!(html.contains("<button type=\"submit\""));

    let csrf = csrf_of(&html);
    let res = post_form(
        &app,
        &client,
        "/sign-in",
        &[
            ("csrf", &csrf),
            ("email", &account.email.to_uppercase()),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/account");
    let cookies = set_cookies(&res);
    let session = cookie_named(&cookies, "orgnabor_session").expect("session cookie");
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");
    assert!(session.contains("Path=/"), "{session}");
    assert!(
        !session.contains("Secure"),
        "plain http in tests: {session}"
    );
    let value = value_of(session);
    assert!(value.starts_with("ors_"));

    // Only a digest is stored.
    let hashes: Vec<Vec<u8>> = web_sessions::table
        .filter(web_sessions::user_id.eq(account.id))
        .select(web_sessions::token_hash)
        .load(&mut app.conn())
        .unwrap();
    assert_eq!(hashes.len(), 1);
    assert_eq!(hashes[0].len(), 32);
    assert_ne!(hashes[0], value.as_bytes());

    let res = client.get(app.url("/account")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let html = res.text().await.unwrap();
    assert_layout(&html);
    assert!(html.contains("Test migrant"));
    assert!(
        html.contains("action=\"/sign-out\""),
        "sign-out button in the header"
    );
    // Signed in, /sign-in goes on to the account.
    let res = client.get(app.url("/sign-in")).send().await.unwrap();
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn cookies_are_secure_when_configured() {
    let app = spawn_app_with(|s| s.web.secure_cookies = true).await;
    let account = app.account("employer").await;
    // A Secure cookie is not sent back over plain http by a real browser: carry it by hand.
    let client = Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap();
    let res = client.get(app.url("/sign-in")).send().await.unwrap();
    let cookies = set_cookies(&res);
    let csrf_cookie = cookie_named(&cookies, "orgnabor_csrf").unwrap().clone();
    assert!(csrf_cookie.contains("Secure"));
    let csrf = csrf_of(&res.text().await.unwrap());
    let res = client
        .post(app.url("/sign-in"))
        .header(COOKIE, format!("orgnabor_csrf={}", value_of(&csrf_cookie)))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", &account.email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookies = set_cookies(&res);
    let session = cookie_named(&cookies, "orgnabor_session").unwrap();
    assert!(
        session.contains("Secure") && session.contains("HttpOnly"),
        "{session}"
    );
}

#[tokio::test]
async fn a_wrong_password_is_422_with_the_reason_in_kyrgyz_and_no_session() {
    let app = spawn_app().await;
    let account = app.account("migrant").await;
    let (client, _) = browser();
    let csrf = form_token(&app, &client, "/sign-in?lang=ky").await;
    let res = post_form(
        &app,
        &client,
        "/sign-in",
        &[
            ("csrf", &csrf),
            ("email", &account.email),
            ("password", "not the password"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(cookie_named(&set_cookies(&res), "orgnabor_session").is_none());
    let html = res.text().await.unwrap();
    assert_eq!(html_lang(&html), "ky");
    assert_layout(&html);
    let wrong = l10n::text(Locale::Ky, "web-sign-in-wrong", None);
    assert!(wrong.contains("туура эмес"), "{wrong}");
    assert!(html.contains("<div class=\"error-summary\" role=\"alert\""));
    assert!(
        html.contains(&format!("<a href=\"#password\">{wrong}</a>")),
        "{html}"
    );
    assert!(html.contains("<p class=\"field-error\" id=\"password-error\">"));
    assert!(
        html.contains(&format!("value=\"{}\"", account.email)),
        "email kept"
    );
    assert!(
        html.contains("<title>Ката:"),
        "the title says there is an error"
    );
    assert_eq!(open_sessions(&app, account.id), 0);

    // Empty fields: each named beside its field.
    let res = post_form(&app, &client, "/sign-in", &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("<a href=\"#email\">"));
    assert!(html.contains("<a href=\"#password\">"));
    assert!(html.contains(&l10n::text(Locale::Ky, "web-error-email-required", None)));
}

#[tokio::test]
async fn a_missing_or_forged_csrf_token_is_403_in_the_visitors_language_and_changes_nothing() {
    let app = spawn_app().await;
    let (client, _) = browser();
    let csrf = form_token(&app, &client, "/register?lang=tg").await;
    let email = "csrf-victim@example.kg";
    let fields = |token: &'static str| {
        vec![
            ("csrf", token),
            ("full_name", "Азиз Раҳимов"),
            ("email", email),
            ("password", PASSWORD),
        ]
    };
    for token in ["", "forged-token"] {
        let mut f = fields(token);
        if token.is_empty() {
            f.remove(0);
        }
        let res = post_form(&app, &client, "/register", &f).await;
        assert_eq!(res.status(), 403, "token {token:?}");
        let html = res.text().await.unwrap();
        assert_eq!(html_lang(&html), "tg");
        assert!(html.contains(&l10n::text(Locale::Tg, "web-error-csrf-title", None)));
    }
    // A real token from another browser (no matching cookie) is refused too.
    let (stranger, _) = browser();
    let res = stranger
        .post(app.url("/register"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("full_name", "Азиз Раҳимов"),
            ("email", email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let n: i64 = users::table
        .filter(users::email.eq(email))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    assert_eq!(n, 0, "no account was created");
    assert_eq!(app.run_pending_jobs().await, 0, "no email was queued");

    // Signed in: the session's token, and no other, changes the password.
    let account = app.account("migrant").await;
    sign_in(&app, &client, &account.email, PASSWORD).await;
    let res = post_form(
        &app,
        &client,
        "/account/password",
        &[
            ("csrf", &csrf), // the anonymous token no longer counts
            ("current_password", PASSWORD),
            ("new_password", "A quite new passphrase 7"),
        ],
    )
    .await;
    assert_eq!(res.status(), 403);
    assert_eq!(app.login(&account.email, PASSWORD).await.status(), 200);
    // Sign-out needs the token as well.
    let res = post_form(&app, &client, "/sign-out", &[]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(open_sessions(&app, account.id), 1);
}

#[tokio::test]
async fn sign_out_ends_the_session_at_once() {
    let app = spawn_app().await;
    let account = app.account("agency").await;
    let (client, _) = browser();
    let value = sign_in(&app, &client, &account.email, PASSWORD).await;
    let res = client.get(app.url("/account")).send().await.unwrap();
    let csrf = csrf_of(&res.text().await.unwrap());
    let res = post_form(&app, &client, "/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/");
    let removal = set_cookies(&res)
        .into_iter()
        .find(|c| c.starts_with("orgnabor_session="))
        .expect("the cookie is removed");
    assert!(
        removal.contains("Max-Age=0") || removal.contains("expires="),
        "{removal}"
    );
    assert_eq!(open_sessions(&app, account.id), 0);

    // The old cookie, replayed, signs nobody in.
    let replay = Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap();
    let res = replay
        .get(app.url("/account"))
        .header(COOKIE, format!("orgnabor_session={value}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/sign-in?next=/account");
}

#[tokio::test]
async fn pages_for_signed_in_people_send_others_to_sign_in_and_back() {
    let app = spawn_app().await;
    let account = app.account("centre").await;
    let (client, _) = browser();
    let res = client
        .get(app.url("/account/password"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/sign-in?next=/account/password");
    let res = client
        .get(app.url("/sign-in?next=/account/password"))
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("name=\"next\" value=\"/account/password\""));
    let csrf = csrf_of(&html);
    let res = post_form(
        &app,
        &client,
        "/sign-in",
        &[
            ("csrf", &csrf),
            ("email", &account.email),
            ("password", PASSWORD),
            ("next", "/account/password"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/account/password");
    // Never off the site.
    let (other, _) = browser();
    let csrf = form_token(&app, &other, "/sign-in").await;
    let res = post_form(
        &app,
        &other,
        "/sign-in",
        &[
            ("csrf", &csrf),
            ("email", &account.email),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ],
    )
    .await;
    assert_eq!(res.headers()[LOCATION], "/account");
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session_and_api_token() {
    let app = spawn_app().await;
    let account = app.account("migrant").await;
    let (here, _) = browser();
    let (elsewhere, _) = browser();
    sign_in(&app, &here, &account.email, PASSWORD).await;
    sign_in(&app, &elsewhere, &account.email, PASSWORD).await;
    assert_eq!(open_sessions(&app, account.id), 2);

    let csrf = form_token(&app, &here, "/account/password").await;
    let new_password = "Naryn river in spring 2027";
    // A wrong current password: 422, the message beside the field, nothing changed.
    let res = post_form(
        &app,
        &here,
        "/account/password",
        &[
            ("csrf", &csrf),
            ("current_password", "wrong one"),
            ("new_password", new_password),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"current_password-error\""));
    assert!(html.contains(&l10n::text(Locale::En, "web-error-wrong_password", None)));
    assert_eq!(open_sessions(&app, account.id), 2);

    let res = post_form(
        &app,
        &here,
        "/account/password",
        &[
            ("csrf", &csrf),
            ("current_password", PASSWORD),
            ("new_password", new_password),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(
        cookie_named(&set_cookies(&res), "orgnabor_session").is_some(),
        "a new session here"
    );
    assert!(res.text().await.unwrap().contains(&l10n::text(
        Locale::En,
        "web-password-changed-title",
        None
    )));
    assert_eq!(
        open_sessions(&app, account.id),
        1,
        "only this browser's new session"
    );

    let res = here.get(app.url("/account")).send().await.unwrap();
    assert_eq!(res.status(), 200, "this browser stays signed in");
    let res = elsewhere.get(app.url("/account")).send().await.unwrap();
    assert_eq!(res.status(), 303, "the other browser is signed out");
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": account.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 401, "API refresh tokens end too");
    assert_eq!(app.login(&account.email, PASSWORD).await.status(), 401);
    assert_eq!(app.login(&account.email, new_password).await.status(), 200);
}

#[tokio::test]
async fn register_then_the_emailed_link_verifies_the_address() {
    let app = spawn_app().await;
    let (client, _) = browser();
    let csrf = form_token(&app, &client, "/register?lang=ky").await;

    // Invalid: every error at once, in Kyrgyz, the input kept.
    let res = post_form(
        &app,
        &client,
        "/register",
        &[
            ("csrf", &csrf),
            ("full_name", ""),
            ("email", "aigul@"),
            ("password", "short"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(html_lang(&html), "ky");
    for field in ["full_name", "email", "password"] {
        assert!(
            html.contains(&format!("<a href=\"#{field}\">")),
            "{field} in the summary"
        );
        assert!(
            html.contains(&format!("id=\"{field}-error\"")),
            "{field} message"
        );
    }
    assert!(html.contains("value=\"aigul@\""), "input kept");
    assert!(!html.contains("value=\"short\""), "never the password");
    assert!(html.contains(&l10n::text(
        Locale::Ky,
        "web-error-full_name-required",
        None
    )));

    let res = post_form(
        &app,
        &client,
        "/register",
        &[
            ("csrf", &csrf),
            ("full_name", "Айгуль Асанова"),
            ("email", "Aigul@Example.KG"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains(&l10n::text(Locale::Ky, "web-register-done-title", None)));

    let (locale, verified): (String, Option<chrono::DateTime<chrono::Utc>>) = users::table
        .filter(users::email.eq("aigul@example.kg"))
        .select((users::locale, users::email_verified_at))
        .first(&mut app.conn())
        .unwrap();
    assert_eq!(locale, "ky", "the page's language becomes the account's");
    assert!(verified.is_none());

    assert_eq!(app.run_pending_jobs().await, 1);
    let mail = app.outbox().pop().expect("verification email");
    assert_eq!(mail.to, "aigul@example.kg");
    let link = link_in(&app, &mail.body, "/verify-email?token=");
    assert!(link.contains(&token_in(&mail.body, "orv_")));

    let res = client.get(app.url(&link)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert_layout(&html);
    assert!(html.contains(&l10n::text(Locale::Ky, "web-verify-done-title", None)));
    let verified: Option<chrono::DateTime<chrono::Utc>> = users::table
        .filter(users::email.eq("aigul@example.kg"))
        .select(users::email_verified_at)
        .first(&mut app.conn())
        .unwrap();
    assert!(verified.is_some());
    // Single use; and a made-up token is no better.
    for path in [
        link.as_str(),
        "/verify-email?token=orv_nonsense",
        "/verify-email",
    ] {
        let res = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 400, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.contains(&l10n::text(Locale::Ky, "web-link-invalid-title", None)));
    }
    // The new account signs in.
    sign_in(&app, &client, "aigul@example.kg", PASSWORD).await;
}

#[tokio::test]
async fn forgot_and_reset_password_round_trip() {
    let app = spawn_app().await;
    let account = app.account("migrant").await;
    let (signed_in, _) = browser();
    sign_in(&app, &signed_in, &account.email, PASSWORD).await;

    let (client, _) = browser();
    let csrf = form_token(&app, &client, "/forgot-password").await;
    let res = post_form(
        &app,
        &client,
        "/forgot-password",
        &[("csrf", &csrf), ("email", "nope")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let res = post_form(
        &app,
        &client,
        "/forgot-password",
        &[("csrf", &csrf), ("email", &account.email)],
    )
    .await;
    assert_eq!(res.status(), 200);
    let sent_page = res.text().await.unwrap();
    // An unknown address gets the very same page.
    let res = post_form(
        &app,
        &client,
        "/forgot-password",
        &[("csrf", &csrf), ("email", "nobody@example.kg")],
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), sent_page);

    app.run_pending_jobs().await;
    let mail = app
        .outbox()
        .into_iter()
        .find(|m| m.to == account.email)
        .expect("reset email");
    let link = link_in(&app, &mail.body, "/reset-password?token=");

    let res = client.get(app.url(&link)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert_layout(&html);
    let token = token_in(&mail.body, "orp_");
    assert!(html.contains(&format!("name=\"token\" value=\"{token}\"")));
    let csrf = csrf_of(&html);
    let res = post_form(
        &app,
        &client,
        "/reset-password",
        &[("csrf", &csrf), ("token", &token), ("password", "short")],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"password-error\""));

    let new_password = "Issyk-Kul in the summer";
    let res = post_form(
        &app,
        &client,
        "/reset-password",
        &[
            ("csrf", &csrf),
            ("token", &token),
            ("password", new_password),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(open_sessions(&app, account.id), 0, "every session ended");
    let res = signed_in.get(app.url("/account")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let res = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": account.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 401);

    // Single use.
    let res = post_form(
        &app,
        &client,
        "/reset-password",
        &[
            ("csrf", &csrf),
            ("token", &token),
            ("password", "Another fine passphrase"),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    sign_in(&app, &client, &account.email, new_password).await;
    let res = client
        .get(app.url("/reset-password?token=garbage"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}
