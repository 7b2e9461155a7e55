//! `vigil key wrap|unwrap|rotate`: the key file's custody.
//!
//! `wrap` seals the key file under a passphrase (argon2id, see
//! `vigil_app::key_file`), `unwrap` takes it back to the plain key.
//! `rotate` re-seals the whole case file under a new key, crash-safe:
//!
//! 1. the new key is written to `<key file>.next` (owner-only, synced),
//!    wrapped under the same passphrase if the key file is;
//! 2. one database transaction re-seals every sealed value, recomputes
//!    every value keyed by the key and the key check, and commits;
//! 3. `.next` is renamed over the key file (the folder synced).
//!
//! A crash between 1 and 2's commit leaves the case file under the old key
//! and a stale `.next`; after the commit, under the new key with the new
//! key in `.next`. The next command to open the case file tells them apart
//! by its key check and finishes or undoes the rotation (`data::open_store`).

use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use vigil_app::key_file::{self, KeyFile};
use vigil_store::SealKey;

use crate::data::{self, DataArgs, Source};

#[derive(clap::Subcommand)]
pub enum KeyCommand {
    /// Seal the key file under a passphrase (from VIGIL_KEY_PASSPHRASE or
    /// typed twice at the terminal); every start then needs it.
    Wrap(KeyArgs),
    /// Take a wrapped key file back to the plain key.
    Unwrap(KeyArgs),
    /// Re-seal the whole case file under a new key, in one transaction,
    /// and put the new key in the key file. Stop every server first.
    Rotate(KeyArgs),
    /// Print the key as shares, one a line, any THRESHOLD of which rebuild
    /// it (Shamir's scheme): give each to a different person.
    Split(SplitArgs),
    /// Rebuild the key from shares read from standard input, one a line,
    /// into the key file (which must not exist).
    Join(KeyArgs),
}

#[derive(clap::Args)]
pub struct SplitArgs {
    /// How many shares to make.
    #[arg(long, default_value_t = 3)]
    shares: u8,
    /// How many of them rebuild the key.
    #[arg(long, default_value_t = 2)]
    threshold: u8,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(clap::Args)]
pub struct KeyArgs {
    #[command(flatten)]
    data: DataArgs,
}

pub async fn run(command: KeyCommand) -> anyhow::Result<()> {
    match command {
        KeyCommand::Wrap(args) => wrap(&args.data),
        KeyCommand::Unwrap(args) => unwrap(&args.data),
        KeyCommand::Rotate(args) => rotate(&args.data).await,
        KeyCommand::Split(args) => split(&args),
        KeyCommand::Join(args) => join(&args.data),
    }
}

/// The key file these commands work on: not `VIGIL_KEY`, and not while a
/// rotation is unfinished.
fn key_file_of(data: &DataArgs, what: &str) -> anyhow::Result<std::path::PathBuf> {
    let Source::File(path) = data.key_source()? else {
        bail!("the key is in VIGIL_KEY, not in a file: vigil key {what} works on a key file (--key-file)");
    };
    if data::next_path(&path).exists() {
        bail!(
            "a key rotation was interrupted ({} exists): run any command that opens the case file (vigil key rotate, say) to finish it first",
            data::next_path(&path).display()
        );
    }
    Ok(path)
}

fn read(path: &std::path::Path) -> anyhow::Result<KeyFile> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the key file {}", path.display()))?;
    key_file::parse(&text).with_context(|| format!("the key file {} is not usable", path.display()))
}

fn wrap(data: &DataArgs) -> anyhow::Result<()> {
    let path = key_file_of(data, "wrap")?;
    let KeyFile::Plain(key) = read(&path)? else {
        bail!("the key file {} is already wrapped", path.display());
    };
    let why = "wrapping the key needs a passphrase";
    let pass = data::passphrase("New passphrase for the key: ", why)?;
    if std::env::var_os("VIGIL_KEY_PASSPHRASE").is_none() {
        let again = data::passphrase("The passphrase again: ", why)?;
        if again != pass {
            bail!("the two passphrases differ: the key file is unchanged");
        }
    }
    let wrapped = key_file::wrap(&key, &pass)?;
    data::replace_secret(&path, &wrapped.to_text())?;
    println!(
        "wrapped the key file {} under the passphrase: every start now needs it (VIGIL_KEY_PASSPHRASE or the terminal)",
        path.display()
    );
    Ok(())
}

