//! The People screen: everyone for this event (or in the database), filtered, sorted, edited.
//! The visible view is a `Vec<Id>` recomputed only when the query, filters, sort or data change.

use chrono::NaiveDate;

use super::people_form::{OrgForm, PersonForm};
use super::{Action, App, Overlay, Roster, Tone};
use crate::i18n::{self, L};
use crate::model::{
    Attendance, AttendanceStatus, District, Id, Idea, Note, NoteKind, OrgKind, Owner,
};
use crate::search::Hit;
use crate::store::StoreError;

/// Rows moved by PageUp/PageDown.
pub const PAGE: usize = 10;

/// Status filter over the current event's attendance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    Expected,
    /// Arrived in any way (checked in or walk-in).
    Arrived,
    WalkIn,
    /// Cancelled or no-show.
    Absent,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 4] = [
        StatusFilter::Expected,
        StatusFilter::Arrived,
        StatusFilter::WalkIn,
        StatusFilter::Absent,
    ];
    pub fn label(self) -> L {
        match self {
            StatusFilter::Expected => i18n::EXPECTED,
            StatusFilter::Arrived => i18n::ARRIVED,
            StatusFilter::WalkIn => i18n::WALK_IN,
            StatusFilter::Absent => i18n::P_ABSENT,
        }
    }
    fn matches(self, s: Option<&AttendanceStatus>) -> bool {
        match (self, s) {
            (_, None) => false,
            (StatusFilter::Expected, Some(s)) => *s == AttendanceStatus::Expected,
            (StatusFilter::Arrived, Some(s)) => s.is_arrived(),
            (StatusFilter::WalkIn, Some(s)) => matches!(s, AttendanceStatus::WalkIn { .. }),
            (StatusFilter::Absent, Some(s)) => {
                matches!(s, AttendanceStatus::Cancelled | AttendanceStatus::NoShow)
            }
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub status: Option<StatusFilter>,
    pub kind: Option<OrgKind>,
    pub district: Option<District>,
    pub first_time: bool,
    pub missing_contact: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
    /// Rows of the filter menu.
    pub const ROWS: usize = 5;

    /// Steps the value of menu row `row` forwards or backwards.
    pub fn step(&mut self, row: usize, forward: bool) {
        match row {
            0 => self.status = cycle(&StatusFilter::ALL, self.status, forward),
            1 => self.kind = cycle(&OrgKind::ALL, self.kind, forward),
            2 => self.district = cycle(&District::ALL, self.district, forward),
            3 => self.first_time = !self.first_time,
            4 => self.missing_contact = !self.missing_contact,
            _ => {}
        }
    }
}

/// None → first → … → last → None (or backwards).
fn cycle<T: Copy + PartialEq>(all: &[T], cur: Option<T>, forward: bool) -> Option<T> {
    let n = all.len();
    let i = cur.and_then(|c| all.iter().position(|x| *x == c));
    let next = match (i, forward) {
        (None, true) => Some(0),
        (None, false) => Some(n - 1),
        (Some(i), true) if i + 1 < n => Some(i + 1),
        (Some(i), false) if i > 0 => Some(i - 1),
        _ => None,
    };
    next.map(|j| all[j])
}

/// A sortable column of the people table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Column {
    #[default]
    Name,
    Org,
    Kind,
    District,
    Role,
    Status,
    Count,
    Last,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Name,
        Column::Org,
        Column::Kind,
        Column::District,
        Column::Role,
        Column::Status,
        Column::Count,
        Column::Last,
    ];
    pub fn label(self) -> L {
        match self {
            Column::Name => i18n::COL_NAME,
            Column::Org => i18n::COL_ORG,
            Column::Kind => i18n::P_COL_KIND,
            Column::District => i18n::P_COL_DISTRICT,
            Column::Role => i18n::COL_ROLE,
            Column::Status => i18n::COL_STATUS,
            Column::Count => i18n::P_COL_COUNT,
            Column::Last => i18n::P_COL_LAST,
        }
    }
}

