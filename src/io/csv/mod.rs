//! Reading a people CSV as Korean offices make them: Excel (CP949), Google Forms (UTF-8 with a
//! timestamp column), or by hand. Bytes in, rows and row errors out; no database here.
//!
//! Every text cell is NFC-normalised and stripped of control characters (`clean_line`), so
//! nothing from a file can drive the terminal. A row with a problem is reported with the
//! physical line it starts on and left out; the other rows still come through.
//!
//! One stage per file: `decode` (bytes to text), `records` (text to records, each with the line
//! it starts on), `headers` (which column holds which field), `rows` (a record to a checked
//! `ImportRow` or a `RowProblem`); `write` is the way back out, for exports. A spreadsheet
//! (`sheet`: .xlsx, .xls, .ods, told apart by its first bytes) becomes the same records, one
//! per sheet row, and goes the same way from there.

mod biff;
mod decode;
mod headers;
mod records;
mod rows;
mod sheet;
mod write;
mod zipped;

pub use decode::{Encoding, decode};
pub use headers::{ColumnMap, Override};
pub use rows::{Flag, ImportRow, RowError, RowFlag, RowProblem, Rsvp};
pub use sheet::{SheetKind, sheet_kind};
pub use write::{PEOPLE_COLUMNS, neutralize, people_header, write_csv};
pub use zipped::SheetBudget;

use crate::model::{ImportField, clean_line};

use records::{Raw, is_blank, read_records};
use rows::{excerpt, flags_of, read_row};

/// A whole file, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedCsv {
    pub encoding: Encoding,
    pub columns: ColumnMap,
    /// Good rows, in file order.
    pub rows: Vec<ImportRow>,
    /// Rows left out, in file order.
    pub errors: Vec<RowError>,
    /// What deserves a look in the good rows (junk, a name like an organisation's), in file
    /// order; the import's own flags (a phone someone else has) are `ImportSummary::flags`.
    pub flags: Vec<RowFlag>,
    /// Non-empty records after the header (good or not).
    pub total_records: usize,
    /// Non-empty physical lines after the header: what a person sees in the file, to hold
    /// against the rows imported (a quote that swallowed rows shows up here).
    pub data_lines: usize,
    /// The sheet the list was taken from, for a spreadsheet.
    pub sheet: Option<String>,
    /// Every sheet of the workbook that holds a list (a header row with a name column), in
    /// workbook order; more than one means the user should say which.
    pub sheets: Vec<String>,
    /// 1-based line (sheet row) of the header row.
    pub header_line: usize,
}

/// Why a file could not be read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    #[error("no header row found")]
    NoHeader,
    #[error("the header row has no name column")]
    NoNameColumn,
    #[error("the file is neither UTF-8 nor CP949/EUC-KR text")]
    Undecodable,
    #[error("the spreadsheet is protected by a password")]
    Protected,
    #[error("the spreadsheet is damaged or not a spreadsheet")]
    BadSheet,
    #[error("the spreadsheet is too large to read")]
    TooBig,
}

impl CsvError {
    pub fn ko(&self) -> String {
        match self {
            CsvError::Empty => "파일이 비어 있습니다".to_string(),
            CsvError::NoHeader => {
                "머리글 행이 없습니다. 첫 줄에 이름, 소속 같은 열 제목을 적어 주세요".to_string()
            }
            CsvError::NoNameColumn => {
                "이름 열이 없습니다. 첫 줄(머리글)에 ‘이름’ 열 제목이 있어야 합니다".to_string()
            }
            CsvError::Undecodable => {
                "글자 인코딩을 읽을 수 없습니다. UTF-8 또는 CP949(EUC-KR) CSV로 저장해 주세요"
                    .to_string()
            }
            CsvError::Protected => {
                "암호가 걸린 스프레드시트입니다. Excel에서 암호를 풀고 저장한 뒤 다시 가져오세요"
                    .to_string()
            }
            CsvError::BadSheet => {
                "스프레드시트를 읽을 수 없습니다 (손상되었거나 다른 형식). Excel에서 열어 .xlsx나 CSV로 다시 저장해 보세요"
                    .to_string()
            }
            CsvError::TooBig => crate::i18n::SHEET_TOO_BIG.0.to_string(),
        }
    }

