//! Long names on paper (issue 25 item 8): on the 서명부, the 출석부 and the badges every piece of
//! text is measured with the font and stays inside its cell — shrunk, then on two lines, and
//! only past that cut — and the whole name is on the page (read back with poppler's pdftotext).

use crate::common::*;

use netday::io::print::layout::{self, Run, ascent_descent, text_width};
use netday::io::print::{Entry, attendance, badges, signin};
use netday::model::Ts;
use netday::model::counts::DayCount;
#[cfg(unix)]
use netday::progress::Silent;

/// Names, organisations and roles far longer than their cells; the names still fit on two
/// lines, so none of them needs cutting.
const LONG: [(&str, &str, &str); 6] = [
    (
        "황보다솜누리아름별하늘빛가온",
        "서울특별시사회적경제지원센터협동조합상생협의회",
        "상임이사겸사무국장직무대행",
    ),
    (
        "Maximilian Wolfgang Schwarzenberg",
        "International Cooperative Alliance Asia-Pacific",
        "Secretary General",
    ),
    (
        "WWWWWWWWWWWWWWWWWW",
        "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMM",
        "WWWWWWWWWWWW",
    ),
    (
        "남궁 다솜누리 아름별하늘",
        "한살림서울소비자생활협동조합 강북지부",
        "이사",
    ),
    (
        "Jean-Baptiste Wójcik-Małkowski",
        "Spółdzielnia Mieszkaniowa Mondragon",
        "Prezes Zarządu",
    ),
    ("김기성", "한울신협", "이사장"),
];

fn people() -> Vec<Entry> {
    LONG.iter()
        .enumerate()
        .map(|(i, (name, org, role))| Entry {
            name: name.to_string(),
            org: org.to_string(),
            role: role.to_string(),
            phone: "010-1234-5678".into(),
            code: format!("K7Q2M{i}"),
            arrived: Some(Ts(1_000 + i as i64)),
            walk_in: i % 2 == 0,
            consent: netday::model::ConsentState::ALL[i % 3],
        })
        .collect()
}

fn day() -> (tempfile::TempDir, netday::model::Event) {
    let (dir, store) = demo_store();
    let e = store.events().unwrap().pop().unwrap();
    drop(store);
    (dir, e)
}

/// Every run fits its cell across (padding kept) and, from its font's ascent to its descent,
/// from top to bottom; `across` tells the measured width a run may take.
fn inside(runs: &[Run], across: impl Fn(&Run) -> f32) {
    let (up, down) = ascent_descent();
    for r in runs {
        let w = text_width(&r.text, r.size);
        let (x, y, cw, ch) = r.cell;
        assert!(
            w <= across(r) && r.x >= x && r.x + w <= x + cw,
            "{:?} is {w} wide in {:?}",
            r.text,
            r.cell
        );
        assert!(
            r.baseline - up * r.size >= y && r.baseline + down * r.size <= y + ch,
            "{:?} at {} size {} leaves {:?}",
            r.text,
            r.baseline,
            r.size,
            r.cell
        );
    }
}

