//! Export tables (people, attendance, ideas) built once from the store, and encoded as CSV
//! (`csv::write_csv`) or as an Excel workbook (`xlsx`), chosen by the file name.

use std::collections::HashMap;
use std::path::Path;

use super::csv::{people_header, write_csv};
use crate::i18n::{self, L, Lang, lang};
use crate::model::{Id, Idea, Organization, Person};
use crate::store::{Store, StoreError};

/// One export: a header row, the rows under it, and the sheet's name in an .xlsx.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub sheet: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// How an export is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// `.xlsx` (any case) is an Excel workbook; every other name, or none, is CSV.
    pub fn for_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => Format::Xlsx,
            _ => Format::Csv,
        }
    }
}

/// Why an export could not be encoded; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{rows} rows do not fit on one Excel sheet")]
    TooManyRows { rows: usize },
    #[error("cell too long for Excel in row {row}, column {column}")]
    CellTooLong { row: usize, column: String },
    #[error("the workbook could not be made: {0}")]
    Xlsx(String),
    #[error("the CSV could not be made: {0}")]
    Csv(String),
}

impl From<super::xlsx::Refused> for ExportError {
    fn from(r: super::xlsx::Refused) -> ExportError {
        use super::xlsx::Refused;
        match r {
            Refused::TooManyRows { rows } => ExportError::TooManyRows { rows },
            Refused::CellTooLong { row, column } => ExportError::CellTooLong { row, column },
            Refused::Xlsx(why) => ExportError::Xlsx(why),
        }
    }
}

impl ExportError {
    /// What went wrong and what to do, in Korean and in English.
    fn words(&self) -> (String, String) {
        let (ko, en) = match self {
            ExportError::TooManyRows { rows } => (
                format!(
                    "{rows}줄은 엑셀 시트 한 장(최대 1,048,575줄)에 들어가지 않아 아무 파일도 쓰지 않았습니다. 이름을 .csv로 바꿔 내보내세요."
                ),
                format!(
                    "{rows} rows do not fit on one Excel sheet (1,048,575 at most), so no file was written. Export to a .csv name instead."
                ),
            ),
            ExportError::CellTooLong { row, column } => (
                format!(
                    "{row}번째 줄의 '{column}' 칸이 엑셀 한 칸의 한도(32,767자)보다 길어 아무 파일도 쓰지 않았습니다. 그 내용을 줄이거나 .csv로 내보내세요."
                ),
                format!(
                    "Row {row}, column '{column}' is longer than an Excel cell holds (32,767 characters), so no file was written. Shorten it or export to .csv."
                ),
            ),
            ExportError::Xlsx(why) => (
                format!(
                    "엑셀 파일을 만들지 못해 아무 파일도 쓰지 않았습니다 ({why}). .csv로 내보내 보세요."
                ),
                format!(
                    "The Excel file could not be made ({why}); no file was written. Try exporting to .csv."
                ),
            ),
            ExportError::Csv(why) => (
                format!("CSV를 만들지 못해 아무 파일도 쓰지 않았습니다 ({why})."),
                format!("The CSV could not be made ({why}); no file was written."),
            ),
        };
        (ko, en)
    }
    pub fn ko(&self) -> String {
        self.words().0
    }
    pub fn en(&self) -> String {
        self.words().1
    }
}

impl Table {
    fn new(sheet: L, l: Lang, header: &[&str], rows: Vec<Vec<String>>) -> Table {
        Table {
            sheet: sheet.in_lang(l),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        }
    }

    pub fn encode(&self, format: Format) -> Result<Vec<u8>, ExportError> {
        match format {
            Format::Csv => {
                let mut bytes = Vec::new();
                self.write_csv(&mut bytes)
                    .map_err(|e| ExportError::Csv(e.to_string()))?;
                Ok(bytes)
            }
            Format::Xlsx => super::xlsx::workbook(&super::xlsx::Sheet {
                sheet: self.sheet,
                header: &self.header,
                rows: &self.rows,
            })
            .map_err(ExportError::from),
        }
    }

    fn write_csv<W: std::io::Write>(&self, w: W) -> std::io::Result<()> {
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        write_csv(w, &header, self.rows.iter().cloned())
    }
}

pub fn person_row(p: &Person, org: Option<&Organization>, l: Lang) -> Vec<String> {
    vec![
        p.code.clone(),
        p.name.clone(),
        org.map(|o| o.name.clone()).unwrap_or_default(),
        org.map(|o| o.kind.label().in_lang(l).to_string())
            .unwrap_or_default(),
        org.map(|o| o.district.label().in_lang(l).to_string())
            .unwrap_or_default(),
        p.role.clone(),
        p.phone.clone(),
        p.email.clone(),
        p.tags.join(", "),
        p.notes.clone(),
    ]
}

