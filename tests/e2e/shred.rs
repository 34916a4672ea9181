//! Issue 29: a shred leaves no byte behind. The real binary shreds people; then every file in
//! the database's folder (sled's log and snapshots, the cache files, the journal inside them) is
//! searched for their phone numbers and e-mails, raw and as netday encodes them (the search
//! index keeps a phone as its digits): none is found, and the day's counts and minutes are as
//! they were. A shred at desk A reaches desk B through `netday sync` (two processes on
//! 127.0.0.1) and leaves nothing in B's files either.

use crate::common;
use common::*;

use std::path::Path;

use netday::data::Data;
use netday::model::{Person, privacy};
use netday::store::Store;

/// The day's numbers and minutes of every day, as a coordinator reads them.
fn days(db: &Path) -> Vec<String> {
    let data = Data::new(Store::open(db).unwrap());
    let store = data.store_for_tests();
    let mut out = Vec::new();
    for e in store.events().unwrap() {
        out.push(format!("{:?}", data.day_count(e.id).unwrap()));
    }
    out
}

fn minutes(db: &Path) -> Vec<String> {
    let store = Store::open(db).unwrap();
    store
        .events()
        .unwrap()
        .iter()
        .map(|e| {
            let m = netday::io::minutes::MinutesData::load(&store, e).unwrap();
            netday::io::minutes::render(&m, netday::i18n::Lang::Ko)
        })
        .collect()
}

/// People of the demo with a phone and an e-mail, each name held by nobody else.
fn with_contact(store: &Store, n: usize) -> Vec<Person> {
    let people = store.people().unwrap();
    people
        .iter()
        .filter(|p| !p.phone.is_empty() && !p.email.is_empty())
        .filter(|p| people.iter().filter(|o| o.name == p.name).count() == 1)
        .take(n)
        .cloned()
        .collect()
}

fn values(people: &[Person]) -> Vec<String> {
    people
        .iter()
        .flat_map(|p| [p.phone.clone(), p.email.clone()])
        .collect()
}

#[test]
fn a_shred_leaves_no_phone_or_email_in_any_file_and_the_days_stay_the_same() {
    let (dir, store) = demo_store();
    let db = dir.path().join("db");
    // A second copy of the values in the journal: one of them edited once more.
    let chosen = with_contact(&store, 3);
    assert_eq!(
        chosen.len(),
        3,
        "the demo has people with a phone and an e-mail"
    );
    let mut edited = chosen[0].clone();
    edited.notes = "알레르기: 땅콩".into();
    store.put_person(&mut edited).unwrap();
    drop(store);
    // The caches hold the values too once anything was read.
    let (s, out, err) = run(&db, &["search", &chosen[1].name]);
    assert_eq!(s, 0, "{out}{err}");
    let shredded = values(&chosen);
    assert!(
        !found_in(&db, &shredded).is_empty(),
        "the test finds the values before the shred"
    );
    let counts = days(&db);
    let minutes_before = minutes(&db);

    // Two by contact data, one whole.
    let (s, out, err) = run(
        &db,
        &[
            "shred",
            "--person",
            &chosen[0].code,
            "--person",
            &chosen[1].name,
            "--yes",
        ],
    );
    assert_eq!(s, 0, "{out}{err}");
    assert!(out.contains("2명의 연락처를 파기했습니다"), "{out}");
    assert!(err.contains("백업 파일"), "older backups are named: {err}");
    assert_eq!(minutes(&db), minutes_before, "the minutes are unchanged");
    let (s, out, err) = run(
        &db,
        &["shred", "--person", &chosen[2].code, "--whole", "--yes"],
    );
    assert_eq!(s, 0, "{out}{err}");

    let hits = found_in(&db, &shredded);
    assert!(hits.is_empty(), "shredded values still in files: {hits:?}");
    assert_eq!(days(&db), counts, "the day's numbers are unchanged");

    let store = Store::open(&db).unwrap();
    let gone = store.person(chosen[2].id).unwrap().unwrap();
    assert!(privacy::is_anonymous(&gone), "{gone:?}");
    assert!(
        !store
            .people()
            .unwrap()
            .iter()
            .any(|p| p.name == chosen[2].name),
        "the whole shred took the name"
    );
    let kept = store.person(chosen[0].id).unwrap().unwrap();
    assert_eq!(kept.name, chosen[0].name, "a contact shred keeps the name");
    assert!(kept.phone.is_empty() && kept.email.is_empty() && kept.notes.is_empty());
    // The journal entry of the edit is still listed, without the values; its undo is refused.
    let edit = store
        .changes(usize::MAX, |c| {
            !matches!(c.kind, netday::model::ChangeKind::Shred { .. })
                && c.writes
                    .iter()
                    .any(|w| w.tree == "people" && w.key == chosen[0].id.to_be_bytes().as_slice())
        })
        .unwrap();
    let edit = edit.first().expect("the edit is on record");
    let refused = store.undo(edit.order).unwrap_err();
    assert!(refused.ko().contains("개인정보 파기"), "{}", refused.ko());
    let shred = store.changes(1, |_| true).unwrap().remove(0);
    let refused = store.undo(shred.order).unwrap_err();
    assert!(
        refused.ko().contains("되돌릴 수 없습니다"),
        "{}",
        refused.ko()
    );
}

