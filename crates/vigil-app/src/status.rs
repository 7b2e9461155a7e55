//! Status views: the status engine (`vigil_core::status`) over what a
//! viewer may see. Groups a case file's events by the persons they
//! restrain; one person's status from that person's events alone.

use std::collections::HashMap;

use vigil_core::RestraintKind;
use vigil_core::{person_status, CaseFile, Date, Event, PersonStatus, RecordId, Role};
use vigil_store::{Listing, Page, StatusOrder, StatusQuery, Store, Visibility};

use crate::{AppError, Result};

/// Today, in UTC: the default day of every status question.
pub fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// Each person's events, with their role in each, for the engine.
pub struct Timeline<'a> {
    pub by_person: HashMap<&'a RecordId, Vec<(&'a Event, Role)>>,
}

impl<'a> Timeline<'a> {
    pub fn new(case_file: &'a CaseFile) -> Self {
        let persons: std::collections::HashSet<&RecordId> = case_file.persons.iter().map(|p| &p.id).collect();
        let mut by_person: HashMap<&RecordId, Vec<(&Event, Role)>> = HashMap::new();
        for e in &case_file.events {
            for p in &e.participants {
                if persons.contains(&p.record_id) {
                    by_person.entry(&p.record_id).or_default().push((e, p.role));
                }
            }
        }
        Self { by_person }
    }

    pub fn of(&self, person: &RecordId) -> &[(&'a Event, Role)] {
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

/// Everyone not at liberty on `as_of`, with their names, by name: every
/// page of [`page`]. For what needs them all at once; pages and exports
/// read a page at a time.
pub async fn list<S: Store>(
    store: &S,
    visibility: Visibility,
    as_of: Date,
    kind: Option<RestraintKind>,
) -> Result<Vec<(String, PersonStatus)>> {
    let mut out = Vec::new();
    loop {
        let at = Page::new(Page::MAX_LIMIT, out.len() as u32).map_err(|_| AppError::Internal)?;
        let listing = page(store, visibility, as_of, kind, StatusOrder::Name, at).await?;
        let n = listing.items.len();
        out.extend(listing.items);
        if n < Page::MAX_LIMIT as usize {
            return Ok(out);
        }
    }
}

/// One person's status on `as_of`, with the steps that produced it.
pub async fn of_person<S: Store>(
    store: &S,
    visibility: Visibility,
    person: &RecordId,
    as_of: Date,
) -> Result<PersonStatus> {
    let filter = vigil_store::EventFilter {
        person: Some(person.clone()),
        ..vigil_store::EventFilter::all(visibility)
    };
    let events = all_events(store, &filter).await?;
    Ok(person_status(
        person,
        events.iter().map(|e| (e, role_of(e, person))),
        as_of,
    ))
}

fn role_of(e: &Event, person: &RecordId) -> Role {
    // A person named twice counts by their strongest part: victim first.
    e.participants
        .iter()
        .filter(|p| &p.record_id == person)
        .map(|p| p.role)
        .min_by_key(|r| match r {
            Role::Victim => 0,
            Role::Target => 1,
            _ => 2,
        })
        .unwrap_or(Role::Actor)
}

/// Every event matching `filter`, page after page.
pub async fn all_events<S: Store>(store: &S, filter: &vigil_store::EventFilter) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = vigil_store::Page::new(vigil_store::Page::MAX_LIMIT, offset).map_err(|_| AppError::Internal)?;
        let listing = store.events(filter, page).await?;
        let n = listing.items.len() as u32;
        out.extend(listing.items);
        if n < vigil_store::Page::MAX_LIMIT {
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

/// Every restraint the person was ever under, found by asking the engine
/// month by month and then narrowing each end to the day.
pub fn spans(person: &RecordId, events: &[Event], until: Date) -> Vec<Span> {
    let links: Vec<(&Event, Role)> = events.iter().map(|e| (e, role_of(e, person))).collect();
    let Some(first) = events.iter().map(|e| e.date.earliest()).min() else {
        return Vec::new();
    };
    let status = |d: Date| person_status(person, links.iter().copied(), d);
    let key = |r: &vigil_core::Restraint| (r.kind, r.scope.clone(), r.start);
    // Samples: the first of every month, and every event's bounds.
    let mut days: Vec<Date> = events
        .iter()
        .flat_map(|e| [e.date.earliest(), e.date.latest()])
        .collect();
    let mut d = first;
    while d <= until {
        days.push(d);
        d = vigil_core::Duration::new(0, 1, 0, 0).after(d);
    }
    days.push(until);
    days.retain(|d| *d <= until);
    days.sort();
    days.dedup();
    let mut spans: Vec<Span> = Vec::new();
    let mut open: HashMap<(RestraintKind, Option<String>, vigil_core::PartialDate), usize> = HashMap::new();
    let mut last_seen: HashMap<usize, Date> = HashMap::new();
    for day in &days {
        let s = status(*day);
        let mut seen_now = Vec::new();
        for r in &s.restraints {
            let k = key(r);
            let i = *open.entry(k).or_insert_with(|| {
                spans.push(Span {
                    kind: r.kind,
                    scope: r.scope.clone(),
                    start: r.start.earliest(),
                    end: None,
                    uncertain: !r.end_known,
                });
                spans.len() - 1
            });
            if r.certainty == vigil_core::Certainty::Possible && last_seen.contains_key(&i) {
                spans[i].uncertain = true;
            }
            last_seen.insert(i, *day);
            seen_now.push(i);
        }
        // Spans not seen today ended between their last sighting and today:
        // find the first day they are gone.
        for (i, seen) in last_seen.clone() {
            if seen_now.contains(&i) || spans[i].end.is_some() {
                continue;
            }
            let k = (spans[i].kind, spans[i].scope.clone());
            let gone = |d: Date| !status(d).restraints.iter().any(|r| (r.kind, r.scope.clone()) == k);
            let (mut lo, mut hi) = (seen, *day);
            while (hi - lo).whole_days() > 1 {
                let mid = lo + time::Duration::days((hi - lo).whole_days() / 2);
                if gone(mid) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            spans[i].end = Some(hi);
        }
    }
    spans
}
