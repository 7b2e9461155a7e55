//! The seeds' facts built by hand, the rules one by one, and properties
//! checked against exact recomputations reading by reading.

use std::collections::BTreeSet;

use proptest::prelude::*;
use time::macros::date;
use time::Date;

use super::*;
use crate::model::{Ban, Event, Fine, Participant, Terms};
use crate::vocab::{EventType as T, Role};

fn rid(s: &str) -> RecordId {
    RecordId::parse(s).unwrap()
}

fn ev(id: &str, t: T, date: &str, person: &str) -> Event {
    Event {
        participants: vec![Participant {
            record_id: rid(person),
            role: Role::Victim,
        }],
        ..Event::new(rid(id), t, date.parse().unwrap(), id)
    }
}

/// Builders for the terms and links of a hand-made event.
trait Build {
    fn terms_mut(&mut self) -> &mut Terms;
    fn prison(mut self, d: &str) -> Self
    where
        Self: Sized,
    {
        self.terms_mut().imprisonment = Some(d.parse().unwrap());
        self
    }
    fn restricted(mut self, d: &str) -> Self
    where
        Self: Sized,
    {
        self.terms_mut().restricted_freedom = Some(d.parse().unwrap());
        self
    }
    fn fine(mut self) -> Self
    where
        Self: Sized,
    {
        self.terms_mut().fine = Some(Fine::Undisclosed);
        self
    }
    fn ban(mut self, scope: &str, d: Option<&str>) -> Self
    where
        Self: Sized,
    {
        self.terms_mut().bans.push(Ban {
            scope: scope.to_owned(),
            duration: d.map(|d| d.parse().unwrap()),
        });
        self
    }
    fn relates(self, ids: &[&str]) -> Self;
}

impl Build for Event {
    fn terms_mut(&mut self) -> &mut Terms {
        self.terms.get_or_insert_with(Terms::default)
    }
    fn relates(mut self, ids: &[&str]) -> Self {
        self.relates_to = ids.iter().map(|i| rid(i)).collect();
        self
    }
}