#[test]
fn nobody_is_shredded_without_a_yes() {
    let (dir, store) = demo_store();
    let db = dir.path().join("db");
    let p = with_contact(&store, 1).remove(0);
    drop(store);
    // No terminal to ask: refused in words, nothing changed.
    let (s, out, err) = run(&db, &["shred", "--person", &p.code]);
    assert_ne!(s, 0, "{out}{err}");
    assert!(out.contains(&p.name), "who is shown first: {out}");
    assert!(err.contains("--yes"), "{err}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.person(p.id).unwrap().unwrap().phone, p.phone);
    drop(store);
    let (s, _, err) = run(&db, &["shred", "--person", "없는사람"]);
    assert_ne!(s, 0);
    assert!(err.contains("맞는 사람이 없습니다"), "{err}");
    // The retention rule: 0 months makes everyone with contact data due.
    let (s, out, err) = run(&db, &["shred", "--retention", "0", "--due"]);
    assert_ne!(s, 0, "asks, and there is no terminal: {out}{err}");
    assert!(out.contains(&p.name), "{out}");
    assert!(err.contains("0개월"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_shred_at_one_desk_leaves_nothing_at_the_other_after_sync() {
    use super::sync_cli::{host, stop};
    let (dir_a, a) = demo_store();
    let db_a = dir_a.path().join("db");
    let chosen = with_contact(&a, 2);
    drop(a);
    let dir_b = tempfile::tempdir().unwrap();
    let db_b = dir_b.path().join("db");

    let (h, addr, code) = host(&db_a);
    let (s, out, err) = run(&db_b, &["sync", "join", &addr, &code]);
    assert_eq!(s, 0, "{out}{err}");
    stop(h);
    let shredded = values(&chosen);
    // B searched for one of them: its caches hold the values too.
    let (s, out, err) = run(&db_b, &["search", &chosen[0].name]);
    assert_eq!(s, 0, "{out}{err}");
    assert!(!found_in(&db_b, &shredded).is_empty(), "B holds the values");
    let counts_b = days(&db_b);

    let (s, out, err) = run(
        &db_a,
        &[
            "shred",
            "--person",
            &chosen[0].code,
            "--person",
            &chosen[1].code,
            "--yes",
        ],
    );
    assert_eq!(s, 0, "{out}{err}");

    let (h, addr, code) = host(&db_a);
    let (s, out, err) = run(&db_b, &["sync", "join", &addr, &code]);
    assert_eq!(s, 0, "{out}{err}");
    stop(h);

    for (db, desk) in [(&db_a, "A"), (&db_b, "B")] {
        let hits = found_in(db, &shredded);
        assert!(hits.is_empty(), "desk {desk} still holds: {hits:?}");
    }
    assert_eq!(days(&db_b), counts_b, "B's day numbers are unchanged");
    let (a, b) = (Store::open(&db_a).unwrap(), Store::open(&db_b).unwrap());
    for p in &chosen {
        let at_b = b.person(p.id).unwrap().unwrap();
        assert_eq!(at_b.name, p.name);
        assert!(at_b.phone.is_empty() && at_b.email.is_empty(), "{at_b:?}");
    }
    assert_eq!(exports(&a), exports(&b), "both desks export the same");
}

/// A shred killed at any moment: either it did not happen, or — once the database is opened
/// and rewritten (`netday compact`, as the TUI and `netday sync` do by themselves) — nothing of
/// the values is left in any file.
#[cfg(unix)]
#[test]
fn a_shred_killed_at_any_moment_is_whole_or_absent_and_leaves_nothing_once_rewritten() {
    let mut seed = seed_from_env("NETDAY_CRASH_SEED", "shred kill");
    let (dir, store) = demo_store();
    let db = dir.path().join("db");
    let chosen = with_contact(&store, 2);
    drop(store);
    let spare = tempfile::tempdir().unwrap();
    let template = spare.path().join("template");
    copy_dir(&db, &template);
    let args = |db: &Path| -> Vec<String> {
        vec![
            "--db".into(),
            db.display().to_string(),
            "shred".into(),
            "--person".into(),
            chosen[0].code.clone(),
            "--person".into(),
            chosen[1].code.clone(),
            "--yes".into(),
        ]
    };
    // How long a whole shred takes here: the kills fall within it.
    let t = std::time::Instant::now();
    let (s, out, err) = run(
        &db,
        &args(&db)[2..]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(s, 0, "{out}{err}");
    let whole = t.elapsed().as_millis() as u64 + 1;
    let shredded = values(&chosen);
    let (mut cut, mut done) = (0, 0);
    for round in 0..8 {
        let _ = std::fs::remove_dir_all(&db);
        copy_dir(&template, &db);
        let ms = xorshift(&mut seed) % whole;
        let args = args(&db);
        if killed_after(&args.iter().map(String::as_str).collect::<Vec<_>>(), ms) {
            done += 1;
        } else {
            cut += 1;
        }
        let (s, out, err) = run(&db, &["compact"]);
        assert_eq!(s, 0, "round {round} ({ms} ms): {out}{err}");
        let store = Store::open(&db).unwrap();
        let now: Vec<Person> = chosen
            .iter()
            .map(|p| store.person(p.id).unwrap().unwrap())
            .collect();
        drop(store);
        let gone = now.iter().filter(|p| p.phone.is_empty()).count();
        assert!(
            gone == 0 || gone == now.len(),
            "round {round} ({ms} ms): one transaction shreds both: {now:?}"
        );
        if gone == now.len() {
            let hits = found_in(&db, &shredded);
            assert!(hits.is_empty(), "round {round} ({ms} ms): {hits:?}");
        }
    }
    eprintln!("{cut} of 8 cut, {done} finished");
}

/// The moment a random kill rarely hits: the shred durable, no copy of its values removed yet.
/// Opening removes them from the journal; the rewrite of the files removes the rest.
#[test]
fn a_shred_cut_right_after_it_was_saved_is_finished_by_the_next_rewrite() {
    let (dir, store) = demo_store();
    let db = dir.path().join("db");
    let chosen = with_contact(&store, 1);
    drop(store);
    let out = std::process::Command::new(bin())
        .arg("--db")
        .arg(&db)
        .args(["shred", "--person", &chosen[0].code, "--yes"])
        .env("NETDAY_TEST_DIE_AFTER_SHRED", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "the seam cut it");
    let shredded = values(&chosen);
    assert!(
        !found_in(&db, &shredded).is_empty(),
        "cut before any copy was removed"
    );
    let (s, out, err) = run(&db, &["compact"]);
    assert_eq!(s, 0, "{out}{err}");
    let hits = found_in(&db, &shredded);
    assert!(hits.is_empty(), "{hits:?}");
    let store = Store::open(&db).unwrap();
    assert!(
        store
            .person(chosen[0].id)
            .unwrap()
            .unwrap()
            .phone
            .is_empty()
    );
}

/// A shred of thousands (the retention rule's first run on an old list) is written in steps of
/// its own journal entries: one entry for everyone would pass the largest record netday
/// writes, and nothing would be shredded.
#[test]
fn a_shred_of_thousands_is_written_in_steps_and_leaves_no_phone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let (s, out, err) = run(
        &db,
        &[
            "generate", "--people", "2500", "--events", "2", "--seed", "3",
        ],
    );
    assert_eq!(s, 0, "{out}{err}");
    let (s, out, err) = run(&db, &["shred", "--retention", "0", "--due", "--yes"]);
    assert_eq!(s, 0, "{out}{err}");
    let store = Store::open(&db).unwrap();
    let left = store
        .people()
        .unwrap()
        .into_iter()
        .filter(|p| !p.phone.is_empty() || !p.email.is_empty())
        .count();
    assert_eq!(left, 0, "everyone with contact data was due under 0 months");
    let steps = store
        .changes(usize::MAX, |c| {
            matches!(c.kind, netday::model::ChangeKind::Shred { .. })
        })
        .unwrap()
        .len();
    assert!(steps >= 3, "2,500 people in steps: {steps} entries");
}

/// A consent withdrawn in a later list (PIPA Art. 37): the first import kept phones and
/// e-mails (동의), the second says 미동의 for two of the three. The real binary empties those
/// two, takes them out of the journal and rewrites the files before it says it is done: no
/// file under the database folder holds them; the third keeps hers.
#[test]
fn a_consent_withdrawn_in_a_later_import_leaves_no_phone_or_email_in_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let first = dir.path().join("4월 명단.csv");
    std::fs::write(
        &first,
        "이름,소속,전화,이메일,개인정보 수집·이용 동의\n\
         한가람,새솔신협,010-5100-0001,garam@saesol.example,동의\n\
         윤보라,새솔신협,010-5100-0002,bora@saesol.example,동의\n\
         정다온,한빛생협,010-5100-0003,daon@hanbit.example,동의\n",
    )
    .unwrap();
    let (s, out, err) = run(&db, &["import", first.to_str().unwrap()]);
    assert_eq!(s, 0, "{out}{err}");
    // Searched once: the caches hold the phones as digits too.
    let (s, out, err) = run(&db, &["search", "한가람"]);
    assert_eq!(s, 0, "{out}{err}");
    let withdrawn = [
        "010-5100-0001",
        "garam@saesol.example",
        "010-5100-0002",
        "bora@saesol.example",
    ]
    .map(String::from);
    assert!(!found_in(&db, &withdrawn).is_empty(), "found before");
    let second = dir.path().join("5월 명단.csv");
    std::fs::write(
        &second,
        "이름,소속,개인정보 수집·이용 동의\n\
         한가람,새솔신협,미동의\n\
         윤보라,새솔신협,미동의\n\
         정다온,한빛생협,동의\n",
    )
    .unwrap();
    let (s, out, err) = run(&db, &["import", second.to_str().unwrap()]);
    assert_eq!(s, 0, "{out}{err}");
    // Said as it happens: two people changed (not skipped), their kept contact removed.
    assert!(out.contains("갱신 2명, 건너뜀 1명"), "{out}");
    assert!(
        out.contains(
            "2명이 동의하지 않는다고 답해, 보관하던 전화·이메일을 지난 기록에서도 지웁니다"
        ),
        "{out}"
    );
    assert!(err.contains("새로 쓰는 중"), "{err}");
    let hits = found_in(&db, &withdrawn);
    assert!(hits.is_empty(), "withdrawn values still in files: {hits:?}");
    let store = Store::open(&db).unwrap();
    let people = store.people().unwrap();
    let daon = people.iter().find(|p| p.name == "정다온").unwrap();
    assert_eq!(daon.phone, "010-5100-0003", "her consent stands");
    for name in ["한가람", "윤보라"] {
        let p = people.iter().find(|p| p.name == name).unwrap();
        assert_eq!((p.phone.as_str(), p.email.as_str()), ("", ""), "{name}");
    }
    assert!(
        !store.shred_unfinished().unwrap(),
        "the files were rewritten"
    );
}

/// The same withdrawal cut by a kill right after the "no" was durable, before any copy was
/// scrubbed: opening scrubs the journal (the marks say whom), and the rewrite the desk and
/// `netday compact` make leaves no file holding the values.
#[test]
fn a_withdrawal_cut_right_after_it_was_saved_is_finished_on_open_and_by_the_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let list = dir.path().join("명단.csv");
    std::fs::write(
        &list,
        "이름,소속,전화,이메일,동의 여부\n한가람,새솔신협,010-5200-0001,garam@saesol.example,동의\n",
    )
    .unwrap();
    let (s, out, err) = run(&db, &["import", list.to_str().unwrap()]);
    assert_eq!(s, 0, "{out}{err}");
    let later = dir.path().join("철회.csv");
    std::fs::write(&later, "이름,소속,동의 여부\n한가람,새솔신협,미동의\n").unwrap();
    let out = std::process::Command::new(bin())
        .arg("--db")
        .arg(&db)
        .args(["import", later.to_str().unwrap()])
        .env("NETDAY_TEST_DIE_BEFORE_WITHDRAW_SCRUB", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "the seam cut the import");
    let values = ["010-5200-0001", "garam@saesol.example"].map(String::from);
    assert!(!found_in(&db, &values).is_empty(), "cut before the scrub");
    {
        let store = Store::open(&db).unwrap();
        assert!(
            store.shred_unfinished().unwrap(),
            "the marks survived the kill"
        );
        let held = store
            .changes(usize::MAX, |_| true)
            .unwrap()
            .iter()
            .flat_map(|c| c.writes.iter())
            .flat_map(|w| [&w.before, &w.after])
            .flatten()
            .any(|b| holds_bytes(b, b"010-5200-0001"));
        assert!(!held, "opening scrubbed the journal");
    }
    let (s, out, err) = run(&db, &["compact"]);
    assert_eq!(s, 0, "{out}{err}");
    let hits = found_in(&db, &values);
    assert!(hits.is_empty(), "{hits:?}");
}