fn unwrap(data: &DataArgs) -> anyhow::Result<()> {
    let path = key_file_of(data, "unwrap")?;
    let KeyFile::Wrapped(wrapped) = read(&path)? else {
        bail!("the key file {} is not wrapped", path.display());
    };
    let (key, _) = data::open_wrapped(&path, &wrapped)?;
    data::replace_secret(&path, &key_file::plain_text(&key))?;
    println!("the key file {} holds the plain key again", path.display());
    Ok(())
}

/// Refuses to rotate under a running server of this data folder: it would
/// go on sealing with the old key. (A server's search index is locked
/// while it runs; a PostgreSQL case file's other servers cannot be seen
/// from here: stop them.)
fn no_server_running(data: &DataArgs) -> anyhow::Result<()> {
    let dir = data.data.join("search");
    if !dir.join("meta.json").exists() {
        return Ok(());
    }
    match vigil_search::SearchIndex::open_in_dir(&dir) {
        Ok(_) => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context("stop the server before rotating the key")),
    }
}

async fn rotate(data: &DataArgs) -> anyhow::Result<()> {
    key_file_of(data, "rotate")?;
    no_server_running(data)?;
    // Opening finishes an interrupted rotation; only then is `.next` free.
    let (store, old) = data::open_store_keyed(data).await?;
    let path = data.key_path();
    let next = data::next_path(&path);
    let new = SealKey::generate();
    let text = match &old.passphrase {
        Some(pass) => key_file::wrap(&new, pass)?.to_text(),
        None => key_file::plain_text(&new),
    };
    data::write_secret(&next, &text)?;
    let started = Instant::now();
    let mut shown = Instant::now();
    let mut progress = |table: &str, n: u64| {
        if shown.elapsed() >= Duration::from_secs(1) {
            eprintln!("re-sealing: {n} {table}");
            shown = Instant::now();
        }
    };
    let done = match store.rekey(&new, &mut progress).await {
        Ok(done) => done,
        Err(e) => {
            store.close().await;
            let _ = std::fs::remove_file(&next);
            return Err(anyhow::Error::new(e).context("the rotation failed: the case file and its key are unchanged"));
        }
    };
    store.close().await;
    std::fs::rename(&next, &path).with_context(|| {
        format!(
            "the case file is now under the new key, in {}, but it could not replace {} (the next start will)",
            next.display(),
            path.display()
        )
    })?;
    data::sync_folder_of(&path)?;
    eprintln!(
        "re-sealed {} values in {:.1} s: {} records, {} revisions, {} status stretches, {} signatures, {} queued mails, {} attachments, {} form keys, {} proposals, {} fingerprints",
        done.total(),
        started.elapsed().as_secs_f64(),
        done.records,
        done.revisions,
        done.status_stretches,
        done.signatures,
        done.mail_queue,
        done.attachments,
        done.form_keys,
        done.proposals,
        done.fingerprints
    );
    println!(
        "rotated the key: {} holds the new one. Backups made before now open only with the old key.",
        path.display()
    );
    Ok(())
}

fn split(args: &SplitArgs) -> anyhow::Result<()> {
    let key = match args.data.key_source()? {
        Source::Variable => SealKey::from_hex(&std::env::var("VIGIL_KEY").unwrap_or_default())
            .context("VIGIL_KEY is not a valid key")?,
        Source::File(path) => {
            data::read_key_file(&path, None)?
                .with_context(|| format!("there is no key file {}", path.display()))?
                .key
        }
    };
    let shares = key_file::split(&key, args.shares, args.threshold)?;
    for share in &shares {
        println!("{share}");
    }
    eprintln!(
        "{} shares, any {} of which rebuild the key (vigil key join): give each to a different person, \
         and keep none beside the case file or another share",
        args.shares, args.threshold
    );
    Ok(())
}

fn join(data: &DataArgs) -> anyhow::Result<()> {
    let Source::File(path) = data.key_source()? else {
        bail!("VIGIL_KEY is set: vigil key join writes a key file (--key-file)");
    };
    if path.exists() {
        bail!(
            "the key file {} exists: join into another path (--key-file)",
            path.display()
        );
    }
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input).context("cannot read the shares")?;
    let key = key_file::join(input.lines())?;
    data::write_secret(&path, &key_file::plain_text(&key))?;
    println!("rebuilt the key into {}", path.display());
    Ok(())
}
