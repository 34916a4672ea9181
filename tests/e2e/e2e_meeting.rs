//! The real binary in a pseudo-terminal at the meeting table: a half-typed note survives SIGKILL,
//! and a note becomes a collaboration idea that moves through the pipeline.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::pty::Tui;
use common::*;

/// The time on the editor's "임시 저장 HH:MM:SS" label, once it shows one.
fn draft_label(tui: &Tui) -> String {
    const LABEL: &str = "임시 저장 ";
    tui.wait_for(LABEL);
    let screen = tui.screen();
    let at = screen.find(LABEL).unwrap() + LABEL.len();
    screen[at..].chars().take(8).collect()
}

#[test]
fn a_half_typed_note_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t\t\t"); // → 회의록
    tui.wait_for("지난 네트워킹데이에서 넘어온 실행 과제");
    tui.send(b"n");
    // The first keystroke writes a draft at once...
    tui.type_text("북");
    let first = draft_label(&tui);
    // ...the rest only on the periodic save (a pause in typing, or every few seconds), which
    // is the one this test is about. A paste is one edit, so no draft holds half of it.
    tui.paste("부 신협 공간 대여 조건 정리");
    tui.wait_for("북부 신협 공간 대여 조건 정리");
    tui.wait_until("a later draft", |s| {
        s.contents().contains("임시 저장 ") && !s.contents().contains(&format!("임시 저장 {first}"))
    });
    tui.signal(libc::SIGKILL);
    let status = tui.wait_status();
    assert_eq!(status.signal(), Some("Killed"), "{status}");

    let mut tui = Tui::start(&db, &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t\t\t");
    tui.wait_for("북부 신협 공간 대여 조건 정리");
    tui.send(b"\x03");
    assert!(tui.wait_exit());
}

#[test]
fn a_note_becomes_an_idea_that_moves_two_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t\t\t");
    tui.wait_for("공동 장터 장소 후보 조사");
    tui.send(b"i"); // the selected note (last month's open action item) → idea form
    tui.wait_for("새 협업 아이디어");
    tui.wait_for("회의록 1건 연결");
    tui.send(b"\r");
    tui.wait_for("아이디어 3");
    tui.send(b">");
    tui.wait_for("검토 중 3");
    tui.send(b">");
    tui.wait_for("합의 2");
    tui.send(b"\x03");
    assert!(tui.wait_exit());

    let (code, csv, err) = run(&db, &["export", "ideas"]);
    assert_eq!(code, 0, "{err}");
    let row = csv
        .lines()
        .find(|l| l.starts_with("공동 장터 장소 후보 조사"))
        .unwrap();
    assert!(row.contains(",합의,"), "{row}");
    assert!(
        row.contains("서민준"),
        "the action item's owner carries over: {row}"
    );
}

/// With the Korean IME on, the `o` key sends ㅐ: it opens the owner/due form of the selected
/// action item and nothing of it is typed into the form.
#[test]
fn the_jamo_on_the_o_key_opens_owner_and_due_without_typing_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t\t\t");
    tui.wait_for("공동 장터 장소 후보 조사");
    tui.type_text("ㅐ");
    tui.wait_for("담당 (이름·기관)");
    // The owner is the item's (서민준), untouched; the next key goes into the form.
    let screen = tui.screen();
    assert!(!screen.contains('ㅐ'), "{screen}");
    let owner_line = screen
        .lines()
        .find(|l| l.contains("담당 (이름·기관)"))
        .unwrap_or_default();
    assert!(owner_line.contains("서민준"), "{screen}");
    tui.send(b"\x1b");
    tui.wait_until("the form closed", |s| {
        !s.contents().contains("담당 (이름·기관)")
    });
    tui.send(b"\x03");
    assert!(tui.wait_exit());
}
