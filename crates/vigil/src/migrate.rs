//! `vigil migrate-to-postgres`: the SQLite case file of a data folder
//! copied whole into an empty PostgreSQL database, then compared.
//!
//! Every revision keeps its number, author, time and reason; every record
//! (also deleted ones) its state; accounts, tokens and live sessions,
//! proposals, fingerprints and source links, campaigns with their
//! signatures, audit, invalidations, mail queue and deliveries come along
//! (every table: `vigil_store::transfer::TABLES`). The copy is the
//! full-scope export and import without the file between them: the same
//! reader (`vigil_store::transfer::Reader`) hands the same rows to the
//! same load (`vigil_store::transfer::Load`), so a table carried by one is
//! carried by the other. Confidential content
//! and signers' personal data is copied sealed and stays sealed under the
//! same key, which stays in the data folder (or `VIGIL_KEY`). The copy is
//! one transaction: a failure leaves the target as empty as it was.
//!
//! Stop the servers on the data folder first: the copy reads one snapshot,
//! and writes made after it are not in the copy.

use anyhow::{bail, Context};
use vigil_store::{Accounts, Campaigns, ProposalFilter, Proposals, Store, Visibility};
use vigil_store_any::{Location, PostgresStore};

use crate::data::{key, DataArgs};
use crate::say::{self, path as p, t, tw, Arg};

#[derive(clap::Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    data: DataArgs,
}

/// How many revisions are compared at a time.
const BATCH: u32 = 1_000;

pub async fn run(args: MigrateArgs) -> anyhow::Result<()> {
    let Location::Postgres(url) = args.data.location()? else {
        bail!("{}", t("cli-migrate-no-target"));
    };
    let source_path = args.data.database();
    if !source_path.exists() {
        bail!(
            "{}",
            tw("cli-no-case-file-in", &[("path", Arg::Text(&p(&args.data.data)))])
        );
    }
    let key = key(&args.data)?;
    let source = vigil_store_sqlite::SqliteStore::open(&source_path, key.clone())
        .await
        .with_context(|| tw("cli-cannot-open-case-file", &[("path", Arg::Text(&p(&source_path)))]))?;
    let target = PostgresStore::connect(&url, key)
        .await
        .with_context(|| t("cli-cannot-open-postgres"))?;
    let snapshot = source
        .snapshot()
        .await
        .with_context(|| t("cli-cannot-read-case-file"))?;
    let copied = target
        .copy_from(snapshot)
        .await
        .with_context(|| t("cli-migrate-failed"))?;
    // The state kept from the records is the target's own to compute.
    let persons = target
        .rebuild_derived()
        .await
        .with_context(|| t("cli-migrate-no-status"))?;
    tracing::info!(persons, "{}", t("cli-migrate-status-computed"));
    println!("{}: {}", t("cli-copied"), say::copied(&copied));
    let (revisions, records) = compare(&source, &target).await?;
    println!(
        "{}",
        tw(
            "cli-migrate-compared",
            &[
                ("count", Arg::Number(revisions as u64)),
                ("total", Arg::Number(records as u64))
            ]
        )
    );
    source.close().await;
    target.close().await;
    Ok(())
}

/// Reads both case files back through the store contract and fails on the
/// first difference. Times are compared to the microsecond, the precision
/// PostgreSQL keeps (case files written before Vigil kept that precision
/// in SQLite too hold nanoseconds).
async fn compare(
    source: &(impl Store + Accounts + Proposals + Campaigns),
    target: &(impl Store + Accounts + Proposals + Campaigns),
) -> anyhow::Result<(usize, usize)> {
    let micros = |t: time::OffsetDateTime| t.replace_nanosecond(t.nanosecond() / 1_000 * 1_000).unwrap_or(t);
    let mut seq = 0;
    let mut revisions = 0;
    loop {
        let theirs = source.changes_since(seq, BATCH).await?;
        let ours = target.changes_since(seq, BATCH).await?;
        if theirs.len() != ours.len() {
            bail!(
                "{}",
                tw(
                    "cli-migrate-revisions-differ",
                    &[("number", Arg::Text(&seq.to_string()))]
                )
            );
        }
        let Some(last) = theirs.last() else { break };
        seq = last.seq;
        for (mut a, b) in theirs.into_iter().zip(ours) {
            a.at = micros(a.at);
            if a != b {
                bail!(
                    "{}",
                    tw(
                        "cli-migrate-revision-differs",
                        &[
                            ("number", Arg::Text(&a.seq.to_string())),
                            ("name", Arg::Text(a.record_id.as_str()))
                        ]
                    )
                );
            }
            revisions += 1;
        }
    }
    let (a, b) = (
        source.case_file(Visibility::Confidential).await?,
        target.case_file(Visibility::Confidential).await?,
    );
    if a != b {
        bail!("{}: {}", t("cli-migrate-differs"), t("cli-table-records"));
    }
    if source.counts(Visibility::Public).await? != target.counts(Visibility::Public).await? {
        bail!("{}: {}", t("cli-migrate-differs"), t("cli-table-public-counts"));
    }
    if source.accounts().await? != target.accounts().await? {
        bail!("{}: {}", t("cli-migrate-differs"), t("cli-table-accounts"));
    }
    if source.account_audit(u32::MAX).await? != target.account_audit(u32::MAX).await? {
        bail!("{}: {}", t("cli-migrate-differs"), t("cli-table-account-audit"));
    }
    let all = ProposalFilter::default();
    if source.proposals(&all).await? != target.proposals(&all).await? {
        bail!("{}: {}", t("cli-migrate-differs"), t("cli-table-proposals"));
    }
    if source.fingerprints().await? != target.fingerprints().await? {
        bail!("{}: {}", t("cli-migrate-differs"), t("cli-table-fingerprints"));
    }
    let campaigns = source.campaigns().await?;
    if campaigns != target.campaigns().await? {
        bail!("{}: {}", t("cli-migrate-differs"), t("cli-table-campaigns"));
    }
    for c in &campaigns {
        let slug = c.campaign.slug.as_str();
        if source.tally(slug).await? != target.tally(slug).await?
            || source.export(slug).await? != target.export(slug).await?
            || source.invalidations(slug).await? != target.invalidations(slug).await?
            || source.deliveries(slug).await? != target.deliveries(slug).await?
            || source.campaign_audit(slug).await? != target.campaign_audit(slug).await?
            || source.responses(slug).await? != target.responses(slug).await?
            || source.result(slug).await? != target.result(slug).await?
            || source.milestones(slug).await? != target.milestones(slug).await?
            || source.partner_links(slug).await? != target.partner_links(slug).await?
        {
            bail!("{}: {slug}", t("cli-migrate-differs"));
        }
    }
    if source.mail_pending().await? != target.mail_pending().await? {
        bail!("{}: {}", t("cli-migrate-differs"), t("cli-table-queued-mail"));
    }
    Ok((revisions, a.len()))
}
