//! The history screen: one line per change (time, desk, kind, what it touched, id) in the
//! table widget so Hangul lines up; the before/after of one change; the filter menu.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{ChangeDetail, FilterField, FilterForm, HistoryState};
use crate::i18n;
use crate::widgets::THEME;
use crate::widgets::form_drawer::FormDrawer;
use crate::widgets::paint::{popup, truncate};
use crate::widgets::table::{Col, Row, Table};

/// When, desk, kind, touched, id.
fn columns() -> [Col; 5] {
    [
        Col::fixed(11),
        Col::grow(8, 1).max(16).hide_below(70),
        Col::grow(10, 1).max(24),
        Col::grow(16, 4),
        Col::fixed(10),
    ]
}

pub fn draw(s: &HistoryState, f: &mut Frame, area: Rect) {
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let said = if s.filter.is_empty() {
        i18n::history_count(s.lines.len())
    } else {
        i18n::history_filtered(s.lines.len(), &s.filter.words())
    };
    f.render_widget(
        Paragraph::new(truncate(&said, head.width as usize)).style(THEME.count),
        head,
    );
    let cols = columns();
    let empty = if s.filter.is_empty() {
        i18n::NO_CHANGES
    } else {
        i18n::NO_CHANGES_MATCH
    };
    let table = Table {
        cols: &cols,
        titles: &[
            i18n::COL_WHEN.get(),
            i18n::COL_DESK.get(),
            i18n::COL_KIND.get(),
            i18n::COL_TOUCHED.get(),
            i18n::COL_CHANGE_ID.get(),
        ],
        len: s.lines.len(),
        selected: s.selected,
        empty: empty.get(),
    };
    table.draw(f, list, |i, _| {
        let l = s.lines.get(i)?;
        Some(
            Row::new(THEME.plain)
                .cell(l.when())
                .styled(l.desk.as_str(), THEME.dim)
                .cell(l.kind.as_str())
                .cell(l.touched.as_str())
                .styled(format!("#{}", l.id), THEME.dim),
        )
    });
}

/// The rows of the before/after table: a record's line, then its fields.
enum DetailRow<'a> {
    Record(&'a crate::data::RecordChange),
    Field(&'a crate::data::FieldChange),
}

fn detail_rows_of(d: &ChangeDetail) -> Vec<DetailRow<'_>> {
    let mut rows = Vec::new();
    for r in &d.records {
        rows.push(DetailRow::Record(r));
        rows.extend(r.fields.iter().map(DetailRow::Field));
    }
    rows
}

/// How many rows the before/after table has (for scrolling).
pub fn detail_rows(d: &ChangeDetail) -> usize {
    detail_rows_of(d).len()
}

pub fn draw_detail(d: &ChangeDetail, f: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).max(20);
    let h = area.height.saturating_sub(2).max(6);
    let inner = popup(f, area, w, h, i18n::HISTORY_DETAIL_TITLE.get());
    let [head, gap, body] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let l = &d.line;
    let width = head.width as usize;
    let lines = vec![
        Line::styled(
            truncate(
                &format!("#{} · {} · {} · {}", l.id, l.when(), l.desk, l.kind),
                width,
            ),
            THEME.bold,
        ),
        Line::from(truncate(&l.touched, width)),
    ];
    f.render_widget(Paragraph::new(lines), head);
    let _ = gap;
    let rows = detail_rows_of(d);
    let cols = [
        Col::fixed(12),
        Col::grow(10, 1),
        Col::fixed(1),
        Col::grow(10, 1),
    ];
    let scroll = d.scroll.min(rows.len().saturating_sub(1));
    let table = Table {
        cols: &cols,
        titles: &[
            i18n::COL_FIELD.get(),
            i18n::COL_BEFORE.get(),
            "",
            i18n::COL_AFTER.get(),
        ],
        len: rows.len().saturating_sub(scroll),
        // No row is highlighted: the view scrolls.
        selected: 0,
        empty: i18n::NO_FIELD_CHANGES.get(),
    };
    table.draw(f, body, |i, _| {
        Some(match rows.get(i + scroll)? {
            DetailRow::Record(r) => Row::new(THEME.plain)
                .styled(r.how.get(), THEME.accent)
                .styled(r.label.as_str(), THEME.bold),
            DetailRow::Field(fc) => Row::new(THEME.plain)
                .styled(format!("  {}", fc.field.get()), THEME.dim)
                .styled(fc.before.as_str(), THEME.muted)
                .cell("→")
                .styled(fc.after.as_str(), THEME.good),
        })
    });
}

pub fn draw_filter(ff: &FilterForm, f: &mut Frame, area: Rect) {
    let mut d = FormDrawer::new();
    for (field, label, value) in [
        (FilterField::Day, i18n::F_HISTORY_DAY, &ff.day),
        (FilterField::Person, i18n::F_HISTORY_PERSON, &ff.person),
        (FilterField::Org, i18n::F_HISTORY_ORG, &ff.org),
        (FilterField::Kind, i18n::F_HISTORY_KIND, &ff.kind),
        (FilterField::Desk, i18n::F_HISTORY_DESK, &ff.desk),
    ] {
        d.text(label.get(), value, ff.form.focus == field);
    }
    d.draw(
        f,
        area,
        64,
        i18n::HISTORY_FILTER_TITLE.get(),
        ff.form.error.as_deref(),
    );
}
