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
    let notes = app.data.store_for_tests().notes_of_event(e.id).unwrap();
    let decision = notes.iter().find(|n| n.kind == NoteKind::Decision).unwrap();
    let mut idea = app
        .data
        .store_for_tests()
        .ideas()
        .unwrap()
        .into_iter()
        .find(|i| i.title == "권역별 지역협의회 구성")
        .unwrap();
    idea.note_ids.push(decision.id);
    app.data.save_idea(&mut idea).unwrap();
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

    let data = MinutesData::load(app.data.store_for_tests(), &e).unwrap();
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
    let minutes = render(
        &MinutesData::load(app.data.store_for_tests(), &e).unwrap(),
        Lang::Ko,
    );
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
    app.screen = netday::state::Screen::People;
    app.update(netday::state::Action::CloseDay);
    app.update(netday::state::Action::Yes);
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

/// A day built by hand: three organisations, arrivals with and without one, a walk-in, someone
/// expected who did not come and one who cancelled; agenda items done, running and planned;
/// a note, a long decision, two action items; an idea that went back and forth before settling,
/// and one new that day.
pub(crate) fn chat_day() -> MinutesData {
    use chrono::NaiveTime;
    use netday::model::*;
    use std::collections::HashMap;
    common::seoul();
    let date = day();
    let at = |h, m| common::at_seoul(date, h, m);
    let earlier =
        |month, d| common::at_seoul(NaiveDate::from_ymd_opt(2026, month, d).unwrap(), 10, 0);
    let event = Event {
        id: 1,
        title: "2026년 11월 서울 협동조합 네트워킹데이".into(),
        date,
        start: NaiveTime::from_hms_opt(14, 0, 0),
        end: NaiveTime::from_hms_opt(17, 0, 0),
        venue: "서울협동조합지원센터 3층 교육장".into(),
        district: District::North,
        status: EventStatus::Planned,
    };
    let orgs: HashMap<Id, Organization> = [
        (1, "한울신협", OrgKind::CreditUnion),
        (2, "햇살생협", OrgKind::ConsumerCoop),
        (3, "서울협동조합지원센터", OrgKind::SupportBody),
    ]
    .into_iter()
    .map(|(id, name, kind)| {
        (
            id,
            Organization {
                id,
                name: name.into(),
                kind,
                district: District::North,
                contact: String::new(),
            },
        )
    })
    .collect();
    let checked_in = |h, m| AttendanceStatus::CheckedIn {
        at: at(h, m),
        desk: "1".into(),
    };
    let list = [
        (10, "김기성", Some(1), checked_in(13, 41)),
        (11, "강민수", Some(1), checked_in(13, 52)),
        (12, "이영희", Some(2), checked_in(13, 47)),
        (13, "권도윤", Some(3), checked_in(13, 30)),
        (
            14,
            "홍길동",
            None,
            AttendanceStatus::WalkIn {
                at: at(14, 10),
                desk: "1".into(),
            },
        ),
        (15, "박서준", Some(1), AttendanceStatus::Expected),
        (16, "최유진", None, AttendanceStatus::Cancelled),
    ];
    let mut people = HashMap::new();
    let mut attendance = Vec::new();
    for (id, name, org, status) in list {
        let mut p = Person::new(name, Ts(1));
        p.id = id;
        p.org_id = org;
        people.insert(id, p);
        attendance.push(Attendance {
            event_id: 1,
            person_id: id,
            status,
            updated: Ts(1),
        });
    }
    let item = |id, order, minutes, title: &str, presenter: &str, status| AgendaItem {
        id,
        event_id: 1,
        order,
        start: None,
        minutes,
        title: title.into(),
        presenter: presenter.into(),
        status,
    };
    let agenda = vec![
        item(
            20,
            1,
            40,
            "각 협동조합 현황 공유",
            "장은서",
            AgendaStatus::Done,
        ),
        item(
            21,
            2,
            30,
            "지역의 사회적경제 생태계 이해",
            "권도윤",
            AgendaStatus::Done,
        ),
        item(
            22,
            3,
            30,
            "상호 친목도모 및 지속 모임주체 결성",
            "",
            AgendaStatus::Running,
        ),
        item(
            23,
            4,
            50,
            "지역 니즈 발굴 및 협업 사업 계획",
            "김기성",
            AgendaStatus::Planned,
        ),
    ];
    let note = |id, agenda_id, (h, m), text: &str, kind| Note {
        id,
        event_id: 1,
        agenda_id,
        at: at(h, m),
        author: "사무국".into(),
        text: text.into(),
        kind,
    };
    let notes = vec![
        note(
            30,
            Some(20),
            (14, 20),
            "한울신협: 청년 조합원 가입이 올해 두 배",
            NoteKind::Note,
        ),
        note(
            31,
            Some(21),
            (14, 55),
            "권역별 실무 모임을 매달 둘째 주 화요일 오후에 서울협동조합지원센터 3층 교육장에서 연다",
            NoteKind::Decision,
        ),
        note(
            32,
            Some(21),
            (15, 0),
            "실무 모임 첫 일정 공지",
            NoteKind::Action {
                owner: Owner::Person(13),
                due: NaiveDate::from_ymd_opt(2026, 12, 8),
                done: false,
            },
        ),
        note(
            33,
            None,
            (16, 40),
            "사진 공유방 만들기",
            NoteKind::Action {
                owner: Owner::Named("사무국".into()),
                due: None,
                done: true,
            },
        ),
    ];
    let idea =
        |id, title: &str, category, status, history: Vec<(Ts, IdeaStatus, IdeaStatus)>, created| {
            Idea {
                id,
                title: title.into(),
                category,
                org_ids: vec![1, 2],
                owner: None,
                status,
                next_step: String::new(),
                next_due: None,
                description: String::new(),
                note_ids: vec![],
                history: history
                    .into_iter()
                    .map(|(at, from, to)| IdeaMove { at, from, to })
                    .collect(),
                created,
                updated: created,
            }
        };
    use IdeaStatus as S;
    let mut fresh = idea(
        41,
        "신협 통장으로 생협 물품 결제",
        IdeaCategory::MainBankAccount,
        S::Idea,
        vec![],
        at(15, 30),
    );
    fresh.next_step = "두 조합 실무자가 수수료 조건을 비교해 다음 달에 보고".into();
    fresh.next_due = NaiveDate::from_ymd_opt(2027, 1, 12);
    let ideas = vec![
        idea(
            40,
            "권역별 지역협의회 구성",
            IdeaCategory::RegionalCouncil,
            S::Agreed,
            vec![
                (earlier(9, 15), S::Idea, S::Exploring),
                (earlier(10, 27), S::Exploring, S::Agreed),
                (earlier(11, 3), S::Agreed, S::Exploring),
                (earlier(11, 20), S::Exploring, S::Agreed),
            ],
            earlier(9, 1),
        ),
        fresh,
    ];
    MinutesData {
        event,
        agenda,
        notes,
        attendance,
        people,
        orgs,
        ideas,
        carried: Vec::new(),
    }
}

