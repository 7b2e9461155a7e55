//! `/sources/upload` (a document in), `/proposals` (what waits for a
//! decision), `/sources/{id}/proposals` (the review of one source's
//! proposals), and the decisions: `/proposals/{id}/accept`, `/merge`,
//! `/reject`, `/proposals/{id}/edit` (the ordinary form, pre-filled;
//! saving it accepts), and `/sources/{id}/proposals/decide` (many at once,
//! each still decided on its own). All of it is for editors (the gate
//! says so).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use vigil_app::AppError;
use vigil_core::{FieldError, Record, RecordId, RecordKind};
use vigil_extract::{Format, Metadata, Proposal, ProposalKind};
use vigil_store::{ProposalFilter, ProposalState, Proposals, Store, StoreError, StoredProposal};

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
            p.actions {
                a.action href="/sources/upload" { "Upload a document" }
                " "
                a.action href="/proposals/incomplete" { (viewer.tr("incomplete-link")) }
            }
            @if rows.is_empty() { p.empty { "Nothing waits." } }
            ul.records {
                @for (id, title, n) in &rows {
                    li { a href={ "/sources/" (id) "/proposals" } { (title) } " — " (n) " pending" }
                }
            }
        },
    ))
}

/// How many events the list of incomplete records looks through at once:
/// a stretch at a time, never the whole case file in one request.
const INCOMPLETE_STRETCH: u32 = 200;

