//! The 동기화 screen: this laptop, then one row per value of each conflict (the record and
//! field on its first value), in the table widget so Hangul lines up.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::{JoinField, JoinForm, Row, SyncState};
use crate::i18n;
use crate::screens::unit::Show;
use crate::widgets::THEME;
use crate::widgets::form_drawer::FormDrawer;
use crate::widgets::paint::mask_phone;
use crate::widgets::paint::wrap;
use crate::widgets::table::{Col, Row as Line, Table};

/// What, value, desk, when, which is shown now.
fn columns() -> [Col; 5] {
    [
        Col::grow(14, 2).max(36),
        Col::grow(12, 3),
        Col::grow(8, 1).max(16).hide_below(70),
        Col::fixed(11),
        Col::grow(8, 1).max(14),
    ]
}

pub fn draw(s: &SyncState, v: &Show, f: &mut Frame, area: Rect) {
    let roster = &v.data.roster;
    let width = area.width as usize;
    let mut head: Vec<String> = Vec::new();
    let me = s.me.as_ref().map(|m| m.name.as_str()).unwrap_or("");
    match &v.link {
        None => head.extend(wrap(&i18n::sync_not_linked(me), width)),
        Some(l) => {
            head.extend(wrap(&i18n::sync_link_line(me, &l.words), width));
            if l.hosting {
                head.extend(wrap(&i18n::sync_hosting_at(&l.addrs, l.offering), width));
            }
        }
    }
    head.extend(wrap(&i18n::conflicts_count(s.conflicts.len()), width));
    if !s.same.is_empty() {
        head.extend(wrap(&i18n::same_at_two_desks_count(s.same.len()), width));
    }
    let [top, list] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(0)]).areas(area);
    f.render_widget(Paragraph::new(head.join("\n")).style(THEME.count), top);
    let rows = s.rows();
    let cols = columns();
    let table = Table {
        cols: &cols,
        titles: &[
            i18n::COL_CONFLICT.get(),
            i18n::COL_VALUE.get(),
            i18n::COL_DESK.get(),
            i18n::COL_WHEN.get(),
            i18n::COL_SHOWN_NOW.get(),
        ],
        len: rows.len(),
        selected: s.selected,
        empty: i18n::NO_CONFLICTS.get(),
    };
    table.draw(f, list, |r, _| match *rows.get(r)? {
        Row::Value(i, j) => {
            let c = s.conflicts.get(i)?;
            let v = c.candidates.get(j)?;
            // The record and field on the first value listed of each conflict.
            let first = r == 0 || !matches!(rows.get(r - 1), Some(&Row::Value(k, _)) if k == i);
            let what = if first {
                format!(
                    "{} · {}",
                    i18n::conflict_record(c.kind, &c.record),
                    i18n::conflict_field(c.field)
                )
            } else {
                String::new()
            };
            let now = if v.provisional {
                i18n::SHOWN_NOW.get()
            } else {
                ""
            };
            Some(
                Line::new(THEME.plain)
                    .cell(what)
                    .cell(i18n::conflict_value(&v.value))
                    .styled(v.desk_name.as_str(), THEME.dim)
                    .cell(v.at.local().format("%m-%d %H:%M").to_string())
                    .styled(now, THEME.dim),
            )
        }
        Row::Same(k, later) => {
            let pair = s.same.get(k)?;
            let id = if later { pair.dup } else { pair.keep };
            let p = roster.person(id)?;
            let what = if later {
                String::new()
            } else {
                format!("{} {}", i18n::SAME_PERSON.get(), p.name)
            };
            let org = roster.org_name(p);
            let about = match (org.is_empty(), p.phone.is_empty()) {
                (false, false) => format!("{org} · {}", mask_phone(&p.phone)),
                (false, true) => org.to_string(),
                (true, _) => mask_phone(&p.phone),
            };
            Some(
                Line::new(THEME.plain)
                    .cell(what)
                    .cell(about)
                    .cell("")
                    .cell(p.created.local().format("%m-%d %H:%M").to_string())
                    .cell(""),
            )
        }
    });
}

/// F3's form: the other laptop's address and its code.
pub fn draw_join(jf: &JoinForm, f: &mut Frame, area: Rect) {
    let mut d = FormDrawer::new();
    d.text(
        i18n::F_SYNC_ADDR.get(),
        &jf.addr,
        jf.form.focus == JoinField::Addr,
    );
    d.text(
        i18n::F_SYNC_CODE.get(),
        &jf.code,
        jf.form.focus == JoinField::Code,
    );
    d.draw(
        f,
        area,
        64,
        i18n::SYNC_JOIN_TITLE.get(),
        jf.form.error.as_deref(),
    );
}
