//! `vigil reindex`: rebuilds the search index in the data folder from the
//! store's change log, with a progress bar. A running server holds the
//! index: stop it first (the command says so).

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use vigil_search::{Opened, SearchIndex};

use crate::data::{open_store, DataArgs};

#[derive(clap::Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    data: DataArgs,
}

pub async fn run(args: ReindexArgs) -> anyhow::Result<()> {
    let store = open_store(&args.data).await?;
    let dir = args.data.data.join("search");
    let (index, opened) =
        SearchIndex::open_in_dir(&dir).with_context(|| format!("cannot open the search index in {}", dir.display()))?;
    if let Opened::Rebuilt { reason } = &opened {
        eprintln!("The old index could not be used ({reason}); building a new one.");
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} revisions ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let done = index
        .rebuild(&store, &mut |p| {
            bar.set_length(p.head.max(p.seq) as u64);
            bar.set_position(p.seq as u64);
        })
        .await
        .context("cannot rebuild the search index")?;
    bar.finish_and_clear();
    eprintln!(
        "Indexed {} documents from {} revisions in {:.1} s ({}).",
        index.num_docs(),
        done.applied,
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    drop(index);
    store.close().await;
    Ok(())
}
