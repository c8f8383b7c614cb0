//! Demo data for `make run`: loaded only into an empty database.

use chrono::{Duration, NaiveDate, Utc};
use diesel::pg::PgConnection;
use diesel::Connection;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::password;
use crate::crypto::{normalise_passport, DataCipher};
use crate::db::models::audit::Actor;
use crate::db::models::candidate::{self, CandidateProfile};
use crate::db::models::consent::{self, Consent};
use crate::db::models::organisation::{self, Agency, Centre, Employer};
use crate::db::models::search_change;
use crate::db::models::user::{self, NewUser};
use crate::db::models::vacancy::{self, Vacancy};
use crate::domain::members::Organisation;
use crate::domain::placement::{Origin, PlacementState};
use crate::services::accounts;

/// DEVELOPMENT DEFAULT: every demo account signs in with this password.
pub const DEMO_PASSWORD: &str = "orgnabor-demo-2026";

pub mod complaints;
pub mod generate;
pub mod later;
pub mod placements;
pub mod quota;
pub mod readiness;
pub mod reviews;

const DEMO: &str = include_str!("demo.json");

/// Demo placements as (migrant, vacancy, how it began, how far it got, reason), indices into
/// `demo.json`: one at each state up to `approved`, an agency's proposal among the approved.
/// `later::STORIES` takes more placements through departure to the end of work.
const DEMO_PLACEMENTS: &[(usize, usize, Origin, PlacementState, Option<&str>)] = &[
    (0, 0, Origin::Proposed, PlacementState::Approved, None),
    (8, 14, Origin::Applied, PlacementState::Approved, None),
    // Citizens of Uzbekistan and Tajikistan need quota: their approvals take the employers' units
    // (`seed::quota`), leaving УралСтройМонтаж units and Анапа Курорт Сервис none.
    (22, 0, Origin::Proposed, PlacementState::Approved, None),
    (23, 14, Origin::Proposed, PlacementState::Approved, None),
    (1, 2, Origin::Applied, PlacementState::UnderReview, None),
    (4, 11, Origin::Invited, PlacementState::Offered, None),
    (5, 10, Origin::Applied, PlacementState::Shortlisted, None),
    (7, 7, Origin::Applied, PlacementState::Applied, None),
    (3, 15, Origin::Proposed, PlacementState::Proposed, None),
    (6, 9, Origin::Invited, PlacementState::Invited, None),
    (
        9,
        0,
        Origin::Applied,
        PlacementState::Rejected,
        Some("Нужен опыт сварки трубопроводов не менее 3 лет"),
    ),
    (
        2,
        13,
        Origin::Applied,
        PlacementState::Withdrawn,
        Some("Остаюсь работать в Бишкеке"),
    ),
];

#[derive(Deserialize)]
struct Demo {
    employers: Vec<DemoEmployer>,
    vacancies: Vec<DemoVacancy>,
    migrants: Vec<DemoMigrant>,
    agency: DemoAgency,
    centre: DemoCentre,
    ministry: DemoUsers,
    admin: DemoUsers,
}

#[derive(Deserialize, Clone)]
struct DemoUser {
    email: String,
    full_name: String,
    locale: String,
}

#[derive(Deserialize)]
struct DemoUsers {
    users: Vec<DemoUser>,
}

#[derive(Deserialize)]
struct DemoEmployer {
    inn: String,
    ogrn: Option<String>,
    name: String,
    region: String,
    city: String,
    address: Option<String>,
    contact_email: Option<String>,
    contact_phone: Option<String>,
    website: Option<String>,
    users: Vec<DemoUser>,
}

#[derive(Deserialize)]
struct DemoVacancy {
    employer_inn: String,
    title: String,
    occupation: String,
    description: String,
    required_skills: Vec<String>,
    optional_skills: Vec<String>,
    region: String,
    city: String,
    positions: i32,
    salary_min: i32,
    salary_max: i32,
    housing: bool,
    meals: bool,
    transport: bool,
    hours_per_week: i32,
    contract_months: i32,
    russian_level_min: Option<String>,
    start_in_days: i64,
    expires_in_days: i64,
    open_to_foreign: bool,
    status: String,
}

#[derive(Deserialize)]
struct DemoLanguage {
    code: String,
    level: String,
}

#[derive(Deserialize)]
struct DemoProfile {
    first_name: String,
    last_name: String,
    date_of_birth: NaiveDate,
    gender: String,
    citizenship: String,
    passport_number: String,
    passport_expiry: NaiveDate,
    phone: Option<String>,
    languages: Vec<DemoLanguage>,
    occupations: Vec<String>,
    skills: String,
    experience_years: i32,
    education_level: Option<i16>,
    preferred_regions: Vec<String>,
    salary_min: Option<i32>,
    available_from_in_days: Option<i64>,
    searchable: bool,
}

