//! The store: round trips, indexes, reopening, migration, refusal of what it must not touch.

#![allow(clippy::unwrap_used)]

use crate::common;
use common::*;

use chrono::{NaiveDate, NaiveTime};
use netday::model::*;
use netday::store::{Store, StoreError, migrate};

fn org(name: &str, kind: OrgKind) -> Organization {
    Organization {
        id: 0,
        name: name.into(),
        kind,
        district: District::East,
        contact: "02-000-0000".into(),
    }
}

#[test]
fn every_noun_round_trips_and_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let (mut e, mut o, mut p, mut a, mut n, mut i);
    {
        let store = Store::open(&path).unwrap();
        e = Event {
            id: 0,
            title: "2026년 11월 네트워킹데이".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            start: NaiveTime::from_hms_opt(14, 0, 0),
            end: None,
            venue: "교육장".into(),
            district: District::North,
            status: EventStatus::Planned,
        };
        store.put_event(&mut e).unwrap();
        o = org("한울신협", OrgKind::CreditUnion);
        store.put_org(&mut o).unwrap();
        p = person("김기성");
        p.org_id = Some(o.id);
        p.tags = vec!["이사장".into()];
        store.put_person(&mut p).unwrap();
        assert!(p.id > 0 && p.code.len() >= 4);
        let att = Attendance {
            event_id: e.id,
            person_id: p.id,
            status: AttendanceStatus::CheckedIn {
                at: Ts(1_700_000_000_000),
                desk: "입구".into(),
            },
            updated: Ts(1),
        };
        store.put_attendance(&att).unwrap();
        a = AgendaItem {
            id: 0,
            event_id: e.id,
            order: 1,
            start: NaiveTime::from_hms_opt(14, 0, 0),
            minutes: 40,
            title: "각 협동조합 현황 공유".into(),
            presenter: "장은서".into(),
            status: AgendaStatus::Running,
        };
        store.put_agenda(&mut a).unwrap();
        n = Note {
            id: 0,
            event_id: e.id,
            agenda_id: Some(a.id),
            at: Ts(5),
            author: "사무국".into(),
            text: "공동 장터\n두 번째 줄".into(),
            kind: NoteKind::Action {
                owner: Owner::Org(o.id),
                due: Some(e.date),
                done: false,
            },
        };
        store.put_note(&mut n).unwrap();
        i = Idea {
            id: 0,
            title: "공간 공유".into(),
            category: IdeaCategory::SpaceSharing,
            org_ids: vec![o.id],
            owner: Some(p.id),
            status: IdeaStatus::Exploring,
            next_step: "답사".into(),
            next_due: None,
            description: String::new(),
            note_ids: vec![n.id],
            history: vec![IdeaMove {
                at: Ts(9),
                from: IdeaStatus::Idea,
                to: IdeaStatus::Exploring,
            }],
            created: Ts(1),
            updated: Ts(9),
        };
        store.put_idea(&mut i).unwrap();
        store
            .put_draft(&Draft {
                key: "note:1".into(),
                text: "반쯤 쓴".into(),
                saved: Ts(3),
            })
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.events().unwrap(), vec![e.clone()]);
    assert_eq!(store.orgs().unwrap(), vec![o.clone()]);
    assert_eq!(store.person(p.id).unwrap(), Some(p.clone()));
    assert_eq!(
        store.person_by_code(&p.code.to_lowercase()).unwrap(),
        Some(p.clone())
    );
    assert_eq!(store.attendance_of_event(e.id).unwrap().len(), 1);
    assert_eq!(store.attendance_of_person(p.id).unwrap().len(), 1);
    assert_eq!(store.agenda_of_event(e.id).unwrap(), vec![a]);
    assert_eq!(store.notes_of_event(e.id).unwrap(), vec![n]);
    assert_eq!(store.ideas().unwrap(), vec![i]);
    assert_eq!(store.draft("note:1").unwrap().unwrap().text, "반쯤 쓴");
    // Counters continue after reopening: no id is handed out twice.
    let mut q = person("강민수");
    store.put_person(&mut q).unwrap();
    assert!(q.id > p.id);
    assert_ne!(q.code, p.code);
}

