//! A table as an Excel workbook: one sheet, the header bold on a light fill and frozen,
//! an autofilter over the table, columns as wide as their longest text (Hangul counts two), and
//! every cell a text cell — a phone keeps its leading 0 and `=…` is never a formula.

use rust_xlsxwriter::{Color, Format, FormatBorder, IgnoreError, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// Excel's rows per sheet, header included.
const MAX_ROWS: usize = 1_048_576;
/// Excel's characters per cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Column widths, in Excel's character units, before padding for the filter button.
const MIN_WIDTH: usize = 4;
const MAX_WIDTH: usize = 60;
const PADDING: usize = 3;

/// One sheet: its name, the header row and the rows under it (`io::export`'s `Table`, which
/// this module does not know).
pub struct Sheet<'a> {
    pub sheet: &'a str,
    pub header: &'a [String],
    pub rows: &'a [Vec<String>],
}

/// Why no workbook was made (`io::export` says it in words).
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    TooManyRows { rows: usize },
    CellTooLong { row: usize, column: String },
    Xlsx(String),
}

pub fn workbook(table: &Sheet<'_>) -> Result<Vec<u8>, Refused> {
    if table.rows.len() >= MAX_ROWS {
        return Err(Refused::TooManyRows {
            rows: table.rows.len(),
        });
    }
    for (r, row) in table.rows.iter().enumerate() {
        if let Some(c) = row.iter().position(|v| v.chars().count() > MAX_CELL_CHARS) {
            return Err(Refused::CellTooLong {
                row: r + 1,
                column: table.header.get(c).cloned().unwrap_or_default(),
            });
        }
    }
    let mut book = Workbook::new();
    fill(book.add_worksheet(), table).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

fn failed(e: XlsxError) -> Refused {
    Refused::Xlsx(e.to_string())
}

fn fill(sheet: &mut Worksheet, table: &Sheet<'_>) -> Result<(), XlsxError> {
    // "@" is Excel's text format: a value typed into the cell later stays text too.
    let text = Format::new().set_num_format("@");
    let wrapped = text.clone().set_text_wrap();
    let head = text
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xDD_EB_F7))
        .set_border_bottom(FormatBorder::Thin);

    sheet.set_name(table.sheet)?;
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    for (c, h) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col(c)?, h, &head)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, v) in row.iter().enumerate() {
            let f = if v.contains('\n') { &wrapped } else { &text };
            if v.is_empty() {
                sheet.write_blank(r, col(c)?, f)?;
            } else {
                sheet.write_string_with_format(r, col(c)?, v, f)?;
            }
        }
    }
    if columns == 0 {
        return Ok(());
    }
    let last_row = u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = col(columns - 1)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    if last_row > 0 {
        sheet.ignore_error_range(1, 0, last_row, last_col, IgnoreError::NumberStoredAsText)?;
    }
    for c in 0..columns {
        let widest = table
            .rows
            .iter()
            .filter_map(|row| row.get(c))
            .chain(table.header.get(c))
            .flat_map(|v| v.lines())
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        let width = widest.clamp(MIN_WIDTH, MAX_WIDTH) + PADDING;
        sheet.set_column_width(col(c)?, width as f64)?;
    }
    Ok(())
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}
