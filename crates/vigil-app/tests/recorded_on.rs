//! Issue 19: what the case file itself said on a past day (`recorded_on`),
//! from its revisions, over a real SQLite case file whose history spans
//! days: the demo recorded on 1 January 2020, corrections made today.

use serde_json::json;
use time::macros::date;
use vigil_app::{records, status, AppError, Viewer};
use vigil_core::{AccountRole, RecordId, RecordKind, RestraintKind, UserName};
use vigil_store::{Account, Store, Visibility};
use vigil_store_sqlite::SqliteStore;

fn editor() -> Viewer {
    Viewer::signed_in(
        Account {
            name: UserName::parse("ed").expect("name"),
            role: AccountRole::Editor,
            disabled: false,
        },
        None,
    )
}

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("an id")
}

fn kinds(s: &vigil_core::PersonStatus) -> Vec<RestraintKind> {
    s.restraints.iter().map(|r| r.kind).collect()
}

/// The demo, its every revision dated 1 January 2020.
async fn recorded_in_2020() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigil.db");
    let store = SqliteStore::open(&path, vigil_store::SealKey::generate())
        .await
        .expect("store");
    vigil_store::suite::loaded(&store).await;
    let url = format!("sqlite://{}", path.display());
    let pool = sqlx::SqlitePool::connect(&url).await.expect("the file");
    sqlx::query("UPDATE revisions SET at = '2020-01-01T12:00:00Z'")
        .execute(&pool)
        .await
        .expect("backdated");
    pool.close().await;
    (dir, store)
}

#[tokio::test]
async fn a_status_as_the_case_file_recorded_it_on_a_past_day() {
    let (dir, store) = recorded_in_2020().await;
    let _ = &dir;
    let ed = editor();
    let bokaev = id("max-bokaev");
    let sept = date!(2019 - 09 - 01);
    // Today: a release of August 2019 is recorded, with its source.
    let text = "Max Bokaev was released from prison on 15 August 2019.";
    let source = json!({"id": "late-report", "title": "A late report", "published": "2021-03-01", "text": text});
    records::create(&store, &ed, RecordKind::Source, source.to_string().as_bytes(), None)
        .await
        .expect("source");
    let release = json!({
        "id": "bokaev-release", "type": "release", "date": "2019-08-15", "country": "KZ",
        "title": "Max Bokaev released",
        "participants": [{"record_id": "max-bokaev", "role": "victim"}],
        "relates_to": ["bokaev-sentence-2016"],
        "excerpts": [{"source_id": "late-report", "start": 0, "end": text.len(), "text": text}],
    });
    records::create(&store, &ed, RecordKind::Event, release.to_string().as_bytes(), None)
        .await
        .expect("release");
    // And a ban that names her no longer: found to be wrongly recorded
    // (so it is found only through its history, not its links).
    let ban_id = id("kharkova-union-leadership-ban");
    let vigil_core::Record::Event(mut ban) = store.record(&ban_id, Visibility::Confidential).await.expect("ban") else {
        panic!("an event")
    };
    ban.participants.retain(|p| p.record_id.as_str() != "larisa-kharkova");
    let body = serde_json::to_vec(&ban).expect("json");
    records::update(&store, &ed, RecordKind::Event, &ban_id, &body, None, None)
        .await
        .expect("updated");

    for visibility in [Visibility::Public, Visibility::Confidential] {
        // As it is: Bokaev free on 1 September 2019, Kharkova not banned.
        let now = status::of_person(&store, visibility, &bokaev, sept, None)
            .await
            .expect("now");
        assert!(now.restraints.is_empty(), "{now:?}");
        // As recorded in June 2020: in prison, and Kharkova banned.
        let (name, then) =
            status::of_person_recorded_on(&store, visibility, &bokaev, sept, date!(2020 - 06 - 01), None)
                .await
                .expect("then");
        assert_eq!(name, "Max Bokaev");
        assert_eq!(kinds(&then), [RestraintKind::Imprisonment], "{then:?}");
        let (_, kharkova) = status::of_person_recorded_on(
            &store,
            visibility,
            &id("larisa-kharkova"),
            date!(2019 - 11 - 07),
            date!(2020 - 06 - 01),
            None,
        )
        .await
        .expect("then");
        assert_eq!(kinds(&kharkova), [RestraintKind::ActivityBan], "{kharkova:?}");
        let now = status::of_person(&store, visibility, &id("larisa-kharkova"), date!(2019 - 11 - 07), None)
            .await
            .expect("now");
        assert!(now.restraints.is_empty(), "{now:?}");
        // With the evidence of a day as well: that case file, as its
        // sources published by June 2019 showed it (the bans came in
        // October).
        let (_, june) = status::of_person_recorded_on(
            &store,
            visibility,
            &id("larisa-kharkova"),
            date!(2019 - 11 - 07),
            date!(2020 - 06 - 01),
            Some(date!(2019 - 06 - 01)),
        )
        .await
        .expect("then");
        assert!(june.restraints.is_empty(), "{june:?}");
        // Before the demo was recorded, there was no such person.
        let before =
            status::of_person_recorded_on(&store, visibility, &bokaev, sept, date!(2019 - 12 - 31), None).await;
        assert!(matches!(before, Err(AppError::Absent(_))), "{before:?}");
    }
}

/// A person the public may not see is absent from any day's record, and
/// said so as of one never there.
#[tokio::test]
async fn a_confidential_person_recorded_on_a_past_day_is_not_found_by_the_public() {
    let (dir, store) = recorded_in_2020().await;
    let _ = &dir;
    let ed = Viewer::signed_in(
        Account {
            name: UserName::parse("cr").expect("name"),
            role: AccountRole::ConfidentialReader,
            disabled: false,
        },
        None,
    );
    let rev = records::create(
        &store,
        &ed,
        RecordKind::Person,
        br#"{"name": "Hidden Witness", "confidential": true}"#,
        None,
    )
    .await
    .expect("created");
    let hidden = rev.record_id.clone();
    let today = status::today();
    let public = status::of_person_recorded_on(&store, Visibility::Public, &hidden, today, today, None).await;
    let never = status::of_person_recorded_on(&store, Visibility::Public, &id("no-one"), today, today, None).await;
    match (public, never) {
        (Err(AppError::Absent(a)), Err(AppError::Absent(b))) => {
            assert_eq!(
                a.replace(hidden.as_str(), "X"),
                b.replace("no-one", "X"),
                "the same words"
            );
        }
        other => panic!("{other:?}"),
    }
    let (name, _) = status::of_person_recorded_on(&store, Visibility::Confidential, &hidden, today, today, None)
        .await
        .expect("for those with the right");
    assert_eq!(name, "Hidden Witness");
}