#[test]
fn indexes_follow_updates_and_deletes() {
    let (_d, store) = temp_store();
    let mut a = org("한울신협", OrgKind::CreditUnion);
    let mut b = org("햇살생협", OrgKind::ConsumerCoop);
    store.put_org(&mut a).unwrap();
    store.put_org(&mut b).unwrap();
    let mut p = person("김기성");
    p.org_id = Some(a.id);
    store.put_person(&mut p).unwrap();
    assert_eq!(store.people_of_org(a.id).unwrap().len(), 1);
    p.org_id = Some(b.id);
    store.put_person(&mut p).unwrap();
    assert!(store.people_of_org(a.id).unwrap().is_empty());
    assert_eq!(store.people_of_org(b.id).unwrap()[0].id, p.id);

    // A changed badge code frees the old one.
    let old = p.code.clone();
    p.code = "ZZZZ".into();
    store.put_person(&mut p).unwrap();
    assert!(store.person_by_code(&old).unwrap().is_none());
    assert_eq!(store.person_by_code("zzzz").unwrap().unwrap().id, p.id);
    // …and a taken code is refused, changing nothing.
    let mut q = person("강민수");
    q.code = "ZZZZ".into();
    assert!(store.put_person(&mut q).is_err());
    assert_eq!(store.people().unwrap().len(), 1);

    let mut e = Event {
        id: 0,
        title: "t".into(),
        date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        start: None,
        end: None,
        venue: String::new(),
        district: District::Other,
        status: EventStatus::Planned,
    };
    store.put_event(&mut e).unwrap();
    let att = Attendance {
        event_id: e.id,
        person_id: p.id,
        status: AttendanceStatus::Expected,
        updated: Ts(1),
    };
    store.put_attendance(&att).unwrap();
    assert_eq!(store.attendance_of_person(p.id).unwrap().len(), 1);
    store.remove_attendance(e.id, p.id).unwrap();
    assert!(store.attendance_of_person(p.id).unwrap().is_empty());
    assert!(store.attendance_of_event(e.id).unwrap().is_empty());

    let mut n = Note {
        id: 0,
        event_id: e.id,
        agenda_id: None,
        at: Ts(1),
        author: String::new(),
        text: "x".into(),
        kind: NoteKind::Note,
    };
    store.put_note(&mut n).unwrap();
    store.delete_note(&n).unwrap();
    assert!(store.notes_of_event(e.id).unwrap().is_empty());
}

#[test]
fn merging_people_keeps_every_attendance() {
    let (_d, store) = demo_store();
    let people = store.people().unwrap();
    let kim = people.iter().find(|p| p.name == "김기성").unwrap().id;
    let mut dup = person("김기성");
    store.put_person(&mut dup).unwrap();
    let events = store.events().unwrap();
    let oldest = events.iter().min_by_key(|e| e.date).unwrap();
    // The duplicate carries one day the original lacks, and the same day the original has.
    store.remove_attendance(oldest.id, kim).unwrap();
    let before = store.attendance_of_person(kim).unwrap().len();
    store
        .put_attendance(&Attendance {
            event_id: oldest.id,
            person_id: dup.id,
            status: AttendanceStatus::CheckedIn {
                at: Ts(1),
                desk: "d".into(),
            },
            updated: Ts(1),
        })
        .unwrap();
    store.merge_people(kim, dup.id, &[]).unwrap();
    assert_eq!(store.attendance_of_person(kim).unwrap().len(), before + 1);
    assert!(store.attendance_of_person(dup.id).unwrap().is_empty());
    let dup_after = store.person(dup.id).unwrap().unwrap();
    assert!(dup_after.archived, "the duplicate is archived, not erased");
}

#[test]
fn older_database_is_migrated_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let old = migrate::PersonV1 {
        id: 7,
        name: "김기성".into(),
        org_id: None,
        role: "이사장".into(),
        phone: "010-1234-5678".into(),
        email: String::new(),
        tags: vec![],
        notes: String::new(),
        archived: false,
        created: Ts(1),
    };
    migrate::make_v1_database(&path, &[old]).unwrap();
    let store = Store::open(&path).unwrap();
    let p = store.person(7).unwrap().unwrap();
    assert_eq!(p.name, "김기성");
    assert_eq!(p.code, badge_code(7));
    assert_eq!(store.person_by_code(&p.code).unwrap().unwrap().id, 7);
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("backup-v1"))
        .collect();
    assert_eq!(
        backups.len(),
        1,
        "a backup copy is written before migrating"
    );
    drop(store);
    // The backup is itself a schema-1 database that migrates again.
    let copy = Store::open(&backups[0].path()).unwrap();
    assert_eq!(copy.person(7).unwrap().unwrap().name, "김기성");
}

