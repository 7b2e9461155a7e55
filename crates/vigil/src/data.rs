//! The data folder: the case file (`vigil.db`) and its key (`vigil.key`);
//! or, with `--database-url postgres://…` (`VIGIL_DATABASE_URL`), the case
//! file in PostgreSQL and only the key in the data folder.
//!
//! The key seals confidential content at rest. It comes from `VIGIL_KEY`
//! (64 hex digits) when set, else from `vigil.key` in the data folder,
//! which is created (readable by its owner only) when a new case file is.
//! A case file without its key cannot show its confidential records: keep
//! the key safe and apart from the backups. On PostgreSQL every server
//! needs the same key; the database refuses a server with another one.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use vigil_store::SealKey;
use vigil_store_any::{AnyStore, Location, PostgresStore};
use vigil_store_sqlite::SqliteStore;

pub const DATABASE: &str = "vigil.db";
pub const KEY_FILE: &str = "vigil.key";

/// The data folder: the SQLite file, the search index and (by default) the key live here.
#[derive(clap::Args, Clone, Debug)]
pub struct DataArgs {
    #[arg(long, env = "VIGIL_DATA", default_value = "./vigil-data")]
    pub data: PathBuf,
    /// The case file in PostgreSQL instead of SQLite in the data folder:
    /// postgres://USER:PASSWORD@HOST:PORT/DATABASE. The key still comes from
    /// VIGIL_KEY or the data folder.
    #[arg(long, env = "VIGIL_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

impl DataArgs {
    /// The SQLite file in the data folder.
    pub fn database(&self) -> PathBuf {
        self.data.join(DATABASE)
    }

    /// Where the case file lives.
    pub fn location(&self) -> anyhow::Result<Location> {
        match &self.database_url {
            None => Ok(Location::Sqlite(self.database())),
            Some(url) if Location::is_postgres_url(url) => Ok(Location::Postgres(url.clone())),
            Some(_) => {
                bail!("--database-url takes a postgres://… URL; the SQLite case file lives in the data folder (--data)")
            }
        }
    }
}

fn write_new_key(path: &Path, key: &SealKey) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create the key file {}", path.display()))?;
    file.write_all(format!("{}\n", key.to_hex()).as_bytes())?;
    file.sync_all()?;
    tracing::info!(path = %path.display(), "created a new key for confidential content");
    Ok(())
}

/// The key of the case file in `data`, and whether it is new (not yet
/// written to the data folder).
fn key_of(data: &DataArgs, location: &Location) -> anyhow::Result<(SealKey, bool)> {
    if let Ok(hex) = std::env::var("VIGIL_KEY") {
        return Ok((SealKey::from_hex(&hex).context("VIGIL_KEY is not a valid key")?, false));
    }
    let path = data.data.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok((
            SealKey::from_hex(&text).with_context(|| format!("{} does not hold a valid key", path.display()))?,
            false,
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Location::Sqlite(db) = location {
                if db.exists() {
                    bail!(
                        "the case file {} exists but its key {} is missing: put the key back or set VIGIL_KEY",
                        db.display(),
                        path.display()
                    );
                }
            }
            Ok((SealKey::generate(), true))
        }
        Err(e) => Err(e).with_context(|| format!("cannot read the key file {}", path.display())),
    }
}

/// Readable and writable by the owner only: the case file holds password
/// hashes and the names of people at risk.
pub fn owner_only(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)) {
            tracing::warn!(path = %path.display(), error = %e, "cannot restrict the permissions");
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

/// The key of the case file in the data folder (the SQLite one), creating
/// one for a new case file.
pub fn key(data: &DataArgs) -> anyhow::Result<SealKey> {
    let (key, new) = key_of(data, &Location::Sqlite(data.database()))?;
    if new {
        write_new_key(&data.data.join(KEY_FILE), &key)?;
    }
    Ok(key)
}

/// Opens the case file where `data` says it lives, creating the data
/// folder, the case file and its key if needed.
///
/// On PostgreSQL a new key is written to the data folder only once the
/// database has accepted it: a server without the key of an existing case
/// file is refused, and leaves no wrong key behind.
pub async fn open_store(data: &DataArgs) -> anyhow::Result<AnyStore> {
    let location = data.location()?;
    let Location::Postgres(url) = &location else {
        return Ok(AnyStore::Sqlite(open_sqlite(data).await?));
    };
    let fresh = !data.data.exists();
    std::fs::create_dir_all(&data.data)
        .with_context(|| format!("cannot create the data folder {}", data.data.display()))?;
    if fresh {
        owner_only(&data.data, 0o700);
    }
    let (key, new) = key_of(data, &location)?;
    let store = PostgresStore::connect(url, key.clone())
        .await
        .map_err(|e| match e {
            vigil_store::StoreError::Invalid(f) if new && f.iter().any(|f| f.field == "key") => anyhow::anyhow!(
                "the PostgreSQL case file has a key and this server has none: put it in {} or set VIGIL_KEY",
                data.data.join(KEY_FILE).display()
            ),
            e => anyhow::Error::new(e),
        })
        .context("cannot open the case file in PostgreSQL")?;
    if new {
        write_new_key(&data.data.join(KEY_FILE), &key)?;
    }
    Ok(AnyStore::Postgres(store))
}

/// Opens the SQLite case file in the data folder, creating both if needed.
pub async fn open_sqlite(data: &DataArgs) -> anyhow::Result<SqliteStore> {
    let fresh = !data.data.exists();
    std::fs::create_dir_all(&data.data)
        .with_context(|| format!("cannot create the data folder {}", data.data.display()))?;
    if fresh {
        owner_only(&data.data, 0o700);
    }
    let key = key(data)?;
    let path = data.database();
    let store = SqliteStore::open(&path, key)
        .await
        .with_context(|| format!("cannot open the case file {}", path.display()))?;
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            owner_only(&file, 0o600);
        }
    }
    Ok(store)
}
