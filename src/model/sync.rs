//! What two desks exchange, as plain values: the version vector that says which entries of each
//! desk's journal a database holds, and an entry as it travels (the change and what its desk had
//! seen when it was made). The rules that apply an entry live in the store; the link that moves
//! it lives in `sync`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Ts;
use super::change::Change;

/// For each desk (by id), the highest of its journal's counts (`Change.seq`) held here. A desk
/// applies the entries of another in their count order, so holding `n` means holding 1..=n.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vv(pub BTreeMap<u64, u64>);

impl Vv {
    /// What both hold: per desk, the lower count.
    pub fn meet(&self, other: &Vv) -> Vv {
        Vv(self
            .0
            .iter()
            .filter_map(|(&d, &n)| {
                let m = n.min(other.get(d));
                (m > 0).then_some((d, m))
            })
            .collect())
    }

    /// The highest count of `desk` held (0: none).
    pub fn get(&self, desk: u64) -> u64 {
        self.0.get(&desk).copied().unwrap_or(0)
    }

    /// Whether the entry `seq` of `desk` is held.
    pub fn covers(&self, desk: u64, seq: u64) -> bool {
        seq <= self.get(desk)
    }

    /// Records that `desk`'s entries up to `seq` are held (never lowers).
    pub fn note(&mut self, desk: u64, seq: u64) {
        let at = self.0.entry(desk).or_insert(0);
        *at = (*at).max(seq);
    }

    /// Takes in everything `other` holds.
    pub fn merge(&mut self, other: &Vv) {
        for (&desk, &seq) in &other.0 {
            self.note(desk, seq);
        }
    }

    /// Whether `other` holds an entry this does not.
    pub fn lacks_from(&self, other: &Vv) -> bool {
        other.0.iter().any(|(&desk, &seq)| !self.covers(desk, seq))
    }
}

/// An id's low bits count the ids its desk made; the bits above name the desk (its prefix,
/// 0 for the first desk and for every id made before any sync), so two desks never make the
/// same id.
pub const ID_BITS: u32 = 40;

/// Which desk made `id` (its prefix).
pub fn desk_of(id: crate::model::Id) -> u64 {
    id >> ID_BITS
}

/// A journal entry on its way to another desk: the change as its desk recorded it, and the
/// version vector that desk held just before it (what the change had seen).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireEntry {
    pub change: Change,
    pub deps: Vv,
}

/// A desk as another desk sees it: its id (drawn once per database) and its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCard {
    pub id: u64,
    pub name: String,
}

/// A desk paired with this one: reconnecting accepts exactly its static key; the file key
/// seals sync files to it; where it was last reached and its name, for the screen.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownDesk {
    /// Its desk id (`DeskCard::id`): sync files are sealed for it under this number.
    pub desk: u64,
    pub remote_static: [u8; 32],
    pub file_key: [u8; 32],
    pub name: String,
    /// The host's address as typed by the joiner (`None` at the host).
    pub addr: Option<String>,
    /// What it held, as far as this desk knows (from the last sync file read from it): a sync
    /// file written for it carries what lies beyond.
    pub seen: Vv,
}

impl std::fmt::Debug for KnownDesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnownDesk")
            .field("desk", &self.desk)
            .field("name", &self.name)
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// How this desk was linked when it last ran, so that it links again by itself after a
/// crash, a kill or a quit: hosting, listening on `listen` again, or joined to `addr`. Stopping
/// the link (F4) forgets it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkResume {
    Host { listen: String },
    Join { addr: String },
}

/// Which field of which record a conflict is about (the same at every desk).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ConflictId {
    pub tree: u8,
    pub key: Vec<u8>,
    /// The field's place in its record (`EXISTS`: whether the record is there at all).
    pub field: u8,
}

/// The pseudo-field of a record's existence: a deletion against a concurrent edit.
pub const EXISTS: u8 = u8::MAX;

/// One value a conflict offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub desk_name: String,
    pub at: Ts,
    pub value: Value,
    /// The value both desks show until a coordinator chooses.
    pub provisional: bool,
}

/// A conflicting value as plain facts; `i18n` puts it in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    Text(String),
    /// An empty text, an organisation not set.
    Empty,
    /// The record was removed.
    Deleted,
    /// The record is there (against a removal).
    Kept,
    Archived(bool),
    Attendance(crate::model::AttendanceStatus),
    /// Bytes this netday cannot read as the field.
    Unreadable,
    /// A person's consent on record: the answer, when and how (last: older records keep
    /// their variants' numbers).
    Consent(crate::model::Consent),
}

/// What kind of record a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordKind {
    Person,
    Org,
    Event,
    /// A person's attendance at a day: the name is "person · date".
    Attendance,
    Agenda,
    Note,
    Idea,
    /// Who a person was merged into.
    Merge,
    /// A badge code two desks both gave: the name is the code.
    BadgeCode,
    Other,
}

