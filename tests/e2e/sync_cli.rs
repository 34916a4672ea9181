//! `netday sync host` and `netday sync join`, two real processes on 127.0.0.1: a wrong code is
//! refused with its exit code; the right one brings an empty database level with the host's,
//! and both export the same people, attendance, minutes and ideas. Ctrl-C (SIGTERM here) ends
//! the host cleanly.

use crate::common;
use common::*;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use netday::store::Store;

#[test]
fn a_fresh_desk_joins_the_host_by_its_code_and_both_export_the_same() {
    let (dir_a, a) = demo_store();
    let db_a = dir_a.path().join("db");
    drop(a);
    let dir_b = tempfile::tempdir().unwrap();
    let db_b = dir_b.path().join("db");

    let (host, addr, code) = host(&db_a);
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);

    let (status, _, err) = run(&db_b, &["sync", "join", &addr, &wrong]);
    assert_eq!(status, 3, "{err}");
    assert!(err.contains("코드가 맞지 않습니다"), "{err}");

    let t = Instant::now();
    let (status, out, err) = run(&db_b, &["sync", "join", &addr, &code]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("동기화 완료"), "{out}");
    assert!(t.elapsed() < Duration::from_secs(30));

    // The code is used up: another join is refused as closed.
    let dir_c = tempfile::tempdir().unwrap();
    let (status, _, err) = run(&dir_c.path().join("db"), &["sync", "join", &addr, &code]);
    assert_eq!(status, 4, "{err}");

    stop(host);

    let (a, b) = (Store::open(&db_a).unwrap(), Store::open(&db_b).unwrap());
    assert!(!a.people().unwrap().is_empty());
    assert_eq!(exports(&a), exports(&b), "both desks export the same");
    assert_eq!(a.have().unwrap(), b.have().unwrap());
}

/// Starts `sync host` on `db` (loopback, any port): the process, its address and its code.
pub(crate) fn host(db: &std::path::Path) -> (std::process::Child, String, String) {
    let mut host = Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["sync", "host", "--bind", "127.0.0.1", "--port", "0"])
        .env("LANG", "ko_KR.UTF-8")
        .env("NETDAY_TZ", "Asia/Seoul")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(host.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(
        first.starts_with("주소 127.0.0.1:") && first.contains("코드"),
        "{first}"
    );
    let script = lines.next().unwrap().unwrap();
    let parts: Vec<&str> = script.split(' ').collect();
    assert_eq!((parts[0], parts[2]), ("listening", "code"), "{script}");
    (host, parts[1].to_string(), parts[3].to_string())
}

/// Ctrl-C (SIGTERM here) ends the host cleanly.
pub(crate) fn stop(mut host: std::process::Child) {
    unsafe { libc::kill(host.id() as i32, libc::SIGTERM) };
    assert_eq!(
        host.wait().unwrap().code(),
        Some(0),
        "the host ends cleanly on Ctrl-C/SIGTERM"
    );
}