/// `/proposals/incomplete`: for editors, the events saved without a
/// country (on no country page nor briefing), a stretch of events at a
/// time, and the proposed events that wait for a date, each with a link
/// to the form that completes it.
pub async fn incomplete<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: crate::params::Params,
) -> Result<Markup, PageError> {
    let offset = params.parsed::<u32>("offset")?.unwrap_or(0);
    let page =
        vigil_store::Page::new(INCOMPLETE_STRETCH, offset).map_err(|e| ApiError::bad_param("offset", e.to_string()))?;
    let listing = app
        .store
        .events(&vigil_store::EventFilter::all(viewer.visibility), page)
        .await?;
    let seen = listing.items.len() as u64;
    let without: Vec<&vigil_core::Event> = listing.items.iter().filter(|e| e.country.is_none()).collect();
    let undated: Vec<StoredProposal> = review::proposals_seen(
        &app.store,
        &viewer,
        &ProposalFilter {
            state: Some(ProposalState::Pending),
            ..Default::default()
        },
    )
    .await?
    .into_iter()
    .filter(|p| p.kind == "event" && p.body.get("date").is_none_or(serde_json::Value::is_null))
    .collect();
    let next = u64::from(offset) + seen;
    let title = viewer.tr("incomplete-title");
    Ok(layout::page(
        &viewer,
        &title,
        html! {
            h1 { (title) }
            p { (viewer.lang.tr_with("incomplete-intro", &[
                ("total", vigil_app::i18n::Arg::Number(listing.total)),
                ("first", vigil_app::i18n::Arg::Number(u64::from(offset) + u64::from(seen > 0))),
                ("last", vigil_app::i18n::Arg::Number(next)),
            ])) }
            @if without.is_empty() {
                p.empty { (viewer.tr("incomplete-none")) }
            } @else {
                ul.records.incomplete {
                    @for e in &without {
                        li {
                            a href=(links::href(RecordKind::Event, &e.id)) { (e.title) }
                            " (" (e.date.to_string()) ") · "
                            a.action href={ (links::href(RecordKind::Event, &e.id)) "/edit" } { (viewer.tr("incomplete-edit")) }
                        }
                    }
                }
            }
            @if next < listing.total {
                p.actions { a rel="next" href={ "/proposals/incomplete?offset=" (next) } { (viewer.tr("incomplete-next")) } }
            }
            h2 { (viewer.tr("incomplete-undated")) }
            @if undated.is_empty() {
                p.empty { (viewer.tr("incomplete-undated-none")) }
            } @else {
                ul.records.undated {
                    @for p in &undated {
                        li { a href={ "/proposals/" (p.id) "/edit" } { (p.label) } }
                    }
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
            h3 {
                @if pending && viewer.may_write() {
                    input type="checkbox" name="id" value=(stored.id) form="bulk" aria-label={ "Select " (p.label) };
                    " "
                }
                (p.label) " " span.state { "(" (stored.state.as_str()) ")" }
            }
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
                        input type="search" name="into" list="name-suggestions" autocomplete="off"
                            aria-label="The record to merge into" placeholder="a name in any spelling" required;
                        button { "Merge into…" }
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

/// Which proposals of a source the review shows: `?kind=person`,
/// `?state=pending` (the default; `all` for every state), `?min_score=0.9`.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ReviewFilter {
    kind: Option<String>,
    state: Option<String>,
    min_score: Option<String>,
}

impl ReviewFilter {
    fn kind(&self) -> Option<ProposalKind> {
        match self.kind.as_deref()? {
            "person" => Some(ProposalKind::Person),
            "organisation" => Some(ProposalKind::Organisation),
            "alias" => Some(ProposalKind::Alias),
            "event" => Some(ProposalKind::Event),
            _ => None,
        }
    }

    fn state(&self) -> Option<ProposalState> {
        match self.state.as_deref().unwrap_or("pending") {
            "accepted" => Some(ProposalState::Accepted),
            "rejected" => Some(ProposalState::Rejected),
            "all" => None,
            _ => Some(ProposalState::Pending),
        }
    }

    fn min_score(&self) -> Option<f64> {
        self.min_score
            .as_deref()
            .and_then(|s| s.trim().parse().ok())
            .filter(|s: &f64| s.is_finite())
    }

    fn keeps(&self, stored: &StoredProposal, p: &Proposal) -> bool {
        self.kind().is_none_or(|k| p.kind == k)
            && self.state().is_none_or(|st| stored.state == st)
            && self.min_score().is_none_or(|m| p.score >= m)
    }
}

fn filter_form(source: &RecordId, f: &ReviewFilter) -> Markup {
    let kind = f.kind.as_deref().unwrap_or("");
    let state = f.state.as_deref().unwrap_or("pending");
    html! {
        form.filters method="get" action={ "/sources/" (source) "/proposals" } {
            label { "Kind "
                select name="kind" {
                    @for (v, l) in [("", "any"), ("person", "persons"), ("organisation", "organisations"), ("alias", "other names"), ("event", "events")] {
                        option value=(v) selected[kind == v] { (l) }
                    }
                }
            }
            " "
            label { "State "
                select name="state" {
                    @for (v, l) in [("pending", "pending"), ("accepted", "accepted"), ("rejected", "rejected"), ("all", "all")] {
                        option value=(v) selected[state == v] { (l) }
                    }
                }
            }
            " "
            label { "Score at least " input type="number" name="min_score" min="0" max="1" step="0.05" value=[f.min_score.as_deref()]; }
            " "
            button { "Show" }
        }
    }
}

/// The review of one source's proposals.
pub async fn review<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::extract::Query(filter): axum::extract::Query<ReviewFilter>,
) -> Result<Markup, PageError> {
    let source = super::fetch(&app.store, &viewer, RecordKind::Source, &id).await?;
    let of_source = ProposalFilter {
        source_id: Some(source.id().clone()),
        ..Default::default()
    };
    let all = review::proposals_seen(&app.store, &viewer, &of_source).await?;
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
            (filter_form(source.id(), &filter))
            @if viewer.may_write() && count(ProposalState::Pending) > 0 {
                form.bulk id="bulk" method="post" action={ "/sources/" (source.id()) "/proposals/decide" } {
                    (layout::csrf_field(&viewer))
                    p {
                        "Tick proposals below, then: "
                        button name="action" value="accept" { "Accept the selected" }
                        " "
                        button name="action" value="reject" { "Reject the selected" }
                    }
                }
                form.bulk method="post" action={ "/sources/" (source.id()) "/proposals/decide" } {
                    (layout::csrf_field(&viewer))
                    input type="hidden" name="select" value="matched";
                    p {
                        label { "Or accept every pending person or organisation matched to a record with a score of at least "
                            input type="number" name="min_score" min="0.5" max="1" step="0.05" value="0.9"; }
                        " "
                        button name="action" value="accept" { "Accept them" }
                    }
                }
                p.hint { "Each decision is recorded one by one, as if made on its own." }
            }
            @if parsed.is_empty() { p.empty { "No proposals for this source." } }
            @for (kind, heading) in sections {
                @let these: Vec<&(StoredProposal, Proposal)> = parsed.iter().filter(|(s, p)| p.kind == kind && filter.keeps(s, p)).collect();
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
    match review::accept(&app.store, &viewer, &id, None, reason).await {
        Ok(_) => {
            app.written();
            back_to_review(&app, &viewer, &id).await
        }
        // Incomplete (no date, say): the form, filled in, with what is
        // missing, rather than an error page.
        Err(AppError::Invalid(errors) | AppError::Store(StoreError::Invalid(errors))) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            prefilled_form(&app, &viewer, &id, &errors).await?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

/// The ordinary form of the record a proposal would write, filled in from
/// it; saving the form accepts the proposal.
async fn prefilled_form<S: Store + Proposals>(
    app: &AppState<S>,
    viewer: &Viewer,
    id: &str,
    errors: &[FieldError],
) -> Result<Markup, PageError> {
    let (record, existing, undated) = review::draft(&app.store, viewer, id).await?;
    if let Record::Source(_) = record {
        return Err(ApiError::not_found("proposal", id).into());
    }
    let mut errors = errors.to_vec();
    if undated && !errors.iter().any(|e| e.field == "date") {
        errors.push(FieldError::new(
            "date",
            "the text gives no date: give the date, as precisely as it is known",
        ));
    }
    super::edit::proposal_form(app, viewer, &record, existing, undated, id, &errors).await
}

pub async fn merge<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let (reason, into) = form_fields(&body);
    let Some(into) = into else {
        return Err(ApiError::bad_param("into", "give the name or the id of the record to merge into").into());
    };
    // An id the viewer may see is merged into at once; anything else is a
    // name to look for, and the editor chooses among what is found.
    let known = match RecordId::parse(&into) {
        Ok(rid) => app.store.record(&rid, viewer.visibility).await.ok().map(|_| rid),
        Err(_) => None,
    };
    let Some(target) = known else {
        return Ok(merge_choices(&app, &viewer, &id, &into).await?.into_response());
    };
    review::merge(&app.store, &viewer, &id, &target, reason).await?;
    app.written();
    back_to_review(&app, &viewer, &id).await
}

/// Records found by name for a merge, to choose one from.
async fn merge_choices<S: Store + Proposals>(
    app: &AppState<S>,
    viewer: &Viewer,
    id: &str,
    name: &str,
) -> Result<Markup, PageError> {
    let stored = review::visible_proposal(&app.store, viewer, id).await?;
    let p = review::parse(&stored)?;
    let query = vigil_search::SearchQuery {
        kind: kind_of(&p),
        visibility: viewer.visibility,
        ..vigil_search::SearchQuery::new(name)
    };
    let hits = vigil_app::search::run(&app.search, &app.store, query).await?.items;
    Ok(layout::page(
        viewer,
        "Merge into",
        html! {
            h1 { "Merge “" (p.label) "” into…" }
            @if hits.is_empty() {
                p.empty { "Nothing in the case file is called “" (name) "”. Try another spelling, or accept the proposal as a new record." }
            } @else {
                form.stacked method="post" action={ "/proposals/" (stored.id) "/merge" } {
                    (layout::csrf_field(viewer))
                    fieldset {
                        legend { "Records found for “" (name) "”" }
                        @for (i, h) in hits.iter().enumerate() {
                            label.choice {
                                input type="radio" name="into" value=(h.id) checked[i == 0] required;
                                " " (h.title) " "
                                span.kind { "(" (h.kind.label()) @if let Some(d) = &h.date { ", " (d) } ")" }
                            }
                        }
                    }
                    button { "Merge into the chosen record" }
                }
            }
            p { a href={ "/sources/" (stored.source_id) "/proposals#" (stored.id) } { "Back to the proposals" } }
        },
    ))
}

/// What a decision on many proposals at once asks for: the ticked ones
/// (`id`, repeated), or every pending person or organisation matched to a
/// record with at least `min_score` (`select=matched`).
struct BulkDecision {
    accept: bool,
    ids: Vec<String>,
    matched_from: Option<f64>,
}

fn bulk_fields(body: &[u8]) -> Result<BulkDecision, ApiError> {
    let mut action = None;
    let mut ids = Vec::new();
    let mut matched = false;
    let mut min_score = None;
    for (k, v) in form_urlencoded::parse(body) {
        match k.as_ref() {
            "action" => action = Some(v.into_owned()),
            "id" => ids.push(v.into_owned()),
            "select" => matched = v == "matched",
            "min_score" => min_score = Some(v.trim().to_owned()),
            _ => {}
        }
    }
    let accept = match action.as_deref() {
        Some("accept") => true,
        Some("reject") => false,
        _ => return Err(ApiError::bad_param("action", "accept or reject")),
    };
    let matched_from = if matched {
        let score = min_score
            .as_deref()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|s| (0.5..=1.0).contains(s))
            .ok_or_else(|| ApiError::bad_param("min_score", "a score from 0.5 to 1"))?;
        Some(score)
    } else {
        if ids.is_empty() {
            return Err(ApiError::bad_param("id", "tick at least one proposal"));
        }
        None
    };
    Ok(BulkDecision {
        accept,
        ids,
        matched_from,
    })
}

/// Decides many proposals of one source, one by one: each is accepted or
/// rejected exactly as on its own (its own revision, its own decision),
/// and those that cannot be are listed with why and a way to finish them.
pub async fn decide_many<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(source): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let source = super::fetch(&app.store, &viewer, RecordKind::Source, &source).await?;
    let wanted = bulk_fields(&body)?;
    let filter = ProposalFilter {
        source_id: Some(source.id().clone()),
        state: Some(ProposalState::Pending),
        ..Default::default()
    };
    let pending: Vec<(StoredProposal, Proposal)> = review::proposals_seen(&app.store, &viewer, &filter)
        .await?
        .into_iter()
        .filter_map(|s| review::parse(&s).ok().map(|p| (s, p)))
        .collect();
    // Persons and organisations before the events and names that need them.
    let order = |p: &Proposal| match p.kind {
        ProposalKind::Person | ProposalKind::Organisation => 0,
        ProposalKind::Alias => 1,
        ProposalKind::Event => 2,
    };
    let mut chosen: Vec<&(StoredProposal, Proposal)> = pending
        .iter()
        .filter(|(s, p)| match wanted.matched_from {
            Some(min) => {
                matches!(p.kind, ProposalKind::Person | ProposalKind::Organisation)
                    && p.matched_id.is_some()
                    && p.score >= min
            }
            None => wanted.ids.contains(&s.id),
        })
        .collect();
    chosen.sort_by_key(|(_, p)| order(p));
    let mut done = 0;
    let mut left: Vec<(String, String, String)> = Vec::new();
    for (s, p) in chosen {
        let outcome = if wanted.accept {
            review::accept(&app.store, &viewer, &s.id, None, None).await.map(drop)
        } else {
            review::reject(&app.store, &viewer, &s.id).await.map(drop)
        };
        match outcome {
            Ok(()) => done += 1,
            Err(
                e @ (AppError::Invalid(_)
                | AppError::Store(StoreError::Invalid(_))
                | AppError::Conflict { .. }
                | AppError::NotFound { .. }),
            ) => left.push((s.id.clone(), p.label.clone(), e.to_string())),
            Err(e) => return Err(e.into()),
        }
    }
    if done > 0 {
        app.written();
    }
    let verb = if wanted.accept { "Accepted" } else { "Rejected" };
    Ok(layout::page(
        &viewer,
        "Decisions",
        html! {
            h1 { (verb) " " (done) " of " (done + left.len()) }
            @if !left.is_empty() {
                p { "These could not be decided as they stand:" }
                ul.records {
                    @for (id, label, why) in &left {
                        li { (label) " — " (why) " · " a href={ "/proposals/" (id) "/edit" } { "Edit, then accept" } }
                    }
                }
            }
            p { a href={ "/sources/" (source.id()) "/proposals" } { "Back to the proposals" } }
        },
    )
    .into_response())
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
    prefilled_form(&app, &viewer, &id, &[]).await
}
