//! The exchange between two desks, without I/O: a `Session` is fed the other desk's messages
//! and the local journal, and queues what to send. The same state machine runs over a TCP link
//! (`driver`), an in-memory pipe (tests) or not at all (the sync file uses the journal alone).
//!
//! Both sides send a Hello first. Then each sends, in its journal order, the entries the other
//! lacks (by the other's version vector), at most `WINDOW` messages ahead of the other's acks;
//! each received `Entries` is applied durably and answered with `Ack { have }`. A fresh joiner
//! (never synced) gets the host's snapshot first, then the entries after it. Two desks whose
//! databases are not one list refuse each other after the Hellos, before any entry moves.

use std::collections::VecDeque;

use crate::model::sync::{Vv, WireEntry};

pub use super::error::SyncError;
use super::wire::{
    DeskCard, ENTRIES_BYTES, Hello, Msg, PROTO, Refusal, SNAPSHOT_MAX, SNAPSHOT_PART,
};

/// What the exchange needs of a database, and all it may do to one. The store's side is
/// `data::sync` (layer 5); `sync` never calls the store itself.
pub trait Journal {
    fn card(&mut self) -> Result<DeskCard, SyncError>;
    /// The set this database belongs to (`None`: never synced).
    fn set(&mut self) -> Result<Option<[u8; 16]>, SyncError>;
    /// Every desk's highest entry held here, this desk's own included.
    fn have(&mut self) -> Result<Vv, SyncError>;
    /// Entries held here that `theirs` lacks, in this journal's order, about `max_bytes` at
    /// most (at least one if there is any). `Err(SyncError::Gap{..})` when some were folded away.
    fn entries_since(&mut self, theirs: &Vv, max_bytes: usize)
    -> Result<Vec<WireEntry>, SyncError>;
    /// Applies entries durably (skipping those already held); how many were new.
    fn apply(&mut self, entries: &[WireEntry]) -> Result<usize, SyncError>;
    /// Everything a fresh desk needs.
    fn snapshot(&mut self) -> Result<Vec<u8>, SyncError>;
    /// Takes a snapshot into a fresh (empty, setless) database; refuses any other.
    fn join(&mut self, snapshot: &[u8]) -> Result<(), SyncError>;
}

/// How many `Entries` messages may be on their way unacknowledged.
pub const WINDOW: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Offers the list; a fresh joiner takes its snapshot.
    Host,
    /// Came to the host; may be fresh.
    Joiner,
}

/// What one received message did here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Heard {
    /// Entries new to this database.
    pub applied: usize,
    /// The host's snapshot was taken in (everything changed).
    pub joined: bool,
}

/// Counts for the header and the command line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sent: u64,
    pub received: u64,
    pub applied: u64,
}

#[derive(Debug)]
pub struct Session {
    role: Role,
    me: Option<DeskCard>,
    peer: Option<DeskCard>,
    /// What the peer holds as far as this side knows: its Hello and acks, and every entry
    /// sent to it or received from it.
    peer_holds: Vv,
    /// What the peer said it holds (Hello, then acks): what is durable there.
    peer_acked: Vv,
    my_have: Vv,
    /// A fresh joiner between the host's Hello and the last snapshot part.
    snapshot_in: Option<SnapshotIn>,
    in_flight: u32,
    outbox: VecDeque<Msg>,
    closed: bool,
    counts: Counts,
}

#[derive(Debug, Default)]
struct SnapshotIn {
    total: Option<u32>,
    next: u32,
    bytes: Vec<u8>,
}

impl Session {
    pub fn new(role: Role) -> Session {
        Session {
            role,
            me: None,
            peer: None,
            peer_holds: Vv::default(),
            peer_acked: Vv::default(),
            my_have: Vv::default(),
            snapshot_in: None,
            in_flight: 0,
            outbox: VecDeque::new(),
            closed: false,
            counts: Counts::default(),
        }
    }

    /// Queues this side's Hello. A host must belong to a set (`sync host` makes one).
    pub fn start(&mut self, j: &mut impl Journal) -> Result<(), SyncError> {
        let me = j.card()?;
        let set = j.set()?;
        if self.role == Role::Host && set.is_none() {
            return Err(SyncError::Refused(Refusal::NoSet));
        }
        self.my_have = j.have()?;
        self.outbox.push_back(Msg::Hello(Hello {
            proto: PROTO,
            set,
            me: me.clone(),
            have: self.my_have.clone(),
            fresh: self.role == Role::Joiner && set.is_none(),
        }));
        self.me = Some(me);
        Ok(())
    }

    /// The next message to send, oldest first.
    pub fn next_out(&mut self) -> Option<Msg> {
        self.outbox.pop_front()
    }

