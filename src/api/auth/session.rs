use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::TokenResponse;
use crate::auth::throttle::{self, Attempt};
use crate::auth::tokens::{self, TokenKind};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::accounts;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Exchanges email and password for an access token and a refresh token. Attempts are limited
/// per client, per account and client, and per account over all clients with a much higher
/// ceiling: wrong passwords from one address do not lock the person out elsewhere.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem),
        (status = 429, body = crate::error::Problem)))]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    let LoginRequest { email, password } = body.into_inner();
    let email = email.trim().to_lowercase();
    throttle::on_account(&state, &req, Attempt::Login, &email)?;
    let tokens = accounts::login(&state, email, password).await?;
    Ok(HttpResponse::Ok().json(TokenResponse::from(tokens)))
}

/// Rotates a refresh token. Presenting one that was already used revokes its whole family.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem)))]
pub async fn refresh(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> AppResult<HttpResponse> {
    let digest = tokens::digest_of_kind(TokenKind::Refresh, body.refresh_token.trim())
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
    let tokens = accounts::refresh(&state, digest).await?;
    Ok(HttpResponse::Ok().json(TokenResponse::from(tokens)))
}

/// Ends the session: the refresh token's family is revoked. Idempotent.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = RefreshRequest,
    responses((status = 204), (status = 400, body = crate::error::Problem)))]
pub async fn logout(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> AppResult<HttpResponse> {
    if let Some(digest) = tokens::digest_of_kind(TokenKind::Refresh, body.refresh_token.trim()) {
        accounts::logout(&state, digest).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}
