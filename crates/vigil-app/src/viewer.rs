//! Who is asking, and what they may see.
//!
//! The web layer's gate makes a [`Viewer`] for every request; the
//! application passes its [`Visibility`] to the store, which withholds what
//! the viewer may not see. Nothing else decides it.

use vigil_core::AccountRole;
use vigil_store::{Account, Visibility};

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub visibility: Visibility,
    pub account: Option<Account>,
    /// The session's CSRF token, for the forms of its pages.
    pub csrf: Option<String>,
    /// The language the viewer reads.
    pub lang: Lang,
}

impl Viewer {
    pub const PUBLIC: Viewer = Viewer {
        visibility: Visibility::Public,
        account: None,
        csrf: None,
        lang: Lang::En,
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
            lang: Lang::En,
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

    /// The message `key` in the viewer's language.
    pub fn tr(&self, key: &str) -> String {
        self.lang.tr(key)
    }

    /// The name revisions record as author.
    pub fn author(&self) -> String {
        self.account
            .as_ref()
            .map_or_else(|| "anonymous".to_owned(), |a| a.name.to_string())
    }
}
