//! The store as the exchange's `Journal`: `sync` (layer 4) never calls the store; this is
//! where the two meet. Each call is one of the engine's (`store/sync.rs`); its refusals keep
//! their words.

use crate::model::sync::{Applied, DeskCard, Vv, WireEntry};
use crate::store::{Store, StoreError};
use crate::sync::{Journal, SyncError};

/// A store lent to a sync session. `last` is what the latest apply did (for a reload).
pub struct StoreJournal<'a> {
    store: &'a Store,
    pub last: Option<Applied>,
}

impl<'a> StoreJournal<'a> {
    pub fn new(store: &'a Store) -> StoreJournal<'a> {
        StoreJournal { store, last: None }
    }
}

fn words(e: StoreError) -> SyncError {
    match e {
        StoreError::SyncGap { desk, from } => SyncError::Gap {
            desk,
            from_seq: from,
        },
        e => SyncError::Journal {
            ko: e.ko(),
            en: e.en(),
        },
    }
}

impl Journal for StoreJournal<'_> {
    fn card(&mut self) -> Result<DeskCard, SyncError> {
        self.store.desk_card().map_err(words)
    }

    fn set(&mut self) -> Result<Option<[u8; 16]>, SyncError> {
        self.store.sync_set().map_err(words)
    }

    fn have(&mut self) -> Result<Vv, SyncError> {
        self.store.have().map_err(words)
    }

    fn entries_since(
        &mut self,
        theirs: &Vv,
        max_bytes: usize,
    ) -> Result<Vec<WireEntry>, SyncError> {
        self.store.entries_since(theirs, max_bytes).map_err(words)
    }

    fn apply(&mut self, entries: &[WireEntry]) -> Result<usize, SyncError> {
        let applied = self.store.apply_remote(entries).map_err(words)?;
        let n = applied.applied;
        self.last = Some(applied);
        Ok(n)
    }

    fn snapshot(&mut self) -> Result<Vec<u8>, SyncError> {
        self.store.join_snapshot().map_err(words)
    }

    fn join(&mut self, snapshot: &[u8]) -> Result<(), SyncError> {
        self.store.join_from(snapshot).map_err(words)
    }
}

impl crate::data::Data {
    /// The database as a sync session's journal.
    pub fn sync_journal(&self) -> StoreJournal<'_> {
        StoreJournal::new(&self.store)
    }
}

impl crate::data::Data {
    /// Makes this database the first desk of a set (`sync host`); the same set if it is one.
    pub fn start_sync_set(&self) -> Result<[u8; 16], StoreError> {
        self.store.start_set()
    }
}
