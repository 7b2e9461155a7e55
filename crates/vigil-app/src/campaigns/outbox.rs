//! The outbox: the messages Vigil sends, kept as files in `<data>/outbox/`
//! when no SMTP server is configured (the default, so a new user sees
//! them), each sealed at rest.
//!
//! A message names a signer and their address (a confirmation), or the
//! signers who chose to be named (a digest to a target), so its file is
//! sealed (XChaCha20-Poly1305) under a key derived from the case file's
//! for this purpose only ([`OutboxKey`]), bound to the message's id (the
//! file's name): a copy of the data folder without the key shows neither
//! a name, nor an address, nor the text. A file is
//! `<message id>.eml.sealed`:
//!
//! ```text
//! "VIGIL OUTBOX 1\n" | key check (8 bytes) | nonce (24) | sealed message
//! ```
//!
//! The key check (a keyed hash of a constant) tells a file sealed under
//! another key from a damaged one. Whoever holds the key reads a message
//! as it would have been sent with `vigil outbox show NAME` ([`open`]).
//!
//! A data folder of an earlier version holds plain `<id>.eml` files: the
//! server and the command seal them as they open the folder
//! ([`seal_plain`]), crash-safe: the sealed file is written beside, synced
//! and renamed into place, and only then is the plain one removed. A key
//! rotation re-seals the files under the new key ([`reseal`]).
//!
//! Files are still removed when their signers are anonymised and when a
//! confirmation's link expires (see [`super::mail`]).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use vigil_store::campaigns::Campaigns;
use vigil_store::seal::{keyed_hash, open_bytes, seal_bytes};
use vigil_store::SealKey;

/// What the outbox's key is derived for.
pub const PURPOSE: &str = "campaign outbox";
/// How a sealed message's file name ends.
pub const SEALED: &str = ".eml.sealed";
/// How a plain message's file name ends (written by earlier versions).
pub const PLAIN: &str = ".eml";
const MAGIC: &[u8] = b"VIGIL OUTBOX 1\n";
const CHECK_LEN: usize = 8;

/// The outbox's key, derived from the case file's. Never logged.
#[derive(Clone)]
pub struct OutboxKey {
    key: SealKey,
    check: [u8; CHECK_LEN],
}

impl std::fmt::Debug for OutboxKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OutboxKey(..)")
    }
}

impl OutboxKey {
    /// From a derived secret (`store.derived_secret(PURPOSE)`).
    fn from_secret(secret: [u8; 32]) -> Self {
        let full = keyed_hash(&secret, b"vigil outbox key check v1");
        let mut check = [0u8; CHECK_LEN];
        check.copy_from_slice(&full[..CHECK_LEN]);
        Self {
            key: SealKey::from_bytes(secret),
            check,
        }
    }

    /// The outbox key of the case file `store` holds the key of.
    pub fn of<S: Campaigns>(store: &S) -> Self {
        Self::from_secret(store.derived_secret(PURPOSE))
    }

    /// The outbox key of the case file whose key is `key`.
    pub fn of_case_key(key: &SealKey) -> Self {
        Self::from_secret(key.derive(PURPOSE))
    }
}

/// Why a message of the outbox cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    /// Not a message's name (letters, digits, `-` and `_`, with or
    /// without `.eml` or `.eml.sealed`).
    #[error("not the name of a message in the outbox: {0}")]
    BadName(String),
    #[error("no message {0} in the outbox")]
    NoSuchMessage(String),
    #[error("the outbox's message {0} is damaged")]
    Damaged(String),
    #[error("the outbox's message {0} was sealed under another key")]
    WrongKey(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl OutboxError {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Self + '_ {
        move |source| OutboxError::Io {
            path: path.to_owned(),
            source,
        }
    }

    /// The error in `lang`.
    pub fn words(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Arg;
        match self {
            OutboxError::BadName(n) => lang.tr_with("cli-outbox-bad-name", &[("name", Arg::Text(n))]),
            OutboxError::NoSuchMessage(n) => lang.tr_with("cli-outbox-no-such", &[("name", Arg::Text(n))]),
            OutboxError::Damaged(n) => lang.tr_with("cli-outbox-damaged", &[("name", Arg::Text(n))]),
            OutboxError::WrongKey(n) => lang.tr_with("cli-outbox-wrong-key", &[("name", Arg::Text(n))]),
            OutboxError::Io { .. } => self.to_string(),
        }
    }
}

