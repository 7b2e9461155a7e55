//! Accounts, API tokens and login sessions.
//!
//! The store keeps only what it must: an argon2 hash of each password
//! (hashed by the caller), a SHA-256 of each API token and of each session
//! id, never the secrets themselves.
//!
//! Every change to an account or a token goes through
//! [`Accounts::change_account`], which writes the change and a line of the
//! account audit log in one transaction: who did what to whom, and when.

use std::future::Future;

use vigil_core::{AccountRole, UserName};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Account {
    pub name: UserName,
    pub role: AccountRole,
    pub disabled: bool,
}

/// A live login session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account: Account,
    /// The token every form of this session must carry.
    pub csrf_token: String,
}

/// How many hex digits of a token's hash name it in lists and in
/// `vigil token revoke`: enough to tell tokens apart, and no help to
/// anyone guessing the token (the hash cannot be turned back).
pub const TOKEN_ID_LEN: usize = 12;

/// An API token as administrators see it: never the token, nor its hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenInfo {
    /// The first [`TOKEN_ID_LEN`] hex digits of the token's hash.
    pub id: String,
    pub account: UserName,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
}

/// A change to an account or its tokens, as [`Accounts::change_account`]
/// makes it and the audit log records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountChange {
    /// A new account. Invalid (field `name`) if the name is taken.
    Add {
        name: UserName,
        role: AccountRole,
        password_hash: String,
        /// For a device account, what HTTP Digest checks (kept sealed).
        digest: Option<DigestSecret>,
    },
    /// Disables an account: its sessions end and its tokens stop working.
    Disable(UserName),
    Enable(UserName),
    /// A new role, in force from the next request (sessions carry none).
    Role {
        name: UserName,
        role: AccountRole,
    },
    /// A new password hash; every session of the account ends. The
    /// account's [`DigestSecret`] is replaced by `digest` (none: removed).
    Password {
        name: UserName,
        password_hash: String,
        digest: Option<DigestSecret>,
    },
    IssueToken {
        name: UserName,
        token_hash: String,
    },
    /// Revokes the one token whose id is `id`.
    RevokeToken {
        id: String,
    },
}

impl AccountChange {
    /// The word the audit log keeps for this change.
    pub fn action(&self) -> &'static str {
        match self {
            AccountChange::Add { .. } => "add",
            AccountChange::Disable(_) => "disable",
            AccountChange::Enable(_) => "enable",
            AccountChange::Role { .. } => "role",
            AccountChange::Password { .. } => "password",
            AccountChange::IssueToken { .. } => "issue-token",
            AccountChange::RevokeToken { .. } => "revoke-token",
        }
    }

    /// What the audit log says beside the action: never a secret or a
    /// hash, only a role or a token's id.
    pub fn detail(&self) -> String {
        match self {
            AccountChange::Add { role, .. } | AccountChange::Role { role, .. } => role.as_str().to_owned(),
            AccountChange::IssueToken { token_hash, .. } => token_id(token_hash).to_owned(),
            AccountChange::RevokeToken { id } => id.clone(),
            AccountChange::Disable(_) | AccountChange::Enable(_) | AccountChange::Password { .. } => String::new(),
        }
    }
}

/// What HTTP Digest authentication (RFC 7616) checks a device account's
/// password against: its HA1, `H(name ":" realm ":" password)`, under MD5
/// and under SHA-256. Each opens the account as the password does, so it
/// is kept sealed under the case file's key ([`digest_aad`]), made only
/// for device accounts, and never shown: its `Debug` says nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct DigestSecret {
    pub md5: [u8; 16],
    pub sha256: [u8; 32],
}

impl std::fmt::Debug for DigestSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DigestSecret(..)")
    }
}

impl DigestSecret {
    /// The bytes sealed: the MD5 HA1, then the SHA-256 one.
    pub fn to_bytes(&self) -> Vec<u8> {
        [&self.md5[..], &self.sha256[..]].concat()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != 48 {
            return None;
        }
        let mut md5 = [0u8; 16];
        let mut sha256 = [0u8; 32];
        md5.copy_from_slice(&bytes[..16]);
        sha256.copy_from_slice(&bytes[16..]);
        Some(Self { md5, sha256 })
    }
}

