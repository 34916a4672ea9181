//! Reading a people CSV as Korean offices make them: Excel (CP949), Google Forms (UTF-8 with a
//! timestamp column), or by hand. Bytes in, rows and row errors out; no database here.
//!
//! Every text cell is NFC-normalised and stripped of control characters (`clean_line`), so
//! nothing from a file can drive the terminal. A row with a problem is reported with the
//! physical line it starts on and left out; the other rows still come through.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::model::{District, OrgKind, TextField, clean_line, clean_multiline, fit};

use super::csv_out::needs_guard;

// ---------------------------------------------------------------------------------------------
// Types

/// The text encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Cp949,
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Cp949 => "CP949/EUC-KR",
        })
    }
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Organization,
    Role,
    Phone,
    Email,
    Kind,
    District,
    /// Badge code.
    Code,
    Tags,
    Notes,
    /// Attendance status; mapped so it is not listed as unknown, not read further.
    Status,
}

impl Field {
    /// The field a header cell names, in Korean or English: any case, spaces, underscores,
    /// hyphens and dots ignored. A parenthesised remark is tried away too, so Google Forms
    /// questions like "이름 (Name)" or "연락처(휴대폰)" are recognised.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = clean_line(header);
        if let Some(f) = Field::from_key(&header_key(&h)) {
            return Some(f);
        }
        let before = h.split(['(', '（', '[']).next().unwrap_or("");
        Field::from_key(&header_key(before))
    }

    fn from_key(k: &str) -> Option<Field> {
        Some(match k {
            "이름" | "성명" | "성함" | "name" | "fullname" => Field::Name,
            "소속" | "소속기관" | "소속단체" | "기관" | "기관명" | "단체" | "단체명" | "조합"
            | "조합명" | "회사" | "organization" | "organisation" | "org" | "company"
            | "affiliation" => Field::Organization,
            "직함" | "직책" | "직위" | "role" | "title" | "position" | "jobtitle" => {
                Field::Role
            }
            "연락처" | "전화" | "전화번호" | "휴대폰" | "휴대폰번호" | "핸드폰" | "핸드폰번호"
            | "휴대전화" | "phone" | "phonenumber" | "mobile" | "tel" | "telephone" => {
                Field::Phone
            }
            "이메일" | "이메일주소" | "메일" | "email" | "emailaddress" => Field::Email,
            "구분" | "기관구분" | "유형" | "기관유형" | "kind" | "type" | "orgkind" | "orgtype" => {
                Field::Kind
            }
            "지역" | "권역" | "district" | "region" => Field::District,
            "코드" | "배지" | "배지코드" | "code" | "badge" | "badgecode" => Field::Code,
            "태그" | "tags" | "tag" => Field::Tags,
            "메모" | "비고" | "notes" | "note" | "memo" | "remarks" => Field::Notes,
            "상태" | "참석" | "참석여부" | "status" | "attendance" => Field::Status,
            _ => return None,
        })
    }

    pub fn ko(self) -> &'static str {
        match self {
            Field::Name => "이름",
            Field::Organization => "소속",
            Field::Role => "직함",
            Field::Phone => "연락처",
            Field::Email => "이메일",
            Field::Kind => "구분",
            Field::District => "지역",
            Field::Code => "코드",
            Field::Tags => "태그",
            Field::Notes => "메모",
            Field::Status => "상태",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Organization => "organization",
            Field::Role => "role",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Kind => "kind",
            Field::District => "district",
            Field::Code => "code",
            Field::Tags => "tags",
            Field::Notes => "notes",
            Field::Status => "status",
        }
    }
}

fn header_key(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .collect::<String>()
        .to_lowercase()
}

/// Which column holds which field, as read from the header row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    /// (column index, field), in column order. A field appears at most once: when two columns
    /// name the same field, the leftmost wins and the other is listed in `ignored`.
    pub fields: Vec<(usize, Field)>,
    /// Header titles of the columns that are not read (unknown or repeated), cleaned.
    pub ignored: Vec<String>,
}

impl ColumnMap {
    /// The column index holding `field`.
    pub fn index(&self, field: Field) -> Option<usize> {
        self.fields
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(i, _)| *i)
    }
    pub fn has(&self, field: Field) -> bool {
        self.index(field).is_some()
    }

    fn from_header(cells: &[String]) -> ColumnMap {
        let mut map = ColumnMap::default();
        for (i, cell) in cells.iter().enumerate() {
            match Field::from_header(cell) {
                Some(f) if !map.has(f) => map.fields.push((i, f)),
                _ if cell.is_empty() => {}
                _ => map.ignored.push(cell.clone()),
            }
        }
        map
    }
}

