//! A document uploaded to be ingested, through the API (`POST
//! /api/v1/sources`) or the upload page: what is given with it, and its
//! way through the pipeline.

use vigil_extract::{Format, Metadata};
use vigil_store::{Proposals, Store};

use crate::error::ApiError;
use crate::params::Params;
use crate::{AppState, Viewer};
use vigil_app::ingest::Outcome;

/// Title, publisher, date and address given with an upload.
pub(crate) fn metadata_from(params: &Params) -> Result<Metadata, ApiError> {
    let published = match params.text("published") {
        None => None,
        Some(d) => Some(
            d.parse::<vigil_core::PartialDate>()
                .or_else(|_| vigil_core::PartialDate::parse_article(d, None))
                .map_err(|e| ApiError::bad_param("published", format!("published: {e}")))?,
        ),
    };
    let url = params.text("url").map(str::to_owned);
    if url
        .as_deref()
        .is_some_and(|u| !(u.starts_with("http://") || u.starts_with("https://")))
    {
        return Err(ApiError::bad_param("url", "url must start with http:// or https://"));
    }
    Ok(Metadata {
        title: params.search_text("title")?,
        publisher: params.search_text("publisher")?,
        published,
        url,
        language: None,
    })
}

/// One document through the pipeline, as the viewer.
pub(crate) async fn ingest_bytes<S: Store + Proposals>(
    app: &AppState<S>,
    viewer: &Viewer,
    bytes: &[u8],
    format: Option<Format>,
    given: &Metadata,
    document: &str,
    reason: Option<&str>,
) -> Result<Outcome, ApiError> {
    let outcome = app
        .ingest
        .ingest(
            app.store.clone(),
            &viewer.author(),
            bytes,
            format,
            given,
            document,
            reason,
        )
        .await
        .map_err(vigil_app::AppError::from)?;
    app.written();
    Ok(outcome)
}
