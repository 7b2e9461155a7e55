//! Reports waiting for their parts: an encrypted report ODK Collect splits
//! over several requests (`*isIncomplete*` on all but the last) is kept in
//! sealed parts until every file its manifest names is there
//! (`vigil_web::openrosa`). A report whose last request never comes would
//! keep them for ever: they expire [`KEPT_DAYS`] days after the last part
//! came (the server sweeps them every hour, [`expire`]), and an
//! administrator lists them and discards one (`vigil form-reports`).
//!
//! Only counts, sizes and times are shown or logged: nothing of the
//! parts' content (sealed, and unreadable before the report is whole).

use vigil_core::RecordId;
use vigil_store::{Attachments, PendingReport, Store, StoreError, Visibility};

use crate::{AppError, Result};

/// How long, by default, the parts of a report are kept after its last
/// part came.
pub const KEPT_DAYS: i64 = 7;

/// The reports waiting for parts, the longest silent first.
pub async fn list<S: Attachments>(store: &S) -> Result<Vec<PendingReport>> {
    Ok(store.pending_reports().await?)
}

/// When a pending report's parts expire, kept `kept_for` after its last part.
pub fn expires_at(report: &PendingReport, kept_for: time::Duration) -> i64 {
    report
        .last_received_at
        .saturating_add((kept_for.whole_microseconds()).clamp(0, i128::from(i64::MAX)) as i64)
}

/// Removes the parts of every report whose last part came more than
/// `kept_for` before `now`. Answers how many files were removed.
pub async fn expire<S: Attachments>(store: &S, kept_for: time::Duration, now: time::OffsetDateTime) -> Result<u64> {
    let cutoff = now - kept_for;
    let before = (cutoff.unix_timestamp_nanos() / 1000) as i64;
    let removed = store.drop_pending_reports(before).await?;
    if removed > 0 {
        tracing::info!(
            files = removed,
            kept_days = kept_for.whole_days(),
            "removed the parts of encrypted reports never completed"
        );
    }
    Ok(removed)
}

/// The source a pending report is named by: its source id (`field-…`, as
/// [`list`] gives it) or its instanceID (`uuid:…`).
fn report_id(which: &str) -> Result<RecordId> {
    let which = which.trim();
    match RecordId::parse(which) {
        Ok(id) if id.as_str().starts_with("field-") => Ok(id),
        _ => super::source_id(which).map_err(|_| AppError::malformed("report", "name a report as the list names it")),
    }
}

/// Discards the parts of one pending report, so that the phone can send
/// it again whole. An admitted report is never touched: its files are its
/// source's. Answers how many files were removed.
pub async fn discard<S: Store + Attachments>(store: &S, which: &str) -> Result<u64> {
    let id = report_id(which)?;
    match store.record(&id, Visibility::Confidential).await {
        Ok(_) => {
            return Err(AppError::conflict(
                "report",
                format!("{id} is an admitted report: its files belong to its source"),
            ))
        }
        Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let removed = store.drop_unadmitted_attachments(&id).await?;
    if removed == 0 {
        return Err(AppError::not_found("report", id.as_str()));
    }
    tracing::info!(source = %id, files = removed, "discarded the parts of an encrypted report");
    Ok(removed)
}
