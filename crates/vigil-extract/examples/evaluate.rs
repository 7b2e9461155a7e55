//! Scores the extractor against the evaluation set (`eval/articles`): real
//! articles, each annotated by reading it (see `eval/README.md`).
//!
//!     cargo run -p vigil-extract --example evaluate            # the table
//!     cargo run -p vigil-extract --example evaluate -- -v      # and what was missed or wrong, per article
//!     cargo run -p vigil-extract --example evaluate -- -v en06 # one article (names starting so)
//!     cargo run -p vigil-extract --example evaluate -- --patterns # the events proposed as patterns
//!     cargo run -p vigil-extract --example evaluate -- -p en06 # and every proposal
//!
//! Two sets are scored, each on its own: the tuning set (`eval/articles`),
//! whose misses the rules were changed for, and the held-out set
//! (`eval/heldout`), gathered and annotated later and never read to change
//! a rule: its figures are the ones to expect on articles the rules have
//! not seen.
//!
//! Each article is read as ingest reads it (`vigil_extract::read`: cleaned,
//! its language detected, its date the header's `date`), then extracted
//! twice: against the demo case file and against an empty one. Precision
//! and recall are printed per kind and per language (the article's own,
//! from its header).
//!
//! Matching:
//! - **Persons, organisations.** A proposal of that kind names a gold
//!   entity when one of its names is one of the entity's names under
//!   [`vigil_core::name::keys`] (case, accents, script and the usual
//!   romanisations folded: Kushakbayev = Kushakbaev = Кушакбаев; an
//!   inflected Кушакбаевым is *not* Кушакбаев). Its names are the name it
//!   proposes and, when it is matched to a record of the case file, that
//!   record's names. The first proposal of an entity is right; a second
//!   one for the same entity is wrong (a duplicate), as is one naming no
//!   gold entity. Names the annotation marks optional count neither way.
//! - **Core events** (the types listed in `eval/README.md`; proposals of
//!   other types are not scored). A proposal finds a gold event when its
//!   type is one the annotation allows, its date is one the annotation
//!   allows (null when the text gives none: an invented date is wrong),
//!   and one of its participants (other than a perpetrator) is one of the
//!   event's victims, named as above (any participant, when the
//!   annotation names no victim). A gold event with several victims may be
//!   found by several proposals, each adding a victim; a proposal that
//!   finds nothing new is wrong, unless it matches an optional event.
//!
//! Recall is gold entities (events) found over gold entities (events);
//! precision is right proposals over right and wrong ones.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use vigil_core::{name, EventType, PartialDate, RecordId, Role};
use vigil_extract::extract::{Input, Known};
use vigil_extract::{document, Proposal, ProposalKind};

type Error = Box<dyn std::error::Error>;

/// Event types scored: what is done to a person or an organisation.
const CORE: &[EventType] = &[
    EventType::Arrest,
    EventType::Detention,
    EventType::Search,
    EventType::Seizure,
    EventType::Interrogation,
    EventType::Investigation,
    EventType::Charge,
    EventType::Trial,
    EventType::Conviction,
    EventType::Sentence,
    EventType::Pardon,
    EventType::Release,
    EventType::Fine,
    EventType::Ban,
    EventType::Appeal,
    EventType::Acquittal,
    EventType::Amnesty,
    EventType::RegistrationDenial,
    EventType::Dissolution,
    EventType::Dispersal,
];

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Clone> OneOrMany<T> {
    fn all(&self) -> Vec<T> {
        match self {
            OneOrMany::One(t) => vec![t.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Deserialize)]
struct GoldEvent {
    #[serde(rename = "type")]
    types: OneOrMany<EventType>,
    /// Absent or null: the text gives no date.
    #[serde(default)]
    date: Option<OneOrMany<Option<String>>>,
    #[serde(default)]
    victims: Vec<String>,
}

impl GoldEvent {
    fn dates(&self) -> Vec<Option<String>> {
        match &self.date {
            None => vec![None],
            Some(d) => d.all(),
        }
    }
}

#[derive(Deserialize)]
struct Gold {
    persons: Vec<Vec<String>>,
    organisations: Vec<Vec<String>>,
    #[serde(default)]
    optional: Vec<String>,
    events: Vec<GoldEvent>,
    #[serde(default)]
    optional_events: Vec<GoldEvent>,
}

struct Article {
    name: String,
    language: String,
    date: Option<PartialDate>,
    text: String,
    gold: Gold,
}

fn load(dir: &Path) -> Result<Vec<Article>, Error> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let raw = std::fs::read_to_string(&path)?;
        let Some((header, text)) = raw.split_once("\n---\n") else {
            return Err(format!("{}: no header ending in a line ---", path.display()).into());
        };
        let field = |key: &str| {
            header
                .lines()
                .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(':')))
                .map(str::trim)
        };
        let language = field("language")
            .ok_or_else(|| format!("{}: no language", path.display()))?
            .to_owned();
        let date = match field("date") {
            None | Some("unknown") => None,
            Some(d) => Some(d.parse().map_err(|e| format!("{}: date: {e}", path.display()))?),
        };
        let gold_path = path.with_extension("gold.json");
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        out.push(Article {
            name: stem,
            language,
            date,
            text: text.to_owned(),
            gold,
        });
    }
    Ok(out)
}