#[test]
fn chat_minutes_are_plain_short_lines_with_attendees_by_organisation_and_ideas_last_move() {
    use unicode_width::UnicodeWidthStr;
    let d = chat_day();
    for (l, name) in [(Lang::Ko, "chat_minutes_ko"), (Lang::En, "chat_minutes_en")] {
        let text = netday::io::minutes::render_text(&d, l);
        for line in text.lines() {
            assert!(
                line.width() <= netday::io::minutes::TEXT_WIDTH,
                "{} columns: {line}",
                line.width()
            );
            for mark in ["#", "**", "|", "---", "`"] {
                assert!(!line.contains(mark), "'{mark}' in: {line}");
            }
        }
        // Same render through the entry point the TUI key will call.
        let same = netday::io::minutes::write(
            &d,
            netday::model::MinutesFormat::Text,
            &Default::default(),
            l,
            &mut netday::progress::Silent,
        )
        .unwrap();
        assert_eq!(String::from_utf8(same).unwrap(), text);
        insta::assert_snapshot!(name, text);
    }
    let ko = netday::io::minutes::render_text(&d, Lang::Ko);
    let md = render(&d, Lang::Ko);
    for minutes in [&ko, &md] {
        // Each action item once.
        assert_eq!(
            minutes.matches("실무 모임 첫 일정 공지").count(),
            1,
            "{minutes}"
        );
        assert_eq!(
            minutes.matches("사진 공유방 만들기").count(),
            1,
            "{minutes}"
        );
        // The last move only, never the way there.
        assert!(
            minutes.contains("합의 (검토 중 → 합의, 11월 20일)"),
            "{minutes}"
        );
        assert!(!minutes.contains("아이디어 → 검토 중"), "{minutes}");
        assert!(minutes.contains("아이디어 (새 아이디어)"), "{minutes}");
        // Attendees by organisation, people without one last; nobody who did not come.
        let at = |s: &str| minutes.find(s).unwrap_or_else(|| panic!("{s}:\n{minutes}"));
        assert!(at("서울협동조합지원센터") < at("한울신협"));
        assert!(at("한울신협") < at("햇살생협") && at("햇살생협") < at("소속 없음"));
        assert!(at("소속 없음") < at("홍길동"));
        assert!(at("강민수") < at("김기성"), "가나다 within an organisation");
        assert!(!minutes.contains("박서준") && !minutes.contains("최유진"));
        assert!(
            minutes.contains("도착 5·예정 5·현장 1·미도착 1"),
            "{minutes}"
        );
        // The agenda's own status.
        assert!(minutes.contains("진행 중") && minutes.contains("완료"));
    }
    assert!(md.contains("- 소속 없음: 홍길동"), "{md}");
}