/// Issue 26 item 5: two desks paired once over the network go on with files (a USB stick):
/// each file carries what the other lacks, sealed for it; reading applies it, reading again
/// changes nothing, a damaged file or one for another list is refused in words, an existing
/// file is never replaced; in the end both export the same.
#[test]
fn paired_desks_catch_up_through_sync_files() {
    let (dir_a, a) = demo_store();
    let db_a = dir_a.path().join("db");
    drop(a);
    let dir_b = tempfile::tempdir().unwrap();
    let db_b = dir_b.path().join("db");
    let usb = tempfile::tempdir().unwrap();
    let day = demo_date().format("%Y-%m-%d").to_string();

    // Unpaired: nothing to seal a file for.
    let (status, _, err) = run(&db_a, &["sync", "write", "x.ndsync"]);
    assert_ne!(status, 0);
    assert!(err.contains("짝지은 데스크가 없어"), "{err}");

    let (h, addr, code) = host(&db_a);
    let (status, out, err) = run(&db_b, &["sync", "join", &addr, &code]);
    assert_eq!(status, 0, "{out}{err}");
    stop(h);

    // Apart, each desk checks someone in.
    let (s, out, err) = run(&db_a, &["checkin", "김기성", "--event", &day]);
    assert_eq!(s, 0, "{out}{err}");
    let (s, out, err) = run(&db_b, &["checkin", "이서연", "--event", &day]);
    assert_eq!(s, 0, "{out}{err}");

    let from_b = usb.path().join("b.ndsync");
    let (s, out, err) = run(&db_b, &["sync", "write", from_b.to_str().unwrap()]);
    assert_eq!(s, 0, "{out}{err}");
    assert!(out.contains("암호화됨"), "{out}");
    let bytes = std::fs::read(&from_b).unwrap();
    for clear in ["이서연", "김기성", "010-"] {
        assert!(
            !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
            "{clear} in clear"
        );
    }
    // Never replaced.
    let (s, _, err) = run(&db_b, &["sync", "write", from_b.to_str().unwrap()]);
    assert_ne!(s, 0);
    assert!(err.contains("이미 있"), "{err}");

    let (s, out, err) = run(&db_a, &["sync", "read", from_b.to_str().unwrap()]);
    assert_eq!(s, 0, "{out}{err}");
    assert!(
        out.contains("새 변경 1건"),
        "B's one check-in is new at A: {out}"
    );
    let (s, out, _) = run(&db_a, &["sync", "read", from_b.to_str().unwrap()]);
    assert_eq!(s, 0);
    assert!(
        out.contains("새 변경 0건"),
        "reading twice changes nothing: {out}"
    );

    // A knows now what B holds: its file carries only A's check-in.
    let from_a = usb.path().join("a.ndsync");
    let (s, out, err) = run(&db_a, &["sync", "write", from_a.to_str().unwrap()]);
    assert_eq!(s, 0, "{out}{err}");
    assert!(out.contains("변경 1건"), "{out}");

    // A damaged copy is refused, and changes nothing.
    let mut bad = std::fs::read(&from_a).unwrap();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x40;
    let damaged = usb.path().join("damaged.ndsync");
    std::fs::write(&damaged, bad).unwrap();
    let (s, _, err) = run(&db_b, &["sync", "read", damaged.to_str().unwrap()]);
    assert_ne!(s, 0);
    assert!(err.contains("손상"), "{err}");
    // Another list's database cannot read it.
    let dir_c = tempfile::tempdir().unwrap();
    let db_c = dir_c.path().join("db");
    run(&db_c, &["demo"]);
    let (s, _, err) = run(&db_c, &["sync", "read", from_a.to_str().unwrap()]);
    assert_ne!(s, 0);
    assert!(err.contains("다른 명단"), "{err}");

    let (s, out, err) = run(&db_b, &["sync", "read", from_a.to_str().unwrap()]);
    assert_eq!(s, 0, "{out}{err}");
    assert!(out.contains("새 변경 1건"), "{out}");

    let (a, b) = (Store::open(&db_a).unwrap(), Store::open(&db_b).unwrap());
    assert_eq!(exports(&a), exports(&b), "both desks export the same");
    assert_eq!(a.have().unwrap(), b.have().unwrap());
    let b_name = b.desk_name();
    drop((a, b));

    // A laptop lost: A forgets B, and B's files no longer open at A.
    let (s, out, _) = run(&db_a, &["sync", "desks"]);
    assert_eq!(s, 0);
    assert!(out.starts_with(&format!("{b_name}\t")), "{out}");
    let (s, _, err) = run(&db_a, &["sync", "forget", "없는 데스크"]);
    assert_ne!(s, 0);
    assert!(err.contains("sync desks"), "{err}");
    let (s, out, err) = run(&db_a, &["sync", "forget", &b_name]);
    assert_eq!(s, 0, "{out}{err}");
    let (s, _, err) = run(&db_a, &["sync", "read", from_b.to_str().unwrap()]);
    assert_ne!(s, 0);
    assert!(err.contains("짝지은 적 없는"), "{err}");

    // Paired again with a new code (B still knew A): files from B open at A again.
    let (h, addr, code) = host(&db_a);
    let (status, out, err) = run(&db_b, &["sync", "join", &addr, &code]);
    assert_eq!(status, 0, "{out}{err}");
    stop(h);
    let again = usb.path().join("b-again.ndsync");
    let (s, out, err) = run(&db_b, &["sync", "write", again.to_str().unwrap()]);
    assert_eq!(s, 0, "{out}{err}");
    let (s, out, err) = run(&db_a, &["sync", "read", again.to_str().unwrap()]);
    assert_eq!(s, 0, "a file sealed after pairing again opens: {out}{err}");
}
