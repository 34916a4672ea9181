//! People screen state: filtering, sorting, edit validation, register, archive, merge, close the
//! day, import and export — over a real temporary store with the demo data.
#![allow(clippy::unwrap_used)]

use crate::common;
use common::type_text;
use netday::screens::people::PeopleDialog;

use chrono::NaiveDate;
use netday::i18n::{Lang, set_lang};
use netday::model::{AttendanceStatus, OrgKind, Ts};
use netday::screens::people::{Column, StatusFilter};
use netday::state::{Action, App, Modal, Screen};
use netday::store::Store;

fn now() -> Ts {
    // 2026-11-24 14:30 in Seoul.
    Ts(chrono::DateTime::parse_from_rfc3339("2026-11-24T05:30:00Z")
        .unwrap()
        .timestamp_millis())
}

fn app() -> (tempfile::TempDir, App) {
    common::seoul();
    set_lang(Lang::Ko);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    netday::demo::load(&store, now().local_date()).unwrap();
    let mut app = App::with_clock(store, now).unwrap();
    app.update(Action::NextScreen);
    assert_eq!(app.screen, Screen::People);
    (dir, app)
}

fn id_of(app: &App, name: &str) -> u64 {
    app.data
        .roster
        .people
        .iter()
        .find(|p| p.name == name && !p.archived)
        .unwrap_or_else(|| panic!("{name} not found"))
        .id
}

fn select(app: &mut App, name: &str) {
    let id = id_of(app, name);
    app.screens.people.selected = app
        .screens
        .people
        .rows
        .iter()
        .position(|r| *r == id)
        .unwrap();
}

fn names(app: &App) -> Vec<String> {
    app.screens
        .people
        .rows
        .iter()
        .map(|id| app.data.roster.person(*id).unwrap().name.clone())
        .collect()
}

#[test]
fn shows_the_event_and_toggles_to_everyone() {
    let (_d, mut app) = app();
    let registered = app.data.roster.attendance.len();
    assert_eq!(app.screens.people.rows.len(), registered);
    // Someone not registered for today appears only with "everyone".
    let ahn = id_of(&app, "안지호");
    select(&mut app, "안지호");
    app.update(Action::Register); // unregister (only expected)
    assert!(!app.data.roster.attendance.contains_key(&ahn));
    assert!(!app.screens.people.rows.contains(&ahn));
    app.update(Action::ToggleEveryone);
    assert!(app.screens.people.everyone);
    assert!(app.screens.people.rows.contains(&ahn));
    assert_eq!(app.screens.people.rows.len(), registered);
}

#[test]
fn hangul_search_and_filters_count_live() {
    let (_d, mut app) = app();
    type_text(&mut app, "ㄱㄱㅅ");
    assert_eq!(names(&app), vec!["김기성"]);
    app.update(Action::Cancel);
    let all = app.screens.people.rows.len();

    // Kind filter via the menu: row 1 (kind) → first kind = credit union.
    app.update(Action::FilterMenu);
    assert!(matches!(
        app.screens.people.dialog,
        Some(PeopleDialog::Filter { .. })
    ));
    app.update(Action::Down);
    app.update(Action::Right);
    assert_eq!(app.screens.people.filters.kind, Some(OrgKind::CreditUnion));
    let cu = app.screens.people.rows.len();
    let expected_cu = app
        .data
        .roster
        .people
        .iter()
        .filter(|p| app.data.roster.org_of(p).map(|o| o.kind) == Some(OrgKind::CreditUnion))
        .filter(|p| app.data.roster.attendance.contains_key(&p.id))
        .count();
    assert_eq!(cu, expected_cu);
    assert!(cu > 0 && cu < all);
    for id in &app.screens.people.rows {
        let p = app.data.roster.person(*id).unwrap();
        assert_eq!(
            app.data.roster.org_of(p).unwrap().kind,
            OrgKind::CreditUnion
        );
    }

    // First-timers (row 3) on top of the kind filter.
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Right);
    assert!(app.screens.people.filters.first_time);
    assert!(app.screens.people.rows.len() < cu);
    assert!(names(&app).contains(&"노준영".to_string()));
    assert!(!names(&app).contains(&"김기성".to_string()));
    // Backspace clears every filter.
    app.update(Action::Backspace);
    assert_eq!(app.screens.people.rows.len(), all);
    app.update(Action::Cancel);
    assert_eq!(app.modal, None);

    // Missing phone or e-mail.
    app.screens.people.filters.missing_contact = true;
    app.screens.people.refresh(&app.data.roster);
    assert!(!app.screens.people.rows.is_empty());
    for id in &app.screens.people.rows {
        let p = app.data.roster.person(*id).unwrap();
        assert!(p.phone.is_empty() || p.email.is_empty(), "{}", p.name);
    }
    app.screens.people.filters.missing_contact = false;

    // Status: check someone in, filter arrived.
    let kim = id_of(&app, "김기성");
    app.check_in(kim).unwrap();
    app.screens.people.filters.status = Some(StatusFilter::Arrived);
    app.screens.people.refresh(&app.data.roster);
    assert_eq!(app.screens.people.rows, vec![kim]);
    app.screens.people.filters.status = Some(StatusFilter::Expected);
    app.screens.people.refresh(&app.data.roster);
    assert_eq!(app.screens.people.rows.len(), all - 1);
}

