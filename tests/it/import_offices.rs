//! Another office's list merges without duplicates: people are matched by name and phone
//! (or e-mail, or organisation), a badge code new here becomes an alias that scans at the
//! desk, and a code that is someone else's here never overwrites them (issue 21, item 3).

#![allow(clippy::unwrap_used)]

use std::path::Path;

use crate::common;
use common::*;

use netday::io::csv::{RowProblem, parse_people_csv};
use netday::io::import;
use netday::model::korean::{Particle, josa};
use netday::model::{District, Event, EventStatus, Person, Ts};
use netday::progress::Silent;
use netday::search::Tier;
use netday::state::Action;
use netday::store::migrate::{self, PersonV2};
use netday::store::{Snapshot, Store, StoreError};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn by_name<'a>(people: &'a [Person], name: &str) -> &'a Person {
    people.iter().find(|p| p.name == name).unwrap()
}

fn import_text(store: &Store, csv: &str) -> (netday::io::csv::ParsedCsv, import::ImportSummary) {
    let parsed = parse_people_csv(csv.as_bytes()).unwrap();
    let plan = import::plan(store, &parsed, None, &mut Silent)
        .unwrap()
        .summary;
    let planned = import::plan(store, &parsed, None, &mut Silent).unwrap();
    let done = import::apply(store, planned, &mut Silent).unwrap();
    // The preview says what the import then does.
    assert_eq!(plan, done);
    (parsed, done)
}

#[test]
fn another_offices_export_adds_nobody_twice_and_both_badges_scan() {
    let (dir, store) = demo_store();
    let here_before = store.people().unwrap();

    // Another office loaded the same demo people (their own random codes) and one more.
    let there = dir.path().join("there");
    assert_eq!(run(&there, &["demo"]).0, 0);
    let extra = write(
        dir.path(),
        "extra.csv",
        "이름,소속,연락처\n홍길동,새마을협동조합,010-5555-0001\n",
    );
    assert_eq!(run(&there, &["import", &extra]).0, 0);
    let (code, csv, err) = run(&there, &["export", "people"]);
    assert_eq!(code, 0, "{err}");
    let theirs = Store::open(&there).unwrap().people().unwrap();

    let (parsed, s) = import_text(&store, &csv);
    assert_eq!(parsed.rows.len(), here_before.len() + 1);
    assert_eq!((s.added, s.errors), (1, 0), "{s:?}");
    let after = store.people().unwrap();
    assert_eq!(after.len(), here_before.len() + 1, "nobody twice");
    for p in &here_before {
        let now = after.iter().find(|a| a.id == p.id).unwrap();
        // The demo has two 김민지: their phones tell them apart.
        let their_code = theirs
            .iter()
            .find(|t| t.name == p.name && t.phone == p.phone)
            .unwrap()
            .code
            .clone();
        if their_code == p.code {
            continue; // the two offices drew the same code: nothing to add
        }
        assert_eq!(now.code, p.code, "{}: their own code stays", p.name);
        assert_eq!(now.aliases, [their_code], "{}", p.name);
        assert_eq!(
            (&now.name, &now.phone, &now.email, now.org_id),
            (&p.name, &p.phone, &p.email, p.org_id)
        );
    }
    let hong = by_name(&after, "홍길동");
    assert_eq!(hong.code, by_name(&theirs, "홍길동").code);

    // Importing the same export again changes nothing.
    let (_, again) = import_text(&store, &csv);
    assert_eq!((again.added, again.updated, again.errors), (0, 0, 0));
    assert_eq!(again.skipped, parsed.rows.len());
    assert_eq!(store.people().unwrap(), after);

    // At the desk both badges find 임하늘, and the other office's checks her in.
    let p = by_name(&after, "임하늘").clone();
    let alias = by_name(&theirs, "임하늘").code.clone();
    assert_ne!(alias, p.code);
    let mut app = app_on(store);
    for code in [&p.code, &alias] {
        let mut hits = Vec::new();
        app.data
            .roster
            .index
            .search(&code.to_lowercase(), &mut hits);
        assert_eq!(
            hits.first().map(|h| (h.id, h.tier)),
            Some((p.id, Tier::Code)),
            "{code}"
        );
    }
    assert!(!app.data.roster.status(p.id).unwrap().is_arrived());
    app.update(Action::Down);
    for c in alias.to_lowercase().chars() {
        app.update(Action::Input(c));
    }
    assert!(app.screens.checkin.code_hit);
    app.update(Action::Submit);
    assert!(app.data.roster.status(p.id).unwrap().is_arrived());

    // After a restart (the search index read back from its file) the alias still scans.
    drop(app);
    let store = Store::open(&dir.path().join("db")).unwrap();
    assert_eq!(store.person_by_code(&alias).unwrap().unwrap().id, p.id);
    let app = app_on(store);
    let mut hits = Vec::new();
    app.data.roster.index.search(&alias, &mut hits);
    assert_eq!(hits.first().map(|h| h.id), Some(p.id));
}

