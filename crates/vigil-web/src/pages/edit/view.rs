//! The markup of the forms, and the links to them.

use std::collections::HashMap;

use maud::{html, Markup};
use vigil_app::i18n::Arg;
use vigil_core::confidentiality::allowed_fields;
use vigil_core::{
    quote, EventType, FieldError, OrganisationKind, OrganisationStatus, Record, RecordId, RecordKind, Role, Sex,
};
use vigil_store::{EventFilter, Page, Store};

use super::{section, shown_rows, Fields};
use crate::error::PageError;
use crate::links;
use crate::pages::layout;
use crate::Viewer;

/// The choices a form offers as a list: the sources to quote. Persons and
/// organisations are named by name instead ([`super::references`]), so no
/// form lists every one of them.
pub(super) struct Choices {
    sources: Vec<(RecordId, String)>,
    /// The text of each source a passage row has chosen, to pick the
    /// passage in and to propose the nearest one.
    texts: HashMap<String, String>,
    /// The events of the timelines of an event's participants (id, date,
    /// title), to pick those it acts on.
    timeline: Vec<(String, String, String)>,
}

/// How many events of each participant's timeline the form offers.
const TIMELINE_EVENTS: u32 = 100;

pub(super) async fn choices<S: Store>(store: &S, viewer: &Viewer, f: &Fields) -> Result<Choices, PageError> {
    let sources = store.sources(viewer.visibility, Page::all()).await?.items;
    let mut texts = HashMap::new();
    for i in 0..f.rows("excerpts") {
        let Ok(id) = RecordId::parse(f.get(&format!("excerpts[{i}].source_id"))) else {
            continue;
        };
        if let Ok(Record::Source(s)) = store.record(&id, viewer.visibility).await {
            texts.insert(id.to_string(), s.text);
        }
    }
    let mut timeline: Vec<(String, String, String)> = Vec::new();
    if f.rows("participants") > 0 {
        let page = Page::new(TIMELINE_EVENTS, 0).unwrap_or_else(|_| Page::all());
        for i in 0..f.rows("participants") {
            let Ok(id) = RecordId::parse(f.get(&format!("participants[{i}].record_id"))) else {
                continue;
            };
            let filter = match store.record(&id, viewer.visibility).await {
                Ok(Record::Person(_)) => EventFilter {
                    person: Some(id),
                    ..EventFilter::all(viewer.visibility)
                },
                Ok(Record::Organisation(_)) => EventFilter {
                    organisation: Some(id),
                    ..EventFilter::all(viewer.visibility)
                },
                _ => continue,
            };
            for e in store.events(&filter, page).await?.items {
                let id = e.id.to_string();
                if f.get("id") != id && !timeline.iter().any(|(t, _, _)| *t == id) {
                    timeline.push((id, e.date.to_string(), e.title));
                }
            }
        }
        timeline.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    }
    Ok(Choices {
        sources: sources.into_iter().map(|s| (s.id, s.title)).collect(),
        texts,
        timeline,
    })
}

/// A field's message in the viewer's language: the checks of the records
/// themselves (in `vigil-core`) say theirs in English, and the usual ones
/// are put in words here; the form's own are already in the viewer's.
pub(super) fn field_message(viewer: &Viewer, message: &str) -> String {
    vigil_app::field_message(viewer.lang, message)
}

/// A field's name in words (as the history names it), if it has some.
fn field_name(viewer: &Viewer, field: &str) -> Option<String> {
    let root = field.split(['[', '.']).next().unwrap_or_default();
    viewer.lang.try_tr(&format!("history-field-{}", root.replace('_', "-")))
}

struct FormView<'a> {
    f: &'a Fields,
    errors: &'a [FieldError],
    viewer: &'a Viewer,
}

