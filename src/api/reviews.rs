//! Reviews by workers who were really placed. Thin handlers over `services::reviews`, which has
//! already cut each review to what the caller may see.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::review::{RatingSummary, Review, Reviewed};
use crate::domain::review::{Stage, Subject, MIN_REVIEWS_SHOWN};
use crate::error::AppResult;
use crate::services::reviews::{self as service, NewReview, PartyReviews, ReviewEntry};
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WriteReview {
    /// `employer`, or `agency` (the agency that proposed the placement).
    pub subject: String,
    /// Was the offer true: 1 (not at all) to 5 (fully).
    pub truth_of_offer: Option<i64>,
    /// Was the contract kept: 1 to 5.
    pub contract_kept: Option<i64>,
    /// How you were treated: 1 to 5.
    pub treatment: Option<i64>,
    /// Were you asked to pay anything.
    pub fee_asked: Option<bool>,
    /// In your own words, up to 2000 characters; may be left out.
    pub comment: Option<String>,
}

/// A review as its writer sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OwnReviewResponse {
    pub id: Uuid,
    pub placement_id: Uuid,
    pub subject: Subject,
    pub employer_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub stage: Stage,
    pub truth_of_offer: i16,
    pub contract_kept: i16,
    pub treatment: i16,
    pub fee_asked: bool,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<Review> for OwnReviewResponse {
    fn from(r: Review) -> Self {
        Self {
            subject: r.subject(),
            stage: r.stage(),
            id: r.id,
            placement_id: r.placement_id,
            employer_id: r.employer_id,
            agency_id: r.agency_id,
            truth_of_offer: r.truth_of_offer,
            contract_kept: r.contract_kept,
            treatment: r.treatment,
            fee_asked: r.fee_asked,
            comment: Some(r.comment).filter(|c| !c.is_empty()),
            created_at: r.created_at,
        }
    }
}

/// One review of a party. Nobody learns who wrote it; the fields marked "ministry only" are
/// left out for anyone else, the party reviewed included.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewEntryResponse {
    /// Ministry only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// Ministry only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement_id: Option<Uuid>,
    /// Ministry only: `employment` or `completion`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// Ministry only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime<Utc>>,
    /// The month it was written, `YYYY-MM`.
    pub month: String,
    pub truth_of_offer: i16,
    pub contract_kept: i16,
    pub treatment: i16,
    pub fee_asked: bool,
    pub comment: Option<String>,
}

impl From<ReviewEntry> for ReviewEntryResponse {
    fn from(e: ReviewEntry) -> Self {
        Self {
            id: e.id,
            placement_id: e.placement_id,
            stage: e.stage,
            created_at: e.created_at,
            month: e.month,
            truth_of_offer: e.truth_of_offer,
            contract_kept: e.contract_kept,
            treatment: e.treatment,
            fee_asked: e.fee_asked,
            comment: e.comment,
        }
    }
}

/// What placed workers say of an employer or an agency.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartyReviewsResponse {
    pub subject: Subject,
    pub subject_id: Uuid,
    /// Whether the ratings are shown: from `min_reviews` workers on (the ministry: always).
    pub shown: bool,
    pub min_reviews: i64,
    /// Null while not shown.
    pub summary: Option<RatingSummary>,
    /// For the ministry every review, newest first; for anyone else, once shown, each worker's
    /// latest review, best first — never in the order they were written.
    pub reviews: Vec<ReviewEntryResponse>,
}

impl From<PartyReviews> for PartyReviewsResponse {
    fn from(p: PartyReviews) -> Self {
        Self {
            subject: p.subject,
            subject_id: p.subject_id,
            shown: p.shown,
            min_reviews: MIN_REVIEWS_SHOWN,
            summary: p.summary,
            reviews: p.reviews.into_iter().map(Into::into).collect(),
        }
    }
}

/// The worker whose placement it is rates its employer or its agency, after `employed` and again
/// once the employment ended (completed or terminated), once per party at each stage. Only the
/// worker themselves: an agency or centre that represents them may not write it for them — a
/// review is the worker's own opinion. The party reviewed never learns who wrote it.
#[utoipa::path(post, path = "/api/v1/placements/{id}/reviews", tag = "reviews",
    params(("id" = Uuid, Path)), request_body = WriteReview,
    security(("bearer" = ["migrant"])),
    responses((status = 201, body = OwnReviewResponse), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn write_review(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<WriteReview>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let subject: Subject = b.subject.parse().map_err(|_| service::unknown_subject())?;
    let input = NewReview {
        subject,
        truth_of_offer: b.truth_of_offer,
        contract_kept: b.contract_kept,
        treatment: b.treatment,
        fee_asked: b.fee_asked,
        comment: b.comment,
    };
    let review =
        service::write_review(&state, &user.caller(), path.into_inner().into(), input).await?;
    Ok(HttpResponse::Created().json(OwnReviewResponse::from(review)))
}

/// The reviews the caller wrote, newest first.
#[utoipa::path(get, path = "/api/v1/me/reviews", tag = "reviews",
    security(("bearer" = ["migrant"])),
    responses((status = 200, body = Vec<OwnReviewResponse>), (status = 403, body = crate::error::Problem)))]
pub async fn my_reviews(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    let rows = service::my_reviews(&state, &user.caller()).await?;
    Ok(HttpResponse::Ok().json(
        rows.into_iter()
            .map(OwnReviewResponse::from)
            .collect::<Vec<_>>(),
    ))
}

async fn party_reviews(
    state: &AppState,
    user: Option<AuthUser>,
    party: Reviewed,
) -> AppResult<HttpResponse> {
    let who = user.map(|u| u.principal);
    let reviews = service::reviews_of(state, who.as_ref(), party).await?;
    Ok(HttpResponse::Ok().json(PartyReviewsResponse::from(reviews)))
}

/// What placed workers say of an employer: for anyone, the employer included, only from five
/// workers on and without who, for which placement or when (the month at most); the ministry
/// sees every review from the first.
#[utoipa::path(get, path = "/api/v1/employers/{id}/reviews", tag = "reviews",
    params(("id" = Uuid, Path)), security((), ("bearer" = [])),
    responses((status = 200, body = PartyReviewsResponse), (status = 404, body = crate::error::Problem)))]
pub async fn employer_reviews(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    party_reviews(&state, user, Reviewed::Employer(path.into_inner())).await
}

/// What placed workers say of an agency, under the same rules as an employer's.
#[utoipa::path(get, path = "/api/v1/agencies/{id}/reviews", tag = "reviews",
    params(("id" = Uuid, Path)), security((), ("bearer" = [])),
    responses((status = 200, body = PartyReviewsResponse), (status = 404, body = crate::error::Problem)))]
pub async fn agency_reviews(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    party_reviews(&state, user, Reviewed::Agency(path.into_inner())).await
}
