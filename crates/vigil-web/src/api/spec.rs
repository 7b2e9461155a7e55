//! What the operations of the API share in the OpenAPI document, each
//! described once: the paging, reason and id parameters and the error
//! answers. The handlers name these types in their `#[utoipa::path]`
//! (`params(PageParams)`, `responses(..., WriteErrors)`), and the operations
//! that [`super::resource`] builds for every kind of record use them too.

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

/// What reading one thing can answer besides it.
#[derive(IntoResponses)]
pub enum ShowErrors {
    /// A parameter is malformed.
    #[response(status = 400)]
    BadRequest(ErrorBody),
    /// There is none, or not for this caller.
    #[response(status = 404)]
    NotFound(ErrorBody),
}

/// What reading something only editors may see can answer besides it.
#[derive(IntoResponses)]
pub enum GuardedErrors {
    /// A parameter is malformed.
    #[response(status = 400)]
    BadRequest(ErrorBody),
    /// No valid token.
    #[response(status = 401)]
    Unauthorized(ErrorBody),
    /// The account may not do this.
    #[response(status = 403)]
    Forbidden(ErrorBody),
    /// There is none, or not for this caller.
    #[response(status = 404)]
    NotFound(ErrorBody),
}

/// What a write can answer besides its success.
#[derive(IntoResponses)]
pub enum WriteErrors {
    /// The body or a parameter is malformed.
    #[response(status = 400)]
    BadRequest(ErrorBody),
    /// No valid token.
    #[response(status = 401)]
    Unauthorized(ErrorBody),
    /// The account may not write this.
    #[response(status = 403)]
    Forbidden(ErrorBody),
    /// There is nothing at this address.
    #[response(status = 404)]
    NotFound(ErrorBody),
    /// The write conflicts with the case file (an id taken, a record referred to, closed).
    #[response(status = 409)]
    Conflict(ErrorBody),
    /// The body is too large.
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// The body is not of a type this operation reads.
    #[response(status = 415)]
    UnsupportedMediaType(ErrorBody),
    /// The body is well-formed but not valid.
    #[response(status = 422)]
    Invalid(ErrorBody),
}
