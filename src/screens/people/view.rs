//! The People screen: the table, the detail pane and the organisations view. Its popups are in
//! `people_dialogs`.

use crate::screens::unit::Show;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Column, Detail, Filters};
use crate::data::Roster;
use crate::i18n::{self, L};
use crate::model::{District, NoteKind, OrgKind, Owner};
use crate::widgets::paint::{pad, truncate, width};
use crate::widgets::search_box;
use crate::widgets::table::{Col, Row, Table};
use crate::widgets::theme::{THEME, attendance};

/// Widest the detail pane gets beside the table; below `SIDE_BY_SIDE` columns it replaces it.
const DETAIL_W: u16 = 60;
const SIDE_BY_SIDE: u16 = 130;

pub(super) fn kind_label(k: OrgKind) -> &'static str {
    i18n::kind_short(k)
}

pub(super) fn district_label(d: District) -> &'static str {
    L(d.ko(), d.en()).get()
}

/// The columns in `Column::ALL` order: name, organisation, kind, district, role, status,
/// times attended, last attended.
const COLUMNS: [Col; 8] = [
    Col::fixed(12),
    Col::grow(6, 1),
    Col::fixed(8).hide_below(64),
    Col::fixed(4),
    Col::fixed(12).hide_below(100),
    Col::fixed(10),
    Col::fixed(7),
    Col::fixed(10).hide_below(76),
];

