//! The real binary: import/export, clear errors for locked, damaged and unreadable input.

#![allow(clippy::unwrap_used)]

use crate::common;
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
    assert!(out.contains("이서연,햇살생협,생협,기타,팀장"), "{out}");
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

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The two lines of an error: Korean first, then English, and nothing of Rust's own.
fn assert_two_clear_lines(err: &str) {
    assert_eq!(
        err.lines().count(),
        2,
        "one Korean and one English line: {err}"
    );
    for debug in ["Os {", "os error", "kind:", "Custom {", "panicked"] {
        assert!(!err.contains(debug), "{debug} in {err}");
    }
}

#[test]
fn export_never_replaces_a_file_without_force_nor_writes_into_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let out = dir.path().join("명단.csv");
    let (code, _, err) = run(&db, &["export", "people", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let exported = std::fs::read(&out).unwrap();

    std::fs::write(&out, "손으로 고친 명단").unwrap();
    for what in ["people", "minutes", "ideas"] {
        let (code, _, err) = run(&db, &["export", what, "-o", out.to_str().unwrap()]);
        assert_eq!(code, 1, "{what}");
        assert_two_clear_lines(&err);
        assert!(
            err.contains("이미 있어") && err.contains("already exists"),
            "{err}"
        );
        assert!(
            err.lines()
                .all(|l| l.contains("--force") && l.contains("명단.csv")),
            "both lines name the file and --force: {err}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "손으로 고친 명단");
    }
    let (code, _, err) = run(
        &db,
        &["export", "people", "-o", out.to_str().unwrap(), "--force"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), exported);

    // `-o <db>/db` would have been the database's own log.
    let log = db.join("db");
    let before = std::fs::read(&log).unwrap();
    for target in [log.clone(), db.join("회의록.md"), db.clone()] {
        let (code, _, err) = run(
            &db,
            &[
                "export",
                "minutes",
                "-o",
                target.to_str().unwrap(),
                "--force",
            ],
        );
        assert_eq!(code, 1, "{target:?}");
        assert_two_clear_lines(&err);
        assert!(
            err.contains("데이터베이스 폴더") && err.contains("database directory"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&log).unwrap(), before);
    assert!(!db.join("회의록.md").exists());
    let (code, events, _) = run(&db, &["events"]);
    assert_eq!(code, 0);
    assert!(events.contains("네트워킹데이"), "{events}");
}

/// Runs the binary with umask 000, as a careless login shell or a container might.
#[cfg(unix)]
fn run_with_umask_000(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" \"$@\"")
        .arg(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "ko_KR.UTF-8")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn exports_and_minutes_are_owner_only_even_under_umask_000() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    // The shell really hands the child umask 000: a file it makes itself is 0666.
    let probe = dir.path().join("probe");
    let made = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 000 && : > \"$0\"")
        .arg(&probe)
        .status()
        .unwrap();
    assert!(made.success());
    assert_eq!(mode(&probe), 0o666);
    for what in ["people", "attendance", "minutes", "ideas"] {
        let out = dir.path().join(format!("{what}.out"));
        let (code, _, err) =
            run_with_umask_000(&db, &["export", what, "-o", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{what}: {err}");
        assert_eq!(mode(&out), 0o600, "{what}");
    }
}

/// Window title, screen clear, clipboard write (OSC 52) and an 8-bit CSI, as a crafted backup or
/// another program could leave them in the database.
const CRAFTED: &str = "\u{1b}]0;title\u{7}\u{1b}[2J\u{1b}]52;c;cHdu\u{7}\u{9b}31m";

/// A control character other than newline, tab, or the CR of a CRLF.
fn stray_control(text: &str) -> Option<char> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ok = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !c.is_control(),
        };
        if !ok {
            return Some(c);
        }
    }
    None
}

