//! The real binary in a pseudo-terminal, signalled from outside: every signal that ends it gives
//! the terminal back and keeps the half-typed note; a stop gives the terminal back and a
//! continue takes it again.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::pty::Tui;
use common::*;

/// Starts netday on the demo day, half-types a note, and sends `sig`.
fn half_typed_note_then(sig: libc::c_int, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    assert!(tui.raw_mode() && tui.alternate_screen());
    tui.send(b"\t\t\t"); // → 회의록
    tui.wait_for("지난 네트워킹데이에서 넘어온 실행 과제");
    tui.send(b"n");
    tui.type_text(text);
    tui.wait_for(text);
    tui.signal(sig);
    assert!(tui.wait_exit(), "signal {sig}: netday exited with an error");
    assert!(
        !tui.alternate_screen(),
        "signal {sig} left the alternate screen on:\n{}",
        tui.screen()
    );
    assert!(
        !tui.raw_mode(),
        "signal {sig} left the terminal in raw mode"
    );
    assert!(
        !tui.bracketed_paste(),
        "signal {sig} left bracketed paste on"
    );
    dir
}

fn draft_is_back(dir: &tempfile::TempDir, text: &str) {
    let mut tui = Tui::start(&dir.path().join("db"), &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t\t\t");
    tui.wait_for("임시 저장된 글을 되살렸습니다");
    tui.wait_for(text);
    tui.send(b"\x03");
    assert!(tui.wait_exit());
}

#[test]
fn sigint_restores_the_terminal_and_keeps_the_draft() {
    let dir = half_typed_note_then(libc::SIGINT, "남부 협의회 다음 달 안건");
    draft_is_back(&dir, "남부 협의회 다음 달 안건");
}

#[test]
fn sigquit_restores_the_terminal_and_keeps_the_draft() {
    let dir = half_typed_note_then(libc::SIGQUIT, "서부 공유 공간 목록");
    draft_is_back(&dir, "서부 공유 공간 목록");
}

#[test]
fn a_stop_gives_the_terminal_back_and_a_continue_takes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 110, 30);
    tui.wait_for("도착 0·예정 39");
    assert!(tui.raw_mode() && tui.bracketed_paste());

    tui.signal(libc::SIGTSTP);
    tui.wait_stopped();
    tui.wait_main_screen();
    assert!(!tui.raw_mode(), "stopped in raw mode");
    assert!(!tui.bracketed_paste(), "stopped with bracketed paste on");

    tui.signal(libc::SIGCONT);
    // Entering the alternate screen clears it: what shows now was drawn after the continue.
    tui.wait_until("the desk drawn again", |s| {
        s.alternate_screen() && s.contents().contains("도착 0·예정 39")
    });
    assert!(tui.raw_mode(), "continued without raw mode");
    assert!(tui.bracketed_paste(), "continued without bracketed paste");
    tui.type_text("ㄱㄱㅅ");
    tui.wait_for("1명");
    tui.send(b"\r");
    tui.wait_for("도착 1·예정 39");
    tui.send(b"\x03");
    assert!(tui.wait_exit());
    assert!(!tui.alternate_screen());
}
