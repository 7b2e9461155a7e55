//! Where a person stands on a given day, derived from events alone.
//!
//! Political-prisoner lists set a person's status by hand and go stale. Here
//! a status is computed: from the events in which a person is a `victim` or
//! `target`, and a day `as_of` passed in by the caller, the engine lists the
//! **restraints** in force on that day — custody, imprisonment, restricted
//! freedom, activity bans (with their scope), fines — each with its start,
//! its expected end, the events it derives from, and how certain it is. A
//! person with none is at liberty. Every answer carries the [`Step`]s that
//! produced it, so a reader can check the reasoning against the case file.
//!
//! Two entry points: [`person_status`] for one person (with its steps), and
//! [`statuses_on`] for the "status on day D" list over many persons (without
//! steps, reusing its buffers from person to person). Both take a person's
//! events as `&Event`, or as `(&Event, Role)` when the caller already knows
//! the person's role in each ([`EventLink`]), which is faster for events
//! with many victims.
//!
//! # Days and terms: `[start, end)`
//!
//! A term runs on the half-open interval `[start, end)`: `end` is the **first
//! day at liberty**. A sentence of five months and eight days handed down on
//! 2019-10-16 has `expected_end` 2020-03-24; the last day served is
//! 2020-03-23. This is the convention of [`Duration::after`], and it is the
//! one that composes: a term that ends on day *E* and a next one that starts
//! on day *E* leave neither a gap nor a day counted twice; a release, pardon
//! or acquittal dated *D* means the person is at liberty on *D*; and the
//! length of `[start, end)` is exactly the duration the court stated. Courts
//! and prison administrations count the last day of a term differently from
//! one country to the next; `expected_end` is therefore the day the term is
//! complete, and pages that want "the last day in prison" show the day
//! before.
//!
//! # Certainty: readings of imprecise dates
//!
//! Sources date things to the day, the month, the year or a range ("the
//! sentence, between September 2018 and August 2019"). A **reading** of a
//! person's events picks one day inside each event's window, keeping every
//! event on or after the events it acts on (a pardon after the sentence it
//! names, a release after the arrest it ends), and keeping in date order the
//! events whose order decides what replaces what (two appeals of one
//! sentence). A restraint is
//!
//! - [`Certainty::Certain`] on a day when it is in force under **every**
//!   reading: a five-year term "sentenced in 2016" is certainly running on
//!   2019-11-07;
//! - [`Certainty::Possible`] when it is in force under **some** readings only:
//!   the same term on 2021-06-01 (it ended somewhere in 2021);
//! - not listed when no reading puts it in force.
//!
//! The engine never enumerates readings. Each start and end is kept as a
//! window `[earliest, latest]` of days, and every rule below combines
//! windows with operations that never decrease when a date moves later
//! (adding a term, the earlier or the later of two days). So the window of
//! each end holds its value under every reading; "certain" (`latest start ≤
//! day < earliest end`) is never claimed wrongly, and anything true under
//! some reading is always listed. (The converse can be loose: a restraint may
//! be listed as possible in a corner no coherent reading reaches. The
//! property tests check both directions that matter against exact
//! recomputations, reading by reading.)
//!
//! Only events that could have happened by `as_of` (earliest day ≤ `as_of`)
//! are considered, so adding a later event never changes an answer, and
//! `expected_end` is what the record showed on that day. An event whose
//! window straddles `as_of` is considered, and its effects are possible,
//! not certain.
//!
//! # How events act
//!
//! | Event | Effect on the person (a `victim` or `target` of it) |
//! |---|---|
//! | `arrest`, `detention` | custody from its date, with no stated end — or for `terms.imprisonment` when given (an administrative arrest of 15 days) |
//! | `sentence`, `conviction`, `fine`, `ban`, any other event with `terms` | imposes its terms from its date: imprisonment and restricted freedom for their durations, a fine with no end, each ban for its duration or with no end. A `fine` event without a stated fine imposes an undisclosed one; a `ban` event without bans, a ban of unstated scope |
//! | `sentence`, `conviction`, `fine` | also end the person's pre-trial custody: every custody that could have started by then |
//! | `release` | ends custody and imprisonment |
//! | `pardon`, `amnesty` | end custody, imprisonment and restricted freedom; **not** fines or bans, unless they say so (below) or name a `ban` event in `relates_to` |
//! | `acquittal` | ends custody, imprisonment and restricted freedom; and, for the events it names, their fines and bans too (the conviction falls) |
//! | `appeal` with `terms` | replaces the terms of the sentence(s) it names |
//!
//! An event that ends things acts on the restraints of the events it names
//! in `relates_to` (and on what later replaced their terms), or, when it
//! names none, on every restraint of those kinds that could have started by
//! its date. Its effect never precedes what it ends: a restraint ends at the
//! later of its start and the ending event's date.
//!
//! **Rest of a term replaced.** The `terms` of a pardon, amnesty, release or
//! acquittal are what replaces the rest: they run from its date. A pardon
//! with `terms.fine` ends the imprisonment and starts a fine (Baltabay,
//! August 2019). A ban listed there with the scope of a ban in force
//! replaces it from that date (`P0D` lifts it; `P1Y` leaves one more year);
//! that is how a pardon "says so". A ban the pardon does not mention stays.
//!
//! **Appeal.** An `appeal` that names a sentence in `relates_to` and carries
//! `terms` replaces that sentence's terms from the appeal's date, with the
//! new durations **counted from the sentence's date** (time served counts).
//! A kind kept by the appeal continues as one restraint (start: the
//! sentence; `because`: both); a kind the appeal drops ends on its date; a
//! kind it adds starts on its date. An appeal without `terms` upholds the
//! sentence; one that names no sentence changes nothing (the step says so).
//! To quash a sentence, record an `acquittal`.
//!
//! **Unpaid fine.** An event imposing terms that names in `relates_to` the
//! event that imposed a fine (sentenced for not paying it) starts its own
//! terms and **ends the fine** on its date: the fine is converted into the
//! new punishment, not owed on top of it (Baltabay, 16 October 2019).
//!
//! **A ban with a duration** imposed together with imprisonment is in force
//! from the sentence, throughout the prison term, and its duration is
//! **counted from the end of that imprisonment** (as it actually ends:
//! served, pardoned or changed on appeal). That is how the Russian
//! Criminal Code (art. 47) and the codes drawn from the same model count an
//! additional ban imposed with imprisonment, and it keeps a ban from
//! silently expiring while its holder is still in prison. A ban imposed
//! without imprisonment counts from its event's date. A ban with no
//! duration stays in force, `end_known: false`.
//!
//! # Open ends: certain only as far as last confirmed
//!
//! A restraint with no stated end (a ban "for an indefinite term", custody
//! whose end no source reports) would otherwise be certain for ever, on the
//! strength of an article years old. So each event may come with its
//! **last confirmation** ([`Confirmed`], [`last_confirmation`]): the last
//! day a source citing it was published. A restraint with no end under
//! some reading is `certain` on a day only if that day is on or before the
//! latest last confirmation of the events it derives from (what imposed it
//! and what changed it); after that day it is `possible` and carries
//! `last_confirmed`, which pages show as "last confirmed on …". A
//! restraint with a stated end is unaffected: the record states when it
//! ends. The property tests check that, for any open-ended restraint and
//! any day after its last confirmation, the status is never `certain`, and
//! that on or before that day it is what it was without the rule.
//!
//! **Not modelled**, because sources rarely state them: credit for pre-trial
//! custody against a prison term (a term runs from its sentence's date),
//! parole unless recorded as a release with `terms`, and payment of fines
//! (a fine stays "imposed, not known paid").

