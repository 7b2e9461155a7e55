//! `/records/{id}/history`: every revision of a record, a readable diff
//! between any two, and restoring a past one.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use std::collections::HashMap;
use vigil_app::i18n::{Arg, Lang};

use vigil_core::{
    Bearing, CfaCaseStatus, EventType, Fine, ImplementationStatus, MechanismKind, OrganisationKind, OrganisationStatus,
    PartialDate, Record, RecordId, RecordKind, Role, Sex, StateResponse, Terms, Theme,
};
use vigil_store::{Revision, Store};

use super::layout;
use crate::error::{ApiError, PageError};
use crate::links;
use crate::params::Params;
use crate::{AppState, Viewer};

fn when(r: &Revision) -> String {
    r.at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// When a revision was made, for people: "16 October 2019, 14:03 UTC" (to
/// the minute, in the reader's language). The page's script
/// (`/assets/local-time.js`) says it again in the reader's time zone.
fn when_in(lang: Lang, r: &Revision) -> String {
    let at = r.at.to_offset(time::UtcOffset::UTC);
    format!(
        "{}, {:02}:{:02} UTC",
        vigil_app::words::day_in(lang, at.date()),
        at.hour(),
        at.minute()
    )
}

/// What a revision did, in words.
fn operation(lang: Lang, op: vigil_store::Operation) -> String {
    lang.tr(match op {
        vigil_store::Operation::Create => "history-op-create",
        vigil_store::Operation::Update => "history-op-update",
        vigil_store::Operation::Delete => "history-op-delete",
        vigil_store::Operation::Restore => "history-op-restore",
    })
}

/// A state of the record as people read it: each field that holds
/// something, by its name in words, its values as the diff says them
/// (names for ids, dates, durations, countries and terms in words).
fn state(words: &Words<'_>, record: &Record) -> Markup {
    // Fields said in the interface's words; the others hold the case
    // file's own (names, titles, text), marked as such.
    const WORDED: [&str; 15] = [
        "type",
        "event_type",
        "sex",
        "status",
        "kind",
        "response",
        "themes",
        "bearing",
        "case_status",
        "country",
        "date",
        "published",
        "terms",
        "confidential",
        "confidential_fields",
    ];
    let shown: Vec<(String, bool, Vec<String>)> = fields(record)
        .into_iter()
        .filter(|(name, _)| name != "id")
        .map(|(name, value)| {
            let own = !WORDED.contains(&name.as_str());
            (field_name(words.lang, &name), own, words.shown(&name, &value))
        })
        .filter(|(_, _, values)| !values.is_empty())
        .collect();
    html! {
        dl.state {
            @for (name, own, values) in &shown {
                dt { (name) }
                dd.own[*own] { @for (i, x) in values.iter().enumerate() { @if i > 0 { br; } (x) } }
            }
        }
    }
}

/// A sentence's terms, one a line, in words ("Imprisonment: 7 years").
fn terms_lines(lang: Lang, t: &Terms) -> Vec<String> {
    let length = |d: &vigil_core::Duration| vigil_app::words::duration_in(lang, d);
    let mut lines = Vec::new();
    if let Some(d) = &t.imprisonment {
        lines.push(lang.tr_with("terms-imprisonment", &[("length", Arg::Text(&length(d)))]));
    }
    if let Some(d) = &t.restricted_freedom {
        lines.push(lang.tr_with("terms-restricted-freedom", &[("length", Arg::Text(&length(d)))]));
    }
    match &t.fine {
        Some(Fine::Undisclosed) => lines.push(lang.tr("terms-fine-undisclosed")),
        Some(Fine::Amount { amount, currency }) => {
            lines.push(lang.tr_with("terms-fine", &[("amount", Arg::Text(&format!("{amount} {currency}")))]))
        }
        None => {}
    }
    for b in &t.bans {
        lines.push(match &b.duration {
            Some(d) => lang.tr_with(
                "terms-ban",
                &[("scope", Arg::Text(&b.scope)), ("length", Arg::Text(&length(d)))],
            ),
            None => lang.tr_with("terms-ban-open", &[("scope", Arg::Text(&b.scope))]),
        });
    }
    lines
}

/// A vocabulary's code in words, if it is one of `all`.
fn term_of<T: vigil_core::Term + 'static>(lang: Lang, all: &'static [T], code: &str) -> Option<String> {
    all.iter().find(|t| t.code() == code).map(|t| lang.term(t))
}

