//! A `report::Doc` on A4 pages (the minutes as a PDF): a flowing layout, unlike the fixed grid
//! of the 서명부. A cursor runs down the page; text, notes and tables wrap to the width and go on
//! to the next page; the header row of a table is set again at the top of every page it runs
//! over; a heading is never the last thing on a page. [`lay_out`] decides where everything goes
//! (no PDF), [`render`] draws what it decided with the bundled font.
//!
//! The font has one weight, so parts are set apart by size, grey, shading and rules.

use krilla::Document;
use krilla::color::luma;
use krilla::geom::Point;
use krilla::paint::Fill;
use krilla::text::TextDirection;

use super::layout::{
    A4_H, A4_W, MM, Pen, Run, ascent_descent, char_width, fit, font, printed, text_width,
};
use super::{PrintError, finish};
use crate::i18n::{self, Lang};
use crate::io::report::{Block, Doc, Table};

/// Space left blank at every edge of the page.
pub const MARGIN: f32 = 15.0 * MM;
/// The width text is set to.
pub const WIDTH: f32 = A4_W - 2.0 * MARGIN;
/// Where the body starts and must end on every page (the footer is below).
pub const TOP: f32 = MARGIN;
/// The band at the foot of the page: the footer words and the page number.
pub const FOOT: (f32, f32, f32, f32) = (MARGIN, A4_H - MARGIN - 14.0, WIDTH, 14.0);
pub const BOTTOM: f32 = FOOT.1 - 8.0;
/// The area every body run lies in (x, y, width, height).
pub const BODY: (f32, f32, f32, f32) = (MARGIN, TOP, WIDTH, BOTTOM - TOP);

const TITLE: f32 = 20.0;
const SUBTITLE: f32 = 12.0;
const H1: f32 = 14.0;
const H2: f32 = 11.5;
const TEXT: f32 = 10.0;
/// Table cells and the title block's fields.
const CELL: f32 = 9.5;
const KIND: f32 = 9.0;
const META: f32 = 8.5;
const SMALL: f32 = 8.5;
const FOOT_SIZE: f32 = 8.5;

/// Space between a cell's border and its text, across and down.
pub const PAD: f32 = 4.0;
const VPAD: f32 = 3.0;
/// Inside a decision's box: the bar at its left and the space above and below its lines.
const BAR: f32 = 3.0;
const BOX_PAD: f32 = 5.0;
/// Where the word for a note's kind starts, from the margin.
const KIND_X: f32 = BAR + 5.0;

/// Greys (0 black, 255 white).
const QUIET_GREY: u8 = 105;
const META_GREY: u8 = 95;
const NOTE_GREY: u8 = 60;
const HEAD_FILL: u8 = 222;
const MARKED_FILL: u8 = 240;
const LABEL_FILL: u8 = 236;
/// A decision's box and its bar.
pub const DECISION_FILL: u8 = 230;
pub const DECISION_BAR: u8 = 40;
const INNER_GREY: u8 = 120;
const INNER_W: f32 = 0.4;
const OUTER_W: f32 = 0.9;

/// What marks a decision in the column of kinds: the font has ■ but no ✓.
pub const DECISION_MARK: &str = "■";

/// Height of a line of text at `size`.
fn lead(size: f32) -> f32 {
    size * 1.4
}

/// Table and field lines sit closer.
fn cell_lead(size: f32) -> f32 {
    size * 1.35
}

/// The baseline of a line of `size` whose box of height `h` starts at `top`: the font's
/// ascent and descent centred in the box.
fn baseline(top: f32, h: f32, size: f32) -> f32 {
    let (up, down) = ascent_descent();
    top + (h - (up + down) * size) / 2.0 + up * size
}

/// What a run of a laid-out document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Title,
    Subtitle,
    /// A field's label and value in the title block; `row` is the field's index.
    Label {
        row: usize,
    },
    Value {
        row: usize,
    },
    Heading,
    Text,
    Quiet,
    /// A note's kind word ("■ 결정" for a decision), text and meta.
    Kind,
    NoteText,
    Meta,
    /// A column title in a table's header row.
    Head {
        col: usize,
    },
    Cell {
        row: usize,
        col: usize,
    },
    TableNote,
}

/// Which block a run belongs to (`None`: the title block) and what it is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct What {
    pub block: Option<usize>,
    pub part: Part,
}

