//! The only code that knows sled and bincode exist.
//!
//! One tree per noun keyed by big-endian u64 ids, secondary index trees written in the same
//! transaction as their record, and every user-visible write made durable (sled flush, then
//! fdatasync of sled's log file) before the call returns.

mod codec;
pub mod journal;
pub mod migrate;
mod snapshot;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sled::transaction::{
    ConflictableTransactionError, TransactionError, TransactionalTree, UnabortableTransactionError,
};
use sled::{Transactional, Tree};

use crate::model::{
    AgendaItem, Attendance, Draft, Event, Id, Idea, Note, Organization, Person, badge_code,
};

pub use codec::SCHEMA;
pub use snapshot::{BackupError, Counts, Fault, Format, Snapshot};

/// What can go wrong opening or using the database; each has a one-line Korean and English message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database is open in another netday process")]
    Locked(PathBuf),
    #[error("database is damaged: {0}")]
    Corrupt(String),
    #[error(
        "database was written by a newer netday (schema {found}, this build reads {supported})"
    )]
    Newer { found: u8, supported: u8 },
    #[error("not a netday database: {0}")]
    Foreign(PathBuf),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Invalid(String),
}

impl StoreError {
    pub fn ko(&self) -> String {
        match self {
            StoreError::Locked(p) => format!(
                "데이터베이스가 다른 netday에서 열려 있습니다 ({}). 그 창을 닫고 다시 실행하세요.",
                p.display()
            ),
            StoreError::Corrupt(why) => format!(
                "데이터베이스가 손상되었습니다 ({why}). 파일은 그대로 두었습니다. `netday restore`로 백업에서 복구하세요."
            ),
            StoreError::Newer { found, supported } => format!(
                "더 새로운 netday가 만든 데이터베이스입니다 (스키마 {found}, 이 버전은 {supported}까지). netday를 업데이트하세요. 아무것도 바꾸지 않았습니다."
            ),
            StoreError::Foreign(p) => format!(
                "netday 데이터베이스가 아닙니다: {}. 아무것도 바꾸지 않았습니다.",
                p.display()
            ),
            StoreError::Io(e) => format!("파일 입출력 오류: {e}"),
            StoreError::Invalid(why) => why.clone(),
        }
    }
    pub fn en(&self) -> String {
        match self {
            StoreError::Locked(p) => format!(
                "The database is open in another netday ({}). Close that one and try again.",
                p.display()
            ),
            StoreError::Corrupt(why) => format!(
                "The database is damaged ({why}). The files were left as they are. Use `netday restore` to recover from a backup."
            ),
            StoreError::Newer { found, supported } => format!(
                "This database was written by a newer netday (schema {found}; this build reads up to {supported}). Update netday. Nothing was changed."
            ),
            StoreError::Foreign(p) => {
                format!(
                    "Not a netday database: {}. Nothing was changed.",
                    p.display()
                )
            }
            StoreError::Io(e) => format!("File error: {e}"),
            StoreError::Invalid(why) => why.clone(),
        }
    }
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        match e {
            sled::Error::Io(io) => StoreError::Io(io),
            sled::Error::Corruption { at, .. } => StoreError::Corrupt(format!("at {at:?}")),
            other => StoreError::Corrupt(other.to_string()),
        }
    }
}

impl From<TransactionError<StoreError>> for StoreError {
    fn from(e: TransactionError<StoreError>) -> Self {
        match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => e.into(),
        }
    }
}

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
}

fn tx_err(e: UnabortableTransactionError) -> ConflictableTransactionError<StoreError> {
    e.into()
}

