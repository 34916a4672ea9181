//! Finding the file to import (issue 25, item 5): Ctrl-O lists the lists in Downloads,
//! Documents, the Desktop and the folders of past imports, newest first; a few jamo of the name
//! narrow it; Enter takes the chosen file to the preview; Tab completes a typed path as a shell
//! does. Each test has a home folder of its own (`App::home`), with files whose times are set.

#![allow(clippy::unwrap_used)]

use std::path::{MAIN_SEPARATOR, Path, PathBuf};

use crate::common;
use common::screen::{render, row};
use common::{at_seoul, demo_app};

use netday::model::Ts;
use netday::screens::ImportDialog;
use netday::state::{Action, App, Modal, Screen};

const FINAL: &str = "2026년 12월 참석자 명단 (최종).xlsx";
const DRAFT: &str = "2026년 12월 참석자 명단 (초안).csv";
const OLD: &str = "11월 명단.csv";
const DESKTOP: &str = "참가비 정산.xlsx";
const NOTES: &str = "회의 메모.txt";

fn csv(names: &[&str]) -> Vec<u8> {
    let mut s = String::from("이름,소속\n");
    for n in names {
        s.push_str(&format!("{n},한울신협\n"));
    }
    s.into_bytes()
}

/// A workbook of one list.
fn workbook(names: &[&str]) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(0, 0, "이름").unwrap();
    s.write_string(0, 1, "소속").unwrap();
    for (i, n) in names.iter().enumerate() {
        s.write_string(i as u32 + 1, 0, *n).unwrap();
        s.write_string(i as u32 + 1, 1, "한울신협").unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// Writes `bytes` at `path`, last changed at `when`.
fn put(path: &Path, bytes: &[u8], when: Ts) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_millis(when.0 as u64);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(at)
        .unwrap();
}

fn day(d: u32, h: u32, m: u32) -> Ts {
    at_seoul(chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap(), h, m)
}

/// A home folder as a coordinator's laptop has it: lists in Downloads (and a photo, Excel's lock
/// file, a hidden file, last year's folder), one on the Desktop, notes in Documents.
fn home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let dl = h.join("Downloads");
    put(
        &dl.join(FINAL),
        &workbook(&["김최종", "이최종"]),
        day(7, 9, 30),
    );
    put(&dl.join(DRAFT), &csv(&["김초안"]), day(5, 18, 2));
    put(&dl.join(OLD), &csv(&["박지난"]), day(1, 8, 0));
    put(&dl.join("행사 사진.jpg"), b"jpeg", day(7, 10, 0));
    put(
        &dl.join("~$2026년 12월 참석자 명단 (최종).xlsx"),
        b"lock",
        day(7, 10, 1),
    );
    put(&dl.join(".숨은 명단.csv"), b"x", day(7, 10, 2));
    put(
        &dl.join("지난 행사").join("2025 명단.csv"),
        &csv(&["최작년"]),
        day(1, 7, 0),
    );
    put(
        &h.join("Desktop").join(DESKTOP),
        &workbook(&["정산"]),
        day(6, 14, 45),
    );
    put(&h.join("Documents").join(NOTES), b"memo", day(3, 11, 20));
    home
}

/// The demo day on the People screen, looking for files in `home`.
fn app_at(home: &Path) -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app();
    app.home = Some(home.to_path_buf());
    app.screen = Screen::People;
    (dir, app)
}

/// Waits, the app ticking as the event loop does each second, until every folder of the list
/// is read (a slow disk, or wine's, may take longer than the dialog waits).
fn settle(app: &mut App) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while dialog(app).picker.reading() {
        assert!(std::time::Instant::now() < deadline, "folders never read");
        std::thread::sleep(std::time::Duration::from_millis(10));
        app.update(Action::Tick);
    }
}

/// Ctrl-O, and the folders read.
fn open(app: &mut App) {
    app.update(Action::ImportPeople);
    settle(app);
}

