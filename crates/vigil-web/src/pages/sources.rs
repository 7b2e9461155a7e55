//! `/sources` and `/sources/{id}`: a source's full text with every passage
//! the case file cites marked and linked to the records that cite it.

use std::collections::BTreeSet;
use std::future::Future;

use maud::{html, Markup, PreEscaped};
use vigil_app::i18n::{Arg, Lang};
use vigil_core::{Record, RecordKind, Source};
use vigil_store::{Campaigns, Listing, Page, Store, Visibility};

use super::{fmt, record_page, RecordList, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::{AppState, Viewer};

impl RecordList for Source {
    const PATH: &'static str = "/sources";
    const TITLE: &'static str = "nav-sources";
    const NONE: &'static str = "list-sources-none";

    fn listing<S: Store>(
        store: &S,
        visibility: Visibility,
        _name: Option<String>,
        page: Page,
    ) -> impl Future<Output = vigil_store::Result<Listing<Source>>> + Send {
        store.sources(visibility, page)
    }

    fn line(&self, lang: Lang) -> Markup {
        html! {
            a href=(links::href(RecordKind::Source, &self.id)) { (self.title) }
            @if let Some(p) = &self.publisher { " — " (p) }
            @if let Some(d) = &self.published { " (" (fmt::time_in(lang, d)) ")" }
        }
    }

    fn actions(viewer: &Viewer) -> Markup {
        html! {
            @if viewer.may_write() {
                p.actions { a.action href="/sources/upload" { (viewer.lang.tr("list-upload")) } " " a.action href="/proposals" { (viewer.lang.tr("list-proposals-waiting")) } }
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
fn annotated(lang: Lang, source: &Source, citing: &[Record]) -> Markup {
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
                            a href=(links::href(c.by.kind(), c.by.id())) title=(c.by.title()) { "[" (lang.term(&c.by.kind()).to_lowercase()) "]" }
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
        let lang = viewer.lang;
        let tr = |key: &str| lang.tr(key);
        Ok(record_page(
            viewer,
            RecordKind::Source,
            &source.id,
            &source.title,
            html! {},
            html! { @if viewer.may_write() { " " a.action href={ "/sources/" (source.id) "/proposals" } { (tr("source-proposals")) } } },
            html! {
                dl.facts {
                    @if let Some(p) = &source.publisher { dt { (tr("source-publisher")) } dd.own { (p) } }
                    @if let Some(d) = &source.published { dt { (tr("source-published")) } dd { (fmt::time_in(lang, d)) } }
                    @if let Some(l) = &source.language { dt { (tr("fact-language")) } dd { (language_name(lang, l)) } }
                    @if let Some(u) = &source.url { dt { (tr("source-original")) } dd { a href=(u) rel="noopener noreferrer nofollow" { (u) } } }
                    dt { "SHA-256" } dd { code { (source.content_hash()) } }
                    dt { (tr("source-cited-by")) } dd { (lang.tr_with("source-cited-by-count", &[("count", Arg::Number(citing.len() as u64))])) }
                }
                h2 { (tr("source-text")) }
                p.hint { (tr("source-hint")) }
                (annotated(lang, &source, &citing))
                (super::attachments::section(lang, &attachments))
            },
        ))
    }
}

/// A language's name in the reader's language, for the languages Vigil
/// speaks; any other as its code.
pub fn language_name(lang: Lang, code: &str) -> String {
    match Lang::parse(code) {
        // A language added since the reader's catalogue was written is
        // named in itself.
        Some(spoken) => lang
            .try_tr(&format!("language-name-{}", spoken.code()))
            .unwrap_or_else(|| spoken.own_name()),
        None => code.to_owned(),
    }
}
