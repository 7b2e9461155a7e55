//! `/api/v1/search` and `/api/v1/search/suggest`: full text over sources
//! and records, with facets, and names as one types.
//!
//! Before searching, a request applies what is left of the store's change
//! log (bounded: the background follower does the heavy work), so a write
//! is searchable at once. If the index cannot catch up, the request still
//! searches what it has: a stale answer beats none.

use axum::Json;
use serde::Serialize;
use vigil_core::{EventType, RecordKind};
use vigil_search::{FacetValue, SearchResults, Suggestion};
use vigil_store::Store;

use super::spec::{ListErrors, PageParams};
use super::Ask;
use crate::error::ApiError;
use crate::searching::{read_query, run};

/// A page of hits, how many there are, and facet counts over them all.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchBody {
    pub items: Vec<SearchItem>,
    pub total: u64,
    pub facets: FacetsBody,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchItem {
    pub kind: RecordKind,
    pub id: String,
    pub title: String,
    /// HTML: a passage of the record's text, escaped, with the matched
    /// words in `<mark>…</mark>`.
    pub snippet: String,
    /// HTML, as the snippet: a person's or an organisation's other
    /// spellings, `·`-separated (absent when there are none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also_written: Option<String>,
    pub score: f32,
    /// An event's or a source's date (`2019-10-16`, `2019-08`, `2016`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Each facet's values, most frequent first (years: latest first).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FacetsBody {
    pub kind: Vec<FacetCount>,
    #[serde(rename = "type")]
    pub event_type: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub country: Vec<FacetCount>,
    pub organisation: Vec<FacetCount>,
    pub language: Vec<FacetCount>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FacetCount {
    /// As the filter of the same name takes it.
    pub value: String,
    pub label: String,
    pub count: u64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SuggestBody {
    pub items: Vec<SuggestItem>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SuggestItem {
    pub kind: RecordKind,
    pub id: String,
    pub name: String,
    /// The alias that matched, when it is not the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
}

fn counts(values: Vec<FacetValue>) -> Vec<FacetCount> {
    values
        .into_iter()
        .map(|v| FacetCount {
            value: v.value,
            label: v.label,
            count: v.count,
        })
        .collect()
}

impl From<SearchResults> for SearchBody {
    fn from(r: SearchResults) -> Self {
        SearchBody {
            items: r
                .items
                .into_iter()
                .map(|h| SearchItem {
                    kind: h.kind,
                    id: h.id.to_string(),
                    title: h.title,
                    snippet: h.snippet,
                    also_written: Some(h.also).filter(|a| !a.is_empty()),
                    score: h.score,
                    date: h.date,
                })
                .collect(),
            total: r.total,
            facets: FacetsBody {
                kind: counts(r.facets.kind),
                event_type: counts(r.facets.event_type),
                year: counts(r.facets.year),
                country: counts(r.facets.country),
                organisation: counts(r.facets.organisation),
                language: counts(r.facets.language),
            },
        }
    }
}

impl From<Suggestion> for SuggestItem {
    fn from(s: Suggestion) -> Self {
        SuggestItem {
            kind: s.kind,
            id: s.id.to_string(),
            name: s.name,
            matched: s.matched,
        }
    }
}

/// Full-text search over sources, persons, organisations, events and
/// cases. `q` takes words and "quoted phrases"; a name is found in any
/// spelling or script (Baltabay, Baltabai, Балтабай), with one typo, or
/// from its first letters. Confidential records are never found.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", operation_id = "search",
    params(
        ("q" = Option<String>, Query, description = "Words and \"phrases\", at most 200 characters; left out: everything the filters pass"),
        ("kind" = Option<RecordKind>, Query, description = "Only records of this kind"),
        ("type" = Option<EventType>, Query, description = "Only events of this type"),
        ("year" = Option<i32>, Query, minimum = 1000, maximum = 2999, description = "Only records dated (possibly) in this year, 1000–2999"),
        ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2, such as KZ"),
        ("organisation" = Option<String>, Query, description = "An organisation's id: the organisation, its members, the events it takes part in"),
        ("language" = Option<String>, Query, description = "Sources in this language, such as en or ru"),
        PageParams,
    ),
    responses((status = 200, body = SearchBody), ListErrors))]
#[tracing::instrument(skip_all)]
pub async fn search<S: Store>(Ask(app, viewer, params): Ask<S>) -> Result<Json<SearchBody>, ApiError> {
    let query = read_query(&params, &viewer)?;
    Ok(Json(run(&app, query).await?.into()))
}

/// Persons and organisations whose name or alias starts as typed, in any
/// spelling or script: for suggestions as one types.
#[utoipa::path(get, path = "/api/v1/search/suggest", tag = "search", operation_id = "suggest",
    params(
        ("q" = String, Query, description = "What has been typed; fewer than two letters suggest nothing"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 50, description = "1–50, default 10"),
    ),
    responses((status = 200, body = SuggestBody), ListErrors))]
#[tracing::instrument(skip_all)]
pub async fn suggest<S: Store>(Ask(app, viewer, params): Ask<S>) -> Result<Json<SuggestBody>, ApiError> {
    let typed = params.search_text("q")?.unwrap_or_default();
    let limit = match params.text("limit") {
        None => 10,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=50).contains(n))
            .ok_or_else(|| ApiError::bad_param("limit", "limit must be between 1 and 50"))?,
    };
    let found = vigil_app::search::suggest(&app.search, &app.store, typed, viewer.visibility, limit).await?;
    Ok(Json(SuggestBody {
        items: found.into_iter().map(SuggestItem::from).collect(),
    }))
}
