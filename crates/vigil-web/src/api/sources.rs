//! `/api/v1/sources`

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use vigil_core::{Record, RecordKind, Source};
use vigil_extract::Format;
use vigil_store::{Proposals, Store};

use super::write::{self, WriteBody};
use super::{visible, ListBody};
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::uploads;
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
#[utoipa::path(get, path = "/api/v1/sources", tag = "sources", operation_id = "list_sources",
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
#[utoipa::path(get, path = "/api/v1/sources/{id}", tag = "sources", operation_id = "show_source",
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

/// Creates a source; the id may be left out.
///
/// A JSON body is a source record; a document (text/plain, text/html,
/// application/pdf) is ingested instead: stored as a source with its pending
/// proposals (`?title=&publisher=&published=&url=&reason=` override what the
/// document says). Answers 201 with the outcome, or 200 when the document is
/// an exact duplicate of a stored source.
#[utoipa::path(post, path = "/api/v1/sources", tag = "sources", operation_id = "create_source", security(("bearer" = [])),
    params(("reason" = Option<String>, Query, description = "Why")),
    request_body = Source,
    responses((status = 201, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    headers: HeaderMap,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_owned();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        return write::create_record(app, viewer, RecordKind::Source, params, body).await;
    }
    let Some(format) = Format::from_media_type(&content_type) else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send a source as JSON, or a document as text/plain, text/html or application/pdf",
        ));
    };
    let given = uploads::metadata_from(&params)?;
    let outcome = uploads::ingest_bytes(
        &app,
        &viewer,
        &body,
        Some(format),
        &given,
        "an upload through the API",
        params.text("reason"),
    )
    .await?;
    let status = if outcome.status == "new" {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let location = format!("/api/v1/sources/{}", outcome.source_id);
    Ok((status, [(header::LOCATION, location)], Json(outcome)).into_response())
}

/// Replaces a source's state.
#[utoipa::path(put, path = "/api/v1/sources/{id}", tag = "sources", operation_id = "update_source", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    request_body = Source,
    responses((status = 200, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::update_record(app, viewer, RecordKind::Source, id, params, body).await
}

/// Deletes a source (it stays restorable); refused while other records refer to it.
#[utoipa::path(delete, path = "/api/v1/sources/{id}", tag = "sources", operation_id = "delete_source", security(("bearer" = [])),
    params(("id" = String, Path, description = "The id"), ("reason" = Option<String>, Query, description = "Why")),
    responses((status = 200, body = WriteBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    write::delete_record(app, viewer, RecordKind::Source, id, params).await
}
