//! Imports and pastes cannot hide, swallow, overwrite or bloat data (issue 10).

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use netday::i18n::{Lang, set_lang};
use netday::io::csv::{RowProblem, parse_people_csv};
use netday::model::korean::{Particle, josa};
use netday::state::{Action, App};

fn empty_app() -> (tempfile::TempDir, App) {
    set_lang(Lang::Ko);
    let (dir, store) = temp_store();
    let mut app = App::with_clock(store, fixed_now).unwrap();
    app.update(Action::Cancel); // the demo offer
    (dir, app)
}

fn desk_names(app: &App) -> Vec<String> {
    app.screens
        .checkin
        .rows
        .iter()
        .map(|id| app.data.roster.person(*id).unwrap().name.clone())
        .collect()
}

#[test]
fn invisible_characters_do_not_hide_a_name_from_the_desk() {
    let (_d, mut app) = empty_app();
    let csv = "이름,소속\n\
        김\u{3164}하\u{00AD}늘\u{FE0F},한빛\u{2060}신협\n\
        \u{115F}\u{1160}\u{FFA0}\u{E0041},한빛신협\n\
        이\u{061C}영희\u{E007F},푸른생협\n";
    let parsed = parse_people_csv(csv.as_bytes()).unwrap();
    // A name of fillers alone is no name.
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].line, 3);
    assert_eq!(parsed.errors[0].reason, RowProblem::MissingName);
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), csv).unwrap();
    app.data
        .import_apply(
            &parsed,
            file.path(),
            Some(demo_date()),
            &mut netday::progress::Silent,
        )
        .unwrap();
    app.reload().unwrap();
    type_text(&mut app, "김하늘");
    assert_eq!(desk_names(&app), ["김하늘"]);
    app.update(Action::Cancel);
    type_text(&mut app, "이영희");
    assert_eq!(desk_names(&app), ["이영희"]);
    let mut orgs: Vec<String> = app
        .data
        .roster
        .orgs
        .values()
        .map(|o| o.name.clone())
        .collect();
    orgs.sort();
    assert_eq!(orgs, ["푸른생협", "한빛신협"]);
}

const FIVE_MIB: usize = 5 * 1024 * 1024;

