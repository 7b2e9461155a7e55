//! Proposals, fingerprints and source links in SQLite: the shared SQL,
//! with SQLite's own numbering of a batch of proposals.

use vigil_core::{FieldError, RecordId};
use vigil_store::{NewProposal, Result, StoreError};

use crate::{backend, SqliteStore};

vigil_store_sql::impl_proposals!(
    SqliteStore,
    by = "by",
    link_order = "rowid",
    insert_proposals = insert_proposals,
    chunk = CHUNK,
);

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
            let taken: Option<i64> = sqlx::query_scalar("SELECT seq FROM proposals WHERE id = $1 AND seq <= $2")
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
