//! Status engine benchmark: a generated case file of 100,000 persons and
//! 2,000,000 events, and the two questions Vigil asks of it.
//!
//! (a) the "status on day D" list over every person ([`statuses_on`]);
//! (b) one person's status, with its steps ([`person_status`]), as a mean
//!     over many persons.
//!
//! Run: `cargo bench -p vigil-core --bench status` (from the workspace) or
//! `cargo bench --bench status` (in `crates/vigil-core`). Generation is
//! deterministic (the seeded generator `vigil_demo::synthetic`, which the
//! whole-system benchmark `crates/vigil/benches/scale.rs` shares) and is not
//! timed.
//!
//! The case file mimics the seeds' world: mass arrests at rallies (shared
//! events with many victims, made here) and each person's own history (made
//! by the generator: arrests, prosecutions, appeals, pardons, fines, bans and
//! events that restrain no one). Titles and excerpts are left empty: the
//! engine never reads them.

use std::hint::black_box;
use std::time::Instant;

use vigil_core::{person_status, statuses_on, Date, Event, RecordId, RestraintKind, Role};
use vigil_demo::synthetic::{Generator, Rng, FIRST, LAST};

const PERSONS: usize = 100_000;
const EVENTS: usize = 2_000_000;
/// Events shared by many victims (rally arrests and releases), about this
/// many of `EVENTS`.
const SHARED: usize = 30_000;

struct CaseFile {
    persons: Vec<(RecordId, Vec<u32>)>,
    events: Vec<Event>,
}

fn generate() -> CaseFile {
    let mut g = Generator::new(0x5eed_1234_abcd_ef01, EVENTS, "e-", "KZ");
    let mut persons: Vec<(RecordId, Vec<u32>)> = (0..PERSONS)
        .map(|i| (RecordId::parse(&format!("p-{i}")).expect("an id"), Vec::new()))
        .collect();
    // Mass arrests at rallies, 10 to 60 victims each.
    fn rally(g: &mut Generator, persons: &mut [(RecordId, Vec<u32>)]) {
        let t = g.rng.range(FIRST, LAST);
        let n = g.rng.range(10, 60) as usize;
        let victims: Vec<usize> = (0..n).map(|_| g.rng.below(PERSONS as u64) as usize).collect();
        let ids: Vec<RecordId> = victims.iter().map(|&v| persons[v].0.clone()).collect();
        let made = g.mass_arrest(t, ids);
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
        g.person_events(who, n, mine);
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
