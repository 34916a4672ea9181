//! The check-in flow, driven through actions without a terminal.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;
use netday::state::unit::Question;

use netday::i18n::{Lang, set_lang};
use netday::model::AttendanceStatus;
use netday::state::{Action, App, Modal, Tone};

fn app() -> (tempfile::TempDir, App) {
    set_lang(Lang::Ko);
    let (dir, store) = demo_store();
    (dir, App::with_clock(store, fixed_now).unwrap())
}

fn name_of(app: &App, i: usize) -> String {
    app.data
        .roster
        .person(app.screens.checkin.rows[i])
        .unwrap()
        .name
        .clone()
}

#[test]
fn opens_on_todays_event_with_the_registered_list() {
    let (_d, app) = app();
    assert_eq!(app.event.as_ref().unwrap().date, demo_date());
    assert_eq!(app.screens.checkin.rows.len(), 39);
    assert_eq!(app.data.roster.count().expected, 39);
    assert_eq!(app.data.roster.count().arrived, 0);
}

#[test]
fn typing_initials_finds_and_enter_checks_in() {
    let (_d, mut app) = app();
    type_text(&mut app, "ㄱㄱㅅ");
    assert_eq!(name_of(&app, 0), "김기성");
    app.update(Action::Submit);
    let id = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "김기성")
        .unwrap()
        .id;
    let status = app.data.roster.status(id).unwrap().clone();
    assert!(matches!(status, AttendanceStatus::CheckedIn { .. }));
    assert_eq!(status.arrived_at(), Some(fixed_now()));
    // Saved before shown: the store has it.
    let saved = app
        .data
        .store_for_tests()
        .attendance(app.event.as_ref().unwrap().id, id)
        .unwrap()
        .unwrap();
    assert_eq!(saved.status, status);
    // Ready for the next person.
    assert!(app.screens.checkin.query.is_empty());
    assert_eq!(app.data.roster.count().arrived, 1);
    assert_eq!(
        app.data.roster.count().by_kind[0],
        1,
        "a credit union arrival"
    );
    assert_eq!(app.message.as_ref().unwrap().tone, Tone::Good);
}

#[test]
fn a_second_check_in_says_when_and_does_not_double_count() {
    let (_d, mut app) = app();
    type_text(&mut app, "강민수");
    app.update(Action::Submit);
    type_text(&mut app, "강민수");
    app.update(Action::Submit);
    assert_eq!(app.data.roster.count().arrived, 1);
    let m = app.message.as_ref().unwrap();
    assert_eq!(m.tone, Tone::Warn);
    assert!(
        m.text.contains("이미") && m.text.contains("14:05"),
        "{}",
        m.text
    );
}

#[test]
fn partial_syllables_and_moving_the_selection() {
    let (_d, mut app) = app();
    type_text(&mut app, "김민");
    assert_eq!(
        app.screens.checkin.rows.len(),
        2,
        "two people called 김민지"
    );
    app.update(Action::Down);
    let second = app.screens.checkin.rows[1];
    app.update(Action::Submit);
    assert!(app.data.roster.status(second).unwrap().is_arrived());
    assert!(
        !app.data
            .roster
            .status(app.screens.checkin.rows[0])
            .is_some_and(|s| s.is_arrived())
            || app.screens.checkin.rows[0] == second
    );
    app.update(Action::Backspace);
    type_text(&mut app, "강미");
    assert_eq!(name_of(&app, 0), "강민수");
    app.update(Action::Cancel);
    assert!(app.screens.checkin.query.is_empty());
    assert_eq!(app.screens.checkin.rows.len(), 39);
}

#[test]
fn undo_asks_then_puts_the_person_back_to_expected() {
    let (_d, mut app) = app();
    app.update(Action::Undo);
    assert_eq!(
        app.message.as_ref().unwrap().tone,
        Tone::Warn,
        "nothing to undo yet"
    );
    type_text(&mut app, "ㄱㄱㅅ");
    app.update(Action::Submit);
    let id = app.screens.checkin.undo.last().unwrap().0;
    app.update(Action::Undo);
    assert!(matches!(common::question(&app), Some(Question::UndoCheckIn(p)) if *p == id));
    app.update(Action::Cancel);
    assert!(
        app.data.roster.status(id).unwrap().is_arrived(),
        "cancelled undo changes nothing"
    );
    app.update(Action::Undo);
    app.update(Action::Submit);
    assert_eq!(
        app.data.roster.status(id),
        Some(&AttendanceStatus::Expected)
    );
    let stored = app
        .data
        .store_for_tests()
        .attendance(app.event.as_ref().unwrap().id, id)
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, AttendanceStatus::Expected);
    assert_eq!(app.data.roster.count().arrived, 0);
}

