//! A whole case file at once: the demo, an import, an export. Its
//! [`CaseFile::validate`] is the one place that states what makes a set of
//! records coherent: unique ids, references that resolve to the right kind,
//! excerpts that quote their sources verbatim.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::accountability::{Assessment, Mechanism, Pledge, RatingRule, Recommendation, Review};
use crate::id::RecordId;
use crate::model::{Case, Event, Organisation, Person, Record, Source};
use crate::vocab::RecordKind;

pub mod evidence;
pub mod references;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    pub sources: Vec<Source>,
    pub organisations: Vec<Organisation>,
    pub persons: Vec<Person>,
    pub events: Vec<Event>,
    pub cases: Vec<Case>,
    #[serde(default)]
    pub mechanisms: Vec<Mechanism>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    #[serde(default)]
    pub pledges: Vec<Pledge>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    #[serde(default)]
    pub rating_rules: Vec<RatingRule>,
}

/// Something wrong with one record of a case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub record: RecordId,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.record, self.field, self.message)
    }
}

impl CaseFile {
    /// Every record, in an order where each one's references come first
    /// (sources, organisations, persons, events, cases); organisations are
    /// ordered parents first.
    pub fn records(&self) -> Vec<Record> {
        let mut orgs: Vec<&Organisation> = Vec::new();
        let mut placed: std::collections::HashSet<&RecordId> = Default::default();
        let mut pending: Vec<&Organisation> = self.organisations.iter().collect();
        while !pending.is_empty() {
            let before = pending.len();
            pending.retain(|o| {
                let ready = o
                    .parent_id
                    .as_ref()
                    .is_none_or(|p| placed.contains(p) || !self.organisations.iter().any(|x| &x.id == p));
                if ready {
                    placed.insert(&o.id);
                    orgs.push(o);
                }
                !ready
            });
            if pending.len() == before {
                // A cycle: keep the rest in their given order; validation
                // reports it.
                orgs.append(&mut pending);
            }
        }
        let mut out = Vec::with_capacity(self.len());
        out.extend(self.sources.iter().cloned().map(Record::Source));
        out.extend(orgs.into_iter().cloned().map(Record::Organisation));
        out.extend(self.persons.iter().cloned().map(Record::Person));
        out.extend(self.events.iter().cloned().map(Record::Event));
        out.extend(self.cases.iter().cloned().map(Record::Case));
        out.extend(self.mechanisms.iter().cloned().map(Record::Mechanism));
        out.extend(self.reviews.iter().cloned().map(Record::Review));
        out.extend(self.recommendations.iter().cloned().map(Record::Recommendation));
        out.extend(self.pledges.iter().cloned().map(Record::Pledge));
        out.extend(self.assessments.iter().cloned().map(Record::Assessment));
        out.extend(self.rating_rules.iter().cloned().map(Record::RatingRule));
        out
    }

    pub fn len(&self) -> usize {
        self.sources.len()
            + self.organisations.len()
            + self.persons.len()
            + self.events.len()
            + self.cases.len()
            + self.mechanisms.len()
            + self.reviews.len()
            + self.recommendations.len()
            + self.pledges.len()
            + self.assessments.len()
            + self.rating_rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn push(&mut self, record: Record) {
        match record {
            Record::Person(r) => self.persons.push(r),
            Record::Organisation(r) => self.organisations.push(r),
            Record::Event(r) => self.events.push(r),
            Record::Case(r) => self.cases.push(r),
            Record::Source(r) => self.sources.push(r),
            Record::Mechanism(r) => self.mechanisms.push(r),
            Record::Review(r) => self.reviews.push(r),
            Record::Recommendation(r) => self.recommendations.push(r),
            Record::Pledge(r) => self.pledges.push(r),
            Record::Assessment(r) => self.assessments.push(r),
            Record::RatingRule(r) => self.rating_rules.push(r),
        }
    }

    /// All problems, not only the first: a reviewer fixes them in one pass.
    pub fn validate(&self) -> Vec<Problem> {
        let records = self.records();
        let mut problems = Vec::new();
        let mut kinds: HashMap<&RecordId, RecordKind> = HashMap::new();
        for r in &records {
            if kinds.insert(r.id(), r.kind()).is_some() {
                problems.push(Problem {
                    record: r.id().clone(),
                    field: "id".into(),
                    message: "this id is used by more than one record".into(),
                });
            }
        }
        let texts: HashMap<&RecordId, &str> = self.sources.iter().map(|s| (&s.id, s.text.as_str())).collect();
        let confidential: HashSet<&RecordId> = records.iter().filter(|r| r.is_confidential()).map(|r| r.id()).collect();
        for r in &records {
            let problem = |field: String, message: String| Problem {
                record: r.id().clone(),
                field,
                message,
            };
            if let Err(errors) = r.validate() {
                problems.extend(errors.into_iter().map(|e| problem(e.field, e.message)));
            }
            problems.extend(
                references::check(
                    r,
                    &references::Maps {
                        kinds: &kinds,
                        texts: &texts,
                        confidential: &confidential,
                    },
                )
                .into_iter()
                .map(|m| {
                    let message = match &m {
                        references::Misfit::Misquoted { start, end, source, .. } => {
                            format!("the quote does not occur at bytes {start}..{end} of '{source}'")
                        }
                        other => other.message(),
                    };
                    problem(m.field(), message)
                }),
            );
        }
        problems
    }
}
