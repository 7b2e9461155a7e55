//! Open data: the case file out as JSON Lines (`vigil export`,
//! `GET /api/v1/export`) and back in (`vigil import`).
//!
//! An export is a header line, then one line per record:
//!
//! ```text
//! {"format":"vigil-export","version":1,"scope":"public","exported_at":"…","counts":{"person":2,…}}
//! {"kind":"person","id":"ana-lopez","deleted":false,"record":{…}}
//! ```
//!
//! Records come kind by kind (in the order of [`RecordKind::ALL`]), each
//! kind in the order of its ids, read from the store page by page: an
//! export of any size takes the memory of one page. The `public` scope is
//! what an anonymous reader sees, read through the store's public reads (no
//! confidential record or field, no reference to a confidential record).
//!
//! An import reads such a file whole, checks every line, then writes
//! everything in one transaction ([`vigil_store::Store::write_all`]): all
//! of it or nothing, every record checked as any write is. A line at fault
//! is named by its number.
//!
//! The `full` scope (everything as stored, for admins, and back into an
//! empty case file) is [`full`]; [`import`] reads either.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;

pub mod csv_layout;
pub mod full;
pub mod popolo;

use serde::{Deserialize, Serialize};
use vigil_core::{Record, RecordId, RecordKind};
use vigil_store::{Change, Store, StoreError, Visibility};

/// The version of the JSON Lines format this module writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// What the header line's `format` says.
pub const FORMAT_NAME: &str = "vigil-export";

/// Records read from the store at a time.
const PAGE: u32 = 500;

/// The longest line an import reads (a source's whole text is on one line).
pub const MAX_LINE: usize = 64 * 1024 * 1024;

/// How much of the case file an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Exactly what an anonymous reader sees.
    Public,
    /// Everything, confidential content included (for admins).
    Full,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Public => "public",
            Scope::Full => "full",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Scope::Public),
            "full" => Some(Scope::Full),
            _ => None,
        }
    }
}

/// The first line of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub scope: Scope,
    /// RFC 3339.
    pub exported_at: String,
    /// Live records of each kind, by the kind's machine name; in the full
    /// scope, rows of each table, by the table's name.
    pub counts: std::collections::BTreeMap<String, u64>,
    /// Full scope: the case file's key check (base64; see
    /// `vigil_store::seal::key_check`), which tells an import whether its
    /// key opens the sealed content, and reveals nothing of the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_check: Option<String>,
}

