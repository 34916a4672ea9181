//! The People screen: the table, the detail pane and the organisations view. Its popups are in
//! `people_dialogs`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::widgets::{fit, pad, width, window};
use super::{ACCENT, BAD, GOOD, WARN, caret};
use crate::i18n::{self, L};
use crate::model::{AttendanceStatus, District, NoteKind, OrgKind, Owner};
use crate::state::people::{Column, Detail, Filters};
use crate::state::{App, Roster};

/// Widest the detail pane gets beside the table; below `SIDE_BY_SIDE` columns it replaces it.
const DETAIL_W: u16 = 60;
const SIDE_BY_SIDE: u16 = 130;

pub(super) fn kind_label(k: OrgKind) -> &'static str {
    i18n::kind_short(k)
}

pub(super) fn district_label(d: District) -> &'static str {
    L(d.ko(), d.en()).get()
}

fn status_text(s: Option<&AttendanceStatus>) -> (String, Color) {
    match s {
        None => (i18n::NOT_REGISTERED.get().to_string(), Color::DarkGray),
        Some(AttendanceStatus::Expected) => (i18n::EXPECTED.get().to_string(), Color::White),
        Some(AttendanceStatus::Tentative) => (i18n::TENTATIVE.get().to_string(), WARN),
        Some(AttendanceStatus::CheckedIn { at, .. }) => (i18n::arrived_at(&at.hhmm()), GOOD),
        Some(AttendanceStatus::WalkIn { at, .. }) => (i18n::walk_in_at(&at.hhmm()), ACCENT),
        Some(s) => (s.label().get().to_string(), Color::DarkGray),
    }
}

/// Column widths (0 = hidden) for a table `w` columns wide, in `Column::ALL` order.
fn columns(w: usize) -> [usize; 8] {
    let name = 12;
    let kind = if w >= 64 { 8 } else { 0 };
    let district = 4;
    let role = if w >= 100 { 12 } else { 0 };
    let status = 10;
    let count = 7;
    let last = if w >= 76 { 10 } else { 0 };
    let shown = [kind, role, last].iter().filter(|c| **c > 0).count() + 5;
    let fixed = name + kind + district + role + status + count + last + (shown - 1);
    let org = w.saturating_sub(fixed).max(6);
    [name, org, kind, district, role, status, count, last]
}

pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let s = &app.people;
    let [search, filters, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    draw_search(app, f, search);
    draw_filter_line(app, f, filters);
    if s.orgs_view {
        draw_orgs(app, f, body);
        return;
    }
    match &s.detail {
        Some(d) if area.width >= SIDE_BY_SIDE => {
            let dw = DETAIL_W.min(area.width / 2);
            let [table, pane] =
                Layout::horizontal([Constraint::Min(40), Constraint::Length(dw)]).areas(body);
            draw_table(app, f, table);
            draw_detail(app, d, f, pane);
        }
        Some(d) => draw_detail(app, d, f, body),
        None => draw_table(app, f, body),
    }
}

fn draw_search(app: &App, f: &mut Frame, area: Rect) {
    let s = &app.people;
    let label = format!(" {} ▸ ", i18n::SEARCH.get());
    let scope = if s.orgs_view {
        format!("[{}] {} ", i18n::COL_ORG.get(), s.org_rows.len())
    } else {
        let scope = if s.everyone {
            i18n::P_SCOPE_ALL
        } else {
            i18n::P_SCOPE_EVENT
        };
        format!("[{}] {} ", scope.get(), i18n::people_count(s.rows.len()))
    };
    let room = (area.width as usize).saturating_sub(width(&label) + width(&scope) + 1);
    let (shown, caret_x) = window(&s.query, room);
    let query = if s.query.is_empty() {
        Span::styled(
            pad(i18n::SEARCH_HINT.get(), room),
            Style::new().fg(Color::DarkGray),
        )
    } else {
        Span::styled(pad(&shown, room), Style::new().bold())
    };
    let line = Line::from(vec![
        Span::styled(label.clone(), Style::new().fg(ACCENT).bold()),
        query,
        Span::raw(" "),
        Span::styled(scope, Style::new().fg(GOOD).bold()),
    ]);
    f.render_widget(Paragraph::new(line), area);
    if app.modal.is_none() {
        caret(f, area.x + (width(&label) + caret_x) as u16, area.y, area);
    }
}

