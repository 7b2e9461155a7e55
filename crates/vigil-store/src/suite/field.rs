//! Reports from the field (issue 22): the key pairs of encrypted forms
//! (kept, rotated, sealed), the forms an admin uploads, and the parts of
//! an encrypted report kept before it is admitted.

use super::{editor, id, loaded};
use crate::attachments::{retired_form_key_id, Attachment, Attachments, FormKey, FormMedia, StoredForm, FORM_KEY_ID};
use crate::{Store, Visibility};

fn key(public: &str, private: &str, created_at: i64) -> FormKey {
    FormKey {
        id: FORM_KEY_ID.into(),
        public_key: public.into(),
        private_key: private.as_bytes().to_vec(),
        created_at,
    }
}

fn summary(keys: &[FormKey]) -> Vec<(String, String, Vec<u8>)> {
    keys.iter()
        .map(|k| (k.id.clone(), k.public_key.clone(), k.private_key.clone()))
        .collect()
}

pub async fn form_keys_are_kept_once_and_rotate_keeping_the_old_ones<S: Attachments>(store: &S) {
    assert!(store.form_key(FORM_KEY_ID).await.expect("read").is_none());
    assert!(store.form_keys().await.expect("read").is_empty());

    // Rotating before any key: the new one is simply kept.
    assert_eq!(
        store
            .rotate_form_key(&key("PUB-1", "private one", 100))
            .await
            .expect("kept"),
        None
    );
    // Two servers making the first key at once: the first kept wins.
    let kept = store
        .keep_form_key(&key("PUB-X", "private x", 150))
        .await
        .expect("kept");
    assert_eq!(kept.public_key, "PUB-1");
    assert_eq!(kept.private_key, b"private one");

    // A rotation: the old key stays, sealed under its retired id, and
    // opens again; the new one is the current key.
    let retired = store
        .rotate_form_key(&key("PUB-2", "private two", 200))
        .await
        .expect("rotated");
    assert_eq!(retired.as_deref(), Some(retired_form_key_id(100).as_str()));
    let current = store.form_key(FORM_KEY_ID).await.expect("read").expect("current");
    assert_eq!((current.public_key.as_str(), current.created_at), ("PUB-2", 200));
    assert_eq!(current.private_key, b"private two");
    let old = store
        .form_key(&retired_form_key_id(100))
        .await
        .expect("read")
        .expect("retired");
    assert_eq!(old.private_key, b"private one");

    // Again: every key, the current first, then the retired newest first.
    store
        .rotate_form_key(&key("PUB-3", "private three", 300))
        .await
        .expect("rotated");
    let all = store.form_keys().await.expect("read");
    assert_eq!(
        summary(&all),
        [
            (FORM_KEY_ID.to_owned(), "PUB-3".to_owned(), b"private three".to_vec()),
            (retired_form_key_id(200), "PUB-2".to_owned(), b"private two".to_vec()),
            (retired_form_key_id(100), "PUB-1".to_owned(), b"private one".to_vec()),
        ]
    );

    // The current key again is refused, and nothing changes.
    store
        .rotate_form_key(&key("PUB-3", "private three again", 400))
        .await
        .expect_err("the same key");
    assert_eq!(summary(&store.form_keys().await.expect("read")), summary(&all));
}

pub async fn a_rotation_cut_short_leaves_the_old_key_current<S: Attachments>(store: &S) {
    store
        .rotate_form_key(&key("PUB-1", "private one", 100))
        .await
        .expect("kept");
    // Something already holds the id the current key would be retired
    // under: the rotation fails between its writes (after reading the
    // current key, at retiring it) and must leave everything as it was.
    store
        .keep_form_key(&FormKey {
            id: retired_form_key_id(100),
            ..key("PUB-BLOCK", "in the way", 50)
        })
        .await
        .expect("kept");
    let before = summary(&store.form_keys().await.expect("read"));
    store
        .rotate_form_key(&key("PUB-2", "private two", 200))
        .await
        .expect_err("cut short");
    assert_eq!(summary(&store.form_keys().await.expect("read")), before);
    let current = store.form_key(FORM_KEY_ID).await.expect("read").expect("current");
    assert_eq!(current.public_key, "PUB-1");
    assert_eq!(current.private_key, b"private one");
}

