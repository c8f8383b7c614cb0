pub mod models;
pub mod reference;
pub mod schema;

use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, Pool};
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

pub fn has_pending_migrations(conn: &mut PgConnection) -> anyhow::Result<bool> {
    let pending = conn
        .pending_migrations(MIGRATIONS)
        .map_err(|e| anyhow::anyhow!("cannot read migrations: {e}"))?;
    Ok(!pending.is_empty())
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
