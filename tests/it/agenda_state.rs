//! Agenda and notes: editing, reordering, the clock, note kinds, carry-over, drafts.

#![allow(clippy::unwrap_used)] // tests may unwrap, helpers included

use crate::common;
use netday::state::unit::Question;

use std::cell::Cell;

use chrono::{NaiveDate, NaiveTime};
use netday::i18n::{Lang, set_lang};
use netday::model::dates::{Timing, current_item, parse_hhmm, timings};
use netday::model::{AgendaStatus, Event, EventStatus, NoteKind, Owner, Ts};
use netday::state::{Action, App, Screen};
use netday::store::Store;

const DAY: (i32, u32, u32) = (2026, 11, 24);

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(DAY.0, DAY.1, DAY.2).unwrap()
}

/// A moment given as wall-clock time in Seoul on `d`.
fn at_local(d: NaiveDate, h: u32, m: u32) -> Ts {
    common::at_seoul(d, h, m)
}

thread_local! {
    static NOW: Cell<i64> = const { Cell::new(0) };
}
fn clock() -> Ts {
    Ts(NOW.with(|n| n.get()))
}
fn set_now(t: Ts) {
    NOW.with(|n| n.set(t.0));
}
fn advance(ms: i64) {
    NOW.with(|n| n.set(n.get() + ms));
}

fn setup() -> (tempfile::TempDir, App) {
    common::seoul();
    set_lang(Lang::Ko);
    set_now(at_local(day(), 14, 50));
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    netday::demo::load(&store, day()).unwrap();
    let app = App::with_clock(store, clock).unwrap();
    (dir, app)
}

fn go(app: &mut App, screen: Screen) {
    while app.screen != screen {
        app.update(Action::NextScreen);
    }
}

fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

fn titles(app: &App) -> Vec<String> {
    let e = app.event.as_ref().unwrap().id;
    app.data
        .store_for_tests()
        .agenda_of_event(e)
        .unwrap()
        .into_iter()
        .map(|i| i.title)
        .collect()
}

#[test]
fn agenda_add_edit_reorder_delete() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Agenda);
    assert_eq!(app.screens.agenda.items.len(), 4);

    // Add: the form proposes the start right after the last item.
    app.update(Action::AddItem);
    let Some(form) = &app.screens.agenda.form else {
        panic!("form not open")
    };
    assert_eq!(form.start, "16:30");
    typ(&mut app, "폐회 및 다음 달 안내");
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    assert_eq!(titles(&app)[4], "폐회 및 다음 달 안내");
    let added = app
        .data
        .store_for_tests()
        .agenda_of_event(app.event.as_ref().unwrap().id)
        .unwrap();
    assert_eq!(added[4].start, NaiveTime::from_hms_opt(16, 30, 0));
    assert_eq!(added[4].order, 5);
    assert_eq!(app.screens.agenda.selected, 4);

    // A form with a bad time is not saved and says why.
    app.update(Action::AddItem);
    typ(&mut app, "잘못된 안건");
    app.update(Action::PrevField); // minutes
    app.update(Action::PrevField); // start
    for _ in 0..5 {
        app.update(Action::Backspace);
    }
    typ(&mut app, "25:99");
    app.update(Action::Submit);
    let Some(form) = &app.screens.agenda.form else {
        panic!("form closed on a bad time")
    };
    assert!(form.form.error.is_some());
    // A changed form asks before it is thrown away: the first Esc only warns.
    app.update(Action::Cancel);
    assert!(
        app.screens.agenda.form.is_some(),
        "one Esc closed a changed form"
    );
    app.update(Action::Cancel);
    assert_eq!(titles(&app).len(), 5);

    // Edit the second item's presenter.
    app.update(Action::Home);
    app.update(Action::Down);
    app.update(Action::Edit);
    app.update(Action::NextField); // presenter
    for _ in 0..3 {
        app.update(Action::Backspace);
    }
    typ(&mut app, "박서연");
    app.update(Action::Submit);
    let items = app
        .data
        .store_for_tests()
        .agenda_of_event(app.event.as_ref().unwrap().id)
        .unwrap();
    assert_eq!(items[1].presenter, "박서연");

    // Move the last item up: orders stay 1..5 and the pair keeps its slot.
    app.update(Action::End);
    app.update(Action::MoveUp);
    let items = app
        .data
        .store_for_tests()
        .agenda_of_event(app.event.as_ref().unwrap().id)
        .unwrap();
    assert_eq!(items[3].title, "폐회 및 다음 달 안내");
    assert_eq!(items[4].title, "지역 니즈 발굴 및 협업 사업 계획");
    assert_eq!(
        items.iter().map(|i| i.order).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    assert_eq!(items[3].start, NaiveTime::from_hms_opt(15, 40, 0));
    assert_eq!(items[4].start, NaiveTime::from_hms_opt(16, 10, 0));
    assert_eq!(app.screens.agenda.selected, 3);
    app.update(Action::MoveDown);
    assert_eq!(titles(&app)[4], "폐회 및 다음 달 안내");
    // Moving past the end does nothing.
    app.update(Action::MoveDown);
    assert_eq!(titles(&app)[4], "폐회 및 다음 달 안내");

    // Delete asks first; Esc keeps the item, Enter deletes and renumbers.
    app.update(Action::Home);
    app.update(Action::Delete);
    assert!(matches!(
        common::question(&app),
        Some(Question::DeleteAgenda(_))
    ));
    app.update(Action::Cancel);
    assert_eq!(titles(&app).len(), 5);
    app.update(Action::Delete);
    app.update(Action::Submit);
    let items = app
        .data
        .store_for_tests()
        .agenda_of_event(app.event.as_ref().unwrap().id)
        .unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0].title, "지역의 사회적경제 생태계 이해");
    assert_eq!(
        items.iter().map(|i| i.order).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
}

