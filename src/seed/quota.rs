//! Demo quota: the ministry's caps for the years and regions of the demo vacancies, one
//! application of the demo employers in each state (each step through `domain::quota::check_step`
//! and the local-hiring test, each grant through the guarded `allocate`), and a demo closure of an
//! occupation a demo employer wants, with the draft it would block. The units themselves are
//! taken by the demo placements' approvals (`seed::placements`, through
//! `services::quota::take_unit_for`), so `used <= granted <= cap` holds as the service leaves it:
//! УралСтройМонтаж keeps units, Анапа Курорт Сервис has used all it was granted.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::models::audit::Actor;
use crate::db::models::quota::{self as rows, Application, Cap};
use crate::db::models::quota_policy::{self as policy_rows, ClosedOccupation};
use crate::db::models::vacancy::Vacancy;
use crate::db::schema::{quota_applications, vacancies};
use crate::domain::audit::AuditAction;
use crate::domain::quota::{self as rules, ApplicationState as A, Evidence, LabourMarketTest};
use crate::domain::role::Role;
use crate::services::{audit, quota_policy};

/// The units of every demo cap.
pub const DEMO_CAP: i32 = 40;

/// Days before the load on which the demo applications' linked vacancies were published, the
/// applications drafted, submitted, taken under review and decided (or withdrawn).
const PUBLISHED: i64 = 60;
const DRAFTED: i64 = 45;
const SUBMITTED: i64 = 40;
const REVIEWED: i64 = 38;
const WITHDRAWN: i64 = 36;
const DECIDED: i64 = 30;

/// One demo application: the demo vacancy (an index into `demo.json`) it is for and that is its
/// local-hiring evidence, the workers asked for, and the steps after the draft with the workers
/// granted and the reason.
struct Demo {
    vacancy: usize,
    workers: i32,
    justification: &'static str,
    steps: &'static [(A, Option<i32>, Option<&'static str>)],
}

/// The steps up to a decision.
const SUBMIT: (A, Option<i32>, Option<&str>) = (A::Submitted, None, None);
const REVIEW: (A, Option<i32>, Option<&str>) = (A::UnderReview, None, None);

/// The main demo employer's welders: approved, with units left after its placement.
pub const MAIN_VACANCY: usize = 0;
/// The hotel maids of Анапа Курорт Сервис: partially approved, every unit used by placements.
pub const EXHAUSTED_VACANCY: usize = 14;
/// The truck drivers of МосПродЛогистика: the demo closure bars them; the draft stays a draft.
pub const CLOSED_VACANCY: usize = 5;

const APPLICATIONS: &[Demo] = &[
    Demo {
        vacancy: MAIN_VACANCY,
        workers: 4,
        justification: "Монтаж металлоконструкций цеха в Екатеринбурге: нужны 4 сварщика РДС с опытом. \
                        Вакансия открыта для местных соискателей, откликов сварщиков с допуском нет.",
        steps: &[
            SUBMIT,
            REVIEW,
            (
                A::Approved,
                Some(4),
                Some("Потребность подтверждена: вакансия опубликована более 14 дней, местные сварщики \
                      с допуском не откликнулись; в пределах квоты региона по группе 72"),
            ),
        ],
    },
    Demo {
        vacancy: EXHAUSTED_VACANCY,
        workers: 3,
        justification: "Курортный сезон в Анапе: 3 горничные в гостиницу, жильё и питание за счёт работодателя.",
        steps: &[
            SUBMIT,
            REVIEW,
            (
                A::PartiallyApproved,
                Some(2),
                Some("Одобрено 2 из 3: центр занятости Анапы направил местную соискательницу, \
                      потребность в иностранных работниках меньше заявленной"),
            ),
        ],
    },
    Demo {
        vacancy: 10,
        workers: 4,
        justification: "Расширение молочного комплекса: 4 оператора машинного доения.",
        steps: &[
            SUBMIT,
            REVIEW,
            (
                A::Rejected,
                None,
                Some("Отказ: в центрах занятости Татарстана на учёте операторы машинного доения; \
                      работодателю направлены местные кандидаты"),
            ),
        ],
    },
    Demo {
        vacancy: 11,
        workers: 2,
        justification: "Посевная и заготовка кормов: 2 тракториста-машиниста.",
        steps: &[SUBMIT, REVIEW],
    },
    Demo {
        vacancy: 7,
        workers: 2,
        justification: "Новый склад: 2 водителя погрузчика (ричтрак), местных с опытом нет.",
        steps: &[SUBMIT],
    },
    Demo {
        vacancy: 2,
        workers: 5,
        justification: "Жилой комплекс в Тюмени: бригада из 5 каменщиков.",
        steps: &[
            SUBMIT,
            (
                A::Withdrawn,
                None,
                Some("Бригада укомплектована местными каменщиками, квота не нужна"),
            ),
        ],
    },
    Demo {
        vacancy: CLOSED_VACANCY,
        workers: 3,
        justification: "Междугородние рейсы на рефрижераторах: 3 водителя категории CE.",
        steps: &[],
    },
];

