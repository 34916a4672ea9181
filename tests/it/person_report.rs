//! A person's request to see what is held about them (개인정보 보호법 제35조): the report
//! gathers their record, the record merged into it, their days, their action items, the notes
//! naming them, their ideas and the journal's entries; the text lines Hangul up in columns; and
//! the whole text of a small fixed database is a snapshot.

use crate::common;

use chrono::NaiveDate;
use netday::data::{Data, Requested};
use netday::io::person::{Touched, doc, text};
use netday::model::{
    Attendance, AttendanceStatus, ChangeKind, District, Event, EventStatus, Id, Idea, IdeaCategory,
    IdeaStatus, Note, NoteKind, OrgKind, Organization, Owner, Person, Ts,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    data: Data,
    keep: Id,
    dup: Id,
    other: Id,
}

/// 김기성 (한울신협), a second record of him merged into the first, and 이영희, who must not
/// appear in his report; two networking days; an action item, a note naming him, an idea.
fn fixture() -> Fixture {
    let (dir, store) = common::temp_store();
    store.set_desk_name("입구 1").unwrap();
    let nov = d(2026, 11, 24);
    let dec = d(2026, 12, 15);
    let mut org = Organization {
        id: 0,
        name: "한울신협".into(),
        kind: OrgKind::CreditUnion,
        district: District::East,
        contact: String::new(),
    };
    store.put_org(&mut org).unwrap();
    let person = |name: &str, code: &str, created: Ts| {
        let mut p = Person::new(name, created);
        p.code = code.into();
        p
    };
    let mut keep = person("김기성", "K7M3", common::at_seoul(d(2026, 10, 1), 9, 0));
    keep.org_id = Some(org.id);
    keep.role = "이사".into();
    keep.phone = "010-1234-5678".into();
    keep.email = "kisung@example.org".into();
    keep.tags = vec!["신협".into()];
    keep.notes = "점심 채식".into();
    store.put_person(&mut keep).unwrap();
    let mut dup = person("김기성", "P9Q4", common::at_seoul(d(2026, 11, 2), 10, 30));
    dup.phone = "010-1234-5678".into();
    dup.email = "old@example.org".into();
    store.put_person(&mut dup).unwrap();
    let mut other = person("이영희", "R5T8", common::at_seoul(d(2026, 10, 3), 9, 0));
    other.org_id = Some(org.id);
    store.put_person(&mut other).unwrap();
    let mut days = Vec::new();
    for (date, title) in [(nov, "11월 네트워킹데이"), (dec, "12월 네트워킹데이")] {
        let mut e = Event {
            id: 0,
            title: title.into(),
            date,
            start: None,
            end: None,
            venue: "마을회관".into(),
            district: District::East,
            status: EventStatus::Planned,
        };
        store.put_event(&mut e).unwrap();
        days.push(e);
    }
    let arrived = common::at_seoul(nov, 14, 5);
    store
        .put_attendance(&Attendance {
            event_id: days[0].id,
            person_id: keep.id,
            status: AttendanceStatus::CheckedIn {
                at: arrived,
                desk: "입구 1".into(),
            },
            updated: arrived,
        })
        .unwrap();
    // The second record registered for December: the merge moves it to the first.
    store
        .put_attendance(&Attendance {
            event_id: days[1].id,
            person_id: dup.id,
            status: AttendanceStatus::Expected,
            updated: arrived,
        })
        .unwrap();
    store
        .put_attendance(&Attendance {
            event_id: days[0].id,
            person_id: other.id,
            status: AttendanceStatus::Expected,
            updated: arrived,
        })
        .unwrap();
    let note = |text: &str, kind: NoteKind, h: u32| Note {
        id: 0,
        event_id: days[0].id,
        agenda_id: None,
        at: common::at_seoul(nov, h, 0),
        author: "사무국".into(),
        text: text.into(),
        kind,
    };
    for mut n in [
        note(
            "협약서 초안 보내기",
            NoteKind::Action {
                owner: Owner::Person(keep.id),
                due: Some(d(2026, 12, 1)),
                done: false,
            },
            15,
        ),
        note("김기성 이사가 공동 구매 사례를 발표", NoteKind::Note, 16),
        note(
            "사례집 원고",
            NoteKind::Action {
                owner: Owner::Named("김기성 이사".into()),
                due: None,
                done: false,
            },
            16,
        ),
        note(
            "회의실 예약",
            NoteKind::Action {
                owner: Owner::Person(other.id),
                due: None,
                done: true,
            },
            17,
        ),
    ] {
        store.put_note(&mut n).unwrap();
    }
    let mut idea = Idea {
        id: 0,
        title: "공동 주거래 통장".into(),
        category: IdeaCategory::MainBankAccount,
        org_ids: vec![org.id],
        owner: Some(dup.id),
        status: IdeaStatus::Exploring,
        next_step: "조건 비교표".into(),
        next_due: Some(d(2026, 12, 20)),
        description: String::new(),
        note_ids: Vec::new(),
        history: Vec::new(),
        created: common::at_seoul(nov, 18, 0),
        updated: common::at_seoul(nov, 18, 0),
    };
    store.put_idea(&mut idea).unwrap();
    store.merge_people(keep.id, dup.id, &[]).unwrap();
    // A new phone: the old one stays in the journal.
    let mut kept = store.person(keep.id).unwrap().unwrap();
    kept.phone = "010-2222-3333".into();
    store.put_person(&mut kept).unwrap();
    Fixture {
        _dir: dir,
        data: Data::new(store),
        keep: keep.id,
        dup: dup.id,
        other: other.id,
    }
}

