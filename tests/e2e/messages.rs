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