impl FormView<'_> {
    /// The messages for a field and its sub-fields.
    fn errors_for(&self, name: &str) -> Markup {
        let mine: Vec<&FieldError> = self
            .errors
            .iter()
            .filter(|e| {
                e.field == name || e.field.starts_with(&format!("{name}.")) || e.field.starts_with(&format!("{name}["))
            })
            .collect();
        // What the editor typed, quoted in a message, is theirs, not the
        // interface's words.
        html! {
            @for e in mine {
                @let message = field_message(self.viewer, &e.message);
                @let typed = self.f.get(&e.field);
                span.field-error role="alert" {
                    @match message.split_once(typed).filter(|_| !typed.is_empty()) {
                        Some((before, after)) => { (before) span.own { (typed) } (after) }
                        None => (message),
                    }
                }
            }
        }
    }

    fn text(&self, label: &str, name: &str, hint: &str) -> Markup {
        html! {
            label {
                (label)
                input type="text" name=(name) value=(self.f.get(name)) placeholder=(hint);
                (self.errors_for(name))
            }
        }
    }

    /// A text field that must be filled: marked, and checked by the
    /// browser before the server checks it again.
    fn required(&self, label: &str, name: &str, hint: &str) -> Markup {
        html! {
            label {
                span { (label) " " abbr.required title=(self.viewer.tr("form-required")) { "*" } }
                input type="text" name=(name) value=(self.f.get(name)) placeholder=(hint) required;
                (self.errors_for(name))
            }
        }
    }

    /// The button that adds a row to a list of rows, without saving.
    fn add_row(&self, prefix: &str) -> Markup {
        html! {
            input type="hidden" name={ "rows." (prefix) } value=(shown_rows(self.f, prefix));
            button.step type="submit" name="step" value={ "add:" (prefix) } formnovalidate { (self.viewer.tr("form-add-row")) }
        }
    }

    fn area(&self, label: &str, name: &str, rows: u32, hint: &str) -> Markup {
        html! {
            label {
                (label)
                // What is typed is the case file's own words, in its language.
                textarea.own name=(name) rows=(rows) placeholder=(hint) { (self.f.0.get(name).and_then(|v| v.last()).map(String::as_str).unwrap_or_default()) }
                (self.errors_for(name))
            }
        }
    }

    /// A record named by name in any spelling (suggested as one types) or
    /// by id.
    fn reference(&self, label: &str, name: &str, hint: &str) -> Markup {
        // The records a name could be, when it named several: by name and
        // what tells them apart, their ids only in values and links.
        let candidates: Vec<(RecordKind, RecordId, String)> = self
            .f
            .get(&super::references::candidates_field(name))
            .lines()
            .filter_map(|l| {
                let mut parts = l.splitn(3, '\t');
                let kind = parts.next()?.parse::<RecordKind>().ok()?;
                let id = RecordId::parse(parts.next()?).ok()?;
                Some((kind, id, parts.next()?.to_owned()))
            })
            .collect();
        html! {
            label {
                (label)
                input type="search" name=(name) value=(self.f.get(name)) list="name-suggestions"
                    autocomplete="off" placeholder=(hint);
                (self.errors_for(name))
            }
            @if !candidates.is_empty() {
                fieldset.candidates {
                    legend { (self.viewer.tr("edit-candidates")) }
                    input type="hidden" name=(super::references::offered_for_field(name)) value=(self.f.get(name));
                    @for (kind, id, words) in &candidates {
                        label.choice {
                            input type="radio" name=(super::references::choice_field(name)) value=(id);
                            " " span.own { (words) }
                        }
                        " " a href=(crate::links::href(*kind, id)) target="_blank" { (self.viewer.tr("edit-candidate-page")) }
                        br;
                    }
                }
            }
        }
    }

    /// The country, chosen by its name in the reader's language (the form
    /// sends its code); a code the catalogue does not name, already in the
    /// record, stays a choice.
    fn country(&self, label: &str) -> Markup {
        let mut options = vigil_app::words::countries_in(self.viewer.lang);
        let current = self.f.get("country").trim().to_ascii_uppercase();
        if !current.is_empty() && !options.iter().any(|(code, _)| *code == current) {
            options.insert(0, (current.clone(), current));
        }
        self.select(label, "country", &options, Some("—"))
    }

    /// A source's language, chosen by its name (the form sends its code);
    /// another code already in the record stays a choice.
    fn language(&self, label: &str) -> Markup {
        let mut options: Vec<(String, String)> = vigil_app::i18n::Lang::ALL
            .iter()
            .map(|l| {
                (
                    l.code().to_owned(),
                    crate::pages::sources::language_name(self.viewer.lang, l.code()),
                )
            })
            .collect();
        let current = self.f.get("language").trim().to_owned();
        if !current.is_empty() && !options.iter().any(|(code, _)| *code == current) {
            options.push((current.clone(), current));
        }
        self.select(label, "language", &options, Some("—"))
    }

    fn select(&self, label: &str, name: &str, options: &[(String, String)], blank: Option<&str>) -> Markup {
        self.select_of(label, name, options, blank, false)
    }

    /// A choice among records: their titles are the case file's own words.
    fn select_records(&self, label: &str, name: &str, options: &[(String, String)]) -> Markup {
        self.select_of(label, name, options, Some("—"), true)
    }

    fn select_of(
        &self,
        label: &str,
        name: &str,
        options: &[(String, String)],
        blank: Option<&str>,
        own: bool,
    ) -> Markup {
        let current = self.f.get(name);
        html! {
            label {
                (label)
                select name=(name) {
                    @if let Some(b) = blank { option value="" { (b) } }
                    @for (value, text) in options {
                        option.own[own] value=(value) selected[current == value] { (text) }
                    }
                }
                (self.errors_for(name))
            }
        }
    }
}

