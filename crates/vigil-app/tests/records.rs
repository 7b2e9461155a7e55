//! The write policy over a real SQLite case file holding the demo: what a
//! caller of the application may write, whatever gate stands before it.

use vigil_app::{records, AppError, Viewer};
use vigil_core::{AccountRole, RecordId, RecordKind, UserName};
use vigil_store::{Account, Store, Visibility};
use vigil_store_sqlite::SqliteStore;

async fn demo() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("vigil.db"), vigil_store::SealKey::generate())
        .await
        .expect("store");
    vigil_store::suite::loaded(&store).await;
    (dir, store)
}

fn viewer(name: &str, role: AccountRole) -> Viewer {
    Viewer::signed_in(
        Account {
            name: UserName::parse(name).expect("name"),
            role,
            disabled: false,
        },
        None,
    )
}

const PERSON: &[u8] = br#"{"id": "aigul-example", "name": "Aigul Example"}"#;

#[tokio::test]
async fn only_writers_write_whoever_calls() {
    let (_dir, store) = demo().await;
    let id = RecordId::parse("aigul-example").unwrap();
    for who in [Viewer::PUBLIC, viewer("rita", AccountRole::Reader)] {
        let refused = records::create(&store, &who, RecordKind::Person, PERSON, None).await;
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");
        let refused = records::delete(
            &store,
            &who,
            RecordKind::Person,
            &RecordId::parse("erlan-baltabay").unwrap(),
            None,
        )
        .await;
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");
        let refused = records::restore(&store, &who, &RecordId::parse("erlan-baltabay").unwrap(), 1, None).await;
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");
    }
    assert!(
        store.record(&id, Visibility::Confidential).await.is_err(),
        "nothing written"
    );
    let editor = viewer("ed", AccountRole::Editor);
    let rev = records::create(
        &store,
        &editor,
        RecordKind::Person,
        PERSON,
        Some("from a report".into()),
    )
    .await
    .expect("an editor writes");
    assert_eq!(rev.author, "ed");
}

/// An id is not sealed, and a create that finds an id taken says that a
/// record holds it: a confidential record's id is always made by Vigil,
/// opaque, so nobody can guess it — nor learn from a refused create that
/// a hidden `witness-aigul` exists.
#[tokio::test]
async fn a_confidential_record_is_given_an_id_nobody_chose() {
    let (_dir, store) = demo().await;
    let keeper = viewer("kate", AccountRole::ConfidentialReader);
    let editor = viewer("ed", AccountRole::Editor);
    let named = br#"{"id": "witness-aigul", "name": "Aigul Witness", "confidential": true}"#;
    match records::create(&store, &keeper, RecordKind::Person, named, None).await {
        Err(AppError::Invalid(errors)) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].field, "id");
            assert_eq!(errors[0].message, records::CONFIDENTIAL_ID_GIVEN);
        }
        other => panic!("expected the id refused, got {other:?}"),
    }
    let wanted = RecordId::parse("witness-aigul").expect("id");
    assert!(
        store
            .taken(std::slice::from_ref(&wanted))
            .await
            .expect("taken")
            .is_empty(),
        "nothing written"
    );
    // Those without the right are refused for the mark itself.
    assert!(matches!(
        records::create(&store, &editor, RecordKind::Person, named, None).await,
        Err(AppError::Forbidden(_))
    ));
    // Left out, the id is made: 32 hex digits, nothing of the name.
    let unnamed = br#"{"name": "Aigul Witness", "confidential": true}"#;
    let rev = records::create(&store, &keeper, RecordKind::Person, unnamed, None)
        .await
        .expect("created");
    let id = rev.record_id.as_str();
    assert!(id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    // A public record keeps the id its writer chose.
    let rev = records::create(&store, &editor, RecordKind::Person, PERSON, None)
        .await
        .expect("created");
    assert_eq!(rev.record_id.as_str(), "aigul-example");
    // The refusal is worded in the reader's language.
    let ru = vigil_app::field_message(vigil_app::i18n::Lang::Ru, records::CONFIDENTIAL_ID_GIVEN);
    assert!(ru.contains("идентификатор"), "{ru}");
}

