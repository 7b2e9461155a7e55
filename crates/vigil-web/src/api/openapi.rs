//! The OpenAPI document, generated from the handlers' annotations as the
//! router registers them: [`Documented::route`] serves a handler at the path
//! and methods its `#[utoipa::path]` names and adds that operation to the
//! document in the same call, so the two cannot drift and no list of paths
//! is kept by hand.

use std::sync::Arc;

use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter};
use axum::{Json, Router};
use utoipa::openapi::path::{HttpMethod, Operation, Paths};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;
use utoipa::OpenApi;

/// What the document says besides its paths: title, tags, security.
#[derive(OpenApi)]
#[openapi(
    info(title = "Vigil", description = "Case file, status and accountability records for the defence of persecuted trade-union and human-rights activists."),
    modifiers(&BearerAuth),
    components(schemas(crate::error::ErrorBody, crate::error::ErrorDetail)),
    tags(
        (name = "persons"), (name = "organisations"), (name = "events"), (name = "cases"),
        (name = "sources"), (name = "proposals"), (name = "revisions"), (name = "status"), (name = "search"), (name = "service"),
        (name = "mechanisms"), (name = "reviews"), (name = "recommendations"), (name = "pledges"),
        (name = "assessments"), (name = "rating-rules"), (name = "accountability"), (name = "campaigns"), (name = "export"),
        (name = "forms"),
    )
)]
struct ApiDoc;

/// Routes under `prefix`, each registered with its OpenAPI operation.
pub(crate) struct Documented<St> {
    prefix: &'static str,
    router: Router<St>,
    operations: Operations,
}

/// One operation of the document: where, which method, what it says, and
/// the schemas it names.
pub(crate) struct Op {
    pub path: String,
    pub method: HttpMethod,
    pub operation: Operation,
    pub schemas: Vec<(String, RefOr<Schema>)>,
}

impl Op {
    pub(crate) fn new(path: String, method: HttpMethod, operation: Operation) -> Self {
        Self {
            path,
            method,
            operation,
            schemas: Vec::new(),
        }
    }

    /// With `T`'s schema and those it names.
    pub(crate) fn with_schemas<T: utoipa::ToSchema>(mut self) -> Self {
        self.add_schema::<T>();
        self
    }

    pub(crate) fn add_schema<T: utoipa::ToSchema>(&mut self) {
        self.schemas.push((T::name().into_owned(), T::schema()));
        T::schemas(&mut self.schemas);
    }
}

/// What routes add to the document: their operations and the schemas
/// those name.
#[derive(Default)]
pub(crate) struct Operations {
    paths: Paths,
    schemas: Vec<(String, RefOr<Schema>)>,
}

