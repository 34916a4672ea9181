//! The whole day from the first keystroke, the real binary in a pseudo-terminal: an empty
//! database makes today's networking day from its first screen, a list is imported from the
//! app with everyone registered, people are checked in by initials, by a phone's last 4 digits
//! and after a one-syllable typo, the 미도착 list names who is left, a
//! walk-in who is already known is checked in as themselves, and the day's numbers read the
//! same on the desk, in `netday events` and in the minutes.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::pty::Tui;
use common::*;

const LIST: &str = "이름,소속,연락처\n김기성,한울신협,010-3101-1187\n정하늘,다솜생협,010-3202-2244\n박새롬,햇살생협,010-3303-3355\n최민재,한울신협,010-3404-4466\n";

#[test]
fn the_day_from_an_empty_database_to_the_same_numbers_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("명단.csv");
    std::fs::write(&file, LIST).unwrap();

    let mut tui = Tui::start(&db, &[], 110, 32);
    tui.wait_for("데이터베이스가 비어 있습니다");
    tui.send(b"\r"); // create today's networking day
    tui.wait_for("새 네트워킹데이");
    tui.wait_for("협동조합 네트워킹데이");
    tui.send(b"\r"); // the proposed title, today, 14:00–17:00
    tui.wait_for("만들었습니다");
    tui.wait_for("도착 0·예정 0");

    // The list, imported from the People screen, registers everyone for the day.
    tui.send(b"\t");
    tui.wait_for("명단");
    tui.send(b"\x0f"); // Ctrl-O
    tui.wait_for("파일 경로");
    tui.paste(&file.display().to_string());
    tui.send(b"\r");
    tui.wait_for("모두 참석 예정으로 등록: 예");
    tui.send(b"\r");
    tui.wait_for("가져옴");
    tui.send(b"\x1b[Z"); // Shift-Tab: back to the desk
    tui.wait_for("도착 0·예정 4·현장 0·미도착 4");

    // By initials.
    tui.type_text("ㄱㄱㅅ");
    tui.wait_for("1명");
    tui.send(b"\r");
    tui.wait_for("도착 1·예정 4");

    // By the last 4 digits of a phone, and after a one-syllable typo.
    tui.type_text("4466");
    tui.wait_for("최민재");
    // Enter only once the typed text shows, as a person presses it: keys that arrive in one go
    // with their Enter are pasted text, whose Enter acts on nothing.
    tui.wait_for("▸ 4466");
    tui.send(b"\r");
    tui.wait_for("도착 2·예정 4");
    tui.type_text("박새름");
    tui.wait_for("박새롬");
    tui.wait_for("▸ 박새름");
    tui.send(b"\r");
    tui.wait_for("도착 3·예정 4");

    // Who has not come yet (F4): one, to call.
    tui.send(b"\x1bOS");
    tui.wait_for("미도착 1명");
    tui.wait_for("정하늘");
    tui.send(b"\x1b");
    tui.wait_until("the list closed", |s| !s.contents().contains("미도착 1명"));

    // A walk-in who is already known: the very name is highlighted, Enter checks her in.
    tui.send(b"\x1bOQ"); // F2
    tui.wait_for("이름*");
    tui.type_text("정하늘");
    tui.wait_for("↳ 정하늘 · 다솜생협");
    tui.send(b"\r");
    tui.wait_for("도착 4·예정 4·현장 0·미도착 0");

    // And a real walk-in.
    tui.send(b"\x1bOQ");
    tui.wait_for("이름*");
    tui.type_text("오늘처음");
    tui.send(b"\t");
    tui.type_text("푸른신협");
    tui.send(b"\t\t\t"); // kind (guessed 신협), role, phone
    tui.type_text("010-3505-5577");
    tui.wait_for("010-3505-5577");
    tui.send(b"\r");
    let line = "도착 5·예정 4·현장 1·미도착 0";
    tui.wait_for(line);
    tui.send(b"\x03");
    assert!(tui.wait_exit(), "netday exited with an error");

    // The same four numbers everywhere.
    let (code, events, err) = run(&db, &["events"]);
    assert_eq!(code, 0, "{err}");
    assert!(events.contains(line), "netday events: {events}");
    let (code, minutes, err) = run(&db, &["export", "minutes"]);
    assert_eq!(code, 0, "{err}");
    assert!(minutes.contains(line), "the minutes: {minutes}");
    let (_, people, _) = run(&db, &["export", "people"]);
    assert_eq!(
        people.matches("정하늘").count(),
        1,
        "no duplicate: {people}"
    );
    assert!(people.contains("오늘처음,푸른신협,신협"), "{people}");
}
