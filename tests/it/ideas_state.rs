//! Ideas board state: moves and their history, the form, linking from a note, filters, export.
#![allow(clippy::unwrap_used)] // tests may unwrap (BRIEF)

use crate::common;
use netday::screens::ideas::IdeaDialog;

use std::cell::Cell;

use chrono::NaiveDate;
use netday::i18n::{Lang, set_lang};
use netday::model::{Id, Idea, IdeaCategory, IdeaStatus, Note, NoteKind, Owner, Ts};
use netday::screens::ideas::STALE_DAYS;
use netday::state::{Action, App, Screen};
use netday::store::Store;

const DAY: i64 = 24 * 60 * 60 * 1000;

thread_local! {
    /// Each test runs on its own thread, so each has its own clock.
    static NOW: Cell<i64> = const { Cell::new(0) };
}
fn clock() -> Ts {
    Ts(NOW.with(|n| n.get()))
}
fn set_now(t: Ts) {
    NOW.with(|n| n.set(t.0));
}

fn demo_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}
/// Noon UTC on the demo day.
fn t0() -> Ts {
    Ts(demo_date()
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis())
}

fn setup() -> (tempfile::TempDir, App) {
    common::seoul();
    set_lang(Lang::Ko);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    netday::demo::load(&store, demo_date()).unwrap();
    set_now(t0());
    let mut app = App::with_clock(store, clock).unwrap();
    app.screen = Screen::Ideas;
    (dir, app)
}

fn keys(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}
fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

fn stored(app: &App, id: Id) -> Idea {
    app.data
        .store_for_tests()
        .ideas()
        .unwrap()
        .into_iter()
        .find(|i| i.id == id)
        .unwrap()
}

