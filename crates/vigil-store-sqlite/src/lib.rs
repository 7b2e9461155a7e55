//! The embedded default store: one SQLite file (WAL) in the data folder.
//!
//! Writes go through a pool of one connection, so SQLite's single writer
//! never meets a busy lock between two of ours; reads use their own pool
//! and see the last committed state. Migrations in `migrations/` are
//! embedded and run at open. Confidential content is sealed with the case
//! file's key before it reaches the file (see `vigil_store::seal`).

mod accounts;
mod checkpoint;
mod proposals;
mod read;
mod snapshot;
mod write;

use std::path::Path;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use vigil_store::{seal, Result, SealKey, StoreError};

pub use snapshot::{SqliteLoad, SqliteSnapshot};

vigil_store_sql::impl_campaigns!(SqliteStore, sqlx::Sqlite, reader);
vigil_store_sql::impl_attachments!(SqliteStore, sqlx::Sqlite, reader = reader, writer = writer);
vigil_store_sql::impl_rekey!(SqliteStore, recount_months = crate::write::recount_sealed_months);

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The work SQLite has done for a store since it was opened:
/// steps of its virtual machine (a row visited in a table or an index is
/// one or a few), counted by a progress handler on every connection. The
/// same query over the same rows takes the same steps, so a test can tell
/// a request that visits a person's rows from one that walks the case
/// file, whatever the machine's speed.
#[derive(Clone, Debug, Default)]
pub struct Meter(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl Meter {
    /// The steps counted so far.
    pub fn steps(&self) -> u64 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// What a pool's hook gives back: the connection made ready.
type Ready<'c> = std::pin::Pin<Box<dyn std::future::Future<Output = std::result::Result<(), sqlx::Error>> + Send + 'c>>;

/// A pool's hook that has `meter` (if any) count each new connection's steps.
fn metered(
    meter: Option<Meter>,
) -> impl Fn(&mut sqlx::SqliteConnection, sqlx::pool::PoolConnectionMetadata) -> Ready<'_> + Send + Sync + 'static {
    move |conn, _| {
        let meter = meter.clone();
        Box::pin(async move {
            if let Some(meter) = meter {
                conn.lock_handle().await?.set_progress_handler(1, move || {
                    meter.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    true
                });
            }
            Ok(())
        })
    }
}

/// A case file in one SQLite file.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    reader: SqlitePool,
    writer: SqlitePool,
    key: SealKey,
    /// Held by every clone of the store: the background checkpoint stops
    /// once the last is gone.
    alive: std::sync::Arc<()>,
}

pub(crate) fn backend(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::backend(e)
}

/// A time as the case file's tables keep it here: RFC 3339 text.
pub(crate) fn time_text(t: time::OffsetDateTime) -> Result<String> {
    t.format(&time::format_description::well_known::Rfc3339)
        .map_err(backend)
}

/// Back from [`time_text`].
pub(crate) fn time_from_text(text: String) -> Result<time::OffsetDateTime> {
    time::OffsetDateTime::parse(&text, &time::format_description::well_known::Rfc3339).map_err(backend)
}

/// Accounts and proposals read on the readers' pool and write on the one
/// writing connection; times are kept as RFC 3339 text.
impl vigil_store_sql::Backend for SqliteStore {
    type Db = sqlx::Sqlite;
    type Time = String;

    /// `ANALYZE` also copies sample keys of every index into
    /// `sqlite_stat4`, where a name or id would outlive its record's
    /// sealing or deletion (secure_delete zeroes only freed pages). Only
    /// the counts of `sqlite_stat1` are kept, and loaded again.
    const AFTER_ANALYSE: &'static [&'static str] = &["DELETE FROM sqlite_stat4", "ANALYZE sqlite_schema"];

    fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    fn side_writer(&self) -> &SqlitePool {
        &self.writer
    }

    fn time(t: time::OffsetDateTime) -> Result<String> {
        time_text(t)
    }

    fn time_back(value: String) -> Result<time::OffsetDateTime> {
        time_from_text(value)
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and brings
    /// its schema up to date. `key` seals and unseals confidential content.
    pub async fn open(path: &Path, key: SealKey) -> Result<Self> {
        Self::open_with(path, key, None).await
    }

    /// [`Self::open`], with a [`Meter`] of the work its reads and writes
    /// do: for tests that a request costs what it touches, not the size
    /// of the case file.
    pub async fn open_metered(path: &Path, key: SealKey) -> Result<(Self, Meter)> {
        let meter = Meter::default();
        let store = Self::open_with(path, key, Some(meter.clone())).await?;
        Ok((store, meter))
    }

    async fn open_with(path: &Path, key: SealKey, meter: Option<Meter>) -> Result<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(10))
            // Temporary files in memory, for every connection: statement
            // journals (a multi-row insert keeps one, to undo just that
            // statement) were more bytes on disk than the database and its
            // WAL together during ingest, and held records' text outside the
            // data folder. Sorts and index builds also stay in memory; at
            // this store's sizes (hundreds of MB) that is what we want.
            .pragma("temp_store", "memory")
            // 8 KiB pages for a new file (an existing one keeps its own): most
            // sources' text fits in one page rather than a chain of them,
            // while a signature, whose address goes to a random place in its
            // campaign's index, writes half the 16 KiB it wrote with pages
            // of that size (the WAL, then the checkpoint, write the page).
            .pragma("page_size", "8192")
            // Freed pages are overwritten with zeros: once a record is
            // sealed, its text in the clear does not stay in free space.
            .pragma("secure_delete", "on");
        // Page cache: 64 MiB for the one writer (the default is 2 MiB), so
        // a campaign's indexes stay in memory under load; 16 MiB for each
        // reader. Every connection's cache fills at a million events, and
        // nine of 64 MiB were half a gigabyte of the server's memory; what
        // a reader misses comes from the system's file cache.
        //
        // The writer leaves checkpoints to a connection of their own (see
        // `checkpoint`), so that a commit does not wait for one; its own
        // would start only past 10,000 pages, should that one fall behind.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            // No ping before each use: a file's connection does not drop as
            // a server's does, and the ping was one more trip to the
            // connection's thread for every write (each batch of signatures).
            .test_before_acquire(false)
            .after_connect(metered(meter.clone()))
            .connect_with(
                options
                    .clone()
                    .pragma("cache_size", "-65536")
                    .pragma("wal_autocheckpoint", "10000")
                    // Once the WAL is rewound after a burst, its file shrinks
                    // back to 64 MiB rather than keeping the burst's size.
                    .pragma("journal_size_limit", "67108864"),
            )
            .await
            .map_err(backend)?;
        MIGRATOR.run(&writer).await.map_err(backend)?;
        // A metered store reads on one connection: SQLite counts the steps
        // of loading the schema and its statistics on a connection's first
        // statement, and each connection keeps the statistics it loaded, so
        // the same request on eight connections cost a different number of
        // steps on each (a test failed on it once in three runs).
        let readers = if meter.is_some() { 1 } else { 8 };
        let checkpointer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone().pragma("cache_size", "-1024"))
            .await
            .map_err(backend)?;
        let reader = SqlitePoolOptions::new()
            .max_connections(readers)
            .after_connect(metered(meter))
            .connect_with(options.pragma("cache_size", "-16384"))
            .await
            .map_err(backend)?;
        let store = Self {
            reader,
            writer,
            key,
            alive: std::sync::Arc::new(()),
        };
        tokio::spawn(checkpoint::run(checkpointer, std::sync::Arc::downgrade(&store.alive)));
        store.check_key().await?;
        // A process killed between sealing a record and the checkpoint
        // after it left the record's old images in the WAL: empty it now.
        store.after_sealing().await;
        store.seal_proposals_in_clear().await?;
        crate::write::fill_missing_country_state(&store).await?;
        crate::write::withhold_exposing(&store).await?;
        store.optimise().await?;
        Ok(store)
    }

    /// The planner's statistics, for a case file that grew by single
    /// writes (a bulk write analyses as it commits): SQLite's advice for a
    /// long-lived connection, with its own small sample when a table was
    /// never analysed or has much changed since. Run last on opening, once
    /// whatever was in the clear is sealed.
    async fn optimise(&self) -> Result<()> {
        sqlx::query("PRAGMA optimize=0x10002")
            .execute(&self.writer)
            .await
            .map_err(backend)?;
        for sql in <Self as vigil_store_sql::Backend>::AFTER_ANALYSE {
            sqlx::query(sql).execute(&self.writer).await.map_err(backend)?;
        }
        Ok(())
    }

    /// Refuses a key that is not the case file's: writing with a second
    /// key would leave records no one can read. The case file keeps a key
    /// check (`seal_key_check`, as PostgreSQL does); one made before it
    /// existed is checked against a sealed revision first, then given one.
    async fn check_key(&self) -> Result<()> {
        let wrong = || {
            StoreError::invalid(
                "key",
                "this key does not open the case file's confidential records (wrong key?)",
            )
        };
        let check: Option<Vec<u8>> = sqlx::query_scalar("SELECT check_value FROM seal_key_check")
            .fetch_optional(&self.writer)
            .await
            .map_err(backend)?;
        if let Some(check) = check {
            return if seal::key_matches(&self.key, &check) {
                Ok(())
            } else {
                Err(wrong())
            };
        }
        let row = sqlx::query("SELECT record_id AS id, data, sealed FROM revisions WHERE sealed IS NOT NULL LIMIT 1")
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?;
        if let Some(row) = row {
            use sqlx::Row;
            let id: String = row.try_get("id").map_err(backend)?;
            self.unseal(
                &id,
                row.try_get("data").map_err(backend)?,
                row.try_get("sealed").map_err(backend)?,
            )
            .map_err(|_| wrong())?;
        }
        sqlx::query("INSERT INTO seal_key_check (check_value) VALUES ($1) ON CONFLICT (singleton) DO NOTHING")
            .bind(seal::key_check(&self.key)?)
            .execute(&self.writer)
            .await
            .map_err(backend)?;
        Ok(())
    }

    /// Closes both pools, checkpointing the WAL.
    ///
    /// The checkpoint is asked for explicitly, with the readers closed, so
    /// that the database file holds everything when this returns: the one
    /// SQLite runs as its last connection closes happens on the
    /// connection's worker thread, which may still be at it after the pool
    /// says it is closed (a copy of the file taken then missed the last
    /// writes).
    pub async fn close(&self) {
        self.reader.close().await;
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.writer)
            .await
        {
            tracing::warn!(error = %e, "checkpoint on closing failed");
        }
        self.writer.close().await;
    }

    /// Writes a consistent snapshot of the whole case file to `target` (a
    /// new file) while the store stays in use: `VACUUM INTO` reads one
    /// snapshot and blocks writers for no longer than any other reader.
    pub async fn backup(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(StoreError::invalid(
                "target",
                format!("{} already exists", target.display()),
            ));
        }
        let target = target
            .to_str()
            .ok_or_else(|| StoreError::invalid("target", "the backup path is not valid UTF-8"))?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.reader)
            .await
            .map_err(backend)?;
        Ok(())
    }

    /// Checks that `path` is a whole, uncorrupted Vigil case file.
    pub async fn verify(path: &Path) -> Result<()> {
        let options = SqliteConnectOptions::new().filename(path).read_only(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(backend)?;
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await
            .map_err(backend)?;
        if check != "ok" {
            return Err(StoreError::invalid("file", format!("integrity check failed: {check}")));
        }
        let tables: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('records', 'revisions', '_sqlx_migrations')",
        )
        .fetch_one(&pool)
        .await
        .map_err(backend)?;
        pool.close().await;
        if tables != 3 {
            return Err(StoreError::invalid(
                "file",
                "this is an SQLite file but not a Vigil case file",
            ));
        }
        Ok(())
    }

    pub(crate) fn unseal(&self, id: &str, data: Option<String>, sealed: Option<Vec<u8>>) -> Result<vigil_core::Record> {
        seal::open(&self.key, id, &seal::Stored { public: data, sealed })
    }
}
