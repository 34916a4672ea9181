//! Restoring a backup over a live database so that it is always whole: old or new. Touches
//! only directories beside the database (and the database directory itself by rename).
//!
//! # Build beside, then swap
//! For a database directory `<parent>/<name>`, a restore uses three siblings:
//! - `<name>.restoring-<id>/`: a marker file `NETDAY_RESTORE`, then the new database in `db/`;
//! - `<name>.replaced-<id>/`: the old database, moved aside during the swap;
//! - `<name>.restore-swap`: the journal, holding `<id>`; written (durably) only once the new
//!   database is complete and durable.
//!
//! The restorer builds the new database while it holds the live one open (so nobody else opens
//! it), then takes the parent directory's lock, closes the live database and waits for its file
//! lock (so no thread of any process still has it), writes the journal, renames the live
//! directory aside, and finishes exactly as recovery would ([`settle`]): rename `db/` in, delete
//! what is aside, delete the journal. Every `Store::open` runs [`settle`] first, under the same
//! parent lock, so nobody opens the path while a swap is half done. What `settle` finds:
//!
//! | journal | `<name>` | `restoring-<id>/db` | `replaced-<id>` | when killed | settle |
//! |---------|----------|---------------------|-----------------|-------------|--------|
//! | yes | present | present | absent | before the first rename | delete the new one: old data |
//! | yes | absent | present | present | between the renames | rename it in: new data |
//! | yes | present | absent | either | after the second rename | delete the old one: new data |
//! | no | present | marked dir | absent | while building | delete it, unless it is locked |
//!
//! A `restoring-` directory is never opened as the database unless the journal names it, and
//! only its `db/` (which the restorer made complete and durable before writing the journal).
//!
//! A database path that is a link is followed first ([`real`]): the folder it points to is the
//! one swapped and settled, so the link keeps finding the data. No file the user asks for may
//! take one of these names ([`is_restore_name`]), and a safety copy (`before-restore-…`) that
//! a kill cut short is removed by the next open, its writer's lock being gone.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::dir::sync_dir;
use super::{Snapshot, Store, StoreError};
use crate::io::files::{self, Replace};

impl Store {
    /// Replaces this database with `snap` as one step: the new database is built beside this
    /// one and swapped in by rename (see the module doc). Closes the store. On any error the
    /// database is left exactly as it was. `progress` hears the new database being filled.
    pub fn replace_with(
        self,
        snap: &Snapshot,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<(), StoreError> {
        // Through a link, the folder it points to is swapped, and the link then finds the
        // restored data.
        let live = real(&self.path)?;
        let (parent, name) = split(&live)?;
        let (id, beside) = make_beside(&parent, &name)?;
        let built = Store::open(&beside.join("db")).and_then(|new| {
            new.restore(snap, progress)?;
            Ok(new)
        });
        let new = match built {
            Ok(new) => new,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&beside);
                return Err(e);
            }
        };
        let _swap = DirLock::take(&parent)?;
        drop(new);
        drop(self);
        // sled's threads let go of a database's files a moment after it is dropped; only then
        // may its directory move (the live one's lock also keeps every other process out).
        let locks = (
            wait_for_lock(&beside.join("db").join("db")),
            wait_for_lock(&live.join("db")),
        );
        let (Some(_new_lock), Some(_old_lock)) = locks else {
            let _ = std::fs::remove_dir_all(&beside);
            return Err(StoreError::Locked(live));
        };
        let journal = sibling(&parent, &name, JOURNAL);
        let undo = |e: StoreError| {
            let _ = std::fs::remove_dir_all(&beside);
            let _ = std::fs::remove_file(&journal);
            e
        };
        files::write(
            &journal,
            format!("{JOURNAL_HEAD}\n{id}\n").as_bytes(),
            Replace::No,
            None,
        )
        .map_err(|e| undo(file_err(&journal, e)))?;
        std::fs::rename(&live, sibling(&parent, &name, &format!("{ASIDE}{id}")))
            .map_err(|e| undo(at(&live, e)))?;
        sync_dir(&parent)?;
        finish_swap(&parent, &name, &live, &journal)
    }
}

const MARKER: &str = "NETDAY_RESTORE";
/// How the names of the safety copies a restore writes before it replaces a database begin.
pub const SAFETY_COPY: &str = "before-restore-";
const BESIDE: &str = ".restoring-";
const ASIDE: &str = ".replaced-";
const JOURNAL: &str = ".restore-swap";
const JOURNAL_HEAD: &str = "netday restore swap";

