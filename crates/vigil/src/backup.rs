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
        bail!("vigil {what} is for the SQLite case file; back up PostgreSQL with pg_dump or base backups (see README)");
    }
    Ok(())
}

pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    sqlite_only(&args.data, "backup")?;
    if !args.data.database().exists() {
        bail!("there is no case file in {}", args.data.data.display());
    }
    let store = open_sqlite(&args.data).await?;
    store
        .backup(&args.file)
        .await
        .with_context(|| format!("cannot write the backup {}", args.file.display()))?;
    store.close().await;
    crate::data::owner_only(&args.file, 0o600);
    println!("wrote {}", args.file.display());
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    sqlite_only(&args.data, "restore")?;
    SqliteStore::verify(&args.file)
        .await
        .with_context(|| format!("{} is not a usable Vigil backup", args.file.display()))?;
    let target = args.data.database();
    if target.exists() {
        bail!(
            "{} already holds a case file: restore into an empty data folder",
            args.data.data.display()
        );
    }
    std::fs::create_dir_all(&args.data.data)
        .with_context(|| format!("cannot create the data folder {}", args.data.data.display()))?;
    // Copy beside the target, then rename: the case file appears whole or
    // not at all.
    let partial = args.data.data.join(format!("{DATABASE}.restoring"));
    std::fs::copy(&args.file, &partial).with_context(|| format!("cannot copy {}", args.file.display()))?;
    crate::data::owner_only(&partial, 0o600);
    std::fs::rename(&partial, &target).context("cannot move the restored case file into place")?;
    println!("restored {} into {}", args.file.display(), args.data.data.display());
    if std::env::var_os("VIGIL_KEY").is_none() && !args.data.key_path().exists() {
        println!(
            "note: put the case file's key in {} (or name its file with --key-file, or set VIGIL_KEY) before serving: \
             confidential records need it",
            args.data.key_path().display()
        );
    }
    Ok(())
}
