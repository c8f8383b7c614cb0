//! Matching: a tantivy index derived from Postgres. `SearchIndex` owns the schema, reader and
//! writer; the change log (`search_changes`) is applied by transaction watermark (every
//! transaction older than `pg_snapshot_xmin` has finished) and the watermark is kept in the commit
//! payload, so each process with its own index directory converges on the same state.

pub mod analyzers;
pub mod documents;
pub mod explain;
pub mod index;
pub mod query;
pub mod schema;
pub mod taxonomy;

pub use index::SearchIndex;
