//! Reading what a screen drew into ratatui's test terminal.

use netday::state::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// The app drawn once into a `w`×`h` test terminal.
pub fn render(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| netday::view::draw(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// Row `y` as the eye reads it: a wide character once, its trailing cell skipped.
pub fn row(buf: &Buffer, y: u16) -> String {
    let mut s = String::new();
    let mut skip = 0;
    for x in 0..buf.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, y)].symbol();
        skip = sym.width().saturating_sub(1);
        s.push_str(sym);
    }
    s
}

/// Every row, joined by newlines.
pub fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Column (in cells) where `needle` starts on row `y`.
pub fn col_of(buf: &Buffer, y: u16, needle: &str) -> Option<usize> {
    let text = row(buf, y);
    text.find(needle).map(|i| text[..i].width())
}

/// Times are the real clock's and the desk id is drawn per database: a snapshot shows where
/// they are, not which.
pub fn mask_changes(line: &str) -> String {
    let c: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let digit = |i: usize| c.get(i).is_some_and(|ch| ch.is_ascii_digit());
    while i < c.len() {
        let time = (0..11).all(|k| match k {
            2 => c.get(i + k) == Some(&'-'),
            5 => c.get(i + k) == Some(&' '),
            8 => c.get(i + k) == Some(&':'),
            _ => digit(i + k),
        });
        if time {
            out.push_str("MM-DD HH:MM");
            i += 11;
            continue;
        }
        let id = c[i] == '#'
            && (1..5).all(|k| c.get(i + k).is_some_and(|ch| ch.is_ascii_hexdigit()))
            && c.get(i + 5) == Some(&'-');
        if id {
            out.push_str("#xxxx");
            i += 5;
            continue;
        }
        out.push(c[i]);
        i += 1;
    }
    out
}