#[test]
fn badge_code_and_enter_checks_in_at_once() {
    let (_d, mut app) = app();
    let p = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "임하늘")
        .unwrap()
        .clone();
    // Move the selection away first: the scanner's code wins over the highlighted row.
    app.update(Action::Down);
    type_text(&mut app, &p.code.to_lowercase());
    assert!(app.screens.checkin.code_hit);
    app.update(Action::Submit);
    assert!(app.data.roster.status(p.id).unwrap().is_arrived());
}

#[test]
fn someone_not_registered_is_checked_in_as_walk_in() {
    let (_d, mut app) = app();
    let event = app.event.as_ref().unwrap().id;
    let p = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "Alex Kim")
        .unwrap()
        .id;
    app.data.remove_attendance(event, p).unwrap();
    app.reload().unwrap();
    type_text(&mut app, "alex");
    app.update(Action::Submit);
    assert!(matches!(
        app.data.roster.status(p),
        Some(AttendanceStatus::WalkIn { .. })
    ));
    assert_eq!(app.data.roster.count().walk_ins, 1);
    // Undo removes the registration again: the person is not invented as expected.
    app.update(Action::Undo);
    app.update(Action::Submit);
    assert_eq!(app.data.roster.status(p), None);
}

#[test]
fn walk_in_form_saves_a_new_person_and_checks_them_in() {
    let (_d, mut app) = app();
    type_text(&mut app, "홍길동");
    app.update(Action::WalkIn);
    let Some(form) = common::person_form(&app) else {
        panic!("form not open")
    };
    assert_eq!(form.name.text, "홍길동", "the typed name carries over");
    app.update(Action::NextField);
    type_text(&mut app, "한울");
    let Some(form) = common::person_form(&app) else {
        panic!()
    };
    assert!(!form.org.hits.is_empty());
    app.update(Action::Submit); // accept the highlighted 한울신협, on to the role
    type_text(&mut app, "이사");
    app.update(Action::NextField);
    type_text(&mut app, "01099998888");
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let p = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "홍길동")
        .unwrap()
        .clone();
    assert_eq!(app.data.roster.org_name(&p), "한울신협");
    assert_eq!(p.phone, "010-9999-8888");
    assert_eq!(p.role, "이사", "the walk-in form asks the role too");
    assert!(matches!(
        app.data.roster.status(p.id),
        Some(AttendanceStatus::WalkIn { .. })
    ));
    assert!(app.data.roster.is_first_time(p.id));
    assert_eq!(app.data.store_for_tests().person(p.id).unwrap().unwrap(), p);

    // Ctrl-Z takes the walk-in back whole: no 미등록 person left behind, and it says so.
    app.update(Action::Undo);
    app.update(Action::Yes);
    assert_eq!(app.data.store_for_tests().person(p.id).unwrap(), None);
    assert!(app.data.roster.person(p.id).is_none());
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(
        said.contains("홍길동") && said.contains("현장 등록"),
        "{said}"
    );
    // The undo is on record, and can itself be undone from the history.
    let last = app.data.history(1, |_| true).unwrap().pop().unwrap();
    assert!(matches!(last.kind, netday::model::ChangeKind::Undo { .. }));
}

#[test]
fn walk_in_with_a_new_organisation_and_validation() {
    let (_d, mut app) = app();
    let orgs_before = app.data.roster.orgs.len();
    app.update(Action::WalkIn);
    app.update(Action::Submit);
    let Some(form) = common::person_form(&app) else {
        panic!()
    };
    assert!(
        form.form.error.as_deref().unwrap().contains("이름"),
        "name is required"
    );
    type_text(&mut app, "새사람");
    app.update(Action::NextField);
    type_text(&mut app, "무지개협동조합");
    app.update(Action::NextField); // → kind, shown because the organisation is new
    app.update(Action::Right); // from 기타 round to 신협
    app.update(Action::Input('2')); // a digit picks directly: 생협
    app.update(Action::NextField); // → role
    app.update(Action::NextField); // → phone
    type_text(&mut app, "12");
    app.update(Action::Submit);
    let Some(form) = common::person_form(&app) else {
        panic!("bad phone must keep the form open")
    };
    assert!(form.form.error.is_some());
    app.update(Action::Backspace);
    app.update(Action::Backspace);
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    assert_eq!(app.data.roster.orgs.len(), orgs_before + 1);
    let org = app
        .data
        .roster
        .orgs
        .values()
        .find(|o| o.name == "무지개협동조합")
        .unwrap();
    assert_eq!(org.kind, netday::model::OrgKind::ConsumerCoop);
}

