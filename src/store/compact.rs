//! Giving sled's garbage back: every tree copied, key for key, into a fresh database beside the
//! live one, checked against it, and swapped in as a restore swaps (`swap.rs`), so a kill at any
//! moment leaves the old database or the new one, never a mix.
//!
//! sled 0.34 never shrinks its log: every write leaves the pages it replaced behind, and an
//! import of 100,000 people leaves ~75 MB that each open reads again. A fresh database written in
//! key order holds each value once.
//!
//! Nothing is decoded or rewritten: every tree sled holds (`meta` with the database's and the
//! desk's ids and counters, the journal, the sync bookkeeping, drafts, even a tree this build
//! does not know) is copied as raw keys and values, so the compacted database is the same
//! database. The copy is compared with the original, key by key, before the swap. The cache
//! files (`cache.rs`) are built for the database's id and the token of its last write, both in
//! `meta` and both copied, so they are copied along and stay valid.
//!
//! `sled::Db::export`/`import` would do the copying too, but `import` panics on any I/O error
//! (a full disk among them) and reports no progress; a tree-by-tree copy in batches can check the
//! room left before each batch, say how far it is and stop between batches.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use super::cache::{ROSTER_FILE, SEARCH_FILE};
use super::{Replaced, Result, Store, StoreError, swap};
use crate::progress::{Progress, Stage};

/// Keys copied in one sled batch, at most.
const BATCH_KEYS: usize = 20_000;
/// Bytes (keys and values) copied in one sled batch, at most.
const BATCH_BYTES: u64 = 8 << 20;
/// Keys copied or compared between two reports of progress.
const STEP: u64 = 2000;

/// What `Store::compact` did.
#[derive(Debug)]
pub struct Compacted {
    /// The database's folder as it was opened.
    pub folder: PathBuf,
    /// Bytes the database's folder took on disk before and after.
    pub before: u64,
    pub after: u64,
    /// The folder holding the old files, when it could not be removed (the user may).
    pub left_behind: Option<PathBuf>,
}

impl Store {
    /// Rewrites this database into a fresh one beside it and swaps that in (see the module doc).
    /// The store stays usable: it is opened again on the new files. `progress` hears one stage ([`Stage::Compact`]): every key copied, then
    /// every key compared. `Ok(None)`: `progress` asked to stop before the swap; the database is
    /// as it was and the half-written copy is gone. On an error the database is left as it was,
    /// except [`StoreError::SwapUnfinished`] (the next open finishes the swap).
    pub fn compact(&self, progress: &mut dyn Progress) -> Result<Option<Compacted>> {
        // A shred's copies leave the journal first (see `shred.rs`), so the copy holds none.
        self.finish_shred()?;
        let folder = self.path.clone();
        let live_dir = swap::real(&self.path)?;
        let before = disk_size(&live_dir);
        // Moved into the build, so that it lets go of the old database before the swap.
        let old = self.live()?;
        let from = live_dir.clone();
        let done = self.swap_in(move |new| {
            let names = old.db.tree_names();
            let mut total = 0u64;
            for name in &names {
                total += old.db.open_tree(name).map_err(|e| new.sled_err(e))?.len() as u64;
            }
            progress.start(Stage::Compact, 2 * total);
            let mut at = 0u64;
            if !new.copy_trees(&old.db, &names, &mut at, progress)? {
                return Ok(None);
            }
            new.durable()?;
            if !new.compare_trees(&old.db, &names, &mut at, progress)? {
                return Ok(None);
            }
            progress.set(2 * total);
            copy_caches(&from, &new.path)?;
            Ok(Some(()))
        });
        // Closed only once the swap began; opened again on whatever it left.
        let reopened = self.reopen_swapped();
        let done = done?;
        reopened?;
        let Some(((), Replaced { left_behind })) = done else {
            return Ok(None);
        };
        if self.shred_unfinished()? {
            // Nothing a shred removed is in the files any more.
            self.shred_compacted()?;
        }
        Ok(Some(Compacted {
            folder,
            before,
            after: disk_size(&live_dir),
            left_behind,
        }))
    }

