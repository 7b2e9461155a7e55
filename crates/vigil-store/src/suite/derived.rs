//! The state a store keeps so that no request reads the whole case file
//! (issue 17): each person's status stretches, the counts, and each event
//! as a country's rating reads it. Checked
//! against the status engine run over the whole case file, as each
//! visibility sees it, after random sequences of edits (new events,
//! redated and retyped events, events, persons and organisations made
//! confidential and public again, participants withheld, affiliations and
//! organisations' kinds changed, deletions, restores), and again after a
//! rebuild.

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use vigil_core::accountability::{rated_counts, rated_events};
use vigil_core::{
    last_confirmation, statuses_on, Ban, CaseFile, Confirmed, Date, Duration, Event, EventType as T, Excerpt, Fine,
    Organisation, OrganisationKind, PartialDate, Participant, Person, RatedEvent, Record, RecordId, RecordType,
    Restraint, RestraintKind, Role, Source, Terms,
};

use super::{editor, loaded};
use crate::{Counts, Page, StatusOrder, StatusQuery, Store, StoreError, Visibility};

/// One edit of the case file.
#[derive(Clone, Debug)]
enum Edit {
    /// A new event naming some of the persons.
    New {
        t: T,
        day: u16,
        precision: u8,
        persons: Vec<(usize, bool)>,
        terms: Option<Terms>,
        relates: Option<usize>,
        confidential: bool,
        withheld: bool,
    },
    /// An event of this run moved to another day.
    Redate {
        event: usize,
        day: u16,
        precision: u8,
    },
    /// An event made confidential, or public again.
    FlipEvent {
        event: usize,
    },
    /// A person made confidential, or public again.
    FlipPerson {
        person: usize,
    },
    /// An event of this run given another type (the events acting on it
    /// count otherwise under a rule asking what they act on).
    Retype {
        event: usize,
        t: T,
    },
    /// An event of this run marked as a pattern (issue 19), or no longer:
    /// its facts, its persons' statuses and the month counts change.
    Mark {
        event: usize,
    },
    /// A person affiliated with an organisation of the demo, or no longer.
    Affiliate {
        person: usize,
        organisation: usize,
    },
    /// An organisation of the demo made a union, or no longer one.
    Rekind {
        organisation: usize,
    },
    /// An organisation of the demo made confidential, or public again.
    FlipOrganisation {
        organisation: usize,
    },
    /// A person of the demo given another nationality, or none (then the
    /// country page counts them for the countries of their events alone).
    Renationalise {
        person: usize,
        country: Option<&'static str>,
    },
    /// An event of this run moved to another country.
    Relocate {
        event: usize,
        country: &'static str,
    },
    Delete {
        event: usize,
    },
    /// An event back to its first state (also after a delete).
    Restore {
        event: usize,
    },
    /// A source of the demo given another publication date (or none): the
    /// last confirmation of the events citing it moves.
    Republish {
        source: usize,
        day: Option<u16>,
    },
    /// Another account of an event of this run, stated by a passage of a
    /// source of the demo: another day, and for a term another length.
    Dispute {
        event: usize,
        day: u16,
        months: Option<u16>,
        source: usize,
    },
    /// A source of the demo made confidential, or public again: the
    /// accounts it alone gives stop counting for the public, or count again.
    FlipSource {
        source: usize,
    },
    /// New events written together (`Store::create_all`, the bulk path):
    /// each a `New`.
    Batch(Vec<Edit>),
}