/// Whether `name`, beside the database called `db_name`, is one a restore works with (so no
/// file the user asks for may take it).
pub(crate) fn is_restore_name(db_name: &std::ffi::OsStr, name: &std::ffi::OsStr) -> bool {
    let db = db_name.as_encoded_bytes();
    let Some(tail) = name.as_encoded_bytes().strip_prefix(db).or_else(|| {
        name.as_encoded_bytes()
            .strip_prefix(b".")
            .and_then(|n| n.strip_prefix(db))
            .filter(|t| t.starts_with(JOURNAL.as_bytes()))
    }) else {
        return false;
    };
    tail == JOURNAL.as_bytes()
        || [BESIDE, ASIDE, JOURNAL]
            .iter()
            .any(|w| tail.starts_with(w.as_bytes()))
}

fn at(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::io(path, e)
}

/// A file netday writes for itself (journal, marker) that could not be written.
fn file_err(path: &Path, e: files::FileError) -> StoreError {
    match e {
        files::FileError::Io { path, source } => StoreError::io(&path, source),
        other => StoreError::io(path, std::io::Error::other(other.en())),
    }
}

/// The database folder itself: `path` with every link on the way followed, also when the last
/// one points at a name that is missing for a moment (a swap killed between its renames).
fn real(path: &Path) -> Result<PathBuf, StoreError> {
    let mut p = std::path::absolute(path).map_err(|e| at(path, e))?;
    // Past this many links the OS itself refuses the path when the database is opened.
    for _ in 0..40 {
        let (Some(parent), Some(name)) = (p.parent(), p.file_name()) else {
            return Ok(p);
        };
        let parent = parent
            .canonicalize()
            .unwrap_or_else(|_| parent.to_path_buf());
        let here = parent.join(name);
        match std::fs::read_link(&here) {
            Ok(to) => p = parent.join(to),
            Err(_) => return Ok(here),
        }
    }
    Ok(p)
}

/// The directory holding the database and the database's own name.
fn split(live: &Path) -> Result<(PathBuf, std::ffi::OsString), StoreError> {
    let abs = std::path::absolute(live).map_err(|e| at(live, e))?;
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => Ok((parent.to_path_buf(), name.to_os_string())),
        _ => Err(StoreError::Invalid(format!(
            "{}: not a database directory",
            live.display()
        ))),
    }
}

fn sibling(parent: &Path, name: &std::ffi::OsStr, tail: &str) -> PathBuf {
    let mut n = name.to_os_string();
    n.push(tail);
    parent.join(n)
}

/// Creates `<name>.restoring-<id>/` holding the marker; returns the id and the directory.
fn make_beside(parent: &Path, name: &std::ffi::OsStr) -> Result<(String, PathBuf), StoreError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    for attempt in 0u32.. {
        let id = format!("{}-{nanos}-{attempt}", std::process::id());
        let dir = sibling(parent, name, &format!("{BESIDE}{id}"));
        match std::fs::create_dir(&dir) {
            Ok(()) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
                }
                files::write(&dir.join(MARKER), MARKER.as_bytes(), Replace::No, None)
                    .map_err(|e| file_err(&dir.join(MARKER), e))?;
                sync_dir(parent)?;
                return Ok((id, dir));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {}
            Err(e) => return Err(at(&dir, e)),
        }
    }
    unreachable!("the loop returns")
}

/// Completes or rolls back a swap the journal records (see the module doc), then removes the
/// journal. Runs with the parent directory locked.
fn finish_swap(
    parent: &Path,
    name: &std::ffi::OsStr,
    live: &Path,
    journal: &Path,
) -> Result<(), StoreError> {
    let text = std::fs::read_to_string(journal).map_err(|e| at(journal, e))?;
    let id = match text.strip_prefix(JOURNAL_HEAD).map(str::trim) {
        Some(id)
            if !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
        {
            id.to_string()
        }
        _ => {
            return Err(StoreError::Invalid(format!(
                "{}: not a netday restore journal; move it away and try again / netday 복원 기록이 아닙니다. 치우고 다시 실행하세요.",
                journal.display()
            )));
        }
    };
    let beside = sibling(parent, name, &format!("{BESIDE}{id}"));
    let new_db = beside.join("db");
    let aside = sibling(parent, name, &format!("{ASIDE}{id}"));
    if live.symlink_metadata().is_err() {
        let from = if new_db.is_dir() { &new_db } else { &aside };
        std::fs::rename(from, live).map_err(|e| at(live, e))?;
        sync_dir(parent)?;
    }
    for dir in [&aside, &beside] {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(at(dir, e)),
            _ => {}
        }
    }
    sync_dir(parent)?;
    std::fs::remove_file(journal).map_err(|e| at(journal, e))?;
    sync_dir(parent)
}

