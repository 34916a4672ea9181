//! One record to one person: cells cleaned, kind, district, phone and e-mail checked, limits
//! applied; or the first problem found, kept with the record's line.

use crate::model::contact::{normalize_phone, valid_email};
use crate::model::korean::{Particle, josa};
use crate::model::text::truncate;
use crate::model::{
    ConsentState, District, ImportField, OrgKind, TextField, clean_line, clean_multiline, fit,
};

use super::headers::ColumnMap;
use super::write::needs_guard;
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
    /// The answer in the attendance column, when there is one and it reads as an answer.
    pub answer: Option<Rsvp>,
    /// The answer in the consent column (`NotAsked` without one).
    pub consent: ConsentState,
    /// When the answer was sent, from a form tool's timestamp column ("타임스탬프").
    pub consent_at: Option<crate::model::Ts>,
    /// Set when the row said no to consent and gave a phone or an e-mail: they were left out.
    pub withheld: bool,
}

/// An answer to "will you come?" as form tools and people write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rsvp {
    Yes,
    No,
    Maybe,
}

impl Rsvp {
    /// 참석 / 불참 / 미정, yes / no / maybe, and sentences ("참석합니다", "못 갑니다", "잘
    /// 모르겠어요"); also the statuses netday exports (도착, 참석 예정, 취소, 불참). `None` when
    /// the text says none of these.
    pub fn parse(s: &str) -> Option<Rsvp> {
        const MAYBE: &[&str] = &[
            "미정",
            "모르",
            "모름",
            "미확정",
            "아직",
            "글쎄",
            "고민",
            "maybe",
            "tentative",
            "notsure",
            "unsure",
            "undecided",
            "perhaps",
        ];
        const NO: &[&str] = &[
            "불참",
            "불가",
            "미참석",
            "못",
            "않",
            "안가",
            "안갑",
            "어렵",
            "어려",
            "취소",
            "아니",
            "no",
            "not",
            "cannot",
            "can't",
            "won't",
            "decline",
            "cancel",
            "absent",
            "x",
            "×",
        ];
        const YES: &[&str] = &[
            "참석",
            "참가",
            "출석",
            "가능",
            "갑니다",
            "갈게",
            "도착",
            "예",
            "네",
            "yes",
            "y",
            "o",
            "○",
            "◯",
            "going",
            "attend",
            "will",
            "sure",
            "checked",
            "arrived",
            "expected",
        ];
        let t = clean_line(s).to_lowercase();
        let ko: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        let words: Vec<&str> = t
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let said = |list: &[&str]| {
            list.iter().any(|k| {
                if k.is_ascii() {
                    words.contains(k) || (k.len() > 3 && ko.contains(k))
                } else {
                    ko.contains(k) || words.contains(k)
                }
            })
        };
        if ko.is_empty() {
            None
        } else if said(MAYBE) {
            Some(Rsvp::Maybe)
        } else if said(NO) {
            Some(Rsvp::No)
        } else if said(YES) {
            Some(Rsvp::Yes)
        } else {
            None
        }
    }
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
    /// The row's badge code belongs here to someone of the same name whose phone, e-mail or
    /// organisation say it is another person (`holder`: their name and masked phone).
    CodeOfNamesake {
        code: String,
        holder: String,
    },
    /// A cell longer than its field may be (`TextField::limit`); `chars` is its length.
    TooLong {
        field: ImportField,
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
                "배지 코드 {} 이미 다른 사람({holder})의 코드입니다. 같은 사람이면 이름을 맞추고, 아니면 코드 칸을 비워 다시 가져오세요",
                josa(code, Particle::EunNeun)
            ),
            RowProblem::CodeOfNamesake { code, holder } => {
                crate::i18n::code_of_namesake(code, holder).0
            }
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
            RowProblem::CodeOfNamesake { code, holder } => {
                crate::i18n::code_of_namesake(code, holder).1
            }
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

/// Something in a row that is imported as it is but deserves a look before Enter: said per row
/// in the preview and by `netday import`, never a reason to leave the row out by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowFlag {
    /// 1-based physical line of the file where the record starts.
    pub line: usize,
    /// The column the flag is about.
    pub field: ImportField,
    pub what: Flag,
}