#[test]
fn newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    migrate::make_v1_database(&path, &[]).unwrap();
    // Pretend a future netday wrote it.
    migrate::set_schema_for_tests(&path, netday::store::SCHEMA + 1).unwrap();
    let before = snapshot_files(&path);
    match Store::open(&path) {
        Err(StoreError::Newer { found, .. }) => assert_eq!(found, netday::store::SCHEMA + 1),
        other => panic!("expected Newer, got {:?}", other.map(|_| ())),
    }
    assert_eq!(before, snapshot_files(&path));
}

#[test]
fn durable_writes_sync_the_log() {
    let (_d, store) = temp_store();
    let before = store.sync_count();
    let mut p = person("김기성");
    store.put_person(&mut p).unwrap();
    store
        .put_attendance(&Attendance {
            event_id: 1,
            person_id: p.id,
            status: AttendanceStatus::Expected,
            updated: Ts(1),
        })
        .unwrap();
    assert_eq!(store.sync_count(), before + 2, "one fdatasync per write");
}

#[test]
fn backup_and_restore_round_trip() {
    let (_d, store) = demo_store();
    let snap = store.snapshot().unwrap();
    let bytes = snap.to_bytes().unwrap();
    let (_d2, fresh) = temp_store();
    fresh
        .restore(
            &netday::store::Snapshot::from_bytes(&bytes).unwrap(),
            &mut netday::progress::Silent,
        )
        .unwrap();
    let again = fresh.snapshot().unwrap();
    assert_eq!(snap.people.len(), again.people.len());
    assert_eq!(snap.events, again.events);
    assert_eq!(snap.ideas, again.ideas);
    let mut p = person("새 사람");
    fresh.put_person(&mut p).unwrap();
    assert!(
        snap.people.iter().all(|q| q.id != p.id),
        "restored counters never reuse an id"
    );
    assert!(netday::store::Snapshot::from_bytes(b"not a backup").is_err());
}

/// Every file under `dir` with a digest of its bytes.
fn snapshot_files(dir: &std::path::Path) -> Vec<(String, u64)> {
    use std::hash::{Hash, Hasher};
    let mut v: Vec<_> = walk(dir)
        .into_iter()
        .map(|(name, bytes)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (name, h.finish())
        })
        .collect();
    v.sort();
    v
}

fn walk(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push((
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    out
}

#[test]
fn a_database_whose_creation_was_interrupted_opens_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    drop(Store::open(&path).unwrap());
    // As if killed after sled made its files but before netday wrote anything of its own: the
    // creation marker is still there, the version file not yet.
    std::fs::remove_file(path.join("NETDAY_SCHEMA")).unwrap();
    std::fs::write(path.join(netday::store::CREATION_MARKER), b"").unwrap();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path.join("db"))
        .unwrap();
    f.set_len(0).unwrap();
    for e in std::fs::read_dir(&path).unwrap() {
        let e = e.unwrap();
        if e.file_name().to_string_lossy().starts_with("snap.") {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    assert!(store.is_empty());
    assert!(!path.join(netday::store::CREATION_MARKER).exists());
    drop(store);
    // Finished now: it opens as a database from here on.
    let mut p = person("김기성");
    Store::open(&path).unwrap().put_person(&mut p).unwrap();
    assert_eq!(Store::open(&path).unwrap().people().unwrap(), vec![p]);
}

// --- one record never bricks the database (issue 10, item 1) ---

#[test]
fn a_record_too_large_to_read_back_is_refused_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let store = Store::open(&path).unwrap();
    let mut ok = person("김기성");
    store.put_person(&mut ok).unwrap();

    let mut huge = person("이영희");
    huge.notes = "가".repeat(netday::store::RECORD_LIMIT / 3 + 1);
    let err = store.put_person(&mut huge).unwrap_err();
    assert!(
        matches!(err, StoreError::TooLarge { .. }),
        "{err:?} is not TooLarge"
    );
    assert!(err.ko().contains("너무 큽니다"), "{}", err.ko());
    assert!(err.en().contains("too large"), "{}", err.en());
    assert_eq!(
        store.people().unwrap(),
        vec![ok.clone()],
        "nothing was written"
    );

    // What is accepted reads back, even where decoding needs more memory than the bytes
    // take (many small ids) or the record sits just under the limit.
    let mut idea = Idea {
        id: 0,
        title: "공간 공유".into(),
        category: IdeaCategory::SpaceSharing,
        org_ids: vec![],
        owner: None,
        status: IdeaStatus::Idea,
        next_step: String::new(),
        next_due: None,
        description: String::new(),
        note_ids: (0..600_000).map(|i| i % 100).collect(),
        history: vec![],
        created: Ts(1),
        updated: Ts(1),
    };
    store.put_idea(&mut idea).unwrap();
    let mut long = person("최지우");
    long.notes = "x".repeat(netday::store::RECORD_LIMIT - 1000);
    store.put_person(&mut long).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.people().unwrap().len(), 2);
    assert_eq!(store.ideas().unwrap(), vec![idea]);
    assert_eq!(store.person(long.id).unwrap().unwrap(), long);
    assert!(store.damaged().is_empty());
    store.snapshot().unwrap().to_bytes().unwrap();
}

