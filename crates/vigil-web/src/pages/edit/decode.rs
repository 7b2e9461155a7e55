//! From a submitted form to a record.

use vigil_app::i18n::Arg;
use vigil_core::{
    Affiliation, Ban, Case, Duration, Event, EventType, Excerpt, FieldError, Fine, Organisation, OrganisationKind,
    OrganisationStatus, PartialDate, Participant, Person, Record, RecordId, RecordKind, Role, Sex, Source, Terms,
};
use vigil_store::Store;

use super::{edited_as_json, Fields};
use crate::error::PageError;
use crate::pages::lookup;
use crate::Viewer;

struct Reader<'a> {
    f: &'a Fields,
    errors: Vec<FieldError>,
    viewer: &'a Viewer,
}

impl<'a> Reader<'a> {
    fn parsed<T: std::str::FromStr>(&mut self, name: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.f.opt(name)?;
        match v.parse::<T>() {
            Ok(t) => Some(t),
            Err(e) => {
                self.errors.push(FieldError::new(name, e.to_string()));
                None
            }
        }
    }

    fn id(&mut self, name: &str) -> Option<RecordId> {
        self.parsed::<RecordId>(name)
    }

    fn ids(&mut self, name: &str) -> Vec<RecordId> {
        let mut out = Vec::new();
        for v in self.f.all(name).iter().flat_map(|v| v.split([',', '\n', ' '])) {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match RecordId::parse(v) {
                Ok(id) if !out.contains(&id) => out.push(id),
                Ok(_) => {}
                Err(e) => self.errors.push(FieldError::new(name, format!("'{v}': {e}"))),
            }
        }
        out
    }

    /// A date as ISO or as articles write it ("16 October 2019").
    fn date(&mut self, name: &str) -> Option<PartialDate> {
        let v = self.f.opt(name)?;
        let lang = self.viewer.lang;
        v.parse::<PartialDate>()
            .or_else(|_| PartialDate::parse_article(&v, None))
            .map_err(|_| {
                let message = lang.tr_with("edit-error-date", &[("text", Arg::Text(&v))]);
                self.errors.push(FieldError::new(name, message));
            })
            .ok()
    }

    /// A term as ISO ("P5M8D") or in words ("five months and eight days").
    fn duration(&mut self, name: &str) -> Option<Duration> {
        let v = self.f.opt(name)?;
        let lang = self.viewer.lang;
        v.parse::<Duration>()
            .or_else(|_| Duration::parse_article(&v))
            .map_err(|_| {
                let message = lang.tr_with("edit-error-duration", &[("text", Arg::Text(&v))]);
                self.errors.push(FieldError::new(name, message));
            })
            .ok()
    }

    fn required(&mut self, name: &str) -> String {
        let v = self.f.get(name).to_owned();
        if v.is_empty() {
            self.errors
                .push(FieldError::new(name, self.viewer.tr("edit-error-required")));
        }
        v
    }

    fn flag(&self, name: &str) -> bool {
        !self.f.get(name).is_empty()
    }
}

async fn excerpts_from<S: Store>(store: &S, viewer: &Viewer, r: &mut Reader<'_>) -> Result<Vec<Excerpt>, PageError> {
    let mut out = Vec::new();
    for i in 0..r.f.rows("excerpts") {
        let quote = r.f.get(&format!("excerpts[{i}].text")).to_owned();
        let source = r.f.get(&format!("excerpts[{i}].source_id")).to_owned();
        if quote.is_empty() && source.is_empty() {
            continue;
        }
        let field = format!("excerpts[{i}]");
        let Ok(source_id) = RecordId::parse(&source) else {
            r.errors.push(FieldError::new(
                format!("{field}.source_id"),
                viewer.tr("edit-error-choose-source"),
            ));
            continue;
        };
        if quote.is_empty() {
            r.errors.push(FieldError::new(
                format!("{field}.text"),
                viewer.tr("edit-error-paste-passage"),
            ));
            continue;
        }
        let Some(Record::Source(s)) = lookup(store, viewer, &source_id).await? else {
            r.errors.push(FieldError::new(
                format!("{field}.source_id"),
                viewer.tr("edit-error-no-source"),
            ));
            continue;
        };
        let hint = r.f.opt(&format!("{field}.start")).and_then(|v| v.parse().ok());
        // Found however its spaces and quote marks were pasted; the excerpt
        // keeps the source's own text.
        match vigil_core::quote::locate(&s.text, &quote, hint) {
            Some(span) => out.push(Excerpt {
                source_id,
                start: span.start,
                end: span.end,
                text: s.text[span].to_owned(),
                claim: r.f.opt(&format!("{field}.claim")),
            }),
            None => r.errors.push(FieldError::new(
                format!("{field}.text"),
                viewer.tr("edit-error-passage-not-found"),
            )),
        }
    }
    Ok(out)
}

fn confidential_from(r: &Reader<'_>) -> (bool, Vec<String>) {
    (r.flag("confidential"), r.f.all("confidential_fields"))
}

