//! The data folder: the case file (`vigil.db`) and its key (`vigil.key`);
//! or, with `--database-url postgres://…` (`VIGIL_DATABASE_URL`), the case
//! file in PostgreSQL and only the key in the data folder.
//!
//! The key seals confidential content at rest. It comes from, in order:
//! `VIGIL_KEY` (64 hex digits); the key file named by `--key-file`
//! (`VIGIL_KEY_FILE`), best kept outside the data folder and its backups;
//! else `vigil.key` in the data folder. A key file is created (readable by
//! its owner only) when a new case file is. It may be wrapped under a
//! passphrase (`vigil key wrap`), given in `VIGIL_KEY_PASSPHRASE` or typed
//! at a terminal. The case file keeps a check of its key and refuses
//! another. A case file without its key cannot show its confidential
//! records. On PostgreSQL every server needs the same key.
//!
//! `vigil key rotate` writes the new key beside the old one
//! (`<key file>.next`) before re-sealing in one transaction, and renames it
//! over the old after the commit. Every command that opens the case file
//! finishes an interrupted rotation first: it keeps whichever of the two
//! keys the case file's check accepts (see [`open_store`]).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::say::{path as p, t, tw, Arg};
use vigil_app::key_file::{self, KeyFile};
use vigil_store::{SealKey, StoreError};
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
    /// VIGIL_KEY, the key file or the data folder.
    #[arg(long, env = "VIGIL_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// The key file, read at start (created with a new case file): keep it
    /// outside the data folder and apart from backups. Default: vigil.key in
    /// the data folder. A wrapped key file (vigil key wrap) takes its
    /// passphrase from VIGIL_KEY_PASSPHRASE or the terminal.
    #[arg(long, env = "VIGIL_KEY_FILE")]
    pub key_file: Option<PathBuf>,
}

impl DataArgs {
    /// The SQLite file in the data folder.
    pub fn database(&self) -> PathBuf {
        self.data.join(DATABASE)
    }

    /// The key file: `--key-file`, else `vigil.key` in the data folder.
    pub fn key_path(&self) -> PathBuf {
        self.key_file.clone().unwrap_or_else(|| self.data.join(KEY_FILE))
    }

    /// Where the case file lives.
    pub fn location(&self) -> anyhow::Result<Location> {
        match &self.database_url {
            None => Ok(Location::Sqlite(self.database())),
            Some(url) if Location::is_postgres_url(url) => Ok(Location::Postgres(url.clone())),
            Some(_) => {
                bail!("{}", t("cli-database-url-not-postgres"))
            }
        }
    }
}

/// Where a rotation writes the new key before re-sealing.
pub fn next_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".next");
    path.with_file_name(name)
}

/// Writes `text` to a new file at `path`, readable by its owner only, and
/// makes it durable (the file, then its folder).
pub fn write_secret(path: &Path, text: &str) -> anyhow::Result<()> {
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
        .with_context(|| tw("cli-cannot-create-key-file", &[("path", Arg::Text(&p(path)))]))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| tw("cli-cannot-write-key-file", &[("path", Arg::Text(&p(path)))]))?;
    sync_folder_of(path)
}

/// Makes a rename or a new file in `path`'s folder durable.
pub fn sync_folder_of(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::File::open(folder)
            .and_then(|f| f.sync_all())
            .with_context(|| tw("cli-cannot-sync-folder", &[("path", Arg::Text(&p(folder)))]))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Replaces the file at `path` by `text`, whole or not at all: written
/// beside it, then renamed over it.
pub fn replace_secret(path: &Path, text: &str) -> anyhow::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".writing");
    let partial = path.with_file_name(name);
    let _ = std::fs::remove_file(&partial);
    write_secret(&partial, text)?;
    std::fs::rename(&partial, path)
        .with_context(|| tw("cli-cannot-replace-key-file", &[("path", Arg::Text(&p(path)))]))?;
    sync_folder_of(path)
}

fn write_new_key(path: &Path, key: &SealKey) -> anyhow::Result<()> {
    write_secret(path, &key_file::plain_text(key))?;
    tracing::info!(path = %path.display(), "{}", t("cli-new-key"));
    Ok(())
}

/// The key, and the passphrase that opened it when its file is wrapped
/// (a rotation wraps the new key under the same one).
pub struct Loaded {
    pub key: SealKey,
    pub passphrase: Option<String>,
}

/// A passphrase: `VIGIL_KEY_PASSPHRASE`, else typed at the terminal.
pub fn passphrase(prompt: &str, why: &str) -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("VIGIL_KEY_PASSPHRASE") {
        return Ok(p);
    }
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return rpassword::prompt_password(prompt).with_context(|| t("cli-cannot-read-passphrase"));
    }
    bail!("{why}: {}", t("cli-passphrase-needed"))
}

