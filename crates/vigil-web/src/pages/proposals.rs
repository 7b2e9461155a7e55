//! `/sources/upload` (a document in), `/proposals` (what waits for a
//! decision), `/sources/{id}/proposals` (the review of one source's
//! proposals), and the decisions: `/proposals/{id}/accept`, `/merge`,
//! `/reject`, and `/proposals/{id}/edit` (the ordinary form, pre-filled;
//! saving it accepts). All of it is for editors (the gate says so).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use vigil_core::{Record, RecordId, RecordKind};
use vigil_extract::{Format, Metadata, Proposal, ProposalKind};
use vigil_store::{ProposalFilter, ProposalState, Proposals, Store, StoredProposal};

use super::{fmt, layout};
use crate::error::{ApiError, PageError};
use crate::links;
use crate::{AppState, Viewer};
use vigil_app::review;

fn upload_page(viewer: &Viewer, error: Option<&str>) -> Markup {
    layout::page(
        viewer,
        "Upload a document",
        html! {
            h1 { "Upload a document" }
            p { "An article, a report or a court decision: a text, HTML or PDF file, or its text pasted below. "
                "Vigil keeps its main text as a source and proposes the persons, organisations and events it finds, "
                "each with the passage that says so. Nothing enters the case file until you accept it." }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form.stacked method="post" action="/sources/upload" enctype="multipart/form-data" {
                (layout::csrf_field(viewer))
                label { "File (.txt, .html, .pdf; at most 2 MiB)" input type="file" name="file" accept=".txt,.text,.md,.html,.htm,.xhtml,.pdf,text/plain,text/html,application/pdf"; }
                label { "…or paste the text (or the page's HTML)" textarea name="text" rows="10" {} }
                label { "Title (if the document's own is wrong)" input type="text" name="title"; }
                label { "Publisher" input type="text" name="publisher"; }
                label { "Published (the article's date: relative dates are read against it)" input type="text" name="published" placeholder="2019-10-16 or 16 October 2019"; }
                label { "Original address" input type="text" name="url" placeholder="https://…"; }
                label { "Reason" input type="text" name="reason" placeholder="e.g. monitoring of the LabourStart campaign"; }
                button { "Upload and read" }
            }
        },
    )
}

pub async fn upload_form<S: Store>(viewer: Viewer) -> Markup {
    upload_page(&viewer, None)
}

pub async fn upload<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let refuse = |msg: &str| (StatusCode::UNPROCESSABLE_ENTITY, upload_page(&viewer, Some(msg))).into_response();
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(crate::multipart::boundary);
    let Some(parts) = boundary.and_then(|b| crate::multipart::parse(&body, &b)) else {
        return Ok(refuse("The upload was not a readable form: try again."));
    };
    let field = |name: &str| {
        parts
            .iter()
            .find(|p| p.name == name && p.filename.is_none())
            .map(|p| String::from_utf8_lossy(&p.data).trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let file = parts.iter().find(|p| p.name == "file" && !p.data.is_empty());
    let (bytes, format, document) = match (file, field("text")) {
        (Some(f), _) => {
            let name = f.filename.clone().unwrap_or_else(|| "upload".into());
            let format =
                Format::from_file_name(&name).or_else(|| f.content_type.as_deref().and_then(Format::from_media_type));
            (f.data.clone(), format, name)
        }
        (None, Some(text)) => (text.into_bytes(), None, "pasted text".to_owned()),
        (None, None) => return Ok(refuse("Choose a file or paste a text.")),
    };
    let mut params = vec![];
    for k in ["title", "publisher", "published", "url"] {
        if let Some(v) = field(k) {
            params.push((k.to_owned(), v));
        }
    }
    let query = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>();
    let given: Metadata = match crate::uploads::metadata_from(&crate::params::Params::from_pairs(&query)) {
        Ok(m) => m,
        Err(e) => return Ok(refuse(&e.detail.message)),
    };
    let reason = field("reason");
    match crate::uploads::ingest_bytes(&app, &viewer, &bytes, format, &given, &document, reason.as_deref()).await {
        Ok(outcome) => Ok(Redirect::to(&format!("/sources/{}/proposals", outcome.source_id)).into_response()),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            Ok(refuse(&format!("{document} could not be read: {}", e.detail.message)))
        }
        Err(e) => Err(e.into()),
    }
}