#[test]
fn agenda_status_cycles_and_only_one_runs() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Agenda);
    app.update(Action::CycleStatus);
    assert_eq!(app.screens.agenda.items[0].status, AgendaStatus::Running);
    app.update(Action::Down);
    app.update(Action::CycleStatus);
    let items = app
        .data
        .store_for_tests()
        .agenda_of_event(app.event.as_ref().unwrap().id)
        .unwrap();
    assert_eq!(items[0].status, AgendaStatus::Done);
    assert_eq!(items[1].status, AgendaStatus::Running);
    app.update(Action::CycleStatus);
    app.update(Action::CycleStatus);
    assert_eq!(app.screens.agenda.items[1].status, AgendaStatus::Planned);
}

fn add_event(app: &mut App, d: NaiveDate) {
    let mut e = Event {
        id: 0,
        title: format!("{} 네트워킹데이", d.format("%-m월")),
        date: d,
        start: None,
        end: None,
        venue: String::new(),
        district: Default::default(),
        status: EventStatus::Planned,
    };
    app.data.save_event(&mut e).unwrap();
    app.reload().unwrap();
    // Pick it in the event picker (events are sorted by date).
    app.update(Action::PickEvent);
    let i = app.events.iter().position(|x| x.id == e.id).unwrap();
    app.update(Action::Home);
    for _ in 0..i {
        app.update(Action::Down);
    }
    app.update(Action::Submit);
    assert_eq!(app.event.as_ref().unwrap().id, e.id);
}