#[test]
fn rows_find_people_by_name_and_email_or_organisation_whatever_their_code() {
    let (_d, store) = temp_store();
    import_text(
        &store,
        "이름,소속,연락처,이메일\n김하나,두레생협,,hana@a.kr\n박둘,한빛신협,,\n",
    );
    let (_, s) = import_text(
        &store,
        "코드,이름,소속,연락처,이메일\nQRST,김하나,다른기관,,HANA@a.kr\nUVWX,박둘,한빛신협,,\n",
    );
    assert_eq!((s.added, s.updated, s.errors), (0, 2, 0), "{s:?}");
    let people = store.people().unwrap();
    assert_eq!(people.len(), 2);
    assert_eq!(by_name(&people, "김하나").aliases, ["QRST"]);
    assert_eq!(by_name(&people, "박둘").aliases, ["UVWX"]);
    assert_eq!(store.person_by_code("uvwx").unwrap().unwrap().name, "박둘");
}

#[test]
fn two_people_one_file_names_apart_by_code_stay_two() {
    // The exporting database holds two 김하나 sharing an office phone, with their own codes.
    let csv =
        "코드,이름,연락처,직함\nAAAA,김하나,010-1234-5678,이사\nBBBB,김하나,010-1234-5678,간사\n";
    let (_d, store) = temp_store();
    let (_, s) = import_text(&store, csv);
    assert_eq!((s.added, s.updated), (2, 0), "{s:?}");
    let (_, again) = import_text(&store, csv);
    assert_eq!(
        (again.added, again.updated, again.skipped),
        (0, 0, 2),
        "{again:?}"
    );
    let people = store.people().unwrap();
    assert!(people.iter().all(|p| p.aliases.is_empty()), "{people:?}");
}

#[test]
fn merging_a_duplicate_keeps_its_badge_as_an_alias() {
    // A duplicate an earlier import made from another office's list, with that office's code.
    let (_d, store) = demo_store();
    let keep = by_name(&store.people().unwrap(), "임하늘").clone();
    let mut dup = person("임하늘");
    dup.code = "ZZZZ9".into();
    store.put_person(&mut dup).unwrap();
    store.merge_people(keep.id, dup.id, &[]).unwrap();
    let kept = store.person(keep.id).unwrap().unwrap();
    assert_eq!(kept.code, keep.code);
    assert_eq!(kept.aliases, ["ZZZZ9"]);
    let archived = store.person(dup.id).unwrap().unwrap();
    assert!(archived.archived && archived.code != "ZZZZ9" && archived.aliases.is_empty());
    assert_eq!(store.person_by_code("zzzz9").unwrap().unwrap().id, keep.id);
    let app = app_on(store);
    let mut hits = Vec::new();
    app.data.roster.index.search("zzzz9", &mut hits);
    assert_eq!(
        hits.first().map(|h| (h.id, h.tier)),
        Some((keep.id, Tier::Code))
    );
}

#[test]
fn one_person_takes_a_bounded_number_of_aliases() {
    // Office after office sends its list with its own code for the same 김하나.
    let (_d, store) = temp_store();
    for n in 0..netday::model::MAX_ALIASES + 10 {
        let code = netday::model::badge_code_from(n as u64, 5);
        let (_, s) = import_text(
            &store,
            &format!("코드,이름,연락처\n{code},김하나,010-1234-5678\n"),
        );
        assert_eq!(s.errors, 0, "{s:?}");
    }
    let people = store.people().unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].aliases.len(), netday::model::MAX_ALIASES);
}

