//! `/api/v1/{employers,agencies,centres}/{id}/members`: the organisation's owner (or an admin)
//! lists, invites, approves and removes its members. The three kinds share one set of handlers;
//! a small macro gives each kind its routes, role guard and OpenAPI entries.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::users::UserResponse;
use crate::auth::AuthUser;
use crate::domain::members::Organisation;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::AppResult;
use crate::i18n::Locale;
use crate::services::accounts::NewStaff;
use crate::services::organisations as service;
use crate::state::AppState;

/// A person to add. They receive an invitation email with a single-use link to choose their
/// password (the same link `POST /auth/password-reset/confirm` accepts).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMember {
    pub email: String,
    pub full_name: String,
    pub locale: Option<Locale>,
    /// Admins only: this person becomes the organisation's owner (it must not have one yet).
    #[serde(default)]
    pub owner: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberList {
    pub items: Vec<UserResponse>,
}

async fn list(state: &AppState, user: &AuthUser, org: Organisation) -> AppResult<HttpResponse> {
    let members = service::list_members(state, &user.caller(), org).await?;
    Ok(HttpResponse::Ok().json(MemberList {
        items: members.into_iter().map(UserResponse::from).collect(),
    }))
}

async fn add(
    state: &AppState,
    user: &AuthUser,
    org: Organisation,
    body: AddMember,
) -> AppResult<HttpResponse> {
    let email = body.email.trim().to_lowercase();
    let mut check = Check::new();
    check.email("email", &email);
    check.text("full_name", &body.full_name, 1, 200);
    check.finish()?;
    let staff = NewStaff {
        email,
        password: None,
        full_name: text::clean(&body.full_name),
        role: org.staff_role(),
        locale: body.locale.unwrap_or(Locale::Ru),
    };
    let added = service::add_member(state, &user.caller(), org, staff, body.owner).await?;
    Ok(HttpResponse::Created().json(UserResponse::from(added)))
}

async fn approve(
    state: &AppState,
    user: &AuthUser,
    org: Organisation,
    member: Uuid,
) -> AppResult<HttpResponse> {
    let approved = service::approve_member(state, &user.caller(), org, member.into()).await?;
    Ok(HttpResponse::Ok().json(UserResponse::from(approved)))
}

async fn remove(
    state: &AppState,
    user: &AuthUser,
    org: Organisation,
    member: Uuid,
) -> AppResult<HttpResponse> {
    service::remove_member(state, &user.caller(), org, member.into()).await?;
    Ok(HttpResponse::NoContent().finish())
}

macro_rules! member_routes {
    ($module:ident, $variant:ident, $role:literal,
     $list:literal, $item:literal, $approve:literal,
     $list_id:literal, $add_id:literal, $approve_id:literal, $remove_id:literal) => {
        pub mod $module {
            use super::*;

            /// The organisation's members, pending ones included (its owner and admins).
            #[utoipa::path(get, path = $list, tag = "members", operation_id = $list_id,
                security(("bearer" = [$role, "admin"])), params(("id" = Uuid, Path)),
                responses((status = 200, body = MemberList), (status = 403, body = crate::error::Problem),
                    (status = 404, body = crate::error::Problem)))]
            pub async fn list(
                state: web::Data<AppState>,
                user: AuthUser,
                path: web::Path<Uuid>,
            ) -> AppResult<HttpResponse> {
                super::list(&state, &user, Organisation::$variant(path.into_inner().into())).await
            }

            /// Adds a member and emails them an invitation (its owner and admins; only an admin
            /// names the owner).
            #[utoipa::path(post, path = $list, tag = "members", operation_id = $add_id,
                request_body = AddMember,
                security(("bearer" = [$role, "admin"])), params(("id" = Uuid, Path)),
                responses((status = 201, body = UserResponse), (status = 403, body = crate::error::Problem),
                    (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
                    (status = 422, body = crate::error::Problem)))]
            pub async fn add(
                state: web::Data<AppState>,
                user: AuthUser,
                path: web::Path<Uuid>,
                body: web::Json<AddMember>,
            ) -> AppResult<HttpResponse> {
                let org = Organisation::$variant(path.into_inner().into());
                super::add(&state, &user, org, body.into_inner()).await
            }

            /// Approves a pending membership (its owner and admins).
            #[utoipa::path(post, path = $approve, tag = "members", operation_id = $approve_id,
                security(("bearer" = [$role, "admin"])),
                params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
                responses((status = 200, body = UserResponse), (status = 403, body = crate::error::Problem),
                    (status = 404, body = crate::error::Problem)))]
            pub async fn approve(
                state: web::Data<AppState>,
                user: AuthUser,
                path: web::Path<(Uuid, Uuid)>,
            ) -> AppResult<HttpResponse> {
                let (id, member) = path.into_inner();
                super::approve(&state, &user, Organisation::$variant(id.into()), member).await
            }

            /// Removes a member (not the owner); their sessions end (its owner and admins).
            #[utoipa::path(delete, path = $item, tag = "members", operation_id = $remove_id,
                security(("bearer" = [$role, "admin"])),
                params(("id" = Uuid, Path), ("user_id" = Uuid, Path)),
                responses((status = 204), (status = 403, body = crate::error::Problem),
                    (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
            pub async fn remove(
                state: web::Data<AppState>,
                user: AuthUser,
                path: web::Path<(Uuid, Uuid)>,
            ) -> AppResult<HttpResponse> {
                let (id, member) = path.into_inner();
                super::remove(&state, &user, Organisation::$variant(id.into()), member).await
            }
        }
    };
}

member_routes!(
    employers,
    Employer,
    "employer",
    "/api/v1/employers/{id}/members",
    "/api/v1/employers/{id}/members/{user_id}",
    "/api/v1/employers/{id}/members/{user_id}/approve",
    "list_employer_members",
    "add_employer_member",
    "approve_employer_member",
    "remove_employer_member"
);
member_routes!(
    agencies,
    Agency,
    "agency",
    "/api/v1/agencies/{id}/members",
    "/api/v1/agencies/{id}/members/{user_id}",
    "/api/v1/agencies/{id}/members/{user_id}/approve",
    "list_agency_members",
    "add_agency_member",
    "approve_agency_member",
    "remove_agency_member"
);
member_routes!(
    centres,
    Centre,
    "centre",
    "/api/v1/centres/{id}/members",
    "/api/v1/centres/{id}/members/{user_id}",
    "/api/v1/centres/{id}/members/{user_id}/approve",
    "list_centre_members",
    "add_centre_member",
    "approve_centre_member",
    "remove_centre_member"
);
