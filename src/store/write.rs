//! The one way to write: a transaction over every tree, refused before sled commits when the
//! disk has no room, and made durable (flush + fdatasync of sled's log) before it returns. An
//! import's chunks take the bulk path (`bulk.rs`) through the same `Tx`.
//! Touches sled's trees only through `Tx`, `raw_insert` and `durable`.

use std::cell::{Cell, RefCell};

use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::atomic::Ordering;

use sled::transaction::{
    ConflictableTransactionError, TransactionalTree, UnabortableTransactionError,
};
use sled::{IVec, Transactional, Tree};

use super::layout::{
    CHANGES, CHANGES_SEQ_KEY, DESK_ID_KEY, DESK_PREFIX_KEY, DESK_SEQ_KEY, ID_BITS, META,
    TREE_NAMES, be, damaged, from_be, journalled,
};
use super::{Result, Store, StoreError, codec, error};
use crate::model::change::Write;
use crate::model::{Change, ChangeKind, Id, Ts};

/// Why a transaction stopped: a `StoreError` that aborts it (`?` turns one into this), or
/// sled's own signal to run it again. Opaque outside the store.
pub(crate) struct TxError(ConflictableTransactionError<StoreError>);

pub(crate) type TxResult<T> = std::result::Result<T, TxError>;

impl From<StoreError> for TxError {
    fn from(e: StoreError) -> Self {
        TxError(ConflictableTransactionError::Abort(e))
    }
}

impl From<sled::Error> for TxError {
    fn from(e: sled::Error) -> Self {
        TxError(ConflictableTransactionError::Storage(e))
    }
}

impl TxError {
    /// The error a write outside a sled transaction (the bulk path) stopped with.
    pub(super) fn into_store(self, dir: &Path) -> StoreError {
        match self.0 {
            ConflictableTransactionError::Abort(e) => e,
            ConflictableTransactionError::Storage(e) => StoreError::sled(dir, e),
            // Only a sled transaction is run again; the bulk path runs `f` once, alone.
            _ => StoreError::Invalid("unexpected retry outside a transaction".into()),
        }
    }
}

impl From<UnabortableTransactionError> for TxError {
    fn from(e: UnabortableTransactionError) -> Self {
        TxError(e.into())
    }
}

/// Where a write in progress reads and writes: one sled transaction over every tree, or (an
/// import's bulk path, `bulk.rs`) the writes pending over the trees, applied as batches.
pub(super) enum View<'a> {
    Sled(&'a [TransactionalTree]),
    Bulk(&'a super::bulk::Overlay<'a>),
}

impl View<'_> {
    fn get(&self, tree: usize, key: &[u8]) -> TxResult<Option<IVec>> {
        match self {
            View::Sled(t) => Ok(t[tree].get(key)?),
            View::Bulk(o) => o.get(tree, key),
        }
    }

    fn insert(&self, tree: usize, key: &[u8], value: IVec) -> TxResult<()> {
        match self {
            View::Sled(t) => {
                t[tree].insert(key, value)?;
            }
            View::Bulk(o) => o.put(tree, key, Some(value)),
        }
        Ok(())
    }

    fn remove(&self, tree: usize, key: &[u8]) -> TxResult<()> {
        match self {
            View::Sled(t) => {
                t[tree].remove(key)?;
            }
            View::Bulk(o) => o.put(tree, key, None),
        }
        Ok(())
    }
}

