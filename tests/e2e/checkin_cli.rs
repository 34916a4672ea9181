//! `netday checkin CODE|QUERY`: the real binary checks in exactly one person by the desk's rules
//! (a badge code or alias wins over any name), or nobody, listing the candidates.

use crate::common;
use common::*;

use std::path::Path;

use chrono::NaiveDate;
use netday::data::Data;
use netday::model::{
    Attendance, AttendanceStatus, Event, EventStatus, Id, OrgKind, Organization, Person, Ts,
};
use netday::store::Store;

/// A day far from any real today, so a check-in without --event never lands on it.
const DAY: &str = "2020-03-10";
const CLOSED_DAY: &str = "2020-02-11";

struct Fixture {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    day: Id,
    closed: Id,
    /// 이서연, registered; found by her code, her name, her phone.
    seoyeon: (Id, String),
    /// Two people called 김민준, both registered.
    minjun_a: Id,
    minjun_b: Id,
    /// 최유리 holds the alias code "JIN"; Jin is someone else's name.
    yuri: Id,
    jin: Id,
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn org(name: &str) -> Organization {
    Organization {
        id: 0,
        name: name.into(),
        kind: OrgKind::default(),
        district: Default::default(),
        contact: String::new(),
    }
}

fn fixture() -> Fixture {
    seoul();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mut data = Data::new(Store::open(&db).unwrap());
    let mut day = Event {
        id: 0,
        title: "3월 네트워킹데이".into(),
        date: date(DAY),
        start: None,
        end: None,
        venue: String::new(),
        district: Default::default(),
        status: EventStatus::Planned,
    };
    data.save_event(&mut day).unwrap();
    let mut closed = Event {
        id: 0,
        title: "2월 네트워킹데이".into(),
        date: date(CLOSED_DAY),
        status: EventStatus::Closed,
        ..day.clone()
    };
    data.save_event(&mut closed).unwrap();
    let mut add = |name: &str, org_name: Option<&str>, phone: &str, aliases: &[&str]| {
        let mut p = Person::new(name, Ts(1));
        p.phone = phone.into();
        p.aliases = aliases.iter().map(|a| a.to_string()).collect();
        let mut o = org_name.map(org);
        let mut att = Attendance {
            event_id: day.id,
            person_id: 0,
            status: AttendanceStatus::Expected,
            updated: Ts(1),
        };
        data.save_person(&mut p, o.as_mut(), Some(&mut att))
            .unwrap();
        p
    };
    let seoyeon = add("이서연", Some("한빛생협"), "010-3318-2290", &[]);
    let minjun_a = add("김민준", Some("서울신협"), "010-1234-5678", &[]).id;
    let minjun_b = add("김민준", Some("햇살생협"), "010-9876-5432", &[]).id;
    let yuri = add("최유리", None, "", &["JIN"]).id;
    let jin = add("Jin", Some("새솔신협"), "010-5555-0101", &[]).id;
    drop(data);
    Fixture {
        _dir: dir,
        db,
        day: day.id,
        closed: closed.id,
        seoyeon: (seoyeon.id, seoyeon.code),
        minjun_a,
        minjun_b,
        yuri,
        jin,
    }
}

fn status(db: &Path, event: Id, person: Id) -> Option<AttendanceStatus> {
    let store = Store::open(db).unwrap();
    store.attendance(event, person).unwrap().map(|a| a.status)
}

fn arrived(db: &Path, event: Id, person: Id) -> bool {
    status(db, event, person).is_some_and(|s| s.is_arrived())
}

/// How many changes the journal holds: nothing written means this does not move.
fn changes(db: &Path) -> usize {
    let store = Store::open(db).unwrap();
    store.changes(usize::MAX, |_| true).unwrap().len()
}

fn checkin(db: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["checkin"];
    all.extend_from_slice(args);
    run(db, &all)
}

/// "HH:MM" somewhere in `s`.
fn has_time(s: &str) -> bool {
    s.as_bytes().windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    })
}

