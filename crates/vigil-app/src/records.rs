//! Writing records: every create, update, delete and restore, from the API,
//! the edit forms and review, goes through here (bulk loads — the demo,
//! ingest's sources — write through the store's batch calls).
//!
//! A record arrives as JSON (its `id` may be left out of a create: one is
//! made). Writers without the right to confidential content can neither
//! mark a record confidential nor see, and so erase, what is marked
//! ([`guard_confidential`]); that is the confidentiality guard of every
//! write. The store then checks the record whole and writes it with a
//! revision naming the author and the reason.

use serde_json::Value;
use vigil_core::{Record, RecordId, RecordKind};
use vigil_store::{Change, Revision, Store, StoreError, Visibility};

use crate::{AppError, Result, Viewer};

/// The longest reason a change may give.
pub const REASON_MAX: usize = 2000;

/// Ids that name pages (`/persons/new`, `/persons/{id}/edit`): a record
/// with one would be shadowed by its page.
pub const RESERVED_IDS: [&str; 2] = ["new", "edit"];

/// A fresh opaque id, for records created without one (ids of confidential
/// records should say nothing about them).
pub fn new_id() -> RecordId {
    let token = crate::credentials::random_token();
    // 32 hex digits: lowercase hex is always a valid id.
    RecordId::parse(&token[..32]).unwrap_or_else(|_| unreachable!("hex is a valid id"))
}

/// An id people can read for a new record: a slug of `text` (a name or a
/// title), `-2`, `-3`… when that is in use by a live or deleted record, or
/// an opaque one when the text gives no slug or every one tried is taken.
pub async fn readable_id<S: Store>(store: &S, text: &str, max: usize) -> Result<RecordId> {
    let base = crate::ingest::slug(text, max);
    let candidates: Vec<RecordId> = (1..10)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .filter_map(|c| RecordId::parse(&c).ok())
        // `/persons/new` and `/persons/{id}/edit` are pages, not records.
        .filter(|id| !RESERVED_IDS.contains(&id.as_str()))
        .collect();
    if base.is_empty() || candidates.is_empty() {
        return Ok(new_id());
    }
    let taken = store.taken(&candidates).await?;
    Ok(candidates
        .into_iter()
        .find(|c| !taken.contains(c))
        .unwrap_or_else(new_id))
}

/// The id a new record gets when none is given: readable (from its title)
/// when it is public; opaque when it is confidential, since ids are not
/// encrypted and a witness's name must not stand in an address.
pub async fn id_for<S: Store>(store: &S, record: &Record) -> Result<RecordId> {
    if record.is_confidential() {
        Ok(new_id())
    } else {
        readable_id(store, record.title(), 60).await
    }
}

/// Writes are for editors. The web layer's gate refuses other callers
/// first; this holds for every caller of the application.
pub fn require_writer(viewer: &Viewer) -> Result<()> {
    if viewer.may_write() {
        Ok(())
    } else {
        Err(AppError::forbidden("your account may not change records"))
    }
}

/// The change a viewer makes, with its reason (trimmed; empty is none).
pub fn change_for(viewer: &Viewer, reason: Option<String>) -> Result<Change> {
    require_writer(viewer)?;
    let reason = reason.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    if let Some(r) = &reason {
        if r.chars().count() > REASON_MAX {
            return Err(AppError::malformed(
                "reason",
                format!("a reason is at most {REASON_MAX} characters"),
            ));
        }
        // A reason is shown in histories as one line of text, as a name is.
        if r.chars().any(vigil_core::name::is_control) {
            return Err(AppError::malformed(
                "reason",
                "a reason must not contain control characters (line breaks, tabs)",
            ));
        }
    }
    // A record an editor makes confidential is given an opaque id: its
    // readable one came from its name or title.
    Ok(Change {
        new_id_when_hidden: true,
        ..Change::new(viewer.author(), reason.as_deref())
    })
}

/// Reads a record of `kind` from JSON; every error names its field. `id`
/// is the record's id when it is known from elsewhere (an address).
pub fn parse_record(kind: RecordKind, body: &[u8], id: Option<&RecordId>) -> Result<Record> {
    Ok(parse_record_saying(kind, body, id)?.0)
}