/// The file name of message `id`, sealed.
pub fn file_name(id: &str) -> String {
    format!("{id}{SEALED}")
}

/// The name of file `name`'s unfinished write, beside it (renamed to
/// `name` once whole and synced).
pub fn unfinished(name: &str) -> String {
    format!(".{name}.tmp")
}

/// The message id a name given by a person (`ID`, `ID.eml`,
/// `ID.eml.sealed`) stands for.
pub fn id_of(name: &str) -> Result<&str, OutboxError> {
    let name = name.trim();
    let id = name
        .strip_suffix(SEALED)
        .or_else(|| name.strip_suffix(PLAIN))
        .unwrap_or(name);
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(OutboxError::BadName(name.to_owned()));
    }
    Ok(id)
}

fn aad(id: &str) -> Vec<u8> {
    format!("vigil outbox message: {id}").into_bytes()
}

/// Message `id` (as sent: RFC 5322) sealed as its file holds it.
pub fn seal(key: &OutboxKey, id: &str, message: &[u8]) -> Result<Vec<u8>, OutboxError> {
    let sealed = seal_bytes(&key.key, &aad(id), message).map_err(|_| OutboxError::Damaged(id.to_owned()))?;
    let mut out = Vec::with_capacity(MAGIC.len() + CHECK_LEN + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&key.check);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// The key check of a sealed file's bytes, if they look like one.
fn check_of(bytes: &[u8]) -> Option<&[u8]> {
    bytes.strip_prefix(MAGIC).and_then(|rest| rest.get(..CHECK_LEN))
}

/// The message back from its file's bytes.
pub fn unseal(key: &OutboxKey, id: &str, bytes: &[u8]) -> Result<Vec<u8>, OutboxError> {
    let damaged = || OutboxError::Damaged(id.to_owned());
    let check = check_of(bytes).ok_or_else(damaged)?;
    // Shorter than a nonce and a tag: cut short, whatever its key.
    if bytes.len() < MAGIC.len() + CHECK_LEN + 24 + 16 {
        return Err(damaged());
    }
    if check != key.check {
        return Err(OutboxError::WrongKey(id.to_owned()));
    }
    open_bytes(&key.key, &aad(id), &bytes[MAGIC.len() + CHECK_LEN..]).map_err(|_| damaged())
}

/// Writes `bytes` to `path` whole or not at all, readable by Vigil's own
/// user only: to a file beside it, synced, renamed into place, the folder
/// synced. `modified`: the time the file is to bear (a plain file's, so a
/// confirmation still expires when it would have).
fn write_atomically(path: &Path, bytes: &[u8], modified: Option<SystemTime>) -> Result<(), OutboxError> {
    write_file(path, bytes, modified)?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

/// [`write_atomically`] but for the folder's sync.
fn write_file(path: &Path, bytes: &[u8], modified: Option<SystemTime>) -> Result<(), OutboxError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(unfinished(&name));
    let file = write_unsynced(&tmp, bytes)?;
    if let Some(at) = modified {
        file.set_modified(at).map_err(OutboxError::io(&tmp))?;
    }
    file.sync_all().map_err(OutboxError::io(&tmp))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(OutboxError::io(path))
}

fn sync_dir(dir: &Path) -> Result<(), OutboxError> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(OutboxError::io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Puts message `id` (as sent) into the outbox folder `dir`, sealed and
/// synced. Its name in the folder is durable once the folder is synced
/// ([`sync_folder`]; the mail worker does so once a round, before it
/// records the round's messages as sent).
pub fn write(dir: &Path, key: &OutboxKey, id: &str, message: &[u8]) -> Result<(), OutboxError> {
    let id = id_of(id)?;
    std::fs::create_dir_all(dir).map_err(OutboxError::io(dir))?;
    write_file(&dir.join(file_name(id)), &seal(key, id, message)?, None)
}

/// Puts a round of messages (id, message as sent) into the outbox folder
/// `dir`, each sealed and whole or not at all; returns each one's result,
/// in order. Their names are durable once the folder is synced
/// ([`sync_folder`]).
///
/// Cheaper than [`write()`] for each under a signing flood: each file is
/// written beside its name, all of them are made durable together, and
/// only then renamed into place. On Linux from 5.8 that is one sync of the
/// file system (`syncfs`) for the round instead of a sync per file, each
/// of which commits the file system's journal; elsewhere, and on older
/// kernels (whose `syncfs` reports no write error), each file is synced.
pub fn write_round(dir: &Path, key: &OutboxKey, messages: &[(&str, &[u8])]) -> Vec<Result<(), OutboxError>> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return messages.iter().map(|_| Err(io_copy(dir, &e))).collect();
    }
    let durability = Durability::of(dir);
    // Each message's file beside its name, or why not.
    let staged: Vec<Result<(PathBuf, PathBuf), OutboxError>> = messages
        .iter()
        .map(|(id, message)| {
            let id = id_of(id)?;
            let path = dir.join(file_name(id));
            let tmp = dir.join(unfinished(&file_name(id)));
            let file = write_unsynced(&tmp, &seal(key, id, message)?)?;
            if matches!(durability, Durability::Each) {
                file.sync_all().map_err(OutboxError::io(&tmp))?;
            }
            Ok((tmp, path))
        })
        .collect();
    if staged.iter().any(Result::is_ok) {
        if let Err(e) = durability.finish() {
            return staged
                .into_iter()
                .map(|s| {
                    if let Ok((tmp, _)) = s {
                        let _ = std::fs::remove_file(tmp);
                    }
                    Err(io_copy(dir, &e))
                })
                .collect();
        }
    }
    staged
        .into_iter()
        .map(|s| {
            let (tmp, path) = s?;
            std::fs::rename(&tmp, &path).map_err(OutboxError::io(&path))
        })
        .collect()
}