/// Run at the start of every `Store::open`: finishes a swap that a killed restore left half
/// done, removes what a restore killed while building left behind, and returns the parent
/// directory's lock, to be held until the database is open (so no swap happens meanwhile).
pub(crate) fn settle(named: &Path) -> Result<DirLock, StoreError> {
    let live = &real(named)?;
    let (parent, name) = split(live)?;
    // A safety copy that a restore killed while writing it left (it is written beside the name
    // the user gave, which a link may put in another folder).
    files::remove_abandoned(&parent, SAFETY_COPY);
    if let Ok((beside_named, _)) = split(named)
        && beside_named != parent
    {
        files::remove_abandoned(&beside_named, SAFETY_COPY);
    }
    if !parent.is_dir() {
        return Ok(DirLock(None));
    }
    // Without a lock on the directory no restore can have swapped there either.
    let Ok(lock) = DirLock::take(&parent) else {
        return Ok(DirLock(None));
    };
    let journal = sibling(&parent, &name, JOURNAL);
    if journal.symlink_metadata().is_ok() {
        finish_swap(&parent, &name, live, &journal)?;
        // A kill between linking the journal and removing its temporary name leaves both.
        remove_journal_temps(&parent, &name);
    } else if !is_locked(&live.join("db")) {
        // The live database is not open, so no restore is building beside it.
        remove_leftovers(&parent, &name);
    }
    Ok(lock)
}

fn remove_leftovers(parent: &Path, name: &std::ffi::OsStr) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut beside = name.as_encoded_bytes().to_vec();
    beside.extend_from_slice(BESIDE.as_bytes());
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if file_name.as_encoded_bytes().starts_with(&beside) && is_ours(&entry.path()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    remove_journal_temps(parent, name);
}

/// Removes what writing the swap journal left under its temporary name (`io::files` names it
/// `.<name>.restore-swap.<pid>-<n>.netday-tmp`).
fn remove_journal_temps(parent: &Path, name: &std::ffi::OsStr) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut journal_tmp = b".".to_vec();
    journal_tmp.extend_from_slice(name.as_encoded_bytes());
    journal_tmp.extend_from_slice(JOURNAL.as_bytes());
    for entry in entries.flatten() {
        let n = entry.file_name();
        let n = n.as_encoded_bytes();
        if n.starts_with(&journal_tmp) && n.ends_with(b".netday-tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A `restoring-` directory netday made: it holds the marker, or nothing but the marker's
/// temporary file (killed while writing it).
fn is_ours(dir: &Path) -> bool {
    if std::fs::read(dir.join(MARKER)).is_ok_and(|m| m == MARKER.as_bytes()) {
        return true;
    }
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().all(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(&format!(".{MARKER}.")) && n.ends_with(".netday-tmp")
        })
    })
}

/// An exclusive lock on a directory (the one holding a database), released on drop.
pub(crate) struct DirLock(#[allow(dead_code)] Option<File>);

impl DirLock {
    fn take(dir: &Path) -> Result<DirLock, StoreError> {
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let f = File::open(dir).map_err(|e| at(dir, e))?;
            loop {
                // SAFETY: flock on a descriptor we own; released when `f` is dropped.
                if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) } == 0 {
                    return Ok(DirLock(Some(f)));
                }
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::Interrupted {
                    return Err(at(dir, e));
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(DirLock(None))
        }
    }
}

/// Takes the lock sled keeps on `log` (a database's `db` file), waiting a little for a store
/// this process just dropped; `None` if another holder keeps it.
fn wait_for_lock(log: &Path) -> Option<File> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let f = File::open(log).ok()?;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
        loop {
            // SAFETY: flock on a descriptor we own; released when `f` is dropped.
            if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Some(f);
            }
            if std::time::Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    #[cfg(not(unix))]
    File::open(log).ok()
}

fn is_locked(log: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let Ok(f) = File::open(log) else {
            return false;
        };
        // SAFETY: flock on a descriptor we own; released when `f` is dropped.
        unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) != 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = log;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_a_restore_works_with_are_known_and_no_others() {
        let db = std::ffi::OsStr::new("netday.db");
        for ours in [
            "netday.db.restore-swap",
            "netday.db.restoring-1-2-0",
            "netday.db.replaced-1-2-0",
            ".netday.db.restore-swap.77-0.netday-tmp",
        ] {
            assert!(is_restore_name(db, ours.as_ref()), "{ours}");
        }
        for theirs in [
            "netday.db",
            "netday.db.csv",
            "netday.dbx.restore-swap",
            "other.db.restore-swap",
            ".netday.db.csv.77-0.netday-tmp",
            "before-restore-20261207-010101.ndbak",
        ] {
            assert!(!is_restore_name(db, theirs.as_ref()), "{theirs}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_to_the_folder_also_when_it_points_at_nothing_yet() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().canonicalize().expect("canonical");
        std::fs::create_dir(base.join("real")).expect("dir");
        std::os::unix::fs::symlink("real/netday.db", base.join("a.db")).expect("link");
        std::os::unix::fs::symlink(base.join("a.db"), base.join("b.db")).expect("link");
        let want = base.join("real").join("netday.db");
        assert_eq!(real(&base.join("b.db")).expect("real"), want);
        std::fs::create_dir(&want).expect("db");
        assert_eq!(real(&base.join("a.db")).expect("real"), want);
        assert_eq!(real(&want).expect("real"), want);
    }
}
