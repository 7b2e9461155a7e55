//! `vigil reindex`: rebuilds the search index in the data folder from the
//! store's change log, with a progress bar. A running server holds the
//! index: stop it first (the command says so).

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use vigil_search::{Opened, SearchIndex};

use crate::data::{open_store, DataArgs};
use crate::say::{path as p, t, tw, Arg};

#[derive(clap::Args)]
pub struct ReindexArgs {
    #[command(flatten)]
    data: DataArgs,
}

pub async fn run(args: ReindexArgs) -> anyhow::Result<()> {
    let store = open_store(&args.data).await?;
    let dir = args.data.data.join("search");
    let (index, opened) = SearchIndex::open_in_dir(&dir)
        .with_context(|| tw("cli-cannot-open-index", &[("path", Arg::Text(&p(&dir)))]))?;
    if let Opened::Rebuilt { reason } = &opened {
        eprintln!("{}", tw("cli-index-unusable", &[("message", Arg::Text(reason))]));
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} [{{elapsed_precise}}] {{wide_bar}} {{pos}}/{{len}} {} ({{per_sec}}, {{eta}})",
            t("cli-reindex-revisions")
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let done = index
        .rebuild(&store, &mut |p| {
            bar.set_length(p.head.max(p.seq) as u64);
            bar.set_position(p.seq as u64);
        })
        .await
        .with_context(|| t("cli-cannot-rebuild-index"))?;
    bar.finish_and_clear();
    eprintln!(
        "{}",
        tw(
            "cli-indexed",
            &[
                ("count", Arg::Number(index.num_docs())),
                ("total", Arg::Number(done.applied as u64)),
                ("number", Arg::Text(&format!("{:.1}", started.elapsed().as_secs_f64()))),
                ("path", Arg::Text(&p(&dir))),
            ]
        )
    );
    drop(index);
    store.close().await;
    Ok(())
}
