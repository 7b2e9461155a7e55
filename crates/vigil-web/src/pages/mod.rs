//! Server-rendered pages. Every page works without JavaScript; maud
//! escapes every interpolated value.

pub mod accountability;
pub mod admin;
pub mod attachments;
pub mod campaigns;
pub mod cases;
pub mod countries;
pub mod edit;
pub mod events;
pub mod fmt;
pub mod history;
pub mod home;
pub mod layout;
pub mod login;
pub mod organisations;
pub mod persons;
pub mod proposals;
pub mod search;
pub mod sources;
pub mod status;
pub mod timeline;

use vigil_core::{Record, RecordId, RecordKind};
use vigil_store::Store;

use crate::error::PageError;
use crate::Viewer;

/// A record as this viewer may see it, by id, whatever its kind; `None`
/// when it is missing or hidden (a dangling name on a page, not an error).
pub(crate) async fn lookup<S: Store>(store: &S, viewer: &Viewer, id: &RecordId) -> Result<Option<Record>, PageError> {
    match store.record(id, viewer.visibility).await {
        Ok(r) => Ok(Some(r)),
        Err(vigil_store::StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// A record of `kind` for a page, or the 404 page.
pub(crate) async fn fetch<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    raw: &str,
) -> Result<Record, PageError> {
    Ok(crate::reads::visible(store, viewer, kind, raw).await?)
}