/// Why an export or import stopped.
#[derive(Debug, thiserror::Error)]
pub enum OpenDataError {
    /// A line of the input at fault (numbered from 1).
    #[error("line {line}: {message}")]
    Line { line: u64, message: String },
    /// A line of one file of the CSV layout at fault (numbered from 1, the
    /// header row being line 1).
    #[error("{file} line {line}: {message}")]
    Row { file: String, line: u64, message: String },
    /// The input as a whole at fault.
    #[error("{0}")]
    Input(String),
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot read the input: {0}")]
    Io(#[from] std::io::Error),
}

impl OpenDataError {
    /// Why, in `lang`: the place at fault in words; the detail of a line
    /// (a JSON parser's account, a check's) as the checks give it.
    pub fn words(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Arg;
        if lang == crate::i18n::Lang::En {
            return self.to_string();
        }
        // The usual accounts of a line, by what they say; their detail (a
        // JSON parser's, in English) is left out.
        let detail = |message: &str| {
            if let Some(words) = crate::readback::said_deep(lang, message) {
                return words;
            }
            let key = [
                ("the line is longer than", "open-data-too-long"),
                ("the line is not UTF-8", "open-data-not-utf8"),
                ("not a record line of JSON", "open-data-not-json"),
                ("unknown kind", "open-data-unknown-kind"),
                ("not the header of a", "open-data-not-header"),
                ("an empty line", "open-data-empty-line"),
                ("the case file already holds", "open-data-already-holds"),
                ("the file ends here", "open-data-truncated"),
                ("the file ends in the middle", "open-data-truncated"),
                ("the file is empty", "open-data-empty-file"),
                ("duplicate id", "open-data-duplicate-id"),
                ("is a deleted record of the case file", "open-data-deleted"),
                ("is not its record's id", "open-data-id-mismatch"),
                ("a deleted record is only carried by", "open-data-deleted-in-public"),
            ]
            .into_iter()
            .find(|(said, _)| message.contains(said));
            // A JSON parser's account is said as its kind and place.
            let json = ["not a record line of JSON: ", "not a row line of JSON: "]
                .iter()
                .find_map(|p| message.strip_prefix(p));
            match (key, json) {
                (Some((_, key)), Some(fault)) => {
                    format!("{}: {}", lang.tr(key), crate::readback::json_fault(lang, fault))
                }
                (Some((_, key)), None) => lang.tr(key),
                (None, _) => crate::field_message(lang, message),
            }
        };
        match self {
            OpenDataError::Line { line, message } => lang.tr_with(
                "open-data-line",
                &[("number", Arg::Number(*line)), ("message", Arg::Text(&detail(message)))],
            ),
            OpenDataError::Row { file, line, message } => lang.tr_with(
                "open-data-row",
                &[
                    ("name", Arg::Text(file)),
                    ("number", Arg::Number(*line)),
                    ("message", Arg::Text(&detail(message))),
                ],
            ),
            OpenDataError::Input(message) => detail(message),
            OpenDataError::Store(s) => crate::store_words(s, lang),
            OpenDataError::Io(e) => lang.tr_with("open-data-io", &[("message", Arg::Text(&e.to_string()))]),
        }
    }
}

pub(crate) fn line_error(line: u64, message: impl Into<String>) -> OpenDataError {
    OpenDataError::Line {
        line,
        message: message.into(),
    }
}

/// Where a record was read: a line of a JSON Lines file, or a row of a
/// file of the CSV layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Line(u64),
    Row { file: &'static str, line: u64 },
}

impl Place {
    pub(crate) fn error(self, message: impl Into<String>) -> OpenDataError {
        match self {
            Place::Line(line) => line_error(line, message),
            Place::Row { file, line } => OpenDataError::Row {
                file: file.to_owned(),
                line,
                message: message.into(),
            },
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(line) => write!(f, "line {line}"),
            Place::Row { file, line } => write!(f, "{file} line {line}"),
        }
    }
}

/// The visibility and header of an export of the public scope, read
/// through the store's public reads; the full scope is refused with
/// `full_scope` (which says where to go instead).
pub(crate) async fn public_header<S: Store>(
    store: &S,
    scope: Scope,
    full_scope: &str,
) -> Result<(Visibility, Header), OpenDataError> {
    let visibility = match scope {
        Scope::Public => Visibility::Public,
        Scope::Full => return Err(OpenDataError::Input(full_scope.to_owned())),
    };
    let counts = store.counts_by_kind(visibility).await?;
    let header = Header {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        scope,
        exported_at: now_rfc3339(),
        counts: counts.into_iter().map(|(k, n)| (k.as_str().to_owned(), n)).collect(),
        key_check: None,
    };
    Ok((visibility, header))
}

/// A JSON Lines export in progress: [`Self::next_chunk`] hands out the
/// header, then one page of records at a time, until `None`.
pub struct JsonlExport<S> {
    store: S,
    visibility: Visibility,
    header: Option<Vec<u8>>,
    kind: usize,
    after: Option<RecordId>,
}

impl<S: Store> JsonlExport<S> {
    /// Starts an export of the public scope, read through the store's
    /// public reads (the full scope is [`full::FullExport`]).
    pub async fn start(store: S, scope: Scope) -> Result<Self, OpenDataError> {
        let (visibility, header) = public_header(
            &store,
            scope,
            "a full-scope export is read from the store as stored: use open_data::full::FullExport",
        )
        .await?;
        let mut line = serde_json::to_vec(&header).map_err(StoreError::backend)?;
        line.push(b'\n');
        Ok(Self {
            store,
            visibility,
            header: Some(line),
            kind: 0,
            after: None,
        })
    }

    /// The next lines of the export (whole lines), or `None` at the end.
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, OpenDataError> {
        if let Some(header) = self.header.take() {
            return Ok(Some(header));
        }
        while let Some(kind) = RecordKind::ALL.get(self.kind) {
            let page = self
                .store
                .records_page(*kind, self.after.as_ref(), PAGE, self.visibility)
                .await?;
            // The store reads PAGE rows and may leave some out (for the
            // public); the last id read is where the next page starts.
            let Some(last) = page.last() else {
                self.kind += 1;
                self.after = None;
                continue;
            };
            self.after = Some(last.id().clone());
            let mut out = Vec::with_capacity(page.len() * 512);
            for record in &page {
                write_record_line(&mut out, record, false)?;
            }
            return Ok(Some(out));
        }
        Ok(None)
    }
}

pub(crate) fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Appends `{"kind":…,"id":…,"deleted":…,"record":{…}}` and a newline.
pub fn write_record_line(out: &mut Vec<u8>, record: &Record, deleted: bool) -> Result<(), OpenDataError> {
    #[derive(Serialize)]
    struct Line<'a, T: Serialize> {
        kind: &'static str,
        id: &'a str,
        deleted: bool,
        record: &'a T,
    }
    macro_rules! line {
        ($r:expr) => {
            serde_json::to_writer(
                &mut *out,
                &Line {
                    kind: record.kind().as_str(),
                    id: record.id().as_str(),
                    deleted,
                    record: $r,
                },
            )
        };
    }
    match record {
        Record::Person(r) => line!(r),
        Record::Organisation(r) => line!(r),
        Record::Event(r) => line!(r),
        Record::Case(r) => line!(r),
        Record::Source(r) => line!(r),
        Record::Mechanism(r) => line!(r),
        Record::Review(r) => line!(r),
        Record::Recommendation(r) => line!(r),
        Record::Pledge(r) => line!(r),
        Record::Assessment(r) => line!(r),
        Record::RatingRule(r) => line!(r),
    }
    .map_err(StoreError::backend)?;
    out.push(b'\n');
    Ok(())
}

