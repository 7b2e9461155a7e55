//! `/search`: results with highlighted passages, facets as links, pages.
//! Works without JavaScript; `/assets/suggest.js` only adds name
//! suggestions to the search box as one types.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped};
use vigil_search::FacetValue;
use vigil_store::Store;

use super::layout;
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

/// The filters a facet link can set, in the order they are shown.
const FACETS: [(&str, &str); 6] = [
    ("kind", "Kind of record"),
    ("type", "Event type"),
    ("year", "Year"),
    ("country", "Country"),
    ("organisation", "Organisation"),
    ("language", "Language"),
];

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
    let title = if query.text.is_empty() {
        "Search".to_owned()
    } else {
        format!("Search: {}", query.text)
    };
    let facet_values = |name: &str| -> Vec<FacetValue> {
        let Some(r) = &results else { return Vec::new() };
        let f = &r.facets;
        match name {
            "kind" => f.kind.clone(),
            "type" => f.event_type.clone(),
            "year" => f.year.clone(),
            "country" => f.country.clone(),
            "organisation" => f.organisation.clone(),
            "language" => f.language.clone(),
            _ => Vec::new(),
        }
    };
    let refs: Vec<(&str, &str)> = current.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let query_string = links::query(&refs);
    Ok(layout::page(
        &viewer,
        &title,
        html! {
            h1 { "Search" }
            form.filter method="get" action="/search" role="search" {
                label { "Words, \"phrases\", or a name in any spelling or script"
                    input type="search" name="q" value=(query.text) list="name-suggestions" autocomplete="off";
                }
                @for (k, v) in &filters { input type="hidden" name=(k) value=(v); }
                button { "Search" }
            }
            @if !filters.is_empty() {
                p.filters {
                    "Only: "
                    @for (k, v) in &filters {
                        span.filter { (k) " = " (v) " " a href=(without(k)) title="Remove this filter" { "×" } }
                        " "
                    }
                }
            }
            @match &results {
                None => p.hint { "Type a name (Baltabay, Балтабай, Kushakpaev…), words or a \"quoted phrase\"." },
                Some(r) => {
                    p.total { (r.total) " results" }
                    div.search {
                        aside.facets {
                            @for (name, label) in FACETS {
                                @let values = facet_values(name);
                                @if !values.is_empty() {
                                    section.facet {
                                        h2 { (label) }
                                        ul {
                                            @for v in &values {
                                                @let active = filters.iter().any(|(k, x)| *k == name && *x == v.value);
                                                li {
                                                    @if active {
                                                        strong { (v.label) } " (" (v.count) ") "
                                                        a href=(without(name)) title="Remove this filter" { "×" }
                                                    } @else {
                                                        a href=(with(name, &v.value)) { (v.label) } " (" (v.count) ")"
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
                                    p.kind { (hit.kind.label())
                                        @if let Some(d) = &hit.date { " · " (d) }
                                    }
                                    a.title href=(links::href(hit.kind, &hit.id)) { (hit.title) }
                                    @if !hit.snippet.is_empty() {
                                        // Escaped by the index's highlighter; only <mark> is markup.
                                        p.snippet { (PreEscaped(&hit.snippet)) }
                                    }
                                }
                            }
                        }
                    }
                    @if r.items.is_empty() { p.empty { "Nothing matches." } }
                    (layout::pager(viewer.lang, "/search", &query_string, query.page.offset(), query.page.limit(), r.total))
                }
            }
        },
    ))
}