#[test]
fn sorts_by_any_column_both_ways() {
    let (_d, mut app) = app();
    let n = names(&app);
    let mut sorted = n.clone();
    sorted.sort();
    assert_eq!(n, sorted, "name order by default");
    app.update(Action::SortReverse);
    let mut rev = sorted.clone();
    rev.reverse();
    // Equal names keep a stable tie-break, so compare as multisets per position only for unique.
    assert_eq!(names(&app).first(), rev.first());
    assert_eq!(names(&app).last(), rev.last());

    // F6 to the attendance-count column, then F7 for most first.
    while app.screens.people.sort != Column::Count {
        app.update(Action::SortNext);
    }
    assert!(
        !app.screens.people.descending,
        "a new column starts ascending"
    );
    app.update(Action::SortReverse);
    let counts: Vec<u32> = app
        .screens
        .people
        .rows
        .iter()
        .map(|id| app.data.roster.history.get(id).map_or(0, |h| h.attended))
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(counts[0], 3);

    // Organisation column groups members together, alphabetically.
    while app.screens.people.sort != Column::Org {
        app.update(Action::SortNext);
    }
    let orgs: Vec<String> = app
        .screens
        .people
        .rows
        .iter()
        .map(|id| {
            app.data
                .roster
                .org_name(app.data.roster.person(*id).unwrap())
                .to_string()
        })
        .collect();
    assert!(orgs.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn edit_validates_and_saves_durably() {
    let (dir, mut app) = app();
    select(&mut app, "김기성");
    let kim = id_of(&app, "김기성");
    app.update(Action::Edit);
    assert!(common::person_form(&app).is_some());
    // Go to the phone field: name → org → role → phone.
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    for _ in 0..20 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "12345");
    app.update(Action::Submit);
    let Some(f) = common::person_form(&app) else {
        panic!("form closed on a bad phone");
    };
    assert!(f.form.error.as_deref().unwrap().contains("전화번호"));
    // A good one, written any way.
    for _ in 0..20 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "01099998888");
    app.update(Action::NextField); // e-mail
    for _ in 0..60 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "not-an-email");
    app.update(Action::Submit);
    let Some(f) = common::person_form(&app) else {
        panic!("form closed on a bad e-mail");
    };
    assert!(f.form.error.as_deref().unwrap().contains("이메일"));
    for _ in 0..20 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "ks@hanul.example");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    let p = app.data.roster.person(kim).unwrap();
    assert_eq!(p.phone, "010-9999-8888");
    assert_eq!(p.email, "ks@hanul.example");

    // Empty name is refused.
    app.update(Action::Edit);
    for _ in 0..10 {
        app.update(Action::Backspace);
    }
    app.update(Action::Submit);
    let Some(f) = common::person_form(&app) else {
        panic!("form closed on an empty name");
    };
    assert!(f.form.error.is_some());
    // Esc on a changed form asks first, the second Esc discards.
    app.update(Action::Cancel);
    assert!(common::person_form(&app).is_some());
    app.update(Action::Cancel);
    assert_eq!(app.modal, None);
    assert_eq!(app.data.roster.person(kim).unwrap().name, "김기성");

    drop(app);
    let store = Store::open(&dir.path().join("db")).unwrap();
    let p = store.person(kim).unwrap().unwrap();
    assert_eq!(p.phone, "010-9999-8888");
}