impl<St: Clone + Send + Sync + 'static> Documented<St> {
    /// Operations whose documented paths start with `prefix`, served at
    /// those paths (merged, not nested: a nested router costs every
    /// request a rewritten address and a second routing).
    pub(crate) fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            router: Router::new(),
            operations: Operations::default(),
        }
    }

    /// Serves `handler` where its `#[utoipa::path]` says and documents it.
    /// `doc` is the `__path_<name>` struct that attribute makes beside the
    /// function `<name>`: `routes!` in utoipa-axum finds it by name, which
    /// it cannot for a handler generic over the store (`list::<S>`), so it
    /// is named here, and checked to belong to the same function.
    pub(crate) fn route<D, H, T>(mut self, _doc: D, handler: H) -> Self
    where
        D: utoipa::Path + utoipa::__dev::SchemaReferences + for<'t> utoipa::__dev::Tags<'t>,
        H: Handler<T, St>,
        T: 'static,
    {
        let (doc_name, handler_name) = (std::any::type_name::<D>(), std::any::type_name::<H>());
        // `a::b::__path_list` documents `a::b::list<S>`: a mismatch is a
        // mistake in the router, found by the first test that builds one.
        // Debug builds only: type names are for diagnostics, their form is
        // not promised, and a release build must not stop over one.
        let documents = doc_name
            .rsplit_once("::__path_")
            .is_some_and(|(module, name)| handler_name.split('<').next() == Some(&format!("{module}::{name}")));
        debug_assert!(documents, "{doc_name} does not document {handler_name}");

        let mut operation = D::operation();
        let tags = operation.tags.get_or_insert_with(Vec::new);
        for tag in <D as utoipa::__dev::Tags>::tags() {
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_owned());
            }
        }
        let mut schemas = Vec::new();
        D::schemas(&mut schemas);
        for method in D::methods() {
            let op = Op {
                path: D::path(),
                method,
                operation: operation.clone(),
                schemas: schemas.clone(),
            };
            self = self.operation(op, handler.clone());
        }
        self
    }

    /// Serves `handler` at the path and method of `op` and documents it:
    /// for handlers whose operation is built in code rather than by
    /// `#[utoipa::path]` (those generic over the kind of record, in
    /// `api::resource`).
    pub(crate) fn operation<H, T>(mut self, op: Op, handler: H) -> Self
    where
        H: Handler<T, St>,
        T: 'static,
    {
        assert!(
            op.path
                .strip_prefix(self.prefix)
                .is_some_and(|rest| rest.starts_with('/')),
            "{} is not under {}",
            op.path,
            self.prefix
        );
        self.router = self
            .router
            .route(&op.path, MethodRouter::new().on(filter(&op.method), handler));
        self.operations
            .paths
            .add_path_operation(&op.path, vec![op.method], op.operation);
        self.operations.schemas.extend(op.schemas);
        self
    }

    /// The routes, and what they add to the document.
    pub(crate) fn split(self) -> (Router<St>, Operations) {
        (self.router, self.operations)
    }
}

fn filter(method: &HttpMethod) -> MethodFilter {
    match method {
        HttpMethod::Get => MethodFilter::GET,
        HttpMethod::Post => MethodFilter::POST,
        HttpMethod::Put => MethodFilter::PUT,
        HttpMethod::Delete => MethodFilter::DELETE,
        HttpMethod::Options => MethodFilter::OPTIONS,
        HttpMethod::Head => MethodFilter::HEAD,
        HttpMethod::Patch => MethodFilter::PATCH,
        HttpMethod::Trace => MethodFilter::TRACE,
    }
}

/// The whole document: [`ApiDoc`] with the operations of every `parts`.
pub(crate) fn document_of(parts: Vec<Operations>) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let components = doc.components.get_or_insert_with(Default::default);
    for part in parts {
        doc.paths.paths.extend(part.paths.paths);
        components.schemas.extend(part.schemas);
    }
    super::spec::describe_parameters(&mut doc);
    doc
}

/// `GET /api/v1/openapi.json`: the document, made once when the router is.
pub(crate) fn serve<St: Clone + Send + Sync + 'static>(doc: utoipa::openapi::OpenApi) -> MethodRouter<St> {
    let doc = Arc::new(doc);
    axum::routing::get(move || {
        let doc = Arc::clone(&doc);
        async move { Json(utoipa::openapi::OpenApi::clone(&doc)) }
    })
}

/// Liveness: answers while the process serves.
#[utoipa::path(get, path = "/healthz", tag = "service", operation_id = "health",
    responses((status = 200, description = "The server is serving", content_type = "text/plain", body = String, example = "ok")))]
pub async fn health() -> &'static str {
    "ok"
}

/// Writes take `Authorization: Bearer TOKEN` (from `vigil token issue`).
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn not_health() -> &'static str {
        "ok"
    }

    #[test]
    fn a_handler_is_registered_with_its_own_operation() {
        let (_, operations) = Documented::<()>::new("").route(__path_health, health).split();
        let doc = document_of(vec![operations]);
        assert!(doc.paths.paths["/healthz"].get.is_some());
    }

    #[test]
    #[should_panic(expected = "does not document")]
    #[cfg(debug_assertions)]
    fn another_handlers_operation_is_refused() {
        let _ = Documented::<()>::new("").route(__path_health, not_health);
    }
}
