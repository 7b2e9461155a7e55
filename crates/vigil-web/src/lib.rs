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

use vigil_store::Store;

pub use router::router;
pub use viewer::Viewer;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState<S> {
    pub store: S,
}

/// Serves `store` on `listener` until `shutdown` resolves.
pub async fn serve<S: Store>(
    listener: tokio::net::TcpListener,
    store: S,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(AppState { store });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
