use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::vacancies;
use crate::domain::ids::{EmployerId, VacancyId};
use crate::domain::vacancy::{VacancyStatus, VacancyTerms};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = vacancies)]
pub struct Vacancy {
    pub id: Uuid,
    pub employer_id: Uuid,
    pub title: String,
    pub occupation_code: String,
    pub description: String,
    pub required_skills: Vec<String>,
    pub optional_skills: Vec<String>,
    pub region_code: String,
    pub city: String,
    pub positions: i32,
    /// Positions taken by approved placements (≤ `positions`, a CHECK in the database).
    pub positions_filled: i32,
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

#[derive(Debug, Default, Clone, AsChangeset)]
#[diesel(table_name = vacancies)]
pub struct VacancyChanges {
    pub title: Option<String>,
    pub occupation_code: Option<String>,
    pub description: Option<String>,
    pub required_skills: Option<Vec<String>>,
    pub optional_skills: Option<Vec<String>>,
    pub region_code: Option<String>,
    pub city: Option<String>,
    pub positions: Option<i32>,
    pub salary_min: Option<i32>,
    pub salary_max: Option<i32>,
    pub housing: Option<bool>,
    pub meals: Option<bool>,
    pub transport: Option<bool>,
    pub hours_per_week: Option<i32>,
    pub contract_months: Option<i32>,
    pub russian_level_min: Option<Option<String>>,
    pub start_date: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub open_to_foreign: Option<bool>,
    pub status: Option<String>,
    pub published_at: Option<Option<DateTime<Utc>>>,
}

impl Vacancy {
    /// A new draft with these terms.
    pub fn draft(id: VacancyId, employer: EmployerId, t: VacancyTerms, now: DateTime<Utc>) -> Self {
        Self {
            id: id.uuid(),
            employer_id: employer.uuid(),
            title: t.title,
            occupation_code: t.occupation,
            description: t.description,
            required_skills: t.required_skills,
            optional_skills: t.optional_skills,
            region_code: t.region,
            city: t.city,
            positions: t.positions,
            positions_filled: 0,
            salary_min: t.salary_min,
            salary_max: t.salary_max,
            housing: t.housing,
            meals: t.meals,
            transport: t.transport,
            hours_per_week: t.hours_per_week,
            contract_months: t.contract_months,
            russian_level_min: t.russian_level_min,
            start_date: t.start_date,
            expires_on: t.expires_on,
            open_to_foreign: t.open_to_foreign,
            status: VacancyStatus::Draft.as_str().to_owned(),
            published_at: None,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    pub fn terms(&self) -> VacancyTerms {
        VacancyTerms {
            title: self.title.clone(),
            occupation: self.occupation_code.clone(),
            description: self.description.clone(),
            required_skills: self.required_skills.clone(),
            optional_skills: self.optional_skills.clone(),
            region: self.region_code.clone(),
            city: self.city.clone(),
            positions: self.positions,
            salary_min: self.salary_min,
            salary_max: self.salary_max,
            housing: self.housing,
            meals: self.meals,
            transport: self.transport,
            hours_per_week: self.hours_per_week,
            contract_months: self.contract_months,
            russian_level_min: self.russian_level_min.clone(),
            start_date: self.start_date,
            expires_on: self.expires_on,
            open_to_foreign: self.open_to_foreign,
        }
    }

    /// The stored status; the CHECK constraint admits only known names.
    pub fn status(&self) -> VacancyStatus {
        self.status.parse().unwrap_or(VacancyStatus::Closed)
    }

    /// Positions not yet taken by an approved placement.
    pub fn positions_left(&self) -> i32 {
        (self.positions - self.positions_filled).max(0)
    }

    pub fn vacancy_id(&self) -> VacancyId {
        self.id.into()
    }

    pub fn employer(&self) -> EmployerId {
        self.employer_id.into()
    }
}

impl VacancyChanges {
    /// Every term set to the given values (an edit is checked on the whole terms first).
    pub fn terms(t: VacancyTerms) -> Self {
        let draft = Vacancy::draft(VacancyId::generate(), EmployerId::generate(), t, Utc::now());
        Self {
            title: Some(draft.title),
            occupation_code: Some(draft.occupation_code),
            description: Some(draft.description),
            required_skills: Some(draft.required_skills),
            optional_skills: Some(draft.optional_skills),
            region_code: Some(draft.region_code),
            city: Some(draft.city),
            positions: Some(draft.positions),
            salary_min: Some(draft.salary_min),
            salary_max: Some(draft.salary_max),
            housing: Some(draft.housing),
            meals: Some(draft.meals),
            transport: Some(draft.transport),
            hours_per_week: Some(draft.hours_per_week),
            contract_months: Some(draft.contract_months),
            russian_level_min: Some(draft.russian_level_min),
            start_date: Some(draft.start_date),
            expires_on: Some(draft.expires_on),
            open_to_foreign: Some(draft.open_to_foreign),
            status: None,
            published_at: None,
        }
    }

    pub fn status(status: VacancyStatus, published_at: Option<DateTime<Utc>>) -> Self {
        Self {
            status: Some(status.as_str().to_owned()),
            published_at: published_at.map(Some),
            ..Default::default()
        }
    }
}

pub fn insert(conn: &mut PgConnection, v: &Vacancy) -> QueryResult<Vacancy> {
    diesel::insert_into(vacancies::table)
        .values(v)
        .returning(Vacancy::as_returning())
        .get_result(conn)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vacancy> {
    vacancies::table
        .find(id)
        .select(Vacancy::as_select())
        .first(conn)
}

pub fn find_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vacancy> {
    vacancies::table
        .find(id)
        .select(Vacancy::as_select())
        .for_update()
        .first(conn)
}

pub fn update(conn: &mut PgConnection, id: Uuid, changes: &VacancyChanges) -> QueryResult<Vacancy> {
    diesel::update(vacancies::table.find(id))
        .set((
            changes,
            vacancies::version.eq(vacancies::version + 1),
            vacancies::updated_at.eq(Utc::now()),
        ))
        .returning(Vacancy::as_returning())
        .get_result(conn)
}

#[derive(Debug, Default, Clone)]
pub struct VacancyFilter {
    pub region: Option<String>,
    pub occupation: Option<String>,
    pub employer_id: Option<Uuid>,
    /// `None`: any status (owner listing).
    pub statuses: Option<Vec<VacancyStatus>>,
    /// Hide vacancies whose expiry date has passed.
    pub live_on: Option<NaiveDate>,
}

pub fn list(
    conn: &mut PgConnection,
    filter: &VacancyFilter,
    before: Option<Uuid>,
    limit: i64,
) -> QueryResult<Vec<Vacancy>> {
    let mut q = vacancies::table.select(Vacancy::as_select()).into_boxed();
    if let Some(r) = &filter.region {
        q = q.filter(vacancies::region_code.eq(r.clone()));
    }
    if let Some(o) = &filter.occupation {
        q = q.filter(vacancies::occupation_code.eq(o.clone()));
    }
    if let Some(e) = filter.employer_id {
        q = q.filter(vacancies::employer_id.eq(e));
    }
    if let Some(s) = &filter.statuses {
        q = q.filter(vacancies::status.eq_any(VacancyStatus::names(s)));
    }
    if let Some(day) = filter.live_on {
        q = q.filter(vacancies::expires_on.ge(day));
    }
    if let Some(cursor) = before {
        q = q.filter(vacancies::id.lt(cursor));
    }
    q.order(vacancies::id.desc()).limit(limit).load(conn)
}

/// Published or paused vacancies whose expiry date has passed; locked for the sweep.
pub fn due_to_expire(conn: &mut PgConnection, today: NaiveDate) -> QueryResult<Vec<Vacancy>> {
    vacancies::table
        .filter(vacancies::status.eq_any(VacancyStatus::names(&[
            VacancyStatus::Published,
            VacancyStatus::Paused,
        ])))
        .filter(vacancies::expires_on.lt(today))
        .select(Vacancy::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

/// Published vacancies among `ids` whose listing date has not passed (search hits re-checked).
pub fn find_public(
    conn: &mut PgConnection,
    ids: &[Uuid],
    today: NaiveDate,
) -> QueryResult<Vec<Vacancy>> {
    vacancies::table
        .filter(vacancies::id.eq_any(ids))
        .filter(vacancies::status.eq(VacancyStatus::Published.as_str()))
        .filter(vacancies::expires_on.ge(today))
        .select(Vacancy::as_select())
        .load(conn)
}

/// Takes one position of a published vacancy for an approved placement; the last one fills it.
/// `None` when the vacancy is not published or has no position left. One UPDATE with its guard
/// in the WHERE clause: concurrent approvals queue on the row lock and each re-reads the row
/// (READ COMMITTED re-checks the WHERE on the new version), so the last position goes to
/// exactly one of them, and the CHECK `positions_filled <= positions` stands behind it.
pub fn take_position(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Vacancy>> {
    use diesel::dsl::sql;
    use diesel::sql_types::Text;
    diesel::update(
        vacancies::table
            .find(id)
            .filter(vacancies::status.eq(VacancyStatus::Published.as_str()))
            .filter(vacancies::positions_filled.lt(vacancies::positions)),
    )
    .set((
        vacancies::positions_filled.eq(vacancies::positions_filled + 1),
        vacancies::status.eq(sql::<Text>(&format!(
            "CASE WHEN positions_filled + 1 >= positions THEN '{}' ELSE status END",
            VacancyStatus::Filled.as_str()
        ))),
        vacancies::version.eq(vacancies::version + 1),
        vacancies::updated_at.eq(Utc::now()),
    ))
    .returning(Vacancy::as_returning())
    .get_result(conn)
    .optional()
}

/// Gives a position back when an approved placement ends before work began. A vacancy that the
/// approvals filled is published again; one the employer marked filled by hand stays filled.
pub fn return_position(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Vacancy>> {
    use diesel::dsl::sql;
    use diesel::sql_types::Text;
    diesel::update(
        vacancies::table
            .find(id)
            .filter(vacancies::positions_filled.gt(0)),
    )
    .set((
        vacancies::positions_filled.eq(vacancies::positions_filled - 1),
        vacancies::status.eq(sql::<Text>(&format!(
            "CASE WHEN status = '{}' AND positions_filled >= positions THEN '{}' ELSE status END",
            VacancyStatus::Filled.as_str(),
            VacancyStatus::Published.as_str()
        ))),
        vacancies::version.eq(vacancies::version + 1),
        vacancies::updated_at.eq(Utc::now()),
    ))
    .returning(Vacancy::as_returning())
    .get_result(conn)
    .optional()
}
