//! What a person's page and status, and a write of one of their events,
//! cost, counted in work, not time: the steps SQLite takes for the request
//! (`SqliteStore::open_metered`) must not grow when thousands of unrelated persons and their events
//! join the case file. A read that walks every event, or every
//! confidential id, would take thousands of steps more; one that reads the
//! person's own records takes the same.

mod common;

use common::TestApp;
use vigil_core::{
    Affiliation, Case, CaseFile, Excerpt, Organisation, OrganisationKind, OrganisationStatus, PartialDate, Person,
    RecordId, Source,
};
use vigil_demo::synthetic::Generator;
use vigil_store::{Change, Store};
use vigil_store_any::Meter;

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("an id")
}

const TEXT: &str = "The court sentenced the activist to prison. The appeal was rejected.";

/// `persons` persons with `each` events apiece (the generator's mix of
/// arrests, trials, sentences, appeals and releases), ids starting with
/// `prefix`; every 50th person, event and source confidential; the events
/// quoting the sources.
fn crowd(prefix: &'static str, persons: usize, each: usize, seed: u64) -> CaseFile {
    let mut g = Generator::new(seed, persons * each, prefix, "KZ").titled();
    let sources: Vec<Source> = (0..(persons / 10).max(3))
        .map(|i| Source {
            published: Some(PartialDate::year(2012 + (i % 10) as i32).expect("a year")),
            confidential: i % 50 == 7,
            ..Source::new(id(&format!("{prefix}s{i}")), format!("Report {i}"), TEXT)
        })
        .collect();
    let mut cf = CaseFile::default();
    for i in 0..persons {
        let pid = id(&format!("{prefix}p{i}"));
        let mut out = Vec::new();
        g.person_events(&pid, each, &mut out);
        cf.persons.push(Person {
            confidential: i % 50 == 13,
            ..Person::named(pid, format!("Person {prefix} {i}"))
        });
    }
    for (n, mut e) in std::mem::take(&mut g.events).into_iter().enumerate() {
        let s = &sources[n % sources.len()];
        if let Some(x) = Excerpt::quote(s, 0, 9) {
            e.excerpts.push(x);
        }
        e.confidential = n % 50 == 21;
        cf.events.push(e);
    }
    cf.sources = sources;
    cf
}

/// The person whose page is measured: a dozen events citing three
/// sources, a union, a case.
fn watched() -> CaseFile {
    let mut cf = crowd("w-", 1, 12, 7);
    let union = Organisation {
        id: id("w-union"),
        name: "Independent Union".into(),
        aliases: Vec::new(),
        kind: OrganisationKind::Union,
        parent_id: None,
        country: Some("KZ".into()),
        status: OrganisationStatus::Active,
        excerpts: Vec::new(),
        confidential: false,
        confidential_fields: Vec::new(),
    };
    cf.persons[0].affiliations.push(Affiliation {
        organisation_id: union.id.clone(),
        role: Some("member".into()),
        period: None,
    });
    cf.persons[0].confidential = false;
    cf.cases.push(Case {
        id: id("w-case"),
        title: "The union case".into(),
        description: None,
        event_ids: cf.events.iter().take(2).map(|e| e.id.clone()).collect(),
        person_ids: vec![cf.persons[0].id.clone()],
        confidential: false,
        confidential_fields: Vec::new(),
    });
    cf.organisations.push(union);
    cf
}

/// The fewest steps one request took over a few tries (the search index's
/// follower reads the change log now and then, on the same connections).
async fn cost(app: &TestApp, meter: &Meter, path: &str, token: Option<&str>) -> u64 {
    quiet(meter).await;
    let mut best = u64::MAX;
    for _ in 0..4 {
        let before = meter.steps();
        let res = match token {
            Some(t) => app.get_as(path, t).await,
            None => app.get(path).await,
        };
        assert_eq!(res.status(), 200, "{path}");
        res.bytes().await.expect("a body");
        best = best.min(meter.steps() - before);
    }
    best
}

