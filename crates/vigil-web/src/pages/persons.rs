//! `/persons` and `/persons/{id}`.

use maud::{html, Markup};
use std::collections::BTreeMap;
use vigil_core::{Person, Record, RecordId, RecordKind};
use vigil_store::{Campaigns, EventFilter, Listing, NameQuery, Page, Store, Visibility};

use super::{events::event_list, fmt, lookup, record_page, timeline, RecordList, RecordPage};
use crate::error::PageError;
use crate::links;
use crate::{AppState, Viewer};
use vigil_app::i18n::{Arg, Lang};

impl RecordList for Person {
    const PATH: &'static str = "/persons";
    const TITLE: &'static str = "nav-persons";
    const NONE: &'static str = "list-persons-none";
    const NAME_SEARCH: Option<(&'static str, Option<&'static str>)> = Some(("list-name", Some("list-name-hint")));

    async fn listing<S: Store>(
        store: &S,
        visibility: Visibility,
        name: Option<String>,
        page: Page,
    ) -> vigil_store::Result<Listing<Person>> {
        store.persons(&NameQuery { text: name, visibility }, page).await
    }

    fn line(&self, _lang: Lang) -> Markup {
        html! {
            a href=(links::href(RecordKind::Person, &self.id)) { (self.name) }
            @if !self.aliases.is_empty() { span.aliases { " (" (self.aliases.join(", ")) ")" } }
            @if let Some(o) = &self.occupation { " — " (o) }
        }
    }
}

impl RecordPage for Person {
    async fn page<S: Store + Campaigns + vigil_store::Attachments>(
        self,
        app: &AppState<S>,
        viewer: &Viewer,
    ) -> Result<Markup, PageError> {
        let person = self;
        let filter = EventFilter {
            person: Some(person.id.clone()),
            ..EventFilter::all(viewer.visibility)
        };
        let events = vigil_app::status::all_events(&app.store, &filter).await?;
        // Sources cited about this person, here or in their events: read
        // once, by id, for the status (their publication dates) and the
        // list of sources.
        let mut cited: BTreeMap<RecordId, usize> = BTreeMap::new();
        for e in person
            .excerpts
            .iter()
            .chain(events.iter().flat_map(|e| e.excerpts.iter()))
        {
            *cited.entry(e.source_id.clone()).or_default() += 1;
        }
        let ids: Vec<RecordId> = cited.keys().cloned().collect();
        let found = app.store.records(&ids, viewer.visibility).await?;
        let today = vigil_app::status::today();
        let confirmed = vigil_app::status::confirmations_from(&events, &found);
        let status_today = vigil_core::person_status(
            &person.id,
            vigil_app::status::links(&person.id, &events, &confirmed),
            today,
        );
        let bands: Vec<timeline::Band> = vigil_app::status::spans(&person.id, &events, &confirmed, today)
            .into_iter()
            .map(|s| timeline::Band {
                label: format!(
                    "{}{}",
                    viewer.lang.term(&s.kind),
                    s.scope.as_ref().map(|sc| format!(": {sc}")).unwrap_or_default()
                ),
                start: s.start,
                end: s.end,
                end_uncertain: s.uncertain,
                class: s.kind.as_str(),
            })
            .collect();
        let mut affiliations = Vec::new();
        for a in &person.affiliations {
            affiliations.push((a, lookup(&app.store, viewer, &a.organisation_id).await?));
        }
        // The cases naming the person (not every record that refers to
        // them: a person with hundreds of events would read them again).
        let mut cases: Vec<Record> = app
            .store
            .referring(std::slice::from_ref(&person.id), "person_ids", viewer.visibility)
            .await?
            .into_iter()
            .filter(|r| r.kind() == RecordKind::Case)
            .collect();
        cases.sort_by_cached_key(|r| (vigil_core::name::fold(r.title()), r.id().clone()));
        let mut found: BTreeMap<RecordId, Record> = found.into_iter().map(|r| (r.id().clone(), r)).collect();
        let sources: Vec<(Record, usize)> = cited
            .into_iter()
            .filter_map(|(sid, n)| found.remove(&sid).map(|s| (s, n)))
            .collect();
        let campaigns = super::campaigns::linked(app, viewer, &person.id).await;
        let cites = super::events::Cites::of(sources.iter().filter_map(|(s, _)| match s {
            Record::Source(s) => Some(s),
            _ => None,
        }));
        let lang = viewer.lang;
        let tr = |key: &str| lang.tr(key);
        Ok(record_page(
            viewer,
            RecordKind::Person,
            &person.id,
            &person.name,
            html! {},
            html! { " " (super::edit::new_event_link(viewer, &person.id)) },
            html! {
                @if !person.aliases.is_empty() {
                    p { (tr("person-also-written")) " " span.aliases { (person.aliases.join(" · ")) } }
                }
                (campaigns)
                dl.facts {
                    @if let Some(o) = &person.occupation { dt { (tr("fact-occupation")) } dd { (o) } }
                    @if let Some(s) = &person.sex { dt { (tr("fact-sex")) } dd { (lang.term(s)) } }
                    @if let Some(c) = &person.country { dt { (tr("fact-country")) } dd { (vigil_app::words::country_in(lang, c)) } }
                    @if !affiliations.is_empty() {
                        dt { (tr("fact-affiliations")) }
                        dd { ul {
                            @for (a, org) in &affiliations {
                                li {
                                    @if let Some(o) = org { (fmt::link(o)) } @else { (tr("record-not-shown")) }
                                    @if let Some(r) = &a.role { ", " (r) }
                                    @if let Some(p) = &a.period { " (" (fmt::time_in(lang, p)) ")" }
                                }
                            }
                        } }
                    }
                }
                h2 { (tr("person-status-today")) }
                @if status_today.at_liberty {
                    p.status { (lang.tr_with("person-at-liberty", &[("day", Arg::Text(&vigil_app::words::day_in(lang, today)))])) }
                } @else {
                    ul.status {
                        @for r in &status_today.restraints { li { (super::status::restraint_line(lang, r)) } }
                    }
                    (super::events::disputes(lang, &events, status_today.restraints.iter().flat_map(|r| &r.disputed), &cites))
                }
                details.steps {
                    summary { (tr("person-steps")) }
                    ol { @for s in &status_today.steps { li {
                        (fmt::time_in(lang, &s.date)) " — " a href=(links::href(RecordKind::Event, &s.event_id)) { (lang.term(&s.event_type)) }
                        ": " span.effect { (vigil_app::words::step_in(lang, s)) }
                    } } }
                }
                h2 { (tr("person-timeline")) }
                (timeline::svg(lang, &events, &bands))
                h2 { (tr("person-events")) }
                (event_list(lang, &events))
                @if !cases.is_empty() {
                    h2 { (tr("person-cases")) }
                    ul.records { @for c in &cases { li { (fmt::link(c)) } } }
                }
                (super::events::quotes(lang, &tr("person-quotes"), &person.excerpts, &cites))
                h2 { (tr("sources-cited")) }
                ul.records {
                    @for (s, n) in &sources { li { (source_line(lang, s)) " — " (lang.tr_with("sources-cited-passages", &[("count", Arg::Number(*n as u64))])) } }
                }
            },
        ))
    }
}

/// A source as a reader cites it: its title linked, its publisher and date.
fn source_line(lang: Lang, record: &Record) -> Markup {
    html! {
        (fmt::link(record))
        @if let Record::Source(s) = record {
            @if let Some(p) = &s.publisher { ", " span.publisher { (p) } }
            @if let Some(d) = &s.published { ", " (fmt::time_in(lang, d)) }
        }
    }
}
