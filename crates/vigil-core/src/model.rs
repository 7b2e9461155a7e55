//! The records of a case file.
//!
//! Every fact carries its evidence: events must cite at least one
//! [`Excerpt`], a passage quoted from a [`Source`] with its offsets; persons
//! and organisations may. A record marked `confidential` is for those with
//! the right to read it, and never for anyone else.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::accountability::{Assessment, Mechanism, Pledge, RatingRule, Recommendation, Review};
use crate::date::PartialDate;
use crate::duration::Duration;
use crate::id::RecordId;
use crate::vocab::{EventType, OrganisationKind, OrganisationStatus, RecordKind, Role, Sex};

/// A problem with one field of a record, named by its path
/// (`participants[1].record_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// A passage of a source, as UTF-8 byte offsets into its text (`end`
/// exclusive) and the quoted text itself, so the quote survives even if
/// offsets are misread and can always be checked against the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    pub source_id: RecordId,
    #[cfg_attr(feature = "openapi", schema(maximum = 18446744073709551615_u64))]
    pub start: usize,
    #[cfg_attr(feature = "openapi", schema(maximum = 18446744073709551615_u64))]
    pub end: usize,
    pub text: String,
    /// The key of the event's claim this passage states, when it gives
    /// another account than the event's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
}

impl Excerpt {
    /// Quote `source.text[start..end]`, if those are character boundaries.
    pub fn quote(source: &Source, start: usize, end: usize) -> Option<Self> {
        let text = source.text.get(start..end)?;
        Some(Self {
            source_id: source.id.clone(),
            start,
            end,
            text: text.to_owned(),
            claim: None,
        })
    }

    /// Does the quoted text occur verbatim at its offsets in `source_text`?
    pub fn matches(&self, source_text: &str) -> bool {
        source_text.get(self.start..self.end) == Some(self.text.as_str())
    }
}

fn check_excerpts(excerpts: &[Excerpt], errors: &mut Vec<FieldError>) {
    for (i, e) in excerpts.iter().enumerate() {
        if e.start >= e.end {
            errors.push(FieldError::new(format!("excerpts[{i}]"), "start must be before end"));
        }
        if e.text.trim().is_empty() {
            errors.push(FieldError::new(
                format!("excerpts[{i}].text"),
                "an excerpt quotes some text",
            ));
        }
        if e.text.len() != e.end.saturating_sub(e.start) {
            errors.push(FieldError::new(
                format!("excerpts[{i}].text"),
                "the quoted text's length differs from end - start",
            ));
        }
    }
}

/// Bounds on lists, so no single record can tie up the store.
const MAX_ITEMS: usize = 500;

fn check_sizes(record: &Record, errors: &mut Vec<FieldError>) {
    let mut check = |field: &str, n: usize| {
        if n > MAX_ITEMS {
            errors.push(FieldError::new(field, format!("at most {MAX_ITEMS} items")));
        }
    };
    check("excerpts", record.excerpts().len());
    if let Record::Event(e) = record {
        check("claims", e.claims.len());
    }
    check("confidential_fields", record.confidential_fields().len());
    match record {
        Record::Person(p) => {
            check("aliases", p.aliases.len());
            check("affiliations", p.affiliations.len());
        }
        Record::Organisation(o) => check("aliases", o.aliases.len()),
        Record::Event(e) => {
            check("participants", e.participants.len());
            check("relates_to", e.relates_to.len());
        }
        Record::Case(c) => {
            check("event_ids", c.event_ids.len());
            check("person_ids", c.person_ids.len());
        }
        Record::Recommendation(r) => {
            check("themes", r.themes.len());
            check("concerns", r.concerns.len());
        }
        Record::Pledge(p) => check("themes", p.themes.len()),
        Record::Assessment(a) => check("evidence", a.evidence.len()),
        Record::Mechanism(_) | Record::Review(_) | Record::RatingRule(_) => {}
        Record::Source(s) => {
            if s.text.len() > 1_500_000 {
                errors.push(FieldError::new("text", "a source's text is at most 1.5 MB"));
            }
        }
    }
}

pub(crate) fn check_name(field: &str, name: &str, errors: &mut Vec<FieldError>) {
    if name.trim().is_empty() {
        errors.push(FieldError::new(field, "must not be empty"));
    } else if name.chars().count() > 500 {
        errors.push(FieldError::new(field, "must be at most 500 characters"));
    } else if name.chars().any(crate::name::is_control) {
        errors.push(FieldError::new(field, "must not contain control characters"));
    }
}

