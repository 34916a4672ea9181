//! Messages that are true and leave a way out (issue 21, item 6): an empty database path, a
//! database whose version file or sled `conf` is gone, a full or read-only database disk, an
//! import cut short, and an unfinished-import warning whose file is gone.

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
            assert_eq!(before, files(&copy), "{lost:?}: left as it was");
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
        assert_eq!(
            before,
            files(&foreign),
            "another program's sled data was changed"
        );
    }
    // The same, its conf gone too: still not adopted, and no conf appears.
    std::fs::remove_file(foreign.join("conf")).unwrap();
    let before = files(&foreign);
    assert!(Store::open(&foreign).is_err());
    assert_eq!(before, files(&foreign));
}
