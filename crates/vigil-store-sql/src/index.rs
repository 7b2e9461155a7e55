//! What indexes a record in the `record_names` and `links` tables: worked
//! out once, in plain Rust; each backend inserts it its own way.

use vigil_core::{name, Record};

/// The field of the link from a record to its country's code (a code is
/// in capitals, so it is never a record's id).
pub const COUNTRY: &str = "country";

/// A record's index entries.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// Folded names, only those the public may see (the rest are sealed).
    pub names: Vec<String>,
    pub links: Vec<Link>,
}

/// One reference of a record.
#[derive(Debug, PartialEq, Eq)]
pub struct Link {
    pub to_id: String,
    /// The field without its index: "participants", "excerpts", …
    pub field: String,
    /// Whether the public sees this reference (its field is not withheld).
    pub public: bool,
}

/// The field of a reference without its index. A claim's participants
/// are participants: a person named only by another account is found
/// among the events naming them, as one the event's own account names.
fn link_field(field: &str) -> &str {
    if field.starts_with("claims[") && field.contains("].participants[") {
        return "participants";
    }
    field.split(['[', '.']).next().unwrap_or_default()
}

/// The index of `record`, whose public form is `public`.
pub fn index(record: &Record, public: Option<&Record>) -> Index {
    let names = match public {
        Some(Record::Person(p)) => p.names().map(name::fold).collect(),
        Some(Record::Organisation(o)) => o.names().map(name::fold).collect(),
        _ => Vec::new(),
    };
    let public_refs = public.map(Record::references).unwrap_or_default();
    let mut links: Vec<Link> = record
        .references()
        .into_iter()
        .map(|r| Link {
            public: public_refs.iter().any(|p| p.field == r.field && p.id == r.id),
            field: link_field(&r.field).to_owned(),
            to_id: r.id.as_str().to_owned(),
        })
        .collect();
    // The country views find a country's records by this link. Only a
    // country the public sees is written in the clear; those with the right
    // find a withheld one among the sealed records.
    if let Some(country) = public.and_then(Record::country) {
        links.push(Link {
            to_id: country.to_owned(),
            field: COUNTRY.to_owned(),
            public: true,
        });
    }
    Index { names, links }
}