fn pd(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn ids(v: &[&str]) -> Vec<RecordId> {
    v.iter().map(|i| rid(i)).collect()
}

fn status(events: &[Event], person: &str, as_of: Date) -> PersonStatus {
    person_status(&rid(person), events, as_of)
}

fn only(s: &PersonStatus, kind: RestraintKind) -> &Restraint {
    let v: Vec<_> = s.restraints_of(kind).collect();
    assert_eq!(v.len(), 1, "one {kind} in {s:#?}");
    v[0]
}

fn effects(s: &PersonStatus) -> Vec<&str> {
    s.steps.iter().map(|s| s.effect.as_str()).collect()
}

// ---- The seeds ----

/// Erlan Baltabay: sentenced to seven years and banned from public activity
/// (dated only to between September 2018 and August 2019), pardoned in
/// August 2019 with the rest of the term replaced by a fine, released, and
/// sentenced on 16 October 2019 to five months and eight days for not paying
/// it.
fn baltabay() -> Vec<Event> {
    let p = "erlan-baltabay";
    vec![
        ev("bal-search", T::Search, "2018-09", p),
        ev("bal-sentence", T::Sentence, "2018-09/2019-08", p)
            .prison("P7Y")
            .ban("public activity", None),
        ev("bal-pardon", T::Pardon, "2019-08", p)
            .fine()
            .relates(&["bal-sentence"]),
        ev("bal-release", T::Release, "2019-08", p),
        ev("bal-sentence-2", T::Sentence, "2019-10-16", p)
            .prison("P5M8D")
            .relates(&["bal-pardon"]),
    ]
}

#[test]
fn baltabay_on_the_day_of_the_upr_review() {
    let s = status(&baltabay(), "erlan-baltabay", date!(2019 - 11 - 07));
    assert!(!s.at_liberty);
    let prison = only(&s, RestraintKind::Imprisonment);
    assert_eq!(prison.certainty, Certainty::Certain);
    assert_eq!(prison.start, pd("2019-10-16"));
    assert_eq!(prison.expected_end, Some(pd("2020-03-24")));
    assert!(prison.end_known);
    assert_eq!(prison.term, Some("P5M8D".parse().unwrap()));
    assert_eq!(prison.because, ids(&["bal-sentence-2"]));
    let ban = only(&s, RestraintKind::ActivityBan);
    assert_eq!(ban.scope.as_deref(), Some("public activity"));
    assert_eq!(ban.certainty, Certainty::Certain);
    assert_eq!(ban.expected_end, None);
    assert!(!ban.end_known);
    assert_eq!(ban.start, pd("2018-09/2019-08"));
    assert_eq!(ban.because, ids(&["bal-sentence"]));
    assert_eq!(s.restraints_of(RestraintKind::Fine).count(), 0, "converted");
    assert_eq!(s.restraints.len(), 2);
    assert_eq!(
        effects(&s),
        [
            "sentence: imprisonment P7Y starts; activity ban (public activity) starts, no end stated",
            "pardon: ends imprisonment; rest replaced by a fine",
            "release: ends imprisonment",
            "sentence: ends the fine imposed by bal-pardon (converted: sentenced for not paying it); imprisonment P5M8D starts",
        ]
    );
}

#[test]
fn baltabay_after_the_pardon() {
    let s = status(&baltabay(), "erlan-baltabay", date!(2019 - 09 - 01));
    assert_eq!(s.restraints_of(RestraintKind::Imprisonment).count(), 0);
    let fine = only(&s, RestraintKind::Fine);
    assert_eq!(fine.certainty, Certainty::Certain);
    assert_eq!(fine.start, pd("2019-08"));
    assert_eq!(fine.fine, Some(Fine::Undisclosed));
    assert!(!fine.end_known);
    assert_eq!(fine.because, ids(&["bal-pardon"]));
    let ban = only(&s, RestraintKind::ActivityBan);
    assert_eq!(ban.certainty, Certainty::Certain);
    assert!(!s.at_liberty);
}

#[test]
fn baltabay_during_august_2019_is_possibly_released() {
    let s = status(&baltabay(), "erlan-baltabay", date!(2019 - 08 - 15));
    let prison = only(&s, RestraintKind::Imprisonment);
    assert_eq!(prison.certainty, Certainty::Possible);
    assert_eq!(prison.expected_end, Some(pd("2019-08")));
    assert_eq!(prison.because, ids(&["bal-sentence", "bal-pardon", "bal-release"]));
    assert_eq!(only(&s, RestraintKind::Fine).certainty, Certainty::Possible);
    // The sentence itself may be dated as late as August 2019.
    assert_eq!(only(&s, RestraintKind::ActivityBan).certainty, Certainty::Possible);
    assert!(s
        .steps
        .iter()
        .any(|st| st.effect.contains("its date may fall after 2019-08-15")));
}

#[test]
fn baltabay_before_any_sentence_is_at_liberty() {
    let s = status(&baltabay(), "erlan-baltabay", date!(2018 - 08 - 01));
    assert!(s.at_liberty);
    assert!(s.restraints.is_empty());
    assert!(s.steps.is_empty(), "searches restrain no one");
}

/// Max Bokaev: five years, sentenced in 2016.
fn bokaev() -> Vec<Event> {
    vec![ev("bok-sentence", T::Sentence, "2016", "max-bokaev").prison("P5Y")]
}

#[test]
fn bokaev_certain_then_possible_then_free() {
    let e = bokaev();
    let s = status(&e, "max-bokaev", date!(2019 - 11 - 07));
    let r = only(&s, RestraintKind::Imprisonment);
    assert_eq!(r.certainty, Certainty::Certain);
    assert_eq!(r.start, pd("2016"));
    assert_eq!(r.expected_end, Some(pd("2021")));
    let s = status(&e, "max-bokaev", date!(2021 - 06 - 01));
    assert_eq!(only(&s, RestraintKind::Imprisonment).certainty, Certainty::Possible);
    assert!(!s.at_liberty);
    let s = status(&e, "max-bokaev", date!(2022 - 06 - 01));
    assert!(s.at_liberty);
    assert!(s.restraints.is_empty());
    // On 2016-06-01 the sentence may not have been handed down yet.
    let s = status(&e, "max-bokaev", date!(2016 - 06 - 01));
    assert_eq!(only(&s, RestraintKind::Imprisonment).certainty, Certainty::Possible);
}

#[test]
fn kushakbaev_remains_banned_with_no_end_known() {
    let e = vec![ev("kus-ban", T::Ban, "2014/2019-10-16", "nurbek-kushakbaev").ban("trade union leadership", None)];
    let s = status(&e, "nurbek-kushakbaev", date!(2019 - 11 - 07));
    let b = only(&s, RestraintKind::ActivityBan);
    assert_eq!(b.scope.as_deref(), Some("trade union leadership"));
    assert_eq!(b.certainty, Certainty::Certain);
    assert!(!b.end_known);
    assert_eq!(b.expected_end, None);
    assert_eq!(b.start, pd("2014/2019-10-16"));
    let s = status(&e, "nurbek-kushakbaev", date!(2017 - 01 - 01));
    assert_eq!(only(&s, RestraintKind::ActivityBan).certainty, Certainty::Possible);
    assert!(status(&e, "nurbek-kushakbaev", date!(2013 - 12 - 31)).at_liberty);
}

/// Finding 2 of the audit: a ban with no stated end, whose only evidence is
/// an article of 2019, was "certain" in 2026. It is certain up to the last
/// confirmation, possible after it, and says so.
#[test]
fn an_open_ended_ban_is_certain_only_up_to_its_last_confirmation() {
    let e = [ev("kus-ban", T::Ban, "2014/2019-10-16", "nurbek-kushakbaev").ban("trade union leadership", None)];
    let p = rid("nurbek-kushakbaev");
    let confirmed = date!(2019 - 11 - 07);
    let links = || e.iter().map(|e| Confirmed { link: e, on: confirmed });
    let on_the_day = person_status(&p, links(), confirmed);
    let b = only(&on_the_day, RestraintKind::ActivityBan);
    assert_eq!(b.certainty, Certainty::Certain);
    assert_eq!(b.last_confirmed, Some(confirmed));
    let today = person_status(&p, links(), date!(2026 - 12 - 03));
    let b = only(&today, RestraintKind::ActivityBan);
    assert_eq!(b.certainty, Certainty::Possible, "no source says it is still in force");
    assert_eq!(b.last_confirmed, Some(confirmed));
    assert!(!today.at_liberty, "still listed: it may well be in force");
    // The stretches turn possible the day after.
    let stretches = super::stretches(&p, links().collect::<Vec<_>>());
    let after = status_from_stretches(&p, &stretches, date!(2019 - 11 - 08));
    assert_eq!(after.restraints[0].certainty, Certainty::Possible);
    // A term with a stated end is unaffected: the record says when it ends.
    let t = [ev("s", T::Sentence, "2019-01-10", "x").prison("P5Y")];
    let x = rid("x");
    let s = person_status(
        &x,
        t.iter().map(|e| Confirmed {
            link: e,
            on: date!(2019 - 01 - 10),
        }),
        date!(2022 - 01 - 01),
    );
    let r = only(&s, RestraintKind::Imprisonment);
    assert_eq!((r.certainty, r.last_confirmed), (Certainty::Certain, None));
}

#[test]
fn the_last_confirmation_is_the_latest_publication_of_a_cited_source() {
    use crate::model::Excerpt;
    let mut e = ev("kus-ban", T::Ban, "2019-10-16", "nurbek-kushakbaev");
    let cite = |id: &str| Excerpt {
        source_id: rid(id),
        start: 0,
        end: 1,
        text: "x".into(),
        claim: None,
    };
    e.excerpts = vec![cite("old"), cite("new"), cite("undated")];
    let published = |id: &RecordId| match id.as_str() {
        "old" => Some(pd("2019-10-20")),
        "new" => Some(pd("2021-03")),
        _ => None,
    };
    assert_eq!(last_confirmation(&e, published), date!(2021 - 03 - 01));
    // No dated source: the event's own last day.
    assert_eq!(last_confirmation(&e, |_| None), date!(2019 - 10 - 16));
}

// ---- Custody ----

#[test]
fn arrest_then_release() {
    let e = vec![
        ev("arr", T::Arrest, "2019-02-22", "p"),
        ev("rel", T::Release, "2019-03-05", "p"),
    ];
    // As the record stood on each day: no end known before the release.
    let s = status(&e, "p", date!(2019 - 02 - 22));
    let c = only(&s, RestraintKind::Custody);
    assert_eq!(c.certainty, Certainty::Certain);
    assert_eq!(c.expected_end, None);
    assert!(!c.end_known);
    assert_eq!(c.because, ids(&["arr"]));
    let s = status(&e, "p", date!(2019 - 03 - 04));
    only(&s, RestraintKind::Custody);
    // At liberty on the day of release.
    assert!(status(&e, "p", date!(2019 - 03 - 05)).at_liberty);
    assert!(status(&e, "p", date!(2019 - 02 - 21)).at_liberty);
}

#[test]
fn arrest_with_imprecise_date_then_release_that_day() {
    // "Arrested in February", "released on 22 February": the release ends it.
    let e = vec![
        ev("arr", T::Arrest, "2019-02", "p"),
        ev("rel", T::Release, "2019-02-22", "p"),
    ];
    let s = status(&e, "p", date!(2019 - 02 - 10));
    assert_eq!(only(&s, RestraintKind::Custody).certainty, Certainty::Possible);
    assert!(status(&e, "p", date!(2019 - 02 - 22)).at_liberty);
    assert!(status(&e, "p", date!(2020 - 01 - 01)).at_liberty);
}

#[test]
fn administrative_arrest_of_stated_length() {
    let e = vec![ev("arr", T::Arrest, "2019-09-21", "p").prison("P15D")];
    let s = status(&e, "p", date!(2019 - 09 - 30));
    let c = only(&s, RestraintKind::Custody);
    assert_eq!(c.expected_end, Some(pd("2019-10-06")));
    assert_eq!(c.term, Some("P15D".parse().unwrap()));
    assert_eq!(s.restraints_of(RestraintKind::Imprisonment).count(), 0);
    assert!(status(&e, "p", date!(2019 - 10 - 06)).at_liberty);
}

#[test]
fn arrest_then_sentence() {
    let e = vec![
        ev("arr", T::Arrest, "2018-09-05", "p"),
        ev("sen", T::Sentence, "2019-01-10", "p").prison("P2Y"),
    ];
    let s = status(&e, "p", date!(2018 - 12 - 01));
    assert_eq!(only(&s, RestraintKind::Custody).expected_end, None);
    let s = status(&e, "p", date!(2019 - 06 - 01));
    assert_eq!(s.restraints_of(RestraintKind::Custody).count(), 0);
    let r = only(&s, RestraintKind::Imprisonment);
    assert_eq!(r.expected_end, Some(pd("2021-01-10")));
    assert_eq!(
        effects(&s),
        [
            "arrest: custody starts",
            "sentence: ends custody; imprisonment P2Y starts"
        ]
    );
}

#[test]
fn a_sentence_does_not_end_a_later_arrest() {
    let e = vec![
        ev("sen", T::Sentence, "2017-01-10", "p").restricted("P1Y"),
        ev("arr", T::Arrest, "2019-09-21", "p"),
    ];
    let s = status(&e, "p", date!(2019 - 10 - 01));
    assert_eq!(only(&s, RestraintKind::Custody).certainty, Certainty::Certain);
}

// ---- Appeals ----

#[test]
fn appeal_reducing_a_sentence() {
    let e = vec![
        ev("sen", T::Sentence, "2019-01-10", "p").prison("P7Y"),
        ev("app", T::Appeal, "2019-03-20", "p").prison("P5Y").relates(&["sen"]),
    ];
    let s = status(&e, "p", date!(2019 - 02 - 01));
    assert_eq!(
        only(&s, RestraintKind::Imprisonment).expected_end,
        Some(pd("2026-01-10"))
    );
    let s = status(&e, "p", date!(2019 - 06 - 01));
    let r = only(&s, RestraintKind::Imprisonment);
    assert_eq!(r.start, pd("2019-01-10"), "counted from the sentence");
    assert_eq!(r.expected_end, Some(pd("2024-01-10")));
    assert_eq!(r.term, Some("P5Y".parse().unwrap()));
    assert_eq!(r.because, ids(&["sen", "app"]));
    assert_eq!(r.certainty, Certainty::Certain);
    assert_eq!(effects(&s)[1], "appeal: imprisonment now P5Y, counted from 2019-01-10");
    assert!(status(&e, "p", date!(2024 - 01 - 10)).at_liberty);
}

#[test]
fn appeal_replacing_prison_by_restricted_freedom() {
    let e = vec![
        ev("sen", T::Sentence, "2019-01-10", "p").prison("P4Y"),
        ev("app", T::Appeal, "2019-04-01", "p")
            .restricted("P4Y")
            .relates(&["sen"]),
    ];
    let s = status(&e, "p", date!(2019 - 03 - 01));
    assert_eq!(s.restraints.len(), 1);
    only(&s, RestraintKind::Imprisonment);
    let s = status(&e, "p", date!(2019 - 05 - 01));
    assert_eq!(s.restraints.len(), 1);
    let r = only(&s, RestraintKind::RestrictedFreedom);
    assert_eq!(r.start, pd("2019-04-01"));
    assert_eq!(r.expected_end, Some(pd("2023-01-10")));
    assert_eq!(
        effects(&s)[1],
        "appeal: ends imprisonment; adds restricted freedom P4Y starts"
    );
}

#[test]
fn appeal_without_terms_or_without_a_sentence_changes_nothing() {
    let e = vec![
        ev("sen", T::Sentence, "2019-01-10", "p").prison("P2Y"),
        ev("app", T::Appeal, "2019-03-20", "p").relates(&["sen"]),
        ev("app2", T::Appeal, "2019-04-20", "p").prison("P1Y"),
    ];
    let s = status(&e, "p", date!(2020 - 06 - 01));
    assert_eq!(
        only(&s, RestraintKind::Imprisonment).expected_end,
        Some(pd("2021-01-10"))
    );
    assert_eq!(
        effects(&s)[1..],
        [
            "appeal: upholds the sentence; no change",
            "appeal: names no sentence in relates_to; no change"
        ]
    );
}

// ---- Bans, pardons, fines, acquittals ----

#[test]
fn a_ban_with_a_duration_counts_from_the_end_of_imprisonment() {
    let e = vec![ev("sen", T::Sentence, "2015-05-01", "p")
        .prison("P2Y")
        .ban("trade union leadership", Some("P5Y"))];
    let s = status(&e, "p", date!(2016 - 01 - 01));
    let b = only(&s, RestraintKind::ActivityBan);
    assert_eq!(b.start, pd("2015-05-01"), "in force throughout the prison term");
    assert_eq!(b.expected_end, Some(pd("2022-05-01")));
    // A pardon shortens the prison term, so the ban ends sooner.
    let mut e2 = e.clone();
    e2.push(ev("par", T::Pardon, "2016-05-01", "p").relates(&["sen"]));
    let s = status(&e2, "p", date!(2018 - 01 - 01));
    assert_eq!(s.restraints_of(RestraintKind::Imprisonment).count(), 0);
    let b = only(&s, RestraintKind::ActivityBan);
    assert_eq!(b.expected_end, Some(pd("2021-05-01")));
    assert_eq!(b.because, ids(&["sen", "par"]));
    assert!(status(&e2, "p", date!(2021 - 05 - 01)).at_liberty);
}

#[test]
fn a_ban_without_imprisonment_counts_from_its_date() {
    let e = vec![ev("ban", T::Ban, "2019-10-16", "p").ban("trade union leadership", Some("P5Y"))];
    let s = status(&e, "p", date!(2020 - 01 - 01));
    assert_eq!(
        only(&s, RestraintKind::ActivityBan).expected_end,
        Some(pd("2024-10-16"))
    );
}

#[test]
fn a_pardon_lifts_a_ban_only_when_it_says_so() {
    let sentence = ev("sen", T::Sentence, "2018-01-10", "p")
        .prison("P7Y")
        .ban("public activity", None);
    // Says nothing: still banned.
    let e = vec![
        sentence.clone(),
        ev("par", T::Pardon, "2019-08-01", "p").relates(&["sen"]),
    ];
    let s = status(&e, "p", date!(2019 - 09 - 01));
    assert_eq!(s.restraints.len(), 1);
    only(&s, RestraintKind::ActivityBan);
    // Lists the ban's scope with P0D: lifted.
    let e = vec![
        sentence.clone(),
        ev("par", T::Pardon, "2019-08-01", "p")
            .ban("public activity", Some("P0D"))
            .relates(&["sen"]),
    ];
    let s = status(&e, "p", date!(2019 - 09 - 01));
    assert!(s.at_liberty, "{s:#?}");
    assert_eq!(
        effects(&s)[1],
        "pardon: ends imprisonment; lifts activity ban (public activity)"
    );
    // Lists it with P1Y: one more year, as one continuing ban.
    let e = vec![
        sentence,
        ev("par", T::Pardon, "2019-08-01", "p")
            .ban("public activity", Some("P1Y"))
            .relates(&["sen"]),
    ];
    let s = status(&e, "p", date!(2019 - 09 - 01));
    let b = only(&s, RestraintKind::ActivityBan);
    assert_eq!(b.start, pd("2018-01-10"));
    assert_eq!(b.expected_end, Some(pd("2020-08-01")));
    assert_eq!(b.because, ids(&["sen", "par"]));
}

#[test]
fn a_pardon_naming_a_ban_event_lifts_it() {
    let e = vec![
        ev("ban", T::Ban, "2016-01-10", "p").ban("trade union leadership", None),
        ev("par", T::Pardon, "2019-08-01", "p").relates(&["ban"]),
    ];
    assert!(status(&e, "p", date!(2019 - 09 - 01)).at_liberty);
    let s = status(&e, "p", date!(2019 - 07 - 01));
    only(&s, RestraintKind::ActivityBan);
}

#[test]
fn an_untargeted_release_ends_all_open_custody_and_imprisonment_only() {
    let e = vec![
        ev("arr", T::Arrest, "2019-01-05", "p"),
        ev("sen", T::Sentence, "2015-01-05", "p")
            .prison("P10Y")
            .restricted("P12Y")
            .fine(),
        ev("rel", T::Release, "2019-06-01", "p"),
    ];
    let s = status(&e, "p", date!(2019 - 07 - 01));
    let kinds: Vec<_> = s.restraints.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RestraintKind::RestrictedFreedom, RestraintKind::Fine]);
    // An amnesty ends restricted freedom too, and leaves the fine.
    let mut e2 = e.clone();
    e2.push(ev("amn", T::Amnesty, "2019-06-15", "p"));
    let s = status(&e2, "p", date!(2019 - 07 - 01));
    let kinds: Vec<_> = s.restraints.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RestraintKind::Fine]);
}