#[derive(Deserialize)]
struct DemoMigrant {
    #[serde(flatten)]
    user: DemoUser,
    profile: DemoProfile,
    /// `agency` and/or `centre`; when absent, every third migrant is the agency's and the others
    /// the centre's.
    #[serde(default)]
    represented_by: Vec<String>,
}

#[derive(Deserialize)]
struct DemoAgency {
    name: String,
    inn: String,
    licence_number: String,
    licence_issuer: String,
    licence_valid_from: NaiveDate,
    licence_valid_to: NaiveDate,
    licence_regions: Vec<String>,
    users: Vec<DemoUser>,
}

#[derive(Deserialize)]
struct DemoCentre {
    name: String,
    city: String,
    region: String,
    address: Option<String>,
    users: Vec<DemoUser>,
}

pub struct Login {
    pub role: &'static str,
    pub email: String,
}

fn demo() -> anyhow::Result<Demo> {
    Ok(serde_json::from_str(DEMO)?)
}

/// The demo accounts, one line each, for `make run` to print.
pub fn logins() -> anyhow::Result<Vec<Login>> {
    let d = demo()?;
    let mut out = Vec::new();
    let mut add = |role: &'static str, users: &[DemoUser]| {
        out.extend(users.iter().map(|u| Login {
            role,
            email: u.email.clone(),
        }));
    };
    add("admin", &d.admin.users);
    add("ministry", &d.ministry.users);
    add("agency", &d.agency.users);
    add("centre", &d.centre.users);
    for e in &d.employers {
        add("employer", &e.users);
    }
    let migrants: Vec<DemoUser> = d.migrants.iter().map(|m| m.user.clone()).collect();
    add("migrant", &migrants);
    Ok(out)
}

