//! 변경 이력: every change on record, newest first; filters (day, person, organisation, kind,
//! desk); Enter shows what a change did to each record, field by field; `u` undoes it after
//! asking. The undo is a change of its own, so it is listed and can be undone in turn.

pub mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::data::{ChangeLine, HistoryFilter, RecordChange};
use crate::i18n;
use crate::model::TextField as FieldKind;
use crate::screens::unit::{Answer, Ask, Asker, Cx, Effect, Question, Show, Unit, What};
use crate::screens::{Action, Context, Screen, Step, Tone};
use crate::store::StoreError;
use crate::widgets::{Form, TextField};

/// The newest changes the screen lists.
pub const LIMIT: usize = 500;

#[derive(Clone, Debug, Default)]
pub struct HistoryState {
    pub lines: Vec<ChangeLine>,
    pub selected: usize,
    pub filter: HistoryFilter,
    pub filter_form: Option<Box<FilterForm>>,
    /// The change Enter opened: its line and its records before and after.
    pub detail: Option<Box<ChangeDetail>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeDetail {
    pub line: ChangeLine,
    pub records: Vec<RecordChange>,
    /// The first row shown.
    pub scroll: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FilterField {
    #[default]
    Day,
    Person,
    Org,
    Kind,
    Desk,
}

impl FilterField {
    pub const ALL: [FilterField; 5] = [
        FilterField::Day,
        FilterField::Person,
        FilterField::Org,
        FilterField::Kind,
        FilterField::Desk,
    ];
}

/// The filter menu: each part typed.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterForm {
    pub form: Form<FilterField>,
    pub day: TextField,
    pub person: TextField,
    pub org: TextField,
    pub kind: TextField,
    pub desk: TextField,
}

impl FilterForm {
    fn new(f: &HistoryFilter) -> FilterForm {
        let day = f
            .day
            .as_ref()
            .map(|d| d.date.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        FilterForm {
            form: Form::new(FilterField::Day),
            day: TextField::with(FieldKind::Short, &day),
            person: TextField::with(FieldKind::Short, &f.person),
            org: TextField::with(FieldKind::Short, &f.org),
            kind: TextField::with(FieldKind::Short, &f.kind),
            desk: TextField::with(FieldKind::Short, &f.desk),
        }
    }
}

impl HistoryState {
    pub fn selected_line(&self) -> Option<&ChangeLine> {
        self.lines.get(self.selected)
    }

    fn reload(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let keep = self.selected_line().map(|l| l.order);
        self.lines = cx.data.history_lines(&self.filter, LIMIT)?;
        self.selected = keep
            .and_then(|o| self.lines.iter().position(|l| l.order == o))
            .unwrap_or(0)
            .min(self.lines.len().saturating_sub(1));
        if let Some(d) = &self.detail
            && let Some(c) = cx.data.change(&d.line.order.to_string())?
        {
            let line = cx.data.change_line(&c)?;
            let records = cx.data.change_fields(&c)?;
            let scroll = d.scroll;
            self.detail = Some(Box::new(ChangeDetail {
                line,
                records,
                scroll,
            }));
        }
        Ok(())
    }

    fn open_detail(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let Some(order) = self.selected_line().map(|l| l.order) else {
            return Ok(());
        };
        let Some(c) = cx.data.change(&order.to_string())? else {
            return Ok(());
        };
        self.detail = Some(Box::new(ChangeDetail {
            line: cx.data.change_line(&c)?,
            records: cx.data.change_fields(&c)?,
            scroll: 0,
        }));
        Ok(())
    }

    /// The line of the change `u` is about: the open detail's, else the highlighted one.
    fn undo_target(&self) -> Option<&ChangeLine> {
        match &self.detail {
            Some(d) => Some(&d.line),
            None => self.selected_line(),
        }
    }

