//! The only code that knows sled and bincode exist.
//!
//! One tree per noun keyed by big-endian u64 ids, secondary index trees written in the same
//! transaction as their record, and every user-visible write made durable (sled flush, then
//! fdatasync of sled's log file) before the call returns.

mod codec;
mod dir;
mod error;
pub mod journal;
pub mod migrate;
mod snapshot;

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use sled::transaction::{
    ConflictableTransactionError, TransactionalTree, UnabortableTransactionError,
};
use sled::{Transactional, Tree};

use crate::model::{
    AgendaItem, Attendance, BADGE_CODE_LEN, Draft, Event, Id, Idea, Note, Organization, Person,
    badge_code_from,
};

pub use codec::{LIMIT as RECORD_LIMIT, SCHEMA};
pub use dir::CREATION_MARKER;
pub use error::{DamagedRecord, StoreError, damage_warning};
pub use snapshot::{BackupError, Counts, Fault, Format, Snapshot};

pub type Result<T> = std::result::Result<T, StoreError>;

// Tree indices inside `Store::trees` (and a transaction's view of them).
const META: usize = 0;
const EVENTS: usize = 1;
const ORGS: usize = 2;
const PEOPLE: usize = 3;
const PEOPLE_BY_ORG: usize = 4;
const PEOPLE_BY_CODE: usize = 5;
const ATTENDANCE: usize = 6;
const ATTENDANCE_BY_PERSON: usize = 7;
const AGENDA: usize = 8;
const AGENDA_BY_EVENT: usize = 9;
const NOTES: usize = 10;
const NOTES_BY_EVENT: usize = 11;
const IDEAS: usize = 12;
const DRAFTS: usize = 13;
const CACHE: usize = 14;
const TREE_NAMES: [&str; 15] = [
    "meta",
    "events",
    "orgs",
    "people",
    "people_by_org",
    "people_by_code",
    "attendance",
    "attendance_by_person",
    "agenda",
    "agenda_by_event",
    "notes",
    "notes_by_event",
    "ideas",
    "drafts",
    "cache",
];

/// `meta` counter bumped by every person or organisation write: the roster cache is valid only
/// for the value it was built at.
const GEN_KEY: &[u8] = b"gen:people";
/// Key of the roster cache in the `cache` tree.
const ROSTER_KEY: &[u8] = b"roster";
/// Key of the saved people search index in the `cache` tree: generation (8 bytes) + index bytes.
const SEARCH_KEY: &[u8] = b"search";

const SCHEMA_KEY: &[u8] = b"schema";

fn be(id: Id) -> [u8; 8] {
    id.to_be_bytes()
}

fn pair(a: Id, b: Id) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..].copy_from_slice(&b.to_be_bytes());
    k
}

fn second_of_pair(k: &[u8]) -> Option<Id> {
    k.get(8..16)
        .and_then(|s| s.try_into().ok())
        .map(u64::from_be_bytes)
}

pub type TxResult<T> = std::result::Result<T, ConflictableTransactionError<StoreError>>;

/// A write in progress: every tree, seen through one sled transaction.
pub struct Tx<'a> {
    t: &'a [TransactionalTree],
    /// Bytes this transaction writes, so the room for them is checked before sled commits.
    bytes: std::cell::Cell<u64>,
}

fn tx_err(e: UnabortableTransactionError) -> ConflictableTransactionError<StoreError> {
    e.into()
}