fn form(id: &str, version: &str, xml: &str) -> StoredForm {
    StoredForm {
        id: id.into(),
        version: version.into(),
        title: format!("Form {id}"),
        xml: xml.into(),
        md5: format!("md5-of-{xml}"),
        uploaded_by: "admin@example.org".into(),
        uploaded_at: 1,
    }
}

pub async fn uploaded_forms_are_listed_by_id_and_a_new_version_replaces_the_old<S: Attachments>(store: &S) {
    assert!(store.forms().await.expect("list").is_empty());
    assert_eq!(store.stored_form("trial").await.expect("read"), None);
    store
        .put_form(&form("trial", "1", "<x>Суд</x>"), &[])
        .await
        .expect("kept");
    store
        .put_form(&form("monitoring", "7", "<y/>"), &[])
        .await
        .expect("kept");
    let ids: Vec<String> = store.forms().await.expect("list").into_iter().map(|f| f.id).collect();
    assert_eq!(ids, ["monitoring", "trial"]);
    assert_eq!(
        store.stored_form("trial").await.expect("read"),
        Some(form("trial", "1", "<x>Суд</x>"))
    );
    store
        .put_form(&form("trial", "2", "<x>v2</x>"), &[])
        .await
        .expect("replaced");
    assert_eq!(store.forms().await.expect("list").len(), 2);
    assert_eq!(
        store.stored_form("trial").await.expect("read"),
        Some(form("trial", "2", "<x>v2</x>"))
    );
}

fn media(form: &str, name: &str, bytes: &[u8]) -> (FormMedia, Vec<u8>) {
    (
        FormMedia {
            form_id: form.into(),
            name: name.into(),
            content_type: "image/png".into(),
            size: bytes.len() as i64,
            md5: format!("{:032x}", bytes.len()),
        },
        bytes.to_vec(),
    )
}

pub async fn a_forms_media_files_are_kept_with_it_and_replaced_with_its_next_version<S: Attachments>(store: &S) {
    let v1 = [
        media("trial", "court.png", b"court"),
        media("trial", "judges.csv", b"name\nA\n"),
    ];
    store.put_form(&form("trial", "1", "<x/>"), &v1).await.expect("kept");
    store.put_form(&form("plain", "1", "<y/>"), &[]).await.expect("kept");
    let names = |m: Vec<FormMedia>| m.into_iter().map(|m| m.name).collect::<Vec<_>>();
    assert_eq!(
        names(store.form_media("trial").await.expect("list")),
        ["court.png", "judges.csv"]
    );
    assert!(store.form_media("plain").await.expect("list").is_empty());
    let (meta, bytes) = store
        .form_media_file("trial", "court.png")
        .await
        .expect("read")
        .expect("kept");
    assert_eq!((meta, bytes), v1[0].clone());
    assert_eq!(store.form_media_file("plain", "court.png").await.expect("read"), None);
    // The next version names one file: the other goes.
    let v2 = [media("trial", "court.png", b"another court")];
    store
        .put_form(&form("trial", "2", "<x/>"), &v2)
        .await
        .expect("replaced");
    assert_eq!(names(store.form_media("trial").await.expect("list")), ["court.png"]);
    assert_eq!(
        store
            .form_media_file("trial", "court.png")
            .await
            .expect("read")
            .map(|(_, b)| b),
        Some(b"another court".to_vec())
    );
    // A media file of another form: refused, and nothing of the upload kept.
    let wrong = [media("trial", "a.png", b"a"), media("plain", "b.png", b"b")];
    assert!(store.put_form(&form("trial", "3", "<x/>"), &wrong).await.is_err());
    assert_eq!(
        store.stored_form("trial").await.expect("read").map(|f| f.version),
        Some("2".into())
    );
    assert_eq!(names(store.form_media("trial").await.expect("list")), ["court.png"]);
}

fn part(source: &str, name: &str, bytes: &[u8]) -> Attachment {
    Attachment {
        source_id: id(source),
        name: name.into(),
        content_type: "application/octet-stream".into(),
        size: bytes.len() as u64,
        sha256: "0".repeat(64),
        received_at: 1,
    }
}

