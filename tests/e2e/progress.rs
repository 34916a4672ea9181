//! The progress bar of long commands: drawn on a terminal's standard error, never into a pipe.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

use std::io::Read;
use std::path::Path;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// A people list of `n` rows, big enough to take more than one report of progress.
fn people_csv(dir: &Path, n: usize) -> std::path::PathBuf {
    let mut text = String::from("이름,소속,연락처\n");
    for i in 0..n {
        text += &format!("참가자{i},협동조합{},010-5555-{i:04}\n", i % 40);
    }
    let path = dir.join("people.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// `netday --lang en import FILE` with the bar shown from the first moment
/// (NETDAY_PROGRESS_AFTER_MS=0), so what is drawn does not depend on the machine's speed.
fn import_args(db: &Path, csv: &Path) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec!["--db".into(), db.into(), "--lang".into()];
    args.extend(["en".into(), "import".into(), csv.into()]);
    args
}

#[cfg(unix)] // the terminal is a Unix pty (ConPTY does not run under wine)
#[test]
fn import_on_a_terminal_shows_a_bar_and_clears_it_before_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let csv = people_csv(dir.path(), 3000);
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(super::common::bin());
    cmd.args(import_args(&dir.path().join("db"), &csv));
    cmd.env("TERM", "xterm-256color");
    cmd.env("NETDAY_PROGRESS_AFTER_MS", "0");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    // Until the child has gone and the terminal's other side with it (EOF or EIO).
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    assert!(child.wait().unwrap().success());
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("Checking rows"), "no bar drawn:\n{text}");
    assert!(text.contains("Importing"), "no bar drawn:\n{text}");
    let mut screen = vt100::Parser::new(24, 100, 0);
    screen.process(&raw);
    let screen = screen.screen().contents();
    assert!(screen.contains("added 3000"), "no summary:\n{screen}");
    assert!(
        !screen.contains("Importing"),
        "the bar was left on screen:\n{screen}"
    );
}

#[test]
fn import_into_a_pipe_writes_no_control_codes() {
    let dir = tempfile::tempdir().unwrap();
    let csv = people_csv(dir.path(), 3000);
    let out = std::process::Command::new(super::common::bin())
        .args(import_args(&dir.path().join("db"), &csv))
        .env("TERM", "xterm-256color")
        .env("NETDAY_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("added 3000"), "{stdout}");
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !bytes.contains(&0x1b) && !bytes.contains(&b'\r'),
            "{name} holds control codes: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}