pub(super) async fn record_from<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    f: &Fields,
    id: RecordId,
) -> Result<Result<Record, Vec<FieldError>>, PageError> {
    if edited_as_json(kind) {
        let json = f.0.get("json").and_then(|v| v.last()).cloned().unwrap_or_default();
        return Ok(vigil_app::records::parse_record(kind, json.as_bytes(), Some(&id))
            .map_err(|e| vec![FieldError::new("json", e.to_string())]));
    }
    let mut r = Reader {
        f,
        errors: Vec::new(),
        viewer,
    };
    let (confidential, confidential_fields) = confidential_from(&r);
    let record = match kind {
        RecordKind::Person => {
            // A row without its organisation is an empty row of the form.
            let affiliations = (0..f.rows("affiliations"))
                .filter_map(|i| {
                    Some(Affiliation {
                        organisation_id: r.id(&format!("affiliations[{i}].organisation_id"))?,
                        role: f.opt(&format!("affiliations[{i}].role")),
                        period: r.date(&format!("affiliations[{i}].period")),
                    })
                })
                .collect();
            Record::Person(Person {
                id,
                name: r.required("name"),
                aliases: f.lines("aliases"),
                sex: r.parsed::<Sex>("sex"),
                occupation: f.opt("occupation"),
                country: f.opt("country").map(|c| c.to_uppercase()),
                affiliations,
                address: f.opt("address"),
                excerpts: excerpts_from(store, viewer, &mut r).await?,
                confidential,
                confidential_fields,
            })
        }
        RecordKind::Organisation => Record::Organisation(Organisation {
            id,
            name: r.required("name"),
            aliases: f.lines("aliases"),
            kind: r.parsed::<OrganisationKind>("kind").unwrap_or(OrganisationKind::Other),
            parent_id: r.id("parent_id"),
            country: f.opt("country").map(|c| c.to_uppercase()),
            status: r
                .parsed::<OrganisationStatus>("status")
                .unwrap_or(OrganisationStatus::Unknown),
            excerpts: excerpts_from(store, viewer, &mut r).await?,
            confidential,
            confidential_fields,
        }),
        RecordKind::Event => {
            let participants = (0..f.rows("participants"))
                .filter_map(|i| {
                    Some(Participant {
                        record_id: r.id(&format!("participants[{i}].record_id"))?,
                        role: r
                            .parsed::<Role>(&format!("participants[{i}].role"))
                            .unwrap_or(Role::Victim),
                    })
                })
                .collect();
            let bans = (0..f.rows("terms.bans"))
                .filter_map(|i| {
                    Some(Ban {
                        scope: f.opt(&format!("terms.bans[{i}].scope"))?,
                        duration: r.duration(&format!("terms.bans[{i}].duration")),
                    })
                })
                .collect();
            let fine = match f.get("terms.fine") {
                "undisclosed" => Some(Fine::Undisclosed),
                "amount" => match (r.parsed::<u64>("terms.fine_amount"), f.opt("terms.fine_currency")) {
                    (Some(amount), Some(currency)) => Some(Fine::Amount {
                        amount,
                        currency: currency.to_uppercase(),
                    }),
                    _ => {
                        r.errors
                            .push(FieldError::new("terms.fine", viewer.tr("edit-error-fine")));
                        None
                    }
                },
                _ => None,
            };
            let terms = Terms {
                imprisonment: r.duration("terms.imprisonment"),
                restricted_freedom: r.duration("terms.restricted_freedom"),
                fine,
                bans,
            };
            let date = r.date("date");
            if date.is_none() && f.get("date").is_empty() {
                r.errors
                    .push(FieldError::new("date", viewer.lang.tr("edit-error-date-required")));
            }
            let event_type = r.parsed::<EventType>("type");
            let excerpts = excerpts_from(store, viewer, &mut r).await?;
            let claims = match f.opt("claims") {
                None => Vec::new(),
                Some(json) => serde_json::from_str(&json).unwrap_or_else(|_| {
                    r.errors.push(FieldError::new("claims", viewer.tr("edit-error-claims")));
                    Vec::new()
                }),
            };
            let (Some(date), Some(event_type)) = (date, event_type) else {
                return Ok(Err(r.errors));
            };
            Record::Event(Event {
                id,
                event_type,
                date,
                place: f.opt("place"),
                country: f.opt("country").map(|c| c.to_uppercase()),
                title: r.required("title"),
                description: f.opt("description"),
                participants,
                victim_count: r.parsed::<u32>("victim_count"),
                terms: (!terms.is_empty()).then_some(terms),
                relates_to: r.ids("relates_to"),
                excerpts,
                claims,
                pattern: r.flag("pattern"),
                confidential,
                confidential_fields,
            })
        }
        RecordKind::Case => Record::Case(Case {
            id,
            title: r.required("title"),
            description: f.opt("description"),
            event_ids: r.ids("event_ids"),
            person_ids: r.ids("person_ids"),
            confidential,
            confidential_fields,
        }),
        RecordKind::Source => Record::Source(Source {
            id,
            title: r.required("title"),
            publisher: f.opt("publisher"),
            language: f.opt("language"),
            published: r.date("published"),
            url: f.opt("url"),
            // The text is kept exactly (but for line endings): excerpts
            // point into it by byte offset.
            text: f.0.get("text").and_then(|v| v.last()).cloned().unwrap_or_default(),
            confidential,
            confidential_fields,
        }),
        _ => return Ok(Err(vec![FieldError::new("json", "edited as JSON")])),
    };
    Ok(if r.errors.is_empty() { Ok(record) } else { Err(r.errors) })
}
