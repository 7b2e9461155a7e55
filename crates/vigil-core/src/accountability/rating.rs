//! The rating of a country per year: a rule ([`RatingRule`]) that is
//! data, not code — indicators that count documented events, with weights,
//! and thresholds that turn a year's score into a [`Rating`] — and the
//! engine that applies it ([`rate`]), listing every event that counted.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::casefile::CaseFile;
use crate::date::PartialDate;
use crate::id::RecordId;
use crate::model::{Event, FieldError};
use crate::vocab::{EventType, IndicatorGroup, OrganisationKind, Role};

/// A country's rating for a year, from 1 (sporadic violations of rights)
/// to 5+ (no guarantee of rights due to the breakdown of the rule of law).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Rating {
    #[serde(rename = "1")]
    One,
    #[serde(rename = "2")]
    Two,
    #[serde(rename = "3")]
    Three,
    #[serde(rename = "4")]
    Four,
    #[serde(rename = "5")]
    Five,
    #[serde(rename = "5+")]
    FivePlus,
}

impl Rating {
    pub const ALL: &'static [Rating] = &[
        Rating::One,
        Rating::Two,
        Rating::Three,
        Rating::Four,
        Rating::Five,
        Rating::FivePlus,
    ];

    pub const fn as_str(&self) -> &'static str {
        match self {
            Rating::One => "1",
            Rating::Two => "2",
            Rating::Three => "3",
            Rating::Four => "4",
            Rating::Five => "5",
            Rating::FivePlus => "5+",
        }
    }

    pub const fn label(&self) -> &'static str {
        match self {
            Rating::One => "Sporadic violations of rights",
            Rating::Two => "Repeated violations of rights",
            Rating::Three => "Regular violations of rights",
            Rating::Four => "Systematic violations of rights",
            Rating::Five => "No guarantee of rights",
            Rating::FivePlus => "No guarantee of rights due to the breakdown of the rule of law",
        }
    }

    /// 1 to 6, for charts.
    pub fn level(&self) -> u32 {
        Rating::ALL.iter().position(|r| r == self).unwrap_or(0) as u32 + 1
    }
}

impl std::fmt::Display for Rating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One indicator of a rule: which documented events count, and how much.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// A short stable code (`arrests`), unique within the rule.
    pub code: String,
    pub group: IndicatorGroup,
    pub label: String,
    /// The event types it counts.
    pub event_types: Vec<EventType>,
    /// Points per counted event.
    pub weight: u32,
    /// Count only events whose victim or target is a union, a confederation,
    /// or a person affiliated with one.
    #[serde(default)]
    pub union_victims_only: bool,
    /// Count only events that act on (`relates_to`) an event of one of these
    /// types (an arrest at a strike). Empty: any event.
    #[serde(default)]
    pub relates_to_types: Vec<EventType>,
}

/// From this score up, this rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub min_score: u32,
    pub rating: Rating,
}

/// What a rule does with an event dated only to a span of several years
/// ("between 2014 and October 2019").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpanningEvents {
    /// Not counted in any year; listed as not counted in each year it may
    /// fall in.
    #[default]
    NotCounted,
    /// Counted in the last year it may fall in: by then the record shows it.
    LastYear,
}

/// How a rating is computed: indicators with weights, and thresholds that
/// turn a year's score into a rating. An organisation edits it like any
/// record (each change a revision).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingRule {
    pub id: RecordId,
    pub name: String,
    /// The organisation whose rule it is.
    #[serde(default)]
    pub organisation_id: Option<RecordId>,
    #[serde(default)]
    pub description: Option<String>,
    pub indicators: Vec<Indicator>,
    /// Ascending by `min_score` and by rating; the first starts at 0.
    pub thresholds: Vec<Threshold>,
    #[serde(default)]
    pub spanning_events: SpanningEvents,
    /// The years the rule covers, when it says (a rule written for the
    /// years an organisation monitored): a year outside them is rated
    /// "not covered". `None`: every year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<CoveredYears>,
    #[serde(default)]
    pub confidential: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidential_fields: Vec<String>,
}

/// The years a rule covers: `from` to `to`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CoveredYears {
    pub from: i32,
    pub to: i32,
}

impl CoveredYears {
    pub fn contains(&self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }
}