/// [`parse_record`], and whether the body gave the record's id (rather
/// than one being made for it).
fn parse_record_saying(kind: RecordKind, body: &[u8], id: Option<&RecordId>) -> Result<(Record, bool)> {
    crate::json::unique_keys(body)?;
    let mut value: Value =
        serde_json::from_slice(body).map_err(|e| AppError::malformed("body", format!("malformed JSON: {e}")))?;
    crate::json::whole_numbers(&mut value);
    let Value::Object(map) = &mut value else {
        return Err(AppError::malformed("body", format!("a {kind} is a JSON object")));
    };
    if map
        .get("id")
        .and_then(Value::as_str)
        .is_some_and(|s| s.trim().is_empty())
    {
        map.remove("id");
    }
    let given = map.contains_key("id");
    match (map.get("id"), id) {
        (Some(given), Some(id)) if given.as_str() != Some(id.as_str()) => {
            return Err(AppError::Invalid(vec![vigil_core::FieldError::new(
                "id",
                "the id in the body differs from the id in the address",
            )]))
        }
        (None, Some(id)) => {
            map.insert("id".into(), Value::String(id.to_string()));
        }
        (None, None) => {
            map.insert("id".into(), Value::String(new_id().to_string()));
        }
        _ => {}
    }
    let wrapped = serde_json::json!({ "kind": kind.as_str(), "record": value });
    let record = serde_path_to_error::deserialize::<_, Record>(wrapped.clone()).map_err(|e| {
        let path = e.path().to_string();
        // A date of the right form that is no date (a 30 February, a range
        // running backwards) is well-formed but invalid: 422, as any other
        // rule a JSON Schema cannot state.
        if let Some(error) = date_error_at(&wrapped, e.path()) {
            let field = path.strip_prefix("record.").unwrap_or(&path);
            return AppError::Invalid(vec![vigil_core::FieldError::new(field, error.to_string())]);
        }
        let field = path.strip_prefix("record.").unwrap_or(&path).to_owned();
        let field = if field == "record" || field == "." {
            "body".to_owned()
        } else {
            field
        };
        AppError::malformed(&field, format!("{field}: {}", e.inner()))
    })?;
    Ok((record, given))
}

/// The error of the date at `path` in `value`, when there is a string there
/// of a date's form that is not a valid date.
fn date_error_at(value: &Value, path: &serde_path_to_error::Path) -> Option<vigil_core::date::DateError> {
    use serde_path_to_error::Segment;
    use vigil_core::date::DateError;
    let mut at = value;
    for segment in path.iter() {
        at = match segment {
            Segment::Seq { index } => at.get(*index)?,
            Segment::Map { key } => at.get(key.as_str())?,
            _ => return None,
        };
    }
    match at.as_str()?.parse::<vigil_core::PartialDate>() {
        Err(e @ (DateError::BackwardRange(_) | DateError::NoSuchDay(_))) => Some(e),
        _ => None,
    }
}

/// The confidentiality guard of every write. A writer without the right
/// to confidential content can neither mark anything confidential, nor
/// see and so erase what is, nor record an address (always confidential):
/// an update keeps what they cannot see as it was.
pub async fn guard_confidential<S: Store>(
    store: &S,
    viewer: &Viewer,
    record: Record,
    creating: bool,
) -> Result<Record> {
    let record = match record {
        Record::Person(p) => Record::Person(p.with_address_protected()),
        other => other,
    };
    if viewer.may_read_confidential() {
        return Ok(record);
    }
    if creating {
        if record.has_confidential_content() {
            return Err(AppError::forbidden(
                "marking a record or field confidential, or recording an address, needs the confidential_reader role",
            ));
        }
        check_citations(store, viewer, &record, None).await?;
        return Ok(record);
    }
    let seen = store.record(record.id(), viewer.visibility).await?;
    let full = store.record(record.id(), Visibility::Confidential).await?;
    let merged = record
        .keeping_hidden_from(&full)
        .ok_or_else(|| AppError::not_found(record.kind().as_str(), record.id().as_str()))?
        .with_references_kept(&full, &seen);
    if let (Record::Person(new), Record::Person(old)) = (&record, &full) {
        if new.address.is_some() && new.address != old.address {
            return Err(AppError::forbidden(
                "recording an address needs the confidential_reader role",
            ));
        }
    }
    check_citations(store, viewer, &merged, Some(&full)).await?;
    Ok(merged)
}