#[test]
fn agenda_from_template_and_copy_of_last_month() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Agenda);
    let dec = NaiveDate::from_ymd_opt(2026, 12, 22).unwrap();
    add_event(&mut app, dec);
    assert!(app.screens.agenda.items.is_empty());
    app.update(Action::Template);
    assert_eq!(titles(&app).len(), 4);
    assert_eq!(titles(&app)[0], "각 협동조합 현황 공유");
    // Template again on a full agenda: refused, nothing doubled.
    app.update(Action::Template);
    assert_eq!(titles(&app).len(), 4);
    // Make December's differ from the template, then copy it into January.
    app.update(Action::End);
    app.update(Action::Delete);
    app.update(Action::Submit);
    assert_eq!(titles(&app).len(), 3);
    let jan = NaiveDate::from_ymd_opt(2027, 1, 26).unwrap();
    add_event(&mut app, jan);
    app.update(Action::CopyLast);
    let copied = app
        .data
        .store_for_tests()
        .agenda_of_event(app.event.as_ref().unwrap().id)
        .unwrap();
    assert_eq!(copied.len(), 3);
    assert!(copied.iter().all(|i| i.status == AgendaStatus::Planned));
    assert_eq!(copied[0].title, "각 협동조합 현황 공유");
    // December's own agenda is untouched.
    let dec_id = app.events.iter().find(|e| e.date == dec).unwrap().id;
    assert_eq!(
        app.data
            .store_for_tests()
            .agenda_of_event(dec_id)
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn clock_picks_the_running_item_and_time_left() {
    let (_d, mut app) = setup();
    // 14:50: the second segment (14:40–15:10) runs, 20 minutes left.
    assert_eq!(
        app.screens.agenda.running(app.event.as_ref(), app.now()),
        Some((1, 20))
    );
    set_now(at_local(day(), 13, 0));
    assert_eq!(
        app.screens.agenda.running(app.event.as_ref(), app.now()),
        None
    );
    set_now(at_local(day(), 14, 0));
    assert_eq!(
        app.screens.agenda.running(app.event.as_ref(), app.now()),
        Some((0, 40))
    );
    // Another day: nothing runs.
    set_now(at_local(day().succ_opt().unwrap(), 14, 50));
    assert_eq!(
        app.screens.agenda.running(app.event.as_ref(), app.now()),
        None
    );

    // An item still marked running after its slot shows the overrun.
    set_now(at_local(day(), 14, 50));
    go(&mut app, Screen::Agenda);
    app.update(Action::CycleStatus); // item 1 (14:00–14:40) running
    let t = app.screens.agenda.timings(app.event.as_ref(), app.now());
    assert_eq!(t[0], (Timing::Over, Some(10)));
    assert_eq!(t[1], (Timing::Now { left: 20 }, None));
    assert_eq!(t[2], (Timing::Later, None));

    // The pure functions, with items without fixed starts chained from the day's start.
    let mut items = app.screens.agenda.items.clone();
    for i in items.iter_mut() {
        i.start = None;
    }
    let now = day().and_hms_opt(15, 9, 30).unwrap();
    let start = NaiveTime::from_hms_opt(14, 0, 0).unwrap();
    assert_eq!(current_item(&items, day(), start, now), Some((1, 1)));
    assert_eq!(timings(&items, day(), start, now)[3].0, Timing::Later);
    assert_eq!(parse_hhmm("9:05"), NaiveTime::from_hms_opt(9, 5, 0));
    assert_eq!(parse_hhmm("1430"), NaiveTime::from_hms_opt(14, 30, 0));
    assert_eq!(parse_hhmm("24:00"), None);
}

#[test]
fn note_kinds_owner_due_and_filters() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Notes);
    assert_eq!(
        app.screens.notes.carried, 2,
        "two open action items from October"
    );

    // A decision on the running item.
    app.update(Action::AddItem);
    assert!(app.screens.notes.editor.is_some());
    typ(&mut app, "바이소셜 장터를 3월에 연다");
    app.update(Action::CycleKind);
    app.update(Action::Save);
    assert!(app.screens.notes.editor.is_none());
    let eid = app.event.as_ref().unwrap().id;
    let notes = app.data.store_for_tests().notes_of_event(eid).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, NoteKind::Decision);
    assert_eq!(
        notes[0].agenda_id,
        Some(app.screens.agenda.items[1].id),
        "the item running at 14:50"
    );
    assert_eq!(notes[0].text, "바이소셜 장터를 3월에 연다");

    // An action item: saving asks for owner and due date.
    app.update(Action::AddItem);
    typ(&mut app, "장터 장소 답사");
    app.update(Action::CycleKind);
    app.update(Action::CycleKind);
    app.update(Action::Save);
    let Some(form) = &app.screens.notes.action_form else {
        panic!("owner form not open")
    };
    let nid = form.note_id;
    typ(&mut app, "서민준");
    let Some(form) = &app.screens.notes.action_form else {
        panic!()
    };
    assert!(!form.owner.hits.is_empty());
    app.update(Action::NextField);
    typ(&mut app, "13-45");
    app.update(Action::Submit);
    assert!(app.screens.notes.action_form.is_some(), "bad due kept open");
    for _ in 0..5 {
        app.update(Action::Backspace);
    }
    typ(&mut app, "12-01");
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let n = app
        .data
        .store_for_tests()
        .notes_of_event(eid)
        .unwrap()
        .into_iter()
        .find(|n| n.id == nid)
        .unwrap();
    let minjun = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "서민준")
        .unwrap()
        .id;
    assert_eq!(
        n.kind,
        NoteKind::Action {
            owner: Owner::Person(minjun),
            due: NaiveDate::from_ymd_opt(2026, 12, 1),
            done: false
        }
    );

    // Filters: kind, then agenda item.
    app.update(Action::CycleKindFilter); // notes only
    assert_eq!(app.screens.notes.rows.len(), 0);
    assert_eq!(app.screens.notes.carried, 0);
    app.update(Action::CycleKindFilter); // decisions
    assert_eq!(app.screens.notes.rows.len(), 1);
    app.update(Action::CycleKindFilter); // action items: carried + today's
    assert_eq!(app.screens.notes.rows.len(), 3);
    app.update(Action::CycleKindFilter); // all
    app.update(Action::CycleAgendaFilter); // item 1
    assert_eq!(app.screens.notes.rows.len(), 0);
    app.update(Action::CycleAgendaFilter); // item 2: both notes were written while it ran
    assert_eq!(app.screens.notes.rows.len(), 2);
    assert_eq!(
        app.screens.notes.carried, 0,
        "carry-over only in the unfiltered list"
    );
    for _ in 0..3 {
        app.update(Action::CycleAgendaFilter);
    }
    assert_eq!(app.screens.notes.agenda_filter, None);
    assert_eq!(app.screens.notes.rows.len(), 4);
}