fn made() -> Ts {
    common::at_seoul(d(2026, 12, 8), 10, 15)
}

#[test]
fn the_report_holds_their_days_items_merged_record_and_journal() {
    let f = fixture();
    let r = f.data.person_report(f.keep, made()).unwrap().unwrap();
    assert_eq!(r.record.person.name, "김기성");
    assert_eq!(r.record.org.as_ref().unwrap().name, "한울신협");
    // The merged record, whole, and its code kept as an alias of theirs.
    assert_eq!(r.merged.len(), 1);
    assert_eq!(r.merged[0].person.id, f.dup);
    assert_eq!(r.merged[0].person.email, "old@example.org");
    assert!(r.record.person.aliases.contains(&"P9Q4".to_string()));
    // Both days: November's arrival and December's registration (moved by the merge).
    let days: Vec<(NaiveDate, bool)> = r
        .days
        .iter()
        .map(|l| (l.date, l.status.is_arrived()))
        .collect();
    assert_eq!(
        days,
        vec![(d(2026, 11, 24), true), (d(2026, 12, 15), false)]
    );
    // Their action item, not 이영희's; the note naming them apart from it.
    let actions: Vec<&str> = r.actions.iter().map(|l| l.note.text.as_str()).collect();
    assert_eq!(actions, vec!["협약서 초안 보내기"]);
    let mentions: Vec<&str> = r.mentions.iter().map(|l| l.note.text.as_str()).collect();
    assert_eq!(
        mentions,
        vec!["김기성 이사가 공동 구매 사례를 발표", "사례집 원고"]
    );
    // The merged record's idea.
    assert_eq!(r.ideas.len(), 1);
    assert_eq!(r.ideas[0].owner, Some(f.keep));
    // The journal: both records saved, their attendance, the action item, the idea, the
    // merge; nothing that was only 이영희's.
    let kinds: Vec<&ChangeKind> = r.changes.iter().map(|c| &c.kind).collect();
    assert!(kinds.contains(&&ChangeKind::MergePeople), "{kinds:?}");
    let saved = r
        .changes
        .iter()
        .filter(|c| c.kind == ChangeKind::PersonSaved)
        .count();
    // Both records made, then the new phone.
    assert_eq!(saved, 3, "{kinds:?}");
    let touched = |t: Touched| r.changes.iter().any(|c| c.touched.contains(&t));
    assert!(touched(Touched::Person));
    assert!(touched(Touched::Attendance));
    assert!(touched(Touched::Note));
    assert!(touched(Touched::Idea));
    assert!(r.changes.iter().all(|c| c.desk == "입구 1"));
    // The journal's earlier values: the old phone, and the merged record archived.
    let fields: Vec<(&str, &str, &str)> = r
        .changes
        .iter()
        .flat_map(|c| &c.fields)
        .map(|f| (f.field.1, f.before.as_str(), f.after.as_str()))
        .collect();
    assert!(
        fields.contains(&("Phone", "010-1234-5678", "010-2222-3333")),
        "{fields:?}"
    );
    assert!(fields.contains(&("Alias codes", "", "P9Q4")), "{fields:?}");
    assert!(
        fields.contains(&("Archived", "아니요 (no)", "예 (yes)")),
        "{fields:?}"
    );
    // Oldest first.
    assert!(r.changes.windows(2).all(|w| w[0].at <= w[1].at));
    // 이영희's own save, her attendance and her action item are not in his journal: every
    // entry but the merge names one of his records.
    let all = f
        .data
        .store_for_tests()
        .changes(usize::MAX, |_| true)
        .unwrap();
    assert!(r.changes.len() < all.len());
    let other = f.data.person_report(f.other, made()).unwrap().unwrap();
    assert!(other.merged.is_empty());
    assert_eq!(other.actions.len(), 1);
    assert!(other.mentions.is_empty());
    assert!(other.ideas.is_empty());
}

