//! What every page shares: the [`Page`] a template's layout reads (language, switcher links,
//! stylesheet, the signed-in person), rendering to an HTML response, form errors through Fluent,
//! and [`WebError`] — error pages in the visitor's language.

use std::fmt;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use askama::Template;
use fluent_bundle::{FluentArgs, FluentValue};

use crate::error::{AppError, ErrorCode, FieldError};
use crate::i18n::{self, Locale};
use crate::render::l10n;
use crate::web::assets;
use crate::web::session::Visitor;

/// One link of the language switcher.
pub struct LangLink {
    pub code: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// The language's own name for itself (what a reader of it looks for).
pub fn native_name(locale: Locale) -> &'static str {
    match locale {
        Locale::Ru => "Русский",
        Locale::Ky => "Кыргызча",
        Locale::Uz => "Oʻzbekcha",
        Locale::Tg => "Тоҷикӣ",
        Locale::En => "English",
    }
}

/// What the layout of every page needs.
pub struct Page {
    pub locale: Locale,
    pub lang: &'static str,
    /// The `<title>` and usually the `<h1>`.
    pub title: String,
    pub languages: Vec<LangLink>,
    pub stylesheet: String,
    pub script: String,
    pub icon: String,
    /// The signed-in person's name (the header then offers the account and sign-out).
    pub user_name: Option<String>,
    /// The form on the page has errors (the title then starts with "Error:").
    pub has_errors: bool,
    visitor: Option<Visitor>,
}

impl Page {
    /// A page for this request; `title_id` is the Fluent id of its title.
    pub fn new(req: &HttpRequest, title_id: &str) -> Page {
        let visitor = Visitor::of(req);
        let locale = visitor.locale;
        let kept: Vec<&str> = req
            .query_string()
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("lang=") && *p != "lang")
            .collect();
        let base = if kept.is_empty() {
            format!("{}?", req.path())
        } else {
            format!("{}?{}&", req.path(), kept.join("&"))
        };
        let languages = Locale::ALL
            .into_iter()
            .map(|l| LangLink {
                code: l.as_str(),
                name: native_name(l),
                href: format!("{base}lang={}", l.as_str()),
                current: l == locale,
            })
            .collect();
        Page {
            locale,
            lang: locale.as_str(),
            title: l10n::text(locale, title_id, None),
            languages,
            stylesheet: assets::stylesheet_href(),
            script: assets::script_href(),
            icon: assets::icon_href(),
            user_name: visitor.user.as_ref().map(|u| u.auth.full_name.clone()),
            has_errors: false,
            visitor: Some(visitor),
        }
    }

    /// A page without its request (error pages): the switcher's links stay on the same path.
    pub fn bare(locale: Locale, title_id: &str) -> Page {
        Page {
            locale,
            lang: locale.as_str(),
            title: l10n::text(locale, title_id, None),
            languages: Locale::ALL
                .into_iter()
                .map(|l| LangLink {
                    code: l.as_str(),
                    name: native_name(l),
                    href: format!("?lang={}", l.as_str()),
                    current: l == locale,
                })
                .collect(),
            stylesheet: assets::stylesheet_href(),
            script: assets::script_href(),
            icon: assets::icon_href(),
            user_name: None,
            has_errors: false,
            visitor: None,
        }
    }

    /// The message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        l10n::text(self.locale, id, None)
    }

    /// The message `id` with one argument.
    pub fn t1(&self, id: &str, name: &str, value: impl Into<FluentValue<'static>>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.into());
        l10n::text(self.locale, id, Some(&args))
    }

    /// The CSRF token for this page's forms.
    pub fn csrf(&self) -> String {
        self.visitor
            .as_ref()
            .map(Visitor::csrf_token)
            .unwrap_or_default()
    }
}

/// A link with its text.
pub struct Link {
    pub href: String,
    pub text: String,
}

impl Link {
    pub fn new(page: &Page, href: &str, text_id: &str) -> Link {
        Link {
            href: href.to_owned(),
            text: page.t(text_id),
        }
    }
}

/// One form error: the field (its input's id) and the message in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    pub field: String,
    pub message: String,
}

/// The message for a validation error: `web-error-<field>-<code>`, else `web-error-<code>`,
/// else `web-error-invalid`, with the error's parameters (numbers as numbers, for plurals).
pub fn field_message(locale: Locale, error: &FieldError) -> String {
    let mut args = FluentArgs::new();
    for (name, value) in &error.params {
        match value.parse::<i64>() {
            Ok(n) => args.set(*name, n),
            Err(_) => args.set(*name, value.clone()),
        }
    }
    let catalogue = l10n::catalogue();
    for id in [
        format!("web-error-{}-{}", error.field, error.code),
        format!("web-error-{}", error.code),
    ] {
        if let Some((text, _)) = catalogue.format(locale, &id, Some(&args)) {
            return text;
        }
    }
    l10n::text(locale, "web-error-invalid", None)
}

/// The form errors of a validation failure, in the page's language.
pub fn form_errors(locale: Locale, fields: &[FieldError]) -> Vec<FormError> {
    let mut out: Vec<FormError> = Vec::new();
    for f in fields {
        // One message per field: the first problem is the one to fix.
        if out.iter().any(|e| e.field == f.field) {
            continue;
        }
        out.push(FormError {
            field: f.field.clone(),
            message: field_message(locale, f),
        });
    }
    out
}

/// Renders a template as an HTML response.
pub fn render(status: StatusCode, template: &impl Template) -> Result<HttpResponse, WebError> {
    let html = template.render().map_err(|e| {
        tracing::error!(error = %e, "template failed to render");
        WebError::internal()
    })?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// A 303 to `location` (after a POST, or to sign in).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_owned()))
        .finish()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    NotFound,
    Forbidden,
    Csrf,
    BadRequest,
    /// A page asked for with the wrong method (a GET of a form's action, say).
    MethodNotAllowed,
    RateLimited(u64),
    Internal,
    /// Not signed in: to `/sign-in?next=`.
    SignIn(String),
}

