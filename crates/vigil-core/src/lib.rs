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

/// Serde for a type whose data form is its text form: written with
/// `Display`, read with `FromStr` (a date, a duration).
macro_rules! serde_as_text {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// What a checked text newtype (`RecordId`, `UserName`, a campaign's
/// `Slug` and `Language`) is as text: `as_str`, `Display`, back into a
/// `String`, and read from one through its `parse` (so serde's
/// `try_from = "String"` checks it), the error mapped by `$map` if given.
macro_rules! text_newtype {
    ($t:ident, $err:ty $(, $map:expr)?) => {
        impl $t {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $t {
            type Error = $err;
            fn try_from(s: String) -> Result<Self, $err> {
                $t::parse(&s)$(.map_err($map))?
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

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
