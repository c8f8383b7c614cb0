//! `orgnabor bench`: generates a realistic data set into its own Postgres database and a fresh
//! index, then runs the same vacancy→candidate match queries through our engine and through the
//! obvious Postgres alternative (a stored `tsvector` with a GIN index, `ts_rank … LIMIT 20`), and
//! reports p50/p99 for both, their ratio, the index build time and the freshness lag.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_query;
use diesel::sql_types::{Date, Nullable, Text};
use uuid::Uuid;

use crate::crypto::DataCipher;
use crate::db;
use crate::db::models::consent::Consent;
use crate::db::models::user::{self, NewUser};
use crate::db::models::vacancy::Vacancy;
use crate::db::schema::{candidate_profiles, consents, employers, search_changes, vacancies};
use crate::search::analyzers::query_words;
use crate::search::query::{match_candidates, VacancyNeeds};
use crate::search::schema::day_number;
use crate::search::SearchIndex;
use crate::seed::generate::Generator;

pub mod approvals;
pub mod quota;

pub struct Options {
    pub candidates: u64,
    pub vacancies: u64,
    pub queries: usize,
    pub reuse: bool,
}

const BENCH_DB: &str = "orgnabor_bench";

pub(crate) fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map(|(b, q)| (b, Some(q)))
        .unwrap_or((url, None));
    let prefix = base.rfind('/').map(|i| &base[..i]).unwrap_or(base);
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A user of `role` for a bench's own database, `{role}{n}@{domain}`, with no usable login.
pub(crate) fn bench_user(
    conn: &mut PgConnection,
    password_hash: &str,
    domain: &str,
    role: &str,
    n: usize,
) -> anyhow::Result<Uuid> {
    let email = format!("{role}{n}@{domain}");
    Ok(user::insert(
        conn,
        &NewUser {
            id: Uuid::now_v7(),
            email: &email,
            password_hash,
            role,
            full_name: "Bench User",
            locale: "ru",
        },
    )?
    .id)
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    #[allow(dead_code)]
    id: Uuid,
}