/// Waits until the server does no work of its own (its search index
/// following a large import reads the new records for seconds): the meter
/// counts every read of the store, and a request measured meanwhile would
/// be charged for them.
async fn quiet(meter: &Meter) {
    for _ in 0..100 {
        let before = meter.steps();
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        if meter.steps() == before {
            return;
        }
    }
    panic!("the server never went quiet");
}

const PAGES: [&str; 3] = [
    "/persons/w-p0",
    "/api/v1/persons/w-p0/status",
    "/api/v1/persons/w-p0/events",
];

/// The fewest steps a new event took to write (its person's status
/// stretches recomputed in the same transaction) and to index: the events
/// of a person new in each `round`, so each round writes the same.
async fn write_cost(app: &TestApp, meter: &Meter, editor: &str, round: &str) -> u64 {
    let person = format!("w-{round}");
    app.created(
        "/api/v1/persons",
        editor,
        &serde_json::json!({"id": person, "name": format!("Person {round}"), "country": "KZ"}),
    )
    .await;
    let mut best = u64::MAX;
    for i in 0..4 {
        let event = serde_json::json!({
            "id": format!("w-new-{round}-{i}"),
            "type": "arrest",
            "title": "Detained again",
            "date": "2024-03-01",
            "country": "KZ",
            "participants": [{"record_id": person, "role": "victim"}],
            "excerpts": [{"source_id": "w-s0", "start": 0, "end": 9, "text": "The court"}],
        });
        quiet(meter).await;
        let before = meter.steps();
        let res = app.post_json("/api/v1/events", editor, &event).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
        app.search.catch_up(&app.store).await.expect("index caught up");
        best = best.min(meter.steps() - before);
    }
    best
}

async fn costs(app: &TestApp, meter: &Meter, keeper: &str, editor: &str, round: &str) -> Vec<(String, u64)> {
    let mut out = vec![("a new event".to_owned(), write_cost(app, meter, editor, round).await)];
    for path in PAGES {
        out.push((format!("{path} (public)"), cost(app, meter, path, None).await));
        out.push((
            format!("{path} (confidential reader)"),
            cost(app, meter, path, Some(keeper)).await,
        ));
    }
    out
}

/// Loads `others` into the case file and the search index.
async fn load(app: &TestApp, others: &CaseFile) {
    app.store
        .import(others, &Change::new("test", None))
        .await
        .expect("the others load");
    app.search.catch_up(&app.store).await.expect("index caught up");
}

/// [`load`]s `others`, then measures [`costs`] as `round`.
async fn costs_after(
    app: &TestApp,
    meter: &Meter,
    others: &CaseFile,
    (keeper, editor): (&str, &str),
    round: &str,
) -> Vec<(String, u64)> {
    load(app, others).await;
    costs(app, meter, keeper, editor, round).await
}

#[tokio::test]
async fn a_persons_page_and_status_cost_their_own_records_not_the_case_file() {
    let (app, meter) = TestApp::metered().await;
    let keeper = app.token("kate", vigil_core::AccountRole::ConfidentialReader).await;
    let editor = app.token("ed", vigil_core::AccountRole::Editor).await;
    let change = Change::new("test", None);
    app.store.import(&watched(), &change).await.expect("the person loads");
    let who = (keeper.as_str(), editor.as_str());
    let small = costs_after(&app, &meter, &crowd("a-", 20, 5, 11), who, "small").await;

    // Fifty times as many others, none of them linked to the person.
    let large = costs_after(&app, &meter, &crowd("b-", 1_000, 5, 13), who, "large").await;

    for ((what, before), (_, after)) in small.iter().zip(&large) {
        println!("{what}: {before} steps with 21 persons, {after} with 1,021");
        assert!(*before > 0, "{what}: the meter counts");
        // The same rows read the same way: the same steps, give or take
        // what a deeper index adds. Walking the 5,000 new events (or their
        // confidential ids) would add tens of thousands.
        assert!(
            *after <= before + before / 10,
            "{what}: {before} steps with 21 persons, {after} with 1,021"
        );
    }
}