#[test]
fn a_request_names_one_person_by_code_alias_or_exact_name() {
    let mut f = fixture();
    let one = |id, found| Requested::One { id, found };
    assert_eq!(
        f.data.person_for_request("k7m3", 20).unwrap(),
        one(f.keep, None)
    );
    // The merged record's old code names the one it went into.
    assert_eq!(
        f.data.person_for_request("P9Q4", 20).unwrap(),
        one(f.keep, None)
    );
    // Two records of one name, one merged into the other: one person.
    assert_eq!(
        f.data.person_for_request("김기성", 20).unwrap(),
        one(f.keep, None)
    );
    assert_eq!(
        f.data.person_for_request("이영희", 20).unwrap(),
        one(f.other, None)
    );
    assert_eq!(
        f.data.person_for_request("박아무개", 20).unwrap(),
        Requested::Nobody
    );
    // A search that finds both: listed, nobody's report given.
    match f.data.person_for_request("한울신협", 20).unwrap() {
        Requested::Several(ids) => {
            assert!(ids.contains(&f.keep) && ids.contains(&f.other), "{ids:?}")
        }
        r => panic!("{r:?}"),
    }
}

/// The columns of a table start at the same display column on every line, Hangul (two
/// columns wide) or not.
#[test]
fn the_text_lines_hangul_up_in_its_tables() {
    let f = fixture();
    let r = f.data.person_report(f.keep, made()).unwrap().unwrap();
    let t = text(&doc(&r));
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    // The days table: its header and its two rows.
    let lines: Vec<&str> = t.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.contains("네트워킹데이 (Networking day)") && l.contains("날짜"))
        .unwrap();
    let rows = &lines[head..head + 4];
    assert!(rows[1].trim_start().starts_with("---"), "{rows:?}");
    let col = |l: &str, what: &str| width(&l[..l.find(what).unwrap()]);
    let status_at = col(rows[0], "상태");
    assert_eq!(col(rows[2], "도착 (arrived)"), status_at, "{rows:#?}");
    assert_eq!(col(rows[3], "참석 예정 (expected)"), status_at, "{rows:#?}");
    // The record table: every value starts at one column.
    let name = lines.iter().find(|l| l.contains("이름 (Name)")).unwrap();
    let mail = lines
        .iter()
        .find(|l| l.contains("이메일 (E-mail)"))
        .unwrap();
    assert_eq!(col(name, "김기성"), col(mail, "kisung@"));
}

