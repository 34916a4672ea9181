//! Files the TUI writes for the user (minutes with `m`, the people list with Ctrl-E): a file
//! that is already there is replaced only after a yes, new files are owner-only, and nothing is
//! ever written inside the database directory.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{render, screen};
use common::{demo_store, fixed_now};
use netday::state::unit::Question;

use std::path::Path;

use netday::i18n::{Lang, set_lang};
use netday::screens::{ReplaceFile, Writing};
use netday::state::{Action, App, Modal, Screen};

/// The demo day; files go to the temporary directory that also holds the database.
fn app() -> (tempfile::TempDir, App) {
    set_lang(Lang::Ko);
    let (dir, store) = demo_store();
    let mut app = App::with_clock(store, fixed_now).unwrap();
    app.export_dir = Some(dir.path().to_path_buf());
    (dir, app)
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn minutes_ask_before_replacing_a_hand_edited_file() {
    let (dir, mut app) = app();
    app.screen = Screen::Notes;
    let file = dir.path().join("회의록-2026-11-24.md");

    app.update(Action::ExportMinutes);
    app.update(Action::Submit); // the proposed file
    assert_eq!(app.modal, None);
    let minutes = std::fs::read_to_string(&file).unwrap();
    assert!(minutes.starts_with("# "), "{minutes}");
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600, "minutes hold phone numbers: owner-only");

    std::fs::write(&file, "손으로 고친 회의록").unwrap();
    app.update(Action::ExportMinutes);
    app.update(Action::Submit); // the proposed file
    assert_eq!(
        common::question(&app),
        Some(&Question::Replace(Box::new(ReplaceFile {
            path: file.clone(),
            what: Writing::Minutes(netday::model::MinutesFormat::Markdown)
        })))
    );
    let shown = screen(&render(&app, 120, 36));
    assert!(
        shown.contains("바꿀까요") && shown.contains("회의록-2026-11-24.md"),
        "the confirm names the file:\n{shown}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "손으로 고친 회의록"
    );

    app.update(Action::No);
    assert_eq!(app.modal, None);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "손으로 고친 회의록"
    );
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(
        said.contains("그대로") && said.contains("회의록-2026-11-24.md"),
        "{said}"
    );

    app.update(Action::ExportMinutes);
    app.update(Action::Submit); // the proposed file
    app.update(Action::Yes);
    assert_eq!(app.modal, None);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), minutes);
    assert!(app.message.as_ref().unwrap().text.contains("썼습니다"));
}

fn export_to(app: &mut App, path: &Path) {
    app.update(Action::ExportPeople);
    assert!(matches!(app.modal, Some(Modal::Export(_))));
    for _ in 0..80 {
        app.update(Action::Backspace);
    }
    app.update(Action::Paste(path.display().to_string()));
    app.update(Action::Submit);
}

#[test]
fn people_export_asks_before_replacing_and_never_writes_into_the_database() {
    let (dir, mut app) = app();
    app.update(Action::NextScreen);
    assert_eq!(app.screen, Screen::People);

    let file = dir.path().join("명단.csv");
    export_to(&mut app, &file);
    assert_eq!(app.modal, None);
    let csv = std::fs::read(&file).unwrap();
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);

    std::fs::write(&file, "고친 명단").unwrap();
    export_to(&mut app, &file);
    assert!(matches!(common::question(&app), Some(Question::Replace(r)) if r.path == file));
    app.update(Action::Cancel);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "고친 명단");
    assert!(app.message.as_ref().unwrap().text.contains("그대로"));

    export_to(&mut app, &file);
    app.update(Action::Submit);
    assert_eq!(std::fs::read(&file).unwrap(), csv);

    // The database's own log, by its path: refused, in the dialog, nothing touched.
    let log = app.data.store_for_tests().path().join("db");
    let before = std::fs::read(&log).unwrap();
    export_to(&mut app, &log);
    let Some(Modal::Export(d)) = &app.modal else {
        panic!("the dialog stays open with the reason: {:?}", app.modal);
    };
    assert!(
        d.error.as_deref().unwrap().contains("데이터베이스 폴더"),
        "{:?}",
        d.error
    );
    assert_eq!(std::fs::read(&log).unwrap(), before);
}

