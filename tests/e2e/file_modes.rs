//! On Unix every file of the database is 0600 and every folder 0700, sled's own files included,
//! whatever umask netday was started with.

#![cfg(unix)]

use crate::common::*;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Runs netday under `umask` (the shell really hands it to the child).
fn run_with_umask(umask: &str, db: &Path, args: &[&str]) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "ko_KR.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every entry under `dir` with its permission bits.
fn modes(dir: &Path) -> Vec<(PathBuf, u32, bool)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let meta = std::fs::symlink_metadata(&p).unwrap();
        out.push((p.clone(), meta.permissions().mode() & 0o777, meta.is_dir()));
        if meta.is_dir() {
            out.extend(modes(&p));
        }
    }
    out
}

fn assert_owner_only(db: &Path) {
    let all = modes(db);
    assert!(
        all.iter().filter(|(_, _, d)| !d).count() >= 4,
        "sled's files and netday's: {all:?}"
    );
    for (p, mode, is_dir) in &all {
        let want = if *is_dir { 0o700 } else { 0o600 };
        assert_eq!(*mode, want, "{} is {mode:o}: {all:?}", p.display());
    }
    assert_eq!(
        std::fs::metadata(db).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

#[test]
fn every_file_of_the_database_is_owner_only_whatever_the_umask() {
    for umask in ["022", "000"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        let csv = dir.path().join("명단.csv");
        std::fs::write(&csv, "이름,소속,연락처\n김기성,한울신협,010-1234-5678\n").unwrap();
        run_with_umask(umask, &db, &["demo"]);
        run_with_umask(umask, &db, &["import", csv.to_str().unwrap()]);
        // The search caches are written beside sled's files.
        run_with_umask(umask, &db, &["search", "ㄱㄱㅅ"]);
        run_with_umask(umask, &db, &["events"]);
        let names: Vec<String> = modes(&db)
            .iter()
            .map(|(p, _, _)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for f in ["db", "conf", "NETDAY_SCHEMA", "cache.search"] {
            assert!(names.iter().any(|n| n == f), "{f} in {names:?}");
        }
        assert!(names.iter().any(|n| n.starts_with("snap.")), "{names:?}");
        assert_owner_only(&db);
    }
}

#[test]
fn a_database_left_open_to_others_is_closed_up_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    run(&db, &["demo"]);
    for (p, _, is_dir) in modes(&db) {
        let mode = if is_dir { 0o755 } else { 0o644 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    run_with_umask("022", &db, &["events"]);
    assert_owner_only(&db);
}