#[test]
fn an_acquittal_naming_a_sentence_quashes_all_its_terms() {
    let e = vec![
        ev("sen", T::Sentence, "2019-01-10", "p")
            .prison("P3Y")
            .fine()
            .ban("public activity", Some("P2Y")),
        ev("acq", T::Acquittal, "2019-05-01", "p").relates(&["sen"]),
    ];
    let s = status(&e, "p", date!(2019 - 04 - 01));
    assert_eq!(s.restraints.len(), 3);
    assert!(status(&e, "p", date!(2019 - 05 - 01)).at_liberty);
}

#[test]
fn a_fine_event_without_amount_is_an_undisclosed_fine_and_ends_custody() {
    let e = vec![
        ev("arr", T::Arrest, "2019-09-21", "p"),
        ev("fin", T::Fine, "2019-09-23", "p"),
    ];
    let s = status(&e, "p", date!(2019 - 10 - 01));
    assert_eq!(s.restraints.len(), 1);
    let f = only(&s, RestraintKind::Fine);
    assert_eq!(f.fine, Some(Fine::Undisclosed));
}

#[test]
fn only_victims_and_targets_are_restrained() {
    let mut sentence = ev("sen", T::Sentence, "2019-01-10", "p").prison("P2Y");
    sentence.participants.push(Participant {
        record_id: rid("judge"),
        role: Role::Perpetrator,
    });
    sentence.participants.push(Participant {
        record_id: rid("union"),
        role: Role::Target,
    });
    let e = vec![sentence];
    assert!(!status(&e, "p", date!(2019 - 06 - 01)).at_liberty);
    assert!(!status(&e, "union", date!(2019 - 06 - 01)).at_liberty);
    assert!(status(&e, "judge", date!(2019 - 06 - 01)).at_liberty);
    assert!(status(&e, "nobody", date!(2019 - 06 - 01)).at_liberty);
}

