//! What two desks say to each other over the link, as serde values. Encoded by the store's
//! codec (`store::codec::to_wire`), whose first byte is the record layout's version: two desks
//! whose layouts differ cannot read each other's Hello, and say so.

use serde::{Deserialize, Serialize};

pub use crate::model::sync::DeskCard;
use crate::model::sync::{Vv, WireEntry};
use crate::store::codec::{self, Undecodable, Unencodable};

use super::session::SyncError;

/// The exchange's own version (the order and meaning of the messages below).
pub const PROTO: u16 = 1;

/// The largest message on the link (the link's own limit).
pub const MESSAGE_MAX: usize = super::frame::MESSAGE_MAX;
/// The largest piece of a snapshot, and the largest snapshot.
pub const SNAPSHOT_PART: usize = 1024 * 1024;
pub const SNAPSHOT_MAX: usize = 256 * 1024 * 1024;
/// Entries are sent in messages of about this many bytes (at least one entry each).
pub const ENTRIES_BYTES: usize = 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    pub proto: u16,
    /// The set of databases this one belongs to (`None`: never synced).
    pub set: Option<[u8; 16]>,
    pub me: DeskCard,
    pub have: Vv,
    /// This desk holds nothing and asks for the whole database first.
    pub fresh: bool,
}

/// Why a desk ends the exchange before it starts; sent so the other side can say it too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// The two databases are not one list (different sets, or one never synced and not empty).
    OtherSet,
    /// The exchange's versions differ; `mine` is the refusing side's.
    Proto { mine: u16 },
    /// The other Hello carries this desk's own id: a copied database folder.
    SameDesk,
    /// Neither side has a set: nothing says which is the list.
    NoSet,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Msg {
    Hello(Hello),
    /// One piece of the host's database for a fresh joiner, applied once all have arrived.
    SnapshotPart {
        index: u32,
        total: u32,
        bytes: Vec<u8>,
    },
    /// Entries the other lacks, in the sender's journal order.
    Entries(Vec<WireEntry>),
    /// Everything the sender now holds, once what it received is durable.
    Ack {
        have: Vv,
    },
    /// The other asked for entries of `desk` from `from_seq` on that are no longer on record
    /// here: it must join again from nothing.
    Gap {
        desk: u64,
        from_seq: u64,
    },
    Refused(Refusal),
    /// A clean end (the user closed the sync, or both are equal and the joiner leaves).
    Bye,
}

impl Msg {
    pub fn encode(&self) -> Result<Vec<u8>, SyncError> {
        codec::to_wire(self, MESSAGE_MAX).map_err(|e| match e {
            Unencodable::TooLarge { bytes, limit } => SyncError::TooLarge { size: bytes, limit },
            Unencodable::Failed => SyncError::Garbled("a message that cannot be encoded"),
        })
    }

    pub fn decode(bytes: &[u8]) -> Result<Msg, SyncError> {
        codec::from_wire(bytes, MESSAGE_MAX).map_err(|e| match e {
            Undecodable::Version(v) => SyncError::Layout { theirs: v },
            Undecodable::TooLarge => SyncError::TooLarge {
                size: bytes.len() as u64,
                limit: MESSAGE_MAX as u64,
            },
            Undecodable::Empty | Undecodable::Garbled => {
                SyncError::Garbled("a message that is not netday's exchange")
            }
        })
    }
}