impl Tx<'_> {
    fn get<T: serde::de::DeserializeOwned>(&self, tree: usize, key: &[u8]) -> TxResult<Option<T>> {
        match self.t[tree].get(key).map_err(tx_err)? {
            Some(v) => codec::decode(&v).map(Some).map_err(|_| {
                ConflictableTransactionError::Abort(StoreError::DamagedRecord(DamagedRecord {
                    tree: TREE_NAMES[tree],
                    key: key.to_vec(),
                }))
            }),
            None => Ok(None),
        }
    }
    fn put<T: serde::Serialize>(&self, tree: usize, key: &[u8], value: &T) -> TxResult<()> {
        let bytes = codec::encode(value).map_err(ConflictableTransactionError::Abort)?;
        self.bytes
            .set(self.bytes.get() + (key.len() + bytes.len()) as u64);
        self.t[tree].insert(key, bytes).map_err(tx_err)?;
        Ok(())
    }
    fn mark(&self, tree: usize, key: &[u8]) -> TxResult<()> {
        self.t[tree].insert(key, &[][..]).map_err(tx_err)?;
        Ok(())
    }
    fn del(&self, tree: usize, key: &[u8]) -> TxResult<()> {
        self.t[tree].remove(key).map_err(tx_err)?;
        Ok(())
    }
    /// Next id of a noun: a counter in `meta`, bumped in the same transaction as the record.
    fn next_id(&self, noun: usize) -> TxResult<Id> {
        let key = format!("seq:{}", TREE_NAMES[noun]);
        let cur = match self.t[META].get(key.as_bytes()).map_err(tx_err)? {
            Some(v) => v.as_ref().try_into().map(u64::from_be_bytes).map_err(|_| {
                // Never guess a counter: a reused id would overwrite someone.
                ConflictableTransactionError::Abort(StoreError::DamagedRecord(DamagedRecord {
                    tree: TREE_NAMES[META],
                    key: key.clone().into_bytes(),
                }))
            })?,
            None => 0,
        };
        let next = cur + 1;
        self.t[META]
            .insert(key.as_bytes(), &be(next)[..])
            .map_err(tx_err)?;
        Ok(next)
    }

    /// Marks the roster cache stale (called by every person / organisation write).
    fn bump_gen(&self) -> TxResult<()> {
        let cur = match self.t[META].get(GEN_KEY).map_err(tx_err)? {
            Some(v) => v
                .as_ref()
                .try_into()
                .map(u64::from_be_bytes)
                .unwrap_or_default(),
            None => 0,
        };
        self.t[META]
            .insert(GEN_KEY, &be(cur.wrapping_add(1))[..])
            .map_err(tx_err)?;
        Ok(())
    }

    /// A badge code nobody in this database has, drawn at random so that two databases do not
    /// hand out the same codes; a longer one when the short ones grow crowded.
    fn fresh_code(&self) -> TxResult<String> {
        let mut attempt = 0;
        loop {
            let n = getrandom::u64().map_err(|e| {
                ConflictableTransactionError::Abort(StoreError::Invalid(format!(
                    "운영체제에서 난수를 얻지 못했습니다 ({e}) / the system gave no random number ({e})"
                )))
            })?;
            let code = badge_code_from(n, BADGE_CODE_LEN + attempt / 16);
            if self.t[PEOPLE_BY_CODE]
                .get(code.as_bytes())
                .map_err(tx_err)?
                .is_none()
            {
                return Ok(code);
            }
            attempt += 1;
        }
    }

    pub fn put_person(&self, p: &mut Person) -> TxResult<()> {
        self.bump_gen()?;
        if p.id == 0 {
            p.id = self.next_id(PEOPLE)?;
        }
        if p.code.is_empty() {
            p.code = self.fresh_code()?;
        }
        let old: Option<Person> = self.get(PEOPLE, &be(p.id))?;
        if let Some(old) = &old {
            if let Some(o) = old.org_id {
                self.del(PEOPLE_BY_ORG, &pair(o, p.id))?;
            }
            if old.code != p.code {
                self.del(PEOPLE_BY_CODE, old.code.as_bytes())?;
            }
        }
        if let Some(holder) = self.t[PEOPLE_BY_CODE]
            .get(p.code.as_bytes())
            .map_err(tx_err)?
            && holder.as_ref() != be(p.id)
        {
            let holder_name = holder
                .as_ref()
                .try_into()
                .ok()
                .map(u64::from_be_bytes)
                .and_then(|id| self.get::<Person>(PEOPLE, &be(id)).ok().flatten())
                .map(|h| h.name)
                .unwrap_or_else(|| "?".into());
            return Err(ConflictableTransactionError::Abort(StoreError::CodeTaken {
                code: p.code.clone(),
                holder_name,
            }));
        }
        if let Some(o) = p.org_id {
            self.mark(PEOPLE_BY_ORG, &pair(o, p.id))?;
        }
        self.t[PEOPLE_BY_CODE]
            .insert(p.code.as_bytes(), &be(p.id)[..])
            .map_err(tx_err)?;
        self.put(PEOPLE, &be(p.id), p)
    }

    pub fn put_org(&self, o: &mut Organization) -> TxResult<()> {
        self.bump_gen()?;
        if o.id == 0 {
            o.id = self.next_id(ORGS)?;
        }
        self.put(ORGS, &be(o.id), o)
    }

    pub fn put_event(&self, e: &mut Event) -> TxResult<()> {
        if e.id == 0 {
            e.id = self.next_id(EVENTS)?;
        }
        self.put(EVENTS, &be(e.id), e)
    }

    pub fn put_attendance(&self, a: &Attendance) -> TxResult<()> {
        self.put(ATTENDANCE, &pair(a.event_id, a.person_id), a)?;
        self.mark(ATTENDANCE_BY_PERSON, &pair(a.person_id, a.event_id))
    }

    fn remove_attendance(&self, event: Id, person: Id) -> TxResult<()> {
        self.del(ATTENDANCE, &pair(event, person))?;
        self.del(ATTENDANCE_BY_PERSON, &pair(person, event))
    }

    pub fn put_agenda(&self, a: &mut AgendaItem) -> TxResult<()> {
        if a.id == 0 {
            a.id = self.next_id(AGENDA)?;
        }
        self.mark(AGENDA_BY_EVENT, &pair(a.event_id, a.id))?;
        self.put(AGENDA, &be(a.id), a)
    }

    pub fn put_note(&self, n: &mut Note) -> TxResult<()> {
        if n.id == 0 {
            n.id = self.next_id(NOTES)?;
        }
        self.mark(NOTES_BY_EVENT, &pair(n.event_id, n.id))?;
        self.put(NOTES, &be(n.id), n)
    }

    pub fn put_idea(&self, i: &mut Idea) -> TxResult<()> {
        if i.id == 0 {
            i.id = self.next_id(IDEAS)?;
        }
        self.put(IDEAS, &be(i.id), i)
    }
}

