//! Crash safety: every write the real binary acknowledged survives SIGKILL at any moment, for
//! walk-ins and for pre-registered people checked in through the desk's own `App::check_in`.
//!
//! The kill moments come from a seed printed at the start (and in every failure); set
//! `NETDAY_CRASH_SEED` to replay one.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use netday::store::Store;

const ROUNDS: u64 = 24;
/// People each round registers (desk rounds check the same number in).
const PER_ROUND: u64 = 25;

/// One acknowledged write: the person is registered, or arrived.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ack {
    Expected(u64, u64),
    Arrived(u64, u64),
}

fn parse(line: &str) -> Ack {
    let mut it = line.split_whitespace();
    let (what, e, p) = (it.next(), it.next(), it.next());
    let num = |s: Option<&str>| s.and_then(|s| s.parse().ok()).unwrap();
    match what {
        Some("expected") => Ack::Expected(num(e), num(p)),
        Some("arrived") => Ack::Arrived(num(e), num(p)),
        _ => panic!("the harness said {line:?}"),
    }
}

/// Runs the harness and SIGKILLs it right after it has acknowledged `kill_after` writes (0: as
/// soon as it started, while it opens or creates the database). Returns what it acknowledged.
fn run_and_kill(db: &std::path::Path, desk: bool, kill_after: usize) -> Vec<Ack> {
    let mut cmd = Command::new(bin());
    cmd.arg("--db").arg(db).arg("harness-checkins");
    cmd.args(["--count", &PER_ROUND.to_string()]);
    if desk {
        cmd.arg("--desk");
    }
    let mut child = cmd
        .env("NETDAY_TZ", "Asia/Seoul")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acked = Vec::new();
    while acked.len() < kill_after {
        match lines.next() {
            Some(Ok(line)) => acked.push(parse(&line)),
            _ => break, // it finished before the chosen moment
        }
    }
    // SIGKILL: no destructor, no flush, no chance to finish anything.
    child.kill().unwrap();
    child.wait().unwrap();
    // Whatever it acknowledged before the signal landed counts too.
    acked.extend(lines.map_while(Result::ok).map(|l| parse(&l)));
    acked
}

#[test]
fn acknowledged_check_ins_survive_sigkill() {
    let seed0: u64 = match std::env::var("NETDAY_CRASH_SEED") {
        Ok(s) => s.parse().expect("NETDAY_CRASH_SEED is a number"),
        Err(_) => {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        }
    };
    eprintln!("crash test seed: {seed0} (replay with NETDAY_CRASH_SEED={seed0})");
    let mut seed = seed0;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mut all = Vec::new();
    let mut desk_arrivals = 0;
    for round in 0..ROUNDS {
        // Walk-ins, then the desk dying while it registers, walk-ins, the desk dying while it
        // checks people in (those still expected from earlier rounds first).
        let desk = round % 2 == 1;
        let pick = xorshift(&mut seed) % (PER_ROUND + 1);
        let kill_after = if round % 4 == 3 {
            PER_ROUND + 1 + pick % PER_ROUND
        } else {
            pick
        } as usize;
        let acked = run_and_kill(&db, desk, kill_after);
        if desk {
            desk_arrivals += acked
                .iter()
                .filter(|a| matches!(a, Ack::Arrived(..)))
                .count();
        }
        all.extend(acked);
        let at = format!("seed {seed0}, round {round} (desk {desk}, killed after {kill_after})");
        let store = Store::open(&db).unwrap_or_else(|e| panic!("{at}: reopen failed: {e}"));
        for ack in &all {
            let (Ack::Expected(event, person) | Ack::Arrived(event, person)) = *ack;
            let a = store
                .attendance(event, person)
                .unwrap_or_else(|e| panic!("{at}: undecodable record: {e}"));
            let ok = match ack {
                Ack::Expected(..) => a.is_some(),
                Ack::Arrived(..) => a.is_some_and(|a| a.status.is_arrived()),
            };
            assert!(ok, "{at}: lost {ack:?}");
            assert!(
                store.person(person).unwrap().is_some(),
                "{at}: lost person {person}"
            );
        }
    }
    assert!(
        desk_arrivals as u64 >= ROUNDS / 4,
        "seed {seed0}: the desk acknowledged too few check-ins to prove anything: {desk_arrivals}"
    );
}

