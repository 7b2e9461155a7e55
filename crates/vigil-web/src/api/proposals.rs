//! `/api/v1/proposals`: the review queue, and `POST /api/v1/sources` with a
//! document (text, HTML or PDF) rather than a JSON record.
//!
//! Reading the queue needs an account that may write, like deciding on
//! it: proposals are claims no person has checked yet (the gate enforces
//! both).

use super::write::JsonBytes;

use axum::Json;
use serde::{Deserialize, Serialize};
use vigil_core::{RecordId, RecordKind};
use vigil_extract::ProposalKind;
use vigil_store::{ProposalFilter, ProposalState, Proposals, Store, StoredProposal};

use super::spec::{AuthErrors, BodyErrors, ReasonParam, ShowErrors};
use super::ListBody;
use super::{Ask, AskAt};
use crate::error::ApiError;
use vigil_app::review::{self, Decided};

/// One proposal: the extractor's fields (`id`, `kind`, `label`,
/// `matched_id`, `score`, `excerpts`, and by kind `name`, `aliases`,
/// `role`, `affiliation`, `type`, `date`, `terms`, `participants`, `alias`,
/// `of`…) with where it stands.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProposalItem {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub proposal: serde_json::Value,
    pub source_id: RecordId,
    /// `pending`, `accepted` or `rejected`.
    pub status: String,
    pub decided_by: Option<String>,
    /// RFC 3339.
    pub decided_at: Option<String>,
    /// The record accepting wrote to.
    pub record_id: Option<RecordId>,
}

impl From<StoredProposal> for ProposalItem {
    fn from(p: StoredProposal) -> Self {
        Self {
            proposal: p.body,
            source_id: p.source_id,
            status: p.state.as_str().to_owned(),
            decided_by: p.decided_by,
            decided_at: p
                .decided_at
                .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok()),
            record_id: p.record_id,
        }
    }
}

/// Proposals, by source, status and kind, in the order they were made.
#[utoipa::path(get, path = "/api/v1/proposals", tag = "proposals", operation_id = "list_proposals", security(("bearer" = [])),
    params(
        ("source" = Option<String>, Query, description = "A source's id"),
        ("status" = Option<String>, Query, description = "pending, accepted or rejected"),
        ("kind" = Option<String>, Query, description = "person, organisation, event or alias"),
    ),
    responses((status = 200, body = ListBody<ProposalItem>), ShowErrors, AuthErrors))]
pub async fn list<S: Store + Proposals>(
    Ask(app, viewer, params): Ask<S>,
) -> Result<Json<ListBody<ProposalItem>>, ApiError> {
    let source = params.id("source")?;
    let state = match params.text("status") {
        None => None,
        Some(s) => Some(
            ProposalState::parse(s)
                .ok_or_else(|| ApiError::bad_param("status", "status is pending, accepted or rejected"))?,
        ),
    };
    let kind = match params.text("kind") {
        None => None,
        Some(k) => Some(
            ProposalKind::parse(k)
                .ok_or_else(|| ApiError::bad_param("kind", "kind is person, organisation, event or alias"))?,
        ),
    };
    if let Some(s) = &source {
        super::visible(&app.store, &viewer, RecordKind::Source, s.as_str()).await?;
    }
    let filter = ProposalFilter {
        source_id: source.clone(),
        state,
        id: None,
    };
    let items: Vec<ProposalItem> = review::proposals_seen(&app.store, &viewer, &filter)
        .await?
        .into_iter()
        .filter(|p| kind.is_none_or(|k| k.as_str() == p.kind))
        .map(ProposalItem::from)
        .collect();
    Ok(Json(ListBody {
        total: items.len() as u64,
        items,
    }))
}

/// One proposal.
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "proposals", operation_id = "show_proposal", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses((status = 200, body = ProposalItem), ShowErrors, AuthErrors))]
pub async fn show<S: Store + Proposals>(AskAt(app, viewer, _, id): AskAt<S>) -> Result<Json<ProposalItem>, ApiError> {
    Ok(Json(review::visible_proposal(&app.store, &viewer, &id).await?.into()))
}

