//! Journeys anyone takes: searching as a migrant on a phone, signing in (and getting the
//! password wrong first), and the same search with the keyboard alone.

use crate::helpers::*;
use crate::support::{browser, Screen};

/// Two welding vacancies, in Moscow and St Petersburg, published and searchable.
async fn welders(app: &TestApp) -> (String, String) {
    let e = app.account("employer").await;
    let mut moscow = vacancy_body();
    moscow["region"] = "RU-MOW".into();
    moscow["city"] = "Москва".into();
    let moscow = app.published_vacancy(&e.token, moscow).await;
    let mut spb = vacancy_body();
    spb["region"] = "RU-SPE".into();
    spb["city"] = "Санкт-Петербург".into();
    spb["salary_min"] = 80_000.into();
    spb["salary_max"] = 95_000.into();
    let spb = app.published_vacancy(&e.token, spb).await;
    app.apply_search_changes().await;
    (moscow, spb)
}

#[tokio::test]
async fn a_migrant_on_a_phone_searches_svarshik_moskva_in_kyrgyz_and_opens_the_vacancy() {
    let app = spawn_app().await;
    let (moscow, _) = welders(&app).await;
    let Some(mut b) = browser("migrant-search", &app.address, Screen::Phone).await else {
        return;
    };
    b.open("/").await;
    b.check_page("ru").await;
    b.go("a[hreflang=ky]").await;
    b.wait_path("/?lang=ky").await;
    b.check_page("ky").await;
    b.screenshot("home-ky").await;

    b.fill("q", "svarshik moskva").await;
    b.go("form[action='/search'] button[type=submit]").await;
    b.wait_path("/search").await;
    b.check_page("ky").await;
    b.screenshot("results").await;
    let first = b.find("a.result-link").await;
    assert_eq!(
        first.attr("href").await.expect("href").as_deref(),
        Some(format!("/vacancies/{moscow}").as_str()),
        "the Moscow vacancy comes first for 'moskva'"
    );
    b.go("a.result-link").await;
    b.wait_path(&format!("/vacancies/{moscow}")).await;
    b.check_page("ky").await;
    b.screenshot("vacancy").await;
    let body = b.body().await;
    assert!(body.contains("Сварщик на металлоконструкции"), "{body}");
    assert!(body.contains("90\u{202f}000"), "salary shown: {body}");
    // The fee to the worker is zero, stated on the page.
    let fee = b.text(".notice--fee").await;
    assert!(fee.contains('0'), "{fee}");
    b.close().await;
}

#[tokio::test]
async fn signing_in_with_a_wrong_password_shows_the_error_in_kyrgyz_then_the_right_one_works() {
    let app = spawn_app().await;
    let migrant = app.account("migrant").await;
    for (screen, lang) in [(Screen::Phone, "ky"), (Screen::Desktop, "ru")] {
        let Some(mut b) = browser(&format!("sign-in-{lang}"), &app.address, screen).await else {
            return;
        };
        b.open(&format!("/sign-in?lang={lang}")).await;
        b.check_page(lang).await;
        b.fill("email", &migrant.email).await;
        b.fill("password", "not-the-password-at-all").await;
        b.go("main button[type=submit]").await;
        let summary = b.text(".error-summary").await;
        assert!(!summary.is_empty());
        b.check_page(lang).await;
        b.screenshot("wrong-password").await;
        // The summary links to the field to fix.
        assert!(b.exists(".error-summary a[href='#password']").await);
        let title = b.client.title().await.expect("title");
        assert!(
            title.contains(':'),
            "the title says there is an error: {title}"
        );
        // The address stays typed; the password does not.
        let kept = b.find("#email").await.prop("value").await.expect("value");
        assert_eq!(kept.as_deref(), Some(migrant.email.as_str()));
        let pw = b
            .find("#password")
            .await
            .prop("value")
            .await
            .expect("value");
        assert_eq!(pw.as_deref(), Some(""));

        b.fill("password", PASSWORD).await;
        b.go("main button[type=submit]").await;
        b.wait_path("/account").await;
        // Signed in, the pages follow the account's own language setting (English here).
        b.check_page("en").await;
        b.screenshot("signed-in").await;
        assert!(b.body().await.contains("Test migrant"));
        b.close().await;
    }
}

#[tokio::test]
async fn the_search_works_with_the_keyboard_alone() {
    let app = spawn_app().await;
    let (moscow, _) = welders(&app).await;
    let Some(b) = browser("keyboard", &app.address, Screen::Desktop).await else {
        return;
    };
    b.open("/?lang=en").await;
    // The first Tab reaches the skip link, which leads to the main content.
    assert_eq!(b.tab_to("a.skip-link", 3).await, 1);
    b.press_enter().await;
    b.tab_to("#q", 10).await;
    b.client
        .active_element()
        .await
        .expect("focus")
        .send_keys("svarshik moskva")
        .await
        .expect("type");
    b.enter_and_go().await;
    b.wait_path("/search").await;
    b.tab_to("a.result-link", 40).await;
    b.enter_and_go().await;
    b.wait_path(&format!("/vacancies/{moscow}")).await;
    b.check_page("en").await;
    b.close().await;
}
