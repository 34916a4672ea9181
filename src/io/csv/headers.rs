//! Which column holds which field, read from the header row by meaning: Korean or English
//! titles, any spelling, question-style headers from form tools ("성함을 적어주세요",
//! "연락처(휴대폰)", "참석 가능 여부") included. A user's `--map` wins over the reading.

use crate::model::{ImportField, clean_line};
/// What a header must contain to name a field, tried in this order, first match wins: an
/// e-mail or phone header often names the organisation too ("기관 연락처"), a kind header
/// too ("기관 구분"), and an organisation header often says "이름" ("단체 이름").
/// Korean words are found anywhere in the header; English ones as whole words.
/// Consent comes first: its question often names what it is about ("개인정보(연락처) 수집·이용
/// 동의", "참석 안내를 위한 … 동의").
const RULES: &[(ImportField, &[&str], &[&str])] = &[
    (
        ImportField::Consent,
        &["동의"],
        &["consent", "privacyconsent", "gdpr"],
    ),
    (
        ImportField::Email,
        &["이메일", "메일"],
        &["email", "mail", "emailaddress"],
    ),
    (
        ImportField::Phone,
        &["휴대폰", "핸드폰", "휴대전화", "전화", "연락처"],
        &[
            "phone",
            "phonenumber",
            "mobile",
            "tel",
            "telephone",
            "cell",
            "contact",
        ],
    ),
    (ImportField::Name, &["성명", "성함"], &["fullname"]),
    (
        ImportField::Kind,
        &["구분", "유형", "종류"],
        &["kind", "type", "orgkind", "orgtype"],
    ),
    (
        ImportField::District,
        &["지역", "권역"],
        &["district", "region"],
    ),
    (
        ImportField::Organization,
        &[
            "소속", "기관", "단체", "조합", "회사", "법인", "기업", "협회",
        ],
        &[
            "organization",
            "organisation",
            "org",
            "company",
            "affiliation",
            "institution",
            "employer",
        ],
    ),
    (ImportField::Name, &["이름"], &["name"]),
    (
        ImportField::Status,
        &["참석", "참가", "출석", "불참", "상태"],
        &["status", "attendance", "attend", "attending", "rsvp"],
    ),
    (
        ImportField::Role,
        &["직함", "직책", "직위", "직급"],
        &["role", "title", "position", "jobtitle"],
    ),
    (
        ImportField::Code,
        &["코드", "배지"],
        &["code", "badge", "badgecode"],
    ),
    (
        ImportField::Tags,
        &["태그", "관심"],
        &["tag", "tags", "interests"],
    ),
    (
        ImportField::Notes,
        &["메모", "비고"],
        &["notes", "note", "memo", "remarks", "comment", "comments"],
    ),
];

/// Words that only say whose detail a question asks for ("참석자 성함", "조합원 이름"), taken
/// away before reading the header so they do not read as attendance or organisation.
const QUALIFIERS: &[&str] = &["참석자", "참가자", "신청자", "조합원", "담당자"];

/// How an imported list's headers and `--map` name each field.
impl ImportField {
    /// The field a header cell names, by what it contains (see `RULES`). Case, spaces,
    /// underscores, hyphens and dots do not matter.
    pub fn from_header(header: &str) -> Option<ImportField> {
        let h = clean_line(header).to_lowercase();
        let mut ko = header_key(&h);
        for q in QUALIFIERS {
            ko = ko.replace(q, "");
        }
        let words: Vec<&str> = h
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // "E-Mail", "Full_Name": the words joined, as well as each word.
        let joined: String = words.concat();
        RULES
            .iter()
            .find(|(_, kos, ens)| {
                kos.iter().any(|k| ko.contains(k))
                    || ens
                        .iter()
                        .any(|e| *e == joined || words.iter().any(|w| w == e))
            })
            .map(|(f, _, _)| *f)
    }

