//! Accounts, API tokens and sessions: the SQL of [`vigil_store::Accounts`].

/// Implements [`vigil_store::Accounts`] for `$store`, a [`crate::Backend`]
/// (its pools, and how it keeps a time). Times are this server's, not the
/// database's.
#[macro_export]
macro_rules! impl_accounts {
    ($store:ty) => {
        mod accounts_impl {
            use std::str::FromStr as _;

            use $crate::sqlx::{self, Row as _};
            use $crate::vigil_core::{AccountRole, UserName};
            use $crate::vigil_store::{Account, AccountAudit, AccountChange, Accounts, Result, Session, StoreError, TokenInfo};

            use super::*;

            type Db = <$store as $crate::Backend>::Db;

            use $crate::be;

            fn found(rows: u64, name: &UserName) -> Result<()> {
                if rows == 0 {
                    return Err(StoreError::NotFound { kind: "account", id: name.to_string() });
                }
                Ok(())
            }

            /// Sets one column of the account `name` (`sql`: `UPDATE accounts
            /// SET column = $1 WHERE name = $2`); not found when there is none.
            async fn update_account<'q, T>(
                tx: &mut sqlx::Transaction<'_, Db>,
                sql: &'q str,
                value: T,
                name: &'q UserName,
            ) -> Result<()>
            where
                T: 'q + Send + sqlx::Encode<'q, Db> + sqlx::Type<Db>,
            {
                let done = sqlx::query(sql)
                    .bind(value)
                    .bind(name.as_str())
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
                found(done.rows_affected(), name)
            }

            async fn end_sessions(tx: &mut sqlx::Transaction<'_, Db>, name: &UserName) -> Result<()> {
                sqlx::query("DELETE FROM sessions WHERE account_name = $1")
                    .bind(name.as_str())
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
                Ok(())
            }

            /// Puts `digest` (sealed, bound to the account) in the place of
            /// the account's digest secret; none removes it.
            async fn keep_digest(
                key: &$crate::vigil_store::SealKey,
                tx: &mut sqlx::Transaction<'_, Db>,
                name: &UserName,
                digest: Option<&$crate::vigil_store::DigestSecret>,
            ) -> Result<()> {
                sqlx::query("DELETE FROM device_digests WHERE name = $1")
                    .bind(name.as_str())
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
                if let Some(digest) = digest {
                    let sealed = $crate::vigil_store::seal::seal_bytes(
                        key,
                        &$crate::vigil_store::digest_aad(name.as_str()),
                        &digest.to_bytes(),
                    )?;
                    sqlx::query("INSERT INTO device_digests (name, sealed, updated_at) VALUES ($1, $2, $3)")
                        .bind(name.as_str())
                        .bind(sealed)
                        .bind($crate::vigil_store::campaigns::micros($crate::vigil_store::now()))
                        .execute(&mut **tx)
                        .await
                        .map_err(be)?;
                }
                Ok(())
            }

            fn account_from_row(row: &<Db as sqlx::Database>::Row) -> Result<Account> {
                let name: String = row.try_get("name").map_err(be)?;
                let role: String = row.try_get("role").map_err(be)?;
                Ok(Account {
                    name: UserName::parse(&name).map_err(be)?,
                    role: AccountRole::from_str(&role).map_err(be)?,
                    disabled: row.try_get("disabled").map_err(be)?,
                })
            }

            impl Accounts for $store {
                async fn change_account(&self, change: &AccountChange, actor: &str) -> Result<UserName> {
                    let mut tx = $crate::Backend::side_writer(self).begin().await.map_err(be)?;
                    let name = match change {
                        AccountChange::Add { name, role, password_hash, digest } => {
                            let done = sqlx::query(
                                "INSERT INTO accounts (name, role, password_hash, disabled, created_at) \
                                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING",
                            )
                            .bind(name.as_str())
                            .bind(role.as_str())
                            .bind(password_hash.as_str())
                            .bind(false)
                            .bind(<$store as $crate::Backend>::time($crate::vigil_store::now())?)
                            .execute(&mut *tx)
                            .await
                            .map_err(be)?;
                            if done.rows_affected() == 0 {
                                return Err(StoreError::invalid("name", format!("the account '{name}' already exists")));
                            }
                            keep_digest(&self.key, &mut tx, name, digest.as_ref()).await?;
                            name.clone()
                        }
                        AccountChange::Disable(name) | AccountChange::Enable(name) => {
                            let disabled = matches!(change, AccountChange::Disable(_));
                            let sql = "UPDATE accounts SET disabled = $1 WHERE name = $2";
                            update_account(&mut tx, sql, disabled, name).await?;
                            if disabled {
                                end_sessions(&mut tx, name).await?;
                            }
                            name.clone()
                        }
                        AccountChange::Role { name, role } => {
                            let sql = "UPDATE accounts SET role = $1 WHERE name = $2";
                            update_account(&mut tx, sql, role.as_str(), name).await?;
                            name.clone()
                        }
                        AccountChange::Password { name, password_hash, digest } => {
                            let sql = "UPDATE accounts SET password_hash = $1 WHERE name = $2";
                            update_account(&mut tx, sql, password_hash.as_str(), name).await?;
                            // The old password's digest goes with it, in the same transaction.
                            keep_digest(&self.key, &mut tx, name, digest.as_ref()).await?;
                            // Whoever knew the old password is signed out.
                            end_sessions(&mut tx, name).await?;
                            name.clone()
                        }
                        AccountChange::IssueToken { name, token_hash } => {
                            let known = sqlx::query("SELECT 1 FROM accounts WHERE name = $1")
                                .bind(name.as_str())
                                .fetch_optional(&mut *tx)
                                .await
                                .map_err(be)?;
                            found(u64::from(known.is_some()), name)?;
                            sqlx::query("INSERT INTO api_tokens (token_hash, account_name, created_at) VALUES ($1, $2, $3)")
                                .bind(token_hash.as_str())
                                .bind(name.as_str())
                                .bind(<$store as $crate::Backend>::time($crate::vigil_store::now())?)
                                .execute(&mut *tx)
                                .await
                                .map_err(be)?;
                            name.clone()
                        }
                        AccountChange::RevokeToken { id } => {
                            // Ids are hex: anything else (a LIKE pattern
                            // among them) matches nothing.
                            let well_formed = id.len() == $crate::vigil_store::TOKEN_ID_LEN
                                && id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
                            let not_found = || StoreError::NotFound { kind: "token", id: id.clone() };
                            if !well_formed {
                                return Err(not_found());
                            }
                            let rows = sqlx::query(
                                "SELECT token_hash, account_name FROM api_tokens WHERE substr(token_hash, 1, $1) = $2",
                            )
                            .bind($crate::vigil_store::TOKEN_ID_LEN as i32)
                            .bind(id.as_str())
                            .fetch_all(&mut *tx)
                            .await
                            .map_err(be)?;
                            let [row] = rows.as_slice() else {
                                return Err(not_found());
                            };
                            let hash: String = row.try_get("token_hash").map_err(be)?;
                            let owner: String = row.try_get("account_name").map_err(be)?;
                            sqlx::query("DELETE FROM api_tokens WHERE token_hash = $1")
                                .bind(hash)
                                .execute(&mut *tx)
                                .await
                                .map_err(be)?;
                            UserName::parse(&owner).map_err(be)?
                        }
                    };
                    sqlx::query("INSERT INTO account_audit (at, actor, account, action, detail) VALUES ($1, $2, $3, $4, $5)")
                        .bind($crate::vigil_store::campaigns::micros($crate::vigil_store::now()))
                        .bind(actor)
                        .bind(name.as_str())
                        .bind(change.action())
                        .bind(change.detail())
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    tx.commit().await.map_err(be)?;
                    Ok(name)
                }

                async fn tokens(&self, name: &UserName) -> Result<Vec<TokenInfo>> {
                    if self.account(name).await?.is_none() {
                        return Err(StoreError::NotFound { kind: "account", id: name.to_string() });
                    }
                    let rows = sqlx::query(
                        "SELECT token_hash, created_at FROM api_tokens WHERE account_name = $1 ORDER BY created_at, token_hash",
                    )
                    .bind(name.as_str())
                    .fetch_all($crate::Backend::reader(self))
                    .await
                    .map_err(be)?;
                    rows.iter()
                        .map(|r| {
                            let hash: String = r.try_get("token_hash").map_err(be)?;
                            Ok(TokenInfo {
                                id: $crate::vigil_store::token_id(&hash).to_owned(),
                                account: name.clone(),
                                created_at: <$store as $crate::Backend>::time_back(r.try_get("created_at").map_err(be)?)?,
                            })
                        })
                        .collect()
                }

                async fn account_audit(&self, limit: u32) -> Result<Vec<AccountAudit>> {
                    let rows = sqlx::query(
                        "SELECT id, at, actor, account, action, detail FROM account_audit ORDER BY id DESC LIMIT $1",
                    )
                    .bind(i64::from(limit))
                    .fetch_all($crate::Backend::reader(self))
                    .await
                    .map_err(be)?;
                    rows.iter()
                        .map(|r| {
                            let account: String = r.try_get("account").map_err(be)?;
                            Ok(AccountAudit {
                                id: r.try_get("id").map_err(be)?,
                                at: $crate::vigil_store::campaigns::from_micros(r.try_get("at").map_err(be)?),
                                actor: r.try_get("actor").map_err(be)?,
                                account: UserName::parse(&account).map_err(be)?,
                                action: r.try_get("action").map_err(be)?,
                                detail: r.try_get("detail").map_err(be)?,
                            })
                        })
                        .collect()
                }

                async fn account(&self, name: &UserName) -> Result<Option<(Account, String)>> {
                    let row = sqlx::query("SELECT name, role, disabled, password_hash FROM accounts WHERE name = $1")
                        .bind(name.as_str())
                        .fetch_optional($crate::Backend::reader(self))
                        .await
                        .map_err(be)?;
                    row.map(|r| Ok((account_from_row(&r)?, r.try_get("password_hash").map_err(be)?)))
                        .transpose()
                }

                async fn device_digest(&self, name: &UserName) -> Result<Option<$crate::vigil_store::DigestSecret>> {
                    let sealed: Option<Vec<u8>> = sqlx::query_scalar("SELECT sealed FROM device_digests WHERE name = $1")
                        .bind(name.as_str())
                        .fetch_optional($crate::Backend::reader(self))
                        .await
                        .map_err(be)?;
                    let Some(sealed) = sealed else { return Ok(None) };
                    let bytes = $crate::vigil_store::seal::open_bytes(
                        &self.key,
                        &$crate::vigil_store::digest_aad(name.as_str()),
                        &sealed,
                    )?;
                    $crate::vigil_store::DigestSecret::from_bytes(&bytes)
                        .map(Some)
                        .ok_or_else(|| StoreError::Backend("a device's digest secret is not of its size".into()))
                }

                async fn accounts(&self) -> Result<Vec<Account>> {
                    let rows = sqlx::query("SELECT name, role, disabled FROM accounts ORDER BY name")
                        .fetch_all($crate::Backend::reader(self))
                        .await
                        .map_err(be)?;
                    rows.iter().map(account_from_row).collect()
                }

                async fn account_by_token(&self, token_hash: &str) -> Result<Option<Account>> {
                    let row = sqlx::query(
                        "SELECT a.name, a.role, a.disabled FROM api_tokens t JOIN accounts a ON a.name = t.account_name \
                         WHERE t.token_hash = $1 AND NOT a.disabled",
                    )
                    .bind(token_hash)
                    .fetch_optional($crate::Backend::reader(self))
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
                    let mut tx = $crate::Backend::side_writer(self).begin().await.map_err(be)?;
                    // Sessions that have run out are swept as new ones begin.
                    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                        .bind(<$store as $crate::Backend>::time($crate::vigil_store::now())?)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    sqlx::query(
                        "INSERT INTO sessions (session_hash, account_name, csrf_token, expires_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(session_hash)
                    .bind(name.as_str())
                    .bind(csrf_token)
                    .bind(<$store as $crate::Backend>::time(expires_at)?)
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
                    .bind(<$store as $crate::Backend>::time($crate::vigil_store::now())?)
                    .fetch_optional($crate::Backend::reader(self))
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
                        .execute($crate::Backend::side_writer(self))
                        .await
                        .map_err(be)?;
                    Ok(())
                }
            }
        }
    };
}
