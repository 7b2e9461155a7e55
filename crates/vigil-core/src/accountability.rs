//! Holding a state to its word: review mechanisms and their reviews,
//! recommendations and the state's response, pledges by officials,
//! assessments of each over time with the evidence for them, and a rating
//! of a country per year computed from documented events by a rule that is
//! data ([`RatingRule`]), not code.
//!
//! Each of these is a record of the case file ([`crate::Record`]), so every
//! change is a revision, and confidentiality works as for any record. The
//! rating rule and the engine that applies it are in [`rating`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::id::RecordId;
use crate::model::Excerpt;
use crate::vocab::{Bearing, CfaCaseStatus, ImplementationStatus, MechanismKind, StateResponse, Theme};

pub mod rating;

pub use rating::{
    rate, rate_events, rate_years, rated_counts, rated_events, score_years, union_members, year_of, CountedEvent,
    Coverage, CoveredYears, GroupScore, Indicator, RatedCount, RatedEvent, RatedKey, Rating, RatingRule,
    SpanningEvents, Threshold, YearRating, YearScore, MAX_WEIGHT,
};

/// A body that reviews states: the UPR of the UN Human Rights Council, an
/// ILO committee, a treaty body, a national commission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Mechanism {
    pub id: RecordId,
    pub name: String,
    pub kind: MechanismKind,
    /// The organisation the body belongs to (the ILO, the UN Human Rights
    /// Council), when it is in the case file.
    #[serde(default)]
    pub organisation_id: Option<RecordId>,
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

/// One review of a state by a mechanism: a UPR cycle, an ILC session, a CFA
/// case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub id: RecordId,
    pub title: String,
    pub mechanism_id: RecordId,
    /// The state reviewed, ISO 3166-1 alpha-2.
    pub country: String,
    pub date: PartialDate,
    /// The cycle or session ("third cycle", "108th session").
    #[serde(default)]
    pub session: Option<String>,
    /// The convention reviewed ("ILO C87").
    #[serde(default)]
    pub convention: Option<String>,
    /// A CFA case's number, and where it stands.
    #[serde(default)]
    pub case_number: Option<String>,
    #[serde(default)]
    pub case_status: Option<CfaCaseStatus>,
    /// The event that records the review in the case file, if any.
    #[serde(default)]
    pub event_id: Option<RecordId>,
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

/// A recommendation or conclusion of a review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: RecordId,
    /// A short title for lists.
    pub title: String,
    /// The recommendation's words.
    pub text: String,
    pub review_id: RecordId,
    /// The recommending state (UPR), ISO 3166-1 alpha-2; `None` when the
    /// body itself concludes (ILO).
    #[serde(default)]
    pub recommending_state: Option<String>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default = "no_response")]
    pub response: StateResponse,
    /// Persons, organisations, cases and events it concerns.
    #[serde(default)]
    pub concerns: Vec<RecordId>,
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

fn no_response() -> StateResponse {
    StateResponse::None
}

/// A commitment by an official or a government, in its own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Pledge {
    pub id: RecordId,
    pub title: String,
    /// The state bound by it, ISO 3166-1 alpha-2.
    pub country: String,
    /// Who pledged: a person or an organisation.
    pub by_id: RecordId,
    pub date: PartialDate,
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// The event that records the pledge, if any.
    #[serde(default)]
    pub event_id: Option<RecordId>,
    /// The pledge's words, quoted from a source: at least one.
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

/// An event that bears on an assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub event_id: RecordId,
    pub bearing: Bearing,
}

/// Where a recommendation or pledge stands on a date, by whom, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub id: RecordId,
    pub title: String,
    /// The recommendation or pledge assessed.
    pub subject_id: RecordId,
    pub date: PartialDate,
    pub status: ImplementationStatus,
    /// Who assesses: a person or an organisation.
    pub by_id: RecordId,
    #[serde(default)]
    pub note: Option<String>,
    /// Events that support or contradict the assessment.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Passages that state the judgement or its grounds.
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

/// The latest assessment of each subject, by subject id.
pub fn latest_assessments(assessments: &[Assessment]) -> BTreeMap<&RecordId, &Assessment> {
    let mut out: BTreeMap<&RecordId, &Assessment> = BTreeMap::new();
    for a in assessments {
        let later = out.get(&a.subject_id).is_none_or(|b| (a.date, &a.id) > (b.date, &b.id));
        if later {
            out.insert(&a.subject_id, a);
        }
    }
    out
}