/// The demo closure: an occupation МосПродЛогистика wants, closed in Moscow for the year its
/// truck drivers would start — clearly not a real rule.
const CLOSURE_REASON: &str =
    "Демо-правило: водители грузовых автомобилей (ISCO-08 8332) — иностранные \
                              граждане, работающие по патенту, не привлекаются.";
const CLOSURE_SOURCE: &str = "Демо: условный запрет для демонстрационных данных, не действующий \
                              нормативный акт (образец решения высшего должностного лица региона \
                              по ст. 13.3 п. 16 115-ФЗ)";

pub struct World<'a> {
    pub now: DateTime<Utc>,
    /// The demo vacancies, in the order of `demo.json`.
    pub vacancies: &'a [Vacancy],
    /// The first account of each demo employer.
    pub employer_users: &'a HashMap<Uuid, Uuid>,
    pub ministry_user: Uuid,
}

fn actor(id: Uuid, role: &str) -> Actor {
    Actor {
        id: Some(id),
        role: Some(role.to_owned()),
        request_id: Some("seed-demo".into()),
    }
}

fn vacancy<'a>(w: &World<'a>, i: usize) -> anyhow::Result<&'a Vacancy> {
    w.vacancies
        .get(i)
        .ok_or_else(|| anyhow::anyhow!("the demo quota names vacancy {i}, which does not exist"))
}

/// Loads the demo quota. Run before the demo placements, whose approvals take its units.
pub fn load(conn: &mut PgConnection, w: &World<'_>) -> anyhow::Result<()> {
    let ministry = actor(w.ministry_user, "ministry");
    caps(conn, w, &ministry)?;
    closure(conn, w, &ministry)?;
    for demo in APPLICATIONS {
        let a = apply(conn, w, demo, &ministry)?;
        // The draft for the closed occupation is one the closure blocks.
        if demo.vacancy == CLOSED_VACANCY
            && quota_policy::closed_rule(conn, a.year, &a.region_code, &a.occupation_code)?
                .is_none()
        {
            anyhow::bail!("the demo closure does not block the demo draft");
        }
    }
    Ok(())
}

/// A cap for each year (of the start date), region and ISCO-08 sub-major group of the demo
/// vacancies.
fn caps(conn: &mut PgConnection, w: &World<'_>, ministry: &Actor) -> anyhow::Result<()> {
    let at = w.now - Duration::days(PUBLISHED + 30);
    for v in w.vacancies {
        let year = v.start_date.year();
        let Some(group) = rules::groups_of(&v.occupation_code).into_iter().next() else {
            anyhow::bail!("demo vacancy {} has no ISCO-08 group", v.id);
        };
        if rows::find_cap_by_key(conn, year, &v.region_code, &group)?.is_some() {
            continue;
        }
        let cap = rows::insert_cap(
            conn,
            &Cap {
                id: Uuid::now_v7(),
                year,
                region_code: v.region_code.clone(),
                occupation_group: group.clone(),
                cap: DEMO_CAP,
                allocated: 0,
                set_by: w.ministry_user,
                reason: format!(
                    "Демо: квота на {year} год для {} по группе ISCO-08 {group}",
                    v.region_code
                ),
                created_at: at,
                updated_at: at,
            },
        )?;
        audit::record(
            conn,
            ministry,
            AuditAction::QuotaCapSet,
            cap.id,
            None,
            Some(&cap),
        )?;
    }
    Ok(())
}

/// The demo closure, unless a rule already bars that occupation there that year.
fn closure(conn: &mut PgConnection, w: &World<'_>, ministry: &Actor) -> anyhow::Result<()> {
    let v = vacancy(w, CLOSED_VACANCY)?;
    let year = v.start_date.year();
    let occupation = v.occupation_code.trim();
    if quota_policy::closed_rule(conn, year, &v.region_code, occupation)?.is_some() {
        return Ok(());
    }
    let row = ClosedOccupation {
        id: Uuid::now_v7(),
        year,
        region: Some(v.region_code.clone()),
        occupation: occupation.to_owned(),
        reason: CLOSURE_REASON.to_owned(),
        legal_source: CLOSURE_SOURCE.to_owned(),
        created_by: Some(w.ministry_user),
        created_at: w.now - Duration::days(PUBLISHED + 20),
        lifted_at: None,
        lifted_by: None,
        lift_reason: None,
    };
    let created = policy_rows::insert_closure(conn, &row)?
        .ok_or_else(|| anyhow::anyhow!("the demo closure is already in force"))?;
    let snapshot = serde_json::json!({
        "year": created.year,
        "region": created.region,
        "occupation": created.occupation,
        "reason": created.reason,
        "legal_source": created.legal_source,
        "lifted": false,
        "lift_reason": null,
    });
    audit::record(
        conn,
        ministry,
        AuditAction::ClosedOccupationAdded,
        created.id,
        None,
        Some(&snapshot),
    )?;
    Ok(())
}

