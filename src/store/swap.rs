//! Restoring a backup over a live database (and compacting it, `compact.rs`) so that it is
//! always whole: old or new. Touches only directories beside the database (and the database
//! directory itself by rename).
//!
//! # Build beside, then swap
//! For a database directory `<parent>/<name>`, a restore uses these siblings:
//! - `<name>.restoring-<id>/`: a marker file `NETDAY_RESTORE`, then the new database in `db/`;
//! - `<name>.replaced-<id>/`: the old database, moved aside during the swap;
//! - `<name>.restore-swap`: the journal, holding `<id>`; written (durably) only once the new
//!   database is complete and durable.
//! - `<name>.restore-lock` (Windows only, which cannot lock a folder): the parent's lock.
//!
//! The restorer builds the new database while it holds the live one open (so nobody else opens
//! it), then takes the parent directory's lock, closes the live database and waits for its file
//! lock to go (so no thread of any process still has it, and no file inside either folder is
//! open: Windows refuses to move a folder otherwise), writes the journal, renames the live
//! directory aside and `db/` in (putting the old one back if that fails), and finishes as
//! recovery would ([`settle`]): delete what is aside, delete the journal. A folder that cannot
//! be deleted then is named to the user; the restore stands. Every `Store::open` runs [`settle`] first, under the same
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
//! take one of these names ([`crate::files::restore_names::is_restore_name`]), and a safety copy (`before-restore-…`) that
//! a kill cut short is removed by the next open, its writer's lock being gone.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::dir::sync_dir;
use super::{Snapshot, Store, StoreError};
#[cfg(not(unix))]
use crate::files::restore_names::LOCK;
use crate::files::restore_names::{ASIDE, BESIDE, JOURNAL};
use crate::files::{self, Replace};

impl Store {
    /// Replaces this database with `snap` as one step: the new database is built beside this
    /// one and swapped in by rename (see the module doc). Closes the store. On an error the
    /// database is left exactly as it was, except [`StoreError::SwapUnfinished`] (the next open
    /// finishes the swap). `progress` hears the new database being filled.
    pub fn replace_with(
        self,
        snap: &Snapshot,
        progress: &mut dyn crate::progress::Progress,
    ) -> Result<Replaced, StoreError> {
        self.swap_in(|new| new.restore(snap, progress).map(|()| Some(())))?
            .map(|((), replaced)| replaced)
            .ok_or_else(|| StoreError::Invalid("a restore does not stop half-way".into()))
    }

    /// Replaces this database with the one `build` fills, as one step: `build` gets a new,
    /// empty database opened beside this one (this one still open, so nobody else opens it),
    /// fills it and makes it durable; it is then swapped in by rename (see the module doc).
    /// Closes the store (`reopen_swapped` opens the new one in it). `build` answering `None` (stopped) or an error leaves this database
    /// exactly as it was and removes the new one; so does any error here, except
    /// [`StoreError::SwapUnfinished`] (the next open finishes the swap).
    pub(super) fn swap_in<T>(
        &self,
        build: impl FnOnce(&Store) -> Result<Option<T>, StoreError>,
    ) -> Result<Option<(T, Replaced)>, StoreError> {
        // Through a link, the folder it points to is swapped, and the link then finds the
        // new data.
        let live = real(&self.path)?;
        let (parent, name) = split(&live)?;
        let (id, beside) = make_beside(&parent, &name)?;
        let built = Store::open(&beside.join("db")).and_then(|new| Ok((build(&new)?, new)));
        let (made, new) = match built {
            Ok((Some(made), new)) => (made, new),
            Ok((None, new)) => {
                drop(new);
                // sled lets go of the folder's files a moment after it is dropped.
                let _ = released(&beside.join("db").join("db"));
                let _ = std::fs::remove_dir_all(&beside);
                return Ok(None);
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&beside);
                return Err(e);
            }
        };
        let _swap = DirLock::take(&parent, &name)?;
        drop(new);
        self.close_live();
        // Windows refuses to move a folder with a file open inside, so no handle into either
        // folder may outlive this point, not even a lock: the parent's lock keeps every other
        // netday out instead. sled's threads let go of a database's files a moment after it is
        // dropped; its lock on the log going is the sign.
        if !(released(&beside.join("db").join("db")) && released(&live.join("db"))) {
            let _ = std::fs::remove_dir_all(&beside);
            return Err(StoreError::Locked(live));
        }
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
        #[cfg(test)]
        tests::at_swap(&[&live, &beside]);
        let aside = sibling(&parent, &name, &format!("{ASIDE}{id}"));
        std::fs::rename(&live, &aside).map_err(|e| undo(at(&live, e)))?;
        if let Err(e) = std::fs::rename(beside.join("db"), &live) {
            // Put the old one back, so that nothing changed after all.
            if std::fs::rename(&aside, &live).is_err() {
                return Err(StoreError::SwapUnfinished(live));
            }
            return Err(undo(at(&live, e)));
        }
        // The new database is in place: whatever goes wrong from here, it was restored.
        if sync_dir(&parent).is_err() {
            return Err(StoreError::SwapUnfinished(live));
        }
        let replaced = Replaced {
            left_behind: finish_swap(&parent, &name, &live, &journal).ok().flatten(),
        };
        Ok(Some((made, replaced)))
    }
}

