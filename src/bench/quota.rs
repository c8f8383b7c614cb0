//! `orgnabor bench quota`: placement approvals per second under contention for the last units
//! of an employer's quota, through the real service (`services::placements::transition`, which
//! takes the unit by a guarded update in the approval's transaction), side by side with a
//! baseline in the same process and database: the same number of concurrent approvals of EAEU
//! citizens (no quota) contending for the same number of vacancy positions instead.
//!
//! The work is split into `ROUNDS` rounds, each with its own employer, quota and vacancies, and the
//! order alternates (baseline first, then quota first, …) so neither side gains from running on a
//! warmer pool or cache.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{Datelike, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_query;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Mutex;
use uuid::Uuid;

use super::{bench_user, ms, percentile, with_database};
use crate::auth::password;
use crate::config::Settings;
use crate::db;
use crate::db::models::quota::{self as quota_rows, Application, Cap};
use crate::db::models::{candidate, organisation, vacancy};
use crate::domain::access::{Membership, Principal};
use crate::domain::placement::{Origin, PlacementState};
use crate::domain::quota::{groups_of, ApplicationState};
use crate::domain::role::Role;
use crate::error::ErrorCode;
use crate::i18n::Locale;
use crate::seed::generate::Generator;
use crate::seed::placements::{play, Case, Cast};
use crate::services::{placements, Caller};
use crate::startup::build_state;

const BENCH_DB: &str = "orgnabor_bench_quota";
/// Approvals in flight at once.
const CONCURRENCY: usize = 16;
/// Rounds with alternating order.
const ROUNDS: usize = 4;

/// One round: an employer's quota application with its contended placements, and the
/// baseline's placements on a vacancy with as many positions as the quota has units.
struct Round {
    application: Uuid,
    contended: Vec<Uuid>,
    baseline: Vec<Uuid>,
}

struct Fixture {
    ministry: Uuid,
    rounds: Vec<Round>,
}

