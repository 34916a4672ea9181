//! How the print menu is drawn: the sheets, then the chosen sheet's options.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::print::{KINDS, PrintMenu, PrintOptions};
use crate::i18n;
use crate::io::print::{Setting, Sort, default_sort};
use crate::keymap::{Context, footer};
use crate::widgets::THEME;
use crate::widgets::paint::{pad, popup, truncate};

/// Ctrl-P: what to print, one row per document with what it is for; once one is chosen, its
/// options.
pub fn draw_print_menu(menu: &PrintMenu, f: &mut Frame, area: Rect) {
    match &menu.options {
        Some(step) => draw_options(step, f, area),
        None => draw_kinds(menu.row, f, area),
    }
}

fn draw_kinds(row: usize, f: &mut Frame, area: Rect) {
    let inner = popup(
        f,
        area,
        72,
        KINDS.len() as u16 * 2 + 3,
        i18n::PRINT_MENU_TITLE.get(),
    );
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for (i, kind) in KINDS.iter().enumerate() {
        let (name, what) = i18n::print_kind(*kind);
        let style = if i == row { THEME.selected } else { THEME.bold };
        lines.push(Line::styled(
            truncate(&format!(" {}. {}", i + 1, name.get()), w),
            style,
        ));
        lines.push(Line::styled(
            truncate(&format!("    {}", what.get()), w),
            THEME.dim,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        truncate(&footer(Context::PrintMenu), w),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
}

fn sort_name(s: Sort) -> &'static str {
    match s {
        Sort::Org => i18n::PRINT_SORT_ORG,
        Sort::Name => i18n::PRINT_SORT_NAME,
        Sort::Arrival => i18n::PRINT_SORT_ARRIVAL,
    }
    .get()
}

/// A setting's name, its value as chosen, and what it is for.
fn setting_line(step: &PrintOptions, s: Setting) -> (&'static str, String, &'static str) {
    let o = &step.chosen;
    match s {
        Setting::Sort => (
            i18n::PRINT_SETTING_SORT.get(),
            sort_name(o.sort.unwrap_or(default_sort(step.kind))).to_string(),
            i18n::PRINT_ABOUT_SORT.get(),
        ),
        Setting::Contact => (
            i18n::PRINT_SETTING_CONTACT.get(),
            if o.contact {
                i18n::PRINT_CONTACT_ON
            } else {
                i18n::PRINT_CONTACT_OFF
            }
            .get()
            .to_string(),
            i18n::PRINT_ABOUT_CONTACT.get(),
        ),
        Setting::Blank => (
            i18n::PRINT_SETTING_BLANK.get(),
            i18n::print_blank_rows(o.blank),
            i18n::PRINT_ABOUT_BLANK.get(),
        ),
    }
}

/// The chosen sheet, one line per option with its value between ◀ ▶, and what the highlighted
/// one is for (the keys are on the footer line).
fn draw_options(step: &PrintOptions, f: &mut Frame, area: Rect) {
    let settings = step.settings();
    let (name, what) = i18n::print_kind(step.kind);
    let title = format!("{} · {}", i18n::PRINT_OPTIONS_TITLE.get(), name.get());
    let inner = popup(f, area, 72, settings.len() as u16 + 6, &title);
    let w = inner.width as usize;
    let mut lines = vec![
        Line::styled(truncate(&format!(" {}", what.get()), w), THEME.dim),
        Line::default(),
    ];
    let mut about = "";
    for (i, s) in settings.iter().enumerate() {
        let (label, value, what) = setting_line(step, *s);
        let chosen = i == step.row;
        if chosen {
            about = what;
        }
        let marker = if chosen { "▸ " } else { "  " };
        let style = if chosen { THEME.selected } else { THEME.bold };
        lines.push(Line::from(vec![
            Span::styled(format!(" {marker}{}", pad(label, 12)), style),
            Span::styled(
                truncate(&format!("◀ {value} ▶"), w.saturating_sub(16)),
                style,
            ),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(truncate(&format!("   {about}"), w), THEME.dim));
    f.render_widget(Paragraph::new(lines), inner);
}
