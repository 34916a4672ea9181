//! Two desks, one list: the store's side of syncing. Every journal entry of a database in a set
//! of desks is kept in `sync_log` with what its desk had seen when it was made (its deps, a
//! version vector); another desk's entry is applied field by field through the same `Tx` as any
//! write, so the history and undo see it. Per field the store keeps the writes no other write
//! held here has seen (`sync_fields`): one write is the value; several that differ are a
//! conflict, shown with a provisional value every desk picks alike (`model::sync::pick`).
//! Deciding by what each write had seen, not by comparing with the local value, is what makes
//! every desk end on the same value whatever the order the entries came in.

use crate::model::sync::{KnownDesk, LinkResume};
use serde::{Deserialize, Serialize};

use super::fields;
use super::layout::{
    AGENDA, AGENDA_BY_EVENT, ATTENDANCE, ATTENDANCE_BY_PERSON, CHANGES, CONSENT, DB_ID_KEY,
    DESK_PREFIX_KEY, DESK_SEQ_KEY, EVENTS, IDEAS, MERGED_INTO, META, NOTES, NOTES_BY_EVENT, ORGS,
    PEOPLE, PEOPLE_BY_CODE, PEOPLE_BY_ORG, SCHEMA_KEY, SYNC_DESK_PREFIX, SYNC_FIELDS,
    SYNC_JOINING_KEY, SYNC_LOG, SYNC_NEXT_PREFIX_KEY, SYNC_RESUME_KEY, SYNC_SET_KEY,
    SYNC_STATIC_KEY, SYNC_VV_KEY, SYNCED_SCHEMA, TREE_NAMES, be, from_be, pair,
};
use super::write::{Tx, TxResult};
use super::{Result, Snapshot, Store, StoreError, codec};
use crate::model::change::{Change, ChangeKind, Write};
use crate::model::sync::{
    Applied, Candidate, Conflict, ConflictId, DeskCard, EXISTS, RecordKind, Touched, Value, Vote,
    Vv, WireEntry, pick, pick_attendance,
};
use crate::model::{AgendaItem, Attendance, Note, Person, Ts};

/// An entry of the exchange as this database keeps it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub(super) struct LogEntry {
    /// Its place in this database's journal (`changes`); 0 for entries that came with the
    /// snapshot this database joined from, which are ordered by `pre` instead.
    order: u64,
    pre: u64,
    /// What its desk held just before it.
    deps: Vv,
    /// Another desk's entry as that desk made it (this desk's own are in `changes`).
    verbatim: Option<Change>,
}

/// One write of one field (or of a record's existence) that no other write held here has seen.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct Cand {
    desk: u64,
    seq: u64,
    at: Ts,
    desk_name: String,
    /// The field's bytes; for the existence, `None` = removed.
    value: Option<Vec<u8>>,
}

/// A record's fields as writes: desk 0, count 0 is the value every desk held when the record
/// was first written after joining (every entry has seen it).
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
struct RecState {
    exists: Vec<Cand>,
    fields: Vec<Vec<Cand>>,
}

/// What one write did at its desk: whether the record is there after it, and the fields it
/// changed.
struct Written {
    present: bool,
    fields: Vec<(usize, Vec<u8>)>,
}

fn written(tree: usize, w: &Write, forced: Option<u8>) -> Option<Written> {
    let Some(after) = &w.after else {
        return Some(Written {
            present: false,
            fields: Vec::new(),
        });
    };
    let a = fields::split(tree, after)?;
    let b = match &w.before {
        Some(b) => Some(fields::split(tree, b)?),
        None => None,
    };
    let fields = a
        .into_iter()
        .enumerate()
        .filter(|(i, v)| match &b {
            None => true,
            Some(b) => b.get(*i) != Some(v) || forced == Some(*i as u8),
        })
        .collect();
    Some(Written {
        present: true,
        fields,
    })
}

fn vote(c: &Cand) -> Vote {
    Vote {
        desk: c.desk,
        seq: c.seq,
        at: c.at,
        absent: c.value.is_none(),
    }
}

fn arrived(value: &Option<Vec<u8>>) -> Option<Ts> {
    let mut bytes = vec![codec::SCHEMA];
    bytes.extend_from_slice(value.as_deref()?);
    codec::decode::<Attendance>(&bytes)
        .ok()?
        .status
        .arrived_at()
}

/// The candidate a field shows and whether its candidates conflict.
fn choose(tree: usize, field: usize, list: &[Cand]) -> Option<(usize, bool)> {
    if list.is_empty() {
        return None;
    }
    let differ = |i: usize| list.iter().any(|c| c.value != list[i].value);
    if tree == ATTENDANCE && field == 0 {
        let votes: Vec<(Vote, Option<Ts>)> =
            list.iter().map(|c| (vote(c), arrived(&c.value))).collect();
        let (i, conflict) = pick_attendance(&votes)?;
        return Some((i, conflict && differ(i)));
    }
    if fields::is_latest_wins(tree, field) {
        let i = (0..list.len()).max_by_key(|&i| {
            let t = list[i]
                .value
                .as_deref()
                .and_then(|v| codec::decode_body::<Ts>(v).ok());
            (t, list[i].desk, list[i].seq)
        })?;
        return Some((i, false));
    }
    let votes: Vec<Vote> = list.iter().map(vote).collect();
    let i = pick(&votes)?;
    Some((i, differ(i)))
}

impl RecState {
    fn base(tree: usize, local: Option<&[u8]>) -> RecState {
        let base = |value| Cand {
            desk: 0,
            seq: 0,
            at: Ts(0),
            desk_name: String::new(),
            value,
        };
        match local.and_then(|l| fields::split(tree, l)) {
            Some(f) => RecState {
                exists: vec![base(Some(Vec::new()))],
                fields: f.into_iter().map(|v| vec![base(Some(v))]).collect(),
            },
            None => RecState {
                exists: vec![base(None)],
                fields: Vec::new(),
            },
        }
    }

    /// Takes in a write made by `by` (its desk, count, time) that had seen `deps`: it
    /// replaces every write of the same field it had seen and stands beside the others.
    fn take(&mut self, w: &Written, by: &Cand, deps: &Vv) {
        let keep = |list: &mut Vec<Cand>, value: Option<Vec<u8>>| {
            list.retain(|c| !(deps.covers(c.desk, c.seq) || (c.desk, c.seq) == (by.desk, by.seq)));
            list.push(Cand {
                value,
                ..by.clone()
            });
            list.sort_by_key(|c| (c.desk, c.seq));
        };
        keep(&mut self.exists, w.present.then(Vec::new));
        for (i, v) in &w.fields {
            if self.fields.len() <= *i {
                self.fields.resize(i + 1, Vec::new());
            }
            keep(&mut self.fields[*i], Some(v.clone()));
        }
    }