/// A write in progress: every tree, seen through one sled transaction (or the bulk path's
/// overlay).
pub(crate) struct Tx<'a> {
    t: View<'a>,
    /// Bytes of records this transaction writes, so the room for them is checked before sled
    /// commits.
    bytes: Cell<u64>,
    /// How many times 16 draws of a badge code at one length failed before the last code was
    /// found (`fresh_code`): the next draws start there, so a crowded length is not tried 16
    /// times again for every person of a large import.
    pub(super) code_step: Cell<usize>,
    /// What this transaction wrote, key by key, for its journal entry.
    log: RefCell<Vec<(usize, Write)>>,
    /// Where each (tree, key) already written stands in `log`: a large import writes thousands
    /// of keys in one transaction, and looking each up along the log took 42 % of its time.
    logged: RefCell<Vec<FxHashMap<Vec<u8>, usize>>>,
    /// What the change is (`is`), and the import it belongs to.
    kind: RefCell<ChangeKind>,
    group: Cell<Option<u64>>,
    /// Off for a restore, which fills a new database: its history starts after it.
    recording: Cell<bool>,
    /// Set when this transaction applies another desk's entry (`sync.rs`): the journal entry
    /// then carries that desk's id, count, time and kind, with this desk's own writes.
    pub(super) origin: RefCell<Option<crate::model::sync::WireEntry>>,
    /// Set when a consent "no" emptied a phone or e-mail kept until now (`consent.rs`): the
    /// store scrubs the earlier copies after the write (`Store::scrub_withdrawn`).
    pub(super) withdrew: Cell<bool>,
}

impl<'a> Tx<'a> {
    pub(super) fn over(t: View<'a>) -> Tx<'a> {
        Tx {
            t,
            bytes: Cell::new(0),
            code_step: Cell::new(0),
            log: RefCell::new(Vec::new()),
            logged: RefCell::new(Vec::new()),
            kind: RefCell::new(ChangeKind::Other),
            group: Cell::new(None),
            recording: Cell::new(true),
            origin: RefCell::new(None),
            withdrew: Cell::new(false),
        }
    }

    /// Says that `key` is not in `tree` because it is made from an id this change gave, so the
    /// bulk path notes its write without reading the tree for it (a sled transaction reads).
    pub(super) fn absent(&self, tree: usize, key: &[u8]) {
        if let View::Bulk(o) = &self.t {
            o.absent(tree, key);
        }
    }

    /// Bytes of records this transaction writes.
    pub(super) fn bytes(&self) -> u64 {
        self.bytes.get()
    }
}

impl Tx<'_> {
    /// Says what this change is, for its journal entry.
    pub(crate) fn is(&self, kind: ChangeKind) {
        *self.kind.borrow_mut() = kind;
    }

    /// Says what this change is unless the caller already said (a walk-in, a merge and an
    /// import are made of the writes of smaller changes).
    pub(crate) fn is_default(&self, kind: ChangeKind) {
        let mut k = self.kind.borrow_mut();
        if *k == ChangeKind::Other {
            *k = kind;
        }
    }

    /// Keeps this transaction's writes off the journal (a restore filling a new database).
    pub(super) fn off_record(&self) {
        self.recording.set(false);
    }

    /// Makes this change a chunk of the import of `file`, in the group its chunks share.
    pub(crate) fn chunk_of_import(&self, file: &str, group: u64) {
        self.is(ChangeKind::Import {
            file: file.to_string(),
        });
        self.group.set(Some(group));
    }

    /// Notes that `key` of `tree` goes from what it holds to `after`, for the journal.
    fn note(&self, tree: usize, key: &[u8], after: Option<&[u8]>) -> TxResult<()> {
        if !journalled(tree) || !self.recording.get() {
            return Ok(());
        }
        let mut log = self.log.borrow_mut();
        let mut logged = self.logged.borrow_mut();
        if logged.len() <= tree {
            logged.resize_with(tree + 1, FxHashMap::default);
        }
        if let Some(&at) = logged[tree].get(key) {
            // Written twice in one change: the first before, the last after.
            log[at].1.after = after.map(<[u8]>::to_vec);
            return Ok(());
        }
        let before = self.t.get(tree, key)?.map(|v| v.to_vec());
        logged[tree].insert(key.to_vec(), log.len());
        log.push((
            tree,
            Write {
                tree: TREE_NAMES[tree].to_string(),
                key: key.to_vec(),
                before,
                after: after.map(<[u8]>::to_vec),
            },
        ));
        Ok(())
    }

