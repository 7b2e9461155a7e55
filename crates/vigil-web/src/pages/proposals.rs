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
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use vigil_app::i18n::Arg;
use vigil_app::AppError;
use vigil_core::{FieldError, Record, RecordId, RecordKind};
use vigil_extract::{DateBasis, Format, Metadata, Proposal, ProposalKind};
use vigil_store::{ProposalFilter, ProposalState, Proposals, Store, StoreError, StoredProposal};

use super::{fmt, layout};
use crate::error::{ApiError, PageError};
use crate::links;
use crate::media_type;
use crate::{AppState, Viewer};
use vigil_app::review;

/// What went wrong with an upload: the interface's words, and the
/// details when there are some (in English, said in the reader's words
/// where the catalogues can).
struct Refusal<'a> {
    words: String,
    details: Option<&'a str>,
}

fn upload_page(viewer: &Viewer, error: Option<Refusal<'_>>) -> Markup {
    let tr = |key: &str| viewer.tr(key);
    let title = tr("upload-title");
    layout::page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            p { (tr("upload-intro")) }
            @if let Some(e) = error {
                p.error role="alert" {
                    (e.words)
                    // The reader's own details, in their words when the
                    // catalogues can say them (in English for English).
                    @if let Some(d) = e.details.and_then(|d| vigil_app::readback::said_deep(viewer.lang, d)) { " " (d) }
                }
            }
            form.stacked method="post" action="/sources/upload" enctype="multipart/form-data" {
                (layout::csrf_field(viewer))
                label { (tr("upload-file")) input type="file" name="file" accept=".txt,.text,.md,.html,.htm,.xhtml,.pdf,text/plain,text/html,application/pdf"; }
                label { (tr("upload-paste")) textarea name="text" rows="10" {} }
                label { (tr("upload-own-title")) input type="text" name="title"; }
                label { (tr("upload-publisher")) input type="text" name="publisher"; }
                label { (tr("upload-published")) input type="text" name="published" placeholder=(tr("upload-published-hint")); }
                label { (tr("upload-url")) input type="text" name="url" placeholder="https://…"; }
                label { (tr("upload-reason")) input type="text" name="reason" placeholder=(tr("upload-reason-hint")); }
                button { (tr("upload-submit")) }
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
    let refuse = |words: String, details: Option<&str>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            upload_page(&viewer, Some(Refusal { words, details })),
        )
            .into_response()
    };
    let boundary = media_type::multipart_boundary(&headers);
    let Some(parts) = boundary.and_then(|b| crate::multipart::parse(&body, &b)) else {
        return Ok(refuse(viewer.tr("upload-unreadable-form"), None));
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
        (None, None) => return Ok(refuse(viewer.tr("upload-nothing"), None)),
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
        Err(e) => {
            return Ok(refuse(
                viewer.tr(crate::error::message_key(e.detail.code)),
                Some(&e.detail.message),
            ))
        }
    };
    let reason = field("reason");
    match crate::uploads::ingest_bytes(&app, &viewer, &bytes, format, &given, &document, reason.as_deref()).await {
        Ok(outcome) => Ok(Redirect::to(&format!("/sources/{}/proposals", outcome.source_id)).into_response()),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let words = viewer
                .lang
                .tr_with("upload-not-read", &[("name", vigil_app::i18n::Arg::Text(&document))]);
            Ok(refuse(words, Some(&e.detail.message)))
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
        &viewer.tr("queue-title"),
        html! {
            h1 { (viewer.tr("queue-heading")) }
            p.actions {
                a.action href="/sources/upload" { (viewer.tr("upload-title")) }
                " "
                a.action href="/proposals/incomplete" { (viewer.tr("incomplete-link")) }
            }
            @if rows.is_empty() { p.empty { (viewer.tr("queue-none")) } }
            ul.records {
                @for (id, title, n) in &rows {
                    li { a href={ "/sources/" (id) "/proposals" } { (title) } " — " (viewer.lang.tr_with("queue-pending", &[("count", Arg::Number(*n as u64))])) }
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
                        li { a.own href={ "/proposals/" (p.id) "/edit" } { (p.label) } }
                    }
                }
            }
        },
    ))
}

