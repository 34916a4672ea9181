//! Exports as .xlsx: read back with calamine, cell for cell the same as the CSV export (after
//! the CSV's formula apostrophe is taken off), every cell text, no formulas, the header frozen,
//! columns fitted to Hangul.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use netday::i18n::{Lang, set_lang};
use netday::io::export::{self, Format, Table};
use netday::model::{AttendanceStatus, Id, Organization, Person};
use netday::store::Store;

use crate::common::*;

const PHONE: &str = "010-0123-4567";
const CODE: &str = "0070";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"메일\")";
const NOTE: &str = "첫 줄 메모\n+82 둘째 줄";
const IDEA_TITLE: &str = "=1+2 조합 공동구매";

/// What `io::csv::rows::unguard` does on import: one apostrophe off a guarded cell.
fn unguard(cell: &str) -> String {
    const LEAD: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(LEAD) => rest.to_string(),
        _ => cell.to_string(),
    }
}

fn csv_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(unguard).collect())
        .collect()
}

struct Sheet {
    name: String,
    cells: Vec<Vec<Data>>,
    xml: String,
}

impl Sheet {
    fn read(bytes: &[u8]) -> Sheet {
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let names = book.sheet_names();
        assert_eq!(names.len(), 1, "{names:?}");
        let name = names[0].clone();
        let range = book.worksheet_range(&name).unwrap();
        assert_eq!(range.start(), Some((0, 0)));
        let formulas = book.worksheet_formula(&name).unwrap();
        let found: Vec<&String> = formulas.used_cells().map(|(_, _, f)| f).collect();
        assert!(
            found.iter().all(|f| f.is_empty()),
            "formulas in the sheet: {found:?}"
        );
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        Sheet {
            name,
            cells: range.rows().map(<[Data]>::to_vec).collect(),
            xml,
        }
    }

    /// Every cell as text; a cell that is not a string (a number, a date, a bool) fails.
    fn text(&self) -> Vec<Vec<String>> {
        self.cells
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, d)| match d {
                        Data::String(s) => s.clone(),
                        Data::Empty => String::new(),
                        other => panic!("cell ({r}, {c}) is not text: {other:?}"),
                    })
                    .collect()
            })
            .collect()
    }

    /// The pane element of the sheet view.
    fn pane(&self) -> &str {
        let at = self.xml.find("<pane ").expect("no pane: header not frozen");
        let end = at + self.xml[at..].find("/>").unwrap();
        &self.xml[at..end]
    }

    /// Column widths by column number (1-based), from `<col min max width>`.
    fn widths(&self) -> HashMap<u32, f64> {
        let attr = |el: &str, name: &str| -> String {
            let key = format!(" {name}=\"");
            let at = el.find(&key).unwrap() + key.len();
            el[at..at + el[at..].find('"').unwrap()].to_string()
        };
        let mut out = HashMap::new();
        for el in self.xml.split("<col ").skip(1) {
            let el = &el[..el.find("/>").unwrap()];
            let el = format!(" {el}");
            let (min, max): (u32, u32) = (
                attr(&el, "min").parse().unwrap(),
                attr(&el, "max").parse().unwrap(),
            );
            let width: f64 = attr(&el, "width").parse().unwrap();
            for c in min..=max {
                out.insert(c, width);
            }
        }
        out
    }
}

/// Both encodings of one table: the xlsx read back equals the CSV, header frozen, filter on.
fn same_as_csv(csv: &[u8], xlsx: &[u8], sheet: &str) -> Vec<Vec<String>> {
    let want = csv_cells(csv);
    let got = Sheet::read(xlsx);
    assert_eq!(got.name, sheet);
    let cells = got.text();
    assert_eq!(cells, want);
    let pane = got.pane();
    assert!(
        pane.contains("ySplit=\"1\"") && pane.contains("state=\"frozen\""),
        "{pane}"
    );
    let last = (b'A' + (want[0].len() - 1) as u8) as char;
    let filter = format!("<autoFilter ref=\"A1:{last}{}\"/>", want.len());
    assert!(got.xml.contains(&filter), "{filter} not in the sheet");
    cells
}

fn column(cells: &[Vec<String>], title: &str) -> usize {
    cells[0].iter().position(|h| h == title).unwrap()
}

/// The demo day, with one person checked in at 13:58 and given a phone, a code and an email that a spreadsheet
/// would mangle, and a two-line note; one idea titled like a formula.
fn fixture() -> (tempfile::TempDir, Store, Id) {
    let (dir, store) = demo_store();
    set_lang(Lang::Ko);
    let event = store
        .events()
        .unwrap()
        .into_iter()
        .find(|e| e.date == demo_date())
        .unwrap();
    let mut arrived = store.attendance_of_event(event.id).unwrap().remove(0);
    arrived.status = AttendanceStatus::CheckedIn {
        at: at_seoul(demo_date(), 13, 58),
        desk: "1".into(),
    };
    store.put_attendance(&arrived).unwrap();
    let mut p = store.person(arrived.person_id).unwrap().unwrap();
    p.phone = PHONE.into();
    p.code = CODE.into();
    p.email = FORMULA.into();
    p.notes = NOTE.into();
    store.put_person(&mut p).unwrap();
    let mut idea = store.ideas().unwrap().remove(0);
    idea.title = IDEA_TITLE.into();
    idea.next_step = "견적 받기\n이사회 보고".into();
    store.put_idea(&mut idea).unwrap();
    (dir, store, event.id)
}

fn people_of(store: &Store) -> (Vec<Person>, HashMap<Id, Organization>) {
    let orgs = store
        .orgs()
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut people = store.people().unwrap();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    (people, orgs)
}

