//! The minutes as a document (`minutes::report`) of a small day grown to 20 and to 300
//! attendees: what it says, and how its PDF and .docx hold it (pages, repeated table headers,
//! text inside the page, every name found again).

#![allow(clippy::unwrap_used)]

use crate::common;
use crate::minutes_golden::chat_day;

use netday::i18n::Lang;
use netday::io::minutes::{MinutesData, ReportOptions, report};
use netday::io::report::{Block, Doc};
use netday::model::*;

/// The chat day with `n` more people arrived, from organisations with long names, one in
/// five a walk-in, plus an action item carried over from October.
pub(crate) fn day_with(n: usize) -> MinutesData {
    let mut d = chat_day();
    let orgs = [
        (
            100,
            "서울특별시사회적경제지원센터 동북권역 협동조합 상담실",
            OrgKind::SupportBody,
        ),
        (101, "북한산신협", OrgKind::CreditUnion),
        (102, "돌봄나눔사회적협동조합", OrgKind::SocialCoop),
    ];
    for (id, name, kind) in orgs {
        d.orgs.insert(
            id,
            Organization {
                id,
                name: name.into(),
                kind,
                district: District::North,
                contact: String::new(),
            },
        );
    }
    const FAMILY: [&str; 8] = ["김", "이", "박", "최", "정", "강", "조", "윤"];
    const GIVEN: [&str; 10] = [
        "민준", "서연", "하늘", "도윤", "지우", "예린", "시우", "하은", "주원", "수아",
    ];
    for i in 0..n {
        let id = 1000 + i as Id;
        let name = if i == 7 {
            "남궁 알렉산드라 크리스티나 마리아".to_string()
        } else {
            format!("{}{}{}", FAMILY[i % 8], GIVEN[(i / 8) % 10], i)
        };
        let mut p = Person::new(&name, Ts(1));
        p.id = id;
        p.org_id = Some(100 + (i % 3) as Id);
        p.phone = format!("010-{:04}-{:04}", 3000 + i, 7000 + i);
        p.email = format!("p{i}@coop.kr");
        d.people.insert(id, p);
        let at = common::at_seoul(d.event.date, 13, (i % 60) as u32);
        d.attendance.push(Attendance {
            event_id: d.event.id,
            person_id: id,
            status: if i % 5 == 4 {
                AttendanceStatus::WalkIn {
                    at,
                    desk: "1".into(),
                }
            } else {
                AttendanceStatus::CheckedIn {
                    at,
                    desk: "1".into(),
                }
            },
            updated: Ts(1),
        });
    }
    let october = chrono::NaiveDate::from_ymd_opt(2026, 10, 27).unwrap();
    d.carried.push((
        october,
        Note {
            id: 90,
            event_id: 9,
            agenda_id: None,
            at: common::at_seoul(october, 16, 0),
            author: "사무국".into(),
            text: "공동 장터 장소 후보 조사".into(),
            kind: NoteKind::Action {
                owner: Owner::Org(2),
                due: chrono::NaiveDate::from_ymd_opt(2026, 11, 10),
                done: false,
            },
        },
    ));
    d
}

fn options(contacts: bool) -> ReportOptions {
    ReportOptions {
        author: "사무국 김하늘".into(),
        contacts,
    }
}