/// One person read from the file, cleaned and checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportRow {
    /// 1-based physical line of the file where the record starts.
    pub line: usize,
    pub name: String,
    pub organization: String,
    pub role: String,
    /// Normalised ("010-1234-5678") or empty.
    pub phone: String,
    /// Shape-checked or empty.
    pub email: String,
    pub kind: Option<OrgKind>,
    pub district: Option<District>,
    pub code: String,
    pub tags: Vec<String>,
    /// Multi-line text (LF line ends).
    pub notes: String,
}

/// A record that was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// 1-based physical line of the file where the record starts.
    pub line: usize,
    pub reason: RowProblem,
}

/// Why a record was left out. Values are cleaned (no control characters) and shortened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    MissingName,
    BadKind(String),
    BadDistrict(String),
    BadPhone(String),
    BadEmail(String),
    /// Broken quoting or more cells than the header has; holds the start of the raw line.
    Malformed(String),
    /// The row's badge code belongs to someone with another name (in the database, or on an
    /// earlier line of the file).
    CodeTaken {
        code: String,
        holder: String,
    },
    /// A cell longer than its field may be (`TextField::limit`); `chars` is its length.
    TooLong {
        field: Field,
        chars: usize,
        limit: usize,
    },
}

impl RowProblem {
    pub fn ko(&self) -> String {
        match self {
            RowProblem::MissingName => "이름이 비어 있습니다".to_string(),
            RowProblem::BadKind(v) => format!(
                "알 수 없는 구분 “{v}” ({} 중 하나로 적어 주세요)",
                OrgKind::ALL.map(OrgKind::ko).join(", ")
            ),
            RowProblem::BadDistrict(v) => format!(
                "알 수 없는 지역 “{v}” ({} 중 하나로 적어 주세요)",
                District::ALL.map(District::ko).join(", ")
            ),
            RowProblem::BadPhone(v) => {
                format!("전화번호 형식이 아닙니다: “{v}” (예: 010-1234-5678)")
            }
            RowProblem::BadEmail(v) => format!("이메일 형식이 아닙니다: “{v}”"),
            RowProblem::Malformed(v) => {
                format!("줄 형식이 잘못되었습니다 (따옴표나 쉼표를 확인하세요): “{v}”")
            }
            RowProblem::CodeTaken { code, holder } => format!(
                "배지 코드 {code}는 이미 다른 사람({holder})의 코드입니다. 같은 사람이면 이름을 맞추고, 아니면 코드 칸을 비워 다시 가져오세요"
            ),
            RowProblem::TooLong {
                field,
                chars,
                limit,
            } => format!(
                "{} 칸이 너무 깁니다 ({chars}자, 최대 {limit}자). 줄여서 다시 가져오세요",
                field.ko()
            ),
        }
    }

    pub fn en(&self) -> String {
        match self {
            RowProblem::MissingName => "the name is empty".to_string(),
            RowProblem::BadKind(v) => format!(
                "unknown kind “{v}” (use one of: {})",
                OrgKind::ALL.map(OrgKind::en).join(", ")
            ),
            RowProblem::BadDistrict(v) => format!(
                "unknown district “{v}” (use one of: {})",
                District::ALL.map(District::en).join(", ")
            ),
            RowProblem::BadPhone(v) => {
                format!("not a Korean phone number: “{v}” (e.g. 010-1234-5678)")
            }
            RowProblem::BadEmail(v) => format!("not an email address: “{v}”"),
            RowProblem::Malformed(v) => {
                format!("malformed line (check the quotes and commas): “{v}”")
            }
            RowProblem::CodeTaken { code, holder } => format!(
                "badge code {code} already belongs to someone else ({holder}): if this is the same person make the names agree, otherwise clear the code cell and import again"
            ),
            RowProblem::TooLong {
                field,
                chars,
                limit,
            } => format!(
                "the {} cell is too long ({chars} characters, at most {limit}); shorten it and import again",
                field.en()
            ),
        }
    }
}

