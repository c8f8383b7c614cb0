//! `GET /rights`: what every worker recruited through Orgnabor is owed, in plain words, and
//! where to turn. Readable offline once visited (the service worker keeps it).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::web::layout::{render, Page, WebError};

/// The rights, in the order a worker meets them: before signing, on the way, at work.
const RIGHTS: &[&str] = &[
    "no-fee",
    "contract-first",
    "own-language",
    "passport",
    "minimum-wage",
    "hours",
    "leave",
    "housing",
    "complain",
];

/// Numbers that answer in any case (the emergency numbers of both countries).
const NUMBERS: &[(&str, &str)] = &[
    ("web-rights-number-ru-112", "112"),
    ("web-rights-number-ru-police", "102"),
    ("web-rights-number-kg-112", "112"),
];

pub struct Right {
    pub id: String,
    pub heading: String,
    pub body: String,
}

pub struct Number {
    pub label: String,
    pub number: &'static str,
}

#[derive(Template)]
#[template(path = "public/rights.html")]
struct RightsPage {
    page: Page,
    rights: Vec<Right>,
    numbers: Vec<Number>,
}

/// The numbers to call, labelled in the page's language (also on the offline page).
pub fn numbers(page: &Page) -> Vec<Number> {
    NUMBERS
        .iter()
        .map(|(label, number)| Number {
            label: page.t(label),
            number,
        })
        .collect()
}

pub async fn show(req: HttpRequest) -> Result<HttpResponse, WebError> {
    let page = Page::new(&req, "web-rights-title");
    let rights = RIGHTS
        .iter()
        .map(|id| Right {
            id: (*id).to_owned(),
            heading: page.t(&format!("web-rights-{id}-heading")),
            body: page.t(&format!("web-rights-{id}-body")),
        })
        .collect();
    let numbers = numbers(&page);
    render(
        StatusCode::OK,
        &RightsPage {
            page,
            rights,
            numbers,
        },
    )
}