#[test]
fn an_oversized_cell_is_a_row_error_and_the_database_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let csv = dir.path().join("big.csv");
    let huge = "가".repeat(FIVE_MIB / 3);
    std::fs::write(
        &csv,
        format!(
            "이름,소속,메모\n김하늘,한빛신협,\n{huge},한빛신협,\n이영희,푸른생협,{huge}\n박민수,,x\n"
        ),
    )
    .unwrap();
    let (code, out, err) = run(&db, &["import", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("3행: 이름 칸이 너무 깁니다"), "{err}");
    assert!(err.contains("4행: 메모 칸이 너무 깁니다"), "{err}");
    assert!(out.contains("추가 2명"), "{out}");
    let (code, out, err) = run(&db, &["export", "people"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("김하늘") && out.contains("박민수"), "{out}");
    assert!(!out.contains("이영희"), "{out}");
    let store = netday::store::Store::open(&db).unwrap();
    assert_eq!(store.people().unwrap().len(), 2);
}

fn demo_app() -> (tempfile::TempDir, App) {
    set_lang(Lang::Ko);
    let (dir, store) = demo_store();
    (dir, App::with_clock(store, fixed_now).unwrap())
}

fn cut_message(app: &App) -> String {
    let m = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(m.contains("붙여넣은 글이 너무 길어"), "{m:?}");
    m
}

#[test]
fn a_huge_paste_is_cut_to_the_field_with_a_message() {
    use netday::model::TextField;
    use netday::state::Screen;
    let (_d, mut app) = demo_app();
    let huge = "가나다라마바사".repeat(FIVE_MIB / 21);

    // Into a note: cut to the note limit, and what is saved is what was kept.
    while app.screen != Screen::Notes {
        app.update(Action::NextScreen);
    }
    app.update(Action::AddItem);
    app.update(Action::Paste(huge.clone()));
    let limit = TextField::NoteText.limit();
    assert_eq!(
        cut_message(&app),
        format!("붙여넣은 글이 너무 길어 {limit}자에서 잘랐습니다")
    );
    app.update(Action::Save);
    let eid = app.event.as_ref().unwrap().id;
    let notes = app.data.store_for_tests().notes_of_event(eid).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text.chars().count(), limit);

    // Into the walk-in form's name: a second paste finds the field full.
    while app.screen != Screen::Checkin {
        app.update(Action::NextScreen);
    }
    app.message = None;
    app.update(Action::WalkIn);
    app.update(Action::Paste(huge.clone()));
    cut_message(&app);
    let Some(form) = common::person_form(&app) else {
        panic!("walk-in form not open")
    };
    assert_eq!(form.name.text.chars().count(), TextField::Name.limit());
    app.message = None;
    app.update(Action::Paste("더".into()));
    cut_message(&app);
    let Some(form) = common::person_form(&app) else {
        panic!("walk-in form not open")
    };
    assert_eq!(form.name.text.chars().count(), TextField::Name.limit());

    // Into the desk's search box.
    app.screens.checkin.dialog = None;
    app.message = None;
    app.update(Action::Paste(huge));
    cut_message(&app);
    assert_eq!(
        app.screens.checkin.query.chars().count(),
        TextField::Search.limit()
    );

    // A paste that fits says nothing.
    app.update(Action::Cancel);
    app.message = None;
    app.update(Action::Paste("김기성".into()));
    assert_eq!(app.message, None);
    assert_eq!(app.screens.checkin.query, "김기성");
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

/// (code, name, organisation, phone, email) of everyone in the database at `db`.
fn everyone(db: &std::path::Path) -> Vec<(String, String, String, String, String)> {
    let store = netday::store::Store::open(db).unwrap();
    let orgs = store.orgs().unwrap();
    let org = |id: Option<u64>| {
        orgs.iter()
            .find(|o| Some(o.id) == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let mut v: Vec<_> = store
        .people()
        .unwrap()
        .into_iter()
        .map(|p| (p.code, p.name, org(p.org_id), p.phone, p.email))
        .collect();
    v.sort();
    v
}

#[test]
fn a_badge_code_names_a_person_only_when_the_name_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let mine = write(
        dir.path(),
        "mine.csv",
        "이름,소속,연락처,이메일\n김철수,한빛신협,010-1111-1111,kim@a.kr\n이영희,푸른생협,010-2222-2222,lee@a.kr\n",
    );
    assert_eq!(run(&a, &["import", &mine]).0, 0);
    let before = everyone(&a);
    let kim_code = before.iter().find(|p| p.1 == "김철수").unwrap().0.clone();

    // Another netday's export: its codes were handed out there, to other people.
    let theirs = write(
        dir.path(),
        "theirs.csv",
        "이름,소속,연락처,이메일\n정하늘,하늘협동조합,010-9999-9999,jung@b.kr\n박민수,마을기업,010-8888-8888,park@b.kr\n",
    );
    assert_eq!(run(&b, &["import", &theirs]).0, 0);
    let (code, exported, err) = run(&b, &["export", "people"]);
    assert_eq!(code, 0, "{err}");
    let exported = write(dir.path(), "b-export.csv", &exported);
    let (code, out, err) = run(&a, &["import", &exported]);
    assert_eq!(code, 0, "{out}{err}");
    let after = everyone(&a);
    for p in &before {
        assert!(
            after.contains(p),
            "{p:?} was changed: {after:?}\n{out}{err}"
        );
    }

    // A code that is someone else's here is reported on its line; nobody is added or changed.
    let clash = write(
        dir.path(),
        "clash.csv",
        &format!(
            "코드,이름,소속,연락처\n\
             {kim_code},정하늘,하늘협동조합,010-7777-7777\n\
             {kim},김 철수,한빛신협,010-3333-3333\n",
            kim = kim_code.to_lowercase()
        ),
    );
    let (code, out, err) = run(&a, &["import", &clash]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains(&format!(
            "2행: 배지 코드 {} 이미 다른 사람(김철수)의 코드입니다",
            josa(&kim_code, Particle::EunNeun)
        )),
        "{err}"
    );
    assert!(out.contains("데이터 2줄 중 1명 가져옴"), "{out}");
    let now = everyone(&a);
    assert_eq!(now.len(), after.len(), "nobody added: {now:?}");
    assert!(!now.iter().any(|p| p.3 == "010-7777-7777"), "{now:?}");
    // The same person (the name agrees once spaces are aside) is updated through the code.
    let kim = now.iter().find(|p| p.0 == kim_code).unwrap();
    assert_eq!(
        (kim.1.as_str(), kim.3.as_str()),
        ("김철수", "010-3333-3333")
    );
}

const STRAY_QUOTE: &str = "이름,소속,직함\n김철수,a,x\n\"이영희,b,x\n박민수,c,x\n정수진,d,x\n최지훈,\"e\",x\n한가람,f,x\n";

#[test]
fn a_stray_quote_is_reported_and_counted_in_the_cli_and_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "quote.csv", STRAY_QUOTE);
    let (code, out, err) = run(&dir.path().join("db"), &["import", &csv]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("3행: 줄 형식이 잘못되었습니다"), "{err}");
    assert!(out.contains("데이터 6줄 중 5명 가져옴"), "{out}");

    let (_d, mut app) = empty_app();
    while app.screen != netday::state::Screen::People {
        app.update(Action::NextScreen);
    }
    app.update(Action::ImportPeople);
    app.update(Action::Paste(csv));
    app.update(Action::Submit);
    let Some(netday::state::Modal::Import(d)) = &app.modal else {
        panic!("import dialog closed")
    };
    let p = d.preview.as_ref().expect("a preview");
    let lines: Vec<usize> = p.parsed.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3]);
    let s = &p.summary;
    let shown =
        netday::i18n::import_preview(s.added, s.updated, s.skipped, s.errors, p.parsed.data_lines);
    assert!(shown.starts_with("데이터 6줄 중 5명 가져옴"), "{shown}");
}

