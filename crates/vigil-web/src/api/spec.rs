//! What the operations of the API share in the OpenAPI document, each
//! described once: the paging, reason and id parameters and the error
//! answers. The handlers name these types in their `#[utoipa::path]`
//! (`params(PageParams)`, `responses(..., WriteErrors)`), and the operations
//! that [`super::resource`] builds for every kind of record use them too.

use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::{RefOr, Required};
use utoipa::{IntoParams, IntoResponses};

use crate::error::ErrorBody;

/// `?limit=&offset=`, as [`crate::params::Params::page`] reads them.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// How many items, 1–500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
    /// How many items to skip, 0–10,000,000 (default 0).
    #[param(minimum = 0, maximum = 10_000_000)]
    pub offset: Option<u32>,
}

/// `?reason=`: why a change is made, kept in the record's history.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReasonParam {
    /// Why (kept with the revision).
    pub reason: Option<String>,
}

/// `/{id}`: a record's id.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    /// The record's id.
    pub id: String,
}

/// What a list can answer besides its page.
#[derive(IntoResponses)]
pub enum ListErrors {
    /// A parameter is malformed or out of range.
    #[response(status = 400)]
    BadRequest(ErrorBody),
}

/// What reading one thing can answer besides it; with [`AuthErrors`] what
/// reading something only editors may see can, and with [`BodyErrors`] too
/// what a write can.
#[derive(IntoResponses)]
pub enum ShowErrors {
    /// A parameter or the body is malformed.
    #[response(status = 400)]
    BadRequest(ErrorBody),
    /// There is none, or not for this caller.
    #[response(status = 404)]
    NotFound(ErrorBody),
}

/// The refusals of the gate.
#[derive(IntoResponses)]
pub enum AuthErrors {
    /// No valid token.
    #[response(status = 401)]
    Unauthorized(ErrorBody),
    /// The account may not do this.
    #[response(status = 403)]
    Forbidden(ErrorBody),
}

/// What a body sent can be refused for.
#[derive(IntoResponses)]
pub enum BodyErrors {
    /// It conflicts with the case file (an id taken, a record referred to, closed).
    #[response(status = 409)]
    Conflict(ErrorBody),
    /// It is too large.
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// It is not of a type this operation reads.
    #[response(status = 415)]
    UnsupportedMediaType(ErrorBody),
    /// It is well-formed but not valid.
    #[response(status = 422)]
    Invalid(ErrorBody),
}

/// A filter of a list in the query string, for operations built in code
/// (`api::resource`): optional, of `schema`.
pub(crate) fn filter(name: &str, description: &str, schema: RefOr<Schema>) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

/// Free text as `Params::search_text` takes it: 1 to 200 characters, no
/// control characters.
pub(crate) fn text() -> RefOr<Schema> {
    patterned(NO_CONTROLS, 1, Some(200))
}

/// A string of any form (a revision in `If-Match`, an `ETag`).
pub(crate) fn string() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).into()
}

/// A record's id, as `RecordId::parse` takes it.
pub(crate) fn record_id() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some("^[a-z0-9-]+$"))
        .min_length(Some(1))
        .max_length(Some(vigil_core::RecordId::MAX_LEN))
        .into()
}

/// A day, `YYYY-MM-DD`, of a year from 1000 (as `vigil_core::date` takes it).
pub(crate) fn day() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Date,
        )))
        .pattern(Some("^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$"))
        .into()
}

/// What a write with `If-Match` is refused for when the record has changed.
#[derive(IntoResponses)]
pub enum StaleErrors {
    /// The record is no longer at the revision `If-Match` names.
    #[response(status = 412)]
    Stale(ErrorBody),
}

/// `If-Match: "N"`: write only if the record is still at revision N (the
/// `ETag` of the read the change is based on). Optional.
pub(crate) fn if_match() -> Parameter {
    ParameterBuilder::new()
        .name("If-Match")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "\"N\": only if the record is still at revision N (its ETag); else 412",
        ))
        .schema(Some(string()))
        .build()
}

