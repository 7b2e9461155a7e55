//! A whole case file copied in from another backend's [`Snapshot`]: every
//! revision with its number, author, time and reason, every record (also
//! deleted ones), accounts, tokens and live sessions, proposals,
//! fingerprints and source links, campaigns with everything they hold, in
//! one transaction. Sealed content is copied as it is: it stays sealed
//! under the same key.

use sqlx::{Postgres, QueryBuilder};
use vigil_core::RecordId;
use vigil_store::transfer::{Carried, Copied, Snapshot, TABLES};
use vigil_store::{Result, StoreError};

use crate::proposals::proposals_sql::{insert_link, upsert_fingerprints};
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
        // Every table a copy fills must be empty.
        let copied_tables: Vec<String> = TABLES
            .iter()
            .filter(|(_, how)| *how == Carried::Copied)
            .map(|(name, _)| format!("(SELECT COUNT(*) FROM {name})"))
            .collect();
        let held: i64 = sqlx::query_scalar(&format!("SELECT {}", copied_tables.join(" + ")))
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        if held != 0 {
            return Err(StoreError::invalid(
                "database_url",
                "the target database already holds a case file, accounts or campaigns: copy into an empty one",
            ));
        }
        let mut copied = Copied::default();
        self.copy_records(&mut tx, source, &mut copied).await?;
        copy_revisions(&mut tx, source, &mut copied).await?;
        copy_accounts(&mut tx, source, &mut copied).await?;
        copy_proposals(&mut tx, source, &mut copied).await?;
        copy_campaigns(&mut tx, source, &mut copied).await?;
        // New revisions continue after the copied ones.
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('revisions', 'seq'), COALESCE(MAX(seq), 1), MAX(seq) IS NOT NULL) \
             FROM revisions",
        )
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        // So do campaign rows numbered by identity columns.
        for (table, column) in [("campaign_audit", "id"), ("invalidations", "id"), ("deliveries", "id")] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE(MAX({column}), 1), \
                 MAX({column}) IS NOT NULL) FROM {table}"
            ))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
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

async fn copy_proposals(tx: &mut Tx, source: &mut impl Snapshot, copied: &mut Copied) -> Result<()> {
    // In the order they were made: the identity column numbers them again
    // in that order.
    loop {
        let batch = source.proposals(copied.proposals, BATCH).await?;
        if batch.is_empty() {
            break;
        }
        let mut bodies = Vec::with_capacity(batch.len());
        for p in &batch {
            bodies.push(serde_json::to_string(&p.body).map_err(backend)?);
        }
        let mut q: QueryBuilder<'_, Postgres> = QueryBuilder::new(
            "INSERT INTO proposals (id, source_id, kind, label, body, state, decided_by, decided_at, record_id) ",
        );
        q.push_values(batch.iter().zip(&bodies), |mut row, (p, body)| {
            row.push_bind(&p.id)
                .push_bind(p.source_id.as_str())
                .push_bind(&p.kind)
                .push_bind(&p.label)
                .push_bind(body)
                .push_bind(p.state.as_str())
                .push_bind(p.decided_by.as_deref())
                .push_bind(p.decided_at)
                .push_bind(p.record_id.as_ref().map(RecordId::as_str));
        });
        q.build().execute(&mut **tx).await.map_err(backend)?;
        copied.proposals += batch.len() as u64;
    }
    let fingerprints = source.fingerprints().await?;
    upsert_fingerprints(tx, &fingerprints.iter().collect::<Vec<_>>()).await?;
    copied.fingerprints = fingerprints.len() as u64;
    for l in source.source_links().await? {
        insert_link(&mut **tx, &l).await?;
        copied.source_links += 1;
    }
    Ok(())
}

