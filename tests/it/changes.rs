//! The change journal (issue 24): every write one entry in its own transaction, undo as a
//! change of its own, refusals that name the later change, and an import taken back whole.

#![allow(clippy::unwrap_used)]

use crate::common;

use netday::model::{Attendance, AttendanceStatus, ChangeKind, Ts};
use netday::store::{Store, StoreError};

/// Everything a user can see of the database, in a fixed order: equal before and after an undo.
fn fingerprint(s: &Store) -> String {
    let mut people = s.people().unwrap();
    people.sort_by_key(|p| p.id);
    let mut orgs = s.orgs().unwrap();
    orgs.sort_by_key(|o| o.id);
    let events = s.events().unwrap();
    let mut att = Vec::new();
    for e in &events {
        let mut a = s.attendance_of_event(e.id).unwrap();
        a.sort_by_key(|a| a.person_id);
        att.push(a);
    }
    let mut notes = s.notes().unwrap();
    notes.sort_by_key(|n| n.id);
    let mut ideas = s.ideas().unwrap();
    ideas.sort_by_key(|i| i.id);
    format!("{people:?}\n{orgs:?}\n{events:?}\n{att:?}\n{notes:?}\n{ideas:?}")
}

fn latest(s: &Store) -> netday::model::Change {
    s.changes(1, |_| true).unwrap().pop().unwrap()
}

#[test]
fn every_write_is_one_entry_with_its_kind_and_desk() {
    let (_d, s) = common::temp_store();
    s.set_desk_name("입구 1").unwrap();
    let mut p = common::person("김하늘");
    s.put_person(&mut p).unwrap();
    let c = latest(&s);
    assert_eq!(c.kind, ChangeKind::PersonSaved);
    assert_eq!(c.desk, "입구 1");
    assert!(
        c.writes
            .iter()
            .any(|w| w.tree == "people" && w.before.is_none())
    );
    // Drafts and counters are not changes.
    let before = s.changes(usize::MAX, |_| true).unwrap().len();
    s.put_draft(&netday::model::Draft {
        key: "note:1:0:0:n".into(),
        text: "쓰는 중".into(),
        saved: Ts(1),
    })
    .unwrap();
    assert_eq!(s.changes(usize::MAX, |_| true).unwrap().len(), before);
}

#[test]
fn an_edit_is_undone_exactly_and_the_undo_can_be_undone() {
    let (_d, s) = common::demo_store();
    let clean = fingerprint(&s);
    let mut p = s
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "김기성")
        .unwrap();
    p.phone = "010-9999-0000".into();
    s.put_person(&mut p).unwrap();
    let edit = latest(&s);
    assert_ne!(fingerprint(&s), clean);
    let undo = s.undo(edit.order).unwrap();
    assert_eq!(undo.kind, ChangeKind::Undo { of: edit.id() });
    assert_eq!(
        fingerprint(&s),
        clean,
        "the undo gives back exactly what was there"
    );
    // The undo is a change like any other: undoing it makes the edit again.
    s.undo(undo.order).unwrap();
    assert_eq!(s.person(p.id).unwrap().unwrap().phone, "010-9999-0000");
}

#[test]
fn an_undo_refuses_and_names_the_later_change_that_touched_the_same_record() {
    let (_d, s) = common::demo_store();
    let mut p = s
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "김기성")
        .unwrap();
    p.role = "감사".into();
    s.put_person(&mut p).unwrap();
    let first = latest(&s);
    p.phone = "010-1111-2222".into();
    s.put_person(&mut p).unwrap();
    let second = latest(&s);
    let before = fingerprint(&s);
    let Err(StoreError::UndoRefused { ko, en }) = s.undo(first.order) else {
        panic!("undo of an edit overwritten since went ahead");
    };
    assert!(ko.contains(&format!("#{}", second.id())), "{ko}");
    assert!(en.contains(&format!("#{}", second.id())), "{en}");
    assert_eq!(fingerprint(&s), before, "nothing written");
    // A second undo of the same change is refused too, naming the undo.
    s.undo(second.order).unwrap();
    let undo = latest(&s);
    let Err(StoreError::UndoRefused { ko, .. }) = s.undo(second.order) else {
        panic!("a change was undone twice");
    };
    assert!(ko.contains(&format!("#{}", undo.id())), "{ko}");
}

