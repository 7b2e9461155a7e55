//! `vigil serve`

use std::net::SocketAddr;

use anyhow::Context;
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
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let local = listener.local_addr()?;
    tracing::info!(data = %args.data.data.display(), backend = store.backend(), "serving on http://{local}/");
    eprintln!("Vigil is serving on http://{local}/ (Ctrl-C to stop)");
    vigil_web::serve(listener, vigil_web::AppState::new(store.clone()), stop_signal())
        .await
        .context("the server stopped with an error")?;
    store.close().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM (a service manager stopping one of several servers):
/// the server stops taking connections and finishes the requests it has.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
