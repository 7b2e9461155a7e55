//! Vigil over HTTP: server-rendered pages for people and a JSON API under
//! `/api/v1/`, generic over the [`Store`] so every backend serves the same.
//!
//! Layout follows the URL: `api/<resource>.rs` holds the JSON handlers of
//! `/api/v1/<resource>`, `pages/<resource>.rs` the pages of `/<resource>`,
//! and [`router`] lists every route in one place. Every request passes the
//! authorisation gate ([`auth::gate`]) first.

pub mod api;
pub mod auth;
pub mod error;
pub mod pages;
mod params;
mod router;
pub mod status;
mod viewer;

use std::net::SocketAddr;
use std::sync::Arc;

use vigil_store::{Accounts, Store};

pub use auth::credentials;
pub use router::router;
pub use viewer::Viewer;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState<S> {
    pub store: S,
    pub throttle: Arc<auth::throttle::Throttle>,
    /// Signalled after every write, for derived state (the search index)
    /// to catch up at once rather than at its next poll.
    pub changes: Arc<tokio::sync::Notify>,
}

impl<S> AppState<S> {
    pub fn new(store: S) -> Self {
        Self {
            store,
            throttle: Arc::default(),
            changes: Arc::default(),
        }
    }

    pub(crate) fn written(&self) {
        self.changes.notify_waiters();
    }
}

/// Serves on `listener` until `shutdown` resolves.
pub async fn serve<S: Store + Accounts>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
