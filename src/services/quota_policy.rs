//! Quota policy as data the ministry edits: which citizenships need no quota, and which
//! occupations are closed to foreign workers in which region and year. Every change is audited
//! with its reason. [`needs_quota`] and [`closed_rule`] are what quota applications and placement
//! approvals ask, inside their own transactions.

use chrono::{Datelike, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use uuid::Uuid;

use crate::db;
use crate::db::models::quota_policy::{self as model, ClosedOccupation, QuotaExemption};
use crate::domain::audit::AuditAction;
use crate::domain::quota_policy::{self as rules, Scope};
use crate::domain::reference;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::services::{audit, Caller};
use crate::state::AppState;

const REASON_MAX: usize = 2000;
const SOURCE_MAX: usize = 500;

/// Whether a citizen of `citizenship` needs a quota, by the exemptions in force.
pub fn needs_quota(conn: &mut PgConnection, citizenship: &str) -> AppResult<bool> {
    let exempt = model::exempt_countries(conn)?;
    let exempt: Vec<&str> = exempt.iter().map(String::as_str).collect();
    Ok(rules::needs_quota(citizenship, &exempt))
}

fn scope(c: &ClosedOccupation) -> Scope<'_> {
    Scope {
        year: c.year,
        region: c.region.as_deref(),
        occupation: &c.occupation,
    }
}

/// The most specific active closure that bars `occupation` (an ISCO-08 unit group) in `region`
/// (ISO 3166-2:RU) in `year`, if any.
pub fn closed_rule(
    conn: &mut PgConnection,
    year: i32,
    region: &str,
    occupation: &str,
) -> AppResult<Option<ClosedOccupation>> {
    let candidates = model::active_in(conn, year, region)?;
    Ok(rules::most_specific(&candidates, scope, year, region, occupation).cloned())
}

/// The audit trail's object id for a country's exemption (stable, so its history is one query).
pub fn exemption_audit_id(country: &str) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!("quota_exemption:{country}").as_bytes(),
    )
}

fn current_year() -> i32 {
    Utc::now().year()
}

fn country_code(c: &mut Check, country: &str) {
    if !reference::is_country(country) {
        c.push(FieldError::new("country", "invalid_country"));
    }
}

#[derive(Serialize)]
struct ExemptionSnapshot {
    country: String,
    reason: String,
    legal_source: String,
}

fn exemption_snapshot(e: &QuotaExemption) -> ExemptionSnapshot {
    ExemptionSnapshot {
        country: e.country.clone(),
        reason: e.reason.clone(),
        legal_source: e.legal_source.clone(),
    }
}

pub async fn exemptions(state: &AppState) -> AppResult<Vec<QuotaExemption>> {
    db::run(&state.pool, |conn| Ok(model::exemptions(conn)?)).await
}

/// The ministry exempts a country's citizens from the quota, or restates why.
pub async fn set_exemption(
    state: &AppState,
    caller: &Caller,
    country: String,
    reason: String,
    legal_source: String,
) -> AppResult<QuotaExemption> {
    let actor = caller.actor();
    let by = caller.principal.user.uuid();
    let (reason, legal_source) = (text::clean(&reason), text::clean(&legal_source));
    let mut c = Check::new();
    country_code(&mut c, &country);
    c.text("reason", &reason, 1, REASON_MAX);
    c.text("legal_source", &legal_source, 1, SOURCE_MAX);
    c.finish()?;
    db::transaction(&state.pool, move |conn| {
        let before = model::exemption_for_update(conn, &country)?;
        let after = model::upsert_exemption(
            conn,
            &QuotaExemption {
                country: country.clone(),
                reason,
                legal_source,
                updated_by: Some(by),
                updated_at: Utc::now(),
            },
        )?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::QuotaExemptionSet,
            exemption_audit_id(&country),
            (before.as_ref(), &after),
            exemption_snapshot,
        )?;
        Ok(after)
    })
    .await
}

#[derive(Serialize)]
struct ExemptionRemoved<'a> {
    country: &'a str,
    removed: bool,
    reason: &'a str,
}

/// The ministry ends a country's exemption: its citizens need a quota from now on.
pub async fn remove_exemption(
    state: &AppState,
    caller: &Caller,
    country: String,
    reason: Option<String>,
) -> AppResult<()> {
    let actor = caller.actor();
    let reason = text::clean(reason.as_deref().unwrap_or_default());
    let mut c = Check::new();
    country_code(&mut c, &country);
    c.text("reason", &reason, 1, REASON_MAX);
    c.finish()?;
    if country == rules::OWN_COUNTRY {
        return Err(AppError::new(ErrorCode::Conflict)
            .detail("Russia's own citizens never need a quota: this exemption stays"));
    }
    db::transaction(&state.pool, move |conn| {
        let before =
            model::exemption_for_update(conn, &country)?.ok_or_else(AppError::not_found)?;
        model::delete_exemption(conn, &country)?;
        audit::record(
            conn,
            &actor,
            AuditAction::QuotaExemptionRemoved,
            exemption_audit_id(&country),
            Some(&serde_json::json!(exemption_snapshot(&before))),
            Some(&serde_json::json!(ExemptionRemoved {
                country: &country,
                removed: true,
                reason: &reason,
            })),
        )?;
        Ok(())
    })
    .await
}

