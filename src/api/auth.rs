use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{Duration, Utc};
use diesel::pg::PgConnection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::organisations::EmployerInput;
use crate::auth::tokens::{self, TokenKind};
use crate::auth::{password, AuthUser, Role};
use crate::db;
use crate::db::models::audit::{self, Actor};
use crate::db::models::email_token::{self, EmailToken, RESET_PASSWORD, VERIFY_EMAIL};
use crate::db::models::organisation;
use crate::db::models::refresh_token::{self, RefreshToken};
use crate::db::models::user::{self, Membership, NewUser, User, UserChanges};
use crate::domain::validate::Check;
use crate::email::OutgoingEmail;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::i18n::Locale;
use crate::jobs::send_email;
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub email: String,
    pub password: String,
    pub full_name: String,
    /// `migrant` or `employer`; other accounts are created by an admin.
    pub role: String,
    pub locale: Option<Locale>,
    /// Required for employers: creates the organisation, or asks to join it if the INN exists.
    pub employer: Option<EmployerInput>,
}

#[derive(Serialize, ToSchema)]
pub struct RegisterResponse {
    pub user_id: Uuid,
    pub email: String,
    pub role: Role,
    pub email_verified: bool,
    pub employer_id: Option<Uuid>,
    /// Always true for employers: an admin checks the organisation (INNs are public, so knowing
    /// one proves nothing) and approves the membership before the account can act for it.
    pub membership_pending: bool,
}

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

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub refresh_token: String,
    pub refresh_expires_in: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub token: String,
}

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

#[derive(Serialize, ToSchema)]
pub struct StatusResponse {
    pub status: &'static str,
}

