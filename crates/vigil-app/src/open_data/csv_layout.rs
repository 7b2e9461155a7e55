//! The CSV layout of an export: one file per table, in a folder or a zip.
//!
//! Every kind of record has its table (`persons.csv`, `events.csv`, …),
//! one row per record, one column per single-valued field. Lists are link
//! tables, one row per item with its `position` (from 0), never joined
//! strings: `person_aliases.csv`, `affiliations.csv`,
//! `event_participants.csv`, `event_claims.csv` (other accounts of an
//! event, see `vigil_core::claim`, with `event_claim_bans.csv` and
//! `event_claim_participants.csv`), and `excerpts.csv` and
//! `confidential_fields.csv` for records of every kind (`record_id`).
//! `export.json` is the header of the JSON Lines export (format, version,
//! scope, time, counts by kind), so a file cut short is noticed.
//!
//! Files are RFC 4180 (a header row, `,`, `"` quoting, rows ending in
//! CRLF), UTF-8. An empty cell is no value. A cell that a
//! spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) is written with a `'` before it, and so is
//! a cell starting with `'`; an import takes one leading `'` off.
//!
//! Rows come in the order of the JSON Lines export: kind by kind, each kind
//! in the order of its ids, a record's link rows in the order of its
//! lists. An import reads every file at once in that order (a link table's
//! rows must follow the order of their records' table), builds each record
//! from its rows, and writes them all as a JSON Lines import does.
//!
//! The tables are declared once ([`TABLES`]): each column is a JSON
//! pointer into the record as the JSON API gives it, so export and import
//! cannot disagree on a field.

use std::collections::HashMap;
use std::io::{Read as _, Seek, SeekFrom, Write};
use std::path::Path;

use serde_json::{Map, Value};
use vigil_core::{Record, RecordId, RecordKind};
use vigil_store::{Store, StoreError};

use super::{
    check_header, import_records, public_header, Header, ImportOptions, ImportReport, OpenDataError, Place, Read,
    Scope, FORMAT_NAME, PAGE,
};

/// The header file of a CSV export.
pub const HEADER_FILE: &str = "export.json";

/// How a column's cells read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// Text (also a date, a duration, a term of a vocabulary, an id).
    Text,
    /// A whole number.
    Number,
    /// `true` or `false`.
    Flag,
    /// `true` when the object at the pointer is there (an event's terms,
    /// which may be there and empty).
    Present,
}

#[derive(Debug)]
struct Column {
    name: &'static str,
    /// Into the record (a main table) or into the list's item (a link
    /// table; `""` is the item itself).
    pointer: &'static str,
    cell: Cell,
}

const fn col(name: &'static str, pointer: &'static str, cell: Cell) -> Column {
    Column { name, pointer, cell }
}

/// One file of the layout.
#[derive(Debug)]
pub struct Table {
    /// The file's name (`persons.csv`).
    pub file: &'static str,
    /// The kinds of record whose rows it holds.
    kinds: &'static [RecordKind],
    /// The first column: the record's id (`id` in a main table).
    owner: &'static str,
    /// For a link table, the pointers to the lists, outermost first (a
    /// list in an item of a list: a rating rule's indicators' event types);
    /// empty for a main table.
    lists: &'static [&'static str],
    /// One position column per list.
    positions: &'static [&'static str],
    columns: &'static [Column],
}

impl Table {
    /// The header row.
    fn header(&self) -> Vec<&'static str> {
        std::iter::once(self.owner)
            .chain(self.positions.iter().copied())
            .chain(self.columns.iter().map(|c| c.name))
            .collect()
    }
}

use Cell::{Flag, Number, Present, Text};
use RecordKind as K;

const WITH_EXCERPTS: &[RecordKind] = &[
    K::Person,
    K::Organisation,
    K::Event,
    K::Mechanism,
    K::Review,
    K::Recommendation,
    K::Pledge,
    K::Assessment,
];

/// A kind's main table: one row per record, its `id` first.
const fn main_table(file: &'static str, kinds: &'static [RecordKind], columns: &'static [Column]) -> Table {
    Table {
        file,
        kinds,
        owner: "id",
        lists: &[],
        positions: &[],
        columns,
    }
}

/// The link table of one list (`lists` holds its one pointer): one row per
/// item, after the owner's id and the item's `position`.
const fn list_table(
    file: &'static str,
    kinds: &'static [RecordKind],
    owner: &'static str,
    lists: &'static [&'static str],
    columns: &'static [Column],
) -> Table {
    Table {
        file,
        kinds,
        owner,
        lists,
        positions: &["position"],
        columns,
    }
}

