//! The index's schema, and how a record becomes one document of it.
//!
//! One document per live, non-confidential record. What a record refers to
//! (an event's participants, a person's organisations, a case's persons)
//! is indexed by name and facet only when that record may be seen by
//! anyone too: a confidential participant leaves no trace in the index.

use std::collections::HashMap;

use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::TantivyDocument;
use vigil_core::{PartialDate, Record, RecordId, RecordKind};

use crate::analysis;

/// The fields of the index.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// The record's id, untokenised: updates and deletes find it by this.
    pub id: Field,
    pub kind: Field,
    /// A name or a title, stemmed.
    pub title: Field,
    /// The running text (a source's text, an event's description, a
    /// person's occupation), stemmed and stored for snippets. It holds the
    /// records' words only, never the interface's ("Also written:",
    /// "Place:"): those are the reader's language's, put in at display.
    pub body: Field,
    /// A person's or an organisation's other spellings, `·`-separated,
    /// stored only (indexed through `names` and `extra`), shown under a
    /// label in the reader's language.
    pub also: Field,
    /// Other indexed words (a publisher, a place, an event type, who took
    /// part), stemmed, not stored.
    pub extra: Field,
    /// A person's or organisation's name and aliases, as variant keys, and
    /// stored (for suggestions).
    pub names: Field,
    /// Capitalised words of the title, body and extra text, as variant keys.
    pub keys: Field,
    /// `/kind/…`, `/type/…`, `/year/…`, `/country/…`, `/organisation/…`,
    /// `/language/…`.
    pub facets: Field,
    /// A date to show beside a hit (an event's date, a source's).
    pub date: Field,
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let analysed = |tokenizer: &str, stored: bool| {
            let o = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            );
            if stored {
                o.set_stored()
            } else {
                o
            }
        };
        let fields = Fields {
            id: b.add_text_field("id", STRING | STORED),
            kind: b.add_text_field("kind", STRING | STORED),
            title: b.add_text_field("title", analysed(analysis::TEXT, true)),
            body: b.add_text_field("body", analysed(analysis::TEXT, true)),
            also: b.add_text_field("also", STORED),
            extra: b.add_text_field("extra", analysed(analysis::TEXT, false)),
            names: b.add_text_field("names", analysed(analysis::NAMES, true)),
            keys: b.add_text_field("keys", analysed(analysis::CAPITALISED, false)),
            facets: b.add_facet_field("facets", FacetOptions::default()),
            date: b.add_text_field("date", STORED),
        };
        (b.build(), fields)
    }
}

/// The facet dimensions, by their name in a query string and in
/// `/dimension/value` facet paths.
pub const DIMENSIONS: [&str; 6] = ["kind", "type", "year", "country", "organisation", "language"];

pub fn facet(dimension: &str, value: &str) -> Facet {
    Facet::from_path([dimension, value])
}

/// The records a record refers to, by id, as far as the indexer knows them
/// (for names and facets). Confidential ones among them are ignored.
pub type Related = HashMap<RecordId, Record>;

/// Every year a date may fall in (at most 50 of them).
fn years(date: &PartialDate) -> impl Iterator<Item = i32> {
    let from = date.earliest().year();
    let to = date.latest().year().min(from + 49);
    from..=to
}

