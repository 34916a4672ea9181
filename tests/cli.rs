//! The real binary: import/export, clear errors for locked, damaged and unreadable input.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::path::Path;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn imports_utf8_bom_and_cp949_with_either_header_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let utf8 = "이름,소속,구분,지역,연락처\n김기성,한울신협,신협,동부,010-2041-1187\n";
    let bom = "\u{feff}Phone,Name,Organization\n01033182290,강민수,한울신협\n";
    let (cp949, _, bad) = encoding_rs::EUC_KR.encode("성명,기관명,직위\n이서연,햇살생협,팀장\n");
    assert!(!bad);
    for (name, bytes) in [
        ("a.csv", utf8.as_bytes()),
        ("b.csv", bom.as_bytes()),
        ("c.csv", &cp949[..]),
    ] {
        let f = write(dir.path(), name, bytes);
        let (code, out, err) = run(&db, &["import", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains("추가 1명"), "{name}: {out}");
    }
    let (_, out, _) = run(&db, &["export", "people"]);
    assert!(out.starts_with('\u{feff}'));
    assert!(out.contains("김기성,한울신협,신협,동부"));
    assert!(out.contains("강민수,한울신협"));
    assert!(
        out.contains("010-3318-2290"),
        "phones are normalised: {out}"
    );
    assert!(out.contains("이서연,햇살생협,기타,기타,팀장"), "{out}");
}

#[test]
fn bad_rows_are_reported_by_line_and_good_rows_still_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let csv = "이름,소속,구분,연락처,이메일\n\
               김기성,\"한울신협, 본점\",신협,010-2041-1187,\n\
               \"강민수\",\"여러 줄\n메모가 있는 조합\",생협,,\n\
               ,빈이름조합,기타,,\n\
               박정호,새솔신협,은행,,\n\
               최유진,새솔신협,신협,12345,\n\
               정다은,남산마을신협,신협,,not-an-email\n\
               윤상철,남산마을신협,신협,02-123-4567,yoon@example.org\n";
    let f = write(dir.path(), "people.csv", csv.as_bytes());
    let (code, out, err) = run(&db, &["import", f.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // The record with an embedded newline spans lines 3–4, so later lines are counted right.
    for expected in ["5행", "6행", "7행", "8행"] {
        assert!(err.contains(expected), "missing {expected} in: {err}");
    }
    assert!(err.contains("이름이 비어") && err.contains("은행") && err.contains("12345"));
    assert!(
        out.contains("추가 3명") && out.contains("오류 4행"),
        "{out}"
    );
    let (_, people, _) = run(&db, &["export", "people"]);
    assert!(people.contains("\"한울신협, 본점\""));
    // Re-importing the same file adds no one.
    let (_, again, _) = run(&db, &["import", f.to_str().unwrap()]);
    assert!(again.contains("추가 0명"), "{again}");
    let (_, people2, _) = run(&db, &["export", "people"]);
    assert_eq!(people.lines().count(), people2.lines().count());
}

#[test]
fn dry_run_writes_nothing_and_event_registers_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = write(
        dir.path(),
        "p.csv",
        "name,org\n김기성,한울신협\n강민수,한울신협\n".as_bytes(),
    );
    let (_, out, _) = run(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--event",
            "2026-12-15",
            "--dry-run",
        ],
    );
    assert!(
        out.contains("추가 2명") && out.contains("시험 실행"),
        "{out}"
    );
    let (_, events, _) = run(&db, &["events"]);
    assert!(
        !events.contains("2026-12-15"),
        "dry run created an event: {events}"
    );
    let (code, _, _) = run(
        &db,
        &["import", f.to_str().unwrap(), "--event", "2026-12-15"],
    );
    assert_eq!(code, 0);
    let (_, att, _) = run(&db, &["export", "attendance", "--event", "2026-12-15"]);
    assert_eq!(att.lines().count(), 3, "{att}");
    assert!(att.contains("참석 예정"));
}

#[test]
fn escape_sequences_in_names_never_reach_the_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = write(
        dir.path(),
        "evil.csv",
        "이름,소속\n김\u{1b}[2J기성\u{7},\u{1b}]0;pwn\u{7}한울신협\n".as_bytes(),
    );
    run(&db, &["import", f.to_str().unwrap()]);
    for args in [&["export", "people"][..], &["search", "김"][..]] {
        let (_, out, err) = run(&db, args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
        assert!(!err.contains('\u{1b}'));
        assert!(out.contains("김[2J기성"), "{out}");
    }
}

