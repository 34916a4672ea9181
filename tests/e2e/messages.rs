//! Messages that are true and leave a way out (issue 21, item 6): an empty database path, a
//! database whose version file or sled `conf` is gone, a full or read-only database disk, an
//! import cut short, and an unfinished-import warning whose file is gone.

#![cfg_attr(not(target_os = "linux"), allow(dead_code, unused_imports))]
#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

/// `NETDAY_DB=` and `--db ''` name no database: refused in words, and nothing is created in
/// the default location.
#[test]
fn an_empty_database_path_is_refused_not_taken_for_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let netday = |args: &[&str], env: Option<&str>| {
        let mut cmd = std::process::Command::new(bin());
        cmd.args(args)
            .env("LANG", "ko_KR.UTF-8")
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path().join("data"));
        match env {
            Some(v) => cmd.env("NETDAY_DB", v),
            None => cmd.env_remove("NETDAY_DB"),
        };
        cmd.output().unwrap()
    };
    for (args, env, names) in [
        (&["events"][..], Some(""), "NETDAY_DB"),
        (&["--db", "", "events"][..], None, "--db"),
        (&["--db", "", "demo"][..], Some(""), "--db"),
    ] {
        let out = netday(args, env);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("빈 경로는 데이터베이스가 아니")
                && err.contains("empty path is not a database"),
            "{args:?}: {err}"
        );
        assert!(err.contains(names), "{args:?} names {names}: {err}");
        assert_eq!(
            err.lines().count(),
            2,
            "one Korean and one English line: {err}"
        );
    }
    assert!(
        !dir.path().join("data").exists(),
        "nothing was made in the default location"
    );
}

/// Every file of a database directory with its bytes (sled's `blobs` folder as a name).
fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.path().is_dir() {
                Vec::new()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    out.sort();
    out
}

/// sled writes its `conf` again when it is gone, and netday's version file only says what
/// sled's own data says: losing either is no reason to send anyone to a backup. A folder whose
/// sled data is not netday's is still refused, and left as it was.
#[test]
fn a_lost_conf_or_version_file_is_rebuilt_when_sleds_data_is_there() {
    use netday::store::{Store, StoreError};
    let root = tempfile::tempdir().unwrap();
    let db = root.path().join("netday.db");
    let people = {
        let store = Store::open(&db).unwrap();
        netday::demo::load(&store, demo_date()).unwrap();
        store.people().unwrap()
    };
    assert!(!people.is_empty());
    for lost in [
        &["conf"][..],
        &["NETDAY_SCHEMA"],
        &["conf", "NETDAY_SCHEMA"],
    ] {
        let copy = root.path().join(format!("lost-{}", lost.join("-")));
        std::fs::create_dir(&copy).unwrap();
        for (name, bytes) in files(&db) {
            if name == "blobs" {
                std::fs::create_dir(copy.join(name)).unwrap();
            } else if !lost.contains(&name.as_str()) {
                std::fs::write(copy.join(name), bytes).unwrap();
            }
        }
        if lost.len() == 2 {
            // sled's log alone: nothing says sled wrote it, so it is not adopted.
            let before = files(&copy);
            let e = Store::open(&copy).map(|_| ()).unwrap_err();
            assert!(matches!(e, StoreError::Foreign(_)), "{lost:?}: {e:?}");
            assert!(before == files(&copy), "{lost:?}: left as it was");
            continue;
        }
        let store = Store::open(&copy).unwrap_or_else(|e| panic!("{lost:?}: {e:?}"));
        assert_eq!(store.people().unwrap(), people, "{lost:?}");
        drop(store);
        for name in ["conf", "NETDAY_SCHEMA"] {
            assert!(copy.join(name).is_file(), "{lost:?}: {name} rebuilt");
        }
        assert_eq!(Store::open(&copy).unwrap().people().unwrap(), people);
        // The binary says nothing about it either.
        let (code, out, err) = run(&copy, &["events"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("네트워킹데이"), "{out}");
    }

    // sled's files that hold another program's data: refused, byte for byte as they were.
    let foreign = root.path().join("other-sled");
    {
        let other = sled::open(&foreign).unwrap();
        other.insert(b"key", b"value").unwrap();
        other.flush().unwrap();
    }
    let before = files(&foreign);
    for _ in 0..2 {
        let e = Store::open(&foreign).map(|_| ()).unwrap_err();
        assert!(matches!(e, StoreError::Foreign(_)), "{e:?}");
        assert!(
            before == files(&foreign),
            "another program's sled data was changed"
        );
    }
    // The same, its conf gone too: still not adopted, and no conf appears.
    std::fs::remove_file(foreign.join("conf")).unwrap();
    let before = files(&foreign);
    assert!(Store::open(&foreign).is_err());
    assert!(before == files(&foreign), "changed");
}

/// Runs `script` as `sh -c` in a private mount namespace where "$1" is a fresh 4 MiB tmpfs and
/// "$2" the netday binary; returns (status, stdout, stderr). Needs `unshare` (util-linux) and
/// user namespaces; fails, saying so, without them.
fn on_small_disk(script: &str, out: &std::path::Path) -> (i32, String, String) {
    on_disk_of("4m", script, out)
}

fn on_disk_of(size: &str, script: &str, out: &std::path::Path) -> (i32, String, String) {
    let disk = tempfile::tempdir().unwrap();
    let run = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(format!(
            "mount -t tmpfs -o size={size} netday-test \"$1\" || exit 97\n{script}"
        ))
        .arg("sh")
        .arg(disk.path())
        .arg(bin())
        .arg(out)
        .env("LANG", "ko_KR.UTF-8")
        .env("NETDAY_TZ", "Asia/Seoul")
        .env_remove("NETDAY_DB")
        .env_remove("TMPDIR")
        .output()
        .unwrap_or_else(|e| panic!("this test needs `unshare` from util-linux: {e}"));
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(
        run.status.code() != Some(97) && !stderr.contains("unshare failed"),
        "this test needs unprivileged user namespaces and tmpfs mounts inside them: {stderr}"
    );
    (
        run.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&run.stdout).into_owned(),
        stderr,
    )
}

