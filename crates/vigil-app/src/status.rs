//! Status views: the status engine (`vigil_core::status`) over what a
//! viewer may see. Groups a case file's events by the persons they
//! restrain; one person's status from that person's events alone.

use std::collections::HashMap;

use vigil_core::RestraintKind;
use vigil_core::{
    last_confirmation, person_status, CaseFile, Confirmed, Date, Event, PartialDate, PersonStatus, Record, RecordId,
    Role,
};
use vigil_store::{Listing, Page, StatusCursor, StatusOrder, StatusQuery, Store, Visibility};

use crate::{AppError, Result};

/// Today, in UTC: the default day of every status question.
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// The day whose evidence a view of `as_of` rests on (`known_on`, see
/// [`vigil_core::casefile::evidence`]): the day `given`, or else `as_of`
/// itself when it is past, so a view of a past day shows what could be
/// known then. `None` (all the evidence held) for today and after: what
/// the case file holds now was all published by now, dated or not.
pub fn evidence_day(as_of: Date, given: Option<Date>) -> Option<Date> {
    let day = given.unwrap_or(as_of);
    (day < today()).then_some(day)
}

/// An event for the engine: with the person's role in it and its last
/// confirmation (`vigil_core::Confirmed`).
pub type Link<'a> = Confirmed<(&'a Event, Role)>;

/// Each person's events, with their role in each and their last
/// confirmation (from the publication dates of the case file's sources),
/// for the engine.
pub struct Timeline<'a> {
    pub by_person: HashMap<&'a RecordId, Vec<Link<'a>>>,
}

impl<'a> Timeline<'a> {
    pub fn new(case_file: &'a CaseFile) -> Self {
        let persons: std::collections::HashSet<&RecordId> = case_file.persons.iter().map(|p| &p.id).collect();
        let published: HashMap<&RecordId, PartialDate> = case_file
            .sources
            .iter()
            .filter_map(|s| s.published.map(|d| (&s.id, d)))
            .collect();
        let mut by_person: HashMap<&RecordId, Vec<Link>> = HashMap::new();
        for e in &case_file.events {
            let on = last_confirmation(e, |id| published.get(id).copied());
            for p in e.standing_participants() {
                if persons.contains(&p.record_id) {
                    by_person
                        .entry(&p.record_id)
                        .or_default()
                        .push(Confirmed { link: (e, p.role), on });
                }
            }
        }
        Self { by_person }
    }

    pub fn of(&self, person: &RecordId) -> &[Link<'a>] {
        self.by_person.get(person).map(Vec::as_slice).unwrap_or_default()
    }
}

/// One page of those not at liberty on `as_of` (with a restraint of `kind`
/// if given), with their names, in `order`: read from the status state the
/// store keeps per person ([`Store::statuses`]), so it costs the page, not
/// the case file.
pub async fn page<S: Store>(
    store: &S,
    visibility: Visibility,
    as_of: Date,
    kind: Option<RestraintKind>,
    order: StatusOrder,
    page: Page,
) -> Result<Listing<(String, PersonStatus)>> {
    let query = StatusQuery {
        as_of,
        kind,
        order,
        visibility,
    };
    let listing = store.statuses(&query, page).await?;
    Ok(Listing {
        total: listing.total,
        items: listing.items.into_iter().map(|l| (l.name, l.status)).collect(),
    })
}

