//! Every style the screens use, by what it means. The palette is the terminal's own 16 colours
//! (no RGB, no fixed background), so the user's dark or light scheme decides the shades and
//! the text stays readable on both.

use ratatui::style::{Color, Modifier, Style};

use crate::i18n;
use crate::model::AttendanceStatus;

pub const ACCENT: Color = Color::Cyan;
pub const GOOD: Color = Color::Green;
pub const WARN: Color = Color::Yellow;
pub const BAD: Color = Color::Red;

const BOLD: Modifier = Modifier::BOLD;
const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

pub struct Theme {
    /// Text as the terminal draws it.
    pub plain: Style,
    pub bold: Style,
    /// Secondary text: roles, contacts, labels of a detail.
    pub dim: Style,
    /// What is there only to help: key hints, placeholders, empty columns.
    pub muted: Style,
    /// A table's column titles.
    pub table_head: Style,
    /// The row the arrow keys are on.
    pub selected: Style,
    /// The program's name in the top line.
    pub brand: Style,
    pub clock: Style,
    pub tab: Style,
    pub tab_active: Style,
    /// The day's numbers in the tab line.
    pub count: Style,
    pub accent: Style,
    pub accent_strong: Style,
    pub good: Style,
    pub good_strong: Style,
    pub warn: Style,
    pub warn_strong: Style,
    pub bad: Style,
    /// An error said in a form or the status line.
    pub error: Style,
    pub info_message: Style,
    pub popup_border: Style,
    /// A form field's label while the field has the focus, and its value.
    pub label_focused: Style,
    pub value_focused: Style,
    /// The agenda item running by the clock.
    pub now_running: Style,
}

pub const THEME: Theme = Theme {
    plain: Style::new(),
    bold: Style::new().add_modifier(BOLD),
    dim: fg(Color::Gray),
    muted: fg(Color::DarkGray),
    table_head: fg(Color::Gray).add_modifier(Modifier::UNDERLINED),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    brand: Style::new().bg(ACCENT).fg(Color::Black).add_modifier(BOLD),
    clock: fg(ACCENT),
    tab: fg(Color::Gray),
    tab_active: fg(Color::Black).bg(Color::White).add_modifier(BOLD),
    count: fg(GOOD).add_modifier(BOLD),
    accent: fg(ACCENT),
    accent_strong: fg(ACCENT).add_modifier(BOLD),
    good: fg(GOOD),
    good_strong: fg(GOOD).add_modifier(BOLD),
    warn: fg(WARN),
    warn_strong: fg(WARN).add_modifier(BOLD),
    bad: fg(BAD),
    error: fg(BAD).add_modifier(BOLD),
    // The terminal's own foreground, not white: white vanishes on a light background.
    info_message: Style::new().add_modifier(BOLD),
    popup_border: fg(ACCENT),
    label_focused: fg(ACCENT).add_modifier(BOLD),
    value_focused: Style::new().add_modifier(Modifier::UNDERLINED),
    now_running: fg(Color::Black).bg(ACCENT).add_modifier(BOLD),
};

impl Theme {
    /// The row style for a row that is or is not the selected one.
    pub fn row(&self, selected: bool) -> Style {
        if selected { self.selected } else { self.plain }
    }
}

/// A person's attendance as every screen shows it: its words (with the time of arrival) and
/// its colour. `None` is someone not registered for the networking day.
pub fn attendance(s: Option<&AttendanceStatus>) -> (String, Style) {
    let muted = THEME.muted;
    match s {
        None => (i18n::NOT_REGISTERED.get().to_string(), muted),
        Some(AttendanceStatus::Expected) => (i18n::EXPECTED.get().to_string(), THEME.plain),
        Some(AttendanceStatus::Tentative) => (i18n::TENTATIVE.get().to_string(), THEME.warn),
        Some(AttendanceStatus::CheckedIn { at, .. }) => (i18n::arrived_at(&at.hhmm()), THEME.good),
        Some(AttendanceStatus::WalkIn { at, .. }) => (i18n::walk_in_at(&at.hhmm()), THEME.accent),
        Some(s @ (AttendanceStatus::Cancelled | AttendanceStatus::NoShow)) => {
            (s.label().get().to_string(), muted)
        }
    }
}
