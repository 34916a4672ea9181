//! Crash safety: a check-in acknowledged by the real binary survives SIGKILL at any moment.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use netday::store::Store;

/// Spawns the check-in harness and kills it after `after`; returns the acknowledged writes.
fn run_and_kill(db: &std::path::Path, after: Duration) -> Vec<(u64, u64)> {
    let mut child = Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["harness-checkins", "--count", "1000000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let mut it = line.split_whitespace().map(|x| x.parse::<u64>().unwrap());
            if let (Some(e), Some(p)) = (it.next(), it.next()) {
                let _ = tx.send((e, p));
            }
        }
    });
    std::thread::sleep(after);
    // SIGKILL: no destructor, no flush, no chance to finish anything.
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    rx.try_iter().collect()
}

#[test]
fn acknowledged_check_ins_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mut seed = Instant::now().elapsed().as_nanos() as u64 ^ 0x9E37_79B9_7F4A_7C15;
    let mut acked_total = Vec::new();
    for round in 0..20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Even rounds die early (even while the database is being created), odd ones mid-stream.
        let delay = if round % 2 == 0 {
            Duration::from_millis(seed % 120)
        } else {
            Duration::from_millis(250 + seed % 750)
        };
        let acked = run_and_kill(&db, delay);
        acked_total.extend(acked);
        let store =
            Store::open(&db).unwrap_or_else(|e| panic!("round {round}: reopen failed: {e}"));
        for (event, person) in &acked_total {
            let a = store
                .attendance(*event, *person)
                .unwrap_or_else(|e| panic!("round {round}: undecodable record: {e}"));
            assert!(
                a.is_some_and(|a| a.status.is_arrived()),
                "round {round}: lost check-in {event}/{person}"
            );
            assert!(
                store.person(*person).unwrap().is_some(),
                "round {round}: lost person {person}"
            );
        }
    }
    assert!(
        acked_total.len() > 20,
        "the harness acknowledged too little to prove anything: {}",
        acked_total.len()
    );
}

#[test]
fn durable_writes_call_fdatasync() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("strace not installed; the sync counter test in tests/store.rs covers this");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let trace = dir.path().join("trace");
    let status = Command::new("strace")
        .args(["-f", "-e", "trace=fdatasync,fsync", "-o"])
        .arg(&trace)
        .arg(bin())
        .arg("--db")
        .arg(&db)
        .args(["harness-checkins", "--count", "10"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&trace).unwrap();
    let syncs = text.lines().filter(|l| l.contains("fdatasync(")).count();
    assert!(
        syncs >= 10,
        "expected one fdatasync per check-in, saw {syncs}:\n{text}"
    );
}
