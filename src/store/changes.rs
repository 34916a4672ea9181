//! The change journal: every write's entry (made in `write.rs`, in the write's own
//! transaction), read back newest first, and undone. An undo writes the inverse as a change of
//! its own, and refuses, naming the later change, when anything it would write back was changed
//! since. Touches the changes tree, and (undo) whatever keys the undone change wrote.

use super::layout::{CHANGES, DESK_ID_KEY, META, ORGS, PEOPLE, TREE_NAMES, from_be};
use super::write::TxError;
use super::{Result, Store, StoreError, codec};
use crate::model::korean::{Particle, josa, particle};
use crate::model::{Change, ChangeKind, Id, Owner};

/// `meta`: the desk's name, once set (`Store::set_desk_name`).
const DESK_NAME_KEY: &[u8] = b"desk:name";
/// `meta`: how many days of changes are kept before they are folded away (absent: all).
const KEEP_DAYS_KEY: &[u8] = b"journal:keep_days";
/// `meta`: how many changes were folded away so far, and the last one's order.
const FOLDED_KEY: &[u8] = b"journal:folded";

/// The host's name, where the system says it; the default name of a desk.
fn host_name() -> Option<String> {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is writable for its whole length; gethostname writes at most that.
        if unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } != 0 {
            return None;
        }
        let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
        let name = String::from_utf8_lossy(&buf[..end]).trim().to_string();
        (!name.is_empty()).then_some(name)
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME")
            .ok()
            .filter(|n| !n.trim().is_empty())
    }
}

impl Store {
    /// This desk's name as the journal records it: the one set for this database, else
    /// `NETDAY_DESK`, else the host's name.
    pub fn desk_name(&self) -> String {
        let mut cached = self.desk.lock().unwrap_or_else(|e| e.into_inner());
        if cached.is_empty() {
            let set = self
                .raw_get(META, DESK_NAME_KEY)
                .ok()
                .flatten()
                .map(|v| String::from_utf8_lossy(&v).to_string())
                .filter(|n| !n.is_empty());
            *cached = set
                .or_else(|| std::env::var("NETDAY_DESK").ok().filter(|n| !n.is_empty()))
                .or_else(host_name)
                .unwrap_or_else(|| "desk".to_string());
        }
        cached.clone()
    }

    /// Names this desk (kept in the database); every later change records it.
    pub fn set_desk_name(&self, name: &str) -> Result<()> {
        let name = crate::model::clean_line(name);
        self.raw_insert(META, DESK_NAME_KEY, name.as_bytes())?;
        self.durable()?;
        *self.desk.lock().unwrap_or_else(|e| e.into_inner()) = name;
        Ok(())
    }

    /// How many days of changes are kept (`None`: all of them).
    pub fn keep_days(&self) -> Result<Option<u64>> {
        Ok(self
            .raw_get(META, KEEP_DAYS_KEY)?
            .as_deref()
            .and_then(from_be))
    }

    /// Keeps `days` days of changes (`None`: all); older ones are folded away by
    /// `fold_changes`.
    pub fn set_keep_days(&self, days: Option<u64>) -> Result<()> {
        match days {
            Some(d) => self.raw_insert(META, KEEP_DAYS_KEY, &d.to_be_bytes()[..])?,
            None => {
                self.writable()?;
                self.tree(META)?
                    .remove(KEEP_DAYS_KEY)
                    .map_err(|e| self.sled_err(e))?;
            }
        }
        self.durable()
    }

    /// How many changes were folded away, and the order of the last one.
    pub fn folded(&self) -> Result<(u64, u64)> {
        Ok(match self.raw_get(META, FOLDED_KEY)? {
            Some(v) if v.len() == 16 => {
                (from_be(&v[..8]).unwrap_or(0), from_be(&v[8..]).unwrap_or(0))
            }
            _ => (0, 0),
        })
    }

