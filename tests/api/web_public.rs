//! The public pages over HTTP: search (results, filters, counts, pages, bad input), the vacancy
//! page (facts, fee 0, JobPosting data, what is not public), the check of a code, licence or
//! name, the rights and the quota figures — each in the visitor's language.

use chrono::Duration;
use serde_json::{json, Value};

use crate::helpers::*;
use crate::web_core::{assert_layout, html_lang};

/// A page as a browser without cookies gets it.
async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let res = reqwest::Client::new()
        .get(app.url(path))
        .send()
        .await
        .expect("sent");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

fn welder(region: &str, city: &str, salary_max: i64, housing: bool) -> Value {
    let mut v = vacancy_body();
    v["region"] = json!(region);
    v["city"] = json!(city);
    v["salary_max"] = json!(salary_max);
    v["salary_min"] = json!(salary_max - 20_000);
    v["housing"] = json!(housing);
    v
}

#[tokio::test]
async fn a_migrant_searches_in_latin_letters_and_narrows_by_region_salary_and_housing() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let moscow = app
        .published_vacancy(&e.token, welder("RU-MOW", "Москва", 120_000, true))
        .await;
    let spb = app
        .published_vacancy(&e.token, welder("RU-SPE", "Санкт-Петербург", 80_000, false))
        .await;
    app.apply_search_changes().await;

    let (status, html) = page(&app, "/search?q=svarshik&lang=ru").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert_eq!(html_lang(&html), "ru");
    assert!(html.contains("Найдено 2 вакансии"), "{html}");
    for id in [&moscow, &spb] {
        assert!(html.contains(&format!("class=\"result-link\" href=\"/vacancies/{id}\"")));
    }
    // The region counts link to the narrowed search.
    assert!(
        html.contains("href=\"/search?q=svarshik&#38;region=RU-MOW\""),
        "{html}"
    );
    assert!(html.contains("Москва</a> <span class=\"count\">1</span>"));

    let (_, html) = page(&app, "/search?q=svarshik&region=RU-MOW&lang=en").await;
    assert!(html.contains("1 job found"), "{html}");
    assert!(html.contains(&moscow) && !html.contains(&spb));
    let (_, html) = page(&app, "/search?q=svarshik&salary_min=100+000&lang=en").await;
    assert!(html.contains(&moscow) && !html.contains(&spb), "{html}");
    let (_, html) = page(&app, "/search?q=svarshik&housing=1&lang=en").await;
    assert!(html.contains(&moscow) && !html.contains(&spb));
    // In Kyrgyz the page is Kyrgyz.
    let (_, html) = page(&app, "/search?q=svarshik&lang=ky").await;
    assert_eq!(html_lang(&html), "ky");
    assert!(html.contains(&moscow));
}

