//! What every kind of record answers alike under `/api/v1/{section}`: one
//! record (`GET /{id}`), a write (`POST`, `PUT /{id}`, `DELETE /{id}`) and,
//! for the accountability kinds, the list by id. One generic handler each,
//! typed by the record (`resource::show::<S, Person>`), and its OpenAPI
//! operation built from the kind by the functions beside it, so the eleven
//! kinds are served and documented by the same lines. What differs by kind
//! (the lists with their filters, a person's events, a source sent as a
//! document) stays in `api/<resource>.rs`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Json;
use serde::Serialize;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, Parameter};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, ResponseBuilder, Responses, ResponsesBuilder};
use utoipa::{IntoParams, IntoResponses, PartialSchema, ToSchema};
use vigil_core::{
    Assessment, Case, Event, Mechanism, Organisation, Person, Pledge, RatingRule, Recommendation, Record, RecordKind,
    Review, Source,
};
use vigil_store::Store;

use super::openapi::Op;
use super::sources::SourceBody;
use super::spec::{IdPath, ListErrors, PageParams, ReasonParam, ShowErrors, WriteErrors};
use super::write::{self, WriteBody};
use super::{accountability_page, visible, ListBody};
use crate::error::ApiError;
use crate::params::Params;
use crate::{links, AppState, Viewer};

/// A kind of record as the API serves it.
pub trait Resource: ToSchema + Send + Sized + 'static {
    const KIND: RecordKind;
    /// What `GET` answers: the record (a source with its hash).
    type Body: Serialize + ToSchema + From<Self>;
    /// The record, if it is of this kind.
    fn pick(record: Record) -> Option<Self>;
}

