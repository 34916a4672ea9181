//! A cursor in a list (the desk, people, organisations, the agenda, notes, the idea board, the
//! event picker): where ↑↓, PgUp/PgDn, Home/End move it, and which rows a view of a given
//! height shows so the cursor stays visible. One rule for every list.

/// A key that moves a list cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKey {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

/// Rows PgUp/PgDn move in every list.
pub const PAGE: usize = 10;

/// The row `selected` moves to in a list of `len` rows; always inside the list (0 when empty).
pub fn step(selected: usize, key: ListKey, len: usize) -> usize {
    let last = len.saturating_sub(1);
    let to = match key {
        ListKey::Up => selected.saturating_sub(1),
        ListKey::Down => selected.saturating_add(1),
        ListKey::PageUp => selected.saturating_sub(PAGE),
        ListKey::PageDown => selected.saturating_add(PAGE),
        ListKey::Home => 0,
        ListKey::End => last,
    };
    to.min(last)
}

/// The first row a view `height` rows tall shows, so that row `selected` is on screen: the top
/// until the cursor would leave the view, then the cursor on the last line.
pub fn offset(selected: usize, height: usize) -> usize {
    (selected + 1).saturating_sub(height.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stays_inside_the_list() {
        assert_eq!(step(0, ListKey::Up, 5), 0);
        assert_eq!(step(4, ListKey::Down, 5), 4);
        assert_eq!(step(2, ListKey::PageDown, 5), 4);
        assert_eq!(step(12, ListKey::PageUp, 30), 2);
        assert_eq!(step(3, ListKey::End, 5), 4);
        assert_eq!(step(3, ListKey::Home, 5), 0);
        assert_eq!(step(0, ListKey::End, 0), 0, "an empty list");
    }

    #[test]
    fn the_view_scrolls_only_once_the_cursor_would_leave_it() {
        assert_eq!(offset(0, 10), 0);
        assert_eq!(offset(9, 10), 0);
        assert_eq!(offset(10, 10), 1);
        assert_eq!(
            offset(3, 0),
            3,
            "a view with no room still shows the cursor's row first"
        );
    }
}
