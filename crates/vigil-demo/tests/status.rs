//! What the status engine says of the demo case file on the days that
//! matter to its story (issue 3's expectations).

use time::macros::date;
use vigil_core::{person_status, CaseFile, Certainty, Date, PersonStatus, RecordId, RestraintKind};

fn status(cf: &CaseFile, person: &str, as_of: Date) -> PersonStatus {
    let id = RecordId::parse(person).unwrap();
    let events: Vec<_> = cf.events.iter().filter(|e| e.involves(&id)).collect();
    person_status(&id, events, as_of)
}

fn demo() -> CaseFile {
    vigil_demo::case_file().unwrap()
}

#[test]
fn on_the_day_of_the_upr_review() {
    let cf = demo();
    let day = date!(2019 - 11 - 07);
    let baltabay = status(&cf, "erlan-baltabay", day);
    let prison: Vec<_> = baltabay.restraints_of(RestraintKind::Imprisonment).collect();
    assert_eq!(prison.len(), 1, "{baltabay:#?}");
    assert_eq!(prison[0].start.to_string(), "2019-10-16");
    // The term runs on [start, end): 24 March 2020 is his first day free.
    assert_eq!(
        prison[0].expected_end.map(|d| d.to_string()).as_deref(),
        Some("2020-03-24")
    );
    assert_eq!(prison[0].certainty, Certainty::Certain);
    assert!(prison[0]
        .because
        .iter()
        .any(|e| e.as_str() == "baltabay-sentence-2019-10-16"));
    let bans: Vec<_> = baltabay.restraints_of(RestraintKind::ActivityBan).collect();
    assert_eq!(bans.len(), 1);
    assert_eq!(bans[0].scope.as_deref(), Some("public activity"));
    assert!(!bans[0].end_known);

    let bokaev = status(&cf, "max-bokaev", day);
    let prison: Vec<_> = bokaev.restraints_of(RestraintKind::Imprisonment).collect();
    assert_eq!(prison.len(), 1);
    assert_eq!(prison[0].certainty, Certainty::Certain);

    for person in ["nurbek-kushakbaev", "amin-eleusinov", "larisa-kharkova"] {
        let s = status(&cf, person, day);
        let bans: Vec<_> = s.restraints_of(RestraintKind::ActivityBan).collect();
        assert_eq!(bans.len(), 1, "{person}");
        assert_eq!(bans[0].scope.as_deref(), Some("trade union leadership"), "{person}");
        assert!(!bans[0].end_known);
    }
    assert!(!baltabay.steps.is_empty(), "the answer explains itself");
}

#[test]
fn after_the_pardon() {
    let s = status(&demo(), "erlan-baltabay", date!(2019 - 09 - 01));
    assert_eq!(s.restraints_of(RestraintKind::Imprisonment).count(), 0, "{s:#?}");
    assert_eq!(
        s.restraints_of(RestraintKind::Fine).count(),
        1,
        "the rest of the term became a fine"
    );
    assert_eq!(s.restraints_of(RestraintKind::ActivityBan).count(), 1, "still banned");
}

#[test]
fn bokaevs_release_is_only_possible_in_2021() {
    let s = status(&demo(), "max-bokaev", date!(2021 - 06 - 01));
    let prison: Vec<_> = s.restraints_of(RestraintKind::Imprisonment).collect();
    assert_eq!(prison.len(), 1);
    assert_eq!(prison[0].certainty, Certainty::Possible);
    assert!(status(&demo(), "max-bokaev", date!(2022 - 06 - 01)).at_liberty);
}