#[test]
fn crafted_text_in_the_database_never_reaches_stdout_or_stderr_as_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        // Written through the library: the importer would clean it.
        let store = netday::store::Store::open(&db).unwrap();
        netday::demo::load(&store, demo_date()).unwrap();
        let mut event = store
            .events()
            .unwrap()
            .into_iter()
            .find(|e| e.date == demo_date())
            .unwrap();
        event.title = format!("네트워킹{CRAFTED}데이");
        store.put_event(&mut event).unwrap();
        let someone = store.attendance_of_event(event.id).unwrap()[0].person_id;
        let mut p = store.person(someone).unwrap().unwrap();
        p.name = format!("김{CRAFTED}기성");
        p.notes = format!("메모{CRAFTED}");
        store.put_person(&mut p).unwrap();
        for mut idea in store.ideas().unwrap() {
            idea.title = format!("아이디어{CRAFTED}");
            store.put_idea(&mut idea).unwrap();
        }
    }
    let date = "2026-11-24";
    let commands: [&[&str]; 7] = [
        &["search", "김"],
        &["events"],
        &["export", "people"],
        &["export", "attendance", "--event", date],
        &["export", "ideas"],
        &["export", "minutes", "--event", date],
        &["export", "minutes", "--event", date, "--lang", "en"],
    ];
    for args in commands {
        let (code, out, err) = run(&db, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(stray_control(&out), None, "{args:?}: {out:?}");
        assert_eq!(stray_control(&err), None, "{args:?}: {err:?}");
        assert!(
            out.contains("]0;title") || out.contains("]52;c;"),
            "{args:?} shows the record, defused: {out}"
        );
    }
    // Error messages quote what the user typed: a file name can carry the same sequences.
    let evil = dir.path().join(format!("명단{CRAFTED}.csv"));
    let (code, out, err) = run(&db, &["import", evil.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(stray_control(&out), None);
    assert_eq!(stray_control(&err), None, "{err:?}");
    assert!(err.contains("명단"), "{err}");
    let (code, _, err) = run(&db, &["export", "people", &format!("--bogus{CRAFTED}")]);
    assert_eq!(code, 2);
    assert_eq!(stray_control(&err), None, "{err:?}");
}

/// Runs `args` with standard output a pipe whose reader is already gone.
fn run_into_closed_pipe(db: &Path, args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "ko_KR.UTF-8")
        .stdout(writer)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_the_command_quietly_with_status_141() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    for args in [
        &["events"][..],
        &["export", "people"],
        &["export", "minutes"],
        &["search", "김"],
        &["demo"],
    ] {
        let (code, err) = run_into_closed_pipe(&db, args);
        assert_eq!(err, "", "{args:?}: nothing to say");
        assert_eq!(code, 141, "{args:?}: as if killed by SIGPIPE, like cat");
    }
}

#[test]
fn a_bare_relative_db_name_is_a_database_in_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    let netday = |args: &[&str]| {
        std::process::Command::new(bin())
            .args(args)
            .current_dir(dir.path())
            .env("LANG", "ko_KR.UTF-8")
            .env_remove("NETDAY_DB")
            .output()
            .unwrap()
    };
    // New, then existing.
    for _ in 0..2 {
        let out = netday(&["--db", "행사", "demo"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(dir.path().join("행사").is_dir());
    let out = netday(&["--db", "행사", "events"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("네트워킹데이"));
}

/// Root reads and writes everything, so as root the child first becomes `nobody`; the files it
/// must reach are handed to that user with `give_away`.
#[cfg(unix)]
fn run_unprivileged(db: &Path, args: &[&str]) -> (i32, String, String) {
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(bin());
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "ko_KR.UTF-8");
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::geteuid() == 0
                && (libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(NOBODY) != 0
                    || libc::setuid(NOBODY) != 0)
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
const NOBODY: u32 = 65534;

/// Lets `run_unprivileged` reach `path` (and everything below it) as its owner.
#[cfg(unix)]
fn give_away(path: &Path) {
    if unsafe { libc::geteuid() } != 0 {
        return;
    }
    std::os::unix::fs::lchown(path, Some(NOBODY), Some(NOBODY)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            give_away(&entry.unwrap().path());
        }
    }
}

#[cfg(unix)]
#[test]
fn every_file_error_names_the_file_and_says_what_to_do_in_both_languages() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let home = dir.path().join("home");
    let db = home.join("db");
    run(&db, &["demo"]);

    let check = |(code, _, err): (i32, String, String), path: &Path, ko: &str, en: &str| {
        assert_eq!(code, 1, "{err}");
        assert_two_clear_lines(&err);
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(err.lines().all(|l| l.contains(name)), "names {name}: {err}");
        assert!(err.contains(ko) && err.contains(en), "{ko} / {en}: {err}");
    };

    let missing = home.join("없는파일.csv");
    check(
        run(&db, &["import", missing.to_str().unwrap()]),
        &missing,
        "파일이 없습니다",
        "does not exist",
    );
    let folder = home.join("폴더");
    std::fs::create_dir(&folder).unwrap();
    check(
        run(&db, &["import", folder.to_str().unwrap()]),
        &folder,
        "폴더입니다",
        "it is a folder",
    );
    check(
        run(&db, &["export", "people", "-o", folder.to_str().unwrap()]),
        &folder,
        "폴더입니다",
        "it is a folder",
    );
    let existing = home.join("있는파일.csv");
    std::fs::write(&existing, "x").unwrap();
    check(
        run(&db, &["export", "people", "-o", existing.to_str().unwrap()]),
        &existing,
        "이미 있어",
        "--force",
    );

    let secret = home.join("잠긴명단.csv");
    std::fs::write(&secret, "이름\n김기성\n").unwrap();
    let locked = home.join("잠긴폴더");
    std::fs::create_dir(&locked).unwrap();
    give_away(&home);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    check(
        run_unprivileged(&db, &["import", secret.to_str().unwrap()]),
        &secret,
        "읽을 권한이 없습니다",
        "permission denied",
    );
    let inside = locked.join("명단.csv");
    check(
        run_unprivileged(&db, &["export", "people", "-o", inside.to_str().unwrap()]),
        &inside,
        "쓸 권한이 없습니다",
        "permission denied",
    );
    assert!(!inside.exists());
}

/// Five people registered for the demo date, one cancelled, three who will walk in; returns
/// (registered, walk-ins).
fn small_day(db: &Path) -> (Vec<netday::model::Id>, Vec<netday::model::Id>) {
    use netday::model::{Attendance, AttendanceStatus, Person, Ts};
    seoul();
    let store = netday::store::Store::open(db).unwrap();
    let event = netday::io::import::event_on(&store, demo_date(), true)
        .unwrap()
        .unwrap();
    let add = |name: &str, status: Option<AttendanceStatus>| {
        let mut p = Person::new(name, Ts(1));
        let mut att = status.map(|status| Attendance {
            event_id: event.id,
            person_id: 0,
            status,
            updated: Ts(1),
        });
        store
            .put_person_with_org(&mut p, None, att.as_mut())
            .unwrap();
        p.id
    };
    let registered = ["김기성", "서민준", "한지민", "장은서", "권도윤"]
        .into_iter()
        .map(|n| add(n, Some(AttendanceStatus::Expected)))
        .collect();
    add("류태윤", Some(AttendanceStatus::Cancelled));
    let walk_ins = ["홍길동", "이서연", "강민수"]
        .into_iter()
        .map(|n| add(n, None))
        .collect();
    (registered, walk_ins)
}

#[test]
fn the_desk_netday_events_and_the_minutes_give_the_same_four_numbers_all_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (registered, walk_ins) = small_day(&db);
    // Each step at the desk, then the desk closed and the CLI asked about the same moment.
    type Step = Box<dyn Fn(&mut netday::state::App)>;
    let steps: [(Step, &str); 4] = [
        (Box::new(|_| {}), "도착 0·예정 5·현장 0·미도착 5"),
        (
            Box::new(move |app| {
                for id in &registered[..3] {
                    app.check_in(*id).unwrap();
                }
            }),
            "도착 3·예정 5·현장 0·미도착 2",
        ),
        (
            Box::new(move |app| {
                for id in &walk_ins {
                    app.check_in(*id).unwrap();
                }
            }),
            "도착 6·예정 5·현장 3·미도착 2",
        ),
        (
            Box::new(|app| {
                app.screen = netday::state::Screen::People;
                app.update(netday::state::Action::CloseDay);
                app.update(netday::state::Action::Yes);
            }),
            "도착 6·예정 5·현장 3·미도착 2",
        ),
    ];
    for (step, want) in steps {
        let mut app = app_on(netday::store::Store::open(&db).unwrap());
        step(&mut app);
        let desk = screen::row(&screen::render(&app, 80, 24), 1);
        drop(app);
        assert!(desk.ends_with(&format!("{want} ")), "desk: {desk}");
        let (code, events, err) = run(&db, &["events"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            events,
            format!("2026-11-24\t2026년 11월 서울 협동조합 네트워킹데이\t{want}\n")
        );
        let (code, minutes, err) = run(&db, &["export", "minutes", "--event", "2026-11-24"]);
        assert_eq!(code, 0, "{err}");
        assert!(minutes.contains(&format!("\n- {want}\n")), "{minutes}");
    }
}

#[test]
fn every_way_a_coordinator_writes_a_date_finds_the_same_networking_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = write(
        dir.path(),
        "people.csv",
        "이름,소속\n김기성,한울신협\n".as_bytes(),
    );
    let f = f.to_str().unwrap();
    let (code, out, err) = run(&db, &["import", f, "--event", "2026.12.15"]);
    assert_eq!(code, 0, "{err}");
    // The day the command line makes has the title the screen would give it.
    let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    let title = netday::model::dates::title_for(d, netday::model::dates::DEFAULT_PLACE);
    assert_eq!(title, "2026년 12월 서울 협동조합 네트워킹데이");
    assert!(out.contains(&title), "{out}");
    for same in ["2026-12-15", "2026/12/15", "2026년 12월 15일", "20261215"] {
        let (code, out, err) = run(&db, &["export", "attendance", "--event", same]);
        assert_eq!(code, 0, "{same}: {err}");
        assert!(out.contains("김기성"), "{same}: {out}");
    }
    // Without a year: the year of today, wherever today falls.
    let (code, _, err) = run(&db, &["import", f, "--event", "today"]);
    assert_eq!(code, 0, "{err}");
    let (_, events, _) = run(&db, &["events"]);
    let today = events
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .find(|d| *d != "2026-12-15")
        .unwrap_or("2026-12-15");
    let today = chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    use chrono::Datelike;
    for same in [
        "today".to_string(),
        "오늘".to_string(),
        format!("{}/{}", today.month(), today.day()),
        format!("{}월 {}일", today.month(), today.day()),
    ] {
        let (code, out, err) = run(&db, &["export", "minutes", "--event", &same]);
        assert_eq!(code, 0, "{same}: {err}");
        assert!(out.contains(&today.to_string()), "{same}: {out}");
    }
}

#[test]
fn a_date_netday_cannot_read_gets_one_korean_and_one_english_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = write(dir.path(), "people.csv", "이름\n김기성\n".as_bytes());
    for args in [
        &["import", f.to_str().unwrap(), "--event", "12/45"][..],
        &["export", "minutes", "--event", "내일"],
        &[
            "generate",
            "--people",
            "1",
            "--events",
            "1",
            "--date",
            "2026-02-30",
        ],
    ] {
        let (code, out, err) = run(&db, args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_two_clear_lines(&err);
        let bad = args.last().unwrap();
        // 12/45 ends in 오, a vowel; 내일 and 2026-02-30 (영) in a consonant.
        let josa = if *bad == "12/45" { "를" } else { "을" };
        assert!(
            err.contains(&format!("'{bad}'{josa} 날짜로 읽을 수 없습니다"))
                && err.contains(&format!("Cannot read '{bad}' as a date")),
            "{err}"
        );
        assert!(
            !err.contains("error:") && !err.contains("Usage"),
            "clap's own: {err}"
        );
        assert!(out.is_empty(), "{out}");
    }
    let (_, events, _) = run(&db, &["events"]);
    assert!(
        !events.contains('\t'),
        "a bad date created nothing: {events}"
    );
}

#[test]
fn help_speaks_korean_when_the_ui_does_and_english_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (code, ko, _) = run(&db, &["--help"]);
    assert_eq!(code, 0);
    for want in [
        "협동조합 네트워킹데이 체크인·명단·회의록",
        "사용법: netday",
        "명령:",
        "옵션:",
        "스프레드시트(.xlsx, .xls, .ods)에서 사람을 가져옵니다",
        "데이터베이스 폴더",
        "도움말을 보입니다",
    ] {
        assert!(ko.contains(want), "{want} missing:\n{ko}");
    }
    assert!(!ko.contains("Import people"), "{ko}");
    let (_, import, _) = run(&db, &["import", "--help"]);
    assert!(
        import.contains("참석 예정으로 등록") && import.contains("12월 15일"),
        "{import}"
    );
    for args in [
        &["--lang", "en", "--help"][..],
        &["export", "--help", "--lang=en"],
    ] {
        let (code, en, _) = run(&db, args);
        assert_eq!(code, 0);
        assert!(
            en.contains("Usage: netday") && en.contains("Options:"),
            "{en}"
        );
        assert!(!en.contains("사용법"), "{en}");
    }
    let (_, en, _) = run(&db, &["--lang", "en", "--help"]);
    assert!(en.contains("Import people from a CSV"), "{en}");
}