fn org_id(app: &App, name: &str) -> Id {
    app.data
        .roster
        .orgs
        .values()
        .find(|o| o.name == name)
        .unwrap()
        .id
}
fn person_id(app: &App, name: &str) -> Id {
    app.data
        .roster
        .people
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

/// Puts the selection on the idea titled `title`.
fn select(app: &mut App, title: &str) -> Id {
    let id = app
        .screens
        .ideas
        .ideas
        .iter()
        .find(|i| i.title == title)
        .unwrap()
        .id;
    app.screens.ideas.select(id, app.now());
    assert_eq!(
        app.screens.ideas.selected(app.now()).map(|i| i.id),
        Some(id)
    );
    id
}

#[test]
fn demo_ideas_are_on_the_board_in_their_columns() {
    let (_d, app) = setup();
    assert_eq!(app.screens.ideas.ideas.len(), 6);
    let now = app.now();
    assert_eq!(app.screens.ideas.column(IdeaStatus::Idea, now).len(), 2);
    assert_eq!(
        app.screens.ideas.column(IdeaStatus::Exploring, now).len(),
        2
    );
    assert_eq!(app.screens.ideas.column(IdeaStatus::Agreed, now).len(), 1);
    assert_eq!(
        app.screens.ideas.column(IdeaStatus::InProgress, now).len(),
        1
    );
    assert_eq!(app.screens.ideas.counts(now), [2, 2, 1, 1, 0, 0]);
    assert_eq!(
        app.screens.ideas.columns().len(),
        5,
        "dropped hidden by default"
    );
}

#[test]
fn moving_forward_and_back_records_history_durably() {
    let (dir, mut app) = setup();
    let id = select(&mut app, "상호 조합원 인증제");
    set_now(Ts(t0().0 + 3 * DAY));
    app.update(Action::MoveIdeaForward);
    let i = stored(&app, id);
    assert_eq!(i.status, IdeaStatus::Exploring);
    let last = i.history.last().unwrap();
    assert_eq!(
        (last.at, last.from, last.to),
        (clock(), IdeaStatus::Idea, IdeaStatus::Exploring)
    );
    assert_eq!(i.updated, clock());
    // The selection follows the idea into its new column.
    assert_eq!(app.screens.ideas.selected_status(), IdeaStatus::Exploring);
    assert_eq!(
        app.screens.ideas.selected(app.now()).map(|i| i.id),
        Some(id)
    );

    keys(&mut app, [Action::MoveIdeaForward, Action::MoveIdeaForward]);
    keys(&mut app, [Action::MoveIdeaBack]);
    let i = stored(&app, id);
    assert_eq!(i.status, IdeaStatus::Agreed);
    let steps: Vec<(IdeaStatus, IdeaStatus)> = i.history.iter().map(|m| (m.from, m.to)).collect();
    assert_eq!(
        steps,
        vec![
            (IdeaStatus::Idea, IdeaStatus::Exploring),
            (IdeaStatus::Exploring, IdeaStatus::Agreed),
            (IdeaStatus::Agreed, IdeaStatus::InProgress),
            (IdeaStatus::InProgress, IdeaStatus::Agreed),
        ]
    );

    // Survives closing and reopening the database.
    drop(app);
    let store = Store::open(&dir.path().join("db")).unwrap();
    let again = store
        .ideas()
        .unwrap()
        .into_iter()
        .find(|i| i.id == id)
        .unwrap();
    assert_eq!(again.status, IdeaStatus::Agreed);
    assert_eq!(again.history.len(), 4);
}

#[test]
fn no_move_past_either_end_of_the_pipeline() {
    let (_d, mut app) = setup();
    let id = select(&mut app, "권역별 지역협의회 구성");
    app.update(Action::MoveIdeaBack);
    assert_eq!(stored(&app, id).status, IdeaStatus::Idea);
    assert!(stored(&app, id).history.is_empty());
    for _ in 0..6 {
        app.update(Action::MoveIdeaForward);
    }
    let i = stored(&app, id);
    assert_eq!(i.status, IdeaStatus::Done);
    assert_eq!(i.history.len(), 4);
}

#[test]
fn drop_hides_and_restore_returns_to_the_previous_status() {
    let (_d, mut app) = setup();
    let id = select(&mut app, "생협·신협 공동 바이소셜 장터");
    app.update(Action::DropIdea);
    assert_eq!(stored(&app, id).status, IdeaStatus::Dropped);
    let now = app.now();
    assert!(
        app.screens
            .ideas
            .columns()
            .iter()
            .all(|s| *s != IdeaStatus::Dropped)
    );
    assert_eq!(
        app.screens.ideas.counts(now)[IdeaStatus::Dropped as usize],
        1
    );
    // Moving a dropped idea with < > is refused; x restores it.
    app.update(Action::ToggleDropped);
    assert_eq!(
        app.screens.ideas.columns().last(),
        Some(&IdeaStatus::Dropped)
    );
    let id2 = select(&mut app, "생협·신협 공동 바이소셜 장터");
    assert_eq!(id, id2);
    app.update(Action::MoveIdeaForward);
    assert_eq!(stored(&app, id).status, IdeaStatus::Dropped);
    app.update(Action::DropIdea);
    let i = stored(&app, id);
    assert_eq!(i.status, IdeaStatus::Agreed);
    let last = i.history.last().unwrap();
    assert_eq!(
        (last.from, last.to),
        (IdeaStatus::Dropped, IdeaStatus::Agreed)
    );
}

#[test]
fn column_and_row_selection_with_arrows() {
    let (_d, mut app) = setup();
    assert_eq!(app.screens.ideas.col, 0);
    app.update(Action::PrevColumn);
    assert_eq!(
        app.screens.ideas.selected_status(),
        IdeaStatus::Done,
        "wraps around"
    );
    app.update(Action::NextColumn);
    app.update(Action::NextColumn);
    assert_eq!(app.screens.ideas.selected_status(), IdeaStatus::Exploring);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(
        app.screens.ideas.row, 1,
        "clamped to the column's last card"
    );
    app.update(Action::NextColumn);
    assert_eq!(
        app.screens.ideas.row, 0,
        "clamped in a column with one card"
    );
}

#[test]
fn new_idea_through_the_form_with_picked_orgs_and_owner() {
    let (_d, mut app) = setup();
    app.update(Action::NewIdea);
    typed(&mut app, "마을 공유부엌 공동 운영");
    keys(&mut app, [Action::NextField, Action::Right, Action::Right]);
    keys(&mut app, [Action::NextField]);
    typed(&mut app, "한울신협");
    app.update(Action::Submit); // picks the suggestion
    typed(&mut app, "햇살생협");
    app.update(Action::Submit);
    keys(&mut app, [Action::NextField]);
    typed(&mut app, "김기성");
    app.update(Action::Submit); // takes the owner and moves on, as every lookup does
    typed(&mut app, "장소 후보 정리");
    keys(&mut app, [Action::NextField]);
    typed(&mut app, "12-01");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "saved and closed");
    let i = app
        .data
        .store_for_tests()
        .ideas()
        .unwrap()
        .into_iter()
        .find(|i| i.title == "마을 공유부엌 공동 운영")
        .unwrap();
    assert_eq!(i.category, IdeaCategory::ALL[1]);
    assert_eq!(
        i.org_ids,
        vec![org_id(&app, "한울신협"), org_id(&app, "햇살생협")]
    );
    assert_eq!(i.owner, Some(person_id(&app, "김기성")));
    assert_eq!(i.next_step, "장소 후보 정리");
    assert_eq!(i.next_due, NaiveDate::from_ymd_opt(2026, 12, 1));
    assert_eq!(i.status, IdeaStatus::Idea);
    assert_eq!((i.created, i.updated), (t0(), t0()));
    assert!(i.history.is_empty());
    assert_eq!(
        app.screens.ideas.selected(app.now()).map(|x| x.id),
        Some(i.id)
    );
}