    pub fn en(&self) -> String {
        match self {
            CsvError::Empty => "the file is empty".to_string(),
            CsvError::NoHeader => {
                "no header row: the first row must hold column titles such as name, organization"
                    .to_string()
            }
            CsvError::NoNameColumn => {
                "no name column: the first (header) row needs a ‘name’ (이름) column title"
                    .to_string()
            }
            CsvError::Undecodable => {
                "unreadable text encoding: save the CSV as UTF-8 or CP949 (EUC-KR)".to_string()
            }
            CsvError::Protected => {
                "the spreadsheet is password-protected: remove the password in Excel, save, and import again"
                    .to_string()
            }
            CsvError::BadSheet => {
                "the spreadsheet cannot be read (damaged or not a spreadsheet): open it in Excel and save it again as .xlsx or CSV"
                    .to_string()
            }
            CsvError::TooBig => crate::i18n::SHEET_TOO_BIG.1.to_string(),
        }
    }
}

/// How many non-empty records from the top a header row is looked for in (title rows, a
/// date, an empty merged row may sit above it).
const HEADER_SCAN: usize = 20;

/// Reads a people list: a CSV, or the sheet of a spreadsheet that holds one.
pub fn parse_people_csv(bytes: &[u8]) -> Result<ParsedCsv, CsvError> {
    parse_people(bytes, &[])
}

/// `parse_people_csv`, with columns the user mapped by hand.
pub fn parse_people(bytes: &[u8], overrides: &[Override]) -> Result<ParsedCsv, CsvError> {
    parse_people_sheet(bytes, overrides, None)
}

/// `parse_people`, from the sheet named `sheet` when the workbook has a list there; otherwise
/// from its first sheet holding a list (the caller compares `ParsedCsv::sheet` with the name
/// it asked for). A CSV has no sheets: `sheet` is ignored.
pub fn parse_people_sheet(
    bytes: &[u8],
    overrides: &[Override],
    sheet: Option<&str>,
) -> Result<ParsedCsv, CsvError> {
    parse_people_sheet_with(bytes, overrides, sheet, &mut crate::progress::Silent)
}

/// `parse_people_csv`, a spreadsheet read under `budget` instead of `SheetBudget::DEFAULT`.
pub fn parse_people_within(bytes: &[u8], budget: &SheetBudget) -> Result<ParsedCsv, CsvError> {
    match sheet_kind(bytes) {
        Some(kind) => parse_sheets(bytes, kind, &[], None, budget),
        None => parse_people_csv(bytes),
    }
}

/// Records read between two reports of progress.
const STEP: usize = 4096;

/// `parse_people_sheet`, telling `progress` how many bytes of a CSV are read (one stage,
/// `Stage::ReadFile`). Records become rows as they are read: the file is never held as
/// records.
pub fn parse_people_sheet_with(
    bytes: &[u8],
    overrides: &[Override],
    sheet: Option<&str>,
    progress: &mut dyn crate::progress::Progress,
) -> Result<ParsedCsv, CsvError> {
    if let Some(kind) = sheet_kind(bytes) {
        return parse_sheets(bytes, kind, overrides, sheet, &SheetBudget::DEFAULT);
    }
    let (text, encoding) = decode(bytes)?;
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(CsvError::Empty);
    }
    // In KB, as the stage's name says: a million rows are 89,000 of them, not 91,121,217 bytes.
    let kb = |bytes: usize| bytes.div_ceil(1024) as u64;
    progress.start(crate::progress::Stage::ReadFile, kb(text.len()));
    let mut reading = Reading::new(encoding, overrides);
    let mut n = 0usize;
    read_records(&text, |raw, at| {
        reading.push(raw);
        n += 1;
        if n.is_multiple_of(STEP) {
            progress.set(at as u64 / 1024);
        }
    });
    progress.set(kb(text.len()));
    let mut parsed = reading.finish()?;
    // What a person sees in the file, counted on the text itself: a quote that swallowed rows
    // shows up as more lines than records.
    parsed.data_lines = text
        .lines()
        .skip(parsed.header_line)
        .filter(|l| {
            !l.trim_matches(|c: char| c == ',' || c.is_whitespace())
                .is_empty()
        })
        .count();
    Ok(parsed)
}

