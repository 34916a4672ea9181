//! The agenda screen: ordered items, the one running by the clock highlighted with time left,
//! overruns in red; and the add/edit form.

use crate::screens::unit::Show;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::{AgendaField, AgendaForm, Timing};
use crate::i18n::{self, L};
use crate::model::AgendaStatus;
use crate::model::dates::schedule;
use crate::widgets::THEME;
use crate::widgets::form_drawer::FormDrawer;
use crate::widgets::table::{Col, Row, Table};

pub fn status_label(s: AgendaStatus) -> L {
    match s {
        AgendaStatus::Planned => i18n::AGENDA_PLANNED,
        AgendaStatus::Running => i18n::AGENDA_RUNNING,
        AgendaStatus::Done => i18n::AGENDA_DONE,
    }
}

/// Order, start–end, length, title, presenter, status, clock.
fn columns(w: usize) -> [Col; 7] {
    let presenter = if w >= 100 { 16 } else { 10 };
    [
        Col::fixed(3),
        Col::fixed(11),
        Col::fixed(6),
        Col::grow(10, 1),
        Col::fixed(presenter),
        Col::fixed(8),
        Col::fixed(14),
    ]
}

pub fn draw(s: &super::AgendaState, v: &Show, f: &mut Frame, area: Rect) {
    let items = &s.items;
    let day_start = v.event.as_ref().map_or(
        crate::model::dates::DAY_START,
        crate::model::dates::start_of,
    );
    let sched = schedule(items, day_start);
    let timings = s.timings(v.event.as_ref(), v.now());
    let cols = columns(area.width as usize);
    let table = Table {
        cols: &cols,
        titles: &[
            "#",
            i18n::COL_START.get(),
            i18n::COL_LENGTH.get(),
            i18n::COL_ITEM.get(),
            i18n::COL_PRESENTER.get(),
            i18n::COL_STATUS.get(),
            i18n::COL_CLOCK.get(),
        ],
        len: items.len(),
        selected: s.selected,
        empty: i18n::NO_AGENDA.get(),
    };
    table.draw(f, area, |i, _| {
        let item = &items[i];
        let (s, e) = sched.get(i).copied().unwrap_or_default();
        let (timing, overrun) = timings.get(i).copied().unwrap_or((Timing::Later, None));
        let clock = match (timing, overrun) {
            (_, Some(m)) => i18n::overrun(m),
            (Timing::Now { left }, _) => i18n::minutes_left(left),
            _ => String::new(),
        };
        let mut style = match item.status {
            AgendaStatus::Done => THEME.muted,
            AgendaStatus::Running => THEME.good,
            AgendaStatus::Planned => THEME.plain,
        };
        if matches!(timing, Timing::Now { .. }) {
            style = style.patch(THEME.now_running);
        }
        if overrun.is_some() {
            style = style.patch(THEME.error);
        }
        Some(
            Row::new(style)
                .cell(format!("{}.", i + 1))
                .cell(format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")))
                .cell(i18n::minutes_len(item.minutes))
                .cell(item.title.as_str())
                .cell(item.presenter.as_str())
                .cell(status_label(item.status).get())
                .cell(clock),
        )
    });
}

pub fn draw_form(form: &AgendaForm, f: &mut Frame, area: Rect) {
    let title = if form.id.is_some() {
        i18n::AGENDA_FORM_EDIT
    } else {
        i18n::AGENDA_FORM_ADD
    };
    let mut d = FormDrawer::new();
    for (field, label, value) in [
        (AgendaField::Start, i18n::F_START, &form.start),
        (AgendaField::Minutes, i18n::F_MINUTES, &form.minutes),
        (AgendaField::Title, i18n::F_TITLE, &form.title),
        (AgendaField::Presenter, i18n::F_PRESENTER, &form.presenter),
    ] {
        d.text(label.get(), value, form.form.focus == field);
    }
    d.draw(f, area, 64, title.get(), form.form.error.as_deref());
}