fn ids(list: &[(RecordId, String)]) -> Vec<(String, String)> {
    list.iter().map(|(id, name)| (id.to_string(), name.clone())).collect()
}

fn excerpt_rows(v: &FormView<'_>, c: &Choices, heading: &str) -> Markup {
    let rows = shown_rows(v.f, "excerpts");
    let sources = ids(&c.sources);
    let tr = |key: &str| v.viewer.tr(key);
    html! {
        fieldset.excerpts {
            legend { (tr(heading)) }
            p.hint { (tr("edit-excerpts-hint")) }
            (v.errors_for("excerpts"))
            @for i in 0..rows {
                div.row {
                    (v.select_records(&tr("edit-source"), &format!("excerpts[{i}].source_id"), &sources))
                    (v.area(&tr("edit-passage"), &format!("excerpts[{i}].text"), 2, ""))
                    @if !v.f.get(&format!("excerpts[{i}].start")).is_empty() {
                        input type="hidden" name={ "excerpts[" (i) "].start" } value=(v.f.get(&format!("excerpts[{i}].start")));
                    }
                    @let claim = v.f.get(&format!("excerpts[{i}].claim"));
                    @if !claim.is_empty() {
                        input type="hidden" name={ "excerpts[" (i) "].claim" } value=(claim);
                        p.hint { (tr("edit-excerpt-states-claim")) " " code { (claim) } }
                    }
                }
                (passage_picker(v, c, i))
            }
            (v.add_row("excerpts"))
        }
    }
}

/// Under a passage row: "did you mean …" when the passage typed is not in
/// the source, and the source's sentences to tick (no script needed).
fn passage_picker(v: &FormView<'_>, c: &Choices, i: usize) -> Markup {
    let source = v.f.get(&format!("excerpts[{i}].source_id"));
    let typed = v.f.get(&format!("excerpts[{i}].text"));
    let tr = |key: &str| v.viewer.tr(key);
    let Some(text) = c.texts.get(source) else {
        return html! {
            button.step type="submit" name="step" value={ "show:" (i) } formnovalidate { (tr("form-show-sentences")) }
        };
    };
    let missing = !typed.is_empty() && quote::locate(text, typed, None).is_none();
    let near = if missing { quote::nearest(text, typed) } else { None };
    let open = typed.is_empty() || (missing && near.is_none()) || v.f.get("step") == format!("show:{i}");
    let picked = v.f.all(&format!("excerpts[{i}].pick"));
    html! {
        @if missing {
            div.did-you-mean role="status" {
                p { (tr("form-passage-not-found")) }
                @if let Some(near) = &near {
                    p { (v.viewer.lang.tr_with("form-did-you-mean", &[("passage", Arg::Text(&text[near.span.clone()]))])) }
                    button.step type="submit" name="step" value={ "nearest:" (i) } formnovalidate { (tr("form-use-passage")) }
                } @else {
                    p { (tr("form-nothing-near")) }
                }
            }
        }
        details.sentences open[open] {
            summary { (tr("form-show-sentences")) }
            p.hint { (tr("form-sentences")) }
            ol {
                @for span in quote::sentences(text) {
                    @let value = format!("{}-{}", span.start, span.end);
                    li { label.check {
                        input type="checkbox" name={ "excerpts[" (i) "].pick" } value=(value) checked[picked.contains(&value)];
                        " " span.own { (&text[span]) }
                    } }
                }
            }
            button.step type="submit" name="step" value={ "pick:" (i) } formnovalidate { (tr("form-use-sentences")) }
        }
    }
}