/// A record named by a proposal: a link, never its id as text.
fn record_link(viewer: &Viewer, id: &RecordId, kind: Option<RecordKind>) -> Markup {
    let href = match kind {
        Some(k) => links::href(k, id),
        None => format!("/records/{id}/history"),
    };
    html! { a href=(href) { (viewer.tr("proposal-the-record")) } }
}

fn kind_of(p: &Proposal) -> Option<RecordKind> {
    match p.kind {
        ProposalKind::Person => Some(RecordKind::Person),
        ProposalKind::Organisation => Some(RecordKind::Organisation),
        ProposalKind::Event => Some(RecordKind::Event),
        ProposalKind::Alias => None,
    }
}

/// The catalogue key of a proposal's state.
fn state_key(state: ProposalState) -> &'static str {
    match state {
        ProposalState::Pending => "proposal-state-pending",
        ProposalState::Accepted => "proposal-state-accepted",
        ProposalState::Rejected => "proposal-state-rejected",
    }
}

/// How a proposed event's date was read, in words.
fn basis_key(basis: DateBasis) -> &'static str {
    match basis {
        DateBasis::Stated => "proposal-basis-stated",
        DateBasis::PublicationYear => "proposal-basis-publication-year",
        DateBasis::TextYear => "proposal-basis-text-year",
        DateBasis::Relative => "proposal-basis-relative",
        DateBasis::Reported => "proposal-basis-reported",
        DateBasis::Bounded => "proposal-basis-bounded",
    }
}

fn score(s: f64) -> String {
    format!("{s:.2}")
}

