//! `netday print`: the sign-in sheet and badges read back with poppler (pdftotext, pdffonts).
//! Without poppler-utils these tests fail and say so: `.ci/run` installs it.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
#![allow(clippy::unwrap_used)]

use crate::common::*;

use std::path::Path;

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

#[cfg(unix)] // reads the PDF back with poppler (pdftotext, pdftoppm), Unix programs
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

#[cfg(unix)] // reads the PDF back with poppler (pdftotext, pdftoppm), Unix programs
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

#[cfg(unix)] // reads the PDF back with poppler (pdftotext, pdftoppm), Unix programs
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

/// The pages of `pdf` as grey images (pdftoppm, `dpi` dots per inch): (width, height, pixels).
fn pages_as_images(pdf: &Path, dpi: u32) -> Vec<(usize, usize, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    poppler(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            &dpi.to_string(),
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            // Binary PGM: "P5\n<w> <h>\n255\n" then one byte a pixel.
            let bytes = std::fs::read(f).unwrap();
            let mut fields = Vec::new();
            let mut at = 0;
            while fields.len() < 4 {
                while bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                let start = at;
                while !bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                fields.push(String::from_utf8(bytes[start..at].to_vec()).unwrap());
            }
            assert_eq!(fields[0], "P5", "{}", f.display());
            let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
            let pixels = bytes[at + 1..].to_vec();
            assert_eq!(pixels.len(), w * h);
            (w, h, pixels)
        })
        .collect()
}

/// The QR code a camera held over the badge in column `col`, row `row` of the page reads (the
/// badge's cell cut out of the page: 2 × 4 badges of 90 × 60 mm, centred on A4), after checking
/// that the four modules of white around it, left, above and right, are white: nothing printed
/// runs into it. (A decoder given the whole page pairs finder patterns of neighbouring badges.)
fn badge_qr_code(page: &(usize, usize, Vec<u8>), dpi: f32, col: usize, row: usize) -> String {
    let (w, _, px) = page;
    let mm = dpi / 25.4;
    let (left, top) = ((210.0 - 180.0) / 2.0 * mm, (297.0 - 240.0) / 2.0 * mm);
    let x0 = (left + col as f32 * 90.0 * mm) as usize;
    let y0 = (top + row as f32 * 60.0 * mm) as usize;
    let (bw, bh) = ((90.0 * mm) as usize, (60.0 * mm) as usize);
    let at = |x: usize, y: usize| px[(y0 + y) * w + x0 + x];
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(bw, bh, at);
    let grids = img.detect_grids();
    assert_eq!(
        grids.len(),
        1,
        "badge {col},{row}: one QR code, found {}",
        grids.len()
    );
    let (meta, text) = grids[0]
        .decode()
        .unwrap_or_else(|e| panic!("badge {col},{row}: the QR code does not read: {e}"));
    let b = grids[0].bounds;
    let (qx0, qx1) = (b[0].x.min(b[3].x) as usize, b[1].x.max(b[2].x) as usize);
    let (qy0, qy1) = (b[0].y.min(b[1].y) as usize, b[2].y.max(b[3].y) as usize);
    let modules = 17 + 4 * meta.version.0;
    let quiet = 4 * (qx1 - qx0) / modules;
    let mut ink = Vec::new();
    for y in qy0.saturating_sub(quiet)..qy1 {
        for x in qx0.saturating_sub(quiet)..(qx1 + quiet).min(bw) {
            // The decoder's corners may be off by a pixel or two.
            let inside = (qx0.saturating_sub(2)..qx1 + 2).contains(&x)
                && (qy0.saturating_sub(2)..qy1 + 2).contains(&y);
            if !inside && at(x, y) < 160 {
                ink.push((x, y));
            }
        }
    }
    assert!(
        ink.is_empty(),
        "badge {col},{row} ({text}): ink in the white around the QR code at {:?}",
        &ink[..ink.len().min(5)]
    );
    text
}