fn dialog(app: &App) -> &ImportDialog {
    match &app.modal {
        Some(Modal::Import(d)) => d,
        other => panic!("no import dialog: {other:?}"),
    }
}

fn listed(app: &App) -> Vec<String> {
    dialog(app)
        .picker
        .rows
        .iter()
        .map(|e| e.name.clone())
        .collect()
}

/// Types `text` key by key, Hangul as the separate jamo a 2-set IME sends.
fn type_jamo(app: &mut App, text: &str) {
    for c in netday::search::jamo_keys(text) {
        app.update(Action::Input(c));
    }
    settle(app);
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
    settle(app);
}

/// Tab, and the folder it may have completed read.
fn tab(app: &mut App) {
    app.update(Action::NextField);
    settle(app);
}

/// `parts` joined under `base` with the platform's separator, as a person types a path.
fn typed(base: &Path, parts: &[&str]) -> String {
    let mut s = base.display().to_string();
    for p in parts {
        s.push(MAIN_SEPARATOR);
        s.push_str(p);
    }
    s
}

fn path_of(app: &App) -> String {
    dialog(app).path.value().to_string()
}

#[test]
fn ctrl_o_lists_the_lists_in_downloads_and_the_desktop_newest_first() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    assert_eq!(
        listed(&app),
        [FINAL, DESKTOP, DRAFT, NOTES, OLD],
        "lists only (no photo, lock or hidden file, no folder), newest first"
    );
}

#[test]
fn a_few_jamo_of_the_name_narrow_the_list_and_enter_previews_that_file() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    // 참석자 명단 (최: the syllable being composed matches too (참ㅅ, 참서).
    type_jamo(&mut app, "참ㅅ");
    assert_eq!(listed(&app), [FINAL, DRAFT]);
    type_jamo(&mut app, "ㅓㄱ자 명단 (ㅊ");
    assert_eq!(
        path_of(&app),
        "참석자 명단 (ㅊ",
        "typed jamo compose in the field"
    );
    assert_eq!(
        listed(&app),
        [FINAL, DRAFT],
        "초안 and 최종 both start with ㅊ"
    );
    type_jamo(&mut app, "ㅚ");
    assert_eq!(listed(&app), [FINAL]);
    app.update(Action::Submit);
    let d = dialog(&app);
    let p = d.preview.as_ref().expect("Enter reads the listed file");
    assert_eq!(p.summary.added, 2, "{:?}", d.error);
    assert_eq!(
        Path::new(d.path.value()),
        home.path().join("Downloads").join(FINAL),
        "the field names the file read"
    );
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    assert!(app.data.roster.people.iter().any(|p| p.name == "이최종"));
}

#[test]
fn arrows_choose_a_row_and_tab_puts_its_path_in_the_field() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(dialog(&app).picker.selected, 2);
    tab(&mut app);
    assert_eq!(
        PathBuf::from(path_of(&app)),
        home.path().join("Downloads").join(DRAFT)
    );
    assert_eq!(dialog(&app).preview, None, "Tab only fills the field");
    app.update(Action::Submit);
    assert_eq!(
        dialog(&app).preview.as_ref().map(|p| p.summary.added),
        Some(1),
        "Enter reads the file in the field: {:?}",
        dialog(&app).error
    );
}

