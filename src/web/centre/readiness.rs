//! `GET /centre/candidates/{id}/readiness` (the person's checklist, as
//! `GET /candidates/{id}/readiness`) and `GET/POST /centre/candidates/{id}/readiness/{item}`
//! (record one item, as `PUT /candidates/{id}/readiness/{item}`). Only for people the centre
//! represents: the service answers 404 for anyone else.

use std::str::FromStr;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{clerk, date_field, local_time, path_id, show_errors};
use crate::domain::readiness::{Item, ItemState, ItemStatus, LEVELS};
use crate::error::FieldError;
use crate::render::l10n;
use crate::services::readiness::{self as service, RecordInput};
use crate::services::{candidates, Caller};
use crate::state::AppState;
use crate::web::form::{query, validation, Choice, Control, FormPage};
use crate::web::layout::{render, see_other, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

/// What staff may record of an item (`web-centre-status-<status>`).
pub const STATUS_IDS: [&str; 3] = [
    "web-centre-status-ok",
    "web-centre-status-failed",
    "web-centre-status-missing",
];

/// Languages a contract is explained in.
const EXPLAINED_IN: [&str; 6] = ["ky", "uz", "tg", "ru", "kk", "en"];

fn item_name(page: &Page, item: Item) -> String {
    l10n::text(
        page.locale,
        &format!("readiness-item-{}", item.as_str()),
        None,
    )
}

/// How an item stands, in words: "ready", or the reason with its dates.
fn state_text(page: &Page, state: &ItemState) -> String {
    match state {
        ItemState::Ready => page.t("web-centre-state-ready"),
        other => {
            let reason = l10n::text(
                page.locale,
                &format!("readiness-reason-{}", other.code()),
                None,
            );
            match (other.until(), other.needed()) {
                (Some(until), Some(needed)) => {
                    let mut args = fluent_bundle::FluentArgs::new();
                    args.set("until", until.to_string());
                    args.set("needed", needed.to_string());
                    let dates =
                        l10n::text(page.locale, "web-centre-state-until-needed", Some(&args));
                    format!("{reason}: {dates}")
                }
                (None, Some(earliest)) => format!(
                    "{reason}: {}",
                    page.t1("web-centre-state-earliest", "date", earliest.to_string())
                ),
                _ => reason,
            }
        }
    }
}

pub struct ItemRow {
    pub name: String,
    pub ready: bool,
    pub state: String,
    pub recorded: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "centre/readiness.html")]