/// The active filters and sort, always visible.
pub fn filter_summary(f: &Filters) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(s) = f.status {
        parts.push(s.label().get().to_string());
    }
    if let Some(k) = f.kind {
        parts.push(kind_label(k).to_string());
    }
    if let Some(d) = f.district {
        parts.push(district_label(d).to_string());
    }
    if f.first_time {
        parts.push(i18n::P_FIRST_TIMERS.get().to_string());
    }
    if f.missing_contact {
        parts.push(i18n::P_MISSING_CONTACT.get().to_string());
    }
    parts
}

fn draw_filter_line(app: &App, f: &mut Frame, area: Rect) {
    let s = &app.people;
    let mut spans = Vec::new();
    if !s.orgs_view {
        let parts = filter_summary(&s.filters);
        spans.push(Span::styled(
            format!(" {}: ", i18n::P_FILTERS.get()),
            Style::new().fg(Color::Gray),
        ));
        if parts.is_empty() {
            spans.push(Span::styled(
                i18n::P_NO_FILTERS.get(),
                Style::new().fg(Color::DarkGray),
            ));
        } else {
            spans.push(Span::styled(
                parts.join(" · "),
                Style::new().fg(WARN).bold(),
            ));
        }
        spans.push(Span::styled(
            format!(
                "   {}: {} {}",
                i18n::P_SORT.get(),
                s.sort.label().get(),
                if s.descending { "▼" } else { "▲" }
            ),
            Style::new().fg(Color::Gray),
        ));
        if let Some(p) = s.merge_from.and_then(|id| app.data.roster.person(id)) {
            spans.push(Span::styled(
                format!("   {} ← {}", i18n::MERGE_TITLE.get(), p.name),
                Style::new().fg(BAD).bold(),
            ));
        }
        if let Some(o) = s
            .org_merge_from
            .and_then(|id| app.data.roster.orgs.get(&id))
        {
            spans.push(Span::styled(
                format!("   {} ← {}", i18n::MERGE_ORGS_TITLE.get(), o.name),
                Style::new().fg(BAD).bold(),
            ));
        }
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    if width(&text) > area.width as usize {
        f.render_widget(
            Paragraph::new(fit(&text, area.width as usize)).style(Style::new().fg(WARN)),
            area,
        );
    } else {
        f.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}

fn join(w: &[usize], cells: &[String]) -> String {
    let mut out = String::new();
    let mut first = true;
    for (cell, cw) in cells.iter().zip(w) {
        if *cw == 0 {
            continue;
        }
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(&pad(cell, *cw));
    }
    out
}

fn draw_table(app: &App, f: &mut Frame, area: Rect) {
    let s = &app.people;
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let w = columns(area.width as usize);
    let header: Vec<String> = Column::ALL
        .iter()
        .map(|c| {
            let arrow = if *c == s.sort {
                if s.descending { "▼" } else { "▲" }
            } else {
                ""
            };
            format!("{}{arrow}", c.label().get())
        })
        .collect();
    f.render_widget(
        Paragraph::new(join(&w, &header)).style(
            Style::new()
                .fg(Color::Gray)
                .add_modifier(Modifier::UNDERLINED),
        ),
        head,
    );
    if s.rows.is_empty() {
        f.render_widget(
            Paragraph::new(fit(i18n::P_NOBODY.get(), list.width as usize))
                .style(Style::new().fg(WARN)),
            list,
        );
        return;
    }
    let height = list.height as usize;
    let offset = crate::widgets::list::offset(s.selected, height);
    let mut lines = Vec::with_capacity(height);
    // Only the visible rows are drawn.
    for (i, id) in s.rows.iter().enumerate().skip(offset).take(height) {
        let Some(p) = app.data.roster.person(*id) else {
            continue;
        };
        let org = app.data.roster.org_of(p);
        let h = app.data.roster.history.get(id).copied().unwrap_or_default();
        let (status, color) = status_text(app.data.roster.status(*id));
        let first = app.data.roster.is_first_time(*id);
        let base = if i == s.selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let cells: [(String, Style); 8] = [
            (p.name.clone(), base.bold()),
            (org.map(|o| o.name.clone()).unwrap_or_default(), base),
            (
                org.map(|o| kind_label(o.kind)).unwrap_or("").to_string(),
                base.fg(Color::Gray),
            ),
            (
                org.map(|o| district_label(o.district))
                    .unwrap_or("")
                    .to_string(),
                base.fg(Color::Gray),
            ),
            (p.role.clone(), base.fg(Color::Gray)),
            (status, base.fg(color)),
            (
                if first && h.attended == 0 {
                    i18n::FIRST_TIME.get().to_string()
                } else {
                    format!("{:>4}", h.attended)
                },
                if first { base.fg(WARN) } else { base },
            ),
            (
                h.last
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                base.fg(Color::Gray),
            ),
        ];
        let mut spans = Vec::with_capacity(16);
        let mut first_cell = true;
        for ((text, style), cw) in cells.into_iter().zip(w) {
            if cw == 0 {
                continue;
            }
            if !first_cell {
                spans.push(Span::styled(" ", base));
            }
            first_cell = false;
            spans.push(Span::styled(pad(&text, cw), style));
        }
        lines.push(Line::from(spans));
    }
    super::widgets::draw_rows(f.buffer_mut(), list, &lines);
}

fn section(lines: &mut Vec<Line<'static>>, title: &str, n: usize, w: usize) {
    lines.push(Line::default());
    lines.push(Line::styled(
        fit(&format!("— {title} ({n})"), w),
        Style::new().fg(ACCENT).bold(),
    ));
}

fn draw_detail(app: &App, d: &Detail, f: &mut Frame, area: Rect) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(Style::new().fg(Color::DarkGray));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let Some(p) = app.data.roster.person(d.person) else {
        return;
    };
    let r: &Roster = &app.data.roster;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut title = vec![
        Span::styled(fit(&p.name, w), Style::new().bold().fg(ACCENT)),
        Span::styled(
            format!("  {} {}", i18n::D_CODE.get(), p.code),
            Style::new().fg(Color::Gray),
        ),
    ];
    if r.is_first_time(p.id) {
        title.push(Span::styled(
            format!("  {}", i18n::FIRST_TIME.get()),
            Style::new().fg(WARN).bold(),
        ));
    }
    if p.archived {
        title.push(Span::styled(
            format!("  {}", i18n::D_ARCHIVED.get()),
            Style::new().fg(BAD),
        ));
    }
    lines.push(Line::from(title));
    let field = |label: L, value: String| -> Line<'static> {
        let lw = 10;
        Line::from(vec![
            Span::styled(pad(label.get(), lw), Style::new().fg(Color::Gray)),
            Span::raw(fit(&value, w.saturating_sub(lw))),
        ])
    };
    let org = r.org_of(p);
    lines.push(field(
        i18n::COL_ORG,
        org.map(|o| {
            format!(
                "{} · {} · {}",
                o.name,
                kind_label(o.kind),
                district_label(o.district)
            )
        })
        .unwrap_or_default(),
    ));
    lines.push(field(i18n::COL_ROLE, p.role.clone()));
    lines.push(field(i18n::F_PHONE, p.phone.clone()));
    lines.push(field(i18n::F_EMAIL, p.email.clone()));
    if !p.tags.is_empty() {
        lines.push(field(i18n::F_TAGS, p.tags.join(", ")));
    }
    for (i, note) in p.notes.lines().enumerate() {
        let label = if i == 0 { i18n::F_NOTES } else { L("", "") };
        lines.push(field(label, note.to_string()));
    }
    let h = r.history.get(&p.id).copied().unwrap_or_default();
    section(
        &mut lines,
        &format!("{} · {}", i18n::D_HISTORY.get(), i18n::times(h.attended)),
        d.history.len(),
        w,
    );
    for row in &d.history {
        let (status, color) = status_text(Some(&row.status));
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", row.date.format("%Y-%m"))),
            Span::styled(pad(&status, 11), Style::new().fg(color)),
            Span::styled(
                fit(&row.title, w.saturating_sub(20)),
                Style::new().fg(Color::Gray),
            ),
        ]));
    }
    section(&mut lines, i18n::D_NOTES.get(), d.notes.len(), w);
    for n in &d.notes {
        let (kind, color) = match &n.kind {
            NoteKind::Note => (i18n::D_NOTE.get().to_string(), Color::Gray),
            NoteKind::Decision => (i18n::D_DECISION.get().to_string(), GOOD),
            NoteKind::Action { owner, due, done } => {
                let mut k = i18n::D_ACTION.get().to_string();
                if let Owner::Person(id) = owner
                    && let Some(o) = r.person(*id)
                {
                    k.push_str(&format!(" · {}", o.name));
                }
                if let Owner::Org(id) = owner
                    && let Some(o) = r.orgs.get(id)
                {
                    k.push_str(&format!(" · {}", o.name));
                }
                if let Some(d) = due {
                    k.push_str(&format!(" · ~{}", d.format("%m-%d")));
                }
                if *done {
                    k.push_str(&format!(" · {}", i18n::D_DONE.get()));
                }
                (k, if *done { Color::Gray } else { WARN })
            }
        };
        let head = format!("{} [{kind}] ", n.at.local().format("%Y-%m-%d"));
        let hw = width(&head).min(w);
        let text: String = n.text.lines().collect::<Vec<_>>().join(" ");
        lines.push(Line::from(vec![
            Span::styled(fit(&head, w), Style::new().fg(color)),
            Span::raw(fit(&text, w.saturating_sub(hw))),
        ]));
    }
    section(&mut lines, i18n::D_IDEAS.get(), d.ideas.len(), w);
    for idea in &d.ideas {
        lines.push(Line::from(vec![
            Span::styled(
                format!("[{}] ", L(idea.status.ko(), idea.status.en()).get()),
                Style::new().fg(GOOD),
            ),
            Span::raw(fit(&idea.title, w.saturating_sub(12))),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_orgs(app: &App, f: &mut Frame, area: Rect) {
    let s = &app.people;
    let [head, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let total = area.width as usize;
    let (kind, district, people, event) = (8, 4, 5, 12);
    let contact = if total >= 110 { 24 } else { 0 };
    let gaps = 4 + usize::from(contact > 0);
    let name = total
        .saturating_sub(kind + district + people + event + contact + gaps)
        .max(8);
    let w = [name, kind, district, people, event, contact];
    let header = [
        i18n::COL_ORG.get().to_string(),
        i18n::P_COL_KIND.get().to_string(),
        i18n::P_COL_DISTRICT.get().to_string(),
        i18n::P_COL_PEOPLE.get().to_string(),
        i18n::P_COL_THIS_EVENT.get().to_string(),
        i18n::P_COL_CONTACT.get().to_string(),
    ];
    f.render_widget(
        Paragraph::new(join(&w, &header)).style(
            Style::new()
                .fg(Color::Gray)
                .add_modifier(Modifier::UNDERLINED),
        ),
        head,
    );
    if s.org_rows.is_empty() {
        f.render_widget(
            Paragraph::new(i18n::P_NO_ORGS.get()).style(Style::new().fg(WARN)),
            list,
        );
        return;
    }
    let height = list.height as usize;
    let offset = crate::widgets::list::offset(s.org_selected, height);
    let mut lines = Vec::with_capacity(height);
    for (i, id) in s.org_rows.iter().enumerate().skip(offset).take(height) {
        let Some(o) = app.data.roster.orgs.get(id) else {
            continue;
        };
        let (n, registered, arrived) = app.data.roster.org_counts(*id);
        let cells = [
            o.name.clone(),
            kind_label(o.kind).to_string(),
            district_label(o.district).to_string(),
            format!("{n:>4}"),
            format!("{arrived:>3} / {registered}"),
            o.contact.clone(),
        ];
        let style = if i == s.org_selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        lines.push(Line::styled(join(&w, &cells), style));
    }
    super::widgets::draw_rows(f.buffer_mut(), list, &lines);
}
