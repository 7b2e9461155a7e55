//! Writes through the JSON API: what `POST /api/v1/{kind}s`, `PUT` and
//! `DELETE` on `/api/v1/{kind}s/{id}` (handlers in `api/<resource>.rs`) and
//! `POST /api/v1/records/{id}/restore` (`api/records.rs`) share.
//!
//! The gate has already refused callers who may not write. The body is the
//! record's JSON (its `id` may be left out of a `POST`: one is made); the
//! reason for the change goes in `?reason=`. The write policy itself (ids,
//! reasons, the confidentiality guard) is the application's:
//! `vigil_app::records`.

use axum::body::Bytes;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use vigil_app::records;
use vigil_core::{RecordId, RecordKind};
use vigil_store::{Revision, Store};

use crate::error::ApiError;
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WriteBody {
    pub id: RecordId,
    pub kind: RecordKind,
    /// The sequence number of the revision this write made.
    pub revision: i64,
    /// `create`, `update`, `delete` or `restore`.
    pub operation: String,
}

/// The answer to a write: what it made, and where the record now is.
pub(crate) fn written(status: StatusCode, rev: &Revision) -> Response {
    let body = WriteBody {
        id: rev.record_id.clone(),
        kind: rev.kind,
        revision: rev.seq,
        operation: rev.operation.as_str().to_owned(),
    };
    let location = links::href(rev.kind, &rev.record_id);
    (status, [(header::LOCATION, format!("/api/v1{location}"))], Json(body)).into_response()
}

/// `POST` of a record of `kind`: the handlers in `api/<resource>.rs` call this.
pub(crate) async fn create_record<S: Store>(
    app: AppState<S>,
    viewer: Viewer,
    kind: RecordKind,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let reason = params.text("reason").map(str::to_owned);
    let rev = records::create(&app.store, &viewer, kind, &body, reason).await?;
    app.written();
    Ok(written(StatusCode::CREATED, &rev))
}

/// `PUT` of a record of `kind` at its id with its new state in `body`,
/// or `DELETE` of it (no body).
pub(crate) async fn change_record<S: Store>(
    app: AppState<S>,
    viewer: Viewer,
    kind: RecordKind,
    raw_id: String,
    params: Params,
    body: Option<Bytes>,
) -> Result<Response, ApiError> {
    let id = super::path_id(kind, &raw_id)?;
    let reason = params.text("reason").map(str::to_owned);
    let rev = match body {
        Some(body) => records::update(&app.store, &viewer, kind, &id, &body, reason).await?,
        None => records::delete(&app.store, &viewer, kind, &id, reason).await?,
    };
    app.written();
    Ok(written(StatusCode::OK, &rev))
}

/// The application's restore, and the search index told.
pub(crate) async fn restore_revision<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    id: &RecordId,
    seq: i64,
    reason: Option<String>,
) -> Result<Revision, ApiError> {
    let rev = records::restore(&app.store, viewer, id, seq, reason).await?;
    app.written();
    Ok(rev)
}