/// What to do with a record whose id the case file already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnConflict {
    /// Refuse the import.
    Fail,
    /// Keep the case file's record.
    Skip,
    /// Replace the case file's record with the imported one (a revision
    /// whose reason names the import), when they differ.
    Update,
}

impl OnConflict {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "fail" => Some(OnConflict::Fail),
            "skip" => Some(OnConflict::Skip),
            "update" => Some(OnConflict::Update),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub on_conflict: OnConflict,
    pub dry_run: bool,
    /// The author of every revision the import writes.
    pub author: String,
    /// What the import is called in revisions' reasons (the file's name).
    pub name: String,
    /// The longest line read ([`MAX_LINE`]); a longer one is refused
    /// after reading at most this much of it.
    pub max_line: usize,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub created: u64,
    pub updated: u64,
    /// Records the case file held already, kept as they were (`skip`).
    pub skipped: u64,
    /// Records the case file held already, the same as imported.
    pub unchanged: u64,
    pub dry_run: bool,
}

/// A record read from a line (or a row).
pub(crate) struct Read {
    pub(crate) place: Place,
    pub(crate) record: Record,
}

/// One line, at most [`MAX_LINE`] bytes, without its newline; `None` at the
/// end. A last line without its newline means the file was cut short.
pub(crate) fn next_line(
    input: &mut impl BufRead,
    line: u64,
    buf: &mut Vec<u8>,
    max_line: usize,
) -> Result<Option<()>, OpenDataError> {
    buf.clear();
    let read = std::io::Read::take(&mut *input, max_line as u64 + 1).read_until(b'\n', buf)?;
    if read == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') {
        if buf.len() > max_line {
            return Err(line_error(line, format!("the line is longer than {max_line} bytes")));
        }
        return Err(line_error(
            line,
            "the file ends in the middle of this line (is it truncated?)",
        ));
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(()))
}

/// A record line as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordLine<'a> {
    kind: String,
    id: String,
    deleted: bool,
    #[serde(borrow)]
    record: &'a serde_json::value::RawValue,
}

fn parse_record(line: u64, bytes: &[u8]) -> Result<Record, OpenDataError> {
    let text = std::str::from_utf8(bytes).map_err(|_| line_error(line, "the line is not UTF-8"))?;
    let parsed: RecordLine<'_> =
        serde_json::from_str(text).map_err(|e| line_error(line, format!("not a record line of JSON: {e}")))?;
    let kind: RecordKind = parsed
        .kind
        .parse()
        .map_err(|e| line_error(line, format!("unknown kind: {e}")))?;
    if parsed.deleted {
        return Err(line_error(
            line,
            "a deleted record is only carried by a full-scope export, which this import does not read",
        ));
    }
    // The record as the store's JSON has it: its kind beside it.
    let tagged = format!("{{\"kind\":\"{}\",\"record\":{}}}", kind.as_str(), parsed.record.get());
    let mut de = serde_json::Deserializer::from_str(&tagged);
    let record: Record = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let path = path.strip_prefix("record.").unwrap_or(&path).to_owned();
        line_error(line, format!("{path}: {}", e.inner()))
    })?;
    if record.id().as_str() != parsed.id {
        return Err(line_error(
            line,
            format!("the line's id '{}' is not its record's id '{}'", parsed.id, record.id()),
        ));
    }
    Ok(record)
}

/// What an import of a JSON Lines file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Imported {
    /// A public-scope export: records created, updated, skipped.
    Records(ImportReport),
    /// A full-scope export: a whole case file loaded into an empty one.
    Whole(full::WholeReport),
}