#[test]
fn tab_completes_a_typed_path_as_a_shell_does() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    // One folder starts so: completed whole, with its separator, and listed.
    type_text(&mut app, &typed(home.path(), &["Dow"]));
    tab(&mut app);
    assert_eq!(path_of(&app), typed(home.path(), &["Downloads", ""]));
    assert_eq!(
        listed(&app),
        [FINAL, DRAFT, OLD, "지난 행사", "행사 사진.jpg"],
        "a typed folder lists its lists, then its folders, then the rest"
    );
    // Two names start so: as far as they agree.
    type_text(&mut app, "2026");
    tab(&mut app);
    assert_eq!(
        path_of(&app),
        typed(home.path(), &["Downloads", "2026년 12월 참석자 명단 ("])
    );
    assert_eq!(listed(&app), [FINAL, DRAFT]);
    // Nothing more in common: Tab leaves the text.
    tab(&mut app);
    assert_eq!(
        path_of(&app),
        typed(home.path(), &["Downloads", "2026년 12월 참석자 명단 ("])
    );
    // ㅊㅗ could still become 최: only ㅊㅗㅇ (총, on its way to 초안) is one name.
    type_jamo(&mut app, "ㅊㅗ");
    tab(&mut app);
    assert_eq!(listed(&app), [FINAL, DRAFT]);
    type_jamo(&mut app, "ㅇ");
    tab(&mut app);
    assert_eq!(path_of(&app), typed(home.path(), &["Downloads", DRAFT]));
}

#[test]
fn a_typed_folder_is_walked_into_by_its_subfolders() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    type_text(&mut app, &typed(home.path(), &["Downloads", ""]));
    let at = listed(&app).iter().position(|n| n == "지난 행사").unwrap();
    for _ in 0..at {
        app.update(Action::Down);
    }
    app.update(Action::Submit);
    settle(&mut app);
    assert_eq!(dialog(&app).preview, None, "Enter on a folder opens it");
    assert_eq!(
        path_of(&app),
        typed(home.path(), &["Downloads", "지난 행사", ""])
    );
    assert_eq!(listed(&app), ["2025 명단.csv"]);
    app.update(Action::Submit);
    assert_eq!(
        dialog(&app).preview.as_ref().map(|p| p.summary.added),
        Some(1)
    );
}

#[test]
fn a_file_typed_in_full_is_read_as_typed_even_with_a_row_chosen() {
    let home = home();
    let folder = home.path().join("행사");
    put(&folder.join("명단.csv"), &csv(&["정명단"]), day(1, 9, 0));
    put(
        &folder.join("새 명단.csv"),
        &csv(&["새사람", "또사람"]),
        day(6, 9, 0),
    );
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    type_text(&mut app, &typed(&folder, &["명단.csv"]));
    assert_eq!(
        listed(&app),
        ["새 명단.csv", "명단.csv"],
        "the newer file also holds the name, and comes first"
    );
    app.update(Action::Submit);
    assert_eq!(Path::new(&path_of(&app)), folder.join("명단.csv"));
    assert_eq!(
        dialog(&app).preview.as_ref().map(|p| p.summary.added),
        Some(1),
        "the file typed, not the row above it"
    );
}

#[test]
fn nothing_listed_leaves_enter_to_the_typed_path() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    type_text(&mut app, "없는파일");
    assert!(listed(&app).is_empty());
    app.update(Action::Submit);
    let d = dialog(&app);
    assert_eq!(d.preview, None);
    assert!(
        d.error.as_deref().is_some_and(|e| e.contains("없는파일")),
        "the error names what was typed: {:?}",
        d.error
    );
}

#[test]
fn the_folder_of_an_import_is_listed_first_next_time_and_kept_in_the_database() {
    let home = home();
    let elsewhere = home.path().join("행사").join("12월");
    put(
        &elsewhere.join("특별 명단.csv"),
        &csv(&["한특별"]),
        day(2, 9, 0),
    );
    let (dir, mut app) = app_at(home.path());
    open(&mut app);
    assert!(!listed(&app).contains(&"특별 명단.csv".to_string()));
    type_text(&mut app, &typed(&elsewhere, &["특별 명단.csv"]));
    app.update(Action::Submit);
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "imported");
    assert_eq!(
        app.data.recent_import_folders(),
        std::slice::from_ref(&elsewhere)
    );

    open(&mut app);
    assert_eq!(
        listed(&app),
        [FINAL, DESKTOP, DRAFT, NOTES, "특별 명단.csv", OLD],
        "the folder of the last import is looked in"
    );
    app.update(Action::Cancel);
    drop(app);
    let store = netday::store::Store::open(&dir.path().join("db")).unwrap();
    assert_eq!(
        store.recent_import_folders(),
        [elsewhere.display().to_string()],
        "remembered in the database"
    );
}