#[test]
fn a_badge_code_checks_in_its_holder_and_says_who_where_from_and_when() {
    let f = fixture();
    let (id, code) = &f.seoyeon;
    let (rc, out, err) = checkin(&f.db, &[code, "--event", DAY]);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(out.contains("이서연 (한빛생협)"), "{out}");
    assert!(out.contains("도착") && has_time(&out), "{out}");
    assert!(matches!(
        status(&f.db, f.day, *id),
        Some(AttendanceStatus::CheckedIn { .. })
    ));
    assert!(!arrived(&f.db, f.day, f.minjun_a) && !arrived(&f.db, f.day, f.jin));
}

#[test]
fn a_name_only_one_person_has_checks_them_in_and_a_second_time_only_says_when() {
    let f = fixture();
    let (rc, out, err) = checkin(&f.db, &["이서연", "--event", DAY]);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(out.contains("✓ 이서연 (한빛생협)"), "{out}");
    assert!(arrived(&f.db, f.day, f.seoyeon.0));
    let before = changes(&f.db);
    // By phone this time: the same person, already here.
    let (rc, again, err) = checkin(&f.db, &["010-3318-2290", "--event", DAY]);
    assert_eq!(rc, 0, "{again}{err}");
    assert!(again.contains("이미") && has_time(&again), "{again}");
    assert_eq!(changes(&f.db), before, "a second arrival writes nothing");
}

#[test]
fn two_namesakes_are_refused_and_listed_with_organisation_and_masked_phone() {
    let f = fixture();
    let before = changes(&f.db);
    let (rc, out, err) = checkin(&f.db, &["김민준", "--event", DAY]);
    assert_eq!(rc, 1, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("김민준 · 서울신협 · 010-****-5678 · ")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("김민준 · 햇살생협 · 010-****-5432 · ")),
        "{out}"
    );
    assert!(!out.contains("1234") && !out.contains("9876"), "{out}");
    assert!(
        err.contains("2명") && err.contains("아무도 체크인하지 않았습니다"),
        "{err}"
    );
    assert!(err.contains("nobody was checked in"), "{err}");
    assert!(!arrived(&f.db, f.day, f.minjun_a) && !arrived(&f.db, f.day, f.minjun_b));
    assert_eq!(changes(&f.db), before);
}

#[test]
fn a_namesake_is_checked_in_by_the_code_the_refusal_listed() {
    let f = fixture();
    let (_, out, _) = checkin(&f.db, &["김민준", "--event", DAY]);
    let line = out.lines().find(|l| l.contains("햇살생협")).unwrap();
    let code = line.split(" · ").nth(3).unwrap();
    let (rc, out, err) = checkin(&f.db, &[code, "--event", DAY]);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(out.contains("김민준 (햇살생협)"), "{out}");
    assert!(arrived(&f.db, f.day, f.minjun_b));
    assert!(!arrived(&f.db, f.day, f.minjun_a));
    // The refusal lists who has arrived, and when.
    let (rc, out, _) = checkin(&f.db, &["김민준", "--event", DAY]);
    assert_eq!(rc, 1);
    let line = out.lines().find(|l| l.contains("햇살생협")).unwrap();
    assert!(line.contains("도착") && has_time(line), "{line}");
}

#[test]
fn a_code_wins_over_a_name_that_reads_the_same() {
    let f = fixture();
    let (rc, out, err) = checkin(&f.db, &["jin", "--event", DAY]);
    assert_eq!(rc, 0, "{out}{err}");
    assert!(out.contains("최유리"), "{out}");
    assert!(arrived(&f.db, f.day, f.yuri));
    assert!(!arrived(&f.db, f.day, f.jin), "Jin is only a name match");
}

