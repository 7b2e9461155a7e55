//! The JSON API under `/api/v1/`. Lists answer `{"items": [...], "total": N}`
//! and page with `?limit=&offset=`; errors answer
//! `{"error": {"code", "message", "field"?}}`.

pub mod assessments;
pub mod campaigns;
pub mod cases;
pub mod countries;
pub mod events;
pub mod mechanisms;
pub mod openapi;
pub mod organisations;
pub mod persons;
pub mod pledges;
pub mod proposals;
pub mod rating_rules;
pub mod recommendations;
pub mod records;
pub mod reviews;
pub mod revisions;
pub mod search;
pub mod sources;
pub mod status;
pub mod write;

use serde::Serialize;
use vigil_core::{Record, RecordId, RecordKind};
use vigil_store::{Listing, Page, Store};

use crate::error::ApiError;
use crate::Viewer;

/// A page of a list and the size of the whole list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListBody<T> {
    pub items: Vec<T>,
    pub total: u64,
}

impl<T> From<Listing<T>> for ListBody<T> {
    fn from(l: Listing<T>) -> Self {
        Self {
            items: l.items,
            total: l.total,
        }
    }
}

/// One page of records ordered by id, from all of them: for the kinds
/// read whole from the case file (few beside events and sources).
pub(crate) fn page_by_id<T>(mut all: Vec<T>, id: impl Fn(&T) -> &RecordId, page: Page) -> ListBody<T> {
    all.sort_by(|a, b| id(a).cmp(id(b)));
    let total = all.len() as u64;
    let items = all
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.limit() as usize)
        .collect();
    ListBody { items, total }
}

/// Reads a path id; a malformed id is simply one that names nothing.
pub(crate) fn path_id(kind: RecordKind, raw: &str) -> Result<RecordId, ApiError> {
    RecordId::parse(raw).map_err(|_| ApiError::not_found(kind.as_str(), &raw.chars().take(80).collect::<String>()))
}

/// A record of the given kind as this viewer may see it, or 404: a
/// confidential record is "not found" to those without the right, so its
/// existence is not revealed either.
pub(crate) async fn visible<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    raw_id: &str,
) -> Result<Record, ApiError> {
    let id = path_id(kind, raw_id)?;
    match store.record(&id, viewer.visibility).await {
        Ok(r) if r.kind() == kind => Ok(r),
        Ok(_) | Err(vigil_store::StoreError::NotFound { .. }) => Err(ApiError::not_found(kind.as_str(), id.as_str())),
        Err(e) => Err(e.into()),
    }
}
