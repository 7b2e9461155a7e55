//! Proposals: what the extractor thinks a text says, for a person to accept,
//! edit, merge or reject — and the records an accepted proposal becomes.
//!
//! A proposal's JSON is what the store keeps and the API shows:
//! `{"id", "kind", "label", "matched_id", "score", "excerpts", …}` with the
//! fields of its kind. `score` is the match score when `matched_id` names
//! an existing record, else how sure the extractor is of what it found.
//! Participants and affiliations name either an existing record
//! (`record_id`) or another proposal of the same source (`proposal_id`).

use serde::{Deserialize, Serialize};
use vigil_core::{
    Affiliation, Claim, Event, EventType, Excerpt, FieldError, Organisation, OrganisationKind, OrganisationStatus,
    PartialDate, Participant, Person, Record, RecordId, Role, Terms,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    Person,
    Organisation,
    Event,
    /// Another name for a person or organisation.
    Alias,
}

impl ProposalKind {
    pub const ALL: [ProposalKind; 4] = [
        ProposalKind::Person,
        ProposalKind::Organisation,
        ProposalKind::Event,
        ProposalKind::Alias,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ProposalKind::Person => "person",
            ProposalKind::Organisation => "organisation",
            ProposalKind::Event => "event",
            ProposalKind::Alias => "alias",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for ProposalKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person or organisation an event involves, and how.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposedParticipant {
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal_id: Option<String>,
    /// The name as found.
    pub label: String,
}

/// An earlier event a proposed event acts on (the sentence a pardon ends,
/// the fine a sentence for non-payment punishes): a record, or another
/// proposal of the same text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposedLink {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal_id: Option<String>,
    /// The event as named ("Sentence: Erlan Baltabay").
    pub label: String,
}

/// The organisation a proposed person belongs to, as the text says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposedAffiliation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal_id: Option<String>,
    pub label: String,
}

/// How an event's date was read from its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// Given in full by the text ("16 October 2019", "в июне 2019 года").
    Stated,
    /// A day or month without a year, given the year of the article's
    /// date (or the year before, when it would fall after the article).
    PublicationYear,
    /// A day or month without a year, the article's date unknown: given
    /// the latest year the text names.
    TextYear,
    /// Read against the article's date: "today", "yesterday", "on
    /// Wednesday", "last year", "this October", "в прошлом году".
    Relative,
    /// A pattern (a practice the text reports as ongoing): the article's
    /// date, the day it is reported in force.
    Reported,
    /// Not given, but fixed between two dated events of the text: a court
    /// decision after the opening of its case and no later than the
    /// pardon or release that ends it. `date_text` quotes both bounds.
    Bounded,
}

/// One proposed record (or alias), with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    pub kind: ProposalKind,
    /// A short line for people: a name, an event's headline.
    pub label: String,
    /// The existing record this is (or adds to), when matched.
    #[serde(default)]
    pub matched_id: Option<RecordId>,
    pub score: f64,
    pub excerpts: Vec<Excerpt>,

    // Persons and organisations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Other names found for it (acronyms included); for a matched record,
    /// only the names it does not have yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Every spelling under which the text names it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub found_as: Vec<String>,
    /// The role or title the text gives a person ("leader", "general secretary").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<ProposedAffiliation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_kind: Option<OrganisationKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,

    // Events.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<EventType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// The words the date was read from ("this October").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    /// How the date was read from them. No date means the text gives none:
    /// the editor dates the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<ProposedParticipant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub victim_count: Option<u32>,
    /// The earlier events it acts on, which the status engine needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acts_on: Vec<ProposedLink>,
    /// The text states an ongoing or general practice, not one act:
    /// accepted, it makes a pattern ([`vigil_core::Event::pattern`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pattern: bool,

    // Aliases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The proposal (person or organisation) the alias is a name of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
}

/// What became of a proposal another one refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Accepted or merged: this record.
    Record(RecordId),
    /// Not decided yet.
    Pending,
    /// Rejected: leave it out.
    Rejected,
}

impl Proposal {
    /// A proposal with only the common fields set.
    pub fn new(id: impl Into<String>, kind: ProposalKind, label: impl Into<String>) -> Self {
        Proposal {
            id: id.into(),
            kind,
            label: label.into(),
            matched_id: None,
            score: 0.0,
            excerpts: Vec::new(),
            name: None,
            aliases: Vec::new(),
            found_as: Vec::new(),
            role: None,
            affiliation: None,
            organisation_kind: None,
            country: None,
            event_type: None,
            date: None,
            date_text: None,
            date_basis: None,
            place: None,
            terms: None,
            participants: Vec::new(),
            acts_on: Vec::new(),
            victim_count: None,
            pattern: false,
            alias: None,
            of: None,
        }
    }