/// How a round's files are made durable.
enum Durability {
    /// Together, by one `syncfs` through the folder. The folder is opened
    /// before any file of the round is written: `syncfs` reports a
    /// write-back error on the file system only since its descriptor was
    /// opened (Linux 5.8 and later).
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    Together(std::fs::File),
    /// Each file synced as it is written.
    Each,
}

impl Durability {
    fn of(dir: &Path) -> Self {
        #[cfg(target_os = "linux")]
        if syncfs_reports_errors() {
            if let Ok(folder) = std::fs::File::open(dir) {
                return Durability::Together(folder);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = dir;
        Durability::Each
    }

    /// Makes the round's files durable (those of `Each` already are).
    fn finish(self) -> std::io::Result<()> {
        match self {
            #[cfg(target_os = "linux")]
            Durability::Together(folder) => {
                use std::os::fd::AsRawFd;
                // SAFETY: a plain system call on a descriptor held open here.
                if unsafe { libc::syncfs(folder.as_raw_fd()) } == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            }
            #[cfg(not(target_os = "linux"))]
            Durability::Together(_) => Ok(()),
            Durability::Each => Ok(()),
        }
    }
}

/// Whether this kernel's `syncfs` reports write-back errors: Linux 5.8 and
/// later. Read once, from `/proc/sys/kernel/osrelease`; unknown is no.
#[cfg(target_os = "linux")]
fn syncfs_reports_errors() -> bool {
    static REPORTS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *REPORTS.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/kernel/osrelease").is_ok_and(|release| release_at_least(&release, (5, 8)))
    })
}

/// Whether a kernel release (`6.18.44-…`) is `at` (major, minor) or later.
#[cfg(any(target_os = "linux", test))]
fn release_at_least(release: &str, at: (u32, u32)) -> bool {
    let mut parts = release.trim().split(['.', '-']);
    let mut number = || parts.next().and_then(|p| p.parse::<u32>().ok());
    match (number(), number()) {
        (Some(major), Some(minor)) => (major, minor) >= at,
        _ => false,
    }
}