/// The record's own fields, by name, in the order it writes them.
fn fields(record: &Record) -> Vec<(String, serde_json::Value)> {
    let value = serde_json::to_value(record).unwrap_or_default();
    match &value["record"] {
        serde_json::Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Vec::new(),
    }
}

/// The fields whose values are ids of other records, shown by their
/// names instead.
const ID_FIELDS: [&str; 11] = [
    "parent_id",
    "relates_to",
    "event_ids",
    "person_ids",
    "mechanism_id",
    "review_id",
    "event_id",
    "organisation_id",
    "by_id",
    "subject_id",
    "concerns",
];

/// The records a state names (participants, affiliations, a parent,
/// related events, a case's events and persons), at most `limit` of them.
fn named_ids(record: &Record, limit: usize) -> Vec<RecordId> {
    let mut out: Vec<RecordId> = Vec::new();
    let mut add = |v: &serde_json::Value| {
        if let Some(id) = v.as_str().and_then(|s| RecordId::parse(s).ok()) {
            if !out.contains(&id) && out.len() < limit {
                out.push(id);
            }
        }
    };
    for (name, value) in fields(record) {
        match (name.as_str(), &value) {
            ("participants", serde_json::Value::Array(items)) => items.iter().for_each(|p| add(&p["record_id"])),
            ("affiliations", serde_json::Value::Array(items)) => items.iter().for_each(|a| add(&a["organisation_id"])),
            ("evidence", serde_json::Value::Array(items)) => items.iter().for_each(|x| add(&x["event_id"])),
            (n, serde_json::Value::Array(items)) if ID_FIELDS.contains(&n) => items.iter().for_each(&mut add),
            (n, v) if ID_FIELDS.contains(&n) => add(v),
            _ => {}
        }
    }
    out
}

/// How many records named in a diff are looked up by name.
const NAMED_LIMIT: usize = 200;

/// What a diff needs to say values in words: the reader's language and
/// the names of the records the two states name (absent: not shown to
/// this reader).
struct Words<'a> {
    lang: Lang,
    names: &'a HashMap<String, String>,
}