/// Fills the tmpfs at "$1" to the last byte.
const FILL: &str = r#"
fill() { dd if=/dev/zero of="$1/filler" bs=64k 2>/dev/null; dd if=/dev/zero of="$1/filler2" bs=1 2>/dev/null; }
"#;

/// A full database disk stops saving, never reading: export, backup, events, search, print and
/// a dry-run import still work (to another disk), and a save is refused saying the disk is full.
#[cfg(target_os = "linux")] // a real small disk: tmpfs in a private mount namespace (unshare)
#[test]
fn a_full_database_disk_still_lets_every_reading_command_copy_the_data_off() {
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("명단.csv");
    std::fs::write(&csv, "이름,소속\n새사람,새조합\n").unwrap();
    let script = format!(
        r#"{FILL}
B="$2"; D="$1/db"; O="$3"
"$B" --db "$D" demo >/dev/null || exit 3
fill "$1"
echo "== events"; "$B" --db "$D" events; echo "rc=$?"
echo "== export"; "$B" --db "$D" export people -o "$O/people.csv"; echo "rc=$?"
echo "== backup"; "$B" --db "$D" backup -o "$O/all.ndbak"; echo "rc=$?"
echo "== search"; "$B" --db "$D" search 김기성; echo "rc=$?"
echo "== print"; "$B" --db "$D" print signin -o "$O/signin.pdf"; echo "rc=$?"
echo "== minutes"; "$B" --db "$D" export minutes -o "$O/minutes.md"; echo "rc=$?"
echo "== dry-run"; "$B" --db "$D" import "$O/명단.csv" --dry-run; echo "rc=$?"
echo "== save"; "$B" --db "$D" import "$O/명단.csv" 2>&1; echo "rc=$?"
echo "== no room to copy"; TMPDIR="$1" "$B" --db "$D" events 2>&1; echo "rc=$?"
echo "== ls"; LC_ALL=C ls "$1/db"
"#
    );
    let (code, stdout, stderr) = on_small_disk(&script, out.path());
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let part = |name: &str| {
        let from = stdout.find(&format!("== {name}\n")).unwrap() + name.len() + 4;
        let to = stdout[from..]
            .find("== ")
            .map_or(stdout.len(), |i| from + i);
        stdout[from..to].to_string()
    };
    for name in [
        "events", "export", "backup", "search", "print", "minutes", "dry-run",
    ] {
        assert!(
            part(name).ends_with("rc=0\n"),
            "{name}: {}\n{stderr}",
            part(name)
        );
    }
    assert_eq!(part("events").lines().count(), 5, "{}", part("events"));
    assert!(part("search").contains("김기성"), "{}", part("search"));
    assert!(part("dry-run").contains("추가 1명"), "{}", part("dry-run"));
    let people = std::fs::read_to_string(out.path().join("people.csv")).unwrap();
    assert_eq!(people.lines().count(), 40, "39 people and the header");
    for f in ["all.ndbak", "signin.pdf", "minutes.md"] {
        assert!(
            std::fs::metadata(out.path().join(f)).unwrap().len() > 0,
            "{f}"
        );
    }
    let (snap, _) = netday::store::Snapshot::read(&out.path().join("all.ndbak")).unwrap();
    assert_eq!(snap.counts().people, 39);
    // Saving is what the full disk stops, in words.
    let save = part("save");
    assert!(save.ends_with("rc=1\n"), "{save}");
    assert!(
        save.contains("디스크가 가득 차서") && save.contains("The disk is full"),
        "{save}"
    );
    assert!(save.contains("netday backup -o"), "the way out: {save}");
    // With no room for the copy either, that is said, and where to make room.
    let no_room = part("no room to copy");
    assert!(no_room.ends_with("rc=1\n"), "{no_room}");
    assert!(
        no_room.contains("임시 폴더") && no_room.contains("TMPDIR"),
        "{no_room}"
    );
    // Nothing of the copies is left in the database's folder.
    assert_eq!(part("ls"), "NETDAY_SCHEMA\nblobs\nconf\ndb\n");
}

