//! The database directory before sled sees it: what it holds (a netday database, an
//! interrupted creation, or something else), what an interrupted open left behind, the lock,
//! and the preimage that lets a refused open leave the files as they were.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::error::is_disk_full;

/// Records the schema beside sled's files; written only once the database holds its schema.
pub const VERSION_FILE: &str = "NETDAY_SCHEMA";
/// Written (and locked) before sled creates anything; removed once the version file is written.
pub const CREATION_MARKER: &str = "NETDAY_CREATING";

type Result<T> = std::result::Result<T, StoreError>;

/// What `Store::open` found at the path.
pub enum Found {
    /// Nothing there, or an empty directory: netday creates the database.
    New,
    /// A creation that stopped before it finished: only netday's and sled's files.
    Interrupted,
    /// A netday database (its version file is there).
    Database,
    /// sled's own files (its log and a `conf` sled wrote) and nothing foreign, but no version
    /// file: a netday database whose version file was lost, if sled's data holds netday's
    /// schema; anything else is refused once sled has read it, and its files put back.
    Unversioned,
}

/// Whether `name` is a file sled or netday itself makes in a database directory.
fn is_ours(name: &str) -> bool {
    use super::cache::{ROSTER_FILE, SEARCH_FILE, TMP_SUFFIX};
    matches!(
        name,
        "conf" | "db" | "blobs" | VERSION_FILE | CREATION_MARKER | ROSTER_FILE | SEARCH_FILE
    ) || name == version_tmp()
        || name.starts_with("snap.")
        || name
            .strip_suffix(TMP_SUFFIX)
            .is_some_and(|n| n == ROSTER_FILE || n == SEARCH_FILE)
}

fn version_tmp() -> String {
    format!("{VERSION_FILE}.tmp")
}

/// `snap.<16 hex digits>.generating`: a snapshot sled was writing when it stopped.
fn is_unfinished_snapshot(name: &str) -> bool {
    name.strip_prefix("snap.")
        .and_then(|rest| rest.strip_suffix(".generating"))
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn names(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))? {
        let entry = entry.map_err(|e| StoreError::io(dir, e))?;
        out.push(entry.file_name().to_string_lossy().into_owned());
    }
    Ok(out)
}

pub fn classify(path: &Path) -> Result<Found> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::New),
        Err(e) => return Err(StoreError::io(path, e)),
        Ok(m) if !m.is_dir() => return Err(StoreError::Foreign(path.to_path_buf())),
        Ok(_) => {}
    }
    let names = names(path)?;
    if names.is_empty() {
        Ok(Found::New)
    } else if names.iter().any(|n| n == VERSION_FILE) {
        Ok(Found::Database)
    } else if names.iter().any(|n| n == CREATION_MARKER) && names.iter().all(|n| is_ours(n)) {
        Ok(Found::Interrupted)
    } else if names.iter().all(|n| is_ours(n))
        && names.iter().any(|n| n == "db")
        && is_sled_conf(&path.join("conf"))
    {
        Ok(Found::Unversioned)
    } else {
        Err(StoreError::Foreign(path.to_path_buf()))
    }
}

/// Whether `file` is a configuration sled wrote: its text, then the CRC-32 of that text
/// (little-endian), as sled 0.34 checks it.
fn is_sled_conf(file: &Path) -> bool {
    let Ok(bytes) = std::fs::read(file) else {
        return false;
    };
    match bytes.len().checked_sub(4).map(|at| bytes.split_at(at)) {
        Some((text, crc)) if text.starts_with(b"segment_size: ") => {
            crc == crc32fast::hash(text).to_le_bytes()
        }
        _ => false,
    }
}

/// Holds an exclusive lock on a file of the database for as long as it lives.
pub struct Lock(File);

impl Lock {
    /// Copies the locked file to `to` through the handle holding the lock: on Windows the lock
    /// keeps every other handle, a copy's too, from reading it.
    fn copy_to(&self, to: &Path) -> std::io::Result<()> {
        let mut out = File::create(to)?;
        std::io::copy(&mut &self.0, &mut out)?;
        Ok(())
    }
}

