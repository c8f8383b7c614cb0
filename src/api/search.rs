//! Search and matching endpoints. The index ranks; Postgres hydrates the rows in one query; every
//! ranked item says why it is there.

use std::collections::{HashMap, HashSet};

use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::pagination::encode_cursor;
use crate::api::vacancies::VacancyResponse;
use crate::auth::{AuthUser, Role};
use crate::db;
use crate::db::models::candidate::CandidateProfile;
use crate::db::models::vacancy::Vacancy;
use crate::db::models::{candidate, consent, vacancy};
use crate::db::schema::{candidate_profiles, consents, vacancies};
use crate::domain::access::age_on;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::search::analyzers::{query_words, text_term, text_terms, translit_term, translit_terms};
use crate::search::query::{
    self, CandidateNeeds, CandidateSearch, Facets, Hit, VacancyNeeds, VacancySearch,
};
use crate::search::schema::day_number;
use crate::search::taxonomy::{allowed_edits, OccupationMatch, Taxonomy};
use crate::services::licences;
use crate::state::AppState;

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

fn limit_of(limit: Option<u32>) -> AppResult<usize> {
    match limit {
        Some(0) => Err(AppError::new(ErrorCode::InvalidQuery).detail("limit must be at least 1")),
        Some(n) => Ok(n.min(MAX_LIMIT) as usize),
        None => Ok(DEFAULT_LIMIT as usize),
    }
}

/// Search pages go this deep at most; a cursor past it is refused rather than served (the
/// collector reserves room for every hit up to the offset).
const MAX_OFFSET: i64 = 1000;

