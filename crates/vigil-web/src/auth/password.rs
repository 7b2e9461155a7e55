//! A name and a password checked, for every way of signing in (the sign-in
//! form, a device's HTTP Basic credentials): the same timing whether or not
//! the account exists, and the throttle told how it went.

use vigil_core::UserName;
use vigil_store::{Account, Accounts, Store, StoreError};

use super::credentials;
use crate::AppState;

/// The enabled account `name_key` (a name as typed, trimmed and in lower
/// case) whose password is `password`, or `None`; a failure counts against
/// the name and the `address` in the throttle, a success clears them.
pub async fn check<S: Store + Accounts>(
    app: &AppState<S>,
    name_key: &str,
    address: &str,
    password: String,
) -> Result<Option<Account>, StoreError> {
    let account = match UserName::parse(name_key) {
        Ok(name) => app.store.account(&name).await?,
        Err(_) => None,
    };
    // Verify against a decoy when there is no such account, so the answer
    // takes as long either way.
    let hash = account
        .as_ref()
        .map_or(credentials::decoy_hash(), |(_, h)| h.as_str())
        .to_owned();
    let matches = tokio::task::spawn_blocking(move || credentials::verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    match account {
        Some((account, _)) if matches && !account.disabled => {
            app.throttle.succeeded(name_key, address);
            Ok(Some(account))
        }
        _ => {
            app.throttle.failed(name_key, address);
            Ok(None)
        }
    }
}
