//! Review: an editor's decision on each proposal. Nothing ingest found is
//! written to the case file until a person decides: [`accept`] and
//! [`merge`] write records through the ordinary writes
//! ([`crate::records`], with their confidentiality guard), citing the
//! excerpts, and [`reject`] records the refusal.

use std::collections::{HashMap, HashSet};

use vigil_core::{name, FieldError, Record, RecordId, RecordKind};
use vigil_extract::proposal::Resolution;
use vigil_extract::{Known, Proposal, ProposalKind};
use vigil_store::{
    Change, Decision, NameQuery, Page, ProposalFilter, ProposalState, Proposals, Store, StoreError, StoredProposal,
    Visibility,
};

use crate::ingest::slug;
use crate::{AppError, Result, Viewer};

/// A stored proposal, read back into the extractor's form.
pub fn parse(stored: &StoredProposal) -> Result<Proposal> {
    serde_json::from_value(stored.body.clone()).map_err(|e| {
        crate::log_failure(&e);
        AppError::Internal
    })
}

/// A proposal the viewer may see (see [`proposals_seen`]); not found when
/// its source is hidden from them.
pub async fn visible_proposal<S: Store + Proposals>(store: &S, viewer: &Viewer, id: &str) -> Result<StoredProposal> {
    let filter = ProposalFilter {
        id: Some(id.to_owned()),
        ..Default::default()
    };
    proposals_seen(store, viewer, &filter)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::not_found("proposal", id))
}

/// The proposals matching `filter` as `viewer` may see them: every read
/// of proposals for a viewer goes through here. Only those of sources the
/// viewer can see; and without the ids of records they cannot see — a
/// match made when the record was public, or the record a decision wrote,
/// that has since become confidential (or been deleted).
pub async fn proposals_seen<S: Store + Proposals>(
    store: &S,
    viewer: &Viewer,
    filter: &ProposalFilter,
) -> Result<Vec<StoredProposal>> {
    let found = store.proposals(filter).await?;
    if viewer.may_read_confidential() {
        return Ok(found);
    }
    // Every record the proposals name, asked about in one read.
    let mut named: Vec<RecordId> = Vec::new();
    for p in &found {
        named.push(p.source_id.clone());
        named.extend(p.record_id.clone());
        matches_in(&p.body, &mut named);
    }
    named.sort();
    named.dedup();
    let seen: HashSet<RecordId> = store
        .records(&named, viewer.visibility)
        .await?
        .into_iter()
        .map(|r| r.id().clone())
        .collect();
    let mut out = Vec::with_capacity(found.len());
    for mut p in found {
        if !seen.contains(&p.source_id) {
            continue;
        }
        if p.record_id.as_ref().is_some_and(|r| !seen.contains(r)) {
            p.record_id = None;
        }
        // The body names records as matches: its own, and its
        // participants' and organisations'.
        let mut named = Vec::new();
        matches_in(&p.body, &mut named);
        let hidden: HashSet<RecordId> = named.into_iter().filter(|id| !seen.contains(id)).collect();
        if !hidden.is_empty() {
            forget_matches(&mut p.body, &hidden);
        }
        out.push(p);
    }
    Ok(out)
}

/// The fields of a proposal's body that name an existing record.
const MATCH_FIELDS: [&str; 2] = ["matched_id", "record_id"];

/// The records a proposal's body names as matches, anywhere in it.
fn matches_in(value: &serde_json::Value, out: &mut Vec<RecordId>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v.as_str() {
                    Some(id) if MATCH_FIELDS.contains(&k.as_str()) => out.extend(RecordId::parse(id).ok()),
                    _ => matches_in(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| matches_in(v, out)),
        _ => {}
    }
}

