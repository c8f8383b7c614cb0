//! The browser pages (issue 11), served by the same binary as the API: server-rendered HTML
//! from compile-time-checked templates (`templates/`, askama), every text through the Fluent
//! catalogue, forms that work without JavaScript. Handlers are thin: they read the form, call
//! one service function, render.
//!
//! Every page route is declared in [`routes`]. [`session::visit`] runs before each of them.

pub mod account;
pub mod admin;
pub mod agency;
pub mod assets;
pub mod centre;
pub mod employer;
pub mod form;
pub mod layout;
pub mod migrant;
pub mod ministry;
pub mod public;
pub mod session;

use actix_web::{web, HttpRequest, HttpResponse, ResponseError};

use crate::error::AppError;
pub use layout::{Page, WebError};
pub use session::{is_api_path, CsrfForm, MaybeUser, Visitor, WebUser};

/// Every page route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    use account::{email, home, password, register, sign_in};
    cfg.service(web::resource("/static/{file}").route(web::get().to(assets::serve)))
        .service(web::resource("/").route(web::get().to(public::home::show)))
        .service(web::resource("/search").route(web::get().to(public::search::show)))
        .service(web::resource("/vacancies/{id}").route(web::get().to(public::vacancy::show)))
        .service(web::resource("/check").route(web::get().to(public::check::show)))
        .service(web::resource("/rights").route(web::get().to(public::rights::show)))
        .service(web::resource("/quota").route(web::get().to(public::quota::show)))
        .service(web::resource("/offline").route(web::get().to(public::offline::show)))
        .service(web::resource("/sw.js").route(web::get().to(assets::service_worker)))
        .route(
            "/manifest.webmanifest",
            web::get().to(public::offline::manifest),
        )
        .service(
            web::resource("/sign-in")
                .route(web::get().to(sign_in::show))
                .route(web::post().to(sign_in::submit)),
        )
        .service(web::resource("/sign-out").route(web::post().to(sign_in::sign_out)))
        .service(
            web::resource("/register")
                .route(web::get().to(register::show))
                .route(web::post().to(register::submit)),
        )
        .service(web::resource("/verify-email").route(web::get().to(email::verify)))
        .service(
            web::resource("/forgot-password")
                .route(web::get().to(password::forgot))
                .route(web::post().to(password::forgot_submit)),
        )
        .service(
            web::resource("/reset-password")
                .route(web::get().to(password::reset))
                .route(web::post().to(password::reset_submit)),
        )
        .service(web::resource("/account").route(web::get().to(home::show)))
        .service(
            web::resource("/account/password")
                .route(web::get().to(password::change))
                .route(web::post().to(password::change_submit)),
        );
    migrant::routes(cfg);
    employer::routes(cfg);
    agency::routes(cfg);
    centre::routes(cfg);
    ministry::routes(cfg);
    admin::routes(cfg);
}

/// What answers a path no route matched: a problem document under the API, a page elsewhere.
pub async fn fallback(req: HttpRequest) -> HttpResponse {
    if is_api_path(req.path()) {
        AppError::not_found().error_response()
    } else {
        WebError::not_found().error_response()
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::domain::role::Role;
    use crate::i18n::Locale;
    use crate::render::l10n::catalogue;

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                files(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs" || e == "html") {
                out.push(p);
            }
        }
    }

    /// Every `"web-…"` message id the pages' code and templates name.
    fn ids_in_use() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("src/web"), &mut paths);
        files(&root.join("templates"), &mut paths);
        let mut ids = Vec::new();
        for p in paths {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            for (i, _) in text.match_indices("\"web-") {
                let rest = &text[i + 1..];
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                // `format!("web-error-{…}")` prefixes are checked below with their values.
                if rest[id.len()..].starts_with('"') && !id.ends_with('-') {
                    ids.push(id);
                }
            }
        }
        for role in Role::ALL {
            ids.push(format!("web-role-{}", role.as_str()));
            ids.push(format!("web-role-{}-intro", role.as_str()));
        }
        for code in [
            "required",
            "too_short",
            "too_long",
            "invalid_email",
            "common_password",
            "forbidden_character",
            "unknown_value",
            "wrong_password",
            "same_password",
        ] {
            ids.push(format!("web-error-{code}"));
        }
        ids.sort();
        ids.dedup();
        ids
    }

    #[test]
    fn every_message_the_pages_use_exists_in_every_language() {
        let ids = ids_in_use();
        assert!(ids.len() > 60, "found only {} ids", ids.len());
        let c = catalogue();
        let mut missing = Vec::new();
        for locale in Locale::ALL {
            for id in &ids {
                if !c.ids(locale).contains(id) {
                    missing.push(format!("{}: {id}", locale.as_str()));
                }
            }
        }
        assert!(missing.is_empty(), "missing messages: {missing:?}");
    }

    #[test]
    fn the_languages_really_differ() {
        // Real translations, not English copies.
        let c = catalogue();
        for locale in [Locale::Ru, Locale::Ky, Locale::Uz, Locale::Tg] {
            let same: Vec<_> = ids_in_use()
                .into_iter()
                .filter(|id| !matches!(id.as_str(), "web-service-name" | "web-role-admin"))
                .filter(|id| {
                    c.format(locale, id, None).map(|v| v.0)
                        == c.format(Locale::En, id, None).map(|v| v.0)
                })
                .collect();
            assert!(
                same.is_empty(),
                "{}: same as English: {same:?}",
                locale.as_str()
            );
        }
    }
}
