//! The minutes as a .docx (Word, Hancom Office): a `report::Doc` written with docx-rs.
//!
//! Everything is built with docx-rs's builder API; no XML is written by hand. The file has real
//! paragraph styles (`Title`, `Subtitle`, `Heading1`/`Heading2` named "heading 1"/"heading 2" with
//! outline levels, so Word's navigation pane and Hancom's 개요 see the sections), 맑은 고딕 as the
//! font, an A4 page with 20 mm margins, and a footer with the day and "- page / pages -" on every
//! page. Tables are real tables whose column widths follow the column weights.
//!
//! What docx-rs cannot say, and so the file does not: a repeated table header row (`w:tblHeader`),
//! the text language (`w:lang`), and the document title in its properties.
//!
//! The output depends only on the `Doc`: paragraph ids are numbered here (docx-rs would take
//! them from a per-thread counter), the package dates are docx-rs's fixed 1970-01-01 and the zip
//! entries carry the zip format's fixed default time.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Footer, LineSpacing, LineSpacingType, NumPages,
    PageMargin, PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders,
    Run, RunFonts, Shading, Style, StyleType, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::io::report::{self, Block, Doc};

/// Why the minutes could not be written as a .docx. Nothing was written to disk by `write`.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// docx-rs failed to lay out or pack the document.
    #[error("could not build the .docx: {0}")]
    Build(String),
}

impl DocxError {
    /// One Korean line: what happened and what to do.
    pub fn ko(&self) -> String {
        match self {
            DocxError::Build(detail) => format!(
                "회의록 .docx를 만들지 못했습니다 ({detail}). 아무 파일도 쓰지 않았습니다. \
                 PDF로 내보내거나, 다시 해도 안 되면 이 문구를 알려 주세요."
            ),
        }
    }

    /// The same in English.
    pub fn en(&self) -> String {
        match self {
            DocxError::Build(detail) => format!(
                "Could not make the minutes .docx ({detail}). No file was written. \
                 Export a PDF instead, or report this line if it happens again."
            ),
        }
    }
}

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// 20 mm in twips.
const MARGIN: i32 = 1134;
/// The width text runs over, in dxa (twips): the page less both margins.
const TEXT_WIDTH: usize = (PAGE_W as usize) - 2 * (MARGIN as usize);

const FONT_HANGUL: &str = "맑은 고딕";
const FONT_LATIN: &str = "Malgun Gothic";

/// Style ids, as `w:pStyle` names them.
const STYLE_TITLE: &str = "Title";
const STYLE_SUBTITLE: &str = "Subtitle";
const STYLE_HEADING1: &str = "Heading1";
const STYLE_HEADING2: &str = "Heading2";
/// Bold and kept with the next paragraph: what the title and headings are based on.
const STYLE_HEADING_BASE: &str = "HeadingBase";
const STYLE_QUIET: &str = "Quiet";
const STYLE_NOTE: &str = "Note";
const STYLE_CELL: &str = "TableText";
const STYLE_TABLE_NOTE: &str = "TableNote";
const STYLE_FOOTER: &str = "Footer";

/// Fills (hex RGB) of the shaded parts.
const FILL_HEADER: &str = "D9D9D9";
const FILL_LABEL: &str = "EDEDED";
const FILL_MARKED: &str = "F2F2F2";
const FILL_DECISION: &str = "F2F2F2";
const GREY_TEXT: &str = "7F7F7F";
const BORDER_COLOUR: &str = "808080";

/// The minutes as the bytes of a .docx file.
pub fn write(doc: &Doc) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer::default();
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN)
                .header(567)
                .footer(567)
                .gutter(0),
        )
        // Only the fonts in the defaults' run properties: docx-rs writes `w:sz` before `w:rFonts`,
        // out of the schema's order, and some Word versions drop what comes out of order. Without
        // `w:sz` the text is 10 pt, which is what the body should be.
        .default_fonts(fonts())
        .default_line_spacing(
            LineSpacing::new()
                .after(80)
                .line(264)
                .line_rule(LineSpacingType::Auto),
        );
    for s in styles() {
        docx = docx.add_style(s);
    }
    docx = docx.footer(w.footer(&doc.footer));

    for p in w.title_block(doc) {
        docx = docx.add_paragraph(p);
    }
    if let Some(t) = w.fields(&doc.fields) {
        docx = docx.add_table(t);
    }
    for b in &doc.blocks {
        docx = w.block(docx, b);
    }

    let mut out = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| DocxError::Build(docx_rs::DocxError::from(e).to_string()))?;
    Ok(out.into_inner())
}

