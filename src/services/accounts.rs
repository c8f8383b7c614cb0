//! Accounts: registration, sign-in and sessions, email verification, password reset, and the
//! admin's account changes. Each command is one blocking unit of work (one `db::run`) that opens
//! its transaction and writes the audit entry and jobs with the change.
//!
//! Nothing here tells an outsider whether an address has an account: registering a taken address
//! answers like a new one and emails the address's owner instead; a reset request only enqueues
//! one job whatever the address, and the job looks the account up later.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use diesel::pg::PgConnection;
use diesel::Connection;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::password;
use crate::auth::tokens::{self, TokenKind};
use crate::config::Settings;
use crate::crypto::DataCipher;
use crate::db;
use crate::db::models::audit::Actor;
use crate::db::models::email_token::{self, EmailToken, RESET_PASSWORD, VERIFY_EMAIL};
use crate::db::models::job;
use crate::db::models::organisation::{self, Employer};
use crate::db::models::refresh_token::{self, RefreshToken};
use crate::db::models::user::{self, Membership, MembershipRecord, NewUser, User, UserChanges};
use crate::db::models::web_session::{self, WebSession};
use crate::domain::audit::AuditAction;
use crate::domain::ids::UserId;
use crate::domain::members::{self, Organisation};
use crate::domain::role::Role;
use crate::domain::validate::Check;
use crate::email::OutgoingEmail;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::i18n::Locale;
use crate::jobs::send_email;
use crate::services::{audit, Caller};
use crate::state::AppState;

/// The job that answers a password-reset request (see [`perform_password_reset`]).
pub const PASSWORD_RESET_JOB: &str = "password_reset";

/// A password hash no password matches: accounts invited by email have one until they choose
/// their own through the emailed single-use link.
const NO_PASSWORD: &str = "!invited";

/// An account as the services hand it to their callers.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub locale: String,
    pub email_verified: bool,
    pub disabled: bool,
    pub organisation: Option<Organisation>,
    pub membership_approved: bool,
    pub is_owner: bool,
}

impl Account {
    pub fn new(u: User, m: Option<&MembershipRecord>) -> Self {
        Self {
            id: u.id.into(),
            email: u.email,
            full_name: u.full_name,
            role: u.role,
            locale: u.locale,
            email_verified: u.email_verified_at.is_some(),
            disabled: u.disabled_at.is_some(),
            organisation: m.and_then(MembershipRecord::organisation),
            membership_approved: m.is_some_and(|m| m.link.approved_at.is_some()),
            is_owner: m.is_some_and(|m| m.is_owner),
        }
    }
}

/// What the audit trail keeps of an account: roles, ids and states, and only fingerprints of
/// the person's email and name.
#[derive(Debug, Serialize)]
pub struct AccountSnapshot {
    pub role: String,
    pub email_verified: bool,
    pub disabled: bool,
    pub employer_id: Option<Uuid>,
    pub agency_id: Option<Uuid>,
    pub centre_id: Option<Uuid>,
    pub membership_approved: bool,
    pub is_owner: bool,
    pub personal: BTreeMap<&'static str, String>,
}

impl AccountSnapshot {
    pub fn of(a: &Account, cipher: &DataCipher) -> Self {
        let (employer_id, agency_id, centre_id) = Organisation::columns(a.organisation);
        Self {
            role: a.role.clone(),
            email_verified: a.email_verified,
            disabled: a.disabled,
            employer_id,
            agency_id,
            centre_id,
            membership_approved: a.membership_approved,
            is_owner: a.is_owner,
            personal: audit::fingerprints(
                cipher,
                [
                    ("email", Some(a.email.as_str())),
                    ("full_name", Some(a.full_name.as_str())),
                ],
            ),
        }
    }
}

/// Records that an account was created (by a service, the demo seed or `create-admin`).
pub fn record_created(
    conn: &mut PgConnection,
    actor: &Actor,
    cipher: &DataCipher,
    id: Uuid,
) -> AppResult<Account> {
    let view = load_account(conn, id)?;
    audit::record(
        conn,
        actor,
        AuditAction::UserCreated,
        view.id,
        None,
        Some(&AccountSnapshot::of(&view, cipher)),
    )?;
    Ok(view)
}