#[test]
fn export_then_import_keeps_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let csv = "코드,이름,소속,구분,지역,직함,연락처,이메일,태그,메모\n\
               ,=김기성,\"한울, \"\"신협\"\"\",신협,동부,-이사장,010-2041-1187,k@hanul.example,\"이사, 발표\",\"첫 줄\n둘째 줄\"\n";
    let f = write(dir.path(), "in.csv", csv.as_bytes());
    run(&a, &["import", f.to_str().unwrap()]);
    let out1 = dir.path().join("out1.csv");
    run(&a, &["export", "people", "-o", out1.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out1).unwrap();
    assert!(
        text.contains("'=김기성") && text.contains("'-이사장"),
        "formulas neutralised: {text}"
    );
    let b = dir.path().join("b");
    let (code, _, err) = run(&b, &["import", out1.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let out2 = dir.path().join("out2.csv");
    run(&b, &["export", "people", "-o", out2.to_str().unwrap()]);
    assert_eq!(text, std::fs::read_to_string(&out2).unwrap());
    // The badge codes make a re-import of an export match exactly: nothing changes.
    let (_, again, _) = run(&b, &["import", out1.to_str().unwrap()]);
    assert!(again.contains("추가 0명, 갱신 0명, 건너뜀 1명"), "{again}");
}

#[test]
fn unreadable_inputs_get_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (code, _, err) = run(&db, &["import", "/nonexistent/people.csv"]);
    assert_eq!(code, 1);
    assert!(err.contains("파일을 읽을 수 없습니다"), "{err}");
    let bin = write(dir.path(), "x.csv", &[0xff, 0xfe, 0x00, 0x41, 0x00, 0xd8]);
    let (code, _, err) = run(&db, &["import", bin.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("인코딩을 읽을 수 없습니다"), "{err}");
    let noname = write(dir.path(), "n.csv", b"org,phone\nA,010\n");
    let (code, _, err) = run(&db, &["import", noname.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("이름 열이 없습니다"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn a_second_process_gets_the_lock_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let store = netday::store::Store::open(&db).unwrap();
    let (code, _, err) = run(&db, &["events"]);
    assert_eq!(code, 1);
    assert!(err.contains("다른 netday에서 열려 있습니다"), "{err}");
    assert!(err.contains("open in another netday"), "{err}");
    drop(store);
    let (code, _, _) = run(&db, &["events"]);
    assert_eq!(code, 0);
}

#[test]
fn a_damaged_database_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let log = db.join("db");
    let mut bytes = std::fs::read(&log).unwrap();
    for (i, b) in bytes.iter_mut().take(4096).enumerate() {
        *b = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    std::fs::write(&log, &bytes).unwrap();
    let before: Vec<_> = std::fs::read_dir(&db)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let (code, _, err) = run(&db, &["events"]);
    assert_eq!(code, 1);
    assert!(err.contains("손상") && err.contains("damaged"), "{err}");
    assert!(!err.contains("panicked"));
    assert_eq!(
        std::fs::read(&log).unwrap(),
        bytes,
        "the damaged log was not touched"
    );
    let after: Vec<_> = std::fs::read_dir(&db)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn search_prints_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let (_, out, _) = run(&db, &["search", "ㄱㄱㅅ"]);
    assert_eq!(out.lines().next(), Some("김기성\t한울신협"));
    let (_, out, _) = run(&db, &["search", "김민", "--limit", "5"]);
    assert!(
        out.lines().count() >= 2 && out.lines().all(|l| l.starts_with("김민")),
        "{out}"
    );
}

#[test]
fn backup_restores_into_an_empty_database_only_unless_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    run(&a, &["demo"]);
    let file = dir.path().join("netday.ndbak");
    let (code, _, err) = run(&a, &["backup", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let b = dir.path().join("b");
    let (code, _, err) = run(&b, &["restore", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        run(&a, &["export", "people"]).1,
        run(&b, &["export", "people"]).1
    );
    let (code, _, err) = run(&b, &["restore", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("--replace"), "{err}");
    let (code, _, _) = run(&b, &["restore", file.to_str().unwrap(), "--replace"]);
    assert_eq!(code, 0);
}

#[test]
fn same_name_in_one_coop_with_different_phones_are_two_people() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = write(
        dir.path(),
        "p.csv",
        "이름,소속,연락처\n김민지,햇살생협,010-1111-2222\n김민지,햇살생협,010-3333-4444\n김민지,햇살생협,\n".as_bytes(),
    );
    let (_, out, _) = run(&db, &["import", f.to_str().unwrap()]);
    assert!(
        out.contains("추가 2명") && out.contains("건너뜀 1명"),
        "{out}"
    );
    let (_, again, _) = run(&db, &["import", f.to_str().unwrap()]);
    assert!(again.contains("추가 0명, 갱신 0명, 건너뜀 3명"), "{again}");
}

#[test]
fn a_shared_phone_under_another_name_is_another_person_and_a_moved_person_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = write(
        dir.path(),
        "p.csv",
        "이름,소속,연락처,직함\n김기성,한울신협,02-2133-4401,이사장\n강민수,한울신협,02-2133-4401,전무\n".as_bytes(),
    );
    let (_, out, _) = run(&db, &["import", f.to_str().unwrap()]);
    assert!(out.contains("추가 2명"), "{out}");
    let (_, again, _) = run(&db, &["import", f.to_str().unwrap()]);
    assert!(again.contains("추가 0명, 갱신 0명, 건너뜀 2명"), "{again}");
    let moved = write(
        dir.path(),
        "m.csv",
        "이름,소속,연락처\n김기성,새솔신협,02-2133-4401\n".as_bytes(),
    );
    let (_, out, _) = run(&db, &["import", moved.to_str().unwrap()]);
    assert!(out.contains("추가 0명, 갱신 1명"), "{out}");
    let (_, people, _) = run(&db, &["export", "people"]);
    assert!(people.contains("김기성,새솔신협"), "{people}");
}