/// Whether a year got a rating, and if not, why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Rated from the events the rule places in the year.
    Rated,
    /// No documented event of the country falls in the year (as the rule
    /// places events): no rating. The absence of records is not the
    /// absence of violations.
    NoData,
    /// The rule does not cover the year ([`RatingRule::years`]).
    NotCovered,
}

impl Coverage {
    pub const fn as_str(&self) -> &'static str {
        match self {
            Coverage::Rated => "rated",
            Coverage::NoData => "no_data",
            Coverage::NotCovered => "not_covered",
        }
    }

    /// For people: "no data", "not covered by the rule".
    pub const fn label(&self) -> &'static str {
        match self {
            Coverage::Rated => "rated",
            Coverage::NoData => "no data",
            Coverage::NotCovered => "not covered by the rule",
        }
    }
}

/// The largest weight an indicator may carry.
pub const MAX_WEIGHT: u32 = 1000;

impl RatingRule {
    pub(crate) fn check(&self, errors: &mut Vec<FieldError>) {
        if self.indicators.is_empty() {
            errors.push(FieldError::new("indicators", "a rule needs at least one indicator"));
        }
        if self.indicators.len() > 200 {
            errors.push(FieldError::new("indicators", "at most 200 indicators"));
        }
        let mut codes = HashSet::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            let ok = !ind.code.is_empty()
                && ind.code.len() <= 64
                && ind
                    .code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
            if !ok {
                errors.push(FieldError::new(
                    format!("indicators[{i}].code"),
                    "1–64 lowercase letters, digits, '_' or '-'",
                ));
            }
            if !codes.insert(ind.code.as_str()) {
                errors.push(FieldError::new(format!("indicators[{i}].code"), "codes must be unique"));
            }
            if ind.label.trim().is_empty() || ind.label.chars().count() > 500 {
                errors.push(FieldError::new(format!("indicators[{i}].label"), "1–500 characters"));
            }
            if ind.event_types.is_empty() {
                errors.push(FieldError::new(
                    format!("indicators[{i}].event_types"),
                    "an indicator counts at least one event type",
                ));
            }
            if ind.weight > MAX_WEIGHT {
                errors.push(FieldError::new(
                    format!("indicators[{i}].weight"),
                    format!("at most {MAX_WEIGHT}"),
                ));
            }
        }
        if self.thresholds.is_empty() || self.thresholds.len() > Rating::ALL.len() {
            errors.push(FieldError::new("thresholds", "one to six thresholds"));
        } else if self.thresholds[0].min_score != 0 {
            errors.push(FieldError::new(
                "thresholds[0].min_score",
                "the first threshold starts at 0",
            ));
        }
        if let Some(y) = self.years {
            if y.from > y.to || !(1800..=9999).contains(&y.from) || !(1800..=9999).contains(&y.to) {
                errors.push(FieldError::new(
                    "years",
                    "from and to are years from 1800 to 9999, from not after to",
                ));
            }
        }
        for (i, pair) in self.thresholds.windows(2).enumerate() {
            if pair[1].min_score <= pair[0].min_score || pair[1].rating <= pair[0].rating {
                errors.push(FieldError::new(
                    format!("thresholds[{}]", i + 1),
                    "thresholds rise: each a higher score and a higher rating than the one before",
                ));
            }
        }
    }

    /// The rating a score earns.
    pub fn rating_for(&self, score: u32) -> Rating {
        self.thresholds
            .iter()
            .rev()
            .find(|t| score >= t.min_score)
            .map(|t| t.rating)
            .unwrap_or(Rating::One)
    }
}

/// One event counted by one indicator: the "why" of a rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountedEvent {
    pub event_id: RecordId,
    pub title: String,
    pub date: PartialDate,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub indicator: String,
    pub group: IndicatorGroup,
    pub points: u32,
}

/// A group's share of a score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupScore {
    pub group: IndicatorGroup,
    pub score: u32,
}

/// A country's rating for one year under one rule, with every event that
/// counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearRating {
    pub country: String,
    pub year: i32,
    pub rule_id: RecordId,
    pub score: u32,
    /// `None` unless `coverage` is `rated`: a year without documented
    /// events, or outside the rule's years, gets no rating.
    pub rating: Option<Rating>,
    pub coverage: Coverage,
    pub groups: Vec<GroupScore>,
    /// Every (event, indicator) pair that counted, by date.
    pub counted: Vec<CountedEvent>,
    /// Events of the country whose date window spans more than one year
    /// including this one, and that the rule does not count in it.
    pub undated_in_year: Vec<RecordId>,
}

