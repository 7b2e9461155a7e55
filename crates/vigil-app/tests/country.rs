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
    let store = SqliteStore::open(&dir.path().join("vigil.db"), vigil_store::SealKey::generate())
        .await
        .expect("store");
    vigil_store::suite::with_other_countries(&store).await;
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
