//! `/api/v1/export`: the case file as open data, streamed (see
//! `vigil_app::open_data`): the public scope for anyone, the full scope for
//! admins only.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use vigil_app::open_data::csv_layout;
use vigil_app::open_data::full::FullExport;
use vigil_app::open_data::popolo::PopoloExport;
use vigil_app::open_data::{JsonlExport, OpenDataError, Scope};
use vigil_core::AccountRole;
use vigil_store::transfer::Transfer;
use vigil_store::Store;

use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::{AppState, Viewer};

/// The whole case file as JSON Lines: a header line (`format`, `version`,
/// `scope`, `exported_at`, `counts` by kind), then one line per record
/// (`kind`, `id`, `deleted`, `record`), streamed. `scope=public` (the
/// default) is exactly what an anonymous reader sees; `scope=full` is for
/// admins (403 for anyone else): every row of every table as stored
/// (`{"table", "row"}` lines; sealed content stays sealed), to be imported
/// into an empty case file with the same key.
#[utoipa::path(get, path = "/api/v1/export", tag = "export", operation_id = "export",
    params(("format" = Option<String>, Query, description = "jsonl (the default), csv (a zip of one CSV file per table and export.json; public scope) or popolo (one Popolo document: persons, organizations, memberships; public scope)"),
           ("scope" = Option<String>, Query, description = "public (default) or full (admins; JSON Lines only: every table as stored, sealed content sealed)")),
    responses((status = 200, content((String = "application/x-ndjson"), (Object = "application/json"), (Vec<u8> = "application/zip")),
                  description = "JSON Lines; with format=popolo, one JSON document; with format=csv, a zip"),
              (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn export<S: Store + Transfer>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Response, ApiError> {
    let format = params.text("format").unwrap_or("jsonl");
    let popolo = match format {
        "jsonl" | "csv" => false,
        "popolo" => true,
        _ => return Err(ApiError::bad_param("format", "format is jsonl, csv or popolo")),
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
    if format == "csv" {
        return csv_zip(app, scope).await;
    }
    if popolo {
        let stream = futures_util::stream::try_unfold(PopoloExport::new(app.store.clone()), |mut export| async move {
            body_chunk(export.next_chunk().await, export)
        });
        return Ok(download(
            "application/json",
            "vigil-popolo.json",
            Body::from_stream(stream),
        ));
    }
    if scope == Scope::Full {
        let export = FullExport::start(&app.store).await.map_err(|e| match e {
            OpenDataError::Store(e) => ApiError::from(e),
            other => {
                tracing::error!(error = %other, "the full export failed");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the export failed")
            }
        })?;
        // One snapshot, a batch at a time.
        let stream = futures_util::stream::try_unfold(export, |mut export| async move {
            body_chunk(export.next_chunk().await, export)
        });
        return Ok(download(JSON_LINES, "vigil-full.jsonl", Body::from_stream(stream)));
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
    Ok(download(
        JSON_LINES,
        &format!("vigil-{}.jsonl", scope.as_str()),
        Body::from_stream(stream),
    ))
}

/// The CSV layout as one zip. The zip is written to a temporary file first
/// (its tables too, the store read a page at a time), then streamed from
/// it: the case file is held on disk, never in memory.
async fn csv_zip<S: Store>(app: AppState<S>, scope: Scope) -> Result<Response, ApiError> {
    let failed = |e: std::io::Error| {
        tracing::error!(error = %e, "the CSV export failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the export failed")
    };
    let mut file = tempfile::tempfile().map_err(failed)?;
    csv_layout::export_zip(&app.store, scope, std::io::BufWriter::new(&mut file))
        .await
        .map_err(|e| match e {
            OpenDataError::Store(e) => ApiError::from(e),
            other => {
                tracing::error!(error = %other, "the CSV export failed");
                ApiError::new(StatusCode::NOT_IMPLEMENTED, "not_implemented", other.to_string())
            }
        })?;
    let length = std::io::Seek::seek(&mut file, std::io::SeekFrom::End(0)).map_err(failed)?;
    std::io::Seek::rewind(&mut file).map_err(failed)?;
    let file = tokio::fs::File::from_std(file);
    let stream = futures_util::stream::try_unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut chunk = vec![0u8; 64 * 1024];
        let n = file.read(&mut chunk).await?;
        if n == 0 {
            return Ok::<_, std::io::Error>(None);
        }
        chunk.truncate(n);
        Ok(Some((chunk, file)))
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_LENGTH, length.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"vigil-{}-csv.zip\"", scope.as_str()),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// The media type of the JSON Lines exports.
const JSON_LINES: &str = "application/x-ndjson; charset=utf-8";

/// `body` as a file to save, of `content_type`, named `file_name`.
fn download(content_type: &str, file_name: &str, body: Body) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
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
