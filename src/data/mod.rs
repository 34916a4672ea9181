//! The one write path of the app: the store and what the app holds in memory about people (the
//! [`Roster`]), kept in step. Each function is one use case: it makes the durable write first,
//! then updates the roster, so a failed write leaves memory as the disk has it. `state/` asks
//! this module for every read and write; it never holds the `Store` itself.

pub mod roster;

use chrono::NaiveDate;

use crate::io::csv::ParsedCsv;
use crate::io::import::{self, ImportSummary};
use crate::model::{
    AgendaItem, Attendance, AttendanceStatus, Draft, Event, Id, Idea, Note, Organization, Person,
    Ts,
};
use crate::progress::Progress;
use crate::store::{Store, StoreError};

pub use roster::{Count, History, Roster};

type Result<T> = std::result::Result<T, StoreError>;

pub struct Data {
    store: Store,
    pub roster: Roster,
}

impl Data {
    /// The store with an empty roster (filled by whoever chose the event).
    pub fn new(store: Store) -> Data {
        Data {
            store,
            roster: Roster::default(),
        }
    }

    /// The store, for reading (exports, minutes, tests). Writes go through the functions below.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Nothing in the database yet (the app then offers the demo).
    pub fn is_empty(&self) -> bool {
        self.store.is_empty()
    }

    /// Where the database lives (files for the user are never written inside it).
    pub fn path(&self) -> &std::path::Path {
        self.store.path()
    }

    /// Records the store could not read, said in both languages, if any.
    pub fn damage_warning(&self) -> Option<(String, String)> {
        self.store.damage_warning()
    }

    /// A PDF for `event` (sign-in sheet, badges, attendance record), as `netday print` makes it.
    pub fn print(
        &self,
        event: &Event,
        kind: crate::model::PrintKind,
        progress: &mut dyn Progress,
    ) -> std::result::Result<crate::io::print::Printed, crate::io::print::PrintError> {
        let opt = crate::io::print::Options::default();
        crate::io::print::document(
            &self.store,
            event,
            kind,
            &opt,
            crate::i18n::lang(),
            progress,
        )
    }

    /// Everything the minutes of `event` need.
    pub fn minutes(&self, event: &Event) -> Result<crate::io::minutes::MinutesData> {
        crate::io::minutes::MinutesData::load(&self.store, event)
    }

    /// Gives the store back (to open another app on it).
    pub fn into_store(self) -> Store {
        self.store
    }

    /// Gives the store back to be closed as the process ends. The roster is left to the
    /// operating system: freeing 100,000 people one string at a time took 75–95 ms of every
    /// exit, for memory the process is about to give back whole.
    pub fn close(self) -> Store {
        std::mem::forget(self.roster);
        self.store
    }

    /// Reads everyone again (after a bulk change: the demo, a merge, an import).
    pub fn reload(&mut self, event: Option<&Event>, events: &[Event]) -> Result<()> {
        self.roster = Roster::load(&self.store, event, events)?;
        Ok(())
    }

    /// Switches the roster to another event's attendance.
    pub fn set_event(&mut self, event: Option<&Event>, events: &[Event]) -> Result<()> {
        self.roster.set_event(&self.store, event, events)
    }

    pub fn events(&self) -> Result<Vec<Event>> {
        let mut events = self.store.events()?;
        events.sort_by_key(|e| (e.date, e.id));
        Ok(events)
    }

    /// Saves a networking day (id 0 = new; the id is written back).
    pub fn save_event(&mut self, e: &mut Event) -> Result<()> {
        self.store.put_event(e)
    }

    /// The day's numbers of event `id`, from its attendance as stored.
    pub fn day_count(&self, id: Id) -> Result<crate::model::counts::DayCount> {
        let att = self.store.attendance_of_event(id)?;
        Ok(crate::model::counts::DayCount::of(
            att.iter().map(|a| &a.status),
        ))
    }

    /// Whether attendance, agenda items or notes hang on event `id` (then it is not deleted).
    pub fn event_holds_anything(&self, id: Id) -> Result<bool> {
        self.store.event_holds_anything(id)
    }

