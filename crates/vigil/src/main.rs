//! `vigil`: the one binary. It alone knows every crate; it picks the store
//! from the database URL (PostgreSQL) or else the data folder (SQLite) and
//! hands it to the web layer. Errors end here as one line and a non-zero
//! exit.

mod accounts;
mod backup;
mod data;
mod form_keys;
mod form_reports;
mod help;
mod ingest;
mod keys;
mod migrate;
mod open_data;
mod outbox;
mod rebuild;
mod reindex;
mod say;
mod serve;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "vigil",
    version,
    about = "Case file, status and solidarity for persecuted activists"
)]
struct Cli {
    /// The language of the messages: en, ru or kk (else LC_ALL,
    /// LC_MESSAGES or LANG, else English).
    #[arg(long, global = true, value_name = "CODE", value_parser = ["en", "ru", "kk"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the pages and the JSON API.
    Serve(Box<serve::ServeArgs>),
    /// Manage accounts.
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// The key that seals confidential content: wrap it under a passphrase,
    /// unwrap it, rotate it.
    #[command(subcommand)]
    Key(keys::KeyCommand),
    /// The key pair of encrypted forms (reports encrypted on the phone):
    /// list, rotate it alone, export a private key for ODK Briefcase.
    #[command(subcommand)]
    FormKey(form_keys::FormKeyCommand),
    /// Reports from the field still waiting for parts: list them, discard one.
    #[command(subcommand)]
    FormReports(form_reports::FormReportsCommand),
    /// The messages sent into the data folder's outbox (no SMTP server),
    /// sealed at rest: list them, read one.
    #[command(subcommand)]
    Outbox(outbox::OutboxCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(accounts::TokenCommand),
    /// Write a consistent snapshot of the case file while it is in use.
    Backup(backup::BackupArgs),
    /// Restore a snapshot into an empty data folder.
    Restore(backup::RestoreArgs),
    /// Rebuild the search index from the case file (stop the server first).
    Reindex(reindex::ReindexArgs),
    /// Recompute the state kept from the case file (each person's status
    /// over time, the counts) from its live records.
    RebuildDerived(rebuild::RebuildArgs),
    /// Copy the SQLite case file of a data folder, with its whole history
    /// and accounts, into an empty PostgreSQL database, and compare.
    MigrateToPostgres(migrate::MigrateArgs),
    /// Read documents (text, HTML, PDF; files or folders) into the case
    /// file as sources with proposals for an editor to decide on.
    Ingest(ingest::IngestArgs),
    /// Write the case file out as open data (JSON Lines).
    Export(open_data::ExportArgs),
    /// Read a JSON Lines export into the case file: all of it or nothing.
    Import(open_data::ImportArgs),
}

// Ingest allocates many small strings on several threads at once, where
// mimalloc measured faster than the system allocator (README, Ingest).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("VIGIL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    // The language first: `--help` and usage errors are said in it.
    let args = help::help_subcommand(std::env::args_os().collect());
    say::choose(help::lang_option(&args).as_deref());
    let cli = help::localised(Cli::command())
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .unwrap_or_else(|e| help::exit_with(e));
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("vigil: {}: {e}", say::t("cli-no-runtime"));
            return std::process::ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => serve::run(*args).await,
            Command::User(c) => accounts::user(c).await,
            Command::Outbox(c) => outbox::run(c).await,
            Command::Token(c) => accounts::token(c).await,
            Command::Key(c) => keys::run(c).await,
            Command::FormKey(c) => form_keys::run(c).await,
            Command::FormReports(c) => form_reports::run(c).await,
            Command::Backup(args) => backup::backup(args).await,
            Command::Restore(args) => backup::restore(args).await,
            Command::Reindex(args) => reindex::run(args).await,
            Command::RebuildDerived(args) => rebuild::run(args).await,
            Command::MigrateToPostgres(args) => migrate::run(args).await,
            Command::Ingest(args) => ingest::run(args).await,
            Command::Export(args) => open_data::export(args).await,
            Command::Import(args) => open_data::import(args).await,
        }
    });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vigil: {}", say::error(&e));
            std::process::ExitCode::FAILURE
        }
    }
}
