use std::io::Read;

use anyhow::Context;
use clap::{Parser, Subcommand};
use diesel::{Connection, PgConnection};
use secrecy::ExposeSecret;
use uuid::Uuid;

use orgnabor::auth::password;
use orgnabor::config::Settings;
use orgnabor::crypto::DataCipher;
use orgnabor::db;
use orgnabor::db::models::audit::Actor;
use orgnabor::db::models::user::{self, NewUser, UserChanges};
use orgnabor::search::SearchIndex;
use orgnabor::seed;
use orgnabor::services::accounts;
use orgnabor::startup::Application;
use orgnabor::telemetry;

#[derive(Parser)]
#[command(name = "orgnabor", about = "Orgnabor labour exchange")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum BenchKind {
    /// The ministry's approval of a placement against a baseline step (uses its own database).
    Approvals {
        #[arg(long, default_value_t = 1000)]
        placements: usize,
    },
    /// Concurrent placement approvals for the last units of a quota against a baseline
    /// contending for the last vacancy positions (uses its own database).
    Quota {
        #[arg(long, default_value_t = 500)]
        placements: usize,
        #[arg(long, default_value_t = 100)]
        units: i32,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API (and the background job worker).
    Serve,
    /// Apply database migrations and load reference data.
    Migrate,
    /// Load the demo data into an empty database and print the demo logins.
    SeedDemo,
    /// Rebuild the search index from Postgres into a fresh directory and swap it in.
    Reindex,
    /// Compare the search index with Postgres; exits 1 when they drifted apart.
    IndexCheck,
    /// Benchmark matching against the Postgres full-text baseline (uses its own database).
    Bench {
        /// A benchmark other than matching.
        #[command(subcommand)]
        kind: Option<BenchKind>,
        #[arg(long, default_value_t = 200_000)]
        candidates: u64,
        #[arg(long, default_value_t = 50_000)]
        vacancies: u64,
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Keep the generated database from a previous run of the same size.
        #[arg(long)]
        reuse: bool,
    },
    /// Show which configuration files were read and the settings in effect (secrets hidden).
    Config,
    /// Create an admin account. The password is read from ORGNABOR_ADMIN_PASSWORD or stdin.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        full_name: String,
    },
}

/// The runtime role's connection: every command but `migrate` and `bench` works through it.
fn connect(settings: &Settings) -> anyhow::Result<PgConnection> {
    PgConnection::establish(settings.database.runtime_url().expose_secret()).with_context(|| {
        format!(
            "cannot connect to the database as the runtime role {} (is DATABASE_URL right, and \
             the runtime role set up? `make run` does both; README \"Database roles\")",
            settings.database.runtime_user
        )
    })
}

