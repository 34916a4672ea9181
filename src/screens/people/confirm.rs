//! What the People screen changes after asking: register or unregister for the day, archive,
//! merge two records, close the day (everyone still expected becomes a no-show) and undo that;
//! and the words each question is asked in. Every write goes through `data::Data`.

use super::PeopleState;
use crate::data::Merge;
use crate::i18n;
use crate::model::{Attendance, AttendanceStatus, Id, PersonField};
use crate::screens::unit::{Cx, Effect, Question, What};
use crate::screens::{Roster, Tone};
use crate::store::StoreError;

/// A person as a question names them: enough to tell two 김민지 apart (name, organisation, the
/// last four digits of the phone, else the badge code).
pub fn who(roster: &Roster, id: Id) -> String {
    let Some(p) = roster.person(id) else {
        return String::new();
    };
    let digits: String = p.phone.chars().filter(char::is_ascii_digit).collect();
    let tail = if digits.len() >= 4 {
        format!("☎ …{}", &digits[digits.len() - 4..])
    } else {
        format!("{} {}", i18n::COL_CODE.get(), p.code)
    };
    let org = roster.org_name(p);
    [p.name.as_str(), org, &tail]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// An organisation as a question names it: name, kind and how many people it has.
fn org_who(roster: &Roster, id: Id) -> String {
    match roster.orgs.get(&id) {
        Some(o) => {
            let (people, _, _) = roster.org_counts(id);
            format!(
                "{} · {} · {}",
                o.name,
                i18n::kind_short(o.kind),
                i18n::people_n(people)
            )
        }
        None => String::new(),
    }
}

/// The title and text of one of the People screen's questions; `undoable` is how many rows
/// undoing the closing would give back.
pub fn words(roster: &Roster, q: &Question, undoable: usize) -> (&'static str, String) {
    let name = |id| who(roster, id);
    match q {
        Question::Archive(id) => (i18n::ARCHIVE_TITLE.get(), i18n::confirm_archive(&name(*id))),
        Question::Merge { keep, dup } => (
            i18n::MERGE_TITLE.get(),
            i18n::confirm_merge(&name(*dup), &name(*keep)),
        ),
        Question::MergeOrgs { keep, dup } => (
            i18n::MERGE_ORGS_TITLE.get(),
            i18n::confirm_merge_orgs(&org_who(roster, *dup), &org_who(roster, *keep)),
        ),
        Question::DeleteOrg(id) => (
            i18n::DELETE_ORG_TITLE.get(),
            i18n::confirm_delete_org(&org_who(roster, *id)),
        ),
        Question::CloseDay { expected } => (
            i18n::CLOSE_DAY_TITLE.get(),
            i18n::confirm_close_day(*expected),
        ),
        Question::UndoCloseDay => (
            i18n::UNDO_CLOSE_TITLE.get(),
            i18n::confirm_undo_close(undoable),
        ),
        _ => ("", String::new()),
    }
}

impl PeopleState {
    /// Registers `person` for the current event as expected, or unregisters them if they are
    /// only expected. Someone who arrived keeps their record.
    pub(crate) fn toggle_registration(
        &mut self,
        cx: &mut Cx,
        person: Id,
    ) -> Result<(), StoreError> {
        let Some(event) = cx.need_event() else {
            return Ok(());
        };
        let name = cx
            .data
            .roster
            .person(person)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        match cx
            .data
            .roster
            .attendance
            .get(&person)
            .map(|a| a.status.clone())
        {
            Some(AttendanceStatus::Expected) => {
                cx.data.remove_attendance(event.id, person)?;
                cx.say(Tone::Info, i18n::unregistered(&name));
            }
            Some(s) if s.is_arrived() => {
                cx.say(Tone::Warn, i18n::cannot_unregister(&name));
                return Ok(());
            }
            _ => {
                let a = Attendance {
                    event_id: event.id,
                    person_id: person,
                    status: AttendanceStatus::Expected,
                    updated: cx.now,
                };
                cx.data.set_attendance(a)?;
                cx.say(Tone::Good, i18n::registered(&name));
            }
        }
        Ok(())
    }

    /// Hides a person from lists; their attendance history stays.
    pub(crate) fn archive(&mut self, cx: &mut Cx, id: Id) -> Result<(), StoreError> {
        let Some(name) = cx.data.archive(id)? else {
            return Ok(());
        };
        if self.detail.as_ref().is_some_and(|d| d.person == id) {
            self.detail = None;
        }
        cx.say(Tone::Good, i18n::archived(&name));
        Ok(())
    }

    /// Brings an archived or merged-away person back into the lists.
    pub(crate) fn restore(&mut self, cx: &mut Cx, id: Id) -> Result<(), StoreError> {
        let Some(name) = cx.data.restore(id)? else {
            return Ok(());
        };
        self.refresh(&cx.data.roster);
        cx.say(Tone::Good, i18n::person_restored(&name));
        Ok(())
    }

    /// Merges `dup` into `keep`, which takes `dup`'s value of each field in `take`.
    pub(crate) fn merge(
        &mut self,
        cx: &mut Cx,
        keep: Id,
        dup: Id,
        take: Vec<PersonField>,
    ) -> Result<Effect, StoreError> {
        let names = cx
            .data
            .merge(Merge::People { keep, dup, take }, cx.event, cx.events)?;
        self.merge_from = None;
        self.refresh(&cx.data.roster);
        if let Some(i) = self.rows.iter().position(|r| *r == keep) {
            self.selected = i;
        }
        cx.say(Tone::Good, i18n::merged(&names.dup, &names.keep));
        // Notes and ideas may name the one merged away.
        Ok(Effect::close().changed(What::ALL))
    }

    pub(crate) fn merge_orgs(
        &mut self,
        cx: &mut Cx,
        keep: Id,
        dup: Id,
    ) -> Result<Effect, StoreError> {
        let names = cx
            .data
            .merge(Merge::Orgs { keep, dup }, cx.event, cx.events)?;
        self.org_merge_from = None;
        self.refresh(&cx.data.roster);
        if let Some(i) = self.org_rows.iter().position(|r| *r == keep) {
            self.org_selected = i;
        }
        cx.say(Tone::Good, i18n::orgs_merged(&names.dup, &names.keep));
        Ok(Effect::close().changed(What::ALL))
    }

    /// Deletes an organisation made by mistake (nothing refers to it; undoable in 변경 이력).
    pub(crate) fn delete_org(&mut self, cx: &mut Cx, id: Id) -> Result<Effect, StoreError> {
        let name = cx.data.roster.org_label(id);
        if !cx.data.delete_org(id, cx.event, cx.events)? {
            cx.say(Tone::Warn, i18n::org_still_used(&name));
            return Ok(Effect::close());
        }
        self.refresh(&cx.data.roster);
        cx.say(Tone::Good, i18n::org_deleted(&name));
        Ok(Effect::close().changed(What::ALL))
    }

    /// Everyone still expected becomes a no-show, in one durable step; undoable.
    pub fn close_day(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let Some(event) = cx.event else {
            return Ok(());
        };
        let before = cx.data.close_day(event, cx.now)?;
        let n = before.len();
        self.close_undo = before;
        cx.say(Tone::Good, i18n::day_closed(n));
        Ok(())
    }

    pub(crate) fn undo_close_day(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let Some(event) = cx.event else {
            return Ok(());
        };
        // Only rows still marked no-show go back; anyone checked in since keeps their check-in.
        let before = std::mem::take(&mut self.close_undo);
        let n = match cx.data.undo_close_day(event, before.clone()) {
            Ok(n) => n,
            Err(e) => {
                // Nothing changed: still undoable.
                self.close_undo = before;
                return Err(e);
            }
        };
        cx.say(Tone::Info, i18n::day_reopened(n));
        Ok(())
    }
}
