use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::StatusResponse;
use crate::auth::password;
use crate::auth::throttle::{self, Attempt};
use crate::auth::tokens::{self, TokenKind};
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::accounts;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub email: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    pub token: String,
    pub new_password: String,
}

/// Emails a password-reset link if the account exists. Always 202, after the same work either
/// way (one job enqueued): says nothing of who has an account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = PasswordResetRequest,
    responses((status = 202, body = StatusResponse), (status = 429, body = crate::error::Problem)))]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<PasswordResetRequest>,
) -> AppResult<HttpResponse> {
    let email = body.into_inner().email.trim().to_lowercase();
    let mut check = Check::new();
    check.email("email", &email);
    check.finish()?;
    throttle::on_account(&state, &req, Attempt::PasswordReset, &email)?;
    accounts::request_password_reset(&state, email).await?;
    Ok(HttpResponse::Accepted().json(StatusResponse {
        status: "sent_if_account_exists",
    }))
}

/// Sets a new password with the emailed token (reset or invitation); every session of the
/// account ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth", request_body = PasswordResetConfirm,
    responses((status = 200, body = StatusResponse), (status = 401, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    body: web::Json<PasswordResetConfirm>,
) -> AppResult<HttpResponse> {
    let PasswordResetConfirm {
        token,
        new_password,
    } = body.into_inner();
    let mut check = Check::new();
    check.extend(password::check_policy("new_password", &new_password, None));
    check.finish()?;
    let digest = tokens::digest_of_kind(TokenKind::ResetPassword, token.trim())
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
    accounts::confirm_password_reset(&state, digest, new_password).await?;
    Ok(HttpResponse::Ok().json(StatusResponse {
        status: "password_changed",
    }))
}
