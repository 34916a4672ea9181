//! Text to records, each with the physical line it starts on. The csv crate reads the quoting;
//! a quote left open or misused is caught here and reported on its line, so it cannot swallow
//! the rows after it.

use crate::model::clean_line;

use super::rows::excerpt;

/// One record as the csv reader found it, before any meaning is given to its cells.
pub(super) enum Raw {
    Record { line: usize, cells: Vec<String> },
    Broken { line: usize, excerpt: String },
}

/// Whether `raw` (one record's text) ends inside a quoted field, i.e. a quote was opened and
/// never closed. Follows csv_core's reading: a quote opens a field only at the field's start.
fn ends_in_open_quote(raw: &str) -> bool {
    #[derive(PartialEq)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut s = S::FieldStart;
    for b in raw.bytes() {
        s = match (s, b) {
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, _) => S::Quoted,
            (S::QuoteInQuoted, b'"') => S::Quoted,
            (S::FieldStart, b'"') => S::Quoted,
            (_, b',' | b'\n' | b'\r') => S::FieldStart,
            (_, _) => S::Unquoted,
        };
    }
    s == S::Quoted
}

/// Whether the quotes of `raw` (one record's text, as the csv reader took it) were misused in a
/// way the reader accepts silently:
/// - text after a closing quote (`"김"철수` or `"김철수,"한빛`), which the reader glues onto the
///   cell, commas included;
/// - a quoted cell whose later lines look like whole records (as many commas as the header
///   has, and at least two): a stray opening quote that swallowed the rows after it until some
///   other quote closed it. `width` is the header's number of cells, once known.
fn misquoted(raw: &str, width: Option<usize>) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        /// Spaces after a closing quote, which are harmless.
        AfterQuote,
    }
    let commas_of_a_record = width.map(|w| w.saturating_sub(1).max(2));
    let mut s = S::FieldStart;
    // Commas seen on this physical line inside a quoted cell that began on an earlier line.
    let mut swallowed_commas: Option<usize> = None;
    let swallowed =
        |n: Option<usize>| matches!((n, commas_of_a_record), (Some(n), Some(r)) if n >= r);
    for b in raw.bytes() {
        if b == b'\n' {
            if swallowed(swallowed_commas) {
                return true;
            }
            swallowed_commas = (s == S::Quoted).then_some(0);
        }
        s = match (s, b) {
            (S::Quoted, b'"') => S::QuoteInQuoted,
            (S::Quoted, b',') => {
                swallowed_commas = swallowed_commas.map(|n| n + 1);
                S::Quoted
            }
            (S::Quoted, _) => S::Quoted,
            (S::QuoteInQuoted, b'"') => S::Quoted,
            (S::QuoteInQuoted | S::AfterQuote, b' ' | b'\t') => S::AfterQuote,
            (S::FieldStart, b'"') => S::Quoted,
            (_, b',' | b'\n' | b'\r') => S::FieldStart,
            (S::QuoteInQuoted | S::AfterQuote, _) => return true,
            (_, _) => S::Unquoted,
        };
    }
    swallowed(swallowed_commas)
}

/// 1-based physical line numbers of byte offsets in a text, counted as reading moves forward.
struct Lines<'t> {
    text: &'t [u8],
    /// Byte offset counted up to, and the line it is on.
    at: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }
    /// The line holding byte `at`.
    fn of(&mut self, at: usize) -> usize {
        if at < self.at {
            (self.at, self.line) = (0, 1);
        }
        let upto = at.min(self.text.len());
        let span = self.text.get(self.at..upto).unwrap_or_default();
        self.line += span.iter().filter(|&&b| b == b'\n').count();
        self.at = upto.max(self.at);
        self.line
    }
}

/// Where a record really starts: the csv reader's position can point at the line break (or
/// blank lines) before it, so those are stepped over.
fn record_start(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
}

/// Every record of the text with the line it starts on, handed to `out` one at a time with
/// the byte offset read so far (so a whole file is never held as records). A quote left open
/// (which would swallow the rest of the file into one cell) or misused (`misquoted`) is
/// reported on its line, and reading resumes on the next physical line so the rows after it
/// are not lost.
pub(super) fn read_records(text: &str, mut out: impl FnMut(Raw, usize)) {
    let mut lines = Lines::new(text);
    let mut start = 0usize; // byte offset of the current reader's input in `text`
    let mut width = None; // cells in the header row, once read
    'restart: while start < text.len() {
        let slice = &text[start..];
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(slice.as_bytes());
        let mut rec = csv::StringRecord::new();
        let mut last_error_at = None;
        loop {
            match rdr.read_record(&mut rec) {
                Ok(false) => break 'restart,
                Ok(true) => {
                    let b0 = rec.position().map_or(0, |p| p.byte() as usize);
                    let b0 = record_start(text, start + b0);
                    let b1 = (start + rdr.position().byte() as usize).clamp(b0, text.len());
                    let line = lines.of(b0);
                    let raw = text.get(b0..b1).unwrap_or("");
                    let open_at_end = b1 >= text.len() && ends_in_open_quote(raw);
                    if open_at_end || misquoted(raw, width) {
                        out(
                            Raw::Broken {
                                line,
                                excerpt: excerpt(raw),
                            },
                            b1,
                        );
                        match raw.find('\n') {
                            Some(nl) => {
                                start = b0 + nl + 1;
                                continue 'restart;
                            }
                            None => break 'restart,
                        }
                    }
                    if width.is_none() && !rec.iter().all(is_blank) {
                        width = Some(rec.len());
                    }
                    out(
                        Raw::Record {
                            line,
                            cells: rec.iter().map(str::to_string).collect(),
                        },
                        b1,
                    );
                }
                Err(e) => {
                    // Not expected on decoded text with flexible records; reported, not fatal.
                    let b0 = e.position().map_or(0, |p| p.byte() as usize);
                    let b0 = record_start(text, start + b0);
                    let now = rdr.position().byte();
                    out(
                        Raw::Broken {
                            line: lines.of(b0),
                            excerpt: excerpt(text.get(b0..).unwrap_or("")),
                        },
                        (start + now as usize).min(text.len()),
                    );
                    if last_error_at == Some(now) {
                        break 'restart; // no progress: stop rather than loop
                    }
                    last_error_at = Some(now);
                }
            }
        }
    }
}