/// Every source with proposals waiting.
pub async fn queue<S: Store + Proposals>(State(app): State<AppState<S>>, viewer: Viewer) -> Result<Markup, PageError> {
    let pending = app
        .store
        .proposals(&ProposalFilter {
            state: Some(ProposalState::Pending),
            ..Default::default()
        })
        .await?;
    let mut by_source: BTreeMap<RecordId, usize> = BTreeMap::new();
    for p in &pending {
        *by_source.entry(p.source_id.clone()).or_default() += 1;
    }
    let mut rows = Vec::new();
    for (id, n) in by_source {
        if let Ok(r) = app.store.record(&id, viewer.visibility).await {
            rows.push((id, r.title().to_owned(), n));
        }
    }
    Ok(layout::page(
        &viewer,
        "Proposals",
        html! {
            h1 { "Proposals waiting for a decision" }
            p.actions { a.action href="/sources/upload" { "Upload a document" } }
            @if rows.is_empty() { p.empty { "Nothing waits." } }
            ul.records {
                @for (id, title, n) in &rows {
                    li { a href={ "/sources/" (id) "/proposals" } { (title) } " — " (n) " pending" }
                }
            }
        },
    ))
}

fn record_link(id: &RecordId, kind: Option<RecordKind>) -> Markup {
    match kind {
        Some(k) => html! { a href=(links::href(k, id)) { (id) } },
        None => html! { code { (id) } },
    }
}

fn kind_of(p: &Proposal) -> Option<RecordKind> {
    match p.kind {
        ProposalKind::Person => Some(RecordKind::Person),
        ProposalKind::Organisation => Some(RecordKind::Organisation),
        ProposalKind::Event => Some(RecordKind::Event),
        ProposalKind::Alias => None,
    }
}

fn one(viewer: &Viewer, stored: &StoredProposal, p: &Proposal) -> Markup {
    let pending = stored.state == ProposalState::Pending;
    html! {
        article.proposal id=(stored.id) {
            h3 { (p.label) " " span.state { "(" (stored.state.as_str()) ")" } }
            dl.facts {
                @if let Some(m) = &p.matched_id {
                    dt { "Is" } dd { (record_link(m, kind_of(p).or(Some(RecordKind::Person)).filter(|_| p.kind != ProposalKind::Alias))) " (match score " (format!("{:.2}", p.score)) ")" }
                } @else {
                    dt { "New" } dd { "not in the case file (confidence " (format!("{:.2}", p.score)) ")" }
                }
                @if !p.found_as.is_empty() { dt { "Named as" } dd { (p.found_as.join("; ")) } }
                @if !p.aliases.is_empty() { dt { "New names" } dd { (p.aliases.join("; ")) } }
                @if let Some(r) = &p.role { dt { "Role" } dd { (r) } }
                @if let Some(a) = &p.affiliation { dt { "Of" } dd { (a.label) } }
                @if let Some(a) = &p.alias { dt { "Alias" } dd { (a) } }
                @if let Some(t) = p.event_type { dt { "Type" } dd { (t.label()) } }
                @if p.kind == ProposalKind::Event {
                    dt { "Date" }
                    dd {
                        @match &p.date {
                            Some(d) => { (fmt::time(d)) @if let Some(t) = &p.date_text { " (“" (t) "”)" } }
                            None => { em { "the text gives none: edit before accepting" } }
                        }
                    }
                }
                @if let Some(pl) = &p.place { dt { "Place" } dd { (pl) } }
                @if let Some(n) = p.victim_count { dt { "People" } dd { (n) } }
                @if let Some(t) = &p.terms {
                    dt { "Terms" }
                    dd {
                        @if let Some(d) = t.imprisonment { "imprisonment " (d.to_string()) "; " }
                        @if let Some(d) = t.restricted_freedom { "restricted freedom " (d.to_string()) "; " }
                        @if t.fine.is_some() { "a fine; " }
                        @for b in &t.bans { "banned from " (b.scope) "; " }
                    }
                }
                @if !p.participants.is_empty() {
                    dt { "Who" }
                    dd {
                        @for q in &p.participants {
                            span.participant { (q.role.label()) ": "
                                @if let Some(r) = &q.record_id { a href={ "/records/" (r) "/history" } { (q.label) } } @else { (q.label) }
                                " " }
                        }
                    }
                }
                @if let Some(by) = &stored.decided_by { dt { "Decided by" } dd { (by) @if let Some(r) = &stored.record_id { " → " code { (r) } } } }
            }
            @for x in &p.excerpts {
                blockquote.excerpt { (x.text) footer { "bytes " (x.start) "–" (x.end) } }
            }
            @if pending && viewer.may_write() {
                div.actions {
                    form.inline method="post" action={ "/proposals/" (stored.id) "/accept" } {
                        (layout::csrf_field(viewer))
                        button { @if p.matched_id.is_some() { "Accept (add to the record)" } @else { "Accept" } }
                    }
                    @if p.kind != ProposalKind::Alias {
                        a.action href={ "/proposals/" (stored.id) "/edit" } { "Edit, then accept" }
                    }
                    form.inline method="post" action={ "/proposals/" (stored.id) "/merge" } {
                        (layout::csrf_field(viewer))
                        input type="text" name="into" placeholder="id of an existing record" required;
                        button { "Merge into" }
                    }
                    form.inline method="post" action={ "/proposals/" (stored.id) "/reject" } {
                        (layout::csrf_field(viewer))
                        button { "Reject" }
                    }
                }
            }
        }
    }
}

