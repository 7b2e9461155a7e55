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

pub(crate) use crate::reads::{path_id, visible};

use serde::Serialize;
use vigil_core::RecordId;
use vigil_store::{Listing, Page};

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
