//! What organisers and admins do to a campaign: create and edit it
//! (editors), and invalidate signatures or revert an invalidation
//! (admins), each recorded with who did it. The counts follow at once.

use std::sync::Arc;

use vigil_core::campaign::Campaign;
use vigil_store::campaigns::{Campaigns, Filter, Invalidation};
use vigil_store::Store;

use super::signing::{check_links, parse_campaign, slug_of};
use super::Service;
use crate::records::require_writer;
use crate::{AppError, Result, Viewer};

/// Invalidation is for admins: it removes people's signatures.
fn require_admin(viewer: &Viewer) -> Result<()> {
    match viewer.role() {
        Some(role) if role.may_manage_accounts() => Ok(()),
        _ => Err(AppError::forbidden("only administrators invalidate signatures")),
    }
}

/// Creates a campaign from its JSON; the persons and case it names must exist.
pub async fn create<S: Campaigns + Store>(store: &S, viewer: &Viewer, body: &[u8]) -> Result<Campaign> {
    require_writer(viewer)?;
    let c = parse_campaign(body)?;
    check_links(store, viewer, &c).await?;
    store.create_campaign(&c, &viewer.author()).await?;
    Ok(c)
}

/// Replaces the campaign at `raw_slug` with its JSON; the slug cannot change.
pub async fn update<S: Campaigns + Store>(
    service: &Service,
    store: &S,
    viewer: &Viewer,
    raw_slug: &str,
    body: &[u8],
) -> Result<Campaign> {
    require_writer(viewer)?;
    let slug = slug_of(raw_slug)?;
    let mut c = parse_campaign(body)?;
    if c.slug != slug {
        return Err(AppError::malformed(
            "slug",
            "the slug in the body differs from the address",
        ));
    }
    check_links(store, viewer, &c).await?;
    if !viewer.may_read_confidential() {
        keep_hidden(store, viewer, &mut c).await?;
    }
    store.update_campaign(&c, &viewer.author()).await?;
    service.forget_campaign(slug.as_str());
    Ok(c)
}

/// What an editor without the right to confidential records could not see
/// of the stored campaign (its persons and case), and so cannot have meant
/// to remove, is kept.
async fn keep_hidden<S: Campaigns + Store>(store: &S, viewer: &Viewer, c: &mut Campaign) -> Result<()> {
    let stored = store.campaign(c.slug.as_str()).await?.campaign;
    for p in stored.persons {
        if !c.persons.contains(&p) && store.record(&p, viewer.visibility).await.is_err() {
            c.persons.push(p);
        }
    }
    if let Some(case) = stored.case {
        if store.record(&case, viewer.visibility).await.is_err() {
            c.case = Some(case);
        }
    }
    Ok(())
}

/// Who changed the campaign at `raw_slug`, when and how (editors). A
/// create or an edit keeps the campaign's JSON as its detail: its persons
/// and case go through [`super::signing::hide_links`]'s rule, so a viewer
/// without the right reads no id of a record hidden from them.
pub async fn audit<S: Campaigns + Store>(
    store: &S,
    viewer: &Viewer,
    raw_slug: &str,
) -> Result<Vec<vigil_store::campaigns::AuditEntry>> {
    require_writer(viewer)?;
    let slug = slug_of(raw_slug)?;
    store.campaign(slug.as_str()).await?;
    let mut entries = store.campaign_audit(slug.as_str()).await?;
    if viewer.may_read_confidential() {
        return Ok(entries);
    }
    for entry in &mut entries {
        let Ok(serde_json::Value::Object(mut detail)) = serde_json::from_str(&entry.detail) else {
            continue;
        };
        if let Some(serde_json::Value::Array(persons)) = detail.get_mut("persons") {
            let mut shown = Vec::new();
            for p in std::mem::take(persons) {
                if visible_id(store, viewer, &p).await {
                    shown.push(p);
                }
            }
            *persons = shown;
        }
        if let Some(case) = detail.get("case").cloned() {
            if !case.is_null() && !visible_id(store, viewer, &case).await {
                detail.insert("case".into(), serde_json::Value::Null);
            }
        }
        entry.detail = serde_json::Value::Object(detail).to_string();
    }
    Ok(entries)
}

/// Whether `id` (a JSON string) names a record `viewer` may see.
async fn visible_id<S: Store>(store: &S, viewer: &Viewer, id: &serde_json::Value) -> bool {
    let Some(id) = id.as_str().and_then(|i| vigil_core::RecordId::parse(i).ok()) else {
        return false;
    };
    store.record(&id, viewer.visibility).await.is_ok()
}

/// Reads an invalidation's filter: at least one of an address range, a
/// domain or a time window.
pub fn parse_filter(body: &[u8]) -> Result<Filter> {
    let f: Filter = crate::read_json(body)?;
    f.ip_bounds()?;
    if f.is_empty() {
        return Err(AppError::malformed(
            "filter",
            "name an address range, a domain or a time window",
        ));
    }
    Ok(f)
}

/// How many signatures `filter` would remove.
pub async fn preview<S: Campaigns>(store: &S, viewer: &Viewer, raw_slug: &str, body: &[u8]) -> Result<u64> {
    require_admin(viewer)?;
    let slug = slug_of(raw_slug)?;
    store.campaign(slug.as_str()).await?;
    let f = parse_filter(body)?;
    Ok(store.preview_invalidation(slug.as_str(), &f).await?)
}

/// Removes the signatures `filter` matches from the count; reversible.
pub async fn invalidate<S: Campaigns>(
    service: &Arc<Service>,
    store: &S,
    viewer: &Viewer,
    raw_slug: &str,
    body: &[u8],
) -> Result<Invalidation> {
    require_admin(viewer)?;
    let slug = slug_of(raw_slug)?;
    let f = parse_filter(body)?;
    let inv = store.invalidate(slug.as_str(), &f, &viewer.author()).await?;
    service.recount(store, slug.as_str()).await?;
    Ok(inv)
}

/// Puts back what invalidation `id` of the campaign removed.
pub async fn revert<S: Campaigns>(
    service: &Arc<Service>,
    store: &S,
    viewer: &Viewer,
    raw_slug: &str,
    id: i64,
) -> Result<Invalidation> {
    require_admin(viewer)?;
    let slug = slug_of(raw_slug)?;
    let known = store.invalidations(slug.as_str()).await?;
    if !known.iter().any(|i| i.id == id) {
        return Err(AppError::not_found("invalidation", &id.to_string()));
    }
    let inv = store.revert_invalidation(id, &viewer.author()).await?;
    service.recount(store, slug.as_str()).await?;
    Ok(inv)
}
