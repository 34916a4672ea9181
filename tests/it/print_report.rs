//! The minutes as a PDF (issue 27): a `report::Doc` laid out on A4 pages with the bundled font
//! and read back with poppler. Tables of 20 and 300 rows with Hangul names and long
//! organisations: every run inside the page's body and inside its cell, the header row on every
//! page the table runs over, rows never split, every text found back, a note longer than a page
//! flowing on, decisions shaded, headings never last on a page.

use netday::i18n::Lang;
use netday::io::print::layout::{Run, ascent_descent, text_width};
use netday::io::print::report::{self, BODY, FOOT, Laid, PAD, Part, Shape};
use netday::io::report::{Block, Col, Doc, Row, Table};
use netday::progress::{Progress, Silent, Stage};

const NAMES: [&str; 8] = [
    "김민준",
    "이서연",
    "박지훈",
    "최수아",
    "정예준",
    "강하은",
    "조도윤",
    "윤지우",
];
/// The last is 40 characters, written without a space.
const ORGS: [&str; 5] = [
    "서울특별시사회적경제지원센터",
    "한살림서울소비자생활협동조합 강북지부",
    "햇살마을신협",
    "Seoul Social Economy Network",
    "전국사회연대경제지방정부협의회서울특별시사회적경제지원센터협동조합상생협의회",
];
/// Column titles found nowhere else in the document.
const TITLES: [&str; 5] = ["순번", "참석자성명", "소속기관명", "맡은역할", "도착시각"];

fn people(n: usize) -> Table {
    let cols = vec![
        Col::new(TITLES[0], 1, true),
        Col::new(TITLES[1], 2, false),
        Col::new(TITLES[2], 5, false),
        Col::new(TITLES[3], 2, false),
        Col::new(TITLES[4], 2, true),
    ];
    let rows = (0..n)
        .map(|i| Row {
            cells: vec![
                (i + 1).to_string(),
                format!("{}{}", NAMES[i % NAMES.len()], i / NAMES.len()),
                ORGS[i % ORGS.len()].to_string(),
                ["이사장", "사무국장", "", "Program Officer"][i % 4].to_string(),
                format!("{:02}:{:02}", 9 + i / 60 % 10, i % 60),
            ],
            marked: i % 7 == 3,
        })
        .collect();
    Table {
        cols,
        rows,
        note: Some("※ 음영: 현장 등록".into()),
    }
}

