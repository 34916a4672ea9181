//! The form drawer: a form gives its fields in order (a label and what the field holds, a
//! choice, a lookup's list, a line of its own) and the drawer lays them out in a popup under one
//! label width, then the error line and the keys, with the terminal cursor at the caret.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::paint::{Editable, Shown, form_field, lookup_lines, pad, truncate, width};
use super::theme::THEME;
use crate::keymap;
use crate::widgets::Lookup;

/// Labels take at least this many columns, so that most forms line up with each other.
const LABEL_MIN: usize = 14;

enum Item<'a> {
    Field {
        label: &'a str,
        value: Shown,
        focused: bool,
        /// Typed into: the caret shows while it has the focus.
        typed: bool,
    },
    Choice {
        label: &'a str,
        names: Vec<&'static str>,
        current: Option<usize>,
        focused: bool,
    },
    /// Lines hung under the field above, given the label width and the popup's inner width.
    Below(Box<dyn Fn(usize, usize) -> Vec<Line<'static>> + 'a>),
    Line(Line<'static>),
}

/// A form's fields, in the order they are shown.
#[derive(Default)]
pub struct FormDrawer<'a> {
    items: Vec<Item<'a>>,
}

fn shown(value: &(impl Editable + ?Sized)) -> Shown {
    Shown {
        text: value.text().to_string(),
        caret: value.caret(),
    }
}

impl<'a> FormDrawer<'a> {
    pub fn new() -> FormDrawer<'a> {
        FormDrawer::default()
    }

    /// A field typed into.
    pub fn text(&mut self, label: &'a str, value: &(impl Editable + ?Sized), focused: bool) {
        self.items.push(Item::Field {
            label,
            value: shown(value),
            focused,
            typed: true,
        });
    }

    /// A field shown but changed by other keys (◀ ▶): no caret.
    pub fn shown(&mut self, label: &'a str, value: &(impl Editable + ?Sized), focused: bool) {
        self.items.push(Item::Field {
            label,
            value: shown(value),
            focused,
            typed: false,
        });
    }

    /// A choice: every choice numbered after the label, the current one reversed.
    pub fn choice<T: Copy + PartialEq>(
        &mut self,
        label: &'a str,
        all: &[T],
        current: T,
        name: impl Fn(T) -> &'static str,
        focused: bool,
    ) {
        self.items.push(Item::Choice {
            label,
            names: all.iter().map(|k| name(*k)).collect(),
            current: all.iter().position(|k| *k == current),
            focused,
        });
    }

    /// A lookup's list under the field above it (see `widgets::lookup_lines`).
    pub fn lookup<T: Copy + PartialEq>(
        &mut self,
        lookup: &'a Lookup<T>,
        label: impl Fn(T) -> String + 'a,
        typed: &'a str,
    ) {
        self.items.push(Item::Below(Box::new(move |indent, w| {
            let mut lines = Vec::new();
            lookup_lines(&mut lines, lookup, indent, w, &label, typed);
            lines
        })));
    }

    /// A line of the form's own (a warning, a count).
    pub fn line(&mut self, line: Line<'static>) {
        self.items.push(Item::Line(line));
    }

    /// The label width: the widest label's, at least `LABEL_MIN`, at most half the popup (a
    /// space always follows the label).
    fn label_width(&self, inner_w: usize) -> usize {
        let widest = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Field { label, .. } | Item::Choice { label, .. } => Some(width(label)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        widest.max(LABEL_MIN).min(inner_w / 2)
    }

    /// Draws the form in a popup `w` columns wide (at most the screen's) and as tall as its
    /// lines, with `error` (if any) and the form keys under the fields.
    pub fn draw(self, f: &mut Frame, area: Rect, w: u16, title: &str, error: Option<&str>) {
        let inner_w = w.min(area.width).saturating_sub(2) as usize;
        let label_w = self.label_width(inner_w);
        let value_w = inner_w.saturating_sub(label_w + 1);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut caret_at = None;
        for item in self.items {
            match item {
                Item::Field {
                    label,
                    value,
                    focused,
                    typed,
                } => {
                    let caret = form_field(&mut lines, label, &value, label_w, value_w, focused);
                    if typed && caret.is_some() {
                        caret_at = caret;
                    }
                }
                Item::Choice {
                    label,
                    names,
                    current,
                    focused,
                } => {
                    let label_style = if focused {
                        THEME.label_focused
                    } else {
                        THEME.plain
                    };
                    let mut spans = vec![Span::styled(pad(label, label_w), label_style)];
                    spans.push(Span::raw(" "));
                    for (i, name) in names.iter().enumerate() {
                        let style = if current == Some(i) {
                            THEME.selected.patch(THEME.bold)
                        } else {
                            THEME.dim
                        };
                        spans.push(Span::styled(format!("{}{name}", i + 1), style));
                        spans.push(Span::raw(" "));
                    }
                    lines.push(Line::from(spans));
                }
                Item::Below(below) => lines.extend(below(label_w + 1, inner_w)),
                Item::Line(line) => lines.push(line),
            }
        }
        // The error is wrapped, never cut: it is often the line that says what to do
        // ("이미 있는 번호입니다: … — Enter로 이 사람을 체크인").
        let error: Vec<String> = error
            .map(|e| {
                super::paint::wrap(e, inner_w)
                    .into_iter()
                    .take(ERROR_LINES)
                    .collect()
            })
            .unwrap_or_default();
        // The fields, a blank line, the error lines (at least one) and the keys, in the border.
        let h = (lines.len() + error.len().max(1)) as u16 + 4;
        let inner = super::paint::popup(f, area, w, h, title);
        finish_form(f, inner, lines, &error, caret_at);
    }
}

/// The most lines a form's error is wrapped to.
const ERROR_LINES: usize = 3;

/// Ends a form: a blank line, the error's lines (red) if any, the form keys; draws it all into
/// `inner` and puts the terminal cursor at the caret of the focused field.
fn finish_form(
    f: &mut Frame,
    inner: Rect,
    mut lines: Vec<Line<'_>>,
    error: &[String],
    caret_at: Option<(usize, usize)>,
) {
    // The key line comes from the keymap in force, like the footer and F1.
    let keys = keymap::footer(crate::keymap::Context::Form);
    let w = inner.width as usize;
    lines.push(Line::default());
    if error.is_empty() {
        lines.push(Line::default());
    }
    for e in error {
        lines.push(Line::styled(truncate(e, w), THEME.error));
    }
    lines.push(Line::styled(truncate(&keys, w), THEME.muted));
    f.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = caret_at {
        super::paint::caret(f, inner.x + x as u16, inner.y + y as u16, inner);
    }
}
