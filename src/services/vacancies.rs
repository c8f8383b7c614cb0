//! Vacancy commands: draft, edit, publish/pause/fill/close, the daily expiry, and the listings.

use chrono::{NaiveDate, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use tracing::instrument;

use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::search_change;
use crate::db::models::vacancy::{self, Vacancy, VacancyChanges, VacancyFilter};
use crate::domain::access::{owns_vacancy, Principal};
use crate::domain::audit::AuditAction;
use crate::domain::ids::{EmployerId, VacancyId};
use crate::domain::vacancy::{
    is_public, positions_cover_filled, Edit, VacancyError, VacancyPatch, VacancyStatus,
    VacancyTerms,
};
use crate::domain::verify::Kind;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::services::records::{self, EmployerSummary};
use crate::services::{audit, verify, Caller};
use crate::state::AppState;

/// What the audit trail keeps of a vacancy (an employer's offer: no personal data).
#[derive(Serialize)]
struct VacancySnapshot {
    #[serde(flatten)]
    terms: VacancyTerms,
    positions_filled: i32,
    status: VacancyStatus,
    version: i64,
}

impl From<&Vacancy> for VacancySnapshot {
    fn from(v: &Vacancy) -> Self {
        Self {
            terms: v.terms(),
            positions_filled: v.positions_filled,
            status: v.status(),
            version: v.version,
        }
    }
}

#[derive(Serialize)]
struct StatusSnapshot {
    status: VacancyStatus,
}

impl From<VacancyError> for AppError {
    fn from(e: VacancyError) -> Self {
        match e {
            VacancyError::NotRequestable(_) => {
                AppError::validation(vec![FieldError::new("status", "unknown_value").with(
                    "allowed",
                    VacancyStatus::names(&VacancyStatus::REQUESTABLE).join(", "),
                )])
            }
            VacancyError::ListingDatePassed => AppError::field("expires_on", "date_in_past"),
            VacancyError::Transition { .. } | VacancyError::NotEditable(_) => {
                AppError::new(ErrorCode::InvalidTransition).detail(e.to_string())
            }
        }
    }
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// The caller's employer, once an admin or the organisation's owner approved the membership.
pub fn employer_of(who: &Principal) -> AppResult<EmployerId> {
    who.employer()
        .ok_or_else(|| AppError::forbidden().detail("your employer membership is not approved yet"))
}

fn record_change(
    conn: &mut PgConnection,
    actor: &Actor,
    action: AuditAction,
    before: Option<&Vacancy>,
    after: &Vacancy,
) -> AppResult<()> {
    audit::record_change(conn, actor, action, after.id, (before, after), |v| {
        VacancySnapshot::from(v)
    })?;
    search_change::record(conn, search_change::VACANCY, after.id, "upsert")?;
    Ok(())
}

/// Takes one position of a published vacancy for a placement being approved, inside the
/// caller's transaction; the last one fills the vacancy and takes it out of search. 409
/// `no_positions_left` when every position is taken (also when a concurrent approval took the
/// last one first), 409 `conflict` when the vacancy is no longer published.
pub fn take_position(conn: &mut PgConnection, actor: &Actor, id: VacancyId) -> AppResult<Vacancy> {
    let before = vacancy::find(conn, id.uuid())?;
    if before.status() == VacancyStatus::Filled || before.positions_left() == 0 {
        return Err(AppError::new(ErrorCode::NoPositionsLeft));
    }
    if !is_public(before.status(), before.expires_on, today()) {
        return Err(AppError::new(ErrorCode::Conflict).detail("the vacancy is no longer published"));
    }
    let Some(after) = vacancy::take_position(conn, id.uuid())? else {
        // Someone changed the vacancy since we read it: name what stands in the way now.
        let now = vacancy::find(conn, id.uuid())?;
        return Err(
            if now.status() == VacancyStatus::Filled || now.positions_left() == 0 {
                AppError::new(ErrorCode::NoPositionsLeft)
            } else {
                AppError::new(ErrorCode::Conflict).detail("the vacancy is no longer published")
            },
        );
    };
    record_change(
        conn,
        actor,
        AuditAction::VacancyPositionTaken,
        Some(&before),
        &after,
    )?;
    Ok(after)
}

/// Gives back the position an approved placement held, inside the caller's transaction.
pub fn return_position(
    conn: &mut PgConnection,
    actor: &Actor,
    id: VacancyId,
) -> AppResult<Vacancy> {
    let before = vacancy::find(conn, id.uuid())?;
    let Some(after) = vacancy::return_position(conn, id.uuid())? else {
        return Ok(before);
    };
    record_change(
        conn,
        actor,
        AuditAction::VacancyPositionReturned,
        Some(&before),
        &after,
    )?;
    Ok(after)
}

/// Loads the caller's own vacancy for a change, or answers 404 as if it did not exist.
fn own_for_update(conn: &mut PgConnection, who: &Principal, id: VacancyId) -> AppResult<Vacancy> {
    let v = vacancy::find_for_update(conn, id.uuid())?;
    if owns_vacancy(Some(who), v.employer()) {
        Ok(v)
    } else {
        Err(AppError::not_found())
    }
}

/// Drafts a vacancy for the caller's employer.
#[instrument(skip_all, fields(user = %caller.principal.user))]
pub async fn create_vacancy(
    state: &AppState,
    caller: &Caller,
    terms: VacancyTerms,
) -> AppResult<Vacancy> {
    let employer = employer_of(&caller.principal)?;
    let terms = terms.normalised();
    terms
        .check(Edit::Create, today())
        .map_err(AppError::validation)?;
    let actor = caller.actor();
    db::transaction(&state.pool, move |conn| {
        let draft = Vacancy::draft(VacancyId::generate(), employer, terms, Utc::now());
        let created = vacancy::insert(conn, &draft)?;
        record_change(conn, &actor, AuditAction::VacancyCreated, None, &created)?;
        Ok(created)
    })
    .await
}

/// Edits the caller's vacancy (not once it is filled or closed); the rules see the whole result.
#[instrument(skip_all, fields(user = %caller.principal.user, vacancy = %id))]
pub async fn update_vacancy(
    state: &AppState,
    caller: &Caller,
    id: VacancyId,
    patch: VacancyPatch,
) -> AppResult<Vacancy> {
    let (who, actor) = (caller.principal, caller.actor());
    db::transaction(&state.pool, move |conn| {
        let before = own_for_update(conn, &who, id)?;
        if !before.status().is_editable() {
            return Err(VacancyError::NotEditable(before.status()).into());
        }
        let mut terms = before.terms();
        patch.apply(&mut terms);
        let terms = terms.normalised();
        terms
            .check(Edit::Update, today())
            .map_err(AppError::validation)?;
        positions_cover_filled(terms.positions, before.positions_filled)
            .map_err(|e| AppError::validation(vec![e]))?;
        let after = vacancy::update(conn, id.uuid(), &VacancyChanges::terms(terms))?;
        record_change(
            conn,
            &actor,
            AuditAction::VacancyUpdated,
            Some(&before),
            &after,
        )?;
        Ok(after)
    })
    .await
}

/// Publishes, pauses, marks filled or closes the caller's vacancy.
#[instrument(skip_all, fields(user = %caller.principal.user, vacancy = %id, to = %to))]
pub async fn change_status(
    state: &AppState,
    caller: &Caller,
    id: VacancyId,
    to: VacancyStatus,
) -> AppResult<Vacancy> {
    let (who, actor) = (caller.principal, caller.actor());
    db::transaction(&state.pool, move |conn| {
        let before = own_for_update(conn, &who, id)?;
        let today = today();
        let current = before.status().effective(before.expires_on, today);
        let to = before.status().request(to, before.expires_on, today)?;
        let first_publication =
            (to == VacancyStatus::Published && before.published_at.is_none()).then(Utc::now);
        let after = vacancy::update(
            conn,
            id.uuid(),
            &VacancyChanges::status(to, first_publication),
        )?;
        audit::record(
            conn,
            &actor,
            AuditAction::VacancyStatusChanged,
            id,
            Some(&StatusSnapshot { status: current }),
            Some(&StatusSnapshot { status: to }),
        )?;
        search_change::record(conn, search_change::VACANCY, id.uuid(), "upsert")?;
        if to == VacancyStatus::Published {
            verify::issue(conn, Kind::Vacancy, id)?;
        }
        Ok(after)
    })
    .await
}

/// Marks listed vacancies past their expiry date `expired`, with an audit row each; run by the
/// periodic sweep inside its own transaction.
pub fn expire_due(conn: &mut PgConnection, today: NaiveDate) -> AppResult<usize> {
    let system = Actor {
        id: None,
        role: Some("system".into()),
        request_id: None,
    };
    let due = vacancy::due_to_expire(conn, today)?;
    for v in &due {
        vacancy::update(
            conn,
            v.id,
            &VacancyChanges::status(VacancyStatus::Expired, None),
        )?;
        audit::record(
            conn,
            &system,
            AuditAction::VacancyExpired,
            v.id,
            Some(&StatusSnapshot { status: v.status() }),
            Some(&StatusSnapshot {
                status: VacancyStatus::Expired,
            }),
        )?;
        search_change::record(conn, search_change::VACANCY, v.id, "upsert")?;
    }
    Ok(due.len())
}

/// One vacancy: public once published and unexpired; otherwise only its employer and the
/// ministry or admins see it (anyone else gets 404, as if it did not exist).
fn visible_vacancy(
    conn: &mut PgConnection,
    viewer: Option<&Principal>,
    id: VacancyId,
) -> AppResult<Vacancy> {
    let v = vacancy::find(conn, id.uuid())?;
    let visible = is_public(v.status(), v.expires_on, today())
        || owns_vacancy(viewer, v.employer())
        || viewer.is_some_and(Principal::is_overseer);
    if visible {
        Ok(v)
    } else {
        Err(AppError::not_found())
    }
}

/// The vacancy page: the vacancy and its employer's public summary, read together.
pub async fn vacancy_with_employer(
    state: &AppState,
    viewer: Option<&Principal>,
    id: VacancyId,
) -> AppResult<(Vacancy, EmployerSummary)> {
    let viewer = viewer.copied();
    db::run(&state.pool, move |conn| {
        let v = visible_vacancy(conn, viewer.as_ref(), id)?;
        let employer = records::employer_summary(conn, v.employer_id)?;
        Ok((v, employer))
    })
    .await
}

/// Filters of the vacancy listing.
#[derive(Debug, Default)]
pub struct VacancyListing {
    pub region: Option<String>,
    pub occupation: Option<String>,
    pub status: Option<VacancyStatus>,
    pub employer: Option<EmployerId>,
}

/// Published, unexpired vacancies, newest first; an employer listing its own
/// (`employer` = its own) sees every status.
pub async fn list_vacancies(
    state: &AppState,
    viewer: Option<&Principal>,
    listing: VacancyListing,
    cursor: Option<uuid::Uuid>,
    limit: i64,
) -> AppResult<Vec<Vacancy>> {
    let own = listing.employer.is_some_and(|e| owns_vacancy(viewer, e));
    if !own
        && listing
            .status
            .is_some_and(|s| s != VacancyStatus::Published)
    {
        return Err(
            AppError::forbidden().detail("only the employer lists its unpublished vacancies")
        );
    }
    let filter = VacancyFilter {
        region: listing.region,
        occupation: listing.occupation,
        employer_id: listing.employer.map(EmployerId::uuid),
        statuses: if own {
            listing.status.map(|s| vec![s])
        } else {
            Some(vec![VacancyStatus::Published])
        },
        live_on: (!own).then(today),
    };
    db::run(&state.pool, move |conn| {
        Ok(vacancy::list(conn, &filter, cursor, limit + 1)?)
    })
    .await
}
