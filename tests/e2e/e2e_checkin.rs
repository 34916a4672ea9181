//! The real binary in a pseudo-terminal: find by initials, check in, resize, quit, reopen.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::pty::Tui;
use common::*;

#[test]
fn check_in_by_initials_survives_quit_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (code, _, err) = run(&db, &["demo"]);
    assert_eq!(code, 0, "{err}");

    let mut tui = Tui::start(&db, &[], 110, 30);
    tui.wait_for("도착 0·예정 39");
    assert!(tui.alternate_screen());
    tui.type_text("ㄱㄱㅅ");
    tui.wait_for("1명");
    assert!(tui.screen().contains("김기성"));
    tui.send(b"\r");
    tui.wait_for("도착 1·예정 39");
    tui.wait_for("김기성 (한울신협)");
    // A partial syllable while the IME composes.
    tui.type_text("강미");
    tui.wait_for("강민수");
    // Enter only once the typed text shows, as a person presses it: keys that arrive in one go
    // with their Enter are pasted text, whose Enter acts on nothing.
    tui.wait_for("▸ 강미");
    tui.send(b"\r");
    tui.wait_for("도착 2·예정 39");
    // Too small, then large again: a clear message, then the screen back.
    tui.resize(50, 10);
    tui.wait_for("창이 너무 작습니다");
    tui.resize(110, 30);
    tui.wait_for("도착 2·예정 39");
    tui.send(b"\x03"); // Ctrl-C
    assert!(tui.wait_exit(), "netday exited with an error");
    assert!(!tui.alternate_screen(), "the terminal was not restored");

    let (_, att, _) = run(&db, &["export", "attendance"]);
    let kim = att.lines().find(|l| l.contains("김기성")).unwrap();
    assert!(kim.contains(",도착,"), "{kim}");
    let kang = att.lines().find(|l| l.contains("강민수")).unwrap();
    assert!(kang.contains(",도착,"), "{kang}");

    // Reopened, the screen shows both as arrived.
    let mut tui = Tui::start(&db, &[], 110, 30);
    tui.wait_for("도착 2·예정 39");
    tui.send(b"\x03");
    assert!(tui.wait_exit(), "netday exited with an error");
}

#[test]
fn a_walk_in_at_the_door_and_sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 100, 30);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\x1bOQ"); // F2
    tui.wait_for("이름*");
    tui.type_text("홍길동");
    tui.send(b"\t");
    tui.type_text("한울신협");
    tui.send(b"\t"); // takes the highlighted 한울신협, on to the role
    tui.type_text("조합원");
    tui.send(b"\t");
    tui.type_text("010-1111-2222");
    tui.wait_for("010-1111-2222"); // typed, then Enter (keys with their Enter in one go are pasted)
    tui.send(b"\r");
    tui.wait_for("현장 1·미도착 39");
    tui.signal(libc::SIGTERM);
    assert!(tui.wait_exit(), "netday exited with an error");
    assert!(
        !tui.alternate_screen(),
        "SIGTERM left the terminal in the alternate screen"
    );
    let (_, people, _) = run(&db, &["export", "people"]);
    assert!(
        people.contains(",홍길동,한울신협,신협,동부,조합원,010-1111-2222,"),
        "{people}"
    );
}

#[test]
fn a_panic_restores_the_terminal() {
    // The switch exists only in debug builds, which `cargo test` makes of the binary too.
    if !cfg!(feature = "test-hooks") {
        panic!("NETDAY_TEST_PANIC is a test hook: build the tests with --features test-hooks");
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start_with_env(&db, &[], 100, 30, &[("NETDAY_TEST_PANIC", "1")]);
    assert!(!tui.wait_exit(), "a panic must exit non-zero");
    assert!(
        !tui.alternate_screen(),
        "the panic left the terminal in the alternate screen"
    );
    assert!(
        tui.screen().contains("NETDAY_TEST_PANIC"),
        "the panic message is readable:\n{}",
        tui.screen()
    );
}

#[test]
fn a_hang_up_ends_netday_and_frees_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 100, 30);
    tui.wait_for("도착 0·예정 39");
    // What a closed window or a dropped SSH session sends.
    tui.signal(libc::SIGHUP);
    assert!(tui.wait_exit(), "netday exited with an error");
    let (code, _, err) = run(&db, &["events"]);
    assert_eq!(code, 0, "the database stayed locked: {err}");
}

/// The terminal itself goes (the window closed): netday ends as a quit does — no abort while
/// it gives back a terminal that is gone — and frees the database.
#[test]
fn a_closed_terminal_ends_netday_cleanly_and_frees_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 100, 30);
    tui.wait_for("도착 0·예정 39");
    tui.hang_up();
    assert!(tui.wait_exit(), "{:?}", tui.wait_status());
    let (code, _, err) = run(&db, &["events"]);
    assert_eq!(code, 0, "the database stayed locked: {err}");
}