/// `t` on the minutes screen writes the chat text (.txt proposed); a path ending in .md writes
/// Markdown whatever key opened the dialog, and .txt writes text.
#[test]
fn minutes_for_a_chat_group_are_plain_text() {
    let (dir, mut app) = app();
    app.screen = Screen::Notes;
    app.update(Action::ExportMinutesText);
    app.update(Action::Submit); // the proposed file
    assert_eq!(app.modal, None);
    let text = std::fs::read_to_string(dir.path().join("회의록-2026-11-24.txt")).unwrap();
    assert!(text.starts_with("[회의록]"), "{text}");
    assert!(!text.contains('#') && !text.contains("**") && !text.contains('|'));
    // The extension decides: Markdown asked for, .txt typed.
    app.update(Action::ExportMinutes);
    let to = dir.path().join("단톡방.txt");
    app.update(Action::ClearField);
    app.update(Action::Paste(to.display().to_string()));
    app.update(Action::Submit);
    assert!(
        std::fs::read_to_string(&to)
            .unwrap()
            .starts_with("[회의록]")
    );
}

/// Tab in the minutes dialog goes through the file types, the proposed name following it; the
/// PDF and the .docx are written as the command line writes them.
#[test]
fn the_minutes_dialog_offers_pdf_docx_markdown_and_text_with_tab() {
    let (dir, mut app) = app();
    app.screen = Screen::Notes;
    app.update(Action::ExportMinutes);
    let path = |app: &App| match &app.modal {
        Some(Modal::Export(d)) => d.path.trim().to_string(),
        other => panic!("{other:?}"),
    };
    assert!(path(&app).ends_with("회의록-2026-11-24.md"));
    app.update(Action::CycleFormat);
    assert!(path(&app).ends_with("회의록-2026-11-24.txt"));
    app.update(Action::CycleFormat);
    assert!(path(&app).ends_with("회의록-2026-11-24.pdf"));
    let shown = screen(&render(&app, 120, 36));
    assert!(
        shown.contains("회의록 저장 (PDF)") && shown.contains("Tab 형식"),
        "{shown}"
    );
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    let pdf = std::fs::read(dir.path().join("회의록-2026-11-24.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    #[cfg(unix)]
    assert_eq!(mode(&dir.path().join("회의록-2026-11-24.pdf")), 0o600);

    app.update(Action::ExportMinutes);
    for _ in 0..3 {
        app.update(Action::CycleFormat);
    }
    assert!(path(&app).ends_with("회의록-2026-11-24.docx"));
    app.update(Action::Submit);
    let docx = std::fs::read(dir.path().join("회의록-2026-11-24.docx")).unwrap();
    assert!(docx.starts_with(b"PK"));
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("회의록-2026-11-24.docx"), "{said}");
}

/// p on the minutes screen: the day's evidence pack into a folder named by the date (Tab: one
/// .zip), said with every file; asked again, it asks before replacing.
#[test]
fn p_writes_the_evidence_pack_and_asks_before_replacing_it() {
    let (dir, mut app) = app();
    app.screen = Screen::Notes;
    app.update(Action::ExportPack);
    let shown = screen(&render(&app, 120, 36));
    assert!(shown.contains("결과보고 자료 저장"), "{shown}");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    let folder = dir.path().join("결과보고-2026-11-24");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "서명부-2026-11-24.pdf",
            "참석현황-2026-11-24.xlsx",
            "출석부-2026-11-24.pdf",
            "회의록-2026-11-24.docx",
            "회의록-2026-11-24.pdf",
        ]
    );
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(
        said.contains("결과보고-2026-11-24") && said.contains("5개"),
        "{said}"
    );

    // Again: a question, and No leaves every file as it was.
    let before = std::fs::read(folder.join("회의록-2026-11-24.pdf")).unwrap();
    std::fs::write(folder.join("회의록-2026-11-24.pdf"), "고친 파일").unwrap();
    app.update(Action::ExportPack);
    app.update(Action::Submit);
    assert!(matches!(
        common::question(&app),
        Some(Question::Replace(r)) if r.what == Writing::Pack
    ));
    app.update(Action::No);
    assert_eq!(
        std::fs::read(folder.join("회의록-2026-11-24.pdf")).unwrap(),
        "고친 파일".as_bytes()
    );
    app.update(Action::ExportPack);
    app.update(Action::Submit);
    app.update(Action::Yes);
    assert_eq!(
        std::fs::read(folder.join("회의록-2026-11-24.pdf")).unwrap(),
        before,
        "the same day makes the same PDF"
    );

    // Tab: one .zip beside it.
    app.update(Action::ExportPack);
    app.update(Action::CycleFormat);
    app.update(Action::Submit);
    let zip = std::fs::read(dir.path().join("결과보고-2026-11-24.zip")).unwrap();
    assert!(zip.starts_with(b"PK"));
}