    /// The record every desk shows for this state (`None`: removed), and the fields in
    /// conflict; `Err` when the fields do not make a record (then nothing is written).
    fn value(&self, tree: usize) -> std::result::Result<(Option<Vec<u8>>, Vec<u8>), ()> {
        let mut conflicts = Vec::new();
        let (e, conflict) = choose(tree, EXISTS as usize, &self.exists).ok_or(())?;
        if conflict {
            conflicts.push(EXISTS);
        }
        if self.exists[e].value.is_none() {
            return Ok((None, conflicts));
        }
        let mut parts: Vec<&[u8]> = Vec::with_capacity(self.fields.len());
        for (i, list) in self.fields.iter().enumerate() {
            let (c, conflict) = choose(tree, i, list).ok_or(())?;
            if conflict {
                conflicts.push(i as u8);
            }
            parts.push(list[c].value.as_deref().ok_or(())?);
        }
        let bytes = fields::join(tree, &parts).ok_or(())?;
        Ok((Some(bytes), conflicts))
    }
}

/// Id prefixes there are: 12 bits, so ids stay below 2^52 (exact in a spreadsheet's number).
const PREFIXES: u64 = 1 << 12;

/// Whether a record another desk sent has a value over netday's limits (a name longer than
/// a name may be, a badge code that is none): refused, never cut, because a value cut here
/// would differ from the one the other desk keeps.
fn over_a_limit(tree: usize, bytes: &[u8]) -> bool {
    let mut one = Snapshot::default();
    let read = match tree {
        PEOPLE => codec::decode(bytes).map(|r| one.people.push(r)),
        ORGS => codec::decode(bytes).map(|r| one.orgs.push(r)),
        EVENTS => codec::decode(bytes).map(|r| one.events.push(r)),
        ATTENDANCE => codec::decode(bytes).map(|r| one.attendance.push(r)),
        AGENDA => codec::decode(bytes).map(|r| one.agenda.push(r)),
        NOTES => codec::decode(bytes).map(|r| one.notes.push(r)),
        IDEAS => codec::decode(bytes).map(|r| one.ideas.push(r)),
        CONSENT => codec::decode(bytes).map(|r| one.consents.push((0, r))),
        _ => Ok(()),
    };
    read.is_err() || one.cleaned().1 > 0
}

pub(super) fn state_key(tree: usize, key: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(1 + key.len());
    k.push(tree as u8);
    k.extend_from_slice(key);
    k
}

fn refused(ko: impl Into<String>, en: impl Into<String>) -> StoreError {
    StoreError::SyncRefused {
        ko: ko.into(),
        en: en.into(),
    }
}

fn tree_of(name: &str) -> Option<usize> {
    TREE_NAMES.iter().position(|n| *n == name)
}

