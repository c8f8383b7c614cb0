//! "Is this real?": anyone, without an account, checks the verification code printed on a
//! contract or shown with a vacancy or an agency (fraud runs through fake offers and fake
//! agencies in messengers; this is the answer).

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::auth::throttle;
use crate::error::AppResult;
use crate::services::verify::{self as service, Verification};
use crate::state::AppState;

/// What a verification code stands for (a vacancy, an agency or a signed contract), whose it is
/// and whether it is valid now. Input is read leniently: any case, `O` for `0`, `I`/`L` for
/// `1`, with or without dashes. A mistyped code (its check character does not match) is 422
/// `invalid_verification_code`; a well-formed code that was never issued is 404 `not_found`.
/// No personal data is ever answered.
#[utoipa::path(get, path = "/api/v1/verify/{code}", tag = "verify",
    params(("code" = String, Path, description = "e.g. `V-7K2M-9QXP`", example = "V-7K2M-9QXP")),
    security(()),
    responses((status = 200, body = Verification), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem), (status = 429, body = crate::error::Problem)))]
pub async fn verify_code(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let client = throttle::client(&state, &req);
    let answer = service::check_for_client(&state, &client, &path.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(answer))
}