impl Tx<'_> {
    fn get<T: serde::de::DeserializeOwned>(&self, tree: usize, key: &[u8]) -> TxResult<Option<T>> {
        match self.t[tree].get(key).map_err(tx_err)? {
            Some(v) => codec::decode(&v)
                .map(Some)
                .map_err(ConflictableTransactionError::Abort),
            None => Ok(None),
        }
    }
    fn put<T: serde::Serialize>(&self, tree: usize, key: &[u8], value: &T) -> TxResult<()> {
        self.t[tree]
            .insert(key, codec::encode(value))
            .map_err(tx_err)?;
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
                ConflictableTransactionError::Abort(StoreError::Corrupt(key.clone()))
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

    pub fn put_person(&self, p: &mut Person) -> TxResult<()> {
        self.bump_gen()?;
        if p.id == 0 {
            p.id = self.next_id(PEOPLE)?;
        }
        if p.code.is_empty() {
            p.code = badge_code(p.id);
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
            return Err(ConflictableTransactionError::Abort(StoreError::Invalid(
                format!("badge code {} is already taken", p.code),
            )));
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

/// Everyone and every organisation in one value (see `Store::people_and_orgs`).
#[derive(serde::Serialize, serde::Deserialize)]
struct RosterCache {
    generation: u64,
    people: Vec<Person>,
    orgs: Vec<Organization>,
}

/// Counts fdatasync calls on the log, so tests can see that the durable path really syncs.
static SYNCS: AtomicU64 = AtomicU64::new(0);

/// The open database.
pub struct Store {
    db: sled::Db,
    trees: Vec<Tree>,
    /// sled's log file, kept open so a durable write can fdatasync it (sled's own flush only
    /// calls sync_file_range on Linux).
    log: File,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if absent) the database at `path`. Refuses a database that is locked by
    /// another process, damaged, foreign, or from a newer netday, and changes nothing then.
    pub fn open(path: &Path) -> Result<Store> {
        let _swap = snapshot::settle(path)?;
        // A netday that is just closing may hold the lock a moment longer (sled's threads let
        // go of the file after the Db is dropped): wait a little before calling it taken.
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

    fn open_guarded(path: &Path) -> Result<Store> {
        let before = Preimage::capture(path);
        let result = Self::open_unguarded(path);
        if let (Err(e), Some(pre)) = (&result, before)
            && matches!(
                e,
                StoreError::Corrupt(_) | StoreError::Foreign(_) | StoreError::Newer { .. }
            )
        {
            // sled may already have written its recovery into the files it was refused for.
            pre.restore(path)?;
        }
        result
    }

    fn open_unguarded(path: &Path) -> Result<Store> {
        let existed = path.join("conf").exists() || path.join("db").exists();
        if path.exists() && !path.is_dir() {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
        if !existed {
            create_private_dir(path)?;
        } else {
            if let Some(e) = precheck_lock(path) {
                return Err(e);
            }
            // sled rewrites its snapshot on open, so a newer database is refused before sled
            // sees it, from the version file written beside sled's own.
            if let Some(found) = read_version_file(path)
                && found > SCHEMA
            {
                return Err(StoreError::Newer {
                    found,
                    supported: SCHEMA,
                });
            }
        }
        let cfg = sled::Config::new()
            .path(path)
            .cache_capacity(32 * 1024 * 1024)
            .flush_every_ms(None)
            .mode(sled::Mode::LowSpace);
        let db = contain_panic(|| cfg.open())
            .map_err(StoreError::Corrupt)?
            .map_err(|e| match e {
                sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
                    StoreError::Locked(path.to_path_buf())
                }
                other => other.into(),
            })?;
        let mut trees = Vec::with_capacity(TREE_NAMES.len());
        for name in TREE_NAMES {
            trees.push(db.open_tree(name)?);
        }
        let log = File::options().read(true).open(path.join("db"))?;
        let store = Store {
            db,
            trees,
            log,
            path: path.to_path_buf(),
        };
        match store.trees[META].get(SCHEMA_KEY)? {
            Some(v) => {
                let found = v.first().copied().unwrap_or(0);
                if found > SCHEMA {
                    return Err(StoreError::Newer {
                        found,
                        supported: SCHEMA,
                    });
                }
                if found < SCHEMA {
                    migrate::run(&store, found)?;
                }
            }
            None => {
                if existed && store.trees.iter().skip(1).any(|t| !t.is_empty()) {
                    return Err(StoreError::Foreign(path.to_path_buf()));
                }
                if existed && !store.db.was_recovered() && read_version_file(path).is_some() {
                    // netday wrote here before, yet the log yields nothing: a damaged file.
                    // (Without the version file, creation itself was interrupted: start afresh.)
                    return Err(StoreError::Corrupt("no netday data in the log".into()));
                }
                store.trees[META].insert(SCHEMA_KEY, &[SCHEMA][..])?;
                store.durable()?;
            }
        }
        if read_version_file(path) != Some(SCHEMA) {
            write_version_file(path, SCHEMA)?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of fdatasync calls made by this process's stores (a test seam).
    pub fn sync_count() -> u64 {
        SYNCS.load(Ordering::Relaxed)
    }

    /// Makes everything written so far survive a crash or power loss.
    pub fn durable(&self) -> Result<()> {
        self.db.flush()?;
        self.log.sync_data()?;
        SYNCS.fetch_add(1, Ordering::Relaxed);
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
        let refs: Vec<&Tree> = self.trees.iter().collect();
        Ok(refs
            .as_slice()
            .transaction(|view: &Vec<TransactionalTree>| f(&Tx { t: view }))?)
    }

    fn all<T: serde::de::DeserializeOwned>(&self, tree: usize) -> Result<Vec<T>> {
        let mut out = Vec::with_capacity(self.trees[tree].len());
        for kv in self.trees[tree].iter() {
            let (_, v) = kv?;
            out.push(codec::decode(&v)?);
        }
        Ok(out)
    }

    fn one<T: serde::de::DeserializeOwned>(&self, tree: usize, key: &[u8]) -> Result<Option<T>> {
        match self.trees[tree].get(key)? {
            Some(v) => Ok(Some(codec::decode(&v)?)),
            None => Ok(None),
        }
    }

    /// Records whose ids sit in index `index` under `prefix`.
    fn by_index<T: serde::de::DeserializeOwned>(
        &self,
        index: usize,
        prefix: Id,
        tree: usize,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for kv in self.trees[index].scan_prefix(be(prefix)) {
            let (k, _) = kv?;
            if let Some(id) = second_of_pair(&k)
                && let Some(v) = self.one(tree, &be(id))?
            {
                out.push(v);
            }
        }
        Ok(out)
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
        match self.trees[PEOPLE_BY_CODE].get(code.to_ascii_uppercase().as_bytes())? {
            Some(id) => match id.as_ref().try_into().map(u64::from_be_bytes) {
                Ok(id) => self.person(id),
                Err(_) => Err(StoreError::Corrupt("badge index".into())),
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
        if let Some(v) = self.trees[CACHE].get(ROSTER_KEY)?
            && let Ok(c) = codec::decode_large::<RosterCache>(&v)
            && c.generation == gen_now
        {
            return Ok((c.people, c.orgs));
        }
        let c = RosterCache {
            generation: gen_now,
            people: self.people()?,
            orgs: self.orgs()?,
        };
        if let Ok(bytes) = codec::encode_large(&c) {
            self.trees[CACHE].insert(ROSTER_KEY, bytes)?;
        }
        Ok((c.people, c.orgs))
    }

    /// The saved people search index (opaque bytes), if it was saved at generation `generation`.
    pub fn search_cache(&self, generation: u64) -> Result<Option<Vec<u8>>> {
        Ok(self.trees[CACHE].get(SEARCH_KEY)?.and_then(|v| {
            let (g, body) = v.split_at_checked(8)?;
            let g = u64::from_be_bytes(g.try_into().ok()?);
            (g == generation).then(|| body.to_vec())
        }))
    }

    /// Saves the people search index built at `generation` (a cache: not synced).
    pub fn put_search_cache(&self, generation: u64, bytes: &[u8]) -> Result<()> {
        let mut v = Vec::with_capacity(8 + bytes.len());
        v.extend_from_slice(&be(generation));
        v.extend_from_slice(bytes);
        self.trees[CACHE].insert(SEARCH_KEY, v)?;
        Ok(())
    }

    /// Changes whenever a person or organisation is written (what the caches are checked against).
    pub fn generation(&self) -> Result<u64> {
        Ok(self.trees[META]
            .get(GEN_KEY)?
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
        for kv in self.trees[ATTENDANCE].scan_prefix(be(event)) {
            let (_, v) = kv?;
            out.push(codec::decode(&v)?);
        }
        Ok(out)
    }
    pub fn attendance(&self, event: Id, person: Id) -> Result<Option<Attendance>> {
        self.one(ATTENDANCE, &pair(event, person))
    }
    pub fn attendance_of_person(&self, person: Id) -> Result<Vec<Attendance>> {
        let mut out = Vec::new();
        for kv in self.trees[ATTENDANCE_BY_PERSON].scan_prefix(be(person)) {
            let (k, _) = kv?;
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
        self.trees[PEOPLE].is_empty() && self.trees[EVENTS].is_empty()
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.db.flush();
    }
}

const VERSION_FILE: &str = "NETDAY_SCHEMA";

/// sled writes while it opens (a fresh log head, a snapshot). What it may touch is kept from
/// before opening, so refusing a database leaves its files exactly as they were.
struct Preimage {
    files: Vec<(PathBuf, Vec<u8>)>,
    log_head: Vec<u8>,
    log_len: u64,
}

/// sled's log segments are 512 KiB; opening writes at most into the first two.
const LOG_HEAD: u64 = 1 << 20;

impl Preimage {
    fn capture(dir: &Path) -> Option<Preimage> {
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
            log_head,
            log_len,
        })
    }

    fn restore(&self, dir: &Path) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom, Write};
        for entry in std::fs::read_dir(dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("snap.") && !self.files.iter().any(|(p, _)| *p == entry.path()) {
                std::fs::remove_file(entry.path())?;
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

fn read_version_file(dir: &Path) -> Option<u8> {
    std::fs::read_to_string(dir.join(VERSION_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Records the schema beside sled's files (synced), so a newer database can be refused unopened.
pub(crate) fn write_version_file(dir: &Path, version: u8) -> std::io::Result<()> {
    let tmp = dir.join(format!("{VERSION_FILE}.tmp"));
    let mut f = File::create(&tmp)?;
    std::io::Write::write_all(&mut f, format!("{version}\n").as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&tmp, dir.join(VERSION_FILE))?;
    File::open(dir)?.sync_all()
}

/// Creates the data directory readable by its owner only.
fn create_private_dir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Asks for sled's lock ourselves first, so a locked database is reported before sled touches
/// anything.
fn precheck_lock(path: &Path) -> Option<StoreError> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let f = File::options().read(true).open(path.join("db")).ok()?;
        // SAFETY: flock on a descriptor we own; released when `f` drops at the end of this call.
        let r = unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
        if r != 0 {
            return Some(StoreError::Locked(path.to_path_buf()));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
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