#[tokio::test]
async fn bad_search_input_is_a_form_error_in_the_visitors_language_not_a_failure() {
    let app = spawn_app().await;
    let (status, html) = page(&app, "/search?q=svarshik&salary_min=forty&lang=en").await;
    assert_eq!(status, 422);
    assert!(html.contains("class=\"error-summary\""), "{html}");
    assert!(html.contains("href=\"#salary_min\""));
    assert!(html.contains("Enter the salary in digits"));
    assert!(html.contains("value=\"forty\""), "input kept");
    assert!(html.contains("<title>Error:"), "{html}");

    let (status, html) = page(&app, "/search?region=RU-XXX&lang=ru").await;
    assert_eq!(status, 422);
    assert!(html.contains("Выберите регион из списка"), "{html}");
    let (status, html) = page(&app, &format!("/search?q={}", "я".repeat(201))).await;
    assert_eq!(status, 422, "{html}");
    let (status, _) = page(&app, "/search?q=svarshik&page=999999").await;
    assert_eq!(status, 422);
    // Odd query strings are read leniently.
    let (status, _) = page(&app, "/search?%zz&&=&page=-1&q").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_vacancy_page_shows_the_terms_fee_zero_the_record_and_job_posting_data() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let mut body = welder("RU-MOW", "Москва", 120_000, true);
    body["title"] = json!("Сварщик </script><b>");
    let id = app.published_vacancy(&e.token, body).await;
    let (status, html) = page(&app, &format!("/vacancies/{id}?lang=en")).await;
    assert_eq!(status, 200);
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(html.contains("Fee to the worker"), "{html}");
    assert!(html.contains("0 ₽ (free)"));
    assert!(
        html.contains("100\u{202f}000 – 120\u{202f}000 ₽ a month"),
        "{html}"
    );
    assert!(html.contains("40 hours a week") && html.contains("12 months"));
    assert!(html.contains("Workers placed"));
    // The title is escaped in the page and cannot end the JSON-LD script early.
    assert!(
        html.contains("<h1>Сварщик &#60;/script&#62;&#60;b&#62;</h1>"),
        "{html}"
    );
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("end");
    let ld: Value = serde_json::from_str(&html[start..end]).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "JobPosting");
    assert_eq!(ld["title"], "Сварщик </script><b>");
    assert_eq!(ld["baseSalary"]["value"]["maxValue"], 120_000);
    assert_eq!(ld["jobLocation"]["address"]["addressCountry"], "RU");
    // Its verification code links to the check.
    let code = json_body(app.get(&format!("/api/v1/vacancies/{id}"), None).await).await
        ["verify_code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(html.contains(&format!("href=\"/check?code={code}\"")));

    // A draft is nobody's business but its employer's; a bad id is a page, not a problem.
    let res = app
        .post("/api/v1/vacancies", Some(&e.token), vacancy_body())
        .await;
    let draft = json_body(res).await["id"].as_str().unwrap().to_owned();
    let (status, html) = page(&app, &format!("/vacancies/{draft}?lang=ru")).await;
    assert_eq!(status, 404);
    assert!(html.contains("Страница не найдена"), "{html}");
    let (status, _) = page(&app, "/vacancies/not-a-uuid").await;
    assert_eq!(status, 404);
    let (status, _) = page(&app, &format!("/vacancies/{}", uuid::Uuid::now_v7())).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_check_page_answers_codes_licences_names_and_fakes() {
    let app = spawn_app().await;
    let e = app.account("employer").await;
    let ministry = app.account("ministry").await;
    let id = app
        .published_vacancy(&e.token, welder("RU-MOW", "Москва", 120_000, true))
        .await;
    let code = json_body(app.get(&format!("/api/v1/vacancies/{id}"), None).await).await
        ["verify_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, html) = page(
        &app,
        &format!("/check?code={}&lang=en", code.to_lowercase()),
    )
    .await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("Real and valid"), "{html}");
    assert!(html.contains(&format!("href=\"/vacancies/{id}\"")));

    // Paused: real, but not valid now, and the page says why.
    let res = app
        .post(
            &format!("/api/v1/vacancies/{id}/status"),
            Some(&e.token),
            json!({"status": "paused"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let (_, html) = page(&app, &format!("/check?code={code}&lang=ru")).await;
    assert!(html.contains("Настоящий, но сейчас не действует"), "{html}");
    assert!(html.contains("Работодатель приостановил эту вакансию."));

    // An agency by its licence number and by part of its name.
    let res = app
        .post(
            "/api/v1/agencies",
            Some(&ministry.token),
            json!({
                "name": "ОсОО «Ишеним»", "inn": "1234567890", "country": "KG",
                "contact_email": "director@ishenim.kg", "contact_phone": "+996555000111",
                "licence_number": "ЧАЗ-1234567890", "licence_issuer": "Минтруд КР",
                "licence_valid_from": (today() - Duration::days(10)).to_string(),
                "licence_valid_to": (today() + Duration::days(700)).to_string(),
                "licence_regions": ["RU-MOW"]
            }),
        )
        .await;
    assert_eq!(res.status(), 201);
    for input in ["ЧАЗ-1234567890", "Ишеним"] {
        let (status, html) = page(&app, &format!("/check?code={}&lang=en", urlencode(input))).await;
        assert_eq!(status, 200);
        assert!(html.contains("ОсОО «Ишеним»"), "{input}: {html}");
        assert!(html.contains("Licence active"), "{input}");
    }

    // A well-formed code never issued, and a name nobody has: "this may be a fake".
    let (_, html) = page(&app, "/check?code=V-0000-0000&lang=en").await;
    assert!(html.contains("Not found: this may be a fake"), "{html}");
    let (_, html) = page(&app, "/check?code=Nobody+Ltd&lang=en").await;
    assert!(html.contains("Not found: this may be a fake"), "{html}");
    let (status, html) = page(&app, &format!("/check?code={}", "x".repeat(101))).await;
    assert_eq!(status, 422);
    assert!(html.contains("class=\"error-summary\""));
}

#[tokio::test]
async fn the_rights_and_quota_pages_are_public_in_every_language() {
    let app = spawn_app().await;
    for lang in ["ru", "ky", "uz", "tg", "en"] {
        for path in ["/", "/rights", "/quota", "/check"] {
            let (status, html) = page(&app, &format!("{path}?lang={lang}")).await;
            assert_eq!(status, 200, "{path} {lang}");
            assert_layout(&html);
            assert_eq!(html_lang(&html), lang, "{path}");
        }
    }
    let (_, html) = page(&app, "/rights?lang=en").await;
    assert!(html.contains("You never pay for a job"));
    assert!(html.contains("href=\"tel:112\""));
    let (_, html) = page(&app, "/quota?lang=en").await;
    assert!(
        html.contains("No quota has been set for this year yet."),
        "{html}"
    );
    // A year out of range shows this year rather than failing.
    let (status, _) = page(&app, "/quota?year=abc").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_site_is_installable_with_a_manifest_a_service_worker_and_an_offline_page() {
    let app = spawn_app().await;
    let (_, home) = page(&app, "/").await;
    assert!(home.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"));
    let script = home
        .split("<script src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the script tag")
        .to_owned();
    assert!(
        script.starts_with("/static/app.") && script.ends_with(".js"),
        "{script}"
    );
    let res = app.client.get(app.url(&script)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("serviceWorker.register('/sw.js'"));

    let res = app
        .client
        .get(app.url("/manifest.webmanifest?lang=ky"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/manifest+json");
    let manifest: Value = res.json().await.unwrap();
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["lang"], "ky");
    assert!(manifest["description"]
        .as_str()
        .unwrap()
        .contains("келишим"));
    let icon = manifest["icons"][0]["src"].as_str().unwrap();
    let res = app.client.get(app.url(icon)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");

    let res = app.client.get(app.url("/sw.js")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let worker = res.text().await.unwrap();
    assert!(!worker.contains("__"), "every placeholder filled: {worker}");
    let stylesheet = home
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    assert!(worker.contains(stylesheet) && worker.contains(&script));
    assert!(worker.contains("'/offline'") && worker.contains("'/rights'"));

    let (status, html) = page(&app, "/offline?lang=en").await;
    assert_eq!(status, 200);
    assert_layout(&html);
    assert!(html.contains("<h1>You are offline</h1>"));
    assert!(html.contains("id=\"saved-pages\""));
    assert!(html.contains("href=\"tel:112\""));
}

#[tokio::test]
async fn a_full_page_of_results_is_well_under_60_kb_transferred_with_its_stylesheet_and_script() {
    use reqwest::header::ACCEPT_ENCODING;
    let app = spawn_app().await;
    let e = app.account("employer").await;
    for n in 0..22 {
        let mut body = vacancy_body();
        body["title"] = format!("Сварщик-аргонщик на металлоконструкции, участок {n}").into();
        app.published_vacancy(&e.token, body).await;
    }
    app.apply_search_changes().await;
    let weigh = |path: String| {
        let app = &app;
        async move {
            let res = app
                .client
                .get(app.url(&path))
                .header(ACCEPT_ENCODING, "gzip")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{path}");
            assert_eq!(res.headers()["content-encoding"], "gzip", "{path}");
            res.bytes().await.unwrap().len()
        }
    };
    let (_, html) = page(&app, "/search?q=svarshik&lang=ru").await;
    assert_eq!(
        html.matches("class=\"result-link\"").count(),
        20,
        "a full page"
    );
    let asset = |prefix: &str| {
        let start = html.find(prefix).unwrap() + prefix.len();
        html[start..start + html[start..].find('"').unwrap()].to_owned()
    };
    let css = asset("<link rel=\"stylesheet\" href=\"");
    let js = asset("<script src=\"");
    let page_bytes = weigh("/search?q=svarshik&lang=ru".into()).await;
    let css_bytes = weigh(css).await;
    let js_bytes = weigh(js).await;
    let total = page_bytes + css_bytes + js_bytes;
    eprintln!(
        "search results (20): {} bytes HTML, {page_bytes} gzip; css {css_bytes} gzip; js {js_bytes} gzip; total {total}",
        html.len()
    );
    assert!(total < 60 * 1024, "{total} bytes transferred");
}