/// The owner role's connection (DATABASE_URL): migrations.
fn connect_owner(settings: &Settings) -> anyhow::Result<PgConnection> {
    PgConnection::establish(settings.database.url.expose_secret())
        .context("cannot connect to the database (is DATABASE_URL right? `make run` sets it up)")
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load().context("cannot load configuration")?;
    telemetry::init(&settings.telemetry);
    tracing::info!(
        dir = %settings.sources.dir.display(),
        found = %settings.sources.found_by,
        files = ?settings.sources.files,
        environment = %settings.environment,
        "configuration loaded"
    );
    match cli.command {
        Command::Serve => {
            settings.check_secrets().map_err(|e| anyhow::anyhow!(e))?;
            // A database that is down may come up later (/ready says so); one that is behind on
            // migrations will not fix itself.
            if let Ok(mut conn) = connect(&settings) {
                if db::has_pending_migrations(&mut conn)? {
                    anyhow::bail!("the database has pending migrations: run `orgnabor migrate` first (`make run` does)");
                }
                if db::roles::can_alter_audit_log(&mut conn)? {
                    let problem =
                        "serve connects as a role that owns the tables (or a superuser): \
                                   it could rewrite the audit log. Connect as the runtime role \
                                   (README \"Database roles\")";
                    if settings.is_production() {
                        anyhow::bail!(problem);
                    }
                    tracing::warn!("{problem}");
                }
            }
            let base_url = settings.application.base_url.clone();
            let app = Application::build(settings).await?;
            println!("Orgnabor is serving on {base_url} (API docs: {base_url}/api-docs/)");
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            let mut conn = connect_owner(&settings)?;
            db::migrate_and_grant(&mut conn, &settings.database.runtime_user)?;
            println!(
                "migrations applied, reference data loaded, privileges granted to {}",
                settings.database.runtime_user
            );
        }
        Command::Config => {
            println!("{}", settings.sources);
            println!("environment: {}", settings.environment);
            println!("{settings:#?}");
        }
        Command::SeedDemo => {
            let mut conn = connect(&settings)?;
            let cipher = DataCipher::new(&settings.crypto.data_key)?;
            if seed::load_if_empty(&mut conn, &cipher)? {
                println!("demo data loaded");
            } else {
                println!("database already has accounts; demo data not loaded again");
            }
            println!("Demo logins (password for all: {}):", seed::DEMO_PASSWORD);
            for login in seed::logins()? {
                println!("  {:<9} {}", login.role, login.email);
            }
        }
        Command::Reindex => {
            let mut conn = connect(&settings)?;
            let dir = settings.search.index_dir.clone();
            let fresh = dir.with_extension("new");
            let old = dir.with_extension("old");
            let _ = std::fs::remove_dir_all(&fresh);
            let started = std::time::Instant::now();
            let index = SearchIndex::create(&fresh, settings.search.writer_memory_mb.max(256), 2)?;
            let n = index.rebuild(&mut conn)?;
            drop(index);
            let _ = std::fs::remove_dir_all(&old);
            if dir.exists() {
                std::fs::rename(&dir, &old)?;
            }
            std::fs::rename(&fresh, &dir)?;
            let _ = std::fs::remove_dir_all(&old);
            println!(
                "reindexed {n} documents into {} in {:.1} s (restart `serve` processes using it)",
                dir.display(),
                started.elapsed().as_secs_f64()
            );
        }
        Command::IndexCheck => {
            let mut conn = connect(&settings)?;
            let index =
                SearchIndex::open(&settings.search.index_dir, settings.search.writer_memory_mb)
                    .context("cannot open the search index (run `orgnabor reindex`)")?;
            let drift = index.check(&mut conn)?;
            println!(
                "expected {} documents, indexed {}; missing {}, stale {}, extra {}; applied change {} of {}",
                drift.expected, drift.indexed, drift.missing.len(), drift.stale.len(), drift.extra.len(),
                drift.applied_change, drift.latest_change
            );
            for id in drift.missing.iter().take(20) {
                println!("  missing {id}");
            }
            for id in drift.stale.iter().take(20) {
                println!("  stale   {id}");
            }
            for id in drift.extra.iter().take(20) {
                println!("  extra   {id}");
            }
            if !drift.is_clean() {
                std::process::exit(1);
            }
        }
        Command::Bench {
            kind: Some(BenchKind::Approvals { placements }),
            ..
        } => {
            orgnabor::bench::approvals::run(&settings, placements).await?;
        }
        Command::Bench {
            kind: Some(BenchKind::Quota { placements, units }),
            ..
        } => {
            orgnabor::bench::quota::run(&settings, placements, units).await?;
        }
        Command::Bench {
            kind: None,
            candidates,
            vacancies,
            queries,
            reuse,
        } => {
            let cipher = DataCipher::new(&settings.crypto.data_key)?;
            orgnabor::bench::run(
                settings.database.url.expose_secret(),
                &cipher,
                orgnabor::bench::Options {
                    candidates,
                    vacancies,
                    queries,
                    reuse,
                },
            )?;
        }
        Command::CreateAdmin { email, full_name } => {
            let pw = match std::env::var("ORGNABOR_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut s = String::new();
                    std::io::stdin().read_to_string(&mut s)?;
                    s.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let email = email.trim().to_lowercase();
            let problems = password::check_policy("password", &pw, Some(&email));
            if !problems.is_empty() {
                anyhow::bail!(
                    "password refused: {}",
                    problems
                        .iter()
                        .map(|p| p.code)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            let hash = password::hash(&pw)?;
            let cipher = DataCipher::new(&settings.crypto.data_key)?;
            let mut conn = connect(&settings)?;
            let id = conn.transaction::<_, anyhow::Error, _>(|conn| {
                if user::find_by_email(conn, &email)?.is_some() {
                    anyhow::bail!("an account with this email already exists");
                }
                let created = user::insert(
                    conn,
                    &NewUser {
                        id: Uuid::now_v7(),
                        email: &email,
                        password_hash: &hash,
                        role: "admin",
                        full_name: &full_name,
                        locale: "en",
                    },
                )?;
                user::update(
                    conn,
                    created.id,
                    UserChanges {
                        email_verified_at: Some(Some(chrono::Utc::now())),
                        ..Default::default()
                    },
                )?;
                let actor = Actor {
                    id: None,
                    role: Some("system".into()),
                    request_id: Some("create-admin".into()),
                };
                accounts::record_created(conn, &actor, &cipher, created.id)?;
                Ok(created.id)
            })?;
            println!("admin {email} created ({id})");
        }
    }
    Ok(())
}