/// Numbers the paragraphs itself, so that the same `Doc` gives the same bytes.
#[derive(Default)]
struct Writer {
    next_id: u32,
}

impl Writer {
    fn p(&mut self) -> Paragraph {
        // w14:paraId: eight hex digits, above 0 and below 0x80000000.
        self.next_id = self.next_id % 0x7FFF_FFFE + 1;
        Paragraph::new().id(format!("{:08X}", self.next_id))
    }

    fn styled(&mut self, style: &str) -> Paragraph {
        self.p().style(style)
    }

    fn footer(&mut self, text: &str) -> Footer {
        let mut p = self.styled(STYLE_FOOTER).align(AlignmentType::Center);
        let text = clean(text).replace('\n', " ");
        if !text.trim().is_empty() {
            p = p.add_run(Run::new().add_text(format!("{text}    ")));
        }
        let p = p
            .add_run(Run::new().add_text("- "))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" / "))
            .add_num_pages(NumPages::new())
            .add_run(Run::new().add_text(" -"));
        Footer::new().add_paragraph(p)
    }

    fn title_block(&mut self, doc: &Doc) -> Vec<Paragraph> {
        let mut out = vec![lines_in_one(
            self.styled(STYLE_TITLE),
            &doc.title,
            Run::bold,
        )];
        if !doc.subtitle.is_empty() {
            out.push(lines_in_one(
                self.styled(STYLE_SUBTITLE),
                &doc.subtitle,
                |r| r,
            ));
        }
        out
    }

    /// The label/value lines under the title as a two-column table, labels shaded.
    fn fields(&mut self, fields: &[(String, String)]) -> Option<Table> {
        if fields.is_empty() {
            return None;
        }
        let widths = vec![TEXT_WIDTH / 5, TEXT_WIDTH - TEXT_WIDTH / 5];
        let rows = fields
            .iter()
            .map(|(k, v)| {
                let label = TableCell::new()
                    .add_paragraph(lines_in_one(self.styled(STYLE_CELL), k, Run::bold))
                    .width(widths[0], WidthType::Dxa)
                    .shading(fill(FILL_LABEL));
                let value = TableCell::new()
                    .add_paragraph(lines_in_one(self.styled(STYLE_CELL), v, |r| r))
                    .width(widths[1], WidthType::Dxa);
                TableRow::new(vec![label, value]).cant_split()
            })
            .collect();
        Some(table(rows, widths))
    }

    /// `b` added to the body of `docx`.
    fn block(&mut self, docx: Docx, b: &Block) -> Docx {
        match b {
            Block::Heading { level, text } => {
                let style = if *level <= 1 {
                    STYLE_HEADING1
                } else {
                    STYLE_HEADING2
                };
                docx.add_paragraph(lines_in_one(self.styled(style), text, Run::bold))
            }
            Block::Text(text) => self.lines(docx, text, None),
            Block::Quiet(text) => self.lines(docx, text, Some(STYLE_QUIET)),
            Block::Note {
                kind,
                text,
                meta,
                decision,
            } => docx.add_paragraph(self.note(kind, text, meta, *decision)),
            Block::Table(t) => self.table(docx, t),
            Block::PageBreak => {
                docx.add_paragraph(self.p().add_run(Run::new().add_break(BreakType::Page)))
            }
        }
    }

    /// One paragraph per line.
    fn lines(&mut self, mut docx: Docx, text: &str, style: Option<&str>) -> Docx {
        for line in clean(text).split('\n') {
            let p = match style {
                Some(s) => self.styled(s),
                None => self.p(),
            };
            docx = docx.add_paragraph(p.add_run(text_run(Run::new(), line)));
        }
        docx
    }

    /// "kind: text (meta)" with the kind in bold; the text's lines are kept as line breaks, so a
    /// decision's shading and border hold all of it.
    fn note(&mut self, kind: &str, text: &str, meta: &str, decision: bool) -> Paragraph {
        let mut p = self.styled(STYLE_NOTE);
        let kind = clean(kind).replace('\n', " ");
        let text = clean(text);
        let meta = clean(meta).replace('\n', " ");
        if !kind.is_empty() {
            p = p.add_run(Run::new().bold().add_text(kind));
            p = p.add_run(Run::new().add_text(if text.is_empty() { "" } else { ": " }));
        }
        if !text.is_empty() {
            p = p.add_run(lines_run(Run::new(), &text));
        }
        if !meta.is_empty() {
            p = p.add_run(Run::new().color(GREY_TEXT).add_text(format!(" ({meta})")));
        }
        if decision {
            p.property = p
                .property
                .shading(fill(FILL_DECISION))
                // Only the left border: docx-rs's `set_border` would start from a thin box.
                .set_borders(
                    ParagraphBorders::with_empty().set(
                        ParagraphBorder::new(ParagraphBorderPosition::Left)
                            .val(BorderType::Single)
                            .size(18)
                            .space(6)
                            .color("404040"),
                    ),
                );
        }
        p
    }

    /// A real table: grid widths from the weights, the header row bold and shaded, marked rows
    /// shaded, centred columns centred; its note as a small paragraph after it.
    fn table(&mut self, mut docx: Docx, t: &report::Table) -> Docx {
        let ncols = t
            .rows
            .iter()
            .map(|r| r.cells.len())
            .max()
            .unwrap_or(0)
            .max(t.cols.len());
        if ncols > 0 {
            let weights: Vec<u16> = (0..ncols)
                .map(|i| t.cols.get(i).map_or(1, |c| c.weight.max(1)))
                .collect();
            let widths = grid(&weights, TEXT_WIDTH);
            let centred: Vec<bool> = (0..ncols)
                .map(|i| t.cols.get(i).is_some_and(|c| c.centred))
                .collect();
            let mut rows = Vec::with_capacity(t.rows.len() + 1);
            let titles: Vec<&str> = (0..ncols)
                .map(|i| t.cols.get(i).map_or("", |c| c.title.as_str()))
                .collect();
            rows.push(self.row(&titles, &widths, &centred, Some(FILL_HEADER), true));
            for r in &t.rows {
                let cells: Vec<&str> = (0..ncols)
                    .map(|i| r.cells.get(i).map_or("", String::as_str))
                    .collect();
                let shade = r.marked.then_some(FILL_MARKED);
                rows.push(self.row(&cells, &widths, &centred, shade, false));
            }
            docx = docx.add_table(table(rows, widths));
        }
        if let Some(note) = &t.note {
            docx = docx.add_paragraph(lines_in_one(self.styled(STYLE_TABLE_NOTE), note, |r| {
                r.color(GREY_TEXT)
            }));
        }
        docx
    }

    fn row(
        &mut self,
        cells: &[&str],
        widths: &[usize],
        centred: &[bool],
        shade: Option<&str>,
        bold: bool,
    ) -> TableRow {
        let cells = cells
            .iter()
            .zip(widths)
            .zip(centred)
            .map(|((text, width), centred)| {
                let mut p = self.styled(STYLE_CELL);
                if *centred {
                    p = p.align(AlignmentType::Center);
                }
                let p = lines_in_one(p, text, |r| if bold { r.bold() } else { r });
                let mut c = TableCell::new()
                    .add_paragraph(p)
                    .width(*width, WidthType::Dxa);
                if let Some(f) = shade {
                    c = c.shading(fill(f));
                }
                c
            })
            .collect();
        TableRow::new(cells).cant_split()
    }
}

