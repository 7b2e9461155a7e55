//! Controlled vocabularies: the words a case file may use for kinds of
//! events, roles, organisations. Each term has a stable machine form (used in
//! JSON, URLs and the database) and a label for people.

use std::fmt;
use std::str::FromStr;

/// An unknown term of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a known {vocabulary} (expected one of: {expected})")]
pub struct UnknownTerm {
    pub vocabulary: &'static str,
    pub value: String,
    pub expected: String,
}

/// A term of a vocabulary, for what handles any of them (the interface's
/// translations: the key of a term's label is its vocabulary and its code,
/// as `event-type-registration-denial`).
pub trait Term {
    /// The vocabulary's name, in English ("event type").
    const VOCABULARY: &'static str;
    /// The machine form.
    fn code(&self) -> &'static str;
    /// The English label.
    fn english(&self) -> &'static str;
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The machine form, as in JSON and URLs.
            pub const fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// A label for people.
            pub const fn label(&self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl Term for $name {
            const VOCABULARY: &'static str = $what;

            fn code(&self) -> &'static str {
                self.as_str()
            }

            fn english(&self) -> &'static str {
                self.label()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownTerm;
            fn from_str(s: &str) -> Result<Self, UnknownTerm> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err(UnknownTerm {
                        vocabulary: $what,
                        value: s.chars().take(64).collect(),
                        expected: [$($code),+].join(", "),
                    }),
                }
            }
        }
    };
}

vocabulary! {
    /// What happened, from the field's own vocabulary.
    EventType, "event type" {
        Arrest => "arrest", "Arrest";
        Detention => "detention", "Detention";
        Search => "search", "Search";
        Seizure => "seizure", "Seizure";
        Interrogation => "interrogation", "Interrogation";
        Investigation => "investigation", "Investigation";
        Charge => "charge", "Charge";
        Trial => "trial", "Trial";
        Conviction => "conviction", "Conviction";
        Sentence => "sentence", "Sentence";
        Pardon => "pardon", "Pardon";
        Release => "release", "Release";
        Fine => "fine", "Fine";
        Ban => "ban", "Ban";
        Appeal => "appeal", "Appeal";
        Acquittal => "acquittal", "Acquittal";
        Amnesty => "amnesty", "Amnesty";
        RegistrationDenial => "registration_denial", "Registration denied";
        Dissolution => "dissolution", "Dissolution";
        Strike => "strike", "Strike";
        Rally => "rally", "Rally";
        Dispersal => "dispersal", "Dispersal";
        Law => "law", "Law";
        Statement => "statement", "Statement";
        Review => "review", "Review";
        Pledge => "pledge", "Pledge";
        Campaign => "campaign", "Campaign";
        Award => "award", "Award";
        Resignation => "resignation", "Resignation";
        Appointment => "appointment", "Appointment";
        Sanction => "sanction", "Sanction";
        Harassment => "harassment", "Harassment";
    }
}

vocabulary! {
    /// A participant's part in an event.
    Role, "participant role" {
        Victim => "victim", "Victim";
        Perpetrator => "perpetrator", "Perpetrator";
        Actor => "actor", "Actor";
        Target => "target", "Target";
    }
}

vocabulary! {
    /// What kind of body an organisation is.
    OrganisationKind, "organisation kind" {
        Union => "union", "Trade union";
        Confederation => "confederation", "Confederation";
        Ngo => "ngo", "NGO";
        StateBody => "state_body", "State body";
        Court => "court", "Court";
        Intergovernmental => "intergovernmental", "Intergovernmental";
        PoliticalMovement => "political_movement", "Political movement";
        Media => "media", "Media";
        Other => "other", "Other";
    }
}

vocabulary! {
    /// Whether an organisation can still act.
    OrganisationStatus, "organisation status" {
        Active => "active", "Active";
        Dissolved => "dissolved", "Dissolved";
        Banned => "banned", "Banned";
        Unknown => "unknown", "Unknown";
    }
}

vocabulary! {
    Sex, "sex" {
        Female => "female", "Female";
        Male => "male", "Male";
        Other => "other", "Other";
    }
}

vocabulary! {
    /// What an account may do (see [`crate::account`]).
    AccountRole, "account role" {
        Admin => "admin", "Administrator";
        Editor => "editor", "Editor";
        ConfidentialReader => "confidential_reader", "Editor with access to confidential records";
        Reader => "reader", "Reader";
        Device => "device", "Field device (only sends reports, over OpenRosa)";
    }
}

