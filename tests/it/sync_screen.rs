//! The 동기화 screen (issue 26 item 4): a field changed at two desks apart is listed with both
//! values, who made them and when, the value both desks show marked; Enter on a value settles
//! it here, and the settlement travels to the other desk and closes the conflict there too.

#![allow(clippy::unwrap_used)]

use crate::common;

use netday::model::*;
use netday::state::{Action, App, Screen};
use netday::store::Store;

fn phone_of(s: &Store, name: &str) -> String {
    s.people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
        .phone
}

fn set_phone(s: &Store, name: &str, phone: &str) {
    let mut p = s
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap();
    p.phone = phone.into();
    s.put_person(&mut p).unwrap();
}

/// Desk A (the demo day, 입구 1) and desk B (입구 2) joined from it; both changed 김기성's
/// phone apart, then exchanged.
fn two_desks_in_conflict() -> (tempfile::TempDir, Store, tempfile::TempDir, Store) {
    let (da, a) = common::demo_store();
    a.start_set().unwrap();
    let (db, b) = common::temp_store();
    b.set_desk_name("입구 2").unwrap();
    b.join_from(&a.join_snapshot().unwrap()).unwrap();
    common::set_clock(common::fixed_now());
    set_phone(&a, "김기성", "010-1111-1111");
    // B's change is the later one (the journal's times are the clock's, in milliseconds), so
    // both desks show B's value until someone chooses.
    let a_at = Ts::now();
    while Ts::now() <= a_at {
        std::hint::spin_loop();
    }
    set_phone(&b, "김기성", "010-2222-2222");
    common::sync_stores(&a, &b);
    assert_eq!(a.conflicts().unwrap().len(), 1);
    (da, a, db, b)
}

fn on_sync(app: &mut App) {
    while app.screen != Screen::Sync {
        app.update(Action::NextScreen);
    }
}