/// What a device account's sealed [`DigestSecret`] is bound to.
pub fn digest_aad(name: &str) -> Vec<u8> {
    format!("device-digest:{name}").into_bytes()
}

/// A device account's digest secret as stored, sealed (for copies
/// between backends, which never open it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredDeviceDigest {
    pub name: String,
    #[serde(with = "crate::transfer::json::bytes")]
    pub sealed: Vec<u8>,
    /// Microseconds since the epoch.
    pub updated_at: i64,
}

/// A token's id: the start of its hash.
pub fn token_id(token_hash: &str) -> &str {
    token_hash.get(..TOKEN_ID_LEN).unwrap_or(token_hash)
}

/// One line of the account audit log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AccountAudit {
    pub id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    /// Who made the change: an account's name, or `cli:<user>` for the
    /// command line.
    pub actor: String,
    /// The account changed.
    pub account: UserName,
    pub action: String,
    pub detail: String,
}

pub trait Accounts: Clone + Send + Sync + 'static {
    /// Makes `change` on behalf of `actor` and records it in the audit log,
    /// in one transaction. Returns the account changed. NotFound for an
    /// unknown account or token id; Invalid for a name already taken.
    fn change_account(&self, change: &AccountChange, actor: &str) -> impl Future<Output = Result<UserName>> + Send;

    /// Adds an account (an audited [`AccountChange::Add`] by `vigil`).
    fn add_account(
        &self,
        name: &UserName,
        role: AccountRole,
        password_hash: &str,
    ) -> impl Future<Output = Result<()>> + Send {
        let change = AccountChange::Add {
            name: name.clone(),
            role,
            password_hash: password_hash.to_owned(),
            digest: None,
        };
        async move { self.change_account(&change, "vigil").await.map(drop) }
    }

    /// Disables (or re-enables) an account (audited, by `vigil`); a
    /// disabled account's sessions and tokens stop working at once.
    /// NotFound for an unknown name.
    fn set_disabled(&self, name: &UserName, disabled: bool) -> impl Future<Output = Result<()>> + Send {
        let change = if disabled {
            AccountChange::Disable(name.clone())
        } else {
            AccountChange::Enable(name.clone())
        };
        async move { self.change_account(&change, "vigil").await.map(drop) }
    }

    /// An account's tokens, oldest first (NotFound for an unknown account).
    fn tokens(&self, name: &UserName) -> impl Future<Output = Result<Vec<TokenInfo>>> + Send;

    /// The account audit log, newest first, at most `limit` lines.
    fn account_audit(&self, limit: u32) -> impl Future<Output = Result<Vec<AccountAudit>>> + Send;

    /// An account and its password hash.
    fn account(&self, name: &UserName) -> impl Future<Output = Result<Option<(Account, String)>>> + Send;

    /// A device account's [`DigestSecret`], unsealed; `None` when it has
    /// none (an account whose password was set before Digest was offered,
    /// or not a device's).
    fn device_digest(&self, name: &UserName) -> impl Future<Output = Result<Option<DigestSecret>>> + Send;

    fn accounts(&self) -> impl Future<Output = Result<Vec<Account>>> + Send;

    /// Adds a token (an audited [`AccountChange::IssueToken`] by `vigil`).
    fn add_token(&self, name: &UserName, token_hash: &str) -> impl Future<Output = Result<()>> + Send {
        let change = AccountChange::IssueToken {
            name: name.clone(),
            token_hash: token_hash.to_owned(),
        };
        async move { self.change_account(&change, "vigil").await.map(drop) }
    }

    /// The enabled account owning a token.
    fn account_by_token(&self, token_hash: &str) -> impl Future<Output = Result<Option<Account>>> + Send;

    fn create_session(
        &self,
        session_hash: &str,
        name: &UserName,
        csrf_token: &str,
        expires_at: time::OffsetDateTime,
    ) -> impl Future<Output = Result<()>> + Send;

    /// A session that has not expired, of an enabled account.
    fn session(&self, session_hash: &str) -> impl Future<Output = Result<Option<Session>>> + Send;

    fn delete_session(&self, session_hash: &str) -> impl Future<Output = Result<()>> + Send;
}