/// Ids of unions and confederations, and of persons affiliated with one.
pub fn union_members(case_file: &CaseFile) -> HashSet<RecordId> {
    let unions: HashSet<&RecordId> = case_file
        .organisations
        .iter()
        .filter(|o| matches!(o.kind, OrganisationKind::Union | OrganisationKind::Confederation))
        .map(|o| &o.id)
        .collect();
    let mut out: HashSet<RecordId> = unions.iter().map(|id| (*id).clone()).collect();
    for p in &case_file.persons {
        if p.affiliations.iter().any(|a| unions.contains(&a.organisation_id)) {
            out.insert(p.id.clone());
        }
    }
    out
}

/// The calendar year an event certainly falls in, if its window lies in one.
pub fn year_of(e: &Event) -> Option<i32> {
    let (a, b) = (e.date.earliest().year(), e.date.latest().year());
    (a == b).then_some(a)
}

/// An event as a rating reads it: everything a rule's indicators ask of
/// it, worked out from the case file as one reader sees it. The stores
/// keep one for each event and each visibility (issue 17), so that a
/// rating reads these instead of the country's part of the case file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatedEvent {
    pub id: RecordId,
    pub title: String,
    pub date: PartialDate,
    pub event_type: EventType,
    pub country: Option<String>,
    /// A victim or target is a union, a confederation, or a person
    /// affiliated with one ([`union_members`]).
    pub union_victim: bool,
    /// The types of the events it acts on (`relates_to`), sorted, each once.
    pub related_types: Vec<EventType>,
}

impl RatedEvent {
    /// `e` as a rating reads it, given the union members and the type of
    /// each event it may act on (`None`: not in the case file).
    pub fn of(e: &Event, members: &HashSet<RecordId>, type_of: impl Fn(&RecordId) -> Option<EventType>) -> Self {
        let mut related_types: Vec<EventType> = e.relates_to.iter().filter_map(type_of).collect();
        related_types.sort_unstable();
        related_types.dedup();
        RatedEvent {
            id: e.id.clone(),
            title: e.title.clone(),
            date: e.date,
            event_type: e.event_type,
            country: e.country.clone(),
            union_victim: e
                .participants
                .iter()
                .any(|p| matches!(p.role, Role::Victim | Role::Target) && members.contains(&p.record_id)),
            related_types,
        }
    }

    /// Whether `indicator` counts it (whatever its year).
    pub fn counts_under(&self, indicator: &Indicator) -> bool {
        facts_count(indicator, self.event_type, self.union_victim, &self.related_types)
    }
}

fn facts_count(ind: &Indicator, event_type: EventType, union_victim: bool, related_types: &[EventType]) -> bool {
    ind.event_types.contains(&event_type)
        && (!ind.union_victims_only || union_victim)
        && (ind.relates_to_types.is_empty() || related_types.iter().any(|t| ind.relates_to_types.contains(t)))
}

/// The events of `country` in `case_file` as a rating reads them, in
/// timeline order. Patterns ([`Event::pattern`]) are not among them: a
/// general practice is not an event of any year.
pub fn rated_events(case_file: &CaseFile, country: &str) -> Vec<RatedEvent> {
    let members = union_members(case_file);
    let types: BTreeMap<&RecordId, EventType> = case_file.events.iter().map(|e| (&e.id, e.event_type)).collect();
    let mut events: Vec<&Event> = case_file
        .events
        .iter()
        .filter(|e| e.country.as_deref() == Some(country) && !e.pattern)
        .collect();
    events.sort_by(|a, b| crate::date::timeline_order((&a.date, &a.id), (&b.date, &b.id)));
    events
        .into_iter()
        .map(|e| RatedEvent::of(e, &members, |id| types.get(id).copied()))
        .collect()
}