/// `value` without its matches to `hidden` records (a forgotten match of
/// the proposal itself also loses its score).
fn forget_matches(value: &mut serde_json::Value, hidden: &HashSet<RecordId>) {
    match value {
        serde_json::Value::Object(map) => {
            let mut forgot_own = false;
            for (k, v) in map.iter_mut() {
                let is_hidden = v
                    .as_str()
                    .and_then(|id| RecordId::parse(id).ok())
                    .is_some_and(|id| hidden.contains(&id));
                if MATCH_FIELDS.contains(&k.as_str()) && is_hidden {
                    forgot_own |= k == "matched_id";
                    *v = serde_json::Value::Null;
                } else {
                    forget_matches(v, hidden);
                }
            }
            if forgot_own && map.contains_key("score") {
                map.insert("score".into(), serde_json::json!(0.0));
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| forget_matches(v, hidden)),
        _ => {}
    }
}

fn pending(p: &StoredProposal) -> Result<()> {
    if p.state == ProposalState::Pending {
        Ok(())
    } else {
        Err(AppError::conflict(
            "decided",
            format!("proposal '{}' was {} already", p.id, p.state.as_str()),
        ))
    }
}

/// What became of every proposal of a source, for resolving references.
async fn resolutions<S: Store + Proposals>(store: &S, source: &RecordId) -> Result<HashMap<String, Resolution>> {
    let all = store
        .proposals(&ProposalFilter {
            source_id: Some(source.clone()),
            ..Default::default()
        })
        .await?;
    let mut out = HashMap::new();
    for p in all {
        let body: Option<Proposal> = serde_json::from_value(p.body.clone()).ok();
        let r = match (p.state, &p.record_id) {
            (ProposalState::Accepted, Some(r)) => Resolution::Record(r.clone()),
            (ProposalState::Rejected, _) => Resolution::Rejected,
            _ => match body.and_then(|b| b.matched_id) {
                Some(m) => Resolution::Record(m),
                None => Resolution::Pending,
            },
        };
        out.insert(p.id, r);
    }
    Ok(out)
}

fn invalid(errors: Vec<FieldError>) -> AppError {
    StoreError::Invalid(errors).into()
}

/// The existing record a person or organisation proposal is, by matching
/// its names against the case file as it is now (a record may have been
/// accepted from another source since).
async fn current_match<S: Store>(store: &S, viewer: &Viewer, p: &Proposal) -> Result<Option<RecordId>> {
    let kind = match p.kind {
        ProposalKind::Person => RecordKind::Person,
        ProposalKind::Organisation => RecordKind::Organisation,
        _ => return Ok(None),
    };
    let name = p.name.clone().unwrap_or_else(|| p.label.clone());
    // The candidates share the start of the surname: its spellings differ
    // most in the last letters (Baltabay, Baltabai; Tokaev, Tokayev; -ov,
    // -ova), and the name matcher below decides which of them is this
    // person. Four letters at least, so that few names share the stem.
    let last = name::fold(name.split_whitespace().last().unwrap_or_default());
    let letters = last.chars().count();
    let stem: String = last.chars().take(letters.saturating_sub(3).max(4)).collect();
    let q = NameQuery {
        text: Some(stem),
        visibility: viewer.visibility,
    };
    let known = match kind {
        RecordKind::Person => Known::new(store.persons(&q, Page::all()).await?.items, Vec::new(), Vec::new()),
        _ => Known::new(
            Vec::new(),
            store.organisations(&q, Page::all()).await?.items,
            Vec::new(),
        ),
    };
    let mut best = known.best_match(&name, kind, &[]);
    for alias in &p.aliases {
        if best.is_none() {
            best = known.best_match(alias, kind, &[]);
        }
    }
    Ok(best.map(|m| m.record_id))
}

/// A new id for an accepted record: a slug of its name, made unique.
async fn fresh_id<S: Store>(store: &S, p: &Proposal) -> Result<RecordId> {
    let base = match p.kind {
        ProposalKind::Event => {
            let who = p.participants.first().map(|q| slug(&q.label, 30)).unwrap_or_default();
            let t = p.event_type.map(|t| t.as_str().replace('_', "-")).unwrap_or_default();
            let d = p.date.map(|d| d.to_string().replace('/', "-")).unwrap_or_default();
            [who, t, d]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        }
        _ => p.name.clone().unwrap_or_else(|| p.label.clone()),
    };
    crate::records::readable_id(store, &base, 90).await
}

/// The change a decision makes, its reason naming the proposal and its
/// source — unless the source is confidential: a reason is read by every
/// signed-in account, and a proposal's id is made from its source's.
async fn change<S: Store>(
    store: &S,
    viewer: &Viewer,
    p: &StoredProposal,
    verb: &str,
    reason: Option<String>,
) -> Result<Change> {
    let public = match store.record(&p.source_id, Visibility::Public).await {
        Ok(_) => true,
        Err(StoreError::NotFound { .. }) => false,
        Err(e) => return Err(e.into()),
    };
    let base = if public {
        format!("{verb} proposal {} from source {}", p.id, p.source_id)
    } else {
        format!("{verb} a proposal from a confidential source")
    };
    let reason = match reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()) {
        Some(r) => format!("{base}: {r}"),
        None => base,
    };
    crate::records::change_for(viewer, Some(reason))
}