/// Lines, boxes and fills, drawn under the text.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Fill {
        page: usize,
        rect: (f32, f32, f32, f32),
        grey: u8,
    },
    Line {
        page: usize,
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        grey: u8,
    },
    Frame {
        page: usize,
        rect: (f32, f32, f32, f32),
        width: f32,
        grey: u8,
    },
}

impl Shape {
    pub fn page(&self) -> usize {
        match self {
            Shape::Fill { page, .. } | Shape::Line { page, .. } | Shape::Frame { page, .. } => {
                *page
            }
        }
    }
}

/// A table's header row as set on a page: which block, which page, the top of the row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadRow {
    pub block: usize,
    pub page: usize,
    pub y: f32,
}

/// A document laid out on pages.
#[derive(Clone, Debug, PartialEq)]
pub struct Laid {
    pub pages: usize,
    /// Every piece of text above the footer, in reading order. A run's `cell` is its table
    /// cell, or the box of the line it is set on.
    pub runs: Vec<Run>,
    /// What each of `runs` is, index for index.
    pub what: Vec<What>,
    /// The footer of every page: the document's footer words and the page number.
    pub footer: Vec<Run>,
    pub shapes: Vec<Shape>,
    /// Every header row of every table: on the table's first page and again on each page it
    /// continues on.
    pub heads: Vec<HeadRow>,
}

/// `text` broken into lines no wider than `width` at `size`: at '\n', then at spaces; a word
/// wider than a line (a long name or organisation written without spaces, a web address) is
/// broken between letters. A letter wider than the whole line is left out, as it cannot be
/// set; blank lines at the start and end are dropped.
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    // Widths at 1 pt, summed letter by letter in order as `text_width` sums them, so a line
    // kept here measures the same there.
    let fits = |w: f32| w * size <= width;
    let space = char_width(' ');
    let mut out: Vec<String> = Vec::new();
    for para in text.split('\n') {
        let para: String = para
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        let (mut line, mut line_w) = (String::new(), 0.0f32);
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let start = if line.is_empty() { 0.0 } else { line_w + space };
            let with = word.chars().fold(start, |w, c| w + char_width(c));
            if fits(with) {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w = with;
                continue;
            }
            let alone = word.chars().fold(0.0, |w, c| w + char_width(c));
            if !line.is_empty() && fits(alone) {
                out.push(std::mem::replace(&mut line, word.to_string()));
                line_w = alone;
                continue;
            }
            // Wider than what is left of the line: broken between letters (Hangul syllables
            // may be), starting on this line.
            if !line.is_empty() {
                line.push(' ');
                line_w += space;
            }
            for c in word.chars() {
                let w = char_width(c);
                if fits(line_w + w) {
                    line.push(c);
                    line_w += w;
                    continue;
                }
                let full = line.trim_end();
                if !full.is_empty() {
                    out.push(full.to_string());
                }
                line.clear();
                line_w = 0.0;
                if fits(w) {
                    line.push(c);
                    line_w = w;
                }
            }
        }
        out.push(line);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let lead = out.iter().take_while(|l| l.is_empty()).count();
    out.drain(..lead);
    out
}

/// A table's columns and header as set: (left edge, width, centred) and each title's lines.
struct Grid {
    cols: Vec<(f32, f32, bool)>,
    head: Option<Vec<Vec<String>>>,
    head_h: f32,
    /// The fields of the title block: the first column (the labels) is shaded.
    shade_first: bool,
}

impl Grid {
    fn of(t: &Table) -> Grid {
        let total: f32 = t.cols.iter().map(|c| f32::from(c.weight.max(1))).sum();
        let mut x = MARGIN;
        let cols: Vec<(f32, f32, bool)> = t
            .cols
            .iter()
            .map(|c| {
                let w = WIDTH * f32::from(c.weight.max(1)) / total;
                let left = x;
                x += w;
                (left, w, c.centred)
            })
            .collect();
        // A header row of at most a third of the page; past that its titles are cut.
        let most = (((BOTTOM - TOP) / 3.0 - 2.0 * VPAD) / cell_lead(CELL)).max(1.0) as usize;
        let head: Vec<Vec<String>> = t
            .cols
            .iter()
            .zip(&cols)
            .map(|(c, (_, w, _))| {
                let inner = w - 2.0 * PAD;
                let mut lines = wrap(&c.title, CELL, inner);
                if lines.len() > most {
                    lines.truncate(most);
                    if let Some(last) = lines.last_mut() {
                        *last = cut(&format!("{last}…"), CELL, inner);
                    }
                }
                lines
            })
            .collect();
        let n = head.iter().map(Vec::len).max().unwrap_or(0).max(1);
        Grid {
            cols,
            head: Some(head),
            head_h: n as f32 * cell_lead(CELL) + 2.0 * VPAD,
            shade_first: false,
        }
    }

