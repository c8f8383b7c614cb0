//! `orgnabor bench approvals`: how long the ministry's approval of a placement takes through the
//! real service (lock the placement, re-check licence, contract, fee and minimum wage, take a
//! vacancy position, write the step, its timeline event, two audit rows, the search change and
//! the emails), side by side with a baseline run in the same process and database: a candidate's
//! withdrawal through the same service (same locking, event, audit and emails; no re-checks, no
//! position). The two are interleaved so that both see the same cache and load.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_query;
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

use super::{bench_user, ms, percentile, with_database};
use crate::auth::password;
use crate::config::Settings;
use crate::db;
use crate::db::models::candidate;
use crate::db::models::organisation;
use crate::db::models::vacancy;
use crate::domain::access::{Membership, Principal};
use crate::domain::placement::{Origin, PlacementState};
use crate::domain::role::Role;
use crate::i18n::Locale;
use crate::seed::generate::Generator;
use crate::seed::placements::{play, Case, Cast};
use crate::services::{placements, Caller};
use crate::startup::build_state;

const BENCH_DB: &str = "orgnabor_bench_approvals";
/// Positions per vacancy: approvals spread over several vacancy rows, as in real life.
const POSITIONS: i32 = 100;

struct Fixture {
    ministry: Uuid,
    employer: Uuid,
    /// (placement, the candidate's user) for the approvals, and for the baseline.
    approve: Vec<Uuid>,
    withdraw: Vec<(Uuid, Uuid)>,
}

fn setup(conn: &mut PgConnection, settings: &Settings, n: usize) -> anyhow::Result<Fixture> {
    let cipher = crate::crypto::DataCipher::new(&settings.crypto.data_key)?;
    let hash = password::hash("bench-approvals-not-a-login")?;
    let mut g = Generator::new(7)?;
    let make_user = |conn: &mut PgConnection, role: &str, n: usize| {
        bench_user(conn, &hash, "bench.invalid", role, n)
    };
    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let ministry = make_user(conn, "ministry", 0)?;
        let employer_user = make_user(conn, "employer", 0)?;
        let employer = organisation::insert_employer(conn, &g.employer(1))?;
        let agency_user = make_user(conn, "agency", 0)?;
        let cast = Cast {
            employer_user,
            employer_name: employer.name.clone(),
            employer_inn: employer.inn.clone(),
            agency: Uuid::nil(),
            agency_user,
            agency_name: String::new(),
            agency_licence: String::new(),
            ministry_user: ministry,
        };
        let today = Utc::now().date_naive();
        let total = 2 * n;
        let mut vacancies = Vec::new();
        for _ in 0..total.div_ceil(POSITIONS as usize) {
            let mut v = g.vacancy(employer.id);
            v.positions = POSITIONS;
            v.status = crate::domain::vacancy::VacancyStatus::Published
                .as_str()
                .into();
            v.published_at = Some(Utc::now());
            v.open_to_foreign = true;
            v.salary_min = v.salary_min.max(60_000);
            v.salary_max = v.salary_max.max(v.salary_min + 10_000);
            v.start_date = today + chrono::Duration::days(30);
            v.expires_on = today + chrono::Duration::days(60);
            vacancies.push(vacancy::insert(conn, &v)?);
        }
        let (mut approve, mut withdraw) = (Vec::new(), Vec::new());
        for i in 0..total {
            let migrant = make_user(conn, "migrant", i)?;
            let mut profile = g.candidate(i as u64, migrant, &cipher)?;
            profile.user_id = Some(migrant);
            profile.citizenship = "KG".into();
            let profile = candidate::insert(conn, &profile)?;
            let p = play(
                conn,
                &Case {
                    candidate: &profile,
                    locale: Locale::Ru,
                    vacancy: &vacancies[i / POSITIONS as usize],
                    cast: &cast,
                    origin: Origin::Applied,
                    until: PlacementState::UnderReview,
                    reason: None,
                },
            )?;
            if i % 2 == 0 {
                approve.push(p.id);
            } else {
                withdraw.push((p.id, migrant));
            }
        }
        Ok(Fixture {
            ministry,
            employer: employer.id,
            approve,
            withdraw,
        })
    })
}

fn caller(user: Uuid, role: Role) -> Caller {
    Caller {
        principal: Principal {
            user: user.into(),
            role,
            membership: Membership::None,
        },
        request_id: Some("bench-approvals".into()),
    }
}

struct Stats {
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort_unstable();
    Stats {
        p50: percentile(&samples, 50.0),
        p99: percentile(&samples, 99.0),
        max: samples.last().copied().unwrap_or_default(),
    }
}

