use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{password, AuthUser, Role};
use crate::domain::members::{self, Organisation};
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::services::accounts::{self, Account, AccountChanges, NewStaff};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    pub email: String,
    /// Initial password; the person should change it via password reset.
    pub password: String,
    pub full_name: String,
    /// `agency`, `centre`, `ministry` or `admin`. Staff of an organisation are usually invited by
    /// its owner (or an admin) under `/api/v1/{employers,agencies,centres}/{id}/members`; here an
    /// admin creates them directly, with a password.
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
    /// Approves a pending membership (an employer account that asked to join an employer). The
    /// first approved member of an employer becomes its owner.
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
    /// The account owns its organisation: it invites, approves and removes its members.
    pub is_owner: bool,
}

impl From<Account> for UserResponse {
    fn from(a: Account) -> Self {
        let (employer_id, agency_id, centre_id) = Organisation::columns(a.organisation);
        Self {
            id: a.id.uuid(),
            email: a.email,
            full_name: a.full_name,
            role: a.role,
            locale: a.locale,
            email_verified: a.email_verified,
            disabled: a.disabled,
            employer_id,
            agency_id,
            centre_id,
            membership_approved: a.membership_approved,
            is_owner: a.is_owner,
        }
    }
}

/// Creates a staff account (agency, centre, ministry, admin) — admins only. The ministry
/// registers agencies but never staffs them.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = CreateUser,
    security(("bearer" = ["admin"])),
    responses((status = 201, body = UserResponse), (status = 403, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: AuthUser,
    body: web::Json<CreateUser>,
) -> AppResult<HttpResponse> {
    let (staff, organisation) = new_staff(body.into_inner())?;
    let created = accounts::create_user(&state, &caller.caller(), staff, organisation).await?;
    Ok(HttpResponse::Created().json(UserResponse::from(created)))
}

/// The account `POST /users` asks for, checked (shared with the admin's page).
pub fn new_staff(b: CreateUser) -> AppResult<(NewStaff, Option<Organisation>)> {
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
    let organisation = match members::staff_organisation(
        role,
        b.agency_id.map(Into::into),
        b.centre_id.map(Into::into),
    ) {
        Ok(organisation) => organisation,
        Err(errors) => {
            check.extend(errors);
            None
        }
    };
    check.finish()?;
    let role = role.ok_or_else(|| AppError::field("role", "invalid_role"))?;
    Ok((
        NewStaff {
            email,
            password: Some(b.password),
            full_name: text::clean(&b.full_name),
            role,
            locale: b.locale.unwrap_or(Locale::Ru),
        },
        organisation,
    ))
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
    let changes = account_changes(body.into_inner())?;
    let updated =
        accounts::update_user(&state, &caller.caller(), path.into_inner().into(), changes).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(updated)))
}

/// The changes `PATCH /users/{id}` asks for, checked (shared with the admin's page).
pub fn account_changes(b: UpdateUser) -> AppResult<AccountChanges> {
    let mut check = Check::new();
    if let Some(r) = &b.role {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        check.one_of("role", r, &all);
    }
    check.finish()?;
    Ok(AccountChanges {
        role: b.role.as_deref().and_then(Role::parse),
        disabled: b.disabled,
        approve_membership: b.approve_membership == Some(true),
    })
}
