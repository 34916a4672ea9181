//! Portable backups, and restoring one so that the database is always whole: old or new.
//!
//! # Backup file
//! `NETDAYBK`, one format byte, the bincode body of a [`Snapshot`], then (format 3) a CRC-32
//! (little-endian) of every byte before it. A flipped bit, a cut, or bytes after the body make the
//! file "damaged". Format 2 (round 1: the same body, no checksum) is still read, and said to be
//! unchecked; format 1 is older than anything this build reads.
//!
//! # Restore: build beside, then swap
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

use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::layout::{AGENDA, ATTENDANCE, EVENTS, IDEAS, META, NOTES, ORGS, PEOPLE, TREE_NAMES, be};
use super::{SCHEMA, Store, StoreError, codec};
use crate::io::files::{self, Replace};
use crate::model::{
    AgendaItem, Attendance, AttendanceStatus, Event, Idea, Note, Organization, Person, clean_line,
    clean_multiline,
};

const MAGIC: &[u8; 8] = b"NETDAYBK";
/// The backup format written: schema-2 records with a CRC-32 trailer.
const FORMAT: u8 = 3;
/// Round 1 wrote schema-2 records with no checksum.
const FORMAT_UNCHECKED: u8 = 2;
const _: () = assert!(
    SCHEMA == 2,
    "a new record schema needs a new backup FORMAT (and a way to read the old one)"
);

/// Everything a networking-day database holds (drafts excepted).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub events: Vec<Event>,
    pub orgs: Vec<Organization>,
    pub people: Vec<Person>,
    pub attendance: Vec<Attendance>,
    pub agenda: Vec<AgendaItem>,
    pub notes: Vec<Note>,
    pub ideas: Vec<Idea>,
}

/// Whether a backup carried a checksum that was verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Checked,
    /// A round-1 backup: read as it is, nothing could verify it.
    Unchecked,
}

/// Why bytes are not a backup this build can restore.
#[derive(Debug)]
pub enum Fault {
    Unreadable(std::io::Error),
    NotBackup,
    Damaged,
    Older(u8),
    Newer(u8),
}

/// A backup file refused; nothing was changed.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.en())]
pub struct BackupError {
    pub path: PathBuf,
    pub fault: Fault,
}

impl BackupError {
    pub fn ko(&self) -> String {
        let p = self.path.display();
        match &self.fault {
            Fault::Unreadable(e) => format!(
                "백업 파일 {p}을(를) 읽지 못했습니다 ({}). 아무것도 바꾸지 않았습니다. 경로와 권한을 확인하세요.",
                read_ko(e)
            ),
            Fault::NotBackup => format!(
                "{p}은(는) netday 백업 파일이 아닙니다. 아무것도 바꾸지 않았습니다. `netday backup`으로 만든 파일을 고르세요."
            ),
            Fault::Damaged => format!(
                "백업 파일 {p}이(가) 손상되었습니다 (검사값이 맞지 않거나, 잘렸거나, 뒤에 다른 내용이 붙어 있습니다). 아무것도 바꾸지 않았습니다. 다른 백업 파일로 복원하세요."
            ),
            Fault::Older(n) => format!(
                "백업 파일 {p}은(는) 이 netday가 읽지 못하는 옛 형식({n})입니다. 아무것도 바꾸지 않았습니다. 그 파일을 만든 netday로 복원한 뒤 새로 백업하세요."
            ),
            Fault::Newer(n) => format!(
                "백업 파일 {p}은(는) 더 새로운 netday가 만든 형식({n})입니다 (이 버전은 {FORMAT}까지). 아무것도 바꾸지 않았습니다. netday를 업데이트하세요."
            ),
        }
    }
    pub fn en(&self) -> String {
        let p = self.path.display();
        match &self.fault {
            Fault::Unreadable(e) => format!(
                "Could not read the backup file {p} ({}). Nothing was changed. Check the path and permissions.",
                read_en(e)
            ),
            Fault::NotBackup => format!(
                "{p} is not a netday backup file. Nothing was changed. Choose a file made by `netday backup`."
            ),
            Fault::Damaged => format!(
                "The backup file {p} is damaged (its checksum does not match, it is cut short, or something follows it). Nothing was changed. Restore from another backup file."
            ),
            Fault::Older(n) => format!(
                "The backup file {p} is in an older format ({n}) that this netday cannot read. Nothing was changed. Restore it with the netday that made it, then make a new backup."
            ),
            Fault::Newer(n) => format!(
                "The backup file {p} was made by a newer netday (format {n}; this build reads up to {FORMAT}). Nothing was changed. Update netday."
            ),
        }
    }
}

