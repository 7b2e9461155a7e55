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
//! 3. the outbox's sealed messages are re-sealed under the new key, each
//!    file replaced whole;
//! 4. `.next` is renamed over the key file (the folder synced).
//!
//! A crash between 1 and 2's commit leaves the case file under the old key
//! and a stale `.next`; after the commit, under the new key with the new
//! key in `.next` (and the outbox partly re-sealed). The next command to open the case file tells them apart
//! by its key check and finishes or undoes the rotation (`data::open_store`).

use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use vigil_app::key_file::{self, KeyFile};
use vigil_store::SealKey;

use crate::data::{self, DataArgs, Source};
use crate::say::{self, path as p, t, tw, Arg};

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
        bail!("{}", tw("cli-key-in-variable", &[("what", Arg::Text(what))]));
    };
    if data::next_path(&path).exists() {
        bail!(
            "{}",
            tw(
                "cli-rotation-interrupted",
                &[("path", Arg::Text(&p(&data::next_path(&path))))]
            )
        );
    }
    Ok(path)
}

fn read(path: &std::path::Path) -> anyhow::Result<KeyFile> {
    let text = std::fs::read_to_string(path)
        .with_context(|| tw("cli-cannot-read-key-file", &[("path", Arg::Text(&p(path)))]))?;
    key_file::parse(&text).with_context(|| tw("cli-key-file-unusable", &[("path", Arg::Text(&p(path)))]))
}

fn wrap(data: &DataArgs) -> anyhow::Result<()> {
    let path = key_file_of(data, "wrap")?;
    let KeyFile::Plain(key) = read(&path)? else {
        bail!("{}", tw("cli-key-already-wrapped", &[("path", Arg::Text(&p(&path)))]));
    };
    let why = t("cli-wrap-needs-passphrase");
    let pass = data::passphrase(&format!("{}: ", t("cli-new-passphrase")), &why)?;
    if std::env::var_os("VIGIL_KEY_PASSPHRASE").is_none() {
        let again = data::passphrase(&format!("{}: ", t("cli-passphrase-again")), &why)?;
        if again != pass {
            bail!("{}", t("cli-passphrases-differ"));
        }
    }
    let wrapped = key_file::wrap(&key, &pass)?;
    data::replace_secret(&path, &wrapped.to_text())?;
    println!("{}", tw("cli-key-wrapped", &[("path", Arg::Text(&p(&path)))]));
    Ok(())
}

fn unwrap(data: &DataArgs) -> anyhow::Result<()> {
    let path = key_file_of(data, "unwrap")?;
    let KeyFile::Wrapped(wrapped) = read(&path)? else {
        bail!("{}", tw("cli-key-not-wrapped", &[("path", Arg::Text(&p(&path)))]));
    };
    let (key, _) = data::open_wrapped(&path, &wrapped)?;
    data::replace_secret(&path, &key_file::plain_text(&key))?;
    println!("{}", tw("cli-key-unwrapped", &[("path", Arg::Text(&p(&path)))]));
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
        Err(e) => Err(anyhow::Error::new(e).context(t("cli-stop-server-to-rotate"))),
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
            eprintln!("{}: {n} {}", t("cli-resealing"), say::table(table));
            shown = Instant::now();
        }
    };
    let done = match store.rekey(&new, &mut progress).await {
        Ok(done) => done,
        Err(e) => {
            store.close().await;
            let _ = std::fs::remove_file(&next);
            return Err(anyhow::Error::new(e).context(t("cli-rotation-failed")));
        }
    };
    store.close().await;
    // The outbox's messages follow, before the old key is given up (a
    // crash here is finished by the next opening: `data::open_store`).
    data::reseal_outbox(data, &old.key, &new)?;
    std::fs::rename(&next, &path).with_context(|| {
        tw(
            "cli-rotation-not-moved",
            &[("path", Arg::Text(&p(&next))), ("other", Arg::Text(&p(&path)))],
        )
    })?;
    data::sync_folder_of(&path)?;
    eprintln!(
        "{}: {}",
        tw(
            "cli-resealed",
            &[
                ("count", Arg::Number(done.total())),
                ("number", Arg::Text(&format!("{:.1}", started.elapsed().as_secs_f64()))),
            ]
        ),
        say::counts(&[
            ("cli-table-records", done.records),
            ("cli-table-revisions", done.revisions),
            ("cli-table-status-stretches", done.status_stretches),
            ("cli-table-signatures", done.signatures),
            ("cli-table-queued-mail", done.mail_queue),
            ("cli-table-attachments", done.attachments),
            ("cli-table-form-keys", done.form_keys),
            ("cli-table-device-digests", done.device_digests),
            ("cli-table-proposals", done.proposals),
            ("cli-table-fingerprints", done.fingerprints),
        ])
    );
    println!("{}", tw("cli-key-rotated", &[("path", Arg::Text(&p(&path)))]));
    Ok(())
}

fn split(args: &SplitArgs) -> anyhow::Result<()> {
    let key = match args.data.key_source()? {
        Source::Variable => SealKey::from_hex(&std::env::var("VIGIL_KEY").unwrap_or_default())
            .with_context(|| t("cli-vigil-key-invalid"))?,
        Source::File(path) => {
            data::read_key_file(&path, None)?
                .with_context(|| tw("cli-no-key-file", &[("path", Arg::Text(&p(&path)))]))?
                .key
        }
    };
    let shares = key_file::split(&key, args.shares, args.threshold)?;
    for share in &shares {
        println!("{share}");
    }
    eprintln!(
        "{}",
        tw(
            "cli-key-split",
            &[
                ("count", Arg::Number(u64::from(args.shares))),
                ("number", Arg::Number(u64::from(args.threshold)))
            ]
        )
    );
    Ok(())
}

fn join(data: &DataArgs) -> anyhow::Result<()> {
    let Source::File(path) = data.key_source()? else {
        bail!("{}", t("cli-join-needs-file"));
    };
    if path.exists() {
        bail!("{}", tw("cli-join-exists", &[("path", Arg::Text(&p(&path)))]));
    }
    let mut input = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut input).with_context(|| t("cli-cannot-read-shares"))?;
    let key = key_file::join(input.lines())?;
    data::write_secret(&path, &key_file::plain_text(&key))?;
    println!("{}", tw("cli-key-joined", &[("path", Arg::Text(&p(&path)))]));
    Ok(())
}
