use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::db::schema::audit_log;

/// Who did something, for the audit trail.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub id: Option<Uuid>,
    pub role: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: Uuid,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = audit_log)]
struct NewAuditEntry<'a> {
    actor_id: Option<Uuid>,
    actor_role: Option<&'a str>,
    action: &'a str,
    object_type: &'a str,
    object_id: Uuid,
    before: Option<Value>,
    after: Option<Value>,
    request_id: Option<&'a str>,
}

pub fn record(
    conn: &mut PgConnection,
    actor: &Actor,
    action: &str,
    object_type: &str,
    object_id: Uuid,
    before: Option<Value>,
    after: Option<Value>,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(NewAuditEntry {
            actor_id: actor.id,
            actor_role: actor.role.as_deref(),
            action,
            object_type,
            object_id,
            before,
            after,
            request_id: actor.request_id.as_deref(),
        })
        .execute(conn)
        .map(|_| ())
}

pub fn list(
    conn: &mut PgConnection,
    object_type: Option<&str>,
    object_id: Option<Uuid>,
    before_id: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut query = audit_log::table
        .select(AuditEntry::as_select())
        .into_boxed();
    if let Some(t) = object_type {
        query = query.filter(audit_log::object_type.eq(t.to_owned()));
    }
    if let Some(id) = object_id {
        query = query.filter(audit_log::object_id.eq(id));
    }
    if let Some(cursor) = before_id {
        query = query.filter(audit_log::id.lt(cursor));
    }
    query.order(audit_log::id.desc()).limit(limit).load(conn)
}
