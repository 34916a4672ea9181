//! The day from the first keystroke (issue 12), driven through actions: nothing acts unseen, the
//! networking day made and changed in the app, who has not come yet, shortcuts with the IME on.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;
use netday::screens::checkin::CheckinDialog;
use netday::state::unit::Question;

use netday::model::AttendanceStatus;
use netday::state::{Action, App};

/// Opens the People screen's import (Ctrl-O) on `file` and shows its preview.
fn preview_import(app: &mut App, file: &std::path::Path) {
    while app.screen != netday::state::Screen::People {
        app.update(Action::NextScreen);
    }
    app.update(Action::ImportPeople);
    app.update(Action::Paste(file.display().to_string()));
    app.update(Action::Submit);
}

fn arrived(app: &App) -> usize {
    app.data
        .roster
        .attendance
        .values()
        .filter(|a| a.status.is_arrived())
        .count()
}

#[test]
fn while_the_screen_is_too_small_no_key_but_quit_acts() {
    let (_d, mut app) = demo_app();
    app.size = (60, 15);
    type_text(&mut app, "ㄴㄱ");
    app.update(Action::Submit);
    app.update(Action::WalkIn);
    assert_eq!(arrived(&app), 0, "nothing checked in unseen");
    assert!(app.modal.is_none(), "nothing opened unseen");
    assert!(app.screens.checkin.query.is_empty(), "nothing typed unseen");
    app.update(Action::Quit);
    assert!(app.quit, "quitting still works");

    let (_d, mut app) = demo_app();
    app.size = (80, 24);
    type_text(&mut app, "ㄴㄱ");
    app.update(Action::Submit);
    assert_eq!(arrived(&app), 1, "the same keys act once the screen shows");
    assert!(
        app.data
            .roster
            .attendance
            .values()
            .any(|a| matches!(a.status, AttendanceStatus::CheckedIn { .. }))
    );
}

#[test]
fn an_empty_database_makes_todays_networking_day_from_the_first_screen() {
    use netday::state::Modal;
    let (_d, store) = temp_store();
    let mut app = app_on(store);
    assert_eq!(app.modal, Some(Modal::OfferDemo));
    app.update(Action::NewEvent); // Enter on the first screen
    let Some(Modal::EventForm(f)) = &app.modal else {
        panic!("no day form: {:?}", app.modal)
    };
    assert_eq!(&*f.title, "2026년 11월 서울 협동조합 네트워킹데이");
    assert_eq!(&*f.date, "2026-11-24");
    assert_eq!((&*f.start, &*f.end), ("14:00", "17:00"));
    // The title follows the date until it is typed over.
    app.update(Action::NextField);
    app.update(Action::ClearField);
    type_text(&mut app, "12-15");
    let Some(Modal::EventForm(f)) = &app.modal else {
        panic!()
    };
    assert_eq!(&*f.title, "2026년 12월 서울 협동조합 네트워킹데이");
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    type_text(&mut app, "마포 사회적경제허브");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    let e = app
        .event
        .clone()
        .expect("the new day is the day the app works on");
    assert_eq!(
        e.date,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()
    );
    assert_eq!(e.venue, "마포 사회적경제허브");
    assert_eq!(
        app.data.store_for_tests().events().unwrap(),
        vec![e.clone()]
    );

    // At once the desk registers a walk-in for it.
    app.update(Action::WalkIn);
    type_text(&mut app, "첫손님");
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    type_text(&mut app, "01012345678");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    assert_eq!(arrived(&app), 1);
}

