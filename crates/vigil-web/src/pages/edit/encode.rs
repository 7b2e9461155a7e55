//! From a record to a form's fields.

use vigil_core::{Duration, Excerpt, Fine, Record, RecordId};

use super::Fields;

fn excerpt_fields(f: &mut Fields, excerpts: &[Excerpt]) {
    for (i, x) in excerpts.iter().enumerate() {
        f.set(format!("excerpts[{i}].source_id"), x.source_id.to_string());
        f.set(format!("excerpts[{i}].text"), x.text.clone());
        f.set(format!("excerpts[{i}].start"), x.start.to_string());
        if let Some(k) = &x.claim {
            f.set(format!("excerpts[{i}].claim"), k.clone());
        }
    }
}

pub(super) fn fields_of(record: &Record) -> Fields {
    let mut f = Fields::default();
    f.set("id", record.id().to_string());
    if record.is_confidential() {
        f.set("confidential", "on");
    }
    for c in record.confidential_fields() {
        f.push("confidential_fields", c.clone());
    }
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match record {
        Record::Person(p) => {
            f.set("name", p.name.clone());
            f.set("aliases", p.aliases.join("\n"));
            f.set("sex", p.sex.map(|s| s.as_str().to_owned()).unwrap_or_default());
            f.set("occupation", opt(&p.occupation));
            f.set("country", opt(&p.country));
            f.set("address", opt(&p.address));
            for (i, a) in p.affiliations.iter().enumerate() {
                f.set(
                    format!("affiliations[{i}].organisation_id"),
                    a.organisation_id.to_string(),
                );
                f.set(format!("affiliations[{i}].role"), opt(&a.role));
                f.set(
                    format!("affiliations[{i}].period"),
                    a.period.map(|d| d.to_string()).unwrap_or_default(),
                );
            }
            excerpt_fields(&mut f, &p.excerpts);
        }
        Record::Organisation(o) => {
            f.set("name", o.name.clone());
            f.set("aliases", o.aliases.join("\n"));
            f.set("kind", o.kind.as_str());
            f.set(
                "parent_id",
                o.parent_id.as_ref().map(ToString::to_string).unwrap_or_default(),
            );
            f.set("country", opt(&o.country));
            f.set("status", o.status.as_str());
            excerpt_fields(&mut f, &o.excerpts);
        }
        Record::Event(e) => {
            f.set("type", e.event_type.as_str());
            // The other accounts ride along unchanged; they are decided on
            // the event's page.
            if !e.claims.is_empty() {
                f.set("claims", serde_json::to_string(&e.claims).unwrap_or_default());
            }
            f.set("date", e.date.to_string());
            f.set("title", e.title.clone());
            f.set("place", opt(&e.place));
            f.set("country", opt(&e.country));
            f.set("description", opt(&e.description));
            if e.pattern {
                f.set("pattern", "on");
            }
            f.set(
                "victim_count",
                e.victim_count.map(|n| n.to_string()).unwrap_or_default(),
            );
            for (i, p) in e.participants.iter().enumerate() {
                f.set(format!("participants[{i}].record_id"), p.record_id.to_string());
                f.set(format!("participants[{i}].role"), p.role.as_str());
            }
            if let Some(t) = &e.terms {
                let d = |d: &Option<Duration>| d.map(|d| d.to_string()).unwrap_or_default();
                f.set("terms.imprisonment", d(&t.imprisonment));
                f.set("terms.restricted_freedom", d(&t.restricted_freedom));
                match &t.fine {
                    Some(Fine::Undisclosed) => f.set("terms.fine", "undisclosed"),
                    Some(Fine::Amount { amount, currency }) => {
                        f.set("terms.fine", "amount");
                        f.set("terms.fine_amount", amount.to_string());
                        f.set("terms.fine_currency", currency.clone());
                    }
                    None => {}
                }
                for (i, b) in t.bans.iter().enumerate() {
                    f.set(format!("terms.bans[{i}].scope"), b.scope.clone());
                    f.set(format!("terms.bans[{i}].duration"), d(&b.duration));
                }
            }
            f.set("relates_to", joined(&e.relates_to, ", "));
            excerpt_fields(&mut f, &e.excerpts);
        }
        Record::Case(c) => {
            f.set("title", c.title.clone());
            f.set("description", opt(&c.description));
            f.set("event_ids", joined(&c.event_ids, "\n"));
            f.set("person_ids", joined(&c.person_ids, "\n"));
        }
        Record::Source(s) => {
            f.set("title", s.title.clone());
            f.set("publisher", opt(&s.publisher));
            f.set("language", opt(&s.language));
            f.set("published", s.published.map(|d| d.to_string()).unwrap_or_default());
            f.set("url", opt(&s.url));
            f.set("text", s.text.clone());
        }
        other => {
            let body = serde_json::to_value(other)
                .ok()
                .and_then(|mut v| v.get_mut("record").map(serde_json::Value::take))
                .and_then(|v| serde_json::to_string_pretty(&v).ok())
                .unwrap_or_default();
            f.set("json", body);
        }
    }
    f
}

/// Ids as a form field lists them, separated by `sep`.
fn joined(ids: &[RecordId], sep: &str) -> String {
    ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(sep)
}
