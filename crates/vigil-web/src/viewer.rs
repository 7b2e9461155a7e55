//! Who is asking, as a request extractor.
//!
//! The authorisation gate ([`crate::auth::gate`]) puts a [`Viewer`] on every
//! request; handlers hand it to the application (`vigil_app`), which passes
//! its visibility to the store. This is `vigil_app::Viewer` with what HTTP
//! adds: extraction from the request, and the gate's 401/403.

use std::ops::Deref;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use vigil_core::AccountRole;
use vigil_store::Account;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer(pub vigil_app::Viewer);

impl Viewer {
    pub const PUBLIC: Viewer = Viewer(vigil_app::Viewer::PUBLIC);

    pub fn signed_in(account: Account, csrf: Option<String>) -> Self {
        Viewer(vigil_app::Viewer::signed_in(account, csrf))
    }

    /// 401 without an account, 403 with one whose role lacks `allowed`.
    pub(crate) fn require(
        &self,
        allowed: impl Fn(AccountRole) -> bool,
        refusal: &'static str,
    ) -> Result<(), (StatusCode, &'static str)> {
        match self.role() {
            None => Err((StatusCode::UNAUTHORIZED, "sign in first")),
            Some(role) if allowed(role) => Ok(()),
            Some(_) => Err((StatusCode::FORBIDDEN, refusal)),
        }
    }
}

impl Deref for Viewer {
    type Target = vigil_app::Viewer;

    fn deref(&self) -> &vigil_app::Viewer {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Viewer>().cloned().unwrap_or(Viewer::PUBLIC))
    }
}

/// Who made a change is for signed-in colleagues to know: a documentalist's
/// name on a public page can put them at risk.
pub(crate) fn shown_author(viewer: &Viewer, r: &vigil_store::Revision) -> String {
    if viewer.account.is_some() {
        r.author.clone()
    } else {
        viewer.tr("history-an-editor")
    }
}
