//! The whole case file as stored, read from one snapshot, for a copy to
//! another backend (see `vigil_store::transfer`).

use std::str::FromStr;

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};
use vigil_core::{AccountRole, RecordId, RecordKind, UserName};
use vigil_store::attachments::{StoredAttachment, StoredForm, StoredFormKey};
use vigil_store::seal::Stored;
use vigil_store::transfer::{
    Snapshot, StoredAccount, StoredAccountAudit, StoredAudit, StoredCampaign, StoredDelivery, StoredInvalidation,
    StoredMail, StoredOutcome, StoredRecord, StoredRevision, StoredSession, StoredSignature, StoredToken,
};
use vigil_store::{Fingerprint, SourceLink, StoredProposal};
use vigil_store::{Operation, Result, StoreError};

use crate::proposals::proposals_sql::{fingerprint_from_row, link_from_row, proposal_from_row, PROPOSAL_COLUMNS};
use crate::{backend, time_from_text, SqliteStore};

/// One read transaction: in WAL mode it sees the state of its first read,
/// whatever is written afterwards.
pub struct SqliteSnapshot {
    tx: Transaction<'static, Sqlite>,
    /// Opens the fingerprints (a copy seals them again with its own key).
    key: vigil_store::SealKey,
}

impl SqliteStore {
    /// A consistent view of the whole case file as stored.
    pub async fn snapshot(&self) -> Result<SqliteSnapshot> {
        let mut tx = self.reader.begin().await.map_err(backend)?;
        // The snapshot starts at the first read: take it now.
        sqlx::query("SELECT COUNT(*) FROM revisions")
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        Ok(SqliteSnapshot {
            tx,
            key: self.key.clone(),
        })
    }
}

/// A struct whose fields are named as the row's columns (campaign tables
/// are the same in both backends, so their rows carry over as they are).
macro_rules! columns {
    ($row:expr => $ty:ident { $($field:ident),* $(,)? }) => {
        $ty { $($field: $row.try_get(stringify!($field)).map_err(backend)?),* }
    };
}

fn record_id(s: &str) -> Result<RecordId> {
    RecordId::parse(s).map_err(backend)
}

fn user(s: &str) -> Result<UserName> {
    UserName::parse(s).map_err(backend)
}

