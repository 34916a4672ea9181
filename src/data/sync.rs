//! Two desks, seen from the core: the store as the exchange's `Journal` (`sync`, layer 4,
//! never calls the store; this is where the two meet: each call is one of the engine's, its
//! refusals keep their words), the conflicts the exchange left for a coordinator to decide and
//! the decision (a journal entry of its own, which travels), and the people registered apart at
//! two desks who may be one.

use std::collections::HashMap;

use super::Data;
use crate::model::sync::{Applied, DeskCard, Vv, WireEntry};
use crate::model::sync::{Conflict, ConflictId, desk_of};
use crate::model::{Event, Id, Person};
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

impl Data {
    /// Every open conflict, in the same order at every desk (by record, then field).
    pub fn conflicts(&self) -> super::Result<Vec<Conflict>> {
        self.store.conflicts()
    }

    /// Decides `conflict` for its candidate `choice`; the roster is read again.
    pub fn resolve_conflict(
        &mut self,
        conflict: &ConflictId,
        choice: usize,
        event: Option<&Event>,
        events: &[Event],
    ) -> super::Result<()> {
        self.store.resolve(conflict, choice)?;
        self.forget_meeting();
        self.reload(event, events)
    }

    /// This laptop as other desks see it.
    pub fn desk_card(&self) -> super::Result<DeskCard> {
        self.store.desk_card()
    }
}

/// Two people who may be one, registered apart at two desks: `dup` made later than `keep`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SameAtTwoDesks {
    pub keep: Id,
    pub dup: Id,
}

impl Data {
    /// People made at different desks with the same name and the same phone or organisation
    /// (a walk-in registered at both desks while apart), offered for merging: the one made
    /// first is kept. The same pairs, in the same order, at every desk holding the same records.
    pub fn same_at_two_desks(&self) -> Vec<SameAtTwoDesks> {
        use crate::model::contact::{name_key, phone_key};
        let mut by_name: HashMap<String, Vec<&Person>> = HashMap::new();
        for p in self.roster.people.iter().filter(|p| !p.archived) {
            by_name.entry(name_key(&p.name)).or_default().push(p);
        }
        let mut out = Vec::new();
        for group in by_name.values_mut().filter(|g| g.len() > 1) {
            group.sort_by_key(|p| (p.created, p.id));
            for (i, keep) in group.iter().enumerate() {
                for dup in &group[i + 1..] {
                    let phone = phone_key(&keep.phone);
                    let alike = (phone.len() >= 9 && phone == phone_key(&dup.phone))
                        || (keep.org_id.is_some() && keep.org_id == dup.org_id);
                    if alike && desk_of(keep.id) != desk_of(dup.id) {
                        out.push(SameAtTwoDesks {
                            keep: keep.id,
                            dup: dup.id,
                        });
                    }
                }
            }
        }
        out.sort_by_key(|s| (s.keep, s.dup));
        out
    }
}

/// The link's memory, through the core: this database's key and the desks paired with it.
impl Data {
    /// This database's static key pair for the link (drawn the first time).
    pub fn link_keys(&self) -> super::Result<crate::sync::Keys> {
        Ok(crate::sync::Keys::from_private(self.store.link_key()?))
    }

    /// The desks paired with this one.
    pub fn known_desks(&self) -> super::Result<Vec<crate::model::sync::KnownDesk>> {
        self.store.known_desks()
    }

    /// The paired desk with `remote_static`, if any.
    fn known_desk(
        &self,
        remote_static: &[u8; 32],
    ) -> super::Result<Option<crate::model::sync::KnownDesk>> {
        Ok(self
            .store
            .known_desks()?
            .into_iter()
            .find(|d| &d.remote_static == remote_static))
    }

    /// Remembers the desk `paired` with a code just now, at once (named when its Hello comes:
    /// a kill in between must not forget a desk whose code is used up); at a joiner, the
    /// address it was reached at. Paired again (the other desk forgot this one, or lost its
    /// database), it keeps what was known of it but takes the new pairing's file key: both
    /// desks seal files with the key of their latest pairing.
    pub fn remember_paired(
        &self,
        paired: &crate::sync::Paired,
        addr: Option<&str>,
    ) -> super::Result<()> {
        let mut desk = self.known_desk(&paired.remote_static)?.unwrap_or_else(|| {
            crate::model::sync::KnownDesk {
                desk: 0,
                remote_static: paired.remote_static,
                file_key: paired.file_key,
                name: String::new(),
                addr: None,
                seen: Vv::default(),
            }
        });
        desk.file_key = paired.file_key;
        if let Some(a) = addr {
            desk.addr = Some(a.to_string());
        }
        self.store.remember_desk(&desk)
    }