    /// The same proposal with every proposal id (its own and those it
    /// refers to) prefixed, so ids are unique across sources:
    /// `p3` becomes `{prefix}.p3`.
    pub fn prefixed(mut self, prefix: &str) -> Self {
        let p = |id: &mut String| *id = format!("{prefix}.{id}");
        p(&mut self.id);
        for part in &mut self.participants {
            if let Some(id) = &mut part.proposal_id {
                p(id);
            }
        }
        if let Some(a) = &mut self.affiliation {
            if let Some(id) = &mut a.proposal_id {
                p(id);
            }
        }
        if let Some(of) = &mut self.of {
            p(of);
        }
        for link in &mut self.acts_on {
            if let Some(id) = &mut link.proposal_id {
                p(id);
            }
        }
        self
    }

    /// The ids of other proposals this one refers to.
    pub fn refers_to(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .participants
            .iter()
            .filter_map(|p| p.proposal_id.as_deref())
            .collect();
        out.extend(self.affiliation.as_ref().and_then(|a| a.proposal_id.as_deref()));
        out.extend(self.of.as_deref());
        out.extend(self.acts_on.iter().filter_map(|l| l.proposal_id.as_deref()));
        out
    }

    /// The new record accepting this proposal creates, with id `id`.
    /// `resolve` says what became of the proposals it refers to; a
    /// participant still pending is an error naming it (decide on it
    /// first), a rejected one is left out.
    pub fn to_record(&self, id: RecordId, resolve: &dyn Fn(&str) -> Resolution) -> Result<Record, Vec<FieldError>> {
        let name = || self.name.clone().unwrap_or_else(|| self.label.clone());
        match self.kind {
            ProposalKind::Person => {
                let affiliations = self.resolved_affiliation(resolve)?.into_iter().collect();
                Ok(Record::Person(Person {
                    id,
                    name: name(),
                    aliases: self.aliases.clone(),
                    sex: None,
                    occupation: self.role.clone(),
                    country: self.country.clone(),
                    affiliations,
                    address: None,
                    excerpts: self.excerpts.clone(),
                    confidential: false,
                    confidential_fields: Vec::new(),
                }))
            }
            ProposalKind::Organisation => Ok(Record::Organisation(Organisation {
                id,
                name: name(),
                aliases: self.aliases.clone(),
                kind: self.organisation_kind.unwrap_or(OrganisationKind::Other),
                parent_id: None,
                country: self.country.clone(),
                status: OrganisationStatus::Unknown,
                excerpts: self.excerpts.clone(),
                confidential: false,
                confidential_fields: Vec::new(),
            })),
            ProposalKind::Event => {
                let mut errors = Vec::new();
                let participants = self.resolved_participants(resolve, &mut errors);
                let Some(event_type) = self.event_type else {
                    errors.push(FieldError::new("type", "the proposal has no event type"));
                    return Err(errors);
                };
                let Some(date) = self.date else {
                    errors.push(FieldError::new(
                        "date",
                        "the text gives no date for this event: accept it with an edited date",
                    ));
                    return Err(errors);
                };
                let relates_to = self.resolved_links(resolve, &mut errors);
                if !errors.is_empty() {
                    return Err(errors);
                }
                Ok(Record::Event(Event {
                    id,
                    event_type,
                    date,
                    place: self.place.clone(),
                    country: self.country.clone(),
                    title: self.label.clone(),
                    description: None,
                    participants,
                    victim_count: self.victim_count,
                    terms: self.terms.clone().filter(|t| !t.is_empty()),
                    relates_to,
                    excerpts: self.excerpts.clone(),
                    claims: Vec::new(),
                    pattern: self.pattern,
                    confidential: false,
                    confidential_fields: Vec::new(),
                }))
            }
            ProposalKind::Alias => Err(vec![FieldError::new(
                "kind",
                "an alias adds a name to a record: merge it into the record",
            )]),
        }
    }

    /// What this event proposal says of `event` that `event` does not: a
    /// date neither within nor around its own, or lengths of terms that
    /// differ. `None` when the two accounts agree.
    fn another_account_of(&self, event: &Event) -> Option<Claim> {
        let date = self
            .date
            .filter(|d| !d.encloses(&event.date) && !event.date.encloses(d));
        let terms = self.terms.clone().filter(|t| !t.is_empty()).filter(|t| {
            event
                .terms
                .as_ref()
                .is_some_and(|own| !own.is_empty() && !lengths_agree(own, t))
        });
        (date.is_some() || terms.is_some()).then(|| Claim {
            date,
            terms,
            ..Claim::new("")
        })
    }