#[tokio::test]
async fn whether_a_delete_is_refused_depends_only_on_what_the_writer_may_see() {
    let (_dir, store) = demo().await;
    let keeper = viewer("kate", AccountRole::ConfidentialReader);
    let editor = viewer("ed", AccountRole::Editor);
    // A confidential event about a public person: the person cannot be
    // deleted, and an editor without the right must not learn the event's id.
    let quote = "Kazakhstan continues to be a place where the government harasses, detains, and imprisons those who voice dissenting opinions";
    let source = store
        .record(&RecordId::parse("hrw-2019-kazakhstan-upr").unwrap(), Visibility::Public)
        .await
        .expect("source");
    let vigil_core::Record::Source(source) = source else {
        panic!("a source")
    };
    let start = source.text.find(quote).expect("the quote");
    let event = serde_json::json!({
        "type": "interrogation",
        "date": "2019-10-20",
        "country": "KZ",
        "title": "Witness questioned",
        "participants": [{"record_id": "aigul-example", "role": "victim"}],
        "excerpts": [{"source_id": "hrw-2019-kazakhstan-upr", "start": start, "end": start + quote.len(), "text": quote}],
        "confidential": true
    });
    records::create(&store, &editor, RecordKind::Person, PERSON, None)
        .await
        .expect("person");
    let event = records::create(&store, &keeper, RecordKind::Event, event.to_string().as_bytes(), None)
        .await
        .expect("event")
        .record_id;
    let id = RecordId::parse("aigul-example").unwrap();
    // Those with the right are refused, and told by what.
    match records::delete(&store, &keeper, RecordKind::Person, &id, None).await {
        Err(e @ AppError::Referenced { .. }) => {
            assert!(e.to_string().contains(event.as_str()), "{e}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // A writer who cannot see the event is answered as if nothing referred
    // to the person, exactly as for a person nobody names: a refusal would
    // tell them a hidden record names this one.
    let lone = RecordId::parse("lone-example").unwrap();
    records::create(
        &store,
        &editor,
        RecordKind::Person,
        br#"{"id": "lone-example", "name": "Lone Example"}"#,
        None,
    )
    .await
    .expect("person");
    let unreferenced = records::delete(&store, &editor, RecordKind::Person, &lone, None)
        .await
        .expect("deleted");
    let referenced = records::delete(&store, &editor, RecordKind::Person, &id, None)
        .await
        .expect("deleted, whatever hidden records name it");
    assert_eq!(referenced.operation, unreferenced.operation);
    // The hidden event still names the person, who stays restorable.
    let kept = store
        .record(&event, Visibility::Confidential)
        .await
        .expect("the event stays");
    assert!(kept.references().iter().any(|r| r.id == &id), "{kept:?}");
    let before = store.revisions(&id, Visibility::Confidential).await.expect("history")[0].seq;
    records::restore(
        &store,
        &keeper,
        &id,
        before,
        Some("still named by a confidential event".into()),
    )
    .await
    .expect("restored");
    // Where a visible record names it too, the refusal names that one only.
    let public = serde_json::json!({
        "type": "detention", "date": "2019-10-21", "country": "KZ", "title": "Detained",
        "participants": [{"record_id": "aigul-example", "role": "victim"}],
        "excerpts": [{"source_id": "hrw-2019-kazakhstan-upr", "start": start, "end": start + quote.len(), "text": quote}]
    });
    let public = records::create(&store, &editor, RecordKind::Event, public.to_string().as_bytes(), None)
        .await
        .expect("event")
        .record_id;
    match records::delete(&store, &editor, RecordKind::Person, &id, None).await {
        Err(e @ AppError::Referenced { .. }) => {
            assert!(e.to_string().contains(public.as_str()), "{e}");
            assert!(!e.to_string().contains(event.as_str()), "{e}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn only_admins_invalidate_signatures_and_only_editors_edit_campaigns() {
    use vigil_app::campaigns::{organising, Service};
    let (_dir, store) = demo().await;
    let service = std::sync::Arc::new(Service::default());
    let campaign = br#"{"slug": "free-the-leader", "state": "draft", "versions": [{"language": "en", "title": "Free the leader", "text": "Write to the prosecutor."}]}"#;
    let refused = organising::create(&store, &viewer("rita", AccountRole::Reader), campaign).await;
    assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");
    let filter = br#"{"domain": "spam.example"}"#;
    for who in [
        viewer("ed", AccountRole::Editor),
        viewer("kate", AccountRole::ConfidentialReader),
    ] {
        let refused = organising::invalidate(&service, &store, &who, "free-the-leader", filter).await;
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");
    }
}