#[test]
fn a_damaged_record_is_skipped_named_and_left_out_of_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let (kim, lee, event) = {
        let store = Store::open(&path).unwrap();
        netday::demo::load(&store, demo_date()).unwrap();
        let people = store.people().unwrap();
        let kim = people.iter().find(|p| p.name == "김기성").unwrap().clone();
        let lee = people.iter().find(|p| p.name != "김기성").unwrap().clone();
        let event = store.events().unwrap()[0].clone();
        // Garbage where a person was, and an event as large as round 1 could write.
        store
            .poke_raw_for_tests("people", &kim.id.to_be_bytes(), &[2, 0xff, 0xff, 0xff])
            .unwrap();
        let mut big = vec![netday::store::SCHEMA];
        big.resize(netday::store::RECORD_LIMIT + 100, 7);
        store
            .poke_raw_for_tests("events", &event.id.to_be_bytes(), &big)
            .unwrap();
        (kim, lee, event)
    };
    let store = Store::open(&path).unwrap();
    let people = store.people().unwrap();
    assert!(people.iter().all(|p| p.id != kim.id));
    assert!(people.contains(&lee));
    assert!(store.events().unwrap().iter().all(|e| e.id != event.id));
    assert!(store.person(kim.id).unwrap().is_none());
    let named: Vec<String> = store.damaged().iter().map(|d| d.en()).collect();
    assert_eq!(
        named,
        vec![
            format!("networking day #{}", event.id),
            format!("person #{}", kim.id)
        ]
    );
    let (ko, en) = store.damage_warning().unwrap();
    assert!(ko.contains(&format!("사람 #{}", kim.id)), "{ko}");
    assert!(en.contains("damaged"), "{en}");
    // A backup holds everything else and restores.
    let snap = store.snapshot().unwrap();
    assert_eq!(snap.people.len(), people.len());
    let (_d2, fresh) = temp_store();
    fresh
        .restore(
            &netday::store::Snapshot::from_bytes(&snap.to_bytes().unwrap()).unwrap(),
            &mut netday::progress::Silent,
        )
        .unwrap();
    assert_eq!(fresh.people().unwrap().len(), people.len());
    // Writing over a damaged record that is gone from every list is refused in words.
    let mut again = kim.clone();
    let err = store.put_person(&mut again).unwrap_err();
    assert!(
        err.en().contains(&format!("person #{}", kim.id)),
        "{}",
        err.en()
    );
    drop(store);

    // The command line: export and backup work and say once which records were skipped.
    let (code, out, err) = run(&path, &["export", "people"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&lee.name) && !out.contains(&kim.phone),
        "{out}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("사람 #{}", kim.id)) && err.contains(&format!("person #{}", kim.id)),
        "{err}"
    );
    let file = dir.path().join("b.ndbak");
    let (code, _, err) = run(&path, &["backup", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("networking day #"), "{err}");
    assert!(std::fs::metadata(&file).unwrap().len() > 100);

    // The TUI says it once, as its first message.
    let app = netday::i18n::with_lang(netday::i18n::Lang::En, || {
        netday::state::App::with_clock(Store::open(&path).unwrap(), fixed_now).unwrap()
    });
    let msg = app.message.as_ref().unwrap();
    assert_eq!(msg.tone, netday::state::Tone::Warn);
    assert!(msg.text.contains("networking day #"), "{}", msg.text);
}

// --- badge codes (item 2) ---

