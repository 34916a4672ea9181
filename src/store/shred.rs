//! Shredding personal data (`model::privacy`): the retention rule, the shred itself, and the
//! scrub that follows it through every copy the database keeps.
//!
//! A shred is journalled transactions (`ChangeKind::Shred`, 1,000 people each) that write each
//! person as the shred leaves them; their entries carry no before-values (`write.rs` leaves them
//! out), so they hold nothing that was shredded. The same transactions name the people in
//! `meta` (`privacy:shred:<id>`). Then, outside them, every copy of their values the database
//! keeps is rewritten: each earlier journal entry's before and after (`changes`), each other
//! desk's entry as it came (`sync_log`), the fields' history kept for syncing (`sync_fields`),
//! and the cache files are deleted (`privacy:scrubbed` says so). sled still holds the old values
//! in its log until the database is rewritten (`Store::compact`, which clears the marks);
//! `shred_unfinished` tells the caller to compact. A kill at any point leaves the marks:
//! opening scrubs again (it is idempotent) and the caller compacts.
//!
//! A consent withdrawn (`consent.rs`: a "no" that empties a phone or e-mail kept until then) is
//! the same scrub for those two values: the write marks the person (`Tx::mark_withdrawn`),
//! the store scrubs right after it (`scrub_withdrawn`), and the caller rewrites the files.
//!
//! Touches the people tree (through `Tx::put_person`), `changes`, `sync_log`, `sync_fields`,
//! `meta`'s `privacy:` keys and the cache files.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::Ordering;

use super::layout::{
    CHANGES, CONSENT, META, PEOPLE, SYNC_FIELDS, SYNC_LOG, TREE_NAMES, be, from_be,
};
use super::write::{Tx, TxResult};
use super::{Result, Store, codec};
use crate::model::privacy::{self, ShredScope};
use crate::model::{Change, ChangeKind, Id, Person};
use crate::progress::{Progress, Stage};

/// People shredded in one transaction (one journal entry), at most: a person's record and
/// indexes take well under 2 KB, so an entry stays far below `codec::LIMIT`.
const CHUNK: usize = 1000;

/// `meta`: `privacy:shred:` + a shredded person's id → 1 (the whole person), 0 (contact data)
/// or 2 (phone and e-mail: consent withdrawn): people whose copies may still be in the
/// database's files. One key each, so a shred of everyone is no one large value.
const PENDING_PREFIX: &[u8] = b"privacy:shred:";
/// A pending mark's byte for a withdrawn consent (a shred's mark, 0 or 1, covers it).
const WITHDRAWN: u8 = 2;
/// `meta`: present once the journal and the caches were scrubbed for every pending person;
/// only the rewrite of the files is left.
const SCRUBBED_KEY: &[u8] = b"privacy:scrubbed";
/// `meta`: the retention rule in months (absent: `privacy::DEFAULT_RETENTION_MONTHS`).
const RETENTION_KEY: &[u8] = b"privacy:retention_months";

fn pending_key(id: Id) -> Vec<u8> {
    let mut k = PENDING_PREFIX.to_vec();
    k.extend_from_slice(&be(id));
    k
}

