//! The check-in screen rendered into a test terminal.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{col_of, render, row, screen};
use common::*;

use netday::state::Action;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

#[test]
fn renders_at_80x24_with_hangul_aligned() {
    let (_d, app) = demo_app();
    let buf = render(&app, 80, 24);
    let text = screen(&buf);
    assert!(
        text.contains("2026년 11월 서울 협동조합 네트워킹데이"),
        "{text}"
    );
    assert!(text.contains("도착 0·예정 39"));
    assert!(text.contains("검색"));
    assert!(text.contains("Enter 체크인"));
    // Every data row puts the organisation column and the status column at the same cell.
    let org_x: Vec<_> = (4..20)
        .filter_map(|y| col_of(&buf, y, "신협").or_else(|| col_of(&buf, y, "생협")))
        .collect();
    assert!(org_x.len() > 5);
    let status_x: Vec<_> = (4..20)
        .filter_map(|y| col_of(&buf, y, "참석 예정"))
        .collect();
    assert!(status_x.len() > 10);
    assert!(
        status_x.iter().all(|x| *x == status_x[0]),
        "status column drifts: {status_x:?}\n{text}"
    );
    // Phones are masked by default.
    assert!(text.contains("010-****-"), "{text}");
    assert!(!text.contains("010-3318-2290"));
}

#[test]
fn renders_at_160x48_with_roles_and_emails() {
    let (_d, mut app) = demo_app();
    app.update(Action::ToggleContacts);
    let buf = render(&app, 160, 48);
    let text = screen(&buf);
    assert!(text.contains("직함"));
    assert!(text.contains("kiseong.kim@hanul-cu.example"), "{text}");
    assert!(text.contains("010-3318-2290"));
    let status_x: Vec<_> = (4..44)
        .filter_map(|y| col_of(&buf, y, "참석 예정"))
        .collect();
    assert!(status_x.len() > 30);
    assert!(status_x.iter().all(|x| *x == status_x[0]));
}

#[test]
fn e_mails_start_in_one_column_after_phones_of_any_length() {
    // 02-… numbers are a column shorter than 010-… ones: the e-mail must not move left.
    for shown in [false, true] {
        let (_d, mut app) = demo_app();
        if shown {
            app.update(Action::ToggleContacts);
        }
        let buf = render(&app, 160, 48);
        let at: Vec<usize> = (4..44)
            .filter_map(|y| {
                let line = row(&buf, y);
                let x = line.find('@')?;
                // Back to the start of the e-mail (the space before it).
                let start = line[..x].rfind(' ')? + 1;
                Some(line[..start].width())
            })
            .collect();
        assert!(at.len() > 10, "{at:?}");
        assert!(
            at.iter().all(|x| *x == at[0]),
            "contacts shown: {shown}; e-mail columns {at:?}"
        );
    }
}

#[test]
fn first_timers_are_marked_and_arrivals_are_green() {
    let (_d, mut app) = demo_app();
    for c in "ㄱㄱㅅ".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    let buf = render(&app, 100, 30);
    let text = screen(&buf);
    assert!(text.contains("✓ 김기성 (한울신협) 14:05 도착"), "{text}");
    assert!(text.contains("구분별 도착 신협 1  생협 0"), "{text}");
    assert!(text.contains("도착 1·예정 39·현장 0·미도착 38"), "{text}");
    // Arrived people move below those still expected; search shows the row.
    for c in "김기성".chars() {
        app.update(Action::Input(c));
    }
    let found = render(&app, 100, 30);
    let y = (0..30)
        .find(|y| row(&found, *y).starts_with("김기성"))
        .unwrap();
    let x = col_of(&found, y, "도착 14:05").unwrap() as u16;
    assert_eq!(found[(x, y)].fg, Color::Green);
    // 남궁지혜 came to no earlier networking day.
    let y = (0..30)
        .find(|y| row(&buf, *y).starts_with("남궁지혜"))
        .unwrap();
    assert!(row(&buf, y).contains("첫 참석"));
    assert!(!row(&found, y).contains("첫 참석"));
}

#[test]
fn a_too_small_terminal_gets_a_clear_message() {
    let (_d, app) = demo_app();
    let buf = render(&app, 40, 10);
    let text = screen(&buf);
    assert!(text.contains("창이 너무 작습니다"), "{text}");
    assert!(text.contains("40×10"));
}

#[test]
fn help_lists_the_keys_in_force() {
    let (_d, mut app) = demo_app();
    app.update(Action::Help);
    let text = screen(&render(&app, 100, 40));
    for key in [
        "F2",
        "Ctrl-Z",
        "F3",
        "F5",
        "Ctrl-C",
        "Enter",
        "현장 등록",
        "마지막 체크인 되돌리기",
    ] {
        assert!(text.contains(key), "help lacks {key}:\n{text}");
    }
}