impl Words<'_> {
    /// A record named by id: its title, never the id.
    fn name(&self, id: &str) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| self.lang.tr("history-not-shown"))
    }

    /// A record named in `map` under `id` by its name, with the term
    /// under `term` in words: "Name (victim)".
    fn named_with_term(
        &self,
        map: &serde_json::Map<String, serde_json::Value>,
        id: &str,
        term: &str,
        in_words: impl Fn(&str) -> Option<String>,
    ) -> String {
        let name = map
            .get(id)
            .and_then(|v| v.as_str())
            .map(|id| self.name(id))
            .unwrap_or_default();
        let said = map
            .get(term)
            .and_then(|v| v.as_str())
            .and_then(in_words)
            .unwrap_or_default();
        self.lang.tr_with(
            "history-participant",
            &[("name", Arg::Text(&name)), ("role", Arg::Text(&said))],
        )
    }

    /// A field's value for reading: text as it is, a list one item a line,
    /// a participant or an affiliation as a name with its role, a date in
    /// words, anything else as compact JSON.
    fn shown(&self, field: &str, value: &serde_json::Value) -> Vec<String> {
        let lang = self.lang;
        match value {
            serde_json::Value::Null => Vec::new(),
            serde_json::Value::String(s) if ID_FIELDS.contains(&field) => vec![self.name(s)],
            serde_json::Value::String(s) if matches!(field, "date" | "published") => {
                vec![s
                    .parse::<PartialDate>()
                    .map_or_else(|_| s.clone(), |d| vigil_app::words::date_in(lang, &d))]
            }
            serde_json::Value::String(s) if field == "country" => vec![vigil_app::words::country_in(lang, s)],
            serde_json::Value::String(s) if field == "confidential_fields" => vec![field_name(lang, s)],
            serde_json::Value::String(s) => {
                let said = match field {
                    "type" | "event_type" => term_of(lang, EventType::ALL, s),
                    "sex" => term_of(lang, Sex::ALL, s),
                    // An organisation's status, or a pledge's or a
                    // recommendation's implementation.
                    "status" => term_of(lang, OrganisationStatus::ALL, s)
                        .or_else(|| term_of(lang, ImplementationStatus::ALL, s)),
                    "response" => term_of(lang, StateResponse::ALL, s),
                    "themes" => term_of(lang, Theme::ALL, s),
                    "bearing" => term_of(lang, Bearing::ALL, s),
                    "case_status" => term_of(lang, CfaCaseStatus::ALL, s),
                    "kind" => term_of(lang, OrganisationKind::ALL, s).or_else(|| term_of(lang, MechanismKind::ALL, s)),
                    _ => None,
                };
                vec![said.unwrap_or_else(|| s.clone())]
            }
            serde_json::Value::Bool(true) => vec![lang.tr("history-yes")],
            serde_json::Value::Bool(false) => Vec::new(),
            serde_json::Value::Object(_) if field == "terms" => match serde_json::from_value::<Terms>(value.clone()) {
                Ok(t) => terms_lines(lang, &t),
                Err(_) => vec![value.to_string()],
            },
            serde_json::Value::Array(items) => items.iter().flat_map(|v| self.shown(field, v)).collect(),
            serde_json::Value::Object(map) if field == "participants" => {
                vec![self.named_with_term(map, "record_id", "role", |r| term_of(lang, Role::ALL, r))]
            }
            // An assessment's evidence: the event by name, and how it bears.
            serde_json::Value::Object(map) if field == "evidence" => {
                vec![self.named_with_term(map, "event_id", "bearing", |b| term_of(lang, Bearing::ALL, b))]
            }
            serde_json::Value::Object(map) if field == "affiliations" => {
                let mut parts = vec![map
                    .get("organisation_id")
                    .and_then(|v| v.as_str())
                    .map(|id| self.name(id))
                    .unwrap_or_default()];
                if let Some(role) = map.get("role").and_then(|v| v.as_str()) {
                    parts.push(role.to_owned());
                }
                if let Some(period) = map.get("period").and_then(|v| v.as_str()) {
                    parts.push(
                        period
                            .parse::<PartialDate>()
                            .map_or_else(|_| period.to_owned(), |d| vigil_app::words::date_in(lang, &d)),
                    );
                }
                vec![parts.join(", ")]
            }
            serde_json::Value::Object(map) => {
                // An excerpt: its text; anything else, its parts, short.
                match map.get("text").and_then(|t| t.as_str()) {
                    Some(text) => vec![vigil_app::words::quotation(text)],
                    None => vec![map
                        .iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| match v {
                            serde_json::Value::String(s) => format!("{k}: {s}"),
                            other => format!("{k}: {other}"),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")],
                }
            }
            other => vec![other.to_string()],
        }
    }
}

/// The changes between two states, field by field: what went, what came.
fn diff(words: &Words<'_>, from: &Revision, to: &Revision) -> Markup {
    let lang = words.lang;
    let (before, after) = (fields(&from.record), fields(&to.record));
    let mut names: Vec<&String> = after.iter().map(|(k, _)| k).collect();
    for (k, _) in &before {
        if !names.contains(&k) {
            names.push(k);
        }
    }
    let value = |list: &[(String, serde_json::Value)], name: &str| {
        list.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or(serde_json::Value::Null)
    };
    let changed: Vec<(&String, Vec<String>, Vec<String>)> = names
        .into_iter()
        .filter_map(|name| {
            let (a, b) = (value(&before, name), value(&after, name));
            (a != b).then(|| {
                let (a, b) = (words.shown(name, &a), words.shown(name, &b));
                let gone = a.iter().filter(|x| !b.contains(x)).cloned().collect();
                let came = b.iter().filter(|x| !a.contains(x)).cloned().collect();
                (name, gone, came)
            })
        })
        .collect();
    html! {
        h2 { (lang.tr("history-changes")) }
        @if changed.is_empty() {
            p.empty { (lang.tr("history-same")) }
        } @else {
            table.diff {
                thead { tr { th { (lang.tr("history-field")) } th { (lang.tr("history-before")) } th { (lang.tr("history-after")) } } }
                tbody {
                    @for (name, gone, came) in &changed {
                        tr {
                            th scope="row" { (field_name(lang, name)) }
                            td { @for x in gone { del { (x) } br; } }
                            td { @for x in came { ins { (x) } br; } }
                        }
                    }
                }
            }
        }
    }
}

/// A field's name in words: from the catalogue when it has one
/// (`history-field-occupation`), else its own name with spaces.
fn field_name(lang: Lang, name: &str) -> String {
    let key = format!("history-field-{}", name.replace('_', "-"));
    lang.try_tr(&key).unwrap_or_else(|| name.replace('_', " "))
}

pub async fn show<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Markup, PageError> {
    let rid = links::record_id(&id)?;
    let revisions = app.store.revisions(&rid, viewer.visibility).await?;
    let Some(last) = revisions.last() else {
        return Err(ApiError::not_found("record", &id).into());
    };
    let pick = |name: &str, default: i64| -> Result<Option<&Revision>, ApiError> {
        let seq = params.parsed::<i64>(name)?.unwrap_or(default);
        Ok(revisions.iter().find(|r| r.seq == seq))
    };
    let to = pick("to", last.seq)?;
    let default_from = revisions.iter().rev().nth(1).map_or(last.seq, |r| r.seq);
    let from = pick("from", default_from)?;
    let lang = viewer.lang;
    // The names of the records the states name (the two compared first,
    // then each revision's, latest first), as this reader may see them: at
    // most NAMED_LIMIT looked up.
    let mut wanted: Vec<RecordId> = Vec::new();
    for r in [from, to].into_iter().flatten().chain(revisions.iter().rev()) {
        for id in named_ids(&r.record, NAMED_LIMIT) {
            if wanted.len() < NAMED_LIMIT && !wanted.contains(&id) {
                wanted.push(id);
            }
        }
    }
    let mut names: HashMap<String, String> = HashMap::new();
    for id in wanted {
        if let Ok(named) = app.store.record(&id, viewer.visibility).await {
            names.insert(id.to_string(), named.title().to_owned());
        }
    }
    let words = Words { lang, names: &names };
    let tr = |key: &str| lang.tr(key);
    let title = lang.tr_with("history-title", &[("title", Arg::Text(last.record.title()))]);
    // (seq, when in UTC, when as RFC 3339, what and who): the page's
    // script says when in the reader's own time zone.
    let options: Vec<(i64, String, String, String)> = revisions
        .iter()
        .map(|r| {
            (
                r.seq,
                when_in(lang, r),
                when(r),
                format!(
                    " — {}, {}",
                    operation(lang, r.operation),
                    crate::viewer::shown_author(&viewer, r)
                ),
            )
        })
        .collect();
    Ok(layout::page(
        &viewer,
        &title,
        html! {
            p.kind { (tr("history-kind")) }
            h1 { a href=(links::href(last.kind, &last.record_id)) { (last.record.title()) } }
            form.filter method="get" {
                label { (tr("history-compare")) " "
                    select name="from" { @for (seq, utc, moment, rest) in &options { option value=(seq) data-moment=(moment) data-rest=(rest) selected[from.map(|r| r.seq) == Some(*seq)] { (utc) (rest) } } }
                }
                label { (tr("history-with")) " "
                    select name="to" { @for (seq, utc, moment, rest) in &options { option value=(seq) data-moment=(moment) data-rest=(rest) selected[to.map(|r| r.seq) == Some(*seq)] { (utc) (rest) } } }
                }
                button { (tr("history-compare-button")) }
            }
            @if let (Some(from), Some(to)) = (from, to) {
                @if revisions.len() > 1 { (diff(&words, from, to)) }
            }
            h2 { (tr("history-revisions")) }
            ul.revisions {
                @for r in revisions.iter().rev() {
                    li id={ "rev-" (r.seq) } {
                        strong { (operation(lang, r.operation)) }
                        ", " span.author { (crate::viewer::shown_author(&viewer, r)) }
                        ", " time datetime=(when(r)) data-moment=(when(r)) { (when_in(lang, r)) }
                        @if viewer.account.is_some() { @if let Some(reason) = &r.reason { " — “" (reason) "”" } }
                        details {
                            summary { (tr("history-state")) }
                            (state(&words, &r.record))
                        }
                        @if viewer.may_write() && r.seq != last.seq {
                            form.inline method="post" action={ "/records/" (r.record_id) "/restore" } {
                                (layout::csrf_field(&viewer))
                                input type="hidden" name="seq" value=(r.seq);
                                input type="text" name="reason" placeholder=(tr("history-reason")) aria-label=(tr("history-reason-label"));
                                button { (tr("history-restore")) }
                            }
                        }
                    }
                }
            }
            @if viewer.may_write() && matches!(last.kind, RecordKind::Person | RecordKind::Organisation) {
                @if last.operation != vigil_store::Operation::Delete {
                    h2 { (tr("record-merge-heading")) }
                    p.hint { (tr("record-merge-explained")) }
                    form.inline method="post" action={ "/records/" (last.record_id) "/merge" } {
                        (layout::csrf_field(&viewer))
                        input type="hidden" name="decision" value="merge";
                        input type="text" name="into" required placeholder=(tr("record-merge-into")) aria-label=(tr("record-merge-into"));
                        input type="text" name="reason" placeholder=(tr("history-reason")) aria-label=(tr("history-reason-label"));
                        button { (tr("record-merge-button")) }
                    }
                } @else if let Some(into) = last.reason.as_deref().and_then(|r| merged_into(r, &last.record_id)) {
                    form.inline method="post" action={ "/records/" (last.record_id) "/merge" } {
                        (layout::csrf_field(&viewer))
                        input type="hidden" name="decision" value="unmerge";
                        input type="hidden" name="into" value=(into);
                        button { (tr("record-merge-undo")) }
                    }
                }
            }
        },
    ))
}

/// The record a merge put `from` into, from its delete's reason ("merged
/// A into B: why").
fn merged_into(reason: &str, from: &RecordId) -> Option<String> {
    let rest = reason.strip_prefix(&format!("merged {from} into "))?;
    Some(rest.split(':').next().unwrap_or(rest).trim().to_owned())
}

/// `POST /records/{id}/merge`: the history page's form merging a person or
/// organisation into another (`decision=merge`), or undoing it.
pub async fn merge<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let from = links::record_id(&id)?;
    let (mut into, mut reason, mut undo) = (None, None, false);
    for (k, v) in form_urlencoded::parse(&body) {
        match k.as_ref() {
            "into" => into = Some(v.trim().to_owned()),
            "reason" => reason = Some(v.into_owned()),
            "decision" => undo = v == "unmerge",
            _ => {}
        }
    }
    let raw = into.unwrap_or_default();
    let into = RecordId::parse(&raw).map_err(|_| ApiError::not_found("record", &raw).with_field("into"))?;
    let done = if undo {
        vigil_app::merge::unmerge(&app.store, &viewer, &from, &into, reason).await?
    } else {
        vigil_app::merge::merge(&app.store, &viewer, &from, &into, reason).await?
    };
    app.written();
    let kept = if undo { &done.from } else { &done.into };
    Ok(Redirect::to(&format!("/records/{kept}/history")).into_response())
}

pub async fn restore<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let rid = links::record_id(&id)?;
    let mut seq = None;
    let mut reason = None;
    for (k, v) in form_urlencoded::parse(&body) {
        match k.as_ref() {
            "seq" => seq = v.trim().parse::<i64>().ok(),
            "reason" => reason = Some(v.into_owned()),
            _ => {}
        }
    }
    let seq = seq.ok_or_else(|| ApiError::bad_param("seq", "which revision to restore"))?;
    let rev = vigil_app::records::restore(&app.store, &viewer, &rid, seq, reason).await?;
    app.written_revision(&rev).await;
    Ok(Redirect::to(&links::href(rev.kind, &rev.record_id)).into_response())
}

/// `/assets/local-time.js`: moments in the reader's time zone.
pub async fn script() -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (axum::http::header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/local-time.js"),
    )
        .into_response()
}