impl Tx<'_> {
    fn vv(&self) -> TxResult<Vv> {
        Ok(self.get::<Vv>(META, SYNC_VV_KEY)?.unwrap_or_default())
    }

    /// Takes one write (as its desk made it) into the record's field state, kept in
    /// `sync_fields`; `local` is what this desk holds, the base when nothing was kept yet.
    fn take_write(
        &self,
        tree: usize,
        local: Option<&[u8]>,
        w: &Write,
        forced: Option<u8>,
        by: &Cand,
        deps: &Vv,
    ) -> TxResult<Option<RecState>> {
        let Some(wr) = written(tree, w, forced) else {
            return Ok(None);
        };
        let key = state_key(tree, &w.key);
        let mut st = match self.get::<RecState>(SYNC_FIELDS, &key)? {
            Some(s) => s,
            None => RecState::base(tree, local),
        };
        st.take(&wr, by, deps);
        self.put(SYNC_FIELDS, &key, &st)?;
        Ok(Some(st))
    }

    /// Called by `record` for every journal entry: in a database that syncs, keeps the entry
    /// in `sync_log` with what this desk held before it, notes it in `sync:vv`, and (for this
    /// desk's own entry) makes each field it wrote the one value of that field.
    pub(super) fn sync_upkeep(&self, change: &Change, origin: Option<WireEntry>) -> TxResult<()> {
        if origin.is_none() && self.raw(META, SYNC_SET_KEY)?.is_none() {
            return Ok(());
        }
        let mut vv = self.vv()?;
        let (deps, verbatim) = match origin {
            Some(o) => (o.deps, Some(o.change)),
            None => {
                let forced = match change.kind {
                    ChangeKind::Resolved { field } => Some(field),
                    _ => None,
                };
                let by = Cand {
                    desk: change.desk_id,
                    seq: change.seq,
                    at: change.at,
                    desk_name: change.desk.clone(),
                    value: None,
                };
                for w in &change.writes {
                    let Some(tree) = tree_of(&w.tree).filter(|t| fields::is_record_tree(*t)) else {
                        continue;
                    };
                    self.take_write(tree, w.before.as_deref(), w, forced, &by, &vv)?;
                }
                (vv.clone(), None)
            }
        };
        let entry = LogEntry {
            order: change.order,
            pre: 0,
            deps,
            verbatim,
        };
        self.put(SYNC_LOG, &pair(change.desk_id, change.seq), &entry)?;
        vv.note(change.desk_id, change.seq);
        self.put(META, SYNC_VV_KEY, &vv)
    }

    /// Applies another desk's entry: each record it wrote, field by field; returns the
    /// conflicts it opened and what it touched. The journal entry follows in `record`.
    fn apply_entry(&self, e: &WireEntry) -> TxResult<(usize, Touched)> {
        *self.origin.borrow_mut() = Some(e.clone());
        if let ChangeKind::Shred { whole, .. } = e.change.kind {
            // The other desk shredded these people: their copies here go too (`shred.rs`).
            let people: Vec<_> = e
                .change
                .writes
                .iter()
                .filter(|w| w.tree == TREE_NAMES[PEOPLE])
                .filter_map(|w| from_be(&w.key))
                .collect();
            self.mark_shredded(&people, whole)?;
        }
        let forced = match e.change.kind {
            ChangeKind::Resolved { field } => Some(field),
            _ => None,
        };
        let by = Cand {
            desk: e.change.desk_id,
            seq: e.change.seq,
            at: e.change.at,
            desk_name: e.change.desk.clone(),
            value: None,
        };
        let mut opened = 0;
        let mut touched = Touched::default();
        for w in &e.change.writes {
            let Some(tree) = tree_of(&w.tree).filter(|t| fields::is_record_tree(*t)) else {
                continue;
            };
            let local = self.raw(tree, &w.key)?.map(|v| v.to_vec());
            let before: Vec<u8> =
                match self.get::<RecState>(SYNC_FIELDS, &state_key(tree, &w.key))? {
                    Some(st) => st.value(tree).map(|(_, c)| c).unwrap_or_default(),
                    None => Vec::new(),
                };
            let unreadable = || {
                refused(
                    format!(
                        "다른 데스크의 변경 {:04x}-{}을 읽을 수 없어 받지 않았습니다. 두 노트북의 netday 판을 맞추세요.",
                        e.change.desk_id & 0xffff,
                        e.change.seq
                    ),
                    format!(
                        "Change {:04x}-{} from the other desk cannot be read; it was not taken. Use the same netday version on both laptops.",
                        e.change.desk_id & 0xffff,
                        e.change.seq
                    ),
                )
            };
            if let Some(after) = &w.after
                && over_a_limit(tree, after)
            {
                return Err(refused(
                    format!(
                        "다른 데스크의 변경 {:04x}-{}에 netday가 받는 길이를 넘는 값이 있어 받지 않았습니다. 두 노트북의 netday 판을 맞추세요.",
                        e.change.desk_id & 0xffff,
                        e.change.seq
                    ),
                    format!(
                        "Change {:04x}-{} from the other desk holds a value longer than netday takes; it was not taken. Use the same netday version on both laptops.",
                        e.change.desk_id & 0xffff,
                        e.change.seq
                    ),
                )
                .into());
            }
            let Some(st) = self.take_write(tree, local.as_deref(), w, forced, &by, &e.deps)? else {
                return Err(unreadable().into());
            };
            let Ok((value, conflicts)) = st.value(tree) else {
                return Err(unreadable().into());
            };
            opened += conflicts.iter().filter(|c| !before.contains(c)).count();
            // A coordinator's choice is written again even when the value stays: its indexes
            // (a badge code given back to the person chosen) follow from it.
            if value != local || forced.is_some() {
                self.put_synced(tree, &w.key, local.as_deref(), value.as_deref())?;
                match tree {
                    PEOPLE | MERGED_INTO | CONSENT => touched.people = true,
                    ORGS => touched.orgs = true,
                    ATTENDANCE => touched.attendance = true,
                    EVENTS => touched.events = true,
                    AGENDA => touched.agenda = true,
                    NOTES => touched.notes = true,
                    IDEAS => touched.ideas = true,
                    _ => {}
                }
            }
        }
        Ok((opened, touched))
    }

    /// Writes a record as syncing decided it (`None`: removes it), with the indexes that
    /// follow from it; never taken from the other desk's index writes.
    fn put_synced(
        &self,
        tree: usize,
        key: &[u8],
        old: Option<&[u8]>,
        new: Option<&[u8]>,
    ) -> TxResult<()> {
        match tree {
            PEOPLE => {
                let dec = |b: Option<&[u8]>| b.and_then(|b| codec::decode::<Person>(b).ok());
                let (o, n) = (dec(old), dec(new));
                self.bump_gen()?;
                if let Some(o) = &o {
                    if let Some(org) = o.org_id {
                        self.del(PEOPLE_BY_ORG, &pair(org, o.id))?;
                    }
                    for code in o.codes() {
                        if self.raw(PEOPLE_BY_CODE, code.as_bytes())?.as_deref() == Some(&be(o.id))
                        {
                            self.del(PEOPLE_BY_CODE, code.as_bytes())?;
                        }
                    }
                }
                if let Some(n) = &n {
                    if let Some(org) = n.org_id {
                        self.mark(PEOPLE_BY_ORG, &pair(org, n.id))?;
                    }
                    for code in n.codes() {
                        // Two desks drew one code: it names the person made first.
                        let holder = self
                            .raw(PEOPLE_BY_CODE, code.as_bytes())?
                            .and_then(|h| from_be(&h))
                            .filter(|h| *h != n.id);
                        let take = match holder {
                            None => true,
                            Some(h) => match self.get::<Person>(PEOPLE, &be(h))? {
                                Some(hp) => (n.created, n.id) < (hp.created, hp.id),
                                None => true,
                            },
                        };
                        if take {
                            self.put_raw(PEOPLE_BY_CODE, code.as_bytes(), &be(n.id))?;
                        }
                    }
                }
            }
            ORGS => self.bump_gen()?,
            ATTENDANCE => {
                let index: Vec<u8> = key
                    .get(8..16)
                    .into_iter()
                    .chain(key.get(..8))
                    .flatten()
                    .copied()
                    .collect();
                match new {
                    Some(_) => self.mark(ATTENDANCE_BY_PERSON, &index)?,
                    None => self.del(ATTENDANCE_BY_PERSON, &index)?,
                }
            }
            AGENDA | NOTES => {
                let event = |b: Option<&[u8]>| -> Option<(u64, u64)> {
                    let b = b?;
                    if tree == AGENDA {
                        codec::decode::<AgendaItem>(b)
                            .ok()
                            .map(|a| (a.event_id, a.id))
                    } else {
                        codec::decode::<Note>(b).ok().map(|n| (n.event_id, n.id))
                    }
                };
                let index = if tree == AGENDA {
                    AGENDA_BY_EVENT
                } else {
                    NOTES_BY_EVENT
                };
                let (o, n) = (event(old), event(new));
                if let Some((ev, id)) = o
                    && o != n
                {
                    self.del(index, &pair(ev, id))?;
                }
                if let Some((ev, id)) = n {
                    self.mark(index, &pair(ev, id))?;
                }
            }
            _ => {}
        }
        self.restore(tree, key, new)?;
        self.keep_consent_rule_synced(tree, key)
    }
}

