//! Campaigns, signatures, invalidations and the mail queue.

use crate::campaigns::{Campaigns, Filter, Mail, NewSignature, Op, Outcome};
use crate::{Accounts, Store, StoreError};

fn test_campaign(slug: &str) -> vigil_core::campaign::Campaign {
    serde_json::from_value(serde_json::json!({
        "slug": slug,
        "persons": ["erlan-baltabay"],
        "versions": [{"language": "en", "title": "Free him", "text": "t", "message": "m"}],
        "state": "open"
    }))
    .expect("a campaign")
}

fn signature(slug: &str, email: &str, secret: &[u8]) -> Op {
    use sha2::Digest;
    Op::Sign(Box::new(NewSignature {
        id: crate::campaigns::random_hex(),
        campaign: vigil_core::campaign::Slug::parse(slug).unwrap(),
        name: format!("Name of {email}"),
        email: vigil_core::campaign::Email::parse(email).unwrap(),
        organisation: None,
        country: vigil_core::campaign::Country::parse("KZ").unwrap(),
        language: vigil_core::campaign::Language::parse("en").unwrap(),
        opt_in: None,
        named: true,
        ip: Some("203.0.113.7".parse().unwrap()),
        token_hash: sha2::Sha256::digest(secret).into(),
        token_expires_at: crate::now() + time::Duration::days(7),
        mail: Mail {
            to: email.to_owned(),
            subject: "Confirm".into(),
            body: "link".into(),
            unsubscribe: None,
        },
        sealed: None,
    }))
}

fn sign_id(op: &Op) -> String {
    match op {
        Op::Sign(s) => s.id.clone(),
        Op::Confirm { .. } => unreachable!(),
    }
}

fn confirm(slug: &str, id: &str, secret: &[u8]) -> Op {
    use sha2::Digest;
    Op::Confirm {
        campaign: vigil_core::campaign::Slug::parse(slug).unwrap(),
        id: id.to_owned(),
        token_hash: sha2::Sha256::digest(secret).into(),
    }
}

pub async fn campaigns_take_one_signature_per_person_and_confirm_once<S: Store + Accounts + Campaigns>(store: &S) {
    let c = test_campaign("suite-camp");
    store.create_campaign(&c, "ed").await.expect("created");
    assert!(
        matches!(store.create_campaign(&c, "ed").await, Err(StoreError::Invalid(_))),
        "slug taken"
    );
    let a = signature("suite-camp", "A.B+x@gmail.com", b"s1");
    let b = signature("suite-camp", "c@example.org", b"s2");
    let a_again = signature("suite-camp", "ab@googlemail.com", b"s3");
    let (ida, idb) = (sign_id(&a), sign_id(&b));
    let out = store.apply(vec![a, b, a_again]).await.expect("batch");
    assert_eq!(out, [Outcome::Signed, Outcome::Signed, Outcome::AlreadySigned]);
    assert_eq!(
        store.mail_pending().await.unwrap(),
        2,
        "one confirmation each, queued with the signature"
    );
    // An address that signed in an earlier batch, beside a new one: the
    // new one's row and message go in, the other's do not.
    let out = store
        .apply(vec![
            signature("suite-camp", "c@example.org", b"s4"),
            signature("suite-camp", "d@example.org", b"s5"),
        ])
        .await
        .expect("second batch");
    assert_eq!(out, [Outcome::AlreadySigned, Outcome::Signed]);
    assert_eq!(
        store.mail_pending().await.unwrap(),
        3,
        "a message for the new signature only"
    );
    let out = store
        .apply(vec![
            confirm("suite-camp", &ida, b"wrong"),
            confirm("suite-camp", &ida, b"s1"),
            confirm("suite-camp", &ida, b"s1"),
            confirm("suite-camp", "0123456789abcdef0123456789abcdef", b"s2"),
            confirm("other-camp", &idb, b"s2"),
        ])
        .await
        .expect("confirmations");
    assert_eq!(out[0], Outcome::TokenUnknown);
    assert_eq!(
        out[1],
        Outcome::Confirmed {
            country: "KZ".into(),
            language: "en".into(),
            goal_reached: false,
        }
    );
    assert_eq!(out[2], Outcome::TokenSpent);
    assert_eq!(out[3], Outcome::TokenUnknown);
    assert_eq!(out[4], Outcome::TokenUnknown);
    let t = store.tally("suite-camp").await.unwrap();
    assert_eq!(t.confirmed, 1);
    assert_eq!(t.by_country["KZ"], 1);
    let rows = store.export("suite-camp").await.unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows
        .iter()
        .any(|r| r.email == "A.B+x@gmail.com" && r.confirmed_at.is_some()));
    assert_eq!(
        store
            .named_signers("suite-camp", time::OffsetDateTime::UNIX_EPOCH)
            .await
            .unwrap()
            .len(),
        1
    );
    let mut edited = c.clone();
    edited.goal = Some(5);
    store.update_campaign(&edited, "ed2").await.unwrap();
    assert_eq!(store.campaign("suite-camp").await.unwrap().campaign.goal, Some(5));
    let audit = store.campaign_audit("suite-camp").await.unwrap();
    assert_eq!(
        audit.iter().map(|a| a.author.as_str()).collect::<Vec<_>>(),
        ["ed", "ed2"]
    );
    assert!(matches!(store.campaign("nope").await, Err(StoreError::NotFound { .. })));
}