fn generate(conn: &mut PgConnection, cipher: &DataCipher, opts: &Options) -> anyhow::Result<()> {
    let mut g = Generator::new(42)?;
    let staff = user::insert(
        conn,
        &NewUser {
            id: Uuid::now_v7(),
            email: "bench-centre@orgnabor.local",
            password_hash: "not-a-login",
            role: "centre",
            full_name: "Bench centre",
            locale: "ru",
        },
    )?;
    let centre = crate::db::models::organisation::insert_centre(
        conn,
        &crate::db::models::organisation::Centre {
            id: Uuid::now_v7(),
            name: "Bench centre".into(),
            region_code: "KG-GB".into(),
            city: "Бишкек".into(),
            address: None,
            contact_email: None,
            contact_phone: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        },
    )?;
    let employer_count = (opts.vacancies / 25).max(1);
    let mut employer_ids = Vec::with_capacity(employer_count as usize);
    for chunk in (0..employer_count).collect::<Vec<_>>().chunks(2000) {
        let rows: Vec<_> = chunk.iter().map(|n| g.employer(*n)).collect();
        employer_ids.extend(rows.iter().map(|e| e.id));
        diesel::insert_into(employers::table)
            .values(&rows)
            .execute(conn)?;
    }
    let mut made = 0;
    while made < opts.vacancies {
        let n = (opts.vacancies - made).min(2000);
        let rows: Vec<Vacancy> = (0..n)
            .map(|i| g.vacancy(employer_ids[((made + i) % employer_count) as usize]))
            .collect();
        diesel::insert_into(vacancies::table)
            .values(&rows)
            .execute(conn)?;
        made += n;
    }
    let mut made = 0;
    let started = Instant::now();
    while made < opts.candidates {
        let n = (opts.candidates - made).min(2000);
        let rows = (0..n)
            .map(|i| g.candidate(made + i, staff.id, cipher))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let consent_rows: Vec<Consent> = rows
            .iter()
            .map(|p| Consent {
                id: Uuid::now_v7(),
                profile_id: p.id,
                agency_id: None,
                centre_id: Some(centre.id),
                method: "in_person".into(),
                granted_by: staff.id,
                granted_at: p.created_at,
                revoked_by: None,
                revoked_at: None,
            })
            .collect();
        diesel::insert_into(candidate_profiles::table)
            .values(&rows)
            .execute(conn)?;
        diesel::insert_into(consents::table)
            .values(&consent_rows)
            .execute(conn)?;
        made += n;
        if made % 100_000 == 0 {
            eprintln!(
                "  … {made} candidates ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}

fn baseline_setup(conn: &mut PgConnection) -> anyhow::Result<Duration> {
    let started = Instant::now();
    sql_query("ALTER TABLE candidate_profiles ADD COLUMN IF NOT EXISTS bench_tsv tsvector")
        .execute(conn)?;
    sql_query(
        "UPDATE candidate_profiles SET bench_tsv = \
         to_tsvector('russian', skills || ' ' || array_to_string(occupations, ' ')) WHERE bench_tsv IS NULL",
    )
    .execute(conn)?;
    sql_query("CREATE INDEX IF NOT EXISTS candidate_profiles_bench_tsv ON candidate_profiles USING gin (bench_tsv)").execute(conn)?;
    sql_query("ANALYZE candidate_profiles").execute(conn)?;
    Ok(started.elapsed())
}

/// The Postgres alternative: the same hard filters, full-text OR over the vacancy's words.
fn baseline_query(conn: &mut PgConnection, v: &Vacancy) -> anyhow::Result<usize> {
    let mut words: Vec<String> = query_words(&format!(
        "{} {} {}",
        v.title,
        v.required_skills.join(" "),
        v.occupation_code
    ))
    .into_iter()
    .filter(|w| w.chars().all(char::is_alphanumeric))
    .collect();
    words.dedup();
    let tsquery = words.join(" | ");
    let rows: Vec<IdRow> = sql_query(
        "SELECT id FROM candidate_profiles \
         WHERE searchable AND bench_tsv @@ to_tsquery('russian', $1) \
           AND (preferred_regions @> ARRAY[$2]::text[] OR preferred_regions @> ARRAY['any']::text[]) \
           AND (available_from IS NULL OR available_from <= $3) \
           AND ($4::text IS NULL OR russian_level >= $4) \
         ORDER BY ts_rank(bench_tsv, to_tsquery('russian', $1)) DESC LIMIT 20",
    )
    .bind::<Text, _>(tsquery)
    .bind::<Text, _>(&v.region_code)
    .bind::<Date, _>(v.start_date.max(Utc::now().date_naive()))
    .bind::<Nullable<Text>, _>(v.russian_level_min.clone())
    .load(conn)?;
    Ok(rows.len())
}

pub fn run(admin_url: &str, cipher: &DataCipher, opts: Options) -> anyhow::Result<()> {
    let url = with_database(admin_url, BENCH_DB);
    let mut admin = PgConnection::establish(admin_url).context("connect DATABASE_URL")?;
    let existing = PgConnection::establish(&url).ok().and_then(|mut c| {
        sql_query("SELECT count(*) AS n FROM candidate_profiles")
            .get_result::<Count>(&mut c)
            .ok()
            .map(|r| r.n)
    });
    let reuse = opts.reuse && existing == Some(opts.candidates as i64);
    let mut generated = Duration::ZERO;
    if !reuse {
        sql_query(format!("DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"))
            .execute(&mut admin)?;
        sql_query(format!("CREATE DATABASE {BENCH_DB}")).execute(&mut admin)?;
        let mut conn = PgConnection::establish(&url)?;
        db::migrate(&mut conn)?;
        eprintln!(
            "generating {} candidates and {} vacancies into {BENCH_DB} …",
            opts.candidates, opts.vacancies
        );
        let started = Instant::now();
        generate(&mut conn, cipher, &opts)?;
        generated = started.elapsed();
    }
    let mut conn = PgConnection::establish(&url)?;
    let tsv_build = baseline_setup(&mut conn)?;

    let dir = std::env::temp_dir().join(format!("orgnabor-bench-index-{}", Uuid::new_v4()));
    let index = SearchIndex::create(&dir, 512, 2)?;
    let started = Instant::now();
    let documents = index.rebuild(&mut conn)?;
    let index_build = started.elapsed();
    let index_bytes: u64 = std::fs::read_dir(&dir)?
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();

    // The same queries for both: every k-th published vacancy.
    let all: Vec<Vacancy> = vacancies::table
        .order(vacancies::id)
        .select(Vacancy::as_select())
        .load(&mut conn)?;
    let step = (all.len() / opts.queries.max(1)).max(1);
    let sample: Vec<&Vacancy> = all.iter().step_by(step).take(opts.queries).collect();
    let today = day_number(Utc::now().date_naive());
    let needs = VacancyNeeds::of;
    for v in sample.iter().take(20) {
        match_candidates(&index, &needs(v), today, 20)?;
        baseline_query(&mut conn, v)?;
    }
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let (mut our_results, mut their_results) = (0usize, 0usize);
    for v in &sample {
        let started = Instant::now();
        our_results += match_candidates(&index, &needs(v), today, 20)?.len();
        ours.push(started.elapsed());
        let started = Instant::now();
        their_results += baseline_query(&mut conn, v)?;
        theirs.push(started.elapsed());
    }
    ours.sort();
    theirs.sort();

    let lags = freshness(&index, &url, 200)?;
    std::fs::remove_dir_all(&dir).ok();

    let (o50, o99) = (percentile(&ours, 50.0), percentile(&ours, 99.0));
    let (t50, t99) = (percentile(&theirs, 50.0), percentile(&theirs, 99.0));
    println!(
        "## Matching benchmark ({} candidates, {} vacancies, {} queries)",
        opts.candidates,
        opts.vacancies,
        sample.len()
    );
    if !reuse {
        println!(
            "data generation into Postgres: {:.1} s",
            generated.as_secs_f64()
        );
    }
    println!(
        "index build: {documents} documents in {:.1} s ({:.0} MB on disk)",
        index_build.as_secs_f64(),
        index_bytes as f64 / 1e6
    );
    println!(
        "Postgres tsvector column + GIN index build: {:.1} s",
        tsv_build.as_secs_f64()
    );
    println!();
    println!("| engine | p50 ms | p99 ms | mean results |");
    println!("|---|---|---|---|");
    println!(
        "| orgnabor (tantivy) | {:.2} | {:.2} | {:.1} |",
        ms(o50),
        ms(o99),
        our_results as f64 / sample.len() as f64
    );
    println!(
        "| Postgres tsvector + GIN, ts_rank | {:.2} | {:.2} | {:.1} |",
        ms(t50),
        ms(t99),
        their_results as f64 / sample.len() as f64
    );
    println!(
        "| ratio (Postgres / ours) | {:.1}× | {:.1}× | |",
        ms(t50) / ms(o50).max(1e-6),
        ms(t99) / ms(o99).max(1e-6)
    );
    println!();
    print_freshness(&lags);
    Ok(())
}

/// Commits changes through the normal path (row + change log in one transaction) while the
/// syncer runs, and measures commit → searchable.
fn freshness(index: &SearchIndex, url: &str, changes: usize) -> anyhow::Result<Vec<Duration>> {
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut lags = Vec::with_capacity(changes);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let syncer = scope.spawn(|| -> anyhow::Result<()> {
            let mut conn = PgConnection::establish(url)?;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                index.apply_pending(&mut conn)?;
                std::thread::sleep(Duration::from_millis(200));
            }
            Ok(())
        });
        let mut conn = PgConnection::establish(url)?;
        let ids: Vec<Uuid> = candidate_profiles::table
            .select(candidate_profiles::id)
            .limit(changes as i64)
            .load(&mut conn)?;
        for (i, id) in ids.iter().enumerate() {
            let txid: i64 = conn.transaction(|conn| {
                diesel::update(candidate_profiles::table.find(id))
                    .set((
                        candidate_profiles::skills
                            .eq(format!("Обновлено {i}: сварка, монтаж, погрузка")),
                        candidate_profiles::version.eq(candidate_profiles::version + 1),
                    ))
                    .execute(conn)?;
                diesel::insert_into(search_changes::table)
                    .values((
                        search_changes::entity.eq("candidate"),
                        search_changes::entity_id.eq(id),
                        search_changes::op.eq("upsert"),
                    ))
                    .returning(search_changes::txid)
                    .get_result(conn)
            })?;
            let committed = Instant::now();
            // Searchable once the applied watermark has passed this transaction.
            while index.applied_change() <= txid {
                std::thread::sleep(Duration::from_millis(1));
                if committed.elapsed() > Duration::from_secs(30) {
                    anyhow::bail!("transaction {txid} not applied in 30 s");
                }
            }
            lags.push(committed.elapsed());
            std::thread::sleep(Duration::from_millis(10 + (i as u64 * 37) % 90));
        }
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        syncer
            .join()
            .map_err(|_| anyhow::anyhow!("syncer panicked"))??;
        Ok(())
    })?;
    lags.sort();
    Ok(lags)
}

fn print_freshness(lags: &[Duration]) {
    println!("Freshness (commit → searchable, syncer every 200 ms, {} changes): p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        lags.len(), ms(percentile(lags, 50.0)), ms(percentile(lags, 99.0)), ms(lags.last().copied().unwrap_or_default()));
    let bounds = [100.0, 250.0, 500.0, 1000.0, f64::INFINITY];
    let mut low = 0.0;
    for high in bounds {
        let n = lags
            .iter()
            .filter(|d| ms(**d) > low && ms(**d) <= high)
            .count();
        let label = if high.is_infinite() {
            format!("> {low:.0} ms")
        } else {
            format!("{low:.0}–{high:.0} ms")
        };
        println!(
            "  {label:<14} {n:>5} {}",
            "#".repeat((n * 60 / lags.len().max(1)).max(usize::from(n > 0)))
        );
        low = high;
    }
}
