//! Long work in the app can be stopped: an import's preview is abandoned and writes nothing; an
//! import stopped half-way has synced what it says it saved, stays named as unfinished, and
//! importing the file again finishes it without anyone twice.

use netday::progress::Progress;
use netday::progress::Stage;
use netday::state::{Action, App, Job, Modal};

use crate::common::*;

/// Says to stop once the stage named `at` has reported `after` units done; `leaving`: because
/// netday is ending (a signal).
struct StopAt {
    at: Stage,
    after: u64,
    stage: Option<Stage>,
    done: u64,
    leaving: bool,
}

impl StopAt {
    fn new(at: Stage, after: u64) -> StopAt {
        StopAt {
            at,
            after,
            stage: None,
            done: 0,
            leaving: false,
        }
    }
}

impl Progress for StopAt {
    fn start(&mut self, what: Stage, _: u64) {
        self.stage = Some(what);
        self.done = 0;
    }
    fn set(&mut self, done: u64) {
        self.done = done;
    }
    fn cancelled(&mut self) -> bool {
        self.stage == Some(self.at) && self.done >= self.after
    }
    fn ending(&mut self) -> bool {
        self.leaving && self.cancelled()
    }
}

fn list(dir: &tempfile::TempDir, rows: usize) -> std::path::PathBuf {
    let file = dir.path().join("큰 명단.csv");
    let mut csv = String::from("이름,소속,연락처\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "참가자{i},한울신협,010-7{:03}-{:04}\n",
            i / 10000,
            i % 10000
        ));
    }
    std::fs::write(&file, csv).unwrap();
    file
}

fn open_preview(app: &mut App, file: &std::path::Path) {
    while app.screen != netday::state::Screen::People {
        app.update(Action::NextScreen);
    }
    app.update(Action::ImportPeople);
    app.update(Action::Paste(file.display().to_string()));
    app.update(Action::Submit);
    assert_eq!(app.job, Some(Job::Preview));
}

fn dialog(app: &App) -> &netday::screens::ImportDialog {
    match &app.modal {
        Some(Modal::Import(d)) => d,
        other => panic!("no import dialog: {other:?}"),
    }
}

fn people_in_store(app: &App) -> usize {
    app.data.store_for_tests().people().unwrap().len()
}

#[test]
fn a_preview_stopped_while_rows_are_checked_shows_nothing_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = list(&dir, 5000);
    let (_d, mut app) = demo_app();
    app.defer_jobs = true;
    let before = people_in_store(&app);
    open_preview(&mut app, &file);
    app.run_job(&mut StopAt::new(netday::progress::Stage::CheckRows, 1000));
    let d = dialog(&app);
    assert!(d.preview.is_none(), "no half-checked preview is shown");
    let error = d.error.as_deref().unwrap_or_default();
    assert!(error.contains("가져오기를 취소했습니다"), "{error}");
    assert!(error.contains("아무것도 저장하지 않았습니다"), "{error}");
    assert_eq!(people_in_store(&app), before);

    // The dialog still works: Enter reads the file again.
    app.update(Action::Submit);
    app.run_job(&mut netday::progress::Silent);
    assert!(dialog(&app).preview.is_some());
}

