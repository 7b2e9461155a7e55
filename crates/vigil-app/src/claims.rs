//! An editor's decision on a claim (see [`vigil_core::claim`]): rejecting
//! one source's account of an event, with a reason, or taking it back.
//! The decision is a revision of the event like any other write, so who
//! decided, when and why stay in its history, and it can be undone.

use vigil_core::{Record, RecordId};
use vigil_store::{Revision, Store};

use crate::records::{require_writer, save_expecting};
use crate::{AppError, Result, Viewer};

/// Rejects the claim `key` of event `id` because of `reason` (required),
/// or, with `reason` `None`, reinstates it. Refused as stale unless the
/// event's current revision is `expected` (when given).
pub async fn decide<S: Store>(
    store: &S,
    viewer: &Viewer,
    id: &RecordId,
    key: &str,
    reason: Option<String>,
    expected: Option<i64>,
) -> Result<Revision> {
    require_writer(viewer)?;
    let reason = match reason {
        Some(r) => {
            let r = r.trim().to_owned();
            if r.is_empty() {
                return Err(AppError::Invalid(vec![vigil_core::FieldError::new(
                    "reason",
                    "say why the account is rejected",
                )]));
            }
            Some(r)
        }
        None => None,
    };
    // What the viewer may see: a claim only a confidential source states
    // is not found by those without the right.
    let Record::Event(mut event) = store.record(id, viewer.visibility).await? else {
        return Err(AppError::not_found("event", id.as_str()));
    };
    let Some(claim) = event.claims.iter_mut().find(|c| c.key == key) else {
        return Err(AppError::not_found("claim", key));
    };
    if claim.rejected == reason {
        return Err(AppError::conflict(
            "unchanged",
            if reason.is_some() {
                "this account is already rejected for that reason"
            } else {
                "this account is not rejected"
            },
        ));
    }
    claim.rejected = reason.clone();
    let why = match &reason {
        Some(r) => format!("rejected the account '{key}': {r}"),
        None => format!("reinstated the account '{key}'"),
    };
    save_expecting(store, viewer, Record::Event(event), Some(why), false, expected).await
}
