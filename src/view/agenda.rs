//! The agenda screen: ordered items, the one running by the clock highlighted with time left,
//! overruns in red; and the add/edit form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::widgets::{fit, form_field, pad};
use super::{ACCENT, BAD, GOOD, WARN, popup};
use crate::i18n::{self, L};
use crate::model::AgendaStatus;
use crate::model::dates::schedule;
use crate::state::App;
use crate::state::agenda::{AgendaField, AgendaForm, Timing};

pub fn status_label(s: AgendaStatus) -> L {
    match s {
        AgendaStatus::Planned => i18n::AGENDA_PLANNED,
        AgendaStatus::Running => i18n::AGENDA_RUNNING,
        AgendaStatus::Done => i18n::AGENDA_DONE,
    }
}

/// Column widths: order, start–end, length, title, presenter, status, clock.
fn columns(w: usize) -> [usize; 7] {
    let (no, time, len, status, clock) = (3, 11, 6, 8, 14);
    let presenter = if w >= 100 { 16 } else { 10 };
    let title = w
        .saturating_sub(no + time + len + status + clock + presenter + 6)
        .max(10);
    [no, time, len, title, presenter, status, clock]
}

fn row(w: &[usize; 7], cells: [&str; 7]) -> String {
    let mut out = String::new();
    for (i, (c, n)) in cells.iter().zip(w).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&pad(c, *n));
    }
    out
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let w = columns(area.width as usize);
    f.render_widget(
        Paragraph::new(row(
            &w,
            [
                "#",
                i18n::COL_START.get(),
                i18n::COL_LENGTH.get(),
                i18n::COL_ITEM.get(),
                i18n::COL_PRESENTER.get(),
                i18n::COL_STATUS.get(),
                i18n::COL_CLOCK.get(),
            ],
        ))
        .style(
            Style::new()
                .fg(Color::Gray)
                .add_modifier(Modifier::UNDERLINED),
        ),
        head,
    );
    let items = &app.agenda.items;
    if items.is_empty() {
        f.render_widget(
            Paragraph::new(fit(i18n::NO_AGENDA.get(), list.width as usize))
                .style(Style::new().fg(WARN)),
            list,
        );
        return;
    }
    let day_start = app.event.as_ref().map_or(
        crate::model::dates::DAY_START,
        crate::model::dates::start_of,
    );
    let sched = schedule(items, day_start);
    let timings = app.agenda.timings(app.event.as_ref(), app.now());
    let height = list.height as usize;
    let sel = app.agenda.selected;
    let offset = crate::widgets::list::offset(sel, height);
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate().skip(offset).take(height) {
        let (s, e) = sched.get(i).copied().unwrap_or_default();
        let (timing, overrun) = timings.get(i).copied().unwrap_or((Timing::Later, None));
        let time = format!("{}–{}", s.format("%H:%M"), e.format("%H:%M"));
        let clock = match (timing, overrun) {
            (_, Some(m)) => i18n::overrun(m),
            (Timing::Now { left }, _) => i18n::minutes_left(left),
            _ => String::new(),
        };
        let no = format!("{}.", i + 1);
        let len = i18n::minutes_len(item.minutes);
        let text = row(
            &w,
            [
                &no,
                &time,
                &len,
                &item.title,
                &item.presenter,
                status_label(item.status).get(),
                &clock,
            ],
        );
        let mut style = match item.status {
            AgendaStatus::Done => Style::new().fg(Color::DarkGray),
            AgendaStatus::Running => Style::new().fg(GOOD),
            AgendaStatus::Planned => Style::new(),
        };
        if matches!(timing, Timing::Now { .. }) {
            style = style.fg(Color::Black).bg(ACCENT).bold();
        }
        if overrun.is_some() {
            style = style.fg(BAD).bold();
        }
        if i == sel {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(text, style));
    }
    f.render_widget(Paragraph::new(lines), list);
}

pub fn draw_form(form: &AgendaForm, f: &mut Frame, area: Rect) {
    let title = if form.id.is_some() {
        i18n::AGENDA_FORM_EDIT
    } else {
        i18n::AGENDA_FORM_ADD
    };
    let inner = popup(f, area, 64, 10, title.get());
    let label_w = 14;
    let value_w = (inner.width as usize).saturating_sub(label_w + 1);
    let mut lines: Vec<Line> = Vec::new();
    let mut caret_at = None;
    for (field, label, value) in [
        (AgendaField::Start, i18n::F_START, &form.start),
        (AgendaField::Minutes, i18n::F_MINUTES, &form.minutes),
        (AgendaField::Title, i18n::F_TITLE, &form.title),
        (AgendaField::Presenter, i18n::F_PRESENTER, &form.presenter),
    ] {
        if let Some(c) = form_field(
            &mut lines,
            label.get(),
            value,
            label_w,
            value_w,
            form.form.focus == field,
        ) {
            caret_at = Some(c);
        }
    }
    super::finish_form(
        f,
        inner,
        lines,
        form.form.error.as_deref(),
        crate::state::Context::Form,
        caret_at,
    );
}
