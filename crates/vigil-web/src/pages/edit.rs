//! Forms to create, edit and delete records: `/{kind}s/new`,
//! `/{kind}s/{id}/edit`, `/records/{id}/delete`.
//!
//! A form's fields are named like the record's own fields
//! (`participants[1].record_id`, `terms.imprisonment`), so the errors the
//! store gives (which name those same paths) appear next to their field.
//! Every form carries the session's CSRF token and a reason for the change.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use vigil_core::confidentiality::allowed_fields;
use vigil_core::{
    Affiliation, Ban, Case, Duration, Event, EventType, Excerpt, FieldError, Fine, Organisation, OrganisationKind,
    OrganisationStatus, PartialDate, Participant, Person, Record, RecordId, RecordKind, Role, Sex, Source, Terms,
};
use vigil_store::{NameQuery, Page, Proposals, Store, StoreError};

use super::layout;
use crate::api::write::{change_for, guard_confidential, new_id};
use crate::error::{ApiError, PageError};
use crate::links;
use crate::{AppState, Viewer};

/// Blank rows offered for adding participants, excerpts, bans, affiliations.
const BLANK_ROWS: usize = 2;

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

// ---- from a form to a record -------------------------------------------

struct Reader<'a> {
    f: &'a Fields,
    errors: Vec<FieldError>,
}

impl<'a> Reader<'a> {
    fn parsed<T: std::str::FromStr>(&mut self, name: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.f.opt(name)?;
        match v.parse::<T>() {
            Ok(t) => Some(t),
            Err(e) => {
                self.errors.push(FieldError::new(name, e.to_string()));
                None
            }
        }
    }

    fn id(&mut self, name: &str) -> Option<RecordId> {
        self.parsed::<RecordId>(name)
    }

    fn ids(&mut self, name: &str) -> Vec<RecordId> {
        let mut out = Vec::new();
        for v in self.f.all(name).iter().flat_map(|v| v.split([',', '\n', ' '])) {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match RecordId::parse(v) {
                Ok(id) if !out.contains(&id) => out.push(id),
                Ok(_) => {}
                Err(e) => self.errors.push(FieldError::new(name, format!("'{v}': {e}"))),
            }
        }
        out
    }

    /// A date as ISO or as articles write it ("16 October 2019").
    fn date(&mut self, name: &str) -> Option<PartialDate> {
        let v = self.f.opt(name)?;
        v.parse::<PartialDate>()
            .or_else(|_| PartialDate::parse_article(&v, None))
            .map_err(|e| self.errors.push(FieldError::new(name, e.to_string())))
            .ok()
    }

    /// A term as ISO ("P5M8D") or in words ("five months and eight days").
    fn duration(&mut self, name: &str) -> Option<Duration> {
        let v = self.f.opt(name)?;
        v.parse::<Duration>()
            .or_else(|_| Duration::parse_article(&v))
            .map_err(|e| self.errors.push(FieldError::new(name, e.to_string())))
            .ok()
    }

    fn required(&mut self, name: &str) -> String {
        let v = self.f.get(name).to_owned();
        if v.is_empty() {
            self.errors.push(FieldError::new(name, "required"));
        }
        v
    }

    fn flag(&self, name: &str) -> bool {
        !self.f.get(name).is_empty()
    }
}

