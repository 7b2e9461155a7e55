//! `vigil export` and `vigil import`: the case file out as JSON Lines, CSV
//! or Popolo, and back in (`vigil_app::open_data`).

use std::io::{BufReader, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use vigil_app::open_data::csv_layout::{self, CsvInput};
use vigil_app::open_data::full::FullExport;
use vigil_app::open_data::popolo::PopoloExport;
use vigil_app::open_data::{ImportOptions, Imported, JsonlExport, OnConflict, Scope, MAX_LINE};
use vigil_core::UserName;
use vigil_store_any::AnyStore;

use crate::data::{open_store, DataArgs};
use crate::say::{self, path as p, t, tw, Arg};

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// JSON Lines: a header line, then one line per record.
    Jsonl,
    /// One CSV file per table, in a folder (--out DIR) or a zip (--out FILE.zip).
    Csv,
    /// One Popolo document (persons, organizations, memberships; public scope).
    Popolo,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ScopeArg {
    /// Exactly what an anonymous reader sees.
    Public,
    /// Everything as stored, for an admin moving a case file: every
    /// record (deleted ones too) and revision, accounts, tokens, proposals,
    /// campaigns; sealed content stays sealed (JSON Lines only).
    Full,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ConflictArg {
    /// Refuse the import when the case file holds a record of the same id.
    Fail,
    /// Keep the case file's record.
    Skip,
    /// Replace it by the imported one (a revision naming the import).
    Update,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    data: DataArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    #[arg(long, value_enum, default_value = "public")]
    scope: ScopeArg,
    /// Where to write: a file, or - for the standard output.
    #[arg(long, default_value = "-")]
    out: PathBuf,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    #[command(flatten)]
    data: DataArgs,
    /// A JSON Lines export (- for the standard input), or a CSV export: its
    /// folder or its zip (a name ending in .zip).
    path: PathBuf,
    /// Check everything and say what would change, writing nothing.
    #[arg(long)]
    dry_run: bool,
    #[arg(long, value_enum, default_value = "fail")]
    on_conflict: ConflictArg,
    /// The author the revisions name.
    #[arg(long = "as", default_value = "import")]
    author: String,
}

enum Export {
    Jsonl(JsonlExport<AnyStore>),
    Full(FullExport<AnyStore>),
    Popolo(PopoloExport<AnyStore>),
}

pub async fn export(args: ExportArgs) -> anyhow::Result<()> {
    let scope = match args.scope {
        ScopeArg::Public => Scope::Public,
        ScopeArg::Full => Scope::Full,
    };
    let to_stdout = args.out.as_os_str() == "-";
    if !to_stdout && args.out.exists() {
        bail!("{}", tw("cli-export-exists", &[("path", Arg::Text(&p(&args.out)))]));
    }
    if !matches!(args.format, Format::Jsonl) && scope != Scope::Public {
        bail!("{}", t("cli-export-full-jsonl-only"));
    }
    if matches!(args.format, Format::Csv) {
        return export_csv(&args, scope).await;
    }
    let store = open_store(&args.data).await?;
    let started = match (args.format, scope) {
        (Format::Jsonl, Scope::Full) => FullExport::start(&store).await.map(Export::Full),
        (Format::Jsonl | Format::Csv, _) => JsonlExport::start(store.clone(), scope).await.map(Export::Jsonl),
        (Format::Popolo, _) => Ok(Export::Popolo(PopoloExport::new(store.clone()))),
    };
    let mut export = match started {
        Ok(export) => export,
        Err(e) => {
            store.close().await;
            return Err(e.into());
        }
    };
    let result = async {
        let mut out: Box<dyn Write> = if to_stdout {
            Box::new(std::io::stdout().lock())
        } else {
            Box::new(std::io::BufWriter::new(std::fs::File::create(&args.out).with_context(
                || tw("cli-cannot-create", &[("path", Arg::Text(&p(&args.out)))]),
            )?))
        };
        let mut bytes = 0u64;
        loop {
            let chunk = match &mut export {
                Export::Jsonl(e) => e.next_chunk().await?,
                Export::Full(e) => e.next_chunk().await?,
                Export::Popolo(e) => e.next_chunk().await?,
            };
            let Some(chunk) = chunk else { break };
            bytes += chunk.len() as u64;
            out.write_all(&chunk).with_context(|| t("cli-cannot-write-export"))?;
        }
        out.flush().with_context(|| t("cli-cannot-write-export"))?;
        anyhow::Ok(bytes)
    }
    .await;
    // The snapshot ends before the store closes.
    drop(export);
    store.close().await;
    match result {
        Ok(bytes) => {
            eprintln!(
                "{}",
                tw(
                    "cli-exported-bytes",
                    &[("count", Arg::Number(bytes)), ("what", Arg::Text(&scope_words(scope)))]
                )
            );
            Ok(())
        }
        Err(e) => {
            if !to_stdout {
                let _ = std::fs::remove_file(&args.out);
            }
            Err(e)
        }
    }
}

/// The CSV layout into a new folder, or a zip when `--out` ends in `.zip`.
async fn export_csv(args: &ExportArgs, scope: Scope) -> anyhow::Result<()> {
    if args.out.as_os_str() == "-" {
        bail!("{}", t("cli-export-csv-needs-out"));
    }
    let zip = is_zip(&args.out);
    let store = open_store(&args.data).await?;
    let result = if zip {
        match std::fs::File::create_new(&args.out) {
            Ok(file) => csv_layout::export_zip(&store, scope, std::io::BufWriter::new(file))
                .await
                .map_err(anyhow::Error::from),
            Err(e) => {
                Err(anyhow::Error::from(e).context(tw("cli-cannot-create", &[("path", Arg::Text(&p(&args.out)))])))
            }
        }
    } else {
        csv_layout::export_folder(&store, scope, &args.out)
            .await
            .map_err(anyhow::Error::from)
    };
    store.close().await;
    match result {
        Ok(header) => {
            let records: u64 = header.counts.values().sum();
            eprintln!(
                "{}",
                tw(
                    "cli-exported-csv",
                    &[
                        ("count", Arg::Number(records)),
                        ("path", Arg::Text(&p(&args.out))),
                        ("what", Arg::Text(&scope_words(scope))),
                    ]
                )
            );
            Ok(())
        }
        Err(e) => {
            // Nothing half-written is left behind.
            if zip {
                let _ = std::fs::remove_file(&args.out);
            } else {
                let _ = std::fs::remove_dir_all(&args.out);
            }
            Err(e)
        }
    }
}

/// The scope of an export in words.
fn scope_words(scope: Scope) -> String {
    match scope {
        Scope::Public => t("cli-scope-public"),
        Scope::Full => t("cli-scope-full"),
    }
}

fn is_zip(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

pub async fn import(args: ImportArgs) -> anyhow::Result<()> {
    let author = UserName::parse(&args.author).map_err(|e| anyhow::anyhow!("--as: {e}"))?;
    let stdin_name = t("cli-standard-input");
    let (input, name): (Box<dyn std::io::BufRead>, String) = if args.path.as_os_str() == "-" {
        (Box::new(BufReader::new(std::io::stdin().lock())), stdin_name)
    } else {
        let file = std::fs::File::open(&args.path)
            .with_context(|| tw("cli-cannot-open", &[("path", Arg::Text(&p(&args.path)))]))?;
        let name = args
            .path
            .file_name()
            .map_or_else(|| args.path.display().to_string(), |n| n.to_string_lossy().into_owned());
        (Box::new(BufReader::with_capacity(1 << 20, file)), name)
    };
    let options = ImportOptions {
        on_conflict: match args.on_conflict {
            ConflictArg::Fail => OnConflict::Fail,
            ConflictArg::Skip => OnConflict::Skip,
            ConflictArg::Update => OnConflict::Update,
        },
        dry_run: args.dry_run,
        author: author.to_string(),
        name: name.clone(),
        max_line: MAX_LINE,
    };
    let csv = if args.path.is_dir() {
        Some(CsvInput::Folder(&args.path))
    } else if is_zip(&args.path) {
        Some(CsvInput::Zip(&args.path))
    } else {
        None
    };
    let store = open_store(&args.data).await?;
    let result = match csv {
        Some(csv) => csv_layout::import_csv(&store, csv, &options)
            .await
            .map(Imported::Records),
        None => vigil_app::open_data::import(&store, input, &options).await,
    };
    store.close().await;
    let report = match result.with_context(|| format!("{name}: {}", t("cli-nothing-imported")))? {
        Imported::Records(report) => report,
        Imported::Whole(whole) => {
            let said = if whole.dry_run {
                t("cli-import-whole-dry-run")
            } else {
                t("cli-import-whole")
            };
            println!("{said} {}", say::copied(&whole.copied));
            if !whole.dry_run {
                println!("{}", tw("cli-import-rebuilt", &[("count", Arg::Number(whole.rebuilt))]));
            }
            return Ok(());
        }
    };
    println!(
        "{} {}",
        if report.dry_run {
            t("cli-import-dry-run")
        } else {
            t("cli-imported")
        },
        tw(
            "cli-import-counts",
            &[
                ("count", Arg::Number(report.created)),
                ("first", Arg::Number(report.updated)),
                ("total", Arg::Number(report.unchanged)),
                ("number", Arg::Number(report.skipped)),
            ]
        )
    );
    Ok(())
}
