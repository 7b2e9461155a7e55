//! Accounts, API tokens and login sessions.
//!
//! The store keeps only what it must: an argon2 hash of each password
//! (hashed by the caller), a SHA-256 of each API token and of each session
//! id, never the secrets themselves.

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

pub trait Accounts: Clone + Send + Sync + 'static {
    /// [`crate::StoreError::Conflict`]-like error if the name is taken.
    fn add_account(
        &self,
        name: &UserName,
        role: AccountRole,
        password_hash: &str,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Disables (or re-enables) an account; a disabled account's sessions
    /// and tokens stop working at once. NotFound for an unknown name.
    fn set_disabled(&self, name: &UserName, disabled: bool) -> impl Future<Output = Result<()>> + Send;

    /// An account and its password hash.
    fn account(&self, name: &UserName) -> impl Future<Output = Result<Option<(Account, String)>>> + Send;

    fn accounts(&self) -> impl Future<Output = Result<Vec<Account>>> + Send;

    fn add_token(&self, name: &UserName, token_hash: &str) -> impl Future<Output = Result<()>> + Send;

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