    /// Empties this (new) database, then copies every tree `names` of `from` into it in batches.
    /// `false`: stopped.
    fn copy_trees(
        &self,
        from: &sled::Db,
        names: &[sled::IVec],
        at: &mut u64,
        progress: &mut dyn Progress,
    ) -> Result<bool> {
        let db = self.live()?.db.clone();
        let io = |e: sled::Error| {
            self.failed.store(true, Ordering::Release);
            self.sled_err(e)
        };
        // What opening it wrote (its schema, a fresh id): the copy brings the original's.
        for name in db.tree_names() {
            db.open_tree(&name).and_then(|t| t.clear()).map_err(io)?;
        }
        for name in names {
            let source = from.open_tree(name).map_err(|e| self.sled_err(e))?;
            let target = db.open_tree(name).map_err(io)?;
            let mut batch = sled::Batch::default();
            let (mut keys, mut bytes) = (0usize, 0u64);
            for kv in source.iter() {
                let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                bytes += (k.len() + v.len()) as u64;
                batch.insert(k, v);
                keys += 1;
                *at += 1;
                if at.is_multiple_of(STEP) {
                    progress.set(*at);
                }
                if keys >= BATCH_KEYS || bytes >= BATCH_BYTES {
                    self.ensure_room(bytes)?;
                    target.apply_batch(std::mem::take(&mut batch)).map_err(io)?;
                    (keys, bytes) = (0, 0);
                    if progress.cancelled() {
                        return Ok(false);
                    }
                }
            }
            self.ensure_room(bytes)?;
            target.apply_batch(batch).map_err(io)?;
            progress.set(*at);
            if progress.cancelled() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Whether this database holds exactly the trees `names` of `from`, key for key and value
    /// for value; a difference is an error. `false`: stopped.
    fn compare_trees(
        &self,
        from: &sled::Db,
        names: &[sled::IVec],
        at: &mut u64,
        progress: &mut dyn Progress,
    ) -> Result<bool> {
        let db = self.live()?.db.clone();
        let mut ours = db.tree_names();
        let mut theirs = names.to_vec();
        ours.sort();
        theirs.sort();
        let differs = |what: &str| {
            StoreError::Invalid(format!(
                "the copy differs from the database in {what} / 사본이 원래 데이터베이스와 다릅니다: {what}"
            ))
        };
        if ours != theirs {
            return Err(differs("its trees"));
        }
        for name in names {
            let a = from.open_tree(name).map_err(|e| self.sled_err(e))?;
            let b = db.open_tree(name).map_err(|e| self.sled_err(e))?;
            let mut copied = b.iter();
            for kv in a.iter() {
                let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                match copied.next().transpose().map_err(|e| self.sled_err(e))? {
                    Some((ck, cv)) if ck == k && cv == v => {}
                    _ => return Err(differs(&String::from_utf8_lossy(name))),
                }
                *at += 1;
                if at.is_multiple_of(STEP) {
                    progress.set(*at);
                    if progress.cancelled() {
                        return Ok(false);
                    }
                }
            }
            if copied.next().is_some() {
                return Err(differs(&String::from_utf8_lossy(name)));
            }
        }
        Ok(true)
    }
}

/// Copies the cache files of the database folder `from` into `to` (synced): they are built for
/// the id and the token in `meta`, which the copy keeps. Only regular files; none is no loss.
fn copy_caches(from: &Path, to: &Path) -> Result<()> {
    for file in [ROSTER_FILE, SEARCH_FILE] {
        let (a, b) = (from.join(file), to.join(file));
        if !std::fs::symlink_metadata(&a).is_ok_and(|m| m.file_type().is_file()) {
            continue;
        }
        // Synced through a handle that may write: Windows refuses to flush a read-only one
        // ("Access denied"), which failed every compaction there once the caches existed.
        std::fs::copy(&a, &b)
            .and_then(|_| std::fs::OpenOptions::new().write(true).open(&b)?.sync_all())
            .map_err(|e| StoreError::io(&b, e))?;
    }
    super::dir::sync_dir(to)
}

/// Bytes the files under `dir` take on disk (as `du` counts them on Unix), links not followed.
pub(super) fn disk_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => disk_size(&e.path()),
            Ok(m) if m.is_file() => on_disk(&m),
            _ => 0,
        })
        .sum()
}