pub(crate) fn load_account(conn: &mut PgConnection, id: Uuid) -> AppResult<Account> {
    let u = user::find(conn, id)?;
    let m = user::membership_record(conn, id)?;
    Ok(Account::new(u, m.as_ref()))
}

fn self_actor(account: &User) -> Actor {
    Actor {
        id: Some(account.id),
        role: Some(account.role.clone()),
        request_id: None,
    }
}

/// What an emailed link needs from the settings; carried in job payloads, so a job needs no
/// configuration of its own.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmailLinks {
    pub base_url: String,
    pub verify_ttl_hours: i64,
    pub reset_ttl_minutes: i64,
}

impl EmailLinks {
    pub fn from_settings(settings: &Settings) -> Self {
        Self {
            base_url: settings.application.base_url.clone(),
            verify_ttl_hours: settings.auth.verify_ttl_hours,
            reset_ttl_minutes: settings.auth.reset_ttl_minutes,
        }
    }
}

/// Creates a single-use email token of `purpose` and enqueues the email that carries it.
pub(crate) fn send_token_email(
    conn: &mut PgConnection,
    settings: &EmailLinks,
    account: &User,
    purpose: &str,
    template: &str,
    extra: &[(&str, String)],
) -> AppResult<()> {
    let (kind, ttl, ttl_arg, path) = if purpose == VERIFY_EMAIL || template == "invite" {
        let hours = settings.verify_ttl_hours;
        let kind = if purpose == VERIFY_EMAIL {
            TokenKind::VerifyEmail
        } else {
            TokenKind::ResetPassword
        };
        let path = if purpose == VERIFY_EMAIL {
            "verify-email"
        } else {
            "reset-password"
        };
        (
            kind,
            Duration::hours(hours),
            ("hours", hours.to_string()),
            path,
        )
    } else {
        let minutes = settings.reset_ttl_minutes;
        (
            TokenKind::ResetPassword,
            Duration::minutes(minutes),
            ("minutes", minutes.to_string()),
            "reset-password",
        )
    };
    email_token::invalidate_open(conn, account.id, purpose)?;
    let (token, digest) = tokens::generate(kind);
    let now = Utc::now();
    email_token::insert(
        conn,
        &EmailToken {
            id: Uuid::now_v7(),
            user_id: account.id,
            purpose: purpose.into(),
            token_hash: digest,
            created_at: now,
            expires_at: now + ttl,
            used_at: None,
        },
    )?;
    let link = format!("{}/{path}?token={token}", settings.base_url);
    let mut args = vec![("name", account.full_name.clone()), ("link", link), ttl_arg];
    args.extend(extra.iter().cloned());
    send_plain_email(conn, account, template, &args)
}

fn send_plain_email(
    conn: &mut PgConnection,
    account: &User,
    template: &str,
    args: &[(&str, String)],
) -> AppResult<()> {
    let locale = Locale::parse(&account.locale).unwrap_or(Locale::Ru);
    let email = OutgoingEmail::from_template(&account.email, locale, template, args);
    send_email::enqueue(conn, &email)?;
    Ok(())
}

/// The fields every self-registration has (API and browser alike): a valid address, a password
/// the policy accepts, a name of 1–200 characters.
pub fn check_registration(check: &mut Check, email: &str, password_given: &str, full_name: &str) {
    check.email("email", email);
    check.extend(password::check_policy(
        "password",
        password_given,
        Some(email),
    ));
    check.text("full_name", full_name, 1, 200);
}

/// A registration, validated by the caller.
pub struct Registration {
    pub email: String,
    pub password: String,
    pub full_name: String,
    pub role: Role,
    pub locale: Locale,
    /// Employers: the organisation to create, or to ask to join when its INN exists.
    pub employer: Option<Employer>,
}