#[test]
fn add_person_with_a_new_org_registers_them() {
    let (_d, mut app) = app();
    let before = app.screens.people.rows.len();
    app.update(Action::AddPerson);
    type_text(&mut app, "홍길동");
    app.update(Action::NextField);
    type_text(&mut app, "새마을협동조합");
    app.update(Action::NextField); // kind of the new organisation
    app.update(Action::Input('4')); // social co-op
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    assert_eq!(app.screens.people.rows.len(), before + 1);
    let id = id_of(&app, "홍길동");
    assert_eq!(
        app.data.roster.status(id),
        Some(&AttendanceStatus::Expected)
    );
    let org = app
        .data
        .roster
        .org_of(app.data.roster.person(id).unwrap())
        .unwrap();
    assert_eq!(org.name, "새마을협동조합");
    assert_eq!(org.kind, OrgKind::SocialCoop);
    assert!(app.data.roster.is_first_time(id));
}

#[test]
fn archive_asks_and_keeps_history() {
    let (_d, mut app) = app();
    let kim = id_of(&app, "김기성");
    let history = app
        .data
        .store_for_tests()
        .attendance_of_person(kim)
        .unwrap();
    select(&mut app, "김기성");
    app.update(Action::Archive);
    assert!(common::question(&app).is_some());
    app.update(Action::Cancel);
    assert!(app.screens.people.rows.contains(&kim));
    app.update(Action::Archive);
    app.update(Action::Submit);
    assert!(!app.screens.people.rows.contains(&kim));
    assert!(
        app.data
            .store_for_tests()
            .person(kim)
            .unwrap()
            .unwrap()
            .archived
    );
    assert_eq!(
        app.data
            .store_for_tests()
            .attendance_of_person(kim)
            .unwrap(),
        history
    );
}

#[test]
fn merge_combines_attendance() {
    let (_d, mut app) = app();
    let kim = id_of(&app, "김기성"); // came 1, 2, 3 months ago
    let ahn = id_of(&app, "안지호"); // came 3 months ago
    assert_eq!(app.data.roster.history[&ahn].attended, 1);
    select(&mut app, "김기성");
    app.update(Action::Merge);
    assert_eq!(app.screens.people.merge_from, Some(kim));
    select(&mut app, "안지호");
    app.update(Action::Merge);
    // The two differ: the kept record's value is chosen for every field.
    let Some(PeopleDialog::Merge(choice)) = &app.screens.people.dialog else {
        panic!("no field-by-field merge");
    };
    for _ in 0..choice.rows.len() {
        app.update(Action::Left);
    }
    app.update(Action::Submit);
    assert_eq!(app.screens.people.dialog, None);
    assert_eq!(app.data.roster.history[&ahn].attended, 3);
    assert!(!app.screens.people.rows.contains(&kim));
    assert!(app.data.roster.person(kim).unwrap().archived);
    let months: Vec<NaiveDate> = {
        let mut v: Vec<NaiveDate> = app
            .data
            .store_for_tests()
            .attendance_of_person(ahn)
            .unwrap()
            .iter()
            .filter(|a| a.status.is_arrived())
            .map(|a| app.events.iter().find(|e| e.id == a.event_id).unwrap().date)
            .collect();
        v.sort();
        v
    };
    assert_eq!(months.len(), 3);
    assert!(
        app.data
            .store_for_tests()
            .attendance_of_person(kim)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn close_the_day_marks_no_shows_and_undoes() {
    let (_d, mut app) = app();
    let kim = id_of(&app, "김기성");
    app.check_in(kim).unwrap();
    let expected = app.data.roster.attendance.len() - 1;
    app.update(Action::CloseDay);
    assert!(common::question(&app).is_some());
    app.update(Action::Submit);
    let statuses: Vec<_> = app
        .data
        .roster
        .attendance
        .values()
        .map(|a| &a.status)
        .collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| ***s == AttendanceStatus::NoShow)
            .count(),
        expected
    );
    assert!(app.data.roster.status(kim).unwrap().is_arrived());
    let event = app.event.as_ref().unwrap().id;
    let stored = app
        .data
        .store_for_tests()
        .attendance_of_event(event)
        .unwrap();
    assert_eq!(
        stored
            .iter()
            .filter(|a| a.status == AttendanceStatus::NoShow)
            .count(),
        expected
    );
    app.screens.people.filters.status = Some(StatusFilter::Absent);
    app.screens.people.refresh(&app.data.roster);
    assert_eq!(app.screens.people.rows.len(), expected);
    // Closed is said where the day is named: the header, and F5's list.
    let header = |app: &App| {
        let text = common::screen::screen(&common::screen::render(app, 120, 30));
        text.lines().next().unwrap_or_default().to_string()
    };
    assert!(header(&app).contains("· 마감"), "{}", header(&app));
    app.update(Action::PickEvent);
    let picker = common::screen::screen(&common::screen::render(&app, 120, 30));
    let title = &app.event.as_ref().unwrap().title;
    assert!(
        picker
            .lines()
            .any(|l| l.contains(title.as_str()) && l.contains("· 마감")),
        "{picker}"
    );
    app.update(Action::Cancel);

    app.update(Action::UndoCloseDay);
    app.update(Action::Submit);
    assert!(!header(&app).contains("마감"), "{}", header(&app));
    let stored = app
        .data
        .store_for_tests()
        .attendance_of_event(event)
        .unwrap();
    assert_eq!(
        stored
            .iter()
            .filter(|a| a.status == AttendanceStatus::Expected)
            .count(),
        expected
    );
    assert_eq!(app.screens.people.rows.len(), 0);
}