/// Reads a JSON Lines export of either scope from `input` and writes it
/// into `store`, all of it or nothing: a public-scope file as records
/// ([`import_jsonl`]), a full-scope one whole into an empty case file
/// ([`full::import_whole`]).
pub async fn import<S: Store + vigil_store::transfer::Transfer>(
    store: &S,
    mut input: impl BufRead,
    options: &ImportOptions,
) -> Result<Imported, OpenDataError> {
    let header = read_header(&mut input, options)?;
    match header.scope {
        Scope::Full => Ok(Imported::Whole(
            full::import_whole(store, &header, input, options).await?,
        )),
        Scope::Public => Ok(Imported::Records(import_public(store, &header, input, options).await?)),
    }
}

/// Reads and checks the header line.
fn read_header(input: &mut impl BufRead, options: &ImportOptions) -> Result<Header, OpenDataError> {
    let mut buf = Vec::new();
    if next_line(input, 1, &mut buf, options.max_line)?.is_none() {
        return Err(OpenDataError::Input(
            "the file is empty: an export starts with its header line".into(),
        ));
    }
    let header: Header = std::str::from_utf8(&buf)
        .ok()
        .and_then(|t| serde_json::from_str(t).ok())
        .filter(|h: &Header| h.format == FORMAT_NAME)
        .ok_or_else(|| line_error(1, format!("not the header of a {FORMAT_NAME} JSON Lines file")))?;
    if header.version != FORMAT_VERSION {
        return Err(line_error(
            1,
            format!(
                "format version {} cannot be read (this Vigil reads version {FORMAT_VERSION})",
                header.version
            ),
        ));
    }
    Ok(header)
}

/// Reads a public-scope JSON Lines export from `input` and writes it into
/// `store`, all of it or nothing (see the module's documentation).
pub async fn import_jsonl<S: Store>(
    store: &S,
    mut input: impl BufRead,
    options: &ImportOptions,
) -> Result<ImportReport, OpenDataError> {
    let header = read_header(&mut input, options)?;
    import_public(store, &header, input, options).await
}

async fn import_public<S: Store>(
    store: &S,
    header: &Header,
    mut input: impl BufRead,
    options: &ImportOptions,
) -> Result<ImportReport, OpenDataError> {
    check_header(header).map_err(|m| line_error(1, m))?;
    let mut buf = Vec::new();
    let announced: u64 = header.counts.values().sum();

    let mut records: Vec<Read> = Vec::new();
    let mut lines_of: HashMap<RecordId, Place> = HashMap::new();
    let mut line = 1;
    loop {
        line += 1;
        if next_line(&mut input, line, &mut buf, options.max_line)?.is_none() {
            break;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            return Err(line_error(line, "an empty line"));
        }
        let record = parse_record(line, &buf)?;
        if let Some(first) = lines_of.insert(record.id().clone(), Place::Line(line)) {
            return Err(line_error(
                line,
                format!("duplicate id '{}' (first on {first})", record.id()),
            ));
        }
        records.push(Read {
            place: Place::Line(line),
            record,
        });
    }
    if records.len() as u64 != announced {
        return Err(line_error(
            line,
            format!(
                "the file ends here, after {} records where its header announces {announced} (is it truncated?)",
                records.len()
            ),
        ));
    }
    import_records(store, records, lines_of, options).await
}

/// What an import can read of a header: this format's version, the
/// public scope.
pub(crate) fn check_header(header: &Header) -> Result<(), String> {
    if header.version != FORMAT_VERSION {
        return Err(format!(
            "format version {} cannot be read (this Vigil reads version {FORMAT_VERSION})",
            header.version
        ));
    }
    if header.scope != Scope::Public {
        return Err(
            "a full-scope export is a whole case file: import it with `vigil import` into an empty case file".into(),
        );
    }
    Ok(())
}