/// Opens a migrant or employer account and emails a verification link — or, when the address
/// already has an account, emails its owner that someone tried. Either way the caller learns
/// nothing, the same password hashing runs and exactly one email job is enqueued.
#[tracing::instrument(skip_all, fields(role = r.role.as_str()))]
pub async fn register(state: &AppState, r: Registration) -> AppResult<()> {
    let settings = EmailLinks::from_settings(&state.settings);
    let cipher = state.cipher.clone();
    db::run(&state.pool, move |conn| {
        let password_hash = password::hash(&r.password).map_err(AppError::internal)?;
        conn.transaction(|conn| {
            if let Some(existing) = user::find_by_email(conn, &r.email)? {
                return send_plain_email(
                    conn,
                    &existing,
                    "register_taken",
                    &[("name", existing.full_name.clone())],
                );
            }
            let account = user::insert(
                conn,
                &NewUser {
                    id: Uuid::now_v7(),
                    email: &r.email,
                    password_hash: &password_hash,
                    role: r.role.as_str(),
                    full_name: &r.full_name,
                    locale: r.locale.as_str(),
                },
            )?;
            let actor = self_actor(&account);
            if let Some(input) = r.employer {
                let employer = match organisation::find_employer_by_inn(conn, &input.inn)? {
                    Some(existing) => existing,
                    None => {
                        let created = organisation::insert_employer(conn, &input)?;
                        audit::record(
                            conn,
                            &actor,
                            AuditAction::EmployerCreated,
                            created.id,
                            None,
                            Some(&created),
                        )?;
                        created
                    }
                };
                // Knowing a (public) INN proves nothing: an admin or the owner approves first.
                user::join(
                    conn,
                    account.id,
                    Organisation::Employer(employer.id.into()),
                    false,
                    false,
                )?;
            }
            let m = user::membership_record(conn, account.id)?;
            let view = Account::new(account.clone(), m.as_ref());
            audit::record(
                conn,
                &actor,
                AuditAction::UserRegistered,
                account.id,
                None,
                Some(&AccountSnapshot::of(&view, &cipher)),
            )?;
            send_token_email(conn, &settings, &account, VERIFY_EMAIL, "verify", &[])
        })
    })
    .await
}

/// A new session: a short-lived access token and a rotating refresh token.
#[derive(Debug)]
pub struct Tokens {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
    pub refresh_expires_in: i64,
}

fn issue_tokens(
    conn: &mut PgConnection,
    state: &AppState,
    user_id: Uuid,
    family_id: Uuid,
) -> AppResult<Tokens> {
    let (token, digest) = tokens::generate(TokenKind::Refresh);
    let now = Utc::now();
    let ttl = Duration::days(state.settings.auth.refresh_ttl_days);
    refresh_token::insert(
        conn,
        &RefreshToken {
            id: Uuid::now_v7(),
            user_id,
            family_id,
            token_hash: digest,
            created_at: now,
            expires_at: now + ttl,
            used_at: None,
            revoked_at: None,
        },
    )?;
    Ok(Tokens {
        access_token: state.jwt.issue(user_id)?,
        expires_in: state.jwt.ttl_seconds(),
        refresh_token: token,
        refresh_expires_in: ttl.num_seconds(),
    })
}

/// The account whose email and password these are. Unknown accounts verify against a dummy
/// hash: same answer, about the same time. The API's tokens and the browser's sessions both
/// sign in through here.
fn authenticate(conn: &mut PgConnection, email: &str, password_given: &str) -> AppResult<User> {
    let account = user::find_by_email(conn, email)?;
    let stored = account.as_ref().map(|a| a.password_hash.as_str());
    let ok = password::verify(stored, password_given);
    let account = match account {
        Some(a) if ok => a,
        _ => return Err(AppError::new(ErrorCode::InvalidCredentials)),
    };
    if account.disabled_at.is_some() {
        return Err(AppError::new(ErrorCode::AccountDisabled));
    }
    Ok(account)
}

/// Email and password for an API session (access and refresh tokens).
#[tracing::instrument(skip_all)]
pub async fn login(state: &AppState, email: String, password_given: String) -> AppResult<Tokens> {
    let state2 = state.clone();
    db::run(&state.pool, move |conn| {
        let account = authenticate(conn, &email, &password_given)?;
        conn.transaction(|conn| issue_tokens(conn, &state2, account.id, Uuid::now_v7()))
    })
    .await
}

