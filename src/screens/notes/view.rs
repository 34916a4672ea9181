//! The notes screen: what was said, decided and promised, per agenda item; open action items
//! carried over from earlier networking days on top; the multi-line editor; the owner/due form.

use crate::screens::unit::Show;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::{ActionField, ActionForm, KindFilter, NotesView, OwnerPick};
use crate::i18n::{self, L};
use crate::model::{Note, NoteKind, Owner};
use crate::widgets::THEME;
use crate::widgets::form_drawer::FormDrawer;
use crate::widgets::paint::caret;
use crate::widgets::paint::{pad, truncate, width};

pub fn kind_label(k: &NoteKind) -> L {
    match k {
        NoteKind::Note => i18n::NOTE_KIND_NOTE,
        NoteKind::Decision => i18n::NOTE_KIND_DECISION,
        NoteKind::Action { .. } => i18n::NOTE_KIND_ACTION,
    }
}

fn filter_label(k: KindFilter) -> L {
    match k {
        KindFilter::All => i18n::ALL,
        KindFilter::Note => i18n::NOTE_KIND_NOTE,
        KindFilter::Decision => i18n::NOTE_KIND_DECISION,
        KindFilter::Action => i18n::NOTE_KIND_ACTION,
    }
}

/// "1. title" of an agenda item of the current event, if the note has one.
fn agenda_label(s: &super::NotesState, id: Option<crate::model::Id>) -> String {
    id.and_then(|id| {
        s.agenda
            .iter()
            .position(|i| i.id == id)
            .map(|p| format!("{}. {}", p + 1, s.agenda[p].title))
    })
    .unwrap_or_default()
}

pub fn draw(s: &super::NotesState, v: &Show, f: &mut Frame, area: Rect) {
    let n = &s;
    let editor_h = if n.editor.is_some() {
        (area.height / 2).max(7).min(area.height.saturating_sub(3))
    } else {
        0
    };
    let [head, list, editor] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(editor_h),
    ])
    .areas(area);

    let head_text = match n.view {
        NotesView::OpenActions => i18n::OPEN_ACTIONS_TITLE.get().to_string(),
        NotesView::Event => {
            let agenda = match n.agenda_filter {
                None => i18n::ALL.get().to_string(),
                Some(_) => agenda_label(s, n.agenda_filter),
            };
            i18n::notes_filter(
                &agenda,
                filter_label(n.kind_filter).get(),
                n.rows.len() - n.carried,
            )
        }
    };
    f.render_widget(
        Paragraph::new(truncate(&head_text, head.width as usize)).style(THEME.table_head),
        head,
    );
    draw_list(s, v, f, list);
    if n.editor.is_some() {
        draw_editor(s, v, f, editor);
    }
}

fn draw_list(s: &super::NotesState, v: &Show, f: &mut Frame, area: Rect) {
    let n = &s;
    let w = area.width as usize;
    if n.rows.is_empty() {
        let msg = match n.view {
            NotesView::OpenActions => i18n::NO_OPEN_ACTIONS,
            NotesView::Event => i18n::NO_NOTES,
        };
        f.render_widget(
            Paragraph::new(truncate(msg.get(), w)).style(THEME.warn),
            area,
        );
        return;
    }
    // Lines: section headings between carried-over and this day's rows.
    let mut lines: Vec<(Option<usize>, Line)> = Vec::new();
    let today = v.now().local_date();
    for (i, id) in n.rows.iter().enumerate() {
        if n.view == NotesView::Event && n.carried > 0 {
            if i == 0 {
                lines.push((None, section(i18n::CARRIED_OVER.get(), w)));
            }
            if i == n.carried {
                lines.push((None, section(i18n::TODAY_NOTES.get(), w)));
            }
        }
        let Some(note) = n.note(*id) else { continue };
        let carried = n.view == NotesView::OpenActions || i < n.carried;
        lines.push((
            Some(i),
            note_line(s, v, note, carried, i == n.selected, today, w),
        ));
    }
    let height = area.height as usize;
    let sel_line = lines
        .iter()
        .position(|(i, _)| *i == Some(n.selected))
        .unwrap_or(0);
    let offset = crate::widgets::list::offset(sel_line, height);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|(_, l)| l)
        .collect();
    f.render_widget(Paragraph::new(shown), area);
}

fn section(title: &str, w: usize) -> Line<'static> {
    Line::styled(pad(&format!("── {title} "), w), THEME.accent_strong)
}

