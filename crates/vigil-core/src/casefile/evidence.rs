//! What the evidence showed on a day (`known_on`), as distinct from the
//! facts about a day (`as_of`).
//!
//! A briefing prepared for a review held on 7 November 2019 must not rest
//! on an article published in 2021: an advocate could not have known it.
//! Every fact in a case file carries the passages (excerpts) that state
//! it, and each passage its source, so "what was known on day K" is the
//! case file with only the passages of sources published by K: a fact
//! left with none was not known yet.
//!
//! A source counts as published by K only if every day its publication
//! date allows is on or before K ("2019-10-16/2019-11-07" is known on
//! 7 November, not on 1 November; "2019" only from 31 December). A source
//! whose publication date is unknown is never counted: nothing shows it
//! was available.
//!
//! The frame of the case file (persons, organisations, cases, sources,
//! mechanisms, reviews, rating rules) is kept whole: it says who and what
//! the facts are about, not what happened. Events, pledges,
//! recommendations and assessments are the facts.

use std::collections::{HashMap, HashSet};

use time::Date;

use super::CaseFile;
use crate::date::PartialDate;
use crate::id::RecordId;
use crate::model::Excerpt;

/// Whether `published` (a source's publication date, `None` if unknown)
/// is certainly on or before `day`.
pub fn published_by(published: Option<&PartialDate>, day: Date) -> bool {
    published.is_some_and(|p| p.latest() <= day)
}

/// The first day on which the evidence in `excerpts` was certainly
/// available: the earliest last-possible publication day among their
/// sources. `None` when no source's date is known.
pub fn first_known(excerpts: &[Excerpt], published: impl Fn(&RecordId) -> Option<PartialDate>) -> Option<Date> {
    excerpts
        .iter()
        .filter_map(|x| published(&x.source_id))
        .map(|d| d.latest())
        .min()
}

/// `event` as the evidence stood on `day`: with only the passages of
/// sources published by then (`published` gives a source's date, `None`
/// when unknown or not visible), or `None` when no passage was out yet.
pub fn event_known_on(
    event: &crate::model::Event,
    day: Date,
    published: impl Fn(&RecordId) -> Option<PartialDate>,
) -> Option<crate::model::Event> {
    let excerpts: Vec<Excerpt> = event
        .excerpts
        .iter()
        .filter(|x| published_by(published(&x.source_id).as_ref(), day))
        .cloned()
        .collect();
    if excerpts.is_empty() {
        return None;
    }
    let mut known = crate::model::Event {
        excerpts,
        ..event.clone()
    };
    known.settle_claims();
    known.promote_lone_claim();
    Some(known)
}

