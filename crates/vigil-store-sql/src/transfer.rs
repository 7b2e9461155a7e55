//! A whole case file read from one snapshot and written into an empty
//! case file (`vigil_store::transfer`): the full-scope export and import,
//! and the copy from SQLite to PostgreSQL, on either backend.
//!
//! [`impl_transfer!`] implements `Snapshot` for a backend's snapshot type
//! (a struct with a read transaction `tx`) and `Load` for its load type (a
//! struct with a write transaction `tx`, the store's `key` and a `copied`
//! tally). Rows keep their ids and numbers; records are opened with the
//! target's key on the way (to index them, and so that content sealed
//! under another key is refused before anything is committed).

/// Expands `Snapshot` for `$snapshot` and `Load` for `$load`.
///
/// - `$store`: the backend's store (its `Backend` gives the time columns);
/// - `proposals`: the module `impl_proposals!` made (its row readers);
/// - `write_row`: the backend's `write_row(tx, record, stored, deleted,
///   fresh)`, which writes a record's row and (unless deleted) its index;
/// - `link_order`: the column source links are numbered by;
/// - `collate`: what makes text compare by its bytes in `ORDER BY` and
///   paging (` COLLATE "C"` in PostgreSQL, whatever a column's own
///   collation; nothing in SQLite, where that is the default), so both
///   backends hand rows out in one order;
/// - `overriding`: what lets an insert give an identity column its value
///   (`OVERRIDING SYSTEM VALUE ` in PostgreSQL, nothing in SQLite);
/// - `finish`: `async fn(&mut Tx) -> Result<()>`, run before the commit
///   (PostgreSQL moves its sequences past the loaded rows).
#[macro_export]
macro_rules! impl_transfer {
    (
        $store:ty,
        snapshot = $snapshot:ty,
        load = $load:ty,
        proposals = $proposals:path,
        write_row = $write_row:path,
        link_order = $link_order:literal,
        collate = $collate:literal,
        overriding = $overriding:literal,
        finish = $finish:path $(,)?
    ) => {
        mod transfer_sql {
            use std::collections::BTreeMap;
            use std::str::FromStr as _;

            use $crate::sqlx::{self, QueryBuilder, Row as _};
            use $crate::vigil_core::{AccountRole, RecordId, RecordKind, UserName};
            use $crate::vigil_store::attachments::{StoredAttachment, StoredForm, StoredFormKey, StoredFormMedia};
            use $crate::vigil_store::StoredDeviceDigest;
            use $crate::vigil_store::seal::{self, Stored};
            use $crate::vigil_store::transfer::{
                wrong_key, Copied, Load, Row, Snapshot, StoredAccount, StoredAccountAudit, StoredAudit,
                StoredCampaign, StoredDelivery, StoredFingerprint, StoredInvalidation, StoredMail, StoredOutcome,
                StoredRecord, StoredRevision, StoredSession, StoredSignature, StoredToken, BATCH, ROW_TABLES,
            };
            use $crate::vigil_store::{Operation, Result, SourceLink, StoreError, StoredProposal};

            use super::*;
            use $proposals as proposals_rows;

            type Db = <$store as $crate::Backend>::Db;
            type Time = <$store as $crate::Backend>::Time;
            type DbRow = <Db as sqlx::Database>::Row;

            use $crate::be;

            fn time_back(value: Time) -> Result<$crate::time::OffsetDateTime> {
                <$store as $crate::Backend>::time_back(value)
            }

            fn time(t: $crate::time::OffsetDateTime) -> Result<Time> {
                <$store as $crate::Backend>::time(t)
            }

            fn record_id(s: &str) -> Result<RecordId> {
                RecordId::parse(s).map_err(be)
            }

            fn user(s: &str) -> Result<UserName> {
                UserName::parse(s).map_err(be)
            }

            impl $snapshot {
                async fn all(&mut self, sql: &str) -> Result<Vec<DbRow>> {
                    sqlx::query(sql).fetch_all(&mut *self.tx).await.map_err(be)
                }

                /// Rows of `table` after `after_id` in the order of `column`.
                async fn after(&mut self, table: &str, column: &str, after_id: Option<&str>, limit: u32) -> Result<Vec<DbRow>> {
                    sqlx::query(&format!(
                        "SELECT * FROM {table} WHERE {column}{c} > $1 ORDER BY {column}{c} LIMIT $2",
                        c = $collate
                    ))
                    .bind(after_id.unwrap_or(""))
                    .bind(limit as i64)
                    .fetch_all(&mut *self.tx)
                    .await
                    .map_err(be)
                }
            }

            fn stored(row: &DbRow) -> Result<Stored> {
                Ok(Stored {
                    public: row.try_get("data").map_err(be)?,
                    sealed: row.try_get("sealed").map_err(be)?,
                })
            }

            impl Snapshot for $snapshot {
                async fn revisions(&mut self, after_seq: i64, limit: u32) -> Result<Vec<StoredRevision>> {
                    let rows = sqlx::query(
                        "SELECT seq, record_id, kind, operation, author, at, reason, data, sealed FROM revisions \
                         WHERE seq > $1 ORDER BY seq LIMIT $2",
                    )
                    .bind(after_seq)
                    .bind(limit as i64)
                    .fetch_all(&mut *self.tx)
                    .await
                    .map_err(be)?;
                    rows.iter()
                        .map(|row| {
                            let operation: String = row.try_get("operation").map_err(be)?;
                            let kind: String = row.try_get("kind").map_err(be)?;
                            Ok(StoredRevision {
                                seq: row.try_get("seq").map_err(be)?,
                                record_id: record_id(row.try_get("record_id").map_err(be)?)?,
                                kind: RecordKind::from_str(&kind).map_err(be)?,
                                operation: Operation::parse(&operation).ok_or_else(|| {
                                    StoreError::Backend(format!("unknown operation '{operation}' in history").into())
                                })?,
                                author: row.try_get("author").map_err(be)?,
                                at: time_back(row.try_get("at").map_err(be)?)?,
                                reason: row.try_get("reason").map_err(be)?,
                                stored: stored(row)?,
                            })
                        })
                        .collect()
                }

                async fn records(&mut self, after_id: Option<&RecordId>, limit: u32) -> Result<Vec<StoredRecord>> {
                    // Ids compare by their bytes in both backends.
                    let rows = sqlx::query(concat!(
                        "SELECT id, kind, deleted, data, sealed FROM records WHERE id",
                        $collate,
                        " > $1 ORDER BY id",
                        $collate,
                        " LIMIT $2"
                    ))
                    .bind(after_id.map(RecordId::as_str).unwrap_or(""))
                    .bind(limit as i64)
                    .fetch_all(&mut *self.tx)
                    .await
                    .map_err(be)?;
                    rows.iter()
                        .map(|row| {
                            let kind: String = row.try_get("kind").map_err(be)?;
                            Ok(StoredRecord {
                                id: record_id(row.try_get("id").map_err(be)?)?,
                                kind: RecordKind::from_str(&kind).map_err(be)?,
                                deleted: row.try_get("deleted").map_err(be)?,
                                stored: stored(row)?,
                            })
                        })
                        .collect()
                }

                async fn accounts(&mut self) -> Result<Vec<StoredAccount>> {
                    let rows = self
                        .all(concat!(
                            "SELECT name, role, password_hash, disabled, created_at FROM accounts ORDER BY name",
                            $collate
                        ))
                        .await?;
                    rows.iter()
                        .map(|row| {
                            let role: String = row.try_get("role").map_err(be)?;
                            Ok(StoredAccount {
                                name: user(row.try_get("name").map_err(be)?)?,
                                role: AccountRole::from_str(&role).map_err(be)?,
                                password_hash: row.try_get("password_hash").map_err(be)?,
                                disabled: row.try_get("disabled").map_err(be)?,
                                created_at: time_back(row.try_get("created_at").map_err(be)?)?,
                            })
                        })
                        .collect()
                }

                async fn tokens(&mut self) -> Result<Vec<StoredToken>> {
                    let rows = self
                        .all(concat!(
                            "SELECT token_hash, account_name, created_at FROM api_tokens ORDER BY token_hash",
                            $collate
                        ))
                        .await?;
                    rows.iter()
                        .map(|row| {
                            Ok(StoredToken {
                                token_hash: row.try_get("token_hash").map_err(be)?,
                                account: user(row.try_get("account_name").map_err(be)?)?,
                                created_at: time_back(row.try_get("created_at").map_err(be)?)?,
                            })
                        })
                        .collect()
                }

                async fn sessions(&mut self) -> Result<Vec<StoredSession>> {
                    let rows = self
                        .all(concat!(
                            "SELECT session_hash, account_name, csrf_token, expires_at FROM sessions \
                             ORDER BY session_hash",
                            $collate
                        ))
                        .await?;
                    let now = $crate::time::OffsetDateTime::now_utc();
                    let mut out = Vec::with_capacity(rows.len());
                    for row in &rows {
                        let session = StoredSession {
                            session_hash: row.try_get("session_hash").map_err(be)?,
                            account: user(row.try_get("account_name").map_err(be)?)?,
                            csrf_token: row.try_get("csrf_token").map_err(be)?,
                            expires_at: time_back(row.try_get("expires_at").map_err(be)?)?,
                        };
                        if session.expires_at > now {
                            out.push(session);
                        }
                    }
                    Ok(out)
                }

                async fn proposals(&mut self, after: u64, limit: u32) -> Result<Vec<StoredProposal>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {} FROM proposals ORDER BY seq LIMIT $1 OFFSET $2",
                        proposals_rows::PROPOSAL_COLUMNS
                    ))
                    .bind(limit as i64)
                    .bind(after as i64)
                    .fetch_all(&mut *self.tx)
                    .await
                    .map_err(be)?;
                    rows.iter().map(proposals_rows::proposal_from_row).collect()
                }

                async fn fingerprints(&mut self, after_id: Option<&str>, limit: u32) -> Result<Vec<StoredFingerprint>> {
                    let rows = self.after("source_fingerprints", "source_id", after_id, limit).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(StoredFingerprint {
                                source_id: record_id(row.try_get("source_id").map_err(be)?)?,
                                content_hash: row.try_get("content_hash").map_err(be)?,
                                signature: row.try_get("signature").map_err(be)?,
                            })
                        })
                        .collect()
                }

                async fn source_links(&mut self) -> Result<Vec<SourceLink>> {
                    let rows = self.all(concat!("SELECT * FROM source_links ORDER BY ", $link_order)).await?;
                    rows.iter().map(proposals_rows::link_from_row).collect()
                }

                async fn campaigns(&mut self) -> Result<Vec<StoredCampaign>> {
                    let rows = self.all(concat!("SELECT * FROM campaigns ORDER BY slug", $collate)).await?;
                    $crate::transfer_columns!(rows => StoredCampaign { slug, data, state, created_at, updated_at, closed_at, anonymised_at })
                }

                async fn account_audit(&mut self) -> Result<Vec<StoredAccountAudit>> {
                    let rows = self.all("SELECT * FROM account_audit ORDER BY id").await?;
                    $crate::transfer_columns!(rows => StoredAccountAudit { id, at, actor, account, action, detail })
                }

                async fn campaign_audit(&mut self) -> Result<Vec<StoredAudit>> {
                    let rows = self.all("SELECT * FROM campaign_audit ORDER BY id").await?;
                    $crate::transfer_columns!(rows => StoredAudit { id, campaign, at, author, action, detail })
                }

                async fn invalidations(&mut self) -> Result<Vec<StoredInvalidation>> {
                    let rows = self.all("SELECT * FROM invalidations ORDER BY id").await?;
                    $crate::transfer_columns!(rows => StoredInvalidation {
                        id, campaign, filter, author, at, removed, reverted_at, reverted_by
                    })
                }

                async fn signatures(&mut self, after_id: Option<&str>, limit: u32) -> Result<Vec<StoredSignature>> {
                    let rows = self.after("signatures", "id", after_id, limit).await?;
                    $crate::transfer_columns!(rows => StoredSignature {
                        id, campaign, email_hash, personal, email_domain, ip_hex, country, language, opt_in_at,
                        opt_in_wording, named, created_at, token_hash, token_expires_at, confirmed_at,
                        invalidated_by
                    })
                }

                async fn mail_queue(&mut self, after_id: Option<&str>, limit: u32) -> Result<Vec<StoredMail>> {
                    let rows = self.after("mail_queue", "id", after_id, limit).await?;
                    $crate::transfer_columns!(rows => StoredMail {
                        id, created_at, next_attempt_at, attempts, sent_at, failed_at, last_error, sealed
                    })
                }

                async fn deliveries(&mut self) -> Result<Vec<StoredDelivery>> {
                    let rows = self.all("SELECT * FROM deliveries ORDER BY id").await?;
                    $crate::transfer_columns!(rows => StoredDelivery { id, campaign, target, at, signatures, mail })
                }

                async fn campaign_outcomes(&mut self) -> Result<Vec<StoredOutcome>> {
                    let rows = self.all("SELECT * FROM campaign_outcomes ORDER BY id").await?;
                    $crate::transfer_columns!(rows => StoredOutcome {
                        id, campaign, kind, unique_key, data, at, author, revoked_at, revoked_by
                    })
                }

                async fn attachments(&mut self, after_id: Option<&str>, limit: u32) -> Result<Vec<StoredAttachment>> {
                    let rows = self.after("attachments", "id", after_id, limit).await?;
                    $crate::transfer_columns!(rows => StoredAttachment {
                        id, source_id, name, content_type, size, sha256, received_at, sealed
                    })
                }

                async fn form_keys(&mut self) -> Result<Vec<StoredFormKey>> {
                    let rows = self.all("SELECT * FROM form_keys ORDER BY id").await?;
                    $crate::transfer_columns!(rows => StoredFormKey {
                        id, public_key, sealed, created_at
                    })
                }

                async fn forms(&mut self) -> Result<Vec<StoredForm>> {
                    let rows = self.all("SELECT * FROM forms ORDER BY id").await?;
                    $crate::transfer_columns!(rows => StoredForm {
                        id, version, title, xml, md5, uploaded_by, uploaded_at
                    })
                }

                async fn form_media(&mut self) -> Result<Vec<StoredFormMedia>> {
                    let rows = self.all("SELECT * FROM form_media ORDER BY form_id, name").await?;
                    $crate::transfer_columns!(rows => StoredFormMedia {
                        form_id, name, content_type, size, md5, data
                    })
                }

                async fn device_digests(&mut self) -> Result<Vec<StoredDeviceDigest>> {
                    let rows = self.all("SELECT * FROM device_digests ORDER BY name").await?;
                    $crate::transfer_columns!(rows => StoredDeviceDigest {
                        name, sealed, updated_at
                    })
                }

                async fn key_check(&mut self) -> Result<Option<Vec<u8>>> {
                    sqlx::query_scalar("SELECT check_value FROM seal_key_check")
                        .fetch_optional(&mut *self.tx)
                        .await
                        .map_err(be)
                }

                async fn counts(&mut self) -> Result<BTreeMap<String, u64>> {
                    let mut counts = BTreeMap::new();
                    for table in ROW_TABLES {
                        let n = if *table == "sessions" {
                            // Only the live ones are carried.
                            self.sessions().await?.len() as u64
                        } else {
                            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                                .fetch_one(&mut *self.tx)
                                .await
                                .map_err(be)?;
                            n as u64
                        };
                        counts.insert((*table).to_owned(), n);
                    }
                    Ok(counts)
                }
            }

            /// Whether the case file holds none of the rows a load writes.
            pub(crate) async fn is_empty(tx: &mut sqlx::Transaction<'static, Db>) -> Result<bool> {
                let tables: Vec<String> =
                    ROW_TABLES.iter().map(|name| format!("(SELECT COUNT(*) FROM {name})")).collect();
                let held: i64 = sqlx::query_scalar(&format!("SELECT {}", tables.join(" + ")))
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(be)?;
                Ok(held == 0)
            }

            impl Load for $load {
                fn key_matches(&self, check: &[u8]) -> bool {
                    seal::key_matches(&self.key, check)
                }

                fn copied(&self) -> Copied {
                    self.copied
                }

                async fn load(&mut self, rows: Vec<Row>) -> Result<()> {
                    // Runs of rows of one table, each written as a batch.
                    let mut rows = rows.into_iter().peekable();
                    while let Some(first) = rows.next() {
                        let table = first.table();
                        let mut run = vec![first];
                        while let Some(next) = rows.next_if(|r| r.table() == table) {
                            run.push(next);
                        }
                        self.load_run(table, run).await?;
                    }
                    Ok(())
                }

                async fn finish(mut self) -> Result<Copied> {
                    $finish(&mut self.tx).await?;
                    self.tx.commit().await.map_err(be)?;
                    Ok(self.copied)
                }
            }

            impl $load {
                async fn load_run(&mut self, table: &str, run: Vec<Row>) -> Result<()> {
                    let tx = &mut self.tx;
                    let copied = &mut self.copied;
                    let n = run.len() as u64;
                    match table {
                        "records" => {
                            for r in $crate::transfer_of!(run, Record) {
                                let record = seal::open(&self.key, r.id.as_str(), &r.stored).map_err(|_| {
                                    if r.stored.sealed.is_some() {
                                        wrong_key()
                                    } else {
                                        StoreError::invalid(
                                            r.id.as_str(),
                                            "the record's stored form is not a record of this version",
                                        )
                                    }
                                })?;
                                if record.id() != &r.id || record.kind() != r.kind {
                                    return Err(StoreError::invalid(
                                        r.id.as_str(),
                                        "the record does not hold what its row says (another id or kind)",
                                    ));
                                }
                                $write_row(tx, &record, &r.stored, r.deleted, true).await?;
                            }
                            copied.records += n;
                        }
                        "revisions" => {
                            let rows = $crate::transfer_of!(run, Revision);
                            for r in &rows {
                                if r.stored.sealed.is_some() && seal::open(&self.key, r.record_id.as_str(), &r.stored).is_err() {
                                    return Err(wrong_key());
                                }
                            }
                            for chunk in rows.chunks(BATCH as usize) {
                                let mut times = Vec::with_capacity(chunk.len());
                                for r in chunk {
                                    times.push(time(r.at)?);
                                }
                                let mut q: QueryBuilder<'_, Db> = QueryBuilder::new(
                                    "INSERT INTO revisions (seq, record_id, kind, operation, author, at, reason, data, sealed) ",
                                );
                                q.push_values(chunk.iter().zip(times), |mut row, (r, at)| {
                                    row.push_bind(r.seq)
                                        .push_bind(r.record_id.as_str())
                                        .push_bind(r.kind.as_str())
                                        .push_bind(r.operation.as_str())
                                        .push_bind(&r.author)
                                        .push_bind(at)
                                        .push_bind(r.reason.as_deref())
                                        .push_bind(r.stored.public.as_deref())
                                        .push_bind(r.stored.sealed.as_deref());
                                });
                                q.build().execute(&mut **tx).await.map_err(be)?;
                            }
                            copied.revisions += n;
                        }
                        "accounts" => {
                            for a in $crate::transfer_of!(run, Account) {
                                sqlx::query(
                                    "INSERT INTO accounts (name, role, password_hash, disabled, created_at) \
                                     VALUES ($1, $2, $3, $4, $5)",
                                )
                                .bind(a.name.as_str())
                                .bind(a.role.as_str())
                                .bind(&a.password_hash)
                                .bind(a.disabled)
                                .bind(time(a.created_at)?)
                                .execute(&mut **tx)
                                .await
                                .map_err(be)?;
                            }
                            copied.accounts += n;
                        }
                        "api_tokens" => {
                            for t in $crate::transfer_of!(run, Token) {
                                sqlx::query("INSERT INTO api_tokens (token_hash, account_name, created_at) VALUES ($1, $2, $3)")
                                    .bind(&t.token_hash)
                                    .bind(t.account.as_str())
                                    .bind(time(t.created_at)?)
                                    .execute(&mut **tx)
                                    .await
                                    .map_err(be)?;
                            }
                            copied.tokens += n;
                        }
                        "account_audit" => {
                            let rows = $crate::transfer_of!(run, AccountAudit);
                            $crate::transfer_insert!(tx, "account_audit" $overriding, rows => { id, at, actor, account, action, detail });
                            copied.account_audit += n;
                        }
                        "sessions" => {
                            for s in $crate::transfer_of!(run, Session) {
                                sqlx::query(
                                    "INSERT INTO sessions (session_hash, account_name, csrf_token, expires_at) \
                                     VALUES ($1, $2, $3, $4)",
                                )
                                .bind(&s.session_hash)
                                .bind(s.account.as_str())
                                .bind(&s.csrf_token)
                                .bind(time(s.expires_at)?)
                                .execute(&mut **tx)
                                .await
                                .map_err(be)?;
                            }
                            copied.sessions += n;
                        }
                        "proposals" => {
                            // In the order they were made: numbered again in
                            // that order.
                            for p in $crate::transfer_of!(run, Proposal) {
                                let body = $crate::serde_json::to_string(&p.body).map_err(be)?;
                                let decided_at = p.decided_at.map(time).transpose()?;
                                sqlx::query(
                                    "INSERT INTO proposals (id, source_id, kind, label, body, state, decided_by, \
                                     decided_at, record_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                                )
                                .bind(&p.id)
                                .bind(p.source_id.as_str())
                                .bind(&p.kind)
                                .bind(&p.label)
                                .bind(body)
                                .bind(p.state.as_str())
                                .bind(p.decided_by.as_deref())
                                .bind(decided_at)
                                .bind(p.record_id.as_ref().map(RecordId::as_str))
                                .execute(&mut **tx)
                                .await
                                .map_err(be)?;
                            }
                            copied.proposals += n;
                        }
                        "source_fingerprints" => {
                            for f in $crate::transfer_of!(run, Fingerprint) {
                                sqlx::query(
                                    "INSERT INTO source_fingerprints (source_id, content_hash, signature) VALUES ($1, $2, $3)",
                                )
                                .bind(f.source_id.as_str())
                                .bind(&f.content_hash)
                                .bind(&f.signature)
                                .execute(&mut **tx)
                                .await
                                .map_err(be)?;
                            }
                            copied.fingerprints += n;
                        }
                        "source_links" => {
                            for l in $crate::transfer_of!(run, SourceLink) {
                                proposals_rows::insert_link(&mut **tx, &l).await?;
                            }
                            copied.source_links += n;
                        }
                        "campaigns" => {
                            let rows = $crate::transfer_of!(run, Campaign);
                            $crate::transfer_insert!(tx, "campaigns" "", rows => {
                                slug, data, state, created_at, updated_at, closed_at, anonymised_at
                            });
                            copied.campaigns += n;
                        }
                        "campaign_audit" => {
                            let rows = $crate::transfer_of!(run, CampaignAudit);
                            $crate::transfer_insert!(tx, "campaign_audit" $overriding, rows => { id, campaign, at, author, action, detail });
                            copied.campaign_audit += n;
                        }
                        "invalidations" => {
                            let rows = $crate::transfer_of!(run, Invalidation);
                            $crate::transfer_insert!(tx, "invalidations" $overriding, rows => {
                                id, campaign, filter, author, at, removed, reverted_at, reverted_by
                            });
                            copied.invalidations += n;
                        }
                        "signatures" => {
                            let rows = $crate::transfer_of!(run, Signature);
                            $crate::transfer_insert!(tx, "signatures" "", rows => {
                                id, campaign, email_hash, personal, email_domain, ip_hex, country, language, opt_in_at,
                                opt_in_wording, named, created_at, token_hash, token_expires_at, confirmed_at,
                                invalidated_by
                            });
                            copied.signatures += n;
                        }
                        "mail_queue" => {
                            let rows = $crate::transfer_of!(run, Mail);
                            $crate::transfer_insert!(tx, "mail_queue" "", rows => {
                                id, created_at, next_attempt_at, attempts, sent_at, failed_at, last_error, sealed
                            });
                            copied.mail += n;
                        }
                        "deliveries" => {
                            let rows = $crate::transfer_of!(run, Delivery);
                            $crate::transfer_insert!(tx, "deliveries" $overriding, rows => { id, campaign, target, at, signatures, mail });
                            copied.deliveries += n;
                        }
                        "campaign_outcomes" => {
                            let rows = $crate::transfer_of!(run, Outcome);
                            $crate::transfer_insert!(tx, "campaign_outcomes" $overriding, rows => {
                                id, campaign, kind, unique_key, data, at, author, revoked_at, revoked_by
                            });
                            copied.campaign_outcomes += n;
                        }
                        "attachments" => {
                            let rows = $crate::transfer_of!(run, Attachment);
                            $crate::transfer_insert!(tx, "attachments" "", rows => {
                                id, source_id, name, content_type, size, sha256, received_at, sealed
                            });
                            copied.attachments += n;
                        }
                        "form_keys" => {
                            let rows = $crate::transfer_of!(run, FormKey);
                            $crate::transfer_insert!(tx, "form_keys" "", rows => { id, public_key, sealed, created_at });
                            copied.form_keys += n;
                        }
                        "forms" => {
                            let rows = $crate::transfer_of!(run, Form);
                            $crate::transfer_insert!(tx, "forms" "", rows => {
                                id, version, title, xml, md5, uploaded_by, uploaded_at
                            });
                            copied.forms += n;
                        }
                        "form_media" => {
                            let rows = $crate::transfer_of!(run, FormMedia);
                            $crate::transfer_insert!(tx, "form_media" "", rows => {
                                form_id, name, content_type, size, md5, data
                            });
                            copied.form_media += n;
                        }
                        "device_digests" => {
                            let rows = $crate::transfer_of!(run, DeviceDigest);
                            $crate::transfer_insert!(tx, "device_digests" "", rows => { name, sealed, updated_at });
                            copied.device_digests += n;
                        }
                        other => {
                            return Err(StoreError::Backend(format!("no load for the table '{other}'").into()));
                        }
                    }
                    Ok(())
                }
            }
        }
    };
}

