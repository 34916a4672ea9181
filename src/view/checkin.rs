//! The check-in screen and its walk-in form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::widgets::{fit, mask_email, mask_phone, pad, width, window};
use super::{ACCENT, GOOD, WARN, caret};
use crate::i18n;
use crate::model::{AttendanceStatus, OrgKind};
use crate::state::App;

/// Column widths for a table `w` columns wide: name, mark, org, role, contact, status.
fn columns(w: usize) -> [usize; 6] {
    let name = 12;
    let mark = 8;
    let status = 13;
    let role = if w >= 96 { 12 } else { 0 };
    let gaps = 5 + usize::from(role > 0);
    let rest = w.saturating_sub(name + mark + status + role + gaps);
    // Wide terminals show e-mail beside the phone; the organisation keeps at most 40 columns.
    let contact = if w >= 110 {
        rest.saturating_sub(40).clamp(30, 48)
    } else {
        14
    };
    let org = rest.saturating_sub(contact).max(8);
    [name, mark, org, role, contact, status]
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let c = &app.checkin;
    let [kinds, search, head, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(super::by_kind_line(&app.data.roster.count())),
        kinds,
    );

    // Search box: the caret is where the IME composes.
    let label = format!(" {} ▸ ", i18n::SEARCH.get());
    let count = if c.query.trim().is_empty() {
        String::new()
    } else {
        format!("{}{} ", c.total, i18n::MATCHES.get())
    };
    let query_room = (search.width as usize).saturating_sub(width(&label) + width(&count) + 1);
    let (shown, caret_x) = window(&c.query, query_room);
    let mut spans = vec![
        Span::styled(label.clone(), Style::new().fg(ACCENT).bold()),
        Span::styled(pad(&shown, query_room), Style::new().bold()),
        Span::raw(" "),
        Span::styled(count, Style::new().fg(Color::Gray)),
    ];
    if c.query.is_empty() {
        spans[1] = Span::styled(
            pad(i18n::SEARCH_HINT.get(), query_room),
            Style::new().fg(Color::DarkGray),
        );
    }
    f.render_widget(Paragraph::new(Line::from(spans)), search);
    if app.modal.is_none() {
        caret(
            f,
            search.x + (width(&label) + caret_x) as u16,
            search.y,
            search,
        );
    }

    let w = columns(area.width as usize);
    let header = row_text(
        &w,
        [
            i18n::COL_NAME.get(),
            "",
            i18n::COL_ORG.get(),
            i18n::COL_ROLE.get(),
            i18n::COL_CONTACT.get(),
            i18n::COL_STATUS.get(),
        ],
    );
    f.render_widget(
        Paragraph::new(header).style(
            Style::new()
                .fg(Color::Gray)
                .add_modifier(Modifier::UNDERLINED),
        ),
        head,
    );

    if c.rows.is_empty() {
        let msg = if c.query.trim().is_empty() {
            i18n::NO_REGISTERED
        } else {
            i18n::NO_RESULTS
        };
        f.render_widget(Paragraph::new(msg.get()).style(Style::new().fg(WARN)), list);
        return;
    }
    let height = list.height as usize;
    let offset = crate::widgets::list::offset(c.selected, height);
    let buf = f.buffer_mut();
    for ((i, id), y) in c
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .zip(list.y..list.bottom())
    {
        let Some(p) = app.data.roster.person(*id) else {
            continue;
        };
        let org = app.data.roster.org_of(p);
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
        let (status, color) = match app.data.roster.status(*id) {
            None => (i18n::NOT_REGISTERED.get().to_string(), Color::DarkGray),
            Some(AttendanceStatus::Expected) => (i18n::EXPECTED.get().to_string(), Color::White),
            Some(AttendanceStatus::CheckedIn { at, .. }) => (i18n::arrived_at(&at.hhmm()), GOOD),
            Some(AttendanceStatus::WalkIn { at, .. }) => (i18n::walk_in_at(&at.hhmm()), ACCENT),
            Some(AttendanceStatus::Cancelled) => {
                (i18n::CANCELLED.get().to_string(), Color::DarkGray)
            }
            Some(AttendanceStatus::NoShow) => (i18n::NO_SHOW.get().to_string(), Color::DarkGray),
            Some(AttendanceStatus::Tentative) => (i18n::TENTATIVE.get().to_string(), WARN),
        };
        let mark = if app.data.roster.is_first_time(*id) {
            i18n::FIRST_TIME.get()
        } else {
            ""
        };
        let selected = i == c.selected;
        let base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        // Cells are written at their column, not padded with spaces: ratatui's per-character
        // work is most of a frame's cost.
        if selected {
            buf.set_style(Rect::new(list.x, y, list.width, 1), base);
        }
        let cells = [
            (p.name.as_str(), w[0], base.bold()),
            (mark, w[1], base.fg(WARN)),
            (org_text.as_str(), w[2], base),
            (p.role.as_str(), w[3], base.fg(Color::Gray)),
            (contact.as_str(), w[4], base.fg(Color::Gray)),
            (status.as_str(), w[5], base.fg(color)),
        ];
        super::widgets::draw_cells(buf, list.x, y, list.right(), &cells);
    }
}

fn row_text(w: &[usize; 6], cells: [&str; 6]) -> String {
    let mut out = String::new();
    for (i, (cell, cw)) in cells.iter().zip(w).enumerate() {
        if *cw == 0 {
            continue;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&pad(cell, *cw));
    }
    out
}

/// 미도착: who is expected and has not come, to call them (phones masked until F3).
pub fn draw_missing(
    app: &App,
    m: &crate::screens::checkin::missing::MissingList,
    f: &mut Frame,
    area: Rect,
) {
    let h = area.height.saturating_sub(4).max(8);
    let title = i18n::missing_title(m.rows.len());
    let inner = super::popup(f, area, area.width.saturating_sub(8).min(90), h, &title);
    let w = inner.width as usize;
    let rows = (inner.height as usize).saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    if m.rows.is_empty() {
        lines.push(Line::styled(
            i18n::NOBODY_MISSING.get(),
            Style::new().fg(GOOD),
        ));
    }
    let offset = crate::widgets::list::offset(m.selected, rows);
    let (name_w, phone_w) = (12, 13);
    let org_w = w.saturating_sub(name_w + phone_w + 2);
    for (i, id) in m.rows.iter().enumerate().skip(offset).take(rows) {
        let Some(p) = app.data.roster.person(*id) else {
            continue;
        };
        let phone = if app.checkin.show_contacts {
            p.phone.clone()
        } else {
            mask_phone(&p.phone)
        };
        let text = format!(
            "{} {} {}",
            pad(&fit(&p.name, name_w), name_w),
            pad(&fit(app.data.roster.org_name(p), org_w), org_w),
            pad(&phone, phone_w)
        );
        let style = if i == m.selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        lines.push(Line::styled(pad(&text, w), style));
    }
    while lines.len() < rows {
        lines.push(Line::default());
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        fit(&crate::keymap::footer(crate::state::Context::Missing), w),
        Style::new().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(lines), inner);
}
