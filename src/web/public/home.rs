//! `GET /`: the home page, one search box (the lead replaces its content).

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