fn client_key(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn limit_attempt(state: &AppState, req: &HttpRequest, scope: &str, email: &str) -> AppResult<()> {
    let limits = &state.settings.rate_limit;
    state.limiter.hit(
        &format!("{scope}:client:{}", client_key(req)),
        limits.per_client,
    )?;
    state.limiter.hit(
        &format!("{scope}:account:{}", email.trim().to_lowercase()),
        limits.per_account,
    )
}

/// Creates a single-use email token and enqueues the email that carries it.
fn send_token_email(
    conn: &mut PgConnection,
    state: &AppState,
    account: &User,
    purpose: &str,
) -> AppResult<()> {
    let (kind, template, ttl, ttl_arg) = if purpose == VERIFY_EMAIL {
        let hours = state.settings.auth.verify_ttl_hours;
        (
            TokenKind::VerifyEmail,
            "verify",
            Duration::hours(hours),
            ("hours", hours.to_string()),
        )
    } else {
        let minutes = state.settings.auth.reset_ttl_minutes;
        (
            TokenKind::ResetPassword,
            "reset",
            Duration::minutes(minutes),
            ("minutes", minutes.to_string()),
        )
    };
    email_token::invalidate_open(conn, account.id, purpose)?;
    let (token, digest) = tokens::generate(kind);
    let now = Utc::now();
    email_token::insert(
        conn,
        &EmailToken {
            id: Uuid::now_v7(),
            user_id: account.id,
            purpose: purpose.into(),
            token_hash: digest,
            created_at: now,
            expires_at: now + ttl,
            used_at: None,
        },
    )?;
    let path = if purpose == VERIFY_EMAIL {
        "verify-email"
    } else {
        "reset-password"
    };
    let link = format!(
        "{}/{path}?token={token}",
        state.settings.application.base_url
    );
    let locale = Locale::parse(&account.locale).unwrap_or(Locale::Ru);
    let email = OutgoingEmail::from_template(
        &account.email,
        locale,
        template,
        &[("name", account.full_name.clone()), ("link", link), ttl_arg],
    );
    send_email::enqueue(conn, &email)?;
    Ok(())
}

fn issue_tokens(
    conn: &mut PgConnection,
    state: &AppState,
    user_id: Uuid,
    family_id: Uuid,
) -> AppResult<TokenResponse> {
    let (token, digest) = tokens::generate(TokenKind::Refresh);
    let now = Utc::now();
    let ttl = Duration::days(state.settings.auth.refresh_ttl_days);
    refresh_token::insert(
        conn,
        &RefreshToken {
            id: Uuid::now_v7(),
            user_id,
            family_id,
            token_hash: digest,
            created_at: now,
            expires_at: now + ttl,
            used_at: None,
            revoked_at: None,
        },
    )?;
    Ok(TokenResponse {
        access_token: state.jwt.issue(user_id)?,
        token_type: "Bearer",
        expires_in: state.jwt.ttl_seconds(),
        refresh_token: token,
        refresh_expires_in: ttl.num_seconds(),
    })
}

/// Opens a migrant or employer account and emails a verification link.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = RegisterResponse), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn register(
    state: web::Data<AppState>,
    body: web::Json<RegisterRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let email = body.email.trim().to_lowercase();
    let mut check = Check::new();
    check.email("email", &email);
    check.extend(password::check_policy(
        "password",
        &body.password,
        Some(&email),
    ));
    check.text("full_name", &body.full_name, 1, 200);
    check.one_of("role", &body.role, &["migrant", "employer"]);
    let role = Role::parse(&body.role);
    match (role, &body.employer) {
        (Some(Role::Employer), None) => check.push(FieldError::new("employer", "required")),
        (Some(Role::Employer), Some(e)) => e.check(&mut check, "employer"),
        (Some(Role::Migrant), Some(_)) => {
            check.push(FieldError::new("employer", "unknown_value").with("allowed", "null"))
        }
        _ => {}
    }
    check.finish()?;
    let role = role.ok_or_else(|| AppError::field("role", "invalid_role"))?;

    let pw = body.password.clone();
    let password_hash = web::block(move || password::hash(&pw)).await??;
    let locale = body.locale.unwrap_or(Locale::Ru);
    let full_name = body.full_name.trim().to_owned();
    let employer_input = body.employer;
    let state2 = state.clone();
    let response = db::transaction(&state.pool, move |conn| {
        if user::find_by_email(conn, &email)?.is_some() {
            return Err(AppError::new(ErrorCode::EmailTaken));
        }
        let account = user::insert(
            conn,
            &NewUser {
                id: Uuid::now_v7(),
                email: &email,
                password_hash: &password_hash,
                role: role.as_str(),
                full_name: &full_name,
                locale: locale.as_str(),
            },
        )?;
        let actor = Actor { id: Some(account.id), role: Some(role.as_str().into()), request_id: None };
        let mut employer_id = None;
        let mut pending = false;
        if let Some(input) = employer_input {
            let now = Utc::now();
            let employer = match organisation::find_employer_by_inn(conn, input.inn.trim())? {
                Some(existing) => existing,
                None => {
                    let created = organisation::insert_employer(conn, &input.into_new(now))?;
                    audit::record(conn, &actor, "employer.created", "employer", created.id, None,
                        Some(serde_json::to_value(crate::api::employers::EmployerResponse::from(created.clone())).unwrap_or_default()))?;
                    created
                }
            };
            user::add_membership(conn, &Membership {
                user_id: account.id,
                employer_id: Some(employer.id),
                agency_id: None,
                centre_id: None,
                approved_at: None,
                created_at: now,
            })?;
            employer_id = Some(employer.id);
            pending = true;
        }
        audit::record(conn, &actor, "user.registered", "user", account.id, None,
            Some(serde_json::json!({"email": account.email, "role": account.role, "employer_id": employer_id, "membership_pending": pending})))?;
        send_token_email(conn, &state2, &account, VERIFY_EMAIL)?;
        Ok(RegisterResponse {
            user_id: account.id,
            email: account.email,
            role,
            email_verified: false,
            employer_id,
            membership_pending: pending,
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(response))
}

/// Exchanges email and password for an access token and a refresh token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = crate::error::Problem),
        (status = 429, body = crate::error::Problem)))]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    let LoginRequest {
        email,
        password: pw,
    } = body.into_inner();
    limit_attempt(&state, &req, "login", &email)?;
    let email = email.trim().to_lowercase();
    let account = db::run(&state.pool, move |conn| {
        Ok(user::find_by_email(conn, &email)?)
    })
    .await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    // Unknown accounts verify against a dummy hash: same answer, about the same time.
    let ok = web::block(move || password::verify(stored.as_deref(), &pw)).await?;
    let account = match account {
        Some(a) if ok => a,
        _ => return Err(AppError::new(ErrorCode::InvalidCredentials)),
    };
    if account.disabled_at.is_some() {
        return Err(AppError::new(ErrorCode::AccountDisabled));
    }
    let state2 = state.clone();
    let tokens = db::transaction(&state.pool, move |conn| {
        issue_tokens(conn, &state2, account.id, Uuid::now_v7())
    })
    .await?;
    Ok(HttpResponse::Ok().json(tokens))
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
    let state2 = state.clone();
    // The reuse branch must commit its revocation, so the error travels inside Ok.
    let outcome = db::transaction(&state.pool, move |conn| {
        let Some(current) = refresh_token::find_by_hash_for_update(conn, &digest)? else {
            return Ok(Err(AppError::new(ErrorCode::InvalidToken)));
        };
        if current.used_at.is_some() {
            let revoked = refresh_token::revoke_family(conn, current.family_id)?;
            tracing::warn!(user_id = %current.user_id, revoked, "refresh token reuse: family revoked");
            return Ok(Err(AppError::new(ErrorCode::RefreshTokenReused)));
        }
        if current.revoked_at.is_some() || current.expires_at <= Utc::now() {
            return Ok(Err(AppError::new(ErrorCode::InvalidToken)));
        }
        let account = user::find(conn, current.user_id)?;
        if account.disabled_at.is_some() {
            return Ok(Err(AppError::new(ErrorCode::AccountDisabled)));
        }
        refresh_token::mark_used(conn, current.id)?;
        Ok(Ok(issue_tokens(conn, &state2, current.user_id, current.family_id)?))
    })
    .await??;
    Ok(HttpResponse::Ok().json(outcome))
}