#[test]
fn the_day_list_makes_changes_and_deletes_only_an_empty_day() {
    use netday::state::Modal;
    let (_d, mut app) = demo_app();
    let days = app.events.len();
    app.update(Action::PickEvent);
    // n: the next day, a month after the latest on the same weekday of the month (the fourth
    // Tuesday, 2026-11-24, gives 2026-12-22, not Thursday the 24th), with its hours and venue.
    app.update(Action::NewEvent);
    let Some(Modal::EventForm(f)) = &app.modal else {
        panic!()
    };
    assert_eq!(
        &*f.date, "2026-12-22",
        "the latest day's weekday, a month on"
    );
    app.update(Action::Submit);
    assert_eq!(app.events.len(), days + 1);
    let new = app.event.clone().unwrap();
    assert_eq!(new.date.to_string(), "2026-12-22");

    // e: change its title.
    app.update(Action::PickEvent);
    app.update(Action::Edit);
    app.update(Action::ClearField);
    type_text(&mut app, "송년 네트워킹데이");
    app.update(Action::Submit);
    assert_eq!(app.event.as_ref().unwrap().title, "송년 네트워킹데이");

    // d on a day with attendance: refused, in words.
    app.update(Action::PickEvent);
    app.update(Action::Home);
    app.update(Action::Delete);
    assert!(
        matches!(app.modal, Some(Modal::EventPicker(_))),
        "no confirm for a day with records"
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("지우지 않았습니다")
    );
    assert_eq!(app.events.len(), days + 1);

    // d on the empty new day: asks, then deletes.
    app.update(Action::End);
    app.update(Action::Delete);
    assert!(matches!(
        common::question(&app),
        Some(Question::DeleteEvent(_))
    ));
    app.update(Action::Submit);
    assert_eq!(app.events.len(), days);
    assert_eq!(app.data.store_for_tests().events().unwrap().len(), days);
    assert!(app.event.is_some(), "another day is open");
}

/// Ctrl-O on the People screen asks whether the file's people are registered for the day open
/// now: yes unless changed; ←→ in the preview changes it.
#[test]
fn an_import_from_the_app_registers_everyone_for_the_day_unless_told_not_to() {
    use netday::state::{Modal, Screen};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("명단.csv");
    std::fs::write(&file, "이름,소속,연락처\n새얼굴,새마을협동조합,010-2222-3333\n또얼굴,새마을협동조합,010-2222-4444\n").unwrap();
    let file2 = dir.path().join("명단2.csv");
    std::fs::write(
        &file2,
        "이름,소속,연락처\n셋째얼굴,새마을협동조합,010-2222-5555\n",
    )
    .unwrap();
    let (_d, mut app) = demo_app();
    while app.screen != Screen::People {
        app.update(Action::NextScreen);
    }
    let registered = |app: &App| app.data.roster.attendance.len();
    let before = registered(&app);

    app.update(Action::ImportPeople);
    app.update(Action::Paste(file.display().to_string()));
    app.update(Action::Submit);
    let Some(Modal::Import(d)) = &app.modal else {
        panic!("no preview")
    };
    assert!(d.register, "yes by default while a day is open");
    assert_eq!(d.preview.as_ref().unwrap().summary.registered, 2);
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    assert_eq!(registered(&app), before + 2);

    app.update(Action::ImportPeople);
    app.update(Action::Paste(file2.display().to_string()));
    app.update(Action::Submit);
    app.update(Action::Right);
    let Some(Modal::Import(d)) = &app.modal else {
        panic!("no preview")
    };
    assert!(!d.register);
    assert_eq!(
        d.preview.as_ref().unwrap().summary.registered,
        0,
        "the preview follows"
    );
    app.update(Action::Submit);
    assert_eq!(registered(&app), before + 2, "added, not registered");
    assert!(app.data.roster.people.iter().any(|p| p.name == "셋째얼굴"));
}

#[test]
fn the_missing_list_names_who_has_not_come_and_enter_checks_them_in() {
    let (_d, mut app) = demo_app();
    type_text(&mut app, "ㄱㄱㅅ");
    app.update(Action::Submit); // 김기성 arrives
    app.update(Action::ShowMissing);
    let Some(CheckinDialog::Missing(m)) = &app.screens.checkin.dialog else {
        panic!("no list")
    };
    assert_eq!(m.rows.len(), 38, "39 expected, one arrived");
    let first = m.rows[0];
    let name = app.data.roster.person(first).unwrap().name.clone();
    assert!(
        m.rows
            .iter()
            .all(|id| !app.data.roster.status(*id).unwrap().is_arrived())
    );
    // Phones are masked until F3, as on the desk.
    let text = common::screen::screen(&common::screen::render(&app, 100, 30));
    assert!(
        text.contains("미도착 38명") && text.contains("****"),
        "{text}"
    );
    app.update(Action::Submit);
    let Some(CheckinDialog::Missing(m)) = &app.screens.checkin.dialog else {
        panic!("the list stays for the next call")
    };
    assert_eq!(m.rows.len(), 37);
    assert!(!m.rows.contains(&first));
    assert!(
        app.data.roster.status(first).unwrap().is_arrived(),
        "{name} checked in"
    );
    app.update(Action::Cancel);
    assert_eq!(app.modal, None);
}

