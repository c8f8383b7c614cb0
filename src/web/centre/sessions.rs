//! `GET /centre/sessions` (the centre's orientation sessions), `GET/POST /centre/sessions/new`
//! (schedule one, as `POST /centres/{id}/sessions`), `GET /centre/sessions/{id}` (its bookings),
//! `POST /centre/sessions/{id}/bookings` (book a seat for a person the centre represents, as
//! `POST /sessions/{id}/bookings`) and `POST /centre/sessions/{id}/attendance` (who came, as
//! `POST /sessions/{id}/attendance`).

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::{Duration, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{clerk, local_time, parse_local, path_id, show_errors};
use crate::domain::ids::CentreId;
use crate::domain::session::{
    seats_left, NewSession, LANGUAGES, MAX_CAPACITY, MAX_DURATION, MIN_CAPACITY, MIN_DURATION,
    TOPICS,
};
use crate::error::{AppError, ErrorCode, FieldError};
use crate::i18n::Locale;
use crate::services::{candidates, centres, Caller};
use crate::state::AppState;
use crate::web::form::{validation, Choice, Control, FormPage};
use crate::web::layout::{native_name, render, see_other, FormError, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

/// The topic names (`web-centre-topic-<topic>`).
pub const TOPIC_IDS: [&str; 4] = [
    "web-centre-topic-labour_rights",
    "web-centre-topic-registration_and_patents",
    "web-centre-topic-risks_and_fraud",
    "web-centre-topic-hotlines",
];

/// How far back the list of sessions reaches (attendance is recorded after a session).
const LIST_DAYS_BACK: i64 = 60;
/// People the centre works with, as offered for booking and named in the lists.
pub const PEOPLE_LIMIT: i64 = 200;

fn topic_name(page: &Page, topic: &str) -> String {
    page.t(&format!("web-centre-topic-{topic}"))
}

fn language_name(code: &str) -> String {
    Locale::parse(code)
        .map(native_name)
        .unwrap_or(code)
        .to_owned()
}

/// The centre the clerk works for (an unapproved clerk has none: 403).
fn own_centre(user: &WebUser) -> Result<CentreId, WebError> {
    user.auth
        .centre_id
        .map(CentreId::from)
        .ok_or_else(WebError::forbidden)
}

pub struct SessionRow {
    pub href: String,
    pub starts: String,
    pub language: String,
    pub topics: String,
    pub seats: String,
    pub full: bool,
}

#[derive(Template)]
#[template(path = "centre/sessions.html")]
struct SessionList {
    page: Page,
    rows: Vec<SessionRow>,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    clerk(&user)?;
    let centre = own_centre(&user)?;
    let from = Utc::now() - Duration::days(LIST_DAYS_BACK);
    let sessions = centres::list_sessions(&state, centre, Some(from)).await?;
    let page = Page::new(&req, "web-centre-sessions-title");
    let rows = sessions
        .into_iter()
        .map(|s| SessionRow {
            href: format!("/centre/sessions/{}", s.id),
            starts: local_time(s.starts_at),
            language: language_name(&s.language),
            topics: s
                .topics
                .iter()
                .map(|t| topic_name(&page, t))
                .collect::<Vec<_>>()
                .join(", "),
            seats: page.t1(
                "web-centre-seats",
                "taken",
                format!("{} / {}", s.booked, s.capacity),
            ),
            full: seats_left(s.capacity, s.booked) == 0,
        })
        .collect();
    render(StatusCode::OK, &SessionList { page, rows })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SessionForm {
    starts_at: String,
    duration_minutes: String,
    place: String,
    language: String,
    capacity: String,
    topics: Vec<String>,
    note: String,
}

fn session_form(req: &HttpRequest, f: &SessionForm) -> FormPage {
    let page = Page::new(req, "web-centre-session-new-title");
    let languages = LANGUAGES
        .iter()
        .map(|l| Choice::new(*l, language_name(l), f.language == *l))
        .collect();
    let topics = TOPICS
        .iter()
        .map(|t| Choice::new(*t, topic_name(&page, t), f.topics.iter().any(|x| x == t)))
        .collect();
    FormPage::new(
        page,
        "/centre/sessions/new",
        "web-centre-session-new-button",
    )
    .field(
        "starts_at",
        "web-centre-field-starts-at",
        Some("web-centre-field-starts-at-hint"),
        "datetime-local",
        "off",
        &f.starts_at,
    )
    .field(
        "duration_minutes",
        "web-centre-field-duration",
        Some("web-centre-field-duration-hint"),
        "number",
        "off",
        &f.duration_minutes,
    )
    .field(
        "place",
        "web-centre-field-place",
        Some("web-centre-field-place-hint"),
        "text",
        "off",
        &f.place,
    )
    .control(
        "language",
        "web-centre-field-language",
        None,
        Control::Select(languages),
        "",
    )
    .field(
        "capacity",
        "web-centre-field-capacity",
        None,
        "number",
        "off",
        &f.capacity,
    )
    .control(
        "topics",
        "web-centre-field-topics",
        None,
        Control::Checkboxes(topics),
        "",
    )
    .textarea(
        "note",
        "web-centre-field-note",
        Some("web-centre-field-note-hint"),
        &f.note,
    )
    .link("/centre/sessions", "web-centre-back-to-sessions")
}

pub async fn new(req: HttpRequest, user: WebUser) -> Result<HttpResponse, WebError> {
    clerk(&user)?;
    own_centre(&user)?;
    let f = SessionForm {
        duration_minutes: "120".into(),
        capacity: "30".into(),
        language: "ky".into(),
        ..SessionForm::default()
    };
    session_form(&req, &f).respond(StatusCode::OK)
}

/// A whole number typed in a field, or an `out_of_range` error naming the bounds.
fn number(
    field: &str,
    raw: &str,
    bounds: (i64, i64),
    fallback: i32,
    errors: &mut Vec<FieldError>,
) -> i32 {
    match raw.trim().parse::<i32>() {
        Ok(n) => n,
        Err(_) => {
            errors.push(
                FieldError::new(field, "out_of_range")
                    .with("min", bounds.0)
                    .with("max", bounds.1),
            );
            fallback
        }
    }
}

/// The typed form as the API's body; what does not parse is a field error (the rest is checked
/// by the same rules as the API's).
fn read_session(f: &SessionForm) -> Result<NewSession, Vec<FieldError>> {
    let mut errors = Vec::new();
    let starts_at = if f.starts_at.trim().is_empty() {
        errors.push(FieldError::new("starts_at", "required"));
        None
    } else {
        let t = parse_local(&f.starts_at);
        if t.is_none() {
            errors.push(super::bad_date("starts_at"));
        }
        t
    };
    let input = NewSession {
        starts_at: starts_at.unwrap_or_else(|| Utc::now() + Duration::days(1)),
        duration_minutes: number(
            "duration_minutes",
            &f.duration_minutes,
            (MIN_DURATION, MAX_DURATION),
            120,
            &mut errors,
        ),
        place: f.place.clone(),
        language: f.language.trim().to_owned(),
        capacity: number(
            "capacity",
            &f.capacity,
            (MIN_CAPACITY, MAX_CAPACITY),
            1,
            &mut errors,
        ),
        topics: f.topics.clone(),
        note: f.note.clone(),
    };
    if errors.is_empty() {
        return Ok(input);
    }
    // Every problem at once: the rules' verdict on what did parse, with the parse errors.
    let typed: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
    if let Err(more) = input.check(Utc::now()) {
        errors.extend(more.into_iter().filter(|e| !typed.contains(&e.field)));
    }
    Err(errors)
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    CsrfForm(f): CsrfForm<SessionForm>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let centre = own_centre(&user)?;
    let input = match read_session(&f) {
        Ok(input) => input,
        Err(errors) => {
            return show_errors(session_form(&req, &f), &errors)
                .respond(StatusCode::UNPROCESSABLE_ENTITY)
        }
    };
    match centres::create_session(&state, &caller, centre, input).await {
        Ok(s) => Ok(see_other(&format!("/centre/sessions/{}", s.id))),
        Err(e) => show_errors(session_form(&req, &f), &validation(e)?)
            .respond(StatusCode::UNPROCESSABLE_ENTITY),
    }
}

/// One booking on the session page.
pub struct BookingRow {
    pub candidate_id: String,
    pub name: String,
    pub booked_at: String,
    pub status: String,
    pub tag: &'static str,
    /// Not cancelled: may be marked as attended.
    pub active: bool,
    pub attended: bool,
}

pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "centre/session.html")]
struct SessionPage {
    page: Page,
    id: String,
    facts: Vec<Fact>,
    full: bool,
    started: bool,
    bookings: Vec<BookingRow>,
    bookable: Vec<Choice>,
    errors: Vec<FormError>,
    /// A refusal of the service, in the page's language.
    refusal: Option<String>,
}

/// What went wrong with a form on the session page.
#[derive(Default)]
struct Problem {
    fields: Vec<FieldError>,
    refusal: Option<&'static str>,
    chosen: Option<String>,
}

/// The names of the people the centre works with, by profile id.
pub async fn people(
    state: &AppState,
    caller: &Caller,
) -> Result<Vec<candidates::ProfileView>, WebError> {
    Ok(candidates::list_candidates(state, caller, None, PEOPLE_LIMIT).await?)
}

pub fn full_name(v: &candidates::ProfileView) -> String {
    format!("{} {}", v.profile.first_name, v.profile.last_name)
}

async fn session_page(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    status: StatusCode,
    problem: Problem,
) -> Result<HttpResponse, WebError> {
    let session = centres::get_session(state, caller, id).await?;
    let bookings = centres::list_bookings(state, caller, id).await?;
    let people = people(state, caller).await?;
    let names: HashMap<Uuid, String> = people
        .iter()
        .map(|p| (p.profile.id, full_name(p)))
        .collect();
    let page = Page::new(req, "web-centre-session-title");
    let started = session.starts_at <= Utc::now();
    let left = seats_left(session.capacity, session.booked);
    let facts = vec![
        Fact {
            label: page.t("web-centre-field-starts-at"),
            value: local_time(session.starts_at),
        },
        Fact {
            label: page.t("web-centre-field-duration"),
            value: page.t1(
                "web-centre-minutes",
                "minutes",
                i64::from(session.duration_minutes),
            ),
        },
        Fact {
            label: page.t("web-centre-field-place"),
            value: session.place.clone(),
        },
        Fact {
            label: page.t("web-centre-field-language"),
            value: language_name(&session.language),
        },
        Fact {
            label: page.t("web-centre-field-topics"),
            value: session
                .topics
                .iter()
                .map(|t| topic_name(&page, t))
                .collect::<Vec<_>>()
                .join(", "),
        },
        Fact {
            label: page.t("web-centre-seats-label"),
            value: page.t1(
                "web-centre-seats",
                "taken",
                format!("{} / {}", session.booked, session.capacity),
            ),
        },
    ];
    let booked: Vec<Uuid> = bookings
        .iter()
        .filter(|b| b.cancelled_at.is_none())
        .map(|b| b.candidate_id)
        .collect();
    let rows = bookings
        .iter()
        .map(|b| {
            let (status, tag) = if b.cancelled_at.is_some() {
                ("web-centre-booking-cancelled", "tag--grey")
            } else if b.attended_at.is_some() {
                ("web-centre-booking-attended", "tag--green")
            } else {
                ("web-centre-booking-booked", "")
            };
            BookingRow {
                candidate_id: b.candidate_id.to_string(),
                name: names
                    .get(&b.candidate_id)
                    .cloned()
                    .unwrap_or_else(|| page.t("web-centre-person-not-represented")),
                booked_at: local_time(b.booked_at),
                status: page.t(status),
                tag,
                active: b.cancelled_at.is_none(),
                attended: b.attended_at.is_some(),
            }
        })
        .collect();
    let mut bookable: Vec<Choice> = people
        .iter()
        .filter(|p| !booked.contains(&p.profile.id))
        .map(|p| {
            let id = p.profile.id.to_string();
            let selected = problem.chosen.as_deref() == Some(id.as_str());
            Choice::new(id, full_name(p), selected)
        })
        .collect();
    bookable.sort_by(|a, b| a.label.cmp(&b.label));
    let errors = super::errors_of(page.locale, &problem.fields);
    let refusal = problem.refusal.map(|id| page.t(id));
    let mut page = page;
    page.has_errors = !errors.is_empty() || refusal.is_some();
    render(
        status,
        &SessionPage {
            page,
            id: id.to_string(),
            facts,
            full: left == 0,
            started,
            bookings: rows,
            bookable,
            errors,
            refusal,
        },
    )
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    session_page(
        &req,
        &state,
        &caller,
        id,
        StatusCode::OK,
        Problem::default(),
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BookingForm {
    candidate_id: String,
}

/// The message for a refusal of the session's rules, and its status.
fn refusal_of(e: &AppError) -> Option<(&'static str, StatusCode)> {
    match e.code {
        ErrorCode::SessionFull => Some(("web-centre-refused-full", StatusCode::CONFLICT)),
        ErrorCode::SessionStarted => Some(("web-centre-refused-started", StatusCode::CONFLICT)),
        ErrorCode::SessionNotStarted => {
            Some(("web-centre-refused-not-started", StatusCode::CONFLICT))
        }
        ErrorCode::Conflict => Some(("web-centre-refused-booked", StatusCode::CONFLICT)),
        _ => None,
    }
}

async fn refused(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    e: AppError,
    chosen: Option<String>,
) -> Result<HttpResponse, WebError> {
    if let Some((message, status)) = refusal_of(&e) {
        let problem = Problem {
            refusal: Some(message),
            chosen,
            ..Problem::default()
        };
        return session_page(req, state, caller, id, status, problem).await;
    }
    let fields = validation(e)?;
    let problem = Problem {
        fields,
        chosen,
        ..Problem::default()
    };
    session_page(
        req,
        state,
        caller,
        id,
        StatusCode::UNPROCESSABLE_ENTITY,
        problem,
    )
    .await
}

pub async fn book(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<BookingForm>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    let candidate = match f.candidate_id.trim() {
        "" => None,
        raw => Some(path_id(raw)?.into()),
    };
    match centres::book(&state, &caller, id, candidate).await {
        Ok(_) => Ok(see_other(&format!("/centre/sessions/{id}"))),
        Err(e) => refused(&req, &state, &caller, id, e, Some(f.candidate_id)).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AttendanceForm {
    candidate_ids: Vec<String>,
}

pub async fn attendance(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<AttendanceForm>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    let mut ids = Vec::new();
    for raw in &f.candidate_ids {
        ids.push(path_id(raw)?);
    }
    match centres::record_attendance(&state, &caller, id, ids).await {
        Ok(_) => Ok(see_other(&format!("/centre/sessions/{id}"))),
        Err(e) => refused(&req, &state, &caller, id, e, None).await,
    }
}