/// The cap an occupation falls under: the most specific group with a cap.
fn cap_for(conn: &mut PgConnection, v: &Vacancy) -> anyhow::Result<Cap> {
    let year = v.start_date.year();
    for group in rules::groups_of(&v.occupation_code) {
        if let Some(c) = rows::find_cap_by_key(conn, year, &v.region_code, &group)? {
            return Ok(c);
        }
    }
    anyhow::bail!("no demo cap for vacancy {}", v.id)
}

/// One demo application, drafted by its employer and taken through its steps by the rules.
fn apply(
    conn: &mut PgConnection,
    w: &World<'_>,
    demo: &Demo,
    ministry: &Actor,
) -> anyhow::Result<Application> {
    let v = vacancy(w, demo.vacancy)?;
    let employer_user = *w
        .employer_users
        .get(&v.employer_id)
        .ok_or_else(|| anyhow::anyhow!("demo employer without an account"))?;
    let employer = actor(employer_user, "employer");
    // The job was offered locally first: the vacancy has been public since long before.
    let published = w.now - Duration::days(PUBLISHED);
    diesel::update(vacancies::table.find(v.id))
        .set((
            vacancies::created_at.eq(published),
            vacancies::published_at.eq(published),
        ))
        .execute(conn)?;
    let cap = cap_for(conn, v)?;
    let drafted = w.now - Duration::days(DRAFTED);
    let mut a = rows::insert_application(
        conn,
        &Application {
            id: Uuid::now_v7(),
            employer_id: v.employer_id,
            cap_id: cap.id,
            year: v.start_date.year(),
            region_code: v.region_code.clone(),
            occupation_code: v.occupation_code.trim().to_owned(),
            workers_requested: demo.workers,
            justification: demo.justification.to_owned(),
            vacancy_id: v.id,
            state: A::Draft.as_str().to_owned(),
            workers_granted: 0,
            used: 0,
            decision_reason: None,
            decided_by: None,
            decided_at: None,
            submitted_at: None,
            created_by: employer_user,
            created_at: drafted,
            updated_at: drafted,
        },
    )?;
    audit::record(
        conn,
        &employer,
        AuditAction::QuotaApplicationCreated,
        a.id,
        None,
        Some(&a),
    )?;
    let mut last = drafted;
    let mut submitted = None;
    for &(to, granted, reason) in demo.steps {
        let (role, who, at) = match to {
            A::Submitted => (Role::Employer, &employer, SUBMITTED),
            A::Withdrawn => (Role::Employer, &employer, WITHDRAWN),
            A::UnderReview => (Role::Ministry, ministry, REVIEWED),
            _ => (Role::Ministry, ministry, DECIDED),
        };
        let at = w.now - Duration::days(at);
        let n = rules::check_step(
            role,
            a.state(),
            to,
            a.workers_requested,
            granted,
            reason.is_some(),
        )
        .map_err(|e| anyhow::anyhow!("demo quota application {} → {to}: {e}", a.state))?;
        if to == A::Submitted {
            if let Some(rule) =
                quota_policy::closed_rule(conn, a.year, &a.region_code, &a.occupation_code)?
            {
                anyhow::bail!(
                    "demo quota application for a closed occupation: {}",
                    rule.id
                );
            }
            let evidence = Evidence {
                published_at: Some(published),
                positions: v.positions,
                positions_filled: v.positions_filled,
                same_employer_region_and_occupation: true,
            };
            let test = rules::labour_market_test(&evidence, at, rules::LOCAL_OFFER_DAYS);
            if test != LabourMarketTest::Passed {
                anyhow::bail!("demo quota application fails the local-hiring test: {test:?}");
            }
            rows::mark_submitted(conn, a.id)?;
            submitted = Some(at);
        }
        if to.grants_units() && !rows::allocate(conn, a.cap_id, n)? {
            anyhow::bail!("demo quota application grants {n} units the cap does not have");
        }
        let before = a;
        a = rows::set_state(
            conn,
            before.id,
            &rows::Step {
                to,
                granted: n,
                reason,
                by: who.id.unwrap_or(w.ministry_user),
            },
        )?;
        audit::record(
            conn,
            who,
            AuditAction::QuotaApplicationTransitioned,
            a.id,
            Some(&before),
            Some(&a),
        )?;
        last = at;
    }
    // Dated when each step happened (the model functions stamp the load's moment).
    let decided = a.state().is_decision().then_some(last);
    Ok(diesel::update(quota_applications::table.find(a.id))
        .set((
            quota_applications::submitted_at.eq(submitted),
            quota_applications::decided_at.eq(decided),
            quota_applications::updated_at.eq(last),
        ))
        .returning(Application::as_returning())
        .get_result(conn)?)
}