#[test]
fn export_writes_the_filtered_view_and_import_previews_first() {
    let (dir, mut app) = app();
    type_text(&mut app, "한울");
    let shown = app.screens.people.rows.len();
    assert!(shown >= 3);
    let path = dir.path().join("out.csv");
    app.update(Action::ExportPeople);
    let Some(Modal::Export(d)) = &app.modal else {
        panic!("no export dialog");
    };
    assert!(
        d.path.value().ends_with("netday-people-20261124.xlsx"),
        "{}",
        d.path.value()
    );
    for _ in 0..80 {
        app.update(Action::Backspace);
    }
    app.update(Action::Paste(path.display().to_string()));
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    assert!(app.message.as_ref().unwrap().text.contains("out.csv"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), shown + 1);
    assert!(text.contains("김기성"));
    assert!(!text.contains("박정호"));

    // Import a file with one new person and one bad row.
    app.update(Action::Cancel);
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "이름,소속,연락처\n최새봄,봄날협동조합,010-5555-1234\n,이름없음,010-1111-2222\n",
    )
    .unwrap();
    app.update(Action::ImportPeople);
    app.update(Action::Paste(csv.display().to_string()));
    app.update(Action::Submit);
    let Some(Modal::Import(d)) = &app.modal else {
        panic!("no import dialog");
    };
    let p = d.preview.as_ref().expect("preview");
    assert_eq!(p.summary.added, 1);
    assert_eq!(p.parsed.errors.len(), 1);
    assert!(
        app.data
            .store_for_tests()
            .people()
            .unwrap()
            .iter()
            .all(|p| p.name != "최새봄")
    );
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let id = id_of(&app, "최새봄");
    assert_eq!(
        app.data.roster.status(id),
        Some(&AttendanceStatus::Expected)
    );
    assert!(app.screens.people.rows.contains(&id));
}

#[test]
fn organisations_view_edits_an_org() {
    let (_d, mut app) = app();
    app.update(Action::ToggleOrgs);
    type_text(&mut app, "한울");
    let org = app.screens.people.selected_org().unwrap();
    assert_eq!(app.data.roster.orgs[&org].name, "한울신협");
    let before = app.data.roster.orgs[&org].district;
    app.update(Action::Edit);
    app.update(Action::NextField); // kind
    app.update(Action::NextField); // district
    app.update(Action::Right);
    app.update(Action::NextField); // contact
    type_text(&mut app, "02-111-2222");
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    let o = app.data.store_for_tests().org(org).unwrap().unwrap();
    assert_eq!(o.contact, "02-111-2222");
    assert_ne!(o.district, before);
    assert_eq!(app.data.roster.orgs[&org].district, o.district);
}

