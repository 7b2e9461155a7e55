//! The handlers: show a form, save it, delete a record.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use vigil_app::i18n::Arg;
use vigil_app::records::{self, new_id};
use vigil_app::AppError;
use vigil_core::{FieldError, Record, RecordId, RecordKind};
use vigil_store::{Proposals, Store, StoreError};

use super::decode::record_from;
use super::encode::fields_of;
use super::references;
use super::view::{choices, form_page};
use super::{kind_of_section, shown_rows, Fields};
use crate::error::{ApiError, PageError};
use crate::links;
use crate::pages::fetch;
use crate::{AppState, Viewer};

pub async fn new_form<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    params: crate::params::Params,
) -> Result<Markup, PageError> {
    let kind = kind_of_section(&uri)?;
    let mut f = Fields::default();
    // `/events/new?person=ID` starts an event about that person.
    if let (RecordKind::Event, Some(person)) = (kind, params.id("person")?) {
        f.set("participants[0].record_id", person.to_string());
        f.set("participants[0].role", "victim");
    }
    let c = choices(&app.store, &viewer, &f).await?;
    Ok(form_page(&viewer, kind, None, &f, &[], &c))
}

pub async fn edit_form<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let kind = kind_of_section(&uri)?;
    let record = fetch(&app.store, &viewer, kind, &id).await?;
    let mut f = fields_of(&record);
    // The revision the form is opened at: saving it over a later one is
    // a conflict, shown, not a silent overwrite.
    if let Some(seq) = current_revision(&app.store, &viewer, record.id()).await? {
        f.set(REVISION, seq.to_string());
    }
    let c = choices(&app.store, &viewer, &f).await?;
    Ok(form_page(&viewer, kind, Some(record.id()), &f, &[], &c))
}

/// The hidden field of an edit form holding the revision it was opened at.
const REVISION: &str = "revision";

/// The record's latest revision as the viewer sees its history.
async fn current_revision<S: Store>(store: &S, viewer: &Viewer, id: &RecordId) -> Result<Option<i64>, PageError> {
    Ok(store
        .revisions(id, viewer.visibility)
        .await?
        .iter()
        .map(|r| r.seq)
        .max())
}