/// What kind of record a conflict is about, and its name as the history shows it.
fn record_of(store: &Store, tree: usize, key: &[u8], bytes: Option<&[u8]>) -> (RecordKind, String) {
    let person_name = |id: u64| {
        store
            .person(id)
            .ok()
            .flatten()
            .map(|p| p.name)
            .unwrap_or_else(|| format!("#{id}"))
    };
    let dec = |b: &[u8]| {
        crate::store::changes::decode_write(&Write {
            tree: TREE_NAMES[tree].to_string(),
            key: key.to_vec(),
            before: None,
            after: Some(b.to_vec()),
        })
    };
    use crate::store::changes::Record;
    match bytes.and_then(dec).and_then(|(_, a)| a) {
        Some(Record::Person(p)) => (RecordKind::Person, p.name),
        Some(Record::Org(o)) => (RecordKind::Org, o.name),
        Some(Record::Event(e)) => (
            RecordKind::Event,
            format!("{} {}", e.date.format("%Y-%m-%d"), e.title),
        ),
        Some(Record::Attendance(a)) => {
            let day = store
                .event(a.event_id)
                .ok()
                .flatten()
                .map(|e| e.date.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| format!("#{}", a.event_id));
            (
                RecordKind::Attendance,
                format!("{} · {day}", person_name(a.person_id)),
            )
        }
        Some(Record::Agenda(a)) => (RecordKind::Agenda, a.title),
        Some(Record::Note(n)) => (RecordKind::Note, format!("#{}", n.id)),
        Some(Record::Idea(i)) => (RecordKind::Idea, i.title),
        Some(Record::Consent { person, .. }) => (RecordKind::Person, person_name(person)),
        None if tree == MERGED_INTO => (
            RecordKind::Merge,
            from_be(key).map(person_name).unwrap_or_default(),
        ),
        None => (
            RecordKind::Other,
            format!("{} #{}", TREE_NAMES[tree], from_be(key).unwrap_or(0)),
        ),
    }
}

/// A conflicting value as plain facts (`i18n` puts them in words).
fn value_of(store: &Store, tree: usize, field: u8, value: &Option<Vec<u8>>) -> Value {
    let Some(v) = value else {
        return Value::Deleted;
    };
    if field == EXISTS {
        return Value::Kept;
    }
    if tree == ATTENDANCE {
        let mut bytes = vec![codec::SCHEMA];
        bytes.extend_from_slice(v);
        return match codec::decode::<Attendance>(&bytes) {
            Ok(a) => Value::Attendance(a.status),
            Err(_) => Value::Unreadable,
        };
    }
    if tree == CONSENT {
        let mut bytes = vec![codec::SCHEMA];
        bytes.extend_from_slice(v);
        return match codec::decode::<crate::model::Consent>(&bytes) {
            Ok(c) => Value::Consent(c),
            Err(_) => Value::Unreadable,
        };
    }
    if tree == MERGED_INTO {
        return from_be(v)
            .and_then(|id| store.person(id).ok().flatten())
            .map_or(Value::Unreadable, |p| Value::Text(p.name));
    }
    if tree == PEOPLE && field == 3 {
        return match codec::decode_body::<Option<u64>>(v) {
            Ok(Some(id)) => Value::Text(
                store
                    .org(id)
                    .ok()
                    .flatten()
                    .map(|o| o.name)
                    .unwrap_or_else(|| format!("#{id}")),
            ),
            Ok(None) => Value::Empty,
            Err(_) => Value::Unreadable,
        };
    }
    if tree == PEOPLE && field == 9 {
        return match codec::decode_body::<bool>(v) {
            Ok(b) => Value::Archived(b),
            Err(_) => Value::Unreadable,
        };
    }
    if tree == PEOPLE && (field == 7 || field == 11) {
        return match codec::decode_body::<Vec<String>>(v) {
            Ok(l) if l.is_empty() => Value::Empty,
            Ok(l) => Value::Text(l.join(", ")),
            Err(_) => Value::Unreadable,
        };
    }
    match codec::decode_body::<String>(v) {
        Ok(s) if s.is_empty() => Value::Empty,
        Ok(s) => Value::Text(s),
        Err(_) => Value::Unreadable,
    }
}

/// A version vector's own encoding in `meta`.
fn read_vv(store: &Store) -> Result<Vv> {
    Ok(match store.raw_get(META, SYNC_VV_KEY)? {
        Some(v) => codec::decode(&v)
            .map_err(|_| StoreError::DamagedRecord(super::layout::damaged(META, SYNC_VV_KEY)))?,
        None => Vv::default(),
    })
}

/// Everything a fresh desk needs to join a set (what `join_snapshot` writes).
#[derive(Serialize, Deserialize)]
struct JoinSnapshot {
    set: [u8; 16],
    /// The id prefix the joining desk gives its records, and the end of the prefixes it may
    /// hand on in turn (`prefix + 1 .. prefixes_end`).
    prefix: u64,
    prefixes_end: u64,
    vv: Vv,
    snapshot: Snapshot,
    merged_into: Vec<(u64, u64)>,
    /// `sync_fields` as the host holds it, key and value bytes.
    fields: Vec<(Vec<u8>, Vec<u8>)>,
    /// The exchanged entries still on record, in the host's journal order, so that the new
    /// desk can hand them on to a third.
    entries: Vec<WireEntry>,
}

impl Store {
    /// The prefixes this desk may still hand to joining desks: `lo..hi` (the first desk of a
    /// set: every prefix above its own 0).
    fn free_prefixes(&self) -> Result<(u64, u64)> {
        Ok(match self.raw_get(META, SYNC_NEXT_PREFIX_KEY)? {
            Some(v) if v.len() == 16 => {
                (from_be(&v[..8]).unwrap_or(0), from_be(&v[8..]).unwrap_or(0))
            }
            _ => (1, PREFIXES),
        })
    }

    fn meta_u64(&self, key: &[u8]) -> Result<Option<u64>> {
        Ok(self.raw_get(META, key)?.as_deref().and_then(from_be))
    }

    /// This desk as others see it; draws its desk id if it has none yet.
    pub fn desk_card(&self) -> Result<DeskCard> {
        let id = match self.desk_id()? {
            Some(id) => id,
            None => self.write(|tx| tx.own_desk_id())?,
        };
        Ok(DeskCard {
            id,
            name: self.desk_name(),
        })
    }

    /// The set of desks this database syncs with (`None`: it never synced).
    pub fn sync_set(&self) -> Result<Option<[u8; 16]>> {
        Ok(self
            .raw_get(META, SYNC_SET_KEY)?
            .and_then(|v| <[u8; 16]>::try_from(v.as_ref()).ok()))
    }

