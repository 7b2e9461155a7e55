//! Checkpoints in the background: the pages the WAL holds are copied into
//! the database file by a connection of their own, every fifth of a
//! second, rather than by whichever commit took the WAL past SQLite's
//! threshold. That commit used to wait for the copy and its two syncs
//! (tens of milliseconds), and every signature of a campaign's group
//! commit waited with it.
//!
//! A passive checkpoint blocks no one: it copies what no reader still
//! needs and leaves the rest for the next round. The writer keeps a
//! threshold of its own (10,000 pages) should this fall behind.

use std::sync::Weak;
use std::time::Duration;

use sqlx::SqlitePool;

/// How often the WAL is copied into the database.
const EVERY: Duration = Duration::from_millis(200);

/// Checkpoints on `pool` until the store `alive` belongs to is dropped.
pub(crate) async fn run(pool: SqlitePool, alive: Weak<()>) {
    let mut every = tokio::time::interval(EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if alive.strong_count() == 0 {
            pool.close().await;
            return;
        }
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await {
            tracing::debug!(error = %e, "a background checkpoint did not run; the next will");
        }
    }
}
