//! Two records of one person (or one organisation) made one: "Erlan
//! Baltabai", accepted from a second article before anyone saw it was
//! "Erlan Baltabay", merged into the first.
//!
//! A merge rewrites every reference to the record merged away so that it
//! names the record kept (an event's participants, a person's
//! affiliations, a case's persons, …), adds the merged record's names as
//! aliases and its excerpts as evidence of the kept one, and deletes it.
//! The references and the kept record are written in one transaction;
//! the delete follows. Every record it changed gets a revision whose
//! reason says which merge it was, so the history keeps all of it and
//! [`unmerge`] can put each back.

use vigil_core::{Record, RecordId, RecordKind};
use vigil_store::{Change, Operation, Revision, Store, Visibility};

use crate::records::{change_for, require_writer};
use crate::{AppError, Result, Viewer};

/// What a merge or an unmerge wrote.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Merged {
    /// The record kept.
    pub into: RecordId,
    /// The record merged away (deleted by a merge, back after an unmerge).
    pub from: RecordId,
    /// The other records whose references were rewritten (or put back).
    pub rewritten: Vec<RecordId>,
}

/// The words every revision of one merge carries, by which [`unmerge`]
/// finds them.
fn marker(from: &RecordId, into: &RecordId) -> String {
    format!("merged {from} into {into}")
}

fn reason_for(marker: &str, reason: Option<&str>) -> String {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => format!("{marker}: {r}"),
        None => marker.to_owned(),
    }
}

/// The two records, as the viewer may see them, checked mergeable.
async fn pair<S: Store>(store: &S, viewer: &Viewer, from: &RecordId, into: &RecordId) -> Result<(Record, Record)> {
    if from == into {
        return Err(AppError::Invalid(vec![vigil_core::FieldError::new(
            "into",
            "a record cannot be merged into itself",
        )]));
    }
    let f = store.record(from, viewer.visibility).await?;
    let i = match store.record(into, viewer.visibility).await {
        Ok(r) => r,
        Err(vigil_store::StoreError::NotFound { .. }) => {
            return Err(AppError::not_found("record", into.as_str()).in_field("into"));
        }
        Err(e) => return Err(e.into()),
    };
    if !matches!(f.kind(), RecordKind::Person | RecordKind::Organisation) {
        return Err(AppError::Invalid(vec![vigil_core::FieldError::new(
            "id",
            "only persons and organisations are merged (an event told twice is given another account: see claims)",
        )]));
    }
    if f.kind() != i.kind() {
        return Err(AppError::Invalid(vec![vigil_core::FieldError::new(
            "into",
            format!("a {} cannot be merged into a {}", f.kind(), i.kind()),
        )]));
    }
    // Whole records from here: a merge moves everything, so it needs the
    // right to all of it.
    let f = store.record(from, Visibility::Confidential).await?;
    let i = store.record(into, Visibility::Confidential).await?;
    if !viewer.may_read_confidential() && (f.has_confidential_content() || i.has_confidential_content()) {
        return Err(AppError::forbidden(
            "merging records with confidential content needs the confidential_reader role",
        ));
    }
    Ok((f, i))
}

/// `record` with every reference to `from` naming `into` instead
/// ([`Record::with_references_moved`]); `None` when it does not refer to
/// `from`.
fn rewritten(record: &Record, from: &RecordId, into: &RecordId) -> Result<Option<Record>> {
    record.with_references_moved(from, into).map_err(internal)
}

fn internal(e: serde_json::Error) -> AppError {
    tracing::error!(error = %e, "a record could not be rewritten for a merge");
    AppError::Internal
}

/// `into` with what `from` adds: its names as aliases, its excerpts, and
/// the facts `into` lacks.
fn combined(into: Record, from: &Record) -> Record {
    /// `from`'s names as aliases of the record named `own`, and its
    /// excerpts, each once.
    fn absorb(
        (aliases, own, excerpts): (&mut Vec<String>, &str, &mut Vec<vigil_core::Excerpt>),
        (name, their_aliases, their_excerpts): (&str, &[String], &[vigil_core::Excerpt]),
    ) {
        let own = vigil_core::name::fold(own);
        for n in std::iter::once(name).chain(their_aliases.iter().map(String::as_str)) {
            let f = vigil_core::name::fold(n);
            if own != f && !aliases.iter().any(|a| vigil_core::name::fold(a) == f) {
                aliases.push(n.to_owned());
            }
        }
        for x in their_excerpts {
            if !excerpts.contains(x) {
                excerpts.push(x.clone());
            }
        }
    }
    match (into, from) {
        (Record::Person(mut p), Record::Person(f)) => {
            absorb(
                (&mut p.aliases, &p.name, &mut p.excerpts),
                (&f.name, &f.aliases, &f.excerpts),
            );
            for a in &f.affiliations {
                if !p.affiliations.contains(a) {
                    p.affiliations.push(a.clone());
                }
            }
            p.sex = p.sex.or(f.sex);
            p.occupation = p.occupation.or_else(|| f.occupation.clone());
            p.country = p.country.or_else(|| f.country.clone());
            p.address = p.address.or_else(|| f.address.clone());
            Record::Person(p)
        }
        (Record::Organisation(mut o), Record::Organisation(f)) => {
            absorb(
                (&mut o.aliases, &o.name, &mut o.excerpts),
                (&f.name, &f.aliases, &f.excerpts),
            );
            o.parent_id = o.parent_id.or_else(|| f.parent_id.clone()).filter(|p| p != &o.id);
            o.country = o.country.or_else(|| f.country.clone());
            Record::Organisation(o)
        }
        (other, _) => other,
    }
}