impl Resource for Person {
    const KIND: RecordKind = RecordKind::Person;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Person(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Organisation {
    const KIND: RecordKind = RecordKind::Organisation;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Organisation(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Event {
    const KIND: RecordKind = RecordKind::Event;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Event(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Case {
    const KIND: RecordKind = RecordKind::Case;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Case(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Source {
    const KIND: RecordKind = RecordKind::Source;
    type Body = SourceBody;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Source(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Mechanism {
    const KIND: RecordKind = RecordKind::Mechanism;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Mechanism(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Review {
    const KIND: RecordKind = RecordKind::Review;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Review(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Recommendation {
    const KIND: RecordKind = RecordKind::Recommendation;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Recommendation(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Pledge {
    const KIND: RecordKind = RecordKind::Pledge;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Pledge(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for Assessment {
    const KIND: RecordKind = RecordKind::Assessment;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::Assessment(r) = record {
            Some(r)
        } else {
            None
        }
    }
}
impl Resource for RatingRule {
    const KIND: RecordKind = RecordKind::RatingRule;
    type Body = Self;
    fn pick(record: Record) -> Option<Self> {
        if let Record::RatingRule(r) = record {
            Some(r)
        } else {
            None
        }
    }
}

/// `GET /api/v1/{section}`: every record of the kind the caller may see,
/// by id (the accountability kinds: few beside events and sources).
pub async fn list<S: Store, R: Resource>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
) -> Result<Json<ListBody<R>>, ApiError> {
    Ok(Json(
        accountability_page(&app.store, &viewer, R::KIND, params.page()?, R::pick).await?,
    ))
}

/// `GET /api/v1/{section}/{id}`: one record.
pub async fn show<S: Store, R: Resource>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<R::Body>, ApiError> {
    let record = visible(&app.store, &viewer, R::KIND, &id).await?;
    let found = R::pick(record).ok_or_else(|| ApiError::not_found(R::KIND.as_str(), &id))?;
    Ok(Json(found.into()))
}

/// `POST /api/v1/{section}`: creates a record; its id may be left out.
pub async fn create<S: Store, R: Resource>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::create_record(app, viewer, R::KIND, params, body).await
}

/// `PUT /api/v1/{section}/{id}`: replaces a record's state.
pub async fn update<S: Store, R: Resource>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::update_record(app, viewer, R::KIND, id, params, body).await
}

/// `DELETE /api/v1/{section}/{id}`: deletes a record (it stays
/// restorable); refused while other records refer to it.
pub async fn delete<S: Store, R: Resource>(
    State(app): State<AppState<S>>,
    viewer: Viewer,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    write::delete_record(app, viewer, R::KIND, id, params).await
}

// The operations of the handlers above, for the kind `R`.

/// The document's entry for [`list`].
pub(crate) fn list_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let items = ArrayBuilder::new().items(reference::<R>());
    let page = ObjectBuilder::new()
        .property("items", items)
        .required("items")
        .property(
            "total",
            ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)),
        )
        .required("total");
    let ok = json_response(format!("A page of {label}s, and how many there are"), page.into());
    let operation = operation::<R>(
        format!("list_{}s", R::KIND.as_str()),
        format!("Every {label} the caller may see, by id"),
    )
    .parameters(Some(PageParams::into_params(|| None)))
    .responses(with(ok_at("200", ok), ListErrors::responses()));
    Op::new(collection::<R>(), HttpMethod::Get, operation.build()).with_schemas::<R>()
}

/// The document's entry for [`show`].
pub(crate) fn show_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let ok = json_response(format!("The {label}"), reference::<R::Body>());
    let operation = operation::<R>(format!("show_{}", R::KIND.as_str()), format!("One {label}"))
        .parameters(Some(IdPath::into_params(|| None)))
        .responses(with(ok_at("200", ok), ShowErrors::responses()));
    let mut op = Op::new(member::<R>(), HttpMethod::Get, operation.build()).with_schemas::<R>();
    op.add_schema::<R::Body>();
    op
}

/// The document's entry for [`create`]: the body is the record, whose
/// `id` may be left out (one is made).
pub(crate) fn create_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let created = written_response(format!("The {label} is created"), true);
    let body = RequestBodyBuilder::new()
        .description(Some(format!("The {label}; its id may be left out")))
        .content(
            "application/json",
            ContentBuilder::new().schema(Some(reference::<New<R>>())).build(),
        )
        .required(Some(utoipa::openapi::Required::True))
        .build();
    let operation = operation::<R>(format!("create_{}", R::KIND.as_str()), format!("Creates a {label}"))
        .parameters(Some(ReasonParam::into_params(|| None)))
        .request_body(Some(body))
        .securities(Some([bearer()]))
        .responses(with(ok_at("201", created), WriteErrors::responses()));
    Op::new(collection::<R>(), HttpMethod::Post, operation.build())
        .with_schemas::<R>()
        .with_schemas::<WriteBody>()
        .with_schemas::<New<R>>()
}

/// The document's entry for [`update`].
pub(crate) fn update_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let body = RequestBodyBuilder::new()
        .description(Some(format!(
            "The {label}'s new state; its id, if given, is the one in the path"
        )))
        .content(
            "application/json",
            ContentBuilder::new().schema(Some(reference::<New<R>>())).build(),
        )
        .required(Some(utoipa::openapi::Required::True))
        .build();
    let operation = operation::<R>(
        format!("update_{}", R::KIND.as_str()),
        format!("Replaces a {label}'s state"),
    )
    .parameters(Some(id_and_reason()))
    .request_body(Some(body))
    .securities(Some([bearer()]))
    .responses(with(
        ok_at("200", written_response(format!("The {label} is updated"), false)),
        WriteErrors::responses(),
    ));
    Op::new(member::<R>(), HttpMethod::Put, operation.build())
        .with_schemas::<R>()
        .with_schemas::<WriteBody>()
        .with_schemas::<New<R>>()
}

/// The document's entry for [`delete`].
pub(crate) fn delete_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let summary = format!("Deletes a {label} (it stays restorable); refused while other records refer to it");
    let operation = operation::<R>(format!("delete_{}", R::KIND.as_str()), summary)
        .parameters(Some(id_and_reason()))
        .securities(Some([bearer()]))
        .responses(with(
            ok_at("200", written_response(format!("The {label} is deleted"), false)),
            WriteErrors::responses(),
        ));
    Op::new(member::<R>(), HttpMethod::Delete, operation.build())
        .with_schemas::<R>()
        .with_schemas::<WriteBody>()
        .with_schemas::<New<R>>()
}

fn collection<R: Resource>() -> String {
    format!("/api/v1/{}", links::section(R::KIND))
}

fn member<R: Resource>() -> String {
    format!("/api/v1/{}/{{id}}", links::section(R::KIND))
}

fn operation<R: Resource>(id: String, summary: String) -> OperationBuilder {
    OperationBuilder::new()
        .operation_id(Some(id))
        .summary(Some(summary))
        .tag(links::section(R::KIND))
}

fn id_and_reason() -> Vec<Parameter> {
    let mut params = IdPath::into_params(|| None);
    params.extend(ReasonParam::into_params(|| None));
    params
}

/// Writes take `Authorization: Bearer TOKEN`.
pub(crate) fn bearer() -> SecurityRequirement {
    SecurityRequirement::new("bearer", Vec::<String>::new())
}

/// A record of kind `R` as a body sent to be written: its schema is `R`'s
/// with `id` no longer required, as a `POST` may leave it out.
pub struct New<R>(std::marker::PhantomData<R>);

/// A source sent to be written.
pub type NewSource = New<Source>;

impl<R: Resource> PartialSchema for New<R> {
    fn schema() -> RefOr<Schema> {
        new_record::<R>()
    }
}

impl<R: Resource> ToSchema for New<R> {
    fn name() -> std::borrow::Cow<'static, str> {
        format!("New{}", R::name()).into()
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        R::schemas(schemas);
    }
}

/// `R`'s schema with `id` no longer required.
fn new_record<R: Resource>() -> RefOr<Schema> {
    match R::schema() {
        RefOr::T(Schema::Object(mut object)) => {
            object.required.retain(|field| field != "id");
            RefOr::T(Schema::Object(object))
        }
        other => other,
    }
}

fn json_response(description: String, schema: RefOr<Schema>) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content("application/json", ContentBuilder::new().schema(Some(schema)).build())
        .build()
}

/// A write's answer ([`write::written`]): the revision made, where the
/// record is (`Location`) and its new revision (`ETag`).
pub(crate) fn written_response(description: String, created: bool) -> utoipa::openapi::Response {
    let mut response = json_response(description, reference::<WriteBody>());
    let location = HeaderBuilder::new()
        .schema(String::schema())
        .description(Some("Where the record is in the API"))
        .build();
    if created {
        response.headers.insert("Location".to_owned(), location);
    }
    response
}

fn ok_at(status: &str, response: utoipa::openapi::Response) -> (String, RefOr<utoipa::openapi::Response>) {
    (status.to_owned(), RefOr::T(response))
}

fn with(
    ok: (String, RefOr<utoipa::openapi::Response>),
    errors: std::collections::BTreeMap<String, RefOr<utoipa::openapi::Response>>,
) -> Responses {
    let mut all = ResponsesBuilder::new().response(ok.0, ok.1);
    for (status, response) in errors {
        all = all.response(status, response);
    }
    all.build()
}

/// A reference to `T`'s schema in the document's components.
pub(crate) fn reference<T: ToSchema>() -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(T::name()))
}