fn note_line(
    s: &super::NotesState,
    v: &Show,
    note: &Note,
    carried: bool,
    selected: bool,
    today: chrono::NaiveDate,
    w: usize,
) -> Line<'static> {
    let when = if carried {
        s.dates
            .get(&note.event_id)
            .map(|d| d.format("%m-%d").to_string())
            .unwrap_or_default()
    } else {
        note.at.hhmm()
    };
    let kind = kind_label(&note.kind).get();
    let (mark, extra, kind_style, overdue) = match &note.kind {
        NoteKind::Action { owner, due, done } => {
            let mut parts = Vec::new();
            let who = crate::screens::notes::action_form::owner_name(&v.data.roster, owner);
            if *owner != Owner::Nobody {
                parts.push(format!("{} {who}", i18n::OWNER.get()));
            }
            if let Some(d) = due {
                parts.push(format!("{} {}", i18n::DUE.get(), d.format("%m-%d")));
            }
            let overdue = !done && due.is_some_and(|d| d < today);
            (
                if *done { "[x] " } else { "[ ] " },
                parts.join(" · "),
                THEME.warn,
                overdue,
            )
        }
        NoteKind::Decision => ("", String::new(), THEME.good_strong, false),
        NoteKind::Note => ("", String::new(), THEME.dim, false),
    };
    let first = note.text.lines().next().unwrap_or("");
    let more = if note.text.lines().nth(1).is_some() {
        " …"
    } else {
        ""
    };
    let agenda = if carried {
        String::new()
    } else {
        s.agenda
            .iter()
            .position(|i| Some(i.id) == note.agenda_id)
            .map(|p| format!("({}) ", p + 1))
            .unwrap_or_default()
    };
    let kind_w = 10;
    let extra_w = if extra.is_empty() {
        0
    } else {
        (width(&extra) + 2).min(w / 3)
    };
    let text_w = w.saturating_sub(6 + kind_w + 1 + extra_w);
    let body = format!("{mark}{agenda}{first}{more}");
    let base = THEME.row(selected);
    let extra_style = if overdue {
        base.patch(THEME.error)
    } else {
        base.patch(THEME.dim)
    };
    let mut spans = vec![
        Span::styled(pad(&when, 5), base.patch(THEME.muted)),
        Span::styled(" ", base),
        Span::styled(pad(kind, kind_w), base.patch(kind_style)),
        Span::styled(" ", base),
        Span::styled(pad(&body, text_w), base),
    ];
    if extra_w > 0 {
        spans.push(Span::styled(
            pad(&format!("  {extra}"), extra_w),
            extra_style,
        ));
    }
    Line::from(spans)
}

fn draw_editor(s: &super::NotesState, v: &Show, f: &mut Frame, area: Rect) {
    let Some(ed) = &s.editor else { return };
    let title = format!(
        " {} — {}: {} · {}: {} ",
        if ed.note_id.is_some() {
            i18n::EDIT_NOTE.get()
        } else {
            i18n::NEW_NOTE.get()
        },
        i18n::KIND.get(),
        kind_label(&ed.kind).get(),
        i18n::COL_ITEM.get(),
        match ed.agenda_id {
            Some(_) => agenda_label(s, ed.agenda_id),
            None => i18n::NO_AGENDA_ITEM.get().to_string(),
        }
    );
    let saved = ed
        .draft_saved
        .map(|t| {
            format!(
                " {} ",
                i18n::draft_saved_at(&t.local().format("%H:%M:%S").to_string())
            )
        })
        .unwrap_or_default();
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(THEME.accent)
        .title(Span::styled(
            truncate(&title, (area.width as usize).saturating_sub(4)),
            THEME.bold,
        ))
        .title_bottom(Line::styled(saved, THEME.muted).right_aligned());
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(&ed.textarea, inner);
    if !v.covered {
        // The terminal cursor sits at the caret so the IME composes in place.
        let sc = ed.textarea.screen_cursor();
        let (top, left) = ed.textarea.scroll_offset();
        let row = sc.row.saturating_sub(top as usize);
        let col = sc.col.saturating_sub(left as usize);
        if row < inner.height as usize {
            caret(f, inner.x + col as u16, inner.y + row as u16, inner);
        }
    }
}

pub fn draw_action_form(v: &Show, form: &ActionForm, f: &mut Frame, area: Rect) {
    let focus = |field| form.form.focus == field;
    let mut d = FormDrawer::new();
    d.text(
        i18n::F_OWNER.get(),
        &form.owner.text,
        focus(ActionField::Owner),
    );
    if focus(ActionField::Owner) {
        let label = |c| match c {
            OwnerPick::Person(p) => {
                crate::screens::notes::action_form::owner_name(&v.data.roster, &Owner::Person(p))
            }
            OwnerPick::Org(o) => match v.data.roster.orgs.get(&o) {
                Some(org) => format!("{} · {}", org.name, i18n::kind_short(org.kind)),
                None => String::new(),
            },
        };
        d.lookup(&form.owner, label, i18n::OWNER_AS_WRITTEN.get());
    }
    d.text(i18n::F_DUE.get(), &form.due, focus(ActionField::Due));
    d.draw(
        f,
        area,
        66,
        i18n::ACTION_FORM_TITLE.get(),
        form.form.error.as_deref(),
    );
}
