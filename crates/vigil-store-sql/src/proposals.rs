//! Proposals, fingerprints and source links: the SQL of
//! [`vigil_store::Proposals`].

/// Implements [`vigil_store::Proposals`] for `$store`, a
/// [`crate::Backend`] (its pools, and how it keeps a time). The schemas
/// differ in a few more places, which the backend names: the column of a
/// link's author (`by`) and the column that orders links (`link_order`). How a batch of
/// proposals is numbered and inserted is the backend's own
/// (`insert_proposals`: `async fn(&mut Transaction, Vec<(&RecordId,
/// &NewProposal)>) -> Result<()>`), as are rows a statement (`chunk`).
///
/// Also defines, in module `proposals_sql`, the row readers and the
/// fingerprint and link writers a copy between backends reuses.
#[macro_export]
macro_rules! impl_proposals {
    (
        $store:ty,
        by = $by:literal,
        link_order = $link_order:literal,
        insert_proposals = $insert:path,
        chunk = $chunk:expr $(,)?
    ) => {
        pub(crate) mod proposals_sql {
            use $crate::serde_json;
            use $crate::sqlx::{self, Row as _};
            use $crate::vigil_core::RecordId;
            use $crate::vigil_store::{
                Decision, Fingerprint, IngestedSource, NewProposal, ProposalFilter, ProposalState, Proposals, Result,
                SourceLink, StoreError, StoredProposal,
            };

            use super::*;

            type Db = <$store as $crate::Backend>::Db;
            type Time = <$store as $crate::Backend>::Time;

            use $crate::be;

            fn id_of(s: &str) -> Result<RecordId> {
                RecordId::parse(s).map_err(be)
            }

            pub(crate) const PROPOSAL_COLUMNS: &str =
                "id, source_id, kind, label, body, state, decided_by, decided_at, record_id";

            pub(crate) fn proposal_from_row(row: &<Db as sqlx::Database>::Row) -> Result<StoredProposal> {
                let state: String = row.try_get("state").map_err(be)?;
                let body: String = row.try_get("body").map_err(be)?;
                let decided_at: Option<Time> = row.try_get("decided_at").map_err(be)?;
                let record_id: Option<String> = row.try_get("record_id").map_err(be)?;
                Ok(StoredProposal {
                    id: row.try_get("id").map_err(be)?,
                    source_id: id_of(&row.try_get::<String, _>("source_id").map_err(be)?)?,
                    kind: row.try_get("kind").map_err(be)?,
                    label: row.try_get("label").map_err(be)?,
                    body: serde_json::from_str(&body).map_err(be)?,
                    state: ProposalState::parse(&state)
                        .ok_or_else(|| StoreError::invalid("state", "unknown state in store"))?,
                    decided_by: row.try_get("decided_by").map_err(be)?,
                    decided_at: decided_at
                        .map(<$store as $crate::Backend>::time_back)
                        .transpose()?,
                    record_id: record_id.as_deref().map(id_of).transpose()?,
                })
            }

            pub(crate) fn link_from_row(row: &<Db as sqlx::Database>::Row) -> Result<SourceLink> {
                let other: Option<String> = row.try_get("other_id").map_err(be)?;
                Ok(SourceLink {
                    source_id: id_of(&row.try_get::<String, _>("source_id").map_err(be)?)?,
                    other_id: other.as_deref().map(id_of).transpose()?,
                    relation: row.try_get("relation").map_err(be)?,
                    similarity: row.try_get("similarity").map_err(be)?,
                    document: row.try_get("document").map_err(be)?,
                    by: row.try_get($by).map_err(be)?,
                    at: <$store as $crate::Backend>::time_back(row.try_get::<Time, _>("at").map_err(be)?)?,
                })
            }

            /// A fingerprint from its row, opened with `key`.
            pub(crate) fn fingerprint_from_row(
                row: &<Db as sqlx::Database>::Row,
                key: &$crate::vigil_store::SealKey,
            ) -> Result<Fingerprint> {
                let sig: String = row.try_get("signature").map_err(be)?;
                $crate::vigil_store::open_fingerprint(
                    key,
                    id_of(&row.try_get::<String, _>("source_id").map_err(be)?)?,
                    row.try_get("content_hash").map_err(be)?,
                    &sig,
                )
            }

            /// Keeps (or replaces) each source's fingerprint, sealed with
            /// `key`, many rows a statement.
            pub(crate) async fn upsert_fingerprints(
                tx: &mut sqlx::Transaction<'_, Db>,
                key: &$crate::vigil_store::SealKey,
                fingerprints: &[&Fingerprint],
            ) -> Result<()> {
                for chunk in fingerprints.chunks($chunk) {
                    let mut rows = Vec::with_capacity(chunk.len());
                    for f in chunk {
                        rows.push((*f, $crate::vigil_store::seal_fingerprint(key, f)?));
                    }
                    let mut qb = sqlx::QueryBuilder::new(
                        "INSERT INTO source_fingerprints (source_id, content_hash, signature) ",
                    );
                    qb.push_values(rows, |mut row, (f, (hash, signature))| {
                        row.push_bind(f.source_id.as_str())
                            .push_bind(hash)
                            .push_bind(signature);
                    });
                    qb.push(
                        " ON CONFLICT (source_id) DO UPDATE SET content_hash = excluded.content_hash, \
                         signature = excluded.signature",
                    );
                    qb.build().execute(&mut **tx).await.map_err(be)?;
                }
                Ok(())
            }

            pub(crate) async fn insert_link<'e>(
                executor: impl sqlx::Executor<'e, Database = Db>,
                l: &SourceLink,
            ) -> Result<()> {
                sqlx::query(concat!(
                    "INSERT INTO source_links (source_id, other_id, relation, similarity, document, ",
                    $by,
                    ", at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                ))
                .bind(l.source_id.as_str())
                .bind(l.other_id.as_ref().map(RecordId::as_str))
                .bind(&l.relation)
                .bind(l.similarity)
                .bind(&l.document)
                .bind(&l.by)
                .bind(<$store as $crate::Backend>::time(l.at)?)
                .execute(executor)
                .await
                .map_err(be)?;
                Ok(())
            }

            impl $store {
                /// Seals the proposals and source fingerprints a case file
                /// written by an earlier version kept in the clear (run when
                /// the store opens); how many.
                pub(crate) async fn seal_proposals_in_clear(&self) -> Result<u64> {
                    let rows = sqlx::query(&format!(
                        "SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE body NOT LIKE '\"sealed:%'"
                    ))
                    .fetch_all($crate::Backend::reader(self))
                    .await
                    .map_err(be)?;
                    let clear_fingerprints = sqlx::query(
                        "SELECT source_id, content_hash, signature FROM source_fingerprints \
                         WHERE signature NOT LIKE '\"sealed:%'",
                    )
                    .fetch_all($crate::Backend::reader(self))
                    .await
                    .map_err(be)?;
                    if rows.is_empty() && clear_fingerprints.is_empty() {
                        return Ok(0);
                    }
                    let mut tx = $crate::Backend::side_writer(self).begin().await.map_err(be)?;
                    let fingerprints = clear_fingerprints
                        .iter()
                        .map(|row| fingerprint_from_row(row, &self.key))
                        .collect::<Result<Vec<_>>>()?;
                    upsert_fingerprints(&mut tx, &self.key, &fingerprints.iter().collect::<Vec<_>>()).await?;
                    for row in &rows {
                        let p = proposal_from_row(row)?;
                        let new =
                            NewProposal::new(p.id.clone(), p.kind.clone(), p.label.clone(), &p.body).map_err(be)?;
                        let sealed = $crate::vigil_store::seal_proposal(&self.key, &new)?;
                        sqlx::query("UPDATE proposals SET label = $1, body = $2 WHERE id = $3")
                            .bind(&sealed.label)
                            .bind(sealed.body.get())
                            .bind(&p.id)
                            .execute(&mut *tx)
                            .await
                            .map_err(be)?;
                    }
                    tx.commit().await.map_err(be)?;
                    let sealed = (rows.len() + fingerprints.len()) as u64;
                    ::tracing::info!(
                        rows = sealed,
                        "sealed the proposals and fingerprints kept in the clear by an earlier version"
                    );
                    // Their images in the clear leave the backend's own files.
                    self.after_sealing().await;
                    Ok(sealed)
                }
            }

            impl Proposals for $store {
                async fn add_proposals(&self, source_id: &RecordId, proposals: &[NewProposal]) -> Result<()> {
                    let sealed = proposals
                        .iter()
                        .map(|p| $crate::vigil_store::seal_proposal(&self.key, p))
                        .collect::<Result<Vec<_>>>()?;
                    let mut tx = $crate::Backend::side_writer(self).begin().await.map_err(be)?;
                    $insert(&mut tx, sealed.iter().map(|p| (source_id, p)).collect()).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }

                async fn add_ingested(&self, sources: &[IngestedSource]) -> Result<()> {
                    let mut tx = $crate::Backend::side_writer(self).begin().await.map_err(be)?;
                    let fingerprints: Vec<&Fingerprint> = sources.iter().map(|s| &s.fingerprint).collect();
                    upsert_fingerprints(&mut tx, &self.key, &fingerprints).await?;
                    let mut sealed = Vec::new();
                    for s in sources {
                        for p in &s.proposals {
                            sealed.push((
                                &s.fingerprint.source_id,
                                $crate::vigil_store::seal_proposal(&self.key, p)?,
                            ));
                        }
                    }
                    $insert(&mut tx, sealed.iter().map(|(s, p)| (*s, p)).collect()).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }

                async fn proposals(&self, filter: &ProposalFilter) -> Result<Vec<StoredProposal>> {
                    let mut qb =
                        sqlx::QueryBuilder::new(format!("SELECT {PROPOSAL_COLUMNS} FROM proposals WHERE 1 = 1"));
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
                    let rows = qb
                        .build()
                        .fetch_all($crate::Backend::reader(self))
                        .await
                        .map_err(be)?;
                    rows.iter()
                        .map(|row| $crate::vigil_store::open_proposal(&self.key, proposal_from_row(row)?))
                        .collect()
                }

                async fn decide(&self, id: &str, decision: &Decision) -> Result<StoredProposal> {
                    if decision.state == ProposalState::Pending {
                        return Err(StoreError::invalid("state", "a decision accepts or rejects"));
                    }
                    // Only a pending proposal is updated: of two editors
                    // deciding at once, one wins and the other is told it
                    // was decided.
                    let row = sqlx::query(&format!(
                        "UPDATE proposals SET state = $1, decided_by = $2, decided_at = $3, record_id = $4 \
                         WHERE id = $5 AND state = 'pending' RETURNING {PROPOSAL_COLUMNS}"
                    ))
                    .bind(decision.state.as_str())
                    .bind(&decision.by)
                    .bind(<$store as $crate::Backend>::time($crate::vigil_store::now())?)
                    .bind(decision.record_id.as_ref().map(RecordId::as_str))
                    .bind(id)
                    .fetch_optional($crate::Backend::side_writer(self))
                    .await
                    .map_err(be)?;
                    if let Some(row) = row {
                        return $crate::vigil_store::open_proposal(&self.key, proposal_from_row(&row)?);
                    }
                    let state: Option<String> = sqlx::query_scalar("SELECT state FROM proposals WHERE id = $1")
                        .bind(id)
                        .fetch_optional($crate::Backend::reader(self))
                        .await
                        .map_err(be)?;
                    match state {
                        None => Err(StoreError::NotFound {
                            kind: "proposal",
                            id: id.to_owned(),
                        }),
                        Some(state) => Err(StoreError::Decided {
                            id: id.to_owned(),
                            state,
                        }),
                    }
                }

                async fn fingerprints(&self) -> Result<Vec<Fingerprint>> {
                    let rows = sqlx::query(
                        "SELECT source_id, content_hash, signature FROM source_fingerprints ORDER BY source_id",
                    )
                    .fetch_all($crate::Backend::reader(self))
                    .await
                    .map_err(be)?;
                    rows.iter()
                        .map(|row| fingerprint_from_row(row, &self.key))
                        .collect()
                }

                async fn save_fingerprint(&self, f: &Fingerprint) -> Result<()> {
                    let mut tx = $crate::Backend::side_writer(self).begin().await.map_err(be)?;
                    upsert_fingerprints(&mut tx, &self.key, &[f]).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }

                async fn link_source(&self, l: &SourceLink) -> Result<()> {
                    insert_link($crate::Backend::side_writer(self), l).await
                }

                async fn source_links(&self, source_id: &RecordId) -> Result<Vec<SourceLink>> {
                    let rows = sqlx::query(concat!(
                        "SELECT source_id, other_id, relation, similarity, document, ",
                        $by,
                        ", at FROM source_links WHERE source_id = $1 OR other_id = $1 ORDER BY ",
                        $link_order
                    ))
                    .bind(source_id.as_str())
                    .fetch_all($crate::Backend::reader(self))
                    .await
                    .map_err(be)?;
                    rows.iter().map(link_from_row).collect()
                }
            }
        }
    };
}
