//! Administering accounts and API tokens: adding, disabling, changing a
//! role or a password, issuing and revoking tokens, and reading the audit
//! log. The command line and the admin pages both come here, so the rules
//! (who may, which passwords, what is recorded) are the same for both.
//!
//! Every change is made by an [`Administrator`] and recorded with them in
//! the account audit log, in the same transaction as the change.

use vigil_core::{AccountRole, UserName};
use vigil_store::{Account, AccountAudit, AccountChange, Accounts, StoreError, TokenInfo};

use crate::credentials;
use crate::{AppError, Result, Viewer};

/// Someone entitled to administer accounts: an admin signed in, or whoever
/// runs the command line on the server (they hold the data folder anyway).
/// Only [`Administrator::signed_in`] and [`Administrator::console`] make
/// one, so no function here can be reached without that right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Administrator {
    /// What the audit log records as the actor.
    actor: String,
    /// The admin's own account, when signed in: they may not lock
    /// themselves out.
    account: Option<UserName>,
}

impl Administrator {
    /// The viewer, if they are an admin.
    pub fn signed_in(viewer: &Viewer) -> Result<Self> {
        match &viewer.account {
            Some(a) if a.role.may_manage_accounts() => Ok(Self {
                actor: a.name.to_string(),
                account: Some(a.name.clone()),
            }),
            _ => Err(AppError::forbidden(
                "only administrators manage accounts; ask one of them to change your role",
            )),
        }
    }

    /// The command line, run by the operating-system user `os_user`.
    pub fn console(os_user: &str) -> Self {
        let who: String = os_user
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .take(64)
            .collect();
        Self {
            actor: format!("cli:{}", if who.is_empty() { "unknown" } else { &who }),
            account: None,
        }
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    fn is_self(&self, name: &UserName) -> bool {
        self.account.as_ref() == Some(name)
    }
}

/// A user name as typed, or why it is not one.
pub fn user_name(s: &str) -> Result<UserName> {
    UserName::parse(s.trim()).map_err(|e| AppError::malformed("name", e.to_string()))
}

/// A role as typed (`reader`, `editor`, `confidential_reader`, `admin`).
pub fn role(s: &str) -> Result<AccountRole> {
    s.trim().parse::<AccountRole>().map_err(|_| {
        let all: Vec<&str> = AccountRole::ALL.iter().map(|r| r.as_str()).collect();
        AppError::malformed("role", format!("a role is one of: {}", all.join(", ")))
    })
}

/// A password hash for `password`, or why the password will not do.
/// Hashing is slow on purpose, so it runs off the async threads.
async fn password_hash(password: String) -> Result<String> {
    credentials::check_password(&password).map_err(|why| AppError::malformed("password", why))?;
    tokio::task::spawn_blocking(move || credentials::hash_password(&password))
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|_| AppError::Internal)
}

async fn change(store: &impl Accounts, by: &Administrator, change: AccountChange) -> Result<UserName> {
    let name = store.change_account(&change, by.actor()).await.map_err(|e| match e {
        StoreError::NotFound { kind, id } => AppError::not_found(kind, &id),
        e => AppError::from(e),
    })?;
    tracing::info!(account = %name, action = change.action(), by = by.actor(), "account changed");
    Ok(name)
}

pub async fn list(store: &impl Accounts) -> Result<Vec<Account>> {
    Ok(store.accounts().await?)
}

pub async fn add(
    store: &impl Accounts,
    by: &Administrator,
    name: &UserName,
    role: AccountRole,
    password: String,
) -> Result<()> {
    let digest = (role == AccountRole::Device).then(|| credentials::digest_secret(name, &password));
    let password_hash = password_hash(password).await?;
    let add = AccountChange::Add {
        name: name.clone(),
        role,
        password_hash,
        digest,
    };
    match change(store, by, add).await {
        Err(AppError::Store(StoreError::Invalid(_))) => Err(AppError::Invalid(vec![vigil_core::FieldError::new(
            "name",
            "that name is taken",
        )])),
        other => other.map(drop),
    }
}

pub async fn set_disabled(store: &impl Accounts, by: &Administrator, name: &UserName, disabled: bool) -> Result<()> {
    if disabled && by.is_self(name) {
        return Err(AppError::conflict("self", "you cannot disable your own account"));
    }
    let what = if disabled {
        AccountChange::Disable(name.clone())
    } else {
        AccountChange::Enable(name.clone())
    };
    change(store, by, what).await.map(drop)
}