/// Campaign tables have the same columns in both backends (times as
/// microseconds); ids are kept, since signatures name their invalidation
/// and deliveries their message.
async fn copy_campaigns(tx: &mut Tx, source: &mut impl Snapshot, copied: &mut Copied) -> Result<()> {
    for c in source.campaigns().await? {
        sqlx::query(
            "INSERT INTO campaigns (slug, data, state, created_at, updated_at, closed_at, anonymised_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&c.slug)
        .bind(&c.data)
        .bind(&c.state)
        .bind(c.created_at)
        .bind(c.updated_at)
        .bind(c.closed_at)
        .bind(c.anonymised_at)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        copied.campaigns += 1;
    }
    for a in source.campaign_audit().await? {
        sqlx::query(
            "INSERT INTO campaign_audit (id, campaign, at, author, action, detail) OVERRIDING SYSTEM VALUE \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(a.id)
        .bind(&a.campaign)
        .bind(a.at)
        .bind(&a.author)
        .bind(&a.action)
        .bind(&a.detail)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        copied.campaign_audit += 1;
    }
    for i in source.invalidations().await? {
        sqlx::query(
            "INSERT INTO invalidations (id, campaign, filter, author, at, removed, reverted_at, reverted_by) \
             OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(i.id)
        .bind(&i.campaign)
        .bind(&i.filter)
        .bind(&i.author)
        .bind(i.at)
        .bind(i.removed)
        .bind(i.reverted_at)
        .bind(&i.reverted_by)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        copied.invalidations += 1;
    }
    let mut after: Option<String> = None;
    loop {
        let batch = source.signatures(after.as_deref(), BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id.clone());
        let mut q: QueryBuilder<'_, Postgres> = QueryBuilder::new(
            "INSERT INTO signatures (id, campaign, email_hash, personal, email_domain, ip_hex, country, language, \
             opt_in_at, opt_in_wording, named, created_at, token_hash, token_expires_at, confirmed_at, invalidated_by) ",
        );
        q.push_values(&batch, |mut row, s| {
            row.push_bind(&s.id)
                .push_bind(&s.campaign)
                .push_bind(s.email_hash.as_deref())
                .push_bind(s.personal.as_deref())
                .push_bind(s.email_domain.as_deref())
                .push_bind(s.ip_hex.as_deref())
                .push_bind(&s.country)
                .push_bind(&s.language)
                .push_bind(s.opt_in_at)
                .push_bind(s.opt_in_wording.as_deref())
                .push_bind(s.named)
                .push_bind(s.created_at)
                .push_bind(s.token_hash.as_deref())
                .push_bind(s.token_expires_at)
                .push_bind(s.confirmed_at)
                .push_bind(s.invalidated_by);
        });
        q.build().execute(&mut **tx).await.map_err(backend)?;
        copied.signatures += batch.len() as u64;
    }
    let mut after: Option<String> = None;
    loop {
        let batch = source.mail_queue(after.as_deref(), BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id.clone());
        let mut q: QueryBuilder<'_, Postgres> = QueryBuilder::new(
            "INSERT INTO mail_queue (id, created_at, next_attempt_at, attempts, sent_at, failed_at, last_error, sealed) ",
        );
        q.push_values(&batch, |mut row, m| {
            row.push_bind(&m.id)
                .push_bind(m.created_at)
                .push_bind(m.next_attempt_at)
                .push_bind(m.attempts)
                .push_bind(m.sent_at)
                .push_bind(m.failed_at)
                .push_bind(m.last_error.as_deref())
                .push_bind(&m.sealed);
        });
        q.build().execute(&mut **tx).await.map_err(backend)?;
        copied.mail += batch.len() as u64;
    }
    for d in source.deliveries().await? {
        sqlx::query(
            "INSERT INTO deliveries (id, campaign, target, at, signatures, mail) OVERRIDING SYSTEM VALUE \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(d.id)
        .bind(&d.campaign)
        .bind(&d.target)
        .bind(d.at)
        .bind(d.signatures)
        .bind(&d.mail)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
        copied.deliveries += 1;
    }
    Ok(())
}