/// Warns when a key file can be read by others than its owner.
fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                tracing::warn!(
                    path = %path.display(),
                    mode = format!("{mode:o}"),
                    "{}",
                    t("cli-key-file-shared")
                );
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Opens the wrapped key file at `path` with the passphrase asked for
/// ([`passphrase`]): the key, and the passphrase that opened it.
pub fn open_wrapped(path: &Path, wrapped: &key_file::Wrapped) -> anyhow::Result<(SealKey, String)> {
    let pass = passphrase(
        &format!("{}: ", tw("cli-passphrase-prompt", &[("path", Arg::Text(&p(path)))])),
        &tw("cli-key-file-wrapped", &[("path", Arg::Text(&p(path)))]),
    )?;
    let key = wrapped
        .open(&pass)
        .with_context(|| tw("cli-cannot-open-key-file", &[("path", Arg::Text(&p(path)))]))?;
    Ok((key, pass))
}

/// Reads the key file at `path`; `None` when there is none. A wrapped one
/// is opened with `known` (the passphrase of its sibling) if it fits, else
/// with [`passphrase`].
pub fn read_key_file(path: &Path, known: Option<&str>) -> anyhow::Result<Option<Loaded>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| tw("cli-cannot-read-key-file", &[("path", Arg::Text(&p(path)))])),
    };
    warn_if_shared(path);
    match key_file::parse(&text).with_context(|| tw("cli-key-file-unusable", &[("path", Arg::Text(&p(path)))]))? {
        KeyFile::Plain(key) => Ok(Some(Loaded { key, passphrase: None })),
        KeyFile::Wrapped(wrapped) => {
            if let Some(known) = known {
                if let Ok(key) = wrapped.open(known) {
                    return Ok(Some(Loaded {
                        key,
                        passphrase: Some(known.to_owned()),
                    }));
                }
            }
            let (key, pass) = open_wrapped(path, &wrapped)?;
            Ok(Some(Loaded {
                key,
                passphrase: Some(pass),
            }))
        }
    }
}

/// Where the key comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `VIGIL_KEY`.
    Variable,
    /// A key file.
    File(PathBuf),
}

impl DataArgs {
    /// Where the key of this data folder comes from (one place decides).
    pub fn key_source(&self) -> anyhow::Result<Source> {
        if std::env::var_os("VIGIL_KEY").is_some() {
            if self.key_file.is_some() {
                bail!("{}", t("cli-key-given-twice"));
            }
            return Ok(Source::Variable);
        }
        Ok(Source::File(self.key_path()))
    }
}

/// The key of the case file in `data`, and whether it is new (not yet
/// written to its key file).
fn key_of(data: &DataArgs, location: &Location) -> anyhow::Result<(Loaded, bool)> {
    let path = match data.key_source()? {
        Source::Variable => {
            let hex = std::env::var("VIGIL_KEY").unwrap_or_default();
            let key = SealKey::from_hex(&hex).with_context(|| t("cli-vigil-key-invalid"))?;
            return Ok((Loaded { key, passphrase: None }, false));
        }
        Source::File(path) => path,
    };
    if let Some(loaded) = read_key_file(&path, None)? {
        return Ok((loaded, false));
    }
    if let Location::Sqlite(db) = location {
        if db.exists() {
            bail!(
                "{}",
                tw(
                    "cli-key-file-missing",
                    &[("path", Arg::Text(&p(db))), ("other", Arg::Text(&p(&path)))]
                )
            );
        }
    }
    Ok((
        Loaded {
            key: SealKey::generate(),
            passphrase: None,
        },
        true,
    ))
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
    let (loaded, new) = key_of(data, &Location::Sqlite(data.database()))?;
    if new {
        write_new_key(&data.key_path(), &loaded.key)?;
    }
    Ok(loaded.key)
}

/// Whether `e` is a store refusing a key that is not its case file's.
fn wrong_key(e: &StoreError) -> bool {
    matches!(e, StoreError::Invalid(f) if f.iter().any(|f| f.field == "key"))
}