fn arb_terms() -> impl Strategy<Value = Option<Terms>> {
    let ban = (0usize..2, proptest::option::of(1u16..4)).prop_map(|(s, years)| Ban {
        scope: ["public activity", "trade union activity"][s].into(),
        duration: years.map(Duration::years),
    });
    proptest::option::weighted(
        0.6,
        (
            proptest::option::of(1u16..40),
            proptest::option::weighted(0.2, 1u16..24),
            proptest::option::weighted(0.2, Just(Fine::Undisclosed)),
            proptest::collection::vec(ban, 0..2),
        )
            .prop_map(|(months, restricted, fine, bans)| Terms {
                imprisonment: months.map(|m| Duration::new(0, m, 0, 0)),
                restricted_freedom: restricted.map(|m| Duration::new(0, m, 0, 0)),
                fine,
                bans,
            }),
    )
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    let types = prop_oneof![
        Just(T::Arrest),
        Just(T::Detention),
        Just(T::Sentence),
        Just(T::Release),
        Just(T::Pardon),
        Just(T::Amnesty),
        Just(T::Acquittal),
        Just(T::Appeal),
        Just(T::Ban),
        Just(T::Fine),
        Just(T::Statement),
    ];
    prop_oneof![
        5 => (
            types,
            0u16..3000,
            0u8..4,
            proptest::collection::vec((0usize..16, any::<bool>()), 1..3),
            arb_terms(),
            proptest::option::weighted(0.4, 0usize..64),
            proptest::bool::weighted(0.15),
            proptest::bool::weighted(0.1),
        )
            .prop_map(|(t, day, precision, persons, terms, relates, confidential, withheld)| Edit::New {
                t,
                day,
                precision,
                persons,
                terms,
                relates,
                confidential,
                withheld,
            }),
        2 => (0usize..64, 0u16..3000, 0u8..4).prop_map(|(event, day, precision)| Edit::Redate { event, day, precision }),
        1 => (0usize..64).prop_map(|event| Edit::FlipEvent { event }),
        1 => (0usize..16).prop_map(|person| Edit::FlipPerson { person }),
        1 => (0usize..64, prop_oneof![Just(T::Strike), Just(T::Dispersal), Just(T::Arrest)])
            .prop_map(|(event, t)| Edit::Retype { event, t }),
        2 => (0usize..64).prop_map(|event| Edit::Mark { event }),
        2 => (0usize..16, 0usize..8).prop_map(|(person, organisation)| Edit::Affiliate { person, organisation }),
        1 => (0usize..8).prop_map(|organisation| Edit::Rekind { organisation }),
        1 => (0usize..8).prop_map(|organisation| Edit::FlipOrganisation { organisation }),
        2 => (0usize..16, proptest::option::of(prop_oneof![Just("KZ"), Just("BY")]))
            .prop_map(|(person, country)| Edit::Renationalise { person, country }),
        1 => (0usize..64, prop_oneof![Just("KZ"), Just("BY")]).prop_map(|(event, country)| Edit::Relocate { event, country }),
        1 => (0usize..64).prop_map(|event| Edit::Delete { event }),
        1 => (0usize..64).prop_map(|event| Edit::Restore { event }),
        1 => (0usize..64, proptest::option::weighted(0.8, 0u16..5000))
            .prop_map(|(source, day)| Edit::Republish { source, day }),
        2 => (0usize..64, 0u16..3000, proptest::option::weighted(0.5, 1u16..40), 0usize..8)
            .prop_map(|(event, day, months, source)| Edit::Dispute { event, day, months, source }),
        1 => (0usize..8).prop_map(|source| Edit::FlipSource { source }),
    ]
}

fn arb_edits() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => arb_edit(),
        1 => proptest::collection::vec(arb_edit(), 1..6).prop_map(|edits| {
            Edit::Batch(edits.into_iter().filter(|e| matches!(e, Edit::New { .. })).collect())
        }),
    ]
}

fn date_of(day: u16, precision: u8) -> PartialDate {
    let d = Date::from_calendar_date(2011, time::Month::January, 1).expect("a day") + time::Duration::days(day.into());
    match precision {
        1 => PartialDate::month(d.year(), d.month()).expect("a month"),
        2 => PartialDate::year(d.year()).expect("a year"),
        _ => PartialDate::day(d),
    }
}

