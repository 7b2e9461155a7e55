//! Reads, always as a given visibility may see them: the shared SQL.
//! Reads take no lock: each statement sees what was committed when it
//! began.

use std::collections::HashSet;

use sqlx::Row;
use vigil_core::RecordId;
use vigil_store::Result;

use crate::{backend, write, PostgresStore};

vigil_store_sql::impl_store_reads!(
    PostgresStore,
    sqlx::Postgres,
    reader = pool,
    writes = write,
    time_at = time_at,
    day = std::convert::identity,
    taken = taken_among,
    // Read from the index on the same expression (migration 0014).
    widest = "SELECT MAX(date_latest - date_earliest)::float8 FROM records WHERE event_type IS NOT NULL",
);

/// A time column (`timestamptz`).
fn time_at(row: &sqlx::postgres::PgRow, column: &str) -> Result<time::OffsetDateTime> {
    row.try_get(column).map_err(backend)
}

/// Which of `ids` a record (live or deleted) has: one statement.
async fn taken_among(pool: &sqlx::PgPool, ids: &[&str]) -> Result<HashSet<RecordId>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<String> = sqlx::query_scalar("SELECT id FROM records WHERE id = ANY($1)")
        .bind(ids)
        .fetch_all(pool)
        .await
        .map_err(backend)?;
    rows.iter().map(|s| RecordId::parse(s).map_err(backend)).collect()
}
