//! An employer's HR officer on a phone: drafts a vacancy (getting it wrong first), publishes it,
//! and finds it in the public search.

use chrono::Duration;

use crate::helpers::*;
use crate::support::{browser, Screen};

#[tokio::test]
async fn an_employer_drafts_a_vacancy_on_a_phone_fixes_the_errors_and_publishes_it() {
    let app = spawn_app().await;
    let employer = app.account("employer").await;
    let Some(mut b) = browser("employer-vacancy", &app.address, Screen::Phone).await else {
        return;
    };
    b.sign_in(&employer.email, PASSWORD).await;
    b.check_page("en").await;
    b.go("a[href='/employer/vacancies/new']").await;
    b.wait_path("/employer/vacancies/new").await;
    b.check_page("en").await;

    // Sent half-filled: the summary at the top links to each field to fix; what was typed stays.
    b.fill("title", "Сварщик-монтажник").await;
    b.fill("positions", "").await;
    b.go("main form button[type=submit]").await;
    let summary = b.text(".error-summary").await;
    assert!(summary.contains("There is a problem"), "{summary}");
    assert!(b.exists(".error-summary a[href='#positions']").await);
    assert!(b.exists(".error-summary a[href='#occupation']").await);
    let kept = b.find("#title").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("Сварщик-монтажник"));
    b.check_page("en").await;
    b.screenshot("errors").await;

    b.choose("occupation", "7212").await;
    b.fill(
        "description",
        "Сварка металлоконструкций на строительной площадке, работа по чертежам.",
    )
    .await;
    b.fill("required_skills", "ручная дуговая сварка").await;
    b.choose("region", "RU-SVE").await;
    b.fill("city", "Екатеринбург").await;
    b.fill("positions", "5").await;
    b.fill("salary_min", "90000").await;
    b.fill("salary_max", "120000").await;
    b.click("label[for='housing-1']").await;
    b.fill("hours_per_week", "40").await;
    b.fill("contract_months", "12").await;
    b.choose("russian_level_min", "A2").await;
    b.set_date("start_date", &(today() + Duration::days(30)).to_string())
        .await;
    b.set_date("expires_on", &(today() + Duration::days(60)).to_string())
        .await;
    b.go("main form button[type=submit]").await;
    let path = b.wait_path("/employer/vacancies/0").await;
    b.check_page("en").await;
    b.screenshot("draft").await;
    assert!(b.body().await.contains("Draft"));

    b.go_text("Publish").await;
    b.wait_path(&path).await;
    let body = b.body().await;
    assert!(body.contains("Published"), "{body}");
    b.screenshot("published").await;

    // Anyone finds it now.
    app.apply_search_changes().await;
    b.sign_out().await;
    b.open("/search?q=svarshik&lang=en").await;
    assert!(b.body().await.contains("Сварщик-монтажник"));
    b.close().await;
}
