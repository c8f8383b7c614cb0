//! The admin's pages (issue 11). Routes under `/admin/…` are declared in [`routes`]; [`menu`] is
//! what `/account` offers a signed-in admin.
//!
//! Organisations (employers, agencies, centres; registering an agency or a centre as
//! `POST /api/v1/agencies`, `/centres`) and accounts (creating one with a role as
//! `POST /api/v1/users`; changing a role, disabling and enabling as `PATCH /api/v1/users/{id}`).
//! The API's own checks build what the services take (`api::organisations::new_agency`, …).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use crate::api::organisations::{new_agency, new_centre, CreateAgency, CreateCentre};
use crate::api::users::{account_changes, new_staff, CreateUser, UpdateUser};
use crate::db::models::organisation::{Agency, Centre, Employer};
use crate::domain::members::Organisation;
use crate::domain::role::Role;
use crate::error::{AppError, ErrorCode, FieldError};
use crate::services::{accounts, licences, organisations};
use crate::state::AppState;
use crate::web::form::{validation, Choice, Control, FormPage};
use crate::web::layout::{render, see_other, Link, Page, WebError};
use crate::web::session::{CsrfForm, WebUser};

/// How many rows each list shows.
const LIMIT: i64 = 200;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/organisations", web::get().to(organisations_page))
        .service(
            web::resource("/admin/agencies/new")
                .route(web::get().to(agency_new))
                .route(web::post().to(agency_create)),
        )
        .service(
            web::resource("/admin/centres/new")
                .route(web::get().to(centre_new))
                .route(web::post().to(centre_create)),
        )
        .route("/admin/users", web::get().to(users_page))
        .service(
            web::resource("/admin/users/new")
                .route(web::get().to(user_new))
                .route(web::post().to(user_create)),
        )
        .service(
            web::resource("/admin/users/{id}/role")
                .route(web::get().to(role_form))
                .route(web::post().to(role_submit)),
        )
        .route("/admin/users/{id}/status", web::post().to(status_submit));
}

/// The links on the admin's home page `/account`.
pub fn menu(page: &Page) -> Vec<Link> {
    vec![
        Link::new(
            page,
            "/admin/organisations",
            "web-admin-organisations-title",
        ),
        Link::new(page, "/admin/users", "web-admin-users-title"),
    ]
}

fn admin(user: &WebUser) -> Result<(), WebError> {
    user.require(&[Role::Admin])
}

fn role_label(page: &Page, role: &str) -> String {
    match Role::parse(role) {
        Some(r) => page.t(&format!("web-role-{}", r.as_str())),
        None => role.to_owned(),
    }
}

pub struct OrgRow {
    pub name: String,
    pub detail: String,
    pub status: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/organisations.html")]
struct OrganisationsPage {
    page: Page,
    employers: Vec<OrgRow>,
    agencies: Vec<OrgRow>,
    centres: Vec<OrgRow>,
}

/// `GET /admin/organisations`.
pub async fn organisations_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    let page = Page::new(&req, "web-admin-organisations-title");
    let employers = organisations::list::<Employer>(&state, None, LIMIT).await?;
    let agencies = organisations::list::<Agency>(&state, None, LIMIT).await?;
    let centres = organisations::list::<Centre>(&state, None, LIMIT).await?;
    let employers = employers
        .into_iter()
        .take(LIMIT as usize)
        .map(|e| OrgRow {
            detail: format!("{} · {}, {}", e.inn, e.city, e.region_code),
            name: e.name,
            status: None,
        })
        .collect();
    let agencies = agencies
        .into_iter()
        .take(LIMIT as usize)
        .map(|a| {
            let status = licences::effective_status(&a);
            OrgRow {
                detail: format!(
                    "{} · {} – {} · {}",
                    a.licence_number,
                    a.licence_valid_from,
                    a.licence_valid_to,
                    a.licence_regions.join(", ")
                ),
                status: Some(page.t(&format!("web-licence-status-{}", status.as_str()))),
                name: a.name,
            }
        })
        .collect();
    let centres = centres
        .into_iter()
        .take(LIMIT as usize)
        .map(|c| OrgRow {
            detail: format!("{}, {}", c.city, c.region_code),
            name: c.name,
            status: None,
        })
        .collect();
    render(
        StatusCode::OK,
        &OrganisationsPage {
            page,
            employers,
            agencies,
            centres,
        },
    )
}

/// Field errors of list items (`licence_regions[1]`) on the one field of the form.
fn on_form(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    for e in &mut errors {
        if let Some(i) = e.field.find('[') {
            e.field.truncate(i);
        }
    }
    errors
}

fn date_of(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> NaiveDate {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(field, "required"));
    } else if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        return d;
    } else {
        errors.push(FieldError::new(field, "invalid_date"));
    }
    NaiveDate::MIN
}

fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A refusal of a registration or an account change shown on its form: field errors 422,
/// a conflict (a number or address already registered) 409.
fn refused(form: FormPage, e: AppError, conflict_field: &str) -> Result<HttpResponse, WebError> {
    match e.code {
        ErrorCode::ValidationFailed => form
            .errors(&on_form(validation(e)?))
            .respond(StatusCode::UNPROCESSABLE_ENTITY),
        ErrorCode::Conflict | ErrorCode::EmailTaken => form
            .error_on(conflict_field, "web-admin-error-taken")
            .respond(StatusCode::CONFLICT),
        _ => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AgencyForm {
    name: String,
    inn: String,
    country: String,
    contact_email: String,
    contact_phone: String,
    licence_number: String,
    licence_issuer: String,
    licence_valid_from: String,
    licence_valid_to: String,
    licence_regions: String,
}

fn agency_form(req: &HttpRequest, f: &AgencyForm) -> FormPage {
    FormPage::new(
        Page::new(req, "web-admin-agency-new-title"),
        "/admin/agencies/new",
        "web-admin-agency-new-button",
    )
    .field("name", "web-admin-field-name", None, "text", "off", &f.name)
    .field(
        "inn",
        "web-admin-field-inn",
        Some("web-admin-field-inn-hint"),
        "text",
        "off",
        &f.inn,
    )
    .field(
        "country",
        "web-admin-field-country",
        Some("web-admin-field-country-hint"),
        "text",
        "off",
        &f.country,
    )
    .field(
        "contact_email",
        "web-admin-field-contact-email",
        Some("web-admin-field-optional"),
        "email",
        "off",
        &f.contact_email,
    )
    .field(
        "contact_phone",
        "web-admin-field-contact-phone",
        Some("web-admin-field-optional"),
        "tel",
        "off",
        &f.contact_phone,
    )
    .field(
        "licence_number",
        "web-admin-field-licence-number",
        None,
        "text",
        "off",
        &f.licence_number,
    )
    .field(
        "licence_issuer",
        "web-admin-field-licence-issuer",
        None,
        "text",
        "off",
        &f.licence_issuer,
    )
    .field(
        "licence_valid_from",
        "web-admin-field-valid-from",
        Some("web-admin-field-date-hint"),
        "date",
        "off",
        &f.licence_valid_from,
    )
    .field(
        "licence_valid_to",
        "web-admin-field-valid-to",
        Some("web-admin-field-date-hint"),
        "date",
        "off",
        &f.licence_valid_to,
    )
    .field(
        "licence_regions",
        "web-admin-field-regions",
        Some("web-admin-field-regions-hint"),
        "text",
        "off",
        &f.licence_regions,
    )
    .link("/admin/organisations", "web-admin-organisations-title")
}

/// `GET /admin/agencies/new`.
pub async fn agency_new(req: HttpRequest, user: WebUser) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    agency_form(&req, &AgencyForm::default()).respond(StatusCode::OK)
}

/// `POST /admin/agencies/new`: `services::organisations::create_agency`.
pub async fn agency_create(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    CsrfForm(f): CsrfForm<AgencyForm>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    let form = agency_form(&req, &f);
    let mut errors = Vec::new();
    let from = date_of("licence_valid_from", &f.licence_valid_from, &mut errors);
    let to = date_of("licence_valid_to", &f.licence_valid_to, &mut errors);
    if !errors.is_empty() {
        return form
            .errors(&errors)
            .respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let body = CreateAgency {
        name: f.name.clone(),
        inn: f.inn.trim().to_owned(),
        country: f.country.trim().to_uppercase(),
        contact_email: optional(&f.contact_email),
        contact_phone: optional(&f.contact_phone),
        licence_number: f.licence_number.clone(),
        licence_issuer: f.licence_issuer.clone(),
        licence_valid_from: from,
        licence_valid_to: to,
        licence_regions: f
            .licence_regions
            .split([',', ' ', ';'])
            .map(|r| r.trim().to_uppercase())
            .filter(|r| !r.is_empty())
            .collect(),
    };
    let agency = match new_agency(body) {
        Ok(a) => a,
        Err(e) => return refused(form, e, "licence_number"),
    };
    match organisations::create_agency(&state, &user.auth.caller(), agency).await {
        Ok(_) => Ok(see_other("/admin/organisations")),
        Err(e) => refused(form, e, "licence_number"),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CentreForm {
    name: String,
    region: String,
    city: String,
    address: String,
    contact_email: String,
    contact_phone: String,
}

fn centre_form(req: &HttpRequest, f: &CentreForm) -> FormPage {
    FormPage::new(
        Page::new(req, "web-admin-centre-new-title"),
        "/admin/centres/new",
        "web-admin-centre-new-button",
    )
    .field("name", "web-admin-field-name", None, "text", "off", &f.name)
    .field(
        "region",
        "web-admin-field-region",
        Some("web-admin-field-region-hint"),
        "text",
        "off",
        &f.region,
    )
    .field("city", "web-admin-field-city", None, "text", "off", &f.city)
    .field(
        "address",
        "web-admin-field-address",
        Some("web-admin-field-optional"),
        "text",
        "off",
        &f.address,
    )
    .field(
        "contact_email",
        "web-admin-field-contact-email",
        Some("web-admin-field-optional"),
        "email",
        "off",
        &f.contact_email,
    )
    .field(
        "contact_phone",
        "web-admin-field-contact-phone",
        Some("web-admin-field-optional"),
        "tel",
        "off",
        &f.contact_phone,
    )
    .link("/admin/organisations", "web-admin-organisations-title")
}

/// `GET /admin/centres/new`.
pub async fn centre_new(req: HttpRequest, user: WebUser) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    centre_form(&req, &CentreForm::default()).respond(StatusCode::OK)
}

/// `POST /admin/centres/new`: `services::organisations::create_centre`.
pub async fn centre_create(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    CsrfForm(f): CsrfForm<CentreForm>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    let form = centre_form(&req, &f);
    let body = CreateCentre {
        name: f.name.clone(),
        region: f.region.trim().to_uppercase(),
        city: f.city.clone(),
        address: optional(&f.address),
        contact_email: optional(&f.contact_email),
        contact_phone: optional(&f.contact_phone),
    };
    let centre = match new_centre(body) {
        Ok(c) => c,
        Err(e) => return refused(form, e, "name"),
    };
    match organisations::create_centre(&state, &user.auth.caller(), centre).await {
        Ok(_) => Ok(see_other("/admin/organisations")),
        Err(e) => refused(form, e, "name"),
    }
}

pub struct UserRow {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub role: String,
    pub organisation: String,
    pub disabled: bool,
    /// The signed-in admin's own account: no changes offered.
    pub own: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    page: Page,
    rows: Vec<UserRow>,
}

fn organisation_label(page: &Page, org: Option<Organisation>) -> String {
    match org {
        Some(Organisation::Employer(_)) => page.t("web-admin-org-employer"),
        Some(Organisation::Agency(_)) => page.t("web-admin-org-agency"),
        Some(Organisation::Centre(_)) => page.t("web-admin-org-centre"),
        None => "—".to_owned(),
    }
}

/// `GET /admin/users`.
pub async fn users_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    let page = Page::new(&req, "web-admin-users-title");
    let found = accounts::list_users(&state, &user.auth.caller(), LIMIT).await?;
    let rows = found
        .into_iter()
        .map(|a| UserRow {
            id: a.id.uuid(),
            own: a.id.uuid() == user.auth.id,
            role: role_label(&page, &a.role),
            organisation: organisation_label(&page, a.organisation),
            name: a.full_name,
            email: a.email,
            disabled: a.disabled,
        })
        .collect();
    render(StatusCode::OK, &UsersPage { page, rows })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UserForm {
    full_name: String,
    email: String,
    password: String,
    role: String,
    agency_id: String,
    centre_id: String,
}

const STAFF_ROLES: [Role; 4] = [Role::Agency, Role::Centre, Role::Ministry, Role::Admin];

async fn user_form(
    req: &HttpRequest,
    state: &AppState,
    f: &UserForm,
) -> Result<FormPage, WebError> {
    let page = Page::new(req, "web-admin-user-new-title");
    let roles = STAFF_ROLES
        .iter()
        .map(|r| {
            Choice::new(
                r.as_str(),
                page.t(&format!("web-role-{}", r.as_str())),
                f.role == r.as_str(),
            )
        })
        .collect();
    let none = || Choice::new("", page.t("web-admin-field-none"), false);
    let mut agencies = vec![none()];
    agencies.extend(
        organisations::list::<Agency>(state, None, LIMIT)
            .await?
            .into_iter()
            .map(|a| {
                let id = a.id.to_string();
                let selected = id == f.agency_id;
                Choice::new(id, a.name, selected)
            }),
    );
    let mut centres = vec![none()];
    centres.extend(
        organisations::list::<Centre>(state, None, LIMIT)
            .await?
            .into_iter()
            .map(|c| {
                let id = c.id.to_string();
                let selected = id == f.centre_id;
                Choice::new(id, c.name, selected)
            }),
    );
    Ok(
        FormPage::new(page, "/admin/users/new", "web-admin-user-new-button")
            .field(
                "full_name",
                "web-admin-field-full-name",
                None,
                "text",
                "off",
                &f.full_name,
            )
            .field(
                "email",
                "web-admin-field-email",
                None,
                "email",
                "off",
                &f.email,
            )
            .field(
                "password",
                "web-admin-field-password",
                Some("web-admin-field-password-hint"),
                "password",
                "new-password",
                "",
            )
            .control(
                "role",
                "web-admin-field-role",
                None,
                Control::Radios(roles),
                "",
            )
            .control(
                "agency_id",
                "web-admin-field-agency",
                Some("web-admin-field-agency-hint"),
                Control::Select(agencies),
                "",
            )
            .control(
                "centre_id",
                "web-admin-field-centre",
                Some("web-admin-field-centre-hint"),
                Control::Select(centres),
                "",
            )
            .link("/admin/users", "web-admin-users-title"),
    )
}

/// `GET /admin/users/new`.
pub async fn user_new(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    user_form(&req, &state, &UserForm::default())
        .await?
        .respond(StatusCode::OK)
}

/// An id chosen in a select, for the role that needs it only.
fn chosen(raw: &str, needed: bool) -> Option<Uuid> {
    if needed {
        Uuid::parse_str(raw.trim()).ok()
    } else {
        None
    }
}

/// `POST /admin/users/new`: `services::accounts::create_user`, as `POST /api/v1/users`.
pub async fn user_create(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    visitor: crate::web::session::Visitor,
    CsrfForm(f): CsrfForm<UserForm>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    let form = user_form(&req, &state, &f).await?;
    let body = CreateUser {
        email: f.email.clone(),
        password: f.password.clone(),
        full_name: f.full_name.clone(),
        role: f.role.clone(),
        locale: Some(visitor.locale),
        agency_id: chosen(&f.agency_id, f.role == "agency"),
        centre_id: chosen(&f.centre_id, f.role == "centre"),
    };
    let (staff, organisation) = match new_staff(body) {
        Ok(v) => v,
        Err(e) => return refused(form, e, "email"),
    };
    match accounts::create_user(&state, &user.auth.caller(), staff, organisation).await {
        Ok(_) => Ok(see_other("/admin/users")),
        Err(e) => refused(form, e, "email"),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RoleForm {
    role: String,
}

async fn role_page(
    req: &HttpRequest,
    state: &AppState,
    user: &WebUser,
    id: Uuid,
) -> Result<FormPage, WebError> {
    let found = accounts::get_user(state, &user.auth.caller(), id).await?;
    let page = Page::new(req, "web-admin-role-title");
    let roles = Role::ALL
        .iter()
        .map(|r| {
            Choice::new(
                r.as_str(),
                page.t(&format!("web-role-{}", r.as_str())),
                found.role == r.as_str(),
            )
        })
        .collect();
    let caption = format!("{} · {}", found.full_name, found.email);
    Ok(FormPage::new(
        page,
        &format!("/admin/users/{id}/role"),
        "web-admin-role-button",
    )
    .caption(caption)
    .intro("web-admin-role-intro")
    .control(
        "role",
        "web-admin-field-role",
        None,
        Control::Radios(roles),
        "",
    )
    .link("/admin/users", "web-admin-users-title"))
}

fn parse_id(raw: &str) -> Result<Uuid, WebError> {
    Uuid::parse_str(raw).map_err(|_| WebError::not_found())
}

/// `GET /admin/users/{id}/role`.
pub async fn role_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    let id = parse_id(&path)?;
    role_page(&req, &state, &user, id)
        .await?
        .respond(StatusCode::OK)
}

/// `POST /admin/users/{id}/role`: `services::accounts::update_user`, as `PATCH /users/{id}`.
pub async fn role_submit(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<RoleForm>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    let id = parse_id(&path)?;
    let form = role_page(&req, &state, &user, id).await?;
    let changes = account_changes(UpdateUser {
        role: Some(f.role.clone()),
        disabled: None,
        approve_membership: None,
    });
    let result = match changes {
        Ok(c) => accounts::update_user(&state, &user.auth.caller(), id.into(), c).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other("/admin/users")),
        Err(e) if e.code == ErrorCode::ValidationFailed => form
            .error_on("role", "web-admin-error-role")
            .respond(StatusCode::UNPROCESSABLE_ENTITY),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    disabled: String,
}

/// `POST /admin/users/{id}/status`: disables (`disabled=true`) or enables an account.
pub async fn status_submit(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
    CsrfForm(f): CsrfForm<StatusForm>,
) -> Result<HttpResponse, WebError> {
    admin(&user)?;
    let id = parse_id(&path)?;
    let disabled = match f.disabled.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(WebError::bad_request()),
    };
    let changes = account_changes(UpdateUser {
        role: None,
        disabled: Some(disabled),
        approve_membership: None,
    })?;
    match accounts::update_user(&state, &user.auth.caller(), id.into(), changes).await {
        Ok(_) => Ok(see_other("/admin/users")),
        Err(e) if e.code == ErrorCode::ValidationFailed => Err(WebError::bad_request()),
        Err(e) => Err(e.into()),
    }
}
