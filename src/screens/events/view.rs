//! The F5 list of networking days (with each day's numbers and the keys to make, change and
//! delete one) and the form of a networking day.

use crate::screens::unit::Show;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::i18n;
use crate::model::District;
use crate::screens::events::{EventField, EventForm, EventPicker};
use crate::widgets::THEME;
use crate::widgets::form_drawer::FormDrawer;
use crate::widgets::paint::{event_label, popup};
use crate::widgets::paint::{pad, truncate};

pub fn draw_picker(v: &Show, p: &EventPicker, f: &mut Frame, area: Rect) {
    let rows_wanted = v.events.len().max(1) as u16;
    let h = (rows_wanted + 4).clamp(6, area.height.saturating_sub(2));
    let inner = popup(f, area, 76, h, i18n::PICK_EVENT_TITLE.get());
    let w = inner.width as usize;
    let rows = (inner.height as usize).saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    if v.events.is_empty() {
        lines.push(Line::styled(i18n::NO_EVENTS_YET.get(), THEME.warn));
    }
    let offset = crate::widgets::list::offset(p.selected, rows);
    let current = v.event.as_ref().map(|e| e.id);
    for (i, e) in v.events.iter().enumerate().skip(offset).take(rows) {
        let mark = if Some(e.id) == current { "▸" } else { " " };
        let count = p.counts.get(i).map(i18n::day_count).unwrap_or_default();
        let label = event_label(e);
        let room = w.saturating_sub(crate::widgets::paint::width(&count) + 3);
        let text = format!("{mark} {} {count}", pad(&truncate(&label, room), room));
        lines.push(if i == p.selected {
            Line::styled(pad(&text, w), THEME.selected)
        } else {
            Line::raw(pad(&text, w))
        });
    }
    while lines.len() < rows {
        lines.push(Line::default());
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        crate::keymap::footer(crate::keymap::Context::EventPicker),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_form(form: &EventForm, f: &mut Frame, area: Rect) {
    let title = if form.id.is_some() {
        i18n::EVENT_EDIT_TITLE
    } else {
        i18n::EVENT_NEW_TITLE
    };
    let focus = |field| form.form.focus == field;
    let mut d = FormDrawer::new();
    d.text(
        i18n::F_EVENT_TITLE.get(),
        &form.title,
        focus(EventField::Title),
    );
    d.text(
        i18n::F_EVENT_DATE.get(),
        &form.date,
        focus(EventField::Date),
    );
    d.text(
        i18n::F_EVENT_START.get(),
        &form.start,
        focus(EventField::Start),
    );
    d.text(i18n::F_EVENT_END.get(), &form.end, focus(EventField::End));
    d.text(
        i18n::F_EVENT_VENUE.get(),
        &form.venue,
        focus(EventField::Venue),
    );
    d.choice(
        i18n::F_DISTRICT.get(),
        &District::ALL,
        form.district,
        |d| d.label().get(),
        focus(EventField::District),
    );
    d.draw(f, area, 76, title.get(), form.form.error.as_deref());
}
