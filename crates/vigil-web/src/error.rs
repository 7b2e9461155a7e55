//! Errors at the HTTP edge.
//!
//! Handlers return [`ApiError`] (JSON API) or [`PageError`] (HTML pages);
//! both are made from the application's [`AppError`] (and the store's
//! [`StoreError`]) in one place, here, so a status code means the same
//! everywhere. A backend failure is logged with its whole
//! cause chain and shown to the client only as "internal error": its
//! details may hold data the client has no right to.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use vigil_app::i18n::{Arg, Lang};
use vigil_app::AppError;
use vigil_store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable machine word: `bad_request`, `not_found`, `conflict`, `internal`…
    pub code: &'static str,
    pub message: String,
    /// The query parameter or body field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An error answered as JSON `{"error": {"code", "message", "field"?}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: ErrorDetail,
    /// What the message says, kept to be put in the reader's words.
    pub said: Option<Said>,
}

/// What an error's message says, in parts the catalogues can word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// Nothing of this kind by this id.
    NoSuch { kind: String, id: String },
    /// These fields are at fault, and why (a check's own words).
    Fields(Vec<vigil_core::FieldError>),
    /// The body is not JSON.
    MalformedJson,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            detail: ErrorDetail {
                code,
                message: message.into(),
                field: None,
            },
            said: None,
        }
    }

    /// The same error naming the input `field` at fault.
    pub fn with_field(mut self, field: &str) -> Self {
        self.detail.field = Some(field.to_owned());
        self
    }

    fn saying(mut self, said: Said) -> Self {
        self.said = Some(said);
        self
    }

    pub fn bad_param(field: &str, message: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::BAD_REQUEST, "bad_request", message);
        e.detail.field = Some(field.to_owned());
        e
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("no {what} '{id}'")).saying(Said::NoSuch {
            kind: what.to_owned(),
            id: id.to_owned(),
        })
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error")
    }

    /// This error with its message in `lang`: what it says put in the
    /// catalogue's words (what was not found, each field at fault and why),
    /// else the catalogue's message for its code, with the field at fault
    /// when there is one. In English the message stays the precise account
    /// given where the error arose. The code never changes.
    pub fn in_language(mut self, lang: Lang) -> Self {
        if lang != Lang::En {
            self.detail.message = self.words(lang);
        }
        self
    }

    /// The message in `lang` (see [`ApiError::in_language`]).
    pub fn words(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.detail.message.clone();
        }
        let (message, names_fields) = match &self.said {
            Some(Said::NoSuch { kind, id }) => (vigil_app::no_such(lang, kind, id), false),
            Some(Said::Fields(fields)) => (vigil_app::fields_words(lang, fields), true),
            Some(Said::MalformedJson) => (
                vigil_app::readback::said(lang, &self.detail.message)
                    .unwrap_or_else(|| lang.tr("api-error-malformed-json")),
                false,
            ),
            // A refusal the catalogues can say from its English, else the
            // words of its code.
            None => match &self.detail.field {
                Some(field) if self.detail.code == "bad_request" => {
                    (vigil_app::malformed_words(lang, field, &self.detail.message), false)
                }
                _ => (
                    vigil_app::readback::said(lang, &self.detail.message)
                        .unwrap_or_else(|| lang.tr(message_key(self.detail.code))),
                    false,
                ),
            },
        };
        match &self.detail.field {
            Some(field) if !names_fields => lang.tr_with(
                "api-error-with-field",
                &[("message", Arg::Text(&message)), ("field", Arg::Text(field))],
            ),
            _ => message,
        }
    }
}