#[test]
fn two_fresh_databases_hand_out_different_codes() {
    let codes = || {
        let (_d, store) = temp_store();
        (0..3)
            .map(|i| {
                let mut p = person(&format!("사람{i}"));
                store.put_person(&mut p).unwrap();
                assert!(looks_like_code(&p.code) && p.code.len() == 4, "{}", p.code);
                p.code
            })
            .collect::<Vec<_>>()
    };
    assert_ne!(codes(), codes());
}

#[test]
fn a_code_given_ahead_never_blocks_new_people_and_a_taken_one_names_its_holder() {
    let (_d, store) = temp_store();
    // The codes ids 2 and 3 had before codes were drawn at random.
    let mut a = person("김기성");
    a.code = badge_code(2);
    store.put_person(&mut a).unwrap();
    let mut b = person("이영희");
    b.code = badge_code(3);
    store.put_person(&mut b).unwrap();
    let mut codes = std::collections::HashSet::from([a.code.clone(), b.code.clone()]);
    for i in 0..50 {
        let mut p = person(&format!("새사람{i}"));
        store.put_person(&mut p).unwrap();
        assert!(codes.insert(p.code.clone()), "{} handed out twice", p.code);
    }
    // Saving again keeps the code.
    let before = a.code.clone();
    a.role = "이사장".into();
    store.put_person(&mut a).unwrap();
    assert_eq!(a.code, before);
    // A code that is someone else's is refused, naming them.
    let mut c = person("박민수");
    c.code = b.code.clone();
    match store.put_person(&mut c) {
        Err(StoreError::CodeTaken { code, holder_name }) => {
            assert_eq!((code, holder_name.as_str()), (b.code.clone(), "이영희"))
        }
        other => panic!("expected CodeTaken, got {:?}", other.map(|_| ())),
    }
    let err = store.put_person(&mut c).unwrap_err();
    assert!(err.ko().contains("이영희") && err.en().contains("already belongs"));
}

// --- a directory that is not a netday database (item 4) ---

/// The permission bits (Windows: only whether it is read-only).
fn mode(p: &std::path::Path) -> u32 {
    let perms = std::fs::metadata(p).unwrap().permissions();
    #[cfg(unix)]
    return std::os::unix::fs::PermissionsExt::mode(&perms);
    #[cfg(not(unix))]
    return u32::from(perms.readonly());
}

/// Every entry under `dir` (itself included): path, kind, permissions and a digest of its bytes.
fn fingerprint(dir: &std::path::Path) -> Vec<(String, u32, u64)> {
    use std::hash::{Hash, Hasher};
    let mut out = vec![(dir.display().to_string(), mode(dir), 0)];
    if dir.is_dir() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(fingerprint(&p));
            } else {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                std::fs::read(&p).unwrap().hash(&mut h);
                out.push((p.display().to_string(), mode(&p), h.finish()));
            }
        }
    } else {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::fs::read(dir).unwrap().hash(&mut h);
        out[0].2 = h.finish();
    }
    out.sort();
    out
}

