//! `vigil form-reports pending|discard`: the encrypted reports from the
//! field still waiting for parts (ODK Collect split them over several
//! requests and the last has not come). Their parts are kept sealed and
//! expire on their own (`vigil serve --field-parts-kept-days`, 7 by
//! default); here an administrator sees them and their age, and discards
//! one so that the phone can send it again whole. Nothing of their
//! content is shown: it is sealed, and unreadable until the report is
//! whole.

use vigil_app::field::pending;

use crate::data::{open_store, DataArgs};
use crate::say::{t, tw, Arg};

#[derive(clap::Subcommand)]
pub enum FormReportsCommand {
    /// Lists the reports waiting for parts: files kept, their size, when
    /// the first and the last came, and when they expire.
    Pending {
        /// Days the parts are kept after the last one (as the server is
        /// told with --field-parts-kept-days).
        #[arg(long = "field-parts-kept-days", default_value_t = pending::KEPT_DAYS,
              value_parser = clap::value_parser!(i64).range(1..=3650))]
        field_parts_kept_days: i64,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Discards the parts of one report (named as the list names it, or by
    /// its instanceID), so that the phone can send it again whole.
    Discard {
        report: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

fn time(micros: i64) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000)
        .ok()
        .and_then(|t| t.format(&f).ok())
        .unwrap_or_default()
}

pub async fn run(command: FormReportsCommand) -> anyhow::Result<()> {
    match command {
        FormReportsCommand::Pending {
            field_parts_kept_days,
            data,
        } => {
            let store = open_store(&data).await?;
            let reports = pending::list(&store).await?;
            if reports.is_empty() {
                println!("{}", t("cli-form-reports-none"));
            }
            let now = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000) as i64;
            let kept_for = time::Duration::days(field_parts_kept_days);
            for r in reports {
                let silent_days = (now - r.last_received_at).max(0) / 86_400_000_000;
                println!(
                    "{}",
                    tw(
                        "cli-form-reports-line",
                        &[
                            ("name", Arg::Text(r.source_id.as_str())),
                            ("count", Arg::Number(r.parts)),
                            ("total", Arg::Number(r.bytes)),
                            ("from", Arg::Text(&time(r.first_received_at))),
                            ("to", Arg::Text(&time(r.last_received_at))),
                            ("day", Arg::Number(silent_days.max(0) as u64)),
                            ("date", Arg::Text(&time(pending::expires_at(&r, kept_for)))),
                        ]
                    )
                );
            }
        }
        FormReportsCommand::Discard { report, data } => {
            let store = open_store(&data).await?;
            let removed = pending::discard(&store, &report).await?;
            println!(
                "{}",
                tw(
                    "cli-form-reports-discarded",
                    &[("count", Arg::Number(removed)), ("name", Arg::Text(report.trim()))]
                )
            );
        }
    }
    Ok(())
}