#[test]
fn form_refuses_empty_title_and_bad_date_and_keeps_the_input() {
    let (_d, mut app) = setup();
    app.update(Action::NewIdea);
    app.update(Action::Submit);
    let Some(IdeaDialog::Form(f)) = &app.screens.ideas.dialog else {
        panic!("form closed")
    };
    assert!(f.form.error.is_some());
    typed(&mut app, "제목");
    for _ in 0..5 {
        app.update(Action::NextField);
    }
    typed(&mut app, "13월");
    app.update(Action::Submit);
    let Some(IdeaDialog::Form(f)) = &app.screens.ideas.dialog else {
        panic!("form closed")
    };
    assert_eq!(f.title, "제목");
    assert!(f.form.error.is_some());
    assert_eq!(
        app.data.store_for_tests().ideas().unwrap().len(),
        6,
        "nothing saved"
    );
    // Esc on a changed form asks once, then discards.
    app.update(Action::Cancel);
    assert!(matches!(
        app.screens.ideas.dialog,
        Some(IdeaDialog::Form(_))
    ));
    app.update(Action::Cancel);
    assert_eq!(app.modal, None);
}

#[test]
fn editing_keeps_status_history_and_links() {
    let (_d, mut app) = setup();
    let id = select(&mut app, "교육장·회의실 공유 달력");
    let before = stored(&app, id);
    app.update(Action::EditIdea);
    typed(&mut app, " 2차");
    set_now(Ts(t0().0 + DAY));
    app.update(Action::Submit);
    let after = stored(&app, id);
    assert_eq!(after.title, "교육장·회의실 공유 달력 2차");
    assert_eq!(after.status, before.status);
    assert_eq!(after.history, before.history);
    assert_eq!(after.created, before.created);
    assert_eq!(after.updated, clock());
    assert_eq!(app.data.store_for_tests().ideas().unwrap().len(), 6);
}

fn a_note(app: &App) -> Note {
    app.data
        .store_for_tests()
        .notes()
        .unwrap()
        .into_iter()
        .find(|n| n.text.contains("신협"))
        .unwrap()
}