#[test]
fn an_event_given_twice_counts_once() {
    let e = [ev("sen", T::Sentence, "2019-01-10", "p").prison("P2Y")];
    let twice = [(&e[0], Role::Victim), (&e[0], Role::Target), (&e[0], Role::Perpetrator)];
    let s = person_status(&rid("p"), twice, date!(2019 - 06 - 01));
    assert_eq!(s.restraints.len(), 1);
    assert_eq!(s.steps.len(), 1);
    // A role given as perpetrator only restrains no one.
    let s = person_status(&rid("p"), [(&e[0], Role::Perpetrator)], date!(2019 - 06 - 01));
    assert!(s.at_liberty);
}

// ---- The list, and the JSON shape ----

#[test]
fn status_on_a_day_lists_those_not_at_liberty() {
    let bal = baltabay();
    let bok = bokaev();
    let kus = [ev("kus-ban", T::Ban, "2014/2019-10-16", "nurbek-kushakbaev").ban("trade union leadership", None)];
    let free = [
        ev("x-arr", T::Arrest, "2019-02-22", "free-person"),
        ev("x-rel", T::Release, "2019-02-25", "free-person"),
    ];
    let (b1, b2, b3, b4) = (
        rid("erlan-baltabay"),
        rid("max-bokaev"),
        rid("nurbek-kushakbaev"),
        rid("free-person"),
    );
    let persons = || {
        [
            (&b1, bal.iter()),
            (&b2, bok.iter()),
            (&b3, kus.iter()),
            (&b4, free.iter()),
        ]
    };
    let day = date!(2019 - 11 - 07);
    let all = statuses_on(day, persons(), None);
    let who: Vec<_> = all.iter().map(|s| s.person_id.as_str()).collect();
    assert_eq!(who, ["erlan-baltabay", "max-bokaev", "nurbek-kushakbaev"]);
    assert!(all.iter().all(|s| !s.at_liberty && s.steps.is_empty()));
    let imprisoned = statuses_on(day, persons(), Some(RestraintKind::Imprisonment));
    let who: Vec<_> = imprisoned.iter().map(|s| s.person_id.as_str()).collect();
    assert_eq!(who, ["erlan-baltabay", "max-bokaev"]);
    let banned = statuses_on(day, persons(), Some(RestraintKind::ActivityBan));
    let who: Vec<_> = banned.iter().map(|s| s.person_id.as_str()).collect();
    assert_eq!(who, ["erlan-baltabay", "nurbek-kushakbaev"]);
    // The same restraints as one person's status.
    let one = status(&bal, "erlan-baltabay", day);
    assert_eq!(all[0].restraints, one.restraints);
}

#[test]
fn json_shape() {
    let s = status(&baltabay(), "erlan-baltabay", date!(2019 - 11 - 07));
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["person_id"], "erlan-baltabay");
    assert_eq!(v["as_of"], "2019-11-07");
    assert_eq!(v["at_liberty"], false);
    let r = &v["restraints"][0];
    assert_eq!(r["kind"], "activity_ban");
    assert_eq!(r["scope"], "public activity");
    assert_eq!(r["start"], "2018-09/2019-08");
    assert_eq!(r["expected_end"], serde_json::Value::Null);
    assert_eq!(r["end_known"], false);
    assert_eq!(r["certainty"], "certain");
    assert_eq!(r["because"], serde_json::json!(["bal-sentence"]));
    let r = &v["restraints"][1];
    assert_eq!(r["kind"], "imprisonment");
    assert_eq!(r["expected_end"], "2020-03-24");
    assert_eq!(r["term"], "P5M8D");
    assert_eq!(v["steps"][0]["event_id"], "bal-sentence");
    assert_eq!(v["steps"][0]["event_type"], "sentence");
    assert_eq!(v["steps"][0]["date"], "2018-09/2019-08");
    // A step's effects as data are not in the JSON (its `effect` is their
    // English account): all the rest comes back.
    assert!(v["steps"][0].get("effects").is_none());
    assert!(!s.steps[0].effects.is_empty());
    let back: PersonStatus = serde_json::from_value(v).unwrap();
    let mut without = s.clone();
    without.steps.iter_mut().for_each(|step| step.effects.clear());
    assert_eq!(back, without);
    assert_eq!(
        "restricted_freedom".parse::<RestraintKind>(),
        Ok(RestraintKind::RestrictedFreedom)
    );
}

// ---- Properties ----

const SUBJECT: &str = "p";
const SCOPES: [&str; 2] = ["public activity", "trade union leadership"];

/// Each of `events` confirmed `lags[i]` days after its latest possible day.
fn confirmed_after<'a>(events: &'a [Event], lags: &[i64]) -> Vec<Confirmed<&'a Event>> {
    events
        .iter()
        .zip(lags)
        .map(|(e, &lag)| Confirmed {
            link: e,
            on: e.date.latest() + time::Duration::days(lag),
        })
        .collect()
}

fn arb_point() -> impl Strategy<Value = crate::date::DatePoint> {
    use crate::date::DatePoint;
    prop_oneof![
        (2010i32..2023).prop_map(DatePoint::Year),
        (2010i32..2023, 1u8..=12).prop_map(|(y, m)| DatePoint::Month(y, time::Month::try_from(m).unwrap())),
        (2010i32..2023, 1u16..=365).prop_map(|(y, d)| DatePoint::Day(Date::from_ordinal_date(y, d).unwrap())),
    ]
}

fn arb_date() -> impl Strategy<Value = PartialDate> {
    prop_oneof![
        4 => arb_point().prop_map(PartialDate::point),
        1 => (arb_point(), arb_point())
            .prop_map(|(a, b)| PartialDate::range(a, b).unwrap_or(PartialDate::point(a))),
    ]
}

