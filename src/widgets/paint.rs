//! Shared drawing helpers: text cut by display width, masked contacts, popups.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::i18n;
use crate::model::Event;

use super::theme::THEME;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use crate::model::text::{pad, truncate, width, wrap};

pub use crate::model::contact::{mask_email, mask_phone};

/// Text a form field shows, and where its caret is (display columns from the start).
pub trait Editable {
    fn text(&self) -> &str;
    fn caret(&self) -> usize;
}

impl Editable for str {
    fn text(&self) -> &str {
        self
    }
    fn caret(&self) -> usize {
        self.width()
    }
}

impl Editable for String {
    fn text(&self) -> &str {
        self
    }
    fn caret(&self) -> usize {
        self.width()
    }
}

impl Editable for crate::widgets::TextField {
    fn text(&self) -> &str {
        self.value()
    }
    fn caret(&self) -> usize {
        self.caret_column()
    }
}

/// Text put together for display (chosen items followed by what is being typed), with the
/// caret where the typing is.
pub struct Shown {
    pub text: String,
    pub caret: usize,
}

impl Shown {
    /// Text shown as it is, the caret after it.
    pub fn plain(text: String) -> Shown {
        Shown {
            caret: text.width(),
            text,
        }
    }

    /// `prefix` (chosen items, already joined) followed by the field being typed.
    pub fn after(prefix: &str, typed: &crate::widgets::TextField) -> Shown {
        Shown {
            text: format!("{prefix}{}", typed.value()),
            caret: prefix.width() + typed.caret_column(),
        }
    }
}

impl Editable for Shown {
    fn text(&self) -> &str {
        &self.text
    }
    fn caret(&self) -> usize {
        self.caret
    }
}

/// One labelled line of a form. The focused field shows the part of its text around the caret
/// and returns where the caret goes (column, line), so the IME composes in place.
pub fn form_field(
    lines: &mut Vec<Line<'static>>,
    label: &str,
    value: &(impl Editable + ?Sized),
    label_w: usize,
    value_w: usize,
    focused: bool,
) -> Option<(usize, usize)> {
    // One column is kept for the caret at the end.
    let (shown, caret) = if focused {
        window(value, value_w.saturating_sub(1))
    } else {
        (truncate(value.text(), value_w.saturating_sub(1)), 0)
    };
    let caret = focused.then(|| (label_w + 1 + caret, lines.len()));
    let (label_style, value_style) = if focused {
        (THEME.label_focused, THEME.value_focused)
    } else {
        (THEME.plain, THEME.plain)
    };
    lines.push(Line::from(vec![
        Span::styled(pad(label, label_w), label_style),
        Span::raw(" "),
        Span::styled(pad(&shown, value_w), value_style),
    ]));
    caret
}

/// The part of a field's text that fits `room` columns with the caret inside it, and the
/// caret's column within that part.
pub fn window(value: &(impl Editable + ?Sized), room: usize) -> (String, usize) {
    let text = value.text();
    let caret = value.caret();
    if text.width() <= room {
        return (truncate(text, room), caret.min(room));
    }
    let skip = caret.saturating_sub(room);
    let (rest, skipped) = skip_columns(text, skip);
    (truncate(rest, room), caret - skipped)
}

/// `s` without its first `n` display columns (a wide character cut in half goes whole), and
/// how many columns went.
fn skip_columns(s: &str, n: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        if used >= n {
            return (&s[i..], used);
        }
        used += c.width().unwrap_or(0);
    }
    ("", used)
}

/// A rectangle of `w`×`h` centred in `area` (shrunk to fit).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    r
}

/// A lookup's list under its field: each hit by `label`, then the entry for the typed text
/// where the field offers one (`typed` says what it does, e.g. "new organisation"). The
/// highlighted row is reversed: Enter or Tab takes it.
pub fn lookup_lines<T: Copy + PartialEq>(
    lines: &mut Vec<Line<'static>>,
    l: &crate::widgets::Lookup<T>,
    indent: usize,
    w: usize,
    label: impl Fn(T) -> String,
    typed: &str,
) {
    let row = |i: usize, text: String| {
        let style = if l.sel == Some(i) {
            THEME.selected
        } else {
            THEME.dim
        };
        Line::styled(pad(&format!("{:indent$}{text}", ""), w), style)
    };
    for (i, h) in l.hits.iter().enumerate() {
        lines.push(row(i, label(*h)));
    }
    if l.offers_typed() {
        let text = format!("+ “{}” {typed}", truncate(l.text.trim(), 24));
        lines.push(row(l.hits.len(), text));
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
pub fn draw_question(f: &mut Frame, area: Rect, title: &str, text: &str, keys: &str) {
    let inner = popup(f, area, 56, 8, title);
    let body = format!("{text}\n\n{keys}");
    let lines: Vec<Line> = wrap(&body, inner.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

/// Puts the terminal cursor at a text caret, so the Korean IME composes in place.
pub fn caret(f: &mut Frame, x: u16, y: u16, area: Rect) {
    let x = x.min(area.right().saturating_sub(1));
    f.set_cursor_position(Position::new(x, y));
}

/// "2026-12-07 (월) 12월 네트워킹데이", and "· 마감" once the day is closed: the header, F5 and
/// every question naming a day say so, so nobody works on a closed day thinking it is open.
pub fn event_label(e: &Event) -> String {
    let closed = if e.status == crate::model::EventStatus::Closed {
        format!(" · {}", i18n::DAY_CLOSED_MARK.get())
    } else {
        String::new()
    };
    format!(
        "{} ({}) {}{closed}",
        e.date.format("%Y-%m-%d"),
        i18n::weekday(e.date),
        e.title
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_phone("010-1234-5678"), "010-****-5678");
        assert_eq!(mask_phone("02-123-4567"), "02-***-4567");
        assert_eq!(mask_email("kiseong@hanul.example"), "k****@hanul.example");
    }
}
