//! 변경 이력 (issue 24): the history lists a change, Enter shows its fields before and after,
//! u (asked first) undoes it and every screen shows the person as before; a refused undo names
//! the later change in the status line; snapshots at 80×24 and 160×48.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{mask_changes, render, row};
use common::type_text;

use netday::state::{Action, App, Screen};
use netday::store::Store;

/// The demo day, made at a desk named "입구 1", on the People screen.
fn app() -> (tempfile::TempDir, App) {
    let (dir, store) = common::temp_store();
    store.set_desk_name("입구 1").unwrap();
    netday::demo::load(&store, common::demo_date()).unwrap();
    let mut app = common::app_on(store);
    go(&mut app, Screen::People);
    (dir, app)
}

fn go(app: &mut App, screen: Screen) {
    while app.screen != screen {
        app.update(Action::NextScreen);
    }
}

fn person(s: &Store, name: &str) -> netday::model::Person {
    s.people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
}

/// On the People screen: finds `name` and sets their phone through the person form.
fn set_phone(app: &mut App, name: &str, phone: &str) {
    go(app, Screen::People);
    app.update(Action::Cancel);
    type_text(app, name);
    let id = person(app.data.store_for_tests(), name).id;
    let at = app
        .screens
        .people
        .rows
        .iter()
        .position(|r| *r == id)
        .unwrap();
    app.screens.people.selected = at;
    app.update(Action::Edit);
    assert!(common::person_form(app).is_some());
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    for _ in 0..20 {
        app.update(Action::Backspace);
    }
    type_text(app, phone);
    app.update(Action::Submit);
    assert!(common::person_form(app).is_none(), "{:?}", app.message);
    app.update(Action::Cancel);
}

fn status(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn an_edit_is_listed_shown_field_by_field_and_undone() {
    let (_d, mut app) = app();
    let before = person(app.data.store_for_tests(), "김기성");
    set_phone(&mut app, "김기성", "01099998888");
    assert_eq!(
        person(app.data.store_for_tests(), "김기성").phone,
        "010-9999-8888"
    );
    go(&mut app, Screen::History);
    let top = app.screens.history.lines[0].clone();
    assert_eq!(top.kind, "사람 저장");
    assert_eq!(top.touched, "김기성 (한울신협)");
    assert_eq!(top.desk, "입구 1");
    // Enter: the phone before and after, in words.
    app.update(Action::Detail);
    let d = app.screens.history.detail.as_ref().unwrap();
    let phone = d.records[0]
        .fields
        .iter()
        .find(|f| f.field.get() == "연락처")
        .unwrap();
    assert_eq!(
        (phone.before.as_str(), phone.after.as_str()),
        (before.phone.as_str(), "010-9999-8888")
    );
    assert_eq!(d.records[0].fields.len(), 1, "{:?}", d.records[0].fields);
    // u asks; y undoes.
    app.update(Action::UndoChange);
    assert!(matches!(
        common::question(&app),
        Some(netday::state::unit::Question::Undo(o)) if *o == top.order
    ));
    app.update(Action::Yes);
    assert_eq!(app.modal, None);
    assert!(
        status(&app).contains(&format!("#{}", top.id)),
        "{}",
        status(&app)
    );
    assert_eq!(person(app.data.store_for_tests(), "김기성"), before);
    // The roster and the other screens show the person as before.
    let kim = app.data.roster.person(before.id).unwrap();
    assert_eq!(kim.phone, before.phone);
    // The undo is on record, newest first.
    assert!(app.screens.history.lines[0].kind.starts_with("되돌리기"));
    assert_eq!(app.screens.history.lines[1].order, top.order);
    go(&mut app, Screen::People);
    app.update(Action::Cancel);
    type_text(&mut app, "010-9999");
    assert!(
        app.screens.people.rows.is_empty(),
        "the people list still finds the undone phone"
    );
}

#[test]
fn an_undo_refused_names_the_later_change() {
    let (_d, mut app) = app();
    set_phone(&mut app, "김기성", "01011112222");
    set_phone(&mut app, "김기성", "01033334444");
    go(&mut app, Screen::History);
    let later = app.screens.history.lines[0].clone();
    let first = app.screens.history.lines[1].clone();
    assert_eq!(first.touched, "김기성 (한울신협)");
    app.update(Action::Down);
    app.update(Action::UndoChange);
    app.update(Action::Yes);
    assert_eq!(app.modal, None);
    let said = status(&app);
    assert!(said.contains(&format!("#{}", later.id)), "{said}");
    assert!(said.contains("되돌리지 않았습니다"), "{said}");
    assert_eq!(
        person(app.data.store_for_tests(), "김기성").phone,
        "010-3333-4444"
    );
}

#[test]
fn the_filter_keeps_what_it_names() {
    let (_d, mut app) = app();
    set_phone(&mut app, "김기성", "01011112222");
    go(&mut app, Screen::History);
    app.update(Action::FilterMenu);
    app.update(Action::NextField); // person
    type_text(&mut app, "김기성");
    app.update(Action::Submit);
    assert!(app.screens.history.filter_form.is_none());
    let lines = &app.screens.history.lines;
    assert_eq!(lines[0].touched, "김기성 (한울신협)");
    // The changes that did not touch him (the agenda, the notes, the ideas) are left out.
    assert!(
        lines.iter().all(|l| !l.kind.starts_with("안건")
            && !l.kind.starts_with("기록")
            && !l.kind.starts_with("아이디어")),
        "{lines:?}"
    );
    assert!(lines.len() < 10, "{lines:?}");
    // A kind nobody made: nothing, and it says how to clear it.
    app.update(Action::FilterMenu);
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    type_text(&mut app, "병합");
    app.update(Action::Submit);
    assert!(app.screens.history.lines.is_empty());
    app.update(Action::ClearFilter);
    assert!(app.screens.history.lines.len() > 1);
    // A date with no networking day is refused in the form.
    app.update(Action::FilterMenu);
    type_text(&mut app, "2001-01-01");
    app.update(Action::Submit);
    let ff = app.screens.history.filter_form.as_ref().unwrap();
    assert!(
        ff.form
            .error
            .as_deref()
            .unwrap()
            .contains("네트워킹데이가 없습니다")
    );
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (160, 48)] {
        let buf = render(app, w, h);
        let shown = (0..buf.area.height)
            .map(|y| mask_changes(row(&buf, y).trim_end()))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
    }
}

