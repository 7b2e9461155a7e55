//! Searching as the viewer: the query read from the request, and its run
//! (`vigil_app::search`). The search page and the JSON API share both.

use vigil_core::{EventType, RecordKind};
use vigil_search::{SearchQuery, SearchResults};
use vigil_store::Store;

use crate::error::ApiError;
use crate::params::Params;
use crate::{AppState, Viewer};

/// Reads `q` and the filters; every bad value is a 400 naming it.
pub(crate) fn read_query(params: &Params, viewer: &Viewer) -> Result<SearchQuery, ApiError> {
    let year = match params.text("year") {
        None => None,
        Some(v) => Some(
            v.parse::<i32>()
                .ok()
                .filter(|y| (1000..=2999).contains(y))
                .ok_or_else(|| ApiError::bad_param("year", "year must be a year, such as 2019"))?,
        ),
    };
    let country = match params.text("country").map(vigil_core::Country::parse) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(_)) => {
            return Err(ApiError::bad_param(
                "country",
                "country must be an ISO 3166-1 alpha-2 code, such as KZ",
            ))
        }
    };
    let language = match params.text("language") {
        None => None,
        Some(l) if (2..=8).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
            Some(l.to_ascii_lowercase())
        }
        Some(_) => {
            return Err(ApiError::bad_param(
                "language",
                "language must be a language tag, such as en or ru",
            ))
        }
    };
    Ok(SearchQuery {
        text: params.search_text("q")?.unwrap_or_default(),
        kind: params.parsed::<RecordKind>("kind")?,
        event_type: params.parsed::<EventType>("type")?,
        year,
        country,
        organisation: params.id("organisation")?,
        language,
        page: params.page()?,
        visibility: viewer.visibility,
    })
}

/// The application's search, over this server's index.
pub(crate) async fn run<S: Store>(app: &AppState<S>, query: SearchQuery) -> Result<SearchResults, ApiError> {
    Ok(vigil_app::search::run(&app.search, &app.store, query).await?)
}
