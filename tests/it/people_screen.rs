//! People screen rendered into a TestBackend at 80×24 and 160×48, with Hangul data.
#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{render, row};

use netday::state::{Action, App};
use netday::widgets::paint::width;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

fn app() -> (tempfile::TempDir, App) {
    let (dir, mut app) = common::demo_app();
    app.update(Action::NextScreen);
    (dir, app)
}

/// Each screen row as text.
fn rows(b: &Buffer) -> Vec<String> {
    (0..b.area.height).map(|y| row(b, y)).collect()
}

/// Display column where `needle` starts in `line`.
fn col(line: &str, needle: &str) -> usize {
    let i = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {line}"));
    width(&line[..i])
}

fn cell_at(b: &Buffer, y: usize, x: usize) -> &ratatui::buffer::Cell {
    &b[(x as u16, y as u16)]
}

fn check_table(w: u16, h: u16) {
    let (_d, app) = app();
    let b = render(&app, w, h);
    let text = rows(&b);
    let all = text.join("\n");
    assert!(all.contains("명단"), "{all}");
    assert!(all.contains("[이번 행사] 39명"), "{all}");
    assert!(all.contains("필터: 필터 없음"), "{all}");
    let header = text.iter().position(|l| l.starts_with("이름▲")).unwrap();
    let hl = &text[header];
    let status_col = col(hl, "상태");
    // Every row's status starts under the header, whatever the width of the names before it.
    for name in ["김기성", "남궁지혜", "Alex Kim", "노준영"] {
        let Some(y) = text.iter().position(|l| l.starts_with(name)) else {
            continue;
        };
        assert_eq!(
            col(&text[y], "참석 예정"),
            status_col,
            "{name}: {}",
            text[y]
        );
    }
    // A first-timer is marked in the warning colour; a regular shows a count.
    let y = text.iter().position(|l| l.starts_with("노준영")).unwrap();
    let x = col(&text[y], "첫 참석");
    assert_eq!(cell_at(&b, y, x).fg, Color::Yellow);
    let y = text.iter().position(|l| l.starts_with("김기성")).unwrap();
    assert!(text[y].contains("   3 "), "{}", text[y]);
    // The selected (first) row is reversed.
    assert!(
        cell_at(&b, header + 1, 0)
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    assert!(all.contains("F2 수정"));
}

#[test]
fn table_lines_up_at_80x24() {
    check_table(80, 24);
}

#[test]
fn table_lines_up_at_160x48() {
    check_table(160, 48);
}

#[test]
fn long_org_names_are_cut_by_width_with_ellipsis() {
    let (_d, mut app) = app();
    for c in "다함께일터".chars() {
        app.update(Action::Input(c));
    }
    let b = render(&app, 80, 24);
    let text = rows(&b);
    let y = text.iter().position(|l| l.contains("문가영")).unwrap();
    assert!(text[y].contains('…'), "{}", text[y]);
    assert_eq!(width(&text[y]), 80);
}

#[test]
fn detail_pane_beside_the_table_at_160_and_instead_of_it_at_80() {
    let (_d, mut app) = app();
    for c in "김기성".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    assert!(app.screens.people.detail.is_some());
    let wide = rows(&render(&app, 160, 48)).join("\n");
    assert!(wide.contains("이름▲"), "table stays at 160");
    assert!(wide.contains("참석 기록 · 3회"), "{wide}");
    assert!(wide.contains("2026-10 도착"), "{wide}");
    assert!(wide.contains("한울신협 · 신협 · 동부"), "{wide}");
    assert!(wide.contains("협업 아이디어"), "{wide}");
    let narrow = rows(&render(&app, 80, 24)).join("\n");
    assert!(!narrow.contains("이름▲"), "detail replaces the table at 80");
    assert!(narrow.contains("참석 기록"), "{narrow}");
}

#[test]
fn active_filters_and_forms_are_drawn() {
    let (_d, mut app) = app();
    app.update(Action::FilterMenu);
    app.update(Action::Right); // status: expected
    let text = rows(&render(&app, 80, 24)).join("\n");
    assert!(text.contains("필터: 참석 예정"), "{text}");
    assert!(text.contains("◂ 참석 예정"), "{text}");
    app.update(Action::Cancel);
    app.update(Action::Edit);
    let text = rows(&render(&app, 160, 48)).join("\n");
    assert!(text.contains("사람 정보 수정"), "{text}");
    assert!(text.contains("이름*"), "{text}");
    app.update(Action::Cancel);
    app.update(Action::ToggleOrgs);
    let text = rows(&render(&app, 80, 24)).join("\n");
    assert!(text.contains("[소속 기관] 12"), "{text}");
    assert!(text.contains("한울신협"), "{text}");
}

#[test]
fn help_lists_the_people_keys_even_at_80x24() {
    let (_d, mut app) = app();
    app.update(Action::Help);
    let text = rows(&render(&app, 80, 24)).join("\n");
    for key in [
        "F2", "F4", "F6", "F7", "F8", "Ctrl-A", "Ctrl-R", "Ctrl-G", "Ctrl-D", "Del",
    ] {
        assert!(text.contains(key), "{key} missing:\n{text}");
    }
    assert!(text.contains("필터"), "{text}");
}

#[test]
fn a_merge_confirm_tells_two_people_of_the_same_name_apart() {
    use netday::state::unit::Question;
    let (_dir, app) = app();
    let same: Vec<u64> = app
        .data
        .roster
        .people
        .iter()
        .filter(|p| p.name == "김민지")
        .map(|p| p.id)
        .collect();
    assert_eq!(same.len(), 2, "the demo has two 김민지");
    let (_, body) = netday::screens::people::confirm::words(
        &app.data.roster,
        &Question::Merge {
            keep: same[0],
            dup: same[1],
        },
        0,
    );
    let lines: Vec<&str> = body.lines().filter(|l| l.contains("김민지")).collect();
    assert_eq!(lines.len(), 2, "{body}");
    assert_ne!(
        lines[0].split_once("김민지").map(|x| x.1),
        lines[1].split_once("김민지").map(|x| x.1),
        "both read the same: {body}"
    );
    for id in same {
        let p = app.data.roster.person(id).unwrap();
        let digits: String = p.phone.chars().filter(char::is_ascii_digit).collect();
        assert!(body.contains(&digits[digits.len() - 4..]), "{body}");
    }
}