#[test]
fn idea_started_from_a_note_links_it() {
    let (_d, mut app) = setup();
    app.screen = Screen::Checkin;
    let mut note = a_note(&app);
    note.text = format!(
        "공동 교육 프로그램\n한울신협과 햇살생협이 같이\n{}",
        note.text
    );
    app.start_idea_from_note(&note);
    assert_eq!(app.screen, Screen::Ideas);
    let Some(IdeaDialog::Form(f)) = &app.screens.ideas.dialog else {
        panic!("no form")
    };
    assert_eq!(f.title, "공동 교육 프로그램");
    assert_eq!(f.note_ids, vec![note.id]);
    assert!(f.org_ids.contains(&org_id(&app, "한울신협")));
    assert!(f.org_ids.contains(&org_id(&app, "햇살생협")));
    assert!(f.description.starts_with("한울신협과 햇살생협이 같이"));
    app.update(Action::Submit);
    let i = app
        .data
        .store_for_tests()
        .ideas()
        .unwrap()
        .into_iter()
        .find(|i| i.title == "공동 교육 프로그램")
        .unwrap();
    assert_eq!(i.note_ids, vec![note.id]);

    // The detail view loads the linked note's text.
    app.update(Action::Submit);
    let Some(IdeaDialog::Detail(d)) = &app.screens.ideas.dialog else {
        panic!("no detail")
    };
    assert_eq!(d.id, i.id);
    assert_eq!(d.notes.len(), 1);
    assert_eq!(d.notes[0].id, note.id);
}

#[test]
fn action_note_brings_its_owner_and_due_date() {
    let (_d, mut app) = setup();
    let mut note = a_note(&app);
    let kim = person_id(&app, "김기성");
    note.kind = NoteKind::Action {
        owner: Owner::Person(kim),
        due: NaiveDate::from_ymd_opt(2026, 12, 15),
        done: false,
    };
    app.start_idea_from_note(&note);
    app.update(Action::Submit);
    let i = app
        .data
        .store_for_tests()
        .ideas()
        .unwrap()
        .into_iter()
        .find(|i| i.note_ids == vec![note.id])
        .unwrap();
    assert_eq!(i.owner, Some(kim));
    assert_eq!(i.next_due, NaiveDate::from_ymd_opt(2026, 12, 15));
}

#[test]
fn filters_by_category_org_owner_and_text() {
    let (_d, mut app) = setup();
    let now = app.now();
    // Category through the filter menu: → picks the first category.
    keys(
        &mut app,
        [Action::FilterMenu, Action::Right, Action::Submit],
    );
    assert_eq!(
        app.screens.ideas.filter.category,
        Some(IdeaCategory::MainBankAccount)
    );
    assert_eq!(app.screens.ideas.counts(now), [0, 1, 0, 0, 0, 0]);
    app.update(Action::Cancel);
    assert!(
        !app.screens.ideas.filter.is_active(),
        "Esc on the board clears it"
    );

    // Organisation: typed and picked.
    keys(&mut app, [Action::FilterMenu, Action::NextField]);
    typed(&mut app, "새솔신협");
    keys(&mut app, [Action::Submit, Action::Submit]);
    assert_eq!(app.screens.ideas.filter.org, Some(org_id(&app, "새솔신협")));
    assert_eq!(app.screens.ideas.counts(now).iter().sum::<usize>(), 3);

    // Owner on top of it.
    app.screens.ideas.filter = Default::default();
    keys(
        &mut app,
        [Action::FilterMenu, Action::NextField, Action::NextField],
    );
    typed(&mut app, "한지민");
    keys(&mut app, [Action::Submit, Action::Submit]);
    assert_eq!(
        app.screens.ideas.filter.owner,
        Some(person_id(&app, "한지민"))
    );
    assert_eq!(app.screens.ideas.counts(now), [0, 0, 0, 1, 0, 0]);

    // Text.
    app.screens.ideas.filter = Default::default();
    keys(&mut app, [Action::FilterMenu, Action::PrevField]);
    typed(&mut app, "공모");
    app.update(Action::Submit);
    assert_eq!(app.screens.ideas.counts(now).iter().sum::<usize>(), 1);
    // Esc in the menu leaves the filter as it was.
    keys(
        &mut app,
        [Action::FilterMenu, Action::Right, Action::Cancel],
    );
    assert_eq!(app.screens.ideas.filter.category, None);
    assert_eq!(app.screens.ideas.filter.text, "공모");
}