#[test]
fn a_code_held_by_a_namesake_here_is_never_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mine = write(
        dir.path(),
        "mine.csv",
        "이름,소속,연락처,이메일\n김민지,두레생협,010-1111-2222,mj@a.kr\n김민지,한빛신협,010-3333-4444,\n",
    );
    assert_eq!(run(&db, &["import", &mine]).0, 0);
    let before = Store::open(&db).unwrap().people().unwrap();
    let first = before.iter().find(|p| p.phone == "010-1111-2222").unwrap();
    let code = first.code.clone();

    // The other office's 김민지 drew the same code: another co-op, phone and e-mail.
    let theirs = write(
        dir.path(),
        "theirs.csv",
        &format!(
            "코드,이름,소속,연락처,이메일\n\
             {code},김민지,푸른협동조합,010-9999-0000,other@b.kr\n\
             {code},김민지,한빛신협,010-3333-4444,\n"
        ),
    );
    let (status, out, err) = run(&db, &["import", &theirs, "--dry-run"]);
    assert_eq!(status, 0, "{out}{err}");
    let (status, out2, err2) = run(&db, &["import", &theirs]);
    assert_eq!(status, 0, "{out2}{err2}");
    for text in [&err, &err2] {
        assert!(
            text.contains(&format!(
                "2행: 배지 코드 {} 이미 이 데이터베이스의 동명이인(김민지, 010-****-2222)의 코드",
                josa(&code, Particle::EunNeun)
            )),
            "{text}"
        );
    }
    for text in [&out, &out2] {
        assert!(
            text.contains("추가 0명") && text.contains("오류 1행"),
            "{text}"
        );
    }
    let after = Store::open(&db).unwrap().people().unwrap();
    // Nobody added, the code's holder unchanged, the other 김민지 (found by her phone) not
    // given a code that is someone else's.
    assert_eq!(after, before);

    let parsed = parse_people_csv(std::fs::read(&theirs).unwrap().as_slice()).unwrap();
    let store = Store::open(&db).unwrap();
    let s = import::plan(&store, &parsed, None, &mut Silent)
        .unwrap()
        .summary;
    assert_eq!((s.added, s.updated, s.skipped, s.errors), (0, 0, 1, 1));
    assert_eq!(s.conflicts.len(), 1);
    assert_eq!(s.conflicts[0].line, 2);
    let why = &s.conflicts[0].reason;
    assert!(
        matches!(why, RowProblem::CodeOfNamesake { code: c, .. } if *c == code),
        "{why:?}"
    );
    assert!(
        why.en()
            .contains("someone of the same name (김민지, 010-****-2222)")
    );
}

#[test]
fn an_alias_is_a_code_like_any_other_in_the_store() {
    let (_d, store) = temp_store();
    let mut a = person("김하나");
    a.aliases = vec!["WXYZ".into(), "WXYZ".into()];
    store.put_person(&mut a).unwrap();
    assert_eq!(a.aliases, ["WXYZ"], "kept once");
    assert_eq!(store.person_by_code("wxyz").unwrap().unwrap().id, a.id);

    // Nobody else may have it, as a code or an alias.
    let mut b = person("박둘");
    b.code = "WXYZ".into();
    assert!(matches!(
        store.put_person(&mut b),
        Err(StoreError::CodeTaken { .. })
    ));
    let mut b = person("박둘");
    b.aliases = vec![a.code.clone()];
    assert!(matches!(
        store.put_person(&mut b),
        Err(StoreError::CodeTaken { .. })
    ));

    // A backup keeps aliases, and a restored database scans them.
    let snap = store.snapshot().unwrap();
    let back = Snapshot::from_bytes(&snap.to_bytes().unwrap()).unwrap();
    assert_eq!(back, snap);
    let (_d2, fresh) = temp_store();
    fresh.restore(&back, &mut Silent).unwrap();
    assert_eq!(fresh.person_by_code("WXYZ").unwrap().unwrap().id, a.id);
    // A backup written before aliases existed (format 2, schema-2 people) still reads.
    for (checked, format) in [
        (false, netday::store::Format::Unchecked),
        (true, netday::store::Format::Checked),
    ] {
        let old = migrate::schema2_backup(&snap, checked).unwrap();
        let (read, read_as) = Snapshot::decode(&old).unwrap();
        assert_eq!(read_as, format);
        assert_eq!(read.people[0].code, a.code);
        assert!(read.people[0].aliases.is_empty());
    }

    // Dropping the alias frees it.
    a.aliases.clear();
    store.put_person(&mut a).unwrap();
    assert!(store.person_by_code("WXYZ").unwrap().is_none());
}

#[test]
fn a_schema_2_database_is_migrated_and_its_people_take_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let old = PersonV2 {
        id: 7,
        code: "ABCD".into(),
        name: "김기성".into(),
        org_id: None,
        role: "이사장".into(),
        phone: "010-1234-5678".into(),
        email: String::new(),
        tags: vec!["이사".into()],
        notes: String::new(),
        archived: false,
        created: Ts(1),
    };
    let day = Event {
        id: 3,
        title: "12월 네트워킹데이".into(),
        date: demo_date(),
        start: None,
        end: None,
        venue: "협동조합지원센터".into(),
        district: District::East,
        status: EventStatus::Planned,
    };
    migrate::make_v2_database(
        &path,
        std::slice::from_ref(&old),
        std::slice::from_ref(&day),
    )
    .unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.damaged().is_empty(), "{:?}", store.damaged());
    let mut p = store.person(7).unwrap().unwrap();
    assert_eq!(p, Person::from(old));
    assert_eq!(store.events().unwrap(), [day]);
    assert_eq!(store.person_by_code("abcd").unwrap().unwrap().id, 7);
    assert!(
        std::fs::read_dir(dir.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("backup-v2")),
        "a backup copy is written before migrating"
    );
    p.aliases.push("WXYZ".into());
    store.put_person(&mut p).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.person_by_code("WXYZ").unwrap().unwrap(), p);
}
