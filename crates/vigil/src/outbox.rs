//! `vigil outbox list|show`: the messages Vigil sent into the data
//! folder's outbox (no SMTP server configured), which are sealed at rest
//! under the case file's key (`vigil_app::campaigns::outbox`). Whoever
//! holds the key (the same options as every command: `--data`,
//! `--key-file`, `VIGIL_KEY`, a passphrase) lists them and reads one as it
//! would have been sent. Plain files of an earlier version are sealed
//! first.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use vigil_app::campaigns::outbox::{self, OutboxKey};

use crate::data::{open_store, DataArgs};
use crate::say::{path as p, t, tw, Arg};

#[derive(clap::Subcommand)]
pub enum OutboxCommand {
    /// Lists the messages in the outbox, oldest first: name, when it was
    /// written, to whom.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Prints one message (named as the list names it) as it would have
    /// been sent.
    Show {
        name: String,
        /// Undo the quoted-printable encoding of the text (long lines and
        /// links whole, letters as letters).
        #[arg(long)]
        decoded: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// The outbox folder of a data folder.
pub fn folder(data: &Path) -> PathBuf {
    data.join("outbox")
}

/// Seals the plain messages an earlier version left in the outbox of
/// `data`, and says so when there were some.
pub fn seal_plain(dir: &Path, key: &OutboxKey) -> anyhow::Result<()> {
    let done =
        outbox::seal_plain(dir, key).with_context(|| tw("cli-outbox-cannot-seal", &[("path", Arg::Text(&p(dir)))]))?;
    if done.sealed > 0 {
        eprintln!(
            "{}",
            tw(
                "cli-outbox-sealed-plain",
                &[("count", Arg::Number(done.sealed)), ("path", Arg::Text(&p(dir)))]
            )
        );
    }
    Ok(())
}

fn time(at: std::time::SystemTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    time::OffsetDateTime::from(at).format(&f).unwrap_or_default()
}

pub async fn run(command: OutboxCommand) -> anyhow::Result<()> {
    let data = match &command {
        OutboxCommand::List { data } | OutboxCommand::Show { data, .. } => data.clone(),
    };
    let store = open_store(&data).await?;
    let key = OutboxKey::of(&store);
    store.close().await;
    let dir = folder(&data.data);
    seal_plain(&dir, &key)?;
    match command {
        OutboxCommand::List { .. } => {
            let entries = outbox::list(&dir)?;
            if entries.is_empty() {
                println!("{}", t("cli-outbox-none"));
            }
            for entry in entries {
                // A damaged message is listed as such; the rest still are.
                let to = match outbox::open(&dir, &key, &entry.id) {
                    Ok(message) => {
                        let message = String::from_utf8_lossy(&message).into_owned();
                        outbox::header(&message, "To").unwrap_or_default().to_owned()
                    }
                    Err(outbox::OutboxError::NoSuchMessage(_)) => continue,
                    Err(e) => e.words(crate::say::lang()),
                };
                println!(
                    "{}",
                    tw(
                        "cli-outbox-line",
                        &[
                            ("name", Arg::Text(&entry.id)),
                            ("date", Arg::Text(&time(entry.modified))),
                            ("text", Arg::Text(&to)),
                        ]
                    )
                );
            }
        }
        OutboxCommand::Show { name, decoded, .. } => {
            let message = outbox::open(&dir, &key, &name)?;
            let mut out = std::io::stdout().lock();
            if decoded {
                out.write_all(outbox::decoded(&message).as_bytes())?;
            } else {
                out.write_all(&message)?;
            }
            out.flush()?;
        }
    }
    Ok(())
}
