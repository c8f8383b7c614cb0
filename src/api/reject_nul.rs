//! Refuses the NUL character at the edge, before any handler sees it.
//!
//! PostgreSQL cannot store byte 0 in text, so a `\u0000` that reaches a query fails there (as a
//! 500). One middleware for every route: a JSON body is parsed into a `serde_json::Value` and
//! every string and key is searched; a NUL answers 422 `validation_failed` naming the field by
//! its path (`languages[0].code`) with the field code `forbidden_character`. A `%00` in the query
//! string answers the same, naming the parameter; a `%00` in the path answers 400
//! `invalid_path`. Anything else passes through unchanged: the body is handed on byte for byte,
//! and a body that is not JSON at all is left to the extractor's own `malformed_body`.
//! The body limit (`application.max_body_bytes`) still holds: a longer body is not read here.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes, BytesMut};
use actix_web::{mime, HttpMessage, ResponseError};
use futures_util::StreamExt;
use serde_json::Value;

use crate::domain::text;
use crate::error::{AppError, ErrorCode, FieldError};
use crate::state::AppState;

const FORBIDDEN: &str = "forbidden_character";

/// Where the first NUL in a JSON document is: `""` for the document itself (answered as `$`), else a path such as
/// `languages[0].code`. A NUL inside a key names the key, escaped.
pub fn find_nul(value: &Value) -> Option<String> {
    fn walk(value: &Value, path: &mut String) -> Option<String> {
        match value {
            Value::String(s) if s.contains('\0') => Some(path.clone()),
            Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(item, path);
                path.truncate(len);
                found
            }),
            Value::Object(map) => map.iter().find_map(|(key, item)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                if key.contains('\0') {
                    path.push_str(&key.escape_default().to_string());
                    return Some(path.clone());
                }
                path.push_str(key);
                let found = walk(item, path);
                path.truncate(len);
                found
            }),
            _ => None,
        }
    }
    walk(value, &mut String::new())
}

/// The name of the first query parameter holding a percent-encoded NUL.
pub fn query_nul(query: &str) -> Option<String> {
    query
        .split('&')
        .find(|pair| pair.contains("%00"))
        .map(|pair| {
            let name = pair.split_once('=').map_or(pair, |(name, _)| name);
            name.replace("%00", "\\0")
        })
}

fn nul_error(mut field: String) -> AppError {
    if field.is_empty() {
        field = "$".into();
    }
    AppError::validation(vec![
        FieldError::new(field, FORBIDDEN).with("char", text::describe('\0'))
    ])
}

fn is_json(req: &ServiceRequest) -> bool {
    match req.mime_type() {
        Ok(Some(mime)) => {
            mime.subtype() == mime::JSON || mime.suffix().is_some_and(|s| s == mime::JSON)
        }
        _ => false,
    }
}

fn declared_length(req: &ServiceRequest) -> Option<usize> {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

fn answer<B>(req: ServiceRequest, err: AppError) -> ServiceResponse<EitherBody<B>> {
    req.into_response(err.error_response())
        .map_into_right_body()
}

/// The middleware: `.wrap(from_fn(reject_nul::reject_nul))`, inside the localising layer so the
/// problem document speaks the caller's language.
pub async fn reject_nul<B: MessageBody>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if req.uri().path().contains("%00") {
        let err =
            AppError::new(ErrorCode::InvalidPath).detail("the path contains a NUL character (%00)");
        return Ok(answer(req, err));
    }
    if let Some(name) = query_nul(req.query_string()) {
        return Ok(answer(req, nul_error(name)));
    }
    let limit = req
        .app_data::<web::Data<AppState>>()
        .map_or(64 * 1024, |s| s.settings.application.max_body_bytes);
    let within_limit = declared_length(&req).is_none_or(|n| n <= limit);
    if is_json(&req) && within_limit {
        let mut payload = req.take_payload();
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > limit {
                return Ok(answer(req, AppError::new(ErrorCode::PayloadTooLarge)));
            }
            body.extend_from_slice(&chunk);
        }
        let body: Bytes = body.freeze();
        if let Ok(value) = serde_json::from_slice::<Value>(&body) {
            if let Some(path) = find_nul(&value) {
                return Ok(answer(req, nul_error(path)));
            }
        }
        req.set_payload(Payload::from(body));
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_the_path_of_a_nul() {
        assert_eq!(find_nul(&json!({"a": "ok", "b": 1})), None);
        assert_eq!(find_nul(&json!("x\u{0}")).as_deref(), Some(""));
        assert_eq!(
            find_nul(&json!({"first_name": "Аза\u{0}мат"})).as_deref(),
            Some("first_name")
        );
        assert_eq!(
            find_nul(&json!({"languages": [{"code": "ru"}, {"code": "k\u{0}y"}]})).as_deref(),
            Some("languages[1].code")
        );
        assert_eq!(
            find_nul(&json!({"a": {"b\u{0}c": 1}})).as_deref(),
            Some("a.b\\u{0}c")
        );
        assert_eq!(
            find_nul(&json!(["a", ["b", "\u{0}"]])).as_deref(),
            Some("[1][1]")
        );
        // The six characters `\u0000` typed as text are not a NUL.
        assert_eq!(find_nul(&json!({"a": "\\u0000"})), None);
    }

    #[test]
    fn finds_a_nul_in_the_query() {
        assert_eq!(query_nul("q=welder&page=2"), None);
        assert_eq!(query_nul("q=wel%00der").as_deref(), Some("q"));
        assert_eq!(query_nul("page=1&region=RU%00").as_deref(), Some("region"));
        assert_eq!(query_nul("a%00b=1").as_deref(), Some("a\\0b"));
        assert_eq!(query_nul("q=%2500"), None);
    }
}
