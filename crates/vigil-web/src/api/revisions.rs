//! `/api/v1/revisions`

use axum::Json;
use serde::Serialize;
use vigil_core::{RecordId, RecordKind};
use vigil_store::{Operation, Revision, Store};

use super::Ask;
use super::ListBody;
use crate::error::{ApiError, ErrorBody};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RevisionBody {
    pub seq: i64,
    pub record_id: RecordId,
    pub kind: RecordKind,
    /// `create`, `update` or `delete`.
    #[schema(value_type = String)]
    pub operation: Operation,
    pub author: String,
    /// RFC 3339, UTC.
    pub at: String,
    pub reason: Option<String>,
    /// The record's whole state after this change.
    #[schema(value_type = Object)]
    pub record: serde_json::Value,
}

impl RevisionBody {
    fn from_revision(r: Revision) -> Result<Self, ApiError> {
        let inner = match serde_json::to_value(&r.record).map_err(|_| ApiError::internal())? {
            serde_json::Value::Object(mut m) => m.remove("record").unwrap_or_default(),
            other => other,
        };
        Ok(Self {
            seq: r.seq,
            record_id: r.record_id,
            kind: r.kind,
            operation: r.operation,
            author: r.author,
            at: r
                .at
                .format(&time::format_description::well_known::Rfc3339)
                .map_err(|_| ApiError::internal())?,
            reason: r.reason,
            record: inner,
        })
    }
}

/// A record's history, oldest first: who changed it, when, why, and its
/// whole state after each change.
#[utoipa::path(get, path = "/api/v1/revisions", tag = "revisions", operation_id = "list_revisions",
    params(("record" = String, Query, description = "The record's id")),
    responses((status = 200, body = ListBody<RevisionBody>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list<S: Store>(Ask(app, viewer, params): Ask<S>) -> Result<Json<ListBody<RevisionBody>>, ApiError> {
    let id = params
        .id("record")?
        .ok_or_else(|| ApiError::bad_param("record", "record is required: the id whose history to show"))?;
    let revisions = app.store.revisions(&id, viewer.visibility).await?;
    if revisions.is_empty() {
        return Err(ApiError::not_found("record", id.as_str()));
    }
    let total = revisions.len() as u64;
    let items = revisions
        .into_iter()
        .map(|mut r| {
            // Authors and reasons are for signed-in colleagues only.
            if viewer.account.is_none() {
                r.author = crate::viewer::shown_author(&viewer, &r);
                r.reason = None;
            }
            RevisionBody::from_revision(r)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(ListBody { items, total }))
}
