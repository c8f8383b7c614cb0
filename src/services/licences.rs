//! Agencies' licences: whether an agency may act today, the ministry's decisions on a licence
//! (each in one transaction with its history row, audit entry and emails), the daily expiry, and
//! the public registry and check.

use chrono::{NaiveDate, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;

use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::licence_event::{
    self, AgencyFilter, LicenceChanges, LicenceEvent, NewLicenceEvent, Recipient,
};
use crate::db::models::organisation::{self, Agency};
use crate::domain::access::Principal;
use crate::domain::audit::AuditAction;
use crate::domain::ids::AgencyId;
use crate::domain::licence::{
    self, LicenceAction, LicenceError, LicenceStatus, LicenceTerms, RecruitRefusal,
};
use crate::domain::role::Role;
use crate::domain::verify::{Kind, VerifyCode};
use crate::email::OutgoingEmail;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::i18n::{self, Locale};
use crate::jobs::send_email;
use crate::services::records::{self, Summary};
use crate::services::{audit, verify, Caller};
use crate::state::AppState;

pub fn require_active(conn: &mut PgConnection, who: &Principal) -> AppResult<()> {
    if !who.needs_active_licence() {
        return Ok(());
    }
    let agency = who.agency().ok_or_else(AppError::forbidden)?;
    let agency = organisation::find_agency(conn, agency.uuid())?;
    if agency.licence_active_on(Utc::now().date_naive()) {
        Ok(())
    } else {
        Err(AppError::new(ErrorCode::LicenceNotActive))
    }
}

/// The agency's licence as the domain rules see it.
pub fn licence_of(agency: &Agency) -> licence::Licence<'_> {
    licence::Licence {
        status: stored_status(agency),
        valid_from: agency.licence_valid_from,
        valid_to: agency.licence_valid_to,
        regions: &agency.licence_regions,
    }
}

/// Refuses an agency recruiting for `region` (ISO 3166-2:RU) outside a valid licence:
/// 403 `licence_not_active` or 403 `region_not_licensed`. For placements to call.
pub fn require_region(agency: &Agency, region: &str) -> AppResult<()> {
    licence::may_recruit_for(&licence_of(agency), region, today()).map_err(|r| match r {
        RecruitRefusal::NotActive => AppError::new(ErrorCode::LicenceNotActive),
        RecruitRefusal::RegionNotLicensed => AppError::new(ErrorCode::RegionNotLicensed)
            .detail(format!("the agency's licence does not cover {region}")),
    })
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// The stored status; the database CHECK allows only the four names.
fn stored_status(agency: &Agency) -> LicenceStatus {
    agency
        .licence_status
        .parse()
        .unwrap_or(LicenceStatus::Revoked)
}

/// 409 `invalid_transition`, naming in `allowed` the actions the ministry may take instead.
impl From<LicenceError> for AppError {
    fn from(e: LicenceError) -> Self {
        let allowed = LicenceAction::names(&e.allowed());
        AppError::new(ErrorCode::InvalidTransition)
            .detail(e.to_string())
            .allowed(allowed)
    }
}

/// A ministry decision on a licence; every one carries its written reason (already checked).
#[derive(Debug, Clone)]
pub enum LicenceCommand {
    Issue(LicenceTerms),
    Renew { valid_to: NaiveDate },
    Suspend,
    Reinstate,
    Revoke,
}

impl LicenceCommand {
    pub fn action(&self) -> LicenceAction {
        match self {
            Self::Issue(_) => LicenceAction::Issue,
            Self::Renew { .. } => LicenceAction::Renew,
            Self::Suspend => LicenceAction::Suspend,
            Self::Reinstate => LicenceAction::Reinstate,
            Self::Revoke => LicenceAction::Revoke,
        }
    }
}

/// The audit snapshot of a licence (business data of an organisation, no personal values).
#[derive(Debug, Serialize)]
struct LicenceSnapshot<'a> {
    status: &'a str,
    number: &'a str,
    issuer: &'a str,
    valid_from: NaiveDate,
    valid_to: NaiveDate,
    regions: &'a [String],
}

impl<'a> From<&'a Agency> for LicenceSnapshot<'a> {
    fn from(a: &'a Agency) -> Self {
        Self {
            status: &a.licence_status,
            number: &a.licence_number,
            issuer: &a.licence_issuer,
            valid_from: a.licence_valid_from,
            valid_to: a.licence_valid_to,
            regions: &a.licence_regions,
        }
    }
}

