//! Status engine benchmark: a generated case file of 100,000 persons and
//! 2,000,000 events, and the two questions Vigil asks of it.
//!
//! (a) the "status on day D" list over every person ([`statuses_on`]);
//! (b) one person's status, with its steps ([`person_status`]), as a mean
//!     over many persons.
//!
//! Run: `cargo bench -p vigil-core --bench status` (from the workspace) or
//! `cargo bench --bench status` (in `crates/vigil-core`). Generation is
//! deterministic (an inline xorshift generator, seeded) and is not timed.
//!
//! The case file mimics the seeds' world: mass arrests at rallies (shared
//! events with many victims), administrative arrests of days, prosecutions
//! (searches, interrogations, arrest, charge, trial, a sentence dated to the
//! day, month, year or a range, with prison, restricted freedom, fines and
//! bans), appeals, pardons that replace the rest of a term by a fine,
//! sentences for an unpaid fine, releases, standalone bans, and events that
//! restrain no one (statements, campaigns, awards). Titles and excerpts are
//! left empty: the engine never reads them.

use std::hint::black_box;
use std::time::Instant;

use vigil_core::{
    person_status, statuses_on, Ban, Date, DatePoint, Duration, Event, EventType as T, Fine, PartialDate, Participant,
    RecordId, RestraintKind, Role, Terms,
};

const PERSONS: usize = 100_000;
const EVENTS: usize = 2_000_000;
/// Events shared by many victims (rally arrests and releases), about this
/// many of `EVENTS`.
const SHARED: usize = 30_000;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn day(julian: i64) -> Date {
    Date::from_julian_day(julian as i32).expect("a day")
}

const FIRST: i64 = 2_455_563; // 2011-01-01
const LAST: i64 = 2_460_676; // 2024-12-31

struct Gen {
    rng: Rng,
    events: Vec<Event>,
}

impl Gen {
    fn id(&self) -> RecordId {
        RecordId::parse(&format!("e-{}", self.events.len())).expect("an id")
    }

    fn event(&mut self, t: T, date: PartialDate, victims: Vec<RecordId>) -> Event {
        Event {
            country: Some("KZ".into()),
            participants: victims
                .into_iter()
                .map(|record_id| Participant {
                    record_id,
                    role: Role::Victim,
                })
                .collect(),
            ..Event::new(self.id(), t, date, "")
        }
    }

    /// A date as sources give it: mostly the day, sometimes the month, the
    /// year, or a range of months.
    fn imprecise(&mut self, d: i64, precise_percent: u64) -> PartialDate {
        let d = day(d);
        if self.rng.chance(precise_percent) {
            return PartialDate::day(d);
        }
        match self.rng.below(10) {
            0..=5 => PartialDate::month(d.year(), d.month()).expect("a month"),
            6..=7 => PartialDate::year(d.year()).expect("a year"),
            _ => {
                let to = day(d.to_julian_day() as i64 + self.rng.range(60, 300));
                PartialDate::range(
                    DatePoint::Month(d.year(), d.month()),
                    DatePoint::Month(to.year(), to.month()),
                )
                .unwrap_or(PartialDate::day(d))
            }
        }
    }

    fn duration(&mut self) -> Duration {
        match self.rng.below(10) {
            0..=5 => Duration::years(self.rng.range(1, 10) as u16),
            6..=7 => Duration::new(0, self.rng.range(3, 11) as u16, 0, self.rng.range(0, 20) as u16),
            _ => Duration::new(self.rng.range(1, 4) as u16, self.rng.range(1, 11) as u16, 0, 0),
        }
    }

    fn fine(&mut self) -> Fine {
        if self.rng.chance(40) {
            Fine::Undisclosed
        } else {
            Fine::Amount {
                amount: self.rng.range(50_000, 5_000_000) as u64,
                currency: "KZT".into(),
            }
        }
    }

    fn ban(&mut self) -> Ban {
        const SCOPES: [&str; 4] = [
            "public activity",
            "trade union leadership",
            "trade union activity",
            "religious activity",
        ];
        Ban {
            scope: SCOPES[self.rng.below(4) as usize].into(),
            duration: if self.rng.chance(50) {
                None
            } else {
                Some(Duration::years(self.rng.range(1, 5) as u16))
            },
        }
    }
}

