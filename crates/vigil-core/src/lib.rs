//! Vigil's domain, pure: no I/O, no async, no clock.
//!
//! Everything the rest of Vigil agrees on lives here: the records of a case
//! file ([`model`]), the controlled vocabularies ([`vocab`]), dates of stated
//! precision ([`date`]), lengths of sentences ([`duration`]), countries
//! ([`country`]), the rules that
//! make a set of records a coherent case file ([`casefile`]), where each
//! person stands on a given day ([`status`]), and name normalisation
//! ([`name`]). Callers pass "today" in; nothing here reads a
//! clock, a file or the network.

pub mod account;
pub mod accountability;
pub mod campaign;
pub mod casefile;
pub mod claim;
pub mod confidentiality;
pub mod country;
pub mod date;
pub mod duration;
pub mod id;
pub mod model;
pub mod name;
#[cfg(feature = "openapi")]
mod openapi;
pub mod quote;
pub mod status;
pub mod vocab;

pub use account::{UserName, UserNameError};
pub use accountability::{
    Assessment, Coverage, CoveredYears, Evidence, Indicator, Mechanism, Pledge, RatedCount, RatedEvent, Rating,
    RatingRule, Recommendation, Review, SpanningEvents, Threshold, YearRating, YearScore,
};
pub use casefile::{CaseFile, Problem};
pub use claim::Claim;
pub use country::{Country, CountryError};
pub use date::{timeline_order, DateError, DatePoint, PartialDate, Precision};
pub use duration::{Duration, DurationError};
pub use id::{IdError, RecordId};
pub use model::*;
pub use status::{
    last_confirmation, person_status, status_from_stretches, statuses_on, stretches, Confirmed, Effect, EventLink,
    Held, NoChange, PersonStatus, Restraint, Step, Stretch,
};
pub use vocab::*;

/// The calendar date type used throughout Vigil.
pub use time::Date;

/// An error and each of its causes, joined by `: `, for logs (which keep
/// one line per failure).
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut chain = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        chain.push_str(": ");
        chain.push_str(&c.to_string());
        cause = c.source();
    }
    chain
}
