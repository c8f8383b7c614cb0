use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::organisations::EmployerInput;
use crate::auth::throttle::{self, Attempt};
use crate::auth::Role;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Locale;
use crate::services::accounts::{self, Registration};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub email: String,
    pub password: String,
    pub full_name: String,
    /// `migrant` or `employer`; other accounts are created by an admin or an organisation's owner.
    pub role: String,
    pub locale: Option<Locale>,
    /// Required for employers: creates the organisation, or asks to join it if the INN exists.
    pub employer: Option<EmployerInput>,
}

/// The same answer whether or not the address already had an account: a new address gets a
/// verification link, a taken one a note to its owner. Employer memberships always wait for
/// approval (by an admin, or by the employer's owner), since INNs are public.
#[derive(Serialize, ToSchema)]
pub struct RegisterResponse {
    /// Always `check_email`.
    pub status: &'static str,
    pub email: String,
}

/// Opens a migrant or employer account and emails a verification link. Answers 202 for a new and
/// a taken address alike (the taken address's owner is emailed instead), so registration cannot
/// tell who has an account; rate-limited per client.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 202, body = RegisterResponse), (status = 422, body = crate::error::Problem),
        (status = 429, body = crate::error::Problem)))]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RegisterRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let email = body.email.trim().to_lowercase();
    let mut check = Check::new();
    accounts::check_registration(&mut check, &email, &body.password, &body.full_name);
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
    throttle::per_client(&state, &req, Attempt::Register)?;
    accounts::register(
        &state,
        Registration {
            email: email.clone(),
            password: body.password,
            full_name: text::clean(&body.full_name),
            role,
            locale: body.locale.unwrap_or(Locale::Ru),
            employer: body.employer.map(|e| e.into_new(Utc::now())),
        },
    )
    .await?;
    Ok(HttpResponse::Accepted().json(RegisterResponse {
        status: "check_email",
        email,
    }))
}
