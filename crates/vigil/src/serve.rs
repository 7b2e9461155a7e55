//! `vigil serve`

use std::net::SocketAddr;

use anyhow::Context;
use vigil_search::{Opened, SearchError, SearchIndex};
use vigil_store::{Change, Store, StoreError, Visibility};
use vigil_store_any::AnyStore;

use crate::data::{open_store, DataArgs};

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Address to listen on.
    #[arg(long, env = "VIGIL_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Start with an empty case file instead of loading the demo into an
    /// empty data folder.
    #[arg(long)]
    empty: bool,
}

/// Opens the search index in `<data>/search`; a missing, corrupt or
/// outdated one is started afresh and follows the store from its first
/// revision (in the background: the server answers meanwhile). If another
/// server holds it, this one keeps its own index in memory.
pub fn open_search(data: &DataArgs) -> anyhow::Result<SearchIndex> {
    let dir = data.data.join("search");
    let (index, opened) = match SearchIndex::open_in_dir(&dir) {
        Err(SearchError::Locked(_)) => {
            // Another server on the same folder: serve with an index of our
            // own in memory, which follows the same case file.
            tracing::warn!(dir = %dir.display(), "the search index is in use by another Vigil process; keeping one in memory");
            return Ok(SearchIndex::in_memory()?);
        }
        other => other.with_context(|| format!("cannot open the search index in {}", dir.display()))?,
    };
    match opened {
        Opened::Created => tracing::info!("created the search index"),
        Opened::Existing { seq } => tracing::info!(seq, "opened the search index"),
        Opened::Rebuilt { reason } => {
            tracing::warn!(%reason, "the search index could not be used; rebuilding it")
        }
    }
    Ok(index)
}

/// Loads the demo case file into a store that holds nothing yet.
///
/// Several servers starting at once on an empty PostgreSQL database all
/// find it empty; their imports are serialised, the first loads the demo
/// and the others find its ids taken, which is no error.
pub async fn load_demo_if_empty(store: &AnyStore) -> anyhow::Result<()> {
    let counts = store.counts(Visibility::Confidential).await?;
    if counts != vigil_store::Counts::default() {
        return Ok(());
    }
    let demo = vigil_demo::case_file().context("the embedded demo case file is invalid")?;
    match store
        .import(
            &demo,
            &Change::new("vigil", Some("demo case file loaded into an empty data folder")),
        )
        .await
    {
        Ok(n) => tracing::info!(records = n, "loaded the demo case file"),
        Err(StoreError::Conflict(_)) => tracing::info!("another server loaded the demo case file"),
        Err(e) => return Err(anyhow::Error::new(e).context("cannot load the demo case file")),
    }
    Ok(())
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let store = open_store(&args.data).await?;
    if !args.empty {
        load_demo_if_empty(&store).await?;
    }
    let search = open_search(&args.data)?;
    // The demo (or anything written while no server ran) is picked up by
    // the follower at once.
    search.notify_written();
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let local = listener.local_addr()?;
    tracing::info!(data = %args.data.data.display(), backend = store.backend(), "serving on http://{local}/");
    // The signal handlers are in place before anyone is told the server
    // is up: a SIGTERM right after the announcement stops it cleanly.
    let stop = stop_signal();
    eprintln!("Vigil is serving on http://{local}/ (Ctrl-C to stop)");
    let state = vigil_web::AppState::new(store.clone(), search);
    vigil_web::serve(listener, state, stop)
        .await
        .context("the server stopped with an error")?;
    store.close().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM (a service manager stopping one of several servers):
/// the server stops taking connections and finishes the requests it has.
/// Resolves on Ctrl-C or SIGTERM. The handlers are installed when this is
/// called, not when the future is first polled.
fn stop_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let interrupt = tokio::spawn(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    async move {
        #[cfg(unix)]
        if let Some(mut term) = term {
            tokio::select! {
                _ = interrupt => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = interrupt.await;
    }
}