#[test]
fn carry_over_and_open_actions_list() {
    let (_d, mut app) = setup();
    go(&mut app, Screen::Notes);
    let carried: Vec<String> = app.screens.notes.rows[..app.screens.notes.carried]
        .iter()
        .map(|id| app.screens.notes.note(*id).unwrap().text.clone())
        .collect();
    assert_eq!(
        carried,
        vec![
            "공동 장터 장소 후보 조사 (공간 공유 가능한 곳)",
            "공모사업 공동 신청서 초안 공유"
        ]
    );
    // Done from the carry-over list: saved, and it leaves the list.
    app.update(Action::Home);
    app.update(Action::ToggleDone);
    assert_eq!(app.screens.notes.carried, 1);
    let all = app.data.store_for_tests().notes().unwrap();
    let n = all
        .iter()
        .find(|n| n.text.starts_with("공동 장터 장소"))
        .unwrap();
    assert!(!n.is_open_action());

    // An earlier event does not carry over items from a later one.
    let sep = app.events.iter().position(|e| e.date < day()).unwrap();
    app.update(Action::PickEvent);
    app.update(Action::Home);
    for _ in 0..sep {
        app.update(Action::Down);
    }
    app.update(Action::Submit);
    assert_eq!(app.screens.notes.carried, 0);
    app.update(Action::PickEvent);
    app.update(Action::End);
    app.update(Action::Submit);

    // The open action items of every event, one key away; toggling there keeps the row.
    app.update(Action::OpenActions);
    assert_eq!(app.screens.notes.rows.len(), 1);
    app.update(Action::ToggleDone);
    assert_eq!(app.screens.notes.rows.len(), 1);
    assert!(!app.screens.notes.selected_note().unwrap().is_open_action());
    app.update(Action::ToggleDone);
    assert!(app.screens.notes.selected_note().unwrap().is_open_action());
    app.update(Action::OpenActions);
    assert_eq!(app.screens.notes.carried, 1);
}

#[test]
fn draft_survives_dropping_the_app_and_saving_removes_it() {
    set_lang(Lang::Ko);
    set_now(at_local(day(), 14, 50));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = Store::open(&path).unwrap();
        netday::demo::load(&store, day()).unwrap();
        let mut app = App::with_clock(store, clock).unwrap();
        go(&mut app, Screen::Notes);
        app.update(Action::AddItem);
        for c in "새솔신협 교육장 대여 가능".chars() {
            app.update(Action::Input(c));
            advance(700); // a person types; the draft is written every ≥2 s
        }
        app.update(Action::EditKey(netday_key_enter()));
        typ(&mut app, "평일"); // typed within 2 s of the last write: not yet written…
        app.update(Action::Tick); // …until the pause
        // Dropped without saving, as by a crash.
    }
    let store = Store::open(&path).unwrap();
    let mut app = App::with_clock(store, clock).unwrap();
    go(&mut app, Screen::Notes);
    let ed = app
        .screens
        .notes
        .editor
        .as_ref()
        .expect("draft restored into the editor");
    assert_eq!(ed.text(), "새솔신협 교육장 대여 가능\n평일");
    assert!(ed.dirty);
    // Esc asks; the draft stays when closing.
    app.update(Action::Cancel);
    assert!(matches!(common::question(&app), Some(Question::CloseNote)));
    app.update(Action::Submit);
    assert!(app.screens.notes.editor.is_none());
    assert_eq!(app.data.store_for_tests().drafts().unwrap().len(), 1);
    // Coming back to the screen reopens it; saving flushes the note and deletes the draft.
    go(&mut app, Screen::Checkin);
    go(&mut app, Screen::Notes);
    assert!(app.screens.notes.editor.is_some());
    app.update(Action::Save);
    assert!(app.data.store_for_tests().drafts().unwrap().is_empty());
    let eid = app.event.as_ref().unwrap().id;
    let notes = app.data.store_for_tests().notes_of_event(eid).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "새솔신협 교육장 대여 가능\n평일");
}