/// The review of one source's proposals.
pub async fn review<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let source = super::fetch(&app.store, &viewer, RecordKind::Source, &id).await?;
    let all = app
        .store
        .proposals(&ProposalFilter {
            source_id: Some(source.id().clone()),
            ..Default::default()
        })
        .await?;
    let parsed: Vec<(StoredProposal, Proposal)> = all
        .into_iter()
        .filter_map(|s| review::parse(&s).ok().map(|p| (s, p)))
        .collect();
    let count = |st: ProposalState| parsed.iter().filter(|(s, _)| s.state == st).count();
    let links = app.store.source_links(source.id()).await?;
    let sections = [
        (ProposalKind::Person, "Persons"),
        (ProposalKind::Organisation, "Organisations"),
        (ProposalKind::Alias, "Other names of known records"),
        (ProposalKind::Event, "Events"),
    ];
    Ok(layout::page(
        &viewer,
        &format!("Proposals: {}", source.title()),
        html! {
            p.kind { "Proposals" }
            h1 { (source.title()) }
            p { a href=(links::href(RecordKind::Source, source.id())) { "The source" } " · "
                (count(ProposalState::Pending)) " pending, " (count(ProposalState::Accepted)) " accepted, "
                (count(ProposalState::Rejected)) " rejected" }
            @for l in &links {
                p.hint {
                    @if l.relation == "duplicate" { "Received again as “" (l.document) "” (same text), " (l.by) "." }
                    @else if let Some(o) = &l.other_id {
                        @if o == source.id() { "Nearly the same as " a href=(links::href(RecordKind::Source, &l.source_id)) { (l.source_id) } }
                        @else { "Nearly the same as " a href=(links::href(RecordKind::Source, o)) { (o) } }
                        " (similarity " (format!("{:.2}", l.similarity)) ")."
                    }
                }
            }
            p.hint { "Decide on persons and organisations first: an event that names a new person can be accepted once that person is." }
            @if parsed.is_empty() { p.empty { "No proposals for this source." } }
            @for (kind, heading) in sections {
                @let these: Vec<&(StoredProposal, Proposal)> = parsed.iter().filter(|(_, p)| p.kind == kind).collect();
                @if !these.is_empty() {
                    section.proposals {
                        h2 { (heading) " (" (these.len()) ")" }
                        @for (s, p) in these { (one(&viewer, s, p)) }
                    }
                }
            }
        },
    ))
}

fn form_fields(body: &[u8]) -> (Option<String>, Option<String>) {
    let mut reason = None;
    let mut into = None;
    for (k, v) in form_urlencoded::parse(body) {
        let v = v.trim().to_owned();
        match k.as_ref() {
            "reason" if !v.is_empty() => reason = Some(v),
            "into" if !v.is_empty() => into = Some(v),
            _ => {}
        }
    }
    (reason, into)
}

async fn back_to_review<S: Store + Proposals>(
    app: &AppState<S>,
    viewer: &Viewer,
    id: &str,
) -> Result<Response, PageError> {
    let p = review::visible_proposal(&app.store, viewer, id).await?;
    Ok(Redirect::to(&format!("/sources/{}/proposals#{}", p.source_id, p.id)).into_response())
}

pub async fn accept<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let (reason, _) = form_fields(&body);
    review::accept(&app.store, &viewer, &id, None, reason).await?;
    app.written();
    back_to_review(&app, &viewer, &id).await
}

pub async fn merge<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let (reason, into) = form_fields(&body);
    let into = into
        .and_then(|i| RecordId::parse(&i).ok())
        .ok_or_else(|| ApiError::bad_param("into", "give the id of the record to merge into"))?;
    review::merge(&app.store, &viewer, &id, &into, reason).await?;
    app.written();
    back_to_review(&app, &viewer, &id).await
}

pub async fn reject<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    review::reject(&app.store, &viewer, &id).await?;
    back_to_review(&app, &viewer, &id).await
}

/// The ordinary form of the record, pre-filled from the proposal.
pub async fn edit_form<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let (record, existing, undated) = review::draft(&app.store, &viewer, &id).await?;
    if let Record::Source(_) = record {
        return Err(ApiError::not_found("proposal", &id).into());
    }
    super::edit::proposal_form(&app, &viewer, &record, existing, undated, &id).await
}