/// Records a person's decision on a proposal.
async fn decide<S: Proposals>(
    store: &S,
    viewer: &Viewer,
    id: &str,
    state: ProposalState,
    record_id: Option<RecordId>,
) -> Result<StoredProposal> {
    crate::records::require_writer(viewer)?;
    let decision = Decision {
        state,
        by: viewer.author(),
        record_id,
    };
    Ok(store.decide(id, &decision).await?)
}

/// The result of a decision.
#[derive(Clone, Debug, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decided {
    pub id: String,
    /// `accepted` or `rejected`.
    pub status: String,
    /// The record written (created or added to), when accepted.
    pub record_id: Option<RecordId>,
    /// `create` or `update`, when a record was written.
    pub operation: Option<String>,
}

/// Accepts a proposal: creates its record, or adds to the existing record
/// it is (names, excerpts). `edited` replaces what the proposal would
/// write (accept with edits).
pub async fn accept<S: Store + Proposals>(
    store: &S,
    viewer: &Viewer,
    id: &str,
    edited: Option<Record>,
    reason: Option<String>,
) -> Result<Decided> {
    let stored = visible_proposal(store, viewer, id).await?;
    pending(&stored)?;
    let mut p = parse(&stored)?;
    let resolved = resolutions(store, &stored.source_id).await?;
    let resolve = |pid: &str| resolved.get(pid).cloned().unwrap_or(Resolution::Pending);
    // Names an editor rejected as aliases stay out.
    let siblings = store
        .proposals(&ProposalFilter {
            source_id: Some(stored.source_id.clone()),
            ..Default::default()
        })
        .await?;
    let alias_of_this: Vec<(StoredProposal, Proposal)> = siblings
        .into_iter()
        .filter(|s| s.kind == "alias")
        .filter_map(|s| {
            let b: Proposal = serde_json::from_value(s.body.clone()).ok()?;
            (b.of.as_deref() == Some(id)).then_some((s, b))
        })
        .collect();
    for (s, b) in &alias_of_this {
        if s.state == ProposalState::Rejected {
            if let Some(a) = &b.alias {
                p.aliases.retain(|x| name::fold(x) != name::fold(a));
            }
        }
    }
    // The write decides the proposal in its own transaction: of editors
    // accepting it at once, one writes and the others are told it was
    // decided, so one proposal makes at most one record.
    let change = change(store, viewer, &stored, "accepted", reason).await?.settling(id);
    let (record, creating) = match edited {
        Some(record) => {
            let exists = match store.record(record.id(), Visibility::Confidential).await {
                Ok(_) => true,
                Err(StoreError::NotFound { .. }) => false,
                Err(e) => return Err(e.into()),
            };
            (record, !exists)
        }
        None => {
            let target = match p.kind {
                ProposalKind::Alias => match (&p.matched_id, p.of.as_deref().map(&resolve)) {
                    (Some(m), _) => Some(m.clone()),
                    (None, Some(Resolution::Record(r))) => Some(r),
                    _ => {
                        return Err(AppError::conflict(
                            "undecided",
                            "accept the person or organisation this alias names first",
                        ))
                    }
                },
                ProposalKind::Event => p.matched_id.clone(),
                ProposalKind::Person | ProposalKind::Organisation => match &p.matched_id {
                    Some(m) => Some(m.clone()),
                    None => current_match(store, viewer, &p).await?,
                },
            };
            match target {
                Some(t) => {
                    let existing = store.record(&t, viewer.visibility).await?;
                    let existing = store.record(existing.id(), Visibility::Confidential).await?;
                    (p.merged_into(existing, &resolve).map_err(invalid)?, false)
                }
                None => {
                    let new_id = fresh_id(store, &p).await?;
                    (p.to_record(new_id, &resolve).map_err(invalid)?, true)
                }
            }
        }
    };
    let record = crate::records::guard_confidential(store, viewer, record, creating).await?;
    let rev = if creating {
        store.create(record, &change).await?
    } else {
        store.update(record, &change).await?
    };
    // The aliases this acceptance wrote are decided with it.
    for (s, _) in alias_of_this {
        if s.state == ProposalState::Pending {
            let _ = decide(
                store,
                viewer,
                &s.id,
                ProposalState::Accepted,
                Some(rev.record_id.clone()),
            )
            .await?;
        }
    }
    Ok(Decided {
        id: id.to_owned(),
        status: "accepted".into(),
        record_id: Some(rev.record_id),
        operation: Some(rev.operation.as_str().to_owned()),
    })
}