#[test]
fn a_walk_in_without_a_day_is_refused_before_the_form_is_filled() {
    let (_d, store) = temp_store();
    let mut app = app_on(store);
    app.update(Action::Cancel); // start empty
    app.update(Action::WalkIn);
    assert_eq!(app.modal, None, "no form to fill in vain");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("n으로 새로 만드세요")
    );
}

/// A walk-in who is already in the database is checked in as themselves: by the very name
/// (highlighted as it is typed) or by the same phone; nobody is created twice.
#[test]
fn a_walk_in_who_is_already_known_is_checked_in_not_created_again() {
    let (_d, mut app) = demo_app();
    let people = app.data.roster.people.len();
    let kim = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "김기성")
        .unwrap()
        .clone();

    app.update(Action::WalkIn);
    type_text(&mut app, "김기성");
    let Some(f) = common::person_form(&app) else {
        panic!()
    };
    assert_eq!(f.name.hits.first(), Some(&kim.id), "{:?}", f.name.hits);
    assert_eq!(f.name.sel, Some(0), "the very name is highlighted");
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    assert!(app.data.roster.status(kim.id).unwrap().is_arrived());
    assert_eq!(app.data.roster.people.len(), people, "nobody new");

    // By phone, under another spelling of the name.
    let other = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "서민준")
        .unwrap()
        .clone();
    app.update(Action::WalkIn);
    type_text(&mut app, "서민"); // a near name: offered, not highlighted
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    type_text(&mut app, &other.phone.replace('-', ""));
    let text = common::screen::screen(&common::screen::render(&app, 100, 30));
    assert!(text.contains("이미 있는 번호입니다"), "{text}");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    assert!(app.data.roster.status(other.id).unwrap().is_arrived());
    assert_eq!(app.data.roster.people.len(), people, "still nobody new");
}

#[test]
fn a_new_organisations_kind_follows_its_name_until_chosen() {
    use netday::model::OrgKind;

    let (_d, mut app) = demo_app();
    app.update(Action::WalkIn);
    type_text(&mut app, "새얼굴");
    app.update(Action::NextField);
    type_text(&mut app, "무지개사회적협동조합");
    let kind = |app: &App| match common::person_form(app) {
        Some(f) => f.kind,
        _ => panic!(),
    };
    assert_eq!(kind(&app), OrgKind::SocialCoop);
    app.update(Action::Cancel); // drop any highlight
    app.update(Action::NextField); // → kind
    app.update(Action::Input('2'));
    assert_eq!(kind(&app), OrgKind::ConsumerCoop, "chosen by hand");
}

/// A junk organisation made at the door ("햇살", kind 기타) is merged into the real one from
/// the organisations list: its people, the ideas and action items it had follow.
#[test]
fn a_junk_organisation_is_merged_into_the_real_one_with_everything_it_had() {
    use netday::model::{District, OrgKind, Organization};
    use netday::state::Screen;
    let (_d, mut app) = demo_app();
    let real = *app
        .data
        .roster
        .orgs
        .values()
        .find(|o| o.name == "햇살생협")
        .map(|o| &o.id)
        .unwrap();
    // The junk one, with someone in it and an idea naming it.
    let mut junk = Organization {
        id: 0,
        name: "햇살".into(),
        kind: OrgKind::Other,
        district: District::Other,
        contact: String::new(),
    };
    app.data.save_org(&mut junk).unwrap();
    let mut p = person("임시손님");
    p.org_id = Some(junk.id);
    app.data.save_person(&mut p, None, None).unwrap();
    let mut idea = app.data.store_for_tests().ideas().unwrap().remove(0);
    idea.org_ids = vec![junk.id];
    app.data.save_idea(&mut idea).unwrap();
    app.reload().unwrap();

    while app.screen != Screen::People {
        app.update(Action::NextScreen);
    }
    app.update(Action::ToggleOrgs);
    let at = |app: &App, id| {
        app.screens
            .people
            .org_rows
            .iter()
            .position(|r| *r == id)
            .unwrap()
    };
    app.screens.people.org_selected = at(&app, junk.id);
    app.update(Action::Merge);
    app.screens.people.org_selected = at(&app, real);
    app.update(Action::Merge);
    let text = common::screen::screen(&common::screen::render(&app, 120, 30));
    assert!(
        text.contains("햇살 · 기타 · 1명") && text.contains("햇살생협 · 생협"),
        "the confirm names both: {text}"
    );
    assert!(common::question(&app).is_some());
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);

    let store = app.data.store_for_tests();
    assert!(
        store.orgs().unwrap().iter().all(|o| o.id != junk.id),
        "the junk is gone"
    );
    assert_eq!(store.person(p.id).unwrap().unwrap().org_id, Some(real));
    let idea = store
        .ideas()
        .unwrap()
        .into_iter()
        .find(|i| i.id == idea.id)
        .unwrap();
    assert_eq!(idea.org_ids, vec![real]);
    assert!(!app.data.roster.orgs.contains_key(&junk.id));
}

