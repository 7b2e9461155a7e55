//! The accountability records (mechanisms, reviews, recommendations,
//! pledges, assessments, rating rules) as a viewer may see them: lists of
//! one kind, and what a record's page shows around it.
//!
//! These read the case file whole (as the country views do,
//! [`crate::country::load`]): the accountability records are few beside
//! persons and events. Serving them from indexed queries is the work of
//! making every page independent of the case file's size.

use vigil_core::{CaseFile, Record, RecordKind};
use vigil_store::{Listing, Page, Store, Visibility};

use crate::Result;

/// The records of `kind` the viewer may see, by id, one page of them.
pub async fn list<S: Store>(
    store: &S,
    visibility: Visibility,
    kind: RecordKind,
    page: Page,
) -> Result<Listing<Record>> {
    let mut all: Vec<Record> = store
        .case_file(visibility)
        .await?
        .records()
        .into_iter()
        .filter(|r| r.kind() == kind)
        .collect();
    all.sort_by(|a, b| a.id().cmp(b.id()));
    Ok(Listing::paged(all, page))
}

/// What an accountability record's page draws on: the records it names
/// and that name it (reviews of a mechanism, assessments of a pledge,
/// events since a pledge), as the viewer may see them.
pub async fn around<S: Store>(store: &S, visibility: Visibility) -> Result<CaseFile> {
    Ok(store.case_file(visibility).await?)
}