/// For a writer without the right to confidential content: a record may
/// cite only what the writer may see, beside what it cited already. Citing
/// a hidden record, or quoting a hidden source anew, answers exactly as
/// citing a missing one would: the same check (`references::check`), run
/// over what the writer may see, in the store's order (the record alone,
/// then a taken id, then its references). Otherwise the check's answers —
/// which quote does not match — would read a hidden source out.
async fn check_citations<S: Store>(store: &S, viewer: &Viewer, record: &Record, stored: Option<&Record>) -> Result<()> {
    use std::collections::{HashMap, HashSet};
    use vigil_core::casefile::references;
    let kept: HashSet<&RecordId> = stored
        .map(|s| s.references().into_iter().map(|r| r.id).collect())
        .unwrap_or_default();
    let kept_excerpts = stored.map(Record::excerpts).unwrap_or_default();
    let mut kinds: HashMap<RecordId, RecordKind> = HashMap::new();
    let mut texts: HashMap<RecordId, String> = HashMap::new();
    let mut cites_hidden = false;
    for reference in record.references() {
        if kinds.contains_key(reference.id) {
            continue;
        }
        match store.record(reference.id, viewer.visibility).await {
            Ok(r) => {
                kinds.insert(reference.id.clone(), r.kind());
                if let Record::Source(s) = r {
                    texts.insert(s.id, s.text);
                }
            }
            Err(StoreError::NotFound { .. }) => match store.record(reference.id, Visibility::Confidential).await {
                Ok(hidden) if kept.contains(reference.id) => {
                    kinds.insert(reference.id.clone(), hidden.kind());
                }
                Ok(_) => cites_hidden = true,
                Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e.into()),
            },
            Err(e) => return Err(e.into()),
        }
    }
    for e in record.excerpts() {
        let hidden_source = kinds.contains_key(&e.source_id) && !texts.contains_key(&e.source_id);
        if hidden_source && !kept_excerpts.contains(e) {
            cites_hidden = true;
            kinds.remove(&e.source_id);
        }
    }
    if !cites_hidden {
        // Everything cited is visible or was cited already: the store's
        // own check answers.
        return Ok(());
    }
    record.validate().map_err(StoreError::Invalid)?;
    if stored.is_none() && !store.taken(std::slice::from_ref(record.id())).await?.is_empty() {
        return Err(StoreError::Conflict(record.id().clone()).into());
    }
    let misfits = references::check(
        record,
        &references::Maps {
            kinds: &kinds,
            texts: &texts,
            confidential: &HashSet::new(),
        },
    );
    Err(StoreError::Invalid(misfits.into_iter().map(vigil_core::FieldError::from).collect()).into())
}

/// The whole current state of a record the viewer may at least partly see.
async fn current_state<S: Store>(store: &S, viewer: &Viewer, id: &RecordId) -> Result<Record> {
    // Whether the viewer may see it at all, first: a hidden record is not found.
    store.record(id, viewer.visibility).await?;
    Ok(store.record(id, Visibility::Confidential).await?)
}

/// Creates a record of `kind` from its JSON.
///
/// A confidential record's id is always made here, never taken from the
/// body: ids are not sealed, and an id chosen by a person says what the
/// record is about (`witness-aigul`) — and a create that finds it taken
/// would tell anyone who guessed it that the hidden record exists.
pub async fn create<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    body: &[u8],
    reason: Option<String>,
) -> Result<Revision> {
    let (record, id_given) = parse_record_saying(kind, body, None)?;
    // Those without the right are refused by the guard, for the mark itself.
    if id_given && record.is_confidential() && viewer.may_read_confidential() {
        return Err(AppError::Invalid(vec![vigil_core::FieldError::new(
            "id",
            CONFIDENTIAL_ID_GIVEN,
        )]));
    }
    save(store, viewer, record, reason, true).await
}

/// Why a create of a confidential record that names its own id is refused.
pub const CONFIDENTIAL_ID_GIVEN: &str =
    "a confidential record's id is made by Vigil, so that it says nothing about the record: leave the id out";

/// Replaces the state of the record `id` of `kind` with its JSON; refused
/// as stale unless the record's current revision is `expected` (when
/// given).
pub async fn update<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    id: &RecordId,
    body: &[u8],
    reason: Option<String>,
    expected: Option<i64>,
) -> Result<Revision> {
    let record = guard_confidential(store, viewer, parse_record(kind, body, Some(id))?, false).await?;
    let change = Change {
        expected,
        ..change_for(viewer, reason)?
    };
    Ok(store.update(record, &change).await?)
}

/// Writes `record` (already read, from JSON or a form): creates it, or
/// replaces the state of the record with its id, through the guard.
pub async fn save<S: Store>(
    store: &S,
    viewer: &Viewer,
    record: Record,
    reason: Option<String>,
    creating: bool,
) -> Result<Revision> {
    save_expecting(store, viewer, record, reason, creating, None).await
}

