//! Draws the app into a ratatui frame. Reads `&App`, never changes it, never touches the store.

pub mod agenda;
pub mod checkin;
pub mod events;
pub mod form;
pub mod ideas;
pub mod notes;
pub mod people;
pub mod people_dialogs;
pub mod search_box;
pub mod table;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::i18n;
use crate::keymap;
use crate::model::{Event, OrgKind};
use crate::state::{App, CheckinDialog, IdeaDialog, Modal, PeopleDialog, Screen, Tone};
use widgets::{centered, pad, truncate, width};

/// Smallest terminal the layout works in.
pub use crate::state::{MIN_H, MIN_W};

pub use theme::{ACCENT, BAD, GOOD, THEME, WARN};

/// Draws the whole screen in the app's language.
pub fn draw(app: &App, f: &mut Frame) {
    crate::i18n::with_lang(app.lang, || draw_screen(app, f));
}

fn draw_screen(app: &App, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_W || area.height < MIN_H {
        draw_too_small(f, area);
        return;
    }
    let [header, tabs, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(app, f, header);
    draw_tabs(app, f, tabs);
    match app.screen {
        Screen::Checkin => checkin::draw(app, f, body),
        Screen::People => people::draw(app, f, body),
        Screen::Agenda => agenda::draw(app, f, body),
        Screen::Notes => notes::draw(app, f, body),
        Screen::Ideas => ideas::draw(app, f, body),
    }
    draw_status(app, f, status);
    // Generated from the keymap in force, like the F1 help: it cannot drift from the keys.
    // A modal's keys when one is open: the line shows what a key will do now.
    let hint = keymap::footer(app.context());
    f.render_widget(
        Paragraph::new(truncate(&hint, hints.width as usize)).style(THEME.muted),
        hints,
    );
    // The screen's own form, list or detail, over it.
    match app.screen {
        Screen::Checkin => match &app.checkin.dialog {
            Some(CheckinDialog::WalkIn(form)) => {
                people_dialogs::draw_person_form(app, form, f, area)
            }
            Some(CheckinDialog::Missing(m)) => checkin::draw_missing(app, m, f, area),
            None => {}
        },
        Screen::People => match &app.people.dialog {
            Some(PeopleDialog::Person(form)) => {
                people_dialogs::draw_person_form(app, form, f, area)
            }
            Some(PeopleDialog::Org(form)) => people_dialogs::draw_org_form(form, f, area),
            Some(PeopleDialog::Filter { row }) => {
                people_dialogs::draw_filter_menu(app, *row, f, area)
            }
            None => {}
        },
        Screen::Agenda => {
            if let Some(form) = &app.agenda.form {
                agenda::draw_form(form, f, area);
            }
        }
        Screen::Notes => {
            if let Some(form) = &app.notes.action_form {
                notes::draw_action_form(app, form, f, area);
            }
        }
        Screen::Ideas => match &app.ideas.dialog {
            Some(IdeaDialog::Form(form)) => ideas::draw_form(app, form, f, area),
            Some(IdeaDialog::Filter(form)) => ideas::draw_filter(app, form, f, area),
            Some(IdeaDialog::Detail(d)) => ideas::draw_idea_detail(app, d, f, body),
            None => {}
        },
    }
    let Some(modal) = &app.modal else {
        return;
    };
    match modal {
        Modal::Help => draw_help(app, f, area),
        Modal::EventPicker(p) => events::draw_picker(app, p, f, area),
        Modal::EventForm(form) => events::draw_form(form, f, area),
        Modal::Import(d) => people_dialogs::draw_import(app, d, f, area),
        Modal::Export(d) => people_dialogs::draw_export(d, f, area),
        Modal::PrintMenu { row } => people_dialogs::draw_print_menu(*row, f, area),
        // The one confirm: what will happen, and the keys that answer (a question offering
        // a third answer names its keys in its text).
        Modal::Confirm(ask) => {
            let keys = if ask.discard {
                ""
            } else {
                i18n::CONFIRM_KEYS.get()
            };
            draw_question(f, area, &ask.title, &ask.text, keys);
        }
        Modal::OfferDemo => draw_question(
            f,
            area,
            "netday",
            i18n::OFFER_DEMO.get(),
            i18n::OFFER_DEMO_KEYS.get(),
        ),
    }
}

fn draw_too_small(f: &mut Frame, area: Rect) {
    let text = format!(
        "{}\n{}",
        i18n::TOO_SMALL.get(),
        i18n::too_small(area.width, area.height, MIN_W, MIN_H)
    );
    f.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(THEME.warn),
        area,
    );
}

/// A person as a question names them (name, organisation, the last digits of the phone).
pub fn who(app: &App, id: crate::model::Id) -> String {
    crate::screens::people::confirm::who(&app.data.roster, id)
}

pub fn event_label(e: &Event) -> String {
    format!(
        "{} ({}) {}",
        e.date.format("%Y-%m-%d"),
        i18n::weekday(e.date),
        e.title
    )
}

fn draw_header(app: &App, f: &mut Frame, area: Rect) {
    let clock = app.now().local().format("%H:%M").to_string();
    let title = match &app.event {
        Some(e) => event_label(e),
        None => i18n::NO_EVENT.get().to_string(),
    };
    let room = (area.width as usize).saturating_sub(width(&clock) + 10);
    let line = Line::from(vec![
        Span::styled(" netday ", THEME.brand),
        Span::raw(" "),
        Span::styled(pad(&title, room), THEME.bold),
        Span::raw(" "),
        Span::styled(clock, THEME.clock),
    ]);
    f.render_widget(Paragraph::new(line), area);
}