/// Do two names name the same entity (keys of every word equal)?
fn same(a: &str, b: &str) -> bool {
    let (ka, kb) = (name::keys(a), name::keys(b));
    !ka.is_empty() && ka == kb
}

fn finds(names: &[String], entity: &[String]) -> bool {
    names.iter().any(|n| entity.iter().any(|e| same(n, e)))
}

#[derive(Clone, Copy, Default)]
struct Score {
    gold: usize,
    found: usize,
    right: usize,
    wrong: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.gold += o.gold;
        self.found += o.found;
        self.right += o.right;
        self.wrong += o.wrong;
    }
    fn precision(&self) -> f64 {
        let n = self.right + self.wrong;
        if n == 0 {
            1.0
        } else {
            self.right as f64 / n as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.found as f64 / self.gold as f64
        }
    }
}

/// The names a proposal gives: its own, and those of the record it is.
fn names_of(p: &Proposal, known: &Known) -> Vec<String> {
    let mut out: Vec<String> = p.name.iter().cloned().collect();
    if out.is_empty() {
        out.push(p.label.clone());
    }
    if let Some(id) = &p.matched_id {
        out.extend(record_names(id, known));
    }
    out
}

fn record_names(id: &RecordId, known: &Known) -> Vec<String> {
    if let Some(person) = known.person(id) {
        return person.names().map(str::to_owned).collect();
    }
    if let Some(org) = known.organisation(id) {
        return org.names().map(str::to_owned).collect();
    }
    known.record_name(id).map(str::to_owned).into_iter().collect()
}

struct Notes(Vec<String>);

fn score_entities(
    proposals: &[Proposal],
    kind: ProposalKind,
    gold: &[Vec<String>],
    optional: &[String],
    known: &Known,
    notes: &mut Notes,
) -> Score {
    let mut s = Score {
        gold: gold.len(),
        ..Score::default()
    };
    let mut found = vec![false; gold.len()];
    for p in proposals.iter().filter(|p| p.kind == kind) {
        let names = names_of(p, known);
        match gold.iter().position(|g| finds(&names, g)) {
            Some(i) if !found[i] => {
                found[i] = true;
                s.right += 1;
            }
            Some(i) => {
                s.wrong += 1;
                notes
                    .0
                    .push(format!("  {kind} twice: {:?} (again {:?})", names[0], gold[i][0]));
            }
            None if names.iter().any(|n| optional.iter().any(|o| same(n, o))) => {}
            None => {
                s.wrong += 1;
                notes.0.push(format!("  {kind} wrong: {:?}", names[0]));
            }
        }
    }
    s.found = found.iter().filter(|f| **f).count();
    for (g, f) in gold.iter().zip(&found) {
        if !f {
            notes.0.push(format!("  {kind} missed: {:?}", g[0]));
        }
    }
    s
}

/// The gold entity names an event proposal's participants give.
fn participants(p: &Proposal, by_id: &BTreeMap<&str, &Proposal>, known: &Known) -> Vec<Vec<String>> {
    p.participants
        .iter()
        .filter(|q| q.role != Role::Perpetrator)
        .map(|q| {
            let mut names = vec![q.label.clone()];
            if let Some(r) = &q.record_id {
                names.extend(record_names(r, known));
            }
            if let Some(other) = q.proposal_id.as_deref().and_then(|id| by_id.get(id)) {
                names.extend(names_of(other, known));
            }
            names
        })
        .collect()
}

fn fits(p: &Proposal, g: &GoldEvent) -> bool {
    let date = p.date.map(|d| d.to_string());
    p.event_type.is_some_and(|t| g.types.all().contains(&t)) && g.dates().contains(&date)
}

