//! Derived data kept to start fast: the roster (everyone and every organisation in one value)
//! and the saved search index, valid only for the generation they were built at. Never the
//! only copy of anything: not synced, and rebuilt when missing, stale or unreadable.
//! Touches the `cache` tree and the generation counter in `meta`.

use super::layout::{
    CACHE, GEN_KEY, META, ORGS, PEOPLE, ROSTER_KEY, SEARCH_KEY, TREE_NAMES, be, from_be,
};
use super::write::{Tx, TxResult};
use super::{Result, Store, StoreError, codec};
use crate::model::{Organization, Person};

impl Tx<'_> {
    /// Marks the roster cache stale (called by every person / organisation write).
    pub(super) fn bump_gen(&self) -> TxResult<()> {
        let cur = self.counter(GEN_KEY)?.unwrap_or_default();
        self.put_raw(META, GEN_KEY, &be(cur.wrapping_add(1)))
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

impl Store {
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
            let g = from_be(g)?;
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
            .and_then(|v| from_be(&v))
            .unwrap_or(0))
    }
}
