//! Where `-o` writes: only a regular file is ever replaced; a device or a pipe is written into;
//! `-o -` is standard output; a closed standard output is said; names netday keeps beside the
//! database are never taken. Runs as root on Linux in CI: device nodes are made in a temporary
//! folder (with the numbers of /dev/null and /dev/full), so a broken build cannot replace the
//! machine's own.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use netday::store::Store;

/// The two lines of an error that names `file`: Korean first, then English, nothing of Rust's.
fn assert_two_lines_naming(err: &str, file: &str) {
    assert_eq!(
        err.lines().count(),
        2,
        "one Korean and one English line: {err}"
    );
    for line in err.lines() {
        assert!(line.contains(file), "each line names {file}: {err}");
    }
    for debug in ["Os {", "os error", "kind:", "Custom {", "panicked"] {
        assert!(!err.contains(debug), "{debug} in {err}");
    }
}

fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("netday.db");
    let (code, _, err) = run(&db, &["demo"]);
    assert_eq!(code, 0, "{err}");
    db
}

#[cfg(unix)]
fn file_type(p: &Path) -> std::fs::FileType {
    std::fs::symlink_metadata(p).unwrap().file_type()
}

/// A character or block device node at `at` with the given numbers (root only).
#[cfg(target_os = "linux")]
fn mknod(at: &Path, kind: libc::mode_t, major: u32, minor: u32) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(at.as_os_str().as_bytes()).unwrap();
    // SAFETY: a NUL-terminated path and plain numbers.
    let rc = unsafe { libc::mknod(c.as_ptr(), kind | 0o666, libc::makedev(major, minor)) };
    assert_eq!(
        rc,
        0,
        "mknod {} needs root (CI runs as root): {}",
        at.display(),
        std::io::Error::last_os_error()
    );
}

