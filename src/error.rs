//! One error type for the whole API, answered as RFC 9457 `application/problem+json`.

use std::collections::BTreeMap;
use std::fmt;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::{self, Locale};

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Unauthenticated,
    InvalidCredentials,
    InvalidToken,
    TokenExpired,
    Forbidden,
    AccountDisabled,
    ValidationFailed,
    MalformedBody,
    InvalidQuery,
    InvalidPath,
    PayloadTooLarge,
    UnsupportedMediaType,
    Conflict,
    EmailTaken,
    RateLimited,
    InvalidTransition,
    LicenceNotActive,
    ConsentRequired,
    RefreshTokenReused,
    MethodNotAllowed,
    Internal,
    ServiceUnavailable,
    RegionNotLicensed,
    AlreadyOpen,
    WorkerFeeForbidden,
    NoPositionsLeft,
    EmployerRestricted,
    InvalidVerificationCode,
    SessionFull,
    SessionStarted,
    SessionNotStarted,
    InvalidClaimCode,
    NotReady,
    ReviewNotAllowed,
    AlreadyReviewed,
    QuotaExhausted,
    CapExceeded,
    OccupationClosed,
    LabourMarketTestFailed,
    NoQuotaCap,
}

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        use ErrorCode::*;
        match self {
            NotFound => StatusCode::NOT_FOUND,
            Unauthenticated | InvalidCredentials | InvalidToken | TokenExpired
            | RefreshTokenReused => StatusCode::UNAUTHORIZED,
            Forbidden | AccountDisabled | LicenceNotActive | ConsentRequired
            | RegionNotLicensed => StatusCode::FORBIDDEN,
            ValidationFailed
            | WorkerFeeForbidden
            | InvalidVerificationCode
            | InvalidClaimCode
            | OccupationClosed
            | LabourMarketTestFailed
            | NoQuotaCap => StatusCode::UNPROCESSABLE_ENTITY,
            MalformedBody | InvalidQuery | InvalidPath => StatusCode::BAD_REQUEST,
            PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Conflict | EmailTaken | InvalidTransition | AlreadyOpen | NoPositionsLeft
            | EmployerRestricted | SessionFull | SessionStarted | SessionNotStarted | NotReady
            | ReviewNotAllowed | AlreadyReviewed | QuotaExhausted | CapExceeded => {
                StatusCode::CONFLICT
            }
            RateLimited => StatusCode::TOO_MANY_REQUESTS,
            MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "internal".into())
    }
}

/// One problem with one input field: a stable code plus the values its message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        Self {
            field: field.into(),
            code,
            params: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.params.push((name, value.to_string()));
        self
    }

    fn message(&self, locale: Locale) -> String {
        i18n::t_with(locale, &format!("validation.{}", self.code), &self.params)
    }
}

pub struct AppError {
    pub code: ErrorCode,
    pub detail: Option<String>,
    pub fields: Vec<FieldError>,
    pub retry_after: Option<u64>,
    pub cause: Option<anyhow::Error>,
    /// For `invalid_transition`: the states the caller may move the object to instead.
    pub allowed: Option<Vec<String>>,
    /// For `not_ready`: the readiness items not valid on the departure date.
    pub missing: Option<Box<Vec<NotReadyItem>>>,
}

/// One readiness item that stops a departure (`not_ready`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct NotReadyItem {
    /// `passport`, `medical`, `insurance`, `orientation`, `russian_test`, `reentry_ban_check`,
    /// `contract_explained`.
    pub item: String,
    /// `missing`, `failed`, `expired`, `too_early`, `wrong_language` or `no_contract`.
    pub reason: String,
    /// For `expired`: the last day the item is valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<chrono::NaiveDate>,
    /// For `expired`: the day it would have to be valid until; for `too_early`: the earliest day
    /// the check counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needed: Option<chrono::NaiveDate>,
}

impl AppError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            detail: None,
            fields: Vec::new(),
            retry_after: None,
            cause: None,
            allowed: None,
            missing: None,
        }
    }

    /// Names the states the caller may ask for instead (an `invalid_transition` body's `allowed`).
    pub fn allowed(mut self, states: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.allowed = Some(states.into_iter().map(Into::into).collect());
        self
    }

    /// Lists the readiness items that stop a departure (a `not_ready` body's `missing`).
    pub fn missing(mut self, items: Vec<NotReadyItem>) -> Self {
        self.missing = Some(Box::new(items));
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound)
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden)
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self {
            fields,
            ..Self::new(ErrorCode::ValidationFailed)
        }
    }

    pub fn field(field: &str, code: &'static str) -> Self {
        Self::validation(vec![FieldError::new(field, code)])
    }

    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self {
            cause: Some(cause.into()),
            ..Self::new(ErrorCode::Internal)
        }
    }

    pub fn rate_limited(retry_after: u64) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..Self::new(ErrorCode::RateLimited)
        }
    }
}