/// Which closures to list; each filter is optional.
#[derive(Debug, Clone, Default)]
pub struct ClosureFilter {
    pub year: Option<i32>,
    /// Closures that apply in this region: its own and the federal ones.
    pub region: Option<String>,
    /// Closures of this code or group, or of a group containing it.
    pub occupation: Option<String>,
    /// Only active (`true`) or only lifted (`false`) ones.
    pub active: Option<bool>,
}

pub async fn closures(state: &AppState, f: ClosureFilter) -> AppResult<Vec<ClosedOccupation>> {
    let mut c = Check::new();
    if let Some(r) = &f.region {
        c.ru_region("region", r);
    }
    if let Some(o) = &f.occupation {
        if !rules::is_occupation_pattern(o) {
            c.push(FieldError::new("occupation", "invalid_occupation"));
        }
    }
    c.finish()?;
    db::run(&state.pool, move |conn| {
        let rows = model::closures(conn, f.year, f.active)?;
        Ok(rows
            .into_iter()
            .filter(|row| {
                f.region
                    .as_deref()
                    .is_none_or(|r| row.region.as_deref().is_none_or(|own| own == r))
            })
            .filter(|row| {
                f.occupation
                    .as_deref()
                    .is_none_or(|o| rules::occupations_overlap(&row.occupation, o))
            })
            .collect())
    })
    .await
}

/// A closure as the ministry files it.
#[derive(Debug, Clone)]
pub struct NewClosure {
    pub year: i32,
    /// `None`: all of Russia.
    pub region: Option<String>,
    pub occupation: String,
    pub reason: String,
    pub legal_source: String,
}

#[derive(Serialize)]
struct ClosureSnapshot {
    year: i32,
    region: Option<String>,
    occupation: String,
    reason: String,
    legal_source: String,
    lifted: bool,
    lift_reason: Option<String>,
}

fn closure_snapshot(c: &ClosedOccupation) -> ClosureSnapshot {
    ClosureSnapshot {
        year: c.year,
        region: c.region.clone(),
        occupation: c.occupation.clone(),
        reason: c.reason.clone(),
        legal_source: c.legal_source.clone(),
        lifted: c.lifted_at.is_some(),
        lift_reason: c.lift_reason.clone(),
    }
}

/// The ministry closes an occupation (or group) to foreign workers for a year, in one region or
/// in all of Russia.
pub async fn close_occupation(
    state: &AppState,
    caller: &Caller,
    new: NewClosure,
) -> AppResult<ClosedOccupation> {
    let actor = caller.actor();
    let by = caller.principal.user.uuid();
    let (reason, legal_source) = (text::clean(&new.reason), text::clean(&new.legal_source));
    let window = rules::year_window(current_year());
    let mut c = Check::new();
    c.range(
        "year",
        i64::from(new.year),
        i64::from(*window.start()),
        i64::from(*window.end()),
    );
    if let Some(r) = &new.region {
        c.ru_region("region", r);
    }
    let pattern = rules::is_occupation_pattern(&new.occupation);
    if !pattern {
        c.push(FieldError::new("occupation", "invalid_occupation"));
    }
    c.text("reason", &reason, 1, REASON_MAX);
    c.text("legal_source", &legal_source, 1, SOURCE_MAX);
    db::transaction(&state.pool, move |conn| {
        if pattern && !model::occupation_group_exists(conn, &new.occupation)? {
            c.push(FieldError::new("occupation", "invalid_occupation"));
        }
        c.finish()?;
        let row = ClosedOccupation {
            id: Uuid::now_v7(),
            year: new.year,
            region: new.region,
            occupation: new.occupation,
            reason,
            legal_source,
            created_by: Some(by),
            created_at: Utc::now(),
            lifted_at: None,
            lifted_by: None,
            lift_reason: None,
        };
        let Some(created) = model::insert_closure(conn, &row)? else {
            let existing =
                model::active_duplicate(conn, row.year, row.region.as_deref(), &row.occupation)?;
            let detail = match existing {
                Some(e) => format!("this closure is already in force: {}", e.id),
                None => "this closure is already in force".to_owned(),
            };
            return Err(AppError::new(ErrorCode::Conflict).detail(detail));
        };
        audit::record_change(
            conn,
            &actor,
            AuditAction::ClosedOccupationAdded,
            created.id,
            (None, &created),
            closure_snapshot,
        )?;
        Ok(created)
    })
    .await
}

/// The ministry lifts a closure with a written reason; the row stays, as history.
pub async fn lift_closure(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    reason: String,
) -> AppResult<ClosedOccupation> {
    let actor = caller.actor();
    let by = caller.principal.user.uuid();
    let reason = text::clean(&reason);
    let mut c = Check::new();
    c.text("reason", &reason, 1, REASON_MAX);
    c.finish()?;
    db::transaction(&state.pool, move |conn| {
        let before = model::closure_for_update(conn, id)?;
        if before.lifted_at.is_some() {
            return Err(
                AppError::new(ErrorCode::InvalidTransition).detail("the closure is already lifted")
            );
        }
        let after = model::lift_closure(conn, id, by, &reason)?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::ClosedOccupationLifted,
            after.id,
            (Some(&before), &after),
            closure_snapshot,
        )?;
        Ok(after)
    })
    .await
}
