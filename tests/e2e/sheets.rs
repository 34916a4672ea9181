//! The spreadsheets of issue 21 through the real binary: `import` and `import --dry-run` answer
//! each with words naming the file (exit 1 or 0), never an abort (134) or a loop; and
//! `print --blank` has a bound said in words.

use crate::common::*;

use std::path::{Path, PathBuf};

fn kept(reader: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(reader)
        .join(name)
}

#[test]
fn a_far_corner_xlsx_is_imported_not_an_abort() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let f = kept("xlsx", "far-corner.xlsx");
    for args in [
        vec!["import", f.to_str().unwrap(), "--dry-run"],
        vec!["import", f.to_str().unwrap()],
    ] {
        let (code, out, err) = run(&db, &args);
        assert!(code == 0 || code == 1, "{code}: {out}{err}");
        assert!(!err.contains("memory allocation"), "{err}");
        // The one row past the header's width is named by its row number.
        assert!(format!("{out}{err}").contains("1048576"), "{out}{err}");
    }
}

#[test]
fn damaged_and_oversized_spreadsheets_are_refused_in_two_lines_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    for (reader, name, ko) in [
        (
            "ods",
            "cut-in-table.bad.ods",
            "스프레드시트를 읽을 수 없습니다",
        ),
        (
            "ods",
            "cut-in-note.bad.ods",
            "스프레드시트를 읽을 수 없습니다",
        ),
        ("ods", "repeated-cells.big.ods", "스프레드시트가 너무 커서"),
        ("ods", "spaces.big.ods", "스프레드시트가 너무 커서"),
        (
            "xlsx",
            "announced-strings.bad.xlsx",
            "스프레드시트를 읽을 수 없습니다",
        ),
        ("xls", "dimensions.big.xls", "스프레드시트가 너무 커서"),
        ("xls", "far-corner.big.xls", "스프레드시트가 너무 커서"),
        (
            "xls",
            "looped-chain.bad.xls",
            "스프레드시트를 읽을 수 없습니다",
        ),
        (
            "xls",
            "looped-stream.bad.xls",
            "스프레드시트를 읽을 수 없습니다",
        ),
    ] {
        let f = kept(reader, name);
        for dry in [true, false] {
            let mut args = vec!["import", f.to_str().unwrap()];
            if dry {
                args.push("--dry-run");
            }
            let (code, _, err) = run(&db, &args);
            assert_eq!(code, 1, "{name}: {err}");
            assert!(err.contains(&format!("{name}: {ko}")), "{name}: {err}");
            assert!(
                err.contains("save it again as .xlsx or CSV"),
                "{name}: {err}"
            );
            assert_eq!(err.lines().count(), 2, "{name}: {err}");
        }
    }
}

#[test]
fn print_blank_has_a_bound_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (code, _, err) = run(&db, &["demo"]);
    assert_eq!(code, 0, "{err}");
    let pdf = dir.path().join("s.pdf");
    let (code, _, err) = run(
        &db,
        &[
            "print",
            "signin",
            "-o",
            pdf.to_str().unwrap(),
            "--blank",
            "100000000",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("--blank는 1000 이하여야 합니다 (입력: 100000000)"),
        "{err}"
    );
    assert!(err.contains("--blank must be at most 1000"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(!pdf.exists());
}
