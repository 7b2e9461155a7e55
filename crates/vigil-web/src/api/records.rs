//! `/api/v1/records/{id}/restore`: any kind of record, by id.

use axum::http::StatusCode;
use axum::response::Response;
use vigil_core::RecordId;
use vigil_store::Store;

use super::write::{restore_revision, written, JsonBytes, WriteBody};
use super::AskAt;
use crate::error::{ApiError, ErrorBody};
use crate::links;

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
    let id = links::record_id(&raw_id)?;
    let wanted: RestoreBody = vigil_app::read_json(&body)?;
    let rev = restore_revision(&app, &viewer, &id, wanted.seq, params.text("reason").map(str::to_owned)).await?;
    Ok(written(StatusCode::OK, &rev))
}

/// The record to merge into, or to take back out of.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The id of the record kept.
    pub into: RecordId,
}

/// What a merge or an unmerge wrote.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MergedBody {
    pub into: RecordId,
    pub from: RecordId,
    /// The other records whose references were rewritten (or put back).
    pub rewritten: Vec<RecordId>,
}

impl From<vigil_app::merge::Merged> for MergedBody {
    fn from(m: vigil_app::merge::Merged) -> Self {
        MergedBody {
            into: m.into,
            from: m.from,
            rewritten: m.rewritten,
        }
    }
}

/// Merges a person (or organisation) into another record of the same one:
/// every reference to it is rewritten to the one kept, its names become
/// aliases, and it is deleted. Each record changed keeps the merge in its
/// history; `unmerge` puts them back.
#[utoipa::path(post, path = "/api/v1/records/{id}/merge", tag = "revisions", operation_id = "merge_record", security(("bearer" = [])),
    params(("id" = String, Path, description = "The record merged away"),
           ("reason" = Option<String>, Query, description = "Why")),
    request_body = MergeBody,
    responses((status = 200, body = MergedBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn merge<S: Store>(ask: AskAt<S>, JsonBytes(body): JsonBytes) -> Result<axum::Json<MergedBody>, ApiError> {
    merging(ask, &body, Merge::Do).await
}

/// Undoes a merge: the record merged away comes back as it was, and each
/// record whose latest change is that merge goes back to its state before.
#[utoipa::path(post, path = "/api/v1/records/{id}/unmerge", tag = "revisions", operation_id = "unmerge_record", security(("bearer" = [])),
    params(("id" = String, Path, description = "The record that was merged away"),
           ("reason" = Option<String>, Query, description = "Why")),
    request_body = MergeBody,
    responses((status = 200, body = MergedBody), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn unmerge<S: Store>(ask: AskAt<S>, JsonBytes(body): JsonBytes) -> Result<axum::Json<MergedBody>, ApiError> {
    merging(ask, &body, Merge::Undo).await
}

enum Merge {
    Do,
    Undo,
}

async fn merging<S: Store>(
    AskAt(app, viewer, params, raw_id): AskAt<S>,
    body: &[u8],
    what: Merge,
) -> Result<axum::Json<MergedBody>, ApiError> {
    let from = links::record_id(&raw_id)?;
    let wanted: MergeBody = vigil_app::read_json(body)?;
    let reason = params.text("reason").map(str::to_owned);
    let done = match what {
        Merge::Do => vigil_app::merge::merge(&app.store, &viewer, &from, &wanted.into, reason).await?,
        Merge::Undo => vigil_app::merge::unmerge(&app.store, &viewer, &from, &wanted.into, reason).await?,
    };
    app.written();
    Ok(axum::Json(done.into()))
}