#[test]
fn a_directory_that_is_not_a_netday_database_is_refused_and_left_byte_identical() {
    let root = tempfile::tempdir().unwrap();
    let make = |name: &str, files: &[(&str, &[u8])]| {
        let d = root.path().join(name);
        std::fs::create_dir(&d).unwrap();
        for (f, bytes) in files {
            if let Some(parent) = std::path::Path::new(f).parent() {
                std::fs::create_dir_all(d.join(parent)).unwrap();
            }
            std::fs::write(d.join(f), bytes).unwrap();
        }
        d
    };
    let random: Vec<u8> = (0..70_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases = [
        make("random-db", &[("db", &random)]),
        make(
            "garbage-conf",
            &[("conf", b"segment_size: 99\nnot sled at all\n")],
        ),
        make(
            "user-files",
            &[
                ("회의록.md", "# 11월".as_bytes()),
                ("photos/a.jpg", &random[..500]),
            ],
        ),
        make(
            "user-file-named-marker",
            &[("NETDAY_CREATING", b""), ("letter.txt", b"hi")],
        ),
    ];
    let plain_file = root.path().join("a-file");
    std::fs::write(&plain_file, b"not a directory").unwrap();
    for dir in cases.iter().chain([&plain_file]) {
        let before = fingerprint(dir);
        for _ in 0..2 {
            match Store::open(dir) {
                Err(e @ StoreError::Foreign(_)) => {
                    assert!(e.ko().contains(&dir.display().to_string()), "{}", e.ko())
                }
                other => panic!(
                    "{}: expected Foreign, got {:?}",
                    dir.display(),
                    other.map(|_| ())
                ),
            }
            assert_eq!(before, fingerprint(dir), "{} was changed", dir.display());
        }
    }

    // A netday database whose log and snapshots were deleted stays refused, every time.
    let db = root.path().join("netday.db");
    {
        let store = Store::open(&db).unwrap();
        store.put_person(&mut person("김기성")).unwrap();
    }
    for e in std::fs::read_dir(&db).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "db" || name.starts_with("snap.") {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    let before = fingerprint(&db);
    for _ in 0..2 {
        match Store::open(&db) {
            Err(e @ StoreError::Missing(_)) => {
                assert!(
                    e.en().contains(&db.join("db").display().to_string()),
                    "{}",
                    e.en()
                )
            }
            other => panic!("expected Missing, got {:?}", other.map(|_| ())),
        }
        assert_eq!(before, fingerprint(&db));
    }

    // An empty folder becomes a database.
    let empty = make("empty", &[]);
    Store::open(&empty)
        .unwrap()
        .put_person(&mut person("김기성"))
        .unwrap();
    assert_eq!(Store::open(&empty).unwrap().people().unwrap().len(), 1);
}

// --- messages (item 6) ---

#[test]
fn a_damaged_log_names_the_file_without_debug_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = Store::open(&path).unwrap();
        netday::demo::load(&store, demo_date()).unwrap();
    }
    let log = path.join("db");
    let mut bytes = std::fs::read(&log).unwrap();
    for (i, b) in bytes.iter_mut().take(4096).enumerate() {
        *b = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    std::fs::write(&log, &bytes).unwrap();
    let err = Store::open(&path).map(|_| ()).unwrap_err();
    for text in [err.ko(), err.en(), err.to_string()] {
        assert!(text.contains(&log.display().to_string()), "{text}");
        assert!(
            !text.contains("Some(") && !text.contains("Inline"),
            "{text}"
        );
    }
    let denied = StoreError::Io {
        path: "/srv/netday".into(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    assert!(
        denied.ko().contains("권한이 없어 /srv/netday"),
        "{}",
        denied.ko()
    );
    assert!(
        denied.en().contains("Permission denied: /srv/netday"),
        "{}",
        denied.en()
    );
}

// --- a full disk (item 3) ---

/// Set for the child test run inside its own small tmpfs.
#[cfg(unix)]
const FULL_DISK_DIR: &str = "NETDAY_TEST_FULL_DISK_DIR";

/// Runs `full_disk_child` in a private mount namespace on a 4 MiB tmpfs, so the disk really
/// fills up. Needs `unshare` (util-linux) and user namespaces; fails, saying so, without them.
#[cfg(target_os = "linux")] // a real small disk: tmpfs in a private mount namespace (unshare)
#[test]
fn a_full_disk_is_said_in_words_and_saving_works_again_once_space_is_freed() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(
            r#"mount -t tmpfs -o size=4m netday-test "$1" || exit 97
               exec timeout 120 "$2" --exact store::full_disk_child --ignored --nocapture --test-threads=1"#,
        )
        .arg("sh")
        .arg(dir.path())
        .arg(std::env::current_exe().unwrap())
        .env(FULL_DISK_DIR, dir.path())
        .output()
        .unwrap_or_else(|e| {
            panic!("this test needs `unshare` from util-linux to make a small disk: {e}")
        });
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() != Some(97) && !stderr.contains("unshare failed"),
        "this test needs unprivileged user namespaces and tmpfs mounts inside them \
         (unshare --user --map-root-user --mount; mount -t tmpfs): {stderr}"
    );
    assert!(
        out.status.success() && stdout.contains("full-disk child: all checks passed"),
        "child failed:\n{stdout}\n{stderr}"
    );
}

#[cfg(unix)] // used by the full-disk child only
fn fill_disk(dir: &std::path::Path) -> std::path::PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    for chunk in [65536, 4096, 1] {
        let block = vec![0x5au8; chunk];
        while f.write_all(&block).is_ok() {}
    }
    filler
}

