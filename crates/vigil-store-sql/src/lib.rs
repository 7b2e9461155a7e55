//! The SQL both stores share: what SQLite and PostgreSQL do alike,
//! written once. `vigil-store` holds the contract; this crate holds the
//! statements and the logic around them that `vigil-store-sqlite` and
//! `vigil-store-postgres` both run.
//!
//! The shared code is macros that a backend expands over its own store
//! type (see each macro for the fields and functions it expects). Not
//! generic functions: sqlx's `Any` driver cannot carry the types we need,
//! and code generic over `sqlx::Database` must restate, on every function,
//! that each bound type encodes and decodes in that database and that its
//! executors' futures are `Send` (sqlx's traits do not imply it), which
//! buries the SQL under bounds. The SQL itself is portable: `$n`
//! parameters (SQLite reads them too), `NOT flag` for booleans (SQLite
//! keeps them as 0 and 1), `NULLS FIRST`. Where the schemas differ (SQLite
//! keeps case-file times as RFC 3339 text and days as ISO text,
//! PostgreSQL as `timestamptz` and `date`), the backend supplies the
//! conversion and the macro calls it.
//!
//! What only one backend does stays in it: SQLite's pragmas and single
//! writer, PostgreSQL's advisory write lock, `COPY` and `unnest`.

pub mod accounts;
pub mod attachments;
pub mod campaigns;
pub mod facts;
pub mod index;
pub mod months;
pub mod proposals;
pub mod read;
pub mod rekey;
pub mod transfer;
pub mod write;

/// How many values one `IN (…)` list binds: well inside both backends'
/// limits (SQLite takes 32,766 parameters a statement, PostgreSQL 65,535).
pub const IN_LIST: usize = 500;

/// A database error as the store's backend error (every statement of
/// the shared SQL maps its error so: `.map_err(be)`).
pub fn be(e: impl std::error::Error + Send + Sync + 'static) -> vigil_store::StoreError {
    vigil_store::StoreError::backend(e)
}

/// Binds each of `ids` into the `IN (` list `q` ends with, and closes it
/// (callers send at most [`IN_LIST`] ids at once).
pub fn push_in_list<'a, DB: sqlx::Database>(q: &mut sqlx::QueryBuilder<'a, DB>, ids: impl IntoIterator<Item = &'a str>)
where
    &'a str: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(id);
    }
    q.push(")");
}

/// What the shared SQL of accounts and proposals asks of a backend beside
/// its statements: the pools they run on and how a time is kept. Each
/// backend implements it once, and [`impl_accounts`] and
/// [`impl_proposals`] take nothing else.
pub trait Backend {
    /// The database sqlx speaks to.
    type Db: sqlx::Database;
    /// What a time column holds: `timestamptz` in PostgreSQL, RFC 3339
    /// text in SQLite.
    type Time;

    /// Statements run after `ANALYZE`, in its transaction.
    const AFTER_ANALYSE: &'static [&'static str];

    /// The pool reads run on.
    fn reader(&self) -> &sqlx::Pool<Self::Db>;

    /// The pool for writes that are not the case file's (accounts,
    /// sessions, proposals): none takes the case file's write lock.
    fn side_writer(&self) -> &sqlx::Pool<Self::Db>;

    /// A time as a time column holds it.
    fn time(t: time::OffsetDateTime) -> vigil_store::Result<Self::Time>;

    /// Back from [`Backend::time`].
    fn time_back(value: Self::Time) -> vigil_store::Result<time::OffsetDateTime>;
}

/// What a sealed status stretch is bound to (its person), so it cannot be
/// moved to another.
pub fn stretch_aad(person: &str) -> String {
    format!("status-stretch:{person}")
}

#[doc(hidden)]
pub use {serde_json, sqlx, time, vigil_core, vigil_store};
