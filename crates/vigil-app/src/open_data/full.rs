//! The full scope: the whole case file as stored, out as JSON Lines
//! (`vigil export --scope full`, `GET /api/v1/export?scope=full` for
//! admins) and back into an empty case file (`vigil import`).
//!
//! ```text
//! {"format":"vigil-export","version":1,"scope":"full","exported_at":"…","counts":{"records":12,…},"key_check":"…"}
//! {"table":"records","row":{"id":"ana-lopez","kind":"person","deleted":false,"record":{…},"sealed":null}}
//! {"table":"revisions","row":{"seq":1,"record_id":"ana-lopez",…,"author":"…","at":"…","reason":"…",…}}
//! ```
//!
//! After the header (whose `counts` are rows by table, and whose
//! `key_check` proves the key the content is sealed under without
//! revealing it), one line per row of every table the store keeps
//! (`vigil_store::transfer::ROW_TABLES`, in that order), each as stored:
//! sealed content stays sealed (base64), so the file is only as readable
//! as the key is, and importing it needs the same key. The tables kept
//! from others (names and links, counts, status stretches, counts by
//! organisation: `vigil_store::transfer::TABLES`, marked `Rebuilt`) are
//! not written: the import rebuilds them.
//!
//! Both ends go through `vigil_store::transfer`, as `vigil
//! migrate-to-postgres` does: one reader and one writer for every table.
//! The export reads one snapshot a batch at a time; the import writes a
//! batch at a time inside one transaction, so neither holds the case file
//! in memory, and an import that fails anywhere writes nothing.

use std::collections::BTreeMap;
use std::io::BufRead;

use base64::Engine as _;
use serde::Deserialize;
use vigil_store::transfer::{Copied, Load, Reader, Row, Snapshot, Transfer, ROW_TABLES};
use vigil_store::{Store, StoreError};

use super::{
    line_error, next_line, now_rfc3339, Header, ImportOptions, OpenDataError, Scope, FORMAT_NAME, FORMAT_VERSION,
};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// Rows written into the target at a time.
const LOAD_BATCH: usize = 500;

/// A full-scope export in progress: [`Self::next_chunk`] hands out the
/// header, then one batch of rows at a time, until `None`.
pub struct FullExport<S: Transfer> {
    reader: Reader<S::Snapshot>,
    header: Option<Vec<u8>>,
}

impl<S: Transfer> FullExport<S> {
    /// Starts an export of everything `store` holds, from one snapshot.
    pub async fn start(store: &S) -> Result<Self, OpenDataError> {
        let mut snapshot = store.transfer_snapshot().await?;
        let counts = snapshot.counts().await?;
        let key_check = snapshot.key_check().await?.map(|c| B64.encode(c));
        let header = Header {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            scope: Scope::Full,
            exported_at: now_rfc3339(),
            counts,
            key_check,
        };
        let mut line = serde_json::to_vec(&header).map_err(StoreError::backend)?;
        line.push(b'\n');
        Ok(Self {
            reader: Reader::new(snapshot),
            header: Some(line),
        })
    }

    /// The next lines of the export (whole lines), or `None` at the end.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, OpenDataError> {
        if let Some(header) = self.header.take() {
            return Ok(Some(header));
        }
        let Some(rows) = self.reader.next_batch().await? else {
            return Ok(None);
        };
        let mut out = Vec::with_capacity(rows.len() * 256);
        for row in &rows {
            write_row_line(&mut out, row)?;
        }
        Ok(Some(out))
    }
}

/// Appends `{"table":…,"row":{…}}` and a newline.
pub fn write_row_line(out: &mut Vec<u8>, row: &Row) -> Result<(), OpenDataError> {
    out.extend_from_slice(b"{\"table\":\"");
    out.extend_from_slice(row.table().as_bytes());
    out.extend_from_slice(b"\",\"row\":");
    row.to_json(out)?;
    out.extend_from_slice(b"}\n");
    Ok(())
}

/// What a full-scope import wrote (or, in a dry run, would write).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WholeReport {
    pub copied: Copied,
    /// Persons whose status state was rebuilt (0 in a dry run).
    pub rebuilt: u64,
    pub dry_run: bool,
}

/// A row line as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowLine<'a> {
    table: &'a str,
    #[serde(borrow)]
    row: &'a serde_json::value::RawValue,
}