struct ReadinessPage {
    page: Page,
    name: String,
    ready: bool,
    verdict: String,
    contract: Option<String>,
    rows: Vec<ItemRow>,
    claim: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DepartureQuery {
    departure: String,
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let id = path_id(&path)?;
    let departure =
        NaiveDate::parse_from_str(query::<DepartureQuery>(&req).departure.trim(), "%Y-%m-%d").ok();
    let person = candidates::get_candidate(&state, &caller, id.into()).await?;
    let view = service::get_readiness(&state, &caller, id.into(), departure, None).await?;
    let page = Page::new(&req, "web-centre-readiness-title");
    let ready = view.ready();
    let verdict = page.t1(
        if ready {
            "web-centre-readiness-ready"
        } else {
            "web-centre-readiness-not-ready"
        },
        "date",
        view.departure.to_string(),
    );
    let contract = view.contract.map(|c| {
        page.t1(
            "web-centre-readiness-contract",
            "period",
            format!("{} – {}", c.start, c.end),
        )
    });
    let rows = view
        .items
        .iter()
        .map(|i| {
            let recorded = match (&i.row, i.attended_at) {
                (_, Some(at)) => page.t1("web-centre-attended-on", "date", local_time(at)),
                (Some(r), None) => {
                    let status = r
                        .status
                        .parse::<ItemStatus>()
                        .map(|s| page.t(&format!("web-centre-status-{}", s.as_str())))
                        .unwrap_or_default();
                    let mut parts = vec![status, r.checked_on.to_string()];
                    if let Some(u) = r.valid_until {
                        parts.push(page.t1("web-centre-valid-until", "date", u.to_string()));
                    }
                    parts.extend(r.level.clone());
                    parts.extend(r.language.clone());
                    parts.extend(r.evidence_ref.clone());
                    parts.join(" · ")
                }
                (None, None) => page.t("web-centre-not-recorded"),
            };
            ItemRow {
                name: item_name(&page, i.item),
                ready: i.state.is_ready(),
                state: state_text(&page, &i.state),
                recorded,
                href: i
                    .item
                    .is_recorded()
                    .then(|| format!("/centre/candidates/{id}/readiness/{}", i.item.as_str())),
            }
        })
        .collect();
    let claim = person
        .profile
        .user_id
        .is_none()
        .then(|| format!("/centre/candidates/{id}/claim-code"));
    let template = ReadinessPage {
        name: format!("{} {}", person.profile.first_name, person.profile.last_name),
        ready,
        verdict,
        contract,
        rows,
        claim,
        page,
    };
    render(StatusCode::OK, &template)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ItemForm {
    status: String,
    checked_on: String,
    valid_until: String,
    level: String,
    language: String,
    evidence_ref: String,
}

fn item_page(req: &HttpRequest, name: &str, id: &str, item: Item, f: &ItemForm) -> FormPage {
    let page = Page::new(req, "web-centre-item-title");
    let title = item_name(&page, item);
    let statuses = [ItemStatus::Ok, ItemStatus::Failed, ItemStatus::Missing]
        .iter()
        .map(|s| {
            Choice::new(
                s.as_str(),
                page.t(&format!("web-centre-status-{}", s.as_str())),
                f.status == s.as_str(),
            )
        })
        .collect();
    let mut form = FormPage::new(
        page,
        &format!("/centre/candidates/{id}/readiness/{}", item.as_str()),
        "web-centre-item-button",
    )
    .caption(name.to_owned())
    .paragraph(title)
    .control(
        "status",
        "web-centre-field-status",
        None,
        Control::Radios(statuses),
        "",
    )
    .field(
        "checked_on",
        "web-centre-field-checked-on",
        Some("web-centre-field-checked-on-hint"),
        "date",
        "off",
        &f.checked_on,
    );
    if item != Item::RussianTest && item != Item::ContractExplained {
        form = form.field(
            "valid_until",
            "web-centre-field-valid-until",
            Some(if item.needs_valid_until() {
                "web-centre-field-valid-until-hint-needed"
            } else {
                "web-centre-field-valid-until-hint"
            }),
            "date",
            "off",
            &f.valid_until,
        );
    }
    if item == Item::RussianTest {
        let mut levels = vec![Choice::new("", form.page.t("web-centre-choose"), false)];
        levels.extend(
            LEVELS
                .iter()
                .map(|l| Choice::new(*l, *l, f.level.eq_ignore_ascii_case(l))),
        );
        form = form.control(
            "level",
            "web-centre-field-level",
            None,
            Control::Select(levels),
            "",
        );
    }
    if item == Item::ContractExplained {
        let mut langs = vec![Choice::new("", form.page.t("web-centre-choose"), false)];
        langs.extend(EXPLAINED_IN.iter().map(|l| {
            Choice::new(
                *l,
                form.page.t(&format!("web-centre-lang-{l}")),
                f.language == *l,
            )
        }));
        form = form.control(
            "language",
            "web-centre-field-explained-in",
            None,
            Control::Select(langs),
            "",
        );
    }
    form.field(
        "evidence_ref",
        "web-centre-field-evidence",
        Some("web-centre-field-evidence-hint"),
        "text",
        "off",
        &f.evidence_ref,
    )
    .link(
        &format!("/centre/candidates/{id}/readiness"),
        "web-centre-back-to-readiness",
    )
}

/// The languages the contract may be explained in (`web-centre-lang-<code>`).
pub const LANG_IDS: [&str; 6] = [
    "web-centre-lang-ky",
    "web-centre-lang-uz",
    "web-centre-lang-tg",
    "web-centre-lang-ru",
    "web-centre-lang-kk",
    "web-centre-lang-en",
];

/// The person (404 unless the centre may see them) and a recorded item (404 for orientation or
/// an unknown name).
async fn person_and_item(
    state: &AppState,
    caller: &Caller,
    path: &(String, String),
) -> Result<(uuid::Uuid, String, Item), WebError> {
    let id = path_id(&path.0)?;
    let item = Item::from_str(&path.1).map_err(|_| WebError::not_found())?;
    if !item.is_recorded() {
        return Err(WebError::not_found());
    }
    let person = candidates::get_candidate(state, caller, id.into()).await?;
    let name = format!("{} {}", person.profile.first_name, person.profile.last_name);
    Ok((id, name, item))
}

pub async fn item_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let (id, name, item) = person_and_item(&state, &caller, &path).await?;
    let view = service::get_readiness(&state, &caller, id.into(), None, None).await?;
    let f = match view
        .items
        .iter()
        .find(|i| i.item == item)
        .and_then(|i| i.row.clone())
    {
        Some(r) => ItemForm {
            status: r.status,
            checked_on: r.checked_on.to_string(),
            valid_until: r.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            level: r.level.unwrap_or_default(),
            language: r.language.unwrap_or_default(),
            evidence_ref: r.evidence_ref.unwrap_or_default(),
        },
        None => ItemForm {
            status: "ok".into(),
            ..ItemForm::default()
        },
    };
    item_page(&req, &name, &id.to_string(), item, &f).respond(StatusCode::OK)
}

fn given(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

pub async fn record(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<(String, String)>,
    CsrfForm(f): CsrfForm<ItemForm>,
) -> Result<HttpResponse, WebError> {
    let caller = clerk(&user)?;
    let (id, name, item) = person_and_item(&state, &caller, &path).await?;
    let mut errors = Vec::new();
    let status = match f.status.parse::<ItemStatus>() {
        Ok(s) => Some(s),
        Err(()) => {
            errors.push(FieldError::new("status", "required"));
            None
        }
    };
    let checked_on = date_field("checked_on", &f.checked_on, &mut errors);
    let valid_until = date_field("valid_until", &f.valid_until, &mut errors);
    let again = |errors: &[FieldError]| {
        show_errors(item_page(&req, &name, &id.to_string(), item, &f), errors)
            .respond(StatusCode::UNPROCESSABLE_ENTITY)
    };
    let Some(status) = status.filter(|_| errors.is_empty()) else {
        return again(&errors);
    };
    let input = RecordInput {
        status,
        evidence_ref: given(&f.evidence_ref),
        checked_on,
        valid_until,
        level: given(&f.level),
        language: given(&f.language),
    };
    match service::record_item(&state, &caller, id.into(), item, input).await {
        Ok(_) => Ok(see_other(&format!("/centre/candidates/{id}/readiness"))),
        Err(e) => again(&validation(e)?),
    }
}
