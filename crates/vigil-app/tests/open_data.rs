//! Open data over real case files (SQLite, and PostgreSQL when
//! `VIGIL_TEST_POSTGRES_URL` names a server): an export read back into an
//! empty case file exports the same bytes; the public scope is what an
//! anonymous reader sees; a bad import is named by its line and writes
//! nothing.

use vigil_app::open_data::{
    import_jsonl, Header, ImportOptions, ImportReport, JsonlExport, OnConflict, OpenDataError, Scope, MAX_LINE,
};
use vigil_core::{CaseFile, Record, RecordId};
use vigil_store::{Change, SealKey, Store, Visibility};
use vigil_store_sqlite::SqliteStore;

/// Words only confidential content holds.
const SECRETS: &[&str] = &[
    "Hidden Witness Zed",
    "Secret Street 1",
    "secret-cell",
    "Cell of the Night",
    "The witness saw",
    "witness-statement",
];

fn record(json: &str) -> Record {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// The demo, with confidential records, a confidential field and a
/// reference to a confidential record.
fn case_file() -> CaseFile {
    let mut cf = vigil_demo::case_file().expect("demo");
    for r in [
        r#"{"kind":"source","record":{"id":"src-open","title":"Arrest report","text":"The union leader Ana Lopez was arrested on 3 May.","confidential":false}}"#,
        r#"{"kind":"organisation","record":{"id":"secret-cell","name":"Cell of the Night","kind":"union","status":"active","confidential":true}}"#,
        r#"{"kind":"person","record":{"id":"hidden-witness","name":"Hidden Witness Zed","confidential":true}}"#,
        r#"{"kind":"person","record":{"id":"ana-lopez","name":"Ana Lopez","aliases":["Ana López"],
            "affiliations":[{"organisation_id":"secret-cell","role":"member"}],
            "address":"Secret Street 1","confidential_fields":["address"],
            "excerpts":[{"source_id":"src-open","start":17,"end":26,"text":"Ana Lopez"}]}}"#,
        // A public event whose only evidence is a confidential statement:
        // the public sees it without evidence, and a public dataset holds
        // it so.
        r#"{"kind":"source","record":{"id":"witness-statement","title":"Statement of a witness",
            "text":"The witness saw the arrest at the gate.","confidential":true}}"#,
        r#"{"kind":"event","record":{"id":"gate-arrest","type":"arrest","date":"2019-05-03","country":"KZ",
            "title":"Arrest at the factory gate","participants":[{"record_id":"ana-lopez","role":"victim"}],
            "excerpts":[{"source_id":"witness-statement","start":12,"end":26,"text":"saw the arrest"}]}}"#,
    ] {
        cf.push(record(r));
    }
    cf
}

async fn sqlite() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("vigil.db"), SealKey::generate())
        .await
        .expect("store");
    (dir, store)
}

async fn export(store: &impl Store) -> Vec<u8> {
    let mut export = JsonlExport::start(store.clone(), Scope::Public).await.expect("export");
    let mut out = Vec::new();
    while let Some(chunk) = export.next_chunk().await.expect("chunk") {
        out.extend_from_slice(&chunk);
    }
    out
}

fn options(on_conflict: OnConflict, dry_run: bool) -> ImportOptions {
    ImportOptions {
        on_conflict,
        dry_run,
        author: "importer".into(),
        name: "dataset.jsonl".into(),
        max_line: MAX_LINE,
    }
}

async fn import(store: &impl Store, bytes: &[u8], options: &ImportOptions) -> Result<ImportReport, OpenDataError> {
    import_jsonl(store, bytes, options).await
}

fn body(export: &[u8]) -> &[u8] {
    let newline = export.iter().position(|b| *b == b'\n').expect("a header line");
    &export[newline + 1..]
}

async fn live(store: &impl Store) -> u64 {
    store
        .counts_by_kind(Visibility::Confidential)
        .await
        .expect("counts")
        .iter()
        .map(|(_, n)| n)
        .sum()
}

