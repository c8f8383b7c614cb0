//! `GET /migrant/applications/{id}/contract`: the latest version of the contract in the migrant's
//! language (the same document the API renders), its PDF, and the confirmation — the migrant's
//! signature, as `POST /placements/{id}/contract/signatures`.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::{migrant, parse_id, when};
use crate::domain::placement::PlacementState;
use crate::error::ErrorCode;
use crate::render::contract as document;
use crate::services::contracts;
use crate::state::AppState;
use crate::web::form::MessagePage;
use crate::web::layout::{render, see_other, FormError, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

#[derive(Template)]
#[template(path = "migrant/contract.html")]
struct ContractPage {
    page: Page,
    id: String,
    version: i32,
    /// The contract's body as the document renderer writes it (escaped there).
    body: String,
    confirmed: Option<String>,
    can_confirm: bool,
    waiting: Option<String>,
    errors: Vec<FormError>,
    agree_error: Option<String>,
}

/// The inside of the rendered document's `<main>`, its headings one level down (the page has
/// its own `<h1>`).
fn body_of(html: &str) -> String {
    let start = html
        .find("<main class=\"contract\">")
        .map(|i| i + "<main class=\"contract\">".len())
        .unwrap_or(0);
    let end = html[start..]
        .find("</main>")
        .map(|i| start + i)
        .unwrap_or(html.len());
    html[start..end]
        .replace("<h2>", "<h3>")
        .replace("</h2>", "</h3>")
        .replace("<h1>", "<h2>")
        .replace("</h1>", "</h2>")
}

async fn page_of(
    req: &HttpRequest,
    state: &AppState,
    user: &WebUser,
    id: uuid::Uuid,
    problem: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, WebError> {
    let caller = user.auth.caller();
    let view = contracts::contract_versions(state, &caller, id.into()).await?;
    let mut page = Page::new(req, "web-migrant-contract-title");
    let Some(latest) = view.versions.first() else {
        let body = page.t("web-migrant-contract-none");
        return MessagePage::new(page)
            .paragraph(body)
            .link(
                &format!("/migrant/applications/{id}"),
                "web-migrant-contract-back",
            )
            .respond(StatusCode::OK);
    };
    let version = latest.row.version;
    let doc =
        contracts::contract_document(state, &caller, id.into(), version, Some(page.locale)).await?;
    let html = web::block(move || document::html(&doc))
        .await
        .map_err(|_| WebError::internal())?;
    let confirmed = latest
        .candidate
        .as_ref()
        .map(|s| page.t1("web-migrant-contract-confirmed", "date", when(s.signed_at)));
    let offered = view.placement_state == PlacementState::Offered;
    let employer_signed = latest.employer.is_some();
    let can_confirm = offered && employer_signed && confirmed.is_none();
    let waiting = (confirmed.is_none() && !can_confirm).then(|| {
        page.t(if offered {
            "web-migrant-contract-wait-employer"
        } else {
            "web-migrant-contract-closed"
        })
    });
    let errors: Vec<FormError> = problem
        .clone()
        .map(|message| {
            vec![FormError {
                field: "agree".into(),
                message,
            }]
        })
        .unwrap_or_default();
    page.has_errors = !errors.is_empty();
    render(
        status,
        &ContractPage {
            id: id.to_string(),
            version,
            body: body_of(&html),
            confirmed,
            can_confirm,
            waiting,
            errors,
            agree_error: problem,
            page,
        },
    )
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let id = parse_id(&path)?;
    page_of(&req, &state, &user, id, None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConfirmForm {
    version: String,
    agree: Option<String>,
}

/// The migrant confirms (signs) the version they read, in the language they read it in.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<ConfirmForm>,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let id = parse_id(&path)?;
    let locale = crate::i18n::current();
    let t = |id: &str| crate::render::l10n::text(locale, id, None);
    if f.agree.is_none() {
        let message = t("web-migrant-contract-agree-missing");
        return page_of(
            &req,
            &state,
            &user,
            id,
            Some(message),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let Ok(version) = f.version.trim().parse::<i32>() else {
        return Err(WebError::bad_request());
    };
    let caller = user.auth.caller();
    match contracts::sign_contract(&state, &caller, id.into(), version, Some(locale)).await {
        Ok(_) => Ok(see_other(&format!("/migrant/applications/{id}/contract"))),
        Err(e) if e.code == ErrorCode::Conflict => {
            let message = t("web-migrant-contract-not-now");
            page_of(&req, &state, &user, id, Some(message), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The latest version as a PDF: the bytes the API's contract document gives in this language.
pub async fn pdf(
    state: web::Data<AppState>,
    user: WebUser,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    migrant(&user)?;
    let id = parse_id(&path)?;
    let caller = user.auth.caller();
    let view = contracts::contract_versions(&state, &caller, id.into()).await?;
    let version = view
        .versions
        .first()
        .map(|c| c.row.version)
        .ok_or_else(WebError::not_found)?;
    let locale = crate::i18n::current();
    let doc =
        contracts::contract_document(&state, &caller, id.into(), version, Some(locale)).await?;
    let bytes = web::block(move || document::pdf(&doc))
        .await
        .map_err(|_| WebError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "contract pdf failed");
            WebError::internal()
        })?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!("inline; filename=\"contract-{id}-v{version}.pdf\""),
        ))
        .body(bytes))
}
