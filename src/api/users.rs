use actix_web::{web, HttpResponse};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{password, AuthUser, Role};
use crate::db;
use crate::db::models::audit;
use crate::db::models::organisation;
use crate::db::models::refresh_token;
use crate::db::models::user::{self, Membership, NewUser, User, UserChanges};
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::i18n::Locale;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    pub email: String,
    /// Initial password; the person should change it via password reset.
    pub password: String,
    pub full_name: String,
    /// `agency`, `centre`, `ministry` or `admin` (ministry may create only `agency` accounts).
    pub role: String,
    pub locale: Option<Locale>,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUser {
    pub role: Option<String>,
    pub disabled: Option<bool>,
    /// Approves a pending membership (an employer account that joined an existing employer).
    pub approve_membership: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserResponse {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub locale: String,
    pub email_verified: bool,
    pub disabled: bool,
    pub employer_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub membership_approved: bool,
}

fn respond(u: User, m: Option<Membership>) -> UserResponse {
    UserResponse {
        id: u.id,
        email: u.email,
        full_name: u.full_name,
        role: u.role,
        locale: u.locale,
        email_verified: u.email_verified_at.is_some(),
        disabled: u.disabled_at.is_some(),
        employer_id: m.as_ref().and_then(|m| m.employer_id),
        agency_id: m.as_ref().and_then(|m| m.agency_id),
        centre_id: m.as_ref().and_then(|m| m.centre_id),
        membership_approved: m.as_ref().is_some_and(|m| m.approved_at.is_some()),
    }
}

/// Creates a staff account (agency, centre, ministry, admin).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = CreateUser,
    security(("bearer" = ["admin", "ministry"])),
    responses((status = 201, body = UserResponse), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: AuthUser,
    body: web::Json<CreateUser>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let email = b.email.trim().to_lowercase();
    let mut check = Check::new();
    check.email("email", &email);
    check.extend(password::check_policy(
        "password",
        &b.password,
        Some(&email),
    ));
    check.text("full_name", &b.full_name, 1, 200);
    check.one_of("role", &b.role, &["agency", "centre", "ministry", "admin"]);
    let role = Role::parse(&b.role);
    match role {
        Some(Role::Agency) if b.agency_id.is_none() => {
            check.push(FieldError::new("agency_id", "required"))
        }
        Some(Role::Centre) if b.centre_id.is_none() => {
            check.push(FieldError::new("centre_id", "required"))
        }
        _ => {}
    }
    if role != Some(Role::Agency) && b.agency_id.is_some() {
        check.push(FieldError::new("agency_id", "unknown_value").with("allowed", "null"));
    }
    if role != Some(Role::Centre) && b.centre_id.is_some() {
        check.push(FieldError::new("centre_id", "unknown_value").with("allowed", "null"));
    }
    check.finish()?;
    let role = role.ok_or_else(|| AppError::field("role", "invalid_role"))?;
    if caller.role == Role::Ministry && role != Role::Agency {
        return Err(AppError::forbidden().detail("the ministry creates agency accounts only"));
    }
    let pw = b.password.clone();
    let hash = web::block(move || password::hash(&pw)).await??;
    let full_name = b.full_name.trim().to_owned();
    let locale = b.locale.unwrap_or(Locale::Ru);
    let (agency_id, centre_id) = (b.agency_id, b.centre_id);
    let created = db::transaction(&state.pool, move |conn| {
        if user::find_by_email(conn, &email)?.is_some() {
            return Err(AppError::new(ErrorCode::EmailTaken));
        }
        if let Some(a) = agency_id {
            organisation::find_agency(conn, a)
                .map_err(|_| AppError::field("agency_id", "unknown_value"))?;
        }
        if let Some(c) = centre_id {
            organisation::find_centre(conn, c)
                .map_err(|_| AppError::field("centre_id", "unknown_value"))?;
        }
        let account = user::insert(
            conn,
            &NewUser {
                id: Uuid::now_v7(),
                email: &email,
                password_hash: &hash,
                role: role.as_str(),
                full_name: &full_name,
                locale: locale.as_str(),
            },
        )?;
        let membership = if agency_id.is_some() || centre_id.is_some() {
            let now = Utc::now();
            let m = Membership {
                user_id: account.id,
                employer_id: None,
                agency_id,
                centre_id,
                approved_at: Some(now),
                created_at: now,
            };
            user::add_membership(conn, &m)?;
            Some(m)
        } else {
            None
        };
        let response = respond(account, membership);
        audit::record(
            conn,
            &caller.actor(),
            "user.created",
            "user",
            response.id,
            None,
            Some(serde_json::to_value(&response).unwrap_or_default()),
        )?;
        Ok(response)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Changes a role, disables or re-enables an account, or approves a membership. Takes effect on
/// the account's next request.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", request_body = UpdateUser,
    security(("bearer" = ["admin"])), params(("id" = Uuid, Path)),
    responses((status = 200, body = UserResponse), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn update_user(
    state: web::Data<AppState>,
    caller: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<UpdateUser>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    let mut check = Check::new();
    if let Some(r) = &b.role {
        check.one_of(
            "role",
            r,
            &[
                "migrant", "employer", "agency", "centre", "ministry", "admin",
            ],
        );
    }
    if id == caller.id && (b.role.is_some() || b.disabled == Some(true)) {
        check.push(FieldError::new("id", "unknown_value").with("allowed", "another account"));
    }
    check.finish()?;
    let updated = db::transaction(&state.pool, move |conn| {
        let before_user = user::find(conn, id)?;
        let before_membership = user::membership(conn, id)?;
        let before = respond(before_user, before_membership);
        let mut changes = UserChanges::default();
        if let Some(role) = &b.role {
            let new_role =
                Role::parse(role).ok_or_else(|| AppError::field("role", "invalid_role"))?;
            if new_role.needs_organisation()
                && before
                    .employer_id
                    .or(before.agency_id)
                    .or(before.centre_id)
                    .is_none()
            {
                return Err(AppError::field("role", "invalid_role"));
            }
            changes.role = Some(role.clone());
        }
        if let Some(disabled) = b.disabled {
            changes.disabled_at = Some(disabled.then(Utc::now));
            if disabled {
                refresh_token::revoke_all_for_user(conn, id)?;
            }
        }
        let account = user::update(conn, id, changes)?;
        if b.approve_membership == Some(true) {
            user::approve_membership(conn, id)?;
        }
        let after = respond(account, user::membership(conn, id)?);
        let action = if b.role.as_deref().is_some_and(|r| r != before.role) {
            "user.role_changed"
        } else {
            "user.updated"
        };
        audit::record(
            conn,
            &caller.actor(),
            action,
            "user",
            id,
            Some(serde_json::to_value(&before).unwrap_or_default()),
            Some(serde_json::to_value(&after).unwrap_or_default()),
        )?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok().json(updated))
}
