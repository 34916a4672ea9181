//! The report after the day through the real binary: the minutes of a generated day as a PDF
//! (read back with poppler's pdftotext) and as a .docx (its document XML), and the evidence pack
//! as a folder and as a .zip. What must be in them is read from the database and from the
//! attendance export, not from the minutes code.

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]
#![allow(clippy::unwrap_used)]

use crate::common::*;

use std::path::Path;
use std::process::Command;

use netday::model::NoteKind;

/// A generated database and its latest closed day: (date, its line of `netday events`).
fn generated(db: &Path) -> (String, String) {
    let (code, _, err) = run(
        db,
        &[
            "generate",
            "--people",
            "600",
            "--events",
            "3",
            "--seed",
            "7",
            "--date",
            "2026-11-24",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(db, &["events"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // The last day is still open, with no notes; the one before it was held.
    let line = lines[lines.len() - 2].to_string();
    (line.split('\t').next().unwrap().to_string(), line)
}

/// Names of everyone who arrived that day, from the attendance export.
fn arrived(db: &Path, day: &str) -> Vec<String> {
    let (code, out, err) = run(db, &["export", "attendance", "--event", day]);
    assert_eq!(code, 0, "{err}");
    out.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
        .filter(|f| f[4].starts_with("도착") || f[4].starts_with("현장"))
        .map(|f| f[1].clone())
        .collect()
}

/// The day's decisions and action items, read from the store itself.
fn decisions_and_actions(db: &Path, day: &str) -> (Vec<String>, Vec<String>) {
    let store = netday::store::Store::open(db).unwrap();
    let e = store
        .events()
        .unwrap()
        .into_iter()
        .find(|e| e.date.to_string() == day)
        .unwrap();
    let notes = store.notes_of_event(e.id).unwrap();
    let of = |decision: bool| {
        notes
            .iter()
            .filter(|n| match n.kind {
                NoteKind::Decision => decision,
                NoteKind::Action { .. } => !decision,
                NoteKind::Note => false,
            })
            .map(|n| n.text.clone())
            .collect::<Vec<_>>()
    };
    (of(true), of(false))
}

/// The numbers of a `netday events` line: "도착 87·예정 90·현장 8·미도착 11" → [87, 90, 8, 11].
fn numbers(events_line: &str) -> Vec<String> {
    events_line
        .split('\t')
        .nth(2)
        .unwrap()
        .split('·')
        .map(|part| part.rsplit(' ').next().unwrap().to_string())
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The PDF's text, without -layout so that a cell's wrapped lines stay together.
fn pdftotext(pdf: &Path) -> String {
    poppler("pdftotext", &[pdf.to_str().unwrap(), "-"])
}

/// `netday export KIND --event DAY [more…] -o OUT`, which must succeed; its standard error.
fn export(db: &Path, kind: &str, day: &str, more: &[&str], out: &Path) -> String {
    let mut args = vec!["export", kind, "--event", day];
    args.extend(more);
    args.extend(["-o", out.to_str().unwrap()]);
    let (code, _, err) = run(db, &args);
    assert_eq!(code, 0, "{args:?}: {err}");
    err
}

/// Everything a reader of the minutes must find: the sections, the day's numbers as
/// `netday events` gives them, every decision, every action item, every arrived name.
fn assert_complete(what: &str, text: &str, events_line: &str, db: &Path, day: &str) {
    let flat = squeeze(text);
    for section in [
        "회의록",
        "참석현황",
        "기관구분별도착",
        "안건",
        "논의내용",
        "결정사항",
        "실행과제",
        "협업아이디어",
        "출석부",
    ] {
        assert!(flat.contains(section), "{what}: no section {section}");
    }
    let n = numbers(events_line);
    assert_eq!(n.len(), 4, "{events_line}");
    // Read row by row (the header, then the numbers) or cell by cell, as the reader orders it.
    let by_row = format!("도착예정현장미도착{}", n.concat());
    let by_cell = format!("도착{}예정{}현장{}미도착{}", n[0], n[1], n[2], n[3]);
    assert!(
        flat.contains(&by_row) || flat.contains(&by_cell),
        "{what}: the numbers of `netday events` ({events_line}) as {by_row}"
    );
    let (decisions, actions) = decisions_and_actions(db, day);
    assert!(!decisions.is_empty() || !actions.is_empty(), "a held day");
    for d in decisions.iter().chain(&actions) {
        assert!(flat.contains(&squeeze(d)), "{what}: missing '{d}'");
    }
    let names = arrived(db, day);
    assert!(names.len() > 20, "{names:?}");
    for name in &names {
        assert!(flat.contains(name.as_str()), "{what}: missing {name}");
    }
}

/// The text of a .docx's document, paragraph by paragraph.
fn docx_text(bytes: &[u8]) -> String {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut r = quick_xml::Reader::from_str(&xml);
    let (mut out, mut inside) = (String::new(), false);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:t" => inside = true,
            Event::End(e) if e.name().as_ref() == "w:t" => inside = false,
            Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n'),
            Event::Text(t) if inside => out.push_str(&t.xml10_content()),
            Event::GeneralRef(g) if inside => out.push(match &*g {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                _ => '\'',
            }),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[cfg(unix)] // reads the PDF back with poppler's pdftotext
#[test]
fn the_minutes_of_a_generated_day_as_pdf_and_docx_hold_every_section_decision_action_and_arrival() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (day, line) = generated(&db);

    let pdf = dir.path().join("회의록.pdf");
    let more = ["--format", "pdf", "--author", "사무국 김하늘"];
    let err = export(&db, "minutes", &day, &more, &pdf);
    assert!(err.contains(pdf.to_str().unwrap()), "says where: {err}");
    let text = pdftotext(&pdf);
    assert_complete("PDF", &text, &line, &db, &day);
    assert!(squeeze(&text).contains("사무국김하늘"), "the author");

    // The .docx: chosen by the file's name alone.
    let docx = dir.path().join("회의록.docx");
    export(&db, "minutes", &day, &[], &docx);
    let bytes = std::fs::read(&docx).unwrap();
    assert_complete("docx", &docx_text(&bytes), &line, &db, &day);

    // Contacts only when asked: the 출석부 of the minutes.
    let names = arrived(&db, &day);
    let store = netday::store::Store::open(&db).unwrap();
    let phone = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| names.contains(&p.name) && !p.phone.is_empty())
        .map(|p| p.phone)
        .unwrap();
    drop(store);
    assert!(
        !squeeze(&text).contains(&squeeze(&phone)),
        "no phone unasked"
    );
    let with = dir.path().join("연락처.pdf");
    export(&db, "minutes", &day, &["--contacts"], &with);
    assert!(squeeze(&pdftotext(&with)).contains(&squeeze(&phone)));
}

#[test]
fn the_pack_writes_five_files_named_by_date_into_a_folder_or_one_zip_and_never_replaces_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (day, _) = generated(&db);
    let folder = dir.path().join("보고");
    let err = export(&db, "pack", &day, &[], &folder);
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected = vec![
        format!("서명부-{day}.pdf"),
        format!("출석부-{day}.pdf"),
        format!("참석현황-{day}.xlsx"),
        format!("회의록-{day}.docx"),
        format!("회의록-{day}.pdf"),
    ];
    expected.sort();
    assert_eq!(names, expected);
    for n in &names {
        assert!(err.contains(n.as_str()), "says what it wrote: {err}");
        let bytes = std::fs::read(folder.join(n)).unwrap();
        let magic: &[u8] = if n.ends_with(".pdf") { b"%PDF" } else { b"PK" };
        assert!(bytes.starts_with(magic), "{n}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder.join(n))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{n} is owner-only");
        }
    }
    assert!(err.contains(folder.to_str().unwrap()), "says where: {err}");

    // Again, with only the last file written left there and edited by hand: refused as a whole
    // before anything is written — it stays, and the others are not written again.
    let kept = folder.join(format!("서명부-{day}.pdf"));
    std::fs::write(&kept, "손으로 고친 파일").unwrap();
    for n in names.iter().filter(|n| !n.starts_with("서명부")) {
        std::fs::remove_file(folder.join(n)).unwrap();
    }
    let first = folder.join(format!("회의록-{day}.pdf"));
    let (code, _, err) = run(
        &db,
        &[
            "export",
            "pack",
            "--event",
            &day,
            "-o",
            folder.to_str().unwrap(),
        ],
    );
    assert_ne!(code, 0);
    assert!(err.contains("이미 있") && err.contains("서명부"), "{err}");
    assert_eq!(std::fs::read(&kept).unwrap(), "손으로 고친 파일".as_bytes());
    assert!(!first.exists(), "nothing written when one file is refused");
    export(&db, "pack", &day, &["--force"], &folder);
    assert!(std::fs::read(&kept).unwrap().starts_with(b"%PDF"));

    // One .zip holding the same five files.
    let zip_path = dir.path().join("보고.zip");
    export(&db, "pack", &day, &[], &zip_path);
    let zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut inside: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    inside.sort();
    assert_eq!(inside, expected);
}

/// The .docx opened by a real office suite: LibreOffice (headless, its own profile) reads it and
/// saves it as plain text, and every section, decision, action item and arrived name is there.
/// `.ci/run` installs libreoffice-writer-nogui; without it this test fails and says so.
#[cfg(unix)] // LibreOffice as Debian packages it
#[test]
fn libreoffice_opens_the_docx_and_reads_every_section_decision_action_and_arrival() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (day, line) = generated(&db);
    let docx = dir.path().join("minutes.docx");
    export(&db, "minutes", &day, &["--format", "docx"], &docx);
    let profile = format!("file://{}", dir.path().join("lo-profile").display());
    let out = Command::new("soffice")
        .args([
            &format!("-env:UserInstallation={profile}"),
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            dir.path().to_str().unwrap(),
            docx.to_str().unwrap(),
        ])
        .output()
        .unwrap_or_else(|e| {
            panic!("LibreOffice (soffice) is needed to open the .docx ({e}); install libreoffice-writer-nogui (.ci/run does)")
        });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("minutes.txt")).unwrap_or_else(|e| {
        panic!(
            "LibreOffice wrote no text ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_complete("docx in LibreOffice", &text, &line, &db, &day);
}
