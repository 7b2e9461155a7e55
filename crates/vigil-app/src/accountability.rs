//! The accountability records (mechanisms, reviews, recommendations,
//! pledges, assessments, rating rules) as a viewer may see them: lists of
//! one kind, and what a record's page shows around it. Each reads what it
//! shows through the store's indexes, never the whole case file.

use std::collections::HashSet;

use vigil_core::{CaseFile, Record, RecordId, RecordKind};
use vigil_store::{Listing, Page, Store, Visibility};

use crate::Result;

/// The records of `kind` the viewer may see, by id, one page of them.
pub async fn list<S: Store>(
    store: &S,
    visibility: Visibility,
    kind: RecordKind,
    page: Page,
) -> Result<Listing<Record>> {
    Ok(store.records_of_kind(kind, visibility, page).await?)
}

/// What an accountability record's page draws on, as the viewer may see
/// it: the record, the records that name it (reviews of a mechanism,
/// recommendations of a review, assessments of a pledge), for a pledge
/// the latest events of its country since, and what all of these name
/// (for their names and links).
pub async fn around<S: Store>(store: &S, visibility: Visibility, record: &Record) -> Result<CaseFile> {
    let mut gathered: Vec<Record> = vec![record.clone()];
    gathered.extend(store.referring_to(record.id(), visibility).await?);
    if let Record::Pledge(p) = record {
        // The latest events since (`country::events_since`): not every
        // event of the country, which is what its page counts.
        let since = crate::country::events_since(store, visibility, p).await?;
        let ids: Vec<RecordId> = since.latest.iter().map(|e| e.id.clone()).collect();
        gathered.extend(store.records(&ids, visibility).await?);
    }
    let have: HashSet<RecordId> = gathered.iter().map(|r| r.id().clone()).collect();
    let mut named: Vec<RecordId> = gathered
        .iter()
        .flat_map(|r| r.references().into_iter().map(|x| x.id.clone()))
        .filter(|id| !have.contains(id))
        .collect();
    named.sort_unstable();
    named.dedup();
    gathered.extend(store.records(&named, visibility).await?);
    let mut out = CaseFile::default();
    let mut seen = HashSet::new();
    for r in gathered {
        if seen.insert(r.id().clone()) {
            out.push(r);
        }
    }
    Ok(out)
}