#[cfg(unix)]
fn on_disk(m: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    m.blocks() * 512
}

#[cfg(not(unix))]
fn on_disk(m: &std::fs::Metadata) -> u64 {
    m.len()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Person, Ts};

    /// Counts what it hears; asks to stop once `stop_at` units are done.
    struct Count {
        heard: Vec<(Stage, u64)>,
        last: u64,
        stop_at: Option<u64>,
    }

    impl Progress for Count {
        fn start(&mut self, stage: Stage, total: u64) {
            self.heard.push((stage, total));
        }
        fn set(&mut self, done: u64) {
            assert!(done >= self.last, "went back");
            self.last = done;
        }
        fn cancelled(&mut self) -> bool {
            self.stop_at.is_some_and(|at| self.last >= at)
        }
    }

    fn people_db(dir: &Path) -> (PathBuf, Vec<Person>) {
        let path = dir.join("netday.db");
        let store = Store::open(&path).unwrap();
        for i in 0..300 {
            store
                .put_person(&mut Person::new(format!("김기성{i}"), Ts(1)))
                .unwrap();
        }
        let people = store.people().unwrap();
        (path, people)
    }

    /// What lies beside the database, but for the lock file a swap keeps there on Windows
    /// (which cannot lock a folder; see `swap.rs`).
    fn beside(dir: &Path) -> Vec<String> {
        let lock = format!("netday.db{}", crate::files::restore_names::LOCK);
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "netday.db" && !(cfg!(windows) && *n == lock))
            .collect()
    }

    #[test]
    fn a_compact_reports_one_stage_to_its_end_and_keeps_the_records() {
        let dir = tempfile::tempdir().unwrap();
        let (path, people) = people_db(dir.path());
        let mut p = Count {
            heard: vec![],
            last: 0,
            stop_at: None,
        };
        let done = Store::open(&path)
            .unwrap()
            .compact(&mut p)
            .unwrap()
            .unwrap();
        assert_eq!(p.heard.len(), 1);
        assert_eq!(p.heard[0].0, Stage::Compact);
        assert_eq!(p.last, p.heard[0].1, "did not end at its total");
        assert!(done.after > 0 && done.before > 0);
        assert_eq!(beside(dir.path()), Vec::<String>::new());
        assert_eq!(Store::open(&path).unwrap().people().unwrap(), people);
    }

    /// A stop asked for while the copy is written: nothing changed, and the copy is gone.
    #[test]
    fn a_compact_stopped_before_the_swap_leaves_the_database_and_removes_the_copy() {
        let dir = tempfile::tempdir().unwrap();
        let (path, people) = people_db(dir.path());
        let token = Store::open(&path).unwrap().generation().unwrap();
        for stop_at in [0, 1, 400] {
            let mut p = Count {
                heard: vec![],
                last: 0,
                stop_at: Some(stop_at),
            };
            let done = Store::open(&path).unwrap().compact(&mut p).unwrap();
            assert!(done.is_none(), "stop at {stop_at}: not stopped");
            assert_eq!(beside(dir.path()), Vec::<String>::new());
            let store = Store::open(&path).unwrap();
            assert_eq!(store.people().unwrap(), people);
            assert_eq!(store.generation().unwrap(), token);
        }
    }
}