/// The statuses the engine gives over the whole case file as `visibility`
/// sees it (as the status list computed them before the store kept them).
fn engine_statuses(cf: &CaseFile, day: Date, kind: Option<RestraintKind>) -> BTreeMap<RecordId, Vec<Restraint>> {
    let published: HashMap<&RecordId, PartialDate> = cf
        .sources
        .iter()
        .filter_map(|s| s.published.map(|d| (&s.id, d)))
        .collect();
    let mut by_person: HashMap<&RecordId, Vec<Confirmed<(&Event, Role)>>> = HashMap::new();
    for e in &cf.events {
        let on = last_confirmation(e, |id| published.get(id).copied());
        for p in &e.participants {
            by_person
                .entry(&p.record_id)
                .or_default()
                .push(Confirmed { link: (e, p.role), on });
        }
    }
    statuses_on(
        day,
        cf.persons.iter().map(|p| {
            (
                &p.id,
                by_person
                    .get(&p.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .copied(),
            )
        }),
        kind,
    )
    .into_iter()
    .map(|s| (s.person_id, s.restraints))
    .collect()
}

async fn kept_statuses<S: Store>(
    store: &S,
    visibility: Visibility,
    day: Date,
    kind: Option<RestraintKind>,
) -> BTreeMap<RecordId, Vec<Restraint>> {
    let mut out = BTreeMap::new();
    let mut offset = 0;
    loop {
        let query = StatusQuery {
            as_of: day,
            kind,
            order: StatusOrder::Name,
            visibility,
        };
        let page = Page::new(3, offset).expect("a page");
        let listing = store.statuses(&query, page).await.expect("statuses");
        let n = listing.items.len() as u32;
        for line in listing.items {
            assert!(!line.status.at_liberty);
            assert!(
                out.insert(line.status.person_id.clone(), line.status.restraints)
                    .is_none(),
                "{} listed twice",
                line.status.person_id
            );
        }
        if n < 3 {
            assert_eq!(out.len() as u64, listing.total, "the total counts every line");
            return out;
        }
        offset += n;
    }
}

/// The same list read on after each line instead of by offset: every line
/// once, in the name order, whatever the page's size.
async fn kept_statuses_after<S: Store>(
    store: &S,
    visibility: Visibility,
    day: Date,
    kind: Option<RestraintKind>,
) -> Vec<RecordId> {
    let query = StatusQuery {
        as_of: day,
        kind,
        order: StatusOrder::Name,
        visibility,
    };
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let lines = store
            .statuses_after(&query, after.as_ref(), 2)
            .await
            .expect("statuses after");
        let n = lines.len();
        for line in lines {
            assert!(!line.status.at_liberty);
            out.push(line.status.person_id.clone());
            after = Some(line.cursor);
        }
        if n < 2 {
            return out;
        }
    }
}

