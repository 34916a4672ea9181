//! Merge made safe (issue 24, item 4): two differing records are merged field by field, the
//! merged-away person is seen under 보관 and restored, and a merge leaves a redirect that a
//! re-import and a walk-in follow — never a ghost on the desk list, in the counts or on the
//! 서명부.
#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use netday::io::csv::parse_people_csv;
use netday::model::{AttendanceStatus, Id, PersonField, PrintKind};
use netday::screens::people::{MergeChoice, PeopleDialog, StatusFilter};
use netday::state::{Action, App, Modal, Screen};

fn id_of(app: &App, name: &str) -> Id {
    app.data
        .roster
        .people
        .iter()
        .find(|p| p.name == name && !p.archived)
        .unwrap_or_else(|| panic!("{name} not found"))
        .id
}

fn goto(app: &mut App, screen: Screen) {
    while app.screen != screen {
        app.update(Action::NextScreen);
    }
}

fn select(app: &mut App, id: Id) {
    app.screens.people.selected = app
        .screens
        .people
        .rows
        .iter()
        .position(|r| *r == id)
        .unwrap_or_else(|| panic!("{id} is not in the list"));
}

/// Ctrl-G on the duplicate, then Ctrl-G on the one to keep, on the People screen.
fn mark_merge(app: &mut App, dup: Id, keep: Id) {
    goto(app, Screen::People);
    select(app, dup);
    app.update(Action::Merge);
    select(app, keep);
    app.update(Action::Merge);
}

fn choice(app: &App) -> &MergeChoice {
    match &app.screens.people.dialog {
        Some(PeopleDialog::Merge(m)) => m,
        other => panic!("no field-by-field merge open: {other:?}"),
    }
}

#[test]
fn a_merge_of_differing_records_asks_field_by_field_and_the_merged_away_can_be_restored() {
    let (_d, mut app) = demo_app();
    let keep = id_of(&app, "김기성");
    let dup = id_of(&app, "안지호");
    let (k, d) = (
        app.data.roster.person(keep).unwrap().clone(),
        app.data.roster.person(dup).unwrap().clone(),
    );
    assert_ne!(k.phone, d.phone);
    mark_merge(&mut app, dup, keep);
    // Not the one yes/no: a choice per differing field, none made for the coordinator.
    assert!(common::question(&app).is_none());
    let fields: Vec<PersonField> = choice(&app).rows.iter().map(|r| r.field).collect();
    assert!(fields.starts_with(&[PersonField::Name, PersonField::Phone]));
    assert!(choice(&app).rows.iter().all(|r| r.take_dup.is_none()));

    // Enter before every field is chosen merges nothing.
    app.update(Action::Submit);
    assert!(choice(&app).unchosen);
    assert!(!app.data.roster.person(dup).unwrap().archived);

    // The duplicate's name, the kept record's phone, and for the rest the kept record's values.
    app.update(Action::Right);
    for _ in 1..fields.len() {
        app.update(Action::Left);
    }
    app.update(Action::Submit);
    assert_eq!(app.screens.people.dialog, None);
    let stored = app.data.store_for_tests().person(keep).unwrap().unwrap();
    assert_eq!(stored.name, d.name, "the name chosen from the duplicate");
    assert_eq!(stored.phone, k.phone, "the phone kept");
    assert_eq!(stored.org_id, k.org_id);
    assert!(
        app.data
            .store_for_tests()
            .person(dup)
            .unwrap()
            .unwrap()
            .archived
    );
    assert_eq!(app.data.roster.merged_into.get(&dup), Some(&keep));

    // Under 보관 (the status filter's last value) the merged-away one shows, and says into whom.
    app.update(Action::FilterMenu);
    app.update(Action::Left);
    app.update(Action::Submit);
    assert_eq!(
        app.screens.people.filters.status,
        Some(StatusFilter::Archived)
    );
    assert!(app.screens.people.rows.contains(&dup));
    assert!(!app.screens.people.rows.contains(&keep));
    let shown = common::screen::screen(&common::screen::render(&app, 160, 48));
    assert!(shown.contains(&format!("→ {}", d.name)), "{shown}");
    select(&mut app, dup);
    app.update(Action::Detail);
    let shown = common::screen::screen(&common::screen::render(&app, 160, 48));
    assert!(shown.contains(&format!("{}로 병합됨 (", d.name)), "{shown}");

    // An archived person is not registered for the day (Ctrl-R says so and writes nothing).
    select(&mut app, dup);
    app.update(Action::Register);
    let event = app.event.clone().unwrap();
    assert_eq!(
        app.data
            .store_for_tests()
            .attendance(event.id, dup)
            .unwrap(),
        None
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("등록할 수 없습니다"))
    );

    // Ctrl-Y brings them back: durable, off the 보관 list, no longer merged into anyone.
    select(&mut app, dup);
    app.update(Action::Restore);
    let back = app.data.store_for_tests().person(dup).unwrap().unwrap();
    assert!(!back.archived);
    assert!(!back.code.is_empty(), "a badge code of their own again");
    assert!(!app.screens.people.rows.contains(&dup));
    assert_eq!(app.data.roster.merged_into.get(&dup), None);
    assert!(app.data.store_for_tests().merged_into().unwrap().is_empty());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("되살렸습니다"))
    );
}