/// One attended (or registered) networking day in the detail pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    pub date: NaiveDate,
    pub title: String,
    pub status: AttendanceStatus,
}

/// What the detail pane shows about one person; loaded from the store when it opens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Detail {
    pub person: Id,
    pub history: Vec<HistoryRow>,
    /// Notes and action items mentioning the person or their organisation, newest first.
    pub notes: Vec<Note>,
    pub ideas: Vec<Idea>,
}

#[derive(Default, Clone, Debug)]
pub struct PeopleState {
    pub query: String,
    /// Everyone in the database, not only those registered for the current event.
    pub everyone: bool,
    pub filters: Filters,
    pub sort: Column,
    pub descending: bool,
    /// The view: filtered and sorted.
    pub rows: Vec<Id>,
    pub selected: usize,
    pub detail: Option<Detail>,
    /// Organisations sub-view (F8).
    pub orgs_view: bool,
    pub org_rows: Vec<Id>,
    pub org_selected: usize,
    /// The person marked as a duplicate, waiting for the one to keep.
    pub merge_from: Option<Id>,
    /// Attendance before the last "close the day", for undo.
    pub close_undo: Vec<Attendance>,
    hits: Vec<Hit>,
}

/// Sort key of one row: a number or a text, then the name, then the id.
struct Key<'a> {
    n: i64,
    s: &'a str,
    name: &'a str,
    id: Id,
}

fn status_rank(s: Option<&AttendanceStatus>) -> i64 {
    match s {
        Some(AttendanceStatus::Expected) => 0,
        Some(AttendanceStatus::CheckedIn { .. }) => 1,
        Some(AttendanceStatus::WalkIn { .. }) => 2,
        Some(AttendanceStatus::Cancelled) => 3,
        Some(AttendanceStatus::NoShow) => 4,
        None => 5,
    }
}

impl PeopleState {
    /// Recomputes the view from the roster.
    pub fn refresh(&mut self, roster: &Roster) {
        let keep = self.rows.get(self.selected).copied();
        let query = !self.query.trim().is_empty();
        let candidates: Vec<usize> = if query {
            roster.index.search(&self.query, &mut self.hits);
            self.hits
                .iter()
                .filter_map(|h| roster.position(h.id))
                .collect()
        } else {
            (0..roster.people.len()).collect()
        };
        let f = self.filters;
        let mut keys: Vec<Key> = Vec::with_capacity(candidates.len());
        for i in candidates {
            let p = &roster.people[i];
            if p.archived {
                continue;
            }
            let att = roster.attendance.get(&p.id).map(|a| &a.status);
            if !self.everyone && att.is_none() {
                continue;
            }
            if let Some(s) = f.status
                && !s.matches(att)
            {
                continue;
            }
            let org = roster.org_of(p);
            if f.kind.is_some() && org.map(|o| o.kind) != f.kind {
                continue;
            }
            if f.district.is_some() && org.map(|o| o.district) != f.district {
                continue;
            }
            if f.first_time && !roster.is_first_time(p.id) {
                continue;
            }
            if f.missing_contact && !(p.phone.is_empty() || p.email.is_empty()) {
                continue;
            }
            let h = roster.history.get(&p.id);
            let (n, s) = match self.sort {
                Column::Name => (0, ""),
                Column::Org => (0, org.map(|o| o.name.as_str()).unwrap_or("")),
                Column::Kind => (org.map_or(99, |o| o.kind as i64), ""),
                Column::District => (org.map_or(99, |o| o.district as i64), ""),
                Column::Role => (0, p.role.as_str()),
                Column::Status => (status_rank(att), ""),
                Column::Count => (h.map_or(0, |h| h.attended as i64), ""),
                Column::Last => (
                    h.and_then(|h| h.last)
                        .map_or(i64::MIN, |d| d.num_days_from_ce_i64()),
                    "",
                ),
            };
            keys.push(Key {
                n,
                s,
                name: &p.name,
                id: p.id,
            });
        }
        let desc = self.descending;
        keys.sort_unstable_by(|a, b| {
            let o =
                a.n.cmp(&b.n)
                    .then_with(|| a.s.cmp(b.s))
                    .then_with(|| a.name.cmp(b.name))
                    .then(a.id.cmp(&b.id));
            if desc { o.reverse() } else { o }
        });
        self.rows.clear();
        self.rows.extend(keys.iter().map(|k| k.id));
        self.selected = keep
            .and_then(|id| self.rows.iter().position(|r| *r == id))
            .unwrap_or(0);
        self.refresh_orgs(roster);
    }

