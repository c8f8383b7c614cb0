//! Search and matching endpoints, one file per action. The handlers parse and check the query,
//! call one function of `services::search` (which ranks, hydrates and explains in one blocking
//! step) and map its items to these response types.

mod candidates;
mod matches;
mod normalize;
mod vacancies;

pub use candidates::*;
pub use matches::*;
pub use normalize::*;
pub use vacancies::*;

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::pagination::PageQuery;
use crate::api::vacancies::VacancyResponse;
use crate::domain::verify::Kind;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::search::explain::Explanation;
use crate::services::search::{CandidateItem, VacancyItem};
use crate::services::verify;
use crate::state::AppState;

use crate::services::search::MAX_OFFSET;

/// `limit` and `cursor` as (limit, offset), with the shared paging limits.
fn paging(limit: Option<u32>, cursor: Option<String>) -> AppResult<(usize, usize)> {
    let page = PageQuery { limit, cursor };
    let limit = page.limit()? as usize;
    let offset = match page.i64_cursor()? {
        None => 0,
        Some(n) if (0..=MAX_OFFSET as i64).contains(&n) => n as usize,
        Some(_) => {
            return Err(
                AppError::new(ErrorCode::InvalidQuery).detail("cursor is past the last page")
            )
        }
    };
    Ok((limit, offset))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VacancyHit {
    pub vacancy: VacancyResponse,
    pub score: f32,
    pub explanation: Explanation,
}

impl VacancyHit {
    /// The hits, each vacancy with its verification code.
    pub async fn with_codes(state: &AppState, items: Vec<VacancyItem>) -> AppResult<Vec<Self>> {
        let ids = items.iter().map(|i| i.vacancy.id).collect();
        let codes = verify::codes(state, Kind::Vacancy, ids).await?;
        Ok(items
            .into_iter()
            .map(|item| Self {
                vacancy: VacancyResponse::with_code(item.vacancy, &codes),
                score: item.score,
                explanation: item.explanation,
            })
            .collect())
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateIdentity {
    pub first_name: String,
    pub last_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateContact {
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A candidate as a search result. Identity only for those who may know the person (their
/// agency or centre, the ministry); contact only for their agency or centre.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateSummary {
    pub id: Uuid,
    pub citizenship: String,
    pub age: i32,
    pub occupations: Vec<String>,
    pub skills: String,
    pub experience_years: i32,
    pub russian_level: Option<String>,
    pub preferred_regions: Vec<String>,
    pub salary_min: Option<i32>,
    pub available_from: Option<NaiveDate>,
    /// Pre-departure readiness: not recorded yet, so `false` for everyone.
    pub ready: bool,
    /// The caller's organisation represents this person.
    pub represented_by_you: bool,
    pub identity: Option<CandidateIdentity>,
    pub contact: Option<CandidateContact>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateHit {
    pub candidate: CandidateSummary,
    pub score: f32,
    pub explanation: Explanation,
}

impl From<CandidateItem> for CandidateHit {
    fn from(item: CandidateItem) -> Self {
        let p = item.profile;
        let candidate = CandidateSummary {
            id: p.id,
            citizenship: p.citizenship,
            age: item.age,
            occupations: p.occupations,
            skills: p.skills,
            experience_years: p.experience_years,
            russian_level: p.russian_level,
            preferred_regions: p.preferred_regions,
            salary_min: p.salary_min,
            available_from: p.available_from,
            ready: false,
            represented_by_you: item.represented,
            identity: item.fields.identity.then_some(CandidateIdentity {
                first_name: p.first_name,
                last_name: p.last_name,
            }),
            contact: item.fields.contact.then_some(CandidateContact {
                email: p.email,
                phone: p.phone,
            }),
        };
        Self {
            candidate,
            score: item.score,
            explanation: item.explanation,
        }
    }
}
