//! The import preview's promises on the real binary (issue 25 items 2 and 4): `netday import`
//! says per row what deserves a look and can leave rows out; in a pseudo-terminal, a column
//! mapping that cannot import is shown as chosen and Enter refuses it, and Esc forgets it.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const JUNK: &str = "이름,소속,연락처\n\
    \"최\x1b]0;PWNED\x07민호\",햇살생협,010-1111-0002\n\
    박정상,\"=HYPERLINK(\"\"http://x\"\",\"\"x\"\")\",010-1111-0003\n\
    한울신협,한울신협,010-1111-0004\n\
    새얼굴,새마을협동조합,010-2041-1187\n";

#[test]
fn the_command_line_says_each_flagged_row_and_imports_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let f = write(dir.path(), "명단.csv", JUNK);
    let (code, out, err) = run(&db, &["import", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    for said in [
        "2행 확인: 이름: 숨은 제어 문자를 지웠습니다 (‘최]0;PWNED민호’로 가져옴)",
        "3행 확인: 소속: 수식처럼 보입니다 ‘=HYPERLINK(\"http://x\",\"x\")’",
        "4행 확인: 이름: 사람 이름이 아니라 기관 이름처럼 보입니다 ‘한울신협’",
        "5행 확인: 연락처: 이미 있는 김기성의 번호입니다",
    ] {
        assert!(err.contains(said), "{said}:\n{err}");
    }
    assert_eq!(
        err.lines().filter(|l| l.contains("행 확인:")).count(),
        4,
        "one line each:\n{err}"
    );
    assert!(!err.contains('\u{1b}') && !out.contains('\u{1b}'));
    assert!(out.contains("추가 4명"), "{out}");
}

#[test]
fn the_command_line_leaves_out_the_lines_it_is_told_to() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let f = write(dir.path(), "명단.csv", JUNK);
    let file = f.to_str().unwrap();
    let (code, out, err) = run(
        &db,
        &[
            "import",
            file,
            "--skip-line",
            "2",
            "--skip-line",
            "4",
            "--skip-line",
            "99",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("추가 2명") && out.contains("직접 뺀 행 2"),
        "{out}"
    );
    assert!(err.contains("--skip-line 99"), "{err}");
    assert!(
        !err.contains("2행 확인") && !err.contains("4행 확인"),
        "{err}"
    );
    let (_, people, _) = run(&db, &["export", "people"]);
    assert!(people.contains("박정상") && people.contains("새얼굴"));
    assert!(
        !people.contains("PWNED") && !people.contains("한울신협,한울신협"),
        "{people}"
    );
}

/// Tab, ↓ on the name column in a form export: the preview says the mapping chosen and why it
/// cannot be imported, Enter does nothing, ↑ brings the counts back; Esc and Ctrl-O start fresh
/// and Enter imports name as name.
#[cfg(unix)] // drives the real binary in a Unix pty
#[test]
fn the_mapping_trap_is_gone_in_the_terminal() {
    use common::pty::Tui;
    const UP: &[u8] = b"\x1b[A";
    const DOWN: &[u8] = b"\x1b[B";
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let csv = write(
        dir.path(),
        "응답.csv",
        "타임스탬프,성함,소속,연락처,이메일\n\
         2026. 11. 20 오후 3:01:02,새얼굴,새마을협동조합,010-2041-1187,new1@ex.kr\n\
         2026. 11. 20 오후 3:02:02,두얼굴,새마을협동조합,010-3318-2290,new2@ex.kr\n\
         2026. 11. 20 오후 3:03:02,세얼굴,새마을협동조합,010-7730-4412,new3@ex.kr\n",
    );
    let mut tui = Tui::start(&db, &[], 120, 40);
    tui.wait_for("도착 0·예정 39");
    tui.send(b"\t"); // → 명단
    tui.wait_for("[이번 행사] 39명");
    let open = |tui: &mut Tui| {
        tui.send(b"\x0f"); // Ctrl-O: import
        tui.wait_for("명단 가져오기");
        tui.type_text(csv.to_str().unwrap());
        tui.wait_for("응답.csv");
        tui.send(b"\r");
        tui.wait_for("새로 3");
    };
    open(&mut tui);
    tui.wait_for("이미 있는 김기성의 번호입니다");
    tui.send(b"\t");
    tui.wait_for("[성함→이름]");
    tui.send(DOWN);
    tui.wait_for("[성함→소속 기관]");
    tui.wait_for("이름으로 읽을 열이 없습니다");
    assert!(!tui.screen().contains("새로 3"), "{}", tui.screen());
    tui.send(b"\r"); // refused: nothing is imported, the preview stays
    tui.send(UP);
    tui.wait_for("[성함→이름]");
    tui.wait_for("새로 3");
    tui.send(DOWN);
    tui.wait_for("[성함→소속 기관]");
    tui.send(b"\x1b"); // Esc: back to the path, the choice forgotten
    tui.wait_until("the path stage", |s| {
        !s.contents().contains("성함→") && s.contents().contains("Enter 미리 보기")
    });
    tui.send(b"\x1b");
    // The whole popup gone (its title on top, its keys below), so this Esc was read before
    // Ctrl-O is sent: the two together would be one Alt key.
    tui.wait_until("closed", |s| {
        !s.contents().contains("명단 가져오기") && !s.contents().contains("Enter 미리 보기")
    });
    open(&mut tui);
    tui.wait_for("[타임스탬프→무시] · 성함→이름 · 소속→소속 기관");
    tui.send(b"\r");
    tui.wait_for("[이번 행사] 42명");
    tui.send(b"\x03");
    assert!(tui.wait_exit());
    let (_, out, _) = run(&db, &["export", "people"]);
    let row = out.lines().find(|l| l.contains("새얼굴")).unwrap();
    assert!(row.contains(",새마을협동조합,"), "{row}");
}
