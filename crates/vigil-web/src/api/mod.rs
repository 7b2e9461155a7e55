//! The JSON API under `/api/v1/`. Lists answer `{"items": [...], "total": N}`
//! and page with `?limit=&offset=`; errors answer
//! `{"error": {"code", "message", "field"?}}`.

pub mod campaigns;
pub mod cases;
pub mod claims;
pub mod countries;
pub mod events;
pub mod export;
pub mod forms;
pub mod openapi;
pub mod organisations;
pub mod persons;
pub mod proposals;
pub mod records;
pub mod resource;
pub mod revisions;
pub mod search;
pub mod sources;
pub mod spec;
pub mod status;
pub mod write;

pub(crate) use crate::reads::{path_id, visible};

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use serde::Serialize;
use vigil_core::{Record, RecordKind};
use vigil_store::{Listing, Page, Store};

use crate::error::ApiError;
use crate::params::Params;
use crate::{AppState, Viewer};

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

/// What the API's handlers take: the state, who asks and the query string
/// (a malformed query is a JSON 400).
pub struct Ask<S>(pub AppState<S>, pub Viewer, pub Params);

impl<S: Clone + Send + Sync + 'static> FromRequestParts<AppState<S>> for Ask<S> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState<S>) -> Result<Self, ApiError> {
        let viewer = match Viewer::from_request_parts(parts, state).await {
            Ok(viewer) => viewer,
            Err(never) => match never {},
        };
        let params = Params::from_request_parts(parts, state).await?;
        Ok(Ask(state.clone(), viewer, params))
    }
}

/// [`Ask`] at an address with one parameter in its path (`/{id}`,
/// `/{iso2}`), and its value (one that cannot be decoded is a JSON 400).
pub struct AskAt<S>(pub AppState<S>, pub Viewer, pub Params, pub String);

impl<S: Clone + Send + Sync + 'static> FromRequestParts<AppState<S>> for AskAt<S> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState<S>) -> Result<Self, ApiError> {
        let Path(at) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::bad_param("path", format!("unreadable path: {}", e.body_text())))?;
        let Ask(app, viewer, params) = Ask::from_request_parts(parts, state).await?;
        Ok(AskAt(app, viewer, params, at))
    }
}
