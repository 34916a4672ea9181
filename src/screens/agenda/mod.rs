//! The agenda of the current networking day: ordered items with start, length, presenter and
//! status; add, edit, reorder, delete; start from the standard template or last month's agenda;
//! which item the clock says is running now.

pub mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::i18n;
pub use crate::model::dates::{Timing, current_item, parse_hhmm, running, timings};
use crate::model::dates::{day_start, schedule};
use crate::model::{AgendaItem, AgendaStatus, Event, Id, TextField as FieldKind, Ts, clean_line};
use crate::screens::unit::{Answer, Ask, Asker, Cx, Effect, Question, Show, Unit, What};
use crate::screens::{Action, Context, Screen, Step, Tone};
use crate::store::StoreError;
use crate::widgets::{Form, TextField};

/// Length of a new item.
pub const DEFAULT_MINUTES: u32 = 30;

#[derive(Clone, Debug, Default)]
pub struct AgendaState {
    /// The current event's items, in order.
    pub items: Vec<AgendaItem>,
    pub selected: usize,
    /// The item being added or changed.
    pub form: Option<Box<AgendaForm>>,
}

impl AgendaState {
    pub fn load(&mut self, items: Vec<AgendaItem>) {
        self.items = items;
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
    }

    pub fn selected_item(&self) -> Option<&AgendaItem> {
        self.items.get(self.selected)
    }

    /// The item running now on `event`'s agenda, with minutes left. An item set running by
    /// hand (s) wins over the clock; its minutes left are the clock's when the clock agrees,
    /// else none.
    pub fn running(&self, event: Option<&Event>, now: Ts) -> Option<(usize, i64)> {
        running(&self.items, event, now)
    }

    /// How the clock stands against each item of `event`'s agenda.
    pub fn timings(&self, event: Option<&Event>, now: Ts) -> Vec<(Timing, Option<i64>)> {
        match event {
            Some(e) => timings(&self.items, e.date, day_start(Some(e)), now.local()),
            None => Vec::new(),
        }
    }
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

impl Unit for AgendaState {
    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show) {
        view::draw(self, v, f, body);
        if let Some(form) = &self.form {
            view::draw_form(form, f, area);
        }
    }

    fn holds_keys(&self) -> bool {
        self.form.is_some()
    }

    fn context(&self) -> Context {
        match self.form {
            Some(_) => Context::Form,
            None => Context::Agenda,
        }
    }

    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        if let Some(mut form) = self.form.take() {
            let effect = self.on_form(cx, &mut form, action);
            if matches!(effect, Ok(FormEnd::Open) | Err(_)) {
                self.form = Some(form);
            }
            return effect.map(|e| match e {
                FormEnd::Saved => Effect::keep().changed(What::AGENDA),
                FormEnd::Open | FormEnd::Closed => Effect::keep(),
            });
        }
        if let Some(k) = crate::screens::list_key(&action) {
            self.selected = crate::widgets::list::step(self.selected, k, self.items.len());
            return Ok(Effect::keep());
        }
        match action {
            Action::AddItem => self.open_form(cx, None),
            Action::Submit | Action::Edit => {
                if let Some(id) = self.selected_item().map(|i| i.id) {
                    self.open_form(cx, Some(id));
                }
            }
            Action::Delete => {
                if let Some(item) = self.selected_item() {
                    return Ok(Effect::ask(Ask::new(
                        Asker::Screen(Screen::Agenda),
                        Question::DeleteAgenda(item.id),
                        i18n::DELETE_TITLE.get(),
                        i18n::confirm_delete(&item.title),
                    )));
                }
            }
            Action::MoveUp => return self.move_item(cx, -1),
            Action::MoveDown => return self.move_item(cx, 1),
            Action::CycleStatus => return self.cycle_status(cx),
            Action::Template => return self.start_from_template(cx),
            Action::CopyLast => return self.copy_last(cx),
            _ => {}
        }
        Ok(Effect::keep())
    }

    fn answer(&mut self, cx: &mut Cx, q: Question, a: Answer) -> Result<Effect, StoreError> {
        let (Question::DeleteAgenda(id), Answer::Yes) = (q, a) else {
            return Ok(Effect::close());
        };
        let Some(item) = self.items.iter().find(|i| i.id == id).cloned() else {
            return Ok(Effect::close());
        };
        cx.data.delete_agenda_item(&item)?;
        self.reload(cx)?;
        // Close the gap so the order stays 1, 2, 3…
        let mut items = self.items.clone();
        renumber(&mut items);
        if items != self.items {
            cx.data.save_agenda_items(&mut items)?;
            self.load(items);
        }
        cx.say(Tone::Info, i18n::agenda_deleted(&item.title));
        Ok(Effect::close().changed(What::AGENDA))
    }

    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError> {
        if what.has(What::DAY) {
            *self = AgendaState::default();
        }
        if what.has(What::AGENDA | What::DAY | What::EVENTS) {
            self.reload(cx)?;
        }
        Ok(())
    }
}

