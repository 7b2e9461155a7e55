//! `vigil form-key list|rotate|export`: the key pair of encrypted forms
//! (reports encrypted on the phone, issue 22), apart from the case file's
//! own key (`vigil key …`).
//!
//! - `rotate` makes a new pair for the encrypted form, in one transaction
//!   (cut short, the old key stays current); the old private key is kept,
//!   sealed, to open reports phones encrypted before they fetched the form
//!   again. Servers may keep running: the next form list carries the new
//!   key under a new version.
//! - `export` writes a private key as ODK Briefcase reads it (PEM,
//!   PKCS#1, no passphrase: Briefcase asks for none) to a new file
//!   readable by its owner only, or to standard output when `--stdout` is
//!   given. Whoever runs it holds the data folder and the case file's key:
//!   the server's administrator.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use vigil_app::field;
use vigil_store::FORM_KEY_ID;

use crate::data::{open_store, DataArgs};
use crate::say::{path as p, t, tw, Arg};

#[derive(clap::Subcommand)]
pub enum FormKeyCommand {
    /// Lists the form keys: the current one (which the encrypted form
    /// carries), then the retired ones, each with its fingerprint.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Makes a new key pair for the encrypted form; the old private key is
    /// kept to open the reports encrypted before. Phones must fetch the
    /// form again.
    Rotate {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Writes a private key as ODK Briefcase reads it (PEM, PKCS#1) to a
    /// new file readable by its owner only (--out), or to standard output
    /// (--stdout).
    Export {
        /// The new file to write (never written over).
        #[arg(long, conflicts_with = "stdout")]
        out: Option<PathBuf>,
        /// Write the key to standard output instead.
        #[arg(long)]
        stdout: bool,
        /// Which key (as `vigil form-key list` names it); the current one
        /// by default.
        #[arg(long, default_value = FORM_KEY_ID)]
        key: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

fn time(micros: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

pub async fn run(command: FormKeyCommand) -> anyhow::Result<()> {
    match command {
        FormKeyCommand::List { data } => {
            let keys = field::form_keys(&open_store(&data).await?).await?;
            if keys.is_empty() {
                println!("{}", t("cli-form-key-none"));
            }
            for (key, pair) in keys {
                let state = t(if key.id == FORM_KEY_ID {
                    "cli-form-key-current"
                } else {
                    "cli-form-key-retired"
                });
                println!("{}\t{state}\t{}\t{}", key.id, time(key.created_at), pair.fingerprint());
            }
        }
        FormKeyCommand::Rotate { data } => {
            let rotated = field::rotate_form_key(&open_store(&data).await?).await?;
            println!(
                "{}",
                tw(
                    "cli-form-key-rotated",
                    &[
                        ("text", Arg::Text(&rotated.fingerprint)),
                        ("number", Arg::Text(&rotated.version))
                    ]
                )
            );
            if let Some(retired) = rotated.retired {
                println!("{}", tw("cli-form-key-retired-kept", &[("name", Arg::Text(&retired))]));
            }
        }
        FormKeyCommand::Export { out, stdout, key, data } => {
            if out.is_none() && !stdout {
                bail!("{}", t("cli-form-key-export-where"));
            }
            let keys = field::form_keys(&open_store(&data).await?).await?;
            if keys.is_empty() {
                bail!("{}", t("cli-form-key-none"));
            }
            let Some((_, pair)) = keys.into_iter().find(|(k, _)| k.id == key) else {
                bail!("{}", tw("cli-form-key-unknown", &[("name", Arg::Text(&key))]));
            };
            let pem = pair.private_key_pem()?;
            match out {
                Some(path) => {
                    write_new_secret(&path, pem.as_bytes())?;
                    eprintln!(
                        "{}",
                        tw(
                            "cli-form-key-exported",
                            &[("name", Arg::Text(&key)), ("path", Arg::Text(&p(&path)))]
                        )
                    );
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    out.write_all(pem.as_bytes())?;
                    out.flush()?;
                }
            }
        }
    }
    Ok(())
}

/// Writes `bytes` to a new file `path`, readable and writable by its owner
/// only from its creation (never written over; synced).
fn write_new_secret(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{}", tw("cli-form-key-file-exists", &[("path", Arg::Text(&p(path)))]))
        }
        Err(e) => return Err(e).with_context(|| p(path)),
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(e).with_context(|| p(path));
    }
    Ok(())
}