fn audit_action(action: LicenceAction) -> AuditAction {
    match action {
        LicenceAction::Issue => AuditAction::LicenceIssued,
        LicenceAction::Renew => AuditAction::LicenceRenewed,
        LicenceAction::Suspend => AuditAction::LicenceSuspended,
        LicenceAction::Reinstate => AuditAction::LicenceReinstated,
        LicenceAction::Revoke => AuditAction::LicenceRevoked,
        LicenceAction::Expire => AuditAction::LicenceExpired,
    }
}

/// One change of a licence, as the rules allowed it.
struct Change<'a> {
    action: LicenceAction,
    from: LicenceStatus,
    to: LicenceStatus,
    /// A newly issued licence's terms.
    terms: Option<&'a LicenceTerms>,
    /// The end of validity after the change (when no new terms).
    valid_to: NaiveDate,
    reason: &'a str,
}

/// Writes one change: the agency row, the history row, the audit entry and the emails, in the
/// caller's transaction. `before` is the locked row.
fn write_change(
    conn: &mut PgConnection,
    actor: &Actor,
    before: &Agency,
    change: Change<'_>,
) -> AppResult<(Agency, LicenceEvent)> {
    let Change {
        action,
        from,
        to,
        terms,
        valid_to,
        reason,
    } = change;
    let changes = LicenceChanges {
        licence_number: terms.map_or(&before.licence_number, |t| &t.number),
        licence_issuer: terms.map_or(&before.licence_issuer, |t| &t.issuer),
        licence_valid_from: terms.map_or(before.licence_valid_from, |t| t.valid_from),
        licence_valid_to: terms.map_or(valid_to, |t| t.valid_to),
        licence_regions: terms.map_or(&before.licence_regions, |t| &t.regions),
        licence_status: to.as_str(),
        updated_at: Utc::now(),
    };
    let after = licence_event::update_licence(conn, before.id, &changes)?;
    let event = licence_event::insert(
        conn,
        &NewLicenceEvent {
            agency_id: after.id,
            action: action.as_str(),
            from_status: Some(from.as_str()),
            to_status: to.as_str(),
            reason,
            actor_id: actor.id,
            actor_role: actor.role.as_deref(),
            licence_number: &after.licence_number,
            valid_from: after.licence_valid_from,
            valid_to: after.licence_valid_to,
            regions: &after.licence_regions,
        },
    )?;
    audit::record(
        conn,
        actor,
        audit_action(action),
        after.id,
        Some(&LicenceSnapshot::from(before)),
        Some(&LicenceSnapshot::from(&after)),
    )?;
    notify(conn, &after, action, reason)?;
    Ok((after, event))
}

fn locale_of(r: &Recipient) -> Locale {
    Locale::parse(&r.locale).unwrap_or(Locale::Ru)
}

/// Enqueues the emails of a change: the agency's staff learn the decision and its reason; the
/// candidates it represents learn whether it may act for them.
fn notify(
    conn: &mut PgConnection,
    agency: &Agency,
    action: LicenceAction,
    reason: &str,
) -> AppResult<()> {
    let status = stored_status(agency);
    let args = |locale: Locale| {
        vec![
            ("agency", agency.name.clone()),
            ("number", agency.licence_number.clone()),
            (
                "action",
                i18n::t(locale, &format!("licence.action.{}", action.as_str())),
            ),
            (
                "status",
                i18n::t(locale, &format!("licence.status.{}", status.as_str())),
            ),
            ("valid_from", agency.licence_valid_from.to_string()),
            ("valid_to", agency.licence_valid_to.to_string()),
            ("regions", agency.licence_regions.join(", ")),
            ("reason", reason.to_owned()),
        ]
    };
    for r in licence_event::staff_of(conn, agency.id)? {
        let locale = locale_of(&r);
        let email = OutgoingEmail::from_template(&r.email, locale, "licence_staff", &args(locale));
        send_email::enqueue(conn, &email)?;
    }
    let template = if status == LicenceStatus::Active {
        "licence_active"
    } else {
        "licence_changed"
    };
    for r in licence_event::represented_by(conn, agency.id)? {
        let locale = locale_of(&r);
        let email = OutgoingEmail::from_template(&r.email, locale, template, &args(locale));
        send_email::enqueue(conn, &email)?;
    }
    Ok(())
}