/// The whole check, on a `source` holding [`case_file`] and an empty `target`.
async fn round_trip(source: &impl Store, target: &impl Store) {
    let first = export(source).await;
    let text = String::from_utf8(first.clone()).expect("UTF-8");
    for secret in SECRETS {
        assert!(!text.contains(secret), "the public export holds '{secret}'");
    }
    // The header counts what follows, and every line is what an anonymous
    // reader reads of the record.
    let header: Header = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(header.scope, Scope::Public);
    assert_eq!(header.version, 1);
    let announced: u64 = header.counts.values().sum();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len() as u64, announced);
    assert!(announced > 10);
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = RecordId::parse(v["id"].as_str().unwrap()).unwrap();
        let seen = source.record(&id, Visibility::Public).await.expect("public");
        let read: Record =
            serde_json::from_value(serde_json::json!({"kind": v["kind"], "record": v["record"]})).unwrap();
        assert_eq!(read, seen);
        assert_eq!(v["deleted"], false);
    }
    let ana = lines.iter().find(|l| l.contains("\"id\":\"ana-lopez\"")).unwrap();
    let arrest = lines.iter().find(|l| l.contains("\"id\":\"gate-arrest\"")).unwrap();
    assert!(arrest.contains("\"excerpts\":[]"), "its evidence withheld: {arrest}");
    assert!(ana.contains("Ana López") && !ana.contains("affiliations\":[{"), "{ana}");

    // Into an empty case file, and out again: the same bytes.
    let report = import(target, &first, &options(OnConflict::Fail, false))
        .await
        .expect("import");
    assert_eq!(report.created, announced);
    let second = export(target).await;
    assert_eq!(
        String::from_utf8_lossy(body(&first)),
        String::from_utf8_lossy(body(&second))
    );
    // Each record has its revision, by the importer, naming the import.
    let revisions = target
        .revisions(&RecordId::parse("ana-lopez").unwrap(), Visibility::Confidential)
        .await
        .unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0].author, "importer");
    assert_eq!(revisions[0].reason.as_deref(), Some("import of dataset.jsonl"));

    // Again: every id is taken.
    let refused = import(target, &first, &options(OnConflict::Fail, false)).await;
    assert!(
        matches!(&refused, Err(OpenDataError::Line { line: 2, message }) if message.contains("already holds")),
        "{refused:?}"
    );
    let skipped = import(target, &first, &options(OnConflict::Skip, false)).await.unwrap();
    assert_eq!((skipped.created, skipped.skipped), (0, announced));
    let unchanged = import(target, &first, &options(OnConflict::Update, false))
        .await
        .unwrap();
    assert_eq!((unchanged.updated, unchanged.unchanged), (0, announced));

    // An update: one record changed in the file, a dry run first.
    let changed = text.replace("\"name\":\"Ana Lopez\"", "\"name\":\"Ana Lopez Garcia\"");
    assert_ne!(changed, text);
    let dry = import(target, changed.as_bytes(), &options(OnConflict::Update, true))
        .await
        .unwrap();
    assert_eq!((dry.updated, dry.unchanged, dry.dry_run), (1, announced - 1, true));
    let ana_id = RecordId::parse("ana-lopez").unwrap();
    assert_eq!(
        target.record(&ana_id, Visibility::Public).await.unwrap().title(),
        "Ana Lopez"
    );
    let done = import(target, changed.as_bytes(), &options(OnConflict::Update, false))
        .await
        .unwrap();
    assert_eq!(done.updated, 1);
    assert_eq!(
        target.record(&ana_id, Visibility::Public).await.unwrap().title(),
        "Ana Lopez Garcia"
    );
    let revisions = target.revisions(&ana_id, Visibility::Confidential).await.unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[1].reason.as_deref(), Some("import of dataset.jsonl"));

    // The source case file holds what the public does not see of Ana: a
    // public export may not overwrite it.
    let refused = import(source, changed.as_bytes(), &options(OnConflict::Update, false)).await;
    assert!(
        matches!(&refused, Err(OpenDataError::Line { message, .. }) if message.contains("does not see")),
        "{refused:?}"
    );
    assert_eq!(
        source.record(&ana_id, Visibility::Public).await.unwrap().title(),
        "Ana Lopez"
    );
}