/// The given people, in order, as the people export.
pub fn people_table(people: &[&Person], orgs: &HashMap<Id, Organization>) -> Table {
    let l = lang();
    let rows = people
        .iter()
        .map(|p| person_row(p, p.org_id.and_then(|o| orgs.get(&o)), l))
        .collect();
    Table::new(i18n::SHEET_PEOPLE, l, &people_header(l == Lang::Ko), rows)
}

/// Writes the given people (in order) as a people CSV; returns the row count.
pub fn write_people<W: std::io::Write>(
    w: W,
    people: &[&Person],
    orgs: &HashMap<Id, Organization>,
) -> std::io::Result<usize> {
    people_table(people, orgs).write_csv(w)?;
    Ok(people.len())
}

/// The given people, in order, encoded as `format`, and the row count.
pub fn people_bytes(
    people: &[&Person],
    orgs: &HashMap<Id, Organization>,
    format: Format,
) -> Result<(Vec<u8>, usize), ExportError> {
    Ok((people_table(people, orgs).encode(format)?, people.len()))
}

/// The attendance table's columns from this one on are contacts (phone, e-mail).
pub const ATTENDANCE_CONTACTS_FROM: usize = 6;

/// Attendance of one event: one row per registered person with status and check-in time.
pub fn attendance_table(store: &Store, event: Id) -> Result<Table, StoreError> {
    let l = lang();
    let orgs: HashMap<Id, Organization> = store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
    let mut rows = Vec::new();
    for a in store.attendance_of_event(event)? {
        // Archived (and merged-away) people are left out, as at the desk and on the 서명부.
        let Some(p) = store.person(a.person_id)?.filter(|p| !p.archived) else {
            continue;
        };
        let org = p.org_id.and_then(|o| orgs.get(&o));
        rows.push(vec![
            p.code.clone(),
            p.name.clone(),
            org.map(|o| o.name.clone()).unwrap_or_default(),
            org.map(|o| o.kind.label().in_lang(l).to_string())
                .unwrap_or_default(),
            a.status.label().in_lang(l).to_string(),
            a.status.arrived_at().map(|t| t.hhmm()).unwrap_or_default(),
            p.phone.clone(),
            p.email.clone(),
        ]);
    }
    rows.sort_by(|a, b| (&a[2], &a[1]).cmp(&(&b[2], &b[1])));
    let header: [&str; 8] = if l == Lang::Ko {
        [
            "코드",
            "이름",
            "소속",
            "구분",
            "상태",
            "도착 시각",
            "연락처",
            "이메일",
        ]
    } else {
        [
            "code",
            "name",
            "organization",
            "kind",
            "status",
            "arrived",
            "phone",
            "email",
        ]
    };
    Ok(Table::new(i18n::SHEET_ATTENDANCE, l, &header, rows))
}

/// Column titles of the ideas export.
pub fn ideas_header(l: Lang) -> [&'static str; 9] {
    if l == Lang::Ko {
        [
            "제목",
            "분야",
            "단계",
            "참여 기관",
            "담당",
            "다음 할 일",
            "기한",
            "바뀐 날",
            "만든 날",
        ]
    } else {
        [
            "title",
            "category",
            "status",
            "organizations",
            "owner",
            "next step",
            "due",
            "updated",
            "created",
        ]
    }
}

/// One idea as an export row; organisations joined with ", ", times in local time.
pub fn idea_row(
    i: &Idea,
    orgs: &HashMap<Id, Organization>,
    people: &HashMap<Id, Person>,
    l: Lang,
) -> Vec<String> {
    vec![
        i.title.clone(),
        i.category.label().in_lang(l).to_string(),
        i.status.label().in_lang(l).to_string(),
        i.org_ids
            .iter()
            .filter_map(|o| orgs.get(o).map(|o| o.name.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        i.owner
            .and_then(|p| people.get(&p))
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        i.next_step.clone(),
        i.next_due
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        i.updated.local().format("%Y-%m-%d %H:%M").to_string(),
        i.created.local().format("%Y-%m-%d %H:%M").to_string(),
    ]
}

/// Every idea, dropped ones included, in board order (status, then oldest first).
pub fn ideas_table(store: &Store) -> Result<Table, StoreError> {
    let l = lang();
    let orgs: HashMap<Id, Organization> = store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
    let people: HashMap<Id, Person> = store.people()?.into_iter().map(|p| (p.id, p)).collect();
    let mut ideas = store.ideas()?;
    ideas.sort_by_key(|i| (i.status, i.created, i.id));
    let rows = ideas
        .iter()
        .map(|i| idea_row(i, &orgs, &people, l))
        .collect();
    Ok(Table::new(i18n::SHEET_IDEAS, l, &ideas_header(l), rows))
}

/// The ideas export as CSV; returns the row count.
pub fn write_ideas<W: std::io::Write>(w: W, store: &Store) -> Result<usize, StoreError> {
    let t = ideas_table(store)?;
    t.write_csv(w)?;
    Ok(t.rows.len())
}
