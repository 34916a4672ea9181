//! Draws the app into a ratatui frame. Reads `&App`, never changes it, never touches the store.

use crate::screens::{events, files};

/// The drawing widgets, under the names the screens' views use.
pub use crate::widgets::paint as widgets;
pub use crate::widgets::paint::{caret, draw_question, event_label, popup};
pub use crate::widgets::{form_drawer as form, search_box, table, theme};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::i18n;
use crate::keymap;
use crate::state::{App, Modal, Screen, Tone};
use widgets::{pad, truncate, width};

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
    draw_status(app, f, status);
    // Generated from the keymap in force, like the F1 help: it cannot drift from the keys.
    // A modal's keys when one is open: the line shows what a key will do now.
    let hint = keymap::footer_within(app.context(), hints.width as usize);
    f.render_widget(Paragraph::new(hint).style(THEME.muted), hints);
    // The screen, with its own form, list or detail over it.
    app.unit(app.screen).draw(f, area, body, &app.show());
    let Some(modal) = &app.modal else {
        return;
    };
    match modal {
        Modal::Help => draw_help(app, f, area),
        Modal::EventPicker(p) => events::view::draw_picker(&app.show(), p, f, area),
        Modal::EventForm(form) => events::view::draw_form(form, f, area),
        Modal::Import(d) => files::view::draw_import(&app.show(), d, f, area),
        Modal::Export(d) => files::view::draw_export(d, f, area),
        Modal::PrintMenu(m) => files::print_view::draw_print_menu(m, f, area),
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

fn draw_header(app: &App, f: &mut Frame, area: Rect) {
    let clock = app.now().local().format("%H:%M").to_string();
    let title = match &app.event {
        Some(e) => event_label(e),
        None => i18n::NO_EVENT.get().to_string(),
    };
    // The link to another desk, when there is one, before the clock; the title gives way.
    let link = app
        .link_words()
        .map(|w| truncate(&w, (area.width as usize / 2).max(10)));
    let link_w = link.as_deref().map_or(0, |w| width(w) + 1);
    let room = (area.width as usize).saturating_sub(width(&clock) + 10 + link_w);
    let mut spans = vec![
        Span::styled(" netday ", THEME.brand),
        Span::raw(" "),
        Span::styled(pad(&title, room), THEME.bold),
        Span::raw(" "),
    ];
    if let Some(w) = link {
        spans.push(Span::styled(w, THEME.count));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(clock, THEME.clock));
    let line = Line::from(spans);
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

/// The help's rows in context `ctx`: each key once, and each thing once, with all its keys
/// ("F2 · Ctrl-N  현장 등록").
pub fn help_entries(ctx: crate::state::Context) -> Vec<(String, &'static str)> {
    let mut entries: Vec<(String, &'static str)> = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    for table in keymap::tables(ctx) {
        for b in table {
            if labels.contains(&b.label) {
                continue;
            }
            labels.push(b.label);
            let desc = b.action.describe().get();
            match entries.iter_mut().find(|(_, d)| *d == desc) {
                Some((l, _)) => {
                    l.push_str(" · ");
                    l.push_str(b.label);
                }
                None => entries.push((b.label.to_string(), desc)),
            }
        }
    }
    // Only the screens with a search box read letters as a search.
    if matches!(
        ctx,
        crate::state::Context::Checkin | crate::state::Context::People
    ) {
        entries.push((
            i18n::TYPE_TO_SEARCH.get().to_string(),
            i18n::SEARCH_HINT.get(),
        ));
    }
    entries
}

fn draw_help(app: &App, f: &mut Frame, area: Rect) {
    // The context under the help overlay is the screen's own.
    let ctx = app.screen_context();
    let entries = help_entries(ctx);
    let entries: Vec<(&str, &str)> = entries.iter().map(|(l, d)| (l.as_str(), *d)).collect();
    let key_w = entries
        .iter()
        .map(|(l, _)| width(l) + 1)
        .max()
        .unwrap_or(12)
        .max(12);
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
            Span::styled(pad(label, key_w), THEME.accent_strong),
            Span::raw(pad(desc, col_w.saturating_sub(key_w))),
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