fn arb_duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        (0u16..4, 0u16..12, 0u16..40).prop_map(|(y, m, d)| Duration::new(y, m, 0, d)),
        (1u16..10).prop_map(Duration::years),
        Just(Duration::new(0, 0, 0, 0)),
    ]
}

fn arb_terms() -> impl Strategy<Value = Option<Terms>> {
    let ban = (0usize..2, proptest::option::of(arb_duration())).prop_map(|(s, duration)| Ban {
        scope: SCOPES[s].to_owned(),
        duration,
    });
    proptest::option::weighted(
        0.6,
        (
            proptest::option::of(arb_duration()),
            proptest::option::weighted(0.3, arb_duration()),
            proptest::option::weighted(0.3, Just(Fine::Undisclosed)),
            proptest::collection::vec(ban, 0..2),
        )
            .prop_map(|(imprisonment, restricted_freedom, fine, bans)| Terms {
                imprisonment,
                restricted_freedom,
                fine,
                bans,
            }),
    )
}

fn arb_type() -> impl Strategy<Value = T> {
    prop::sample::select(vec![
        T::Arrest,
        T::Detention,
        T::Sentence,
        T::Sentence,
        T::Conviction,
        T::Fine,
        T::Ban,
        T::Pardon,
        T::Release,
        T::Release,
        T::Amnesty,
        T::Acquittal,
        T::Appeal,
        T::Statement,
    ])
}

fn arb_role() -> impl Strategy<Value = Role> {
    prop::sample::select(vec![
        Role::Victim,
        Role::Victim,
        Role::Victim,
        Role::Victim,
        Role::Target,
        Role::Perpetrator,
    ])
}

/// One generated event: its type, date, terms, role of the subject, and
/// candidate links (indices into the events generated before it).
type Raw = (T, PartialDate, Option<Terms>, Role, Vec<usize>);

fn arb_raw() -> impl Strategy<Value = Raw> {
    (
        arb_type(),
        arb_date(),
        arb_terms(),
        arb_role(),
        proptest::collection::vec(0usize..12, 0..3),
    )
}

fn build(raws: &[Raw]) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for (i, (t, date, terms, role, links)) in raws.iter().enumerate() {
        let mut e = ev(&format!("e{i}"), *t, &date.to_string(), SUBJECT);
        e.participants[0].role = *role;
        e.terms = terms.clone();
        // Name only earlier events that could precede this one.
        for &l in links {
            if l < i && out[l].date.earliest() <= date.latest() && !e.relates_to.contains(&out[l].id) {
                e.relates_to.push(out[l].id.clone());
            }
        }
        out.push(e);
    }
    out
}

fn arb_events(max: usize) -> impl Strategy<Value = Vec<Event>> {
    proptest::collection::vec(arb_raw(), 0..max).prop_map(|r| build(&r))
}

fn arb_day() -> impl Strategy<Value = Date> {
    (2010i32..2026, 1u16..=365).prop_map(|(y, d)| Date::from_ordinal_date(y, d).unwrap())
}

type Key = (RestraintKind, Option<String>);

fn keys(s: &PersonStatus, certain_only: bool) -> BTreeSet<Key> {
    s.restraints
        .iter()
        .filter(|r| !certain_only || r.certainty == Certainty::Certain)
        .map(|r| (r.kind, r.scope.clone()))
        .collect()
}

fn has_liberty_terms(e: &Event) -> bool {
    e.terms
        .as_ref()
        .is_some_and(|t| t.imprisonment.is_some() || t.restricted_freedom.is_some())
}

fn is_ender(t: T) -> bool {
    matches!(t, T::Pardon | T::Release | T::Amnesty | T::Acquittal)
}

fn replaces(e: &Event) -> bool {
    e.event_type == T::Appeal || (is_ender(e.event_type) && e.terms.as_ref().is_some_and(|t| !t.is_empty()))
}

fn rank(t: T) -> u8 {
    match t {
        T::Arrest | T::Detention => 0,
        T::Appeal => 2,
        t if is_ender(t) => 3,
        _ => 1,
    }
}

/// The engine's order of two events, on their windows or on reading days.
fn order_key(e: &Event, i: usize, day: Option<Date>) -> (Date, std::cmp::Reverse<Date>, u8, usize) {
    let (lo, hi) = match day {
        Some(d) => (d, d),
        None => (e.date.earliest(), e.date.latest()),
    };
    (lo, std::cmp::Reverse(hi), rank(e.event_type), i)
}

/// The constraints a reading keeps (see the module documentation): every
/// event on or after the events it acts on, and the engine's order between
/// events whose order decides what replaces what.
struct Constraints {
    /// (a, b): the day of `a` is on or before the day of `b`.
    before: Vec<(usize, usize)>,
    /// (a, b): `a` stays strictly ahead of `b` in the engine's order.
    order: Vec<(usize, usize)>,
}

fn constraints(events: &[Event]) -> Constraints {
    let mut before = Vec::new();
    let mut order = Vec::new();
    let pos = |id: &RecordId| events.iter().position(|e| e.id == *id);
    for (r, re) in events.iter().enumerate() {
        let rt = re.event_type;
        for id in &re.relates_to {
            if let Some(a) = pos(id) {
                before.push((a, r));
            }
        }
        for (a, ae) in events.iter().enumerate() {
            if a == r || ae.date.earliest() > re.date.latest() {
                continue;
            }
            let at = ae.event_type;
            let custody = matches!(at, T::Arrest | T::Detention);
            let untargeted_ender = is_ender(rt) && re.relates_to.is_empty();
            let acts = (untargeted_ender && (custody || has_liberty_terms(ae)))
                || (matches!(rt, T::Sentence | T::Conviction | T::Fine) && custody)
                || (untargeted_ender
                    && !is_ender(at)
                    && at != T::Appeal
                    && re.terms.as_ref().is_some_and(|rt| {
                        rt.bans.iter().any(|b| {
                            ae.terms
                                .as_ref()
                                .is_some_and(|at| at.bans.iter().any(|x| x.scope == b.scope))
                        })
                    }));
            if acts {
                before.push((a, r));
            }
        }
    }
    let mut keep = |a: usize, b: usize| {
        let (x, y) = if order_key(&events[a], a, None) < order_key(&events[b], b, None) {
            (a, b)
        } else {
            (b, a)
        };
        order.push((x, y));
    };
    let replacers: Vec<usize> = (0..events.len()).filter(|&i| replaces(&events[i])).collect();
    for (k, &a) in replacers.iter().enumerate() {
        for &b in &replacers[k + 1..] {
            keep(a, b);
        }
        let named: Vec<usize> = events[a].relates_to.iter().filter_map(pos).collect();
        for (k, &x) in named.iter().enumerate() {
            for &y in &named[k + 1..] {
                keep(x, y);
            }
        }
    }
    Constraints { before, order }
}

/// A reading: one day per event, inside its window, keeping the
/// constraints; `None` if this attempt failed to.
fn reading(events: &[Event], c: &Constraints, rng: &mut impl FnMut(i64) -> i64) -> Option<Vec<Date>> {
    let mut idx: Vec<usize> = (0..events.len()).collect();
    idx.sort_by_key(|&i| order_key(&events[i], i, None));
    let mut days: Vec<Option<Date>> = vec![None; events.len()];
    for &i in &idx {
        let floor = c
            .before
            .iter()
            .filter(|&&(_, b)| b == i)
            .filter_map(|&(a, _)| days[a])
            .chain(std::iter::once(events[i].date.earliest()))
            .max()?;
        let hi = events[i].date.latest();
        if floor > hi {
            return None;
        }
        let span = (hi - floor).whole_days();
        days[i] = Some(floor + time::Duration::days(rng(span + 1)));
    }
    let days: Vec<Date> = days.into_iter().collect::<Option<_>>()?;
    let ok = c.before.iter().all(|&(a, b)| days[a] <= days[b])
        && c.order
            .iter()
            .all(|&(a, b)| order_key(&events[a], a, Some(days[a])) < order_key(&events[b], b, Some(days[b])));
    ok.then_some(days)
}

