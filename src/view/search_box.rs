//! The search line of the check-in and People screens: "검색 ▸", what is typed (or the hint
//! while nothing is), and on the right what the search found.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::THEME;
use super::widgets::{Editable, pad, width, window};
use crate::i18n;

/// Draws the search line into `area` with `found` at its right end; with `caret`, the terminal
/// cursor goes to the typing point so the IME composes there.
pub fn draw(
    f: &mut Frame,
    area: Rect,
    query: &(impl Editable + ?Sized),
    found: Span<'_>,
    caret: bool,
) {
    let label = format!(" {} ▸ ", i18n::SEARCH.get());
    let room = (area.width as usize).saturating_sub(width(&label) + width(&found.content) + 1);
    let (shown, caret_x) = window(query, room);
    let typed = if query.text().is_empty() {
        Span::styled(pad(i18n::SEARCH_HINT.get(), room), THEME.muted)
    } else {
        Span::styled(pad(&shown, room), THEME.bold)
    };
    let line = Line::from(vec![
        Span::styled(label.as_str(), THEME.accent_strong),
        typed,
        Span::raw(" "),
        found,
    ]);
    f.render_widget(Paragraph::new(line), area);
    if caret {
        super::caret(f, area.x + (width(&label) + caret_x) as u16, area.y, area);
    }
}
