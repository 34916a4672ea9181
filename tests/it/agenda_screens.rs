//! The agenda and notes screens rendered into a TestBackend at 80×24 and 160×48, with Hangul.

#![allow(clippy::unwrap_used)] // tests may unwrap, helpers included

use crate::common;
use common::screen::{row, screen};

use chrono::NaiveDate;
use netday::model::Ts;
use netday::state::{Action, App, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Position;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}
fn at_local(h: u32, m: u32) -> Ts {
    common::at_seoul(day(), h, m)
}
fn setup() -> (tempfile::TempDir, App) {
    common::set_clock(at_local(14, 50));
    common::demo_app()
}

fn go(app: &mut App, screen: Screen) {
    while app.screen != screen {
        app.update(Action::NextScreen);
    }
}

fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| netday::view::draw(app, f)).unwrap();
    t
}

fn find(buf: &Buffer, needle: &str) -> Option<u16> {
    (0..buf.area.height).find(|y| row(buf, *y).contains(needle))
}

#[test]
fn agenda_screen_highlights_the_running_item() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Agenda);
    for (w, h) in [(80, 24), (160, 48)] {
        let t = render(&app, w, h);
        let buf = t.backend().buffer();
        let all = screen(buf);
        assert!(all.contains(" 안건 "), "{all}");
        assert!(all.contains("각 협동조합 현황 공유"), "{all}");
        assert!(all.contains("14:40–15:10"), "{all}");
        assert!(
            all.contains("남은 20분"),
            "the item running at 14:50 shows time left\n{all}"
        );
        assert!(all.contains("t 기본 안건"), "hint line\n{all}");
        // The running row is drawn on the accent colour; the others are not.
        let y = find(buf, "지역의 사회적경제").unwrap();
        assert_eq!(buf[(10, y)].bg, netday::view::ACCENT);
        let y0 = find(buf, "각 협동조합 현황 공유").unwrap();
        assert_ne!(buf[(10, y0)].bg, netday::view::ACCENT);
    }
    // Item 1 still marked running at 14:50 overran by 10 minutes: red.
    app.update(Action::CycleStatus);
    let t = render(&app, 80, 24);
    let buf = t.backend().buffer();
    let y = find(buf, "10분 초과").unwrap_or_else(|| panic!("overrun not shown\n{}", screen(buf)));
    assert_eq!(buf[(10, y)].fg, netday::view::BAD);
}

#[test]
fn agenda_form_and_help_list_the_keys() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Agenda);
    app.update(Action::Help);
    let t = render(&app, 160, 48);
    let all = screen(t.backend().buffer());
    assert!(all.contains("기본 4개 안건으로 시작"), "{all}");
    assert!(all.contains("안건을 위로"), "{all}");
    app.update(Action::Help);
    app.update(Action::AddItem);
    for c in "폐회".chars() {
        app.update(Action::Input(c));
    }
    let mut t = render(&app, 80, 24);
    let all = screen(t.backend().buffer());
    assert!(all.contains("안건 추가"), "{all}");
    assert!(all.contains("16:30"), "{all}");
    let y = find(t.backend().buffer(), "폐회").unwrap();
    let pos = t.get_cursor_position().unwrap();
    assert_eq!(pos.y, y, "caret on the title line");
    let line = row(t.backend().buffer(), y);
    let before: String = line.split("폐회").next().unwrap().to_string();
    let x = unicode_width::UnicodeWidthStr::width(before.as_str()) + 4;
    assert_eq!(pos, Position::new(x as u16, y), "caret right after 폐회");
}

#[test]
fn notes_screen_with_carry_over_and_editor() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Notes);
    app.update(Action::AddItem);
    for c in "한울신협: 청년 조합원 늘어남".chars() {
        app.update(Action::Input(c));
    }
    for (w, h) in [(80, 24), (160, 48)] {
        let mut t = render(&app, w, h);
        let buf = t.backend().buffer().clone();
        let all = screen(&buf);
        assert!(
            all.contains("지난 네트워킹데이에서 넘어온 실행 과제"),
            "{all}"
        );
        assert!(all.contains("공모사업 공동 신청서 초안 공유"), "{all}");
        assert!(all.contains("새 기록 — 종류: 메모"), "{all}");
        assert!(all.contains("Ctrl-S 저장"), "{all}");
        // The caret sits right after the typed Hangul, where the IME composes.
        let y = find(&buf, "한울신협: 청년 조합원 늘어남").unwrap();
        let line = row(&buf, y);
        let before = line.split("한울신협").next().unwrap();
        let x = unicode_width::UnicodeWidthStr::width(before)
            + unicode_width::UnicodeWidthStr::width("한울신협: 청년 조합원 늘어남");
        assert_eq!(t.get_cursor_position().unwrap(), Position::new(x as u16, y));
        // The overdue carried-over item (due 11-21, before today) is red.
        let y = find(&buf, "공모사업 공동 신청서").unwrap();
        let line = row(&buf, y);
        if w >= 160 {
            assert!(line.contains("기한 11-21"), "{line}");
            let x = (0..w).find(|x| buf[(*x, y)].symbol() == "기").unwrap();
            assert_eq!(buf[(x, y)].fg, netday::view::BAD);
        }
    }
    // Saved, the note is in the list with its kind and time.
    app.update(Action::Save);
    let t = render(&app, 80, 24);
    let all = screen(t.backend().buffer());
    assert!(all.contains("이번 네트워킹데이 기록"), "{all}");
    assert!(all.contains("14:50 메모"), "{all}");
    assert!(all.contains("(2) 한울신협: 청년 조합원 늘어남"), "{all}");
}

#[test]
fn open_actions_view() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Notes);
    app.update(Action::OpenActions);
    let t = render(&app, 160, 48);
    let all = screen(t.backend().buffer());
    assert!(
        all.contains("모든 네트워킹데이의 미완료 실행 과제"),
        "{all}"
    );
    assert!(all.contains("[ ] 공동 장터 장소 후보 조사"), "{all}");
    assert!(all.contains("담당 서민준 (햇살생협)"), "{all}");
    assert!(
        !all.contains("인증제 참여 조합 명단"),
        "done items are not open\n{all}"
    );
}

/// Esc on an unsaved note asks the one confirm, over the editor, with its three answers; the
/// footer names what each key does.
#[test]
fn closing_an_unsaved_note_asks_with_three_answers() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Notes);
    app.update(Action::AddItem);
    for c in "공동 교육 제안".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Cancel);
    for (w, h) in [(80, 24), (160, 48)] {
        let t = render(&app, w, h);
        let all = screen(t.backend().buffer());
        assert!(all.contains("저장하지 않은 글"), "{all}");
        assert!(all.contains("d 버리기"), "{all}");
        assert!(all.contains("계속 쓰기"), "{all}");
        insta::assert_snapshot!(format!("notes_unsaved_confirm_{w}x{h}"), all);
    }
    // n (No) keeps writing: the editor and its text stay.
    app.update(Action::No);
    assert!(app.modal.is_none());
    assert_eq!(
        app.screens.notes.editor.as_ref().map(|e| e.text()),
        Some("공동 교육 제안".to_string())
    );
}
