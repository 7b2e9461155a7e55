//! Accounts, API tokens and sessions.

use vigil_core::{AccountRole, UserName};

use crate::{AccountChange, Accounts, DigestSecret, Store, StoreError, TOKEN_ID_LEN};

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

pub async fn account_changes_are_audited_in_the_same_transaction<S: Store + Accounts>(store: &S) {
    let ana = UserName::parse("ana").expect("name");
    let add = AccountChange::Add {
        name: ana.clone(),
        role: AccountRole::Reader,
        password_hash: "$argon2id$one".into(),
        digest: None,
    };
    store.change_account(&add, "root").await.expect("add");
    assert!(store.change_account(&add, "root").await.is_err(), "names are unique");
    let role = AccountChange::Role {
        name: ana.clone(),
        role: AccountRole::Editor,
    };
    store.change_account(&role, "root").await.expect("role");
    let later = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    store.create_session("s1", &ana, "c", later).await.expect("session");
    let password = AccountChange::Password {
        name: ana.clone(),
        password_hash: "$argon2id$two".into(),
        digest: None,
    };
    store.change_account(&password, "cli:ops").await.expect("password");
    let (account, hash) = store.account(&ana).await.expect("read").expect("exists");
    assert_eq!((account.role, hash.as_str()), (AccountRole::Editor, "$argon2id$two"));
    assert_eq!(
        store.session("s1").await.expect("session"),
        None,
        "a new password ends sessions"
    );

    let hash_a = "a".repeat(64);
    let hash_b = format!("{}{}", "a".repeat(TOKEN_ID_LEN - 1), "b".repeat(64 - TOKEN_ID_LEN + 1));
    for token_hash in [&hash_a, &hash_b] {
        let issue = AccountChange::IssueToken {
            name: ana.clone(),
            token_hash: token_hash.clone(),
        };
        store.change_account(&issue, "root").await.expect("token");
    }
    let tokens = store.tokens(&ana).await.expect("tokens");
    let ids: Vec<&str> = tokens.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&&hash_a[..TOKEN_ID_LEN]) && ids.contains(&&hash_b[..TOKEN_ID_LEN]));
    let nobody = UserName::parse("nobody").expect("name");
    assert!(matches!(store.tokens(&nobody).await, Err(StoreError::NotFound { .. })));

    // A token is revoked by its id alone; a pattern or a prefix is no id.
    for bad in ["%", "aaaa", &"a".repeat(TOKEN_ID_LEN + 1), "AAAAAAAAAAAA"] {
        let revoke = AccountChange::RevokeToken { id: bad.to_owned() };
        assert!(
            matches!(
                store.change_account(&revoke, "root").await,
                Err(StoreError::NotFound { .. })
            ),
            "{bad}"
        );
    }
    let revoke = AccountChange::RevokeToken {
        id: hash_a[..TOKEN_ID_LEN].to_owned(),
    };
    assert_eq!(store.change_account(&revoke, "root").await.expect("revoke"), ana);
    assert_eq!(store.account_by_token(&hash_a).await.expect("by token"), None);
    assert!(store.account_by_token(&hash_b).await.expect("by token").is_some());

    // A refused change leaves no line; each made one leaves exactly one.
    let unknown = AccountChange::Disable(nobody.clone());
    assert!(store.change_account(&unknown, "root").await.is_err());
    let audit = store.account_audit(100).await.expect("audit");
    let lines: Vec<(&str, &str, &str, &str)> = audit
        .iter()
        .rev()
        .map(|a| {
            (
                a.actor.as_str(),
                a.action.as_str(),
                a.account.as_str(),
                a.detail.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("root", "add", "ana", "reader"),
            ("root", "role", "ana", "editor"),
            ("cli:ops", "password", "ana", ""),
            ("root", "issue-token", "ana", &hash_a[..TOKEN_ID_LEN]),
            ("root", "issue-token", "ana", &hash_b[..TOKEN_ID_LEN]),
            ("root", "revoke-token", "ana", &hash_a[..TOKEN_ID_LEN]),
        ]
    );
    assert_eq!(
        store.account_audit(2).await.expect("audit").len(),
        2,
        "the newest first, limited"
    );
    assert_eq!(store.account_audit(2).await.expect("audit")[0].action, "revoke-token");
}

pub async fn a_device_digest_is_kept_sealed_and_goes_with_its_password<S: Store + Accounts>(store: &S) {
    let phone = UserName::parse("phone-1").expect("name");
    let first = DigestSecret {
        md5: [1; 16],
        sha256: [2; 32],
    };
    let add = AccountChange::Add {
        name: phone.clone(),
        role: AccountRole::Device,
        password_hash: "$argon2id$one".into(),
        digest: Some(first.clone()),
    };
    store.change_account(&add, "root").await.expect("add");
    assert_eq!(store.device_digest(&phone).await.expect("read"), Some(first));
    assert_eq!(
        format!("{:?}", store.device_digest(&phone).await.expect("read")),
        "Some(DigestSecret(..))"
    );
    // A new password brings its own digest, in the place of the old one.
    let second = DigestSecret {
        md5: [3; 16],
        sha256: [4; 32],
    };
    let password = AccountChange::Password {
        name: phone.clone(),
        password_hash: "$argon2id$two".into(),
        digest: Some(second.clone()),
    };
    store.change_account(&password, "root").await.expect("password");
    assert_eq!(store.device_digest(&phone).await.expect("read"), Some(second.clone()));
    // A refused change leaves it: an unknown account's password, a name taken.
    let nobody = UserName::parse("nobody").expect("name");
    let unknown = AccountChange::Password {
        name: nobody.clone(),
        password_hash: "$argon2id$x".into(),
        digest: Some(DigestSecret {
            md5: [9; 16],
            sha256: [9; 32],
        }),
    };
    assert!(store.change_account(&unknown, "root").await.is_err());
    assert_eq!(store.device_digest(&nobody).await.expect("read"), None);
    assert!(store.change_account(&add, "root").await.is_err());
    assert_eq!(store.device_digest(&phone).await.expect("read"), Some(second));
    // A password set without one (an account no longer a device's): none.
    let plain = AccountChange::Password {
        name: phone.clone(),
        password_hash: "$argon2id$three".into(),
        digest: None,
    };
    store.change_account(&plain, "root").await.expect("password");
    assert_eq!(store.device_digest(&phone).await.expect("read"), None);
    // An account added without one (as before Digest) has none.
    let old = UserName::parse("old-phone").expect("name");
    store
        .add_account(&old, AccountRole::Device, "$argon2id$old")
        .await
        .expect("add");
    assert_eq!(store.device_digest(&old).await.expect("read"), None);
}