/// The case file as the evidence stood on `day`: every fact keeps only
/// the passages of sources published by then, and a fact left with none
/// is dropped (an assessment also keeps what it still has as evidence:
/// the events known by then).
pub fn known_on(cf: &CaseFile, day: Date) -> CaseFile {
    let published: HashMap<&RecordId, Option<&PartialDate>> =
        cf.sources.iter().map(|s| (&s.id, s.published.as_ref())).collect();
    let known = |excerpts: &[Excerpt]| -> Vec<Excerpt> {
        excerpts
            .iter()
            .filter(|x| published_by(published.get(&x.source_id).copied().flatten(), day))
            .cloned()
            .collect()
    };
    let events: Vec<_> = cf
        .events
        .iter()
        .filter_map(|e| event_known_on(e, day, |id| published.get(id).copied().flatten().copied()))
        .collect();
    let known_events: HashSet<&RecordId> = events.iter().map(|e| &e.id).collect();
    // A fact kept with its known passages, rebuilt by `with`.
    fn facts<T: Clone>(
        all: &[T],
        known: impl Fn(&[Excerpt]) -> Vec<Excerpt>,
        excerpts: impl Fn(&T) -> &[Excerpt],
        with: impl Fn(&T, Vec<Excerpt>) -> T,
    ) -> Vec<T> {
        all.iter()
            .filter_map(|f| {
                let kept = known(excerpts(f));
                (!kept.is_empty()).then(|| with(f, kept))
            })
            .collect()
    }
    let pledges = facts(
        &cf.pledges,
        known,
        |p| &p.excerpts,
        |p, excerpts| crate::accountability::Pledge { excerpts, ..p.clone() },
    );
    let recommendations = facts(
        &cf.recommendations,
        known,
        |r| &r.excerpts,
        |r, excerpts| crate::accountability::Recommendation { excerpts, ..r.clone() },
    );
    let assessments = cf
        .assessments
        .iter()
        .filter_map(|a| {
            let excerpts = known(&a.excerpts);
            let evidence: Vec<_> = a
                .evidence
                .iter()
                .filter(|ev| known_events.contains(&ev.event_id))
                .cloned()
                .collect();
            (!excerpts.is_empty() || !evidence.is_empty()).then(|| crate::accountability::Assessment {
                excerpts,
                evidence,
                ..a.clone()
            })
        })
        .collect();
    CaseFile {
        sources: cf.sources.clone(),
        organisations: cf.organisations.clone(),
        persons: cf.persons.clone(),
        events,
        cases: cf.cases.clone(),
        mechanisms: cf.mechanisms.clone(),
        reviews: cf.reviews.clone(),
        recommendations,
        pledges,
        assessments,
        rating_rules: cf.rating_rules.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Source};
    use time::macros::date;

    fn day(s: &str) -> PartialDate {
        s.parse().expect("a date")
    }

    #[test]
    fn a_source_counts_only_once_every_day_its_date_allows_is_past() {
        let d = day("2019-10-16/2019-11-07");
        assert!(!published_by(Some(&d), date!(2019 - 11 - 01)));
        assert!(published_by(Some(&d), date!(2019 - 11 - 07)));
        assert!(!published_by(Some(&day("2019")), date!(2019 - 12 - 30)));
        assert!(published_by(Some(&day("2019")), date!(2019 - 12 - 31)));
        assert!(!published_by(None, date!(2030 - 01 - 01)));
    }

    #[test]
    fn first_known_is_the_earliest_source_certainly_out() {
        let x = |s: &str| Excerpt {
            source_id: RecordId::parse(s).expect("an id"),
            start: 0,
            end: 1,
            text: "x".into(),
            claim: None,
        };
        let dates: HashMap<&str, PartialDate> = [("a", day("2021-03")), ("b", day("2020-01-05"))].into();
        let published = |id: &RecordId| dates.get(id.as_str()).cloned();
        assert_eq!(
            first_known(&[x("a"), x("b"), x("c")], published),
            Some(date!(2020 - 01 - 05))
        );
        assert_eq!(first_known(&[x("c")], published), None);
    }

    /// The demo's events cite two articles, of March and of October–
    /// November 2019: on 1 June 2019 only the first was out.
    #[test]
    fn a_fact_with_no_passage_published_yet_is_not_known() {
        let mut cf = CaseFile::default();
        let early = Source {
            published: Some(day("2019-03-19")),
            ..Source::new(
                RecordId::parse("early").expect("id"),
                "Early",
                "He was arrested. He was sentenced.",
            )
        };
        let late = Source {
            published: Some(day("2019-10-16/2019-11-07")),
            ..Source::new(RecordId::parse("late").expect("id"), "Late", "He was sentenced again.")
        };
        let undated = Source::new(RecordId::parse("undated").expect("id"), "Undated", "He was fined.");
        let quote = |s: &Source| Excerpt::quote(s, 0, 2).expect("a quote");
        let event = |id: &str, excerpts: Vec<Excerpt>| Event {
            excerpts,
            ..Event::new(
                RecordId::parse(id).expect("id"),
                crate::vocab::EventType::Arrest,
                day("2019-01-10"),
                id,
            )
        };
        cf.events = vec![
            event("both", vec![quote(&early), quote(&late)]),
            event("late-only", vec![quote(&late)]),
            event("undated-only", vec![quote(&undated)]),
        ];
        cf.sources = vec![early, late, undated];

        let june = known_on(&cf, date!(2019 - 06 - 01));
        let ids: Vec<&str> = june.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["both"]);
        assert_eq!(june.events[0].excerpts.len(), 1, "only the March article's passage");
        assert_eq!(june.events[0].excerpts[0].source_id.as_str(), "early");

        let december = known_on(&cf, date!(2019 - 12 - 01));
        let ids: Vec<&str> = december.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["both", "late-only"]);
        assert_eq!(december.events[0].excerpts.len(), 2);
        // The frame is kept whole.
        assert_eq!(december.sources.len(), 3);
    }
}