/// Opens a browser session: the value for the session cookie (stored only as its digest).
fn open_web_session(
    conn: &mut PgConnection,
    settings: &Settings,
    user_id: Uuid,
) -> AppResult<String> {
    let (token, digest) = tokens::generate(TokenKind::WebSession);
    let now = Utc::now();
    web_session::insert(
        conn,
        &WebSession {
            id: Uuid::now_v7(),
            user_id,
            token_hash: digest,
            created_at: now,
            last_seen_at: now,
            expires_at: now + Duration::hours(settings.web.session_hours.max(1)),
            revoked_at: None,
        },
    )?;
    Ok(token)
}

/// Email and password for a browser session, checked exactly as for the API: the value of the
/// new session cookie.
#[tracing::instrument(skip_all)]
pub async fn sign_in_web(
    state: &AppState,
    email: String,
    password_given: String,
) -> AppResult<String> {
    let settings = state.settings.clone();
    db::run(&state.pool, move |conn| {
        let account = authenticate(conn, &email, &password_given)?;
        open_web_session(conn, &settings, account.id)
    })
    .await
}

/// A browser session that is still open, with its account and approved membership.
pub struct OpenWebSession {
    pub session: WebSession,
    pub account: User,
    pub membership: Option<Membership>,
}

/// The open session of this cookie digest, if any (and not of a disabled account); notes that
/// it was seen, at most once a minute.
pub async fn web_session(state: &AppState, digest: Vec<u8>) -> AppResult<Option<OpenWebSession>> {
    db::run(&state.pool, move |conn| {
        let now = Utc::now();
        let Some(session) = web_session::find_open(conn, &digest, now)? else {
            return Ok(None);
        };
        let account = user::find(conn, session.user_id)?;
        if account.disabled_at.is_some() {
            return Ok(None);
        }
        let membership = user::membership(conn, account.id)?.filter(|m| m.approved_at.is_some());
        if now - session.last_seen_at > Duration::seconds(60) {
            web_session::touch(conn, session.id, now)?;
        }
        Ok(Some(OpenWebSession {
            session,
            account,
            membership,
        }))
    })
    .await
}

/// Remembers the language a signed-in person chose on a page (their pages and emails use it).
pub async fn set_locale(state: &AppState, id: UserId, locale: Locale) -> AppResult<()> {
    let id = id.uuid();
    db::run(&state.pool, move |conn| {
        user::update(
            conn,
            id,
            UserChanges {
                locale: Some(locale.as_str().to_owned()),
                ..Default::default()
            },
        )?;
        Ok(())
    })
    .await
}

/// Ends the browser session of this cookie digest at once. Idempotent.
#[tracing::instrument(skip_all)]
pub async fn sign_out_web(state: &AppState, digest: Vec<u8>) -> AppResult<()> {
    db::run(&state.pool, move |conn| {
        web_session::revoke_by_hash(conn, &digest)?;
        Ok(())
    })
    .await
}

/// Changes the caller's password after checking the current one: every browser session and API
/// refresh token of the account ends, and this browser gets a new session (the new cookie value).
#[tracing::instrument(skip_all)]
pub async fn change_password(
    state: &AppState,
    caller: &Caller,
    current: String,
    new_password: String,
) -> AppResult<String> {
    let id = caller.principal.user.uuid();
    let settings = state.settings.clone();
    db::run(&state.pool, move |conn| {
        let account = user::find(conn, id)?;
        let mut check = Check::new();
        if current.is_empty() {
            check.push(crate::error::FieldError::new(
                "current_password",
                "required",
            ));
        } else if !password::verify(Some(&account.password_hash), &current) {
            check.push(crate::error::FieldError::new(
                "current_password",
                "wrong_password",
            ));
        }
        check.extend(password::check_policy(
            "new_password",
            &new_password,
            Some(&account.email),
        ));
        if !check.has("new_password") && current == new_password {
            check.push(crate::error::FieldError::new(
                "new_password",
                "same_password",
            ));
        }
        check.finish()?;
        let hash = password::hash(&new_password).map_err(AppError::internal)?;
        conn.transaction(|conn| {
            user::update(
                conn,
                id,
                UserChanges {
                    password_hash: Some(hash),
                    ..Default::default()
                },
            )?;
            refresh_token::revoke_all_for_user(conn, id)?;
            web_session::revoke_all_for_user(conn, id)?;
            audit::record::<()>(
                conn,
                &self_actor(&account),
                AuditAction::UserPasswordChanged,
                id,
                None,
                None,
            )?;
            open_web_session(conn, &settings, id)
        })
    })
    .await
}