fn confidentiality(v: &FormView<'_>, kind: RecordKind, viewer: &Viewer) -> Markup {
    let marked = v.f.all("confidential_fields");
    html! {
        @if viewer.may_read_confidential() {
            fieldset.confidential {
                legend { (viewer.tr("edit-confidentiality")) }
                label.check { input type="checkbox" name="confidential" checked[!v.f.get("confidential").is_empty()]; " " (viewer.tr("edit-whole-confidential")) }
                p { (viewer.tr("edit-confidential-fields")) " "
                    @for field in allowed_fields(kind) {
                        label.check {
                            input type="checkbox" name="confidential_fields" value=(field) checked[marked.iter().any(|m| m == field)];
                            " "
                            @match field_name(viewer, field) { Some(name) => (name), None => code { (field) } }
                        }
                    }
                }
                (v.errors_for("confidential_fields"))
            }
        }
    }
}

/// The events an event acts on: ticked on the participants' timelines,
/// and any other by id.
fn relates_to(v: &FormView<'_>, c: &Choices) -> Markup {
    let chosen: Vec<String> =
        v.f.all("relates_to")
            .iter()
            .flat_map(|s| s.split([',', '\n', ' ']))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
    let others: Vec<&str> = chosen
        .iter()
        .filter(|id| !c.timeline.iter().any(|(t, _, _)| t == *id))
        .map(String::as_str)
        .collect();
    html! {
        @if !c.timeline.is_empty() {
            fieldset.timeline-events {
                legend { (v.viewer.tr("form-timeline-events")) }
                @for (id, date, title) in &c.timeline {
                    label.check {
                        input type="checkbox" name="relates_to" value=(id) checked[chosen.contains(id)];
                        " " (date.parse::<vigil_core::PartialDate>().map_or_else(|_| date.clone(), |d| vigil_app::words::date_in(v.viewer.lang, &d)))
                        " — " span.own { (title) }
                    }
                }
            }
        }
        label {
            (v.viewer.tr("form-other-events"))
            input type="text" name="relates_to" value=(others.join(", ")) placeholder=(v.viewer.tr("edit-other-events-hint"));
            (v.errors_for("relates_to"))
        }
    }
}

/// A vocabulary's choices, labelled in the viewer's language.
fn terms<T: vigil_core::Term + Copy>(
    viewer: &Viewer,
    all: &[T],
    code: fn(&T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|t| (code(t).to_owned(), viewer.lang.term(t))).collect()
}

