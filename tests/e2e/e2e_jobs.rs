//! The real binary in a pseudo-terminal, in the middle of long work: reading a 300,000-row list
//! for the import preview stops on Esc and the app goes on; SIGTERM during the import itself ends
//! netday at once, gives the terminal back, and leaves whole, synced writes that the next start
//! names as an import to finish.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use crate::common;
use common::pty::Tui;
use common::*;

const ROWS: usize = 300_000;

/// A list of `ROWS` new people, all of one organisation, each with a phone of their own.
fn big_list(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let file = dir.path().join("큰 명단.csv");
    let mut csv = String::with_capacity(ROWS * 40);
    csv.push_str("이름,소속,연락처\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "참가자{i},햇살협동조합,010-8{:03}-{:04}\n",
            i / 10_000,
            i % 10_000
        ));
    }
    std::fs::write(&file, csv).unwrap();
    file
}

/// netday on the demo day, the People screen's import dialog open on `file`, Enter pressed.
fn preview(db: &std::path::Path, file: &std::path::Path) -> Tui {
    let mut tui = Tui::start(db, &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t"); // → 명단
    tui.wait_for("[이번 행사] 39명");
    tui.send(b"\x0f"); // Ctrl-O
    tui.wait_for("명단 가져오기");
    tui.paste(file.to_str().unwrap());
    tui.send(b"\r");
    tui
}

fn people(db: &std::path::Path) -> usize {
    let (status, out, err) = run(db, &["export", "people"]);
    assert_eq!(status, 0, "{err}");
    out.lines().count() - 1
}

#[test]
fn esc_stops_reading_a_large_list_and_the_app_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let file = big_list(&dir);
    let mut tui = preview(&db, &file);
    tui.wait_for("작업 중 — 잠시 기다려 주세요"); // the gauge
    tui.send(b"\x1b");
    tui.wait_for("가져오기를 취소했습니다");
    tui.wait_for("아무것도 저장하지 않았습니다");
    // The dialog is back on the file's name; Esc closes it, and the screen answers keys again.
    tui.send(b"\x1b");
    tui.wait_until("the dialog closed", |s| {
        !s.contents().contains("명단 가져오기")
    });
    tui.type_text("김");
    tui.wait_for("김");
    tui.send(b"\x03");
    assert!(tui.wait_exit());
    assert_eq!(people(&db), 39, "nothing was imported");
}

#[test]
fn sigterm_during_an_import_ends_netday_at_once_with_its_writes_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let file = big_list(&dir);
    let mut tui = preview(&db, &file);
    tui.wait_for("새로 300000");
    tui.send(b"\r");
    tui.wait_for("가져오는 중");
    let sent = Instant::now();
    tui.signal(libc::SIGTERM);
    assert!(tui.wait_exit(), "netday exited with an error");
    let took = sent.elapsed();
    assert!(
        !tui.alternate_screen() && !tui.raw_mode(),
        "the terminal was not given back:\n{}",
        tui.screen()
    );
    // Between two progress points (2,000 people a write) and the quit; a debug build on a
    // loaded machine. Before, the whole import ran first.
    assert!(took < Duration::from_secs(10), "SIGTERM took {took:?}");

    // Writes are whole: everyone or nobody of each 2,000 (synced before netday left).
    let imported = people(&db) - 39;
    assert!(imported < ROWS, "stopped before the end ({imported})");
    assert_eq!(imported % 2000, 0, "{imported} people: a write was cut");
    // The next start names the import to finish; the day has no registrations half-made.
    let mut tui = Tui::start(&db, &[], 120, 32);
    tui.wait_for("가져오기가 끝나지 않았습니다");
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\x03");
    assert!(tui.wait_exit());
}

/// An abort (a reader asking for more memory than there is) cannot unwind; the terminal is
/// given back all the same, and netday still ends as aborted.
#[test]
fn an_abort_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let mut tui = Tui::start(&db, &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    tui.paste("김기성");
    tui.wait_for("김기성");
    assert!(tui.raw_mode() && tui.alternate_screen() && tui.bracketed_paste());
    tui.signal(libc::SIGABRT);
    let status = tui.wait_status();
    assert!(!status.success(), "an abort is not a clean exit");
    assert!(
        !tui.alternate_screen() && !tui.raw_mode() && !tui.bracketed_paste(),
        "the abort left the terminal as netday had it:\n{}",
        tui.screen()
    );
}

/// The window closes in the middle of long work (a closed terminal, a dropped SSH session):
/// netday ends within the deadline and frees the database. It used to spin for ever reading the
/// dead terminal (the gauge asked crossterm, which reads a hung-up terminal again and again),
/// holding the database locked.
#[test]
fn a_hang_up_during_long_work_ends_netday_and_frees_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let file = big_list(&dir);
    let mut tui = preview(&db, &file);
    tui.wait_for("작업 중 — 잠시 기다려 주세요"); // the gauge
    tui.hang_up();
    // It ends as a quit does: no abort on the way out (giving back a dead terminal printed to
    // it, which panicked, and the panic hook did it again).
    assert!(tui.wait_exit(), "{:?}", tui.wait_status());
    let (code, _, err) = run(&db, &["events"]);
    assert_eq!(code, 0, "the database stayed locked: {err}");
}
