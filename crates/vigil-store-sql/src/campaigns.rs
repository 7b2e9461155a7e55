//! Campaigns, signatures, the mail queue and deliveries: the SQL of
//! [`vigil_store::Campaigns`], the same in every backend. It is portable:
//! `$n` parameters (which SQLite reads too; the multi-row inserts take
//! the backend's own placeholders from `QueryBuilder`), times as
//! microseconds since the epoch, `ON CONFLICT DO NOTHING … RETURNING`.

use serde::{Deserialize, Serialize};

/// The personal data of a signature, as sealed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Personal {
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
}

/// The SQL of [`Campaigns`], for a backend type with fields `reader`
/// (reads), `writer` (writes) and `key` (the seal key): the same in
/// every backend.
#[macro_export]
macro_rules! impl_campaigns {
    ($store:ty, $db:ty, $reader:ident) => {
        mod campaigns_impl {
            use super::*;
            use $crate::sqlx::Row as _;
            use $crate::{serde_json, sqlx};
            use $crate::vigil_store::campaigns::*;
            use $crate::campaigns::Personal;
            use $crate::vigil_store::seal;
            use $crate::vigil_store::{Result, StoreError};
            use $crate::vigil_core::campaign::Campaign;

            use $crate::be;

            /// The rows `sql` reads about the campaign `slug` (its `$1`).
            async fn of_campaign(store: &$store, sql: &str, slug: &str) -> Result<Vec<<$db as sqlx::Database>::Row>> {
                sqlx::query(sql).bind(slug).fetch_all(&store.$reader).await.map_err(be)
            }

            fn row_campaign(r: &<$db as sqlx::Database>::Row) -> Result<CampaignRow> {
                let data: String = r.try_get("data").map_err(be)?;
                Ok(CampaignRow {
                    campaign: serde_json::from_str(&data).map_err(be)?,
                    created_at: from_micros(r.try_get("created_at").map_err(be)?),
                    updated_at: from_micros(r.try_get("updated_at").map_err(be)?),
                    closed_at: r.try_get::<Option<i64>, _>("closed_at").map_err(be)?.map(from_micros),
                    anonymised_at: r.try_get::<Option<i64>, _>("anonymised_at").map_err(be)?.map(from_micros),
                })
            }

            fn row_invalidation(r: &<$db as sqlx::Database>::Row) -> Result<Invalidation> {
                let filter: String = r.try_get("filter").map_err(be)?;
                Ok(Invalidation {
                    id: r.try_get("id").map_err(be)?,
                    campaign: r.try_get("campaign").map_err(be)?,
                    filter: serde_json::from_str(&filter).map_err(be)?,
                    author: r.try_get("author").map_err(be)?,
                    at: from_micros(r.try_get("at").map_err(be)?),
                    removed: r.try_get::<i64, _>("removed").map_err(be)? as u64,
                    reverted_at: r.try_get::<Option<i64>, _>("reverted_at").map_err(be)?.map(from_micros),
                    reverted_by: r.try_get("reverted_by").map_err(be)?,
                })
            }

            fn not_found(slug: &str) -> StoreError {
                StoreError::NotFound { kind: "campaign", id: slug.to_owned() }
            }

            /// The WHERE clause of a filter, from parameter `$first` on,
            /// and its values in order.
            fn filter_sql(filter: &Filter, first: usize) -> Result<(String, Vec<FilterValue>)> {
                let mut sql = String::new();
                let mut values = Vec::new();
                let mut n = first;
                if let Some((lo, hi)) = filter.ip_bounds()? {
                    sql.push_str(&format!(" AND ip_hex BETWEEN ${} AND ${}", n, n + 1));
                    n += 2;
                    values.push(FilterValue::Text(lo));
                    values.push(FilterValue::Text(hi));
                }
                if let Some(d) = &filter.domain {
                    sql.push_str(&format!(" AND email_domain = ${n}"));
                    n += 1;
                    // Compared as signatures keep it: in Unicode, lowercased (punycode decoded).
                    let d = $crate::vigil_core::campaign::unicode_domain(d).unwrap_or_else(|| d.trim().to_lowercase());
                    values.push(FilterValue::Text(d));
                }
                if let Some(f) = filter.from {
                    sql.push_str(&format!(" AND created_at >= ${n}"));
                    n += 1;
                    values.push(FilterValue::Int(micros(f)));
                }
                if let Some(u) = filter.until {
                    sql.push_str(&format!(" AND created_at < ${n}"));
                    values.push(FilterValue::Int(micros(u)));
                }
                Ok((sql, values))
            }

            enum FilterValue {
                Text(String),
                Int(i64),
            }

            fn sealed_parts(key: &$crate::vigil_store::SealKey, s: &NewSignature) -> Result<SealedSignature> {
                let personal = Personal {
                    name: s.name.clone(),
                    email: s.email.as_str().to_owned(),
                    organisation: s.organisation.clone(),
                };
                let plain = serde_json::to_vec(&personal).map_err(be)?;
                let mail_id = format!("c{}", s.id);
                Ok(SealedSignature {
                    email_hash: seal::keyed_hash(&key.derive("campaign email"), s.email.normalised().as_bytes()).to_vec(),
                    personal: seal::seal_bytes(key, s.id.as_bytes(), &plain)?,
                    mail: seal::seal_bytes(key, mail_id.as_bytes(), &serde_json::to_vec(&s.mail).map_err(be)?)?,
                })
            }

            /// A signature row's personal data, unsealed.
            fn personal(key: &$crate::vigil_store::SealKey, r: &<$db as sqlx::Database>::Row) -> Result<Personal> {
                let id: String = r.try_get("id").map_err(be)?;
                let sealed: Vec<u8> = r.try_get("personal").map_err(be)?;
                serde_json::from_slice(&seal::open_bytes(key, id.as_bytes(), &sealed)?).map_err(be)
            }

            fn pow2_chunks<T>(mut rest: &[T]) -> Vec<&[T]> {
                let mut out = Vec::new();
                while !rest.is_empty() {
                    let size = if rest.len() >= 128 { 128 } else { 1 << (usize::BITS - 1 - rest.len().leading_zeros()) };
                    let (a, b) = rest.split_at(size);
                    out.push(a);
                    rest = b;
                }
                out
            }

            /// Seals `mail` under its id and queues it, to be sent from `at` on.
            async fn queue_mail<'c, E>(e: E, key: &$crate::vigil_store::SealKey, id: &str, mail: &Mail, at: i64) -> Result<()>
            where
                E: sqlx::Executor<'c, Database = $db>,
            {
                let sealed = seal::seal_bytes(key, id.as_bytes(), &serde_json::to_vec(mail).map_err(be)?)?;
                sqlx::query("INSERT INTO mail_queue (id, created_at, next_attempt_at, attempts, sealed) VALUES ($1, $2, $2, 0, $3)")
                    .bind(id)
                    .bind(at)
                    .bind(sealed)
                    .execute(e)
                    .await
                    .map_err(be)?;
                Ok(())
            }

            async fn audit<'c, E>(e: E, slug: &str, author: &str, action: &str, detail: &str) -> Result<()>
            where
                E: sqlx::Executor<'c, Database = $db>,
            {
                sqlx::query("INSERT INTO campaign_audit (campaign, at, author, action, detail) VALUES ($1, $2, $3, $4, $5)")
                    .bind(slug)
                    .bind(micros($crate::vigil_store::now()))
                    .bind(author)
                    .bind(action)
                    .bind(detail)
                    .execute(e)
                    .await
                    .map_err(be)?;
                Ok(())
            }

            /// Writes a campaign by `sql` (parameters: slug, data, state,
            /// now, whether it is over) with its audit entry; `missed` when
            /// no row was written.
            async fn save_campaign(
                store: &$store,
                sql: &'static str,
                campaign: &Campaign,
                author: &str,
                action: &str,
                missed: impl FnOnce() -> StoreError,
            ) -> Result<()> {
                let data = serde_json::to_string(campaign).map_err(be)?;
                let mut tx = store.writer.begin().await.map_err(be)?;
                let written = sqlx::query(sql)
                    .bind(campaign.slug.as_str())
                    .bind(&data)
                    .bind(campaign.state.as_str())
                    .bind(micros($crate::vigil_store::now()))
                    .bind(campaign.state.is_over())
                    .execute(&mut *tx)
                    .await
                    .map_err(be)?;
                if written.rows_affected() == 0 {
                    return Err(missed());
                }
                audit(&mut *tx, campaign.slug.as_str(), author, action, &data).await?;
                tx.commit().await.map_err(be)?;
                Ok(())
            }

            /// Adds an outcome row (and its audit entry) in `tx`; its id.
            #[allow(clippy::too_many_arguments)]
            async fn add_outcome(
                tx: &mut sqlx::Transaction<'static, $db>,
                slug: &str,
                kind: &str,
                unique_key: Option<&str>,
                data: &serde_json::Value,
                author: &str,
            ) -> Result<Option<(i64, i64)>> {
                let now = micros($crate::vigil_store::now());
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO campaign_outcomes (campaign, kind, unique_key, data, at, author) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT DO NOTHING RETURNING id",
                )
                .bind(slug)
                .bind(kind)
                .bind(unique_key)
                .bind(data.to_string())
                .bind(now)
                .bind(author)
                .fetch_optional(&mut **tx)
                .await
                .map_err(be)?;
                Ok(id.map(|id| (id, now)))
            }

            /// The outcome rows of one kind of a campaign, oldest first.
            async fn outcomes(store: &$store, slug: &str, kind: &str) -> Result<Vec<<$db as sqlx::Database>::Row>> {
                sqlx::query("SELECT * FROM campaign_outcomes WHERE campaign = $1 AND kind = $2 ORDER BY id")
                    .bind(slug)
                    .bind(kind)
                    .fetch_all(&store.$reader)
                    .await
                    .map_err(be)
            }

            fn outcome_data(r: &<$db as sqlx::Database>::Row) -> Result<serde_json::Value> {
                let data: String = r.try_get("data").map_err(be)?;
                serde_json::from_str(&data).map_err(be)
            }

            fn text_of(v: &serde_json::Value, field: &str) -> String {
                v.get(field).and_then(|x| x.as_str()).unwrap_or_default().to_owned()
            }

            fn row_response(r: &<$db as sqlx::Database>::Row) -> Result<Response> {
                let d = outcome_data(r)?;
                Ok(Response {
                    id: r.try_get("id").map_err(be)?,
                    target: text_of(&d, "target"),
                    text: text_of(&d, "text"),
                    date: text_of(&d, "date"),
                    link: d.get("link").and_then(|x| x.as_str()).map(str::to_owned),
                    at: from_micros(r.try_get("at").map_err(be)?),
                    author: r.try_get("author").map_err(be)?,
                })
            }

            fn row_partner(r: &<$db as sqlx::Database>::Row) -> Result<PartnerLink> {
                let d = outcome_data(r)?;
                Ok(PartnerLink {
                    id: r.try_get("id").map_err(be)?,
                    partner: text_of(&d, "partner"),
                    created_at: from_micros(r.try_get("at").map_err(be)?),
                    author: r.try_get("author").map_err(be)?,
                    revoked_at: r.try_get::<Option<i64>, _>("revoked_at").map_err(be)?.map(from_micros),
                })
            }

            fn row_milestone(r: &<$db as sqlx::Database>::Row) -> Result<Milestone> {
                let d = outcome_data(r)?;
                let key: Option<String> = r.try_get("unique_key").map_err(be)?;
                Ok(Milestone {
                    milestone: key.and_then(|k| k.split_once(':').map(|(_, m)| m.to_owned())).unwrap_or_default(),
                    at: from_micros(r.try_get("at").map_err(be)?),
                    messages: d.get("mail").and_then(|m| m.as_array()).map_or(0, |m| m.len() as u64),
                    pending: d.get("pending").and_then(|p| p.as_bool()).unwrap_or(false),
                })
            }

            use $crate::vigil_store::hex;

            /// What a write adds to (or takes from) the count of each
            /// organisation: by campaign and organisation key, its sealed
            /// name and the change.
            type OrgDeltas = std::collections::BTreeMap<(String, String), (Vec<u8>, i64)>;

            /// The key of an organisation as signers gave it (trimmed; ""
            /// for none): hex HMAC under a key derived from the case file's.
            fn org_key(key: &$crate::vigil_store::SealKey, organisation: Option<&str>) -> String {
                let name = organisation.map(str::trim).unwrap_or_default();
                hex(&seal::keyed_hash(&key.derive("campaign organisation"), name.as_bytes()))
            }

            fn org_aad(slug: &str, org_key: &str) -> Vec<u8> {
                format!("organisation {slug} {org_key}").into_bytes()
            }

            fn add_org(
                deltas: &mut OrgDeltas,
                key: &$crate::vigil_store::SealKey,
                slug: &str,
                organisation: Option<&str>,
                n: i64,
            ) -> Result<()> {
                let k = org_key(key, organisation);
                match deltas.get_mut(&(slug.to_owned(), k.clone())) {
                    Some(entry) => entry.1 += n,
                    None => {
                        let name = organisation.map(str::trim).unwrap_or_default();
                        let sealed = seal::seal_bytes(key, &org_aad(slug, &k), name.as_bytes())?;
                        deltas.insert((slug.to_owned(), k), (sealed, n));
                    }
                }
                Ok(())
            }

            /// How many rows an organisation's count is split over.
            const ORG_SHARDS: u8 = 8;

            /// Whether `slug` is counted by organisation (its marker row).
            async fn org_counted(tx: &mut sqlx::Transaction<'static, $db>, slug: &str) -> Result<bool> {
                let marker: Option<i64> = sqlx::query_scalar(
                    "SELECT n FROM campaign_org_counts WHERE campaign = $1 AND org_key = '*' AND shard = 0",
                )
                .bind(slug)
                .fetch_optional(&mut **tx)
                .await
                .map_err(be)?;
                Ok(marker.is_some())
            }

            /// Locks the campaign's row until `tx` ends (a write that
            /// changes nothing): what counts and checks the goal waits for
            /// another transaction doing the same to commit.
            /// `false` when there is no such campaign.
            async fn lock_campaign(tx: &mut sqlx::Transaction<'static, $db>, slug: &str) -> Result<bool> {
                let locked = sqlx::query("UPDATE campaigns SET updated_at = updated_at WHERE slug = $1")
                    .bind(slug)
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
                Ok(locked.rows_affected() > 0)
            }

            /// Adds `deltas` of campaign `slug` to its kept counts, in
            /// `tx`. A campaign not counted yet (signed before the counts
            /// were kept) is left to be counted whole at its first read:
            /// its row is locked before looking again, as that count locks
            /// it, so a confirmation is counted by one or the other.
            async fn count_orgs(
                tx: &mut sqlx::Transaction<'static, $db>,
                slug: &str,
                deltas: &OrgDeltas,
            ) -> Result<()> {
                let mine: Vec<(&String, &(Vec<u8>, i64))> = deltas
                    .iter()
                    .filter(|((s, _), (_, n))| s == slug && *n != 0)
                    .map(|((_, k), v)| (k, v))
                    .collect();
                if mine.is_empty() {
                    return Ok(());
                }
                if !org_counted(tx, slug).await? && (!lock_campaign(tx, slug).await? || !org_counted(tx, slug).await?) {
                    return Ok(());
                }
                let shard = i64::from(random_hex().as_bytes()[0] % ORG_SHARDS);
                // In the keys' order: two transactions lock rows in one order.
                for (k, (sealed, n)) in mine {
                    sqlx::query(
                        "INSERT INTO campaign_org_counts (campaign, org_key, shard, sealed, n) VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (campaign, org_key, shard) DO UPDATE SET n = campaign_org_counts.n + excluded.n",
                    )
                    .bind(slug)
                    .bind(k)
                    .bind(shard)
                    .bind(sealed.clone())
                    .bind(*n)
                    .execute(&mut **tx)
                    .await
                    .map_err(be)?;
                }
                Ok(())
            }

            /// What the confirmed signatures that `sql` (its `$1`: `value`)
            /// selects add to each organisation's count of `slug`.
            async fn org_deltas_of(
                tx: &mut sqlx::Transaction<'static, $db>,
                key: &$crate::vigil_store::SealKey,
                slug: &str,
                sql: &str,
                value: i64,
                sign: i64,
            ) -> Result<OrgDeltas> {
                let rows = sqlx::query(sql).bind(value).fetch_all(&mut **tx).await.map_err(be)?;
                let mut deltas = OrgDeltas::new();
                for r in &rows {
                    let p = personal(key, r)?;
                    add_org(&mut deltas, key, slug, p.organisation.as_deref(), sign)?;
                }
                Ok(deltas)
            }

            /// The `data` of a milestone recorded pending: no updates yet.
            const PENDING: &str = r#"{"mail":[],"pending":true}"#;

            /// Whether `slug` has just reached its goal in `tx`; if so the
            /// `goal` milestone is recorded, pending. Exactly once: the
            /// milestone's unique key settles a race, and on PostgreSQL the
            /// campaign's row is locked before counting, so that of two
            /// transactions confirming the last signatures at once, the
            /// second counts after the first has committed (each
            /// statement reads what was committed before it began). Only
            /// until the goal is reached: afterwards neither lock nor count.
            async fn goal_crossed(tx: &mut sqlx::Transaction<'static, $db>, slug: &str) -> Result<bool> {
                let key = format!("{slug}:goal");
                let reached: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM campaign_outcomes WHERE kind = 'milestone' AND unique_key = $1",
                )
                .bind(&key)
                .fetch_optional(&mut **tx)
                .await
                .map_err(be)?;
                if reached.is_some() {
                    return Ok(false);
                }
                let data: Option<String> = sqlx::query_scalar("SELECT data FROM campaigns WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(be)?;
                let Some(data) = data else { return Ok(false) };
                let campaign: Campaign = serde_json::from_str(&data).map_err(be)?;
                let Some(goal) = campaign.goal else { return Ok(false) };
                if !lock_campaign(tx, slug).await? {
                    return Ok(false);
                }
                let confirmed: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM signatures WHERE campaign = $1 AND confirmed_at IS NOT NULL AND invalidated_by IS NULL",
                )
                .bind(slug)
                .fetch_one(&mut **tx)
                .await
                .map_err(be)?;
                if (confirmed as u64) < goal {
                    return Ok(false);
                }
                let written = sqlx::query(
                    "INSERT INTO campaign_outcomes (campaign, kind, unique_key, data, at, author) \
                     VALUES ($1, 'milestone', $2, $3, $4, 'vigil') ON CONFLICT DO NOTHING",
                )
                .bind(slug)
                .bind(&key)
                .bind(PENDING)
                .bind(micros($crate::vigil_store::now()))
                .execute(&mut **tx)
                .await
                .map_err(be)?;
                if written.rows_affected() == 0 {
                    return Ok(false);
                }
                audit(&mut **tx, slug, "vigil", "milestone", &format!("goal: {confirmed} of {goal} signatures")).await?;
                Ok(true)
            }

            impl $store {
                /// Counts a campaign by organisation from its sealed
                /// signatures, once, and marks it counted: for campaigns
                /// signed before the counts were kept. Its row is locked
                /// first, as confirmations of an uncounted campaign lock
                /// it: each is counted here or by its own transaction.
                async fn count_organisations(&self, slug: &str) -> Result<()> {
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    if !lock_campaign(&mut tx, slug).await? || org_counted(&mut tx, slug).await? {
                        return Ok(());
                    }
                    sqlx::query("DELETE FROM campaign_org_counts WHERE campaign = $1")
                        .bind(slug)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    let rows = sqlx::query(
                        "SELECT id, personal FROM signatures WHERE campaign = $1 AND confirmed_at IS NOT NULL \
                         AND invalidated_by IS NULL AND personal IS NOT NULL",
                    )
                    .bind(slug)
                    .fetch_all(&mut *tx)
                    .await
                    .map_err(be)?;
                    let mut deltas = OrgDeltas::new();
                    for r in &rows {
                        let p = personal(&self.key, r)?;
                        add_org(&mut deltas, &self.key, slug, p.organisation.as_deref(), 1)?;
                    }
                    sqlx::query("INSERT INTO campaign_org_counts (campaign, org_key, shard, n) VALUES ($1, '*', 0, 0)")
                        .bind(slug)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    count_orgs(&mut tx, slug, &deltas).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }
            }

            impl Campaigns for $store {
                fn derived_secret(&self, purpose: &str) -> [u8; 32] {
                    self.key.derive(purpose)
                }

                fn seal_signature(&self, s: &mut NewSignature) -> Result<()> {
                    s.sealed = Some(sealed_parts(&self.key, s)?);
                    Ok(())
                }

                async fn create_campaign(&self, campaign: &Campaign, author: &str) -> Result<()> {
                    let sql = "INSERT INTO campaigns (slug, data, state, created_at, updated_at, closed_at) \
                               VALUES ($1, $2, $3, $4, $4, CASE WHEN $5 THEN $4 ELSE NULL END) ON CONFLICT DO NOTHING";
                    save_campaign(self, sql, campaign, author, "create", || {
                        StoreError::invalid("slug", "this slug is taken")
                    })
                    .await?;
                    // Counted by organisation from its first signature.
                    sqlx::query("INSERT INTO campaign_org_counts (campaign, org_key, shard, n) VALUES ($1, '*', 0, 0) ON CONFLICT DO NOTHING")
                        .bind(campaign.slug.as_str())
                        .execute(&self.writer)
                        .await
                        .map_err(be)?;
                    Ok(())
                }

                async fn update_campaign(&self, campaign: &Campaign, author: &str) -> Result<()> {
                    let sql = "UPDATE campaigns SET data = $2, state = $3, updated_at = $4, \
                               closed_at = CASE WHEN $5 THEN COALESCE(closed_at, $4) ELSE NULL END WHERE slug = $1";
                    save_campaign(self, sql, campaign, author, "update", || not_found(campaign.slug.as_str())).await
                }

                async fn campaign(&self, slug: &str) -> Result<CampaignRow> {
                    let row = sqlx::query("SELECT * FROM campaigns WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&self.$reader)
                        .await
                        .map_err(be)?
                        .ok_or_else(|| not_found(slug))?;
                    row_campaign(&row)
                }

                async fn campaigns(&self) -> Result<Vec<CampaignRow>> {
                    let rows = sqlx::query("SELECT * FROM campaigns ORDER BY created_at DESC, slug")
                        .fetch_all(&self.$reader)
                        .await
                        .map_err(be)?;
                    rows.iter().map(row_campaign).collect()
                }

                async fn campaign_audit(&self, slug: &str) -> Result<Vec<AuditEntry>> {
                    let rows = of_campaign(self, "SELECT at, author, action, detail FROM campaign_audit WHERE campaign = $1 ORDER BY id", slug).await?;
                    rows.iter()
                        .map(|r| {
                            Ok(AuditEntry {
                                at: from_micros(r.try_get("at").map_err(be)?),
                                author: r.try_get("author").map_err(be)?,
                                action: r.try_get("action").map_err(be)?,
                                detail: r.try_get("detail").map_err(be)?,
                            })
                        })
                        .collect()
                }

                async fn apply(&self, ops: Vec<Op>) -> Result<Vec<Outcome>> {
                    let now = $crate::vigil_store::now();
                    let now_us = micros(now);
                    let mut outcomes: Vec<Option<Outcome>> = vec![None; ops.len()];
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    // Signatures, in multi-row inserts.
                    let signs: Vec<(usize, &NewSignature)> = ops
                        .iter()
                        .enumerate()
                        .filter_map(|(i, op)| match op {
                            Op::Sign(s) => Some((i, &**s)),
                            _ => None,
                        })
                        .collect();
                    // Sealed once, then written in the order of their
                    // (campaign, email hash): two servers writing the same
                    // addresses at once take the unique index's locks in
                    // the same order, and neither waits on the other in a
                    // cycle (PostgreSQL found deadlocks when each wrote in
                    // arrival order).
                    let mut signs: Vec<((usize, &NewSignature), SealedSignature)> = signs
                        .into_iter()
                        .map(|(i, s)| {
                            let p = match &s.sealed {
                                Some(p) => p.clone(),
                                None => sealed_parts(&self.key, s)?,
                            };
                            Ok(((i, s), p))
                        })
                        .collect::<Result<_>>()?;
                    signs.sort_by(|a, b| (a.0 .1.campaign.as_str(), &a.1.email_hash).cmp(&(b.0 .1.campaign.as_str(), &b.1.email_hash)));
                    // Chunks of 128, 64, … 1 rows: a handful of distinct
                    // statements, each prepared once and cached.
                    for sealed_chunk in pow2_chunks(&signs) {
                        let chunk: Vec<(usize, &NewSignature)> = sealed_chunk.iter().map(|(c, _)| *c).collect();
                        let parts: Vec<SealedSignature> = sealed_chunk.iter().map(|(_, p)| p.clone()).collect();
                        // Placeholders as the backend writes them (`?` in
                        // SQLite: its `$n` are named, and binding 1,920 named
                        // parameters costs time in the square of their number).
                        let mut q = sqlx::QueryBuilder::<$db>::new(
                            "INSERT INTO signatures (id, campaign, email_hash, personal, email_domain, ip_hex, country, \
                             language, opt_in_at, opt_in_wording, named, created_at, token_hash, token_expires_at, confirmed_at) ",
                        );
                        q.push_values(chunk.iter().zip(&parts), |mut row, ((_, s), p)| {
                            row.push_bind(s.id.clone())
                                .push_bind(s.campaign.as_str().to_owned())
                                .push_bind(p.email_hash.clone())
                                .push_bind(p.personal.clone())
                                .push_bind(s.email.domain().to_owned())
                                .push_bind(s.ip.map(ip_key))
                                .push_bind(s.country.as_str().to_owned())
                                .push_bind(s.language.as_str().to_owned())
                                .push_bind(s.opt_in.as_ref().map(|_| now_us))
                                .push_bind(s.opt_in.clone())
                                .push_bind(s.named)
                                .push_bind(now_us)
                                .push_bind(s.token_hash.to_vec())
                                .push_bind(micros(s.token_expires_at))
                                .push_bind(None::<i64>);
                        });
                        q.push(" ON CONFLICT DO NOTHING");
                        // SQLite runs several statements sent as one, so
                        // the chunk's confirmation messages go with it: a
                        // message for each signature that went in (its id is
                        // new; an address that had signed keeps its old row).
                        // Each statement sent is two switches between the
                        // group commit's thread and the connection's, and
                        // under load the writer waited for a core at each.
                        let with_messages = <$db as sqlx::Database>::NAME == "SQLite";
                        if with_messages {
                            q.push(
                                "; INSERT INTO mail_queue (id, created_at, next_attempt_at, attempts, sealed) \
                                 SELECT 'c' || column1, column2, column2, 0, column3 FROM (",
                            );
                            q.push_values(chunk.iter().zip(&parts), |mut row, ((_, s), p)| {
                                row.push_bind(s.id.clone()).push_bind(now_us).push_bind(p.mail.clone());
                            });
                            q.push(") WHERE EXISTS (SELECT 1 FROM signatures WHERE id = column1)");
                        }
                        // Which rows went in: all of them, unless the count
                        // says an address had signed already. Then (rarely)
                        // one question for which of these new ids are there.
                        // Not `RETURNING id`: SQLite's connection hands each
                        // returned row over to the group commit's thread on
                        // its own, and the writer waited on each hand-over.
                        let written = q.build().execute(&mut *tx).await.map_err(be)?.rows_affected();
                        let all = chunk.len() as u64 * if with_messages { 2 } else { 1 };
                        let inserted: std::collections::HashSet<String> = if written == all {
                            chunk.iter().map(|(_, s)| s.id.clone()).collect()
                        } else {
                            let mut q = sqlx::QueryBuilder::<$db>::new("SELECT id FROM signatures WHERE id IN (");
                            $crate::push_in_list(&mut q, chunk.iter().map(|(_, s)| s.id.as_str()));
                            q.build()
                                .fetch_all(&mut *tx)
                                .await
                                .map_err(be)?
                                .iter()
                                .map(|r| r.try_get::<String, _>("id"))
                                .collect::<std::result::Result<_, _>>()
                                .map_err(be)?
                        };
                        // Otherwise their confirmation messages now, in the
                        // same transaction.
                        let fresh: Vec<(&NewSignature, &SealedSignature)> = chunk
                            .iter()
                            .zip(&parts)
                            .filter(|((_, s), _)| !with_messages && inserted.contains(&s.id))
                            .map(|((_, s), p)| (*s, p))
                            .collect();
                        for fresh in pow2_chunks(&fresh) {
                            let mut q = sqlx::QueryBuilder::<$db>::new(
                                "INSERT INTO mail_queue (id, created_at, next_attempt_at, attempts, sealed) ",
                            );
                            q.push_values(fresh, |mut row, (s, p)| {
                                row.push_bind(format!("c{}", s.id))
                                    .push_bind(now_us)
                                    .push_bind(now_us)
                                    .push_bind(0_i64)
                                    .push_bind(p.mail.clone());
                            });
                            q.build().execute(&mut *tx).await.map_err(be)?;
                        }
                        for (i, s) in &chunk {
                            outcomes[*i] = Some(if inserted.contains(&s.id) { Outcome::Signed } else { Outcome::AlreadySigned });
                        }
                    }
                    // Confirmations, one by one in the same transaction,
                    // and what they add to each organisation's count.
                    let mut by_org: OrgDeltas = std::collections::BTreeMap::new();
                    // In the order of the signatures' ids, whatever order
                    // they came in: two servers confirming the same links at
                    // once lock the rows in the same order (no deadlock).
                    let mut confirms: Vec<(usize, &Op)> =
                        ops.iter().enumerate().filter(|(_, op)| matches!(op, Op::Confirm { .. })).collect();
                    confirms.sort_by_key(|(_, op)| match op {
                        Op::Confirm { campaign, id, .. } => (campaign.as_str(), id.as_str()),
                        _ => ("", ""),
                    });
                    for (i, op) in confirms {
                        let Op::Confirm { campaign, id, token_hash } = op else { continue };
                        let row = sqlx::query(
                            "SELECT id, personal, token_hash, token_expires_at, confirmed_at, invalidated_by, country, language \
                             FROM signatures WHERE id = $1 AND campaign = $2",
                        )
                        .bind(id)
                        .bind(campaign.as_str())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(be)?;
                        let outcome = match row {
                            None => Outcome::TokenUnknown,
                            Some(r) => {
                                let stored: Option<Vec<u8>> = r.try_get("token_hash").map_err(be)?;
                                let expires: i64 = r.try_get("token_expires_at").map_err(be)?;
                                let confirmed: Option<i64> = r.try_get("confirmed_at").map_err(be)?;
                                let invalidated: Option<i64> = r.try_get("invalidated_by").map_err(be)?;
                                match stored {
                                    _ if confirmed.is_some() => Outcome::TokenSpent,
                                    None => Outcome::TokenSpent,
                                    Some(h) if !constant_time_eq(&h, token_hash) => Outcome::TokenUnknown,
                                    Some(_) if expires < now_us || invalidated.is_some() => Outcome::TokenSpent,
                                    Some(_) => {
                                        // Only if still unconfirmed and valid when
                                        // written (another server, an invalidation).
                                        let written = sqlx::query(
                                            "UPDATE signatures SET confirmed_at = $1, token_hash = NULL \
                                             WHERE id = $2 AND confirmed_at IS NULL AND invalidated_by IS NULL",
                                        )
                                        .bind(now_us)
                                        .bind(id)
                                        .execute(&mut *tx)
                                        .await
                                        .map_err(be)?;
                                        if written.rows_affected() == 0 {
                                            outcomes[i] = Some(Outcome::TokenSpent);
                                            continue;
                                        }
                                        let organisation = personal(&self.key, &r)?.organisation;
                                        add_org(&mut by_org, &self.key, campaign.as_str(), organisation.as_deref(), 1)?;
                                        Outcome::Confirmed {
                                            country: r.try_get("country").map_err(be)?,
                                            language: r.try_get("language").map_err(be)?,
                                            goal_reached: false,
                                        }
                                    }
                                }
                            }
                        };
                        outcomes[i] = Some(outcome);
                    }
                    // The confirmation that takes a campaign to its goal
                    // records the `goal` milestone, in this transaction.
                    let mut last_confirmed: Vec<(String, usize)> = Vec::new();
                    for (i, op) in ops.iter().enumerate() {
                        if let (Op::Confirm { campaign, .. }, Some(Outcome::Confirmed { .. })) = (op, &outcomes[i]) {
                            match last_confirmed.iter_mut().find(|(s, _)| s == campaign.as_str()) {
                                Some(entry) => entry.1 = i,
                                None => last_confirmed.push((campaign.as_str().to_owned(), i)),
                            }
                        }
                    }
                    for (slug, i) in last_confirmed {
                        count_orgs(&mut tx, &slug, &by_org).await?;
                        if goal_crossed(&mut tx, &slug).await? {
                            if let Some(Outcome::Confirmed { goal_reached, .. }) = &mut outcomes[i] {
                                *goal_reached = true;
                            }
                        }
                    }
                    tx.commit().await.map_err(be)?;
                    Ok(outcomes.into_iter().map(|o| o.unwrap_or(Outcome::TokenUnknown)).collect())
                }

                async fn tally(&self, slug: &str) -> Result<Tally> {
                    let rows = of_campaign(
                        self,
                        "SELECT country, language, COUNT(*) AS n FROM signatures \
                         WHERE campaign = $1 AND confirmed_at IS NOT NULL AND invalidated_by IS NULL GROUP BY country, language",
                        slug,
                    )
                    .await?;
                    let mut t = Tally::default();
                    for r in &rows {
                        let n = r.try_get::<i64, _>("n").map_err(be)? as u64;
                        t.confirmed += n;
                        *t.by_country.entry(r.try_get("country").map_err(be)?).or_default() += n;
                        *t.by_language.entry(r.try_get("language").map_err(be)?).or_default() += n;
                    }
                    let inv: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM signatures WHERE campaign = $1 AND confirmed_at IS NOT NULL AND invalidated_by IS NOT NULL",
                    )
                    .bind(slug)
                    .fetch_one(&self.$reader)
                    .await
                    .map_err(be)?;
                    t.invalidated = inv as u64;
                    Ok(t)
                }

                async fn preview_invalidation(&self, slug: &str, filter: &Filter) -> Result<u64> {
                    let (clause, values) = filter_sql(filter, 2)?;
                    let sql = format!("SELECT COUNT(*) FROM signatures WHERE campaign = $1 AND invalidated_by IS NULL{clause}");
                    let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(slug);
                    for v in values {
                        q = match v {
                            FilterValue::Text(s) => q.bind(s),
                            FilterValue::Int(i) => q.bind(i),
                        };
                    }
                    Ok(q.fetch_one(&self.$reader).await.map_err(be)? as u64)
                }

                async fn invalidate(&self, slug: &str, filter: &Filter, author: &str) -> Result<Invalidation> {
                    if filter.is_empty() {
                        return Err(StoreError::invalid("filter", "an invalidation names an address range, a domain or a time window"));
                    }
                    self.campaign(slug).await?;
                    let filter_json = serde_json::to_string(filter).map_err(be)?;
                    let (clause, values) = filter_sql(filter, 3)?;
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO invalidations (campaign, filter, author, at, removed) VALUES ($1, $2, $3, $4, 0) RETURNING id",
                    )
                    .bind(slug)
                    .bind(&filter_json)
                    .bind(author)
                    .bind(micros($crate::vigil_store::now()))
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(be)?;
                    let sql = format!("UPDATE signatures SET invalidated_by = $1 WHERE campaign = $2 AND invalidated_by IS NULL{clause}");
                    let mut q = sqlx::query(&sql).bind(id).bind(slug);
                    for v in values {
                        q = match v {
                            FilterValue::Text(s) => q.bind(s),
                            FilterValue::Int(i) => q.bind(i),
                        };
                    }
                    let removed = q.execute(&mut *tx).await.map_err(be)?.rows_affected() as i64;
                    // What the confirmed ones took from each organisation's count.
                    let deltas = org_deltas_of(
                        &mut tx,
                        &self.key,
                        slug,
                        "SELECT id, personal FROM signatures WHERE invalidated_by = $1 AND confirmed_at IS NOT NULL AND personal IS NOT NULL",
                        id,
                        -1,
                    )
                    .await?;
                    count_orgs(&mut tx, slug, &deltas).await?;
                    sqlx::query("UPDATE invalidations SET removed = $1 WHERE id = $2")
                        .bind(removed)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    audit(&mut *tx, slug, author, "invalidate", &format!("#{id} {filter_json}: {removed} removed")).await?;
                    let row = sqlx::query("SELECT * FROM invalidations WHERE id = $1").bind(id).fetch_one(&mut *tx).await.map_err(be)?;
                    let inv = row_invalidation(&row)?;
                    tx.commit().await.map_err(be)?;
                    Ok(inv)
                }

                async fn revert_invalidation(&self, id: i64, author: &str) -> Result<Invalidation> {
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    let row = sqlx::query("SELECT * FROM invalidations WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(be)?
                        .ok_or_else(|| StoreError::NotFound { kind: "invalidation", id: id.to_string() })?;
                    let inv = row_invalidation(&row)?;
                    if inv.reverted_at.is_some() {
                        return Err(StoreError::invalid("id", "this invalidation was reverted already"));
                    }
                    let deltas = org_deltas_of(
                        &mut tx,
                        &self.key,
                        &inv.campaign,
                        "SELECT id, personal FROM signatures WHERE invalidated_by = $1 AND confirmed_at IS NOT NULL AND personal IS NOT NULL",
                        id,
                        1,
                    )
                    .await?;
                    sqlx::query("UPDATE signatures SET invalidated_by = NULL WHERE invalidated_by = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    count_orgs(&mut tx, &inv.campaign, &deltas).await?;
                    sqlx::query("UPDATE invalidations SET reverted_at = $1, reverted_by = $2 WHERE id = $3")
                        .bind(micros($crate::vigil_store::now()))
                        .bind(author)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    audit(&mut *tx, &inv.campaign, author, "revert_invalidation", &format!("#{id}")).await?;
                    let row = sqlx::query("SELECT * FROM invalidations WHERE id = $1").bind(id).fetch_one(&mut *tx).await.map_err(be)?;
                    let inv = row_invalidation(&row)?;
                    tx.commit().await.map_err(be)?;
                    Ok(inv)
                }

                async fn invalidations(&self, slug: &str) -> Result<Vec<Invalidation>> {
                    let rows = of_campaign(self, "SELECT * FROM invalidations WHERE campaign = $1 ORDER BY id", slug).await?;
                    rows.iter().map(row_invalidation).collect()
                }

                async fn export(&self, slug: &str) -> Result<Vec<ExportedSignature>> {
                    let rows = of_campaign(
                        self,
                        "SELECT id, personal, country, language, created_at, confirmed_at, opt_in_at, opt_in_wording, named, invalidated_by \
                         FROM signatures WHERE campaign = $1 AND personal IS NOT NULL ORDER BY created_at, id",
                        slug,
                    )
                    .await?;
                    rows.iter()
                        .map(|r| {
                            let p = personal(&self.key, r)?;
                            Ok(ExportedSignature {
                                name: p.name,
                                email: p.email,
                                organisation: p.organisation,
                                country: r.try_get("country").map_err(be)?,
                                language: r.try_get("language").map_err(be)?,
                                signed_at: from_micros(r.try_get("created_at").map_err(be)?),
                                confirmed_at: r.try_get::<Option<i64>, _>("confirmed_at").map_err(be)?.map(from_micros),
                                opt_in: r.try_get("opt_in_wording").map_err(be)?,
                                opt_in_at: r.try_get::<Option<i64>, _>("opt_in_at").map_err(be)?.map(from_micros),
                                named: r.try_get("named").map_err(be)?,
                                invalidated: r.try_get::<Option<i64>, _>("invalidated_by").map_err(be)?.is_some(),
                            })
                        })
                        .collect()
                }

                async fn named_signers(&self, slug: &str, since: time::OffsetDateTime) -> Result<Vec<String>> {
                    let rows = sqlx::query(
                        "SELECT id, personal FROM signatures WHERE campaign = $1 AND named AND confirmed_at IS NOT NULL \
                         AND invalidated_by IS NULL AND personal IS NOT NULL AND confirmed_at >= $2 ORDER BY confirmed_at",
                    )
                    .bind(slug)
                    .bind(micros(since))
                    .fetch_all(&self.$reader)
                    .await
                    .map_err(be)?;
                    rows.iter()
                        .map(|r| {
                            let p = personal(&self.key, r)?;
                            Ok(p.name)
                        })
                        .collect()
                }

                async fn enqueue_mail(&self, mail: &Mail) -> Result<String> {
                    let id = time_ordered_hex();
                    let now = micros($crate::vigil_store::now());
                    queue_mail(&self.writer, &self.key, &id, mail, now).await?;
                    Ok(id)
                }

                async fn claim_mail(&self, now: time::OffsetDateTime, lease: time::Duration, limit: u32) -> Result<Vec<QueuedMail>> {
                    let now_us = micros(now);
                    // One statement for the whole claim (a statement a
                    // message held the writer from the signatures' group
                    // commit). The outer conditions are checked again on
                    // each row as it is locked: a message another server
                    // claimed meanwhile (its next attempt moved past now) is
                    // skipped, never claimed twice.
                    let rows = sqlx::query(
                        "UPDATE mail_queue SET next_attempt_at = $1 \
                         WHERE id IN (SELECT id FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL \
                                      AND next_attempt_at <= $2 ORDER BY next_attempt_at LIMIT $3) \
                         AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
                         RETURNING id, attempts, sealed, created_at",
                    )
                    .bind(micros(now + lease))
                    .bind(now_us)
                    .bind(limit as i64)
                    .fetch_all(&self.writer)
                    .await
                    .map_err(be)?;
                    let mut out = Vec::with_capacity(rows.len());
                    for r in &rows {
                        let id: String = r.try_get("id").map_err(be)?;
                        let sealed: Vec<u8> = r.try_get("sealed").map_err(be)?;
                        let mail: Mail = serde_json::from_slice(&seal::open_bytes(&self.key, id.as_bytes(), &sealed)?).map_err(be)?;
                        let queued_at: i64 = r.try_get("created_at").map_err(be)?;
                        out.push((queued_at, QueuedMail { id, mail, attempts: r.try_get::<i64, _>("attempts").map_err(be)? as u32 }));
                    }
                    // RETURNING promises no order: the oldest first, as queued.
                    out.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
                    Ok(out.into_iter().map(|(_, m)| m).collect())
                }

                async fn mail(&self, id: &str) -> Result<Option<Mail>> {
                    let sealed: Option<Vec<u8>> = sqlx::query_scalar("SELECT sealed FROM mail_queue WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.$reader)
                        .await
                        .map_err(be)?;
                    match sealed {
                        Some(sealed) if !sealed.is_empty() => {
                            let plain = seal::open_bytes(&self.key, id.as_bytes(), &sealed)?;
                            Ok(Some(serde_json::from_slice(&plain).map_err(be)?))
                        }
                        _ => Ok(None),
                    }
                }

                async fn mail_sent(&self, ids: &[String]) -> Result<()> {
                    let now = micros($crate::vigil_store::now());
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    for chunk in ids.chunks($crate::IN_LIST) {
                        // The body goes: the mail server (or the outbox) has it now.
                        let mut q = sqlx::QueryBuilder::<$db>::new("UPDATE mail_queue SET sent_at = ");
                        q.push_bind(now)
                            .push(", attempts = attempts + 1, last_error = NULL, sealed = ")
                            .push_bind(Vec::<u8>::new())
                            .push(" WHERE id IN (");
                        $crate::push_in_list(&mut q, chunk.iter().map(String::as_str));
                        q.build().execute(&mut *tx).await.map_err(be)?;
                    }
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }

                async fn mail_failed(&self, id: &str, error: &str, retry_at: Option<time::OffsetDateTime>) -> Result<()> {
                    let now = micros($crate::vigil_store::now());
                    // A message given up loses its body: it will not be sent.
                    sqlx::query(
                        "UPDATE mail_queue SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, failed_at = $3, \
                         sealed = CASE WHEN $5 THEN $6 ELSE sealed END WHERE id = $4",
                    )
                    .bind(error.chars().take(500).collect::<String>())
                    .bind(retry_at.map_or(now, micros))
                    .bind(retry_at.is_none().then_some(now))
                    .bind(id)
                    .bind(retry_at.is_none())
                    .bind(Vec::<u8>::new())
                    .execute(&self.writer)
                    .await
                    .map_err(be)?;
                    Ok(())
                }

                async fn mail_pending(&self) -> Result<u64> {
                    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL")
                        .fetch_one(&self.$reader)
                        .await
                        .map_err(be)?;
                    Ok(n as u64)
                }

                async fn record_delivery(&self, slug: &str, target: &str, signatures: u64, mail: &Mail) -> Result<()> {
                    let id = time_ordered_hex();
                    let now = micros($crate::vigil_store::now());
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    queue_mail(&mut *tx, &self.key, &id, mail, now).await?;
                    sqlx::query("INSERT INTO deliveries (campaign, target, at, signatures, mail) VALUES ($1, $2, $3, $4, $5)")
                        .bind(slug)
                        .bind(target)
                        .bind(now)
                        .bind(signatures as i64)
                        .bind(&id)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?;
                    tx.commit().await.map_err(be)?;
                    Ok(())
                }

                async fn deliveries(&self, slug: &str) -> Result<Vec<Delivery>> {
                    let rows = of_campaign(
                        self,
                        "SELECT d.at, d.target, d.signatures, m.sent_at, m.failed_at, m.attempts, m.last_error \
                         FROM deliveries d JOIN mail_queue m ON m.id = d.mail WHERE d.campaign = $1 ORDER BY d.id DESC",
                        slug,
                    )
                    .await?;
                    rows.iter()
                        .map(|r| {
                            let sent: Option<i64> = r.try_get("sent_at").map_err(be)?;
                            let failed: Option<i64> = r.try_get("failed_at").map_err(be)?;
                            Ok(Delivery {
                                at: from_micros(r.try_get("at").map_err(be)?),
                                target: r.try_get("target").map_err(be)?,
                                signatures: r.try_get::<i64, _>("signatures").map_err(be)? as u64,
                                status: if sent.is_some() { "sent" } else if failed.is_some() { "failed" } else { "queued" }.to_owned(),
                                attempts: r.try_get::<i64, _>("attempts").map_err(be)? as u32,
                                last_error: r.try_get("last_error").map_err(be)?,
                                sent_at: sent.map(from_micros),
                            })
                        })
                        .collect()
                }

                async fn anonymise_closed(&self, closed_before: time::OffsetDateTime) -> Result<Vec<Anonymised>> {
                    let slugs: Vec<String> = sqlx::query_scalar(
                        "SELECT slug FROM campaigns WHERE closed_at IS NOT NULL AND closed_at < $1 AND anonymised_at IS NULL",
                    )
                    .bind(micros(closed_before))
                    .fetch_all(&self.$reader)
                    .await
                    .map_err(be)?;
                    let mut out = Vec::new();
                    for slug in slugs {
                        let mut tx = self.writer.begin().await.map_err(be)?;
                        let now = micros($crate::vigil_store::now());
                        // Every queued message that named a signer: the
                        // confirmations (`c` and the signature's id), and
                        // the digests, which name the signers who chose it.
                        let confirmations: Vec<String> = sqlx::query_scalar(
                            "SELECT m.id FROM mail_queue m JOIN signatures s ON m.id = 'c' || s.id WHERE s.campaign = $1",
                        )
                        .bind(&slug)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(be)?;
                        let digests: Vec<String> = sqlx::query_scalar("SELECT mail FROM deliveries WHERE campaign = $1")
                            .bind(&slug)
                            .fetch_all(&mut *tx)
                            .await
                            .map_err(be)?;
                        // Updates to signers (milestones) are addressed to them.
                        let mut milestone_mail = Vec::new();
                        let rows = sqlx::query("SELECT data FROM campaign_outcomes WHERE campaign = $1 AND kind = 'milestone'")
                            .bind(&slug)
                            .fetch_all(&mut *tx)
                            .await
                            .map_err(be)?;
                        for r in &rows {
                            let d = outcome_data(r)?;
                            if let Some(ids) = d.get("mail").and_then(|m| m.as_array()) {
                                milestone_mail.extend(ids.iter().filter_map(|i| i.as_str().map(str::to_owned)));
                            }
                        }
                        let mut confirmations = confirmations;
                        confirmations.extend(milestone_mail);
                        for id in &confirmations {
                            sqlx::query("DELETE FROM mail_queue WHERE id = $1")
                                .bind(id)
                                .execute(&mut *tx)
                                .await
                                .map_err(be)?;
                        }
                        for id in &digests {
                            // The delivery's record stays (when, to whom, how many); the words go.
                            sqlx::query(
                                "UPDATE mail_queue SET sealed = $1, last_error = NULL, \
                                 failed_at = CASE WHEN sent_at IS NULL THEN COALESCE(failed_at, $2) ELSE failed_at END WHERE id = $3",
                            )
                            .bind(Vec::<u8>::new())
                            .bind(now)
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(be)?;
                        }
                        let n = sqlx::query(
                            "UPDATE signatures SET personal = NULL, email_hash = NULL, email_domain = NULL, ip_hex = NULL, \
                             token_hash = NULL, opt_in_wording = NULL WHERE campaign = $1",
                        )
                        .bind(&slug)
                        .execute(&mut *tx)
                        .await
                        .map_err(be)?
                        .rows_affected();
                        // The counts by organisation go with the organisations.
                        sqlx::query("DELETE FROM campaign_org_counts WHERE campaign = $1 AND org_key <> '*'")
                            .bind(&slug)
                            .execute(&mut *tx)
                            .await
                            .map_err(be)?;
                        sqlx::query("UPDATE campaigns SET anonymised_at = $1 WHERE slug = $2")
                            .bind(micros($crate::vigil_store::now()))
                            .bind(&slug)
                            .execute(&mut *tx)
                            .await
                            .map_err(be)?;
                        audit(
                            &mut *tx,
                            &slug,
                            "vigil",
                            "anonymise",
                            &format!("{n} signatures, {} messages", confirmations.len() + digests.len()),
                        )
                        .await?;
                        tx.commit().await.map_err(be)?;
                        let mut mail = confirmations;
                        mail.extend(digests);
                        out.push(Anonymised { campaign: slug, signatures: n, mail });
                    }
                    Ok(out)
                }
                async fn signatures_by_day(&self, slug: &str) -> Result<Vec<(time::Date, u64)>> {
                    let rows = of_campaign(
                        self,
                        "SELECT confirmed_at / 86400000000 AS day, COUNT(*) AS n FROM signatures \
                         WHERE campaign = $1 AND confirmed_at IS NOT NULL AND invalidated_by IS NULL GROUP BY day ORDER BY day",
                        slug,
                    )
                    .await?;
                    rows.iter()
                        .map(|r| {
                            let day: i64 = r.try_get("day").map_err(be)?;
                            let n: i64 = r.try_get("n").map_err(be)?;
                            Ok((from_micros(day * 86_400_000_000).date(), n as u64))
                        })
                        .collect()
                }

                async fn signatures_by_organisation(&self, slug: &str) -> Result<std::collections::BTreeMap<String, u64>> {
                    let read = || async {
                        sqlx::query(
                            "SELECT org_key, shard, sealed, n FROM campaign_org_counts WHERE campaign = $1 ORDER BY org_key, shard",
                        )
                        .bind(slug)
                        .fetch_all(&self.$reader)
                        .await
                        .map_err(be)
                    };
                    let mut rows = read().await?;
                    let counted = |rows: &[<$db as sqlx::Database>::Row]| {
                        rows.iter().any(|r| r.try_get::<String, _>("org_key").is_ok_and(|k| k == "*"))
                    };
                    if !counted(&rows) {
                        self.count_organisations(slug).await?;
                        rows = read().await?;
                    }
                    // A row per organisation and shard: summed, its name opened once.
                    let mut sums: std::collections::BTreeMap<String, (Option<Vec<u8>>, i64)> = std::collections::BTreeMap::new();
                    for r in &rows {
                        let k: String = r.try_get("org_key").map_err(be)?;
                        if k == "*" {
                            continue;
                        }
                        let sealed: Option<Vec<u8>> = r.try_get("sealed").map_err(be)?;
                        let n: i64 = r.try_get("n").map_err(be)?;
                        let entry = sums.entry(k).or_insert((None, 0));
                        entry.1 += n;
                        if entry.0.is_none() {
                            entry.0 = sealed;
                        }
                    }
                    let mut out = std::collections::BTreeMap::new();
                    for (k, (sealed, n)) in sums {
                        let (Some(sealed), true) = (sealed, n > 0) else { continue };
                        let name = seal::open_bytes(&self.key, &org_aad(slug, &k), &sealed)?;
                        let name = String::from_utf8(name).map_err(be)?;
                        *out.entry(name).or_default() += n as u64;
                    }
                    Ok(out)
                }

                async fn add_response(&self, slug: &str, response: &Response, author: &str) -> Result<Response> {
                    self.campaign(slug).await?;
                    let data = serde_json::json!({
                        "target": response.target,
                        "text": response.text,
                        "date": response.date,
                        "link": response.link,
                    });
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    let (id, at) = add_outcome(&mut tx, slug, "response", None, &data, author)
                        .await?
                        .ok_or_else(|| StoreError::Backend("the response was not written".into()))?;
                    audit(&mut *tx, slug, author, "response", &data.to_string()).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(Response { id, at: from_micros(at), author: author.to_owned(), ..response.clone() })
                }

                async fn responses(&self, slug: &str) -> Result<Vec<Response>> {
                    outcomes(self, slug, "response").await?.iter().map(row_response).collect()
                }

                async fn set_result(&self, slug: &str, result: &str, note: &str, author: &str) -> Result<ResultEntry> {
                    self.campaign(slug).await?;
                    let data = serde_json::json!({ "result": result, "note": note });
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    let (_, at) = add_outcome(&mut tx, slug, "result", None, &data, author)
                        .await?
                        .ok_or_else(|| StoreError::Backend("the result was not written".into()))?;
                    audit(&mut *tx, slug, author, "result", &data.to_string()).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(ResultEntry { result: result.to_owned(), note: note.to_owned(), at: from_micros(at), author: author.to_owned() })
                }

                async fn result(&self, slug: &str) -> Result<Option<ResultEntry>> {
                    let rows = outcomes(self, slug, "result").await?;
                    let Some(r) = rows.last() else { return Ok(None) };
                    let d = outcome_data(r)?;
                    Ok(Some(ResultEntry {
                        result: text_of(&d, "result"),
                        note: text_of(&d, "note"),
                        at: from_micros(r.try_get("at").map_err(be)?),
                        author: r.try_get("author").map_err(be)?,
                    }))
                }

                async fn record_milestone(&self, slug: &str, milestone: &str, mails: &[Mail]) -> Result<Option<Milestone>> {
                    self.campaign(slug).await?;
                    let ids: Vec<String> = mails.iter().map(|_| time_ordered_hex()).collect();
                    let key = format!("{slug}:{milestone}");
                    let data = serde_json::json!({ "mail": ids });
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    let Some((_, at)) = add_outcome(&mut tx, slug, "milestone", Some(&key), &data, "vigil").await? else {
                        return Ok(None);
                    };
                    for (id, mail) in ids.iter().zip(mails) {
                        queue_mail(&mut *tx, &self.key, id, mail, at).await?;
                    }
                    audit(&mut *tx, slug, "vigil", "milestone", &format!("{milestone}: {} updates queued", ids.len())).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(Some(Milestone { milestone: milestone.to_owned(), at: from_micros(at), messages: ids.len() as u64, pending: false }))
                }

                async fn fill_milestone(&self, slug: &str, milestone: &str, mails: &[Mail]) -> Result<Option<Milestone>> {
                    let ids: Vec<String> = mails.iter().map(|_| time_ordered_hex()).collect();
                    let key = format!("{slug}:{milestone}");
                    let data = serde_json::json!({ "mail": ids }).to_string();
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    // Claimed by the write itself: of two fillers, one changes the row.
                    let at: Option<i64> = sqlx::query_scalar(
                        "UPDATE campaign_outcomes SET data = $1 WHERE campaign = $2 AND kind = 'milestone' AND unique_key = $3 \
                         AND data = $4 RETURNING at",
                    )
                    .bind(&data)
                    .bind(slug)
                    .bind(&key)
                    .bind(PENDING)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(be)?;
                    let Some(at) = at else { return Ok(None) };
                    let now = micros($crate::vigil_store::now());
                    for (id, mail) in ids.iter().zip(mails) {
                        queue_mail(&mut *tx, &self.key, id, mail, now).await?;
                    }
                    audit(&mut *tx, slug, "vigil", "milestone", &format!("{milestone}: {} updates queued", ids.len())).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(Some(Milestone { milestone: milestone.to_owned(), at: from_micros(at), messages: ids.len() as u64, pending: false }))
                }

                async fn recipients(&self, slug: &str) -> Result<Vec<Recipient>> {
                    let rows = of_campaign(
                        self,
                        "SELECT id, personal, language FROM signatures WHERE campaign = $1 AND confirmed_at IS NOT NULL \
                         AND invalidated_by IS NULL AND opt_in_at IS NOT NULL AND personal IS NOT NULL ORDER BY created_at, id",
                        slug,
                    )
                    .await?;
                    rows.iter()
                        .map(|r| {
                            let p = personal(&self.key, r)?;
                            Ok(Recipient {
                                id: r.try_get("id").map_err(be)?,
                                name: p.name,
                                email: p.email,
                                language: r.try_get("language").map_err(be)?,
                            })
                        })
                        .collect()
                }

                async fn withdraw_opt_in(&self, slug: &str, id: &str) -> Result<()> {
                    sqlx::query("UPDATE signatures SET opt_in_at = NULL, opt_in_wording = NULL WHERE campaign = $1 AND id = $2")
                        .bind(slug)
                        .bind(id)
                        .execute(&self.writer)
                        .await
                        .map_err(be)?;
                    Ok(())
                }

                async fn milestones(&self, slug: &str) -> Result<Vec<Milestone>> {
                    outcomes(self, slug, "milestone").await?.iter().map(row_milestone).collect()
                }

                async fn create_partner_link(&self, slug: &str, partner: &str, token_hash: &[u8; 32], author: &str) -> Result<PartnerLink> {
                    self.campaign(slug).await?;
                    let data = serde_json::json!({ "partner": partner });
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    let (id, at) = add_outcome(&mut tx, slug, "partner", Some(&hex(token_hash)), &data, author)
                        .await?
                        .ok_or_else(|| StoreError::Backend("the partner link was not written".into()))?;
                    audit(&mut *tx, slug, author, "partner link", &format!("#{id} for {partner}")).await?;
                    tx.commit().await.map_err(be)?;
                    Ok(PartnerLink { id, partner: partner.to_owned(), created_at: from_micros(at), author: author.to_owned(), revoked_at: None })
                }

                async fn partner_links(&self, slug: &str) -> Result<Vec<PartnerLink>> {
                    outcomes(self, slug, "partner").await?.iter().map(row_partner).collect()
                }

                async fn revoke_partner_link(&self, slug: &str, id: i64, author: &str) -> Result<PartnerLink> {
                    let mut tx = self.writer.begin().await.map_err(be)?;
                    sqlx::query(
                        "UPDATE campaign_outcomes SET revoked_at = COALESCE(revoked_at, $1), revoked_by = COALESCE(revoked_by, $2) \
                         WHERE id = $3 AND campaign = $4 AND kind = 'partner'",
                    )
                    .bind(micros($crate::vigil_store::now()))
                    .bind(author)
                    .bind(id)
                    .bind(slug)
                    .execute(&mut *tx)
                    .await
                    .map_err(be)?;
                    let row = sqlx::query("SELECT * FROM campaign_outcomes WHERE id = $1 AND campaign = $2 AND kind = 'partner'")
                        .bind(id)
                        .bind(slug)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(be)?
                        .ok_or_else(|| StoreError::NotFound { kind: "partner link", id: id.to_string() })?;
                    audit(&mut *tx, slug, author, "revoke partner link", &format!("#{id}")).await?;
                    let link = row_partner(&row)?;
                    tx.commit().await.map_err(be)?;
                    Ok(link)
                }

                async fn partner_campaign(&self, token_hash: &[u8; 32]) -> Result<Option<String>> {
                    sqlx::query_scalar(
                        "SELECT campaign FROM campaign_outcomes WHERE kind = 'partner' AND unique_key = $1 AND revoked_at IS NULL",
                    )
                    .bind(hex(token_hash))
                    .fetch_optional(&self.$reader)
                    .await
                    .map_err(be)
                }
            }
        }
    };
}