/// How a key left the item form.
enum FormEnd {
    Open,
    Closed,
    Saved,
}

impl AgendaState {
    fn reload(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let items = match cx.event {
            Some(e) => cx.data.agenda_of_event(e.id)?,
            None => Vec::new(),
        };
        self.load(items);
        Ok(())
    }

    fn open_form(&mut self, cx: &mut Cx, id: Option<Id>) {
        let Some(event) = cx.need_event() else {
            return;
        };
        let form = match id.and_then(|id| self.items.iter().find(|i| i.id == id)) {
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
                let sched = schedule(&self.items, day_start(Some(&event)));
                let start = sched
                    .last()
                    .map(|(_, e)| *e)
                    .unwrap_or(day_start(Some(&event)));
                AgendaForm::new(
                    None,
                    &start.format("%H:%M").to_string(),
                    &DEFAULT_MINUTES.to_string(),
                    "",
                    "",
                )
            }
        };
        self.form = Some(Box::new(form));
    }

    fn on_form(
        &mut self,
        cx: &mut Cx,
        form: &mut AgendaForm,
        action: Action,
    ) -> Result<FormEnd, StoreError> {
        let dirty = form.is_dirty();
        let text = match form.form.focus {
            AgendaField::Start => &mut form.start,
            AgendaField::Minutes => &mut form.minutes,
            AgendaField::Title => &mut form.title,
            AgendaField::Presenter => &mut form.presenter,
        };
        let step = crate::screens::text_form_keys(
            &mut form.form,
            &AgendaField::ALL,
            dirty,
            Some(text),
            &action,
        );
        match step {
            Step::Typed(e) => {
                cx.edited(Some(e));
            }
            Step::Close => return Ok(FormEnd::Closed),
            Step::Pass if action == Action::Submit => return self.save_form(cx, form),
            Step::Took(_) | Step::Moved | Step::Pass => {}
        }
        Ok(FormEnd::Open)
    }

    fn save_form(&mut self, cx: &mut Cx, form: &mut AgendaForm) -> Result<FormEnd, StoreError> {
        let Some(event) = cx.event.cloned() else {
            return Ok(FormEnd::Closed);
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
            return Ok(FormEnd::Open);
        }
        let existing = form
            .id
            .and_then(|id| self.items.iter().find(|i| i.id == id))
            .cloned();
        let mut item = match existing {
            Some(i) => i,
            None => AgendaItem {
                id: 0,
                event_id: event.id,
                order: self.items.iter().map(|i| i.order).max().unwrap_or(0) + 1,
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
        let mut all = self.items.clone();
        match all.iter_mut().find(|x| x.id == item.id && item.id != 0) {
            Some(slot) => *slot = item.clone(),
            None => all.push(item.clone()),
        }
        all.sort_by_key(|x| (x.order, x.id));
        let (moved, most) =
            crate::model::dates::push_back_overlaps(&mut all, day_start(Some(&event)));
        let mut changed: Vec<AgendaItem> = all
            .iter()
            .enumerate()
            .filter(|(i, x)| moved.contains(i) || (x.id == item.id && x.order == item.order))
            .map(|(_, x)| x.clone())
            .collect();
        cx.data.save_agenda_items(&mut changed)?;
        let id = changed
            .iter()
            .find(|x| x.order == item.order && x.title == item.title)
            .map_or(item.id, |x| x.id);
        let mut said = i18n::agenda_saved(&item.title);
        if !moved.is_empty() {
            said = format!("{said} · {}", i18n::agenda_pushed(moved.len(), most));
        }
        cx.say(Tone::Good, said);
        // Saved: the form closes whatever the reload says.
        if let Err(e) = self.reload(cx) {
            cx.fail(e);
        }
        if let Some(i) = self.items.iter().position(|x| x.id == id) {
            self.selected = i;
        }
        Ok(FormEnd::Saved)
    }

    fn move_item(&mut self, cx: &mut Cx, by: isize) -> Result<Effect, StoreError> {
        let i = self.selected;
        let j = i as isize + by;
        if j < 0 || j as usize >= self.items.len() || i >= self.items.len() {
            return Ok(Effect::keep());
        }
        let j = j as usize;
        let mut items = self.items.clone();
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
        cx.data.save_agenda_items(&mut items)?;
        self.load(items);
        self.selected = j;
        Ok(Effect::keep().changed(What::AGENDA))
    }

    fn cycle_status(&mut self, cx: &mut Cx) -> Result<Effect, StoreError> {
        let Some(mut item) = self.selected_item().cloned() else {
            return Ok(Effect::keep());
        };
        item.status = match item.status {
            AgendaStatus::Planned => AgendaStatus::Running,
            AgendaStatus::Running => AgendaStatus::Done,
            AgendaStatus::Done => AgendaStatus::Planned,
        };
        let mut changed = vec![item.clone()];
        // Only one item runs at a time: starting one finishes the one that was running.
        if item.status == AgendaStatus::Running {
            for other in self.items.iter() {
                if other.id != item.id && other.status == AgendaStatus::Running {
                    let mut o = other.clone();
                    o.status = AgendaStatus::Done;
                    changed.push(o);
                }
            }
        }
        cx.data.save_agenda_items(&mut changed)?;
        for c in changed {
            if let Some(x) = self.items.iter_mut().find(|x| x.id == c.id) {
                *x = c;
            }
        }
        Ok(Effect::keep().changed(What::AGENDA))
    }

    fn start_from_template(&mut self, cx: &mut Cx) -> Result<Effect, StoreError> {
        let Some(event) = cx.need_event() else {
            return Ok(Effect::keep());
        };
        if !self.items.is_empty() {
            cx.say(Tone::Warn, i18n::AGENDA_NOT_EMPTY.get());
            return Ok(Effect::keep());
        }
        let mut items = crate::model::dates::standard_agenda(event.id, day_start(Some(&event)));
        cx.data.save_agenda_items(&mut items)?;
        self.load(items);
        cx.say(Tone::Good, i18n::AGENDA_FROM_TEMPLATE.get());
        Ok(Effect::keep().changed(What::AGENDA))
    }

    fn copy_last(&mut self, cx: &mut Cx) -> Result<Effect, StoreError> {
        let Some(event) = cx.need_event() else {
            return Ok(Effect::keep());
        };
        if !self.items.is_empty() {
            cx.say(Tone::Warn, i18n::AGENDA_NOT_EMPTY.get());
            return Ok(Effect::keep());
        }
        let mut earlier: Vec<_> = cx
            .events
            .iter()
            .filter(|e| e.date < event.date)
            .cloned()
            .collect();
        earlier.sort_by_key(|e| std::cmp::Reverse((e.date, e.id)));
        for prev in earlier {
            let old = cx.data.agenda_of_event(prev.id)?;
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
            cx.data.save_agenda_items(&mut items)?;
            self.load(items);
            cx.say(
                Tone::Good,
                i18n::agenda_copied(&prev.date.format("%Y-%m-%d").to_string()),
            );
            return Ok(Effect::keep().changed(What::AGENDA));
        }
        cx.say(Tone::Warn, i18n::NO_EARLIER_AGENDA.get());
        Ok(Effect::keep())
    }
}

fn renumber(items: &mut [AgendaItem]) {
    for (n, i) in items.iter_mut().enumerate() {
        i.order = n as u32 + 1;
    }
}