    /// Folds away every change `keep` does not keep. Returns how many were folded. The count
    /// and the last order are kept, so the history can say what is no longer on record.
    pub fn fold_changes(&self, keep: impl Fn(&Change) -> bool) -> Result<u64> {
        let old: Vec<u64> = self
            .changes(usize::MAX, |c| !keep(c))?
            .into_iter()
            .map(|c| c.order)
            .collect();
        if old.is_empty() {
            return Ok(0);
        }
        let (n, last) = self.folded()?;
        let last = old.iter().copied().max().unwrap_or(0).max(last);
        self.writable()?;
        let tree = self.tree(CHANGES)?;
        let mut batch = sled::Batch::default();
        for o in &old {
            batch.remove(&o.to_be_bytes());
        }
        tree.apply_batch(batch).map_err(|e| self.sled_err(e))?;
        let mut v = Vec::with_capacity(16);
        v.extend_from_slice(&(n + old.len() as u64).to_be_bytes());
        v.extend_from_slice(&last.to_be_bytes());
        self.raw_insert(META, FOLDED_KEY, v)?;
        self.durable()?;
        Ok(old.len() as u64)
    }

    /// This database's desk id in the journal, once a change was made.
    pub fn desk_id(&self) -> Result<Option<u64>> {
        Ok(self
            .raw_get(META, DESK_ID_KEY)?
            .as_deref()
            .and_then(from_be))
    }