fn setup(
    conn: &mut PgConnection,
    settings: &Settings,
    n: usize,
    units: i32,
) -> anyhow::Result<Fixture> {
    let cipher = crate::crypto::DataCipher::new(&settings.crypto.data_key)?;
    let hash = password::hash("bench-quota-not-a-login")?;
    let mut g = Generator::new(11)?;
    let make_user = |conn: &mut PgConnection, role: &str, n: usize| {
        bench_user(conn, &hash, "bench-quota.invalid", role, n)
    };
    conn.transaction::<_, anyhow::Error, _>(|conn| {
        let ministry = make_user(conn, "ministry", 0)?;
        let today = Utc::now().date_naive();
        let now = Utc::now();
        // Every round's contended vacancy is this job at another employer, so all rounds draw on
        // one cap (each round's employer has its own application under it).
        let mut template = g.vacancy(Uuid::nil());
        template.status = crate::domain::vacancy::VacancyStatus::Published
            .as_str()
            .into();
        template.published_at = Some(Utc::now() - chrono::Duration::days(30));
        template.open_to_foreign = true;
        template.salary_min = template.salary_min.max(60_000);
        template.salary_max = template.salary_max.max(template.salary_min + 10_000);
        template.start_date = today + chrono::Duration::days(30);
        template.expires_on = today + chrono::Duration::days(60);
        let group = groups_of(&template.occupation_code)
            .into_iter()
            .next()
            .context("an occupation group")?;
        let cap = quota_rows::insert_cap(
            conn,
            &Cap {
                id: Uuid::now_v7(),
                year: template.start_date.year(),
                region_code: template.region_code.clone(),
                occupation_group: group,
                cap: units,
                allocated: 0,
                set_by: ministry,
                reason: "bench".into(),
                created_at: now,
                updated_at: now,
            },
        )?;
        let per_round = n / ROUNDS;
        let units_per_round = units / ROUNDS as i32;
        let mut rounds = Vec::with_capacity(ROUNDS);
        for r in 0..ROUNDS {
            let employer_user = make_user(conn, "employer", r)?;
            let employer = organisation::insert_employer(conn, &g.employer(r as u64 + 1))?;
            let cast = Cast {
                employer_user,
                employer_name: employer.name.clone(),
                employer_inn: employer.inn.clone(),
                agency: Uuid::nil(),
                agency_user: Uuid::nil(),
                agency_name: String::new(),
                agency_licence: String::new(),
                ministry_user: ministry,
            };
            // Quota, not positions, limits the contended vacancy; positions limit the baseline's.
            let mut contended_vacancy = template.clone();
            contended_vacancy.id = Uuid::now_v7();
            contended_vacancy.employer_id = employer.id;
            contended_vacancy.positions = i32::try_from(per_round)?;
            let contended_vacancy = vacancy::insert(conn, &contended_vacancy)?;
            let mut baseline_vacancy = template.clone();
            baseline_vacancy.id = Uuid::now_v7();
            baseline_vacancy.employer_id = employer.id;
            baseline_vacancy.positions = units_per_round;
            let baseline_vacancy = vacancy::insert(conn, &baseline_vacancy)?;
            anyhow::ensure!(
                quota_rows::allocate(conn, cap.id, units_per_round)?,
                "allocate"
            );
            let application = quota_rows::insert_application(
                conn,
                &Application {
                    id: Uuid::now_v7(),
                    employer_id: employer.id,
                    cap_id: cap.id,
                    year: cap.year,
                    region_code: cap.region_code.clone(),
                    occupation_code: contended_vacancy.occupation_code.trim().to_owned(),
                    workers_requested: units_per_round,
                    justification: "bench".into(),
                    vacancy_id: contended_vacancy.id,
                    state: ApplicationState::Approved.as_str().into(),
                    workers_granted: units_per_round,
                    used: 0,
                    decision_reason: Some("bench".into()),
                    decided_by: Some(ministry),
                    decided_at: Some(now),
                    submitted_at: Some(now),
                    created_by: employer_user,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let mut placements_on = |v: &vacancy::Vacancy, citizenship: &str, offset: usize| {
                (0..per_round)
                    .map(|i| -> anyhow::Result<Uuid> {
                        let migrant = make_user(conn, "migrant", offset + i)?;
                        let mut profile = g.candidate((offset + i) as u64, migrant, &cipher)?;
                        profile.user_id = Some(migrant);
                        profile.citizenship = citizenship.into();
                        let profile = candidate::insert(conn, &profile)?;
                        Ok(play(
                            conn,
                            &Case {
                                candidate: &profile,
                                locale: Locale::Ru,
                                vacancy: v,
                                cast: &cast,
                                origin: Origin::Applied,
                                until: PlacementState::UnderReview,
                                reason: None,
                            },
                        )?
                        .id)
                    })
                    .collect::<anyhow::Result<Vec<Uuid>>>()
            };
            let contended = placements_on(&contended_vacancy, "TJ", 2 * r * per_round)?;
            let baseline = placements_on(&baseline_vacancy, "KG", (2 * r + 1) * per_round)?;
            rounds.push(Round {
                application: application.id,
                contended,
                baseline,
            });
        }
        Ok(Fixture { ministry, rounds })
    })
}

#[derive(Default)]
struct Run {
    wall: Duration,
    latencies: Vec<Duration>,
    approved: usize,
    refused: usize,
}

impl Run {
    fn add(&mut self, other: Run) {
        self.wall += other.wall;
        self.latencies.extend(other.latencies);
        self.approved += other.approved;
        self.refused += other.refused;
    }
}

/// Approves every placement with `CONCURRENCY` in flight; counts approvals and the expected
/// refusal (`refusal`); any other outcome fails the bench.
async fn approve_all(
    state: &crate::state::AppState,
    ministry: Uuid,
    ids: &[Uuid],
    refusal: ErrorCode,
) -> anyhow::Result<Run> {
    let queue = Arc::new(Mutex::new(ids.to_vec()));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (queue, state) = (queue.clone(), state.clone());
        tasks.push(tokio::spawn(async move {
            let caller = Caller {
                principal: Principal {
                    user: ministry.into(),
                    role: Role::Ministry,
                    membership: Membership::None,
                },
                request_id: None,
            };
            let mut out = Vec::new();
            loop {
                let Some(id) = queue.lock().await.pop() else {
                    break;
                };
                let t = Instant::now();
                let r = placements::transition(
                    &state,
                    &caller,
                    id.into(),
                    PlacementState::Approved,
                    Some("Проверено: квота, договор, зарплата".into()),
                    Default::default(),
                )
                .await;
                out.push((t.elapsed(), r.map(|_| ()).map_err(|e| e.code)));
            }
            out
        }));
    }
    let mut run = Run {
        wall: Duration::ZERO,
        latencies: Vec::with_capacity(ids.len()),
        approved: 0,
        refused: 0,
    };
    for t in tasks {
        for (took, outcome) in t.await? {
            run.latencies.push(took);
            match outcome {
                Ok(()) => run.approved += 1,
                Err(code) if code == refusal => run.refused += 1,
                Err(code) => anyhow::bail!("unexpected refusal {}", code.as_str()),
            }
        }
    }
    run.wall = started.elapsed();
    run.latencies.sort_unstable();
    Ok(run)
}

fn print(label: &str, r: &Run) {
    let secs = r.wall.as_secs_f64().max(f64::EPSILON);
    println!(
        "{label:<30} {:>8} {:>8} {:>10.0} {:>10.0} {:>8.2} {:>8.2}",
        r.approved,
        r.refused,
        (r.approved + r.refused) as f64 / secs,
        r.approved as f64 / secs,
        ms(percentile(&r.latencies, 50.0)),
        ms(percentile(&r.latencies, 99.0)),
    );
}

pub async fn run(settings: &Settings, n: usize, units: i32) -> anyhow::Result<()> {
    anyhow::ensure!(
        units as usize >= ROUNDS && (units as usize) <= n,
        "units must be {ROUNDS}..=placements"
    );
    let admin_url = settings.database.url.expose_secret().to_owned();
    let url = with_database(&admin_url, BENCH_DB);
    let runtime_role = settings.database.runtime_user.clone();
    let mut bench_settings = settings.clone();
    bench_settings.database.url = SecretString::from(url.clone());
    bench_settings.database.runtime_url = None;
    let index_dir = std::env::temp_dir().join(format!("orgnabor-bench-quota-{}", Uuid::new_v4()));
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
        setup(&mut conn, &setup_settings, n, units)
    })
    .await??;
    eprintln!(
        "set up {} placements under review in {:.1} s",
        2 * (n - n % ROUNDS),
        started.elapsed().as_secs_f64()
    );
    let state = tokio::task::spawn_blocking(move || build_state(bench_settings)).await??;
    let mut baseline = Run::default();
    let mut contended = Run::default();
    let mut used = 0;
    for (r, round) in fixture.rounds.iter().enumerate() {
        let run_baseline = || {
            approve_all(
                &state,
                fixture.ministry,
                &round.baseline,
                ErrorCode::NoPositionsLeft,
            )
        };
        let run_contended = || {
            approve_all(
                &state,
                fixture.ministry,
                &round.contended,
                ErrorCode::QuotaExhausted,
            )
        };
        if r % 2 == 0 {
            baseline.add(run_baseline().await?);
            contended.add(run_contended().await?);
        } else {
            contended.add(run_contended().await?);
            baseline.add(run_baseline().await?);
        }
        let mut conn = state.pool.get()?;
        used += quota_rows::find_application(&mut conn, round.application, false)?.used;
    }
    baseline.latencies.sort_unstable();
    contended.latencies.sort_unstable();
    // The work was real: exactly `units` approvals each, and as many units used.
    let units = units - units % ROUNDS as i32;
    anyhow::ensure!(
        contended.approved == units as usize && used == units,
        "{} approvals, {used} units used, for {units} units",
        contended.approved
    );
    anyhow::ensure!(baseline.approved == units as usize, "baseline approvals");
    let n = n - n % ROUNDS;
    println!(
        "{n} concurrent placement approvals ({CONCURRENCY} in flight) for {units} units, through services::placements::transition, in {ROUNDS} rounds of alternating order"
    );
    println!(
        "{:<30} {:>8} {:>8} {:>10} {:>10} {:>8} {:>8}",
        "", "approved", "refused", "tries/s", "approvals/s", "p50 ms", "p99 ms"
    );
    print("quota: last units (TJ)", &contended);
    print("baseline: last positions (KG)", &baseline);
    let rate = |r: &Run| (r.approved + r.refused) as f64 / r.wall.as_secs_f64().max(f64::EPSILON);
    println!(
        "{:<30} {:>37.2}×",
        "quota / baseline (tries/s)",
        rate(&contended) / rate(&baseline).max(f64::EPSILON)
    );
    println!("units used: {used} (= approvals)");
    let _ = std::fs::remove_dir_all(index_dir);
    Ok(())
}
