//! `vigil ingest PATH…`: documents (text, HTML, PDF; files or whole
//! folders) into the case file as sources, each with its pending proposals.
//!
//! Per file, one line on standard output: the source it became (or the one
//! it duplicates) and how many proposals of each kind were made. A file
//! that cannot be read gets one line on standard error naming it, and the
//! rest still go in; the exit status then says that something failed.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use anyhow::{bail, Context};
use vigil_app::ingest::{prepare, Ingester, Prepared};
use vigil_extract::{Format, Known, Metadata};

use crate::data::{open_store, DataArgs};
use crate::say::{lang, t, tw, Arg};

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files or folders (read recursively; hidden files are skipped).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    data: DataArgs,
    /// Who the sources and their revisions are credited to.
    #[arg(long = "as", value_name = "NAME", default_value = "vigil ingest")]
    author: String,
    /// The documents' date (2019-10-16 or 16 October 2019) when they do not
    /// give one: relative dates ("last year", "this October") are read
    /// against it.
    #[arg(long)]
    published: Option<String>,
    /// Why they are ingested, recorded with each source's revision.
    #[arg(long)]
    reason: Option<String>,
    /// Threads reading and extracting documents (default: one per core);
    /// the database is written meanwhile, a batch at a time.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
}

/// Documents a batch: written in one transaction (while the next ones are
/// read). Larger batches commit less often and
/// rewrite fewer index pages (256 was faster than 64 on the benchmark).
const BATCH: usize = 256;

/// One file's result from the reading threads.
type Read = (String, Result<Prepared, String>);

/// Documents read ahead of the writer, at most: a reader waits before
/// taking a file further ahead (memory stays flat however large the folder,
/// and whatever one slow file holds up).
const AHEAD: usize = 2 * BATCH;

/// Reads, fingerprints and extracts files on threads of their own, without
/// waiting for the database: each thread takes the next file as soon as it
/// is done with one, and the writer takes them back in order, a batch at a
/// time. (Batches read in lockstep with the writer left a core idle
/// whenever one side finished first.)
struct Readers {
    paths: Arc<Vec<PathBuf>>,
    next: usize,
    received: tokio::sync::mpsc::Receiver<(usize, Read)>,
    early: std::collections::BTreeMap<usize, Read>,
    gate: Arc<Gate>,
}

/// How many results the writer has taken (`None` once it has gone), for
/// the readers to stay within [`AHEAD`] of it.
struct Gate {
    taken: Mutex<Option<usize>>,
    moved: Condvar,
}

impl Gate {
    /// Waits until file `i` is within [`AHEAD`] of the writer; `false` if
    /// the writer has gone.
    fn wait_for(&self, i: usize) -> bool {
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            match *taken {
                None => return false,
                Some(t) if i < t + AHEAD => return true,
                Some(_) => taken = self.moved.wait(taken).unwrap_or_else(PoisonError::into_inner),
            }
        }
    }

    fn set(&self, taken: Option<usize>) {
        *self.taken.lock().unwrap_or_else(PoisonError::into_inner) = taken;
        self.moved.notify_all();
    }
}

impl Readers {
    fn start(paths: Vec<PathBuf>, given: Arc<Metadata>, known: Arc<Known>, threads: usize) -> Self {
        let (send, received) = tokio::sync::mpsc::channel(AHEAD);
        let paths = Arc::new(paths);
        let claimed = Arc::new(AtomicUsize::new(0));
        let gate = Arc::new(Gate {
            taken: Mutex::new(Some(0)),
            moved: Condvar::new(),
        });
        for _ in 0..threads.clamp(1, paths.len().max(1)) {
            let (paths, given, known, claimed, send, gate) = (
                Arc::clone(&paths),
                Arc::clone(&given),
                Arc::clone(&known),
                Arc::clone(&claimed),
                send.clone(),
                Arc::clone(&gate),
            );
            std::thread::spawn(move || {
                // The thread writing the database is the one every batch
                // waits for; with as many readers as cores it would wait
                // for a core (measured: most of its time runnable).
                vigil_app::priority::give_way();
                loop {
                    let i = claimed.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    // The writer has stopped (it failed): so do the readers.
                    if !gate.wait_for(i) {
                        break;
                    }
                    // A panic is a bug in the extractor; the file says so and
                    // the thread goes on with the others (the writer waits for
                    // every file's answer, in order).
                    let read = std::panic::catch_unwind(AssertUnwindSafe(|| read_one(path, &given, &known)))
                        .unwrap_or_else(|_| {
                            let failed = t("cli-ingest-extractor-failed");
                            (path.display().to_string(), Err(failed))
                        });
                    if send.blocking_send((i, read)).is_err() {
                        break;
                    }
                }
            });
        }
        Readers {
            paths,
            next: 0,
            received,
            early: Default::default(),
            gate,
        }
    }

    /// The next `BATCH` files' results, in the order given; `None` when all
    /// have been taken.
    async fn batch(&mut self) -> Option<Vec<Read>> {
        if self.next == self.paths.len() {
            return None;
        }
        let end = (self.next + BATCH).min(self.paths.len());
        let mut batch = Vec::with_capacity(end - self.next);
        while self.next < end {
            if let Some(read) = self.early.remove(&self.next) {
                batch.push(read);
                self.next += 1;
                self.gate.set(Some(self.next));
                continue;
            }
            match self.received.recv().await {
                Some((i, read)) => {
                    self.early.insert(i, read);
                }
                // Every reader has stopped before this file's answer (they
                // do not, but the writer must not wait for nothing).
                None => {
                    let shown = self.paths[self.next].display().to_string();
                    batch.push((shown, Err("could not be read (the reading threads stopped)".into())));
                    self.next += 1;
                }
            }
        }
        Some(batch)
    }
}

