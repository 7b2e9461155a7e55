//! `/records/{id}/history`: every revision of a record, a readable diff
//! between any two, and restoring a past one.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use similar::{ChangeTag, TextDiff};
use vigil_core::{Record, RecordId};
use vigil_store::{Revision, Store};

use super::layout;
use crate::error::{ApiError, PageError};
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};

fn when(r: &Revision) -> String {
    r.at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The record's own fields, pretty-printed one a line, for diffing.
fn pretty(record: &Record) -> String {
    let value = serde_json::to_value(record).unwrap_or_default();
    serde_json::to_string_pretty(&value["record"]).unwrap_or_default()
}

fn diff(from: &Revision, to: &Revision) -> Markup {
    let (a, b) = (pretty(&from.record), pretty(&to.record));
    let d = TextDiff::from_lines(&a, &b);
    html! {
        h2 { "Changes from revision " (from.seq) " to " (to.seq) }
        @if a == b {
            p.empty { "The two states are the same." }
        } @else {
            pre.diff {
                @for change in d.iter_all_changes() {
                    @match change.tag() {
                        ChangeTag::Delete => del { "- " (change.value()) },
                        ChangeTag::Insert => ins { "+ " (change.value()) },
                        ChangeTag::Equal => span { "  " (change.value()) },
                    }
                }
            }
        }
    }
}

pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Markup, PageError> {
    let rid = RecordId::parse(&id).map_err(|_| ApiError::not_found("record", &id))?;
    let revisions = app.store.revisions(&rid, viewer.visibility).await?;
    let Some(last) = revisions.last() else {
        return Err(ApiError::not_found("record", &id).into());
    };
    let pick = |name: &str, default: i64| -> Result<Option<&Revision>, ApiError> {
        let seq = params.parsed::<i64>(name)?.unwrap_or(default);
        Ok(revisions.iter().find(|r| r.seq == seq))
    };
    let to = pick("to", last.seq)?;
    let default_from = revisions.iter().rev().nth(1).map_or(last.seq, |r| r.seq);
    let from = pick("from", default_from)?;
    let title = format!("History of {}", last.record.title());
    let options: Vec<(i64, String)> = revisions
        .iter()
        .map(|r| {
            (
                r.seq,
                format!(
                    "{} — {} by {}",
                    r.seq,
                    r.operation.as_str(),
                    crate::viewer::shown_author(&viewer, r)
                ),
            )
        })
        .collect();
    Ok(layout::page(
        &viewer,
        &title,
        html! {
            p.kind { "History" }
            h1 { "History of " a href=(links::href(last.kind, &last.record_id)) { (last.record.title()) } }
            form.filter method="get" {
                label { "Compare revision "
                    select name="from" { @for (seq, text) in &options { option value=(seq) selected[from.map(|r| r.seq) == Some(*seq)] { (text) } } }
                }
                label { "with "
                    select name="to" { @for (seq, text) in &options { option value=(seq) selected[to.map(|r| r.seq) == Some(*seq)] { (text) } } }
                }
                button { "Compare" }
            }
            @if let (Some(from), Some(to)) = (from, to) {
                @if revisions.len() > 1 { (diff(from, to)) }
            }
            h2 { "Revisions" }
            ul.revisions {
                @for r in revisions.iter().rev() {
                    li id={ "rev-" (r.seq) } {
                        strong { (r.operation.as_str()) }
                        " by " span.author { (crate::viewer::shown_author(&viewer, r)) }
                        " at " time datetime=(when(r)) { (when(r)) }
                        @if viewer.account.is_some() { @if let Some(reason) = &r.reason { " — “" (reason) "”" } }
                        details {
                            summary { "State after revision " (r.seq) }
                            pre { (pretty(&r.record)) }
                        }
                        @if viewer.may_write() && r.seq != last.seq {
                            form.inline method="post" action={ "/records/" (r.record_id) "/restore" } {
                                (layout::csrf_field(&viewer))
                                input type="hidden" name="seq" value=(r.seq);
                                input type="text" name="reason" placeholder="reason" aria-label="Reason for restoring";
                                button { "Restore this version" }
                            }
                        }
                    }
                }
            }
        },
    ))
}

pub async fn restore<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let rid = RecordId::parse(&id).map_err(|_| ApiError::not_found("record", &id))?;
    let mut seq = None;
    let mut reason = None;
    for (k, v) in form_urlencoded::parse(&body) {
        match k.as_ref() {
            "seq" => seq = v.trim().parse::<i64>().ok(),
            "reason" => reason = Some(v.into_owned()),
            _ => {}
        }
    }
    let seq = seq.ok_or_else(|| ApiError::bad_param("seq", "which revision to restore"))?;
    let rev = vigil_app::records::restore(&app.store, &viewer, &rid, seq, reason).await?;
    app.written();
    Ok(Redirect::to(&links::href(rev.kind, &rev.record_id)).into_response())
}
