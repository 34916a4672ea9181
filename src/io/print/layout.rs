//! Drawing on an A4 page: the bundled Korean font, text cut to a width, lines and boxes, and the
//! one table both lists of the day use (sign-in sheet, attendance): the day's header and the
//! table's header on every page, "x / y" at the foot.

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::{PrintError, finish};
use crate::i18n::{self, Lang};
use crate::model::Event;

/// A4 portrait in PDF points (1/72 inch), as krilla's default page (`Document::start_page`).
pub const A4_W: f32 = 595.0;
pub const A4_H: f32 = 842.0;
/// One millimetre in points.
pub const MM: f32 = 72.0 / 25.4;

/// NanumGothic Regular (SIL OFL 1.1, see assets/fonts/); krilla embeds only the glyphs used.
static NANUM_GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/NanumGothic.ttf");

pub fn font() -> Result<Font, PrintError> {
    Font::new(NANUM_GOTHIC.into(), 0).ok_or(PrintError::Font)
}

/// What a character the bundled font has no glyph for prints as (Thai, Arabic, most emoji):
/// a visible mark rather than an empty box, and the command names the person.
pub const MISSING_GLYPH: char = '?';

/// The bundled font parsed once: every cell of every page is measured with it, several
/// times while it is fitted.
fn face() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: std::sync::OnceLock<Option<ttf_parser::Face<'static>>> =
        std::sync::OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(NANUM_GOTHIC, 0).ok())
        .as_ref()
}

/// Whether the bundled font draws all of `text`.
pub fn all_printable(text: &str) -> bool {
    let Some(f) = face() else {
        return false;
    };
    text.chars()
        .all(|c| c.is_whitespace() || f.glyph_index(c).is_some())
}

/// `text` as it is printed: what the font lacks becomes [`MISSING_GLYPH`].
pub fn printed(text: &str) -> String {
    let Some(f) = face() else {
        return text.to_string();
    };
    text.chars()
        .map(|c| {
            if c.is_whitespace() || f.glyph_index(c).is_some() {
                c
            } else {
                MISSING_GLYPH
            }
        })
        .collect()
}

/// Width of `text` printed at `size`: the font's advance of each glyph (a character it lacks
/// as the mark that stands for it). A character the font cannot measure counts one em.
pub fn text_width(text: &str, size: f32) -> f32 {
    let Some(f) = face() else {
        return crate::model::text::width(text) as f32 * 0.5 * size;
    };
    text.chars().map(|c| advance(f, c)).sum::<f32>() * size
}

/// The advance of `c` in ems (a character the font lacks as the mark that stands for it; one
/// it cannot measure as one em).
fn advance(f: &ttf_parser::Face, c: char) -> f32 {
    let em = f32::from(f.units_per_em());
    f.glyph_index(c)
        .or_else(|| f.glyph_index(MISSING_GLYPH))
        .and_then(|g| f.glyph_hor_advance(g))
        .map_or(1.0, |a| f32::from(a) / em)
}

/// The width of `c` at 1 pt.
pub fn char_width(c: char) -> f32 {
    match face() {
        Some(f) => advance(f, c),
        None => crate::model::text::width(&c.to_string()) as f32 * 0.5,
    }
}

/// `text` cut with "…" so it fits `width` at `size`.
pub fn fit(text: &str, size: f32, width: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let ellipsis = text_width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        used += char_width(c) * size;
        if used + ellipsis > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    // Rounding: the cut text is measured whole, as the tests and the page measure it.
    while text_width(&out, size) > width && out.chars().count() > 1 {
        out.pop();
        out.pop();
        out.push('…');
    }
    out
}

/// The largest size from `big` down to `small` (in half points) at which `text` fits `width`,
/// and `text` at that size, cut if even `small` is too big.
pub fn shrink(text: &str, big: f32, small: f32, width: f32) -> (f32, String) {
    let mut size = big;
    while size > small && text_width(text, size) > width {
        size -= 0.5;
    }
    let size = size.max(small);
    (size, fit(text, size, width))
}