#[test]
fn escape_on_a_filled_walk_in_form_asks_first() {
    let (_d, mut app) = app();
    app.update(Action::WalkIn);
    type_text(&mut app, "반쯤");
    app.update(Action::Cancel);
    assert!(common::person_form(&app).is_some(), "first Esc only warns");
    app.update(Action::Cancel);
    assert_eq!(app.modal, None);
}

#[test]
fn contacts_are_masked_until_toggled() {
    let (_d, mut app) = app();
    assert!(!app.screens.checkin.show_contacts);
    app.update(Action::ToggleContacts);
    assert!(app.screens.checkin.show_contacts);
}

#[test]
fn check_ins_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = netday::store::Store::open(&path).unwrap();
        netday::demo::load(&store, demo_date()).unwrap();
        let mut app = App::with_clock(store, fixed_now).unwrap();
        type_text(&mut app, "ㅎㅈㅁ");
        app.update(Action::Submit);
    }
    let app = App::with_clock(netday::store::Store::open(&path).unwrap(), fixed_now).unwrap();
    assert_eq!(app.data.roster.count().arrived, 1);
}

#[test]
fn an_empty_database_offers_the_demo() {
    set_lang(Lang::Ko);
    let (_d, store) = temp_store();
    let mut app = App::with_clock(store, fixed_now).unwrap();
    assert_eq!(app.modal, Some(Modal::OfferDemo));
    app.update(Action::LoadDemo);
    assert_eq!(app.modal, None);
    assert_eq!(app.screens.checkin.rows.len(), 39);
}

#[test]
fn the_event_picker_switches_to_an_earlier_day() {
    let (_d, mut app) = app();
    app.update(Action::PickEvent);
    assert!(
        matches!(&app.modal, Some(Modal::EventPicker(p)) if p.selected == 3),
        "opens on the current day"
    );
    app.update(Action::Up);
    app.update(Action::Submit);
    let e = app.event.as_ref().unwrap();
    assert_eq!(e.date, demo_date() - chrono::Months::new(1));
    // Last month everyone on the list had arrived; 송재원 came for the first time then.
    assert_eq!(
        app.data.roster.count().arrived,
        app.screens.checkin.rows.len()
    );
    let song = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "송재원")
        .unwrap()
        .id;
    assert!(app.data.roster.is_first_time(song));
    let kim = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "김기성")
        .unwrap()
        .id;
    assert!(!app.data.roster.is_first_time(kim));
}

#[test]
fn every_desk_check_in_is_synced_to_disk_before_it_is_shown() {
    let (_d, mut app) = app();
    for initials in ["ㄱㄱㅅ", "ㅎㅈㅁ", "ㅇㅎㄴ"] {
        let before = app.data.store_for_tests().sync_count();
        let arrived = app.data.roster.count().arrived;
        type_text(&mut app, initials);
        app.update(Action::Submit);
        assert_eq!(app.data.roster.count().arrived, arrived + 1, "{initials}");
        assert_eq!(
            app.data.store_for_tests().sync_count(),
            before + 1,
            "{initials}: one fdatasync of this store per check-in"
        );
    }
}

#[test]
fn a_syllable_in_the_middle_of_a_walk_in_name_is_fixed_in_place() {
    let (_d, mut app) = app();
    app.update(Action::WalkIn);
    type_text(&mut app, "김수민");
    app.update(Action::Left); // caret before 민
    app.update(Action::Backspace); // 수 goes
    type_text(&mut app, "서");
    let Some(form) = common::person_form(&app) else {
        panic!()
    };
    assert_eq!(form.name.text, "김서민");
    assert_eq!(
        form.name.text.caret_column(),
        4,
        "caret after 서, two columns a syllable"
    );
    app.update(Action::ClearField);
    let Some(form) = common::person_form(&app) else {
        panic!()
    };
    assert!(form.name.text.is_empty(), "Ctrl-U clears the field");
}

