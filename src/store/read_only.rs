//! Reading a database netday cannot write: its disk is full, or its files or mount are
//! read-only. sled 0.34 has no read-only mode: opening writes into the log (it fills the rest
//! of the current 512 KiB segment with zeros) and opens it for writing, so on a full disk or a
//! read-only mount sled cannot open at all. Export, backup and the other commands that only
//! read then open a copy of sled's files in the temporary folder, and every write is refused.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, RwLock};

use super::layout::{META, SCHEMA_KEY, SYNCED_SCHEMA};
use super::{Result, SCHEMA, Store, StoreError, dir};

/// Why a store was opened from a copy; a write is refused with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    DiskFull,
    NotWritable,
}

/// The copy a store reads from, removed when the store closes.
pub(super) struct Copy {
    pub(super) why: Why,
    _dir: tempfile::TempDir,
}

impl Why {
    /// Why `e`, from opening the database at `path`, means only that netday may not write it.
    fn of(e: &StoreError, path: &Path) -> Option<Why> {
        match e {
            StoreError::DiskFull { .. } => Some(Why::DiskFull),
            StoreError::ReadOnly(p) if p == path => Some(Why::NotWritable),
            _ => None,
        }
    }

    /// What a write on such a store is refused with.
    pub(super) fn refusal(self, path: &Path) -> StoreError {
        match self {
            Why::DiskFull => StoreError::DiskFull {
                path: path.to_path_buf(),
            },
            Why::NotWritable => StoreError::ReadOnly(path.to_path_buf()),
        }
    }
}

/// An error opening an existing database that only says it cannot be written is said so.
pub(super) fn explain(path: &Path, e: StoreError) -> StoreError {
    let denied = match &e {
        StoreError::Io { source, .. } => matches!(
            source.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
        _ => false,
    };
    let log = path.join("db");
    if denied && log.is_file() && std::fs::File::open(&log).is_ok() {
        StoreError::ReadOnly(path.to_path_buf())
    } else {
        e
    }
}

impl Store {
    /// Opens the database at `path` for commands that only read it (export, backup, events,
    /// search, print): as `open` does, or, when only writing is impossible (the disk is full,
    /// the database is read-only), from a copy, with every write refused.
    pub fn open_to_read(path: &Path) -> Result<Store> {
        let e = match Store::open(path) {
            Ok(store) => return Ok(store),
            Err(e) => e,
        };
        let Some(why) = Why::of(&e, path) else {
            return Err(e);
        };
        match Self::open_copy(path, why) {
            Ok(Some(store)) => Ok(store),
            Ok(None) => Err(e),
            Err(copy) if copy.is_disk_full() => Err(StoreError::NoRoomToRead {
                path: path.to_path_buf(),
                temp: std::env::temp_dir(),
            }),
            Err(_) => Err(e),
        }
    }

    /// `None` when the copy is not one this build reads as it is (an older schema would have
    /// to be migrated, a write).
    fn open_copy(path: &Path, why: Why) -> Result<Option<Store>> {
        if !matches!(dir::classify(path)?, dir::Found::Database) {
            return Ok(None);
        }
        if dir::read_version_file(path)? != SCHEMA {
            return Ok(None);
        }
        let copy = tempfile::Builder::new()
            .prefix("netday-read-")
            .tempdir()
            .map_err(|e| StoreError::io(&std::env::temp_dir(), e))?;
        dir::copy_sled_files(path, copy.path())?;
        let live = Self::open_sled(copy.path())?;
        let found = live.trees[META]
            .get(SCHEMA_KEY)
            .map_err(|e| StoreError::sled(copy.path(), e))?
            .and_then(|v| v.first().copied());
        if found != Some(SCHEMA) && found != Some(SYNCED_SCHEMA) {
            return Ok(None);
        }
        let store = Store {
            live: RwLock::new(Some(Arc::new(live))),
            path: path.to_path_buf(),
            syncs: AtomicU64::new(0),
            failed: AtomicBool::new(false),
            damaged: Mutex::new(Default::default()),
            warn_on_close: AtomicBool::new(false),
            copy: Some(Copy { why, _dir: copy }),
            desk: std::sync::Mutex::new(String::new()),
            writer: Mutex::new(()),
            withdrew: AtomicBool::new(false),
            rewrite_due: AtomicBool::new(false),
            repaired: AtomicBool::new(false),
        };
        store.settle_imports()?;
        Ok(Some(store))
    }

    /// Why this store may not be written (it was opened from a copy), if so.
    pub fn read_only(&self) -> Option<Why> {
        self.copy.as_ref().map(|c| c.why)
    }

    /// Refuses a write on a store opened from a copy.
    pub(super) fn writable(&self) -> Result<()> {
        match &self.copy {
            Some(c) => Err(c.why.refusal(&self.path)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Person, Ts};

    /// A store read from a copy refuses every write in words, and the database is untouched.
    #[test]
    fn a_store_read_from_a_copy_refuses_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let mut first = Person::new("김기성", Ts(1));
        Store::open(&path).unwrap().put_person(&mut first).unwrap();
        for why in [Why::NotWritable, Why::DiskFull] {
            let store = Store::open_copy(&path, why).unwrap().unwrap();
            assert_eq!(store.read_only(), Some(why));
            assert_eq!(store.people().unwrap(), vec![first.clone()]);
            let e = store
                .put_person(&mut Person::new("이영희", Ts(2)))
                .unwrap_err();
            match why {
                Why::NotWritable => assert!(
                    matches!(&e, StoreError::ReadOnly(p) if *p == path)
                        && e.ko().contains("읽기 전용")
                        && e.en().contains("read-only"),
                    "{e:?}"
                ),
                Why::DiskFull => assert!(e.is_disk_full(), "{e:?}"),
            }
            assert!(store.durable().is_err());
            drop(store);
            assert_eq!(
                Store::open(&path).unwrap().people().unwrap(),
                vec![first.clone()]
            );
        }
    }
}
