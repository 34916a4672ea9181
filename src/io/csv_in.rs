//! Reading a people CSV as Korean offices make them: Excel (CP949), Google Forms (UTF-8 with a
//! timestamp column), or hand-made. Bytes in, rows and row errors out; no database here.

use std::borrow::Cow;

use crate::model::{District, OrgKind, clean_line, clean_multiline};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Organization,
    Role,
    Phone,
    Email,
    Kind,
    District,
    Code,
    Tags,
    Notes,
    Status,
}

impl Field {
    /// The field a header cell names, in Korean or English, any case, spaces ignored.
    pub fn from_header(h: &str) -> Option<Field> {
        let k: String = h
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-' && *c != '.')
            .collect::<String>()
            .to_lowercase();
        Some(match k.as_str() {
            "이름" | "성명" | "성함" | "name" | "fullname" => Field::Name,
            "소속" | "소속기관" | "기관" | "기관명" | "단체" | "단체명" | "조합" | "조합명"
            | "organization" | "organisation" | "org" | "company" => Field::Organization,
            "직함" | "직책" | "직위" | "role" | "title" | "position" => Field::Role,
            "연락처" | "전화" | "전화번호" | "휴대폰" | "핸드폰" | "휴대전화" | "phone"
            | "mobile" | "tel" | "phonenumber" => Field::Phone,
            "이메일" | "메일" | "전자우편" | "email" | "mail" => Field::Email,
            "구분" | "기관구분" | "유형" | "kind" | "type" => Field::Kind,
            "지역" | "권역" | "district" | "region" => Field::District,
            "코드" | "배지" | "배지코드" | "code" | "badge" => Field::Code,
            "태그" | "tags" | "tag" => Field::Tags,
            "메모" | "비고" | "notes" | "note" | "memo" => Field::Notes,
            "상태" | "참석" | "status" => Field::Status,
            _ => return None,
        })
    }
}

/// Which column holds which field; headers we do not know are listed, not fatal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    pub fields: Vec<(usize, Field)>,
    pub ignored: Vec<String>,
}

