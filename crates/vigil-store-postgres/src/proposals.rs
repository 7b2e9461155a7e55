//! Proposals, fingerprints and source links in PostgreSQL. None of these
//! is the case file, so none takes its write lock: a batch of proposals is
//! one transaction, a decision one conditional `UPDATE`.

use sqlx::postgres::PgRow;
use sqlx::Row;
use vigil_core::{FieldError, RecordId};
use vigil_store::{
    Decision, Fingerprint, IngestedSource, NewProposal, ProposalFilter, ProposalState, Proposals, Result, SourceLink,
    StoreError, StoredProposal,
};

use crate::{backend, PostgresStore};

fn id_of(s: &str) -> Result<RecordId> {
    RecordId::parse(s).map_err(backend)
}

fn proposal_from_row(row: &PgRow) -> Result<StoredProposal> {
    let state: String = row.try_get("state").map_err(backend)?;
    let body: String = row.try_get("body").map_err(backend)?;
    let record_id: Option<String> = row.try_get("record_id").map_err(backend)?;
    Ok(StoredProposal {
        id: row.try_get("id").map_err(backend)?,
        source_id: id_of(&row.try_get::<String, _>("source_id").map_err(backend)?)?,
        kind: row.try_get("kind").map_err(backend)?,
        label: row.try_get("label").map_err(backend)?,
        body: serde_json::from_str(&body).map_err(backend)?,
        state: ProposalState::parse(&state).ok_or_else(|| StoreError::invalid("state", "unknown state in store"))?,
        decided_by: row.try_get("decided_by").map_err(backend)?,
        decided_at: row.try_get("decided_at").map_err(backend)?,
        record_id: record_id.as_deref().map(id_of).transpose()?,
    })
}

fn link_from_row(row: &PgRow) -> Result<SourceLink> {
    let other: Option<String> = row.try_get("other_id").map_err(backend)?;
    Ok(SourceLink {
        source_id: id_of(&row.try_get::<String, _>("source_id").map_err(backend)?)?,
        other_id: other.as_deref().map(id_of).transpose()?,
        relation: row.try_get("relation").map_err(backend)?,
        similarity: row.try_get("similarity").map_err(backend)?,
        document: row.try_get("document").map_err(backend)?,
        by: row.try_get("by_name").map_err(backend)?,
        at: row.try_get("at").map_err(backend)?,
    })
}

/// Keeps (or replaces) each source's fingerprint, many rows a statement.
pub(crate) async fn upsert_fingerprints(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
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

const PROPOSAL_COLUMNS: &str = "id, source_id, kind, label, body, state, decided_by, decided_at, record_id";

/// Rows a statement when storing proposals (seven parameters each, well
/// under PostgreSQL's 65,535).
const CHUNK: usize = 500;

/// Inserts proposals in `tx`; a taken id refuses them all, naming each.
async fn insert_proposals(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    proposals: Vec<(&RecordId, &NewProposal)>,
) -> Result<()> {
    let ids: Vec<&str> = proposals.iter().map(|(_, p)| p.id.as_str()).collect();
    let taken: Vec<String> = sqlx::query_scalar("SELECT id FROM proposals WHERE id = ANY($1)")
        .bind(&ids)
        .fetch_all(&mut **tx)
        .await
        .map_err(backend)?;
    let errors: Vec<FieldError> = proposals
        .iter()
        .enumerate()
        .filter(|(i, (_, p))| taken.contains(&p.id) || proposals[..*i].iter().any(|(_, q)| q.id == p.id))
        .map(|(i, (_, p))| {
            FieldError::new(
                format!("proposals[{i}].id"),
                format!("the proposal id '{}' is taken", p.id),
            )
        })
        .collect();
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    // One statement a chunk; the identity column numbers the rows in the
    // order given, which is the order they are listed in.
    for chunk in proposals.chunks(CHUNK) {
        let mut qb = sqlx::QueryBuilder::new("INSERT INTO proposals (id, source_id, kind, label, body, state) ");
        qb.push_values(chunk, |mut row, (source_id, p)| {
            row.push_bind(&p.id)
                .push_bind(source_id.as_str())
                .push_bind(&p.kind)
                .push_bind(&p.label)
                .push_bind(p.body.get())
                .push_bind("pending");
        });
        qb.build().execute(&mut **tx).await.map_err(|e| match &e {
            // Another server stored the same id between the check and here.
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                StoreError::invalid("proposals", "a proposal id is taken")
            }
            _ => backend(e),
        })?;
    }
    Ok(())
}