/// Error `e` on `path` once more (an I/O error is not `Clone`), for each
/// message a failure of the round's shared step fails.
fn io_copy(path: &Path, e: &std::io::Error) -> OutboxError {
    OutboxError::Io {
        path: path.to_owned(),
        source: std::io::Error::new(e.kind(), e.to_string()),
    }
}

/// Writes `bytes` to a new file `path`, readable by Vigil's own user only,
/// not synced; returns the file, still open.
fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<std::fs::File, OutboxError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(OutboxError::io(path))?;
    file.write_all(bytes).map_err(OutboxError::io(path))?;
    Ok(file)
}

/// Makes the files written or removed in the outbox folder `dir` durable.
pub fn sync_folder(dir: &Path) -> Result<(), OutboxError> {
    sync_dir(dir)
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The message's id, which names it (`vigil outbox show ID`).
    pub id: String,
    pub file: PathBuf,
    /// Its file's size.
    pub bytes: u64,
    /// When it was written.
    pub modified: SystemTime,
}

/// The sealed messages in `dir`, oldest first (none when there is no
/// folder).
pub fn list(dir: &Path) -> Result<Vec<Entry>, OutboxError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(OutboxError::io(dir)(e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(OutboxError::io(dir))?;
        let name = entry.file_name();
        let Some(id) = name.to_str().and_then(|n| n.strip_suffix(SEALED)) else {
            continue;
        };
        if id_of(id).is_err() {
            continue;
        }
        // A file removed meanwhile (anonymised, expired) is not listed.
        let Ok(meta) = entry.metadata() else { continue };
        out.push(Entry {
            id: id.to_owned(),
            file: entry.path(),
            bytes: meta.len(),
            modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        });
    }
    out.sort_by(|a, b| a.modified.cmp(&b.modified).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// Message `name` (`ID`, `ID.eml` or `ID.eml.sealed`) of the outbox
/// folder `dir`, as it would have been sent.
pub fn open(dir: &Path, key: &OutboxKey, name: &str) -> Result<Vec<u8>, OutboxError> {
    let id = id_of(name)?;
    let path = dir.join(file_name(id));
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(OutboxError::NoSuchMessage(id.to_owned())),
        Err(e) => return Err(OutboxError::io(&path)(e)),
    };
    unseal(key, id, &bytes)
}

/// Every sealed message of `dir`, opened: (entry, message as sent). A
/// message removed while they are read is left out.
pub fn read_all(dir: &Path, key: &OutboxKey) -> Result<Vec<(Entry, Vec<u8>)>, OutboxError> {
    let mut out = Vec::new();
    for entry in list(dir)? {
        match open(dir, key, &entry.id) {
            Ok(message) => out.push((entry, message)),
            Err(OutboxError::NoSuchMessage(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A message as a person reads it: its quoted-printable body decoded (the
/// lines joined again, a link whole, Cyrillic as letters).
pub fn decoded(message: &[u8]) -> String {
    match quoted_printable::decode(message, quoted_printable::ParseMode::Robust) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => String::from_utf8_lossy(message).into_owned(),
    }
}

/// The value of a message's header `name` (its first line), if any.
pub fn header<'m>(message: &'m str, name: &str) -> Option<&'m str> {
    message.lines().take_while(|l| !l.is_empty()).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// What [`seal_plain`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sealed {
    /// Plain messages now sealed.
    pub sealed: u64,
    /// Plain copies removed whose sealed file was already there (a crash
    /// between the two steps).
    pub removed: u64,
}

/// How old a sealed message's unfinished write (`.ID.eml.sealed.tmp`)
/// must be to be taken for one a crash left: longer than a round takes.
const UNFINISHED: std::time::Duration = std::time::Duration::from_secs(600);

/// Seals the plain `.eml` files an earlier version left in `dir`: for
/// each, the sealed file is written (synced, renamed into place, bearing
/// the plain file's time), then the plain one removed. A crash between the
/// two leaves both; the next run removes the plain one. Unfinished writes
/// a crash left are removed: an earlier version's (`.ID.tmp`), and sealed
/// ones ten minutes old.
pub fn seal_plain(dir: &Path, key: &OutboxKey) -> Result<Sealed, OutboxError> {
    let mut done = Sealed::default();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(done),
        Err(e) => return Err(OutboxError::io(dir)(e)),
    };
    for entry in entries {
        let entry = entry.map_err(OutboxError::io(dir))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let path = entry.path();
        // An unfinished write: its message is still queued (it was never
        // marked sent) and will be written again. An earlier version's
        // (`.ID.tmp`) at once; a sealed one (`.ID.eml.sealed.tmp`) once
        // older than any round, as a server may be writing it now.
        if let Some(id) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) {
            let stale = match id.strip_suffix(SEALED) {
                Some(id) => {
                    id_of(id).is_ok()
                        && entry
                            .metadata()
                            .and_then(|m| m.modified())
                            .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > UNFINISHED))
                }
                None => id_of(id).is_ok() && !id.contains('.'),
            };
            if stale {
                remove(&path)?;
            }
            continue;
        }
        let Some(id) = name.strip_suffix(PLAIN) else { continue };
        if id_of(id).is_err() {
            continue;
        }
        let sealed = dir.join(file_name(id));
        if sealed.exists() {
            remove(&path)?;
            done.removed += 1;
            continue;
        }
        let message = match std::fs::read(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(OutboxError::io(&path)(e)),
        };
        let modified = entry.metadata().ok().and_then(|m| m.modified().ok());
        write_atomically(&sealed, &seal(key, id, &message)?, modified)?;
        remove(&path)?;
        done.sealed += 1;
    }
    if done.sealed + done.removed > 0 {
        sync_dir(dir)?;
        tracing::info!(
            sealed = done.sealed,
            removed = done.removed,
            "sealed the outbox's plain messages"
        );
    }
    Ok(done)
}

