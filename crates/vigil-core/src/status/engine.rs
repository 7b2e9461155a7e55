//! The machinery behind [`super::person_status`] and [`super::statuses_on`].
//!
//! Days are Julian day numbers (`i32`), so windows compare and combine as
//! integers; [`INF`] stands for "no end". A restraint is built from
//! **pieces**: one per term an event imposes, and one more each time an
//! appeal or a pardon replaces it (linked to the piece it replaces, and
//! merged with it for display when the two provably meet). **Caps** record
//! which event ends which piece. The passes, for one person:
//!
//! 1. keep the events that concern the person and could have happened by
//!    `as_of`, in date order, and resolve their `relates_to`;
//! 2. impose: custody, and the terms of every event that imposes terms;
//! 3. replace: appeals and ending events that carry terms, each after the
//!    events it names;
//! 4. end: caps from ending events, from sentences (pre-trial custody) and
//!    from sentences for an unpaid fine;
//! 5. settle: each piece's end is the later of its start and the earliest of
//!    its own end and its caps; bans counted from a prison term's end come
//!    last; pieces that meet are merged.
//!
//! Which event acts on which piece is decided once, from `relates_to` and
//! from windows — never from a particular reading — so every reading of
//! the dates sees the same structure, and only the windows vary.

use time::Date;

use super::effect::{Effect, Held, NoChange};
use super::{EventLink, Restraint, Step};
use crate::date::PartialDate;
use crate::duration::Duration;
use crate::id::RecordId;
use crate::model::{Event, Fine, Terms};
use crate::vocab::{Certainty, EventType, RestraintKind, Role};

type Day = i32;

/// No end: later than any day.
const INF: Day = i32::MAX;

fn to_day(d: Date) -> Day {
    d.to_julian_day()
}

fn to_date(d: Day) -> Date {
    Date::from_julian_day(d).unwrap_or(Date::MAX)
}

fn plus(d: Day, dur: &Duration) -> Day {
    if d == INF {
        INF
    } else {
        to_day(dur.after(to_date(d)))
    }
}

/// The days a date could be: every reading lies in `lo..=hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Win {
    lo: Day,
    hi: Day,
}

impl Win {
    const NEVER: Win = Win { lo: INF, hi: INF };

    fn of(d: &PartialDate) -> Self {
        Win {
            lo: to_day(d.earliest()),
            hi: to_day(d.latest()),
        }
    }

    /// The later of two days, under every reading.
    fn later(self, o: Win) -> Win {
        Win {
            lo: self.lo.max(o.lo),
            hi: self.hi.max(o.hi),
        }
    }

    /// The earlier of two days, under every reading.
    fn earlier(self, o: Win) -> Win {
        Win {
            lo: self.lo.min(o.lo),
            hi: self.hi.min(o.hi),
        }
    }

    /// A term added to the day (monotone: a later start never ends sooner).
    fn plus(self, dur: &Duration) -> Win {
        Win {
            lo: plus(self.lo, dur),
            hi: plus(self.hi, dur),
        }
    }

    fn display(self) -> PartialDate {
        PartialDate::spanning(to_date(self.lo), to_date(self.hi))
    }
}

const fn bit(k: RestraintKind) -> u8 {
    1 << (k as u8)
}

const LIBERTY: u8 =
    bit(RestraintKind::Custody) | bit(RestraintKind::Imprisonment) | bit(RestraintKind::RestrictedFreedom);
const EVERY_KIND: u8 = LIBERTY | bit(RestraintKind::ActivityBan) | bit(RestraintKind::Fine);

fn is_custody(t: EventType) -> bool {
    matches!(t, EventType::Arrest | EventType::Detention)
}

fn is_ender(t: EventType) -> bool {
    matches!(
        t,
        EventType::Release | EventType::Pardon | EventType::Amnesty | EventType::Acquittal
    )
}

/// Events that end pre-trial custody: a court has decided.
fn ends_custody(t: EventType) -> bool {
    matches!(t, EventType::Sentence | EventType::Conviction | EventType::Fine)
}

/// The kinds an ending event ends.
fn ender_kinds(t: EventType, targeted: bool) -> u8 {
    match t {
        EventType::Release => bit(RestraintKind::Custody) | bit(RestraintKind::Imprisonment),
        EventType::Pardon | EventType::Amnesty => LIBERTY,
        EventType::Acquittal if targeted => EVERY_KIND,
        EventType::Acquittal => LIBERTY,
        _ => 0,
    }
}

/// For the order of events on the same window: what starts before what ends.
fn rank(t: EventType) -> u8 {
    if is_custody(t) {
        0
    } else if t == EventType::Appeal {
        2
    } else if is_ender(t) {
        3
    } else {
        1
    }
}

