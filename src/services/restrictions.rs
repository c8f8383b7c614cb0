//! Consequences the ministry can rely on: an employer with an upheld unpaid-wages complaint or
//! repeated bad follow-ups has no new placement approved until the ministry lifts the
//! restriction. The thresholds are policy data the ministry edits, each change audited.

use chrono::Utc;
use diesel::pg::PgConnection;
use serde::Serialize;
use uuid::Uuid;

use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::record;
use crate::db::models::restriction::{self, Policy, Restriction};
use crate::domain::audit::AuditAction;
use crate::domain::restriction::{self as rules, Cause};
use crate::domain::role::Role;
use crate::domain::text;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::services::{audit, Caller};
use crate::state::AppState;

/// Refuses an approval while the employer is restricted: 409 `employer_restricted` naming the
/// cause.
pub fn require_unrestricted(conn: &mut PgConnection, employer: Uuid) -> AppResult<()> {
    let active = restriction::active(conn, employer)?;
    match active.first() {
        None => Ok(()),
        Some(r) => Err(AppError::new(ErrorCode::EmployerRestricted)
            .detail(format!("{}: {}", r.cause, r.detail))),
    }
}

#[derive(Serialize)]
struct RestrictionSnapshot {
    employer_id: Uuid,
    cause: String,
    lifted: bool,
}

fn snapshot(r: &Restriction) -> RestrictionSnapshot {
    RestrictionSnapshot {
        employer_id: r.employer_id,
        cause: r.cause.clone(),
        lifted: r.lifted_at.is_some(),
    }
}

/// Imposes `cause` on the employer (once while active), inside the caller's transaction.
pub fn impose(
    conn: &mut PgConnection,
    actor: &Actor,
    employer: Uuid,
    cause: Cause,
    detail: &str,
) -> AppResult<Option<Restriction>> {
    let imposed = restriction::impose(
        conn,
        &Restriction {
            id: Uuid::now_v7(),
            employer_id: employer,
            cause: cause.as_str().into(),
            detail: detail.into(),
            imposed_at: Utc::now(),
            imposed_by: actor.id,
            lifted_at: None,
            lifted_by: None,
            lift_reason: None,
        },
    )?;
    if let Some(r) = &imposed {
        audit::record(
            conn,
            actor,
            AuditAction::EmployerRestricted,
            r.id,
            None,
            Some(&snapshot(r)),
        )?;
    }
    Ok(imposed)
}

/// After a bad follow-up: restricts the employer when its bad follow-ups reach the policy.
pub fn after_bad_followup(conn: &mut PgConnection, actor: &Actor, employer: Uuid) -> AppResult<()> {
    let threshold =
        restriction::policy(conn, rules::BAD_FOLLOWUPS_RESTRICT_AT)?.map_or(2, |p| p.value);
    let bad = record::of_employer(conn, employer)?.bad_followups;
    if rules::restricts_for_followups(bad, threshold) {
        impose(
            conn,
            actor,
            employer,
            Cause::RepeatedBadFollowups,
            &format!("{bad} bad follow-ups (the policy restricts at {threshold})"),
        )?;
    }
    Ok(())
}

/// An employer's restrictions, newest first (its own staff, the ministry, admins).
pub async fn list(
    state: &AppState,
    caller: &Caller,
    employer: Uuid,
) -> AppResult<Vec<Restriction>> {
    let who = caller.principal;
    db::run(&state.pool, move |conn| {
        let own = who.employer().map(|e| e.uuid()) == Some(employer);
        if !(own || matches!(who.role, Role::Ministry | Role::Admin)) {
            return Err(AppError::not_found());
        }
        organisation_exists(conn, employer)?;
        Ok(restriction::of_employer(conn, employer)?)
    })
    .await
}

fn organisation_exists(conn: &mut PgConnection, employer: Uuid) -> AppResult<()> {
    crate::db::models::organisation::find_employer(conn, employer)?;
    Ok(())
}

fn reason(field: &str, value: &str) -> AppResult<String> {
    let cleaned = text::clean(value);
    let mut c = Check::new();
    c.text(field, &cleaned, 1, 2000);
    c.finish()?;
    Ok(cleaned)
}

/// The ministry restricts an employer by its own decision.
pub async fn restrict(
    state: &AppState,
    caller: &Caller,
    employer: Uuid,
    detail: String,
) -> AppResult<Restriction> {
    let actor = caller.actor();
    let detail = reason("detail", &detail)?;
    db::transaction(&state.pool, move |conn| {
        organisation_exists(conn, employer)?;
        impose(conn, &actor, employer, Cause::MinistryDecision, &detail)?.ok_or_else(|| {
            AppError::new(ErrorCode::Conflict)
                .detail("the employer is already restricted by a decision")
        })
    })
    .await
}

/// The ministry lifts a restriction with a written reason.
pub async fn lift(
    state: &AppState,
    caller: &Caller,
    employer: Uuid,
    id: Uuid,
    why: String,
) -> AppResult<Restriction> {
    let who = caller.principal;
    let actor = caller.actor();
    let why = reason("reason", &why)?;
    db::transaction(&state.pool, move |conn| {
        let before = restriction::find_for_update(conn, id)?;
        if before.employer_id != employer {
            return Err(AppError::not_found());
        }
        if before.lifted_at.is_some() {
            return Err(
                AppError::new(ErrorCode::Conflict).detail("the restriction is already lifted")
            );
        }
        let after = restriction::lift(conn, id, who.user.uuid(), &why)?;
        audit::record_change(
            conn,
            &actor,
            AuditAction::EmployerRestrictionLifted,
            after.id,
            (Some(&before), &after),
            snapshot,
        )?;
        Ok(after)
    })
    .await
}

pub async fn policies(state: &AppState) -> AppResult<Vec<Policy>> {
    db::run(&state.pool, |conn| Ok(restriction::policies(conn)?)).await
}

/// The ministry changes a policy value with a reason.
pub async fn set_policy(
    state: &AppState,
    caller: &Caller,
    key: String,
    value: i32,
    why: String,
) -> AppResult<Policy> {
    let who = caller.principal;
    let actor = caller.actor();
    let why = reason("reason", &why)?;
    if !rules::POLICY_KEYS.contains(&key.as_str()) {
        return Err(AppError::not_found());
    }
    if !(1..=100).contains(&value) {
        return Err(AppError::validation(vec![FieldError::new(
            "value",
            "out_of_range",
        )
        .with("min", 1)
        .with("max", 100)]));
    }
    db::transaction(&state.pool, move |conn| {
        let before = restriction::policy(conn, &key)?.ok_or_else(AppError::not_found)?;
        let after = restriction::set_policy(conn, &key, value, &why, who.user.uuid())?;
        audit::record(
            conn,
            &actor,
            AuditAction::PolicyChanged,
            Uuid::new_v5(&Uuid::NAMESPACE_OID, key.as_bytes()),
            Some(&serde_json::json!({"key": before.key, "value": before.value})),
            Some(&serde_json::json!({"key": after.key, "value": after.value, "reason": after.reason})),
        )?;
        Ok(after)
    })
    .await
}