#[test]
fn history_list() {
    let (_d, mut app) = app();
    set_phone(&mut app, "김기성", "01099998888");
    go(&mut app, Screen::History);
    snap("history_list", &app);
}

#[test]
fn history_before_after() {
    let (_d, mut app) = app();
    set_phone(&mut app, "김기성", "01099998888");
    go(&mut app, Screen::History);
    app.update(Action::Detail);
    snap("history_before_after", &app);
}

#[test]
fn the_person_detail_lists_their_changes_newest_first() {
    let (_d, mut app) = app();
    set_phone(&mut app, "김기성", "01011112222");
    set_phone(&mut app, "장은서", "01055556666");
    set_phone(&mut app, "김기성", "01033334444");
    go(&mut app, Screen::People);
    type_text(&mut app, "김기성");
    let id = person(app.data.store_for_tests(), "김기성").id;
    let at = app
        .screens
        .people
        .rows
        .iter()
        .position(|r| *r == id)
        .unwrap();
    app.screens.people.selected = at;
    app.update(Action::Detail);
    let d = app.screens.people.detail.as_ref().unwrap();
    let orders: Vec<u64> = d.changes.iter().map(|c| c.order).collect();
    let all = app.data.history(usize::MAX, |_| true).unwrap();
    assert_eq!(all[0].order, orders[0], "the newest edit of 김기성 first");
    assert_eq!(d.changes[0].kind, "사람 저장");
    assert!(orders.windows(2).all(|w| w[0] > w[1]), "{orders:?}");
    // 장은서's edit is not his.
    assert!(!orders.contains(&all[1].order), "{orders:?}");
    assert!(orders.contains(&all[2].order), "{orders:?}");
}

#[test]
fn an_undone_agenda_edit_shows_on_the_agenda_screen_at_once() {
    let (_d, mut app) = app();
    go(&mut app, Screen::Agenda);
    let before = app.screens.agenda.items[0].title.clone();
    app.update(Action::Edit);
    app.update(Action::ClearField);
    type_text(&mut app, "공동 홍보");
    app.update(Action::Submit);
    assert_eq!(app.screens.agenda.items[0].title, "공동 홍보");
    go(&mut app, Screen::History);
    let touched = &app.screens.history.lines[0].touched;
    assert!(touched.starts_with("안건 '공동 홍보'"), "{touched}");
    app.update(Action::UndoChange);
    app.update(Action::Yes);
    // Every screen is told: the agenda shows the title as it was without being reopened.
    assert_eq!(app.screens.agenda.items[0].title, before);
}

#[test]
fn history_undo_confirm() {
    let (_d, mut app) = app();
    set_phone(&mut app, "김기성", "01099998888");
    go(&mut app, Screen::History);
    app.update(Action::UndoChange);
    snap("history_undo_confirm", &app);
}