async fn excerpts_from<S: Store>(store: &S, viewer: &Viewer, r: &mut Reader<'_>) -> Result<Vec<Excerpt>, PageError> {
    let mut out = Vec::new();
    for i in 0..r.f.rows("excerpts") {
        let quote = r.f.get(&format!("excerpts[{i}].text")).to_owned();
        let source = r.f.get(&format!("excerpts[{i}].source_id")).to_owned();
        if quote.is_empty() && source.is_empty() {
            continue;
        }
        let field = format!("excerpts[{i}]");
        let Ok(source_id) = RecordId::parse(&source) else {
            r.errors.push(FieldError::new(
                format!("{field}.source_id"),
                "choose the source the passage is from",
            ));
            continue;
        };
        if quote.is_empty() {
            r.errors.push(FieldError::new(
                format!("{field}.text"),
                "paste the passage from the source",
            ));
            continue;
        }
        let Some(Record::Source(s)) = super::lookup(store, viewer, &source_id).await? else {
            r.errors
                .push(FieldError::new(format!("{field}.source_id"), "no such source"));
            continue;
        };
        let hint = r.f.opt(&format!("{field}.start")).and_then(|v| v.parse().ok());
        // Found however its spaces and quote marks were pasted; the excerpt
        // keeps the source's own text.
        match vigil_core::quote::locate(&s.text, &quote, hint) {
            Some(span) => out.push(Excerpt {
                source_id,
                start: span.start,
                end: span.end,
                text: s.text[span].to_owned(),
            }),
            None => r.errors.push(FieldError::new(
                format!("{field}.text"),
                "this passage does not occur in the source, word for word",
            )),
        }
    }
    Ok(out)
}

fn confidential_from(r: &Reader<'_>) -> (bool, Vec<String>) {
    (r.flag("confidential"), r.f.all("confidential_fields"))
}

