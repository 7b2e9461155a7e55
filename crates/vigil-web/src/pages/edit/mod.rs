//! Forms to create, edit and delete records: `/{kind}s/new`,
//! `/{kind}s/{id}/edit`, `/records/{id}/delete`.
//!
//! A form's fields are named like the record's own fields
//! (`participants[1].record_id`, `terms.imprisonment`), so the errors the
//! store gives (which name those same paths) appear next to their field.
//! Every form carries the session's CSRF token and a reason for the change.

mod decode;
mod encode;
mod handlers;
pub(crate) mod references;
mod view;

pub(crate) use handlers::proposal_form;
pub use handlers::{create, delete, edit_form, new_form, update};
pub use view::{edit_link, new_event_link, new_link};

use std::collections::HashMap;

use axum::http::Uri;
use vigil_core::RecordKind;

use crate::error::{ApiError, PageError};
use crate::links;

/// Blank rows offered for adding participants, excerpts, bans,
/// affiliations; the form's "add a row" button adds more.
const BLANK_ROWS: usize = 1;

/// The field that makes a row of `prefix` filled: a row without it is a
/// blank row of the form.
fn row_key(prefix: &str) -> &'static str {
    match prefix {
        "participants" => "record_id",
        "affiliations" => "organisation_id",
        "terms.bans" => "scope",
        _ => "source_id",
    }
}

/// How many rows of `prefix` the form shows: the filled ones and a blank
/// one, or as many as were shown and added (`rows.<prefix>`).
pub(super) fn shown_rows(f: &Fields, prefix: &str) -> usize {
    let key = row_key(prefix);
    let filled = (0..f.rows(prefix))
        .filter(|i| {
            !f.get(&format!("{prefix}[{i}].{key}")).is_empty()
                || (prefix == "excerpts" && !f.get(&format!("{prefix}[{i}].text")).is_empty())
        })
        .map(|i| i + 1)
        .max()
        .unwrap_or(0);
    let asked = f
        .get(&format!("rows.{prefix}"))
        .parse::<usize>()
        .unwrap_or(0)
        .min(MAX_ROWS);
    (filled + BLANK_ROWS).max(asked)
}

/// The most rows of one kind a form is drawn with.
const MAX_ROWS: usize = 200;

/// A submitted form: each name with its values.
#[derive(Debug, Default, Clone)]
pub struct Fields(HashMap<String, Vec<String>>);

impl Fields {
    fn parse(body: &[u8]) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (k, v) in form_urlencoded::parse(body) {
            map.entry(k.into_owned()).or_default().push(v.replace("\r\n", "\n"));
        }
        Fields(map)
    }

    fn get(&self, name: &str) -> &str {
        self.0
            .get(name)
            .and_then(|v| v.last())
            .map(|s| s.trim())
            .unwrap_or_default()
    }

    fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name)).filter(|s| !s.is_empty()).map(str::to_owned)
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0.get(name).cloned().unwrap_or_default()
    }

    fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.insert(name.into(), vec![value.into()]);
    }

    fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0.entry(name.to_owned()).or_default().push(value.into());
    }

    /// Lines of a textarea, trimmed, without blanks.
    fn lines(&self, name: &str) -> Vec<String> {
        self.get(name)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// How many numbered rows `prefix[i].…` the form has.
    fn rows(&self, prefix: &str) -> usize {
        let p = format!("{prefix}[");
        self.0
            .keys()
            .filter_map(|k| k.strip_prefix(&p)?.split(']').next()?.parse::<usize>().ok())
            .map(|i| i + 1)
            .max()
            .unwrap_or(0)
    }
}

fn kind_of_section(uri: &Uri) -> Result<RecordKind, PageError> {
    let section = uri.path().trim_start_matches('/').split('/').next().unwrap_or_default();
    links::kind_of_section(section).ok_or_else(|| ApiError::not_found("page", uri.path()).into())
}

fn section(kind: RecordKind) -> &'static str {
    links::section(kind)
}

/// Kinds edited as one JSON document in the form (the accountability
/// records and rating rules), with the same checks as the JSON API.
fn edited_as_json(kind: RecordKind) -> bool {
    !matches!(
        kind,
        RecordKind::Person | RecordKind::Organisation | RecordKind::Event | RecordKind::Case | RecordKind::Source
    )
}