/// Rotates a refresh token. Presenting one that was already used revokes its whole family.
#[tracing::instrument(skip_all)]
pub async fn refresh(state: &AppState, digest: Vec<u8>) -> AppResult<Tokens> {
    let state2 = state.clone();
    // The reuse branch must commit its revocation, so the error travels inside Ok.
    db::transaction(&state.pool, move |conn| {
        let Some(current) = refresh_token::find_by_hash_for_update(conn, &digest)? else {
            return Ok(Err(AppError::new(ErrorCode::InvalidToken)));
        };
        if current.used_at.is_some() {
            let revoked = refresh_token::revoke_family(conn, current.family_id)?;
            tracing::warn!(user_id = %current.user_id, revoked, "refresh token reuse: family revoked");
            return Ok(Err(AppError::new(ErrorCode::RefreshTokenReused)));
        }
        if current.revoked_at.is_some() || current.expires_at <= Utc::now() {
            return Ok(Err(AppError::new(ErrorCode::InvalidToken)));
        }
        let account = user::find(conn, current.user_id)?;
        if account.disabled_at.is_some() {
            return Ok(Err(AppError::new(ErrorCode::AccountDisabled)));
        }
        refresh_token::mark_used(conn, current.id)?;
        Ok(Ok(issue_tokens(
            conn,
            &state2,
            current.user_id,
            current.family_id,
        )?))
    })
    .await?
}

/// Ends the session of this refresh token (its whole family). Idempotent.
#[tracing::instrument(skip_all)]
pub async fn logout(state: &AppState, digest: Vec<u8>) -> AppResult<()> {
    db::transaction(&state.pool, move |conn| {
        if let Some(t) = refresh_token::find_by_hash_for_update(conn, &digest)? {
            refresh_token::revoke_family(conn, t.family_id)?;
        }
        Ok(())
    })
    .await
}

/// Confirms an address with the token from the verification email.
#[tracing::instrument(skip_all)]
pub async fn verify_email(state: &AppState, digest: Vec<u8>) -> AppResult<()> {
    db::transaction(&state.pool, move |conn| {
        let token = email_token::consume(conn, VERIFY_EMAIL, &digest)?
            .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
        let account = user::update(
            conn,
            token.user_id,
            UserChanges {
                email_verified_at: Some(Some(Utc::now())),
                ..Default::default()
            },
        )?;
        audit::record(
            conn,
            &self_actor(&account),
            AuditAction::UserEmailVerified,
            account.id,
            None,
            Some(&serde_json::json!({"email_verified": true})),
        )
    })
    .await
}

/// Sends the caller a new verification email.
#[tracing::instrument(skip_all)]
pub async fn resend_verification(state: &AppState, caller: &Caller) -> AppResult<()> {
    let settings = EmailLinks::from_settings(&state.settings);
    let id = caller.principal.user.uuid();
    db::transaction(&state.pool, move |conn| {
        let account = user::find(conn, id)?;
        if account.email_verified_at.is_some() {
            return Err(AppError::new(ErrorCode::Conflict).detail("email already verified"));
        }
        send_token_email(conn, &settings, &account, VERIFY_EMAIL, "verify", &[])
    })
    .await
}

#[derive(Debug, Serialize, Deserialize)]
struct ResetRequest {
    email: String,
    links: EmailLinks,
}

/// Answers a reset request by enqueueing one job and nothing else, whether or not the address
/// has an account: the request costs the same either way.
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(state: &AppState, email: String) -> AppResult<()> {
    let links = EmailLinks::from_settings(&state.settings);
    db::run(&state.pool, move |conn| {
        let payload = serde_json::to_value(ResetRequest { email, links })
            .map_err(|e| AppError::internal(anyhow::anyhow!("reset payload: {e}")))?;
        job::enqueue(conn, PASSWORD_RESET_JOB, payload)?;
        Ok(())
    })
    .await
}