/// Text set in a box: one size, one or two lines, each no wider than the box.
#[derive(Clone, Debug, PartialEq)]
pub struct Set {
    pub size: f32,
    pub lines: Vec<String>,
}

/// How text is fitted to a box: on one line from `big` down to `small` (in half points), then
/// on two lines from `two_big` down to `two_small`, and only then cut with "…" on the second.
#[derive(Clone, Copy, Debug)]
pub struct Fit {
    pub big: f32,
    pub small: f32,
    pub two_big: f32,
    pub two_small: f32,
}

/// Where a text may go on to a second line: (end of the first line, start of the second), in
/// bytes. At a space (which is dropped) or after a hyphen.
fn word_breaks(text: &str) -> Vec<(usize, usize)> {
    text.char_indices()
        .filter_map(|(i, c)| match c {
            ' ' => Some((i, i + 1)),
            '-' | '/' | '·' => Some((i + c.len_utf8(), i + c.len_utf8())),
            _ => None,
        })
        .collect()
}

/// `text` set to `fit` within `width`: shrunk, then on two lines (at a space or hyphen if
/// that fits, else between any two letters, as Korean names and organisations are written
/// without spaces), then cut.
pub fn set(text: &str, fit_: Fit, width: f32) -> Set {
    let one = |size: f32, line: &str| Set {
        size,
        lines: vec![line.to_string()],
    };
    let whole = text_width(text, 1.0);
    let mut size = fit_.big;
    while size >= fit_.small {
        if whole * size <= width {
            return one(size, text);
        }
        size -= 0.5;
    }
    let halves = |(end, start): (usize, usize)| {
        let (a, b) = (text[..end].trim_end(), text[start..].trim_start());
        (!a.is_empty() && !b.is_empty()).then_some((a, b))
    };
    // Widths of every prefix at 1 pt, to weigh every split in one pass; the chosen split is
    // measured again whole, as the page measures it.
    let mut prefix = vec![(0usize, 0.0f32)];
    let mut sum = 0.0;
    for (i, c) in text.char_indices() {
        sum += char_width(c);
        prefix.push((i + c.len_utf8(), sum));
    }
    let upto = |byte: usize| {
        prefix
            .binary_search_by(|(b, _)| b.cmp(&byte))
            .map_or(0.0, |k| prefix[k].1)
    };
    let span = |part: &str| {
        let from = part.as_ptr() as usize - text.as_ptr() as usize;
        upto(from + part.len()) - upto(from)
    };
    // The split whose longer line is shortest, among the word breaks and then among all.
    let best = |breaks: Vec<(usize, usize)>| {
        breaks.into_iter().filter_map(halves).min_by(|x, y| {
            span(x.0)
                .max(span(x.1))
                .total_cmp(&span(y.0).max(span(y.1)))
        })
    };
    let letters = text
        .char_indices()
        .map(|(i, _)| (i, i))
        .filter(|(i, _)| *i > 0)
        .collect();
    for (a, b) in [best(word_breaks(text)), best(letters)]
        .into_iter()
        .flatten()
    {
        let w = text_width(a, 1.0).max(text_width(b, 1.0));
        let mut size = fit_.two_big;
        while size >= fit_.two_small {
            if w * size <= width {
                return Set {
                    size,
                    lines: vec![a.to_string(), b.to_string()],
                };
            }
            size -= 0.5;
        }
    }
    // Too long for two lines: the first as full as it goes (at a word break if there is one
    // in it), the rest cut.
    let size = fit_.two_small;
    let mut end = prefix
        .iter()
        .take_while(|(_, w)| w * size <= width)
        .last()
        .map_or(0, |(b, _)| *b);
    while end > 0 && text_width(&text[..end], size) > width {
        end = text[..end].char_indices().last().map_or(0, |(i, _)| i);
    }
    if end == 0 {
        return one(size, &fit(text, size, width));
    }
    let at_word = word_breaks(&text[..end])
        .into_iter()
        .rev()
        .find(|b| halves(*b).is_some());
    let (first_end, second_start) = at_word.unwrap_or((end, end));
    let first = text[..first_end].trim_end();
    let rest = text[second_start..].trim_start();
    Set {
        size,
        lines: vec![first.to_string(), fit(rest, size, width)],
    }
}

