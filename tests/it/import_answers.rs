//! An explicit answer is only ever replaced by a newer explicit answer: a later list without
//! answers keeps 불참 and 미정 and says so (issue 25, item 3).

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use chrono::NaiveDate;
use netday::io::csv::parse_people_csv;
use netday::io::import;
use netday::model::AttendanceStatus;
use netday::progress::Silent;
use netday::store::Store;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()
}

fn import_for_day(store: &Store, csv: &str) -> import::ImportSummary {
    let parsed = parse_people_csv(csv.as_bytes()).unwrap();
    let preview = import::plan(store, &parsed, Some(day()), &mut Silent)
        .unwrap()
        .summary;
    let plan = import::plan(store, &parsed, Some(day()), &mut Silent).unwrap();
    let done = import::apply(store, plan, &mut Silent).unwrap();
    assert_eq!(
        preview.kept, done.kept,
        "the preview says what the import does"
    );
    done
}

fn status_of(store: &Store, name: &str) -> Option<AttendanceStatus> {
    let e = import::event_on(store, day(), false).unwrap()?;
    let p = store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap();
    store.attendance(e.id, p.id).unwrap().map(|a| a.status)
}

const NO_ANSWERS: &str = "이름,소속,연락처\n\
     장도윤,푸른신협,010-1000-0001\n\
     서하린,두레생협,010-1000-0002\n\
     민서준,마을책방,010-1000-0003\n";

#[test]
fn a_list_without_answers_keeps_no_and_maybe_and_says_so() {
    let (_dir, store) = temp_store();
    import_for_day(
        &store,
        "이름,소속,연락처,참석\n\
         장도윤,푸른신협,010-1000-0001,불참\n\
         서하린,두레생협,010-1000-0002,미정\n\
         민서준,마을책방,010-1000-0003,참석\n",
    );
    assert_eq!(
        status_of(&store, "장도윤"),
        Some(AttendanceStatus::Cancelled)
    );
    assert_eq!(
        status_of(&store, "서하린"),
        Some(AttendanceStatus::Tentative)
    );

    let s = import_for_day(&store, NO_ANSWERS);
    assert_eq!(
        status_of(&store, "장도윤"),
        Some(AttendanceStatus::Cancelled)
    );
    assert_eq!(
        status_of(&store, "서하린"),
        Some(AttendanceStatus::Tentative)
    );
    assert_eq!(
        status_of(&store, "민서준"),
        Some(AttendanceStatus::Expected)
    );
    assert_eq!((s.kept, s.registered), (2, 0), "{s:?}");
    netday::i18n::set_lang(netday::i18n::Lang::Ko);
    let toast = netday::i18n::day_answers(s.registered, s.tentative, s.cancelled, s.kept, "12월");
    assert!(toast.contains("불참·미정 답변 2명 유지"), "{toast}");
}

#[test]
fn a_list_with_an_answer_changes_it() {
    let (_dir, store) = temp_store();
    import_for_day(
        &store,
        "이름,소속,연락처,참석\n장도윤,푸른신협,010-1000-0001,불참\n",
    );
    assert_eq!(
        status_of(&store, "장도윤"),
        Some(AttendanceStatus::Cancelled)
    );
    let s = import_for_day(
        &store,
        "이름,소속,연락처,참석\n장도윤,푸른신협,010-1000-0001,참석\n",
    );
    assert_eq!(
        status_of(&store, "장도윤"),
        Some(AttendanceStatus::Expected)
    );
    assert_eq!((s.kept, s.registered), (0, 1), "{s:?}");
}