pub async fn campaign_invalidation_reverts_and_anonymisation_keeps_counts<S: Store + Accounts + Campaigns>(store: &S) {
    let mut c = test_campaign("suite-inval");
    store.create_campaign(&c, "ed").await.unwrap();
    let ops = vec![
        signature("suite-inval", "one@spam.example", b"1"),
        signature("suite-inval", "two@spam.example", b"2"),
        signature("suite-inval", "three@ok.example", b"3"),
    ];
    let confirms: Vec<Op> = ops
        .iter()
        .zip([b"1", b"2", b"3"])
        .map(|(op, s)| confirm("suite-inval", &sign_id(op), s))
        .collect();
    store.apply(ops).await.unwrap();
    store.apply(confirms).await.unwrap();
    let by_domain = Filter {
        domain: Some("spam.example".into()),
        ..Filter::default()
    };
    assert_eq!(store.preview_invalidation("suite-inval", &by_domain).await.unwrap(), 2);
    let by_range = Filter {
        ip_range: Some("203.0.113.0/24".into()),
        ..Filter::default()
    };
    assert_eq!(store.preview_invalidation("suite-inval", &by_range).await.unwrap(), 3);
    let inv = store.invalidate("suite-inval", &by_domain, "admin").await.unwrap();
    assert_eq!(inv.removed, 2);
    let t = store.tally("suite-inval").await.unwrap();
    assert_eq!((t.confirmed, t.invalidated), (1, 2));
    store.revert_invalidation(inv.id, "admin").await.unwrap();
    assert_eq!(store.tally("suite-inval").await.unwrap().confirmed, 3);
    assert!(store.revert_invalidation(inv.id, "admin").await.is_err());
    assert_eq!(
        store.invalidations("suite-inval").await.unwrap()[0]
            .reverted_by
            .as_deref(),
        Some("admin")
    );

    // Closed, then anonymised: the personal data goes, the counts stay.
    c.state = vigil_core::campaign::CampaignState::Closed;
    store.update_campaign(&c, "ed").await.unwrap();
    assert!(store.campaign("suite-inval").await.unwrap().closed_at.is_some());
    let none = store
        .anonymise_closed(crate::now() - time::Duration::days(1))
        .await
        .unwrap();
    assert!(none.is_empty(), "not yet");
    let done = store
        .anonymise_closed(crate::now() + time::Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!((done[0].campaign.as_str(), done[0].signatures), ("suite-inval", 3));
    // Their three confirmations were queued; none is left.
    assert_eq!(done[0].mail.len(), 3, "{:?}", done[0].mail);
    for id in &done[0].mail {
        assert!(store.mail(id).await.unwrap().is_none(), "{id} still has its body");
    }
    assert!(store.export("suite-inval").await.unwrap().is_empty());
    assert_eq!(store.tally("suite-inval").await.unwrap().confirmed, 3);
    assert!(store.campaign("suite-inval").await.unwrap().anonymised_at.is_some());
}

pub async fn the_mail_queue_leases_retries_and_gives_up<S: Store + Accounts + Campaigns>(store: &S) {
    let mail = Mail {
        to: "x@example.org".into(),
        subject: "s".into(),
        body: "b".into(),
        unsubscribe: None,
    };
    let id = store.enqueue_mail(&mail).await.unwrap();
    let lease = time::Duration::minutes(2);
    let got = store.claim_mail(crate::now(), lease, 10).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].mail, mail);
    assert!(
        store.claim_mail(crate::now(), lease, 10).await.unwrap().is_empty(),
        "leased"
    );
    store.mail_failed(&id, "server down", Some(crate::now())).await.unwrap();
    let again = store.claim_mail(crate::now(), lease, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 1);
    assert_eq!(store.mail(&id).await.unwrap(), Some(mail.clone()), "kept while retried");
    store.mail_failed(&id, "still down", None).await.unwrap();
    assert_eq!(store.mail_pending().await.unwrap(), 0, "given up");
    assert_eq!(store.mail(&id).await.unwrap(), None, "a message given up keeps no body");
    let id2 = store.enqueue_mail(&mail).await.unwrap();
    store.claim_mail(crate::now(), lease, 10).await.unwrap();
    store.mail_sent(std::slice::from_ref(&id2)).await.unwrap();
    assert_eq!(store.mail_pending().await.unwrap(), 0);
    assert_eq!(store.mail(&id2).await.unwrap(), None, "a sent message keeps no body");
}