/// The meter tells a read that walks the case file from one that does not:
/// the status of everyone, as CSV, grows with everyone.
#[tokio::test]
async fn the_meter_sees_a_read_that_grows_with_the_case_file() {
    let (app, meter) = TestApp::metered().await;
    load(&app, &crowd("a-", 20, 5, 11)).await;
    let path = "/status.csv?as_of=2018-06-01";
    let before = cost(&app, &meter, path, None).await;
    load(&app, &crowd("b-", 1_000, 5, 13)).await;
    let after = cost(&app, &meter, path, None).await;
    println!("{path}: {before} steps with 20 persons, {after} with 1,020");
    assert!(after > before * 3, "{before} steps, then {after}");
}

/// An event list filtered by type and date, and its count, cost the events
/// of the period: a thousand persons more, whose 5,000 events all fall
/// years before it, add no steps. Reading the type's index from its first
/// event to the period's end (as the list and its count did) would add
/// the steps of every one of them of that type.
#[tokio::test]
async fn an_event_list_by_type_and_date_costs_its_period_not_the_years_before() {
    let (app, meter) = TestApp::metered().await;
    let keeper = app.token("kate", vigil_core::AccountRole::ConfidentialReader).await;
    load(&app, &crowd("a-", 20, 5, 11)).await;
    let paths = [
        "/api/v1/events?type=arrest&from=2016-01-01&to=2016-12-31",
        "/api/v1/events?type=sentence&from=2016-01-01&to=2017-06-30",
        "/api/v1/events?from=2016-01-01&to=2016-12-31",
    ];
    let mut small = Vec::new();
    for path in paths {
        small.push((
            cost(&app, &meter, path, None).await,
            cost(&app, &meter, path, Some(&keeper)).await,
        ));
    }
    let mut earlier = crowd("b-", 1_000, 5, 13);
    let start = vigil_core::Date::from_calendar_date(2003, time::Month::January, 1).expect("a day");
    for (n, e) in earlier.events.iter_mut().enumerate() {
        e.date = PartialDate::day(start + time::Duration::days((n % 700) as i64));
    }
    load(&app, &earlier).await;
    for (path, (public, keeper_cost)) in paths.iter().zip(small) {
        let after = cost(&app, &meter, path, None).await;
        let keeper_after = cost(&app, &meter, path, Some(&keeper)).await;
        println!("{path}: {public} / {keeper_cost} steps with 20 persons, {after} / {keeper_after} with 1,020");
        assert!(public > 0 && keeper_cost > 0, "{path}: the meter counts");
        assert!(
            after <= public + public / 10,
            "{path} (public): {public} steps, then {after}"
        );
        assert!(
            keeper_after <= keeper_cost + keeper_cost / 10,
            "{path} (confidential reader): {keeper_cost} steps, then {keeper_after}"
        );
    }
}

/// A part of the status list read on after a line (as `/status.csv` reads
/// it, part after part) costs the same wherever the line is: the name index
/// is entered at the line, not read from its start. Read from the start,
/// the whole list cost the square of its length.
#[tokio::test]
async fn a_part_of_the_status_list_costs_the_same_wherever_it_starts() {
    use vigil_store::{StatusOrder, StatusQuery, Visibility};
    let (app, meter) = TestApp::metered().await;
    app.store
        .import(&crowd("a-", 1_000, 5, 17), &Change::new("test", None))
        .await
        .expect("the crowd loads");
    // With the planner's statistics, as a case file of this size has them
    // (a bulk load or `vigil rebuild-derived` analyses).
    app.store.rebuild_derived().await.expect("statistics");
    quiet(&meter).await;
    let day = vigil_core::Date::from_calendar_date(2018, time::Month::June, 1).expect("a day");
    for visibility in [Visibility::Public, Visibility::Confidential] {
        let query = StatusQuery {
            as_of: day,
            kind: None,
            order: StatusOrder::Name,
            visibility,
        };
        let before = meter.steps();
        let everyone = app.store.statuses_after(&query, None, 500).await.expect("the list");
        let whole = meter.steps() - before;
        assert!(
            everyone.len() > 200,
            "{} lines: the crowd is not restrained enough",
            everyone.len()
        );
        let part = |after: Option<vigil_store::StatusCursor>| {
            let (store, query, meter) = (&app.store, &query, &meter);
            async move {
                let before = meter.steps();
                let lines = store.statuses_after(query, after.as_ref(), 10).await.expect("a part");
                assert_eq!(lines.len(), 10);
                meter.steps() - before
            }
        };
        let early = part(Some(everyone[10].cursor.clone())).await;
        let late = part(Some(everyone[everyone.len() - 20].cursor.clone())).await;
        println!(
            "{visibility:?}: {} lines {whole} steps; 10 lines after line 10 {early}, after line {} {late}",
            everyone.len(),
            everyone.len() - 20
        );
        // Ten lines of some four hundred: well under a tenth of the whole,
        // and about what ten lines near the start cost.
        for (part, at) in [(early, "line 10"), (late, "a late line")] {
            assert!(
                part <= whole / 10,
                "{visibility:?}: 10 lines after {at} cost {part} steps, the whole list {whole}"
            );
        }
        assert!(
            late <= early * 2,
            "{visibility:?}: {early} steps after line 10, {late} after a late line"
        );
    }
}