    fn fields(fields: &[(String, String)]) -> Grid {
        let widest = fields
            .iter()
            .map(|(k, _)| text_width(k, CELL))
            .fold(0.0, f32::max);
        let label = (widest + 2.0 * PAD + 2.0).clamp(50.0, WIDTH * 0.3);
        Grid {
            cols: vec![
                (MARGIN, label, false),
                (MARGIN + label, WIDTH - label, false),
            ],
            head: None,
            head_h: 0.0,
            shade_first: true,
        }
    }

    /// Each cell's lines, wrapped to its column.
    fn lines(&self, cells: &[String]) -> Vec<Vec<String>> {
        self.cols
            .iter()
            .enumerate()
            .map(|(i, (_, w, _))| {
                cells
                    .get(i)
                    .map_or_else(Vec::new, |t| wrap(t, CELL, w - 2.0 * PAD))
            })
            .collect()
    }

    fn row_h(lines: &[Vec<String>]) -> f32 {
        let n = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        n as f32 * cell_lead(CELL) + 2.0 * VPAD
    }

    /// What must fit on a page for the grid to start on it: the header row and the first row,
    /// or one line of the first row if it alone is taller than a page (it is split anyway).
    fn first(&self, row_h: Option<f32>) -> f32 {
        let fresh = BOTTOM - TOP - self.head_h;
        self.head_h
            + match row_h {
                None => 0.0,
                Some(h) if h <= fresh => h,
                Some(_) => cell_lead(CELL) + 2.0 * VPAD,
            }
    }
}

/// `text` cut with "…" to `width`; a width too narrow even for "…" leaves nothing.
fn cut(text: &str, size: f32, width: f32) -> String {
    let out = fit(text, size, width);
    if text_width(&out, size) <= width {
        out
    } else {
        String::new()
    }
}

/// A row as laid out: its cells' lines and whether it is shaded.
struct Lines {
    cells: Vec<Vec<String>>,
    marked: bool,
}

struct Flow {
    page: usize,
    y: f32,
    runs: Vec<Run>,
    what: Vec<What>,
    shapes: Vec<Shape>,
    heads: Vec<HeadRow>,
    /// A heading was just set: what follows starts on this page, as the heading made room for
    /// what it could of it.
    hold: bool,
}

impl Flow {
    fn at_top(&self) -> bool {
        self.y <= TOP + 0.01
    }

    fn fits(&self, h: f32) -> bool {
        self.y + h <= BOTTOM + 0.01
    }

    /// Space before a part, left out at the top of a page.
    fn gap(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    /// Room for `h` on this page, or a new page (unless this one is still empty).
    fn room(&mut self, h: f32) {
        let hold = std::mem::take(&mut self.hold);
        if !hold && !self.fits(h) && !self.at_top() {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        self.page += 1;
        self.y = TOP;
    }

    /// A line of `size` in the box (x, top, w, h), at its left, centred or at its right.
    #[allow(clippy::too_many_arguments)]
    fn put(
        &mut self,
        what: What,
        text: &str,
        size: f32,
        cell: (f32, f32, f32, f32),
        pad: f32,
        h_align: Align,
        top: f32,
        h: f32,
    ) {
        if text.is_empty() {
            return;
        }
        let (x, _, w, _) = cell;
        let tw = text_width(text, size);
        let x = match h_align {
            Align::Left => x + pad,
            Align::Centre => x + (w - tw) / 2.0,
            Align::Right => x + w - pad - tw,
        };
        self.runs.push(Run {
            page: self.page,
            x,
            baseline: baseline(top, h, size),
            size,
            text: text.to_string(),
            cell,
        });
        self.what.push(what);
    }

    /// Lines set one under the other in the column (x, w), each going on to the next page
    /// when the page is full.
    fn lines(&mut self, what: What, lines: &[String], size: f32, x: f32, w: f32, align: Align) {
        let h = lead(size);
        for line in lines {
            self.room(h);
            let top = self.y;
            self.put(what, line, size, (x, top, w, h), 0.0, align, top, h);
            self.y += h;
        }
    }

    fn fill(&mut self, rect: (f32, f32, f32, f32), grey: u8) {
        self.shapes.push(Shape::Fill {
            page: self.page,
            rect,
            grey,
        });
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, grey: u8) {
        self.shapes.push(Shape::Line {
            page: self.page,
            from,
            to,
            width,
            grey,
        });
    }
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Centre,
    Right,
}

/// The width of the column of note kinds: the widest kind word of the document, within bounds.
fn kind_width(doc: &Doc) -> f32 {
    let widest = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Note { kind, decision, .. } => {
                Some(text_width(&kind_word(kind, *decision), KIND))
            }
            _ => None,
        })
        .fold(0.0, f32::max);
    (KIND_X + widest + 8.0).clamp(44.0, 110.0)
}

