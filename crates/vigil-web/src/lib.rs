//! Vigil over HTTP: server-rendered pages for people and a JSON API under
//! `/api/v1/`, generic over the [`Store`] so every backend serves the same.
//!
//! Layout follows the URL: `api/<resource>.rs` holds the JSON handlers of
//! `/api/v1/<resource>`, `pages/<resource>.rs` the pages of `/<resource>`,
//! and [`router`] lists every route in one place.

pub mod api;
pub mod error;
pub mod pages;
mod params;
mod router;
mod viewer;

use std::net::SocketAddr;

use vigil_search::SearchIndex;
use vigil_store::Store;

pub use router::router;
pub use viewer::Viewer;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState<S> {
    pub store: S,
    /// The full-text index; it follows `store`'s change log.
    pub search: SearchIndex,
}

/// Serves `store` on `listener` until `shutdown` resolves, with a search
/// index in memory (built from the store's change log at start). The
/// binary uses [`serve_app`] with the index in the data folder.
pub async fn serve<S: Store>(
    listener: tokio::net::TcpListener,
    store: S,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let search = SearchIndex::in_memory().map_err(std::io::Error::other)?;
    serve_app(listener, AppState { store, search }, shutdown).await
}

/// Serves `state` on `listener` until `shutdown` resolves. Meanwhile a
/// background task keeps the search index following the store: at once
/// when [`SearchIndex::notify_written`] is called, and every half second
/// otherwise (so writes by another server on the same database are
/// followed too).
pub async fn serve_app<S: Store>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let follower = tokio::spawn(state.search.clone().follow(state.store.clone()));
    let app = router(state);
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    follower.abort();
    served
}
