//! What the People screen changes after asking: register or unregister for the day, archive,
//! merge two records, close the day (everyone still expected becomes a no-show) and undo that.
//! Every write goes through `data::Data`.

use super::{Action, App, Effect, Tone};
use crate::data::Merge;
use crate::i18n;
use crate::model::{Attendance, AttendanceStatus, Id};
use crate::store::StoreError;

/// Confirmations the People screen asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeopleConfirm {
    Archive(Id),
    Merge { keep: Id, dup: Id },
    MergeOrgs { keep: Id, dup: Id },
    CloseDay { expected: usize },
    UndoCloseDay,
}

impl App {
    /// Registers `person` for the current event as expected, or unregisters them if they are
    /// only expected. Someone who arrived keeps their record.
    pub(super) fn toggle_registration(&mut self, person: Id) -> Result<(), StoreError> {
        let Some(event) = self.event.as_ref().map(|e| e.id) else {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return Ok(());
        };
        let name = self
            .data
            .roster
            .person(person)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        match self
            .data
            .roster
            .attendance
            .get(&person)
            .map(|a| a.status.clone())
        {
            Some(AttendanceStatus::Expected) => {
                self.data.remove_attendance(event, person)?;
                self.say(Tone::Info, i18n::unregistered(&name));
            }
            Some(s) if s.is_arrived() => {
                self.say(Tone::Warn, i18n::cannot_unregister(&name));
                return Ok(());
            }
            _ => {
                let a = Attendance {
                    event_id: event,
                    person_id: person,
                    status: AttendanceStatus::Expected,
                    updated: self.now(),
                };
                self.data.set_attendance(a)?;
                self.say(Tone::Good, i18n::registered(&name));
            }
        }
        self.after_people_write();
        Ok(())
    }

    pub(super) fn on_people_confirm(
        &mut self,
        what: PeopleConfirm,
        action: Action,
    ) -> Result<Effect, StoreError> {
        match super::confirm_answer(&action) {
            Some(true) => {
                match what {
                    PeopleConfirm::Archive(id) => self.archive(id)?,
                    PeopleConfirm::Merge { keep, dup } => self.merge(keep, dup)?,
                    PeopleConfirm::MergeOrgs { keep, dup } => self.merge_orgs(keep, dup)?,
                    PeopleConfirm::CloseDay { .. } => self.close_day()?,
                    PeopleConfirm::UndoCloseDay => self.undo_close_day()?,
                }
                Ok(Effect::Close)
            }
            Some(false) => Ok(Effect::Close),
            None => Ok(Effect::Keep),
        }
    }

    /// Hides a person from lists; their attendance history stays.
    fn archive(&mut self, id: Id) -> Result<(), StoreError> {
        let Some(name) = self.data.archive(id)? else {
            return Ok(());
        };
        if self.people.detail.as_ref().is_some_and(|d| d.person == id) {
            self.people.detail = None;
        }
        self.say(Tone::Good, i18n::archived(&name));
        self.after_people_write();
        Ok(())
    }

    fn merge(&mut self, keep: Id, dup: Id) -> Result<(), StoreError> {
        let m = Merge::People { keep, dup };
        let names = self.data.merge(m, self.event.as_ref(), &self.events)?;
        self.people.merge_from = None;
        self.reload()?;
        self.say(Tone::Good, i18n::merged(&names.dup, &names.keep));
        if let Some(i) = self.people.rows.iter().position(|r| *r == keep) {
            self.people.selected = i;
        }
        self.after_people_write();
        Ok(())
    }

    fn merge_orgs(&mut self, keep: Id, dup: Id) -> Result<(), StoreError> {
        let m = Merge::Orgs { keep, dup };
        let names = self.data.merge(m, self.event.as_ref(), &self.events)?;
        self.people.org_merge_from = None;
        self.reload()?;
        self.say(Tone::Good, i18n::orgs_merged(&names.dup, &names.keep));
        self.after_people_write();
        if let Some(i) = self.people.org_rows.iter().position(|r| *r == keep) {
            self.people.org_selected = i;
        }
        Ok(())
    }

    /// Everyone still expected becomes a no-show, in one durable step; undoable.
    pub fn close_day(&mut self) -> Result<(), StoreError> {
        let Some(event) = self.event.as_ref().map(|e| e.id) else {
            return Ok(());
        };
        let before = self.data.close_day(event, self.now())?;
        let n = before.len();
        self.people.close_undo = before;
        self.say(Tone::Good, i18n::day_closed(n));
        self.after_people_write();
        Ok(())
    }

    fn undo_close_day(&mut self) -> Result<(), StoreError> {
        let Some(event) = self.event.as_ref().map(|e| e.id) else {
            return Ok(());
        };
        // Only rows still marked no-show go back; anyone checked in since keeps their check-in.
        let before = std::mem::take(&mut self.people.close_undo);
        let n = match self.data.undo_close_day(event, before.clone()) {
            Ok(n) => n,
            Err(e) => {
                // Nothing changed: still undoable.
                self.people.close_undo = before;
                return Err(e);
            }
        };
        self.say(Tone::Info, i18n::day_reopened(n));
        self.after_people_write();
        Ok(())
    }
}
