//! Vacancies: an employer drafts, publishes, pauses and closes its own; published, unexpired
//! vacancies are public; drafts and paused ones are seen only by their employer.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::api::pagination::{page, Page, PageQuery};
use crate::auth::{AuthUser, Role};
use crate::db;
use crate::db::models::audit;
use crate::db::models::search_change;
use crate::db::models::vacancy::{self, Vacancy, VacancyChanges, VacancyFilter};
use crate::domain::vacancy_status;
use crate::domain::validate::Check;
use crate::error::{AppError, AppResult, ErrorCode, FieldError};
use crate::state::AppState;

/// Longest a vacancy may stay listed without being renewed (trudvsem's stale-ads problem).
const MAX_LISTING_DAYS: i64 = 180;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateVacancy {
    pub title: String,
    /// ISCO-08 unit group.
    pub occupation: String,
    pub description: String,
    #[serde(default)]
    pub required_skills: Vec<String>,
    #[serde(default)]
    pub optional_skills: Vec<String>,
    /// ISO 3166-2:RU.
    pub region: String,
    pub city: String,
    pub positions: i32,
    /// Roubles per month.
    pub salary_min: i32,
    pub salary_max: i32,
    #[serde(default)]
    pub housing: bool,
    #[serde(default)]
    pub meals: bool,
    #[serde(default)]
    pub transport: bool,
    pub hours_per_week: i32,
    pub contract_months: i32,
    /// Minimum Russian level, CEFR A1–C2.
    pub russian_level_min: Option<String>,
    pub start_date: NaiveDate,
    /// Last day the vacancy is listed (at most 180 days ahead).
    pub expires_on: NaiveDate,
    #[serde(default = "yes")]
    pub open_to_foreign: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateVacancy {
    pub title: Option<String>,
    pub occupation: Option<String>,
    pub description: Option<String>,
    pub required_skills: Option<Vec<String>>,
    pub optional_skills: Option<Vec<String>>,
    pub region: Option<String>,
    pub city: Option<String>,
    pub positions: Option<i32>,
    pub salary_min: Option<i32>,
    pub salary_max: Option<i32>,
    pub housing: Option<bool>,
    pub meals: Option<bool>,
    pub transport: Option<bool>,
    pub hours_per_week: Option<i32>,
    pub contract_months: Option<i32>,
    #[serde(default, deserialize_with = "crate::api::double_option")]
    pub russian_level_min: Option<Option<String>>,
    pub start_date: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub open_to_foreign: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeStatus {
    /// `published`, `paused`, `filled` or `closed`.
    pub status: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct VacancyQuery {
    /// ISO 3166-2:RU.
    pub region: Option<String>,
    /// ISCO-08 unit group.
    pub occupation: Option<String>,
    /// Any status for the employer's own vacancies (with `employer_id`); others see `published`.
    pub status: Option<String>,
    pub employer_id: Option<Uuid>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VacancyResponse {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub title: String,
    pub occupation: String,
    pub description: String,
    pub required_skills: Vec<String>,
    pub optional_skills: Vec<String>,
    pub region: String,
    pub city: String,
    pub positions: i32,
    pub salary_min: i32,
    pub salary_max: i32,
    pub housing: bool,
    pub meals: bool,
    pub transport: bool,
    pub hours_per_week: i32,
    pub contract_months: i32,
    pub russian_level_min: Option<String>,
    pub start_date: NaiveDate,
    pub expires_on: NaiveDate,
    pub open_to_foreign: bool,
    pub status: String,
    pub published_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Vacancy> for VacancyResponse {
    fn from(v: Vacancy) -> Self {
        // A vacancy past its expiry reads as expired even before the sweep marks it.
        let today = Utc::now().date_naive();
        let status = if v.expires_on < today && matches!(v.status.as_str(), "published" | "paused")
        {
            "expired".to_owned()
        } else {
            v.status
        };
        Self {
            id: v.id,
            employer_id: v.employer_id,
            title: v.title,
            occupation: v.occupation_code,
            description: v.description,
            required_skills: v.required_skills,
            optional_skills: v.optional_skills,
            region: v.region_code,
            city: v.city,
            positions: v.positions,
            salary_min: v.salary_min,
            salary_max: v.salary_max,
            housing: v.housing,
            meals: v.meals,
            transport: v.transport,
            hours_per_week: v.hours_per_week,
            contract_months: v.contract_months,
            russian_level_min: v.russian_level_min,
            start_date: v.start_date,
            expires_on: v.expires_on,
            open_to_foreign: v.open_to_foreign,
            status,
            published_at: v.published_at,
            version: v.version,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

/// Checks the vacancy as it will be after the change (so cross-field rules see both values).
fn check_vacancy(v: &Vacancy, creating: bool) -> AppResult<()> {
    let today = Utc::now().date_naive();
    let mut c = Check::new();
    c.text("title", &v.title, 3, 200);
    c.occupation("occupation", &v.occupation_code);
    c.text("description", &v.description, 20, 10_000);
    c.list("required_skills", &v.required_skills, 30, 100);
    c.list("optional_skills", &v.optional_skills, 30, 100);
    c.ru_region("region", &v.region_code);
    c.text("city", &v.city, 1, 100);
    c.range("positions", v.positions.into(), 1, 10_000);
    c.range("salary_min", v.salary_min.into(), 1, 10_000_000);
    c.range("salary_max", v.salary_max.into(), 1, 10_000_000);
    if v.salary_min > v.salary_max {
        c.push(FieldError::new("salary_max", "salary_range"));
    }
    c.range("hours_per_week", v.hours_per_week.into(), 1, 60);
    c.range("contract_months", v.contract_months.into(), 1, 60);
    if let Some(level) = &v.russian_level_min {
        c.cefr("russian_level_min", level);
    }
    if creating {
        c.not_before("start_date", v.start_date, today);
    }
    c.not_before("expires_on", v.expires_on, today);
    if (v.expires_on - today).num_days() > MAX_LISTING_DAYS {
        c.push(
            FieldError::new("expires_on", "out_of_range")
                .with("min", today)
                .with("max", today + chrono::Duration::days(MAX_LISTING_DAYS)),
        );
    }
    c.finish()
}

fn employer_of(user: &AuthUser) -> AppResult<Uuid> {
    user.employer_id
        .ok_or_else(|| AppError::forbidden().detail("your employer membership is not approved yet"))
}

/// Creates a draft vacancy for the caller's employer.
#[utoipa::path(post, path = "/api/v1/vacancies", tag = "vacancies", request_body = CreateVacancy,
    security(("bearer" = ["employer"])),
    responses((status = 201, body = VacancyResponse), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create_vacancy(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateVacancy>,
) -> AppResult<HttpResponse> {
    let employer_id = employer_of(&user)?;
    let b = body.into_inner();
    let now = Utc::now();
    let new = Vacancy {
        id: Uuid::now_v7(),
        employer_id,
        title: b.title.trim().into(),
        occupation_code: b.occupation,
        description: b.description.trim().into(),
        required_skills: b
            .required_skills
            .into_iter()
            .map(|s| s.trim().to_owned())
            .collect(),
        optional_skills: b
            .optional_skills
            .into_iter()
            .map(|s| s.trim().to_owned())
            .collect(),
        region_code: b.region,
        city: b.city.trim().into(),
        positions: b.positions,
        salary_min: b.salary_min,
        salary_max: b.salary_max,
        housing: b.housing,
        meals: b.meals,
        transport: b.transport,
        hours_per_week: b.hours_per_week,
        contract_months: b.contract_months,
        russian_level_min: b.russian_level_min,
        start_date: b.start_date,
        expires_on: b.expires_on,
        open_to_foreign: b.open_to_foreign,
        status: "draft".into(),
        published_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    check_vacancy(&new, true)?;
    let created = db::transaction(&state.pool, move |conn| {
        let created = VacancyResponse::from(vacancy::insert(conn, &new)?);
        audit::record(
            conn,
            &user.actor(),
            "vacancy.created",
            "vacancy",
            created.id,
            None,
            Some(serde_json::to_value(&created).unwrap_or_default()),
        )?;
        search_change::record(conn, search_change::VACANCY, created.id, "upsert")?;
        Ok(created)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

fn is_owner(user: Option<&AuthUser>, v: &Vacancy) -> bool {
    user.is_some_and(|u| u.role == Role::Employer && u.employer_id == Some(v.employer_id))
}

fn publicly_visible(v: &Vacancy) -> bool {
    v.status == "published" && v.expires_on >= Utc::now().date_naive()
}

/// Published, unexpired vacancies, newest first, with filters; employers also list their own in
/// any status (`employer_id` = their employer).
#[utoipa::path(get, path = "/api/v1/vacancies", tag = "vacancies", params(VacancyQuery),
    security((), ("bearer" = [])),
    responses((status = 200, body = Page<VacancyResponse>), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn list_vacancies(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    query: web::Query<VacancyQuery>,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let paging = PageQuery {
        limit: q.limit,
        cursor: q.cursor,
    };
    let limit = paging.limit()?;
    let cursor = paging.uuid_cursor()?;
    let mut c = Check::new();
    if let Some(r) = &q.region {
        c.ru_region("region", r);
    }
    if let Some(o) = &q.occupation {
        c.occupation("occupation", o);
    }
    if let Some(s) = &q.status {
        c.one_of("status", s, &vacancy_status::STATUSES);
    }
    c.finish()?;
    let own = q.employer_id.is_some()
        && user
            .as_ref()
            .is_some_and(|u| u.role == Role::Employer && u.employer_id == q.employer_id);
    let today = Utc::now().date_naive();
    let filter = if own {
        VacancyFilter {
            region: q.region,
            occupation: q.occupation,
            employer_id: q.employer_id,
            statuses: q.status.map(|s| vec![s]),
            live_on: None,
        }
    } else {
        if q.status.as_deref().is_some_and(|s| s != "published") {
            return Err(
                AppError::forbidden().detail("only the employer lists its unpublished vacancies")
            );
        }
        VacancyFilter {
            region: q.region,
            occupation: q.occupation,
            employer_id: q.employer_id,
            statuses: Some(vec!["published".into()]),
            live_on: Some(today),
        }
    };
    let rows = db::run(&state.pool, move |conn| {
        Ok(vacancy::list(conn, &filter, cursor, limit + 1)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(page(
        rows,
        limit,
        |v| v.id.to_string(),
        VacancyResponse::from,
    )))
}

/// One vacancy: public once published and unexpired; otherwise only its employer sees it.
#[utoipa::path(get, path = "/api/v1/vacancies/{id}", tag = "vacancies", params(("id" = Uuid, Path)),
    security((), ("bearer" = [])),
    responses((status = 200, body = VacancyResponse), (status = 404, body = crate::error::Problem)))]
pub async fn get_vacancy(
    state: web::Data<AppState>,
    user: Option<AuthUser>,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let v = db::run(&state.pool, move |conn| Ok(vacancy::find(conn, id)?)).await?;
    let staff = user
        .as_ref()
        .is_some_and(|u| matches!(u.role, Role::Ministry | Role::Admin));
    if !(publicly_visible(&v) || is_owner(user.as_ref(), &v) || staff) {
        return Err(AppError::not_found());
    }
    Ok(HttpResponse::Ok().json(VacancyResponse::from(v)))
}

/// Edits the caller's vacancy (not once it is filled or closed).
#[utoipa::path(patch, path = "/api/v1/vacancies/{id}", tag = "vacancies", params(("id" = Uuid, Path)),
    request_body = UpdateVacancy, security(("bearer" = ["employer"])),
    responses((status = 200, body = VacancyResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn update_vacancy(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<UpdateVacancy>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let b = body.into_inner();
    let changes = VacancyChanges {
        title: b.title.map(|s| s.trim().into()),
        occupation_code: b.occupation,
        description: b.description.map(|s| s.trim().into()),
        required_skills: b
            .required_skills
            .map(|l| l.into_iter().map(|s| s.trim().to_owned()).collect()),
        optional_skills: b
            .optional_skills
            .map(|l| l.into_iter().map(|s| s.trim().to_owned()).collect()),
        region_code: b.region,
        city: b.city.map(|s| s.trim().into()),
        positions: b.positions,
        salary_min: b.salary_min,
        salary_max: b.salary_max,
        housing: b.housing,
        meals: b.meals,
        transport: b.transport,
        hours_per_week: b.hours_per_week,
        contract_months: b.contract_months,
        russian_level_min: b.russian_level_min,
        start_date: b.start_date,
        expires_on: b.expires_on,
        open_to_foreign: b.open_to_foreign,
        status: None,
        published_at: None,
    };
    let updated = db::transaction(&state.pool, move |conn| {
        let before = vacancy::find_for_update(conn, id)?;
        if !is_owner(Some(&user), &before) {
            return Err(AppError::not_found());
        }
        if !vacancy_status::is_editable(&before.status) {
            return Err(AppError::new(ErrorCode::InvalidTransition)
                .detail("a filled or closed vacancy cannot be edited"));
        }
        let mut preview = before.clone();
        apply(&mut preview, &changes);
        check_vacancy(&preview, false)?;
        let after = vacancy::update(conn, id, &changes)?;
        let (before, after) = (VacancyResponse::from(before), VacancyResponse::from(after));
        audit::record(
            conn,
            &user.actor(),
            "vacancy.updated",
            "vacancy",
            id,
            Some(serde_json::to_value(&before).unwrap_or_default()),
            Some(serde_json::to_value(&after).unwrap_or_default()),
        )?;
        search_change::record(conn, search_change::VACANCY, id, "upsert")?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok().json(updated))
}

fn apply(v: &mut Vacancy, c: &VacancyChanges) {
    macro_rules! set {
        ($($field:ident),*) => { $( if let Some(x) = &c.$field { v.$field = x.clone(); } )* };
    }
    set!(
        title,
        occupation_code,
        description,
        required_skills,
        optional_skills,
        region_code,
        city,
        positions,
        salary_min,
        salary_max,
        housing,
        meals,
        transport,
        hours_per_week,
        contract_months,
        russian_level_min,
        start_date,
        expires_on,
        open_to_foreign
    );
}

/// Publishes, pauses, marks filled or closes the caller's vacancy.
#[utoipa::path(post, path = "/api/v1/vacancies/{id}/status", tag = "vacancies", params(("id" = Uuid, Path)),
    request_body = ChangeStatus, security(("bearer" = ["employer"])),
    responses((status = 200, body = VacancyResponse), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn change_vacancy_status(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
    body: web::Json<ChangeStatus>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let target = body.into_inner().status;
    let mut c = Check::new();
    c.one_of("status", &target, &vacancy_status::REQUESTABLE);
    c.finish()?;
    let updated = db::transaction(&state.pool, move |conn| {
        let before = vacancy::find_for_update(conn, id)?;
        if !is_owner(Some(&user), &before) {
            return Err(AppError::not_found());
        }
        let today = Utc::now().date_naive();
        // The effective status: past its expiry date a listed vacancy is expired.
        let current = VacancyResponse::from(before.clone()).status;
        if !vacancy_status::can_transition(&current, &target) {
            return Err(AppError::new(ErrorCode::InvalidTransition)
                .detail(format!("{current} → {target} is not allowed")));
        }
        if target == "published" && before.expires_on < today {
            return Err(AppError::field("expires_on", "date_in_past"));
        }
        let changes = VacancyChanges {
            status: Some(target.clone()),
            published_at: (target == "published" && before.published_at.is_none())
                .then_some(Some(Utc::now())),
            ..Default::default()
        };
        let after = VacancyResponse::from(vacancy::update(conn, id, &changes)?);
        audit::record(
            conn,
            &user.actor(),
            "vacancy.status_changed",
            "vacancy",
            id,
            Some(serde_json::json!({"status": current})),
            Some(serde_json::json!({"status": after.status})),
        )?;
        search_change::record(conn, search_change::VACANCY, id, "upsert")?;
        Ok(after)
    })
    .await?;
    Ok(HttpResponse::Ok().json(updated))
}
