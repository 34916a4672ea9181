//! Shredding personal data (`model::privacy`): the retention rule, the shred itself, and the
//! scrub that follows it through every copy the database keeps.
//!
//! A shred is one journalled transaction (`ChangeKind::Shred`) that writes each person as the
//! shred leaves them; its entry carries no before-values (`write.rs` leaves them out), so it
//! holds nothing that was shredded. The same transaction names the people in a marker
//! (`privacy:shred`, in `meta`). Then, outside it, every copy of their values the database keeps
//! is rewritten: each earlier journal entry's before and after (`changes`), each other desk's
//! entry as it came (`sync_log`), the fields' history kept for syncing (`sync_fields`), and the
//! cache files are deleted. sled still holds the old values in its log until the database is
//! rewritten (`Store::compact`); the marker stays until then, and `shred_unfinished` tells the
//! caller to compact. A kill at any point leaves the marker: opening scrubs again (it is
//! idempotent) and the caller compacts.
//!
//! Touches the people tree (through `Tx::put_person`), `changes`, `sync_log`, `sync_fields`,
//! `meta`'s `privacy:` keys and the cache files.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::layout::{
    CHANGES, CONSENT, META, PEOPLE, SYNC_FIELDS, SYNC_LOG, TREE_NAMES, be, from_be,
};
use super::write::{Tx, TxResult};
use super::{Result, Store, codec};
use crate::model::privacy::{self, ShredScope};
use crate::model::{Change, ChangeKind, Id, Person};

/// `meta`: the people shredded whose copies are not all gone yet (`Pending`).
const PENDING_KEY: &[u8] = b"privacy:shred";
/// `meta`: the retention rule in months (absent: `privacy::DEFAULT_RETENTION_MONTHS`).
const RETENTION_KEY: &[u8] = b"privacy:retention_months";

/// People shredded (id → whole) whose copies are still being removed.
#[derive(Serialize, Deserialize, Default, Debug, Clone, PartialEq)]
struct Pending {
    people: BTreeMap<Id, bool>,
    /// The journal and the caches are scrubbed; only the rewrite of the files is left.
    scrubbed: bool,
}

/// What a shred did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Shredded {
    /// People written as the shred leaves them (those asked for and the people merged into
    /// them).
    pub people: usize,
    /// Earlier journal entries (this desk's and the other desks') rewritten without the values.
    pub entries: usize,
}

impl Tx<'_> {
    /// Adds `people` to the shred marker (this shred's, or another desk's applied here).
    pub(super) fn mark_shredded(&self, people: &[Id], whole: bool) -> TxResult<()> {
        let mut p: Pending = match self.raw(META, PENDING_KEY)? {
            Some(v) => codec::decode(&v).unwrap_or_default(),
            None => Pending::default(),
        };
        for id in people {
            *p.people.entry(*id).or_insert(whole) |= whole;
        }
        p.scrubbed = false;
        self.put_raw(META, PENDING_KEY, &codec::encode(&p)?)
    }
}

impl Store {
    /// The retention rule: months after the last networking day a person attended.
    pub fn retention_months(&self) -> Result<u32> {
        Ok(self
            .raw_get(META, RETENTION_KEY)?
            .as_deref()
            .and_then(from_be)
            .map_or(privacy::DEFAULT_RETENTION_MONTHS, |m| {
                m.min(u64::from(privacy::MAX_RETENTION_MONTHS)) as u32
            }))
    }

    pub fn set_retention_months(&self, months: u32) -> Result<()> {
        let months = months.min(privacy::MAX_RETENTION_MONTHS);
        self.raw_insert(META, RETENTION_KEY, &be(u64::from(months))[..])?;
        self.durable()
    }

    /// Shreds `ids` with `scope` — and everyone merged into them, who is the same person — in
    /// one durable, journalled step, then removes the values from every copy the database
    /// keeps (see the module doc). The caller then rewrites the files (`compact`) while
    /// `shred_unfinished` says so.
    pub fn shred(&self, ids: &[Id], scope: ShredScope) -> Result<Shredded> {
        let whole = scope == ShredScope::Whole;
        let mut all: BTreeSet<Id> = ids.iter().copied().collect();
        let merged = self.merged_into()?;
        loop {
            let before = all.len();
            for (dup, keep) in &merged {
                if all.contains(keep) {
                    all.insert(*dup);
                }
            }
            if all.len() == before {
                break;
            }
        }
        let all: Vec<Id> = all.into_iter().collect();
        let asked = ids.len() as u32;
        let people = self.write(|tx| {
            tx.is(ChangeKind::Shred {
                people: asked,
                whole,
            });
            let mut n = 0;
            for id in &all {
                let Some(mut p) = tx.get::<Person>(PEOPLE, &be(*id))? else {
                    continue;
                };
                privacy::scrub(&mut p, scope);
                tx.put_person(&mut p)?;
                if whole {
                    // An anonymous record answered nothing.
                    tx.clear_consent(*id)?;
                }
                n += 1;
            }
            tx.mark_shredded(&all, whole)?;
            Ok(n)
        })?;
        // Test seam: die as a kill would, right after the shred is durable and before any copy
        // of its values was removed (tests/e2e/shred.rs).
        #[cfg(feature = "test-hooks")]
        if std::env::var_os("NETDAY_TEST_DIE_AFTER_SHRED").is_some() {
            std::process::exit(9);
        }
        let entries = self.finish_shred()?;
        Ok(Shredded { people, entries })
    }

