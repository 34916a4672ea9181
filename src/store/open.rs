//! Opening, reopening and closing the database: the creation marker, the schema check,
//! sled's lock, and the reopen after a failed write. Touches the directory (through `dir`
//! and `swap::settle`) and sled's `Config`, nothing record by record.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use super::layout::{META, SCHEMA_KEY, SYNCED_SCHEMA, TREE_NAMES};
use super::{Live, Result, SCHEMA, Store, StoreError, dir, migrate, swap};

impl Store {
    /// Opens (creating if absent) the database at `path`. Refuses a database that is locked by
    /// another process, damaged, foreign, or from a newer netday, and changes nothing then.
    pub fn open(path: &Path) -> Result<Store> {
        // A restore killed half-way is finished or rolled back first; its lock is held until
        // the database is open, so no swap happens meanwhile.
        let _swap = swap::settle(path)?;
        let live = Self::open_live(path).map_err(|e| super::read_only::explain(path, e))?;
        let store = Store {
            live: RwLock::new(Some(Arc::new(live))),
            path: path.to_path_buf(),
            syncs: AtomicU64::new(0),
            failed: AtomicBool::new(false),
            damaged: Mutex::new(BTreeSet::new()),
            warn_on_close: AtomicBool::new(false),
            copy: None,
            desk: Mutex::new(String::new()),
            writer: Mutex::new(()),
            withdrew: AtomicBool::new(false),
            rewrite_due: AtomicBool::new(false),
            repaired: AtomicBool::new(false),
        };
        store.settle()?;
        super::mode::tighten(path);
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
            found @ (dir::Found::New | dir::Found::Interrupted) => {
                let _creating = match found {
                    dir::Found::New => dir::begin_creation(path)?,
                    _ => dir::restart_creation(path)?,
                };
                let live = Self::open_sled(path)?;
                Self::create_schema(path, &live)?;
                dir::finish_creation(path, SCHEMA)?;
                Ok(live)
            }
            found @ (dir::Found::Database | dir::Found::Unversioned) => {
                // sled rewrites its snapshot on open, so a newer database is refused before
                // sled sees it, from the version file written beside sled's own.
                let versioned = matches!(found, dir::Found::Database);
                dir::prepare_existing(path, SCHEMA, versioned)?;
                let before = dir::Preimage::capture(path);
                let result = Self::open_sled(path).and_then(|live| {
                    Self::check_schema(path, &live, versioned)?;
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

    pub(super) fn open_sled(path: &Path) -> Result<Live> {
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
        // Windows' FlushFileBuffers (what sync_data calls there) refuses a read-only handle.
        let log = File::options()
            .read(true)
            .write(cfg!(windows))
            .open(&log_path)
            .map_err(|e| StoreError::io(&log_path, e))?;
        Ok(Live {
            db,
            trees,
            log: super::Log(log),
        })
    }

    fn create_schema(path: &Path, live: &Live) -> Result<()> {
        live.trees[META]
            .insert(SCHEMA_KEY, &[SCHEMA][..])
            .map_err(|e| StoreError::sled(path, e))?;
        live.db.flush().map_err(|e| StoreError::sled(path, e))?;
        live.log
            .sync(&AtomicU64::new(0))
            .map_err(|e| StoreError::io(path, e))
    }

    /// A database with a version file holds its schema in `meta`; a newer one is refused.
    /// Without the version file (`versioned` false), sled's data without netday's schema is
    /// not netday's; with it, `settle` writes the version file again.
    fn check_schema(path: &Path, live: &Live, versioned: bool) -> Result<()> {
        let found = live.trees[META]
            .get(SCHEMA_KEY)
            .map_err(|e| StoreError::sled(path, e))?
            .and_then(|v| v.first().copied());
        match found {
            None if !versioned => Err(StoreError::Foreign(path.to_path_buf())),
            // netday wrote here (the version file says so), yet the log yields nothing.
            None => Err(StoreError::Corrupt(path.join("db"))),
            Some(found) if found > SCHEMA && found != SYNCED_SCHEMA => Err(StoreError::Newer {
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
        self.settle_imports()?;
        // A shred a kill cut short: its values leave the journal before anything reads it.
        self.finish_shred()?;
        self.retire_sled_caches()?;
        self.ensure_identity();
        if dir::read_version_file(&self.path).ok() != Some(SCHEMA) {
            dir::write_version_file(&self.path, SCHEMA)?;
        }
        dir::remove_marker(&self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The open sled database; reopened first if a write failed on I/O before.
    pub(super) fn live(&self) -> Result<Arc<Live>> {
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
}

impl Store {
    /// Lets go of sled (a swap renames the folder next): every later access fails until
    /// `reopen_swapped`.
    pub(super) fn close_live(&self) {
        let old = self.live.write().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(old) = old {
            let _ = old.db.flush();
            drop(old);
        }
    }

    /// Opens the database again after a swap closed it (`close_live`): a swap left unfinished
    /// is finished or rolled back first, as any open does.
    pub(super) fn reopen_swapped(&self) -> Result<()> {
        if self
            .live
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
        {
            return Ok(());
        }
        let _swap = swap::settle(&self.path)?;
        let live = Self::open_live(&self.path)?;
        *self.live.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(live));
        self.failed.store(false, Ordering::Release);
        Ok(())
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