/// The screen, with the times (the real clock's, as the journal records them) masked.
fn shown(app: &App, w: u16, h: u16) -> String {
    common::screen::screen(&common::screen::render(app, w, h))
        .lines()
        .map(common::screen::mask_changes)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_conflict_is_listed_with_both_values_and_a_choice_settles_it_at_both_desks() {
    let (da, a, _db, b) = two_desks_in_conflict();
    let shown_now = phone_of(&a, "김기성");
    assert_eq!(shown_now, phone_of(&b, "김기성"));
    let mut app = common::app_on(a);
    on_sync(&mut app);
    let text = shown(&app, 120, 30);
    assert!(text.contains("충돌 1건"), "{text}");
    assert!(text.contains("사람 김기성"), "{text}");
    for (value, desk) in [("010-1111-1111", "입구 1"), ("010-2222-2222", "입구 2")] {
        let line = text
            .lines()
            .find(|l| l.contains(value))
            .unwrap_or_else(|| panic!("{value}:\n{text}"));
        assert!(line.contains(desk), "{line}");
        assert_eq!(line.contains("지금 값"), value == shown_now, "{line}");
    }
    insta::assert_snapshot!("sync_conflicts_120x30", shown(&app, 120, 30));
    insta::assert_snapshot!("sync_conflicts_80x24", shown(&app, 80, 24));

    // B's value is shown now, listed first; the coordinator knows A's number is right: ↓, Enter.
    assert_eq!(shown_now, "010-2222-2222");
    let right = "010-1111-1111";
    app.update(Action::Down);
    app.update(Action::Submit);
    let text = shown(&app, 120, 30);
    assert!(text.contains("충돌이 없습니다"), "{text}");
    assert!(text.contains(&format!("‘{right}’로 정했습니다")), "{text}");
    assert!(
        app.data
            .roster
            .people
            .iter()
            .any(|p| p.name == "김기성" && p.phone == right)
    );
    drop(app);

    // At desk B, once the settlement arrives, nothing is left to decide and the value agrees.
    let a = Store::open(&da.path().join("db")).unwrap();
    common::send_entries(&a, &b, 1 << 20);
    assert!(b.conflicts().unwrap().is_empty());
    assert_eq!(phone_of(&b, "김기성"), right);
}

#[test]
fn the_sync_screen_with_nothing_to_decide_says_so_and_enter_does_nothing() {
    let (_d, mut app) = common::demo_app();
    on_sync(&mut app);
    let before = app.data.history_lines(&Default::default(), 5).unwrap();
    app.update(Action::Submit);
    let text = shown(&app, 80, 24);
    assert!(text.contains("충돌이 없습니다"), "{text}");
    assert_eq!(
        app.data.history_lines(&Default::default(), 5).unwrap(),
        before
    );
    insta::assert_snapshot!("sync_empty_80x24", text);
}

/// One walk-in registered at both desks while apart (same name and phone) is offered for
/// merging on both; Enter takes the coordinator to the merge, and once merged the offer is gone
/// here and, after the exchange, there. Namesakes with nothing else alike are not offered.
#[test]
fn a_walk_in_registered_at_both_desks_is_offered_for_merging_until_merged() {
    let (da, a) = common::demo_store();
    a.start_set().unwrap();
    let (_db, b) = common::temp_store();
    b.set_desk_name("입구 2").unwrap();
    b.join_from(&a.join_snapshot().unwrap()).unwrap();
    for (s, at, phone) in [
        (&a, 10, "010-5555-0001"),
        (&b, 20, "010 5555 0001"),
        (&b, 30, "010-9999-0001"),
        // Two alike made at one desk are the 명단's own business (Ctrl-G), not the exchange's.
        (&a, 40, "010-7777-0001"),
        (&a, 50, "010-7777-0001"),
    ] {
        let name = if at >= 40 { "김철수" } else { "홍길동" };
        let mut p = Person::new(name, Ts(at));
        p.phone = phone.into();
        s.put_person(&mut p).unwrap();
    }
    common::sync_stores(&a, &b);
    let mut app = common::app_on(a);
    on_sync(&mut app);
    assert_eq!(
        app.screens.sync.same.len(),
        1,
        "{:?}",
        app.screens.sync.same
    );
    let text = shown(&app, 120, 30);
    assert!(
        text.contains("같은 사람일 수 있음 1명") && text.contains("같은 사람? 홍길동"),
        "{text}"
    );
    insta::assert_snapshot!("sync_same_person_80x24", shown(&app, 80, 24));
    let pair = app.screens.sync.same[0];
    app.update(Action::Submit);
    assert_eq!(app.screen, Screen::People);
    // The records differ in how the phone is written: the field-by-field merge; ← keeps the
    // first one's value, Enter merges.
    let rows = match &app.screens.people.dialog {
        Some(netday::screens::people::PeopleDialog::Merge(m)) => {
            assert_eq!((m.keep, m.dup), (pair.keep, pair.dup));
            m.rows.len()
        }
        other => panic!("{other:?}\n{}", shown(&app, 120, 30)),
    };
    for _ in 0..rows {
        app.update(Action::Left);
    }
    app.update(Action::Submit);
    assert!(app.data.roster.person(pair.dup).unwrap().archived);
    on_sync(&mut app);
    assert!(app.screens.sync.same.is_empty(), "{}", shown(&app, 120, 30));
    drop(app);
    let a = Store::open(&da.path().join("db")).unwrap();
    common::send_entries(&a, &b, 1 << 20);
    let live: Vec<_> = b
        .people()
        .unwrap()
        .into_iter()
        .filter(|p| p.name == "홍길동" && !p.archived)
        .collect();
    assert_eq!(
        live.len(),
        2,
        "the namesake with another phone stays: {live:?}"
    );
}

/// `netday sync conflicts` lists the same conflict, value by value, at both desks, with the
/// value shown now marked; with none, it says so and lists nothing.
#[test]
fn sync_conflicts_on_the_command_line_lists_the_same_values_at_both_desks() {
    let (da, a, db, b) = two_desks_in_conflict();
    drop((a, b));
    let list = |dir: &tempfile::TempDir| {
        let (code, out, err) = common::run(&dir.path().join("db"), &["sync", "conflicts"]);
        assert_eq!(code, 0, "{err}");
        out.lines()
            .map(|l| l.split('\t').map(str::to_string).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    let (at_a, at_b) = (list(&da), list(&db));
    assert_eq!(at_a, at_b);
    assert_eq!(at_a.len(), 2, "{at_a:?}");
    for (line, value, desk) in [
        (&at_a[0], "010-2222-2222", "입구 2"),
        (&at_a[1], "010-1111-1111", "입구 1"),
    ] {
        assert_eq!(
            line[..5],
            ["1", "사람 김기성", "연락처", value, desk],
            "{line:?}"
        );
    }
    assert_eq!(
        at_a.iter().map(|l| l[6].as_str()).collect::<Vec<_>>(),
        ["지금 값", ""]
    );
    let (_d, empty) = common::demo_store();
    let path = _d.path().join("db");
    drop(empty);
    let (code, out, err) = common::run(&path, &["sync", "conflicts"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("충돌이 없습니다"), "{err}");
}
