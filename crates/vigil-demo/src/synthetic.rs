//! A synthetic case file's events, for the benchmarks that need a case file
//! of a real size: the status engine's (`vigil-core`, `benches/status.rs`)
//! and the whole system's (`vigil`, `benches/scale.rs`). Built only with the
//! feature `synthetic`, so the binary does not carry it.
//!
//! Generation is deterministic (a seeded xorshift). The events mimic the
//! seeds' world: administrative arrests of days, prosecutions (searches,
//! interrogations, arrest, charge, trial, a sentence dated to the day, month,
//! year or a range, with prison, restricted freedom, fines and bans),
//! appeals, pardons that replace the rest of a term by a fine, sentences for
//! an unpaid fine, releases, standalone bans, and events that restrain no one
//! (statements, campaigns, awards); and mass arrests at rallies, whose victims
//! the caller picks among its own persons.

use vigil_core::{
    Ban, Date, DatePoint, Duration, Event, EventType as T, Fine, PartialDate, Participant, RecordId, Role, Terms,
};

/// The first day events fall on: 2011-01-01.
pub const FIRST: i64 = 2_455_563;
/// The last day events fall on: 2024-12-31.
pub const LAST: i64 = 2_460_676;

/// A seeded xorshift64* generator: the same seed, the same case file.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The day of a Julian day number.
pub fn day(julian: i64) -> Date {
    Date::from_julian_day(julian as i32).expect("a day")
}

/// Makes events, numbered in the order they are pushed onto `events`.
pub struct Generator {
    pub rng: Rng,
    pub events: Vec<Event>,
    /// The country of the events being made.
    pub country: String,
    /// What each event's id starts with, before its number.
    id_prefix: &'static str,
    /// Whether events get a title (their type and number) or none (the
    /// status engine never reads it).
    titled: bool,
}

impl Generator {
    /// A generator of untitled events with ids `{id_prefix}{n}` in `country`.
    pub fn new(seed: u64, capacity: usize, id_prefix: &'static str, country: &str) -> Self {
        Generator {
            rng: Rng(seed),
            events: Vec::with_capacity(capacity),
            country: country.to_owned(),
            id_prefix,
            titled: false,
        }
    }

    /// The same, giving each event a title: its type and number.
    pub fn titled(self) -> Self {
        Generator { titled: true, ..self }
    }

    /// The next event (not yet pushed), with `victims` as its victims.
    pub fn event(&mut self, t: T, date: PartialDate, victims: Vec<RecordId>) -> Event {
        let n = self.events.len();
        let id = RecordId::parse(&format!("{}{n}", self.id_prefix)).expect("an id");
        let title = if self.titled {
            format!("{} ({n})", t.label())
        } else {
            String::new()
        };
        Event {
            country: Some(self.country.clone()),
            participants: victims
                .into_iter()
                .map(|record_id| Participant {
                    record_id,
                    role: Role::Victim,
                })
                .collect(),
            ..Event::new(id, t, date, title)
        }
    }

    /// A mass arrest at a rally on day `t`: most are released together a
    /// few days later, some given administrative arrest of days, some have
    /// nothing more on record. The indices in `events` of what it made.
    pub fn mass_arrest(&mut self, t: i64, victims: Vec<RecordId>) -> Vec<u32> {
        let mut made = Vec::new();
        let mut arrest = self.event(T::Arrest, PartialDate::day(day(t)), victims.clone());
        let outcome = self.rng.below(10);
        if outcome < 3 {
            arrest.terms = Some(Terms {
                imprisonment: Some(Duration::new(0, 0, 0, self.rng.range(3, 15) as u16)),
                ..Terms::default()
            });
        }
        made.push(self.events.len() as u32);
        self.events.push(arrest);
        if (3..9).contains(&outcome) {
            let d = PartialDate::day(day(t + self.rng.range(0, 3)));
            let release = self.event(T::Release, d, victims);
            made.push(self.events.len() as u32);
            self.events.push(release);
        }
        made
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

    /// An event of type `t` on an imprecise date around `t`, made and pushed.
    fn push_imprecise(&mut self, t: T, on: i64, precise_percent: u64, who: &RecordId) -> usize {
        let d = self.imprecise(on, precise_percent);
        let e = self.event(t, d, vec![who.clone()]);
        self.events.push(e);
        self.events.len() - 1
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

    /// One person's own events: episodes until `n` events are made; the
    /// index of each in `events` goes to `out`.
    pub fn person_events(&mut self, who: &RecordId, n: usize, out: &mut Vec<u32>) {
        let g = self;
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
                    g.push_imprecise(kind, t, 80, who);
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
                    g.push_imprecise(T::Search, t, 60, who);
                    t += g.rng.range(5, 60);
                    let e = g.event(T::Arrest, PartialDate::day(day(t)), me());
                    g.events.push(e);
                    t += g.rng.range(10, 90);
                    let e = g.event(T::Charge, PartialDate::day(day(t)), me());
                    g.events.push(e);
                    t += g.rng.range(30, 200);
                    g.push_imprecise(T::Trial, t, 70, who);
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
                        let appeal = g.push_imprecise(T::Appeal, t, 80, who);
                        g.events[appeal].relates_to = vec![sentence_id.clone()];
                        if g.rng.chance(60) {
                            let mut t2 = terms.clone();
                            if let Some(d) = t2.imprisonment {
                                t2.imprisonment = Some(Duration::new(d.years / 2, d.months, 0, d.days));
                            }
                            g.events[appeal].terms = Some(t2);
                        }
                    }
                    let roll = g.rng.below(10);
                    if roll < 2 && terms.imprisonment.is_some() {
                        // Pardoned, the rest replaced by a fine, then released;
                        // perhaps sentenced again for not paying it.
                        t += g.rng.range(100, 900);
                        let pardon = g.push_imprecise(T::Pardon, t, 50, who);
                        g.events[pardon].relates_to = vec![sentence_id.clone()];
                        if g.rng.chance(50) {
                            g.events[pardon].terms = Some(Terms {
                                fine: Some(g.fine()),
                                ..Terms::default()
                            });
                        }
                        let pardon_id = g.events[pardon].id.clone();
                        let fined = g.events[pardon].terms.is_some();
                        g.push_imprecise(T::Release, t, 50, who);
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
                        g.push_imprecise(kind, t, 70, who);
                    } else if roll < 5 {
                        t += g.rng.range(30, 300);
                        let mut e = g.event(T::Acquittal, PartialDate::day(day(t)), me());
                        e.relates_to = vec![sentence_id];
                        g.events.push(e);
                    }
                }
                // Banned by a separate decision ("remain banned").
                _ => {
                    let ban = g.push_imprecise(T::Ban, t, 40, who);
                    let bans = vec![g.ban()];
                    g.events[ban].terms = Some(Terms {
                        bans,
                        ..Terms::default()
                    });
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
}
