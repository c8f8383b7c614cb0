//! `GET /account`: the role home page after sign-in.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use crate::domain::role::Role;
use crate::web::layout::{render, Link, Page, WebError};
use crate::web::session::WebUser;

#[derive(Template)]
#[template(path = "account/home.html")]
struct AccountHome {
    page: Page,
    signed_in_as: String,
    email: String,
    role: String,
    role_intro: String,
    unverified: Option<String>,
    links: Vec<Link>,
}

/// What each role comes here to do (the later pages fill this list).
fn links_for(page: &Page, role: Role) -> Vec<Link> {
    let mut links = match role {
        Role::Migrant => crate::web::migrant::menu(page),
        Role::Employer => crate::web::employer::menu(page),
        Role::Agency => crate::web::agency::menu(page),
        Role::Centre => crate::web::centre::menu(page),
        Role::Ministry => crate::web::ministry::menu(page),
        Role::Admin => crate::web::admin::menu(page),
    };
    if role == Role::Migrant {
        links.push(Link::new(page, "/search", "web-account-link-search"));
        links.push(Link::new(page, "/rights", "web-footer-rights"));
    }
    links.push(Link::new(page, "/check", "web-footer-check"));
    links.push(Link::new(
        page,
        "/account/password",
        "web-change-password-title",
    ));
    links
}

pub async fn show(req: HttpRequest, user: WebUser) -> Result<HttpResponse, WebError> {
    let page = Page::new(&req, "web-account-title");
    let role = user.auth.role;
    let template = AccountHome {
        signed_in_as: page.t1(
            "web-account-signed-in-as",
            "name",
            user.auth.full_name.clone(),
        ),
        email: user.auth.email.clone(),
        role: page.t(&format!("web-role-{}", role.as_str())),
        role_intro: page.t(&format!("web-role-{}-intro", role.as_str())),
        unverified: (!user.auth.email_verified).then(|| page.t("web-account-unverified")),
        links: links_for(&page, role),
        page,
    };
    render(StatusCode::OK, &template)
}