/// Opens a store with the key `data` names, creating the key for a new
/// case file once the store accepted it, and finishing an interrupted
/// rotation: with a `<key file>.next` beside the key file, the case file
/// is opened with whichever of the two its key check accepts; if the new
/// one, the rotation committed and `.next` is renamed over the key file;
/// if the old one, it did not and `.next` is removed.
async fn open_keyed<S, F, Fut>(data: &DataArgs, location: &Location, open: F) -> anyhow::Result<(S, Loaded)>
where
    F: Fn(SealKey) -> Fut,
    Fut: std::future::Future<Output = Result<S, StoreError>>,
{
    let (loaded, new) = key_of(data, location)?;
    let source = data.key_source()?;
    let where_key = match &source {
        Source::Variable => "VIGIL_KEY".to_owned(),
        Source::File(path) => tw("cli-the-key-file", &[("path", Arg::Text(&p(path)))]),
    };
    let refused = |e: StoreError| -> anyhow::Error {
        if wrong_key(&e) {
            if new {
                anyhow::anyhow!(
                    "{}",
                    tw("cli-key-not-found", &[("path", Arg::Text(&p(&data.key_path())))])
                )
            } else {
                anyhow::anyhow!("{}", tw("cli-wrong-key", &[("what", Arg::Text(&where_key))]))
            }
        } else {
            anyhow::Error::new(e)
        }
    };
    let pending = match &source {
        Source::File(path) if !new && next_path(path).exists() => Some(path.clone()),
        _ => None,
    };
    let Some(path) = pending else {
        let store = open(loaded.key.clone()).await.map_err(refused)?;
        if new {
            write_new_key(&data.key_path(), &loaded.key)?;
        }
        return Ok((store, loaded));
    };
    let next = next_path(&path);
    match open(loaded.key.clone()).await {
        Ok(store) => {
            std::fs::remove_file(&next).with_context(|| tw("cli-cannot-remove", &[("path", Arg::Text(&p(&next)))]))?;
            sync_folder_of(&next)?;
            tracing::warn!(
                path = %next.display(),
                "{}",
                t("cli-rotation-undone")
            );
            Ok((store, loaded))
        }
        Err(e) if wrong_key(&e) => {
            let Some(fresh) = read_key_file(&next, loaded.passphrase.as_deref())? else {
                bail!("{}", tw("cli-vanished", &[("path", Arg::Text(&p(&next)))]));
            };
            let store = open(fresh.key.clone()).await.map_err(|e| {
                if wrong_key(&e) {
                    anyhow::anyhow!(
                        "{}",
                        tw(
                            "cli-neither-key",
                            &[("path", Arg::Text(&p(&path))), ("other", Arg::Text(&p(&next)))]
                        )
                    )
                } else {
                    anyhow::Error::new(e)
                }
            })?;
            reseal_outbox(data, &loaded.key, &fresh.key)?;
            std::fs::rename(&next, &path)
                .with_context(|| tw("cli-cannot-move-into-place", &[("path", Arg::Text(&p(&next)))]))?;
            sync_folder_of(&path)?;
            tracing::warn!(
                path = %path.display(),
                "{}",
                t("cli-rotation-finished")
            );
            Ok((store, fresh))
        }
        Err(e) => Err(anyhow::Error::new(e)),
    }
}

/// Re-seals the outbox's messages sealed under `old` with `new` (a key
/// rotation, or the finishing of an interrupted one); those already under
/// `new` stay as they are.
pub fn reseal_outbox(data: &DataArgs, old: &SealKey, new: &SealKey) -> anyhow::Result<()> {
    use vigil_app::campaigns::outbox::{self, OutboxKey};
    let dir = crate::outbox::folder(&data.data);
    outbox::reseal(&dir, &OutboxKey::of_case_key(old), &OutboxKey::of_case_key(new))
        .with_context(|| tw("cli-outbox-cannot-seal", &[("path", Arg::Text(&p(&dir)))]))?;
    Ok(())
}

/// Creates the data folder (owner-only when new).
fn data_folder(data: &DataArgs) -> anyhow::Result<()> {
    let fresh = !data.data.exists();
    std::fs::create_dir_all(&data.data)
        .with_context(|| tw("cli-cannot-create-data-folder", &[("path", Arg::Text(&p(&data.data)))]))?;
    if fresh {
        owner_only(&data.data, 0o700);
    }
    Ok(())
}

/// Opens the case file where `data` says it lives, creating the data
/// folder, the case file and its key if needed.
///
/// A new key is written to its file only once the case file has accepted
/// it: a server without the key of an existing case file is refused, and
/// leaves no wrong key behind.
pub async fn open_store(data: &DataArgs) -> anyhow::Result<AnyStore> {
    Ok(open_store_keyed(data).await?.0)
}

/// [`open_store`], and the key it opened with.
pub async fn open_store_keyed(data: &DataArgs) -> anyhow::Result<(AnyStore, Loaded)> {
    let location = data.location()?;
    let Location::Postgres(url) = &location else {
        let (store, loaded) = open_sqlite_keyed(data).await?;
        return Ok((AnyStore::Sqlite(store), loaded));
    };
    data_folder(data)?;
    let (store, loaded) = open_keyed(data, &location, |key| PostgresStore::connect(url, key))
        .await
        .with_context(|| t("cli-cannot-open-postgres"))?;
    Ok((AnyStore::Postgres(store), loaded))
}

/// Opens the SQLite case file in the data folder, creating both if needed.
pub async fn open_sqlite(data: &DataArgs) -> anyhow::Result<SqliteStore> {
    Ok(open_sqlite_keyed(data).await?.0)
}

async fn open_sqlite_keyed(data: &DataArgs) -> anyhow::Result<(SqliteStore, Loaded)> {
    data_folder(data)?;
    let path = data.database();
    let location = Location::Sqlite(path.clone());
    let (store, loaded) = open_keyed(data, &location, |key| {
        let path = path.clone();
        async move { SqliteStore::open(&path, key).await }
    })
    .await
    .with_context(|| tw("cli-cannot-open-case-file", &[("path", Arg::Text(&p(&path)))]))?;
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            owner_only(&file, 0o600);
        }
    }
    Ok((store, loaded))
}