/// A country's rating for a year costs that year's events (issue 17): a
/// thousand persons more of the same country, whose 5,000 events all fall
/// years before it, add no steps. Rated from the whole country's records,
/// as it was, it read every one of them and their participants.
#[tokio::test]
async fn a_countrys_rating_for_a_year_costs_that_years_events_not_the_countrys() {
    let (app, meter) = TestApp::metered().await;
    let keeper = app.token("kate", vigil_core::AccountRole::ConfidentialReader).await;
    let change = Change::new("test", None);
    app.store.import(&watched(), &change).await.expect("the person loads");
    app.store
        .import(&crowd("a-", 20, 5, 11), &change)
        .await
        .expect("a few load");
    // The demo's rule: arrests, sentences, what acts on a strike, union
    // victims.
    let rules = CaseFile {
        rating_rules: vigil_demo::case_file().expect("the demo").rating_rules,
        ..CaseFile::default()
    };
    app.store.import(&rules, &change).await.expect("the rule loads");
    app.search.catch_up(&app.store).await.expect("index caught up");
    let path = "/api/v1/countries/KZ/rating?year=2016";
    let counted = |body: &serde_json::Value| body["counted"].as_array().map_or(0, Vec::len);
    let before: serde_json::Value = app.get(path).await.json().await.expect("a rating");
    assert!(counted(&before) > 0, "the year counts some events: {before}");
    let (public, keeper_cost) = (
        cost(&app, &meter, path, None).await,
        cost(&app, &meter, path, Some(&keeper)).await,
    );
    let mut earlier = crowd("b-", 1_000, 5, 13);
    let start = vigil_core::Date::from_calendar_date(2003, time::Month::January, 1).expect("a day");
    for (n, e) in earlier.events.iter_mut().enumerate() {
        e.date = PartialDate::day(start + time::Duration::days((n % 700) as i64));
    }
    app.store.import(&earlier, &change).await.expect("the others load");
    app.search.catch_up(&app.store).await.expect("index caught up");
    let after: serde_json::Value = app.get(path).await.json().await.expect("a rating");
    assert_eq!(after, before, "the same rating: the others fall in other years");
    let (public_after, keeper_after) = (
        cost(&app, &meter, path, None).await,
        cost(&app, &meter, path, Some(&keeper)).await,
    );
    println!("{path}: {public} / {keeper_cost} steps with 21 persons, {public_after} / {keeper_after} with 1,021");
    assert!(
        public_after <= public + public / 10,
        "{path} (public): {public} steps, then {public_after}"
    );
    assert!(
        keeper_after <= keeper_cost + keeper_cost / 10,
        "{path} (confidential reader): {keeper_cost} steps, then {keeper_after}"
    );
    // The earlier years are rated from the others' events.
    let early: serde_json::Value = app
        .get("/api/v1/countries/KZ/rating?year=2003")
        .await
        .json()
        .await
        .expect("a rating");
    assert!(counted(&early) > 100, "{early}");
}

