//! The bulk path of an import: a chunk's writes are gathered in an `Overlay` over the trees
//! (read through it, written into it) instead of a sled transaction, then applied as one batch
//! per tree. A sled transaction re-reads and copies every key it touches; at 100,000 people
//! that was most of an import's time.
//!
//! A chunk stays all-or-nothing: before any batch, one transaction writes the chunk's journal
//! entry (which holds every record and index write with its value after), its counters and a
//! marker naming the entry; then the batches; then the marker is removed. sled recovers a
//! prefix of what was written, so after a kill the marker is either absent (and the chunk
//! wholly there or wholly absent) or present — and then `settle_imports`, on the next open (and
//! before the next bulk write), writes the entry's values again: whatever batches were lost
//! are redone. Nothing of this syncs: the import syncs once, at its end, before it says it is
//! done.
//!
//! Only one writer at a time: every write of this store takes `Store::writer` (a bulk chunk
//! reads keys it has not written straight from the trees, and knows a key above each tree's
//! last one is absent without reading it).

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use sled::{Batch, IVec, Transactional, Tree};

use super::layout::{
    CHANGES, META, PEOPLE, PEOPLE_BY_CODE, PEOPLE_BY_ORG, TREE_NAMES, be, from_be, journalled, pair,
};
use super::write::{Tx, TxResult, View};
use super::{Result, Store, StoreError, codec};
use crate::model::{Change, Person};

/// `meta`: the journal entries (8-byte orders, one after another) of a bulk chunk whose
/// batches may not all be written yet.
pub(super) const BULK_KEY: &[u8] = b"bulk:pending";

/// One tree's keys a chunk read or wrote: what each holds now (`None`: absent), and whether
/// it was written.
type Seen = FxHashMap<Vec<u8>, (Option<IVec>, bool)>;

/// What a bulk chunk has read and written, tree by tree, over the trees as they were.
pub(super) struct Overlay<'a> {
    trees: &'a [Tree],
    /// Every key read or written, tree by tree.
    keys: RefCell<Vec<Seen>>,
    /// Each tree's greatest key when the chunk began: nothing above it exists.
    last: Vec<Option<IVec>>,
}

impl<'a> Overlay<'a> {
    fn new(trees: &'a [Tree]) -> std::result::Result<Self, sled::Error> {
        let mut last = Vec::with_capacity(trees.len());
        for t in trees {
            last.push(t.last()?.map(|(k, _)| k));
        }
        Ok(Overlay {
            trees,
            keys: RefCell::new(vec![FxHashMap::default(); trees.len()]),
            last,
        })
    }

    pub(super) fn get(&self, tree: usize, key: &[u8]) -> TxResult<Option<IVec>> {
        if let Some((v, _)) = self.keys.borrow()[tree].get(key) {
            return Ok(v.clone());
        }
        let beyond = self.last[tree].as_deref().is_none_or(|l| key > l);
        let v = if beyond {
            None
        } else {
            self.trees[tree].get(key)?
        };
        self.keys.borrow_mut()[tree].insert(key.to_vec(), (v.clone(), false));
        Ok(v)
    }

    pub(super) fn absent(&self, tree: usize, key: &[u8]) {
        self.keys.borrow_mut()[tree]
            .entry(key.to_vec())
            .or_insert((None, false));
    }

    pub(super) fn put(&self, tree: usize, key: &[u8], value: Option<IVec>) {
        self.keys.borrow_mut()[tree].insert(key.to_vec(), (value, true));
    }

    /// What was written, tree by tree.
    fn written(self) -> Vec<Vec<(Vec<u8>, Option<IVec>)>> {
        self.keys
            .into_inner()
            .into_iter()
            .map(|m| {
                m.into_iter()
                    .filter(|(_, (_, w))| *w)
                    .map(|(k, (v, _))| (k, v))
                    .collect()
            })
            .collect()
    }
}

fn batch_of(writes: &[(Vec<u8>, Option<IVec>)]) -> Batch {
    let mut b = Batch::default();
    for (k, v) in writes {
        match v {
            Some(v) => b.insert(&k[..], v.clone()),
            None => b.remove(&k[..]),
        }
    }
    b
}

