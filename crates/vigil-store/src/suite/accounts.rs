//! Accounts, API tokens and sessions.

use vigil_core::{AccountRole, UserName};

use crate::{Accounts, Store, StoreError};

pub async fn accounts_tokens_and_sessions<S: Store + Accounts>(store: &S) {
    let ana = UserName::parse("ana@union.example").expect("name");
    store
        .add_account(&ana, AccountRole::Editor, "$argon2id$fake")
        .await
        .expect("add");
    assert!(
        store.add_account(&ana, AccountRole::Reader, "x").await.is_err(),
        "names are unique"
    );
    let (account, hash) = store.account(&ana).await.expect("read").expect("exists");
    assert_eq!(
        (account.role, account.disabled, hash.as_str()),
        (AccountRole::Editor, false, "$argon2id$fake")
    );

    store.add_token(&ana, "tokenhash").await.expect("token");
    assert_eq!(
        store
            .account_by_token("tokenhash")
            .await
            .expect("by token")
            .map(|a| a.name),
        Some(ana.clone())
    );
    assert_eq!(store.account_by_token("other").await.expect("by token"), None);

    let later = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    store.create_session("s1", &ana, "csrf1", later).await.expect("session");
    let s = store.session("s1").await.expect("session").expect("live");
    assert_eq!(s.csrf_token, "csrf1");
    let past = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    store
        .create_session("s-old", &ana, "csrf2", past)
        .await
        .expect("session");
    assert_eq!(store.session("s-old").await.expect("session"), None, "expired");

    store.set_disabled(&ana, true).await.expect("disable");
    assert_eq!(
        store.session("s1").await.expect("session"),
        None,
        "a disabled account's sessions end"
    );
    assert_eq!(store.account_by_token("tokenhash").await.expect("by token"), None);
    store.set_disabled(&ana, false).await.expect("enable");
    assert!(store.account_by_token("tokenhash").await.expect("by token").is_some());
    let nobody = UserName::parse("nobody").expect("name");
    assert!(matches!(
        store.set_disabled(&nobody, true).await,
        Err(StoreError::NotFound { .. })
    ));

    store.create_session("s2", &ana, "c", later).await.expect("session");
    store.delete_session("s2").await.expect("logout");
    assert_eq!(store.session("s2").await.expect("session"), None);
    assert_eq!(store.accounts().await.expect("list").len(), 1);
}
