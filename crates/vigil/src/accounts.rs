//! `vigil user add|disable|enable`, `vigil token issue`.

use std::io::{BufRead, IsTerminal};

use anyhow::{bail, Context};
use vigil_app::credentials;
use vigil_core::{AccountRole, UserName};
use vigil_store::Accounts;

use crate::data::{open_store, DataArgs};

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Adds an account; the password is read from standard input (asked
    /// for without echo on a terminal), never taken as an argument.
    Add {
        name: String,
        #[arg(long, value_parser = parse_role)]
        role: AccountRole,
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
}

fn parse_role(s: &str) -> Result<AccountRole, String> {
    s.parse::<AccountRole>().map_err(|e| e.to_string())
}

fn user_name(s: &str) -> anyhow::Result<UserName> {
    UserName::parse(s).map_err(|e| anyhow::anyhow!("'{s}': {e}"))
}

fn read_password() -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Again: ")?;
        if first != again {
            bail!("the two passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    };
    if let Err(why) = credentials::check_password(&password) {
        bail!(why);
    }
    Ok(password)
}

pub async fn user(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add { name, role, data } => {
            let name = user_name(&name)?;
            let password = read_password()?;
            let hash = credentials::hash_password(&password)?;
            let store = open_store(&data).await?;
            store.add_account(&name, role, &hash).await?;
            println!("added {name} ({role})");
        }
        UserCommand::Disable { name, data } => {
            let name = user_name(&name)?;
            open_store(&data).await?.set_disabled(&name, true).await?;
            println!("disabled {name}");
        }
        UserCommand::Enable { name, data } => {
            let name = user_name(&name)?;
            open_store(&data).await?.set_disabled(&name, false).await?;
            println!("enabled {name}");
        }
    }
    Ok(())
}

pub async fn token(command: TokenCommand) -> anyhow::Result<()> {
    let TokenCommand::Issue { name, data } = command;
    let name = user_name(&name)?;
    let store = open_store(&data).await?;
    match store.account(&name).await? {
        Some((account, _)) if !account.disabled => {}
        Some(_) => bail!("the account {name} is disabled"),
        None => bail!("no account {name}"),
    }
    let token = credentials::random_token();
    store.add_token(&name, &credentials::digest(&token)).await?;
    println!("{token}");
    Ok(())
}
