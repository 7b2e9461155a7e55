//! Proposals, fingerprints and source links in SQLite.

use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use vigil_core::{FieldError, RecordId};
use vigil_store::{
    Decision, Fingerprint, IngestedSource, NewProposal, ProposalFilter, ProposalState, Proposals, Result, SourceLink,
    StoreError, StoredProposal,
};

use crate::{backend, SqliteStore};

fn rfc3339(t: time::OffsetDateTime) -> Result<String> {
    t.format(&time::format_description::well_known::Rfc3339)
        .map_err(backend)
}

fn parse_time(s: &str) -> Result<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).map_err(backend)
}

fn id_of(s: &str) -> Result<RecordId> {
    RecordId::parse(s).map_err(backend)
}

pub(crate) fn proposal_from_row(row: &SqliteRow) -> Result<StoredProposal> {
    let state: String = row.try_get("state").map_err(backend)?;
    let body: String = row.try_get("body").map_err(backend)?;
    let decided_at: Option<String> = row.try_get("decided_at").map_err(backend)?;
    let record_id: Option<String> = row.try_get("record_id").map_err(backend)?;
    Ok(StoredProposal {
        id: row.try_get("id").map_err(backend)?,
        source_id: id_of(&row.try_get::<String, _>("source_id").map_err(backend)?)?,
        kind: row.try_get("kind").map_err(backend)?,
        label: row.try_get("label").map_err(backend)?,
        body: serde_json::from_str(&body).map_err(backend)?,
        state: ProposalState::parse(&state).ok_or_else(|| StoreError::invalid("state", "unknown state in store"))?,
        decided_by: row.try_get("decided_by").map_err(backend)?,
        decided_at: decided_at.as_deref().map(parse_time).transpose()?,
        record_id: record_id.as_deref().map(id_of).transpose()?,
    })
}

pub(crate) fn link_from_row(row: &SqliteRow) -> Result<SourceLink> {
    let other: Option<String> = row.try_get("other_id").map_err(backend)?;
    Ok(SourceLink {
        source_id: id_of(&row.try_get::<String, _>("source_id").map_err(backend)?)?,
        other_id: other.as_deref().map(id_of).transpose()?,
        relation: row.try_get("relation").map_err(backend)?,
        similarity: row.try_get("similarity").map_err(backend)?,
        document: row.try_get("document").map_err(backend)?,
        by: row.try_get("by").map_err(backend)?,
        at: parse_time(&row.try_get::<String, _>("at").map_err(backend)?)?,
    })
}

pub(crate) fn fingerprint_from_row(row: &SqliteRow) -> Result<Fingerprint> {
    let sig: String = row.try_get("signature").map_err(backend)?;
    Ok(Fingerprint {
        source_id: id_of(&row.try_get::<String, _>("source_id").map_err(backend)?)?,
        content_hash: row.try_get("content_hash").map_err(backend)?,
        signature: serde_json::from_str(&sig).map_err(backend)?,
    })
}

/// Rows a statement (six parameters each for proposals, three for
/// fingerprints; SQLite takes 32,766).
const CHUNK: usize = 100;

/// Inserts proposals (numbered after every stored one) in `tx`; a taken
/// id refuses them all, naming each taken one.
async fn insert_proposals(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    proposals: Vec<(&RecordId, &NewProposal)>,
) -> Result<()> {
    let base: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM proposals")
        .fetch_one(&mut **tx)
        .await
        .map_err(backend)?;
    // Many rows a statement: a batch of sources has thousands of proposals.
    let mut done = 0;
    for (c, chunk) in proposals.chunks(CHUNK).enumerate() {
        let mut qb = sqlx::QueryBuilder::new("INSERT INTO proposals (id, seq, source_id, kind, label, body, state) ");
        qb.push_values(chunk.iter().enumerate(), |mut row, (i, (source_id, p))| {
            row.push_bind(&p.id)
                .push_bind(base + 1 + (c * CHUNK + i) as i64)
                .push_bind(source_id.as_str())
                .push_bind(&p.kind)
                .push_bind(&p.label)
                .push_bind(p.body.get())
                .push("'pending'");
        });
        qb.push(" ON CONFLICT (id) DO NOTHING");
        done += qb.build().execute(&mut **tx).await.map_err(backend)?.rows_affected();
    }
    if done < proposals.len() as u64 {
        let mut errors = Vec::new();
        for (i, (_, p)) in proposals.iter().enumerate() {
            let taken: Option<i64> = sqlx::query_scalar("SELECT seq FROM proposals WHERE id = ? AND seq <= ?")
                .bind(&p.id)
                .bind(base)
                .fetch_optional(&mut **tx)
                .await
                .map_err(backend)?;
            if taken.is_some() || proposals[..i].iter().any(|(_, q)| q.id == p.id) {
                errors.push(FieldError::new(
                    format!("proposals[{i}].id"),
                    format!("the proposal id '{}' is taken", p.id),
                ));
            }
        }
        return Err(StoreError::Invalid(errors));
    }
    Ok(())
}

