//! A country's views are computed from the part of the case file that
//! `country::load` gathers through the store's indexes. They must be the
//! views of the whole case file, for the public and for those with the
//! right: the same events, reviews and people, the same monthly counts,
//! ratings and briefings.

use time::macros::date;
use vigil_app::country;
use vigil_app::AppError;
use vigil_core::{CaseFile, RestraintKind};
use vigil_store::{Store, Visibility};
use vigil_store_sqlite::SqliteStore;

fn ids<'a, T: 'a>(items: impl IntoIterator<Item = &'a T>, id: impl Fn(&T) -> String) -> Vec<String> {
    items.into_iter().map(id).collect()
}

/// A store in `dir` holding the suite's case file with records of other
/// countries.
async fn with_other_countries(dir: &tempfile::TempDir) -> SqliteStore {
    let store = SqliteStore::open(&dir.path().join("vigil.db"), vigil_store::SealKey::generate())
        .await
        .expect("store");
    vigil_store::suite::with_other_countries(&store).await;
    store
}

/// Every view of `code`, from `cf`, in a form that compares.
fn views(cf: &CaseFile, code: &str) -> Vec<String> {
    let mut out = vec![
        format!("{:?}", ids(country::events_of(cf, code), |e| e.id.to_string())),
        format!("{:?}", ids(country::reviews_of(cf, code), |r| r.id.to_string())),
        format!("{:?}", ids(country::pledges_of(cf, code), |p| p.id.to_string())),
        format!("{:?}", country::recommendations_of(cf, code)),
        format!("{:?}", country::persons_of(cf, code)),
        format!("{:?}", country::years(cf, code)),
    ];
    let (first, last) = country::years(cf, code).unwrap_or((2000, 2000));
    out.push(format!("{:?}", country::monthly(cf, code, first, last + 1)));
    let rule = country::rule(cf, None).expect("the demo's rating rule");
    for year in first..=last {
        out.push(format!("{:?}", vigil_core::accountability::rate(rule, cf, code, year)));
    }
    for day in [date!(2012 - 01 - 01), date!(2019 - 06 - 01), date!(2024 - 03 - 01)] {
        for kind in [RestraintKind::Imprisonment, RestraintKind::ActivityBan] {
            out.push(format!("{:?}", country::restrained_on(cf, code, day, kind)));
        }
        // From all the evidence, and from the evidence of the day.
        for known_on in [None, Some(day)] {
            let briefing = country::briefing(cf, code, day, known_on, None, vigil_app::i18n::Lang::En)
                .map(|b| serde_json::to_string(&b).expect("json"));
            out.push(format!("{briefing:?}"));
        }
    }
    for review in country::reviews_of(cf, code) {
        let briefing = country::briefing(
            cf,
            code,
            review.date.latest(),
            Some(review.date.latest()),
            Some(&review.id),
            vigil_app::i18n::Lang::En,
        )
        .map(|b| serde_json::to_string(&b).expect("json"));
        out.push(format!("{briefing:?}"));
    }
    out
}

#[tokio::test]
async fn a_countrys_views_from_its_part_of_the_case_file_are_those_of_the_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = with_other_countries(&dir).await;
    for visibility in [Visibility::Public, Visibility::Confidential] {
        let whole = store.case_file(visibility).await.expect("case file");
        for code in ["KZ", "RU", "BY", "FR"] {
            match country::load(&store, visibility, code).await {
                Ok(part) => {
                    assert!(part.len() < whole.len(), "{code}: a part, not the whole");
                    let (got, want) = (views(&part, code), views(&whole, code));
                    for (g, w) in got.iter().zip(&want) {
                        assert_eq!(g, w, "{code}, {visibility:?}");
                    }
                    assert_eq!(got.len(), want.len());
                }
                Err(AppError::Absent(_)) => {
                    assert!(
                        country::events_of(&whole, code).is_empty()
                            && country::reviews_of(&whole, code).is_empty()
                            && !whole.persons.iter().any(|p| p.country.as_deref() == Some(code)),
                        "{code}: the whole case file holds something about it"
                    );
                }
                Err(e) => panic!("{code}: {e}"),
            }
        }
        // What the country index lists is what the whole case file holds.
        let listed = country::list(&store, visibility).await.expect("countries");
        let whole_list: std::collections::BTreeMap<String, u64> = country::countries(&whole)
            .into_iter()
            .map(|(c, n)| (c, n as u64))
            .collect();
        assert_eq!(listed, whole_list, "{visibility:?}");
    }
}