/// Everyone and every organisation in one value (see `Store::people_and_orgs`), with the
/// records that could not be read when it was built (so a start from the cache still says so).
#[derive(serde::Serialize, serde::Deserialize)]
struct RosterCache {
    generation: u64,
    people: Vec<Person>,
    orgs: Vec<Organization>,
    damaged: Vec<(String, Vec<u8>)>,
}

/// sled's database and this store's handles into it; replaced whole when the store reopens.
struct Live {
    db: sled::Db,
    trees: Vec<Tree>,
    /// sled's log file, kept open so a durable write can fdatasync it (sled's own flush only
    /// calls sync_file_range on Linux).
    log: File,
}

/// The open database.
pub struct Store {
    /// `None` only while the store reopens.
    live: RwLock<Option<Arc<Live>>>,
    path: PathBuf,
    /// fdatasync calls made by this store (tests check that the durable path really syncs).
    syncs: AtomicU64,
    /// Set when a write failed on I/O: sled keeps that error for every later call, so the
    /// next access reopens the database from what is on disk.
    failed: AtomicBool,
    damaged: Mutex<BTreeSet<DamagedRecord>>,
    /// Print the damage warning to standard error when the store closes (the command line).
    warn_on_close: AtomicBool,
}

/// Room kept free beyond what a write needs: sled may start a new 512 KiB log segment.
const ROOM_MARGIN: u64 = 1 << 20;

