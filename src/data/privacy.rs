//! Personal data's use cases: the retention rule, who is due, and the shred with the rewrite of
//! the database's files that makes it final (`store/shred.rs`, `Store::compact`). The 파기
//! screen and `netday shred` both go through here.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Data, Result};
use crate::model::privacy::{self, ShredScope};
use crate::model::{AttendanceStatus, Event, Id, Person};
use crate::progress::Progress;
use crate::store::{Compacted, Shredded};

/// A person the retention rule says is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub id: Id,
    pub name: String,
    pub org: String,
    pub code: String,
    /// The last networking day they attended, or the day they were added (`attended` false).
    pub last: NaiveDate,
    pub attended: bool,
    /// The day the rule made them due.
    pub due: NaiveDate,
    /// What a contact shred would remove: phone, e-mail, notes (as flags, never the values).
    pub phone: bool,
    pub email: bool,
    pub notes: bool,
}

/// What a shred came to.
#[derive(Debug)]
pub struct ShredDone {
    pub shredded: Shredded,
    /// The database's files rewritten (`None`: stopped before the rewrite; the next start
    /// rewrites them).
    pub compacted: Option<Compacted>,
}

impl Data {
    pub fn retention_months(&self) -> Result<u32> {
        self.store.retention_months()
    }

    pub fn set_retention_months(&self, months: u32) -> Result<()> {
        self.store.set_retention_months(months)
    }

    /// Everyone the retention rule makes due on `today` whom a shred with `scope` would still
    /// change, oldest first. Someone registered for a day after today is not due: their data
    /// is in use for it.
    pub fn due_for_shred(&self, today: NaiveDate, scope: ShredScope) -> Result<Vec<Due>> {
        let months = self.store.retention_months()?;
        let people = self.store.people()?;
        self.due_among(&people, today, Some(months), scope)
    }

    /// What `due_for_shred` says of `people` under a rule of `months`; `None`: the people were
    /// asked for by name (`netday shred --person`, a person's request), so each is due now,
    /// registered for a coming day or not.
    pub fn due_among(
        &self,
        people: &[Person],
        today: NaiveDate,
        months: Option<u32>,
        scope: ShredScope,
    ) -> Result<Vec<Due>> {
        let days: HashMap<Id, NaiveDate> = self
            .store
            .events()?
            .into_iter()
            .map(|e| (e.id, e.date))
            .collect();
        let mut last: HashMap<Id, NaiveDate> = HashMap::new();
        // Registered for a day still to come: their data is in use for it.
        let mut coming: std::collections::HashSet<Id> = std::collections::HashSet::new();
        for a in self.store.all_attendance()? {
            let Some(d) = days.get(&a.event_id) else {
                continue;
            };
            if a.status.is_arrived() {
                let e = last.entry(a.person_id).or_insert(*d);
                *e = (*e).max(*d);
            } else if *d > today
                && matches!(
                    a.status,
                    AttendanceStatus::Expected | AttendanceStatus::Tentative
                )
            {
                coming.insert(a.person_id);
            }
        }
        let orgs: HashMap<Id, String> = self
            .store
            .orgs()?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let mut out = Vec::new();
        for p in people {
            if privacy::is_anonymous(p) || months.is_some() && coming.contains(&p.id) {
                continue;
            }
            if scope == ShredScope::Contact && !privacy::holds_contact(p) {
                continue;
            }
            let (day, attended) = match last.get(&p.id) {
                Some(d) => (*d, true),
                None => (p.created.local().date(), false),
            };
            let due = match months {
                Some(m) => match privacy::due_on(day, m) {
                    Some(due) if due <= today => due,
                    _ => continue,
                },
                None => today,
            };
            out.push(Due {
                id: p.id,
                name: p.name.clone(),
                org: p
                    .org_id
                    .and_then(|o| orgs.get(&o).cloned())
                    .unwrap_or_default(),
                code: p.code.clone(),
                last: day,
                attended,
                due,
                phone: !p.phone.is_empty(),
                email: !p.email.is_empty(),
                notes: !p.notes.is_empty(),
            });
        }
        out.sort_by(|a, b| (a.due, &a.name, a.id).cmp(&(b.due, &b.name, b.id)));
        Ok(out)
    }

    /// Shreds `ids` with `scope`, then rewrites the database's files so that no byte of what
    /// was shredded is left in them (`progress` hears the rewrite and may stop it: the shred
    /// stands, and the next start rewrites the files). Reads everyone again.
    pub fn shred(
        &mut self,
        ids: &[Id],
        scope: ShredScope,
        progress: &mut dyn Progress,
        event: Option<&Event>,
        events: &[Event],
    ) -> Result<ShredDone> {
        let shredded = self.store.shred(ids, scope, progress)?;
        let compacted = self.finish_shred(progress)?;
        self.reload(event, events)?;
        Ok(ShredDone {
            shredded,
            compacted,
        })
    }

    /// netday's own older copies beside the database, which still hold what a shred removed.
    pub fn older_copies(&self) -> Vec<std::path::PathBuf> {
        self.store.older_copies()
    }

    /// Whether a consent withdrawn since the last call (the person form, a walk-in, an import,
    /// the other desk) left the emptied phone or e-mail in the database's files: the caller
    /// rewrites them now (`finish_shred`).
    pub fn rewrite_due(&self) -> bool {
        self.store.take_rewrite_due()
    }

    /// Whether a shred (here, or at the other desk and synced here) still waits for its
    /// rewrite of the files.
    pub fn shred_unfinished(&self) -> Result<bool> {
        self.store.shred_unfinished()
    }

    /// Rewrites the database's files after a shred (`None`: nothing waited, or `progress`
    /// stopped it). The caller reads everyone again.
    pub fn finish_shred(&mut self, progress: &mut dyn Progress) -> Result<Option<Compacted>> {
        if !self.store.shred_unfinished()? {
            return Ok(None);
        }
        self.store.compact(progress)
    }
}