fn kind_word(kind: &str, decision: bool) -> String {
    if decision {
        format!("{DECISION_MARK} {kind}").trim_end().to_string()
    } else {
        kind.to_string()
    }
}

/// A note as set: the kind's lines, the text's lines, and the meta at the end of the text's
/// last line (`true`) or on a line of its own under it.
struct NoteLines {
    kind: Vec<String>,
    text: Vec<String>,
    meta: String,
    meta_inline: bool,
    decision: bool,
}

impl NoteLines {
    fn of(kind: &str, text: &str, meta: &str, decision: bool, kind_w: f32) -> NoteLines {
        let text_w = WIDTH - kind_w - PAD;
        let kind = wrap(&kind_word(kind, decision), KIND, kind_w - KIND_X - 4.0);
        let text = wrap(text, TEXT, text_w);
        let meta = meta.split_whitespace().collect::<Vec<_>>().join(" ");
        let meta = cut(&meta, META, text_w);
        let meta_inline = meta.is_empty()
            || text
                .last()
                .is_some_and(|l| text_width(l, TEXT) + 12.0 + text_width(&meta, META) <= text_w);
        NoteLines {
            kind,
            text,
            meta,
            meta_inline,
            decision,
        }
    }

    /// Number of lines down the note.
    fn rows(&self) -> usize {
        let text = self.text.len() + usize::from(!self.meta_inline);
        self.kind.len().max(text).max(1)
    }

    fn pad(&self) -> f32 {
        if self.decision { BOX_PAD } else { 0.0 }
    }

    /// The height of the note's first line, padding and all.
    fn first(&self) -> f32 {
        let one = if self.rows() == 1 { 2.0 } else { 1.0 };
        one * self.pad() + lead(TEXT)
    }
}

/// Space before block `b` after `prev`.
fn gap_before(prev: Option<&Block>, b: &Block) -> f32 {
    match (prev, b) {
        (_, Block::Heading { level, .. }) => {
            let after_heading = matches!(prev, Some(Block::Heading { .. }));
            match (level, after_heading) {
                (_, true) => 6.0,
                (0 | 1, false) => 18.0,
                _ => 12.0,
            }
        }
        (Some(Block::Heading { .. }), _) => 6.0,
        (Some(Block::Table(_)), _) | (_, Block::Table(_)) => 10.0,
        (Some(Block::Note { .. }), Block::Note { .. }) => 5.0,
        _ => 7.0,
    }
}

fn heading_size(level: u8) -> f32 {
    if level <= 1 { H1 } else { H2 }
}

/// A heading's lines and the space its rule takes under them.
fn heading_lines(level: u8, text: &str) -> (Vec<String>, f32) {
    let size = heading_size(level);
    let rule = if level <= 1 { 5.0 } else { 0.0 };
    (wrap(text, size, WIDTH), rule)
}

/// The height of block `i` up to the end of its first line or row (headings: with what
/// follows), space before it included: what must fit on the page for a heading to stay with it.
fn first_unit(doc: &Doc, i: usize, kind_w: f32) -> f32 {
    let most = BOTTOM - TOP;
    let mut total = 0.0;
    // Headings one after another add up, up to a page (a loop, not recursion: a document of
    // nothing but headings must not exhaust the stack).
    for (k, b) in doc.blocks.iter().enumerate().skip(i) {
        if matches!(b, Block::PageBreak) || total >= most {
            break;
        }
        let prev = k.checked_sub(1).and_then(|p| doc.blocks.get(p));
        total += gap_before(prev, b);
        let unit = match b {
            Block::Heading { level, text } => {
                let (lines, rule) = heading_lines(*level, text);
                total += lines.len() as f32 * lead(heading_size(*level)) + rule;
                continue;
            }
            Block::Text(t) | Block::Quiet(t) => {
                if wrap(t, TEXT, WIDTH).is_empty() {
                    0.0
                } else {
                    lead(TEXT)
                }
            }
            Block::Note {
                kind,
                text,
                meta,
                decision,
            } => NoteLines::of(kind, text, meta, *decision, kind_w).first(),
            Block::Table(t) if t.cols.is_empty() => 0.0,
            Block::Table(t) => {
                let g = Grid::of(t);
                g.first(t.rows.first().map(|r| Grid::row_h(&g.lines(&r.cells))))
            }
            Block::PageBreak => 0.0,
        };
        total += unit;
        break;
    }
    total.min(most)
}