mod effect;
mod engine;

pub use effect::{Effect, Held, NoChange};
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::date::PartialDate;
use crate::duration::Duration;
use crate::id::RecordId;
use crate::model::{Event, Fine};
pub use crate::vocab::{Certainty, RestraintKind};
use crate::vocab::{EventType, Role};

/// Where one person stands on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonStatus {
    pub person_id: RecordId,
    /// The day asked about, `YYYY-MM-DD`.
    #[serde(with = "day_serde")]
    pub as_of: Date,
    /// No restraint is in force, certainly or possibly.
    pub at_liberty: bool,
    /// The restraints in force, by start.
    pub restraints: Vec<Restraint>,
    /// The events that produced the answer, in date order. Empty in the
    /// lists of [`statuses_on`]; ask [`person_status`] for one person's.
    pub steps: Vec<Step>,
}

impl PersonStatus {
    /// The restraints of one kind.
    pub fn restraints_of(&self, kind: RestraintKind) -> impl Iterator<Item = &Restraint> {
        self.restraints.iter().filter(move |r| r.kind == kind)
    }
}

/// One restraint in force on the day asked about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restraint {
    pub kind: RestraintKind,
    /// What an activity ban bans ("public activity"); `None` otherwise, or
    /// when the source does not say.
    pub scope: Option<String>,
    /// When it started: the date of the event that started it, as precise as
    /// the source.
    pub start: PartialDate,
    /// The first day it is no longer in force (see the module's `[start,
    /// end)` convention): an exact day when known, a window of days when the
    /// dates are imprecise; `None` when no end is stated.
    pub expected_end: Option<PartialDate>,
    /// Whether an end is stated at all (`expected_end` is `Some`).
    pub end_known: bool,
    pub certainty: Certainty,
    /// The events it derives from, in date order: what imposed it, what
    /// changed it, what ends or may end it.
    pub because: Vec<RecordId>,
    /// The length stated for it, when one is: `P7Y`, `P5M8D`.
    pub term: Option<Duration>,
    /// The fine, for a restraint of kind `fine`.
    pub fine: Option<Fine>,
    /// For a restraint with no stated end, when the caller said when its
    /// events were last confirmed ([`Confirmed`]): the last day a source
    /// stated it in force. After that day it is at most `possible` ("last
    /// confirmed on …"); see the module's "Open ends".
    #[serde(with = "opt_day_serde", default, skip_serializing_if = "Option::is_none")]
    pub last_confirmed: Option<Date>,
    /// The events behind it whose sources disagree (their date, terms or
    /// place): it is read on the union of their accounts, so it may be
    /// `possible` only where they differ.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<RecordId>,
}

