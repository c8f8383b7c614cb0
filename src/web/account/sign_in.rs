//! `GET/POST /sign-in` and `POST /sign-out`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{query, FormPage};
use crate::auth::throttle::{self, Attempt};
use crate::auth::tokens::{self, TokenKind};
use crate::error::{ErrorCode, FieldError};
use crate::services::accounts;
use crate::state::AppState;
use crate::web::layout::{see_other, Page, WebError};
use crate::web::session::{cookie, removal, safe_next, CsrfForm, Visitor, SESSION_COOKIE};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
    next: String,
}

#[derive(Deserialize, Default)]
pub struct Nothing {}

fn form(req: &HttpRequest, email: &str, next: &str) -> FormPage {
    let mut page = FormPage::new(
        Page::new(req, "web-sign-in-title"),
        "/sign-in",
        "web-sign-in-button",
    )
    .field("email", "web-field-email", None, "email", "email", email)
    .field(
        "password",
        "web-field-password",
        None,
        "password",
        "current-password",
        "",
    )
    .link("/forgot-password", "web-sign-in-forgot-link")
    .link("/register", "web-sign-in-register-link");
    if next != "/account" {
        page = page.hidden("next", next.to_owned());
    }
    page
}

pub async fn show(req: HttpRequest, visitor: Visitor) -> Result<HttpResponse, WebError> {
    let next = safe_next(query::<NextQuery>(&req).next.as_deref());
    if visitor.user.is_some() {
        return Ok(see_other(&next));
    }
    form(&req, "", &next).respond(StatusCode::OK)
}

/// Signs in through the same service and throttles as the API's `POST /auth/login`.
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    CsrfForm(f): CsrfForm<SignInForm>,
) -> Result<HttpResponse, WebError> {
    let email = f.email.trim().to_lowercase();
    let next = safe_next(Some(&f.next));
    let mut missing = Vec::new();
    if email.is_empty() {
        missing.push(FieldError::new("email", "required"));
    }
    if f.password.is_empty() {
        missing.push(FieldError::new("password", "required"));
    }
    if !missing.is_empty() {
        return form(&req, &f.email, &next)
            .errors(&missing)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    if throttle::on_account(&state, &req, Attempt::Login, &email).is_err() {
        return form(&req, &f.email, &next)
            .error_on("password", "web-sign-in-too-many")
            .respond(StatusCode::TOO_MANY_REQUESTS);
    }
    match accounts::sign_in_web(&state, email, f.password).await {
        Ok(value) => {
            let mut res = see_other(&next);
            res.add_cookie(&cookie(SESSION_COOKIE, value, visitor.secure))
                .map_err(|_| WebError::internal())?;
            Ok(res)
        }
        Err(e) if e.code == ErrorCode::InvalidCredentials => form(&req, &f.email, &next)
            .error_on("password", "web-sign-in-wrong")
            .respond(StatusCode::UNPROCESSABLE_ENTITY),
        Err(e) if e.code == ErrorCode::AccountDisabled => form(&req, &f.email, &next)
            .error_on("email", "web-sign-in-disabled")
            .respond(StatusCode::FORBIDDEN),
        Err(e) => Err(e.into()),
    }
}

/// Ends this browser's session at once and goes home. Without a session there is nothing to end.
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    form: Result<CsrfForm<Nothing>, WebError>,
) -> Result<HttpResponse, WebError> {
    if visitor.user.is_some() {
        form?;
        if let Some(digest) = req
            .cookie(SESSION_COOKIE)
            .and_then(|c| tokens::digest_of_kind(TokenKind::WebSession, c.value()))
        {
            accounts::sign_out_web(&state, digest).await?;
        }
    }
    let mut res = see_other("/");
    res.add_cookie(&removal(SESSION_COOKIE, visitor.secure))
        .map_err(|_| WebError::internal())?;
    Ok(res)
}