    pub fn drain(&mut self) -> Vec<Msg> {
        self.outbox.drain(..).collect()
    }

    /// The other desk, once its Hello was accepted.
    pub fn peer(&self) -> Option<&DeskCard> {
        self.peer.as_ref()
    }

    /// The other side said Bye, or this side refused or was refused: nothing more to do.
    pub fn closed(&self) -> bool {
        self.closed
    }

    /// What the other desk said it holds (its Hello, its acks, what it sent).
    pub fn peer_acked(&self) -> &Vv {
        &self.peer_acked
    }

    /// What this desk held when the session last looked.
    pub fn my_have(&self) -> &Vv {
        &self.my_have
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Entries held here that the other desk has not acknowledged as durable.
    pub fn unacked(&self) -> u64 {
        self.my_have
            .0
            .iter()
            .map(|(&desk, &seq)| seq.saturating_sub(self.peer_acked.get(desk)))
            .sum()
    }

    /// Both desks hold the same entries, as far as this side has heard, and nothing is on its
    /// way either direction from here.
    pub fn settled(&self) -> bool {
        self.peer.is_some()
            && !self.closed
            && self.snapshot_in.is_none()
            && self.in_flight == 0
            && self.outbox.is_empty()
            && !self.my_have.lacks_from(&self.peer_acked)
            && !self.peer_acked.lacks_from(&self.my_have)
    }

    /// Ends the exchange cleanly: queues a Bye.
    pub fn bye(&mut self) {
        if !self.closed {
            self.outbox.push_back(Msg::Bye);
            self.closed = true;
        }
    }

    fn refuse(&mut self, why: Refusal, err: SyncError) -> Result<Heard, SyncError> {
        self.outbox.push_back(Msg::Refused(why));
        self.closed = true;
        Err(err)
    }

    fn fail(&mut self, err: SyncError) -> Result<Heard, SyncError> {
        self.closed = true;
        Err(err)
    }

    /// Takes in one message from the other desk. An error ends the exchange (a refusal to send
    /// may be queued first: send what `next_out` gives, then close).
    pub fn receive(&mut self, j: &mut impl Journal, msg: Msg) -> Result<Heard, SyncError> {
        if self.closed {
            return Ok(Heard::default());
        }
        if self.me.is_none() {
            self.start(j)?;
        }
        match msg {
            Msg::Hello(h) if self.peer.is_none() => self.hello(j, h),
            Msg::Refused(why) => self.fail(SyncError::from_refusal(why)),
            Msg::Gap { desk, from_seq } => self.fail(SyncError::Gap { desk, from_seq }),
            Msg::Bye => {
                self.closed = true;
                Ok(Heard::default())
            }
            _ if self.peer.is_none() => self.fail(SyncError::Garbled("a message before Hello")),
            Msg::Hello(_) => self.fail(SyncError::Garbled("a second Hello")),
            Msg::SnapshotPart {
                index,
                total,
                bytes,
            } => self.snapshot_part(j, index, total, bytes),
            Msg::Entries(entries) => self.entries(j, entries),
            Msg::Ack { have } => {
                self.peer_acked.merge(&have);
                self.peer_holds.merge(&have);
                self.in_flight = self.in_flight.saturating_sub(1);
                self.pump(j)?;
                Ok(Heard::default())
            }
        }
    }

    fn hello(&mut self, j: &mut impl Journal, h: Hello) -> Result<Heard, SyncError> {
        if h.proto != PROTO {
            return self.refuse(
                Refusal::Proto { mine: PROTO },
                SyncError::Proto {
                    ours: PROTO,
                    theirs: h.proto,
                },
            );
        }
        let Some(me) = self.me.clone() else {
            return self.fail(SyncError::Garbled("no Hello of our own"));
        };
        if h.me.id == me.id {
            return self.refuse(Refusal::SameDesk, SyncError::Refused(Refusal::SameDesk));
        }
        let mine = j.set()?;
        let snapshot_out = match (self.role, mine, h.set) {
            (_, Some(a), Some(b)) if a == b => false,
            (Role::Host, Some(_), None) if h.fresh => true,
            (Role::Joiner, None, Some(_)) => {
                self.snapshot_in = Some(SnapshotIn::default());
                false
            }
            (_, None, None) => {
                return self.refuse(Refusal::NoSet, SyncError::Refused(Refusal::NoSet));
            }
            _ => return self.refuse(Refusal::OtherSet, SyncError::Refused(Refusal::OtherSet)),
        };
        self.peer = Some(h.me);
        self.peer_acked = h.have.clone();
        self.peer_holds = h.have;
        if snapshot_out {
            self.send_snapshot(j)?;
        }
        if self.snapshot_in.is_none() {
            self.pump(j)?;
        }
        Ok(Heard::default())
    }

    fn send_snapshot(&mut self, j: &mut impl Journal) -> Result<(), SyncError> {
        let bytes = j.snapshot()?;
        let at = j.have()?;
        if bytes.len() > SNAPSHOT_MAX {
            self.closed = true;
            return Err(SyncError::TooLarge {
                size: bytes.len() as u64,
                limit: SNAPSHOT_MAX as u64,
            });
        }
        let parts: Vec<&[u8]> = if bytes.is_empty() {
            vec![&[]]
        } else {
            bytes.chunks(SNAPSHOT_PART).collect()
        };
        let total = parts.len() as u32;
        for (index, part) in parts.into_iter().enumerate() {
            self.outbox.push_back(Msg::SnapshotPart {
                index: index as u32,
                total,
                bytes: part.to_vec(),
            });
        }
        // The joiner acks once the whole snapshot is in.
        self.in_flight += 1;
        self.peer_holds = at;
        Ok(())
    }

    fn snapshot_part(
        &mut self,
        j: &mut impl Journal,
        index: u32,
        total: u32,
        bytes: Vec<u8>,
    ) -> Result<Heard, SyncError> {
        let Some(s) = self.snapshot_in.as_mut() else {
            return self.fail(SyncError::Garbled("a snapshot nobody asked for"));
        };
        let fits = total >= 1
            && (total as usize).saturating_mul(SNAPSHOT_PART) <= SNAPSHOT_MAX
            && bytes.len() <= SNAPSHOT_PART
            && s.total.is_none_or(|t| t == total)
            && index == s.next
            && index < total;
        if !fits {
            return self.fail(SyncError::Garbled("a snapshot in wrong pieces"));
        }
        s.total = Some(total);
        s.next += 1;
        s.bytes.extend_from_slice(&bytes);
        if s.next < total {
            return Ok(Heard::default());
        }
        let whole = std::mem::take(&mut s.bytes);
        self.snapshot_in = None;
        if let Err(e) = j.join(&whole) {
            return self.fail(e);
        }
        self.my_have = j.have()?;
        self.peer_holds.merge(&self.my_have.clone());
        self.outbox.push_back(Msg::Ack {
            have: self.my_have.clone(),
        });
        self.pump(j)?;
        Ok(Heard {
            applied: 0,
            joined: true,
        })
    }

    fn entries(
        &mut self,
        j: &mut impl Journal,
        entries: Vec<WireEntry>,
    ) -> Result<Heard, SyncError> {
        if self.snapshot_in.is_some() {
            return self.fail(SyncError::Garbled("entries before the snapshot"));
        }
        let applied = match j.apply(&entries) {
            Ok(n) => n,
            Err(e) => return self.fail(e),
        };
        // What the other desk sent, it holds on record.
        for e in &entries {
            self.peer_holds.note(e.change.desk_id, e.change.seq);
            self.peer_acked.note(e.change.desk_id, e.change.seq);
        }
        self.my_have = j.have()?;
        self.counts.received += entries.len() as u64;
        self.counts.applied += applied as u64;
        self.outbox.push_back(Msg::Ack {
            have: self.my_have.clone(),
        });
        Ok(Heard {
            applied,
            joined: false,
        })
    }

    /// Queues what changed here since the last call (local writes, or entries another desk's
    /// session applied), within the window.
    pub fn local_news(&mut self, j: &mut impl Journal) -> Result<(), SyncError> {
        if self.peer.is_none() || self.closed || self.snapshot_in.is_some() {
            return Ok(());
        }
        self.pump(j)
    }

    fn pump(&mut self, j: &mut impl Journal) -> Result<(), SyncError> {
        self.my_have = j.have()?;
        while self.in_flight < WINDOW && self.peer_holds.lacks_from(&self.my_have) {
            let batch = match j.entries_since(&self.peer_holds, ENTRIES_BYTES) {
                Ok(b) => b,
                Err(SyncError::Gap { desk, from_seq }) => {
                    self.outbox.push_back(Msg::Gap { desk, from_seq });
                    self.closed = true;
                    return Err(SyncError::Gap { desk, from_seq });
                }
                Err(e) => {
                    self.closed = true;
                    return Err(e);
                }
            };
            if batch.is_empty() {
                break;
            }
            for e in &batch {
                self.peer_holds.note(e.change.desk_id, e.change.seq);
            }
            self.counts.sent += batch.len() as u64;
            self.in_flight += 1;
            self.outbox.push_back(Msg::Entries(batch));
        }
        Ok(())
    }
}