/// The first sheet whose header row names a name column.
fn parse_sheets(
    bytes: &[u8],
    kind: SheetKind,
    overrides: &[Override],
    wanted: Option<&str>,
    budget: &SheetBudget,
) -> Result<ParsedCsv, CsvError> {
    let encoding = match kind {
        SheetKind::Xlsx => Encoding::Xlsx,
        SheetKind::Xls => Encoding::Xls,
        SheetKind::Ods => Encoding::Ods,
    };
    let mut first_error = None;
    let mut lists: Vec<ParsedCsv> = Vec::new();
    let mut reading: Option<(String, Reading)> = None;
    let mut done = |(name, reading): (String, Reading)| match reading.finish() {
        Ok(mut p) => {
            p.sheet = Some(name);
            lists.push(p);
        }
        // A sheet with a header but no name column says more than an empty one.
        Err(e) if first_error.is_none() || e == CsvError::NoNameColumn => first_error = Some(e),
        Err(_) => {}
    };
    sheet::read_sheets(bytes, kind, budget, &mut |part| match part {
        sheet::SheetPart::Sheet(name) => {
            if let Some(previous) = reading.replace((name, Reading::new(encoding, overrides))) {
                done(previous);
            }
        }
        sheet::SheetPart::Record(raw) => {
            if let Some((_, r)) = reading.as_mut() {
                r.push(raw);
            }
        }
    })?;
    if let Some(last) = reading.take() {
        done(last);
    }
    let names: Vec<String> = lists.iter().filter_map(|p| p.sheet.clone()).collect();
    let at = wanted
        .and_then(|w| names.iter().position(|n| n == w))
        .unwrap_or(0);
    match lists.into_iter().nth(at) {
        Some(mut p) => {
            p.sheets = names;
            Ok(p)
        }
        None => Err(match first_error {
            None | Some(CsvError::NoHeader) => CsvError::Empty,
            Some(e) => e,
        }),
    }
}

/// The header row among the first non-empty records: the one mapping the most fields, a name
/// among them (the first such on a tie).
fn find_header(
    raws: &[Raw],
    overrides: &[Override],
) -> Result<(usize, ColumnMap, usize), CsvError> {
    let mut best: Option<(usize, ColumnMap, usize)> = None;
    let mut seen = 0;
    for (at, raw) in raws.iter().enumerate() {
        let Raw::Record { cells, .. } = raw else {
            continue;
        };
        if cells.iter().all(|c| is_blank(c)) {
            continue;
        }
        seen += 1;
        if seen > HEADER_SCAN {
            break;
        }
        let titles: Vec<String> = cells.iter().map(|c| clean_line(c)).collect();
        let map = ColumnMap::from_header(&titles, overrides);
        if map.has(ImportField::Name)
            && best
                .as_ref()
                .is_none_or(|(_, b, _)| map.fields.len() > b.fields.len())
        {
            best = Some((at, map, cells.len()));
        }
    }
    match best {
        Some(b) => Ok(b),
        None if seen == 0 => Err(CsvError::NoHeader),
        None => Err(CsvError::NoNameColumn),
    }
}

/// Records to rows, one record at a time: the first non-empty records are held until the
/// header row is known (`find_header`), every later record is read at once into a checked
/// `ImportRow` or a `RowError` and let go.
struct Reading<'o> {
    encoding: Encoding,
    overrides: &'o [Override],
    /// Records held while the header is looked for, and how many of them are non-empty.
    pending: Vec<Raw>,
    non_empty: usize,
    head: Option<Result<Head, CsvError>>,
    rows: Vec<ImportRow>,
    errors: Vec<RowError>,
    flags: Vec<RowFlag>,
    total_records: usize,
    /// Only the cells of columns nothing reads are looked at again (`look_at_ignored`): those,
    /// not a second copy of the whole file.
    kept: Vec<Vec<String>>,
}