/// Ends the session: the refresh token's family is revoked. Idempotent.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = RefreshRequest,
    responses((status = 204), (status = 400, body = crate::error::Problem)))]
pub async fn logout(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> AppResult<HttpResponse> {
    if let Some(digest) = tokens::digest_of_kind(TokenKind::Refresh, body.refresh_token.trim()) {
        db::transaction(&state.pool, move |conn| {
            if let Some(t) = refresh_token::find_by_hash_for_update(conn, &digest)? {
                refresh_token::revoke_family(conn, t.family_id)?;
            }
            Ok(())
        })
        .await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// Confirms an email address with the token from the verification email.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "auth", request_body = TokenRequest,
    responses((status = 200, body = StatusResponse), (status = 401, body = crate::error::Problem)))]
pub async fn verify_email(
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> AppResult<HttpResponse> {
    let digest = tokens::digest_of_kind(TokenKind::VerifyEmail, body.token.trim())
        .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
    db::transaction(&state.pool, move |conn| {
        let token = email_token::consume(conn, VERIFY_EMAIL, &digest)?
            .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
        let account = user::update(
            conn,
            token.user_id,
            UserChanges {
                email_verified_at: Some(Some(Utc::now())),
                ..Default::default()
            },
        )?;
        audit::record(
            conn,
            &Actor {
                id: Some(account.id),
                role: Some(account.role.clone()),
                request_id: None,
            },
            "user.email_verified",
            "user",
            account.id,
            None,
            Some(serde_json::json!({"email_verified": true})),
        )?;
        Ok(())
    })
    .await?;
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
    limit_attempt(&state, &req, "verify", &user.email)?;
    let state2 = state.clone();
    db::transaction(&state.pool, move |conn| {
        let account = user::find(conn, user.id)?;
        send_token_email(conn, &state2, &account, VERIFY_EMAIL)
    })
    .await?;
    Ok(HttpResponse::Accepted().json(StatusResponse { status: "sent" }))
}

/// Emails a password-reset link if the account exists. Always 202: says nothing of who has an account.
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
    limit_attempt(&state, &req, "reset", &email)?;
    let state2 = state.clone();
    db::transaction(&state.pool, move |conn| {
        if let Some(account) = user::find_by_email(conn, &email)? {
            if account.disabled_at.is_none() {
                send_token_email(conn, &state2, &account, RESET_PASSWORD)?;
            }
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Accepted().json(StatusResponse {
        status: "sent_if_account_exists",
    }))
}

/// Sets a new password with the emailed token; every session of the account ends.
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
    let hash = web::block(move || password::hash(&new_password)).await??;
    db::transaction(&state.pool, move |conn| {
        let token = email_token::consume(conn, RESET_PASSWORD, &digest)?
            .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
        let account = user::update(
            conn,
            token.user_id,
            UserChanges {
                password_hash: Some(hash),
                // Receiving the reset email proves the address.
                email_verified_at: Some(Some(Utc::now())),
                ..Default::default()
            },
        )?;
        refresh_token::revoke_all_for_user(conn, account.id)?;
        audit::record(
            conn,
            &Actor {
                id: Some(account.id),
                role: Some(account.role.clone()),
                request_id: None,
            },
            "user.password_reset",
            "user",
            account.id,
            None,
            None,
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Ok().json(StatusResponse {
        status: "password_changed",
    }))
}