#[test]
fn renaming_resorts_and_filters_see_fresh_data() {
    let (_d, mut app) = app();
    let kim = id_of(&app, "김기성");
    let before = app
        .screens
        .people
        .rows
        .iter()
        .position(|r| *r == kim)
        .unwrap();
    select(&mut app, "김기성");
    app.update(Action::Edit);
    for _ in 0..3 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "힣기성");
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let after = app
        .screens
        .people
        .rows
        .iter()
        .position(|r| *r == kim)
        .unwrap();
    assert!(after > before);
    assert_eq!(after, app.screens.people.rows.len() - 1, "힣 sorts last");
    // The selection follows the edited person.
    assert_eq!(app.screens.people.selected_person(), Some(kim));

    // A check-in at the desk shows in the People filters once back on the screen.
    app.screens.people.filters.status = Some(StatusFilter::Arrived);
    app.screens.people.refresh(&app.data.roster);
    assert!(app.screens.people.rows.is_empty());
    app.update(Action::PrevScreen);
    app.check_in(kim).unwrap();
    app.update(Action::NextScreen);
    assert_eq!(app.screens.people.rows, vec![kim]);
}

#[test]
fn org_field_suggests_known_organisations() {
    let (_d, mut app) = app();
    let orgs_before = app.data.roster.orgs.len();
    app.update(Action::AddPerson);
    type_text(&mut app, "김새싹");
    app.update(Action::NextField);
    type_text(&mut app, "한울");
    let Some(f) = common::person_form(&app) else {
        panic!("no form");
    };
    let hanul = f.org.hits[0];
    assert_eq!(app.data.roster.orgs[&hanul].name, "한울신협");
    assert_eq!(f.org.sel, Some(0), "the best suggestion is highlighted");
    app.update(Action::Submit); // takes the suggestion, moves on
    let Some(f) = common::person_form(&app) else {
        panic!("form closed when taking a suggestion");
    };
    assert_eq!(f.org.text, "한울신협");
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let p = app.data.roster.person(id_of(&app, "김새싹")).unwrap();
    assert_eq!(p.org_id, Some(hanul));
    assert_eq!(
        app.data.roster.orgs.len(),
        orgs_before,
        "no new organisation"
    );
}

#[test]
fn closing_stays_undoable_after_an_import() {
    let (dir, mut app) = app();
    app.update(Action::CloseDay);
    app.update(Action::Submit);
    let csv = dir.path().join("in.csv");
    std::fs::write(&csv, "이름,소속\n최새봄,봄날협동조합\n").unwrap();
    app.update(Action::ImportPeople);
    app.update(Action::Paste(csv.display().to_string()));
    app.update(Action::Submit);
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    app.update(Action::UndoCloseDay);
    assert!(common::question(&app).is_some());
    app.update(Action::Submit);
    let kim = id_of(&app, "김기성");
    assert_eq!(
        app.data.roster.status(kim),
        Some(&AttendanceStatus::Expected)
    );
}

/// The organisations view's counts are worked out once per change, and follow every change: a
/// check-in, an archive.
#[test]
fn organisation_counts_follow_check_ins_and_archives() {
    let (_d, mut app) = app();
    let kim = id_of(&app, "김기성");
    let org = app.data.roster.person(kim).unwrap().org_id.unwrap();
    let (people, registered, arrived) = app.data.roster.org_counts(org);
    assert!(people >= 2 && registered >= 1, "{people} {registered}");
    app.check_in(kim).unwrap();
    assert_eq!(
        app.data.roster.org_counts(org),
        (people, registered, arrived + 1)
    );
    let other = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.org_id == Some(org) && p.id != kim)
        .unwrap()
        .id;
    app.data.archive(other).unwrap();
    assert_eq!(app.data.roster.org_counts(org).0, people - 1);
    assert_eq!(app.data.roster.org_named(" 한울 신협 "), Some(org));
}