fn draw_tabs(app: &App, f: &mut Frame, area: Rect) {
    // The day's numbers, right-aligned, on every screen (by kind on the check-in screen itself).
    let live = format!("{} ", i18n::day_count(&app.data.roster.count()));
    let tab = |s: &Screen| {
        let label = format!(" {} ", s.title().get());
        let style = if *s == app.screen {
            THEME.tab_active
        } else {
            THEME.tab
        };
        Span::styled(label, style)
    };
    let mut spans = Vec::new();
    for (i, s) in Screen::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(tab(s));
    }
    let mut used: usize = spans.iter().map(|s| width(&s.content)).sum();
    // Too narrow for every tab and the numbers: the numbers win, beside the current tab.
    if used + width(&live) >= area.width as usize {
        spans = vec![tab(&app.screen)];
        used = spans.iter().map(|s| width(&s.content)).sum();
    }
    let gap = (area.width as usize).saturating_sub(used + width(&live));
    if gap > 0 {
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(live, THEME.count));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Arrivals by organisation kind, for the check-in screen.
pub fn by_kind_line(count: &crate::state::Count) -> Line<'static> {
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

fn draw_status(app: &App, f: &mut Frame, area: Rect) {
    if let Some(m) = &app.message {
        let style = match m.tone {
            Tone::Info => THEME.info_message,
            Tone::Good => THEME.good_strong,
            Tone::Warn => THEME.warn_strong,
            Tone::Error => THEME.error,
        };
        f.render_widget(
            Paragraph::new(truncate(&m.text, area.width as usize)).style(style),
            area,
        );
    }
}

/// A bordered popup of `w`×`h` centred in `area`, cleared, with a title; returns its inside.
pub fn popup(f: &mut Frame, area: Rect, w: u16, h: u16, title: &str) -> Rect {
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    // A wide character just left of the popup would spill over its left border.
    if r.x > 0 {
        let buf = f.buffer_mut();
        for y in r.y..r.bottom() {
            if width(buf[(r.x - 1, y)].symbol()) > 1 {
                buf[(r.x - 1, y)].set_symbol(" ");
            }
        }
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(THEME.popup_border)
        .title(Span::styled(
            format!(" {} ", truncate(title, w as usize - 4)),
            THEME.bold,
        ));
    let inner = block.inner(r);
    f.render_widget(block, r);
    inner
}

/// A popup that asks `text` and ends with the line of keys that answer it.
fn draw_question(f: &mut Frame, area: Rect, title: &str, text: &str, keys: &str) {
    let inner = popup(f, area, 56, 8, title);
    let body = format!("{text}\n\n{keys}");
    let lines: Vec<Line> = widgets::wrap(&body, inner.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_help(app: &App, f: &mut Frame, area: Rect) {
    // The context under the help overlay is the screen's own.
    let ctx = app.screen_context();
    let mut entries: Vec<(&str, &str)> = Vec::new();
    for table in keymap::tables(ctx) {
        for b in table {
            if entries.iter().any(|(l, _)| *l == b.label) {
                continue;
            }
            entries.push((b.label, b.action.describe().get()));
        }
    }
    // Only the screens with a search box read letters as a search.
    if matches!(
        ctx,
        crate::state::Context::Checkin | crate::state::Context::People
    ) {
        entries.push((i18n::TYPE_TO_SEARCH.get(), i18n::SEARCH_HINT.get()));
    }
    // Two columns when one does not fit the terminal's height.
    let two = entries.len() + 4 > area.height as usize;
    let col_w: usize = if two {
        (area.width.min(124) as usize).saturating_sub(4) / 2
    } else {
        58
    };
    let per_col = if two {
        entries.len().div_ceil(2)
    } else {
        entries.len()
    };
    let cell = |(label, desc): (&str, &str)| -> [Span<'static>; 2] {
        [
            Span::styled(pad(label, 12), THEME.accent_strong),
            Span::raw(pad(desc, col_w.saturating_sub(12))),
        ]
    };
    let mut lines: Vec<Line> = (0..per_col)
        .map(|i| {
            let mut spans: Vec<Span> = cell(entries[i]).into();
            if let Some(e) = entries.get(i + per_col).filter(|_| two) {
                spans.push(Span::raw("  "));
                spans.extend(cell(*e));
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(i18n::HELP_CLOSE.get(), THEME.muted));
    let h = (lines.len() as u16 + 2).min(area.height);
    let w = if two { col_w as u16 * 2 + 4 } else { 60 };
    let inner = popup(f, area, w, h, i18n::HELP_TITLE.get());
    f.render_widget(Paragraph::new(lines), inner);
}

/// Puts the terminal cursor at a text caret, so the Korean IME composes in place.
pub fn caret(f: &mut Frame, x: u16, y: u16, area: Rect) {
    let x = x.min(area.right().saturating_sub(1));
    f.set_cursor_position(Position::new(x, y));
}

/// Long work under way: a box over the screen with what it is doing and how far it is.
pub fn draw_gauge(f: &mut Frame, what: &str, done: u64, total: u64, hint: Option<&str>) {
    use ratatui::widgets::Gauge;
    let area = f.area();
    let inner = popup(f, area, 60, 5, i18n::WORKING_TITLE.get());
    let ratio = if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    let rows = Layout::vertical([Constraint::Length(1); 3]).split(inner);
    if let Some(hint) = hint {
        f.render_widget(
            Paragraph::new(truncate(hint, inner.width as usize)).style(THEME.muted),
            rows[2],
        );
    }
    f.render_widget(
        Paragraph::new(truncate(
            &i18n::working_on(what, done, total),
            inner.width as usize,
        )),
        rows[0],
    );
    f.render_widget(
        Gauge::default()
            .gauge_style(THEME.accent)
            .ratio(ratio)
            .use_unicode(true),
        rows[1],
    );
}