/// `$rows` read into structs whose fields are named as the rows' columns
/// (for [`impl_transfer!`]; campaign tables are the same in both
/// backends).
#[doc(hidden)]
#[macro_export]
macro_rules! transfer_columns {
    ($rows:expr => $ty:ident { $($field:ident),* $(,)? }) => {
        $rows
            .iter()
            .map(|r| Ok($ty { $($field: r.try_get(stringify!($field)).map_err(be)?),* }))
            .collect()
    };
}

/// The rows of `run` of one kind (the run holds only those).
#[doc(hidden)]
#[macro_export]
macro_rules! transfer_of {
    ($run:expr, $variant:ident) => {
        $run.into_iter()
            .filter_map(|r| match r {
                Row::$variant(v) => Some(v),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
}

/// Inserts `rows` into `$table`, one column per field of the same name,
/// `$rest` between the columns and the values, [`BATCH`] rows a statement.
///
/// [`BATCH`]: vigil_store::transfer::BATCH
#[doc(hidden)]
#[macro_export]
macro_rules! transfer_insert {
    ($tx:expr, $table:literal $rest:literal, $rows:expr => { $($field:ident),* $(,)? }) => {
        for chunk in $rows.chunks(BATCH as usize) {
            let mut q: QueryBuilder<'_, Db> = QueryBuilder::new(format!(
                "INSERT INTO {} ({}) {}",
                $table,
                stringify!($($field),*),
                $rest
            ));
            q.push_values(chunk, |mut row, r| {
                $(row.push_bind(&r.$field);)*
            });
            q.build().execute(&mut **$tx).await.map_err(be)?;
        }
    };
}
