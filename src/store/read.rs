//! Reading records: one, all, or by an index, each decoded under the codec's limit; a damaged
//! record is skipped and named in the store's damage list. Never writes.

use std::sync::atomic::Ordering;

use sled::Tree;

use super::layout::{EVENTS, PEOPLE, be, damaged, second_of_pair};
use super::{DamagedRecord, Result, Store, StoreError, codec, damage_warning};
use crate::model::Id;

impl Store {
    pub(super) fn tree(&self, tree: usize) -> Result<Tree> {
        Ok(self.live()?.trees[tree].clone())
    }

    pub(super) fn sled_err(&self, e: sled::Error) -> StoreError {
        StoreError::sled(&self.path, e)
    }

    pub(super) fn raw_get(&self, tree: usize, key: &[u8]) -> Result<Option<sled::IVec>> {
        self.tree(tree)?.get(key).map_err(|e| self.sled_err(e))
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

    pub(super) fn note_damage(&self, tree: usize, key: &[u8]) {
        self.damaged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(damaged(tree, key));
    }

    /// Decodes a stored record; a damaged one is noted and skipped.
    pub(super) fn decoded<T: serde::de::DeserializeOwned>(
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

    /// Every readable record of `tree` whose key starts with `prefix`.
    pub(super) fn scan<T: serde::de::DeserializeOwned>(
        &self,
        tree: usize,
        prefix: &[u8],
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for kv in self.tree(tree)?.scan_prefix(prefix) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            out.extend(self.decoded(tree, &k, &v));
        }
        Ok(out)
    }

    pub(super) fn all<T: serde::de::DeserializeOwned>(&self, tree: usize) -> Result<Vec<T>> {
        self.scan(tree, &[])
    }

    pub(super) fn one<T: serde::de::DeserializeOwned>(
        &self,
        tree: usize,
        key: &[u8],
    ) -> Result<Option<T>> {
        Ok(self
            .raw_get(tree, key)?
            .and_then(|v| self.decoded(tree, key, &v)))
    }

    /// Records of `tree` named by index `index`: each index key under `prefix` ends with an
    /// id, and `key` makes the record's key of it.
    pub(super) fn by_index<T: serde::de::DeserializeOwned, K: AsRef<[u8]>>(
        &self,
        index: usize,
        prefix: Id,
        tree: usize,
        key: impl Fn(Id) -> K,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        for kv in self.tree(index)?.scan_prefix(be(prefix)) {
            let (k, _) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(id) = second_of_pair(&k)
                && let Some(v) = self.one(tree, key(id).as_ref())?
            {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// Whether the database holds no people and no events.
    pub fn is_empty(&self) -> bool {
        match self.live() {
            Ok(live) => live.trees[PEOPLE].is_empty() && live.trees[EVENTS].is_empty(),
            Err(_) => false,
        }
    }
}
