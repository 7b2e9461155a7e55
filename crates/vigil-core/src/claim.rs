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
use crate::model::{Event, FieldError, Terms};

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
            if c.date.is_none() && c.terms.as_ref().is_none_or(Terms::is_empty) && c.place.is_none() {
                errors.push(FieldError::new(
                    format!("claims[{i}]"),
                    "a claim gives a date, terms or a place",
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
}