struct Head {
    at: usize,
    line: usize,
    columns: ColumnMap,
    width: usize,
    ignored: Vec<usize>,
    /// Records pushed so far (the next one's index).
    next: usize,
}

impl<'o> Reading<'o> {
    fn new(encoding: Encoding, overrides: &'o [Override]) -> Self {
        Reading {
            encoding,
            overrides,
            pending: Vec::new(),
            non_empty: 0,
            head: None,
            rows: Vec::new(),
            errors: Vec::new(),
            flags: Vec::new(),
            total_records: 0,
            kept: Vec::new(),
        }
    }

    fn push(&mut self, raw: Raw) {
        match &mut self.head {
            Some(Ok(_)) => self.take(raw),
            Some(Err(_)) => {}
            None => {
                if let Raw::Record { cells, .. } = &raw
                    && !cells.iter().all(|c| is_blank(c))
                {
                    self.non_empty += 1;
                }
                self.pending.push(raw);
                // `find_header` looks no further than this.
                if self.non_empty > HEADER_SCAN {
                    self.settle();
                }
            }
        }
    }

    /// Decides the header from the records held, then reads them.
    fn settle(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.head = Some(
            find_header(&pending, self.overrides).map(|(at, columns, width)| {
                let line = match &pending[at] {
                    Raw::Record { line, .. } | Raw::Broken { line, .. } => *line,
                };
                let ignored = (0..columns.titles.len())
                    .filter(|&i| columns.field_of(i).is_none())
                    .collect();
                Head {
                    at,
                    line,
                    columns,
                    width,
                    ignored,
                    next: 0,
                }
            }),
        );
        for raw in pending {
            self.take(raw);
        }
    }

    /// One record after the header is known.
    fn take(&mut self, raw: Raw) {
        let Some(Ok(head)) = &mut self.head else {
            return;
        };
        let at = head.next;
        head.next += 1;
        let (line, cells) = match raw {
            Raw::Broken { line, excerpt } => {
                if at > head.at {
                    self.total_records += 1;
                }
                self.errors.push(RowError {
                    line,
                    reason: RowProblem::Malformed(excerpt),
                });
                return;
            }
            Raw::Record { line, cells } => (line, cells),
        };
        if at <= head.at || cells.iter().all(|c| is_blank(c)) {
            return;
        }
        self.total_records += 1;
        if cells.iter().skip(head.width).any(|c| !is_blank(c)) {
            let joined = cells.join(",");
            self.errors.push(RowError {
                line,
                reason: RowProblem::Malformed(excerpt(&joined)),
            });
            return;
        }
        match read_row(&head.columns, line, &cells) {
            Ok(row) => {
                self.flags.extend(flags_of(&head.columns, &cells, &row));
                self.rows.push(row);
            }
            Err(reason) => self.errors.push(RowError { line, reason }),
        }
        if !head.ignored.is_empty() {
            let mut cells = cells;
            for (i, c) in cells.iter_mut().enumerate() {
                if !head.ignored.contains(&i) {
                    *c = String::new();
                }
            }
            self.kept.push(cells);
        }
    }