/// Adds what a proposal says to an existing record the editor chose.
pub async fn merge<S: Store + Proposals>(
    store: &S,
    viewer: &Viewer,
    id: &str,
    into: &RecordId,
    reason: Option<String>,
) -> Result<Decided> {
    let stored = visible_proposal(store, viewer, id).await?;
    pending(&stored)?;
    let p = parse(&stored)?;
    let resolved = resolutions(store, &stored.source_id).await?;
    let resolve = |pid: &str| resolved.get(pid).cloned().unwrap_or(Resolution::Pending);
    let existing = match store.record(into, viewer.visibility).await {
        Ok(r) => store.record(r.id(), Visibility::Confidential).await?,
        Err(StoreError::NotFound { .. }) => {
            return Err(AppError::not_found("record", into.as_str()).in_field("into"));
        }
        Err(e) => return Err(e.into()),
    };
    let record = p.merged_into(existing, &resolve).map_err(invalid)?;
    let record = crate::records::guard_confidential(store, viewer, record, false).await?;
    let change = change(store, viewer, &stored, "merged", reason).await?.settling(id);
    let rev = store.update(record, &change).await?;
    Ok(Decided {
        id: id.to_owned(),
        status: "accepted".into(),
        record_id: Some(rev.record_id),
        operation: Some("update".into()),
    })
}

/// Rejects a proposal: nothing is written to the case file.
pub async fn reject<S: Store + Proposals>(store: &S, viewer: &Viewer, id: &str) -> Result<Decided> {
    let stored = visible_proposal(store, viewer, id).await?;
    pending(&stored)?;
    decide(store, viewer, id, ProposalState::Rejected, None).await?;
    Ok(Decided {
        id: id.to_owned(),
        status: "rejected".into(),
        record_id: None,
        operation: None,
    })
}

/// Marks a proposal accepted after its record was written another way
/// (the edit form, pre-filled from it).
pub async fn accepted_by_form<S: Store + Proposals>(
    store: &S,
    viewer: &Viewer,
    id: &str,
    record_id: &RecordId,
) -> Result<()> {
    let stored = visible_proposal(store, viewer, id).await?;
    pending(&stored)?;
    decide(store, viewer, id, ProposalState::Accepted, Some(record_id.clone())).await?;
    Ok(())
}

/// The record a proposal would write, for the edit form: the existing one
/// with the proposal's additions, or a new one; whether it exists; whether
/// the text gave no date (the form's date is then left for the editor).
pub async fn draft<S: Store + Proposals>(store: &S, viewer: &Viewer, id: &str) -> Result<(Record, bool, bool)> {
    let stored = visible_proposal(store, viewer, id).await?;
    pending(&stored)?;
    let p = parse(&stored)?;
    let resolved = resolutions(store, &stored.source_id).await?;
    // For a form, a participant not decided yet is left out.
    let resolve = |pid: &str| match resolved.get(pid) {
        Some(Resolution::Record(r)) => Resolution::Record(r.clone()),
        _ => Resolution::Rejected,
    };
    let target = match (&p.matched_id, p.kind) {
        (Some(m), _) => Some(m.clone()),
        (None, ProposalKind::Person | ProposalKind::Organisation) => current_match(store, viewer, &p).await?,
        _ => None,
    };
    if let Some(t) = target {
        let existing = store.record(&t, viewer.visibility).await?;
        let merged = p.merged_into(existing, &resolve).map_err(invalid)?;
        return Ok((merged, true, false));
    }
    let new_id = fresh_id(store, &p).await?;
    let undated = p.kind == ProposalKind::Event && p.date.is_none();
    let mut dated = p.clone();
    if undated {
        // A stand-in the form does not show: the editor gives the date.
        dated.date = "2000".parse().ok();
    }
    let r = dated.to_record(new_id, &resolve).map_err(invalid)?;
    Ok((r, false, undated))
}