#[cfg(unix)]
fn mkfifo(at: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(at.as_os_str().as_bytes()).unwrap();
    // SAFETY: a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(target_os = "linux")]
#[test]
fn dev_null_is_written_into_without_force_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for args in [
        &["export", "people", "-o", "/dev/null"][..],
        &["export", "minutes", "-o", "/dev/null"],
        &["print", "signin", "-o", "/dev/null"],
        &["backup", "-o", "/dev/null"],
    ] {
        let (code, _, err) = run(&db, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    assert!(file_type(Path::new("/dev/null")).is_char_device());
    // --force on a device node is no permission to replace it.
    let null = dir.path().join("null");
    mknod(&null, libc::S_IFCHR, 1, 3);
    for args in [
        &["export", "people", "--force", "-o"][..],
        &["print", "badges", "--force", "-o"],
        &["backup", "--force", "-o"],
    ] {
        let mut args = args.to_vec();
        args.push(null.to_str().unwrap());
        let (code, _, err) = run(&db, &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            file_type(&null).is_char_device(),
            "{args:?} replaced the device"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_gets_the_disk_full_words_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, _, err) = run(&db, &["export", "people", "-o", "/dev/full"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("디스크가 가득") && err.contains("disk is full"),
        "{err}"
    );
    let full = dir.path().join("full");
    mknod(&full, libc::S_IFCHR, 1, 7);
    let (code, _, err) = run(
        &db,
        &["print", "signin", "-o", full.to_str().unwrap(), "--force"],
    );
    assert_eq!(code, 1, "{err}");
    assert_two_lines_naming(&err, full.to_str().unwrap());
    assert!(
        err.contains("디스크가 가득") && err.contains("disk is full"),
        "{err}"
    );
    assert!(
        file_type(&full).is_char_device(),
        "the device became a file"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_into_even_with_force_and_one_nobody_reads_is_refused_in_words() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (_, expected, _) = run(&db, &["export", "people"]);
    let fifo = dir.path().join("p");
    mkfifo(&fifo);
    for force in [false, true] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let mut args = vec!["export", "people", "-o", fifo.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let (code, _, err) = run(&db, &args);
        assert_eq!(code, 0, "force {force}: {err}");
        assert_eq!(reader.join().unwrap(), expected, "force {force}");
        assert!(
            file_type(&fifo).is_fifo(),
            "force {force}: the FIFO became a file"
        );
    }
    // Nobody reads: words within seconds, not a wait for ever.
    let started = std::time::Instant::now();
    let (code, _, err) = run(&db, &["export", "people", "-o", fifo.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_two_lines_naming(&err, fifo.to_str().unwrap());
    assert!(err.contains("FIFO"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(file_type(&fifo).is_fifo());
}

/// Runs netday in the database's folder with standard output a pipe read by the test; returns
/// (status, stdout bytes, stderr).
fn run_piped(db: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(bin())
        .current_dir(db.parent().unwrap())
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "ko_KR.UTF-8")
        .env("NETDAY_TZ", "Asia/Seoul")
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn dash_is_standard_output_for_every_command_that_takes_o() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for what in ["people", "attendance", "minutes", "ideas"] {
        let (_, plain, _) = run_piped(&db, &["export", what]);
        let (code, dash, err) = run_piped(&db, &["export", what, "-o", "-"]);
        assert_eq!(code, 0, "{what}: {err}");
        assert!(!dash.is_empty(), "{what}");
        assert_eq!(dash, plain, "{what}");
        assert!(
            !dir.path().join("-").exists(),
            "{what} wrote a file named -"
        );
    }
    let (code, pdf, err) = run_piped(&db, &["print", "signin", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    assert!(pdf.starts_with(b"%PDF"), "a PDF on standard output");
    let (code, backup, err) = run_piped(&db, &["backup", "-o", "-"]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("via-stdout.ndbak");
    std::fs::write(&file, &backup).unwrap();
    let fresh = dir.path().join("fresh.db");
    let (code, _, err) = run(&fresh, &["restore", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        Store::open(&fresh).unwrap().snapshot().unwrap(),
        Store::open(&db).unwrap().snapshot().unwrap()
    );
    assert!(!dir.path().join("-").exists());
    // What a shell's `>(…)` hands over: a /dev/fd name of a pipe.
    #[cfg(target_os = "linux")]
    {
        let (_, plain, _) = run_piped(&db, &["export", "people"]);
        for args in [
            &["export", "people", "-o", "/dev/fd/1", "--force"][..],
            &["export", "people", "-o", "/dev/stdout"],
        ] {
            let name = args[3];
            let (code, got, err) = run_piped(&db, args);
            assert_eq!(code, 0, "{name}: {err}");
            assert_eq!(got, plain, "{name}");
        }
    }
}

#[cfg(unix)] // the terminal is a Unix pty
#[test]
fn a_pdf_or_a_backup_is_not_written_to_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for args in [&["print", "signin", "-o", "-"][..], &["backup", "-o", "-"]] {
        let mut tui = common::pty::Tui::start(&db, args, 120, 10);
        assert!(!tui.wait_exit(), "{args:?}");
        let screen = tui.screen();
        assert!(
            screen.contains("터미널에 쓸 수는 없습니다")
                && screen.contains("cannot be written to the terminal"),
            "{args:?}: {screen}"
        );
        assert!(!screen.contains("%PDF") && !screen.contains("NETDAYBK"));
    }
}

/// Runs netday with its standard output closed (`>&-`).
#[cfg(unix)]
fn run_stdout_closed(db: &Path, args: &[&str]) -> (i32, String) {
    use std::os::unix::process::CommandExt;
    let mut cmd = Command::new(bin());
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "ko_KR.UTF-8")
        .stderr(Stdio::piped());
    // SAFETY: close(2) is async-signal-safe; it runs in the child between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::close(1);
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_an_error_in_words_not_a_silent_success() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for args in [
        &["events"][..],
        &["search", "김"],
        &["export", "people"],
        &["export", "minutes", "-o", "-"],
        &["backup"],
        &["backup", "-o", "-"],
        &["print", "signin", "-o", "-"],
    ] {
        let (code, err) = run_stdout_closed(&db, args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("표준 출력이 닫혀") && err.contains("Standard output is closed"),
            "{args:?}: {err}"
        );
    }
    // `>/dev/null` typed by the user is not a closed output.
    let out = Command::new(bin())
        .arg("--db")
        .arg(&db)
        .arg("events")
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // A file output needs no standard output.
    let (code, err) = run_stdout_closed(
        &db,
        &[
            "export",
            "people",
            "-o",
            dir.path().join("a.csv").to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
}

#[cfg(unix)]
#[test]
fn folders_links_sockets_and_block_devices_are_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let kept = dir.path().join("kept.csv");
    std::fs::write(&kept, "손으로 고친 명단").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&kept, &link).unwrap();
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(dir.path().join("nowhere.csv"), &dangling).unwrap();
    let socket = dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let mut targets = vec![
        (link.clone(), "링크"),
        (dangling.clone(), "링크"),
        (socket.clone(), "보통 파일이 아닙니다"),
        (folder.clone(), "폴더입니다"),
    ];
    #[cfg(target_os = "linux")]
    {
        let block = dir.path().join("block");
        mknod(&block, libc::S_IFBLK, 7, 0);
        targets.push((block, "보통 파일이 아닙니다"));
    }
    for (target, word) in &targets {
        let before = std::fs::symlink_metadata(target).unwrap().file_type();
        for cmd in [
            &["export", "people", "--force", "-o"][..],
            &["print", "signin", "--force", "-o"],
            &["backup", "--force", "-o"],
        ] {
            let mut args = cmd.to_vec();
            args.push(target.to_str().unwrap());
            let (code, _, err) = run(&db, &args);
            assert_eq!(code, 1, "{args:?}: {err}");
            assert_two_lines_naming(&err, target.to_str().unwrap());
            assert!(err.contains(word), "{args:?}: {err}");
            assert_eq!(
                std::fs::symlink_metadata(target).unwrap().file_type(),
                before,
                "{args:?}"
            );
        }
    }
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "손으로 고친 명단");
    assert!(!dir.path().join("nowhere.csv").exists());
}

#[test]
fn names_a_restore_uses_beside_the_database_are_never_taken_by_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for name in [
        "netday.db.restore-swap",
        "netday.db.restoring-1-2-3",
        "netday.db.replaced-1-2-3",
        ".netday.db.restore-swap.77-0.netday-tmp",
        ".before-restore-20261207-010101.ndbak.77-0.netday-tmp",
    ] {
        let target = dir.path().join(name);
        for force in [false, true] {
            let mut args = vec!["export", "people", "-o", target.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            let (code, _, err) = run(&db, &args);
            assert_eq!(code, 1, "{name}: {err}");
            assert_two_lines_naming(&err, name);
            assert!(!target.exists(), "{name}");
        }
        let (code, out, err) = run(&db, &["events"]);
        assert_eq!(code, 0, "the database still opens after {name}: {err}");
        assert!(!out.is_empty());
    }
    // Another database's names and names that only look alike are ordinary files.
    for name in [
        "other.db.restore-swap",
        "netday.dbx.restore-swap",
        "netday.db.csv",
    ] {
        let target = dir.path().join(name);
        let (code, _, err) = run(&db, &["export", "people", "-o", target.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn names_beside_the_folder_a_linked_database_points_to_are_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    let real_parent = dir.path().join("real");
    std::fs::create_dir(&real_parent).unwrap();
    let real = demo_db(&real_parent);
    let link = dir.path().join("linked.db");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for target in [
        real_parent.join("netday.db.restore-swap"),
        dir.path().join("linked.db.restore-swap"),
    ] {
        let (code, _, err) = run(
            &link,
            &[
                "export",
                "people",
                "-o",
                target.to_str().unwrap(),
                "--force",
            ],
        );
        assert_eq!(code, 1, "{}: {err}", target.display());
        assert!(!target.exists());
    }
}