/// What a row's cell looked like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flag {
    /// Control or invisible characters were taken out of the cell; holds what is left.
    Controls(String),
    /// The cell reads like a spreadsheet formula (`=HYPERLINK(…)`); imported as plain text.
    Formula(String),
    /// The name reads like an organisation's (…협동조합, …센터, (주)…).
    NameLikeOrg(String),
    /// The name reads like a phone number or a number.
    NameLikeNumber(String),
    /// The phone belongs to someone already here under another name (holds their name).
    PhoneOf(String),
    /// The e-mail belongs to someone already here under another name (holds their name).
    EmailOf(String),
}

impl RowFlag {
    pub fn ko(&self) -> String {
        crate::i18n::row_flag_words(self.field.ko(), &self.what_words().0)
    }
    pub fn en(&self) -> String {
        crate::i18n::row_flag_words(self.field.en(), &self.what_words().1)
    }
    fn what_words(&self) -> (String, String) {
        use crate::i18n as t;
        match &self.what {
            Flag::Controls(v) => t::flag_controls(v),
            Flag::Formula(v) => t::flag_formula(v),
            Flag::NameLikeOrg(v) => t::flag_name_like_org(v),
            Flag::NameLikeNumber(v) => t::flag_name_like_number(v),
            Flag::PhoneOf(who) => t::flag_phone_of(who),
            Flag::EmailOf(who) => t::flag_email_of(who),
        }
    }
}

/// Characters `clean_line` takes out of a cell and a person would not see: controls (an escape
/// sequence's ESC and BEL) and the invisible direction and zero-width marks. Tabs and line
/// breaks only become spaces.
fn has_hidden(raw: &str) -> bool {
    raw.chars().any(|c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF)
    })
}

/// Text a spreadsheet would run as a formula: `=` and anything, or `+ - @` before a function
/// call (`@SUM(`), a cell (`-A1`) or a link to another program (`cmd|`).
fn looks_like_formula(text: &str) -> bool {
    let mut chars = text.chars();
    let (Some(first), rest) = (chars.next(), chars.as_str().trim_start()) else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    match first {
        '=' => true,
        '+' | '-' | '@' => {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
                .collect();
            let after = rest[word.len()..].trim_start();
            let starts_alpha = word.starts_with(|c: char| c.is_ascii_alphabetic());
            let cell = {
                let letters = word.chars().take_while(char::is_ascii_alphabetic).count();
                (1..=3).contains(&letters)
                    && word.len() > letters
                    && word[letters..].chars().all(|c| c.is_ascii_digit())
            };
            (starts_alpha && after.starts_with('('))
                || (cell && after.is_empty())
                || rest.contains('|')
        }
        _ => false,
    }
}

/// A name ending (or starting) the way organisations' names do.
fn name_like_org(name: &str) -> bool {
    const ENDS: &[&str] = &[
        "협동조합",
        "조합",
        "신협",
        "생협",
        "사협",
        "센터",
        "재단",
        "협회",
        "법인",
        "연합회",
        "협의회",
        "주식회사",
        "기업",
        "은행",
        "구청",
        "시청",
        "(주)",
        "㈜",
    ];
    const STARTS: &[&str] = &["(주)", "㈜", "주식회사", "재단법인", "사단법인"];
    let n: String = name.split_whitespace().collect();
    ENDS.iter().any(|e| n.ends_with(e)) || STARTS.iter().any(|s| n.starts_with(s))
}

/// A name with digits and no letters: a phone number or a count typed into the name column.
fn name_like_number(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_digit()) && !name.chars().any(char::is_alphabetic)
}