/// One page of those of `country` not at liberty on `as_of` (with a
/// restraint of `kind` if given), in `order`; with `known_on`, as the
/// evidence published by that day showed it (see
/// [`vigil_core::casefile::evidence`]): a release reported later is not
/// known, so a person may be listed whom all the evidence shows free, and
/// a sentence reported later is not counted. The store keeps no state per
/// evidence day, so this is computed from the country's part of the case
/// file ([`crate::country::load`]), as a past briefing is: it costs the
/// country's size, not the page's. Persons are those who take part in the
/// country's events.
#[allow(clippy::too_many_arguments)]
pub async fn page_of_country<S: Store>(
    store: &S,
    visibility: Visibility,
    country: &str,
    as_of: Date,
    known_on: Option<Date>,
    kind: Option<RestraintKind>,
    order: StatusOrder,
    page: Page,
) -> Result<Listing<(String, PersonStatus)>> {
    // A parameter, not a path: a code that is not one is a bad request.
    let country = vigil_core::Country::parse(country)
        .map_err(|_| AppError::malformed("country", "country is an ISO 3166-1 alpha-2 code, such as KZ"))?
        .as_str()
        .to_owned();
    let whole = crate::country::load(store, visibility, &country).await?;
    let cf = match known_on {
        Some(day) => vigil_core::casefile::evidence::known_on(&whole, day),
        None => whole,
    };
    let mut lines = crate::country::not_at_liberty(&cf, &country, as_of, kind);
    let by_name = |a: &(String, PersonStatus), b: &(String, PersonStatus)| {
        (vigil_core::name::fold(&a.0), &a.1.person_id).cmp(&(vigil_core::name::fold(&b.0), &b.1.person_id))
    };
    match order {
        StatusOrder::Name => lines.sort_by(by_name),
        StatusOrder::Start => lines.sort_by(|a, b| {
            let start = |s: &PersonStatus| s.restraints.iter().map(|r| r.start.earliest()).min();
            start(&a.1).cmp(&start(&b.1)).then_with(|| by_name(a, b))
        }),
        StatusOrder::ExpectedEnd => lines.sort_by(|a, b| {
            // The latest known end; those with no known end last.
            let end = |s: &PersonStatus| {
                let ends: Vec<Option<Date>> = s
                    .restraints
                    .iter()
                    .map(|r| r.expected_end.map(|e| e.latest()))
                    .collect();
                if ends.iter().any(Option::is_none) {
                    None
                } else {
                    ends.into_iter().flatten().max()
                }
            };
            let key = |s: &PersonStatus| {
                let e = end(s);
                (e.is_none(), e)
            };
            key(&a.1).cmp(&key(&b.1)).then_with(|| by_name(a, b))
        }),
    }
    Ok(Listing::paged(lines, page))
}

/// Those not at liberty on `as_of` (with a restraint of `kind` if given)
/// after the line `after` in the name order (from the first without it),
/// `limit` at most, with where the last one stands: for reading the whole
/// list a part at a time, each part costing what it holds however far in.
pub async fn lines_after<S: Store>(
    store: &S,
    visibility: Visibility,
    as_of: Date,
    kind: Option<RestraintKind>,
    after: Option<&StatusCursor>,
    limit: u32,
) -> Result<(Vec<(String, PersonStatus)>, Option<StatusCursor>)> {
    let query = StatusQuery {
        as_of,
        kind,
        order: StatusOrder::Name,
        visibility,
    };
    let lines = store.statuses_after(&query, after, limit).await?;
    let last = lines.last().map(|l| l.cursor.clone());
    Ok((lines.into_iter().map(|l| (l.name, l.status)).collect(), last))
}

/// Everyone not at liberty on `as_of`, with their names, by name: every
/// part of [`lines_after`]. For what needs them all at once; pages and
/// exports read a part at a time.
pub async fn list<S: Store>(
    store: &S,
    visibility: Visibility,
    as_of: Date,
    kind: Option<RestraintKind>,
) -> Result<Vec<(String, PersonStatus)>> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let (lines, last) = lines_after(store, visibility, as_of, kind, after.as_ref(), Page::MAX_LIMIT).await?;
        let full = lines.len() == Page::MAX_LIMIT as usize;
        out.extend(lines);
        match last {
            Some(last) if full => after = Some(last),
            _ => return Ok(out),
        }
    }
}

/// One person's status on `as_of`, with the steps that produced it.
pub async fn of_person<S: Store>(
    store: &S,
    visibility: Visibility,
    person: &RecordId,
    as_of: Date,
    known_on: Option<Date>,
) -> Result<PersonStatus> {
    let filter = vigil_store::EventFilter {
        person: Some(person.clone()),
        ..vigil_store::EventFilter::all(visibility)
    };
    let mut events = all_events(store, &filter).await?;
    let sources = store.records(&cited_by(&events), visibility).await?;
    if let Some(day) = known_on {
        events = known_on_day(&events, &sources, day);
    }
    let confirmed = confirmations_from(&events, &sources);
    Ok(person_status(person, links(person, &events, &confirmed), as_of))
}

