//! `/api/v1/sources`

use axum::extract::{Path, State};
use axum::Json;
use serde::Serialize;
use vigil_core::{Record, RecordKind, Source};
use vigil_store::Store;

use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// A source with the hash of its text.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SourceBody {
    #[serde(flatten)]
    pub source: Source,
    /// SHA-256 of the text, hex.
    pub content_hash: String,
}

impl From<Source> for SourceBody {
    fn from(source: Source) -> Self {
        let content_hash = source.content_hash();
        Self { source, content_hash }
    }
}

/// Sources: the documents excerpts quote, with their full text.
#[utoipa::path(get, path = "/api/v1/sources", tag = "sources",
    params(
        ("limit" = Option<u32>, Query, description = "1–500, default 50"),
        ("offset" = Option<u32>, Query, description = "default 0"),
    ),
    responses((status = 200, body = ListBody<SourceBody>), (status = 400, body = ErrorBody)))]
pub async fn list<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<SourceBody>>, ApiError> {
    let listing = app.store.sources(viewer.visibility, params.page()?).await?;
    Ok(Json(ListBody {
        items: listing.items.into_iter().map(SourceBody::from).collect(),
        total: listing.total,
    }))
}

/// One source.
#[utoipa::path(get, path = "/api/v1/sources/{id}", tag = "sources",
    params(("id" = String, Path, description = "The source's id")),
    responses((status = 200, body = SourceBody), (status = 404, body = ErrorBody)))]
pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<SourceBody>, ApiError> {
    match visible(&app.store, &viewer, RecordKind::Source, &id).await? {
        Record::Source(s) => Ok(Json(s.into())),
        _ => Err(ApiError::not_found("source", &id)),
    }
}
