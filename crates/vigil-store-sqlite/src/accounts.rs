//! Accounts, tokens and sessions in SQLite.

use std::str::FromStr;

use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use vigil_core::{AccountRole, UserName};
use vigil_store::{Account, Accounts, Result, Session, StoreError};

use crate::{backend, SqliteStore};

fn now_text() -> Result<String> {
    vigil_store::now()
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(backend)
}

fn account_from_row(row: &SqliteRow) -> Result<Account> {
    let name: String = row.try_get("name").map_err(backend)?;
    let role: String = row.try_get("role").map_err(backend)?;
    let disabled: i64 = row.try_get("disabled").map_err(backend)?;
    Ok(Account {
        name: UserName::parse(&name).map_err(backend)?,
        role: AccountRole::from_str(&role).map_err(backend)?,
        disabled: disabled != 0,
    })
}

impl Accounts for SqliteStore {
    async fn add_account(&self, name: &UserName, role: AccountRole, password_hash: &str) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO accounts (name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, 0, ?) \
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(name.as_str())
        .bind(role.as_str())
        .bind(password_hash)
        .bind(now_text()?)
        .execute(&self.writer)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::invalid(
                "name",
                format!("the account '{name}' already exists"),
            ));
        }
        Ok(())
    }

    async fn set_disabled(&self, name: &UserName, disabled: bool) -> Result<()> {
        let mut tx = self.writer.begin().await.map_err(backend)?;
        let done = sqlx::query("UPDATE accounts SET disabled = ? WHERE name = ?")
            .bind(disabled as i64)
            .bind(name.as_str())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                kind: "account",
                id: name.to_string(),
            });
        }
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE account_name = ?")
                .bind(name.as_str())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn account(&self, name: &UserName) -> Result<Option<(Account, String)>> {
        let row = sqlx::query("SELECT name, role, disabled, password_hash FROM accounts WHERE name = ?")
            .bind(name.as_str())
            .fetch_optional(&self.reader)
            .await
            .map_err(backend)?;
        row.map(|r| Ok((account_from_row(&r)?, r.try_get("password_hash").map_err(backend)?)))
            .transpose()
    }

    async fn accounts(&self) -> Result<Vec<Account>> {
        let rows = sqlx::query("SELECT name, role, disabled FROM accounts ORDER BY name")
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        rows.iter().map(account_from_row).collect()
    }

    async fn add_token(&self, name: &UserName, token_hash: &str) -> Result<()> {
        sqlx::query("INSERT INTO api_tokens (token_hash, account_name, created_at) VALUES (?, ?, ?)")
            .bind(token_hash)
            .bind(name.as_str())
            .bind(now_text()?)
            .execute(&self.writer)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn account_by_token(&self, token_hash: &str) -> Result<Option<Account>> {
        let row = sqlx::query(
            "SELECT a.name, a.role, a.disabled FROM api_tokens t JOIN accounts a ON a.name = t.account_name \
             WHERE t.token_hash = ? AND a.disabled = 0",
        )
        .bind(token_hash)
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?;
        row.map(|r| account_from_row(&r)).transpose()
    }

    async fn create_session(
        &self,
        session_hash: &str,
        name: &UserName,
        csrf_token: &str,
        expires_at: time::OffsetDateTime,
    ) -> Result<()> {
        let expires = expires_at
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(backend)?;
        let mut tx = self.writer.begin().await.map_err(backend)?;
        // Sessions that have run out are swept as new ones begin.
        sqlx::query("DELETE FROM sessions WHERE expires_at < ?")
            .bind(now_text()?)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query("INSERT INTO sessions (session_hash, account_name, csrf_token, expires_at) VALUES (?, ?, ?, ?)")
            .bind(session_hash)
            .bind(name.as_str())
            .bind(csrf_token)
            .bind(expires)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn session(&self, session_hash: &str) -> Result<Option<Session>> {
        let row = sqlx::query(
            "SELECT a.name, a.role, a.disabled, s.csrf_token FROM sessions s JOIN accounts a ON a.name = s.account_name \
             WHERE s.session_hash = ? AND s.expires_at > ? AND a.disabled = 0",
        )
        .bind(session_hash)
        .bind(now_text()?)
        .fetch_optional(&self.reader)
        .await
        .map_err(backend)?;
        row.map(|r| {
            Ok(Session {
                account: account_from_row(&r)?,
                csrf_token: r.try_get("csrf_token").map_err(backend)?,
            })
        })
        .transpose()
    }

    async fn delete_session(&self, session_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE session_hash = ?")
            .bind(session_hash)
            .execute(&self.writer)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