/// The index's document for `record`, or `None` if it must not be indexed.
pub fn document(f: &Fields, record: &Record, related: &Related) -> Option<TantivyDocument> {
    // Only what the public may see is indexed: nothing of a confidential
    // record, no confidential field of another.
    let public = record.redacted()?;
    let record = &public;
    let visible = |id: &RecordId| related.get(id).filter(|r| !r.is_confidential());
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, record.id().as_str());
    doc.add_text(f.kind, record.kind().as_str());
    doc.add_facet(f.facets, facet("kind", record.kind().as_str()));
    doc.add_text(f.title, record.title());
    let mut keys_text = vec![record.title().to_owned()];
    let mut extra: Vec<String> = Vec::new();
    let organisation = |doc: &mut TantivyDocument, id: &RecordId| {
        if let Some(Record::Organisation(o)) = visible(id) {
            doc.add_facet(f.facets, facet("organisation", o.id.as_str()));
        }
    };
    match record {
        Record::Person(p) => {
            for n in p.names() {
                doc.add_text(f.names, n);
            }
            if !p.aliases.is_empty() {
                doc.add_text(f.also, p.aliases.join(" · "));
                extra.extend(p.aliases.iter().cloned());
            }
            doc.add_text(f.body, p.occupation.as_deref().unwrap_or_default().trim());
            if let Some(c) = &p.country {
                doc.add_facet(f.facets, facet("country", c));
            }
            for a in &p.affiliations {
                organisation(&mut doc, &a.organisation_id);
                if let Some(r) = &a.role {
                    extra.push(r.clone());
                }
            }
        }
        Record::Organisation(o) => {
            for n in o.names() {
                doc.add_text(f.names, n);
            }
            // The kind's English label is searched, not shown.
            extra.push(o.kind.label().to_owned());
            if !o.aliases.is_empty() {
                doc.add_text(f.also, o.aliases.join(" · "));
                extra.extend(o.aliases.iter().cloned());
            }
            doc.add_text(f.body, "");
            if let Some(c) = &o.country {
                doc.add_facet(f.facets, facet("country", c));
            }
            doc.add_facet(f.facets, facet("organisation", o.id.as_str()));
            if let Some(parent) = &o.parent_id {
                organisation(&mut doc, parent);
            }
        }
        Record::Event(e) => {
            let mut body = e.description.clone().unwrap_or_default();
            if let Some(place) = &e.place {
                body.push_str(if body.is_empty() { "" } else { " " });
                body.push_str(place);
                body.push('.');
            }
            let mut who = Vec::new();
            for p in &e.participants {
                match visible(&p.record_id) {
                    Some(Record::Person(person)) => {
                        who.push(person.name.clone());
                        extra.push(p.role.label().to_owned());
                        extra.extend(person.aliases.iter().cloned());
                    }
                    Some(Record::Organisation(o)) => {
                        who.push(o.name.clone());
                        extra.push(p.role.label().to_owned());
                        extra.extend(o.aliases.iter().cloned());
                        organisation(&mut doc, &o.id);
                    }
                    _ => {}
                }
            }
            if !who.is_empty() {
                body.push_str(if body.is_empty() { "" } else { " " });
                body.push_str(&who.join("; "));
                body.push('.');
            }
            doc.add_text(f.body, &body);
            keys_text.push(body);
            extra.push(e.event_type.label().to_owned());
            doc.add_facet(f.facets, facet("type", e.event_type.as_str()));
            for y in years(&e.date) {
                doc.add_facet(f.facets, facet("year", &y.to_string()));
            }
            if let Some(c) = &e.country {
                doc.add_facet(f.facets, facet("country", c));
            }
            doc.add_text(f.date, e.date.to_string());
        }
        Record::Case(c) => {
            let mut body = c.description.clone().unwrap_or_default();
            let persons: Vec<&str> = c
                .person_ids
                .iter()
                .filter_map(|id| match visible(id) {
                    Some(Record::Person(p)) => Some(p.name.as_str()),
                    _ => None,
                })
                .collect();
            if !persons.is_empty() {
                body.push_str(if body.is_empty() { "" } else { " " });
                body.push_str(&persons.join(", "));
                body.push('.');
            }
            for id in &c.person_ids {
                if let Some(Record::Person(p)) = visible(id) {
                    extra.extend(p.aliases.iter().cloned());
                }
            }
            doc.add_text(f.body, &body);
            keys_text.push(body);
        }
        Record::Source(s) => {
            doc.add_text(f.body, &s.text);
            keys_text.push(s.text.clone());
            if let Some(p) = &s.publisher {
                extra.push(p.clone());
            }
            if let Some(l) = &s.language {
                doc.add_facet(f.facets, facet("language", &l.to_ascii_lowercase()));
            }
            if let Some(d) = &s.published {
                for y in years(d) {
                    doc.add_facet(f.facets, facet("year", &y.to_string()));
                }
                doc.add_text(f.date, d.to_string());
            }
        }
        Record::Mechanism(m) => {
            // The kind's English label is searched, not shown.
            extra.push(m.kind.label().to_owned());
            doc.add_text(f.body, "");
        }
        Record::Review(r) => {
            let body: Vec<&str> = [r.session.as_deref(), r.convention.as_deref(), r.case_number.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            doc.add_text(f.body, body.join(". "));
            doc.add_facet(f.facets, facet("country", &r.country));
            for y in years(&r.date) {
                doc.add_facet(f.facets, facet("year", &y.to_string()));
            }
            doc.add_text(f.date, r.date.to_string());
        }
        Record::Recommendation(r) => {
            doc.add_text(f.body, &r.text);
            keys_text.push(r.text.clone());
            extra.extend(r.themes.iter().map(|t| t.label().to_owned()));
        }
        Record::Pledge(p) => {
            let words: Vec<&str> = p.excerpts.iter().map(|e| e.text.as_str()).collect();
            doc.add_text(f.body, words.join(" "));
            doc.add_facet(f.facets, facet("country", &p.country));
            for y in years(&p.date) {
                doc.add_facet(f.facets, facet("year", &y.to_string()));
            }
            doc.add_text(f.date, p.date.to_string());
        }
        Record::Assessment(a) => {
            let mut body = a.status.label().to_owned();
            if let Some(n) = &a.note {
                body.push_str(". ");
                body.push_str(n);
            }
            doc.add_text(f.body, &body);
            doc.add_text(f.date, a.date.to_string());
        }
        Record::RatingRule(r) => {
            doc.add_text(f.body, r.description.clone().unwrap_or_default());
        }
    }
    for e in &extra {
        doc.add_text(f.extra, e);
    }
    keys_text.extend(extra);
    for t in &keys_text {
        doc.add_text(f.keys, t);
    }
    Some(doc)
}

/// The ids whose records `record`'s document is made from, besides itself.
pub fn related_ids(record: &Record) -> Vec<RecordId> {
    match record {
        Record::Person(p) => p.affiliations.iter().map(|a| a.organisation_id.clone()).collect(),
        Record::Organisation(o) => o.parent_id.iter().cloned().collect(),
        Record::Event(e) => e.participants.iter().map(|p| p.record_id.clone()).collect(),
        Record::Case(c) => c.person_ids.clone(),
        Record::Source(_)
        | Record::Mechanism(_)
        | Record::Review(_)
        | Record::Recommendation(_)
        | Record::Pledge(_)
        | Record::Assessment(_)
        | Record::RatingRule(_) => Vec::new(),
    }
}

/// Records of these kinds are made partly from others' names: when one of
/// those others changes, they are indexed again.
pub fn borrows_names(kind: RecordKind) -> bool {
    matches!(
        kind,
        RecordKind::Person | RecordKind::Organisation | RecordKind::Event | RecordKind::Case
    )
}