#[test]
fn nobody_found_is_refused_in_both_languages_and_nothing_is_written() {
    let f = fixture();
    let before = changes(&f.db);
    let (rc, out, err) = checkin(&f.db, &["박지훈", "--event", DAY]);
    assert_eq!(rc, 1, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("'박지훈'에 맞는 사람이 없어"), "{err}");
    assert!(err.contains("No one matches '박지훈'"), "{err}");
    let (rc, _, err) = checkin(&f.db, &["  ", "--event", DAY]);
    assert_eq!(rc, 1);
    assert!(
        err.contains("배지 코드나 이름") && err.contains("badge code"),
        "{err}"
    );
    assert_eq!(changes(&f.db), before);
}

#[test]
fn a_closed_day_or_no_day_checks_nobody_in() {
    let f = fixture();
    let before = changes(&f.db);
    let (id, code) = &f.seoyeon;
    let (rc, out, err) = checkin(&f.db, &[code, "--event", CLOSED_DAY]);
    assert_eq!(rc, 1, "{out}{err}");
    assert!(err.contains("2월 네트워킹데이는 마감되어"), "{err}");
    assert!(err.contains("is closed"), "{err}");
    assert!(status(&f.db, f.closed, *id).is_none());
    // A date with no day.
    let (rc, _, err) = checkin(&f.db, &[code, "--event", "2020-01-07"]);
    assert_eq!(rc, 1);
    assert!(err.contains("네트워킹데이가 없습니다"), "{err}");
    // No --event: only today's day would do, and there is none today.
    let (rc, _, err) = checkin(&f.db, &[code]);
    assert_eq!(rc, 1);
    assert!(err.contains("오늘(") && err.contains("--event"), "{err}");
    assert!(!arrived(&f.db, f.day, *id));
    assert_eq!(changes(&f.db), before);
}

#[test]
fn without_event_the_check_in_is_to_today() {
    let f = fixture();
    let today = netday::model::today();
    let today_id = {
        let store = Store::open(&f.db).unwrap();
        let mut data = Data::new(store);
        let mut e = Event {
            id: 0,
            title: "오늘 네트워킹데이".into(),
            date: today,
            start: None,
            end: None,
            venue: String::new(),
            district: Default::default(),
            status: EventStatus::Planned,
        };
        data.save_event(&mut e).unwrap();
        e.id
    };
    let (rc, out, err) = checkin(&f.db, &["최유리"]);
    assert_eq!(rc, 0, "{out}{err}");
    // Not registered for today: a walk-in, as at the desk.
    assert!(matches!(
        status(&f.db, today_id, f.yuri),
        Some(AttendanceStatus::WalkIn { .. })
    ));
    assert!(!arrived(&f.db, f.day, f.yuri));
}

#[test]
fn a_name_one_syllable_off_or_an_organisation_alone_checks_nobody_in() {
    let f = fixture();
    let before = changes(&f.db);
    // A newcomer 이서윤 is not 이서연, though the desk would list her.
    let (rc, out, err) = checkin(&f.db, &["이서윤", "--event", DAY]);
    assert_eq!(rc, 1, "{out}{err}");
    assert!(
        out.starts_with("이서연 · 한빛생협 · 010-****-2290 · "),
        "{out}"
    );
    assert!(
        err.contains("'이서윤'과 이름이 꼭 맞는 사람이 없습니다"),
        "{err}"
    );
    assert!(err.contains("No one's name matches '이서윤'"), "{err}");
    // 한빛생협 has one person in it; naming the organisation names no one.
    let (rc, out, err) = checkin(&f.db, &["한빛생협", "--event", DAY]);
    assert_eq!(rc, 1, "{out}{err}");
    assert!(out.starts_with("이서연 · 한빛생협"), "{out}");
    assert!(!arrived(&f.db, f.day, f.seoyeon.0));
    assert_eq!(changes(&f.db), before);
    // English, for a coordinator who runs netday in English.
    let (rc, out, _) = checkin(&f.db, &["--lang", "en", "이서연", "--event", DAY]);
    assert_eq!(rc, 0);
    assert!(
        out.contains("✓ 이서연 (한빛생협) arrived") && has_time(&out),
        "{out}"
    );
}