/// What accepting a proposal would write, to edit before accepting with a
/// body: `record`, in the JSON of its kind (the existing record with the
/// proposal's additions, or a new one; participants not decided yet left
/// out); `existing`, whether it adds to a record; `undated`, whether the
/// text gave no date (`record.date` is then null, for the editor to give).
#[utoipa::path(get, path = "/api/v1/proposals/{id}/draft", tag = "proposals", operation_id = "draft_proposal", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses((status = 200, body = Object), ShowErrors, AuthErrors))]
pub async fn draft<S: Store + Proposals>(
    AskAt(app, viewer, _, id): AskAt<S>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let (record, existing, undated) = review::draft(&app.store, &viewer, &id).await?;
    // `Record` is tagged (`{"kind", "record"}`): the body accept takes is
    // the inner record.
    let mut record = match serde_json::to_value(&record) {
        Ok(serde_json::Value::Object(mut tagged)) => tagged.remove("record").ok_or_else(ApiError::internal)?,
        _ => return Err(ApiError::internal()),
    };
    if undated {
        if let Some(map) = record.as_object_mut() {
            map.insert("date".into(), serde_json::Value::Null);
        }
    }
    Ok(Json(serde_json::json!({
        "record": record,
        "existing": existing,
        "undated": undated,
    })))
}

/// Accepts a proposal: creates its record, or adds its names and excerpts
/// to the existing record it matched. An optional body — the record as the
/// editor wants it, in the JSON of its kind — replaces what would be
/// written (accept with edits).
#[utoipa::path(post, path = "/api/v1/proposals/{id}/accept", tag = "proposals", operation_id = "accept_proposal", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id"), ReasonParam),
    request_body(content = Object, description = "Optional: the record as the editor wants it, in the JSON of its kind"),
    responses((status = 200, body = Decided), ShowErrors, AuthErrors, BodyErrors))]
pub async fn accept<S: Store + Proposals>(
    AskAt(app, viewer, params, id): AskAt<S>,
    JsonBytes(body): JsonBytes,
) -> Result<Json<Decided>, ApiError> {
    let edited = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        let stored = review::visible_proposal(&app.store, &viewer, &id).await?;
        let kind = match stored.kind.as_str() {
            "person" => RecordKind::Person,
            "organisation" => RecordKind::Organisation,
            "event" => RecordKind::Event,
            _ => {
                return Err(ApiError::bad_param(
                    "body",
                    "an alias is accepted without a body, or merged",
                ))
            }
        };
        Some(vigil_app::records::parse_record(kind, &body, None)?)
    };
    let decided = review::accept(
        &app.store,
        &viewer,
        &id,
        edited,
        params.text("reason").map(str::to_owned),
    )
    .await?;
    app.written();
    Ok(Json(decided))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The existing record to add the proposal's names or excerpts to.
    pub into: RecordId,
}

/// Merges a proposal into an existing record the editor chose.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/merge", tag = "proposals", operation_id = "merge_proposal", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id"), ReasonParam),
    request_body = MergeBody,
    responses((status = 200, body = Decided), ShowErrors, AuthErrors, BodyErrors))]
pub async fn merge<S: Store + Proposals>(
    AskAt(app, viewer, params, id): AskAt<S>,
    JsonBytes(body): JsonBytes,
) -> Result<Json<Decided>, ApiError> {
    vigil_app::json::unique_keys(&body)?;
    let wanted: MergeBody = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(&body))
        .map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." { "into".to_owned() } else { path };
            ApiError::bad_param(&field, format!("{}", e.inner()))
        })?;
    let decided = review::merge(
        &app.store,
        &viewer,
        &id,
        &wanted.into,
        params.text("reason").map(str::to_owned),
    )
    .await?;
    app.written();
    Ok(Json(decided))
}

/// Rejects a proposal; nothing is written to the case file.
#[utoipa::path(post, path = "/api/v1/proposals/{id}/reject", tag = "proposals", operation_id = "reject_proposal", security(("bearer" = [])),
    params(("id" = String, Path, description = "The proposal's id")),
    responses((status = 200, body = Decided), ShowErrors, AuthErrors, BodyErrors))]
pub async fn reject<S: Store + Proposals>(AskAt(app, viewer, _, id): AskAt<S>) -> Result<Json<Decided>, ApiError> {
    Ok(Json(review::reject(&app.store, &viewer, &id).await?))
}
