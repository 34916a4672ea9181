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

/// (name, HH:MM) of the arrivals `arrive` made, in arrival order.
type Arrivals = Vec<(String, String)>;

/// On the demo day, the first 30 expected people arrive one minute apart from 13:00 (Seoul), in
/// an order unlike the order they are stored in, every fifth as a walk-in; the rest stay expected.
/// Returns the arrivals in arrival order and the names of those who did not come.
fn arrive(db: &Path, day: &str) -> (Arrivals, Vec<String>) {
    use netday::model::{AttendanceStatus, Ts};
    let store = netday::store::Store::open(db).unwrap();
    let event = store
        .events()
        .unwrap()
        .into_iter()
        .find(|e| e.date.to_string() == day)
        .unwrap();
    let mut list = store.attendance_of_event(event.id).unwrap();
    list.sort_by_key(|a| a.person_id);
    assert!(list.len() > 30, "the demo day lists {} people", list.len());
    let mut arrived: Vec<(Ts, String, String)> = Vec::new();
    let mut missing = Vec::new();
    for (i, a) in list.iter_mut().enumerate() {
        let name = store.person(a.person_id).unwrap().unwrap().name;
        if i >= 30 {
            missing.push(name);
            continue;
        }
        let minute = (i * 7) % 30;
        let at = at_seoul(event.date, 13, minute as u32);
        a.status = if i % 5 == 0 {
            AttendanceStatus::WalkIn {
                at,
                desk: "1".into(),
            }
        } else {
            AttendanceStatus::CheckedIn {
                at,
                desk: "1".into(),
            }
        };
        arrived.push((at, name, format!("13:{minute:02}")));
    }
    store.put_attendances(&list).unwrap();
    arrived.sort();
    (
        arrived.into_iter().map(|(_, n, hm)| (n, hm)).collect(),
        missing,
    )
}

#[test]
fn the_attendance_record_lists_the_arrivals_in_arrival_order_with_their_times_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let day = demo(&db);
    let (arrived, missing) = arrive(&db, &day);
    let pdf = dir.path().join("출석부.pdf");
    let (code, out, err) = run(
        &db,
        &[
            "print",
            "attendance",
            "--event",
            &day,
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("30명, 2쪽"), "{out}{err}");

    let text = poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let lines: Vec<&str> = text.lines().collect();
    let mut at = 0;
    for (name, hhmm) in &arrived {
        match lines[at..].iter().position(|l| l.contains(name.as_str())) {
            Some(i) => at += i,
            None => panic!("{name} missing or out of arrival order in:\n{text}"),
        }
        assert!(
            lines[at].contains(hhmm.as_str()),
            "{name} arrived at {hhmm}: {}",
            lines[at]
        );
        at += 1;
    }
    for name in &missing {
        assert!(
            !text.contains(name.as_str()),
            "{name} did not come:\n{text}"
        );
    }
    let squeezed: String = text
        .chars()
        .filter(|c| *c == '\u{c}' || !c.is_whitespace())
        .collect();
    let pages: Vec<&str> = squeezed.split('\u{c}').filter(|p| !p.is_empty()).collect();
    assert_eq!(pages.len(), 2, "30 arrivals take two pages:\n{text}");
    let expected = missing.len() + 30 - 6;
    for (p, page) in pages.iter().enumerate() {
        let foot = format!("{}/2쪽", p + 1);
        assert!(
            page.ends_with(&foot),
            "page {} lacks '{foot}':\n{text}",
            p + 1
        );
        // The header and the day's numbers on every page.
        assert!(page.contains("연번") && page.contains("도착시각"), "{page}");
        assert!(
            page.contains(&format!(
                "도착30·예정{expected}·현장6·미도착{}",
                missing.len()
            )),
            "{page}"
        );
    }
    assert_eq!(text.matches("현장").count(), 2 + 6, "{text}");

    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let nanum = fonts
        .lines()
        .find(|l| l.contains("NanumGothic"))
        .unwrap_or_else(|| panic!("{fonts}"));
    let cols: Vec<&str> = nanum.split_whitespace().collect();
    assert_eq!(
        &cols[4..7],
        ["yes", "yes", "yes"],
        "embedded, subset: {fonts}"
    );

    // `--sort name` orders the same people by name.
    let by_name = dir.path().join("by-name.pdf");
    let (code, _, err) = run(
        &db,
        &[
            "print",
            "attendance",
            "--event",
            &day,
            "--sort",
            "name",
            "-o",
            by_name.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let text = poppler("pdftotext", &["-layout", by_name.to_str().unwrap(), "-"]);
    let mut names: Vec<&String> = arrived.iter().map(|(n, _)| n).collect();
    names.sort();
    let mut at = 0;
    for name in names {
        match text[at..].find(name.as_str()) {
            Some(i) => at += i + name.len(),
            None => panic!("{name} missing or out of 가나다 order in:\n{text}"),
        }
    }
}