/// Writes `records` (each read at its place, `places` by id) into `store`,
/// all of them or none.
pub(crate) async fn import_records<S: Store>(
    store: &S,
    records: Vec<Read>,
    places: HashMap<RecordId, Place>,
    options: &ImportOptions,
) -> Result<ImportReport, OpenDataError> {
    // What the case file holds already.
    let ids: Vec<RecordId> = records.iter().map(|r| r.record.id().clone()).collect();
    let mut taken = HashSet::new();
    for chunk in ids.chunks(PAGE as usize) {
        taken.extend(store.taken(chunk).await?);
    }

    let mut report = ImportReport {
        dry_run: options.dry_run,
        ..ImportReport::default()
    };
    let change = Change::new(options.author.clone(), Some(&format!("import of {}", options.name)));
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    for read in records {
        let id = read.record.id().clone();
        if !taken.contains(&id) {
            creates.push(read);
            continue;
        }
        match options.on_conflict {
            OnConflict::Fail => {
                return Err(read.place.error(format!(
                    "the case file already holds '{id}' (import with --on-conflict skip or update)"
                )))
            }
            OnConflict::Skip => report.skipped += 1,
            OnConflict::Update => {
                let held = match store.record(&id, Visibility::Confidential).await {
                    Ok(r) => r,
                    Err(StoreError::NotFound { .. }) => {
                        return Err(read
                            .place
                            .error(format!("'{id}' is a deleted record of the case file: restore it first")))
                    }
                    Err(e) => return Err(e.into()),
                };
                if held.kind() != read.record.kind() {
                    return Err(read.place.error(format!(
                        "'{id}' is a {} in the case file, not a {}",
                        held.kind(),
                        read.record.kind()
                    )));
                }
                if held == read.record {
                    report.unchanged += 1;
                    continue;
                }
                let seen = store.record(&id, Visibility::Public).await.ok();
                if seen.as_ref() == Some(&read.record) {
                    // What the public sees of it already.
                    report.unchanged += 1;
                    continue;
                }
                if seen.as_ref() != Some(&held) {
                    return Err(read.place.error(format!(
                        "'{id}' holds what the public does not see (confidential content or references): \
                         a public-scope import may not replace it; edit it in Vigil"
                    )));
                }
                updates.push(read);
            }
        }
    }

    let creates = in_reference_order(creates);
    let line_of = |id: &str| -> Option<Place> { RecordId::parse(id).ok().and_then(|id| places.get(&id).copied()) };
    // A public dataset's event may come without its evidence: it quoted
    // only confidential sources, withheld from the public. It is created
    // so; an update still needs evidence (it would take the held one's).
    let created = change.clone().from_public_data();
    let create_pairs: Vec<(Record, Change)> = creates.into_iter().map(|r| (r.record, created.clone())).collect();
    let update_pairs: Vec<(Record, Change)> = updates.into_iter().map(|r| (r.record, change.clone())).collect();
    report.created = create_pairs.len() as u64;
    report.updated = update_pairs.len() as u64;
    match store.write_all(&create_pairs, &update_pairs, options.dry_run).await {
        Ok(_) => Ok(report),
        Err(StoreError::Invalid(errors)) => {
            // Errors name the record first (`{id}.{field}`): name its line.
            let first = errors.first();
            let (line, message) = match first {
                Some(e) => {
                    let (id, field) = e.field.split_once('.').unwrap_or((e.field.as_str(), ""));
                    match line_of(id) {
                        Some(line) => (Some(line), format!("{field}: {}", e.message)),
                        None => (None, format!("{}: {}", e.field, e.message)),
                    }
                }
                None => (None, "a record was refused".to_owned()),
            };
            let more = errors.len().saturating_sub(1);
            let message = if more > 0 {
                format!("{message} (and {more} more at fault in the same record)")
            } else {
                message
            };
            Err(match line {
                Some(place) => place.error(message),
                None => OpenDataError::Input(message),
            })
        }
        Err(StoreError::Conflict(id)) => Err(match line_of(id.as_str()) {
            Some(place) => place.error(format!("the case file already holds '{id}'")),
            None => OpenDataError::Store(StoreError::Conflict(id)),
        }),
        Err(e) => Err(e.into()),
    }
}

/// `records` ordered so that every record comes after those of the import
/// it refers to (a reference cycle keeps the order of the file).
fn in_reference_order(records: Vec<Read>) -> Vec<Read> {
    let index: HashMap<RecordId, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.record.id().clone(), i))
        .collect();
    let refs: Vec<Vec<usize>> = records
        .iter()
        .map(|r| {
            r.record
                .references()
                .iter()
                .filter_map(|reference| index.get(reference.id).copied())
                .collect()
        })
        .collect();
    // 0: not visited, 1: being visited, 2: placed.
    let mut state = vec![0u8; records.len()];
    let mut order = Vec::with_capacity(records.len());
    for start in 0..records.len() {
        if state[start] != 0 {
            continue;
        }
        // Depth first, without recursion (long chains of parents).
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some((node, next)) = stack.pop() {
            if let Some(&to) = refs[node].get(next) {
                stack.push((node, next + 1));
                if state[to] == 0 {
                    state[to] = 1;
                    stack.push((to, 0));
                }
            } else {
                state[node] = 2;
                order.push(node);
            }
        }
    }
    let mut slots: Vec<Option<Read>> = records.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}