/// A database on a read-only mount is read from a copy (export, backup); a command that
/// would save says the database is read-only and what still works.
#[cfg(target_os = "linux")] // a real small disk: tmpfs in a private mount namespace (unshare)
#[test]
fn a_read_only_database_can_be_exported_and_backed_up_and_says_so_when_saving() {
    let out = tempfile::tempdir().unwrap();
    let script = r#"
B="$2"; D="$1/db"; O="$3"
"$B" --db "$D" demo >/dev/null || exit 3
mount -o remount,ro "$1" || exit 98
echo "== export"; "$B" --db "$D" export people -o "$O/people.xlsx"; echo "rc=$?"
echo "== backup"; "$B" --db "$D" backup -o "$O/all.ndbak"; echo "rc=$?"
echo "== events"; "$B" --db "$D" events; echo "rc=$?"
echo "== save"; "$B" --db "$D" demo 2>&1; echo "rc=$?"
"#;
    let (code, stdout, stderr) = on_small_disk(script, out.path());
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    for (name, rc) in [("export", 0), ("backup", 0), ("events", 0), ("save", 1)] {
        let from = stdout.find(&format!("== {name}\n")).unwrap();
        let to = stdout[from..].find("rc=").unwrap() + from;
        assert_eq!(
            stdout[to..].lines().next(),
            Some(format!("rc={rc}").as_str()),
            "{name}: {stdout}\n{stderr}"
        );
    }
    let (snap, _) = netday::store::Snapshot::read(&out.path().join("all.ndbak")).unwrap();
    assert_eq!(snap.counts().people, 39);
    assert!(out.path().join("people.xlsx").is_file());
    assert!(
        stdout.contains("쓸 수 없습니다 (읽기 전용)")
            && stdout.contains("cannot be written (read-only)")
            && stdout.contains("netday backup"),
        "{stdout}"
    );
}

/// An import the disk filled under says what it saved and what is still missing (it said
/// "nothing was saved" while thousands were), and importing the same file again finishes it.
#[cfg(target_os = "linux")] // a real small disk: tmpfs in a private mount namespace (unshare)
#[test]
fn an_import_cut_short_by_a_full_disk_says_how_much_is_in_and_finishes_when_run_again() {
    let out = tempfile::tempdir().unwrap();
    let mut csv = String::from("이름,소속,연락처,메모\n");
    for i in 0..8000 {
        csv += &format!(
            "사람{i},조합{},010-{:04}-{:04},{}\n",
            i % 50,
            1000 + i % 9000,
            i % 10_000,
            "메모".repeat(60)
        );
    }
    std::fs::write(out.path().join("big.csv"), csv).unwrap();
    let script = r#"
B="$2"; D="$1/db"; O="$3"
"$B" --db "$D" demo >/dev/null || exit 3
dd if=/dev/zero of="$1/filler" bs=1M count=26 2>/dev/null
echo "== cut"; "$B" --db "$D" import "$O/big.csv" 2>&1; echo "rc=$?"
"$B" --db "$D" export people -o "$O/after-cut.csv" || exit 4
rm "$1/filler"
echo "== again"; "$B" --db "$D" import "$O/big.csv" 2>&1; echo "rc=$?"
"$B" --db "$D" export people -o "$O/after-again.csv" || exit 5
"#;
    // The change journal keeps each record's before and after: an import writes about twice
    // what it did without one.
    let (code, stdout, stderr) = on_disk_of("32m", script, out.path());
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let people = |f: &str| {
        std::fs::read_to_string(out.path().join(f))
            .unwrap()
            .lines()
            .count()
            - 1
    };
    let saved = people("after-cut.csv") - 39;
    assert!(
        saved > 0 && saved < 8000,
        "the disk filled part-way: {saved} saved"
    );
    let cut = &stdout[stdout.find("== cut").unwrap()..stdout.find("== again").unwrap()];
    assert!(cut.trim_end().ends_with("rc=1"), "{cut}");
    assert!(
        !cut.contains("저장하지 못했습니다") && !cut.contains("Nothing was saved"),
        "{saved} people were saved: {cut}"
    );
    let left = 8000 - saved;
    assert!(
        cut.contains(&format!("아직 {left}명이 들어가지 않았습니다"))
            && cut.contains(&format!("{left} people are not in yet")),
        "{saved} saved, {left} left: {cut}"
    );
    assert!(
        cut.contains("다시 가져오면 마저 들어갑니다") && cut.contains("big.csv"),
        "{cut}"
    );
    let again = &stdout[stdout.find("== again").unwrap()..];
    assert!(again.trim_end().ends_with("rc=0"), "{again}");
    assert_eq!(
        people("after-again.csv"),
        39 + 8000,
        "everyone once: {again}"
    );
}