fn terms_of(e: &Event) -> Option<&Terms> {
    e.terms.as_ref().filter(|t| !t.is_empty())
}

pub(super) fn concerns(e: &Event, person: &RecordId) -> bool {
    e.standing_participants()
        .any(|p| matches!(p.role, Role::Victim | Role::Target) && p.record_id == *person)
}

/// Whether an event can act on a person's status at all. A pattern (an
/// ongoing or general practice, [`Event::pattern`]) never does, even when
/// it names a person: it states no act on a day, so no term can start or
/// end on one, and a restraint drawn from it would be "certain" on days no
/// source speaks of. The single acts it sums up, recorded as events of
/// their own, restrain.
pub(super) fn relevant(e: &Event) -> bool {
    if e.pattern {
        return false;
    }
    let t = e.event_type;
    is_custody(t)
        || is_ender(t)
        || ends_custody(t)
        || t == EventType::Appeal
        || t == EventType::Ban
        || terms_of(e).is_some()
}

/// An appeal, or an ending event with terms: it replaces earlier terms.
fn replaces(e: &Event) -> bool {
    e.event_type == EventType::Appeal || (is_ender(e.event_type) && terms_of(e).is_some())
}

static UNDISCLOSED: Fine = Fine::Undisclosed;

#[derive(Clone, Copy, Debug)]
struct Ev<'a> {
    e: &'a Event,
    w: Win,
    rank: u8,
    input: u32,
    /// The last day a source confirmed it; [`INF`] when not told.
    conf: Day,
    /// Range of `Engine::targets`: the events it names, present here.
    tgt: (u32, u32),
    /// Some accounts that stand name the person as victim or target and
    /// others do not (`Event::restrains_in_every_account`): what it
    /// imposes is only possible.
    doubtful: bool,
}

/// How a piece came about (for the steps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Made {
    /// By the event's own terms.
    Imposed,
    /// By an appeal, continuing a kind the sentence had.
    Replaced,
    /// By an appeal, a kind the sentence did not have.
    Added,
    /// By an ending event's terms: the rest of a term replaced.
    Rest,
}

#[derive(Clone, Copy, Debug)]
enum Own {
    Never,
    At(Win),
    /// A ban's duration counted from the end of a prison term (a piece).
    AfterPrison {
        piece: u32,
        dur: Duration,
    },
}

#[derive(Clone, Debug)]
struct Piece<'a> {
    kind: RestraintKind,
    scope: Option<&'a str>,
    fine: Option<&'a Fine>,
    term: Option<Duration>,
    /// The event that made it.
    origin: u32,
    /// The event its term counts from.
    from: u32,
    /// The piece it replaces, if any.
    prev: Option<u32>,
    made: Made,
    /// Made in the impose pass.
    base: bool,
    /// When it starts, as first made (for display)...
    shown: Win,
    /// ... and narrowed by what ends it: an event that ends a piece comes on
    /// or after the piece's start.
    start: Win,
    own: Own,
    // Settled:
    own_end: Win,
    capped: Win,
    end: Win,
    /// The first piece of the merged run it belongs to.
    head: u32,
    /// For a head: the last piece of its run, and the run's end.
    last: u32,
    run_end: Win,
    /// For a head: the latest last confirmation of the events its run
    /// derives from (what made its pieces, what their terms count from).
    run_conf: Day,
}

#[derive(Clone, Copy, Debug)]
struct Cap {
    piece: u32,
    by: u32,
    at: Win,
    /// The capping event acts on the piece's own event (it names it, or
    /// reaches it by its window), so every reading keeps the piece's start
    /// on or before it.
    tight: bool,
}

/// Reusable buffers for computing statuses, person after person.
#[derive(Default)]
pub(super) struct Engine<'a> {
    as_of: Day,
    evs: Vec<Ev<'a>>,
    targets: Vec<u32>,
    pieces: Vec<Piece<'a>>,
    caps: Vec<Cap>,
    done: Vec<bool>,
    pending: Vec<u32>,
    replacing: Vec<u32>,
    listed: Vec<(u32, Certainty)>,
    ids: Vec<u32>,
}