/// One person's own events: episodes until `n` events are made.
fn person_events(g: &mut Gen, who: &RecordId, n: usize, out: &mut Vec<u32>) {
    let start = g.events.len();
    let mut t = g.rng.range(FIRST, LAST - 400);
    let me = || vec![who.clone()];
    while g.events.len() - start < n {
        let episode = g.rng.below(100);
        let before = g.events.len();
        match episode {
            // Statements, campaigns, awards, searches: no restraint.
            0..=39 => {
                const QUIET: [T; 6] = [
                    T::Statement,
                    T::Campaign,
                    T::Search,
                    T::Interrogation,
                    T::Rally,
                    T::Award,
                ];
                let kind = QUIET[g.rng.below(6) as usize];
                let d = g.imprecise(t, 80);
                let e = g.event(kind, d, me());
                g.events.push(e);
            }
            // An arrest, then a release, a fine, or nothing on record.
            40..=59 => {
                let d = PartialDate::day(day(t));
                let mut arrest = g.event(T::Arrest, d, me());
                if g.rng.chance(25) {
                    arrest.terms = Some(Terms {
                        imprisonment: Some(Duration::new(0, 0, 0, g.rng.range(3, 15) as u16)),
                        ..Terms::default()
                    });
                    g.events.push(arrest);
                } else {
                    g.events.push(arrest);
                    let later = PartialDate::day(day(t + g.rng.range(0, 20)));
                    match g.rng.below(10) {
                        0..=6 => {
                            let e = g.event(T::Release, later, me());
                            g.events.push(e);
                        }
                        7..=8 => {
                            let mut e = g.event(T::Fine, later, me());
                            e.terms = Some(Terms {
                                fine: Some(g.fine()),
                                ..Terms::default()
                            });
                            g.events.push(e);
                        }
                        _ => {}
                    }
                }
            }
            // A prosecution.
            60..=89 => {
                let search = g.imprecise(t, 60);
                let e = g.event(T::Search, search, me());
                g.events.push(e);
                t += g.rng.range(5, 60);
                let e = g.event(T::Arrest, PartialDate::day(day(t)), me());
                g.events.push(e);
                t += g.rng.range(10, 90);
                let e = g.event(T::Charge, PartialDate::day(day(t)), me());
                g.events.push(e);
                t += g.rng.range(30, 200);
                let e = {
                    let d = g.imprecise(t, 70);
                    g.event(T::Trial, d, me())
                };
                g.events.push(e);
                t += g.rng.range(0, 30);
                let sentence_date = g.imprecise(t, 55);
                let mut terms = Terms::default();
                match g.rng.below(20) {
                    0..=11 => terms.imprisonment = Some(g.duration()),
                    12..=16 => terms.restricted_freedom = Some(g.duration()),
                    _ => terms.fine = Some(g.fine()),
                }
                if g.rng.chance(35) {
                    terms.bans.push(g.ban());
                }
                let mut sentence = g.event(T::Sentence, sentence_date, me());
                sentence.terms = Some(terms.clone());
                let sentence_id = sentence.id.clone();
                g.events.push(sentence);
                if g.rng.chance(25) {
                    t += g.rng.range(30, 120);
                    let mut appeal = {
                        let d = g.imprecise(t, 80);
                        g.event(T::Appeal, d, me())
                    };
                    appeal.relates_to = vec![sentence_id.clone()];
                    if g.rng.chance(60) {
                        let mut t2 = terms.clone();
                        if let Some(d) = t2.imprisonment {
                            t2.imprisonment = Some(Duration::new(d.years / 2, d.months, 0, d.days));
                        }
                        appeal.terms = Some(t2);
                    }
                    g.events.push(appeal);
                }
                let roll = g.rng.below(10);
                if roll < 2 && terms.imprisonment.is_some() {
                    // Pardoned, the rest replaced by a fine, then released;
                    // perhaps sentenced again for not paying it.
                    t += g.rng.range(100, 900);
                    let mut pardon = {
                        let d = g.imprecise(t, 50);
                        g.event(T::Pardon, d, me())
                    };
                    pardon.relates_to = vec![sentence_id.clone()];
                    if g.rng.chance(50) {
                        pardon.terms = Some(Terms {
                            fine: Some(g.fine()),
                            ..Terms::default()
                        });
                    }
                    let pardon_id = pardon.id.clone();
                    let fined = pardon.terms.is_some();
                    g.events.push(pardon);
                    let e = {
                        let d = g.imprecise(t, 50);
                        g.event(T::Release, d, me())
                    };
                    g.events.push(e);
                    if fined && g.rng.chance(30) {
                        t += g.rng.range(30, 120);
                        let mut again = g.event(T::Sentence, PartialDate::day(day(t)), me());
                        again.terms = Some(Terms {
                            imprisonment: Some(Duration::new(0, 5, 0, 8)),
                            ..Terms::default()
                        });
                        again.relates_to = vec![pardon_id];
                        g.events.push(again);
                    }
                } else if roll < 4 {
                    t += g.rng.range(200, 2000);
                    let kind = if g.rng.chance(70) { T::Release } else { T::Amnesty };
                    let e = {
                        let d = g.imprecise(t, 70);
                        g.event(kind, d, me())
                    };
                    g.events.push(e);
                } else if roll < 5 {
                    t += g.rng.range(30, 300);
                    let mut e = g.event(T::Acquittal, PartialDate::day(day(t)), me());
                    e.relates_to = vec![sentence_id];
                    g.events.push(e);
                }
            }
            // Banned by a separate decision ("remain banned").
            _ => {
                let mut e = {
                    let d = g.imprecise(t, 40);
                    g.event(T::Ban, d, me())
                };
                e.terms = Some(Terms {
                    bans: vec![g.ban()],
                    ..Terms::default()
                });
                g.events.push(e);
            }
        }
        t += g.rng.range(30, 500);
        if t > LAST {
            t = g.rng.range(FIRST, LAST - 400);
        }
        // Keep exactly n: an episode cut short is a history still unfolding.
        g.events.truncate(start + n.min(g.events.len() - start));
        out.extend((before.min(g.events.len())..g.events.len()).map(|i| i as u32));
    }
}