#[test]
fn the_text_of_a_small_database() {
    let f = fixture();
    let mut r = f.data.person_report(f.keep, made()).unwrap().unwrap();
    // The journal's times are the clock's when the fixture ran, its ids the desk's random
    // id: pinned here, the rest of each entry as gathered.
    for (i, c) in r.changes.iter_mut().enumerate() {
        c.at = common::at_seoul(d(2026, 12, 1), 9, i as u32);
        c.id = format!("{}", i + 1);
    }
    insta::assert_snapshot!("person_report_text", text(&doc(&r)));
}

#[test]
fn the_pdf_holds_the_same_words() {
    let f = fixture();
    let r = f.data.person_report(f.keep, made()).unwrap().unwrap();
    let document = doc(&r);
    let pdf = netday::io::person::pdf(&document, &mut netday::progress::Silent).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(
        document
            .texts()
            .iter()
            .any(|t| t.contains("협약서 초안 보내기"))
    );
}

/// F9 on the People screen asks where the selected person's report goes (a .txt named by
/// their code in the usual folder; Tab makes it a PDF), writes it owner-only and names the
/// file on the status line; F1 lists the key.
#[test]
fn f9_on_people_writes_the_selected_persons_report() {
    use netday::state::{Action, App, Modal, Screen};
    netday::i18n::set_lang(netday::i18n::Lang::Ko);
    let (dir, store) = common::demo_store();
    let mut app = App::with_clock(store, common::fixed_now).unwrap();
    app.export_dir = Some(dir.path().to_path_buf());
    app.screen = Screen::People;
    app.update(Action::Help);
    let help = common::screen::screen(&common::screen::render(&app, 160, 48));
    assert!(
        help.contains("F9") && help.contains("개인정보 열람 결과"),
        "{help}"
    );
    app.update(Action::Help);
    let id = app.screens.people.selected_person().unwrap();
    let p = app.data.roster.person(id).unwrap().clone();
    app.update(Action::PersonReport);
    let Some(Modal::Export(d)) = &app.modal else {
        panic!("asks where");
    };
    let proposed = std::path::PathBuf::from(d.path.value());
    assert_eq!(
        proposed,
        dir.path()
            .join(format!("netday-person-{}-20261124.txt", p.code))
    );
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let text = std::fs::read_to_string(&proposed).unwrap();
    assert!(text.contains(&format!("{} [{}]", p.name, p.code)), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&proposed).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let said = &app.message.as_ref().unwrap().text;
    assert!(said.contains(&proposed.display().to_string()), "{said}");
    // Tab: the same as a PDF.
    app.update(Action::PersonReport);
    app.update(Action::CycleFormat);
    app.update(Action::Submit);
    let pdf = proposed.with_extension("pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

/// After their contact data is shredded, the report (journal values included) holds none of
/// it: it reads what the database holds now, nothing kept aside.
#[test]
fn after_a_shred_the_report_holds_no_shredded_value() {
    let mut f = fixture();
    let before = text(&doc(&f
        .data
        .person_report(f.keep, made())
        .unwrap()
        .unwrap()));
    let gone = [
        "010-1234-5678",
        "010-2222-3333",
        "kisung@example.org",
        "old@example.org",
    ];
    assert!(gone.iter().all(|v| before.contains(v)), "{before}");
    let events = f.data.events().unwrap();
    f.data
        .shred(
            &[f.keep, f.dup],
            netday::model::privacy::ShredScope::Contact,
            &mut netday::progress::Silent,
            None,
            &events,
        )
        .unwrap();
    let after = text(&doc(&f
        .data
        .person_report(f.keep, made())
        .unwrap()
        .unwrap()));
    for v in gone {
        assert!(!after.contains(v), "{v} is still in:\n{after}");
    }
    assert!(after.contains("김기성 [K7M3]"), "{after}");
}