async fn record_from<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    f: &Fields,
    id: RecordId,
) -> Result<Result<Record, Vec<FieldError>>, PageError> {
    if edited_as_json(kind) {
        let json = f.0.get("json").and_then(|v| v.last()).cloned().unwrap_or_default();
        return Ok(crate::api::write::parse_record(kind, json.as_bytes(), Some(&id))
            .map_err(|e| vec![FieldError::new("json", e.detail.message)]));
    }
    let mut r = Reader { f, errors: Vec::new() };
    let (confidential, confidential_fields) = confidential_from(&r);
    let record = match kind {
        RecordKind::Person => {
            let mut affiliations = Vec::new();
            for i in 0..f.rows("affiliations") {
                let Some(organisation_id) = r.id(&format!("affiliations[{i}].organisation_id")) else {
                    continue;
                };
                affiliations.push(Affiliation {
                    organisation_id,
                    role: f.opt(&format!("affiliations[{i}].role")),
                    period: r.date(&format!("affiliations[{i}].period")),
                });
            }
            Record::Person(Person {
                id,
                name: r.required("name"),
                aliases: f.lines("aliases"),
                sex: r.parsed::<Sex>("sex"),
                occupation: f.opt("occupation"),
                country: f.opt("country").map(|c| c.to_uppercase()),
                affiliations,
                address: f.opt("address"),
                excerpts: excerpts_from(store, viewer, &mut r).await?,
                confidential,
                confidential_fields,
            })
        }
        RecordKind::Organisation => Record::Organisation(Organisation {
            id,
            name: r.required("name"),
            aliases: f.lines("aliases"),
            kind: r.parsed::<OrganisationKind>("kind").unwrap_or(OrganisationKind::Other),
            parent_id: r.id("parent_id"),
            country: f.opt("country").map(|c| c.to_uppercase()),
            status: r
                .parsed::<OrganisationStatus>("status")
                .unwrap_or(OrganisationStatus::Unknown),
            excerpts: excerpts_from(store, viewer, &mut r).await?,
            confidential,
            confidential_fields,
        }),
        RecordKind::Event => {
            let mut participants = Vec::new();
            for i in 0..f.rows("participants") {
                let Some(record_id) = r.id(&format!("participants[{i}].record_id")) else {
                    continue;
                };
                let role = r
                    .parsed::<Role>(&format!("participants[{i}].role"))
                    .unwrap_or(Role::Victim);
                participants.push(Participant { record_id, role });
            }
            let mut bans = Vec::new();
            for i in 0..f.rows("terms.bans") {
                let Some(scope) = f.opt(&format!("terms.bans[{i}].scope")) else {
                    continue;
                };
                bans.push(Ban {
                    scope,
                    duration: r.duration(&format!("terms.bans[{i}].duration")),
                });
            }
            let fine = match f.get("terms.fine") {
                "undisclosed" => Some(Fine::Undisclosed),
                "amount" => match (r.parsed::<u64>("terms.fine_amount"), f.opt("terms.fine_currency")) {
                    (Some(amount), Some(currency)) => Some(Fine::Amount {
                        amount,
                        currency: currency.to_uppercase(),
                    }),
                    _ => {
                        r.errors.push(FieldError::new(
                            "terms.fine",
                            "give the amount and its currency (e.g. KZT)",
                        ));
                        None
                    }
                },
                _ => None,
            };
            let terms = Terms {
                imprisonment: r.duration("terms.imprisonment"),
                restricted_freedom: r.duration("terms.restricted_freedom"),
                fine,
                bans,
            };
            let date = r.date("date");
            if date.is_none() && f.get("date").is_empty() {
                r.errors.push(FieldError::new(
                    "date",
                    "required: e.g. 2019-10-16, 2019-08, 2016 or 16 October 2019",
                ));
            }
            let event_type = r.parsed::<EventType>("type");
            let excerpts = excerpts_from(store, viewer, &mut r).await?;
            let (Some(date), Some(event_type)) = (date, event_type) else {
                return Ok(Err(r.errors));
            };
            Record::Event(Event {
                id,
                event_type,
                date,
                place: f.opt("place"),
                country: f.opt("country").map(|c| c.to_uppercase()),
                title: r.required("title"),
                description: f.opt("description"),
                participants,
                victim_count: r.parsed::<u32>("victim_count"),
                terms: (!terms.is_empty()).then_some(terms),
                relates_to: r.ids("relates_to"),
                excerpts,
                confidential,
                confidential_fields,
            })
        }
        RecordKind::Case => Record::Case(Case {
            id,
            title: r.required("title"),
            description: f.opt("description"),
            event_ids: r.ids("event_ids"),
            person_ids: r.ids("person_ids"),
            confidential,
            confidential_fields,
        }),
        RecordKind::Source => Record::Source(Source {
            id,
            title: r.required("title"),
            publisher: f.opt("publisher"),
            language: f.opt("language"),
            published: r.date("published"),
            url: f.opt("url"),
            // The text is kept exactly (but for line endings): excerpts
            // point into it by byte offset.
            text: f.0.get("text").and_then(|v| v.last()).cloned().unwrap_or_default(),
            confidential,
            confidential_fields,
        }),
        _ => return Ok(Err(vec![FieldError::new("json", "edited as JSON")])),
    };
    Ok(if r.errors.is_empty() { Ok(record) } else { Err(r.errors) })
}

// ---- from a record to a form -------------------------------------------

fn excerpt_fields(f: &mut Fields, excerpts: &[Excerpt]) {
    for (i, x) in excerpts.iter().enumerate() {
        f.set(format!("excerpts[{i}].source_id"), x.source_id.to_string());
        f.set(format!("excerpts[{i}].text"), x.text.clone());
        f.set(format!("excerpts[{i}].start"), x.start.to_string());
    }
}

