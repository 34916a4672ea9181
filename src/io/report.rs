//! A document for people to read, print and edit — the minutes as a PDF and as a .docx — kept as
//! a list of blocks that each writer lays out its own way: `print::report` on A4 pages with the
//! bundled font, `docx` as Word/Hancom headings, paragraphs and tables. What the minutes say is
//! decided once, in `minutes::report`; the writers only decide how it looks.

use crate::i18n::Lang;

/// One document: a title, label/value lines under it, then the blocks in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// The big line at the top of the first page ("회의록").
    pub title: String,
    /// The line under it (the day's title).
    pub subtitle: String,
    /// Label and value pairs of the title block (일시, 장소, 지역, 작성), in order.
    pub fields: Vec<(String, String)>,
    pub blocks: Vec<Block>,
    /// Words at the foot of every page before the page number (the day's title and date).
    pub footer: String,
    pub lang: Lang,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section heading (level 1) or the heading of a part of a section (level 2).
    Heading {
        level: u8,
        text: String,
    },
    /// Running text; a '\n' starts a new line.
    Text(String),
    /// A quiet line that says a part is empty ("(없음)").
    Quiet(String),
    /// One note under an agenda item: the word for its kind ("메모", "결정"), its text (which may
    /// hold '\n'), and when and by whom ("14:05, 사무국"). A decision is set apart from the notes.
    Note {
        kind: String,
        text: String,
        meta: String,
        decision: bool,
    },
    Table(Table),
    /// What follows starts on a new page (the 출석부 at the end).
    PageBreak,
}

/// A table whose header row is repeated on every page it runs over.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub cols: Vec<Col>,
    pub rows: Vec<Row>,
    /// A line under the table that explains a mark in it ("※ 이월: 지난 모임에서 넘어온 과제").
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Col {
    pub title: String,
    /// Relative width: a column of weight 2 is twice as wide as one of weight 1.
    pub weight: u16,
    /// Short values (numbers, times, dates) are centred; text starts at the left.
    pub centred: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// One text per column; a cell's text may be longer than its column (the writer wraps it).
    pub cells: Vec<String>,
    /// Drawn set apart (shaded): a carried-over action item, a total line.
    pub marked: bool,
}

impl Col {
    pub fn new(title: impl Into<String>, weight: u16, centred: bool) -> Col {
        Col {
            title: title.into(),
            weight,
            centred,
        }
    }
}

impl Row {
    pub fn new(cells: Vec<String>) -> Row {
        Row {
            cells,
            marked: false,
        }
    }
}

impl Doc {
    /// Every piece of text in the document, in reading order: what a reader of the finished file
    /// must find again (the tests compare the PDF's and the .docx's text with it).
    pub fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![&self.title, &self.subtitle];
        for (k, v) in &self.fields {
            out.push(k);
            out.push(v);
        }
        for b in &self.blocks {
            match b {
                Block::Heading { text, .. } | Block::Text(text) | Block::Quiet(text) => {
                    out.push(text)
                }
                Block::Note {
                    kind, text, meta, ..
                } => out.extend([kind.as_str(), text, meta]),
                Block::Table(t) => {
                    out.extend(t.cols.iter().map(|c| c.title.as_str()));
                    for r in &t.rows {
                        out.extend(r.cells.iter().map(String::as_str));
                    }
                    out.extend(t.note.as_deref());
                }
                Block::PageBreak => {}
            }
        }
        out.retain(|t| !t.is_empty());
        out
    }
}
