//! Query strings, read by hand so that every bad value gets a 400 naming
//! its parameter, for pages and API alike.

use std::collections::HashMap;
use std::str::FromStr;

use axum::extract::{FromRequestParts, OriginalUri, Query};
use axum::http::request::Parts;
use vigil_core::{date, Date, RecordId};
use vigil_store::Page;

use crate::error::ApiError;

/// The query string of a request, as name → value (the last value wins).
#[derive(Debug, Default)]
pub struct Params(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::bad_param("query", format!("unreadable query string: {e}")))?;
        // The API refuses a parameter given empty (`?limit=`): leave it out
        // instead. Pages take an empty one as absent (an empty form field).
        let api = parts
            .extensions
            .get::<OriginalUri>()
            .map_or(parts.uri.path(), |original| original.path())
            .starts_with("/api/");
        let mut map = HashMap::with_capacity(pairs.len());
        for (k, v) in pairs {
            if api && v.is_empty() {
                return Err(ApiError::bad_param(
                    &k,
                    format!("{} is empty: give a value, or leave it out", clip(&k)),
                ));
            }
            // One value a parameter: `type=a&type=b` is refused, not half-read.
            if let Some(previous) = map.insert(k.clone(), v) {
                if map.get(&k) != Some(&previous) {
                    return Err(ApiError::bad_param(&k, format!("{k} is given more than once")));
                }
            }
        }
        Ok(Params(map))
    }
}

impl Params {
    /// Parameters from pairs (a form's fields read as a query).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        Params(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    /// A parameter's value, trimmed; empty counts as absent (an empty form
    /// field).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn parsed<T: FromStr>(&self, name: &str) -> Result<Option<T>, ApiError>
    where
        T::Err: std::fmt::Display,
    {
        self.text(name)
            .map(|v| {
                v.parse::<T>()
                    .map_err(|e| ApiError::bad_param(name, format!("{name}: {e}")))
            })
            .transpose()
    }

    pub fn id(&self, name: &str) -> Result<Option<RecordId>, ApiError> {
        self.parsed::<RecordId>(name)
    }

    pub fn day(&self, name: &str) -> Result<Option<Date>, ApiError> {
        self.text(name)
            .map(|v| {
                date::parse_day(v).map_err(|_| {
                    ApiError::bad_param(name, format!("{name} must be a day, YYYY-MM-DD (got '{}')", clip(v)))
                })
            })
            .transpose()
    }

    /// `?as_of=`: the day a status question is about (default today).
    pub fn as_of(&self) -> Result<Date, ApiError> {
        Ok(self.day("as_of")?.unwrap_or_else(vigil_app::status::today))
    }

    /// `?known_on=`: the day whose evidence a view of `as_of` rests on
    /// (default: `as_of` when it is past; all the evidence otherwise).
    pub fn known_on(&self, as_of: Date) -> Result<Option<Date>, ApiError> {
        Ok(vigil_app::status::evidence_day(as_of, self.day("known_on")?))
    }

    /// `?known_on=` for a view of no particular day (a country page, a
    /// rating, the status list): the day given, when it is past; `None`,
    /// all the evidence held, without it or for today and later.
    pub fn evidence_day(&self) -> Result<Option<Date>, ApiError> {
        Ok(self.day("known_on")?.filter(|k| *k < vigil_app::status::today()))
    }

    pub fn page(&self) -> Result<Page, ApiError> {
        let number = |name: &str, default: u32| -> Result<u32, ApiError> {
            if self.0.get(name).is_some_and(|v| v.trim().is_empty()) {
                return Err(ApiError::bad_param(
                    name,
                    format!("{name} is empty: give a number, or leave it out"),
                ));
            }
            match self.text(name) {
                None => Ok(default),
                Some(v) => v.parse::<u32>().map_err(|_| {
                    ApiError::bad_param(name, format!("{name} must be a whole number (got '{}')", clip(v)))
                }),
            }
        };
        let limit = number("limit", Page::DEFAULT_LIMIT)?;
        let offset = number("offset", 0)?;
        Page::new(limit, offset).map_err(|e| {
            let field = match e {
                vigil_store::PageError::Limit { .. } => "limit",
                vigil_store::PageError::Offset { .. } => "offset",
            };
            ApiError::bad_param(field, e.to_string())
        })
    }

    /// Free text, bounded so a huge value cannot become a huge query.
    pub fn search_text(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.text(name) {
            Some(v) if v.chars().count() > 200 => {
                Err(ApiError::bad_param(name, format!("{name} is at most 200 characters")))
            }
            Some(v) if v.chars().any(char::is_control) => Err(ApiError::bad_param(
                name,
                format!("{name} must not contain control characters"),
            )),
            other => Ok(other.map(str::to_owned)),
        }
    }
}

/// A bad value, shortened for an error message.
fn clip(v: &str) -> String {
    let mut s: String = v.chars().take(40).collect();
    if s.len() < v.len() {
        s.push('…');
    }
    s
}