pub async fn set_role(store: &impl Accounts, by: &Administrator, name: &UserName, role: AccountRole) -> Result<()> {
    if by.is_self(name) && !role.may_manage_accounts() {
        return Err(AppError::conflict(
            "self",
            "you cannot take away your own administrator role; ask another administrator",
        ));
    }
    change(
        store,
        by,
        AccountChange::Role {
            name: name.clone(),
            role,
        },
    )
    .await
    .map(drop)
}

/// Sets a new password; every session of the account ends. A device
/// account gets the digest secret of the new password (HTTP Digest); any
/// other loses any it had.
pub async fn set_password(store: &impl Accounts, by: &Administrator, name: &UserName, password: String) -> Result<()> {
    let is_device = store
        .account(name)
        .await?
        .is_some_and(|(a, _)| a.role == AccountRole::Device);
    let digest = is_device.then(|| credentials::digest_secret(name, &password));
    let password_hash = password_hash(password).await?;
    change(
        store,
        by,
        AccountChange::Password {
            name: name.clone(),
            password_hash,
            digest,
        },
    )
    .await
    .map(drop)
}

/// Issues a token for an enabled account and returns it: the only time it
/// is seen, since only its hash is kept.
pub async fn issue_token(store: &impl Accounts, by: &Administrator, name: &UserName) -> Result<String> {
    match store.account(name).await? {
        Some((account, _)) if !account.disabled => {}
        Some(_) => {
            return Err(AppError::conflict(
                "disabled",
                format!("the account {name} is disabled"),
            ))
        }
        None => return Err(AppError::not_found("account", name.as_str())),
    }
    let token = credentials::random_token();
    let token_hash = credentials::digest(&token);
    change(
        store,
        by,
        AccountChange::IssueToken {
            name: name.clone(),
            token_hash,
        },
    )
    .await?;
    Ok(token)
}

pub async fn tokens(store: &impl Accounts, name: &UserName) -> Result<Vec<TokenInfo>> {
    store.tokens(name).await.map_err(|e| match e {
        StoreError::NotFound { kind, id } => AppError::not_found(kind, &id),
        e => AppError::from(e),
    })
}

/// Revokes the token with this id (as [`tokens`] lists it); returns whose
/// it was.
pub async fn revoke_token(store: &impl Accounts, by: &Administrator, id: &str) -> Result<UserName> {
    change(
        store,
        by,
        AccountChange::RevokeToken {
            id: id.trim().to_owned(),
        },
    )
    .await
}

/// The newest `limit` lines of the audit log.
pub async fn audit(store: &impl Accounts, limit: u32) -> Result<Vec<AccountAudit>> {
    Ok(store.account_audit(limit).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_administer() {
        let account = |role| Account {
            name: UserName::parse("ana").expect("name"),
            role,
            disabled: false,
        };
        for role in [
            AccountRole::Reader,
            AccountRole::Editor,
            AccountRole::ConfidentialReader,
        ] {
            let viewer = Viewer::signed_in(account(role), None);
            assert!(matches!(Administrator::signed_in(&viewer), Err(AppError::Forbidden(_))));
        }
        assert!(Administrator::signed_in(&Viewer::PUBLIC).is_err());
        let admin = Administrator::signed_in(&Viewer::signed_in(account(AccountRole::Admin), None)).expect("admin");
        assert_eq!(admin.actor(), "ana");
    }

    #[test]
    fn the_console_is_named_by_its_user_without_odd_characters() {
        assert_eq!(Administrator::console("root").actor(), "cli:root");
        assert_eq!(Administrator::console("a\nb c").actor(), "cli:abc");
        assert_eq!(Administrator::console("").actor(), "cli:unknown");
    }

    #[test]
    fn roles_read_as_typed_and_a_bad_one_lists_them() {
        assert_eq!(role(" editor ").expect("role"), AccountRole::Editor);
        let AppError::Malformed { message, .. } = role("boss").expect_err("no such role") else {
            panic!("malformed");
        };
        assert!(message.contains("confidential_reader"), "{message}");
    }
}