    /// A field as the user names it in `--map`: its Korean or English name, any case.
    pub fn parse(s: &str) -> Option<ImportField> {
        let k = header_key(&s.to_lowercase());
        ImportField::ALL.into_iter().find(|f| {
            k == f.ko() || k == f.en() || (k == "organisation" && *f == ImportField::Organization)
        })
    }

    pub fn ko(self) -> &'static str {
        match self {
            ImportField::Name => "이름",
            ImportField::Organization => "소속",
            ImportField::Role => "직함",
            ImportField::Phone => "연락처",
            ImportField::Email => "이메일",
            ImportField::Kind => "구분",
            ImportField::District => "지역",
            ImportField::Code => "코드",
            ImportField::Tags => "태그",
            ImportField::Notes => "메모",
            ImportField::Status => "상태",
            ImportField::Consent => "동의",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            ImportField::Name => "name",
            ImportField::Organization => "organization",
            ImportField::Role => "role",
            ImportField::Phone => "phone",
            ImportField::Email => "email",
            ImportField::Kind => "kind",
            ImportField::District => "district",
            ImportField::Code => "code",
            ImportField::Tags => "tags",
            ImportField::Notes => "notes",
            ImportField::Status => "status",
            ImportField::Consent => "consent",
        }
    }
}

fn header_key(h: &str) -> String {
    h.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .collect::<String>()
        .to_lowercase()
}

/// A column the user mapped by hand (`--map '헤더=field'`): its header, and the field it holds
/// (`None`: leave it out).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    pub header: String,
    pub field: Option<ImportField>,
}

impl Override {
    /// `헤더=field`; the field is named in Korean or English (`이름`, `name`, …) or `무시` /
    /// `ignore` / `-` to leave the column out. `None` when the text is not of that shape.
    pub fn parse(s: &str) -> Option<Override> {
        let (header, field) = s.rsplit_once('=')?;
        let header = clean_line(header);
        if header.is_empty() {
            return None;
        }
        let field = match header_key(&field.to_lowercase()).as_str() {
            "무시" | "ignore" | "" => None,
            f => Some(ImportField::parse(f)?),
        };
        Some(Override { header, field })
    }

    fn matches(&self, title: &str) -> bool {
        header_key(&self.header) == header_key(title)
    }
}

/// Which column holds which field, as read from the header row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    /// (column index, field), in column order. A field appears at most once: when two columns
    /// name the same field, the leftmost wins and the other is listed in `ignored`.
    pub fields: Vec<(usize, ImportField)>,
    /// Header titles of the columns that are not read (unknown or repeated), cleaned.
    pub ignored: Vec<String>,
    /// Every header title, cleaned, in column order (empty for a column without one).
    pub titles: Vec<String>,
    /// Ignored columns whose content looks like a field that matters (filled in once the rows
    /// are read): (header title, the field it looks like).
    pub suspicious: Vec<(String, ImportField)>,
}