/// An action item's owner may be someone not in the database, kept as written and shown in the
/// minutes; a name typed whole is still the person, and a near one is never put in its place.
#[test]
fn an_action_item_may_be_owned_by_someone_not_in_the_database() {
    use netday::model::{NoteKind, Owner};
    use netday::state::Screen;
    let (_d, mut app) = demo_app();
    while app.screen != Screen::Notes {
        app.update(Action::NextScreen);
    }
    app.update(Action::AddItem);
    type_text(&mut app, "구청에 장소 문의");
    app.update(Action::CycleKind);
    app.update(Action::CycleKind);
    app.update(Action::Save);
    let Some(_) = &app.screens.notes.action_form else {
        panic!("owner form not open")
    };
    type_text(&mut app, "구청 담당 주무관");
    app.update(Action::Cancel); // no suggestion: the name as written
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    let n = app
        .data
        .store_for_tests()
        .notes()
        .unwrap()
        .into_iter()
        .find(|n| n.text == "구청에 장소 문의")
        .unwrap();
    let NoteKind::Action { owner, .. } = &n.kind else {
        panic!()
    };
    assert_eq!(owner, &Owner::Named("구청 담당 주무관".into()));
    let e = app.event.clone().unwrap();
    let minutes =
        netday::io::minutes::render(&app.data.minutes(&e).unwrap(), netday::i18n::Lang::Ko);
    assert!(minutes.contains("구청 담당 주무관"), "{minutes}");
}

/// Making an agenda item longer moves the timed items after it (and says so), and a new note
/// belongs to the item set running by hand, whatever the clock says.
#[test]
fn a_longer_agenda_item_pushes_the_next_and_notes_follow_the_running_one() {
    use netday::state::Screen;
    let (_d, mut app) = demo_app();
    while app.screen != Screen::Agenda {
        app.update(Action::NextScreen);
    }
    let starts = |app: &App| -> Vec<String> {
        app.screens
            .agenda
            .items
            .iter()
            .map(|i| {
                i.start
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(starts(&app), ["14:00", "14:40", "15:10", "15:40"]);
    app.update(Action::Home);
    app.update(Action::Edit); // the form opens on the title
    app.update(Action::PrevField); // → length
    app.update(Action::ClearField);
    type_text(&mut app, "60");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    assert_eq!(starts(&app), ["14:00", "15:00", "15:30", "16:00"]);
    assert!(
        app.message.as_ref().unwrap().text.contains("20분 뒤로"),
        "{:?}",
        app.message
    );
    let stored = app
        .data
        .store_for_tests()
        .agenda_of_event(app.event.as_ref().unwrap().id)
        .unwrap();
    assert_eq!(stored, app.screens.agenda.items, "one durable step");

    // The third item set running by hand (s twice: planned → running).
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::CycleStatus);
    let third = app.screens.agenda.items[2].id;
    while app.screen != Screen::Notes {
        app.update(Action::NextScreen);
    }
    app.update(Action::AddItem);
    assert_eq!(
        app.screens.notes.editor.as_ref().unwrap().agenda_id,
        Some(third)
    );
}

/// The app's import preview shows every column with what it is read into, and says loudly when
/// a left-out column looks like one that matters; a form tool's question headers map by meaning.
#[test]
fn the_import_preview_shows_every_column_and_warns_about_a_phone_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("응답.csv");
    std::fs::write(
        &file,
        "타임스탬프,성함을 적어주세요,소속기관,휴대폰 번호,기관 대표번호,참석 가능 여부\n\
         2026. 11. 20 오후 3:01:02,새얼굴,새마을협동조합,010-2222-3333,010-9999-8888,참석합니다\n",
    )
    .unwrap();
    let (_d, mut app) = demo_app();
    preview_import(&mut app, &file);
    let text = common::screen::screen(&common::screen::render(&app, 160, 40));
    for shown in [
        "성함을 적어주세요→이름",
        "소속기관→소속 기관",
        "휴대폰 번호→연락처",
        "타임스탬프→무시",
    ] {
        assert!(text.contains(shown), "{shown} missing:\n{text}");
    }
    assert!(text.contains("경고: ‘기관 대표번호’"), "{text}");
}

/// In the app's preview, Tab chooses a column and ↑↓ change what it is read into: a column the
/// matcher left out (and warned about) is read as the organisation, and the import uses it.
#[test]
fn the_import_preview_maps_a_column_by_hand() {
    use netday::state::Modal;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("응답.csv");
    std::fs::write(
        &file,
        "이름,어디서 오셨어요\n새얼굴,새마을협동조합\n두얼굴,새마을협동조합\n",
    )
    .unwrap();
    let (_d, mut app) = demo_app();
    preview_import(&mut app, &file);
    let text = common::screen::screen(&common::screen::render(&app, 160, 40));
    assert!(
        text.contains("[이름→이름]"),
        "the first column is chosen:\n{text}"
    );
    assert!(text.contains("어디서 오셨어요→무시"), "{text}");
    app.update(Action::NextField);
    // 무시 → 이름 → 소속 기관: the name is already the first column's, so it moves here
    // and back again; two steps down reach the organisation.
    app.update(Action::Down);
    app.update(Action::Down);
    let text = common::screen::screen(&common::screen::render(&app, 160, 40));
    assert!(text.contains("[어디서 오셨어요→소속 기관]"), "{text}");
    assert!(!text.contains("경고"), "no warning once mapped:\n{text}");
    let Some(Modal::Import(d)) = &app.modal else {
        panic!("the preview stays open");
    };
    assert_eq!(d.overrides.len(), 1);
    app.update(Action::Submit);
    assert!(app.modal.is_none(), "imported");
    let p = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "새얼굴")
        .unwrap();
    assert_eq!(app.data.roster.org_name(p), "새마을협동조합");
}

