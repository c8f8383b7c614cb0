//! The web skeleton over HTTP: the page language (each way of choosing it), the layout every
//! page shares, HTML 404s, the hashed stylesheet and its cache header, gzip and brotli.

use std::io::Read;
use std::sync::Arc;

use reqwest::header::{ACCEPT_ENCODING, ACCEPT_LANGUAGE, CONTENT_ENCODING, COOKIE};
use reqwest::{redirect, Client};

use crate::helpers::*;

/// A browser: keeps cookies, does not follow redirects (tests assert them).
pub fn browser() -> (Client, Arc<reqwest::cookie::Jar>) {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let client = Client::builder()
        .cookie_provider(jar.clone())
        .redirect(redirect::Policy::none())
        .build()
        .expect("client");
    (client, jar)
}

/// A signed-in browser of a new account of `role`.
pub async fn signed_in(app: &TestApp, role: &str) -> (Account, Client) {
    let account = app.account(role).await;
    let (client, _) = browser();
    crate::web_account::sign_in(app, &client, &account.email, PASSWORD).await;
    (account, client)
}

/// A page as `client` gets it: its status and its HTML.
pub async fn get_page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.expect("sent");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

/// Where a redirect points.
pub fn location(res: &reqwest::Response) -> String {
    res.headers()[reqwest::header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned()
}

pub fn html_lang(html: &str) -> &str {
    let start = html.find("<html lang=\"").expect("<html lang>") + "<html lang=\"".len();
    let end = start + html[start..].find('"').expect("closing quote");
    &html[start..end]
}

/// What every page carries (PLAN.md "Shared conventions").
pub fn assert_layout(html: &str) {
    assert_eq!(html.matches("<h1").count(), 1, "one h1: {html}");
    assert!(html.contains("<main id=\"main\""), "main landmark");
    assert!(
        html.contains("class=\"skip-link\" href=\"#main\""),
        "skip link"
    );
    assert!(html.contains("href=\"/check\""), "footer link to /check");
    for code in ["ru", "ky", "uz", "tg", "en"] {
        assert!(
            html.contains(&format!("hreflang=\"{code}\"")),
            "language link {code}"
        );
    }
    assert!(html.contains("<nav class=\"container languages\" aria-label="));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no third-party URL"
    );
}

