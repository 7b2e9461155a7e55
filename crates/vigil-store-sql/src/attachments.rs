//! Attachments (photos, recordings, files of reports from the field): the
//! SQL of [`vigil_store::Attachments`].

/// Implements [`vigil_store::Attachments`] for `$store` (a `$db` store):
/// reads on the pool in field `$reader`, writes on `$writer`, sealing with
/// field `key`. Both schemas keep the same columns (times as microseconds
/// since the epoch, the sealed bytes as a blob).
#[macro_export]
macro_rules! impl_attachments {
    ($store:ty, $db:ty, reader = $reader:ident, writer = $writer:ident $(,)?) => {
        mod attachments_impl {
            use super::*;
            use $crate::sqlx::{self, Row as _};
            use $crate::vigil_core::RecordId;
            use $crate::vigil_store::attachments::{
                aad, form_key_aad, retired_form_key_id, Attachment, Attachments, FormKey, FormMedia, PendingReport, StoredForm,
                FORM_KEY_ID,
            };
            use $crate::vigil_store::{seal, Result, StoreError};

            use $crate::be;

            const COLUMNS: &str = "source_id, name, content_type, size, sha256, received_at";

            fn row(r: &<$db as sqlx::Database>::Row) -> Result<Attachment> {
                let source_id: String = r.try_get("source_id").map_err(be)?;
                Ok(Attachment {
                    source_id: RecordId::parse(&source_id).map_err(be)?,
                    name: r.try_get("name").map_err(be)?,
                    content_type: r.try_get("content_type").map_err(be)?,
                    size: r.try_get::<i64, _>("size").map_err(be)?.max(0) as u64,
                    sha256: r.try_get("sha256").map_err(be)?,
                    received_at: r.try_get("received_at").map_err(be)?,
                })
            }

            fn form_row(r: &<$db as sqlx::Database>::Row) -> Result<StoredForm> {
                Ok(StoredForm {
                    id: r.try_get("id").map_err(be)?,
                    version: r.try_get("version").map_err(be)?,
                    title: r.try_get("title").map_err(be)?,
                    xml: r.try_get("xml").map_err(be)?,
                    md5: r.try_get("md5").map_err(be)?,
                    uploaded_by: r.try_get("uploaded_by").map_err(be)?,
                    uploaded_at: r.try_get("uploaded_at").map_err(be)?,
                })
            }

            fn media_row(r: &<$db as sqlx::Database>::Row) -> Result<FormMedia> {
                Ok(FormMedia {
                    form_id: r.try_get("form_id").map_err(be)?,
                    name: r.try_get("name").map_err(be)?,
                    content_type: r.try_get("content_type").map_err(be)?,
                    size: r.try_get("size").map_err(be)?,
                    md5: r.try_get("md5").map_err(be)?,
                })
            }

            impl Attachments for $store {
                async fn add_attachment(&self, a: &Attachment, bytes: &[u8]) -> Result<bool> {
                    let sealed = seal::seal_bytes(&self.key, &aad(&a.source_id, &a.name), bytes)?;
                    let done = sqlx::query(
                        "INSERT INTO attachments (id, source_id, name, content_type, size, sha256, received_at, sealed) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
                    )
                    .bind(format!("{}/{}", a.source_id, a.name))
                    .bind(a.source_id.as_str())
                    .bind(&a.name)
                    .bind(&a.content_type)
                    .bind(i64::try_from(a.size).map_err(be)?)
                    .bind(&a.sha256)
                    .bind(a.received_at)
                    .bind(sealed)
                    .execute(&self.$writer)
                    .await
                    .map_err(be)?;
                    Ok(done.rows_affected() == 1)
                }

                async fn attachments(&self, source_id: &RecordId) -> Result<Vec<Attachment>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {COLUMNS} FROM attachments WHERE source_id = $1 ORDER BY name"
                    ))
                    .bind(source_id.as_str())
                    .fetch_all(&self.$reader)
                    .await
                    .map_err(be)?;
                    rows.iter().map(row).collect()
                }

                async fn attachment(&self, source_id: &RecordId, name: &str) -> Result<Option<(Attachment, Vec<u8>)>> {
                    let found = sqlx::query(&format!(
                        "SELECT {COLUMNS}, sealed FROM attachments WHERE source_id = $1 AND name = $2"
                    ))
                    .bind(source_id.as_str())
                    .bind(name)
                    .fetch_optional(&self.$reader)
                    .await
                    .map_err(be)?;
                    let Some(r) = found else { return Ok(None) };
                    let attachment = row(&r)?;
                    let sealed: Vec<u8> = r.try_get("sealed").map_err(be)?;
                    let bytes = seal::open_bytes(&self.key, &aad(source_id, name), &sealed)?;
                    Ok(Some((attachment, bytes)))
                }

                async fn form_key(&self, id: &str) -> Result<Option<FormKey>> {
                    let found = sqlx::query("SELECT public_key, sealed, created_at FROM form_keys WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.$reader)
                        .await
                        .map_err(be)?;
                    let Some(r) = found else { return Ok(None) };
                    let sealed: Vec<u8> = r.try_get("sealed").map_err(be)?;
                    Ok(Some(FormKey {
                        id: id.to_owned(),
                        public_key: r.try_get("public_key").map_err(be)?,
                        private_key: seal::open_bytes(&self.key, &form_key_aad(id), &sealed)?,
                        created_at: r.try_get("created_at").map_err(be)?,
                    }))
                }

                async fn keep_form_key(&self, key: &FormKey) -> Result<FormKey> {
                    let sealed = seal::seal_bytes(&self.key, &form_key_aad(&key.id), &key.private_key)?;
                    sqlx::query(
                        "INSERT INTO form_keys (id, public_key, sealed, created_at) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (id) DO NOTHING",
                    )
                    .bind(&key.id)
                    .bind(&key.public_key)
                    .bind(sealed)
                    .bind(key.created_at)
                    .execute(&self.$writer)
                    .await
                    .map_err(be)?;
                    self.form_key(&key.id)
                        .await?
                        .ok_or_else(|| StoreError::Backend("a form key kept cannot be read back".into()))
                }

                async fn form_keys(&self) -> Result<Vec<FormKey>> {
                    let rows = sqlx::query("SELECT id, public_key, sealed, created_at FROM form_keys")
                        .fetch_all(&self.$reader)
                        .await
                        .map_err(be)?;
                    let mut keys = Vec::with_capacity(rows.len());
                    for r in &rows {
                        let id: String = r.try_get("id").map_err(be)?;
                        let sealed: Vec<u8> = r.try_get("sealed").map_err(be)?;
                        keys.push(FormKey {
                            private_key: seal::open_bytes(&self.key, &form_key_aad(&id), &sealed)?,
                            public_key: r.try_get("public_key").map_err(be)?,
                            created_at: r.try_get("created_at").map_err(be)?,
                            id,
                        });
                    }
                    // The current key first, then the retired ones, newest first.
                    keys.sort_by(|a, b| {
                        (b.id == FORM_KEY_ID, b.created_at, &b.id).cmp(&(a.id == FORM_KEY_ID, a.created_at, &a.id))
                    });
                    Ok(keys)
                }

                async fn rotate_form_key(&self, new: &FormKey) -> Result<Option<String>> {
                    let mut tx = self.$writer.begin().await.map_err(be)?;
                    let current = sqlx::query("SELECT public_key, sealed, created_at FROM form_keys WHERE id = $1")
                        .bind(FORM_KEY_ID)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(be)?;
                    let mut retired = None;
                    if let Some(r) = current {
                        let public_key: String = r.try_get("public_key").map_err(be)?;
                        let sealed: Vec<u8> = r.try_get("sealed").map_err(be)?;
                        let created_at: i64 = r.try_get("created_at").map_err(be)?;
                        if public_key == new.public_key {
                            return Err(StoreError::Backend("the new form key is the current one".into()));
                        }
                        // Re-sealed under its new id (a sealed key is bound to its row).
                        let private_key = seal::open_bytes(&self.key, &form_key_aad(FORM_KEY_ID), &sealed)?;
                        let id = retired_form_key_id(created_at);
                        let resealed = seal::seal_bytes(&self.key, &form_key_aad(&id), &private_key)?;
                        sqlx::query(
                            "INSERT INTO form_keys (id, public_key, sealed, created_at) VALUES ($1, $2, $3, $4)",
                        )
                        .bind(&id)
                        .bind(&public_key)
                        .bind(resealed)
                        .bind(created_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                        sqlx::query("DELETE FROM form_keys WHERE id = $1")
                            .bind(FORM_KEY_ID)
                            .execute(&mut *tx)
                            .await
                            .map_err(be)?;
                        retired = Some(id);
                    }
                    let sealed = seal::seal_bytes(&self.key, &form_key_aad(FORM_KEY_ID), &new.private_key)?;
                    sqlx::query("INSERT INTO form_keys (id, public_key, sealed, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(FORM_KEY_ID)
                        .bind(&new.public_key)
                        .bind(sealed)
                        .bind(new.created_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    tx.commit().await.map_err(be)?;
                    Ok(retired)
                }

                async fn drop_unadmitted_attachments(&self, source_id: &RecordId) -> Result<u64> {
                    let done = sqlx::query(
                        "DELETE FROM attachments WHERE source_id = $1 \
                         AND NOT EXISTS (SELECT 1 FROM records WHERE id = $1)",
                    )
                    .bind(source_id.as_str())
                    .execute(&self.$writer)
                    .await
                    .map_err(be)?;
                    Ok(done.rows_affected())
                }

                async fn pending_reports(&self) -> Result<Vec<PendingReport>> {
                    let rows = sqlx::query(
                        "SELECT a.source_id, COUNT(*) AS parts, CAST(SUM(a.size) AS BIGINT) AS bytes, \
                         MIN(a.received_at) AS first_at, MAX(a.received_at) AS last_at FROM attachments a \
                         WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = a.source_id) \
                         GROUP BY a.source_id ORDER BY last_at, a.source_id",
                    )
                    .fetch_all(&self.$reader)
                    .await
                    .map_err(be)?;
                    rows.iter()
                        .map(|r| {
                            let source_id: String = r.try_get("source_id").map_err(be)?;
                            Ok(PendingReport {
                                source_id: RecordId::parse(&source_id).map_err(be)?,
                                parts: r.try_get::<i64, _>("parts").map_err(be)?.max(0) as u64,
                                bytes: r.try_get::<i64, _>("bytes").map_err(be)?.max(0) as u64,
                                first_received_at: r.try_get("first_at").map_err(be)?,
                                last_received_at: r.try_get("last_at").map_err(be)?,
                            })
                        })
                        .collect()
                }

                async fn drop_pending_reports(&self, last_before: i64) -> Result<u64> {
                    let done = sqlx::query(
                        "DELETE FROM attachments WHERE source_id IN (SELECT a.source_id FROM attachments a \
                         WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.id = a.source_id) \
                         GROUP BY a.source_id HAVING MAX(a.received_at) < $1) \
                         AND NOT EXISTS (SELECT 1 FROM records r WHERE r.id = attachments.source_id)",
                    )
                    .bind(last_before)
                    .execute(&self.$writer)
                    .await
                    .map_err(be)?;
                    Ok(done.rows_affected())
                }

                async fn put_form(&self, f: &StoredForm, media: &[(FormMedia, Vec<u8>)]) -> Result<()> {
                    let mut tx = self.$writer.begin().await.map_err(be)?;
                    sqlx::query(
                        "INSERT INTO forms (id, version, title, xml, md5, uploaded_by, uploaded_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET \
                         version = excluded.version, title = excluded.title, xml = excluded.xml, md5 = excluded.md5, \
                         uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at",
                    )
                    .bind(&f.id)
                    .bind(&f.version)
                    .bind(&f.title)
                    .bind(&f.xml)
                    .bind(&f.md5)
                    .bind(&f.uploaded_by)
                    .bind(f.uploaded_at)
                    .execute(&mut *tx)
                    .await
                    .map_err(be)?;
                    sqlx::query("DELETE FROM form_media WHERE form_id = $1")
                        .bind(&f.id)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    for (m, bytes) in media {
                        if m.form_id != f.id {
                            return Err(StoreError::Backend("a media file of another form".into()));
                        }
                        sqlx::query(
                            "INSERT INTO form_media (form_id, name, content_type, size, md5, data) \
                             VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(&m.form_id)
                        .bind(&m.name)
                        .bind(&m.content_type)
                        .bind(m.size)
                        .bind(&m.md5)
                        .bind(bytes.as_slice())
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    }
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }

                async fn form_media(&self, form_id: &str) -> Result<Vec<FormMedia>> {
                    let rows = sqlx::query(
                        "SELECT form_id, name, content_type, size, md5 FROM form_media WHERE form_id = $1 ORDER BY name",
                    )
                    .bind(form_id)
                    .fetch_all(&self.$reader)
                    .await
                    .map_err(be)?;
                    rows.iter().map(media_row).collect()
                }

                async fn form_media_file(&self, form_id: &str, name: &str) -> Result<Option<(FormMedia, Vec<u8>)>> {
                    let found = sqlx::query(
                        "SELECT form_id, name, content_type, size, md5, data FROM form_media \
                         WHERE form_id = $1 AND name = $2",
                    )
                    .bind(form_id)
                    .bind(name)
                    .fetch_optional(&self.$reader)
                    .await
                    .map_err(be)?;
                    let Some(r) = found else { return Ok(None) };
                    let data: Vec<u8> = r.try_get("data").map_err(be)?;
                    Ok(Some((media_row(&r)?, data)))
                }

                async fn forms(&self) -> Result<Vec<StoredForm>> {
                    let rows = sqlx::query("SELECT * FROM forms ORDER BY id")
                        .fetch_all(&self.$reader)
                        .await
                        .map_err(be)?;
                    rows.iter().map(form_row).collect()
                }

                async fn stored_form(&self, id: &str) -> Result<Option<StoredForm>> {
                    let row = sqlx::query("SELECT * FROM forms WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.$reader)
                        .await
                        .map_err(be)?;
                    row.as_ref().map(form_row).transpose()
                }
            }
        }
    };
}