/// The lines a cell's text was set on, joined without spaces (pdftotext puts its own).
fn joined(runs: &[Run], cell: (f32, f32, f32, f32)) -> String {
    runs.iter()
        .filter(|r| r.cell == cell)
        .flat_map(|r| r.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The cell that holds all of `text`.
fn cell_of(runs: &[Run], text: &str) -> Option<(f32, f32, f32, f32)> {
    runs.iter()
        .map(|r| r.cell)
        .find(|c| joined(runs, *c) == squeezed(text))
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_cell_of_the_sign_in_sheet_and_the_attendance_record_fits_and_holds_the_whole_name() {
    let (_dir, e) = day();
    let people = people();
    let opt = signin::Options {
        contact: true,
        blank: 3,
        consent: true,
    };
    for l in [netday::i18n::Lang::Ko, netday::i18n::Lang::En] {
        let sheets = [
            signin::table(&e, &people, &opt, l),
            attendance::table(&e, &people, &DayCount::default(), l),
        ];
        for sheet in &sheets {
            let runs = layout::cells(sheet, l);
            inside(&runs, |r| r.cell.2 - 2.0 * layout::CELL_PAD);
            // Name, organisation and role: nothing cut, every letter printed.
            for p in &people {
                for text in [&p.name, &p.org, &p.role] {
                    assert!(
                        cell_of(&runs, text).is_some(),
                        "{text} is not whole in one cell: {runs:?}"
                    );
                }
            }
            assert!(runs.iter().all(|r| !r.text.contains('…')), "{runs:?}");
        }
    }
}

#[test]
fn text_too_long_even_for_two_lines_is_cut_with_an_ellipsis_inside_its_cell() {
    let (_dir, e) = day();
    let mut p = people();
    p[0].name = "가".repeat(80);
    p[1].org = "W".repeat(200);
    let l = netday::i18n::Lang::Ko;
    let sheet = signin::table(
        &e,
        &p,
        &signin::Options {
            contact: false,
            blank: 0,
            consent: true,
        },
        l,
    );
    let runs = layout::cells(&sheet, l);
    inside(&runs, |r| r.cell.2 - 2.0 * layout::CELL_PAD);
    assert!(
        runs.iter()
            .any(|r| r.text.starts_with('가') && r.text.ends_with('…'))
    );
    assert!(
        runs.iter()
            .any(|r| r.text.starts_with('W') && r.text.ends_with('…'))
    );
}

#[test]
fn every_badge_line_fits_left_of_the_qr_code_and_no_two_lines_overlap() {
    let (_dir, e) = day();
    let (up, down) = ascent_descent();
    for p in people() {
        let runs = badges::badge_text(&e, &p, 0.0, 0.0);
        inside(&runs, |r| r.cell.2);
        for (i, a) in runs.iter().enumerate() {
            for b in &runs[i + 1..] {
                let (a_top, a_bottom) = (a.baseline - up * a.size, a.baseline + down * a.size);
                let (b_top, b_bottom) = (b.baseline - up * b.size, b.baseline + down * b.size);
                assert!(
                    a_bottom <= b_top || b_bottom <= a_top,
                    "{:?} and {:?} overlap",
                    a.text,
                    b.text
                );
            }
        }
        let text: String = runs.iter().map(|r| squeezed(&r.text)).collect();
        for whole in [&p.name, &p.org] {
            assert!(text.contains(&squeezed(whole)), "{whole} on {runs:?}");
        }
        assert!(runs.iter().all(|r| !r.text.contains('…')), "{runs:?}");
    }
}

/// pdftotext of the part (x, y, width, height, in points) of page 1.
#[cfg(unix)]
fn pdf_text(pdf: &std::path::Path, area: (f32, f32, f32, f32)) -> String {
    let n = |v: f32| (v.round() as i64).to_string();
    let (x, y, w, h) = (n(area.0), n(area.1), n(area.2), n(area.3));
    let pdf = pdf.to_str().unwrap();
    let args = [
        "-f", "1", "-l", "1", "-r", "72", "-x", &x, "-y", &y, "-W", &w, "-H", &h, pdf, "-",
    ];
    crate::common::poppler("pdftotext", &args)
}

#[cfg(unix)] // reads the PDF back with poppler's pdftotext, a Unix program
#[test]
fn the_printed_sign_in_sheet_and_badges_hold_every_long_name_whole() {
    let (dir, e) = day();
    let people = people();
    let l = netday::i18n::Lang::Ko;
    let opt = signin::Options {
        contact: false,
        blank: 0,
        consent: true,
    };
    let pdf = dir.path().join("서명부.pdf");
    std::fs::write(
        &pdf,
        signin::render(&e, &people, &opt, l, &mut Silent).unwrap(),
    )
    .unwrap();
    let runs = layout::cells(&signin::table(&e, &people, &opt, l), l);
    for p in &people {
        let cell = cell_of(&runs, &p.name).unwrap();
        // Read inside the cell's border only.
        let inner = (cell.0 + 1.0, cell.1 + 1.0, cell.2 - 2.0, cell.3 - 2.0);
        assert_eq!(squeezed(&pdf_text(&pdf, inner)), squeezed(&p.name));
    }
    let badges_pdf = dir.path().join("배지.pdf");
    std::fs::write(
        &badges_pdf,
        badges::render(&e, &people, l, &mut Silent).unwrap(),
    )
    .unwrap();
    let text = squeezed(&pdf_text(
        &badges_pdf,
        (0.0, 0.0, layout::A4_W, layout::A4_H),
    ));
    for p in &people {
        assert!(text.contains(&squeezed(&p.name)), "{} in {text}", p.name);
    }
}
