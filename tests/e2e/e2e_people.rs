//! The real binary in a pseudo-terminal on the People screen: import a CSV, filter, edit a phone
//! number, quit, and check the result with `netday export`.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::pty::Tui;
use common::*;

const F2: &[u8] = b"\x1bOQ";
const F4: &[u8] = b"\x1bOS";
const DOWN: &[u8] = b"\x1b[B";
const RIGHT: &[u8] = b"\x1b[C";

#[test]
fn import_filter_edit_phone_then_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let csv = dir.path().join("새 명단.csv");
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(
        "이름,소속,구분,연락처\n최다정,무지개생협,생협,010-1000-2000\n권태호,무지개생협,생협,\n",
    );
    std::fs::write(&csv, &bytes).unwrap();

    let mut tui = Tui::start(&db, &[], 120, 32);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t"); // → 명단
    tui.wait_for("[이번 행사] 39명");
    tui.send(b"\x0f"); // Ctrl-O: import
    tui.wait_for("명단 가져오기");
    tui.type_text(csv.to_str().unwrap());
    // Enter only once the typed path shows, as a person presses it: keys that arrive in one go
    // with their Enter are pasted text, whose Enter acts on nothing.
    tui.wait_for(csv.file_name().unwrap().to_str().unwrap());
    tui.send(b"\r");
    tui.wait_for("CP949"); // the preview names the encoding Korean Excel writes
    tui.wait_for("새로 2");
    tui.send(b"\r");
    tui.wait_for("[이번 행사] 41명");

    tui.send(F4);
    tui.wait_for("연락처/이메일 없음");
    tui.send(DOWN);
    tui.send(RIGHT);
    tui.send(RIGHT);
    tui.send(b"\r");
    tui.wait_for("필터: 생협");
    tui.wait_for("[이번 행사] 8명");

    tui.type_text("최다정");
    tui.wait_for("[이번 행사] 1명");
    tui.send(F2);
    tui.wait_for("010-1000-2000");
    tui.send(b"\t\t\t");
    for _ in 0.."010-1000-2000".len() {
        tui.send(b"\x7f");
    }
    tui.type_text("01077778888");
    tui.wait_for("01077778888");
    tui.send(b"\r");
    tui.wait_for("저장했습니다");
    tui.send(b"\x03");
    assert!(tui.wait_exit());

    let (_, out, _) = run(&db, &["export", "people"]);
    let row = out.lines().find(|l| l.contains("최다정")).unwrap();
    assert!(row.contains(",010-7777-8888,"), "{row}");
    assert!(out.contains("권태호,무지개생협,생협"));
    let (_, att, _) = run(&db, &["export", "attendance"]);
    assert!(
        att.lines()
            .any(|l| l.contains("최다정") && l.contains("참석 예정")),
        "{att}"
    );
}