fn exact(events: &[Event], days: &[Date]) -> Vec<Event> {
    events
        .iter()
        .zip(days)
        .map(|(e, d)| Event {
            date: PartialDate::day(*d),
            ..e.clone()
        })
        .collect()
}

/// A small random source for choosing readings: `rng(n)` is in `0..n`.
fn xorshift(seed: u64) -> impl FnMut(i64) -> i64 {
    let mut state = seed | 1;
    move |n: i64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as i64
    }
}

/// 512 cases, or `PROPTEST_CASES` when set (for a long run).
fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 512;
    }
    c
}

proptest! {
    #![proptest_config(config())]

    /// The stretches a store keeps give the engine's answer on every day:
    /// on random days, and on the first and last days of each stretch and
    /// the days just outside it. Stretches are in order and never overlap.
    #[test]
    fn stretches_give_the_engines_answer_on_every_day(
        events in arb_events(12),
        days in proptest::collection::vec(arb_day(), 1..20),
    ) {
        let p = rid(SUBJECT);
        let stretches = super::stretches(&p, &events);
        let mut probe = days;
        for s in &stretches {
            probe.extend([s.from, s.from - time::Duration::days(1)]);
            if let Some(to) = s.to {
                prop_assert!(s.from < to);
                probe.extend([to, to - time::Duration::days(1)]);
            }
        }
        for w in stretches.windows(2) {
            prop_assert!(w[0].to.is_some_and(|to| to <= w[1].from), "{:?}", w);
        }
        for d in probe {
            let want = status(&events, SUBJECT, d);
            let got = super::status_from_stretches(&p, &stretches, d);
            prop_assert_eq!(&got.restraints, &want.restraints, "on {}", d);
            prop_assert_eq!(got.at_liberty, want.at_liberty);
        }
    }

    /// Open ends: for any restraint with no stated end and any day after
    /// its last confirmation, the status is never `certain`; on or before
    /// it, and for every restraint with a stated end, the answer is the one
    /// given without confirmations.
    #[test]
    fn open_ends_are_never_certain_after_their_last_confirmation(
        events in arb_events(12),
        lags in proptest::collection::vec(0i64..3000, 12),
        days in proptest::collection::vec(arb_day(), 1..12),
    ) {
        let p = rid(SUBJECT);
        let confirmed = confirmed_after(&events, &lags);
        for d in days {
            let plain = status(&events, SUBJECT, d);
            let got = person_status(&p, confirmed.iter().copied(), d);
            prop_assert_eq!(got.restraints.len(), plain.restraints.len(), "on {}", d);
            for (g, w) in got.restraints.iter().zip(&plain.restraints) {
                prop_assert_eq!(g.last_confirmed.is_some(), !g.end_known, "{:?}", g);
                match g.last_confirmed {
                    Some(c) if d > c => prop_assert_ne!(g.certainty, Certainty::Certain, "on {}: {:?}", d, g),
                    _ => prop_assert_eq!(g.certainty, w.certainty, "on {}: {:?}", d, g),
                }
                let mut same = g.clone();
                same.last_confirmed = None;
                same.certainty = w.certainty;
                prop_assert_eq!(&same, w);
            }
        }
    }

    /// With confirmations too, the stretches give the engine's answer on
    /// every day, including the day an open end turns possible.
    #[test]
    fn stretches_with_confirmations_give_the_engines_answer(
        events in arb_events(10),
        lags in proptest::collection::vec(0i64..3000, 10),
        days in proptest::collection::vec(arb_day(), 1..12),
    ) {
        let p = rid(SUBJECT);
        let confirmed = confirmed_after(&events, &lags);
        let stretches = super::stretches(&p, confirmed.iter().copied());
        let mut probe = days;
        for s in &stretches {
            probe.extend([s.from, s.from - time::Duration::days(1)]);
            for r in &s.restraints {
                if let Some(c) = r.last_confirmed {
                    probe.extend([c, c + time::Duration::days(1)]);
                }
            }
        }
        for d in probe {
            let want = person_status(&p, confirmed.iter().copied(), d);
            let got = super::status_from_stretches(&p, &stretches, d);
            prop_assert_eq!(&got.restraints, &want.restraints, "on {}", d);
        }
    }

    /// Adding an event that cannot have happened by the day asked about
    /// never changes the answer, steps included.
    #[test]
    fn a_later_event_changes_nothing(
        events in arb_events(10),
        day in arb_day(),
        (t, terms, role) in (arb_type(), arb_terms(), arb_role()),
        (offset, precision, link) in (1i64..3000, 0u8..4, proptest::option::of(0usize..12)),
        name_it in proptest::option::of(0usize..12),
    ) {
        let base = day + time::Duration::days(offset);
        let date = match precision {
            1 if Date::from_calendar_date(base.year(), base.month(), 1).unwrap() > day =>
                PartialDate::month(base.year(), base.month()).unwrap(),
            2 if Date::from_calendar_date(base.year(), time::Month::January, 1).unwrap() > day =>
                PartialDate::year(base.year()).unwrap(),
            3 => PartialDate::range(
                crate::date::DatePoint::Day(base),
                crate::date::DatePoint::Year(base.year() + 1),
            ).unwrap(),
            _ => PartialDate::day(base),
        };
        prop_assert!(date.earliest() > day);
        let mut extra = ev("x", t, &date.to_string(), SUBJECT);
        extra.participants[0].role = role;
        extra.terms = terms;
        if let Some(l) = link.filter(|&l| l < events.len()) {
            extra.relates_to.push(events[l].id.clone());
        }
        let mut events = events;
        // An earlier event may even name the later one.
        if let Some(n) = name_it.filter(|&n| n < events.len()) {
            events[n].relates_to.push(rid("x"));
        }
        let before = status(&events, SUBJECT, day);
        events.push(extra);
        let after = status(&events, SUBJECT, day);
        prop_assert_eq!(before, after);
    }

    /// A release after an arrest ends the custody that arrest began.
    #[test]
    fn a_later_release_ends_open_custody(
        events in arb_events(8),
        arrest in arb_date(),
        (gap, precision, named, custody_type) in (1i64..800, 0u8..3, any::<bool>(), any::<bool>()),
        after in 0i64..3000,
    ) {
        let base = arrest.latest() + time::Duration::days(gap);
        let release = match precision {
            1 if Date::from_calendar_date(base.year(), base.month(), 1).unwrap() > arrest.latest() =>
                PartialDate::month(base.year(), base.month()).unwrap(),
            2 => PartialDate::range(
                crate::date::DatePoint::Day(base),
                crate::date::DatePoint::Day(base + time::Duration::days(40)),
            ).unwrap(),
            _ => PartialDate::day(base),
        };
        let mut events = events;
        let t = if custody_type { T::Arrest } else { T::Detention };
        events.push(ev("a", t, &arrest.to_string(), SUBJECT));
        let mut r = ev("r", T::Release, &release.to_string(), SUBJECT);
        if named {
            r.relates_to.push(rid("a"));
        }
        events.push(r);
        let day = release.latest() + time::Duration::days(after);
        let s = status(&events, SUBJECT, day);
        let a = rid("a");
        prop_assert!(
            !s.restraints_of(RestraintKind::Custody).any(|c| c.because.contains(&a)),
            "{:#?}", s
        );
        // And before the release could have happened, the arrest's custody
        // is in force unless something else ended it.
        let s = status(&events, SUBJECT, release.earliest() - time::Duration::days(1));
        let ended_otherwise = events.iter().any(|e| e.id.as_str() != "r"
            && matches!(e.event_type, T::Sentence | T::Conviction | T::Fine | T::Release | T::Pardon | T::Amnesty | T::Acquittal)
            && e.participants[0].role != Role::Perpetrator);
        if !ended_otherwise && arrest.latest() < release.earliest() {
            prop_assert!(
                s.restraints_of(RestraintKind::Custody).any(|c| c.because.contains(&a)),
                "{:#?}", s
            );
        }
    }

    /// Certain implies true under every reading; true under any reading
    /// implies listed (certain or possible).
    #[test]
    fn certainty_holds_under_every_reading(
        events in arb_events(9),
        day in arb_day(),
        (near, pick, offset, upper) in (any::<bool>(), any::<prop::sample::Index>(), -40i64..40, any::<bool>()),
        seed in any::<u64>(),
    ) {
        // Half the time, a day near an event's bounds, where certainty turns.
        let day = match (near, events.is_empty()) {
            (true, false) => {
                let d = &events[pick.index(events.len())].date;
                let bound = if upper { d.latest() } else { d.earliest() };
                bound + time::Duration::days(offset)
            }
            _ => day,
        };
        let imprecise = status(&events, SUBJECT, day);
        let certain = keys(&imprecise, true);
        let listed = keys(&imprecise, false);
        let c = constraints(&events);
        let mut rng = xorshift(seed);
        let mut readings = 0;
        for _ in 0..64 {
            let Some(days) = reading(&events, &c, &mut rng) else { continue };
            readings += 1;
            let s = status(&exact(&events, &days), SUBJECT, day);
            let here = keys(&s, false);
            prop_assert!(keys(&s, true) == here, "exact dates leave nothing possible only");
            for k in &certain {
                prop_assert!(here.contains(k), "certain {:?} missing under reading {:?}\n{:#?}\n{:#?}", k, days, imprecise, s);
            }
            for k in &here {
                prop_assert!(listed.contains(k), "{:?} under reading {:?} not listed\n{:#?}\n{:#?}", k, days, imprecise, s);
            }
            if readings == 16 { break; }
        }
    }

    /// The list and one person's status agree.
    #[test]
    fn the_list_agrees_with_each_status(events in arb_events(10), day in arb_day()) {
        let one = status(&events, SUBJECT, day);
        let p = rid(SUBJECT);
        let list = statuses_on(day, [(&p, events.iter())], None);
        if one.at_liberty {
            prop_assert!(list.is_empty());
        } else {
            prop_assert_eq!(list.len(), 1);
            prop_assert_eq!(&list[0].restraints, &one.restraints);
        }
        for kind in RestraintKind::ALL {
            let list = statuses_on(day, [(&p, events.iter())], Some(*kind));
            prop_assert_eq!(list.len(), usize::from(one.restraints_of(*kind).count() > 0));
        }
    }
}

