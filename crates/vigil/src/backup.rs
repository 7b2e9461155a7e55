//! `vigil backup FILE` and `vigil restore FILE`.
//!
//! A backup is one SQLite file, a consistent snapshot taken while Vigil
//! keeps serving. It holds confidential content sealed: without the key
//! (its key file or `VIGIL_KEY`), which is not in it, that content cannot be
//! read. Keep the key apart from the backups.
//!
//! These are the SQLite backend's: a case file in PostgreSQL is backed up
//! with PostgreSQL's own tools (`pg_dump`, base backups; see the README).

use std::path::PathBuf;

use anyhow::{bail, Context};
use vigil_store_sqlite::SqliteStore;

use crate::data::{open_sqlite, DataArgs, DATABASE};
use crate::say::{path as p, t, tw, Arg};

#[derive(clap::Args)]
pub struct BackupArgs {
    /// The file to write; it must not exist yet.
    file: PathBuf,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// A file written by `vigil backup`.
    file: PathBuf,
    #[command(flatten)]
    data: DataArgs,
}

/// Refuses a PostgreSQL case file: its backups are PostgreSQL's.
fn sqlite_only(data: &DataArgs, what: &str) -> anyhow::Result<()> {
    if data.database_url.is_some() {
        bail!("{}", tw("cli-sqlite-only", &[("what", Arg::Text(what))]));
    }
    Ok(())
}

pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    sqlite_only(&args.data, "backup")?;
    if !args.data.database().exists() {
        bail!(
            "{}",
            tw("cli-no-case-file-in", &[("path", Arg::Text(&p(&args.data.data)))])
        );
    }
    let store = open_sqlite(&args.data).await?;
    store
        .backup(&args.file)
        .await
        .with_context(|| tw("cli-cannot-write-backup", &[("path", Arg::Text(&p(&args.file)))]))?;
    store.close().await;
    crate::data::owner_only(&args.file, 0o600);
    println!("{}", tw("cli-wrote", &[("path", Arg::Text(&p(&args.file)))]));
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    sqlite_only(&args.data, "restore")?;
    SqliteStore::verify(&args.file)
        .await
        .with_context(|| tw("cli-not-a-backup", &[("path", Arg::Text(&p(&args.file)))]))?;
    let target = args.data.database();
    if target.exists() {
        bail!(
            "{}",
            tw("cli-restore-not-empty", &[("path", Arg::Text(&p(&args.data.data)))])
        );
    }
    std::fs::create_dir_all(&args.data.data).with_context(|| {
        tw(
            "cli-cannot-create-data-folder",
            &[("path", Arg::Text(&p(&args.data.data)))],
        )
    })?;
    // Copy beside the target, then rename: the case file appears whole or
    // not at all.
    let partial = args.data.data.join(format!("{DATABASE}.restoring"));
    std::fs::copy(&args.file, &partial)
        .with_context(|| tw("cli-cannot-copy", &[("path", Arg::Text(&p(&args.file)))]))?;
    crate::data::owner_only(&partial, 0o600);
    std::fs::rename(&partial, &target).with_context(|| t("cli-cannot-move-restored"))?;
    println!(
        "{}",
        tw(
            "cli-restored",
            &[
                ("path", Arg::Text(&p(&args.file))),
                ("other", Arg::Text(&p(&args.data.data)))
            ]
        )
    );
    if std::env::var_os("VIGIL_KEY").is_none() && !args.data.key_path().exists() {
        println!(
            "{}",
            tw(
                "cli-restore-key-note",
                &[("path", Arg::Text(&p(&args.data.key_path())))]
            )
        );
    }
    Ok(())
}