    /// Deletes a networking day nothing hangs on; false (nothing changed) otherwise.
    pub fn delete_empty_event(&mut self, id: Id) -> Result<bool> {
        self.store.delete_empty_event(id)
    }

    // --- the desk and the people list ---

    /// A check-in, a registration, or an attendance put back by an undo.
    pub fn set_attendance(&mut self, a: Attendance) -> Result<()> {
        self.store.put_attendance(&a)?;
        self.roster.set_attendance(a);
        Ok(())
    }

    /// A check-in at the desk of the person the screen showed as `shown`. Refused with
    /// `StoreError::NotAsShown` when the database names someone else under that id; the caches
    /// are then dropped, so the `reload` the caller owes reads the database itself.
    pub fn check_in(&mut self, a: Attendance, shown: &str) -> Result<()> {
        let r = self.store.put_arrival(&a, shown);
        match &r {
            Ok(()) => self.roster.set_attendance(a),
            Err(StoreError::NotAsShown { .. }) => self.store.forget_caches(),
            Err(_) => {}
        }
        r
    }

    /// Takes `person` off `event` (an unregistration, or the undo of a walk-in's check-in).
    pub fn remove_attendance(&mut self, event: Id, person: Id) -> Result<()> {
        self.store.remove_attendance(event, person)?;
        self.roster.remove_attendance(person);
        Ok(())
    }

    /// Saves a person (a walk-in or the person form) with the organisation typed when it is
    /// new and their attendance when there is one, in one durable step; ids are filled in.
    pub fn save_person(
        &mut self,
        person: &mut Person,
        mut new_org: Option<&mut Organization>,
        mut att: Option<&mut Attendance>,
    ) -> Result<()> {
        self.store
            .put_person_with_org(person, new_org.as_deref_mut(), att.as_deref_mut())?;
        if let Some(o) = new_org {
            self.roster.upsert_org(o.clone());
        }
        self.roster.upsert_person(person.clone());
        if let Some(a) = att {
            self.roster.set_attendance(a.clone());
        }
        Ok(())
    }

    pub fn save_org(&mut self, o: &mut Organization) -> Result<()> {
        self.store.put_org(o)?;
        self.roster.upsert_org(o.clone());
        Ok(())
    }

    /// Hides a person from lists; their attendance history stays. Their name, if known.
    pub fn archive(&mut self, id: Id) -> Result<Option<String>> {
        let Some(mut p) = self.roster.person(id).cloned() else {
            return Ok(None);
        };
        p.archived = true;
        self.store.put_person(&mut p)?;
        let name = p.name.clone();
        self.roster.upsert_person(p);
        Ok(Some(name))
    }

    /// Merges `dup` into `keep` (attendance, notes, ideas follow), then reads everyone again.
    pub fn merge_people(
        &mut self,
        keep: Id,
        dup: Id,
        event: Option<&Event>,
        events: &[Event],
    ) -> Result<()> {
        self.store.merge_people(keep, dup)?;
        self.reload(event, events)
    }

    /// Merges organisation `dup` into `keep` (people, action items, ideas follow), then reads
    /// everyone again.
    pub fn merge_orgs(
        &mut self,
        keep: Id,
        dup: Id,
        event: Option<&Event>,
        events: &[Event],
    ) -> Result<()> {
        self.store.merge_orgs(keep, dup)?;
        self.reload(event, events)
    }

    /// Everyone still expected at `event` becomes a no-show, in one durable step. Returns their
    /// attendance as it was, for the undo.
    pub fn close_day(&mut self, event: Id, now: Ts) -> Result<Vec<Attendance>> {
        let before: Vec<Attendance> = self
            .roster
            .attendance
            .values()
            .filter(|a| a.status == AttendanceStatus::Expected)
            .cloned()
            .collect();
        let after: Vec<Attendance> = before
            .iter()
            .map(|a| Attendance {
                status: AttendanceStatus::NoShow,
                updated: now,
                ..a.clone()
            })
            .collect();
        self.store.close_day(event, &before, &after)?;
        for a in after {
            self.roster.set_attendance(a);
        }
        Ok(before)
    }

