//! `/search`: results with highlighted passages, facets as links, pages.
//! Works without JavaScript; `/assets/suggest.js` only adds name
//! suggestions to the search box as one types.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped};
use vigil_app::i18n::{Arg, Lang};
use vigil_core::{EventType, PartialDate, RecordKind};
use vigil_search::{FacetValue, Facets};
use vigil_store::Store;

use super::{fmt, layout};
use crate::error::PageError;
use crate::links;
use crate::params::Params;
use crate::searching::{read_query, run};
use crate::{AppState, Viewer};

/// The script that offers names as one types.
pub const SUGGEST_SCRIPT: &str = include_str!("../../assets/suggest.js");

pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SUGGEST_SCRIPT,
    )
        .into_response()
}

/// The filters a facet link can set, in the order they are shown, with
/// the catalogue keys of their names.
const FACETS: [(&str, &str); 6] = [
    ("kind", "search-facet-kind"),
    ("type", "search-facet-type"),
    ("year", "search-facet-year"),
    ("country", "fact-country"),
    ("organisation", "search-facet-organisation"),
    ("language", "fact-language"),
];

/// A facet's value in the reader's words: a kind of record, an event type,
/// a country or a language by its name; a year or an organisation as the
/// index labels it.
fn value_label(lang: Lang, facet: &str, value: &str, label: &str) -> String {
    match facet {
        "kind" => value.parse::<RecordKind>().map(|k| lang.term(&k)).ok(),
        "type" => value.parse::<EventType>().map(|t| lang.term(&t)).ok(),
        "country" => Some(vigil_app::words::country_in(lang, value)),
        "language" => Some(super::sources::language_name(lang, value)),
        _ => None,
    }
    .unwrap_or_else(|| label.to_owned())
}

pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Markup, PageError> {
    let query = read_query(&params, &viewer)?;
    let filters = query.filters();
    let asked = !query.text.trim().is_empty() || !filters.is_empty();
    let results = if asked {
        Some(run(&app, query.clone()).await?)
    } else {
        None
    };
    // The current search as query-string pairs, without paging.
    let mut current: Vec<(&str, String)> = Vec::new();
    if !query.text.is_empty() {
        current.push(("q", query.text.clone()));
    }
    current.extend(filters.iter().map(|(k, v)| (*k, v.clone())));
    let link = |pairs: &[(&str, String)]| {
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        format!("/search?{}", links::query(&refs))
    };
    let with = |dimension: &str, value: &str| {
        let mut pairs: Vec<(&str, String)> = current.iter().filter(|(k, _)| *k != dimension).cloned().collect();
        pairs.push((dimension, value.to_owned()));
        link(&pairs)
    };
    let without = |dimension: &str| {
        let pairs: Vec<(&str, String)> = current.iter().filter(|(k, _)| *k != dimension).cloned().collect();
        link(&pairs)
    };
    let lang = viewer.lang;
    let tr = |key: &str| lang.tr(key);
    let title = if query.text.is_empty() {
        tr("search-label")
    } else {
        lang.tr_with("search-title", &[("text", Arg::Text(&query.text))])
    };
    // A filter's value as shown: by its facet's label when the index gave
    // one, else in words.
    let shown = |facet: &str, value: &str| -> String {
        let label = results
            .as_ref()
            .and_then(|r| facet_values_of(&r.facets, facet).into_iter().find(|v| v.value == value))
            .map(|v| v.label)
            .unwrap_or_else(|| value.to_owned());
        value_label(lang, facet, value, &label)
    };
    let facet_values = |name: &str| -> Vec<FacetValue> {
        let Some(r) = &results else { return Vec::new() };
        facet_values_of(&r.facets, name)
    };
    let refs: Vec<(&str, &str)> = current.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let query_string = links::query(&refs);
    Ok(layout::page(
        &viewer,
        &title,
        html! {
            h1 { (tr("search-label")) }
            form.filter method="get" action="/search" role="search" {
                label { (tr("search-field"))
                    input type="search" name="q" value=(query.text) list="name-suggestions" autocomplete="off";
                }
                @for (k, v) in &filters { input type="hidden" name=(k) value=(v); }
                button { (tr("search-button")) }
            }
            @if !filters.is_empty() {
                p.filters {
                    (tr("search-only")) " "
                    @for (k, v) in &filters {
                        @let facet = FACETS.iter().find(|(name, _)| name == k).map_or(k.to_string(), |(_, key)| tr(key));
                        span.filter { (facet) ": " (shown(k, v)) " " a href=(without(k)) title=(tr("search-remove-filter")) { "×" } }
                        " "
                    }
                }
            }
            @match &results {
                None => p.hint { (tr("search-hint")) },
                Some(r) => {
                    p.total { (lang.tr_with("search-results", &[("count", Arg::Number(r.total))])) }
                    div.search {
                        aside.facets {
                            @for (name, label) in FACETS {
                                @let values = facet_values(name);
                                // An organisation is named as the case file writes it.
                                @let own = (name == "organisation").then_some("own");
                                @if !values.is_empty() {
                                    section.facet {
                                        h2 { (tr(label)) }
                                        ul {
                                            @for v in &values {
                                                @let active = filters.iter().any(|(k, x)| *k == name && *x == v.value);
                                                li {
                                                    @if active {
                                                        strong class=[own] { (value_label(lang, name, &v.value, &v.label)) } " (" (v.count) ") "
                                                        a href=(without(name)) title=(tr("search-remove-filter")) { "×" }
                                                    } @else {
                                                        a href=(with(name, &v.value)) class=[own] { (value_label(lang, name, &v.value, &v.label)) } " (" (v.count) ")"
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        ol.results {
                            @for hit in &r.items {
                                li {
                                    p.kind { (lang.term(&hit.kind))
                                        @if let Some(d) = &hit.date {
                                            " · "
                                            @match d.parse::<PartialDate>() {
                                                Ok(date) => (fmt::time_in(lang, &date)),
                                                Err(_) => (d),
                                            }
                                        }
                                    }
                                    a.title href=(links::href(hit.kind, &hit.id)) { (hit.title) }
                                    @if !hit.also.is_empty() {
                                        // The label in the reader's words; the spellings
                                        // escaped by the index's highlighter.
                                        p.snippet.also {
                                            (tr(if hit.kind == RecordKind::Organisation {
                                                "organisation-also-known"
                                            } else {
                                                "person-also-written"
                                            }))
                                            " " (PreEscaped(&hit.also))
                                        }
                                    }
                                    @if !hit.snippet.is_empty() {
                                        // Escaped by the index's highlighter; only <mark> is markup.
                                        p.snippet { (PreEscaped(&hit.snippet)) }
                                    }
                                }
                            }
                        }
                    }
                    @if r.items.is_empty() { p.empty { (tr("search-nothing")) } }
                    (layout::pager(viewer.lang, "/search", &query_string, query.page.offset(), query.page.limit(), r.total))
                }
            }
        },
    ))
}

/// The values of the facet `name`.
fn facet_values_of(f: &Facets, name: &str) -> Vec<FacetValue> {
    match name {
        "kind" => f.kind.clone(),
        "type" => f.event_type.clone(),
        "year" => f.year.clone(),
        "country" => f.country.clone(),
        "organisation" => f.organisation.clone(),
        "language" => f.language.clone(),
        _ => Vec::new(),
    }
}
