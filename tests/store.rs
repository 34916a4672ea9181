//! The store: round trips, indexes, reopening, migration, refusal of what it must not touch.

#![allow(clippy::unwrap_used)]

mod common;
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
    store.merge_people(kim, dup.id).unwrap();
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
    let before = Store::sync_count();
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
    assert!(Store::sync_count() >= before + 2);
}

#[test]
fn backup_and_restore_round_trip() {
    let (_d, store) = demo_store();
    let snap = store.snapshot().unwrap();
    let bytes = snap.to_bytes().unwrap();
    let (_d2, fresh) = temp_store();
    fresh
        .restore(&netday::store::Snapshot::from_bytes(&bytes).unwrap())
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
    // As if killed after sled made its files but before netday wrote anything of its own.
    std::fs::remove_file(path.join("NETDAY_SCHEMA")).unwrap();
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
}
