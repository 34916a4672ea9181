//! The one write path of the app: the store and what the app holds in memory about people (the
//! [`Roster`]), kept in step. Each function is one use case: it makes the durable write first,
//! then updates the roster, so a failed write leaves memory as the disk has it. `state/` asks
//! this module for every read and write; it never holds the `Store` itself.

mod consent;
mod desk;
mod detail;
mod history;
mod person_report;
mod privacy;
pub use privacy::{Due, ShredDone};
pub mod roster;
pub mod sync;

use chrono::NaiveDate;

use crate::io::csv::ParsedCsv;
use crate::io::import::{self, ImportSummary};
use crate::model::{
    AgendaItem, Attendance, AttendanceStatus, Draft, Event, Id, Idea, Note, Organization, Person,
    PersonField, Ts,
};
use crate::progress::Progress;
use crate::store::{Store, StoreError};

pub use desk::Candidates;
pub use detail::{Detail, HistoryRow};
pub use history::{ChangeLine, FieldChange, HistoryFilter, RecordChange};
pub use person_report::Requested;
pub use roster::{Count, History, Roster};
pub use sync::SameAtTwoDesks;

type Result<T> = std::result::Result<T, StoreError>;

pub struct Data {
    store: Store,
    pub roster: Roster,
    /// Every note and idea, read once for the person detail pane and dropped by every write
    /// that can change them (`forget_meeting`).
    meeting: Option<detail::Meeting>,
    /// How many times `meeting` was read from the store (tests check it is not per keystroke).
    meeting_reads: u64,
    /// Which of the newest changes touched which person, worked out once per newest change
    /// (the person detail asks on every ↑/↓; see `history.rs`).
    touched: std::sync::Mutex<Option<history::Touched>>,
    /// What was last printed from the app and with which options, per kind, for this session.
    printed: Vec<(crate::model::PrintKind, crate::io::print::Options)>,
}

/// What a check-in at the desk came to; the caller only shows it (`message`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckIn {
    /// Arrived now: checked in when they were registered, else a walk-in. `previous` is their
    /// attendance before, for the undo.
    Arrived {
        who: String,
        at: Ts,
        previous: Option<Attendance>,
    },
    /// Already arrived at `at`: nothing was written (a second arrival is refused).
    AlreadyArrived { who: String, at: Ts },
    /// The database names someone else under the id the screen showed; nothing was written
    /// and the caches were dropped: the caller reloads before showing anything.
    NotAsShown { ko: String, en: String },
    /// Nobody by that id in the roster: nothing to do or say.
    Unknown,
}

impl CheckIn {
    /// The line to show, in the UI language (`None` for `Unknown`).
    pub fn message(&self) -> Option<String> {
        Some(match self {
            CheckIn::Arrived { who, at, .. } => crate::i18n::checked_in(who, &at.hhmm()),
            CheckIn::AlreadyArrived { who, at } => crate::i18n::already_arrived(who, &at.hhmm()),
            CheckIn::NotAsShown { ko, en } => crate::i18n::pick(ko.clone(), en.clone()),
            CheckIn::Unknown => return None,
        })
    }
}

/// Two records to make one: the duplicate `dup` goes into `keep`; of two people, `keep`
/// takes `dup`'s value of each field in `take` (the coordinator's choice where they differ).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Merge {
    People {
        keep: Id,
        dup: Id,
        take: Vec<PersonField>,
    },
    Orgs {
        keep: Id,
        dup: Id,
    },
}

/// The names of a merge, for the message: `dup` went into `keep`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub dup: String,
    pub keep: String,
}

/// Who writes notes and the minutes: `NETDAY_AUTHOR`, else 사무국 (secretariat).
pub fn author() -> String {
    std::env::var("NETDAY_AUTHOR")
        .map(|a| crate::model::clean_line(&a))
        .ok()
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| crate::i18n::DEFAULT_AUTHOR.get().to_string())
}

impl Data {
    /// The store with an empty roster (filled by whoever chose the event).
    pub fn new(store: Store) -> Data {
        Data {
            store,
            roster: Roster::default(),
            meeting: None,
            meeting_reads: 0,
            touched: std::sync::Mutex::new(None),
            printed: Vec::new(),
        }
    }