// ---- Claims: sources that disagree -------------------------------------

/// A passage of `source`, stating the account `claim` (the event's own
/// when `None`).
fn cite(source: &str, claim: Option<&str>) -> crate::model::Excerpt {
    crate::model::Excerpt {
        source_id: rid(source),
        start: 0,
        end: 1,
        text: "x".into(),
        claim: claim.map(str::to_owned),
    }
}

/// `e` with another account: `date` (and `prison`, when `e` imposes
/// imprisonment) stated by a second source.
fn disputed(mut e: Event, date: Option<&str>, prison: Option<Duration>) -> Event {
    use crate::claim::Claim;
    e.excerpts = vec![cite("first", None), cite("second", Some("other"))];
    let terms = prison.and_then(|d| {
        let mut t = e.terms.clone()?;
        t.imprisonment?;
        t.imprisonment = Some(d);
        Some(t)
    });
    e.claims = vec![Claim {
        date: date.map(|d| d.parse().unwrap()),
        terms,
        ..Claim::new("other")
    }];
    e
}

#[test]
fn a_disputed_date_makes_custody_possible_on_the_days_the_sources_differ() {
    // Eleusinov: detained on 20 or 21 January 2017, by two sources.
    let detained = disputed(ev("det", T::Detention, "2017-01-21", "p"), Some("2017-01-20"), None);
    let on = |d: Date| status(std::slice::from_ref(&detained), "p", d);
    let first = on(date!(2017 - 01 - 20));
    assert_eq!(only(&first, RestraintKind::Custody).certainty, Certainty::Possible);
    assert_eq!(only(&first, RestraintKind::Custody).disputed, ids(&["det"]));
    let second = on(date!(2017 - 01 - 21));
    assert_eq!(only(&second, RestraintKind::Custody).certainty, Certainty::Certain);
    assert_eq!(
        only(&second, RestraintKind::Custody).start.to_string(),
        "2017-01-20/2017-01-21"
    );
    assert!(on(date!(2017 - 01 - 19)).at_liberty);
}

#[test]
fn a_disputed_term_is_certain_only_while_every_account_has_it_in_force() {
    // "five months" or "five months and eight days", from 16 October 2019.
    let sentence = disputed(
        ev("s", T::Sentence, "2019-10-16", "p").prison("P5M"),
        None,
        Some(Duration::new(0, 5, 0, 8)),
    );
    let on = |d: Date| status(std::slice::from_ref(&sentence), "p", d);
    let prison = |d: Date| only(&on(d), RestraintKind::Imprisonment).clone();
    assert_eq!(prison(date!(2020 - 03 - 15)).certainty, Certainty::Certain);
    let after_five = prison(date!(2020 - 03 - 16));
    assert_eq!(after_five.certainty, Certainty::Possible);
    assert_eq!(after_five.disputed, ids(&["s"]));
    assert_eq!(
        after_five.expected_end.map(|d| d.to_string()).as_deref(),
        Some("2020-03-16/2020-03-24")
    );
    assert_eq!(prison(date!(2020 - 03 - 23)).certainty, Certainty::Possible);
    assert!(on(date!(2020 - 03 - 24)).at_liberty);
}

#[test]
fn a_rejected_claim_is_not_read() {
    let mut detained = disputed(ev("det", T::Detention, "2017-01-21", "p"), Some("2017-01-20"), None);
    detained.claims[0].rejected = Some("the court's record says 21 January".into());
    let s = status(std::slice::from_ref(&detained), "p", date!(2017 - 01 - 20));
    assert!(s.at_liberty);
    let s = status(std::slice::from_ref(&detained), "p", date!(2017 - 01 - 21));
    assert!(only(&s, RestraintKind::Custody).disputed.is_empty());
}