/// Where everything of `doc` goes on A4 pages; no PDF is made.
pub fn lay_out(doc: &Doc) -> Result<Laid, PrintError> {
    let mut f = Flow {
        page: 0,
        y: TOP,
        runs: Vec::new(),
        what: Vec::new(),
        shapes: Vec::new(),
        heads: Vec::new(),
        hold: false,
    };
    title_block(&mut f, doc);
    let kind_w = kind_width(doc);
    let mut prev: Option<&Block> = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        let what = |part| What {
            block: Some(i),
            part,
        };
        if matches!(b, Block::PageBreak) {
            if !f.at_top() {
                f.new_page();
            }
            f.hold = false;
            prev = Some(b);
            continue;
        }
        // After the title block, space as after a table.
        let gap = match prev {
            None if f.at_top() => 0.0,
            None => 14.0,
            Some(_) => gap_before(prev, b),
        };
        match b {
            Block::Heading { level, text } => {
                let keep = {
                    let (lines, rule) = heading_lines(*level, text);
                    gap + lines.len() as f32 * lead(heading_size(*level))
                        + rule
                        + first_unit(doc, i + 1, kind_w)
                };
                if !f.fits(keep.min(BOTTOM - TOP)) && !f.at_top() {
                    f.new_page();
                } else {
                    f.gap(gap);
                }
                let (lines, rule) = heading_lines(*level, text);
                let size = heading_size(*level);
                f.lines(
                    what(Part::Heading),
                    &lines,
                    size,
                    MARGIN,
                    WIDTH,
                    Align::Left,
                );
                if rule > 0.0 && !lines.is_empty() {
                    let y = f.y + 1.5;
                    f.line((MARGIN, y), (MARGIN + WIDTH, y), 0.8, 70);
                    f.y += rule;
                }
                f.hold = !lines.is_empty();
            }
            Block::Text(t) | Block::Quiet(t) => {
                f.gap(gap);
                let part = if matches!(b, Block::Text(_)) {
                    Part::Text
                } else {
                    Part::Quiet
                };
                let lines = wrap(t, TEXT, WIDTH);
                f.lines(what(part), &lines, TEXT, MARGIN, WIDTH, Align::Left);
            }
            Block::Note {
                kind,
                text,
                meta,
                decision,
            } => {
                f.gap(gap);
                note(
                    &mut f,
                    i,
                    &NoteLines::of(kind, text, meta, *decision, kind_w),
                    kind_w,
                );
            }
            Block::Table(t) => {
                f.gap(gap);
                table(&mut f, i, t);
            }
            Block::PageBreak => {}
        }
        // What a heading held for has had its chance to start on the heading's page.
        if !matches!(b, Block::Heading { .. }) {
            f.hold = false;
        }
        prev = Some(b);
    }
    let pages = f.page + 1;
    Ok(Laid {
        pages,
        footer: footer(doc, pages),
        runs: f.runs,
        what: f.what,
        shapes: f.shapes,
        heads: f.heads,
    })
}

/// The title, the line under it and the fields in a box of labels and values.
fn title_block(f: &mut Flow, doc: &Doc) {
    let what = |part| What { block: None, part };
    let title = wrap(&doc.title, TITLE, WIDTH);
    f.lines(
        what(Part::Title),
        &title,
        TITLE,
        MARGIN,
        WIDTH,
        Align::Centre,
    );
    let subtitle = wrap(&doc.subtitle, SUBTITLE, WIDTH);
    if !subtitle.is_empty() {
        f.gap(2.0);
    }
    f.lines(
        what(Part::Subtitle),
        &subtitle,
        SUBTITLE,
        MARGIN,
        WIDTH,
        Align::Centre,
    );
    if doc.fields.is_empty() {
        return;
    }
    f.gap(12.0);
    let g = Grid::fields(&doc.fields);
    let rows: Vec<Lines> = doc
        .fields
        .iter()
        .map(|(k, v)| Lines {
            cells: g.lines(&[k.clone(), v.clone()]),
            marked: false,
        })
        .collect();
    grid(f, None, &g, &rows);
}