/// An import killed half-way is named on the next start (CLI and TUI), leaves no empty
/// networking day, and importing the file again gives what an uninterrupted import gives.
#[cfg(unix)]
#[test]
fn an_import_killed_half_way_is_named_and_finished_by_importing_again() {
    use std::process::{Command, Stdio};
    const ROWS: usize = 12_000;
    const DATE: &str = "2026-11-24";
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("이름,소속,연락처,이메일\n");
    for i in 0..ROWS {
        csv.push_str(&format!(
            "사람{i},조합{},010-{:04}-{:04},p{i}@ex.kr\n",
            i % 300,
            1000 + i / 10_000,
            i % 10_000
        ));
    }
    let file = write(dir.path(), "big.csv", &csv);
    let (killed, whole) = (dir.path().join("killed"), dir.path().join("whole"));
    assert_eq!(run(&killed, &["events"]).0, 0);
    let log = killed.join("db");
    let start = std::fs::metadata(&log).unwrap().len();

    let mut child = Command::new(bin())
        .arg("--db")
        .arg(&killed)
        .args(["import", &file, "--event", DATE])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed once people are landing in the log: well past what opening and the first small
    // writes add, well before the end (about 11 MiB for this file).
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed: make the file bigger"
        );
        if std::fs::metadata(&log).unwrap().len() >= start + (5 << 19) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    {
        let store = netday::store::Store::open(&killed).unwrap();
        let pending = store.pending_imports().unwrap();
        assert_eq!(pending.len(), 1, "{pending:?}");
        let abs = std::path::absolute(&file).unwrap().display().to_string();
        assert_eq!(pending[0].file, abs);
        assert_eq!(pending[0].size, csv.len() as u64);
        assert_eq!(
            pending[0].event.map(|d| d.to_string()).as_deref(),
            Some(DATE)
        );
        let landed = store.people().unwrap().len();
        assert!(landed < ROWS, "killed after the last person: {landed}");
        for e in store.events().unwrap() {
            let n = store.attendance_of_event(e.id).unwrap().len();
            assert!(n > 0, "an empty networking day was left behind: {e:?}");
        }
        set_lang(Lang::Ko);
        let app = App::with_clock(store, fixed_now).unwrap();
        let m = app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        assert!(
            m.contains("가져오기가 끝나지 않았습니다") && m.contains(&abs),
            "{m:?}"
        );
    }

    let (code, out, err) = run(&killed, &["import", &file, "--event", DATE]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("가져오기가 끝나지 않았습니다"), "{err}");
    assert!(err.contains(&format!("--event {DATE}")), "{err}");
    let (code, out, err) = run(&whole, &["import", &file, "--event", DATE]);
    assert_eq!(code, 0, "{out}{err}");

    // Badge codes are random per database, so people are compared by everything else.
    let without_codes = |db: &std::path::Path| -> Vec<_> {
        let mut v: Vec<_> = everyone(db)
            .into_iter()
            .map(|p| (p.1, p.2, p.3, p.4))
            .collect();
        v.sort();
        v
    };
    let (a, b) = (without_codes(&killed), without_codes(&whole));
    assert!(
        a == b,
        "the finished import differs from an uninterrupted one"
    );
    assert_eq!(without_codes(&killed).len(), ROWS);
    for db in [&killed, &whole] {
        let store = netday::store::Store::open(db).unwrap();
        assert!(store.pending_imports().unwrap().is_empty());
        let events = store.events().unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(store.attendance_of_event(events[0].id).unwrap().len(), ROWS);
    }
}