#[tokio::test]
async fn a_public_export_round_trips_on_sqlite() {
    let (_a, source) = sqlite().await;
    source
        .import(&case_file(), &Change::new("test", None))
        .await
        .expect("loads");
    let (_b, target) = sqlite().await;
    round_trip(&source, &target).await;
}

#[tokio::test]
async fn a_public_export_round_trips_on_postgres() {
    let Some(source) = vigil_store_postgres::testing::fresh_store().await else {
        return;
    };
    let Some(target) = vigil_store_postgres::testing::fresh_store().await else {
        return;
    };
    source
        .import(&case_file(), &Change::new("test", None))
        .await
        .expect("loads");
    round_trip(&source, &target).await;
}

/// A small valid export, its lines numbered from 1.
async fn small_export() -> Vec<String> {
    let (_dir, store) = sqlite().await;
    let mut cf = CaseFile::default();
    for r in case_file().records() {
        if ["src-open", "ana-lopez", "hidden-witness", "secret-cell"].contains(&r.id().as_str()) {
            cf.push(r.clone());
        }
    }
    store.import(&cf, &Change::new("test", None)).await.expect("loads");
    let text = String::from_utf8(export(&store).await).unwrap();
    text.lines().map(str::to_owned).collect()
}

fn joined(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Each kind of bad input: the import fails naming `line`, with `says` in
/// its message, and the case file stays empty.
#[tokio::test]
async fn bad_input_is_named_by_its_line_and_writes_nothing() {
    let lines = small_export().await;
    // Header, then the person (kind order: person first), then the source.
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[1].contains("\"kind\":\"person\"") && lines[2].contains("\"kind\":\"source\""));
    let person = &lines[1];
    let source = &lines[2];
    let header = &lines[0];
    let whole = joined(&lines);

    let mut cases: Vec<(&str, String, u64, &str)> = vec![
        (
            "truncated mid-line",
            whole[..whole.len() - 10].to_owned(),
            3,
            "truncated",
        ),
        ("truncated at a line", joined(&lines[..2]), 3, "header announces 2"),
        (
            "not JSON",
            joined(&[header.clone(), "{not json".into(), source.clone()]),
            2,
            "not a record line",
        ),
        (
            "unknown kind",
            joined(&[
                header.clone(),
                person.replace("\"kind\":\"person\"", "\"kind\":\"dragon\""),
                source.clone(),
            ]),
            2,
            "unknown kind",
        ),
        (
            "missing reference",
            joined(&[
                header.clone(),
                person.clone(),
                source.replace("\"id\":\"src-open\"", "\"id\":\"src-other\""),
            ]),
            2,
            "excerpts[0].source_id",
        ),
        (
            "excerpt not in its source",
            joined(&[
                header.clone(),
                person.replace("\"text\":\"Ana Lopez\"", "\"text\":\"Ana Lópes\""),
                source.clone(),
            ]),
            2,
            "excerpts[0]",
        ),
        (
            "duplicate id",
            joined(&[header.clone(), person.clone(), person.clone()]),
            3,
            "duplicate id 'ana-lopez' (first on line 2)",
        ),
        (
            "not a header",
            joined(&[person.clone(), source.clone()]),
            1,
            "not the header",
        ),
        (
            "a bad field",
            joined(&[
                header.clone(),
                person.replace("\"aliases\":[", "\"aliases\":7,\"x\":["),
                source.clone(),
            ]),
            2,
            "aliases",
        ),
    ];
    // A line longer than the limit (the limit lowered, so as not to write
    // 2 GB in a test; the reading stops at the limit either way).
    let long = joined(&[
        header.clone(),
        person.replace("Ana Lopez\"", &format!("{}\"", "A".repeat(5000))),
        source.clone(),
    ]);
    cases.push(("too long", long, 2, "longer than 4096 bytes"));

    for (what, input, line, says) in cases {
        let (_dir, target) = sqlite().await;
        let mut opts = options(OnConflict::Fail, false);
        opts.max_line = 4096;
        let result = import(&target, input.as_bytes(), &opts).await;
        match &result {
            Err(OpenDataError::Line { line: at, message }) => {
                assert_eq!(*at, line, "{what}: {message}");
                assert!(message.contains(says), "{what}: {message}");
                assert!(!message.contains('\n'), "{what}: one line: {message}");
            }
            other => panic!("{what}: {other:?}"),
        }
        assert_eq!(live(&target).await, 0, "{what}: something was written");
    }

    // The same file, whole, imports.
    let (_dir, target) = sqlite().await;
    let report = import(&target, whole.as_bytes(), &options(OnConflict::Fail, false))
        .await
        .unwrap();
    assert_eq!(report.created, 2);
}

