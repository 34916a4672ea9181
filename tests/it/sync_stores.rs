//! The exchange with the real store on both sides (`data::sync::StoreJournal`), over a loopback
//! link through a relay: a fresh desk joins from the host's snapshot, both check people in and
//! edit the same person while linked and while cut, and end with the same records and the same
//! conflicts; no name or phone number crosses in clear.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use netday::data::sync::StoreJournal;
use netday::model::*;
use netday::store::Store;
use netday::sync::driver::{Driver, Happened};
use netday::sync::{Keys, Offer};

use super::sync_driver::{Relay, config, contains};
use crate::common;

fn pump_both(a: &Store, da: &mut Driver, b: &Store, db: &mut Driver, seen: &mut Vec<Happened>) {
    seen.extend(da.pump(&mut StoreJournal::new(a), Duration::from_millis(20)));
    seen.extend(db.pump(&mut StoreJournal::new(b), Duration::from_millis(20)));
}

fn until(
    a: &Store,
    da: &mut Driver,
    b: &Store,
    db: &mut Driver,
    what: &str,
    done: impl Fn(&Store, &Driver, &Store, &Driver) -> bool,
) {
    let end = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    while !done(a, da, b, db) {
        assert!(Instant::now() < end, "never {what}: {seen:?}");
        pump_both(a, da, b, db, &mut seen);
    }
}

type Shown = (Snapshot, String);

fn shown(s: &Store) -> Shown {
    (
        s.snapshot().unwrap(),
        format!("{:?}", s.conflicts().unwrap()),
    )
}

fn equal(a: &Store, da: &Driver, b: &Store, db: &Driver) -> bool {
    da.settled() && db.settled() && shown(a) == shown(b)
}

use netday::store::Snapshot;

fn check_in(s: &Store, event: Id, person: Id, at: i64) {
    s.put_attendance(&Attendance {
        event_id: event,
        person_id: person,
        status: AttendanceStatus::CheckedIn {
            at: Ts(at),
            desk: s.desk_name(),
        },
        updated: Ts(at),
    })
    .unwrap();
}

#[test]
fn two_real_desks_join_check_in_conflict_and_end_equal_over_a_cut_link() {
    let (_da, a) = common::temp_store();
    a.set_desk_name("가 데스크").unwrap();
    let mut day = Event {
        id: 0,
        title: "12월 네트워킹데이".into(),
        date: common::demo_date(),
        start: None,
        end: None,
        venue: "센터".into(),
        district: District::East,
        status: EventStatus::Planned,
    };
    a.put_event(&mut day).unwrap();
    let mut ids = Vec::new();
    for i in 0..40 {
        let mut p = Person::new(format!("김민지{i}"), Ts(i));
        p.phone = format!("010-2345-{i:04}");
        a.put_person(&mut p).unwrap();
        ids.push(p.id);
    }
    a.start_set().unwrap();
    let (_db, b) = common::temp_store();
    b.set_desk_name("나 데스크").unwrap();

    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let offer = Offer::new(Instant::now()).unwrap();
    let code = offer.digits();
    let mut host = Driver::host(
        l.try_clone().unwrap(),
        Keys::generate().unwrap(),
        Some(offer),
        Vec::new(),
        &config(),
    )
    .unwrap();
    let relay = Relay::new(l.local_addr().unwrap(), None);
    let mut joiner = Driver::join(
        relay.addr,
        Some(code),
        Keys::generate().unwrap(),
        Vec::new(),
        &config(),
    );
    until(&a, &mut host, &b, &mut joiner, "joined", equal);
    assert_eq!(b.people().unwrap().len(), 40);

    // Linked: check-ins at both desks, and the same person's phone edited at both.
    for (n, &id) in ids.iter().enumerate().take(10) {
        let at_a = n % 2 == 0;
        check_in(if at_a { &a } else { &b }, day.id, id, 100 + n as i64);
    }
    let edit = |s: &Store, phone: &str| {
        let mut p = s
            .people()
            .unwrap()
            .into_iter()
            .find(|p| p.id == ids[20])
            .unwrap();
        p.phone = phone.into();
        s.put_person(&mut p).unwrap();
    };
    edit(&a, "010-1111-1111");
    edit(&b, "010-2222-2222");
    host.local_news(&mut StoreJournal::new(&a));
    joiner.local_news(&mut StoreJournal::new(&b));
    until(
        &a,
        &mut host,
        &b,
        &mut joiner,
        "equal after check-ins",
        equal,
    );
    let attended = |s: &Store| {
        s.snapshot()
            .unwrap()
            .attendance
            .iter()
            .filter(|x| matches!(x.status, AttendanceStatus::CheckedIn { .. }))
            .count()
    };
    assert_eq!((attended(&a), attended(&b)), (10, 10));

    // Cut: both keep working; the joiner relinks by itself and they catch up.
    relay.cut();
    until(&a, &mut host, &b, &mut joiner, "cut", |_, da, _, db| {
        da.status().linked == 0 || db.status().linked == 0
    });
    for (n, &id) in ids.iter().enumerate().skip(10).take(10) {
        check_in(if n % 2 == 0 { &a } else { &b }, day.id, id, 200 + n as i64);
    }
    // The same person checked in at both desks while apart: one arrival, the earlier.
    check_in(&a, day.id, ids[30], 300);
    check_in(&b, day.id, ids[30], 290);
    host.local_news(&mut StoreJournal::new(&a));
    joiner.local_news(&mut StoreJournal::new(&b));
    until(&a, &mut host, &b, &mut joiner, "equal after the cut", equal);
    assert_eq!((attended(&a), attended(&b)), (21, 21));
    assert!(
        !a.conflicts().unwrap().is_empty(),
        "the phone edited at both is listed"
    );

    joiner.close();
    host.close();
    let bytes = relay.bytes();
    for clear in [
        "김민지",
        "010-2345",
        "01023450001",
        "가 데스크",
        "010-1111-1111",
        "12월 네트워킹데이",
    ] {
        assert!(
            !contains(&bytes, clear.as_bytes()),
            "{clear} passed in clear"
        );
    }
}