/// The kept state equals the engine's over the whole case file, for both
/// visibilities, on `days`; the counts equal the case file's.
async fn agree<S: Store>(store: &S, days: &[Date], what: &str) {
    assert!(days.len() >= 8);
    for visibility in [Visibility::Public, Visibility::Confidential] {
        let cf = store.case_file(visibility).await.expect("case file");
        for &day in days {
            for kind in [None, Some(RestraintKind::Imprisonment)] {
                let want = engine_statuses(&cf, day, kind);
                let got = kept_statuses(store, visibility, day, kind).await;
                let mut read_on = kept_statuses_after(store, visibility, day, kind).await;
                let listed = read_on.len();
                read_on.sort();
                read_on.dedup();
                assert_eq!(read_on.len(), listed, "{what}: a line read twice on reading after each");
                assert_eq!(
                    read_on,
                    got.keys().cloned().collect::<Vec<_>>(),
                    "{what}: reading after each line lists whom the pages list"
                );
                assert_eq!(
                    got, want,
                    "{what}: the status on {day} ({kind:?}) as {visibility:?} sees it"
                );
            }
        }
        months_agree(store, &cf, visibility, what).await;
        let events = rated_events(&cf, "KZ");
        assert_eq!(
            store.rated_counts("KZ", visibility).await.expect("rated counts"),
            rated_counts(&events),
            "{what}: the events' facts summed as {visibility:?} sees them"
        );
        for since in &days[..8] {
            let after: Vec<&RatedEvent> = events.iter().filter(|e| e.date.earliest() > *since).collect();
            let (total, latest) = store
                .rated_since("KZ", visibility, *since, 3)
                .await
                .expect("events since");
            assert_eq!(
                total,
                after.len() as u64,
                "{what}: events since {since} as {visibility:?} sees them"
            );
            assert_eq!(
                latest.iter().collect::<Vec<_>>(),
                after[after.len().saturating_sub(3)..],
                "{what}: the latest since {since} as {visibility:?} sees them"
            );
        }
        // A briefing's window: after a day and up to another, and up to a
        // day without a previous one.
        for (i, since) in days[..8].iter().enumerate() {
            let up_to = days[(i + 3) % days.len()].max(*since);
            for after in [Some(*since), None] {
                let window = store
                    .rated_window("KZ", visibility, after, up_to, 3)
                    .await
                    .expect("a window");
                let upto: Vec<&RatedEvent> = events.iter().filter(|e| e.date.earliest() <= up_to).collect();
                let after_it: Vec<&RatedEvent> = upto
                    .iter()
                    .copied()
                    .filter(|e| after.is_none_or(|a| e.date.earliest() > a))
                    .collect();
                let by_it: Vec<&RatedEvent> = upto
                    .iter()
                    .copied()
                    .filter(|e| after.is_some_and(|a| e.date.earliest() <= a && e.date.latest() > a))
                    .collect();
                let mut by_type: BTreeMap<T, u64> = BTreeMap::new();
                for e in &after_it {
                    *by_type.entry(e.event_type).or_default() += 1;
                }
                let what = format!("{what}: events of KZ after {after:?} up to {up_to} as {visibility:?} sees them");
                assert_eq!(window.after, by_type, "{what}: by type");
                assert_eq!(window.possibly, by_it.len() as u64, "{what}: possibly after");
                assert_eq!(
                    window.latest_after.iter().collect::<Vec<_>>(),
                    after_it[after_it.len().saturating_sub(3)..],
                    "{what}: the latest"
                );
                assert_eq!(
                    window.latest_possibly.iter().collect::<Vec<_>>(),
                    by_it[by_it.len().saturating_sub(3)..],
                    "{what}: the latest possibly after"
                );
            }
        }
        for year in [2010, 2011, 2013, 2016, 2019] {
            let want: Vec<&RatedEvent> = events
                .iter()
                .filter(|e| (e.date.earliest().year()..=e.date.latest().year()).contains(&year))
                .collect();
            let got = store.rated_events("KZ", visibility, year).await.expect("rated events");
            assert_eq!(
                got.iter().collect::<Vec<_>>(),
                want,
                "{what}: the events' facts in {year} as {visibility:?} sees them"
            );
        }
        // The patterns, listed apart, latest first; and none among the
        // latest events.
        let mut patterns: Vec<&Event> = cf
            .events
            .iter()
            .filter(|e| e.pattern && e.country.as_deref() == Some("KZ"))
            .collect();
        patterns.sort_by(|a, b| (b.date.earliest(), &b.id).cmp(&(a.date.earliest(), &a.id)));
        let kept = store.patterns("KZ", visibility, 1000).await.expect("patterns");
        assert_eq!(
            kept.iter().collect::<Vec<_>>(),
            patterns,
            "{what}: KZ's patterns as {visibility:?} sees them"
        );
        let latest = store.latest_events(visibility, 1000).await.expect("latest events");
        assert_eq!(
            latest.len(),
            cf.events
                .iter()
                .filter(|e| !e.pattern)
                .count()
                .min(Page::MAX_LIMIT as usize),
            "{what}: the latest events are every event but the patterns"
        );
        assert!(
            latest.iter().all(|e| !e.pattern),
            "{what}: no pattern among the latest events"
        );
        let counts = store.counts(visibility).await.expect("counts");
        let want = Counts {
            persons: cf.persons.len() as u64,
            organisations: cf.organisations.len() as u64,
            events: cf.events.len() as u64,
            cases: cf.cases.len() as u64,
            sources: cf.sources.len() as u64,
        };
        assert_eq!(counts, want, "{what}: counts as {visibility:?} sees them");
    }
}