    /// Writes `key` back to `value` (`None`: removes it), as an undo does, on record like
    /// any write.
    pub(super) fn restore(&self, tree: usize, key: &[u8], value: Option<&[u8]>) -> TxResult<()> {
        match value {
            Some(v) => {
                self.note(tree, key, Some(v))?;
                self.bytes
                    .set(self.bytes.get() + (key.len() + v.len()) as u64);
                self.t.insert(tree, key, v.into())?;
            }
            None => {
                self.note(tree, key, None)?;
                self.t.remove(tree, key)?;
            }
        }
        Ok(())
    }

    /// Appends the journal entry of what this transaction wrote (nothing when it wrote only
    /// counters, drafts or nothing), in the same transaction; another desk's entry is always
    /// recorded, so that it is known to be held.
    pub(super) fn record(&self, desk: &str) -> TxResult<()> {
        let writes: Vec<Write> = self.log.take().into_iter().map(|(_, w)| w).collect();
        let origin = self.origin.take();
        if writes.is_empty() && origin.is_none() {
            return Ok(());
        }
        let desk_id = self.own_desk_id()?;
        let last = self
            .counter(CHANGES_SEQ_KEY)?
            .ok_or_else(|| StoreError::DamagedRecord(damaged(META, CHANGES_SEQ_KEY)))?;
        // This desk's own count: the journal's order until another desk's entry came in.
        let own = match self.raw(META, DESK_SEQ_KEY)? {
            Some(v) => {
                from_be(&v).ok_or_else(|| StoreError::DamagedRecord(damaged(META, DESK_SEQ_KEY)))?
            }
            None => last,
        };
        let order = last + 1;
        self.put_raw(META, CHANGES_SEQ_KEY, &be(order))?;
        let change = match &origin {
            Some(o) => {
                self.put_raw(META, DESK_SEQ_KEY, &be(own))?;
                Change {
                    order,
                    desk_id: o.change.desk_id,
                    seq: o.change.seq,
                    at: o.change.at,
                    desk: o.change.desk.clone(),
                    kind: o.change.kind.clone(),
                    group: None,
                    writes,
                }
            }
            None => {
                self.put_raw(META, DESK_SEQ_KEY, &be(own + 1))?;
                Change {
                    order,
                    desk_id,
                    seq: own + 1,
                    at: Ts::now(),
                    desk: desk.to_string(),
                    kind: self.kind.borrow().clone(),
                    group: self.group.get(),
                    writes,
                }
            }
        };
        let mut change = change;
        if super::shred::is_shred(&change) {
            // A shred's entry holds nothing it shredded: no record's value before it.
            for w in &mut change.writes {
                w.before = None;
            }
        }
        self.sync_upkeep(&change, origin)?;
        let bytes = codec::encode(&change)?;
        self.bytes.set(self.bytes.get() + (8 + bytes.len()) as u64);
        self.t.insert(CHANGES, &be(order), bytes.into())?;
        Ok(())
    }

    /// This database's desk id, drawn (8 random bytes) the first time it is needed.
    pub(super) fn own_desk_id(&self) -> TxResult<u64> {
        if let Some(id) = self.raw(META, DESK_ID_KEY)?.as_deref().and_then(from_be) {
            return Ok(id);
        }
        let id = getrandom::u64().map_err(|e| {
            StoreError::Invalid(format!(
                "운영체제에서 난수를 얻지 못했습니다 ({e}) / the system gave no random number ({e})"
            ))
        })?;
        self.put_raw(META, DESK_ID_KEY, &be(id))?;
        Ok(id)
    }

    /// The record under `key`; a damaged one aborts the write.
    pub(super) fn get<T: serde::de::DeserializeOwned>(
        &self,
        tree: usize,
        key: &[u8],
    ) -> TxResult<Option<T>> {
        match self.t.get(tree, key)? {
            Some(v) => {
                Ok(Some(codec::decode(&v).map_err(|_| {
                    StoreError::DamagedRecord(damaged(tree, key))
                })?))
            }
            None => Ok(None),
        }
    }

