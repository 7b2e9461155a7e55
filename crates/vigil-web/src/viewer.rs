//! Who is asking, and what they may see.
//!
//! The authorisation gate ([`crate::auth::gate`]) puts a [`Viewer`] on every
//! request; handlers pass its [`Visibility`] to the store, which withholds
//! what the viewer may not see. Nothing else decides it.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use vigil_core::AccountRole;
use vigil_store::{Account, Visibility};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub visibility: Visibility,
    pub account: Option<Account>,
    /// The session's CSRF token, for the forms of its pages.
    pub csrf: Option<String>,
}

impl Viewer {
    pub const PUBLIC: Viewer = Viewer {
        visibility: Visibility::Public,
        account: None,
        csrf: None,
    };

    pub fn signed_in(account: Account, csrf: Option<String>) -> Self {
        let visibility = if account.role.may_read_confidential() {
            Visibility::Confidential
        } else {
            Visibility::Public
        };
        Self {
            visibility,
            account: Some(account),
            csrf,
        }
    }

    pub fn role(&self) -> Option<AccountRole> {
        self.account.as_ref().map(|a| a.role)
    }

    pub fn may_write(&self) -> bool {
        self.role().is_some_and(AccountRole::may_write)
    }

    pub fn may_read_confidential(&self) -> bool {
        self.visibility.includes_confidential()
    }

    /// The name revisions record as author.
    pub fn author(&self) -> String {
        self.account
            .as_ref()
            .map_or_else(|| "anonymous".to_owned(), |a| a.name.to_string())
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
        "an editor".to_owned()
    }
}