/// The link table of a list of event types in each of a rating rule's
/// indicators (`lists`: the indicators, then the list in each).
const fn indicator_types(file: &'static str, lists: &'static [&'static str]) -> Table {
    Table {
        file,
        kinds: &[K::RatingRule],
        owner: "rating_rule_id",
        lists,
        positions: &["indicator", "position"],
        columns: EVENT_TYPE,
    }
}

const EVENT_TYPE: &[Column] = &[col("event_type", "", Text)];

/// Every file of the layout. A kind's main table comes before its link
/// tables, and a list's table before the tables of lists in its items.
pub static TABLES: &[Table] = &[
    main_table(
        "persons.csv",
        &[K::Person],
        &[
            col("name", "/name", Text),
            col("sex", "/sex", Text),
            col("occupation", "/occupation", Text),
            col("country", "/country", Text),
            col("address", "/address", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    list_table(
        "person_aliases.csv",
        &[K::Person],
        "person_id",
        &["/aliases"],
        &[col("alias", "", Text)],
    ),
    list_table(
        "affiliations.csv",
        &[K::Person],
        "person_id",
        &["/affiliations"],
        &[
            col("organisation_id", "/organisation_id", Text),
            col("role", "/role", Text),
            col("period", "/period", Text),
        ],
    ),
    main_table(
        "organisations.csv",
        &[K::Organisation],
        &[
            col("name", "/name", Text),
            col("kind", "/kind", Text),
            col("parent_id", "/parent_id", Text),
            col("country", "/country", Text),
            col("status", "/status", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    list_table(
        "organisation_aliases.csv",
        &[K::Organisation],
        "organisation_id",
        &["/aliases"],
        &[col("alias", "", Text)],
    ),
    main_table(
        "events.csv",
        &[K::Event],
        &[
            col("type", "/type", Text),
            col("date", "/date", Text),
            col("place", "/place", Text),
            col("country", "/country", Text),
            col("title", "/title", Text),
            col("description", "/description", Text),
            col("victim_count", "/victim_count", Number),
            col("terms", "/terms", Present),
            col("imprisonment", "/terms/imprisonment", Text),
            col("restricted_freedom", "/terms/restricted_freedom", Text),
            col("fine_amount", "/terms/fine/amount", Number),
            col("fine_currency", "/terms/fine/currency", Text),
            col("fine_undisclosed", "/terms/fine/undisclosed", Flag),
            col("pattern", "/pattern", Flag),
            col("confidential", "/confidential", Flag),
        ],
    ),
    list_table(
        "event_participants.csv",
        &[K::Event],
        "event_id",
        &["/participants"],
        &[col("record_id", "/record_id", Text), col("role", "/role", Text)],
    ),
    list_table(
        "event_relates_to.csv",
        &[K::Event],
        "event_id",
        &["/relates_to"],
        &[col("related_event_id", "", Text)],
    ),
    list_table(
        "event_bans.csv",
        &[K::Event],
        "event_id",
        &["/terms/bans"],
        &[col("scope", "/scope", Text), col("duration", "/duration", Text)],
    ),
    // Other accounts of an event (see `vigil_core::claim`); the excerpts
    // stating each carry its key in `excerpts.csv`.
    list_table(
        "event_claims.csv",
        &[K::Event],
        "event_id",
        &["/claims"],
        &[
            col("key", "/key", Text),
            col("date", "/date", Text),
            col("place", "/place", Text),
            col("terms", "/terms", Present),
            col("imprisonment", "/terms/imprisonment", Text),
            col("restricted_freedom", "/terms/restricted_freedom", Text),
            col("fine_amount", "/terms/fine/amount", Number),
            col("fine_currency", "/terms/fine/currency", Text),
            col("fine_undisclosed", "/terms/fine/undisclosed", Flag),
            col("rejected", "/rejected", Text),
        ],
    ),
    Table {
        file: "event_claim_bans.csv",
        kinds: &[K::Event],
        owner: "event_id",
        lists: &["/claims", "/terms/bans"],
        positions: &["claim", "position"],
        columns: &[col("scope", "/scope", Text), col("duration", "/duration", Text)],
    },
    // Who took part by an account that names others than the event's own.
    Table {
        file: "event_claim_participants.csv",
        kinds: &[K::Event],
        owner: "event_id",
        lists: &["/claims", "/participants"],
        positions: &["claim", "position"],
        columns: &[col("record_id", "/record_id", Text), col("role", "/role", Text)],
    },
    main_table(
        "cases.csv",
        &[K::Case],
        &[
            col("title", "/title", Text),
            col("description", "/description", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    list_table(
        "case_events.csv",
        &[K::Case],
        "case_id",
        &["/event_ids"],
        &[col("event_id", "", Text)],
    ),
    list_table(
        "case_persons.csv",
        &[K::Case],
        "case_id",
        &["/person_ids"],
        &[col("person_id", "", Text)],
    ),
    main_table(
        "sources.csv",
        &[K::Source],
        &[
            col("title", "/title", Text),
            col("publisher", "/publisher", Text),
            col("language", "/language", Text),
            col("published", "/published", Text),
            col("url", "/url", Text),
            col("text", "/text", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    main_table(
        "mechanisms.csv",
        &[K::Mechanism],
        &[
            col("name", "/name", Text),
            col("kind", "/kind", Text),
            col("organisation_id", "/organisation_id", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    main_table(
        "reviews.csv",
        &[K::Review],
        &[
            col("title", "/title", Text),
            col("mechanism_id", "/mechanism_id", Text),
            col("country", "/country", Text),
            col("date", "/date", Text),
            col("session", "/session", Text),
            col("convention", "/convention", Text),
            col("case_number", "/case_number", Text),
            col("case_status", "/case_status", Text),
            col("event_id", "/event_id", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    main_table(
        "recommendations.csv",
        &[K::Recommendation],
        &[
            col("title", "/title", Text),
            col("text", "/text", Text),
            col("review_id", "/review_id", Text),
            col("recommending_state", "/recommending_state", Text),
            col("response", "/response", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    list_table(
        "recommendation_themes.csv",
        &[K::Recommendation],
        "recommendation_id",
        &["/themes"],
        &[col("theme", "", Text)],
    ),
    list_table(
        "recommendation_concerns.csv",
        &[K::Recommendation],
        "recommendation_id",
        &["/concerns"],
        &[col("record_id", "", Text)],
    ),
    main_table(
        "pledges.csv",
        &[K::Pledge],
        &[
            col("title", "/title", Text),
            col("country", "/country", Text),
            col("by_id", "/by_id", Text),
            col("date", "/date", Text),
            col("event_id", "/event_id", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    list_table(
        "pledge_themes.csv",
        &[K::Pledge],
        "pledge_id",
        &["/themes"],
        &[col("theme", "", Text)],
    ),
    main_table(
        "assessments.csv",
        &[K::Assessment],
        &[
            col("title", "/title", Text),
            col("subject_id", "/subject_id", Text),
            col("date", "/date", Text),
            col("status", "/status", Text),
            col("by_id", "/by_id", Text),
            col("note", "/note", Text),
            col("confidential", "/confidential", Flag),
        ],
    ),
    list_table(
        "assessment_evidence.csv",
        &[K::Assessment],
        "assessment_id",
        &["/evidence"],
        &[col("event_id", "/event_id", Text), col("bearing", "/bearing", Text)],
    ),
    main_table(
        "rating_rules.csv",
        &[K::RatingRule],
        &[
            col("name", "/name", Text),
            col("organisation_id", "/organisation_id", Text),
            col("description", "/description", Text),
            col("spanning_events", "/spanning_events", Text),
            col("years_from", "/years/from", Number),
            col("years_to", "/years/to", Number),
            col("confidential", "/confidential", Flag),
        ],
    ),
    list_table(
        "rating_rule_indicators.csv",
        &[K::RatingRule],
        "rating_rule_id",
        &["/indicators"],
        &[
            col("code", "/code", Text),
            col("group", "/group", Text),
            col("label", "/label", Text),
            col("weight", "/weight", Number),
            col("union_victims_only", "/union_victims_only", Flag),
        ],
    ),
    indicator_types(
        "rating_rule_indicator_event_types.csv",
        &["/indicators", "/event_types"],
    ),
    indicator_types(
        "rating_rule_indicator_relates_to_types.csv",
        &["/indicators", "/relates_to_types"],
    ),
    list_table(
        "rating_rule_thresholds.csv",
        &[K::RatingRule],
        "rating_rule_id",
        &["/thresholds"],
        &[col("min_score", "/min_score", Number), col("rating", "/rating", Text)],
    ),
    list_table(
        "excerpts.csv",
        WITH_EXCERPTS,
        "record_id",
        &["/excerpts"],
        &[
            col("source_id", "/source_id", Text),
            col("start", "/start", Number),
            col("end", "/end", Number),
            col("text", "/text", Text),
            col("claim", "/claim", Text),
        ],
    ),
    list_table(
        "confidential_fields.csv",
        RecordKind::ALL,
        "record_id",
        &["/confidential_fields"],
        &[col("field", "", Text)],
    ),
];

/// The body of a record (without its kind), as the JSON API gives it.
fn body(record: &Record) -> Result<Value, OpenDataError> {
    match serde_json::to_value(record).map_err(StoreError::backend)? {
        Value::Object(mut map) => Ok(map.remove("record").unwrap_or(Value::Null)),
        _ => Ok(Value::Null),
    }
}

fn at<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    value.pointer(pointer).filter(|v| !v.is_null())
}

/// A cell a spreadsheet would take for a formula gets a `'` before it (and
/// so does one starting with `'`, so that an import can take it off).
fn formula_safe(text: String) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{text}"),
        _ => text,
    }
}

fn unescape(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

fn cell_of(value: &Value, column: &Column) -> String {
    let found = at(value, column.pointer);
    let text = match (column.cell, found) {
        (_, None) => String::new(),
        (Present, Some(_)) => "true".into(),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(Value::Bool(b))) => b.to_string(),
        (_, Some(Value::Number(n))) => n.to_string(),
        (_, Some(other)) => other.to_string(),
    };
    formula_safe(text)
}

/// The rows of `table` for one record's body.
fn rows_of(
    table: &Table,
    id: &str,
    body: &Value,
    out: &mut dyn FnMut(Vec<String>) -> Result<(), OpenDataError>,
) -> Result<(), OpenDataError> {
    fn walk(
        table: &Table,
        id: &str,
        item: &Value,
        depth: usize,
        positions: &mut Vec<usize>,
        out: &mut dyn FnMut(Vec<String>) -> Result<(), OpenDataError>,
    ) -> Result<(), OpenDataError> {
        if depth == table.lists.len() {
            let mut row = Vec::with_capacity(1 + positions.len() + table.columns.len());
            row.push(formula_safe(id.to_owned()));
            row.extend(positions.iter().map(usize::to_string));
            row.extend(table.columns.iter().map(|c| cell_of(item, c)));
            return out(row);
        }
        if let Some(Value::Array(items)) = at(item, table.lists[depth]) {
            for (i, inner) in items.iter().enumerate() {
                positions.push(i);
                walk(table, id, inner, depth + 1, positions, out)?;
                positions.pop();
            }
        }
        Ok(())
    }
    walk(table, id, body, 0, &mut Vec::new(), out)
}

/// A CSV export in progress, writing each table to its own writer.
struct Writers<W: Write> {
    tables: Vec<(&'static Table, csv::Writer<W>)>,
}

impl<W: Write> Writers<W> {
    fn new(mut open: impl FnMut(&Table) -> std::io::Result<W>) -> Result<Self, OpenDataError> {
        let mut tables = Vec::with_capacity(TABLES.len());
        for table in TABLES {
            let mut writer = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(open(table)?);
            writer.write_record(table.header()).map_err(csv_error)?;
            tables.push((table, writer));
        }
        Ok(Self { tables })
    }

    fn record(&mut self, record: &Record) -> Result<(), OpenDataError> {
        let kind = record.kind();
        let body = body(record)?;
        let id = record.id().as_str();
        for (table, writer) in &mut self.tables {
            if !table.kinds.contains(&kind) {
                continue;
            }
            rows_of(table, id, &body, &mut |row| {
                writer.write_record(&row).map_err(csv_error)
            })?;
        }
        Ok(())
    }

    fn finish(self) -> Result<Vec<(&'static Table, W)>, OpenDataError> {
        let mut out = Vec::with_capacity(self.tables.len());
        for (table, writer) in self.tables {
            let inner = writer
                .into_inner()
                .map_err(|e| OpenDataError::Io(std::io::Error::other(e.to_string())))?;
            out.push((table, inner));
        }
        Ok(out)
    }
}

fn csv_error(e: csv::Error) -> OpenDataError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => OpenDataError::Io(e),
        other => OpenDataError::Input(format!("{other:?}")),
    }
}

/// Reads the case file (as `scope` may see it) page by page into one
/// writer per table; answers the header (`export.json`).
async fn write_tables<S: Store, W: Write>(
    store: &S,
    scope: Scope,
    open: impl FnMut(&Table) -> std::io::Result<W>,
) -> Result<(Header, Vec<(&'static Table, W)>), OpenDataError> {
    let (visibility, header) = public_header(
        store,
        scope,
        "a full-scope CSV export is not available: export the public scope",
    )
    .await?;
    let mut writers = Writers::new(open)?;
    for kind in RecordKind::ALL {
        let mut after: Option<RecordId> = None;
        loop {
            let page = store.records_page(*kind, after.as_ref(), PAGE, visibility).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id().clone());
            for record in &page {
                writers.record(record)?;
            }
        }
    }
    Ok((header, writers.finish()?))
}

fn header_bytes(header: &Header) -> Result<Vec<u8>, OpenDataError> {
    let mut bytes = serde_json::to_vec_pretty(header).map_err(StoreError::backend)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Exports into a new folder `dir` (which must not exist): `export.json`
/// and one file per table. Answers the header.
pub async fn export_folder<S: Store>(store: &S, scope: Scope, dir: &Path) -> Result<Header, OpenDataError> {
    std::fs::create_dir(dir)?;
    let (header, files) = write_tables(store, scope, |table| {
        std::fs::File::create(dir.join(table.file)).map(|f| std::io::BufWriter::with_capacity(1 << 16, f))
    })
    .await?;
    for (_, mut file) in files {
        file.flush()?;
    }
    std::fs::write(dir.join(HEADER_FILE), header_bytes(&header)?)?;
    Ok(header)
}

/// Exports as one zip written to `out`: each table is written to a
/// temporary file first (the store is read once), then deflated into the
/// zip, `export.json` first. Answers the header.
pub async fn export_zip<S: Store, W: Write + Seek>(store: &S, scope: Scope, out: W) -> Result<Header, OpenDataError> {
    let (header, files) = write_tables(store, scope, |_| {
        tempfile::tempfile().map(|f| std::io::BufWriter::with_capacity(1 << 16, f))
    })
    .await?;
    let mut zip = zip::ZipWriter::new(out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file(HEADER_FILE, options).map_err(zip_error)?;
    zip.write_all(&header_bytes(&header)?)?;
    for (table, file) in files {
        let mut file = file
            .into_inner()
            .map_err(|e| OpenDataError::Io(std::io::Error::other(e.to_string())))?;
        file.seek(SeekFrom::Start(0))?;
        zip.start_file(table.file, options).map_err(zip_error)?;
        std::io::copy(&mut file, &mut zip)?;
    }
    zip.finish().map_err(zip_error)?.flush()?;
    Ok(header)
}

fn zip_error(e: zip::result::ZipError) -> OpenDataError {
    match e {
        zip::result::ZipError::Io(e) => OpenDataError::Io(e),
        other => OpenDataError::Input(format!("not a readable zip: {other}")),
    }
}

/// The CSV reader's buffer.
const CSV_BUFFER: u64 = 8 * 1024;

/// A file read at most `max` bytes a row: a longer row is refused after
/// reading that much of it (and at most the CSV reader's buffer more), not
/// held whole.
struct Capped {
    inner: std::io::BufReader<std::fs::File>,
    /// Bytes handed to the CSV reader.
    read: u64,
    /// Where the row being read begins.
    row_start: u64,
    max: usize,
}

/// The error [`Capped`] stops with.
#[derive(Debug, thiserror::Error)]
#[error("the row is longer than {0} bytes")]
struct TooLong(usize);

impl std::io::Read for Capped {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read.saturating_sub(self.row_start) > self.max as u64 + CSV_BUFFER {
            return Err(std::io::Error::other(TooLong(self.max)));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// One table being read: its rows in order, one looked at ahead.
struct Rows {
    table: &'static Table,
    file: &'static str,
    reader: csv::Reader<Capped>,
    /// The line the next row starts on (counted here: the CSV reader
    /// counts a CRLF's line only once it reads the next row).
    line: u64,
    next: Option<(u64, csv::StringRecord)>,
}

impl Rows {
    fn open(table: &'static Table, mut file: std::fs::File, max_line: usize) -> Result<Self, OpenDataError> {
        let name = table.file;
        let at = |line: u64, message: String| Place::Row { file: name, line }.error(message);
        // A file cut short ends in the middle of a row.
        let len = file.seek(SeekFrom::End(0))?;
        if len == 0 {
            return Err(at(1, "the file is empty: it starts with its header row".into()));
        }
        file.seek(SeekFrom::End(-1))?;
        let mut last = [0u8];
        file.read_exact(&mut last)?;
        file.seek(SeekFrom::Start(0))?;
        let mut reader = csv::ReaderBuilder::new()
            .buffer_capacity(CSV_BUFFER as usize)
            .has_headers(false)
            .flexible(true)
            .from_reader(Capped {
                inner: std::io::BufReader::with_capacity(1 << 16, file),
                read: 0,
                row_start: 0,
                max: max_line,
            });
        let mut header = csv::StringRecord::new();
        if !reader.read_record(&mut header).map_err(|e| read_error(name, 1, e))? {
            return Err(at(1, "the file is empty: it starts with its header row".into()));
        }
        let expected = table.header();
        if header.iter().collect::<Vec<_>>() != expected {
            return Err(at(
                1,
                format!("the columns are not this table's: {}", expected.join(",")),
            ));
        }
        let mut rows = Self {
            table,
            file: name,
            reader,
            line: 2,
            next: None,
        };
        rows.advance()?;
        if last[0] != b'\n' {
            // Find the last row's line to name it.
            return Err(rows.last_line_error()?);
        }
        Ok(rows)
    }

    fn last_line_error(&mut self) -> Result<OpenDataError, OpenDataError> {
        let mut line = 1;
        while let Some((at, _)) = self.next.take() {
            line = at;
            self.advance()?;
        }
        Ok(Place::Row { file: self.file, line }.error("the file ends in the middle of this row (is it truncated?)"))
    }

    fn advance(&mut self) -> Result<(), OpenDataError> {
        let mut row = csv::StringRecord::new();
        let line = self.line;
        let start = self.reader.position().byte();
        self.reader.get_mut().row_start = start;
        self.next = if self
            .reader
            .read_record(&mut row)
            .map_err(|e| read_error(self.file, line, e))?
        {
            let breaks: usize = row.iter().map(|cell| cell.matches('\n').count()).sum();
            self.line = line + breaks as u64 + 1;
            let width = self.table.header().len();
            if row.len() != width {
                return Err(Place::Row { file: self.file, line }
                    .error(format!("{} cells where the header has {width}", row.len())));
            }
            Some((line, row))
        } else {
            None
        };
        Ok(())
    }

    /// The next row if it belongs to `id`.
    fn take_for(&mut self, id: &str) -> Result<Option<(u64, csv::StringRecord)>, OpenDataError> {
        match &self.next {
            Some((_, row)) if unescape(&row[0]) == id => {
                let taken = self.next.take();
                self.advance()?;
                Ok(taken)
            }
            _ => Ok(None),
        }
    }
}

fn read_error(file: &'static str, line: u64, e: csv::Error) -> OpenDataError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => match e.get_ref().and_then(|inner| inner.downcast_ref::<TooLong>()) {
            Some(too_long) => Place::Row { file, line }.error(too_long.to_string()),
            None => OpenDataError::Io(e),
        },
        csv::ErrorKind::Utf8 { .. } => Place::Row { file, line }.error("the row is not UTF-8"),
        other => Place::Row { file, line }.error(format!("not a CSV row: {other:?}")),
    }
}

/// The value a cell stands for (`None`: empty, no value).
fn value_of(cell: &str, column: &Column) -> Result<Option<Value>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    let cell = unescape(cell);
    match column.cell {
        Text => Ok(Some(Value::String(cell.to_owned()))),
        Number => cell
            .parse::<u64>()
            .map(Value::from)
            .or_else(|_| cell.parse::<i64>().map(Value::from))
            .map(Some)
            .map_err(|_| format!("{}: '{cell}' is not a whole number", column.name)),
        Flag | Present => match cell {
            "true" => Ok(Some(if column.cell == Present {
                Value::Object(Map::new())
            } else {
                Value::Bool(true)
            })),
            "false" if column.cell == Flag => Ok(Some(Value::Bool(false))),
            _ => Err(format!("{}: '{cell}' is neither true nor false", column.name)),
        },
    }
}

/// Puts `value` at `pointer` in `target`, making the objects on the way.
fn put(target: &mut Value, pointer: &str, value: Value) {
    let mut here = target;
    let mut keys = pointer.split('/').skip(1).peekable();
    if keys.peek().is_none() {
        *here = value;
        return;
    }
    while let Some(key) = keys.next() {
        if !here.is_object() {
            *here = Value::Object(Map::new());
        }
        let Value::Object(map) = here else { return };
        if keys.peek().is_none() {
            // An object already there (terms made by an inner column) stays.
            if !(value.is_object() && map.get(key).is_some_and(Value::is_object)) {
                map.insert(key.to_owned(), value);
            }
            return;
        }
        here = map.entry(key.to_owned()).or_insert_with(|| Value::Object(Map::new()));
    }
}

/// The item a row of `table` fills, read from `row`'s cells.
fn item_of(table: &Table, row: &csv::StringRecord, place: Place) -> Result<Value, OpenDataError> {
    let first = 1 + table.positions.len();
    let mut item = if table.columns.len() == 1 && table.columns[0].pointer.is_empty() {
        Value::Null
    } else {
        Value::Object(Map::new())
    };
    for (i, column) in table.columns.iter().enumerate() {
        if let Some(value) = value_of(&row[first + i], column).map_err(|m| place.error(m))? {
            put(&mut item, column.pointer, value);
        }
    }
    Ok(item)
}

/// Appends a link row's item to its record's body, at its positions.
fn link(body: &mut Value, table: &Table, row: &csv::StringRecord, place: Place) -> Result<(), OpenDataError> {
    let item = item_of(table, row, place)?;
    let mut here = body;
    for (depth, list) in table.lists.iter().enumerate() {
        let position: usize = row[1 + depth].parse().map_err(|_| {
            place.error(format!(
                "{}: '{}' is not a position",
                table.positions[depth],
                &row[1 + depth]
            ))
        })?;
        if here.pointer(list).is_none_or(Value::is_null) {
            put(here, list, Value::Array(Vec::new()));
        }
        let Some(Value::Array(items)) = here.pointer_mut(list) else {
            return Err(place.error(format!("{}: not a list", &list[1..])));
        };
        let last = depth + 1 == table.lists.len();
        if last {
            if position != items.len() {
                return Err(place.error(format!(
                    "{}: {position} where {} comes next (a record's rows in order, from 0)",
                    table.positions[depth],
                    items.len()
                )));
            }
            items.push(item);
            return Ok(());
        }
        match items.get_mut(position) {
            Some(inner) => here = inner,
            None => {
                return Err(place.error(format!(
                    "{}: there is no item {position} of {} for this record",
                    table.positions[depth],
                    &list[1..]
                )))
            }
        }
    }
    Ok(())
}

/// Where a CSV export is read from.
pub enum CsvInput<'a> {
    /// A folder of `export.json` and the tables' files.
    Folder(&'a Path),
    /// A zip of them.
    Zip(&'a Path),
}

/// Opens every file of the layout (a zip's files copied out to temporary
/// files first, to be read side by side); answers the header.
fn open_files(input: &CsvInput<'_>) -> Result<(Header, Vec<std::fs::File>), OpenDataError> {
    let missing = |file: &str| {
        OpenDataError::Input(format!(
            "{file} is missing: a CSV export holds {HEADER_FILE} and every table's file"
        ))
    };
    let (header_bytes, files) = match input {
        CsvInput::Folder(dir) => {
            check_names(
                std::fs::read_dir(dir)?
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned()),
            )?;
            let header = std::fs::read(dir.join(HEADER_FILE)).map_err(|_| missing(HEADER_FILE))?;
            let mut files = Vec::with_capacity(TABLES.len());
            for table in TABLES {
                files.push(std::fs::File::open(dir.join(table.file)).map_err(|_| missing(table.file))?);
            }
            (header, files)
        }
        CsvInput::Zip(path) => {
            let mut zip = zip::ZipArchive::new(std::fs::File::open(path)?).map_err(zip_error)?;
            check_names(zip.file_names().map(str::to_owned).collect::<Vec<_>>())?;
            let mut header = Vec::new();
            zip.by_name(HEADER_FILE)
                .map_err(|_| missing(HEADER_FILE))?
                .take(1 << 20)
                .read_to_end(&mut header)
                .map_err(|e| OpenDataError::Input(format!("{HEADER_FILE}: {e}")))?;
            let mut files = Vec::with_capacity(TABLES.len());
            for table in TABLES {
                let mut entry = zip.by_name(table.file).map_err(|_| missing(table.file))?;
                let mut file = tempfile::tempfile()?;
                std::io::copy(&mut entry, &mut file)
                    .map_err(|e| OpenDataError::Input(format!("{}: cannot unzip: {e}", table.file)))?;
                file.seek(SeekFrom::Start(0))?;
                files.push(file);
            }
            (header, files)
        }
    };
    let header: Header = serde_json::from_slice(&header_bytes)
        .ok()
        .filter(|h: &Header| h.format == FORMAT_NAME)
        .ok_or_else(|| OpenDataError::Input(format!("{HEADER_FILE}: not the header of a {FORMAT_NAME} export")))?;
    check_header(&header).map_err(|m| OpenDataError::Input(format!("{HEADER_FILE}: {m}")))?;
    Ok((header, files))
}

/// A `.csv` file that is no table of the layout is refused (a misspelt
/// name would otherwise leave its rows out).
fn check_names(names: impl IntoIterator<Item = String>) -> Result<(), OpenDataError> {
    for name in names {
        if name.ends_with(".csv") && !TABLES.iter().any(|t| t.file == name) {
            return Err(OpenDataError::Input(format!(
                "{name} is no table of the CSV layout (its tables: {})",
                TABLES.iter().map(|t| t.file).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    Ok(())
}

/// Reads a CSV export (a folder or a zip) and writes it into `store`, all
/// of it or nothing, every record checked as any write is; a row at fault
/// is named by its file and line.
pub async fn import_csv<S: Store>(
    store: &S,
    input: CsvInput<'_>,
    options: &ImportOptions,
) -> Result<ImportReport, OpenDataError> {
    let (header, files) = open_files(&input)?;
    let mut tables = Vec::with_capacity(TABLES.len());
    for (table, file) in TABLES.iter().zip(files) {
        tables.push(Rows::open(table, file, options.max_line)?);
    }
    let mut records: Vec<Read> = Vec::new();
    let mut places: HashMap<RecordId, Place> = HashMap::new();
    for kind in RecordKind::ALL {
        let Some(main) = tables
            .iter()
            .position(|t| t.table.lists.is_empty() && t.table.kinds.contains(kind))
        else {
            continue;
        };
        let links: Vec<usize> = (0..tables.len())
            .filter(|&i| i != main && tables[i].table.kinds.contains(kind))
            .collect();
        let mut read = 0u64;
        while let Some((line, row)) = tables[main].next.take() {
            tables[main].advance()?;
            let file = tables[main].file;
            let place = Place::Row { file, line };
            let table = tables[main].table;
            let id = unescape(&row[0]).to_owned();
            let mut body = item_of(table, &row, place)?;
            put(&mut body, "/id", Value::String(id.clone()));
            for &l in &links {
                while let Some((line, row)) = tables[l].take_for(&id)? {
                    let place = Place::Row {
                        file: tables[l].file,
                        line,
                    };
                    link(&mut body, tables[l].table, &row, place)?;
                }
            }
            let tagged = serde_json::json!({"kind": kind.as_str(), "record": body});
            let record: Record = serde_path_to_error::deserialize(tagged).map_err(|e| {
                let path = e.path().to_string();
                let path = path.strip_prefix("record.").unwrap_or(&path).to_owned();
                place.error(format!("{path}: {}", e.inner()))
            })?;
            if let Some(first) = places.insert(record.id().clone(), place) {
                return Err(place.error(format!("duplicate id '{}' (first on {first})", record.id())));
            }
            records.push(Read { place, record });
            read += 1;
        }
        let announced = header.counts.get(kind.as_str()).copied().unwrap_or(0);
        if read != announced {
            return Err(Place::Row {
                file: tables[main].file,
                line: tables[main].line,
            }
            .error(format!(
                "the file ends here, after {read} records where {HEADER_FILE} announces {announced} (is it truncated?)"
            )));
        }
    }
    // Rows left over belong to no record read, or are out of order.
    for rows in &tables {
        if let Some((line, row)) = &rows.next {
            return Err(Place::Row {
                file: rows.file,
                line: *line,
            }
            .error(format!(
                "'{}' is not a record read before this row: a link table's rows follow the order of their records' table",
                unescape(&row[0])
            )));
        }
    }
    import_records(store, records, places, options).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_main_table() {
        for kind in RecordKind::ALL {
            let mains = TABLES
                .iter()
                .filter(|t| t.lists.is_empty() && t.kinds.contains(kind))
                .count();
            assert_eq!(mains, 1, "{kind}");
        }
    }

    #[test]
    fn formula_cells_are_defused_and_read_back() {
        for text in ["=SUM(A1)", "+1", "-2", "@x", "\tx", "\rx", "'quoted", "plain", ""] {
            let safe = formula_safe(text.to_owned());
            assert!(!safe.starts_with(['=', '+', '-', '@', '\t', '\r']), "{safe}");
            let back = if safe.is_empty() { "" } else { unescape(&safe) };
            assert_eq!(back, text);
        }
    }
}