/// Bytes free for this user on the file system holding `dir` (`None` when unknown).
fn free_space(dir: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
        let mut st = std::mem::MaybeUninit::<libc::statvfs>::uninit();
        // SAFETY: `c` is a valid C string and `st` is written by statvfs before it is read.
        if unsafe { libc::statvfs(c.as_ptr(), st.as_mut_ptr()) } != 0 {
            return None;
        }
        // SAFETY: statvfs returned 0, so it filled `st`.
        let st = unsafe { st.assume_init() };
        #[allow(clippy::unnecessary_cast)]
        Some((st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

impl Store {
    /// Opens (creating if absent) the database at `path`. Refuses a database that is locked by
    /// another process, damaged, foreign, or from a newer netday, and changes nothing then.
    pub fn open(path: &Path) -> Result<Store> {
        // A restore killed half-way is finished or rolled back first; its lock is held until
        // the database is open, so no swap happens meanwhile.
        let _swap = snapshot::settle(path)?;
        let store = Store {
            live: RwLock::new(Some(Arc::new(Self::open_live(path)?))),
            path: path.to_path_buf(),
            syncs: AtomicU64::new(0),
            failed: AtomicBool::new(false),
            damaged: Mutex::new(BTreeSet::new()),
            warn_on_close: AtomicBool::new(false),
        };
        store.settle()?;
        Ok(store)
    }

    /// Opens sled, waiting a little for a netday that is just closing: sled's threads let go of
    /// the lock a moment after the Db is dropped.
    fn open_live(path: &Path) -> Result<Live> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(1500);
        loop {
            match Self::open_guarded(path) {
                Err(StoreError::Locked(_)) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                other => return other,
            }
        }
    }

    fn open_guarded(path: &Path) -> Result<Live> {
        match dir::classify(path)? {
            dir::Found::New => {
                let _creating = dir::begin_creation(path)?;
                let live = Self::open_sled(path)?;
                Self::create_schema(path, &live)?;
                dir::finish_creation(path, SCHEMA)?;
                Ok(live)
            }
            dir::Found::Interrupted => {
                let _creating = dir::restart_creation(path)?;
                let live = Self::open_sled(path)?;
                Self::create_schema(path, &live)?;
                dir::finish_creation(path, SCHEMA)?;
                Ok(live)
            }
            dir::Found::Database => {
                // sled rewrites its snapshot on open, so a newer database is refused before
                // sled sees it, from the version file written beside sled's own.
                dir::prepare_existing(path, SCHEMA)?;
                let before = dir::Preimage::capture(path);
                let result = Self::open_sled(path).and_then(|live| {
                    Self::check_schema(path, &live)?;
                    Ok(live)
                });
                if let (Err(e), Some(pre)) = (&result, before)
                    && matches!(
                        e,
                        StoreError::Corrupt(_) | StoreError::Foreign(_) | StoreError::Newer { .. }
                    )
                {
                    // sled may already have written its recovery into the files it was refused for.
                    pre.restore(path).map_err(|e| StoreError::io(path, e))?;
                }
                result
            }
        }
    }

    fn open_sled(path: &Path) -> Result<Live> {
        let cfg = sled::Config::new()
            .path(path)
            .cache_capacity(32 * 1024 * 1024)
            .flush_every_ms(None)
            .mode(sled::Mode::LowSpace);
        let db = contain_panic(|| cfg.open())
            .map_err(|_| StoreError::Corrupt(path.join("db")))?
            .map_err(|e| match e {
                sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
                    StoreError::Locked(path.to_path_buf())
                }
                other => StoreError::sled(path, other),
            })?;
        let mut trees = Vec::with_capacity(TREE_NAMES.len());
        for name in TREE_NAMES {
            trees.push(db.open_tree(name).map_err(|e| StoreError::sled(path, e))?);
        }
        let log_path = path.join("db");
        let log = File::options()
            .read(true)
            .open(&log_path)
            .map_err(|e| StoreError::io(&log_path, e))?;
        Ok(Live { db, trees, log })
    }

    fn create_schema(path: &Path, live: &Live) -> Result<()> {
        live.trees[META]
            .insert(SCHEMA_KEY, &[SCHEMA][..])
            .map_err(|e| StoreError::sled(path, e))?;
        live.db.flush().map_err(|e| StoreError::sled(path, e))?;
        live.log.sync_data().map_err(|e| StoreError::io(path, e))
    }

    /// A database with a version file holds its schema in `meta`; a newer one is refused.
    fn check_schema(path: &Path, live: &Live) -> Result<()> {
        let found = live.trees[META]
            .get(SCHEMA_KEY)
            .map_err(|e| StoreError::sled(path, e))?
            .and_then(|v| v.first().copied());
        match found {
            // netday wrote here (the version file says so), yet the log yields nothing.
            None => Err(StoreError::Corrupt(path.join("db"))),
            Some(found) if found > SCHEMA => Err(StoreError::Newer {
                found,
                supported: SCHEMA,
            }),
            Some(_) => Ok(()),
        }
    }

    /// Brings an older database up to date and makes the version file say `SCHEMA`.
    fn settle(&self) -> Result<()> {
        let found = self
            .raw_get(META, SCHEMA_KEY)?
            .and_then(|v| v.first().copied())
            .unwrap_or(SCHEMA);
        if found < SCHEMA {
            migrate::run(self, found)?;
        }
        if dir::read_version_file(&self.path).ok() != Some(SCHEMA) {
            dir::write_version_file(&self.path, SCHEMA)?;
        }
        dir::remove_marker(&self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The open sled database; reopened first if a write failed on I/O before.
    fn live(&self) -> Result<Arc<Live>> {
        if self.failed.load(Ordering::Acquire) {
            self.reopen()?;
        }
        self.live
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or_else(|| StoreError::Stuck(self.path.clone()))
    }

    /// Drops sled (whose first I/O error sticks to every later call) and opens the database
    /// again from what is on disk, keeping this `Store`.
    fn reopen(&self) -> Result<()> {
        let mut slot = self.live.write().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = slot.take() {
            // A failed write of a large value leaves sled waiting forever for the missing bytes,
            // and dropping it would wait with it: drop it aside, and give up on it (its lock is
            // then held until netday exits) if it does not let go.
            let (done, wait) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                drop(old);
                let _ = done.send(());
            });
            if wait
                .recv_timeout(std::time::Duration::from_secs(5))
                .is_err()
            {
                return Err(StoreError::Stuck(self.path.clone()));
            }
        }
        let live = Self::open_live(&self.path)?;
        *slot = Some(Arc::new(live));
        self.failed.store(false, Ordering::Release);
        Ok(())
    }

    /// Notes an I/O failure in a write so that the next access starts from the disk again.
    fn note_failure<T>(&self, r: Result<T>) -> Result<T> {
        if let Err(StoreError::DiskFull { .. } | StoreError::Io { .. } | StoreError::Corrupt(_)) =
            &r
        {
            self.failed.store(true, Ordering::Release);
        }
        r
    }

    fn tree(&self, tree: usize) -> Result<Tree> {
        Ok(self.live()?.trees[tree].clone())
    }

    fn sled_err(&self, e: sled::Error) -> StoreError {
        StoreError::sled(&self.path, e)
    }

    fn raw_get(&self, tree: usize, key: &[u8]) -> Result<Option<sled::IVec>> {
        self.tree(tree)?.get(key).map_err(|e| self.sled_err(e))
    }

    fn raw_insert(&self, tree: usize, key: &[u8], value: impl Into<sled::IVec>) -> Result<()> {
        let value = value.into();
        self.ensure_room((key.len() + value.len()) as u64)?;
        let r = self
            .tree(tree)?
            .insert(key, value)
            .map(|_| ())
            .map_err(|e| self.sled_err(e));
        self.note_failure(r)
    }

    /// Refuses, before sled writes anything, a write the disk has no room for: sled 0.34 does
    /// not recover from a failed write of a large value (its log waits forever for the
    /// missing bytes, so even closing hangs), and any other failed write sticks to the Db.
    fn ensure_room(&self, bytes: u64) -> Result<()> {
        match free_space(&self.path) {
            Some(free) if free < bytes.saturating_mul(2).saturating_add(ROOM_MARGIN) => {
                Err(StoreError::DiskFull {
                    path: self.path.clone(),
                })
            }
            _ => Ok(()),
        }
    }

    /// Number of fdatasync calls this store has made (a test seam).
    pub fn sync_count(&self) -> u64 {
        self.syncs.load(Ordering::Relaxed)
    }

    /// Makes everything written so far survive a crash or power loss.
    pub fn durable(&self) -> Result<()> {
        let live = self.live()?;
        let r = live.db.flush().map_err(|e| self.sled_err(e)).and_then(|_| {
            live.log
                .sync_data()
                .map_err(|e| StoreError::io(&self.path.join("db"), e))
        });
        drop(live);
        self.note_failure(r)?;
        self.syncs.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Runs `f` in one transaction over every tree; durable when it returns Ok.
    pub fn write<T>(&self, f: impl Fn(&Tx) -> TxResult<T>) -> Result<T> {
        let v = self.write_unsynced(f)?;
        self.durable()?;
        Ok(v)
    }

    /// Like `write` but without the sync: bulk loads call `durable` once at the end.
    pub fn write_unsynced<T>(&self, f: impl Fn(&Tx) -> TxResult<T>) -> Result<T> {
        let live = self.live()?;
        let refs: Vec<&Tree> = live.trees.iter().collect();
        let r = refs
            .as_slice()
            .transaction(|view: &Vec<TransactionalTree>| {
                let tx = Tx {
                    t: view,
                    bytes: std::cell::Cell::new(0),
                };
                let v = f(&tx)?;
                self.ensure_room(tx.bytes.get())
                    .map_err(ConflictableTransactionError::Abort)?;
                Ok(v)
            })
            .map_err(|e| error::from_tx(&self.path, e));
        drop(refs);
        drop(live);
        self.note_failure(r)
    }

    /// Records that could not be read so far (they are left out of every list and backup).
    pub fn damaged(&self) -> Vec<DamagedRecord> {
        self.damaged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    /// The warning naming the damaged records met so far, in Korean and English.
    pub fn damage_warning(&self) -> Option<(String, String)> {
        damage_warning(&self.damaged())
    }

    /// The command line's way to hear of damaged records: when this store closes (after the
    /// command has read what it needed), one line naming them goes to standard error.
    pub fn warn_damaged_on_close(&self) {
        self.warn_on_close.store(true, Ordering::Relaxed);
    }

    fn note_damage(&self, tree: usize, key: &[u8]) {
        self.damaged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(DamagedRecord {
                tree: TREE_NAMES[tree],
                key: key.to_vec(),
            });
    }

    /// Decodes a stored record; a damaged one is noted and skipped.
    fn decoded<T: serde::de::DeserializeOwned>(
        &self,
        tree: usize,
        key: &[u8],
        v: &[u8],
    ) -> Option<T> {
        match codec::decode(v) {
            Ok(x) => Some(x),
            Err(_) => {
                self.note_damage(tree, key);
                None
            }
        }
    }

    fn all<T: serde::de::DeserializeOwned>(&self, tree: usize) -> Result<Vec<T>> {
        let t = self.tree(tree)?;
        let mut out = Vec::with_capacity(t.len());
        for kv in t.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            out.extend(self.decoded(tree, &k, &v));
        }
        Ok(out)
    }

    fn one<T: serde::de::DeserializeOwned>(&self, tree: usize, key: &[u8]) -> Result<Option<T>> {
        Ok(self
            .raw_get(tree, key)?
            .and_then(|v| self.decoded(tree, key, &v)))
    }

    /// Records whose ids sit in index `index` under `prefix`.
    fn by_index<T: serde::de::DeserializeOwned>(
        &self,
        index: usize,
        prefix: Id,
        tree: usize,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for kv in self.tree(index)?.scan_prefix(be(prefix)) {
            let (k, _) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(id) = second_of_pair(&k)
                && let Some(v) = self.one(tree, &be(id))?
            {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// Writes raw bytes under `key` in the tree called `tree`, durably, bypassing the codec:
    /// lets tests put a damaged record in place.
    #[doc(hidden)]
    pub fn poke_raw_for_tests(&self, tree: &str, key: &[u8], value: &[u8]) -> Result<()> {
        let i = TREE_NAMES
            .iter()
            .position(|n| *n == tree)
            .ok_or_else(|| StoreError::Invalid(format!("no tree {tree}")))?;
        self.raw_insert(i, key, value)?;
        self.durable()
    }

    // --- events ---
    pub fn events(&self) -> Result<Vec<Event>> {
        self.all(EVENTS)
    }
    pub fn event(&self, id: Id) -> Result<Option<Event>> {
        self.one(EVENTS, &be(id))
    }
    /// Saves an event (id 0 = new; the new id is written back).
    pub fn put_event(&self, e: &mut Event) -> Result<()> {
        let saved = self.write(|tx| {
            let mut e = e.clone();
            tx.put_event(&mut e)?;
            Ok(e)
        })?;
        *e = saved;
        Ok(())
    }

    // --- organisations ---
    pub fn orgs(&self) -> Result<Vec<Organization>> {
        self.all(ORGS)
    }
    pub fn org(&self, id: Id) -> Result<Option<Organization>> {
        self.one(ORGS, &be(id))
    }
    pub fn put_org(&self, o: &mut Organization) -> Result<()> {
        let saved = self.write(|tx| {
            let mut o = o.clone();
            tx.put_org(&mut o)?;
            Ok(o)
        })?;
        *o = saved;
        Ok(())
    }

    // --- people ---
    pub fn people(&self) -> Result<Vec<Person>> {
        self.all(PEOPLE)
    }
    pub fn person(&self, id: Id) -> Result<Option<Person>> {
        self.one(PEOPLE, &be(id))
    }
    pub fn person_by_code(&self, code: &str) -> Result<Option<Person>> {
        match self.raw_get(PEOPLE_BY_CODE, code.to_ascii_uppercase().as_bytes())? {
            Some(id) => match id.as_ref().try_into().map(u64::from_be_bytes) {
                Ok(id) => self.person(id),
                Err(_) => {
                    self.note_damage(PEOPLE_BY_CODE, code.to_ascii_uppercase().as_bytes());
                    Ok(None)
                }
            },
            None => Ok(None),
        }
    }
    /// Everyone and every organisation, as fast as possible: from the roster cache (one value,
    /// one read) when no person or organisation was written since it was built; otherwise read
    /// record by record and the cache rebuilt for next time. The cache is only an optimisation:
    /// it is not synced, and a cache that is missing, stale or unreadable is simply rebuilt.
    pub fn people_and_orgs(&self) -> Result<(Vec<Person>, Vec<Organization>)> {
        let gen_now = self.generation()?;
        if let Some(v) = self.raw_get(CACHE, ROSTER_KEY)?
            && let Ok(c) = codec::decode_large::<RosterCache>(&v)
            && c.generation == gen_now
        {
            for (tree, key) in &c.damaged {
                if let Some(i) = TREE_NAMES.iter().position(|n| n == tree) {
                    self.note_damage(i, key);
                }
            }
            return Ok((c.people, c.orgs));
        }
        let people = self.people()?;
        let orgs = self.orgs()?;
        let damaged = self
            .damaged()
            .into_iter()
            .filter(|d| d.tree == TREE_NAMES[PEOPLE] || d.tree == TREE_NAMES[ORGS])
            .map(|d| (d.tree.to_string(), d.key))
            .collect();
        let c = RosterCache {
            generation: gen_now,
            people,
            orgs,
            damaged,
        };
        // Only an optimisation: on a full disk the roster is simply read again next time.
        if let Ok(bytes) = codec::encode_large(&c) {
            let _ = self.raw_insert(CACHE, ROSTER_KEY, bytes);
        }
        Ok((c.people, c.orgs))
    }

    /// The saved people search index (opaque bytes), if it was saved at generation `generation`.
    pub fn search_cache(&self, generation: u64) -> Result<Option<Vec<u8>>> {
        Ok(self.raw_get(CACHE, SEARCH_KEY)?.and_then(|v| {
            let (g, body) = v.split_at_checked(8)?;
            let g = u64::from_be_bytes(g.try_into().ok()?);
            (g == generation).then(|| body.to_vec())
        }))
    }

    /// Saves the people search index built at `generation` (a cache: not synced, skipped when
    /// the disk is full).
    pub fn put_search_cache(&self, generation: u64, bytes: &[u8]) -> Result<()> {
        let mut v = Vec::with_capacity(8 + bytes.len());
        v.extend_from_slice(&be(generation));
        v.extend_from_slice(bytes);
        match self.raw_insert(CACHE, SEARCH_KEY, v) {
            // Only an optimisation: on a full disk the index is built again next time.
            Err(StoreError::DiskFull { .. }) => Ok(()),
            other => other,
        }
    }

    /// Changes whenever a person or organisation is written (what the caches are checked against).
    pub fn generation(&self) -> Result<u64> {
        Ok(self
            .raw_get(META, GEN_KEY)?
            .and_then(|v| v.as_ref().try_into().ok().map(u64::from_be_bytes))
            .unwrap_or(0))
    }

    pub fn people_of_org(&self, org: Id) -> Result<Vec<Person>> {
        self.by_index(PEOPLE_BY_ORG, org, PEOPLE)
    }
    /// Saves a person (id 0 = new: gets an id and a badge code, written back).
    pub fn put_person(&self, p: &mut Person) -> Result<()> {
        let saved = self.write(|tx| {
            let mut p = p.clone();
            tx.put_person(&mut p)?;
            Ok(p)
        })?;
        *p = saved;
        Ok(())
    }
    /// Saves a new person together with a new organisation (walk-in with a new organisation):
    /// either both land or neither.
    pub fn put_person_with_org(
        &self,
        p: &mut Person,
        org: Option<&mut Organization>,
        attendance: Option<&mut Attendance>,
    ) -> Result<()> {
        let org_in = org.as_ref().map(|o| (*o).clone());
        let att_in = attendance.as_ref().map(|a| (*a).clone());
        let (sp, so, sa) = self.write(|tx| {
            let mut p = p.clone();
            let mut o = org_in.clone();
            if let Some(o) = o.as_mut() {
                tx.put_org(o)?;
                p.org_id = Some(o.id);
            }
            tx.put_person(&mut p)?;
            let mut a = att_in.clone();
            if let Some(a) = a.as_mut() {
                a.person_id = p.id;
                tx.put_attendance(a)?;
            }
            Ok((p, o, a))
        })?;
        *p = sp;
        if let (Some(dst), Some(src)) = (org, so) {
            *dst = src;
        }
        if let (Some(dst), Some(src)) = (attendance, sa) {
            *dst = src;
        }
        Ok(())
    }

    /// Folds `dup` into `keep`: attendance history moves over (the better status wins where both
    /// attended the same day), action items and ideas owned by `dup` move to `keep`, and `dup` is
    /// archived with a note, never erased.
    pub fn merge_people(&self, keep: Id, dup: Id) -> Result<()> {
        if keep == dup {
            return Err(StoreError::Invalid(
                "cannot merge a person into themselves".into(),
            ));
        }
        let dup_att = self.attendance_of_person(dup)?;
        let notes = self.all::<Note>(NOTES)?;
        let ideas = self.ideas()?;
        self.write(|tx| {
            let mut dup_p: Person = tx.get(PEOPLE, &be(dup))?.ok_or_else(|| {
                ConflictableTransactionError::Abort(StoreError::Invalid("no such person".into()))
            })?;
            let keep_p: Person = tx.get(PEOPLE, &be(keep))?.ok_or_else(|| {
                ConflictableTransactionError::Abort(StoreError::Invalid("no such person".into()))
            })?;
            for a in &dup_att {
                let mine: Option<Attendance> = tx.get(ATTENDANCE, &pair(a.event_id, keep))?;
                let better = match &mine {
                    None => true,
                    Some(m) => !m.status.is_arrived() && a.status.is_arrived(),
                };
                if better {
                    let mut moved = a.clone();
                    moved.person_id = keep;
                    tx.put_attendance(&moved)?;
                }
                tx.remove_attendance(a.event_id, dup)?;
            }
            for n in &notes {
                if let crate::model::NoteKind::Action {
                    owner: crate::model::Owner::Person(o),
                    due,
                    done,
                } = &n.kind
                    && *o == dup
                {
                    let mut n = n.clone();
                    n.kind = crate::model::NoteKind::Action {
                        owner: crate::model::Owner::Person(keep),
                        due: *due,
                        done: *done,
                    };
                    tx.put_note(&mut n)?;
                }
            }
            for i in &ideas {
                if i.owner == Some(dup) {
                    let mut i = i.clone();
                    i.owner = Some(keep);
                    tx.put_idea(&mut i)?;
                }
            }
            dup_p.archived = true;
            if !dup_p.notes.is_empty() {
                dup_p.notes.push('\n');
            }
            dup_p
                .notes
                .push_str(&format!("merged into {} ({})", keep_p.name, keep_p.code));
            tx.put_person(&mut dup_p)?;
            Ok(())
        })
    }

    // --- attendance ---
    pub fn attendance_of_event(&self, event: Id) -> Result<Vec<Attendance>> {
        let mut out = Vec::new();
        for kv in self.tree(ATTENDANCE)?.scan_prefix(be(event)) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            out.extend(self.decoded(ATTENDANCE, &k, &v));
        }
        Ok(out)
    }
    pub fn attendance(&self, event: Id, person: Id) -> Result<Option<Attendance>> {
        self.one(ATTENDANCE, &pair(event, person))
    }
    pub fn attendance_of_person(&self, person: Id) -> Result<Vec<Attendance>> {
        let mut out = Vec::new();
        for kv in self.tree(ATTENDANCE_BY_PERSON)?.scan_prefix(be(person)) {
            let (k, _) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(event) = second_of_pair(&k)
                && let Some(a) = self.attendance(event, person)?
            {
                out.push(a);
            }
        }
        Ok(out)
    }
    pub fn all_attendance(&self) -> Result<Vec<Attendance>> {
        self.all(ATTENDANCE)
    }
    pub fn put_attendance(&self, a: &Attendance) -> Result<()> {
        self.write(|tx| tx.put_attendance(a))
    }
    /// Writes several attendance records in one transaction (closing the day, undoing it).
    pub fn put_attendances(&self, list: &[Attendance]) -> Result<()> {
        self.write(|tx| {
            for a in list {
                tx.put_attendance(a)?;
            }
            Ok(())
        })
    }
    pub fn remove_attendance(&self, event: Id, person: Id) -> Result<()> {
        self.write(|tx| tx.remove_attendance(event, person))
    }

    // --- agenda ---
    pub fn agenda_of_event(&self, event: Id) -> Result<Vec<AgendaItem>> {
        let mut v: Vec<AgendaItem> = self.by_index(AGENDA_BY_EVENT, event, AGENDA)?;
        v.sort_by_key(|a| (a.order, a.id));
        Ok(v)
    }
    pub fn put_agenda(&self, a: &mut AgendaItem) -> Result<()> {
        let saved = self.write(|tx| {
            let mut a = a.clone();
            tx.put_agenda(&mut a)?;
            Ok(a)
        })?;
        *a = saved;
        Ok(())
    }
    /// Saves a whole agenda at once (reordering rewrites several items atomically).
    pub fn put_agenda_items(&self, items: &mut [AgendaItem]) -> Result<()> {
        let saved = self.write(|tx| {
            let mut out = items.to_vec();
            for a in out.iter_mut() {
                tx.put_agenda(a)?;
            }
            Ok(out)
        })?;
        items.clone_from_slice(&saved);
        Ok(())
    }
    /// Deletes an agenda item; its notes stay with the event, unattached.
    pub fn delete_agenda(&self, item: &AgendaItem) -> Result<()> {
        let notes = self.notes_of_event(item.event_id)?;
        self.write(|tx| {
            tx.del(AGENDA, &be(item.id))?;
            tx.del(AGENDA_BY_EVENT, &pair(item.event_id, item.id))?;
            for n in notes.iter().filter(|n| n.agenda_id == Some(item.id)) {
                let mut n = n.clone();
                n.agenda_id = None;
                tx.put_note(&mut n)?;
            }
            Ok(())
        })
    }

    // --- notes ---
    pub fn notes_of_event(&self, event: Id) -> Result<Vec<Note>> {
        let mut v: Vec<Note> = self.by_index(NOTES_BY_EVENT, event, NOTES)?;
        v.sort_by_key(|n| (n.at, n.id));
        Ok(v)
    }
    pub fn notes(&self) -> Result<Vec<Note>> {
        self.all(NOTES)
    }
    pub fn put_note(&self, n: &mut Note) -> Result<()> {
        let saved = self.write(|tx| {
            let mut n = n.clone();
            tx.put_note(&mut n)?;
            Ok(n)
        })?;
        *n = saved;
        Ok(())
    }
    pub fn delete_note(&self, n: &Note) -> Result<()> {
        self.write(|tx| {
            tx.del(NOTES, &be(n.id))?;
            tx.del(NOTES_BY_EVENT, &pair(n.event_id, n.id))
        })
    }

    // --- ideas ---
    pub fn ideas(&self) -> Result<Vec<Idea>> {
        self.all(IDEAS)
    }
    pub fn put_idea(&self, i: &mut Idea) -> Result<()> {
        let saved = self.write(|tx| {
            let mut i = i.clone();
            tx.put_idea(&mut i)?;
            Ok(i)
        })?;
        *i = saved;
        Ok(())
    }

    // --- drafts ---
    pub fn draft(&self, key: &str) -> Result<Option<Draft>> {
        self.one(DRAFTS, key.as_bytes())
    }
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        self.all(DRAFTS)
    }
    pub fn put_draft(&self, d: &Draft) -> Result<()> {
        self.write(|tx| tx.put(DRAFTS, d.key.as_bytes(), d))
    }
    pub fn delete_draft(&self, key: &str) -> Result<()> {
        self.write(|tx| tx.del(DRAFTS, key.as_bytes()))
    }

    /// Whether the database holds no people and no events.
    pub fn is_empty(&self) -> bool {
        match self.live() {
            Ok(live) => live.trees[PEOPLE].is_empty() && live.trees[EVENTS].is_empty(),
            Err(_) => false,
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let live = self
            .live
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        match live {
            // sled may be waiting forever for a write that failed; closing must not wait too.
            Some(live) if self.failed.load(Ordering::Acquire) => std::mem::forget(live),
            Some(live) => {
                let _ = live.db.flush();
            }
            None => {}
        }
        if self.warn_on_close.load(Ordering::Relaxed)
            && let Some((ko, en)) = self.damage_warning()
        {
            eprintln!("{ko} / {en}");
        }
    }
}

/// sled 0.34 can panic while recovering a damaged log; turn that into an error, quietly.
fn contain_panic<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(prev);
    r.map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "recovery failed".into())
    })
}