struct CaseFile {
    persons: Vec<(RecordId, Vec<u32>)>,
    events: Vec<Event>,
}

fn generate() -> CaseFile {
    let mut g = Gen {
        rng: Rng(0x5eed_1234_abcd_ef01),
        events: Vec::with_capacity(EVENTS),
    };
    let mut persons: Vec<(RecordId, Vec<u32>)> = (0..PERSONS)
        .map(|i| (RecordId::parse(&format!("p-{i}")).expect("an id"), Vec::new()))
        .collect();
    // Mass arrests at rallies, 10 to 60 victims each: most released together
    // a few days later, some given administrative arrest of days, some with
    // nothing more on record.
    fn rally(g: &mut Gen, persons: &mut [(RecordId, Vec<u32>)]) {
        let t = g.rng.range(FIRST, LAST);
        let n = g.rng.range(10, 60) as usize;
        let victims: Vec<usize> = (0..n).map(|_| g.rng.below(PERSONS as u64) as usize).collect();
        let ids: Vec<RecordId> = victims.iter().map(|&v| persons[v].0.clone()).collect();
        let mut made = Vec::new();
        let mut arrest = g.event(T::Arrest, PartialDate::day(day(t)), ids.clone());
        let outcome = g.rng.below(10);
        if outcome < 3 {
            arrest.terms = Some(Terms {
                imprisonment: Some(Duration::new(0, 0, 0, g.rng.range(3, 15) as u16)),
                ..Terms::default()
            });
        }
        made.push(g.events.len() as u32);
        g.events.push(arrest);
        if (3..9).contains(&outcome) {
            let d = PartialDate::day(day(t + g.rng.range(0, 3)));
            let release = g.event(T::Release, d, ids);
            made.push(g.events.len() as u32);
            g.events.push(release);
        }
        for v in victims {
            persons[v].1.extend_from_slice(&made);
        }
    }
    while g.events.len() < SHARED {
        rally(&mut g, &mut persons);
    }
    // Each person's own events: between 4 and 36, exactly EVENTS in all.
    let mut left = EVENTS - g.events.len();
    for (i, (who, mine)) in persons.iter_mut().enumerate() {
        let remaining_persons = PERSONS - i;
        let n = if remaining_persons == 1 {
            left
        } else {
            let mean = left / remaining_persons;
            (mean as i64 + g.rng.range(-16, 16)).clamp(1, left as i64 - remaining_persons as i64 + 1) as usize
        };
        left -= n;
        person_events(&mut g, who, n, mine);
    }
    assert_eq!(g.events.len(), EVENTS);
    CaseFile {
        persons,
        events: g.events,
    }
}

