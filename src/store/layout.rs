//! Which sled tree holds what, and how keys are made: the layout every other store file
//! shares. Touches nothing; only names trees and builds keys.

use super::DamagedRecord;
use crate::model::Id;

// Tree indices inside `Store::trees` (and a transaction's view of them).
pub(super) const META: usize = 0;
pub(super) const EVENTS: usize = 1;
pub(super) const ORGS: usize = 2;
pub(super) const PEOPLE: usize = 3;
pub(super) const PEOPLE_BY_ORG: usize = 4;
pub(super) const PEOPLE_BY_CODE: usize = 5;
pub(super) const ATTENDANCE: usize = 6;
pub(super) const ATTENDANCE_BY_PERSON: usize = 7;
pub(super) const AGENDA: usize = 8;
pub(super) const AGENDA_BY_EVENT: usize = 9;
pub(super) const NOTES: usize = 10;
pub(super) const NOTES_BY_EVENT: usize = 11;
pub(super) const IDEAS: usize = 12;
pub(super) const DRAFTS: usize = 13;
/// The change journal: one `model::Change` per write, by its order (8 bytes, big-endian).
pub(super) const CHANGES: usize = 14;
/// A person merged away (key: their id) → the person they were merged into (value: that id).
pub(super) const MERGED_INTO: usize = 15;
/// Every journal entry exchanged between desks, by desk id and its count there (8 + 8 bytes,
/// big-endian) → `sync::LogEntry`: where it sits in this journal, what its desk had seen, and
/// (for another desk's entry) the entry as that desk made it.
pub(super) const SYNC_LOG: usize = 16;
/// Per record written since the database joined a set of desks (tree index byte ‖ key) →
/// `sync::RecState`: for each field, the writes no other write held here has seen.
pub(super) const SYNC_FIELDS: usize = 17;
/// A person's consent to keep their personal data (key: the person's id) → `model::Consent`.
pub(super) const CONSENT: usize = 18;
pub(super) const TREE_NAMES: [&str; 19] = [
    "meta",
    "events",
    "orgs",
    "people",
    "people_by_org",
    "people_by_code",
    "attendance",
    "attendance_by_person",
    "agenda",
    "agenda_by_event",
    "notes",
    "notes_by_event",
    "ideas",
    "drafts",
    "changes",
    "merged_into",
    "sync_log",
    "sync_fields",
    "consent",
];
/// The tree earlier versions kept the caches in (see `cache.rs`), dropped when found.
pub(super) const RETIRED_CACHE_TREE: &str = "cache";

/// `meta`: a token no other write anywhere has made, rewritten by every person or organisation
/// write (see `cache.rs`); the caches are valid only for the token they were built at.
pub(super) const GEN_KEY: &[u8] = b"gen:token";
/// The counter earlier versions kept under this key instead: two copies of one database reach
/// the same count with other people behind it. Removed on open.
pub(super) const RETIRED_GEN_KEY: &[u8] = b"gen:people";
/// `meta`: 16 random bytes drawn when the database is created, never changed.
pub(super) const DB_ID_KEY: &[u8] = b"db:id";

pub(super) const SCHEMA_KEY: &[u8] = b"schema";
/// The schema byte in `meta` of a database that syncs with other desks: its records are
/// `SCHEMA`'s, but it keeps bookkeeping (`sync_log`, `sync_fields`, its own count) an older
/// netday would not keep up, so an older netday refuses it as newer instead of writing to it.
pub(super) const SYNCED_SCHEMA: u8 = super::SCHEMA | 0x80;
/// `meta`: this database's desk id for the change journal (8 random bytes, drawn on the first
/// change), and the journal's counter.
pub(super) const DESK_ID_KEY: &[u8] = b"desk:id";
pub(super) const CHANGES_SEQ_KEY: &[u8] = b"seq:changes";
/// `meta`: this desk's own count of the changes it made (absent: `seq:changes`, which it
/// equals until another desk's change is applied here).
pub(super) const DESK_SEQ_KEY: &[u8] = b"seq:desk";
/// `meta`: the high bits of every id this desk gives (absent: 0, the first desk of a set and
/// every database made before sets existed), so two desks never give the same id.
pub(super) const DESK_PREFIX_KEY: &[u8] = b"desk:prefix";
/// `meta`: the set of desks this database syncs with (16 bytes; absent: never synced).
pub(super) const SYNC_SET_KEY: &[u8] = b"sync:set";
/// `meta`: the version vector (`model::sync::Vv`) of what this database holds.
pub(super) const SYNC_VV_KEY: &[u8] = b"sync:vv";
/// This database's static key for the link between desks (a private X25519 key, drawn once).
pub(super) const SYNC_STATIC_KEY: &[u8] = b"sync:static";
/// `sync:desk:` + a paired desk's static public key → its `KnownDesk`.
pub(super) const SYNC_DESK_PREFIX: &[u8] = b"sync:desk:";
/// `meta`: how this desk was linked when it last ran (`model::sync::LinkResume`; absent: not
/// linked, or the link was stopped).
pub(super) const SYNC_RESUME_KEY: &[u8] = b"sync:resume";
/// `meta`: the id prefixes this desk may still hand to desks that join from it, `lo ‖ hi`
/// (8 + 8 bytes; absent: every prefix above 0).
pub(super) const SYNC_NEXT_PREFIX_KEY: &[u8] = b"sync:next_prefix";
/// `meta`: present while a join fills this database; such a database is not a desk yet.
pub(super) const SYNC_JOINING_KEY: &[u8] = b"sync:joining";
/// Bits of an id under its desk prefix.
pub(super) const ID_BITS: u32 = crate::model::sync::ID_BITS;

/// Trees a change's journal entry leaves out: counters and tokens (`meta`), the editor's
/// autosaved drafts, and the journal itself with what syncing keeps of it.
pub(super) fn journalled(tree: usize) -> bool {
    !matches!(tree, META | DRAFTS | CHANGES | SYNC_LOG | SYNC_FIELDS)
}

pub(super) fn be(id: Id) -> [u8; 8] {
    id.to_be_bytes()
}

pub(super) fn pair(a: Id, b: Id) -> [u8; 16] {
    let mut k = [0u8; 16];
    k[..8].copy_from_slice(&a.to_be_bytes());
    k[8..].copy_from_slice(&b.to_be_bytes());
    k
}

pub(super) fn second_of_pair(k: &[u8]) -> Option<Id> {
    k.get(8..16).and_then(from_be)
}

/// An id (or a counter) stored as 8 big-endian bytes; `None` for anything else.
pub(super) fn from_be(v: &[u8]) -> Option<Id> {
    v.try_into().ok().map(u64::from_be_bytes)
}

/// Names the unreadable record under `key` in tree `tree`.
pub(super) fn damaged(tree: usize, key: &[u8]) -> DamagedRecord {
    DamagedRecord {
        tree: TREE_NAMES[tree],
        key: key.to_vec(),
    }
}