fn long_note() -> String {
    (0..70)
        .map(|i| {
            format!(
                "{i}번째 문단: 지역 협동조합들이 공동 물류 창고를 함께 쓰는 방안과 사회적경제 판로 지원 사업의 일정, 예산 분담 비율을 논의했습니다."
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn doc(rows: usize) -> Doc {
    Doc {
        title: "회의록".into(),
        subtitle: "2026 서울 협동조합 네트워킹 데이".into(),
        fields: vec![
            ("일시".into(), "2026년 12월 7일 (월) 14:00–17:30".into()),
            (
                "장소".into(),
                "서울특별시 중구 세종대로 110 서울시청 신청사 8층 다목적홀 (지하철 1·2호선 시청역 4번 출구에서 도보 3분, 주차 불가)".into(),
            ),
            ("지역".into(), "서울".into()),
            ("작성".into(), "사무국 김민준".into()),
        ],
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "1. 참석자".into(),
            },
            Block::Text("사전 등록 후 참석한 분과 현장에서 등록한 분의 명단입니다.".into()),
            Block::Table(people(rows)),
            Block::Heading {
                level: 1,
                text: "2. 안건".into(),
            },
            Block::Heading {
                level: 2,
                text: "2-1. 공동 물류".into(),
            },
            Block::Note {
                kind: "메모".into(),
                text: "창고 임대료 분담 방식을 다음 모임까지 정리하기로 함".into(),
                meta: "14:05, 사무국".into(),
                decision: false,
            },
            Block::Note {
                kind: "결정".into(),
                text: "공동 물류 창고는 2027년 3월부터 시범 운영한다.".into(),
                meta: "14:40, 이서연".into(),
                decision: true,
            },
            Block::Note {
                kind: "메모".into(),
                text: long_note(),
                meta: "15:10, 박지훈".into(),
                decision: false,
            },
            Block::Note {
                kind: "결정".into(),
                text: long_note(),
                meta: "15:30, 최수아".into(),
                decision: true,
            },
            Block::Heading {
                level: 2,
                text: "2-2. 기타".into(),
            },
            Block::Quiet("(없음)".into()),
            Block::PageBreak,
            Block::PageBreak,
            Block::Heading {
                level: 1,
                text: "출석부".into(),
            },
            Block::Table(Table {
                cols: vec![Col::new("구분", 2, false), Col::new("인원", 1, true)],
                rows: vec![
                    Row::new(vec!["사전 등록".into(), "12".into()]),
                    Row {
                        cells: vec!["합계".into(), "20".into()],
                        marked: true,
                    },
                ],
                note: None,
            }),
        ],
        footer: "2026 서울 협동조합 네트워킹 데이 · 2026-12-07".into(),
        lang: Lang::Ko,
    }
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn within(inner: (f32, f32, f32, f32), outer: (f32, f32, f32, f32)) -> bool {
    let e = 0.01;
    inner.0 >= outer.0 - e
        && inner.1 >= outer.1 - e
        && inner.0 + inner.2 <= outer.0 + outer.2 + e
        && inner.1 + inner.3 <= outer.1 + outer.3 + e
}

/// Every run's ink (its measured width, its font's ascent to descent) lies inside its cell
/// (table cells less their padding), and every cell inside `area`.
fn inside(laid: &Laid, runs: &[Run], area: (f32, f32, f32, f32)) {
    let (up, down) = ascent_descent();
    for (i, r) in runs.iter().enumerate() {
        let w = text_width(&r.text, r.size);
        let (x, y, cw, ch) = r.cell;
        let pad = match laid.what.get(i).map(|w| w.part) {
            Some(
                Part::Cell { .. } | Part::Head { .. } | Part::Label { .. } | Part::Value { .. },
            ) if area == BODY => PAD,
            _ => 0.0,
        };
        assert!(
            r.x >= x + pad - 0.01 && r.x + w <= x + cw - pad + 0.01,
            "{:?} is {w} wide at {} in {:?}",
            r.text,
            r.x,
            r.cell
        );
        assert!(
            r.baseline - up * r.size >= y - 0.01 && r.baseline + down * r.size <= y + ch + 0.01,
            "{:?} at {} size {} leaves {:?}",
            r.text,
            r.baseline,
            r.size,
            r.cell
        );
        assert!(
            within(r.cell, area),
            "{:?} in {:?} leaves {area:?}",
            r.text,
            r.cell
        );
        assert!(r.page < laid.pages);
    }
}

/// The pages a block's runs are on.
fn pages_of(laid: &Laid, block: usize) -> Vec<usize> {
    let mut p: Vec<usize> = laid
        .runs
        .iter()
        .zip(&laid.what)
        .filter(|(_, w)| w.block == Some(block))
        .map(|(r, _)| r.page)
        .collect();
    p.dedup();
    p
}

/// The pages a table's header and rows are on (its note may be on the next).
fn table_pages(laid: &Laid, block: usize) -> Vec<usize> {
    let mut p: Vec<usize> = laid
        .runs
        .iter()
        .zip(&laid.what)
        .filter(|(_, w)| {
            w.block == Some(block) && matches!(w.part, Part::Head { .. } | Part::Cell { .. })
        })
        .map(|(r, _)| r.page)
        .collect();
    p.dedup();
    p
}

/// Where the header row of `block` is set: (page, y) in order.
fn heads(laid: &Laid, block: usize) -> Vec<(usize, f32)> {
    laid.heads
        .iter()
        .filter(|h| h.block == block)
        .map(|h| (h.page, h.y))
        .collect()
}

pub(crate) fn check_layout(d: &Doc, laid: &Laid) {
    inside(laid, &laid.runs, BODY);
    // The footer: the words and "i / n 쪽" on every page, inside the foot band.
    let foot = Laid {
        what: Vec::new(),
        ..laid.clone()
    };
    inside(&foot, &laid.footer, FOOT);
    for p in 0..laid.pages {
        let words: Vec<&str> = laid
            .footer
            .iter()
            .filter(|r| r.page == p)
            .map(|r| r.text.as_str())
            .collect();
        let n = format!("{} / {} 쪽", p + 1, laid.pages);
        assert!(words.contains(&n.as_str()), "{words:?}");
        assert!(words.contains(&d.footer.as_str()), "{words:?}");
    }
    // Nothing cut, and every text of the document is in its runs.
    assert!(laid.runs.iter().all(|r| !r.text.contains('…')));
    let all = squeezed(
        &laid
            .runs
            .iter()
            .map(|r| r.text.as_str())
            .collect::<String>(),
    );
    for t in d.texts() {
        assert!(all.contains(&squeezed(t)), "{t} not laid out");
    }
    // Runs come page by page, in reading order.
    assert!(laid.runs.windows(2).all(|w| w[0].page <= w[1].page));

    for (b, block) in d.blocks.iter().enumerate() {
        match block {
            Block::Table(t) => {
                // The header row at the top of every page the table is on.
                let pages = table_pages(laid, b);
                let hs = heads(laid, b);
                assert_eq!(
                    hs.iter().map(|h| h.0).collect::<Vec<_>>(),
                    pages,
                    "the header of table {b} is not on every page it spans"
                );
                for (p, y) in &hs[1..] {
                    assert!((y - BODY.1).abs() < 0.01, "page {p}: header at {y}");
                }
                // Each row whole on one page, its cells side by side.
                for row in 0..t.rows.len() {
                    let cells: Vec<&Run> = laid
                        .runs
                        .iter()
                        .zip(&laid.what)
                        .filter(|(_, w)| {
                            w.block == Some(b)
                                && matches!(w.part, Part::Cell { row: r, .. } if r == row)
                        })
                        .map(|(r, _)| r)
                        .collect();
                    assert!(
                        cells
                            .iter()
                            .all(|c| c.page == cells[0].page && c.cell.1 == cells[0].cell.1),
                        "row {row} of table {b} is split"
                    );
                    for (col, text) in t.rows[row].cells.iter().enumerate() {
                        let got: String = laid
                            .runs
                            .iter()
                            .zip(&laid.what)
                            .filter(|(_, w)| {
                                w.block == Some(b) && w.part == Part::Cell { row, col }
                            })
                            .map(|(r, _)| squeezed(&r.text))
                            .collect();
                        assert_eq!(got, squeezed(text), "row {row} col {col}");
                    }
                }
            }
            Block::Heading { .. } => {
                // Something of another block follows on the heading's page.
                let last = laid.what.iter().rposition(|w| w.block == Some(b)).unwrap();
                let page = laid.runs[last].page;
                assert!(
                    laid.runs[last + 1..]
                        .iter()
                        .zip(&laid.what[last + 1..])
                        .any(|(r, w)| r.page == page && w.part != Part::Heading),
                    "heading {b} is last on page {page}"
                );
            }
            Block::Note { decision, .. } => {
                // A decision lies on a shaded box on every page it is on; a note does not.
                for (r, _) in laid
                    .runs
                    .iter()
                    .zip(&laid.what)
                    .filter(|(_, w)| w.block == Some(b))
                {
                    let shaded = laid.shapes.iter().any(|s| {
                        matches!(s, Shape::Fill { page, rect, grey }
                            if *page == r.page && *grey == report::DECISION_FILL && within(r.cell, *rect))
                    });
                    assert_eq!(shaded, *decision, "{:?}", r.text);
                }
            }
            _ => {}
        }
    }
}

#[test]
fn a_table_of_20_and_one_of_300_rows_lay_out_inside_the_page_with_the_header_on_every_page() {
    for (rows, least, most) in [(20, 3, 8), (300, 10, 25)] {
        let d = doc(rows);
        let laid = report::lay_out(&d).unwrap();
        check_layout(&d, &laid);
        let table = table_pages(&laid, 2);
        // About 20 to 40 rows a page.
        let spans = table.len();
        assert!(
            (rows / 40..=rows / 12 + 1).contains(&spans),
            "{rows} rows on {spans} pages"
        );
        assert!(
            (least..=most).contains(&laid.pages),
            "{rows} rows: {} pages",
            laid.pages
        );
        // The notes longer than a page flow on to the next.
        for b in [7, 8] {
            assert!(pages_of(&laid, b).len() >= 2, "note {b}");
        }
        // Two page breaks in a row make one new page: 출석부 starts the page after the notes.
        let last_note = *pages_of(&laid, 10).last().unwrap();
        assert_eq!(pages_of(&laid, 13), [last_note + 1]);
        assert_eq!(laid.pages, last_note + 2);
    }
}

#[test]
fn a_cell_taller_than_a_page_is_split_between_its_lines_and_stays_on_the_page() {
    let mut d = doc(5);
    let Block::Table(t) = &mut d.blocks[2] else {
        panic!()
    };
    let tall = "가나다라마바사아자차카타파하 ".repeat(400);
    t.rows[2].cells[2] = tall.clone();
    let laid = report::lay_out(&d).unwrap();
    inside(&laid, &laid.runs, BODY);
    let pages: Vec<usize> = laid
        .runs
        .iter()
        .zip(&laid.what)
        .filter(|(_, w)| w.part == (Part::Cell { row: 2, col: 2 }))
        .map(|(r, _)| r.page)
        .collect();
    assert!(pages.first() < pages.last(), "{pages:?}");
    // Split, not cut: all of it is there, and the header is on each of its pages.
    let got: String = laid
        .runs
        .iter()
        .zip(&laid.what)
        .filter(|(_, w)| w.block == Some(2) && w.part == (Part::Cell { row: 2, col: 2 }))
        .map(|(r, _)| squeezed(&r.text))
        .collect();
    assert_eq!(got, squeezed(&tall));
    let spans = table_pages(&laid, 2);
    assert_eq!(
        heads(&laid, 2).iter().map(|h| h.0).collect::<Vec<_>>(),
        spans
    );
}

#[test]
fn empty_and_odd_documents_lay_out_without_a_fault() {
    let empty = Doc {
        title: String::new(),
        subtitle: String::new(),
        fields: Vec::new(),
        blocks: Vec::new(),
        footer: String::new(),
        lang: Lang::En,
    };
    let laid = report::lay_out(&empty).unwrap();
    assert_eq!(laid.pages, 1);
    assert_eq!(laid.footer.len(), 1);
    assert_eq!(laid.footer[0].text, "page 1 / 1");
    let (pdf, pages) = report::render(&empty, &mut Silent).unwrap();
    assert_eq!(pages, 1);
    assert!(pdf.starts_with(b"%PDF"));

    let odd = Doc {
        title: "제목".into(),
        subtitle: String::new(),
        fields: vec![
            (String::new(), String::new()),
            ("\n\n".into(), "W".repeat(500)),
        ],
        blocks: vec![
            Block::PageBreak,
            Block::Heading {
                level: 0,
                text: String::new(),
            },
            Block::Heading {
                level: 9,
                text: "끝에 혼자 있는 제목".into(),
            },
            Block::Text(String::new()),
            Block::Quiet("\n\t\r".into()),
            Block::Note {
                kind: String::new(),
                text: String::new(),
                meta: String::new(),
                decision: true,
            },
            // No rows: the header still drawn.
            Block::Table(Table {
                cols: vec![Col::new("빈 표", 0, true), Col::new("", 0, false)],
                rows: Vec::new(),
                note: Some(String::new()),
            }),
            // No columns.
            Block::Table(Table {
                cols: Vec::new(),
                rows: vec![Row::new(vec!["고아".into()])],
                note: Some("표 밑 글".into()),
            }),
            // Many narrow columns, rows with more and fewer cells than columns.
            Block::Table(Table {
                cols: (0..80)
                    .map(|i| Col::new(format!("열{i}"), 1, i % 2 == 0))
                    .collect(),
                rows: vec![
                    Row::new(vec!["서울특별시".into(); 90]),
                    Row::new(vec!["สมชาย".into()]),
                ],
                note: None,
            }),
            Block::PageBreak,
        ],
        footer: "꼬리말 ".repeat(100),
        lang: Lang::Ko,
    };
    let laid = report::lay_out(&odd).unwrap();
    inside(&laid, &laid.runs, BODY);
    assert_eq!(heads(&laid, 6).len(), 1, "an empty table draws its header");
    // The page break after the title starts page 2; the footer is cut to half the width.
    assert_eq!(pages_of(&laid, 2), [1]);
    assert!(laid.footer[0].text.ends_with('…'));
    assert!(text_width(&laid.footer[0].text, laid.footer[0].size) <= FOOT.2 / 2.0);
    report::render(&odd, &mut Silent).unwrap();

    // Thousands of headings in a row, each kept with the next: laid out, not a stack overflow.
    let headings = Doc {
        blocks: (0..5000)
            .map(|i| Block::Heading {
                level: 2,
                text: format!("{i}"),
            })
            .collect(),
        ..empty
    };
    let laid = report::lay_out(&headings).unwrap();
    inside(&laid, &laid.runs, BODY);
    assert_eq!(laid.runs.len(), 5000);
}

#[test]
fn the_same_document_gives_the_same_bytes_and_progress_counts_its_pages() {
    struct Count(Vec<(u64, u64)>);
    impl Progress for Count {
        fn start(&mut self, stage: Stage, total: u64) {
            assert_eq!(stage, Stage::Print);
            self.0.push((total, 0));
        }
        fn set(&mut self, done: u64) {
            self.0.last_mut().unwrap().1 = done;
        }
    }
    let d = doc(20);
    let mut c = Count(Vec::new());
    let (a, pages) = report::render(&d, &mut c).unwrap();
    let (b, _) = report::render(&d, &mut Silent).unwrap();
    assert!(a == b, "two renders differ");
    assert_eq!(c.0, [(pages as u64, pages as u64)]);
}

/// Per page: the first and last text, and whether a table's header row is set on it.
pub(crate) fn summary(laid: &Laid) -> String {
    let mut out = format!("pages: {}\n", laid.pages);
    for p in 0..laid.pages {
        let on: Vec<&Run> = laid.runs.iter().filter(|r| r.page == p).collect();
        let head = laid.heads.iter().any(|h| h.page == p);
        let (first, last) = (
            on.first().map(|r| r.text.as_str()),
            on.last().map(|r| r.text.as_str()),
        );
        let short = |t: Option<&str>| t.unwrap_or("").chars().take(24).collect::<String>();
        out += &format!(
            "{}: {} … {} | header: {}\n",
            p + 1,
            short(first),
            short(last),
            if head { "yes" } else { "no" }
        );
    }
    out
}

#[test]
fn the_20_row_minutes_as_laid_out() {
    insta::assert_snapshot!(summary(&report::lay_out(&doc(20)).unwrap()));
}

#[cfg(unix)]
mod pdf {
    use super::*;
    use crate::common::poppler;
    use std::path::Path;

    fn page_text(pdf: &Path, page: usize) -> String {
        let p = (page + 1).to_string();
        squeezed(&poppler(
            "pdftotext",
            &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
        ))
    }

    #[test]
    fn the_printed_minutes_hold_every_text_the_header_on_every_page_and_the_font_embedded() {
        let dir = tempfile::tempdir().unwrap();
        for rows in [20, 300] {
            let d = doc(rows);
            let laid = report::lay_out(&d).unwrap();
            let (bytes, pages) = report::render(&d, &mut Silent).unwrap();
            let pdf = dir.path().join(format!("회의록{rows}.pdf"));
            std::fs::write(&pdf, &bytes).unwrap();
            assert_eq!(laid.pages, pages);

            let texts: Vec<String> = (0..pages).map(|p| page_text(&pdf, p)).collect();
            // Every cell whole on its page; every other line of text on its page (the footer
            // comes between the parts of a text that runs over a page).
            for (r, w) in laid.runs.iter().zip(&laid.what) {
                let whole = match (w.block.map(|b| &d.blocks[b]), w.part) {
                    (Some(Block::Table(t)), Part::Cell { row, col }) => &t.rows[row].cells[col],
                    _ => &r.text,
                };
                assert!(
                    texts[r.page].contains(&squeezed(whole)),
                    "{whole} not on page {}:\n{}",
                    r.page + 1,
                    texts[r.page]
                );
            }
            // The table's column titles on every page its rows are on, and nowhere else.
            let spans = table_pages(&laid, 2);
            for (p, text) in texts.iter().enumerate() {
                for title in TITLES {
                    assert_eq!(
                        text.contains(title),
                        spans.contains(&p),
                        "{title} on page {}:\n{text}",
                        p + 1
                    );
                }
                assert!(text.ends_with(&format!("{}/{pages}쪽", p + 1)), "{text}");
            }

            let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
            assert!(
                info.contains("회의록 — 2026 서울 협동조합 네트워킹 데이"),
                "{info}"
            );
            assert!(info.contains("netday"), "{info}");
            assert!(info.contains("595 x 842"), "A4: {info}");
            let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
            let nanum = fonts
                .lines()
                .find(|l| l.contains("NanumGothic"))
                .unwrap_or_else(|| panic!("{fonts}"));
            let cols: Vec<&str> = nanum.split_whitespace().collect();
            assert_eq!(&cols[4..7], ["yes", "yes", "yes"], "{fonts}");
        }
    }

    #[test]
    fn what_the_font_lacks_prints_as_a_question_mark() {
        let mut d = doc(3);
        d.blocks.insert(0, Block::Text("참석: สมชาย 님".into()));
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("m.pdf");
        std::fs::write(&pdf, report::render(&d, &mut Silent).unwrap().0).unwrap();
        let text = page_text(&pdf, 0);
        assert!(text.contains("참석:?????님"), "{text}");
    }
}
