//! The check-in screen and its walk-in form.

use crate::screens::unit::Show;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n;
use crate::model::OrgKind;
use crate::widgets::paint::{mask_email, mask_phone, pad, truncate, width};
use crate::widgets::search_box;
use crate::widgets::table::{Col, Row, Table};
use crate::widgets::theme::{THEME, attendance};

/// Name, mark, organisation, role, contact, status. Wide terminals show the e-mail beside the
/// phone; the contact column then grows a column for every three the organisation's does, up
/// to 48.
fn columns(w: usize) -> [Col; 6] {
    let contact = if w >= 110 {
        Col::grow(30, 1).max(48)
    } else {
        Col::fixed(14)
    };
    [
        Col::fixed(12),
        Col::fixed(8),
        Col::grow(8, 3),
        Col::fixed(12).hide_below(96),
        contact,
        Col::fixed(13),
    ]
}

pub fn draw(s: &super::CheckinState, v: &Show, f: &mut Frame, area: Rect) {
    let c = &s;
    let [kinds, search, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(2),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(by_kind_line(&v.data.roster.count())), kinds);
    let count = if c.query.trim().is_empty() {
        String::new()
    } else {
        format!("{}{} ", c.total, i18n::MATCHES.get())
    };
    search_box::draw(
        f,
        search,
        &c.query,
        Span::styled(count, THEME.dim),
        !v.covered,
    );

    let cols = columns(area.width as usize);
    let empty = if c.query.trim().is_empty() {
        i18n::NO_REGISTERED
    } else {
        i18n::NO_RESULTS
    };
    let table = Table {
        cols: &cols,
        titles: &[
            i18n::COL_NAME.get(),
            "",
            i18n::COL_ORG.get(),
            i18n::COL_ROLE.get(),
            i18n::COL_CONTACT.get(),
            i18n::COL_STATUS.get(),
        ],
        len: c.rows.len(),
        selected: c.selected,
        empty: empty.get(),
    };
    table.draw(f, list, |i, w| {
        let id = c.rows[i];
        let p = v.data.roster.person(id)?;
        let org = v.data.roster.org_of(p);
        let org_text = match org {
            Some(o) if o.kind != OrgKind::Other => {
                format!("{} · {}", o.name, i18n::kind_short(o.kind))
            }
            Some(o) => o.name.clone(),
            None => String::new(),
        };
        // The phone is padded to one width so the e-mails beside it start in one column
        // (02-… is a column shorter than 010-…).
        const PHONE_W: usize = "010-0000-0000".len();
        let phone_cell = |s: String| {
            if width(&s) >= PHONE_W {
                s
            } else {
                pad(&s, PHONE_W)
            }
        };
        let contact = if c.show_contacts {
            if w[4] >= 30 && !p.email.is_empty() {
                format!("{} {}", phone_cell(p.phone.clone()), p.email)
            } else {
                p.phone.clone()
            }
        } else if w[4] >= 30 && !p.email.is_empty() {
            format!(
                "{} {}",
                phone_cell(mask_phone(&p.phone)),
                mask_email(&p.email)
            )
        } else {
            mask_phone(&p.phone)
        };
        let (status, status_style) = attendance(v.data.roster.status(id));
        let mark = if v.data.roster.is_first_time(id) {
            i18n::FIRST_TIME.get()
        } else {
            ""
        };
        Some(
            Row::new(THEME.plain)
                .styled(p.name.as_str(), THEME.bold)
                .styled(mark, THEME.warn)
                .cell(org_text)
                .styled(p.role.as_str(), THEME.dim)
                .styled(contact, THEME.dim)
                .styled(status, status_style),
        )
    });
}

/// 미도착: who is expected and has not come, to call them (phones masked until F3).
pub fn draw_missing(
    s: &super::CheckinState,
    v: &Show,
    m: &crate::screens::checkin::missing::MissingList,
    f: &mut Frame,
    area: Rect,
) {
    let h = area.height.saturating_sub(4).max(8);
    let title = i18n::missing_title(m.rows.len());
    let inner =
        crate::widgets::paint::popup(f, area, area.width.saturating_sub(8).min(90), h, &title);
    let [list, keys] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(inner);
    if m.rows.is_empty() {
        f.render_widget(
            Paragraph::new(truncate(i18n::NOBODY_MISSING.get(), list.width as usize))
                .style(THEME.good),
            list,
        );
    } else {
        const COLUMNS: [Col; 3] = [Col::fixed(12), Col::grow(1, 1), Col::fixed(13)];
        let table = Table {
            cols: &COLUMNS,
            titles: &[],
            len: m.rows.len(),
            selected: m.selected,
            empty: "",
        };
        table.draw(f, list, |i, _| {
            let p = v.data.roster.person(m.rows[i])?;
            let phone = if s.show_contacts {
                p.phone.clone()
            } else {
                mask_phone(&p.phone)
            };
            Some(
                Row::new(THEME.plain)
                    .cell(p.name.as_str())
                    .cell(v.data.roster.org_name(p))
                    .cell(phone),
            )
        });
    }
    let footer = crate::keymap::footer(crate::keymap::Context::Missing);
    let lines = vec![
        Line::default(),
        Line::styled(truncate(&footer, keys.width as usize), THEME.muted),
    ];
    f.render_widget(Paragraph::new(lines), keys);
}

/// Arrivals by organisation kind, for the check-in screen.
pub fn by_kind_line(count: &crate::data::Count) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!(" {} ", i18n::ARRIVED_BY_KIND.get()),
        THEME.dim,
    )];
    for (k, n) in OrgKind::ALL.iter().zip(count.by_kind) {
        let style = if n > 0 { THEME.accent } else { THEME.muted };
        spans.push(Span::styled(
            format!("{} {n}  ", i18n::kind_short(*k)),
            style,
        ));
    }
    Line::from(spans)
}
