use vigil_core::{FieldError, RecordId, RecordKind};

/// What can go wrong in a store. The first variants are the caller's to
/// handle (and map to 4xx); [`StoreError::Backend`] is the store's own
/// failure, with its cause.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no {kind} '{id}'")]
    NotFound { kind: &'static str, id: String },
    #[error("the id '{0}' is already taken")]
    Conflict(RecordId),
    #[error("'{id}' is a {actual}, not a {expected}")]
    WrongKind {
        id: RecordId,
        expected: RecordKind,
        actual: RecordKind,
    },
    #[error("invalid record: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("'{id}' is still referred to by {}", .by.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))]
    Referenced { id: RecordId, by: Vec<RecordId> },
    #[error("'{id}' has changed: its current revision is {current}")]
    Stale { id: RecordId, current: i64 },
    /// A proposal a write was to settle, or a decision was for, had been
    /// decided already (by another editor, at the same moment).
    #[error("proposal '{id}' was {state} already")]
    Decided { id: String, state: String },
    #[error("storage failure")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    pub fn not_found(id: &RecordId) -> Self {
        StoreError::NotFound {
            kind: "record",
            id: id.to_string(),
        }
    }

    pub fn wrong_kind(id: &RecordId, expected: RecordKind, actual: RecordKind) -> Self {
        StoreError::WrongKind {
            id: id.clone(),
            expected,
            actual,
        }
    }

    pub fn backend(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        StoreError::Backend(Box::new(e))
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        StoreError::Invalid(vec![FieldError::new(field, message)])
    }
}
