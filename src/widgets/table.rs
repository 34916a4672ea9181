//! One table for every screen: columns given as specs (minimum width, growth share, the width
//! below which a column is left out), a title row, and the visible rows written cell by cell at
//! their columns, so wide Hangul lines up whatever the terminal's width.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use super::paint::truncate;
use super::theme::THEME;

/// How one column takes its width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Col {
    /// Columns it always gets.
    pub min: usize,
    /// Its share of the room left after every minimum (0: never grows).
    pub grow: usize,
    /// Most columns it takes.
    pub max: usize,
    /// Below this table width the column is left out.
    pub hide_below: usize,
}

impl Col {
    pub const fn fixed(w: usize) -> Col {
        Col {
            min: w,
            grow: 0,
            max: w,
            hide_below: 0,
        }
    }

    pub const fn grow(min: usize, share: usize) -> Col {
        Col {
            min,
            grow: share,
            max: usize::MAX,
            hide_below: 0,
        }
    }

    pub const fn max(self, max: usize) -> Col {
        Col { max, ..self }
    }

    pub const fn hide_below(self, w: usize) -> Col {
        Col {
            hide_below: w,
            ..self
        }
    }
}

/// The width of each column (0: left out) in a table `total` columns wide, one space between
/// the columns shown. The room past the minimums goes to the growing columns by their shares,
/// none past its `max`.
pub fn widths(cols: &[Col], total: usize) -> Vec<usize> {
    let shown: Vec<bool> = cols.iter().map(|c| total >= c.hide_below).collect();
    let mut w: Vec<usize> = cols
        .iter()
        .zip(&shown)
        .map(|(c, s)| if *s { c.min } else { 0 })
        .collect();
    let gaps = shown.iter().filter(|s| **s).count().saturating_sub(1);
    let mut room = total.saturating_sub(w.iter().sum::<usize>() + gaps);
    while room > 0 {
        let growing: Vec<usize> = (0..cols.len())
            .filter(|&i| shown[i] && cols[i].grow > 0 && w[i] < cols[i].max)
            .collect();
        let shares: usize = growing.iter().map(|&i| cols[i].grow).sum();
        if shares == 0 {
            break;
        }
        let mut given = 0;
        for &i in &growing {
            let add = (room * cols[i].grow / shares).min(cols[i].max - w[i]);
            w[i] += add;
            given += add;
        }
        // Less than one column a share: the first growing columns take one each.
        if given == 0 {
            for &i in growing.iter().take(room) {
                w[i] += 1;
                given += 1;
            }
        }
        room -= given;
    }
    w
}

/// One row: its style (reversed when selected) under each cell's own.
pub struct Row<'a> {
    pub style: Style,
    pub cells: Vec<(Cow<'a, str>, Style)>,
}

impl<'a> Row<'a> {
    pub fn new(style: Style) -> Row<'a> {
        Row {
            style,
            cells: Vec::new(),
        }
    }

    /// A cell in the row's own style.
    pub fn cell(mut self, text: impl Into<Cow<'a, str>>) -> Row<'a> {
        self.cells.push((text.into(), THEME.plain));
        self
    }

    /// A cell with `style` over the row's.
    pub fn styled(mut self, text: impl Into<Cow<'a, str>>, style: Style) -> Row<'a> {
        self.cells.push((text.into(), style));
        self
    }
}

/// A table to draw: its columns, titles, how many rows it has and which is selected.
pub struct Table<'a> {
    pub cols: &'a [Col],
    /// The title row; none when empty.
    pub titles: &'a [&'a str],
    pub len: usize,
    pub selected: usize,
    /// Said (in the warning colour) when there is no row.
    pub empty: &'a str,
}

impl Table<'_> {
    /// Draws the title row and the rows in view around the selected one; `row(i, widths)`
    /// gives row `i` (`None`: nothing to show on its line).
    pub fn draw<'r>(
        &self,
        f: &mut Frame,
        area: Rect,
        mut row: impl FnMut(usize, &[usize]) -> Option<Row<'r>>,
    ) {
        let head_h = u16::from(!self.titles.is_empty());
        let [head, list] =
            Layout::vertical([Constraint::Length(head_h), Constraint::Min(0)]).areas(area);
        let w = widths(self.cols, area.width as usize);
        if head_h > 0 {
            let titles = Row {
                style: THEME.table_head,
                cells: self
                    .titles
                    .iter()
                    .map(|t| (Cow::Borrowed(*t), THEME.plain))
                    .collect(),
            };
            draw_row(f.buffer_mut(), head, &w, &titles);
        }
        if self.len == 0 {
            // Wrapped: an empty list's line says what to do next, and its end matters.
            let lines: Vec<ratatui::text::Line> =
                crate::widgets::paint::wrap(self.empty, list.width as usize)
                    .into_iter()
                    .map(ratatui::text::Line::raw)
                    .collect();
            f.render_widget(Paragraph::new(lines).style(THEME.warn), list);
            return;
        }
        let height = list.height as usize;
        let offset = crate::widgets::list::offset(self.selected, height);
        let buf = f.buffer_mut();
        for (i, y) in (offset..self.len.min(offset + height)).zip(list.y..list.bottom()) {
            if let Some(mut r) = row(i, &w) {
                if i == self.selected {
                    r.style = r.style.patch(THEME.selected);
                }
                draw_row(buf, Rect::new(list.x, y, list.width, 1), &w, &r);
            }
        }
    }
}

/// Writes one row into the one-line `area`: the row's style over the whole line, then each
/// shown cell's text (cut to its width) at its column, one space between the columns.
fn draw_row(buf: &mut Buffer, area: Rect, w: &[usize], row: &Row<'_>) {
    buf.set_style(area, row.style);
    let right = area.right() as usize;
    let mut x = area.x as usize;
    for ((text, style), &cw) in row.cells.iter().zip(w) {
        if cw == 0 {
            continue;
        }
        if x >= right {
            break;
        }
        let room = cw.min(right - x);
        buf.set_stringn(
            x as u16,
            area.y,
            truncate(text, room),
            room,
            row.style.patch(*style),
        );
        x += cw + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growing_columns_share_the_room_up_to_their_max() {
        let cols = [
            Col::fixed(12),
            Col::grow(8, 1),
            Col::fixed(12).hide_below(96),
            Col::grow(30, 1).max(48),
        ];
        // 160: 12 + 12 + 3 gaps leave 133; the contact stops at 48, the rest is the org's.
        assert_eq!(widths(&cols, 160), [12, 85, 12, 48]);
        assert_eq!(widths(&cols, 80), [12, 22, 0, 44]);
        for total in 0..300 {
            let w = widths(&cols, total);
            let gaps = w.iter().filter(|w| **w > 0).count().saturating_sub(1);
            let used: usize = w.iter().sum::<usize>() + gaps;
            assert!(
                used == total || used > total && total < 12 + 8 + 30 + 2,
                "{total}"
            );
        }
    }
}