impl ColumnMap {
    /// The column index holding `field`.
    pub fn index(&self, field: ImportField) -> Option<usize> {
        self.fields
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(i, _)| *i)
    }
    pub fn has(&self, field: ImportField) -> bool {
        self.index(field).is_some()
    }
    /// The field column `i` is read into, if any.
    pub fn field_of(&self, i: usize) -> Option<ImportField> {
        self.fields.iter().find(|(c, _)| *c == i).map(|(_, f)| *f)
    }

    pub(super) fn from_header(cells: &[String], overrides: &[Override]) -> ColumnMap {
        let mut map = ColumnMap {
            titles: cells.to_vec(),
            ..ColumnMap::default()
        };
        let chosen: Vec<Option<ImportField>> = cells
            .iter()
            .map(|c| match overrides.iter().find(|o| o.matches(c)) {
                Some(o) => o.field,
                None => ImportField::from_header(c),
            })
            .collect();
        // A field the user gave to a column of this row is that column's, wherever it stands.
        let given: Vec<&Override> = overrides
            .iter()
            .filter(|o| cells.iter().any(|c| o.matches(c)))
            .collect();
        for (i, (cell, field)) in cells.iter().zip(&chosen).enumerate() {
            let taken_by_user = |f: ImportField| {
                given.iter().any(|o| o.field == Some(f))
                    && !given.iter().any(|o| o.field == Some(f) && o.matches(cell))
            };
            match field {
                Some(f) if !map.has(*f) && !taken_by_user(*f) => map.fields.push((i, *f)),
                _ if cell.is_empty() => {}
                _ => map.ignored.push(cell.clone()),
            }
        }
        map
    }

    /// What the columns titled `titles` are read into once `overrides` are applied, as a parse
    /// of a file with that header row would read them (the preview shows it before reading).
    pub fn chosen(titles: &[String], overrides: &[Override]) -> ColumnMap {
        ColumnMap::from_header(titles, overrides)
    }

    /// Headers named in `overrides` that no column has.
    pub fn unmatched<'a>(&self, overrides: &'a [Override]) -> Vec<&'a str> {
        overrides
            .iter()
            .filter(|o| !self.titles.iter().any(|t| o.matches(t)))
            .map(|o| o.header.as_str())
            .collect()
    }

    /// Notes the ignored columns whose cells mostly read as phone numbers or organisation
    /// names: a column a person would be sorry to lose.
    /// Columns the user mapped by hand are theirs to leave out.
    pub(super) fn look_at_ignored(&mut self, records: &[Vec<String>], overrides: &[Override]) {
        for (i, title) in self.titles.iter().enumerate() {
            if self.field_of(i).is_some() || overrides.iter().any(|o| o.matches(title)) {
                continue;
            }
            let cells: Vec<String> = records
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| clean_line(c))
                .filter(|c| !c.is_empty())
                .collect();
            let most = |ok: &dyn Fn(&str) -> bool| {
                !cells.is_empty() && cells.iter().filter(|c| ok(c)).count() * 2 > cells.len()
            };
            let looks = if most(&looks_like_phone) {
                Some(ImportField::Phone)
            } else if most(&looks_like_org) {
                Some(ImportField::Organization)
            } else {
                match ImportField::from_header(title) {
                    Some(
                        f @ (ImportField::Phone | ImportField::Organization | ImportField::Name),
                    ) => Some(f),
                    _ => None,
                }
            };
            if let Some(f) = looks {
                let name = if title.is_empty() {
                    format!("#{}", i + 1)
                } else {
                    title.clone()
                };
                self.suspicious.push((name, f));
            }
        }
    }
}

fn looks_like_phone(cell: &str) -> bool {
    let digits = cell.chars().filter(char::is_ascii_digit).count();
    (8..=12).contains(&digits)
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '.' | '(' | ')' | '+'))
        && (crate::model::contact::normalize_phone(cell).is_some()
            || crate::model::contact::normalize_phone(&format!("0{cell}")).is_some())
}