fn headings(doc: &Doc) -> Vec<(u8, String)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } => Some((*level, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn the_document_says_the_day_in_sections_with_decisions_apart_and_carried_items_marked() {
    let d = day_with(20);
    let doc = report(&d, &options(false), Lang::Ko);
    assert_eq!(doc.title, "회의록");
    assert_eq!(doc.subtitle, d.event.title);
    let fields: Vec<&str> = doc.fields.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(fields, ["일시", "장소", "지역", "작성"]);
    assert!(
        doc.fields[0].1.starts_with("2026-11-24 (화) 14:00"),
        "{:?}",
        doc.fields
    );
    let level1: Vec<String> = headings(&doc)
        .into_iter()
        .filter(|(l, _)| *l == 1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        level1,
        [
            "참석 현황",
            "안건",
            "논의 내용",
            "결정 사항",
            "실행 과제",
            "협업 아이디어",
            "출석부"
        ]
    );
    // The numbers as the desk counts them: the chat day (4 arrived, 1 walk-in, 1 expected who
    // did not come) and 20 more (4 of them walk-ins).
    let Some(Block::Table(numbers)) = doc.blocks.get(1) else {
        panic!("{:?}", doc.blocks[1]);
    };
    assert_eq!(numbers.rows[0].cells, ["25", "21", "5", "1"]);
    // The decision is set apart where it was said and listed again under 결정 사항.
    let decision =
        "권역별 실무 모임을 매달 둘째 주 화요일 오후에 서울협동조합지원센터 3층 교육장에서 연다";
    assert!(doc.blocks.iter().any(|b| matches!(
        b,
        Block::Note { decision: true, text, kind, .. } if text == decision && kind == "결정 사항"
    )));
    assert_eq!(doc.texts().iter().filter(|t| **t == decision).count(), 2);
    // Action items: the day's two, then October's carried over, marked.
    let actions = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.cols[0].title == "과제" => Some(t),
            _ => None,
        })
        .unwrap();
    let rows: Vec<(&str, &str, bool)> = actions
        .rows
        .iter()
        .map(|r| (r.cells[0].as_str(), r.cells[3].as_str(), r.marked))
        .collect();
    assert_eq!(
        rows,
        [
            ("실무 모임 첫 일정 공지", "진행 중", false),
            ("사진 공유방 만들기", "완료", false),
            ("공동 장터 장소 후보 조사", "이월 (10/27)", true),
        ]
    );
    assert!(actions.note.as_deref().unwrap().contains("이월"));
    // The 출석부 starts a page and lists every arrival once, without contacts unless asked.
    let at = doc
        .blocks
        .iter()
        .position(|b| *b == Block::PageBreak)
        .unwrap();
    assert!(matches!(&doc.blocks[at + 1], Block::Heading { text, .. } if text == "출석부"));
    let Some(Block::Table(record)) = doc.blocks.last() else {
        panic!()
    };
    assert_eq!(record.rows.len(), 25);
    assert_eq!(record.cols.len(), 4);
    assert!(!doc.texts().iter().any(|t| t.contains("010-3000")));
    let with = report(&d, &options(true), Lang::Ko);
    let Some(Block::Table(record)) = with.blocks.last() else {
        panic!()
    };
    assert_eq!(record.cols.len(), 6);
    assert!(with.texts().contains(&"010-3000-7000"));
    // English alongside.
    let en = report(&d, &options(false), Lang::En);
    assert_eq!(en.title, "Minutes");
    assert!(headings(&en).iter().any(|(_, t)| t == "Attendance record"));
}

/// The minutes of a day of 20 and of 300 attendees laid out on A4: every text inside the page
/// and found whole, the table header on every page a table runs over (the 출석부's too), page
/// numbers on each page, no heading left last on a page; the pages as a snapshot.
#[test]
fn the_minutes_of_20_and_300_attendees_lay_out_inside_the_page_with_headers_repeated() {
    use crate::print_report::{check_layout, summary};
    use netday::io::print::report::lay_out;
    for n in [20, 300] {
        let doc = report(&day_with(n), &options(true), Lang::Ko);
        let laid = lay_out(&doc).unwrap();
        check_layout(&doc, &laid);
        let record = doc.blocks.len() - 1;
        let header_pages: Vec<usize> = laid
            .heads
            .iter()
            .filter(|h| h.block == record)
            .map(|h| h.page)
            .collect();
        let first = header_pages[0];
        assert_eq!(
            header_pages,
            (first..laid.pages).collect::<Vec<_>>(),
            "the 출석부's header on each of its pages"
        );
        insta::assert_snapshot!(format!("minutes_laid_out_{n}"), summary(&laid));
    }
}