/// One piece of text on a page: where it starts, its baseline and size, and the box it must
/// stay inside (x, y, width, height).
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub page: usize,
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub text: String,
    pub cell: (f32, f32, f32, f32),
}

/// How far above its baseline and below it a line of the bundled font reaches, per point.
pub fn ascent_descent() -> (f32, f32) {
    face().map_or((0.95, 0.25), |f| {
        let em = f32::from(f.units_per_em());
        (f32::from(f.ascender()) / em, -f32::from(f.descender()) / em)
    })
}

pub struct Pen<'a, 'b> {
    pub s: &'a mut Surface<'b>,
    pub font: Font,
}

impl Pen<'_, '_> {
    /// Text with its baseline at `y`, starting at `x`.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        let text = &printed(text);
        self.s.set_stroke(None);
        self.s.set_fill(Some(Fill::default()));
        self.s.draw_text(
            Point::from_xy(x, y),
            self.font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    /// Text centred on `cx`.
    pub fn centred(&mut self, cx: f32, y: f32, size: f32, text: &str) {
        self.text(cx - text_width(text, size) / 2.0, y, size, text);
    }

    /// Text ending at `right`.
    pub fn right(&mut self, right: f32, y: f32, size: f32, text: &str) {
        self.text(right - text_width(text, size), y, size, text);
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, grey: u8) {
        let mut pb = PathBuilder::new();
        pb.move_to(from.0, from.1);
        pb.line_to(to.0, to.1);
        self.stroke(pb, width, grey, None);
    }

    /// The outline of the box (x, y, width, height); `dash` for cut lines.
    pub fn frame(&mut self, b: (f32, f32, f32, f32), width: f32, grey: u8, dash: Option<f32>) {
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(b.0, b.1, b.2, b.3) {
            pb.push_rect(r);
        }
        self.stroke(pb, width, grey, dash);
    }

    /// A filled box (x, y, width, height); `grey` 0 is black.
    pub fn fill(&mut self, b: (f32, f32, f32, f32), grey: u8) {
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(b.0, b.1, b.2, b.3) {
            pb.push_rect(r);
        }
        if let Some(path) = pb.finish() {
            self.s.set_stroke(None);
            self.s.set_fill(Some(Fill {
                paint: luma::Color::new(grey).into(),
                ..Fill::default()
            }));
            self.s.draw_path(&path);
        }
    }

    fn stroke(&mut self, pb: PathBuilder, width: f32, grey: u8, dash: Option<f32>) {
        if let Some(path) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(Stroke {
                paint: luma::Color::new(grey).into(),
                width,
                dash: dash.map(|d| StrokeDash {
                    array: vec![d, d],
                    offset: 0.0,
                }),
                ..Stroke::default()
            }));
            self.s.draw_path(&path);
        }
    }
}

/// One column of a [`Sheet`]: its title, its width in points (0 = what is left) and whether its
/// cells are centred (short values: numbers, times) or start at its left edge.
pub struct Col<'a> {
    pub title: &'a str,
    pub width: f32,
    pub centred: bool,
}

/// A list of the day on A4 portrait: big title, the day's title, date and time, venue, a line at
/// the right (how many, the day's numbers), then the table. The first column is the row number
/// (연번); `rows` hold the other cells; `blank` numbered empty rows follow.
pub struct Sheet<'a> {
    pub title: &'a str,
    pub event: &'a Event,
    pub note: String,
    pub cols: Vec<Col<'a>>,
    pub rows: Vec<Vec<String>>,
    pub blank: usize,
}