/// An error answered with a page in the visitor's language (or a redirect to sign in).
#[derive(Debug)]
pub struct WebError {
    kind: Kind,
    locale: Locale,
}

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    page: Page,
    paragraphs: Vec<String>,
    home: Link,
}

impl WebError {
    fn of(kind: Kind) -> WebError {
        WebError {
            kind,
            locale: i18n::current(),
        }
    }

    pub fn not_found() -> WebError {
        Self::of(Kind::NotFound)
    }

    pub fn forbidden() -> WebError {
        Self::of(Kind::Forbidden)
    }

    pub fn csrf() -> WebError {
        Self::of(Kind::Csrf)
    }

    pub fn bad_request() -> WebError {
        Self::of(Kind::BadRequest)
    }

    /// The 405 page, in the language of the visitor `req` was resolved for.
    pub fn method_not_allowed(req: &HttpRequest) -> WebError {
        WebError {
            kind: Kind::MethodNotAllowed,
            locale: Visitor::of(req).locale,
        }
    }

    pub fn internal() -> WebError {
        Self::of(Kind::Internal)
    }

    pub fn sign_in(next: &str) -> WebError {
        Self::of(Kind::SignIn(next.to_owned()))
    }

    /// The message ids of the page: title, then paragraphs.
    fn ids(&self) -> (&'static str, &'static [&'static str]) {
        match self.kind {
            Kind::NotFound => (
                "web-error-not-found-title",
                &["web-error-not-found-typed", "web-error-not-found-pasted"],
            ),
            Kind::Forbidden => ("web-error-forbidden-title", &["web-error-forbidden-body"]),
            Kind::Csrf => ("web-error-csrf-title", &["web-error-csrf-body"]),
            Kind::BadRequest | Kind::MethodNotAllowed => (
                "web-error-bad-request-title",
                &["web-error-bad-request-body"],
            ),
            Kind::RateLimited(_) => (
                "web-error-rate-limited-title",
                &["web-error-rate-limited-body"],
            ),
            Kind::Internal | Kind::SignIn(_) => {
                ("web-error-internal-title", &["web-error-internal-body"])
            }
        }
    }
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "page error: {:?}", self.kind)
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self.kind {
            Kind::NotFound => StatusCode::NOT_FOUND,
            Kind::Forbidden | Kind::Csrf => StatusCode::FORBIDDEN,
            Kind::BadRequest => StatusCode::BAD_REQUEST,
            Kind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Kind::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            Kind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Kind::SignIn(_) => StatusCode::SEE_OTHER,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Kind::SignIn(next) = &self.kind {
            let mut target = String::from("/sign-in?next=");
            target.extend(form_urlencoded(next));
            return see_other(&target);
        }
        let (title, paragraphs) = self.ids();
        let page = Page::bare(self.locale, title);
        let template = ErrorPage {
            paragraphs: paragraphs.iter().map(|id| page.t(id)).collect(),
            home: Link::new(&page, "/", "web-error-home-link"),
            page,
        };
        let mut res = match render(self.status_code(), &template) {
            Ok(res) => res,
            Err(_) => HttpResponse::build(self.status_code())
                .content_type("text/plain; charset=utf-8")
                .body(self.status_code().to_string()),
        };
        if let Kind::RateLimited(seconds) = self.kind {
            if let Ok(v) = header::HeaderValue::from_str(&seconds.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        res
    }
}

/// Percent-encodes a value for a query string.
fn form_urlencoded(value: &str) -> impl Iterator<Item = String> + '_ {
    value.bytes().map(|b| {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            (b as char).to_string()
        } else {
            format!("%{b:02X}")
        }
    })
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> WebError {
        let kind = match e.code {
            ErrorCode::NotFound => Kind::NotFound,
            ErrorCode::Forbidden | ErrorCode::AccountDisabled => Kind::Forbidden,
            ErrorCode::RateLimited => Kind::RateLimited(e.retry_after.unwrap_or(60)),
            ErrorCode::Unauthenticated => Kind::SignIn("/account".into()),
            ErrorCode::MalformedBody | ErrorCode::InvalidQuery | ErrorCode::InvalidPath => {
                Kind::BadRequest
            }
            _ => {
                tracing::error!(error = %e, "page failed");
                Kind::Internal
            }
        };
        Self::of(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_messages_prefer_the_fields_own_wording_and_keep_plurals() {
        let specific = field_message(Locale::En, &FieldError::new("email", "required"));
        let generic = field_message(Locale::En, &FieldError::new("contact", "required"));
        assert_ne!(specific, generic);
        let short = field_message(
            Locale::Ru,
            &FieldError::new("new_password", "too_short").with("min", 10),
        );
        assert!(short.contains("10 символов"), "{short}");
        let unknown = field_message(Locale::En, &FieldError::new("x", "no_such_code"));
        assert_eq!(unknown, l10n::text(Locale::En, "web-error-invalid", None));
    }

    #[test]
    fn one_message_per_field() {
        let errors = form_errors(
            Locale::En,
            &[
                FieldError::new("email", "required"),
                FieldError::new("email", "invalid_email"),
                FieldError::new("password", "required"),
            ],
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].field, "email");
    }

    #[test]
    fn next_is_percent_encoded() {
        let s: String = form_urlencoded("/account?x=1&y=a b").collect();
        assert_eq!(s, "/account%3Fx%3D1%26y%3Da%20b");
    }
}
