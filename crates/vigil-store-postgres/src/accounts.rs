//! Accounts, tokens and sessions in PostgreSQL: the shared SQL. These
//! writes do not take the case file's write lock: each is one statement or
//! one short transaction of its own, and none enters the change log.

use crate::PostgresStore;

vigil_store_sql::impl_accounts!(PostgresStore);
