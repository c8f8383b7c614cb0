use diesel::pg::PgConnection;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::search_changes;

pub const VACANCY: &str = "vacancy";
pub const CANDIDATE: &str = "candidate";

/// Written in the same transaction as the change, so the index never misses one.
pub fn record(conn: &mut PgConnection, entity: &str, entity_id: Uuid, op: &str) -> QueryResult<()> {
    diesel::insert_into(search_changes::table)
        .values((
            search_changes::entity.eq(entity),
            search_changes::entity_id.eq(entity_id),
            search_changes::op.eq(op),
        ))
        .execute(conn)
        .map(|_| ())
}
