//! A generated case file for measuring open data (`vigil export`, `vigil
//! import`): N persons, one organisation per 100 persons, one source per
//! 100 persons; every person has an alias and an affiliation, every tenth
//! an excerpt quoting a source. Written to a new data folder (`vigil.db`
//! and `vigil.key`) through the store's bulk writes.
//!
//! cargo run --release -p vigil-app --example generate_case_file -- DIR [PERSONS]

use vigil_core::{CaseFile, Record};
use vigil_store::{Change, SealKey, Store};
use vigil_store_sqlite::SqliteStore;

const BATCH: usize = 5_000;

fn record(value: serde_json::Value) -> Result<Record, serde_json::Error> {
    serde_json::from_value(value)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: generate_case_file DIR [PERSONS]")?);
    let persons: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(100_000);
    if dir.join("vigil.db").exists() {
        return Err(format!("{} holds a case file already", dir.display()).into());
    }
    std::fs::create_dir_all(&dir)?;
    let key = SealKey::generate();
    std::fs::write(dir.join("vigil.key"), format!("{}\n", key.to_hex()))?;
    let store = SqliteStore::open(&dir.join("vigil.db"), key).await?;
    let groups = persons.div_ceil(100);
    let change = Change::new("generator", None);

    let text = |i: usize| {
        format!(
            "Report {i}. The trade unionist Person {i}0 was detained after a strike at plant {i}. \
             Colleagues say the charges are fabricated."
        )
    };
    let mut first = CaseFile::default();
    for i in 0..groups {
        first.push(record(serde_json::json!({"kind": "source", "record": {
            "id": format!("source-{i:06}"), "title": format!("Report {i}"), "publisher": "Generated",
            "language": "en", "text": text(i)}}))?);
        first.push(record(serde_json::json!({"kind": "organisation", "record": {
            "id": format!("union-{i:06}"), "name": format!("Union {i}"), "aliases": [format!("U{i}")],
            "kind": "union", "status": "active", "country": "KZ"}}))?);
    }
    store.import(&first, &change).await?;

    let mut written = 0;
    while written < persons {
        let end = (written + BATCH).min(persons);
        let mut batch = Vec::with_capacity(end - written);
        for p in written..end {
            let group = p / 100;
            let mut person = serde_json::json!({
                "id": format!("person-{p:07}"), "name": format!("Person {p}"), "aliases": [format!("P. {p}")],
                "occupation": "welder", "country": "KZ",
                "affiliations": [{"organisation_id": format!("union-{group:06}"), "role": "member"}],
            });
            if p % 10 == 0 {
                let source = text(group);
                let quote = "trade unionist";
                let start = source.find(quote).ok_or("quote")?;
                person["excerpts"] = serde_json::json!([{"source_id": format!("source-{group:06}"),
                    "start": start, "end": start + quote.len(), "text": quote}]);
            }
            batch.push((
                record(serde_json::json!({"kind": "person", "record": person}))?,
                change.clone(),
            ));
        }
        store.create_all(&batch).await?;
        written = end;
    }
    let counts = store.counts(vigil_store::Visibility::Public).await?;
    println!(
        "{}: {} persons, {} organisations, {} sources",
        dir.display(),
        counts.persons,
        counts.organisations,
        counts.sources
    );
    store.close().await;
    Ok(())
}