    /// Recomputes the organisations sub-view (search by organisation name).
    pub fn refresh_orgs(&mut self, roster: &Roster) {
        let keep = self.org_rows.get(self.org_selected).copied();
        if self.query.trim().is_empty() {
            let mut v: Vec<(&str, Id)> = roster
                .orgs
                .values()
                .map(|o| (o.name.as_str(), o.id))
                .collect();
            v.sort_unstable();
            self.org_rows = v.into_iter().map(|(_, id)| id).collect();
        } else {
            roster.org_index.search(&self.query, &mut self.hits);
            self.org_rows = self.hits.iter().map(|h| h.id).collect();
        }
        self.org_selected = keep
            .and_then(|id| self.org_rows.iter().position(|r| *r == id))
            .unwrap_or(0);
    }

    pub fn selected_person(&self) -> Option<Id> {
        self.rows.get(self.selected).copied()
    }

    pub fn selected_org(&self) -> Option<Id> {
        self.org_rows.get(self.org_selected).copied()
    }

    fn move_by(&mut self, d: isize) {
        let (sel, n) = if self.orgs_view {
            (&mut self.org_selected, self.org_rows.len())
        } else {
            (&mut self.selected, self.rows.len())
        };
        let last = n.saturating_sub(1) as isize;
        *sel = (*sel as isize).saturating_add(d).clamp(0, last.max(0)) as usize;
    }
}

trait DaysFromCe {
    fn num_days_from_ce_i64(&self) -> i64;
}
impl DaysFromCe for NaiveDate {
    fn num_days_from_ce_i64(&self) -> i64 {
        use chrono::Datelike;
        self.num_days_from_ce() as i64
    }
}

/// Confirmations the People screen asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeopleConfirm {
    Archive(Id),
    Merge { keep: Id, dup: Id },
    CloseDay { expected: usize },
    UndoCloseDay,
}

/// Per-person row counts for the organisations sub-view: (people, registered, arrived).
pub fn org_counts(roster: &Roster, org: Id) -> (usize, usize, usize) {
    let mut people = 0;
    let mut registered = 0;
    let mut arrived = 0;
    for p in roster.people.iter().filter(|p| !p.archived) {
        if p.org_id != Some(org) {
            continue;
        }
        people += 1;
        if let Some(a) = roster.attendance.get(&p.id) {
            registered += 1;
            if a.status.is_arrived() {
                arrived += 1;
            }
        }
    }
    (people, registered, arrived)
}