pub async fn campaign_outcomes_milestones_and_partner_links<S: Store + Accounts + Campaigns>(store: &S) {
    use crate::campaigns::Response;
    let mut c = test_campaign("suite-outcome");
    store.create_campaign(&c, "ed").await.unwrap();
    // Two signers of one organisation, one of none, one still unconfirmed.
    let mut ops = vec![
        signature("suite-outcome", "a@union.example", b"a"),
        signature("suite-outcome", "b@union.example", b"b"),
        signature("suite-outcome", "c@other.example", b"c"),
        signature("suite-outcome", "d@other.example", b"d"),
    ];
    for op in &mut ops[..2] {
        if let Op::Sign(s) = op {
            s.organisation = Some("Dock Workers' Union".into());
        }
    }
    let confirms: Vec<Op> = ops[..3]
        .iter()
        .zip([b"a", b"b", b"c"])
        .map(|(op, s)| confirm("suite-outcome", &sign_id(op), s))
        .collect();
    store.apply(ops).await.unwrap();
    store.apply(confirms).await.unwrap();
    let by_org = store.signatures_by_organisation("suite-outcome").await.unwrap();
    assert_eq!(by_org.get("Dock Workers' Union"), Some(&2), "{by_org:?}");
    assert_eq!(by_org.get(""), Some(&1), "{by_org:?}");
    let by_day = store.signatures_by_day("suite-outcome").await.unwrap();
    assert_eq!(by_day, vec![(crate::now().date(), 3)]);

    // Responses and results, each audited.
    let response = Response {
        id: 0,
        target: "The Minister".into(),
        text: "The case is under review.".into(),
        date: "2026-12-01".into(),
        link: Some("https://gov.example/answer.pdf".into()),
        at: crate::now(),
        author: String::new(),
    };
    let stored = store.add_response("suite-outcome", &response, "ed").await.unwrap();
    assert!(stored.id > 0);
    assert_eq!(store.responses("suite-outcome").await.unwrap(), vec![stored.clone()]);
    assert!(matches!(
        store.add_response("no-such-campaign", &response, "ed").await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(store.result("suite-outcome").await.unwrap(), None);
    store.set_result("suite-outcome", "ongoing", "", "ed").await.unwrap();
    let won = store
        .set_result("suite-outcome", "won", "Released.", "ed")
        .await
        .unwrap();
    assert_eq!(store.result("suite-outcome").await.unwrap(), Some(won));
    let actions: Vec<String> = store
        .campaign_audit("suite-outcome")
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(
        actions.contains(&"response".to_owned()) && actions.contains(&"result".to_owned()),
        "{actions:?}"
    );

    // A milestone queues its updates once.
    let update = |to: &str| Mail {
        to: to.into(),
        subject: "Goal reached".into(),
        body: "Thank you".into(),
        unsubscribe: None,
    };
    let first = store
        .record_milestone(
            "suite-outcome",
            "goal",
            &[update("a@union.example"), update("c@other.example")],
        )
        .await
        .unwrap()
        .expect("reached now");
    assert_eq!(first.messages, 2);
    let pending = store.mail_pending().await.unwrap();
    assert_eq!(
        store
            .record_milestone("suite-outcome", "goal", &[update("a@union.example")])
            .await
            .unwrap(),
        None,
        "reached before: nothing queued"
    );
    assert_eq!(store.mail_pending().await.unwrap(), pending);
    assert_eq!(store.milestones("suite-outcome").await.unwrap(), vec![first]);

    // Partner links: found by their token's hash until revoked.
    let hash = [7u8; 32];
    let link = store
        .create_partner_link("suite-outcome", "Dock Workers' Union", &hash, "ed")
        .await
        .unwrap();
    assert_eq!(
        store.partner_campaign(&hash).await.unwrap().as_deref(),
        Some("suite-outcome")
    );
    assert_eq!(store.partner_campaign(&[8u8; 32]).await.unwrap(), None);
    assert!(matches!(
        store.revoke_partner_link("suite-inval", link.id, "ed").await,
        Err(StoreError::NotFound { .. })
    ));
    let revoked = store.revoke_partner_link("suite-outcome", link.id, "ed").await.unwrap();
    assert!(revoked.revoked_at.is_some());
    assert_eq!(store.partner_campaign(&hash).await.unwrap(), None);
    assert_eq!(store.partner_links("suite-outcome").await.unwrap(), vec![revoked]);

    // Anonymisation removes the updates, which are addressed to signers.
    c.state = vigil_core::campaign::CampaignState::Closed;
    store.update_campaign(&c, "ed").await.unwrap();
    let done = store
        .anonymise_closed(crate::now() + time::Duration::seconds(1))
        .await
        .unwrap();
    let mine = done.iter().find(|d| d.campaign == "suite-outcome").expect("anonymised");
    assert_eq!(mine.mail.len(), 4 + 2, "{:?}", mine.mail);
    for id in &mine.mail {
        assert!(store.mail(id).await.unwrap().is_none(), "{id} still has its body");
    }
    assert!(store
        .signatures_by_organisation("suite-outcome")
        .await
        .unwrap()
        .is_empty());
}

/// The confirmation that takes a campaign to its goal records the `goal`
/// milestone in its own transaction, once, however many confirmations
/// commit at the same time (separate transactions: on PostgreSQL they run
/// at once on separate connections); its updates are written once; a
/// signer who withdraws gets no more.
pub async fn the_confirmation_that_reaches_the_goal_records_it_once_and_signers_can_withdraw<
    S: Store + Accounts + Campaigns,
>(
    store: &S,
) {
    let mut c = test_campaign("suite-goal");
    // The goal is the last of eight confirmations: of the six at once,
    // only one that counts after the others committed can see it reached.
    c.goal = Some(8);
    store.create_campaign(&c, "ed").await.unwrap();
    let secrets: Vec<Vec<u8>> = (0..8).map(|i| format!("goal-{i}").into_bytes()).collect();
    let mut ops: Vec<Op> = (0..8)
        .map(|i| signature("suite-goal", &format!("s{i}@example.org"), &secrets[i]))
        .collect();
    // Half of them asked for updates.
    for op in ops.iter_mut().step_by(2) {
        if let Op::Sign(s) = op {
            s.opt_in = Some("Send me updates".into());
        }
    }
    let ids: Vec<String> = ops.iter().map(sign_id).collect();
    store.apply(ops).await.unwrap();
    // Two confirmations: below the goal, nothing recorded.
    for i in 0..2 {
        let out = store
            .apply(vec![confirm("suite-goal", &ids[i], &secrets[i])])
            .await
            .unwrap();
        assert!(
            matches!(
                out[0],
                Outcome::Confirmed {
                    goal_reached: false,
                    ..
                }
            ),
            "{out:?}"
        );
    }
    assert!(store.milestones("suite-goal").await.unwrap().is_empty());
    // Six at once, each its own transaction: exactly one reaches the goal
    // (none, if each counted without the others' committed confirmations).
    let one = |i: usize| store.apply(vec![confirm("suite-goal", &ids[i], &secrets[i])]);
    let (a, b, c, d, e, f) = tokio::join!(one(2), one(3), one(4), one(5), one(6), one(7));
    let outcomes = [a, b, c, d, e, f];
    let reached = outcomes
        .iter()
        .map(|o| o.as_ref().expect("confirmed"))
        .filter(|o| matches!(o[0], Outcome::Confirmed { goal_reached: true, .. }))
        .count();
    assert_eq!(reached, 1, "{outcomes:?}");
    let milestones = store.milestones("suite-goal").await.unwrap();
    assert_eq!(milestones.len(), 1, "{milestones:?}");
    assert!(milestones[0].pending && milestones[0].milestone == "goal");
    assert_eq!(store.tally("suite-goal").await.unwrap().confirmed, 8);

    // The signers an update goes to: confirmed, opted in.
    let recipients = store.recipients("suite-goal").await.unwrap();
    let mut got: Vec<&str> = recipients.iter().map(|r| r.email.as_str()).collect();
    got.sort();
    assert_eq!(
        got,
        vec!["s0@example.org", "s2@example.org", "s4@example.org", "s6@example.org"]
    );
    let update = |to: &str| Mail {
        to: to.into(),
        subject: "Goal reached".into(),
        body: "Thank you".into(),
        unsubscribe: Some("https://vigil.example/stop".into()),
    };
    let mails: Vec<Mail> = recipients.iter().map(|r| update(&r.email)).collect();
    let before = store.mail_pending().await.unwrap();
    // Two writers at once: one writes the updates.
    let (a, b) = tokio::join!(
        store.fill_milestone("suite-goal", "goal", &mails),
        store.fill_milestone("suite-goal", "goal", &mails)
    );
    let filled: Vec<_> = [a.unwrap(), b.unwrap()].into_iter().flatten().collect();
    assert_eq!(filled.len(), 1, "{filled:?}");
    assert_eq!(filled[0].messages, 4);
    assert_eq!(store.mail_pending().await.unwrap(), before + 4);
    let milestones = store.milestones("suite-goal").await.unwrap();
    assert!(!milestones[0].pending && milestones[0].messages == 4, "{milestones:?}");
    assert_eq!(store.fill_milestone("suite-goal", "goal", &mails).await.unwrap(), None);
    assert_eq!(
        store.fill_milestone("suite-goal", "response-1", &mails).await.unwrap(),
        None,
        "never recorded"
    );
    assert_eq!(store.mail_pending().await.unwrap(), before + 4);
    // The queued update keeps its unsubscribe link.
    let queued = store
        .claim_mail(crate::now(), time::Duration::minutes(2), 100)
        .await
        .unwrap();
    assert!(queued
        .iter()
        .any(|m| m.mail.unsubscribe.as_deref() == Some("https://vigil.example/stop")));

    // Withdrawing: gone from the recipients, twice changes nothing, and an
    // unknown signature or another campaign's is no error and no change.
    let quits = recipients[0].id.clone();
    store.withdraw_opt_in("suite-goal", &quits).await.unwrap();
    store.withdraw_opt_in("suite-goal", &quits).await.unwrap();
    store
        .withdraw_opt_in("suite-goal", "0123456789abcdef0123456789abcdef")
        .await
        .unwrap();
    store.withdraw_opt_in("suite-camp", &recipients[1].id).await.unwrap();
    let left: Vec<String> = store
        .recipients("suite-goal")
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(left.len(), 3);
    assert!(!left.contains(&quits) && left.contains(&recipients[1].id));
    assert_eq!(
        store.tally("suite-goal").await.unwrap().confirmed,
        8,
        "the signature still counts"
    );
}

/// The counts by organisation are kept as confirmations, invalidations,
/// reverts and anonymisation commit (concurrent confirmations of one
/// organisation too), and read back without opening the signatures.
pub async fn counts_by_organisation_are_kept_through_confirmations_invalidations_and_anonymisation<
    S: Store + Accounts + Campaigns,
>(
    store: &S,
) {
    let c = test_campaign("suite-orgs");
    store.create_campaign(&c, "ed").await.unwrap();
    assert!(store.signatures_by_organisation("suite-orgs").await.unwrap().is_empty());
    assert!(store
        .signatures_by_organisation("no-such-campaign")
        .await
        .unwrap()
        .is_empty());
    let orgs = [
        Some(" Dock Workers' Union "),
        Some("Dock Workers' Union"),
        Some("Teachers"),
        None,
        Some("Dock Workers' Union"),
        Some("Teachers"),
    ];
    let domains = [
        "dock.example",
        "dock.example",
        "school.example",
        "home.example",
        "dock.example",
        "school.example",
    ];
    let secrets: Vec<Vec<u8>> = (0..orgs.len()).map(|i| format!("org-{i}").into_bytes()).collect();
    let mut ops: Vec<Op> = (0..orgs.len())
        .map(|i| signature("suite-orgs", &format!("p{i}@{}", domains[i]), &secrets[i]))
        .collect();
    for (op, org) in ops.iter_mut().zip(orgs) {
        if let Op::Sign(s) = op {
            s.organisation = org.map(str::to_owned);
        }
    }
    let ids: Vec<String> = ops.iter().map(sign_id).collect();
    store.apply(ops).await.unwrap();
    // All but the last, each in its own transaction, at once.
    let one = |i: usize| store.apply(vec![confirm("suite-orgs", &ids[i], &secrets[i])]);
    let (a, b, c, d, e) = tokio::join!(one(0), one(1), one(2), one(3), one(4));
    for r in [a, b, c, d, e] {
        assert!(matches!(r.unwrap()[0], Outcome::Confirmed { .. }));
    }
    let expect = |pairs: &[(&str, u64)]| -> std::collections::BTreeMap<String, u64> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    };
    let by_org = store.signatures_by_organisation("suite-orgs").await.unwrap();
    assert_eq!(by_org, expect(&[("Dock Workers' Union", 3), ("Teachers", 1), ("", 1)]));
    // A second confirmation of one signature adds nothing.
    let again = store
        .apply(vec![confirm("suite-orgs", &ids[0], &secrets[0])])
        .await
        .unwrap();
    assert_eq!(again[0], Outcome::TokenSpent);
    assert_eq!(store.signatures_by_organisation("suite-orgs").await.unwrap(), by_org);

    // An invalidation takes its confirmed signatures out; its revert puts them back.
    let filter = Filter {
        domain: Some("dock.example".into()),
        ..Filter::default()
    };
    let inv = store.invalidate("suite-orgs", &filter, "admin").await.unwrap();
    assert_eq!(
        store.signatures_by_organisation("suite-orgs").await.unwrap(),
        expect(&[("Teachers", 1), ("", 1)])
    );
    // A confirmation meanwhile counts as usual.
    let late = store
        .apply(vec![confirm("suite-orgs", &ids[5], &secrets[5])])
        .await
        .unwrap();
    assert!(matches!(late[0], Outcome::Confirmed { .. }), "{late:?}");
    store.revert_invalidation(inv.id, "admin").await.unwrap();
    assert_eq!(
        store.signatures_by_organisation("suite-orgs").await.unwrap(),
        expect(&[("Dock Workers' Union", 3), ("Teachers", 2), ("", 1)])
    );
    assert_eq!(store.tally("suite-orgs").await.unwrap().confirmed, 6);

    // Anonymised: the organisations go, the counts stay.
    let mut closed = test_campaign("suite-orgs");
    closed.state = vigil_core::campaign::CampaignState::Closed;
    store.update_campaign(&closed, "ed").await.unwrap();
    store
        .anonymise_closed(crate::now() + time::Duration::seconds(1))
        .await
        .unwrap();
    assert!(store.signatures_by_organisation("suite-orgs").await.unwrap().is_empty());
    assert_eq!(store.tally("suite-orgs").await.unwrap().confirmed, 6);
}