fn fields_of(record: &Record) -> Fields {
    let mut f = Fields::default();
    f.set("id", record.id().to_string());
    if record.is_confidential() {
        f.set("confidential", "on");
    }
    for c in record.confidential_fields() {
        f.push("confidential_fields", c.clone());
    }
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match record {
        Record::Person(p) => {
            f.set("name", p.name.clone());
            f.set("aliases", p.aliases.join("\n"));
            f.set("sex", p.sex.map(|s| s.as_str().to_owned()).unwrap_or_default());
            f.set("occupation", opt(&p.occupation));
            f.set("country", opt(&p.country));
            f.set("address", opt(&p.address));
            for (i, a) in p.affiliations.iter().enumerate() {
                f.set(
                    format!("affiliations[{i}].organisation_id"),
                    a.organisation_id.to_string(),
                );
                f.set(format!("affiliations[{i}].role"), opt(&a.role));
                f.set(
                    format!("affiliations[{i}].period"),
                    a.period.map(|d| d.to_string()).unwrap_or_default(),
                );
            }
            excerpt_fields(&mut f, &p.excerpts);
        }
        Record::Organisation(o) => {
            f.set("name", o.name.clone());
            f.set("aliases", o.aliases.join("\n"));
            f.set("kind", o.kind.as_str());
            f.set(
                "parent_id",
                o.parent_id.as_ref().map(ToString::to_string).unwrap_or_default(),
            );
            f.set("country", opt(&o.country));
            f.set("status", o.status.as_str());
            excerpt_fields(&mut f, &o.excerpts);
        }
        Record::Event(e) => {
            f.set("type", e.event_type.as_str());
            f.set("date", e.date.to_string());
            f.set("title", e.title.clone());
            f.set("place", opt(&e.place));
            f.set("country", opt(&e.country));
            f.set("description", opt(&e.description));
            f.set(
                "victim_count",
                e.victim_count.map(|n| n.to_string()).unwrap_or_default(),
            );
            for (i, p) in e.participants.iter().enumerate() {
                f.set(format!("participants[{i}].record_id"), p.record_id.to_string());
                f.set(format!("participants[{i}].role"), p.role.as_str());
            }
            if let Some(t) = &e.terms {
                let d = |d: &Option<Duration>| d.map(|d| d.to_string()).unwrap_or_default();
                f.set("terms.imprisonment", d(&t.imprisonment));
                f.set("terms.restricted_freedom", d(&t.restricted_freedom));
                match &t.fine {
                    Some(Fine::Undisclosed) => f.set("terms.fine", "undisclosed"),
                    Some(Fine::Amount { amount, currency }) => {
                        f.set("terms.fine", "amount");
                        f.set("terms.fine_amount", amount.to_string());
                        f.set("terms.fine_currency", currency.clone());
                    }
                    None => {}
                }
                for (i, b) in t.bans.iter().enumerate() {
                    f.set(format!("terms.bans[{i}].scope"), b.scope.clone());
                    f.set(format!("terms.bans[{i}].duration"), d(&b.duration));
                }
            }
            f.set(
                "relates_to",
                e.relates_to
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            excerpt_fields(&mut f, &e.excerpts);
        }
        Record::Case(c) => {
            f.set("title", c.title.clone());
            f.set("description", opt(&c.description));
            f.set(
                "event_ids",
                c.event_ids
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            f.set(
                "person_ids",
                c.person_ids
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
        Record::Source(s) => {
            f.set("title", s.title.clone());
            f.set("publisher", opt(&s.publisher));
            f.set("language", opt(&s.language));
            f.set("published", s.published.map(|d| d.to_string()).unwrap_or_default());
            f.set("url", opt(&s.url));
            f.set("text", s.text.clone());
        }
        other => {
            let body = serde_json::to_value(other)
                .ok()
                .and_then(|mut v| v.get_mut("record").map(serde_json::Value::take))
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or_default();
            f.set("json", body);
        }
    }
    f
}

// ---- rendering -------------------------------------------------------------

/// The choices a form offers: persons, organisations, sources, events.
struct Choices {
    agents: Vec<(RecordId, String)>,
    organisations: Vec<(RecordId, String)>,
    sources: Vec<(RecordId, String)>,
}

async fn choices<S: Store>(store: &S, viewer: &Viewer) -> Result<Choices, PageError> {
    let v = viewer.visibility;
    let persons = store.persons(&NameQuery::all(v), Page::all()).await?.items;
    let orgs = store.organisations(&NameQuery::all(v), Page::all()).await?.items;
    let sources = store.sources(v, Page::all()).await?.items;
    let organisations: Vec<(RecordId, String)> = orgs.into_iter().map(|o| (o.id, o.name)).collect();
    let mut agents: Vec<(RecordId, String)> = persons.into_iter().map(|p| (p.id, p.name)).collect();
    agents.extend(organisations.iter().cloned());
    Ok(Choices {
        agents,
        organisations,
        sources: sources.into_iter().map(|s| (s.id, s.title)).collect(),
    })
}

struct FormView<'a> {
    f: &'a Fields,
    errors: &'a [FieldError],
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
        html! { @for e in mine { span.field-error role="alert" { (e.message) } } }
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

    fn area(&self, label: &str, name: &str, rows: u32, hint: &str) -> Markup {
        html! {
            label {
                (label)
                textarea name=(name) rows=(rows) placeholder=(hint) { (self.f.0.get(name).and_then(|v| v.last()).map(String::as_str).unwrap_or_default()) }
                (self.errors_for(name))
            }
        }
    }

    fn select(&self, label: &str, name: &str, options: &[(String, String)], blank: Option<&str>) -> Markup {
        let current = self.f.get(name);
        html! {
            label {
                (label)
                select name=(name) {
                    @if let Some(b) = blank { option value="" { (b) } }
                    @for (value, text) in options {
                        option value=(value) selected[current == value] { (text) }
                    }
                }
                (self.errors_for(name))
            }
        }
    }
}

fn vocab<T: Copy>(all: &[T], code: fn(&T) -> &'static str, label: fn(&T) -> &'static str) -> Vec<(String, String)> {
    all.iter().map(|t| (code(t).to_owned(), label(t).to_owned())).collect()
}

fn ids(list: &[(RecordId, String)]) -> Vec<(String, String)> {
    list.iter().map(|(id, name)| (id.to_string(), name.clone())).collect()
}

fn excerpt_rows(v: &FormView<'_>, c: &Choices, heading: &str) -> Markup {
    let rows = v.f.rows("excerpts") + BLANK_ROWS;
    let sources = ids(&c.sources);
    html! {
        fieldset {
            legend { (heading) }
            p.hint { "Choose the source and paste the passage exactly as it reads there; Vigil finds it in the text." }
            (v.errors_for("excerpts"))
            @for i in 0..rows {
                div.row {
                    (v.select("Source", &format!("excerpts[{i}].source_id"), &sources, Some("—")))
                    (v.area("Passage", &format!("excerpts[{i}].text"), 2, ""))
                    @if !v.f.get(&format!("excerpts[{i}].start")).is_empty() {
                        input type="hidden" name={ "excerpts[" (i) "].start" } value=(v.f.get(&format!("excerpts[{i}].start")));
                    }
                }
            }
        }
    }
}

fn confidentiality(v: &FormView<'_>, kind: RecordKind, viewer: &Viewer) -> Markup {
    let marked = v.f.all("confidential_fields");
    html! {
        @if viewer.may_read_confidential() {
            fieldset.confidential {
                legend { "Confidentiality" }
                label.check { input type="checkbox" name="confidential" checked[!v.f.get("confidential").is_empty()]; " The whole record is confidential" }
                p { "Confidential fields: "
                    @for field in allowed_fields(kind) {
                        label.check { input type="checkbox" name="confidential_fields" value=(field) checked[marked.iter().any(|m| m == field)]; " " (field) }
                    }
                }
                (v.errors_for("confidential_fields"))
            }
        }
    }
}

fn body_fields(kind: RecordKind, v: &FormView<'_>, c: &Choices, viewer: &Viewer) -> Markup {
    match kind {
        RecordKind::Person => {
            let rows = v.f.rows("affiliations") + BLANK_ROWS;
            let orgs = ids(&c.organisations);
            html! {
                (v.text("Name", "name", "as the person is best known"))
                (v.area("Other names and spellings (one a line, any script)", "aliases", 3, "Baltabai\nБалтабай"))
                (v.select("Sex", "sex", &vocab(Sex::ALL, Sex::as_str, Sex::label), Some("not known")))
                (v.text("Occupation or role", "occupation", ""))
                (v.text("Country (ISO code)", "country", "KZ"))
                (v.text("Address", "address", "usually marked confidential"))
                fieldset {
                    legend { "Affiliations" }
                    @for i in 0..rows {
                        div.row {
                            (v.select("Organisation", &format!("affiliations[{i}].organisation_id"), &orgs, Some("—")))
                            (v.text("Role", &format!("affiliations[{i}].role"), "leader"))
                            (v.text("Period", &format!("affiliations[{i}].period"), "2014/2019"))
                        }
                    }
                }
                (excerpt_rows(v, c, "What the sources say"))
                (confidentiality(v, kind, viewer))
            }
        }
        RecordKind::Organisation => html! {
            (v.text("Name", "name", ""))
            (v.area("Acronyms and other names (one a line)", "aliases", 3, "KNPRK"))
            (v.select("Kind", "kind", &vocab(OrganisationKind::ALL, OrganisationKind::as_str, OrganisationKind::label), None))
            (v.select("Part of", "parent_id", &ids(&c.organisations), Some("—")))
            (v.text("Country (ISO code)", "country", "KZ"))
            (v.select("Status", "status", &vocab(OrganisationStatus::ALL, OrganisationStatus::as_str, OrganisationStatus::label), None))
            (excerpt_rows(v, c, "What the sources say"))
            (confidentiality(v, kind, viewer))
        },
        RecordKind::Event => {
            let rows = v.f.rows("participants") + BLANK_ROWS;
            let bans = v.f.rows("terms.bans") + 1;
            let agents = ids(&c.agents);
            let fine = [
                ("".to_owned(), "none".to_owned()),
                ("undisclosed".to_owned(), "amount not stated".to_owned()),
                ("amount".to_owned(), "amount:".to_owned()),
            ];
            html! {
                (v.select("Type", "type", &vocab(EventType::ALL, EventType::as_str, EventType::label), None))
                (v.text("Date", "date", "2019-10-16, 2019-08, 2016, 2018-09/2019-08 or 16 October 2019"))
                (v.text("Title", "title", "a short headline"))
                (v.text("Place", "place", ""))
                (v.text("Country (ISO code)", "country", "KZ"))
                (v.area("Description", "description", 3, ""))
                fieldset {
                    legend { "Who" }
                    (v.errors_for("participants"))
                    @for i in 0..rows {
                        div.row {
                            (v.select("Person or organisation", &format!("participants[{i}].record_id"), &agents, Some("—")))
                            (v.select("Role", &format!("participants[{i}].role"), &vocab(Role::ALL, Role::as_str, Role::label), None))
                        }
                    }
                    (v.text("People affected, when not named", "victim_count", "19"))
                }
                fieldset {
                    legend { "Terms of a sentence" }
                    (v.text("Imprisonment", "terms.imprisonment", "P7Y or seven years"))
                    (v.text("Restricted freedom", "terms.restricted_freedom", "P2Y6M"))
                    div.row {
                        (v.select("Fine", "terms.fine", &fine, None))
                        (v.text("Amount", "terms.fine_amount", "150000"))
                        (v.text("Currency", "terms.fine_currency", "KZT"))
                    }
                    @for i in 0..bans {
                        div.row {
                            (v.text("Banned from", &format!("terms.bans[{i}].scope"), "trade union leadership"))
                            (v.text("For", &format!("terms.bans[{i}].duration"), "P5Y; empty if not stated"))
                        }
                    }
                }
                (v.text("Acts on events (ids, comma-separated)", "relates_to", "the sentence a pardon ends"))
                (excerpt_rows(v, c, "Evidence (at least one passage)"))
                (confidentiality(v, kind, viewer))
            }
        }
        RecordKind::Case => html! {
            (v.text("Title", "title", "Prosecution of …"))
            (v.area("Description", "description", 3, ""))
            (v.area("Events (ids, one a line)", "event_ids", 4, ""))
            (v.area("Persons (ids, one a line)", "person_ids", 3, ""))
            (confidentiality(v, kind, viewer))
        },
        RecordKind::Source => html! {
            (v.text("Title", "title", ""))
            (v.text("Publisher", "publisher", ""))
            (v.text("Language", "language", "en"))
            (v.text("Published", "published", "2019-10-16"))
            (v.text("Original address", "url", "https://…"))
            (v.area("Full text", "text", 16, "the article's text, without site navigation"))
            (confidentiality(v, kind, viewer))
        },
        _ => html! {
            p.hint { "This record is edited as JSON, with the same fields and checks as the API (see /api/v1/openapi.json); confidentiality is set by its own \"confidential\" and \"confidential_fields\"." }
            (v.area("The record (JSON)", "json", 24, "{ \"title\": … }"))
        },
    }
}

fn form_page(
    viewer: &Viewer,
    kind: RecordKind,
    existing: Option<&RecordId>,
    f: &Fields,
    errors: &[FieldError],
    c: &Choices,
) -> Markup {
    let v = FormView { f, errors };
    let (title, action) = match existing {
        Some(id) => (format!("Edit {kind}"), format!("/{}/{id}/edit", section(kind))),
        None => (format!("New {kind}"), format!("/{}/new", section(kind))),
    };
    // Errors the form has no field for are shown at the top.
    let known = |e: &&FieldError| {
        let root = e.field.split(['[', '.']).next().unwrap_or_default();
        !matches!(root, "id" | "body" | "kind" | "")
    };
    let general: Vec<&FieldError> = errors.iter().filter(|e| !known(e)).collect();
    layout::page(
        viewer,
        &title,
        html! {
            h1 { (title) }
            @if !errors.is_empty() {
                p.error role="alert" { "Please correct the marked fields." }
                @for e in &general { p.error { (e.field) ": " (e.message) } }
            }
            form.stacked.record method="post" action=(action) {
                (layout::csrf_field(viewer))
                @if !f.get("proposal").is_empty() {
                    p.hint { "From proposal " code { (f.get("proposal")) } ": saving accepts it." }
                    input type="hidden" name="proposal" value=(f.get("proposal"));
                }
                @if existing.is_none() {
                    (v.text("Id (optional)", "id", "left empty, an opaque id is made"))
                }
                (body_fields(kind, &v, c, viewer))
                (v.text("Reason for this change", "reason", "e.g. from the HRW report of October 2019"))
                button { "Save" }
            }
            @if let Some(id) = existing {
                form.stacked.danger method="post" action={ "/records/" (id) "/delete" } {
                    (layout::csrf_field(viewer))
                    input type="hidden" name="reason" value="deleted from its edit page";
                    button { "Delete this " (kind) }
                }
            }
        },
    )
}

// ---- handlers --------------------------------------------------------------

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
    let c = choices(&app.store, &viewer).await?;
    Ok(form_page(&viewer, kind, None, &f, &[], &c))
}

pub async fn edit_form<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    uri: Uri,
    Path(id): Path<String>,
) -> Result<Markup, PageError> {
    let kind = kind_of_section(&uri)?;
    let record = super::fetch(&app.store, &viewer, kind, &id).await?;
    let c = choices(&app.store, &viewer).await?;
    Ok(form_page(
        &viewer,
        kind,
        Some(record.id()),
        &fields_of(&record),
        &[],
        &c,
    ))
}

async fn save<S: Store + Proposals>(
    app: &AppState<S>,
    viewer: &Viewer,
    kind: RecordKind,
    existing: Option<RecordId>,
    body: &[u8],
) -> Result<Response, PageError> {
    let f = Fields::parse(body);
    let creating = existing.is_none();
    let id = match &existing {
        Some(id) => Ok(id.clone()),
        None => match f.opt("id") {
            None => Ok(new_id()),
            Some(raw) => RecordId::parse(&raw).map_err(|e| vec![FieldError::new("id", e.to_string())]),
        },
    };
    let parsed = match id {
        Ok(id) => record_from(&app.store, viewer, kind, &f, id).await?,
        Err(errors) => Err(errors),
    };
    let outcome: Result<(), Vec<FieldError>> = match parsed {
        Err(errors) => Err(errors),
        Ok(record) => {
            let record = guard_confidential(&app.store, viewer, record, creating).await?;
            let change = change_for(viewer, f.opt("reason"))?;
            let written = if creating {
                app.store.create(record, &change).await
            } else {
                app.store.update(record, &change).await
            };
            match written {
                Ok(rev) => {
                    app.written();
                    // Saved from a proposal's pre-filled form: it is accepted.
                    if let Some(proposal) = f.opt("proposal") {
                        crate::ingest::accepted_by_form(&app.store, viewer, &proposal, &rev.record_id).await?;
                    }
                    return Ok(Redirect::to(&links::href(rev.kind, &rev.record_id)).into_response());
                }
                Err(StoreError::Invalid(errors)) => Err(errors),
                Err(StoreError::Conflict(id)) => {
                    Err(vec![FieldError::new("id", format!("the id '{id}' is already taken"))])
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    let errors = outcome.err().unwrap_or_default();
    let c = choices(&app.store, viewer).await?;
    let page = form_page(viewer, kind, existing.as_ref(), &f, &errors, &c);
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
    let record = super::fetch(&app.store, &viewer, kind, &id).await?;
    save(&app, &viewer, kind, Some(record.id().clone()), &body).await
}

pub async fn delete<S: Store>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Fields::parse(&body);
    let id = RecordId::parse(&id).map_err(|_| ApiError::not_found("record", &id))?;
    // Only what the viewer can see can be deleted by them.
    let record = app.store.record(&id, viewer.visibility).await?;
    let change = change_for(&viewer, f.opt("reason"))?;
    match app.store.delete(&id, &change).await {
        Ok(_) => {
            app.written();
            Ok(Redirect::to(&format!("/records/{id}/history")).into_response())
        }
        Err(StoreError::Referenced { by, .. }) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "referenced",
            format!(
                "“{}” cannot be deleted while these records refer to it: {}",
                record.title(),
                by.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            ),
        )
        .into()),
        Err(e) => Err(e.into()),
    }
}

/// Used by the person page: an editor's link to record an event about them.
pub fn new_event_link(viewer: &Viewer, person: &RecordId) -> Markup {
    html! {
        @if viewer.may_write() {
            a.action href={ "/events/new?" (links::query(&[("person", person.as_str())])) } { "Add an event" }
        }
    }
}

/// An "Edit" link for those who may write.
pub fn edit_link(viewer: &Viewer, kind: RecordKind, id: &RecordId) -> Markup {
    html! {
        @if viewer.may_write() {
            a.action href={ (links::href(kind, id)) "/edit" } { "Edit" }
        }
    }
}

/// A "New …" link for those who may write.
pub fn new_link(viewer: &Viewer, kind: RecordKind) -> Markup {
    html! {
        @if viewer.may_write() {
            p.actions { a.action href={ "/" (section(kind)) "/new" } { "New " (kind) } }
        }
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
) -> Result<Markup, PageError> {
    let mut f = fields_of(record);
    f.set("proposal", proposal);
    f.set("reason", format!("accepted proposal {proposal} with edits"));
    if undated {
        f.set("date", "");
    }
    let c = choices(&app.store, viewer).await?;
    let kind = record.kind();
    let title_id = existing.then(|| record.id().clone());
    Ok(form_page(viewer, kind, title_id.as_ref(), &f, &[], &c))
}
