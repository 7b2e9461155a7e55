//! Records named in a form by name: the person and organisation fields of
//! the forms (who took part in an event, an affiliation, the organisation
//! one is part of) take a name in any spelling or script, suggested as one
//! types, or an id. A name is looked up in the search index and replaced by
//! the id of the one record it names; a name that names none, or several,
//! is sent back with the candidates. So no form lists every record.

use vigil_app::i18n::Arg;
use vigil_core::{name, FieldError, RecordId, RecordKind};
use vigil_search::{Hit, SearchQuery};
use vigil_store::Store;

use super::Fields;
use crate::error::PageError;
use crate::{AppState, Viewer};

/// How many candidates a refusal names.
const CANDIDATES: usize = 5;

/// The fields of a form of `kind` that name records, with the kinds each
/// may name.
fn reference_fields(kind: RecordKind, f: &Fields) -> Vec<(String, &'static [RecordKind])> {
    const AGENTS: &[RecordKind] = &[RecordKind::Person, RecordKind::Organisation];
    const ORGANISATIONS: &[RecordKind] = &[RecordKind::Organisation];
    match kind {
        RecordKind::Event => (0..f.rows("participants"))
            .map(|i| (format!("participants[{i}].record_id"), AGENTS))
            .collect(),
        RecordKind::Person => (0..f.rows("affiliations"))
            .map(|i| (format!("affiliations[{i}].organisation_id"), ORGANISATIONS))
            .collect(),
        RecordKind::Organisation => vec![("parent_id".to_owned(), ORGANISATIONS)],
        _ => Vec::new(),
    }
}

/// Whether `id` names a record the viewer may see, of a kind in `kinds`.
async fn is_of_kind<S: Store>(app: &AppState<S>, viewer: &Viewer, id: &RecordId, kinds: &[RecordKind]) -> bool {
    matches!(app.store.record(id, viewer.visibility).await, Ok(r) if kinds.contains(&r.kind()))
}

/// The records of a kind in `kinds` that a search for `typed` finds, and
/// the one it names when there is one: the only hit of the same name in
/// any spelling, else the only hit.
async fn by_name<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    typed: &str,
    kinds: &[RecordKind],
) -> Result<(Vec<Hit>, Option<RecordId>), PageError> {
    let query = SearchQuery {
        kind: (kinds.len() == 1).then(|| kinds[0]),
        visibility: viewer.visibility,
        ..SearchQuery::new(typed.to_owned())
    };
    let hits: Vec<Hit> = vigil_app::search::run(&app.search, &app.store, query)
        .await?
        .items
        .into_iter()
        .filter(|h| kinds.contains(&h.kind))
        .collect();
    let wanted = name::keys(typed);
    let same_name: Vec<_> = hits.iter().filter(|h| name::keys(&h.title) == wanted).collect();
    let chosen = match (same_name.as_slice(), hits.as_slice()) {
        ([one], _) => Some(one.id.clone()),
        ([], [one]) => Some(one.id.clone()),
        _ => None,
    };
    Ok((hits, chosen))
}

/// The form's field where the editor picks one of the candidates of a
/// name that names several records.
pub(super) fn choice_field(field: &str) -> String {
    format!("{field}.choice")
}

/// The form's field that keeps the name the candidates were offered for:
/// a choice among them holds only while that name is still the one typed.
pub(super) fn offered_for_field(field: &str) -> String {
    format!("{field}.offered_for")
}

/// Where the candidates of a name that names several records are kept
/// for the form to offer (a line each: kind, id, words that tell it
/// apart); never sent by the browser.
pub(super) fn candidates_field(field: &str) -> String {
    format!("{field}.candidates")
}

/// A record's name with what tells it apart from others of the same name,
/// in the reader's words: a person's country, occupation and first
/// organisation; an organisation's kind and country; an event's date and
/// country. Never its id.
async fn tell_apart<S: Store>(app: &AppState<S>, viewer: &Viewer, id: &RecordId, title: &str) -> String {
    use vigil_core::Record;
    let lang = viewer.lang;
    let mut parts: Vec<String> = Vec::new();
    match app.store.record(id, viewer.visibility).await {
        Ok(Record::Person(p)) => {
            if let Some(c) = &p.country {
                parts.push(vigil_app::words::country_in(lang, c));
            }
            if let Some(o) = &p.occupation {
                parts.push(o.clone());
            }
            if let Some(a) = p.affiliations.first() {
                if let Ok(org) = app.store.record(&a.organisation_id, viewer.visibility).await {
                    parts.push(org.title().to_owned());
                }
            }
        }
        Ok(Record::Organisation(o)) => {
            parts.push(lang.term(&o.kind));
            if let Some(c) = &o.country {
                parts.push(vigil_app::words::country_in(lang, c));
            }
        }
        Ok(Record::Event(e)) => {
            parts.push(vigil_app::words::date_in(lang, &e.date));
            if let Some(c) = &e.country {
                parts.push(vigil_app::words::country_in(lang, c));
            }
        }
        _ => {}
    }
    if parts.is_empty() {
        title.to_owned()
    } else {
        format!("{title} ({})", parts.join(", "))
    }
}