#[tokio::test]
async fn a_dry_run_writes_nothing_and_says_what_it_would() {
    let lines = small_export().await;
    let (_dir, target) = sqlite().await;
    let report = import(&target, joined(&lines).as_bytes(), &options(OnConflict::Fail, true))
        .await
        .unwrap();
    assert_eq!((report.created, report.dry_run), (2, true));
    assert_eq!(live(&target).await, 0);
    assert!(target.changes_since(0, 10).await.unwrap().is_empty());
}

// The CSV layout.

use std::collections::BTreeMap;
use std::path::Path;

use vigil_app::open_data::csv_layout::{export_folder, export_zip, import_csv, CsvInput, HEADER_FILE, TABLES};

/// Every file of a CSV export folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("file"),
            )
        })
        .collect()
}

/// The files without the header (which holds the time of the export).
fn tables_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = files(dir);
    assert!(all.remove(HEADER_FILE).is_some(), "no {HEADER_FILE}");
    all
}

/// [`case_file`] and a record whose cells a spreadsheet would take for
/// formulas, quotes, commas and a line break in a cell.
fn csv_case_file() -> CaseFile {
    let mut cf = case_file();
    cf.push(record(
        r#"{"kind":"person","record":{"id":"formula-person","name":"=HYPERLINK(\"http://evil\",\"x\")",
            "aliases":["+1 555","-dash","@at","'quoted","plain, with a comma"],
            "occupation":"@worker"}}"#,
    ));
    cf.push(record(
        r#"{"kind":"source","record":{"id":"src-lines","title":"Two lines",
            "text":"A first line,\nand a \"second\" one."}}"#,
    ));
    // An event two sources tell otherwise, one account rejected.
    cf.push(record(
        r#"{"kind":"event","record":{"id":"disputed-sentence","type":"sentence","date":"2021-05-05","title":"Sentenced",
            "terms":{"imprisonment":"P2Y"},
            "excerpts":[{"source_id":"src-lines","start":0,"end":12,"text":"A first line"},
                        {"source_id":"src-lines","start":14,"end":19,"text":"and a","claim":"later"},
                        {"source_id":"src-lines","start":20,"end":28,"text":"\"second\"","claim":"fined"}],
            "claims":[{"key":"later","date":"2021-05-07","place":"Aktau","terms":{"imprisonment":"P2Y6M",
                         "bans":[{"scope":"union work","duration":"P3Y"},{"scope":"public office"}]},
                         "participants":[{"record_id":"formula-person","role":"victim"}]},
                      {"key":"fined","terms":{"fine":{"amount":150000,"currency":"KZT"}},"rejected":"the court record says prison"}]}}"#,
    ));
    cf
}