    /// Names the paired desk with `remote_static` as its Hello did (its id and name) and, at
    /// a joiner, keeps the address it was reached at. A desk never paired is not remembered.
    pub fn remember_link(
        &self,
        remote_static: [u8; 32],
        peer: &DeskCard,
        addr: Option<&str>,
    ) -> super::Result<()> {
        let Some(mut desk) = self.known_desk(&remote_static)? else {
            return Ok(());
        };
        desk.desk = peer.id;
        desk.name = peer.name.clone();
        if let Some(a) = addr {
            desk.addr = Some(a.to_string());
        }
        self.store.remember_desk(&desk)
    }

    /// Forgets the paired desks named `name` (a laptop lost or given away): they must pair
    /// with a code again. How many were forgotten.
    pub fn forget_desk(&self, name: &str) -> super::Result<usize> {
        let gone: Vec<_> = self
            .store
            .known_desks()?
            .into_iter()
            .filter(|d| d.name.trim() == name.trim())
            .collect();
        for d in &gone {
            self.store.forget_desk(&d.remote_static)?;
        }
        Ok(gone.len())
    }

    /// How this desk was linked when it last ran: it links again the same way on start.
    pub fn link_resume(&self) -> super::Result<Option<crate::model::sync::LinkResume>> {
        self.store.link_resume()
    }

    /// Remembers how this desk is linked now (`None`: stopped on purpose).
    pub fn set_link_resume(
        &self,
        resume: Option<&crate::model::sync::LinkResume>,
    ) -> super::Result<()> {
        self.store.set_link_resume(resume)
    }
}

/// What `Data::write_sync_file` wrote: how many entries, sealed for which desks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFileWritten {
    pub entries: usize,
    pub desks: Vec<String>,
}

/// Sync files (`netday sync write` / `sync read`): the link's exchange through a file, for a
/// USB stick or a shared folder.
impl Data {
    /// Writes to `path` (a new file, never inside the database) what the paired desks may lack:
    /// every entry beyond what each was last known to hold, sealed for each of them.
    pub fn write_sync_file(
        &self,
        path: &std::path::Path,
        now: crate::model::Ts,
    ) -> Result<SyncFileWritten, SyncError> {
        let known = self.store.known_desks().map_err(words)?;
        let Some(first) = known.first() else {
            return Err(SyncError::FileNoPairedDesk);
        };
        let theirs = known
            .iter()
            .fold(first.seen.clone(), |acc, d| acc.meet(&d.seen));
        let theirs = self.store.on_record_since(&theirs).map_err(words)?;
        let recipients: Vec<crate::sync::file::Recipient> = known
            .iter()
            .map(|d| crate::sync::file::Recipient {
                desk: d.desk,
                key: d.file_key,
            })
            .collect();
        let entries = crate::sync::file::write(
            &mut self.sync_journal(),
            path,
            Some(self.path()),
            &recipients,
            &theirs,
            now,
        )?;
        Ok(SyncFileWritten {
            entries,
            desks: known.into_iter().map(|d| d.name).collect(),
        })
    }

    /// Remembers that the desk with `remote_static` holds at least `held` (acknowledged over
    /// the link): the next sync file for it starts there. Written only when it grows.
    pub fn note_seen(&self, remote_static: &[u8; 32], held: &Vv) -> super::Result<()> {
        let Some(mut d) = self.known_desk(remote_static)? else {
            return Ok(());
        };
        let before = d.seen.clone();
        d.seen.merge(held);
        if d.seen == before {
            return Ok(());
        }
        self.store.remember_desk(&d)
    }

    /// What the desks met over `driver`'s links acknowledged (`note_seen` for each).
    pub fn note_acks(&self, driver: &crate::sync::Driver) -> super::Result<()> {
        for (remote_static, held) in driver.acked() {
            self.note_seen(remote_static, held)?;
        }
        Ok(())
    }

    /// Reads a sync file a paired desk wrote and applies it (reading it twice changes nothing);
    /// remembers what that desk held, so the next file written for it carries only the rest.
    pub fn read_sync_file(
        &self,
        path: &std::path::Path,
    ) -> Result<crate::sync::file::FileRead, SyncError> {
        let known = self.store.known_desks().map_err(words)?;
        let read = crate::sync::file::read(&mut self.sync_journal(), path, |desk| {
            known.iter().find(|d| d.desk == desk).map(|d| d.file_key)
        })?;
        if let Some(mut d) = known.into_iter().find(|d| d.desk == read.from.id) {
            d.seen.merge(&read.have);
            d.name.clone_from(&read.from.name);
            self.store.remember_desk(&d).map_err(words)?;
        }
        Ok(read)
    }
}