/// Loads the demo data if the database has no users yet. Returns whether it loaded anything.
pub fn load_if_empty(conn: &mut PgConnection, cipher: &DataCipher) -> anyhow::Result<bool> {
    if user::any_exist(conn)? {
        return Ok(false);
    }
    let d = demo()?;
    let hash = password::hash(DEMO_PASSWORD)?;
    let now = Utc::now();
    let today = now.date_naive();
    let system = Actor {
        id: None,
        role: Some("system".into()),
        request_id: Some("seed-demo".into()),
    };
    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let make_user =
            |conn: &mut PgConnection, u: &DemoUser, role: &str| -> anyhow::Result<Uuid> {
                let created = user::insert(
                    conn,
                    &NewUser {
                        id: Uuid::now_v7(),
                        email: &u.email.to_lowercase(),
                        password_hash: &hash,
                        role,
                        full_name: &u.full_name,
                        locale: &u.locale,
                    },
                )?;
                user::update(
                    conn,
                    created.id,
                    user::UserChanges {
                        email_verified_at: Some(Some(now)),
                        ..Default::default()
                    },
                )?;
                accounts::record_created(conn, &system, cipher, created.id)?;
                Ok(created.id)
            };
        for u in d.admin.users.iter() {
            make_user(conn, u, "admin")?;
        }
        let mut ministry_user = None;
        for u in d.ministry.users.iter() {
            ministry_user.get_or_insert(make_user(conn, u, "ministry")?);
        }
        let agency = organisation::insert_agency(
            conn,
            &Agency {
                id: Uuid::now_v7(),
                name: d.agency.name.clone(),
                inn: d.agency.inn.clone(),
                country: "KG".into(),
                contact_email: d.agency.users.first().map(|u| u.email.clone()),
                contact_phone: None,
                licence_number: d.agency.licence_number.clone(),
                licence_issuer: d.agency.licence_issuer.clone(),
                licence_valid_from: d.agency.licence_valid_from,
                licence_valid_to: d.agency.licence_valid_to,
                licence_regions: d.agency.licence_regions.clone(),
                licence_status: "active".into(),
                created_at: now,
                updated_at: now,
            },
        )?;
        // The first listed member of each demo organisation is its owner, who approves the others.
        let mut agency_user = None;
        for (i, u) in d.agency.users.iter().enumerate() {
            let id = make_user(conn, u, "agency")?;
            agency_user.get_or_insert(id);
            user::join(
                conn,
                id,
                Organisation::Agency(agency.id.into()),
                true,
                i == 0,
            )?;
        }
        let centre = organisation::insert_centre(
            conn,
            &Centre {
                id: Uuid::now_v7(),
                name: d.centre.name.clone(),
                region_code: d.centre.region.clone(),
                city: d.centre.city.clone(),
                address: d.centre.address.clone(),
                contact_email: d.centre.users.first().map(|u| u.email.clone()),
                contact_phone: None,
                created_at: now,
                updated_at: now,
            },
        )?;
        let mut centre_user = None;
        for (i, u) in d.centre.users.iter().enumerate() {
            let id = make_user(conn, u, "centre")?;
            user::join(
                conn,
                id,
                Organisation::Centre(centre.id.into()),
                true,
                i == 0,
            )?;
            centre_user.get_or_insert(id);
        }
        let mut employer_ids = std::collections::HashMap::new();
        let mut employer_people = std::collections::HashMap::new();
        let mut vacancies = Vec::new();
        let mut profiles = Vec::new();
        for e in &d.employers {
            let employer = organisation::insert_employer(
                conn,
                &Employer {
                    id: Uuid::now_v7(),
                    inn: e.inn.clone(),
                    ogrn: e.ogrn.clone(),
                    name: e.name.clone(),
                    region_code: e.region.clone(),
                    city: e.city.clone(),
                    address: e.address.clone(),
                    contact_email: e.contact_email.clone(),
                    contact_phone: e.contact_phone.clone(),
                    website: e.website.clone(),
                    created_at: now,
                    updated_at: now,
                },
            )?;
            employer_ids.insert(e.inn.clone(), employer.id);
            for (i, u) in e.users.iter().enumerate() {
                let id = make_user(conn, u, "employer")?;
                if i == 0 {
                    employer_people.insert(employer.id, (id, employer.name.clone(), employer.inn.clone()));
                }
                user::join(
                    conn,
                    id,
                    Organisation::Employer(employer.id.into()),
                    true,
                    i == 0,
                )?;
            }
        }
        for v in &d.vacancies {
            let employer_id = *employer_ids.get(&v.employer_inn).ok_or_else(|| {
                anyhow::anyhow!("demo vacancy for unknown employer {}", v.employer_inn)
            })?;
            let created = vacancy::insert(
                conn,
                &Vacancy {
                    id: Uuid::now_v7(),
                    employer_id,
                    title: v.title.clone(),
                    occupation_code: v.occupation.clone(),
                    description: v.description.clone(),
                    required_skills: v.required_skills.clone(),
                    optional_skills: v.optional_skills.clone(),
                    region_code: v.region.clone(),
                    city: v.city.clone(),
                    positions: v.positions,
                    positions_filled: 0,
                    salary_min: v.salary_min,
                    salary_max: v.salary_max,
                    housing: v.housing,
                    meals: v.meals,
                    transport: v.transport,
                    hours_per_week: v.hours_per_week,
                    contract_months: v.contract_months,
                    russian_level_min: v.russian_level_min.clone(),
                    start_date: today + Duration::days(v.start_in_days),
                    expires_on: today + Duration::days(v.expires_in_days),
                    open_to_foreign: v.open_to_foreign,
                    status: v.status.clone(),
                    published_at: (v.status != "draft").then_some(now),
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            search_change::record(conn, search_change::VACANCY, created.id, "upsert")?;
            vacancies.push(created);
        }
        for (i, m) in d.migrants.iter().enumerate() {
            let user_id = make_user(conn, &m.user, "migrant")?;
            let p = &m.profile;
            let passport = normalise_passport(&p.passport_number);
            let languages: Vec<_> = p
                .languages
                .iter()
                .map(|l| serde_json::json!({"code": l.code, "level": l.level}))
                .collect();
            let profile = candidate::insert(
                conn,
                &CandidateProfile {
                    id: Uuid::now_v7(),
                    user_id: Some(user_id),
                    created_by: user_id,
                    first_name: p.first_name.clone(),
                    last_name: p.last_name.clone(),
                    date_of_birth: p.date_of_birth,
                    gender: p.gender.clone(),
                    citizenship: p.citizenship.clone(),
                    passport_ciphertext: cipher.seal(&passport)?,
                    passport_hmac: cipher.lookup_hash(&passport),
                    passport_last4: passport[passport.len().saturating_sub(4)..].to_owned(),
                    passport_expiry: p.passport_expiry,
                    email: Some(m.user.email.clone()),
                    phone: p.phone.clone(),
                    languages: serde_json::Value::Array(languages),
                    russian_level: p
                        .languages
                        .iter()
                        .find(|l| l.code == "ru")
                        .map(|l| l.level.clone()),
                    occupations: p.occupations.clone(),
                    skills: p.skills.clone(),
                    experience_years: p.experience_years,
                    education_level: p.education_level,
                    preferred_regions: p.preferred_regions.clone(),
                    salary_min: p.salary_min,
                    available_from: p.available_from_in_days.map(|d| today + Duration::days(d)),
                    searchable: p.searchable,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            // Every third migrant is represented by the agency, the others by the centre, unless
            // the demo says otherwise.
            let by: Vec<&str> = if m.represented_by.is_empty() {
                vec![if i % 3 == 0 { "agency" } else { "centre" }]
            } else {
                m.represented_by.iter().map(String::as_str).collect()
            };
            for rep in by {
                let (agency_id, centre_id) = match rep {
                    "agency" => (Some(agency.id), None),
                    "centre" => (None, Some(centre.id)),
                    other => anyhow::bail!("demo migrant represented by {other}"),
                };
                consent::insert(
                    conn,
                    &Consent {
                        id: Uuid::now_v7(),
                        profile_id: profile.id,
                        agency_id,
                        centre_id,
                        method: "online".into(),
                        granted_by: user_id,
                        granted_at: now - Duration::days(500),
                        revoked_by: None,
                        revoked_at: None,
                    },
                )?;
            }
            search_change::record(conn, search_change::CANDIDATE, profile.id, "upsert")?;
            profiles.push((
                profile,
                crate::i18n::Locale::parse(&m.user.locale).unwrap_or(crate::i18n::Locale::Ru),
            ));
        }
        let (Some(agency_user), Some(ministry_user)) = (agency_user, ministry_user) else {
            anyhow::bail!("the demo needs an agency and a ministry account");
        };
        let cast_for = |v: &Vacancy| -> anyhow::Result<placements::Cast> {
            let (user, name, inn) = employer_people
                .get(&v.employer_id)
                .cloned()
                .ok_or_else(|| anyhow::anyhow!("demo employer without an account"))?;
            Ok(placements::Cast {
                employer_user: user,
                employer_name: name,
                employer_inn: inn,
                agency: agency.id,
                agency_user,
                agency_name: agency.name.clone(),
                agency_licence: agency.licence_number.clone(),
                ministry_user,
            })
        };
        let employer_users: std::collections::HashMap<Uuid, Uuid> = employer_people
            .iter()
            .map(|(employer, (user, _, _))| (*employer, *user))
            .collect();
        quota::load(
            conn,
            &quota::World {
                now,
                vacancies: &vacancies,
                employer_users: &employer_users,
                ministry_user,
            },
        )?;
        for &(migrant, vacancy, origin, until, reason) in DEMO_PLACEMENTS {
            let (Some((candidate, locale)), Some(v)) = (profiles.get(migrant), vacancies.get(vacancy)) else {
                anyhow::bail!("demo placement names migrant {migrant} or vacancy {vacancy} that does not exist");
            };
            let cast = cast_for(v)?;
            placements::play(
                conn,
                &placements::Case {
                    candidate,
                    locale: *locale,
                    vacancy: v,
                    cast: &cast,
                    origin,
                    until,
                    reason,
                },
            )?;
        }
        let Some(centre_user) = centre_user else {
            anyhow::bail!("the demo needs a centre account");
        };
        let world = later::World {
            today,
            loaded_at: now,
            profiles: &profiles,
            vacancies: &vacancies,
            cast_for: &cast_for,
            centre: centre.id,
            centre_user,
            ministry_user,
        };
        let played = later::load(conn, &world)?;
        complaints::load(conn, &world, &played)?;
        reviews::load(conn, &played)?;
        generate_more(conn, cipher, centre_user, centre.id)?;
        // Published vacancies and agencies get their public verification codes.
        crate::db::models::verification::ensure_all(conn)?;
        Ok(())
    })?;
    Ok(true)
}

/// Generated demo data on top of the hand-written accounts: enough to try searches in several
/// languages (290 more vacancies from 30 employers, 1,000 candidates registered by the centre).
fn generate_more(
    conn: &mut PgConnection,
    cipher: &DataCipher,
    centre_user: Uuid,
    centre_id: Uuid,
) -> anyhow::Result<()> {
    let mut g = generate::Generator::new(2026)?;
    let employers: Vec<Uuid> = (0..30)
        .map(|n| organisation::insert_employer(conn, &g.employer(n)).map(|e| e.id))
        .collect::<Result<_, _>>()?;
    for n in 0..290 {
        let v = vacancy::insert(conn, &g.vacancy(employers[n % employers.len()]))?;
        search_change::record(conn, search_change::VACANCY, v.id, "upsert")?;
    }
    for n in 0..1000 {
        let p = candidate::insert(conn, &g.candidate(n, centre_user, cipher)?)?;
        consent::insert(
            conn,
            &Consent {
                id: Uuid::now_v7(),
                profile_id: p.id,
                agency_id: None,
                centre_id: Some(centre_id),
                method: "in_person".into(),
                granted_by: centre_user,
                granted_at: p.created_at,
                revoked_by: None,
                revoked_at: None,
            },
        )?;
        search_change::record(conn, search_change::CANDIDATE, p.id, "upsert")?;
    }
    Ok(())
}
