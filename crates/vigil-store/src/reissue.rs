//! A record given a new id when it is made confidential (see
//! [`crate::Change::new_id_when_hidden`]): what the backends need, besides
//! their SQL, to move every trace of the old id. Sealed things are bound
//! to their ids (a record's, a proposal's, a fingerprint's source, an
//! attachment's source and name), so each is opened under the old one and
//! sealed again under the new; words (a merge's reason) and lists
//! (a campaign's persons) have the id replaced where it stands whole.

use serde_json::Value;
use vigil_core::RecordId;

use crate::hex::{hex, unhex};
use crate::proposals::SEALED_PREFIX;
use crate::seal::{open_bytes, seal_bytes};
use crate::{Result, SealKey, StoreError};

/// Every string of `value` that is `from` made `into`; whether any was.
pub fn json_renamed(value: &mut Value, from: &str, into: &str) -> bool {
    json_renamed_by(value, &|s| (s == from).then(|| into.to_owned()))
}

/// Every string of `value` that `rename` gives another for, replaced by
/// it; whether any was.
fn json_renamed_by(value: &mut Value, rename: &dyn Fn(&str) -> Option<String>) -> bool {
    match value {
        Value::String(s) => match rename(s) {
            Some(new) => {
                *s = new;
                true
            }
            None => false,
        },
        Value::Array(items) => items.iter_mut().fold(false, |any, v| json_renamed_by(v, rename) | any),
        Value::Object(map) => map.values_mut().fold(false, |any, v| json_renamed_by(v, rename) | any),
        _ => false,
    }
}

/// `text` with `from` replaced where it stands as a whole id (not inside
/// a longer one: `erlan` is not renamed in `erlan-baltabay`); `None` when
/// it stands nowhere.
pub fn text_renamed(text: &str, from: &str, into: &str) -> Option<String> {
    fn part_of_id(c: Option<char>) -> bool {
        c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    }
    if from.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let (mut last, mut any) = (0, false);
    for (at, _) in text.match_indices(from) {
        let before = text[..at].chars().last();
        let mut after = text[at + from.len()..].chars();
        let next = after.next();
        // A full stop ending a sentence is not part of the id.
        let next_is_id = part_of_id(next) && (next != Some('.') || part_of_id(after.next()));
        out.push_str(&text[last..at]);
        if part_of_id(before) || next_is_id {
            out.push_str(from);
        } else {
            out.push_str(into);
            any = true;
        }
        last = at + from.len();
    }
    out.push_str(&text[last..]);
    any.then_some(out)
}

/// A campaign as stored (its row's JSON, or an audit entry's copy of it)
/// with `from` made `into` among the persons it defends and as its case;
/// `None` when it names `from` in neither, or is not JSON.
pub fn campaign_renamed(text: &str, from: &str, into: &str) -> Option<String> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    let map = value.as_object_mut()?;
    let mut any = false;
    for field in ["persons", "case"] {
        if let Some(v) = map.get_mut(field) {
            any |= json_renamed(v, from, into);
        }
    }
    if any {
        serde_json::to_string(&value).ok()
    } else {
        None
    }
}

/// Sealed bytes bound to `old` sealed again bound to `new`.
pub fn rebound(key: &SealKey, old: &[u8], new: &[u8], blob: &[u8]) -> Result<Vec<u8>> {
    seal_bytes(key, new, &open_bytes(key, old, blob)?)
}

/// A proposal's stored body (a JSON string, see [`crate::seal_proposal`])
/// opened under its id `id`: `{label, body}`. One stored in the clear by
/// an earlier version comes back with an empty label.
fn proposal_opened(key: &SealKey, id: &str, body: &str) -> Result<Value> {
    let stored: Value = serde_json::from_str(body).map_err(StoreError::backend)?;
    match stored.as_str().and_then(|s| s.strip_prefix(SEALED_PREFIX)) {
        Some(text) => {
            let blob = unhex(text).ok_or_else(|| StoreError::Backend("a sealed proposal is damaged".into()))?;
            serde_json::from_slice(&open_bytes(key, id.as_bytes(), &blob)?).map_err(StoreError::backend)
        }
        None => Ok(serde_json::json!({ "label": "", "body": stored })),
    }
}

/// An opened proposal sealed again under its id `id`, as stored.
fn proposal_sealed(key: &SealKey, id: &str, opened: &Value) -> Result<String> {
    let plain = serde_json::to_vec(opened).map_err(StoreError::backend)?;
    let blob = seal_bytes(key, id.as_bytes(), &plain)?;
    serde_json::to_string(&format!("{SEALED_PREFIX}{}", hex(&blob))).map_err(StoreError::backend)
}

/// A proposal's stored body sealed again under the proposal's new id
/// `new_id`, with every string `from` in it (its source, a match) made
/// `into`. One stored in the clear by an earlier version is sealed now.
pub fn proposal_rebound(
    key: &SealKey,
    old_id: &str,
    new_id: &str,
    body: &str,
    from: &RecordId,
    into: &RecordId,
) -> Result<String> {
    let mut opened = proposal_opened(key, old_id, body)?;
    // The source, and its other proposals (`{source}.pN`: an affiliation
    // waits for the union proposed beside it).
    json_renamed_by(&mut opened, &|s| {
        if s == from.as_str() {
            Some(into.to_string())
        } else {
            s.strip_prefix(from.as_str())
                .filter(|rest| rest.starts_with(".p"))
                .map(|rest| format!("{into}{rest}"))
        }
    });
    proposal_sealed(key, new_id, &opened)
}