fn offset_of(cursor: &Option<String>) -> AppResult<usize> {
    let paging = crate::api::pagination::PageQuery {
        limit: None,
        cursor: cursor.clone(),
    };
    match paging.i64_cursor()? {
        None => Ok(0),
        Some(n) if (0..=MAX_OFFSET).contains(&n) => Ok(n as usize),
        Some(_) => {
            Err(AppError::new(ErrorCode::InvalidQuery).detail("cursor is past the last page"))
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OccupationExplanation {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    /// `exact`, `same_minor_group`, `recognised_in_query` or `filter`.
    pub r#match: String,
    /// The job title the query was recognised as.
    pub via: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegionExplanation {
    pub code: String,
    pub name: String,
    /// The caller asked for this region, or it is among the candidate's preferences.
    pub matched: bool,
}

/// Why an item is in the results.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Explanation {
    /// Query words found in the item (stemmed, transliterated or within a typo).
    pub matched_terms: Vec<String>,
    pub matched_skills: Vec<String>,
    pub occupation: Option<OccupationExplanation>,
    pub region: Option<RegionExplanation>,
    /// Russian level compared with what is required, e.g. `B1 ≥ A2`.
    pub russian_level: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecognisedOccupation {
    pub code: String,
    pub name_ru: String,
    pub name_en: String,
    pub confidence: f32,
    pub matched: String,
}

fn recognised(m: &OccupationMatch) -> RecognisedOccupation {
    let occ = Taxonomy::global().occupation(&m.code);
    RecognisedOccupation {
        code: m.code.clone(),
        name_ru: occ.map(|o| o.name_ru.clone()).unwrap_or_default(),
        name_en: occ.map(|o| o.name_en.clone()).unwrap_or_default(),
        confidence: (m.confidence * 100.0).round() / 100.0,
        matched: m.matched.clone(),
    }
}

fn region_name(code: &str) -> String {
    Taxonomy::global()
        .place_text(code)
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn occupation_explanation(code: &str, kind: &str, via: Option<String>) -> OccupationExplanation {
    let occ = Taxonomy::global().occupation(code);
    OccupationExplanation {
        code: code.to_owned(),
        name_ru: occ.map(|o| o.name_ru.clone()).unwrap_or_default(),
        name_en: occ.map(|o| o.name_en.clone()).unwrap_or_default(),
        r#match: kind.to_owned(),
        via,
    }
}

/// Whether a query word appears in a text, the way the index would match it.
fn word_matches(word: &str, text_set: &HashSet<String>, translit_set: &HashSet<String>) -> bool {
    if text_set.contains(&text_term(word)) {
        return true;
    }
    let s = translit_term(word);
    if s.is_empty() {
        return false;
    }
    if translit_set.contains(&s) {
        return true;
    }
    let edits = allowed_edits(s.chars().count());
    edits > 0
        && translit_set
            .iter()
            .any(|t| t.len().abs_diff(s.len()) <= edits && strsim::osa_distance(t, &s) <= edits)
}

fn term_sets(text: &str) -> (HashSet<String>, HashSet<String>) {
    (
        text_terms(text).into_iter().collect(),
        translit_terms(text).into_iter().collect(),
    )
}

/// Skills (phrases) any of whose words the other side mentions.
fn matched_skills(skills: &[String], other: &(HashSet<String>, HashSet<String>)) -> Vec<String> {
    skills
        .iter()
        .filter(|skill| {
            query_words(skill)
                .iter()
                .filter(|w| w.chars().count() > 3)
                .any(|w| word_matches(w, &other.0, &other.1))
        })
        .cloned()
        .collect()
}

fn explain_vacancy(
    v: &Vacancy,
    q: Option<&str>,
    occupations: &[OccupationMatch],
    region_filter: Option<&str>,
) -> Explanation {
    let mut e = Explanation::default();
    if let Some(q) = q {
        let doc_text = format!(
            "{} {} {} {} {} {}",
            v.title,
            v.description,
            v.required_skills.join(" "),
            v.optional_skills.join(" "),
            v.city,
            Taxonomy::global().place_text(&v.region_code)
        );
        let sets = term_sets(&doc_text);
        e.matched_terms = query_words(q)
            .into_iter()
            .filter(|w| word_matches(w, &sets.0, &sets.1))
            .collect();
        let query_sets = term_sets(q);
        e.matched_skills = matched_skills(
            &[v.required_skills.clone(), v.optional_skills.clone()].concat(),
            &query_sets,
        );
        if let Some(m) = occupations.iter().find(|m| m.code == v.occupation_code) {
            e.occupation = Some(occupation_explanation(
                &v.occupation_code,
                "recognised_in_query",
                Some(m.matched.clone()),
            ));
        }
    }
    if e.occupation.is_none() {
        e.occupation = Some(occupation_explanation(&v.occupation_code, "filter", None));
    }
    e.region = Some(RegionExplanation {
        code: v.region_code.clone(),
        name: region_name(&v.region_code),
        matched: region_filter == Some(v.region_code.as_str())
            || e.matched_terms.iter().any(|t| {
                word_matches(
                    t,
                    &HashSet::new(),
                    &translit_terms(Taxonomy::global().place_text(&v.region_code))
                        .into_iter()
                        .collect(),
                )
            }),
    });
    e
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct VacancySearchQuery {
    /// Free text in Russian, Kyrgyz, Uzbek, Tajik or English; Latin spellings of Russian work.
    pub q: Option<String>,
    /// ISO 3166-2:RU.
    pub region: Option<String>,
    /// ISCO-08 unit group.
    pub occupation: Option<String>,
    /// Only vacancies paying at least this much (their maximum), roubles per month.
    pub salary_min: Option<u32>,
    /// Only vacancies with housing.
    pub housing: Option<bool>,
    /// Only vacancies asking at most this Russian level (CEFR).
    pub russian_level_max: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VacancyHit {
    pub vacancy: VacancyResponse,
    pub score: f32,
    pub explanation: Explanation,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VacancySearchResponse {
    pub items: Vec<VacancyHit>,
    pub next_cursor: Option<String>,
    /// Matching vacancies in all (before paging).
    pub total: usize,
    pub facets: Facets,
    /// Occupations the query was understood as.
    pub recognised_occupations: Vec<RecognisedOccupation>,
}

/// Loads the rows behind the hits, keeping only what is still listable *now*: the index may lag
/// a change by a few hundred milliseconds, the database does not.
async fn hydrate_vacancies(state: &AppState, hits: &[Hit]) -> AppResult<HashMap<Uuid, Vacancy>> {
    let ids: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
    let today = Utc::now().date_naive();
    let rows = db::run(&state.pool, move |conn| {
        Ok(vacancies::table
            .filter(vacancies::id.eq_any(ids))
            .filter(vacancies::status.eq("published"))
            .filter(vacancies::expires_on.ge(today))
            .select(Vacancy::as_select())
            .load(conn)?)
    })
    .await?;
    Ok(rows.into_iter().map(|v| (v.id, v)).collect())
}

/// The checks both searches share; `level` is (`russian_level_max` | `russian_level_min`, value).
fn check_search_params(
    q: Option<&str>,
    region: Option<&str>,
    occupation: Option<&str>,
    level: (&str, Option<&str>),
) -> AppResult<()> {
    let mut c = Check::new();
    if let Some(text) = q {
        c.text("q", text, 0, 200);
    }
    if let Some(r) = region {
        c.ru_region("region", r);
    }
    if let Some(o) = occupation {
        c.occupation("occupation", o);
    }
    if let (field, Some(l)) = level {
        c.cefr(field, l);
    }
    c.finish()
}

fn round(score: f32) -> f32 {
    (score * 1000.0).round() / 1000.0
}

/// Published, unexpired vacancies with positions left, ranked for the query, with facets.
#[utoipa::path(get, path = "/api/v1/vacancies/search", tag = "search", params(VacancySearchQuery),
    responses((status = 200, body = VacancySearchResponse), (status = 400, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn search_vacancies(
    state: web::Data<AppState>,
    query: web::Query<VacancySearchQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let limit = limit_of(q.limit)?;
    let offset = offset_of(&q.cursor)?;
    check_search_params(
        q.q.as_deref(),
        q.region.as_deref(),
        q.occupation.as_deref(),
        ("russian_level_max", q.russian_level_max.as_deref()),
    )?;
    let search = VacancySearch {
        q: q.q.clone(),
        region: q.region.clone(),
        occupation: q.occupation.clone(),
        salary_min: q.salary_min.map(u64::from),
        housing: q.housing,
        russian_level_max: q.russian_level_max.clone(),
        today: day_number(Utc::now().date_naive()),
        offset,
        limit,
    };
    let index = state.search.clone();
    let results = web::block(move || query::search_vacancies(&index, &search)).await??;
    let rows = hydrate_vacancies(&state, &results.hits).await?;
    // Explanations tokenise every hit: CPU work, kept off the actix workers like the search.
    let response = web::block(move || {
        let items = results
            .hits
            .iter()
            .filter_map(|h| rows.get(&h.id).map(|v| (h, v)))
            .map(|(h, v)| VacancyHit {
                explanation: explain_vacancy(
                    v,
                    q.q.as_deref(),
                    &results.occupations,
                    q.region.as_deref(),
                ),
                vacancy: VacancyResponse::from(v.clone()),
                score: round(h.score),
            })
            .collect();
        VacancySearchResponse {
            items,
            next_cursor: results.next_offset.map(encode_cursor),
            total: results.total,
            facets: results.facets,
            recognised_occupations: results.occupations.iter().map(recognised).collect(),
        }
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CandidateSearchQuery {
    pub q: Option<String>,
    pub occupation: Option<String>,
    /// Candidates who would work in this region (or anywhere).
    pub region: Option<String>,
    pub russian_level_min: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
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

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateSearchResponse {
    pub items: Vec<CandidateHit>,
    pub next_cursor: Option<String>,
    pub total: usize,
    pub recognised_occupations: Vec<RecognisedOccupation>,
}

fn summary(p: &CandidateProfile, user: &AuthUser, represented: bool) -> CandidateSummary {
    let sees_identity = represented || matches!(user.role, Role::Ministry | Role::Admin);
    CandidateSummary {
        id: p.id,
        citizenship: p.citizenship.clone(),
        age: age_on(p.date_of_birth, Utc::now().date_naive()),
        occupations: p.occupations.clone(),
        skills: p.skills.clone(),
        experience_years: p.experience_years,
        russian_level: p.russian_level.clone(),
        preferred_regions: p.preferred_regions.clone(),
        salary_min: p.salary_min,
        available_from: p.available_from,
        ready: false,
        represented_by_you: represented,
        identity: sees_identity.then(|| CandidateIdentity {
            first_name: p.first_name.clone(),
            last_name: p.last_name.clone(),
        }),
        contact: represented.then(|| CandidateContact {
            email: p.email.clone(),
            phone: p.phone.clone(),
        }),
    }
}

/// Profiles among `ids` that the caller's agency or centre represents.
fn represented_set(
    conn: &mut PgConnection,
    user: &AuthUser,
    ids: &[Uuid],
) -> QueryResult<HashSet<Uuid>> {
    let mut q = consents::table
        .filter(consents::profile_id.eq_any(ids.to_vec()))
        .filter(consents::revoked_at.is_null())
        .select(consents::profile_id)
        .into_boxed();
    match (user.role, user.agency_id, user.centre_id) {
        (Role::Agency, Some(a), _) => q = q.filter(consents::agency_id.eq(a)),
        (Role::Centre, _, Some(c)) => q = q.filter(consents::centre_id.eq(c)),
        _ => return Ok(HashSet::new()),
    }
    Ok(q.load(conn)?.into_iter().collect())
}

async fn hydrate_candidates(
    state: &AppState,
    user: &AuthUser,
    hits: &[Hit],
) -> AppResult<(HashMap<Uuid, CandidateProfile>, HashSet<Uuid>)> {
    let ids: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
    let user = user.clone();
    db::run(&state.pool, move |conn| {
        licences::require_active(conn, &user.principal)?;
        // Only profiles that may be searched now: searchable, and the person consented.
        let consented: HashSet<Uuid> = consents::table
            .filter(consents::profile_id.eq_any(&ids))
            .filter(consents::revoked_at.is_null())
            .select(consents::profile_id)
            .load(conn)?
            .into_iter()
            .collect();
        let rows: Vec<CandidateProfile> = candidate_profiles::table
            .filter(candidate_profiles::id.eq_any(&ids))
            .filter(candidate_profiles::searchable.eq(true))
            .select(CandidateProfile::as_select())
            .load::<CandidateProfile>(conn)?
            .into_iter()
            .filter(|p| p.user_id.is_some() || consented.contains(&p.id))
            .collect();
        let represented = represented_set(conn, &user, &ids)?;
        Ok((rows.into_iter().map(|p| (p.id, p)).collect(), represented))
    })
    .await
}

fn explain_candidate(
    p: &CandidateProfile,
    q: Option<&str>,
    occupations: &[OccupationMatch],
    region: Option<&str>,
) -> Explanation {
    let mut e = Explanation::default();
    if let Some(q) = q {
        let titles: Vec<String> = p
            .occupations
            .iter()
            .filter_map(|c| Taxonomy::global().occupation(c))
            .flat_map(|o| o.labels.clone())
            .collect();
        let sets = term_sets(&format!("{} {}", p.skills, titles.join(" ")));
        e.matched_terms = query_words(q)
            .into_iter()
            .filter(|w| word_matches(w, &sets.0, &sets.1))
            .collect();
        if let Some(m) = occupations.iter().find(|m| p.occupations.contains(&m.code)) {
            e.occupation = Some(occupation_explanation(
                &m.code,
                "recognised_in_query",
                Some(m.matched.clone()),
            ));
        }
    }
    if let Some(r) = region {
        e.region = Some(RegionExplanation {
            code: r.to_owned(),
            name: region_name(r),
            matched: p.preferred_regions.iter().any(|x| x == r || x == "any"),
        });
    }
    e.russian_level = p.russian_level.clone();
    e
}

/// Searchable candidates for employers, agencies, centres and the ministry. Agencies see only the
/// candidates they represent in full; everyone else sees non-identifying fields.
#[utoipa::path(get, path = "/api/v1/candidates/search", tag = "search", params(CandidateSearchQuery),
    security(("bearer" = ["employer", "agency", "centre", "ministry", "admin"])),
    responses((status = 200, body = CandidateSearchResponse), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn search_candidates(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<CandidateSearchQuery>,
) -> AppResult<HttpResponse> {
    if user.role == Role::Employer && user.employer_id.is_none() {
        return Err(AppError::forbidden().detail("your employer membership is not approved yet"));
    }
    let q = query.into_inner();
    let limit = limit_of(q.limit)?;
    let offset = offset_of(&q.cursor)?;
    check_search_params(
        q.q.as_deref(),
        q.region.as_deref(),
        q.occupation.as_deref(),
        ("russian_level_min", q.russian_level_min.as_deref()),
    )?;
    let search = CandidateSearch {
        q: q.q.clone(),
        occupation: q.occupation.clone(),
        region: q.region.clone(),
        russian_level_min: q.russian_level_min.clone(),
        offset,
        limit,
    };
    let index = state.search.clone();
    let results = web::block(move || query::search_candidates(&index, &search)).await??;
    let (rows, represented) = hydrate_candidates(&state, &user, &results.hits).await?;
    let response = web::block(move || {
        let items = results
            .hits
            .iter()
            .filter_map(|h| rows.get(&h.id).map(|p| (h, p)))
            .map(|(h, p)| CandidateHit {
                candidate: summary(p, &user, represented.contains(&p.id)),
                score: round(h.score),
                explanation: explain_candidate(
                    p,
                    q.q.as_deref(),
                    &results.occupations,
                    q.region.as_deref(),
                ),
            })
            .collect();
        CandidateSearchResponse {
            items,
            next_cursor: results.next_offset.map(encode_cursor),
            total: results.total,
            recognised_occupations: results.occupations.iter().map(recognised).collect(),
        }
    })
    .await?;
    Ok(HttpResponse::Ok().json(response))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MatchQuery {
    /// 1–100, default 20.
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CandidateMatches {
    pub items: Vec<CandidateHit>,
}

/// Ranked candidates for a vacancy (its employer, the ministry).
#[utoipa::path(get, path = "/api/v1/vacancies/{id}/matches", tag = "search", params(("id" = Uuid, Path), MatchQuery),
    security(("bearer" = ["employer", "ministry"])),
    responses((status = 200, body = CandidateMatches), (status = 404, body = crate::error::Problem)))]
pub async fn vacancy_matches(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    query: web::Query<MatchQuery>,
) -> AppResult<HttpResponse> {
    let limit = limit_of(query.limit)?;
    let id = path.into_inner();
    let v = db::run(&state.pool, move |conn| Ok(vacancy::find(conn, id)?)).await?;
    if user.role == Role::Employer && user.employer_id != Some(v.employer_id) {
        return Err(AppError::not_found());
    }
    let needs = VacancyNeeds {
        occupation: v.occupation_code.clone(),
        title: v.title.clone(),
        required_skills: v.required_skills.clone(),
        optional_skills: v.optional_skills.clone(),
        region: v.region_code.clone(),
        russian_level_min: v.russian_level_min.clone(),
        start_day: day_number(v.start_date),
    };
    let index = state.search.clone();
    let today = day_number(Utc::now().date_naive());
    let hits = web::block(move || query::match_candidates(&index, &needs, today, limit)).await??;
    let (rows, represented) = hydrate_candidates(&state, &user, &hits).await?;
    let required = v.required_skills.clone();
    let optional = v.optional_skills.clone();
    let items = web::block(move || -> Vec<CandidateHit> {
        hits.iter()
            .filter_map(|h| rows.get(&h.id).map(|p| (h, p)))
            .map(|(h, p)| {
                let sets = term_sets(&p.skills);
                let kind = if p.occupations.contains(&v.occupation_code) {
                    "exact"
                } else {
                    "same_minor_group"
                };
                let mut notes = vec![format!("{} years of experience", p.experience_years)];
                if let Some(from) = p.available_from {
                    notes.push(format!("available from {from}"));
                }
                let matched_code = if kind == "exact" {
                    v.occupation_code.clone()
                } else {
                    p.occupations
                        .iter()
                        .find(|c| c.get(..3) == v.occupation_code.get(..3))
                        .cloned()
                        .unwrap_or_default()
                };
                let explanation = Explanation {
                    matched_terms: Vec::new(),
                    matched_skills: [
                        matched_skills(&required, &sets),
                        matched_skills(&optional, &sets),
                    ]
                    .concat(),
                    occupation: Some(occupation_explanation(&matched_code, kind, None)),
                    region: Some(RegionExplanation {
                        code: v.region_code.clone(),
                        name: region_name(&v.region_code),
                        matched: true,
                    }),
                    russian_level: Some(format!(
                        "{} ≥ {}",
                        p.russian_level.as_deref().unwrap_or("—"),
                        v.russian_level_min.as_deref().unwrap_or("—")
                    )),
                    notes,
                };
                CandidateHit {
                    candidate: summary(p, &user, represented.contains(&p.id)),
                    score: round(h.score),
                    explanation,
                }
            })
            .collect()
    })
    .await?;
    Ok(HttpResponse::Ok().json(CandidateMatches { items }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VacancyMatches {
    pub items: Vec<VacancyHit>,
}

/// Ranked vacancies for a candidate (the candidate, their agency or centre).
#[utoipa::path(get, path = "/api/v1/candidates/{id}/matches", tag = "search", params(("id" = Uuid, Path), MatchQuery),
    security(("bearer" = ["migrant", "agency", "centre"])),
    responses((status = 200, body = VacancyMatches), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn candidate_matches(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    query: web::Query<MatchQuery>,
) -> AppResult<HttpResponse> {
    let limit = limit_of(query.limit)?;
    let id = path.into_inner();
    let u = user.clone();
    let p = db::run(&state.pool, move |conn| {
        licences::require_active(conn, &u.principal)?;
        let p = candidate::find(conn, id)?;
        let active = consent::active_for_profile(conn, id)?;
        let allowed = match u.role {
            Role::Migrant => p.user_id == Some(u.id),
            Role::Agency => {
                u.agency_id.is_some() && active.iter().any(|c| c.agency_id == u.agency_id)
            }
            Role::Centre => {
                u.centre_id.is_some() && active.iter().any(|c| c.centre_id == u.centre_id)
            }
            _ => false,
        };
        if allowed {
            Ok(p)
        } else {
            Err(AppError::not_found())
        }
    })
    .await?;
    let needs = CandidateNeeds {
        occupations: p.occupations.clone(),
        skills: p.skills.clone(),
        regions: p.preferred_regions.clone(),
        salary_min: p.salary_min,
        russian_level: p.russian_level.clone(),
        available_day: day_number(p.available_from.unwrap_or_else(|| Utc::now().date_naive())),
    };
    let index = state.search.clone();
    let today = day_number(Utc::now().date_naive());
    let hits = web::block(move || query::match_vacancies(&index, &needs, today, limit)).await??;
    let rows = hydrate_vacancies(&state, &hits).await?;
    let items = web::block(move || -> Vec<VacancyHit> {
        let sets = term_sets(&p.skills);
        hits.iter()
            .filter_map(|h| rows.get(&h.id).map(|v| (h, v)))
            .map(|(h, v)| {
                let kind = if p.occupations.contains(&v.occupation_code) {
                    "exact"
                } else {
                    "same_minor_group"
                };
                let mut notes = vec![format!("salary {}–{} RUB", v.salary_min, v.salary_max)];
                if v.housing {
                    notes.push("housing provided".into());
                }
                VacancyHit {
                    explanation: Explanation {
                        matched_terms: Vec::new(),
                        matched_skills: matched_skills(
                            &[v.required_skills.clone(), v.optional_skills.clone()].concat(),
                            &sets,
                        ),
                        occupation: Some(occupation_explanation(&v.occupation_code, kind, None)),
                        region: Some(RegionExplanation {
                            code: v.region_code.clone(),
                            name: region_name(&v.region_code),
                            matched: p
                                .preferred_regions
                                .iter()
                                .any(|r| r == &v.region_code || r == "any"),
                        }),
                        russian_level: Some(format!(
                            "{} ≥ {}",
                            p.russian_level.as_deref().unwrap_or("—"),
                            v.russian_level_min.as_deref().unwrap_or("—")
                        )),
                        notes,
                    },
                    vacancy: VacancyResponse::from(v.clone()),
                    score: round(h.score),
                }
            })
            .collect()
    })
    .await?;
    Ok(HttpResponse::Ok().json(VacancyMatches { items }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NormalizeQuery {
    /// A job title in ru, ky, uz, tg or en, in any script.
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NormalizeResponse {
    pub items: Vec<RecognisedOccupation>,
}

/// Turns a free-text job title into ranked ISCO-08 codes with confidence.
#[utoipa::path(get, path = "/api/v1/occupations/normalize", tag = "search", params(NormalizeQuery),
    responses((status = 200, body = NormalizeResponse), (status = 400, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn normalize_occupation(query: web::Query<NormalizeQuery>) -> AppResult<HttpResponse> {
    let title = query.into_inner().title;
    let mut c = Check::new();
    c.text("title", &title, 1, 200);
    c.finish()?;
    let items = web::block(move || {
        Taxonomy::global()
            .matches(&title)
            .iter()
            .take(5)
            .map(recognised)
            .collect()
    })
    .await?;
    Ok(HttpResponse::Ok().json(NormalizeResponse { items }))
}
