//! Organisations (employers, agencies, centres) and their members. Who may see or change which
//! organisation is decided by `domain::access` / `domain::members`; this module opens the
//! transactions and writes the audit entries and invitation emails.

use diesel::pg::PgConnection;
use diesel::QueryResult;
use uuid::Uuid;

use crate::db;
use crate::db::models::email_token::RESET_PASSWORD;
use crate::db::models::organisation::{self, Agency, Centre, Employer, EmployerChanges};
use crate::db::models::refresh_token;
use crate::db::models::user;
use crate::domain::audit::AuditAction;
use crate::domain::ids::{AgencyId, EmployerId, UserId};
use crate::domain::members::{self, MemberAccess, Organisation, RemoveRefusal};
use crate::domain::role::Role;
use crate::domain::verify::{Kind, VerifyCode};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::services::accounts::{self, Account, AccountSnapshot, NewStaff};
use crate::services::{audit, licences, verify, Caller};
use crate::state::AppState;

/// A kind of organisation that is listed page by page, by id.
pub trait Listed: Sized + Send + 'static {
    fn load(conn: &mut PgConnection, after: Option<Uuid>, limit: i64) -> QueryResult<Vec<Self>>;
    fn id(&self) -> Uuid;
}

macro_rules! listed {
    ($($t:ty => $load:path),+ $(,)?) => {$(
        impl Listed for $t {
            fn load(conn: &mut PgConnection, after: Option<Uuid>, limit: i64) -> QueryResult<Vec<Self>> {
                $load(conn, after, limit)
            }
            fn id(&self) -> Uuid {
                self.id
            }
        }
    )+};
}

listed!(
    Agency => organisation::list_agencies,
    Centre => organisation::list_centres,
    Employer => organisation::list_employers,
);

/// One page of organisations: `limit + 1` rows after `cursor`, so the caller can tell whether
/// there is a next page.
pub async fn list<T: Listed>(
    state: &AppState,
    cursor: Option<Uuid>,
    limit: i64,
) -> AppResult<Vec<T>> {
    db::run(&state.pool, move |conn| {
        Ok(T::load(conn, cursor, limit + 1)?)
    })
    .await
}

/// Inserts an organisation and its audit entry in one transaction.
async fn create<T, F>(
    state: &AppState,
    caller: &Caller,
    action: AuditAction,
    insert: F,
) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> QueryResult<T> + Send + 'static,
    T: serde::Serialize + Listed,
{
    let actor = caller.actor();
    db::transaction(&state.pool, move |conn| {
        let created = insert(conn)?;
        audit::record(conn, &actor, action, created.id(), None, Some(&created))?;
        Ok(created)
    })
    .await
}

/// Registers an agency with the licence it holds: the agency, its audit entry, the first row of
/// its licence history (`issue`, by the caller) and its public verification code, in one
/// transaction.
#[tracing::instrument(skip_all)]
pub async fn create_agency(
    state: &AppState,
    caller: &Caller,
    agency: Agency,
) -> AppResult<(Agency, VerifyCode)> {
    let actor = caller.actor();
    db::transaction(&state.pool, move |conn| {
        let created = organisation::insert_agency(conn, &agency)?;
        audit::record(
            conn,
            &actor,
            AuditAction::AgencyCreated,
            created.id,
            None,
            Some(&created),
        )?;
        licences::record_registration(conn, &actor, &created)?;
        let code = verify::issue(conn, Kind::Agency, created.id)?;
        Ok((created, code))
    })
    .await
}

#[tracing::instrument(skip_all)]
pub async fn create_centre(state: &AppState, caller: &Caller, centre: Centre) -> AppResult<Centre> {
    create(state, caller, AuditAction::CentreCreated, move |conn| {
        organisation::insert_centre(conn, &centre)
    })
    .await
}

/// One agency and its verification code: its own staff, the ministry and admins (the route
/// guard admits only those roles).
pub async fn get_agency(
    state: &AppState,
    caller: &Caller,
    id: AgencyId,
) -> AppResult<(Agency, Option<VerifyCode>)> {
    let p = caller.principal;
    if p.role == Role::Agency && p.agency() != Some(id) {
        return Err(AppError::not_found());
    }
    db::run(&state.pool, move |conn| {
        let agency = organisation::find_agency(conn, id.uuid())?;
        let code = verify::code_of(conn, Kind::Agency, agency.id)?;
        Ok((agency, code))
    })
    .await
}

/// Its own staff, the ministry and admins see an employer.
fn may_see_employer(caller: &Caller, id: EmployerId) -> bool {
    caller.principal.is_overseer() || caller.principal.employer() == Some(id)
}

pub async fn get_employer(
    state: &AppState,
    caller: &Caller,
    id: EmployerId,
) -> AppResult<Employer> {
    if !may_see_employer(caller, id) {
        return Err(AppError::not_found());
    }
    db::run(&state.pool, move |conn| {
        Ok(organisation::find_employer(conn, id.uuid())?)
    })
    .await
}