/// The form's fields that differ from the record as it is saved now: each
/// as an error `conflict.<field>` saying both values, after a first error
/// on `revision` saying what happened.
fn conflict(viewer: &Viewer, saved: &Fields, yours: &Fields) -> Vec<FieldError> {
    const NOT_FIELDS: [&str; 7] = [
        "reason",
        "csrf",
        REVISION,
        "proposal",
        "no_country",
        "no_country_asked",
        "step",
    ];
    let mut names: Vec<&String> = saved
        .0
        .keys()
        .chain(yours.0.keys())
        .filter(|n| !n.starts_with("rows.") && !n.ends_with(".pick"))
        .collect();
    names.sort();
    names.dedup();
    let shown = |f: &Fields, name: &str| {
        f.all(name)
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out = vec![FieldError::new(REVISION, viewer.tr("edit-error-stale"))];
    for name in names.into_iter().filter(|n| !NOT_FIELDS.contains(&n.as_str())) {
        let (theirs, mine) = (shown(saved, name), shown(yours, name));
        if theirs != mine {
            out.push(FieldError::new(
                format!("conflict.{name}"),
                viewer.lang.tr_with(
                    "edit-error-differs",
                    &[("from", Arg::Text(&theirs)), ("to", Arg::Text(&mine))],
                ),
            ));
        }
    }
    out
}

async fn save<S: Store + Proposals>(
    app: &AppState<S>,
    viewer: &Viewer,
    kind: RecordKind,
    existing: Option<RecordId>,
    body: &[u8],
) -> Result<Response, PageError> {
    let mut f = Fields::parse(body);
    let unresolved = references::resolve(app, viewer, kind, &mut f).await?;
    // A button that changes the form (a row more, a passage chosen) shows
    // it again, unsaved.
    if f.opt("step").is_some() {
        return take_step(app, viewer, kind, existing.as_ref(), f, unresolved).await;
    }
    // Sentences ticked for a passage left empty are its passage.
    for i in 0..f.rows("excerpts") {
        if f.opt(&format!("excerpts[{i}].text")).is_none() {
            pick_sentences(app, viewer, &mut f, i).await?;
        }
    }
    let creating = existing.is_none();
    // The record's id: its own, the one typed, or (none typed) a stand-in
    // until the record is read, then one made from its title.
    let given: Result<Option<RecordId>, Vec<FieldError>> = match (&existing, f.opt("id")) {
        (Some(id), _) => Ok(Some(id.clone())),
        (None, Some(raw)) => RecordId::parse(&raw)
            .map(Some)
            .map_err(|e| vec![FieldError::new("id", e.to_string())]),
        (None, None) => Ok(None),
    };
    let mut parsed = match &given {
        Ok(id) => record_from(&app.store, viewer, kind, &f, id.clone().unwrap_or_else(new_id)).await?,
        Err(errors) => Err(errors.clone()),
    };
    // A name that names no record, or several, is said once, in words.
    if !unresolved.is_empty() {
        let mut errors = parsed.err().unwrap_or_default();
        errors.retain(|e| !unresolved.iter().any(|u| u.field == e.field));
        errors.extend(unresolved);
        parsed = Err(errors);
    }
    // Every change says why: the reason is kept with the revision.
    if f.opt("reason").is_none() {
        let why = FieldError::new("reason", viewer.tr("edit-error-reason"));
        parsed = match parsed {
            Ok(_) => Err(vec![why]),
            Err(mut errors) => {
                errors.push(why);
                Err(errors)
            }
        };
    }
    let outcome: Result<(), Vec<FieldError>> = match parsed {
        Err(errors) => Err(errors),
        Ok(record) => {
            // An event with no country is on no country page nor briefing:
            // said before saving, with the country of the people involved.
            if let (Record::Event(e), None) = (&record, f.opt("no_country")) {
                if e.country.is_none() {
                    let proposed = participants_country(&app.store, viewer, e).await?;
                    return refill(app, viewer, kind, existing.as_ref(), f, proposed).await;
                }
            }
            // No id given: one made from the title, unless confidential.
            let record = match given {
                Ok(Some(_)) => record,
                _ => {
                    let id = records::id_for(&app.store, &record).await?;
                    record.with_id(id)
                }
            };
            let expected = if creating {
                None
            } else {
                f.opt(REVISION).and_then(|r| r.parse::<i64>().ok())
            };
            match records::save_expecting(&app.store, viewer, record, f.opt("reason"), creating, expected).await {
                Ok(rev) => {
                    app.written_revision(&rev).await;
                    // Saved from a proposal's pre-filled form: it is accepted.
                    if let Some(proposal) = f.opt("proposal") {
                        vigil_app::review::accepted_by_form(&app.store, viewer, &proposal, &rev.record_id).await?;
                    }
                    return Ok(Redirect::to(&links::href(rev.kind, &rev.record_id)).into_response());
                }
                Err(AppError::Store(StoreError::Invalid(errors))) => Err(errors),
                Err(AppError::Store(StoreError::Conflict(id))) => {
                    let taken = viewer
                        .lang
                        .tr_with("edit-error-id-taken", &[("text", Arg::Text(id.as_str()))]);
                    Err(vec![FieldError::new("id", taken)])
                }
                Err(AppError::Store(StoreError::Stale { id, current })) => {
                    let saved = fetch(&app.store, viewer, kind, id.as_str()).await?;
                    let errors = conflict(viewer, &fields_of(&saved), &f);
                    // Saved again, the form replaces the version it was shown.
                    f.set(REVISION, current.to_string());
                    let c = choices(&app.store, viewer, &f).await?;
                    let page = form_page(viewer, kind, existing.as_ref(), &f, &errors, &c);
                    return Ok((StatusCode::CONFLICT, page).into_response());
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    let errors = outcome.err().unwrap_or_default();
    let c = choices(&app.store, viewer, &f).await?;
    let page = form_page(viewer, kind, existing.as_ref(), &f, &errors, &c);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The rows of a form that an "add a row" button may add to.
const ROWS: [&str; 4] = ["participants", "affiliations", "terms.bans", "excerpts"];

/// The form again, unsaved, changed as its button asks: `add:<rows>` a
/// blank row more, `show:<i>` the sentences of passage row i's source,
/// `nearest:<i>` the passage of the source nearest to the one typed,
/// `pick:<i>` the sentences ticked as the passage.
async fn take_step<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    kind: RecordKind,
    existing: Option<&RecordId>,
    mut f: Fields,
    errors: Vec<FieldError>,
) -> Result<Response, PageError> {
    let step = f.get("step").to_owned();
    let row = |i: &str| i.parse::<usize>().ok().filter(|i| *i < f.rows("excerpts"));
    match step.split_once(':') {
        Some(("add", prefix)) if ROWS.contains(&prefix) => {
            // One more than the form showed (or than are filled).
            let shown = f.get(&format!("rows.{prefix}")).parse::<usize>().unwrap_or(0);
            let filled = shown_rows(&f, prefix).saturating_sub(super::BLANK_ROWS);
            f.set(format!("rows.{prefix}"), (shown.max(filled) + 1).to_string());
        }
        Some(("nearest", i)) => {
            if let Some(i) = row(i) {
                if let Some(text) = source_text(app, viewer, &f, i).await {
                    let typed = f.get(&format!("excerpts[{i}].text")).to_owned();
                    if let Some(near) = vigil_core::quote::nearest(&text, &typed) {
                        f.set(format!("excerpts[{i}].start"), near.span.start.to_string());
                        f.set(format!("excerpts[{i}].text"), &text[near.span]);
                    }
                }
            }
        }
        Some(("pick", i)) => {
            if let Some(i) = row(i) {
                pick_sentences(app, viewer, &mut f, i).await?;
            }
        }
        _ => {}
    }
    let c = choices(&app.store, viewer, &f).await?;
    Ok(form_page(viewer, kind, existing, &f, &errors, &c).into_response())
}

/// The text of the source passage row `i` names, if the viewer sees it.
async fn source_text<S: Store>(app: &AppState<S>, viewer: &Viewer, f: &Fields, i: usize) -> Option<String> {
    let id = RecordId::parse(f.get(&format!("excerpts[{i}].source_id"))).ok()?;
    match app.store.record(&id, viewer.visibility).await {
        Ok(Record::Source(s)) => Some(s.text),
        _ => None,
    }
}

/// The sentences ticked in passage row `i` become its passage: from the
/// first ticked to the last, in the source's own text.
async fn pick_sentences<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    f: &mut Fields,
    i: usize,
) -> Result<(), PageError> {
    let name = format!("excerpts[{i}].pick");
    let spans: Vec<(usize, usize)> = f
        .all(&name)
        .iter()
        .filter_map(|v| {
            let (a, b) = v.split_once('-')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    if spans.is_empty() {
        return Ok(());
    }
    let Some(text) = source_text(app, viewer, f, i).await else {
        return Ok(());
    };
    let start = spans.iter().map(|s| s.0).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.1).max().unwrap_or(0);
    if let Some(passage) = text.get(start..end).filter(|p| !p.trim().is_empty()) {
        f.set(format!("excerpts[{i}].text"), passage);
        f.set(format!("excerpts[{i}].start"), start.to_string());
        f.0.remove(&name);
    }
    Ok(())
}

/// The one country every participant of `event` who has one is in.
async fn participants_country<S: Store>(
    store: &S,
    viewer: &Viewer,
    event: &vigil_core::Event,
) -> Result<Option<String>, PageError> {
    let mut found: Option<String> = None;
    for p in &event.participants {
        let country = match store.record(&p.record_id, viewer.visibility).await {
            Ok(Record::Person(r)) => r.country,
            Ok(Record::Organisation(r)) => r.country,
            _ => None,
        };
        match (&found, country) {
            (_, None) => {}
            (None, Some(c)) => found = Some(c),
            (Some(a), Some(b)) if *a == b => {}
            (Some(_), Some(_)) => return Ok(None),
        }
    }
    Ok(found)
}

/// The event form again, unsaved, with a warning on its empty country and
/// the participants' country filled in when they share one.
async fn refill<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    kind: RecordKind,
    existing: Option<&RecordId>,
    mut f: Fields,
    proposed: Option<String>,
) -> Result<Response, PageError> {
    let message = match &proposed {
        Some(c) => viewer.lang.tr_with(
            "edit-error-no-country-proposed",
            &[("country", Arg::Text(&vigil_app::words::country_in(viewer.lang, c)))],
        ),
        None => viewer.tr("edit-error-no-country"),
    };
    if let Some(c) = proposed {
        f.set("country", c);
    }
    f.set("no_country_asked", "1");
    let c = choices(&app.store, viewer, &f).await?;
    let page = form_page(viewer, kind, existing, &f, &[FieldError::new("country", message)], &c);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn create<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    body: Bytes,
) -> Result<Response, PageError> {
    let kind = kind_of_section(&uri)?;
    save(&app, &viewer, kind, None, &body).await
}

pub async fn update<S: Store + Proposals>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let kind = kind_of_section(&uri)?;
    let record = fetch(&app.store, &viewer, kind, &id).await?;
    save(&app, &viewer, kind, Some(record.id().clone()), &body).await
}

pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Fields::parse(&body);
    let id = links::record_id(&id)?;
    // Only what the viewer can see can be deleted by them.
    let record = app.store.record(&id, viewer.visibility).await?;
    match records::delete(&app.store, &viewer, record.kind(), &id, f.opt("reason")).await {
        Ok(_) => {
            app.written();
            Ok(Redirect::to(&format!("/records/{id}/history")).into_response())
        }
        Err(AppError::Referenced { by, .. }) => {
            let message = if by.is_empty() {
                format!(
                    "“{}” cannot be deleted while other records refer to it.",
                    record.title()
                )
            } else {
                format!(
                    "“{}” cannot be deleted while these records refer to it: {}",
                    record.title(),
                    by.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                )
            };
            Err(ApiError::new(StatusCode::CONFLICT, "referenced", message).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// The ordinary form of a record, pre-filled from a proposal (`existing`:
/// the record is already in the case file and the form edits it). Saving
/// it accepts the proposal.
pub(crate) async fn proposal_form<S: Store>(
    app: &AppState<S>,
    viewer: &Viewer,
    record: &Record,
    existing: bool,
    undated: bool,
    proposal: &str,
    errors: &[FieldError],
) -> Result<Markup, PageError> {
    let mut f = fields_of(record);
    f.set("proposal", proposal);
    f.set(
        "reason",
        viewer
            .lang
            .tr_with("edit-proposal-reason", &[("text", Arg::Text(proposal))]),
    );
    if undated {
        f.set("date", "");
    }
    let c = choices(&app.store, viewer, &f).await?;
    let kind = record.kind();
    let title_id = existing.then(|| record.id().clone());
    Ok(form_page(viewer, kind, title_id.as_ref(), &f, errors, &c))
}
