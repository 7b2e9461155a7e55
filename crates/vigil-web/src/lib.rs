//! Vigil over HTTP: server-rendered pages for people and a JSON API under
//! `/api/v1/`, over the application layer (`vigil_app`), generic over the
//! [`Store`] so every backend serves the same. Handlers read the request,
//! call `vigil_app` (or, for plain reads, the store with the viewer's
//! visibility), and write the answer; [`error`] maps the application's
//! refusals to statuses.
//!
//! Layout follows the URL: `api/<resource>.rs` holds the JSON handlers of
//! `/api/v1/<resource>`, `pages/<resource>.rs` the pages of `/<resource>`,
//! and `router.rs` lists every route in one place ([`service`] serves them). Every request passes the
//! authorisation gate ([`auth::gate`]) first.
//!
//! `api` and `pages` do not import each other: what both need lives beside
//! them (`links` for addresses, `words` for dates in words, `reads` for
//! records as a viewer sees them, `searching`, `uploads`, `origin`).

pub mod api;
pub mod auth;
mod client;
pub mod error;
mod language;
pub mod links;
mod media_type;
mod multipart;
pub mod openrosa;
mod origin;
pub mod pages;
mod params;
mod reads;
mod router;
mod searching;
mod spool;
mod uploads;
mod viewer;
pub mod words;

use std::net::SocketAddr;
use std::sync::Arc;

use vigil_search::SearchIndex;
use vigil_store::{Accounts, Attachments, Campaigns, Proposals, Store};

pub use client::Client;
pub use router::service;
pub use viewer::Viewer;
use vigil_app::campaigns;

/// The largest request body: a source's full text fits many times over;
/// anything larger is refused with 413 before it is read.
pub(crate) const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// What every handler can reach: one shared [`Shared`], so that handing
/// it to a request (axum clones the state for every one) costs one
/// reference count rather than one for each of its parts.
pub struct AppState<S>(Arc<Shared<S>>);

impl<S> Clone for AppState<S> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<S> std::ops::Deref for AppState<S> {
    type Target = Shared<S>;
    fn deref(&self) -> &Shared<S> {
        &self.0
    }
}

/// The parts of [`AppState`].
#[derive(Clone)]
pub struct Shared<S> {
    pub store: S,
    pub throttle: Arc<auth::throttle::Throttle>,
    /// The full-text index; it follows `store`'s change log.
    pub search: SearchIndex,
    /// Campaigns: group commit, counts in memory, anti-abuse, mail.
    pub campaigns: Arc<campaigns::Service>,
    /// What uploaded documents are matched against, read once and kept
    /// current, rather than read whole for every upload.
    pub ingest: vigil_app::ingest::SharedContext,
    /// Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto`
    /// are believed ([`client`]).
    pub trusted_proxies: Arc<Vec<std::net::IpAddr>>,
    /// How long the parts of an encrypted report still waiting for the
    /// rest are kept after its last part came
    /// ([`vigil_app::field::pending`]).
    pub parts_kept_for: time::Duration,
    /// The nonces of HTTP Digest this server issued to devices.
    pub digest_nonces: Arc<auth::digest::Nonces>,
}

impl<S: Clone> AppState<S> {
    pub fn new(store: S, search: SearchIndex) -> Self {
        Self(Arc::new(Shared {
            store,
            throttle: Arc::default(),
            search,
            campaigns: Arc::default(),
            ingest: Default::default(),
            trusted_proxies: Arc::default(),
            parts_kept_for: time::Duration::days(vigil_app::field::pending::KEPT_DAYS),
            digest_nonces: Arc::default(),
        }))
    }

    /// Changes a part while the state is being built (before it is shared).
    fn with(self, change: impl FnOnce(&mut Shared<S>)) -> Self {
        let mut shared = Arc::unwrap_or_clone(self.0);
        change(&mut shared);
        Self(Arc::new(shared))
    }

    /// The same state keeping the parts of unfinished encrypted reports
    /// `kept_for` after their last part.
    pub fn with_parts_kept_for(self, kept_for: time::Duration) -> Self {
        self.with(|s| s.parts_kept_for = kept_for)
    }

    /// The same state believing forwarding headers from `proxies` only.
    pub fn with_trusted_proxies(self, proxies: Vec<std::net::IpAddr>) -> Self {
        self.with(|s| s.trusted_proxies = Arc::new(proxies))
    }

    /// The same state with campaigns run by `config` (the default sends
    /// no mail and keeps rate limits and proof of work on).
    pub fn with_campaigns(self, config: campaigns::Config) -> Self {
        self.with(|s| s.campaigns = Arc::new(campaigns::Service::new(config)))
    }

    /// After every write: the search index catches up at once rather than
    /// at its next poll.
    pub(crate) fn written(&self) {
        self.search.notify_written();
    }
}

impl<S: Store> AppState<S> {
    /// After a write, `rev`: when its record holds confidential content (a
    /// record made confidential, a field withheld), the search index
    /// catches up before the writer is answered, so that once the write is
    /// acknowledged no search shows what the public may no longer read,
    /// rather than until the follower's next turn (a record given a new id
    /// goes from the index under its old one then too: the revision names
    /// it). Other writes only signal the follower.
    pub(crate) async fn written_revision(&self, rev: &vigil_store::Revision) {
        if !rev.record.has_confidential_content() {
            return self.written();
        }
        if let Err(e) = self.search.catch_up(&self.store).await {
            tracing::error!(error = %vigil_core::error_chain(&e), "the search index could not catch up after a confidential write; its follower retries");
            self.written();
        }
    }
}

/// Serves `state` on `listener` until `shutdown` resolves. Meanwhile a
/// background task keeps the search index following the store: at once
/// after a write here, and every half second otherwise (so writes by
/// another server on the same database are followed too). Another reads,
/// once, what uploaded documents are matched against. A third removes,
/// at start and every hour, the parts of encrypted reports that stopped
/// coming ([`vigil_app::field::pending::expire`]).
pub async fn serve<S: Store + Accounts + Proposals + Campaigns + Attachments + vigil_store::transfer::Transfer>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let follower = tokio::spawn(state.search.clone().follow(state.store.clone()));
    state.campaigns.start(&state.store);
    // Read once now, so no upload waits for (or repeats) the whole read.
    let (ingest, store) = (state.ingest.clone(), state.store.clone());
    let warming = tokio::spawn(async move {
        if let Err(e) = ingest.warm(&store).await {
            tracing::error!(error = %vigil_core::error_chain(&e), "cannot read what uploads are matched against; the first upload will try again");
        }
    });
    let (store, kept_for) = (state.store.clone(), state.parts_kept_for);
    let sweeping = tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            if let Err(e) = vigil_app::field::pending::expire(&store, kept_for, time::OffsetDateTime::now_utc()).await {
                tracing::error!(error = %vigil_core::error_chain(&e), "removing the expired parts of encrypted reports; tried again in an hour");
            }
        }
    });
    let app = axum::ServiceExt::<axum::extract::Request>::into_make_service_with_connect_info::<SocketAddr>(
        router::service(state),
    );
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
    follower.abort();
    warming.abort();
    sweeping.abort();
    served
}