/// 미정 answers register people as tentative: shown apart on the desk and in the day's numbers,
/// and a later answer in another file moves them on.
#[test]
fn maybe_answers_are_tentative_on_the_desk_and_in_the_numbers() {
    use netday::model::counts::DayCount;
    use netday::state::Screen;
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("1차.csv");
    std::fs::write(
        &first,
        "성함,소속,참석 여부\n새얼굴,새마을협동조합,미정\n두얼굴,새마을협동조합,참석\n",
    )
    .unwrap();
    let (_d, mut app) = demo_app();
    let before = app.data.day_count(app.event.as_ref().unwrap().id).unwrap();
    preview_import(&mut app, &first);
    app.update(Action::Submit);
    assert!(app.modal.is_none(), "imported");
    let status = |app: &App, name: &str| {
        let p = app
            .data
            .roster
            .people
            .iter()
            .find(|p| p.name == name)
            .unwrap();
        app.data.roster.status(p.id).cloned()
    };
    assert_eq!(status(&app, "새얼굴"), Some(AttendanceStatus::Tentative));
    assert_eq!(status(&app, "두얼굴"), Some(AttendanceStatus::Expected));
    let now = app.data.day_count(app.event.as_ref().unwrap().id).unwrap();
    assert_eq!(
        now,
        DayCount {
            expected: before.expected + 1,
            missing: before.missing + 1,
            tentative: before.tentative + 1,
            ..before
        }
    );
    // The desk says 미정, in the day's numbers and on the person's row.
    while app.screen != Screen::Checkin {
        app.update(Action::NextScreen);
    }
    type_text(&mut app, "새얼굴");
    let text = common::screen::screen(&common::screen::render(&app, 120, 40));
    assert!(text.contains(&format!("미정 {}", now.tentative)), "{text}");
    let row = text
        .lines()
        .find(|l| l.contains("새얼굴") && l.contains("새마을"))
        .unwrap();
    assert!(row.contains("미정"), "{row}");
    // Checked in, a tentative person arrives like anyone registered.
    app.update(Action::Submit);
    assert!(matches!(
        status(&app, "새얼굴"),
        Some(AttendanceStatus::CheckedIn { .. })
    ));

    // A second file: the one who said 참석 now says 미정, then 불참 in a third.
    let second = dir.path().join("2차.csv");
    std::fs::write(&second, "성함,소속,참석 여부\n두얼굴,새마을협동조합,미정\n").unwrap();
    while app.screen != Screen::People {
        app.update(Action::NextScreen);
    }
    preview_import(&mut app, &second);
    app.update(Action::Submit);
    assert_eq!(status(&app, "두얼굴"), Some(AttendanceStatus::Tentative));
    let third = dir.path().join("3차.csv");
    std::fs::write(&third, "성함,소속,참석 여부\n두얼굴,새마을협동조합,불참\n").unwrap();
    preview_import(&mut app, &third);
    app.update(Action::Submit);
    assert_eq!(status(&app, "두얼굴"), Some(AttendanceStatus::Cancelled));
}