/// Keeps (or replaces) each source's fingerprint, many rows a statement.
async fn upsert_fingerprints(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    fingerprints: &[&Fingerprint],
) -> Result<()> {
    for chunk in fingerprints.chunks(CHUNK) {
        let mut rows = Vec::with_capacity(chunk.len());
        for f in chunk {
            rows.push((*f, serde_json::to_string(&f.signature).map_err(backend)?));
        }
        let mut qb = sqlx::QueryBuilder::new("INSERT INTO source_fingerprints (source_id, content_hash, signature) ");
        qb.push_values(rows, |mut row, (f, signature)| {
            row.push_bind(f.source_id.as_str())
                .push_bind(&f.content_hash)
                .push_bind(signature);
        });
        qb.push(
            " ON CONFLICT (source_id) DO UPDATE SET content_hash = excluded.content_hash, \
             signature = excluded.signature",
        );
        qb.build().execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

pub(crate) const PROPOSAL_COLUMNS: &str = "id, source_id, kind, label, body, state, decided_by, decided_at, record_id";

impl Proposals for SqliteStore {
    async fn add_proposals(&self, source_id: &RecordId, proposals: &[NewProposal]) -> Result<()> {
        let mut tx = self.writer.begin().await.map_err(backend)?;
        insert_proposals(&mut tx, proposals.iter().map(|p| (source_id, p)).collect()).await?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn add_ingested(&self, sources: &[IngestedSource]) -> Result<()> {
        let mut tx = self.writer.begin().await.map_err(backend)?;
        let fingerprints: Vec<&Fingerprint> = sources.iter().map(|s| &s.fingerprint).collect();
        upsert_fingerprints(&mut tx, &fingerprints).await?;
        let all = sources
            .iter()
            .flat_map(|s| s.proposals.iter().map(move |p| (&s.fingerprint.source_id, p)))
            .collect();
        insert_proposals(&mut tx, all).await?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn proposals(&self, filter: &ProposalFilter) -> Result<Vec<StoredProposal>> {
        let mut qb = sqlx::QueryBuilder::new(format!("SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE 1 = 1"));
        if let Some(s) = &filter.source_id {
            qb.push(" AND source_id = ").push_bind(s.as_str());
        }
        if let Some(st) = filter.state {
            qb.push(" AND state = ").push_bind(st.as_str());
        }
        if let Some(id) = &filter.id {
            qb.push(" AND id = ").push_bind(id.as_str());
        }
        qb.push(" ORDER BY seq");
        let rows = qb.build().fetch_all(&self.reader).await.map_err(backend)?;
        rows.iter().map(proposal_from_row).collect()
    }

    async fn decide(&self, id: &str, decision: &Decision) -> Result<StoredProposal> {
        if decision.state == ProposalState::Pending {
            return Err(StoreError::invalid("state", "a decision accepts or rejects"));
        }
        let mut tx = self.writer.begin().await.map_err(backend)?;
        let row = sqlx::query(&format!("SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(backend)?;
        let Some(row) = row else {
            return Err(StoreError::NotFound {
                kind: "proposal",
                id: id.to_owned(),
            });
        };
        let current = proposal_from_row(&row)?;
        if current.state != ProposalState::Pending {
            return Err(StoreError::invalid(
                "state",
                format!("proposal '{id}' was {} already", current.state.as_str()),
            ));
        }
        let at = vigil_store::now();
        sqlx::query("UPDATE proposals SET state = ?, decided_by = ?, decided_at = ?, record_id = ? WHERE id = ?")
            .bind(decision.state.as_str())
            .bind(&decision.by)
            .bind(rfc3339(at)?)
            .bind(decision.record_id.as_ref().map(RecordId::as_str))
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(StoredProposal {
            state: decision.state,
            decided_by: Some(decision.by.clone()),
            decided_at: Some(at),
            record_id: decision.record_id.clone(),
            ..current
        })
    }

    async fn fingerprints(&self) -> Result<Vec<Fingerprint>> {
        let rows = sqlx::query("SELECT source_id, content_hash, signature FROM source_fingerprints ORDER BY source_id")
            .fetch_all(&self.reader)
            .await
            .map_err(backend)?;
        rows.iter().map(fingerprint_from_row).collect()
    }

    async fn save_fingerprint(&self, f: &Fingerprint) -> Result<()> {
        let mut tx = self.writer.begin().await.map_err(backend)?;
        upsert_fingerprints(&mut tx, &[f]).await?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn link_source(&self, l: &SourceLink) -> Result<()> {
        sqlx::query(
            "INSERT INTO source_links (source_id, other_id, relation, similarity, document, by, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(l.source_id.as_str())
        .bind(l.other_id.as_ref().map(RecordId::as_str))
        .bind(&l.relation)
        .bind(l.similarity)
        .bind(&l.document)
        .bind(&l.by)
        .bind(rfc3339(l.at)?)
        .execute(&self.writer)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn source_links(&self, source_id: &RecordId) -> Result<Vec<SourceLink>> {
        let rows = sqlx::query(
            "SELECT source_id, other_id, relation, similarity, document, by, at FROM source_links \
             WHERE source_id = ? OR other_id = ? ORDER BY rowid",
        )
        .bind(source_id.as_str())
        .bind(source_id.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(backend)?;
        rows.iter().map(link_from_row).collect()
    }
}