#[test]
fn stale_means_no_change_for_sixty_days_by_the_injected_clock() {
    let (_d, mut app) = setup();
    // Two fresh ideas of our own.
    for title in ["오래된 아이디어", "새로 만진 아이디어"] {
        app.update(Action::NewIdea);
        typed(&mut app, title);
        app.update(Action::Submit);
    }
    let fresh = select(&mut app, "새로 만진 아이디어");
    let mine = |app: &App| {
        app.screens
            .ideas
            .column(IdeaStatus::Idea, app.now())
            .iter()
            .chain(
                app.screens
                    .ideas
                    .column(IdeaStatus::Exploring, app.now())
                    .iter(),
            )
            .filter(|i| i.title.contains("아이디어") && i.created == t0())
            .map(|i| i.title.clone())
            .collect::<Vec<_>>()
    };
    app.update(Action::ToggleStale);
    assert!(app.screens.ideas.filter.stale);
    assert!(mine(&app).is_empty(), "nothing is stale on day 0");

    // Day 30: one of them moves, which counts as a change.
    set_now(Ts(t0().0 + 30 * DAY));
    app.update(Action::ToggleStale);
    app.screens.ideas.select(fresh, app.now());
    app.update(Action::MoveIdeaForward);
    assert_eq!(stored(&app, fresh).updated, clock());
    app.update(Action::ToggleStale);

    set_now(Ts(t0().0 + (STALE_DAYS - 1) * DAY));
    assert!(mine(&app).is_empty(), "59 days is not stale yet");
    set_now(Ts(t0().0 + STALE_DAYS * DAY));
    assert_eq!(mine(&app), vec!["오래된 아이디어".to_string()]);
    set_now(Ts(t0().0 + (30 + STALE_DAYS) * DAY));
    assert_eq!(mine(&app).len(), 2);
}

#[test]
fn export_ideas_csv_parses_back() {
    let (_d, mut app) = setup();
    app.update(Action::NewIdea);
    typed(&mut app, "=수식 같은 제목, 쉼표 포함");
    app.update(Action::Submit);
    let id = select(&mut app, "상호 조합원 인증제");
    app.update(Action::DropIdea);
    assert_eq!(stored(&app, id).status, IdeaStatus::Dropped);

    let mut buf = Vec::new();
    let n = netday::io::export::write_ideas(&mut buf, app.data.store_for_tests()).unwrap();
    assert_eq!(n, 7);
    let text = String::from_utf8(buf).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("BOM");
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "제목",
            "분야",
            "단계",
            "참여 기관",
            "담당",
            "다음 할 일",
            "기한",
            "바뀐 날",
            "만든 날"
        ]
    );
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 7);
    let bank = rows
        .iter()
        .find(|r| r[0] == "신협 주거래 통장으로 조합 운영자금 일원화")
        .unwrap();
    assert_eq!(bank[1], "주거래 통장");
    assert_eq!(bank[2], "검토 중");
    assert_eq!(bank[3], "한울신협, 마을목공협동조합, 청년책방협동조합");
    assert_eq!(bank[4], "김기성");
    assert_eq!(bank[5], "조합별 현재 거래 은행과 수수료 조사");
    assert_eq!(bank[6], "2026-12-08");
    let dropped = rows.iter().find(|r| r[0] == "상호 조합원 인증제").unwrap();
    assert_eq!(dropped[2], "중단");
    // Board order: pipeline first, dropped last.
    assert_eq!(rows.last().unwrap()[2], "중단");
    // A title starting with '=' is kept as text.
    assert!(rows.iter().any(|r| r[0] == "'=수식 같은 제목, 쉼표 포함"));
}
