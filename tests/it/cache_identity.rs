//! The roster and search caches are believed only for the database and the very state they were
//! built from, and even a wrong cache cannot check in the wrong person.

use std::path::Path;

use crate::common;
use common::*;

use netday::data::Roster;
use netday::data::roster::saved_index;
use netday::i18n::{Lang, set_lang};
use netday::model::AttendanceStatus;
use netday::state::{Action, Tone};
use netday::store::Store;

/// A store with "김에이7" and "박비7", and both caches written.
fn two_people(path: &Path) -> (u64, u64) {
    let store = Store::open(path).unwrap();
    let mut a = person("김에이7");
    let mut b = person("박비7");
    store.put_person(&mut a).unwrap();
    store.put_person(&mut b).unwrap();
    Roster::load(&store, None, &[]).unwrap();
    (a.id, b.id)
}

/// Gives person `id` the name `name` and writes the caches for that state.
fn rename(path: &Path, id: u64, name: &str) {
    let store = Store::open(path).unwrap();
    let mut p = store.person(id).unwrap().unwrap();
    p.name = name.into();
    store.put_person(&mut p).unwrap();
    Roster::load(&store, None, &[]).unwrap();
}

fn names_by_search(store: &Store, query: &str) -> Vec<String> {
    let roster = Roster::load(store, None, &[]).unwrap();
    let mut hits = Vec::new();
    roster.index.search_top(query, 10, &mut hits);
    hits.iter()
        .map(|h| store.person(h.id).unwrap().unwrap().name)
        .collect()
}

/// Two copies of one folder, each changed once (the same number of writes, so a write counter
/// agrees), then one copy's caches put into the other: the database is read, not the caches.
#[test]
fn a_copys_caches_are_not_believed_by_the_other_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let (first, second) = two_people(&a);
    copy_dir(&a, &b);
    // Copy A swaps the two names' owners; copy B keeps them and renames one.
    rename(&a, first, "박비7");
    rename(&a, second, "김에이7");
    rename(&b, first, "김에이7");
    rename(&b, second, "박비7");
    for file in ["cache.roster", "cache.search"] {
        assert!(a.join(file).is_file(), "{file} written");
        std::fs::copy(a.join(file), b.join(file)).unwrap();
    }
    let store = Store::open(&b).unwrap();
    let (people, _) = store.people_and_orgs().unwrap();
    let by_id = |id| people.iter().find(|p| p.id == id).unwrap().name.clone();
    assert_eq!(by_id(first), "김에이7");
    assert_eq!(by_id(second), "박비7");
    let generation = store.generation().unwrap();
    assert!(
        saved_index(&store, generation).unwrap().is_none(),
        "the other copy's search index is not used"
    );
    let roster = Roster::load(&store, None, &[]).unwrap();
    let mut hits = Vec::new();
    roster.index.search_top("김에이7", 1, &mut hits);
    assert_eq!(hits[0].id, first);
    assert_eq!(roster.index.display_name(first), Some("김에이7"));
    drop(roster);
    // Repaired: the files now hold this copy's state and are believed on the next start.
    assert!(saved_index(&store, generation).unwrap().is_some());
}

/// Another database's caches, even at a state reached by as many writes, are never read.
#[test]
fn another_databases_caches_are_not_believed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    two_people(&a);
    {
        let store = Store::open(&b).unwrap();
        store.put_person(&mut person("이성빈")).unwrap();
        store.put_person(&mut person("정하늘")).unwrap();
        Roster::load(&store, None, &[]).unwrap();
    }
    for file in ["cache.roster", "cache.search"] {
        std::fs::copy(a.join(file), b.join(file)).unwrap();
    }
    let store = Store::open(&b).unwrap();
    assert!(names_by_search(&store, "김에이7").is_empty());
    assert_eq!(names_by_search(&store, "이성빈"), ["이성빈"]);
}

