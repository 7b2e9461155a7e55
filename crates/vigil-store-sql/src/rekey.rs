//! Re-sealing a case file under a new key (`vigil key rotate`).
//!
//! Everything that depends on the key is redone in ONE write transaction:
//! every sealed column (records, revisions, status stretches, events'
//! facts, signers' personal data, the mail queue, attachments, form keys,
//! proposals, sources' fingerprints), every value keyed by it (the blind
//! index of signers' emails, the fingerprints' hashes, the country keys of
//! the country views), and the stored key check. A
//! crash before the commit leaves the case file wholly under the old key;
//! after it, wholly under the new one. Rows are read in batches by key,
//! so a large case file is never held in memory at once.

/// `rekey` for a backend type with a `key` field and a `begin_write()`
/// that opens the case file's write transaction (taking its write lock);
/// `recount_months` is the backend's `recount_sealed_months` (from
/// `impl_record_writes`), which counts the month changes of those with
/// the right again under the new key.
#[macro_export]
macro_rules! impl_rekey {
    ($store:ty, recount_months = $recount:path) => {
        impl $store {
            /// Re-seals everything sealed under this store's key under
            /// `new`, recomputes what is keyed by it and the key check, in
            /// one transaction: all of it or nothing. `progress` hears each
            /// table's name and how many of its rows are done. This store
            /// keeps its old key: open the case file again with the new one.
            pub async fn rekey(
                &self,
                new: &$crate::vigil_store::SealKey,
                progress: &mut (dyn FnMut(&str, u64) + Send),
            ) -> $crate::vigil_store::Result<$crate::vigil_store::seal::Rekeyed> {
                use $crate::sqlx::{self, Row as _};
                use $crate::vigil_store::{seal, StoreError};
                use $crate::be;
                fn reseal(
                    old: &$crate::vigil_store::SealKey,
                    new: &$crate::vigil_store::SealKey,
                    what: &str,
                    aad: &[u8],
                    blob: &[u8],
                ) -> $crate::vigil_store::Result<Vec<u8>> {
                    let plain = seal::open_bytes(old, aad, blob).map_err(|_| {
                        StoreError::Backend(format!("cannot unseal {what} with the current key: nothing was changed").into())
                    })?;
                    seal::seal_bytes(new, aad, &plain)
                }
                /// How a table's rows are keyed (the first column of its
                /// `select`, the last parameter of its `update`).
                enum Key {
                    Id,
                    Seq,
                }
                /// A row's key, read on from.
                enum Kept {
                    Id(String),
                    Seq(i64),
                }
                impl std::fmt::Display for Kept {
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        match self {
                            Kept::Id(id) => f.write_str(id),
                            Kept::Seq(seq) => write!(f, "{seq}"),
                        }
                    }
                }
                /// What a sealed value is bound to.
                enum Aad {
                    /// The row's key.
                    Key,
                    /// Another column (a revision's record).
                    Column(&'static str),
                    /// Its source and file name.
                    Attachment,
                    /// The form key's id, tagged.
                    FormKey,
                    /// The device account's name, tagged.
                    DeviceDigest,
                }
                /// How a row is re-sealed.
                enum Reseal {
                    /// Its one sealed value (`sealed`), bound to that.
                    Value(Aad),
                    /// A signer's personal data (`personal`), and the blind
                    /// index of their email (`email_hash`) recomputed.
                    Signature,
                    /// A proposal's label and body (`id`, `body`), when
                    /// sealed; the others are left as they are.
                    Proposal,
                    /// A source's fingerprint (`content_hash`, `signature`).
                    Fingerprint,
                }
                /// A table of sealed values: `select` takes the key to read
                /// after and the batch size and answers the key first and
                /// the columns `reseal` reads; `update` takes the new values
                /// and the key.
                struct Sealed {
                    /// For `progress`.
                    label: &'static str,
                    /// For an error, before the key ("record p-1").
                    what: &'static str,
                    key: Key,
                    reseal: Reseal,
                    select: &'static str,
                    update: &'static str,
                    batch: i64,
                    count: fn(&mut $crate::vigil_store::seal::Rekeyed) -> &mut u64,
                }
                const BATCH: i64 = 256;
                // Attachments may be large (recordings, videos): fewer at once.
                const FILES: i64 = 8;
                const SEALED: &[Sealed] = &[
                    Sealed {
                        label: "records",
                        what: "record",
                        key: Key::Id,
                        reseal: Reseal::Value(Aad::Key),
                        select: "SELECT id, sealed FROM records WHERE sealed IS NOT NULL AND id > $1 ORDER BY id LIMIT $2",
                        update: "UPDATE records SET sealed = $1 WHERE id = $2",
                        batch: BATCH,
                        count: |done| &mut done.records,
                    },
                    Sealed {
                        label: "revisions",
                        what: "revision",
                        key: Key::Seq,
                        reseal: Reseal::Value(Aad::Column("record_id")),
                        select: "SELECT seq, record_id, sealed FROM revisions WHERE sealed IS NOT NULL AND seq > $1 \
                                 ORDER BY seq LIMIT $2",
                        update: "UPDATE revisions SET sealed = $1 WHERE seq = $2",
                        batch: BATCH,
                        count: |done| &mut done.revisions,
                    },
                    Sealed {
                        // The ids records had before they were given new ones.
                        label: "former ids",
                        what: "the former id in revision",
                        key: Key::Seq,
                        reseal: Reseal::Value(Aad::Column("record_id")),
                        select: "SELECT seq, record_id, formerly AS sealed FROM revisions WHERE formerly IS NOT NULL \
                                 AND seq > $1 ORDER BY seq LIMIT $2",
                        update: "UPDATE revisions SET formerly = $1 WHERE seq = $2",
                        batch: BATCH,
                        count: |done| &mut done.former_ids,
                    },
                    Sealed {
                        label: "queued mail",
                        what: "queued mail",
                        key: Key::Id,
                        reseal: Reseal::Value(Aad::Key),
                        // A message sent or given up has no body left to re-seal.
                        select: "SELECT id, sealed FROM mail_queue WHERE length(sealed) > 0 AND id > $1 ORDER BY id LIMIT $2",
                        update: "UPDATE mail_queue SET sealed = $1 WHERE id = $2",
                        batch: BATCH,
                        count: |done| &mut done.mail_queue,
                    },
                    Sealed {
                        label: "attachments",
                        what: "attachment",
                        key: Key::Id,
                        reseal: Reseal::Value(Aad::Attachment),
                        select: "SELECT id, source_id, name, sealed FROM attachments WHERE id > $1 ORDER BY id LIMIT $2",
                        update: "UPDATE attachments SET sealed = $1 WHERE id = $2",
                        batch: FILES,
                        count: |done| &mut done.attachments,
                    },
                    Sealed {
                        // The private keys of encrypted forms.
                        label: "form keys",
                        what: "form key",
                        key: Key::Id,
                        reseal: Reseal::Value(Aad::FormKey),
                        select: "SELECT id, sealed FROM form_keys WHERE id > $1 ORDER BY id LIMIT $2",
                        update: "UPDATE form_keys SET sealed = $1 WHERE id = $2",
                        batch: BATCH,
                        count: |done| &mut done.form_keys,
                    },
                    Sealed {
                        // What HTTP Digest checks device accounts' passwords against.
                        label: "device digests",
                        what: "the digest secret of",
                        key: Key::Id,
                        reseal: Reseal::Value(Aad::DeviceDigest),
                        select: "SELECT name, sealed FROM device_digests WHERE name > $1 ORDER BY name LIMIT $2",
                        update: "UPDATE device_digests SET sealed = $1 WHERE name = $2",
                        batch: BATCH,
                        count: |done| &mut done.device_digests,
                    },
                    Sealed {
                        label: "signatures",
                        what: "signature",
                        key: Key::Id,
                        reseal: Reseal::Signature,
                        select: "SELECT id, personal, email_hash FROM signatures WHERE personal IS NOT NULL AND id > $1 \
                                 ORDER BY id LIMIT $2",
                        update: "UPDATE signatures SET personal = $1, email_hash = $2 WHERE id = $3",
                        batch: BATCH,
                        count: |done| &mut done.signatures,
                    },
                    Sealed {
                        label: "proposals",
                        what: "proposal",
                        key: Key::Seq,
                        reseal: Reseal::Proposal,
                        select: "SELECT seq, id, body FROM proposals WHERE seq > $1 ORDER BY seq LIMIT $2",
                        update: "UPDATE proposals SET body = $1 WHERE seq = $2",
                        batch: BATCH,
                        count: |done| &mut done.proposals,
                    },
                    Sealed {
                        label: "fingerprints",
                        what: "the fingerprint of",
                        key: Key::Id,
                        reseal: Reseal::Fingerprint,
                        select: "SELECT source_id, content_hash, signature FROM source_fingerprints WHERE source_id > $1 \
                                 ORDER BY source_id LIMIT $2",
                        update: "UPDATE source_fingerprints SET content_hash = $1, signature = $2 WHERE source_id = $3",
                        batch: BATCH,
                        count: |done| &mut done.fingerprints,
                    },
                ];
                let old = &self.key;
                let mut done = $crate::vigil_store::seal::Rekeyed::default();
                let mut tx = self.begin_write().await?;

                // Signers' emails have a blind index keyed by the key:
                // recomputed under the new one.
                let old_email = old.derive("campaign email");
                let new_email = new.derive("campaign email");
                // The tables read in batches by their key: one loop over
                // their description.
                for table in SEALED {
                    let mut after = match table.key {
                        Key::Id => Kept::Id(String::new()),
                        Key::Seq => Kept::Seq(i64::MIN),
                    };
                    loop {
                        let select = sqlx::query(table.select);
                        let select = match &after {
                            Kept::Id(id) => select.bind(id.clone()),
                            Kept::Seq(seq) => select.bind(*seq),
                        };
                        let rows = select
                            .bind(table.batch)
                            .fetch_all(&mut *tx)
                            .await
                            .map_err(be)?;
                        if rows.is_empty() {
                            break;
                        }
                        for r in &rows {
                            let key = match table.key {
                                Key::Id => Kept::Id(r.try_get(0).map_err(be)?),
                                Key::Seq => Kept::Seq(r.try_get(0).map_err(be)?),
                            };
                            let what = format!("{} {key}", table.what);
                            let update = match &table.reseal {
                                Reseal::Value(bound) => {
                                    let aad = match bound {
                                        Aad::Key => key.to_string().into_bytes(),
                                        Aad::Column(column) => r.try_get::<String, _>(*column).map_err(be)?.into_bytes(),
                                        Aad::Attachment => {
                                            let source: String = r.try_get("source_id").map_err(be)?;
                                            let name: String = r.try_get("name").map_err(be)?;
                                            let source = $crate::vigil_core::RecordId::parse(&source).map_err(be)?;
                                            $crate::vigil_store::attachments::aad(&source, &name)
                                        }
                                        Aad::FormKey => $crate::vigil_store::attachments::form_key_aad(&key.to_string()),
                                        Aad::DeviceDigest => $crate::vigil_store::digest_aad(&key.to_string()),
                                    };
                                    let blob: Vec<u8> = r.try_get("sealed").map_err(be)?;
                                    Some(sqlx::query(table.update).bind(reseal(old, new, &what, &aad, &blob)?))
                                }
                                Reseal::Signature => {
                                    let id = key.to_string();
                                    let blob: Vec<u8> = r.try_get("personal").map_err(be)?;
                                    let hash: Option<Vec<u8>> = r.try_get("email_hash").map_err(be)?;
                                    let plain = seal::open_bytes(old, id.as_bytes(), &blob).map_err(|_| {
                                        StoreError::Backend(format!("cannot unseal {what} with the current key: nothing was changed").into())
                                    })?;
                                    let personal: $crate::campaigns::Personal = $crate::serde_json::from_slice(&plain).map_err(be)?;
                                    let hash = match hash {
                                        None => None,
                                        Some(hash) => {
                                            let email = $crate::vigil_core::campaign::Email::parse(&personal.email).map_err(|_| {
                                                StoreError::Backend(format!("the email of {what} does not parse").into())
                                            })?;
                                            let normalised = email.normalised().as_bytes();
                                            if hash.as_slice() != seal::keyed_hash(&old_email, normalised).as_slice() {
                                                return Err(StoreError::Backend(
                                                    format!("the email index of {what} is not the current key's: nothing was changed")
                                                        .into(),
                                                ));
                                            }
                                            Some(seal::keyed_hash(&new_email, normalised).to_vec())
                                        }
                                    };
                                    Some(
                                        sqlx::query(table.update)
                                            .bind(seal::seal_bytes(new, id.as_bytes(), &plain)?)
                                            .bind(hash),
                                    )
                                }
                                Reseal::Proposal => {
                                    let id: String = r.try_get("id").map_err(be)?;
                                    let body: String = r.try_get("body").map_err(be)?;
                                    let fresh = $crate::vigil_store::reseal_proposal_body(old, new, &id, &body).map_err(|_| {
                                        StoreError::Backend(format!("cannot unseal proposal {id} with the current key: nothing was changed").into())
                                    })?;
                                    fresh.map(|fresh| sqlx::query(table.update).bind(fresh))
                                }
                                Reseal::Fingerprint => {
                                    let signature: String = r.try_get("signature").map_err(be)?;
                                    let f = $crate::vigil_store::open_fingerprint(
                                        old,
                                        $crate::vigil_core::RecordId::parse(&key.to_string()).map_err(be)?,
                                        r.try_get("content_hash").map_err(be)?,
                                        &signature,
                                    )
                                    .map_err(|_| {
                                        StoreError::Backend(format!("cannot unseal {what} with the current key: nothing was changed").into())
                                    })?;
                                    let (hash, signature) = $crate::vigil_store::seal_fingerprint(new, &f)?;
                                    Some(sqlx::query(table.update).bind(hash).bind(signature))
                                }
                            };
                            if let Some(update) = update {
                                let update = match &key {
                                    Kept::Id(id) => update.bind(id.clone()),
                                    Kept::Seq(seq) => update.bind(*seq),
                                };
                                update.execute(&mut *tx).await.map_err(be)?;
                                *(table.count)(&mut done) += 1;
                            }
                            after = key;
                        }
                        progress(table.label, *(table.count)(&mut done));
                    }
                }

                // Status stretches have no key of their own: person by
                // person, each sealed stretch found by its (random-nonced)
                // sealed value.
                let mut after = String::new();
                loop {
                    let persons: Vec<String> = sqlx::query_scalar(
                        "SELECT DISTINCT person_id FROM status_stretches WHERE sealed IS NOT NULL AND person_id > $1 \
                         ORDER BY person_id LIMIT $2",
                    )
                    .bind(after.as_str())
                    .bind(BATCH)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(be)?;
                    if persons.is_empty() {
                        break;
                    }
                    for person in persons {
                        let blobs: Vec<Vec<u8>> = sqlx::query_scalar(
                            "SELECT sealed FROM status_stretches WHERE person_id = $1 AND sealed IS NOT NULL",
                        )
                        .bind(person.as_str())
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(be)?;
                        let aad = $crate::stretch_aad(&person);
                        for blob in &blobs {
                            let fresh = reseal(old, new, &format!("a status of {person}"), aad.as_bytes(), blob)?;
                            // Its countries, hashed under the new key.
                            let body: $crate::vigil_store::StoredStretch = seal::open_bytes(old, aad.as_bytes(), blob)
                                .ok()
                                .and_then(|plain| $crate::serde_json::from_slice(&plain).ok())
                                .ok_or_else(|| StoreError::Backend(format!("cannot read a status of {person}").into()))?;
                            let keys: Vec<String> =
                                body.countries.iter().map(|c| $crate::facts::country_tag(new, c)).collect();
                            sqlx::query(
                                "UPDATE status_stretches SET sealed = $1, countries = $2 WHERE person_id = $3 AND sealed = $4",
                            )
                                .bind(fresh)
                                .bind(keys.join(" "))
                                .bind(person.as_str())
                                .bind(blob.as_slice())
                                .execute(&mut *tx)
                                .await
                                .map_err(be)?;
                        }
                        done.status_stretches += blobs.len() as u64;
                        after = person;
                    }
                    progress("status stretches", done.status_stretches);
                }

                $recount(&mut tx).await?;

                // Events' sealed facts: each opened, sealed again, and
                // found under its country's tag by the new key.
                let mut after = String::new();
                loop {
                    let rows: Vec<(String, Vec<u8>)> = sqlx::query_as(
                        "SELECT event_id, sealed FROM event_facts WHERE sealed IS NOT NULL AND event_id > $1 \
                         ORDER BY event_id LIMIT $2",
                    )
                    .bind(after.as_str())
                    .bind(BATCH)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(be)?;
                    let Some((last, _)) = rows.last() else { break };
                    after = last.clone();
                    for (event, blob) in &rows {
                        let facts = $crate::facts::open(old, event, blob).map_err(|_| {
                            StoreError::Backend(format!("cannot unseal the facts of {event} with the current key: nothing was changed").into())
                        })?;
                        let fresh = reseal(old, new, &format!("the facts of {event}"), $crate::facts::aad(event).as_bytes(), blob)?;
                        let tag = facts.country.as_deref().map(|c| $crate::facts::country_tag(new, c));
                        sqlx::query("UPDATE event_facts SET sealed = $1, country_tag = $2 WHERE event_id = $3 AND sealed IS NOT NULL")
                            .bind(fresh)
                            .bind(tag)
                            .bind(event.as_str())
                            .execute(&mut *tx)
                            .await
                            .map_err(be)?;
                    }
                    done.event_facts += rows.len() as u64;
                    progress("event facts", done.event_facts);
                }

                sqlx::query("DELETE FROM seal_key_check").execute(&mut *tx).await.map_err(be)?;
                sqlx::query("INSERT INTO seal_key_check (check_value) VALUES ($1)")
                    .bind(seal::key_check(new)?)
                    .execute(&mut *tx)
                    .await
                    .map_err(be)?;
                tx.commit().await.map_err(be)?;
                Ok(done)
            }
        }
    };
}
