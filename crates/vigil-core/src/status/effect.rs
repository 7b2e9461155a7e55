//! What an event did to a person's restraints, as data: each [`Effect`]
//! can be put into words in any language (the application's
//! `words::effect_in`); [`Effect::english`] is the engine's own account,
//! the [`Step::effect`](super::Step) every reader of the API sees.

use time::Date;

use crate::date::{format_day, PartialDate};
use crate::duration::Duration;
use crate::id::RecordId;
use crate::model::Fine;
use crate::vocab::RestraintKind;

/// A restraint as an effect names it: its kind, and an activity ban's scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub kind: RestraintKind,
    pub scope: Option<String>,
}

impl Held {
    fn english(&self) -> String {
        match (self.kind, &self.scope) {
            (RestraintKind::Custody, _) => "custody".into(),
            (RestraintKind::Imprisonment, _) => "imprisonment".into(),
            (RestraintKind::RestrictedFreedom, _) => "restricted freedom".into(),
            (RestraintKind::Fine, _) => "the fine".into(),
            (RestraintKind::ActivityBan, Some(scope)) => format!("activity ban ({scope})"),
            (RestraintKind::ActivityBan, None) => "activity ban (scope not stated)".into(),
        }
    }
}

/// Why an event changed nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoChange {
    /// An appeal that names no sentence in `relates_to`.
    AppealNamesNothing,
    /// An appeal whose sentence is not on record by its date.
    AppealSentenceMissing,
    /// An appeal without terms: the sentence stands.
    AppealUpholds,
    /// An appeal with terms, but nothing in force to replace.
    AppealNothingToReplace,
    /// An ending event whose named event is not on record by its date.
    EnderNamedMissing,
    /// An ending event with nothing in force to end.
    EnderNothingToEnd,
    /// A release from custody with no terms recorded.
    NoTerms,
}

/// One thing an event did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Ends the fine imposed by `by` by converting it (sentenced for not
    /// paying it).
    EndsConvertedFine { by: RecordId },
    /// Ends a restraint.
    Ends(Held),
    /// A restraint starts, for its term when it has one.
    Starts { held: Held, term: Option<Duration> },
    /// An activity ban starts with no end stated.
    StartsOpen(Held),
    /// An activity ban starts, for a term counted from the end of
    /// imprisonment.
    StartsAfterPrison { held: Held, term: Duration },
    /// A fine is imposed.
    FineImposed(Option<Fine>),
    /// Adds a restraint to those in force.
    Adds(Box<Effect>),
    /// The fine is now another.
    FineNow(Option<Fine>),
    /// A restraint's term is now another, counted from a date.
    TermNow {
        held: Held,
        term: Duration,
        from: PartialDate,
    },
    /// A restraint now has no end stated.
    OpenNow(Held),
    /// Lifts a restraint (a ban cut to nothing).
    Lifts(Held),
    /// The rest of a term is replaced by a fine.
    RestFine(Option<Fine>),
    /// The rest of a term is replaced by another restraint.
    RestTerm { held: Held, term: Duration },
    /// A restraint continues, no end stated.
    Continues(Held),
    /// Nothing changed, and why.
    NoChange(NoChange),
    /// The event's date may fall after the day asked about.
    MayFallAfter(Date),
}

fn fine_english(f: Option<&Fine>) -> String {
    match f {
        Some(Fine::Amount { amount, currency }) => format!("a fine of {amount} {currency}"),
        _ => "a fine".into(),
    }
}

impl Effect {
    /// The engine's account in English: "imprisonment P7Y starts",
    /// "rest replaced by a fine".
    pub fn english(&self) -> String {
        match self {
            Effect::EndsConvertedFine { by } => {
                format!("ends the fine imposed by {by} (converted: sentenced for not paying it)")
            }
            Effect::Ends(h) => format!("ends {}", h.english()),
            Effect::Starts { held, term } => match (held.kind, term) {
                (RestraintKind::Custody, Some(t)) => format!("custody starts, for {t}"),
                (RestraintKind::Custody, None) => "custody starts".into(),
                (RestraintKind::ActivityBan, Some(t)) => format!("{} starts, for {t}", held.english()),
                (_, Some(t)) => format!("{} {t} starts", held.english()),
                (_, None) => format!("{} starts", held.english()),
            },
            Effect::StartsOpen(h) => format!("{} starts, no end stated", h.english()),
            Effect::StartsAfterPrison { held, term } => {
                format!(
                    "{} starts, for {term} counted from the end of imprisonment",
                    held.english()
                )
            }
            Effect::FineImposed(f) => format!("{} imposed", fine_english(f.as_ref())),
            Effect::Adds(e) => format!("adds {}", e.english()),
            Effect::FineNow(f) => format!("the fine now {}", fine_english(f.as_ref())),
            Effect::TermNow { held, term, from } => format!("{} now {term}, counted from {from}", held.english()),
            Effect::OpenNow(h) => format!("{} now with no end stated", h.english()),
            Effect::Lifts(h) => format!("lifts {}", h.english()),
            Effect::RestFine(f) => format!("rest replaced by {}", fine_english(f.as_ref())),
            Effect::RestTerm { held, term } => format!("rest replaced by {} {term}", held.english()),
            Effect::Continues(h) => format!("{} continues, no end stated", h.english()),
            Effect::NoChange(n) => match n {
                NoChange::AppealNamesNothing => "names no sentence in relates_to; no change",
                NoChange::AppealSentenceMissing => "the sentence it names is not on record by this date; no change",
                NoChange::AppealUpholds => "upholds the sentence; no change",
                NoChange::AppealNothingToReplace => "nothing in force to replace",
                NoChange::EnderNamedMissing => "the event it names is not on record by this date; no effect",
                NoChange::EnderNothingToEnd => "nothing in force to end",
                NoChange::NoTerms => "no terms recorded",
            }
            .into(),
            Effect::MayFallAfter(d) => format!("its date may fall after {}", format_day(*d)),
        }
    }
}