/// Column widths in dxa from relative weights; they add up to `total` exactly.
fn grid(weights: &[u16], total: usize) -> Vec<usize> {
    let sum: usize = weights.iter().map(|w| usize::from(*w)).sum();
    if sum == 0 {
        return Vec::new();
    }
    let mut out: Vec<usize> = weights
        .iter()
        .map(|w| total * usize::from(*w) / sum)
        .collect();
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - used;
    }
    out
}

fn table(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    let border = |pos| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(4)
            .color(BORDER_COLOUR)
    };
    let borders = TableBorders::new()
        .set(border(TableBorderPosition::Top))
        .set(border(TableBorderPosition::Bottom))
        .set(border(TableBorderPosition::Left))
        .set(border(TableBorderPosition::Right))
        .set(border(TableBorderPosition::InsideH))
        .set(border(TableBorderPosition::InsideV));
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
}

fn fill(hex: &str) -> Shading {
    Shading::new().color("auto").fill(hex)
}

/// A paragraph holding `text` in one run, its lines kept as line breaks.
fn lines_in_one(p: Paragraph, text: &str, f: impl Fn(Run) -> Run) -> Paragraph {
    p.add_run(lines_run(f(Run::new()), &clean(text)))
}

/// `text` (already clean) into `run`, '\n' as line breaks and '\t' as tabs.
fn lines_run(mut run: Run, text: &str) -> Run {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = text_run(run, line);
    }
    run
}