const MARGIN: f32 = 15.0 * MM;
const TABLE_TOP: f32 = 128.0;
const HEAD_H: f32 = 22.0;
const ROW_H: f32 = 25.0;
const FOOTER: f32 = A4_H - 10.0 * MM;
const TEXT: f32 = 10.0;

/// Rows that fit below the header and above the page number.
fn rows_per_page() -> usize {
    ((FOOTER - 18.0 - TABLE_TOP - HEAD_H) / ROW_H) as usize
}

/// Number of pages for `rows` rows (at least one, so an empty day still prints its header).
pub fn sheet_pages(rows: usize) -> usize {
    rows.div_ceil(rows_per_page()).max(1)
}

/// Cell text: 10 pt, down to 8 pt on one line, then on two lines from 10 pt down to 7 pt.
pub const CELL: Fit = Fit {
    big: TEXT,
    small: 8.0,
    two_big: TEXT,
    two_small: 7.0,
};
/// Space between a cell's border and its text.
pub const CELL_PAD: f32 = 4.0;

/// The table's columns, 연번 first: (title, left edge, width, centred).
fn columns<'a>(sh: &Sheet<'a>, l: Lang) -> Vec<(&'a str, f32, f32, bool)> {
    let width = A4_W - 2.0 * MARGIN;
    let mut cols: Vec<(&str, f32, bool)> = vec![(i18n::PRINT_COL_NO.in_lang(l), 30.0, true)];
    cols.extend(sh.cols.iter().map(|c| (c.title, c.width, c.centred)));
    let used: f32 = cols.iter().map(|c| c.1).sum();
    for c in cols.iter_mut().filter(|c| c.1 == 0.0) {
        c.1 = width - used;
    }
    let mut x = MARGIN;
    cols.into_iter()
        .map(|(title, w, centred)| {
            let left = x;
            x += w;
            (title, left, w, centred)
        })
        .collect()
}

/// `text` set in the cell (x, y, width, height) of `page`: shrunk, wrapped or cut to the
/// cell's width less its padding, one or two lines centred on the cell's middle.
pub fn cell_runs(text: &str, page: usize, cell: (f32, f32, f32, f32), centred: bool) -> Vec<Run> {
    if text.is_empty() {
        return Vec::new();
    }
    let (x, y, w, h) = cell;
    let set = set(text, CELL, w - 2.0 * CELL_PAD);
    let gap = set.size * 1.15;
    let first = y + h / 2.0 + set.size * 0.35 - gap * (set.lines.len() as f32 - 1.0) / 2.0;
    set.lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| Run {
            page,
            x: if centred {
                x + (w - text_width(&line, set.size)) / 2.0
            } else {
                x + CELL_PAD
            },
            baseline: first + gap * i as f32,
            size: set.size,
            text: line,
            cell,
        })
        .collect()
}

/// The text of every cell of the table (row numbers included), page by page.
pub fn cells(sh: &Sheet, l: Lang) -> Vec<Run> {
    let cols = columns(sh, l);
    let per_page = rows_per_page();
    let mut out = Vec::new();
    for i in 0..sh.rows.len() + sh.blank {
        let (page, y) = (
            i / per_page,
            TABLE_TOP + HEAD_H + (i % per_page) as f32 * ROW_H,
        );
        let no = (i + 1).to_string();
        let cells = sh.rows.get(i).map(Vec::as_slice).unwrap_or_default();
        for (cell, (_, x, w, centred)) in std::iter::once(&no).chain(cells).zip(&cols) {
            out.extend(cell_runs(cell, page, (*x, y, *w, ROW_H), *centred));
        }
    }
    out
}