/// The reset job: emails a single-use link if the address has an active account; otherwise
/// nothing. Runs in the job runner's transaction (its own savepoint).
pub fn perform_password_reset(
    conn: &mut PgConnection,
    payload: &serde_json::Value,
) -> anyhow::Result<()> {
    let request: ResetRequest = serde_json::from_value(payload.clone())?;
    conn.transaction(|conn| {
        if let Some(account) = user::find_by_email(conn, &request.email)? {
            if account.disabled_at.is_none() {
                send_token_email(conn, &request.links, &account, RESET_PASSWORD, "reset", &[])?;
            }
        }
        Ok::<_, AppError>(())
    })
    .map_err(|e| anyhow::anyhow!("password reset job: {:?}", e.code))
}

/// Sets a new password with the emailed token; every session of the account ends.
#[tracing::instrument(skip_all)]
pub async fn confirm_password_reset(
    state: &AppState,
    digest: Vec<u8>,
    new_password: String,
) -> AppResult<()> {
    db::run(&state.pool, move |conn| {
        let hash = password::hash(&new_password).map_err(AppError::internal)?;
        conn.transaction(|conn| {
            let token = email_token::consume(conn, RESET_PASSWORD, &digest)?
                .ok_or_else(|| AppError::new(ErrorCode::InvalidToken))?;
            let account = user::update(
                conn,
                token.user_id,
                UserChanges {
                    password_hash: Some(hash),
                    // Receiving the emailed link proves the address.
                    email_verified_at: Some(Some(Utc::now())),
                    ..Default::default()
                },
            )?;
            refresh_token::revoke_all_for_user(conn, account.id)?;
            web_session::revoke_all_for_user(conn, account.id)?;
            audit::record::<()>(
                conn,
                &self_actor(&account),
                AuditAction::UserPasswordReset,
                account.id,
                None,
                None,
            )
        })
    })
    .await
}

/// A new account made by someone else (an admin, or an organisation's owner).
pub struct NewStaff {
    pub email: String,
    /// `None`: the person is invited by email and chooses their own password.
    pub password: Option<String>,
    pub full_name: String,
    pub role: Role,
    pub locale: Locale,
}

/// Inserts the account (refusing a taken address) inside the caller's transaction.
pub(crate) fn insert_staff(
    conn: &mut PgConnection,
    staff: &NewStaff,
    password_hash: Option<&str>,
) -> AppResult<User> {
    if user::find_by_email(conn, &staff.email)?.is_some() {
        return Err(AppError::new(ErrorCode::EmailTaken));
    }
    Ok(user::insert(
        conn,
        &NewUser {
            id: Uuid::now_v7(),
            email: &staff.email,
            password_hash: password_hash.unwrap_or(NO_PASSWORD),
            role: staff.role.as_str(),
            full_name: &staff.full_name,
            locale: staff.locale.as_str(),
        },
    )?)
}

/// An admin creates a staff account with a password: ministry or admin, or a (non-owner)
/// member of an agency or centre. Owners invite through `services::organisations::add_member`.
#[tracing::instrument(skip_all, fields(role = staff.role.as_str()))]
pub async fn create_user(
    state: &AppState,
    caller: &Caller,
    staff: NewStaff,
    organisation: Option<Organisation>,
) -> AppResult<Account> {
    if caller.principal.role != Role::Admin {
        return Err(AppError::forbidden().detail("only an admin creates staff accounts"));
    }
    if organisation
        .map(Organisation::staff_role)
        .unwrap_or(staff.role)
        != staff.role
        || staff.role.needs_organisation() != organisation.is_some()
        || staff.role == Role::Migrant
    {
        return Err(AppError::field("role", "unknown_value"));
    }
    let (actor, cipher) = (caller.actor(), state.cipher.clone());
    db::run(&state.pool, move |conn| {
        let hash = staff
            .password
            .as_deref()
            .map(password::hash)
            .transpose()
            .map_err(AppError::internal)?;
        conn.transaction(|conn| {
            let account = insert_staff(conn, &staff, hash.as_deref())?;
            if let Some(org) = organisation {
                let field = match org {
                    Organisation::Agency(_) => "agency_id",
                    Organisation::Centre(_) => "centre_id",
                    Organisation::Employer(_) => "employer_id",
                };
                crate::services::organisations::name_of(conn, org)
                    .map_err(|_| AppError::field(field, "unknown_value"))?;
                user::join(conn, account.id, org, true, false)?;
            }
            record_created(conn, &actor, &cipher, account.id)
        })
    })
    .await
}

