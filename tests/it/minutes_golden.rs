//! The minutes of the demo networking day (loaded at a fixed date, fixed clock, Seoul time),
//! compared with tests/golden/minutes_demo.md. `UPDATE_GOLDEN=1` rewrites the file.

#![allow(clippy::unwrap_used)] // tests may unwrap, helpers included

use crate::common;

use chrono::NaiveDate;
use netday::i18n::{Lang, set_lang};
use netday::io::minutes::{MinutesData, render};
use netday::model::{NoteKind, Owner, Ts};
use netday::state::{Action, App, Screen};
use netday::store::Store;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}
/// 2026-11-24 15:05 in Seoul.
fn clock() -> Ts {
    Ts(day()
        .and_hms_opt(6, 5, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis())
}

#[test]
fn minutes_of_the_demo_day() {
    common::seoul();
    set_lang(Lang::Ko);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    netday::demo::load(&store, day()).unwrap();
    let mut app = App::with_clock(store, clock).unwrap();
    app.author = "사무국".into();

    // Check-ins at the desk.
    for name in ["김기성", "서민준", "한지민", "장은서", "권도윤", "류태윤"] {
        let id = app
            .data
            .roster
            .people
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .id;
        app.check_in(id).unwrap();
    }
    // Notes at the meeting table, on the item running at 15:05 (item 2).
    while app.screen != Screen::Notes {
        app.update(Action::NextScreen);
    }
    let write = |app: &mut App, text: &str, kind_steps: usize| {
        app.update(Action::AddItem);
        for c in text.chars() {
            app.update(Action::Input(c));
        }
        for _ in 0..kind_steps {
            app.update(Action::CycleKind);
        }
        app.update(Action::Save);
    };
    write(&mut app, "지원센터: 사회적경제 기업 지도 공개 예정", 0);
    write(&mut app, "권역별 실무 모임을 매달 둘째 주에 연다", 1);
    write(&mut app, "실무 모임 | 첫 일정 공지", 2);
    for c in "서울협동조합지원센터".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::NextField);
    for c in "12-08".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    // An idea linked to today's decision.
    let e = app.event.clone().unwrap();
    let notes = app.data.store().notes_of_event(e.id).unwrap();
    let decision = notes.iter().find(|n| n.kind == NoteKind::Decision).unwrap();
    let mut idea = app
        .data
        .store()
        .ideas()
        .unwrap()
        .into_iter()
        .find(|i| i.title == "권역별 지역협의회 구성")
        .unwrap();
    idea.note_ids.push(decision.id);
    app.data.store().put_idea(&mut idea).unwrap();
    let action = notes
        .iter()
        .find(|n| matches!(n.kind, NoteKind::Action { .. }))
        .unwrap();
    assert!(matches!(
        action.kind,
        NoteKind::Action {
            owner: Owner::Org(_),
            ..
        }
    ));

    let data = MinutesData::load(app.data.store(), &e).unwrap();
    let ko = render(&data, Lang::Ko);
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/minutes_demo.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &ko).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    assert_eq!(ko, golden, "minutes differ from {}", path.display());
    assert_eq!(
        ko.matches("첫 일정 공지").count(),
        1,
        "each action item once"
    );

    // English headings with --lang en.
    let en = render(&data, Lang::En);
    assert!(en.starts_with("# Minutes — 2026년 11월 서울 협동조합 네트워킹데이"));
    for h in [
        "## Attendance",
        "## Agenda",
        "## Discussion",
        "## Action items",
        "## Collaboration ideas",
    ] {
        assert!(en.contains(h), "{h} missing\n{en}");
    }

    // The TUI key writes the same text to a file and says where.
    app.export_dir = Some(dir.path().to_path_buf());
    app.update(Action::ExportMinutes);
    app.update(Action::Submit); // the proposed file
    let file = dir.path().join("회의록-2026-11-24.md");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ko);
    assert!(app.message.unwrap().text.contains("회의록-2026-11-24.md"));
}

/// A small day on `common::demo_date()`: five people registered beforehand, one who cancelled,
/// three who will walk in. Returns the app and (registered, walk-ins) ids.
fn small_day(store: Store) -> (App, Vec<netday::model::Id>, Vec<netday::model::Id>) {
    use netday::model::{Attendance, AttendanceStatus, Person};
    let event = netday::io::import::event_on(&store, common::demo_date(), true)
        .unwrap()
        .unwrap();
    let add = |name: &str, status: Option<AttendanceStatus>| {
        let mut p = Person::new(name, Ts(1));
        let mut att = status.map(|status| Attendance {
            event_id: event.id,
            person_id: 0,
            status,
            updated: Ts(1),
        });
        store
            .put_person_with_org(&mut p, None, att.as_mut())
            .unwrap();
        p.id
    };
    let registered: Vec<_> = ["김기성", "서민준", "한지민", "장은서", "권도윤"]
        .into_iter()
        .map(|n| add(n, Some(AttendanceStatus::Expected)))
        .collect();
    add("류태윤", Some(AttendanceStatus::Cancelled));
    let walk_ins: Vec<_> = ["홍길동", "이서연", "강민수"]
        .into_iter()
        .map(|n| add(n, None))
        .collect();
    (common::app_on(store), registered, walk_ins)
}

/// The desk's header row at 80 columns, and the minutes' count line.
fn desk_and_minutes(app: &App) -> (String, String) {
    let header = common::screen::row(&common::screen::render(app, 80, 24), 1);
    let e = app.event.clone().unwrap();
    let minutes = render(&MinutesData::load(app.data.store(), &e).unwrap(), Lang::Ko);
    let line = minutes
        .lines()
        .find(|l| l.starts_with("- 도착"))
        .unwrap()
        .to_string();
    (header, line)
}

#[test]
fn the_desk_and_the_minutes_count_the_day_alike_from_expected_to_closed() {
    let (_dir, store) = common::temp_store();
    let (mut app, registered, walk_ins) = small_day(store);
    let check = |app: &App, want: &str| {
        let (desk, minutes) = desk_and_minutes(app);
        assert!(desk.ends_with(&format!("{want} ")), "desk: {desk}");
        assert_eq!(minutes, format!("- {want}"));
        assert_eq!(
            netday::i18n::day_count(&app.data.roster.count()),
            want,
            "the roster's count"
        );
    };
    check(&app, "도착 0·예정 5·현장 0·미도착 5");
    for id in &registered[..3] {
        app.check_in(*id).unwrap();
    }
    check(&app, "도착 3·예정 5·현장 0·미도착 2");
    // More walk-ins than people missing: arrivals pass the expected count, and nothing says 6/5.
    for id in &walk_ins {
        app.check_in(*id).unwrap();
    }
    check(&app, "도착 6·예정 5·현장 3·미도착 2");
    app.close_day().unwrap();
    check(&app, "도착 6·예정 5·현장 3·미도착 2");
    let no_shows = app
        .data
        .roster
        .attendance
        .values()
        .filter(|a| a.status == netday::model::AttendanceStatus::NoShow)
        .count();
    assert_eq!(no_shows, 2, "closing the day made the missing no-shows");
}