/// The employer's own staff update its contact data.
#[tracing::instrument(skip_all, fields(employer = %id))]
pub async fn update_employer(
    state: &AppState,
    caller: &Caller,
    id: EmployerId,
    changes: EmployerChanges,
) -> AppResult<Employer> {
    if caller.principal.employer() != Some(id) {
        return Err(AppError::not_found());
    }
    let actor = caller.actor();
    db::transaction(&state.pool, move |conn| {
        let before = organisation::find_employer(conn, id.uuid())?;
        let after = organisation::update_employer(conn, id.uuid(), changes)?;
        audit::record(
            conn,
            &actor,
            AuditAction::EmployerUpdated,
            id,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
    .await
}

pub(crate) fn name_of(conn: &mut PgConnection, org: Organisation) -> AppResult<String> {
    let name = match org {
        Organisation::Employer(id) => organisation::find_employer(conn, id.uuid())?.name,
        Organisation::Agency(id) => organisation::find_agency(conn, id.uuid())?.name,
        Organisation::Centre(id) => organisation::find_centre(conn, id.uuid())?.name,
    };
    Ok(name)
}

/// Admits the caller to manage `org`'s members, or refuses: 404 for someone else's organisation
/// (or one that does not exist), 403 for its staff who are not the owner.
fn admit(conn: &mut PgConnection, caller: &Caller, org: Organisation) -> AppResult<String> {
    let is_owner = user::membership_record(conn, caller.principal.user.uuid())?
        .is_some_and(|m| m.is_owner && m.link.approved_at.is_some());
    match members::member_access(&caller.principal, is_owner, org) {
        MemberAccess::Manage => name_of(conn, org),
        MemberAccess::Staff => {
            Err(AppError::forbidden().detail("only the organisation's owner manages its members"))
        }
        MemberAccess::Hidden => Err(AppError::not_found()),
    }
}

/// Every member of the organisation, pending ones included.
pub async fn list_members(
    state: &AppState,
    caller: &Caller,
    org: Organisation,
) -> AppResult<Vec<Account>> {
    let caller = caller.clone();
    db::run(&state.pool, move |conn| {
        admit(conn, &caller, org)?;
        Ok(user::members_of(conn, org)?
            .into_iter()
            .map(|(m, u)| Account::new(u, Some(&m)))
            .collect())
    })
    .await
}

/// A new member: the owner (or an admin) adds a person, who is invited by email to choose a
/// password through a single-use link. Only an admin may name the owner.
#[tracing::instrument(skip_all)]
pub async fn add_member(
    state: &AppState,
    caller: &Caller,
    org: Organisation,
    mut staff: NewStaff,
    owner: bool,
) -> AppResult<Account> {
    if owner && !members::may_name_owner(&caller.principal) {
        return Err(AppError::forbidden().detail("only an admin names an organisation's owner"));
    }
    staff.role = org.staff_role();
    staff.password = None;
    let (caller, cipher) = (caller.clone(), state.cipher.clone());
    let settings = accounts::EmailLinks::from_settings(&state.settings);
    db::transaction(&state.pool, move |conn| {
        let name = admit(conn, &caller, org)?;
        if owner && user::has_owner(conn, org)? {
            return Err(
                AppError::new(ErrorCode::Conflict).detail("the organisation already has an owner")
            );
        }
        let account = accounts::insert_staff(conn, &staff, None)?;
        user::join(conn, account.id, org, true, owner)?;
        let view = accounts::load_account(conn, account.id)?;
        audit::record(
            conn,
            &caller.actor(),
            AuditAction::UserCreated,
            account.id,
            None,
            Some(&AccountSnapshot::of(&view, &cipher)),
        )?;
        accounts::send_token_email(
            conn,
            &settings,
            &account,
            RESET_PASSWORD,
            "invite",
            &[("organisation", name)],
        )?;
        Ok(view)
    })
    .await
}

/// Loads a member of `org` for a change, or 404 when the account is not one.
fn member_of(conn: &mut PgConnection, org: Organisation, member: UserId) -> AppResult<Account> {
    let account = accounts::load_account(conn, member.uuid())?;
    if account.organisation != Some(org) {
        return Err(AppError::not_found());
    }
    Ok(account)
}

/// The owner (or an admin) approves a pending membership of their organisation.
#[tracing::instrument(skip_all, fields(member = %member))]
pub async fn approve_member(
    state: &AppState,
    caller: &Caller,
    org: Organisation,
    member: UserId,
) -> AppResult<Account> {
    let (caller, cipher) = (caller.clone(), state.cipher.clone());
    db::transaction(&state.pool, move |conn| {
        admit(conn, &caller, org)?;
        let before = member_of(conn, org, member)?;
        if before.membership_approved {
            return Ok(before);
        }
        accounts::approve(conn, member.uuid())?;
        let after = accounts::load_account(conn, member.uuid())?;
        audit::record(
            conn,
            &caller.actor(),
            AuditAction::MembershipApproved,
            member,
            Some(&AccountSnapshot::of(&before, &cipher)),
            Some(&AccountSnapshot::of(&after, &cipher)),
        )?;
        Ok(after)
    })
    .await
}

/// The owner (or an admin) removes a member: the account keeps existing but no longer acts for
/// the organisation, and its sessions end. The owner cannot be removed.
#[tracing::instrument(skip_all, fields(member = %member))]
pub async fn remove_member(
    state: &AppState,
    caller: &Caller,
    org: Organisation,
    member: UserId,
) -> AppResult<()> {
    let (caller, cipher) = (caller.clone(), state.cipher.clone());
    db::transaction(&state.pool, move |conn| {
        admit(conn, &caller, org)?;
        let before = member_of(conn, org, member)?;
        members::may_remove(before.is_owner).map_err(|RemoveRefusal::IsOwner| {
            AppError::new(ErrorCode::Conflict).detail("the owner cannot be removed")
        })?;
        user::remove_membership(conn, member.uuid())?;
        refresh_token::revoke_all_for_user(conn, member.uuid())?;
        let after = accounts::load_account(conn, member.uuid())?;
        audit::record(
            conn,
            &caller.actor(),
            AuditAction::UserUpdated,
            member,
            Some(&AccountSnapshot::of(&before, &cipher)),
            Some(&AccountSnapshot::of(&after, &cipher)),
        )?;
        Ok(())
    })
    .await
}
