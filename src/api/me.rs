use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{AuthUser, Role};
use crate::error::AppResult;
use crate::services::accounts;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct MeResponse {
    pub id: Uuid,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub locale: String,
    pub email_verified: bool,
    pub employer_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    /// The migrant's own candidate profile, once created.
    pub candidate_profile_id: Option<Uuid>,
}

/// The calling account.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    security(("bearer" = ["migrant", "employer", "agency", "centre", "ministry", "admin"])),
    responses((status = 200, body = MeResponse), (status = 401, body = crate::error::Problem)))]
pub async fn get_me(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    let profile_id = accounts::own_profile(&state, &user.caller()).await?;
    Ok(HttpResponse::Ok().json(MeResponse {
        id: user.id,
        email: user.email,
        full_name: user.full_name,
        role: user.role,
        locale: user.locale,
        email_verified: user.email_verified,
        employer_id: user.employer_id,
        agency_id: user.agency_id,
        centre_id: user.centre_id,
        candidate_profile_id: profile_id,
    }))
}
