//! `/api/v1/sources`

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;
use vigil_app::ingest::Outcome;
use vigil_core::{RecordKind, Source};
use vigil_extract::Format;
use vigil_store::{Proposals, Store};

use super::resource;
use super::resource::Resource;
use super::spec::{AuthErrors, BodyErrors, ReasonParam, ShowErrors};
use super::write::{self, WriteBody};
use super::ListBody;
use crate::error::ApiError;
use crate::media_type;
use crate::params::Params;
use crate::uploads;
use crate::{AppState, Viewer};

/// A source with the hash of its text.
#[derive(Debug, Serialize)]
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

/// The schema of a source, with `content_hash` among its fields (a source
/// admits no others, so it is added to them rather than beside them).
impl utoipa::PartialSchema for SourceBody {
    fn schema() -> RefOr<Schema> {
        match Source::schema() {
            RefOr::T(Schema::Object(mut object)) => {
                let hash = ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("SHA-256 of the text, hex"))
                    .pattern(Some("^[0-9a-f]{64}$"));
                object.properties.insert("content_hash".to_owned(), hash.into());
                object.required.push("content_hash".to_owned());
                RefOr::T(Schema::Object(object))
            }
            other => other,
        }
    }
}

impl ToSchema for SourceBody {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        Source::schemas(schemas);
    }
}

/// What a `POST` of a source answers with 201: the revision written for a
/// JSON record, or the outcome of ingesting a document.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)] // only described: the handler answers one or the other
pub enum SourceCreated {
    Record(WriteBody),
    Document(Outcome),
}

impl Resource for Source {
    type Body = SourceBody;

    fn listed() -> String {
        "Sources: the documents excerpts quote, with their full text".into()
    }

    async fn page<S: Store>(store: &S, viewer: &Viewer, params: &Params) -> Result<ListBody<SourceBody>, ApiError> {
        let listing = store.sources(viewer.visibility, params.page()?).await?;
        let items = listing.items.into_iter().map(SourceBody::from).collect();
        Ok(ListBody {
            items,
            total: listing.total,
        })
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
    params(
        ("title" = Option<String>, Query, description = "The title, instead of the document's own"),
        ("publisher" = Option<String>, Query, description = "Who published it"),
        ("published" = Option<String>, Query, description = "YYYY-MM-DD: when"),
        ("url" = Option<String>, Query, description = "Where"),
        ReasonParam,
    ),
    request_body(description = "A source record (its id may be left out, and must be when it is confidential), or a document", content(
        (resource::NewSource = "application/json"),
        (serde_json::Value = "text/plain"),
        (serde_json::Value = "text/html"),
        (serde_json::Value = "application/pdf"),
    )),
    responses(
        (status = 201, body = SourceCreated, headers(("Location" = String, description = "Where the source is")),
            description = "A source record created, or a document ingested as a new source"),
        (status = 200, body = Outcome, headers(("Location" = String, description = "Where the source is")),
            description = "The document is an exact duplicate of a stored source: nothing was stored again"),
        ShowErrors, AuthErrors, BodyErrors))]
pub async fn create<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    headers: HeaderMap,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let content_type = media_type::content_type(&headers);
    let essence = media_type::essence(&headers);
    if essence == "application/json" || essence.ends_with("+json") {
        return write::create_record(app, viewer, RecordKind::Source, params, body).await;
    }
    let Some(format) = Format::from_media_type(content_type) else {
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
