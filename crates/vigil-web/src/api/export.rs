//! `/api/v1/export`: the case file as open data, streamed (see
//! `vigil_app::open_data`): the public scope for anyone, the full scope for
//! admins only.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use vigil_app::open_data::popolo::PopoloExport;
use vigil_app::open_data::{JsonlExport, OpenDataError, Scope};
use vigil_core::AccountRole;
use vigil_store::Store;

use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// The whole case file as JSON Lines: a header line (`format`, `version`,
/// `scope`, `exported_at`, `counts` by kind), then one line per record
/// (`kind`, `id`, `deleted`, `record`), streamed. `scope=public` (the
/// default) is exactly what an anonymous reader sees; `scope=full` is for
/// admins (403 for anyone else).
#[utoipa::path(get, path = "/api/v1/export", tag = "export", operation_id = "export",
    params(("format" = Option<String>, Query, description = "jsonl (the default) or popolo (one Popolo document: persons, organizations, memberships; public scope)"),
           ("scope" = Option<String>, Query, description = "public (default) or full (admins)")),
    responses((status = 200, content((String = "application/x-ndjson"), (Object = "application/json")),
                  description = "JSON Lines; with format=popolo, one JSON document"),
              (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn export<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, ApiError> {
    let popolo = match params.text("format").unwrap_or("jsonl") {
        "jsonl" => false,
        "popolo" => true,
        _ => return Err(ApiError::bad_param("format", "format is jsonl or popolo")),
    };
    let scope = match params.text("scope") {
        None => Scope::Public,
        Some(s) => Scope::parse(s).ok_or_else(|| ApiError::bad_param("scope", "scope is public or full"))?,
    };
    if scope == Scope::Full && viewer.role() != Some(AccountRole::Admin) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "the full export is for admins",
        ));
    }
    if popolo && scope != Scope::Public {
        return Err(ApiError::bad_param(
            "scope",
            "a Popolo export is of the public scope only",
        ));
    }
    if popolo {
        let stream = futures_util::stream::try_unfold(PopoloExport::new(app.store.clone()), |mut export| async move {
            body_chunk(export.next_chunk().await, export)
        });
        return Ok((
            [
                (header::CONTENT_TYPE, "application/json".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"vigil-popolo.json\"".to_owned(),
                ),
            ],
            Body::from_stream(stream),
        )
            .into_response());
    }
    let export = JsonlExport::start(app.store.clone(), scope)
        .await
        .map_err(|e| match e {
            OpenDataError::Store(e) => ApiError::from(e),
            other => ApiError::new(StatusCode::NOT_IMPLEMENTED, "not_implemented", other.to_string()),
        })?;
    // Page by page: an error after the first bytes ends the body early,
    // which an import reads as a truncated file.
    let stream = futures_util::stream::try_unfold(export, |mut export| async move {
        body_chunk(export.next_chunk().await, export)
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"vigil-{}.jsonl\"", scope.as_str()),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// The next piece of a streamed export's body, and the export to go on
/// with; an error is logged and ends the body early.
fn body_chunk<X>(
    chunk: Result<Option<Vec<u8>>, OpenDataError>,
    export: X,
) -> Result<Option<(Vec<u8>, X)>, std::io::Error> {
    match chunk {
        Ok(Some(chunk)) => Ok(Some((chunk, export))),
        Ok(None) => Ok(None),
        Err(e) => {
            tracing::error!(error = %e, "the export stopped");
            Err(std::io::Error::other("the export stopped"))
        }
    }
}
