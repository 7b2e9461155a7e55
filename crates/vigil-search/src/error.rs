use std::path::PathBuf;

use vigil_store::StoreError;

/// What can go wrong with the index. A corrupt or outdated index is not an
/// error: [`crate::SearchIndex::open_in_dir`] rebuilds it.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Another process (a running `vigil serve`) holds the index folder.
    #[error("the search index in {0} is in use by another Vigil process")]
    Locked(PathBuf),
    #[error("cannot use the search index folder {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("search index failure")]
    Index(#[from] tantivy::TantivyError),
    #[error("cannot read the case file's change log")]
    Store(#[from] StoreError),
    #[error("the search index's background work stopped")]
    Task(#[from] tokio::task::JoinError),
}
