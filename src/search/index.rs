use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use anyhow::Context;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};
use uuid::Uuid;

use crate::db::models::candidate::CandidateProfile;
use crate::db::models::vacancy::Vacancy;
use crate::db::schema::{candidate_profiles, consents, search_changes, vacancies};
use crate::domain::vacancy::VacancyStatus;
use crate::search::analyzers::ViewTokenizer;
use crate::search::documents::{self, indexable_candidate, indexable_vacancy};
use crate::search::schema::{self, Fields, TEXT_ANALYZER, TRANSLIT_ANALYZER};

const BATCH: i64 = 1000;

#[derive(QueryableByName)]
struct Watermark {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    xmin: i64,
}

/// Every transaction *of this database* with an id below this has finished: its changes are all
/// visible now and no more can appear. (Sequence ids are handed out in a different order than
/// commits, so a cursor over them could skip a long transaction; a transaction watermark cannot.)
/// Transaction ids are cluster-wide, so in-flight transactions of other databases are left out:
/// they never write our change log and must not hold our index back. Every role writing here
/// counts: `pg_stat_activity` shows `datname` and `backend_xid` of *every* session to any role
/// (PostgreSQL's "values available to all callers"; only `query`, `state`, `xact_start`… need
/// `pg_read_all_stats`), so the runtime role sees the owner's, a second app's or an operator's
/// open transactions without extra privileges (tests/api/db_roles.rs holds it to that).
fn safe_watermark(conn: &mut PgConnection) -> QueryResult<i64> {
    diesel::sql_query(
        "SELECT coalesce(
            (SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
              WHERE (x::text::bigint & 4294967295) IN (
                SELECT backend_xid::text::bigint FROM pg_stat_activity
                 WHERE datname = current_database() AND backend_xid IS NOT NULL)),
            pg_snapshot_xmax(pg_current_snapshot())::text::bigint) AS xmin",
    )
    .get_result::<Watermark>(conn)
    .map(|w| w.xmin)
}

pub struct SearchIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    /// One applier at a time: the background syncer and explicit calls take turns.
    sync: Mutex<()>,
    applied: AtomicI64,
    pub fields: Fields,
    pub dir: PathBuf,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct Drift {
    pub expected: usize,
    pub indexed: usize,
    pub missing: Vec<Uuid>,
    pub stale: Vec<Uuid>,
    pub extra: Vec<Uuid>,
    pub applied_change: i64,
    pub latest_change: i64,
}

impl Drift {
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.stale.is_empty() && self.extra.is_empty()
    }
}

fn register_analyzers(index: &Index) {
    index.tokenizers().register(
        TEXT_ANALYZER,
        TextAnalyzer::builder(ViewTokenizer::text()).build(),
    );
    index.tokenizers().register(
        TRANSLIT_ANALYZER,
        TextAnalyzer::builder(ViewTokenizer::translit()).build(),
    );
}

impl SearchIndex {
    fn from_index(
        index: Index,
        dir: &Path,
        memory_mb: usize,
        threads: usize,
    ) -> anyhow::Result<Self> {
        register_analyzers(&index);
        let (_, fields) = schema::build();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer_with_num_threads(
            threads.max(1),
            memory_mb.max(15 * threads.max(1)) * 1_000_000,
        )?;
        let applied = index
            .load_metas()?
            .payload
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        Ok(Self {
            reader,
            writer: Mutex::new(writer),
            sync: Mutex::new(()),
            applied: AtomicI64::new(applied),
            fields,
            dir: dir.to_owned(),
        })
    }

