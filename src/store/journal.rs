//! Records of work that must outlive the process: an import under way (so an interrupted one
//! is named on the next start) and the attendance a closed day had before closing (so Ctrl-Z
//! still undoes the closing after a restart).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::layout::{META, be};
use super::{Result, Store};
use crate::model::{Attendance, ChangeKind, Event, EventStatus, Id, Ts};

const IMPORT_PREFIX: &[u8] = b"import:";
const CLOSED_PREFIX: &[u8] = b"closed:";

/// An import that started and has not finished.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ImportJournal {
    /// Absolute path of the file, as it was named.
    pub file: String,
    /// Its size in bytes when the import started.
    pub size: u64,
    pub started: Ts,
    /// The networking day its people were being registered for.
    pub event: Option<NaiveDate>,
}

/// Whether a `meta` key holds one of this file's encoded records (a migration rewrites those).
pub(super) fn is_encoded_key(key: &[u8]) -> bool {
    (key.starts_with(IMPORT_PREFIX) && !is_not_an_import(key)) || key.starts_with(CLOSED_PREFIX)
}

/// The one `meta` key under the imports' prefix that names no import: the folders lately
/// imported from (`recent.rs`). An import is named by its file's absolute path.
fn is_not_an_import(key: &[u8]) -> bool {
    key == super::recent::IMPORT_FOLDERS_KEY
}

fn import_key(file: &str) -> Vec<u8> {
    [IMPORT_PREFIX, file.as_bytes()].concat()
}

fn closed_key(event: Id) -> Vec<u8> {
    [CLOSED_PREFIX, &be(event)[..]].concat()
}

impl Store {
    /// Durably records that importing `j.file` has begun (call before its first write).
    pub fn begin_import(&self, j: &ImportJournal) -> Result<()> {
        self.write(|tx| tx.put(META, &import_key(&j.file), j))
    }

    /// Durably forgets the import of `file`; everything written before is made durable with it.
    pub fn end_import(&self, file: &str) -> Result<()> {
        self.write(|tx| tx.del(META, &import_key(file)))
    }

    /// Forgets every import recorded as under way, one that cannot be read included, in one
    /// durable step; returns those that could be read. What they imported stays.
    pub fn forget_imports(&self) -> Result<Vec<ImportJournal>> {
        let pending = self.pending_imports()?;
        let keys: Vec<_> = self.import_records()?.into_iter().map(|(k, _)| k).collect();
        if !keys.is_empty() {
            self.write(|tx| {
                for k in &keys {
                    tx.del(META, k)?;
                }
                Ok(())
            })?;
        }
        Ok(pending)
    }

    /// The `meta` records of imports under way, undecoded.
    fn import_records(&self) -> Result<Vec<(sled::IVec, sled::IVec)>> {
        let mut out = Vec::new();
        for kv in self.tree(META)?.scan_prefix(IMPORT_PREFIX) {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            if !is_not_an_import(&k) {
                out.push((k, v));
            }
        }
        Ok(out)
    }

    /// Imports that began and never finished, oldest first.
    pub fn pending_imports(&self) -> Result<Vec<ImportJournal>> {
        let mut out: Vec<ImportJournal> = Vec::new();
        for (k, v) in self.import_records()? {
            out.extend(self.decoded(META, &k, &v));
        }
        out.sort_by_key(|j| j.started);
        Ok(out)
    }

    /// Closes a day: marks `event` closed, writes `after` and keeps `before` (what those rows
    /// were) for an undo, in one durable step. A later closing of the same day replaces what an
    /// undo would restore.
    pub fn close_day(
        &self,
        event: &Event,
        before: &[Attendance],
        after: &[Attendance],
    ) -> Result<()> {
        self.write(|tx| {
            tx.is(ChangeKind::CloseDay);
            tx.put_event(&mut Event {
                status: EventStatus::Closed,
                ..event.clone()
            })?;
            for a in after {
                tx.put_attendance(a)?;
            }
            tx.put(META, &closed_key(event.id), &before.to_vec())
        })
    }

    /// The attendance rows the last closing of `event` changed, as they were before it.
    pub fn close_undo(&self, event: Id) -> Result<Vec<Attendance>> {
        Ok(self.one(META, &closed_key(event))?.unwrap_or_default())
    }

    /// Undoes the closing of `event`: marks it open again, writes `restore` and forgets the
    /// closing, in one step.
    pub fn undo_close_day(&self, event: &Event, restore: &[Attendance]) -> Result<()> {
        self.write(|tx| {
            tx.is(ChangeKind::ReopenDay);
            tx.put_event(&mut Event {
                status: EventStatus::Planned,
                ..event.clone()
            })?;
            for a in restore {
                tx.put_attendance(a)?;
            }
            tx.del(META, &closed_key(event.id))
        })
    }
}