/// How a restore that replaced the database ended.
#[derive(Debug)]
pub struct Replaced {
    /// The folder holding the replaced data, when it could not be removed (the user may).
    pub left_behind: Option<PathBuf>,
}

const MARKER: &str = "NETDAY_RESTORE";
/// How the names of the safety copies a restore writes before it replaces a database begin.
pub const SAFETY_COPY: &str = "before-restore-";
const JOURNAL_HEAD: &str = "netday restore swap";

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
pub(super) fn real(path: &Path) -> Result<PathBuf, StoreError> {
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
/// journal. Runs with the parent directory locked. Returns the replaced database's folder when
/// it could not be removed (Windows keeps a folder while anything has a file in it open): the
/// swap is done all the same, and the folder is the user's to delete.
fn finish_swap(
    parent: &Path,
    name: &std::ffi::OsStr,
    live: &Path,
    journal: &Path,
) -> Result<Option<PathBuf>, StoreError> {
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
    let gone = |dir: &Path| {
        #[cfg(test)]
        if tests::kept(dir) {
            return false;
        }
        match std::fs::remove_dir_all(dir) {
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
            Ok(()) => true,
        }
    };
    let left_behind = (!gone(&aside)).then_some(aside);
    // A `restoring-` folder left here holds only its marker; the next open removes it.
    gone(&beside);
    sync_dir(parent)?;
    std::fs::remove_file(journal).map_err(|e| at(journal, e))?;
    sync_dir(parent)?;
    Ok(left_behind)
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
    let Ok(lock) = DirLock::take(&parent, &name) else {
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

/// Removes what writing the swap journal left under its temporary name (`files` names it
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

/// An exclusive lock on the directory holding a database, released on drop. Every open takes
/// it before it looks at the database, and a restore holds it while it swaps.
pub(crate) struct DirLock(#[allow(dead_code)] Option<File>);

impl DirLock {
    /// Waits for the lock of the directory `parent`, which holds the database `name`.
    fn take(parent: &Path, name: &std::ffi::OsStr) -> Result<DirLock, StoreError> {
        let f = Self::file(parent, name)?;
        loop {
            match f.lock() {
                Ok(()) => return Ok(DirLock(Some(f))),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(at(parent, e)),
            }
        }
    }

    /// What is locked: the directory itself where the OS locks directories.
    #[cfg(unix)]
    fn file(parent: &Path, _name: &std::ffi::OsStr) -> Result<File, StoreError> {
        File::open(parent).map_err(|e| at(parent, e))
    }

    /// Windows locks only files, and a folder with an open file inside cannot move: the lock
    /// is a file beside the database, in the folder that stays.
    #[cfg(not(unix))]
    fn file(parent: &Path, name: &std::ffi::OsStr) -> Result<File, StoreError> {
        let p = sibling(parent, name, LOCK);
        File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&p)
            .map_err(|e| at(&p, e))
    }
}

/// Waits a little for the lock sled keeps on `log` (a database's `db` file) to go, as it does
/// a moment after a store this process dropped; `false` if another holder keeps it. Keeps no
/// handle open.
fn released(log: &Path) -> bool {
    let Ok(f) = File::open(log) else {
        return false;
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    loop {
        match f.try_lock() {
            Ok(()) => return true,
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(_) => return false,
        }
    }
}

/// Whether a netday has the database whose log is `log` open.
fn is_locked(log: &Path) -> bool {
    File::open(log).is_ok_and(|f| f.try_lock().is_err())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    type Hook = Box<dyn FnMut(&[&Path])>;

    thread_local! {
        static AT_SWAP: std::cell::RefCell<Option<Hook>> = const { std::cell::RefCell::new(None) };
    }

    /// Called by a restore at the moment it moves the database folders `dirs`.
    pub(super) fn at_swap(dirs: &[&Path]) {
        AT_SWAP.with(|h| {
            if let Some(hook) = h.borrow_mut().as_mut() {
                hook(dirs);
            }
        });
    }

    thread_local! {
        static KEEP_ASIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Whether removing `dir` is to fail, as it does on Windows while a file inside is open.
    pub(super) fn kept(dir: &Path) -> bool {
        KEEP_ASIDE.get() && dir.to_string_lossy().contains(ASIDE)
    }

    /// A live database holding 김기성 and a backup of another holding 이영희, in a temp folder
    /// (canonical, so paths compare with what the store reports).
    #[allow(clippy::type_complexity)]
    fn live_and_backup() -> (
        tempfile::TempDir,
        PathBuf,
        PathBuf,
        Store,
        crate::model::Person,
        crate::model::Person,
        super::super::Snapshot,
    ) {
        use crate::model::{Person, Ts};
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        let (live, other) = (base.join("netday.db"), base.join("other.db"));
        let mut old = Person::new("김기성", Ts(1));
        let store = Store::open(&live).unwrap();
        store.put_person(&mut old).unwrap();
        let mut new = Person::new("이영희", Ts(2));
        let snap = {
            let o = Store::open(&other).unwrap();
            o.put_person(&mut new).unwrap();
            o.snapshot().unwrap()
        };
        (dir, base, live, store, old, new, snap)
    }

    /// A replaced database whose folder cannot be removed: the restore is done all the same and
    /// names the folder, the journal is gone, and later opens leave the folder to the user.
    #[test]
    fn a_replaced_folder_that_cannot_be_removed_is_named_and_the_restore_stands() {
        let (_dir, base, live, store, old, new, snap) = live_and_backup();
        KEEP_ASIDE.set(true);
        let done = store.replace_with(&snap, &mut crate::progress::Silent);
        KEEP_ASIDE.set(false);
        let left = done.unwrap().left_behind.expect("the kept folder is named");
        assert!(left.to_string_lossy().contains(".replaced-"), "{left:?}");
        assert!(!sibling(&base, "netday.db".as_ref(), JOURNAL).exists());
        assert_eq!(Store::open(&live).unwrap().people().unwrap(), vec![new]);
        assert_eq!(Store::open(&left).unwrap().people().unwrap(), vec![old]);
        assert!(left.is_dir(), "an open removed the folder left to the user");
    }

    /// The files this process has open, by path.
    #[cfg(target_os = "linux")]
    fn open_files() -> Vec<PathBuf> {
        std::fs::read_dir("/proc/self/fd")
            .unwrap()
            .flatten()
            .filter_map(|e| std::fs::read_link(e.path()).ok())
            .collect()
    }

    /// Windows refuses to move a folder with a file open inside (issue 22): when a restore
    /// moves the live database and the one it built, nothing in this process has a file in
    /// either open — not sled, not the log kept for syncing, not a lock.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_restore_moves_the_database_folders_with_no_file_in_them_open() {
        let (_dir, _, live, store, _, new, snap) = live_and_backup();
        let seen: std::rc::Rc<std::cell::RefCell<Option<Vec<PathBuf>>>> = Default::default();
        let into = seen.clone();
        AT_SWAP.with(|h| {
            *h.borrow_mut() = Some(Box::new(move |dirs: &[&Path]| {
                let inside = open_files()
                    .into_iter()
                    .filter(|f| dirs.iter().any(|d| f.starts_with(d)))
                    .collect();
                *into.borrow_mut() = Some(inside);
            }))
        });
        let done = store.replace_with(&snap, &mut crate::progress::Silent);
        AT_SWAP.with(|h| h.borrow_mut().take());
        assert!(done.unwrap().left_behind.is_none());
        assert_eq!(
            seen.borrow().as_deref(),
            Some(&[][..]),
            "files open inside the folders being moved"
        );
        assert_eq!(Store::open(&live).unwrap().people().unwrap(), vec![new]);
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