impl<'a> Engine<'a> {
    /// Works out one person's pieces and caps on `as_of`.
    pub(super) fn run<I>(&mut self, person: &RecordId, events: I, as_of: Date)
    where
        I: IntoIterator,
        I::Item: EventLink<'a>,
    {
        self.as_of = to_day(as_of);
        self.evs.clear();
        self.targets.clear();
        self.pieces.clear();
        self.caps.clear();
        for (i, link) in events.into_iter().enumerate() {
            let e = link.event();
            // Cheapest first: the type and date sit in the event itself; the
            // participants' ids are further away in memory.
            if !relevant(e) {
                continue;
            }
            // The union of every account that stands (see `crate::claim`).
            let w = Win::of(&e.claimed_date());
            if w.lo > self.as_of || !link.restrains(person) {
                continue;
            }
            // Some accounts give it to someone else: what it imposes is
            // possible, and what it ends possibly goes on (`cap_at`).
            let doubtful = !e.claims.is_empty() && !e.restrains_in_every_account(person);
            self.evs.push(Ev {
                e,
                w,
                rank: rank(e.event_type),
                input: i as u32,
                conf: link.confirmed().map_or(INF, to_day),
                tgt: (0, 0),
                doubtful,
            });
        }
        if self.evs.is_empty() {
            return;
        }
        // Date order: earliest first, the wider of two equal starts first,
        // then what starts before what ends, then as given.
        self.evs.sort_unstable_by(|a, b| {
            a.w.lo
                .cmp(&b.w.lo)
                .then(b.w.hi.cmp(&a.w.hi))
                .then(a.rank.cmp(&b.rank))
                .then(a.input.cmp(&b.input))
        });
        // The same event given twice (a person with two roles in it, two
        // rows of a join) counts once; copies sort next to each other.
        let mut kept = 0;
        for j in 0..self.evs.len() {
            let ev = self.evs[j];
            let copy = self.evs[..kept]
                .iter()
                .rev()
                .take_while(|x| x.w == ev.w && x.rank == ev.rank)
                .any(|x| std::ptr::eq(x.e, ev.e));
            if !copy {
                self.evs[kept] = ev;
                kept += 1;
            }
        }
        self.evs.truncate(kept);
        self.resolve_targets();
        self.impose();
        self.replace();
        self.end();
        self.settle();
    }

    fn resolve_targets(&mut self) {
        for i in 0..self.evs.len() {
            let e = self.evs[i].e;
            let first = self.targets.len();
            for id in &e.relates_to {
                if let Some(j) = self.evs.iter().position(|x| x.e.id == *id) {
                    let j = j as u32;
                    if j as usize != i && !self.targets[first..].contains(&j) {
                        self.targets.push(j);
                    }
                }
            }
            self.evs[i].tgt = (first as u32, self.targets.len() as u32);
        }
        // What acts only on events some accounts give to someone else acts,
        // by those accounts, on nothing of this person's: doubtful too
        // (date order, so doubt passes down a chain).
        for i in 0..self.evs.len() {
            let t = self.tgts(i);
            if !t.is_empty() && t.iter().all(|&j| self.evs[j as usize].doubtful) {
                self.evs[i].doubtful = true;
            }
        }
    }

    fn tgts(&self, i: usize) -> &[u32] {
        let (a, b) = self.evs[i].tgt;
        &self.targets[a as usize..b as usize]
    }

    /// Does piece `p`, or a piece it replaces, come from one of `events`?
    fn chain_hits(&self, p: usize, events: &[u32]) -> bool {
        let mut q = Some(p as u32);
        while let Some(x) = q {
            let piece = &self.pieces[x as usize];
            if events.contains(&piece.origin) {
                return true;
            }
            q = piece.prev;
        }
        false
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: RestraintKind,
        origin: usize,
        from: usize,
        start: Win,
        own: Own,
        term: Option<Duration>,
        made: Made,
        prev: Option<u32>,
    ) -> u32 {
        let n = self.pieces.len() as u32;
        self.pieces.push(Piece {
            kind,
            scope: None,
            fine: None,
            term,
            origin: origin as u32,
            from: from as u32,
            prev,
            made,
            base: made == Made::Imposed,
            shown: start,
            start,
            own,
            own_end: Win::NEVER,
            capped: Win::NEVER,
            end: Win::NEVER,
            head: n,
            last: n,
            run_end: Win::NEVER,
            run_conf: 0,
        });
        n
    }

    /// When a term of `d` counted from `count_from` ends, by every account
    /// of event `origin` that stands: its claims may give other lengths
    /// (`pick` reads the length of this term from a claim's terms).
    fn term_end(&self, origin: usize, count_from: Win, d: &Duration, pick: &dyn Fn(&Terms) -> Option<Duration>) -> Win {
        let e = self.evs[origin].e;
        let mut end = count_from.plus(d);
        if e.claims.is_empty() {
            return end;
        }
        for other in e.standing_claims().filter_map(|c| c.terms.as_ref()).filter_map(pick) {
            let alt = count_from.plus(&other);
            end = Win {
                lo: end.lo.min(alt.lo),
                hi: end.hi.max(alt.hi),
            };
        }
        end
    }