pub async fn parts_of_a_report_not_admitted_can_be_dropped_an_admitted_reports_files_never<S: Store + Attachments>(
    store: &S,
) {
    let cf = loaded(store).await;
    // Two parts of an encrypted report whose source does not exist yet.
    let waiting = id("field-0a1b");
    for name in ["submission.xml", "photo.jpg.enc"] {
        assert!(store
            .add_attachment(&part("field-0a1b", name, b"sealed part"), b"sealed part")
            .await
            .expect("kept"));
    }
    assert_eq!(store.attachments(&waiting).await.expect("list").len(), 2);
    // A name kept already is not overwritten.
    assert!(!store
        .add_attachment(&part("field-0a1b", "photo.jpg.enc", b"other"), b"other")
        .await
        .expect("refused"));
    let (_, bytes) = store
        .attachment(&waiting, "photo.jpg.enc")
        .await
        .expect("read")
        .expect("kept");
    assert_eq!(bytes, b"sealed part");
    assert_eq!(store.drop_unadmitted_attachments(&waiting).await.expect("dropped"), 2);
    assert!(store.attachments(&waiting).await.expect("list").is_empty());

    // A source that exists (public or not, deleted or not) keeps its files.
    let source = cf.sources[0].id.clone();
    assert!(store
        .add_attachment(&part(source.as_str(), "photo.jpg", b"evidence"), b"evidence")
        .await
        .expect("kept"));
    assert_eq!(store.drop_unadmitted_attachments(&source).await.expect("none"), 0);
    assert_eq!(store.attachments(&source).await.expect("list").len(), 1);
    let deleted = cf.sources[1].id.clone();
    assert!(store
        .add_attachment(&part(deleted.as_str(), "photo.jpg", b"evidence"), b"evidence")
        .await
        .expect("kept"));
    // Deleting may be refused while records cite the source; the file stays either way.
    let _ = store.delete(&deleted, &editor()).await;
    assert_eq!(store.drop_unadmitted_attachments(&deleted).await.expect("none"), 0);
    assert_eq!(store.attachments(&deleted).await.expect("list").len(), 1);
    assert!(store.record(&source, Visibility::Confidential).await.is_ok());
}

fn part_at(source: &str, name: &str, received_at: i64) -> Attachment {
    Attachment {
        received_at,
        ..part(source, name, b"sealed part")
    }
}

pub async fn reports_waiting_for_parts_are_listed_and_expire_by_their_last_part<S: Store + Attachments>(store: &S) {
    let cf = loaded(store).await;
    const DAY: i64 = 86_400_000_000;
    let now = 100 * DAY;
    // An old report (its last part nine days ago), a young one (a part
    // nine days ago, another an hour ago), and an admitted source's file.
    for (source, name, at) in [
        ("field-0ld", "submission.xml", now - 10 * DAY),
        ("field-0ld", "photo.jpg.enc", now - 9 * DAY),
        ("field-y0ung", "submission.xml", now - 9 * DAY),
        ("field-y0ung", "voice.amr.enc", now - DAY / 24),
    ] {
        assert!(store
            .add_attachment(&part_at(source, name, at), b"sealed part")
            .await
            .expect("kept"));
    }
    let admitted = cf.sources[0].id.clone();
    assert!(store
        .add_attachment(&part_at(admitted.as_str(), "photo.jpg", now - 30 * DAY), b"evidence")
        .await
        .expect("kept"));
    let pending = store.pending_reports().await.expect("listed");
    assert_eq!(
        pending
            .iter()
            .map(|p| (
                p.source_id.as_str(),
                p.parts,
                p.bytes,
                p.first_received_at,
                p.last_received_at
            ))
            .collect::<Vec<_>>(),
        [
            ("field-0ld", 2, 22, now - 10 * DAY, now - 9 * DAY),
            ("field-y0ung", 2, 22, now - 9 * DAY, now - DAY / 24),
        ]
    );
    // Kept seven days after their last part: the old report goes whole,
    // the young one stays whole, the admitted source's file stays.
    assert_eq!(store.drop_pending_reports(now - 7 * DAY).await.expect("expired"), 2);
    assert!(store.attachments(&id("field-0ld")).await.expect("list").is_empty());
    assert_eq!(store.attachments(&id("field-y0ung")).await.expect("list").len(), 2);
    assert_eq!(store.attachments(&admitted).await.expect("list").len(), 1);
    assert_eq!(store.drop_pending_reports(now - 7 * DAY).await.expect("again"), 0);
    let pending = store.pending_reports().await.expect("listed");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].source_id.as_str(), "field-y0ung");
}