/// The flags of a row read from `cells` (`row` is what came of it).
pub(super) fn flags_of(map: &ColumnMap, cells: &[String], row: &ImportRow) -> Vec<RowFlag> {
    let mut flags = Vec::new();
    let flag = |field, what| RowFlag {
        line: row.line,
        field,
        what,
    };
    for &(i, field) in &map.fields {
        let Some(raw) = cells.get(i) else { continue };
        let raw = unguard(raw);
        if has_hidden(raw) {
            flags.push(flag(field, Flag::Controls(truncate(&clean_line(raw), 40))));
        }
        let text_field = matches!(
            field,
            ImportField::Name
                | ImportField::Organization
                | ImportField::Role
                | ImportField::Notes
                | ImportField::Tags
        );
        let text = clean_line(raw);
        if text_field && looks_like_formula(&text) {
            flags.push(flag(field, Flag::Formula(truncate(&text, 40))));
        }
    }
    let name = truncate(&row.name, 40);
    if name_like_org(&row.name) {
        flags.push(flag(ImportField::Name, Flag::NameLikeOrg(name)));
    } else if name_like_number(&row.name) {
        flags.push(flag(ImportField::Name, Flag::NameLikeNumber(name)));
    }
    flags
}

/// Undoes `write::neutralize`: one leading apostrophe goes when what follows it (after any
/// further apostrophes) starts with a formula character.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
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

/// The first physical line of `raw`, cleaned and shortened, to show in a message.
pub(super) fn excerpt(raw: &str) -> String {
    truncate(&clean_line(raw.lines().next().unwrap_or("")), 40)
}

/// A phone number Excel stored as a number, which drops its leading 0 (1012345678 for
/// 010-1234-5678, 212345678 for 02-1234-5678): the 0 put back.
fn lost_zero(s: &str) -> Option<String> {
    let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
    if digits && (8..=11).contains(&s.len()) {
        normalize_phone(&format!("0{s}"))
    } else {
        None
    }
}

/// When the row's answers were sent, from the form tool's timestamp column, if there is one.
fn answered_at(map: &ColumnMap, cells: &[String]) -> Option<crate::model::Ts> {
    let key = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    let i = map
        .titles
        .iter()
        .position(|t| crate::model::consent::ANSWERED_AT_HEADERS.contains(&key(t).as_str()))?;
    crate::model::consent::parse_answered_at(&clean_line(unguard(cells.get(i)?)))
}

