//! For tests, here and in other crates: a fresh database of its own for
//! each test, on the PostgreSQL server named by `VIGIL_TEST_POSTGRES_URL`
//! (e.g. `postgres://postgres:secret@127.0.0.1:54329/postgres`).
//!
//! Without the variable the PostgreSQL tests are skipped, and say so on
//! the terminal (past the test harness's capture) — except under CI
//! (`CI` set), where a missing server is an error: CI must run them.

use std::io::Write;
use std::str::FromStr;
use std::sync::Once;

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};
use vigil_store::SealKey;

use crate::PostgresStore;

/// The variable naming the server tests may create databases on.
pub const URL_VAR: &str = "VIGIL_TEST_POSTGRES_URL";

/// The server's URL, or `None` (after a loud notice) when PostgreSQL tests
/// are not to run here. Panics under CI without one.
pub fn server_url() -> Option<String> {
    match std::env::var(URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("{URL_VAR} is not set under CI: the PostgreSQL tests must run there (see .ci/run)")
        }
        _ => {
            static NOTICE: Once = Once::new();
            NOTICE.call_once(|| {
                // Straight to the terminal: the harness captures eprintln!.
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** {URL_VAR} is not set: SKIPPING the PostgreSQL tests of this binary \
                     (see README, 'Tests on PostgreSQL') ***\n"
                );
            });
            None
        }
    }
}

/// A new, empty database on the server at `server_url`, with a random
/// name; returns its URL. The database is left behind: tests run on a
/// throwaway cluster.
pub async fn fresh_database(server_url: &str) -> String {
    let options = PgConnectOptions::from_str(server_url).expect("VIGIL_TEST_POSTGRES_URL is a PostgreSQL URL");
    let mut conn = options
        .connect()
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {URL_VAR}: {e}"));
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes).expect("random bytes");
    let name = format!(
        "vigil_test_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("cannot create a test database: {e}"));
    conn.close().await.ok();
    with_database(server_url, &name)
}

/// `url` with its database replaced by `database`.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

/// A store on a fresh database, or `None` when PostgreSQL tests are
/// skipped here.
pub async fn fresh_store() -> Option<PostgresStore> {
    let server = server_url()?;
    let url = fresh_database(&server).await;
    Some(
        PostgresStore::connect(&url, SealKey::generate())
            .await
            .expect("connect to a fresh database"),
    )
}

/// A store under `key` on a fresh database, or `None` when PostgreSQL
/// tests are skipped here.
pub async fn fresh_store_with_key(key: SealKey) -> Option<PostgresStore> {
    let server = server_url()?;
    let url = fresh_database(&server).await;
    Some(
        PostgresStore::connect(&url, key)
            .await
            .expect("connect to a fresh database"),
    )
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_of_a_url_is_replaced() {
        assert_eq!(
            with_database("postgres://u:p@127.0.0.1:5432/postgres", "x"),
            "postgres://u:p@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h:1/db?sslmode=disable", "x"),
            "postgres://u@h:1/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
