//! The scale-out store: the same case file in PostgreSQL, so that several
//! `vigil serve` processes can share it.
//!
//! Same contract, same behaviour suite, same sealing as the SQLite
//! backend: confidential content is sealed with the case file's key
//! (`vigil_store::seal`) before it reaches the server, and only the public
//! (redacted) form is stored in the clear.
//!
//! # Order of the change log across servers
//!
//! Every write transaction first takes one transaction-level advisory lock
//! ([`WRITE_LOCK`], `pg_advisory_xact_lock`), and only then draws its
//! revisions' `seq` from the identity sequence. Writes to the case file are
//! therefore serialised across every process on the database, and
//! PostgreSQL releases the lock only after the commit is visible, so `seq`
//! order is commit order: whoever reads `changes_since(n)` sees a prefix of
//! the log and never skips a revision that commits later with a smaller
//! number (which a bare sequence allows: numbers are drawn at insert, not
//! at commit). A write that rolls back leaves a gap; followers tolerate
//! gaps. The cost is one writer at a time on the case file, which is the
//! SQLite backend's rule too and ample for editorial writes; accounts and
//! sessions do not take the lock. The lock also makes a write's checks
//! (references resolve, excerpts quote their source) see every write
//! committed before it, as with SQLite's single writer.
//!
//! # Migrations
//!
//! `migrations/` is embedded and run at connect, on a connection of its
//! own. sqlx's PostgreSQL migrator takes a session-level advisory lock
//! (`pg_advisory_lock`, keyed by the database's name) before it even
//! creates its table, so servers starting at once apply each migration
//! exactly once (see `tests/postgres.rs`).
//!
//! # The key
//!
//! The first server to connect stores a key check
//! ([`vigil_store::seal::key_check`]); every later one verifies its key
//! against it and refuses to start with another, so two servers can never
//! seal content under different keys.

mod accounts;
mod load;
mod proposals;
mod read;
mod write;

#[cfg(feature = "testing")]
pub mod testing;

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use vigil_store::{seal, Result, SealKey, StoreError};

vigil_store_sql::impl_campaigns!(PostgresStore, sqlx::Postgres, pool);
vigil_store_sql::impl_attachments!(PostgresStore, sqlx::Postgres, reader = pool, writer = writer);
vigil_store_sql::impl_rekey!(PostgresStore, recount_months = crate::write::recount_sealed_months);

pub use load::{PostgresLoad, PostgresSnapshot};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The advisory lock every write to the case file holds until it commits
/// (the two-key form, so it cannot meet sqlx's one-key migration lock):
/// "VIGL", 1.
pub const WRITE_LOCK: (i32, i32) = (0x5649_474c, 1);

/// A case file in a PostgreSQL database.
///
/// Writes to the case file have a small pool of their own: they wait for
/// the write lock one after another anyway, and a burst of them must not
/// hold every connection while page reads wait.
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pool: PgPool,
    writer: PgPool,
    key: SealKey,
}

pub(crate) fn backend(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::backend(e)
}

/// A time as the case file's tables keep it here (`timestamptz`): itself.
pub(crate) fn time_value(t: time::OffsetDateTime) -> Result<time::OffsetDateTime> {
    Ok(t)
}

/// Accounts and proposals read on the pool and write on it too (outside
/// the case file's write lock); times are kept as `timestamptz`.
impl vigil_store_sql::Backend for PostgresStore {
    type Db = sqlx::Postgres;
    type Time = time::OffsetDateTime;

    /// PostgreSQL's statistics (`pg_statistic`, readable by superusers
    /// only) are its autovacuum's to keep in any case.
    const AFTER_ANALYSE: &'static [&'static str] = &[];

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    fn side_writer(&self) -> &PgPool {
        &self.pool
    }

    fn time(t: time::OffsetDateTime) -> Result<time::OffsetDateTime> {
        time_value(t)
    }

    fn time_back(value: time::OffsetDateTime) -> Result<time::OffsetDateTime> {
        time_value(value)
    }
}

/// How many connections one server keeps at most for reads (and accounts
/// and sessions); it keeps [`WRITE_CONNECTIONS`] more for writes.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 16;

/// Connections for writes to the case file: one writes while the next
/// waits for the write lock (held by this or another server).
pub const WRITE_CONNECTIONS: u32 = 2;

impl PostgresStore {
    /// Nothing to clear after sealing: PostgreSQL's own files are the
    /// operator's to protect (disk encryption; see the README).
    pub(crate) async fn after_sealing(&self) {}

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`),
    /// brings its schema up to date and checks `key` against the case
    /// file's.
    pub async fn connect(url: &str, key: SealKey) -> Result<Self> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::invalid("database_url", format!("not a PostgreSQL URL: {e}")))?;
        Self::connect_with(options, key, DEFAULT_MAX_CONNECTIONS).await
    }

    pub async fn connect_with(options: PgConnectOptions, key: SealKey, max_connections: u32) -> Result<Self> {
        // Migrations on a connection of their own, closed afterwards: that
        // also ends the migrator's session lock should it fail half-way.
        let migrating = PgPoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(backend)?;
        let migrated = MIGRATOR.run(&migrating).await;
        migrating.close().await;
        migrated.map_err(backend)?;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .connect_with(options.clone())
            .await
            .map_err(backend)?;
        let writer = PgPoolOptions::new()
            .max_connections(WRITE_CONNECTIONS)
            .connect_with(options)
            .await
            .map_err(backend)?;
        let store = Self { pool, writer, key };
        store.check_key().await?;
        store.seal_proposals_in_clear().await?;
        crate::write::fill_missing_country_state(&store).await?;
        crate::write::withhold_exposing(&store).await?;
        Ok(store)
    }

    /// Closes both pools.
    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }

    async fn check_key(&self) -> Result<()> {
        sqlx::query("INSERT INTO seal_key_check (check_value) VALUES ($1) ON CONFLICT (singleton) DO NOTHING")
            .bind(seal::key_check(&self.key)?)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        let check: Vec<u8> = sqlx::query_scalar("SELECT check_value FROM seal_key_check")
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        if !seal::key_matches(&self.key, &check) {
            return Err(StoreError::invalid(
                "key",
                "the case file in this database is sealed with another key: give every server the same key \
                 (VIGIL_KEY or the same key file)",
            ));
        }
        Ok(())
    }

    pub(crate) fn unseal(&self, id: &str, data: Option<String>, sealed: Option<Vec<u8>>) -> Result<vigil_core::Record> {
        seal::open(&self.key, id, &seal::Stored { public: data, sealed })
    }
}