pub fn sheet(
    sh: &Sheet,
    l: Lang,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Vec<u8>, PrintError> {
    let font = font()?;
    let t = |x: i18n::L| x.in_lang(l);
    let event = sh.event;
    let width = A4_W - 2.0 * MARGIN;
    let cols = columns(sh, l);
    let mut runs = cells(sh, l).into_iter().peekable();

    let total = sh.rows.len() + sh.blank;
    let per_page = rows_per_page();
    let n_pages = sheet_pages(total);
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!("{} — {}", sh.title, event.title))
            .language(if l == Lang::Ko { "ko" } else { "en" }.into())
            .creator("netday".into()),
    );
    for page_no in 0..n_pages {
        let mut page = doc.start_page();
        let mut s = page.surface();
        let mut pen = Pen {
            s: &mut s,
            font: font.clone(),
        };

        pen.centred(A4_W / 2.0, 62.0, 20.0, sh.title);
        pen.centred(A4_W / 2.0, 84.0, 12.0, &fit(&event.title, 12.0, width));
        let when = i18n::print_when(event, l);
        pen.text(
            MARGIN,
            108.0,
            TEXT,
            &format!("{}  {when}", t(i18n::PRINT_WHEN)),
        );
        if !event.venue.is_empty() {
            let venue = format!("{}  {}", t(i18n::PRINT_VENUE), event.venue);
            pen.text(MARGIN, 122.0, TEXT, &fit(&venue, TEXT, width / 2.0));
        }
        pen.right(
            A4_W - MARGIN,
            122.0,
            TEXT,
            &fit(&sh.note, TEXT, width / 2.0),
        );

        // Header row, repeated on every page.
        pen.fill((MARGIN, TABLE_TOP, width, HEAD_H), 225);
        for (title, x, w, _) in &cols {
            if text_width(title, TEXT) <= w - 2.0 * CELL_PAD {
                pen.centred(x + w / 2.0, TABLE_TOP + 15.0, TEXT, title);
            } else {
                // A long head (the consent column's) is set like a cell: smaller, two lines.
                for run in cell_runs(title, page_no, (*x, TABLE_TOP, *w, HEAD_H), true) {
                    pen.text(run.x, run.baseline, run.size, &run.text);
                }
            }
        }
        while let Some(run) = runs.next_if(|r| r.page == page_no) {
            pen.text(run.x, run.baseline, run.size, &run.text);
        }
        let first = page_no * per_page;
        let rows = (total - first.min(total)).min(per_page);
        // Grid: outer box, row lines, column lines.
        let bottom = TABLE_TOP + HEAD_H + rows as f32 * ROW_H;
        let mut ly = TABLE_TOP + HEAD_H;
        while ly < bottom - 0.5 {
            pen.line((MARGIN, ly), (MARGIN + width, ly), 0.4, 120);
            ly += ROW_H;
        }
        for (_, x, _, _) in &cols[1..] {
            pen.line((*x, TABLE_TOP), (*x, bottom), 0.4, 120);
        }
        pen.frame((MARGIN, TABLE_TOP, width, bottom - TABLE_TOP), 0.9, 0, None);

        pen.centred(
            A4_W / 2.0,
            FOOTER,
            9.0,
            &i18n::print_page(page_no + 1, n_pages, l),
        );
        s.finish();
        page.finish();
        progress.set(page_no as u64 + 1);
    }
    finish(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_the_fonts_and_what_it_lacks_prints_as_a_mark() {
        // Measured glyph by glyph, not by terminal cells: W is wider than i.
        assert!(text_width("WWWW", 10.0) > 2.0 * text_width("iiii", 10.0));
        assert!(all_printable("김기성 Kim Gi-seong Wójcik 010-1234"));
        assert!(!all_printable("สมชาย"));
        assert!(!all_printable("مؤسسة"));
        assert_eq!(printed("김 สม"), "김 ??");
        assert_eq!(text_width("สม", 10.0), text_width("??", 10.0));
    }

    #[test]
    fn cut_text_fits_its_width() {
        assert_eq!(fit("한울신협", 10.0, 100.0), "한울신협");
        let cut = fit("서울특별시사회적경제지원센터", 10.0, 60.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 10.0) <= 60.0, "{cut}");
    }
}