#[test]
fn an_import_is_taken_back_whole_and_a_person_used_since_is_not() {
    let (dir, s) = common::demo_store();
    let clean = fingerprint(&s);
    let clean_exports = common::exports(&s);
    let file = dir.path().join("명단.csv");
    std::fs::write(
        &file,
        "이름,소속,연락처\n최수연,햇살생협,010-2222-3333\n오지훈,새길협동조합,010-4444-5555\n",
    )
    .unwrap();
    let parsed = netday::io::csv::parse_people_csv(&std::fs::read(&file).unwrap()).unwrap();
    let day = common::demo_date();
    netday::io::import::apply_file(&s, &parsed, &file, Some(day), &mut netday::progress::Silent)
        .unwrap();
    let import = latest(&s);
    assert!(
        matches!(import.kind, ChangeKind::Import { .. }),
        "{:?}",
        import.kind
    );
    assert_ne!(fingerprint(&s), clean);
    s.undo(import.order).unwrap();
    assert_eq!(
        fingerprint(&s),
        clean,
        "people, organisations and registrations taken back"
    );
    assert!(
        common::exports(&s) == clean_exports,
        "every export as before, byte for byte"
    );

    // Imported again, and one of them checked in since: the import is not taken back.
    netday::io::import::apply_file(&s, &parsed, &file, Some(day), &mut netday::progress::Silent)
        .unwrap();
    let import = latest(&s);
    let event = s
        .events()
        .unwrap()
        .into_iter()
        .find(|e| e.date == day)
        .unwrap();
    let choi = s
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "최수연")
        .unwrap();
    s.put_attendance(&Attendance {
        event_id: event.id,
        person_id: choi.id,
        status: AttendanceStatus::CheckedIn {
            at: Ts(2),
            desk: "입구".into(),
        },
        updated: Ts(2),
    })
    .unwrap();
    let Err(StoreError::UndoRefused { ko, .. }) = s.undo(import.order) else {
        panic!("an import whose person checked in since was taken back");
    };
    assert!(ko.contains("최수연") || ko.contains("#"), "{ko}");
    assert!(s.person(choi.id).unwrap().is_some());
}

#[test]
fn a_merge_is_undone_to_both_people_as_they_were() {
    let (_d, s) = common::demo_store();
    let clean = fingerprint(&s);
    let people = s.people().unwrap();
    let kim = people.iter().find(|p| p.name == "김기성").unwrap().id;
    let ahn = people.iter().find(|p| p.name == "안지호").unwrap().id;
    s.merge_people(ahn, kim, &[]).unwrap();
    let merge = latest(&s);
    assert_eq!(merge.kind, ChangeKind::MergePeople);
    s.undo(merge.order).unwrap();
    assert_eq!(fingerprint(&s), clean);
}

#[test]
fn a_restored_database_starts_its_history_after_the_restore() {
    let (_d, s) = common::demo_store();
    assert!(
        !s.changes(1, |_| true).unwrap().is_empty(),
        "the demo is on record"
    );
    let snap = s.snapshot().unwrap();
    let (_d2, fresh) = common::temp_store();
    fresh.restore(&snap, &mut netday::progress::Silent).unwrap();
    assert!(
        fresh.changes(usize::MAX, |_| true).unwrap().is_empty(),
        "a restore is not 1,000 changes to undo one by one"
    );
}

#[test]
fn folded_changes_are_gone_counted_and_no_longer_undone() {
    let (_d, s) = common::demo_store();
    let all = s.changes(usize::MAX, |_| true).unwrap();
    let oldest = all.last().unwrap().order;
    let folded = s.fold_changes(|c| c.order != oldest).unwrap();
    assert_eq!(folded, 1);
    assert_eq!(s.folded().unwrap(), (1, oldest));
    assert_eq!(
        s.changes(usize::MAX, |_| true).unwrap().len(),
        all.len() - 1
    );
    let Err(StoreError::UndoRefused { ko, en }) = s.undo(oldest) else {
        panic!("a folded change was undone");
    };
    assert!(
        ko.contains("기록에 없습니다") && en.contains("not on record"),
        "{ko} / {en}"
    );
    // Nothing is folded without a setting; the previous networking day's changes never are.
    let (_d2, s2) = common::demo_store();
    let data = netday::data::Data::new(s2);
    let events = data.events().unwrap();
    assert_eq!(data.fold_history(Ts::now(), &events).unwrap(), 0);
}