/// One event's part in a status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub event_id: RecordId,
    pub date: PartialDate,
    pub event_type: EventType,
    /// What it did, for people: "sentence: imprisonment P7Y starts",
    /// "pardon: ends imprisonment; rest replaced by a fine" (in English:
    /// [`Effect::english`] of each of `effects`).
    pub effect: String,
    /// What it did, as data, for words in any language.
    #[serde(skip)]
    pub effects: Vec<Effect>,
}

/// An event as handed to the engine for one person: either the event alone
/// (`&Event`: the engine looks for the person among its participants, as a
/// `victim` or `target`), or the event with the person's role in it
/// (`(&Event, Role)`, as a store's join on participants yields it: the role
/// is taken as given, sparing a search of a mass event's participants for
/// every one of its victims).
pub trait EventLink<'a> {
    fn event(&self) -> &'a Event;
    /// Can this event restrain `person` (a `victim` or `target` of it)?
    fn restrains(&self, person: &RecordId) -> bool;
    /// The last day a source confirmed what the event states, when the
    /// caller knows it ([`Confirmed`]). `None`: not told, and the open ends
    /// of its restraints are taken as the record shows them, without limit
    /// (what the engine's tests of event logic use; every page and store
    /// passes [`Confirmed`] links).
    fn confirmed(&self) -> Option<Date> {
        None
    }
}

impl<'a> EventLink<'a> for &'a Event {
    fn event(&self) -> &'a Event {
        self
    }
    fn restrains(&self, person: &RecordId) -> bool {
        engine::concerns(self, person)
    }
}

impl<'a> EventLink<'a> for (&'a Event, Role) {
    fn event(&self) -> &'a Event {
        self.0
    }
    fn restrains(&self, _: &RecordId) -> bool {
        matches!(self.1, Role::Victim | Role::Target)
    }
}

/// An event with the last day a source confirmed what it states: the
/// latest publication date of the sources its excerpts cite (see
/// [`last_confirmation`]). A restraint with no stated end is `certain` only
/// up to the last confirmation of the events it derives from.
#[derive(Clone, Copy, Debug)]
pub struct Confirmed<L> {
    pub link: L,
    pub on: Date,
}

impl<'a, L: EventLink<'a>> EventLink<'a> for Confirmed<L> {
    fn event(&self) -> &'a Event {
        self.link.event()
    }
    fn restrains(&self, person: &RecordId) -> bool {
        self.link.restrains(person)
    }
    fn confirmed(&self) -> Option<Date> {
        Some(self.on)
    }
}

/// The last day the record confirms what `event` states: the later of the
/// event's own last day and the earliest day of the latest publication
/// date among the sources its excerpts cite (`published` gives a source's
/// date, `None` when unknown or not visible). The earliest day of a
/// publication date is taken so that "certain" is never claimed on a day
/// the source may not yet have said it.
pub fn last_confirmation(event: &Event, published: impl Fn(&RecordId) -> Option<PartialDate>) -> Date {
    event
        .excerpts
        .iter()
        .filter_map(|x| published(&x.source_id))
        .map(|d| d.earliest())
        .fold(event.claimed_date().latest(), Date::max)
}

/// One person's status on `as_of`, with the steps that explain it.
///
/// `events` are the events the person takes part in (others may be passed
/// too: only those naming `person_id` as `victim` or `target` count), as
/// `&Event` or as `(&Event, Role)` (see [`EventLink`]).
pub fn person_status<'a, I>(person_id: &RecordId, events: I, as_of: Date) -> PersonStatus
where
    I: IntoIterator,
    I::Item: EventLink<'a>,
{
    let mut engine = engine::Engine::default();
    engine.run(person_id, events, as_of);
    let restraints = engine.restraints(None).unwrap_or_default();
    PersonStatus {
        person_id: person_id.clone(),
        as_of,
        at_liberty: restraints.is_empty(),
        restraints,
        steps: engine.steps(),
    }
}

