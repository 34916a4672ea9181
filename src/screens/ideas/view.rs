//! The collaboration ideas board, its form, filter menu and detail view.

use crate::screens::unit::Show;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::{FilterField, FilterForm, FormField, IdeaDetail, IdeaForm, is_stale};
use crate::i18n;
use crate::model::{Id, Idea, IdeaStatus};
use crate::widgets::THEME;
use crate::widgets::form_drawer::FormDrawer;
use crate::widgets::paint::popup;
use crate::widgets::paint::{Shown, pad, truncate, width};

/// Lines one card takes: title, category · organisations · owner, and a gap.
const CARD_LINES: u16 = 3;

pub fn draw(s: &super::IdeasState, v: &Show, f: &mut Frame, area: Rect) {
    let s = &s;
    let now = v.now();
    let [summary, board] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    f.render_widget(Paragraph::new(summary_line(s, v, summary.width)), summary);

    let columns = s.columns();
    let cells = Layout::horizontal(vec![Constraint::Fill(1); columns.len()]).split(board);
    let board_focused = !v.covered;
    for (c, (status, cell)) in columns.iter().zip(cells.iter()).enumerate() {
        let ideas = s.column(*status, now);
        let selected_col = c == s.col;
        let border = if selected_col {
            THEME.accent
        } else {
            THEME.muted
        };
        let title = format!(" {} {} ", i18n::status_name(*status), ideas.len());
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(border)
            .title(Span::styled(
                truncate(&title, cell.width.saturating_sub(2) as usize),
                if selected_col {
                    THEME.accent_strong
                } else {
                    THEME.bold
                },
            ));
        let inner = block.inner(*cell);
        f.render_widget(block, *cell);
        let w = inner.width as usize;
        if ideas.is_empty() {
            f.render_widget(
                Paragraph::new(pad(i18n::NO_IDEAS_HERE.get(), w)).style(THEME.muted),
                inner,
            );
            continue;
        }
        let cap = (inner.height / CARD_LINES).max(1) as usize;
        let offset = if selected_col {
            crate::widgets::list::offset(s.row, cap)
        } else {
            0
        };
        let mut lines = Vec::new();
        for (r, idea) in ideas.iter().enumerate().skip(offset).take(cap) {
            let sel = selected_col && r == s.row && board_focused;
            lines.extend(card(v, idea, w, sel, now));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// One idea in full, over the board.
pub fn draw_idea_detail(
    s: &super::IdeasState,
    v: &Show,
    d: &IdeaDetail,
    f: &mut Frame,
    area: Rect,
) {
    if let Some(i) = s.idea(d.id) {
        draw_detail(v, i, &d.notes, d.scroll, f, area);
    }
}

fn card(
    v: &Show,
    idea: &Idea,
    w: usize,
    selected: bool,
    now: crate::model::Ts,
) -> [Line<'static>; 3] {
    let base = THEME.row(selected);
    let stale = is_stale(idea, now);
    // Narrow columns (80-column terminals) drop the spaces around the separators.
    let sep = if w < 24 { "·" } else { " · " };
    let mut meta = format!(
        "{}{sep}{}",
        i18n::category_short(idea.category),
        i18n::org_count(idea.org_ids.len())
    );
    if let Some(name) = idea.owner.and_then(|p| v.data.roster.person(p)) {
        meta.push_str(sep);
        meta.push_str(&name.name);
    }
    [
        Line::styled(pad(&idea.title, w), base.patch(THEME.bold)),
        Line::styled(
            pad(&meta, w),
            base.patch(if stale { THEME.warn } else { THEME.dim }),
        ),
        Line::default(),
    ]
}

fn summary_line(s: &super::IdeasState, v: &Show, w: u16) -> Line<'static> {
    let s = &s;
    let counts = s.counts(v.now());
    let mut spans = Vec::new();
    for (i, st) in IdeaStatus::PIPELINE
        .iter()
        .chain([IdeaStatus::Dropped].iter())
        .enumerate()
    {
        if i > 0 {
            spans.push(Span::styled(" · ", THEME.muted));
        }
        let style = if *st == IdeaStatus::Dropped {
            THEME.muted
        } else {
            THEME.plain
        };
        spans.push(Span::styled(
            format!("{} {}", i18n::status_name(*st), counts[*st as usize]),
            style,
        ));
    }
    if s.filter.is_active() {
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let text = format!("  │ {}: {}", i18n::FILTERED.get(), filter_text(s, v));
        spans.push(Span::styled(
            truncate(&text, (w as usize).saturating_sub(used)),
            THEME.warn_strong,
        ));
    }
    Line::from(spans)
}

fn org_name(v: &Show, id: Id) -> String {
    v.data
        .roster
        .orgs
        .get(&id)
        .map(|o| o.name.clone())
        .unwrap_or_default()
}

fn person_label(v: &Show, id: Id) -> String {
    match v.data.roster.person(id) {
        Some(p) => {
            let org = v.data.roster.org_name(p);
            if org.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({org})", p.name)
            }
        }
        None => String::new(),
    }
}

fn filter_text(s: &super::IdeasState, v: &Show) -> String {
    let fl = &s.filter;
    let mut parts = Vec::new();
    if let Some(c) = fl.category {
        parts.push(i18n::category_name(c).to_string());
    }
    if let Some(o) = fl.org {
        parts.push(org_name(v, o));
    }
    if let Some(p) = fl.owner {
        parts.push(format!(
            "{} {}",
            i18n::IDEA_F_OWNER.get(),
            person_label(v, p)
        ));
    }
    if fl.stale {
        parts.push(i18n::STALE.get().to_string());
    }
    if !fl.text.trim().is_empty() {
        parts.push(format!("“{}”", fl.text.trim()));
    }
    parts.join(", ")
}

fn org_label(v: &Show, id: Id) -> String {
    match v.data.roster.orgs.get(&id) {
        Some(o) => format!("{} · {}", o.name, i18n::kind_short(o.kind)),
        None => String::new(),
    }
}

pub fn draw_form(v: &Show, form: &IdeaForm, f: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(80);
    let title = if form.id == 0 {
        i18n::IDEA_NEW_TITLE.get()
    } else {
        i18n::IDEA_EDIT_TITLE.get()
    };
    let focus = |x: FormField| form.form.focus == x;
    let mut d = FormDrawer::new();
    d.text(
        i18n::IDEA_F_TITLE.get(),
        &form.title,
        focus(FormField::Title),
    );
    d.shown(
        i18n::F_CATEGORY.get(),
        &format!("◀ {} ▶", i18n::category_name(form.category)),
        focus(FormField::Category),
    );
    let chosen: Vec<String> = form.org_ids.iter().map(|o| org_name(v, *o)).collect();
    let orgs_text = if !form.orgs.text.is_empty() || focus(FormField::Orgs) {
        let mut prefix = chosen.join(", ");
        if !prefix.is_empty() {
            prefix.push_str(", ");
        }
        Shown::after(&prefix, &form.orgs.text)
    } else {
        Shown::plain(chosen.join(", "))
    };
    d.text(i18n::F_ORGS.get(), &orgs_text, focus(FormField::Orgs));
    if focus(FormField::Orgs) {
        d.lookup(&form.orgs, |id| org_label(v, id), "");
    }
    let owner_text = if !form.owner_lookup.text.is_empty() {
        Shown::after("", &form.owner_lookup.text)
    } else {
        Shown::plain(form.owner.map(|p| person_label(v, p)).unwrap_or_default())
    };
    d.text(
        i18n::IDEA_F_OWNER.get(),
        &owner_text,
        focus(FormField::Owner),
    );
    if focus(FormField::Owner) {
        d.lookup(&form.owner_lookup, |id| person_label(v, id), "");
    }
    d.text(
        i18n::F_NEXT_STEP.get(),
        &form.next_step,
        focus(FormField::NextStep),
    );
    d.text(i18n::IDEA_F_DUE.get(), &form.due, focus(FormField::Due));
    d.text(
        i18n::F_DESCRIPTION.get(),
        &form.description.replace('\n', " ⏎ "),
        focus(FormField::Description),
    );
    if !form.note_ids.is_empty() {
        d.line(Line::styled(
            i18n::linked_count(form.note_ids.len()),
            THEME.accent,
        ));
    }
    d.draw(f, area, w, title, form.form.error.as_deref());
}

pub fn draw_filter(v: &Show, form: &FilterForm, f: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(70);
    let fl = &form.filter;
    let focus = |x: FilterField| form.form.focus == x;
    let mut d = FormDrawer::new();
    let cat = fl
        .category
        .map_or(i18n::ALL.get(), i18n::category_name)
        .to_string();
    d.shown(
        i18n::F_CATEGORY.get(),
        &format!("◀ {cat} ▶"),
        focus(FilterField::Category),
    );
    // A field that holds a choice shows it; typing replaces it.
    let org_typed = fl.org.is_none() || !form.org.text.is_empty();
    let org = if !form.org.text.is_empty() || focus(FilterField::Org) && fl.org.is_none() {
        Shown::after("", &form.org.text)
    } else {
        Shown::plain(
            fl.org
                .map_or(i18n::ALL.get().to_string(), |o| org_name(v, o)),
        )
    };
    if org_typed {
        d.text(i18n::F_ORG.get(), &org, focus(FilterField::Org));
    } else {
        d.shown(i18n::F_ORG.get(), &org, focus(FilterField::Org));
    }
    if focus(FilterField::Org) {
        d.lookup(&form.org, |id| org_label(v, id), "");
    }
    let owner_typed = fl.owner.is_none() || !form.owner.text.is_empty();
    let owner = if !form.owner.text.is_empty() || focus(FilterField::Owner) && fl.owner.is_none() {
        Shown::after("", &form.owner.text)
    } else {
        Shown::plain(
            fl.owner
                .map_or(i18n::ALL.get().to_string(), |p| person_label(v, p)),
        )
    };
    if owner_typed {
        d.text(i18n::IDEA_F_OWNER.get(), &owner, focus(FilterField::Owner));
    } else {
        d.shown(i18n::IDEA_F_OWNER.get(), &owner, focus(FilterField::Owner));
    }
    if focus(FilterField::Owner) {
        d.lookup(&form.owner, |id| person_label(v, id), "");
    }
    let stale = if fl.stale { i18n::ON } else { i18n::OFF };
    d.shown(
        i18n::F_STALE.get(),
        &format!("◀ {} ▶", stale.get()),
        focus(FilterField::Stale),
    );
    d.text(i18n::F_TEXT.get(), &fl.text, focus(FilterField::Text));
    d.draw(
        f,
        area,
        w,
        i18n::IDEA_FILTER_TITLE.get(),
        form.form.error.as_deref(),
    );
}

fn draw_detail(
    v: &Show,
    idea: &Idea,
    notes: &[crate::model::Note],
    scroll: u16,
    f: &mut Frame,
    area: Rect,
) {
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(2);
    let inner = popup(f, area, w, h, &idea.title);
    let [body, keys] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let label = |l: &str| Span::styled(pad(l, 12), THEME.accent_strong);
    let row = |l: &str, v: String| Line::from(vec![label(l), Span::raw(" "), Span::raw(v)]);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let now = v.now();
    let mut status = i18n::status_name(idea.status).to_string();
    if is_stale(idea, now) {
        status.push_str(&format!(" · {}", i18n::STALE.get()));
    }
    lines.push(row(i18n::F_STATUS.get(), status));
    lines.push(row(
        i18n::F_CATEGORY.get(),
        i18n::category_name(idea.category).to_string(),
    ));
    let orgs: Vec<String> = idea.org_ids.iter().map(|o| org_name(v, *o)).collect();
    lines.push(row(i18n::F_ORGS.get(), orgs.join(", ")));
    lines.push(row(
        i18n::IDEA_F_OWNER.get(),
        idea.owner.map(|p| person_label(v, p)).unwrap_or_default(),
    ));
    let due = idea
        .next_due
        .map(|d| format!(" ({} {})", i18n::IDEA_F_DUE.get(), d.format("%Y-%m-%d")))
        .unwrap_or_default();
    lines.push(row(
        i18n::F_NEXT_STEP.get(),
        format!("{}{due}", idea.next_step),
    ));
    lines.push(row(
        i18n::F_CREATED.get(),
        idea.created.local().format("%Y-%m-%d").to_string(),
    ));
    lines.push(row(
        i18n::F_UPDATED.get(),
        idea.updated.local().format("%Y-%m-%d %H:%M").to_string(),
    ));
    if !idea.description.is_empty() {
        lines.push(Line::default());
        for l in idea.description.lines() {
            lines.push(Line::raw(truncate(l, 10_000)));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(i18n::HISTORY.get(), THEME.bold));
    if idea.history.is_empty() {
        lines.push(Line::styled(
            format!("  {}", i18n::NO_HISTORY.get()),
            THEME.muted,
        ));
    }
    for m in &idea.history {
        lines.push(Line::raw(format!(
            "  {}  {} → {}",
            m.at.local().format("%Y-%m-%d"),
            i18n::status_name(m.from),
            i18n::status_name(m.to)
        )));
    }
    lines.push(Line::default());
    lines.push(Line::styled(i18n::LINKED_NOTES.get(), THEME.bold));
    if notes.is_empty() {
        lines.push(Line::styled(
            format!("  {}", i18n::IDEA_NO_NOTES.get()),
            THEME.muted,
        ));
    }
    for n in notes {
        let event = v
            .events
            .iter()
            .find(|e| e.id == n.event_id)
            .map(|e| e.date.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        lines.push(Line::styled(
            format!("  {event} {}", n.at.hhmm()),
            THEME.dim,
        ));
        for l in n.text.lines() {
            lines.push(Line::raw(format!("    {}", truncate(l, 10_000))));
        }
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        body,
    );
    f.render_widget(
        Paragraph::new(truncate(i18n::IDEA_DETAIL_KEYS.get(), keys.width as usize))
            .style(THEME.muted),
        keys,
    );
}