/// An import recorded as under way whose file is gone can be forgotten: its warning says it
/// cannot be finished and how to dismiss it, on the command line and in the app, and then
/// it is not said again.
#[test]
fn an_unfinished_import_whose_file_is_gone_can_be_dismissed() {
    use netday::model::Ts;
    use netday::state::{Action, Tone};
    use netday::store::Store;
    use netday::store::journal::ImportJournal;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let gone = dir.path().join("지난달 명단.csv");
    let unfinished = |store: &Store| {
        store
            .begin_import(&ImportJournal {
                file: gone.display().to_string(),
                size: 1234,
                started: Ts(1),
                event: None,
            })
            .unwrap()
    };
    unfinished(&Store::open(&db).unwrap());

    // The command line: every import names it, and the way out.
    let csv = dir.path().join("새 명단.csv");
    std::fs::write(&csv, "이름,소속\n김기성,한울신협\n").unwrap();
    let (code, _, err) = run(&db, &["import", csv.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("지난달 명단.csv")
            && err.contains("그 파일이 이제 없어")
            && err.contains("netday import --forget-unfinished"),
        "{err}"
    );
    let (code, out, err) = run(&db, &["import", "--forget-unfinished"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("지난달 명단.csv"), "{err}");
    assert!(out.contains("1건을 지웠습니다"), "{out}");
    let (code, _, err) = run(&db, &["import", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("가져오기가 끝나지 않았습니다"),
        "said again: {err}"
    );

    // The app: the warning names the key the keymap binds, and that key forgets it.
    let key = netday::keymap::key_of(netday::state::Context::Checkin, &Action::ForgetImports)
        .expect("the desk binds a key to forget unfinished imports");
    let store = Store::open(&db).unwrap();
    unfinished(&store);
    let mut app = app_on(store);
    let said = app.message.clone().expect("the warning is shown");
    assert_eq!(said.tone, Tone::Warn);
    assert!(
        said.text.contains("그 파일이 이제 없어") && said.text.contains(&format!("{key} 키")),
        "{}",
        said.text
    );
    let code = match key {
        "F9" => ratatui::crossterm::event::KeyCode::F(9),
        other => panic!("update the test for {other}"),
    };
    let press = ratatui::crossterm::event::KeyEvent::from(code);
    let action = netday::keymap::action_for(app.context(), press).unwrap();
    assert_eq!(action, Action::ForgetImports);
    app.update(action);
    let said = app.message.clone().unwrap();
    assert!(said.text.contains("1건을 지웠습니다"), "{}", said.text);
    let store = app.data.close();
    assert!(store.pending_imports().unwrap().is_empty());
    drop(store);
    let app = app_on(Store::open(&db).unwrap());
    assert!(
        app.message
            .as_ref()
            .is_none_or(|m| !m.text.contains("가져오기가 끝나지 않았습니다")),
        "{:?}",
        app.message
    );
}

/// A database refused as damaged is left as it was even when its `conf` was gone: sled writes
/// one while it opens, and that one is taken away again.
#[test]
fn a_refused_database_without_its_conf_gets_none_written() {
    use netday::store::{Store, StoreError};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = Store::open(&path).unwrap();
        netday::demo::load(&store, demo_date()).unwrap();
    }
    std::fs::remove_file(path.join("conf")).unwrap();
    let log = path.join("db");
    let mut bytes = std::fs::read(&log).unwrap();
    for (i, b) in bytes.iter_mut().take(4096).enumerate() {
        *b = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    std::fs::write(&log, &bytes).unwrap();
    let before = files(&path);
    for _ in 0..2 {
        let e = Store::open(&path).map(|_| ()).unwrap_err();
        assert!(matches!(e, StoreError::Corrupt(_)), "{e:?}");
        assert!(before == files(&path), "the refused database was changed");
    }
}
