//! Claims: what each source says of an event when sources disagree.
//!
//! An event's own `date`, `terms` and `place` are what its first sources
//! say. When another source gives another date ("rejected on 19 December"
//! against "on 3 December") or another term ("five months" against "five
//! months and eight days"), that statement is a [`Claim`] on the event, not
//! a second event. A claim is stated by excerpts: the event's excerpts that
//! carry its key in `claim`. Keeping the excerpts in the event's one list
//! means every rule that reads excerpts (references, the check against the
//! source, the redaction of confidential sources, what the evidence showed
//! on a day) reads a claim's too.
//!
//! The status engine reads the union of the claims that stand (not
//! rejected, and stated by at least one excerpt the reader may see): a
//! disputed date widens the event's window, a disputed term widens the end
//! of what it imposes, so a restraint is `possible` wherever the sources
//! disagree about it, and `certain` only where they all agree.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::id::RecordId;
use crate::model::{Event, FieldError, Participant, Terms};
use crate::vocab::Role;

/// One source's account of an event, where it differs from the event's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Short and unique within the event (`a-z`, `0-9`, `-`); the excerpts
    /// stating this claim carry it.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "appeal-19-december", pattern = "^[a-z0-9-]{1,40}$")
    )]
    pub key: String,
    /// The date this account gives, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The terms this account gives, when they differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
    /// The place this account gives, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Who took part by this account, when it names others than the
    /// event's own (the whole list, as `participants`): "Eleusinov was
    /// detained" against "Kushakbaev was detained". A person a standing
    /// account names as victim or target, and another does not, is only
    /// possibly restrained by the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<Participant>>,
    /// Why an editor rejected this account; a rejected claim is kept (and
    /// shown) but nothing reads it. Who rejected it, and when, is in the
    /// event's history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rejected: Option<String>,
}

impl Claim {
    /// A claim stating nothing yet, to be filled with struct-update syntax.
    pub fn new(key: impl Into<String>) -> Self {
        Claim {
            key: key.into(),
            date: None,
            terms: None,
            place: None,
            participants: None,
            rejected: None,
        }
    }

    pub fn stands(&self) -> bool {
        self.rejected.is_none()
    }
}

impl Event {
    /// The claims that stand: not rejected and stated by an excerpt present.
    pub fn standing_claims(&self) -> impl Iterator<Item = &Claim> {
        self.claims
            .iter()
            .filter(|c| c.stands() && self.excerpts.iter().any(|x| x.claim.as_deref() == Some(c.key.as_str())))
    }

    /// Everyone any account names, the event's own participants first,
    /// then those of its claims (rejected ones too: they are kept, and
    /// what they name must exist, be moved with a merge, be withheld with
    /// a confidential person).
    pub fn every_participant(&self) -> impl Iterator<Item = &Participant> {
        self.participants
            .iter()
            .chain(self.claims.iter().flat_map(|c| c.participants.iter().flatten()))
    }

    /// Everyone an account that stands names: the event's own
    /// participants, then those of its standing claims. What the status
    /// engine reads.
    pub fn standing_participants(&self) -> impl Iterator<Item = &Participant> {
        self.participants
            .iter()
            .chain(self.standing_claims().flat_map(|c| c.participants.iter().flatten()))
    }

    /// Does every account that stands name `person` as victim or target?
    /// (A claim that names no participants keeps the event's own.) When
    /// some do and others do not, what the event imposes on or ends for
    /// `person` is only possible.
    pub fn restrains_in_every_account(&self, person: &RecordId) -> bool {
        let names = |list: &[Participant]| {
            list.iter()
                .any(|p| &p.record_id == person && matches!(p.role, Role::Victim | Role::Target))
        };
        names(&self.participants)
            && self
                .standing_claims()
                .all(|c| c.participants.as_deref().is_none_or(names))
    }

    /// Do sources that stand disagree about this event?
    pub fn is_disputed(&self) -> bool {
        self.standing_claims().next().is_some()
    }

    /// Every day the event could have happened on, by any account that
    /// stands: its own date widened by the dates its claims give.
    pub fn claimed_date(&self) -> PartialDate {
        if self.claims.is_empty() {
            return self.date;
        }
        let (mut lo, mut hi) = (self.date.earliest(), self.date.latest());
        for d in self.standing_claims().filter_map(|c| c.date.as_ref()) {
            lo = lo.min(d.earliest());
            hi = hi.max(d.latest());
        }
        if (lo, hi) == (self.date.earliest(), self.date.latest()) {
            self.date
        } else {
            PartialDate::spanning(lo, hi)
        }
    }

    /// Drops the claims no excerpt states any more (after the excerpts of
    /// sources a reader may not see, or the evidence of a later day, were
    /// taken out).
    pub fn settle_claims(&mut self) {
        if self.claims.is_empty() {
            return;
        }
        let excerpts = &self.excerpts;
        self.claims
            .retain(|c| excerpts.iter().any(|x| x.claim.as_deref() == Some(c.key.as_str())));
    }

