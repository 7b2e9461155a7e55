//! Accounts, tokens and sessions in SQLite: the shared SQL, times kept as
//! RFC 3339 text.

use crate::SqliteStore;

vigil_store_sql::impl_accounts!(SqliteStore);