/// A note: the kind in its column, the text beside it, the meta after it; a decision in a
/// shaded box with a dark bar at its left, on every page it runs over.
fn note(f: &mut Flow, block: usize, n: &NoteLines, kind_w: f32) {
    let what = |part| What {
        block: Some(block),
        part,
    };
    let h = lead(TEXT);
    let pad = n.pad();
    let text_x = MARGIN + kind_w;
    let text_w = WIDTH - kind_w - PAD;
    let rows = n.rows();
    f.room(n.first());
    let mut seg_top = f.y;
    f.y += pad;
    for r in 0..rows {
        let last = r + 1 == rows;
        let need = h + if last { pad } else { 0.0 };
        if !f.fits(need) && !f.at_top() {
            close_note(f, n.decision, seg_top);
            f.new_page();
            seg_top = f.y;
        }
        let top = f.y;
        if let Some(k) = n.kind.get(r) {
            let cell = (MARGIN + KIND_X, top, kind_w - KIND_X - 4.0, h);
            f.put(what(Part::Kind), k, KIND, cell, 0.0, Align::Left, top, h);
        }
        let cell = (text_x, top, text_w, h);
        if let Some(t) = n.text.get(r) {
            f.put(
                what(Part::NoteText),
                t,
                TEXT,
                cell,
                0.0,
                Align::Left,
                top,
                h,
            );
        }
        let meta_here = if n.meta_inline {
            r + 1 == n.text.len().max(1)
        } else {
            r == n.text.len()
        };
        if meta_here {
            let align = if n.meta_inline {
                Align::Right
            } else {
                Align::Left
            };
            f.put(what(Part::Meta), &n.meta, META, cell, 0.0, align, top, h);
        }
        f.y += h;
    }
    f.y += pad;
    close_note(f, n.decision, seg_top);
}

/// The box and bar of a decision's part on this page, from `top` to the cursor.
fn close_note(f: &mut Flow, decision: bool, top: f32) {
    if decision && f.y > top {
        let h = f.y - top;
        f.fill((MARGIN, top, WIDTH, h), DECISION_FILL);
        f.fill((MARGIN, top, BAR, h), DECISION_BAR);
    }
}

/// A table of the document, then its note in small text.
fn table(f: &mut Flow, block: usize, t: &Table) {
    if !t.cols.is_empty() {
        let g = Grid::of(t);
        let rows: Vec<Lines> = t
            .rows
            .iter()
            .map(|r| Lines {
                cells: g.lines(&r.cells),
                marked: r.marked,
            })
            .collect();
        grid(f, Some(block), &g, &rows);
    }
    if let Some(note) = &t.note {
        let lines = wrap(note, SMALL, WIDTH);
        if !lines.is_empty() {
            f.gap(4.0);
        }
        let what = What {
            block: Some(block),
            part: Part::TableNote,
        };
        f.lines(what, &lines, SMALL, MARGIN, WIDTH, Align::Left);
    }
}

/// A part of a grid on one page: where it starts and where each of its rows ends.
struct Segment {
    top: f32,
    rows: Vec<f32>,
}

/// The rows of `g` (the table of `block`, or the title block's fields) down the page: the
/// header row first and again at the top of each page the table goes on to; a row moved whole
/// to the next page unless it alone is taller than a page, which is split between its lines.
fn grid(f: &mut Flow, block: Option<usize>, g: &Grid, rows: &[Lines]) {
    let lh = cell_lead(CELL);
    f.room(g.first(rows.first().map(|r| Grid::row_h(&r.cells))));
    let mut seg = Segment {
        top: f.y,
        rows: Vec::new(),
    };
    head(f, block, g);
    let fresh = BOTTOM - TOP - g.head_h;
    for (ri, row) in rows.iter().enumerate() {
        let n = row.cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut from = 0;
        while from < n {
            let h = (n - from) as f32 * lh + 2.0 * VPAD;
            let take = if f.fits(h) {
                n - from
            } else if from == 0 && h <= fresh + 0.01 && !seg.rows.is_empty() {
                // The whole row on the next page.
                0
            } else {
                // Taller than a page: as many of its lines as fit here.
                (((BOTTOM - f.y - 2.0 * VPAD) / lh).floor().max(0.0) as usize).min(n - from)
            };
            if take == 0 && !seg.rows.is_empty() {
                close_grid(f, g, &seg);
                f.new_page();
                seg = Segment {
                    top: f.y,
                    rows: Vec::new(),
                };
                head(f, block, g);
                continue;
            }
            // At the top of a page (under the header) at least one line goes, so the table ends.
            let take = take.max(1);
            let h = take as f32 * lh + 2.0 * VPAD;
            let top = f.y;
            let (x0, _, _) = g.cols.first().copied().unwrap_or((MARGIN, 0.0, false));
            if row.marked {
                f.fill((x0, top, WIDTH, h), MARKED_FILL);
            }
            for (ci, ((x, w, centred), lines)) in g.cols.iter().zip(&row.cells).enumerate() {
                let cell = (*x, top, *w, h);
                if g.shade_first && ci == 0 {
                    f.fill(cell, LABEL_FILL);
                }
                let part = match (block, ci) {
                    (Some(_), col) => Part::Cell { row: ri, col },
                    (None, 0) => Part::Label { row: ri },
                    (None, _) => Part::Value { row: ri },
                };
                let align = if *centred { Align::Centre } else { Align::Left };
                for (k, line) in lines.iter().skip(from).take(take).enumerate() {
                    let line_top = top + VPAD + k as f32 * lh;
                    f.put(
                        What { block, part },
                        line,
                        CELL,
                        cell,
                        PAD,
                        align,
                        line_top,
                        lh,
                    );
                }
            }
            f.y += h;
            seg.rows.push(f.y);
            from += take;
        }
    }
    close_grid(f, g, &seg);
}