fn read_ko(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "파일이 없습니다",
        PermissionDenied => "권한이 없습니다",
        IsADirectory => "폴더입니다",
        _ => "입출력 오류",
    }
}

fn read_en(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file",
        PermissionDenied => "permission denied",
        IsADirectory => "it is a folder",
        _ => "input/output error",
    }
}

/// How many of each thing a snapshot holds (what messages about backups say).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub people: usize,
    pub orgs: usize,
    pub events: usize,
    pub attendance: usize,
    pub agenda: usize,
    pub notes: usize,
    pub ideas: usize,
}

impl Snapshot {
    pub fn to_bytes(&self) -> Result<Vec<u8>, StoreError> {
        let mut out = MAGIC.to_vec();
        out.push(FORMAT);
        out.extend(codec::encode_body(self)?);
        let sum = crc32fast::hash(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        Ok(out)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Snapshot, Fault> {
        Self::decode(bytes).map(|(s, _)| s)
    }

    /// Reads a backup, refusing anything damaged, cut short, or followed by other bytes.
    pub fn decode(bytes: &[u8]) -> Result<(Snapshot, Format), Fault> {
        let (Some(head), Some(&format)) = (bytes.get(..8), bytes.get(8)) else {
            return Err(Fault::NotBackup);
        };
        if head != MAGIC {
            return Err(Fault::NotBackup);
        }
        match format {
            FORMAT => {
                let (signed, sum) = bytes
                    .split_at_checked(bytes.len().saturating_sub(4))
                    .filter(|(signed, _)| signed.len() > 9)
                    .ok_or(Fault::Damaged)?;
                let sum = u32::from_le_bytes(sum.try_into().map_err(|_| Fault::Damaged)?);
                if crc32fast::hash(signed) != sum {
                    return Err(Fault::Damaged);
                }
                Ok((decode_whole(&signed[9..])?, Format::Checked))
            }
            FORMAT_UNCHECKED => Ok((decode_whole(&bytes[9..])?, Format::Unchecked)),
            f if f < FORMAT_UNCHECKED => Err(Fault::Older(f)),
            f => Err(Fault::Newer(f)),
        }
    }

    /// Reads and decodes the backup file at `path`.
    pub fn read(path: &Path) -> Result<(Snapshot, Format), BackupError> {
        let fail = |fault| BackupError {
            path: path.to_path_buf(),
            fault,
        };
        let bytes = std::fs::read(path).map_err(|e| fail(Fault::Unreadable(e)))?;
        Self::decode(&bytes).map_err(fail)
    }

    pub fn counts(&self) -> Counts {
        Counts {
            people: self.people.len(),
            orgs: self.orgs.len(),
            events: self.events.len(),
            attendance: self.attendance.len(),
            agenda: self.agenda.len(),
            notes: self.notes.len(),
            ideas: self.ideas.len(),
        }
    }

    /// Every text field cleaned as typed or imported text is: a backup is one more way in.
    fn cleaned(&self) -> Snapshot {
        let l = |s: &mut String| *s = clean_line(s);
        let m = |s: &mut String| *s = clean_multiline(s);
        let mut s = self.clone();
        for e in &mut s.events {
            l(&mut e.title);
            l(&mut e.venue);
        }
        for o in &mut s.orgs {
            l(&mut o.name);
            l(&mut o.contact);
        }
        for p in &mut s.people {
            for t in [
                &mut p.code,
                &mut p.name,
                &mut p.role,
                &mut p.phone,
                &mut p.email,
            ] {
                l(t);
            }
            p.tags.iter_mut().for_each(l);
            m(&mut p.notes);
        }
        for a in &mut s.attendance {
            if let AttendanceStatus::CheckedIn { desk, .. }
            | AttendanceStatus::WalkIn { desk, .. } = &mut a.status
            {
                l(desk);
            }
        }
        for a in &mut s.agenda {
            l(&mut a.title);
            l(&mut a.presenter);
        }
        for n in &mut s.notes {
            l(&mut n.author);
            m(&mut n.text);
        }
        for i in &mut s.ideas {
            l(&mut i.title);
            l(&mut i.next_step);
            m(&mut i.description);
        }
        s
    }
}

fn decode_whole(body: &[u8]) -> Result<Snapshot, Fault> {
    codec::decode_whole(body).map_err(|_| Fault::Damaged)
}

impl Store {
    pub fn snapshot(&self) -> Result<Snapshot, StoreError> {
        Ok(Snapshot {
            events: self.events()?,
            orgs: self.orgs()?,
            people: self.people()?,
            attendance: self.all(ATTENDANCE)?,
            agenda: self.all(AGENDA)?,
            notes: self.notes()?,
            ideas: self.ideas()?,
        })
    }

    /// Fills a store that holds no records with `snap`, its text cleaned; ids are kept, counters
    /// set past the highest id so new records never collide. Durable when it returns Ok.
    pub fn restore(&self, snap: &Snapshot) -> Result<(), StoreError> {
        if self.live()?.trees[EVENTS..=IDEAS]
            .iter()
            .any(|t| !t.is_empty())
        {
            return Err(StoreError::Invalid(
                "restore fills an empty database only; use Store::replace_with".into(),
            ));
        }
        let snap = snap.cleaned();
        let max_ids = [
            (EVENTS, snap.events.iter().map(|e| e.id).max()),
            (ORGS, snap.orgs.iter().map(|e| e.id).max()),
            (PEOPLE, snap.people.iter().map(|e| e.id).max()),
            (AGENDA, snap.agenda.iter().map(|e| e.id).max()),
            (NOTES, snap.notes.iter().map(|e| e.id).max()),
            (IDEAS, snap.ideas.iter().map(|e| e.id).max()),
        ];
        for (tree, max) in max_ids {
            let key = format!("seq:{}", TREE_NAMES[tree]);
            self.raw_insert(META, key.as_bytes(), &be(max.unwrap_or(0))[..])?;
        }
        for part in snap.people.chunks(2000) {
            self.write_unsynced(|tx| {
                for p in part {
                    tx.put_person(&mut p.clone())?;
                }
                Ok(())
            })?;
        }
        self.write_unsynced(|tx| {
            for e in &snap.events {
                tx.put_event(&mut e.clone())?;
            }
            for o in &snap.orgs {
                tx.put_org(&mut o.clone())?;
            }
            for a in &snap.agenda {
                tx.put_agenda(&mut a.clone())?;
            }
            for n in &snap.notes {
                tx.put_note(&mut n.clone())?;
            }
            for i in &snap.ideas {
                tx.put_idea(&mut i.clone())?;
            }
            Ok(())
        })?;
        for chunk in snap.attendance.chunks(5000) {
            self.write_unsynced(|tx| {
                for a in chunk {
                    tx.put_attendance(a)?;
                }
                Ok(())
            })?;
        }
        self.durable()
    }

    /// Replaces this database with `snap` as one step: the new database is built beside this
    /// one and swapped in by rename (see the module doc). Closes the store. On any error the
    /// database is left exactly as it was.
    pub fn replace_with(self, snap: &Snapshot) -> Result<(), StoreError> {
        let live = self.path.clone();
        let (parent, name) = split(&live)?;
        let (id, beside) = make_beside(&parent, &name)?;
        let built = Store::open(&beside.join("db")).and_then(|new| {
            new.restore(snap)?;
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
            Some(&live),
        )
        .map_err(|e| undo(file_err(&journal, e)))?;
        std::fs::rename(&live, sibling(&parent, &name, &format!("{ASIDE}{id}")))
            .map_err(|e| undo(at(&live, e)))?;
        sync_dir(&parent)?;
        finish_swap(&parent, &name, &live, &journal)
    }
}

const MARKER: &str = "NETDAY_RESTORE";
const BESIDE: &str = ".restoring-";
const ASIDE: &str = ".replaced-";
const JOURNAL: &str = ".restore-swap";
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
pub(crate) fn settle(live: &Path) -> Result<DirLock, StoreError> {
    let (parent, name) = split(live)?;
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

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| at(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
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