async fn page(client: &Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = client.get(app.url(path)).send().await.expect("sent");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

#[tokio::test]
async fn the_page_language_follows_query_user_cookie_header_then_russian() {
    let app = spawn_app().await;
    let plain = Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap();

    // Nothing said: Russian.
    let (status, html) = page(&plain, &app, "/").await;
    assert_eq!(status, 200);
    assert_eq!(html_lang(&html), "ru");
    assert_layout(&html);
    assert!(html.contains("<form method=\"get\" action=\"/search\""));
    assert!(html.contains("<label for=\"q\">"));
    assert!(html.contains("name=\"q\""));

    // Accept-Language.
    let res = plain
        .get(app.url("/"))
        .header(ACCEPT_LANGUAGE, "ky-KG,ru;q=0.8")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-language"], "ky");
    assert_eq!(html_lang(&res.text().await.unwrap()), "ky");

    // The cookie beats Accept-Language.
    let res = plain
        .get(app.url("/"))
        .header(ACCEPT_LANGUAGE, "ky")
        .header(COOKIE, "lang=uz")
        .send()
        .await
        .unwrap();
    assert_eq!(html_lang(&res.text().await.unwrap()), "uz");

    // ?lang= beats everything and is remembered in the cookie.
    let (client, _) = browser();
    let res = client
        .get(app.url("/?lang=tg"))
        .header(ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap();
    let set_cookie: Vec<_> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        set_cookie
            .iter()
            .any(|c| c.starts_with("lang=tg") && c.contains("Max-Age=31536000")),
        "{set_cookie:?}"
    );
    assert_eq!(html_lang(&res.text().await.unwrap()), "tg");
    let res = client
        .get(app.url("/"))
        .header(ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap();
    assert_eq!(
        html_lang(&res.text().await.unwrap()),
        "tg",
        "the cookie stays"
    );
    // An unknown language is ignored.
    let (_, html) = page(&plain, &app, "/?lang=xx").await;
    assert_eq!(html_lang(&html), "ru");
    // The switcher keeps the rest of the query.
    let (_, html) = page(&plain, &app, "/sign-in?next=%2Faccount%2Fpassword").await;
    assert!(
        html.contains("href=\"/sign-in?next=%2Faccount%2Fpassword&#38;lang=ky\""),
        "{html}"
    );
}

#[tokio::test]
async fn a_signed_in_persons_language_beats_the_cookie_and_a_switch_is_remembered() {
    let app = spawn_app().await;
    let account = app.account("migrant").await; // locale "en"
    let (client, jar) = browser();
    crate::web_account::sign_in(&app, &client, &account.email, PASSWORD).await;
    jar.add_cookie_str("lang=uz; Path=/", &app.url("/").parse().unwrap());
    let (_, html) = page(&client, &app, "/account").await;
    assert_eq!(html_lang(&html), "en", "the user's own language");
    // Choosing another language on a page changes the person's language.
    let (_, html) = page(&client, &app, "/account?lang=ky").await;
    assert_eq!(html_lang(&html), "ky");
    let (_, html) = page(&client, &app, "/account").await;
    assert_eq!(html_lang(&html), "ky");
    let me = json_body(app.get("/api/v1/me", Some(&account.token)).await).await;
    assert_eq!(me["locale"], "ky");
}

#[tokio::test]
async fn unknown_pages_are_html_404s_and_unknown_api_paths_stay_problems() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/no-such-page"))
        .header(ACCEPT_LANGUAGE, "uz")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = res.text().await.unwrap();
    assert_eq!(html_lang(&html), "uz");
    assert_layout(&html);
    assert!(html.contains(&orgnabor::render::l10n::text(
        orgnabor::i18n::Locale::Uz,
        "web-error-not-found-title",
        None
    )));

    let res = app.get("/api/v1/no-such-thing", None).await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}

#[tokio::test]
async fn the_stylesheet_has_a_content_hash_name_and_a_year_long_immutable_cache() {
    let app = spawn_app().await;
    let (_, html) = page(&app.client, &app, "/").await;
    let start = html.find("<link rel=\"stylesheet\" href=\"").unwrap() + 29;
    let href = &html[start..start + html[start..].find('"').unwrap()];
    assert!(
        href.starts_with("/static/app.") && href.ends_with(".css"),
        "{href}"
    );
    let res = app.client.get(app.url(href)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/css; charset=utf-8");
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(res.text().await.unwrap().contains(".error-summary"));
    for other in ["/static/app.css", "/static/app.000000000000.css"] {
        let res = app.client.get(app.url(other)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{other}");
    }
}

#[tokio::test]
async fn pages_are_gzip_or_brotli_compressed_when_asked_and_api_clients_that_do_not_ask_are_not() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/")).send().await.unwrap();
    assert!(res.headers().get(CONTENT_ENCODING).is_none());
    let plain = res.bytes().await.unwrap();

    let res = app
        .client
        .get(app.url("/"))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[CONTENT_ENCODING], "gzip");
    let gzipped = res.bytes().await.unwrap();
    let mut html = String::new();
    flate2::read::GzDecoder::new(&gzipped[..])
        .read_to_string(&mut html)
        .unwrap();
    assert_eq!(html.as_bytes(), &plain[..]);

    let res = app
        .client
        .get(app.url("/"))
        .header(ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[CONTENT_ENCODING], "br");
    let brotli_body = res.bytes().await.unwrap();
    let mut html = String::new();
    brotli::Decompressor::new(&brotli_body[..], 4096)
        .read_to_string(&mut html)
        .unwrap();
    assert_eq!(html.as_bytes(), &plain[..]);

    // The stylesheet too.
    let start = html.find("<link rel=\"stylesheet\" href=\"").unwrap() + 29;
    let href = html[start..start + html[start..].find('"').unwrap()].to_owned();
    let res = app
        .client
        .get(app.url(&href))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[CONTENT_ENCODING], "gzip");
    let css_gzip = res.bytes().await.unwrap().len();
    eprintln!(
        "page weight of /: {} bytes HTML ({} gzip, {} brotli); stylesheet {} bytes gzip",
        plain.len(),
        gzipped.len(),
        brotli_body.len(),
        css_gzip
    );
    assert!(
        gzipped.len() + css_gzip < 14 * 1024,
        "fits the first round trip"
    );

    // An API client that does not ask gets identity bodies.
    let res = app.get("/api/v1/reference/countries", None).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().get(CONTENT_ENCODING).is_none());
}

#[tokio::test]
async fn pages_send_security_headers_and_stay_out_of_shared_caches() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/sign-in")).send().await.unwrap();
    let h = res.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    assert_eq!(h["cache-control"], "private, no-cache");
    // The API is left as it was.
    let res = app.get("/api/v1/reference/countries", None).await;
    assert!(res.headers().get("content-security-policy").is_none());
}

#[tokio::test]
async fn a_page_asked_for_with_the_wrong_method_is_a_page_and_the_api_keeps_its_problems() {
    let app = spawn_app().await;
    let (client, _) = browser();
    for (method, path) in [
        (reqwest::Method::GET, "/sign-out?lang=ky"),
        (reqwest::Method::POST, "/search?lang=ky"),
        (reqwest::Method::DELETE, "/rights?lang=ky"),
    ] {
        let res = client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 405, "{method} {path}");
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = res.text().await.unwrap();
        assert_eq!(html_lang(&html), "ky", "{method} {path}");
        assert_layout(&html);
    }
    let res = client.delete(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
}
