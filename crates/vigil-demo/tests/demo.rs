//! The demo case file is the fixture every other test relies on: it must be
//! coherent and faithful to its sources.

use std::collections::HashMap;

use vigil_core::{name::fold, CaseFile, Record};

fn demo() -> CaseFile {
    vigil_demo::case_file().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_excerpt_is_verbatim_at_its_offsets() {
    let cf = demo();
    let texts: HashMap<_, _> = cf.sources.iter().map(|s| (s.id.clone(), s.text.as_str())).collect();
    let mut checked = 0;
    for r in cf.records() {
        for e in r.excerpts() {
            let text = texts[&e.source_id];
            assert_eq!(
                text.get(e.start..e.end),
                Some(e.text.as_str()),
                "{} cites {}..{} of {}",
                r.id(),
                e.start,
                e.end,
                e.source_id
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} excerpts");
}

#[test]
fn every_event_has_evidence_and_the_file_is_coherent() {
    let cf = demo();
    assert!(cf.validate().is_empty(), "{:?}", cf.validate());
    for e in &cf.events {
        assert!(!e.excerpts.is_empty(), "{} has no evidence", e.id);
    }
}

#[test]
fn sources_have_the_site_boilerplate_removed() {
    for s in demo().sources {
        for line in s.text.lines() {
            let l = line.trim();
            assert!(l != "top of page" && l != "bottom of page", "{}: {l}", s.id);
        }
        assert!(s.text.len() > 3000);
    }
}

/// Each name or alias, folded, belongs to exactly one record.
#[test]
fn every_alias_resolves_to_one_record() {
    let cf = demo();
    let mut owners: HashMap<String, Vec<String>> = HashMap::new();
    for r in cf.records() {
        let names: Vec<String> = match &r {
            Record::Person(p) => p.names().map(fold).collect(),
            Record::Organisation(o) => o.names().map(fold).collect(),
            _ => continue,
        };
        let mut names = names;
        names.sort();
        names.dedup();
        for n in names {
            owners.entry(n).or_default().push(r.id().to_string());
        }
    }
    for (name, ids) in &owners {
        assert_eq!(ids.len(), 1, "'{name}' names {ids:?}");
    }
    let expect = [
        ("Baltabay", "erlan-baltabay"),
        ("Erlan Baltabai", "erlan-baltabay"),
        ("Tokaev", "kassym-jomart-tokayev"),
        ("Tokayev", "kassym-jomart-tokayev"),
        ("Nazarbaev", "nursultan-nazarbayev"),
        ("Nazarbayev", "nursultan-nazarbayev"),
        ("Max Bokaev", "max-bokaev"),
        ("Maks Bokaev", "max-bokaev"),
        ("FEWU", "fewu"),
        ("Independent Oil and Energy Workers’ Union", "fewu"),
        ("Fuel and Energy Workers' Union", "fewu"),
        ("KNPRK", "knprk"),
        ("Confederation of Independent Trade Unions of Kazakhstan", "knprk"),
    ];
    for (name, id) in expect {
        assert_eq!(owners.get(&fold(name)).map(|v| v[0].as_str()), Some(id), "{name}");
    }
}

#[test]
fn the_articles_people_and_acts_are_all_there() {
    let cf = demo();
    for p in [
        "Nurbek Kushakbaev",
        "Amin Eleusinov",
        "Larisa Kharkova",
        "Mihra Rittman",
        "Valter Sanches",
    ] {
        assert!(cf.persons.iter().any(|x| x.name == p), "{p}");
    }
    use vigil_core::EventType::*;
    for t in [
        Sentence,
        Pardon,
        Release,
        Ban,
        Law,
        Review,
        Pledge,
        Campaign,
        Award,
        Resignation,
        Rally,
        Arrest,
        Dissolution,
    ] {
        assert!(cf.events.iter().any(|e| e.event_type == t), "no {t} event");
    }
    assert!(cf.events.iter().any(|e| e.date.to_string() == "2019-10-16"
        && e.terms.as_ref().and_then(|t| t.imprisonment).map(|d| d.to_string()) == Some("P5M8D".into())));
}

/// The seeds' accountability story: the ILO reviews and sanction, the UPR
/// of 7 November 2019, the pledge of September 2019 and the judgement that
/// it has failed, each quoting the seed.
#[test]
fn the_reviews_pledge_and_assessments_are_there() {
    let cf = demo();
    let review = |id: &str| cf.reviews.iter().find(|r| r.id.as_str() == id).expect(id);
    assert_eq!(review("review-upr-2019-kazakhstan").date.to_string(), "2019-11-07");
    assert_eq!(review("review-ilc-2019-kazakhstan").date.to_string(), "2019-06");
    assert_eq!(review("review-ilc-2017-kazakhstan").date.to_string(), "2017");
    let sanction = cf
        .recommendations
        .iter()
        .find(|r| r.id.as_str() == "ilc-2019-amend-trade-union-law")
        .unwrap();
    assert!(sanction.excerpts[0].text.contains("ILO sanctioned Kazakhstan"));
    let pledge = &cf.pledges[0];
    assert_eq!(pledge.date.to_string(), "2019-09");
    assert!(pledge.excerpts[0].text.contains("deep reforms"));
    let failed = cf
        .assessments
        .iter()
        .find(|a| a.subject_id == pledge.id)
        .expect("an assessment of the pledge");
    assert!(failed.excerpts.iter().any(|x| x
        .text
        .contains("has failed to bring Kazakhstan closer to UN human rights norms")));
    assert_eq!(cf.rating_rules.len(), 1);
    let rating = vigil_core::accountability::rate(&cf.rating_rules[0], &cf, "KZ", 2019);
    // 16 points: "organisations … are denied official registration" is a
    // pattern (issue 19), counted in no year; with it, 20 points made 4.
    assert_eq!(rating.score, 16, "{rating:#?}");
    assert_eq!(rating.rating, Some(vigil_core::Rating::Three), "{rating:#?}");
    assert!(cf
        .events
        .iter()
        .any(|e| e.pattern && e.id.as_str() == "critical-organisations-registration-denials"));
}