    /// Pieces for `terms`, made by event `origin`, starting at `start`, with
    /// durations counted from `count_from`; each replaces the last made
    /// piece of its kind (and scope) among `self.replacing`, if any.
    #[allow(clippy::too_many_arguments)]
    fn add_terms(
        &mut self,
        origin: usize,
        terms: &'a Terms,
        start: Win,
        count_from: Win,
        from: usize,
        made_new: Made,
        made_replacing: Made,
        skip_prison: bool,
    ) {
        let latest = |this: &Self, kind: RestraintKind, scope: Option<&str>| {
            this.replacing
                .iter()
                .copied()
                .filter(|&p| {
                    let piece = &this.pieces[p as usize];
                    piece.kind == kind && (kind != RestraintKind::ActivityBan || piece.scope == scope)
                })
                // The last made: the latest in date order among the events
                // named, or the latest replacement of them.
                .max()
        };
        // One piece of `kind` (and `scope`), replacing the last made one.
        let add_piece =
            |this: &mut Self, kind: RestraintKind, scope: Option<&'a str>, own: Own, term: Option<Duration>| {
                let prev = latest(this, kind, scope);
                let made = if prev.is_some() { made_replacing } else { made_new };
                let p = this.push(kind, origin, from, start, own, term, made, prev);
                this.pieces[p as usize].scope = scope;
                p
            };
        let mut prison = None;
        if let (Some(d), false) = (terms.imprisonment, skip_prison) {
            let own = Own::At(self.term_end(origin, count_from, &d, &|t| t.imprisonment));
            prison = Some(add_piece(self, RestraintKind::Imprisonment, None, own, Some(d)));
        }
        if let Some(d) = terms.restricted_freedom {
            let own = Own::At(self.term_end(origin, count_from, &d, &|t| t.restricted_freedom));
            add_piece(self, RestraintKind::RestrictedFreedom, None, own, Some(d));
        }
        if let Some(f) = &terms.fine {
            let p = add_piece(self, RestraintKind::Fine, None, Own::Never, None);
            self.pieces[p as usize].fine = Some(f);
        }
        for b in &terms.bans {
            let own = match (b.duration, prison) {
                (None, _) => Own::Never,
                (Some(dur), Some(piece)) => Own::AfterPrison { piece, dur },
                (Some(d), None) => {
                    let scope = b.scope.as_str();
                    let pick = move |t: &Terms| t.bans.iter().find(|x| x.scope == scope).and_then(|x| x.duration);
                    Own::At(self.term_end(origin, count_from, &d, &pick))
                }
            };
            add_piece(self, RestraintKind::ActivityBan, Some(&b.scope), own, b.duration);
        }
    }

    /// Custody, and the terms of every event that imposes terms.
    fn impose(&mut self) {
        self.replacing.clear();
        for i in 0..self.evs.len() {
            let Ev { e, w, .. } = self.evs[i];
            let t = e.event_type;
            if is_ender(t) || t == EventType::Appeal {
                continue;
            }
            let terms = terms_of(e);
            if is_custody(t) {
                let length = terms.and_then(|t| t.imprisonment);
                let own = length.map_or(Own::Never, |d| Own::At(self.term_end(i, w, &d, &|t| t.imprisonment)));
                self.push(RestraintKind::Custody, i, i, w, own, length, Made::Imposed, None);
            }
            if let Some(terms) = terms {
                self.add_terms(i, terms, w, w, i, Made::Imposed, Made::Imposed, is_custody(t));
            }
            if t == EventType::Fine && terms.and_then(|t| t.fine.as_ref()).is_none() {
                let p = self.push(RestraintKind::Fine, i, i, w, Own::Never, None, Made::Imposed, None);
                self.pieces[p as usize].fine = Some(&UNDISCLOSED);
            }
            if t == EventType::Ban && terms.is_none_or(|t| t.bans.is_empty()) {
                self.push(
                    RestraintKind::ActivityBan,
                    i,
                    i,
                    w,
                    Own::Never,
                    None,
                    Made::Imposed,
                    None,
                );
            }
        }
    }

    /// Appeals and ending events with terms, each after the events it names
    /// (an appeal of an appeal after that appeal).
    fn replace(&mut self) {
        let n = self.evs.len();
        self.done.clear();
        self.done.resize(n, false);
        self.pending.clear();
        self.pending
            .extend((0..n as u32).filter(|&i| replaces(self.evs[i as usize].e)));
        while !self.pending.is_empty() {
            let ready = (0..self.pending.len()).find(|&k| {
                let i = self.pending[k] as usize;
                self.tgts(i).iter().all(|&t| {
                    let t = t as usize;
                    self.done[t] || !replaces(self.evs[t].e)
                })
            });
            // A cycle of events naming each other: take them in date order.
            let k = ready.unwrap_or(0);
            let i = self.pending.remove(k) as usize;
            if self.evs[i].e.event_type == EventType::Appeal {
                self.appeal(i);
            } else {
                self.rest_replaced(i);
            }
            self.done[i] = true;
        }
    }

    fn appeal(&mut self, i: usize) {
        let Ev { e, w, .. } = self.evs[i];
        let Some(terms) = terms_of(e) else { return };
        let Some(&first) = self.tgts(i).iter().min() else {
            return;
        };
        let mut replacing = std::mem::take(&mut self.replacing);
        replacing.clear();
        let (a, b) = self.evs[i].tgt;
        let tg = &self.targets[a as usize..b as usize];
        replacing.extend(
            (0..self.pieces.len())
                .filter(|&p| self.pieces[p].origin as usize != i && self.chain_hits(p, tg))
                .map(|p| p as u32),
        );
        let start = tg.iter().fold(w, |acc, &t| acc.later(self.evs[t as usize].w));
        for &p in &replacing {
            let tight = tg.contains(&self.pieces[p as usize].origin);
            self.caps.push(Cap {
                piece: p,
                by: i as u32,
                at: self.cap_at(i, w),
                tight,
            });
        }
        self.replacing = replacing;
        let first = first as usize;
        let count_from = self.evs[first].w;
        self.add_terms(i, terms, start, count_from, first, Made::Added, Made::Replaced, false);
    }

    fn rest_replaced(&mut self, i: usize) {
        let Ev { e, w, .. } = self.evs[i];
        let Some(terms) = terms_of(e) else { return };
        let targeted = !e.relates_to.is_empty();
        let kinds = ender_kinds(e.event_type, targeted);
        let mut replacing = std::mem::take(&mut self.replacing);
        replacing.clear();
        let (a, b) = self.evs[i].tgt;
        let tg = &self.targets[a as usize..b as usize];
        for p in 0..self.pieces.len() {
            let piece = &self.pieces[p];
            if piece.origin as usize == i {
                continue;
            }
            let same_ban = piece.kind == RestraintKind::ActivityBan
                && terms.bans.iter().any(|b| Some(b.scope.as_str()) == piece.scope);
            if kinds & bit(piece.kind) == 0 && !same_ban {
                continue;
            }
            let acts_on = if targeted {
                self.chain_hits(p, tg)
            } else {
                piece.base && piece.start.lo <= w.hi
            };
            if acts_on {
                replacing.push(p as u32);
            }
        }
        let eff = if targeted {
            tg.iter().fold(w, |acc, &t| acc.later(self.evs[t as usize].w))
        } else {
            w
        };
        // Bans it names are replaced here; what it ends is capped later.
        for &p in &replacing {
            let piece = &self.pieces[p as usize];
            if kinds & bit(piece.kind) == 0 {
                let tight = !targeted || tg.contains(&piece.origin);
                self.caps.push(Cap {
                    piece: p,
                    by: i as u32,
                    at: self.cap_at(i, w),
                    tight,
                });
            }
        }
        // Naming nothing, it ends what it ends and starts its own terms, but
        // continues none of them: which one it would continue is not said.
        if !targeted {
            replacing.clear();
        }
        self.replacing = replacing;
        self.add_terms(i, terms, eff, eff, i, Made::Rest, Made::Rest, false);
    }

    /// What ending events, sentences and sentences for an unpaid fine end.
    fn end(&mut self) {
        for i in 0..self.evs.len() {
            let Ev { e, w, .. } = self.evs[i];
            let t = e.event_type;
            let mine = |p: &Piece| p.origin as usize == i;
            if is_ender(t) {
                let targeted = !e.relates_to.is_empty();
                let kinds = ender_kinds(t, targeted);
                for p in 0..self.pieces.len() {
                    let piece = &self.pieces[p];
                    if mine(piece) {
                        continue;
                    }
                    let (a, b) = self.evs[i].tgt;
                    let tg = &self.targets[a as usize..b as usize];
                    let hit = if targeted {
                        tg.iter().any(|&x| {
                            let x_is_ban = self.evs[x as usize].e.event_type == EventType::Ban;
                            // A pardon that names a ban lifts it.
                            let k = if x_is_ban && t != EventType::Release {
                                kinds | bit(RestraintKind::ActivityBan)
                            } else {
                                kinds
                            };
                            k & bit(piece.kind) != 0 && self.chain_hits(p, &[x])
                        })
                    } else {
                        kinds & bit(piece.kind) != 0 && piece.start.lo <= w.hi
                    };
                    if hit {
                        let tight = !targeted || tg.contains(&piece.origin);
                        self.caps.push(Cap {
                            piece: p as u32,
                            by: i as u32,
                            at: self.cap_at(i, w),
                            tight,
                        });
                    }
                }
            }
            if ends_custody(t) {
                for p in 0..self.pieces.len() {
                    let piece = &self.pieces[p];
                    if piece.kind == RestraintKind::Custody && !mine(piece) && piece.start.lo <= w.hi {
                        self.caps.push(Cap {
                            piece: p as u32,
                            by: i as u32,
                            at: self.cap_at(i, w),
                            tight: true,
                        });
                    }
                }
            }
            // Sentenced for not paying a fine: the fine is converted.
            let (a, b) = self.evs[i].tgt;
            let tg = &self.targets[a as usize..b as usize];
            if !is_ender(t) && t != EventType::Appeal && !tg.is_empty() && self.pieces.iter().any(mine) {
                for p in 0..self.pieces.len() {
                    let piece = &self.pieces[p];
                    if piece.kind == RestraintKind::Fine && !mine(piece) && self.chain_hits(p, tg) {
                        let tight = tg.contains(&piece.origin);
                        self.caps.push(Cap {
                            piece: p as u32,
                            by: i as u32,
                            at: self.cap_at(i, w),
                            tight,
                        });
                    }
                }
            }
        }
    }

    fn settle(&mut self) {
        for c in &self.caps {
            let p = &mut self.pieces[c.piece as usize];
            p.capped = p.capped.earlier(c.at);
            if c.tight {
                p.start.hi = p.start.hi.min(c.at.hi).max(p.start.lo);
            }
        }
        for after_prison in [false, true] {
            for p in 0..self.pieces.len() {
                let own_end = match self.pieces[p].own {
                    Own::Never if !after_prison => Win::NEVER,
                    Own::At(w) if !after_prison => w,
                    Own::AfterPrison { piece, dur } if after_prison => self.pieces[piece as usize].end.plus(&dur),
                    _ => continue,
                };
                let piece = &mut self.pieces[p];
                piece.own_end = own_end;
                piece.end = piece.start.later(own_end.earlier(piece.capped));
                piece.run_end = piece.end;
            }
        }
        for i in 0..self.pieces.len() {
            let Some(prev) = self.pieces[i].prev else {
                continue;
            };
            if self.meets(prev as usize, i) {
                let head = self.pieces[prev as usize].head;
                let end = self.pieces[i].end;
                self.pieces[i].head = head;
                let h = &mut self.pieces[head as usize];
                h.run_end = h.run_end.later(end);
                h.last = i as u32;
            }
        }
        for i in 0..self.pieces.len() {
            let p = &self.pieces[i];
            let conf = self.evs[p.origin as usize].conf.max(self.evs[p.from as usize].conf);
            let head = p.head as usize;
            let h = &mut self.pieces[head];
            h.run_conf = h.run_conf.max(conf);
        }
    }

    /// For a head piece whose run may have no end, the last day it is
    /// confirmed, when the caller said.
    fn open_confirmed(&self, h: usize) -> Option<Day> {
        let p = &self.pieces[h];
        (p.run_end.hi == INF && p.run_conf != INF).then_some(p.run_conf)
    }

    /// When event `i`, on `w`, ends a piece: on its day, or, when some
    /// accounts give the event to someone else (`Ev::doubtful`), possibly
    /// never, so what it ends possibly goes on.
    fn cap_at(&self, i: usize, w: Win) -> Win {
        if self.evs[i].doubtful {
            Win { lo: w.lo, hi: INF }
        } else {
            w
        }
    }

    /// Under every reading, does piece `prev` last until piece `next`, which
    /// replaces it, starts? Then the two are one restraint.
    fn meets(&self, prev: usize, next: usize) -> bool {
        let by = self.pieces[next].origin;
        let until = self
            .caps
            .iter()
            .filter(|c| c.piece as usize == prev && c.by != by)
            .fold(self.pieces[prev].own_end, |acc, c| acc.earlier(c.at));
        until.lo >= self.pieces[next].start.hi
    }

    /// Could cap `c` be what ends its piece?
    fn binding(&self, c: &Cap) -> bool {
        let p = &self.pieces[c.piece as usize];
        c.at.lo < p.own_end.hi && c.at.lo <= p.capped.hi
    }

    /// The days, after the run's `as_of`, on which the listing of this
    /// run's restraints may change: every bound a head piece's start or
    /// run end compares against (`restraints` lists a piece on `d` when
    /// `start.lo <= d < run_end.hi`, certainly when `start.hi <= d <
    /// run_end.lo`). With the events fixed, the answer is constant between
    /// two of these days.
    pub(super) fn changes_after(&self, out: &mut Vec<Date>) {
        for (i, p) in self.pieces.iter().enumerate() {
            if p.head as usize != i {
                continue;
            }
            // The day after an open end's last confirmation, it turns possible.
            let unconfirmed = self.open_confirmed(i).map_or(INF, |c| c.saturating_add(1));
            for d in [p.start.lo, p.start.hi, p.run_end.lo, p.run_end.hi, unconfirmed] {
                if d != INF && d > self.as_of {
                    out.push(to_date(d));
                }
            }
        }
    }

    /// Moves the day the last run's restraints are listed for, without
    /// running again: right only while no other event comes into
    /// consideration (see [`super::stretches`]).
    pub(super) fn set_as_of(&mut self, as_of: Date) {
        self.as_of = to_day(as_of);
    }

    /// The restraints in force on `as_of`, or `None` if there are none (or,
    /// with `kind`, none of that kind).
    pub(super) fn restraints(&mut self, kind: Option<RestraintKind>) -> Option<Vec<Restraint>> {
        let d = self.as_of;
        self.listed.clear();
        for (i, p) in self.pieces.iter().enumerate() {
            if p.head as usize != i {
                continue;
            }
            let (s, e) = (p.start, p.run_end);
            if s.lo <= d && d < e.hi {
                let confirmed = self.open_confirmed(i).is_none_or(|c| d <= c);
                // Imposed by an event not every account says was this person's.
                let doubtful = self
                    .pieces
                    .iter()
                    .any(|q| q.head as usize == i && self.evs[q.origin as usize].doubtful);
                let certainty = if s.hi <= d && d < e.lo && confirmed && !doubtful {
                    Certainty::Certain
                } else {
                    Certainty::Possible
                };
                self.listed.push((i as u32, certainty));
            }
        }
        if self.listed.is_empty() {
            return None;
        }
        if let Some(k) = kind {
            if !self.listed.iter().any(|&(i, _)| self.pieces[i as usize].kind == k) {
                return None;
            }
        }
        let mut listed = std::mem::take(&mut self.listed);
        listed.sort_unstable_by_key(|&(i, _)| {
            let p = &self.pieces[i as usize];
            (p.start.lo, p.kind, i)
        });
        let out = listed
            .iter()
            .map(|&(h, certainty)| self.restraint(h as usize, certainty))
            .collect();
        self.listed = listed;
        Some(out)
    }

    fn restraint(&mut self, h: usize, certainty: Certainty) -> Restraint {
        let head = &self.pieces[h];
        let last = &self.pieces[head.last as usize];
        let origin = self.evs[head.origin as usize].e;
        let start = if head.shown == Win::of(&origin.claimed_date()) {
            origin.claimed_date()
        } else {
            head.shown.display()
        };
        let expected_end = (head.run_end.hi != INF).then(|| head.run_end.display());
        let (kind, scope, term, fine) = (head.kind, head.scope.map(str::to_owned), last.term, last.fine.cloned());
        let (because, disputed) = self.because(h);
        let last_confirmed = self.open_confirmed(h).map(to_date);
        Restraint {
            kind,
            scope,
            start,
            end_known: expected_end.is_some(),
            expected_end,
            certainty,
            because,
            term,
            fine,
            last_confirmed,
            disputed,
        }
    }

    /// The events behind the run headed by piece `h`, in date order.
    /// ... and those of them whose sources disagree.
    fn because(&mut self, h: usize) -> (Vec<RecordId>, Vec<RecordId>) {
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        for m in h..self.pieces.len() {
            let p = &self.pieces[m];
            if p.head as usize != h {
                continue;
            }
            ids.push(p.origin);
            ids.push(p.from);
            let mut of = |piece: usize| {
                for c in self.caps.iter().filter(|c| c.piece as usize == piece) {
                    if self.binding(c) {
                        ids.push(c.by);
                    }
                }
            };
            of(m);
            if let Own::AfterPrison { piece, .. } = p.own {
                of(piece as usize);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let out = ids.iter().map(|&i| self.evs[i as usize].e.id.clone()).collect();
        let disputed = ids
            .iter()
            .map(|&i| self.evs[i as usize].e)
            .filter(|e| e.is_disputed())
            .map(|e| e.id.clone())
            .collect();
        self.ids = ids;
        (out, disputed)
    }

    /// One step per event that had an effect, in date order.
    pub(super) fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        for (i, ev) in self.evs.iter().enumerate() {
            let mut parts: Vec<Effect> = Vec::new();
            let mut say = |e: Effect| {
                if !parts.contains(&e) {
                    parts.push(e);
                }
            };
            let t = ev.e.event_type;
            for c in self.caps.iter().filter(|c| c.by as usize == i) {
                if !self.binding(c) {
                    continue;
                }
                let replaced = self
                    .pieces
                    .iter()
                    .any(|p| p.origin as usize == i && p.prev == Some(c.piece));
                if replaced {
                    continue;
                }
                let p = &self.pieces[c.piece as usize];
                if p.kind == RestraintKind::Fine && !is_ender(t) && t != EventType::Appeal {
                    say(Effect::EndsConvertedFine {
                        by: self.evs[p.origin as usize].e.id.clone(),
                    });
                } else {
                    say(Effect::Ends(held(p)));
                }
            }
            for p in self.pieces.iter().filter(|p| p.origin as usize == i) {
                say(self.made(p));
            }
            if parts.is_empty() {
                match self.no_effect(i) {
                    Some(n) => parts.push(Effect::NoChange(n)),
                    None => continue,
                }
            }
            if ev.w.hi > self.as_of {
                parts.push(Effect::MayFallAfter(to_date(self.as_of)));
            }
            steps.push(Step {
                event_id: ev.e.id.clone(),
                date: ev.e.claimed_date(),
                event_type: t,
                effect: format!(
                    "{}: {}",
                    t.as_str(),
                    parts.iter().map(Effect::english).collect::<Vec<_>>().join("; ")
                ),
                effects: parts,
            });
        }
        steps
    }

    fn made(&self, p: &Piece) -> Effect {
        match p.made {
            Made::Imposed => imposed(p),
            Made::Added => Effect::Adds(Box::new(imposed(p))),
            Made::Replaced => {
                let from = self.evs[p.from as usize].e.claimed_date();
                match (p.kind, p.term) {
                    (RestraintKind::Fine, _) => Effect::FineNow(p.fine.cloned()),
                    (_, Some(term)) => Effect::TermNow {
                        held: held(p),
                        term,
                        from,
                    },
                    (_, None) => Effect::OpenNow(held(p)),
                }
            }
            Made::Rest => match (p.kind, p.prev, p.term) {
                (RestraintKind::ActivityBan, Some(_), Some(term)) if term.is_zero() => Effect::Lifts(held(p)),
                (RestraintKind::Fine, _, _) => Effect::RestFine(p.fine.cloned()),
                (_, Some(_), Some(term)) => Effect::RestTerm { held: held(p), term },
                (_, Some(_), None) => Effect::Continues(held(p)),
                (_, None, _) => imposed(p),
            },
        }
    }

    fn no_effect(&self, i: usize) -> Option<NoChange> {
        let e = self.evs[i].e;
        let t = e.event_type;
        let named = self.tgts(i);
        if t == EventType::Appeal {
            Some(if e.relates_to.is_empty() {
                NoChange::AppealNamesNothing
            } else if named.is_empty() {
                NoChange::AppealSentenceMissing
            } else if terms_of(e).is_none() {
                NoChange::AppealUpholds
            } else {
                NoChange::AppealNothingToReplace
            })
        } else if is_ender(t) {
            Some(if !e.relates_to.is_empty() && named.is_empty() {
                NoChange::EnderNamedMissing
            } else {
                NoChange::EnderNothingToEnd
            })
        } else if ends_custody(t) {
            Some(NoChange::NoTerms)
        } else {
            None
        }
    }
}

fn held(p: &Piece) -> Held {
    Held {
        kind: p.kind,
        scope: p.scope.map(str::to_owned),
    }
}

fn imposed(p: &Piece) -> Effect {
    match p.kind {
        RestraintKind::Fine => Effect::FineImposed(p.fine.cloned()),
        RestraintKind::ActivityBan => match p.own {
            Own::Never => Effect::StartsOpen(held(p)),
            Own::AfterPrison { dur, .. } => Effect::StartsAfterPrison {
                held: held(p),
                term: dur,
            },
            Own::At(_) => Effect::Starts {
                held: held(p),
                term: p.term,
            },
        },
        _ => Effect::Starts {
            held: held(p),
            term: p.term,
        },
    }
}