/// Rates `country` for `year` under `rule`, from the events of
/// `case_file` (pass only what the reader may see). An event counts in a
/// year when its whole date window lies in it (or, with
/// [`SpanningEvents::LastYear`], when that is the last year of its window);
/// it counts once under each indicator it matches.
///
/// A year in which the rule places no event of the country at all (none
/// counted or not) has no data, and no rating ([`Coverage::NoData`]); a
/// year outside the rule's [`RatingRule::years`] is not covered.
pub fn rate(rule: &RatingRule, case_file: &CaseFile, country: &str, year: i32) -> YearRating {
    rate_events(rule, &rated_events(case_file, country), country, year)
}

/// [`rate`] for each of `years`: the country's events read once, not once
/// a year.
pub fn rate_years(
    rule: &RatingRule,
    case_file: &CaseFile,
    country: &str,
    years: std::ops::RangeInclusive<i32>,
) -> Vec<YearRating> {
    let events = rated_events(case_file, country);
    years.map(|y| rate_events(rule, &events, country, y)).collect()
}

/// Where the rule places an event in `year`: counted in it, listed as not
/// counted in it (its window spans several years, this one among them),
/// or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placed {
    In,
    Spanning,
    Elsewhere,
}

fn place(rule: &RatingRule, first_year: i32, last_year: i32, year: i32) -> Placed {
    if first_year == last_year {
        if first_year == year {
            Placed::In
        } else {
            Placed::Elsewhere
        }
    } else if rule.spanning_events == SpanningEvents::LastYear && last_year == year {
        Placed::In
    } else if (first_year..=last_year).contains(&year) {
        Placed::Spanning
    } else {
        Placed::Elsewhere
    }
}

/// Rates `country` for `year` under `rule` from its events as a rating
/// reads them, in timeline order (as [`rated_events`] gives them, or a
/// store keeps them): at least those whose window holds `year`.
pub fn rate_events(rule: &RatingRule, events: &[RatedEvent], country: &str, year: i32) -> YearRating {
    let mut counted = Vec::new();
    let mut undated = Vec::new();
    let mut placed = 0u64;
    for e in events {
        match place(rule, e.date.earliest().year(), e.date.latest().year(), year) {
            Placed::In => {}
            Placed::Spanning => {
                undated.push(e.id.clone());
                continue;
            }
            Placed::Elsewhere => continue,
        }
        placed += 1;
        for ind in rule.indicators.iter().filter(|ind| e.counts_under(ind)) {
            counted.push(CountedEvent {
                event_id: e.id.clone(),
                title: e.title.clone(),
                date: e.date,
                event_type: e.event_type,
                indicator: ind.code.clone(),
                group: ind.group,
                points: ind.weight,
            });
        }
    }
    let (score, groups) = scores(counted.iter().map(|c| (c.group, c.points)));
    let coverage = coverage(rule, year, placed);
    YearRating {
        country: country.to_owned(),
        year,
        rule_id: rule.id.clone(),
        score,
        rating: (coverage == Coverage::Rated).then(|| rule.rating_for(score)),
        coverage,
        groups,
        counted,
        undated_in_year: undated,
    }
}

/// The total and each group's share of points given as (group, points).
fn scores(points: impl Iterator<Item = (IndicatorGroup, u32)> + Clone) -> (u32, Vec<GroupScore>) {
    let groups = IndicatorGroup::ALL
        .iter()
        .map(|g| GroupScore {
            group: *g,
            score: points.clone().filter(|(x, _)| x == g).map(|(_, p)| p).sum(),
        })
        .collect();
    (points.map(|(_, p)| p).sum(), groups)
}

fn coverage(rule: &RatingRule, year: i32, placed: u64) -> Coverage {
    if rule.years.is_some_and(|y| !y.contains(year)) {
        Coverage::NotCovered
    } else if placed == 0 {
        Coverage::NoData
    } else {
        Coverage::Rated
    }
}

/// How many of a country's events share the facts a rating reads: the
/// years their window spans, their type, whether a victim is a union
/// member, the types they act on. A store sums these without reading the
/// events ([`score_years`]).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RatedCount {
    pub first_year: i32,
    pub last_year: i32,
    pub event_type: EventType,
    pub union_victim: bool,
    pub related_types: Vec<EventType>,
    pub events: u64,
}

/// The facts a [`RatedCount`] sums events by: first and last year, type,
/// union victim, related types.
pub type RatedKey = (i32, i32, EventType, bool, Vec<EventType>);