    /// Writes a record, counting its bytes for the room check.
    pub(super) fn put<T: serde::Serialize>(
        &self,
        tree: usize,
        key: &[u8],
        value: &T,
    ) -> TxResult<()> {
        let bytes = codec::encode(value)?;
        self.bytes
            .set(self.bytes.get() + (key.len() + bytes.len()) as u64);
        self.note(tree, key, Some(&bytes))?;
        self.t.insert(tree, key, bytes.into())?;
        Ok(())
    }

    /// The bytes under `key` of an index or of `meta`, undecoded.
    pub(super) fn raw(&self, tree: usize, key: &[u8]) -> TxResult<Option<IVec>> {
        self.t.get(tree, key)
    }

    /// Writes an index entry or a counter (a few bytes, left out of the room count).
    pub(super) fn put_raw(&self, tree: usize, key: &[u8], value: &[u8]) -> TxResult<()> {
        self.note(tree, key, Some(value))?;
        self.t.insert(tree, key, value.into())?;
        Ok(())
    }

    /// An index entry whose key says it all.
    pub(super) fn mark(&self, tree: usize, key: &[u8]) -> TxResult<()> {
        self.put_raw(tree, key, &[])
    }

    pub(super) fn del(&self, tree: usize, key: &[u8]) -> TxResult<()> {
        if self.t.get(tree, key)?.is_some() {
            self.note(tree, key, None)?;
        }
        self.t.remove(tree, key)?;
        Ok(())
    }

    /// A counter in `meta`: 0 when absent, `None` when it cannot be read.
    pub(super) fn counter(&self, key: &[u8]) -> TxResult<Option<u64>> {
        Ok(match self.raw(META, key)? {
            Some(v) => from_be(&v),
            None => Some(0),
        })
    }

