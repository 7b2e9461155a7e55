//! The demo case file: the persecution of independent trade unions in
//! Kazakhstan, 2011–2019, as told by the two seed articles. The data lives
//! in `data/demo/` as reviewable JSON and text and is embedded at compile
//! time, so `vigil serve` on an empty folder shows real content at once and
//! every test shares one set of fixtures.

#[cfg(feature = "synthetic")]
pub mod synthetic;

use serde::Deserialize;
use vigil_core::{
    Assessment, Case, CaseFile, Event, Mechanism, Organisation, PartialDate, Person, Pledge, RatingRule,
    Recommendation, RecordId, Review, Source,
};

macro_rules! demo_file {
    ($path:literal) => {
        ($path, include_str!(concat!("../../../data/demo/", $path)))
    };
}

const SOURCES: &str = include_str!("../../../data/demo/sources.json");
const PERSONS: &str = include_str!("../../../data/demo/persons.json");
const ORGANISATIONS: &str = include_str!("../../../data/demo/organisations.json");
const EVENTS: &str = include_str!("../../../data/demo/events.json");
const CASES: &str = include_str!("../../../data/demo/cases.json");
const ACCOUNTABILITY: &str = include_str!("../../../data/demo/accountability.json");
const RATING_RULE: &str = include_str!("../../../data/demo/rating-rule.json");

/// The id of the rating rule the demo ships, which country pages use
/// unless told otherwise.
pub const DEFAULT_RATING_RULE: &str = "default-rating-rule";

/// The reviews, recommendations, pledges and assessments of the demo.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAccountability {
    mechanisms: Vec<Mechanism>,
    reviews: Vec<Review>,
    recommendations: Vec<Recommendation>,
    pledges: Vec<Pledge>,
    assessments: Vec<Assessment>,
}

/// The source texts, by their path under `data/demo/`.
const TEXTS: &[(&str, &str)] = &[
    demo_file!("sources/hrw-2019-kazakhstan-upr.txt"),
    demo_file!("sources/svensson-2019-nazarbaev-resigns.txt"),
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("data/demo/{file}: {error}")]
    Json {
        file: &'static str,
        error: serde_json::Error,
    },
    #[error("data/demo/sources.json: source '{id}' names text file '{file}', which is not embedded")]
    MissingText { id: RecordId, file: String },
    #[error("the demo case file is incoherent: {0}")]
    Invalid(String),
}

/// A source as written in `sources.json`: its text is in a file of its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSource {
    id: RecordId,
    title: String,
    publisher: Option<String>,
    language: Option<String>,
    published: Option<PartialDate>,
    url: Option<String>,
    text_file: String,
}

fn parse<T: serde::de::DeserializeOwned>(file: &'static str, text: &str) -> Result<T, DemoError> {
    serde_json::from_str(text).map_err(|error| DemoError::Json { file, error })
}

/// The demo case file, parsed and checked.
pub fn case_file() -> Result<CaseFile, DemoError> {
    let demo_sources: Vec<DemoSource> = parse("sources.json", SOURCES)?;
    let mut sources = Vec::with_capacity(demo_sources.len());
    for s in demo_sources {
        let text = TEXTS
            .iter()
            .find(|(path, _)| *path == s.text_file)
            .map(|(_, text)| *text)
            .ok_or_else(|| DemoError::MissingText {
                id: s.id.clone(),
                file: s.text_file.clone(),
            })?;
        sources.push(Source {
            publisher: s.publisher,
            language: s.language,
            published: s.published,
            url: s.url,
            ..Source::new(s.id, s.title, text.to_owned())
        });
    }
    let acc: DemoAccountability = parse("accountability.json", ACCOUNTABILITY)?;
    let case_file = CaseFile {
        sources,
        persons: parse::<Vec<Person>>("persons.json", PERSONS)?,
        organisations: parse::<Vec<Organisation>>("organisations.json", ORGANISATIONS)?,
        events: parse::<Vec<Event>>("events.json", EVENTS)?,
        cases: parse::<Vec<Case>>("cases.json", CASES)?,
        mechanisms: acc.mechanisms,
        reviews: acc.reviews,
        recommendations: acc.recommendations,
        pledges: acc.pledges,
        assessments: acc.assessments,
        rating_rules: vec![parse::<RatingRule>("rating-rule.json", RATING_RULE)?],
    };
    let problems = case_file.validate();
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(DemoError::Invalid(list.join("; ")));
    }
    Ok(case_file)
}
