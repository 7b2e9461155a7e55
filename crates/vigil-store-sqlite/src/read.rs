//! Reads, always as a given visibility may see them: the shared SQL, with
//! SQLite's forms of times (RFC 3339 text) and days (ISO text).

use std::collections::HashSet;

use sqlx::Row;
use vigil_core::RecordId;
use vigil_store::Result;

use crate::{backend, write, SqliteStore};

vigil_store_sql::impl_store_reads!(
    SqliteStore,
    sqlx::Sqlite,
    reader = reader,
    writes = write,
    time_at = time_at,
    day = vigil_core::date::format_day,
    taken = taken_among,
    // Read from the index on the same expression (migration 0014).
    widest = "SELECT MAX(julianday(date_latest) - julianday(date_earliest)) FROM records WHERE event_type IS NOT NULL",
);

/// A time column, kept as RFC 3339 text.
fn time_at(row: &sqlx::sqlite::SqliteRow, column: &str) -> Result<time::OffsetDateTime> {
    crate::time_from_text(row.try_get(column).map_err(backend)?)
}

/// Which of `ids` a record (live or deleted) has: one statement, the ids
/// handed over as one JSON array.
pub(crate) async fn taken_among<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    ids: &[&str],
) -> Result<HashSet<RecordId>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<String> = sqlx::query_scalar("SELECT id FROM records WHERE id IN (SELECT value FROM json_each(?))")
        .bind(serde_json::to_string(ids).map_err(backend)?)
        .fetch_all(executor)
        .await
        .map_err(backend)?;
    rows.iter().map(|s| RecordId::parse(s).map_err(backend)).collect()
}