/// Which field a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldName {
    /// Whether the record is there at all (a removal against an edit).
    Exists,
    Id,
    Code,
    Name,
    Org,
    Role,
    Phone,
    Email,
    Tags,
    Notes,
    Archived,
    Created,
    OtherCodes,
    Kind,
    District,
    Contact,
    Attendance,
    MergedInto,
    Content,
    /// A person's consent on record (answer, time and way together).
    Consent,
}

/// A field two desks changed without seeing each other's change, to differing values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: ConflictId,
    pub kind: RecordKind,
    /// The record's name as the history would show it (a person's name, a day's date and title).
    pub record: String,
    pub field: FieldName,
    pub candidates: Vec<Candidate>,
}

impl Conflict {
    /// Its values as every view lists them: the one shown now first, the others in the order
    /// every desk holds them (indices into `candidates`).
    pub fn listed(&self) -> Vec<usize> {
        let mut js: Vec<usize> = (0..self.candidates.len()).collect();
        js.sort_by_key(|&j| !self.candidates[j].provisional);
        js
    }
}

/// Which nouns an apply changed, so the screens know what to read again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub people: bool,
    pub attendance: bool,
    pub events: bool,
    pub agenda: bool,
    pub notes: bool,
    pub ideas: bool,
    pub orgs: bool,
}

impl Touched {
    pub fn any(&self) -> bool {
        self.people
            || self.attendance
            || self.events
            || self.agenda
            || self.notes
            || self.ideas
            || self.orgs
    }
}

/// What `apply_remote` did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub applied: usize,
    /// Entries already held here (sent twice): nothing done.
    pub skipped: usize,
    pub conflicts_opened: usize,
    pub what: Touched,
}

/// One write of a field that no other write held here has seen: what the provisional value
/// is chosen among.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vote {
    pub desk: u64,
    pub seq: u64,
    pub at: Ts,
    /// The write removed the record.
    pub absent: bool,
}

/// The provisional value among concurrent writes (same answer whatever their order): a
/// deletion never beats an edit; then the latest time, then the higher desk id, then the
/// higher count. `None` only for no votes.
pub fn pick(votes: &[Vote]) -> Option<usize> {
    (0..votes.len()).max_by_key(|&i| {
        let v = votes[i];
        (!v.absent, v.at, v.desk, v.seq)
    })
}

/// The provisional attendance among concurrent writes, and whether they conflict: when every
/// one is an arrival, the earliest arrival (then the lower desk id) and no conflict — the same
/// person checked in at two desks came once; otherwise an arrival wins over anything else
/// (then `pick`), and it is a conflict.
pub fn pick_attendance(votes: &[(Vote, Option<Ts>)]) -> Option<(usize, bool)> {
    if votes.is_empty() {
        return None;
    }
    if votes.iter().all(|(_, arrived)| arrived.is_some()) {
        let i = (0..votes.len()).min_by_key(|&i| {
            let (v, arrived) = votes[i];
            (arrived, v.desk, v.seq)
        })?;
        return Some((i, false));
    }
    let i = (0..votes.len()).max_by_key(|&i| {
        let (v, arrived) = votes[i];
        (!v.absent, arrived.is_some(), v.at, v.desk, v.seq)
    })?;
    Some((i, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_vector_covers_what_it_noted_and_merges_upwards() {
        let mut a = Vv::default();
        a.note(7, 3);
        a.note(7, 2);
        assert!(a.covers(7, 3) && !a.covers(7, 4) && !a.covers(9, 1) && a.covers(9, 0));
        let mut b = Vv::default();
        b.note(9, 1);
        assert!(a.lacks_from(&b) && b.lacks_from(&a));
        a.merge(&b);
        assert!(!a.lacks_from(&b) && a.get(9) == 1 && a.get(7) == 3);
    }

    fn vote(desk: u64, at: i64, absent: bool) -> Vote {
        Vote {
            desk,
            seq: 1,
            at: Ts(at),
            absent,
        }
    }

    #[test]
    fn the_provisional_value_is_the_later_write_and_never_a_deletion_over_an_edit() {
        let votes = [vote(1, 10, false), vote(2, 20, false)];
        assert_eq!(pick(&votes), Some(1));
        let rev = [vote(2, 20, false), vote(1, 10, false)];
        assert_eq!(pick(&rev), Some(0));
        assert_eq!(pick(&[vote(1, 10, false), vote(2, 20, true)]), Some(0));
        assert_eq!(pick(&[vote(1, 10, false), vote(2, 10, false)]), Some(1));
    }

    #[test]
    fn two_arrivals_are_one_at_the_earlier_time_and_an_arrival_beats_a_cancellation() {
        let both = [
            (vote(1, 50, false), Some(Ts(30))),
            (vote(2, 40, false), Some(Ts(20))),
        ];
        assert_eq!(pick_attendance(&both), Some((1, false)));
        let against = [
            (vote(1, 50, false), None),
            (vote(2, 40, false), Some(Ts(20))),
        ];
        assert_eq!(pick_attendance(&against), Some((1, true)));
    }
}
