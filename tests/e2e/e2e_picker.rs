//! The real binary in a pseudo-terminal: Ctrl-O on the People screen lists the lists in
//! ~/Downloads, four jamo typed one at a time (as a 2-set IME sends them) narrow it to one
//! file, and Enter takes it to the preview: no path typed at all (issue 25, item 5).

#![allow(clippy::unwrap_used)]

use crate::common;
use common::pty::Tui;
use common::*;

const FINAL: &str = "2026년 12월 참석자 명단 (최종).xlsx";

fn workbook(names: &[&str]) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "이름").unwrap();
    s.write_string(0, 1, "소속").unwrap();
    for (i, n) in names.iter().enumerate() {
        s.write_string(i as u32 + 1, 0, *n).unwrap();
        s.write_string(i as u32 + 1, 1, "한울신협").unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn ctrl_o_then_a_few_jamo_then_enter_previews_the_file_in_downloads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let home = dir.path().join("home");
    let downloads = home.join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    std::fs::write(downloads.join(FINAL), workbook(&["김최종", "이최종"])).unwrap();
    std::fs::write(
        downloads.join("2026년 12월 참석자 명단 (초안).csv"),
        "이름,소속\n김초안,한울신협\n",
    )
    .unwrap();
    let config = home.join(".config");
    let mut tui = Tui::start_with_env(
        &db,
        &[],
        120,
        40,
        &[
            ("HOME", home.to_str().unwrap()),
            ("XDG_CONFIG_HOME", config.to_str().unwrap()),
        ],
    );
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t"); // → 명단
    tui.wait_for("[이번 행사] 39명");
    tui.send(b"\x0f"); // Ctrl-O: import
    tui.wait_for("명단 (최종).xlsx");
    tui.wait_for("명단 (초안).csv");
    // Four jamo of 최종, one at a time, each shown composed before the next is sent. The last
    // syllable is still being composed (쵲, ㅈ held as its final): the list matches it by jamo.
    for (jamo, shown) in [("ㅊ", "ㅊ"), ("ㅗ", "초"), ("ㅣ", "최"), ("ㅈ", "쵲")] {
        tui.type_text(jamo);
        tui.wait_until(&format!("the field holding {shown}"), |s| {
            s.contents()
                .lines()
                .any(|l| l.contains(&format!("파일 경로      {shown}")))
        });
    }
    tui.wait_until("only the 최종 list listed", |s| {
        let c = s.contents();
        c.contains("▸ 2026년 12월 참석자 명단 (최종).xlsx") && !c.contains("(초안)")
    });
    tui.send(b"\r");
    tui.wait_for("새로 2");
    tui.wait_for(&format!("~/Downloads/{FINAL}"));
    tui.send(b"\r");
    tui.wait_for("[이번 행사] 41명");
    tui.send(b"\x03");
    assert!(tui.wait_exit());
}
