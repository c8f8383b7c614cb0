//! The migrant's pages (issue 11). Routes under `/migrant/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in migrant. A migrant has one candidate profile of their own;
//! every object on these pages is theirs, as the services check.

pub mod applications;
pub mod contract;
pub mod profile;

use actix_web::web;
use chrono::{DateTime, Utc};
use fluent_bundle::FluentArgs;
use uuid::Uuid;

use crate::domain::role::Role;
use crate::error::FieldError;
use crate::render::l10n;
use crate::services::candidates::{self, ProfileView};
use crate::state::AppState;
use crate::web::form::FormPage;
use crate::web::layout::{Link, Page, WebError};
use crate::web::session::WebUser;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/migrant/profile", web::get().to(profile::show))
        .service(
            web::resource("/migrant/profile/edit")
                .route(web::get().to(profile::edit))
                .route(web::post().to(profile::submit)),
        )
        .service(
            web::resource("/migrant/applications")
                .route(web::get().to(applications::list))
                .route(web::post().to(applications::apply)),
        )
        .route(
            "/migrant/applications/{id}",
            web::get().to(applications::show),
        )
        .route(
            "/migrant/applications/{id}/steps",
            web::post().to(applications::step),
        )
        .service(
            web::resource("/migrant/applications/{id}/contract")
                .route(web::get().to(contract::show))
                .route(web::post().to(contract::confirm)),
        )
        .route(
            "/migrant/applications/{id}/contract.pdf",
            web::get().to(contract::pdf),
        );
}

/// The links on the migrant's home page `/account`.
pub fn menu(page: &Page) -> Vec<Link> {
    vec![
        Link::new(page, "/migrant/profile", "web-migrant-profile-title"),
        Link::new(
            page,
            "/migrant/applications",
            "web-migrant-applications-title",
        ),
    ]
}

/// One row of a summary list.
pub struct Row {
    pub label: String,
    pub value: String,
}

impl Row {
    pub fn new(label: String, value: impl Into<String>) -> Row {
        Row {
            label,
            value: value.into(),
        }
    }
}

/// The signed-in migrant (anyone else gets the 403 page).
pub(crate) fn migrant(user: &WebUser) -> Result<(), WebError> {
    user.require(&[Role::Migrant])
}

/// An id from the path: anything that is not a UUID is the 404 page.
pub(crate) fn parse_id(raw: &str) -> Result<Uuid, WebError> {
    raw.trim().parse().map_err(|_| WebError::not_found())
}

/// The migrant's own profile, if they made one.
pub(crate) async fn own_profile(
    state: &AppState,
    user: &WebUser,
) -> Result<Option<ProfileView>, WebError> {
    let caller = user.auth.caller();
    Ok(candidates::list_candidates(state, &caller, None, 1)
        .await?
        .into_iter()
        .next())
}

/// A moment as the pages print it (UTC).
pub(crate) fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Shows validation errors on a form: the service's field names mapped to the form's inputs by
/// `rename`, and this role's own wording where it has one (`web-migrant-error-<field>-<code>`,
/// else `web-migrant-error-<code>`), else the common messages.
pub(crate) fn show_errors(
    form: FormPage,
    errors: &[FieldError],
    rename: impl Fn(&str) -> String,
) -> FormPage {
    let mapped: Vec<FieldError> = errors
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.field = rename(&e.field);
            e
        })
        .collect();
    let locale = form.page.locale;
    let mut form = form.errors(&mapped);
    let catalogue = l10n::catalogue();
    for e in &mapped {
        let mut args = FluentArgs::new();
        for (name, value) in &e.params {
            match value.parse::<i64>() {
                Ok(n) => args.set(*name, n),
                Err(_) => args.set(*name, value.clone()),
            }
        }
        let own = [
            format!("web-migrant-error-{}-{}", e.field, e.code),
            format!("web-migrant-error-{}", e.code),
        ]
        .into_iter()
        .find_map(|id| catalogue.format(locale, &id, Some(&args)));
        let Some((text, _)) = own else { continue };
        if let Some(shown) = form.errors.iter_mut().find(|s| s.field == e.field) {
            shown.message = text.clone();
        }
        if let Some(f) = form.fields.iter_mut().find(|f| f.id == e.field) {
            f.error = Some(text);
        }
    }
    form
}

/// The message ids [`show_errors`] builds, listed so the catalogue test checks them.
pub const ERROR_IDS: [&str; 14] = [
    "web-migrant-error-invalid_date",
    "web-migrant-error-not_a_number",
    "web-migrant-error-out_of_range",
    "web-migrant-error-date_of_birth-out_of_range",
    "web-migrant-error-passport_expired",
    "web-migrant-error-date_too_late",
    "web-migrant-error-invalid_phone",
    "web-migrant-error-invalid_country",
    "web-migrant-error-invalid_region",
    "web-migrant-error-invalid_occupation",
    "web-migrant-error-invalid_cefr",
    "web-migrant-error-duplicate",
    "web-migrant-error-too_many",
    "web-migrant-error-passport_number-unknown_value",
];