/// The ministry decides on an agency's licence, with a written reason (already checked and
/// cleaned). 404 for an unknown agency, 409 `invalid_transition` naming the allowed actions,
/// 422 for a renewal that does not extend the validity.
#[tracing::instrument(skip_all, fields(agency = %id, action = %command.action()))]
pub async fn change_licence(
    state: &AppState,
    caller: &Caller,
    id: AgencyId,
    command: LicenceCommand,
    reason: String,
) -> AppResult<(Agency, Option<VerifyCode>, LicenceEvent)> {
    if caller.principal.role != Role::Ministry {
        return Err(AppError::forbidden().detail("only the ministry decides on licences"));
    }
    let actor = caller.actor();
    db::transaction(&state.pool, move |conn| {
        let before = licence_event::agency_for_update(conn, id.uuid())?;
        let today = today();
        let stored = stored_status(&before);
        let action = command.action();
        let from = stored.effective(before.licence_valid_to, today);
        let to = action.apply(stored, before.licence_valid_to, today)?;
        let (terms, valid_to) = match &command {
            LicenceCommand::Issue(terms) => (Some(terms), terms.valid_to),
            LicenceCommand::Renew { valid_to } => {
                let mut check = crate::domain::validate::Check::new();
                licence::check_renewal(&mut check, before.licence_valid_to, *valid_to, today);
                check.finish()?;
                (None, *valid_to)
            }
            _ => (None, before.licence_valid_to),
        };
        let change = Change {
            action,
            from,
            to,
            terms,
            valid_to,
            reason: &reason,
        };
        let (after, event) = write_change(conn, &actor, &before, change)?;
        let code = verify::code_of(conn, Kind::Agency, after.id)?;
        Ok((after, code, event))
    })
    .await
}

/// The reason written in the first row of an agency's licence history.
pub const REGISTRATION_REASON: &str = "Registered with the licence it holds.";

/// The first row of a newly registered agency's licence history: `issue`, with the licence
/// terms it was registered with, by whoever registered it (no status before: `from_status` is
/// empty). In the caller's transaction; the agency's audit entry is the registration's.
pub fn record_registration(
    conn: &mut PgConnection,
    actor: &Actor,
    agency: &Agency,
) -> AppResult<LicenceEvent> {
    Ok(licence_event::insert(
        conn,
        &NewLicenceEvent {
            agency_id: agency.id,
            action: LicenceAction::Issue.as_str(),
            from_status: None,
            to_status: stored_status(agency).as_str(),
            reason: REGISTRATION_REASON,
            actor_id: actor.id,
            actor_role: actor.role.as_deref(),
            licence_number: &agency.licence_number,
            valid_from: agency.licence_valid_from,
            valid_to: agency.licence_valid_to,
            regions: &agency.licence_regions,
        },
    )?)
}

/// The reason the system writes when a licence's validity ends.
pub const EXPIRY_REASON: &str = "The licence's validity ended.";

/// Marks licences whose validity ended before `today` expired, with a history row, an audit
/// entry and emails each; run by the periodic sweep inside its own transaction.
pub fn expire_due(conn: &mut PgConnection, today: NaiveDate) -> AppResult<usize> {
    let system = Actor {
        id: None,
        role: Some("system".into()),
        request_id: None,
    };
    let due = licence_event::due_to_expire(conn, today)?;
    for a in &due {
        let stored = stored_status(a);
        let to = LicenceAction::Expire.apply(stored, a.licence_valid_to, today)?;
        let change = Change {
            action: LicenceAction::Expire,
            from: stored,
            to,
            terms: None,
            valid_to: a.licence_valid_to,
            reason: EXPIRY_REASON,
        };
        write_change(conn, &system, a, change)?;
    }
    Ok(due.len())
}

/// An agency's licence history: the ministry, admins and the agency's own staff; anyone else
/// gets 404, as if it did not exist.
pub async fn history(
    state: &AppState,
    caller: &Caller,
    id: AgencyId,
) -> AppResult<Vec<LicenceEvent>> {
    let p = caller.principal;
    if !(p.is_overseer() || p.agency() == Some(id)) {
        return Err(AppError::not_found());
    }
    db::run(&state.pool, move |conn| {
        organisation::find_agency(conn, id.uuid())?;
        Ok(licence_event::history(conn, id.uuid())?)
    })
    .await
}

/// Filters of the public registry of agencies.
#[derive(Debug, Default)]
pub struct AgencyListing {
    pub status: Option<LicenceStatus>,
    /// ISO 3166-2:RU the licence covers.
    pub region: Option<String>,
    /// Part of the name or the licence number.
    pub q: Option<String>,
}