impl Store {
    /// Runs `f` as one change on the bulk path (see the module): all of it or none of it
    /// survives a kill, and nothing is synced. `f` runs once.
    pub(crate) fn write_bulk<T>(&self, f: impl FnOnce(&Tx) -> TxResult<T>) -> Result<T> {
        self.writable()?;
        let desk = self.desk_name();
        let _one = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        self.finish_bulk_locked()?;
        let live = self.live()?;
        let overlay = Overlay::new(&live.trees).map_err(|e| self.sled_err(e))?;
        let tx = Tx::over(View::Bulk(&overlay));
        let v = f(&tx).map_err(|e| e.into_store(&self.path))?;
        tx.record(&desk).map_err(|e| e.into_store(&self.path))?;
        self.ensure_room(tx.bytes())?;
        if tx.withdrew.get() {
            self.withdrew
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        drop(tx);
        let written = overlay.written();
        let entries: Vec<u8> = written[CHANGES]
            .iter()
            .flat_map(|(k, _)| k.iter().copied())
            .collect();
        let r = self.apply_bulk(&live.trees, &written, &entries);
        drop(live);
        self.note_failure(r)?;
        Ok(v)
    }

    fn apply_bulk(
        &self,
        trees: &[Tree],
        written: &[Vec<(Vec<u8>, Option<IVec>)>],
        entries: &[u8],
    ) -> Result<()> {
        // The journal entry, the counters and the marker first, together.
        let refs: Vec<&Tree> = trees.iter().collect();
        refs.as_slice()
            .transaction(|view| {
                for (tree, writes) in written.iter().enumerate() {
                    if journalled(tree) {
                        continue;
                    }
                    for (k, v) in writes {
                        match v {
                            Some(v) => view[tree].insert(&k[..], v.clone())?,
                            None => view[tree].remove(&k[..])?,
                        };
                    }
                }
                if !entries.is_empty() {
                    view[META].insert(BULK_KEY, entries)?;
                }
                Ok::<_, sled::transaction::ConflictableTransactionError<StoreError>>(())
            })
            .map_err(|e| super::error::from_tx(&self.path, e))?;
        for (tree, writes) in written.iter().enumerate() {
            if journalled(tree) && !writes.is_empty() {
                trees[tree]
                    .apply_batch(batch_of(writes))
                    .map_err(|e| self.sled_err(e))?;
            }
        }
        if !entries.is_empty() {
            trees[META].remove(BULK_KEY).map_err(|e| self.sled_err(e))?;
        }
        Ok(())
    }

    /// What opening does (also a copy opened to read) before anything reads the database: a
    /// chunk a kill cut short is finished and, after an import that did not finish, the
    /// people's indexes are checked against the people.
    pub(super) fn settle_imports(&self) -> Result<()> {
        {
            let _one = self.writer.lock().unwrap_or_else(|e| e.into_inner());
            self.finish_bulk_locked()?;
        }
        if !self.pending_imports()?.is_empty() {
            self.repair_people_indexes()?;
        }
        Ok(())
    }

    /// Finishes a bulk chunk a kill cut short: writes every value its journal entries say it
    /// left, then forgets it, durably. True when there was one. The caller holds `writer`.
    fn finish_bulk_locked(&self) -> Result<bool> {
        let Some(entries) = self.raw_get(META, BULK_KEY)? else {
            return Ok(false);
        };
        let live = self.live()?;
        let mut batches: Vec<Batch> = vec![Batch::default(); TREE_NAMES.len()];
        let mut any = vec![false; TREE_NAMES.len()];
        for order in entries.chunks(8) {
            let bytes = live.trees[CHANGES]
                .get(order)
                .map_err(|e| self.sled_err(e))?
                .ok_or_else(|| StoreError::DamagedRecord(super::layout::damaged(CHANGES, order)))?;
            let change: Change = codec::decode(&bytes)
                .map_err(|_| StoreError::DamagedRecord(super::layout::damaged(CHANGES, order)))?;
            for w in change.writes {
                let Some(tree) = TREE_NAMES.iter().position(|n| *n == w.tree) else {
                    return Err(StoreError::DamagedRecord(super::layout::damaged(
                        CHANGES, order,
                    )));
                };
                match w.after {
                    Some(v) => batches[tree].insert(w.key, v),
                    None => batches[tree].remove(w.key),
                }
                any[tree] = true;
            }
        }
        for (tree, batch) in batches.into_iter().enumerate() {
            if any[tree] {
                live.trees[tree]
                    .apply_batch(batch)
                    .map_err(|e| self.sled_err(e))?;
            }
        }
        live.trees[META]
            .remove(BULK_KEY)
            .map_err(|e| self.sled_err(e))?;
        drop(live);
        self.settled_on_open()?;
        Ok(true)
    }

    /// Makes what opening put right durable; a copy opened to read (`read_only.rs`) is put
    /// right in place and never synced.
    fn settled_on_open(&self) -> Result<()> {
        self.repaired
            .store(true, std::sync::atomic::Ordering::Relaxed);
        if self.copy.is_none() {
            self.durable()?;
        }
        Ok(())
    }

    /// After an import that did not finish: checks the people's two indexes against the
    /// people and puts right what disagrees — an entry missing is written, one naming nobody
    /// (or someone of another organisation) removed. A code two people hold (two desks drew
    /// it) is left as it is. Returns how many entries changed.
    pub(super) fn repair_people_indexes(&self) -> Result<usize> {
        let _one = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let live = self.live()?;
        let err = |e| self.sled_err(e);
        let mut orgs: rustc_hash::FxHashSet<[u8; 16]> = Default::default();
        let mut codes: FxHashMap<String, (crate::model::Ts, u64)> = FxHashMap::default();
        let mut ids: rustc_hash::FxHashSet<u64> = Default::default();
        for kv in live.trees[PEOPLE].iter() {
            let (_, v) = kv.map_err(err)?;
            // With a record that cannot be read, which entries are its own is unknown: nothing
            // is repaired (the record is named where it is read).
            let Ok(p) = codec::decode::<Person>(&v) else {
                return Ok(0);
            };
            ids.insert(p.id);
            if let Some(o) = p.org_id {
                orgs.insert(pair(o, p.id));
            }
            for c in p.codes() {
                let first = codes.entry(c.to_string()).or_insert((p.created, p.id));
                *first = (*first).min((p.created, p.id));
            }
        }
        let (mut by_org, mut by_code) = (Batch::default(), Batch::default());
        let mut changed = 0;
        for kv in live.trees[PEOPLE_BY_ORG].iter() {
            let (k, _) = kv.map_err(err)?;
            if !<[u8; 16]>::try_from(&k[..]).is_ok_and(|k| orgs.remove(&k)) {
                by_org.remove(k);
                changed += 1;
            }
        }
        for k in orgs {
            by_org.insert(&k[..], &[][..]);
            changed += 1;
        }
        for kv in live.trees[PEOPLE_BY_CODE].iter() {
            let (k, v) = kv.map_err(err)?;
            let named = from_be(&v).is_some_and(|id| ids.contains(&id));
            let code = String::from_utf8_lossy(&k).to_string();
            if named {
                codes.remove(&code);
            } else {
                by_code.remove(k);
                changed += 1;
            }
        }
        for (code, (_, id)) in codes {
            by_code.insert(code.as_bytes(), &be(id)[..]);
            changed += 1;
        }
        if changed > 0 {
            live.trees[PEOPLE_BY_ORG].apply_batch(by_org).map_err(err)?;
            live.trees[PEOPLE_BY_CODE]
                .apply_batch(by_code)
                .map_err(err)?;
            drop(live);
            self.settled_on_open()?;
        }
        Ok(changed)
    }

    /// Whether opening this database finished an import's chunk a kill had cut short, or
    /// repaired the people's indexes after an unfinished import (a test seam).
    #[doc(hidden)]
    pub fn repaired_on_open(&self) -> bool {
        self.repaired.load(std::sync::atomic::Ordering::Relaxed)
    }
}