    fn on_filter(
        &mut self,
        cx: &mut Cx,
        mut ff: Box<FilterForm>,
        action: Action,
    ) -> Result<Effect, StoreError> {
        let focus = ff.form.focus;
        let step = {
            let FilterForm {
                form,
                day,
                person,
                org,
                kind,
                desk,
            } = &mut *ff;
            let text = match focus {
                FilterField::Day => day,
                FilterField::Person => person,
                FilterField::Org => org,
                FilterField::Kind => kind,
                FilterField::Desk => desk,
            };
            crate::screens::text_form_keys(form, &FilterField::ALL, false, Some(text), &action)
        };
        match step {
            Step::Typed(e) => {
                cx.edited(Some(e));
            }
            Step::Close => return Ok(Effect::keep()),
            Step::Pass if action == Action::Submit => {
                let day = if ff.day.trim().is_empty() {
                    None
                } else {
                    let date = crate::model::dates::parse_due(&ff.day, cx.now.local_date());
                    match date.and_then(|d| cx.events.iter().find(|e| e.date == d)) {
                        Some(e) => Some(e.clone()),
                        None => {
                            ff.form.refuse(FilterField::Day, i18n::HISTORY_NO_DAY.get());
                            self.filter_form = Some(ff);
                            return Ok(Effect::keep());
                        }
                    }
                };
                self.filter = HistoryFilter {
                    day,
                    person: crate::model::clean_line(&ff.person),
                    org: crate::model::clean_line(&ff.org),
                    kind: crate::model::clean_line(&ff.kind),
                    desk: crate::model::clean_line(&ff.desk),
                    person_id: None,
                };
                self.selected = 0;
                self.reload(cx)?;
                return Ok(Effect::keep());
            }
            Step::Took(_) | Step::Moved | Step::Pass => {}
        }
        self.filter_form = Some(ff);
        Ok(Effect::keep())
    }
}

impl Unit for HistoryState {
    fn context(&self) -> Context {
        if self.filter_form.is_some() {
            Context::Form
        } else if self.detail.is_some() {
            Context::HistoryDetail
        } else {
            Context::History
        }
    }

    fn holds_keys(&self) -> bool {
        self.filter_form.is_some() || self.detail.is_some()
    }

    fn lazy(&self) -> bool {
        true
    }

    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show) {
        view::draw(self, f, body);
        if let Some(d) = &self.detail {
            view::draw_detail(d, f, area);
        }
        if let Some(ff) = &self.filter_form {
            view::draw_filter(ff, f, area);
        }
        let _ = v;
    }

    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        if let Some(ff) = self.filter_form.take() {
            return self.on_filter(cx, ff, action);
        }
        if let Some(d) = &mut self.detail {
            match action {
                Action::Up => d.scroll = d.scroll.saturating_sub(1),
                Action::Down => {
                    d.scroll = d
                        .scroll
                        .saturating_add(1)
                        .min(view::detail_rows(d).saturating_sub(1))
                }
                Action::PageUp => d.scroll = d.scroll.saturating_sub(crate::widgets::list::PAGE),
                Action::PageDown => {
                    d.scroll = d
                        .scroll
                        .saturating_add(crate::widgets::list::PAGE)
                        .min(view::detail_rows(d).saturating_sub(1));
                }
                Action::UndoChange => return Ok(self.ask_undo()),
                Action::Cancel | Action::Detail => self.detail = None,
                _ => {}
            }
            return Ok(Effect::keep());
        }
        if let Some(k) = crate::screens::list_key(&action) {
            self.selected = crate::widgets::list::step(self.selected, k, self.lines.len());
            return Ok(Effect::keep());
        }
        match action {
            Action::Detail => self.open_detail(cx)?,
            Action::UndoChange => return Ok(self.ask_undo()),
            Action::FilterMenu => self.filter_form = Some(Box::new(FilterForm::new(&self.filter))),
            Action::ClearFilter if !self.filter.is_empty() => {
                self.filter = HistoryFilter::default();
                self.selected = 0;
                self.reload(cx)?;
            }
            _ => {}
        }
        Ok(Effect::keep())
    }

    fn answer(&mut self, cx: &mut Cx, q: Question, a: Answer) -> Result<Effect, StoreError> {
        let (Question::Undo(order), Answer::Yes) = (q, a) else {
            return Ok(Effect::close());
        };
        let Some(line) = self
            .lines
            .iter()
            .find(|l| l.order == order)
            .cloned()
            .or_else(|| {
                self.detail
                    .as_ref()
                    .filter(|d| d.line.order == order)
                    .map(|d| d.line.clone())
            })
        else {
            return Ok(Effect::close());
        };
        match cx.data.undo(order, cx.event, cx.events) {
            Ok(done) => {
                cx.say(
                    Tone::Good,
                    i18n::change_undone(&line.id, &line.kind, &line.touched, &done.id()),
                );
                self.detail = None;
                Ok(Effect::close().changed(What::ALL))
            }
            Err(StoreError::UndoRefused { ko, en }) => {
                cx.say(Tone::Warn, i18n::pick(ko, en));
                Ok(Effect::close())
            }
            Err(e) => Err(e),
        }
    }

    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError> {
        if !what.is_empty() {
            self.reload(cx)?;
        }
        Ok(())
    }
}

impl HistoryState {
    fn ask_undo(&self) -> Effect {
        let Some(line) = self.undo_target() else {
            return Effect::keep();
        };
        Effect::ask(Ask::new(
            Asker::Screen(Screen::History),
            Question::Undo(line.order),
            i18n::UNDO_CHANGE_TITLE.get(),
            i18n::confirm_undo_change(&line.id, &line.kind, &line.touched),
        ))
    }
}