/// The newest `limit` accounts with their roles and organisations: admins only.
pub async fn list_users(state: &AppState, caller: &Caller, limit: i64) -> AppResult<Vec<Account>> {
    if caller.principal.role != Role::Admin {
        return Err(AppError::forbidden().detail("only an admin lists accounts"));
    }
    db::run(&state.pool, move |conn| {
        Ok(user::list_with_memberships(conn, limit)?
            .into_iter()
            .map(|(u, m)| Account::new(u, m.as_ref()))
            .collect())
    })
    .await
}

/// One account as the admin pages show it (404 when there is none).
pub async fn get_user(state: &AppState, caller: &Caller, id: Uuid) -> AppResult<Account> {
    if caller.principal.role != Role::Admin {
        return Err(AppError::forbidden().detail("only an admin reads accounts"));
    }
    db::run(&state.pool, move |conn| {
        let u = diesel::OptionalExtension::optional(user::find(conn, id))?
            .ok_or_else(AppError::not_found)?;
        let m = user::membership_record(conn, id)?;
        Ok(Account::new(u, m.as_ref()))
    })
    .await
}

/// What an admin may change on an account.
#[derive(Debug, Default)]
pub struct AccountChanges {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
    pub approve_membership: bool,
}

/// Changes a role, disables or re-enables an account, or approves a membership (making the
/// account its employer's owner when the employer has none yet).
#[tracing::instrument(skip_all, fields(target = %id))]
pub async fn update_user(
    state: &AppState,
    caller: &Caller,
    id: UserId,
    changes: AccountChanges,
) -> AppResult<Account> {
    if id == caller.principal.user && (changes.role.is_some() || changes.disabled == Some(true)) {
        return Err(AppError::validation(vec![crate::error::FieldError::new(
            "id",
            "unknown_value",
        )
        .with("allowed", "another account")]));
    }
    let (actor, cipher) = (caller.actor(), state.cipher.clone());
    db::transaction(&state.pool, move |conn| {
        let id = id.uuid();
        let before = load_account(conn, id)?;
        let mut update = UserChanges::default();
        if let Some(role) = changes.role {
            if role.needs_organisation() && before.organisation.is_none() {
                return Err(AppError::field("role", "invalid_role"));
            }
            update.role = Some(role.as_str().to_owned());
        }
        if let Some(disabled) = changes.disabled {
            update.disabled_at = Some(disabled.then(Utc::now));
            if disabled {
                refresh_token::revoke_all_for_user(conn, id)?;
                web_session::revoke_all_for_user(conn, id)?;
            }
        }
        user::update(conn, id, update)?;
        if changes.approve_membership {
            approve(conn, id)?;
        }
        let after = load_account(conn, id)?;
        let action = if after.role != before.role {
            AuditAction::UserRoleChanged
        } else {
            AuditAction::UserUpdated
        };
        audit::record(
            conn,
            &actor,
            action,
            id,
            Some(&AccountSnapshot::of(&before, &cipher)),
            Some(&AccountSnapshot::of(&after, &cipher)),
        )?;
        Ok(after)
    })
    .await
}

/// Approves a pending membership; the first approved employer member becomes its owner.
pub(crate) fn approve(conn: &mut PgConnection, user_id: Uuid) -> AppResult<()> {
    let Some(m) = user::membership_record(conn, user_id)? else {
        return Err(AppError::not_found());
    };
    user::approve_membership(conn, user_id)?;
    if let Some(org) = m.organisation() {
        if members::becomes_owner_on_approval(org, user::has_owner(conn, org)?) {
            user::make_owner(conn, user_id)?;
        }
    }
    Ok(())
}

/// The caller's own candidate profile, for migrants (`GET /me`).
pub async fn own_profile(state: &AppState, caller: &Caller) -> AppResult<Option<Uuid>> {
    if caller.principal.role != Role::Migrant {
        return Ok(None);
    }
    let id = caller.principal.user.uuid();
    db::run(&state.pool, move |conn| {
        Ok(crate::db::models::candidate::find_by_user(conn, id)?.map(|p| p.id))
    })
    .await
}