/// Reads the rest of a full-scope export (after its `header`) into
/// `store`, which must be empty, then rebuilds the state kept from the
/// records: all of it or nothing (see the module's docs).
pub async fn import_whole<S: Store + Transfer>(
    store: &S,
    header: &Header,
    mut input: impl BufRead,
    options: &ImportOptions,
) -> Result<WholeReport, OpenDataError> {
    for table in header.counts.keys() {
        if !ROW_TABLES.contains(&table.as_str()) {
            return Err(line_error(
                1,
                format!("the header counts rows of an unknown table '{table}'"),
            ));
        }
    }
    let mut load = store.begin_load().await.map_err(|e| match e {
        StoreError::Invalid(_) => OpenDataError::Input(
            "this case file is not empty: a full-scope export is imported into an empty case file \
             (a new data folder or database)"
                .into(),
        ),
        other => other.into(),
    })?;
    if let Some(check) = &header.key_check {
        let check = B64
            .decode(check.as_bytes())
            .map_err(|_| line_error(1, "key_check is not base64"))?;
        if !load.key_matches(&check) {
            return Err(line_error(
                1,
                "the file's content is sealed under another key than this case file's: import it with the \
                 key of the case file it came from (its vigil.key, or VIGIL_KEY)",
            ));
        }
    }

    let mut counted: BTreeMap<String, u64> = BTreeMap::new();
    let mut batch: Vec<Row> = Vec::with_capacity(LOAD_BATCH);
    let mut first_of_batch = 2;
    let mut table_at = 0usize;
    let mut buf = Vec::new();
    let mut line = 1;
    loop {
        line += 1;
        if next_line(&mut input, line, &mut buf, options.max_line)?.is_none() {
            break;
        }
        let text = std::str::from_utf8(&buf).map_err(|_| line_error(line, "the line is not UTF-8"))?;
        let parsed: RowLine<'_> =
            serde_json::from_str(text).map_err(|e| line_error(line, format!("not a row line of JSON: {e}")))?;
        let Some(at) = ROW_TABLES.iter().position(|t| *t == parsed.table) else {
            return Err(line_error(line, format!("unknown table '{}'", parsed.table)));
        };
        if at < table_at {
            return Err(line_error(
                line,
                format!(
                    "a row of {} after rows of {}: an export gives its tables in order",
                    parsed.table, ROW_TABLES[table_at]
                ),
            ));
        }
        table_at = at;
        let row = Row::from_json(parsed.table, parsed.row.get())
            .map_err(|e| line_error(line, format!("{}: {e}", parsed.table)))?;
        *counted.entry(parsed.table.to_owned()).or_default() += 1;
        if batch.is_empty() {
            first_of_batch = line;
        }
        batch.push(row);
        if batch.len() == LOAD_BATCH {
            load_batch(&mut load, std::mem::take(&mut batch), first_of_batch, line).await?;
        }
    }
    if !batch.is_empty() {
        load_batch(&mut load, batch, first_of_batch, line - 1).await?;
    }
    for table in ROW_TABLES {
        let announced = header.counts.get(*table).copied().unwrap_or(0);
        let read = counted.get(*table).copied().unwrap_or(0);
        if read != announced {
            return Err(line_error(
                line,
                format!(
                    "the file ends here with {read} rows of {table} where its header announces {announced} \
                     (is it truncated?)"
                ),
            ));
        }
    }
    if options.dry_run {
        // Dropped unfinished: rolled back.
        let copied = load.copied();
        drop(load);
        return Ok(WholeReport {
            copied,
            rebuilt: 0,
            dry_run: true,
        });
    }
    let copied = load.finish().await?;
    // The state kept from the records is this case file's own to compute.
    let rebuilt = store.rebuild_derived().await?;
    Ok(WholeReport {
        copied,
        rebuilt,
        dry_run: false,
    })
}

/// Writes `rows` (read from lines `first` to `last`), naming those lines
/// when the store refuses them.
async fn load_batch(load: &mut impl Load, rows: Vec<Row>, first: u64, last: u64) -> Result<(), OpenDataError> {
    load.load(rows).await.map_err(|e| {
        let lines = if first == last {
            format!("line {first}")
        } else {
            format!("lines {first}–{last}")
        };
        let message = match e {
            StoreError::Invalid(errors) => errors
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join("; "),
            other => {
                // The database's own words (a duplicate key, a missing
                // campaign) are under the store's.
                let mut message = other.to_string();
                let mut source = std::error::Error::source(&other);
                while let Some(cause) = source {
                    message.push_str(": ");
                    message.push_str(&cause.to_string());
                    source = cause.source();
                }
                message
            }
        };
        OpenDataError::Input(format!("{lines}: {message}"))
    })
}
