//! Two desks in the app (issue 26 items 1–3): F2 on 동기화 at desk A offers the link (the
//! code in the header), F3 at an empty desk B links with the address and the code; B gets the
//! whole list, a check-in at either desk shows at the other, the header says linked, and after
//! F4 and a restart B links again without the code. Real links on 127.0.0.1, two apps pumped
//! by the test as the event loop pumps them.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use crate::common;

use netday::state::{Action, App, Screen};
use netday::store::Store;

fn on_sync(app: &mut App) {
    for _ in 0..Screen::ALL.len() {
        if app.screen == Screen::Sync {
            return;
        }
        app.update(Action::NextScreen);
    }
    panic!("no way to 동기화: {:?}", app.modal);
}

fn header(app: &App) -> String {
    common::screen::row(&common::screen::render(app, 120, 30), 0)
}

/// Pumps both apps until `done` holds (or gives up after 20 s, failing with `what`).
fn until(a: &mut App, b: &mut App, what: &str, done: impl Fn(&App, &App) -> bool) {
    let end = Instant::now() + Duration::from_secs(20);
    while !done(a, b) {
        assert!(
            Instant::now() < end,
            "{what}:\n{}\n{}",
            header(a),
            header(b)
        );
        a.pump_link();
        b.pump_link();
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn arrived(app: &App, name: &str) -> bool {
    let Some(p) = app.data.roster.people.iter().find(|p| p.name == name) else {
        return false;
    };
    app.data
        .roster
        .attendance
        .get(&p.id)
        .is_some_and(|a| a.status.is_arrived())
}

fn id_of(app: &App, name: &str) -> netday::model::Id {
    app.data
        .roster
        .people
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

/// Desk A: the demo, hosting on 127.0.0.1 from the 동기화 tab (F2): the app, its folder, the
/// address shown and the code.
fn hosting_a() -> (tempfile::TempDir, App, String, u32) {
    let (dir, mut a) = common::demo_app();
    a.link_bind = Some("127.0.0.1:0".into());
    on_sync(&mut a);
    a.update(Action::SyncHost);
    let link = a.link.as_ref().expect("hosting");
    let (addr, code) = (link.addrs[0].clone(), link.code.expect("a code"));
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    (dir, a, addr, code)
}

#[test]
fn two_desks_link_in_the_app_exchange_check_ins_and_link_again_without_the_code() {
    let (_da, mut a, addr, code) = hosting_a();
    assert!(
        header(&a).contains(&format!("코드 {:03} {:03}", code / 1000, code % 1000)),
        "{}",
        header(&a)
    );

    let (db, store_b) = common::temp_store();
    store_b.set_desk_name("입구 2").unwrap();
    let mut b = common::app_on(store_b);
    // An empty database's first question offers j: take another laptop's list (동기화 · F3).
    assert!(b.modal.is_some());
    b.update(Action::SyncJoin);
    assert!(b.modal.is_none());
    assert_eq!(b.screen, Screen::Sync);
    // The form opens on the address (nothing remembered); a wrong code is refused in words.
    common::type_text(&mut b, &addr);
    b.update(Action::NextField);
    common::type_text(&mut b, "12345");
    b.update(Action::Submit);
    assert!(b.link.is_none());
    assert!(b.screens.sync.join.as_ref().unwrap().form.error.is_some());
    b.update(Action::ClearField);
    common::type_text(&mut b, &format!("{code:06}"));
    b.update(Action::Submit);
    assert!(b.link.is_some());

    until(&mut a, &mut b, "B gets the list", |a, b| {
        b.data.roster.people.len() == a.data.roster.people.len() && !b.events.is_empty()
    });
    until(&mut a, &mut b, "both say linked", |a, b| {
        header(a).contains("연결됨") && header(b).contains("연결됨")
    });
    // The code is used up: the host no longer asks anyone to type it.
    let shown = common::screen::screen(&common::screen::render(&a, 120, 30));
    assert!(!shown.contains("위의 코드를"), "{shown}");
    assert!(shown.contains("짝지은 노트북은 코드 없이"), "{shown}");

    // A check-in at A shows at B, and one at B shows at A.
    let kim = id_of(&a, "김기성");
    a.check_in(kim).unwrap();
    until(&mut a, &mut b, "A's check-in at B", |_, b| {
        arrived(b, "김기성")
    });
    // A name half typed at B stays while A's check-ins arrive.
    while b.screen != Screen::Checkin {
        b.update(Action::NextScreen);
    }
    common::type_text(&mut b, "ㅂㅈ");
    let choi = id_of(&a, "최유진");
    a.check_in(choi).unwrap();
    until(&mut a, &mut b, "A's second check-in at B", |_, b| {
        arrived(b, "최유진")
    });
    assert_eq!(
        &*b.screens.checkin.query, "ㅂㅈ",
        "the desk did not start over"
    );
    let lee = id_of(&b, "이서연");
    b.check_in(lee).unwrap();
    until(&mut a, &mut b, "B's check-in at A", |a, _| {
        arrived(a, "이서연")
    });

    // F4 ends the link; B starts again (the app closed and opened) and links without a code.
    on_sync(&mut b);
    b.update(Action::SyncStop);
    assert!(b.link.is_none());
    drop(b);
    let mut b = common::app_on(Store::open(&db.path().join("db")).unwrap());
    assert!(arrived(&b, "김기성") && arrived(&b, "이서연"));
    on_sync(&mut b);
    b.update(Action::SyncJoin);
    let form = b.screens.sync.join.as_ref().unwrap();
    assert_eq!(&*form.addr, addr, "the address last reached is proposed");
    b.update(Action::Submit);
    let park = id_of(&b, "박정호");
    b.check_in(park).unwrap();
    until(
        &mut a,
        &mut b,
        "linked again, the check-in made while apart arrives",
        |a, _| arrived(a, "박정호"),
    );
}

/// A desk that ends while linked (killed, crashed, or quit without F4) links again by itself
/// when it starts: the host on the address it listened on (no new code once a desk has paired),
/// the joiner to the address it joined, without the code. After F4 it stays unlinked.
#[test]
fn desks_that_ended_while_linked_link_again_by_themselves_and_f4_is_remembered() {
    let (dir_a, mut a, addr, code) = hosting_a();
    let (dir_b, store_b) = common::temp_store();
    store_b.set_desk_name("입구 2").unwrap();
    let mut b = common::app_on(store_b);
    b.start_joining(&addr, &format!("{code:06}")).unwrap();
    until(
        &mut a,
        &mut b,
        "linked, each remembering the other",
        |a, b| {
            header(a).contains("연결됨")
                && header(b).contains("연결됨")
                && a.data.known_desks().unwrap().len() == 1
                && b.data.known_desks().unwrap().len() == 1
                && b.data.roster.people.len() == a.data.roster.people.len()
        },
    );

    // Both end as a kill ends them: no F4.
    drop(a);
    drop(b);
    let mut a = common::app_on(Store::open(&dir_a.path().join("db")).unwrap());
    let mut b = common::app_on(Store::open(&dir_b.path().join("db")).unwrap());
    a.resume_link();
    b.resume_link();
    let l = a.link.as_ref().expect("the host listens again");
    assert_eq!(
        l.addrs,
        vec![addr.clone()],
        "on the address the joiner knows"
    );
    assert!(
        l.code.is_none(),
        "no code is offered to a desk already paired"
    );
    assert!(b.link.is_some(), "the joiner links again");
    let park = id_of(&b, "박정호");
    b.check_in(park).unwrap();
    until(&mut a, &mut b, "linked again without the code", |a, _| {
        arrived(a, "박정호")
    });

    // F4 at B: the next start leaves B unlinked (and A waiting).
    on_sync(&mut b);
    b.update(Action::SyncStop);
    assert!(b.link.is_none());
    drop(b);
    let mut b = common::app_on(Store::open(&dir_b.path().join("db")).unwrap());
    b.resume_link();
    assert!(b.link.is_none(), "F4 is remembered");
}

/// A desk that links while its empty database's question is open (a join resumed at start)
/// closes the question once the list has arrived: its d would load the demo into the list.
#[test]
fn the_empty_databases_question_closes_when_the_list_arrives() {
    let (_da, mut a, addr, code) = hosting_a();
    let (_db, store_b) = common::temp_store();
    let mut b = common::app_on(store_b);
    assert!(b.modal.is_some());
    b.start_joining(&addr, &format!("{code:06}")).unwrap();
    until(&mut a, &mut b, "B gets the list", |a, b| {
        b.data.roster.people.len() == a.data.roster.people.len()
    });
    assert!(b.modal.is_none(), "{:?}", b.modal);
}