/// One flipped bit inside a name in the saved index's body: the CRC refuses the file, and the
/// name is shown as stored.
#[test]
fn a_flipped_bit_in_the_saved_index_is_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = Store::open(&path).unwrap();
        store.put_person(&mut person("이성빈")).unwrap();
        Roster::load(&store, None, &[]).unwrap();
    }
    let file = path.join("cache.search");
    let mut bytes = std::fs::read(&file).unwrap();
    let name = "이성빈".as_bytes();
    let at = bytes
        .windows(name.len())
        .position(|w| w == name)
        .expect("the name is in the index");
    // The last byte of 이 (EC 9D B4): 0xB4 → 0xB5 is still UTF-8, and reads 흴-like garbage.
    bytes[at + 2] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    let store = Store::open(&path).unwrap();
    let generation = store.generation().unwrap();
    assert!(saved_index(&store, generation).unwrap().is_none());
    let roster = Roster::load(&store, None, &[]).unwrap();
    let id = store.people().unwrap()[0].id;
    assert_eq!(roster.index.display_name(id), Some("이성빈"));
}

/// Runs `f` on another thread and fails if it does not finish in a minute (a guard against a
/// hang, not a timing: the work takes milliseconds).
fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .expect("hung")
}

/// A FIFO, a directory or a link where a cache file should be is never opened (a FIFO would
/// block the open forever) nor replaced.
#[cfg(unix)]
#[test]
fn a_cache_that_is_not_a_regular_file_is_ignored_and_left_alone() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    drop(Store::open(&path).unwrap());
    let fifo = path.join("cache.search");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let elsewhere = dir.path().join("elsewhere");
    std::fs::write(&elsewhere, b"not netday's").unwrap();
    std::os::unix::fs::symlink(&elsewhere, path.join("cache.roster")).unwrap();
    let p = path.clone();
    let names = within_a_minute(move || {
        let store = Store::open(&p).unwrap();
        store.put_person(&mut person("정하늘")).unwrap();
        names_by_search(&store, "정하늘")
    });
    assert_eq!(names, ["정하늘"]);
    assert!(fifo.metadata().unwrap().file_type().is_fifo());
    assert!(
        path.join("cache.roster")
            .symlink_metadata()
            .unwrap()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&elsewhere).unwrap(), b"not netday's");
}

/// A cache file whose header claims a 40 GiB body (and whose size agrees, as a sparse file) is
/// not allocated for.
#[test]
fn a_cache_header_claiming_a_huge_body_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = Store::open(&path).unwrap();
        store.put_person(&mut person("정하늘")).unwrap();
        Roster::load(&store, None, &[]).unwrap();
    }
    let file = path.join("cache.search");
    let mut head = std::fs::read(&file).unwrap();
    head.truncate(52);
    let huge: u64 = 40 << 30;
    head[40..48].copy_from_slice(&huge.to_be_bytes());
    std::fs::write(&file, &head).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(52 + huge)
        .unwrap();
    let p = path.clone();
    let names = within_a_minute(move || {
        let store = Store::open(&p).unwrap();
        names_by_search(&store, "정하늘")
    });
    assert_eq!(names, ["정하늘"]);
}

/// Even when the list on screen names someone else than the database does under the same id,
/// the desk checks in nobody, says so, and reads the list again from the database.
#[test]
fn the_desk_never_checks_in_someone_the_screen_did_not_show() {
    set_lang(Lang::Ko);
    let (_dir, mut app) = demo_app();
    let event = app.event.as_ref().unwrap().id;
    let shown = app
        .data
        .roster
        .people
        .iter()
        .find(|p| p.name == "김기성")
        .unwrap()
        .clone();
    // Behind the roster's back the database now holds someone else under that id.
    let mut other = app
        .data
        .store_for_tests()
        .person(shown.id)
        .unwrap()
        .unwrap();
    other.name = "박비7".into();
    app.data.store_for_tests().put_person(&mut other).unwrap();
    for c in "ㄱㄱㅅ".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    let saved = app
        .data
        .store_for_tests()
        .attendance(event, shown.id)
        .unwrap();
    assert!(
        saved.is_none_or(|a| a.status.arrived_at().is_none()),
        "nobody was checked in"
    );
    let msg = app.message.as_ref().unwrap();
    assert_eq!(msg.tone, Tone::Error);
    assert!(msg.text.contains("체크인하지 않았습니다"), "{}", msg.text);
    // The list was read again: the desk now shows the database's name.
    assert_eq!(app.data.roster.person(shown.id).unwrap().name, "박비7");
    assert!(!matches!(
        app.data.roster.status(shown.id),
        Some(AttendanceStatus::CheckedIn { .. } | AttendanceStatus::WalkIn { .. })
    ));
}