/// The country page's overview, read from the state the store keeps
/// (issue 17), shows what the engine computes from the whole case file:
/// the same years, ratings, "why" of the last year, monthly counts, events
/// by type, and events since each pledge, for the public and for those
/// with the right.
#[tokio::test]
async fn a_countrys_overview_from_the_kept_state_is_that_of_the_whole_case_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = with_other_countries(&dir).await;
    let mut compared = 0;
    for visibility in [Visibility::Public, Visibility::Confidential] {
        let whole = store.case_file(visibility).await.expect("case file");
        for code in ["KZ", "RU", "BY", "FR"] {
            let view = match country::overview(&store, visibility, code, None, None).await {
                Ok(view) => view,
                Err(AppError::Absent(_)) => {
                    assert!(
                        country::events_of(&whole, code).is_empty(),
                        "{code}: absent, yet has events"
                    );
                    continue;
                }
                Err(e) => panic!("{code}: {e}"),
            };
            let what = format!("{code}, {visibility:?}");
            let (first, last) = country::years(&whole, code).unwrap_or((2000, 2000));
            assert_eq!(view.years, (first, last), "{what}");
            let rule = country::rule(&whole, None).expect("the demo's rating rule");
            assert_eq!(view.rule.as_ref(), Some(rule), "{what}");
            let rated: Vec<vigil_core::YearScore> =
                vigil_core::accountability::rate_years(rule, &whole, code, first..=last)
                    .iter()
                    .map(vigil_core::YearScore::of)
                    .collect();
            assert_eq!(view.scores, rated, "{what}: each year's rating");
            assert_eq!(
                view.latest,
                Some(vigil_core::accountability::rate(rule, &whole, code, last)),
                "{what}: the last year's why"
            );
            assert_eq!(
                view.monthly,
                country::monthly(&whole, code, first.max(last - 29), last + 1),
                "{what}: the monthly counts"
            );
            let events = country::events_of(&whole, code);
            let (by_type, spanning) = country::events_by_type_and_year(&events);
            let by_type: std::collections::BTreeMap<_, std::collections::BTreeMap<i32, u64>> = by_type
                .into_iter()
                .map(|(t, years)| (t, years.into_iter().map(|(y, n)| (y, n as u64)).collect()))
                .collect();
            assert_eq!(
                (&view.by_type, view.spanning),
                (&by_type, spanning as u64),
                "{what}: events by type"
            );
            for p in country::pledges_of(&whole, code) {
                let after: Vec<String> = events
                    .iter()
                    .filter(|e| e.date.earliest() > p.date.latest() && !e.pattern)
                    .map(|e| e.id.to_string())
                    .collect();
                let since = view.since.get(&p.id).expect("each pledge's events since");
                assert_eq!(since.total, after.len() as u64, "{what}: events since {}", p.id);
                let latest: Vec<String> = since.latest.iter().map(|e| e.id.to_string()).collect();
                assert_eq!(
                    latest,
                    after[after.len().saturating_sub(country::SINCE_SHOWN)..],
                    "{what}"
                );
            }
            // The patterns, apart, latest first, with the sources they quote.
            let mut patterns: Vec<&vigil_core::Event> = events.iter().copied().filter(|e| e.pattern).collect();
            patterns.sort_by(|a, b| (b.date.earliest(), &b.id).cmp(&(a.date.earliest(), &a.id)));
            assert_eq!(view.patterns.iter().collect::<Vec<_>>(), patterns, "{what}: patterns");
            for x in view.patterns.iter().flat_map(|e| &e.excerpts) {
                assert!(
                    view.case_file.sources.iter().any(|s| s.id == x.source_id),
                    "{what}: {x:?}"
                );
            }
            assert_eq!(
                ids(country::reviews_of(&view.case_file, code), |r| r.id.to_string()),
                ids(country::reviews_of(&whole, code), |r| r.id.to_string()),
                "{what}: reviews"
            );
            assert_eq!(
                format!("{:?}", country::recommendations_of(&view.case_file, code)),
                format!("{:?}", country::recommendations_of(&whole, code)),
                "{what}: recommendations"
            );
            compared += 1;
        }
    }
    assert!(compared >= 4, "compared {compared} countries");
}

/// What a country page shows, in a form that compares.
fn shown(view: &country::Overview) -> Vec<String> {
    let mut since: Vec<(String, u64, Vec<String>)> = view
        .since
        .iter()
        .map(|(p, s)| (p.to_string(), s.total, ids(&s.latest, |e| e.id.to_string())))
        .collect();
    since.sort();
    vec![
        format!("years {:?}", view.years),
        format!("rule {:?}", view.rule.as_ref().map(|r| &r.id)),
        format!("scores {:?}", view.scores),
        format!("latest {:?}", view.latest),
        format!("latest events {:?}", ids(&view.latest_events, |e| e.id.to_string())),
        format!("monthly {:?}", view.monthly),
        format!("by type {:?} {}", view.by_type, view.spanning),
        format!("since {since:?}"),
        format!("patterns {:?}", ids(&view.patterns, |e| e.id.to_string())),
        format!(
            "reviews {:?}",
            ids(country::reviews_of(&view.case_file, &view.country), |r| r
                .id
                .to_string())
        ),
        format!(
            "recommendations {:?}",
            country::recommendations_of(&view.case_file, &view.country)
        ),
    ]
}

