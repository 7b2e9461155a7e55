//! What every kind of record answers alike under `/api/v1/{section}`: one
//! record (`GET /{id}`), a write (`POST`, `PUT /{id}`, `DELETE /{id}`) and,
//! for the accountability kinds, the list by id. One generic handler each,
//! typed by the record (`resource::show::<S, Person>`), and its OpenAPI
//! operation built from the kind by the functions beside it, so the eleven
//! kinds are served and documented by the same lines. What differs by kind
//! (the lists with their filters, a person's events, a source sent as a
//! document) stays in `api/<resource>.rs`.

use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, Parameter};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, ResponseBuilder, Responses, ResponsesBuilder};
use utoipa::{IntoParams, IntoResponses, PartialSchema, ToSchema};
use vigil_core::{RecordType, Source};
use vigil_store::Store;

use super::openapi::Op;
use super::spec::{self, AuthErrors, BodyErrors, IdPath, ListErrors, PageParams, ReasonParam, ShowErrors, StaleErrors};
use super::write::{self, WriteBody};
use super::{accountability_page, visible, ListBody};
use super::{Ask, AskAt};
use crate::error::ApiError;
use crate::params::Params;
use crate::{links, Viewer};

/// A kind of record as the API serves it.
pub trait Resource: RecordType + ToSchema + Send + Sized + 'static {
    /// What `GET` answers: the record (a source with its hash).
    type Body: Serialize + ToSchema + From<Self> + Send;

    /// What the list is, for the document.
    fn listed() -> String {
        format!("Every {} the caller may see, by id", Self::KIND.label().to_lowercase())
    }

    /// The list's filters besides paging, for the document.
    fn filters() -> Vec<Parameter> {
        Vec::new()
    }

    /// One page of the list as `viewer` may see it; by id unless the kind
    /// says otherwise (the accountability kinds: few beside events and
    /// sources).
    fn page<S: Store>(
        store: &S,
        viewer: &Viewer,
        params: &Params,
    ) -> impl std::future::Future<Output = Result<ListBody<Self::Body>, ApiError>> + Send {
        async move {
            let pick = |r| Self::from_record(r).map(Self::Body::from);
            accountability_page(store, viewer, Self::KIND, params.page()?, pick).await
        }
    }
}

// The accountability kinds: listed by id and answered as they are; a table,
// one kind a line.
#[rustfmt::skip]
mod accountability {
    use super::Resource;
    use vigil_core::{Assessment, Mechanism, Pledge, RatingRule, Recommendation, Review};

    impl Resource for Mechanism { type Body = Self; }
    impl Resource for Review { type Body = Self; }
    impl Resource for Recommendation { type Body = Self; }
    impl Resource for Pledge { type Body = Self; }
    impl Resource for Assessment { type Body = Self; }
    impl Resource for RatingRule { type Body = Self; }
}

/// `GET /api/v1/{section}`: a page of the records of the kind the caller
/// may see ([`Resource::page`]).
pub async fn list<S: Store, R: Resource>(
    Ask(app, viewer, params): Ask<S>,
) -> Result<Json<ListBody<R::Body>>, ApiError> {
    Ok(Json(R::page(&app.store, &viewer, &params).await?))
}

/// `GET /api/v1/{section}/{id}`: one record.
/// Its `ETag` is its current revision, for `If-Match` on a later write.
pub async fn show<S: Store, R: Resource>(AskAt(app, viewer, _, id): AskAt<S>) -> Result<Response, ApiError> {
    let record = visible(&app.store, &viewer, R::KIND, &id).await?;
    let revision = app.store.revisions(record.id(), viewer.visibility).await?;
    let found = R::from_record(record).ok_or_else(|| ApiError::not_found(R::KIND.as_str(), &id))?;
    let body = Json(R::Body::from(found));
    match revision.iter().map(|r| r.seq).max() {
        Some(seq) => Ok(([(header::ETAG, write::etag(seq))], body).into_response()),
        None => Ok(body.into_response()),
    }
}

/// `POST /api/v1/{section}`: creates a record; its id may be left out.
pub async fn create<S: Store, R: Resource>(ask: Ask<S>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    write::require_json(&headers)?;
    let Ask(app, viewer, params) = ask;
    write::create_record(app, viewer, R::KIND, params, body).await
}

/// `PUT /api/v1/{section}/{id}`: replaces a record's state.
pub async fn update<S: Store, R: Resource>(
    ask: AskAt<S>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    write::change_record(ask, R::KIND, &headers, Some(body)).await
}

/// `DELETE /api/v1/{section}/{id}`: deletes a record (it stays
/// restorable); refused while other records refer to it.
pub async fn delete<S: Store, R: Resource>(ask: AskAt<S>, headers: HeaderMap) -> Result<Response, ApiError> {
    write::change_record(ask, R::KIND, &headers, None).await
}

// The operations of the handlers above, for the kind `R`.

