//! `netday print`: the sign-in sheet and badges read back with poppler (pdftotext, pdffonts).
//! Without poppler-utils these tests fail and say so: `.ci/run` installs it.

#![allow(clippy::unwrap_used)]

use crate::common::*;

use std::path::Path;
use std::process::Command;

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed to check printed PDFs ({e}); install poppler-utils (.ci/run does)")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The demo database and the date of its current day (the last line of `netday events`).
fn demo(db: &Path) -> String {
    let (code, _, err) = run(db, &["demo"]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(db, &["events"]);
    out.lines()
        .last()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string()
}

/// (code, name) of everyone the day expects or saw arrive, in 가나다 order by organisation then
/// name, read from the attendance export rather than from the printing code.
fn registered(db: &Path, day: &str) -> Vec<(String, String)> {
    let (code, out, err) = run(db, &["export", "attendance", "--event", day]);
    assert_eq!(code, 0, "{err}");
    let mut rows: Vec<(String, String, String)> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .filter(|f| {
            ["참석 예정", "도착", "현장 등록"]
                .iter()
                .any(|s| f[4].starts_with(s))
        })
        .map(|f| (f[2].clone(), f[1].clone(), f[0].clone()))
        .collect();
    rows.sort();
    rows.into_iter()
        .map(|(_, name, code)| (code, name))
        .collect()
}

#[test]
fn the_sign_in_sheet_lists_every_registered_name_in_order_with_page_numbers_and_the_font_embedded()
{
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let day = demo(&db);
    let people = registered(&db, &day);
    assert!(people.len() > 30, "the demo day has a list: {people:?}");
    let pdf = dir.path().join("서명부.pdf");
    let (code, _, err) = run(
        &db,
        &[
            "print",
            "signin",
            "--event",
            &day,
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");

    let text = poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let mut at = 0;
    for (_, name) in &people {
        match text[at..].find(name.as_str()) {
            Some(i) => at += i + name.len(),
            None => panic!("{name} missing or out of order in:\n{text}"),
        }
    }
    let pages = text.matches('\u{c}').count().max(1);
    assert!(
        pages >= 2,
        "{people:?} and 10 blank rows take more than a page"
    );
    // pdftotext guesses spaces from gaps between glyphs, so compare without them.
    let squeezed: String = text
        .chars()
        .filter(|c| *c == '\u{c}' || !c.is_whitespace())
        .collect();
    for (p, page) in squeezed.split('\u{c}').take(pages).enumerate() {
        let foot = format!("{}/{pages}쪽", p + 1);
        assert!(
            page.ends_with(&foot),
            "page {} does not end with '{foot}':\n{text}",
            p + 1
        );
    }
    // The table header is on every page.
    assert_eq!(text.matches("연번").count(), pages, "{text}");

    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let nanum = fonts
        .lines()
        .find(|l| l.contains("NanumGothic"))
        .unwrap_or_else(|| panic!("{fonts}"));
    let cols: Vec<&str> = nanum.split_whitespace().collect();
    // name type(2 words) encoding emb sub uni …
    assert_eq!(
        &cols[4..7],
        ["yes", "yes", "yes"],
        "embedded, subset, with a Unicode map: {fonts}"
    );

    // Written once; a second print without --force leaves it as it is.
    let before = std::fs::read(&pdf).unwrap();
    let (code, _, err) = run(
        &db,
        &[
            "print",
            "signin",
            "--event",
            &day,
            "--sort",
            "name",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
}

#[test]
fn badges_carry_every_name_and_badge_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let day = demo(&db);
    let people = registered(&db, &day);
    let pdf = dir.path().join("badges.pdf");
    let (code, _, err) = run(
        &db,
        &[
            "print",
            "badges",
            "--event",
            &day,
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for (code, name) in &people {
        assert!(
            text.contains(name.as_str()) && text.contains(code.as_str()),
            "{name} {code} missing:\n{text}"
        );
    }
    assert_eq!(
        text.matches('\u{c}').count(),
        people.len().div_ceil(8),
        "eight badges a page"
    );
}