/// The header row of `g` at the cursor, shaded, its titles centred.
fn head(f: &mut Flow, block: Option<usize>, g: &Grid) {
    let (Some(titles), Some(block)) = (&g.head, block) else {
        return;
    };
    let top = f.y;
    let h = g.head_h;
    f.heads.push(HeadRow {
        block,
        page: f.page,
        y: top,
    });
    f.fill((MARGIN, top, WIDTH, h), HEAD_FILL);
    let lh = cell_lead(CELL);
    for (col, ((x, w, _), lines)) in g.cols.iter().zip(titles).enumerate() {
        let cell = (*x, top, *w, h);
        let first = top + (h - lines.len() as f32 * lh) / 2.0;
        for (k, line) in lines.iter().enumerate() {
            let what = What {
                block: Some(block),
                part: Part::Head { col },
            };
            f.put(
                what,
                line,
                CELL,
                cell,
                PAD,
                Align::Centre,
                first + k as f32 * lh,
                lh,
            );
        }
    }
    f.y += h;
}

/// The grid lines of a table's part on one page: thin grey lines between rows and columns, a
/// darker one under the header, the outer frame.
fn close_grid(f: &mut Flow, g: &Grid, seg: &Segment) {
    let bottom = f.y;
    if bottom <= seg.top {
        return;
    }
    let right = MARGIN + WIDTH;
    let head_end = seg.top + if g.head.is_some() { g.head_h } else { 0.0 };
    for y in seg
        .rows
        .iter()
        .filter(|y| **y < bottom - 0.5 && **y > head_end + 0.5)
    {
        f.line((MARGIN, *y), (right, *y), INNER_W, INNER_GREY);
    }
    if g.head.is_some() && head_end < bottom - 0.5 {
        f.line((MARGIN, head_end), (right, head_end), 0.7, 60);
    }
    for (x, _, _) in g.cols.iter().skip(1) {
        f.line((*x, seg.top), (*x, bottom), INNER_W, INNER_GREY);
    }
    f.shapes.push(Shape::Frame {
        page: f.page,
        rect: (MARGIN, seg.top, WIDTH, bottom - seg.top),
        width: OUTER_W,
        grey: 0,
    });
}

/// The footer of every page: the document's words at the left (cut to half the width), the
/// page number at the right.
fn footer(doc: &Doc, pages: usize) -> Vec<Run> {
    let (x, top, w, h) = FOOT;
    let base = baseline(top, h, FOOT_SIZE);
    let words = cut(
        &doc.footer.replace(['\n', '\r', '\t'], " "),
        FOOT_SIZE,
        w / 2.0,
    );
    let mut out = Vec::new();
    for page in 0..pages {
        if !words.is_empty() {
            out.push(Run {
                page,
                x,
                baseline: base,
                size: FOOT_SIZE,
                text: words.clone(),
                cell: FOOT,
            });
        }
        let n = i18n::print_page(page + 1, pages, doc.lang);
        out.push(Run {
            page,
            x: x + w - text_width(&n, FOOT_SIZE),
            baseline: base,
            size: FOOT_SIZE,
            text: n,
            cell: FOOT,
        });
    }
    out
}