#[test]
fn people_xlsx_matches_the_csv_cell_for_cell() {
    let (_d, store, _) = fixture();
    let (people, orgs) = people_of(&store);
    let refs: Vec<&Person> = people.iter().collect();
    let (csv, n) = export::people_bytes(&refs, &orgs, Format::Csv).unwrap();
    let (xlsx, m) = export::people_bytes(&refs, &orgs, Format::Xlsx).unwrap();
    assert_eq!((n, m), (people.len(), people.len()));
    let mut legacy = Vec::new();
    export::write_people(&mut legacy, &refs, &orgs).unwrap();
    assert_eq!(csv, legacy, "people_bytes as CSV is write_people");

    let cells = same_as_csv(&csv, &xlsx, "사람");
    let row = cells
        .iter()
        .find(|r| r[0] == CODE)
        .expect("the changed person");
    assert_eq!(row[column(&cells, "연락처")], PHONE);
    assert_eq!(row[column(&cells, "이메일")], FORMULA);
    assert_eq!(row[column(&cells, "메모")], NOTE);
    assert!(cells.iter().flatten().any(|c| c.chars().any(is_hangul)));
}

#[test]
fn attendance_xlsx_matches_the_csv_with_check_in_times() {
    let (_d, store, event) = fixture();
    let t = export::attendance_table(&store, event).unwrap();
    let csv = t.encode(Format::Csv).unwrap();
    let xlsx = t.encode(Format::Xlsx).unwrap();
    let cells = same_as_csv(&csv, &xlsx, "참석");
    let row = cells.iter().find(|r| r[0] == CODE).unwrap();
    assert_eq!(row[column(&cells, "연락처")], PHONE);
    assert_eq!(row[column(&cells, "이메일")], FORMULA);
    assert_eq!(row[column(&cells, "도착 시각")], "13:58");
}

#[test]
fn ideas_xlsx_matches_the_csv() {
    let (_d, store, _) = fixture();
    let t = export::ideas_table(&store).unwrap();
    let xlsx = t.encode(Format::Xlsx).unwrap();
    let cells = same_as_csv(&t.encode(Format::Csv).unwrap(), &xlsx, "아이디어");
    assert!(cells.iter().any(|r| r[0] == IDEA_TITLE));
    assert!(cells.iter().any(|r| r[5] == "견적 받기\n이사회 보고"));
}

#[test]
fn english_sheet_names_and_headers() {
    let (_d, store, event) = fixture();
    set_lang(Lang::En);
    let (people, orgs) = people_of(&store);
    let refs: Vec<&Person> = people.iter().collect();
    let (xlsx, _) = export::people_bytes(&refs, &orgs, Format::Xlsx).unwrap();
    let sheet = Sheet::read(&xlsx);
    assert_eq!(sheet.name, "People");
    assert_eq!(sheet.text()[0][0], "code");
    let t = export::attendance_table(&store, event).unwrap();
    assert_eq!(
        Sheet::read(&t.encode(Format::Xlsx).unwrap()).name,
        "Attendance"
    );
    let t = export::ideas_table(&store).unwrap();
    assert_eq!(Sheet::read(&t.encode(Format::Xlsx).unwrap()).name, "Ideas");
}

#[test]
fn hangul_columns_are_wider_than_ascii_ones_of_as_many_characters() {
    let t = Table {
        sheet: "폭",
        header: vec!["이름".into(), "name".into(), "메모".into()],
        rows: vec![vec![
            "가나다라마바사아자차".into(),
            "abcdefghij".into(),
            "긴 메모 ".repeat(200),
        ]],
    };
    let sheet = Sheet::read(&t.encode(Format::Xlsx).unwrap());
    let w = sheet.widths();
    assert!(w[&1] > w[&2] + 8.0, "{w:?}");
    assert!(w[&2] > 10.0, "{w:?}");
    assert!(w[&3] < 80.0, "a long note is clamped: {w:?}");
}

#[test]
fn the_format_comes_from_the_extension() {
    for (name, want) in [
        ("명단.xlsx", Format::Xlsx),
        ("OUT.XLSX", Format::Xlsx),
        ("a/b.XlSx", Format::Xlsx),
        ("명단.csv", Format::Csv),
        ("people", Format::Csv),
        ("old.xls", Format::Csv),
        ("x.xlsx.csv", Format::Csv),
    ] {
        assert_eq!(Format::for_path(Path::new(name)), want, "{name}");
    }
}

#[test]
fn an_empty_table_is_a_header_only_sheet() {
    let t = Table {
        sheet: "아이디어",
        header: vec!["제목".into(), "분야".into()],
        rows: Vec::new(),
    };
    let sheet = Sheet::read(&t.encode(Format::Xlsx).unwrap());
    assert_eq!(sheet.text(), vec![vec!["제목".to_string(), "분야".into()]]);
    assert!(sheet.pane().contains("ySplit=\"1\""));
}

#[test]
fn a_cell_too_long_for_excel_is_said_in_both_languages() {
    let t = Table {
        sheet: "사람",
        header: vec!["이름".into(), "메모".into()],
        rows: vec![vec!["김기성".into(), "가".repeat(32_768)]],
    };
    let e = t.encode(Format::Xlsx).unwrap_err();
    assert!(e.ko().contains("1번째 줄의 '메모' 칸"), "{}", e.ko());
    assert!(e.en().contains("Row 1, column '메모'"), "{}", e.en());
    assert!(t.encode(Format::Csv).is_ok());
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}
