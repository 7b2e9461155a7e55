//! A whole case file copied in from another backend's [`Snapshot`]: every
//! revision with its number, author, time and reason, every record (also
//! deleted ones), accounts, tokens and live sessions, in one transaction.
//! Sealed content is copied as it is: it stays sealed under the same key.

use sqlx::{Postgres, QueryBuilder};
use vigil_core::RecordId;
use vigil_store::transfer::{Copied, Snapshot};
use vigil_store::{Result, StoreError};

use crate::write::{write_row, Tx};
use crate::{backend, PostgresStore};

/// Rows per statement or per read from the source.
const BATCH: u32 = 500;

impl PostgresStore {
    /// Copies everything `source` holds into this database, which must hold
    /// no case file and no account yet. All of it is written, or nothing.
    ///
    /// Each record is opened with this store's key on the way (to index
    /// its names and references), so a source sealed under another key is
    /// refused before anything is written.
    pub async fn copy_from(&self, source: &mut impl Snapshot) -> Result<Copied> {
        let mut tx = self.begin_write().await?;
        let held: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM records) + (SELECT COUNT(*) FROM revisions) + (SELECT COUNT(*) FROM accounts)",
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        if held != 0 {
            return Err(StoreError::invalid(
                "database_url",
                "the target database already holds a case file or accounts: copy into an empty one",
            ));
        }
        let mut copied = Copied::default();
        self.copy_records(&mut tx, source, &mut copied).await?;
        copy_revisions(&mut tx, source, &mut copied).await?;
        copy_accounts(&mut tx, source, &mut copied).await?;
        // New revisions continue after the copied ones.
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('revisions', 'seq'), COALESCE(MAX(seq), 1), MAX(seq) IS NOT NULL) \
             FROM revisions",
        )
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(copied)
    }

    async fn copy_records(&self, tx: &mut Tx, source: &mut impl Snapshot, copied: &mut Copied) -> Result<()> {
        // References are not checked here (the source checked them when it
        // wrote), so the order of records does not matter. Links need the
        // records they come from, so rows go in first.
        let mut after: Option<RecordId> = None;
        loop {
            let batch = source.records(after.as_ref(), BATCH).await?;
            let Some(last) = batch.last() else { break };
            after = Some(last.id.clone());
            for stored in &batch {
                let record = self.unseal(
                    stored.id.as_str(),
                    stored.stored.public.clone(),
                    stored.stored.sealed.clone(),
                )?;
                if record.id() != &stored.id || record.kind() != stored.kind {
                    return Err(StoreError::Backend(
                        format!("the stored record '{}' does not hold what its row says", stored.id).into(),
                    ));
                }
                write_row(tx, &record, &stored.stored, stored.deleted, true).await?;
                copied.records += 1;
            }
        }
        Ok(())
    }
}

async fn copy_revisions(tx: &mut Tx, source: &mut impl Snapshot, copied: &mut Copied) -> Result<()> {
    let mut after = 0;
    loop {
        let batch = source.revisions(after, BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = last.seq;
        let mut q: QueryBuilder<'_, Postgres> = QueryBuilder::new(
            "INSERT INTO revisions (seq, record_id, kind, operation, author, at, reason, data, sealed) ",
        );
        q.push_values(&batch, |mut row, r| {
            row.push_bind(r.seq)
                .push_bind(r.record_id.as_str())
                .push_bind(r.kind.as_str())
                .push_bind(r.operation.as_str())
                .push_bind(&r.author)
                .push_bind(r.at)
                .push_bind(r.reason.as_deref())
                .push_bind(r.stored.public.as_deref())
                .push_bind(r.stored.sealed.as_deref());
        });
        q.build().execute(&mut **tx).await.map_err(backend)?;
        copied.revisions += batch.len() as u64;
    }
    Ok(())
}

async fn copy_accounts(tx: &mut Tx, source: &mut impl Snapshot, copied: &mut Copied) -> Result<()> {
    for a in source.accounts().await? {
        sqlx::query(
            "INSERT INTO accounts (name, role, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(a.name.as_str())
        .bind(a.role.as_str())
        .bind(&a.password_hash)
        .bind(a.disabled)
        .bind(a.created_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        copied.accounts += 1;
    }
    for t in source.tokens().await? {
        sqlx::query("INSERT INTO api_tokens (token_hash, account_name, created_at) VALUES ($1, $2, $3)")
            .bind(&t.token_hash)
            .bind(t.account.as_str())
            .bind(t.created_at)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
        copied.tokens += 1;
    }
    for s in source.sessions().await? {
        sqlx::query(
            "INSERT INTO sessions (session_hash, account_name, csrf_token, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&s.session_hash)
        .bind(s.account.as_str())
        .bind(&s.csrf_token)
        .bind(s.expires_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        copied.sessions += 1;
    }
    Ok(())
}