impl App {
    pub(super) fn on_people(&mut self, action: Action) -> Result<(), StoreError> {
        let s = &mut self.people;
        match action {
            Action::Input(ch) if !ch.is_control() => {
                s.query.push(ch);
                self.refresh_people();
            }
            Action::Paste(text) => {
                s.query.push_str(&crate::model::clean_line(&text));
                self.refresh_people();
            }
            Action::Backspace => {
                s.query.pop();
                self.refresh_people();
            }
            Action::Cancel => {
                if !s.query.is_empty() {
                    s.query.clear();
                    self.refresh_people();
                } else if s.merge_from.is_some() {
                    s.merge_from = None;
                    self.say(Tone::Info, i18n::P_MERGE_CANCELLED.get());
                } else if s.detail.is_some() {
                    s.detail = None;
                } else if !s.filters.is_empty() {
                    s.filters = Filters::default();
                    self.refresh_people();
                }
            }
            Action::Up => s.move_by(-1),
            Action::Down => s.move_by(1),
            Action::PageUp => s.move_by(-(PAGE as isize)),
            Action::PageDown => s.move_by(PAGE as isize),
            Action::Home => s.move_by(isize::MIN / 2),
            Action::End => s.move_by(isize::MAX / 2),
            Action::ToggleOrgs => {
                s.orgs_view = !s.orgs_view;
                s.detail = None;
            }
            Action::ExportPeople => self.open_export(),
            Action::ImportPeople => self.open_import(),
            _ if s.orgs_view => return self.on_orgs(action),
            Action::Submit => {
                if s.detail.is_some() {
                    s.detail = None;
                } else {
                    self.load_detail()?;
                }
            }
            Action::ToggleEveryone => {
                s.everyone = !s.everyone;
                let text = if s.everyone {
                    i18n::P_SHOWING_EVERYONE
                } else {
                    i18n::P_SHOWING_EVENT
                };
                self.refresh_people();
                self.say(Tone::Info, text.get());
            }
            Action::FilterMenu => self.overlay = Overlay::PeopleFilter { row: 0 },
            Action::SortNext => {
                let i = Column::ALL.iter().position(|c| *c == s.sort).unwrap_or(0);
                s.sort = Column::ALL[(i + 1) % Column::ALL.len()];
                s.descending = false;
                self.refresh_people();
            }
            Action::SortReverse => {
                s.descending = !s.descending;
                self.refresh_people();
            }
            Action::Edit => match s.selected_person().and_then(|id| self.roster.person(id)) {
                Some(p) => {
                    let form = PersonForm::edit(p, &self.roster);
                    self.overlay = Overlay::PersonForm(Box::new(form));
                }
                None => self.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
            },
            Action::AddPerson => {
                let mut form = PersonForm::default();
                let q = s.query.trim();
                if !q.is_empty() && !q.is_ascii() {
                    form.name = q.to_string();
                }
                self.overlay = Overlay::PersonForm(Box::new(form));
            }
            Action::Archive => match s.selected_person() {
                Some(id) => self.overlay = Overlay::PeopleConfirm(PeopleConfirm::Archive(id)),
                None => self.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
            },
            Action::Register => match s.selected_person() {
                Some(id) => return self.toggle_registration(id),
                None => self.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
            },
            Action::Merge => {
                let Some(id) = s.selected_person() else {
                    self.say(Tone::Warn, i18n::NOBODY_SELECTED.get());
                    return Ok(());
                };
                match s.merge_from {
                    None => {
                        s.merge_from = Some(id);
                        let name = self.roster.person(id).map(|p| p.name.clone());
                        self.say(Tone::Info, i18n::merge_marked(&name.unwrap_or_default()));
                    }
                    Some(dup) if dup == id => {
                        s.merge_from = None;
                        self.say(Tone::Info, i18n::P_MERGE_CANCELLED.get());
                    }
                    Some(dup) => {
                        self.overlay =
                            Overlay::PeopleConfirm(PeopleConfirm::Merge { keep: id, dup });
                    }
                }
            }
            Action::CloseDay => {
                if self.event.is_none() {
                    self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
                    return Ok(());
                }
                let expected = self
                    .roster
                    .attendance
                    .values()
                    .filter(|a| a.status == AttendanceStatus::Expected)
                    .count();
                if expected == 0 {
                    self.say(Tone::Info, i18n::P_NOBODY_EXPECTED.get());
                } else {
                    self.overlay = Overlay::PeopleConfirm(PeopleConfirm::CloseDay { expected });
                }
            }
            Action::UndoCloseDay => {
                if s.close_undo.is_empty() {
                    self.say(Tone::Warn, i18n::P_NOTHING_TO_UNDO.get());
                } else {
                    self.overlay = Overlay::PeopleConfirm(PeopleConfirm::UndoCloseDay);
                }
            }
            _ => {}
        }
        if self.people.detail.is_some() {
            let sel = self.people.selected_person();
            if self.people.detail.as_ref().map(|d| d.person) != sel {
                self.load_detail()?;
            }
        }
        Ok(())
    }

