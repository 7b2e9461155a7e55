//! Accounts, API tokens and sessions: the SQL of [`vigil_store::Accounts`].

/// Implements [`vigil_store::Accounts`] for `$store` (a `$db` store) with
/// reads on the pool in field `$reader`, writes on the pool in field
/// `$writer`, and `$time` turning a time into the value the backend's
/// columns hold (`fn(OffsetDateTime) -> Result<_>`). Times are this
/// server's, not the database's.
#[macro_export]
macro_rules! impl_accounts {
    ($store:ty, $db:ty, reader = $reader:ident, writer = $writer:ident, time = $time:path) => {
        mod accounts_impl {
            use std::str::FromStr as _;

            use $crate::sqlx::{self, Row as _};
            use $crate::vigil_core::{AccountRole, UserName};
            use $crate::vigil_store::{Account, Accounts, Result, Session, StoreError};

            use super::*;

            fn be(e: impl std::error::Error + Send + Sync + 'static) -> StoreError {
                StoreError::backend(e)
            }

            fn account_from_row(row: &<$db as sqlx::Database>::Row) -> Result<Account> {
                let name: String = row.try_get("name").map_err(be)?;
                let role: String = row.try_get("role").map_err(be)?;
                Ok(Account {
                    name: UserName::parse(&name).map_err(be)?,
                    role: AccountRole::from_str(&role).map_err(be)?,
                    disabled: row.try_get("disabled").map_err(be)?,
                })
            }

            impl Accounts for $store {
                async fn add_account(&self, name: &UserName, role: AccountRole, password_hash: &str) -> Result<()> {
                    let done = sqlx::query(
                        "INSERT INTO accounts (name, role, password_hash, disabled, created_at) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING",
                    )
                    .bind(name.as_str())
                    .bind(role.as_str())
                    .bind(password_hash)
                    .bind(false)
                    .bind($time($crate::vigil_store::now())?)
                    .execute(&self.$writer)
                    .await
                    .map_err(be)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::invalid("name", format!("the account '{name}' already exists")));
                    }
                    Ok(())
                }

                async fn set_disabled(&self, name: &UserName, disabled: bool) -> Result<()> {
                    let mut tx = self.$writer.begin().await.map_err(be)?;
                    let done = sqlx::query("UPDATE accounts SET disabled = $1 WHERE name = $2")
                        .bind(disabled)
                        .bind(name.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound { kind: "account", id: name.to_string() });
                    }
                    if disabled {
                        sqlx::query("DELETE FROM sessions WHERE account_name = $1")
                            .bind(name.as_str())
                            .execute(&mut *tx)
                            .await
                            .map_err(be)?;
                    }
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }

                async fn account(&self, name: &UserName) -> Result<Option<(Account, String)>> {
                    let row = sqlx::query("SELECT name, role, disabled, password_hash FROM accounts WHERE name = $1")
                        .bind(name.as_str())
                        .fetch_optional(&self.$reader)
                        .await
                        .map_err(be)?;
                    row.map(|r| Ok((account_from_row(&r)?, r.try_get("password_hash").map_err(be)?)))
                        .transpose()
                }

                async fn accounts(&self) -> Result<Vec<Account>> {
                    let rows = sqlx::query("SELECT name, role, disabled FROM accounts ORDER BY name")
                        .fetch_all(&self.$reader)
                        .await
                        .map_err(be)?;
                    rows.iter().map(account_from_row).collect()
                }

                async fn add_token(&self, name: &UserName, token_hash: &str) -> Result<()> {
                    sqlx::query("INSERT INTO api_tokens (token_hash, account_name, created_at) VALUES ($1, $2, $3)")
                        .bind(token_hash)
                        .bind(name.as_str())
                        .bind($time($crate::vigil_store::now())?)
                        .execute(&self.$writer)
                        .await
                        .map_err(be)?;
                    Ok(())
                }

                async fn account_by_token(&self, token_hash: &str) -> Result<Option<Account>> {
                    let row = sqlx::query(
                        "SELECT a.name, a.role, a.disabled FROM api_tokens t JOIN accounts a ON a.name = t.account_name \
                         WHERE t.token_hash = $1 AND NOT a.disabled",
                    )
                    .bind(token_hash)
                    .fetch_optional(&self.$reader)
                    .await
                    .map_err(be)?;
                    row.map(|r| account_from_row(&r)).transpose()
                }

                async fn create_session(
                    &self,
                    session_hash: &str,
                    name: &UserName,
                    csrf_token: &str,
                    expires_at: $crate::time::OffsetDateTime,
                ) -> Result<()> {
                    let mut tx = self.$writer.begin().await.map_err(be)?;
                    // Sessions that have run out are swept as new ones begin.
                    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                        .bind($time($crate::vigil_store::now())?)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    sqlx::query(
                        "INSERT INTO sessions (session_hash, account_name, csrf_token, expires_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(session_hash)
                    .bind(name.as_str())
                    .bind(csrf_token)
                    .bind($time(expires_at)?)
                    .execute(&mut *tx)
                    .await
                    .map_err(be)?;
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }

                async fn session(&self, session_hash: &str) -> Result<Option<Session>> {
                    let row = sqlx::query(
                        "SELECT a.name, a.role, a.disabled, s.csrf_token FROM sessions s \
                         JOIN accounts a ON a.name = s.account_name \
                         WHERE s.session_hash = $1 AND s.expires_at > $2 AND NOT a.disabled",
                    )
                    .bind(session_hash)
                    .bind($time($crate::vigil_store::now())?)
                    .fetch_optional(&self.$reader)
                    .await
                    .map_err(be)?;
                    row.map(|r| {
                        Ok(Session { account: account_from_row(&r)?, csrf_token: r.try_get("csrf_token").map_err(be)? })
                    })
                    .transpose()
                }

                async fn delete_session(&self, session_hash: &str) -> Result<()> {
                    sqlx::query("DELETE FROM sessions WHERE session_hash = $1")
                        .bind(session_hash)
                        .execute(&self.$writer)
                        .await
                        .map_err(be)?;
                    Ok(())
                }
            }
        }
    };
}
