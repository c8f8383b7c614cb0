//! Installable and kind to a bad connection: the web manifest, and `/offline`, the page the
//! service worker (`static/sw.js`) shows when there is no network and the page asked for was
//! never kept. It lists what is kept (with the script on) and always gives the numbers to call.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use serde_json::json;

use super::rights::{numbers, Number};
use crate::web::assets;
use crate::web::layout::{render, Page, WebError};
use crate::web::session::Visitor;

#[derive(Template)]
#[template(path = "public/offline.html")]
struct OfflinePage {
    page: Page,
    numbers: Vec<Number>,
}

pub async fn show(req: HttpRequest) -> Result<HttpResponse, WebError> {
    let page = Page::new(&req, "web-offline-title");
    let numbers = numbers(&page);
    render(StatusCode::OK, &OfflinePage { page, numbers })
}

/// `GET /manifest.webmanifest`, in the visitor's language.
pub async fn manifest(req: HttpRequest) -> HttpResponse {
    let locale = Visitor::of(&req).locale;
    let page = Page::bare(locale, "web-service-name");
    let body = json!({
        "name": page.t("web-service-name"),
        "short_name": page.t("web-service-name"),
        "description": page.t("web-manifest-description"),
        "lang": locale.as_str(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b0c0c",
        "icons": [
            { "src": assets::icon_href(), "sizes": "any", "type": "image/svg+xml", "purpose": "any" },
            { "src": assets::icon_href(), "sizes": "any", "type": "image/svg+xml", "purpose": "maskable" }
        ]
    });
    HttpResponse::Ok()
        .content_type("application/manifest+json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(body.to_string())
}