#[test]
fn closing_the_day_stays_undoable_after_a_restart() {
    use netday::model::AttendanceStatus;
    use netday::state::Screen;
    let (dir, mut app) = demo_app();
    while app.screen != Screen::People {
        app.update(Action::NextScreen);
    }
    let event = app.event.as_ref().unwrap().id;
    let expected = app.data.roster.count().expected;
    app.update(Action::CloseDay);
    app.update(Action::Submit);
    let no_shows = |store: &netday::store::Store| {
        store
            .attendance_of_event(event)
            .unwrap()
            .iter()
            .filter(|a| a.status == AttendanceStatus::NoShow)
            .count()
    };
    assert_eq!(no_shows(app.data.store_for_tests()), expected);
    drop(app);

    let store = netday::store::Store::open(&dir.path().join("db")).unwrap();
    let mut app = App::with_clock(store, fixed_now).unwrap();
    while app.screen != Screen::People {
        app.update(Action::NextScreen);
    }
    // Someone who turns up after all keeps their check-in through the undo.
    let late = app
        .data
        .roster
        .attendance
        .values()
        .find(|a| a.status == AttendanceStatus::NoShow)
        .unwrap()
        .person_id;
    app.check_in(late).unwrap();
    app.update(Action::UndoCloseDay);
    assert!(common::question(&app).is_some(), "{:?}", app.message);
    app.update(Action::Submit);
    assert_eq!(no_shows(app.data.store_for_tests()), 0);
    assert!(app.data.roster.status(late).unwrap().is_arrived());
    let back = app
        .data
        .store_for_tests()
        .attendance_of_event(event)
        .unwrap()
        .iter()
        .filter(|a| a.status == AttendanceStatus::Expected)
        .count();
    assert_eq!(back, expected - 1);
    // Undone once: nothing left to undo, now or after another restart.
    app.update(Action::UndoCloseDay);
    assert_eq!(app.modal, None);
    drop(app);
    let store = netday::store::Store::open(&dir.path().join("db")).unwrap();
    assert!(store.close_undo(event).unwrap().is_empty());
}