/// The document's entry for [`list`].
pub(crate) fn list_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let items = ArrayBuilder::new().items(reference::<R::Body>());
    let total = ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0));
    let page = ObjectBuilder::new()
        .property("items", items)
        .property("total", total)
        .required("items")
        .required("total");
    let ok = json_response(format!("A page of {label}s, and how many there are"), page.into());
    let mut params = R::filters();
    params.extend(PageParams::into_params(|| None));
    let operation = operation::<R>(format!("list_{}s", R::KIND.as_str()), R::listed())
        .parameters(Some(params))
        .responses(with(ok_at("200", ok), [ListErrors::responses()]));
    Op::new(collection::<R>(), HttpMethod::Get, operation.build())
        .with_schemas::<R>()
        .with_schemas::<R::Body>()
}

/// The document's entry for [`show`].
pub(crate) fn show_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let mut ok = json_response(format!("The {label}"), reference::<R::Body>());
    ok.headers.insert("ETag".to_owned(), spec::etag_header());
    let operation = operation::<R>(format!("show_{}", R::KIND.as_str()), format!("One {label}"))
        .parameters(Some(IdPath::into_params(|| None)))
        .responses(with(ok_at("200", ok), [ShowErrors::responses()]));
    let mut op = Op::new(member::<R>(), HttpMethod::Get, operation.build()).with_schemas::<R>();
    op.add_schema::<R::Body>();
    op
}

/// The document's entry for [`create`]: the body is the record, whose
/// `id` may be left out (one is made).
pub(crate) fn create_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let body = format!("The {label}; its id may be left out (one is made), and must be when it is confidential");
    let said = Write {
        id: "create",
        summary: format!("Creates a {label}"),
        done: "created",
        body: Some(body),
    };
    write_op::<R>(said, HttpMethod::Post, ReasonParam::into_params(|| None))
}

/// The document's entry for [`update`].
pub(crate) fn update_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let body = format!("The {label}'s new state; its id, if given, is the one in the path");
    let said = Write {
        id: "update",
        summary: format!("Replaces a {label}'s state"),
        done: "updated",
        body: Some(body),
    };
    write_op::<R>(said, HttpMethod::Put, id_and_reason())
}

/// The document's entry for [`delete`].
pub(crate) fn delete_op<R: Resource>() -> Op {
    let label = R::KIND.label().to_lowercase();
    let summary = format!("Deletes a {label} (it stays restorable); refused while other records refer to it");
    let said = Write {
        id: "delete",
        summary,
        done: "deleted",
        body: None,
    };
    write_op::<R>(said, HttpMethod::Delete, id_and_reason())
}

/// What the document says of a write.
struct Write {
    /// The verb of the operationId: `create` makes `create_person`.
    id: &'static str,
    summary: String,
    /// What the record is when it succeeds.
    done: &'static str,
    /// The request body's description, if it takes one.
    body: Option<String>,
}

fn write_op<R: Resource>(said: Write, method: HttpMethod, params: Vec<Parameter>) -> Op {
    let created = matches!(method, HttpMethod::Post);
    let (status, path) = if created {
        ("201", collection::<R>())
    } else {
        ("200", member::<R>())
    };
    let label = R::KIND.label().to_lowercase();
    let ok = written_response(format!("The {label} is {}", said.done), created);
    let body = said.body.map(|description| {
        let schema = ContentBuilder::new().schema(Some(reference::<New<R>>())).build();
        RequestBodyBuilder::new()
            .description(Some(description))
            .content("application/json", schema)
            .required(Some(utoipa::openapi::Required::True))
            .build()
    });
    let mut errors = vec![
        ShowErrors::responses(),
        AuthErrors::responses(),
        BodyErrors::responses(),
    ];
    let mut params = params;
    if !created {
        params.push(spec::if_match());
        errors.push(StaleErrors::responses());
    }
    let operation = operation::<R>(format!("{}_{}", said.id, R::KIND.as_str()), said.summary)
        .parameters(Some(params))
        .request_body(body)
        .securities(Some([bearer()]))
        .responses(with(ok_at(status, ok), errors));
    Op::new(path, method, operation.build())
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
    response.headers.insert("ETag".to_owned(), spec::etag_header());
    response
}

fn ok_at(status: &str, response: utoipa::openapi::Response) -> (String, RefOr<utoipa::openapi::Response>) {
    (status.to_owned(), RefOr::T(response))
}

/// The success answer and the errors, as one list.
fn with(
    ok: (String, RefOr<utoipa::openapi::Response>),
    errors: impl IntoIterator<Item = std::collections::BTreeMap<String, RefOr<utoipa::openapi::Response>>>,
) -> Responses {
    let mut all = ResponsesBuilder::new().response(ok.0, ok.1);
    for (status, response) in errors.into_iter().flatten() {
        all = all.response(status, response);
    }
    all.build()
}

/// A reference to `T`'s schema in the document's components.
pub(crate) fn reference<T: ToSchema>() -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(T::name()))
}