#[test]
fn quit_writes_the_pending_draft() {
    let (dir, mut app) = setup();
    let _ = dir;
    go(&mut app, Screen::Notes);
    app.update(Action::AddItem);
    typ(&mut app, "종료 직전"); // fixed clock: only the first keystroke was written
    let eid = app.event.as_ref().unwrap().id;
    let prefix = format!("note:{eid}:");
    let text = |app: &App| {
        app.data
            .store_for_tests()
            .drafts()
            .unwrap()
            .into_iter()
            .find(|d| d.key.starts_with(&prefix))
            .map(|d| d.text)
    };
    assert_eq!(text(&app).as_deref(), Some("종"));
    app.update(Action::Quit);
    assert_eq!(text(&app).as_deref(), Some("종료 직전"));
}

fn netday_key_enter() -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Enter,
        ratatui::crossterm::event::KeyModifiers::NONE,
    )
}

#[test]
fn the_jamo_on_the_o_key_opens_the_owner_form_without_typing_itself_into_it() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_d, mut app) = setup();
    go(&mut app, Screen::Notes);
    app.update(Action::AddItem);
    typ(&mut app, "장터 장소 답사");
    app.update(Action::CycleKind);
    app.update(Action::CycleKind);
    app.update(Action::Save);
    assert!(app.screens.notes.action_form.is_some());
    app.update(Action::Cancel);
    assert!(app.screens.notes.action_form.is_none());
    let selected = app.screens.notes.selected_note().unwrap();
    assert!(
        matches!(selected.kind, NoteKind::Action { .. }),
        "{selected:?}"
    );

    // The o key with the Korean IME on.
    let k = KeyEvent::new(KeyCode::Char('ㅐ'), KeyModifiers::NONE);
    let action = netday::keymap::action_for(app.context(), k).unwrap();
    app.update(action);
    let Some(form) = &app.screens.notes.action_form else {
        panic!("owner form not open")
    };
    assert_eq!(&*form.owner.text, "");
}

#[test]
fn the_note_editor_composes_jamo_and_deletes_words_like_every_field() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ctrl = |c| Action::EditKey(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    let (_d, mut app) = setup();
    go(&mut app, Screen::Notes);
    app.update(Action::AddItem);
    typ(&mut app, "ㅊㅏㅁㅇㅕ");
    let text = |app: &App| app.screens.notes.editor.as_ref().unwrap().text();
    assert_eq!(text(&app), "참여");
    // Backspace inside the syllable being composed takes back its last jamo.
    app.update(Action::Backspace);
    assert_eq!(text(&app), "참ㅇ");
    typ(&mut app, "ㅕ ㅈㅏㅇㅌㅓ");
    assert_eq!(text(&app), "참여 장터");
    app.update(ctrl('w'));
    assert_eq!(text(&app), "참여 ");
    typ(&mut app, "ㄷㅏㅂㅅㅏ");
    app.update(ctrl('u'));
    assert_eq!(text(&app), "");
    typ(&mut app, "ㅊㅏㅁㅇㅕ");
    app.update(Action::Save);
    assert!(app.screens.notes.editor.is_none());
    let eid = app.event.as_ref().unwrap().id;
    let notes = app.data.store_for_tests().notes_of_event(eid).unwrap();
    assert!(notes.iter().any(|n| n.text == "참여"), "{notes:?}");
}