    fn on_orgs(&mut self, action: Action) -> Result<(), StoreError> {
        match action {
            Action::Submit | Action::Edit => {
                match self
                    .people
                    .selected_org()
                    .and_then(|id| self.roster.orgs.get(&id))
                {
                    Some(o) => {
                        self.overlay = Overlay::OrgForm(Box::new(OrgForm::edit(o)));
                    }
                    None => self.say(Tone::Warn, i18n::P_NO_ORG_SELECTED.get()),
                }
            }
            Action::AddPerson => {
                self.overlay = Overlay::OrgForm(Box::default());
            }
            _ => {}
        }
        Ok(())
    }

    /// Recomputes the People view (and the check-in list, which shares the roster).
    pub fn refresh_people(&mut self) {
        self.people.refresh(&self.roster);
    }

    /// Loads the detail pane of the selected person: attendance month by month, the notes and
    /// action items that mention them or their organisation, and their organisation's ideas.
    pub fn load_detail(&mut self) -> Result<(), StoreError> {
        let Some(id) = self.people.selected_person() else {
            self.people.detail = None;
            return Ok(());
        };
        let Some(p) = self.roster.person(id) else {
            self.people.detail = None;
            return Ok(());
        };
        let org = self.roster.org_of(p);
        let org_id = org.map(|o| o.id);
        let org_name = org.map(|o| o.name.clone()).unwrap_or_default();
        let name = p.name.clone();
        let mut history: Vec<HistoryRow> = self
            .store
            .attendance_of_person(id)?
            .into_iter()
            .filter_map(|a| {
                let e = self.events.iter().find(|e| e.id == a.event_id)?;
                Some(HistoryRow {
                    date: e.date,
                    title: e.title.clone(),
                    status: a.status,
                })
            })
            .collect();
        history.sort_by_key(|h| std::cmp::Reverse(h.date));
        let mut notes: Vec<Note> = self
            .store
            .notes()?
            .into_iter()
            .filter(|n| {
                let owner = match &n.kind {
                    NoteKind::Action { owner, .. } => match owner {
                        Owner::Person(o) => *o == id,
                        Owner::Org(o) => Some(*o) == org_id,
                        Owner::Nobody => false,
                    },
                    _ => false,
                };
                owner
                    || (!name.is_empty() && n.text.contains(&name))
                    || (!org_name.is_empty() && n.text.contains(&org_name))
            })
            .collect();
        notes.sort_by_key(|n| std::cmp::Reverse(n.at));
        let ideas: Vec<Idea> = self
            .store
            .ideas()?
            .into_iter()
            .filter(|i| i.owner == Some(id) || org_id.is_some_and(|o| i.org_ids.contains(&o)))
            .collect();
        self.people.detail = Some(Detail {
            person: id,
            history,
            notes,
            ideas,
        });
        Ok(())
    }

    /// Registers `person` for the current event as expected, or unregisters them if they are
    /// only expected. Someone who arrived keeps their record.
    fn toggle_registration(&mut self, person: Id) -> Result<(), StoreError> {
        let Some(event) = self.event.as_ref().map(|e| e.id) else {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return Ok(());
        };
        let name = self
            .roster
            .person(person)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        match self
            .roster
            .attendance
            .get(&person)
            .map(|a| a.status.clone())
        {
            Some(AttendanceStatus::Expected) => {
                self.store.remove_attendance(event, person)?;
                self.roster.remove_attendance(person);
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
                self.store.put_attendance(&a)?;
                self.roster.set_attendance(a);
                self.say(Tone::Good, i18n::registered(&name));
            }
        }
        self.after_people_write();
        Ok(())
    }

    /// Keeps both lists in step after a write.
    pub(super) fn after_people_write(&mut self) {
        self.refresh_people();
        self.checkin.refresh(&self.roster);
        if self.people.detail.is_some() {
            // A failed reload leaves the old pane; the write itself succeeded.
            if let Err(e) = self.load_detail() {
                self.fail(e);
            }
        }
    }

