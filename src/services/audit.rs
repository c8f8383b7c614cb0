//! Writing the audit trail. Callers pass typed snapshots; a snapshot that cannot be serialised is
//! an error that rolls the change back, never a silent `null`.

use std::collections::BTreeMap;

use diesel::pg::PgConnection;
use serde::Serialize;
use uuid::Uuid;

use crate::crypto::DataCipher;
use crate::db::models::audit::{self, Actor};
use crate::domain::audit::AuditAction;
use crate::error::{AppError, AppResult};

fn to_json<T: Serialize>(value: Option<&T>) -> AppResult<Option<serde_json::Value>> {
    value
        .map(serde_json::to_value)
        .transpose()
        .map_err(|e| AppError::internal(anyhow::anyhow!("audit snapshot: {e}")))
}

/// Records one action on one object, inside the caller's transaction.
pub fn record<T: Serialize>(
    conn: &mut PgConnection,
    actor: &Actor,
    action: AuditAction,
    object_id: impl Into<Uuid>,
    before: Option<&T>,
    after: Option<&T>,
) -> AppResult<()> {
    let (before, after) = (to_json(before)?, to_json(after)?);
    audit::record(
        conn,
        actor,
        action.as_str(),
        action.object_type(),
        object_id.into(),
        before,
        after,
    )?;
    Ok(())
}

/// Records the change of one object, snapshotting the model before and after with `snapshot`.
pub fn record_change<M, S: Serialize>(
    conn: &mut PgConnection,
    actor: &Actor,
    action: AuditAction,
    object_id: impl Into<Uuid>,
    (before, after): (Option<&M>, &M),
    snapshot: impl Fn(&M) -> S,
) -> AppResult<()> {
    let before = before.map(&snapshot);
    record(
        conn,
        actor,
        action,
        object_id,
        before.as_ref(),
        Some(&snapshot(after)),
    )
}

/// Personal fields of a snapshot as keyed fingerprints (`field → hash`); absent values are left
/// out, so comparing two snapshots shows which personal fields were set, changed or cleared.
pub fn fingerprints<'a>(
    cipher: &DataCipher,
    fields: impl IntoIterator<Item = (&'static str, Option<&'a str>)>,
) -> BTreeMap<&'static str, String> {
    fields
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name, cipher.audit_fingerprint(name, v))))
        .collect()
}

/// One page of the audit trail, newest first: up to `limit` entries after `cursor` (an entry
/// id), and whether more follow. The API and the ministry's audit page read it the same way.
pub async fn page(
    state: &crate::state::AppState,
    object_type: Option<String>,
    object_id: Option<Uuid>,
    cursor: Option<i64>,
    limit: i64,
) -> AppResult<(Vec<audit::AuditEntry>, bool)> {
    let mut rows = crate::db::run(&state.pool, move |conn| {
        Ok(audit::list(
            conn,
            object_type.as_deref(),
            object_id,
            cursor,
            limit + 1,
        )?)
    })
    .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok((rows, more))
}