/// The desk acknowledges a check-in only after fdatasync: in the system-call trace, every line
/// the harness prints follows an fdatasync made since the line before.
#[cfg(target_os = "linux")] // traces fdatasync with strace
#[test]
fn every_acknowledged_check_in_follows_an_fdatasync() {
    let strace = Command::new("strace").arg("-V").output();
    assert!(
        strace.is_ok_and(|o| o.status.success()),
        "strace is missing: the fdatasync test needs it (apt-get install strace; .ci/run does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let trace = dir.path().join("trace");
    for desk in [false, true] {
        let mut cmd = Command::new("strace");
        cmd.args(["-f", "-e", "trace=fdatasync,fsync,write", "-o"])
            .arg(&trace)
            .arg(bin())
            .arg("--db")
            .arg(&db)
            .args(["harness-checkins", "--count", "10"]);
        if desk {
            cmd.arg("--desk");
        }
        let out = cmd.stderr(Stdio::null()).output().unwrap();
        assert!(out.status.success());
        let printed = String::from_utf8_lossy(&out.stdout).lines().count();
        assert_eq!(printed, if desk { 20 } else { 10 });
        let text = std::fs::read_to_string(&trace).unwrap();
        let mut synced = false;
        let mut acks = 0;
        for l in text.lines() {
            let sync = l.contains("fdatasync(") || l.contains("<... fdatasync resumed>");
            if sync && l.ends_with("= 0") {
                synced = true;
            } else if l.contains("write(1,") {
                acks += 1;
                assert!(
                    synced,
                    "desk {desk}: acknowledgement {acks} came before an fdatasync:\n{text}"
                );
                synced = false;
            }
        }
        assert_eq!(acks, printed, "one write per acknowledgement:\n{text}");
    }
}

/// An undo killed at any moment leaves the database as before it or as after it, never half:
/// an import of 3,000 people is either all there or all gone, and the journal says which.
#[cfg(unix)]
#[test]
fn an_undo_killed_at_any_moment_leaves_the_state_before_or_after_it() {
    let seed0 = seed_from_env("NETDAY_CRASH_SEED", "undo crash");
    let mut seed = seed0;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let csv = dir.path().join("list.csv");
    people_csv(&csv, 3000);
    let count = |db: &std::path::Path| Store::open(db).unwrap().people().unwrap().len();
    let csv_s = csv.to_str().unwrap();
    // How long an undo of it takes here: the kills land anywhere in twice that.
    let (code, _, err) = run(&db, &["import", csv_s]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(&db, &["history", "--limit", "1"]);
    let id = out.split('\t').next().unwrap().trim().to_string();
    let started = std::time::Instant::now();
    let (code, _, err) = run(&db, &["undo", &id]);
    assert_eq!(code, 0, "{err}");
    let span = (started.elapsed().as_millis() as u64 * 2).max(50);
    let (mut undone, mut whole) = (0, 0);
    for round in 0..10 {
        let at = format!("seed {seed0}, round {round}");
        if count(&db) == 0 {
            let (code, _, err) = run(&db, &["import", csv_s]);
            assert_eq!(code, 0, "{at}: {err}");
        }
        assert_eq!(count(&db), 3000, "{at}");
        let (code, out, err) = run(&db, &["history", "--limit", "1"]);
        assert_eq!(code, 0, "{at}: {err}");
        let id = out.split('\t').next().unwrap().trim().to_string();
        killed_after(
            &["--db", db.to_str().unwrap(), "undo", &id],
            xorshift(&mut seed) % span,
        );
        let n = count(&db);
        assert!(n == 0 || n == 3000, "{at}: {n} people after a killed undo");
        let store = Store::open(&db).unwrap();
        let last = store.changes(1, |_| true).unwrap().pop().unwrap();
        let is_undo = matches!(last.kind, netday::model::ChangeKind::Undo { .. });
        assert_eq!(n == 0, is_undo, "{at}: the journal agrees with the people");
        if n == 0 {
            undone += 1;
        } else {
            whole += 1;
        }
    }
    eprintln!(
        "undo crash: {undone} rounds undone, {whole} killed before the undo was durable (kills within {span} ms)"
    );
}

/// A list of `rows` people (name, organisation of 40, a distinct phone) as an office makes one.
#[cfg(unix)]
fn people_csv(path: &std::path::Path, rows: usize) {
    let mut text = String::from("이름,소속,연락처\n");
    for i in 0..rows {
        text += &format!(
            "사람{i},조합{},010-{:04}-{:04}\n",
            i % 40,
            2000 + i % 7000,
            i
        );
    }
    std::fs::write(path, text).unwrap();
}

/// What the journal's import entries say every key holds, against what the database holds:
/// every person, index entry and registration an entry wrote is there, and nothing is there
/// that no entry wrote; each person's codes and organisation are in the indexes.
#[cfg(unix)]
fn import_is_whole_where_it_landed(store: &Store, at: &str) -> usize {
    let changes = store
        .changes(usize::MAX, |c| {
            matches!(c.kind, netday::model::ChangeKind::Import { .. })
        })
        .unwrap();
    let people = store.people().unwrap();
    let mut written = 0;
    let mut registered = 0;
    for c in &changes {
        // What the entry added (a second import of the file adds the rest).
        for w in c
            .writes
            .iter()
            .filter(|w| w.before.is_none() && w.after.is_some())
        {
            match w.tree.as_str() {
                "people" => {
                    let id = u64::from_be_bytes(w.key[..8].try_into().unwrap());
                    let p = store.person(id).unwrap();
                    assert!(
                        p.is_some(),
                        "{at}: person {id} of entry {} is missing",
                        c.order
                    );
                    written += 1;
                }
                "people_by_code" => {
                    let code = String::from_utf8(w.key.clone()).unwrap();
                    assert!(
                        store.person_by_code(&code).unwrap().is_some(),
                        "{at}: code {code} of entry {} names nobody",
                        c.order
                    );
                }
                "attendance" => registered += 1,
                _ => {}
            }
        }
    }
    assert_eq!(
        people.len(),
        written,
        "{at}: people without their journal entry"
    );
    let mut of_org = std::collections::HashMap::new();
    for p in &people {
        let by_code = store.person_by_code(&p.code).unwrap().map(|q| q.id);
        assert_eq!(
            by_code,
            Some(p.id),
            "{at}: {}'s code is not in the index",
            p.name
        );
        if let Some(o) = p.org_id {
            let of: &Vec<u64> = of_org.entry(o).or_insert_with(|| {
                store
                    .people_of_org(o)
                    .unwrap()
                    .iter()
                    .map(|q| q.id)
                    .collect()
            });
            assert!(
                of.contains(&p.id),
                "{at}: {} is missing from their organisation's index",
                p.name
            );
        }
    }
    let held: usize = store
        .events()
        .unwrap()
        .iter()
        .map(|e| store.attendance_of_event(e.id).unwrap().len())
        .sum();
    assert_eq!(
        held, registered,
        "{at}: registrations without their journal entry"
    );
    people.len()
}

/// The bulk path (issue 28): an import killed at any moment leaves every chunk of it whole or
/// absent — a chunk cut between its batches is finished when the database opens, before
/// anything reads it — and importing the file again gives all of it.
#[cfg(unix)]
#[test]
fn an_import_killed_at_any_moment_leaves_whole_chunks_and_finishes_on_import() {
    let seed0 = seed_from_env("NETDAY_CRASH_SEED", "import crash");
    let mut seed = seed0;
    const ROWS: usize = 5000;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("list.csv");
    people_csv(&csv, ROWS);
    let csv_s = csv.to_str().unwrap();
    // How long a whole import takes here: the kills land anywhere in it.
    let probe = dir.path().join("probe");
    let started = std::time::Instant::now();
    let (code, _, err) = run(&probe, &["import", csv_s, "--event", "2026-11-24"]);
    assert_eq!(code, 0, "{err}");
    let span = (started.elapsed().as_millis() as u64).max(50);
    let (mut cut, mut finished) = (0, 0);
    for round in 0..8 {
        let db = dir.path().join(format!("db{round}"));
        assert_eq!(run(&db, &["events"]).0, 0);
        let at = format!("seed {seed0}, round {round}");
        killed_after(
            &[
                "--db",
                db.to_str().unwrap(),
                "import",
                csv_s,
                "--event",
                "2026-11-24",
            ],
            xorshift(&mut seed) % span,
        );
        {
            let store = Store::open(&db).unwrap();
            if store.repaired_on_open() {
                finished += 1;
            }
            let n = import_is_whole_where_it_landed(&store, &at);
            if n < ROWS {
                cut += 1;
            }
        }
        let (code, _, err) = run(&db, &["import", csv_s, "--event", "2026-11-24"]);
        assert_eq!(code, 0, "{at}: {err}");
        let store = Store::open(&db).unwrap();
        assert_eq!(import_is_whole_where_it_landed(&store, &at), ROWS, "{at}");
        assert!(store.pending_imports().unwrap().is_empty(), "{at}");
    }
    eprintln!(
        "import crash: {cut} of 8 rounds cut short, {finished} finished on open (kills within {span} ms)"
    );
}
