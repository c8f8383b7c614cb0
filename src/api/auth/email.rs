use actix_web::{web, HttpRequest, HttpResponse};

use super::{StatusResponse, TokenRequest};
use crate::auth::throttle::{self, Attempt};
use crate::auth::tokens::{self, TokenKind};
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::accounts;
use crate::state::AppState;

/// Confirms an email address with the token from the verification email.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "auth", request_body = TokenRequest,
    responses((status = 200, body = StatusResponse), (status = 401, body = crate::error::Problem)))]
pub async fn verify_email(
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> AppResult<HttpResponse> {
    let digest = tokens::digest_of_kind(TokenKind::VerifyEmail, body.token.trim())
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
    accounts::verify_email(&state, digest).await?;
    Ok(HttpResponse::Ok().json(StatusResponse {
        status: "email_verified",
    }))
}

/// Sends a new verification email to the caller.
#[utoipa::path(post, path = "/api/v1/auth/verify-email/resend", tag = "auth",
    security(("bearer" = ["migrant", "employer", "agency", "centre", "ministry", "admin"])),
    responses((status = 202, body = StatusResponse), (status = 409, body = crate::error::Problem)))]
pub async fn resend_verification(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    if user.email_verified {
        return Err(AppError::new(ErrorCode::Conflict).detail("email already verified"));
    }
    throttle::on_account(&state, &req, Attempt::VerifyEmail, &user.email)?;
    accounts::resend_verification(&state, &user.caller()).await?;
    Ok(HttpResponse::Accepted().json(StatusResponse { status: "sent" }))
}