/// A country's briefing costs what it shows (issue 17): those restrained
/// on the day (the first 20 of each kind listed, all counted from the
/// day changes kept per country) and the events since the previous review
/// (counted by type from the kept sums, and for the two years at the
/// ends of the window from an index on their first days; the latest
/// listed). A
/// thousand persons more of the same country, whose 5,000 events all fall
/// years before the previous review (their open-ended bans left out: they
/// would be listed), add no steps: their events end before the window,
/// their restraints before the day, and their stretches sort after those
/// listed (the list walks the stretches by name, index-only, up to the
/// last one it lists: persons sorting among those listed would add the
/// steps of reading past their entries). Built
/// from the country's records, as it was, it read every one of them.
#[tokio::test]
async fn a_countrys_briefing_costs_what_it_shows_not_the_countrys_records() {
    let (app, meter) = TestApp::metered().await;
    let keeper = app.token("kate", vigil_core::AccountRole::ConfidentialReader).await;
    let change = Change::new("test", None);
    // The demo: Kazakhstan's reviews (the last in 2019), its persons and
    // events, and the rating rule.
    app.store
        .import(&vigil_demo::case_file().expect("the demo"), &change)
        .await
        .expect("the demo loads");
    app.store
        .import(&crowd("a-", 20, 5, 11), &change)
        .await
        .expect("a few load");
    app.search.catch_up(&app.store).await.expect("index caught up");
    let path = "/api/v1/countries/KZ/briefing";
    let before: serde_json::Value = app.get(path).await.json().await.expect("a briefing");
    let listed = |b: &serde_json::Value| {
        b["sections"].as_array().map_or(0, |s| {
            s.iter()
                .map(|s| s["statements"].as_array().map_or(0, Vec::len))
                .sum::<usize>()
        })
    };
    assert!(listed(&before) > 5, "the briefing lists something: {before}");
    let (public, keeper_cost) = (
        cost(&app, &meter, path, None).await,
        cost(&app, &meter, path, Some(&keeper)).await,
    );
    let mut earlier = crowd("b-", 1_000, 5, 13);
    let start = vigil_core::Date::from_calendar_date(2003, time::Month::January, 1).expect("a day");
    for (n, e) in earlier.events.iter_mut().enumerate() {
        e.date = PartialDate::day(start + time::Duration::days((n % 700) as i64));
    }
    // Without their open-ended bans: those banned on the day are what the
    // briefing shows (48 more of them listed cost 25,000 steps more).
    earlier.events.retain(|e| e.event_type != vigil_core::EventType::Ban);
    for e in &mut earlier.events {
        if let Some(terms) = &mut e.terms {
            terms.bans.clear();
        }
    }
    // Named to sort after those listed, and in the clear: a wholly
    // confidential person's name is sealed and sorts first, so those with
    // the right walk past every such stretch (20 persons here: 550 steps).
    for p in &mut earlier.persons {
        p.name = format!("Zz {}", p.name);
        p.confidential = false;
    }
    app.store.import(&earlier, &change).await.expect("the others load");
    app.search.catch_up(&app.store).await.expect("index caught up");
    let after: serde_json::Value = app.get(path).await.json().await.expect("a briefing");
    let (public_after, keeper_after) = (
        cost(&app, &meter, path, None).await,
        cost(&app, &meter, path, Some(&keeper)).await,
    );
    println!("{path}: {public} / {keeper_cost} steps with the demo and 20 persons, {public_after} / {keeper_after} with 1,000 more");
    assert_eq!(
        after, before,
        "the same briefing: the others' events and restraints are over before the window"
    );
    assert!(
        public_after <= public + public / 10,
        "{path} (public): {public} steps, then {public_after}"
    );
    assert!(
        keeper_after <= keeper_cost + keeper_cost / 10,
        "{path} (confidential reader): {keeper_cost} steps, then {keeper_after}"
    );
}