/// A workbook with two lists: the preview says so, PgDn takes the other sheet, and the import
/// reads the sheet shown.
#[test]
fn the_import_preview_chooses_among_sheets_holding_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("신청.xlsx");
    std::fs::write(&file, common::two_list_workbook()).unwrap();
    let (_d, mut app) = demo_app();
    preview_import(&mut app, &file);
    let text = common::screen::screen(&common::screen::render(&app, 160, 40));
    assert!(
        text.contains("시트 ‘1차 신청’ — 명단이 있는 시트가 2개입니다"),
        "{text}"
    );
    assert!(text.contains("첫사람"), "{text}");
    app.update(Action::PageDown);
    let text = common::screen::screen(&common::screen::render(&app, 160, 40));
    assert!(text.contains("시트 ‘2차 신청’"), "{text}");
    assert!(
        text.contains("둘째사람") && !text.contains("첫사람"),
        "{text}"
    );
    app.update(Action::Submit);
    let names: Vec<&str> = app
        .data
        .roster
        .people
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert!(names.contains(&"둘째사람") && !names.contains(&"첫사람"));
}

/// In the app an import runs as a job: the key leaves it for the event loop, which runs it
/// with a gauge that hears every stage up to its end; the gauge box says what and how far.
#[test]
fn an_import_in_the_app_reports_its_progress_to_the_gauge() {
    use netday::progress::Stage;
    use netday::state::{Job, Modal};
    struct Seen(Vec<(String, u64)>, Vec<u64>);
    impl netday::progress::Progress for Seen {
        fn start(&mut self, what: Stage, total: u64) {
            self.0
                .push((netday::i18n::stage_label(what).0.to_string(), total));
        }
        fn set(&mut self, done: u64) {
            self.1.push(done);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("명단.csv");
    let mut csv = String::from("이름,소속\n");
    for i in 0..2500 {
        csv.push_str(&format!("참가자{i},한울신협\n"));
    }
    std::fs::write(&file, csv).unwrap();
    let (_d, mut app) = demo_app();
    app.defer_jobs = true;
    // Reading the file and working out the preview is a job too (a million rows take seconds).
    preview_import(&mut app, &file);
    assert_eq!(
        app.job,
        Some(Job::Preview),
        "the preview is left for the event loop"
    );
    let mut reading = Seen(Vec::new(), Vec::new());
    app.run_job(&mut reading);
    assert!(
        matches!(&app.modal, Some(Modal::Import(d)) if d.preview.is_some()),
        "previewed"
    );
    assert_eq!(reading.0[0].0, "파일 읽는 중 (KB)", "{:?}", reading.0);
    assert_eq!(
        reading.0[0].1,
        std::fs::metadata(&file).unwrap().len().div_ceil(1024)
    );
    assert!(reading.1.contains(&reading.0[0].1), "read to the end");
    app.update(Action::Submit);
    assert_eq!(app.job, Some(Job::Import), "left for the event loop");
    assert!(matches!(app.modal, Some(Modal::Import(_))), "still shown");
    let before = app.data.roster.people.len();
    let mut seen = Seen(Vec::new(), Vec::new());
    app.run_job(&mut seen);
    assert_eq!(app.job, None);
    assert!(app.modal.is_none(), "imported and closed");
    assert_eq!(app.data.roster.people.len(), before + 2500);
    assert_eq!(seen.0[0], ("행 확인 중".to_string(), 2500), "{:?}", seen.0);
    assert!(
        seen.0.iter().any(|(w, _)| w == "가져오는 중"),
        "{:?}",
        seen.0
    );
    assert!(
        seen.1.contains(&2500),
        "the check reached its end: {:?}",
        seen.1
    );

    // The gauge box over the screen.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| netday::view::draw_gauge(f, "가져오는 중", 1500, 3000, Some("Esc 취소")))
        .unwrap();
    let text = common::screen::screen(&t.backend().buffer().clone());
    assert!(text.contains("작업 중"), "{text}");
    assert!(text.contains("가져오는 중 1,500 / 3,000"), "{text}");
    assert!(text.contains("50%"), "{text}");
    assert!(text.contains("Esc 취소"), "{text}");
}