pub async fn run(settings: &Settings, n: usize) -> anyhow::Result<()> {
    let admin_url = settings.database.url.expose_secret().to_owned();
    let url = with_database(&admin_url, BENCH_DB);
    let runtime_role = settings.database.runtime_user.clone();
    let mut bench_settings = settings.clone();
    bench_settings.database.url = SecretString::from(url.clone());
    bench_settings.database.runtime_url = None;
    let index_dir =
        std::env::temp_dir().join(format!("orgnabor-bench-approvals-{}", Uuid::new_v4()));
    bench_settings.search.index_dir = index_dir.clone();
    let setup_settings = bench_settings.clone();
    let started = Instant::now();
    let fixture = tokio::task::spawn_blocking(move || -> anyhow::Result<Fixture> {
        let mut admin = PgConnection::establish(&admin_url).context("connect DATABASE_URL")?;
        sql_query(format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"))
            .execute(&mut admin)?;
        sql_query(format!("CREATE DATABASE {BENCH_DB}")).execute(&mut admin)?;
        let mut conn = PgConnection::establish(&url)?;
        db::migrate_and_grant(&mut conn, &runtime_role)?;
        setup(&mut conn, &setup_settings, n)
    })
    .await??;
    eprintln!(
        "set up {} placements under review in {:.1} s",
        2 * n,
        started.elapsed().as_secs_f64()
    );
    let state = tokio::task::spawn_blocking(move || build_state(bench_settings)).await??;
    let ministry = caller(fixture.ministry, Role::Ministry);
    let (mut approvals, mut withdrawals) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (approve, (withdraw, person)) in fixture.approve.iter().zip(&fixture.withdraw) {
        let t = Instant::now();
        placements::transition(
            &state,
            &ministry,
            (*approve).into(),
            PlacementState::Approved,
            Some("Проверено: плата с работника 0, зарплата не ниже МРОТ".into()),
            Default::default(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("approval refused: {e:?}"))?;
        approvals.push(t.elapsed());
        let t = Instant::now();
        placements::transition(
            &state,
            &caller(*person, Role::Migrant),
            (*withdraw).into(),
            PlacementState::Withdrawn,
            None,
            Default::default(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("withdrawal refused: {e:?}"))?;
        withdrawals.push(t.elapsed());
    }
    // Check the work was real: every approval took a position.
    let mut conn = state.pool.get()?;
    let taken: i64 = crate::db::schema::vacancies::table
        .select(diesel::dsl::sum(
            crate::db::schema::vacancies::positions_filled,
        ))
        .first::<Option<i64>>(&mut conn)?
        .unwrap_or(0);
    anyhow::ensure!(
        taken == n as i64,
        "{taken} positions taken for {n} approvals"
    );
    let (a, w) = (stats(approvals), stats(withdrawals));
    println!("placement approval through services::placements::transition, {n} each, interleaved");
    println!("{:<34} {:>9} {:>9} {:>9}", "", "p50 ms", "p99 ms", "max ms");
    println!(
        "{:<34} {:>9.2} {:>9.2} {:>9.2}",
        "approval (re-checks + position)",
        ms(a.p50),
        ms(a.p99),
        ms(a.max)
    );
    println!(
        "{:<34} {:>9.2} {:>9.2} {:>9.2}",
        "baseline: withdrawal",
        ms(w.p50),
        ms(w.p99),
        ms(w.max)
    );
    println!(
        "{:<34} {:>8.2}× {:>8.2}×",
        "approval / baseline",
        ms(a.p50) / ms(w.p50).max(f64::EPSILON),
        ms(a.p99) / ms(w.p99).max(f64::EPSILON)
    );
    println!("positions taken: {taken} (= approvals)");

    // The employer's public record over those placements, computed from the rows on every read,
    // beside a one-row read of the same employer through the same pool and thread hand-off.
    let rounds = n.clamp(50, 500);
    let (mut records, mut lookups) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    let id = fixture.employer;
    for _ in 0..rounds {
        let t = Instant::now();
        let r = crate::services::records::employer_record(&state, id.into())
            .await
            .map_err(|e| anyhow::anyhow!("record: {e:?}"))?;
        records.push(t.elapsed());
        anyhow::ensure!(
            r.record.placements == 2 * n as i64 && r.record.approved == n as i64,
            "record counts {} placements, {} approved",
            r.record.placements,
            r.record.approved
        );
        let t = Instant::now();
        db::run(&state.pool, move |conn| {
            Ok(organisation::find_employer(conn, id)?)
        })
        .await
        .map_err(|e| anyhow::anyhow!("employer: {e:?}"))?;
        lookups.push(t.elapsed());
    }
    let (r, l) = (stats(records), stats(lookups));
    println!();
    println!(
        "employer record over {} placements, computed per read, {rounds} reads",
        2 * n
    );
    println!("{:<34} {:>9} {:>9} {:>9}", "", "p50 ms", "p99 ms", "max ms");
    println!(
        "{:<34} {:>9.2} {:>9.2} {:>9.2}",
        "record (services::records)",
        ms(r.p50),
        ms(r.p99),
        ms(r.max)
    );
    println!(
        "{:<34} {:>9.2} {:>9.2} {:>9.2}",
        "baseline: employer row",
        ms(l.p50),
        ms(l.p99),
        ms(l.max)
    );
    println!(
        "{:<34} {:>8.2}× {:>8.2}×",
        "record / baseline",
        ms(r.p50) / ms(l.p50).max(f64::EPSILON),
        ms(r.p99) / ms(l.p99).max(f64::EPSILON)
    );
    let _ = std::fs::remove_dir_all(index_dir);
    Ok(())
}