async fn csv_round_trip(source: &impl Store, target: &impl Store, zipped: &impl Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("first");
    let header = export_folder(source, Scope::Public, &first).await.expect("export");
    let tables = tables_of(&first);
    assert_eq!(tables.len(), TABLES.len());
    for (name, bytes) in &tables {
        let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
        for secret in SECRETS {
            assert!(!text.contains(secret), "{name} holds '{secret}'");
        }
    }
    // Lists are link tables; formula cells are defused.
    let persons = String::from_utf8(tables["persons.csv"].clone()).unwrap();
    assert!(
        persons.starts_with("id,name,sex,occupation,country,address,confidential\r\n"),
        "{persons}"
    );
    assert!(
        persons.contains("formula-person,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",,'@worker,"),
        "{persons}"
    );
    assert!(!persons.contains("Ana López"));
    let aliases = String::from_utf8(tables["person_aliases.csv"].clone()).unwrap();
    for line in [
        "ana-lopez,0,Ana López\r\n",
        "formula-person,0,'+1 555\r\n",
        "formula-person,1,'-dash\r\n",
        "formula-person,2,'@at\r\n",
        "formula-person,3,''quoted\r\n",
        "formula-person,4,\"plain, with a comma\"\r\n",
    ] {
        assert!(aliases.contains(line), "{line:?} in {aliases}");
    }
    let fields = String::from_utf8(tables["confidential_fields.csv"].clone()).unwrap();
    assert!(fields.contains("ana-lopez,0,address\r\n"), "{fields}");
    // An affiliation with a confidential organisation is left out.
    let sources = String::from_utf8(tables["sources.csv"].clone()).unwrap();
    assert!(
        sources.contains(",\"A first line,\nand a \"\"second\"\" one.\","),
        "{sources}"
    );
    let affiliations = String::from_utf8(tables["affiliations.csv"].clone()).unwrap();
    assert!(!affiliations.contains("ana-lopez"), "{affiliations}");

    // Into an empty case file: what the public reads of each record.
    let report = import_csv(target, CsvInput::Folder(&first), &options(OnConflict::Fail, false))
        .await
        .expect("import");
    let announced: u64 = header.counts.values().sum();
    assert!(announced > 10);
    assert_eq!(report.created, announced);
    assert_eq!(
        target.case_file(Visibility::Confidential).await.unwrap(),
        source.case_file(Visibility::Public).await.unwrap()
    );
    let formula = target
        .record(&RecordId::parse("formula-person").unwrap(), Visibility::Public)
        .await
        .unwrap();
    assert_eq!(formula.title(), "=HYPERLINK(\"http://evil\",\"x\")");

    // And out again: the same bytes.
    let second = dir.path().join("second");
    export_folder(target, Scope::Public, &second)
        .await
        .expect("export again");
    for (name, bytes) in tables_of(&second) {
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            String::from_utf8_lossy(&tables[&name]),
            "{name} differs"
        );
    }

    // The same through a zip.
    let zip = dir.path().join("export.zip");
    export_zip(source, Scope::Public, std::fs::File::create(&zip).unwrap())
        .await
        .expect("zip");
    import_csv(zipped, CsvInput::Zip(&zip), &options(OnConflict::Fail, false))
        .await
        .expect("import the zip");
    let third = dir.path().join("third");
    export_folder(zipped, Scope::Public, &third)
        .await
        .expect("export the third");
    assert_eq!(tables_of(&third), tables);

    // Again into the target: every id is taken; skip and update change nothing.
    let refused = import_csv(target, CsvInput::Folder(&first), &options(OnConflict::Fail, false)).await;
    assert!(
        matches!(&refused, Err(OpenDataError::Row { file, line: 2, message })
            if file == "persons.csv" && message.contains("already holds")),
        "{refused:?}"
    );
    let unchanged = import_csv(target, CsvInput::Folder(&first), &options(OnConflict::Update, false))
        .await
        .unwrap();
    assert_eq!((unchanged.updated, unchanged.unchanged), (0, announced));
}

#[tokio::test]
async fn a_csv_export_round_trips_on_sqlite() {
    let (_a, source) = sqlite().await;
    source
        .import(&csv_case_file(), &Change::new("test", None))
        .await
        .expect("loads");
    let (_b, target) = sqlite().await;
    let (_c, zipped) = sqlite().await;
    csv_round_trip(&source, &target, &zipped).await;
}

