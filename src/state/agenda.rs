//! The agenda of the current networking day: ordered items with start, length, presenter and
//! status; add, edit, reorder, delete; start from the standard template or last month's agenda;
//! which item the clock says is running now.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::{Action, App, Effect, Modal, Step, Tone};
use crate::i18n;
use crate::model::dates::{DAY_START, schedule, start_of};
use crate::model::{AgendaItem, AgendaStatus, Id, TextField as FieldKind, clean_line};
use crate::store::StoreError;
use crate::widgets::{Form, TextField};

/// Length of a new item.
pub const DEFAULT_MINUTES: u32 = 30;

#[derive(Clone, Debug, Default)]
pub struct AgendaState {
    /// The current event's items, in order.
    pub items: Vec<AgendaItem>,
    pub selected: usize,
}

impl AgendaState {
    pub fn load(&mut self, items: Vec<AgendaItem>) {
        self.items = items;
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
    }

    pub fn selected_item(&self) -> Option<&AgendaItem> {
        self.items.get(self.selected)
    }
}

/// Where the clock stands against one item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// Not reached yet, or not today.
    Later,
    /// The clock is inside this item's slot: minutes left (rounded up).
    Now { left: i64 },
    /// The slot is over.
    Over,
}

/// How the clock stands against every item on `date`; and, for items still marked running after
/// their slot ended, by how many minutes they overran.
pub fn timings(
    items: &[AgendaItem],
    date: NaiveDate,
    day_start: NaiveTime,
    now: NaiveDateTime,
) -> Vec<(Timing, Option<i64>)> {
    schedule(items, day_start)
        .into_iter()
        .zip(items)
        .map(|((s, _), item)| {
            let start = date.and_time(s);
            let end = start + chrono::Duration::minutes(i64::from(item.minutes));
            let timing = if now < start {
                Timing::Later
            } else if now < end {
                let secs = (end - now).num_seconds();
                Timing::Now {
                    left: (secs + 59) / 60,
                }
            } else {
                Timing::Over
            };
            let overrun = (item.status == AgendaStatus::Running && now >= end)
                .then(|| (now - end).num_minutes());
            (timing, overrun)
        })
        .collect()
}

/// The item the clock says is running now, with minutes left.
pub fn current_item(
    items: &[AgendaItem],
    date: NaiveDate,
    day_start: NaiveTime,
    now: NaiveDateTime,
) -> Option<(usize, i64)> {
    timings(items, date, day_start, now)
        .into_iter()
        .enumerate()
        .find_map(|(i, (t, _))| match t {
            Timing::Now { left } => Some((i, left)),
            _ => None,
        })
}