/// The day 2026-12-15 with the people of `csv` (이름,소속,직위) registered; their badge codes by
/// name, read from the attendance export.
fn day_of(db: &Path, dir: &Path, csv: &str) -> Vec<(String, String)> {
    let f = dir.join("명단.csv");
    std::fs::write(&f, csv).unwrap();
    let (code, _, err) = run(
        db,
        &["import", f.to_str().unwrap(), "--event", "2026-12-15"],
    );
    assert_eq!(code, 0, "{err}");
    registered(db, "2026-12-15")
}

#[cfg(unix)] // reads the PDF back with poppler (pdftotext, pdftoppm), Unix programs
#[test]
fn long_latin_names_never_run_over_the_qr_code_and_every_code_on_the_page_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let people = day_of(
        &db,
        dir.path(),
        "이름,소속,직위\n\
         Maximilian Wolfgang Schwarzenberg-Montgomery,International Cooperative Alliance,Director\n\
         WWWWWWWWWWWWWWWWWWWW,MMMMMMMMMMMMMMMMMMMMMMMMMMMMMM,WWWWWWWWWWWWWWWWWWWWWWWW\n\
         Bartholomew Montgomery,Mondragon Corporation,Member\n\
         Wilhelmina Hohenzollern,Wohnungsbaugenossenschaft,Vorstandsmitglied\n\
         MARIA DEL MAR WOODWARD,Cooperativa Mondragon,Presidenta\n\
         MWMWMWMWMWMWMWMWMW,한울신협,이사장\n\
         Jean-Baptiste Wójcik-Małkowski,Spółdzielnia Mieszkaniowa,Prezes\n\
         Oluwaseun Adewumi Babatunde,Cooperative Federation,Secretary General\n",
    );
    assert_eq!(people.len(), 8, "{people:?}");
    let pdf = dir.path().join("badges.pdf");
    let (code, _, err) = run(
        &db,
        &[
            "print",
            "badges",
            "--event",
            "2026-12-15",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("경고"), "every letter is in the font: {err}");
    let pages = pages_as_images(&pdf, 150);
    assert_eq!(pages.len(), 1);
    let mut read: Vec<String> = (0..8)
        .map(|i| badge_qr_code(&pages[0], 150.0, i % 2, i / 2))
        .collect();
    read.sort();
    let mut codes: Vec<String> = people.iter().map(|(c, _)| c.clone()).collect();
    codes.sort();
    assert_eq!(read, codes, "every badge's QR code reads as its code");
}

#[cfg(unix)] // reads the PDF back with poppler (pdftotext, pdftoppm), Unix programs
#[test]
fn a_name_in_a_script_the_font_lacks_prints_as_a_mark_and_is_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    day_of(
        &db,
        dir.path(),
        "이름,소속,직위\n\
         สมชาย ใจดี,한울신협,조합원\n\
         김기성,مؤسسة التعاون,이사장\n\
         이영희,햇살생협,이사\n",
    );
    for kind in ["badges", "signin", "attendance"] {
        let pdf = dir.path().join(format!("{kind}.pdf"));
        let (code, _, err) = run(
            &db,
            &[
                "print",
                kind,
                "--event",
                "2026-12-15",
                "-o",
                pdf.to_str().unwrap(),
            ],
        );
        assert_eq!(code, 0, "{err}");
        if kind == "attendance" {
            // Nobody has arrived: nobody is printed, nobody is named.
            assert!(!err.contains("경고"), "{err}");
            continue;
        }
        let warning = err
            .lines()
            .find(|l| l.starts_with("경고"))
            .unwrap_or_else(|| panic!("{kind}: no warning in {err}"));
        assert!(
            warning.contains("สมชาย ใจดี") && warning.contains("김기성"),
            "{warning}"
        );
        assert!(!warning.contains("이영희"), "{warning}");
        let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(
            text.contains("?????"),
            "{kind}: the Thai name as marks:\n{text}"
        );
        assert!(text.contains("이영희") && text.contains("김기성"), "{text}");
    }
}
