//! `vigil form-reports pending|discard` as an administrator runs it: the
//! encrypted reports still waiting for parts, with their age and when
//! they expire, and one discarded; nothing of their content is shown.

mod common;

use common::run_in;
use vigil_store::{Attachment, Attachments};

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn pending_reports_are_listed_with_their_age_and_one_is_discarded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    // An empty case file (the folder and its key made by the first run).
    let listed = ok(run_in(&["form-reports", "pending"], &data, None));
    assert!(listed.contains("no report from the field waits for parts"), "{listed}");

    // Two parts of a report whose last part came three days ago, kept as
    // the server keeps them (sealed, under a source not made yet).
    let now = time::OffsetDateTime::now_utc();
    let three_days_ago = ((now - time::Duration::days(3)).unix_timestamp_nanos() / 1000) as i64;
    let secret = b"the sealed part of a confidential report";
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let key = std::fs::read_to_string(data.join("vigil.key")).expect("key");
            let key = vigil_store::SealKey::from_hex(key.trim()).expect("key");
            let store = vigil_store_sqlite::SqliteStore::open(&data.join("vigil.db"), key)
                .await
                .expect("store");
            for (name, at) in [
                ("submission.xml", three_days_ago - 60_000_000),
                ("photo.jpg.enc", three_days_ago),
            ] {
                let part = Attachment {
                    source_id: vigil_core::RecordId::parse("field-5a000000-0000-4000-8000-000000000001").expect("id"),
                    name: name.into(),
                    content_type: "application/octet-stream".into(),
                    size: secret.len() as u64,
                    sha256: "0".repeat(64),
                    received_at: at,
                };
                assert!(store.add_attachment(&part, secret).await.expect("kept"));
            }
            store.close().await;
        });

    let listed = ok(run_in(&["form-reports", "pending"], &data, None));
    assert!(
        listed.starts_with("field-5a000000-0000-4000-8000-000000000001: 2 files kept (80 bytes)"),
        "{listed}"
    );
    assert!(listed.contains("(3 days ago)"), "{listed}");
    // Kept seven days after the last part by default, or as told.
    let expires = |days: i64| {
        let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(three_days_ago) * 1000)
            .expect("time")
            .saturating_add(time::Duration::days(days))
            .format(&f)
            .expect("format")
    };
    assert!(listed.contains(&format!("removed after {}", expires(7))), "{listed}");
    let listed = ok(run_in(
        &["form-reports", "pending", "--field-parts-kept-days", "30"],
        &data,
        None,
    ));
    assert!(listed.contains(&format!("removed after {}", expires(30))), "{listed}");
    assert!(
        !listed.contains("confidential report") && !listed.contains("photo.jpg"),
        "{listed}"
    );

    // In Russian too.
    let russian = ok(run_in(&["--lang", "ru", "form-reports", "pending"], &data, None));
    assert!(
        russian.contains("2 файла") && russian.contains("3 дня назад"),
        "{russian}"
    );

    // Discarded by its instanceID; then nothing waits, and again it is not found.
    let done = ok(run_in(
        &["form-reports", "discard", "uuid:5a000000-0000-4000-8000-000000000001"],
        &data,
        None,
    ));
    assert!(done.contains("removed 2 files"), "{done}");
    let listed = ok(run_in(&["form-reports", "pending"], &data, None));
    assert!(listed.contains("no report from the field waits for parts"), "{listed}");
    let again = run_in(
        &["form-reports", "discard", "field-5a000000-0000-4000-8000-000000000001"],
        &data,
        None,
    );
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.lines().any(|l| l.starts_with("vigil:")), "{err}");
}