    /// Makes this database the first desk of a set (its id becomes the set's), from now on
    /// keeping what syncing needs with every change; does nothing when it already is in one.
    pub fn start_set(&self) -> Result<[u8; 16]> {
        if let Some(set) = self.sync_set()? {
            return Ok(set);
        }
        if self.raw_get(META, SYNC_JOINING_KEY)?.is_some() {
            return Err(refused(
                "이 데이터베이스는 다른 데스크에서 받아 오다 멈췄습니다. 다시 연결해 받으세요.",
                "This database stopped while joining another desk. Join again.",
            ));
        }
        self.ensure_identity();
        let mut set = [0u8; 16];
        match self.raw_get(META, DB_ID_KEY)? {
            Some(id) if id.len() == 16 => set.copy_from_slice(&id),
            _ => getrandom::fill(&mut set).map_err(|e| {
                StoreError::Invalid(format!(
                    "운영체제에서 난수를 얻지 못했습니다 ({e}) / the system gave no random number ({e})"
                ))
            })?,
        }
        self.write(|tx| {
            let me = tx.own_desk_id()?;
            let own = match tx.raw(META, DESK_SEQ_KEY)? {
                Some(v) => from_be(&v).unwrap_or(0),
                None => tx.counter(super::layout::CHANGES_SEQ_KEY)?.unwrap_or(0),
            };
            tx.put_raw(META, DESK_SEQ_KEY, &be(own))?;
            let mut vv = Vv::default();
            vv.note(me, own);
            tx.put(META, SYNC_VV_KEY, &vv)?;
            tx.put_raw(META, SCHEMA_KEY, &[SYNCED_SCHEMA])?;
            tx.put_raw(META, SYNC_SET_KEY, &set)
        })?;
        Ok(set)
    }

    /// For every desk, the highest of its counts held here (this desk's own included).
    pub fn have(&self) -> Result<Vv> {
        let mut vv = read_vv(self)?;
        if let Some(me) = self.desk_id()? {
            let own = match self.meta_u64(DESK_SEQ_KEY)? {
                Some(n) => n,
                None => self.meta_u64(super::layout::CHANGES_SEQ_KEY)?.unwrap_or(0),
            };
            if own > 0 {
                vv.note(me, own);
            }
        }
        Ok(vv)
    }

    /// The entries held here that `theirs` lacks, in this journal's order (what an entry had
    /// seen always comes before it), at most `max_bytes` of them encoded (at least one when
    /// any). `StoreError::SyncGap` when some were folded away here.
    pub fn entries_since(&self, theirs: &Vv, max_bytes: usize) -> Result<Vec<WireEntry>> {
        let have = self.have()?;
        let log = self.tree(SYNC_LOG)?;
        let mut found: Vec<(u64, u64, LogEntry, u64, u64)> = Vec::new();
        for (&desk, &top) in &have.0 {
            let from = theirs.get(desk) + 1;
            if from > top {
                continue;
            }
            let mut next = from;
            for kv in log.range(pair(desk, from)..=pair(desk, top)) {
                let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                let seq = super::layout::second_of_pair(&k).unwrap_or(0);
                if seq != next {
                    break;
                }
                let Some(entry) = self.decoded::<LogEntry>(SYNC_LOG, &k, &v) else {
                    break;
                };
                found.push((entry.order, entry.pre, entry, desk, seq));
                next += 1;
            }
            if next <= top {
                return Err(StoreError::SyncGap { desk, from: next });
            }
        }
        found.sort_by_key(|f| (f.0, f.1));
        let mut out = Vec::new();
        let mut bytes = 0usize;
        for (order, _, entry, desk, seq) in found {
            let change = match entry.verbatim {
                Some(c) => c,
                None => self
                    .change(order)?
                    .filter(|c| c.desk_id == desk && c.seq == seq)
                    .ok_or(StoreError::SyncGap { desk, from: seq })?,
            };
            let w = WireEntry {
                change,
                deps: entry.deps,
            };
            let size = codec::encode_body(&w).map(|b| b.len()).unwrap_or(0);
            if !out.is_empty() && bytes + size > max_bytes {
                break;
            }
            bytes += size;
            out.push(w);
        }
        Ok(out)
    }

    /// `theirs`, raised for each desk whose entries right after it are no longer on record
    /// here (folded away, or from before this desk joined from a snapshot) to just below the
    /// newest unbroken run that is: where a sync file can start. A reader that lacks the older
    /// entries is told to join again, as over the link.
    pub fn on_record_since(&self, theirs: &Vv) -> Result<Vv> {
        let have = self.have()?;
        let log = self.tree(SYNC_LOG)?;
        let mut out = theirs.clone();
        for (&desk, &top) in &have.0 {
            let from = theirs.get(desk) + 1;
            if from > top {
                continue;
            }
            let mut base = from - 1;
            let mut next = from;
            for kv in log.range(pair(desk, from)..=pair(desk, top)) {
                let (k, _) = kv.map_err(|e| self.sled_err(e))?;
                let seq = super::layout::second_of_pair(&k).unwrap_or(0);
                if seq != next {
                    base = seq.saturating_sub(1);
                }
                next = seq + 1;
            }
            if next <= top {
                base = top;
            }
            if base > 0 {
                out.0.insert(desk, base);
            }
        }
        Ok(out)
    }

    /// For each desk, the entries on record here from the last one missing (folded away, or
    /// made before the set began) to its newest, in this journal's order: what a joining desk
    /// can hand on.
    fn log_tails(&self) -> Result<Vec<WireEntry>> {
        let log = self.tree(SYNC_LOG)?;
        let mut found: Vec<(u64, u64, WireEntry)> = Vec::new();
        for &desk in self.have()?.0.keys() {
            let mut tail: Vec<(u64, u64, WireEntry)> = Vec::new();
            let mut last = None;
            for kv in log.scan_prefix(be(desk)) {
                let (k, v) = kv.map_err(|e| self.sled_err(e))?;
                let seq = super::layout::second_of_pair(&k).unwrap_or(0);
                let entry = self.decoded::<LogEntry>(SYNC_LOG, &k, &v);
                let change = match &entry {
                    Some(LogEntry {
                        verbatim: Some(c), ..
                    }) => Some(c.clone()),
                    Some(e) => self
                        .change(e.order)?
                        .filter(|c| c.desk_id == desk && c.seq == seq),
                    None => None,
                };
                let (Some(entry), Some(change)) = (entry, change) else {
                    tail.clear();
                    last = None;
                    continue;
                };
                if last.is_some_and(|l| l + 1 != seq) {
                    tail.clear();
                }
                last = Some(seq);
                tail.push((
                    entry.order,
                    entry.pre,
                    WireEntry {
                        change,
                        deps: entry.deps,
                    },
                ));
            }
            found.extend(tail);
        }
        found.sort_by_key(|f| (f.0, f.1));
        Ok(found.into_iter().map(|f| f.2).collect())
    }