/// Takes the lock sled takes (on its log), so a database open elsewhere is reported before
/// anything is touched. `None` when the file does not exist.
pub fn lock(path: &Path, file: &Path) -> Result<Option<Lock>> {
    let f = match File::options().read(true).open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::io(file, e)),
    };
    // The lock sled itself takes on its log: flock on Unix, LockFileEx on Windows.
    match f.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(StoreError::Locked(path.to_path_buf()));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(file, e)),
    }
    Ok(Some(Lock(f)))
}

/// Makes a directory's entries (a created, renamed or removed file) survive a crash.
pub(super) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io(dir, e))?;
    // Windows offers no way to sync a directory. NTFS journals its directory entries, so a
    // crash leaves either the old or the new name, never a damaged one; but a name given just
    // before a power loss may be lost. The files' own bytes were flushed (FlushFileBuffers).
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Starts a creation: the directory (owner-only) and the locked creation marker, both synced,
/// before sled writes anything.
pub fn begin_creation(path: &Path) -> Result<Lock> {
    std::fs::create_dir_all(path).map_err(|e| StoreError::io(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| StoreError::io(path, e))?;
    }
    let marker = path.join(CREATION_MARKER);
    let mut f = File::options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&marker)
        .map_err(|e| StoreError::io(&marker, e))?;
    std::io::Write::write_all(&mut f, b"netday database being created\n")
        .and_then(|()| f.sync_all())
        .map_err(|e| StoreError::io(&marker, e))?;
    drop(f);
    sync_dir(path)?;
    lock(path, &marker)?.ok_or_else(|| StoreError::Missing(marker.clone()))
}

/// Takes over an interrupted creation: its sled files hold nothing (the version file, written
/// after the schema was durable, is absent), so they are removed and creation starts again.
pub fn restart_creation(path: &Path) -> Result<Lock> {
    let lock = lock(path, &path.join(CREATION_MARKER))?
        .ok_or_else(|| StoreError::Missing(path.join(CREATION_MARKER)))?;
    for name in names(path)? {
        let p = path.join(&name);
        let r = match name.as_str() {
            "blobs" => std::fs::remove_dir_all(&p),
            CREATION_MARKER => continue,
            _ => std::fs::remove_file(&p),
        };
        r.map_err(|e| StoreError::io(&p, e))?;
    }
    sync_dir(path)?;
    Ok(lock)
}

/// Ends a creation: the version file says the database is whole; the marker goes.
pub fn finish_creation(path: &Path, version: u8) -> Result<()> {
    write_version_file(path, version)?;
    remove_marker(path)
}

pub fn remove_marker(path: &Path) -> Result<()> {
    let marker = path.join(CREATION_MARKER);
    match std::fs::remove_file(&marker) {
        Ok(()) => sync_dir(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(&marker, e)),
    }
}

/// Checks an existing database before sled opens it: the lock is free, sled's log is there,
/// the version (when `versioned`: the version file is there) is one this build reads; then
/// removes what an interrupted open left (a snapshot sled was still writing, our own temporary
/// version file), which would otherwise make every later open fail. A missing `conf` is no
/// loss: sled writes it again from the configuration netday always opens with.
pub fn prepare_existing(path: &Path, supported: u8, versioned: bool) -> Result<()> {
    let _lock = lock(path, &path.join("db"))?;
    if !path.join("db").exists() {
        return Err(StoreError::Missing(path.join("db")));
    }
    if versioned {
        let found = read_version_file(path)?;
        if found > supported {
            return Err(StoreError::Newer { found, supported });
        }
    }
    let mut removed = false;
    for name in names(path)? {
        if is_unfinished_snapshot(&name) || name == version_tmp() {
            let p = path.join(&name);
            std::fs::remove_file(&p).map_err(|e| StoreError::io(&p, e))?;
            removed = true;
        }
    }
    if removed {
        sync_dir(path)?;
    }
    Ok(())
}

