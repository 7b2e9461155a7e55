//! The public case file as one Popolo document (http://www.popoloproject.com/):
//! `{"persons": […], "organizations": […], "memberships": […]}`, streamed.
//!
//! The mapping:
//! - a person becomes a person (`id`, `name`, aliases as `other_names`,
//!   sex as `gender`);
//! - an organisation becomes an organization (its kind as
//!   `classification`, its parent as `parent_id`);
//! - each affiliation of a person becomes a membership (its role; its
//!   period's start as `start_date` and, for a range, its end as
//!   `end_date`);
//! - excerpts become `sources`: the source's address (or, without one,
//!   `urn:vigil:source:{id}`) and, as the note, the quoted passage and the
//!   source's title.
//!
//! Everything is read as an anonymous reader sees it, so nothing
//! confidential is included. Events are not: Popolo's events model
//! meetings, not violations (they stay in JSON Lines).

use std::collections::HashMap;

use serde_json::{json, Value};
use vigil_core::{Excerpt, Record, RecordId, RecordKind};
use vigil_store::{Store, StoreError, Visibility};

use super::OpenDataError;

const PAGE: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Start,
    Persons,
    Organisations,
    Memberships,
    End,
}

/// A Popolo export in progress: [`Self::next_chunk`] hands out the
/// document a page of records at a time, until `None`.
pub struct PopoloExport<S> {
    store: S,
    part: Part,
    after: Option<RecordId>,
    /// Whether the current array has an item already (for commas).
    started: bool,
    /// The sources excerpts quote: their address and title.
    sources: HashMap<RecordId, Option<(String, String)>>,
}

impl<S: Store> PopoloExport<S> {
    pub fn new(store: S) -> Self {
        Self {
            store,
            part: Part::Start,
            after: None,
            started: false,
            sources: HashMap::new(),
        }
    }

    /// The next bytes of the document, or `None` at its end.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, OpenDataError> {
        let (kind, opening) = match self.part {
            Part::Start => {
                self.part = Part::Persons;
                return Ok(Some(b"{\"persons\":[".to_vec()));
            }
            Part::Persons => (RecordKind::Person, "],\"organizations\":["),
            Part::Organisations => (RecordKind::Organisation, "],\"memberships\":["),
            Part::Memberships => (RecordKind::Person, "]}\n"),
            Part::End => return Ok(None),
        };
        let page = self
            .store
            .records_page(kind, self.after.as_ref(), PAGE, Visibility::Public)
            .await?;
        let Some(last) = page.last() else {
            self.part = match self.part {
                Part::Persons => Part::Organisations,
                Part::Organisations => Part::Memberships,
                _ => Part::End,
            };
            self.after = None;
            self.started = false;
            return Ok(Some(opening.as_bytes().to_vec()));
        };
        self.after = Some(last.id().clone());
        let mut items = Vec::new();
        for record in &page {
            match (self.part, record) {
                (Part::Persons, Record::Person(p)) => {
                    let mut v = json!({"id": p.id, "name": p.name});
                    if !p.aliases.is_empty() {
                        v["other_names"] = p.aliases.iter().map(|a| json!({"name": a})).collect();
                    }
                    if let Some(sex) = p.sex {
                        v["gender"] = json!(sex.as_str());
                    }
                    self.add_sources(&mut v, &p.excerpts).await?;
                    items.push(v);
                }
                (Part::Organisations, Record::Organisation(o)) => {
                    let mut v = json!({"id": o.id, "name": o.name, "classification": o.kind.as_str()});
                    if !o.aliases.is_empty() {
                        v["other_names"] = o.aliases.iter().map(|a| json!({"name": a})).collect();
                    }
                    if let Some(parent) = &o.parent_id {
                        v["parent_id"] = json!(parent);
                    }
                    self.add_sources(&mut v, &o.excerpts).await?;
                    items.push(v);
                }
                (Part::Memberships, Record::Person(p)) => {
                    for (i, a) in p.affiliations.iter().enumerate() {
                        let mut v = json!({
                            "id": format!("{}-membership-{}", p.id, i + 1),
                            "person_id": p.id,
                            "organization_id": a.organisation_id,
                        });
                        if let Some(role) = &a.role {
                            v["role"] = json!(role);
                        }
                        if let Some(period) = &a.period {
                            let text = period.to_string();
                            let (start, end) = match text.split_once('/') {
                                Some((s, e)) => (s.to_owned(), Some(e.to_owned())),
                                None => (text.clone(), None),
                            };
                            v["start_date"] = json!(start);
                            if let Some(end) = end {
                                v["end_date"] = json!(end);
                            }
                        }
                        items.push(v);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        for item in items {
            if self.started {
                out.push(b',');
            }
            self.started = true;
            serde_json::to_writer(&mut out, &item).map_err(StoreError::backend)?;
        }
        Ok(Some(out))
    }

    async fn add_sources(&mut self, v: &mut Value, excerpts: &[Excerpt]) -> Result<(), OpenDataError> {
        let mut links = Vec::new();
        for e in excerpts {
            if !self.sources.contains_key(&e.source_id) {
                let seen = match self.store.record(&e.source_id, Visibility::Public).await {
                    Ok(Record::Source(s)) => Some((
                        s.url.clone().unwrap_or_else(|| format!("urn:vigil:source:{}", s.id)),
                        s.title,
                    )),
                    Ok(_) | Err(StoreError::NotFound { .. }) => None,
                    Err(e) => return Err(e.into()),
                };
                self.sources.insert(e.source_id.clone(), seen);
            }
            if let Some(Some((url, title))) = self.sources.get(&e.source_id) {
                links.push(json!({"url": url, "note": format!("“{}” ({title})", e.text)}));
            }
        }
        if !links.is_empty() {
            v["sources"] = Value::Array(links);
        }
        Ok(())
    }
}