    pub(super) fn on_people_filter(
        &mut self,
        row: usize,
        action: Action,
    ) -> Result<(), StoreError> {
        let row = match action {
            Action::Up => row.saturating_sub(1),
            Action::Down => (row + 1).min(Filters::ROWS - 1),
            Action::Left | Action::Right | Action::Input(' ') => {
                self.people.filters.step(row, action != Action::Left);
                self.refresh_people();
                row
            }
            Action::Backspace => {
                self.people.filters = Filters::default();
                self.refresh_people();
                row
            }
            Action::Submit | Action::Cancel | Action::FilterMenu => {
                self.overlay = Overlay::None;
                return Ok(());
            }
            _ => row,
        };
        self.overlay = Overlay::PeopleFilter { row };
        Ok(())
    }

    pub(super) fn on_people_confirm(
        &mut self,
        what: PeopleConfirm,
        action: Action,
    ) -> Result<(), StoreError> {
        match action {
            Action::Submit | Action::Input('y') | Action::Input('Y') => {
                self.overlay = Overlay::None;
                match what {
                    PeopleConfirm::Archive(id) => self.archive(id)?,
                    PeopleConfirm::Merge { keep, dup } => self.merge(keep, dup)?,
                    PeopleConfirm::CloseDay { .. } => self.close_day()?,
                    PeopleConfirm::UndoCloseDay => self.undo_close_day()?,
                }
            }
            Action::Cancel | Action::Input('n') | Action::Input('N') => {
                self.overlay = Overlay::None;
            }
            _ => {}
        }
        Ok(())
    }

    /// Hides a person from lists; their attendance history stays.
    fn archive(&mut self, id: Id) -> Result<(), StoreError> {
        let Some(mut p) = self.roster.person(id).cloned() else {
            return Ok(());
        };
        p.archived = true;
        self.store.put_person(&mut p)?;
        let name = p.name.clone();
        self.roster.upsert_person(p);
        if self.people.detail.as_ref().is_some_and(|d| d.person == id) {
            self.people.detail = None;
        }
        self.say(Tone::Good, i18n::archived(&name));
        self.after_people_write();
        Ok(())
    }

    fn merge(&mut self, keep: Id, dup: Id) -> Result<(), StoreError> {
        self.store.merge_people(keep, dup)?;
        self.people.merge_from = None;
        let names = (
            self.roster.person(dup).map(|p| p.name.clone()),
            self.roster.person(keep).map(|p| p.name.clone()),
        );
        self.reload()?;
        self.say(
            Tone::Good,
            i18n::merged(&names.0.unwrap_or_default(), &names.1.unwrap_or_default()),
        );
        if let Some(i) = self.people.rows.iter().position(|r| *r == keep) {
            self.people.selected = i;
        }
        self.after_people_write();
        Ok(())
    }

    /// Everyone still expected becomes a no-show, in one durable step; undoable.
    pub fn close_day(&mut self) -> Result<(), StoreError> {
        let now = self.now();
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
        self.store.put_attendances(&after)?;
        for a in after {
            self.roster.set_attendance(a);
        }
        let n = before.len();
        self.people.close_undo = before;
        self.say(Tone::Good, i18n::day_closed(n));
        self.after_people_write();
        Ok(())
    }

    fn undo_close_day(&mut self) -> Result<(), StoreError> {
        let before = std::mem::take(&mut self.people.close_undo);
        // Only rows still marked no-show go back; anyone checked in since keeps their check-in.
        let restore: Vec<Attendance> = before
            .into_iter()
            .filter(|a| {
                self.roster
                    .attendance
                    .get(&a.person_id)
                    .is_some_and(|x| x.status == AttendanceStatus::NoShow)
            })
            .collect();
        self.store.put_attendances(&restore)?;
        let n = restore.len();
        for a in restore {
            self.roster.set_attendance(a);
        }
        self.say(Tone::Info, i18n::day_reopened(n));
        self.after_people_write();
        Ok(())
    }
}