/// A proposal's stored body with every string `from` in it (a match, a
/// participant) made `into`, sealed again; `None` when it names `from`
/// nowhere.
pub fn proposal_renamed(
    key: &SealKey,
    id: &str,
    body: &str,
    from: &RecordId,
    into: &RecordId,
) -> Result<Option<String>> {
    let mut opened = proposal_opened(key, id, body)?;
    if json_renamed(&mut opened, from.as_str(), into.as_str()) {
        proposal_sealed(key, id, &opened).map(Some)
    } else {
        Ok(None)
    }
}

/// A fingerprint's stored signature (see [`crate::seal_fingerprint`])
/// sealed again for the source's new id. One in the clear stays as it is
/// (it names no source).
pub fn fingerprint_rebound(key: &SealKey, from: &RecordId, into: &RecordId, signature: &str) -> Result<String> {
    let stored: Value = serde_json::from_str(signature).map_err(StoreError::backend)?;
    let Some(text) = stored.as_str().and_then(|s| s.strip_prefix(SEALED_PREFIX)) else {
        return Ok(signature.to_owned());
    };
    let blob = unhex(text).ok_or_else(|| StoreError::Backend("a sealed fingerprint is damaged".into()))?;
    let blob = rebound(key, from.as_str().as_bytes(), into.as_str().as_bytes(), &blob)?;
    serde_json::to_string(&format!("{SEALED_PREFIX}{}", hex(&blob))).map_err(StoreError::backend)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_renamed_only_where_it_stands_whole() {
        let r = |t: &str| text_renamed(t, "erlan-baltabay", "0f3c");
        assert_eq!(r("merged erlan-baltabay into x").as_deref(), Some("merged 0f3c into x"));
        assert_eq!(
            r("merged x into erlan-baltabay: same man.").as_deref(),
            Some("merged x into 0f3c: same man.")
        );
        assert_eq!(
            r("merged x into erlan-baltabay.").as_deref(),
            Some("merged x into 0f3c.")
        );
        assert_eq!(r("erlan-baltabay-2 is another"), None);
        assert_eq!(r("see xerlan-baltabay"), None);
        assert_eq!(r("erlan-baltabay.p2"), None);
        assert_eq!(r("nothing here"), None);
        assert_eq!(
            r("erlan-baltabay and erlan-baltabay-2 and erlan-baltabay").as_deref(),
            Some("0f3c and erlan-baltabay-2 and 0f3c")
        );
        assert_eq!(r("Ерлан erlan-baltabay").as_deref(), Some("Ерлан 0f3c"));
    }

    #[test]
    fn every_string_that_is_the_id_is_renamed_in_json() {
        let mut v = serde_json::json!({"persons": ["a", "ab", "a"], "case": "a", "title": "a b", "n": 1});
        assert!(json_renamed(&mut v, "a", "z"));
        assert_eq!(
            v,
            serde_json::json!({"persons": ["z", "ab", "z"], "case": "z", "title": "a b", "n": 1})
        );
        assert!(!json_renamed(&mut v, "a", "z"));
    }

    #[test]
    fn a_campaign_names_the_new_id_among_its_persons_and_as_its_case() {
        let text = r#"{"slug":"free-a","title":"a","persons":["a","b"],"case":"a"}"#;
        let out: Value = serde_json::from_str(&campaign_renamed(text, "a", "z").unwrap()).unwrap();
        assert_eq!(out["persons"], serde_json::json!(["z", "b"]));
        assert_eq!(out["case"], "z");
        assert_eq!(out["title"], "a");
        assert_eq!(campaign_renamed(text, "c", "z"), None);
        assert_eq!(campaign_renamed("not json", "a", "z"), None);
    }

    #[test]
    fn a_proposal_and_a_fingerprint_are_sealed_again_for_their_new_ids() {
        let key = SealKey::generate();
        let (from, into) = (RecordId::parse("hrw").unwrap(), RecordId::parse("0a1b").unwrap());
        let p = crate::NewProposal {
            id: "hrw.p1".into(),
            kind: "person".into(),
            label: "Erlan".into(),
            body: serde_json::value::to_raw_value(
                &serde_json::json!({"excerpts": [{"source_id": "hrw"}], "waits_for": "hrw.p2", "other": "hrw.x"}),
            )
            .unwrap(),
        };
        let sealed = crate::seal_proposal(&key, &p).unwrap();
        let moved = proposal_rebound(&key, "hrw.p1", "0a1b.p1", sealed.body.get(), &from, &into).unwrap();
        let stored = crate::StoredProposal {
            id: "0a1b.p1".into(),
            source_id: into.clone(),
            kind: "person".into(),
            label: String::new(),
            body: serde_json::from_str(&moved).unwrap(),
            state: crate::ProposalState::Pending,
            decided_by: None,
            decided_at: None,
            record_id: None,
        };
        let opened = crate::open_proposal(&key, stored).unwrap();
        assert_eq!(opened.label, "Erlan");
        assert_eq!(
            opened.body,
            serde_json::json!({"excerpts": [{"source_id": "0a1b"}], "waits_for": "0a1b.p2", "other": "hrw.x"})
        );

        let f = crate::Fingerprint {
            source_id: from.clone(),
            content_hash: "abc".into(),
            signature: vec![1, 2, 3],
        };
        let (hash, signature) = crate::seal_fingerprint(&key, &f).unwrap();
        let moved = fingerprint_rebound(&key, &from, &into, &signature).unwrap();
        let opened = crate::open_fingerprint(&key, into.clone(), hash.clone(), &moved).unwrap();
        assert_eq!(opened.signature, vec![1, 2, 3]);
        assert!(crate::open_fingerprint(&key, from, hash, &moved).is_err());
    }
}