/// What the scrub removes of a marked person's earlier copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Erase {
    /// A shred's: `privacy::scrub` with its scope.
    Shred(ShredScope),
    /// A withdrawn consent's: the phone and the e-mail.
    Contact,
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
    /// Adds `people` to the shred's pending people (this shred's, or another desk's applied
    /// here).
    pub(super) fn mark_shredded(&self, people: &[Id], whole: bool) -> TxResult<()> {
        for id in people {
            let key = pending_key(*id);
            let was_whole = self.raw(META, &key)?.is_some_and(|v| v.first() == Some(&1));
            self.put_raw(META, &key, &[u8::from(whole || was_whole)])?;
        }
        self.del(META, SCRUBBED_KEY)
    }

    /// Marks person `id`, whose kept phone or e-mail a consent "no" just emptied: the store
    /// scrubs their earlier copies after this write (`Store::scrub_withdrawn`). A shred's
    /// mark already covers it.
    pub(super) fn mark_withdrawn(&self, id: Id) -> TxResult<()> {
        let key = pending_key(id);
        if self.raw(META, &key)?.is_none() {
            self.put_raw(META, &key, &[WITHDRAWN])?;
        }
        self.withdrew.set(true);
        self.del(META, SCRUBBED_KEY)
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
    /// durable, journalled steps of at most `CHUNK` people (one journal entry each: an entry
    /// holds at most `codec::LIMIT`), then removes the values from every copy the database
    /// keeps (see the module doc). `progress` hears each step (`Stage::Shred`). The caller then
    /// rewrites the files (`compact`) while `shred_unfinished` says so.
    pub fn shred(
        &self,
        ids: &[Id],
        scope: ShredScope,
        progress: &mut dyn Progress,
    ) -> Result<Shredded> {
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
        progress.start(Stage::Shred, all.len() as u64);
        let mut people = 0;
        for (i, chunk) in all.chunks(CHUNK).enumerate() {
            people += self.write(|tx| {
                tx.is(ChangeKind::Shred {
                    people: chunk.len() as u32,
                    whole,
                });
                let mut n = 0;
                for id in chunk {
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
                tx.mark_shredded(chunk, whole)?;
                Ok(n)
            })?;
            progress.set(((i + 1) * CHUNK).min(all.len()) as u64);
        }
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
        Ok(self
            .tree(META)?
            .scan_prefix(PENDING_PREFIX)
            .next()
            .transpose()
            .map_err(|e| self.sled_err(e))?
            .is_some())
    }

    /// After a write in which a consent "no" emptied a kept phone or e-mail: removes them from
    /// every earlier copy (`finish_shred`). The files still hold them until the caller
    /// rewrites them (`take_rewrite_due`, `compact`). `write` calls it; an import, whose bulk
    /// path writes without `write`, calls it at its end.
    pub(crate) fn scrub_withdrawn(&self) -> Result<()> {
        if self.withdrew.swap(false, Ordering::Relaxed) {
            // Test seam: die as a kill would, right after the "no" is durable and before its
            // scrub (tests/e2e/shred.rs).
            #[cfg(feature = "test-hooks")]
            if std::env::var_os("NETDAY_TEST_DIE_BEFORE_WITHDRAW_SCRUB").is_some() {
                std::process::exit(9);
            }
            self.finish_shred()?;
            self.rewrite_due.store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Whether a consent withdrawn since the last call left values in the database's files
    /// that a rewrite (`compact`) removes: the desk runs it at once, with a gauge. An import
    /// calls `scrub_withdrawn` itself at its end.
    pub fn take_rewrite_due(&self) -> bool {
        self.rewrite_due.swap(false, Ordering::Relaxed)
    }

    /// After a rewrite of the files (`compact`) that followed a shred: nothing is left to do.
    pub(super) fn shred_compacted(&self) -> Result<()> {
        self.writable()?;
        let meta = self.tree(META)?;
        let mut batch = sled::Batch::default();
        for kv in meta.scan_prefix(PENDING_PREFIX) {
            batch.remove(kv.map_err(|e| self.sled_err(e))?.0);
        }
        batch.remove(SCRUBBED_KEY);
        meta.apply_batch(batch).map_err(|e| self.sled_err(e))?;
        self.durable()
    }

    /// Removes the shredded people's values from every earlier journal entry, every entry of
    /// another desk as it came, their fields' sync history, and deletes the cache files.
    /// Idempotent; returns how many journal entries it rewrote.
    pub(super) fn finish_shred(&self) -> Result<usize> {
        if self.raw_get(META, SCRUBBED_KEY)?.is_some() {
            return Ok(0);
        }
        let _one = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let mut keys: BTreeMap<[u8; 8], Erase> = BTreeMap::new();
        for kv in self.tree(META)?.scan_prefix(PENDING_PREFIX) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let Ok(id) = <[u8; 8]>::try_from(&k[PENDING_PREFIX.len()..]) else {
                continue;
            };
            let erase = match v.first() {
                Some(1) => Erase::Shred(ShredScope::Whole),
                Some(&WITHDRAWN) => Erase::Contact,
                _ => Erase::Shred(ShredScope::Contact),
            };
            keys.insert(id, erase);
        }
        if keys.is_empty() {
            return Ok(0);
        }
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
        self.tree(META)?
            .insert(SCRUBBED_KEY, &[1u8][..])
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
fn scrub_change(c: &mut Change, keys: &BTreeMap<[u8; 8], Erase>) -> bool {
    let mut changed = false;
    // A wholly shredded person's consent answers (when, how) go with them.
    let before = c.writes.len();
    c.writes.retain(|w| {
        w.tree != TREE_NAMES[CONSENT]
            || <[u8; 8]>::try_from(w.key.as_slice())
                .ok()
                .and_then(|k| keys.get(&k))
                != Some(&Erase::Shred(ShredScope::Whole))
    });
    changed |= c.writes.len() != before;
    for w in &mut c.writes {
        if w.tree != TREE_NAMES[PEOPLE] {
            continue;
        }
        let Some(erase) = <[u8; 8]>::try_from(w.key.as_slice())
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
                match erase {
                    Erase::Shred(scope) => privacy::scrub(&mut p, *scope),
                    Erase::Contact => {
                        super::consent::withhold_contact(&mut p);
                    }
                }
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