/// One data record into a row, or the first problem found (columns checked left to right
/// in the order name, kind, district, phone, email).
pub(super) fn read_row(
    map: &ColumnMap,
    line: usize,
    cells: &[String],
) -> Result<ImportRow, RowProblem> {
    let raw = |f: ImportField| -> &str {
        map.index(f)
            .and_then(|i| cells.get(i))
            .map_or("", |c| unguard(c))
    };
    let text = |f: ImportField| clean_line(raw(f));

    let name = text(ImportField::Name);
    if name.is_empty() {
        return Err(RowProblem::MissingName);
    }
    let kind = match text(ImportField::Kind) {
        k if k.is_empty() => None,
        k => Some(OrgKind::parse(&k).ok_or_else(|| RowProblem::BadKind(truncate(&k, 40)))?),
    };
    let district = match text(ImportField::District) {
        d if d.is_empty() => None,
        d => Some(District::parse(&d).ok_or_else(|| RowProblem::BadDistrict(truncate(&d, 40)))?),
    };
    // Without consent the contact details are not read at all: not kept, not checked.
    let consent = ConsentState::parse(raw(ImportField::Consent));
    let withheld = consent == ConsentState::No
        && (!text(ImportField::Phone).is_empty() || !text(ImportField::Email).is_empty());
    let consent_at = match consent {
        ConsentState::NotAsked => None,
        _ => answered_at(map, cells),
    };
    let (phone_in, email) = match consent {
        ConsentState::No => (String::new(), String::new()),
        _ => (text(ImportField::Phone), text(ImportField::Email)),
    };
    let phone = normalize_phone(&phone_in)
        .or_else(|| lost_zero(&phone_in))
        .ok_or_else(|| RowProblem::BadPhone(truncate(&phone_in, 40)))?;
    if !valid_email(&email) {
        return Err(RowProblem::BadEmail(truncate(&email, 40)));
    }
    let row = ImportRow {
        line,
        name,
        organization: text(ImportField::Organization),
        role: text(ImportField::Role),
        phone,
        email,
        kind,
        district,
        code: text(ImportField::Code),
        tags: split_tags(raw(ImportField::Tags)),
        notes: clean_multiline(raw(ImportField::Notes)),
        answer: Rsvp::parse(raw(ImportField::Status)),
        consent,
        consent_at,
        withheld,
    };
    let all_tags = row.tags.join(", ");
    let tags = row
        .tags
        .iter()
        .map(|t| (ImportField::Tags, TextField::Tag, t));
    for (field, limit, value) in [
        (ImportField::Name, TextField::Name, &row.name),
        (
            ImportField::Organization,
            TextField::Organization,
            &row.organization,
        ),
        (ImportField::Role, TextField::Role, &row.role),
        (ImportField::Phone, TextField::Phone, &row.phone),
        (ImportField::Email, TextField::Email, &row.email),
        (ImportField::Code, TextField::BadgeCode, &row.code),
        (ImportField::Notes, TextField::PersonNotes, &row.notes),
        (ImportField::Tags, TextField::Tags, &all_tags),
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
    use crate::io::csv::tests::{error_lines, names, parse};
    use crate::io::csv::{ParsedCsv, write};

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
                | RowProblem::CodeTaken { .. }
                | RowProblem::CodeOfNamesake { .. } => unreachable!(),
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
        assert!(
            v.ends_with('…') && crate::model::text::width(v) <= 40,
            "{v}"
        );
    }

    #[test]
    fn junk_is_flagged_per_row_and_column_and_still_imported() {
        let p = parse(
            "이름,소속,메모\n\
             \"최\x1b]0;PWNED\x07민호\",\"=HYPERLINK(\"\"http://x\"\",\"\"x\"\")\",\n\
             한빛신협,한빛신협,\n\
             010-1234-5678,,\n\
             김정상,-마이너스 협동조합,+대표 @멘션 -5\n\
             이상해,@SUM(A1),-A1\n",
        );
        assert_eq!(p.rows.len(), 5, "flagged rows are still read");
        let got: Vec<(usize, ImportField, Flag)> = p
            .flags
            .iter()
            .map(|f| (f.line, f.field, f.what.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    2,
                    ImportField::Name,
                    Flag::Controls("최]0;PWNED민호".into())
                ),
                (
                    2,
                    ImportField::Organization,
                    Flag::Formula("=HYPERLINK(\"http://x\",\"x\")".into())
                ),
                (3, ImportField::Name, Flag::NameLikeOrg("한빛신협".into())),
                (
                    4,
                    ImportField::Name,
                    Flag::NameLikeNumber("010-1234-5678".into())
                ),
                (
                    6,
                    ImportField::Organization,
                    Flag::Formula("@SUM(A1)".into())
                ),
                (6, ImportField::Notes, Flag::Formula("-A1".into())),
            ]
        );
        for f in &p.flags {
            assert!(!f.ko().is_empty() && !f.en().is_empty());
        }
    }

    #[test]
    fn unguard_undoes_neutralize() {
        for s in [
            "=1", "+1", "-1", "@x", "'=1", "''-x", "'", "'abc", "abc", "", "'\t",
        ] {
            let out = write::neutralize(s);
            assert_eq!(unguard(&out), s, "{s:?} -> {out:?}");
        }
        assert_eq!(unguard("'abc"), "'abc");
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
    }
}
