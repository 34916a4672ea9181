//! The People screen: everyone for this event (or in the database), filtered, sorted, edited.
//! The visible view is a `Vec<Id>` recomputed only when the query, filters, sort or data change.

pub mod confirm;
pub mod dialogs;
pub mod form;
pub mod merge;
pub mod view;

use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::HashMap;

use chrono::Datelike;

use crate::i18n::{self, L};
use crate::model::{Attendance, AttendanceStatus, District, Id, OrgKind};
use crate::screens::unit::{Answer, Ask, Asker, Cx, Effect, Question, Show, Unit, What};
use crate::screens::{Action, Context, Roster, Screen, Tone};
use crate::search::Hit;
use crate::store::StoreError;
use crate::widgets::TextField;
use crate::widgets::list::ListKey;
pub use form::{FormEnd, OrgForm, PersonForm};
pub use merge::{MergeChoice, MergeStep};

/// Status filter over the current event's attendance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    Expected,
    /// Answered "maybe" (미정).
    Tentative,
    /// Arrived in any way (checked in or walk-in).
    Arrived,
    WalkIn,
    /// Cancelled or no-show.
    Absent,
    /// Archived or merged away: hidden from every other list, here to be seen and restored.
    Archived,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 6] = [
        StatusFilter::Expected,
        StatusFilter::Tentative,
        StatusFilter::Arrived,
        StatusFilter::WalkIn,
        StatusFilter::Absent,
        StatusFilter::Archived,
    ];
    pub fn label(self) -> L {
        match self {
            StatusFilter::Expected => i18n::EXPECTED,
            StatusFilter::Tentative => i18n::TENTATIVE,
            StatusFilter::Arrived => i18n::ARRIVED,
            StatusFilter::WalkIn => i18n::WALK_IN,
            StatusFilter::Absent => i18n::P_ABSENT,
            StatusFilter::Archived => i18n::P_ARCHIVED_FILTER,
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

/// What the detail pane shows (the query is `Data::person_detail`).
pub use crate::data::{Detail, HistoryRow};

#[derive(Default, Clone, Debug)]
pub struct PeopleState {
    pub query: TextField,
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
    /// An organisation marked as a duplicate in the organisations view (Ctrl-G).
    pub org_merge_from: Option<Id>,
    /// Attendance before the last "close the day", for undo.
    pub close_undo: Vec<Attendance>,
    /// The form or menu open over the list.
    pub dialog: Option<PeopleDialog>,
    hits: Vec<Hit>,
    ids: Vec<Id>,
    name_rank: NameRank,
    facts: Facts,
}

/// The order the status column sorts in; the filters below test these.
mod rank {
    pub const EXPECTED: u8 = 0;
    pub const TENTATIVE: u8 = 1;
    pub const CHECKED_IN: u8 = 2;
    pub const WALK_IN: u8 = 3;
    pub const CANCELLED: u8 = 4;
    pub const NO_SHOW: u8 = 5;
    pub const NOT_REGISTERED: u8 = 6;
}

fn status_rank(s: Option<&AttendanceStatus>) -> u8 {
    match s {
        Some(AttendanceStatus::Expected) => rank::EXPECTED,
        Some(AttendanceStatus::Tentative) => rank::TENTATIVE,
        Some(AttendanceStatus::CheckedIn { .. }) => rank::CHECKED_IN,
        Some(AttendanceStatus::WalkIn { .. }) => rank::WALK_IN,
        Some(AttendanceStatus::Cancelled) => rank::CANCELLED,
        Some(AttendanceStatus::NoShow) => rank::NO_SHOW,
        None => rank::NOT_REGISTERED,
    }
}

/// The first eight bytes of `s`, big-endian: orders like `s` up to ties.
fn prefix_key(s: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// What the filters and sort columns need to know about each person, by roster position;
/// rebuilt only when the roster changes, so a filter or sort change touches no hash map.
#[derive(Default, Clone, Debug)]
struct Facts {
    version: u64,
    /// `status_rank`.
    status: Vec<u8>,
    /// OrgKind / District as numbers; 99 without an organisation.
    kind: Vec<u8>,
    district: Vec<u8>,
    /// Organisation's rank by name, 0 without one.
    org_rank: Vec<u32>,
    attended: Vec<u32>,
    /// Days from CE of the last attended day, 0 if never.
    last: Vec<u32>,
    first_time: Vec<bool>,
    missing_contact: Vec<bool>,
    archived: Vec<bool>,
    /// Each organisation's rank by name (what `org_rank` holds per person).
    org_ranks: HashMap<Id, u32>,
}

impl Facts {
    /// Brings the facts up to the roster: the rows of the people changed since the last look,
    /// or everyone's after a change that touched everyone.
    fn update(&mut self, roster: &Roster) {
        if self.version == roster.version() && self.status.len() == roster.people.len() {
            return;
        }
        match roster.changed_since(self.version) {
            Some(changed) if self.version != 0 && changed.len() < roster.people.len() / 8 => {
                for i in changed {
                    self.set_row(roster, i);
                }
            }
            _ => self.rebuild(roster),
        }
        self.version = roster.version();
    }

    fn rebuild(&mut self, roster: &Roster) {
        let mut orgs: Vec<(&str, Id)> = roster
            .orgs
            .values()
            .map(|o| (o.name.as_str(), o.id))
            .collect();
        orgs.sort_unstable();
        *self = Facts {
            org_ranks: orgs
                .into_iter()
                .enumerate()
                .map(|(i, (_, id))| (id, i as u32 + 1))
                .collect(),
            ..Facts::default()
        };
        for i in 0..roster.people.len() {
            self.set_row(roster, i);
        }
    }

    /// Works out the facts of the person at position `i` (the next one, or one already held).
    fn set_row(&mut self, roster: &Roster, i: usize) {
        let p = &roster.people[i];
        let att = roster.attendance.get(&p.id).map(|a| &a.status);
        let org = roster.org_of(p);
        let h = roster.history.get(&p.id);
        let row = (
            status_rank(att),
            org.map_or(99, |o| o.kind as u8),
            org.map_or(99, |o| o.district as u8),
            org.and_then(|o| self.org_ranks.get(&o.id))
                .copied()
                .unwrap_or(0),
            h.map_or(0, |h| h.attended),
            h.and_then(|h| h.last)
                .map_or(0, |d| d.num_days_from_ce().max(0) as u32),
            h.is_none_or(|h| h.earlier == 0),
            p.phone.is_empty() || p.email.is_empty(),
            p.archived,
        );
        fn put<T>(v: &mut Vec<T>, i: usize, x: T) {
            match v.get_mut(i) {
                Some(slot) => *slot = x,
                None => v.push(x),
            }
        }
        put(&mut self.status, i, row.0);
        put(&mut self.kind, i, row.1);
        put(&mut self.district, i, row.2);
        put(&mut self.org_rank, i, row.3);
        put(&mut self.attended, i, row.4);
        put(&mut self.last, i, row.5);
        put(&mut self.first_time, i, row.6);
        put(&mut self.missing_contact, i, row.7);
        put(&mut self.archived, i, row.8);
    }
}

/// Everyone's rank by name (then id), so sorting rows by name is sorting integers.
#[derive(Default, Clone, Debug)]
struct NameRank {
    version: u64,
    /// Positions in `people`, in name order.
    order: Vec<u32>,
    /// Each position's index in `order`.
    rank: Vec<u32>,
}

impl NameRank {
    /// Brings the ranks up to the roster: the people changed since the last look are taken out
    /// and put back where their names now go; everyone is sorted again only after a change
    /// that touched everyone.
    fn update(&mut self, roster: &Roster) {
        if self.version == roster.version() && self.rank.len() == roster.people.len() {
            return;
        }
        let people = &roster.people;
        let before = |a: u32, b: u32| {
            let (pa, pb) = (&people[a as usize], &people[b as usize]);
            pa.name.cmp(&pb.name).then(pa.id.cmp(&pb.id))
        };
        match roster.changed_since(self.version) {
            Some(changed) if self.version != 0 && changed.len() < 64 => {
                // The changed people and anyone new since, each once, in position order.
                let mut place: Vec<u32> = changed.iter().map(|&i| i as u32).collect();
                place.extend(self.order.len() as u32..people.len() as u32);
                place.sort_unstable();
                place.dedup();
                self.order.retain(|i| place.binary_search(i).is_err());
                for i in place {
                    let at = self
                        .order
                        .partition_point(|&o| before(o, i) == std::cmp::Ordering::Less);
                    self.order.insert(at, i);
                }
            }
            _ => {
                self.order = (0..people.len() as u32).collect();
                self.order.sort_unstable_by(|&a, &b| before(a, b));
            }
        }
        self.rank.resize(self.order.len(), 0);
        for (r, &i) in self.order.iter().enumerate() {
            self.rank[i as usize] = r as u32;
        }
        self.version = roster.version();
    }
}

impl PeopleState {
    /// Recomputes the view from the roster. Each row gets one packed integer key (column
    /// value, name rank, position), so sorting 100,000 rows is a plain integer sort.
    pub fn refresh(&mut self, roster: &Roster) {
        let keep = self.rows.get(self.selected).copied();
        self.name_rank.update(roster);
        let query = !self.query.trim().is_empty();
        let candidates: Vec<usize> = if query {
            roster.index.matching_ids(&self.query, &mut self.ids);
            self.ids
                .iter()
                .filter_map(|id| roster.position(*id))
                .collect()
        } else {
            (0..roster.people.len()).collect()
        };
        self.facts.update(roster);
        let facts = &self.facts;
        let f = self.filters;
        let sort = self.sort;
        let status_ok = |rank: u8| match f.status {
            None => true,
            Some(StatusFilter::Expected) => rank == rank::EXPECTED,
            Some(StatusFilter::Tentative) => rank == rank::TENTATIVE,
            Some(StatusFilter::Arrived) => rank == rank::CHECKED_IN || rank == rank::WALK_IN,
            Some(StatusFilter::WalkIn) => rank == rank::WALK_IN,
            Some(StatusFilter::Absent) => rank == rank::CANCELLED || rank == rank::NO_SHOW,
            Some(StatusFilter::Archived) => true,
        };
        // Under 보관 only the archived, whether or not they were ever on this day's list.
        let archived_only = f.status == Some(StatusFilter::Archived);
        let kind = f.kind.map(|k| k as u8);
        let district = f.district.map(|d| d as u8);
        let mut keys: Vec<u128> = Vec::with_capacity(candidates.len());
        for i in candidates {
            let status = facts.status[i];
            if facts.archived[i] != archived_only
                || (!archived_only && !self.everyone && status == rank::NOT_REGISTERED)
                || !status_ok(status)
                || kind.is_some_and(|k| facts.kind[i] != k)
                || district.is_some_and(|d| facts.district[i] != d)
                || (f.first_time && !facts.first_time[i])
                || (f.missing_contact && !facts.missing_contact[i])
            {
                continue;
            }
            let primary: u64 = match sort {
                Column::Name => 0,
                Column::Org => facts.org_rank[i] as u64,
                Column::Kind => facts.kind[i] as u64,
                Column::District => facts.district[i] as u64,
                Column::Role => prefix_key(&roster.people[i].role),
                Column::Status => status as u64,
                Column::Count => facts.attended[i] as u64,
                Column::Last => facts.last[i] as u64,
            };
            let rank = self.name_rank.rank[i] as u128;
            keys.push(((primary as u128) << 64) | (rank << 32) | i as u128);
        }
        keys.sort_unstable();
        if sort == Column::Role {
            // Roles equal in their first eight bytes are ordered by the whole text.
            let role = |k: &u128| roster.people[(*k as u32) as usize].role.as_str();
            let mut start = 0;
            while start < keys.len() {
                let p = keys[start] >> 64;
                let end = start + keys[start..].iter().take_while(|k| *k >> 64 == p).count();
                if end - start > 1 {
                    keys[start..end].sort_by(|a, b| role(a).cmp(role(b)).then(a.cmp(b)));
                }
                start = end;
            }
        }
        if self.descending {
            keys.reverse();
        }
        self.rows.clear();
        self.rows
            .extend(keys.iter().map(|k| roster.people[(*k as u32) as usize].id));
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

    fn move_cursor(&mut self, k: ListKey) {
        let (sel, n) = if self.orgs_view {
            (&mut self.org_selected, self.org_rows.len())
        } else {
            (&mut self.selected, self.rows.len())
        };
        *sel = crate::widgets::list::step(*sel, k, n);
    }
}

/// What opens over the People screen.
#[derive(Clone, Debug, PartialEq)]
pub enum PeopleDialog {
    Person(Box<PersonForm>),
    Org(Box<OrgForm>),
    /// The filter menu, on its highlighted row.
    Filter {
        row: usize,
    },
    /// Two differing records to merge: which value the kept one gets, field by field.
    Merge(Box<MergeChoice>),
}

impl Unit for PeopleState {
    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show) {
        view::draw(self, v, f, body);
        match &self.dialog {
            Some(PeopleDialog::Person(form)) => dialogs::draw_person_form(v, form, f, area),
            Some(PeopleDialog::Org(form)) => dialogs::draw_org_form(form, f, area),
            Some(PeopleDialog::Filter { row }) => dialogs::draw_filter_menu(self, *row, f, area),
            Some(PeopleDialog::Merge(m)) => dialogs::draw_merge_choice(v, m, f, area),
            None => {}
        }
    }

    fn holds_keys(&self) -> bool {
        self.dialog.is_some()
    }

    fn context(&self) -> Context {
        match (&self.dialog, self.orgs_view) {
            (Some(PeopleDialog::Filter { .. }), _) => Context::Filter,
            (Some(PeopleDialog::Merge(_)), _) => Context::MergeChoice,
            (Some(_), _) => Context::Form,
            (None, true) => Context::Orgs,
            (None, false) => Context::People,
        }
    }

    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let Some(mut dialog) = self.dialog.take() else {
            let effect = self.on_list(cx, action)?;
            self.follow_detail(cx)?;
            return Ok(effect);
        };
        let end = match &mut dialog {
            PeopleDialog::Person(f) => f.update(cx, action, !self.everyone),
            PeopleDialog::Org(f) => f.update(cx, action),
            PeopleDialog::Filter { row } => Ok(self.on_filter(cx, row, action)),
            PeopleDialog::Merge(m) => {
                let (keep, dup) = (m.keep, m.dup);
                return match m.update(&action) {
                    MergeStep::Open => {
                        self.dialog = Some(dialog);
                        Ok(Effect::keep())
                    }
                    MergeStep::Cancelled => {
                        self.merge_from = None;
                        cx.say(Tone::Info, i18n::P_MERGE_CANCELLED.get());
                        Ok(Effect::keep())
                    }
                    MergeStep::Merge(take) => {
                        let done = self.merge(cx, keep, dup, take);
                        if done.is_err() {
                            // Nothing was merged: the choices stay, to try again or cancel.
                            self.dialog = Some(dialog);
                        }
                        done
                    }
                };
            }
        };
        match end {
            Ok(FormEnd::Open) | Err(_) => self.dialog = Some(dialog),
            Ok(FormEnd::Closed | FormEnd::Existing(_) | FormEnd::WalkedIn(_)) => {}
            Ok(FormEnd::Saved(id)) => {
                // Saved: the form closes whatever the lists' refresh says.
                self.refresh(&cx.data.roster);
                if let Some(i) = self.rows.iter().position(|r| *r == id) {
                    self.selected = i;
                }
                if let Some(i) = self.org_rows.iter().position(|r| *r == id) {
                    self.org_selected = i;
                }
                if let Err(e) = self.follow_detail(cx) {
                    cx.fail(e);
                }
            }
        }
        end.map(|_| Effect::keep())
    }

    fn answer(&mut self, cx: &mut Cx, q: Question, a: Answer) -> Result<Effect, StoreError> {
        if a != Answer::Yes {
            return Ok(Effect::close());
        }
        match q {
            Question::Archive(id) => self.archive(cx, id)?,
            Question::Merge { keep, dup } => return self.merge(cx, keep, dup, Vec::new()),
            Question::MergeOrgs { keep, dup } => return self.merge_orgs(cx, keep, dup),
            Question::DeleteOrg(id) => return self.delete_org(cx, id),
            // The day itself changed (closed or open again): the header and F5 say which.
            Question::CloseDay { .. } => {
                self.close_day(cx)?;
                return Ok(Effect::close().changed(What::EVENTS));
            }
            Question::UndoCloseDay => {
                self.undo_close_day(cx)?;
                return Ok(Effect::close().changed(What::EVENTS));
            }
            _ => {}
        }
        Ok(Effect::close())
    }

    /// The list over everyone is worked out when the screen is shown.
    fn lazy(&self) -> bool {
        true
    }

    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError> {
        if what.has(What::DAY) {
            // Another day: its closing is not this one's to undo.
            self.close_undo.clear();
            self.detail = None;
        }
        self.refresh(&cx.data.roster);
        if self.detail.is_some() {
            self.detail = None;
            self.follow_detail_open(cx)?;
        }
        Ok(())
    }
}

impl PeopleState {
    fn on_list(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let s = self;
        let roster = &cx.data.roster;
        // The list keeps ↑↓ PgUp PgDn Home End (and Del archives); the rest edits the search.
        if !matches!(action, Action::Home | Action::End)
            && let Some(e) = crate::screens::edit_text(&mut s.query, &action)
        {
            if cx.edited(Some(e)) {
                s.refresh(&cx.data.roster);
            }
            return Ok(Effect::keep());
        }
        match action {
            Action::Cancel => {
                if !s.query.is_empty() {
                    s.query.clear();
                    s.refresh(roster);
                } else if s.merge_from.is_some() || s.org_merge_from.is_some() {
                    s.merge_from = None;
                    s.org_merge_from = None;
                    cx.say(Tone::Info, i18n::P_MERGE_CANCELLED.get());
                } else if s.detail.is_some() {
                    s.detail = None;
                } else if !s.filters.is_empty() {
                    s.filters = Filters::default();
                    s.refresh(roster);
                }
            }
            a if crate::screens::list_key(&a).is_some() => {
                if let Some(k) = crate::screens::list_key(&a) {
                    s.move_cursor(k);
                }
            }
            Action::ToggleOrgs => {
                s.orgs_view = !s.orgs_view;
                s.detail = None;
            }
            Action::ExportPeople => {
                return Ok(crate::screens::import_export::open_export(
                    cx,
                    s.rows.clone(),
                ));
            }
            Action::Print => return Ok(crate::screens::print::open_print_menu(cx)),
            Action::ImportPeople => return Ok(crate::screens::import_export::open_import(cx)),
            _ if s.orgs_view => return s.on_orgs(cx, action),
            Action::PersonReport => match s.selected_person() {
                Some(id) => return Ok(crate::screens::replace::open_person_report(cx, id)),
                None => cx.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
            },
            Action::Detail | Action::Submit => {
                if s.detail.is_some() {
                    s.detail = None;
                } else {
                    s.follow_detail_open(cx)?;
                }
            }
            Action::ToggleEveryone => {
                s.everyone = !s.everyone;
                let text = if s.everyone {
                    i18n::P_SHOWING_EVERYONE
                } else {
                    i18n::P_SHOWING_EVENT
                };
                s.refresh(roster);
                cx.say(Tone::Info, text.get());
            }
            Action::FilterMenu => s.dialog = Some(PeopleDialog::Filter { row: 0 }),
            Action::SortNext => {
                let i = Column::ALL.iter().position(|c| *c == s.sort).unwrap_or(0);
                s.sort = Column::ALL[(i + 1) % Column::ALL.len()];
                s.descending = false;
                s.refresh(roster);
            }
            Action::SortReverse => {
                s.descending = !s.descending;
                s.refresh(roster);
            }
            Action::Edit => match s.selected_person().and_then(|id| roster.person(id)) {
                Some(p) => {
                    let consent = cx.data.consent(p.id).ok().flatten();
                    let form = PersonForm::edit(p, roster).consenting(consent.as_ref());
                    s.dialog = Some(PeopleDialog::Person(Box::new(form)));
                }
                None => cx.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
            },
            Action::AddPerson => {
                let mut form = PersonForm::default();
                let q = s.query.trim();
                if !q.is_empty() && !q.is_ascii() {
                    form.name.text.set(q);
                }
                s.dialog = Some(PeopleDialog::Person(Box::new(form)));
            }
            Action::Archive => match s.selected_person() {
                Some(id) if roster.person(id).is_some_and(|p| p.archived) => {
                    cx.say(Tone::Info, i18n::already_archived(&roster.person_label(id)));
                }
                Some(id) => return Ok(ask(cx, Question::Archive(id), 0)),
                None => cx.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
            },
            Action::Register => match s.selected_person() {
                Some(id) if roster.person(id).is_some_and(|p| p.archived) => {
                    let name = roster.person_label(id);
                    cx.say(Tone::Warn, i18n::archived_not_registered(&name));
                }
                Some(id) => s.toggle_registration(cx, id)?,
                None => cx.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
            },
            Action::Restore => match s.selected_person() {
                Some(id) if roster.person(id).is_some_and(|p| p.archived) => {
                    s.restore(cx, id)?;
                }
                Some(id) => {
                    let name = roster.person_label(id);
                    cx.say(Tone::Warn, i18n::not_archived(&name));
                }
                None => cx.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
            },
            // The 동기화 screen's offer: the one made later goes into the one made first, as
            // Ctrl-G on each would do.
            Action::MergePair(keep, dup) => {
                let live = |id| roster.person(id).is_some_and(|p| !p.archived);
                if !live(keep) || !live(dup) {
                    cx.say(Tone::Warn, i18n::P_ARCHIVED_NOT_MERGED.get());
                    return Ok(Effect::keep());
                }
                s.merge_from = None;
                match MergeChoice::new(roster, keep, dup) {
                    Some(choice) => s.dialog = Some(PeopleDialog::Merge(Box::new(choice))),
                    None => return Ok(ask(cx, Question::Merge { keep, dup }, 0)),
                }
            }
            Action::Merge => {
                let Some(id) = s.selected_person() else {
                    cx.say(Tone::Warn, i18n::NOBODY_SELECTED.get());
                    return Ok(Effect::keep());
                };
                if roster.person(id).is_some_and(|p| p.archived) {
                    cx.say(Tone::Warn, i18n::P_ARCHIVED_NOT_MERGED.get());
                    return Ok(Effect::keep());
                }
                match s.merge_from {
                    None => {
                        s.merge_from = Some(id);
                        let name = roster.person(id).map(|p| p.name.clone());
                        cx.say(Tone::Info, i18n::merge_marked(&name.unwrap_or_default()));
                    }
                    Some(dup) if dup == id => {
                        s.merge_from = None;
                        cx.say(Tone::Info, i18n::P_MERGE_CANCELLED.get());
                    }
                    // Records that differ are merged field by field; identical ones on a yes.
                    Some(dup) => match MergeChoice::new(roster, id, dup) {
                        Some(choice) => s.dialog = Some(PeopleDialog::Merge(Box::new(choice))),
                        None => return Ok(ask(cx, Question::Merge { keep: id, dup }, 0)),
                    },
                }
            }
            Action::CloseDay => {
                if cx.need_event().is_none() {
                    return Ok(Effect::keep());
                }
                let expected = cx
                    .data
                    .roster
                    .attendance
                    .values()
                    .filter(|a| a.status == AttendanceStatus::Expected)
                    .count();
                if expected == 0 {
                    cx.say(Tone::Info, i18n::P_NOBODY_EXPECTED.get());
                } else {
                    return Ok(ask(cx, Question::CloseDay { expected }, 0));
                }
            }
            Action::UndoCloseDay => {
                // After a restart the closing is still undoable: the store kept what it changed.
                if s.close_undo.is_empty()
                    && let Some(e) = cx.event
                {
                    s.close_undo = cx.data.close_undo(e.id)?;
                }
                if s.close_undo.is_empty() {
                    cx.say(Tone::Warn, i18n::P_NOTHING_TO_UNDO.get());
                } else {
                    return Ok(ask(cx, Question::UndoCloseDay, s.close_undo.len()));
                }
            }
            _ => {}
        }
        Ok(Effect::keep())
    }

    fn on_orgs(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let roster = &cx.data.roster;
        match action {
            Action::Submit | Action::Edit => {
                match self.selected_org().and_then(|id| roster.orgs.get(&id)) {
                    Some(o) => {
                        self.dialog = Some(PeopleDialog::Org(Box::new(OrgForm::edit(o))));
                    }
                    None => cx.say(Tone::Warn, i18n::P_NO_ORG_SELECTED.get()),
                }
            }
            Action::AddPerson => {
                self.dialog = Some(PeopleDialog::Org(Box::default()));
            }
            // Only an organisation nobody belongs to: one with people is merged (Ctrl-G).
            Action::Delete => {
                let Some(id) = self.selected_org() else {
                    cx.say(Tone::Warn, i18n::P_NO_ORG_SELECTED.get());
                    return Ok(Effect::keep());
                };
                let (people, _, _) = roster.org_counts(id);
                let archived = roster
                    .people
                    .iter()
                    .any(|p| p.archived && p.org_id == Some(id));
                if people > 0 || archived {
                    cx.say(Tone::Warn, i18n::org_still_used(&roster.org_label(id)));
                } else {
                    return Ok(ask(cx, Question::DeleteOrg(id), 0));
                }
            }
            // Ctrl-G on the duplicate, then Ctrl-G on the one to keep (as with people).
            Action::Merge => {
                let Some(id) = self.selected_org() else {
                    cx.say(Tone::Warn, i18n::P_NO_ORG_SELECTED.get());
                    return Ok(Effect::keep());
                };
                let name = roster.org_label(id);
                match self.org_merge_from {
                    None => {
                        self.org_merge_from = Some(id);
                        cx.say(Tone::Info, i18n::org_merge_marked(&name));
                    }
                    Some(dup) if dup == id => {
                        self.org_merge_from = None;
                        cx.say(Tone::Info, i18n::P_MERGE_CANCELLED.get());
                    }
                    Some(dup) => return Ok(ask(cx, Question::MergeOrgs { keep: id, dup }, 0)),
                }
            }
            _ => {}
        }
        Ok(Effect::keep())
    }

    /// Keeps an open detail pane on the selected person.
    fn follow_detail(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        if self.detail.is_some() && self.detail.as_ref().map(|d| d.person) != self.selected_person()
        {
            self.follow_detail_open(cx)?;
        }
        Ok(())
    }

    /// Loads the detail pane of the selected person: attendance month by month, the notes and
    /// action items that mention them or their organisation, and their organisation's ideas.
    fn follow_detail_open(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        self.detail = match self.selected_person() {
            Some(id) => cx.data.person_detail(id, cx.events)?,
            None => None,
        };
        Ok(())
    }

    fn on_filter(&mut self, cx: &mut Cx, row: &mut usize, action: Action) -> FormEnd {
        *row = match action {
            Action::Up => row.saturating_sub(1),
            Action::Down => (*row + 1).min(Filters::ROWS - 1),
            Action::Left | Action::Right | Action::Input(' ') => {
                self.filters.step(*row, action != Action::Left);
                self.refresh(&cx.data.roster);
                *row
            }
            Action::Backspace => {
                self.filters = Filters::default();
                self.refresh(&cx.data.roster);
                *row
            }
            Action::Submit | Action::Cancel | Action::FilterMenu => return FormEnd::Closed,
            _ => *row,
        };
        FormEnd::Open
    }
}

/// The question for `q`, in the words the People screen asks it.
fn ask(cx: &Cx, q: Question, undoable: usize) -> Effect {
    let (title, text) = crate::screens::people::confirm::words(&cx.data.roster, &q, undoable);
    Effect::ask(Ask::new(Asker::Screen(Screen::People), q, title, text))
}