/// One person's status on `as_of` as the case file itself said it at the
/// end of the day `recorded_on` (UTC), from its revisions: for audits of
/// what Vigil stated then, whatever was corrected since. The person, each
/// event that named them then and each source those cited are read as
/// their latest revision recorded by that day; what did not exist yet,
/// or was deleted, is left out. With `known_on` too, as the evidence of
/// that day showed that case file. [`AppError::Absent`] when the person
/// was not in the case file then. Costs a scan of the revisions
/// ([`Store::named_in_history`]). With the person's name as it was then.
pub async fn of_person_recorded_on<S: Store>(
    store: &S,
    visibility: Visibility,
    person: &RecordId,
    as_of: Date,
    recorded_on: Date,
    known_on: Option<Date>,
) -> Result<(String, PersonStatus)> {
    let until = recorded_on.next_day().unwrap_or(recorded_on).midnight().assume_utc();
    let then = |history: Vec<vigil_store::Revision>| -> Option<Record> {
        let last = history.into_iter().take_while(|r| r.at < until).last()?;
        (last.operation != vigil_store::Operation::Delete).then_some(last.record)
    };
    let history_of = |id: RecordId| async move {
        match store.revisions(&id, visibility).await {
            Ok(h) => Ok(h),
            // Never visible to this viewer: nothing it may be told of.
            Err(vigil_store::StoreError::NotFound { .. }) => Ok(Vec::new()),
            Err(e) => Err(AppError::from(e)),
        }
    };
    let Some(Record::Person(was)) = then(history_of(person.clone()).await?) else {
        return Err(AppError::Absent(format!(
            "the case file held no person {person} on {}",
            vigil_core::date::format_day(recorded_on)
        )));
    };
    let mut events = Vec::new();
    for id in store.named_in_history(person).await? {
        if let Some(Record::Event(e)) = then(history_of(id).await?) {
            if e.involves(person) {
                events.push(e);
            }
        }
    }
    let mut sources = Vec::new();
    for id in cited_by(&events) {
        if let Some(r @ Record::Source(_)) = then(history_of(id).await?) {
            sources.push(r);
        }
    }
    if let Some(day) = known_on {
        events = known_on_day(&events, &sources, day);
    }
    let confirmed = confirmations_from(&events, &sources);
    Ok((
        was.name,
        person_status(person, links(person, &events, &confirmed), as_of),
    ))
}

/// `events` as the evidence showed them on `day`: only passages of
/// `sources` published by then.
fn known_on_day(events: &[Event], sources: &[Record], day: Date) -> Vec<Event> {
    let published = published_of(sources);
    events
        .iter()
        .filter_map(|e| vigil_core::casefile::evidence::event_known_on(e, day, |id| published.get(id).copied()))
        .collect()
}

/// The last confirmation of each of `events` ([`vigil_core::last_confirmation`]):
/// from the publication dates of the sources their excerpts cite, as
/// `visibility` sees them.
pub async fn confirmations<S: Store>(
    store: &S,
    visibility: Visibility,
    events: &[Event],
) -> Result<HashMap<RecordId, Date>> {
    let sources = store.records(&cited_by(events), visibility).await?;
    Ok(confirmations_from(events, &sources))
}

/// [`confirmations`] from the sources already read (those `events` cite
/// that the viewer may see; other records are ignored): for a page that
/// reads them anyway.
pub fn confirmations_from(events: &[Event], sources: &[Record]) -> HashMap<RecordId, Date> {
    let published = published_of(sources);
    events
        .iter()
        .map(|e| (e.id.clone(), last_confirmation(e, |id| published.get(id).copied())))
        .collect()
}

/// The publication dates of `sources` (those with one).
fn published_of(sources: &[Record]) -> HashMap<&RecordId, PartialDate> {
    sources
        .iter()
        .filter_map(|r| match r {
            Record::Source(s) => s.published.map(|d| (&s.id, d)),
            _ => None,
        })
        .collect()
}

/// The sources `events` cite, each once.
fn cited_by(events: &[Event]) -> Vec<RecordId> {
    let mut cited: Vec<RecordId> = events
        .iter()
        .flat_map(|e| e.excerpts.iter().map(|x| x.source_id.clone()))
        .collect();
    cited.sort_unstable();
    cited.dedup();
    cited
}

/// A person's events as the engine takes them: with the person's role and
/// the event's last confirmation (from [`confirmations`]; an event missing
/// there counts as confirmed on its own last day only).
pub fn links<'a>(person: &RecordId, events: &'a [Event], confirmed: &HashMap<RecordId, Date>) -> Vec<Link<'a>> {
    events
        .iter()
        .map(|e| Confirmed {
            link: (e, role_of(e, person)),
            on: confirmed.get(&e.id).copied().unwrap_or_else(|| e.date.latest()),
        })
        .collect()
}

fn role_of(e: &Event, person: &RecordId) -> Role {
    // A person named twice counts by their strongest part: victim first;
    // by any account that stands.
    e.standing_participants()
        .filter(|p| &p.record_id == person)
        .map(|p| p.role)
        .min_by_key(|r| match r {
            Role::Victim => 0,
            Role::Target => 1,
            _ => 2,
        })
        .unwrap_or(Role::Actor)
}