impl Proposals for PostgresStore {
    async fn add_proposals(&self, source_id: &RecordId, proposals: &[NewProposal]) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        insert_proposals(&mut tx, proposals.iter().map(|p| (source_id, p)).collect()).await?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn add_ingested(&self, sources: &[IngestedSource]) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
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
        let mut qb = sqlx::QueryBuilder::new(format!("SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE true"));
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
        let rows = qb.build().fetch_all(&self.pool).await.map_err(backend)?;
        rows.iter().map(proposal_from_row).collect()
    }

    async fn decide(&self, id: &str, decision: &Decision) -> Result<StoredProposal> {
        if decision.state == ProposalState::Pending {
            return Err(StoreError::invalid("state", "a decision accepts or rejects"));
        }
        // Only a pending proposal is updated: of two editors deciding at
        // once, one wins and the other is told it was decided.
        let row = sqlx::query(&format!(
            "UPDATE proposals SET state = $1, decided_by = $2, decided_at = $3, record_id = $4 \
             WHERE id = $5 AND state = 'pending' RETURNING {PROPOSAL_COLUMNS}"
        ))
        .bind(decision.state.as_str())
        .bind(&decision.by)
        .bind(vigil_store::now())
        .bind(decision.record_id.as_ref().map(RecordId::as_str))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        if let Some(row) = row {
            return proposal_from_row(&row);
        }
        let state: Option<String> = sqlx::query_scalar("SELECT state FROM proposals WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        match state {
            None => Err(StoreError::NotFound {
                kind: "proposal",
                id: id.to_owned(),
            }),
            Some(state) => Err(StoreError::invalid(
                "state",
                format!("proposal '{id}' was {state} already"),
            )),
        }
    }

    async fn fingerprints(&self) -> Result<Vec<Fingerprint>> {
        let rows = sqlx::query("SELECT source_id, content_hash, signature FROM source_fingerprints ORDER BY source_id")
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter()
            .map(|r| {
                let sig: String = r.try_get("signature").map_err(backend)?;
                Ok(Fingerprint {
                    source_id: id_of(&r.try_get::<String, _>("source_id").map_err(backend)?)?,
                    content_hash: r.try_get("content_hash").map_err(backend)?,
                    signature: serde_json::from_str(&sig).map_err(backend)?,
                })
            })
            .collect()
    }

    async fn save_fingerprint(&self, f: &Fingerprint) -> Result<()> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        upsert_fingerprints(&mut tx, &[f]).await?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn link_source(&self, l: &SourceLink) -> Result<()> {
        sqlx::query(
            "INSERT INTO source_links (source_id, other_id, relation, similarity, document, by_name, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(l.source_id.as_str())
        .bind(l.other_id.as_ref().map(RecordId::as_str))
        .bind(&l.relation)
        .bind(l.similarity)
        .bind(&l.document)
        .bind(&l.by)
        .bind(l.at)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn source_links(&self, source_id: &RecordId) -> Result<Vec<SourceLink>> {
        let rows = sqlx::query(
            "SELECT source_id, other_id, relation, similarity, document, by_name, at FROM source_links \
             WHERE source_id = $1 OR other_id = $1 ORDER BY seq",
        )
        .bind(source_id.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter().map(link_from_row).collect()
    }
}