#[test]
fn identical_records_keep_the_one_yes_or_no() {
    let (_d, mut app) = demo_app();
    let keep = id_of(&app, "김기성");
    let mut twin = app.data.roster.person(keep).unwrap().clone();
    twin.id = 0;
    twin.code.clear();
    twin.aliases.clear();
    app.data.save_person(&mut twin, None, None).unwrap();
    app.screens.people.everyone = true;
    goto(&mut app, Screen::People);
    app.screens.people.refresh(&app.data.roster);
    mark_merge(&mut app, twin.id, keep);
    assert!(matches!(app.modal, Some(Modal::Confirm(_))));
    app.update(Action::Yes);
    assert!(app.data.roster.person(twin.id).unwrap().archived);
}

const FILE: &str = "이름,소속,연락처\n\
    박서연,한빛신협,010-7000-0001\n\
    박서윤,한빛신협,010-7000-0002\n\
    최민준,푸른생협,010-7000-0003\n";

fn import(app: &mut App, file: &std::path::Path) -> netday::io::import::ImportSummary {
    let parsed = parse_people_csv(FILE.as_bytes()).unwrap();
    let done = app
        .data
        .import_apply(
            &parsed,
            file,
            Some(demo_date()),
            &mut netday::progress::Silent,
        )
        .unwrap();
    app.reload().unwrap();
    done
}

/// Whom every view of the day shows, and that they agree: the desk list (no query), F4's
/// list, the header's numbers, the CLI's numbers and the 서명부's people.
fn the_day_agrees(app: &mut App) -> (Vec<Id>, Vec<Id>) {
    goto(app, Screen::Checkin);
    app.screens.checkin.refresh(&app.data.roster);
    let desk = app.screens.checkin.rows.clone();
    app.update(Action::ShowMissing);
    let missing = match &app.screens.checkin.dialog {
        Some(netday::screens::checkin::CheckinDialog::Missing(m)) => m.rows.clone(),
        other => panic!("F4 did not open: {other:?}"),
    };
    app.update(Action::Cancel);
    let count = app.data.roster.count();
    let event = app.event.clone().unwrap();
    assert_eq!(app.data.day_count(event.id).unwrap(), count.day);
    assert_eq!(missing.len(), count.missing, "F4 and the header's 미도착");
    let status = |id: &Id| app.data.roster.status(*id).cloned();
    let on_sheet = desk
        .iter()
        .filter(|id| {
            !matches!(
                status(id),
                Some(AttendanceStatus::Cancelled | AttendanceStatus::NoShow)
            )
        })
        .count();
    let printed = app
        .data
        .print(&event, PrintKind::Signin, &mut netday::progress::Silent)
        .unwrap();
    assert_eq!(printed.people, on_sheet, "the 서명부 and the desk list");
    // The minutes' numbers and the attendance export count the same people.
    let minutes = app.data.minutes(&event).unwrap();
    assert_eq!(
        netday::model::counts::DayCount::of(minutes.attendance.iter().map(|a| &a.status)),
        count.day,
        "the minutes and the header"
    );
    let table = netday::io::export::attendance_table(app.data.store_for_tests(), event.id).unwrap();
    assert_eq!(
        table.rows.len(),
        desk.len(),
        "the attendance export and the desk list"
    );
    let registered = desk
        .iter()
        .filter(|id| {
            matches!(
                status(id),
                Some(
                    AttendanceStatus::Expected
                        | AttendanceStatus::NoShow
                        | AttendanceStatus::CheckedIn { .. }
                )
            )
        })
        .count();
    assert_eq!(
        registered, count.expected,
        "the desk list and the header's 예정"
    );
    (desk, missing)
}

