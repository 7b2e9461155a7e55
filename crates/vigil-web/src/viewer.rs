//! Who is asking, and what they may see.
//!
//! Every handler that reads records takes a [`Viewer`] and passes its
//! [`Visibility`] to the store; nothing else decides what a caller sees.
//! Until accounts exist every caller is the public: confidential records
//! are never shown, listed or counted.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use vigil_core::Record;
use vigil_store::Visibility;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub visibility: Visibility,
}

impl Viewer {
    pub const PUBLIC: Viewer = Viewer {
        visibility: Visibility::Public,
    };

    /// May this viewer see `record` at all?
    pub fn may_see(&self, record: &Record) -> bool {
        !record.is_confidential() || self.visibility.includes_confidential()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Viewer::PUBLIC)
    }
}
