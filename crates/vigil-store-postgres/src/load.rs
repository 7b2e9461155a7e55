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
        copy_proposals(&mut tx, &self.key, source, &mut copied).await?;
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
        for (table, column) in [
            ("account_audit", "id"),
            ("campaign_audit", "id"),
            ("invalidations", "id"),
            ("deliveries", "id"),
            ("campaign_outcomes", "id"),
        ] {
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

/// Inserts `rows` into `table`, one column per field of the same name
/// (campaign tables are the same in both backends, so their rows carry over
/// as they are), `$rest` between the columns and the values.
macro_rules! insert_rows {
    ($tx:expr, $table:literal $rest:literal, $rows:expr => { $($field:ident),* $(,)? }) => {
        for chunk in $rows.chunks(BATCH as usize) {
            let mut q: QueryBuilder<'_, Postgres> =
                QueryBuilder::new(concat!("INSERT INTO ", $table, " (", stringify!($($field),*), ") ", $rest));
            q.push_values(chunk, |mut row, r| {
                $(row.push_bind(&r.$field);)*
            });
            q.build().execute(&mut **$tx).await.map_err(backend)?;
        }
    };
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
    let audit = source.account_audit().await?;
    insert_rows!(tx, "account_audit" "OVERRIDING SYSTEM VALUE ", audit => { id, at, actor, account, action, detail });
    copied.account_audit = audit.len() as u64;
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

async fn copy_proposals(
    tx: &mut Tx,
    key: &vigil_store::SealKey,
    source: &mut impl Snapshot,
    copied: &mut Copied,
) -> Result<()> {
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
    upsert_fingerprints(tx, key, &fingerprints.iter().collect::<Vec<_>>()).await?;
    copied.fingerprints = fingerprints.len() as u64;
    for l in source.source_links().await? {
        insert_link(&mut **tx, &l).await?;
        copied.source_links += 1;
    }
    Ok(())
}

/// Campaign tables keep their ids: signatures name their invalidation and
/// deliveries their message.
async fn copy_campaigns(tx: &mut Tx, source: &mut impl Snapshot, copied: &mut Copied) -> Result<()> {
    let campaigns = source.campaigns().await?;
    insert_rows!(tx, "campaigns" "", campaigns => {
        slug, data, state, created_at, updated_at, closed_at, anonymised_at
    });
    copied.campaigns = campaigns.len() as u64;
    let audit = source.campaign_audit().await?;
    insert_rows!(tx, "campaign_audit" "OVERRIDING SYSTEM VALUE ", audit => { id, campaign, at, author, action, detail });
    copied.campaign_audit = audit.len() as u64;
    let invalidations = source.invalidations().await?;
    insert_rows!(tx, "invalidations" "OVERRIDING SYSTEM VALUE ", invalidations => {
        id, campaign, filter, author, at, removed, reverted_at, reverted_by
    });
    copied.invalidations = invalidations.len() as u64;
    let mut after: Option<String> = None;
    loop {
        let batch = source.signatures(after.as_deref(), BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id.clone());
        insert_rows!(tx, "signatures" "", batch => {
            id, campaign, email_hash, personal, email_domain, ip_hex, country, language, opt_in_at, opt_in_wording,
            named, created_at, token_hash, token_expires_at, confirmed_at, invalidated_by
        });
        copied.signatures += batch.len() as u64;
    }
    let mut after: Option<String> = None;
    loop {
        let batch = source.mail_queue(after.as_deref(), BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = Some(last.id.clone());
        insert_rows!(tx, "mail_queue" "", batch => {
            id, created_at, next_attempt_at, attempts, sent_at, failed_at, last_error, sealed
        });
        copied.mail += batch.len() as u64;
    }
    let deliveries = source.deliveries().await?;
    insert_rows!(tx, "deliveries" "OVERRIDING SYSTEM VALUE ", deliveries => { id, campaign, target, at, signatures, mail });
    copied.deliveries = deliveries.len() as u64;
    let outcomes = source.campaign_outcomes().await?;
    insert_rows!(tx, "campaign_outcomes" "OVERRIDING SYSTEM VALUE ", outcomes => {
        id, campaign, kind, unique_key, data, at, author, revoked_at, revoked_by
    });
    copied.campaign_outcomes = outcomes.len() as u64;
    let mut after: Option<String> = None;
    loop {
        let attachments = source.attachments(after.as_deref(), 8).await?;
        let Some(last) = attachments.last() else { break };
        after = Some(last.id.clone());
        insert_rows!(tx, "attachments" "", attachments => {
            id, source_id, name, content_type, size, sha256, received_at, sealed
        });
        copied.attachments += attachments.len() as u64;
    }
    let form_keys = source.form_keys().await?;
    insert_rows!(tx, "form_keys" "", form_keys => { id, public_key, sealed, created_at });
    copied.form_keys = form_keys.len() as u64;
    let forms = source.forms().await?;
    insert_rows!(tx, "forms" "", forms => { id, version, title, xml, md5, uploaded_by, uploaded_at });
    copied.forms = forms.len() as u64;
    Ok(())
}
