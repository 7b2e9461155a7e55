//! The data folder: the case file (`vigil.db`) and its key (`vigil.key`).
//!
//! The key seals confidential content at rest. It comes from `VIGIL_KEY`
//! (64 hex digits) when set, else from `vigil.key` in the data folder,
//! which is created (readable by its owner only) when a new case file is.
//! A case file without its key cannot show its confidential records: keep
//! the key safe and apart from the backups.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use vigil_store::SealKey;
use vigil_store_sqlite::SqliteStore;

pub const DATABASE: &str = "vigil.db";
pub const KEY_FILE: &str = "vigil.key";

/// The data folder: the SQLite file (and later the search index) live here.
#[derive(clap::Args, Clone, Debug)]
pub struct DataArgs {
    #[arg(long, env = "VIGIL_DATA", default_value = "./vigil-data")]
    pub data: PathBuf,
}

impl DataArgs {
    pub fn database(&self) -> PathBuf {
        self.data.join(DATABASE)
    }
}

fn write_new_key(path: &Path) -> anyhow::Result<SealKey> {
    let key = SealKey::generate();
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
    Ok(key)
}

/// The key of the case file in `data`, creating one for a new case file.
pub fn key(data: &DataArgs) -> anyhow::Result<SealKey> {
    if let Ok(hex) = std::env::var("VIGIL_KEY") {
        return SealKey::from_hex(&hex).context("VIGIL_KEY is not a valid key");
    }
    let path = data.data.join(KEY_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => SealKey::from_hex(&text).with_context(|| format!("{} does not hold a valid key", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if data.database().exists() {
                bail!(
                    "the case file {} exists but its key {} is missing: put the key back or set VIGIL_KEY",
                    data.database().display(),
                    path.display()
                );
            }
            write_new_key(&path)
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

/// Opens the store in the data folder, creating both if needed.
pub async fn open_store(data: &DataArgs) -> anyhow::Result<SqliteStore> {
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