/// Every event matching `filter`, page after page, in timeline order
/// ([`vigil_core::timeline_order`]).
pub async fn all_events<S: Store>(store: &S, filter: &vigil_store::EventFilter) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = vigil_store::Page::new(vigil_store::Page::MAX_LIMIT, offset).map_err(|_| AppError::Internal)?;
        let listing = store.events(filter, page).await?;
        let n = listing.items.len() as u32;
        out.extend(listing.items);
        if n < vigil_store::Page::MAX_LIMIT {
            out.sort_by(|a, b| vigil_core::timeline_order((&a.date, &a.id), (&b.date, &b.id)));
            return Ok(out);
        }
        offset += n;
    }
}

/// A restraint's span over the whole record, for the timeline's status
/// band: from its start to the first day it is over (or `None`: not over).
pub struct Span {
    pub kind: RestraintKind,
    pub scope: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    /// The end is not certain (the engine said "possible" near it, or no
    /// end is known).
    pub uncertain: bool,
}

/// Every restraint the person was ever under up to `until`: the runs of
/// their status stretches ([`vigil_core::stretches`], exact: the engine
/// asked on each day where what it lists may change) over which each
/// restraint holds. A restraint still held on `until` has no end.
pub fn spans(person: &RecordId, events: &[Event], confirmed: &HashMap<RecordId, Date>, until: Date) -> Vec<Span> {
    type Key = (RestraintKind, Option<String>, vigil_core::PartialDate);
    let links = links(person, events, confirmed);
    let mut spans: Vec<Span> = Vec::new();
    // The span of each restraint held in the previous stretch.
    let mut running: HashMap<Key, usize> = HashMap::new();
    let mut previous_end: Option<Date> = None;
    for stretch in vigil_core::stretches(person, links.iter().copied()) {
        if stretch.from > until {
            break;
        }
        // At liberty in between: whatever was held is over.
        if previous_end != Some(stretch.from) {
            running.clear();
        }
        let mut held = HashMap::new();
        for r in &stretch.restraints {
            let key: Key = (r.kind, r.scope.clone(), r.start);
            let i = match running.get(&key) {
                Some(&i) => {
                    // "Possibly" after its first stretch: the end is in doubt
                    // (at its start it is the start's doubt).
                    if r.certainty == vigil_core::Certainty::Possible {
                        spans[i].uncertain = true;
                    }
                    i
                }
                None => {
                    spans.push(Span {
                        kind: r.kind,
                        scope: r.scope.clone(),
                        start: r.start.earliest(),
                        end: None,
                        uncertain: !r.end_known,
                    });
                    spans.len() - 1
                }
            };
            spans[i].end = stretch.to.filter(|to| *to <= until);
            held.insert(key, i);
        }
        running = held;
        previous_end = stretch.to;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On the first of every month, every restraint the engine lists lies
    /// within a span of its kind and scope, and every span holds a day on
    /// which the engine lists it: the band shows what the engine says.
    #[test]
    fn spans_cover_what_the_engine_says_month_by_month() {
        let demo = vigil_demo::case_file().expect("demo");
        let until = time::macros::date!(2026 - 01 - 01);
        let published: HashMap<&RecordId, PartialDate> = demo
            .sources
            .iter()
            .filter_map(|s| s.published.map(|d| (&s.id, d)))
            .collect();
        let confirmed: HashMap<RecordId, Date> = demo
            .events
            .iter()
            .map(|e| (e.id.clone(), last_confirmation(e, |id| published.get(id).copied())))
            .collect();
        let mut restrained = 0;
        for person in &demo.persons {
            let events: Vec<Event> = demo.events.iter().filter(|e| e.involves(&person.id)).cloned().collect();
            let spans = spans(&person.id, &events, &confirmed, until);
            let within = |s: &Span, d: Date| s.start <= d && s.end.is_none_or(|e| d < e);
            let mut day = time::macros::date!(2000 - 01 - 01);
            let mut shown = vec![false; spans.len()];
            while day <= until {
                let status = person_status(&person.id, links(&person.id, &events, &confirmed), day);
                for r in &status.restraints {
                    restrained += 1;
                    let i = spans
                        .iter()
                        .position(|s| s.kind == r.kind && s.scope == r.scope && within(s, day))
                        .unwrap_or_else(|| panic!("{}: {:?} on {day} is in no span", person.id, r.kind));
                    shown[i] = true;
                }
                day = vigil_core::Duration::new(0, 1, 0, 0).after(day);
            }
            for (s, seen) in spans.iter().zip(&shown) {
                let short = s.end.is_some_and(|e| (e - s.start).whole_days() < 62);
                assert!(*seen || short, "{}: a span the engine never lists", person.id);
            }
        }
        assert!(restrained > 50, "the demo has restraints to show");
    }
}