    /// Gives a new record (id 0) of `noun` the next id: this desk's prefix over a counter in
    /// `meta`, bumped in the same transaction as the record. Prefix 0 (every database before
    /// desks synced, and the first desk of a set) gives the ids it always gave.
    pub(super) fn assign_id(&self, noun: usize, id: &mut Id) -> TxResult<()> {
        if *id != 0 {
            return Ok(());
        }
        let key = format!("seq:{}", TREE_NAMES[noun]);
        // Never guess a counter: a reused id would overwrite someone.
        let cur = self
            .counter(key.as_bytes())?
            .ok_or_else(|| StoreError::DamagedRecord(damaged(META, key.as_bytes())))?;
        let prefix = self
            .counter(DESK_PREFIX_KEY)?
            .ok_or_else(|| StoreError::DamagedRecord(damaged(META, DESK_PREFIX_KEY)))?;
        let low = (1u64 << ID_BITS) - 1;
        let mut next = (cur & low) + 1;
        // A counter restored from a backup that holds other desks' ids may point below ids
        // already given: step over every id taken.
        while self.t.get(noun, &be(prefix << ID_BITS | next))?.is_some() {
            next += 1;
        }
        *id = prefix << ID_BITS | next;
        self.put_raw(META, key.as_bytes(), &be(next))
    }
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
    #[cfg(windows)]
    {
        use std::os::windows::ffi::OsStrExt;
        let wide: Vec<u16> = dir.as_os_str().encode_wide().chain([0]).collect();
        let mut free = 0u64;
        // SAFETY: `wide` is a NUL-terminated path; the call writes only the one counter asked
        // for (the bytes free to this user, quotas counted), and the others are null.
        let ok = unsafe {
            windows_sys::Win32::Storage::FileSystem::GetDiskFreeSpaceExW(
                wide.as_ptr(),
                &mut free,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        (ok != 0).then_some(free)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = dir;
        None
    }
}

impl Store {
    /// Notes an I/O failure in a write so that the next access starts from the disk again.
    pub(super) fn note_failure<T>(&self, r: Result<T>) -> Result<T> {
        if let Err(StoreError::DiskFull { .. } | StoreError::Io { .. } | StoreError::Corrupt(_)) =
            &r
        {
            self.failed.store(true, Ordering::Release);
        }
        r
    }

    pub(super) fn raw_insert(&self, tree: usize, key: &[u8], value: impl Into<IVec>) -> Result<()> {
        let value = value.into();
        self.writable()?;
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
    pub(super) fn ensure_room(&self, bytes: u64) -> Result<()> {
        match free_space(&self.path) {
            Some(free) if free < bytes.saturating_mul(2).saturating_add(ROOM_MARGIN) => {
                Err(StoreError::DiskFull {
                    path: self.path.clone(),
                })
            }
            _ => Ok(()),
        }
    }

    /// Number of fdatasync calls of sled's log this store has made and seen succeed (a test
    /// seam).
    pub fn sync_count(&self) -> u64 {
        self.syncs.load(Ordering::Relaxed)
    }

    /// Makes everything written so far survive a crash or power loss.
    pub fn durable(&self) -> Result<()> {
        self.writable()?;
        let live = self.live()?;
        let r = live.db.flush().map_err(|e| self.sled_err(e)).and_then(|_| {
            live.log
                .sync(&self.syncs)
                .map_err(|e| StoreError::io(&self.path.join("db"), e))
        });
        drop(live);
        self.note_failure(r)?;
        Ok(())
    }

    /// Saves one record with `put` in one durable transaction, then writes back what the
    /// transaction made of it (a new id, a badge code).
    pub(super) fn save<T: Clone>(
        &self,
        record: &mut T,
        put: impl Fn(&Tx, &mut T) -> TxResult<()>,
    ) -> Result<()> {
        *record = self.write(|tx| {
            let mut r = record.clone();
            put(tx, &mut r)?;
            Ok(r)
        })?;
        Ok(())
    }

    /// Runs `f` in one transaction over every tree; durable when it returns Ok.
    pub(crate) fn write<T>(&self, f: impl Fn(&Tx) -> TxResult<T>) -> Result<T> {
        let v = self.write_unsynced(f)?;
        self.durable()?;
        self.scrub_withdrawn()?;
        Ok(v)
    }

    /// Like `write` but without the sync: bulk loads call `durable` once at the end.
    pub(crate) fn write_unsynced<T>(&self, f: impl Fn(&Tx) -> TxResult<T>) -> Result<T> {
        self.writable()?;
        // Read before the transaction: sled blocks a read of its trees inside one.
        let desk = self.desk_name();
        let _one = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let live = self.live()?;
        let refs: Vec<&Tree> = live.trees.iter().collect();
        let r = refs
            .as_slice()
            .transaction(|view: &Vec<TransactionalTree>| {
                let tx = Tx::over(View::Sled(view));
                let v = f(&tx).map_err(|e| e.0)?;
                tx.record(&desk).map_err(|e| e.0)?;
                self.ensure_room(tx.bytes.get())
                    .map_err(ConflictableTransactionError::Abort)?;
                if tx.withdrew.get() {
                    self.withdrew.store(true, Ordering::Relaxed);
                }
                Ok(v)
            })
            .map_err(|e| error::from_tx(&self.path, e));
        drop(refs);
        drop(live);
        self.note_failure(r)
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
}

#[cfg(test)]
mod tests {
    /// The room check before a write needs the free space, on Windows too (issue 22: it was
    /// statvfs only, so Windows wrote unchecked).
    #[test]
    fn the_free_space_of_a_folder_is_known() {
        let dir = tempfile::tempdir().expect("tempdir");
        let free = super::free_space(dir.path());
        assert!(free.is_some_and(|f| f > 0), "{free:?}");
    }
}
