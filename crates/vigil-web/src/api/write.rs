//! Writes through the JSON API: what `POST /api/v1/{kind}s`, `PUT` and
//! `DELETE` on `/api/v1/{kind}s/{id}` (handlers in `api/<resource>.rs`) and
//! `POST /api/v1/records/{id}/restore` (`api/records.rs`) share.
//!
//! The gate has already refused callers who may not write. The body is the
//! record's JSON (its `id` may be left out of a `POST`: one is made); the
//! reason for the change goes in `?reason=`. Writers without the right to
//! confidential content can neither mark a record confidential nor see, and
//! so erase, what is marked.

use axum::body::Bytes;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::Value;
use vigil_core::{Record, RecordId, RecordKind};
use vigil_store::{Change, Revision, Store, StoreError, Visibility};

use crate::error::ApiError;
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};

/// The longest reason a change may give.
const REASON_MAX: usize = 2000;

/// A fresh opaque id, for records created without one (ids of confidential
/// records should say nothing about them).
pub(crate) fn new_id() -> RecordId {
    let token = crate::auth::credentials::random_token();
    // 32 hex digits: lowercase hex is always a valid id.
    RecordId::parse(&token[..32]).unwrap_or_else(|_| unreachable!("hex is a valid id"))
}

pub(crate) fn change_for(viewer: &Viewer, reason: Option<String>) -> Result<Change, ApiError> {
    let reason = reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    if let Some(r) = &reason {
        if r.chars().count() > REASON_MAX {
            return Err(ApiError::bad_param(
                "reason",
                format!("a reason is at most {REASON_MAX} characters"),
            ));
        }
    }
    Ok(Change {
        author: viewer.author(),
        reason,
    })
}

/// Reads a record of `kind` from a JSON body; every error names its field.
pub(crate) fn parse_record(kind: RecordKind, body: &[u8], id: Option<&RecordId>) -> Result<Record, ApiError> {
    let mut value: Value =
        serde_json::from_slice(body).map_err(|e| ApiError::bad_param("body", format!("malformed JSON: {e}")))?;
    let Value::Object(map) = &mut value else {
        return Err(ApiError::bad_param("body", format!("a {kind} is a JSON object")));
    };
    if map
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(|s| s.trim().is_empty())
    {
        map.remove("id");
    }
    match (map.get("id"), id) {
        (Some(given), Some(id)) if given.as_str() != Some(id.as_str()) => {
            return Err(ApiError::bad_param(
                "id",
                "the id in the body differs from the id in the address",
            ))
        }
        (None, Some(id)) => {
            map.insert("id".into(), Value::String(id.to_string()));
        }
        (None, None) => {
            map.insert("id".into(), Value::String(new_id().to_string()));
        }
        _ => {}
    }
    let wrapped = serde_json::json!({ "kind": kind.as_str(), "record": value });
    serde_path_to_error::deserialize::<_, Record>(wrapped).map_err(|e| {
        let path = e.path().to_string();
        let field = path.strip_prefix("record.").unwrap_or(&path).to_owned();
        let field = if field == "record" || field == "." {
            "body".to_owned()
        } else {
            field
        };
        ApiError::bad_param(&field, format!("{field}: {}", e.inner()))
    })
}

fn forbidden(message: &'static str) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, "forbidden", message)
}

/// The rules for a writer without the right to confidential content: they
/// can neither mark anything confidential, nor see and so erase what is,
/// nor record an address (always confidential).
pub(crate) async fn guard_confidential<S: Store>(
    store: &S,
    viewer: &Viewer,
    record: Record,
    creating: bool,
) -> Result<Record, ApiError> {
    let record = match record {
        Record::Person(p) => Record::Person(p.with_address_protected()),
        other => other,
    };
    if viewer.may_read_confidential() {
        return Ok(record);
    }
    if creating {
        if record.has_confidential_content() {
            return Err(forbidden(
                "marking a record or field confidential, or recording an address, needs the confidential_reader role",
            ));
        }
        return Ok(record);
    }
    let seen = store.record(record.id(), viewer.visibility).await?;
    let full = store.record(record.id(), Visibility::Confidential).await?;
    let merged = record
        .keeping_hidden_from(&full)
        .ok_or_else(|| ApiError::not_found(record.kind().as_str(), record.id().as_str()))?
        .with_references_kept(&full, &seen);
    if let (Record::Person(new), Record::Person(old)) = (&record, &full) {
        if new.address.is_some() && new.address != old.address {
            return Err(forbidden("recording an address needs the confidential_reader role"));
        }
    }
    Ok(merged)
}