/// Issue 19: a country page as the evidence stood on a past day
/// (`known_on`), from the country's part of the case file, is the page
/// computed from the whole case file with only the passages of sources
/// published by then; and the page of all the evidence, computed so, is
/// the page served from the kept state. For the public and for those
/// with the right, on days before, between and after the demo's sources.
#[tokio::test]
async fn a_countrys_overview_as_the_evidence_stood_on_a_day_is_that_of_the_whole_case_file_then() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = with_other_countries(&dir).await;
    let mut compared = 0;
    for visibility in [Visibility::Public, Visibility::Confidential] {
        let whole = store.case_file(visibility).await.expect("case file");
        for code in ["KZ", "RU", "BY"] {
            let Ok(kept) = country::overview(&store, visibility, code, None, None).await else {
                continue;
            };
            let what = format!("{code}, {visibility:?}");
            let computed = country::overview_from(whole.clone(), code, None).expect("computed");
            assert_eq!(shown(&kept), shown(&computed), "{what}: all the evidence");
            for day in [date!(2019 - 06 - 01), date!(2019 - 11 - 01), date!(2019 - 11 - 07)] {
                let then = vigil_core::casefile::evidence::known_on(&whole, day);
                let expected = country::overview_from(then, code, None).expect("computed");
                let served = country::overview(&store, visibility, code, None, Some(day))
                    .await
                    .expect("served");
                assert_eq!(shown(&served), shown(&expected), "{what} on {day}");
                compared += 1;
            }
        }
    }
    assert!(compared >= 6, "compared {compared}");
    // And the evidence of a day is not all the evidence: in June 2019 the
    // union leaders' bans (reported in October) were not known.
    let june = country::overview(&store, Visibility::Public, "KZ", None, Some(date!(2019 - 06 - 01)))
        .await
        .expect("served");
    let all = country::overview(&store, Visibility::Public, "KZ", None, None)
        .await
        .expect("served");
    let banned_on = |v: &country::Overview, day| v.monthly.iter().find(|m| m.month == day).map(|m| m.banned);
    assert_eq!(banned_on(&june, date!(2019 - 06 - 01)), Some(0));
    assert!(banned_on(&all, date!(2019 - 06 - 01)).is_some_and(|n| n >= 3));
    assert_ne!(shown(&june), shown(&all));
}

/// The briefing a request is served, from the state the store keeps
/// (issue 17: `country::briefing_of`, which never reads the country's
/// records), says what the briefing computed from the whole case file
/// says, for the public and for those with the right, on days with and
/// without a review: the demo's lists fit a briefing whole. With
/// `known_on` it rests on the evidence of a day, computed as before.
#[tokio::test]
async fn the_briefing_from_the_kept_state_is_that_of_the_whole_case_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = with_other_countries(&dir).await;
    let en = vigil_app::i18n::Lang::En;
    let mut compared = 0;
    for visibility in [Visibility::Public, Visibility::Confidential] {
        let whole = store.case_file(visibility).await.expect("case file");
        for code in ["KZ", "RU", "BY", "FR"] {
            let mut asked: Vec<(time::Date, Option<time::Date>, Option<vigil_core::RecordId>)> = Vec::new();
            for day in [
                date!(2012 - 01 - 01),
                date!(2019 - 06 - 01),
                date!(2019 - 11 - 07),
                date!(2024 - 03 - 01),
                date!(2026 - 12 - 04),
            ] {
                asked.push((day, None, None));
            }
            asked.push((date!(2019 - 11 - 07), Some(date!(2019 - 11 - 07)), None));
            for review in country::reviews_of(&whole, code) {
                asked.push((review.date.latest(), None, Some(review.id.clone())));
            }
            for (day, known_on, review) in asked {
                let what = format!("{code} on {day} ({known_on:?}, {review:?}), {visibility:?}");
                let want = country::briefing(&whole, code, day, known_on, review.as_ref(), en)
                    .map(|b| serde_json::to_string(&b).expect("json"));
                let got = country::briefing_of(&store, visibility, code, day, known_on, review.as_ref(), en)
                    .await
                    .map(|b| serde_json::to_string(&b).expect("json"));
                match (&got, &want) {
                    (Ok(g), Ok(w)) => {
                        assert_eq!(g, w, "{what}");
                        compared += 1;
                    }
                    // A country the case file holds nothing about.
                    (Err(AppError::Absent(_)), _) => assert!(
                        country::events_of(&whole, code).is_empty() && country::reviews_of(&whole, code).is_empty(),
                        "{what}: absent, yet the case file holds something: {want:?}"
                    ),
                    _ => panic!("{what}: {got:?} / {want:?}"),
                }
            }
        }
    }
    assert!(compared >= 20, "compared {compared} briefings");
}
