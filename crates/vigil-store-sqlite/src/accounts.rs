//! Accounts, tokens and sessions in SQLite: the shared SQL, times kept as
//! RFC 3339 text.

use crate::SqliteStore;

vigil_store_sql::impl_accounts!(
    SqliteStore,
    sqlx::Sqlite,
    reader = reader,
    writer = writer,
    time = crate::time_text,
    time_back = crate::time_from_text
);