fn one(viewer: &Viewer, stored: &StoredProposal, p: &Proposal) -> Markup {
    let pending = stored.state == ProposalState::Pending;
    let lang = viewer.lang;
    let tr = |key: &str| viewer.tr(key);
    let with = |key: &str, name: &'static str, value: &str| lang.tr_with(key, &[(name, Arg::Text(value))]);
    html! {
        article.proposal id=(stored.id) {
            h3 {
                @if pending && viewer.may_write() {
                    input type="checkbox" name="id" value=(stored.id) form="bulk" aria-label=(with("proposal-select", "name", &p.label));
                    " "
                }
                span.own { (p.label) } " " span.state { "(" (tr(state_key(stored.state))) ")" }
            }
            dl.facts {
                @if let Some(m) = &p.matched_id {
                    dt { (tr("proposal-is")) } dd { (record_link(viewer, m, kind_of(p).or(Some(RecordKind::Person)).filter(|_| p.kind != ProposalKind::Alias))) " (" (with("proposal-match-score", "score", &score(p.score))) ")" }
                } @else {
                    dt { (tr("proposal-new")) } dd { (with("proposal-not-in-case-file", "score", &score(p.score))) }
                }
                @if !p.found_as.is_empty() { dt { (tr("proposal-named-as")) } dd.own { (p.found_as.join("; ")) } }
                @if !p.aliases.is_empty() { dt { (tr("proposal-new-names")) } dd.own { (p.aliases.join("; ")) } }
                @if let Some(r) = &p.role { dt { (tr("proposal-role")) } dd.own { (r) } }
                @if let Some(a) = &p.affiliation { dt { (tr("proposal-of")) } dd.own { (a.label) } }
                @if let Some(a) = &p.alias { dt { (tr("proposal-alias")) } dd.own { (a) } }
                @if let Some(t) = p.event_type { dt { (tr("proposal-type")) } dd { (lang.term(&t)) } }
                @if p.kind == ProposalKind::Event {
                    dt { (tr("proposal-date")) }
                    dd {
                        @match &p.date {
                            Some(d) => {
                                (fmt::time_in(lang, d))
                                @if let Some(b) = p.date_basis { " — " (tr(basis_key(b))) }
                                @if let Some(t) = &p.date_text { " (" span.own { (with("proposal-date-as-written", "text", t)) } ")" }
                            }
                            None => { em { (tr("proposal-no-date")) } }
                        }
                    }
                }
                @if let Some(pl) = &p.place { dt { (tr("proposal-place")) } dd.own { (pl) } }
                @if let Some(n) = p.victim_count { dt { (tr("proposal-people")) } dd { (n) } }
                @if let Some(t) = &p.terms {
                    dt { (tr("proposal-terms")) }
                    dd {
                        @if let Some(d) = t.imprisonment { (with("proposal-imprisonment", "term", &vigil_app::words::duration_in(lang, &d))) "; " }
                        @if let Some(d) = t.restricted_freedom { (with("proposal-restricted-freedom", "term", &vigil_app::words::duration_in(lang, &d))) "; " }
                        @if t.fine.is_some() { (tr("proposal-fine")) "; " }
                        @for b in &t.bans { span.own { (with("proposal-ban", "scope", &b.scope)) } "; " }
                    }
                }
                @if !p.participants.is_empty() {
                    dt { (tr("proposal-who")) }
                    dd {
                        @for q in &p.participants {
                            span.participant { (lang.term(&q.role)) ": "
                                @if let Some(r) = &q.record_id { a.own href={ "/records/" (r) "/history" } { (q.label) } } @else { span.own { (q.label) } }
                                " " }
                        }
                    }
                }
                @if !p.acts_on.is_empty() {
                    dt { (tr("fact-acts-on")) }
                    dd {
                        @for l in &p.acts_on {
                            @if let Some(r) = &l.record_id { a.own href={ "/events/" (r) } { (l.label) } } @else { span.own { (l.label) } }
                            " "
                        }
                    }
                }
                @if let Some(by) = &stored.decided_by {
                    dt { (tr("proposal-decided-by")) }
                    dd { span.own { (by) } @if let Some(r) = &stored.record_id { " → " a href={ "/records/" (r) "/history" } { (tr("proposal-the-record")) } } }
                }
            }
            @for x in &p.excerpts {
                blockquote.excerpt {
                    (x.text)
                    footer {
                        a href={ "/sources/" (stored.source_id) "#at-" (x.start) }
                            title=(lang.tr_with("proposal-passage-at", &[("from", Arg::Number(x.start as u64)), ("to", Arg::Number(x.end as u64))])) {
                            (tr("proposal-in-source"))
                        }
                    }
                }
            }
            @if pending && viewer.may_write() {
                div.actions {
                    form.inline method="post" action={ "/proposals/" (stored.id) "/accept" } {
                        (layout::csrf_field(viewer))
                        button { @if p.matched_id.is_some() { (tr("proposal-accept-add")) } @else { (tr("proposal-accept")) } }
                    }
                    @if p.kind != ProposalKind::Alias {
                        a.action href={ "/proposals/" (stored.id) "/edit" } { (tr("proposal-edit-accept")) }
                    }
                    form.inline method="post" action={ "/proposals/" (stored.id) "/merge" } {
                        (layout::csrf_field(viewer))
                        input type="search" name="into" list="name-suggestions" autocomplete="off"
                            aria-label=(tr("proposal-merge-label")) placeholder=(tr("proposal-merge-hint")) required;
                        button { (tr("proposal-merge")) }
                    }
                    form.inline method="post" action={ "/proposals/" (stored.id) "/reject" } {
                        (layout::csrf_field(viewer))
                        button { (tr("proposal-reject")) }
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

fn filter_form(viewer: &Viewer, source: &RecordId, f: &ReviewFilter) -> Markup {
    let kind = f.kind.as_deref().unwrap_or("");
    let state = f.state.as_deref().unwrap_or("pending");
    let tr = |key: &str| viewer.tr(key);
    html! {
        form.filters method="get" action={ "/sources/" (source) "/proposals" } {
            label { (tr("review-kind")) " "
                select name="kind" {
                    @for (v, l) in [("", "review-kind-any"), ("person", "review-kind-persons"), ("organisation", "review-kind-organisations"), ("alias", "review-kind-aliases"), ("event", "review-kind-events")] {
                        option value=(v) selected[kind == v] { (tr(l)) }
                    }
                }
            }
            " "
            label { (tr("review-state")) " "
                select name="state" {
                    @for (v, l) in [("pending", state_key(ProposalState::Pending)), ("accepted", state_key(ProposalState::Accepted)), ("rejected", state_key(ProposalState::Rejected)), ("all", "review-state-all")] {
                        option value=(v) selected[state == v] { (tr(l)) }
                    }
                }
            }
            " "
            label { (tr("review-min-score")) " " input type="number" name="min_score" min="0" max="1" step="0.05" value=[f.min_score.as_deref()]; }
            " "
            button { (tr("review-show")) }
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
    // The other source of each near-duplicate, by its title (never its id).
    let mut near: Vec<(RecordId, String)> = Vec::new();
    for l in &links {
        let other = match &l.other_id {
            Some(o) if o == source.id() => &l.source_id,
            Some(o) => o,
            None => continue,
        };
        if let Ok(r) = app.store.record(other, viewer.visibility).await {
            near.push((other.clone(), r.title().to_owned()));
        }
    }
    let sections = [
        (ProposalKind::Person, "review-persons"),
        (ProposalKind::Organisation, "review-organisations"),
        (ProposalKind::Alias, "review-aliases"),
        (ProposalKind::Event, "review-events"),
    ];
    let lang = viewer.lang;
    let tr = |key: &str| viewer.tr(key);
    let counted = |key: &str, st: ProposalState| lang.tr_with(key, &[("count", Arg::Number(count(st) as u64))]);
    Ok(layout::page(
        &viewer,
        &lang.tr_with("review-title", &[("title", Arg::Text(source.title()))]),
        html! {
            p.kind { (tr("queue-title")) }
            h1.own { (source.title()) }
            p { a href=(links::href(RecordKind::Source, source.id())) { (tr("review-the-source")) } " · "
                (counted("review-count-pending", ProposalState::Pending)) ", "
                (counted("review-count-accepted", ProposalState::Accepted)) ", "
                (counted("review-count-rejected", ProposalState::Rejected)) }
            @for l in &links {
                @if l.relation == "duplicate" {
                    p.hint { (lang.tr_with("review-duplicate", &[("name", Arg::Text(&l.document)), ("by", Arg::Text(&l.by))])) }
                } @else if let Some(o) = &l.other_id {
                    @let other = if o == source.id() { &l.source_id } else { o };
                    @if let Some((id, title)) = near.iter().find(|(id, _)| id == other) {
                        p.hint {
                            (tr("review-near")) " " a href=(links::href(RecordKind::Source, id)) { (title) }
                            " " (lang.tr_with("review-similarity", &[("score", Arg::Text(&score(l.similarity)))]))
                        }
                    }
                }
            }
            p.hint { (tr("review-order")) }
            (filter_form(&viewer, source.id(), &filter))
            @if viewer.may_write() && count(ProposalState::Pending) > 0 {
                form.bulk id="bulk" method="post" action={ "/sources/" (source.id()) "/proposals/decide" } {
                    (layout::csrf_field(&viewer))
                    p {
                        (tr("review-tick")) " "
                        button name="action" value="accept" { (tr("review-accept-selected")) }
                        " "
                        button name="action" value="reject" { (tr("review-reject-selected")) }
                    }
                }
                form.bulk method="post" action={ "/sources/" (source.id()) "/proposals/decide" } {
                    (layout::csrf_field(&viewer))
                    input type="hidden" name="select" value="matched";
                    p {
                        label { (tr("review-matched")) " "
                            input type="number" name="min_score" min="0.5" max="1" step="0.05" value="0.9"; }
                        " "
                        button name="action" value="accept" { (tr("review-accept-them")) }
                    }
                }
                p.hint { (tr("review-one-by-one")) }
            }
            @if parsed.is_empty() { p.empty { (tr("review-none")) } }
            @for (kind, heading) in sections {
                @let these: Vec<&(StoredProposal, Proposal)> = parsed.iter().filter(|(s, p)| p.kind == kind && filter.keeps(s, p)).collect();
                @if !these.is_empty() {
                    section.proposals {
                        h2 { (tr(heading)) " (" (these.len()) ")" }
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
        errors.push(FieldError::new("date", viewer.tr("review-no-date")));
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
    let tr = |key: &str| viewer.tr(key);
    let named = |key: &str, value: &str| viewer.lang.tr_with(key, &[("name", Arg::Text(value))]);
    Ok(layout::page(
        viewer,
        &tr("merge-title"),
        html! {
            h1 { (named("merge-heading", &p.label)) }
            @if hits.is_empty() {
                p.empty { (named("merge-nothing", name)) }
            } @else {
                form.stacked method="post" action={ "/proposals/" (stored.id) "/merge" } {
                    (layout::csrf_field(viewer))
                    fieldset {
                        legend { (named("merge-found", name)) }
                        @for (i, h) in hits.iter().enumerate() {
                            label.choice {
                                input type="radio" name="into" value=(h.id) checked[i == 0] required;
                                " " span.own { (h.title) } " "
                                span.kind { "(" (viewer.lang.term(&h.kind)) @if let Some(d) = h.date.as_deref().and_then(|d| d.parse::<vigil_core::PartialDate>().ok()) { ", " (fmt::date_in(viewer.lang, &d)) } ")" }
                            }
                        }
                    }
                    button { (tr("merge-submit")) }
                }
            }
            p { a href={ "/sources/" (stored.source_id) "/proposals#" (stored.id) } { (tr("review-back")) } }
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
    // Organisations before the persons whose affiliations name them,
    // persons before the events and names that need them.
    let order = |p: &Proposal| match p.kind {
        ProposalKind::Organisation => 0,
        ProposalKind::Person => 1,
        ProposalKind::Alias => 2,
        ProposalKind::Event => 3,
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
    let mut done: u64 = 0;
    let mut left: Vec<(String, String, &str, String)> = Vec::new();
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
            ) => {
                let why = match e {
                    AppError::Conflict { .. } => "decisions-why-conflict",
                    AppError::NotFound { .. } => "decisions-why-not-found",
                    _ => "decisions-why-invalid",
                };
                left.push((s.id.clone(), p.label.clone(), why, e.to_string()));
            }
            Err(e) => return Err(e.into()),
        }
    }
    if done > 0 {
        app.written();
    }
    let verb = if wanted.accept {
        "decisions-accepted"
    } else {
        "decisions-rejected"
    };
    let tr = |key: &str| viewer.tr(key);
    Ok(layout::page(
        &viewer,
        &tr("decisions-title"),
        html! {
            h1 { (viewer.lang.tr_with(verb, &[("count", Arg::Number(done)), ("total", Arg::Number(done + left.len() as u64))])) }
            @if !left.is_empty() {
                p { (tr("decisions-left")) }
                ul.records {
                    @for (id, label, why, details) in &left {
                        li { span.own { (label) } " — " span title=(details) { (tr(why)) } " · " a href={ "/proposals/" (id) "/edit" } { (tr("proposal-edit-accept")) } }
                    }
                }
            }
            p { a href={ "/sources/" (source.id()) "/proposals" } { (tr("review-back")) } }
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