#[cfg(unix)] // run inside the tmpfs the test above mounts
#[test]
#[ignore = "run by a_full_disk_is_said_in_words_and_saving_works_again_once_space_is_freed"]
fn full_disk_child() {
    let root = std::path::PathBuf::from(
        std::env::var_os(FULL_DISK_DIR).expect("only runs inside the full-disk test's tmpfs"),
    );
    let path = root.join("db");
    let mut first = person("김기성");
    {
        let store = Store::open(&path).unwrap();
        store.put_person(&mut first).unwrap();
    }

    // Opening on a full disk may fail, in words; it must leave nothing that breaks the next open.
    let filler = fill_disk(&root);
    for _ in 0..3 {
        match Store::open(&path) {
            Ok(store) => drop(store),
            Err(e) => {
                assert!(matches!(e, StoreError::DiskFull { .. }), "{e:?}");
                assert!(e.ko().contains("디스크가 가득 찼습니다"), "{}", e.ko());
                assert!(e.en().contains("The disk is full"), "{}", e.en());
            }
        }
    }
    std::fs::remove_file(&filler).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.people().unwrap(), vec![first.clone()]);

    // A running store: a save on a full disk fails in words, before sled is touched (a large
    // value sled fails to write leaves it waiting forever); once space is freed the same store
    // saves again, and what failed was not kept.
    let names = |s: &Store| {
        let mut v: Vec<String> = s.people().unwrap().into_iter().map(|p| p.name).collect();
        v.sort();
        v
    };
    let filler = fill_disk(&root);
    let mut lost = person("이영희");
    lost.notes = "가".repeat(100_000);
    let e = store.put_person(&mut lost).unwrap_err();
    assert!(matches!(e, StoreError::DiskFull { .. }), "{e:?}");
    assert!(
        e.ko().contains("공간을 비운 뒤 다시 저장하세요"),
        "{}",
        e.ko()
    );
    std::fs::remove_file(&filler).unwrap();
    let mut saved = person("박민수");
    saved.notes = "나".repeat(100_000);
    store.put_person(&mut saved).unwrap();
    assert_eq!(names(&store), vec!["김기성", "박민수"]);

    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(names(&store), vec!["김기성", "박민수"]);

    // In the app: a save that fails keeps its form open with everything typed, and the same
    // Enter saves once space is freed.
    use netday::state::{Action, App};
    let mut e = Event {
        id: 0,
        title: "11월 네트워킹데이".into(),
        date: demo_date(),
        start: None,
        end: None,
        venue: String::new(),
        district: District::Other,
        status: EventStatus::Planned,
    };
    store.put_event(&mut e).unwrap();
    let mut app = App::new(store).unwrap();
    app.update(Action::WalkIn);
    for c in "최현장".chars() {
        app.update(Action::Input(c));
    }
    // Name → organisation → role → phone.
    for _ in 0..3 {
        app.update(Action::NextField);
    }
    for c in "01055556666".chars() {
        app.update(Action::Input(c));
    }
    let filler = fill_disk(&root);
    app.update(Action::Submit);
    let Some(f) = common::person_form(&app) else {
        panic!("a failed save closed the form: {:?}", app.message);
    };
    assert_eq!((&*f.name.text, &*f.phone), ("최현장", "01055556666"));
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("디스크가 가득 찼습니다"), "{said}");
    std::fs::remove_file(&filler).unwrap();
    app.update(Action::Submit);
    assert_eq!(app.modal, None, "{:?}", app.message);
    assert!(app.data.roster.people.iter().any(|p| p.name == "최현장"));
    println!("full-disk child: all checks passed");
}

#[test]
fn what_an_open_on_a_full_disk_leaves_behind_never_breaks_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    let people = demo_store_at(&path).people().unwrap();
    assert!(!people.is_empty());
    // sled creates `snap.<lsn>.generating` before writing it; on a full disk it stays empty,
    // and sled then reads it as the newest snapshot.
    std::fs::write(path.join("snap.00000000FFFFFFFF.generating"), b"").unwrap();
    std::fs::write(path.join("NETDAY_SCHEMA.tmp"), b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.people().unwrap(), people);
    assert!(!path.join("snap.00000000FFFFFFFF.generating").exists());
    assert!(!path.join("NETDAY_SCHEMA.tmp").exists());
}

fn demo_store_at(path: &std::path::Path) -> Store {
    let store = Store::open(path).unwrap();
    netday::demo::load(&store, demo_date()).unwrap();
    store
}