#[tokio::test]
async fn a_csv_export_round_trips_on_postgres() {
    let (Some(source), Some(target), Some(zipped)) = (
        vigil_store_postgres::testing::fresh_store().await,
        vigil_store_postgres::testing::fresh_store().await,
        vigil_store_postgres::testing::fresh_store().await,
    ) else {
        return;
    };
    source
        .import(&csv_case_file(), &Change::new("test", None))
        .await
        .expect("loads");
    csv_round_trip(&source, &target, &zipped).await;
}

/// A small CSV export (Ana Lopez, with an alias, an excerpt and a
/// confidential field, and the source it quotes) in a new folder.
async fn small_csv_export(into: &Path) {
    let (_dir, store) = sqlite().await;
    let mut cf = CaseFile::default();
    for r in case_file().records() {
        if ["src-open", "ana-lopez", "hidden-witness", "secret-cell"].contains(&r.id().as_str()) {
            cf.push(r.clone());
        }
    }
    store.import(&cf, &Change::new("test", None)).await.expect("loads");
    export_folder(&store, Scope::Public, into).await.expect("export");
}

/// Each kind of bad CSV input: the import fails with one line naming the
/// file and row where there is one, and the case file stays empty.
#[tokio::test]
async fn bad_csv_input_is_named_by_its_file_and_line_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = dir.path().join("good");
    small_csv_export(&good).await;
    let good_files = files(&good);
    let text = |name: &str| String::from_utf8(good_files[name].clone()).unwrap();
    assert_eq!(
        text("persons.csv"),
        "id,name,sex,occupation,country,address,confidential\r\nana-lopez,Ana Lopez,,,,,false\r\n"
    );
    assert_eq!(
        text("excerpts.csv"),
        "record_id,position,source_id,start,end,text,claim\r\nana-lopez,0,src-open,17,26,Ana Lopez,\r\n"
    );

    /// A change to the files.
    type Edit = Box<dyn Fn(&mut BTreeMap<String, Vec<u8>>)>;
    /// What, the change, the file and line named (or none), what is said.
    type Case = (&'static str, Edit, Option<(&'static str, u64)>, &'static str);
    let set = |name: &'static str, to: String| -> Edit {
        Box::new(move |f: &mut BTreeMap<String, Vec<u8>>| {
            f.insert(name.to_owned(), to.clone().into_bytes());
        })
    };
    let persons = text("persons.csv");
    let excerpts = text("excerpts.csv");
    let aliases = text("person_aliases.csv");
    let sources = text("sources.csv");
    let cases: Vec<Case> = vec![
        (
            "truncated mid-row",
            set("persons.csv", persons[..persons.len() - 4].to_owned()),
            Some(("persons.csv", 2)),
            "truncated",
        ),
        (
            "truncated at a row",
            set(
                "persons.csv",
                "id,name,sex,occupation,country,address,confidential\r\n".into(),
            ),
            Some(("persons.csv", 2)),
            "announces 1",
        ),
        (
            "not a row of the table",
            set("persons.csv", persons.replace(",false\r\n", ",false,extra\r\n")),
            Some(("persons.csv", 2)),
            "cells where the header has",
        ),
        (
            "not UTF-8",
            Box::new(|f: &mut BTreeMap<String, Vec<u8>>| {
                let mut bytes = f["persons.csv"].clone();
                let at = bytes.len() - 3;
                bytes[at] = 0xff;
                f.insert("persons.csv".into(), bytes);
            }),
            Some(("persons.csv", 2)),
            "not UTF-8",
        ),
        (
            "the wrong columns",
            set("persons.csv", persons.replace("id,name,", "id,nom,")),
            Some(("persons.csv", 1)),
            "columns",
        ),
        (
            "a bad field",
            set("persons.csv", persons.replace(",,,,,false", ",dragon,,,,false")),
            Some(("persons.csv", 2)),
            "sex",
        ),
        (
            "not a number",
            set("excerpts.csv", excerpts.replace(",17,", ",seventeen,")),
            Some(("excerpts.csv", 2)),
            "not a whole number",
        ),
        (
            "a missing reference",
            set("excerpts.csv", excerpts.replace("src-open", "src-other")),
            Some(("persons.csv", 2)),
            "excerpts[0].source_id",
        ),
        (
            "an excerpt its source does not hold",
            set("excerpts.csv", excerpts.replace(",Ana Lopez", ",Ana Lopes")),
            Some(("persons.csv", 2)),
            "excerpts[0]",
        ),
        (
            "a duplicate id",
            set("persons.csv", format!("{persons}ana-lopez,Ana Lopez,,,,,false\r\n")),
            Some(("persons.csv", 3)),
            "duplicate id 'ana-lopez' (first on persons.csv line 2)",
        ),
        (
            "a link row of no record",
            set("person_aliases.csv", format!("{aliases}nobody,0,Nobody\r\n")),
            Some(("person_aliases.csv", 3)),
            "'nobody' is not a record read",
        ),
        (
            "a position out of order",
            set("person_aliases.csv", aliases.replace("ana-lopez,0,", "ana-lopez,3,")),
            Some(("person_aliases.csv", 2)),
            "position: 3 where 0 comes next",
        ),
        (
            "a row too long",
            set(
                "sources.csv",
                sources.replace("The union leader", &format!("The union leader{}", " x".repeat(20_000))),
            ),
            Some(("sources.csv", 2)),
            "longer than 4096 bytes",
        ),
        (
            "a missing table",
            Box::new(|f: &mut BTreeMap<String, Vec<u8>>| {
                f.remove("affiliations.csv");
            }),
            None,
            "affiliations.csv is missing",
        ),
        (
            "an unknown table",
            set("dragons.csv", "id\r\n".into()),
            None,
            "dragons.csv is no table",
        ),
        (
            "another version",
            set(
                HEADER_FILE,
                text(HEADER_FILE).replace("\"version\": 1", "\"version\": 9"),
            ),
            None,
            "format version 9",
        ),
    ];
    for (what, change, at, says) in cases {
        let mut changed = good_files.clone();
        change(&mut changed);
        let folder = dir.path().join(what.replace(' ', "-"));
        std::fs::create_dir(&folder).unwrap();
        for (name, bytes) in &changed {
            std::fs::write(folder.join(name), bytes).unwrap();
        }
        let (_db, target) = sqlite().await;
        let mut opts = options(OnConflict::Fail, false);
        opts.max_line = 4096;
        let result = import_csv(&target, CsvInput::Folder(&folder), &opts).await;
        let message = match (&result, at) {
            (Err(OpenDataError::Row { file, line, message }), Some((in_file, at_line))) => {
                assert_eq!((file.as_str(), *line), (in_file, at_line), "{what}: {message}");
                message.clone()
            }
            (Err(OpenDataError::Input(message)), None) => message.clone(),
            (other, _) => panic!("{what}: {other:?}"),
        };
        assert!(message.contains(says), "{what}: {message}");
        assert!(!message.contains('\n'), "{what}: one line: {message}");
        let shown = result.unwrap_err().to_string();
        if let Some((file, line)) = at {
            assert!(shown.starts_with(&format!("{file} line {line}: ")), "{what}: {shown}");
        }
        assert_eq!(live(&target).await, 0, "{what}: something was written");
    }

    // Not a zip.
    let not_zip = dir.path().join("not.zip");
    std::fs::write(&not_zip, b"PK but not a zip").unwrap();
    let (_db, target) = sqlite().await;
    let result = import_csv(&target, CsvInput::Zip(&not_zip), &options(OnConflict::Fail, false)).await;
    assert!(
        matches!(&result, Err(OpenDataError::Input(m)) if m.contains("not a readable zip")),
        "{result:?}"
    );

    // The good folder imports.
    let (_db, target) = sqlite().await;
    let report = import_csv(&target, CsvInput::Folder(&good), &options(OnConflict::Fail, false))
        .await
        .unwrap();
    assert_eq!(report.created, 2);
}