/// A whole file, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedCsv {
    pub encoding: Encoding,
    pub columns: ColumnMap,
    /// Good rows, in file order.
    pub rows: Vec<ImportRow>,
    /// Rows left out, in file order.
    pub errors: Vec<RowError>,
    /// Non-empty records after the header (good or not).
    pub total_records: usize,
    /// Non-empty physical lines after the header: what a person sees in the file, to hold
    /// against the rows imported (a quote that swallowed rows shows up here).
    pub data_lines: usize,
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
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The file's text: UTF-8 with a BOM (BOM removed), UTF-8, or CP949 (EUC-KR as WHATWG defines
/// it, which is windows-949 with the Unified Hangul Code extension Korean Excel writes).
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    if let Some(rest) = bytes.strip_prefix(BOM) {
        return std::str::from_utf8(rest)
            .map(|s| (Cow::Borrowed(s), Encoding::Utf8Bom))
            .map_err(|_| CsvError::Undecodable);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(s), Encoding::Utf8));
    }
    encoding_rs::EUC_KR
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| (s, Encoding::Cp949))
        .ok_or(CsvError::Undecodable)
}

// ---------------------------------------------------------------------------------------------
// Records

/// One record as the csv reader found it, before any meaning is given to its cells.
enum Raw {
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

/// The first physical line of `raw`, cleaned and shortened, to show in a message.
fn excerpt(raw: &str) -> String {
    shorten(&clean_line(raw.lines().next().unwrap_or("")), 40)
}

/// At most `width` terminal columns of `s`, ending in "…" when cut.
fn shorten(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// 1-based physical line numbers of byte offsets in a text.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(text.match_indices('\n').map(|(i, _)| i).collect())
    }
    /// The line holding byte `at`.
    fn of(&self, at: usize) -> usize {
        self.0.partition_point(|&nl| nl < at) + 1
    }
}

/// Where a record really starts: the csv reader's position can point at the line break (or
/// blank lines) before it, so those are stepped over.
fn record_start(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
}