/// Ends the way Korean organisation names do.
fn looks_like_org(cell: &str) -> bool {
    const MARKS: &[&str] = &[
        "신협",
        "생협",
        "협동조합",
        "조합",
        "센터",
        "재단",
        "협회",
        "법인",
        "(주)",
        "㈜",
        "주식회사",
        "기업",
        "연합회",
        "협의회",
        "공사",
        "구청",
        "시청",
        "사무소",
        "은행",
        "co-op",
        "coop",
        "inc",
        "ltd",
        "foundation",
        "center",
        "centre",
    ];
    let c = cell.to_lowercase();
    MARKS.iter().any(|m| c.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::csv::tests::parse;
    use crate::model::{District, OrgKind};

    #[test]
    fn english_headers_any_order_and_spelling() {
        let p = parse(
            "E-Mail,Full_Name, ORG ,Mobile,Type,Region,Badge,TAGS,Memo,Position,Status\n\
             lee@coop.kr,Lee Young-hee,Green Coop,+82 10-9876-5432,social co-op,north,AB12,a/b,hi,chair,checked\n",
        );
        let fields: Vec<ImportField> = p.columns.fields.iter().map(|(_, f)| *f).collect();
        assert_eq!(
            fields,
            [
                ImportField::Email,
                ImportField::Name,
                ImportField::Organization,
                ImportField::Phone,
                ImportField::Kind,
                ImportField::District,
                ImportField::Code,
                ImportField::Tags,
                ImportField::Notes,
                ImportField::Role,
                ImportField::Status
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
            ("성명", ImportField::Name),
            ("name", ImportField::Name),
            ("Full Name", ImportField::Name),
            ("이름 (Name)", ImportField::Name),
            ("소속기관", ImportField::Organization),
            ("기관명", ImportField::Organization),
            ("단체", ImportField::Organization),
            ("Organisation", ImportField::Organization),
            ("company", ImportField::Organization),
            ("직책", ImportField::Role),
            ("직위", ImportField::Role),
            ("Title", ImportField::Role),
            ("전화번호", ImportField::Phone),
            ("휴대폰", ImportField::Phone),
            ("핸드폰", ImportField::Phone),
            ("연락처(휴대폰)", ImportField::Phone),
            ("tel", ImportField::Phone),
            ("메일", ImportField::Email),
            ("e-mail", ImportField::Email),
            ("이메일 주소", ImportField::Email),
            ("Email Address", ImportField::Email),
            ("기관구분", ImportField::Kind),
            ("유형", ImportField::Kind),
            ("권역", ImportField::District),
            ("배지", ImportField::Code),
            ("badge_code", ImportField::Code),
            ("태그", ImportField::Tags),
            ("비고", ImportField::Notes),
            ("notes", ImportField::Notes),
            ("참석", ImportField::Status),
            ("상태", ImportField::Status),
        ];
        for (h, f) in cases {
            assert_eq!(ImportField::from_header(h), Some(f), "header {h:?}");
        }
        for h in ["타임스탬프", "Timestamp", "", "점수", "name2"] {
            assert_eq!(ImportField::from_header(h), None, "header {h:?}");
        }
    }

    #[test]
    fn google_forms_export() {
        let p = parse(
            "타임스탬프,이름,소속 기관,연락처,이메일 주소,참석 여부,하고 싶은 말\n\
             2025. 3. 4 오후 2:11:05,최지훈,마을기업,010 2222 3333,choi@ex.org,참석,안녕하세요\n",
        );
        assert_eq!(p.columns.ignored, ["타임스탬프", "하고 싶은 말"]);
        assert_eq!(p.columns.index(ImportField::Name), Some(1));
        assert_eq!(p.columns.index(ImportField::Status), Some(5));
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
        assert_eq!(p.columns.index(ImportField::Organization), Some(1));
        assert_eq!(p.columns.ignored, ["단체"]);
        assert_eq!(p.rows[0].organization, "A");
    }

    #[test]
    fn form_tool_question_headers() {
        let cases = [
            ("소속기관", Some(ImportField::Organization)),
            ("기관명(소속)", Some(ImportField::Organization)),
            ("소속 단체", Some(ImportField::Organization)),
            ("단체 이름", Some(ImportField::Organization)),
            ("Organization name", Some(ImportField::Organization)),
            ("성함을 적어주세요", Some(ImportField::Name)),
            ("참석자 성함", Some(ImportField::Name)),
            ("조합원 이름", Some(ImportField::Name)),
            ("Your name", Some(ImportField::Name)),
            ("휴대폰 번호", Some(ImportField::Phone)),
            ("연락처(휴대폰)", Some(ImportField::Phone)),
            ("기관 연락처", Some(ImportField::Phone)),
            ("Phone number", Some(ImportField::Phone)),
            ("이메일 주소", Some(ImportField::Email)),
            ("연락처(이메일)", Some(ImportField::Email)),
            ("직위/직함", Some(ImportField::Role)),
            ("Job title", Some(ImportField::Role)),
            ("기관 구분", Some(ImportField::Kind)),
            ("참석 가능 여부", Some(ImportField::Status)),
            (
                "12월 네트워킹데이에 참석하시나요?",
                Some(ImportField::Status),
            ),
            ("Will you attend?", Some(ImportField::Status)),
            ("관심 분야", Some(ImportField::Tags)),
            ("타임스탬프", None),
            ("Timestamp", None),
            // Consent to keep personal data (issue 29): read, before anything it names.
            (
                "개인정보 수집·이용에 동의하십니까?",
                Some(ImportField::Consent),
            ),
            ("개인정보 동의", Some(ImportField::Consent)),
            (
                "개인정보(연락처) 수집·이용 동의",
                Some(ImportField::Consent),
            ),
            ("동의 여부", Some(ImportField::Consent)),
            ("Privacy consent", Some(ImportField::Consent)),
            ("consent", Some(ImportField::Consent)),
        ];
        for (h, f) in cases {
            assert_eq!(ImportField::from_header(h), f, "header {h:?}");
        }
        // Google Forms and Naver Form exports, as downloaded.
        for header in [
            "타임스탬프,성함을 적어주세요,기관명(소속),휴대폰 번호,이메일 주소,직위/직함,참석 가능 여부",
            "응답일시,참석자 성함,소속기관,연락처(휴대폰),이메일,직위,참석 여부",
        ] {
            let p = parse(&format!(
                "{header}\n2026-11-20 14:11,김기성,한울신협,010-2041-1187,kim@hanul.kr,이사장,참석합니다\n"
            ));
            assert_eq!(p.columns.fields.len(), 7 - 1, "{header}: {:?}", p.columns);
            let r = &p.rows[0];
            assert_eq!(
                (r.name.as_str(), r.organization.as_str(), r.phone.as_str()),
                ("김기성", "한울신협", "010-2041-1187")
            );
            assert_eq!(
                (r.email.as_str(), r.role.as_str()),
                ("kim@hanul.kr", "이사장")
            );
            assert_eq!(r.answer, Some(crate::io::csv::Rsvp::Yes));
        }
    }

    #[test]
    fn answers_read_as_people_write_them() {
        use crate::io::csv::Rsvp;
        for (a, want) in [
            ("참석", Some(Rsvp::Yes)),
            ("참석합니다", Some(Rsvp::Yes)),
            ("네, 갑니다", Some(Rsvp::Yes)),
            ("Yes", Some(Rsvp::Yes)),
            ("불참", Some(Rsvp::No)),
            ("못 갑니다", Some(Rsvp::No)),
            ("참석 불가", Some(Rsvp::No)),
            ("참석하지 않습니다", Some(Rsvp::No)),
            ("no", Some(Rsvp::No)),
            ("미정", Some(Rsvp::Maybe)),
            ("아직 모르겠어요", Some(Rsvp::Maybe)),
            ("maybe", Some(Rsvp::Maybe)),
            ("not sure", Some(Rsvp::Maybe)),
            ("", None),
            ("0", None),
        ] {
            assert_eq!(Rsvp::parse(a), want, "{a:?}");
        }
    }

    #[test]
    fn header_row_under_title_rows_and_excel_numbers() {
        let p = parse(
            "2026년 12월 네트워킹데이 참석자 명단,,\n작성: 사무국,,\n,,\n성명,소속,휴대폰\n김기성,한울신협,1012345678\n이서연,햇살생협,212345678\n",
        );
        assert_eq!(p.header_line, 4);
        assert_eq!(p.rows[0].line, 5);
        assert_eq!(p.rows[0].phone, "010-1234-5678");
        assert_eq!(p.rows[1].phone, "02-1234-5678");
        assert_eq!(p.data_lines, 2);
    }
}