/// An .xlsx as offices make them: a notes sheet first, then the list under a merged title, a
/// date line and an empty row; phones and serial numbers stored as numbers, a date as a serial.
fn office_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("안내").unwrap();
    notes.write_string(0, 0, "작성 요령").unwrap();
    notes.write_string(1, 0, "소속은 정식 명칭으로").unwrap();
    let list = book.add_worksheet();
    list.set_name("명단").unwrap();
    list.merge_range(
        0,
        0,
        0,
        7,
        "2026년 12월 네트워킹데이 참석자 명단",
        &Format::new(),
    )
    .unwrap();
    list.write_string(1, 0, "작성: 사무국").unwrap();
    let header = [
        "연번",
        "성명",
        "소속 기관",
        "직위",
        "휴대폰",
        "이메일",
        "비고",
        "참석 여부",
    ];
    for (c, h) in header.iter().enumerate() {
        list.write_string(3, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // 2026-12-01 as Excel's serial number.
    let serial = 46357.0;
    let rows: [(&str, &str, &str, f64, &str, &str); 3] = [
        (
            "김기성",
            "한울신협",
            "이사장",
            1012345678.0,
            "kim@hanul.kr",
            "참석",
        ),
        ("이서연", "햇살생협", "팀장", 212345678.0, "", "불참"),
        ("박민수", "마을협동조합", "", 1099998888.0, "", "미정"),
    ];
    for (i, (name, org, role, phone, email, rsvp)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        list.write_number(r, 0, (i + 1) as f64).unwrap();
        list.write_string(r, 1, *name).unwrap();
        list.write_string(r, 2, *org).unwrap();
        list.write_string(r, 3, *role).unwrap();
        list.write_number(r, 4, *phone).unwrap();
        list.write_string(r, 5, *email).unwrap();
        list.write_number_with_format(r, 6, serial, &date).unwrap();
        list.write_string(r, 7, *rsvp).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn an_office_xlsx_imports_field_for_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    // The extension says CSV; the bytes say .xlsx, and the bytes win.
    let f = write(dir.path(), "명단.csv", &office_xlsx());
    let (code, out, err) = run(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--event",
            "2026-12-15",
            "--dry-run",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("‘명단’ 시트의 4행을 머리글로"), "{out}");
    for line in [
        "연번 → 무시",
        "성명 → 이름",
        "소속 기관 → 소속",
        "직위 → 직함",
        "휴대폰 → 연락처",
        "이메일 → 이메일",
        "비고 → 메모",
        "참석 여부 → 상태",
    ] {
        assert!(out.contains(line), "{line}: {out}");
    }
    assert!(out.contains("데이터 3줄 중 3명"), "{out}");
    let (code, out, err) = run(
        &db,
        &["import", f.to_str().unwrap(), "--event", "2026-12-15"],
    );
    assert_eq!(code, 0, "{err}");
    // 불참 registers nobody (it is kept as 취소); 미정 is tentative.
    assert!(out.contains("참석 예정으로 1명 등록"), "{out}");
    assert!(out.contains("미정으로 1명 등록"), "{out}");
    let (_, people, _) = run(&db, &["export", "people"]);
    for want in [
        ",김기성,한울신협,신협,기타,이사장,010-1234-5678,kim@hanul.kr,,2026-12-01",
        ",이서연,햇살생협,생협,기타,팀장,02-1234-5678,,,2026-12-01",
        ",박민수,마을협동조합,기본법 협동조합,기타,,010-9999-8888,,,2026-12-01",
    ] {
        assert!(people.contains(want), "{want}: {people}");
    }
    let (_, att, _) = run(&db, &["export", "attendance", "--event", "2026-12-15"]);
    assert!(att.contains("김기성") && att.contains("박민수"), "{att}");
    // 이서연's 불참 is kept (as 취소), so a later list without answers does not register her.
    let seoyeon = att
        .lines()
        .find(|l| l.contains("이서연"))
        .unwrap_or_default();
    assert!(seoyeon.contains("취소"), "{att}");
}

#[test]
fn a_form_csv_maps_question_headers_and_its_answers_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let form = "타임스탬프,성함을 적어주세요,기관명(소속),연락처(휴대폰),이메일 주소,직위/직함,참석 가능 여부,대표 전화\n\
        2026. 11. 20 오후 2:11:05,김기성,한울신협,010-2041-1187,kim@hanul.kr,이사장,참석합니다,02-111-2222\n\
        2026. 11. 20 오후 3:00:00,이서연,햇살생협,010-3318-2290,,팀장,참석,02-333-4444\n";
    let f = write(dir.path(), "form.csv", form.as_bytes());
    let (code, out, err) = run(
        &db,
        &["import", f.to_str().unwrap(), "--event", "2026-12-15"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("참석 예정으로 2명 등록"), "{out}");
    // The office phone column is not read, and says so loudly.
    assert!(
        err.contains("경고: ‘대표 전화’ 열은 연락처처럼 보이지만"),
        "{err}"
    );
    let (_, people, _) = run(&db, &["export", "people"]);
    assert!(
        people.contains(",김기성,한울신협,신협,기타,이사장,010-2041-1187,kim@hanul.kr,,"),
        "{people}"
    );
    // A later answer: 이서연 cannot come after all, and is cancelled, not skipped.
    let later = "타임스탬프,성함,소속 단체,참석 가능 여부\n2026. 12. 1 오전 9:00:00,이서연,햇살생협,못 갑니다\n";
    let f = write(dir.path(), "later.csv", later.as_bytes());
    let (code, out, err) = run(
        &db,
        &["import", f.to_str().unwrap(), "--event", "2026-12-15"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("불참 답변으로 1명의 참석 예정을 취소"),
        "{out}"
    );
    let (_, events, _) = run(&db, &["events"]);
    assert!(events.contains("예정 1"), "{events}");
    // --map gives a column by hand, and a header not in the file is named.
    let (code, out, _) = run(
        &db,
        &[
            "import",
            f.to_str().unwrap(),
            "--map",
            "소속 단체=무시",
            "--dry-run",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("소속 단체 → 무시"), "{out}");
    let (code, _, err) = run(
        &db,
        &["import", f.to_str().unwrap(), "--map", "없는 열=phone"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("later.csv") && err.contains("‘없는 열’"),
        "{err}"
    );
}

#[test]
fn protected_and_damaged_spreadsheets_get_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    // A password-protected .xlsx is an OLE file holding an EncryptedPackage stream.
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(512, 0);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.resize(2048, 0);
    let f = write(dir.path(), "암호.xlsx", &ole);
    let (code, _, err) = run(&db, &["import", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("암호.xlsx: 암호가 걸린 스프레드시트입니다"),
        "{err}"
    );
    assert!(err.contains("password-protected"), "{err}");
    let mut broken = office_xlsx();
    broken.truncate(broken.len() / 2);
    let f = write(dir.path(), "깨짐.xlsx", &broken);
    let (code, _, err) = run(&db, &["import", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("깨짐.xlsx: 스프레드시트를 읽을 수 없습니다"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn people_exported_as_xlsx_import_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run(&a, &["demo"]);
    let x = dir.path().join("명단.xlsx");
    let (code, _, err) = run(&a, &["export", "people", "-o", x.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read(&x).unwrap().starts_with(b"PK"),
        "a zip, not CSV"
    );
    let (code, out, err) = run(&b, &["import", x.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("‘사람’ 시트"), "{out}");
    let (_, before, _) = run(&a, &["export", "people"]);
    let (_, after, _) = run(&b, &["export", "people"]);
    assert!(before.starts_with('\u{feff}'), "stdout stays CSV");
    assert!(before.lines().count() > 30, "{before}");
    assert_eq!(after, before);
}

/// An .ods as LibreOffice saves it (mimetype first and stored, manifest, content): a title row
/// above the header, a phone stored as a float, a merged (covered) cell; imported field for field.
fn office_ods() -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let cell = |v: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
        )
    };
    let number = |v: f64| {
        format!(
            r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.join(""));
    let rows = [
            r#"<table:table-row><table:table-cell table:number-columns-spanned="4" office:value-type="string"><text:p>12월 네트워킹데이 신청자</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>"#
            .to_string(),
        row(vec![
            cell("성명"),
            cell("소속"),
            cell("연락처"),
            cell("참석 여부"),
        ]),
        row(vec![
            cell("정하늘"),
            cell("푸른마을생협"),
            number(1055554444.0),
            cell("참석합니다"),
        ]),
        row(vec![
            cell("오세훈"),
            cell("한울신협"),
            cell("010-7777-8888"),
            cell("미정"),
        ]),
    ];
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="신청"><table:table-column table:number-columns-repeated="4"/>{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        rows.join("")
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_imports_field_for_field() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = write(dir.path(), "신청.ods", &office_ods());
    let (code, out, err) = run(
        &db,
        &["import", f.to_str().unwrap(), "--event", "2026-12-15"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("‘신청’ 시트의 2행을 머리글로"), "{out}");
    assert!(out.contains("데이터 2줄 중 2명"), "{out}");
    let (_, people, _) = run(&db, &["export", "people"]);
    for want in [
        ",정하늘,푸른마을생협,",
        ",010-5555-4444,",
        ",오세훈,한울신협,",
        ",010-7777-8888,",
    ] {
        assert!(people.contains(want), "{want}: {people}");
    }
    let (_, att, _) = run(&db, &["export", "attendance", "--event", "2026-12-15"]);
    let line = |name: &str| {
        att.lines()
            .find(|l| l.contains(name))
            .unwrap_or("")
            .to_string()
    };
    assert!(line("정하늘").contains("참석 예정"), "{att}");
    assert!(line("오세훈").contains("미정"), "{att}");
}

/// Two sheets hold a list: the import refuses to guess and names them; --sheet chooses; a name
/// that is not one of them is said, with the ones there are.
#[test]
fn a_workbook_with_two_lists_is_imported_only_from_the_sheet_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = write(dir.path(), "신청.xlsx", &common::two_list_workbook());
    let f = f.to_str().unwrap();
    let (code, _, err) = run(&db, &["import", f]);
    assert_ne!(code, 0);
    assert!(
        err.contains("명단이 있는 시트가 여럿입니다 (‘1차 신청’, ‘2차 신청’)"),
        "{err}"
    );
    let (_, people, _) = run(&db, &["export", "people"]);
    assert_eq!(people.lines().count(), 1, "nothing imported: {people}");
    let (code, _, err) = run(&db, &["import", f, "--sheet", "3차"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("‘3차’ 시트에서 명단을 찾지 못했습니다"),
        "{err}"
    );
    let (code, out, err) = run(&db, &["import", f, "--sheet", "2차 신청"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("‘2차 신청’ 시트"), "{out}");
    let (_, people, _) = run(&db, &["export", "people"]);
    assert!(
        people.contains("둘째사람") && !people.contains("첫사람"),
        "{people}"
    );
}

/// Started without a terminal (output piped, or from a service), the screen is not tried:
/// one line in each language says what to do, no panic, no database opened.
#[test]
fn the_screen_without_a_terminal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (code, out, err) = run(&db, &[]);
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("터미널 창에서만 열립니다"), "{err}");
    assert!(err.contains("opens only in a terminal window"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("Os {"), "{err}");
    assert!(
        !db.exists(),
        "nothing is created without a screen to use it"
    );
}

/// The phone of `name` set to `phone` in the database at `db`, as another desk would, then
/// the database closed for the binary to open.
fn set_phone(db: &Path, name: &str, phone: &str) {
    let store = netday::store::Store::open(db).unwrap();
    let mut p = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap();
    p.phone = phone.into();
    store.put_person(&mut p).unwrap();
}

fn ids(out: &str) -> Vec<u64> {
    out.lines()
        .map(|l| {
            let id = l.split('\t').next().unwrap();
            id.rsplit_once('-').unwrap().1.parse().unwrap()
        })
        .collect()
}

#[test]
fn history_lists_newest_first_with_ids_and_undo_takes_a_change_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let (code, out, _) = run(&db, &["desk", "입구 1"]);
    assert_eq!(code, 0);
    assert!(out.contains("입구 1"), "{out}");
    let (_, out, _) = run(&db, &["desk"]);
    assert_eq!(out.trim(), "이 데스크의 이름: 입구 1");
    set_phone(&db, "김기성", "010-1111-2222");
    set_phone(&db, "장은서", "010-3333-4444");
    let (code, out, err) = run(&db, &["history", "--limit", "5"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 5, "{out}");
    let seqs = ids(&out);
    assert!(seqs.windows(2).all(|w| w[0] > w[1]), "{out}");
    let first: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(first[2..4], ["입구 1", "사람 저장"], "{out}");
    assert!(first[4].starts_with("장은서"), "{out}");
    // --person keeps his.
    let (_, mine, _) = run(&db, &["history", "--person", "김기성", "--limit", "1"]);
    let kim_id = mine.split('\t').next().unwrap().to_string();
    assert!(mine.contains("김기성"), "{mine}");
    // English, the same lines in English words.
    let (_, en, _) = run(&db, &["--lang", "en", "history", "--limit", "1"]);
    assert!(en.contains("person saved"), "{en}");
    // Undo by id: his phone is back, the undo is on record.
    let (code, out, err) = run(&db, &["undo", &kim_id]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("#{kim_id}")), "{out}");
    let (_, hist, _) = run(&db, &["history", "--limit", "1"]);
    assert!(hist.contains(&format!("되돌리기 #{kim_id}")), "{hist}");
    let store = netday::store::Store::open(&db).unwrap();
    let kim = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "김기성")
        .unwrap();
    assert_ne!(kim.phone, "010-1111-2222");
}

#[test]
fn undo_of_an_unknown_id_or_a_refused_one_says_so_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    let (code, out, err) = run(&db, &["undo", "ffff-999"]);
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("변경 ffff-999가 기록에 없습니다"), "{err}");
    assert!(err.contains("Change ffff-999 is not on record"), "{err}");
    // Two edits of one person: the first cannot be undone past the second, which it names.
    set_phone(&db, "김기성", "010-1111-2222");
    set_phone(&db, "김기성", "010-3333-4444");
    let (_, out, _) = run(&db, &["history", "--limit", "2"]);
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    let (code, _, err) = run(&db, &["undo", ids[1]]);
    assert_ne!(code, 0);
    assert!(err.contains(&format!("#{}", ids[0])), "{err}");
    assert!(
        err.contains("되돌리지 않았습니다") && err.contains("Not undone"),
        "{err}"
    );
}

#[test]
fn an_import_whose_every_row_failed_exits_non_zero_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let csv = "이름,소속,구분,연락처\n,빈이름조합,기타,\n박정호,새솔신협,은행,\n";
    let f = write(dir.path(), "bad.csv", csv.as_bytes());
    for first in [&["import", "--dry-run"][..], &["import"][..]] {
        let mut args = first.to_vec();
        args.push(f.to_str().unwrap());
        let (code, out, err) = run(&db, &args);
        assert_ne!(code, 0, "{args:?}: {out} {err}");
        assert!(out.contains("오류 2행"), "{out}");
        let last: Vec<&str> = err.lines().rev().take(2).collect();
        assert!(
            last[1].contains("한 명도 가져오지 못했습니다") && last[1].contains("bad.csv"),
            "{err}"
        );
        assert!(last[0].contains("Nobody could be imported"), "{err}");
    }
    // One good row among bad ones is a partial import, and succeeds.
    let mixed = write(
        dir.path(),
        "mixed.csv",
        "이름,소속\n김기성,한울신협\n,빈이름조합\n".as_bytes(),
    );
    let (code, _, err) = run(&db, &["import", mixed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn import_event_reports_who_kept_their_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let first = write(
        dir.path(),
        "first.csv",
        "이름,소속,연락처,참석\n장도윤,푸른신협,010-1000-0001,불참\n".as_bytes(),
    );
    let later = write(
        dir.path(),
        "later.csv",
        "이름,소속,연락처\n장도윤,푸른신협,010-1000-0001\n".as_bytes(),
    );
    let args = |f: &Path| {
        run(
            &db,
            &["import", f.to_str().unwrap(), "--event", "2026-12-15"],
        )
    };
    assert_eq!(args(&first).0, 0);
    let (code, out, err) = args(&later);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("불참·미정 답변 1명을 그대로 둠"), "{out}");
    let (_, att, _) = run(&db, &["export", "attendance", "--event", "2026-12-15"]);
    assert!(att.contains("취소") && !att.contains("참석 예정"), "{att}");
}