/// One line into `run`, tabs as tabs.
fn text_run(mut run: Run, line: &str) -> Run {
    for (i, piece) in line.split('\t').enumerate() {
        if i > 0 {
            run = run.add_tab();
        }
        if !piece.is_empty() {
            run = run.add_text(piece);
        }
    }
    run
}

/// `text` without what XML 1.0 cannot hold or a word processor should not see: C0 controls other
/// than tab and newline (a carriage return goes too: lines are split on '\n'), DEL, C1 controls
/// and the non-characters U+FFFE/U+FFFF. docx-rs escapes '&', '<', '>', '"' and '\'' itself.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            c == '\t' || c == '\n' || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect()
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .east_asia(FONT_HANGUL)
        .ascii(FONT_LATIN)
        .hi_ansi(FONT_LATIN)
        .cs(FONT_LATIN)
}

fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(264)
        .line_rule(LineSpacingType::Auto)
}

/// The paragraph styles the body uses. Sizes are in half-points.
///
/// docx-rs writes a run's properties as sz, color, b, …, rFonts, and a paragraph's as jc, ind,
/// spacing, outlineLvl, …, keepNext: not the schema's order (rFonts, b, color, sz; keepNext, …,
/// spacing, ind, jc, outlineLvl), and Word is reported to ignore what comes out of order. So no
/// property list here holds two that docx-rs would write the wrong way round: the fonts come from
/// the defaults alone, the bold and keep-with-next of the title and headings from a hidden base
/// style they are based on (their own lists hold the size, spacing and outline level), and the
/// title's and headings' runs are bold themselves as well.
fn styles() -> Vec<Style> {
    let para = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
    };
    let mut base = para(STYLE_HEADING_BASE, "Heading Base")
        .bold()
        .semi_hidden();
    base.paragraph_property = base.paragraph_property.keep_next(true).keep_lines(true);
    let heading = |id: &str, name: &str, level: usize, size: usize, before: u32| {
        para(id, name)
            .based_on(STYLE_HEADING_BASE)
            .size(size)
            .outline_lvl(level)
            .line_spacing(spacing(before, 120))
            .ui_priority(9)
    };
    vec![
        base,
        para(STYLE_TITLE, "Title")
            .based_on(STYLE_HEADING_BASE)
            .size(40)
            .line_spacing(spacing(0, 80))
            .ui_priority(10),
        para(STYLE_SUBTITLE, "Subtitle")
            .size(26)
            .line_spacing(spacing(0, 240))
            .ui_priority(11),
        heading(STYLE_HEADING1, "heading 1", 0, 28, 360),
        heading(STYLE_HEADING2, "heading 2", 1, 24, 240),
        para(STYLE_QUIET, "Quiet").color(GREY_TEXT),
        para(STYLE_NOTE, "Note").indent(Some(200), None, None, None),
        para(STYLE_CELL, "Table Text")
            .size(18)
            .line_spacing(spacing(0, 0)),
        para(STYLE_TABLE_NOTE, "Table Note")
            .size(16)
            .line_spacing(spacing(60, 160)),
        // Centred by its paragraph: docx-rs would write the style's `w:jc` before `w:spacing`.
        para(STYLE_FOOTER, "footer")
            .size(16)
            .line_spacing(spacing(0, 0)),
    ]
}