fn check_country(field: &str, country: &Option<String>, errors: &mut Vec<FieldError>) {
    if let Some(c) = country {
        crate::country::check(field, c, errors);
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    pub organisation_id: RecordId,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub period: Option<PartialDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: RecordId,
    pub name: String,
    /// Other names and spellings, in any script.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub occupation: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub affiliations: Vec<Affiliation>,
    /// Where they live: typically marked confidential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub confidential: bool,
    /// Fields of this record that only those with the right may read
    /// (see [`crate::confidentiality`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

impl Person {
    /// A public person known by name only: every other field empty, to be
    /// filled with struct-update syntax (`Person { country, ..Person::named(id, name) }`).
    pub fn named(id: RecordId, name: impl Into<String>) -> Self {
        Person {
            id,
            name: name.into(),
            aliases: vec![],
            sex: None,
            occupation: None,
            country: None,
            affiliations: vec![],
            address: None,
            excerpts: vec![],
            confidential: false,
            confidential_fields: vec![],
        }
    }

    /// A person's address is always confidential: it says where to find
    /// someone who may be in danger.
    pub fn with_address_protected(mut self) -> Self {
        if self.address.is_some() && !self.confidential_fields.iter().any(|f| f == "address") {
            self.confidential_fields.push("address".into());
        }
        self
    }

    /// The name and every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: RecordId,
    pub name: String,
    /// Acronyms, translations and other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: OrganisationKind,
    #[serde(default)]
    pub parent_id: Option<RecordId>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default = "unknown_status")]
    pub status: OrganisationStatus,
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub confidential: bool,
    /// Fields of this record that only those with the right may read
    /// (see [`crate::confidentiality`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

fn unknown_status() -> OrganisationStatus {
    OrganisationStatus::Unknown
}

impl Organisation {
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// A person or an organisation.
    pub record_id: RecordId,
    pub role: Role,
}

/// A fine: an amount in whole units of a currency, or one a source mentions
/// without saying how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FineRepr", into = "FineRepr")]
pub enum Fine {
    Undisclosed,
    Amount { amount: u64, currency: String },
}

/// The JSON shape of a fine: `{"undisclosed": true}` or
/// `{"amount": 150000, "currency": "KZT"}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FineRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    undisclosed: bool,
}

impl TryFrom<FineRepr> for Fine {
    type Error = &'static str;
    fn try_from(r: FineRepr) -> Result<Self, Self::Error> {
        match (r.amount, r.currency, r.undisclosed) {
            (None, None, true) => Ok(Fine::Undisclosed),
            (Some(amount), Some(currency), false)
                if currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_uppercase()) =>
            {
                Ok(Fine::Amount { amount, currency })
            }
            _ => Err("a fine is {\"undisclosed\": true} or {\"amount\": N, \"currency\": \"XXX\"} (ISO 4217)"),
        }
    }
}

impl From<Fine> for FineRepr {
    fn from(f: Fine) -> Self {
        match f {
            Fine::Undisclosed => FineRepr {
                amount: None,
                currency: None,
                undisclosed: true,
            },
            Fine::Amount { amount, currency } => FineRepr {
                amount: Some(amount),
                currency: Some(currency),
                undisclosed: false,
            },
        }
    }
}

/// A ban from an activity ("trade union leadership", "public activity").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Ban {
    pub scope: String,
    /// `None` when the source states no end.
    #[serde(default)]
    pub duration: Option<Duration>,
}

/// The terms a sentence (or a pardon that replaces one) imposes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Terms {
    #[serde(default)]
    pub imprisonment: Option<Duration>,
    #[serde(default)]
    pub restricted_freedom: Option<Duration>,
    #[serde(default)]
    pub fine: Option<Fine>,
    #[serde(default)]
    pub bans: Vec<Ban>,
}

