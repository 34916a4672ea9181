//! Which column holds which field, read from the header row by meaning: Korean or English
//! titles, any spelling, with Google Forms' remarks in brackets.

use crate::model::clean_line;
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

    pub(super) fn from_header(cells: &[String]) -> ColumnMap {
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
}