impl Snapshot for SqliteSnapshot {
    async fn revisions(&mut self, after_seq: i64, limit: u32) -> Result<Vec<StoredRevision>> {
        let rows = sqlx::query(
            "SELECT seq, record_id, kind, operation, author, at, reason, data, sealed FROM revisions \
             WHERE seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(after_seq)
        .bind(limit as i64)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let operation: String = row.try_get("operation").map_err(backend)?;
                let kind: String = row.try_get("kind").map_err(backend)?;
                Ok(StoredRevision {
                    seq: row.try_get("seq").map_err(backend)?,
                    record_id: record_id(row.try_get("record_id").map_err(backend)?)?,
                    kind: RecordKind::from_str(&kind).map_err(backend)?,
                    operation: Operation::parse(&operation).ok_or_else(|| {
                        StoreError::Backend(format!("unknown operation '{operation}' in history").into())
                    })?,
                    author: row.try_get("author").map_err(backend)?,
                    at: time_from_text(row.try_get("at").map_err(backend)?)?,
                    reason: row.try_get("reason").map_err(backend)?,
                    stored: Stored {
                        public: row.try_get("data").map_err(backend)?,
                        sealed: row.try_get("sealed").map_err(backend)?,
                    },
                })
            })
            .collect()
    }

    async fn records(&mut self, after_id: Option<&RecordId>, limit: u32) -> Result<Vec<StoredRecord>> {
        // SQLite compares TEXT by its bytes: the order the trait promises.
        let rows = sqlx::query("SELECT id, kind, deleted, data, sealed FROM records WHERE id > ? ORDER BY id LIMIT ?")
            .bind(after_id.map(RecordId::as_str).unwrap_or(""))
            .bind(limit as i64)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind").map_err(backend)?;
                let deleted: i64 = row.try_get("deleted").map_err(backend)?;
                Ok(StoredRecord {
                    id: record_id(row.try_get("id").map_err(backend)?)?,
                    kind: RecordKind::from_str(&kind).map_err(backend)?,
                    deleted: deleted != 0,
                    stored: Stored {
                        public: row.try_get("data").map_err(backend)?,
                        sealed: row.try_get("sealed").map_err(backend)?,
                    },
                })
            })
            .collect()
    }

    async fn accounts(&mut self) -> Result<Vec<StoredAccount>> {
        let rows = self
            .all("SELECT name, role, password_hash, disabled, created_at FROM accounts ORDER BY name")
            .await?;
        rows.iter()
            .map(|row| {
                let role: String = row.try_get("role").map_err(backend)?;
                let disabled: i64 = row.try_get("disabled").map_err(backend)?;
                Ok(StoredAccount {
                    name: user(row.try_get("name").map_err(backend)?)?,
                    role: AccountRole::from_str(&role).map_err(backend)?,
                    password_hash: row.try_get("password_hash").map_err(backend)?,
                    disabled: disabled != 0,
                    created_at: time_from_text(row.try_get("created_at").map_err(backend)?)?,
                })
            })
            .collect()
    }

    async fn tokens(&mut self) -> Result<Vec<StoredToken>> {
        let rows = self
            .all("SELECT token_hash, account_name, created_at FROM api_tokens ORDER BY token_hash")
            .await?;
        rows.iter()
            .map(|row| {
                Ok(StoredToken {
                    token_hash: row.try_get("token_hash").map_err(backend)?,
                    account: user(row.try_get("account_name").map_err(backend)?)?,
                    created_at: time_from_text(row.try_get("created_at").map_err(backend)?)?,
                })
            })
            .collect()
    }

    async fn sessions(&mut self) -> Result<Vec<StoredSession>> {
        let rows = self
            .all("SELECT session_hash, account_name, csrf_token, expires_at FROM sessions ORDER BY session_hash")
            .await?;
        let now = time::OffsetDateTime::now_utc();
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let session = StoredSession {
                session_hash: row.try_get("session_hash").map_err(backend)?,
                account: user(row.try_get("account_name").map_err(backend)?)?,
                csrf_token: row.try_get("csrf_token").map_err(backend)?,
                expires_at: time_from_text(row.try_get("expires_at").map_err(backend)?)?,
            };
            if session.expires_at > now {
                out.push(session);
            }
        }
        Ok(out)
    }

    async fn proposals(&mut self, after: u64, limit: u32) -> Result<Vec<StoredProposal>> {
        let rows = sqlx::query(&format!(
            "SELECT {PROPOSAL_COLUMNS} FROM proposals ORDER BY seq LIMIT $1 OFFSET $2"
        ))
        .bind(limit as i64)
        .bind(after as i64)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(backend)?;
        rows.iter().map(proposal_from_row).collect()
    }

    async fn fingerprints(&mut self) -> Result<Vec<Fingerprint>> {
        let rows = self
            .all("SELECT source_id, content_hash, signature FROM source_fingerprints ORDER BY source_id")
            .await?;
        rows.iter().map(|row| fingerprint_from_row(row, &self.key)).collect()
    }

    async fn source_links(&mut self) -> Result<Vec<SourceLink>> {
        let rows = self
            .all("SELECT source_id, other_id, relation, similarity, document, by, at FROM source_links ORDER BY rowid")
            .await?;
        rows.iter().map(link_from_row).collect()
    }

    async fn campaigns(&mut self) -> Result<Vec<StoredCampaign>> {
        let rows = self.all("SELECT * FROM campaigns ORDER BY slug").await?;
        rows.iter()
            .map(|r| Ok(columns!(r => StoredCampaign { slug, data, state, created_at, updated_at, closed_at, anonymised_at })))
            .collect()
    }

    async fn account_audit(&mut self) -> Result<Vec<StoredAccountAudit>> {
        let rows = self.all("SELECT * FROM account_audit ORDER BY id").await?;
        rows.iter()
            .map(|r| Ok(columns!(r => StoredAccountAudit { id, at, actor, account, action, detail })))
            .collect()
    }

    async fn campaign_audit(&mut self) -> Result<Vec<StoredAudit>> {
        let rows = self.all("SELECT * FROM campaign_audit ORDER BY id").await?;
        rows.iter()
            .map(|r| Ok(columns!(r => StoredAudit { id, campaign, at, author, action, detail })))
            .collect()
    }

    async fn invalidations(&mut self) -> Result<Vec<StoredInvalidation>> {
        let rows = self.all("SELECT * FROM invalidations ORDER BY id").await?;
        rows.iter()
            .map(|r| {
                Ok(columns!(r => StoredInvalidation {
                    id, campaign, filter, author, at, removed, reverted_at, reverted_by
                }))
            })
            .collect()
    }

    async fn signatures(&mut self, after_id: Option<&str>, limit: u32) -> Result<Vec<StoredSignature>> {
        let rows = self.after("signatures", after_id, limit).await?;
        rows.iter()
            .map(|r| {
                Ok(columns!(r => StoredSignature {
                    id, campaign, email_hash, personal, email_domain, ip_hex, country, language, opt_in_at,
                    opt_in_wording, named, created_at, token_hash, token_expires_at, confirmed_at, invalidated_by
                }))
            })
            .collect()
    }

    async fn mail_queue(&mut self, after_id: Option<&str>, limit: u32) -> Result<Vec<StoredMail>> {
        let rows = self.after("mail_queue", after_id, limit).await?;
        rows.iter()
            .map(|r| {
                Ok(columns!(r => StoredMail {
                    id, created_at, next_attempt_at, attempts, sent_at, failed_at, last_error, sealed
                }))
            })
            .collect()
    }

    async fn deliveries(&mut self) -> Result<Vec<StoredDelivery>> {
        let rows = self.all("SELECT * FROM deliveries ORDER BY id").await?;
        rows.iter()
            .map(|r| Ok(columns!(r => StoredDelivery { id, campaign, target, at, signatures, mail })))
            .collect()
    }

    async fn campaign_outcomes(&mut self) -> Result<Vec<StoredOutcome>> {
        let rows = self.all("SELECT * FROM campaign_outcomes ORDER BY id").await?;
        rows.iter()
            .map(|r| {
                Ok(columns!(r => StoredOutcome {
                    id, campaign, kind, unique_key, data, at, author, revoked_at, revoked_by
                }))
            })
            .collect()
    }

    async fn attachments(&mut self, after_id: Option<&str>, limit: u32) -> Result<Vec<StoredAttachment>> {
        let rows = self.after("attachments", after_id, limit).await?;
        rows.iter()
            .map(|r| {
                Ok(columns!(r => StoredAttachment {
                    id, source_id, name, content_type, size, sha256, received_at, sealed
                }))
            })
            .collect()
    }

    async fn form_keys(&mut self) -> Result<Vec<StoredFormKey>> {
        let rows = self.all("SELECT * FROM form_keys ORDER BY id").await?;
        rows.iter()
            .map(|r| Ok(columns!(r => StoredFormKey { id, public_key, sealed, created_at })))
            .collect()
    }

    async fn forms(&mut self) -> Result<Vec<StoredForm>> {
        let rows = self.all("SELECT * FROM forms ORDER BY id").await?;
        rows.iter()
            .map(|r| {
                Ok(columns!(r => StoredForm {
                    id, version, title, xml, md5, uploaded_by, uploaded_at
                }))
            })
            .collect()
    }
}

impl SqliteSnapshot {
    async fn all(&mut self, sql: &'static str) -> Result<Vec<SqliteRow>> {
        sqlx::query(sql).fetch_all(&mut *self.tx).await.map_err(backend)
    }

    /// Rows of `table` after `after_id` in the order of their ids.
    async fn after(&mut self, table: &str, after_id: Option<&str>, limit: u32) -> Result<Vec<SqliteRow>> {
        sqlx::query(&format!("SELECT * FROM {table} WHERE id > $1 ORDER BY id LIMIT $2"))
            .bind(after_id.unwrap_or(""))
            .bind(limit as i64)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(backend)
    }
}