impl ColumnMap {
    fn col(&self, f: Field) -> Option<usize> {
        self.fields.iter().find(|(_, x)| *x == f).map(|(i, _)| *i)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportRow {
    /// Line in the file where the record starts (1-based).
    pub line: usize,
    pub name: String,
    pub organization: String,
    pub role: String,
    pub phone: String,
    pub email: String,
    pub kind: Option<OrgKind>,
    pub district: Option<District>,
    pub code: String,
    pub tags: Vec<String>,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    MissingName,
    BadKind(String),
    BadDistrict(String),
    BadPhone(String),
    BadEmail(String),
    Malformed(String),
}

impl RowProblem {
    pub fn ko(&self) -> String {
        match self {
            RowProblem::MissingName => "이름이 비어 있습니다".into(),
            RowProblem::BadKind(v) => format!(
                "알 수 없는 구분 “{v}” (신협, 생협, 기본법 협동조합, 사회적협동조합, 지원기관, 기타)"
            ),
            RowProblem::BadDistrict(v) => {
                format!("알 수 없는 지역 “{v}” (동부, 서부, 남부, 북부, 기타)")
            }
            RowProblem::BadPhone(v) => format!("전화번호 형식이 아닙니다 “{v}”"),
            RowProblem::BadEmail(v) => format!("이메일 형식이 아닙니다 “{v}”"),
            RowProblem::Malformed(v) => format!("CSV 형식 오류 ({v})"),
        }
    }
    pub fn en(&self) -> String {
        match self {
            RowProblem::MissingName => "name is empty".into(),
            RowProblem::BadKind(v) => format!("unknown kind “{v}”"),
            RowProblem::BadDistrict(v) => format!("unknown district “{v}”"),
            RowProblem::BadPhone(v) => format!("not a phone number “{v}”"),
            RowProblem::BadEmail(v) => format!("not an e-mail address “{v}”"),
            RowProblem::Malformed(v) => format!("malformed CSV ({v})"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub reason: RowProblem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedCsv {
    pub encoding: Encoding,
    pub columns: ColumnMap,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<RowError>,
    pub total_records: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    #[error("no header row")]
    NoHeader,
    #[error("no name column")]
    NoNameColumn,
    #[error("not UTF-8 or CP949 text")]
    Undecodable,
}

impl CsvError {
    pub fn ko(&self) -> String {
        match self {
            CsvError::Empty => "파일이 비어 있습니다".into(),
            CsvError::NoHeader => "첫 줄에 열 이름(헤더)이 없습니다".into(),
            CsvError::NoNameColumn => {
                "이름 열이 없습니다 (헤더에 ‘이름’ 또는 ‘name’이 필요합니다)".into()
            }
            CsvError::Undecodable => {
                "텍스트 파일이 아닙니다 (UTF-8 또는 CP949/EUC-KR만 읽습니다)".into()
            }
        }
    }
    pub fn en(&self) -> String {
        match self {
            CsvError::Empty => "The file is empty".into(),
            CsvError::NoHeader => "No header row".into(),
            CsvError::NoNameColumn => "No name column (the header needs ‘이름’ or ‘name’)".into(),
            CsvError::Undecodable => "Not a text file (only UTF-8 or CP949/EUC-KR are read)".into(),
        }
    }
}

/// Text of a CSV file: BOM stripped, CP949 decoded.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (Cow::Borrowed(s), Encoding::Utf8Bom))
            .map_err(|_| CsvError::Undecodable);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if s.contains('\0') {
            return Err(CsvError::Undecodable);
        }
        return Ok((Cow::Borrowed(s), Encoding::Utf8));
    }
    let (text, had_errors) = encoding_rs::EUC_KR.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\0') {
        return Err(CsvError::Undecodable);
    }
    Ok((text, Encoding::Cp949))
}

/// Undoes the exporter's formula guard: `'=…` back to `=…`.
pub fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// A Korean phone number in its usual dashed form; `Some("")` for empty, `None` if it cannot be one.
pub fn normalize_phone(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        return Some(String::new());
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || " -+().".contains(c))
    {
        return None;
    }
    let mut d: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    if t.starts_with('+') {
        d = d.strip_prefix("82")?.to_string();
        if !d.starts_with('0') {
            d.insert(0, '0');
        }
    }
    if !d.starts_with('0') {
        return None;
    }
    let n = d.len();
    let (a, b) = if d.starts_with("02") {
        match n {
            9 => (2, 5),
            10 => (2, 6),
            _ => return None,
        }
    } else {
        match n {
            10 => (3, 6),
            11 => (3, 7),
            12 if d.starts_with("050") => (4, 8),
            _ => return None,
        }
    };
    Some(format!("{}-{}-{}", &d[..a], &d[a..b], &d[b..]))
}

/// A plausible e-mail address (or empty).
pub fn valid_email(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

/// Reads a people CSV. Bad rows are reported with their line and reason; good rows still come back.
pub fn parse_people_csv(bytes: &[u8]) -> Result<ParsedCsv, CsvError> {
    let (text, encoding) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut columns = ColumnMap::default();
    let mut width = 0;
    // The header: the first record with anything in it.
    for rec in records.by_ref() {
        let rec = rec.map_err(|_| CsvError::NoHeader)?;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        width = rec.len();
        for (i, h) in rec.iter().enumerate() {
            let h = clean_line(h);
            match Field::from_header(&h) {
                Some(f) if columns.col(f).is_none() => columns.fields.push((i, f)),
                _ if h.is_empty() => {}
                _ => columns.ignored.push(h),
            }
        }
        break;
    }
    if width == 0 {
        return Err(CsvError::NoHeader);
    }
    let name_col = columns.col(Field::Name).ok_or(CsvError::NoNameColumn)?;
    let mut out = ParsedCsv {
        encoding,
        columns: columns.clone(),
        rows: Vec::new(),
        errors: Vec::new(),
        total_records: 0,
    };
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                out.total_records += 1;
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                out.errors.push(RowError {
                    line,
                    reason: RowProblem::Malformed(e.to_string()),
                });
                continue;
            }
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.total_records += 1;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let cell = |f: Field| -> String {
            columns
                .col(f)
                .and_then(|i| rec.get(i))
                .map(|c| clean_line(unneutralize(c)))
                .unwrap_or_default()
        };
        let bad = |reason| RowError { line, reason };
        let name = rec
            .get(name_col)
            .map(|c| clean_line(unneutralize(c)))
            .unwrap_or_default();
        if name.is_empty() {
            out.errors.push(bad(RowProblem::MissingName));
            continue;
        }
        let kind_text = cell(Field::Kind);
        let kind = if kind_text.is_empty() {
            None
        } else {
            match OrgKind::parse(&kind_text) {
                Some(k) => Some(k),
                None => {
                    out.errors.push(bad(RowProblem::BadKind(kind_text)));
                    continue;
                }
            }
        };
        let district_text = cell(Field::District);
        let district = if district_text.is_empty() {
            None
        } else {
            match District::parse(&district_text) {
                Some(d) => Some(d),
                None => {
                    out.errors.push(bad(RowProblem::BadDistrict(district_text)));
                    continue;
                }
            }
        };
        let phone_text = cell(Field::Phone);
        let Some(phone) = normalize_phone(&phone_text) else {
            out.errors.push(bad(RowProblem::BadPhone(phone_text)));
            continue;
        };
        let email = cell(Field::Email);
        if !valid_email(&email) {
            out.errors.push(bad(RowProblem::BadEmail(email)));
            continue;
        }
        let tags = cell(Field::Tags)
            .split([',', ';', '/'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        let notes = columns
            .col(Field::Notes)
            .and_then(|i| rec.get(i))
            .map(|c| clean_multiline(unneutralize(c)))
            .unwrap_or_default();
        out.rows.push(ImportRow {
            line,
            name,
            organization: cell(Field::Organization),
            role: cell(Field::Role),
            phone,
            email,
            kind,
            district,
            code: cell(Field::Code).to_ascii_uppercase(),
            tags,
            notes,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        for (input, want) in [
            ("01012345678", Some("010-1234-5678")),
            ("010-1234-5678", Some("010-1234-5678")),
            ("010 1234 5678", Some("010-1234-5678")),
            ("+82 10-1234-5678", Some("010-1234-5678")),
            ("0212345678", Some("02-1234-5678")),
            ("02-123-4567", Some("02-123-4567")),
            ("031-123-4567", Some("031-123-4567")),
            ("", Some("")),
            ("1234", None),
            ("010-12", None),
            ("전화없음", None),
        ] {
            assert_eq!(normalize_phone(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn email_shapes() {
        assert!(valid_email(""));
        assert!(valid_email("kim@hanul.example"));
        assert!(!valid_email("kim@hanul"));
        assert!(!valid_email("kim hanul@x.kr"));
        assert!(!valid_email("@x.kr"));
        assert!(!valid_email("a@@x.kr"));
    }

    #[test]
    fn headers_in_both_languages() {
        assert_eq!(Field::from_header("이름"), Some(Field::Name));
        assert_eq!(Field::from_header(" Full Name "), Some(Field::Name));
        assert_eq!(Field::from_header("소속 기관"), Some(Field::Organization));
        assert_eq!(Field::from_header("E-mail"), Some(Field::Email));
        assert_eq!(Field::from_header("타임스탬프"), None);
    }
}