fn score_events(x: &[Proposal], gold: &Gold, known: &Known, notes: &mut Notes) -> Score {
    let mut s = Score {
        gold: gold.events.len(),
        ..Score::default()
    };
    let entities: Vec<&Vec<String>> = gold.persons.iter().chain(&gold.organisations).collect();
    // The gold entity (its first name) a participant is.
    let entity_of =
        |names: &[String]| -> Option<String> { entities.iter().find(|e| finds(names, e)).map(|e| e[0].clone()) };
    let by_id: BTreeMap<&str, &Proposal> = x.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut found = vec![false; gold.events.len()];
    let mut covered: Vec<Vec<String>> = vec![Vec::new(); gold.events.len()];
    for p in x.iter().filter(|p| p.kind == ProposalKind::Event) {
        if !p.event_type.is_some_and(|t| CORE.contains(&t)) {
            continue;
        }
        let who: Vec<String> = participants(p, &by_id, known)
            .iter()
            .filter_map(|n| entity_of(n))
            .collect();
        let hit = gold.events.iter().enumerate().find(|(i, g)| {
            fits(p, g)
                && if g.victims.is_empty() {
                    !found[*i]
                } else {
                    who.iter().any(|w| g.victims.contains(w) && !covered[*i].contains(w))
                }
        });
        match hit {
            Some((i, g)) => {
                found[i] = true;
                s.right += 1;
                covered[i].extend(who.iter().filter(|w| g.victims.contains(w)).cloned());
            }
            None => {
                let optional = gold
                    .optional_events
                    .iter()
                    .any(|g| fits(p, g) && (g.victims.is_empty() || who.iter().any(|w| g.victims.contains(w))));
                if !optional {
                    s.wrong += 1;
                    notes.0.push(format!(
                        "  event wrong: {} {} {:?} ({})",
                        p.event_type.map(|t| t.as_str()).unwrap_or("?"),
                        p.date.map(|d| d.to_string()).unwrap_or_else(|| "no date".into()),
                        who,
                        p.excerpts.first().map(|e| e.text.as_str()).unwrap_or_default()
                    ));
                }
            }
        }
    }
    s.found = found.iter().filter(|f| **f).count();
    for (g, f) in gold.events.iter().zip(&found) {
        if !f {
            notes.0.push(format!(
                "  event missed: {:?} {:?} {:?}",
                g.types.all().iter().map(|t| t.as_str()).collect::<Vec<_>>(),
                g.dates(),
                g.victims
            ));
        }
    }
    s
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let show = args.iter().any(|a| a == "-p");
    let patterns = args.iter().any(|a| a == "--patterns");
    let only: Option<&String> = args.iter().find(|a| !a.starts_with('-'));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval");
    let sets = [
        ("tuning set (eval/articles)", load(&root.join("articles"))?),
        (
            "held-out set, unseen by the rules (eval/heldout)",
            load(&root.join("heldout"))?,
        ),
    ];
    let demo = vigil_demo::case_file()?;
    let cases = [
        (
            "demo case file",
            Known::new(demo.persons, demo.organisations, demo.events),
        ),
        ("empty case file", Known::empty()),
    ];
    let source = RecordId::parse("eval")?;
    for (set, articles) in &sets {
        println!("\n=== {set} ===");
        for (case, known) in &cases {
            // (kind, language) → score
            let mut table: BTreeMap<(usize, String), Score> = BTreeMap::new();
            for a in articles {
                if only.is_some_and(|o| !a.name.starts_with(o.as_str())) {
                    continue;
                }
                let given = document::Metadata {
                    published: a.date,
                    ..Default::default()
                };
                let doc = document::read(a.text.as_bytes(), Some(document::Format::Text), &given)?;
                let x = vigil_extract::extract(
                    &Input {
                        source_id: &source,
                        text: &doc.text,
                        language: doc.language.as_deref(),
                        article_date: doc.published,
                        repeats: Some(&doc.repeats),
                    },
                    known,
                );
                if show {
                    for p in &x.proposals {
                        println!(
                            "{} {} {:?} found as {:?} {} {}",
                            a.name,
                            p.kind,
                            p.name.as_deref().unwrap_or(&p.label),
                            p.found_as,
                            p.date.map(|d| d.to_string()).unwrap_or_default(),
                            p.participants
                                .iter()
                                .map(|q| q.label.as_str())
                                .collect::<Vec<_>>()
                                .join("; ")
                        );
                    }
                }
                if patterns && case == &"demo case file" {
                    for p in x.proposals.iter().filter(|p| p.pattern) {
                        let quoted: Vec<&str> = p.excerpts.iter().map(|e| e.text.as_str()).collect();
                        println!("{} pattern {:?}: {}", a.name, p.event_type, quoted.join(" "));
                    }
                }
                let mut notes = Notes(Vec::new());
                let g = &a.gold;
                let scores = [
                    score_entities(
                        &x.proposals,
                        ProposalKind::Person,
                        &g.persons,
                        &g.optional,
                        known,
                        &mut notes,
                    ),
                    score_entities(
                        &x.proposals,
                        ProposalKind::Organisation,
                        &g.organisations,
                        &g.optional,
                        known,
                        &mut notes,
                    ),
                    score_events(&x.proposals, g, known, &mut notes),
                ];
                for (k, s) in scores.into_iter().enumerate() {
                    table.entry((k, a.language.clone())).or_default().add(s);
                    table.entry((k, "all".into())).or_default().add(s);
                }
                if verbose && !notes.0.is_empty() {
                    println!(
                        "{} ({case}; read as {}):",
                        a.name,
                        doc.language.as_deref().unwrap_or("no language")
                    );
                    for n in &notes.0 {
                        println!("{n}");
                    }
                }
            }
            println!("\n{case}, {} articles:", articles.len());
            println!(
                "{:<14} {:<4} {:>5} {:>6} {:>6} {:>6} {:>10} {:>7}",
                "kind", "lang", "gold", "found", "right", "wrong", "precision", "recall"
            );
            for ((k, lang), s) in &table {
                println!(
                    "{:<14} {:<4} {:>5} {:>6} {:>6} {:>6} {:>10.2} {:>7.2}",
                    ["persons", "organisations", "core events"][*k],
                    lang,
                    s.gold,
                    s.found,
                    s.right,
                    s.wrong,
                    s.precision(),
                    s.recall()
                );
            }
        }
    }
    Ok(())
}
