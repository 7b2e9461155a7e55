//! The JSON API under `/api/v1/`. Lists answer `{"items": [...], "total": N}`
//! and page with `?limit=&offset=`; errors answer
//! `{"error": {"code", "message", "field"?}}`.

pub mod assessments;
pub mod campaigns;
pub mod cases;
pub mod countries;
pub mod events;
pub mod export;
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

pub(crate) use crate::reads::{path_id, visible};

use serde::Serialize;
use vigil_core::{Record, RecordKind};
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

/// One page of the accountability records of `kind`, as the application
/// lists them, narrowed to their type by `pick`.
pub(crate) async fn accountability_page<S: Store, T>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    page: Page,
    pick: impl Fn(Record) -> Option<T>,
) -> Result<ListBody<T>, ApiError> {
    let listing = vigil_app::accountability::list(store, viewer.visibility, kind, page).await?;
    Ok(ListBody {
        items: listing.items.into_iter().filter_map(pick).collect(),
        total: listing.total,
    })
}
