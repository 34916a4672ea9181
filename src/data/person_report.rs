//! A person's request to see what is held about them (개인정보 보호법 제35조): whom a request
//! names, and everything the database holds about them — their record, the records merged into
//! it, their networking days, the action items they own and the notes that name them, their
//! ideas, and every journal entry that touched any of these. Read from the store itself (archived
//! people too), never from the roster.

use std::collections::{HashMap, HashSet};

use super::{Data, Result};
use crate::io::person::{
    ChangeEntry, DayLine, FieldChange, NoteLine, PersonRecord, PersonReport, Touched, record_fields,
};
use crate::model::{Change, Id, Note, NoteKind, Organization, Owner, Person, Ts};
use crate::store::changes::{Record, decode_write};

/// Whom a request names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requested {
    /// One person: `id`, whose report is given. `found` is the record the query named when
    /// that record was merged into `id`.
    One {
        id: Id,
        found: Option<Id>,
    },
    Nobody,
    /// More than one (best first, at most the number asked for): the caller lists them.
    Several(Vec<Id>),
}

/// The shortest name looked for in the text of notes: a single syllable would be found in
/// every other note.
const MENTION_MIN_CHARS: usize = 2;

impl Data {
    /// Whom `query` names for a request: a badge code (or alias) names its holder; else a name
    /// typed whole names everyone of that name (archived people too); else the desk's search,
    /// which names one person only when it finds exactly one by something of theirs (as
    /// `netday checkin` does). A record merged into another stands for the one it went into.
    /// Loads the roster for the search.
    pub fn person_for_request(&mut self, query: &str, limit: usize) -> Result<Requested> {
        let q = crate::model::clean_line(query);
        if q.is_empty() {
            return Ok(Requested::Nobody);
        }
        let merged: HashMap<Id, Id> = self.store.merged_into()?.into_iter().collect();
        let one = |id: Id| {
            let kept = follow(&merged, id);
            Requested::One {
                id: kept,
                found: (kept != id).then_some(id),
            }
        };
        if crate::model::looks_like_code(&q)
            && let Some(p) = self.store.person_by_code(&q)?
        {
            return Ok(one(p.id));
        }
        let key = crate::model::contact::name_key(&q);
        let mut named: Vec<Person> = self
            .store
            .people()?
            .into_iter()
            .filter(|p| crate::model::contact::name_key(&p.name) == key)
            .collect();
        named.sort_by_key(|p| (p.archived, p.id));
        let mut ids: Vec<Id> = Vec::new();
        for p in &named {
            let kept = follow(&merged, p.id);
            if !ids.contains(&kept) {
                ids.push(kept);
            }
        }
        match ids.as_slice() {
            [] => {}
            [only] => {
                return Ok(Requested::One {
                    id: *only,
                    found: match named.as_slice() {
                        [p] if p.id != *only => Some(p.id),
                        _ => None,
                    },
                });
            }
            _ => return Ok(Requested::Several(ids.into_iter().take(limit).collect())),
        }
        let events = self.events()?;
        self.reload(None, &events)?;
        let c = self.desk_candidates(&q, limit);
        Ok(match c.only() {
            Some(id) => one(id),
            None if c.ids.is_empty() => Requested::Nobody,
            None => Requested::Several(c.ids),
        })
    }

    /// Everything held about person `id` (`None` when there is nobody by that id), as of
    /// `made`.
    pub fn person_report(&self, id: Id, made: Ts) -> Result<Option<PersonReport>> {
        let Some(person) = self.store.person(id)? else {
            return Ok(None);
        };
        let merged_into = self.store.merged_into()?;
        // Everyone merged into them, through earlier merges too.
        let mut ids: Vec<Id> = vec![id];
        let mut at = 0;
        while at < ids.len() {
            let into = ids[at];
            for &(dup, keep) in &merged_into {
                if keep == into && !ids.contains(&dup) {
                    ids.push(dup);
                }
            }
            at += 1;
        }
        let mut merged = Vec::new();
        for &dup in &ids[1..] {
            if let Some(p) = self.store.person(dup)? {
                merged.push(self.record_of(p)?);
            }
        }
        let all: HashSet<Id> = ids.iter().copied().collect();
        let events: HashMap<Id, crate::model::Event> = self
            .store
            .events()?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        let mut days = Vec::new();
        for &who in &ids {
            for a in self.store.attendance_of_person(who)? {
                let (date, title) = match events.get(&a.event_id) {
                    Some(e) => (e.date, e.title.clone()),
                    None => continue,
                };
                days.push(DayLine {
                    date,
                    title,
                    status: a.status,
                });
            }
        }
        days.sort_by(|a, b| a.date.cmp(&b.date).then(a.title.cmp(&b.title)));
        let names: Vec<String> = std::iter::once(&person)
            .chain(merged.iter().map(|m| &m.person))
            .map(|p| p.name.trim().to_string())
            .filter(|n| n.chars().count() >= MENTION_MIN_CHARS)
            .collect();
        let line = |n: &Note| NoteLine {
            date: events.get(&n.event_id).map(|e| e.date),
            note: n.clone(),
        };
        let (mut actions, mut mentions) = (Vec::new(), Vec::new());
        for n in self.store.notes()? {
            if owned_by(&n, &all) {
                actions.push(line(&n));
            } else if names_them(&n, &names) {
                mentions.push(line(&n));
            }
        }
        actions.sort_by_key(|l| (l.date, l.note.at, l.note.id));
        mentions.sort_by_key(|l| (l.date, l.note.at, l.note.id));
        let mut ideas: Vec<_> = self
            .store
            .ideas()?
            .into_iter()
            .filter(|i| i.owner.is_some_and(|o| all.contains(&o)))
            .collect();
        ideas.sort_by_key(|i| (i.created, i.id));
        let mut orgs: HashMap<Id, Option<Organization>> = HashMap::new();
        let mut changes: Vec<ChangeEntry> = self
            .store
            .changes(usize::MAX, |c| !touched(c, &all, &names).is_empty())?
            .into_iter()
            .map(|c| ChangeEntry {
                at: c.at,
                id: c.id(),
                desk: c.desk.clone(),
                touched: touched(&c, &all, &names),
                fields: self.field_changes(&c, &all, &mut orgs),
                kind: c.kind,
            })
            .collect();
        changes.reverse();
        let journal_folded = self.store.folded()?.0 > 0;
        Ok(Some(PersonReport {
            made,
            desk: self.store.desk_name(),
            record: self.record_of(person)?,
            merged,
            days,
            actions,
            mentions,
            ideas,
            consent: self.store.consent(id)?,
            retention_months: self.store.retention_months()?,
            changes,
            journal_folded,
        }))
    }