impl Terms {
    pub fn is_empty(&self) -> bool {
        self.imprisonment.is_none() && self.restricted_freedom.is_none() && self.fine.is_none() && self.bans.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: RecordId,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub date: PartialDate,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// How many people an act fell on when they are not named ("arresting
    /// 19 people").
    #[serde(default)]
    pub victim_count: Option<u32>,
    #[serde(default)]
    pub terms: Option<Terms>,
    /// Earlier events this one acts on: the sentence a pardon ends, the
    /// sentence an appeal changes, the fine a new sentence punishes.
    #[serde(default)]
    pub relates_to: Vec<RecordId>,
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    /// Other accounts of this event, where sources disagree: each stated
    /// by the excerpts whose `claim` is its key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<crate::claim::Claim>,
    /// The sources state an ongoing or general practice ("organisations
    /// … are denied official registration"), not one dated act: the
    /// event is listed apart as a pattern, and counted in no year, in no
    /// "since", among no latest events and in no status (issue 19).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pattern: bool,
    #[serde(default)]
    pub confidential: bool,
    /// Fields of this record that only those with the right may read
    /// (see [`crate::confidentiality`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

impl Event {
    /// An event with its required fields, every other one empty (public,
    /// no participants, no terms), to be filled with struct-update syntax.
    pub fn new(id: RecordId, event_type: EventType, date: PartialDate, title: impl Into<String>) -> Self {
        Event {
            id,
            event_type,
            date,
            place: None,
            country: None,
            title: title.into(),
            description: None,
            participants: vec![],
            victim_count: None,
            terms: None,
            relates_to: vec![],
            excerpts: vec![],
            claims: vec![],
            pattern: false,
            confidential: false,
            confidential_fields: vec![],
        }
    }

    pub fn participants_with(&self, role: Role) -> impl Iterator<Item = &RecordId> {
        self.participants
            .iter()
            .filter(move |p| p.role == role)
            .map(|p| &p.record_id)
    }

    /// Whether any account names `id` ([`Event::every_participant`]).
    pub fn involves(&self, id: &RecordId) -> bool {
        self.every_participant().any(|p| &p.record_id == id)
    }
}

/// A named group of events, such as "Prosecution of Erlan Baltabay".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: RecordId,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub event_ids: Vec<RecordId>,
    #[serde(default)]
    pub person_ids: Vec<RecordId>,
    #[serde(default)]
    pub confidential: bool,
    /// Fields of this record that only those with the right may read
    /// (see [`crate::confidentiality`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

/// A document: an article, a report, a court decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: RecordId,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    /// A BCP 47 language tag such as `en`, `ru`, `kk`.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub published: Option<PartialDate>,
    #[serde(default)]
    pub url: Option<String>,
    pub text: String,
    #[serde(default)]
    pub confidential: bool,
    /// Fields of this record that only those with the right may read
    /// (see [`crate::confidentiality`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

impl Source {
    /// A public source known by its title and text only, to be filled with
    /// struct-update syntax (`Source { publisher, ..Source::new(id, title, text) }`).
    pub fn new(id: RecordId, title: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            id,
            title: title.into(),
            publisher: None,
            language: None,
            published: None,
            url: None,
            text: text.into(),
            confidential: false,
            confidential_fields: vec![],
        }
    }

    /// SHA-256 of the text, hex: the same article twice is the same hash.
    pub fn content_hash(&self) -> String {
        let digest = Sha256::digest(self.text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Any record of a case file. The JSON form carries its kind beside it
/// (`{"kind": "person", "record": {"id": …}}`): an organisation has a
/// `kind` field of its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
pub enum Record {
    Person(Person),
    Organisation(Organisation),
    Event(Event),
    Case(Case),
    Source(Source),
    Mechanism(Mechanism),
    Review(Review),
    Recommendation(Recommendation),
    Pledge(Pledge),
    Assessment(Assessment),
    RatingRule(RatingRule),
}

/// `$body` with `$r` bound to the record inside, whatever its kind.
macro_rules! each_kind {
    ($record:expr, $r:ident => $body:expr) => {
        match $record {
            Record::Person($r) => $body,
            Record::Organisation($r) => $body,
            Record::Event($r) => $body,
            Record::Case($r) => $body,
            Record::Source($r) => $body,
            Record::Mechanism($r) => $body,
            Record::Review($r) => $body,
            Record::Recommendation($r) => $body,
            Record::Pledge($r) => $body,
            Record::Assessment($r) => $body,
            Record::RatingRule($r) => $body,
        }
    };
}

/// Whether a record's evidence must be there. An event, a pledge and an
/// assessment each need theirs ([`EvidenceRule::Required`], every write of the
/// case file). A public dataset holds what the public may see: a public
/// event whose only evidence quotes confidential sources comes with none,
/// its evidence withheld ([`EvidenceRule::MayBeWithheld`], for importing one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EvidenceRule {
    #[default]
    Required,
    MayBeWithheld,
}

impl Record {
    pub fn id(&self) -> &RecordId {
        each_kind!(self, r => &r.id)
    }

    /// The record under another id (a new record's, before it is written).
    pub fn with_id(mut self, id: RecordId) -> Self {
        each_kind!(&mut self, r => r.id = id);
        self
    }

    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Person(_) => RecordKind::Person,
            Record::Organisation(_) => RecordKind::Organisation,
            Record::Event(_) => RecordKind::Event,
            Record::Case(_) => RecordKind::Case,
            Record::Source(_) => RecordKind::Source,
            Record::Mechanism(_) => RecordKind::Mechanism,
            Record::Review(_) => RecordKind::Review,
            Record::Recommendation(_) => RecordKind::Recommendation,
            Record::Pledge(_) => RecordKind::Pledge,
            Record::Assessment(_) => RecordKind::Assessment,
            Record::RatingRule(_) => RecordKind::RatingRule,
        }
    }

    /// The country a record is of, if it has one: a person's or an
    /// organisation's, where an event happened, the state a review or a
    /// pledge concerns (ISO 3166-1 alpha-2).
    pub fn country(&self) -> Option<&str> {
        match self {
            Record::Person(p) => p.country.as_deref(),
            Record::Organisation(o) => o.country.as_deref(),
            Record::Event(e) => e.country.as_deref(),
            Record::Review(r) => Some(&r.country),
            Record::Pledge(p) => Some(&p.country),
            _ => None,
        }
    }

    /// A short human title: a name, an event's headline.
    pub fn title(&self) -> &str {
        match self {
            Record::Person(r) => &r.name,
            Record::Organisation(r) => &r.name,
            Record::Event(r) => &r.title,
            Record::Case(r) => &r.title,
            Record::Source(r) => &r.title,
            Record::Mechanism(r) => &r.name,
            Record::Review(r) => &r.title,
            Record::Recommendation(r) => &r.title,
            Record::Pledge(r) => &r.title,
            Record::Assessment(r) => &r.title,
            Record::RatingRule(r) => &r.name,
        }
    }

    pub fn confidential_fields(&self) -> &[String] {
        each_kind!(self, r => &r.confidential_fields)
    }

    /// Does any part of this record need the right to read it?
    pub fn has_confidential_content(&self) -> bool {
        self.is_confidential() || !self.confidential_fields().is_empty()
    }

    pub fn is_confidential(&self) -> bool {
        each_kind!(self, r => r.confidential)
    }

    /// The record withheld whole (see [`Record::is_confidential`]).
    pub fn withheld(mut self) -> Self {
        each_kind!(&mut self, r => r.confidential = true);
        self
    }

    pub fn excerpts(&self) -> &[Excerpt] {
        match self {
            Record::Person(r) => &r.excerpts,
            Record::Organisation(r) => &r.excerpts,
            Record::Event(r) => &r.excerpts,
            Record::Mechanism(r) => &r.excerpts,
            Record::Review(r) => &r.excerpts,
            Record::Recommendation(r) => &r.excerpts,
            Record::Pledge(r) => &r.excerpts,
            Record::Assessment(r) => &r.excerpts,
            Record::Case(_) | Record::Source(_) | Record::RatingRule(_) => &[],
        }
    }

    /// The record with every reference to `from` naming `into` instead,
    /// and a list that came to hold one item twice holding it once: for a
    /// merge (`from` merged into `into`), and for an id given anew (`into`
    /// fresh). `None` when it names `from` nowhere.
    pub fn with_references_moved(&self, from: &RecordId, into: &RecordId) -> serde_json::Result<Option<Record>> {
        use serde_json::Value;
        let fields: Vec<String> = self
            .references()
            .into_iter()
            .filter(|r| r.id == from)
            .map(|r| r.field)
            .collect();
        if fields.is_empty() {
            return Ok(None);
        }
        let mut whole = serde_json::to_value(self)?;
        let mut lists: Vec<String> = Vec::new();
        if let Some(body) = whole.get_mut("record") {
            for field in &fields {
                // `participants[0].record_id` → `/participants/0/record_id`.
                let pointer = format!(
                    "/{}",
                    field
                        .replace('[', "/")
                        .replace("].", "/")
                        .replace(']', "")
                        .replace('.', "/")
                );
                if let Some(v) = body.pointer_mut(&pointer) {
                    *v = Value::String(into.to_string());
                }
                if let Some(list) = field.split('[').next().filter(|_| field.contains('[')) {
                    lists.push(format!("/{}", list.replace('.', "/")));
                }
            }
            lists.sort();
            lists.dedup();
            for list in lists {
                if let Some(Value::Array(items)) = body.pointer_mut(&list) {
                    let mut seen: Vec<Value> = Vec::with_capacity(items.len());
                    items.retain(|x| {
                        let again = seen.contains(x);
                        seen.push(x.clone());
                        !again
                    });
                }
            }
        }
        serde_json::from_value(whole).map(Some)
    }

    /// Every other record this one names, with the field that names it and
    /// the kinds it may be.
    pub fn references(&self) -> Vec<Reference<'_>> {
        const AGENTS: &[RecordKind] = &[RecordKind::Person, RecordKind::Organisation];
        const EVENT: &[RecordKind] = &[RecordKind::Event];
        const ORGANISATION: &[RecordKind] = &[RecordKind::Organisation];
        let mut out = References(Vec::new());
        out.each(
            "excerpts",
            ".source_id",
            self.excerpts().iter().map(|e| &e.source_id),
            &[RecordKind::Source],
        );
        match self {
            Record::Person(p) => out.each(
                "affiliations",
                ".organisation_id",
                p.affiliations.iter().map(|a| &a.organisation_id),
                ORGANISATION,
            ),
            Record::Organisation(o) => out.maybe("parent_id", &o.parent_id, ORGANISATION),
            Record::Event(e) => {
                out.each(
                    "participants",
                    ".record_id",
                    e.participants.iter().map(|p| &p.record_id),
                    AGENTS,
                );
                out.each("relates_to", "", &e.relates_to, EVENT);
                for (i, c) in e.claims.iter().enumerate() {
                    out.each(
                        &format!("claims[{i}].participants"),
                        ".record_id",
                        c.participants.iter().flatten().map(|p| &p.record_id),
                        AGENTS,
                    );
                }
            }
            Record::Case(c) => {
                out.each("event_ids", "", &c.event_ids, EVENT);
                out.each("person_ids", "", &c.person_ids, &[RecordKind::Person]);
            }
            Record::Source(_) => {}
            Record::Mechanism(m) => out.maybe("organisation_id", &m.organisation_id, ORGANISATION),
            Record::Review(r) => {
                out.one("mechanism_id", &r.mechanism_id, &[RecordKind::Mechanism]);
                out.maybe("event_id", &r.event_id, EVENT);
            }
            Record::Recommendation(r) => {
                out.one("review_id", &r.review_id, &[RecordKind::Review]);
                out.each(
                    "concerns",
                    "",
                    &r.concerns,
                    &[
                        RecordKind::Person,
                        RecordKind::Organisation,
                        RecordKind::Case,
                        RecordKind::Event,
                    ],
                );
            }
            Record::Pledge(p) => {
                out.one("by_id", &p.by_id, AGENTS);
                out.maybe("event_id", &p.event_id, EVENT);
            }
            Record::Assessment(a) => {
                out.one(
                    "subject_id",
                    &a.subject_id,
                    &[RecordKind::Recommendation, RecordKind::Pledge],
                );
                out.one("by_id", &a.by_id, AGENTS);
                out.each("evidence", ".event_id", a.evidence.iter().map(|e| &e.event_id), EVENT);
            }
            Record::RatingRule(r) => out.maybe("organisation_id", &r.organisation_id, ORGANISATION),
        }
        out.0
    }

