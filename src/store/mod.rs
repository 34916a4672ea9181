//! The only code that knows sled and bincode exist.
//!
//! One tree per noun keyed by big-endian u64 ids, secondary index trees written in the same
//! transaction as their record, and every user-visible write made durable (sled flush, then
//! fdatasync of sled's log file) before the call returns.

mod agenda_notes;
mod attendance;
mod bulk;
mod cache;
pub mod changes;
pub mod codec;
mod compact;
mod consent;
mod dir;
mod drafts;
mod error;
mod events;
mod fields;
mod ideas;
pub mod journal;
mod layout;
pub mod migrate;
mod mode;
mod open;
mod people;
mod read;
pub mod read_only;
mod recent;
mod shred;
mod snapshot;
mod swap;
mod sync;
mod write;

use std::collections::BTreeSet;
use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Mutex, RwLock};

use sled::Tree;

pub use cache::Generation;
pub use codec::{LIMIT as RECORD_LIMIT, SCHEMA};
pub use compact::Compacted;
pub use consent::ConsentWrite;
pub use dir::CREATION_MARKER;
pub use error::{DamagedRecord, StoreError, damage_warning};
pub use mode::owner_only_from_now_on;
pub use shred::Shredded;
pub use snapshot::{BackupError, Fault, Format, Snapshot, format4_backup};
pub use swap::{Replaced, SAFETY_COPY};

pub type Result<T> = std::result::Result<T, StoreError>;

/// sled's database and this store's handles into it; replaced whole when the store reopens.
struct Live {
    db: sled::Db,
    trees: Vec<Tree>,
    /// sled's log file, kept open so a durable write can fdatasync it (sled's own flush only
    /// calls sync_file_range on Linux).
    log: Log,
}

struct Log(File);

impl Log {
    /// fdatasync of sled's log; `syncs` counts it only once the system said it was done, so
    /// a durable path that does not reach here counts nothing.
    fn sync(&self, syncs: &AtomicU64) -> std::io::Result<()> {
        self.0.sync_data()?;
        syncs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}

/// The open database.
pub struct Store {
    /// `None` only while the store reopens.
    live: RwLock<Option<Arc<Live>>>,
    path: PathBuf,
    /// fdatasync calls of sled's log that this store made and the system confirmed (tests
    /// check that the durable path really syncs); only `Log::sync` adds to it.
    syncs: AtomicU64,
    /// Set when a write failed on I/O: sled keeps that error for every later call, so the
    /// next access reopens the database from what is on disk.
    failed: AtomicBool,
    damaged: Mutex<BTreeSet<DamagedRecord>>,
    /// Print the damage warning to standard error when the store closes (the command line).
    warn_on_close: AtomicBool,
    /// Set when the database could only be read from a copy (`open_to_read`); every write is
    /// refused then.
    copy: Option<read_only::Copy>,
    /// This desk's name as the change journal records it (empty: not read yet; see
    /// `changes.rs`).
    desk: Mutex<String>,
    /// Held by every write: one at a time (the bulk path reads outside a transaction).
    writer: Mutex<()>,
    /// Set when opening finished an import's chunk that a kill had cut short (`bulk.rs`), or
    /// repaired an index after an unfinished import.
    repaired: AtomicBool,
    /// Set by a write in which a consent "no" emptied a phone or e-mail that was kept
    /// (`consent.rs`): the journal is scrubbed of them after it (`shred.rs`).
    withdrew: AtomicBool,
    /// Set when such a scrub ran: the files still hold the values until the caller rewrites
    /// them (`take_rewrite_due`).
    rewrite_due: AtomicBool,
}