/// The month counts the store keeps for the country page's chart give,
/// on the first of each month, how many of the country's persons (its
/// nationals, and the victims and targets of its events) the engine finds
/// imprisoned and banned, certainly or in all.
async fn months_agree<S: Store>(store: &S, cf: &CaseFile, visibility: Visibility, what: &str) {
    let mut of_kz: Vec<&RecordId> = cf
        .persons
        .iter()
        .filter(|p| p.country.as_deref() == Some("KZ"))
        .map(|p| &p.id)
        .collect();
    for e in cf.events.iter().filter(|e| e.country.as_deref() == Some("KZ")) {
        for p in &e.participants {
            if matches!(p.role, Role::Victim | Role::Target) && cf.persons.iter().any(|x| x.id == p.record_id) {
                of_kz.push(&p.record_id);
            }
        }
    }
    of_kz.sort();
    of_kz.dedup();
    let changes = store.restraint_months("KZ", visibility).await.expect("month counts");
    let mut counted = 0;
    for year in 2010..=2022 {
        for month in [time::Month::January, time::Month::July] {
            let day = Date::from_calendar_date(year, month, 1).expect("a day");
            for kind in [RestraintKind::Imprisonment, RestraintKind::ActivityBan] {
                let on = engine_statuses(cf, day, Some(kind));
                let certainly = |rs: &Vec<Restraint>| {
                    rs.iter()
                        .any(|r| r.kind == kind && r.certainty == vigil_core::Certainty::Certain)
                };
                let want = (
                    of_kz.iter().filter(|p| on.contains_key(**p)).count() as i64,
                    of_kz.iter().filter(|p| on.get(**p).is_some_and(certainly)).count() as i64,
                );
                let kept = |certain: bool| {
                    changes
                        .iter()
                        .filter(|c| c.kind == kind && c.certain == certain && c.month <= day)
                        .map(|c| c.delta)
                        .sum::<i64>()
                };
                assert_eq!(
                    (kept(false), kept(true)),
                    want,
                    "{what}: KZ's persons under {kind:?} on {day} (all, certainly) as {visibility:?} sees them"
                );
                counted += want.0;
            }
        }
    }
    // Those under a restraint on any day (a briefing's), counted from the
    // day changes and listed from the stretches.
    let mut listed = 0;
    for year in 2010..=2022 {
        for (month, d) in [
            (time::Month::January, 1),
            (time::Month::March, 17),
            (time::Month::September, 3),
        ] {
            let day = Date::from_calendar_date(year, month, d).expect("a day");
            for kind in [RestraintKind::Imprisonment, RestraintKind::ActivityBan] {
                let on = engine_statuses(cf, day, Some(kind));
                let want: BTreeMap<&RecordId, &Vec<Restraint>> =
                    of_kz.iter().filter_map(|p| on.get(*p).map(|r| (*p, r))).collect();
                let all = store
                    .restrained("KZ", visibility, day, kind, Page::MAX_LIMIT)
                    .await
                    .expect("restrained");
                let what = format!("{what}: KZ's persons under {kind:?} on {day} as {visibility:?} sees them");
                assert_eq!(all.total, want.len() as u64, "{what}: how many");
                let got: BTreeMap<&RecordId, &Vec<Restraint>> = all
                    .items
                    .iter()
                    .map(|l| (&l.status.person_id, &l.status.restraints))
                    .collect();
                assert_eq!(got, want, "{what}");
                let first = store
                    .restrained("KZ", visibility, day, kind, 2)
                    .await
                    .expect("restrained");
                assert_eq!(first.total, all.total, "{what}: counted whatever is listed");
                listed += all.total;
                assert_eq!(
                    first.items,
                    all.items[..all.items.len().min(2)],
                    "{what}: the first by name"
                );
            }
        }
    }
    assert!(listed > 0, "{what}: someone restrained on the days asked");
    assert!(counted > 0, "{what}: the chart counts someone");
}