#[test]
fn tab_on_a_highlighted_organisation_takes_it_instead_of_creating_one() {
    let (_d, mut app) = app();
    let orgs_before = app.data.roster.orgs.len();
    app.update(Action::WalkIn);
    type_text(&mut app, "새얼굴");
    app.update(Action::NextField);
    type_text(&mut app, "햇살");
    let Some(form) = common::person_form(&app) else {
        panic!()
    };
    assert_eq!(form.org.sel, Some(0), "the best suggestion is highlighted");
    app.update(Action::NextField);
    let Some(form) = common::person_form(&app) else {
        panic!()
    };
    assert_eq!(
        form.org.text, "햇살생협",
        "Tab took the highlighted suggestion"
    );
    type_text(&mut app, "01012345678");
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    assert_eq!(
        app.data.roster.orgs.len(),
        orgs_before,
        "no junk organisation"
    );

    // Esc on the highlight keeps what was typed: a new organisation, on purpose.
    app.update(Action::WalkIn);
    type_text(&mut app, "또사람");
    app.update(Action::NextField);
    type_text(&mut app, "햇살");
    app.update(Action::Cancel);
    let Some(form) = common::person_form(&app) else {
        panic!("Esc on a highlighted suggestion only drops the highlight")
    };
    assert_eq!(form.org.sel, None);
    app.update(Action::NextField);
    let Some(form) = common::person_form(&app) else {
        panic!()
    };
    assert_eq!(form.org.text, "햇살");
}

/// A key press as the terminal delivers it, through the keymap in force.
fn press_char(app: &mut App, c: char) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let k = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let action = netday::keymap::action_for(app.context(), k).expect("a key in force");
    app.update(action);
}

#[test]
fn a_confirm_answers_to_the_jamo_the_korean_ime_sends_for_y_and_n() {
    let (_d, mut app) = app();
    type_text(&mut app, "ㄱㄱㅅ");
    app.update(Action::Submit);
    let id = app.screens.checkin.undo.last().unwrap().0;
    app.update(Action::Undo);
    press_char(&mut app, 'ㅜ'); // the n key with the IME on: no
    assert_eq!(app.modal, None);
    assert!(app.data.roster.status(id).unwrap().is_arrived());
    app.update(Action::Undo);
    press_char(&mut app, 'ㅛ'); // the y key with the IME on: yes
    assert_eq!(app.modal, None);
    assert_eq!(
        app.data.roster.status(id),
        Some(&AttendanceStatus::Expected)
    );
}

// --- The desk finds people by what a coordinator actually types (issue 12, items 4 and 5) ---

fn org_of_row(app: &App, i: usize) -> String {
    let p = app.data.roster.person(app.screens.checkin.rows[i]).unwrap();
    app.data.roster.org_name(p).to_string()
}

#[test]
fn a_name_with_one_syllable_mistyped_finds_the_person_and_enter_checks_them_in() {
    let (_d, mut app) = app();
    // 임하늘 (두레밥상생협) typed with 눌 for 늘.
    type_text(&mut app, "임하눌");
    assert_eq!(app.screens.checkin.rows.len(), 1);
    assert_eq!(name_of(&app, 0), "임하늘");
    let id = app.screens.checkin.rows[0];
    app.update(Action::Submit);
    assert!(app.data.roster.status(id).unwrap().is_arrived());
    assert_eq!(app.message.as_ref().unwrap().tone, Tone::Good);
}

#[test]
fn the_last_four_digits_or_the_whole_phone_number_find_the_person() {
    let (_d, mut app) = app();
    // 김기성, 010-2041-1187 (노준영's number ends in 1178: not found).
    for q in ["1187", "010-2041-1187", "01020411187"] {
        type_text(&mut app, q);
        assert_eq!(app.screens.checkin.rows.len(), 1, "{q}");
        assert_eq!(name_of(&app, 0), "김기성", "{q}");
        app.update(Action::Cancel);
    }
    type_text(&mut app, "1187");
    let id = app.screens.checkin.rows[0];
    app.update(Action::Submit);
    assert!(app.data.roster.status(id).unwrap().is_arrived());
}

