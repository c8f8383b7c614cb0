//! Who is visiting a page and in which language, the browser session behind a signed-in visitor,
//! and CSRF protection for every form.
//!
//! [`visit`] runs before every non-API request: it looks up the session cookie (a server-side
//! session, [`accounts::web_session`]), picks the page language — `?lang=` (which also sets the
//! `lang` cookie) > the signed-in user's locale > the `lang` cookie > `Accept-Language` > Russian —
//! and keeps both in the request as a [`Visitor`]. Handlers take [`Visitor`], [`MaybeUser`] or
//! [`WebUser`] (signed in, or a 303 to `/sign-in?next=`), and read POST bodies with
//! [`CsrfForm`], which refuses a missing or forged token with a 403 page before the handler runs.
//!
//! CSRF tokens: for a session, an HMAC of the session's id; for an anonymous visitor (sign-in,
//! register, forgot password), a signed double-submit token — an HMAC of a random value kept in the
//! `orgnabor_csrf` cookie, which a cross-site page can neither read nor set. The HMAC key is
//! derived from `auth.jwt_secret`.

use std::cell::RefCell;
use std::future::{ready, Future, Ready};
use std::ops::Deref;
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::MessageBody;
use actix_web::cookie::{time, Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use sha2::Sha256;
use uuid::Uuid;

use crate::auth::extractor::auth_user;
use crate::auth::tokens::{self, TokenKind};
use crate::auth::AuthUser;
use crate::i18n::{self, Locale};
use crate::services::accounts;
use crate::state::AppState;
use crate::web::layout::WebError;

pub const SESSION_COOKIE: &str = "orgnabor_session";
pub const CSRF_COOKIE: &str = "orgnabor_csrf";
pub const LANG_COOKIE: &str = "lang";
/// The hidden input every POST form carries.
pub const CSRF_FIELD: &str = "csrf";

/// A signed-in visitor: the same caller the API's bearer tokens give, plus the session.
#[derive(Debug, Clone)]
pub struct WebUser {
    pub auth: AuthUser,
    pub session_id: Uuid,
}

impl WebUser {
    /// The page is for `roles` only: anyone else gets the 403 page. Whether the object on the
    /// page is theirs is the service's check, as for the API.
    pub fn require(&self, roles: &[crate::domain::role::Role]) -> Result<(), WebError> {
        if roles.contains(&self.auth.role) {
            Ok(())
        } else {
            Err(WebError::forbidden())
        }
    }
}

/// Everything known about the visitor of a page, resolved once per request by [`visit`].
#[derive(Clone)]
pub struct Visitor(Rc<VisitorInner>);

pub struct VisitorInner {
    pub locale: Locale,
    /// The language asked for with `?lang=` (remembered in the `lang` cookie).
    pub chosen: Option<Locale>,
    pub user: Option<WebUser>,
    /// Cookies carry `Secure`.
    pub secure: bool,
    csrf_key: [u8; 32],
    /// The anonymous CSRF cookie the request came with.
    anonymous: Option<String>,
    /// A new anonymous CSRF value minted while rendering: set as a cookie on the response.
    minted: RefCell<Option<String>>,
}

impl Deref for Visitor {
    type Target = VisitorInner;
    fn deref(&self) -> &VisitorInner {
        &self.0
    }
}

impl Visitor {
    /// The visitor [`visit`] resolved; a Russian anonymous one if it did not run.
    pub fn of(req: &HttpRequest) -> Visitor {
        req.extensions()
            .get::<Visitor>()
            .cloned()
            .unwrap_or_else(|| Visitor::anonymous(Locale::Ru, [0; 32], false))
    }

    fn anonymous(locale: Locale, csrf_key: [u8; 32], secure: bool) -> Visitor {
        Visitor(Rc::new(VisitorInner {
            locale,
            chosen: None,
            user: None,
            secure,
            csrf_key,
            anonymous: None,
            minted: RefCell::new(None),
        }))
    }

    fn sign(&self, purpose: &str, value: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.csrf_key)
            .unwrap_or_else(|_| unreachable_mac());
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(value);
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// The token for the forms on this page. An anonymous visitor without a CSRF cookie gets a
    /// new one with this response.
    pub fn csrf_token(&self) -> String {
        if let Some(user) = &self.user {
            return self.sign("session", user.session_id.as_bytes());
        }
        if let Some(value) = &self.anonymous {
            return self.sign("anonymous", value.as_bytes());
        }
        let mut minted = self.minted.borrow_mut();
        let value = minted.get_or_insert_with(|| {
            let mut bytes = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            URL_SAFE_NO_PAD.encode(bytes)
        });
        self.sign("anonymous", value.as_bytes())
    }

    /// Whether `given` is this visitor's token (for the session, or for the anonymous cookie the
    /// request carried). Compared in constant time.
    pub fn csrf_ok(&self, given: &str) -> bool {
        let expected = if let Some(user) = &self.user {
            self.sign("session", user.session_id.as_bytes())
        } else if let Some(value) = &self.anonymous {
            self.sign("anonymous", value.as_bytes())
        } else {
            return false;
        };
        constant_time_eq(expected.as_bytes(), given.trim().as_bytes())
    }
}

/// `Hmac::new_from_slice` accepts keys of any length; this is never reached.
#[cold]
fn unreachable_mac() -> Hmac<Sha256> {
    #[allow(clippy::panic)]
    {
        panic!("HMAC-SHA256 accepts every key length")
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The CSRF key: HMAC-SHA256 of a fixed label under the JWT secret (one secret to rotate).
fn csrf_key(state: &AppState) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(
        state.settings.auth.jwt_secret.expose_secret().as_bytes(),
    )
    .unwrap_or_else(|_| unreachable_mac());
    mac.update(b"orgnabor/web/csrf/v1");
    mac.finalize().into_bytes().into()
}

/// Paths that belong to the JSON API (problem+json errors, no pages, no cookies).
pub fn is_api_path(path: &str) -> bool {
    path == "/api"
        || path.starts_with("/api/")
        || path.starts_with("/api-docs")
        || matches!(path, "/health" | "/ready" | "/metrics")
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The language of a page: `?lang=` > the user's locale > the `lang` cookie > `Accept-Language`
/// > Russian.
pub fn choose_locale(
    query: Option<Locale>,
    user: Option<Locale>,
    cookie: Option<Locale>,
    accept_language: Option<Locale>,
) -> Locale {
    query
        .or(user)
        .or(cookie)
        .or(accept_language)
        .unwrap_or(Locale::Ru)
}

async fn signed_in(state: &AppState, req: &ServiceRequest) -> Option<WebUser> {
    let cookie = req.cookie(SESSION_COOKIE)?;
    let digest = tokens::digest_of_kind(TokenKind::WebSession, cookie.value())?;
    match accounts::web_session(state, digest).await {
        Ok(Some(open)) => {
            let request_id = req
                .extensions()
                .get::<tracing_actix_web::RequestId>()
                .map(|id| id.to_string());
            let session_id = open.session.id;
            auth_user(open.account, open.membership, request_id)
                .ok()
                .map(|auth| WebUser { auth, session_id })
        }
        Ok(None) => None,
        Err(e) => {
            // The page still renders (signed out) while the database is unreachable.
            tracing::warn!(error = %e, "web session lookup failed");
            None
        }
    }
}

/// A cookie for the whole site: HttpOnly, SameSite=Lax, Path=/, Secure when configured.
pub fn cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .finish()
}

/// The cookie that removes `name` from the browser.
pub fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut c = cookie(name, String::new(), secure);
    c.make_removal();
    c
}

/// Resolves the [`Visitor`] of every non-API request, runs the page in its language, and adds
/// the language and CSRF cookies and the security headers to the answer.
pub async fn visit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    if is_api_path(req.path()) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let user = signed_in(&state, &req).await;
    let chosen = web::Query::<LangQuery>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.into_inner().lang)
        .and_then(|l| Locale::parse(&l));
    let cookie_locale = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Locale::parse(c.value()));
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Locale::from_accept_language);
    let user_locale = user.as_ref().and_then(|u| Locale::parse(&u.auth.locale));
    if let (Some(l), Some(u)) = (chosen, user.as_ref()) {
        if user_locale != Some(l) {
            if let Err(e) = accounts::set_locale(&state, u.auth.principal.user, l).await {
                tracing::warn!(error = %e, "could not remember the chosen language");
            }
        }
    }
    let locale = choose_locale(chosen, user_locale, cookie_locale, accept);
    let secure = state.settings.secure_cookies();
    let anonymous = req
        .cookie(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| (32..=64).contains(&v.len()));
    let signed = user.is_some();
    let visitor = Visitor(Rc::new(VisitorInner {
        locale,
        chosen,
        user,
        secure,
        csrf_key: csrf_key(&state),
        anonymous,
        minted: RefCell::new(None),
    }));
    req.extensions_mut().insert(visitor.clone());
    let mut res = i18n::scope(locale, next.call(req)).await?;
    if let Some(l) = chosen {
        let mut c = cookie(LANG_COOKIE, l.as_str().to_owned(), secure);
        c.set_max_age(time::Duration::days(365));
        res.response_mut().add_cookie(&c).ok();
    }
    if let Some(value) = visitor.minted.borrow_mut().take() {
        res.response_mut()
            .add_cookie(&cookie(CSRF_COOKIE, value, secure))
            .ok();
    }
    let headers = res.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        // Pages name the visitor or carry a CSRF token: never in a shared cache.
        let policy = if signed {
            "no-store"
        } else {
            "private, no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        headers.insert(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Language"),
        );
    }
    if let Ok(v) = HeaderValue::from_str(locale.as_str()) {
        headers.insert(header::CONTENT_LANGUAGE, v);
    }
    Ok(res.map_into_boxed_body())
}