/// The event an `Edit::New` writes, its id tagged with `tag`.
fn new_event(edit: &Edit, made: &[RecordId], persons: &[RecordId], tag: &str, evidence: &Excerpt) -> Option<Event> {
    let pick = |i: usize| made.get(i % made.len().max(1)).cloned();
    let Edit::New {
        t,
        day,
        precision,
        persons: who,
        terms,
        relates,
        confidential,
        withheld,
    } = edit
    else {
        return None;
    };
    let id = RecordId::parse(&format!("derived-{tag}")).expect("an id");
    let mut participants: Vec<Participant> = Vec::new();
    for (p, target) in who {
        let record_id = persons[p % persons.len()].clone();
        if participants.iter().all(|x| x.record_id != record_id) {
            participants.push(Participant {
                record_id,
                role: if *target { Role::Target } else { Role::Victim },
            });
        }
    }
    let event = Event {
        id: id.clone(),
        event_type: *t,
        date: date_of(*day, *precision),
        place: None,
        country: Some("KZ".into()),
        title: format!("{} {tag}", t.label()),
        description: None,
        participants,
        victim_count: None,
        terms: terms.clone(),
        relates_to: relates.and_then(pick).into_iter().collect(),
        // An event stands on a passage of a source (one is required).
        excerpts: vec![evidence.clone()],
        claims: Vec::new(),
        pattern: false,
        confidential: *confidential,
        confidential_fields: if *withheld {
            vec!["participants".into()]
        } else {
            Vec::new()
        },
    };
    Some(event)
}

