//! Searching as a viewer: the index first catches up with the store (a
//! bounded wait, so a record just written is found), then the query runs
//! off the async threads. What a viewer may find is in the query itself
//! ([`SearchQuery::visibility`]): the index keeps each record's public and
//! confidential forms apart.

use vigil_search::{SearchIndex, SearchQuery, SearchResults, Suggestion};
use vigil_store::Store;

use crate::{log_failure, AppError, Result};

fn failed(e: &(dyn std::error::Error + 'static)) -> AppError {
    log_failure(e);
    AppError::Internal
}

/// Runs `query` against `index`, caught up with `store`.
pub async fn run<S: Store>(index: &SearchIndex, store: &S, query: SearchQuery) -> Result<SearchResults> {
    if let Err(e) = index.freshen(store).await {
        // A stale index still answers; the failure is logged.
        log_failure(&e);
    }
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| failed(&e))?
        .map_err(|e| failed(&e))
}

/// Names that begin like `typed`, for suggestions as one types, caught up
/// with `store` as [`run`] is.
pub async fn suggest<S: Store>(
    index: &SearchIndex,
    store: &S,
    typed: String,
    visibility: vigil_store::Visibility,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    if let Err(e) = index.freshen(store).await {
        log_failure(&e);
    }
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.suggest(&typed, visibility, limit))
        .await
        .map_err(|e| failed(&e))?
        .map_err(|e| failed(&e))
}
