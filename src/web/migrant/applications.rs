//! The migrant's applications: applying from the vacancy page (`POST /migrant/applications`),
//! their list, and one application with its timeline and the steps they may take now — all
//! through `services::placements`, as the API's `/placements`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{migrant, own_profile, parse_id, when, Row};
use crate::db::models::placement::{Placement, PlacementFilter};
use crate::domain::placement::PlacementState;
use crate::error::ErrorCode;
use crate::services::placements::{self, NewPlacement, StepDetails};
use crate::services::{contracts, vacancies};
use crate::state::AppState;
use crate::web::form::{validation, MessagePage};
use crate::web::layout::{form_errors, render, see_other, FormError, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

/// What a vacancy is called and who offers it, as far as the migrant can still read it: the
/// public vacancy, else the contract written for this application.
pub(crate) struct Named {
    pub title: String,
    pub employer: String,
    /// Still public: its page can be linked.
    pub public: bool,
}

pub(crate) async fn named(
    state: &AppState,
    user: &WebUser,
    p: &Placement,
) -> Result<Named, WebError> {
    let viewer = user.auth.principal;
    match vacancies::vacancy_with_employer(state, Some(&viewer), p.vacancy_id.into()).await {
        Ok((v, employer)) => {
            return Ok(Named {
                title: v.title,
                employer: employer.name,
                public: true,
            })
        }
        Err(e) if e.code == ErrorCode::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    let view = contracts::contract_versions(state, &user.auth.caller(), p.id.into()).await?;
    Ok(match view.versions.first() {
        Some(c) => Named {
            title: c.row.vacancy_title.clone(),
            employer: c.row.employer_name.clone(),
            public: false,
        },
        None => Named {
            title: "—".into(),
            employer: "—".into(),
            public: false,
        },
    })
}

/// A state's name in the page's language.
pub(crate) fn state_name(page: &Page, state: PlacementState) -> String {
    placements::state_label(page.locale, state)
}

/// The tag colour of a state.
fn tag(state: PlacementState) -> &'static str {
    match state {
        PlacementState::Rejected | PlacementState::Withdrawn | PlacementState::Terminated => {
            "tag tag--grey"
        }
        PlacementState::Approved
        | PlacementState::Departed
        | PlacementState::Arrived
        | PlacementState::Employed
        | PlacementState::Completed => "tag tag--green",
        _ => "tag",
    }
}

pub struct Item {
    pub href: String,
    pub title: String,
    pub employer: String,
    pub state: String,
    pub tag: &'static str,
    pub since: String,
}

#[derive(Template)]
#[template(path = "migrant/applications.html")]
struct ListPage {
    page: Page,
    items: Vec<Item>,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let page = Page::new(&req, "web-migrant-applications-title");
    let rows = placements::list_placements(
        &state,
        &user.auth.caller(),
        PlacementFilter::default(),
        None,
        100,
    )
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for p in rows {
        let n = named(&state, &user, &p).await?;
        items.push(Item {
            href: format!("/migrant/applications/{}", p.id),
            title: n.title,
            employer: n.employer,
            state: state_name(&page, p.state()),
            tag: tag(p.state()),
            since: p.updated_at.date_naive().to_string(),
        });
    }
    render(StatusCode::OK, &ListPage { page, items })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ApplyForm {
    vacancy_id: String,
}

/// A refusal to apply, on a page of its own that says what to do.
fn refused(
    req: &HttpRequest,
    title: &str,
    body: &str,
    link: (&str, &str),
    back: &str,
) -> Result<HttpResponse, WebError> {
    let page = Page::new(req, title);
    let text = page.t(body);
    MessagePage::new(page)
        .paragraph(text)
        .link(link.0, link.1)
        .link(back, "web-migrant-apply-back")
        .respond(StatusCode::CONFLICT)
}

/// Applies to a vacancy with the migrant's own profile (`POST /placements` as a migrant).
pub async fn apply(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    CsrfForm(f): CsrfForm<ApplyForm>,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let Ok(vacancy) = f.vacancy_id.trim().parse::<uuid::Uuid>() else {
        return refused(
            &req,
            "web-migrant-apply-closed-title",
            "web-migrant-apply-closed-body",
            ("/search", "web-migrant-apply-search"),
            "/search",
        );
    };
    let back = format!("/vacancies/{vacancy}");
    let caller = user.auth.caller();
    let input = NewPlacement {
        vacancy: vacancy.into(),
        candidate: None,
    };
    match placements::create_placement(&state, &caller, input).await {
        Ok(view) => Ok(see_other(&format!(
            "/migrant/applications/{}",
            view.placement.id
        ))),
        Err(e) if e.code == ErrorCode::AlreadyOpen => {
            let filter = PlacementFilter {
                vacancy_id: Some(vacancy),
                ..PlacementFilter::default()
            };
            let open = placements::list_placements(&state, &caller, filter, None, 10)
                .await?
                .into_iter()
                .find(|p| p.state().is_open());
            let href = open
                .map(|p| format!("/migrant/applications/{}", p.id))
                .unwrap_or_else(|| "/migrant/applications".into());
            refused(
                &req,
                "web-migrant-apply-already-title",
                "web-migrant-apply-already-body",
                (&href, "web-migrant-apply-see-application"),
                &back,
            )
        }
        Err(e) if e.code == ErrorCode::Conflict => {
            if own_profile(&state, &user).await?.is_none() {
                refused(
                    &req,
                    "web-migrant-apply-no-profile-title",
                    "web-migrant-apply-no-profile-body",
                    ("/migrant/profile/edit", "web-migrant-profile-create"),
                    &back,
                )
            } else {
                refused(
                    &req,
                    "web-migrant-apply-not-for-you-title",
                    "web-migrant-apply-not-for-you-body",
                    ("/search", "web-migrant-apply-search"),
                    &back,
                )
            }
        }
        Err(e) if e.code == ErrorCode::NotFound => refused(
            &req,
            "web-migrant-apply-closed-title",
            "web-migrant-apply-closed-body",
            ("/search", "web-migrant-apply-search"),
            &back,
        ),
        Err(e) => Err(e.into()),
    }
}

/// One step the migrant may take, as its own form.
pub struct Action {
    pub to: &'static str,
    pub button: String,
    pub hint: String,
    /// The reason field: none, optional or required.
    pub reason_label: Option<String>,
    pub warning: bool,
    /// The reason input's id, its error and what was typed.
    pub field_id: String,
    pub error: Option<String>,
    pub typed: String,
}

pub struct Event {
    pub at: String,
    pub state: String,
    pub by: String,
    pub reason: Option<String>,
}

#[derive(Template)]
#[template(path = "migrant/application.html")]
struct ShowPage {
    page: Page,
    id: String,
    rows: Vec<Row>,
    vacancy_href: Option<String>,
    contract_note: Option<String>,
    events: Vec<Event>,
    actions: Vec<Action>,
    errors: Vec<FormError>,
}

/// Who took a step, as people read it.
fn actor_name(page: &Page, role: &str) -> String {
    match role {
        "migrant" => page.t("web-migrant-actor-you"),
        "employer" => page.t("web-role-employer"),
        "agency" => page.t("web-role-agency"),
        "centre" => page.t("web-role-centre"),
        "ministry" => page.t("web-role-ministry"),
        "admin" => page.t("web-role-admin"),
        _ => page.t("web-migrant-actor-system"),
    }
}

fn action(page: &Page, to: PlacementState) -> Option<Action> {
    match to {
        PlacementState::Withdrawn => Some(Action {
            to: "withdrawn",
            button: page.t("web-migrant-step-withdraw"),
            hint: page.t("web-migrant-step-withdraw-hint"),
            reason_label: Some(page.t("web-migrant-step-reason-optional")),
            warning: true,
            field_id: "reason-withdrawn".into(),
            error: None,
            typed: String::new(),
        }),
        PlacementState::Terminated => Some(Action {
            to: "terminated",
            button: page.t("web-migrant-step-terminate"),
            hint: page.t("web-migrant-step-terminate-hint"),
            reason_label: Some(page.t("web-migrant-step-reason-required")),
            warning: true,
            field_id: "reason-terminated".into(),
            error: None,
            typed: String::new(),
        }),
        _ => None,
    }
}

async fn show_page(
    req: &HttpRequest,
    state: &AppState,
    user: &WebUser,
    id: uuid::Uuid,
    problem: Option<(Vec<FormError>, String)>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let view = placements::get_placement(state, &user.auth.caller(), id.into()).await?;
    let p = &view.placement;
    let n = named(state, user, p).await?;
    let mut page = Page::new(req, "web-migrant-application-title");
    let current = p.state();
    let mut rows = vec![
        Row::new(page.t("web-migrant-application-vacancy"), n.title.clone()),
        Row::new(page.t("web-migrant-application-employer"), n.employer),
        Row::new(
            page.t("web-migrant-application-state"),
            state_name(&page, current),
        ),
        Row::new(
            page.t("web-migrant-application-since"),
            p.created_at.date_naive().to_string(),
        ),
    ];
    if let Some(reason) = p.reason.clone().filter(|r| !r.is_empty()) {
        rows.push(Row::new(page.t("web-migrant-application-reason"), reason));
    }
    let contract_note = match current {
        PlacementState::Offered => Some(page.t("web-migrant-application-offered")),
        PlacementState::ContractSigned
        | PlacementState::UnderReview
        | PlacementState::Approved
        | PlacementState::Departed
        | PlacementState::Arrived
        | PlacementState::Employed
        | PlacementState::Completed
        | PlacementState::Terminated => Some(page.t("web-migrant-application-contract")),
        _ => None,
    };
    let events = view
        .timeline
        .iter()
        .map(|e| Event {
            at: when(e.at),
            state: e
                .to_state
                .parse()
                .map(|s| state_name(&page, s))
                .unwrap_or_else(|_| e.to_state.clone()),
            by: actor_name(&page, &e.actor_role),
            reason: e.reason.clone().filter(|r| !r.is_empty()),
        })
        .collect();
    let (errors, reason) = problem.unwrap_or_default();
    let actions = view
        .allowed_next
        .iter()
        .filter_map(|to| action(&page, *to))
        .map(|mut a| {
            a.error = errors
                .iter()
                .find(|e| e.field == a.field_id)
                .map(|e| e.message.clone());
            if a.error.is_some() {
                a.typed = reason.clone();
            }
            a
        })
        .collect();
    page.has_errors = !errors.is_empty();
    let template = ShowPage {
        id: p.id.to_string(),
        vacancy_href: n.public.then(|| format!("/vacancies/{}", p.vacancy_id)),
        rows,
        contract_note,
        events,
        actions,
        errors,
        page,
    };
    render(status, &template)
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let id = parse_id(&path)?;
    show_page(&req, &state, &user, id, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StepForm {
    to: String,
    reason: String,
}

/// Takes one of the migrant's steps (`POST /placements/{id}/transitions`).
pub async fn step(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<StepForm>,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let id = parse_id(&path)?;
    let to: PlacementState = match f.to.parse() {
        Ok(to) => to,
        Err(()) => return Err(WebError::bad_request()),
    };
    let details = StepDetails {
        date: None,
        termination: (to == PlacementState::Terminated)
            .then(|| crate::services::aftercare::parse_termination("by_worker"))
            .transpose()
            .map_err(WebError::from)?,
    };
    let reason = Some(f.reason.clone()).filter(|r| !r.trim().is_empty());
    match placements::transition(&state, &user.auth.caller(), id.into(), to, reason, details).await
    {
        Ok(_) => Ok(see_other(&format!("/migrant/applications/{id}"))),
        Err(e) if e.code == ErrorCode::InvalidTransition => {
            let locale = crate::i18n::current();
            let message = crate::render::l10n::text(locale, "web-migrant-step-not-allowed", None);
            show_page(
                &req,
                &state,
                &user,
                id,
                Some((
                    vec![FormError {
                        field: format!("reason-{}", to.as_str()),
                        message,
                    }],
                    f.reason,
                )),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => {
            let locale = crate::i18n::current();
            let fields = validation(e)?;
            let mut errors = form_errors(locale, &fields);
            for (shown, field) in errors.iter_mut().zip(&fields) {
                if field.field == "reason" && field.code == "required" {
                    shown.message =
                        crate::render::l10n::text(locale, "web-migrant-step-reason-missing", None);
                }
                shown.field = format!("reason-{}", to.as_str());
            }
            show_page(
                &req,
                &state,
                &user,
                id,
                Some((errors, f.reason)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