pub fn read_version_file(dir: &Path) -> Result<u8> {
    let file = dir.join(VERSION_FILE);
    let text = std::fs::read_to_string(&file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::Missing(file.clone()),
        std::io::ErrorKind::InvalidData => StoreError::Corrupt(file.clone()),
        _ => StoreError::io(&file, e),
    })?;
    text.trim()
        .parse()
        .map_err(|_| StoreError::Corrupt(file.clone()))
}

/// Records the schema beside sled's files (synced), so a newer database can be refused unopened.
pub fn write_version_file(dir: &Path, version: u8) -> Result<()> {
    let tmp = dir.join(version_tmp());
    let file = dir.join(VERSION_FILE);
    (|| {
        let mut f = File::create(&tmp)?;
        std::io::Write::write_all(&mut f, format!("{version}\n").as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, &file)
    })()
    .map_err(|e| StoreError::io(&file, e))?;
    sync_dir(dir)
}

/// Copies sled's files of the database at `from` (its log, `conf`, finished snapshots and
/// blobs) into the empty directory `to`, holding the database's lock meanwhile.
pub fn copy_sled_files(from: &Path, to: &Path) -> Result<()> {
    // sled's threads let go of its lock a moment after a netday that is closing drops it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(1500);
    let held = loop {
        match lock(from, &from.join("db")) {
            Err(StoreError::Locked(_)) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => break other?,
        }
    };
    let copy = |a: &Path, b: &Path| {
        match &held {
            Some(lock) if a == from.join("db") => lock.copy_to(b),
            _ => std::fs::copy(a, b).map(|_| ()),
        }
        .map_err(|e| StoreError::io(if is_disk_full(&e) { b } else { a }, e))
    };
    for name in names(from)? {
        let (a, b) = (from.join(&name), to.join(&name));
        if name == "blobs" {
            std::fs::create_dir(&b).map_err(|e| StoreError::io(&b, e))?;
            for blob in names(&a)? {
                copy(&a.join(&blob), &b.join(&blob))?;
            }
        } else if matches!(name.as_str(), "conf" | "db")
            || (name.starts_with("snap.") && !is_unfinished_snapshot(&name))
        {
            copy(&a, &b)?;
        }
    }
    Ok(())
}

/// sled writes while it opens (a fresh log head, a snapshot, its blobs folder). What it may
/// touch is kept from before opening, so refusing a database leaves its files as they were.
pub struct Preimage {
    files: Vec<(PathBuf, Vec<u8>)>,
    blobs: bool,
    log_head: Vec<u8>,
    log_len: u64,
}

/// sled's log segments are 512 KiB; opening writes at most into the first two.
const LOG_HEAD: u64 = 1 << 20;

impl Preimage {
    pub fn capture(dir: &Path) -> Option<Preimage> {
        use std::io::Read;
        let log = File::open(dir.join("db")).ok()?;
        let log_len = log.metadata().ok()?.len();
        let mut log_head = Vec::new();
        log.take(LOG_HEAD).read_to_end(&mut log_head).ok()?;
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).ok()?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == "conf" || name.starts_with("snap.") {
                files.push((entry.path(), std::fs::read(entry.path()).ok()?));
            }
        }
        Some(Preimage {
            files,
            blobs: dir.join("blobs").exists(),
            log_head,
            log_len,
        })
    }

    pub fn restore(&self, dir: &Path) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom, Write};
        for entry in std::fs::read_dir(dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("snap.") && !self.files.iter().any(|(p, _)| *p == entry.path()) {
                std::fs::remove_file(entry.path())?;
            }
        }
        if !self.blobs {
            // Only the empty folder sled made a moment ago.
            let _ = std::fs::remove_dir(dir.join("blobs"));
        }
        if !self.files.iter().any(|(p, _)| p.ends_with("conf")) {
            // sled wrote one because there was none.
            match std::fs::remove_file(dir.join("conf")) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        for (p, bytes) in &self.files {
            std::fs::write(p, bytes)?;
        }
        let mut log = File::options().write(true).open(dir.join("db"))?;
        log.seek(SeekFrom::Start(0))?;
        log.write_all(&self.log_head)?;
        log.set_len(self.log_len)?;
        log.sync_all()
    }
}