impl FromRequest for Visitor {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Visitor::of(req)))
    }
}

/// The signed-in visitor, if any.
pub struct MaybeUser(pub Option<WebUser>);

impl FromRequest for MaybeUser {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(MaybeUser(Visitor::of(req).user.clone())))
    }
}

/// A page only for signed-in visitors: anyone else is sent (303) to `/sign-in?next=<this page>`.
impl FromRequest for WebUser {
    type Error = WebError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Visitor::of(req).user.clone().ok_or_else(|| {
            let here = match req.uri().path_and_query() {
                Some(pq) => pq.as_str().to_owned(),
                None => req.path().to_owned(),
            };
            WebError::sign_in(&here)
        }))
    }
}

/// Where to go after signing in: a path on this site, else `/account`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control) =>
        {
            n.to_owned()
        }
        _ => "/account".to_owned(),
    }
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// A POST form whose CSRF token checked out. A missing or forged token is a 403 page in the
/// visitor's language, before the handler runs (nothing changes).
///
/// The body is read as HTML forms send it: a repeated name (checkboxes, a multiple select) fills
/// a `Vec` field (`serde_html_form`); the `csrf` field is not passed on.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let visitor = Visitor::of(req);
        let form_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let body = body.await.map_err(|e| {
                tracing::debug!(error = %e, "unreadable form");
                WebError::bad_request()
            })?;
            if !form_type {
                return Err(WebError::bad_request());
            }
            let CsrfOnly { csrf } = serde_html_form::from_bytes(&body).map_err(|e| {
                tracing::debug!(error = %e, "unreadable form");
                WebError::bad_request()
            })?;
            if !visitor.csrf_ok(&csrf) {
                return Err(WebError::csrf());
            }
            let form = serde_html_form::from_bytes(&body).map_err(|e| {
                tracing::debug!(error = %e, "unreadable form");
                WebError::bad_request()
            })?;
            Ok(CsrfForm(form))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_follows_the_documented_order() {
        use Locale::*;
        assert_eq!(choose_locale(Some(Ky), Some(En), Some(Uz), Some(Tg)), Ky);
        assert_eq!(choose_locale(None, Some(En), Some(Uz), Some(Tg)), En);
        assert_eq!(choose_locale(None, None, Some(Uz), Some(Tg)), Uz);
        assert_eq!(choose_locale(None, None, None, Some(Tg)), Tg);
        assert_eq!(choose_locale(None, None, None, None), Ru);
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/account/password")), "/account/password");
        assert_eq!(safe_next(Some("//evil.example/")), "/account");
        assert_eq!(safe_next(Some("https://evil.example/")), "/account");
        assert_eq!(safe_next(Some("/\\evil.example")), "/account");
        assert_eq!(safe_next(None), "/account");
    }

    #[test]
    fn csrf_tokens_are_bound_to_their_cookie() {
        let key = [7u8; 32];
        let fresh = Visitor::anonymous(Locale::Ru, key, false);
        let token = fresh.csrf_token();
        assert!(!fresh.csrf_ok(&token), "no cookie came with the request");
        let minted = fresh.minted.borrow().clone().unwrap_or_default();
        let returning = Visitor(Rc::new(VisitorInner {
            locale: Locale::Ru,
            chosen: None,
            user: None,
            secure: false,
            csrf_key: key,
            anonymous: Some(minted),
            minted: RefCell::new(None),
        }));
        assert!(returning.csrf_ok(&token));
        assert!(!returning.csrf_ok(""));
        assert!(!returning.csrf_ok("forged"));
        let other_key = Visitor(Rc::new(VisitorInner {
            csrf_key: [8u8; 32],
            anonymous: returning.anonymous.clone(),
            locale: Locale::Ru,
            chosen: None,
            user: None,
            secure: false,
            minted: RefCell::new(None),
        }));
        assert!(!other_key.csrf_ok(&token), "signed with the server's key");
    }

    #[test]
    fn api_paths_are_not_pages() {
        for p in [
            "/api/v1/vacancies",
            "/api",
            "/health",
            "/ready",
            "/metrics",
            "/api-docs/x",
        ] {
            assert!(is_api_path(p), "{p}");
        }
        for p in ["/", "/sign-in", "/apiary", "/healthy", "/static/app.css"] {
            assert!(!is_api_path(p), "{p}");
        }
    }
}