pub fn draw(s: &super::PeopleState, v: &Show, f: &mut Frame, area: Rect) {
    let s = &s;
    let [search, filters, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    draw_search(s, v, f, search);
    draw_filter_line(s, v, f, filters);
    if s.orgs_view {
        draw_orgs(s, v, f, body);
        return;
    }
    match &s.detail {
        Some(d) if area.width >= SIDE_BY_SIDE => {
            let dw = DETAIL_W.min(area.width / 2);
            let [table, pane] =
                Layout::horizontal([Constraint::Min(40), Constraint::Length(dw)]).areas(body);
            draw_table(s, v, f, table);
            draw_detail(v, d, f, pane);
        }
        Some(d) => draw_detail(v, d, f, body),
        None => draw_table(s, v, f, body),
    }
}

fn draw_search(s: &super::PeopleState, v: &Show, f: &mut Frame, area: Rect) {
    let s = &s;
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
    let found = Span::styled(scope, THEME.good_strong);
    search_box::draw(f, area, &s.query, found, !v.covered);
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

fn draw_filter_line(s: &super::PeopleState, v: &Show, f: &mut Frame, area: Rect) {
    let s = &s;
    let mut spans = Vec::new();
    if !s.orgs_view {
        let parts = filter_summary(&s.filters);
        spans.push(Span::styled(
            format!(" {}: ", i18n::P_FILTERS.get()),
            THEME.dim,
        ));
        if parts.is_empty() {
            spans.push(Span::styled(i18n::P_NO_FILTERS.get(), THEME.muted));
        } else {
            spans.push(Span::styled(parts.join(" · "), THEME.warn_strong));
        }
        spans.push(Span::styled(
            format!(
                "   {}: {} {}",
                i18n::P_SORT.get(),
                s.sort.label().get(),
                if s.descending { "▼" } else { "▲" }
            ),
            THEME.dim,
        ));
        if let Some(p) = s.merge_from.and_then(|id| v.data.roster.person(id)) {
            spans.push(Span::styled(
                format!("   {} ← {}", i18n::MERGE_TITLE.get(), p.name),
                THEME.error,
            ));
        }
        if let Some(o) = s.org_merge_from.and_then(|id| v.data.roster.orgs.get(&id)) {
            spans.push(Span::styled(
                format!("   {} ← {}", i18n::MERGE_ORGS_TITLE.get(), o.name),
                THEME.error,
            ));
        }
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    if width(&text) > area.width as usize {
        f.render_widget(
            Paragraph::new(truncate(&text, area.width as usize)).style(THEME.warn),
            area,
        );
    } else {
        f.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}

fn draw_table(s: &super::PeopleState, v: &Show, f: &mut Frame, area: Rect) {
    let s = &s;
    let titles: Vec<String> = Column::ALL
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
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let table = Table {
        cols: &COLUMNS,
        titles: &titles,
        len: s.rows.len(),
        selected: s.selected,
        empty: i18n::P_NOBODY.get(),
    };
    let r = &v.data.roster;
    table.draw(f, area, |i, _| {
        let id = s.rows[i];
        let p = r.person(id)?;
        let org = r.org_of(p);
        let h = r.history.get(&id).copied().unwrap_or_default();
        let (status, status_style) = match archived_status(r, p) {
            Some(text) => (text, THEME.bad),
            None => attendance(r.status(id)),
        };
        let first = r.is_first_time(id);
        let times = if first && h.attended == 0 {
            i18n::FIRST_TIME.get().to_string()
        } else {
            format!("{:>4}", h.attended)
        };
        let last = h
            .last
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        Some(
            Row::new(THEME.plain)
                .styled(p.name.as_str(), THEME.bold)
                .cell(org.map_or("", |o| o.name.as_str()))
                .styled(org.map_or("", |o| kind_label(o.kind)), THEME.dim)
                .styled(org.map_or("", |o| district_label(o.district)), THEME.dim)
                .styled(p.role.as_str(), THEME.dim)
                .styled(status, status_style)
                .styled(times, if first { THEME.warn } else { THEME.plain })
                .styled(last, THEME.dim),
        )
    });
}

/// What the status column says of an archived person: whom they were merged into, or 보관.
fn archived_status(r: &Roster, p: &crate::model::Person) -> Option<String> {
    if !p.archived {
        return None;
    }
    Some(match r.merged_into.get(&p.id) {
        Some(keep) => i18n::merged_into_short(&r.person_label(*keep)),
        None => i18n::P_ARCHIVED_FILTER.get().to_string(),
    })
}

fn section(lines: &mut Vec<Line<'static>>, title: &str, n: usize, w: usize) {
    lines.push(Line::default());
    lines.push(Line::styled(
        truncate(&format!("— {title} ({n})"), w),
        THEME.accent_strong,
    ));
}

fn draw_detail(v: &Show, d: &Detail, f: &mut Frame, area: Rect) {
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(THEME.muted);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let Some(p) = v.data.roster.person(d.person) else {
        return;
    };
    let r: &Roster = &v.data.roster;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut title = vec![
        Span::styled(truncate(&p.name, w), THEME.accent_strong),
        Span::styled(format!("  {} {}", i18n::D_CODE.get(), p.code), THEME.dim),
    ];
    if r.is_first_time(p.id) {
        title.push(Span::styled(
            format!("  {}", i18n::FIRST_TIME.get()),
            THEME.warn_strong,
        ));
    }
    if p.archived {
        title.push(Span::styled(
            format!("  {}", i18n::D_ARCHIVED.get()),
            THEME.bad,
        ));
    }
    lines.push(Line::from(title));
    if let Some(keep) = r.merged_into.get(&p.id) {
        let name = r.person_label(*keep);
        let who = super::confirm::who(r, *keep);
        let details = who
            .strip_prefix(name.as_str())
            .map_or("", |d| d.trim_start_matches(" · "));
        lines.push(Line::styled(
            truncate(&i18n::merged_into(&name, details), w),
            THEME.bad,
        ));
    }
    let field = |label: L, value: String| -> Line<'static> {
        let lw = 10;
        Line::from(vec![
            Span::styled(pad(label.get(), lw), THEME.dim),
            Span::raw(truncate(&value, w.saturating_sub(lw))),
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
    lines.push(field(
        i18n::CONSENT_SHORT,
        i18n::consent_line(d.consent.as_ref()),
    ));
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
        let (status, status_style) = attendance(Some(&row.status));
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", row.date.format("%Y-%m"))),
            Span::styled(pad(&status, 11), status_style),
            Span::styled(truncate(&row.title, w.saturating_sub(20)), THEME.dim),
        ]));
    }
    section(&mut lines, i18n::D_NOTES.get(), d.notes.len(), w);
    for n in &d.notes {
        let (kind, kind_style) = match &n.kind {
            NoteKind::Note => (i18n::D_NOTE.get().to_string(), THEME.dim),
            NoteKind::Decision => (i18n::D_DECISION.get().to_string(), THEME.good),
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
                (k, if *done { THEME.dim } else { THEME.warn })
            }
        };
        let head = format!("{} [{kind}] ", n.at.local().format("%Y-%m-%d"));
        let hw = width(&head).min(w);
        let text: String = n.text.lines().collect::<Vec<_>>().join(" ");
        lines.push(Line::from(vec![
            Span::styled(truncate(&head, w), kind_style),
            Span::raw(truncate(&text, w.saturating_sub(hw))),
        ]));
    }
    section(&mut lines, i18n::D_IDEAS.get(), d.ideas.len(), w);
    for idea in &d.ideas {
        lines.push(Line::from(vec![
            Span::styled(
                format!("[{}] ", L(idea.status.ko(), idea.status.en()).get()),
                THEME.good,
            ),
            Span::raw(truncate(&idea.title, w.saturating_sub(12))),
        ]));
    }
    section(&mut lines, i18n::PERSON_CHANGES.get(), d.changes.len(), w);
    for c in &d.changes {
        let head = format!("{} {} · ", c.when(), c.kind);
        let hw = width(&head).min(w);
        lines.push(Line::from(vec![
            Span::styled(truncate(&head, w), THEME.dim),
            Span::raw(truncate(
                &format!("{} · #{}", c.desk, c.id),
                w.saturating_sub(hw),
            )),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// Name, kind, district, people, this networking day, contact.
const ORG_COLUMNS: [Col; 6] = [
    Col::grow(8, 1),
    Col::fixed(8),
    Col::fixed(4),
    Col::fixed(5),
    Col::fixed(12),
    Col::fixed(24).hide_below(110),
];

fn draw_orgs(s: &super::PeopleState, v: &Show, f: &mut Frame, area: Rect) {
    let s = &s;
    let table = Table {
        cols: &ORG_COLUMNS,
        titles: &[
            i18n::COL_ORG.get(),
            i18n::P_COL_KIND.get(),
            i18n::P_COL_DISTRICT.get(),
            i18n::P_COL_PEOPLE.get(),
            i18n::P_COL_THIS_EVENT.get(),
            i18n::P_COL_CONTACT.get(),
        ],
        len: s.org_rows.len(),
        selected: s.org_selected,
        empty: i18n::P_NO_ORGS.get(),
    };
    table.draw(f, area, |i, _| {
        let id = s.org_rows[i];
        let o = v.data.roster.orgs.get(&id)?;
        let (n, registered, arrived) = v.data.roster.org_counts(id);
        Some(
            Row::new(THEME.plain)
                .cell(o.name.as_str())
                .cell(kind_label(o.kind))
                .cell(district_label(o.district))
                .cell(format!("{n:>4}"))
                .cell(format!("{arrived:>3} / {registered}"))
                .cell(o.contact.as_str()),
        )
    });
}