    /// Every change on record, newest first, that `keep` keeps, at most `limit`; a damaged
    /// entry is skipped and named.
    pub fn changes(&self, limit: usize, keep: impl Fn(&Change) -> bool) -> Result<Vec<Change>> {
        let mut out = Vec::new();
        for kv in self.tree(CHANGES)?.iter().rev() {
            if out.len() >= limit {
                break;
            }
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(c) = self.decoded::<Change>(CHANGES, &k, &v)
                && keep(&c)
            {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The order of the newest change on record (0: none), read without decoding it.
    pub fn last_change_order(&self) -> Result<u64> {
        Ok(self
            .tree(CHANGES)?
            .last()
            .map_err(|e| self.sled_err(e))?
            .and_then(|(k, _)| from_be(&k))
            .unwrap_or(0))
    }

    /// Like `changes`, but looks at no more than the newest `scan` entries (the person detail,
    /// redrawn on every ↑/↓, never reads a long journal through).
    pub fn recent_changes(
        &self,
        scan: usize,
        limit: usize,
        keep: impl Fn(&Change) -> bool,
    ) -> Result<Vec<Change>> {
        let mut out = Vec::new();
        for kv in self.tree(CHANGES)?.iter().rev().take(scan) {
            if out.len() >= limit {
                break;
            }
            let (k, v) = kv.map_err(|e| self.sled_err(e))?;
            if let Some(c) = self.decoded::<Change>(CHANGES, &k, &v)
                && keep(&c)
            {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// The change with `order` (its place in this journal).
    pub fn change(&self, order: u64) -> Result<Option<Change>> {
        let key = order.to_be_bytes();
        Ok(match self.raw_get(CHANGES, &key)? {
            Some(v) => self.decoded(CHANGES, &key, &v),
            None => None,
        })
    }

    /// The change `id` names: its id as the history shows it (`a1b2-17`), or its order.
    pub fn change_by_id(&self, id: &str) -> Result<Option<Change>> {
        let id = id.trim().trim_start_matches('#');
        if let Ok(order) = id.parse::<u64>() {
            return self.change(order);
        }
        Ok(self.changes(1, |c| c.id() == id)?.pop())
    }

    /// Undoes the change with `order` — with the whole import when it is one chunk of one —
    /// by writing back what it replaced, in one durable transaction that is itself on record.
    /// Refused, with nothing written, when a later change wrote any of the same keys (the
    /// refusal names it), or when a person the change added is now referred to.
    pub fn undo(&self, order: u64) -> Result<Change> {
        let target = self.change(order)?.ok_or_else(|| StoreError::UndoRefused {
            ko: format!(
                "변경 {} 기록에 없습니다. 변경 이력에서 번호를 확인하세요.",
                josa(&format!("#{order}"), Particle::IGa)
            ),
            en: format!("Change #{order} is not on record. Check its number in the history."),
        })?;
        let mut entries = match target.group {
            Some(g) => self.changes(usize::MAX, |c| c.group == Some(g) || c.order == g)?,
            None => vec![target.clone()],
        };
        entries.sort_by_key(|c| c.order);
        self.refuse_if_shredded(&target, &entries)?;
        self.refuse_if_referred(&entries)?;
        let label = target.id();
        let result = self.write(|tx| {
            tx.is(ChangeKind::Undo { of: label.clone() });
            let mut people = false;
            for e in entries.iter().rev() {
                for w in e.writes.iter().rev() {
                    let Some(tree) = TREE_NAMES.iter().position(|n| *n == w.tree) else {
                        continue;
                    };
                    let now = tx.raw(tree, &w.key)?;
                    if now.as_deref() != w.after.as_deref() {
                        return Err(TxError::from(StoreError::UndoRefused {
                            ko: conflict_marker(tree, &w.key),
                            en: String::new(),
                        }));
                    }
                    tx.restore(tree, &w.key, w.before.as_deref())?;
                    people |= tree == PEOPLE || tree == ORGS;
                }
            }
            if people {
                // The caches were built from the people as they were.
                tx.bump_gen()?;
            }
            Ok(())
        });
        match result {
            Ok(()) => self
                .changes(1, |_| true)?
                .pop()
                .ok_or_else(|| StoreError::Invalid("undo not on record".into())),
            Err(StoreError::UndoRefused { ko, .. }) if ko.starts_with(MARKER) => {
                Err(self.name_the_later_change(&target, &ko))
            }
            Err(e) => Err(e),
        }
    }

    /// A shred is never undone, nor is a change before a shred of the same person: what it
    /// would put back was shredded (`shred.rs`).
    fn refuse_if_shredded(&self, target: &Change, entries: &[Change]) -> Result<()> {
        if super::shred::is_shred(target) {
            return Err(StoreError::UndoRefused {
                ko: "되돌리지 않았습니다: 개인정보 파기는 되돌릴 수 없습니다. 지운 값은 netday 어디에도 남아 있지 않습니다.".into(),
                en: "Not undone: shredding personal data cannot be undone. The values it removed are nowhere in netday any more.".into(),
            });
        }
        let keys: std::collections::HashSet<(&str, &[u8])> = entries
            .iter()
            .flat_map(|e| &e.writes)
            .map(|w| (w.tree.as_str(), w.key.as_slice()))
            .collect();
        let last = entries
            .iter()
            .map(|e| e.order)
            .max()
            .unwrap_or(target.order);
        let shred = self.changes(1, |c| {
            c.order > last
                && super::shred::is_shred(c)
                && c.writes
                    .iter()
                    .any(|w| keys.contains(&(w.tree.as_str(), w.key.as_slice())))
        })?;
        match shred.first() {
            Some(s) => {
                let when = s.at.local().format("%Y-%m-%d %H:%M").to_string();
                Err(StoreError::UndoRefused {
                    ko: format!(
                        "되돌리지 않았습니다: 그 뒤 {when}에 개인정보 파기(#{})로 같은 사람의 정보를 지웠습니다. 파기 앞의 변경은 되돌릴 수 없습니다.",
                        s.id()
                    ),
                    en: format!(
                        "Not undone: personal data of the same person was shredded after it ({when}, #{}). A change before a shred cannot be undone.",
                        s.id()
                    ),
                })
            }
            None => Ok(()),
        }
    }

    /// A person the change added who is now checked in, owns an action item or an idea is not
    /// taken away with it: says who and what.
    fn refuse_if_referred(&self, entries: &[Change]) -> Result<()> {
        let added: Vec<Id> = entries
            .iter()
            .flat_map(|e| &e.writes)
            .filter(|w| w.tree == TREE_NAMES[PEOPLE] && w.before.is_none() && w.after.is_some())
            .filter_map(|w| from_be(&w.key))
            .collect();
        if added.is_empty() {
            return Ok(());
        }
        let written: std::collections::HashSet<(&str, &[u8])> = entries
            .iter()
            .flat_map(|e| &e.writes)
            .map(|w| (w.tree.as_str(), w.key.as_slice()))
            .collect();
        let notes = self.notes()?;
        let ideas = self.ideas()?;
        for id in added {
            let name = self
                .person(id)?
                .map(|p| p.name)
                .unwrap_or_else(|| format!("#{id}"));
            let attended = self
                .attendance_of_person(id)?
                .into_iter()
                .filter(|a| {
                    let key = super::layout::pair(a.event_id, a.person_id);
                    !written.contains(&(TREE_NAMES[super::layout::ATTENDANCE], &key[..]))
                })
                .count();
            let owns = notes
                .iter()
                .filter(|n| {
                    matches!(&n.kind, crate::model::NoteKind::Action { owner: Owner::Person(o), .. } if *o == id)
                })
                .count()
                + ideas.iter().filter(|i| i.owner == Some(id)).count();
            if attended + owns > 0 {
                return Err(StoreError::UndoRefused {
                    ko: format!(
                        "되돌리지 않았습니다: 이 변경으로 추가된 {name} 님이 그 뒤 참석 기록 {attended}건, 담당 {owns}건에 쓰였습니다. 그 기록을 먼저 고치거나 되돌리세요."
                    ),
                    en: format!(
                        "Not undone: {name}, added by this change, has since been used in {attended} attendance record(s) and owns {owns} item(s). Change or undo those first."
                    ),
                });
            }
        }
        Ok(())
    }

    /// The refusal of an undo, naming the latest change after `target` that wrote the key the
    /// marker names.
    fn name_the_later_change(&self, target: &Change, marker: &str) -> StoreError {
        let found = self
            .changes(usize::MAX, |c| {
                c.order > target.order
                    && c.writes
                        .iter()
                        .any(|w| conflict_marker_of(&w.tree, &w.key) == marker)
            })
            .ok()
            .and_then(|mut v| {
                if v.is_empty() {
                    None
                } else {
                    Some(v.remove(0))
                }
            });
        match found {
            Some(later) => {
                let (ko, en) = later.kind.words();
                let when = later.at.local().format("%m-%d %H:%M").to_string();
                StoreError::UndoRefused {
                    ko: format!(
                        "되돌리지 않았습니다: 나중 변경 #{} ({ko}, {when}, {}){} 같은 기록을 바꿨습니다. 그 변경을 먼저 되돌리세요.",
                        later.id(),
                        later.desk,
                        particle(&later.id(), Particle::IGa)
                    ),
                    en: format!(
                        "Not undone: a later change #{} ({en}, {when}, {}) changed the same record. Undo that one first.",
                        later.id(),
                        later.desk
                    ),
                }
            }
            None => StoreError::UndoRefused {
                ko: "되돌리지 않았습니다: 그 뒤 같은 기록이 바뀌었습니다.".into(),
                en: "Not undone: the same record was changed since.".into(),
            },
        }
    }
}

/// How an undo's transaction says which key stood in the way (read back outside it).
const MARKER: &str = "\u{0}conflict:";

fn conflict_marker(tree: usize, key: &[u8]) -> String {
    conflict_marker_of(TREE_NAMES[tree], key)
}

fn conflict_marker_of(tree: &str, key: &[u8]) -> String {
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    format!("{MARKER}{tree}:{hex}")
}

/// A record a change wrote, decoded (index entries are `None`).
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Person(crate::model::Person),
    Org(crate::model::Organization),
    Event(crate::model::Event),
    Attendance(crate::model::Attendance),
    Agenda(crate::model::AgendaItem),
    Note(crate::model::Note),
    Idea(crate::model::Idea),
    /// A person's consent on record (the `consent` tree, keyed by their id).
    Consent {
        person: Id,
        consent: crate::model::Consent,
    },
}

/// What one write of a change did to one record: before and after, decoded; `None` for an
/// index entry (which follows from the records).
pub fn decode_write(w: &crate::model::change::Write) -> Option<(Option<Record>, Option<Record>)> {
    use super::layout::{AGENDA, ATTENDANCE, CONSENT, EVENTS, IDEAS, NOTES};
    let tree = TREE_NAMES.iter().position(|n| *n == w.tree)?;
    let person = from_be(&w.key);
    let one = |b: &Option<Vec<u8>>| -> Option<Record> {
        let b = b.as_deref()?;
        Some(match tree {
            PEOPLE => Record::Person(codec::decode(b).ok()?),
            ORGS => Record::Org(codec::decode(b).ok()?),
            EVENTS => Record::Event(codec::decode(b).ok()?),
            ATTENDANCE => Record::Attendance(codec::decode(b).ok()?),
            AGENDA => Record::Agenda(codec::decode(b).ok()?),
            NOTES => Record::Note(codec::decode(b).ok()?),
            IDEAS => Record::Idea(codec::decode(b).ok()?),
            CONSENT => Record::Consent {
                person: person?,
                consent: codec::decode(b).ok()?,
            },
            _ => return None,
        })
    };
    if !matches!(
        tree,
        PEOPLE | ORGS | EVENTS | ATTENDANCE | AGENDA | NOTES | IDEAS | CONSENT
    ) {
        return None;
    }
    Some((one(&w.before), one(&w.after)))
}

/// A change's size on disk, for the benchmarks.
pub fn encoded_len(c: &Change) -> usize {
    codec::encode(c).map(|b| b.len()).unwrap_or(0)
}
