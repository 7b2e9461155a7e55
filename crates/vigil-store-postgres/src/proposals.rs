//! Proposals, fingerprints and source links in PostgreSQL: the shared
//! SQL, with PostgreSQL's own insertion of a batch of proposals. None of
//! these is the case file, so none takes its write lock: a batch of
//! proposals is one transaction, a decision one conditional `UPDATE`.

use vigil_core::{FieldError, RecordId};
use vigil_store::{NewProposal, Result, StoreError};

use crate::{backend, PostgresStore};

vigil_store_sql::impl_proposals!(
    PostgresStore,
    by = "by_name",
    link_order = "seq",
    insert_proposals = insert_proposals,
    chunk = CHUNK,
);

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
