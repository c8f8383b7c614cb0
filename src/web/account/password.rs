//! `GET/POST /forgot-password`, `GET/POST /reset-password?token=` (the emailed link) and
//! `GET/POST /account/password` (change it while signed in).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::email::{link_not_working, TokenQuery};
use super::{query, validation, FormPage, MessagePage};
use crate::auth::password;
use crate::auth::throttle::{self, Attempt};
use crate::auth::tokens::{self, TokenKind};
use crate::domain::validate::Check;
use crate::error::ErrorCode;
use crate::services::accounts;
use crate::state::AppState;
use crate::web::layout::{Page, WebError};
use crate::web::session::{cookie, removal, CsrfForm, Visitor, WebUser, SESSION_COOKIE};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

fn forgot_form(req: &HttpRequest, email: &str) -> FormPage {
    FormPage::new(
        Page::new(req, "web-forgot-title"),
        "/forgot-password",
        "web-forgot-button",
    )
    .intro("web-forgot-intro")
    .field("email", "web-field-email", None, "email", "email", email)
    .link("/sign-in", "web-sign-in-title")
}

pub async fn forgot(req: HttpRequest) -> Result<HttpResponse, WebError> {
    forgot_form(&req, "").respond(StatusCode::OK)
}

/// Asks for the reset email through the API's service and throttle; the answer never says
/// whether the address has an account.
pub async fn forgot_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    CsrfForm(f): CsrfForm<ForgotForm>,
) -> Result<HttpResponse, WebError> {
    let email = f.email.trim().to_lowercase();
    let mut check = Check::new();
    check.email("email", &email);
    if let Err(e) = check.finish() {
        return forgot_form(&req, &f.email)
            .errors(&validation(e)?)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    throttle::on_account(&state, &req, Attempt::PasswordReset, &email)?;
    accounts::request_password_reset(&state, email).await?;
    let page = Page::new(&req, "web-forgot-sent-title");
    let body = page.t1(
        "web-forgot-sent-body",
        "minutes",
        state.settings.auth.reset_ttl_minutes,
    );
    MessagePage::new(page)
        .paragraph(body)
        .link("/sign-in", "web-sign-in-title")
        .respond(StatusCode::OK)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
}

fn reset_form(req: &HttpRequest, token: &str) -> FormPage {
    FormPage::new(
        Page::new(req, "web-reset-title"),
        "/reset-password",
        "web-reset-button",
    )
    .hidden("token", token.to_owned())
    .field(
        "password",
        "web-field-new-password",
        Some("web-field-new-password-hint"),
        "password",
        "new-password",
        "",
    )
}

const ASK_AGAIN: (&str, &str) = ("/forgot-password", "web-forgot-title");

/// The form for the emailed link (the token is used only when the form is sent).
pub async fn reset(req: HttpRequest) -> Result<HttpResponse, WebError> {
    let token = query::<TokenQuery>(&req).token;
    if tokens::digest_of_kind(TokenKind::ResetPassword, token.trim()).is_none() {
        return link_not_working(&req, ASK_AGAIN);
    }
    reset_form(&req, token.trim()).respond(StatusCode::OK)
}

/// Sets the new password through the API's service: every session of the account ends,
/// this browser's too.
pub async fn reset_submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    CsrfForm(f): CsrfForm<ResetForm>,
) -> Result<HttpResponse, WebError> {
    let Some(digest) = tokens::digest_of_kind(TokenKind::ResetPassword, f.token.trim()) else {
        return link_not_working(&req, ASK_AGAIN);
    };
    let mut check = Check::new();
    check.extend(password::check_policy("password", &f.password, None));
    if let Err(e) = check.finish() {
        return reset_form(&req, f.token.trim())
            .errors(&validation(e)?)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    match accounts::confirm_password_reset(&state, digest, f.password).await {
        Ok(()) => {
            let page = Page::new(&req, "web-password-changed-title");
            let body = page.t("web-reset-done-body");
            let mut res = MessagePage::new(page)
                .paragraph(body)
                .link("/sign-in", "web-sign-in-title")
                .respond(StatusCode::OK)?;
            res.add_cookie(&removal(SESSION_COOKIE, visitor.secure))
                .map_err(|_| WebError::internal())?;
            Ok(res)
        }
        Err(e) if e.code == ErrorCode::InvalidToken => link_not_working(&req, ASK_AGAIN),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ChangeForm {
    current_password: String,
    new_password: String,
}

fn change_form(req: &HttpRequest) -> FormPage {
    FormPage::new(
        Page::new(req, "web-change-password-title"),
        "/account/password",
        "web-change-password-button",
    )
    .field(
        "current_password",
        "web-field-current-password",
        None,
        "password",
        "current-password",
        "",
    )
    .field(
        "new_password",
        "web-field-new-password",
        Some("web-field-new-password-hint"),
        "password",
        "new-password",
        "",
    )
    .link("/account", "web-account-title")
}

pub async fn change(req: HttpRequest, _user: WebUser) -> Result<HttpResponse, WebError> {
    change_form(&req).respond(StatusCode::OK)
}

/// Changes the password: every other session of the account (browser or API) ends at once; this
/// browser gets a new session.
pub async fn change_submit(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    visitor: Visitor,
    CsrfForm(f): CsrfForm<ChangeForm>,
) -> Result<HttpResponse, WebError> {
    match accounts::change_password(
        &state,
        &user.auth.caller(),
        f.current_password,
        f.new_password,
    )
    .await
    {
        Ok(value) => {
            let page = Page::new(&req, "web-password-changed-title");
            let body = page.t("web-change-password-done-body");
            let mut res = MessagePage::new(page)
                .paragraph(body)
                .link("/account", "web-account-title")
                .respond(StatusCode::OK)?;
            res.add_cookie(&cookie(SESSION_COOKIE, value, visitor.secure))
                .map_err(|_| WebError::internal())?;
            Ok(res)
        }
        Err(e) => change_form(&req)
            .errors(&validation(e)?)
            .respond(StatusCode::UNPROCESSABLE_ENTITY),
    }
}