/// The "status on day D" list: the statuses of the persons not at liberty
/// on `as_of`, in the order given, without steps. With `kind`, only those
/// under at least one restraint of that kind (their other restraints are
/// listed too).
///
/// Buffers are reused from one person to the next; nothing is cloned for a
/// person who is not listed. Pass each person's events as `(&Event, Role)`
/// when the roles are at hand (see [`EventLink`]).
pub fn statuses_on<'a, P, E>(as_of: Date, persons: P, kind: Option<RestraintKind>) -> Vec<PersonStatus>
where
    P: IntoIterator<Item = (&'a RecordId, E)>,
    E: IntoIterator,
    E::Item: EventLink<'a>,
{
    let mut engine = engine::Engine::default();
    let mut out = Vec::new();
    for (person_id, events) in persons {
        engine.run(person_id, events, as_of);
        if let Some(restraints) = engine.restraints(kind) {
            out.push(PersonStatus {
                person_id: person_id.clone(),
                as_of,
                at_liberty: false,
                restraints,
                steps: Vec::new(),
            });
        }
    }
    out
}

/// A stretch of days over which a person's status stays the same and the
/// person is not at liberty: from `from` to `to` (the first day after it;
/// `None`: as far as the record shows), with the restraints in force, as
/// [`person_status`] lists them on any day of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stretch {
    #[serde(with = "day_serde")]
    pub from: Date,
    #[serde(with = "opt_day_serde", default)]
    pub to: Option<Date>,
    pub restraints: Vec<Restraint>,
}

impl Stretch {
    pub fn covers(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|to| day < to)
    }
}

/// A person's status on every day at once: the [`Stretch`]es on which they
/// are not at liberty, in date order, such that on any day `d` the
/// restraints of `person_status(person_id, events, d)` are those of the
/// stretch covering `d` (none outside every stretch). It is what a store
/// keeps per person, so that "who was not at liberty on day D" is an
/// indexed look-up rather than the engine run over everyone.
///
/// Exact, not sampled: the engine considers the events that could have
/// happened by the day asked about, so between two days on which another
/// event comes into consideration it sees the same events and builds the
/// same restraints; what it lists then changes only on the days where a
/// restraint's start or end window opens or closes
/// (`engine::Engine::changes_after`). The engine is asked on each such day.
pub fn stretches<'a, I>(person_id: &RecordId, events: I) -> Vec<Stretch>
where
    I: IntoIterator,
    I::Item: EventLink<'a> + Copy,
{
    let links: Vec<I::Item> = events.into_iter().collect();
    // The days on which another event comes into consideration.
    let mut epochs: Vec<Date> = links
        .iter()
        .filter(|l| engine::relevant(l.event()) && l.restrains(person_id))
        .map(|l| l.event().claimed_date().earliest())
        .collect();
    epochs.sort_unstable();
    epochs.dedup();
    let mut engine = engine::Engine::default();
    let mut out: Vec<Stretch> = Vec::new();
    let mut days = Vec::new();
    for (i, &epoch) in epochs.iter().enumerate() {
        let next = epochs.get(i + 1).copied();
        engine.run(person_id, links.iter().copied(), epoch);
        days.clear();
        days.push(epoch);
        engine.changes_after(&mut days);
        days.retain(|d| next.is_none_or(|n| *d < n));
        days.sort_unstable();
        days.dedup();
        for (j, &day) in days.iter().enumerate() {
            engine.set_as_of(day);
            let restraints = engine.restraints(None).unwrap_or_default();
            let to = days.get(j + 1).copied().or(next);
            match out.last_mut() {
                Some(last) if last.to == Some(day) && last.restraints == restraints => last.to = to,
                _ if restraints.is_empty() => {}
                _ => out.push(Stretch {
                    from: day,
                    to,
                    restraints,
                }),
            }
        }
    }
    out
}

/// The status on `as_of` that `stretches` (of [`stretches`]) give: the
/// same restraints as [`person_status`], without its steps.
pub fn status_from_stretches(person_id: &RecordId, stretches: &[Stretch], as_of: Date) -> PersonStatus {
    let restraints = stretches
        .iter()
        .find(|s| s.covers(as_of))
        .map(|s| s.restraints.clone())
        .unwrap_or_default();
    PersonStatus {
        person_id: person_id.clone(),
        as_of,
        at_liberty: restraints.is_empty(),
        restraints,
        steps: Vec::new(),
    }
}

/// `Option<time::Date>` as `YYYY-MM-DD` or null in JSON.
mod opt_day_serde {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(&crate::date::format_day(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let s = Option::<String>::deserialize(d)?;
        s.map(|s| crate::date::parse_day(&s).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// `time::Date` as `YYYY-MM-DD` in JSON.
mod day_serde {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&crate::date::format_day(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        crate::date::parse_day(&s).map_err(serde::de::Error::custom)
    }
}