    /// Each field of their person records that change `c` changed, before and after; a
    /// record's creation is left out (its values are those after it, shown by later changes or
    /// the record itself).
    fn field_changes(
        &self,
        c: &Change,
        ids: &HashSet<Id>,
        orgs: &mut HashMap<Id, Option<Organization>>,
    ) -> Vec<FieldChange> {
        let mut org = |id: Option<Id>| -> Option<Organization> {
            let id = id?;
            orgs.entry(id)
                .or_insert_with(|| self.store.org(id).ok().flatten())
                .clone()
        };
        let mut out = Vec::new();
        for w in &c.writes {
            if w.tree != "people" {
                continue;
            }
            let Some((Some(Record::Person(before)), after)) = decode_write(w) else {
                continue;
            };
            if !ids.contains(&before.id) {
                continue;
            }
            let after = match after {
                Some(Record::Person(p)) => Some(p),
                _ => None,
            };
            let shown = after.as_ref().unwrap_or(&before);
            let who = format!("{} [{}]", shown.name, shown.code);
            let old = record_fields(&before, org(before.org_id).as_ref());
            let new = after
                .as_ref()
                .map(|a| record_fields(a, org(a.org_id).as_ref()))
                .unwrap_or_default();
            for (i, (field, b)) in old.into_iter().enumerate() {
                let a = new.get(i).map(|(_, v)| v.clone()).unwrap_or_default();
                if a != b {
                    out.push(FieldChange {
                        who: who.clone(),
                        field,
                        before: b,
                        after: a,
                    });
                }
            }
        }
        out
    }

    fn record_of(&self, person: Person) -> Result<PersonRecord> {
        let org = match person.org_id {
            Some(o) => self.store.org(o)?,
            None => None,
        };
        Ok(PersonRecord { person, org })
    }
}

/// The person `id` stands for now: the one it was merged into, through later merges too.
fn follow(merged: &HashMap<Id, Id>, id: Id) -> Id {
    let mut at = id;
    // A cycle (a damaged store) ends.
    for _ in 0..=merged.len() {
        match merged.get(&at) {
            Some(&into) => at = into,
            None => break,
        }
    }
    at
}

/// Whether note `n`'s text, or its owner written as a name, holds one of `names`.
fn names_them(n: &Note, names: &[String]) -> bool {
    names.iter().any(|name| {
        n.text.contains(name.as_str())
            || matches!(&n.kind, NoteKind::Action { owner: Owner::Named(o), .. } if o.contains(name.as_str()))
    })
}

fn owned_by(n: &Note, ids: &HashSet<Id>) -> bool {
    matches!(&n.kind, NoteKind::Action { owner: Owner::Person(o), .. } if ids.contains(o))
}

/// Which of the records of `ids` change `c` wrote: their record and attendance read from the
/// keys alone; notes (theirs, or naming them) and ideas decoded, before and after (an item that
/// was theirs and was given to someone else counts).
fn touched(c: &Change, ids: &HashSet<Id>, names: &[String]) -> Vec<Touched> {
    let be = |b: Option<&[u8]>| {
        b.and_then(|b| b.try_into().ok())
            .map(u64::from_be_bytes)
            .is_some_and(|id| ids.contains(&id))
    };
    let mut out = Vec::new();
    let mut add = |t: Touched| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    for w in &c.writes {
        match w.tree.as_str() {
            "people" if be(w.key.get(..8)) => add(Touched::Person),
            "attendance" if be(w.key.get(8..16)) => add(Touched::Attendance),
            "notes" | "ideas" => {
                let Some((before, after)) = decode_write(w) else {
                    continue;
                };
                for r in [before, after].into_iter().flatten() {
                    match r {
                        Record::Note(n) if owned_by(&n, ids) || names_them(&n, names) => {
                            add(Touched::Note)
                        }
                        Record::Idea(i) if i.owner.is_some_and(|o| ids.contains(&o)) => {
                            add(Touched::Idea)
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    out.sort();
    out
}
