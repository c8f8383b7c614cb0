//! Search and matching. Each request is one blocking step (`db::run`): rank in the index,
//! hydrate the hits from Postgres (one query per table, keeping only what is listable or
//! searchable *now* — the index may lag a change by a few hundred milliseconds, the database
//! does not), apply the access rules (`domain::access`, the agency licence) and build each hit's
//! explanation (`search::explain`), all off the actix workers.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use diesel::pg::PgConnection;
use tracing::instrument;
use uuid::Uuid;

use crate::db;
use crate::db::models::candidate::{self, CandidateProfile};
use crate::db::models::consent;
use crate::db::models::vacancy::{self, Vacancy};
use crate::domain::access::{
    self, owns_vacancy, PersonFields, Principal, ProfileAccess, Representative,
};
use crate::domain::ids::{CandidateId, VacancyId};
use crate::error::{AppError, AppResult};
use crate::search::explain::{self, Explanation, RecognisedOccupation, TermSets};
use crate::search::query::{
    self, CandidateNeeds, CandidateSearch, Facets, Hit, Results, VacancyNeeds, VacancySearch,
};
use crate::search::schema::day_number;
use crate::search::taxonomy::Taxonomy;
use crate::search::SearchIndex;
use crate::services::{licences, quota, Caller};
use crate::state::AppState;

/// A vacancy in a result list.
#[derive(Debug)]
pub struct VacancyItem {
    pub vacancy: Vacancy,
    pub score: f32,
    pub explanation: Explanation,
}

/// A person in a result list, with what the caller may see of them.
#[derive(Debug)]
pub struct CandidateItem {
    pub profile: CandidateProfile,
    /// The caller's agency or centre represents this person.
    pub represented: bool,
    pub fields: PersonFields,
    pub age: i32,
    pub score: f32,
    pub explanation: Explanation,
}

/// One page of a search.
#[derive(Debug)]
pub struct SearchPage<T> {
    pub items: Vec<T>,
    pub next_offset: Option<usize>,
    pub total: usize,
    pub facets: Facets,
    /// Occupations the query was understood as.
    pub recognised: Vec<RecognisedOccupation>,
}

impl<T> SearchPage<T> {
    fn of(results: Results, items: Vec<T>) -> Self {
        Self {
            items,
            next_offset: results.next_offset,
            total: results.total,
            recognised: results
                .occupations
                .iter()
                .map(explain::recognised)
                .collect(),
            facets: results.facets,
        }
    }
}