    /// A new, empty index in `dir` (which must not hold one).
    pub fn create(dir: &Path, memory_mb: usize, threads: usize) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let (schema, _) = schema::build();
        let index = Index::create_in_dir(dir, schema)?;
        Self::from_index(index, dir, memory_mb, threads)
    }

    pub fn open(dir: &Path, memory_mb: usize) -> anyhow::Result<Self> {
        let index = Index::open_in_dir(dir)?;
        let (expected, _) = schema::build();
        if index.schema() != expected {
            anyhow::bail!("index schema differs from this version's");
        }
        Self::from_index(index, dir, memory_mb, 1)
    }

    /// Opens the index in `dir`; a missing, corrupt or outdated one is rebuilt from Postgres.
    pub fn open_or_rebuild(
        dir: &Path,
        memory_mb: usize,
        conn: Option<&mut PgConnection>,
    ) -> anyhow::Result<Self> {
        match Self::open(dir, memory_mb) {
            Ok(index) => Ok(index),
            Err(e) => {
                if dir.exists() {
                    tracing::warn!(dir = %dir.display(), error = %e, "search index unusable; rebuilding");
                    std::fs::remove_dir_all(dir)
                        .with_context(|| format!("remove {}", dir.display()))?;
                }
                let index = Self::create(dir, memory_mb, 1)?;
                if let Some(conn) = conn {
                    match index.rebuild(conn) {
                        Ok(n) => tracing::info!(documents = n, "search index rebuilt"),
                        // The change log then brings it up to date from the beginning.
                        Err(e) => {
                            tracing::error!(error = %e, "search index rebuild failed; will sync from the change log")
                        }
                    }
                }
                Ok(index)
            }
        }
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub fn applied_change(&self) -> i64 {
        self.applied.load(Ordering::SeqCst)
    }

    fn writer(&self) -> anyhow::Result<std::sync::MutexGuard<'_, IndexWriter>> {
        self.writer
            .lock()
            .map_err(|_| anyhow::anyhow!("index writer poisoned"))
    }

    fn commit(&self, writer: &mut IndexWriter, applied: i64) -> anyhow::Result<()> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&applied.to_string());
        prepared.commit()?;
        self.reader.reload()?;
        self.applied.store(applied, Ordering::SeqCst);
        Ok(())
    }

    fn put_vacancies(&self, writer: &IndexWriter, rows: &[Vacancy]) -> anyhow::Result<()> {
        for v in rows {
            writer.delete_term(Term::from_field_text(self.fields.id, &v.id.to_string()));
            if indexable_vacancy(v) {
                writer.add_document(documents::vacancy_doc(&self.fields, v))?;
            }
        }
        Ok(())
    }

    fn put_candidates(
        &self,
        conn: &mut PgConnection,
        writer: &IndexWriter,
        rows: &[CandidateProfile],
    ) -> anyhow::Result<()> {
        let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
        let consented: HashSet<Uuid> = consents::table
            .filter(consents::profile_id.eq_any(&ids))
            .filter(consents::revoked_at.is_null())
            .select(consents::profile_id)
            .load(conn)?
            .into_iter()
            .collect();
        for p in rows {
            writer.delete_term(Term::from_field_text(self.fields.id, &p.id.to_string()));
            if indexable_candidate(p, &consented) {
                writer.add_document(documents::candidate_doc(&self.fields, p))?;
            }
        }
        Ok(())
    }

    /// Empties the index and loads every indexable row, in id order, a batch at a time.
    pub fn rebuild(&self, conn: &mut PgConnection) -> anyhow::Result<usize> {
        let _turn = self
            .sync
            .lock()
            .map_err(|_| anyhow::anyhow!("sync lock poisoned"))?;
        // Transactions from this mark on are applied again afterwards; twice is harmless.
        let mark = safe_watermark(conn)?;
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        let mut count = 0;
        let mut after = Uuid::nil();
        loop {
            let rows: Vec<Vacancy> = vacancies::table
                .filter(vacancies::id.gt(after))
                .filter(vacancies::status.eq(VacancyStatus::Published.as_str()))
                .order(vacancies::id)
                .limit(BATCH)
                .select(Vacancy::as_select())
                .load(conn)?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            count += rows.len();
            self.put_vacancies(&writer, &rows)?;
        }
        let mut after = Uuid::nil();
        loop {
            let rows: Vec<CandidateProfile> = candidate_profiles::table
                .filter(candidate_profiles::id.gt(after))
                .filter(candidate_profiles::searchable.eq(true))
                .order(candidate_profiles::id)
                .limit(BATCH)
                .select(CandidateProfile::as_select())
                .load(conn)?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            count += rows.len();
            self.put_candidates(conn, &writer, &rows)?;
        }
        self.commit(&mut writer, mark)?;
        Ok(count)
    }

    /// Applies the changes of every transaction that finished since the last pass, commits with
    /// the new watermark as payload, and makes them searchable. Returns how many it read.
    pub fn apply_pending(&self, conn: &mut PgConnection) -> anyhow::Result<usize> {
        let _turn = self
            .sync
            .lock()
            .map_err(|_| anyhow::anyhow!("sync lock poisoned"))?;
        let from = self.applied_change();
        let upto = safe_watermark(conn)?;
        if upto <= from {
            return Ok(0);
        }
        let changes: Vec<(String, Uuid)> = search_changes::table
            .filter(search_changes::txid.ge(from))
            .filter(search_changes::txid.lt(upto))
            .select((search_changes::entity, search_changes::entity_id))
            .distinct()
            .load(conn)?;
        if changes.is_empty() {
            // Nothing to write; the next commit records the watermark.
            self.applied.store(upto, Ordering::SeqCst);
            return Ok(0);
        }
        let mut by_kind: HashMap<&str, Vec<Uuid>> = HashMap::new();
        for (entity, entity_id) in &changes {
            by_kind.entry(entity.as_str()).or_default().push(*entity_id);
        }
        let mut writer = self.writer()?;
        for chunk in by_kind
            .get(documents::VACANCY)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .chunks(BATCH as usize)
        {
            let rows: Vec<Vacancy> = vacancies::table
                .filter(vacancies::id.eq_any(chunk))
                .select(Vacancy::as_select())
                .load(conn)?;
            let found: HashSet<Uuid> = rows.iter().map(|v| v.id).collect();
            for gone in chunk.iter().filter(|i| !found.contains(i)) {
                writer.delete_term(Term::from_field_text(self.fields.id, &gone.to_string()));
            }
            self.put_vacancies(&writer, &rows)?;
        }
        for chunk in by_kind
            .get(documents::CANDIDATE)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .chunks(BATCH as usize)
        {
            let rows: Vec<CandidateProfile> = candidate_profiles::table
                .filter(candidate_profiles::id.eq_any(chunk))
                .select(CandidateProfile::as_select())
                .load(conn)?;
            let found: HashSet<Uuid> = rows.iter().map(|p| p.id).collect();
            for gone in chunk.iter().filter(|i| !found.contains(i)) {
                writer.delete_term(Term::from_field_text(self.fields.id, &gone.to_string()));
            }
            self.put_candidates(conn, &writer, &rows)?;
        }
        self.commit(&mut writer, upto)?;
        Ok(changes.len())
    }

    /// Compares ids and versions in the index with what Postgres says should be there.
    pub fn check(&self, conn: &mut PgConnection) -> anyhow::Result<Drift> {
        let searcher = self.searcher();
        let mut indexed: HashMap<Uuid, u64> = HashMap::new();
        let addresses = searcher.search(&AllQuery, &DocSetCollector)?;
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_str())
                .and_then(|s| Uuid::parse_str(s).ok());
            let reader = searcher.segment_reader(address.segment_ord);
            let version = reader
                .fast_fields()
                .u64("version")
                .ok()
                .and_then(|col| col.first(address.doc_id))
                .unwrap_or(0);
            if let Some(id) = id {
                indexed.insert(id, version);
            }
        }
        let mut expected: HashMap<Uuid, u64> = vacancies::table
            .filter(vacancies::status.eq(VacancyStatus::Published.as_str()))
            .select((vacancies::id, vacancies::version))
            .load::<(Uuid, i64)>(conn)?
            .into_iter()
            .map(|(id, v)| (id, v.max(0) as u64))
            .collect();
        let consented: HashSet<Uuid> = consents::table
            .filter(consents::revoked_at.is_null())
            .select(consents::profile_id)
            .load(conn)?
            .into_iter()
            .collect();
        let profiles: Vec<(Uuid, Option<Uuid>, i64)> = candidate_profiles::table
            .filter(candidate_profiles::searchable.eq(true))
            .select((
                candidate_profiles::id,
                candidate_profiles::user_id,
                candidate_profiles::version,
            ))
            .load(conn)?;
        for (id, user, version) in profiles {
            if user.is_some() || consented.contains(&id) {
                expected.insert(id, version.max(0) as u64);
            }
        }
        let mut drift = Drift {
            expected: expected.len(),
            indexed: indexed.len(),
            applied_change: self.applied_change(),
            latest_change: safe_watermark(conn)?,
            ..Default::default()
        };
        for (id, version) in &expected {
            match indexed.get(id) {
                None => drift.missing.push(*id),
                Some(v) if v != version => drift.stale.push(*id),
                _ => {}
            }
        }
        drift.extra = indexed
            .keys()
            .filter(|id| !expected.contains_key(id))
            .copied()
            .collect();
        Ok(drift)
    }
}

/// The background syncer inside `orgnabor serve`: applies the change log every `interval`.
pub async fn run_syncer(
    pool: crate::db::DbPool,
    index: std::sync::Arc<SearchIndex>,
    interval: std::time::Duration,
) {
    loop {
        let (pool, idx) = (pool.clone(), index.clone());
        let outcome = tokio::task::spawn_blocking(move || -> anyhow::Result<usize> {
            let mut conn = pool.get()?;
            idx.apply_pending(&mut conn)
        })
        .await;
        match outcome {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "search sync pass failed"),
            Err(e) => tracing::error!(error = %e, "search sync panicked"),
        }
        tokio::time::sleep(interval).await;
    }
}
