//! `/records/{id}/history`: every revision of a record.

use axum::extract::{Path, State};
use maud::{html, Markup};
use vigil_core::RecordKind;
use vigil_store::Store;

use super::{fmt, layout};
use crate::error::{ApiError, PageError};
use crate::{AppState, Viewer};

pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let rid = crate::api::path_id(RecordKind::Person, &id)
        .map_err(|_| ApiError::not_found("record", &id))?;
    let revisions = app.store.revisions(&rid).await?;
    if revisions.is_empty() || revisions.iter().any(|r| !viewer.may_see(&r.record)) {
        return Err(ApiError::not_found("record", &id).into());
    }
    let last = &revisions[revisions.len() - 1];
    let title = format!("History of {}", last.record.title());
    Ok(layout::page(
        &title,
        html! {
            p.kind { "History" }
            h1 { "History of " a href=(fmt::href(last.kind, &last.record_id)) { (last.record.title()) } }
            ol.revisions {
                @for r in revisions.iter().rev() {
                    li {
                        strong { (r.operation.as_str()) }
                        " by " span.author { (r.author) }
                        " at " time datetime=(r.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()) {
                            (r.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default())
                        }
                        @if let Some(reason) = &r.reason { " — “" (reason) "”" }
                        details {
                            summary { "State after revision " (r.seq) }
                            pre { (serde_json::to_string_pretty(&r.record).unwrap_or_default()) }
                        }
                    }
                }
            }
        },
    ))
}