/// Ctrl-P on the People screen: the menu names the three documents, Enter proposes a file,
/// and the PDF written is the one `netday print` makes.
#[test]
fn printing_from_the_people_screen_writes_the_chosen_pdf() {
    let (dir, mut app) = app();
    app.screen = Screen::People;
    app.update(Action::Print);
    let shown = screen(&render(&app, 100, 30));
    for doc in ["참석자 서명부", "이름표", "출석부", "QR 코드"] {
        assert!(shown.contains(doc), "{doc}:\n{shown}");
    }
    app.update(Action::Down);
    app.update(Action::Submit);
    app.update(Action::Submit); // the badges' options as they are
    let Some(Modal::Export(d)) = &app.modal else {
        panic!("asks where: {:?}", app.modal);
    };
    assert_eq!(
        d.what,
        Writing::Print(netday::model::PrintKind::Badges, Default::default())
    );
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let pdf = std::fs::read(dir.path().join("이름표-2026-11-24.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let said = screen(&render(&app, 100, 30));
    assert!(said.contains("PDF를 썼습니다"), "{said}");
    // Asked again for the same file: the confirm, never a silent replace.
    // The menu opens on the sheet printed last.
    app.update(Action::Print);
    app.update(Action::Submit);
    app.update(Action::Submit);
    app.update(Action::Submit);
    assert!(matches!(common::question(&app), Some(Question::Replace(_))));
}

/// Ctrl-E proposes an Excel file; the workbook holds the view as shown, and a .csv name gives
/// the CSV.
#[test]
fn the_people_view_exports_as_a_workbook_or_a_csv_by_its_name() {
    use calamine::{Reader, Xlsx};
    let (dir, mut app) = app();
    app.screen = Screen::People;
    app.update(Action::ExportPeople);
    let Some(Modal::Export(d)) = &app.modal else {
        panic!("asks where");
    };
    assert!(d.path.value().ends_with(".xlsx"), "Excel proposed");
    let rows = app.screens.people.rows.len();
    let xlsx = dir.path().join("명단.xlsx");
    export_to(&mut app, &xlsx);
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = book.worksheet_range("사람").unwrap();
    assert_eq!(sheet.height(), rows + 1, "header and every row of the view");
    let csv = dir.path().join("명단.csv");
    export_to(&mut app, &csv);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}코드,이름"), "{text}");
    assert_eq!(text.lines().count(), rows + 1);
}

/// Printing from the app is a job like an import: the gauge hears every page, and the file is
/// written when the job has run.
#[test]
fn printing_in_the_app_reports_each_page_to_the_gauge() {
    use netday::progress::Stage;
    use netday::state::Job;
    struct Seen(Vec<(&'static str, u64)>, Vec<u64>);
    impl netday::progress::Progress for Seen {
        fn start(&mut self, what: Stage, total: u64) {
            self.0.push((netday::i18n::stage_label(what).0, total));
        }
        fn set(&mut self, done: u64) {
            self.1.push(done);
        }
    }
    let (dir, mut app) = app();
    app.defer_jobs = true;
    app.screen = Screen::People;
    app.update(Action::Print);
    app.update(Action::Down);
    app.update(Action::Submit);
    app.update(Action::Submit); // the options as they are
    app.update(Action::Submit);
    assert_eq!(app.job, Some(Job::Write));
    let file = dir.path().join("이름표-2026-11-24.pdf");
    assert!(!file.exists(), "nothing written before the job runs");
    let mut seen = Seen(Vec::new(), Vec::new());
    app.run_job(&mut seen);
    assert!(file.exists());
    // 39 registered, 8 badges a page: 5 pages, each reported.
    assert_eq!(seen.0, vec![("쪽 만드는 중", 5)]);
    assert_eq!(seen.1, vec![1, 2, 3, 4, 5]);
    assert_eq!(app.modal, None);
}

/// A name in a script the print font lacks prints as "?" marks, and the app says whose it was
/// (in the warning tone), so the badge can be written by hand.
#[test]
fn printing_from_the_app_names_whose_letters_the_font_lacks() {
    use netday::state::Tone;
    let (dir, mut app) = app();
    let mut kim = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "김기성")
        .unwrap()
        .clone();
    kim.name = "สมชาย ใจดี".into();
    app.data.save_person(&mut kim, None, None).unwrap();
    app.screen = Screen::People;
    app.update(Action::Print);
    app.update(Action::Down);
    app.update(Action::Submit);
    app.update(Action::Submit); // the options as they are
    app.update(Action::Submit);
    assert!(dir.path().join("이름표-2026-11-24.pdf").exists());
    let said = app.message.as_ref().unwrap();
    assert_eq!(said.tone, Tone::Warn, "{}", said.text);
    assert!(
        said.text.contains("PDF를 썼습니다") && said.text.contains("สมชาย ใจดี"),
        "{}",
        said.text
    );
    assert!(said.text.contains("손으로"), "{}", said.text);
}
