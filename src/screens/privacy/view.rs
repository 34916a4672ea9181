//! The 파기 screen: the rule and the counts, then one row per person due (mark, name,
//! organisation, badge code, the day that counts, the day they were due, what is held — as
//! flags, never the values) in the table widget so Hangul lines up; r's form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{PrivacyState, RetentionField, RetentionForm};
use crate::data::Due;
use crate::i18n;
use crate::widgets::THEME;
use crate::widgets::form_drawer::FormDrawer;
use crate::widgets::paint::wrap;
use crate::widgets::table::{Col, Row, Table};

/// Mark, name, organisation, code, since, due, held.
fn columns() -> [Col; 7] {
    [
        Col::fixed(3),
        Col::grow(8, 2).max(20),
        Col::grow(8, 3).max(30).hide_below(76),
        Col::fixed(8),
        Col::fixed(16),
        Col::fixed(10),
        Col::grow(12, 1).max(20),
    ]
}

/// 기준일: the last day attended, or the day added.
fn since(d: &Due) -> String {
    let day = d.last.format("%Y-%m-%d");
    if d.attended {
        day.to_string()
    } else {
        format!("{day} {}", i18n::PRIVACY_ADDED.get())
    }
}

/// 보관 중: which of phone, e-mail and notes are held.
fn held(d: &Due) -> String {
    let held: Vec<&str> = [
        (d.phone, i18n::PRIVACY_HELD_PHONE),
        (d.email, i18n::PRIVACY_HELD_EMAIL),
        (d.notes, i18n::PRIVACY_HELD_NOTES),
    ]
    .into_iter()
    .filter(|(h, _)| *h)
    .map(|(_, l)| l.get())
    .collect();
    if held.is_empty() {
        "-".to_string()
    } else {
        held.join(" ")
    }
}

pub fn draw(s: &PrivacyState, f: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let mut head: Vec<Line> = wrap(
        &i18n::privacy_heading(s.months, s.due.len(), s.marked.len(), s.scope),
        width,
    )
    .into_iter()
    .map(|l| Line::styled(l, THEME.count))
    .collect();
    // The last shred's words in full, with the backups it could not reach.
    if let Some(n) = &s.notice {
        head.extend(
            wrap(n, width)
                .into_iter()
                .map(|l| Line::styled(l, THEME.warn)),
        );
    }
    let [top, list] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(0)]).areas(area);
    f.render_widget(Paragraph::new(head), top);
    let cols = columns();
    let table = Table {
        cols: &cols,
        titles: &[
            "",
            i18n::PRIVACY_HEAD_NAME.get(),
            i18n::PRIVACY_HEAD_ORG.get(),
            i18n::COL_CODE.get(),
            i18n::PRIVACY_HEAD_LAST.get(),
            i18n::PRIVACY_HEAD_DUE.get(),
            i18n::PRIVACY_HEAD_HELD.get(),
        ],
        len: s.due.len(),
        selected: s.selected,
        empty: i18n::PRIVACY_NONE.get(),
    };
    table.draw(f, list, |i, _| {
        let d = s.due.get(i)?;
        let marked = s.marked.contains(&d.id);
        let (mark, style) = if marked {
            ("[x]", THEME.bad)
        } else {
            ("[ ]", THEME.plain)
        };
        Some(
            Row::new(style)
                .cell(mark)
                .cell(d.name.as_str())
                .styled(
                    if d.org.is_empty() {
                        "-"
                    } else {
                        d.org.as_str()
                    },
                    THEME.dim,
                )
                .styled(d.code.as_str(), THEME.dim)
                .cell(since(d))
                .cell(d.due.format("%Y-%m-%d").to_string())
                .cell(held(d)),
        )
    });
}

pub fn draw_form(rf: &RetentionForm, f: &mut Frame, area: Rect) {
    let mut d = FormDrawer::new();
    d.text(
        i18n::PRIVACY_RETENTION_MONTHS.get(),
        &rf.months,
        rf.form.focus == RetentionField::Months,
    );
    d.draw(
        f,
        area,
        64,
        i18n::PRIVACY_RETENTION_TITLE.get(),
        rf.form.error.as_deref(),
    );
}
