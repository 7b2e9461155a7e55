//! `/api/v1/records/{id}/restore`: any kind of record, by id.

use axum::http::StatusCode;
use axum::response::Response;
use vigil_core::RecordId;
use vigil_store::Store;

use super::write::{restore_revision, written, JsonBytes, WriteBody};
use super::AskAt;
use crate::error::{ApiError, ErrorBody};

/// Which revision to bring back.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RestoreBody {
    pub seq: i64,
}

/// Makes a past state of a record current again (also of a deleted one).
#[utoipa::path(post, path = "/api/v1/records/{id}/restore", tag = "revisions", operation_id = "restore_record", security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id"),
           ("reason" = Option<String>, Query, description = "Why")),
    request_body = RestoreBody,
    responses((status = 200, body = WriteBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn restore<S: Store>(
    AskAt(app, viewer, params, raw_id): AskAt<S>,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let id = RecordId::parse(&raw_id).map_err(|_| ApiError::not_found("record", &raw_id))?;
    let wanted: RestoreBody = vigil_app::read_json(&body)?;
    let rev = restore_revision(&app, &viewer, &id, wanted.seq, params.text("reason").map(str::to_owned)).await?;
    Ok(written(StatusCode::OK, &rev))
}
