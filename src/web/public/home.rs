//! `GET /`: one search box, and the three promises of the exchange.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::web::layout::{render, Page, WebError};

#[derive(Template)]
#[template(path = "public/home.html")]
struct Home {
    page: Page,
}

pub async fn show(req: HttpRequest) -> Result<HttpResponse, WebError> {
    render(
        StatusCode::OK,
        &Home {
            page: Page::new(&req, "web-home-title"),
        },
    )
}