pub(super) fn is_blank(cell: &str) -> bool {
    clean_line(cell).is_empty()
}

#[cfg(test)]
mod tests {
    use crate::io::csv::RowProblem;
    use crate::io::csv::tests::{error_lines, names, parse};

    #[test]
    fn quoted_commas_and_newlines_keep_line_numbers() {
        let text = "이름,소속,메모\r\n\
            \"김, 철수\",\"한빛, 신협\",\"첫 줄\r\n둘째 줄\r\n셋째 \"\"줄\"\"\"\r\n\
            이영희,푸른생협,\r\n\
            \r\n\
            ,,\r\n\
            박민수,\"여러\n줄 소속\",x\r\n\
            정수진,,\r\n";
        let p = parse(text);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(names(&p), ["김, 철수", "이영희", "박민수", "정수진"]);
        let lines: Vec<usize> = p.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5, 8, 10]);
        assert_eq!(p.rows[0].organization, "한빛, 신협");
        assert_eq!(p.rows[0].notes, "첫 줄\n둘째 줄\n셋째 \"줄\"");
        // A line break in a one-line field becomes a space.
        assert_eq!(p.rows[2].organization, "여러 줄 소속");
        assert_eq!(p.total_records, 4);
    }

    #[test]
    fn blank_lines_before_header_and_short_rows() {
        let p = parse("\n,,\n이름,소속,연락처\n김철수\n이영희,푸른생협\n");
        assert_eq!(names(&p), ["김철수", "이영희"]);
        assert_eq!(p.rows[0].line, 4);
        assert_eq!(p.rows[1].line, 5);
        assert_eq!(p.rows[1].organization, "푸른생협");
    }

    #[test]
    fn unclosed_quote_on_the_last_line() {
        let p = parse("이름,소속\n김철수,a\n\"이영희,b");
        assert_eq!(names(&p), ["김철수"]);
        assert_eq!(
            error_lines(&p),
            [(3, RowProblem::Malformed("\"이영희,b".into()))]
        );
    }

    #[test]
    fn a_stray_quote_does_not_swallow_the_rows_after_it() {
        // Closed by the quote of a later, well-formed cell.
        let p = parse(
            "이름,소속,직함\n김철수,a,x\n\"이영희,b,x\n박민수,c,x\n정수진,d,x\n최지훈,\"e\",x\n한가람,f,x\n",
        );
        assert_eq!(
            names(&p),
            ["김철수", "박민수", "정수진", "최지훈", "한가람"]
        );
        assert_eq!(
            error_lines(&p),
            [(3, RowProblem::Malformed("\"이영희,b,x".into()))]
        );
        assert_eq!(p.data_lines, 6);
        // Closed by a stray quote at the end of a later line.
        let p = parse("이름,소속,직함\n\"이영희,b,x\n박민수,c,x\n정수진,d,x\"\n한가람,f,x\n");
        assert_eq!(names(&p), ["박민수", "정수진", "한가람"]);
        assert_eq!(error_lines(&p)[0].0, 2);
        assert_eq!(p.data_lines, 4);
    }

    #[test]
    fn text_after_a_closing_quote_is_reported_not_glued_on() {
        let p = parse("이름,소속,직함\n\"김철수,\"한빛신협,동부,x\n\"홍\"길동,a,b\n이영희,b,c\n");
        assert_eq!(names(&p), ["이영희"]);
        let lines: Vec<usize> = error_lines(&p).iter().map(|e| e.0).collect();
        assert_eq!(lines, [2, 3]);
        assert!(p.rows.iter().all(|r| !r.name.contains(',')));
        // Spaces after a closing quote are harmless; real multi-line cells stay one row.
        let p =
            parse("이름,소속,메모\n\"김철수\" ,a,\"회의 후, 연락\n다음 주 화요일\"\n이영희,b,c\n");
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(names(&p), ["김철수", "이영희"]);
        assert_eq!(p.rows[0].notes, "회의 후, 연락\n다음 주 화요일");
        assert_eq!(p.data_lines, 3);
    }

    #[test]
    fn literal_quotes_inside_unquoted_cells_are_fine() {
        let p = parse("이름,메모\n홍\"길동,5\" 플로피\n이영희,x\n");
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(names(&p), ["홍\"길동", "이영희"]);
        assert_eq!(p.rows[0].notes, "5\" 플로피");
    }
}