    /// The affiliation this person proposal states, once its organisation
    /// is a record: `None` when there is none or its proposal was
    /// rejected; an error naming it while that proposal is undecided (an
    /// affiliation waits for its organisation, as an event for its
    /// people).
    fn resolved_affiliation(
        &self,
        resolve: &dyn Fn(&str) -> Resolution,
    ) -> Result<Option<Affiliation>, Vec<FieldError>> {
        let Some(a) = &self.affiliation else {
            return Ok(None);
        };
        let mut errors = Vec::new();
        let field = "affiliation".to_owned();
        let organisation_id = decided(
            a.record_id.as_ref(),
            a.proposal_id.as_deref(),
            &a.label,
            field,
            resolve,
            &mut errors,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(organisation_id.map(|organisation_id| Affiliation {
            organisation_id,
            role: a.role.clone(),
            period: None,
        }))
    }

    /// The events it acts on that are records; one still proposed and
    /// undecided is an error naming it (decide on it first), a rejected one
    /// is left out.
    fn resolved_links(&self, resolve: &dyn Fn(&str) -> Resolution, errors: &mut Vec<FieldError>) -> Vec<RecordId> {
        let mut out: Vec<RecordId> = Vec::new();
        for (i, l) in self.acts_on.iter().enumerate() {
            let field = format!("relates_to[{i}]");
            let Some(id) = decided(
                l.record_id.as_ref(),
                l.proposal_id.as_deref(),
                &l.label,
                field,
                resolve,
                errors,
            ) else {
                continue;
            };
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    fn resolved_participants(
        &self,
        resolve: &dyn Fn(&str) -> Resolution,
        errors: &mut Vec<FieldError>,
    ) -> Vec<Participant> {
        let mut out: Vec<Participant> = Vec::new();
        for (i, p) in self.participants.iter().enumerate() {
            let field = format!("participants[{i}]");
            let Some(record_id) = decided(
                p.record_id.as_ref(),
                p.proposal_id.as_deref(),
                &p.label,
                field,
                resolve,
                errors,
            ) else {
                continue;
            };
            if !out.iter().any(|o| o.record_id == record_id && o.role == p.role) {
                out.push(Participant {
                    record_id,
                    role: p.role,
                });
            }
        }
        out
    }

    /// `existing` with what this proposal adds: for a person or
    /// organisation, the names it lacks and the excerpts it does not cite
    /// yet; for an event, the excerpts and any participants it lacks; for
    /// an alias, the name. Nothing else of the record changes.
    pub fn merged_into(
        &self,
        existing: Record,
        resolve: &dyn Fn(&str) -> Resolution,
    ) -> Result<Record, Vec<FieldError>> {
        fn add_names(names: &mut Vec<String>, own: &str, new: &[String]) {
            for n in new {
                let f = vigil_core::name::fold(n);
                let known = vigil_core::name::fold(own) == f || names.iter().any(|a| vigil_core::name::fold(a) == f);
                if !known && !n.trim().is_empty() {
                    names.push(n.clone());
                }
            }
        }
        fn add_excerpts(to: &mut Vec<Excerpt>, new: &[Excerpt]) {
            for x in new {
                if !to
                    .iter()
                    .any(|e| e.source_id == x.source_id && e.start == x.start && e.end == x.end)
                {
                    to.push(x.clone());
                }
            }
        }
        let mut new_names: Vec<String> = self.aliases.clone();
        if let Some(n) = &self.name {
            new_names.insert(0, n.clone());
        }
        if let Some(a) = &self.alias {
            new_names.push(a.clone());
        }
        match (self.kind, existing) {
            (ProposalKind::Person | ProposalKind::Alias, Record::Person(mut p)) => {
                let own = p.name.clone();
                add_names(&mut p.aliases, &own, &new_names);
                add_excerpts(&mut p.excerpts, &self.excerpts);
                if self.kind == ProposalKind::Person {
                    if let Some(a) = self.resolved_affiliation(resolve)? {
                        if !p.affiliations.iter().any(|x| x.organisation_id == a.organisation_id) {
                            p.affiliations.push(a);
                        }
                    }
                }
                if p.occupation.is_none() {
                    p.occupation = self.role.clone();
                }
                Ok(Record::Person(p))
            }
            (ProposalKind::Organisation | ProposalKind::Alias, Record::Organisation(mut o)) => {
                let own = o.name.clone();
                add_names(&mut o.aliases, &own, &new_names);
                add_excerpts(&mut o.excerpts, &self.excerpts);
                Ok(Record::Organisation(o))
            }
            (ProposalKind::Event, Record::Event(mut e)) => {
                match self.another_account_of(&e) {
                    Some(mut claim) => {
                        let new: Vec<Excerpt> = self
                            .excerpts
                            .iter()
                            .filter(|x| {
                                !e.excerpts
                                    .iter()
                                    .any(|y| y.source_id == x.source_id && y.start == x.start && y.end == x.end)
                            })
                            .cloned()
                            .collect();
                        if !new.is_empty() {
                            claim.key = claim_key(&e, &new[0].source_id);
                            for mut x in new {
                                x.claim = Some(claim.key.clone());
                                e.excerpts.push(x);
                            }
                            e.claims.push(claim);
                        }
                    }
                    None => add_excerpts(&mut e.excerpts, &self.excerpts),
                }
                let mut errors = Vec::new();
                for p in self.resolved_participants(resolve, &mut errors) {
                    if !e.participants.iter().any(|q| q.record_id == p.record_id) {
                        e.participants.push(p);
                    }
                }
                for r in self.resolved_links(resolve, &mut errors) {
                    if r != e.id && !e.relates_to.contains(&r) {
                        e.relates_to.push(r);
                    }
                }
                if e.terms.is_none() {
                    e.terms = self.terms.clone().filter(|t| !t.is_empty());
                }
                if e.victim_count.is_none() {
                    e.victim_count = self.victim_count;
                }
                if errors.is_empty() {
                    Ok(Record::Event(e))
                } else {
                    Err(errors)
                }
            }
            (kind, other) => Err(vec![FieldError::new(
                "into",
                format!("a {kind} proposal cannot be merged into a {}", other.kind()),
            )]),
        }
    }
}

/// What a reference of a proposal names once decided: its record, or
/// `None` when it names none or its proposal was rejected. A proposal
/// still undecided is an error at `field` naming it (decide on it first).
fn decided(
    record_id: Option<&RecordId>,
    proposal_id: Option<&str>,
    label: &str,
    field: String,
    resolve: &dyn Fn(&str) -> Resolution,
    errors: &mut Vec<FieldError>,
) -> Option<RecordId> {
    match (record_id, proposal_id) {
        (Some(r), _) => Some(r.clone()),
        (None, Some(pid)) => match resolve(pid) {
            Resolution::Record(r) => Some(r),
            Resolution::Rejected => None,
            Resolution::Pending => {
                errors.push(FieldError::new(
                    field,
                    format!("decide first on '{label}' (proposal {pid})"),
                ));
                None
            }
        },
        (None, None) => None,
    }
}

/// Do two accounts give the same lengths, where both give one?
fn lengths_agree(a: &Terms, b: &Terms) -> bool {
    let same =
        |x: &Option<vigil_core::Duration>, y: &Option<vigil_core::Duration>| x.is_none() || y.is_none() || x == y;
    same(&a.imprisonment, &b.imprisonment) && same(&a.restricted_freedom, &b.restricted_freedom)
}

/// A key for the account `source` gives of `event`, unique in it: the
/// source's id, as a key may spell it.
fn claim_key(event: &Event, source: &RecordId) -> String {
    let base: String = source
        .as_str()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(34)
        .collect();
    let base = if base.trim_matches('-').is_empty() {
        "account".to_owned()
    } else {
        base
    };
    let taken = |k: &str| event.claims.iter().any(|c| c.key == k);
    let mut key = base.clone();
    let mut n = 2;
    while taken(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixing_rewrites_every_reference() {
        let mut p = Proposal::new("p3", ProposalKind::Event, "Sentence");
        p.participants.push(ProposedParticipant {
            role: Role::Victim,
            record_id: None,
            proposal_id: Some("p1".into()),
            label: "Aigul".into(),
        });
        let p = p.prefixed("src");
        assert_eq!(p.id, "src.p3");
        assert_eq!(p.refers_to(), ["src.p1"]);
    }

    #[test]
    fn an_affiliation_waits_for_its_organisation() {
        let mut p = Proposal::new("p2", ProposalKind::Person, "Aigul Utepova");
        p.affiliation = Some(ProposedAffiliation {
            role: Some("leader".into()),
            record_id: None,
            proposal_id: Some("p1".into()),
            label: "Caspian Oil Workers Union".into(),
        });
        let id = RecordId::parse("aigul").unwrap();
        let errs = p.to_record(id.clone(), &|_| Resolution::Pending).unwrap_err();
        assert_eq!(errs[0].field, "affiliation");
        assert!(errs[0].message.contains("Caspian Oil Workers Union"), "{errs:?}");
        let union = RecordId::parse("cowu").unwrap();
        let Ok(Record::Person(made)) = p.to_record(id.clone(), &|_| Resolution::Record(union.clone())) else {
            panic!("a person");
        };
        assert_eq!(made.affiliations[0].organisation_id, union);
        let Ok(Record::Person(alone)) = p.to_record(id.clone(), &|_| Resolution::Rejected) else {
            panic!("a person");
        };
        assert!(alone.affiliations.is_empty(), "a rejected organisation is left out");
        // Accepted into a person already known: the affiliation is added.
        let known = Record::Person(Person::named(id, "Aigul Utepova"));
        let Ok(Record::Person(merged)) = p.merged_into(known.clone(), &|_| Resolution::Record(union.clone())) else {
            panic!("merged");
        };
        assert_eq!(merged.affiliations.len(), 1);
        assert!(p.merged_into(known, &|_| Resolution::Pending).is_err());
    }

    /// Another day for the same act, or another length, is another account.
    #[test]
    fn an_event_told_otherwise_becomes_a_claim_on_the_known_one() {
        let mut known = Event::new(
            RecordId::parse("s").unwrap(),
            EventType::Sentence,
            "2019-10-16".parse().unwrap(),
            "Sentence",
        );
        known.terms = Some(Terms {
            imprisonment: Some("P5M8D".parse().unwrap()),
            ..Terms::default()
        });
        let mut p = Proposal::new("p3", ProposalKind::Event, "Sentence");
        p.event_type = Some(EventType::Sentence);
        p.date = Some("2019-10-18".parse().unwrap());
        p.excerpts.push(Excerpt {
            source_id: RecordId::parse("second").unwrap(),
            start: 0,
            end: 4,
            text: "text".into(),
            claim: None,
        });
        let Ok(Record::Event(e)) = p.merged_into(Record::Event(known.clone()), &|_| Resolution::Pending) else {
            panic!("merged");
        };
        assert_eq!(e.claims.len(), 1);
        assert_eq!(e.claims[0].key, "second");
        assert_eq!(e.claims[0].date.map(|d| d.to_string()).as_deref(), Some("2019-10-18"));
        assert_eq!(e.excerpts[0].claim.as_deref(), Some("second"));
        assert!(Record::Event(e.clone()).validate().is_ok(), "a valid claim");
        // The same passage again adds nothing; a vaguer date agrees.
        let Ok(Record::Event(again)) = p.merged_into(Record::Event(e), &|_| Resolution::Pending) else {
            panic!("merged");
        };
        assert_eq!(again.claims.len(), 1);
        p.date = Some("2019-10".parse().unwrap());
        p.excerpts[0].source_id = RecordId::parse("third").unwrap();
        let Ok(Record::Event(vaguer)) = p.merged_into(Record::Event(known), &|_| Resolution::Pending) else {
            panic!("merged");
        };
        assert!(vaguer.claims.is_empty(), "October 2019 agrees with 16 October");
        assert!(vaguer.excerpts[0].claim.is_none());
    }

    #[test]
    fn an_event_needs_its_participants_decided_and_a_date() {
        let mut p = Proposal::new("p3", ProposalKind::Event, "Sentence");
        p.event_type = Some(EventType::Sentence);
        p.participants.push(ProposedParticipant {
            role: Role::Victim,
            record_id: None,
            proposal_id: Some("p1".into()),
            label: "Aigul".into(),
        });
        let id = RecordId::parse("e").unwrap();
        let errs = p.to_record(id.clone(), &|_| Resolution::Pending).unwrap_err();
        assert!(errs.iter().any(|e| e.field == "date"));
        p.date = Some("2019-10-16".parse().unwrap());
        let errs = p.to_record(id.clone(), &|_| Resolution::Pending).unwrap_err();
        assert_eq!(errs[0].field, "participants[0]");
        let r = p
            .to_record(id.clone(), &|_| Resolution::Record(RecordId::parse("aigul").unwrap()))
            .unwrap();
        let Record::Event(e) = r else { panic!() };
        assert_eq!(e.participants[0].record_id.as_str(), "aigul");
        let r = p.to_record(id, &|_| Resolution::Rejected).unwrap();
        let Record::Event(e) = r else { panic!() };
        assert!(e.participants.is_empty());
    }
}