/// The grey a run is printed in.
fn grey(w: &What) -> u8 {
    match w.part {
        Part::Quiet => QUIET_GREY,
        Part::Meta => META_GREY,
        Part::Kind | Part::TableNote => NOTE_GREY,
        _ => 0,
    }
}

fn draw(pen: &mut Pen, run: &Run, grey: u8) {
    if run.text.is_empty() {
        return;
    }
    pen.s.set_stroke(None);
    pen.s.set_fill(Some(Fill {
        paint: luma::Color::new(grey).into(),
        ..Fill::default()
    }));
    pen.s.draw_text(
        Point::from_xy(run.x, run.baseline),
        pen.font.clone(),
        run.size,
        &printed(&run.text),
        false,
        TextDirection::Auto,
    );
}

/// The PDF of `doc` and its number of pages.
pub fn render(
    doc: &Doc,
    progress: &mut dyn crate::progress::Progress,
) -> Result<(Vec<u8>, usize), PrintError> {
    let laid = lay_out(doc)?;
    let font = font()?;
    progress.start(crate::progress::Stage::Print, laid.pages as u64);
    let mut pdf = Document::new();
    let title = if doc.subtitle.is_empty() {
        doc.title.clone()
    } else {
        format!("{} — {}", doc.title, doc.subtitle)
    };
    pdf.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title)
            .language(if doc.lang == Lang::Ko { "ko" } else { "en" }.into())
            .creator("netday".into()),
    );
    let mut shapes: Vec<Vec<&Shape>> = vec![Vec::new(); laid.pages];
    for s in &laid.shapes {
        if let Some(p) = shapes.get_mut(s.page()) {
            p.push(s);
        }
    }
    let mut runs: Vec<Vec<(&Run, u8)>> = vec![Vec::new(); laid.pages];
    for (r, w) in laid.runs.iter().zip(&laid.what) {
        if let Some(p) = runs.get_mut(r.page) {
            p.push((r, grey(w)));
        }
    }
    for r in &laid.footer {
        if let Some(p) = runs.get_mut(r.page) {
            p.push((r, META_GREY));
        }
    }
    for (page_no, (shapes, runs)) in shapes.iter().zip(&runs).enumerate() {
        let mut page = pdf.start_page();
        let mut s = page.surface();
        let mut pen = Pen {
            s: &mut s,
            font: font.clone(),
        };
        // Fills under lines, lines under text.
        for shape in shapes {
            if let Shape::Fill { rect, grey, .. } = shape {
                pen.fill(*rect, *grey);
            }
        }
        for shape in shapes {
            match shape {
                Shape::Line {
                    from,
                    to,
                    width,
                    grey,
                    ..
                } => pen.line(*from, *to, *width, *grey),
                Shape::Frame {
                    rect, width, grey, ..
                } => pen.frame(*rect, *width, *grey, None),
                Shape::Fill { .. } => {}
            }
        }
        let rule = FOOT.1 - 3.0;
        pen.line((MARGIN, rule), (MARGIN + WIDTH, rule), 0.4, 160);
        for (run, grey) in runs {
            draw(&mut pen, run, *grey);
        }
        s.finish();
        page.finish();
        progress.set(page_no as u64 + 1);
    }
    Ok((finish(pdf)?, laid.pages))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(lines: &[String], size: f32, width: f32) {
        for l in lines {
            assert!(text_width(l, size) <= width, "{l:?} wider than {width}");
        }
    }

    #[test]
    fn lines_break_at_spaces_and_long_words_between_letters() {
        let text = "서울특별시 사회적경제 지원센터의 협동조합 상생 협의회가 모였습니다";
        let lines = wrap(text, 10.0, 120.0);
        assert!(lines.len() > 1);
        w(&lines, 10.0, 120.0);
        // Broken at spaces only: every word whole on a line.
        for word in text.split(' ') {
            assert!(
                lines.iter().any(|l| l.split(' ').any(|x| x == word)),
                "{word}: {lines:?}"
            );
        }
        let long = "서울특별시사회적경제지원센터협동조합상생협의회강북지부사무국";
        let lines = wrap(long, 10.0, 80.0);
        assert!(lines.len() > 2);
        w(&lines, 10.0, 80.0);
        assert_eq!(lines.concat(), long);
        assert_eq!(wrap("가\n\n나\n", 10.0, 80.0), ["가", "", "나"]);
        assert!(wrap("  \n ", 10.0, 80.0).is_empty());
        // Narrower than any letter: nothing, and no endless loop.
        assert!(wrap("가나다", 10.0, 1.0).is_empty());
    }
}
