//! Who may do what. The rules live here, pure, so that the web layer's one
//! authorisation check and the CLI agree.
//!
//! Roles are cumulative: a `reader` reads public records; an `editor` also
//! writes; a `confidential_reader` is an editor who also reads (and edits)
//! confidential records and fields; an `admin` can do everything and also
//! manages accounts.
//!
//! A `device` is apart: a phone running ODK Collect, KoboCollect or Tella.
//! It may list Vigil's forms and send reports over OpenRosa, and nothing
//! else: it reads nothing, not even public records, through its account.

use serde::{Deserialize, Serialize};

use crate::vocab::AccountRole;

impl AccountRole {
    fn rank(self) -> u8 {
        match self {
            AccountRole::Device | AccountRole::Reader => 0,
            AccountRole::Editor => 1,
            AccountRole::ConfidentialReader => 2,
            AccountRole::Admin => 3,
        }
    }

    pub fn may_write(self) -> bool {
        self.rank() >= AccountRole::Editor.rank()
    }

    pub fn may_read_confidential(self) -> bool {
        self.rank() >= AccountRole::ConfidentialReader.rank()
    }

    pub fn may_manage_accounts(self) -> bool {
        self == AccountRole::Admin
    }

    /// Whether the account may use Vigil at all beyond the OpenRosa
    /// endpoints (a device may not).
    pub fn may_browse(self) -> bool {
        self != AccountRole::Device
    }

    /// Whether the account may list forms and send reports over OpenRosa.
    pub fn may_submit_reports(self) -> bool {
        self == AccountRole::Device
    }
}

/// An account's login name: 2–64 characters of lowercase letters, digits,
/// `.`, `_`, `-` and `@` (an email address works).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UserName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a user name is 2–64 characters: lowercase letters, digits, '.', '_', '-', '@'")]
pub struct UserNameError;

impl UserName {
    pub fn parse(s: &str) -> Result<Self, UserNameError> {
        let ok = (2..=64).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-' | b'@'));
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(UserNameError)
        }
    }
}

text_newtype!(UserName, UserNameError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_cumulative() {
        use AccountRole::*;
        assert!(!Reader.may_write() && !Reader.may_read_confidential());
        assert!(Editor.may_write() && !Editor.may_read_confidential());
        assert!(ConfidentialReader.may_write() && ConfidentialReader.may_read_confidential());
        assert!(!ConfidentialReader.may_manage_accounts());
        assert!(Admin.may_write() && Admin.may_read_confidential() && Admin.may_manage_accounts());
    }

    #[test]
    fn a_device_only_submits() {
        use AccountRole::*;
        assert!(Device.may_submit_reports() && !Device.may_browse());
        assert!(!Device.may_write() && !Device.may_read_confidential() && !Device.may_manage_accounts());
        for role in [Reader, Editor, ConfidentialReader, Admin] {
            assert!(role.may_browse() && !role.may_submit_reports(), "{role:?}");
        }
    }

    #[test]
    fn user_names() {
        assert!(UserName::parse("ana@union.example").is_ok());
        assert!(UserName::parse("a").is_err());
        assert!(UserName::parse("Ana").is_err());
        assert!(UserName::parse("ana smith").is_err());
    }
}
