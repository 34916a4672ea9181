//! A zipped spreadsheet (.xlsx, .ods) measured before calamine reads it: every entry is
//! inflated once into nothing, counting its bytes, so a zip bomb is refused before calamine
//! inflates it; the parts calamine would size its memory from are read for the sizes they
//! imply. calamine trusts a shared-string count for its first allocation and builds a whole
//! .ods in memory, repeated cells multiplied out, when the workbook is opened; and it reads an
//! .ods `content.xml` that ends inside a `<table:table>` forever (its table loop never looks
//! for the end of the file). So:
//! - an .xlsx's `sharedStrings.xml` may not announce more strings than it holds;
//! - an .ods's `content.xml` must be whole (every element closed), and the cells and text its
//!   tables become, repeats multiplied out as calamine does, must fit the budget.

use std::io::{self, BufRead, BufReader, Read};

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};

use super::CsvError;
use super::sheet::SheetKind;

/// How much a spreadsheet may become while it is read. `SheetBudget::DEFAULT` holds a
/// 1,000,000-row roster with 40 columns; a test may read under a smaller one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetBudget {
    /// Cells made in memory, blanks left of a cell in its row counted (for an .ods, every
    /// cell calamine makes, repeats multiplied out).
    pub cells: u64,
    /// Inflated bytes of one zip entry (a 1,000,000 × 20 worksheet is about 800 MB) and of all
    /// entries together (overlapping entries make a 10 MB zip 280 TB).
    pub entry_bytes: u64,
    pub total_bytes: u64,
    /// Bytes of text the cells of an .ods become, repeats multiplied out.
    pub text_bytes: u64,
}

impl SheetBudget {
    pub const DEFAULT: SheetBudget = SheetBudget {
        cells: 40_000_000,
        entry_bytes: 1 << 30,
        total_bytes: 2 << 30,
        text_bytes: 1 << 30,
    };
}

const ENTRIES: usize = 65_536;
/// calamine's caps on an .ods sheet (Excel's).
const ODS_ROWS: u64 = 1_048_576;
const ODS_COLUMNS: u64 = 16_384;

/// Checks the zip of `bytes` against the budget, entry by entry.
pub(super) fn measure(bytes: &[u8], kind: SheetKind, budget: &SheetBudget) -> Result<(), CsvError> {
    let mut zip = zip::ZipArchive::new(io::Cursor::new(bytes)).map_err(|_| CsvError::BadSheet)?;
    if zip.len() > ENTRIES {
        return Err(CsvError::TooBig);
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| CsvError::BadSheet)?;
        let name = entry.name_raw().to_ascii_lowercase();
        let mut counted = Counted {
            inner: entry,
            read: 0,
            limit: budget.entry_bytes,
            over: false,
        };
        let outcome = match kind {
            SheetKind::Ods if name == b"content.xml" => {
                ods_content(BufReader::with_capacity(1 << 16, &mut counted), budget)
            }
            SheetKind::Xlsx if name.ends_with(b"sharedstrings.xml") => {
                shared_strings(BufReader::with_capacity(1 << 16, &mut counted), budget)
            }
            _ => io::copy(&mut counted, &mut io::sink())
                .map(|_| ())
                .map_err(|_| CsvError::BadSheet),
        };
        if counted.over {
            return Err(CsvError::TooBig);
        }
        outcome?;
        // The rest of a part the XML ended before.
        io::copy(&mut counted, &mut io::sink()).map_err(|_| CsvError::BadSheet)?;
        if counted.over {
            return Err(CsvError::TooBig);
        }
        total += counted.read;
        if total > budget.total_bytes {
            return Err(CsvError::TooBig);
        }
    }
    Ok(())
}

/// A zip entry read no further than `limit` bytes.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
    over: bool,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            self.over = true;
            return Err(io::Error::other("entry over budget"));
        }
        Ok(n)
    }
}

fn xml<R: BufRead>(reader: R) -> XmlReader<R> {
    let mut xml = XmlReader::from_reader(reader);
    let config = xml.config_mut();
    config.expand_empty_elements = true;
    config.trim_text(false);
    config.check_end_names = true;
    xml
}

/// The number at the start of `raw` (after an optional '+'), saturating; what calamine's
/// number parsers take, or more.
fn leading_number(raw: &str) -> u64 {
    raw.strip_prefix('+')
        .unwrap_or(raw)
        .bytes()
        .take_while(|b| b.is_ascii_digit())
        .fold(0u64, |n, d| {
            n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
        })
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.into_owned())
}

/// calamine reserves room for the `uniqueCount` strings `<sst>` announces before reading any.
fn shared_strings<R: BufRead>(reader: R, budget: &SheetBudget) -> Result<(), CsvError> {
    let mut xml = xml(reader);
    let mut buf = Vec::new();
    let mut announced = 0u64;
    let mut held = 0u64;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "sst" => {
                    if let Some(v) = attr(&e, "uniqueCount") {
                        announced = announced.max(leading_number(&v));
                    }
                }
                "si" => held += 1,
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => return Err(CsvError::BadSheet),
        }
        buf.clear();
    }
    if held > budget.cells {
        return Err(CsvError::TooBig);
    }
    // Writers count slightly wrong at times; a count far above what is there is a lie.
    if announced > held.saturating_mul(2).saturating_add(65_536) {
        return Err(CsvError::BadSheet);
    }
    Ok(())
}