/// The catalogue message of an error code: the one place a code is put
/// into words for the API's readers (`locales/<code>/api.ftl`).
pub fn message_key(code: &str) -> &'static str {
    match code {
        "bad_request" => "api-error-bad-request",
        "not_found" => "api-error-not-found",
        "unauthorised" => "api-error-unauthorised",
        "forbidden" => "api-error-forbidden",
        "csrf" => "api-error-csrf",
        "invalid" => "api-error-invalid",
        "conflict" => "api-error-conflict",
        "referenced" => "api-error-referenced",
        "closed" => "api-error-closed",
        "rate_limited" => "api-error-rate-limited",
        "unreadable" => "api-error-unreadable",
        "precondition_failed" => "api-error-precondition-failed",
        "method_not_allowed" => "api-error-method-not-allowed",
        "payload_too_large" => "api-error-payload-too-large",
        "unsupported_media_type" => "api-error-unsupported-media-type",
        "uri_too_long" => "api-error-uri-too-long",
        "headers_too_large" => "api-error-headers-too-large",
        "not_implemented" => "api-error-not-implemented",
        "internal" => "api-error-internal",
        _ => "api-error-other",
    }
}

pub(crate) use vigil_app::log_failure;

/// The application's refusals as HTTP answers: the one place a reason
/// becomes a status.
impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        let field = |mut err: ApiError, field: Option<String>| {
            err.detail.field = field;
            err
        };
        match e {
            AppError::NotFound { kind, id, field: f } => field(ApiError::not_found(kind, &id), f),
            AppError::Absent(message) => ApiError::new(StatusCode::NOT_FOUND, "not_found", message),
            AppError::Forbidden(message) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", message),
            AppError::Malformed { field, message } => {
                let json = message.starts_with("malformed JSON");
                let error = ApiError::bad_param(&field, message);
                if json {
                    error.saying(Said::MalformedJson)
                } else {
                    error
                }
            }
            AppError::Invalid(errors) => {
                let first = errors.first().map(|f| f.field.clone());
                let message = AppError::Invalid(errors.clone()).to_string();
                field(
                    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message).saying(Said::Fields(errors)),
                    first,
                )
            }
            AppError::Conflict { code, message } => ApiError::new(StatusCode::CONFLICT, code, message),
            e @ AppError::Referenced { .. } => ApiError::new(StatusCode::CONFLICT, "referenced", e.to_string()),
            AppError::Closed(message) => ApiError::new(StatusCode::CONFLICT, "closed", message),
            AppError::RateLimited(message) => ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message),
            AppError::Unreadable(message) => field(
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "unreadable", message),
                Some("body".into()),
            ),
            AppError::Store(s) => s.into(),
            AppError::Internal => ApiError::internal(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match &e {
            StoreError::NotFound { kind, id } => ApiError::not_found(kind, id.as_str()),
            StoreError::WrongKind { id, expected, .. } => ApiError::not_found(expected.as_str(), id.as_str()),
            StoreError::Conflict(_) => ApiError::new(StatusCode::CONFLICT, "conflict", e.to_string()),
            StoreError::Referenced { .. } => ApiError::new(StatusCode::CONFLICT, "referenced", e.to_string()),
            StoreError::Invalid(fields) => {
                let mut err = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", e.to_string())
                    .saying(Said::Fields(fields.clone()));
                err.detail.field = fields.first().map(|f| f.field.clone());
                err
            }
            StoreError::Decided { .. } => ApiError::new(StatusCode::CONFLICT, "decided", e.to_string()),
            StoreError::Stale { .. } => {
                ApiError::new(StatusCode::PRECONDITION_FAILED, "precondition_failed", e.to_string())
            }
            StoreError::Backend(_) => {
                log_failure(&e);
                ApiError::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(ErrorBody {
                error: self.detail.clone(),
            }),
        )
            .into_response();
        // Kept for the router, which words the message in the reader's
        // language (`Accept-Language`) in one place.
        response.extensions_mut().insert(self);
        response
    }
}

/// An error answered as an HTML page (drawn by `pages::layout`, so that
/// this module holds no markup).
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        PageError(e.into())
    }
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        PageError(e.into())
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}