#[test]
fn search_results_and_the_walk_in_form_render() {
    let (_d, mut app) = demo_app();
    for c in "ㅌㄹ".chars() {
        app.update(Action::Input(c));
    }
    let text = screen(&render(&app, 80, 24));
    assert!(text.contains("찾는 사람이 없습니다"), "{text}");
    app.update(Action::WalkIn);
    let text = screen(&render(&app, 80, 24));
    assert!(
        text.contains("현장 등록") && text.contains("이름*") && text.contains("연락처"),
        "{text}"
    );
}

#[test]
fn the_demo_offer_keeps_its_border_around_wrapped_hangul() {
    let (_d, store) = temp_store();
    let app = app_on(store);
    let buf = render(&app, 100, 30);
    let rows: Vec<String> = (0..30).map(|y| row(&buf, y)).collect();
    let top = rows.iter().position(|r| r.contains("╭ netday")).unwrap();
    let right = col_of(&buf, top as u16, "╮").unwrap();
    for (y, r) in rows.iter().enumerate().skip(top + 1).take(6) {
        assert_eq!(
            col_of(&buf, y as u16, "│").map(|_| r.width() > right),
            Some(true)
        );
        let last = r.rfind('│').map(|i| r[..i].width()).unwrap();
        assert_eq!(last, right, "row {y} lost its right border: {r}");
    }
}

/// The status cell (words and colour) of the row starting with `name`.
fn status_cell(buf: &ratatui::buffer::Buffer, h: u16, name: &str, words: &str) -> Color {
    let y = (0..h)
        .find(|y| row(buf, *y).starts_with(name))
        .unwrap_or_else(|| panic!("{name} not on screen:\n{}", screen(buf)));
    let x = col_of(buf, y, words).unwrap_or_else(|| panic!("{words}: {}", row(buf, y))) as u16;
    buf[(x, y)].fg
}

#[test]
fn the_desk_and_people_screens_show_a_status_in_the_same_words_and_colour() {
    let (_d, mut app) = demo_app();
    for c in "ㄱㄱㅅ".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    let desk = render(&app, 160, 48);
    app.update(Action::NextScreen);
    let people = render(&app, 160, 48);
    let arrived = status_cell(&desk, 48, "김기성", "도착 14:05");
    assert_eq!(arrived, Color::Green);
    assert_eq!(status_cell(&people, 48, "김기성", "도착 14:05"), arrived);
    // Expected is drawn in the terminal's own colour (white would vanish on a light one).
    let expected = status_cell(&desk, 48, "강민수", "참석 예정");
    assert_eq!(expected, Color::Reset);
    assert_eq!(status_cell(&people, 48, "강민수", "참석 예정"), expected);
}

#[test]
fn help_lists_each_key_and_each_thing_once() {
    use netday::keymap::Context as C;
    for ctx in [
        C::Checkin,
        C::Confirm,
        C::AskDiscard,
        C::EventPicker,
        C::Missing,
        C::Help,
        C::OfferDemo,
        C::People,
        C::Orgs,
        C::Form,
        C::Filter,
        C::PathInput,
        C::ImportPreview,
        C::PrintMenu,
        C::Agenda,
        C::Notes,
        C::NoteEditor,
        C::IdeasBoard,
        C::IdeaDetail,
        C::History,
        C::HistoryDetail,
    ] {
        let entries = netday::view::help_entries(ctx);
        for (i, (label, desc)) in entries.iter().enumerate() {
            for (other, odesc) in &entries[i + 1..] {
                assert_ne!(desc, odesc, "{ctx:?}: {label} and {other} both say {desc}");
                assert_ne!(label, other, "{ctx:?}: {label} listed twice");
            }
        }
    }
    // The desk's walk-in keys share one row.
    let desk = netday::view::help_entries(C::Checkin);
    assert!(
        desk.iter()
            .any(|(l, d)| l.contains("F2") && l.contains("Ctrl-N") && *d == "현장 등록"),
        "{desk:?}"
    );
}

#[test]
fn at_80x24_the_footer_keeps_f1_and_a_known_phone_says_what_enter_does() {
    let (_d, mut app) = demo_app();
    let text = screen(&render(&app, 80, 24));
    let footer = text.lines().last().unwrap();
    assert!(footer.contains("F1 도움말"), "{footer}");
    assert!(
        !footer.contains('…'),
        "the footer leaves keys out, never cuts one: {footer}"
    );

    let known = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "강민수")
        .unwrap()
        .clone();
    app.update(Action::WalkIn);
    type_text(&mut app, "구본준");
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    type_text(&mut app, &known.phone);
    let text = screen(&render(&app, 80, 24));
    // The line's end is what matters: Enter checks the known person in.
    assert!(text.contains("이미 있는 번호입니다"), "{text}");
    assert!(text.contains("Enter로"), "{text}");
    assert!(text.contains("이 사람을 체크인"), "{text}");
}