impl fmt::Debug for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppError")
            .field("code", &self.code)
            .field("detail", &self.detail)
            .field("fields", &self.fields)
            .field("cause", &self.cause)
            .finish()
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code.as_str())?;
        if let Some(cause) = &self.cause {
            write!(f, ": {cause:#}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AppError {}

/// The RFC 9457 body. `code` is stable; `title` and the messages follow `Accept-Language`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub code: ErrorCode,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Field → messages, for `validation_failed`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<String, Vec<String>>,
    /// The same, with a stable code per field problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// For `invalid_transition`: the states this caller may move the object to (may be empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
    /// For `not_ready`: each readiness item missing or not valid on the departure date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<NotReadyItem>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvalidParam {
    pub name: String,
    pub code: String,
    pub reason: String,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        let locale = i18n::current();
        let mut correlation_id = None;
        let mut detail = self.detail.clone();
        if self.code == ErrorCode::Internal {
            let id = uuid::Uuid::new_v4().to_string();
            tracing::error!(correlation_id = %id, error = ?self.cause, "internal error");
            // The title stays the same for every 500 (RFC 9457 §3.1.3); the id goes in the detail.
            detail = Some(i18n::t_with(
                locale,
                "error.internal_detail",
                &[("correlation_id", id.clone())],
            ));
            correlation_id = Some(id);
        } else if let Some(cause) = &self.cause {
            tracing::warn!(code = %self.code.as_str(), error = %cause, "request failed");
        }
        let code_str = self.code.as_str();
        let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut invalid_params = Vec::new();
        for f in &self.fields {
            let reason = f.message(locale);
            errors
                .entry(f.field.clone())
                .or_default()
                .push(reason.clone());
            invalid_params.push(InvalidParam {
                name: f.field.clone(),
                code: f.code.into(),
                reason,
            });
        }
        let problem = Problem {
            type_: format!("urn:orgnabor:problem:{code_str}"),
            title: i18n::t(locale, &format!("error.{code_str}")),
            status: self.code.status().as_u16(),
            code: self.code,
            detail,
            errors,
            invalid_params,
            correlation_id,
            allowed: self.allowed.clone(),
            missing: self.missing.as_deref().cloned(),
        };
        let mut response = HttpResponse::build(self.code.status());
        response.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        response.insert_header((header::CONTENT_LANGUAGE, locale.as_str()));
        if let Some(seconds) = self.retry_after {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        response.body(serde_json::to_string(&problem).unwrap_or_default())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        match &e {
            E::NotFound => AppError::not_found(),
            E::DatabaseError(K::UniqueViolation, _) => AppError {
                cause: Some(e.into()),
                ..AppError::new(ErrorCode::Conflict)
            },
            E::DatabaseError(K::ForeignKeyViolation | K::CheckViolation, _) => AppError {
                cause: Some(e.into()),
                ..AppError::new(ErrorCode::ValidationFailed)
            },
            _ => AppError::internal(e),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError {
            cause: Some(e.into()),
            ..AppError::new(ErrorCode::ServiceUnavailable)
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::internal(e)
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_show_only_a_correlation_id() {
        let err = AppError::internal(anyhow::anyhow!(
            "relation \"secret_table\" at /srv/app/db.rs"
        ));
        let res = err.error_response();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = actix_web::body::to_bytes(res.into_body());
        let body = futures_util::FutureExt::now_or_never(body)
            .unwrap()
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(
            !text.contains("secret_table") && !text.contains("/srv/app"),
            "{text}"
        );
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["code"], "internal");
        let id = json["correlation_id"].as_str().unwrap();
        assert!(json["detail"].as_str().unwrap().contains(id));
    }

    fn render(err: &AppError, locale: Locale) -> serde_json::Value {
        let res = futures_util::FutureExt::now_or_never(i18n::scope(locale, async {
            err.error_response()
        }))
        .unwrap();
        let body =
            futures_util::FutureExt::now_or_never(actix_web::body::to_bytes(res.into_body()))
                .unwrap()
                .unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    #[test]
    fn internal_error_title_and_detail_have_no_placeholder_in_any_language() {
        let err = AppError::internal(anyhow::anyhow!("boom"));
        for locale in Locale::ALL {
            let json = render(&err, locale);
            let id = json["correlation_id"].as_str().unwrap();
            let title = json["title"].as_str().unwrap();
            let detail = json["detail"].as_str().unwrap();
            assert!(!title.contains(['{', '}']), "{locale:?} title: {title}");
            assert!(!detail.contains(['{', '}']), "{locale:?} detail: {detail}");
            assert!(
                detail.contains(id),
                "{locale:?} detail names {id}: {detail}"
            );
            assert!(!title.contains(id), "the title is the same for every 500");
        }
    }

    /// Titles are rendered without arguments, so no `error.*` message may have a placeholder.
    #[test]
    fn no_title_has_a_placeholder() {
        let catalogue = i18n::catalogue::catalogue();
        for locale in Locale::ALL {
            for m in catalogue.messages(locale) {
                let is_title = m.id.starts_with("error-") && !m.id.ends_with("_detail");
                assert!(
                    !is_title || m.variables.is_empty(),
                    "{locale:?} {} has variables: {:?}",
                    m.id,
                    m.variables
                );
            }
        }
    }

    #[test]
    fn unique_violations_are_conflicts_and_not_found_is_404() {
        assert_eq!(
            AppError::from(diesel::result::Error::NotFound).code,
            ErrorCode::NotFound
        );
        assert_eq!(
            AppError::from(diesel::result::Error::RollbackTransaction).code,
            ErrorCode::Internal
        );
    }
}