    /// Whether a shred's values may still be in the database's files: the caller rewrites
    /// them (`compact`), which ends it.
    pub fn shred_unfinished(&self) -> Result<bool> {
        Ok(self.raw_get(META, PENDING_KEY)?.is_some())
    }

    /// After a rewrite of the files (`compact`) that followed a shred: nothing is left to do.
    pub(super) fn shred_compacted(&self) -> Result<()> {
        self.writable()?;
        self.tree(META)?
            .remove(PENDING_KEY)
            .map_err(|e| self.sled_err(e))?;
        self.durable()
    }

    /// Removes the shredded people's values from every earlier journal entry, every entry of
    /// another desk as it came, their fields' sync history, and deletes the cache files.
    /// Idempotent; returns how many journal entries it rewrote.
    pub(super) fn finish_shred(&self) -> Result<usize> {
        let Some(v) = self.raw_get(META, PENDING_KEY)? else {
            return Ok(0);
        };
        let Ok(mut pending) = codec::decode::<Pending>(&v) else {
            return Ok(0);
        };
        if pending.scrubbed {
            return Ok(0);
        }
        let _one = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let keys: BTreeMap<[u8; 8], ShredScope> = pending
            .people
            .iter()
            .map(|(id, whole)| {
                let scope = if *whole {
                    ShredScope::Whole
                } else {
                    ShredScope::Contact
                };
                (be(*id), scope)
            })
            .collect();
        let mut rewritten = 0;
        let changes = self.tree(CHANGES)?;
        let mut batch = sled::Batch::default();
        for kv in changes.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let Ok(mut c) = codec::decode::<Change>(&v) else {
                continue;
            };
            if scrub_change(&mut c, &keys) {
                batch.insert(k, codec::encode(&c)?);
                rewritten += 1;
            }
        }
        changes.apply_batch(batch).map_err(|e| self.sled_err(e))?;
        let log = self.tree(SYNC_LOG)?;
        let mut batch = sled::Batch::default();
        for kv in log.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(new) = super::sync::scrub_log_entry(&v, |c| scrub_change(c, &keys)) {
                batch.insert(k, new?);
                rewritten += 1;
            }
        }
        log.apply_batch(batch).map_err(|e| self.sled_err(e))?;
        let fields = self.tree(SYNC_FIELDS)?;
        for key in keys.keys() {
            fields
                .remove(super::sync::state_key(PEOPLE, key))
                .map_err(|e| self.sled_err(e))?;
        }
        self.forget_caches();
        pending.scrubbed = true;
        self.tree(META)?
            .insert(PENDING_KEY, codec::encode(&pending)?)
            .map_err(|e| self.sled_err(e))?;
        self.durable()?;
        Ok(rewritten)
    }
}

impl Store {
    /// The copies of this database netday itself left beside it, which a shred cannot reach:
    /// the safety copies a restore writes (`before-restore-…`) and the copies a migration
    /// makes (`<name>.backup-v…`). The user is told to delete them (or keep them locked away).
    pub fn older_copies(&self) -> Vec<std::path::PathBuf> {
        let Some(parent) = self.path.parent() else {
            return Vec::new();
        };
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let migrated = format!("{name}.backup-v");
        let Ok(entries) = std::fs::read_dir(parent) else {
            return Vec::new();
        };
        let mut out: Vec<_> = entries
            .flatten()
            .filter(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with(super::SAFETY_COPY) || n.starts_with(&migrated)
            })
            .map(|e| e.path())
            .collect();
        out.sort();
        out
    }
}

/// Rewrites every value of a shredded person in `c` as the shred left it (a value that cannot
/// be read is dropped); `true` when anything changed.
fn scrub_change(c: &mut Change, keys: &BTreeMap<[u8; 8], ShredScope>) -> bool {
    let mut changed = false;
    // A wholly shredded person's consent answers (when, how) go with them.
    let before = c.writes.len();
    c.writes.retain(|w| {
        w.tree != TREE_NAMES[CONSENT]
            || <[u8; 8]>::try_from(w.key.as_slice())
                .ok()
                .and_then(|k| keys.get(&k))
                != Some(&ShredScope::Whole)
    });
    changed |= c.writes.len() != before;
    for w in &mut c.writes {
        if w.tree != TREE_NAMES[PEOPLE] {
            continue;
        }
        let Some(scope) = <[u8; 8]>::try_from(w.key.as_slice())
            .ok()
            .and_then(|k| keys.get(&k))
        else {
            continue;
        };
        for slot in [&mut w.before, &mut w.after] {
            let Some(bytes) = slot.as_ref() else {
                continue;
            };
            let new = codec::decode::<Person>(bytes).ok().and_then(|mut p| {
                privacy::scrub(&mut p, *scope);
                codec::encode(&p).ok()
            });
            if new.as_ref() != Some(bytes) {
                *slot = new;
                changed = true;
            }
        }
    }
    changed
}

/// Whether `c` is a shred (never undone; an undo of an earlier change it overwrote is refused).
pub(super) fn is_shred(c: &Change) -> bool {
    matches!(c.kind, ChangeKind::Shred { .. })
}