fn remove(path: &Path) -> Result<(), OutboxError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutboxError::io(path)(e)),
    }
}

/// Re-seals the messages of `dir` sealed under `old` with `new` (a key
/// rotation); those already under `new` are left as they are, so a
/// rotation interrupted here is finished by running this again. Returns
/// how many were re-sealed.
pub fn reseal(dir: &Path, old: &OutboxKey, new: &OutboxKey) -> Result<u64, OutboxError> {
    let mut n = 0;
    for entry in list(dir)? {
        let bytes = match std::fs::read(&entry.file) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(OutboxError::io(&entry.file)(e)),
        };
        if check_of(&bytes) != Some(&old.check[..]) {
            continue;
        }
        let message = unseal(old, &entry.id, &bytes)?;
        write_atomically(&entry.file, &seal(new, &entry.id, &message)?, Some(entry.modified))?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSAGE: &[u8] = b"To: Aigul <aigul@example.org>\r\nSubject: Confirm\r\n\r\nhttp://x/campaigns/a/confirm/t";

    #[test]
    fn a_message_is_sealed_bound_to_its_name_and_opens_with_its_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let key = OutboxKey::of_case_key(&SealKey::generate());
        write(dir.path(), &key, "c0123", MESSAGE).unwrap();
        let bytes = std::fs::read(dir.path().join("c0123.eml.sealed")).unwrap();
        assert!(!bytes.windows(5).any(|w| w == b"Aigul" || w == b"aigul"));
        assert_eq!(open(dir.path(), &key, "c0123").unwrap(), MESSAGE);
        assert_eq!(open(dir.path(), &key, "c0123.eml.sealed").unwrap(), MESSAGE);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("c0123.eml.sealed"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Another key: said so, not "damaged".
        let other = OutboxKey::of_case_key(&SealKey::generate());
        assert!(matches!(
            open(dir.path(), &other, "c0123"),
            Err(OutboxError::WrongKey(_))
        ));
        // Moved to another name: the seal is bound to its own.
        std::fs::copy(dir.path().join("c0123.eml.sealed"), dir.path().join("c9.eml.sealed")).unwrap();
        assert!(matches!(open(dir.path(), &key, "c9"), Err(OutboxError::Damaged(_))));
        // A flipped byte, a truncated file.
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        std::fs::write(dir.path().join("c1.eml.sealed"), &flipped).unwrap();
        assert!(matches!(open(dir.path(), &key, "c1"), Err(OutboxError::Damaged(_))));
        std::fs::write(dir.path().join("c2.eml.sealed"), &bytes[..10]).unwrap();
        assert!(matches!(open(dir.path(), &key, "c2"), Err(OutboxError::Damaged(_))));
        assert!(matches!(
            open(dir.path(), &key, "nope"),
            Err(OutboxError::NoSuchMessage(_))
        ));
        assert!(matches!(
            open(dir.path(), &key, "../vigil.db"),
            Err(OutboxError::BadName(_))
        ));
        assert!(matches!(open(dir.path(), &key, ""), Err(OutboxError::BadName(_))));
    }

    #[test]
    fn a_round_writes_each_message_whole_and_refuses_a_bad_name_alone() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = dir.path().join("outbox");
        let key = OutboxKey::of_case_key(&SealKey::generate());
        let other = b"To: Bota <bota@example.org>\r\n\r\nhello".as_slice();
        let results = write_round(&outbox, &key, &[("c1", MESSAGE), ("../c2", MESSAGE), ("c3", other)]);
        assert!(results[0].is_ok() && results[2].is_ok(), "{results:?}");
        assert!(matches!(results[1], Err(OutboxError::BadName(_))), "{results:?}");
        assert_eq!(open(&outbox, &key, "c1").unwrap(), MESSAGE);
        assert_eq!(open(&outbox, &key, "c3").unwrap(), other);
        // Nothing left beside the messages, nothing outside the folder,
        // nothing readable but by Vigil's user.
        let mut names: Vec<String> = std::fs::read_dir(&outbox)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["c1.eml.sealed", "c3.eml.sealed"]);
        assert!(!dir.path().join("c2.eml.sealed").exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(outbox.join("c3.eml.sealed"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Written again (a claim that lapsed): replaced whole.
        let results = write_round(&outbox, &key, &[("c1", other)]);
        assert!(results[0].is_ok());
        assert_eq!(open(&outbox, &key, "c1").unwrap(), other);
        // A folder that cannot be made: each message told why.
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, b"x").unwrap();
        let results = write_round(&blocked.join("outbox"), &key, &[("c4", MESSAGE), ("c5", MESSAGE)]);
        assert!(
            results.iter().all(|r| matches!(r, Err(OutboxError::Io { .. }))),
            "{results:?}"
        );
        assert!(write_round(&outbox, &key, &[]).is_empty());
    }

    #[test]
    fn syncfs_is_trusted_from_linux_5_8() {
        assert!(release_at_least("6.18.44-fc-v1272", (5, 8)));
        assert!(release_at_least("5.8.0", (5, 8)));
        assert!(release_at_least("5.10.0-28-amd64\n", (5, 8)));
        assert!(!release_at_least("5.4.0-150-generic", (5, 8)));
        assert!(!release_at_least("4.18.0-553.el8_10.x86_64", (5, 8)));
        assert!(!release_at_least("", (5, 8)));
        assert!(!release_at_least("six", (5, 8)));
    }

    #[test]
    fn unfinished_sealed_writes_a_crash_left_are_removed_once_old() {
        let dir = tempfile::tempdir().unwrap();
        let key = OutboxKey::of_case_key(&SealKey::generate());
        let old = dir.path().join(".c1.eml.sealed.tmp");
        let fresh = dir.path().join(".c2.eml.sealed.tmp");
        let other = dir.path().join(".notes.txt.tmp");
        for f in [&old, &fresh, &other] {
            std::fs::write(f, b"half").unwrap();
        }
        let long_ago = SystemTime::now() - UNFINISHED - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        seal_plain(dir.path(), &key).unwrap();
        assert!(!old.exists());
        assert!(fresh.exists(), "a round may be writing it now");
        assert!(other.exists(), "not a message's");
    }

    #[test]
    fn plain_files_of_an_earlier_version_are_sealed_keeping_their_time() {
        let dir = tempfile::tempdir().unwrap();
        let key = OutboxKey::of_case_key(&SealKey::generate());
        let plain = dir.path().join("c77.eml");
        std::fs::write(&plain, MESSAGE).unwrap();
        let old = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        std::fs::File::options()
            .write(true)
            .open(&plain)
            .unwrap()
            .set_modified(old)
            .unwrap();
        std::fs::write(dir.path().join(".c78.tmp"), MESSAGE).unwrap();
        // A crash after sealing c79, before removing its plain copy.
        std::fs::write(dir.path().join("c79.eml"), MESSAGE).unwrap();
        write(dir.path(), &key, "c79", MESSAGE).unwrap();
        let done = seal_plain(dir.path(), &key).unwrap();
        assert_eq!(done, Sealed { sealed: 1, removed: 1 });
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let listed = list(dir.path()).unwrap();
        assert_eq!(listed[0].id, "c77");
        assert_eq!(listed[0].modified, old);
        assert_eq!(open(dir.path(), &key, "c77.eml").unwrap(), MESSAGE);
        assert_eq!(seal_plain(dir.path(), &key).unwrap(), Sealed::default());
    }

    /// The cost of a message into the outbox: sealing alone, and the
    /// whole write (sealed file synced, renamed, folder synced). Run:
    /// `cargo test -p vigil-app --lib outbox -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn measure_a_sealed_write() {
        let dir = tempfile::tempdir().unwrap();
        let key = OutboxKey::of_case_key(&SealKey::generate());
        let message = MESSAGE.repeat(2048 / MESSAGE.len() + 1);
        let figures = |mut t: Vec<std::time::Duration>| {
            t.sort();
            (t[t.len() / 2], t[t.len() * 99 / 100])
        };
        let mut seal_only = Vec::new();
        for i in 0..2000 {
            let started = std::time::Instant::now();
            std::hint::black_box(seal(&key, &format!("c{i}"), &message).unwrap());
            seal_only.push(started.elapsed());
        }
        let mut whole = Vec::new();
        for i in 0..500 {
            let started = std::time::Instant::now();
            write(dir.path(), &key, &format!("c{i}"), &message).unwrap();
            sync_folder(dir.path()).unwrap();
            whole.push(started.elapsed());
        }
        let (s50, s99) = figures(seal_only);
        let (w50, w99) = figures(whole);
        // A round of 200 (the mail worker's), a sync per file then the
        // folder's, against the round's one sync of the file system.
        let started = std::time::Instant::now();
        for i in 0..200 {
            write(dir.path(), &key, &format!("r{i}"), &message).unwrap();
        }
        sync_folder(dir.path()).unwrap();
        let each = started.elapsed() / 200;
        let ids: Vec<String> = (0..200).map(|i| format!("s{i}")).collect();
        let messages: Vec<(&str, &[u8])> = ids.iter().map(|id| (id.as_str(), message.as_slice())).collect();
        let started = std::time::Instant::now();
        assert!(write_round(dir.path(), &key, &messages).iter().all(Result::is_ok));
        sync_folder(dir.path()).unwrap();
        let round = started.elapsed() / 200;
        println!(
            "{} bytes a message: sealing p50 {s50:?} p99 {s99:?}; one write alone p50 {w50:?} p99 {w99:?}; in a round of 200, {each:?} each synced alone, {round:?} each synced together (in {})",
            message.len(),
            dir.path().display()
        );
    }

    #[test]
    fn a_rotation_reseals_what_the_old_key_sealed_and_can_be_run_again() {
        let dir = tempfile::tempdir().unwrap();
        let old = OutboxKey::of_case_key(&SealKey::generate());
        let new = OutboxKey::of_case_key(&SealKey::generate());
        write(dir.path(), &old, "a1", MESSAGE).unwrap();
        write(dir.path(), &new, "a2", MESSAGE).unwrap();
        assert_eq!(reseal(dir.path(), &old, &new).unwrap(), 1);
        assert_eq!(reseal(dir.path(), &old, &new).unwrap(), 0);
        assert_eq!(read_all(dir.path(), &new).unwrap().len(), 2);
    }
}