/// Reads "HH:MM" (also "H:MM", "HHMM", "HH시 MM분"-free digits).
pub fn parse_hhmm(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (h, m) = match s.split_once(':') {
        Some((h, m)) => (h.trim().parse().ok()?, m.trim().parse().ok()?),
        None if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => {
            (s[..2].parse().ok()?, s[2..].parse().ok()?)
        }
        None => (s.parse().ok()?, 0),
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AgendaField {
    #[default]
    Start,
    Minutes,
    Title,
    Presenter,
}

impl AgendaField {
    pub const ALL: [AgendaField; 4] = [
        AgendaField::Start,
        AgendaField::Minutes,
        AgendaField::Title,
        AgendaField::Presenter,
    ];
}

/// Adding or editing one agenda item.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaForm {
    /// The item edited; `None` adds a new one.
    pub id: Option<Id>,
    pub form: Form<AgendaField>,
    pub start: TextField,
    pub minutes: TextField,
    pub title: TextField,
    pub presenter: TextField,
    /// The values when the form opened, to tell whether anything changed.
    original: [String; 4],
}

impl AgendaForm {
    fn new(id: Option<Id>, start: &str, minutes: &str, title: &str, presenter: &str) -> Self {
        AgendaForm {
            id,
            form: Form::new(AgendaField::Title),
            start: TextField::with(FieldKind::Short, start),
            minutes: TextField::with(FieldKind::Short, minutes),
            title: TextField::with(FieldKind::Title, title),
            presenter: TextField::with(FieldKind::Short, presenter),
            original: [start, minutes, title, presenter].map(String::from),
        }
    }

    pub fn is_dirty(&self) -> bool {
        [&self.start, &self.minutes, &self.title, &self.presenter]
            .iter()
            .zip(&self.original)
            .any(|(f, o)| f.value() != o)
    }
}

impl App {
    fn day_start(&self) -> NaiveTime {
        self.event.as_ref().map_or(DAY_START, start_of)
    }

    /// The current event's agenda with the clock: (index, minutes left) of the running item.
    /// An item set running by hand (s) wins over the clock; its minutes left are the clock's
    /// when the clock agrees, else none.
    pub fn agenda_now(&self) -> Option<(usize, i64)> {
        let e = self.event.as_ref()?;
        let by_clock = current_item(
            &self.agenda.items,
            e.date,
            self.day_start(),
            self.now().local(),
        );
        let by_hand = self
            .agenda
            .items
            .iter()
            .position(|i| i.status == AgendaStatus::Running);
        match (by_hand, by_clock) {
            (Some(h), Some((c, left))) if h == c => Some((c, left)),
            (Some(h), _) => Some((h, 0)),
            (None, clock) => clock,
        }
    }

    pub fn agenda_timings(&self) -> Vec<(Timing, Option<i64>)> {
        match &self.event {
            Some(e) => timings(
                &self.agenda.items,
                e.date,
                self.day_start(),
                self.now().local(),
            ),
            None => Vec::new(),
        }
    }

    pub(super) fn load_agenda(&mut self) -> Result<(), StoreError> {
        let items = match &self.event {
            Some(e) => self.data.agenda_of_event(e.id)?,
            None => Vec::new(),
        };
        self.agenda.load(items);
        Ok(())
    }

    pub(super) fn on_agenda(&mut self, action: Action) -> Result<(), StoreError> {
        if let Some(k) = super::list_key(&action) {
            let a = &mut self.agenda;
            a.selected = crate::widgets::list::step(a.selected, k, a.items.len());
            return Ok(());
        }
        match action {
            Action::AddItem => self.open_agenda_form(None),
            Action::Submit | Action::Edit => {
                if let Some(id) = self.agenda.selected_item().map(|i| i.id) {
                    self.open_agenda_form(Some(id));
                }
            }
            Action::Delete => {
                if let Some(id) = self.agenda.selected_item().map(|i| i.id) {
                    self.open(Modal::ConfirmDeleteAgenda { id });
                }
            }
            Action::MoveUp => return self.move_agenda_item(-1),
            Action::MoveDown => return self.move_agenda_item(1),
            Action::CycleStatus => return self.cycle_agenda_status(),
            Action::Template => return self.agenda_from_template(),
            Action::CopyLast => return self.agenda_from_last(),
            _ => {}
        }
        Ok(())
    }

    fn open_agenda_form(&mut self, id: Option<Id>) {
        if self.event.is_none() {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return;
        }
        let form = match id.and_then(|id| self.agenda.items.iter().find(|i| i.id == id)) {
            Some(i) => AgendaForm::new(
                Some(i.id),
                &i.start
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
                &i.minutes.to_string(),
                &i.title,
                &i.presenter,
            ),
            None => {
                let sched = schedule(&self.agenda.items, self.day_start());
                let start = sched.last().map(|(_, e)| *e).unwrap_or(self.day_start());
                AgendaForm::new(
                    None,
                    &start.format("%H:%M").to_string(),
                    &DEFAULT_MINUTES.to_string(),
                    "",
                    "",
                )
            }
        };
        self.open(Modal::AgendaForm(Box::new(form)));
    }

    pub(super) fn on_agenda_form(
        &mut self,
        form: &mut AgendaForm,
        action: Action,
    ) -> Result<Effect, StoreError> {
        let dirty = form.is_dirty();
        let text = match form.form.focus {
            AgendaField::Start => &mut form.start,
            AgendaField::Minutes => &mut form.minutes,
            AgendaField::Title => &mut form.title,
            AgendaField::Presenter => &mut form.presenter,
        };
        let step = super::text_form_keys(
            &mut form.form,
            &AgendaField::ALL,
            dirty,
            Some(text),
            &action,
        );
        match step {
            Step::Typed(e) => {
                self.edited(Some(e));
            }
            Step::Close => return Ok(Effect::Close),
            Step::Pass if action == Action::Submit => return self.save_agenda_form(form),
            Step::Took(_) | Step::Moved | Step::Pass => {}
        }
        Ok(Effect::Keep)
    }

    fn save_agenda_form(&mut self, form: &mut AgendaForm) -> Result<Effect, StoreError> {
        let Some(event_id) = self.event.as_ref().map(|e| e.id) else {
            return Ok(Effect::Close);
        };
        let title = clean_line(&form.title);
        let start = parse_hhmm(&form.start);
        let minutes = form.minutes.trim().parse::<u32>().ok();
        let error = if title.is_empty() {
            Some((AgendaField::Title, i18n::AGENDA_TITLE_REQUIRED))
        } else if start.is_none() && !form.start.trim().is_empty() {
            Some((AgendaField::Start, i18n::AGENDA_BAD_TIME))
        } else if !minutes.is_some_and(|m| (1..=600).contains(&m)) {
            Some((AgendaField::Minutes, i18n::AGENDA_BAD_MINUTES))
        } else {
            None
        };
        if let Some((field, msg)) = error {
            form.form.refuse(field, msg.get());
            return Ok(Effect::Keep);
        }
        let existing = form
            .id
            .and_then(|id| self.agenda.items.iter().find(|i| i.id == id))
            .cloned();
        let mut item = match existing {
            Some(i) => i,
            None => AgendaItem {
                id: 0,
                event_id,
                order: self.agenda.items.iter().map(|i| i.order).max().unwrap_or(0) + 1,
                start: None,
                minutes: DEFAULT_MINUTES,
                title: String::new(),
                presenter: String::new(),
                status: Default::default(),
            },
        };
        item.title = title;
        item.start = start;
        item.minutes = minutes.unwrap_or(DEFAULT_MINUTES);
        item.presenter = clean_line(&form.presenter);
        // A longer item pushes the timed items after it, in the same durable step.
        let mut all = self.agenda.items.clone();
        match all.iter_mut().find(|x| x.id == item.id && item.id != 0) {
            Some(slot) => *slot = item.clone(),
            None => all.push(item.clone()),
        }
        all.sort_by_key(|x| (x.order, x.id));
        let (moved, most) = crate::model::dates::push_back_overlaps(&mut all, self.day_start());
        let mut changed: Vec<AgendaItem> = all
            .iter()
            .enumerate()
            .filter(|(i, x)| moved.contains(i) || (x.id == item.id && x.order == item.order))
            .map(|(_, x)| x.clone())
            .collect();
        self.data.save_agenda_items(&mut changed)?;
        let id = changed
            .iter()
            .find(|x| x.order == item.order && x.title == item.title)
            .map_or(item.id, |x| x.id);
        let mut said = i18n::agenda_saved(&item.title);
        if !moved.is_empty() {
            said = format!("{said} · {}", i18n::agenda_pushed(moved.len(), most));
        }
        self.say(Tone::Good, said);
        // Saved: the form closes whatever the reload says.
        if let Err(e) = self.load_agenda() {
            self.fail(e);
        }
        if let Some(i) = self.agenda.items.iter().position(|x| x.id == id) {
            self.agenda.selected = i;
        }
        Ok(Effect::Close)
    }

    pub(super) fn on_confirm_delete_agenda(
        &mut self,
        id: Id,
        action: Action,
    ) -> Result<Effect, StoreError> {
        match super::confirm_answer(&action) {
            Some(true) => {
                let Some(item) = self.agenda.items.iter().find(|i| i.id == id).cloned() else {
                    return Ok(Effect::Close);
                };
                self.data.delete_agenda_item(&item)?;
                self.load_agenda()?;
                // Close the gap so the order stays 1, 2, 3…
                let mut items = self.agenda.items.clone();
                renumber(&mut items);
                if items != self.agenda.items {
                    self.data.save_agenda_items(&mut items)?;
                    self.agenda.load(items);
                }
                self.say(Tone::Info, i18n::agenda_deleted(&item.title));
                self.notes.dirty = true;
                Ok(Effect::Close)
            }
            Some(false) => Ok(Effect::Close),
            None => Ok(Effect::Keep),
        }
    }

    fn move_agenda_item(&mut self, by: isize) -> Result<(), StoreError> {
        let i = self.agenda.selected;
        let j = i as isize + by;
        if j < 0 || j as usize >= self.agenda.items.len() || i >= self.agenda.items.len() {
            return Ok(());
        }
        let j = j as usize;
        let mut items = self.agenda.items.clone();
        let (a, b) = (i.min(j), i.max(j));
        let (slot_a, slot_b) = (items[a].start, items[b].start);
        items.swap(i, j);
        renumber(&mut items);
        // The pair keeps its place in the day: the first starts where the pair began, the second
        // right after it.
        items[a].start = slot_a;
        items[b].start = match (slot_a, slot_b) {
            (Some(s), Some(_)) => Some(s + chrono::Duration::minutes(i64::from(items[a].minutes))),
            _ => slot_b,
        };
        self.data.save_agenda_items(&mut items)?;
        self.agenda.load(items);
        self.agenda.selected = j;
        Ok(())
    }

    fn cycle_agenda_status(&mut self) -> Result<(), StoreError> {
        let Some(mut item) = self.agenda.selected_item().cloned() else {
            return Ok(());
        };
        item.status = match item.status {
            AgendaStatus::Planned => AgendaStatus::Running,
            AgendaStatus::Running => AgendaStatus::Done,
            AgendaStatus::Done => AgendaStatus::Planned,
        };
        let mut changed = vec![item.clone()];
        // Only one item runs at a time: starting one finishes the one that was running.
        if item.status == AgendaStatus::Running {
            for other in self.agenda.items.iter() {
                if other.id != item.id && other.status == AgendaStatus::Running {
                    let mut o = other.clone();
                    o.status = AgendaStatus::Done;
                    changed.push(o);
                }
            }
        }
        self.data.save_agenda_items(&mut changed)?;
        for c in changed {
            if let Some(x) = self.agenda.items.iter_mut().find(|x| x.id == c.id) {
                *x = c;
            }
        }
        Ok(())
    }

    fn agenda_from_template(&mut self) -> Result<(), StoreError> {
        let Some(event_id) = self.event.as_ref().map(|e| e.id) else {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return Ok(());
        };
        if !self.agenda.items.is_empty() {
            self.say(Tone::Warn, i18n::AGENDA_NOT_EMPTY.get());
            return Ok(());
        }
        let mut items = crate::model::dates::standard_agenda(event_id, self.day_start());
        self.data.save_agenda_items(&mut items)?;
        self.agenda.load(items);
        self.say(Tone::Good, i18n::AGENDA_FROM_TEMPLATE.get());
        self.notes.dirty = true;
        Ok(())
    }

    fn agenda_from_last(&mut self) -> Result<(), StoreError> {
        let Some(event) = self.event.clone() else {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return Ok(());
        };
        if !self.agenda.items.is_empty() {
            self.say(Tone::Warn, i18n::AGENDA_NOT_EMPTY.get());
            return Ok(());
        }
        let mut earlier: Vec<_> = self
            .events
            .iter()
            .filter(|e| e.date < event.date)
            .cloned()
            .collect();
        earlier.sort_by_key(|e| std::cmp::Reverse((e.date, e.id)));
        for prev in earlier {
            let old = self.data.agenda_of_event(prev.id)?;
            if old.is_empty() {
                continue;
            }
            let mut items: Vec<AgendaItem> = old
                .into_iter()
                .map(|i| AgendaItem {
                    id: 0,
                    event_id: event.id,
                    status: AgendaStatus::Planned,
                    ..i
                })
                .collect();
            renumber(&mut items);
            self.data.save_agenda_items(&mut items)?;
            self.agenda.load(items);
            self.say(
                Tone::Good,
                i18n::agenda_copied(&prev.date.format("%Y-%m-%d").to_string()),
            );
            self.notes.dirty = true;
            return Ok(());
        }
        self.say(Tone::Warn, i18n::NO_EARLIER_AGENDA.get());
        Ok(())
    }
}

fn renumber(items: &mut [AgendaItem]) {
    for (n, i) in items.iter_mut().enumerate() {
        i.order = n as u32 + 1;
    }
}