impl RatedCount {
    /// `events` events sharing the facts `key`.
    pub fn new((first_year, last_year, event_type, union_victim, related_types): RatedKey, events: u64) -> Self {
        RatedCount {
            first_year,
            last_year,
            event_type,
            union_victim,
            related_types,
            events,
        }
    }

    /// The facts it sums events by.
    pub fn key(&self) -> RatedKey {
        (
            self.first_year,
            self.last_year,
            self.event_type,
            self.union_victim,
            self.related_types.clone(),
        )
    }
}

/// Sums `events` into [`RatedCount`]s, sorted.
pub fn rated_counts<'a>(events: impl IntoIterator<Item = &'a RatedEvent>) -> Vec<RatedCount> {
    let mut counts: BTreeMap<RatedKey, u64> = BTreeMap::new();
    for e in events {
        let key = (
            e.date.earliest().year(),
            e.date.latest().year(),
            e.event_type,
            e.union_victim,
            e.related_types.clone(),
        );
        *counts.entry(key).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(key, events)| RatedCount::new(key, events))
        .collect()
}

/// A year's rating without the events behind it: what a chart or a list
/// of years shows. [`rate_events`] gives the same figures with the why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearScore {
    pub year: i32,
    pub score: u32,
    pub rating: Option<Rating>,
    pub coverage: Coverage,
    pub groups: Vec<GroupScore>,
    /// How many (event, indicator) pairs counted.
    pub counted: u64,
    /// How many events span several years including this one, not counted.
    pub undated: u64,
}

impl YearScore {
    /// The figures of a full rating.
    pub fn of(r: &YearRating) -> Self {
        YearScore {
            year: r.year,
            score: r.score,
            rating: r.rating,
            coverage: r.coverage,
            groups: r.groups.clone(),
            counted: r.counted.len() as u64,
            undated: r.undated_in_year.len() as u64,
        }
    }
}

