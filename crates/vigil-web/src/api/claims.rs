//! `/api/v1/events/{id}/claims/…`: an editor's decision on one source's
//! account of an event (see `vigil_app::claims`).

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use vigil_core::RecordId;
use vigil_store::Store;

use super::write::{expected_revision, written, JsonBytes, WriteBody};
use super::AskAt;
use crate::error::{ApiError, ErrorBody};

/// Which account to reject, and why.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectClaim {
    /// The claim's key.
    #[schema(pattern = "^[a-z0-9-]{1,40}$")]
    pub key: String,
    /// Why it is rejected: kept in the claim and in the event's history.
    #[schema(
        min_length = 1,
        max_length = 500,
        pattern = "^[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*$"
    )]
    pub reason: String,
}

/// Which rejected account to take back.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReinstateClaim {
    /// The claim's key.
    #[schema(pattern = "^[a-z0-9-]{1,40}$")]
    pub key: String,
}

fn event_id(raw: &str) -> Result<RecordId, ApiError> {
    RecordId::parse(raw).map_err(|_| ApiError::not_found("event", raw))
}

/// Rejects one source's account of an event: it is kept and shown, but the
/// status engine no longer reads it.
#[utoipa::path(post, path = "/api/v1/events/{id}/claims/reject", tag = "events", operation_id = "reject_claim", security(("bearer" = [])),
    params(("id" = String, Path, description = "The event's id"),
           ("If-Match" = Option<String>, Header, description = "\"N\": only if the event is still at revision N (its ETag); else 412")),
    request_body = RejectClaim,
    responses((status = 200, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 412, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reject<S: Store>(
    AskAt(app, viewer, _params, raw_id): AskAt<S>,
    headers: HeaderMap,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let id = event_id(&raw_id)?;
    let wanted: RejectClaim = vigil_app::read_json(&body)?;
    let expected = expected_revision(&headers)?;
    let rev = vigil_app::claims::decide(&app.store, &viewer, &id, &wanted.key, Some(wanted.reason), expected).await?;
    app.written_revision(&rev).await;
    Ok(written(StatusCode::OK, &rev))
}

/// Takes back the rejection of an account: the engine reads it again.
#[utoipa::path(post, path = "/api/v1/events/{id}/claims/reinstate", tag = "events", operation_id = "reinstate_claim", security(("bearer" = [])),
    params(("id" = String, Path, description = "The event's id"),
           ("If-Match" = Option<String>, Header, description = "\"N\": only if the event is still at revision N (its ETag); else 412")),
    request_body = ReinstateClaim,
    responses((status = 200, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 412, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reinstate<S: Store>(
    AskAt(app, viewer, _params, raw_id): AskAt<S>,
    headers: HeaderMap,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let id = event_id(&raw_id)?;
    let wanted: ReinstateClaim = vigil_app::read_json(&body)?;
    let expected = expected_revision(&headers)?;
    let rev = vigil_app::claims::decide(&app.store, &viewer, &id, &wanted.key, None, expected).await?;
    app.written_revision(&rev).await;
    Ok(written(StatusCode::OK, &rev))
}
