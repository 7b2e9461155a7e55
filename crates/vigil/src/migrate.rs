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

#[derive(clap::Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    data: DataArgs,
}

/// How many revisions are compared at a time.
const BATCH: u32 = 1_000;

pub async fn run(args: MigrateArgs) -> anyhow::Result<()> {
    let Location::Postgres(url) = args.data.location()? else {
        bail!("give the target with --database-url postgres://… (or VIGIL_DATABASE_URL)");
    };
    let source_path = args.data.database();
    if !source_path.exists() {
        bail!("there is no SQLite case file in {}", args.data.data.display());
    }
    let key = key(&args.data)?;
    let source = vigil_store_sqlite::SqliteStore::open(&source_path, key.clone())
        .await
        .with_context(|| format!("cannot open the case file {}", source_path.display()))?;
    let target = PostgresStore::connect(&url, key)
        .await
        .context("cannot open the PostgreSQL database")?;
    let snapshot = source.snapshot().await.context("cannot read the SQLite case file")?;
    let copied = target
        .copy_from(snapshot)
        .await
        .context("the copy failed; the PostgreSQL database was left as it was")?;
    // The state kept from the records is the target's own to compute.
    let persons = target
        .rebuild_derived()
        .await
        .context("cannot compute the status state in PostgreSQL")?;
    tracing::info!(persons, "computed the status state in PostgreSQL");
    println!(
        "copied {} records, {} revisions, {} accounts, {} tokens, {} sessions, {} account audit entries, {} proposals, {} fingerprints, \
         {} source links, {} campaigns, {} signatures, {} invalidations, {} audit entries, {} messages, {} deliveries, {} campaign outcomes, \
         {} attachments",
        copied.records,
        copied.revisions,
        copied.accounts,
        copied.tokens,
        copied.sessions,
        copied.account_audit,
        copied.proposals,
        copied.fingerprints,
        copied.source_links,
        copied.campaigns,
        copied.signatures,
        copied.invalidations,
        copied.campaign_audit,
        copied.mail,
        copied.deliveries,
        copied.campaign_outcomes,
        copied.attachments
    );
    let (revisions, records) = compare(&source, &target).await?;
    println!("compared: {revisions} revisions and {records} live records read back identical from PostgreSQL");
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
            bail!("after revision {seq} the copy holds another number of revisions");
        }
        let Some(last) = theirs.last() else { break };
        seq = last.seq;
        for (mut a, b) in theirs.into_iter().zip(ours) {
            a.at = micros(a.at);
            if a != b {
                bail!("revision {} of '{}' differs in the copy", a.seq, a.record_id);
            }
            revisions += 1;
        }
    }
    let (a, b) = (
        source.case_file(Visibility::Confidential).await?,
        target.case_file(Visibility::Confidential).await?,
    );
    if a != b {
        bail!("the live records differ in the copy");
    }
    if source.counts(Visibility::Public).await? != target.counts(Visibility::Public).await? {
        bail!("the public counts differ in the copy");
    }
    if source.accounts().await? != target.accounts().await? {
        bail!("the accounts differ in the copy");
    }
    if source.account_audit(u32::MAX).await? != target.account_audit(u32::MAX).await? {
        bail!("the account audit log differs in the copy");
    }
    let all = ProposalFilter::default();
    if source.proposals(&all).await? != target.proposals(&all).await? {
        bail!("the proposals differ in the copy");
    }
    if source.fingerprints().await? != target.fingerprints().await? {
        bail!("the fingerprints differ in the copy");
    }
    let campaigns = source.campaigns().await?;
    if campaigns != target.campaigns().await? {
        bail!("the campaigns differ in the copy");
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
            bail!("the campaign '{slug}' differs in the copy");
        }
    }
    if source.mail_pending().await? != target.mail_pending().await? {
        bail!("the mail queue differs in the copy");
    }
    Ok((revisions, a.len()))
}