/// The whole current state of a record the viewer may at least partly see.
async fn current_state<S: Store>(store: &S, viewer: &Viewer, id: &RecordId) -> Result<Record, ApiError> {
    // Whether the viewer may see it at all, first: a hidden record is not found.
    store.record(id, viewer.visibility).await?;
    Ok(store.record(id, Visibility::Confidential).await?)
}

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
    let record = parse_record(kind, &body, None)?;
    let record = guard_confidential(&app.store, &viewer, record, true).await?;
    let change = change_for(&viewer, params.text("reason").map(str::to_owned))?;
    let rev = app.store.create(record, &change).await?;
    app.written();
    Ok(written(StatusCode::CREATED, &rev))
}

/// `PUT` of a record of `kind` at its id.
pub(crate) async fn update_record<S: Store>(
    app: AppState<S>,
    viewer: Viewer,
    kind: RecordKind,
    raw_id: String,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let id = super::path_id(kind, &raw_id)?;
    let record = parse_record(kind, &body, Some(&id))?;
    let record = guard_confidential(&app.store, &viewer, record, false).await?;
    let change = change_for(&viewer, params.text("reason").map(str::to_owned))?;
    let rev = app.store.update(record, &change).await?;
    app.written();
    Ok(written(StatusCode::OK, &rev))
}

/// `DELETE` of a record of `kind` at its id.
pub(crate) async fn delete_record<S: Store>(
    app: AppState<S>,
    viewer: Viewer,
    kind: RecordKind,
    raw_id: String,
    params: Params,
) -> Result<Response, ApiError> {
    let id = super::path_id(kind, &raw_id)?;
    let current = current_state(&app.store, &viewer, &id).await?;
    if current.kind() != kind {
        return Err(ApiError::not_found(kind.as_str(), id.as_str()));
    }
    let change = change_for(&viewer, params.text("reason").map(str::to_owned))?;
    let rev = app.store.delete(&id, &change).await?;
    app.written();
    Ok(written(StatusCode::OK, &rev))
}

/// Shared by the API and the history page.
pub(crate) async fn restore_revision<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    id: &RecordId,
    seq: i64,
    reason: Option<String>,
) -> Result<Revision, ApiError> {
    // Those without the right may not bring back (nor learn of) a state
    // they cannot see: the history as they see it must hold the revision.
    let history = app.store.revisions(id, viewer.visibility).await.map_err(|e| match e {
        StoreError::NotFound { .. } => ApiError::not_found("record", id.as_str()),
        other => other.into(),
    })?;
    if !history.iter().any(|r| r.seq == seq) {
        return Err(ApiError::not_found("revision", &format!("{id}@{seq}")));
    }
    if !viewer.may_read_confidential() {
        // Neither the state brought back nor the one it replaces may hold
        // what the viewer cannot see: restoring an older state must not
        // reveal a field marked confidential since.
        let whole = app.store.revisions(id, Visibility::Confidential).await?;
        let touches_confidential = whole
            .iter()
            .filter(|r| r.seq == seq || Some(r.seq) == whole.last().map(|l| l.seq))
            .any(|r| r.record.has_confidential_content());
        if touches_confidential {
            return Err(forbidden(
                "restoring a record with confidential content needs the confidential_reader role",
            ));
        }
    }
    let change = change_for(viewer, reason)?;
    let rev = app.store.restore(id, seq, &change).await?;
    app.written();
    Ok(rev)
}