fn main() {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t0 = Instant::now();
    let cf = generate();
    let refs: usize = cf.persons.iter().map(|p| p.1.len()).sum();
    println!(
        "generated {} persons, {} events ({} person–event links) in {:.1} s (not timed below); {} hardware threads",
        cf.persons.len(),
        cf.events.len(),
        refs,
        t0.elapsed().as_secs_f64(),
        threads
    );
    let events = &cf.events;
    // As a store's join on participants yields them: each event with the
    // person's role in it (every link here is a victim's).
    let with_roles = |persons: &[(RecordId, Vec<u32>)], d: Date, kind| {
        statuses_on(
            d,
            persons
                .iter()
                .map(|(id, ev)| (id, ev.iter().map(|&i| (&events[i as usize], Role::Victim)))),
            kind,
        )
    };
    // The events alone: the engine finds the person among the participants.
    let plain = |persons: &[(RecordId, Vec<u32>)], d: Date, kind| {
        statuses_on(
            d,
            persons
                .iter()
                .map(|(id, ev)| (id, ev.iter().map(|&i| &events[i as usize]))),
            kind,
        )
    };
    // The caller may split the persons over the machine's cores.
    let split = |persons: &[(RecordId, Vec<u32>)], d: Date, kind| {
        let (first, second) = persons.split_at(persons.len() / 2);
        std::thread::scope(|s| {
            let other = s.spawn(|| with_roles(first, d, kind));
            let mut rest = with_roles(second, d, kind);
            let mut out = other.join().expect("the other half");
            out.append(&mut rest);
            out
        })
    };

    // (a) The "status on day D" list over all persons.
    let upr = time::macros::date!(2019 - 11 - 07);
    let later = time::macros::date!(2024 - 06 - 01);
    #[derive(Clone, Copy, PartialEq)]
    enum Way {
        Roles,
        Plain,
        TwoThreads,
    }
    for (d, kind, way) in [
        (upr, None, Way::Roles),
        (upr, Some(RestraintKind::Imprisonment), Way::Roles),
        (later, None, Way::Roles),
        (upr, None, Way::Plain),
        (later, None, Way::Plain),
        (upr, None, Way::TwoThreads),
        (later, None, Way::TwoThreads),
    ] {
        let mut times = Vec::new();
        let mut listed = 0;
        let mut restraints = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let out = black_box(match way {
                Way::Roles => with_roles(&cf.persons, d, kind),
                Way::Plain => plain(&cf.persons, d, kind),
                Way::TwoThreads => split(&cf.persons, d, kind),
            });
            times.push(t.elapsed().as_secs_f64());
            listed = out.len();
            restraints = out.iter().map(|s| s.restraints.len()).sum();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "(a) status list on {} {:<13} {:<34} {listed:>6} persons listed, {restraints:>6} restraints: best {:.3} s, median {:.3} s (5 runs)",
            vigil_core::date::format_day(d),
            kind.map_or("(all)", |k| k.as_str()),
            match way {
                Way::Roles => "links (&Event, Role), one thread",
                Way::Plain => "links &Event, one thread",
                Way::TwoThreads => "links (&Event, Role), two threads",
            },
            times[0],
            times[2]
        );
    }

    // (b) One person's status, with steps, over many persons.
    let mut rng = Rng(0xfeed_beef_0bad_cafe);
    let sample: Vec<usize> = (0..20_000).map(|_| rng.below(PERSONS as u64) as usize).collect();
    let links: usize = sample.iter().map(|&p| cf.persons[p].1.len()).sum();
    for d in [upr, later] {
        let mut each = Vec::with_capacity(sample.len());
        let t = Instant::now();
        for &p in &sample {
            let (id, ev) = &cf.persons[p];
            let one = Instant::now();
            let s = person_status(id, ev.iter().map(|&i| &events[i as usize]), d);
            black_box(&s);
            each.push(one.elapsed().as_secs_f64() * 1e6);
        }
        let total = t.elapsed().as_secs_f64();
        each.sort_by(f64::total_cmp);
        let pct = |q: f64| each[((each.len() - 1) as f64 * q) as usize];
        println!(
            "(b) one person's status on {}: mean {:.1} µs (median {:.1}, p99 {:.1}, max {:.1}) over {} persons, {:.1} events each on average",
            vigil_core::date::format_day(d),
            total / sample.len() as f64 * 1e6,
            pct(0.5),
            pct(0.99),
            pct(1.0),
            sample.len(),
            links as f64 / sample.len() as f64
        );
    }
}
