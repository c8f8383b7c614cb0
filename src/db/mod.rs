pub mod models;
pub mod reference;
pub mod roles;
pub mod schema;

use std::collections::HashSet;

use diesel::migration::MigrationSource;
use diesel::pg::Pg;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use diesel::sql_types::{Bool, Text};
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::error::{AppError, AppResult};

pub type DbPool = Pool<ConnectionManager<PgConnection>>;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// A pool that does not connect until first use, so the process starts (and `/ready` reports)
/// even while the database is down.
pub fn build_pool(url: &str, size: u32) -> DbPool {
    Pool::builder()
        .max_size(size)
        .connection_timeout(std::time::Duration::from_secs(5))
        .build_unchecked(ConnectionManager::new(url))
}

/// Applies pending migrations and (re)loads reference data.
pub fn migrate(conn: &mut PgConnection) -> anyhow::Result<()> {
    conn.run_pending_migrations(MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("migrations failed: {e}"))?;
    reference::load(conn)?;
    Ok(())
}

/// Applies pending migrations, loads reference data, and grants the runtime role its privileges
/// ([`roles::grant_runtime`]). What `orgnabor migrate` does; run as the owner role.
pub fn migrate_and_grant(conn: &mut PgConnection, runtime_role: &str) -> anyhow::Result<()> {
    migrate(conn)?;
    roles::grant_runtime(conn, runtime_role)
}

#[derive(QueryableByName)]
struct Present {
    #[diesel(sql_type = Bool)]
    present: bool,
}

#[derive(QueryableByName)]
struct Applied {
    #[diesel(sql_type = Text)]
    version: String,
}

/// Whether a migration built into this binary is not applied yet. Only reads, so the runtime role
/// can ask (diesel's own check first tries to create its bookkeeping table, which needs CREATE).
pub fn has_pending_migrations(conn: &mut PgConnection) -> anyhow::Result<bool> {
    let embedded = MigrationSource::<Pg>::migrations(&MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("cannot read migrations: {e}"))?;
    let present = diesel::sql_query(
        "SELECT to_regclass('__diesel_schema_migrations') IS NOT NULL AS present",
    )
    .get_result::<Present>(conn)?
    .present;
    if !present {
        return Ok(!embedded.is_empty());
    }
    let applied: HashSet<String> =
        diesel::sql_query("SELECT version::text AS version FROM __diesel_schema_migrations")
            .load::<Applied>(conn)?
            .into_iter()
            .map(|a| a.version)
            .collect();
    Ok(embedded
        .iter()
        .any(|m| !applied.contains(&m.name().version().to_string())))
}

/// Runs blocking diesel work off the actix worker threads.
pub async fn run<T, F>(pool: &DbPool, work: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get()?;
        work(&mut conn)
    })
    .await?
}

/// Like [`run`], inside one transaction: all of it commits or none of it does.
pub async fn transaction<T, F>(pool: &DbPool, work: F) -> AppResult<T>
where
    F: FnOnce(&mut PgConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    run(pool, move |conn| conn.transaction::<T, AppError, _>(work)).await
}