/// The `ETag` header of an answer: the record's current revision.
pub(crate) fn etag_header() -> utoipa::openapi::header::Header {
    utoipa::openapi::header::HeaderBuilder::new()
        .schema(string())
        .description(Some("The record's current revision, \"N\", for If-Match"))
        .build()
}

/// A string of `pattern`, `min`–`max` characters.
fn patterned(pattern: &str, min: usize, max: Option<usize>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .min_length(Some(min))
        .max_length(max)
        .into()
}

/// One of `values`.
fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values.into_iter().collect::<Vec<_>>()))
        .into()
}

/// No control characters (`char::is_control`: C0, DEL and C1), as
/// `Params::search_text` and a reason refuse them.
const NO_CONTROLS: &str = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";

/// What the server takes for a string parameter called `name` at `path`,
/// as `crate::params::Params` and the handlers read it: one place for the
/// parameters the operations share by name (ids, days, free text), so that
/// each is described as it is read, everywhere alike. `None`: not a shared
/// one (the operation describes it).
fn shared_parameter(path: &str, name: &str) -> Option<RefOr<Schema>> {
    use vigil_core::RestraintKind;
    Some(match name {
        // The record-id segment of every record route; a proposal's id is
        // opaque (any other is answered 404).
        "id" if path.starts_with("/api/v1/proposals/") => patterned(NO_CONTROLS, 1, Some(200)),
        "status" if path == "/api/v1/proposals" => one_of(["pending", "accepted", "rejected"]),
        "kind" if path == "/api/v1/proposals" => {
            one_of(vigil_extract::proposal::ProposalKind::ALL.iter().map(|k| k.as_str()))
        }
        "format" if path == "/api/v1/export" => one_of(["jsonl", "popolo"]),
        "scope" if path == "/api/v1/export" => one_of(["public", "full"]),
        "id" | "record" | "person" | "organisation" | "rule" | "review" | "source" => record_id(),
        "slug" => patterned("^[a-z0-9]+(-[a-z0-9]+)*$", 3, Some(64)),
        "iso2" | "country" => patterned("^[A-Za-z]{2}$", 2, Some(2)),
        "as_of" | "known_on" | "recorded_on" | "from" | "to" => day(),
        // YYYY, YYYY-MM or YYYY-MM-DD.
        "published" => patterned(
            "^[1-9][0-9]{3}(-(0[1-9]|1[0-2]))?$|^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
            4,
            Some(10),
        ),
        "q" | "title" | "publisher" => text(),
        "reason" => patterned(NO_CONTROLS, 1, Some(vigil_app::records::REASON_MAX)),
        "url" => patterned("^https?://[^\\u0000-\\u001f\\u007f-\\u009f]*$", 8, Some(2000)),
        "language" => patterned("^[A-Za-z0-9-]{2,8}$", 2, Some(8)),
        "restraint" => one_of(RestraintKind::ALL.iter().map(RestraintKind::as_str)),
        "If-Match" => patterned("^(\\*|[0-9]{1,18}|\"[0-9]{1,18}\")$", 1, Some(20)),
        _ => return None,
    })
}

/// Describes every string parameter that the operations share by name as
/// the server reads it (see [`shared_parameter`]); those left as any string
/// are described by their operation.
pub(crate) fn describe_parameters(doc: &mut utoipa::openapi::OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
            &mut item.head,
            &mut item.options,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            for parameter in operation.parameters.iter_mut().flatten() {
                // A string, or an optional one (`Option<String>` in a
                // header is described as string-or-null).
                let bare = matches!(
                    &parameter.schema,
                    Some(RefOr::T(Schema::Object(o)))
                        if (o.schema_type == utoipa::openapi::schema::SchemaType::Type(Type::String)
                            || o.schema_type == utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null]))
                            && o.pattern.is_none() && o.format.is_none() && o.enum_values.is_none()
                );
                if bare {
                    if let Some(schema) = shared_parameter(path, &parameter.name) {
                        parameter.schema = Some(schema);
                    }
                }
            }
        }
    }
}