vocabulary! {
    /// The kinds of record a case file holds.
    RecordKind, "record kind" {
        Person => "person", "Person";
        Organisation => "organisation", "Organisation";
        Event => "event", "Event";
        Case => "case", "Case";
        Source => "source", "Source";
        Mechanism => "mechanism", "Review mechanism";
        Review => "review", "Review";
        Recommendation => "recommendation", "Recommendation";
        Pledge => "pledge", "Pledge";
        Assessment => "assessment", "Assessment";
        RatingRule => "rating_rule", "Rating rule";
    }
}

vocabulary! {
    /// What kind of body reviews a state ([`crate::accountability`]).
    MechanismKind, "mechanism kind" {
        Upr => "upr", "UN Human Rights Council, Universal Periodic Review";
        IloCas => "ilo_cas", "ILO Committee on the Application of Standards";
        IloCfa => "ilo_cfa", "ILO Committee on Freedom of Association";
        IloSupervision => "ilo_supervision", "ILO supervisory body (other)";
        TreatyBody => "treaty_body", "UN treaty body";
        SpecialProcedure => "special_procedure", "UN special procedure";
        National => "national", "National body";
        Other => "other", "Other";
    }
}

vocabulary! {
    /// Where an ILO Committee on Freedom of Association case stands.
    CfaCaseStatus, "CFA case status" {
        Active => "active", "Active";
        FollowUp => "follow_up", "Follow-up";
        Closed => "closed", "Closed";
    }
}

vocabulary! {
    /// The state's response to a recommendation.
    StateResponse, "state response" {
        Supported => "supported", "Supported";
        Noted => "noted", "Noted";
        None => "none", "No response";
    }
}

vocabulary! {
    /// What a recommendation or pledge is about.
    Theme, "theme" {
        FreedomOfAssociation => "freedom_of_association", "Freedom of association";
        RightToStrike => "right_to_strike", "Right to strike";
        CollectiveBargaining => "collective_bargaining", "Collective bargaining";
        Assembly => "assembly", "Freedom of peaceful assembly";
        Expression => "expression", "Freedom of expression";
        FairTrial => "fair_trial", "Fair trial";
        HumanRightsDefenders => "human_rights_defenders", "Human-rights defenders";
        Detention => "detention", "Arbitrary detention";
        JudicialReform => "judicial_reform", "Judicial and law-enforcement reform";
        Other => "other", "Other";
    }
}

vocabulary! {
    /// How far a recommendation or pledge has been carried out, on a date.
    ImplementationStatus, "implementation status" {
        NotImplemented => "not_implemented", "Not implemented";
        PartiallyImplemented => "partially_implemented", "Partially implemented";
        Implemented => "implemented", "Implemented";
        Regressed => "regressed", "Regressed";
    }
}

vocabulary! {
    /// Whether a piece of evidence supports an assessment or contradicts it.
    Bearing, "bearing" {
        Supports => "supports", "Supports";
        Contradicts => "contradicts", "Contradicts";
    }
}

vocabulary! {
    /// The five groups of indicators a rating counts events under.
    IndicatorGroup, "indicator group" {
        CivilLiberties => "civil_liberties", "Civil liberties";
        RightToOrganise => "right_to_organise", "Right to establish or join unions";
        UnionActivities => "union_activities", "Trade-union activities";
        CollectiveBargaining => "collective_bargaining", "Collective bargaining";
        RightToStrike => "right_to_strike", "Right to strike";
    }
}

vocabulary! {
    /// A restraint on a person's liberty or activity, as the status engine
    /// ([`crate::status`]) derives it from events.
    RestraintKind, "restraint kind" {
        Custody => "custody", "In custody";
        Imprisonment => "imprisonment", "Imprisoned";
        RestrictedFreedom => "restricted_freedom", "Restricted freedom";
        ActivityBan => "activity_ban", "Activity ban";
        Fine => "fine", "Fined";
    }
}

vocabulary! {
    /// How sure a derived fact is, given dates of stated precision: true
    /// under every reading of them, or under some only.
    Certainty, "certainty" {
        Certain => "certain", "Certainly";
        Possible => "possible", "Possibly";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_forms_round_trip_through_text_and_json() {
        for t in EventType::ALL {
            assert_eq!(t.as_str().parse::<EventType>(), Ok(*t));
            assert_eq!(serde_json::to_string(t).unwrap(), format!("\"{}\"", t.as_str()));
        }
        let err = "jailing".parse::<EventType>().unwrap_err();
        assert!(err.to_string().contains("registration_denial"));
    }
}