/// Merges the person or organisation `from` into `into` (see the module).
pub async fn merge<S: Store>(
    store: &S,
    viewer: &Viewer,
    from: &RecordId,
    into: &RecordId,
    reason: Option<String>,
) -> Result<Merged> {
    require_writer(viewer)?;
    let (f, i) = pair(store, viewer, from, into).await?;
    // The editor's reason is checked as any; the merge's words go before it.
    let mut change = change_for(viewer, reason.clone())?;
    change.reason = Some(reason_for(&marker(from, into), reason.as_deref()));
    let kept = combined(i, &f);
    // The kept record may itself have referred to the one merged away.
    let kept = rewritten(&kept, from, into)?.unwrap_or(kept);
    let mut updates = vec![(kept, change.clone())];
    let mut ids = Vec::new();
    for r in store.referring_to(from, Visibility::Confidential).await? {
        if r.id() == into {
            continue;
        }
        if let Some(new) = rewritten(&r, from, into)? {
            // Those without the right are not told which hidden records moved.
            if viewer.may_read_confidential() || !r.is_confidential() {
                ids.push(new.id().clone());
            }
            updates.push((new, change.clone()));
        }
    }
    store.write_all(&[], &updates, false).await?;
    store.delete(from, &change).await?;
    Ok(Merged {
        into: into.clone(),
        from: from.clone(),
        rewritten: ids,
    })
}

/// Undoes the merge of `from` into `into`: `from` is restored as it was,
/// and every record whose latest revision is that merge's goes back to its
/// state before it. Each step is a revision of its own, so an unmerge cut
/// short is finished by asking again.
pub async fn unmerge<S: Store>(
    store: &S,
    viewer: &Viewer,
    from: &RecordId,
    into: &RecordId,
    reason: Option<String>,
) -> Result<Merged> {
    require_writer(viewer)?;
    let mark = marker(from, into);
    let is_merge = |r: &Revision| {
        r.reason
            .as_deref()
            .is_some_and(|x| x == mark || x.starts_with(&format!("{mark}: ")))
    };
    let mut change: Change = change_for(viewer, reason.clone())?;
    change.reason = Some(reason_for(&format!("unmerged {from} from {into}"), reason.as_deref()));
    // The record merged away, back to its last state before the merge.
    let history = store.revisions(from, viewer.visibility).await?;
    let Some(last) = history.last() else {
        return Err(AppError::not_found("record", from.as_str()));
    };
    // The record kept must be one the viewer may see: one hidden from them
    // is "not found", as one that never existed.
    match store.record(into, viewer.visibility).await {
        Ok(_) => {}
        Err(vigil_store::StoreError::NotFound { .. }) => {
            return Err(AppError::not_found("record", into.as_str()).in_field("into"));
        }
        Err(e) => return Err(e.into()),
    }
    if !viewer.may_read_confidential() && last.record.has_confidential_content() {
        return Err(AppError::forbidden(
            "unmerging records with confidential content needs the confidential_reader role",
        ));
    }
    // Only a merge that happened is undone (one cut short included: its
    // revision is still in the history); anything else writes nothing.
    if !history.iter().any(is_merge) {
        return Err(AppError::conflict(
            "not_merged",
            format!("{from} was never merged into {into}: nothing to unmerge"),
        ));
    }
    if last.operation == Operation::Delete && is_merge(last) {
        let before = history
            .iter()
            .rev()
            .find(|r| r.operation != Operation::Delete)
            .ok_or_else(|| AppError::not_found("record", from.as_str()))?;
        store.restore(from, before.seq, &change).await?;
    } else if last.operation == Operation::Delete {
        return Err(AppError::conflict(
            "not_merged",
            format!("{from} was deleted, not merged into {into}"),
        ));
    }
    // Every record whose latest revision is this merge's, back to the one before.
    let mut candidates: Vec<RecordId> = vec![into.clone()];
    candidates.extend(
        store
            .referring_to(into, Visibility::Confidential)
            .await?
            .into_iter()
            .map(|r| r.id().clone()),
    );
    let mut ids = Vec::new();
    for id in candidates {
        let revs = store.revisions(&id, Visibility::Confidential).await?;
        let [.., before, latest] = revs.as_slice() else {
            continue;
        };
        if is_merge(latest) {
            store.restore(&id, before.seq, &change).await?;
            if &id != into && (viewer.may_read_confidential() || !latest.record.is_confidential()) {
                ids.push(id);
            }
        }
    }
    Ok(Merged {
        into: into.clone(),
        from: from.clone(),
        rewritten: ids,
    })
}
