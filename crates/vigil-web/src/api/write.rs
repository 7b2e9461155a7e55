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
use axum::extract::FromRequest;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use vigil_app::records;
use vigil_core::{RecordId, RecordKind};
use vigil_store::{Revision, Store};

use super::AskAt;
use crate::error::ApiError;
use crate::links;
use crate::media_type;
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
    let headers = [
        (header::LOCATION, format!("/api/v1{location}")),
        (header::ETAG, etag(rev.seq)),
    ];
    (status, headers, Json(body)).into_response()
}

/// A record's revision as an entity tag: `"N"`.
pub(crate) fn etag(seq: i64) -> String {
    format!("\"{seq}\"")
}

/// `If-Match`: the revision the writer last saw (`"N"`, as the `ETag` of a
/// read or a write gave it). None or `*`: written whatever the current
/// revision (scripts may write without it). Anything else is not a
/// revision: 400. A revision that is no longer the record's: 412, later.
pub(crate) fn expected_revision(headers: &HeaderMap) -> Result<Option<i64>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or_default().trim();
    if text == "*" {
        return Ok(None);
    }
    // Quoted as the ETag gives it; bare digits are taken too.
    let bare = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    Some(bare)
        .filter(|t| !t.is_empty() && t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| t.parse::<i64>().ok())
        .map(Some)
        .ok_or_else(|| {
            ApiError::bad_param(
                "If-Match",
                "If-Match is a revision as the ETag gives it, \"N\", or *: send the ETag of your last read",
            )
        })
}

/// A record's JSON is sent as `application/json` (or `…+json`): any other
/// type, or none, is 415, rather than read as JSON whatever it says it is.
pub(crate) fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let essence = media_type::essence(headers);
    if essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json")) {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "send the body as application/json",
    ))
}

/// A record's `id` in the API is left out or given: an empty one is refused
/// rather than taken as left out.
fn no_empty_id(body: &[u8]) -> Result<(), ApiError> {
    let empty = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("id").and_then(|id| id.as_str().map(|s| s.trim().is_empty())))
        .unwrap_or(false);
    if empty {
        return Err(ApiError::bad_param("id", "id is empty: give one, or leave it out"));
    }
    Ok(())
}

/// `POST` of a record of `kind`: the handlers in `api/<resource>.rs` call this.
pub(crate) async fn create_record<S: Store>(
    app: AppState<S>,
    viewer: Viewer,
    kind: RecordKind,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    no_empty_id(&body)?;
    let reason = params.text("reason").map(str::to_owned);
    let rev = records::create(&app.store, &viewer, kind, &body, reason).await?;
    app.written_revision(&rev).await;
    Ok(written(StatusCode::CREATED, &rev))
}

/// `PUT` of a record of `kind` at its id with its new state in `body`,
/// or `DELETE` of it (no body); with `If-Match`, only if the record is
/// still at that revision (else 412).
pub(crate) async fn change_record<S: Store>(
    AskAt(app, viewer, params, raw_id): AskAt<S>,
    kind: RecordKind,
    headers: &HeaderMap,
    body: Option<Bytes>,
) -> Result<Response, ApiError> {
    let id = super::path_id(kind, &raw_id)?;
    if let Some(body) = &body {
        require_json(headers)?;
        no_empty_id(body)?;
    }
    let expected = expected_revision(headers)?;
    let reason = params.text("reason").map(str::to_owned);
    let rev = match body {
        Some(body) => records::update(&app.store, &viewer, kind, &id, &body, reason, expected).await?,
        None => records::delete_expecting(&app.store, &viewer, kind, &id, reason, expected).await?,
    };
    app.written_revision(&rev).await;
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
    app.written_revision(&rev).await;
    Ok(rev)
}

/// A JSON body: sent as `application/json` (or `…+json`), else 415, rather
/// than read as JSON whatever its type says. An empty body needs no type
/// (where a body is optional; where it is not, reading it says so).
pub struct JsonBytes(pub Bytes);

impl<St: Send + Sync> FromRequest<St> for JsonBytes {
    type Rejection = Response;

    async fn from_request(request: axum::extract::Request, state: &St) -> Result<Self, Response> {
        let headers = request.headers().clone();
        let body = <Bytes as FromRequest<St>>::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if !body.iter().all(u8::is_ascii_whitespace) {
            require_json(&headers).map_err(IntoResponse::into_response)?;
        }
        Ok(JsonBytes(body))
    }
}