#[test]
fn an_import_stopped_between_writes_says_what_is_saved_and_importing_again_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = list(&dir, 5000);
    let (_d, mut app) = demo_app();
    app.defer_jobs = true;
    let before = people_in_store(&app);
    open_preview(&mut app, &file);
    app.run_job(&mut netday::progress::Silent);
    assert!(dialog(&app).preview.is_some());

    // Stopped while the rows are checked: nothing is written, the preview stays for Enter.
    app.update(Action::Submit);
    assert_eq!(app.job, Some(Job::Import));
    app.run_job(&mut StopAt::new(netday::progress::Stage::CheckRows, 2000));
    assert!(dialog(&app).preview.is_some(), "still previewed");
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("아무것도 저장하지 않았습니다"), "{said}");
    assert_eq!(people_in_store(&app), before);
    assert!(
        app.data
            .unfinished_imports(("F9", "F9"))
            .unwrap()
            .is_empty()
    );

    // Stopped after the first people were written (2,000 a write).
    app.update(Action::Submit);
    app.run_job(&mut StopAt::new(netday::progress::Stage::Import, 1));
    assert!(app.modal.is_none(), "the preview no longer holds");
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(
        said.contains("5,000명 중 2,000명까지 저장했습니다"),
        "{said}"
    );
    assert!(said.contains("다시 가져오면"), "{said}");
    assert_eq!(people_in_store(&app), before + 2000);
    assert_eq!(app.data.roster.people.len(), before + 2000, "shown");
    assert_eq!(app.data.unfinished_imports(("F9", "F9")).unwrap().len(), 1);

    // Importing the same file again brings the rest, nobody twice, and clears the warning.
    open_preview(&mut app, &file);
    app.run_job(&mut netday::progress::Silent);
    app.update(Action::Submit);
    app.run_job(&mut netday::progress::Silent);
    assert_eq!(people_in_store(&app), before + 5000);
    assert!(
        app.data
            .unfinished_imports(("F9", "F9"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn what_a_stopped_import_says_is_saved_is_synced_before_it_returns() {
    let dir = tempfile::tempdir().unwrap();
    let file = list(&dir, 5000);
    let parsed = netday::io::csv::parse_people_csv(&std::fs::read(&file).unwrap()).unwrap();
    let (_d, store) = temp_store();
    let syncs = store.sync_count();
    // One new organisation is written first, then 2,000 people a write.
    let mut stop = StopAt::new(netday::progress::Stage::Import, 2);
    let s = netday::io::import::apply_file(&store, &parsed, &file, None, &mut stop).unwrap();
    assert_eq!(
        s.stopped,
        Some(netday::io::import::Stopped::Writing {
            people: 2000,
            of: 5000
        })
    );
    assert_eq!(
        store.sync_count() - syncs,
        2,
        "one sync records the import as under way, one makes the 2,000 people durable"
    );
    assert_eq!(store.people().unwrap().len(), 2000);
}

#[test]
fn an_import_stopped_because_netday_ends_does_not_read_everyone_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = list(&dir, 5000);
    let (_d, mut app) = demo_app();
    app.defer_jobs = true;
    let before = people_in_store(&app);
    open_preview(&mut app, &file);
    app.run_job(&mut netday::progress::Silent);
    app.update(Action::Submit);
    let mut stop = StopAt::new(netday::progress::Stage::Import, 1);
    stop.leaving = true;
    app.run_job(&mut stop);
    assert!(app.modal.is_none());
    assert_eq!(people_in_store(&app), before + 2000, "saved and synced");
    // Reading 300,000 people again would hold the quit for seconds.
    assert_eq!(app.data.roster.people.len(), before, "not read again");
}

/// An import whose "no" empties someone's kept phone asks for the rewrite of the files when it
/// ends: the event loop runs it next, with its own gauge; stopped, it is left for the next start
/// and the status says so; run, no file holds the phone.
#[test]
fn an_import_that_withdraws_consent_is_followed_by_the_rewrite_of_the_files() {
    let (d, mut app) = demo_app();
    app.defer_jobs = true;
    let kim = app
        .data
        .store_for_tests()
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "김기성")
        .unwrap();
    assert!(!kim.phone.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("동의 확인.csv");
    std::fs::write(
        &file,
        "이름,소속 기관,개인정보 수집·이용 동의\n김기성,한울신협,미동의\n",
    )
    .unwrap();
    open_preview(&mut app, &file);
    app.run_job(&mut netday::progress::Silent);
    let s = &dialog(&app).preview.as_ref().unwrap().summary;
    assert_eq!((s.withdrawn, s.updated, s.skipped), (1, 1, 0));
    app.update(Action::Submit);
    assert_eq!(app.job, Some(Job::Import));
    app.run_job(&mut netday::progress::Silent);
    assert_eq!(
        app.job,
        Some(Job::Rewrite),
        "the rewrite follows the import"
    );
    // Esc during the rewrite: left for the next start, and said.
    app.run_job(&mut StopAt::new(Stage::Compact, 0));
    assert_eq!(app.job, None);
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("다음에 netday를 열 때 새로 씁니다"), "{said}");
    assert!(app.data.shred_unfinished().unwrap());
    // The next rewrite (here asked for by hand, as the start does) leaves no copy.
    app.data
        .finish_shred(&mut netday::progress::Silent)
        .unwrap();
    let left = found_in(d.path(), &[kim.phone.clone(), kim.email.clone()]);
    assert!(left.is_empty(), "{left:?}");
}
