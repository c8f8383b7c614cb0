//! `GET/POST /register`: a migrant opens an account (employers register through the API for now).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{validation, FormPage, MessagePage};
use crate::auth::throttle::{self, Attempt};
use crate::domain::role::Role;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::services::accounts::{self, Registration};
use crate::state::AppState;
use crate::web::layout::{Page, WebError};
use crate::web::session::{CsrfForm, Visitor};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RegisterForm {
    full_name: String,
    email: String,
    password: String,
}

fn form(req: &HttpRequest, f: &RegisterForm) -> FormPage {
    FormPage::new(
        Page::new(req, "web-register-title"),
        "/register",
        "web-register-button",
    )
    .intro("web-register-intro")
    .field(
        "full_name",
        "web-field-full-name",
        Some("web-field-full-name-hint"),
        "text",
        "name",
        &f.full_name,
    )
    .field(
        "email",
        "web-field-email",
        Some("web-field-email-hint"),
        "email",
        "email",
        &f.email,
    )
    .field(
        "password",
        "web-field-new-password",
        Some("web-field-new-password-hint"),
        "password",
        "new-password",
        "",
    )
    .link("/sign-in", "web-register-sign-in-link")
}

pub async fn show(req: HttpRequest) -> Result<HttpResponse, WebError> {
    form(&req, &RegisterForm::default()).respond(StatusCode::OK)
}

/// Registers through `services::accounts::register`, as the API does: the same answer whether
/// or not the address already had an account.
pub async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    visitor: Visitor,
    CsrfForm(f): CsrfForm<RegisterForm>,
) -> Result<HttpResponse, WebError> {
    let email = f.email.trim().to_lowercase();
    let mut check = Check::new();
    accounts::check_registration(&mut check, &email, &f.password, &f.full_name);
    if let Err(e) = check.finish() {
        return form(&req, &f)
            .errors(&validation(e)?)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    throttle::per_client(&state, &req, Attempt::Register)?;
    let registered = accounts::register(
        &state,
        Registration {
            email,
            password: f.password.clone(),
            full_name: text::clean(&f.full_name),
            role: Role::Migrant,
            locale: visitor.locale,
            employer: None,
        },
    )
    .await;
    if let Err(e) = registered {
        return form(&req, &f)
            .errors(&validation(e)?)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let page = Page::new(&req, "web-register-done-title");
    let body = page.t1(
        "web-register-done-body",
        "hours",
        state.settings.auth.verify_ttl_hours,
    );
    MessagePage::new(page)
        .paragraph(body)
        .link("/sign-in", "web-sign-in-title")
        .respond(StatusCode::OK)
}