    /// The store, for reading inside the crate (exports, minutes, print, the roster's loads).
    /// Writes go through the use-cases below.
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Only with the `test-hooks` feature: the store itself, for tests that check what the
    /// database holds, or that write behind the roster's back as another desk would.
    #[cfg(feature = "test-hooks")]
    pub fn store_for_tests(&self) -> &Store {
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

    /// The options `kind` was last printed with in this session, else the defaults.
    pub fn print_options(&self, kind: crate::model::PrintKind) -> crate::io::print::Options {
        self.printed
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, o)| *o)
            .unwrap_or_default()
    }

    /// The kind printed last in this session.
    pub fn last_printed(&self) -> Option<crate::model::PrintKind> {
        self.printed.first().map(|(k, _)| *k)
    }

    /// Keeps `kind` and its options as the last chosen (newest first).
    pub fn remember_print(
        &mut self,
        kind: crate::model::PrintKind,
        opt: crate::io::print::Options,
    ) {
        self.printed.retain(|(k, _)| *k != kind);
        self.printed.insert(0, (kind, opt));
    }

    /// A PDF for `event` (sign-in sheet, badges, attendance record) with the default options.
    pub fn print(
        &self,
        event: &Event,
        kind: crate::model::PrintKind,
        progress: &mut dyn Progress,
    ) -> std::result::Result<crate::io::print::Printed, crate::io::print::PrintError> {
        self.print_with(event, kind, &crate::io::print::Options::default(), progress)
    }

    /// A PDF for `event` with the options chosen (order, phone column, empty rows), as
    /// `netday print` and the app's print menu make it.
    pub fn print_with(
        &self,
        event: &Event,
        kind: crate::model::PrintKind,
        opt: &crate::io::print::Options,
        progress: &mut dyn Progress,
    ) -> std::result::Result<crate::io::print::Printed, crate::io::print::PrintError> {
        crate::io::print::document(&self.store, event, kind, opt, crate::i18n::lang(), progress)
    }

    /// The evidence pack of `event` (`io::pack`), in the UI's language.
    pub fn pack(
        &self,
        event: &Event,
        o: &crate::io::minutes::ReportOptions,
        progress: &mut dyn Progress,
    ) -> std::result::Result<Vec<crate::io::pack::Part>, crate::io::pack::PackError> {
        let d = self.minutes(event)?;
        crate::io::pack::parts(&self.store, &d, o, crate::i18n::lang(), progress)
    }

    /// Everything the minutes of `event` need.
    pub fn minutes(&self, event: &Event) -> Result<crate::io::minutes::MinutesData> {
        crate::io::minutes::MinutesData::load(&self.store, event)
    }

    /// Gives the store back to be closed as the process ends. The roster is left to the
    /// operating system: freeing 100,000 people one string at a time took 75–95 ms of every
    /// exit, for memory the process is about to give back whole.
    pub fn close(self) -> Store {
        std::mem::forget(self.roster);
        self.store
    }

    // --- the change journal ---

    /// Changes on record, newest first, that `keep` keeps, at most `limit`.
    pub fn history(
        &self,
        limit: usize,
        keep: impl Fn(&crate::model::Change) -> bool,
    ) -> Result<Vec<crate::model::Change>> {
        self.store.changes(limit, keep)
    }

    /// The change an id names (as the history shows it, or its order).
    pub fn change(&self, id: &str) -> Result<Option<crate::model::Change>> {
        self.store.change_by_id(id)
    }

    /// Undoes a change (an import's every chunk with it), on record as a change of its own;
    /// the roster is read again for `event`. Refused in words when a later change stands in
    /// the way.
    pub fn undo(
        &mut self,
        order: u64,
        event: Option<&Event>,
        events: &[Event],
    ) -> Result<crate::model::Change> {
        let done = self.store.undo(order)?;
        self.reload(event, events)?;
        Ok(done)
    }

    /// Folds away the changes older than the days to keep (a setting; none: nothing folded),
    /// never those of the previous networking day and after, nor those a paired desk has not
    /// acknowledged. Returns how many were folded.
    pub fn fold_history(&self, now: crate::model::Ts, events: &[Event]) -> Result<u64> {
        let Some(days) = self.store.keep_days()? else {
            return Ok(0);
        };
        let before = crate::model::Ts(now.0 - days as i64 * 86_400_000);
        let today = now.local_date();
        // Never the previous networking day's changes, nor any since.
        let keep_from = events.iter().map(|e| e.date).filter(|d| *d < today).max();
        // Nor any change a paired desk has not acknowledged: it could no longer be sent.
        let desks = self.store.known_desks()?;
        let unsent =
            |c: &crate::model::Change| desks.iter().any(|d| !d.seen.covers(c.desk_id, c.seq));
        self.store.fold_changes(|c| {
            c.at >= before || keep_from.is_none_or(|d| c.at.local_date() >= d) || unsent(c)
        })
    }

    /// Keeps `days` days of changes (`None`: all); `fold_history` folds the older ones away.
    pub fn set_keep_days(&self, days: Option<u64>) -> Result<()> {
        self.store.set_keep_days(days)
    }

    /// This desk's name, as every change records it.
    pub fn desk_name(&self) -> String {
        self.store.desk_name()
    }

    pub fn set_desk_name(&self, name: &str) -> Result<()> {
        self.store.set_desk_name(name)
    }

    /// Reads everyone again (after a bulk change: the demo, a merge, an import).
    pub fn reload(&mut self, event: Option<&Event>, events: &[Event]) -> Result<()> {
        self.forget_meeting();
        self.roster = Roster::load(&self.store, event, events)?;
        Ok(())
    }

    /// Switches the roster to another event's attendance.
    pub fn set_event(&mut self, event: Option<&Event>, events: &[Event]) -> Result<()> {
        self.roster.set_event(&self.store, event, events)
    }

    /// The people `query` finds, best first, as the desk's search ranks them: each one's name
    /// and organisation. Reads the saved search index when nobody changed since it was saved
    /// (one read, no rebuild), else builds it; the roster is not loaded (`netday search`).
    pub fn find_people(&self, query: &str, limit: usize) -> Result<Vec<(String, String)>> {
        let generation = self.store.generation()?;
        let index = match roster::saved_index(&self.store, generation)? {
            Some(ix) => ix,
            None => {
                let (people, orgs) = self.store.people_and_orgs()?;
                let orgs: std::collections::HashMap<Id, Organization> =
                    orgs.into_iter().map(|o| (o.id, o)).collect();
                roster::build_index(&self.store, generation, &people, &orgs)?
            }
        };
        let mut hits = Vec::new();
        index.search_top(query, limit, &mut hits);
        let mut found = Vec::with_capacity(hits.len());
        for h in hits {
            let name = index.display_name(h.id).unwrap_or("").to_string();
            let org = match self.store.person(h.id)?.and_then(|p| p.org_id) {
                Some(o) => self.store.org(o)?.map(|o| o.name).unwrap_or_default(),
                None => String::new(),
            };
            found.push((name, org));
        }
        // 100,000 entries freed one by one would cost more than the search did.
        std::mem::forget(index);
        Ok(found)
    }

    /// Every networking day, by date.
    pub fn events(&self) -> Result<Vec<Event>> {
        let mut events = self.store.events()?;
        events.sort_by_key(|e| (e.date, e.id));
        Ok(events)
    }

    /// The networking day `id`, if there is one.
    pub fn event(&self, id: Id) -> Result<Option<Event>> {
        self.store.event(id)
    }

    /// Saves a networking day (id 0 = new; the id is written back).
    pub fn save_event(&mut self, e: &mut Event) -> Result<()> {
        self.store.put_event(e)
    }

    /// The day's numbers of event `id`, from its attendance as stored, by the one definition
    /// the TUI's header also counts with (`DayCount::of`): archived people are not counted.
    pub fn day_count(&self, id: Id) -> Result<crate::model::counts::DayCount> {
        let mut att = self.store.attendance_of_event(id)?;
        let mut archived = Vec::new();
        for a in &att {
            if self.store.person(a.person_id)?.is_some_and(|p| p.archived) {
                archived.push(a.person_id);
            }
        }
        att.retain(|a| !archived.contains(&a.person_id));
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

    /// Checks `person` in to `event` at `desk`: a check-in when they were registered, a
    /// walk-in when not, refused when they have arrived already. The database must still name
    /// the person the roster shows under that id (another desk may have changed it): else
    /// nothing is written and the caches are dropped (`CheckIn::NotAsShown`). Durable before it
    /// returns `Arrived`.
    pub fn check_in(&mut self, event: Id, person: Id, desk: &str, now: Ts) -> Result<CheckIn> {
        let Some(p) = self.roster.person(person) else {
            return Ok(CheckIn::Unknown);
        };
        let who = crate::i18n::name_and_org(&p.name, self.roster.org_name(p));
        let shown = p.name.clone();
        let previous = self.roster.attendance.get(&person).cloned();
        if let Some(at) = previous.as_ref().and_then(|a| a.status.arrived_at()) {
            return Ok(CheckIn::AlreadyArrived { who, at });
        }
        let desk = desk.to_string();
        let status = if previous.is_some() {
            AttendanceStatus::CheckedIn { at: now, desk }
        } else {
            AttendanceStatus::WalkIn { at: now, desk }
        };
        let a = Attendance {
            event_id: event,
            person_id: person,
            status,
            updated: now,
        };
        match self.store.put_arrival(&a, &shown) {
            Ok(()) => {}
            Err(e @ StoreError::NotAsShown { .. }) => {
                self.store.forget_caches();
                return Ok(CheckIn::NotAsShown {
                    ko: e.ko(),
                    en: e.en(),
                });
            }
            Err(e) => return Err(e),
        }
        self.roster.set_attendance(a);
        Ok(CheckIn::Arrived {
            who,
            at: now,
            previous,
        })
    }

    /// Registers a newcomer at the door (with the organisation typed, when it is new) and
    /// checks them in to `event` as a walk-in, in one durable step; ids are filled in.
    pub fn walk_in(
        &mut self,
        event: Id,
        person: &mut Person,
        new_org: Option<&mut Organization>,
        desk: &str,
        now: Ts,
    ) -> Result<Attendance> {
        let (a, _) = self.walk_in_consenting(
            event,
            person,
            new_org,
            desk,
            now,
            crate::store::ConsentWrite::Keep,
        )?;
        Ok(a)
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
        new_org: Option<&mut Organization>,
        att: Option<&mut Attendance>,
    ) -> Result<()> {
        self.save_person_consenting(person, new_org, att, crate::store::ConsentWrite::Keep)
            .map(|_| ())
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

    /// Brings an archived (or merged-away) person back into the lists, durable before it
    /// returns; their attendance of the day shown comes back with them. Their name, if known.
    pub fn restore(&mut self, id: Id) -> Result<Option<String>> {
        let Some(p) = self.store.restore_person(id)? else {
            return Ok(None);
        };
        let name = p.name.clone();
        self.roster.merged_into.remove(&id);
        self.roster.upsert_person(p);
        if let Some(event) = self.roster.event_id()
            && let Some(a) = self.store.attendance(event, id)?
        {
            self.roster.set_attendance(a);
        }
        Ok(Some(name))
    }

    /// Deletes an organisation nothing refers to, then reads everyone again; `false` (nothing
    /// changed) when people, action items or ideas still refer to it.
    pub fn delete_org(&mut self, id: Id, event: Option<&Event>, events: &[Event]) -> Result<bool> {
        if !self.store.delete_org(id)? {
            return Ok(false);
        }
        self.reload(event, events)?;
        Ok(true)
    }

    /// Merges a duplicate into the record kept, then reads everyone again. People: their
    /// attendance, notes and ideas follow; organisations: their people, action items and ideas.
    /// Returns both names as they were, for the message.
    pub fn merge(&mut self, m: Merge, event: Option<&Event>, events: &[Event]) -> Result<Merged> {
        let merged = match m {
            Merge::People { keep, dup, take } => {
                let name = |id| self.roster.person(id).map(|p| p.name.clone());
                let merged = Merged {
                    dup: name(dup).unwrap_or_default(),
                    keep: name(keep).unwrap_or_default(),
                };
                self.store.merge_people(keep, dup, &take)?;
                merged
            }
            Merge::Orgs { keep, dup } => {
                let merged = Merged {
                    dup: self.roster.org_label(dup),
                    keep: self.roster.org_label(keep),
                };
                self.store.merge_orgs(keep, dup)?;
                merged
            }
        };
        self.reload(event, events)?;
        Ok(merged)
    }

    /// Everyone still expected at `event` becomes a no-show and the day is marked closed, in one
    /// durable step. Returns their attendance as it was, for the undo.
    pub fn close_day(&mut self, event: &Event, now: Ts) -> Result<Vec<Attendance>> {
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
    pub fn undo_close_day(&mut self, event: &Event, before: Vec<Attendance>) -> Result<usize> {
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

    /// What importing `parsed` would do (`import::plan`: nothing written): the TUI's preview
    /// and `netday import --dry-run`.
    pub fn import_plan(
        &self,
        parsed: &ParsedCsv,
        date: Option<NaiveDate>,
        progress: &mut dyn Progress,
    ) -> Result<ImportSummary> {
        import::plan(&self.store, parsed, date, progress).map(|p| p.summary)
    }

    /// Imports `parsed` from `file`: plans it, then writes it in chunks, each one transaction,
    /// under a journal entry that names the import as unfinished until its last write is
    /// synced (`import::apply_file`). Cut short, what was written stays and importing the file
    /// again finishes it. The roster is not read again here: the caller reloads.
    pub fn import_apply(
        &mut self,
        parsed: &ParsedCsv,
        file: &std::path::Path,
        date: Option<NaiveDate>,
        progress: &mut dyn Progress,
    ) -> Result<ImportSummary> {
        self.forget_meeting();
        let s = import::apply_file(&self.store, parsed, file, date, progress)?;
        if s.stopped.is_none() && s.people() > 0 {
            // Only a hint for the next import's file picker: not remembering it loses nothing.
            let _ = self.remember_import_folder(file);
        }
        Ok(s)
    }

    /// Where files were imported from lately, newest first: the import dialog looks there first.
    pub fn recent_import_folders(&self) -> Vec<std::path::PathBuf> {
        self.store
            .recent_import_folders()
            .into_iter()
            .map(std::path::PathBuf::from)
            .collect()
    }

    /// Remembers the folder holding `file` among those of the latest imports.
    pub fn remember_import_folder(&self, file: &std::path::Path) -> Result<()> {
        let folder = std::path::absolute(file)
            .ok()
            .and_then(|f| f.parent().and_then(|d| d.to_str()).map(str::to_string));
        match folder {
            Some(folder) => self.store.remember_import_folder(&folder),
            // A folder whose name is no text cannot be shown or typed again.
            None => Ok(()),
        }
    }

    /// Imports a kill left unfinished, said in the user's words.
    /// `forget` says how to dismiss them where they are shown.
    pub fn unfinished_imports(&self, forget: (&str, &str)) -> Result<Vec<String>> {
        import::unfinished(&self.store, forget)
    }

    /// Forgets the imports that did not finish; returns their files.
    pub fn forget_imports(&self) -> Result<Vec<String>> {
        Ok(self
            .store
            .forget_imports()?
            .into_iter()
            .map(|j| j.file)
            .collect())
    }

    // --- the meeting: agenda, notes, drafts, ideas ---

    pub fn agenda_of_event(&self, event: Id) -> Result<Vec<AgendaItem>> {
        self.store.agenda_of_event(event)
    }

    /// Saves several items at once (a reorder, a template, last month's agenda).
    pub fn save_agenda_items(&mut self, items: &mut [AgendaItem]) -> Result<()> {
        self.store.put_agenda_items(items)
    }

    pub fn delete_agenda_item(&mut self, item: &AgendaItem) -> Result<()> {
        self.forget_meeting();
        self.store.delete_agenda(item)
    }

    pub fn notes(&self) -> Result<Vec<Note>> {
        self.store.notes()
    }

    pub fn save_note(&mut self, note: &mut Note) -> Result<()> {
        self.forget_meeting();
        self.store.put_note(note)
    }

    pub fn delete_note(&mut self, note: &Note) -> Result<()> {
        self.forget_meeting();
        self.store.delete_note(note)
    }

    pub fn drafts(&self) -> Result<Vec<Draft>> {
        self.store.drafts()
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
        self.forget_meeting();
        self.store.put_idea(idea)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_checks_in_the_registered_walks_in_the_rest_and_refuses_a_second_arrival() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut data = Data::new(Store::open(&dir.path().join("db")).expect("open"));
        let today = crate::model::today();
        let mut day = crate::io::import::event_on(&data.store, today, true)
            .expect("event")
            .expect("made");
        data.save_event(&mut day).expect("event");
        let mut kim = Person::new("김민지", Ts::now());
        let mut expected = Attendance {
            event_id: day.id,
            person_id: 0,
            status: AttendanceStatus::Expected,
            updated: Ts::now(),
        };
        data.save_person(&mut kim, None, Some(&mut expected))
            .expect("kim");
        let mut lee = Person::new("이서준", Ts::now());
        data.save_person(&mut lee, None, None).expect("lee");
        let events = data.events().expect("events");
        data.reload(Some(&day), &events).expect("reload");

        let at = Ts::now();
        match data
            .check_in(day.id, kim.id, "1번 데스크", at)
            .expect("kim")
        {
            CheckIn::Arrived { previous, .. } => assert_eq!(previous, Some(expected)),
            other => panic!("{other:?}"),
        }
        let stored = |data: &Data, id| data.store.attendance(day.id, id).expect("read");
        assert!(matches!(
            stored(&data, kim.id).map(|a| a.status),
            Some(AttendanceStatus::CheckedIn { .. })
        ));
        let syncs = data.store.sync_count();
        let again = data.check_in(day.id, kim.id, "2번 데스크", Ts::now());
        assert_eq!(
            again.expect("again"),
            CheckIn::AlreadyArrived {
                who: "김민지".into(),
                at
            }
        );
        assert_eq!(data.store.sync_count(), syncs, "nothing written");
        assert!(matches!(
            data.check_in(day.id, lee.id, "1번 데스크", Ts::now()),
            Ok(CheckIn::Arrived { previous: None, .. })
        ));
        assert!(matches!(
            stored(&data, lee.id).map(|a| a.status),
            Some(AttendanceStatus::WalkIn { .. })
        ));
    }
}