/// The people the desk's search finds for `q`.
fn desk_search(app: &mut App, q: &str) -> Vec<Id> {
    goto(app, Screen::Checkin);
    type_text(app, q);
    let found = app.screens.checkin.rows.clone();
    app.update(Action::Cancel);
    found
}

#[test]
fn a_re_import_after_a_merge_makes_no_ghost_and_every_view_of_the_day_agrees() {
    let (dir, mut app) = demo_app();
    let file = dir.path().join("명단.csv");
    std::fs::write(&file, FILE).unwrap();
    let first = import(&mut app, &file);
    assert_eq!((first.added, first.registered), (3, 3));
    let people = app.data.store_for_tests().people().unwrap().len();
    let keep = id_of(&app, "박서연");
    let dup = id_of(&app, "박서윤");

    mark_merge(&mut app, dup, keep);
    for _ in 0..choice(&app).rows.len() {
        app.update(Action::Left);
    }
    app.update(Action::Submit);
    assert!(app.data.roster.person(dup).unwrap().archived);

    let again = import(&mut app, &file);
    assert_eq!(again.added, 0, "nobody new");
    assert_eq!(again.registered, 0, "nobody registered again: {again:?}");
    assert_eq!(again.skipped, 3);
    assert_eq!(app.data.store_for_tests().people().unwrap().len(), people);
    let event = app.event.clone().unwrap();
    assert_eq!(
        app.data
            .store_for_tests()
            .attendance(event.id, dup)
            .unwrap(),
        None,
        "the merged-away person is not registered"
    );
    let kept = app.data.store_for_tests().person(keep).unwrap().unwrap();
    assert_eq!(kept.phone, "010-7000-0001", "the row changed nobody");

    let (desk, missing) = the_day_agrees(&mut app);
    assert!(desk.contains(&keep) && missing.contains(&keep));
    assert!(!desk.contains(&dup) && !missing.contains(&dup));
    assert!(!desk_search(&mut app, "박서윤").contains(&dup));
    assert!(desk_search(&mut app, "박서연").contains(&keep));

    // A ghost an earlier version left (an archived person registered) is on no view either.
    app.data
        .store_for_tests()
        .put_attendance(&netday::model::Attendance {
            event_id: event.id,
            person_id: dup,
            status: AttendanceStatus::Expected,
            updated: clock(),
        })
        .unwrap();
    app.reload().unwrap();
    let (desk, missing) = the_day_agrees(&mut app);
    assert!(!desk.contains(&dup) && !missing.contains(&dup));
}

#[test]
fn a_walk_in_with_the_merged_away_name_and_phone_is_the_kept_person() {
    let (_d, mut app) = demo_app();
    let keep = id_of(&app, "김기성");
    let dup = id_of(&app, "안지호");
    let d = app.data.roster.person(dup).unwrap().clone();
    mark_merge(&mut app, dup, keep);
    for _ in 0..choice(&app).rows.len() {
        app.update(Action::Left);
    }
    app.update(Action::Submit);
    let people = app.data.store_for_tests().people().unwrap().len();
    let event = app.event.clone().unwrap();
    // Whatever the kept person's status was, they are not arrived yet.
    app.data.remove_attendance(event.id, keep).unwrap();

    goto(&mut app, Screen::Checkin);
    app.update(Action::WalkIn);
    assert!(person_form(&app).is_some());
    type_text(&mut app, &d.name);
    while person_form(&app)
        .is_some_and(|f| f.form.focus != netday::screens::people::form::PField::Phone)
    {
        app.update(Action::NextField);
    }
    type_text(&mut app, &d.phone);
    app.update(Action::Submit);
    assert!(person_form(&app).is_none(), "the walk-in form closed");
    assert_eq!(
        app.data.store_for_tests().people().unwrap().len(),
        people,
        "no new person"
    );
    let arrived = app
        .data
        .store_for_tests()
        .attendance(event.id, keep)
        .unwrap();
    assert!(
        arrived.is_some_and(|a| a.status.is_arrived()),
        "the kept person arrived"
    );
    assert_eq!(
        app.data
            .store_for_tests()
            .attendance(event.id, dup)
            .unwrap(),
        None
    );
}

