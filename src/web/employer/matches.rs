//! `/employer/vacancies/{id}/matches`: the candidates ranked for a vacancy with why each fits
//! (as `GET /vacancies/{id}/matches`), each with an invitation that begins a placement (as an
//! employer's `POST /placements`).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::vacancies::own_vacancy;
use super::{employer, refusal};
use crate::services::placements::{self as placements, NewPlacement};
use crate::services::search::{self, CandidateItem};
use crate::services::Caller;
use crate::state::AppState;
use crate::web::layout::{render, see_other, Page, WebError};
use crate::web::public::occupation_name;
use crate::web::session::{CsrfForm, WebUser};

/// How an occupation matched (`web-employer-match-<kind>`).
pub const MATCH_IDS: [&str; 2] = [
    "web-employer-match-exact",
    "web-employer-match-same_minor_group",
];

pub struct Card {
    pub candidate: String,
    pub heading: String,
    pub facts: Vec<(String, String)>,
    pub why: Vec<String>,
}

#[derive(Template)]
#[template(path = "employer/matches.html")]
struct MatchesPage {
    page: Page,
    id: String,
    vacancy: String,
    cards: Vec<Card>,
    refused: Option<String>,
}

fn card(page: &Page, n: usize, item: &CandidateItem) -> Card {
    let p = &item.profile;
    let e = &item.explanation;
    let heading = if item.fields.identity {
        format!("{} {}", p.first_name, p.last_name)
    } else {
        page.t1("web-employer-match-candidate", "n", n as i64)
    };
    let none = page.t("web-employer-none");
    let facts = vec![
        (page.t("web-employer-match-age"), item.age.to_string()),
        (
            page.t("web-employer-match-citizenship"),
            p.citizenship.clone(),
        ),
        (
            page.t("web-employer-match-experience"),
            page.t1(
                "web-employer-match-years",
                "years",
                i64::from(p.experience_years),
            ),
        ),
        (
            page.t("web-employer-candidate-russian"),
            p.russian_level.clone().unwrap_or_else(|| none.clone()),
        ),
        (page.t("web-employer-match-skills-text"), p.skills.clone()),
    ];
    let mut why = Vec::new();
    if let Some(o) = &e.occupation {
        let name = occupation_name(&o.name_ru, &o.name_en, page.locale);
        let kind = format!("web-employer-match-{}", o.r#match);
        let how = if MATCH_IDS.contains(&kind.as_str()) {
            page.t(&kind)
        } else {
            page.t("web-employer-match-related")
        };
        why.push(format!(
            "{}: {} {name} ({how})",
            page.t("web-employer-candidate-occupation"),
            o.code
        ));
    }
    if !e.matched_skills.is_empty() {
        why.push(format!(
            "{}: {}",
            page.t("web-employer-candidate-skills"),
            e.matched_skills.join(", ")
        ));
    }
    if let Some(r) = &e.region {
        why.push(format!(
            "{}: {}",
            page.t("web-employer-candidate-region"),
            r.name
        ));
    }
    if let Some(l) = &e.russian_level {
        why.push(format!("{}: {l}", page.t("web-employer-candidate-russian")));
    }
    Card {
        candidate: p.id.to_string(),
        heading,
        facts,
        why,
    }
}

async fn matches_page(
    req: &HttpRequest,
    state: &AppState,
    caller: &Caller,
    raw_id: &str,
    refused: Option<(StatusCode, String)>,
) -> Result<HttpResponse, WebError> {
    let v = own_vacancy(state, caller, raw_id).await?;
    let items = search::vacancy_matches(state, caller, v.vacancy_id(), 20).await?;
    let page = Page::new(req, "web-employer-matches-title");
    let cards = items
        .iter()
        .enumerate()
        .map(|(i, item)| card(&page, i + 1, item))
        .collect();
    let (status, refused) = match refused {
        Some((s, t)) => (s, Some(t)),
        None => (StatusCode::OK, None),
    };
    render(
        status,
        &MatchesPage {
            id: v.id.to_string(),
            vacancy: v.title.clone(),
            cards,
            refused,
            page,
        },
    )
}

/// `GET /employer/vacancies/{id}/matches`.
pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    matches_page(&req, &state, &caller, &path, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InviteForm {
    candidate_id: String,
}

/// `POST /employer/vacancies/{id}/invite`: invites one candidate; the new placement's page.
pub async fn invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<InviteForm>,
) -> Result<HttpResponse, WebError> {
    let caller = employer(&user)?;
    let v = own_vacancy(&state, &caller, &path).await?;
    let Ok(candidate) = f.candidate_id.trim().parse::<Uuid>() else {
        return Err(WebError::bad_request());
    };
    let input = NewPlacement {
        vacancy: v.vacancy_id(),
        candidate: Some(candidate.into()),
    };
    match placements::create_placement(&state, &caller, input).await {
        Ok(view) => Ok(see_other(&format!(
            "/employer/placements/{}",
            view.placement.id
        ))),
        Err(e) => {
            let page = Page::new(&req, "web-employer-matches-title");
            let why = refusal(&page, e)?;
            matches_page(&req, &state, &caller, &path, Some(why)).await
        }
    }
}