/// Each of `years` rated under `rule` from a country's [`RatedCount`]s:
/// the same figures as [`rate_events`] over the events counted.
pub fn score_years(rule: &RatingRule, counts: &[RatedCount], years: std::ops::RangeInclusive<i32>) -> Vec<YearScore> {
    years
        .map(|year| {
            let mut placed = 0u64;
            let mut undated = 0u64;
            let mut points: Vec<(IndicatorGroup, u32)> = Vec::new();
            let mut counted = 0u64;
            for c in counts {
                match place(rule, c.first_year, c.last_year, year) {
                    Placed::In => {}
                    Placed::Spanning => {
                        undated += c.events;
                        continue;
                    }
                    Placed::Elsewhere => continue,
                }
                placed += c.events;
                for ind in &rule.indicators {
                    if facts_count(ind, c.event_type, c.union_victim, &c.related_types) {
                        counted += c.events;
                        let weight = u32::try_from(c.events).unwrap_or(u32::MAX).saturating_mul(ind.weight);
                        points.push((ind.group, weight));
                    }
                }
            }
            let (score, groups) = scores(points.iter().copied());
            let coverage = coverage(rule, year, placed);
            YearScore {
                year,
                score,
                rating: (coverage == Coverage::Rated).then(|| rule.rating_for(score)),
                coverage,
                groups,
                counted,
                undated,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Participant, Person};

    fn id(s: &str) -> RecordId {
        RecordId::parse(s).unwrap()
    }

    fn event(i: &str, t: EventType, date: &str, victims: &[&str]) -> Event {
        Event {
            country: Some("KZ".into()),
            participants: victims
                .iter()
                .map(|v| Participant {
                    record_id: id(v),
                    role: Role::Victim,
                })
                .collect(),
            ..Event::new(id(i), t, date.parse().unwrap(), i)
        }
    }

    fn rule(weight: u32) -> RatingRule {
        serde_json::from_value(serde_json::json!({
            "id": "r", "name": "Test rule",
            "indicators": [
                {"code": "arrests", "group": "civil_liberties", "label": "Arrests", "event_types": ["arrest", "detention"], "weight": weight},
                {"code": "unionists-jailed", "group": "union_activities", "label": "Unionists sentenced",
                 "event_types": ["sentence"], "weight": 5, "union_victims_only": true}
            ],
            "thresholds": [
                {"min_score": 0, "rating": "1"}, {"min_score": 5, "rating": "3"}, {"min_score": 10, "rating": "5+"}
            ]
        }))
        .unwrap()
    }

    fn case_file() -> CaseFile {
        let mut cf = CaseFile::default();
        let unionist: Person = serde_json::from_value(serde_json::json!({
            "id": "unionist", "name": "U", "affiliations": [{"organisation_id": "union"}]
        }))
        .unwrap();
        cf.persons.push(unionist);
        cf.organisations.push(
            serde_json::from_value(serde_json::json!({"id": "union", "name": "Union", "kind": "union"})).unwrap(),
        );
        cf.events = vec![
            event("a1", EventType::Arrest, "2019-02", &[]),
            event("a2", EventType::Detention, "2019-09", &[]),
            event("s1", EventType::Sentence, "2019-10-16", &["unionist"]),
            event("s2", EventType::Sentence, "2019-10-17", &["someone-else"]),
            event("a3", EventType::Arrest, "2018-05", &[]),
            event("b1", EventType::Arrest, "2014/2019", &[]),
        ];
        cf
    }

    #[test]
    fn why_lists_exactly_the_events_counted() {
        let r = rate(&rule(2), &case_file(), "KZ", 2019);
        let ids: Vec<(&str, &str)> = r
            .counted
            .iter()
            .map(|c| (c.event_id.as_str(), c.indicator.as_str()))
            .collect();
        assert_eq!(ids, [("a1", "arrests"), ("a2", "arrests"), ("s1", "unionists-jailed")]);
        assert_eq!(r.score, 2 + 2 + 5);
        assert_eq!(r.score, r.counted.iter().map(|c| c.points).sum::<u32>());
        assert_eq!(r.rating, Some(Rating::Three));
        assert_eq!(r.undated_in_year, [id("b1")]);
        assert_eq!(rate(&rule(2), &case_file(), "RU", 2019).counted, []);
    }

    #[test]
    fn every_year_at_once_is_each_year_alone() {
        let cf = case_file();
        for spanning in [SpanningEvents::NotCounted, SpanningEvents::LastYear] {
            let mut r = rule(2);
            r.spanning_events = spanning;
            let alone: Vec<YearRating> = (2015..=2022).map(|y| rate(&r, &cf, "KZ", y)).collect();
            assert_eq!(rate_years(&r, &cf, "KZ", 2015..=2022), alone);
            assert!(
                alone.iter().any(|y| !y.counted.is_empty()),
                "the case file counts in some year"
            );
        }
    }

    /// What a store keeps (the events as a rating reads them, and their
    /// counts) rates every year as the case file does.
    #[test]
    fn counts_score_each_year_as_the_events_rate_it() {
        let mut cf = case_file();
        let mut strike = event("k1", EventType::Strike, "2019-03", &[]);
        strike.participants.clear();
        let mut at_strike = event("k2", EventType::Arrest, "2019-03-02", &["unionist"]);
        at_strike.relates_to = vec![id("k1")];
        let another = event("a4", EventType::Arrest, "2019-07", &[]);
        cf.events.extend([strike, at_strike, another]);
        let events = rated_events(&cf, "KZ");
        assert!(events
            .iter()
            .any(|e| e.union_victim && e.related_types == [EventType::Strike]));
        let counts = rated_counts(&events);
        assert!(
            counts.iter().any(|c| c.events > 1),
            "events sharing their facts are counted together"
        );
        for spanning in [SpanningEvents::NotCounted, SpanningEvents::LastYear] {
            let mut r = rule(2);
            r.spanning_events = spanning;
            r.indicators[0].relates_to_types = vec![EventType::Strike];
            r.years = Some(CoveredYears { from: 2015, to: 2020 });
            let rated: Vec<YearScore> = rate_years(&r, &cf, "KZ", 2013..=2022)
                .iter()
                .map(YearScore::of)
                .collect();
            assert_eq!(score_years(&r, &counts, 2013..=2022), rated);
            assert!(rated.iter().any(|y| y.counted > 0 && y.undated == 0 || y.undated > 0));
        }
    }

    #[test]
    fn a_weight_changes_the_rating() {
        let low = rate(&rule(2), &case_file(), "KZ", 2019);
        let high = rate(&rule(3), &case_file(), "KZ", 2019);
        assert_eq!(low.rating, Some(Rating::Three));
        assert_eq!(high.score, 11);
        assert_eq!(high.rating, Some(Rating::FivePlus));
    }

    #[test]
    fn events_dated_to_a_span_of_years_count_only_if_the_rule_says_so() {
        let mut r = rule(2);
        assert!(!rate(&r, &case_file(), "KZ", 2019)
            .counted
            .iter()
            .any(|c| c.event_id.as_str() == "b1"));
        r.spanning_events = SpanningEvents::LastYear;
        let counted = rate(&r, &case_file(), "KZ", 2019);
        assert!(counted.counted.iter().any(|c| c.event_id.as_str() == "b1"));
        assert_eq!(counted.undated_in_year, []);
        let earlier = rate(&r, &case_file(), "KZ", 2016);
        assert_eq!(
            earlier.undated_in_year,
            [id("b1")],
            "listed, not counted, in other years"
        );
    }

    /// Finding 4 of the audit: a year with no recorded events was rated 1,
    /// "sporadic violations of rights". It has no data, and no rating; a
    /// year with events, none of which an indicator counts, is rated.
    #[test]
    fn a_year_without_documented_events_has_no_rating() {
        let cf = case_file();
        // 2016: only the 2014/2019 arrest may fall in it, not counted.
        let empty = rate(&rule(2), &cf, "KZ", 2016);
        assert_eq!((empty.rating, empty.coverage), (None, Coverage::NoData));
        assert_eq!(empty.undated_in_year, [id("b1")], "what may fall in it is still listed");
        let elsewhere = rate(&rule(2), &cf, "RU", 2019);
        assert_eq!((elsewhere.rating, elsewhere.coverage), (None, Coverage::NoData));
        let mut quiet = cf.clone();
        quiet.events.push(event("st", EventType::Statement, "2016-05-01", &[]));
        let rated = rate(&rule(2), &quiet, "KZ", 2016);
        assert_eq!((rated.rating, rated.coverage), (Some(Rating::One), Coverage::Rated));
        // Counted in its last year, a spanning event is data there.
        let mut r = rule(2);
        r.spanning_events = SpanningEvents::LastYear;
        let mut spanning = CaseFile::default();
        spanning.events.push(event("b2", EventType::Arrest, "2011/2012", &[]));
        assert_eq!(rate(&r, &spanning, "KZ", 2012).coverage, Coverage::Rated);
        assert_eq!(rate(&r, &spanning, "KZ", 2011).coverage, Coverage::NoData);
    }

    #[test]
    fn a_year_outside_the_rules_years_is_not_covered() {
        let mut r = rule(2);
        r.years = Some(CoveredYears { from: 2015, to: 2018 });
        let y2019 = rate(&r, &case_file(), "KZ", 2019);
        assert_eq!((y2019.rating, y2019.coverage), (None, Coverage::NotCovered));
        let y2018 = rate(&r, &case_file(), "KZ", 2018);
        assert_eq!((y2018.rating, y2018.coverage), (Some(Rating::One), Coverage::Rated));
        r.years = Some(CoveredYears { from: 2019, to: 2015 });
        let mut errors = Vec::new();
        r.check(&mut errors);
        assert!(errors.iter().any(|e| e.field == "years"), "{errors:?}");
        let json: RatingRule = serde_json::from_value(serde_json::json!({
            "id": "r", "name": "n", "years": {"from": 2011, "to": 2012},
            "indicators": [{"code": "a", "group": "civil_liberties", "label": "A", "event_types": ["arrest"], "weight": 1}],
            "thresholds": [{"min_score": 0, "rating": "1"}]
        }))
        .unwrap();
        assert_eq!(json.years, Some(CoveredYears { from: 2011, to: 2012 }));
    }

    #[test]
    fn rules_are_checked() {
        let mut bad = rule(2);
        bad.thresholds[1].min_score = 0;
        bad.indicators[1].code = "arrests".into();
        bad.indicators[0].weight = MAX_WEIGHT + 1;
        let mut errors = Vec::new();
        bad.check(&mut errors);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"thresholds[1]"), "{fields:?}");
        assert!(fields.contains(&"indicators[1].code"), "{fields:?}");
        assert!(fields.contains(&"indicators[0].weight"), "{fields:?}");
        assert!(serde_json::from_str::<Rating>("\"6\"").is_err());
        assert_eq!(serde_json::to_string(&Rating::FivePlus).unwrap(), "\"5+\"");
    }
}
