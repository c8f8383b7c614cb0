//! `GET /verify-email?token=`: the link in the verification email.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{query, MessagePage};
use crate::auth::tokens::{self, TokenKind};
use crate::error::ErrorCode;
use crate::services::accounts;
use crate::state::AppState;
use crate::web::layout::{Page, WebError};
use crate::web::session::Visitor;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TokenQuery {
    pub token: String,
}

/// A link that was used already, has expired, or was never ours.
pub fn link_not_working(req: &HttpRequest, again: (&str, &str)) -> Result<HttpResponse, WebError> {
    let page = Page::new(req, "web-link-invalid-title");
    let body = page.t("web-link-invalid-body");
    MessagePage::new(page)
        .paragraph(body)
        .link(again.0, again.1)
        .respond(StatusCode::BAD_REQUEST)
}

/// Confirms the address with the emailed single-use token.
pub async fn verify(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
) -> Result<HttpResponse, WebError> {
    let token = query::<TokenQuery>(&req).token;
    let again = ("/account", "web-account-title");
    let Some(digest) = tokens::digest_of_kind(TokenKind::VerifyEmail, token.trim()) else {
        return link_not_working(&req, again);
    };
    match accounts::verify_email(&state, digest).await {
        Ok(()) => {
            let page = Page::new(&req, "web-verify-done-title");
            let body = page.t("web-verify-done-body");
            let next = if visitor.user.is_some() {
                ("/account", "web-account-title")
            } else {
                ("/sign-in", "web-sign-in-title")
            };
            MessagePage::new(page)
                .paragraph(body)
                .link(next.0, next.1)
                .respond(StatusCode::OK)
        }
        Err(e) if e.code == ErrorCode::InvalidToken => link_not_working(&req, again),
        Err(e) => Err(e.into()),
    }
}