    /// Applies entries of other desks, each in its own transaction, journalled like any
    /// write; those held already are skipped. Durable before it returns (also when it stops
    /// at a refused entry: what came before it stays applied).
    pub fn apply_remote(&self, entries: &[WireEntry]) -> Result<Applied> {
        let mut out = Applied::default();
        let r = self.apply_each(entries, &mut out);
        let d = self.durable();
        r?;
        d?;
        // Another desk's shred: its values leave the journal here now; the caller rewrites the
        // files while `shred_unfinished` says so.
        self.finish_shred()?;
        Ok(out)
    }

    fn apply_each(&self, entries: &[WireEntry], out: &mut Applied) -> Result<()> {
        if self.sync_set()?.is_none() {
            return Err(refused(
                "이 데이터베이스는 아직 다른 데스크와 연결된 적이 없어 변경을 받지 않았습니다.",
                "This database has not joined a set of desks; the changes were not taken.",
            ));
        }
        let me = self.desk_id()?;
        for e in entries {
            let have = self.have()?;
            let (desk, seq) = (e.change.desk_id, e.change.seq);
            if have.covers(desk, seq) {
                out.skipped += 1;
                continue;
            }
            if Some(desk) == me || seq != have.get(desk) + 1 || have.lacks_from(&e.deps) {
                return Err(refused(
                    format!(
                        "다른 데스크의 변경 {:04x}-{seq}보다 먼저 와야 할 변경이 오지 않아 받지 않았습니다. 다시 연결하면 이어서 받습니다.",
                        desk & 0xffff
                    ),
                    format!(
                        "Change {:04x}-{seq} came before changes it follows; it was not taken. Reconnect to carry on.",
                        desk & 0xffff
                    ),
                ));
            }
            let (opened, what) = self.write_unsynced(|tx| tx.apply_entry(e))?;
            out.applied += 1;
            out.conflicts_opened += opened;
            let t = &mut out.what;
            t.people |= what.people;
            t.orgs |= what.orgs;
            t.attendance |= what.attendance;
            t.events |= what.events;
            t.agenda |= what.agenda;
            t.notes |= what.notes;
            t.ideas |= what.ideas;
        }
        Ok(())
    }