#[test]
fn a_name_a_space_and_the_start_of_the_organisation_tell_two_namesakes_apart() {
    let (_d, mut app) = app();
    // Two 김민지: one of 햇살생협, one of 두레밥상생협.
    type_text(&mut app, "김민지");
    assert_eq!(app.screens.checkin.rows.len(), 2);
    app.update(Action::Cancel);
    type_text(&mut app, "김민지 두레");
    assert_eq!(app.screens.checkin.rows.len(), 1);
    assert_eq!(name_of(&app, 0), "김민지");
    assert_eq!(org_of_row(&app, 0), "두레밥상생협");
    app.update(Action::Cancel);
    type_text(&mut app, "김민지 햇");
    assert_eq!(app.screens.checkin.rows.len(), 1);
    assert_eq!(org_of_row(&app, 0), "햇살생협");
    // The other ways of typing still work.
    app.update(Action::Cancel);
    type_text(&mut app, "김ㄱ");
    assert_eq!(name_of(&app, 0), "김기성");
    app.update(Action::Cancel);
    type_text(&mut app, "rlarltjd"); // 김기성 typed with the keyboard in English mode
    assert_eq!(name_of(&app, 0), "김기성");
}

#[test]
fn a_single_initial_consonant_lists_the_names_that_start_with_it_first() {
    let (_d, mut app) = app();
    let starts_with =
        |name: &str, c: char| netday::search::initial_of(name.chars().next().unwrap()) == Some(c);
    for c in ['ㅎ', 'ㄱ', 'ㅈ'] {
        app.update(Action::Cancel);
        type_text(&mut app, &c.to_string());
        let names: Vec<String> = (0..app.screens.checkin.rows.len())
            .map(|i| name_of(&app, i))
            .collect();
        let first_other = names.iter().position(|n| !starts_with(n, c)).unwrap();
        assert!(first_other > 0, "{c}: {names:?}");
        assert!(
            names[first_other..].iter().all(|n| !starts_with(n, c)),
            "{c}: every name starting with it comes first: {names:?}"
        );
    }
    // ㅎ: 한지민, 홍서준, 하윤서, 황보은비 before 박정호, 임하늘, 오세훈 …
    app.update(Action::Cancel);
    type_text(&mut app, "ㅎ");
    assert_eq!(name_of(&app, 0), "하윤서");
    let pos = |n: &str| (0..app.screens.checkin.rows.len()).position(|i| name_of(&app, i) == n);
    assert!(pos("황보은비") < pos("박정호"));
}

#[test]
fn at_equal_match_an_expected_person_comes_before_one_who_has_arrived() {
    let (_d, mut app) = app();
    type_text(&mut app, "김민지");
    let (first, second) = (app.screens.checkin.rows[0], app.screens.checkin.rows[1]);
    app.update(Action::Submit);
    assert!(app.data.roster.status(first).unwrap().is_arrived());
    type_text(&mut app, "김민지");
    assert_eq!(app.screens.checkin.rows, vec![second, first]);
    app.update(Action::Cancel);
    type_text(&mut app, "김기성");
    app.update(Action::Submit);
    // 김기성 and one 김민지 arrived, the other 김민지 expected: all three start with 김.
    type_text(&mut app, "김");
    let arrived_at = |app: &App, i: usize| {
        app.data
            .roster
            .status(app.screens.checkin.rows[i])
            .is_some_and(|s| s.is_arrived())
    };
    let n = app.screens.checkin.rows.len();
    assert_eq!(n, 3);
    let first_arrived = (0..n).position(|i| arrived_at(&app, i)).unwrap();
    assert_eq!(first_arrived, 1);
    assert!(
        (first_arrived..n).all(|i| arrived_at(&app, i)),
        "김: every expected 김 before the arrived ones"
    );
}

/// Feeds one drain of console events to the app as the event loop does: runs judged, then
/// each event's action.
fn drain(app: &mut App, keys: &str) {
    use netday::event_loop::{Run, to_action};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut q: std::collections::VecDeque<Event> = keys
        .chars()
        .map(|c| {
            let code = if c == '\n' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            };
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
        })
        .collect();
    while let Some(ev) = q.pop_front() {
        let judged = if Run::starts(&ev) {
            let (run, after) = Run::collect(ev, || Ok(q.pop_front())).unwrap();
            if let Some(after) = after {
                q.push_front(after);
            }
            run.judge(|t| app.would_scan(t))
        } else {
            vec![ev]
        };
        for ev in judged {
            if let Some(a) = to_action(app, ev) {
                app.update(a);
            }
        }
    }
}

fn arrived(app: &App) -> usize {
    app.data.roster.count().arrived
}

