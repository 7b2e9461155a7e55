//! The attachments of a source (photos, recordings, videos and files sent
//! with reports from the field): served only to those who may read the
//! source, under the media type their bytes were found to be, and shown on
//! the source's page (images inline, audio and video in players, the rest
//! as downloads), each with its SHA-256.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use vigil_app::field;
use vigil_core::RecordId;
use vigil_store::{Attachment, Attachments, Store};

use crate::error::{ApiError, PageError};
use crate::{AppState, Viewer};

/// Shown in the page itself, not only downloaded.
fn inline(content_type: &str) -> bool {
    ["image/", "audio/", "video/"]
        .iter()
        .any(|p| content_type.starts_with(p))
}

/// Where an attachment is served.
pub fn href(a: &Attachment) -> String {
    let mut name = String::new();
    for b in a.name.bytes() {
        if b.is_ascii_alphanumeric() || b"._-~".contains(&b) {
            name.push(b as char);
        } else {
            name.push_str(&format!("%{b:02X}"));
        }
    }
    format!("/sources/{}/attachments/{name}", a.source_id)
}

/// `GET /sources/{id}/attachments/{name}`.
pub async fn serve<S: Store + Attachments>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path((id, name)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let source_id = RecordId::parse(&id).map_err(|_| ApiError::not_found("source", &id))?;
    let (attachment, bytes) = field::attachment(&app.store, &viewer, &source_id, &name).await?;
    let content_type =
        HeaderValue::from_str(&attachment.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    // The file name is the phone's: only safe characters go in the header.
    let safe: String = attachment
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let how = if inline(&attachment.content_type) {
        "inline"
    } else {
        "attachment"
    };
    let disposition =
        HeaderValue::from_str(&format!("{how}; filename=\"{safe}\"")).unwrap_or(HeaderValue::from_static("attachment"));
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// The attachments section of a source's page (nothing when it has none).
pub fn section(lang: vigil_app::i18n::Lang, attachments: &[Attachment]) -> Markup {
    html! {
        @if !attachments.is_empty() {
            h2 { (lang.tr("attachments-heading")) }
            p.hint { (lang.tr("attachments-hint")) }
            @for a in attachments {
                figure.attachment {
                    @if a.content_type.starts_with("image/") {
                        img src=(href(a)) alt=(a.name) loading="lazy";
                    } @else if a.content_type.starts_with("audio/") {
                        audio controls preload="none" src=(href(a)) { a href=(href(a)) { (a.name) } }
                    } @else if a.content_type.starts_with("video/") {
                        video controls preload="none" src=(href(a)) { a href=(href(a)) { (a.name) } }
                    }
                    figcaption {
                        a href=(href(a)) { (a.name) }
                        " (" (a.content_type) ", " (lang.tr_with("attachments-bytes", &[("count", vigil_app::i18n::Arg::Number(a.size))])) ") SHA-256 "
                        code { (a.sha256) }
                    }
                }
            }
        }
    }
}
