//! The People screen: the table, the detail pane, the organisations view and the screen's
//! popups (person / organisation forms, filter menu, confirmations, import, export).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::widgets::{Editable, fit, form_field, lookup_lines, pad, width, window};
use super::{ACCENT, BAD, GOOD, WARN, caret, popup};
use crate::i18n::{self, L};
use crate::io::export::status_label;
use crate::model::{AttendanceStatus, District, NoteKind, OrgKind, Owner};
use crate::state::OrgForm;
use crate::state::people::{Column, Detail, Filters, PeopleConfirm, StatusFilter};
use crate::state::people_form::{OField, PField};
use crate::state::people_io::{ExportDialog, ImportDialog};
use crate::state::{App, PersonForm, Roster};
use crate::widgets::TextField;

/// Widest the detail pane gets beside the table; below `SIDE_BY_SIDE` columns it replaces it.
const DETAIL_W: u16 = 60;
const SIDE_BY_SIDE: u16 = 130;

fn kind_label(k: OrgKind) -> &'static str {
    i18n::kind_short(k)
}

fn district_label(d: District) -> &'static str {
    L(d.ko(), d.en()).get()
}

fn status_text(s: Option<&AttendanceStatus>) -> (String, Color) {
    match s {
        None => (i18n::NOT_REGISTERED.get().to_string(), Color::DarkGray),
        Some(AttendanceStatus::Expected) => (i18n::EXPECTED.get().to_string(), Color::White),
        Some(AttendanceStatus::CheckedIn { at, .. }) => (i18n::arrived_at(&at.hhmm()), GOOD),
        Some(AttendanceStatus::WalkIn { at, .. }) => (i18n::walk_in_at(&at.hhmm()), ACCENT),
        Some(s) => (status_label(s).get().to_string(), Color::DarkGray),
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
        let (n, registered, arrived) = crate::state::people::org_counts(&app.data.roster, *id);
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

/// One labelled text field of a form; returns the caret column when focused.
fn form_line(
    lines: &mut Vec<Line<'static>>,
    label: &str,
    value: &(impl Editable + ?Sized),
    focused: bool,
    value_w: usize,
) -> Option<usize> {
    form_field(lines, label, value, 14, value_w, focused).map(|(x, _)| x)
}

fn choice_line<T: Copy + PartialEq>(
    label: &str,
    all: &[T],
    cur: T,
    name: impl Fn(T) -> &'static str,
    focused: bool,
) -> Line<'static> {
    let mut spans = vec![
        Span::styled(
            pad(label, 14),
            if focused {
                Style::new().fg(ACCENT).bold()
            } else {
                Style::new()
            },
        ),
        Span::raw(" "),
    ];
    for (i, k) in all.iter().enumerate() {
        let style = if *k == cur {
            Style::new().add_modifier(Modifier::REVERSED).bold()
        } else {
            Style::new().fg(Color::Gray)
        };
        spans.push(Span::styled(format!("{}{}", i + 1, name(*k)), style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

pub fn draw_person_form(app: &App, form: &PersonForm, f: &mut Frame, area: Rect) {
    let new_org = form.new_org(&app.data.roster);
    let fields = form.fields(&app.data.roster);
    let list = if form.form.focus == PField::Org {
        form.org.rows()
    } else {
        0
    };
    let h = fields.len() as u16 + 6 + list as u16;
    let title = if form.id.is_some() {
        i18n::P_PERSON_EDIT
    } else {
        i18n::P_PERSON_NEW
    };
    let inner = popup(f, area, 76, h, title.get());
    let value_w = (inner.width as usize).saturating_sub(15);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut caret_at = None;
    for field in fields {
        let focused = form.form.focus == field;
        let (label, value) = match field {
            PField::Name => (i18n::F_NAME, &form.name),
            PField::Org => (i18n::F_ORG, &form.org.text),
            PField::Kind => {
                lines.push(choice_line(
                    i18n::F_KIND.get(),
                    &OrgKind::ALL,
                    form.kind,
                    kind_label,
                    focused,
                ));
                continue;
            }
            PField::Role => (i18n::F_ROLE, &form.role),
            PField::Phone => (i18n::F_PHONE, &form.phone),
            PField::Email => (i18n::F_EMAIL, &form.email),
            PField::Tags => (i18n::F_TAGS, &form.tags),
            PField::Notes => (i18n::F_NOTES, &form.notes),
        };
        let value = value.replace('\n', " ⏎ ");
        if let Some(x) = form_line(&mut lines, label.get(), &value, focused, value_w) {
            caret_at = Some((x, lines.len() - 1));
        }
        if field == PField::Org && focused {
            let label = |id| match app.data.roster.orgs.get(&id) {
                Some(o) => format!("↳ {} · {}", o.name, kind_label(o.kind)),
                None => String::new(),
            };
            let w = inner.width as usize;
            lookup_lines(&mut lines, &form.org, 15, w, label, i18n::NEW_ORG.get());
        }
    }
    // While a suggestion is highlighted, Tab or Enter will take it: no new organisation yet.
    if new_org && form.org.sel.is_none() {
        lines.push(Line::styled(
            format!("“{}” {}", fit(&form.org.text, 30), i18n::NEW_ORG.get()),
            Style::new().fg(WARN),
        ));
    } else {
        lines.push(Line::default());
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

pub fn draw_org_form(form: &OrgForm, f: &mut Frame, area: Rect) {
    let title = if form.id.is_some() {
        i18n::P_ORG_EDIT
    } else {
        i18n::P_ORG_NEW
    };
    let inner = popup(f, area, 76, 9, title.get());
    let value_w = (inner.width as usize).saturating_sub(15);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut caret_at = None;
    for field in OField::ALL {
        let focused = form.form.focus == field;
        match field {
            OField::Name => {
                if let Some(x) = form_line(
                    &mut lines,
                    i18n::F_ORG_NAME.get(),
                    &form.name,
                    focused,
                    value_w,
                ) {
                    caret_at = Some((x, lines.len() - 1));
                }
            }
            OField::Kind => lines.push(choice_line(
                i18n::F_ORG_KIND.get(),
                &OrgKind::ALL,
                form.kind,
                kind_label,
                focused,
            )),
            OField::District => lines.push(choice_line(
                i18n::F_DISTRICT.get(),
                &District::ALL,
                form.district,
                district_label,
                focused,
            )),
            OField::Contact => {
                if let Some(x) = form_line(
                    &mut lines,
                    i18n::F_CONTACT.get(),
                    &form.contact,
                    focused,
                    value_w,
                ) {
                    caret_at = Some((x, lines.len() - 1));
                }
            }
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

pub fn draw_filter_menu(app: &App, row: usize, f: &mut Frame, area: Rect) {
    let flt = &app.people.filters;
    let inner = popup(
        f,
        area,
        72,
        Filters::ROWS as u16 + 5,
        i18n::P_FILTER_TITLE.get(),
    );
    let any = i18n::P_ANY.get();
    let yes_no = |b: bool| {
        if b {
            i18n::P_ON.get()
        } else {
            i18n::P_OFF.get()
        }
    };
    let items: [(&str, String); Filters::ROWS] = [
        (
            i18n::COL_STATUS.get(),
            flt.status
                .map_or(any, |s: StatusFilter| s.label().get())
                .to_string(),
        ),
        (
            i18n::P_COL_KIND.get(),
            flt.kind.map_or(any, kind_label).to_string(),
        ),
        (
            i18n::P_COL_DISTRICT.get(),
            flt.district.map_or(any, district_label).to_string(),
        ),
        (
            i18n::P_FIRST_TIMERS.get(),
            yes_no(flt.first_time).to_string(),
        ),
        (
            i18n::P_MISSING_CONTACT.get(),
            yes_no(flt.missing_contact).to_string(),
        ),
    ];
    let mut lines: Vec<Line> = items
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let style = if i == row {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            Line::styled(format!("{} ◂ {} ▸", pad(label, 22), pad(value, 16)), style)
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            "{}: {}",
            if app.people.everyone {
                i18n::P_SCOPE_ALL.get()
            } else {
                i18n::P_SCOPE_EVENT.get()
            },
            i18n::people_count(app.people.rows.len())
        ),
        Style::new().fg(GOOD).bold(),
    ));
    lines.push(Line::styled(
        fit(i18n::P_FILTER_KEYS.get(), inner.width as usize),
        Style::new().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(lines), inner);
}

pub fn confirm_text(app: &App, what: &PeopleConfirm) -> (&'static str, String) {
    let name = |id| super::who(app, id);
    let (title, body) = match what {
        PeopleConfirm::Archive(id) => {
            (i18n::ARCHIVE_TITLE.get(), i18n::confirm_archive(&name(*id)))
        }
        PeopleConfirm::Merge { keep, dup } => (
            i18n::MERGE_TITLE.get(),
            i18n::confirm_merge(&name(*dup), &name(*keep)),
        ),
        PeopleConfirm::CloseDay { expected } => (
            i18n::CLOSE_DAY_TITLE.get(),
            i18n::confirm_close_day(*expected),
        ),
        PeopleConfirm::UndoCloseDay => (
            i18n::UNDO_CLOSE_TITLE.get(),
            i18n::confirm_undo_close(app.people.close_undo.len()),
        ),
    };
    (title, body)
}

fn path_line(path: &TextField, w: usize) -> (Line<'static>, usize) {
    let mut lines = Vec::new();
    let x = form_line(
        &mut lines,
        i18n::F_PATH.get(),
        path,
        true,
        w.saturating_sub(15),
    )
    .unwrap_or(0);
    (lines.pop().unwrap_or_default(), x)
}

fn field_label(f: crate::io::csv::Field) -> &'static str {
    use crate::io::csv::Field::*;
    match f {
        Name => i18n::COL_NAME,
        Organization => i18n::COL_ORG,
        Role => i18n::COL_ROLE,
        Phone => i18n::F_PHONE,
        Email => i18n::F_EMAIL,
        Kind => i18n::P_COL_KIND,
        District => i18n::P_COL_DISTRICT,
        Code => i18n::COL_CODE,
        Tags => i18n::F_TAGS,
        Notes => i18n::F_NOTES,
        Status => i18n::COL_STATUS,
    }
    .get()
}

pub fn draw_import(d: &ImportDialog, f: &mut Frame, area: Rect) {
    let h = if d.preview.is_some() {
        area.height.saturating_sub(2).max(8)
    } else {
        7
    };
    let inner = popup(f, area, 90, h, i18n::IMPORT_TITLE.get());
    let w = inner.width as usize;
    let (path, x) = path_line(&d.path, w);
    let mut lines = vec![path];
    let gray = Style::new().fg(Color::Gray);
    if let Some(p) = &d.preview {
        let parsed = &p.parsed;
        lines.push(Line::styled(
            fit(
                &format!("{}: {}", i18n::IMPORT_ENCODING.get(), parsed.encoding),
                w,
            ),
            gray,
        ));
        let cols: Vec<String> = parsed
            .columns
            .fields
            .iter()
            .map(|(i, fld)| format!("{}→{}", i + 1, field_label(*fld)))
            .collect();
        lines.push(Line::styled(
            fit(
                &format!("{}: {}", i18n::IMPORT_COLUMNS.get(), cols.join(", ")),
                w,
            ),
            gray,
        ));
        if !parsed.columns.ignored.is_empty() {
            lines.push(Line::styled(
                fit(
                    &format!(
                        "{}: {}",
                        i18n::IMPORT_IGNORED.get(),
                        parsed.columns.ignored.join(", ")
                    ),
                    w,
                ),
                gray,
            ));
        }
        lines.push(Line::styled(
            fit(
                &i18n::import_preview(
                    p.summary.added,
                    p.summary.updated,
                    p.summary.skipped,
                    p.summary.errors,
                    parsed.data_lines,
                ),
                w,
            ),
            Style::new().fg(GOOD).bold(),
        ));
        let room = (inner.height as usize).saturating_sub(lines.len() + 3);
        let err_room = (room / 2).min(parsed.errors.len());
        let row_room = room.saturating_sub(err_room + 2);
        lines.push(Line::styled(
            format!("— {}", i18n::IMPORT_FIRST_ROWS.get()),
            Style::new().fg(ACCENT),
        ));
        for r in parsed.rows.iter().take(row_room) {
            let text = format!(
                "{:>4}  {} {} {} {}",
                r.line,
                pad(&r.name, 12),
                pad(&r.organization, 20),
                pad(&r.phone, 14),
                r.email
            );
            lines.push(Line::raw(fit(&text, w)));
        }
        if !parsed.errors.is_empty() {
            lines.push(Line::styled(
                format!(
                    "— {} ({})",
                    i18n::IMPORT_ROW_ERRORS.get(),
                    parsed.errors.len()
                ),
                Style::new().fg(BAD),
            ));
            for e in parsed.errors.iter().take(err_room) {
                let why = i18n::pick(e.reason.ko(), e.reason.en());
                lines.push(Line::styled(
                    fit(&i18n::row_error(e.line, &why), w),
                    Style::new().fg(BAD),
                ));
            }
        }
    }
    match &d.error {
        Some(e) => lines.push(Line::styled(fit(e, w), Style::new().fg(BAD).bold())),
        None => lines.push(Line::default()),
    }
    let keys = if d.preview.is_some() {
        i18n::IMPORT_KEYS_PREVIEW
    } else {
        i18n::IMPORT_KEYS_PATH
    };
    // Keys on the last line of the popup.
    while lines.len() + 1 < inner.height as usize {
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        fit(keys.get(), w),
        Style::new().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(lines), inner);
    if d.preview.is_none() {
        caret(f, inner.x + x as u16, inner.y, inner);
    }
}

pub fn draw_export(d: &ExportDialog, f: &mut Frame, area: Rect) {
    let inner = popup(f, area, 90, 7, i18n::EXPORT_TITLE.get());
    let w = inner.width as usize;
    let (path, x) = path_line(&d.path, w);
    let mut lines = vec![path, Line::default()];
    match &d.error {
        Some(e) => lines.push(Line::styled(fit(e, w), Style::new().fg(BAD).bold())),
        None => lines.push(Line::default()),
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        fit(i18n::EXPORT_KEYS.get(), w),
        Style::new().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(lines), inner);
    caret(f, inner.x + x as u16, inner.y, inner);
}