fn body_fields(kind: RecordKind, v: &FormView<'_>, c: &Choices, viewer: &Viewer) -> Markup {
    let tr = |key: &str| viewer.tr(key);
    match kind {
        RecordKind::Person => {
            let rows = shown_rows(v.f, "affiliations");
            html! {
                (v.required(&tr("edit-name"), "name", &tr("edit-name-hint")))
                (v.area(&tr("edit-aliases"), "aliases", 3, "Baltabai\nБалтабай"))
                (v.select(&tr("edit-sex"), "sex", &terms(viewer, Sex::ALL, Sex::as_str), Some(&tr("edit-sex-unknown"))))
                (v.text(&tr("edit-occupation"), "occupation", ""))
                (v.country(&tr("edit-country")))
                (v.text(&tr("edit-address"), "address", &tr("edit-address-hint")))
                fieldset {
                    legend { (tr("edit-affiliations")) }
                    @for i in 0..rows {
                        div.row {
                            (v.reference(&tr("edit-organisation"), &format!("affiliations[{i}].organisation_id"), &tr("edit-any-spelling")))
                            (v.text(&tr("edit-role"), &format!("affiliations[{i}].role"), &tr("edit-role-hint")))
                            (v.text(&tr("edit-period"), &format!("affiliations[{i}].period"), "2014/2019"))
                        }
                    }
                    (v.add_row("affiliations"))
                }
                (excerpt_rows(v, c, "edit-sources-say"))
                (confidentiality(v, kind, viewer))
            }
        }
        RecordKind::Organisation => html! {
            (v.required(&tr("edit-name"), "name", ""))
            (v.area(&tr("edit-org-aliases"), "aliases", 3, "KNPRK"))
            (v.select(&tr("edit-kind"), "kind", &terms(viewer, OrganisationKind::ALL, OrganisationKind::as_str), None))
            (v.reference(&tr("edit-part-of"), "parent_id", &tr("edit-part-of-hint")))
            (v.country(&tr("edit-country")))
            (v.select(&tr("edit-status"), "status", &terms(viewer, OrganisationStatus::ALL, OrganisationStatus::as_str), None))
            (excerpt_rows(v, c, "edit-sources-say"))
            (confidentiality(v, kind, viewer))
        },
        RecordKind::Event => {
            let rows = shown_rows(v.f, "participants");
            let bans = shown_rows(v.f, "terms.bans");
            let fine = [
                ("".to_owned(), tr("edit-fine-none")),
                ("undisclosed".to_owned(), tr("edit-fine-undisclosed")),
                ("amount".to_owned(), tr("edit-fine-amount")),
            ];
            html! {
                (v.select(&tr("edit-type"), "type", &terms(viewer, EventType::ALL, EventType::as_str), None))
                (v.required(&tr("edit-date"), "date", &tr("edit-date-hint")))
                (v.required(&tr("edit-title"), "title", &tr("edit-title-hint")))
                (v.text(&tr("edit-place"), "place", ""))
                (v.country(&tr("edit-country")))
                @if !v.f.get("no_country_asked").is_empty() {
                    label.check { input type="checkbox" name="no_country" checked[!v.f.get("no_country").is_empty()]; " " (tr("edit-no-country")) }
                }
                (v.area(&tr("edit-description"), "description", 3, ""))
                label.check {
                    input type="checkbox" name="pattern" checked[!v.f.get("pattern").is_empty()];
                    " " (tr("edit-pattern"))
                }
                p.hint { (tr("edit-pattern-hint")) }
                fieldset {
                    legend { (tr("edit-who")) }
                    (v.errors_for("participants"))
                    @for i in 0..rows {
                        div.row {
                            (v.reference(&tr("edit-participant"), &format!("participants[{i}].record_id"), &tr("edit-any-spelling")))
                            (v.select(&tr("edit-role"), &format!("participants[{i}].role"), &terms(viewer, Role::ALL, Role::as_str), None))
                        }
                    }
                    (v.add_row("participants"))
                    (v.text(&tr("edit-victim-count"), "victim_count", "19"))
                }
                fieldset {
                    legend { (tr("edit-terms")) }
                    (v.text(&tr("edit-imprisonment"), "terms.imprisonment", &tr("edit-imprisonment-hint")))
                    (v.text(&tr("edit-restricted-freedom"), "terms.restricted_freedom", "P2Y6M"))
                    div.row {
                        (v.select(&tr("edit-fine"), "terms.fine", &fine, None))
                        (v.text(&tr("edit-amount"), "terms.fine_amount", "150000"))
                        (v.text(&tr("edit-currency"), "terms.fine_currency", "KZT"))
                    }
                    @for i in 0..bans {
                        div.row {
                            (v.text(&tr("edit-banned-from"), &format!("terms.bans[{i}].scope"), &tr("edit-banned-from-hint")))
                            (v.text(&tr("edit-ban-for"), &format!("terms.bans[{i}].duration"), &tr("edit-ban-for-hint")))
                        }
                    }
                    (v.add_row("terms.bans"))
                }
                (relates_to(v, c))
                (excerpt_rows(v, c, "edit-evidence"))
                @if !v.f.get("claims").is_empty() {
                    input type="hidden" name="claims" value=(v.f.get("claims"));
                    p.hint { (tr("edit-claims-kept")) }
                }
                (v.errors_for("claims"))
                (confidentiality(v, kind, viewer))
            }
        }
        RecordKind::Case => html! {
            (v.required(&tr("edit-title"), "title", &tr("edit-case-title-hint")))
            (v.area(&tr("edit-description"), "description", 3, ""))
            (v.area(&tr("edit-case-events"), "event_ids", 4, ""))
            (v.area(&tr("edit-case-persons"), "person_ids", 3, ""))
            (confidentiality(v, kind, viewer))
        },
        RecordKind::Source => html! {
            (v.required(&tr("edit-title"), "title", ""))
            (v.text(&tr("edit-publisher"), "publisher", ""))
            (v.language(&tr("edit-language")))
            (v.text(&tr("edit-published"), "published", "2019-10-16"))
            (v.text(&tr("edit-url"), "url", "https://…"))
            (v.area(&tr("edit-full-text"), "text", 16, &tr("edit-full-text-hint")))
            (confidentiality(v, kind, viewer))
        },
        _ => html! {
            p.hint { (tr("edit-json-hint")) }
            (v.area(&tr("edit-json"), "json", 24, "{ \"title\": … }"))
        },
    }
}