/// One page of the registry: `limit + 1` agencies after `cursor`, by id, each with its
/// verification code.
pub async fn list_agencies(
    state: &AppState,
    listing: AgencyListing,
    cursor: Option<uuid::Uuid>,
    limit: i64,
) -> AppResult<Vec<(Agency, Option<VerifyCode>)>> {
    let filter = AgencyFilter {
        status: listing.status,
        region: listing.region,
        pattern: listing.q.as_deref().map(licence_event::like_pattern),
        today: today(),
    };
    db::run(&state.pool, move |conn| {
        let rows = licence_event::list_filtered(conn, &filter, cursor, limit + 1)?;
        let ids: Vec<_> = rows.iter().map(|a| a.id).collect();
        let mut codes = verify::codes_of(conn, Kind::Agency, &ids)?;
        Ok(rows
            .into_iter()
            .map(|a| {
                let code = codes.remove(&a.id);
                (a, code)
            })
            .collect())
    })
    .await
}

/// The public licence check: the agency holding this licence number (or 404 `not_found`), its
/// public record and its verification code.
pub async fn check(
    state: &AppState,
    number: String,
) -> AppResult<(Agency, Summary, Option<VerifyCode>)> {
    db::run(&state.pool, move |conn| {
        let agency =
            licence_event::find_by_number(conn, &number)?.ok_or_else(AppError::not_found)?;
        let record = records::agency_summary(conn, agency.id)?;
        let code = verify::code_of(conn, Kind::Agency, agency.id)?;
        Ok((agency, record, code))
    })
    .await
}

/// The status as of today (an active licence past its validity reads expired).
pub fn effective_status(agency: &Agency) -> LicenceStatus {
    stored_status(agency).effective(agency.licence_valid_to, today())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::StatusCode;

    fn agency(status: &str, regions: &[&str]) -> Agency {
        let now = Utc::now();
        let today = now.date_naive();
        Agency {
            id: uuid::Uuid::now_v7(),
            name: "Агентство".into(),
            inn: "0000000000".into(),
            country: "KG".into(),
            contact_email: None,
            contact_phone: None,
            licence_number: "L-1".into(),
            licence_issuer: "Минтруд КР".into(),
            licence_valid_from: today - chrono::Duration::days(1),
            licence_valid_to: today + chrono::Duration::days(1),
            licence_regions: regions.iter().map(|r| r.to_string()).collect(),
            licence_status: status.into(),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn recruiting_outside_the_licence_is_403_region_not_licensed() {
        assert!(require_region(&agency("active", &["RU-MOW"]), "RU-MOW").is_ok());
        let e = require_region(&agency("active", &["RU-MOW"]), "RU-SVE").unwrap_err();
        assert_eq!(e.code, ErrorCode::RegionNotLicensed);
        assert_eq!(e.code.status(), StatusCode::FORBIDDEN);
        assert_eq!(e.code.as_str(), "region_not_licensed");
        let e = require_region(&agency("suspended", &["RU-MOW"]), "RU-MOW").unwrap_err();
        assert_eq!(e.code, ErrorCode::LicenceNotActive);
    }

    #[test]
    fn a_refused_action_names_the_allowed_ones_in_the_problem() {
        let e = AppError::from(LicenceError::Transition {
            from: LicenceStatus::Active,
            action: LicenceAction::Reinstate,
        });
        assert_eq!(e.code, ErrorCode::InvalidTransition);
        assert_eq!(
            e.allowed.as_deref(),
            Some(&["issue", "renew", "suspend", "revoke"].map(String::from)[..])
        );
        let e = AppError::from(LicenceError::Transition {
            from: LicenceStatus::Revoked,
            action: LicenceAction::Suspend,
        });
        assert_eq!(e.allowed, Some(Vec::new()));
        assert!(e.detail.unwrap().contains("allowed: none"));
    }

    #[test]
    fn every_action_has_its_audit_action() {
        let names: Vec<_> = LicenceAction::ALL
            .into_iter()
            .map(|a| audit_action(a).as_str())
            .collect();
        assert_eq!(
            names,
            [
                "agency.licence_issued",
                "agency.licence_renewed",
                "agency.licence_suspended",
                "agency.licence_reinstated",
                "agency.licence_revoked",
                "agency.licence_expired"
            ]
        );
        assert_eq!(AuditAction::LicenceRevoked.object_type(), "agency");
    }
}