    /// Puts back what closing `event` changed, for the rows still marked no-show (anyone
    /// checked in since keeps their check-in). Returns how many went back.
    pub fn undo_close_day(&mut self, event: Id, before: Vec<Attendance>) -> Result<usize> {
        let restore: Vec<Attendance> = before
            .into_iter()
            .filter(|a| {
                self.roster
                    .attendance
                    .get(&a.person_id)
                    .is_some_and(|x| x.status == AttendanceStatus::NoShow)
            })
            .collect();
        self.store.undo_close_day(event, &restore)?;
        let n = restore.len();
        for a in restore {
            self.roster.set_attendance(a);
        }
        Ok(n)
    }

    /// What closing `event` changed, as the store kept it (undoable after a restart).
    pub fn close_undo(&self, event: Id) -> Result<Vec<Attendance>> {
        self.store.close_undo(event)
    }

    // --- imports ---

    /// What importing `parsed` would do (nothing written).
    pub fn import_plan(
        &self,
        parsed: &ParsedCsv,
        date: Option<NaiveDate>,
        progress: &mut dyn Progress,
    ) -> Result<ImportSummary> {
        import::apply(&self.store, parsed, date, true, progress)
    }

    /// Imports `parsed` from `file` all-or-nothing, then reads everyone again.
    pub fn import_apply(
        &mut self,
        parsed: &ParsedCsv,
        file: &std::path::Path,
        date: Option<NaiveDate>,
        progress: &mut dyn Progress,
    ) -> Result<ImportSummary> {
        import::apply_file(&self.store, parsed, file, date, false, progress)
    }

    /// Imports a kill left unfinished, said in the user's words.
    /// `forget` says how to dismiss them where they are shown.
    pub fn unfinished_imports(&self, forget: (&str, &str)) -> Result<Vec<String>> {
        import::unfinished(&self.store, forget)
    }

    /// Forgets the imports that did not finish; returns how many.
    pub fn forget_imports(&self) -> Result<usize> {
        Ok(self.store.forget_imports()?.len())
    }

    // --- the meeting: agenda, notes, drafts, ideas ---

    pub fn agenda_of_event(&self, event: Id) -> Result<Vec<AgendaItem>> {
        self.store.agenda_of_event(event)
    }

    pub fn save_agenda_item(&mut self, item: &mut AgendaItem) -> Result<()> {
        self.store.put_agenda(item)
    }

    /// Saves several items at once (a reorder, a template, last month's agenda).
    pub fn save_agenda_items(&mut self, items: &mut [AgendaItem]) -> Result<()> {
        self.store.put_agenda_items(items)
    }

    pub fn delete_agenda_item(&mut self, item: &AgendaItem) -> Result<()> {
        self.store.delete_agenda(item)
    }

    pub fn notes(&self) -> Result<Vec<Note>> {
        self.store.notes()
    }

    pub fn save_note(&mut self, note: &mut Note) -> Result<()> {
        self.store.put_note(note)
    }

    pub fn delete_note(&mut self, note: &Note) -> Result<()> {
        self.store.delete_note(note)
    }

    pub fn drafts(&self) -> Result<Vec<Draft>> {
        self.store.drafts()
    }

    /// Every networking day `person` has a record for.
    pub fn attendance_of_person(&self, person: Id) -> Result<Vec<Attendance>> {
        self.store.attendance_of_person(person)
    }

    /// Keeps half-typed text; survives a crash.
    pub fn save_draft(&mut self, d: &Draft) -> Result<()> {
        self.store.put_draft(d)
    }

    pub fn delete_draft(&mut self, key: &str) -> Result<()> {
        self.store.delete_draft(key)
    }

    pub fn ideas(&self) -> Result<Vec<Idea>> {
        self.store.ideas()
    }

    pub fn save_idea(&mut self, idea: &mut Idea) -> Result<()> {
        self.store.put_idea(idea)
    }
}