/// [`save`], an update refused as stale unless the record's current
/// revision is `expected` (when given): an edit form opened at one
/// revision does not silently overwrite a later one.
pub async fn save_expecting<S: Store>(
    store: &S,
    viewer: &Viewer,
    record: Record,
    reason: Option<String>,
    creating: bool,
    expected: Option<i64>,
) -> Result<Revision> {
    if creating && RESERVED_IDS.contains(&record.id().as_str()) {
        return Err(StoreError::Invalid(vec![vigil_core::FieldError::new(
            "id",
            format!(
                "'{}' names a page (/persons/new, …/edit), not a record: choose another id",
                record.id()
            ),
        )])
        .into());
    }
    let record = guard_confidential(store, viewer, record, creating).await?;
    let change = Change {
        expected,
        ..change_for(viewer, reason)?
    };
    let written = if creating {
        store.create(record, &change).await
    } else {
        store.update(record, &change).await
    };
    Ok(written?)
}

/// Deletes the record `id` of `kind` (it stays restorable); refused while
/// other records refer to it.
pub async fn delete<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    id: &RecordId,
    reason: Option<String>,
) -> Result<Revision> {
    delete_expecting(store, viewer, kind, id, reason, None).await
}

/// [`delete`], refused as stale unless the record's current revision is
/// `expected` (when given).
pub async fn delete_expecting<S: Store>(
    store: &S,
    viewer: &Viewer,
    kind: RecordKind,
    id: &RecordId,
    reason: Option<String>,
    expected: Option<i64>,
) -> Result<Revision> {
    require_writer(viewer)?;
    let current = current_state(store, viewer, id).await?;
    if current.kind() != kind {
        return Err(AppError::not_found(kind.as_str(), id.as_str()));
    }
    let change = Change {
        expected,
        ..change_for(viewer, reason)?
    };
    // Whether the delete is refused depends only on the referrers the
    // viewer may see: one held back by hidden referrers alone would tell
    // them those exist. So the hidden ones are left naming the record,
    // deleted and restorable; the refusal names the visible ones.
    let mut hidden: Vec<RecordId> = Vec::new();
    loop {
        match store.delete_leaving(id, &change, &hidden).await {
            Ok(rev) => return Ok(rev),
            Err(StoreError::Referenced { id, by }) => {
                let mut shown = Vec::new();
                let mut more_hidden = false;
                for r in by {
                    if store.record(&r, viewer.visibility).await.is_ok() {
                        shown.push(r);
                    } else if !hidden.contains(&r) {
                        hidden.push(r);
                        more_hidden = true;
                    }
                }
                if !shown.is_empty() || !more_hidden {
                    return Err(AppError::Referenced { id, by: shown });
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Makes the state a record had after revision `seq` current again.
pub async fn restore<S: Store>(
    store: &S,
    viewer: &Viewer,
    id: &RecordId,
    seq: i64,
    reason: Option<String>,
) -> Result<Revision> {
    require_writer(viewer)?;
    // Those without the right may not bring back (nor learn of) a state
    // they cannot see: the history as they see it must hold the revision.
    // A record they cannot see at all and one that never existed answer
    // alike ("no record"), whichever revision is asked for.
    let history = match store.revisions(id, viewer.visibility).await {
        Ok(history) => history,
        Err(StoreError::NotFound { .. }) => Vec::new(),
        Err(other) => return Err(other.into()),
    };
    if history.is_empty() {
        return Err(AppError::not_found("record", id.as_str()));
    }
    if !history.iter().any(|r| r.seq == seq) {
        return Err(AppError::not_found("revision", &format!("{id}@{seq}")));
    }
    if !viewer.may_read_confidential() {
        // Neither the state brought back nor the one it replaces may hold
        // what the viewer cannot see: restoring an older state must not
        // reveal a field marked confidential since.
        let whole = store.revisions(id, Visibility::Confidential).await?;
        let touches_confidential = whole
            .iter()
            .filter(|r| r.seq == seq || Some(r.seq) == whole.last().map(|l| l.seq))
            .any(|r| r.record.has_confidential_content());
        if touches_confidential {
            return Err(AppError::forbidden(
                "restoring a record with confidential content needs the confidential_reader role",
            ));
        }
    }
    let change = change_for(viewer, reason)?;
    Ok(store.restore(id, seq, &change).await?)
}