proptest! {
    #![proptest_config(config())]

    /// Claims are read as one imprecise account whose readings are the
    /// sources' accounts: certain implies true under every reading of
    /// either account; true under any reading of either implies listed.
    #[test]
    fn claims_are_read_as_the_union_of_the_accounts(
        events in arb_events(8),
        pick in any::<prop::sample::Index>(),
        shift in -40i64..40,
        other_prison in proptest::option::of(arb_duration()),
        day in arb_day(),
        near in any::<bool>(),
        seed in any::<u64>(),
    ) {
        prop_assume!(!events.is_empty());
        let k = pick.index(events.len());
        let main = &events[k];
        let other_day = main.date.earliest() + time::Duration::days(shift);
        let other = other_day.to_string();
        let mut claimed = events.clone();
        claimed[k] = disputed(main.clone(), Some(&other), other_prison);
        // The second account alone, and the union the engine reads.
        let mut second = events.clone();
        second[k].date = PartialDate::day(other_day);
        if let Some(t) = &claimed[k].claims[0].terms {
            second[k].terms = Some(t.clone());
        }
        let mut union = events.clone();
        union[k].date = claimed[k].claimed_date();
        let day = if near { other_day + time::Duration::days(shift / 4) } else { day };
        let s = status(&claimed, SUBJECT, day);
        let certain = keys(&s, true);
        let listed = keys(&s, false);
        let c = constraints(&union);
        let mut rng = xorshift(seed);
        for account in [&events, &second] {
            let mut readings = 0;
            for _ in 0..48 {
                let Some(days) = reading(account, &c, &mut rng) else { continue };
                readings += 1;
                let r = status(&exact(account, &days), SUBJECT, day);
                let here = keys(&r, false);
                for key in &certain {
                    prop_assert!(here.contains(key), "certain {:?} missing under {:?}\n{:#?}\n{:#?}", key, days, s, r);
                }
                for key in &here {
                    prop_assert!(listed.contains(key), "{:?} under {:?} not listed\n{:#?}\n{:#?}", key, days, s, r);
                }
                if readings == 8 { break; }
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A claim on who took part is read as the union of the accounts:
    /// one in which the event is the subject's (as recorded), one in which
    /// it is another person's (for the subject, as if it were not there).
    /// Certain implies true under every reading of either; true under any
    /// reading of either implies listed.
    #[test]
    fn claims_on_who_took_part_are_read_as_the_union_of_the_accounts(
        events in arb_events(8),
        pick in any::<prop::sample::Index>(),
        day in arb_day(),
        seed in any::<u64>(),
    ) {
        if events.is_empty() {
            return Ok(());
        }
        let k = pick.index(events.len());
        let mut claimed = events.clone();
        claimed[k] = named_otherwise(events[k].clone(), "someone-else");
        let mut other = events.clone();
        other.remove(k);
        let s = status(&claimed, SUBJECT, day);
        let certain = keys(&s, true);
        let listed = keys(&s, false);
        let mut rng = xorshift(seed);
        for account in [&events, &other] {
            let c = constraints(account);
            let mut readings = 0;
            for _ in 0..48 {
                let Some(days) = reading(account, &c, &mut rng) else { continue };
                readings += 1;
                let r = status(&exact(account, &days), SUBJECT, day);
                let here = keys(&r, false);
                for key in &certain {
                    prop_assert!(here.contains(key), "certain {:?} missing under {:?}\n{:#?}\n{:#?}", key, days, s, r);
                }
                for key in &here {
                    prop_assert!(listed.contains(key), "{:?} under {:?} not listed\n{:#?}\n{:#?}", key, days, s, r);
                }
                if readings == 8 { break; }
            }
        }
    }
}

/// A pattern (issue 19) restrains no one, even when it names a person and
/// carries terms: it states a practice, not an act of a day. Cleared, the
/// same event restrains; and a pattern pardon ends nothing.
#[test]
fn a_pattern_restrains_no_one_and_ends_nothing() {
    let p = "erlan-baltabay";
    let day = date!(2019 - 11 - 07);
    let mut ban = ev("ban", T::Ban, "2019-10", p).ban("trade union activity", None);
    ban.pattern = true;
    let s = status(std::slice::from_ref(&ban), p, day);
    assert!(s.at_liberty, "{s:?}");
    assert!(stretches(&rid(p), std::slice::from_ref(&ban)).is_empty());
    ban.pattern = false;
    assert!(!status(std::slice::from_ref(&ban), p, day).at_liberty);
    let mut events = baltabay();
    let before = status(&events, p, day).restraints;
    let mut release = ev("pattern-release", T::Release, "2019-10-20", p);
    release.pattern = true;
    events.push(release);
    assert_eq!(status(&events, p, day).restraints, before);
}

/// `e` with another account naming `who` (as victim) rather than the
/// event's own participants.
fn named_otherwise(mut e: Event, who: &str) -> Event {
    use crate::claim::Claim;
    e.excerpts = vec![cite("first", None), cite("second", Some("who"))];
    e.claims = vec![Claim {
        participants: Some(vec![Participant {
            record_id: rid(who),
            role: Role::Victim,
        }]),
        ..Claim::new("who")
    }];
    e
}

#[test]
fn a_sentence_two_sources_give_to_different_people_is_only_possible_for_either() {
    // One source: Kushakbaev sentenced to two years; another: Eleusinov.
    let sentence = ev("s", T::Sentence, "2017-01-20", "k").prison("P2Y");
    let agreed = status(std::slice::from_ref(&sentence), "k", date!(2018 - 01 - 01));
    assert_eq!(only(&agreed, RestraintKind::Imprisonment).certainty, Certainty::Certain);
    let sentence = named_otherwise(sentence, "e");
    for who in ["k", "e"] {
        let s = status(std::slice::from_ref(&sentence), who, date!(2018 - 01 - 01));
        let r = only(&s, RestraintKind::Imprisonment);
        assert_eq!(r.certainty, Certainty::Possible, "{who}");
        assert_eq!(r.disputed, ids(&["s"]), "{who}");
        assert_eq!(r.expected_end.map(|d| d.to_string()).as_deref(), Some("2019-01-20"));
        // Not before it, and not after its term by any account.
        assert!(status(std::slice::from_ref(&sentence), who, date!(2017 - 01 - 19)).at_liberty);
        assert!(status(std::slice::from_ref(&sentence), who, date!(2019 - 01 - 21)).at_liberty);
    }
    // Rejecting the other account makes it certain again for the one the
    // event names, and nothing for the other.
    let mut decided = sentence.clone();
    decided.claims[0].rejected = Some("the verdict names Kushakbaev".into());
    let k = status(std::slice::from_ref(&decided), "k", date!(2018 - 01 - 01));
    assert_eq!(only(&k, RestraintKind::Imprisonment).certainty, Certainty::Certain);
    assert!(status(std::slice::from_ref(&decided), "e", date!(2018 - 01 - 01)).at_liberty);
}

#[test]
fn a_release_one_source_gives_to_another_person_ends_a_term_only_possibly() {
    let sentence = ev("s", T::Sentence, "2017-01-20", "k").prison("P5Y");
    let release = ev("r", T::Release, "2018-06-01", "k").relates(&["s"]);
    let after = date!(2019 - 01 - 01);
    assert!(status(&[sentence.clone(), release.clone()], "k", after).at_liberty);
    // Another source says it was Eleusinov who was released.
    let release = named_otherwise(release, "e");
    let s = status(&[sentence.clone(), release.clone()], "k", after);
    assert_eq!(only(&s, RestraintKind::Imprisonment).certainty, Certainty::Possible);
    // Before the release, still certain.
    let before = status(&[sentence, release], "k", date!(2018 - 01 - 01));
    assert_eq!(only(&before, RestraintKind::Imprisonment).certainty, Certainty::Certain);
}

#[test]
fn a_replacement_another_account_gives_to_someone_else_leaves_what_it_replaces_possible() {
    // A ban with no end; a pardon replacing it by a shorter one, which a
    // second source says was someone else's.
    let ban = ev("ban", T::Ban, "2010-01-05", "p").ban("public activity", None);
    let pardon = ev("pardon", T::Pardon, "2010-03-01", "p")
        .ban("public activity", Some("P1M"))
        .relates(&["ban"]);
    let day = date!(2011 - 01 - 01);
    assert!(status(&[ban.clone(), pardon.clone()], "p", day).at_liberty);
    let pardon = named_otherwise(pardon, "x");
    let s = status(&[ban.clone(), pardon.clone()], "p", day);
    assert_eq!(
        only(&s, RestraintKind::ActivityBan).certainty,
        Certainty::Possible,
        "{s:#?}"
    );
    // During the month the pardon's own ban would run: possibly banned.
    let s = status(&[ban, pardon], "p", date!(2010 - 03 - 15));
    assert_eq!(
        only(&s, RestraintKind::ActivityBan).certainty,
        Certainty::Possible,
        "{s:#?}"
    );
}