impl Drop for Readers {
    fn drop(&mut self) {
        self.gate.set(None);
    }
}

/// Reads, fingerprints and extracts one file.
fn read_one(path: &Path, given: &Metadata, known: &Known) -> Read {
    let shown = path.display().to_string();
    let result = match std::fs::read(path) {
        Err(e) => Err(tw("cli-ingest-cannot-read", &[("message", Arg::Text(&e.to_string()))])),
        Ok(bytes) => {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            prepare(&bytes, Format::from_file_name(name), given, &shown, known).map_err(|e| e.words(lang()))
        }
    };
    (shown, result)
}

/// Every file under `path`, in name order.
fn files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !path.is_dir() {
        out.push(path.to_owned());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    entries.sort();
    for e in entries {
        files(&e, out)?;
    }
    Ok(())
}

pub async fn run(args: IngestArgs) -> anyhow::Result<()> {
    let published = match &args.published {
        None => None,
        Some(d) => Some(
            d.parse::<vigil_core::PartialDate>()
                .or_else(|_| vigil_core::PartialDate::parse_article(d, None))
                .with_context(|| format!("--published: {}", tw("cli-not-a-date", &[("text", Arg::Text(d))])))?,
        ),
    };
    let mut all = Vec::new();
    let mut failed = 0usize;
    let any_folder = args.paths.iter().any(|p| p.is_dir());
    for p in &args.paths {
        if !p.exists() {
            eprintln!("vigil: {}: {}", p.display(), t("cli-no-such-path"));
            failed += 1;
            continue;
        }
        if let Err(e) = files(p, &mut all) {
            eprintln!("vigil: {}: {}: {e}", p.display(), t("cli-cannot-list-folder"));
            failed += 1;
        }
    }
    let store = open_store(&args.data).await?;
    let mut ingester = Ingester::new(store.clone(), &args.author)
        .await
        .with_context(|| t("cli-cannot-read-case-file"))?;
    let bar = if any_folder {
        let bar = indicatif::ProgressBar::new(all.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{{bar:40}} {{pos}}/{{len}} {}, {{elapsed}} {{msg}}",
                t("cli-ingest-files")
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let given = Metadata {
        published,
        ..Default::default()
    };
    let given = Arc::new(given);
    let threads = args
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let total = all.len();
    let mut readers = Readers::start(all, given, ingester.known(), threads);
    let (mut new, mut duplicates) = (0usize, 0usize);
    while let Some(read) = readers.batch().await {
        let mut shown = Vec::new();
        let mut prepared = Vec::new();
        let mut failures = Vec::new();
        for (name, result) in read {
            match result {
                Ok(p) => {
                    shown.push(name);
                    prepared.push(p);
                }
                Err(e) => failures.push((name, e)),
            }
        }
        for (name, e) in failures {
            failed += 1;
            bar.inc(1);
            bar.suspend(|| eprintln!("vigil: {name}: {e}"));
        }
        let outcomes = ingester.ingest_all(prepared, args.reason.as_deref()).await;
        for (name, result) in shown.into_iter().zip(outcomes) {
            bar.inc(1);
            match result {
                Ok(o) => {
                    let what = match (o.status, &o.near_duplicate_of) {
                        ("duplicate", _) => {
                            duplicates += 1;
                            tw("cli-ingest-duplicate", &[("name", Arg::Text(o.source_id.as_str()))])
                        }
                        (_, Some(n)) => {
                            new += 1;
                            tw(
                                "cli-ingest-near-duplicate",
                                &[
                                    ("name", Arg::Text(o.source_id.as_str())),
                                    ("other", Arg::Text(n.source_id.as_str())),
                                    ("number", Arg::Text(&format!("{:.2}", n.similarity))),
                                ],
                            )
                        }
                        _ => {
                            new += 1;
                            tw("cli-ingest-new", &[("name", Arg::Text(o.source_id.as_str()))])
                        }
                    };
                    let line = format!("{name}: {what}; {}: {}", t("cli-ingest-proposals"), o.summary(lang()));
                    bar.suspend(|| println!("{line}"));
                }
                Err(e) => {
                    failed += 1;
                    let e = e.words(lang());
                    bar.suspend(|| eprintln!("vigil: {name}: {e}"));
                }
            }
        }
    }
    bar.finish_and_clear();
    store.close().await;
    eprintln!(
        "{}",
        tw(
            "cli-ingest-done",
            &[
                ("count", Arg::Number(new as u64)),
                ("total", Arg::Number(duplicates as u64)),
                ("first", Arg::Number(failed as u64)),
            ]
        )
    );
    if failed > 0 {
        bail!(
            "{}",
            tw(
                "cli-ingest-failed",
                &[
                    ("count", Arg::Number(failed as u64)),
                    ("total", Arg::Number(total.max(failed) as u64))
                ]
            )
        );
    }
    Ok(())
}