    /// When no excerpt states the event's own account any more (on a day
    /// only a later-disputed source was out), the first claim that stands
    /// is the account: its date, terms and place become the event's.
    pub fn promote_lone_claim(&mut self) {
        if self.excerpts.iter().any(|x| x.claim.is_none()) {
            return;
        }
        let Some(i) = self
            .claims
            .iter()
            .position(|c| c.stands() && self.excerpts.iter().any(|x| x.claim.as_deref() == Some(c.key.as_str())))
        else {
            return;
        };
        let c = self.claims.remove(i);
        if let Some(d) = c.date {
            self.date = d;
        }
        if let Some(t) = c.terms {
            self.terms = Some(t);
        }
        if let Some(p) = c.place {
            self.place = Some(p);
        }
        if let Some(p) = c.participants {
            self.participants = p;
        }
        for x in &mut self.excerpts {
            if x.claim.as_deref() == Some(c.key.as_str()) {
                x.claim = None;
            }
        }
    }

    pub(crate) fn check_claims(&self, errors: &mut Vec<FieldError>) {
        for (i, c) in self.claims.iter().enumerate() {
            let field = |f: &str| format!("claims[{i}].{f}");
            let key_ok = (1..=40).contains(&c.key.len())
                && c.key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !key_ok {
                errors.push(FieldError::new(
                    field("key"),
                    "a claim's key is 1–40 characters of a-z, 0-9 and '-'",
                ));
            } else if self.claims[..i].iter().any(|o| o.key == c.key) {
                errors.push(FieldError::new(
                    field("key"),
                    "another claim of this event has this key",
                ));
            }
            if c.date.is_none()
                && c.terms.as_ref().is_none_or(Terms::is_empty)
                && c.place.is_none()
                && c.participants.is_none()
            {
                errors.push(FieldError::new(
                    format!("claims[{i}]"),
                    "a claim gives a date, terms, a place or participants",
                ));
            }
            if c.participants.as_ref().is_some_and(Vec::is_empty) {
                errors.push(FieldError::new(
                    field("participants"),
                    "a claim's participants name at least one record: leave the field out to keep the event's own",
                ));
            }
            if let Some(place) = &c.place {
                crate::model::check_name(&field("place"), place, errors);
            }
            if let Some(reason) = &c.rejected {
                crate::model::check_name(&field("rejected"), reason, errors);
            }
            if let Some(terms) = &c.terms {
                for (j, b) in terms.bans.iter().enumerate() {
                    crate::model::check_name(&field(&format!("terms.bans[{j}].scope")), &b.scope, errors);
                }
            }
            if key_ok && !self.excerpts.iter().any(|x| x.claim.as_deref() == Some(c.key.as_str())) {
                errors.push(FieldError::new(
                    format!("claims[{i}]"),
                    "a claim needs an excerpt stating it: an excerpt whose `claim` is this key",
                ));
            }
        }
        for (i, x) in self.excerpts.iter().enumerate() {
            if let Some(k) = &x.claim {
                if !self.claims.iter().any(|c| &c.key == k) {
                    errors.push(FieldError::new(
                        format!("excerpts[{i}].claim"),
                        format!("this event has no claim '{k}'"),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Excerpt;
    use crate::vocab::EventType;
    use crate::{Record, RecordId};

    fn excerpt(source: &str, claim: Option<&str>) -> Excerpt {
        Excerpt {
            source_id: RecordId::parse(source).unwrap(),
            start: 0,
            end: 5,
            text: "words".into(),
            claim: claim.map(str::to_owned),
        }
    }

    fn appeal() -> Event {
        let mut e = Event::new(
            RecordId::parse("appeal").unwrap(),
            EventType::Appeal,
            "2019-12-03".parse().unwrap(),
            "Appeal rejected",
        );
        e.excerpts = vec![excerpt("hrw", None), excerpt("rfe", Some("late"))];
        e.claims = vec![Claim {
            date: Some("2019-12-19".parse().unwrap()),
            ..Claim::new("late")
        }];
        e
    }

    #[test]
    fn a_disputed_date_spans_every_account() {
        let e = appeal();
        assert!(e.is_disputed());
        assert_eq!(e.claimed_date().to_string(), "2019-12-03/2019-12-19");
    }

    #[test]
    fn a_rejected_claim_or_one_no_excerpt_states_is_not_read() {
        let mut e = appeal();
        e.claims[0].rejected = Some("the court's record says 3 December".into());
        assert!(!e.is_disputed());
        assert_eq!(e.claimed_date(), e.date);

        let mut e = appeal();
        e.excerpts.retain(|x| x.claim.is_none());
        assert_eq!(e.claimed_date(), e.date);
        e.settle_claims();
        assert!(
            e.claims.is_empty(),
            "a claim whose excerpts were taken out goes with them"
        );
    }

    #[test]
    fn when_only_a_claims_source_is_known_its_account_is_the_events() {
        let mut e = appeal();
        e.excerpts.retain(|x| x.claim.is_some());
        e.promote_lone_claim();
        assert_eq!(e.date.to_string(), "2019-12-19");
        assert!(e.claims.is_empty());
        assert!(e.excerpts.iter().all(|x| x.claim.is_none()));
    }

    #[test]
    fn claims_are_checked() {
        let mut e = appeal();
        e.claims.push(Claim::new("late"));
        e.claims.push(Claim::new("Bad Key"));
        e.excerpts.push(excerpt("rfe", Some("nowhere")));
        let errors = Record::Event(e).validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"claims[1].key"), "{fields:?}");
        assert!(fields.contains(&"claims[1]"), "says nothing: {fields:?}");
        assert!(fields.contains(&"claims[2].key"), "{fields:?}");
        assert!(fields.contains(&"excerpts[2].claim"), "{fields:?}");

        let mut e = appeal();
        e.excerpts.retain(|x| x.claim.is_none());
        let errors = Record::Event(e).validate().unwrap_err();
        assert!(errors.iter().any(|e| e.field == "claims[0]"), "no excerpt states it");
    }

    #[test]
    fn only_an_events_excerpts_state_claims() {
        let mut p = crate::Person::named(RecordId::parse("p").unwrap(), "Name");
        p.excerpts = vec![excerpt("hrw", Some("late"))];
        let errors = Record::Person(p).validate().unwrap_err();
        assert!(errors.iter().any(|e| e.field == "excerpts[0].claim"));
    }

    fn named(id: &str, role: Role) -> Participant {
        Participant {
            record_id: RecordId::parse(id).unwrap(),
            role,
        }
    }

    /// "Kushakbaev was detained" by one source, "Eleusinov was detained"
    /// by another: one detention, two accounts of who.
    fn detention() -> Event {
        let mut e = Event::new(
            RecordId::parse("detention").unwrap(),
            EventType::Detention,
            "2017-01-20".parse().unwrap(),
            "Union leader detained",
        );
        e.participants = vec![named("kushakbaev", Role::Victim), named("police", Role::Perpetrator)];
        e.excerpts = vec![excerpt("hrw", None), excerpt("rfe", Some("other-name"))];
        e.claims = vec![Claim {
            participants: Some(vec![named("eleusinov", Role::Victim)]),
            ..Claim::new("other-name")
        }];
        e
    }

    #[test]
    fn an_account_naming_others_is_a_claim_on_who_took_part() {
        let e = detention();
        let (k, el) = (
            RecordId::parse("kushakbaev").unwrap(),
            RecordId::parse("eleusinov").unwrap(),
        );
        assert!(e.is_disputed());
        assert!(e.involves(&el) && e.involves(&k));
        assert!(!e.restrains_in_every_account(&k), "the other account names Eleusinov");
        assert!(!e.restrains_in_every_account(&el));
        // A claim on the date alone keeps the event's own participants.
        let mut by_date = appeal();
        by_date.participants = vec![named("kushakbaev", Role::Victim)];
        assert!(by_date.restrains_in_every_account(&k));
        // A rejected account is not read.
        let mut rejected = detention();
        rejected.claims[0].rejected = Some("the court's record names Kushakbaev".into());
        assert!(rejected.restrains_in_every_account(&k));
        assert_eq!(
            rejected.standing_participants().count(),
            2,
            "the rejected account's people are not read"
        );
        assert_eq!(rejected.every_participant().count(), 3, "but they are kept");
        // Its people are references: they must exist, and move with a merge.
        let refs: Vec<String> = Record::Event(e.clone())
            .references()
            .iter()
            .map(|r| r.field.clone())
            .collect();
        assert!(
            refs.contains(&"claims[0].participants[0].record_id".to_owned()),
            "{refs:?}"
        );
        let moved = Record::Event(e.clone())
            .with_references_moved(&el, &RecordId::parse("amin-eleusinov").unwrap())
            .unwrap()
            .expect("moved");
        let Record::Event(moved) = moved else { panic!() };
        assert_eq!(
            moved.claims[0].participants.as_ref().unwrap()[0].record_id.as_str(),
            "amin-eleusinov"
        );
        // When only that account's source is known, its people are the event's.
        let mut only = detention();
        only.excerpts.retain(|x| x.claim.is_some());
        only.promote_lone_claim();
        assert_eq!(only.participants, vec![named("eleusinov", Role::Victim)]);
    }

    #[test]
    fn a_claim_of_no_one_is_refused_and_an_account_naming_a_hidden_person_is_withheld_whole() {
        let mut e = detention();
        e.claims[0].participants = Some(Vec::new());
        let errors = Record::Event(e).validate().unwrap_err();
        assert!(errors.iter().any(|e| e.field == "claims[0].participants"), "{errors:?}");

        let hidden: std::collections::HashSet<RecordId> = [RecordId::parse("eleusinov").unwrap()].into();
        let Record::Event(seen) = Record::Event(detention()).without_references_to(&hidden) else {
            panic!()
        };
        assert!(seen.claims.is_empty(), "{seen:?}");
        assert!(
            seen.excerpts.iter().all(|x| x.claim.is_none()),
            "its passages go with it"
        );
        let text = serde_json::to_string(&seen).unwrap();
        assert!(!text.contains("eleusinov") && !text.contains("other-name"), "{text}");
        Record::Event(seen).validate().expect("still a valid event");
    }
}