/// Every record of the text with the line it starts on. A quote left open (which would
/// swallow the rest of the file into one cell) or misused (`misquoted`) is reported on its
/// line, and reading resumes on the next physical line so the rows after it are not lost.
fn read_records(text: &str) -> Vec<Raw> {
    let lines = Lines::new(text);
    let mut out = Vec::new();
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
                        out.push(Raw::Broken {
                            line,
                            excerpt: excerpt(raw),
                        });
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
                    out.push(Raw::Record {
                        line,
                        cells: rec.iter().map(str::to_string).collect(),
                    });
                }
                Err(e) => {
                    // Not expected on decoded text with flexible records; reported, not fatal.
                    let b0 = e.position().map_or(0, |p| p.byte() as usize);
                    let b0 = record_start(text, start + b0);
                    out.push(Raw::Broken {
                        line: lines.of(b0),
                        excerpt: excerpt(text.get(b0..).unwrap_or("")),
                    });
                    let now = rdr.position().byte();
                    if last_error_at == Some(now) {
                        break 'restart; // no progress: stop rather than loop
                    }
                    last_error_at = Some(now);
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Cells

/// Undoes `csv_out::neutralize`: one leading apostrophe goes when what follows it (after any
/// further apostrophes) starts with a formula character.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

fn is_blank(cell: &str) -> bool {
    clean_line(cell).is_empty()
}

/// Tags from one cell: split on `,` `;` `/` (and line breaks), cleaned, empties and repeats
/// dropped, order kept.
fn split_tags(cell: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in cell.split([',', ';', '/', '\n', '，', '；']) {
        let t = clean_line(t);
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags
}

// ---------------------------------------------------------------------------------------------
// Phone and email

/// Full-width digits and the various dashes people paste, folded to ASCII.
fn fold_phone_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '－' => '-',
        '＋' => '+',
        '（' => '(',
        '）' => ')',
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

fn group(d: &str, sizes: &[usize]) -> String {
    let mut parts = Vec::with_capacity(sizes.len());
    let mut at = 0;
    for &n in sizes {
        parts.push(&d[at..at + n]);
        at += n;
    }
    parts.join("-")
}

/// Korean phone number in its usual written form, or `None` when `s` is not a plausible one.
/// Empty input gives `Some("")` (no number is allowed). Accepts digits with spaces, dashes,
/// dots and parentheses, full-width forms, and `+82` (with or without the trunk `0`).
///
/// Mobile 010-XXXX-XXXX (and 011/016–019 with 3 or 4 middle digits), Seoul 02-XXX(X)-XXXX,
/// other area codes / 070 / 060 / 080 as 0XX-XXX(X)-XXXX, 050X-XXX(X)-XXXX, and the
/// eight-digit company numbers 15XX/16XX/18XX-XXXX.
pub fn normalize_phone(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return Some(String::new());
    }
    let mut digits = String::with_capacity(s.len());
    let mut plus = false;
    for (i, c) in s.chars().map(fold_phone_char).enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    if plus {
        let national = digits.strip_prefix("82")?;
        let national = national.strip_prefix('0').unwrap_or(national);
        digits = format!("0{national}");
    }
    let d = digits.as_str();
    let n = d.len();
    if n == 8 && (d.starts_with("15") || d.starts_with("16") || d.starts_with("18")) {
        return Some(group(d, &[4, 4]));
    }
    if d.starts_with("02") {
        return match n {
            9 => Some(group(d, &[2, 3, 4])),
            10 => Some(group(d, &[2, 4, 4])),
            _ => None,
        };
    }
    if n < 10 {
        return None;
    }
    match &d[..3] {
        "010" if n == 11 => Some(group(d, &[3, 4, 4])),
        "011" | "016" | "017" | "018" | "019" | "031" | "032" | "033" | "041" | "042" | "043"
        | "044" | "051" | "052" | "053" | "054" | "055" | "061" | "062" | "063" | "064" | "060"
        | "070" | "080" => match n {
            10 => Some(group(d, &[3, 3, 4])),
            11 => Some(group(d, &[3, 4, 4])),
            _ => None,
        },
        "050" => match n {
            11 => Some(group(d, &[4, 3, 4])),
            12 => Some(group(d, &[4, 4, 4])),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `s` has the shape of an email address: one `@`, something before it, a domain with
/// a dot between non-empty labels, no spaces. Empty is valid (no address given).
pub fn valid_email(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() {
        return true;
    }
    if s.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                ',' | ';' | '<' | '>' | '"' | '(' | ')' | '[' | ']' | '\\'
            )
    }) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
}

// ---------------------------------------------------------------------------------------------
// Parsing

/// Reads a people CSV: decodes it, finds the header row (the first non-empty record), maps
/// its columns and reads every later record into a checked `ImportRow` or a `RowError`.
pub fn parse_people_csv(bytes: &[u8]) -> Result<ParsedCsv, CsvError> {
    let (text, encoding) = decode(bytes)?;
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(CsvError::Empty);
    }

    let mut columns: Option<(ColumnMap, usize)> = None;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut total_records = 0;
    let mut data_lines = 0;

    for raw in read_records(&text) {
        let (line, cells) = match raw {
            Raw::Broken { line, excerpt } => {
                if columns.is_some() {
                    total_records += 1;
                }
                errors.push(RowError {
                    line,
                    reason: RowProblem::Malformed(excerpt),
                });
                continue;
            }
            Raw::Record { line, cells } => (line, cells),
        };
        if cells.iter().all(|c| is_blank(c)) {
            continue;
        }
        let Some((map, width)) = &columns else {
            let titles: Vec<String> = cells.iter().map(|c| clean_line(c)).collect();
            let map = ColumnMap::from_header(&titles);
            if !map.has(Field::Name) {
                return Err(CsvError::NoNameColumn);
            }
            columns = Some((map, cells.len()));
            data_lines = text
                .lines()
                .skip(line)
                .filter(|l| {
                    !l.trim_matches(|c: char| c == ',' || c.is_whitespace())
                        .is_empty()
                })
                .count();
            continue;
        };
        total_records += 1;
        if cells.iter().skip(*width).any(|c| !is_blank(c)) {
            let joined = cells.join(",");
            errors.push(RowError {
                line,
                reason: RowProblem::Malformed(excerpt(&joined)),
            });
            continue;
        }
        match read_row(map, line, &cells) {
            Ok(row) => rows.push(row),
            Err(reason) => errors.push(RowError { line, reason }),
        }
    }

    let Some((columns, _)) = columns else {
        return Err(CsvError::NoHeader);
    };
    Ok(ParsedCsv {
        encoding,
        columns,
        rows,
        errors,
        total_records,
        data_lines,
    })
}

