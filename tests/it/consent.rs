//! Consent on record (issue 29, PIPA Art. 15): a person who said no keeps a name and an
//! organisation for the day, never a phone or an e-mail — whichever way they came: the walk-in
//! form, the person form, an office's .xlsx, a form tool's CSV export, another desk's change.
//! The answer is journalled, syncs, and goes into backups (format 5; format 4 still read).

#![allow(clippy::unwrap_used)]

use crate::common;
use common::screen::{render, row};
use common::type_text;

use netday::io::csv::parse_people_csv;
use netday::io::import;
use netday::io::print::{Entry, signin};
use netday::model::*;
use netday::progress::Silent;
use netday::state::{Action, App, Screen};
use netday::store::{ConsentWrite, Snapshot, Store};

fn by_name(store: &Store, name: &str) -> Person {
    store
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
}

fn shown(app: &App, w: u16, h: u16) -> String {
    let buf = render(app, w, h);
    (0..buf.area.height)
        .map(|y| row(&buf, y).trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn said(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_walk_in_who_says_no_is_checked_in_without_phone_and_the_form_says_so() {
    let (_d, mut app) = common::demo_app();
    type_text(&mut app, "나거부");
    app.update(Action::WalkIn);
    app.update(Action::NextField); // organisation
    app.update(Action::NextField); // role
    app.update(Action::NextField); // phone
    type_text(&mut app, "01077776666");
    app.update(Action::NextField); // consent
    app.update(Action::Input('n'));
    let form = common::person_form(&app).unwrap();
    assert_eq!(form.consent, ConsentState::No);
    insta::assert_snapshot!("consent_walk_in_form_80x24", shown(&app, 80, 24));
    app.update(Action::Submit);
    assert_eq!(app.modal, None);
    let store = app.data.store_for_tests();
    let p = by_name(store, "나거부");
    assert_eq!((p.phone.as_str(), p.email.as_str()), ("", ""));
    let c = store.consent(p.id).unwrap().unwrap();
    assert_eq!((c.state, c.how), (ConsentState::No, ConsentHow::WalkIn));
    assert!(c.at.is_some());
    assert!(
        matches!(
            app.data.roster.status(p.id),
            Some(AttendanceStatus::WalkIn { .. })
        ),
        "checked in all the same"
    );
    let s = said(&app);
    assert!(
        s.contains("동의하지 않아 연락처는 저장하지 않았습니다"),
        "{s}"
    );
    // The history shows the answer as a record of its own, not an unnamed write.
    let last = store.changes(1, |_| true).unwrap().remove(0);
    let fields = app.data.change_fields(&last).unwrap();
    let consent = fields
        .iter()
        .find(|r| r.label.contains("나거부 개인정보 동의"))
        .unwrap_or_else(|| panic!("{fields:?}"));
    assert!(
        consent.fields.iter().any(|f| f.after == "미동의"),
        "{consent:?}"
    );
}

#[test]
fn a_walk_in_who_says_yes_keeps_the_phone_with_consent_on_record() {
    let (_d, mut app) = common::demo_app();
    type_text(&mut app, "나동의");
    app.update(Action::WalkIn);
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    type_text(&mut app, "01077775555");
    app.update(Action::NextField);
    app.update(Action::Input('y'));
    app.update(Action::Submit);
    let store = app.data.store_for_tests();
    let p = by_name(store, "나동의");
    assert_eq!(p.phone, "010-7777-5555");
    assert_eq!(
        store.consent(p.id).unwrap().map(|c| c.state),
        Some(ConsentState::Yes)
    );
}

#[test]
fn the_person_form_shows_and_edits_consent_and_no_empties_the_stored_contact() {
    let (_d, mut app) = common::demo_app();
    while app.screen != Screen::People {
        app.update(Action::NextScreen);
    }
    type_text(&mut app, "김기성");
    app.update(Action::Edit);
    let before = by_name(app.data.store_for_tests(), "김기성");
    assert!(!before.phone.is_empty(), "the demo gives 김기성 a phone");
    let form = common::person_form(&app).unwrap();
    assert_eq!(form.consent, ConsentState::NotAsked);
    for _ in 0..5 {
        app.update(Action::NextField); // org, role, phone, e-mail, consent
    }
    app.update(Action::Right); // 묻지 않음 → 동의
    app.update(Action::Right); // → 미동의
    assert_eq!(common::person_form(&app).unwrap().consent, ConsentState::No);
    insta::assert_snapshot!("consent_person_form_100x30", shown(&app, 100, 30));
    // As the event loop runs it: the save first, then the job it asks for.
    app.defer_jobs = true;
    app.update(Action::Submit);
    assert!(common::person_form(&app).is_none(), "{}", said(&app));
    let store = app.data.store_for_tests();
    let p = store.person(before.id).unwrap().unwrap();
    assert_eq!((p.phone.as_str(), p.email.as_str()), ("", ""));
    assert_eq!((p.name.as_str(), p.org_id), ("김기성", before.org_id));
    let c = store.consent(p.id).unwrap().unwrap();
    assert_eq!((c.state, c.how), (ConsentState::No, ConsentHow::PersonForm));
    assert!(
        said(&app).contains("연락처는 저장하지 않았습니다"),
        "{}",
        said(&app)
    );
    // The save marked the phone and e-mail it emptied: the journal no longer holds them, and
    // the desk rewrites the files at once (a job with a gauge).
    assert_eq!(app.job, Some(netday::screens::unit::Job::Rewrite));
    app.run_job(&mut Silent);
    app.defer_jobs = false;
    // What the save said stays first; the rewrite adds its words.
    assert!(
        said(&app).ends_with(
            "연락처는 저장하지 않았습니다 · 미동의 연락처는 지난 기록과 파일에서도 지웠습니다"
        ),
        "{}",
        said(&app)
    );
    let left = common::found_in(_d.path(), &[before.phone.clone(), before.email.clone()]);
    assert!(left.is_empty(), "{left:?}");
    // The detail pane says it.
    app.update(Action::Submit);
    let screen = shown(&app, 160, 48);
    assert!(
        screen.contains("│동의      미동의 · 2026-11-24 14:05 · 참석자 양식"),
        "{screen}"
    );
    // A phone typed again later is not kept either.
    app.update(Action::Edit);
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    type_text(&mut app, "01012340000");
    app.update(Action::Submit);
    assert_eq!(
        app.data
            .store_for_tests()
            .person(p.id)
            .unwrap()
            .unwrap()
            .phone,
        ""
    );
    // Undo of the "no" gives the answer on record back, not the phone: it is gone.
    let undone = app.data.store_for_tests();
    let last = undone
        .changes(10, |_| true)
        .unwrap()
        .into_iter()
        .find(|c| c.writes.iter().any(|w| w.tree == "consent"))
        .unwrap();
    undone.undo(last.order).unwrap();
    assert_eq!(undone.consent(p.id).unwrap(), None);
    assert_eq!(undone.person(p.id).unwrap().unwrap().phone, "");
}

#[test]
fn an_office_xlsx_with_a_consent_column_keeps_no_phone_of_those_who_said_no() {
    use rust_xlsxwriter::Workbook;
    let (dir, store) = common::temp_store();
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let head = [
        "성명",
        "소속",
        "연락처",
        "이메일",
        "개인정보 수집·이용 동의",
    ];
    for (c, h) in head.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        [
            "김동의",
            "한울신협",
            "010-1000-0001",
            "kim@hanul.kr",
            "동의",
        ],
        [
            "이미동",
            "한울신협",
            "010-1000-0002",
            "lee@hanul.kr",
            "미동의",
        ],
        ["박모름", "두레생협", "010-1000-0003", "", ""],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            s.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    let file = dir.path().join("12월 명단.xlsx");
    std::fs::write(&file, book.save_to_buffer().unwrap()).unwrap();
    let parsed = parse_people_csv(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(parsed.columns.index(ImportField::Consent), Some(4));
    let plan = import::plan(&store, &parsed, None, &mut Silent).unwrap();
    assert_eq!(plan.summary.withheld, 1, "the preview says it");
    drop(plan);
    let before = Ts::now();
    let done = import::apply_file(&store, &parsed, &file, None, &mut Silent).unwrap();
    assert_eq!((done.added, done.withheld), (3, 1));
    let no = by_name(&store, "이미동");
    assert_eq!((no.phone.as_str(), no.email.as_str()), ("", ""));
    let c = store.consent(no.id).unwrap().unwrap();
    assert_eq!(c.state, ConsentState::No);
    assert_eq!(
        c.how,
        ConsentHow::Import {
            file: "12월 명단.xlsx".into()
        }
    );
    assert!(c.at.unwrap() >= before);
    let yes = by_name(&store, "김동의");
    assert_eq!(yes.phone, "010-1000-0001");
    assert_eq!(
        store.consent(yes.id).unwrap().map(|c| c.state),
        Some(ConsentState::Yes)
    );
    let unknown = by_name(&store, "박모름");
    assert_eq!(unknown.phone, "010-1000-0003");
    assert_eq!(store.consent(unknown.id).unwrap(), None, "empty: not asked");
}

#[test]
fn a_form_tool_csv_export_with_a_consent_question_is_mapped_and_no_rows_keep_no_phone() {
    let (dir, store) = common::temp_store();
    // Someone already here with a phone, whose answer in the form is no.
    let mut org = Organization {
        id: 0,
        name: "한울신협".into(),
        kind: OrgKind::CreditUnion,
        district: District::Other,
        contact: String::new(),
    };
    store.put_org(&mut org).unwrap();
    let mut here = Person::new("최거부", Ts(1));
    here.org_id = Some(org.id);
    here.phone = "010-2000-0009".into();
    store.put_person(&mut here).unwrap();
    let csv = "\u{feff}타임스탬프,성함,소속 기관,휴대폰 번호,이메일 주소,개인정보 수집 및 이용에 동의하십니까?\n\
        2026. 12. 1 오후 3:04:05,정동의,두레생협,010-2000-0001,jung@dure.kr,동의합니다\n\
        2026. 12. 1 오후 3:10:41,최거부,한울신협,010-2000-0002,choi@hanul.kr,동의하지 않습니다\n\
        2026. 12. 1 오후 3:11:02,한거부,두레생협,010-2000-0003,,동의하지 않습니다\n";
    let file = dir.path().join("신청서 응답.csv");
    std::fs::write(&file, csv).unwrap();
    let parsed = parse_people_csv(csv.as_bytes()).unwrap();
    assert_eq!(parsed.columns.index(ImportField::Consent), Some(5));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let done = import::apply_file(&store, &parsed, &file, None, &mut Silent).unwrap();
    assert_eq!(done.withheld, 2, "{done:?}");
    assert_eq!(done.added, 2, "최거부 is the one here: {done:?}");
    for name in ["최거부", "한거부"] {
        let p = by_name(&store, name);
        assert_eq!((p.phone.as_str(), p.email.as_str()), ("", ""), "{name}");
        assert_eq!(
            store.consent(p.id).unwrap().map(|c| c.state),
            Some(ConsentState::No)
        );
    }
    assert_eq!(by_name(&store, "최거부").id, here.id);
    // When: the form's timestamp, read in the local zone (Asia/Seoul here).
    let c = store.consent(here.id).unwrap().unwrap();
    assert_eq!(
        c.at.unwrap()
            .local()
            .format("%Y-%m-%d %H:%M:%S")
            .to_string(),
        "2026-12-01 15:10:41"
    );
    assert_eq!(by_name(&store, "정동의").phone, "010-2000-0001");
}

#[test]
fn consent_goes_into_backups_and_an_older_backup_without_consents_is_still_read() {
    let (_d, store) = common::temp_store();
    let mut p = Person::new("백업분", Ts(1));
    p.phone = "010-3000-0001".into();
    store.put_person(&mut p).unwrap();
    let no = Consent::new(ConsentState::No, Ts(5), ConsentHow::SignedSheet);
    store.put_consent(p.id, &no).unwrap();
    let snap = store.snapshot().unwrap();
    assert_eq!(snap.consents, vec![(p.id, no.clone())]);
    let bytes = snap.to_bytes().unwrap();
    assert_eq!(bytes[8], 5, "format 5 holds consents");
    let back = Snapshot::from_bytes(&bytes).unwrap();
    assert_eq!(back, snap);
    let (_d2, fresh) = common::temp_store();
    fresh.restore(&back, &mut Silent).unwrap();
    assert_eq!(fresh.consent(p.id).unwrap(), Some(no));
    assert_eq!(fresh.person(p.id).unwrap().unwrap().phone, "");
    // A backup made before consents were recorded: read, with none.
    let old = netday::store::format4_backup(&snap).unwrap();
    assert_eq!(old[8], 4);
    let read = Snapshot::from_bytes(&old).unwrap();
    assert!(read.consents.is_empty());
    assert_eq!(read.people, snap.people);
}

#[test]
fn a_restore_with_consent_no_keeps_no_phone_even_if_the_backup_held_one() {
    let (_d, store) = common::temp_store();
    let mut p = Person::new("손편집", Ts(1));
    p.id = 7;
    p.code = "K7Q2".into();
    p.phone = "010-3000-0002".into();
    let snap = Snapshot {
        people: vec![p],
        consents: vec![(7, Consent::new(ConsentState::No, Ts(5), ConsentHow::WalkIn))],
        ..Snapshot::default()
    };
    store.restore(&snap, &mut Silent).unwrap();
    assert_eq!(store.person(7).unwrap().unwrap().phone, "");
}

mod desks {
    use super::*;

    fn desk(name: &str) -> (tempfile::TempDir, Store) {
        let (dir, s) = common::temp_store();
        s.set_desk_name(name).unwrap();
        (dir, s)
    }

    #[test]
    fn consent_no_syncs_and_a_phone_typed_meanwhile_at_the_other_desk_is_not_kept_at_either() {
        let (_da, a) = desk("가 데스크");
        let mut p = Person::new("동기화", Ts(1));
        p.phone = "010-4000-0001".into();
        a.put_person(&mut p).unwrap();
        a.start_set().unwrap();
        let (_db, b) = desk("나 데스크");
        b.join_from(&a.join_snapshot().unwrap()).unwrap();
        // At A the person says no; at B, not knowing, someone types a new phone.
        let no = Consent::new(ConsentState::No, Ts(9), ConsentHow::WalkIn);
        a.put_consent(p.id, &no).unwrap();
        let mut at_b = b.person(p.id).unwrap().unwrap();
        at_b.phone = "010-4000-0002".into();
        at_b.email = "sync@coop.kr".into();
        b.put_person(&mut at_b).unwrap();
        assert_eq!(b.person(p.id).unwrap().unwrap().phone, "010-4000-0002");
        common::sync_stores(&a, &b);
        for s in [&a, &b] {
            let q = s.person(p.id).unwrap().unwrap();
            assert_eq!((q.phone.as_str(), q.email.as_str()), ("", ""));
            assert_eq!(s.consent(p.id).unwrap(), Some(no.clone()));
        }
        // A backup-style join of a third desk carries the consent.
        let (_dc, c) = desk("다 데스크");
        c.join_from(&a.join_snapshot().unwrap()).unwrap();
        assert_eq!(c.consent(p.id).unwrap(), Some(no));
        // Neither desk keeps the phones in its journal or its files once they are rewritten,
        // as the desk does after a sync (A's own phone went with its "no"; B's came after it).
        for (s, dir) in [(&a, &_da), (&b, &_db)] {
            assert!(s.shred_unfinished().unwrap());
            s.compact(&mut Silent).unwrap();
            let left = common::found_in(
                dir.path(),
                &["010-4000-0001", "010-4000-0002", "sync@coop.kr"].map(String::from),
            );
            assert!(left.is_empty(), "{left:?}");
        }
    }

    /// Two desks record different answers for one person without seeing each other's: the
    /// conflict names the person and shows both answers in words (it read "(읽을 수 없는 값)").
    #[test]
    fn a_consent_conflict_between_desks_shows_both_answers() {
        let (_da, a) = desk("가 데스크");
        let mut p = Person::new("갈림길", Ts(1));
        a.put_person(&mut p).unwrap();
        a.start_set().unwrap();
        let (_db, b) = desk("나 데스크");
        b.join_from(&a.join_snapshot().unwrap()).unwrap();
        let yes = Consent::new(ConsentState::Yes, Ts(5), ConsentHow::WalkIn);
        let no = Consent::new(ConsentState::No, Ts(6), ConsentHow::PersonForm);
        a.put_consent(p.id, &yes).unwrap();
        b.put_consent(p.id, &no).unwrap();
        common::sync_stores(&a, &b);
        let conflicts = a.conflicts().unwrap();
        let c = conflicts
            .iter()
            .find(|c| c.field == netday::model::sync::FieldName::Consent)
            .unwrap_or_else(|| panic!("{conflicts:?}"));
        assert_eq!(c.record, "갈림길");
        let words: Vec<String> = c
            .candidates
            .iter()
            .map(|v| netday::i18n::conflict_value(&v.value))
            .collect();
        for w in &words {
            assert!(!w.contains("읽을 수 없는"), "{words:?}");
        }
        assert!(words.iter().any(|w| w.starts_with("동의 · ")), "{words:?}");
        assert!(
            words.iter().any(|w| w.starts_with("미동의 · ")),
            "{words:?}"
        );
        assert_eq!(netday::i18n::conflict_field(c.field), "개인정보 동의");
    }

    /// A "no" given at B for someone whose phone both desks kept: after the sync, A's journal
    /// and its copy of B's entry (whose before-value held the phone) hold it no more than B's.
    #[test]
    fn consent_withdrawn_at_the_other_desk_leaves_no_phone_here_after_sync() {
        let (da, a) = desk("가 데스크");
        let mut p = Person::new("철회", Ts(1));
        p.phone = "010-4100-0001".into();
        p.email = "withdraw@coop.kr".into();
        a.put_person(&mut p).unwrap();
        a.start_set().unwrap();
        let (db, b) = desk("나 데스크");
        b.join_from(&a.join_snapshot().unwrap()).unwrap();
        let no = Consent::new(ConsentState::No, Ts(9), ConsentHow::PersonForm);
        let mut at_b = b.person(p.id).unwrap().unwrap();
        assert!(
            b.put_person_and_consent(&mut at_b, ConsentWrite::Set(&no))
                .unwrap()
        );
        common::sync_stores(&a, &b);
        let values = ["010-4100-0001", "withdraw@coop.kr"].map(String::from);
        for (s, dir) in [(&a, &da), (&b, &db)] {
            let q = s.person(p.id).unwrap().unwrap();
            assert_eq!((q.phone.as_str(), q.email.as_str()), ("", ""));
            s.compact(&mut Silent).unwrap();
            let left = common::found_in(dir.path(), &values);
            assert!(left.is_empty(), "{left:?}");
        }
    }
}

#[test]
fn saving_with_consent_no_through_the_store_api_keeps_no_contact_on_any_path() {
    let (_d, store) = common::temp_store();
    let mut p = Person::new("저장소", Ts(1));
    p.phone = "010-5000-0001".into();
    p.email = "store@coop.kr".into();
    let no = Consent::new(ConsentState::No, Ts(2), ConsentHow::PersonForm);
    assert!(
        store
            .put_person_and_consent(&mut p, ConsentWrite::Set(&no))
            .unwrap()
    );
    assert_eq!(store.person(p.id).unwrap().unwrap().phone, "");
    // A merge that takes another record's phone into theirs keeps none either.
    let mut twin = Person::new("저장소", Ts(3));
    twin.phone = "010-5000-0002".into();
    store.put_person(&mut twin).unwrap();
    store
        .merge_people(p.id, twin.id, &[PersonField::Phone])
        .unwrap();
    assert_eq!(store.person(p.id).unwrap().unwrap().phone, "");
}

#[test]
fn the_sign_in_sheet_has_a_consent_column_with_the_answer_on_record_pre_marked() {
    let e = Event {
        id: 1,
        title: "12월 네트워킹데이".into(),
        date: common::demo_date(),
        start: None,
        end: None,
        venue: "사회적경제지원센터".into(),
        district: District::East,
        status: EventStatus::Planned,
    };
    let entry = |name: &str, consent| Entry {
        name: name.into(),
        org: "한울신협".into(),
        role: "이사장".into(),
        phone: "010-1234-5678".into(),
        code: "K7Q2".into(),
        arrived: None,
        walk_in: false,
        consent,
    };
    let people = [
        entry("김동의", ConsentState::Yes),
        entry("이미동", ConsentState::No),
        entry("박모름", ConsentState::NotAsked),
    ];
    for contact in [false, true] {
        let opt = signin::Options {
            contact,
            blank: 2,
            consent: true,
        };
        let sheet = signin::table(&e, &people, &opt, netday::i18n::Lang::Ko);
        assert!(
            sheet
                .cols
                .iter()
                .any(|c| c.title == "개인정보 수집·이용 동의")
        );
        let cells: Vec<&str> = sheet.rows.iter().map(|r| r[r.len() - 1].as_str()).collect();
        assert_eq!(cells, ["■동의 □미동의", "□동의 ■미동의", "□동의 □미동의"]);
        // The signature keeps room to sign.
        let used: f32 = sheet.cols.iter().map(|c| c.width).sum::<f32>() + 30.0;
        assert!(
            netday::io::print::layout::A4_W - 2.0 * 42.5 - used >= 60.0,
            "{used}"
        );
        let pdf = signin::render(&e, &people, &opt, netday::i18n::Lang::Ko, &mut Silent).unwrap();
        if let Some(out) = std::env::var_os("NETDAY_CONSENT_PDF") {
            std::fs::write(format!("{}-{contact}.pdf", out.to_string_lossy()), &pdf).unwrap();
        }
        assert!(pdf.starts_with(b"%PDF"));
    }
}