    fn finish(mut self) -> Result<ParsedCsv, CsvError> {
        if self.head.is_none() {
            self.settle();
        }
        let mut head = self.head.take().unwrap_or(Err(CsvError::NoHeader))?;
        head.columns.look_at_ignored(&self.kept, self.overrides);
        Ok(ParsedCsv {
            encoding: self.encoding,
            columns: head.columns,
            rows: self.rows,
            errors: self.errors,
            flags: self.flags,
            total_records: self.total_records,
            data_lines: self.total_records,
            sheet: None,
            sheets: Vec::new(),
            header_line: head.line,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::decode::BOM;
    use super::*;
    use crate::i18n::{L, Lang};
    use crate::model::{District, OrgKind};

    pub(super) fn parse(text: &str) -> ParsedCsv {
        parse_people_csv(text.as_bytes()).expect("parses")
    }

    pub(super) fn names(p: &ParsedCsv) -> Vec<&str> {
        p.rows.iter().map(|r| r.name.as_str()).collect()
    }

    pub(super) fn error_lines(p: &ParsedCsv) -> Vec<(usize, RowProblem)> {
        p.errors
            .iter()
            .map(|e| (e.line, e.reason.clone()))
            .collect()
    }

    pub(super) const KO: &str = "이름,소속,구분,지역,직함,연락처,이메일,태그,메모\n\
        김철수,한빛신협,신협,동부,이사장,01012345678,kim@example.com,금융;공간,첫 참석\n\
        이영희,푸른생협,생협,서부,,02-123-4567,,,\n";

    #[test]
    fn utf8_korean_headers() {
        let p = parse(KO);
        assert_eq!(p.encoding, Encoding::Utf8);
        assert_eq!(p.total_records, 2);
        assert!(p.errors.is_empty());
        assert!(p.columns.ignored.is_empty());
        let r = &p.rows[0];
        assert_eq!(r.line, 2);
        assert_eq!(r.name, "김철수");
        assert_eq!(r.organization, "한빛신협");
        assert_eq!(r.kind, Some(OrgKind::CreditUnion));
        assert_eq!(r.district, Some(District::East));
        assert_eq!(r.role, "이사장");
        assert_eq!(r.phone, "010-1234-5678");
        assert_eq!(r.email, "kim@example.com");
        assert_eq!(r.tags, vec!["금융", "공간"]);
        assert_eq!(r.notes, "첫 참석");
        let r = &p.rows[1];
        assert_eq!((r.line, r.phone.as_str()), (3, "02-123-4567"));
        assert_eq!(r.kind, Some(OrgKind::ConsumerCoop));
        assert_eq!(r.email, "");
        assert!(r.tags.is_empty());
    }

    #[test]
    fn whole_file_errors() {
        assert_eq!(parse_people_csv(b"").err(), Some(CsvError::Empty));
        assert_eq!(parse_people_csv(b" \r\n\n").err(), Some(CsvError::Empty));
        assert_eq!(parse_people_csv(BOM).err(), Some(CsvError::Empty));
        assert_eq!(
            parse_people_csv(b",,,\n ,\n").err(),
            Some(CsvError::NoHeader)
        );
        assert_eq!(
            parse_people_csv("소속,연락처\n한빛,010\n".as_bytes()).err(),
            Some(CsvError::NoNameColumn)
        );
        // A file without a header row: its first row is taken as one and has no name column.
        assert_eq!(
            parse_people_csv("김철수,한빛신협\n".as_bytes()).err(),
            Some(CsvError::NoNameColumn)
        );
        for e in [
            CsvError::Empty,
            CsvError::NoHeader,
            CsvError::NoNameColumn,
            CsvError::Undecodable,
        ] {
            assert!(!e.ko().is_empty() && !e.en().is_empty() && !e.to_string().is_empty());
        }
        // Header only: no rows, no errors.
        let p = parse("이름\n");
        assert_eq!((p.rows.len(), p.errors.len(), p.total_records), (0, 0, 0));
    }

    /// Stages heard, with the `set`s after each.
    #[derive(Default)]
    struct Heard(Vec<(crate::progress::Stage, u64, Vec<u64>)>);

    impl crate::progress::Progress for Heard {
        fn start(&mut self, what: crate::progress::Stage, total: u64) {
            self.0.push((what, total, Vec::new()));
        }
        fn set(&mut self, done: u64) {
            self.0.last_mut().expect("a stage").2.push(done);
        }
    }

    #[test]
    fn a_long_file_is_read_row_by_row_with_progress_and_the_header_found_late() {
        // Nineteen title rows, then the header (the 20th non-empty record, the last one looked
        // at), then more rows than one step of progress.
        let mut text: String = (0..19).map(|i| format!("제목 {i}\n")).collect();
        text.push_str("이름,소속\n");
        for i in 0..10_000 {
            text.push_str(&format!("사람{i},조합{}\n", i % 7));
        }
        let mut heard = Heard::default();
        let p = parse_people_sheet_with(text.as_bytes(), &[], None, &mut heard).expect("parses");
        assert_eq!(p.header_line, 20);
        assert_eq!((p.rows.len(), p.errors.len()), (10_000, 0));
        assert_eq!((p.rows[0].line, p.rows[0].name.as_str()), (21, "사람0"));
        assert_eq!(p.rows[9_999].organization, "조합3");
        assert_eq!(p.data_lines, 10_000);
        let [(what, total, sets)] = &heard.0[..] else {
            panic!("one stage: {:?}", heard.0.len());
        };
        assert_eq!(
            (*what, *total),
            (
                crate::progress::Stage::ReadFile,
                text.len().div_ceil(1024) as u64
            )
        );
        assert!(sets.len() > 2 && sets.is_sorted(), "{sets:?}");
        assert_eq!(sets.last(), Some(total));
        // One title row more and the header is past where it is looked for.
        let later = format!("제목\n{text}");
        assert_eq!(
            parse_people_csv(later.as_bytes()).err(),
            Some(CsvError::NoNameColumn)
        );
    }

    fn export(lang_ko: bool, rows: &[ImportRow]) -> Vec<u8> {
        let mut buf = Vec::new();
        let cells = rows.iter().map(|r| {
            let l = if lang_ko { Lang::Ko } else { Lang::En };
            let label = |k: Option<L>| k.map(|k| k.in_lang(l)).unwrap_or_default().to_string();
            vec![
                r.code.clone(),
                r.name.clone(),
                r.organization.clone(),
                label(r.kind.map(OrgKind::label)),
                label(r.district.map(District::label)),
                r.role.clone(),
                r.phone.clone(),
                r.email.clone(),
                r.tags.join(", "),
                r.notes.clone(),
            ]
        });
        write_csv(&mut buf, &people_header(lang_ko), cells).expect("writes");
        buf
    }

    #[test]
    fn export_then_import_round_trips() {
        let mut rows = vec![
            ImportRow {
                name: "=HYPERLINK(\"http://x\",\"클릭\")".into(),
                organization: "-마이너스 협동조합".into(),
                role: "+대표".into(),
                phone: "010-1234-5678".into(),
                email: "-kim@x.kr".into(),
                kind: Some(OrgKind::SocialCoop),
                district: Some(District::South),
                code: "AB3K".into(),
                tags: vec!["=tag".into(), "금융".into(), "공간 공유".into()],
                notes: "쉼표, \"따옴표\" 그리고\n줄바꿈\n=셋째 줄".into(),
                ..ImportRow::default()
            },
            ImportRow {
                name: "'=이미 따옴표".into(),
                organization: "한빛, 신협".into(),
                notes: "-5".into(),
                code: "'quoted".into(),
                ..ImportRow::default()
            },
            ImportRow {
                name: "@멘션".into(),
                phone: "02-123-4567".into(),
                notes: "'".into(),
                ..ImportRow::default()
            },
        ];
        for (i, k) in OrgKind::ALL.iter().enumerate() {
            rows.push(ImportRow {
                name: format!("kind {i}"),
                kind: Some(*k),
                district: District::ALL.get(i).copied(),
                ..ImportRow::default()
            });
        }
        for lang_ko in [true, false] {
            let bytes = export(lang_ko, &rows);
            let p = parse_people_csv(&bytes).expect("parses");
            assert_eq!(p.encoding, Encoding::Utf8Bom);
            assert!(p.columns.ignored.is_empty(), "{:?}", p.columns.ignored);
            assert_eq!(p.columns.fields.len(), 10);
            assert!(p.errors.is_empty(), "{:?}", p.errors);
            assert_eq!(p.rows.len(), rows.len());
            let mut line = 2;
            for (got, want) in p.rows.iter().zip(&rows) {
                assert_eq!(got.line, line);
                line += 1 + want.notes.matches('\n').count();
                assert_eq!(
                    ImportRow {
                        line: 0,
                        ..got.clone()
                    },
                    *want
                );
            }
        }
    }
}