/// One data record into a row, or the first problem found (columns checked left to right
/// in the order name, kind, district, phone, email).
fn read_row(map: &ColumnMap, line: usize, cells: &[String]) -> Result<ImportRow, RowProblem> {
    let raw = |f: Field| -> &str {
        map.index(f)
            .and_then(|i| cells.get(i))
            .map_or("", |c| unguard(c))
    };
    let text = |f: Field| clean_line(raw(f));

    let name = text(Field::Name);
    if name.is_empty() {
        return Err(RowProblem::MissingName);
    }
    let kind = match text(Field::Kind) {
        k if k.is_empty() => None,
        k => Some(OrgKind::parse(&k).ok_or_else(|| RowProblem::BadKind(shorten(&k, 40)))?),
    };
    let district = match text(Field::District) {
        d if d.is_empty() => None,
        d => Some(District::parse(&d).ok_or_else(|| RowProblem::BadDistrict(shorten(&d, 40)))?),
    };
    let phone_in = text(Field::Phone);
    let phone =
        normalize_phone(&phone_in).ok_or_else(|| RowProblem::BadPhone(shorten(&phone_in, 40)))?;
    let email = text(Field::Email);
    if !valid_email(&email) {
        return Err(RowProblem::BadEmail(shorten(&email, 40)));
    }
    let row = ImportRow {
        line,
        name,
        organization: text(Field::Organization),
        role: text(Field::Role),
        phone,
        email,
        kind,
        district,
        code: text(Field::Code),
        tags: split_tags(raw(Field::Tags)),
        notes: clean_multiline(raw(Field::Notes)),
    };
    let all_tags = row.tags.join(", ");
    let tags = row.tags.iter().map(|t| (Field::Tags, TextField::Tag, t));
    for (field, limit, value) in [
        (Field::Name, TextField::Name, &row.name),
        (
            Field::Organization,
            TextField::Organization,
            &row.organization,
        ),
        (Field::Role, TextField::Role, &row.role),
        (Field::Phone, TextField::Phone, &row.phone),
        (Field::Email, TextField::Email, &row.email),
        (Field::Code, TextField::BadgeCode, &row.code),
        (Field::Notes, TextField::PersonNotes, &row.notes),
        (Field::Tags, TextField::Tags, &all_tags),
    ]
    .into_iter()
    .chain(tags)
    {
        if fit(limit, value).is_err() {
            return Err(RowProblem::TooLong {
                field,
                chars: value.chars().count(),
                limit: limit.limit(),
            });
        }
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::csv_out::{people_header, write_csv};

    fn parse(text: &str) -> ParsedCsv {
        parse_people_csv(text.as_bytes()).expect("parses")
    }

    fn names(p: &ParsedCsv) -> Vec<&str> {
        p.rows.iter().map(|r| r.name.as_str()).collect()
    }

    fn error_lines(p: &ParsedCsv) -> Vec<(usize, RowProblem)> {
        p.errors
            .iter()
            .map(|e| (e.line, e.reason.clone()))
            .collect()
    }

    const KO: &str = "이름,소속,구분,지역,직함,연락처,이메일,태그,메모\n\
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
    fn utf8_with_bom() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(KO.as_bytes());
        let p = parse_people_csv(&bytes).expect("parses");
        assert_eq!(p.encoding, Encoding::Utf8Bom);
        assert_eq!(p.encoding.to_string(), "UTF-8 (BOM)");
        // The BOM must not stick to the first header title.
        assert_eq!(p.columns.index(Field::Name), Some(0));
        assert_eq!(names(&p), ["김철수", "이영희"]);
    }

    #[test]
    fn cp949_as_excel_writes_it() {
        let text = KO.replace('\n', "\r\n") + "박민수,똠방각하 협동조합,협동조합,남부,,,,,\r\n";
        let (bytes, _, bad) = encoding_rs::EUC_KR.encode(&text);
        assert!(!bad);
        assert!(std::str::from_utf8(&bytes).is_err());
        let p = parse_people_csv(&bytes).expect("parses");
        assert_eq!(p.encoding, Encoding::Cp949);
        assert_eq!(p.encoding.to_string(), "CP949/EUC-KR");
        assert_eq!(names(&p), ["김철수", "이영희", "박민수"]);
        // 똠 is outside EUC-KR proper, in CP949's extension.
        assert_eq!(p.rows[2].organization, "똠방각하 협동조합");
        assert_eq!(p.rows[2].kind, Some(OrgKind::FrameworkCoop));
        assert_eq!(p.rows[2].line, 4);
        assert_eq!(p.rows[0].notes, "첫 참석");
    }

    #[test]
    fn decode_rejects_garbage() {
        assert_eq!(
            parse_people_csv(&[0xFF, 0xFE, 0x74, 0x00, 0x80]).err(),
            Some(CsvError::Undecodable)
        );
        let mut bad_after_bom = BOM.to_vec();
        bad_after_bom.extend_from_slice(&[0xC0, 0x80]);
        assert_eq!(decode(&bad_after_bom).err(), Some(CsvError::Undecodable));
        let (s, e) = decode(b"name\n").expect("decodes");
        assert_eq!((s.as_ref(), e), ("name\n", Encoding::Utf8));
        assert!(matches!(s, Cow::Borrowed(_)));
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

    #[test]
    fn english_headers_any_order_and_spelling() {
        let p = parse(
            "E-Mail,Full_Name, ORG ,Mobile,Type,Region,Badge,TAGS,Memo,Position,Status\n\
             lee@coop.kr,Lee Young-hee,Green Coop,+82 10-9876-5432,social co-op,north,AB12,a/b,hi,chair,checked\n",
        );
        let fields: Vec<Field> = p.columns.fields.iter().map(|(_, f)| *f).collect();
        assert_eq!(
            fields,
            [
                Field::Email,
                Field::Name,
                Field::Organization,
                Field::Phone,
                Field::Kind,
                Field::District,
                Field::Code,
                Field::Tags,
                Field::Notes,
                Field::Role,
                Field::Status
            ]
        );
        let r = &p.rows[0];
        assert_eq!(r.name, "Lee Young-hee");
        assert_eq!(r.organization, "Green Coop");
        assert_eq!(r.phone, "010-9876-5432");
        assert_eq!(r.kind, Some(OrgKind::SocialCoop));
        assert_eq!(r.district, Some(District::North));
        assert_eq!(r.code, "AB12");
        assert_eq!(r.tags, ["a", "b"]);
        assert_eq!(r.role, "chair");
        assert_eq!(r.email, "lee@coop.kr");
    }

    #[test]
    fn header_aliases() {
        let cases = [
            ("성명", Field::Name),
            ("name", Field::Name),
            ("Full Name", Field::Name),
            ("이름 (Name)", Field::Name),
            ("소속기관", Field::Organization),
            ("기관명", Field::Organization),
            ("단체", Field::Organization),
            ("Organisation", Field::Organization),
            ("company", Field::Organization),
            ("직책", Field::Role),
            ("직위", Field::Role),
            ("Title", Field::Role),
            ("전화번호", Field::Phone),
            ("휴대폰", Field::Phone),
            ("핸드폰", Field::Phone),
            ("연락처(휴대폰)", Field::Phone),
            ("tel", Field::Phone),
            ("메일", Field::Email),
            ("e-mail", Field::Email),
            ("이메일 주소", Field::Email),
            ("Email Address", Field::Email),
            ("기관구분", Field::Kind),
            ("유형", Field::Kind),
            ("권역", Field::District),
            ("배지", Field::Code),
            ("badge_code", Field::Code),
            ("태그", Field::Tags),
            ("비고", Field::Notes),
            ("notes", Field::Notes),
            ("참석", Field::Status),
            ("상태", Field::Status),
        ];
        for (h, f) in cases {
            assert_eq!(Field::from_header(h), Some(f), "header {h:?}");
        }
        for h in ["타임스탬프", "Timestamp", "", "점수", "name2"] {
            assert_eq!(Field::from_header(h), None, "header {h:?}");
        }
    }

    #[test]
    fn google_forms_export() {
        let p = parse(
            "타임스탬프,이름,소속 기관,연락처,이메일 주소,참석 여부,하고 싶은 말\n\
             2025. 3. 4 오후 2:11:05,최지훈,마을기업,010 2222 3333,choi@ex.org,참석,안녕하세요\n",
        );
        assert_eq!(p.columns.ignored, ["타임스탬프", "하고 싶은 말"]);
        assert_eq!(p.columns.index(Field::Name), Some(1));
        assert_eq!(p.columns.index(Field::Status), Some(5));
        let r = &p.rows[0];
        assert_eq!(r.name, "최지훈");
        assert_eq!(r.organization, "마을기업");
        assert_eq!(r.phone, "010-2222-3333");
        assert_eq!(r.email, "choi@ex.org");
        assert_eq!(r.notes, "");
    }

    #[test]
    fn repeated_field_leftmost_wins() {
        let p = parse("이름,기관,단체\n김,A,B\n");
        assert_eq!(p.columns.index(Field::Organization), Some(1));
        assert_eq!(p.columns.ignored, ["단체"]);
        assert_eq!(p.rows[0].organization, "A");
    }

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
    fn bad_rows_are_reported_and_good_rows_kept() {
        let text = "이름,구분,지역,연락처,이메일\n\
            좋은1,신협,동부,010-1111-2222,a@b.kr\n\
            ,신협,동부,,\n\
            나쁜구분,은행,,,\n\
            나쁜지역,,제주,,\n\
            나쁜전화,,,1234,\n\
            나쁜메일,,,,kim@@x\n\
            칸이많음,,,,,넘침\n\
            \"좋은2\",기타,기타,,\n\
            좋은3,,,,,,\n\
            \"안닫힘,신협,,,\n\
            좋은4,,,,\n";
        for text in [text.to_string(), text.replace('\n', "\r\n")] {
            bad_rows_case(&parse(&text));
        }
    }

    fn bad_rows_case(p: &ParsedCsv) {
        let p = p.clone();
        assert_eq!(names(&p), ["좋은1", "좋은2", "좋은3", "좋은4"]);
        let lines: Vec<usize> = p.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 9, 10, 12]);
        assert_eq!(
            error_lines(&p),
            [
                (3, RowProblem::MissingName),
                (4, RowProblem::BadKind("은행".into())),
                (5, RowProblem::BadDistrict("제주".into())),
                (6, RowProblem::BadPhone("1234".into())),
                (7, RowProblem::BadEmail("kim@@x".into())),
                (8, RowProblem::Malformed("칸이많음,,,,,넘침".into())),
                (11, RowProblem::Malformed("\"안닫힘,신협,,,".into())),
            ]
        );
        assert_eq!(p.total_records, 11);
        assert_eq!(p.rows[1].kind, Some(OrgKind::Other));
        assert_eq!(p.rows[1].district, Some(District::Other));
        assert_eq!(p.rows[2].kind, None);
        // Messages carry the value in both languages.
        for (_, why) in error_lines(&p).iter().skip(1) {
            let v = match why {
                RowProblem::BadKind(v)
                | RowProblem::BadDistrict(v)
                | RowProblem::BadPhone(v)
                | RowProblem::BadEmail(v)
                | RowProblem::Malformed(v) => v.clone(),
                RowProblem::MissingName
                | RowProblem::TooLong { .. }
                | RowProblem::CodeTaken { .. } => unreachable!(),
            };
            assert!(why.ko().contains(&v) && why.en().contains(&v), "{why:?}");
        }
        assert!(
            RowProblem::BadKind("은행".into())
                .ko()
                .contains("사회적협동조합")
        );
        assert!(
            RowProblem::BadKind("x".into())
                .en()
                .contains("credit union")
        );
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

    #[test]
    fn terminal_escapes_are_removed() {
        let p = parse(
            "이름,소속,메모\n\
             \"김\x1b[2J철수\",\"\x1b]0;x\x07한빛\",\"a\x1b[31m\nb\x07\"\n\
             \x1b]0;pwned\x07이영희\u{202e},\u{9b}2J푸른,\n",
        );
        for r in &p.rows {
            for s in [&r.name, &r.organization, &r.notes] {
                assert!(!s.chars().any(|c| c.is_control() && c != '\n'), "{s:?}");
            }
        }
        assert_eq!(p.rows[0].name, "김[2J철수");
        assert_eq!(p.rows[0].organization, "]0;x한빛");
        assert_eq!(p.rows[0].notes, "a[31m\nb");
        assert_eq!(p.rows[1].name, "]0;pwned이영희");
        assert_eq!(p.rows[1].organization, "2J푸른");
        // Also in problem values.
        let p = parse("이름,구분\n김,\x1b[2J은행\x07\n");
        assert_eq!(
            error_lines(&p),
            [(2, RowProblem::BadKind("[2J은행".into()))]
        );
    }

    #[test]
    fn nfd_hangul_becomes_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let nfd_name: String = "김철수".nfd().collect();
        let nfd_header: String = "이름,소속".nfd().collect();
        let nfd_org: String = "한빛신협".nfd().collect();
        assert_ne!(nfd_name, "김철수");
        let p = parse(&format!("{nfd_header}\n{nfd_name},{nfd_org}\n"));
        assert_eq!(p.rows[0].name, "김철수");
        assert_eq!(p.rows[0].organization, "한빛신협");
    }

    #[test]
    fn long_problem_values_are_shortened() {
        let long = "가".repeat(100);
        let p = parse(&format!("이름,구분\n김,{long}\n"));
        let RowProblem::BadKind(v) = &p.errors[0].reason else {
            panic!("{:?}", p.errors);
        };
        assert!(v.ends_with('…') && v.width() <= 40, "{v}");
    }

    #[test]
    fn phone_table() {
        let ok = [
            ("", ""),
            ("   ", ""),
            ("01012345678", "010-1234-5678"),
            ("010-1234-5678", "010-1234-5678"),
            ("010 1234 5678", "010-1234-5678"),
            ("010.1234.5678", "010-1234-5678"),
            (" 010-1234-5678 ", "010-1234-5678"),
            ("０１０－１２３４－５６７８", "010-1234-5678"),
            ("+82 10-1234-5678", "010-1234-5678"),
            ("+821012345678", "010-1234-5678"),
            ("+82 (0)10 1234 5678", "010-1234-5678"),
            ("+82-2-123-4567", "02-123-4567"),
            ("0111234567", "011-123-4567"),
            ("016-1234-5678", "016-1234-5678"),
            ("02-123-4567", "02-123-4567"),
            ("021234567", "02-123-4567"),
            ("0212345678", "02-1234-5678"),
            ("(02) 1234-5678", "02-1234-5678"),
            ("031-123-4567", "031-123-4567"),
            ("03112345678", "031-1234-5678"),
            ("064-712-3456", "064-712-3456"),
            ("070-1234-5678", "070-1234-5678"),
            ("080-123-4567", "080-123-4567"),
            ("0505-123-4567", "0505-123-4567"),
            ("1588-1234", "1588-1234"),
            ("16001234", "1600-1234"),
        ];
        for (input, want) in ok {
            assert_eq!(normalize_phone(input).as_deref(), Some(want), "{input:?}");
        }
        let bad = [
            "1234",
            "010-1234-567",
            "010-1234-56789",
            "0101234567",
            "02-12-345",
            "02-12345-67890",
            "+1 415 555 0100",
            "+82",
            "12345678",
            "010-1234-5678 (사무실)",
            "010-1234-5678 ext 2",
            "010+1234",
            "099-123-4567",
            "없음",
            "-",
            "010/1234/5678",
        ];
        for input in bad {
            assert_eq!(normalize_phone(input), None, "{input:?}");
        }
    }

    #[test]
    fn email_table() {
        let ok = [
            "",
            "  ",
            "kim@example.com",
            "kim.cs+net@coop.or.kr",
            "a@b.c",
            "홍길동@협동조합.한국",
            " kim@example.com ",
            "o'brien@ex-ample.org",
        ];
        for e in ok {
            assert!(valid_email(e), "{e:?}");
        }
        let bad = [
            "kim",
            "kim@",
            "@example.com",
            "kim@example",
            "kim@@example.com",
            "kim@a@b.com",
            "kim @example.com",
            "kim@exa mple.com",
            "kim@.com",
            "kim@example.",
            "kim@example..com",
            "kim@-ex.com",
            "a@b.com, c@d.com",
            "a@b.com;c@d.com",
            "<a@b.com>",
            "kim\u{7}@ex.com",
        ];
        for e in bad {
            assert!(!valid_email(e), "{e:?}");
        }
    }

    #[test]
    fn unguard_undoes_neutralize() {
        for s in [
            "=1", "+1", "-1", "@x", "'=1", "''-x", "'", "'abc", "abc", "", "'\t",
        ] {
            let out = crate::io::csv_out::neutralize(s);
            assert_eq!(unguard(&out), s, "{s:?} -> {out:?}");
        }
        assert_eq!(unguard("'abc"), "'abc");
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
    }

    fn export(lang_ko: bool, rows: &[ImportRow]) -> Vec<u8> {
        let mut buf = Vec::new();
        let cells = rows.iter().map(|r| {
            let label = |k: Option<&'static str>| k.unwrap_or_default().to_string();
            vec![
                r.code.clone(),
                r.name.clone(),
                r.organization.clone(),
                label(r.kind.map(|k| if lang_ko { k.ko() } else { k.en() })),
                label(r.district.map(|d| if lang_ko { d.ko() } else { d.en() })),
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
