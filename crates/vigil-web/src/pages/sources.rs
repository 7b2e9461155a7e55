//! `/sources` and `/sources/{id}`: a source's full text with every passage
//! the case file cites marked and linked to the records that cite it.

use std::collections::BTreeSet;
use std::future::Future;

use maud::{html, Markup, PreEscaped};
use vigil_core::{Record, RecordKind, Source};
use vigil_store::{Campaigns, Listing, Page, Store, Visibility};

use super::{fmt, layout, RecordList, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::{AppState, Viewer};

impl RecordList for Source {
    const PATH: &'static str = "/sources";
    const TITLE: &'static str = "Sources";
    const NONE: &'static str = "No sources.";

    fn listing<S: Store>(
        store: &S,
        visibility: Visibility,
        _name: Option<String>,
        page: Page,
    ) -> impl Future<Output = vigil_store::Result<Listing<Source>>> + Send {
        store.sources(visibility, page)
    }

    fn line(&self) -> Markup {
        html! {
            a href=(links::href(RecordKind::Source, &self.id)) { (self.title) }
            @if let Some(p) = &self.publisher { " — " (p) }
            @if let Some(d) = &self.published { " (" (fmt::time(d)) ")" }
        }
    }

    fn actions(viewer: &Viewer) -> Markup {
        html! {
            @if viewer.may_write() {
                p.actions { a.action href="/sources/upload" { "Upload a document" } " " a.action href="/proposals" { "Proposals waiting" } }
            }
        }
    }
}

/// One citation of a passage: the span and who cites it.
struct Citation<'a> {
    start: usize,
    end: usize,
    by: &'a Record,
}

/// The text cut at every citation boundary; each piece marked when some
/// citation covers it, each citation's end followed by links to its records.
fn annotated(source: &Source, citing: &[Record]) -> Markup {
    let text = &source.text;
    let citations: Vec<Citation> = citing
        .iter()
        .flat_map(|r| {
            r.excerpts()
                .iter()
                .filter(|x| x.source_id == source.id && x.matches(text))
                .map(move |x| Citation {
                    start: x.start,
                    end: x.end,
                    by: r,
                })
        })
        .collect();
    let mut cuts: BTreeSet<usize> = [0, text.len()].into();
    for c in &citations {
        cuts.insert(c.start);
        cuts.insert(c.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut anchored: BTreeSet<usize> = BTreeSet::new();
    html! {
        div.source-text {
            @for w in cuts.windows(2) {
                @let (a, b) = (w[0], w[1]);
                // Offsets were checked by `matches`, so these are boundaries.
                @let piece = text.get(a..b).unwrap_or_default();
                @let covering: Vec<&Citation> = citations.iter().filter(|c| c.start <= a && b <= c.end).collect();
                @if citations.iter().any(|c| c.start == a) && anchored.insert(a) {
                    span id={ "at-" (a) } {}
                }
                @if covering.is_empty() {
                    (piece)
                } @else {
                    mark title=(covering.iter().map(|c| c.by.title()).collect::<Vec<_>>().join("; ")) { (piece) }
                }
                @let ending: Vec<&Citation> = citations.iter().filter(|c| c.end == b).collect();
                @if !ending.is_empty() {
                    sup.cites {
                        @for (i, c) in ending.iter().enumerate() {
                            @if i > 0 { (PreEscaped(" ")) }
                            a href=(links::href(c.by.kind(), c.by.id())) title=(c.by.title()) { "[" (c.by.kind().as_str()) "]" }
                        }
                    }
                }
            }
        }
    }
}

impl RecordPage for Source {
    async fn page<S: Store + Campaigns + vigil_store::Attachments>(
        self,
        app: &AppState<S>,
        viewer: &Viewer,
    ) -> Result<Markup, PageError> {
        let source = self;
        let citing = app.store.referring_to(&source.id, viewer.visibility).await?;
        let attachments = vigil_app::field::attachments(&app.store, viewer, &source.id).await?;
        Ok(layout::page(
            viewer,
            &source.title,
            html! {
                p.kind { "Source" }
                h1 { (source.title) }
                p.actions {
                    (super::edit::edit_link(viewer, RecordKind::Source, &source.id))
                    @if viewer.may_write() { " " a.action href={ "/sources/" (source.id) "/proposals" } { "Proposals" } }
                }
                dl.facts {
                    @if let Some(p) = &source.publisher { dt { "Publisher" } dd { (p) } }
                    @if let Some(d) = &source.published { dt { "Published" } dd { (fmt::time(d)) } }
                    @if let Some(l) = &source.language { dt { "Language" } dd { (l) } }
                    @if let Some(u) = &source.url { dt { "Original" } dd { a href=(u) rel="noopener noreferrer nofollow" { (u) } } }
                    dt { "SHA-256" } dd { code { (source.content_hash()) } }
                    dt { "Cited by" } dd { (citing.len()) " records" }
                }
                h2 { "Text" }
                p.hint { "Marked passages are cited as evidence; the link after each leads to the record that cites it." }
                (annotated(&source, &citing))
                (super::attachments::section(&attachments))
                p.history { a href={ "/records/" (source.id) "/history" } { "History of this record" } }
            },
        ))
    }
}