pub(super) fn form_page(
    viewer: &Viewer,
    kind: RecordKind,
    existing: Option<&RecordId>,
    f: &Fields,
    errors: &[FieldError],
    c: &Choices,
) -> Markup {
    let v = FormView { f, errors, viewer };
    let what = kind_word(viewer, kind);
    let titled = |key: &str| viewer.lang.tr_with(key, &[("what", Arg::Text(&what))]);
    let (title, action) = match existing {
        Some(id) => (titled("edit-heading-edit"), format!("/{}/{id}/edit", section(kind))),
        None => (titled("edit-heading-new"), format!("/{}/new", section(kind))),
    };
    let tr = |key: &str| viewer.tr(key);
    // Errors the form has no field for are shown at the top.
    let known = |e: &&FieldError| {
        let root = e.field.split(['[', '.']).next().unwrap_or_default();
        !matches!(root, "id" | "body" | "kind" | "")
    };
    let general: Vec<&FieldError> = errors.iter().filter(|e| !known(e)).collect();
    // A conflict with a later revision: what happened, and each field
    // that differs, saved and typed side by side.
    let stale = errors.iter().find(|e| e.field == "revision");
    let differences: Vec<(&str, &str)> = errors
        .iter()
        .filter_map(|e| Some((e.field.strip_prefix("conflict.")?, e.message.as_str())))
        .collect();
    layout::page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if let Some(stale) = stale {
                section.conflict role="alert" {
                    h2 { (tr("edit-changed")) }
                    p.error { (stale.message) }
                    @if !differences.is_empty() {
                        table.conflict {
                            thead { tr { th { (tr("edit-field")) } th { (tr("edit-saved-and-yours")) } } }
                            tbody {
                                @for (field, message) in &differences {
                                    tr {
                                        td { @match field_name(viewer, field) { Some(name) => (name), None => code { (field) } } }
                                        td { (message) }
                                    }
                                }
                            }
                        }
                    }
                }
            } @else if !errors.is_empty() {
                p.error role="alert" { (tr("edit-correct")) }
                @for e in &general { p.error { @if !e.field.is_empty() { code { (e.field) } ": " } (field_message(viewer, &e.message)) } }
            }
            form.stacked.record method="post" action=(action) {
                // The first button is the one Enter presses: saving, not
                // adding a row.
                button.default-save type="submit" tabindex="-1" aria-hidden="true" { (tr("edit-save")) }
                (layout::csrf_field(viewer))
                p.hint { (viewer.tr("form-required-note")) }
                @if !f.get("revision").is_empty() {
                    input type="hidden" name="revision" value=(f.get("revision"));
                }
                @if !f.get("proposal").is_empty() {
                    p.hint { (tr("edit-from-proposal")) }
                    input type="hidden" name="proposal" value=(f.get("proposal"));
                }
                @if existing.is_none() {
                    (v.text(&tr("edit-id"), "id", &tr("edit-id-hint")))
                }
                (body_fields(kind, &v, c, viewer))
                (v.required(&tr("edit-reason"), "reason", &tr("edit-reason-hint")))
                button.save type="submit" { (tr("edit-save")) }
            }
            @if let Some(id) = existing {
                form.stacked.danger method="post" action={ "/records/" (id) "/delete" } {
                    (layout::csrf_field(viewer))
                    input type="hidden" name="reason" value="deleted from its edit page";
                    button { (titled("edit-delete")) }
                }
            }
        },
    )
}

/// Used by the person page: an editor's link to record an event about them.
pub fn new_event_link(viewer: &Viewer, person: &RecordId) -> Markup {
    html! {
        @if viewer.may_write() {
            a.action href={ "/events/new?" (links::query(&[("person", person.as_str())])) } { (viewer.tr("edit-add-event")) }
        }
    }
}

/// An "Edit" link for those who may write.
pub fn edit_link(viewer: &Viewer, kind: RecordKind, id: &RecordId) -> Markup {
    html! {
        @if viewer.may_write() {
            a.action href={ (links::href(kind, id)) "/edit" } { (viewer.tr("edit-edit")) }
        }
    }
}

/// A "New …" link for those who may write.
pub fn new_link(viewer: &Viewer, kind: RecordKind) -> Markup {
    html! {
        @if viewer.may_write() {
            p.actions { a.action href={ "/" (section(kind)) "/new" } { (viewer.lang.tr_with("edit-heading-new", &[("what", Arg::Text(&kind_word(viewer, kind)))])) } }
        }
    }
}

/// A kind of record in words, as a heading names it ("person", "событие").
fn kind_word(viewer: &Viewer, kind: RecordKind) -> String {
    viewer.lang.term(&kind).to_lowercase()
}