    /// Checks that need no other record. References and excerpts against
    /// their sources are checked by [`crate::CaseFile`] and the store.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        self.validate_as(EvidenceRule::Required)
    }

    /// [`Self::validate`], with the evidence an event, a pledge or an
    /// assessment needs required or not ([`EvidenceRule`]).
    pub fn validate_as(&self, evidence: EvidenceRule) -> Result<(), Vec<FieldError>> {
        let required = evidence == EvidenceRule::Required;
        let mut errors = Vec::new();
        check_name(
            match self {
                Record::Person(_) | Record::Organisation(_) | Record::Mechanism(_) | Record::RatingRule(_) => "name",
                _ => "title",
            },
            self.title(),
            &mut errors,
        );
        check_excerpts(self.excerpts(), &mut errors);
        if !matches!(self, Record::Event(_)) {
            for (i, x) in self.excerpts().iter().enumerate() {
                if x.claim.is_some() {
                    errors.push(FieldError::new(
                        format!("excerpts[{i}].claim"),
                        "only an event's excerpts state claims",
                    ));
                }
            }
        }
        check_sizes(self, &mut errors);
        crate::confidentiality::check_fields(self, &mut errors);
        match self {
            Record::Person(p) => {
                for (i, a) in p.aliases.iter().enumerate() {
                    check_name(&format!("aliases[{i}]"), a, &mut errors);
                }
                check_country("country", &p.country, &mut errors);
            }
            Record::Organisation(o) => {
                for (i, a) in o.aliases.iter().enumerate() {
                    check_name(&format!("aliases[{i}]"), a, &mut errors);
                }
                check_country("country", &o.country, &mut errors);
                if o.parent_id.as_ref() == Some(&o.id) {
                    errors.push(FieldError::new("parent_id", "an organisation cannot be its own parent"));
                }
            }
            Record::Event(e) => {
                if required && e.excerpts.is_empty() {
                    errors.push(FieldError::new(
                        "excerpts",
                        "an event needs at least one excerpt of a source as evidence",
                    ));
                }
                check_country("country", &e.country, &mut errors);
                if e.relates_to.contains(&e.id) {
                    errors.push(FieldError::new("relates_to", "an event cannot act on itself"));
                }
                if let Some(terms) = &e.terms {
                    for (i, b) in terms.bans.iter().enumerate() {
                        check_name(&format!("terms.bans[{i}].scope"), &b.scope, &mut errors);
                    }
                }
                e.check_claims(&mut errors);
            }
            Record::Case(_) | Record::Mechanism(_) => {}
            Record::Review(r) => {
                crate::country::check("country", &r.country, &mut errors);
                for (field, v) in [
                    ("session", &r.session),
                    ("convention", &r.convention),
                    ("case_number", &r.case_number),
                ] {
                    if let Some(v) = v {
                        check_name(field, v, &mut errors);
                    }
                }
            }
            Record::Recommendation(r) => {
                if r.text.trim().is_empty() {
                    errors.push(FieldError::new("text", "a recommendation needs its words"));
                } else if r.text.chars().count() > 20_000 {
                    errors.push(FieldError::new("text", "at most 20000 characters"));
                }
                if let Some(c) = &r.recommending_state {
                    crate::country::check("recommending_state", c, &mut errors);
                }
            }
            Record::Pledge(p) => {
                crate::country::check("country", &p.country, &mut errors);
                if required && p.excerpts.is_empty() {
                    errors.push(FieldError::new(
                        "excerpts",
                        "a pledge quotes its words: at least one excerpt of a source",
                    ));
                }
            }
            Record::Assessment(a) => {
                if required && a.evidence.is_empty() && a.excerpts.is_empty() {
                    errors.push(FieldError::new(
                        "evidence",
                        "an assessment needs evidence: at least one event or excerpt",
                    ));
                }
                if a.note.as_ref().is_some_and(|n| n.chars().count() > 20_000) {
                    errors.push(FieldError::new("note", "at most 20000 characters"));
                }
            }
            Record::RatingRule(r) => r.check(&mut errors),
            Record::Source(s) => {
                if let Some(url) = &s.url {
                    let lower = url.trim().to_ascii_lowercase();
                    if !(lower.starts_with("https://") || lower.starts_with("http://"))
                        || url.chars().any(char::is_control)
                    {
                        errors.push(FieldError::new("url", "an http:// or https:// address"));
                    }
                }
                if s.text.trim().is_empty() {
                    errors.push(FieldError::new("text", "a source needs its text"));
                }
                if let Some(lang) = &s.language {
                    let ok =
                        (2..=8).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
                    if !ok {
                        errors.push(FieldError::new("language", "a language tag such as en, ru or kk"));
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// One record naming another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    pub field: String,
    pub id: &'a RecordId,
    pub kinds: &'static [RecordKind],
}

/// The references a record cannot do without: who made a pledge, who
/// assessed what, the mechanism of a review, the review of a
/// recommendation. A reader who may not see the record named cannot be
/// shown the record that names it (its id would be a trace of the hidden
/// one), so such a record is withheld with what it requires
/// ([`crate::casefile::references::Misfit::Exposes`]).
pub const REQUIRED_REFERENCES: &[&str] = &["by_id", "subject_id", "mechanism_id", "review_id"];

impl Reference<'_> {
    /// Whether the record cannot be shown without the one this names
    /// ([`REQUIRED_REFERENCES`]).
    pub fn is_required(&self) -> bool {
        REQUIRED_REFERENCES.contains(&self.field.as_str())
    }
}

/// The references of one record as [`Record::references`] gathers them,
/// each field named as a field error names it (`participants[0].record_id`).
struct References<'a>(Vec<Reference<'a>>);

impl<'a> References<'a> {
    /// A field that always names a record.
    fn one(&mut self, field: &str, id: &'a RecordId, kinds: &'static [RecordKind]) {
        self.0.push(Reference {
            field: field.to_owned(),
            id,
            kinds,
        });
    }

    /// A field that may name a record.
    fn maybe(&mut self, field: &str, id: &'a Option<RecordId>, kinds: &'static [RecordKind]) {
        if let Some(id) = id {
            self.one(field, id, kinds);
        }
    }

    /// Each item of a list (`list[i]`), or a field of each item
    /// (`list[i].field`, `item` being `.field`).
    fn each(
        &mut self,
        list: &str,
        item: &str,
        ids: impl IntoIterator<Item = &'a RecordId>,
        kinds: &'static [RecordKind],
    ) {
        for (i, id) in ids.into_iter().enumerate() {
            self.0.push(Reference {
                field: format!("{list}[{i}]{item}"),
                id,
                kinds,
            });
        }
    }
}

/// One type of record of the case file: its kind, and the way back from
/// a [`Record`] (the way there is `From`).
pub trait RecordType: Into<Record> + Sized {
    const KIND: RecordKind;

    /// The record inside `record`, if it is of this type.
    fn from_record(record: Record) -> Option<Self>;
}

macro_rules! into_record {
    ($($t:ident),+) => {$(
        impl From<$t> for Record {
            fn from(r: $t) -> Record { Record::$t(r) }
        }

        impl RecordType for $t {
            const KIND: RecordKind = RecordKind::$t;

            fn from_record(record: Record) -> Option<Self> {
                match record {
                    Record::$t(r) => Some(r),
                    _ => None,
                }
            }
        }
    )+};
}
into_record!(
    Person,
    Organisation,
    Event,
    Case,
    Source,
    Mechanism,
    Review,
    Recommendation,
    Pledge,
    Assessment,
    RatingRule
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fine_json_forms() {
        let f: Fine = serde_json::from_str(r#"{"undisclosed": true}"#).unwrap();
        assert_eq!(f, Fine::Undisclosed);
        let f: Fine = serde_json::from_str(r#"{"amount": 150000, "currency": "KZT"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"amount":150000,"currency":"KZT"}"#
        );
        for bad in [
            r#"{}"#,
            r#"{"amount": 5}"#,
            r#"{"undisclosed": false}"#,
            r#"{"amount": 5, "currency": "kzt"}"#,
        ] {
            assert!(serde_json::from_str::<Fine>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn event_without_evidence_is_invalid() {
        let e: Record = serde_json::from_value(serde_json::json!({"kind": "event", "record": {
            "id": "e1", "type": "arrest", "date": "2019-02", "title": "Arrests", "excerpts": []
        }}))
        .unwrap();
        let errs = e.validate().unwrap_err();
        assert!(errs.iter().any(|e| e.field == "excerpts"));
    }

    #[test]
    fn excerpt_matches_only_at_its_offsets() {
        let s = Source::new(RecordId::parse("s").unwrap(), "t", "Workers’ Union, Erlan");
        let e = Excerpt::quote(&s, 18, 23).unwrap();
        assert_eq!(e.text, "Erlan");
        assert!(e.matches(&s.text));
        assert!(Excerpt::quote(&s, 7, 8).is_none(), "inside a multi-byte character");
        let shifted = Excerpt {
            start: 17,
            end: 22,
            ..e
        };
        assert!(!shifted.matches(&s.text));
    }
}
