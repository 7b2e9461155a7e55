//! `vigil user …` and `vigil token …`: account administration from the
//! server's command line. The rules and the audit log are `vigil-app`'s
//! (the admin pages use the same); changes are recorded as made by
//! `cli:<operating-system user>`.

use std::io::{BufRead, IsTerminal};

use anyhow::{bail, Context};
use vigil_app::accounts::{self, Administrator};
use vigil_core::{AccountRole, UserName};

use crate::data::{open_store, DataArgs};
use crate::say::{lang, t, tw, Arg};

/// A role, as the command line names it (so `--help` lists them).
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Role {
    /// Reads public records.
    Reader,
    /// Also writes records and decides proposals.
    Editor,
    /// An editor who also reads and edits confidential records and fields.
    #[value(name = "confidential_reader")]
    ConfidentialReader,
    /// Can do everything, and manages accounts.
    Admin,
    /// A phone that sends reports over OpenRosa (ODK Collect, KoboCollect,
    /// Tella) and can do nothing else.
    Device,
}

impl From<Role> for AccountRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Reader => AccountRole::Reader,
            Role::Editor => AccountRole::Editor,
            Role::ConfidentialReader => AccountRole::ConfidentialReader,
            Role::Admin => AccountRole::Admin,
            Role::Device => AccountRole::Device,
        }
    }
}

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Adds an account; the password is read from standard input (asked
    /// for without echo on a terminal), never taken as an argument.
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: Role,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Lists the accounts with their roles and states.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
    /// Changes an account's role; it takes effect at the account's next
    /// request.
    Role {
        name: String,
        #[arg(value_enum)]
        role: Role,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Sets a new password, read from standard input; every session of the
    /// account ends.
    Password {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Disables an account: its sessions and tokens stop working at once.
    Disable {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Enables a disabled account again.
    Enable {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Shows the account audit log, newest first.
    Audit {
        /// How many lines at most.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(clap::Subcommand)]
pub enum TokenCommand {
    /// Issues an API token for an account and prints it once; only its
    /// hash is kept.
    Issue {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Lists an account's tokens by id (the start of each token's hash;
    /// never the token) and the time each was issued.
    List {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Revokes a token by the id `vigil token list` shows.
    Revoke {
        id: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// Whoever runs this command, as the audit log names them.
fn console() -> Administrator {
    let user = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_default();
    Administrator::console(&user)
}

fn read_password() -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("{}: ", t("cli-password")))?;
        let again = rpassword::prompt_password(format!("{}: ", t("cli-password-again")))?;
        if first != again {
            bail!("{}", t("cli-passwords-differ"));
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .with_context(|| t("cli-cannot-read-password"))?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    };
    Ok(password)
}

/// A role as a message names it: in English its code (as the commands
/// take it); in another language its name, with the code.
fn role_words(role: AccountRole) -> String {
    match lang() {
        vigil_app::i18n::Lang::En => role.to_string(),
        other => format!("{} ({role})", other.term(&role)),
    }
}

/// The message `key` about the account `name` and its `role`.
fn with_name_and_role(key: &str, name: &UserName, role: AccountRole) -> String {
    tw(
        key,
        &[
            ("name", Arg::Text(name.as_str())),
            ("role", Arg::Text(&role_words(role))),
        ],
    )
}

fn time(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub async fn user(command: UserCommand) -> anyhow::Result<()> {
    let by = console();
    match command {
        UserCommand::Add { name, role, data } => {
            let name = accounts::user_name(&name)?;
            let password = read_password()?;
            let store = open_store(&data).await?;
            let role = AccountRole::from(role);
            accounts::add(&store, &by, &name, role, password).await?;
            println!("{}", with_name_and_role("cli-user-added", &name, role));
        }
        UserCommand::List { data } => {
            let store = open_store(&data).await?;
            for a in accounts::list(&store).await? {
                let state = t(if a.disabled {
                    "cli-user-disabled-state"
                } else {
                    "cli-user-active-state"
                });
                println!("{}\t{}\t{state}", a.name, a.role);
            }
        }
        UserCommand::Role { name, role, data } => {
            let name = accounts::user_name(&name)?;
            let role = AccountRole::from(role);
            accounts::set_role(&open_store(&data).await?, &by, &name, role).await?;
            println!("{}", with_name_and_role("cli-user-role-set", &name, role));
        }
        UserCommand::Password { name, data } => {
            let name = accounts::user_name(&name)?;
            let password = read_password()?;
            accounts::set_password(&open_store(&data).await?, &by, &name, password).await?;
            println!("{}", tw("cli-user-password-set", &[("name", Arg::Text(name.as_str()))]));
        }
        UserCommand::Disable { name, data } => {
            let name = accounts::user_name(&name)?;
            accounts::set_disabled(&open_store(&data).await?, &by, &name, true).await?;
            println!("{}", tw("cli-user-disabled", &[("name", Arg::Text(name.as_str()))]));
        }
        UserCommand::Enable { name, data } => {
            let name = accounts::user_name(&name)?;
            accounts::set_disabled(&open_store(&data).await?, &by, &name, false).await?;
            println!("{}", tw("cli-user-enabled", &[("name", Arg::Text(name.as_str()))]));
        }
        UserCommand::Audit { limit, data } => {
            for line in accounts::audit(&open_store(&data).await?, limit).await? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    time(line.at),
                    vigil_app::words::actor_in(lang(), &line.actor),
                    vigil_app::words::account_action_key(&line.action).map_or(line.action.clone(), t),
                    line.account,
                    line.detail
                );
            }
        }
    }
    Ok(())
}

pub async fn token(command: TokenCommand) -> anyhow::Result<()> {
    let by = console();
    match command {
        TokenCommand::Issue { name, data } => {
            let name = accounts::user_name(&name)?;
            let token = accounts::issue_token(&open_store(&data).await?, &by, &name).await?;
            println!("{token}");
        }
        TokenCommand::List { name, data } => {
            let name = accounts::user_name(&name)?;
            for t in accounts::tokens(&open_store(&data).await?, &name).await? {
                println!("{}\t{}", t.id, time(t.created_at));
            }
        }
        TokenCommand::Revoke { id, data } => {
            let owner = accounts::revoke_token(&open_store(&data).await?, &by, &id).await?;
            println!(
                "{}",
                tw(
                    "cli-token-revoked",
                    &[
                        ("number", Arg::Text(id.trim())),
                        ("name", Arg::Text(&owner.to_string()))
                    ]
                )
            );
        }
    }
    Ok(())
}
