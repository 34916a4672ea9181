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

    let mut host = Command::new(bin())
        .arg("--db")
        .arg(&db_a)
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
    let (addr, code) = (parts[1].to_string(), parts[3].to_string());
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

    unsafe { libc::kill(host.id() as i32, libc::SIGTERM) };
    let status = host.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(0),
        "the host ends cleanly on Ctrl-C/SIGTERM"
    );

    let (a, b) = (Store::open(&db_a).unwrap(), Store::open(&db_b).unwrap());
    assert!(!a.people().unwrap().is_empty());
    assert_eq!(exports(&a), exports(&b), "both desks export the same");
    assert_eq!(a.have().unwrap(), b.have().unwrap());
}