/// Replaces each name in the reference fields of `f` by the id of the
/// record it names; what cannot be resolved is returned as field errors
/// (and left as typed, for the editor to correct).
pub(super) async fn resolve<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    kind: RecordKind,
    f: &mut Fields,
) -> Result<Vec<FieldError>, PageError> {
    let mut errors = Vec::new();
    for (field, kinds) in reference_fields(kind, f) {
        // One of the candidates offered last time, chosen, unless another
        // name was typed since they were offered: the name typed afresh
        // wins over a choice left checked. (A form that does not say what
        // they were offered for is taken as unchanged.)
        let typed_afresh = match (f.opt(&field), f.opt(&offered_for_field(&field))) {
            (Some(typed), Some(offered)) => name::keys(&typed) != name::keys(&offered),
            _ => false,
        };
        let choice = f
            .opt(&choice_field(&field))
            .filter(|_| !typed_afresh)
            .and_then(|c| RecordId::parse(&c).ok());
        if let Some(choice) = choice {
            if is_of_kind(app, viewer, &choice, kinds).await {
                f.set(field, choice.to_string());
                continue;
            }
        }
        let Some(typed) = f.opt(&field) else { continue };
        // An id of a record the editor may see, of a kind the field takes.
        if let Ok(id) = RecordId::parse(&typed) {
            if is_of_kind(app, viewer, &id, kinds).await {
                continue;
            }
        }
        let (hits, chosen) = by_name(app, viewer, &typed, kinds).await?;
        match chosen {
            Some(id) => f.set(field, id.to_string()),
            None if hits.is_empty() => errors.push(FieldError::new(
                field,
                viewer
                    .lang
                    .tr_with("edit-error-not-called", &[("name", Arg::Text(&typed))]),
            )),
            None => {
                let mut offered = Vec::new();
                for h in hits.iter().take(CANDIDATES) {
                    let told = tell_apart(app, viewer, &h.id, &h.title).await;
                    offered.push(format!(
                        "{}\t{}\t{}",
                        h.kind.as_str(),
                        h.id,
                        told.replace(['\t', '\n'], " ")
                    ));
                }
                f.set(candidates_field(&field), offered.join("\n"));
                errors.push(FieldError::new(
                    field,
                    viewer
                        .lang
                        .tr_with("edit-error-several", &[("name", Arg::Text(&typed))]),
                ));
            }
        }
    }
    Ok(errors)
}

/// The record of a kind in `kinds` that `typed` names, by id or by name in
/// any spelling (as [`resolve`] finds it), for a form that names records
/// outside the record forms (a campaign's case and persons): its id, or
/// the words that say why it names none or several (those naming the
/// candidates by name and what tells them apart, never by id).
pub(crate) async fn named<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    typed: &str,
    kinds: &[RecordKind],
) -> Result<Result<RecordId, String>, PageError> {
    let typed = typed.trim();
    if let Ok(id) = RecordId::parse(typed) {
        if is_of_kind(app, viewer, &id, kinds).await {
            return Ok(Ok(id));
        }
    }
    let (hits, chosen) = by_name(app, viewer, typed, kinds).await?;
    if let Some(id) = chosen {
        return Ok(Ok(id));
    }
    if hits.is_empty() {
        return Ok(Err(viewer
            .lang
            .tr_with("edit-error-not-called", &[("name", Arg::Text(typed))])));
    }
    let mut told = Vec::new();
    for h in hits.iter().take(CANDIDATES) {
        told.push(tell_apart(app, viewer, &h.id, &h.title).await);
    }
    Ok(Err(viewer.lang.tr_with(
        "organise-error-several",
        &[("name", Arg::Text(typed)), ("other", Arg::Text(&told.join("; ")))],
    )))
}