/// Changes the stored `T` `id` by `amend` and writes it; nothing when
/// there is no id, or no record of that type under it. A record the write
/// gave a new id (made confidential) is added to `renamed`, old id first.
async fn amend<S: Store, T: RecordType>(
    store: &S,
    renamed: &mut Vec<(RecordId, RecordId)>,
    id: Option<&RecordId>,
    change: &crate::Change,
    amend: impl FnOnce(&mut T),
) -> crate::Result<()> {
    let Some(id) = id else { return Ok(()) };
    match store.record(id, Visibility::Confidential).await.map(T::from_record) {
        Ok(Some(mut record)) => {
            amend(&mut record);
            let rev = store.update(record.into(), change).await?;
            if let Some(old) = rev.formerly {
                assert_eq!(&old, id, "the id given anew is the record's");
                assert_ne!(rev.record_id, old);
                renamed.push((old, rev.record_id));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Applies one edit; refusals the contract allows (a referenced event
/// cannot be deleted) are skipped.
async fn apply<S: Store>(
    store: &S,
    edit: &Edit,
    made: &mut Vec<RecordId>,
    (persons, organisations, sources): (&mut Vec<RecordId>, &mut Vec<RecordId>, &mut Vec<RecordId>),
    evidence: &Excerpt,
    n: usize,
) {
    // As an editor writes: what is made confidential is given a new id,
    // and the edits after it follow the record under that id.
    let change = crate::Change {
        new_id_when_hidden: true,
        ..editor()
    };
    let mut renamed = Vec::new();
    let pick = |i: usize| made.get(i % made.len().max(1)).cloned();
    let result = match edit {
        Edit::New { .. } => {
            let Some(event) = new_event(edit, made, persons, &n.to_string(), evidence) else {
                return;
            };
            let id = event.id.clone();
            let r = store.create(Record::Event(event), &change).await;
            if r.is_ok() {
                made.push(id);
            }
            r.map(|_| ())
        }
        Edit::Batch(edits) => {
            let events: Vec<Event> = edits
                .iter()
                .enumerate()
                .filter_map(|(k, e)| new_event(e, made, persons, &format!("{n}-{k}"), evidence))
                .collect();
            let ids: Vec<RecordId> = events.iter().map(|e| e.id.clone()).collect();
            let batch: Vec<(Record, crate::Change)> =
                events.into_iter().map(|e| (Record::Event(e), change.clone())).collect();
            let r = store.create_all(&batch).await;
            if r.is_ok() {
                made.extend(ids);
            }
            r.map(|_| ())
        }
        Edit::Redate { event, day, precision } => {
            amend(store, &mut renamed, pick(*event).as_ref(), &change, |e: &mut Event| {
                e.date = date_of(*day, *precision);
            })
            .await
        }
        Edit::FlipEvent { event } => {
            amend(store, &mut renamed, pick(*event).as_ref(), &change, |e: &mut Event| {
                e.confidential = !e.confidential;
            })
            .await
        }
        Edit::FlipPerson { person } => {
            let id = &persons[person % persons.len()];
            amend(store, &mut renamed, Some(id), &change, |p: &mut Person| {
                p.confidential = !p.confidential;
            })
            .await
        }
        Edit::Renationalise { person, country } => {
            let id = &persons[person % persons.len()];
            amend(store, &mut renamed, Some(id), &change, |p: &mut Person| {
                p.country = country.map(str::to_owned);
            })
            .await
        }
        Edit::Relocate { event, country } => {
            amend(store, &mut renamed, pick(*event).as_ref(), &change, |e: &mut Event| {
                e.country = Some((*country).to_owned());
            })
            .await
        }
        Edit::Retype { event, t } => {
            amend(store, &mut renamed, pick(*event).as_ref(), &change, |e: &mut Event| {
                e.event_type = *t;
            })
            .await
        }
        Edit::Mark { event } => {
            amend(store, &mut renamed, pick(*event).as_ref(), &change, |e: &mut Event| {
                e.pattern = !e.pattern;
            })
            .await
        }
        Edit::Affiliate { person, organisation } => {
            let id = &persons[person % persons.len()];
            let org = organisations[organisation % organisations.len()].clone();
            amend(store, &mut renamed, Some(id), &change, |p: &mut Person| {
                if let Some(i) = p.affiliations.iter().position(|a| a.organisation_id == org) {
                    p.affiliations.remove(i);
                } else {
                    p.affiliations.push(vigil_core::Affiliation {
                        organisation_id: org,
                        role: None,
                        period: None,
                    });
                }
            })
            .await
        }
        Edit::Rekind { organisation } | Edit::FlipOrganisation { organisation } => {
            let id = &organisations[organisation % organisations.len()];
            amend(store, &mut renamed, Some(id), &change, |o: &mut Organisation| {
                if matches!(edit, Edit::Rekind { .. }) {
                    o.kind = if o.kind == OrganisationKind::Union {
                        OrganisationKind::Ngo
                    } else {
                        OrganisationKind::Union
                    };
                } else {
                    o.confidential = !o.confidential;
                }
            })
            .await
        }
        Edit::Delete { event } => match pick(*event) {
            None => Ok(()),
            Some(id) => store.delete(&id, &change).await.map(|_| ()),
        },
        Edit::Dispute {
            event,
            day,
            months,
            source,
        } => match (
            pick(*event),
            store
                .record(&sources[source % sources.len()], Visibility::Confidential)
                .await,
        ) {
            (Some(id), Ok(Record::Source(src))) => match store.record(&id, Visibility::Confidential).await {
                Ok(Record::Event(mut e)) => {
                    let key = format!("k{}", e.claims.len());
                    let start = (e.claims.len() * 7) % src.text.len().saturating_sub(12).max(1);
                    let start = (start..src.text.len())
                        .find(|&i| src.text.is_char_boundary(i))
                        .unwrap_or(0);
                    let end = (start + 8..=src.text.len())
                        .find(|&i| src.text.is_char_boundary(i))
                        .unwrap_or(src.text.len());
                    let Some(mut quote) = vigil_core::Excerpt::quote(&src, start, end) else {
                        return;
                    };
                    quote.claim = Some(key.clone());
                    e.excerpts.push(quote);
                    let terms = months.and_then(|m| {
                        let mut t = e.terms.clone()?;
                        t.imprisonment?;
                        t.imprisonment = Some(Duration::new(0, m, 0, 0));
                        Some(t)
                    });
                    e.claims.push(vigil_core::Claim {
                        date: Some(date_of(*day, 0)),
                        terms,
                        ..vigil_core::Claim::new(key)
                    });
                    store.update(Record::Event(e), &change).await.map(|_| ())
                }
                _ => Ok(()),
            },
            _ => Ok(()),
        },
        Edit::FlipSource { source } => {
            // Not the last: new events cite it (see `evidence`).
            let id = &sources[source % (sources.len() - 1).max(1)];
            amend(store, &mut renamed, Some(id), &change, |s: &mut Source| {
                s.confidential = !s.confidential;
            })
            .await
        }
        Edit::Republish { source, day } => {
            let id = &sources[source % sources.len()];
            amend(store, &mut renamed, Some(id), &change, |s: &mut Source| {
                s.published = day.map(|d| date_of(d, 0));
            })
            .await
        }
        Edit::Restore { event } => match pick(*event) {
            None => Ok(()),
            Some(id) => {
                let first = store
                    .revisions(&id, Visibility::Confidential)
                    .await
                    .expect("history")
                    .first()
                    .map(|r| r.seq);
                match first {
                    Some(seq) => store.restore(&id, seq, &change).await.map(|_| ()),
                    None => Ok(()),
                }
            }
        },
    };
    match result {
        Ok(()) | Err(StoreError::Referenced { .. }) | Err(StoreError::NotFound { .. }) => {}
        Err(StoreError::Invalid(errors)) => {
            // Some random events are not valid events (a ban without a
            // ban's date, say): refused whole, which is no harm here.
            assert!(!errors.is_empty());
        }
        Err(e) => panic!("{edit:?} failed: {e}"),
    }
    for (old, new) in renamed {
        for list in [&mut *made, &mut *persons, &mut *organisations, &mut *sources] {
            for id in list.iter_mut().filter(|i| **i == old) {
                *id = new.clone();
            }
        }
    }
}

pub async fn kept_status_state_is_the_engines_after_random_edits<S: Store>(store: &S) {
    let cf = loaded(store).await;
    let mut persons: Vec<RecordId> = cf.persons.iter().map(|p| p.id.clone()).collect();
    let mut sources: Vec<RecordId> = cf.sources.iter().map(|s| s.id.clone()).collect();
    let mut organisations: Vec<RecordId> = cf.organisations.iter().map(|o| o.id.clone()).collect();
    let days: Vec<Date> = (0..40)
        .map(|i| Date::from_calendar_date(2010, time::Month::June, 1).expect("a day") + time::Duration::days(i * 127))
        .collect();
    // The passage each new event stands on: the start of a source of the
    // demo (one that no edit makes confidential, so new events stay cited).
    let source = cf.sources.last().expect("a source of the demo");
    let end = (40..source.text.len())
        .find(|&i| source.text.is_char_boundary(i))
        .unwrap_or(source.text.len());
    let evidence = Excerpt::quote(source, 0, end).expect("a passage");
    agree(store, &days, "the demo imported").await;
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let sequences = proptest::collection::vec(arb_edits(), 1..10);
    let mut made = Vec::new();
    let mut n = 0;
    for round in 0..12 {
        let edits = sequences.new_tree(&mut runner).expect("edits").current();
        for edit in &edits {
            apply(
                store,
                edit,
                &mut made,
                (&mut persons, &mut organisations, &mut sources),
                &evidence,
                n,
            )
            .await;
            n += 1;
        }
        agree(store, &days, &format!("round {round} after {edits:?}")).await;
    }
    // The edits did what they say: events were made, and some were
    // disputed (a guard against a run whose every edit was refused).
    assert!(made.len() >= 10, "{} events made", made.len());
    let mut disputed = 0;
    for id in &made {
        if let Ok(Record::Event(e)) = store.record(id, Visibility::Confidential).await {
            disputed += usize::from(!e.claims.is_empty());
        }
    }
    assert!(disputed > 0, "no event of the run was disputed");
    let given_anew = persons
        .iter()
        .chain(&organisations)
        .chain(&sources)
        .filter(|i| !cf.persons.iter().any(|p| p.id == **i))
        .filter(|i| !cf.organisations.iter().any(|o| o.id == **i))
        .filter(|i| !cf.sources.iter().any(|s| s.id == **i))
        .count();
    assert!(
        given_anew > 0,
        "no record of the run was made confidential and given a new id"
    );
    let rebuilt = store.rebuild_derived().await.expect("rebuild");
    assert_eq!(
        rebuilt,
        store.counts(Visibility::Confidential).await.expect("counts").persons
    );
    agree(store, &days, "rebuilt").await;
}