    /// Every open conflict: a field two desks changed without seeing each other's change, to
    /// values that differ. The same list in the same order at every desk holding the same
    /// entries.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut out = Vec::new();
        for kv in self.tree(SYNC_FIELDS)?.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            let Some(st) = self.decoded::<RecState>(SYNC_FIELDS, &k, &v) else {
                continue;
            };
            let tree = k.first().copied().unwrap_or(0) as usize;
            let key = &k[1..];
            let Ok((value, fields)) = st.value(tree) else {
                continue;
            };
            for field in fields {
                // The fields of a record every desk shows as removed are not asked about.
                if value.is_none() && field != EXISTS {
                    continue;
                }
                let list = if field == EXISTS {
                    &st.exists
                } else {
                    &st.fields[field as usize]
                };
                let shown = choose(tree, field as usize, list).map(|(i, _)| i);
                let (kind, record) = record_of(self, tree, key, value.as_deref());
                out.push(Conflict {
                    id: ConflictId {
                        tree: tree as u8,
                        key: key.to_vec(),
                        field,
                    },
                    kind,
                    record,
                    field: fields::field_name(tree, field),
                    candidates: list
                        .iter()
                        .enumerate()
                        .map(|(i, c)| Candidate {
                            desk_name: c.desk_name.clone(),
                            at: c.at,
                            value: value_of(self, tree, field, &c.value),
                            provisional: shown == Some(i),
                        })
                        .collect(),
                });
            }
        }
        if self.sync_set()?.is_some() {
            out.extend(self.code_clashes()?);
        }
        Ok(out)
    }

    /// Badge codes two desks both gave (each drew it for a different person while apart):
    /// the code names the person made first until a coordinator chooses.
    fn code_clashes(&self) -> Result<Vec<Conflict>> {
        let mut holders: std::collections::BTreeMap<String, Vec<Person>> = Default::default();
        for p in self.people()? {
            for code in p.codes() {
                holders.entry(code.to_string()).or_default().push(p.clone());
            }
        }
        let mut out = Vec::new();
        for (code, mut list) in holders {
            if list.len() < 2 {
                continue;
            }
            list.sort_by_key(|p| (p.created, p.id));
            out.push(Conflict {
                id: ConflictId {
                    tree: PEOPLE_BY_CODE as u8,
                    key: code.as_bytes().to_vec(),
                    field: 1,
                },
                kind: RecordKind::BadgeCode,
                record: code.clone(),
                field: fields::field_name(PEOPLE, 1),
                candidates: list
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Candidate {
                        desk_name: String::new(),
                        at: p.created,
                        value: Value::Text(p.name.clone()),
                        provisional: i == 0,
                    })
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Gives a clashing badge code to the person chosen; everyone else holding it gets a code
    /// of their own, drawn here (their old badge no longer scans).
    fn resolve_code(&self, code: &[u8], choice: usize) -> Result<()> {
        let code = String::from_utf8_lossy(code).to_string();
        let clash = self
            .code_clashes()?
            .into_iter()
            .find(|c| c.id.key == code.as_bytes());
        let gone = || {
            refused(
                "그 충돌은 이미 해결되었습니다. 충돌 목록을 다시 보세요.",
                "That conflict is already resolved. Look at the list again.",
            )
        };
        clash.ok_or_else(gone)?;
        let mut list: Vec<Person> = self
            .people()?
            .into_iter()
            .filter(|p| p.codes().any(|c| c == code))
            .collect();
        list.sort_by_key(|p| (p.created, p.id));
        if choice >= list.len() {
            return Err(gone());
        }
        let keep = list.remove(choice);
        self.write(|tx| {
            tx.is(ChangeKind::Resolved { field: 1 });
            for p in &list {
                let mut p = p.clone();
                if p.code == code {
                    p.code.clear();
                }
                p.aliases.retain(|a| *a != code);
                tx.put_person(&mut p)?;
            }
            tx.put_person(&mut keep.clone())
        })
    }

    /// Closes a conflict with candidate `choice` (its place in the conflict's list): a new
    /// journal entry that writes the record with that value, and closes the conflict at every
    /// desk it reaches.
    pub fn resolve(&self, conflict: &ConflictId, choice: usize) -> Result<()> {
        let tree = conflict.tree as usize;
        if tree == PEOPLE_BY_CODE {
            return self.resolve_code(&conflict.key, choice);
        }
        let gone = || {
            refused(
                "그 충돌은 이미 해결되었습니다. 충돌 목록을 다시 보세요.",
                "That conflict is already resolved. Look at the list again.",
            )
        };
        if !fields::is_record_tree(tree) {
            return Err(gone());
        }
        let skey = state_key(tree, &conflict.key);
        let st: RecState = self.one(SYNC_FIELDS, &skey)?.ok_or_else(gone)?;
        let (_, open) = st.value(tree).map_err(|_| gone())?;
        if !open.contains(&conflict.field) {
            return Err(gone());
        }
        let list = if conflict.field == EXISTS {
            &st.exists
        } else {
            st.fields.get(conflict.field as usize).ok_or_else(gone)?
        };
        let chosen = list.get(choice).ok_or_else(gone)?.value.clone();
        let (shown, _) = st.value(tree).map_err(|_| gone())?;
        let new = if conflict.field == EXISTS {
            match chosen {
                None => None,
                Some(_) => Some(shown.ok_or_else(gone)?),
            }
        } else {
            let shown = shown.ok_or_else(gone)?;
            let mut parts = fields::split(tree, &shown).ok_or_else(gone)?;
            let slot = parts.get_mut(conflict.field as usize).ok_or_else(gone)?;
            *slot = chosen.ok_or_else(gone)?;
            let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
            Some(fields::join(tree, &refs).ok_or_else(gone)?)
        };
        let key = conflict.key.clone();
        let field = conflict.field;
        self.write(|tx| {
            tx.is(ChangeKind::Resolved { field });
            let local = tx.raw(tree, &key)?.map(|v| v.to_vec());
            tx.put_synced(tree, &key, local.as_deref(), new.as_deref())
        })
    }

    /// Everything a fresh desk needs to join this set, opaque: the records, the field states,
    /// the entries on record and an id prefix of its own (handed out here, never twice).
    pub fn join_snapshot(&self) -> Result<Vec<u8>> {
        let set = self.start_set()?;
        // Each desk holds a range of prefixes it may hand out and gives a joiner the upper half
        // of it: two desks never hand out the same prefix, even apart.
        let (lo, hi) = self.free_prefixes()?;
        if lo >= hi {
            return Err(refused(
                "이 데스크에서는 더 이상 새 데스크를 연결할 수 없습니다. 처음 데스크에서 연결하세요.",
                "No more desks can join from this desk. Join from the first desk.",
            ));
        }
        let prefix = lo + (hi - lo) / 2;
        let mut range = Vec::with_capacity(16);
        range.extend_from_slice(&be(lo));
        range.extend_from_slice(&be(prefix));
        self.raw_insert(META, SYNC_NEXT_PREFIX_KEY, range)?;
        self.durable()?;
        let vv = self.have()?;
        let mut fields = Vec::new();
        for kv in self.tree(SYNC_FIELDS)?.iter() {
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            fields.push((k.to_vec(), v.to_vec()));
        }
        let entries = self.log_tails()?;
        let js = JoinSnapshot {
            set,
            prefix,
            prefixes_end: hi,
            vv,
            snapshot: self.snapshot()?,
            merged_into: self.merged_into()?,
            fields,
            entries,
        };
        codec::encode_large(&js)
    }

    /// Fills this fresh database (no records, never synced) from another desk's
    /// `join_snapshot`. The set is written last: a join cut short leaves a database that is not
    /// a desk of the set, and the next join clears it and starts again.
    pub fn join_from(&self, bytes: &[u8]) -> Result<()> {
        let js: JoinSnapshot = codec::decode_large_from(&mut &bytes[..]).map_err(|_| {
            refused(
                "받은 데이터베이스를 읽을 수 없습니다. 다시 연결해 받으세요.",
                "The database received cannot be read. Join again.",
            )
        })?;
        if self.sync_set()?.is_some() {
            return Err(refused(
                "이 노트북의 데이터베이스는 이미 데스크 모음에 들어 있어 덮어쓰지 않았습니다.",
                "This laptop's database already belongs to a set of desks; it was not overwritten.",
            ));
        }
        let half_done = self.raw_get(META, SYNC_JOINING_KEY)?.is_some();
        let live = self.live()?;
        let holds_records = [
            EVENTS,
            ORGS,
            PEOPLE,
            ATTENDANCE,
            AGENDA,
            NOTES,
            IDEAS,
            MERGED_INTO,
        ]
        .iter()
        .any(|&t| !live.trees[t].is_empty())
            || !live.trees[CHANGES].is_empty();
        if holds_records && !half_done {
            return Err(refused(
                "이 노트북의 데이터베이스에 이미 기록이 있어 다른 데스크의 것으로 채우지 않았습니다. 빈 데이터베이스로 연결하세요.",
                "This laptop's database already holds records; it was not filled from the other desk. Join with an empty database.",
            ));
        }
        self.raw_insert(META, SYNC_JOINING_KEY, &[1u8][..])?;
        self.durable()?;
        if half_done {
            for (t, tree) in live.trees.iter().enumerate() {
                if t != META {
                    tree.clear().map_err(|e| self.sled_err(e))?;
                }
            }
        }
        drop(live);
        self.restore(&js.snapshot, &mut crate::progress::Silent)?;
        // The new desk must hold exactly what the other holds: a record the restore had to
        // change (cut, given a new code) would differ from the other desk's from the start.
        if self.snapshot()? != js.snapshot {
            return Err(refused(
                "받은 데이터베이스가 이 노트북에 그대로 옮겨지지 않아 연결을 마치지 않았습니다. 두 노트북의 netday 판을 맞추고 다시 연결하세요.",
                "The database received could not be copied here as it is; the join was not finished. Use the same netday version on both laptops and join again.",
            ));
        }
        let counters: Vec<&str> = ["events", "orgs", "people", "agenda", "notes", "ideas"].to_vec();
        self.write_unsynced(|tx| {
            tx.off_record();
            for (dup, keep) in &js.merged_into {
                tx.put_raw(MERGED_INTO, &be(*dup), &be(*keep))?;
            }
            for name in &counters {
                tx.put_raw(META, format!("seq:{name}").as_bytes(), &be(0))?;
            }
            tx.put_raw(META, DESK_PREFIX_KEY, &be(js.prefix))?;
            let mut range = Vec::with_capacity(16);
            range.extend_from_slice(&be(js.prefix + 1));
            range.extend_from_slice(&be(js.prefixes_end));
            tx.put_raw(META, SYNC_NEXT_PREFIX_KEY, &range)?;
            Ok(())
        })?;
        for chunk in js.fields.chunks(2000) {
            self.write_unsynced(|tx| {
                for (k, v) in chunk {
                    tx.put_raw(SYNC_FIELDS, k, v)?;
                }
                Ok(())
            })?;
        }
        for (chunk_no, chunk) in js.entries.chunks(500).enumerate() {
            self.write_unsynced(|tx| {
                for (i, e) in chunk.iter().enumerate() {
                    let entry = LogEntry {
                        order: 0,
                        pre: (chunk_no * 500 + i + 1) as u64,
                        deps: e.deps.clone(),
                        verbatim: Some(e.change.clone()),
                    };
                    tx.put(SYNC_LOG, &pair(e.change.desk_id, e.change.seq), &entry)?;
                }
                Ok(())
            })?;
        }
        self.write_unsynced(|tx| {
            tx.off_record();
            let me = tx.own_desk_id()?;
            if js.vv.get(me) > 0 {
                return Err(refused(
                    "이 노트북의 데스크 번호가 데스크 모음에 이미 있습니다. 데이터베이스 폴더를 복사해 온 것이면 빈 데이터베이스로 다시 연결하세요.",
                    "This laptop's desk id is already in the set: the database folder was copied. Join again with an empty database.",
                )
                .into());
            }
            tx.put_raw(META, DESK_SEQ_KEY, &be(0))?;
            tx.put_raw(META, super::layout::CHANGES_SEQ_KEY, &be(0))?;
            tx.put(META, SYNC_VV_KEY, &js.vv)?;
            tx.put_raw(META, SCHEMA_KEY, &[SYNCED_SCHEMA])?;
            tx.put_raw(META, SYNC_SET_KEY, &js.set)?;
            tx.del(META, SYNC_JOINING_KEY)?;
            Ok(())
        })?;
        self.durable()?;
        // Caches were built, if at all, from the empty database.
        self.forget_caches();
        Ok(())
    }

    /// Whether a join from another desk was cut short here (the database holds part of it and
    /// is no desk of the set: `join_from` clears it and starts again).
    pub fn join_unfinished(&self) -> Result<bool> {
        Ok(self.raw_get(META, SYNC_JOINING_KEY)?.is_some())
    }

    /// Encodes a value for the exchange with the store's codec.
    pub fn sync_encode<T: Serialize>(v: &T) -> Result<Vec<u8>> {
        codec::encode_body(v)
    }

    /// Decodes what `sync_encode` made, refusing trailing bytes.
    pub fn sync_decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T> {
        codec::decode_whole(bytes).map_err(|_| {
            refused(
                "다른 데스크에서 온 내용을 읽을 수 없습니다.",
                "What came from the other desk cannot be read.",
            )
        })
    }
}

/// The link's memory: this database's static key and the desks paired with it. Kept in
/// `meta`, so never in a backup (a restored desk pairs again) and never journalled (they are
/// this laptop's, not the list's).
impl Store {
    /// This database's private static key for the link, drawn the first time.
    pub fn link_key(&self) -> Result<[u8; 32]> {
        if let Some(v) = self.raw_get(META, SYNC_STATIC_KEY)?
            && let Ok(k) = <[u8; 32]>::try_from(v.as_ref())
        {
            return Ok(k);
        }
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).map_err(|e| {
            StoreError::Invalid(format!(
                "운영체제에서 난수를 얻지 못했습니다 ({e}) / the system gave no random number ({e})"
            ))
        })?;
        self.raw_insert(META, SYNC_STATIC_KEY, &k[..])?;
        self.durable()?;
        Ok(k)
    }

    /// Remembers a paired desk (again: its name or address may have changed).
    pub fn remember_desk(&self, desk: &KnownDesk) -> Result<()> {
        let key = [SYNC_DESK_PREFIX, &desk.remote_static[..]].concat();
        self.raw_insert(META, &key, codec::encode(desk)?)?;
        self.durable()
    }

    /// Every desk paired with this one.
    pub fn known_desks(&self) -> Result<Vec<KnownDesk>> {
        self.scan(META, SYNC_DESK_PREFIX)
    }

    /// Forgets a paired desk: it must pair with a code again.
    pub fn forget_desk(&self, remote_static: &[u8; 32]) -> Result<()> {
        let key = [SYNC_DESK_PREFIX, &remote_static[..]].concat();
        self.writable()?;
        self.tree(META)?.remove(key).map_err(|e| self.sled_err(e))?;
        self.durable()
    }

    /// How this desk was linked when it last ran (`None`: not linked, or stopped).
    pub fn link_resume(&self) -> Result<Option<LinkResume>> {
        match self.raw_get(META, SYNC_RESUME_KEY)? {
            Some(v) => codec::decode(&v).map(Some).map_err(|_| {
                StoreError::DamagedRecord(super::layout::damaged(META, SYNC_RESUME_KEY))
            }),
            None => Ok(None),
        }
    }

    /// Remembers how this desk is linked now (`None`: the link was stopped).
    pub fn set_link_resume(&self, resume: Option<&LinkResume>) -> Result<()> {
        match resume {
            Some(r) => self.raw_insert(META, SYNC_RESUME_KEY, codec::encode(r)?)?,
            None => {
                self.writable()?;
                self.tree(META)?
                    .remove(SYNC_RESUME_KEY)
                    .map_err(|e| self.sled_err(e))?;
            }
        }
        self.durable()
    }
}

/// `bytes` (a `LogEntry`) with `scrub` applied to the other desk's entry it keeps; `None` when
/// it keeps none or `scrub` changed nothing (`shred.rs`).
pub(super) fn scrub_log_entry(
    bytes: &[u8],
    scrub: impl Fn(&mut Change) -> bool,
) -> Option<Result<Vec<u8>>> {
    let mut e: LogEntry = codec::decode(bytes).ok()?;
    let c = e.verbatim.as_mut()?;
    if !scrub(c) {
        return None;
    }
    Some(codec::encode(&e))
}
