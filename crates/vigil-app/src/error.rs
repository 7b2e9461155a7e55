//! The one error type of the application layer. Each variant is a reason
//! a request is refused, not an HTTP status: `vigil-web` maps them to
//! statuses and bodies in one place, the command line to a message.

use vigil_core::{FieldError, RecordId};
use vigil_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing by that id that the viewer may see. A record hidden from
    /// the viewer is "not found" too, so its existence is not revealed.
    #[error("no {kind} '{id}'")]
    NotFound {
        kind: &'static str,
        id: String,
        /// The input field that named it, when there is one.
        field: Option<String>,
    },
    /// Nothing there, said in words of its own ("the case file holds
    /// nothing about the country XX").
    #[error("{0}")]
    Absent(String),
    /// The viewer may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Input that cannot be read as what it should be (malformed JSON, a
    /// bad parameter); names the field.
    #[error("{message}")]
    Malformed { field: String, message: String },
    /// Input that reads, but breaks a rule of the case file or of a
    /// campaign; names every field at fault.
    #[error("{}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// The request contradicts the state it would change (`code` says
    /// how: `decided`, `undecided`, …).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// A record that cannot be deleted while others refer to it: `by`
    /// names only those the viewer may see.
    #[error("'{id}' is still referred to by {}", if .by.is_empty() { "other records".to_owned() } else { .by.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ") })]
    Referenced { id: RecordId, by: Vec<RecordId> },
    /// A campaign that takes no signatures now.
    #[error("{0}")]
    Closed(String),
    /// Too many requests from one network.
    #[error("{0}")]
    RateLimited(String),
    /// A document that cannot be read (not text, HTML or a PDF with text).
    #[error("{0}")]
    Unreadable(String),
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A failure of Vigil's own, already logged; its details stay out of
    /// answers.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn not_found(kind: &'static str, id: &str) -> Self {
        AppError::NotFound {
            kind,
            id: id.chars().take(200).collect(),
            field: None,
        }
    }

    pub fn malformed(field: &str, message: impl Into<String>) -> Self {
        AppError::Malformed {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden(message.into())
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Conflict {
            code,
            message: message.into(),
        }
    }

    /// The same error naming the input `field` (for a not-found id given
    /// in a form or body).
    pub fn in_field(self, field: &str) -> Self {
        match self {
            AppError::NotFound { kind, id, .. } => AppError::NotFound {
                kind,
                id,
                field: Some(field.to_owned()),
            },
            other => other,
        }
    }
}

impl From<vigil_extract::ReadError> for AppError {
    fn from(e: vigil_extract::ReadError) -> Self {
        AppError::Unreadable(e.to_string())
    }
}

/// Logs a failure with its whole cause chain.
pub fn log_failure(e: &(dyn std::error::Error + 'static)) {
    tracing::error!(error = %vigil_core::error_chain(e), "request failed");
}

/// `body` read as JSON into a `T`; a mistake (a repeated key too) is
/// malformed input at its path in the body (`body` when the whole is wrong).
pub fn read_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    crate::json::unique_keys(body)?;
    let mut value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| AppError::malformed("body", format!("malformed JSON: {e}")))?;
    crate::json::whole_numbers(&mut value);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        AppError::malformed(if path == "." { "body" } else { &path }, e.into_inner().to_string())
    })
}