fn round(score: f32) -> f32 {
    (score * 1000.0).round() / 1000.0
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Published, unexpired vacancies among `ids`.
fn listable_vacancies(conn: &mut PgConnection, ids: &[Uuid]) -> AppResult<HashMap<Uuid, Vacancy>> {
    let rows = vacancy::find_public(conn, ids, today())?;
    Ok(rows.into_iter().map(|v| (v.id, v)).collect())
}

/// Profiles among `ids` that may be searched now (searchable, and the person consented: their
/// own account or an active consent), each with who represents them.
fn searchable_profiles(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, (CandidateProfile, Vec<Representative>)>> {
    let mut representatives: HashMap<Uuid, Vec<Representative>> = HashMap::new();
    for c in consent::active_for_profiles(conn, ids)? {
        let reps = representatives.entry(c.profile_id).or_default();
        reps.extend(c.representative());
    }
    let rows = candidate::find_searchable(conn, ids)?;
    Ok(rows
        .into_iter()
        .filter_map(|p| {
            let reps = representatives.remove(&p.id);
            (p.user_id.is_some() || reps.is_some()).then(|| (p.id, (p, reps.unwrap_or_default())))
        })
        .collect())
}

fn ids(hits: &[Hit]) -> Vec<Uuid> {
    hits.iter().map(|h| h.id).collect()
}

/// The hits still listable, in rank order, each explained by `explain`.
fn vacancy_items(
    conn: &mut PgConnection,
    hits: &[Hit],
    explain: impl Fn(&Vacancy, &Hit) -> Explanation,
) -> AppResult<Vec<VacancyItem>> {
    let mut rows = listable_vacancies(conn, &ids(hits))?;
    Ok(hits
        .iter()
        .filter_map(|h| {
            let v = rows.remove(&h.id)?;
            Some(VacancyItem {
                explanation: explain(&v, h),
                vacancy: v,
                score: round(h.score),
            })
        })
        .collect())
}

/// The hits still searchable, in rank order, with the person fields `who` may see.
fn candidate_items(
    conn: &mut PgConnection,
    who: &Principal,
    hits: &[Hit],
    explain: impl Fn(&CandidateProfile, &Hit) -> Explanation,
) -> AppResult<Vec<CandidateItem>> {
    let mut rows = searchable_profiles(conn, &ids(hits))?;
    let today = today();
    Ok(hits
        .iter()
        .filter_map(|h| {
            let (p, reps) = rows.remove(&h.id)?;
            let represented = who.represents(&reps);
            Some(CandidateItem {
                explanation: explain(&p, h),
                represented,
                fields: access::search_hit_fields(who, represented),
                age: access::age_on(p.date_of_birth, today),
                score: round(h.score),
                profile: p,
            })
        })
        .collect())
}

fn may_search_people(who: &Principal) -> AppResult<()> {
    if access::may_search_people(who) {
        Ok(())
    } else {
        Err(AppError::forbidden().detail("your employer membership is not approved yet"))
    }
}

fn index(state: &AppState) -> Arc<SearchIndex> {
    state.search.clone()
}

/// Search pages go this deep at most; a page past it is refused rather than served (the
/// collector reserves room for every hit up to the offset).
pub const MAX_OFFSET: usize = 1000;

/// The checks both searches share; `level` is (`russian_level_max` | `russian_level_min`, value).
pub fn check_params(
    q: Option<&str>,
    region: Option<&str>,
    occupation: Option<&str>,
    level: (&str, Option<&str>),
) -> AppResult<()> {
    let mut c = crate::domain::validate::Check::new();
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

/// The citizenship a signed-in migrant searches with: their own profile's, so a citizen who
/// needs quota sees the jobs they can really take (as a candidate's own matches do).
pub async fn searcher_citizenship(state: &AppState, caller: &Caller) -> AppResult<Option<String>> {
    if caller.principal.role != crate::domain::role::Role::Migrant {
        return Ok(None);
    }
    let user = caller.principal.user.uuid();
    db::run(&state.pool, move |conn| {
        Ok(candidate::find_by_user(conn, user)?.map(|p| p.citizenship))
    })
    .await
}

/// Published, unexpired vacancies with positions left, ranked for the query, with facets.
#[instrument(skip_all, fields(offset = search.offset, limit = search.limit))]
pub async fn search_vacancies(
    state: &AppState,
    mut search: VacancySearch,
    citizenship: Option<String>,
) -> AppResult<SearchPage<VacancyItem>> {
    let index = index(state);
    db::run(&state.pool, move |conn| {
        if let Some(c) = &citizenship {
            search.quota = quota::units_left_for(conn, c)?;
        }
        let results = query::search_vacancies(&index, &search)?;
        let quota_note = quota_note(citizenship.as_deref(), search.quota.is_some());
        let items = vacancy_items(conn, &results.hits, |v, h| {
            let mut e = explain::search_vacancy(
                v,
                h,
                search.q.as_deref(),
                &results.occupations,
                search.region.as_deref(),
            );
            e.notes.extend(quota_note.clone());
            e
        })?;
        Ok(SearchPage::of(results, items))
    })
    .await
}

/// What the explanation says of quota for a searcher of `citizenship`.
fn quota_note(citizenship: Option<&str>, needs_quota: bool) -> Option<String> {
    let c = citizenship?;
    Some(if needs_quota {
        format!("quota: citizens of {c} need quota, and this employer has quota left for this region, occupation and year")
    } else {
        format!("quota: not needed for citizens of {c}")
    })
}

/// Searchable candidates for employers, agencies, centres and the ministry; each sees of a
/// person what `domain::access::search_hit_fields` allows.
#[instrument(skip_all, fields(role = ?caller.principal.role, offset = search.offset))]
pub async fn search_candidates(
    state: &AppState,
    caller: &Caller,
    search: CandidateSearch,
) -> AppResult<SearchPage<CandidateItem>> {
    let who = caller.principal;
    may_search_people(&who)?;
    let index = index(state);
    db::run(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        let results = query::search_candidates(&index, &search)?;
        let items = candidate_items(conn, &who, &results.hits, |p, h| {
            explain::search_candidate(
                p,
                h,
                search.q.as_deref(),
                &results.occupations,
                search.region.as_deref(),
            )
        })?;
        Ok(SearchPage::of(results, items))
    })
    .await
}

/// Ranked candidates for a vacancy: for its employer and for overseers; anyone else is told
/// it does not exist.
#[instrument(skip_all, fields(vacancy = %id, limit))]
pub async fn vacancy_matches(
    state: &AppState,
    caller: &Caller,
    id: VacancyId,
    limit: usize,
) -> AppResult<Vec<CandidateItem>> {
    let who = caller.principal;
    let index = index(state);
    db::run(&state.pool, move |conn| {
        let v = vacancy::find(conn, id.uuid())?;
        if !(owns_vacancy(Some(&who), v.employer()) || who.is_overseer()) {
            return Err(AppError::not_found());
        }
        let hits =
            query::match_candidates(&index, &VacancyNeeds::of(&v), day_number(today()), limit)?;
        candidate_items(conn, &who, &hits, |p, _| {
            explain::candidate_for_vacancy(p, &v)
        })
    })
    .await
}

/// Ranked vacancies for a candidate: for the person and for whoever keeps their profile
/// (`ProfileAccess::Edit`); anyone else is told it does not exist.
#[instrument(skip_all, fields(candidate = %id, limit))]
pub async fn candidate_matches(
    state: &AppState,
    caller: &Caller,
    id: CandidateId,
    limit: usize,
) -> AppResult<Vec<VacancyItem>> {
    let who = caller.principal;
    let index = index(state);
    db::run(&state.pool, move |conn| {
        licences::require_active(conn, &who)?;
        let p = candidate::find(conn, id.uuid())?;
        let reps: Vec<Representative> = consent::active_for_profile(conn, p.id)?
            .iter()
            .filter_map(consent::Consent::representative)
            .collect();
        if access::profile_access(&who, p.user_id.map(Into::into), &reps) != ProfileAccess::Edit {
            return Err(AppError::not_found());
        }
        let today = today();
        let mut needs = CandidateNeeds::of(&p, today);
        needs.quota = quota::units_left_for(conn, &p.citizenship)?;
        let note = quota_note(Some(&p.citizenship), needs.quota.is_some());
        let hits = query::match_vacancies(&index, &needs, day_number(today), limit)?;
        let skills = TermSets::of(&p.skills);
        vacancy_items(conn, &hits, |v, _| {
            let mut e = explain::vacancy_for_candidate(v, &p, &skills);
            e.notes.extend(note.clone());
            e
        })
    })
    .await
}

/// A free-text job title as ranked ISCO-08 codes with confidence (the five best).
#[instrument(skip_all)]
pub async fn normalize_occupation(title: String) -> AppResult<Vec<RecognisedOccupation>> {
    let items = actix_web::web::block(move || {
        Taxonomy::global()
            .matches(&title)
            .iter()
            .take(5)
            .map(explain::recognised)
            .collect()
    })
    .await?;
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::access::Membership;
    use crate::domain::ids::{EmployerId, UserId};
    use crate::domain::role::Role;

    #[test]
    fn employers_search_people_only_once_approved() {
        let pending = Principal {
            user: UserId::generate(),
            role: Role::Employer,
            membership: Membership::None,
        };
        assert!(may_search_people(&pending).is_err());
        let approved = Principal {
            membership: Membership::Employer(EmployerId::generate()),
            ..pending
        };
        assert!(may_search_people(&approved).is_ok());
    }
}