/// A wrong merge, chosen field by field, is taken back whole by undoing it: both people as they
/// were, the redirect gone, the duplicate's days back.
#[test]
fn a_merge_chosen_field_by_field_is_undone_whole() {
    let (_d, mut app) = demo_app();
    let keep = id_of(&app, "김기성");
    let dup = id_of(&app, "안지호");
    let store = app.data.store_for_tests();
    let before = (
        store.person(keep).unwrap(),
        store.person(dup).unwrap(),
        store.attendance_of_person(keep).unwrap(),
        store.attendance_of_person(dup).unwrap(),
    );
    mark_merge(&mut app, dup, keep);
    app.update(Action::Right);
    for _ in 1..choice(&app).rows.len() {
        app.update(Action::Left);
    }
    app.update(Action::Submit);
    assert_eq!(app.data.roster.merged_into.get(&dup), Some(&keep));
    let merge = app.data.history(1, |_| true).unwrap().pop().unwrap();
    assert_eq!(merge.kind, netday::model::ChangeKind::MergePeople);
    let (event, events) = (app.event.clone(), app.events.clone());
    app.data.undo(merge.order, event.as_ref(), &events).unwrap();
    let store = app.data.store_for_tests();
    let after = (
        store.person(keep).unwrap(),
        store.person(dup).unwrap(),
        store.attendance_of_person(keep).unwrap(),
        store.attendance_of_person(dup).unwrap(),
    );
    assert_eq!(after, before);
    assert!(store.merged_into().unwrap().is_empty());
    assert_eq!(app.data.roster.merged_into.get(&dup), None);
}

#[test]
fn an_organisation_made_by_mistake_is_deleted_and_one_with_people_is_not() {
    use netday::model::ChangeKind;
    let (_d, mut app) = demo_app();
    goto(&mut app, Screen::People);
    app.update(Action::ToggleOrgs);
    // A typo'd organisation, made on the 기관 list.
    app.update(Action::AddPerson);
    type_text(&mut app, "한울신엽");
    app.update(Action::Submit);
    let typo = app
        .data
        .roster
        .orgs
        .values()
        .find(|o| o.name == "한울신엽")
        .map(|o| o.id)
        .expect("the organisation was made");
    let pos = |app: &App, id| app.screens.people.org_rows.iter().position(|r| *r == id);
    app.screens.people.org_selected = pos(&app, typo).unwrap();
    app.update(Action::Delete);
    assert!(common::question(&app).is_some(), "asks first");
    app.update(Action::Submit);
    assert!(!app.data.roster.orgs.contains_key(&typo));
    assert!(app.data.store_for_tests().org(typo).unwrap().is_none());
    assert!(pos(&app, typo).is_none());

    // On record, and undone from the history like any change.
    let last = app.data.history(1, |_| true).unwrap().remove(0);
    assert_eq!(last.kind, ChangeKind::OrgDeleted);
    let (event, events) = (app.event.clone(), app.events.clone());
    app.data.undo(last.order, event.as_ref(), &events).unwrap();
    assert!(app.data.store_for_tests().org(typo).unwrap().is_some());

    // One with people (or an archived person) is refused in words, and stays.
    let kim = id_of(&app, "김기성");
    let hanul = app.data.roster.person(kim).unwrap().org_id.unwrap();
    app.update(Action::ToggleOrgs);
    app.update(Action::ToggleOrgs);
    app.screens.people.org_selected = pos(&app, hanul).unwrap();
    app.update(Action::Delete);
    assert!(common::question(&app).is_none());
    let said = format!("{:?}", app.message);
    assert!(said.contains("지우지 않았습니다"), "{said}");
    // The store refuses too, whatever the screen thought.
    assert!(!app.data.store_for_tests().delete_org(hanul).unwrap());
    assert!(app.data.roster.orgs.contains_key(&hanul));
}

#[test]
fn an_archived_person_who_came_leaves_every_view_of_the_day_alike() {
    let (_d, mut app) = demo_app();
    let kim = id_of(&app, "김기성");
    app.check_in(kim).unwrap();
    let before = app.data.roster.count().day;
    goto(&mut app, Screen::People);
    select(&mut app, kim);
    app.update(Action::Archive);
    app.update(Action::Submit);
    assert!(app.data.roster.person(kim).unwrap().archived);
    assert_eq!(app.data.roster.count().day.arrived + 1, before.arrived);
    the_day_agrees(&mut app);
}