#[test]
fn a_cancelled_or_failed_import_is_not_remembered() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    // Esc at the preview: nothing imported.
    open(&mut app);
    app.update(Action::Submit);
    assert!(dialog(&app).preview.is_some());
    app.update(Action::Cancel);
    app.update(Action::Cancel);
    assert_eq!(app.modal, None);
    // A list whose every row fails: nobody imported.
    let broken = home.path().join("깨진").join("이름 없는 명단.csv");
    put(
        &broken,
        "이름,소속\n,한울신협\n,새솔신협\n".as_bytes(),
        day(7, 12, 0),
    );
    open(&mut app);
    type_text(&mut app, &broken.display().to_string());
    app.update(Action::Submit);
    assert!(dialog(&app).preview.is_some(), "{:?}", dialog(&app).error);
    app.update(Action::Submit);
    assert!(
        app.data.recent_import_folders().is_empty(),
        "only a folder something was imported from is remembered"
    );
}

#[test]
fn a_huge_folder_is_read_only_so_far() {
    let home = tempfile::tempdir().unwrap();
    let dl = home.path().join("Downloads");
    std::fs::create_dir_all(&dl).unwrap();
    for i in 0..netday::files::listing::PER_FOLDER + 500 {
        std::fs::write(dl.join(format!("명단 {i:04}.csv")), b"").unwrap();
    }
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    let p = &dialog(&app).picker;
    assert!(
        p.matched <= netday::files::listing::PER_FOLDER && p.rows.len() <= p.matched,
        "matched {}",
        p.matched
    );
    // The rows shown are a few of them, and the dialog says how many matched.
    let shown = (0..24)
        .map(|y| row(&render(&app, 80, 24), y))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(shown.contains(&format!("{}개 중", p.matched)), "{shown}");
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_is_left_out_without_a_word() {
    use std::os::unix::fs::PermissionsExt;
    let home = home();
    let docs = home.path().join("Documents");
    std::fs::set_permissions(&docs, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    let names = listed(&app);
    std::fs::set_permissions(&docs, std::fs::Permissions::from_mode(0o700)).unwrap();
    // Root reads every folder: then Documents is listed after all.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        assert_eq!(names, [FINAL, DESKTOP, DRAFT, OLD]);
    }
    assert_eq!(dialog(&app).error, None);
}

/// The dialog as the eye reads it, trailing blanks cut.
fn text(app: &App, w: u16, h: u16) -> String {
    let buf = render(app, w, h);
    let shown = (0..h)
        .map(|y| row(&buf, y).trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    // A folder is shown with the platform's separator.
    #[cfg(windows)]
    let shown = shown.replace("~\\", "~/");
    shown
}

#[test]
fn the_picker_lines_up_hangul_names_at_80x24_and_120x40() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = text(&app, w, h);
        insta::assert_snapshot!(format!("import_picker_usual_{w}x{h}"), shown);
    }
    type_jamo(&mut app, "명단");
    app.update(Action::Down);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("import_picker_typed_{w}x{h}"), text(&app, w, h));
    }
}

#[test]
fn the_picker_columns_line_up_whatever_the_names_width() {
    let home = home();
    let (_d, mut app) = app_at(home.path());
    open(&mut app);
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let buf = render(&app, w, h);
        let cols: Vec<usize> = (0..h)
            .filter(|y| row(&buf, *y).contains("12-0"))
            .map(|y| common::screen::col_of(&buf, y, "12-0").unwrap())
            .collect();
        assert_eq!(cols.len(), 5, "{w}x{h}: every list has its time");
        assert!(
            cols.windows(2).all(|c| c[0] == c[1]),
            "{w}x{h}: times in one column: {cols:?}"
        );
    }
}
