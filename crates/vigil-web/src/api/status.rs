//! `/api/v1/status` and `/api/v1/persons/{id}/status`: where people stand
//! on a day, derived from the events (see `vigil_core::status`).

use axum::Json;
use serde_json::Value;
use vigil_core::{PersonStatus, Record, RecordKind, RestraintKind};
use vigil_store::Store;

use super::spec::PageParams;
use super::visible;
use super::{Ask, AskAt};
use crate::error::{ApiError, ErrorBody};
use vigil_app::status;

/// A status as JSON, with the person's name beside their id.
fn body(name: &str, s: &PersonStatus) -> Result<Value, ApiError> {
    let mut v = serde_json::to_value(s).map_err(|_| ApiError::internal())?;
    if let Value::Object(map) = &mut v {
        map.insert("name".into(), Value::String(name.to_owned()));
    }
    Ok(v)
}

/// One person's restraints on a day (default today): each with its `kind`,
/// `scope`, `start`, `expected_end` (the first day at liberty, or null),
/// `certainty` and `because` (event ids), and the `steps` that produced them;
/// with `known_on`, as the evidence published by that day showed them
/// (`known_on` is echoed, null for all the evidence held); with
/// `recorded_on`, as the case file itself said it at the end of that day,
/// from its revisions (echoed, null for the case file as it is).
#[utoipa::path(get, path = "/api/v1/persons/{id}/status", tag = "status", operation_id = "show_person_status",
    params(("id" = String, Path, description = "The person's id"),
           ("as_of" = Option<String>, Query, description = "YYYY-MM-DD, default today"),
           ("known_on" = Option<String>, Query, description = "YYYY-MM-DD: what the evidence published by that day showed (default: all the evidence)"),
           ("recorded_on" = Option<String>, Query, description = "YYYY-MM-DD: what the case file itself said at the end of that day (UTC), from its revisions, for audits (default: the case file as it is)")),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn person<S: Store>(AskAt(app, viewer, params, id): AskAt<S>) -> Result<Json<Value>, ApiError> {
    let as_of = params.as_of()?;
    // Today's evidence, or later, is all the evidence held.
    let known_on = params.day("known_on")?.filter(|k| *k < status::today());
    // Today's case file, or later, is the case file as it is.
    let recorded_on = params.day("recorded_on")?.filter(|k| *k < status::today());
    let (name, s) = match recorded_on {
        Some(day) => {
            // An audit: the person as the case file held them then, even
            // if deleted since.
            let person = vigil_core::RecordId::parse(&id).map_err(|_| ApiError::not_found("person", &id))?;
            status::of_person_recorded_on(&app.store, viewer.visibility, &person, as_of, day, known_on).await?
        }
        None => {
            let Record::Person(p) = visible(&app.store, &viewer, RecordKind::Person, &id).await? else {
                return Err(ApiError::not_found("person", &id));
            };
            let s = status::of_person(&app.store, viewer.visibility, &p.id, as_of, known_on).await?;
            (p.name, s)
        }
    };
    let mut v = body(&name, &s)?;
    if let Value::Object(map) = &mut v {
        let day =
            |d: Option<vigil_core::Date>| d.map_or(Value::Null, |k| Value::String(vigil_core::date::format_day(k)));
        map.insert("known_on".into(), day(known_on));
        map.insert("recorded_on".into(), day(recorded_on));
    }
    Ok(Json(v))
}

/// Everyone not at liberty on a day (default today), by name; with
/// `restraint`, only those under that kind of restraint; with `country`,
/// only those who take part in that country's events; with `known_on`
/// (which needs `country`), as the evidence published by that day showed
/// it. The list of a country is computed from its part of the case file,
/// so it costs the country's size; the list of all is read from the state
/// the store keeps.
#[utoipa::path(get, path = "/api/v1/status", tag = "status", operation_id = "list_statuses",
    params(("as_of" = Option<String>, Query, description = "YYYY-MM-DD, default today"),
           ("restraint" = Option<String>, Query, description = "custody, imprisonment, restricted_freedom, activity_ban or fine"),
           ("order" = Option<String>, Query, description = "name (default), start or end", pattern = "^(name|start|end|expected_end)$"),
           ("country" = Option<String>, Query, description = "ISO 3166-1 alpha-2: only those who take part in its events"),
           ("known_on" = Option<String>, Query, description = "YYYY-MM-DD, with country: what the evidence published by that day showed (default: all the evidence)"),
           PageParams),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list<S: Store>(Ask(app, viewer, params): Ask<S>) -> Result<Json<Value>, ApiError> {
    let as_of = params.as_of()?;
    let kind = params.parsed::<RestraintKind>("restraint")?;
    let order = match params.text("order") {
        None | Some("") => vigil_store::StatusOrder::Name,
        Some(v) => vigil_store::StatusOrder::parse(v)
            .ok_or_else(|| ApiError::bad_param("order", "order is name, start or end".to_owned()))?,
    };
    let page = params.page()?;
    let known_on = params.evidence_day()?;
    let country = params.text("country").filter(|c| !c.is_empty());
    let listing = match (country, known_on) {
        (Some(country), _) => {
            status::page_of_country(&app.store, viewer.visibility, country, as_of, known_on, kind, order, page).await?
        }
        (None, Some(_)) => {
            return Err(ApiError::bad_param(
                "country",
                "a list as the evidence stood on a past day is computed from one country's part of the case file: name the country, such as country=KZ".to_owned(),
            ))
        }
        (None, None) => status::page(&app.store, viewer.visibility, as_of, kind, order, page).await?,
    };
    let items = listing
        .items
        .iter()
        .map(|(name, s)| {
            let mut v = body(name, s)?;
            if let Value::Object(map) = &mut v {
                map.remove("steps");
            }
            Ok(v)
        })
        .collect::<Result<Vec<Value>, ApiError>>()?;
    Ok(Json(serde_json::json!({
        "as_of": vigil_core::date::format_day(as_of),
        "known_on": known_on.map(vigil_core::date::format_day),
        "total": listing.total,
        "items": items,
    })))
}