/// One table of an .ods, as calamine will hold it.
#[derive(Default)]
struct Table {
    /// Cells pushed row element by row element, before repeated rows are multiplied out.
    pushed: u64,
    /// Rows so far, repeats counted and capped as calamine caps them.
    rows: u64,
    /// First and end row (repeats counted) holding a cell, and the widest such row.
    first: Option<u64>,
    end: u64,
    width: u64,
    text: u64,
}

#[derive(Default)]
struct Row {
    repeats: u64,
    column: u64,
    pushed: u64,
    text: u64,
}

struct Cell {
    repeats: u64,
    filled: bool,
    text: u64,
    depth: usize,
}

/// Whether a cell attribute gives calamine a value or a formula (more than it looks at).
fn fills(key: &str) -> bool {
    key.starts_with("office:") || key == "table:formula" || key.starts_with("calcext:")
}

fn ods_content<R: BufRead>(reader: R, budget: &SheetBudget) -> Result<(), CsvError> {
    let mut xml = xml(reader);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let (mut cells, mut text) = (0u64, 0u64);
    let mut table: Option<(Table, usize)> = None;
    let mut row: Option<(Row, usize)> = None;
    let mut cell: Option<Cell> = None;
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|_| CsvError::BadSheet)?;
        match event {
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    "table:table" if table.is_none() => table = Some((Table::default(), depth)),
                    "table:table-row" if table.is_some() && row.is_none() => {
                        let repeats = match attr(&e, "table:number-rows-repeated") {
                            Some(v) => number(&v)?,
                            None => 1,
                        };
                        row = Some((
                            Row {
                                repeats,
                                ..Row::default()
                            },
                            depth,
                        ));
                    }
                    "table:table-cell" | "table:covered-table-cell"
                        if row.is_some() && cell.is_none() =>
                    {
                        let repeats = match attr(&e, "table:number-columns-repeated") {
                            Some(v) => number(&v)?,
                            None => 1,
                        };
                        let mut c = Cell {
                            repeats,
                            filled: false,
                            text: 0,
                            depth,
                        };
                        for a in e.attributes().with_checks(false).flatten() {
                            c.filled |= fills(a.key.as_ref());
                            c.text = c.text.saturating_add(a.value.len() as u64);
                        }
                        cell = Some(c);
                    }
                    "text:s" => {
                        if let Some(c) = cell.as_mut() {
                            let spaces = attr(&e, "text:c").map_or(1, |v| leading_number(&v));
                            c.text = c.text.saturating_add(spaces);
                        }
                    }
                    _ => {}
                }
                count_text(&mut cell, e.len());
            }
            Event::End(_) => {
                if cell.as_ref().is_some_and(|c| c.depth == depth)
                    && let (Some(c), Some((r, _))) = (cell.take(), row.as_mut())
                {
                    let runs = c.repeats.min(ODS_COLUMNS);
                    if c.filled {
                        r.pushed = r.pushed.max(r.column.saturating_add(runs).min(ODS_COLUMNS));
                        r.text = r.text.saturating_add(c.text.saturating_mul(runs));
                    }
                    r.column = r.column.saturating_add(c.repeats);
                } else if row.as_ref().is_some_and(|(_, d)| *d == depth)
                    && let (Some((r, _)), Some((t, _))) = (row.take(), table.as_mut())
                {
                    let repeats = r.repeats.min(ODS_ROWS.saturating_sub(t.rows));
                    t.pushed = t.pushed.saturating_add(r.pushed);
                    if r.pushed > 0 {
                        t.first.get_or_insert(t.rows);
                        t.end = t.rows + repeats;
                        t.width = t.width.max(r.pushed);
                    }
                    t.rows += repeats;
                    // Once as read, and once for each row it is repeated into.
                    t.text = t
                        .text
                        .saturating_add(r.text.saturating_mul(repeats.saturating_add(1)));
                    if t.pushed > budget.cells || t.text > budget.text_bytes {
                        return Err(CsvError::TooBig);
                    }
                } else if table.as_ref().is_some_and(|(_, d)| *d == depth)
                    && let Some((t, _)) = table.take()
                {
                    let rows = t.end - t.first.unwrap_or(t.end);
                    cells = cells
                        .saturating_add(t.pushed)
                        .saturating_add(rows.saturating_mul(t.width));
                    text = text.saturating_add(t.text);
                }
                depth = depth.checked_sub(1).ok_or(CsvError::BadSheet)?;
                if cells > budget.cells || text > budget.text_bytes {
                    return Err(CsvError::TooBig);
                }
            }
            Event::Text(t) => count_text(&mut cell, t.len()),
            Event::CData(t) => count_text(&mut cell, t.len()),
            Event::GeneralRef(t) => count_text(&mut cell, t.len().saturating_add(2)),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // Cut short inside an element: calamine would look for its end forever.
    if depth != 0 {
        return Err(CsvError::BadSheet);
    }
    Ok(())
}

fn count_text(cell: &mut Option<Cell>, len: usize) {
    if let Some(c) = cell.as_mut() {
        c.text = c.text.saturating_add(len as u64);
    }
}

/// A repeat count as calamine parses it (an error there is an error here).
fn number(raw: &str) -> Result<u64, CsvError> {
    raw.parse::<u64>().map_err(|_| CsvError::BadSheet)
}