#[test]
fn a_scan_checks_its_owner_in_at_once_and_a_pasted_line_checks_nobody_in() {
    let (_d, store) = demo_store();
    let mut people = store.people().unwrap();
    let mut kim = people
        .iter_mut()
        .find(|p| p.name == "김기성")
        .unwrap()
        .clone();
    kim.aliases = vec!["OLDDESK7".into()];
    store.put_person(&mut kim).unwrap();
    let park = people.iter().find(|p| p.name != "김기성").unwrap().clone();
    let mut app = App::with_clock(store, fixed_now).unwrap();

    // A pasted name ending in a line break (what Windows' console gives as keys): the box
    // holds the name, nobody is checked in, and the desk says so.
    drain(&mut app, "김기성\n");
    assert_eq!(arrived(&app), 0);
    assert_eq!(&*app.screens.checkin.query, "김기성");
    let m = app.message.as_ref().unwrap();
    assert_eq!(
        (m.tone, m.text.as_str()),
        (Tone::Warn, netday::i18n::PASTED_NOT_CHECKED_IN.get())
    );
    // Enter pressed on its own then checks the person in.
    drain(&mut app, "\n");
    assert_eq!(arrived(&app), 1);

    // Several lines, even of codes, check nobody in.
    drain(&mut app, &format!("{}\n{}\n", park.code, "OLDDESK7"));
    assert_eq!(arrived(&app), 1);
    app.update(Action::Cancel);

    // A badge scan — the code or an alias, then Enter, in one go — checks its owner in.
    drain(&mut app, &format!("{}\n", park.code));
    assert_eq!(arrived(&app), 2);
    assert!(app.data.roster.status(park.id).unwrap().is_arrived());
    assert!(app.screens.checkin.query.is_empty());
    let mut lee = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.id != kim.id && p.id != park.id)
        .unwrap()
        .clone();
    lee.aliases = vec!["LEE-OLD".into()];
    app.data.save_person(&mut lee, None, None).unwrap();
    app.reload().unwrap();
    drain(&mut app, "LEE-OLD\n");
    assert_eq!(arrived(&app), 3, "{:?}", app.message);
}

#[test]
fn a_walk_in_without_an_organisation_is_named_without_empty_brackets() {
    let (_d, mut app) = app();
    type_text(&mut app, "구본준");
    app.update(Action::WalkIn);
    app.update(Action::NextField); // organisation: left empty
    app.update(Action::NextField); // role
    app.update(Action::NextField); // phone
    type_text(&mut app, "01077776666");
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("✓ 구본준 현장 등록"), "{said}");
    assert!(!said.contains("()"), "{said}");
}

#[test]
fn a_rescanned_badge_is_forgiven_and_the_next_scan_starts_in_an_empty_box() {
    let (_d, mut app) = app();
    let people = app.data.roster.people.clone();
    let ha = people.iter().find(|p| p.name == "임하늘").unwrap();
    let other = people.iter().find(|p| p.name != "임하늘").unwrap();
    type_text(&mut app, &ha.code);
    app.update(Action::Submit);
    assert!(app.data.roster.status(ha.id).unwrap().is_arrived());
    type_text(&mut app, &ha.code);
    app.update(Action::Submit);
    assert_eq!(app.message.as_ref().unwrap().tone, Tone::Warn);
    assert!(app.screens.checkin.query.is_empty());
    type_text(&mut app, &other.code);
    app.update(Action::Submit);
    assert!(app.data.roster.status(other.id).unwrap().is_arrived());
    assert_eq!(arrived(&app), 2);
}

#[test]
fn an_enter_in_the_empty_box_checks_in_nobody_until_someone_is_picked() {
    let (_d, mut app) = app();
    type_text(&mut app, "강민수");
    app.update(Action::Submit);
    assert_eq!(app.data.roster.count().arrived, 1);
    // The scanner's (or the finger's) second Enter: the box is empty, the list is everyone.
    app.update(Action::Submit);
    assert_eq!(app.data.roster.count().arrived, 1, "nobody else checked in");
    let m = app.message.as_ref().unwrap();
    assert_eq!(m.tone, Tone::Warn);
    assert!(m.text.contains("아무도 체크인하지 않습니다"), "{}", m.text);
    // Picking by hand from the full list still works.
    app.update(Action::Down);
    let picked = app.screens.checkin.rows[app.screens.checkin.selected];
    app.update(Action::Submit);
    assert!(app.data.roster.status(picked).unwrap().is_arrived());
    assert_eq!(app.data.roster.count().arrived, 2);
}
