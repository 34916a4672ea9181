//! Spreadsheets in: .xlsx, .xls and .ods (calamine), told apart by their first bytes, each
//! sheet turned into the same records a CSV gives, with what Excel does to numbers undone.

use std::cell::Cell;
use std::io::Cursor;
use std::sync::Once;

use calamine::{Data, Reader, Sheets, Xlsx};

use super::CsvError;
use super::biff;
use super::records::Raw;
use super::zipped::{self, SheetBudget};

/// The kind of spreadsheet a file is, by its magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    Xlsx,
    Xls,
    Ods,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// An OpenDocument file starts with an uncompressed `mimetype` entry naming its type.
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// The spreadsheet kind of `bytes`, or `None` for text. An .xlsx saved with a password is an
/// OLE file too (holding an `EncryptedPackage`), and is told apart when opened.
pub fn sheet_kind(bytes: &[u8]) -> Option<SheetKind> {
    if bytes.starts_with(ZIP) {
        let head = &bytes[..bytes.len().min(256)];
        return Some(if head.windows(ODS_MIME.len()).any(|w| w == ODS_MIME) {
            SheetKind::Ods
        } else {
            SheetKind::Xlsx
        });
    }
    bytes.starts_with(OLE).then_some(SheetKind::Xls)
}

/// What reading a workbook gives, in order: a sheet's name, then that sheet's non-empty rows,
/// each with its 1-based row number.
pub(super) enum SheetPart {
    Sheet(String),
    Record(Raw),
}

fn encrypted_ooxml(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name)
}

/// Every sheet of the workbook, in the workbook's order, handed to `each` row by row. A zipped
/// workbook is measured first (`zipped::measure`); the rows of an .xlsx are streamed cell by
/// cell, never as calamine's whole rectangle from A1 to the last cell, and no more than
/// `budget.cells` cells (blanks up to the last cell of each row counted) are made.
pub(super) fn read_sheets(
    bytes: &[u8],
    kind: SheetKind,
    budget: &SheetBudget,
    each: &mut dyn FnMut(SheetPart),
) -> Result<(), CsvError> {
    if kind == SheetKind::Xls && encrypted_ooxml(bytes) {
        return Err(CsvError::Protected);
    }
    if kind == SheetKind::Xls {
        biff::measure(bytes, budget)?;
    } else {
        zipped::measure(bytes, kind, budget)?;
    }
    let cursor = Cursor::new(bytes);
    let mut made = 0u64;
    match kind {
        SheetKind::Xlsx => {
            let mut book: Xlsx<Cursor<&[u8]>> =
                calamine::open_workbook_from_rs(cursor).map_err(|_| CsvError::BadSheet)?;
            for name in book.sheet_names() {
                each(SheetPart::Sheet(name.clone()));
                let mut cells = book
                    .worksheet_cells_reader(&name)
                    .map_err(|_| CsvError::BadSheet)?;
                let mut row: Option<(u32, Vec<String>)> = None;
                while let Some(cell) = cells.next_cell().map_err(|_| CsvError::BadSheet)? {
                    let (at, column) = cell.get_position();
                    let text = cell_text(&Data::from(cell.get_value().clone()));
                    if text.is_empty() {
                        continue;
                    }
                    if row.as_ref().is_some_and(|(r, _)| *r != at)
                        && let Some((r, record)) = row.take()
                    {
                        each(record_at(r, record));
                    }
                    let (_, record) = row.get_or_insert_with(|| (at, Vec::new()));
                    let column = column as usize;
                    if column >= record.len() {
                        made += (column + 1 - record.len()) as u64;
                        if made > budget.cells {
                            return Err(CsvError::TooBig);
                        }
                        record.resize(column + 1, String::new());
                    }
                    record[column] = text;
                }
                if let Some((r, record)) = row.take() {
                    each(record_at(r, record));
                }
            }
        }
        SheetKind::Xls | SheetKind::Ods => {
            let mut book: Sheets<Cursor<&[u8]>> = match kind {
                SheetKind::Xls => match quietly(|| calamine::open_workbook_from_rs(cursor)) {
                    Some(Ok(b)) => Sheets::Xls(b),
                    Some(Err(calamine::XlsError::Password)) => return Err(CsvError::Protected),
                    Some(Err(_)) | None => return Err(CsvError::BadSheet),
                },
                _ => match calamine::open_workbook_from_rs(cursor) {
                    Ok(b) => Sheets::Ods(b),
                    Err(calamine::OdsError::Password) => return Err(CsvError::Protected),
                    Err(_) => return Err(CsvError::BadSheet),
                },
            };
            for name in book.sheet_names() {
                let range = book
                    .worksheet_range(&name)
                    .map_err(|_| CsvError::BadSheet)?;
                each(SheetPart::Sheet(name));
                let first_row = range.start().map_or(0, |(r, _)| r);
                for (i, row) in range.rows().enumerate() {
                    made += row.len() as u64;
                    if made > budget.cells {
                        return Err(CsvError::TooBig);
                    }
                    let record: Vec<String> = row.iter().map(cell_text).collect();
                    if record.iter().any(|c| !c.is_empty()) {
                        each(record_at(first_row.saturating_add(i as u32), record));
                    }
                }
            }
        }
    }
    Ok(())
}

/// `open` run with its panics caught and kept off the screen: calamine's .xls reader indexes
/// records it has not measured (a BOF, NAME or SST record cut short panics), and all its
/// sheets are read when the workbook is opened. What calamine would allocate is measured
/// before (`biff::measure`); a panic only unwinds. Only this thread's panics are silenced
/// (the hook is the process's; another thread's panic meanwhile is still shown).
fn quietly<T>(open: impl FnOnce() -> T) -> Option<T> {
    thread_local! {
        static QUIET: Cell<bool> = const { Cell::new(false) };
    }
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let shown = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                shown(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(open));
    QUIET.with(|q| q.set(false));
    opened.ok()
}

/// Row `at` (0-based) as a record.
fn record_at(at: u32, cells: Vec<String>) -> SheetPart {
    SheetPart::Record(Raw::Record {
        line: at as usize + 1,
        cells,
    })
}

/// A cell as the person typed it: whole numbers without ".0" or an exponent (the leading 0 a
/// phone number lost is put back where the phone is read), dates as dates.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{da:02}")
            } else {
                format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) => s.replacen('T', " ", 1),
        Data::DurationIso(s) => s.clone(),
    }
}
